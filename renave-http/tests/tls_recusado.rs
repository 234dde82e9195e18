//! A client certificate refused during the TLS handshake means the server never accepted the
//! connection: no application data was processed, so the request "did not reach the server",
//! whatever the TLS version. With TLS 1.3 the client writes its request right after its own
//! `Finished` and reads the server's alert about the certificate afterwards; that must not be
//! reported as "may have executed".
//!
//! The server is a local rustls server (throw-away certificates of `fixtures/tls/gen.sh`, as in
//! `tls.rs`) that requires a client certificate and counts the requests its application
//! handler reads.
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use renave_http::{
    CoreConfig, HttpCore, HttpError, HttpMethod, Idempotency, RequestSpec, RetryPolicy, Timeouts,
    TransportBuilder,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use secrecy::SecretBox;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/tls/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

struct Server {
    port: u16,
    /// TCP connections accepted.
    connections: Arc<AtomicUsize>,
    /// Requests the application handler read (a complete request head).
    handled: Arc<AtomicUsize>,
}

/// A TLS server presenting `server.der` that requires a client certificate issued by
/// `client_ca`, speaking only `version`.
fn start_server(client_ca: &str, version: &'static rustls::SupportedProtocolVersion) -> Server {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots.add(CertificateDer::from(fixture(client_ca))).unwrap();
    let verifier =
        WebPkiClientVerifier::builder_with_provider(Arc::new(roots), Arc::clone(&provider))
            .build()
            .unwrap();
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_protocol_versions(&[version])
            .unwrap()
            .with_client_cert_verifier(verifier)
            .with_single_cert(
                vec![CertificateDer::from(fixture("server.der"))],
                PrivateKeyDer::try_from(fixture("server.pkcs8.der")).unwrap(),
            )
            .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = Arc::new(AtomicUsize::new(0));
    let handled = Arc::new(AtomicUsize::new(0));
    let (c, h) = (Arc::clone(&connections), Arc::clone(&handled));
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            c.fetch_add(1, Ordering::SeqCst);
            let config = Arc::clone(&config);
            let h = Arc::clone(&h);
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                let conn = rustls::ServerConnection::new(config).unwrap();
                let mut tls = rustls::StreamOwned::new(conn, stream);
                let mut buf = Vec::new();
                let mut chunk = [0u8; 1024];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut chunk) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                // The application handler: reached only through an accepted handshake.
                h.fetch_add(1, Ordering::SeqCst);
                let _ = tls.write_all(
                    b"HTTP/1.1 201 Created\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok",
                );
                let _ = tls.flush();
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    Server {
        port,
        connections,
        handled,
    }
}

fn transport() -> TransportBuilder {
    TransportBuilder::default()
        .builtin_roots(false)
        .add_root_certificate_der(fixture("ca.der"))
}

/// Sends `method` through a core with the default three attempts and fast backoff.
async fn send(
    server: &Server,
    client: reqwest::Client,
    method: HttpMethod,
    idempotency: Idempotency,
) -> Result<u16, HttpError> {
    let base = url::Url::parse(&format!("https://127.0.0.1:{}/api/", server.port)).unwrap();
    let mut config = CoreConfig::new(base, "renave-rs-test");
    config.retry = RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(1),
        jitter: false,
    };
    config.timeouts = Timeouts {
        connect: Duration::from_secs(10),
        per_attempt: Duration::from_secs(20),
        operation: Duration::from_secs(30),
    };
    let core = HttpCore::new(config, client);
    let mut spec = RequestSpec::new("registrar_x", method, "x", "x".to_owned(), idempotency);
    if method == HttpMethod::Post {
        spec = spec.json_body(&serde_json::json!({"a": 1})).unwrap();
    }
    core.send(&spec).await.map(|r| r.status())
}

/// The error says "not sent", in its accessors and in its message.
fn assert_not_sent(what: &str, server: &Server, err: &HttpError) {
    let text = err.to_string();
    assert!(!err.may_have_executed(), "{what}: {err:?}");
    assert!(!err.outcome_unknown(), "{what}: {err:?}");
    assert!(err.is_connect() && !err.is_retryable(), "{what}: {err:?}");
    assert_eq!(err.attempts(), 1, "{what}: {err:?}");
    assert!(
        text.contains("did not reach the server") && !text.contains("may have"),
        "{what}: {text}"
    );
    assert!(!text.contains('\n'), "{what}: {text}");
    assert_eq!(
        server.handled.load(Ordering::SeqCst),
        0,
        "{what}: handler reached"
    );
    assert_eq!(
        server.connections.load(Ordering::SeqCst),
        1,
        "{what}: connections"
    );
}

#[tokio::test]
async fn a_refused_client_certificate_is_reported_as_not_sent() {
    let versions: [(&str, &'static rustls::SupportedProtocolVersion); 2] = [
        ("TLS 1.3", &rustls::version::TLS13),
        ("TLS 1.2", &rustls::version::TLS12),
    ];
    for (name, version) in versions {
        for (method, idempotency) in [
            (HttpMethod::Post, Idempotency::StateChanging),
            (HttpMethod::Get, Idempotency::Idempotent),
        ] {
            // No client certificate at all.
            let server = start_server("ca.der", version);
            let err = send(&server, transport().build().unwrap(), method, idempotency)
                .await
                .unwrap_err();
            assert_not_sent(&format!("{name} {method}, no certificate"), &server, &err);

            // A certificate the server does not trust (it trusts only `other-ca`).
            let server = start_server("other-ca.der", version);
            let client = transport()
                .client_identity(
                    vec![fixture("client.der"), fixture("ca.der")],
                    SecretBox::new(Box::new(fixture("client.pkcs8.der"))),
                )
                .build()
                .unwrap();
            let err = send(&server, client, method, idempotency)
                .await
                .unwrap_err();
            assert_not_sent(&format!("{name} {method}, untrusted CA"), &server, &err);
        }
    }
}

/// The same server accepts a certificate it trusts, and then the handler is reached once (the
/// test server itself is sound).
#[tokio::test]
async fn a_trusted_client_certificate_reaches_the_handler() {
    for version in [&rustls::version::TLS13, &rustls::version::TLS12] {
        let server = start_server("ca.der", version);
        let client = transport()
            .client_identity(
                vec![fixture("client.der"), fixture("ca.der")],
                SecretBox::new(Box::new(fixture("client.pkcs8.der"))),
            )
            .build()
            .unwrap();
        let status = send(
            &server,
            client,
            HttpMethod::Post,
            Idempotency::StateChanging,
        )
        .await
        .unwrap();
        assert_eq!(status, 201);
        assert_eq!(server.handled.load(Ordering::SeqCst), 1);
    }
}
