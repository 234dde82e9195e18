//! # The simulators' answers and their plain HTTP server (`servidor`)
//!
//! Both simulators answer a request with a [`RespostaHttp`] (status, headers, body, delay).
//! Through wiremock it becomes a `ResponseTemplate`; a simulator started `sem_wiremock` serves
//! it with [`ServidorHttp`], a small hyper server that keeps nothing per request.
//!
//! Why not wiremock for a server that stays up: every mounted wiremock mock keeps a copy of each
//! request it answers until the server stops (there is no option to turn that off), and that
//! copy's header values are slices of the connection's read buffer, so each answered request
//! kept about 7 KB alive. The `renave-simulador` binary runs for days; tests run for seconds.

use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt as _, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use hyper::service::service_fn;
use hyper::{Response, StatusCode};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use serde_json::Value;
use tokio::sync::watch;
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

use crate::servidor_mock::ServidorMock;

use crate::falhas::{Responder, ServicoSimulado};
use crate::historico::{Registro, montar_gravador};

/// The largest request body the plain server reads (32 MiB: Protocolo Digital uploads carry
/// base64 PDFs); a larger one is answered 413 without reaching the simulator.
const LIMITE_CORPO: usize = 32 * 1024 * 1024;

/// How long a stopping server waits for the requests under way to be answered.
const PRAZO_PARA_ENCERRAR: Duration = Duration::from_secs(5);

/// One simulated HTTP answer, whichever server sends it.
#[derive(Debug, Clone)]
pub(crate) struct RespostaHttp {
    pub(crate) status: u16,
    pub(crate) cabecalhos: Vec<(&'static str, String)>,
    pub(crate) corpo: Vec<u8>,
    /// `Content-Type`, when there is a body.
    pub(crate) tipo: Option<&'static str>,
    /// How long to wait before answering (latency knob, late answer).
    pub(crate) atraso: Duration,
}

impl RespostaHttp {
    /// An answer without a body.
    pub(crate) fn vazia(status: u16) -> Self {
        Self {
            status,
            cabecalhos: Vec::new(),
            corpo: Vec::new(),
            tipo: None,
            atraso: Duration::ZERO,
        }
    }

    /// A JSON answer (`application/json`, as wiremock's `set_body_json`).
    pub(crate) fn json(status: u16, corpo: &Value) -> Self {
        Self::bruta(
            status,
            serde_json::to_vec(corpo).unwrap_or_default(),
            "application/json",
        )
    }

    /// An answer with this body and `Content-Type`.
    pub(crate) fn bruta(status: u16, corpo: Vec<u8>, tipo: &'static str) -> Self {
        Self {
            corpo,
            tipo: Some(tipo),
            ..Self::vazia(status)
        }
    }

    /// Adds a header.
    pub(crate) fn com_cabecalho(mut self, nome: &'static str, valor: impl Into<String>) -> Self {
        self.cabecalhos.push((nome, valor.into()));
        self
    }

    /// The answer as a wiremock template (a simulator on wiremock).
    pub(crate) fn para_template(self) -> ResponseTemplate {
        let mut t = ResponseTemplate::new(self.status);
        for (nome, valor) in &self.cabecalhos {
            t = t.insert_header(*nome, valor.as_str());
        }
        t = match self.tipo {
            Some(tipo) => t.set_body_raw(self.corpo, tipo),
            None if self.corpo.is_empty() => t,
            None => t.set_body_bytes(self.corpo),
        };
        if self.atraso.is_zero() {
            t
        } else {
            t.set_delay(self.atraso)
        }
    }

    /// The answer as a hyper response (the plain server); the delay is the caller's.
    fn para_hyper(self) -> Response<Full<Bytes>> {
        let mut r = Response::new(Full::new(Bytes::from(self.corpo)));
        *r.status_mut() =
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        for (nome, valor) in self.cabecalhos {
            if let (Ok(nome), Ok(valor)) = (
                HeaderName::from_bytes(nome.as_bytes()),
                HeaderValue::from_str(&valor),
            ) {
                r.headers_mut().append(nome, valor);
            }
        }
        if let Some(tipo) = self.tipo {
            r.headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(tipo));
        }
        r
    }
}

/// What answers each request of a [`ServidorHttp`].
pub(crate) type Atender = Arc<dyn Fn(&Request) -> RespostaHttp + Send + Sync>;

/// A plain HTTP/1.1 and HTTP/2 (cleartext) server on its own thread, answering every request
/// with [`Atender`]. It keeps nothing per request once answered. Dropping it stops it: no new
/// connection is accepted, and the requests under way are answered (within 5 s).
pub(crate) struct ServidorHttp {
    endereco: SocketAddr,
    /// Dropped to stop the server.
    _parar: watch::Sender<()>,
}

impl std::fmt::Debug for ServidorHttp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServidorHttp")
            .field("endereco", &self.endereco)
            .finish_non_exhaustive()
    }
}

impl ServidorHttp {
    /// Serves on `listener` from a new thread with its own Tokio runtime (like wiremock's
    /// servers, so it keeps answering while the caller's runtime is busy).
    pub(crate) fn iniciar(listener: TcpListener, atender: Atender) -> std::io::Result<Self> {
        listener.set_nonblocking(true)?;
        let endereco = listener.local_addr()?;
        let (parar, sinal) = watch::channel(());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        std::thread::Builder::new()
            .name(format!("renave-simulador {endereco}"))
            .spawn(move || runtime.block_on(servir(listener, atender, sinal)))?;
        Ok(Self {
            endereco,
            _parar: parar,
        })
    }

    /// `http://<address>:<port>`, as wiremock's `MockServer::uri`.
    pub(crate) fn uri(&self) -> String {
        format!("http://{}", self.endereco)
    }
}

/// Accepts connections until the sender of `sinal` is dropped.
async fn servir(listener: TcpListener, atender: Atender, sinal: watch::Receiver<()>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let mut conexoes = tokio::task::JoinSet::new();
    let mut parar = sinal.clone();
    loop {
        let aceita = tokio::select! {
            biased;
            _ = parar.changed() => break,
            aceita = listener.accept() => aceita,
        };
        // Finished connections leave the set (it holds only the open ones).
        while conexoes.try_join_next().is_some() {}
        let Ok((fluxo, _)) = aceita else {
            // E.g. too many open files: wait a little instead of spinning.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let atender = Arc::clone(&atender);
        let mut parar = sinal.clone();
        conexoes.spawn(async move {
            let servico = service_fn(move |pedido| {
                let atender = Arc::clone(&atender);
                async move { Ok::<_, Infallible>(responder(pedido, &atender).await) }
            });
            let construtor = auto::Builder::new(TokioExecutor::new());
            let conexao = construtor.serve_connection(TokioIo::new(fluxo), servico);
            tokio::pin!(conexao);
            tokio::select! {
                _ = conexao.as_mut() => {}
                _ = parar.changed() => {
                    conexao.as_mut().graceful_shutdown();
                    let _ = conexao.await;
                }
            }
        });
    }
    let _ = tokio::time::timeout(PRAZO_PARA_ENCERRAR, async {
        while conexoes.join_next().await.is_some() {}
    })
    .await;
}

/// Reads one request (body up to [`LIMITE_CORPO`]), answers it, waits the answer's delay.
async fn responder(pedido: hyper::Request<Incoming>, atender: &Atender) -> Response<Full<Bytes>> {
    let (partes, corpo) = pedido.into_parts();
    let corpo = match Limited::new(corpo, LIMITE_CORPO).collect().await {
        Ok(c) => c.to_bytes(),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return RespostaHttp::vazia(413).para_hyper();
        }
        // The client went away or sent a broken body: nothing reaches the simulator.
        Err(_) => return RespostaHttp::vazia(400).para_hyper(),
    };
    // The same URL wiremock builds: the request target, on `http://localhost` when relative.
    let url = match partes.uri.authority() {
        Some(_) => partes.uri.to_string(),
        None => format!("http://localhost{}", partes.uri),
    };
    let Ok(url) = url.parse() else {
        return RespostaHttp::vazia(400).para_hyper();
    };
    let pedido = Request {
        url,
        method: partes.method,
        headers: partes.headers,
        body: corpo.to_vec(),
    };
    let resposta = atender(&pedido);
    drop(pedido);
    if !resposta.atraso.is_zero() {
        tokio::time::sleep(resposta.atraso).await;
    }
    resposta.para_hyper()
}

/// What serves a simulator: wiremock (the default; overrides can be mounted on it) or the
/// plain server (`sem_wiremock`).
pub(crate) enum Transporte {
    /// A wiremock server with the history's recorder and the simulator's mock.
    Wiremock(ServidorMock),
    /// The plain server.
    Simples(ServidorHttp),
}

/// Which request paths a simulator answers (the others get wiremock's bare 404).
pub(crate) type Caminhos = fn(&str) -> bool;

/// The simulator's own mock matches the paths it answers.
struct NosCaminhos(Caminhos);

impl Match for NosCaminhos {
    fn matches(&self, request: &Request) -> bool {
        (self.0)(request.url.path())
    }
}

impl Transporte {
    /// Starts the server of a simulator: on `listener` (else a free local port), wiremock
    /// unless `sem_wiremock`, answering the `caminhos` with `responder` after recording each
    /// request in `registro`; on wiremock, the simulator's mock has `prioridade`.
    ///
    /// # Panics
    ///
    /// When the server cannot be started (no free port, no thread), as wiremock does.
    pub(crate) async fn iniciar<S: ServicoSimulado + Send + 'static>(
        listener: Option<TcpListener>,
        sem_wiremock: bool,
        registro: &Arc<Registro>,
        responder: Responder<S>,
        caminhos: Caminhos,
        prioridade: u8,
        nome: &str,
    ) -> Self {
        if sem_wiremock {
            let listener = listener.unwrap_or_else(|| {
                TcpListener::bind(("127.0.0.1", 0))
                    .unwrap_or_else(|e| panic!("{nome}: no local port to listen on: {e}"))
            });
            let registro = Arc::clone(registro);
            let atender: Atender = Arc::new(move |request: &Request| {
                registro.gravar(request);
                if caminhos(request.url.path()) {
                    responder.atender(request)
                } else {
                    RespostaHttp::vazia(404)
                }
            });
            let servidor = ServidorHttp::iniciar(listener, atender)
                .unwrap_or_else(|e| panic!("{nome}: the HTTP server did not start: {e}"));
            return Self::Simples(servidor);
        }
        // wiremock's own recording keeps every request without a cap: the simulator keeps its
        // capped history instead (`historico`).
        let mut construtor = MockServer::builder().disable_request_recording();
        if let Some(l) = listener {
            construtor = construtor.listener(l);
        }
        let servidor = construtor.start().await;
        montar_gravador(&servidor, registro).await;
        Mock::given(NosCaminhos(caminhos))
            .respond_with(responder)
            .with_priority(prioridade)
            .named(nome)
            .mount(&servidor)
            .await;
        Self::Wiremock(ServidorMock::from(servidor))
    }

    /// The base URL, `http://<address>:<port>`.
    pub(crate) fn uri(&self) -> String {
        match self {
            Self::Wiremock(s) => s.uri(),
            Self::Simples(s) => s.uri(),
        }
    }

    /// The wiremock server.
    ///
    /// # Panics
    ///
    /// When the simulator was started `sem_wiremock`.
    pub(crate) fn wiremock(&self) -> &MockServer {
        match self {
            Self::Wiremock(s) => s,
            Self::Simples(_) => panic!(
                "this simulator was started `sem_wiremock`: it has no wiremock server to mount \
                 overrides on"
            ),
        }
    }
}
