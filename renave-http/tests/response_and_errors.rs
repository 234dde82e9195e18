//! `HttpResponse`, `BodySnippet` and `HttpError` Display/predicates.
#![allow(clippy::unwrap_used)]

use std::error::Error as _;
use std::time::Duration;

use proptest::prelude::*;
use renave_http::{BodySnippet, HttpError, HttpResponse, Idempotency, TimeoutKind};

#[test]
fn snippet_cuts_at_char_boundaries_and_marks_the_cut() {
    assert_eq!(BodySnippet::from_bytes(b"abc", 3).as_str(), "abc");
    assert_eq!(BodySnippet::from_bytes(b"abcd", 3).as_str(), "abc…");
    assert_eq!(BodySnippet::from_bytes(b"", 3).as_str(), "");
    assert_eq!(BodySnippet::from_bytes(b"abc", 0).as_str(), "…");
    // "ção": c (1 byte) ç... → 'ç' is 2 bytes, 'ã' 2 bytes.
    let s = "ação".as_bytes();
    assert_eq!(
        BodySnippet::from_bytes(s, 2).as_str(),
        "a…",
        "ç cut in half is dropped"
    );
    assert_eq!(BodySnippet::from_bytes(s, 3).as_str(), "aç…");
    assert_eq!(BodySnippet::from_bytes(s, 4).as_str(), "aç…");
    assert_eq!(BodySnippet::from_bytes(s, 6).as_str(), "ação");
    let emoji = "x🚗y".as_bytes(); // 🚗 is 4 bytes
    for max in 1..5 {
        assert_eq!(BodySnippet::from_bytes(emoji, max).as_str(), "x…", "{max}");
    }
    assert_eq!(BodySnippet::from_bytes(emoji, 5).as_str(), "x🚗…");
}

#[test]
fn snippet_is_one_line_and_lossy() {
    let s = BodySnippet::from_bytes(b"<html>\r\n<body>\tErro\x00\x1b[31m</body>", 100);
    assert_eq!(s.as_str(), "<html>  <body> Erro  [31m</body>");
    assert_eq!(s.to_string(), s.as_str());
    let s = BodySnippet::from_bytes(b"a\xffb", 10);
    assert_eq!(s.as_str(), "a\u{fffd}b");
    assert_eq!(s.clone().into_string(), "a\u{fffd}b");
}

proptest! {
    #[test]
    fn snippet_never_exceeds_max_and_is_a_prefix(body in proptest::collection::vec(any::<u8>(), 0..300), max in 0usize..200) {
        let s = BodySnippet::from_bytes(&body, max);
        let text = s.as_str();
        prop_assert!(!text.contains(['\n', '\r']));
        let cut = body.len() > max;
        prop_assert_eq!(text.ends_with('…') && cut, cut);
        let content = if cut { text.strip_suffix('…').unwrap() } else { text };
        // Without lossy replacement, the content is a prefix of the body of at most max bytes.
        if let Ok(valid) = std::str::from_utf8(&body) {
            let expected: String = valid.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            prop_assert!(expected.starts_with(content));
            prop_assert!(content.len() <= max);
        }
    }
}

#[test]
fn response_accessors() {
    let r = HttpResponse::from_parts(
        503,
        &[("Content-Type", "text/html"), ("Retry-After", "5")],
        "  <html>erro</html>",
    )
    .unwrap();
    assert_eq!(r.status(), 503);
    assert!(!r.is_success());
    assert_eq!(r.header("retry-after"), Some("5"));
    assert_eq!(r.content_type(), Some("text/html"));
    assert!(!r.looks_like_json());
    assert_eq!(BodySnippet::from_bytes(r.body(), 8).as_str(), "  <html>…");
    assert_eq!(r.attempts(), 1);
    assert!(HttpResponse::from_parts(200, &[("bad name", "x")], "").is_err());
    assert!(HttpResponse::from_parts(200, &[("x", "a\nb")], "").is_err());
}

#[test]
fn looks_like_json_by_content_type_or_first_byte() {
    let json = |ct: Option<&str>, body: &str| {
        let headers: Vec<(&str, &str)> = ct.map(|c| ("content-type", c)).into_iter().collect();
        HttpResponse::from_parts(200, &headers, body.to_owned())
            .unwrap()
            .looks_like_json()
    };
    assert!(json(Some("application/json"), ""));
    assert!(json(Some("Application/JSON; charset=utf-8"), "x"));
    assert!(json(Some("application/problem+json"), "x"));
    assert!(json(None, " \n\t{\"a\":1}"));
    assert!(json(None, "[1]"));
    assert!(json(None, "\u{feff} {}"));
    assert!(!json(None, "\u{feff}<html>"));
    assert!(json(None, "\"token\""));
    assert!(json(Some("text/plain"), "{}"));
    assert!(!json(Some("text/html"), "<html>"));
    assert!(!json(None, ""));
    assert!(!json(None, "   "));
    assert!(!json(None, "000"));
    assert!(!json(Some("application/jsonx"), "x"));
}

fn boxed(msg: &str) -> renave_http::CausaErro {
    Box::new(std::io::Error::other(msg.to_owned()))
}

#[test]
fn every_error_displays_one_useful_line() {
    let errors = [
        HttpError::Connect {
            operation: "consultar_x".into(),
            attempts: 3,
            source: boxed("connection refused"),
        },
        HttpError::Timeout {
            operation: "consultar_x".into(),
            attempts: 1,
            deadline: Duration::from_secs(30),
            may_have_executed: true,
            kind: TimeoutKind::PerAttempt,
            idempotency: Idempotency::Idempotent,
        },
        HttpError::Transport {
            operation: "registrar_x".into(),
            attempts: 1,
            may_have_executed: true,
            idempotency: Idempotency::StateChanging,
            source: boxed("reset"),
        },
        HttpError::ResponseTooLarge {
            operation: "consultar_x".into(),
            status: 200,
            limit: 8_388_608,
            attempts: 1,
            idempotency: Idempotency::Idempotent,
        },
        HttpError::InvalidRequest {
            operation: "consultar_x".into(),
            reason: "bad header".into(),
        },
        HttpError::Configuration {
            reason: "bad root".into(),
            source: Some(boxed("der")),
        },
    ];
    let expected = [
        "`consultar_x`: could not connect to the server after 3 attempts; the request did not reach the server",
        "`consultar_x`: per-attempt timeout of 30s elapsed after 1 attempt; the request may have reached the server, but it is idempotent (e.g. a read): sending it again is safe",
        "`registrar_x`: the exchange with the server broke after 1 attempt; the request may have executed on the server (outcome unknown)",
        "`consultar_x`: the response (HTTP 200) exceeds the 8388608-byte limit; it was not read",
        "`consultar_x`: invalid request, not sent: bad header",
        "HTTP client configuration failed: bad root",
    ];
    for (e, want) in errors.iter().zip(expected) {
        assert_eq!(e.to_string(), want);
    }
    // Display never repeats the source; the source is reachable.
    assert!(!errors[0].to_string().contains("refused"));
    assert_eq!(
        errors[0].source().unwrap().to_string(),
        "connection refused"
    );
    assert_eq!(errors[5].source().unwrap().to_string(), "der");
    assert!(errors[4].source().is_none());

    let retryable: Vec<bool> = errors.iter().map(HttpError::is_retryable).collect();
    assert_eq!(retryable, [true, true, false, false, false, false]);
    let executed: Vec<bool> = errors.iter().map(HttpError::may_have_executed).collect();
    assert_eq!(executed, [false, true, true, true, false, false]);
    let ops: Vec<Option<&str>> = errors.iter().map(HttpError::operation).collect();
    assert_eq!(ops[5], None);
    assert_eq!(ops[2], Some("registrar_x"));
    let attempts: Vec<u32> = errors.iter().map(HttpError::attempts).collect();
    assert_eq!(attempts, [3, 1, 1, 1, 0, 0]);
}

#[test]
fn operation_timeout_and_not_executed_wording() {
    let e = HttpError::Timeout {
        operation: "op".into(),
        attempts: 2,
        deadline: Duration::from_millis(1500),
        may_have_executed: false,
        kind: TimeoutKind::Operation,
        idempotency: Idempotency::StateChanging,
    };
    assert_eq!(
        e.to_string(),
        "`op`: operation deadline of 1500ms elapsed after 2 attempts; the request did not reach the server"
    );
    assert!(
        e.is_retryable(),
        "never reached the server: safe even for a POST"
    );
}

#[test]
fn errors_are_send_sync_static() {
    fn check<T: Send + Sync + 'static>() {}
    check::<HttpError>();
    check::<renave_http::RouteError>();
    check::<HttpResponse>();
    check::<renave_http::HttpCore>();
    check::<renave_http::RequestSpec>();
}

/// `from_bytes_masked` masks before it cuts: a secret the cap splits, at any cut position,
/// shows none of its characters; masking after the cut (the old way) showed its head.
#[test]
fn snippet_masked_before_the_cut_hides_a_split_secret() {
    fn mascara(t: &str) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Owned(t.replace("SEGREDO", "*******"))
    }
    for max in 0..30 {
        let corpo = b"erro: xx SEGREDO fim";
        let s = BodySnippet::from_bytes_masked(corpo, max, "SEGREDO".len(), mascara);
        assert!(
            !s.as_str().contains(['S', 'G', 'R', 'D', 'O']),
            "max {max}: {:?}",
            s.as_str()
        );
        let depois = mascara(BodySnippet::from_bytes(corpo, max).as_str()).into_owned();
        if (11..16).contains(&max) {
            assert!(
                depois.contains('S'),
                "the old way leaks at {max}: {depois:?}"
            );
        }
        // The cap is the same as without masking.
        assert_eq!(
            s.as_str().len(),
            BodySnippet::from_bytes(corpo, max).as_str().len()
        );
    }
}
