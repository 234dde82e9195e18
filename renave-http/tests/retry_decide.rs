//! Table tests of the D6 retry decision and of the `Retry-After` parser.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use renave_http::retry::{Decision, Outcome, RETRYABLE_STATUSES, decide, parse_retry_after};
use renave_http::{Idempotency, RetryPolicy};

const IDEM: Idempotency = Idempotency::Idempotent;
const STATE: Idempotency = Idempotency::StateChanging;
const LONG: Duration = Duration::from_secs(3600);

fn no_jitter() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 5,
        initial_backoff: Duration::from_millis(100),
        max_backoff: Duration::from_secs(1),
        max_retry_after: Duration::from_secs(10),
        jitter: false,
    }
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn resp(status: u16) -> Outcome {
    Outcome::Response {
        status,
        retry_after: None,
    }
}

fn all_outcomes() -> Vec<Outcome> {
    let mut v = vec![
        Outcome::ConnectFailed,
        Outcome::TimedOut {
            may_have_executed: true,
        },
        Outcome::TimedOut {
            may_have_executed: false,
        },
        Outcome::TransportFailed {
            may_have_executed: true,
        },
        Outcome::TransportFailed {
            may_have_executed: false,
        },
    ];
    for status in [
        200, 201, 204, 301, 304, 400, 401, 403, 404, 409, 422, 429, 500, 501, 502, 503, 504, 505,
    ] {
        v.push(resp(status));
        v.push(Outcome::Response {
            status,
            retry_after: Some(ms(500)),
        });
    }
    v
}

/// The D6 table: which (idempotency, outcome) pairs are retried at all.
fn expected_retryable(idempotency: Idempotency, outcome: &Outcome) -> bool {
    match (idempotency, outcome) {
        (_, Outcome::ConnectFailed)
        | (Idempotency::Idempotent, Outcome::TimedOut { .. } | Outcome::TransportFailed { .. }) => {
            true
        }
        (Idempotency::Idempotent, Outcome::Response { status, .. }) => {
            matches!(status, 429 | 502 | 503 | 504)
        }
        _ => false,
    }
}

/// The delay the policy of [`no_jitter`] must give after `attempt` (independent formula).
fn expected_delay(attempt: u32, outcome: &Outcome) -> Duration {
    let backoff = ms((100u64 << (attempt - 1)).min(1_000));
    match outcome {
        Outcome::Response {
            retry_after: Some(ra),
            ..
        } => backoff.max((*ra).min(Duration::from_secs(10))),
        _ => backoff,
    }
}

#[test]
fn every_outcome_times_idempotency_times_attempt_times_deadline() {
    let policy = no_jitter();
    for idempotency in [IDEM, STATE] {
        for outcome in all_outcomes() {
            for attempt in 1..=6 {
                let delay = expected_delay(attempt, &outcome);
                for remaining in [
                    Duration::ZERO,
                    ms(1),
                    delay.saturating_sub(ms(1)),
                    delay,
                    delay + ms(1),
                    LONG,
                ] {
                    let d = decide(&policy, idempotency, attempt, &outcome, remaining, 0.5);
                    let should = expected_retryable(idempotency, &outcome)
                        && attempt < 5
                        && delay < remaining;
                    let want = if should {
                        Decision::RetryAfter(delay)
                    } else {
                        Decision::Stop
                    };
                    assert_eq!(
                        d, want,
                        "{idempotency:?} {outcome:?} attempt {attempt} remaining {remaining:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn state_changing_is_never_resent_once_it_may_have_reached_the_server() {
    let policy = no_jitter();
    for outcome in all_outcomes() {
        if outcome == Outcome::ConnectFailed {
            continue;
        }
        for attempt in 1..4 {
            assert_eq!(
                decide(&policy, STATE, attempt, &outcome, LONG, 0.0),
                Decision::Stop,
                "{outcome:?}"
            );
        }
    }
    assert_eq!(
        decide(&policy, STATE, 1, &Outcome::ConnectFailed, LONG, 0.0),
        Decision::RetryAfter(ms(100))
    );
}

#[test]
fn retryable_status_list_is_d6() {
    assert_eq!(RETRYABLE_STATUSES, [429, 502, 503, 504]);
}

#[test]
fn exponential_backoff_is_capped() {
    let policy = no_jitter();
    let expected = [100, 200, 400, 800];
    for (attempt, want) in (1..).zip(expected) {
        assert_eq!(
            decide(&policy, IDEM, attempt, &resp(503), LONG, 0.0),
            Decision::RetryAfter(ms(want)),
            "attempt {attempt}"
        );
    }
    let many = RetryPolicy {
        max_attempts: u32::MAX,
        ..policy
    };
    for attempt in [5, 6, 10, 31, 32, 33, 64, 1000, u32::MAX - 1] {
        assert_eq!(
            decide(&many, IDEM, attempt, &resp(503), LONG, 0.0),
            Decision::RetryAfter(Duration::from_secs(1)),
            "attempt {attempt}"
        );
    }
}

#[test]
fn equal_jitter_stays_between_half_and_full_backoff() {
    let policy = RetryPolicy {
        jitter: true,
        ..no_jitter()
    };
    let at = |j: f64| decide(&policy, IDEM, 3, &resp(503), LONG, j);
    assert_eq!(at(0.0), Decision::RetryAfter(ms(200)));
    assert_eq!(at(0.5), Decision::RetryAfter(ms(300)));
    let Decision::RetryAfter(top) = at(0.999_999) else {
        panic!("expected a retry")
    };
    assert!(top < ms(400) && top > ms(399), "{top:?}");
    // Out-of-range and non-finite jitter values are clamped, never panic.
    assert_eq!(at(-3.0), Decision::RetryAfter(ms(200)));
    assert_eq!(at(f64::NAN), Decision::RetryAfter(ms(200)));
    assert_eq!(at(f64::INFINITY), Decision::RetryAfter(ms(200)));
    assert_eq!(at(7.0), Decision::RetryAfter(ms(400)));
    for i in 0..100 {
        let j = f64::from(i) / 100.0;
        let Decision::RetryAfter(d) = at(j) else {
            panic!("expected a retry")
        };
        assert!(d >= ms(200) && d <= ms(400), "{j} → {d:?}");
    }
}

#[test]
fn retry_after_is_a_floor_capped_by_max_retry_after() {
    let policy = no_jitter();
    let with = |ra: u64| Outcome::Response {
        status: 503,
        retry_after: Some(ms(ra)),
    };
    // Larger than backoff: honoured.
    assert_eq!(
        decide(&policy, IDEM, 1, &with(2_000), LONG, 0.0),
        Decision::RetryAfter(ms(2_000))
    );
    // Smaller than backoff: backoff wins.
    assert_eq!(
        decide(&policy, IDEM, 3, &with(10), LONG, 0.0),
        Decision::RetryAfter(ms(400))
    );
    // Larger than the cap: capped.
    assert_eq!(
        decide(&policy, IDEM, 1, &with(600_000), LONG, 0.0),
        Decision::RetryAfter(Duration::from_secs(10))
    );
    // Retry-After on a status that is not retryable does not make it retryable.
    let not = Outcome::Response {
        status: 500,
        retry_after: Some(ms(100)),
    };
    assert_eq!(decide(&policy, IDEM, 1, &not, LONG, 0.0), Decision::Stop);
    // 429 with Retry-After.
    let limited = Outcome::Response {
        status: 429,
        retry_after: Some(Duration::from_secs(3)),
    };
    assert_eq!(
        decide(&policy, IDEM, 1, &limited, LONG, 0.0),
        Decision::RetryAfter(Duration::from_secs(3))
    );
}

#[test]
fn never_sleeps_past_the_remaining_deadline() {
    let policy = no_jitter();
    // Backoff 100 ms: 101 ms left → retry; 100 ms or less → stop.
    assert_eq!(
        decide(&policy, IDEM, 1, &resp(503), ms(101), 0.0),
        Decision::RetryAfter(ms(100))
    );
    assert_eq!(
        decide(&policy, IDEM, 1, &resp(503), ms(100), 0.0),
        Decision::Stop
    );
    assert_eq!(
        decide(&policy, IDEM, 1, &resp(503), Duration::ZERO, 0.0),
        Decision::Stop
    );
    // A Retry-After beyond the remaining time stops even if the cap would allow it.
    let ra = Outcome::Response {
        status: 503,
        retry_after: Some(Duration::from_secs(5)),
    };
    assert_eq!(
        decide(&policy, IDEM, 1, &ra, Duration::from_secs(4), 0.0),
        Decision::Stop
    );
    assert_eq!(
        decide(&policy, STATE, 1, &Outcome::ConnectFailed, ms(50), 0.0),
        Decision::Stop
    );
}

#[test]
fn attempt_limits() {
    for max_attempts in [0, 1] {
        let policy = RetryPolicy {
            max_attempts,
            ..no_jitter()
        };
        for outcome in all_outcomes() {
            assert_eq!(
                decide(&policy, IDEM, 1, &outcome, LONG, 0.0),
                Decision::Stop
            );
        }
    }
    let disabled = RetryPolicy::disabled();
    assert_eq!(disabled.max_attempts, 1);
    assert_eq!(
        decide(&disabled, IDEM, 1, &Outcome::ConnectFailed, LONG, 0.0),
        Decision::Stop
    );
    let three = RetryPolicy::default();
    assert!(matches!(
        decide(&three, IDEM, 2, &resp(503), LONG, 0.3),
        Decision::RetryAfter(_)
    ));
    assert_eq!(
        decide(&three, IDEM, 3, &resp(503), LONG, 0.3),
        Decision::Stop
    );
}

#[test]
fn defaults_match_the_contract() {
    let p = RetryPolicy::default();
    assert_eq!(p.max_attempts, 3);
    assert_eq!(p.initial_backoff, ms(250));
    assert_eq!(p.max_backoff, Duration::from_secs(8));
    assert_eq!(p.max_retry_after, Duration::from_secs(30));
    assert!(p.jitter);
    let t = renave_http::Timeouts::default();
    assert_eq!(t.connect, Duration::from_secs(10));
    assert_eq!(t.per_attempt, Duration::from_secs(30));
    assert_eq!(t.operation, Duration::from_secs(90));
}

// ----- Retry-After -----

/// 1994-11-06T08:49:37Z, the RFC's example instant.
const RFC_EXAMPLE: u64 = 784_111_777;

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

#[test]
fn retry_after_delta_seconds() {
    let now = SystemTime::now();
    assert_eq!(parse_retry_after("0", now), Some(Duration::ZERO));
    assert_eq!(parse_retry_after("1", now), Some(Duration::from_secs(1)));
    assert_eq!(
        parse_retry_after("120", now),
        Some(Duration::from_secs(120))
    );
    assert_eq!(parse_retry_after(" 7\t", now), Some(Duration::from_secs(7)));
    assert_eq!(parse_retry_after("007", now), Some(Duration::from_secs(7)));
    assert_eq!(
        parse_retry_after("99999999999999999999999999", now),
        Some(Duration::from_secs(u64::MAX))
    );
}

#[test]
fn retry_after_http_dates_in_all_three_formats() {
    let now = at(RFC_EXAMPLE - 10);
    let ten = Some(Duration::from_secs(10));
    assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), ten);
    assert_eq!(
        parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now),
        ten
    );
    assert_eq!(parse_retry_after("Sun Nov  6 08:49:37 1994", now), ten);
    assert_eq!(
        parse_retry_after("Sun Nov 16 08:49:37 1994", now),
        Some(Duration::from_secs(10 + 10 * 86_400))
    );
    // A leap day and a year change.
    let now = at(951_782_400 - 60); // 2000-02-28T23:59:00Z
    assert_eq!(
        parse_retry_after("Tue, 29 Feb 2000 00:00:00 GMT", now),
        Some(Duration::from_secs(60))
    );
    let now = at(1_798_761_599); // 2026-12-31T23:59:59Z
    assert_eq!(
        parse_retry_after("Fri, 01 Jan 2027 00:00:01 GMT", now),
        Some(Duration::from_secs(2))
    );
}

#[test]
fn retry_after_rfc850_two_digit_years_follow_the_50_year_rule() {
    // Seen from 2026: "27" is 2027, "94" is 1994 (in the past → zero).
    let now = at(1_798_761_599); // 2026-12-31T23:59:59Z
    assert_eq!(
        parse_retry_after("Friday, 01-Jan-27 00:00:01 GMT", now),
        Some(Duration::from_secs(2))
    );
    assert_eq!(
        parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now),
        Some(Duration::ZERO)
    );
}

#[test]
fn retry_after_past_dates_are_zero() {
    let now = at(RFC_EXAMPLE + 1_000);
    for v in [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Thu, 01 Jan 1970 00:00:00 GMT",
    ] {
        assert_eq!(parse_retry_after(v, now), Some(Duration::ZERO), "{v}");
    }
}

#[test]
fn retry_after_garbage_is_none() {
    let now = at(RFC_EXAMPLE);
    for v in [
        "",
        "   ",
        "-1",
        "+5",
        "1.5",
        "1e3",
        "soon",
        "5 seconds",
        "0x10",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 31 Nov 1994 08:49:37 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 29 Feb 1900 08:49:37 GMT",
        "Sun, 29 Feb 2023 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT",
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT extra",
        "Sun,  06 Nov 1994 08:49:37 GMT",
        "Xyz, 06 Nov 1994 08:49:37 GMT",
        "Domingo, 06-Nov-94 08:49:37 GMT",
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37",
        "Sun Nov 6 08:49:37 1994",
        "Sun Nov  6 08:49:37 94",
        "Sun Nov  6 08:49:37 1994 GMT",
        "Sun, 06 Nov 1969 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT\u{0}",
        "Dom, 06 Nov 1994 08:49:37 GMT",
        "é",
        "Sun Nov  é 08:49:37 1994",
    ] {
        assert_eq!(parse_retry_after(v, now), None, "{v:?}");
    }
}

#[test]
fn retry_after_before_the_epoch_clock_is_none_not_a_panic() {
    let before = UNIX_EPOCH - Duration::from_secs(10);
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", before),
        None
    );
    assert_eq!(parse_retry_after("5", before), Some(Duration::from_secs(5)));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parse_retry_after_never_panics(s in "\\PC{0,40}", secs in 0u64..4_000_000_000) {
            let _ = parse_retry_after(&s, at(secs));
        }

        #[test]
        fn imf_fixdate_roundtrip(secs in 0u64..253_402_300_799, now in 0u64..253_402_300_799) {
            let s = format_imf(secs);
            let got = parse_retry_after(&s, at(now));
            prop_assert_eq!(got, Some(Duration::from_secs(secs.saturating_sub(now))), "{}", s);
        }

        #[test]
        fn decide_never_panics_on_extreme_policies(
            initial in any::<u64>(), initial_nanos in 0u32..1_000_000_000,
            max_backoff in any::<u64>(), max_retry_after in any::<u64>(),
            max_attempts in any::<u32>(), attempt in any::<u32>(),
            ra in proptest::option::of(any::<u64>()),
            remaining in any::<u64>(), jitter in any::<f64>(), jitter_on in any::<bool>(),
        ) {
            let policy = RetryPolicy {
                max_attempts,
                initial_backoff: Duration::new(initial, initial_nanos),
                max_backoff: Duration::from_secs(max_backoff),
                max_retry_after: Duration::from_secs(max_retry_after),
                jitter: jitter_on,
            };
            let outcome = Outcome::Response { status: 503, retry_after: ra.map(Duration::from_secs) };
            let remaining = Duration::from_secs(remaining);
            if let Decision::RetryAfter(d) = decide(&policy, IDEM, attempt, &outcome, remaining, jitter) {
                prop_assert!(d < remaining);
            }
        }

        #[test]
        fn decide_never_exceeds_remaining_nor_caps(
            attempt in 1u32..20,
            status in 100u16..600,
            ra in proptest::option::of(0u64..100_000),
            remaining in 0u64..200_000,
            jitter in 0.0f64..1.0,
            idem in any::<bool>(),
        ) {
            let policy = RetryPolicy { max_attempts: 10, ..RetryPolicy::default() };
            let outcome = Outcome::Response { status, retry_after: ra.map(Duration::from_millis) };
            let idempotency = if idem { IDEM } else { STATE };
            let remaining = Duration::from_millis(remaining);
            if let Decision::RetryAfter(d) = decide(&policy, idempotency, attempt, &outcome, remaining, jitter) {
                prop_assert!(idem);
                prop_assert!(attempt < 10);
                prop_assert!(d < remaining);
                prop_assert!(d <= policy.max_backoff.max(policy.max_retry_after));
                prop_assert!(RETRYABLE_STATUSES.contains(&status));
            }
        }
    }

    /// Formats seconds since the epoch as IMF-fixdate (independent of the parser under test).
    fn format_imf(secs: u64) -> String {
        const M: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        const D: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        let days = secs / 86_400;
        let tod = secs % 86_400;
        // Walk years and months (slow but obviously right).
        let mut year = 1970;
        let mut rest = days;
        loop {
            let len = if is_leap(year) { 366 } else { 365 };
            if rest < len {
                break;
            }
            rest -= len;
            year += 1;
        }
        let mut month = 0;
        loop {
            let len = match month {
                1 if is_leap(year) => 29,
                1 => 28,
                3 | 5 | 8 | 10 => 30,
                _ => 31,
            };
            if rest < len {
                break;
            }
            rest -= len;
            month += 1;
        }
        format!(
            "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
            D[(days % 7) as usize],
            rest + 1,
            M[month],
            year,
            tod / 3600,
            tod / 60 % 60,
            tod % 60
        )
    }

    fn is_leap(y: u64) -> bool {
        (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    }
}

/// A refused TLS handshake reached no server but would be refused again: never retried.
#[test]
fn tls_refused_is_never_retried() {
    for idempotency in [IDEM, STATE] {
        assert_eq!(
            decide(
                &no_jitter(),
                idempotency,
                1,
                &Outcome::TlsRefused,
                LONG,
                0.5
            ),
            Decision::Stop,
            "{idempotency:?}"
        );
    }
}
