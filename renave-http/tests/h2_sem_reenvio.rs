//! No resend below the core over HTTP/2 (decision D6): the transport built by
//! `TransportBuilder` never sends a request again on its own, so a state-changing request
//! reaches the server at most once and the core's attempt count is the number of sends.
//!
//! The server is a tiny HTTP/2 peer over TLS (ALPN `h2` only, the `server` fixture of
//! `fixtures/tls/`) that writes its frames by hand, so it can say what a real server or a
//! proxy in front of it may say. It reads each request whole (headers and body), counts it,
//! and only then refuses it at the protocol level as "not processed": `RST_STREAM` with
//! `REFUSED_STREAM`, or `GOAWAY(NO_ERROR)` whose last-stream-id leaves the stream out; then it
//! keeps the connection open or closes it. reqwest's built-in retry (on by default in 0.13)
//! resends exactly those requests, up to twice. (The `h2` crate's server cannot be used for
//! the `GOAWAY` case: it counts a stream as processed as soon as its headers arrive, so its
//! `GOAWAY` always covers a stream it has read.)
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use renave_http::{
    CoreConfig, HttpCore, HttpError, HttpMethod, Idempotency, RequestSpec, RetryPolicy,
    TransportBuilder,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

const PREFACE: &[u8] = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

// Frame types and flags (RFC 9113 §6).
const DATA: u8 = 0x0;
const HEADERS: u8 = 0x1;
const RST_STREAM: u8 = 0x3;
const SETTINGS: u8 = 0x4;
const PING: u8 = 0x6;
const GOAWAY: u8 = 0x7;
const CONTINUATION: u8 = 0x9;
const END_STREAM: u8 = 0x1;
const ACK: u8 = 0x1;
const END_HEADERS: u8 = 0x4;
const PADDED: u8 = 0x8;
// Error codes (RFC 9113 §7).
const NO_ERROR: u32 = 0x0;
const REFUSED_STREAM: u32 = 0x7;

/// How the server refuses a request it has read whole.
#[derive(Clone, Copy, Debug)]
enum Refusal {
    /// `RST_STREAM(REFUSED_STREAM)`; the connection stays open.
    RefusedStream,
    /// `RST_STREAM(REFUSED_STREAM)`, then the connection is closed.
    RefusedStreamThenClose,
    /// `GOAWAY(last-stream-id 0, NO_ERROR)`: "nothing on this connection was processed";
    /// the connection stays open.
    GoAwayNotProcessed,
    /// The same `GOAWAY`, then the connection is closed.
    GoAwayNotProcessedThenClose,
}

struct Server {
    port: u16,
    /// TLS connections that started HTTP/2 (sent the client preface).
    connections: Arc<AtomicUsize>,
    /// Requests read whole (headers and body up to `END_STREAM`).
    requests: Arc<AtomicUsize>,
    /// Request body bytes read, all requests together.
    body_bytes: Arc<AtomicUsize>,
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/tls/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

async fn start(refusal: Refusal) -> Server {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(fixture("server.der"))],
            PrivateKeyDer::try_from(fixture("server.pkcs8.der")).unwrap(),
        )
        .unwrap();
    config.alpn_protocols = vec![b"h2".to_vec()];
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = Server {
        port,
        connections: Arc::new(AtomicUsize::new(0)),
        requests: Arc::new(AtomicUsize::new(0)),
        body_bytes: Arc::new(AtomicUsize::new(0)),
    };
    let counters = (
        Arc::clone(&server.connections),
        Arc::clone(&server.requests),
        Arc::clone(&server.body_bytes),
    );
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            let (connections, requests, body_bytes) = (
                Arc::clone(&counters.0),
                Arc::clone(&counters.1),
                Arc::clone(&counters.2),
            );
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut preface = [0u8; PREFACE.len()];
                if tls.read_exact(&mut preface).await.is_err() || preface != PREFACE {
                    return;
                }
                connections.fetch_add(1, Ordering::SeqCst);
                let _ = serve(&mut tls, refusal, &requests, &body_bytes).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    server
}

/// What the server has seen of one stream.
#[derive(Default)]
struct StreamState {
    headers_done: bool,
    end_stream: bool,
    body: usize,
}

/// Serves one connection until the client hangs up or the refusal closes it.
async fn serve<S: AsyncRead + AsyncWrite + Unpin>(
    io: &mut S,
    refusal: Refusal,
    requests: &AtomicUsize,
    body_bytes: &AtomicUsize,
) -> std::io::Result<()> {
    write_frame(io, SETTINGS, 0, 0, &[]).await?;
    let mut streams: HashMap<u32, StreamState> = HashMap::new();
    loop {
        let mut head = [0u8; 9];
        io.read_exact(&mut head).await?;
        let len = usize::from(head[0]) << 16 | usize::from(head[1]) << 8 | usize::from(head[2]);
        let (kind, flags) = (head[3], head[4]);
        let stream_id = u32::from_be_bytes([head[5], head[6], head[7], head[8]]) & 0x7fff_ffff;
        let mut payload = vec![0u8; len];
        io.read_exact(&mut payload).await?;
        match kind {
            SETTINGS if flags & ACK == 0 => write_frame(io, SETTINGS, ACK, 0, &[]).await?,
            PING if flags & ACK == 0 => write_frame(io, PING, ACK, 0, &payload).await?,
            HEADERS | CONTINUATION | DATA => {
                let state = streams.entry(stream_id).or_default();
                if kind == DATA {
                    let padding = if flags & PADDED == 0 {
                        0
                    } else {
                        1 + usize::from(payload[0])
                    };
                    state.body += len - padding;
                } else {
                    state.headers_done |= flags & END_HEADERS != 0;
                }
                if kind != CONTINUATION {
                    state.end_stream |= flags & END_STREAM != 0;
                }
                if !(state.headers_done && state.end_stream) {
                    continue;
                }
                // The whole request has been read: it reached the server.
                let state = streams.remove(&stream_id).unwrap_or_default();
                body_bytes.fetch_add(state.body, Ordering::SeqCst);
                requests.fetch_add(1, Ordering::SeqCst);
                match refusal {
                    Refusal::RefusedStream | Refusal::RefusedStreamThenClose => {
                        let code = REFUSED_STREAM.to_be_bytes();
                        write_frame(io, RST_STREAM, 0, stream_id, &code).await?;
                    }
                    Refusal::GoAwayNotProcessed | Refusal::GoAwayNotProcessedThenClose => {
                        let mut goaway = 0u32.to_be_bytes().to_vec();
                        goaway.extend_from_slice(&NO_ERROR.to_be_bytes());
                        write_frame(io, GOAWAY, 0, 0, &goaway).await?;
                    }
                }
                if matches!(
                    refusal,
                    Refusal::RefusedStreamThenClose | Refusal::GoAwayNotProcessedThenClose
                ) {
                    return Ok(());
                }
            }
            // SETTINGS/PING acknowledgements, WINDOW_UPDATE, PRIORITY, RST_STREAM from the client.
            _ => {}
        }
    }
}

async fn write_frame<S: AsyncWrite + Unpin>(
    io: &mut S,
    kind: u8,
    flags: u8,
    stream_id: u32,
    payload: &[u8],
) -> std::io::Result<()> {
    let len = u32::try_from(payload.len()).unwrap().to_be_bytes();
    let mut frame = Vec::with_capacity(9 + payload.len());
    frame.extend_from_slice(&len[1..]);
    frame.push(kind);
    frame.push(flags);
    frame.extend_from_slice(&stream_id.to_be_bytes());
    frame.extend_from_slice(payload);
    io.write_all(&frame).await?;
    io.flush().await
}

/// A core over a `TransportBuilder` client that trusts only the test CA, with `max_attempts`
/// attempts, short backoff and generous deadlines.
fn core(port: u16, max_attempts: u32) -> HttpCore {
    let base = url::Url::parse(&format!("https://127.0.0.1:{port}/api/")).unwrap();
    let mut config = CoreConfig::new(base, "renave-rs-test");
    config.retry = RetryPolicy {
        max_attempts,
        initial_backoff: Duration::from_millis(10),
        jitter: false,
        ..RetryPolicy::default()
    };
    config.timeouts.per_attempt = Duration::from_secs(20);
    config.timeouts.operation = Duration::from_secs(60);
    let client = TransportBuilder::default()
        .connect_timeout(Duration::from_secs(10))
        .builtin_roots(false)
        .add_root_certificate_der(fixture("ca.der"))
        .build()
        .unwrap();
    HttpCore::new(config, client)
}

/// A JSON body of a little over 4 KiB, so it travels in DATA frames of its own.
fn post_spec() -> (RequestSpec, usize) {
    let body = serde_json::json!({ "registro": "x".repeat(4096) });
    let len = serde_json::to_vec(&body).unwrap().len();
    let spec = RequestSpec::new(
        "op_h2",
        HttpMethod::Post,
        "x",
        "x".to_owned(),
        Idempotency::StateChanging,
    )
    .json_body(&body)
    .unwrap();
    (spec, len)
}

async fn state_changing_post_is_sent_once(refusal: Refusal) {
    let server = start(refusal).await;
    let (spec, body_len) = post_spec();
    let err = core(server.port, 3).send(&spec).await.unwrap_err();
    let requests = server.requests.load(Ordering::SeqCst);
    assert_eq!(
        requests, 1,
        "{refusal:?}: the server read the whole POST {requests} times: {err:?}"
    );
    assert_eq!(
        server.body_bytes.load(Ordering::SeqCst),
        body_len,
        "{refusal:?}: the server read the whole body"
    );
    assert!(
        matches!(
            err,
            HttpError::Transport {
                attempts: 1,
                may_have_executed: true,
                idempotency: Idempotency::StateChanging,
                ..
            }
        ),
        "{refusal:?}: {err:?}"
    );
    assert_eq!(err.attempts(), 1);
    assert!(err.may_have_executed());
    assert!(!err.is_retryable(), "{refusal:?}: {err:?}");
    let text = err.to_string();
    assert!(
        text.contains("op_h2") && text.contains("outcome unknown"),
        "{refusal:?}: {text}"
    );
}

async fn idempotent_get_is_sent_once_per_counted_attempt(refusal: Refusal) {
    // (attempts allowed, requests read by the server, attempts counted by the core)
    let mut seen = Vec::new();
    for max_attempts in [1, 3] {
        let server = start(refusal).await;
        let spec = RequestSpec::new(
            "op_h2",
            HttpMethod::Get,
            "x",
            "x".to_owned(),
            Idempotency::Idempotent,
        );
        let err = core(server.port, max_attempts)
            .send(&spec)
            .await
            .unwrap_err();
        assert!(
            matches!(err, HttpError::Transport { .. }),
            "{refusal:?}: {err:?}"
        );
        let requests = u32::try_from(server.requests.load(Ordering::SeqCst)).unwrap();
        seen.push((max_attempts, requests, err.attempts()));
    }
    assert_eq!(
        seen,
        [(1, 1, 1), (3, 3, 3)],
        "{refusal:?}: (attempts allowed, requests read by the server, attempts counted by the core)"
    );
}

#[tokio::test]
async fn post_refused_stream_after_reading_it_is_not_resent() {
    state_changing_post_is_sent_once(Refusal::RefusedStream).await;
}

#[tokio::test]
async fn post_refused_stream_then_close_is_not_resent() {
    state_changing_post_is_sent_once(Refusal::RefusedStreamThenClose).await;
}

#[tokio::test]
async fn post_goaway_not_processed_after_reading_it_is_not_resent() {
    state_changing_post_is_sent_once(Refusal::GoAwayNotProcessed).await;
}

#[tokio::test]
async fn post_goaway_not_processed_then_close_is_not_resent() {
    state_changing_post_is_sent_once(Refusal::GoAwayNotProcessedThenClose).await;
}

#[tokio::test]
async fn get_refused_stream_is_sent_once_per_core_attempt() {
    idempotent_get_is_sent_once_per_counted_attempt(Refusal::RefusedStream).await;
}

#[tokio::test]
async fn get_refused_stream_then_close_is_sent_once_per_core_attempt() {
    idempotent_get_is_sent_once_per_counted_attempt(Refusal::RefusedStreamThenClose).await;
}

#[tokio::test]
async fn get_goaway_not_processed_is_sent_once_per_core_attempt() {
    idempotent_get_is_sent_once_per_counted_attempt(Refusal::GoAwayNotProcessed).await;
}

#[tokio::test]
async fn get_goaway_not_processed_then_close_is_sent_once_per_core_attempt() {
    idempotent_get_is_sent_once_per_counted_attempt(Refusal::GoAwayNotProcessedThenClose).await;
}

/// The client built by `TransportBuilder` on its own, without the core: one send.
#[tokio::test]
async fn transport_client_alone_sends_a_refused_post_once() {
    for refusal in [Refusal::RefusedStreamThenClose, Refusal::GoAwayNotProcessed] {
        let server = start(refusal).await;
        let client = TransportBuilder::default()
            .builtin_roots(false)
            .add_root_certificate_der(fixture("ca.der"))
            .build()
            .unwrap();
        let result = client
            .post(format!("https://127.0.0.1:{}/api/x", server.port))
            .body("{\"a\":1}")
            .send()
            .await;
        assert!(result.is_err(), "{refusal:?}: {result:?}");
        assert_eq!(
            server.requests.load(Ordering::SeqCst),
            1,
            "{refusal:?}: {result:?}"
        );
        assert_eq!(server.connections.load(Ordering::SeqCst), 1, "{refusal:?}");
    }
}
