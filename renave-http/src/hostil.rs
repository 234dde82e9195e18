//! Test support (feature `fixtures`): a hostile local server, for the fault matrix of both
//! clients (*matriz de falhas*).
//!
//! wiremock answers well-formed HTTP/1.1. A client that must never resend a state-changing
//! request (decision D6) and must end every call inside its deadline is proven against worse:
//! a port that refuses connections, a server that accepts and says nothing, one that sends its
//! headers and stalls, an endless or truncated body, a connection reset after the request was
//! read, an answer that comes after the deadline, and an HTTP/2 server (TLS, ALPN `h2`) that
//! reads the whole request and then refuses the stream (`REFUSED_STREAM`) or closes the
//! connection with `GOAWAY(NO_ERROR)`: the cases in which HTTP libraries resend on their own.
//!
//! [`ServidorHostil`] listens on `127.0.0.1` (a free port), applies one [`Falha`] to every
//! request, and counts the requests it **read whole** (headers and the full body declared by
//! `Content-Length`, or every DATA frame up to END_STREAM) — the number of times the request
//! reached the server, which a test compares with what the client reports.
//!
//! ```
//! use renave_http::hostil::{Falha, ServidorHostil};
//! use renave_http::{CoreConfig, HttpCore, HttpMethod, Idempotency, RequestSpec};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let servidor = ServidorHostil::iniciar(Falha::ResetAposLeitura).await;
//! let core = HttpCore::new(
//!     CoreConfig::new(servidor.url().clone(), "teste"),
//!     servidor.transporte().build()?,
//! );
//! let spec = RequestSpec::new("registrar", HttpMethod::Post, "x", "x".into(), Idempotency::StateChanging)
//!     .json_body(&serde_json::json!({"a": 1}))?;
//! let erro = core.send(&spec).await.unwrap_err();
//! assert!(erro.may_have_executed());
//! assert_eq!(servidor.requisicoes(), 1); // read whole once, never resent
//! # Ok(()) }
//! ```

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use url::Url;

use crate::transport::TransportBuilder;

/// Largest request head the server reads (64 KiB): a test server, not a parser.
const LIMITE_CABECALHO: usize = 64 * 1024;
/// Largest request body the server reads (32 MiB).
const LIMITE_CORPO: usize = 32 * 1024 * 1024;
/// How long a silent or stalled connection is held before the server lets it go (the client
/// under test gives up long before).
const SILENCIO: Duration = Duration::from_secs(120);
/// Upper bound on what an endless body writes to one connection (512 MiB).
const LIMITE_ESCRITA: usize = 512 * 1024 * 1024;

/// What the server does with each request (one fault per server).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Falha {
    /// Nothing listens on the port: every connection is refused (the request never leaves the
    /// client).
    RecusaConexao,
    /// Accepts the connection, reads the request, never answers.
    AceitaESilencia,
    /// Reads the request, sends the status line and headers (`Content-Length: 1000`), then
    /// stalls.
    CabecalhosETrava,
    /// Reads the request, answers 200 with a chunked body that never ends.
    CorpoInfinito,
    /// Reads the request, declares `Content-Length: 1000`, sends 10 bytes and closes.
    CorpoTruncado,
    /// Reads the request whole, then resets the connection (TCP RST) without answering.
    ResetAposLeitura,
    /// Answers every request with this status, headers and body (keep-alive).
    Resposta {
        /// The status code.
        status: u16,
        /// Headers (`Content-Length` is added).
        cabecalhos: Vec<(String, String)>,
        /// The body.
        corpo: Bytes,
    },
    /// Reads the request, waits `atraso`, then answers 200 with `corpo` (an answer after the
    /// client's deadline).
    RespostaAtrasada {
        /// How long to wait before answering.
        atraso: Duration,
        /// The body (JSON).
        corpo: Bytes,
    },
    /// HTTP/2 over TLS: reads the request whole, then resets its stream with `REFUSED_STREAM`
    /// (which RFC 9113 §8.7 says means "not processed", and which a proxy may send anyway).
    H2RecusaStream,
    /// HTTP/2 over TLS: reads the request whole, then sends `GOAWAY(NO_ERROR)` and closes the
    /// connection without answering.
    H2Goaway,
}

impl Falha {
    /// A canned answer with a JSON body.
    pub fn json(status: u16, corpo: &serde_json::Value) -> Self {
        Self::Resposta {
            status,
            cabecalhos: vec![("content-type".into(), "application/json".into())],
            corpo: Bytes::from(corpo.to_string()),
        }
    }

    /// A canned answer with an HTML body, as a proxy sends it.
    pub fn html(status: u16) -> Self {
        Self::Resposta {
            status,
            cabecalhos: vec![("content-type".into(), "text/html; charset=utf-8".into())],
            corpo: Bytes::from_static(
                b"<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
            ),
        }
    }

    /// The sixteen faults of the clients' fault matrices, in one list: connection refused,
    /// silence, stalled headers, endless and truncated bodies, reset after the request was read,
    /// a 502 HTML page from a proxy, 503 with `Retry-After` in seconds and 429 with it as an
    /// HTTP date, the WSO2 gateway's 401 `900901` and 429 `900800` bodies, the service's 422
    /// and 500 error bodies (`erro_422`, `erro_500`: each API's own shape), an answer after
    /// the deadline, and HTTP/2 `REFUSED_STREAM` and `GOAWAY` after the request was read.
    pub fn matriz(erro_422: &serde_json::Value, erro_500: &serde_json::Value) -> Vec<Self> {
        vec![
            Self::RecusaConexao,
            Self::AceitaESilencia,
            Self::CabecalhosETrava,
            Self::CorpoInfinito,
            Self::CorpoTruncado,
            Self::ResetAposLeitura,
            Self::html(502),
            Self::Resposta {
                status: 503,
                cabecalhos: vec![("retry-after".into(), "1".into())],
                corpo: Bytes::new(),
            },
            Self::Resposta {
                status: 429,
                cabecalhos: vec![("retry-after".into(), "Wed, 21 Oct 2015 07:28:00 GMT".into())],
                corpo: Bytes::new(),
            },
            Self::json(
                401,
                &serde_json::json!({"code": "900901", "message": "Invalid Credentials", "description": "Access failure for API"}),
            ),
            Self::json(
                429,
                &serde_json::json!({"code": "900800", "message": "Message throttled out", "description": "You have exceeded your quota"}),
            ),
            Self::json(422, erro_422),
            Self::json(500, erro_500),
            Self::RespostaAtrasada {
                atraso: Duration::from_secs(30),
                corpo: Bytes::from_static(b"{\"codigo_retorno\":\"000\"}"),
            },
            Self::H2RecusaStream,
            Self::H2Goaway,
        ]
    }

    /// Whether this fault is served over TLS with HTTP/2.
    pub fn e_h2(&self) -> bool {
        matches!(self, Self::H2RecusaStream | Self::H2Goaway)
    }

    /// A short name for test messages.
    pub fn nome(&self) -> &'static str {
        match self {
            Self::RecusaConexao => "connection refused",
            Self::AceitaESilencia => "accept then silence",
            Self::CabecalhosETrava => "headers then stall",
            Self::CorpoInfinito => "endless body",
            Self::CorpoTruncado => "truncated body",
            Self::ResetAposLeitura => "reset after full read",
            Self::Resposta { .. } => "canned answer",
            Self::RespostaAtrasada { .. } => "answer after the deadline",
            Self::H2RecusaStream => "h2 REFUSED_STREAM",
            Self::H2Goaway => "h2 GOAWAY(NO_ERROR)",
        }
    }
}

impl fmt::Debug for Falha {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Resposta { status, corpo, .. } => {
                write!(f, "Resposta({status}, {} bytes)", corpo.len())
            }
            Self::RespostaAtrasada { atraso, .. } => write!(f, "RespostaAtrasada({atraso:?})"),
            outra => f.write_str(outra.nome()),
        }
    }
}

/// One request the server read whole: its method and path (never its query or body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recebida {
    /// The HTTP method.
    pub metodo: String,
    /// The path, without the query.
    pub caminho: String,
}

#[derive(Default)]
struct Contagem {
    conexoes: AtomicUsize,
    recebidas: Mutex<Vec<Recebida>>,
}

impl Contagem {
    fn registrar(&self, metodo: &str, alvo: &str) {
        let caminho = alvo.split('?').next().unwrap_or_default().to_owned();
        if let Ok(mut v) = self.recebidas.lock() {
            v.push(Recebida {
                metodo: metodo.to_owned(),
                caminho,
            });
        }
    }
}

/// A hostile server on `127.0.0.1` applying one [`Falha`] to every request; stops when
/// dropped.
pub struct ServidorHostil {
    url: Url,
    raiz_der: Option<Vec<u8>>,
    contagem: Arc<Contagem>,
    tarefa: Option<tokio::task::JoinHandle<()>>,
}

impl fmt::Debug for ServidorHostil {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServidorHostil")
            .field("url", &self.url.as_str())
            .field("requisicoes", &self.requisicoes())
            .finish_non_exhaustive()
    }
}

impl Drop for ServidorHostil {
    fn drop(&mut self) {
        if let Some(t) = self.tarefa.take() {
            t.abort();
        }
    }
}

impl ServidorHostil {
    /// Starts a server applying `falha` (TLS + HTTP/2 for the `H2*` faults, plain HTTP/1.1
    /// otherwise) on a free port of `127.0.0.1`.
    ///
    /// # Panics
    ///
    /// When no local port can be bound or the test certificate cannot be made (test support).
    pub async fn iniciar(falha: Falha) -> Self {
        let contagem = Arc::new(Contagem::default());
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a local port");
        let porta = listener.local_addr().expect("local address").port();
        if falha == Falha::RecusaConexao {
            // The port was free a moment ago and nothing listens on it now.
            drop(listener);
            return Self {
                url: Url::parse(&format!("http://127.0.0.1:{porta}/")).expect("valid URL"),
                raiz_der: None,
                contagem,
                tarefa: None,
            };
        }
        if falha.e_h2() {
            let (acceptor, raiz) = tls_local();
            let c = Arc::clone(&contagem);
            let tarefa = tokio::spawn(async move {
                while let Ok((tcp, _)) = listener.accept().await {
                    c.conexoes.fetch_add(1, Ordering::SeqCst);
                    let (acceptor, c, falha) = (acceptor.clone(), Arc::clone(&c), falha.clone());
                    tokio::spawn(async move {
                        if let Ok(tls) = acceptor.accept(tcp).await {
                            servir_h2(tls, &falha, &c).await;
                        }
                    });
                }
            });
            return Self {
                url: Url::parse(&format!("https://127.0.0.1:{porta}/")).expect("valid URL"),
                raiz_der: Some(raiz),
                contagem,
                tarefa: Some(tarefa),
            };
        }
        let c = Arc::clone(&contagem);
        let tarefa = tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                c.conexoes.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(servir_h1(tcp, falha.clone(), Arc::clone(&c)));
            }
        });
        Self {
            url: Url::parse(&format!("http://127.0.0.1:{porta}/")).expect("valid URL"),
            raiz_der: None,
            contagem,
            tarefa: Some(tarefa),
        }
    }

    /// The server's base URL (`http://127.0.0.1:PORT/`, or `https://` for HTTP/2).
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The test root certificate (DER) of an HTTP/2 server.
    pub fn raiz_der(&self) -> Option<&[u8]> {
        self.raiz_der.as_deref()
    }

    /// A [`TransportBuilder`] that reaches this server: plain HTTP allowed, or the server's
    /// root trusted (and only it).
    pub fn transporte(&self) -> TransportBuilder {
        match &self.raiz_der {
            Some(der) => TransportBuilder::default()
                .builtin_roots(false)
                .add_root_certificate_der(der.clone()),
            None => TransportBuilder::default().allow_http(true),
        }
    }

    /// Requests read whole so far.
    pub fn requisicoes(&self) -> usize {
        self.contagem.recebidas.lock().map_or(0, |v| v.len())
    }

    /// Requests read whole so far whose path ends with `sufixo`.
    pub fn requisicoes_em(&self, sufixo: &str) -> usize {
        self.contagem.recebidas.lock().map_or(0, |v| {
            v.iter().filter(|r| r.caminho.ends_with(sufixo)).count()
        })
    }

    /// Every request read whole so far (method and path).
    pub fn recebidas(&self) -> Vec<Recebida> {
        self.contagem
            .recebidas
            .lock()
            .map(|v| v.clone())
            .unwrap_or_default()
    }

    /// Connections accepted so far.
    pub fn conexoes(&self) -> usize {
        self.contagem.conexoes.load(Ordering::SeqCst)
    }
}

/// Runs every cell of a fault matrix, at most `paralelo` at once (each cell starts its own
/// server), and gives back the description of every cell that failed (`Err`) or panicked —
/// all of them, not just the first.
pub async fn rodar_matriz<C, F, Fut>(celulas: Vec<C>, paralelo: usize, celula: F) -> Vec<String>
where
    C: Send + 'static,
    F: Fn(C) -> Fut,
    Fut: std::future::Future<Output = Result<(), String>> + Send + 'static,
{
    let limite = Arc::new(tokio::sync::Semaphore::new(paralelo.max(1)));
    let tarefas: Vec<_> = celulas
        .into_iter()
        .map(|c| {
            let limite = Arc::clone(&limite);
            let futuro = celula(c);
            tokio::spawn(async move {
                let _vez = limite.acquire_owned().await;
                futuro.await
            })
        })
        .collect();
    let mut falhas = Vec::new();
    for t in tarefas {
        match t.await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => falhas.push(e),
            Err(e) => falhas.push(format!("cell panicked: {e}")),
        }
    }
    falhas
}

/// A self-signed certificate for `127.0.0.1`, as a TLS acceptor offering `h2` only, and its
/// DER (the client's only trusted root).
fn tls_local() -> (tokio_rustls::TlsAcceptor, Vec<u8>) {
    let cert =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).expect("test certificate");
    let der = cert.cert.der().to_vec();
    let chave = rustls::pki_types::PrivateKeyDer::try_from(cert.signing_key.serialize_der())
        .expect("test key");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![rustls::pki_types::CertificateDer::from(der.clone())],
            chave,
        )
        .expect("test certificate accepted");
    config.alpn_protocols = vec![b"h2".to_vec()];
    (tokio_rustls::TlsAcceptor::from(Arc::new(config)), der)
}

/// Serves HTTP/2 streams: each request body is read to its end, counted, then refused.
async fn servir_h2<S>(tls: S, falha: &Falha, contagem: &Arc<Contagem>)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let Ok(mut conexao) = h2::server::handshake(tls).await else {
        return;
    };
    let (lidas_tx, mut lidas_rx) = tokio::sync::mpsc::unbounded_channel::<()>();
    loop {
        tokio::select! {
            aceita = conexao.accept() => {
                let Some(Ok((pedido, mut resposta))) = aceita else { return };
                let (c, tx, recusar) = (Arc::clone(contagem), lidas_tx.clone(), *falha == Falha::H2RecusaStream);
                tokio::spawn(async move {
                    let metodo = pedido.method().as_str().to_owned();
                    let alvo = pedido.uri().path().to_owned();
                    let mut corpo = pedido.into_body();
                    while let Some(parte) = corpo.data().await {
                        let Ok(parte) = parte else { return };
                        let _ = corpo.flow_control().release_capacity(parte.len());
                    }
                    c.registrar(&metodo, &alvo);
                    if recusar {
                        resposta.send_reset(h2::Reason::REFUSED_STREAM);
                    } else {
                        let _ = tx.send(());
                        // Keep the stream open (unanswered) until the connection goes away.
                        tokio::time::sleep(SILENCIO).await;
                    }
                });
            }
            Some(()) = lidas_rx.recv() => {
                conexao.abrupt_shutdown(h2::Reason::NO_ERROR);
                // Drive the connection until the GOAWAY is written and it closes.
                while let Some(Ok(_)) = conexao.accept().await {}
                return;
            }
        }
    }
}

/// Serves HTTP/1.1 requests on one connection, applying `falha` to each.
async fn servir_h1(mut tcp: TcpStream, falha: Falha, contagem: Arc<Contagem>) {
    loop {
        let Some((metodo, alvo)) = ler_requisicao(&mut tcp).await else {
            return;
        };
        contagem.registrar(&metodo, &alvo);
        match &falha {
            Falha::RecusaConexao | Falha::H2RecusaStream | Falha::H2Goaway => return,
            Falha::AceitaESilencia => {
                tokio::time::sleep(SILENCIO).await;
                return;
            }
            Falha::CabecalhosETrava => {
                let _ = tcp
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"a\":")
                    .await;
                tokio::time::sleep(SILENCIO).await;
                return;
            }
            Falha::CorpoInfinito => {
                let _ = corpo_infinito(&mut tcp).await;
                return;
            }
            Falha::CorpoTruncado => {
                let _ = tcp
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"a\":\"0123")
                    .await;
                let _ = tcp.shutdown().await;
                return;
            }
            Falha::ResetAposLeitura => {
                // SO_LINGER 0: closing sends RST instead of FIN.
                let _ = tcp.set_zero_linger();
                return;
            }
            Falha::Resposta {
                status,
                cabecalhos,
                corpo,
            } => {
                if escrever_resposta(&mut tcp, *status, cabecalhos, corpo)
                    .await
                    .is_err()
                {
                    return;
                }
            }
            Falha::RespostaAtrasada { atraso, corpo } => {
                tokio::time::sleep(*atraso).await;
                let json = [("content-type".to_owned(), "application/json".to_owned())];
                if escrever_resposta(&mut tcp, 200, &json, corpo)
                    .await
                    .is_err()
                {
                    return;
                }
            }
        }
    }
}

async fn escrever_resposta(
    tcp: &mut TcpStream,
    status: u16,
    cabecalhos: &[(String, String)],
    corpo: &Bytes,
) -> std::io::Result<()> {
    use std::fmt::Write as _;
    let mut cabeca = format!("HTTP/1.1 {status} {}\r\n", razao(status));
    for (k, v) in cabecalhos {
        let _ = write!(cabeca, "{k}: {v}\r\n");
    }
    let _ = write!(cabeca, "content-length: {}\r\n\r\n", corpo.len());
    tcp.write_all(cabeca.as_bytes()).await?;
    tcp.write_all(corpo).await?;
    tcp.flush().await
}

async fn corpo_infinito(tcp: &mut TcpStream) -> std::io::Result<()> {
    tcp.write_all(
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
    )
    .await?;
    let pedaco = vec![b' '; 16 * 1024];
    let mut escritos = 0;
    while escritos < LIMITE_ESCRITA {
        tcp.write_all(format!("{:x}\r\n", pedaco.len()).as_bytes())
            .await?;
        tcp.write_all(&pedaco).await?;
        tcp.write_all(b"\r\n").await?;
        escritos += pedaco.len();
    }
    Ok(())
}

fn razao(status: u16) -> &'static str {
    match status {
        200 => "OK",
        401 => "Unauthorized",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// Reads one request whole (head, then `Content-Length` bytes of body): its method and
/// target. `None` when the connection closed or the request is not HTTP/1.1 the server can
/// read.
async fn ler_requisicao(tcp: &mut TcpStream) -> Option<(String, String)> {
    let mut buf = Vec::with_capacity(1024);
    let mut pedaco = [0u8; 4096];
    let fim_cabeca = loop {
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        if buf.len() > LIMITE_CABECALHO {
            return None;
        }
        let n = tcp.read(&mut pedaco).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&pedaco[..n]);
    };
    let cabeca = std::str::from_utf8(&buf[..fim_cabeca]).ok()?;
    let mut linhas = cabeca.split("\r\n");
    let mut primeira = linhas.next()?.split(' ');
    let metodo = primeira.next()?.to_owned();
    let alvo = primeira.next()?.to_owned();
    let tamanho = linhas
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    if tamanho > LIMITE_CORPO {
        return None;
    }
    let mut lidos = buf.len() - fim_cabeca;
    while lidos < tamanho {
        let n = tcp.read(&mut pedaco).await.ok()?;
        if n == 0 {
            return None;
        }
        lidos += n;
    }
    Some((metodo, alvo))
}
