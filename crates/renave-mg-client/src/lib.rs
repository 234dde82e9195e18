//! # renave-mg-client
//!
//! Typed async client for the CET-MG RENAVE Usados API (PRODEMGE gateway).
