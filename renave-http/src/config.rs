//! Deadlines, retry policy and the core configuration.

use std::time::Duration;

use url::Url;

/// The three deadlines of a request (sdk-style §11.12).
///
/// Backoff sleeps count against [`operation`](Timeouts::operation): it bounds the whole call,
/// every attempt and every wait between attempts included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Timeouts {
    /// Time to open a TCP+TLS connection (applied by the transport, see
    /// [`TransportBuilder::connect_timeout`](crate::TransportBuilder::connect_timeout)), capped
    /// below `per_attempt` by [`connect_within_attempt`](Self::connect_within_attempt). Default 10 s.
    pub connect: Duration,
    /// Time for one attempt: sending, waiting for the answer and reading the body. Default 30 s.
    pub per_attempt: Duration,
    /// Time for the whole operation, all attempts and backoff sleeps included. Default 90 s.
    pub operation: Duration,
}

impl Timeouts {
    /// The connect timeout to give the transport: [`connect`](Self::connect), capped at four
    /// fifths of [`per_attempt`](Self::per_attempt).
    ///
    /// A connection can never usefully take longer than the attempt it belongs to, and if the
    /// per-attempt deadline fired while the connection was still being opened, a request that
    /// never left the process would be reported as one that *may have executed* (outcome
    /// unknown, D6). With this cap the connect timeout fires first and the failure is reported
    /// as a connect failure (not executed). [`HttpCore::from_transport`](crate::HttpCore::from_transport)
    /// applies it; a client built by hand for [`HttpCore::new`](crate::HttpCore::new) should
    /// pass it to [`TransportBuilder::connect_timeout`](crate::TransportBuilder::connect_timeout).
    /// (The operation deadline can still end an attempt during connect; that attempt is then
    /// reported as possibly executed, since the core cannot tell.)
    ///
    /// ```
    /// use std::time::Duration;
    /// use renave_http::Timeouts;
    ///
    /// let t = Timeouts { connect: Duration::from_secs(10), per_attempt: Duration::from_secs(5), ..Timeouts::default() };
    /// assert_eq!(t.connect_within_attempt(), Duration::from_secs(4));
    /// assert_eq!(Timeouts::default().connect_within_attempt(), Duration::from_secs(10));
    /// ```
    pub fn connect_within_attempt(&self) -> Duration {
        self.connect
            .min(self.per_attempt.saturating_sub(self.per_attempt / 5))
    }
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            per_attempt: Duration::from_secs(30),
            operation: Duration::from_secs(90),
        }
    }
}

/// How failed attempts are retried (decision D6). The decision itself is
/// [`retry::decide`](crate::retry::decide).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Total attempts, the first one included (`1` or `0` = never retry). Default 3.
    pub max_attempts: u32,
    /// Backoff before the second attempt; doubled for each further one. Default 250 ms.
    pub initial_backoff: Duration,
    /// Upper bound of the exponential backoff. Default 8 s.
    pub max_backoff: Duration,
    /// Upper bound applied to a server's `Retry-After`. Default 30 s.
    pub max_retry_after: Duration,
    /// Whether backoff is jittered ("equal jitter": between half and all of the backoff), so
    /// that many integradoras do not retry in lock-step. Default true.
    pub jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries (one attempt).
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }
}

/// Everything [`HttpCore`](crate::HttpCore) needs besides the `reqwest::Client`.
#[derive(Debug, Clone, PartialEq)]
pub struct CoreConfig {
    /// Base URL every route is relative to, e.g.
    /// `https://…/api/veiculos/renave/` (a trailing `/` is implied).
    pub base_url: Url,
    /// Deadlines.
    pub timeouts: Timeouts,
    /// Retry policy.
    pub retry: RetryPolicy,
    /// Largest response body accepted, checked while reading. Default 8 MiB.
    pub max_response_bytes: usize,
    /// Default size of the body snippet client crates put in their errors. Default 2048.
    pub error_snippet_bytes: usize,
    /// The `User-Agent` sent with every request (e.g. `renave-rs/0.1.0 minha-integradora`).
    pub user_agent: String,
}

impl CoreConfig {
    /// Default size cap of a response body: 8 MiB.
    pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;
    /// Default size of an error-body snippet: 2048 bytes.
    pub const DEFAULT_ERROR_SNIPPET_BYTES: usize = 2048;

    /// A configuration with default deadlines, retry policy and limits.
    pub fn new(base_url: Url, user_agent: impl Into<String>) -> Self {
        Self {
            base_url,
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            max_response_bytes: Self::DEFAULT_MAX_RESPONSE_BYTES,
            error_snippet_bytes: Self::DEFAULT_ERROR_SNIPPET_BYTES,
            user_agent: user_agent.into(),
        }
    }
}
