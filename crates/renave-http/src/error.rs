//! The one error type of the request core.

use std::fmt;
use std::time::Duration;

use crate::method::Idempotency;

/// A boxed error kept behind [`std::error::Error::source`], so third-party error types
/// (reqwest, rustls) never appear in public fields.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

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

/// Helper for Display: the outcome sentence of a failed exchange.
struct Outcome(bool);

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 {
            f.write_str("the request may have executed on the server (outcome unknown)")
        } else {
            f.write_str("the request did not reach the server")
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
        source: BoxError,
    },
    /// Per-attempt or whole-operation deadline elapsed; `may_have_executed` is true once bytes
    /// may have been sent.
    #[error("`{operation}`: {kind} of {deadline} elapsed after {attempts}; {outcome}", deadline = Human(*.deadline), attempts = Attempts(*.attempts), outcome = Outcome(*.may_have_executed))]
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
        /// The operation's idempotency (decides [`HttpError::is_retryable`]).
        idempotency: Idempotency,
    },
    /// Sent but the exchange broke (reset, truncated body…): the outcome of a state-changing
    /// request is unknown.
    #[error("`{operation}`: the exchange with the server broke after {attempts}; {outcome}", attempts = Attempts(*.attempts), outcome = Outcome(*.may_have_executed))]
    Transport {
        /// The operation name.
        operation: String,
        /// Attempts made.
        attempts: u32,
        /// Whether the request may have reached the server.
        may_have_executed: bool,
        /// The operation's idempotency (decides [`HttpError::is_retryable`]).
        idempotency: Idempotency,
        /// The cause.
        #[source]
        source: BoxError,
    },
    /// The response body exceeded `max_response_bytes`; nothing more was read.
    #[error(
        "`{operation}`: the response (HTTP {status}) exceeds the {limit}-byte limit; it was not read"
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
        source: Option<BoxError>,
    },
}

impl HttpError {
    /// Whether sending the same request again could succeed and is safe (decision D6):
    /// connect failures always; timeouts and broken exchanges only for idempotent operations or
    /// when the request cannot have reached the server.
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
            Self::ResponseTooLarge { .. }
            | Self::InvalidRequest { .. }
            | Self::Configuration { .. } => false,
        }
    }

    /// Whether the request may have been executed by the server (its outcome is unknown).
    pub fn may_have_executed(&self) -> bool {
        match self {
            Self::Timeout {
                may_have_executed, ..
            }
            | Self::Transport {
                may_have_executed, ..
            } => *may_have_executed,
            Self::ResponseTooLarge { .. } => true,
            Self::Connect { .. } | Self::InvalidRequest { .. } | Self::Configuration { .. } => {
                false
            }
        }
    }

    /// The operation the error belongs to (none for configuration errors).
    pub fn operation(&self) -> Option<&str> {
        match self {
            Self::Connect { operation, .. }
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

    /// Whether this is a connection failure.
    pub fn is_connect(&self) -> bool {
        matches!(self, Self::Connect { .. })
    }
}
