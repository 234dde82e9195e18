//! # renave-http
//!
//! The one request core shared by `renave-mg-client` and `renave-ws-client` (decision D10 of
//! the specification digest). Everything both clients do around a request lives here, once:
//!
//! * a transport-agnostic [`RequestSpec`] built from an [`Endpoint`] and a [`Route`]
//!   (overridable per client with [`RouteOverrides`], decision D2);
//! * [`HttpCore::send`]: per-attempt timeout and whole-operation deadline ([`Timeouts`]), the
//!   retry decision of decision D6 as a pure function ([`retry::decide`]), jittered capped
//!   exponential backoff, `Retry-After` in seconds or HTTP-date ([`retry::parse_retry_after`]),
//!   a response-size cap enforced while reading, one tracing span per operation;
//! * [`HttpResponse`] and [`BodySnippet`] (a capped, one-line excerpt for error messages);
//! * [`TransportBuilder`]: the rustls (`ring`) `reqwest::Client` with extra roots and the mTLS
//!   client identity of Renave-WS (decision D5);
//! * [`HttpError`]: transport-level failures only — an HTTP error status is a response, which
//!   each client crate interprets.
//!
//! ```no_run
//! use renave_http::{
//!     CoreConfig, Endpoint, HttpCore, HttpMethod, Idempotency, RequestSpec, Route,
//!     RouteOverrides, TransportBuilder,
//! };
//!
//! const CONSULTAR: Endpoint = Endpoint {
//!     name: "consultar_aptidao_veiculo_estoque",
//!     route: Route::new(HttpMethod::Get, "aptidao-veiculo-estoque/{chassi}/{cpf_cnpj}"),
//!     idempotency: Idempotency::Idempotent,
//! };
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let base = url::Url::parse("https://api.example.invalid/api/veiculos/renave/")?;
//! let core = HttpCore::new(
//!     CoreConfig::new(base, "renave-rs/0.1.0"),
//!     TransportBuilder::default().build()?,
//! );
//! let overrides = RouteOverrides::default();
//! let route = overrides.resolve(&CONSULTAR);
//! let spec = RequestSpec::from_endpoint(
//!     &CONSULTAR,
//!     &route,
//!     &[("chassi", "9BWZZZ377VT004251"), ("cpf_cnpj", "11144477735")],
//! )?;
//! let response = core.send(&spec).await?;
//! if !response.is_success() {
//!     eprintln!("HTTP {}: {}", response.status(), response.snippet(256));
//! }
//! # Ok(()) }
//! ```

mod config;
mod core;
mod error;
mod method;
mod request;
mod response;
pub mod retry;
mod route;
mod transport;

pub use crate::config::{CoreConfig, RetryPolicy, Timeouts};
pub use crate::core::HttpCore;
pub use crate::error::{BoxError, HttpError, TimeoutKind};
pub use crate::method::{HttpMethod, Idempotency};
pub use crate::request::RequestSpec;
pub use crate::response::{BodySnippet, HttpResponse};
pub use crate::route::{Endpoint, Route, RouteError, RouteOverrides};
pub use crate::transport::TransportBuilder;
pub use url::Url;
