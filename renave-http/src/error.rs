//! The one error type of the request core.

use std::fmt;
use std::time::Duration;

use crate::method::Idempotency;

/// A boxed error kept behind [`std::error::Error::source`], so third-party error types
/// (reqwest, rustls) never appear in public fields.
pub type CausaErro = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Which deadline elapsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// The per-attempt timeout ([`Timeouts::per_attempt`](crate::Timeouts::per_attempt)).
    PerAttempt,
    /// The whole-operation deadline ([`Timeouts::operation`](crate::Timeouts::operation)),
    /// which bounds every attempt and every backoff sleep together.
    Operation,
}

impl fmt::Display for TimeoutKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::PerAttempt => "per-attempt timeout",
            Self::Operation => "operation deadline",
        })
    }
}

/// Helper for Display: the outcome sentence of a failed exchange. "Outcome unknown" is said of
/// a state-changing request only: an idempotent one (a read) that may have reached the server
/// changed nothing that sending it again would not, so its message says just that.
struct Outcome(bool, Idempotency);

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self(false, _) => f.write_str("the request did not reach the server"),
            Self(true, Idempotency::StateChanging) => {
                f.write_str("the request may have executed on the server (outcome unknown)")
            }
            Self(true, Idempotency::Idempotent) => f.write_str(
                "the request may have reached the server, but it is idempotent (e.g. a read): \
                 sending it again is safe",
            ),
        }
    }
}

/// Helper for Display of [`HttpError::ResponseTooLarge`]: the server did answer, so a
/// state-changing request reached it and its result could not be read.
struct UnreadAnswer(Idempotency);

impl fmt::Display for UnreadAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Idempotency::StateChanging => {
                f.write_str("; the request reached the server (outcome unknown)")
            }
            Idempotency::Idempotent => Ok(()),
        }
    }
}

/// Helper for Display: "1 attempt" / "3 attempts".
struct Attempts(u32);

impl fmt::Display for Attempts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 1 {
            f.write_str("1 attempt")
        } else {
            write!(f, "{} attempts", self.0)
        }
    }
}

/// Helper for Display: a duration in the unit a reader expects.
struct Human(Duration);

impl fmt::Display for Human {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0.as_millis();
        if ms % 1000 == 0 {
            write!(f, "{}s", ms / 1000)
        } else {
            write!(f, "{ms}ms")
        }
    }
}

/// Transport-level failure of the request core (decision D7: "never sent" versus "sent, no
/// answer"). HTTP error statuses are NOT errors here: [`HttpCore::send`](crate::HttpCore::send)
/// returns every response, and each client crate interprets the body.
///
/// Display is one line and never repeats the source; walk [`source()`](std::error::Error::source)
/// for the cause. No path, query, body or header value appears in any message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HttpError {
    /// Could not connect: the request never reached the server (safe to retry any method).
    #[error("`{operation}`: could not connect to the server after {attempts}; the request did not reach the server", attempts = Attempts(*.attempts))]
    Connect {
        /// The operation name.
        operation: String,
        /// Attempts made.
        attempts: u32,
        /// The cause.
        #[source]
        source: CausaErro,
    },
    /// The TLS handshake was refused, by the server (a fatal alert about the client certificate
    /// or the protocol: `certificate_required`, `bad_certificate`, `unknown_ca`,
    /// `handshake_failure`, `access_denied`…) or by this client (the server's certificate is not
    /// trusted, or the server cannot speak a protocol version or feature it requires). The
    /// server never accepted the connection, so no application data was processed: the request
    /// did not reach the server, whatever its method. With TLS 1.3 the client writes its request
    /// right after its own `Finished` and reads the server's alert afterwards; the request was
    /// still never processed.
    ///
    /// Not retried (decision D6 allows it, but the same certificate or trust store would be
    /// refused again): fix the client certificate, its CA's credentialing or the trusted roots.
    #[error("`{operation}`: the TLS handshake was refused (certificate, trust or protocol not accepted) after {attempts}; the request did not reach the server", attempts = Attempts(*.attempts))]
    TlsRefused {
        /// The operation name.
        operation: String,
        /// Attempts made.
        attempts: u32,
        /// The cause (the TLS library's error: the alert received, or why the server's
        /// certificate was refused).
        #[source]
        source: CausaErro,
    },
    /// Per-attempt or whole-operation deadline elapsed; `may_have_executed` is true once bytes
    /// may have been sent.
    #[error("`{operation}`: {kind} of {deadline} elapsed after {attempts}; {outcome}", deadline = Human(*.deadline), attempts = Attempts(*.attempts), outcome = Outcome(*.may_have_executed, *.idempotency))]
    Timeout {
        /// The operation name.
        operation: String,
        /// Attempts made.
        attempts: u32,
        /// The deadline that elapsed.
        deadline: Duration,
        /// Whether the request may have reached the server.
        may_have_executed: bool,
        /// Which deadline elapsed.
        kind: TimeoutKind,
        /// The operation's idempotency (decides [`HttpError::is_retryable`] and
        /// [`HttpError::outcome_unknown`]).
        idempotency: Idempotency,
    },
    /// Sent but the exchange broke (reset, truncated body…): the outcome of a state-changing
    /// request is unknown.
    #[error("`{operation}`: the exchange with the server broke after {attempts}; {outcome}", attempts = Attempts(*.attempts), outcome = Outcome(*.may_have_executed, *.idempotency))]
    Transport {
        /// The operation name.
        operation: String,
        /// Attempts made.
        attempts: u32,
        /// Whether the request may have reached the server.
        may_have_executed: bool,
        /// The operation's idempotency (decides [`HttpError::is_retryable`] and
        /// [`HttpError::outcome_unknown`]).
        idempotency: Idempotency,
        /// The cause.
        #[source]
        source: CausaErro,
    },
    /// The response body exceeded `max_response_bytes`; nothing more was read. The server did
    /// answer: for a state-changing request the outcome is unknown (its result could not be
    /// read); an idempotent one can simply be sent again (it would likely be too large again).
    #[error(
        "`{operation}`: the response (HTTP {status}) exceeds the {limit}-byte limit; it was not read{}", UnreadAnswer(*.idempotency)
    )]
    ResponseTooLarge {
        /// The operation name.
        operation: String,
        /// The response status.
        status: u16,
        /// The configured limit in bytes.
        limit: usize,
        /// Attempts made (the last one got the oversized response).
        attempts: u32,
        /// The operation's idempotency (decides [`HttpError::outcome_unknown`]).
        idempotency: Idempotency,
    },
    /// Invalid request built by the caller or client crate (bad route, header, URL) — never sent.
    #[error("`{operation}`: invalid request, not sent: {reason}")]
    InvalidRequest {
        /// The operation name.
        operation: String,
        /// What is wrong.
        reason: String,
    },
    /// Building the TLS/reqwest client failed.
    #[error("HTTP client configuration failed: {reason}")]
    Configuration {
        /// What failed.
        reason: String,
        /// The cause, when there is one.
        #[source]
        source: Option<CausaErro>,
    },
}

impl HttpError {
    /// Whether sending the same request again could succeed and is safe (decision D6):
    /// connect failures always; timeouts and broken exchanges only for idempotent operations or
    /// when the request cannot have reached the server. A refused TLS handshake is safe to
    /// resend but would be refused again: not retryable.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Connect { .. } => true,
            Self::Timeout {
                may_have_executed,
                idempotency,
                ..
            }
            | Self::Transport {
                may_have_executed,
                idempotency,
                ..
            } => *idempotency == Idempotency::Idempotent || !*may_have_executed,
            Self::TlsRefused { .. }
            | Self::ResponseTooLarge { .. }
            | Self::InvalidRequest { .. }
            | Self::Configuration { .. } => false,
        }
    }

    /// Whether the request may have reached the server and been executed there — a fact about
    /// the exchange, whatever the method: also true for a read that timed out. Whether that
    /// leaves the *outcome unknown* is [`outcome_unknown`](Self::outcome_unknown).
    pub fn may_have_executed(&self) -> bool {
        match self {
            Self::Timeout {
                may_have_executed, ..
            }
            | Self::Transport {
                may_have_executed, ..
            } => *may_have_executed,
            Self::ResponseTooLarge { .. } => true,
            Self::Connect { .. }
            | Self::TlsRefused { .. }
            | Self::InvalidRequest { .. }
            | Self::Configuration { .. } => false,
        }
    }

    /// Whether the outcome is unknown (decision D6): a **state-changing** request that may
    /// have executed on the server with no answer that says so (timeout, broken exchange, an
    /// answer too large to read). Never true for an idempotent request: a read changed nothing
    /// and can be sent again. When true, do not resend: look the result up first.
    ///
    /// Both clients' "outcome unknown" accessors use this for transport errors, and
    /// [`retry::outcome_unknown`](crate::retry::outcome_unknown) for HTTP answers.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Self::Timeout {
                may_have_executed,
                idempotency,
                ..
            }
            | Self::Transport {
                may_have_executed,
                idempotency,
                ..
            } => *may_have_executed && *idempotency == Idempotency::StateChanging,
            Self::ResponseTooLarge { idempotency, .. } => {
                *idempotency == Idempotency::StateChanging
            }
            Self::Connect { .. }
            | Self::TlsRefused { .. }
            | Self::InvalidRequest { .. }
            | Self::Configuration { .. } => false,
        }
    }

    /// The operation the error belongs to (none for configuration errors).
    pub fn operation(&self) -> Option<&str> {
        match self {
            Self::Connect { operation, .. }
            | Self::TlsRefused { operation, .. }
            | Self::Timeout { operation, .. }
            | Self::Transport { operation, .. }
            | Self::ResponseTooLarge { operation, .. }
            | Self::InvalidRequest { operation, .. } => Some(operation),
            Self::Configuration { .. } => None,
        }
    }

    /// Attempts made before the error (zero when nothing was sent).
    pub fn attempts(&self) -> u32 {
        match self {
            Self::Connect { attempts, .. }
            | Self::TlsRefused { attempts, .. }
            | Self::Timeout { attempts, .. }
            | Self::Transport { attempts, .. }
            | Self::ResponseTooLarge { attempts, .. } => *attempts,
            Self::InvalidRequest { .. } | Self::Configuration { .. } => 0,
        }
    }

    /// Whether this is a timeout (per attempt or whole operation).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout { .. })
    }

    /// Whether this is a connection failure: the connection could not be opened
    /// ([`Connect`](Self::Connect)) or its TLS handshake was refused
    /// ([`TlsRefused`](Self::TlsRefused)). Either way the request did not reach the server.
    pub fn is_connect(&self) -> bool {
        matches!(self, Self::Connect { .. } | Self::TlsRefused { .. })
    }
}
