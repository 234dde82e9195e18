//! `TransportBuilder` against a local rustls server: extra roots, mutual TLS with every key
//! format, and the homologação hostname escape hatch that must still verify the chain.
//!
//! Fixtures are throw-away certificates made by `fixtures/tls/gen.sh`.
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use renave_http::{
    CoreConfig, HttpCore, HttpError, HttpMethod, Idempotency, RequestSpec, RetryPolicy,
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

/// Starts a TLS server presenting `leaf`; when `require_client_cert`, only clients with a
/// certificate issued by the test CA get through. Answers `peer-cert:yes|no`.
fn start_server(leaf: &str, require_client_cert: bool) -> u16 {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ServerConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .unwrap();
    let builder = if require_client_cert {
        let mut roots = rustls::RootCertStore::empty();
        roots.add(CertificateDer::from(fixture("ca.der"))).unwrap();
        let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
            .build()
            .unwrap();
        builder.with_client_cert_verifier(verifier)
    } else {
        builder.with_no_client_auth()
    };
    let key = PrivateKeyDer::try_from(fixture(&format!("{leaf}.pkcs8.der"))).unwrap();
    let config = Arc::new(
        builder
            .with_single_cert(
                vec![CertificateDer::from(fixture(&format!("{leaf}.der")))],
                key,
            )
            .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let config = Arc::clone(&config);
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
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
                let peer = if tls.conn.peer_certificates().is_some_and(|c| !c.is_empty()) {
                    "yes"
                } else {
                    "no"
                };
                let body = format!("peer-cert:{peer}");
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.write_all(response.as_bytes());
                let _ = tls.flush();
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    port
}

async fn call(port: u16, client: reqwest::Client) -> Result<String, HttpError> {
    let base = url::Url::parse(&format!("https://127.0.0.1:{port}/api/")).unwrap();
    let mut config = CoreConfig::new(base, "renave-rs-test");
    config.retry = RetryPolicy::disabled();
    let core = HttpCore::new(config, client);
    let spec = RequestSpec::new(
        "op_tls",
        HttpMethod::Get,
        "x",
        "x".to_owned(),
        Idempotency::Idempotent,
    );
    let r = core.send(&spec).await?;
    assert_eq!(r.status(), 200);
    Ok(String::from_utf8(r.body().to_vec()).unwrap())
}

fn with_test_ca() -> TransportBuilder {
    TransportBuilder::default()
        .connect_timeout(Duration::from_secs(5))
        .add_root_certificate_der(fixture("ca.der"))
}

#[tokio::test]
async fn extra_root_makes_the_server_trusted() {
    let port = start_server("server", false);
    let body = call(port, with_test_ca().build().unwrap()).await.unwrap();
    assert_eq!(body, "peer-cert:no");
    // Only the test CA trusted: works too.
    let only = with_test_ca().builtin_roots(false).build().unwrap();
    assert_eq!(call(port, only).await.unwrap(), "peer-cert:no");
}

#[tokio::test]
async fn unknown_issuer_is_refused_before_anything_is_sent() {
    let port = start_server("server", false);
    let client = TransportBuilder::default().build().unwrap();
    let err = call(port, client).await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    assert!(!err.may_have_executed());
}

#[tokio::test]
async fn hostname_mismatch_is_refused_by_default() {
    let port = start_server("wrong-name", false);
    let err = call(port, with_test_ca().build().unwrap())
        .await
        .unwrap_err();
    assert!(err.is_connect(), "{err:?}");
}

#[tokio::test]
async fn danger_accept_invalid_hostnames_accepts_a_mismatch_with_a_valid_chain() {
    let port = start_server("wrong-name", false);
    let client = with_test_ca()
        .danger_accept_invalid_hostnames(true)
        .build()
        .unwrap();
    assert_eq!(call(port, client).await.unwrap(), "peer-cert:no");
}

#[tokio::test]
async fn danger_accept_invalid_hostnames_still_verifies_the_chain() {
    let port = start_server("untrusted", false);
    let client = with_test_ca()
        .danger_accept_invalid_hostnames(true)
        .build()
        .unwrap();
    let err = call(port, client).await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
}

#[tokio::test]
async fn mutual_tls_with_every_key_format() {
    let port = start_server("server", true);
    for (cert, key) in [
        ("client.der", "client.pkcs8.der"),
        ("client.der", "client.sec1.der"),
        ("client-rsa.der", "client-rsa.pkcs1.der"),
    ] {
        let client = with_test_ca()
            .client_identity(
                vec![fixture(cert), fixture("ca.der")],
                SecretBox::new(Box::new(fixture(key))),
            )
            .build()
            .unwrap();
        assert_eq!(
            call(port, client).await.unwrap(),
            "peer-cert:yes",
            "{cert} + {key}"
        );
    }
}

#[tokio::test]
async fn mutual_tls_server_refuses_a_client_without_identity() {
    let port = start_server("server", true);
    let err = call(port, with_test_ca().build().unwrap())
        .await
        .unwrap_err();
    // Refused during the handshake: never "may have executed" (see `tls_recusado.rs`).
    assert!(matches!(err, HttpError::TlsRefused { .. }), "{err:?}");
    assert!(!err.may_have_executed());
}

#[test]
fn configuration_errors_are_reported_not_panicked() {
    let cases: Vec<(&str, TransportBuilder)> = vec![
        ("no root", TransportBuilder::default().builtin_roots(false)),
        (
            "bad root",
            TransportBuilder::default().add_root_certificate_der(b"not a certificate".to_vec()),
        ),
        (
            "garbage key",
            TransportBuilder::default().client_identity(
                vec![fixture("client.der")],
                SecretBox::new(Box::new(b"garbage".to_vec())),
            ),
        ),
        (
            "empty chain",
            TransportBuilder::default().client_identity(
                vec![],
                SecretBox::new(Box::new(fixture("client.pkcs8.der"))),
            ),
        ),
        (
            "key of another certificate",
            TransportBuilder::default().client_identity(
                vec![fixture("client.der")],
                SecretBox::new(Box::new(fixture("server.pkcs8.der"))),
            ),
        ),
    ];
    for (what, builder) in cases {
        let err = builder.build().unwrap_err();
        assert!(
            matches!(err, HttpError::Configuration { .. }),
            "{what}: {err:?}"
        );
        assert!(!err.to_string().contains('\n'), "{what}: {err}");
        assert!(err.operation().is_none());
    }
}

#[test]
fn debug_never_shows_the_private_key() {
    let key = fixture("client.pkcs8.der");
    let builder = TransportBuilder::default().client_identity(
        vec![fixture("client.der")],
        SecretBox::new(Box::new(key.clone())),
    );
    let dbg = format!("{builder:?}");
    assert!(dbg.contains("1 certificate(s), key redacted"), "{dbg}");
    let as_list = format!("{key:?}");
    assert!(!dbg.contains(&as_list[1..20]), "{dbg}");
}
