//! The `renave.http` span: the fields it records, and what it must never record.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use renave_http::{
    CoreConfig, HttpCore, HttpMethod, Idempotency, RequestSpec, RetryPolicy, Route,
    TransportBuilder,
};
use secrecy::SecretString;
use tracing_subscriber::fmt::format::FmtSpan;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn span_records_operation_route_attempt_status_but_no_personal_data() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"cpf":"39053344705"}"#))
        .mount(&server)
        .await;
    let base = url::Url::parse(&format!("{}/api/", server.uri())).unwrap();
    let mut config = CoreConfig::new(base, "t");
    config.retry = RetryPolicy {
        initial_backoff: Duration::from_millis(5),
        ..RetryPolicy::default()
    };
    let core = HttpCore::new(
        config,
        TransportBuilder::default()
            .allow_http(true)
            .build()
            .unwrap(),
    );
    let route = Route::new(HttpMethod::Get, "veiculo/{cpf}/{chassi}");
    let path = route
        .render(&[("cpf", "11144477735"), ("chassi", "9BWZZZ377VT004251")])
        .unwrap();
    let spec = RequestSpec::new(
        "consultar_veiculo",
        HttpMethod::Get,
        route.template().to_owned(),
        path,
        Idempotency::Idempotent,
    )
    .query("comprador", "52998224725")
    .sensitive_header("authorization", SecretString::from("Bearer eyJsegredo"));
    let r = core.send(&spec).await.unwrap();
    assert_eq!(r.attempts(), 2);
    drop(guard);

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for want in [
        "renave.http",
        "operation=consultar_veiculo",
        "method=GET",
        "route=veiculo/{cpf}/{chassi}",
        "attempt=2",
        "status=200",
        "elapsed_ms=",
        "retry",
        "delay_ms=",
    ] {
        assert!(log.contains(want), "missing {want:?} in:\n{log}");
    }
    for secret in [
        "11144477735",
        "9BWZZZ377VT004251",
        "52998224725",
        "39053344705",
        "eyJsegredo",
    ] {
        assert!(!log.contains(secret), "{secret} leaked in:\n{log}");
    }
}
