//! The retry decision of decision D6 as a pure function, and the `Retry-After` parser.
//!
//! [`HttpCore::send`](crate::HttpCore::send) calls [`decide`] after every attempt; keeping it
//! pure makes the whole policy table-testable without a network.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use std::sync::atomic::{AtomicU32, Ordering};

use crate::config::{RetryBudget, RetryPolicy};
use crate::method::Idempotency;

/// What happened on one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// The connection could not be opened (DNS, TCP, TLS handshake): the request never left
    /// this process.
    ConnectFailed,
    /// The TLS handshake was refused (a client certificate the server does not accept, a
    /// server certificate this client does not trust, no common protocol): the server never
    /// processed the request, but sending it again would be refused the same way.
    TlsRefused,
    /// The per-attempt timeout elapsed.
    TimedOut {
        /// Whether bytes of the request may have reached the server.
        may_have_executed: bool,
    },
    /// The exchange broke (reset, truncated response…).
    TransportFailed {
        /// Whether bytes of the request may have reached the server.
        may_have_executed: bool,
    },
    /// The server answered with this status.
    Response {
        /// The HTTP status.
        status: u16,
        /// The parsed `Retry-After` header, if any.
        retry_after: Option<Duration>,
    },
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Return the outcome as it is.
    Stop,
    /// Sleep this long, then send again.
    RetryAfter(Duration),
}

/// Statuses an idempotent request is retried on: 429 Too Many Requests, 502 Bad Gateway,
/// 503 Service Unavailable, 504 Gateway Timeout.
pub const RETRYABLE_STATUSES: [u16; 4] = [429, 502, 503, 504];

/// The D6 decision.
///
/// * [`Idempotency::Idempotent`]: retry connect failures, timeouts, broken exchanges and
///   statuses 429, 502, 503, 504.
/// * [`Idempotency::StateChanging`]: retry ONLY [`Outcome::ConnectFailed`] (the request never
///   reached the server); anything else may have changed state and is never resent.
/// * [`Outcome::TlsRefused`] is never retried, whatever the idempotency: it is safe, but the
///   same certificate would be refused again.
///
/// Never retries when `attempt >= policy.max_attempts` (`attempt` counts from 1 and is the
/// attempt that just finished) or when the delay would reach the `remaining` operation time.
/// The delay is `max(backoff, retry_after)`, `retry_after` capped by
/// [`RetryPolicy::max_retry_after`]; `backoff = min(max_backoff, initial_backoff ·
/// 2^(attempt−1))`, and with [`RetryPolicy::jitter`] it becomes "equal jitter"
/// `backoff/2 + backoff/2 · jitter` where `jitter` is a value in `[0, 1)` supplied by the caller
/// (out-of-range values are clamped).
///
/// ```
/// use std::time::Duration;
/// use renave_http::retry::{decide, Decision, Outcome};
/// use renave_http::{Idempotency, RetryPolicy};
///
/// let policy = RetryPolicy { jitter: false, ..RetryPolicy::default() };
/// let busy = Outcome::Response { status: 503, retry_after: None };
/// let long = Duration::from_secs(60);
/// assert_eq!(
///     decide(&policy, Idempotency::Idempotent, 1, &busy, long, 0.0),
///     Decision::RetryAfter(Duration::from_millis(250)),
/// );
/// assert_eq!(decide(&policy, Idempotency::StateChanging, 1, &busy, long, 0.0), Decision::Stop);
/// ```
pub fn decide(
    policy: &RetryPolicy,
    idempotency: Idempotency,
    attempt: u32,
    outcome: &Outcome,
    remaining: Duration,
    jitter: f64,
) -> Decision {
    if attempt >= policy.max_attempts {
        return Decision::Stop;
    }
    let (retryable, retry_after) = match (idempotency, outcome) {
        (_, Outcome::ConnectFailed) => (true, None),
        (Idempotency::Idempotent, Outcome::TimedOut { .. } | Outcome::TransportFailed { .. }) => {
            (true, None)
        }
        (
            Idempotency::Idempotent,
            Outcome::Response {
                status,
                retry_after,
            },
        ) => (RETRYABLE_STATUSES.contains(status), *retry_after),
        // A refused TLS handshake would be refused again, whatever the idempotency.
        (_, Outcome::TlsRefused)
        | (
            Idempotency::StateChanging,
            Outcome::TimedOut { .. } | Outcome::TransportFailed { .. } | Outcome::Response { .. },
        ) => (false, None),
    };
    if !retryable {
        return Decision::Stop;
    }
    let backoff = backoff(policy, attempt, jitter);
    let delay = match retry_after {
        Some(ra) => backoff.max(ra.min(policy.max_retry_after)),
        None => backoff,
    };
    if delay >= remaining {
        return Decision::Stop;
    }
    Decision::RetryAfter(delay)
}

/// Whether the outcome of a request the server answered with HTTP `status` is unknown
/// (decision D6): the one rule both clients apply to an error answer (CET-MG's
/// `resultado_incerto`, Renave-WS's `resultado_incerto`).
///
/// True for a [`StateChanging`](Idempotency::StateChanging) request answered with any 5xx
/// except 503: a 500 can come after the server wrote (SERPRO sends one with
/// `logIdRastreabilidade` after the stock was stored), and a 502 or 504 from a gateway says
/// only that the gateway lost the backend's answer. 503 Service Unavailable is refused before
/// processing (the gateway's throttling and maintenance answer), so nothing executed.
/// 501 Not Implemented is classified as unknown too: by RFC 9110 it refuses an unsupported
/// method, but a gateway or an application framework can send it after the backend failed,
/// and nothing in the answer proves that nothing executed (fail closed: the caller looks the
/// result up instead of resending). A non-standard status above 599 is not understood and is
/// classified the same way.
///
/// Never true for an [`Idempotent`](Idempotency::Idempotent) request (a read changed nothing),
/// nor below 500 (the status itself says what the server did).
/// Transport failures are classified by [`HttpError::outcome_unknown`](crate::HttpError::outcome_unknown).
///
/// ```
/// use renave_http::Idempotency;
/// use renave_http::retry::outcome_unknown;
///
/// assert!(outcome_unknown(Idempotency::StateChanging, 500));
/// assert!(outcome_unknown(Idempotency::StateChanging, 504));
/// assert!(!outcome_unknown(Idempotency::StateChanging, 503));
/// assert!(!outcome_unknown(Idempotency::StateChanging, 422));
/// assert!(!outcome_unknown(Idempotency::Idempotent, 500));
/// ```
pub const fn outcome_unknown(idempotency: Idempotency, status: u16) -> bool {
    matches!(idempotency, Idempotency::StateChanging) && status >= 500 && status != 503
}

/// The (jittered) exponential backoff after attempt number `attempt` (from 1).
fn backoff(policy: &RetryPolicy, attempt: u32, jitter: f64) -> Duration {
    let exponent = attempt.saturating_sub(1);
    let raw = 1u32
        .checked_shl(exponent)
        .and_then(|factor| policy.initial_backoff.checked_mul(factor))
        .unwrap_or(policy.max_backoff);
    let capped = raw.min(policy.max_backoff);
    if !policy.jitter {
        return capped;
    }
    let j = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let half = capped / 2;
    half.saturating_add(capped.saturating_sub(half).mul_f64(j))
}

/// Parses a `Retry-After` header value (RFC 9110 §10.2.3): delta-seconds, or an HTTP-date in
/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), obsolete RFC 850
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) or asctime (`Sun Nov  6 08:49:37 1994`) form.
///
/// A date in the past gives `Some(Duration::ZERO)`; anything unparseable gives `None`.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use renave_http::retry::parse_retry_after;
///
/// let now = UNIX_EPOCH + Duration::from_secs(784_111_770); // 1994-11-06T08:49:30Z
/// assert_eq!(parse_retry_after("120", now), Some(Duration::from_secs(120)));
/// assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), Some(Duration::from_secs(7)));
/// assert_eq!(parse_retry_after("soon", now), None);
/// ```
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim_matches(|c: char| c == ' ' || c == '\t');
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        // Delta-seconds larger than u64 are absurd; saturate and let the cap apply.
        return Some(Duration::from_secs(
            value.parse::<u64>().unwrap_or(u64::MAX),
        ));
    }
    let now_secs = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
    let at = parse_http_date(value, now_secs)?;
    Some(Duration::from_secs(at.saturating_sub(now_secs)))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Parses an HTTP-date into seconds since the Unix epoch.
fn parse_http_date(s: &str, now_secs: u64) -> Option<u64> {
    if let Some((day_name, rest)) = s.split_once(", ") {
        if DAYS.contains(&day_name) {
            return parse_imf_fixdate(rest);
        }
        if LONG_DAYS.contains(&day_name) {
            return parse_rfc850(rest, now_secs);
        }
        return None;
    }
    parse_asctime(s)
}

/// `06 Nov 1994 08:49:37 GMT`
fn parse_imf_fixdate(s: &str) -> Option<u64> {
    let mut parts = s.split(' ');
    let day = parse_digits(parts.next()?, 2)?;
    let month = parse_month(parts.next()?)?;
    let year = parse_digits(parts.next()?, 4)?;
    let time = parse_time(parts.next()?)?;
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    to_epoch(year, month, day, time)
}

/// `06-Nov-94 08:49:37 GMT`
fn parse_rfc850(s: &str, now_secs: u64) -> Option<u64> {
    let mut parts = s.split(' ');
    let mut date = parts.next()?.split('-');
    let day = parse_digits(date.next()?, 2)?;
    let month = parse_month(date.next()?)?;
    let yy = parse_digits(date.next()?, 2)?;
    if date.next().is_some() {
        return None;
    }
    let time = parse_time(parts.next()?)?;
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future is in the past century.
    let now_year = civil_year(now_secs);
    let century = now_year - now_year % 100;
    let mut year = century + yy;
    if year > now_year + 50 {
        year -= 100;
    }
    to_epoch(year, month, day, time)
}

/// `Sun Nov  6 08:49:37 1994`
fn parse_asctime(s: &str) -> Option<u64> {
    let (day_name, rest) = s.split_at_checked(3)?;
    if !DAYS.contains(&day_name) {
        return None;
    }
    let rest = rest.strip_prefix(' ')?;
    let (month, rest) = rest.split_at_checked(3)?;
    let month = parse_month(month)?;
    let rest = rest.strip_prefix(' ')?;
    let (day, rest) = rest.split_at_checked(2)?;
    let day = match day.strip_prefix(' ') {
        Some(d) => parse_digits(d, 1)?,
        None => parse_digits(day, 2)?,
    };
    let rest = rest.strip_prefix(' ')?;
    let (time, year) = rest.split_once(' ')?;
    let time = parse_time(time)?;
    let year = parse_digits(year, 4)?;
    to_epoch(year, month, day, time)
}

fn parse_digits(s: &str, len: usize) -> Option<u64> {
    if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_month(s: &str) -> Option<u64> {
    let index = MONTHS.iter().position(|m| *m == s)?;
    u64::try_from(index).ok().map(|i| i + 1)
}

/// `HH:MM:SS` → seconds of the day (a leap second 60 is accepted).
fn parse_time(s: &str) -> Option<u64> {
    let mut parts = s.split(':');
    let h = parse_digits(parts.next()?, 2)?;
    let m = parse_digits(parts.next()?, 2)?;
    let sec = parse_digits(parts.next()?, 2)?;
    if parts.next().is_some() || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    Some(h * 3600 + m * 60 + sec)
}

fn is_leap(year: u64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given civil date (Howard Hinnant's algorithm), for years ≥ 1970.
fn days_from_civil(year: u64, month: u64, day: u64) -> Option<u64> {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe).checked_sub(719_468)
}

fn to_epoch(year: u64, month: u64, day: u64, time_of_day: u64) -> Option<u64> {
    if !(1970..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(days_from_civil(year, month, day)? * 86_400 + time_of_day)
}

/// The civil year of an instant given in seconds since the Unix epoch.
fn civil_year(secs: u64) -> u64 {
    let z = secs / 86_400 + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400;
    if month <= 2 { year + 1 } else { year }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn civil_roundtrip_over_centuries() {
        for year in [1970, 1999, 2000, 2024, 2026, 2100, 2400] {
            for (month, day) in [(1, 1), (2, 28), (3, 1), (12, 31)] {
                let secs = days_from_civil(year, month, day).unwrap() * 86_400 + 3_600;
                assert_eq!(civil_year(secs), year, "{year}-{month}-{day}");
            }
        }
    }

    #[test]
    fn known_epoch_values() {
        assert_eq!(to_epoch(1970, 1, 1, 0), Some(0));
        assert_eq!(
            to_epoch(1994, 11, 6, 8 * 3600 + 49 * 60 + 37),
            Some(784_111_777)
        );
        assert_eq!(to_epoch(2000, 2, 29, 0), Some(951_782_400));
        assert_eq!(to_epoch(1900, 2, 29, 0), None);
        assert_eq!(to_epoch(2023, 2, 29, 0), None);
    }
}

/// The token bucket of a [`RetryBudget`] (shared by every clone of a core): how many tokens are
/// left.
#[derive(Debug)]
pub(crate) struct Balde {
    config: RetryBudget,
    tokens: AtomicU32,
}

impl Balde {
    /// A full bucket.
    pub(crate) fn new(config: RetryBudget) -> Self {
        Self {
            config,
            tokens: AtomicU32::new(config.capacidade),
        }
    }

    /// Takes the cost of a retry after `outcome`; `false` (nothing taken) when the bucket
    /// cannot pay it.
    pub(crate) fn pagar_retry(&self, outcome: &Outcome) -> bool {
        let custo = match outcome {
            Outcome::TimedOut { .. } | Outcome::TransportFailed { .. } => {
                self.config.custo_retry_timeout
            }
            _ => self.config.custo_retry,
        };
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                t.checked_sub(custo)
            })
            .is_ok()
    }

    /// Puts back the refill of an answer that is not a failure.
    pub(crate) fn repor(&self) {
        let (capacidade, recarga) = (self.config.capacidade, self.config.recarga_sucesso);
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                (t < capacidade).then(|| t.saturating_add(recarga).min(capacidade))
            });
    }

    /// Tokens left.
    pub(crate) fn disponivel(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

/// Whether an answer with HTTP `status` counts as a success for the retry budget: any status
/// but 429 and 5xx (the server did its part).
pub(crate) fn repoe_orcamento(status: u16) -> bool {
    status != 429 && status < 500
}

#[cfg(test)]
mod testes_balde {
    use super::*;

    #[test]
    fn balde_paga_ate_esvaziar_e_recarrega_ate_a_capacidade() {
        let balde = Balde::new(RetryBudget {
            capacidade: 12,
            custo_retry: 5,
            custo_retry_timeout: 10,
            recarga_sucesso: 1,
        });
        let busy = Outcome::Response {
            status: 503,
            retry_after: None,
        };
        assert!(balde.pagar_retry(&busy));
        assert!(balde.pagar_retry(&busy));
        assert!(!balde.pagar_retry(&busy), "2 tokens left, a retry costs 5");
        assert_eq!(balde.disponivel(), 2);
        for _ in 0..20 {
            balde.repor();
        }
        assert_eq!(balde.disponivel(), 12);
        assert!(balde.pagar_retry(&Outcome::TimedOut {
            may_have_executed: true
        }));
        assert_eq!(balde.disponivel(), 2);
        assert!(repoe_orcamento(200) && repoe_orcamento(422));
        assert!(!repoe_orcamento(429) && !repoe_orcamento(503) && !repoe_orcamento(500));
    }
}
