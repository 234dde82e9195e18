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
//! * `fixtures` (feature `fixtures`, test support): an [`Endpoint`] answered by a wiremock
//!   `Mock` — the generic part of both clients' per-operation fixtures;
//! * [`HttpError`]: transport-level failures only — an HTTP error status is a response, which
//!   each client crate interprets.
//!
//! ## Semantics
//!
//! * **Deadlines.** [`Timeouts::per_attempt`] bounds one attempt (send, wait, read the body);
//!   [`Timeouts::operation`] bounds the whole call, every attempt and backoff sleep included;
//!   [`Timeouts::connect`] is applied by the transport ([`HttpCore::from_transport`] wires it).
//! * **Retries (D6).** [`Idempotency::Idempotent`] requests are retried on connect failures,
//!   timeouts, broken exchanges and 429/502/503/504; [`Idempotency::StateChanging`] ones only
//!   when the connection could not be opened. A refused TLS handshake
//!   ([`HttpError::TlsRefused`]: a client certificate the server does not accept, a server
//!   certificate not trusted) is not sent again. A retry never starts if its delay would reach
//!   the operation deadline. Nothing below this crate resends: the transport turns reqwest's
//!   own retry off (it would resend after an HTTP/2 `REFUSED_STREAM` or `GOAWAY` even when a
//!   proxy had passed the request on), so the core's decision is the only one and
//!   [`HttpError::attempts`] / [`HttpResponse::attempts`] count every request that left.
//! * **Outcome unknown.** [`HttpError::may_have_executed`] is true when the request may have
//!   reached the server; [`HttpError::outcome_unknown`] is true when, moreover, it is
//!   state-changing: the client crate must then report the outcome as unknown rather than
//!   resend (a read that timed out is just a read to send again). For an HTTP error answer the
//!   one rule is [`retry::outcome_unknown`]: any 5xx but 503 to a state-changing request. Both
//!   clients' accessors use these two. Dropping the future of [`HttpCore::send`] cancels the
//!   exchange with the same consequence.
//! * **Size cap.** A body larger than [`CoreConfig::max_response_bytes`] is refused from its
//!   `Content-Length`, or as soon as the bytes read pass the cap; the rest is never read.
//! * **Privacy.** Tracing and `Debug` show the route *template*, never the rendered path,
//!   query values, header values or bodies (paths can hold a full CPF). Sensitive headers are
//!   held in [`secrecy::SecretString`] and marked sensitive in the HTTP stack.
//! * **Redirects** are not followed (a 3xx is returned as a response).
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
//! let core = HttpCore::from_transport(
//!     CoreConfig::new(base, "renave-rs/0.1.0"),
//!     TransportBuilder::default(),
//! )?;
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
pub mod contrato;
mod core;
pub mod decodificacao;
mod error;
#[cfg(feature = "fixtures")]
pub mod fixtures;
#[cfg(feature = "fixtures")]
pub mod hostil;
mod method;
mod operacao;
mod request;
mod response;
pub mod retry;
mod route;
mod transport;

pub use crate::config::{CoreConfig, RetryPolicy, Timeouts};
pub use crate::core::HttpCore;
pub use crate::error::{BoxError, HttpError, TimeoutKind};
pub use crate::method::{HttpMethod, Idempotency};
pub use crate::operacao::{
    Chamada, Envio, ErroNaoImplementado, ErroParametros, Executar, Opcoes, Operacao, Partes,
    Requisicao, pares,
};
pub use crate::request::RequestSpec;
pub use crate::response::{BodySnippet, HttpResponse};
pub use crate::route::{Endpoint, Route, RouteError, RouteOverrides};
pub use crate::transport::TransportBuilder;
pub use url::Url;

/// Used by [`operacoes!`]: the clients' mockable traits are `#[async_trait]` traits.
#[doc(hidden)]
pub use async_trait;
