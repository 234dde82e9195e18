#![doc = include_str!("../README.md")]
//!
//! This facade re-exports the workspace's crates under short names.

/// The validated vocabulary and rules ([`renave_domain`]).
pub use renave_domain as domain;
/// The shared HTTP request core ([`renave_http`]).
pub use renave_http as http;
/// The CET-MG API client ([`renave_mg_client`]).
pub use renave_mg_client as mg;
/// The stateful simulators of both APIs ([`renave_simulador`]), with feature `simulador`.
#[cfg(feature = "simulador")]
pub use renave_simulador as simulador;
/// The Renave-WS client ([`renave_ws_client`]).
pub use renave_ws_client as ws;
