//! Contract tests of `HttpCore::send` against wiremock.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use renave_http::{
    BodySnippet, CoreConfig, HttpCore, HttpError, HttpMethod, Idempotency, RequestSpec,
    RetryPolicy, TimeoutKind, Timeouts, TransportBuilder,
};
use renave_simulador::ServidorMock;
use secrecy::SecretString;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const BASE: &str = "/api/veiculos/renave/";

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(5),
        jitter: false,
    }
}

fn core_with(server: &MockServer, tweak: impl FnOnce(&mut CoreConfig)) -> HttpCore {
    let base = url::Url::parse(&format!("{}{BASE}", server.uri())).unwrap();
    let mut config = CoreConfig::new(base, "renave-rs-test/1.0");
    config.retry = fast_retry();
    config.timeouts = Timeouts {
        connect: Duration::from_secs(2),
        per_attempt: Duration::from_secs(5),
        operation: Duration::from_secs(10),
    };
    tweak(&mut config);
    let client = TransportBuilder::default()
        .allow_http(true)
        .connect_timeout(config.timeouts.connect)
        .build()
        .unwrap();
    HttpCore::new(config, client)
}

fn core(server: &MockServer) -> HttpCore {
    core_with(server, |_| {})
}

fn get(p: &str) -> RequestSpec {
    RequestSpec::new(
        "consultar_teste",
        HttpMethod::Get,
        "teste",
        p.to_owned(),
        Idempotency::Idempotent,
    )
}

fn post(p: &str) -> RequestSpec {
    RequestSpec::new(
        "registrar_teste",
        HttpMethod::Post,
        "teste",
        p.to_owned(),
        Idempotency::StateChanging,
    )
    .json_body(&serde_json::json!({"chassi": "9BWZZZ377VT004251"}))
    .unwrap()
}

#[tokio::test]
async fn get_success_sends_path_query_and_headers() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .and(path(format!(
            "{BASE}aptidao-veiculo-estoque/9BWZZZ377VT004251/111.444.777-35"
        )))
        .and(query_param("filtro", "a b&c=d"))
        .and(header("user-agent", "renave-rs-test/1.0"))
        .and(header("authorization", "Bearer segredo"))
        .and(header("x-extra", "1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "abc")
                .set_body_raw(
                    r#"{"codigo_retorno":"000"}"#,
                    "application/json; charset=utf-8",
                ),
        )
        .expect(1)
        .mount(&server)
        .await;
    let route = renave_http::Route::new(HttpMethod::Get, "aptidao-veiculo-estoque/{chassi}/{cpf}");
    let p = route
        .render(&[("chassi", "9BWZZZ377VT004251"), ("cpf", "111.444.777-35")])
        .unwrap();
    let spec = get(&p)
        .query("filtro", "a b&c=d")
        .header("x-extra", "1")
        .sensitive_header("authorization", SecretString::from("Bearer segredo"));
    let r = core(&server).send(&spec).await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.is_success());
    assert_eq!(r.attempts(), 1);
    assert_eq!(r.header("X-Request-Id"), Some("abc"));
    assert_eq!(r.content_type(), Some("application/json; charset=utf-8"));
    assert!(r.looks_like_json());
    assert_eq!(r.body(), br#"{"codigo_retorno":"000"}"#);
    assert!(r.elapsed() > Duration::ZERO);
    assert_eq!(r.into_body().as_ref(), br#"{"codigo_retorno":"000"}"#);
}

#[tokio::test]
async fn post_sends_json_body_with_content_type() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("POST"))
        .and(path(format!("{BASE}registrar-entrada-estoque")))
        .and(header("content-type", "application/json"))
        .and(body_json(
            serde_json::json!({"chassi": "9BWZZZ377VT004251"}),
        ))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let r = core(&server)
        .send(&post("/registrar-entrada-estoque"))
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn base_url_without_trailing_slash_keeps_its_last_segment() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .and(path("/api/veiculos/renave/x"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let core = core_with(&server, |c| {
        c.base_url = url::Url::parse(&format!("{}/api/veiculos/renave", server.uri())).unwrap();
    });
    assert_eq!(core.send(&get("x")).await.unwrap().status(), 200);
}

#[tokio::test]
async fn get_is_retried_on_503_then_succeeds() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .expect(1)
        .mount(&server)
        .await;
    let r = core(&server).send(&get("x")).await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.attempts(), 3);
    assert_eq!(r.body(), b"ok");
}

#[tokio::test]
async fn get_retries_each_d6_status_and_stops_at_max_attempts() {
    for status in [429, 502, 503, 504] {
        let server = ServidorMock::iniciar().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status).set_body_string("busy"))
            .expect(3)
            .mount(&server)
            .await;
        let r = core(&server).send(&get("x")).await.unwrap();
        assert_eq!(r.status(), status);
        assert_eq!(r.attempts(), 3);
        assert_eq!(r.body(), b"busy");
    }
}

#[tokio::test]
async fn get_is_not_retried_on_other_errors() {
    for status in [400, 401, 404, 409, 500, 501] {
        let server = ServidorMock::iniciar().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status).set_body_string("<html>erro</html>"))
            .expect(1)
            .mount(&server)
            .await;
        let r = core(&server).send(&get("x")).await.unwrap();
        assert_eq!(r.status(), status);
        assert!(!r.is_success());
        assert_eq!(r.attempts(), 1);
        assert!(!r.looks_like_json());
        assert_eq!(BodySnippet::from_bytes(r.body(), 6).as_str(), "<html>…");
    }
}

#[tokio::test]
async fn post_is_never_resent_after_an_error_status() {
    for status in [429, 500, 502, 503, 504] {
        let server = ServidorMock::iniciar().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).insert_header("retry-after", "0"))
            .expect(1)
            .mount(&server)
            .await;
        let r = core(&server).send(&post("x")).await.unwrap();
        assert_eq!(r.status(), status);
        assert_eq!(r.attempts(), 1);
    }
}

#[tokio::test]
async fn idempotency_override_allows_retrying_a_documented_idempotent_post() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .expect(3)
        .mount(&server)
        .await;
    let spec = post("gerar-token").with_idempotency(Idempotency::Idempotent);
    let r = core(&server).send(&spec).await.unwrap();
    assert_eq!(r.attempts(), 3);
}

#[tokio::test]
async fn post_is_never_resent_after_a_timeout() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .expect(1)
        .mount(&server)
        .await;
    let core = core_with(&server, |c| {
        c.timeouts.per_attempt = Duration::from_millis(200);
    });
    let started = Instant::now();
    let err = core.send(&post("x")).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    match &err {
        HttpError::Timeout {
            attempts,
            deadline,
            may_have_executed,
            kind,
            ..
        } => {
            assert_eq!(*attempts, 1);
            assert_eq!(*deadline, Duration::from_millis(200));
            assert!(*may_have_executed);
            assert_eq!(*kind, TimeoutKind::PerAttempt);
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(err.may_have_executed());
    assert!(!err.is_retryable());
    assert!(err.is_timeout());
    assert_eq!(err.operation(), Some("registrar_teste"));
    let text = err.to_string();
    assert!(!text.contains('\n'));
    assert!(
        text.contains("registrar_teste") && text.contains("200ms"),
        "{text}"
    );
    assert!(text.contains("may have executed"), "{text}");
}

#[tokio::test]
async fn get_times_out_per_attempt_and_is_retried() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(600)))
        .expect(3)
        .mount(&server)
        .await;
    let core = core_with(&server, |c| {
        c.timeouts.per_attempt = Duration::from_millis(150);
    });
    let err = core.send(&get("x")).await.unwrap_err();
    assert!(
        matches!(
            err,
            HttpError::Timeout {
                attempts: 3,
                kind: TimeoutKind::PerAttempt,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.is_retryable(),
        "an idempotent read may be retried later"
    );
}

#[tokio::test]
async fn slow_first_attempt_then_fast_success() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(800)))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("rápido"))
        .expect(1)
        .mount(&server)
        .await;
    let core = core_with(&server, |c| {
        c.timeouts.per_attempt = Duration::from_millis(200);
    });
    let r = core.send(&get("x")).await.unwrap();
    assert_eq!(r.attempts(), 2);
    assert_eq!(r.body(), "rápido".as_bytes());
}

#[tokio::test]
async fn operation_deadline_bounds_all_attempts_and_sleeps() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(400)))
        .mount(&server)
        .await;
    let core = core_with(&server, |c| {
        c.timeouts.per_attempt = Duration::from_millis(300);
        c.timeouts.operation = Duration::from_millis(800);
        c.retry.max_attempts = 100;
    });
    let started = Instant::now();
    let err = core.send(&get("x")).await.unwrap_err();
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(750), "{took:?}");
    assert!(took < Duration::from_millis(1_500), "{took:?}");
    match err {
        HttpError::Timeout {
            kind,
            deadline,
            attempts,
            ..
        } => {
            assert_eq!(kind, TimeoutKind::Operation);
            assert_eq!(deadline, Duration::from_millis(800));
            assert!((2..=3).contains(&attempts), "{attempts}");
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
}

#[tokio::test]
async fn per_request_timeouts_and_retry_policy_override_the_config() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .expect(1)
        .mount(&server)
        .await;
    let spec = get("x").with_retry_policy(RetryPolicy::disabled());
    let r = core(&server).send(&spec).await.unwrap();
    assert_eq!(r.attempts(), 1);

    let slow = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
        .mount(&slow)
        .await;
    let spec = get("x")
        .with_retry_policy(RetryPolicy::disabled())
        .with_timeouts(Timeouts {
            per_attempt: Duration::from_millis(100),
            ..Timeouts::default()
        });
    let started = Instant::now();
    let err = core(&slow).send(&spec).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(err.is_timeout());
}

#[tokio::test]
async fn retry_after_seconds_is_honoured() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let started = Instant::now();
    let r = core(&server).send(&get("x")).await.unwrap();
    let took = started.elapsed();
    assert_eq!(r.status(), 200);
    assert_eq!(r.attempts(), 2);
    assert!(took >= Duration::from_millis(900), "{took:?}");
    assert!(took < Duration::from_secs(3), "{took:?}");
}

#[tokio::test]
async fn retry_after_is_capped_by_max_retry_after() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let core = core_with(&server, |c| {
        c.retry.max_retry_after = Duration::from_millis(300);
    });
    let started = Instant::now();
    let r = core.send(&get("x")).await.unwrap();
    let took = started.elapsed();
    assert_eq!(r.status(), 200);
    assert!(took >= Duration::from_millis(280), "{took:?}");
    assert!(took < Duration::from_secs(2), "{took:?}");
}

#[tokio::test]
async fn retry_after_beyond_the_deadline_returns_the_response_at_once() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "20"))
        .expect(1)
        .mount(&server)
        .await;
    let core = core_with(&server, |c| {
        c.retry.max_retry_after = Duration::from_secs(30);
        c.timeouts.operation = Duration::from_secs(2);
    });
    let started = Instant::now();
    let r = core.send(&get("x")).await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(r.status(), 503);
    assert_eq!(r.header("retry-after"), Some("20"));
}

#[tokio::test]
async fn oversized_body_with_content_length_is_refused_and_not_retried() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(vec![b'a'; 10_000]))
        .expect(1)
        .mount(&server)
        .await;
    let core = core_with(&server, |c| c.max_response_bytes = 1024);
    let err = core.send(&get("x")).await.unwrap_err();
    assert!(
        matches!(
            err,
            HttpError::ResponseTooLarge {
                status: 200,
                limit: 1024,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!err.is_retryable());
    assert!(err.to_string().contains("1024"), "{err}");
}

#[tokio::test]
async fn body_of_exactly_the_limit_is_accepted() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(vec![b'a'; 1024]))
        .mount(&server)
        .await;
    let core = core_with(&server, |c| c.max_response_bytes = 1024);
    assert_eq!(core.send(&get("x")).await.unwrap().body().len(), 1024);
}

#[tokio::test]
async fn invalid_headers_and_paths_are_never_sent() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let core = core(&server);
    let cases = [
        get("x").header("x-bad", "a\nb"),
        get("x").header("bad name", "v"),
        get("x").sensitive_header("authorization", SecretString::from("Bearer a\r\nX: y")),
        get("x?y=1"),
        get("x#y"),
    ];
    for spec in cases {
        let err = core.send(&spec).await.unwrap_err();
        assert!(matches!(err, HttpError::InvalidRequest { .. }), "{err:?}");
        assert!(!err.may_have_executed());
        assert!(!err.is_retryable());
        assert_eq!(err.attempts(), 0);
        assert!(!err.to_string().contains("Bearer"), "{err}");
    }
}

#[tokio::test]
async fn connect_failure_is_retried_even_for_post_and_says_not_executed() {
    // Bind then drop a listener: nothing listens on that port any more.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let base = url::Url::parse(&format!("http://127.0.0.1:{port}/api/")).unwrap();
    let mut config = CoreConfig::new(base, "t");
    config.retry = fast_retry();
    let core = HttpCore::new(
        config,
        TransportBuilder::default()
            .allow_http(true)
            .build()
            .unwrap(),
    );
    let err = core.send(&post("x")).await.unwrap_err();
    match &err {
        HttpError::Connect { attempts, .. } => assert_eq!(*attempts, 3),
        other => panic!("expected a connect error, got {other:?}"),
    }
    assert!(err.is_retryable());
    assert!(!err.may_have_executed());
    assert!(err.is_connect());
    assert!(std::error::Error::source(&err).is_some());
    let text = err.to_string();
    assert!(
        text.contains("3 attempts") && text.contains("did not reach"),
        "{text}"
    );
    assert!(!text.contains('\n'));
    assert!(!text.contains("127.0.0.1"), "no URL in the message: {text}");
}

#[tokio::test]
async fn https_only_by_default() {
    let client = TransportBuilder::default().build().unwrap();
    let core = HttpCore::new(
        CoreConfig::new(url::Url::parse("http://127.0.0.1:9/").unwrap(), "t"),
        client,
    );
    let err = core
        .send(&get("x").with_retry_policy(RetryPolicy::disabled()))
        .await
        .unwrap_err();
    assert!(matches!(err, HttpError::InvalidRequest { .. }), "{err:?}");
    assert!(!err.may_have_executed(), "{err:?}");
    assert!(err.to_string().contains("scheme"), "{err}");
}

#[tokio::test]
async fn cannot_be_a_base_url_is_an_invalid_request() {
    let client = TransportBuilder::default()
        .allow_http(true)
        .build()
        .unwrap();
    let core = HttpCore::new(
        CoreConfig::new(url::Url::parse("mailto:x@y.invalid").unwrap(), "t"),
        client,
    );
    let err = core.send(&get("x")).await.unwrap_err();
    assert!(matches!(err, HttpError::InvalidRequest { .. }), "{err:?}");
}

#[tokio::test]
async fn redirects_are_returned_not_followed() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("POST"))
        .and(path(format!("{BASE}x")))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/outro"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/outro"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let r = core(&server).send(&post("x")).await.unwrap();
    assert_eq!(r.status(), 302);
    assert_eq!(r.header("location"), Some("/outro"));
}

#[tokio::test]
async fn debug_output_hides_secrets_paths_and_bodies() {
    let spec = RequestSpec::new(
        "consultar_teste",
        HttpMethod::Get,
        "veiculo/{cpf}",
        "veiculo/11144477735".to_owned(),
        Idempotency::Idempotent,
    )
    .query("cpf", "52998224725")
    .sensitive_header("authorization", SecretString::from("Bearer eyJsegredo"))
    .json_body(&serde_json::json!({"cpf": "39053344705"}))
    .unwrap();
    let dbg = format!("{spec:?}");
    for secret in ["eyJsegredo", "11144477735", "52998224725", "39053344705"] {
        assert!(!dbg.contains(secret), "{secret} leaked: {dbg}");
    }
    assert!(
        dbg.contains("veiculo/{cpf}") && dbg.contains("authorization"),
        "{dbg}"
    );
    // Getters still give the client crate what it built.
    assert_eq!(spec.path(), "veiculo/11144477735");
    assert_eq!(
        spec.query_pairs(),
        &[("cpf".to_owned(), "52998224725".to_owned())]
    );
    assert_eq!(spec.header_value("content-type"), Some("application/json"));
    assert_eq!(
        spec.header_value("Authorization"),
        None,
        "sensitive is not readable"
    );
    assert!(spec.has_header("AUTHORIZATION"));
    assert_eq!(
        spec.body_bytes(),
        Some(br#"{"cpf":"39053344705"}"#.as_slice())
    );

    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"cpf":"39053344705"}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let r = core(&server).send(&spec).await.unwrap();
    let dbg = format!("{r:?}");
    assert!(!dbg.contains("39053344705"), "{dbg}");
    assert!(
        dbg.contains("200") && dbg.contains("application/json"),
        "{dbg}"
    );
    let dbg = format!("{:?}", core(&server));
    assert!(dbg.contains("HttpCore"), "{dbg}");
}

#[tokio::test]
async fn header_set_twice_keeps_the_last_value() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .and(header("x-a", "2"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let spec = get("x").header("x-a", "1").header("X-A", "2");
    assert_eq!(core(&server).send(&spec).await.unwrap().status(), 200);
}

#[tokio::test]
async fn raw_body_custom_header_and_from_transport() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("POST"))
        .and(path(format!(
            "{BASE}protocolo-digital/upload-documento-ficha-cadastro-renave"
        )))
        .and(header("content-type", "multipart/form-data; boundary=XyZ"))
        .and(header("x-runtime-name", "v"))
        .and(header("user-agent", "renave-rs-from-config"))
        .and(wiremock::matchers::body_bytes(b"--XyZ--\r\n".to_vec()))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let base = url::Url::parse(&format!("{}{BASE}", server.uri())).unwrap();
    let core = HttpCore::from_transport(
        CoreConfig::new(base, "renave-rs-from-config"),
        TransportBuilder::default().allow_http(true),
    )
    .unwrap();
    let name = String::from("x-runtime-name");
    let spec = RequestSpec::new(
        "upload_documento",
        HttpMethod::Post,
        "protocolo-digital/upload-documento-ficha-cadastro-renave",
        "protocolo-digital/upload-documento-ficha-cadastro-renave".to_owned(),
        Idempotency::StateChanging,
    )
    .custom_header(name, "v")
    .raw_body(
        b"--XyZ--\r\n".to_vec(),
        format!("multipart/form-data; boundary={}", "XyZ"),
    );
    assert_eq!(
        spec.header_names().collect::<Vec<_>>(),
        ["x-runtime-name", "content-type"]
    );
    assert_eq!(core.send(&spec).await.unwrap().status(), 200);
}

/// Formats an instant as an IMF-fixdate (test helper, independent of the parser).
fn imf_fixdate(t: std::time::SystemTime) -> String {
    const M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const D: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let secs = t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let days = secs / 86_400;
    let tod = secs % 86_400;
    let leap = |y: u64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let (mut year, mut rest) = (1970, days);
    while rest >= if leap(year) { 366 } else { 365 } {
        rest -= if leap(year) { 366 } else { 365 };
        year += 1;
    }
    let lens = [
        31,
        if leap(year) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut month = 0;
    while rest >= lens[month] {
        rest -= lens[month];
        month += 1;
    }
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        D[usize::try_from(days % 7).unwrap()],
        rest + 1,
        M[month],
        year,
        tod / 3600,
        tod / 60 % 60,
        tod % 60
    )
}

#[tokio::test]
async fn retry_after_http_date_is_honoured() {
    let server = ServidorMock::iniciar().await;
    let when = std::time::SystemTime::now() + Duration::from_secs(2);
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", imf_fixdate(when)))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let started = Instant::now();
    let r = core(&server).send(&get("x")).await.unwrap();
    let took = started.elapsed();
    assert_eq!(r.attempts(), 2);
    // The date has one-second resolution: the wait is between 1 and 2 seconds.
    assert!(took >= Duration::from_millis(900), "{took:?}");
    assert!(took < Duration::from_secs(4), "{took:?}");
}

#[tokio::test]
async fn errors_never_carry_the_url_in_any_form() {
    let cpf = "11144477735";
    // Connect failure.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let base = url::Url::parse(&format!("http://127.0.0.1:{port}/api/")).unwrap();
    let mut config = CoreConfig::new(base, "t");
    config.retry = RetryPolicy::disabled();
    let core = HttpCore::new(
        config,
        TransportBuilder::default()
            .allow_http(true)
            .build()
            .unwrap(),
    );
    let spec = get(&format!("veiculo/{cpf}")).query("cpf", cpf);
    let err = core.send(&spec).await.unwrap_err();
    // Timeout.
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let slow = core_with(&server, |c| {
        c.retry = RetryPolicy::disabled();
        c.timeouts.per_attempt = Duration::from_millis(50);
    });
    let timeout = slow.send(&spec).await.unwrap_err();
    for e in [&err, &timeout] {
        let mut texts = vec![e.to_string(), format!("{e:?}")];
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            texts.push(s.to_string());
            texts.push(format!("{s:?}"));
            source = s.source();
        }
        for t in texts {
            assert!(!t.contains(cpf), "CPF leaked: {t}");
        }
    }
}

#[tokio::test]
async fn huge_and_zero_deadlines_never_panic() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let unbounded = core_with(&server, |c| {
        c.timeouts.operation = Duration::MAX;
        c.timeouts.per_attempt = Duration::MAX;
        c.retry.max_backoff = Duration::MAX;
        c.retry.initial_backoff = Duration::from_millis(1);
        c.retry.max_retry_after = Duration::MAX;
    });
    let r = unbounded.send(&get("x")).await.unwrap();
    assert_eq!(r.attempts(), 3);
    let zero = core_with(&server, |c| c.timeouts.operation = Duration::ZERO);
    let err = zero.send(&get("x")).await.unwrap_err();
    assert!(
        matches!(
            err,
            HttpError::Timeout {
                kind: TimeoutKind::Operation,
                attempts: 0,
                may_have_executed: false,
                ..
            }
        ),
        "{err:?}"
    );
}

/// A per-attempt deadline shorter than the connect timeout must not fire while the connection
/// is still being opened: a POST that never left the process would be reported as "may have
/// executed" (outcome unknown). The connect timeout is capped below the per-attempt deadline
/// (`Timeouts::connect_within_attempt`), so the connect failure is reported as such: not
/// executed.
#[tokio::test]
async fn per_attempt_shorter_than_connect_never_fires_while_connecting() {
    // Accepts TCP and never answers the TLS handshake: the attempt hangs in its connect phase.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let base = url::Url::parse(&format!("https://127.0.0.1:{port}/api/")).unwrap();
    let mut config = CoreConfig::new(base, "t");
    config.retry = RetryPolicy::disabled();
    config.timeouts = Timeouts {
        connect: Duration::from_millis(300),
        per_attempt: Duration::from_millis(100),
        operation: Duration::from_secs(10),
    };
    for core in [
        HttpCore::from_transport(config.clone(), TransportBuilder::default()).unwrap(),
        HttpCore::new(
            config.clone(),
            TransportBuilder::default()
                .connect_timeout(config.timeouts.connect_within_attempt())
                .build()
                .unwrap(),
        ),
    ] {
        let err = core.send(&post("x")).await.unwrap_err();
        assert!(
            matches!(err, HttpError::Connect { .. }),
            "the connect timeout, not the per-attempt one: {err:?}"
        );
        assert!(!err.may_have_executed(), "{err:?}");
    }
    server.abort();
}

/// Issue 16: the default cap fits an answer carrying a 10 MiB PDF — base64 in MIME lines of 76,
/// each line break escaped as `\r\n` inside the JSON string (≈ 14.7 MB). The old 8 MiB default
/// refused it.
#[tokio::test]
async fn default_cap_fits_an_answer_with_a_10_mib_pdf() {
    // The base64 text's length is what the cap sees: 4 characters per 3 bytes, padded.
    let b64 = "A".repeat((10 * 1024 * 1024_usize).div_ceil(3) * 4);
    let linhas: Vec<&str> = b64
        .as_bytes()
        .chunks(76)
        .map(|l| std::str::from_utf8(l).unwrap())
        .collect();
    let corpo = format!("{{\"pdfAtpve\":\"{}\"}}", linhas.join("\\r\\n"));
    assert!(corpo.len() > 14_000_000, "{}", corpo.len());
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(corpo.clone()))
        .mount(&server)
        .await;
    let core = core_with(&server, |_| {});
    assert_eq!(
        core.send(&get("x")).await.unwrap().body().len(),
        corpo.len()
    );
}
