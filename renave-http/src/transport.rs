//! The `reqwest::Client` both client crates use: rustls with the `ring` provider.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use secrecy::{ExposeSecret, SecretBox};

use crate::error::HttpError;

/// A client certificate chain (DER, leaf first) and its private key (DER).
type Identity = (Vec<Vec<u8>>, SecretBox<Vec<u8>>);

/// Builds the `reqwest::Client` shared by the clients: rustls with the `ring` crypto provider,
/// the Mozilla (webpki) roots plus extra roots (e.g. ICP-Brasil for SERPRO), an optional client
/// identity for mutual TLS (decision D5), a connect timeout, a `User-Agent`, HTTPS only unless
/// plain HTTP is allowed (tests), no automatic redirects (a redirected `POST` would be
/// silently turned into a `GET`; a 3xx is returned to the client crate instead), and no
/// automatic resend (decision D6: reqwest's built-in retry is turned off, so the only retries
/// are [`HttpCore`](crate::HttpCore)'s, which it counts).
///
/// `Debug` never shows the private key.
///
/// ```no_run
/// use std::time::Duration;
/// use renave_http::TransportBuilder;
///
/// let client = TransportBuilder::default()
///     .connect_timeout(Duration::from_secs(5))
///     .user_agent("renave-rs/0.1.0")
///     .build()?;
/// # Ok::<(), renave_http::HttpError>(())
/// ```
#[derive(Default)]
pub struct TransportBuilder {
    connect_timeout: Option<Duration>,
    user_agent: Option<String>,
    allow_http: bool,
    without_builtin_roots: bool,
    extra_roots: Vec<Vec<u8>>,
    identity: Option<Identity>,
    accept_invalid_hostnames: bool,
}

impl fmt::Debug for TransportBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportBuilder")
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("allow_http", &self.allow_http)
            .field("builtin_roots", &!self.without_builtin_roots)
            .field("extra_roots", &self.extra_roots.len())
            .field(
                "client_identity",
                &self
                    .identity
                    .as_ref()
                    .map(|(chain, _)| format!("{} certificate(s), key redacted", chain.len())),
            )
            .field(
                "danger_accept_invalid_hostnames",
                &self.accept_invalid_hostnames,
            )
            .finish()
    }
}

impl TransportBuilder {
    /// A builder with the defaults: 10 s connect timeout, webpki roots, HTTPS only.
    pub fn new() -> Self {
        Self::default()
    }

    /// Time allowed to open a connection (TCP + TLS). Default 10 s.
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = Some(d);
        self
    }

    /// Default `User-Agent` header (the core also sets [`CoreConfig::user_agent`](crate::CoreConfig::user_agent)).
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = Some(ua.into());
        self
    }

    pub(crate) fn default_connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout.get_or_insert(d);
        self
    }

    pub(crate) fn default_user_agent(mut self, ua: &str) -> Self {
        if self.user_agent.is_none() && !ua.is_empty() {
            self.user_agent = Some(ua.to_owned());
        }
        self
    }

    /// Allows plain `http://` URLs. For tests against a local mock server only.
    pub fn allow_http(mut self, yes: bool) -> Self {
        self.allow_http = yes;
        self
    }

    /// Whether to trust the built-in Mozilla (webpki) roots. Default true; turn off to trust
    /// only the roots added with [`add_root_certificate_der`](Self::add_root_certificate_der).
    pub fn builtin_roots(mut self, yes: bool) -> Self {
        self.without_builtin_roots = !yes;
        self
    }

    /// Trusts one more root certificate (DER), e.g. the ICP-Brasil roots SERPRO's servers chain to.
    pub fn add_root_certificate_der(mut self, der: Vec<u8>) -> Self {
        self.extra_roots.push(der);
        self
    }

    /// Presents a client certificate for mutual TLS (the establishment's ICP-Brasil e-CNPJ,
    /// decision D5): the chain, leaf first, in DER, and the private key in PKCS#8, PKCS#1 or
    /// SEC1 DER.
    pub fn client_identity(
        mut self,
        cert_chain_der: Vec<Vec<u8>>,
        private_key_der: SecretBox<Vec<u8>>,
    ) -> Self {
        self.identity = Some((cert_chain_der, private_key_der));
        self
    }

    /// Accepts a server certificate whose names do not match the host, still verifying its
    /// chain, validity and signatures. For the Renave-WS homologação host only, whose
    /// certificate's name differs from its host name.
    pub fn danger_accept_invalid_hostnames(mut self, yes: bool) -> Self {
        self.accept_invalid_hostnames = yes;
        self
    }

    /// Builds the client.
    ///
    /// The client never resends a request by itself (decision D6): it is built with
    /// `retry(reqwest::retry::never())`, turning off reqwest's default retry, which resends a
    /// request after an HTTP/2 `REFUSED_STREAM` or `GOAWAY(NO_ERROR)` even when the server
    /// has read it whole. A `reqwest::Client` built elsewhere and handed to
    /// [`HttpCore::new`](crate::HttpCore::new) (or to a client crate's builder) must be
    /// built the same way, and with `redirect(reqwest::redirect::Policy::none())`.
    ///
    /// # Errors
    ///
    /// [`HttpError::Configuration`] when a root certificate or the client identity is not
    /// valid DER, the key does not match the certificate, or no root is trusted.
    pub fn build(self) -> Result<reqwest::Client, HttpError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut roots = RootCertStore::empty();
        if !self.without_builtin_roots {
            roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        }
        for (i, der) in self.extra_roots.into_iter().enumerate() {
            roots
                .add(CertificateDer::from(der))
                .map_err(|e| config_error(format!("extra root certificate #{i} is invalid"), e))?;
        }
        if roots.is_empty() {
            return Err(HttpError::Configuration {
                reason: "no trusted root certificate (built-in roots off and none added)".into(),
                source: None,
            });
        }
        let roots = Arc::new(roots);
        let builder = rustls::ClientConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| config_error("TLS protocol versions".into(), e))?;
        let builder = if self.accept_invalid_hostnames {
            let inner = WebPkiServerVerifier::builder_with_provider(roots, provider)
                .build()
                .map_err(|e| config_error("TLS certificate verifier".into(), e))?;
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(IgnoreHostname { inner }))
        } else {
            builder.with_root_certificates(roots)
        };
        let mut tls = match self.identity {
            Some((chain, key)) => {
                if chain.is_empty() {
                    return Err(HttpError::Configuration {
                        reason: "client identity has an empty certificate chain".into(),
                        source: None,
                    });
                }
                let key = PrivateKeyDer::try_from(key.expose_secret().clone()).map_err(|e| {
                    HttpError::Configuration {
                        reason: format!("client private key is not PKCS#8/PKCS#1/SEC1 DER: {e}"),
                        source: None,
                    }
                })?;
                let chain = chain.into_iter().map(CertificateDer::from).collect();
                builder
                    .with_client_auth_cert(chain, key)
                    .map_err(|e| config_error("client certificate or key rejected".into(), e))?
            }
            None => builder.with_no_client_auth(),
        };
        tls.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];

        let mut client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .connect_timeout(self.connect_timeout.unwrap_or(Duration::from_secs(10)))
            .https_only(!self.allow_http)
            .redirect(reqwest::redirect::Policy::none())
            // Decision D6: a request that may have reached the server is never resent
            // automatically, at any layer, and `HttpCore`'s attempt count is the number of
            // sends. reqwest 0.13 retries by default (the "protocol NACK" classifier, up to 2
            // extra sends): after an HTTP/2 `REFUSED_STREAM` or `GOAWAY(NO_ERROR)` it resends
            // even a `POST` the server (or a proxy in front of it) has read whole. Only the
            // core's D6 decision (`retry::decide`) retries.
            //
            // The other resends below reqwest were audited (reqwest 0.13.5, hyper 1.12,
            // hyper-util 0.1.21) and are safe:
            // - hyper-util's legacy client `retry_canceled_requests` (on, and not exposed by
            //   reqwest) resends only a request hyper hands back unsent: one still queued for,
            //   or refused by, a pooled connection found closed before anything of it was
            //   written (`TrySendError::take_message`), and only when that connection was a
            //   reused one; its checkout retry (`CheckoutIsClosed`) happens before the request
            //   is handed to any connection. Once hyper starts writing a request (HTTP/1.1) or
            //   opens its stream (HTTP/2), an error comes back without the request and is
            //   never retried (`tests/http1_sem_reenvio.rs`, `tests/h2_sem_reenvio.rs`).
            // - `Expect: 100-continue`: neither reqwest nor hyper adds it, and hyper's client
            //   does not wait for `100 Continue` (a caller-set header changes nothing), so
            //   the body is sent once, with the head.
            // - Redirects are off (above); HTTP/3 (whose client retries too) is not enabled.
            .retry(reqwest::retry::never());
        if let Some(ua) = self.user_agent {
            client = client.user_agent(ua);
        }
        client
            .build()
            .map_err(|e| config_error("building the HTTP client".into(), e))
    }
}

fn config_error(
    reason: String,
    source: impl std::error::Error + Send + Sync + 'static,
) -> HttpError {
    HttpError::Configuration {
        reason,
        source: Some(Box::new(source)),
    }
}

/// Verifies the chain like webpki does but accepts a name mismatch.
#[derive(Debug)]
struct IgnoreHostname {
    inner: Arc<WebPkiServerVerifier>,
}

impl ServerCertVerifier for IgnoreHostname {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        // WebPkiServerVerifier checks the chain, validity and revocation first and the name
        // last, so a name error means everything else passed.
        match self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        ) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}
