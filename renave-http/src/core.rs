//! The request core: deadlines, retries, `Retry-After`, size cap, tracing.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use tracing::Instrument as _;
use url::Url;

use crate::config::CoreConfig;
use crate::error::{CausaErro, HttpError, TimeoutKind};
use crate::request::RequestSpec;
use crate::response::HttpResponse;
use crate::retry::{self, Decision, Outcome};
use crate::transport::TransportBuilder;

/// The one request core both clients share (decision D10). Cheap to clone (`Arc` inside),
/// `Send + Sync`.
///
/// ```no_run
/// use renave_http::{CoreConfig, HttpCore, HttpMethod, Idempotency, RequestSpec, TransportBuilder};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let base = url::Url::parse("https://api.example.invalid/api/veiculos/renave/")?;
/// let core = HttpCore::new(CoreConfig::new(base, "renave-rs/0.1.0"), TransportBuilder::default().build()?);
/// let spec = RequestSpec::new("consultar_x", HttpMethod::Get, "x", "x".to_owned(), Idempotency::Idempotent);
/// let response = core.send(&spec).await?;
/// println!("HTTP {}", response.status());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct HttpCore {
    inner: Arc<Inner>,
}

struct Inner {
    config: CoreConfig,
    client: reqwest::Client,
    /// The retry budget's bucket, shared by every clone ([`CoreConfig::retry_budget`]).
    balde: Option<retry::Balde>,
    /// Slots for requests in flight ([`CoreConfig::concurrency_limit`]).
    vagas: Option<tokio::sync::Semaphore>,
    /// The `User-Agent` header, built once (`None`: empty; `Err`: not a valid header value,
    /// which fails every request as an invalid request).
    user_agent: Result<Option<HeaderValue>, ()>,
}

/// What a send adds to its [`RequestSpec`] without copying it: the `Authorization` header (a
/// value built once, e.g. per token) and the deadlines.
#[derive(Default)]
struct Extra<'a> {
    authorization: Option<&'a HeaderValue>,
    timeouts: Option<crate::Timeouts>,
}

impl fmt::Debug for HttpCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpCore")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

/// How one attempt failed before a complete response was read.
enum AttemptError {
    Connect(CausaErro),
    /// The TLS handshake was refused (see [`tls_refusal`]): nothing was processed.
    TlsRefused(CausaErro),
    Transport {
        may_have_executed: bool,
        source: CausaErro,
    },
    TooLarge {
        status: u16,
    },
    /// The HTTP stack refused to send the request (e.g. `http://` with HTTPS only).
    NotSent(String),
}

/// The result of one attempt.
type AttemptResult = Result<(u16, HeaderMap, Bytes), AttemptError>;

impl HttpCore {
    /// A core sending through `client`, normally built by [`TransportBuilder`] (or use
    /// [`from_transport`](Self::from_transport)). The workspace builds reqwest without a
    /// default TLS crypto provider, so `reqwest::Client::new()` / `Client::builder().build()`
    /// panic or fail: build clients with [`TransportBuilder`], which supplies rustls + `ring`.
    ///
    /// A `client` built any other way **must** be built with
    /// `.retry(reqwest::retry::never())` (as [`TransportBuilder::build`] does), and without
    /// following redirects (`.redirect(reqwest::redirect::Policy::none())`). reqwest retries
    /// by default: after an HTTP/2 `REFUSED_STREAM` or `GOAWAY(NO_ERROR)` it resends a
    /// request, even a state-changing `POST` the server has read whole, up to twice, unseen by
    /// this core. That breaks decision D6 (a request that may have reached the server is never
    /// resent automatically) and makes [`HttpError::attempts`] and
    /// [`HttpResponse::attempts`] undercount the sends. `HttpCore` cannot inspect a
    /// `reqwest::Client`'s policy, so this is the caller's duty.
    pub fn new(config: CoreConfig, client: reqwest::Client) -> Self {
        let balde = config.retry_budget.map(retry::Balde::new);
        let vagas = config
            .concurrency_limit
            .map(|n| tokio::sync::Semaphore::new(n.clamp(1, tokio::sync::Semaphore::MAX_PERMITS)));
        let user_agent = if config.user_agent.is_empty() {
            Ok(None)
        } else {
            HeaderValue::from_str(&config.user_agent)
                .map(Some)
                .map_err(|_| ())
        };
        Self {
            inner: Arc::new(Inner {
                config,
                client,
                balde,
                vagas,
                user_agent,
            }),
        }
    }

    /// Tokens left in the retry budget shared by this core's clones (`None`: no budget,
    /// see [`CoreConfig::retry_budget`]).
    pub fn retry_budget_available(&self) -> Option<u32> {
        self.inner.balde.as_ref().map(retry::Balde::disponivel)
    }

    /// A core whose client is built from `transport`, taking the connect timeout
    /// ([`Timeouts::connect_within_attempt`](crate::Timeouts::connect_within_attempt), so that
    /// the per-attempt deadline cannot fire while connecting) and the `User-Agent` from
    /// `config` unless `transport` sets its own.
    ///
    /// # Errors
    ///
    /// [`HttpError::Configuration`] from [`TransportBuilder::build`].
    ///
    /// ```no_run
    /// use renave_http::{CoreConfig, HttpCore, TransportBuilder};
    ///
    /// let base = renave_http::Url::parse("https://api.example.invalid/api/veiculos/renave/")?;
    /// let core = HttpCore::from_transport(CoreConfig::new(base, "renave-rs/0.1.0"), TransportBuilder::default())?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_transport(
        config: CoreConfig,
        transport: TransportBuilder,
    ) -> Result<Self, HttpError> {
        let client = transport
            .default_connect_timeout(config.timeouts.connect_within_attempt())
            .default_user_agent(&config.user_agent)
            .build()?;
        Ok(Self::new(config, client))
    }

    /// The configuration.
    pub fn config(&self) -> &CoreConfig {
        &self.inner.config
    }

    /// The underlying `reqwest::Client`.
    pub fn client(&self) -> &reqwest::Client {
        &self.inner.client
    }

    /// The absolute URL `spec` would be sent to (base URL + path + encoded query).
    ///
    /// # Errors
    ///
    /// [`HttpError::InvalidRequest`] when the base URL cannot take a path or the result is not
    /// a valid URL.
    pub fn url_for(&self, spec: &RequestSpec) -> Result<Url, HttpError> {
        let invalid = |reason: String| HttpError::InvalidRequest {
            operation: spec.operation().to_owned(),
            reason,
        };
        let base = &self.inner.config.base_url;
        if base.cannot_be_a_base() {
            return Err(invalid("the base URL cannot take a path".into()));
        }
        let path = spec.path();
        if path.contains(['?', '#']) {
            return Err(invalid(
                "the path holds `?` or `#`; use RequestSpec::query for query parameters".into(),
            ));
        }
        // The base URL with its path joined to the spec's; only the path is parsed (issue 16:
        // parsing the whole URL again, scheme and host included, was a tenth of a call's
        // instructions). Same URL as parsing `base + "/" + path`
        // (`url_for_is_the_whole_url_parsed_again`).
        let mut url = base.clone();
        url.set_query(None);
        url.set_fragment(None);
        let base_path = url.path().trim_end_matches('/');
        let path = path.trim_start_matches('/');
        let mut joined = String::with_capacity(base_path.len() + 1 + path.len());
        joined.push_str(base_path);
        joined.push('/');
        joined.push_str(path);
        url.set_path(&joined);
        if !spec.query_pairs().is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in spec.query_pairs() {
                pairs.append_pair(k, v);
            }
        }
        Ok(url)
    }

    /// Sends `spec` with the deadlines, the D6 retry decision ([`retry::decide`]), jittered
    /// capped backoff and `Retry-After` (seconds or HTTP-date, capped by
    /// [`RetryPolicy::max_retry_after`](crate::RetryPolicy::max_retry_after) and the remaining
    /// operation time), and the response-size cap enforced while reading (`Content-Length`
    /// first, then chunk by chunk). One `renave.http` tracing span per operation with fields
    /// `operation`, `method`, `route` (the template), `attempt`, `status`, `elapsed_ms`; a debug
    /// event per retry. The rendered path, query, body and header values are never logged.
    ///
    /// Returns the final response whatever its status (4xx/5xx too: the client crate
    /// interprets the body).
    ///
    /// # Errors
    ///
    /// [`HttpError`] for transport-level failures only: connect failure, timeout, broken
    /// exchange, oversized body, or an invalid request (never sent).
    pub async fn send(&self, spec: &RequestSpec) -> Result<HttpResponse, HttpError> {
        self.send_extra(spec, Extra::default()).await
    }

    /// [`send`](Self::send) with an `Authorization` header built once by the caller (e.g. once
    /// per token, marked sensitive with [`HeaderValue::set_sensitive`]) and, when `timeouts` is
    /// `Some`, those deadlines instead of the spec's: what the spec would need a copy for,
    /// without copying it (the hot path of an authenticated call).
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send).
    pub async fn send_with_authorization(
        &self,
        spec: &RequestSpec,
        authorization: &HeaderValue,
        timeouts: Option<crate::Timeouts>,
    ) -> Result<HttpResponse, HttpError> {
        self.send_extra(
            spec,
            Extra {
                authorization: Some(authorization),
                timeouts,
            },
        )
        .await
    }

    async fn send_extra(
        &self,
        spec: &RequestSpec,
        extra: Extra<'_>,
    ) -> Result<HttpResponse, HttpError> {
        let span = tracing::info_span!(
            "renave.http",
            operation = %spec.operation(),
            method = %spec.method(),
            route = %spec.route_template(),
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self
            .send_inner(spec, &extra, started, &span)
            .instrument(span.clone())
            .await;
        span.record(
            "elapsed_ms",
            u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        );
        result
    }

    async fn send_inner(
        &self,
        spec: &RequestSpec,
        extra: &Extra<'_>,
        started: Instant,
        span: &tracing::Span,
    ) -> Result<HttpResponse, HttpError> {
        let config = &self.inner.config;
        let timeouts = extra
            .timeouts
            .or_else(|| spec.timeouts_override())
            .unwrap_or(config.timeouts);
        let policy = spec.retry_policy_override().unwrap_or(config.retry);
        let operation = spec.operation();
        // Checked before the first attempt; each attempt builds its own request from the spec
        // (nothing is copied for the common single attempt).
        let url = self.url_for(spec)?;
        let mut primeira = Some((url, self.header_map(spec, extra)?));
        // A deadline too far to represent is no deadline (never a panic on overflow).
        let deadline = started.checked_add(timeouts.operation);
        let mut sent_before = false;
        let mut attempt: u32 = 0;
        loop {
            attempt = attempt.saturating_add(1);
            let remaining = remaining_until(deadline);
            if remaining.is_zero() {
                return Err(HttpError::Timeout {
                    operation: operation.to_owned(),
                    attempts: attempt - 1,
                    deadline: timeouts.operation,
                    may_have_executed: sent_before,
                    kind: TimeoutKind::Operation,
                    idempotency: spec.idempotency(),
                });
            }
            // A slot for the request, waited for within the operation deadline.
            let _vaga = match &self.inner.vagas {
                None => None,
                Some(vagas) => {
                    if let Ok(Ok(vaga)) = tokio::time::timeout(remaining, vagas.acquire()).await {
                        Some(vaga)
                    } else {
                        return Err(HttpError::Timeout {
                            operation: operation.to_owned(),
                            attempts: attempt - 1,
                            deadline: timeouts.operation,
                            may_have_executed: sent_before,
                            kind: TimeoutKind::Operation,
                            idempotency: spec.idempotency(),
                        });
                    }
                }
            };
            let remaining = remaining_until(deadline);
            if remaining.is_zero() {
                return Err(HttpError::Timeout {
                    operation: operation.to_owned(),
                    attempts: attempt - 1,
                    deadline: timeouts.operation,
                    may_have_executed: sent_before,
                    kind: TimeoutKind::Operation,
                    idempotency: spec.idempotency(),
                });
            }
            // Recorded once the attempt is really made, so the span and the error agree.
            span.record("attempt", attempt);
            let (limit, kind) = if timeouts.per_attempt < remaining {
                (timeouts.per_attempt, TimeoutKind::PerAttempt)
            } else {
                (remaining, TimeoutKind::Operation)
            };
            let (url, headers) = match primeira.take() {
                Some(partes) => partes,
                None => (self.url_for(spec)?, self.header_map(spec, extra)?),
            };
            let request = self.build_request(spec, url, headers)?;
            let result = tokio::time::timeout(limit, self.attempt(request)).await;

            // Classify the attempt.
            let (outcome, failure): (Outcome, HttpError) = match result {
                Ok(Ok((status, headers, body))) => {
                    span.record("status", status);
                    let retry_after = headers
                        .get(reqwest::header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| retry::parse_retry_after(v, SystemTime::now()));
                    let outcome = Outcome::Response {
                        status,
                        retry_after,
                    };
                    let response =
                        HttpResponse::from_read(status, headers, body, attempt, started.elapsed());
                    if retry::repoe_orcamento(status) {
                        if let Some(balde) = &self.inner.balde {
                            balde.repor();
                        }
                    }
                    match self.next_step(spec, &policy, attempt, &outcome, deadline) {
                        Decision::Stop => return Ok(response),
                        Decision::RetryAfter(delay) => {
                            tracing::debug!(
                                attempt,
                                status,
                                delay_ms = millis(delay),
                                reason = "retryable status",
                                "renave.http retry"
                            );
                            tokio::time::sleep(delay).await;
                            sent_before = true;
                            continue;
                        }
                    }
                }
                Ok(Err(AttemptError::TooLarge { status })) => {
                    span.record("status", status);
                    return Err(HttpError::ResponseTooLarge {
                        operation: operation.to_owned(),
                        status,
                        limit: config.max_response_bytes,
                        attempts: attempt,
                        idempotency: spec.idempotency(),
                    });
                }
                Ok(Err(AttemptError::NotSent(reason))) => {
                    return Err(HttpError::InvalidRequest {
                        operation: operation.to_owned(),
                        reason,
                    });
                }
                Ok(Err(AttemptError::TlsRefused(source))) => (
                    Outcome::TlsRefused,
                    HttpError::TlsRefused {
                        operation: operation.to_owned(),
                        attempts: attempt,
                        source,
                    },
                ),
                Ok(Err(AttemptError::Connect(source))) => (
                    Outcome::ConnectFailed,
                    HttpError::Connect {
                        operation: operation.to_owned(),
                        attempts: attempt,
                        source,
                    },
                ),
                Ok(Err(AttemptError::Transport {
                    may_have_executed,
                    source,
                })) => (
                    Outcome::TransportFailed { may_have_executed },
                    HttpError::Transport {
                        operation: operation.to_owned(),
                        attempts: attempt,
                        may_have_executed: may_have_executed || sent_before,
                        idempotency: spec.idempotency(),
                        source,
                    },
                ),
                Err(_elapsed) => (
                    // The timer may have fired while connecting, but we cannot tell: assume
                    // the request may have reached the server.
                    Outcome::TimedOut {
                        may_have_executed: true,
                    },
                    HttpError::Timeout {
                        operation: operation.to_owned(),
                        attempts: attempt,
                        deadline: match kind {
                            TimeoutKind::PerAttempt => timeouts.per_attempt,
                            TimeoutKind::Operation => timeouts.operation,
                        },
                        may_have_executed: true,
                        kind,
                        idempotency: spec.idempotency(),
                    },
                ),
            };
            let may_have_executed = matches!(
                outcome,
                Outcome::TimedOut {
                    may_have_executed: true
                } | Outcome::TransportFailed {
                    may_have_executed: true
                }
            );
            match self.next_step(spec, &policy, attempt, &outcome, deadline) {
                Decision::Stop => return Err(failure),
                Decision::RetryAfter(delay) => {
                    tracing::debug!(
                        attempt,
                        delay_ms = millis(delay),
                        reason = %failure,
                        "renave.http retry"
                    );
                    sent_before |= may_have_executed;
                    tokio::time::sleep(delay).await;
                }
            }
        }
    }

    /// The D6 decision after an attempt, then the retry budget: a retry the bucket cannot pay
    /// for is not made.
    fn next_step(
        &self,
        spec: &RequestSpec,
        policy: &crate::RetryPolicy,
        attempt: u32,
        outcome: &Outcome,
        deadline: Option<Instant>,
    ) -> Decision {
        let remaining = remaining_until(deadline);
        let decision = retry::decide(
            policy,
            spec.idempotency(),
            attempt,
            outcome,
            remaining,
            fastrand::f64(),
        );
        match (&decision, &self.inner.balde) {
            (Decision::RetryAfter(_), Some(balde)) if !balde.pagar_retry(outcome) => {
                tracing::debug!(attempt, "renave.http retry budget exhausted: not retried");
                Decision::Stop
            }
            _ => decision,
        }
    }

    fn header_map(&self, spec: &RequestSpec, extra: &Extra<'_>) -> Result<HeaderMap, HttpError> {
        let mut map = HeaderMap::with_capacity(spec.headers().len() + 2);
        match &self.inner.user_agent {
            Ok(Some(value)) => {
                map.insert(reqwest::header::USER_AGENT, value.clone());
            }
            Ok(None) => {}
            Err(()) => {
                return Err(HttpError::InvalidRequest {
                    operation: spec.operation().to_owned(),
                    reason: "the configured User-Agent is not a valid header value".into(),
                });
            }
        }

        for (name, value) in spec.headers() {
            let header_name =
                HeaderName::from_bytes(name.as_bytes()).map_err(|_| HttpError::InvalidRequest {
                    operation: spec.operation().to_owned(),
                    reason: format!("`{name}` is not a valid header name"),
                })?;
            let mut header_value =
                HeaderValue::from_str(value.expose()).map_err(|_| HttpError::InvalidRequest {
                    operation: spec.operation().to_owned(),
                    reason: format!("the value of header `{name}` is not a valid header value"),
                })?;
            header_value.set_sensitive(value.is_sensitive());
            map.insert(header_name, header_value);
        }
        // Last: it replaces any `Authorization` the spec carries, as setting it on the spec would.
        if let Some(value) = extra.authorization {
            map.insert(reqwest::header::AUTHORIZATION, value.clone());
        }
        Ok(map)
    }

    fn build_request(
        &self,
        spec: &RequestSpec,
        url: Url,
        headers: HeaderMap,
    ) -> Result<reqwest::Request, HttpError> {
        let mut builder = self
            .inner
            .client
            .request(spec.method().to_reqwest(), url)
            .headers(headers);
        if let Some(body) = spec.body() {
            builder = builder.body(body.clone());
        }
        builder.build().map_err(|e| HttpError::InvalidRequest {
            operation: spec.operation().to_owned(),
            reason: format!("the HTTP request could not be built: {}", e.without_url()),
        })
    }

    /// One attempt: send, then read the body within the size cap.
    async fn attempt(&self, request: reqwest::Request) -> AttemptResult {
        let limit = self.inner.config.max_response_bytes;
        let mut response = match self.inner.client.execute(request).await {
            Ok(r) => r,
            Err(e) => return Err(classify(e)),
        };
        let status = response.status().as_u16();
        if response
            .content_length()
            .is_some_and(|len| usize::try_from(len).map_or(true, |len| len > limit))
        {
            return Err(AttemptError::TooLarge { status });
        }
        let headers = std::mem::take(response.headers_mut());
        // Content-Length was checked against the limit above, so this allocation is bounded.
        let expected = response
            .content_length()
            .and_then(|len| usize::try_from(len).ok())
            .unwrap_or(0);
        let mut body = BytesMut::with_capacity(expected.min(limit));
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if chunk.len() > limit.saturating_sub(body.len()) {
                        return Err(AttemptError::TooLarge { status });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => {
                    return Err(AttemptError::Transport {
                        may_have_executed: true,
                        source: Box::new(e.without_url()),
                    });
                }
            }
        }
        Ok((status, headers, body.freeze()))
    }
}

/// Maps a reqwest send error to an attempt error, without the URL (it can hold a CPF).
///
/// A refused TLS handshake is told apart first, whatever reqwest calls it: with TLS 1.3 the
/// client has already written its request when the server's alert about its certificate
/// arrives, so reqwest reports a failed *request*, not a failed connection — yet the server
/// never accepted the connection and processed nothing.
fn classify(e: reqwest::Error) -> AttemptError {
    if e.is_builder() {
        let e = e.without_url();
        let reason =
            std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| format!("{e}: {s}"));
        AttemptError::NotSent(format!("the HTTP client refused the request ({reason})"))
    } else if tls_refusal(&e).is_some() {
        AttemptError::TlsRefused(Box::new(e.without_url()))
    } else if e.is_connect() {
        AttemptError::Connect(Box::new(e.without_url()))
    } else {
        AttemptError::Transport {
            may_have_executed: true,
            source: Box::new(e.without_url()),
        }
    }
}

/// The rustls error in `e`'s source chain that means the TLS handshake was refused, so that
/// no application data was processed by the server:
///
/// * a fatal alert **received** about the handshake or the client certificate
///   (`handshake_failure`, `bad_certificate`, `unsupported_certificate`,
///   `certificate_revoked`/`expired`/`unknown`, `unknown_ca`, `access_denied`,
///   `certificate_required`, `protocol_version`, `insufficient_security`,
///   `unrecognised_name`, `bad_certificate_status_response`, `unknown_psk_identity`,
///   `no_application_protocol`): a server sends these only while negotiating;
/// * a **local** refusal of the server (its certificate is invalid or untrusted, it presented
///   none, it cannot speak what this client requires).
///
/// Alerts that can also end an established connection (`close_notify`, `decode_error`,
/// `internal_error`…) are not refusals: the exchange may have been processed.
///
/// `std::io::Error` hides the error it wraps from `source()` (it returns the wrapped error's
/// own source), so each `io::Error` of the chain is opened with `get_ref`.
fn tls_refusal<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut next = Some(e);
    while let Some(current) = next {
        let mut inner = Some(current);
        while let Some(candidate) = inner {
            if let Some(tls) = candidate.downcast_ref::<rustls::Error>() {
                return is_handshake_refusal(tls).then_some(tls);
            }
            inner = candidate
                .downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .map(|wrapped| wrapped as &(dyn std::error::Error + 'static));
        }
        next = current.source();
    }
    None
}

/// Whether a rustls error refuses the handshake (see [`tls_refusal`]).
fn is_handshake_refusal(e: &rustls::Error) -> bool {
    use rustls::AlertDescription as A;
    match e {
        rustls::Error::AlertReceived(alert) => matches!(
            alert,
            A::HandshakeFailure
                | A::BadCertificate
                | A::UnsupportedCertificate
                | A::CertificateRevoked
                | A::CertificateExpired
                | A::CertificateUnknown
                | A::UnknownCA
                | A::AccessDenied
                | A::CertificateRequired
                | A::ProtocolVersion
                | A::InsufficientSecurity
                | A::UnrecognisedName
                | A::BadCertificateStatusResponse
                | A::UnknownPSKIdentity
                | A::NoApplicationProtocol
        ),
        rustls::Error::InvalidCertificate(_)
        | rustls::Error::NoCertificatesPresented
        | rustls::Error::UnsupportedNameType
        | rustls::Error::PeerIncompatible(_)
        | rustls::Error::NoApplicationProtocol => true,
        _ => false,
    }
}

/// Time left before `deadline` (`None`: unbounded).
fn remaining_until(deadline: Option<Instant>) -> Duration {
    deadline.map_or(Duration::MAX, |d| {
        d.saturating_duration_since(Instant::now())
    })
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>(_: &T) {}

    /// The rustls error is found behind `io::Error`s (which hide it from `source()`) and
    /// behind other errors' sources; alerts that can end an established connection are not
    /// handshake refusals.
    #[test]
    fn tls_refusal_is_found_through_the_source_chain() {
        use rustls::AlertDescription as A;
        use std::io::{Error as IoError, ErrorKind};

        #[derive(Debug)]
        struct Wrapper(IoError);
        impl fmt::Display for Wrapper {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("wrapper")
            }
        }
        impl std::error::Error for Wrapper {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let io = |e: rustls::Error| IoError::new(ErrorKind::InvalidData, e);
        let alert = |a: A| rustls::Error::AlertReceived(a);

        for refusal in [
            alert(A::CertificateRequired),
            alert(A::UnknownCA),
            alert(A::BadCertificate),
            alert(A::HandshakeFailure),
            alert(A::AccessDenied),
            alert(A::CertificateExpired),
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
            rustls::Error::NoCertificatesPresented,
        ] {
            let text = format!("{refusal:?}");
            // As reqwest reports it with TLS 1.3 (request error) and TLS 1.2 (connect error).
            assert!(
                tls_refusal(&Wrapper(io(refusal.clone()))).is_some(),
                "{text}"
            );
            assert!(
                tls_refusal(&IoError::other(io(refusal.clone()))).is_some(),
                "{text}"
            );
            assert!(tls_refusal(&refusal).is_some(), "{text}");
        }
        for other in [
            alert(A::CloseNotify),
            alert(A::DecodeError),
            alert(A::InternalError),
            rustls::Error::DecryptError,
        ] {
            let text = format!("{other:?}");
            assert!(tls_refusal(&Wrapper(io(other.clone()))).is_none(), "{text}");
        }
        assert!(tls_refusal(&IoError::other("connection reset")).is_none());
        assert!(tls_refusal(&Wrapper(IoError::from(ErrorKind::ConnectionReset))).is_none());
    }

    #[test]
    fn core_and_send_future_are_send_sync() {
        let core = HttpCore::new(
            CoreConfig::new(Url::parse("http://localhost/").unwrap(), "t"),
            crate::TransportBuilder::default()
                .allow_http(true)
                .build()
                .unwrap(),
        );
        assert_send_sync(&core);
        let spec = RequestSpec::new(
            "op",
            crate::HttpMethod::Get,
            "x",
            "x".to_owned(),
            crate::Idempotency::Idempotent,
        );
        let fut = core.send(&spec);
        fn assert_send<T: Send>(_: &T) {}
        assert_send(&fut);
    }

    /// The reference `url_for` replaced in issue 16: the whole URL parsed again.
    fn url_parsed_again(base: &Url, path: &str, query: &[(&str, &str)]) -> Url {
        let base = &base[..url::Position::AfterPath];
        let mut joined = base.trim_end_matches('/').to_owned();
        joined.push('/');
        joined.push_str(path.trim_start_matches('/'));
        let mut url = Url::parse(&joined).unwrap();
        if !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in query {
                pairs.append_pair(k, v);
            }
        }
        url
    }

    proptest::proptest! {
        /// Joining the path to the base URL gives the URL that parsing the whole text gives,
        /// whatever the base's path, query and fragment and whatever the path (dot segments,
        /// backslashes, percent signs, non-ASCII, repeated slashes). One difference, on purpose:
        /// parsing the whole text dropped white space at the path's end; it is now kept,
        /// percent-encoded (a path the clients build has none: its values are encoded).
        #[test]
        fn url_for_is_the_whole_url_parsed_again(
            base in proptest::sample::select(vec![
                "http://localhost/",
                "http://localhost",
                "https://h.example:8443/api/v1/",
                "https://h.example/api//?k=v#f",
                "http://127.0.0.1:9/a%20b/c",
            ]),
            path in "[a-zA-Z0-9/\\\\.%;:@é~_-]{0,30}",
            query in proptest::collection::vec(("[a-z]{1,3}", "[a-z0-9 &=é]{0,4}"), 0..3),
        ) {
            proptest::prop_assume!(!path.contains(['?', '#']));
            let base = Url::parse(base).unwrap();
            // One reqwest client for every case (building one reads the system's roots).
            static CLIENTE: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
            let cliente = CLIENTE.get_or_init(|| {
                crate::TransportBuilder::default().allow_http(true).build().unwrap()
            });
            let core = HttpCore::new(CoreConfig::new(base.clone(), "t"), cliente.clone());
            let mut spec = RequestSpec::new(
                "op",
                crate::HttpMethod::Get,
                "x",
                path.clone(),
                crate::Idempotency::Idempotent,
            );
            for (k, v) in &query {
                spec = spec.query(k.clone(), v.clone());
            }
            let pares: Vec<(&str, &str)> =
                query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let (nosso, referencia) = (core.url_for(&spec).unwrap(), url_parsed_again(&base, &path, &pares));
            proptest::prop_assert_eq!(nosso.as_str(), referencia.as_str());
        }
    }
}
