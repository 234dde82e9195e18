//! # renave-ws-client
//!
//! Typed async client for the federal Renave-WS (SERPRO), over mutual TLS.

pub mod api;
pub mod operacoes;
