// The README is the crate documentation; its examples run as doc tests and need the
// simulators (quick start) and the Redis token store ("Running many dealers and replicas"),
// so without features `simulador` and `redis` the documentation is this crate's summary alone.
#![cfg_attr(
    all(feature = "simulador", feature = "redis"),
    doc = include_str!("../README.md")
)]
#![cfg_attr(
    not(all(feature = "simulador", feature = "redis")),
    doc = "# renave-rs\n\nThe Rust SDK for RENAVE Usados in Minas Gerais (see `README.md`; \
           build the documentation with features `simulador` and `redis` for the whole README and \
           its examples)."
)]
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

/// The environment (*ambiente*) of both clients, one notion: [`Homologacao`](Ambiente::Homologacao),
/// [`Producao`](Ambiente::Producao), [`Personalizado`](Ambiente::Personalizado) (another
/// gateway) or [`Local`](Ambiente::Local) (the test mode, loopback only).
pub use renave_http::Ambiente;
