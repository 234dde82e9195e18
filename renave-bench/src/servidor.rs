//! The local server of the bench: hyper 1 (HTTP/1.1) on `127.0.0.1`, on its own thread and
//! runtime, answering canned bytes — nothing is built per request, so what is measured is the
//! client side.
//!
//! Routes come from the clients' operation listings (`operacoes()`) and the `gerar-token`
//! constant, bodies from the clients' canned success answers (`simulador::fixtures`, the
//! simulated world's standard answers), so nothing of the wire contract is re-typed here.
//! It counts accepted connections, `gerar-token` requests and uploaded bytes, and can record
//! the requests it receives ([`Servidor::gravar`]) so a test can check that the floor sends
//! the same request as the SDK.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper::body::Incoming;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use renave_http::{DescricaoOperacao, Endpoint};
use serde_json::{Value, json};
use tokio::sync::watch;

use crate::alocador;

/// The CET-MG aptidão lookup (R §5.2): the typed call of the bench.
pub const OP_APTIDAO: &str = "consultar_aptidao_veiculo_estoque";
/// The CET-MG Protocolo Digital upload (R §6.2.3, §7.5): the 10 MiB upload.
pub const OP_UPLOAD: &str = "upload_documento_ficha_cadastro";
/// Renave-WS E11 `consultar_estoques`: the list answer of the bench.
pub const OP_ESTOQUES: &str = "consultar_estoques";
/// Renave-WS E13 `obter_termo_entrada_estoque`: the answer carrying the PDF.
pub const OP_TERMO: &str = "obter_termo_entrada_estoque";

/// Items of the canned `consultar_estoques` answer.
pub const ITENS_ESTOQUES: usize = 10;

/// What the server answers on one route.
#[derive(Debug, Clone)]
enum Resposta {
    /// `gerar-token`: counted, then the canned token.
    Token(Bytes),
    /// A canned JSON body.
    Fixa(Bytes),
    /// The whole request body is read (and its size counted), then the canned body.
    Upload(Bytes),
}

#[derive(Debug)]
struct Rota {
    metodo: Method,
    /// The route template's segments (`{x}` matches any one non-empty segment).
    segmentos: Vec<String>,
    resposta: Resposta,
}

/// A request as the server received it ([`Servidor::gravar`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RequisicaoGravada {
    /// Method.
    pub metodo: String,
    /// Path and query.
    pub caminho: String,
    /// Header names and values, lower-case names, sorted.
    pub cabecalhos: Vec<(String, String)>,
    /// The body.
    pub corpo: Bytes,
}

#[derive(Debug, Default)]
struct Estado {
    rotas: Vec<Rota>,
    conexoes: AtomicU64,
    tokens: AtomicU64,
    bytes_recebidos: AtomicU64,
    gravando: AtomicBool,
    gravadas: Mutex<Vec<RequisicaoGravada>>,
}

/// The running server (stopped when dropped).
#[derive(Debug)]
pub struct Servidor {
    endereco: SocketAddr,
    estado: Arc<Estado>,
    _parar: watch::Sender<()>,
}

/// A PDF of exactly `tamanho` bytes (at least 32): the header, a comment filling the rest, the
/// end marker. Any PDF check of the SDK (the magic bytes) accepts it.
pub fn pdf_de(tamanho: usize) -> Vec<u8> {
    const INICIO: &[u8] = b"%PDF-1.4\n%";
    const FIM: &[u8] = b"\n%%EOF\n";
    let tamanho = tamanho.max(INICIO.len() + FIM.len() + 1);
    let mut pdf = Vec::with_capacity(tamanho);
    pdf.extend_from_slice(INICIO);
    pdf.resize(tamanho - FIM.len(), b'x');
    pdf.extend_from_slice(FIM);
    pdf
}

fn endpoint(lista: &[DescricaoOperacao], nome: &str) -> Endpoint {
    match lista.iter().find(|d| d.endpoint.name == nome) {
        Some(d) => d.endpoint.clone(),
        None => panic!("`{nome}` is not in the client's operation listing"),
    }
}

fn metodo(endpoint: &Endpoint) -> Method {
    Method::from_bytes(endpoint.route.method().as_str().as_bytes()).expect("an HTTP method")
}

fn rota(prefixo: &str, endpoint: &Endpoint, resposta: Resposta) -> Rota {
    let caminho = format!("{prefixo}{}", endpoint.route.template());
    Rota {
        metodo: metodo(endpoint),
        segmentos: caminho
            .trim_matches('/')
            .split('/')
            .map(str::to_owned)
            .collect(),
        resposta,
    }
}

fn json(v: &Value) -> Bytes {
    Bytes::from(serde_json::to_vec(v).expect("JSON"))
}

/// The canned `consultar_estoques` answer: the fixture's stock, [`ITENS_ESTOQUES`] times with
/// ids 1001, 1002, …
pub fn corpo_estoques() -> Value {
    use renave_ws_client::simulador::fixtures;
    let modelo = fixtures::CONSULTAR_ESTOQUES
        .corpo_sucesso()
        .and_then(|v| v.as_array().and_then(|a| a.first().cloned()))
        .expect("the fixture's stock list has one stock");
    let itens = (0..ITENS_ESTOQUES)
        .map(|i| {
            let mut item = modelo.clone();
            item["id"] = json!(fixtures::ID_ESTOQUE + i64::try_from(i).unwrap_or(0));
            item
        })
        .collect();
    Value::Array(itens)
}

/// The canned upload answer: the fixture's body (`mensagem`, `numero_protocolo`) with the
/// success envelope's code (name and value from the client's default contract), so the floor,
/// which checks the code, reads it too.
pub fn corpo_upload() -> Value {
    use renave_mg_client::ContratoPadraoCetMg as _;
    let mut corpo =
        renave_mg_client::simulador::fixtures::UPLOAD_DOCUMENTO_FICHA_CADASTRO.corpo_sucesso();
    let contrato = renave_http::contrato::Contrato::padrao_cetmg();
    let envelope = contrato
        .envelope
        .as_ref()
        .expect("the CET-MG contract has an envelope");
    corpo[envelope.codigo.as_str()] = Value::String(envelope.sucesso.clone());
    corpo
}

impl Servidor {
    /// Starts the server on a free port of `127.0.0.1`, on its own thread (a current-thread
    /// tokio runtime, not counted by [`alocador`]). `pdf_resposta`: the size of the PDF in the
    /// `obter_termo_entrada_estoque` answer.
    pub fn iniciar(pdf_resposta: usize) -> std::io::Result<Self> {
        use renave_mg_client::simulador::fixtures as mg;
        use renave_ws_client::simulador::fixtures as ws;
        let lista_mg = <renave_mg_client::ClienteCetMg as renave_mg_client::ApiCetMg>::operacoes();
        let lista_ws = renave_ws_client::api::operacoes();
        let mg_corpo = |nome: &str| {
            json(
                &mg::por_nome(nome)
                    .unwrap_or_else(|| panic!("no CET-MG fixture for `{nome}`"))
                    .corpo_sucesso(),
            )
        };
        let prefixo_mg = renave_mg_client::PREFIXO_CAMINHO;
        let mut termo = ws::OBTER_TERMO_ENTRADA_ESTOQUE
            .corpo_sucesso()
            .expect("the TEE fixture has a body");
        termo["pdfBase64"] = Value::String(renave_domain::documento::codificar_base64(&pdf_de(
            pdf_resposta,
        )));
        let rotas = vec![
            rota(
                prefixo_mg,
                &renave_mg_client::operacoes::autenticacao::GERAR_TOKEN,
                Resposta::Token(json(&mg::GERAR_TOKEN.corpo_sucesso())),
            ),
            rota(
                prefixo_mg,
                &endpoint(&lista_mg, OP_APTIDAO),
                Resposta::Fixa(mg_corpo(OP_APTIDAO)),
            ),
            rota(
                prefixo_mg,
                &endpoint(&lista_mg, OP_UPLOAD),
                Resposta::Upload(json(&corpo_upload())),
            ),
            rota(
                "",
                &endpoint(&lista_ws, OP_ESTOQUES),
                Resposta::Fixa(json(&corpo_estoques())),
            ),
            rota(
                "",
                &endpoint(&lista_ws, OP_TERMO),
                Resposta::Fixa(json(&termo)),
            ),
        ];
        let estado = Arc::new(Estado {
            rotas,
            ..Estado::default()
        });
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let endereco = listener.local_addr()?;
        let (parar, sinal) = watch::channel(());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let e = Arc::clone(&estado);
        std::thread::Builder::new()
            .name("renave-bench servidor".into())
            .spawn(move || {
                alocador::ignorar_nesta_thread();
                runtime.block_on(servir(listener, e, sinal));
            })?;
        Ok(Self {
            endereco,
            estado,
            _parar: parar,
        })
    }

    /// The base URL (`http://127.0.0.1:port/`), for `Ambiente::Local`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.endereco)
    }

    /// Connections accepted so far.
    pub fn conexoes(&self) -> u64 {
        self.estado.conexoes.load(Relaxed)
    }

    /// `gerar-token` requests answered so far.
    pub fn tokens(&self) -> u64 {
        self.estado.tokens.load(Relaxed)
    }

    /// Request-body bytes read on the upload route so far.
    pub fn bytes_recebidos(&self) -> u64 {
        self.estado.bytes_recebidos.load(Relaxed)
    }

    /// Starts (or stops) recording every request received (tests only: a recorded request
    /// keeps its body).
    pub fn gravar(&self, sim: bool) {
        self.estado.gravando.store(sim, Relaxed);
    }

    /// The requests recorded since the last call (emptied).
    pub fn gravadas(&self) -> Vec<RequisicaoGravada> {
        std::mem::take(&mut *self.estado.gravadas.lock().expect("lock"))
    }
}

async fn servir(
    listener: std::net::TcpListener,
    estado: Arc<Estado>,
    mut parar: watch::Receiver<()>,
) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    loop {
        let aceita = tokio::select! {
            _ = parar.changed() => break,
            aceita = listener.accept() => aceita,
        };
        let Ok((tcp, _)) = aceita else {
            continue;
        };
        estado.conexoes.fetch_add(1, Relaxed);
        let _ = tcp.set_nodelay(true);
        let estado = Arc::clone(&estado);
        tokio::spawn(async move {
            let servico = service_fn(move |req| atender(Arc::clone(&estado), req));
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(tcp), servico)
                .await;
        });
    }
}

fn casa(rota: &Rota, metodo: &Method, caminho: &str) -> bool {
    if rota.metodo != *metodo {
        return false;
    }
    let mut partes = caminho.trim_matches('/').split('/');
    for segmento in &rota.segmentos {
        let Some(parte) = partes.next() else {
            return false;
        };
        let variavel = segmento.starts_with('{') && segmento.ends_with('}');
        if parte.is_empty() || (!variavel && parte != segmento) {
            return false;
        }
    }
    partes.next().is_none()
}

fn resposta(status: StatusCode, corpo: Bytes) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(corpo));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

async fn atender(
    estado: Arc<Estado>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let gravando = estado.gravando.load(Relaxed);
    let Some(rota) = estado
        .rotas
        .iter()
        .find(|r| casa(r, req.method(), req.uri().path()))
    else {
        return Ok(resposta(StatusCode::NOT_FOUND, Bytes::new()));
    };
    let mut gravada = gravando.then(|| RequisicaoGravada {
        metodo: req.method().to_string(),
        caminho: req
            .uri()
            .path_and_query()
            .map(ToString::to_string)
            .unwrap_or_default(),
        cabecalhos: {
            let mut c: Vec<_> = req
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            c.sort();
            c
        },
        corpo: Bytes::new(),
    });
    // Every body is read whole (the upload's is counted).
    let corpo = match req.into_body().collect().await {
        Ok(c) => c.to_bytes(),
        Err(_) => return Ok(resposta(StatusCode::BAD_REQUEST, Bytes::new())),
    };
    let saida = match &rota.resposta {
        Resposta::Token(b) => {
            estado.tokens.fetch_add(1, Relaxed);
            b.clone()
        }
        Resposta::Fixa(b) => b.clone(),
        Resposta::Upload(b) => {
            estado
                .bytes_recebidos
                .fetch_add(u64::try_from(corpo.len()).unwrap_or(u64::MAX), Relaxed);
            b.clone()
        }
    };
    if let Some(mut g) = gravada.take() {
        g.corpo = corpo;
        estado.gravadas.lock().expect("lock").push(g);
    }
    Ok(resposta(StatusCode::OK, saida))
}
