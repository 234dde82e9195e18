//! `send` against a tiny raw TCP server, for what wiremock cannot do: bodies without a
//! declared length that never end, truncated bodies, connections dropped mid-exchange.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use renave_http::{
    CoreConfig, HttpCore, HttpError, HttpMethod, Idempotency, RequestSpec, RetryPolicy,
    TransportBuilder,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does once it has read a request.
#[derive(Clone, Copy)]
enum Behaviour {
    /// `Transfer-Encoding: chunked`, 16 KiB chunks, never ending.
    EndlessChunked,
    /// No length at all (`Connection: close`), bytes forever.
    EndlessUndelimited,
    /// Declares `Content-Length: 100`, sends 10 bytes, closes.
    Truncated,
    /// Closes without answering.
    CloseWithoutAnswer,
    /// Sends the status line, headers and part of the body, then stalls.
    StallMidBody,
}

struct Server {
    port: u16,
    connections: Arc<AtomicUsize>,
    bytes_written: Arc<AtomicUsize>,
}

/// Upper bound on what the server tries to write to one connection (256 MiB).
const WRITE_CAP: usize = 256 * 1024 * 1024;

async fn start(behaviour: Behaviour) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = Arc::new(AtomicUsize::new(0));
    let bytes_written = Arc::new(AtomicUsize::new(0));
    let (c, w) = (Arc::clone(&connections), Arc::clone(&bytes_written));
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            c.fetch_add(1, Ordering::SeqCst);
            let w = Arc::clone(&w);
            tokio::spawn(handle(stream, behaviour, w));
        }
    });
    Server {
        port,
        connections,
        bytes_written,
    }
}

/// Reads one request head and its `Content-Length` body.
async fn read_request(stream: &mut TcpStream) -> Option<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map_or(0, |v| v.trim().parse().unwrap());
    while buf.len() < head_end + len {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Some(())
}

async fn handle(mut stream: TcpStream, behaviour: Behaviour, written: Arc<AtomicUsize>) {
    if read_request(&mut stream).await.is_none() {
        return;
    }
    match behaviour {
        Behaviour::EndlessChunked => {
            let head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
            if stream.write_all(head).await.is_err() {
                return;
            }
            let mut chunk = b"4000\r\n".to_vec();
            chunk.extend(std::iter::repeat_n(b'x', 0x4000));
            chunk.extend_from_slice(b"\r\n");
            endless(&mut stream, &chunk, &written).await;
        }
        Behaviour::EndlessUndelimited => {
            let head = b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n";
            if stream.write_all(head).await.is_err() {
                return;
            }
            endless(&mut stream, &[b'y'; 16 * 1024], &written).await;
        }
        Behaviour::Truncated => {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n0123456789")
                .await;
            let _ = stream.shutdown().await;
        }
        Behaviour::CloseWithoutAnswer => {
            let _ = stream.shutdown().await;
        }
        Behaviour::StallMidBody => {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"a\":")
                .await;
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
    }
}

async fn endless(stream: &mut TcpStream, chunk: &[u8], written: &AtomicUsize) {
    while written.load(Ordering::SeqCst) < WRITE_CAP {
        if stream.write_all(chunk).await.is_err() {
            return;
        }
        written.fetch_add(chunk.len(), Ordering::SeqCst);
    }
}

fn core(port: u16, limit: usize) -> HttpCore {
    let base = url::Url::parse(&format!("http://127.0.0.1:{port}/api/")).unwrap();
    let mut config = CoreConfig::new(base, "t");
    config.max_response_bytes = limit;
    config.retry = RetryPolicy {
        initial_backoff: Duration::from_millis(10),
        jitter: false,
        ..RetryPolicy::default()
    };
    config.timeouts.per_attempt = Duration::from_secs(20);
    config.timeouts.operation = Duration::from_secs(30);
    let client = TransportBuilder::default()
        .allow_http(true)
        .build()
        .unwrap();
    HttpCore::new(config, client)
}

fn spec(method: HttpMethod, idempotency: Idempotency) -> RequestSpec {
    let s = RequestSpec::new("op_raw", method, "x", "x".to_owned(), idempotency);
    if method == HttpMethod::Post {
        s.json_body(&serde_json::json!({"a": 1})).unwrap()
    } else {
        s
    }
}

async fn assert_too_large_without_buffering(behaviour: Behaviour) {
    let server = start(behaviour).await;
    let limit = 64 * 1024;
    let started = Instant::now();
    let err = core(server.port, limit)
        .send(&spec(HttpMethod::Get, Idempotency::Idempotent))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            HttpError::ResponseTooLarge {
                status: 200,
                limit: 65_536,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.connections.load(Ordering::SeqCst), 1, "not retried");
    // The client stopped reading and hung up: the server could not push the whole 256 MiB.
    let mut written = 0;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let now = server.bytes_written.load(Ordering::SeqCst);
        if now == written {
            break;
        }
        written = now;
    }
    assert!(
        written < 64 * 1024 * 1024,
        "server wrote {written} bytes: the client kept reading"
    );
}

#[tokio::test]
async fn endless_chunked_body_is_cut_at_the_limit() {
    assert_too_large_without_buffering(Behaviour::EndlessChunked).await;
}

#[tokio::test]
async fn endless_body_without_length_is_cut_at_the_limit() {
    assert_too_large_without_buffering(Behaviour::EndlessUndelimited).await;
}

#[tokio::test]
async fn truncated_body_on_post_is_not_resent_and_outcome_is_unknown() {
    let server = start(Behaviour::Truncated).await;
    let err = core(server.port, 1024)
        .send(&spec(HttpMethod::Post, Idempotency::StateChanging))
        .await
        .unwrap_err();
    match &err {
        HttpError::Transport {
            attempts,
            may_have_executed,
            ..
        } => {
            assert_eq!(*attempts, 1);
            assert!(*may_have_executed);
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert!(!err.is_retryable());
    assert!(std::error::Error::source(&err).is_some());
    assert_eq!(server.connections.load(Ordering::SeqCst), 1);
    let text = err.to_string();
    assert!(
        text.contains("op_raw") && text.contains("outcome unknown"),
        "{text}"
    );
    assert!(!text.contains('\n'));
}

#[tokio::test]
async fn truncated_body_on_get_is_retried() {
    let server = start(Behaviour::Truncated).await;
    let err = core(server.port, 1024)
        .send(&spec(HttpMethod::Get, Idempotency::Idempotent))
        .await
        .unwrap_err();
    assert!(
        matches!(err, HttpError::Transport { attempts: 3, .. }),
        "{err:?}"
    );
    assert!(err.is_retryable());
    assert_eq!(server.connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn dropped_connection_on_post_is_not_resent() {
    let server = start(Behaviour::CloseWithoutAnswer).await;
    let err = core(server.port, 1024)
        .send(&spec(HttpMethod::Post, Idempotency::StateChanging))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            HttpError::Transport {
                attempts: 1,
                may_have_executed: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn dropped_connection_on_get_is_retried() {
    let server = start(Behaviour::CloseWithoutAnswer).await;
    let err = core(server.port, 1024)
        .send(&spec(HttpMethod::Get, Idempotency::Idempotent))
        .await
        .unwrap_err();
    assert!(
        matches!(err, HttpError::Transport { attempts: 3, .. }),
        "{err:?}"
    );
    assert_eq!(server.connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn stall_while_reading_the_body_is_a_per_attempt_timeout() {
    let server = start(Behaviour::StallMidBody).await;
    let mut core_config = core(server.port, 1024).config().clone();
    core_config.timeouts.per_attempt = Duration::from_millis(300);
    let core = HttpCore::new(
        core_config,
        TransportBuilder::default()
            .allow_http(true)
            .build()
            .unwrap(),
    );
    let started = Instant::now();
    let err = core
        .send(&spec(HttpMethod::Post, Idempotency::StateChanging))
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(
            err,
            HttpError::Timeout {
                attempts: 1,
                may_have_executed: true,
                kind: renave_http::TimeoutKind::PerAttempt,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        server.connections.load(Ordering::SeqCst),
        1,
        "POST not resent"
    );
}
