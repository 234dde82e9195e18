//! "Outcome unknown" (decision D6) is about state-changing requests only: a read that timed out
//! or whose answer was too large changed nothing, so its message must not say "outcome
//! unknown" — it says the facts and that sending it again is safe. One pure function
//! classifies HTTP answers for both clients.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use renave_http::{
    CoreConfig, HttpCore, HttpError, HttpMethod, Idempotency, RequestSpec, RetryPolicy, Timeouts,
    TransportBuilder,
};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn core(server: &MockServer, max_response_bytes: usize) -> HttpCore {
    let base = url::Url::parse(&format!("{}/api/", server.uri())).unwrap();
    let mut config = CoreConfig::new(base, "renave-rs-test");
    config.retry = RetryPolicy::disabled();
    config.max_response_bytes = max_response_bytes;
    config.timeouts = Timeouts {
        connect: Duration::from_secs(5),
        per_attempt: Duration::from_millis(300),
        operation: Duration::from_secs(20),
    };
    let client = TransportBuilder::default()
        .allow_http(true)
        .build()
        .unwrap();
    HttpCore::new(config, client)
}

fn spec(m: HttpMethod) -> RequestSpec {
    let idempotency = m.default_idempotency();
    RequestSpec::new("op_x", m, "x", "x".to_owned(), idempotency)
}

async fn error_of(m: HttpMethod, answer: ResponseTemplate, max: usize) -> HttpError {
    let server = MockServer::start().await;
    Mock::given(method(m.as_str()))
        .respond_with(answer)
        .expect(1)
        .mount(&server)
        .await;
    let err = core(&server, max).send(&spec(m)).await.unwrap_err();
    server.verify().await;
    err
}

fn says_unknown(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("outcome unknown") || lower.contains("do not resend")
}

#[tokio::test]
async fn a_timed_out_read_does_not_say_outcome_unknown() {
    let slow = || ResponseTemplate::new(200).set_delay(Duration::from_secs(3));
    let get = error_of(HttpMethod::Get, slow(), 1024).await;
    assert!(get.is_timeout(), "{get:?}");
    let text = get.to_string();
    assert!(!says_unknown(&text), "{text}");
    assert!(text.contains("safe"), "{text}");
    // It did reach the server: the fact stays.
    assert!(get.may_have_executed());
    assert!(get.is_retryable());

    let post = error_of(HttpMethod::Post, slow(), 1024).await;
    let text = post.to_string();
    assert!(text.contains("outcome unknown"), "{text}");
    assert!(post.may_have_executed() && !post.is_retryable());
}

#[tokio::test]
async fn an_oversized_answer_says_outcome_unknown_only_for_a_state_changing_request() {
    let big = || ResponseTemplate::new(200).set_body_string("x".repeat(4096));
    let get = error_of(HttpMethod::Get, big(), 1024).await;
    assert!(matches!(get, HttpError::ResponseTooLarge { .. }), "{get:?}");
    let text = get.to_string();
    assert!(!says_unknown(&text), "{text}");
    assert!(text.contains("1024-byte limit"), "{text}");

    let post = error_of(HttpMethod::Post, big(), 1024).await;
    let text = post.to_string();
    assert!(text.contains("outcome unknown"), "{text}");
    assert!(post.may_have_executed() && !post.is_retryable());
}

#[tokio::test]
async fn outcome_unknown_of_transport_errors_follows_idempotency() {
    let slow = || ResponseTemplate::new(200).set_delay(Duration::from_secs(3));
    let big = || ResponseTemplate::new(200).set_body_string("x".repeat(4096));
    assert!(
        !error_of(HttpMethod::Get, slow(), 1024)
            .await
            .outcome_unknown()
    );
    assert!(
        error_of(HttpMethod::Post, slow(), 1024)
            .await
            .outcome_unknown()
    );
    let get = error_of(HttpMethod::Get, big(), 1024).await;
    assert!(!get.outcome_unknown() && get.may_have_executed());
    assert!(matches!(
        get,
        HttpError::ResponseTooLarge {
            idempotency: Idempotency::Idempotent,
            ..
        }
    ));
    let post = error_of(HttpMethod::Post, big(), 1024).await;
    assert!(post.outcome_unknown());
}

/// The one classification both clients use for an HTTP answer: any 5xx but 503 to a
/// state-changing request (501 and non-standard statuses above 599 included: fail closed);
/// never for an idempotent request; never below 500.
#[test]
fn the_one_classification_of_http_answers() {
    use renave_http::retry::outcome_unknown;
    for status in 100..=999_u16 {
        assert!(
            !outcome_unknown(Idempotency::Idempotent, status),
            "idempotent {status}"
        );
        let expected = status >= 500 && status != 503;
        assert_eq!(
            outcome_unknown(Idempotency::StateChanging, status),
            expected,
            "state-changing {status}"
        );
    }
    assert!(outcome_unknown(Idempotency::StateChanging, 501));
}
