//! Soak test of the reliability requirements: many calls of BOTH clients, at high concurrency,
//! against both simulators (`SimuladoresRenave`, one world) with faults injected.
//!
//! The mix (same order, round robin) holds reads and state-changing operations of both APIs:
//!
//! | client | reads (idempotent) | state-changing (never resent, D6) |
//! |---|---|---|
//! | CET-MG (`ClienteCetMg`) | aptidão of the apto car, `consultar-cores` | upload of the ficha de cadastro (succeeds), DAE for a buyer without solicitação (refused, `201`) |
//! | Renave-WS (`ClienteRenaveWs`) | stock 1000, `cliente-autenticado`, the stocks of the vehicle in stock | entrada of the apto car, its cancellation (each succeeds or is refused, `422`, depending on the other) |
//!
//! Faults, on both simulators: a fixed latency, a seeded random failure rate whose status
//! rotates through 503, 500, 429 and 502 every [`JANELA_FALHAS`] calls, and at each rotation a
//! few lost answers (the POST executes, the client gets a 504 or no answer before its
//! per-attempt timeout).
//!
//! Asserted:
//!
//! * every call ends with `Ok` or a typed error, within its operation deadline
//!   ([`Timeouts::operation`]) plus a generous margin ([`MARGEM_PRAZO`]); none hangs;
//! * a state-changing request reaches the server at most once per call: by the SDK's own count
//!   (attempts recorded on its `renave.http` span, per call) and by the simulators' recorded
//!   requests (per operation, never more than the calls); every recorded request is covered by
//!   an attempt the SDK reported;
//! * no task leak: `num_alive_tasks` bounded by the connection pool while the clients live,
//!   back to its starting level once they are dropped;
//! * no connection leak: open descriptors (`/proc/self/fd`) likewise;
//! * memory flat: RSS after 20 % and after 100 % of the calls. The simulators are served
//!   without wiremock (`sem_wiremock`: wiremock keeps every request it answers), and their
//!   request histories are drained into per-operation counts after every batch of [`LOTE`]
//!   calls, so nothing in the process grows with the number of calls but what the SDK keeps.
//!
//! Size: `RENAVE_SOAK_CHAMADAS` calls (default [`CHAMADAS_PADRAO`], sized for CI in debug);
//! `RENAVE_SOAK_CHAMADAS=10000 cargo test --release -p renave --all-features --test soak -- --nocapture`
//! runs the full soak and prints its figures. Linux only (`/proc`).
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

use renave::mg::simulador::amostras as amostras_mg;
use renave::ws::simulador::amostras as amostras_ws;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use renave::domain::{CodigoTaxa, Cpf, CpfCnpj, Data, DataHora, DocumentoId, Uf};
use renave::http::{Endpoint, Idempotency, RetryPolicy, Timeouts};
use renave::mg::operacoes::dae::{self, EmissaoGuiaDae};
use renave::mg::operacoes::estoque::{self, ConsultaAptidaoVeiculoEstoque};
use renave::mg::operacoes::protocolo_digital::{self, ProcessoTransferencia, UploadFichaCadastro};
use renave::mg::operacoes::{autenticacao, tabelas_auxiliares};
use renave::mg::{ClienteCetMg, Erro as ErroMg, Identificador};
use renave::ws::modelos::IdEstoque;
use renave::ws::operacoes::usados::{
    self as usados, ConsultaEstoques, SolicitacaoCancelamentoEntradaEstoque,
    SolicitacaoEntradaEstoque, VeiculoCancelamentoEntrada,
};
use renave::ws::{ClienteRenaveWs, Erro as ErroWs};
use renave_simulador::cetmg::SimuladorCetMg;
use renave_simulador::cetmg::{CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO};
use renave_simulador::mundo::{CNPJ_ESTABELECIMENTO, CPF_COMPRADOR, ID_ESTOQUE_EM_ESTOQUE};
use renave_simulador::renave_ws::SimuladorRenaveWs;
use renave_simulador::{Historico, RespostaPerdida, SimuladoresRenave};
use secrecy::SecretString;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

/// Calls when `RENAVE_SOAK_CHAMADAS` is not set: what fits well under a minute in debug mode on
/// two loaded cores.
const CHAMADAS_PADRAO: usize = 10_000;
/// Calls in flight at once.
const CONCORRENCIA: usize = 64;
/// The clients' deadlines: short enough that a lost answer ends in a per-attempt timeout.
const TIMEOUTS: Timeouts = Timeouts {
    connect: Duration::from_secs(2),
    per_attempt: Duration::from_secs(2),
    operation: Duration::from_secs(6),
};
/// How late past its operation deadline a call may end (scheduling on a loaded machine).
const MARGEM_PRAZO: Duration = Duration::from_secs(2);
/// A call still running this long after its deadline is counted as hung (and abandoned, so
/// the test ends).
const LIMITE_TRAVADA: Duration = Duration::from_secs(30);
/// Every this many calls the failure status rotates and a few answers are lost.
const JANELA_FALHAS: usize = 1_000;
/// Probability of an injected failure per request, on each simulator.
const TAXA_FALHAS: f64 = 0.06;
/// The statuses the random failures take in turn.
const STATUS_FALHAS: [u16; 4] = [503, 500, 429, 502];
/// Fixed latency of every answer.
const LATENCIA: Duration = Duration::from_millis(3);
/// Delay of a lost answer: longer than the per-attempt timeout.
const ATRASO_PERDIDA: Duration = Duration::from_secs(3);
/// Descriptors and tasks that may come and go outside the SDK (the test's own reads).
const FOLGA: usize = 4;
/// Most connections the clients' pools may hold after the run: per host (two), one per call
/// in flight plus a few opened while another was being handed back. The SDK does not cap idle
/// connections, so what bounds them is the concurrency.
const MAX_CONEXOES: usize = 2 * (CONCORRENCIA + 16);
/// How long to wait for connections and tasks to wind down before failing.
const ESPERA_ENCERRAMENTO: Duration = Duration::from_secs(20);

const MIB: u64 = 1024 * 1024;

/// A minimal valid PDF (the simulators accept PDF files only).
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn chamadas_configuradas() -> usize {
    match std::env::var("RENAVE_SOAK_CHAMADAS") {
        Ok(v) => v
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1_000)
            .expect("RENAVE_SOAK_CHAMADAS must be a whole number >= 1000"),
        Err(_) => CHAMADAS_PADRAO,
    }
}

// ---------------------------------------------------------------------------------------------
// Process measurements (/proc)
// ---------------------------------------------------------------------------------------------

/// Resident set size of this process (`VmRSS` of `/proc/self/status`), in bytes.
fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let linha = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .expect("VmRSS in /proc/self/status");
    let kib: u64 = linha
        .trim_start_matches("VmRSS:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .unwrap();
    kib * 1024
}

/// Open file descriptors of this process (entries of `/proc/self/fd`, the directory's own
/// descriptor included, the same way every time).
fn descritores_abertos() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

/// Tasks alive on the test's runtime.
fn tarefas_vivas() -> usize {
    tokio::runtime::Handle::current()
        .metrics()
        .num_alive_tasks()
}

/// Polls `medir` until it is at most `limite` or [`ESPERA_ENCERRAMENTO`] has passed; the last
/// value read.
async fn esperar_ate(limite: usize, medir: impl Fn() -> usize) -> usize {
    let fim = Instant::now() + ESPERA_ENCERRAMENTO;
    loop {
        let valor = medir();
        if valor <= limite || Instant::now() >= fim {
            return valor;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Polls `medir` until it reads the same value twice 300 ms apart (at most
/// [`ESPERA_ENCERRAMENTO`]); that value.
async fn valor_estavel(medir: impl Fn() -> usize) -> usize {
    let fim = Instant::now() + ESPERA_ENCERRAMENTO;
    let mut anterior = medir();
    loop {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let valor = medir();
        if valor == anterior || Instant::now() >= fim {
            return valor;
        }
        anterior = valor;
    }
}

// ---------------------------------------------------------------------------------------------
// Attempts the SDK reports: the `attempt` field of its `renave.http` spans
// ---------------------------------------------------------------------------------------------

tokio::task_local! {
    /// The attempts of the call running on this task: (operation, attempts) per span closed.
    static TENTATIVAS_DA_CHAMADA: RefCell<Vec<(String, u64)>>;
}

/// A `renave.http` span still open.
struct SpanAberto {
    referencias: usize,
    operacao: String,
    tentativas: u64,
}

/// A subscriber that keeps, for each closed `renave.http` span (one per `HttpCore::send`), the
/// highest `attempt` it recorded: globally per operation, and per call in
/// [`TENTATIVAS_DA_CHAMADA`]. Everything else is ignored.
#[derive(Default)]
struct ContadorTentativas {
    proximo_id: AtomicU64,
    abertos: Mutex<HashMap<u64, SpanAberto>>,
    por_operacao: Mutex<BTreeMap<String, u64>>,
}

struct Campos<'a>(&'a mut SpanAberto);

impl Visit for Campos<'_> {
    fn record_u64(&mut self, field: &Field, value: u64) {
        if field.name() == "attempt" {
            self.0.tentativas = self.0.tentativas.max(value);
        }
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "operation" {
            value.clone_into(&mut self.0.operacao);
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        if field.name() == "operation" {
            self.0.operacao = format!("{value:?}");
        }
    }
}

impl ContadorTentativas {
    fn por_operacao(&self) -> BTreeMap<String, u64> {
        self.por_operacao.lock().unwrap().clone()
    }
}

impl Subscriber for ContadorTentativas {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.proximo_id.fetch_add(1, Ordering::Relaxed) + 1;
        if span.metadata().name() == "renave.http" {
            let mut aberto = SpanAberto {
                referencias: 1,
                operacao: String::new(),
                tentativas: 0,
            };
            span.record(&mut Campos(&mut aberto));
            self.abertos.lock().unwrap().insert(id, aberto);
        }
        Id::from_u64(id)
    }
    fn record(&self, id: &Id, values: &Record<'_>) {
        if let Some(aberto) = self.abertos.lock().unwrap().get_mut(&id.into_u64()) {
            values.record(&mut Campos(aberto));
        }
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, _: &Event<'_>) {}
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
    fn clone_span(&self, id: &Id) -> Id {
        if let Some(aberto) = self.abertos.lock().unwrap().get_mut(&id.into_u64()) {
            aberto.referencias += 1;
        }
        id.clone()
    }
    fn try_close(&self, id: Id) -> bool {
        let fechado = {
            let mut abertos = self.abertos.lock().unwrap();
            let Some(aberto) = abertos.get_mut(&id.into_u64()) else {
                return false;
            };
            aberto.referencias -= 1;
            if aberto.referencias > 0 {
                return false;
            }
            abertos.remove(&id.into_u64())
        };
        if let Some(SpanAberto {
            operacao,
            tentativas,
            ..
        }) = fechado
        {
            *self
                .por_operacao
                .lock()
                .unwrap()
                .entry(operacao.clone())
                .or_default() += tentativas;
            let _ = TENTATIVAS_DA_CHAMADA.try_with(|c| c.borrow_mut().push((operacao, tentativas)));
        }
        true
    }
}

/// The process-wide counter (installed once as the global subscriber).
fn contador() -> &'static ContadorTentativas {
    static CONTADOR: OnceLock<Arc<ContadorTentativas>> = OnceLock::new();
    CONTADOR.get_or_init(|| {
        let contador = Arc::new(ContadorTentativas::default());
        tracing::subscriber::set_global_default(Arc::clone(&contador))
            .expect("no other global subscriber in this test binary");
        contador
    })
}

// ---------------------------------------------------------------------------------------------
// The operations of the mix
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Servidor {
    CetMg,
    RenaveWs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Op {
    MgAptidao,
    MgCores,
    MgUploadFicha,
    MgEmitirDae,
    WsEstoque,
    WsClienteAutenticado,
    WsEstoquesEmEstoque,
    WsEntrada,
    WsCancelamentoEntrada,
}

/// The round-robin mix: call `i` runs `MISTURA[i % MISTURA.len()]`.
const MISTURA: [Op; 9] = [
    Op::MgAptidao,
    Op::WsEstoque,
    Op::MgUploadFicha,
    Op::WsEntrada,
    Op::MgCores,
    Op::WsClienteAutenticado,
    Op::MgEmitirDae,
    Op::WsCancelamentoEntrada,
    Op::WsEstoquesEmEstoque,
];

impl Op {
    fn endpoint(self) -> Endpoint {
        match self {
            Self::MgAptidao => estoque::CONSULTAR_APTIDAO_VEICULO_ESTOQUE,
            Self::MgCores => tabelas_auxiliares::CONSULTAR_CORES,
            Self::MgUploadFicha => protocolo_digital::UPLOAD_DOCUMENTO_FICHA_CADASTRO,
            Self::MgEmitirDae => dae::EMITIR_GUIA_DAE,
            Self::WsEstoque => usados::CONSULTAR_ESTOQUE,
            Self::WsClienteAutenticado => usados::CONSULTAR_CLIENTE_AUTENTICADO,
            Self::WsEstoquesEmEstoque => usados::CONSULTAR_ESTOQUES,
            Self::WsEntrada => usados::SOLICITAR_ENTRADA_ESTOQUE,
            Self::WsCancelamentoEntrada => usados::SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE,
        }
    }

    fn servidor(self) -> Servidor {
        match self {
            Self::MgAptidao | Self::MgCores | Self::MgUploadFicha | Self::MgEmitirDae => {
                Servidor::CetMg
            }
            _ => Servidor::RenaveWs,
        }
    }

    fn altera_estado(self) -> bool {
        self.endpoint().idempotency == Idempotency::StateChanging
    }
}

/// Every endpoint a request of this test can go to (the mix, plus the setup), by server.
fn endpoints_usados() -> Vec<(Servidor, Endpoint)> {
    let mut todos: Vec<(Servidor, Endpoint)> = MISTURA
        .iter()
        .map(|op| (op.servidor(), op.endpoint()))
        .collect();
    todos.push((Servidor::CetMg, autenticacao::GERAR_TOKEN));
    todos.push((
        Servidor::CetMg,
        protocolo_digital::CRIAR_PROCESSO_TRANSFERENCIA,
    ));
    todos
}

/// Whether `caminho` (a request's path) is the route `template` under `prefixo`.
fn caminho_da_rota(prefixo: &str, template: &str, caminho: &str) -> bool {
    let Some(resto) = caminho.strip_prefix(prefixo) else {
        return false;
    };
    let esperado: Vec<&str> = template.split('/').collect();
    let recebido: Vec<&str> = resto.split('/').collect();
    esperado.len() == recebido.len()
        && esperado
            .iter()
            .zip(&recebido)
            .all(|(e, r)| e.starts_with('{') || e == r)
}

/// The operation a recorded request belongs to (`None`: none of this test's).
fn operacao_da_requisicao(servidor: Servidor, r: &wiremock::Request) -> Option<&'static str> {
    let prefixo = match servidor {
        Servidor::CetMg => "/api/veiculos/renave/",
        Servidor::RenaveWs => "/",
    };
    endpoints_usados()
        .into_iter()
        .filter(|(s, _)| *s == servidor)
        .find(|(_, e)| {
            e.route.method().to_string() == r.method.as_str()
                && caminho_da_rota(prefixo, e.route.template(), r.url.path())
        })
        .map(|(_, e)| e.name)
}

/// How a call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Desfecho {
    /// `Ok`.
    Sucesso,
    /// Refused by the service: a business code or a 4xx other than 429 (HTTP status; 200 for
    /// a CET-MG `codigo_retorno` refusal).
    Recusa(u16),
    /// An injected failure that came through: 429 or 5xx (after the retries a read gets).
    Falha(u16),
    /// No answer within the per-attempt or operation deadline.
    Timeout,
    /// Another transport failure (connect, broken exchange).
    Transporte,
    /// A 2xx the SDK could not decode.
    RespostaInvalida,
    /// Any other typed error (invalid input, configuration…): none expected.
    Outro,
    /// Did not end at all within [`LIMITE_TRAVADA`] past its deadline.
    Travada,
}

fn de_status(status: u16) -> Desfecho {
    if status == 429 || status >= 500 {
        Desfecho::Falha(status)
    } else {
        Desfecho::Recusa(status)
    }
}

/// Outcome and "outcome unknown" flag of a CET-MG call.
fn classificar_mg<T>(r: Result<T, ErroMg>) -> (Desfecho, bool) {
    let Err(e) = r else {
        return (Desfecho::Sucesso, false);
    };
    let desfecho = match &e {
        ErroMg::Negocio { status, .. } => Desfecho::Recusa(*status),
        ErroMg::Http { status, .. } | ErroMg::Gateway { status, .. } => de_status(*status),
        ErroMg::Transporte { fonte, .. } if fonte.is_timeout() => Desfecho::Timeout,
        ErroMg::Transporte { .. } => Desfecho::Transporte,
        ErroMg::RespostaInvalida { .. } => Desfecho::RespostaInvalida,
        _ => Desfecho::Outro,
    };
    (desfecho, e.resultado_incerto())
}

/// Outcome and "outcome unknown" flag of a Renave-WS call.
fn classificar_ws<T>(r: Result<T, ErroWs>) -> (Desfecho, bool) {
    let Err(e) = r else {
        return (Desfecho::Sucesso, false);
    };
    let desfecho = match &e {
        ErroWs::Http { status, .. } | ErroWs::Negocio { status, .. } => de_status(*status),
        ErroWs::Transporte { fonte, .. } if fonte.is_timeout() => Desfecho::Timeout,
        ErroWs::Transporte { .. } => Desfecho::Transporte,
        ErroWs::RespostaInvalida { .. } => Desfecho::RespostaInvalida,
        _ => Desfecho::Outro,
    };
    (desfecho, e.resultado_incerto())
}

/// The clients and the requests of the mix, built once from the simulated world.
struct Contexto {
    sims: Arc<SimuladoresRenave>,
    mg: ClienteCetMg,
    ws: ClienteRenaveWs,
    aptidao: ConsultaAptidaoVeiculoEstoque,
    ficha: UploadFichaCadastro,
    dae: EmissaoGuiaDae,
    estoques_em_estoque: ConsultaEstoques,
    entrada: SolicitacaoEntradaEstoque,
    cancelamento: SolicitacaoCancelamentoEntradaEstoque,
}

impl Contexto {
    async fn executar(&self, op: Op) -> (Desfecho, bool) {
        match op {
            Op::MgAptidao => classificar_mg(
                self.mg
                    .consultar_aptidao_veiculo_estoque(&self.aptidao)
                    .await,
            ),
            Op::MgCores => classificar_mg(self.mg.consultar_cores().await),
            Op::MgUploadFicha => {
                classificar_mg(self.mg.upload_documento_ficha_cadastro(&self.ficha).await)
            }
            Op::MgEmitirDae => classificar_mg(self.mg.emitir_guia_dae(&self.dae).await),
            Op::WsEstoque => classificar_ws(
                self.ws
                    .consultar_estoque(IdEstoque(ID_ESTOQUE_EM_ESTOQUE))
                    .await,
            ),
            Op::WsClienteAutenticado => {
                classificar_ws(self.ws.consultar_cliente_autenticado().await)
            }
            Op::WsEstoquesEmEstoque => {
                classificar_ws(self.ws.consultar_estoques(&self.estoques_em_estoque).await)
            }
            Op::WsEntrada => classificar_ws(self.ws.solicitar_entrada_estoque(&self.entrada).await),
            Op::WsCancelamentoEntrada => classificar_ws(
                self.ws
                    .solicitar_cancelamento_entrada_estoque(&self.cancelamento)
                    .await,
            ),
        }
    }

    /// Rotates the failure status on both simulators and queues a few lost answers.
    fn ajustar_falhas(&self, indice: usize) {
        let rodada = indice / JANELA_FALHAS;
        let status = STATUS_FALHAS[rodada % STATUS_FALHAS.len()];
        let semente = u64::try_from(indice).unwrap();
        let (mg, ws) = (&self.sims.cetmg, &self.sims.renave_ws);
        mg.definir_taxa_de_falhas(TAXA_FALHAS, status, semente);
        ws.definir_taxa_de_falhas(TAXA_FALHAS, status, semente.wrapping_add(1));
        mg.perder_proximas_respostas(2, RespostaPerdida::Status(504));
        mg.perder_proximas_respostas(1, RespostaPerdida::Atraso(ATRASO_PERDIDA));
        ws.perder_proximas_respostas(2, RespostaPerdida::Status(504));
        ws.perder_proximas_respostas(1, RespostaPerdida::Atraso(ATRASO_PERDIDA));
    }
}

/// One call as measured.
#[derive(Debug, Clone, Copy)]
struct Registro {
    op: Op,
    desfecho: Desfecho,
    /// The SDK says the outcome is unknown (a state-changing request that may have executed).
    incerto: bool,
    decorrido: Duration,
    /// Attempts of the call's own operation the SDK reported during the call.
    tentativas: u64,
}

async fn uma_chamada(ctx: &Contexto, op: Op) -> Registro {
    let inicio = Instant::now();
    let (resultado, tentativas) = TENTATIVAS_DA_CHAMADA
        .scope(RefCell::new(Vec::new()), async {
            let r =
                tokio::time::timeout(TIMEOUTS.operation + LIMITE_TRAVADA, ctx.executar(op)).await;
            (r, TENTATIVAS_DA_CHAMADA.with(RefCell::take))
        })
        .await;
    let decorrido = inicio.elapsed();
    let (desfecho, incerto) = resultado.unwrap_or((Desfecho::Travada, false));
    let nome = op.endpoint().name;
    let tentativas = tentativas
        .iter()
        .filter(|(operacao, _)| operacao == nome)
        .map(|(_, n)| n)
        .sum();
    Registro {
        op,
        desfecho,
        incerto,
        decorrido,
        tentativas,
    }
}

/// Runs calls `[inicio, fim)` of the mix with [`CONCORRENCIA`] tasks.
async fn rodar_fase(ctx: &Arc<Contexto>, inicio: usize, fim: usize) -> Vec<Registro> {
    let proximo = Arc::new(AtomicUsize::new(inicio));
    let tarefas: Vec<_> = (0..CONCORRENCIA)
        .map(|_| {
            let ctx = Arc::clone(ctx);
            let proximo = Arc::clone(&proximo);
            tokio::spawn(async move {
                let mut registros = Vec::new();
                loop {
                    let i = proximo.fetch_add(1, Ordering::Relaxed);
                    if i >= fim {
                        return registros;
                    }
                    if i % JANELA_FALHAS == 0 {
                        ctx.ajustar_falhas(i);
                    }
                    registros.push(uma_chamada(&ctx, MISTURA[i % MISTURA.len()]).await);
                }
            })
        })
        .collect();
    let mut todos = Vec::with_capacity(fim - inicio);
    for t in tarefas {
        todos.extend(t.await.unwrap());
    }
    todos
}

// ---------------------------------------------------------------------------------------------
// Setup
// ---------------------------------------------------------------------------------------------

fn cliente_mg(sims: &SimuladoresRenave) -> ClienteCetMg {
    ClienteCetMg::builder()
        .ambiente(renave::mg::Ambiente::Local(
            sims.cetmg.url().parse().unwrap(),
        ))
        .credenciais(
            SecretString::from(CONSUMER_KEY_PADRAO),
            SecretString::from(CONSUMER_SECRET_PADRAO),
        )
        .prazos(TIMEOUTS)
        .retentativas(RetryPolicy::default())
        .build()
        .unwrap()
}

fn cliente_ws(sims: &SimuladoresRenave) -> ClienteRenaveWs {
    ClienteRenaveWs::builder()
        .ambiente(renave::ws::Ambiente::Local(
            sims.renave_ws.uri().parse().unwrap(),
        ))
        .prazos(TIMEOUTS)
        .retentativas(RetryPolicy::default())
        .build()
        .unwrap()
}

/// Builds the clients and the requests; creates (before any fault) the token and the digital
/// protocol the ficha de cadastro is uploaded to.
async fn preparar(sims: Arc<SimuladoresRenave>) -> Contexto {
    let mg = cliente_mg(&sims);
    let ws = cliente_ws(&sims);
    let loja: CpfCnpj = CNPJ_ESTABELECIMENTO.parse().unwrap();
    let comprador: CpfCnpj = CPF_COMPRADOR.parse().unwrap();

    // The apto car, the same on both sides.
    let carro = sims.renave_ws.dados().usados[0].clone();
    let carro_mg = sims.cetmg.veiculo(&carro.chassi).unwrap();
    assert!(carro_mg.is_apto(), "the first used vehicle is the apto car");
    // The vehicle in stock with a recent laudo: the ficha de cadastro is accepted.
    let em_estoque = sims
        .cetmg
        .veiculos()
        .into_iter()
        .find(|v| v.id_estoque.as_deref() == Some(&ID_ESTOQUE_EM_ESTOQUE.to_string()))
        .unwrap();

    mg.gerar_token().await.unwrap();
    let processo = mg
        .criar_processo_transferencia(&ProcessoTransferencia {
            cpf_cnpj_solicitante: loja,
            ..amostras_mg::processo_transferencia(&(&em_estoque).into(), comprador, false)
        })
        .await
        .unwrap();
    let protocolo: Identificador = processo.numero_protocolo.unwrap();
    ws.consultar_cliente_autenticado().await.unwrap();

    let agora: DataHora = sims.renave_ws.agora();
    let hoje: Data = agora.data();
    let operador: Cpf = sims.renave_ws.dados().cpf_operador;
    Contexto {
        aptidao: ConsultaAptidaoVeiculoEstoque::new(
            carro.chassi,
            carro_mg.proprietario,
            CNPJ_ESTABELECIMENTO.parse().unwrap(),
        ),
        ficha: UploadFichaCadastro {
            numero_protocolo: protocolo,
            tipo_documento: DocumentoId::from("1"),
            cpf_cnpj_remetente: loja,
            mensagem: "Ficha de cadastro do veículo".to_owned(),
            nome: "ficha-cadastro.pdf".to_owned(),
            arquivo: PDF.to_vec(),
        },
        // No solicitação for this buyer: refused with codigo_retorno 201, nothing changes.
        dae: EmissaoGuiaDae {
            cnpj_estabelecimento: CNPJ_ESTABELECIMENTO.parse().unwrap(),
            codigo_taxa: CodigoTaxa::VistoriaMovel,
            cpf_cnpj_comprador: comprador,
            uf_origem_comprador: Uf::Mg,
            codigo_municipio_emplacamento: "4123".parse().unwrap(),
        },
        // The vehicle in stock has one stock whatever the entradas of the car do: the answer
        // stays the same size for the whole run.
        estoques_em_estoque: ConsultaEstoques {
            chassi: Some(em_estoque.chassi),
            placa: None,
            estado_estoque: None,
        },
        entrada: SolicitacaoEntradaEstoque {
            cpf_operador_responsavel: operador,
            data_compra: hoje,
            email_estabelecimento: None,
            ..amostras_ws::entrada_estoque(&(&carro).into(), agora)
        },
        cancelamento: SolicitacaoCancelamentoEntradaEstoque {
            data_cancelamento_estoque: hoje,
            cpf_operador_responsavel: operador,
            veiculo: VeiculoCancelamentoEntrada {
                chassi: None,
                placa: carro.placa,
                renavam: carro.renavam,
                numero_crv: None,
                codigo_seguranca_crv: carro.codigo_seguranca_crv,
            },
        },
        sims,
        mg,
        ws,
    }
}

// ---------------------------------------------------------------------------------------------
// The soak
// ---------------------------------------------------------------------------------------------

/// Calls per batch; after each one the simulators' histories are drained into [`Recebidas`].
const LOTE: usize = 1_000;

/// Requests a simulator keeps between two drains: far more than one batch can send.
const HISTORICO: usize = 50 * LOTE;

/// What the simulators received, by operation, counted batch by batch.
#[derive(Default)]
struct Recebidas {
    por_operacao: BTreeMap<&'static str, u64>,
    desconhecidas: u64,
    total: u64,
}

impl Recebidas {
    fn drenar(&mut self, sims: &SimuladoresRenave) {
        for (servidor, lista) in [
            (Servidor::CetMg, sims.cetmg.drenar_requisicoes()),
            (Servidor::RenaveWs, sims.renave_ws.drenar_requisicoes()),
        ] {
            for r in &lista {
                self.total += 1;
                match operacao_da_requisicao(servidor, r) {
                    Some(nome) => *self.por_operacao.entry(nome).or_default() += 1,
                    None => self.desconhecidas += 1,
                }
            }
        }
    }
}

/// Calls `inicio..fim` in batches of [`LOTE`], draining the simulators' histories after each.
async fn rodar_em_lotes(
    ctx: &Arc<Contexto>,
    inicio: usize,
    fim: usize,
    sims: &SimuladoresRenave,
    recebidas: &mut Recebidas,
) -> Vec<Registro> {
    let mut registros = Vec::with_capacity(fim - inicio);
    let mut i = inicio;
    while i < fim {
        let ate = (i + LOTE).min(fim);
        registros.extend(rodar_fase(ctx, i, ate).await);
        recebidas.drenar(sims);
        i = ate;
    }
    registros
}

fn percentil(ordenados: &[Duration], p: usize) -> Duration {
    if ordenados.is_empty() {
        return Duration::ZERO;
    }
    let i = (ordenados.len() * p).div_ceil(100).saturating_sub(1);
    ordenados[i.min(ordenados.len() - 1)]
}

fn mib(bytes: u64) -> String {
    let decimos = bytes * 10 / MIB;
    format!("{}.{} MiB", decimos / 10, decimos % 10)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soak_ambos_os_clientes_com_falhas_injetadas() {
    let total = chamadas_configuradas();
    let fase1 = total / 5;
    let contador = contador();

    // Served without wiremock (which keeps every request it answers), each simulator keeping
    // its requests until the test drains them after every batch.
    let sims = Arc::new(
        SimuladoresRenave::iniciar_com(
            SimuladorCetMg::builder()
                .sem_wiremock()
                .historico(Historico::Ultimas(HISTORICO)),
            SimuladorRenaveWs::builder()
                .sem_wiremock()
                .historico(Historico::Ultimas(HISTORICO)),
        )
        .await,
    );
    // The baseline, once each simulator's server thread has served a request (its runtime
    // opens its descriptors lazily) and the warm-up clients are gone.
    {
        let (mg, ws) = (cliente_mg(&sims), cliente_ws(&sims));
        mg.consultar_cores().await.unwrap();
        ws.consultar_cliente_autenticado().await.unwrap();
    }
    let fds_inicio = valor_estavel(descritores_abertos).await;
    let tarefas_inicio = valor_estavel(tarefas_vivas).await;

    let ctx = Arc::new(preparar(Arc::clone(&sims)).await);
    sims.cetmg.definir_latencia(LATENCIA);
    sims.renave_ws.definir_latencia(LATENCIA);

    let relogio = Instant::now();
    let mut recebidas = Recebidas::default();
    // The warm-up requests are not the soak's.
    sims.cetmg.drenar_requisicoes();
    sims.renave_ws.drenar_requisicoes();
    let mut registros = rodar_em_lotes(&ctx, 0, fase1, &sims, &mut recebidas).await;
    let rss_fase1 = rss_bytes();
    registros.extend(rodar_em_lotes(&ctx, fase1, total, &sims, &mut recebidas).await);
    let rss_final = rss_bytes();
    let duracao = relogio.elapsed();
    sims.cetmg.limpar_falhas();
    sims.renave_ws.limpar_falhas();

    // Connections and tasks while the clients live: at most the pools (each connection has
    // two descriptors, the client's end and the simulator's, and one task, the client's).
    let limite_fds_com_clientes = fds_inicio + 2 * MAX_CONEXOES + FOLGA;
    let limite_tarefas_com_clientes = tarefas_inicio + MAX_CONEXOES + FOLGA;
    let fds_com_clientes = esperar_ate(limite_fds_com_clientes, descritores_abertos).await;
    let tarefas_com_clientes = esperar_ate(limite_tarefas_com_clientes, tarefas_vivas).await;
    // Then without the clients: back to where we started.
    drop(ctx);
    let fds_fim = esperar_ate(fds_inicio + FOLGA, descritores_abertos).await;
    let tarefas_fim = esperar_ate(tarefas_inicio + FOLGA, tarefas_vivas).await;

    let tentativas = contador.por_operacao();
    let Recebidas {
        por_operacao: recebidas,
        desconhecidas,
        total: total_recebidas,
    } = recebidas;

    // ---- the figures
    let mut por_desfecho: BTreeMap<Desfecho, usize> = BTreeMap::new();
    let mut por_op: BTreeMap<Op, (usize, BTreeMap<Desfecho, usize>)> = BTreeMap::new();
    for r in &registros {
        *por_desfecho.entry(r.desfecho).or_default() += 1;
        let (n, d) = por_op.entry(r.op).or_default();
        *n += 1;
        *d.entry(r.desfecho).or_default() += 1;
    }
    let incertos = registros.iter().filter(|r| r.incerto).count();
    let mut tempos: Vec<Duration> = registros.iter().map(|r| r.decorrido).collect();
    tempos.sort_unstable();
    let total_tentativas: u64 = tentativas.values().sum();

    println!("==================== renave-rs soak ====================");
    println!(
        "calls: {} ({} + {}), concurrency {CONCORRENCIA}, wall time {:.1?}",
        registros.len(),
        fase1,
        total - fase1,
        duracao
    );
    println!(
        "faults: {:.0}% random failures rotating {STATUS_FALHAS:?} every {JANELA_FALHAS} calls, \
         latency {LATENCIA:?}, per rotation 2x504 + 1x{ATRASO_PERDIDA:?} lost answers per simulator",
        TAXA_FALHAS * 100.0
    );
    println!("deadlines: {TIMEOUTS:?}, margin {MARGEM_PRAZO:?}");
    println!("outcomes: {por_desfecho:?}; outcome unknown (state-changing): {incertos}");
    for (op, (n, d)) in &por_op {
        println!("  {op:?} ({}): {n} calls {d:?}", op.endpoint().name);
    }
    println!(
        "latency: p50 {:.1?}, p99 {:.1?}, max {:.1?}",
        percentil(&tempos, 50),
        percentil(&tempos, 99),
        tempos.last().copied().unwrap_or_default()
    );
    println!(
        "attempts reported by the SDK: {total_tentativas}; requests recorded by the simulators: \
         {total_recebidas} (not of this test: {desconhecidas})"
    );
    for (nome, n) in &tentativas {
        println!(
            "  {nome}: {n} attempts, {} received",
            recebidas.get(nome.as_str()).copied().unwrap_or(0)
        );
    }
    println!(
        "RSS after {fase1} calls: {}; after {total} calls: {} (growth {})",
        mib(rss_fase1),
        mib(rss_final),
        mib(rss_final.saturating_sub(rss_fase1))
    );
    println!(
        "fds: {fds_inicio} before the clients, {fds_com_clientes} after the run with the clients \
         (pooled connections), {fds_fim} after dropping them"
    );
    println!(
        "tasks: {tarefas_inicio} before the clients, {tarefas_com_clientes} after the run with the \
         clients, {tarefas_fim} after dropping them"
    );
    println!("========================================================");

    // ---- every call ended, with Ok or a typed error, within its deadline
    assert_eq!(registros.len(), total);
    let fora_do_prazo: Vec<&Registro> = registros
        .iter()
        .filter(|r| {
            r.desfecho == Desfecho::Travada || r.decorrido > TIMEOUTS.operation + MARGEM_PRAZO
        })
        .collect();
    assert!(
        fora_do_prazo.is_empty(),
        "{} calls ended after their deadline (+{MARGEM_PRAZO:?}) or hung, e.g. {:?}",
        fora_do_prazo.len(),
        &fora_do_prazo[..fora_do_prazo.len().min(5)]
    );
    let inesperados: Vec<&Registro> = registros
        .iter()
        .filter(|r| matches!(r.desfecho, Desfecho::Outro | Desfecho::RespostaInvalida))
        .collect();
    assert!(
        inesperados.is_empty(),
        "valid requests to the simulators ended in an unexpected error: {:?}",
        &inesperados[..inesperados.len().min(5)]
    );
    // The mix did what it is meant to: each operation reached the service, and faults happened.
    for op in MISTURA {
        let (_, d) = &por_op[&op];
        assert!(
            d.keys()
                .any(|k| matches!(k, Desfecho::Sucesso | Desfecho::Recusa(_))),
            "{op:?} never reached the service: {d:?}"
        );
    }
    assert!(
        por_desfecho.keys().any(|k| matches!(k, Desfecho::Falha(_))),
        "no injected failure reached a caller: {por_desfecho:?}"
    );

    // ---- a state-changing request never reached the server more than once per call
    // (every call made at least one attempt: the count of attempts does see the SDK's spans)
    let sem_tentativa: Vec<&Registro> = registros.iter().filter(|r| r.tentativas == 0).collect();
    assert!(
        sem_tentativa.is_empty(),
        "calls with no attempt reported: {:?}",
        &sem_tentativa[..sem_tentativa.len().min(5)]
    );
    let reenviadas: Vec<&Registro> = registros
        .iter()
        .filter(|r| r.op.altera_estado() && r.tentativas > 1)
        .collect();
    assert!(
        reenviadas.is_empty(),
        "state-changing requests sent more than once in one call: {:?}",
        &reenviadas[..reenviadas.len().min(5)]
    );
    for op in MISTURA {
        let nome = op.endpoint().name;
        let chamadas = u64::try_from(por_op[&op].0).unwrap();
        let recebidas_op = recebidas.get(nome).copied().unwrap_or(0);
        let tentativas_op = tentativas.get(nome).copied().unwrap_or(0);
        assert!(
            recebidas_op <= tentativas_op,
            "{nome}: {recebidas_op} requests received, only {tentativas_op} attempts reported"
        );
        if op.altera_estado() {
            assert!(
                recebidas_op <= chamadas,
                "{nome}: {recebidas_op} requests received for {chamadas} calls (resent)"
            );
        }
    }
    assert_eq!(
        desconhecidas, 0,
        "requests this test never makes reached the simulators"
    );
    assert!(
        total_recebidas <= total_tentativas,
        "{total_recebidas} requests received, {total_tentativas} attempts reported"
    );

    // ---- no connection or task leak
    assert!(
        fds_com_clientes <= limite_fds_com_clientes,
        "descriptors with the clients alive: {fds_com_clientes}, started at {fds_inicio}"
    );
    assert!(
        tarefas_com_clientes <= limite_tarefas_com_clientes,
        "tasks with the clients alive: {tarefas_com_clientes}, started at {tarefas_inicio}"
    );
    assert!(
        fds_fim <= fds_inicio + FOLGA,
        "descriptors leaked: {fds_fim} after dropping the clients, {fds_inicio} before them"
    );
    assert!(
        tarefas_fim <= tarefas_inicio + FOLGA,
        "tasks leaked: {tarefas_fim} after dropping the clients, {tarefas_inicio} before them"
    );

    // ---- memory flat: RSS at 100 % <= 1.5 x RSS at 20 % + 16 MiB
    assert!(
        rss_final * 2 <= rss_fase1 * 3 + 32 * MIB,
        "memory grew: RSS {} after {total} calls, {} after {fase1}",
        mib(rss_final),
        mib(rss_fase1)
    );
}
