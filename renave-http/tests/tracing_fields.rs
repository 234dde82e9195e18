//! The `renave.http` span: the fields it records, and what it must never record.
//!
//! A tiny capturing `tracing::Subscriber` keeps every span field, recorded value and event
//! field as `name=value` text.
#![allow(clippy::unwrap_used)]

use std::fmt::{Debug, Write as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use renave_http::{
    CoreConfig, HttpCore, HttpMethod, Idempotency, RequestSpec, RetryPolicy, Route,
    TransportBuilder,
};
use secrecy::SecretString;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Default)]
struct Capture {
    lines: Mutex<Vec<String>>,
    next_id: AtomicU64,
}

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }
}

impl Capture {
    fn push(&self, line: String) {
        self.lines.lock().unwrap().push(line);
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = Line(format!("span {}:", span.metadata().name()));
        span.record(&mut line);
        self.push(line.0);
        Id::from_u64(self.next_id.fetch_add(1, Ordering::SeqCst) + 1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = Line("record:".to_owned());
        values.record(&mut line);
        self.push(line.0);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = Line(format!("event {}:", event.metadata().target()));
        event.record(&mut line);
        self.push(line.0);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn span_records_operation_route_attempt_status_but_no_personal_data() {
    let capture = Arc::new(Capture::default());
    let guard = tracing::subscriber::set_default(Arc::clone(&capture));

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

    let log = capture.lines.lock().unwrap().join("\n");
    for want in [
        "span renave.http: operation=consultar_veiculo method=GET route=veiculo/{cpf}/{chassi}",
        "record: attempt=1",
        "record: status=503",
        "record: attempt=2",
        "record: status=200",
        "record: elapsed_ms=",
        "renave.http retry",
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

/// A call whose deadline is already spent makes no attempt: the span must not say it made one
/// (it used to record `attempt=1` while the error said 0 attempts).
#[tokio::test]
async fn span_sem_tentativa_quando_o_prazo_ja_acabou() {
    let capture = Arc::new(Capture::default());
    let guard = tracing::subscriber::set_default(Arc::clone(&capture));
    let server = MockServer::start().await;
    let mut config = CoreConfig::new(url::Url::parse(&server.uri()).unwrap(), "t");
    config.timeouts.operation = Duration::ZERO;
    let core = HttpCore::new(
        config,
        TransportBuilder::default()
            .allow_http(true)
            .build()
            .unwrap(),
    );
    let spec = RequestSpec::new(
        "consultar_x",
        HttpMethod::Get,
        "x",
        "x".to_owned(),
        Idempotency::Idempotent,
    );
    let erro = core.send(&spec).await.unwrap_err();
    drop(guard);
    assert_eq!(erro.attempts(), 0);
    let linhas = capture.lines.lock().unwrap().join("\n");
    assert!(!linhas.contains("attempt=1"), "{linhas}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
