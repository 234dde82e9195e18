//! No resend below the core over HTTP/1.1 either (decision D6): the `reqwest::Client` built by
//! `TransportBuilder` sends a request once, even when the server reads all of it and hangs up
//! without answering, on a fresh connection or on a reused keep-alive one (hyper-util's
//! `retry_canceled_requests` resends only a request that was never written to a connection).
#![allow(clippy::unwrap_used)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use renave_http::TransportBuilder;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const BODY: &str = "{\"registro\":\"abc\"}";

struct Server {
    port: u16,
    /// Per accepted connection, the requests read whole on it (head and `Content-Length` body).
    connections: Arc<Mutex<Vec<Arc<AtomicUsize>>>>,
}

impl Server {
    /// Requests read whole, all connections together.
    fn requests(&self) -> usize {
        self.per_connection().iter().sum()
    }

    /// Requests read on each connection that carried at least one. (A connection the client
    /// opened but sent nothing on, e.g. a speculative connect racing the pool, is left out.)
    fn per_connection(&self) -> Vec<usize> {
        self.connections
            .lock()
            .unwrap()
            .iter()
            .map(|n| n.load(Ordering::SeqCst))
            .filter(|&n| n > 0)
            .collect()
    }
}

/// On each connection, answers the first `answered` requests with `200` (keep-alive), then
/// reads one more request whole and closes the connection without answering it.
async fn start(answered: usize) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = Arc::new(Mutex::new(Vec::new()));
    let c = Arc::clone(&connections);
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let r = Arc::new(AtomicUsize::new(0));
            c.lock().unwrap().push(Arc::clone(&r));
            tokio::spawn(async move {
                let mut buf = Vec::new();
                for _ in 0..answered {
                    if read_request(&mut stream, &mut buf).await.is_none() {
                        return;
                    }
                    r.fetch_add(1, Ordering::SeqCst);
                    let answer = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok";
                    if stream.write_all(answer).await.is_err() {
                        return;
                    }
                }
                if read_request(&mut stream, &mut buf).await.is_some() {
                    r.fetch_add(1, Ordering::SeqCst);
                }
                let _ = stream.shutdown().await;
            });
        }
    });
    Server { port, connections }
}

/// Reads one request head and its `Content-Length` body from `stream`, `buf` holding what was
/// read past the previous request.
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
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
    buf.drain(..head_end + len);
    Some(())
}

fn client() -> reqwest::Client {
    TransportBuilder::default()
        .allow_http(true)
        .build()
        .unwrap()
}

async fn post(client: &reqwest::Client, port: u16) -> reqwest::Result<bytes::Bytes> {
    client
        .post(format!("http://127.0.0.1:{port}/api/x"))
        .header("content-type", "application/json")
        .body(BODY)
        .send()
        .await?
        .bytes()
        .await
}

#[tokio::test]
async fn post_read_whole_then_dropped_on_a_fresh_connection_is_sent_once() {
    let server = start(0).await;
    let result = post(&client(), server.port).await;
    assert!(result.is_err(), "{result:?}");
    assert_eq!(server.requests(), 1, "{result:?}");
    assert_eq!(server.per_connection(), [1], "{result:?}");
}

#[tokio::test]
async fn post_read_whole_then_dropped_on_a_reused_connection_is_sent_once() {
    let server = start(1).await;
    let client = client();
    assert_eq!(&post(&client, server.port).await.unwrap()[..], b"ok");
    // The second POST goes out on the pooled keep-alive connection; the server reads it whole
    // and hangs up.
    let result = post(&client, server.port).await;
    assert!(result.is_err(), "{result:?}");
    assert_eq!(server.requests(), 2, "{result:?}");
    assert_eq!(
        server.per_connection(),
        [2],
        "both POSTs went out on one connection and nothing was resent on another: {result:?}"
    );
}
