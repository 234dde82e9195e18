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

/// The retry budget of a client (*orçamento de retentativas*): a token bucket shared by every clone of
/// the client and every task using it, as in the AWS SDKs' "standard" retry mode, so that under
/// a sustained failure the retries stop instead of multiplying the load.
///
/// First attempts are free. Each retry the D6 decision ([`retry::decide`](crate::retry::decide))
/// allows takes [`custo_retry`](Self::custo_retry) tokens from the bucket
/// ([`custo_retry_timeout`](Self::custo_retry_timeout) after a timeout or a broken exchange,
/// which cost the server more); when the bucket cannot pay, the attempt's outcome is returned
/// as it is (nothing more is sent). Each answer that is not a failure (any status but 429 and
/// 5xx) puts [`recarga_sucesso`](Self::recarga_sucesso) tokens back, up to
/// [`capacidade`](Self::capacidade). The bucket starts full.
///
/// With the defaults (500 tokens, 5 per retry), a client retries at most 100 times in a row
/// while every answer fails — however many tasks share it — and then sends first attempts only
/// until answers succeed again; a server that fails one call in ten never drains it.
///
/// ```
/// use renave_http::RetryBudget;
///
/// let b = RetryBudget::default();
/// assert_eq!((b.capacidade, b.custo_retry, b.custo_retry_timeout, b.recarga_sucesso), (500, 5, 10, 1));
/// assert_eq!(b.retries_seguidos(), 100);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RetryBudget {
    /// Tokens in the full bucket (and at the start). Default 500.
    pub capacidade: u32,
    /// Tokens a retry takes after a retryable answer (429, 502, 503, 504) or a connect
    /// failure. Default 5.
    pub custo_retry: u32,
    /// Tokens a retry takes after a timeout or a broken exchange. Default 10.
    pub custo_retry_timeout: u32,
    /// Tokens an answer that is not a failure puts back. Default 1.
    pub recarga_sucesso: u32,
}

impl Default for RetryBudget {
    fn default() -> Self {
        Self {
            capacidade: 500,
            custo_retry: 5,
            custo_retry_timeout: 10,
            recarga_sucesso: 1,
        }
    }
}

impl RetryBudget {
    /// How many retries in a row a full bucket pays for when nothing succeeds (at
    /// [`custo_retry`](Self::custo_retry) each; unbounded when it is 0).
    pub fn retries_seguidos(&self) -> u32 {
        self.capacidade
            .checked_div(self.custo_retry)
            .unwrap_or(u32::MAX)
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
    /// Largest response body accepted, checked while reading. Default 16 MiB.
    pub max_response_bytes: usize,
    /// Default size of the body snippet client crates put in their errors. Default 2048.
    pub error_snippet_bytes: usize,
    /// The `User-Agent` sent with every request (e.g. `renave-rs/0.1.0 minha-integradora`).
    pub user_agent: String,
    /// The retry budget shared by every clone of the core (`None`: retries bounded by
    /// [`RetryPolicy::max_attempts`] only). Default [`RetryBudget::default`].
    pub retry_budget: Option<RetryBudget>,
    /// At most this many requests in flight at once through this core (its clones included);
    /// an attempt waits for a slot within the operation deadline (`None`: no limit, the
    /// default).
    pub concurrency_limit: Option<usize>,
}

impl CoreConfig {
    /// Default size cap of a response body: 16 MiB — an answer carrying a 10 MiB PDF (base64 in
    /// MIME lines, line breaks escaped in the JSON string: ≈ 14.7 MB) fits, with room for the
    /// envelope.
    pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
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
            retry_budget: Some(RetryBudget::default()),
            concurrency_limit: None,
        }
    }
}
