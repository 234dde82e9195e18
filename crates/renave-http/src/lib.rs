//! # renave-http
//!
//! The one request core shared by `renave-mg-client` and `renave-ws-client` (decision D10).
