//! # The Renave-WS (SERPRO) simulator
//!
//! [`SimuladorRenaveWs`] starts an in-process HTTP server (wiremock) that behaves like
//! Renave-WS as `renave-ws.md` describes it: every one of the 47 establishment operations of
//! §3.5 ([`OPERACOES`]), the 19 of the montadora group (§3.3, [`OPERACOES_MONTADORA`]) and the
//! 17 of the ITE group (§3.4, [`OPERACOES_ITE`]) answers, and the flows of §7 are stateful:
//!
//! * *entrada* (E3) creates a `SOLICITADO` stock and a sale intention (*intenção de venda*),
//!   whose blank ATPV-e can then be downloaded (E7);
//! * the seller signature (E5) plus the NF-e COMPRA (E10) start the asynchronous Detran
//!   processing: `TRANSFERIDO` after [`ConstrutorSimuladorRenaveWs::prazo_transferido`], then
//!   `CONFIRMADO` after [`ConstrutorSimuladorRenaveWs::prazo_confirmado`] of simulated time —
//!   advance it with [`SimuladorRenaveWs::avancar_relogio`], no real sleeping; at `CONFIRMADO`
//!   the CRV is re-issued to the establishment with a **new security code** (in the CRLV-e,
//!   E18);
//! * *saída* (E15) requires `CONFIRMADO`, the entrada NF, the seller signature and that new
//!   CRV code; its cancellation (E17) creates a new stock with a new id;
//! * the montadora (`/api/montadora/…`) enters zero-km vehicles from its pre-registered list,
//!   sells them (a venda direta with `entregaIndicada` creates the *entrega* the establishment
//!   lists and makes with Z12–Z14; the ATPV-e comes with the delivery), sells unfinished ones,
//!   cancels, and authorizes transfers to an ITE;
//! * the ITE (`/api/ite/…`) enters vehicles for a client (`clienteDaIte`,
//!   `codigoClienteMontadora` of `clientes-montadoras`), receives transfers (from the
//!   montadora, the establishment's E29 or another ITE), sells, cancels, and authorizes the
//!   vehicles leaving it — consumed by the montadora, the establishment (E28) or another ITE;
//! * each stock belongs to one actor, which alone sees and changes it; a consumed transfer moves
//!   the vehicle from the origin's estoque (`FINALIZADO`, `TRANSFERENCIA_ESTABELECIMENTO`) to the
//!   destination's;
//! * documents (ATPV-e, TEE, TSE, CRLV-e) are small but valid PDFs in base64;
//! * errors carry the SERPRO body (`titulo`, `detalhe`, `mensagemParaUsuarioFinal`,
//!   `dataHora`; `logIdRastreabilidade` on 500) with the status codes of §2: 400 for missing
//!   or malformed fields with the messages real integrators saw, 404 for unknown ids, 422 for
//!   business rules.
//!
//! It has no certificate: it answers as the establishment of [`DadosSimulados`] to anyone, and
//! the route prefix chooses the caller of the other groups (the montadora and the ITE of
//! [`DadosSimulados`]).
//! Its establishment and used vehicles come from the shared world ([`crate::mundo`]); in a
//! [`SimuladoresRenave`](crate::SimuladoresRenave) the seller signature (E5) and the saída's
//! ATPV-e (E15) are forwarded to the CET-MG simulator with the same ATPV-e number.
//!
//! ## Built for contract tests
//!
//! The simulator's own mock is mounted at priority [`PRIORIDADE_SIMULADOR`] (10). Mount your
//! own [`wiremock::Mock`] on [`SimuladorRenaveWs::servidor`] with a smaller number (e.g.
//! `with_priority(1)`) to override one operation while the others stay stateful; inspect what
//! arrived with [`SimuladorRenaveWs::requisicoes_recebidas`] (the last [`HISTORICO_PADRAO`]
//! requests by default; see [`historico`](crate::historico)).
//!
//! Fault knobs for resilience tests: [`SimuladorRenaveWs::definir_latencia`],
//! [`SimuladorRenaveWs::falhar_proximas`] (deterministic),
//! [`SimuladorRenaveWs::definir_taxa_de_falhas`] (seeded), and
//! [`SimuladorRenaveWs::perder_proximas_respostas`] (the POST executes, the answer is lost:
//! `renave-ws.md` §7.6), [`SimuladorRenaveWs::limpar_falhas`]: the same knobs, with the same
//! signatures, as the CET-MG simulator's (see [`falhas`](crate::falhas)).
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let _ = rustls::crypto::ring::default_provider().install_default();
//! use renave_simulador::renave_ws::SimuladorRenaveWs;
//! use wiremock::{Mock, ResponseTemplate, matchers::path};
//!
//! let sim = SimuladorRenaveWs::iniciar().await;
//! // Operations live at `{uri}/api/...`, as under `https://…/renave-ws`.
//! let estoques: serde_json::Value = reqwest::get(format!("{}/api/estoques", sim.uri()))
//!     .await?
//!     .json()
//!     .await?;
//! assert_eq!(estoques[0]["estado"], "CONFIRMADO"); // the seeded stock 1000
//!
//! // Override one operation; the other 46 stay stateful.
//! Mock::given(path("/api/cliente-autenticado"))
//!     .respond_with(ResponseTemplate::new(403))
//!     .with_priority(1)
//!     .mount(sim.servidor())
//!     .await;
//! let r = reqwest::get(format!("{}/api/cliente-autenticado", sim.uri())).await?;
//! assert_eq!(r.status().as_u16(), 403);
//! assert_eq!(sim.requisicoes_recebidas().await.len(), 2);
//! # Ok(())
//! # }
//! ```

mod dados;
mod estado;
mod http;
mod operacoes;
mod pdf;

use std::collections::BTreeMap;
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use renave_domain::{Chassi, CodigoSegurancaCrv, DataHora, EstadoEstoque, Placa};
use wiremock::{MockServer, Request};

pub use crate::falhas::RespostaPerdida;
pub use dados::{DadosSimulados, SituacaoInicial, VeiculoUsadoSimulado, VeiculoZeroKmSimulado};
pub use operacoes::{OPERACOES, OPERACOES_ITE, OPERACOES_MONTADORA, OperacaoSimulada};

use crate::falhas::{Falhas, Responder, ServicoSimulado};
use crate::historico::Registro;
pub use crate::historico::{HISTORICO_PADRAO, Historico};
use crate::mundo::AtpvesAssinadas;
use crate::servidor::{RespostaHttp, Transporte};

use estado::{Estado, Prazos, Relogio};
use http::{Corpo, Resposta};

/// Priority of the simulator's own mock on its wiremock server (wiremock: the smaller number
/// wins). Mount overrides with a smaller number.
pub const PRIORIDADE_SIMULADOR: u8 = 10;

/// A running Renave-WS simulator (see the [module docs](self)).
///
/// Dropping it stops the server.
pub struct SimuladorRenaveWs {
    transporte: Transporte,
    estado: Arc<Mutex<Estado>>,
    dados: DadosSimulados,
    registro: Arc<Registro>,
}

/// The URL only: the state holds full CPFs of the simulated people.
impl std::fmt::Debug for SimuladorRenaveWs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimuladorRenaveWs")
            .field("url", &self.transporte.uri())
            .finish_non_exhaustive()
    }
}

/// Configures a [`SimuladorRenaveWs`] before it starts; from [`SimuladorRenaveWs::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct ConstrutorSimuladorRenaveWs {
    prazo_transferido: Duration,
    prazo_confirmado: Duration,
    prazo_transferencia_comprador: Duration,
    tempo_real: bool,
    inicio: Option<DataHora>,
    historico: Historico,
    sem_wiremock: bool,
    atpves: AtpvesAssinadas,
    dialeto: crate::Dialeto,
}

impl Default for ConstrutorSimuladorRenaveWs {
    fn default() -> Self {
        Self {
            prazo_transferido: Duration::from_secs(60),
            prazo_confirmado: Duration::from_secs(5 * 60),
            prazo_transferencia_comprador: Duration::from_secs(24 * 3600),
            tempo_real: true,
            inicio: None,
            historico: Historico::default(),
            sem_wiremock: false,
            atpves: AtpvesAssinadas::default(),
            dialeto: crate::Dialeto::Padrao,
        }
    }
}

impl ConstrutorSimuladorRenaveWs {
    /// Simulated time from "seller signature and entrada NF both sent" to `TRANSFERIDO`
    /// (default 1 minute).
    pub fn prazo_transferido(mut self, prazo: Duration) -> Self {
        self.prazo_transferido = prazo;
        self
    }

    /// Simulated time from "seller signature and entrada NF both sent" to `CONFIRMADO`
    /// (default 5 minutes; never before `prazo_transferido`).
    pub fn prazo_confirmado(mut self, prazo: Duration) -> Self {
        self.prazo_confirmado = prazo;
        self
    }

    /// Simulated time after a sale (*saída*) until Detran transfers the vehicle to the buyer,
    /// after which the saída can no longer be cancelled (default 24 hours).
    pub fn prazo_transferencia_comprador(mut self, prazo: Duration) -> Self {
        self.prazo_transferencia_comprador = prazo;
        self
    }

    /// Whether the simulated clock also follows real time (default `true`); with `false` it
    /// moves only through [`SimuladorRenaveWs::avancar_relogio`].
    pub fn tempo_real(mut self, sim: bool) -> Self {
        self.tempo_real = sim;
        self
    }

    /// The simulated clock's start (Brasília local; default: now in Brasília).
    pub fn inicio_relogio(mut self, inicio: DataHora) -> Self {
        self.inicio = Some(inicio);
        self
    }

    /// How many received requests [`requisicoes_recebidas`](SimuladorRenaveWs::requisicoes_recebidas)
    /// keeps (default: the last [`HISTORICO_PADRAO`]; see [`historico`](crate::historico)).
    pub fn historico(mut self, historico: Historico) -> Self {
        self.historico = historico;
        self
    }

    /// Shares the registry of signed ATPV-e numbers with a CET-MG simulator
    /// ([`SimuladoresRenave`](crate::SimuladoresRenave)).
    pub(crate) fn atpves(mut self, atpves: AtpvesAssinadas) -> Self {
        self.atpves = atpves;
        self
    }

    /// Serves with a plain HTTP server instead of wiremock, for a simulator that stays up (what
    /// the `renave-simulador` binary does). wiremock keeps a copy of every request a mock
    /// answered until the server stops; this server keeps nothing beyond the
    /// [`historico`](Self::historico). Without wiremock there is nothing to mount overrides on:
    /// [`SimuladorRenaveWs::servidor`] panics.
    pub fn sem_wiremock(mut self) -> Self {
        self.sem_wiremock = true;
        self
    }

    /// The names the answers are written with (default [`Dialeto::Padrao`](crate::Dialeto),
    /// the SDK's contract; [`Dialeto::Divergente`](crate::Dialeto) renames them as the
    /// [`dialeto`](crate::dialeto) module's table says).
    pub fn dialeto(mut self, dialeto: crate::Dialeto) -> Self {
        self.dialeto = dialeto;
        self
    }

    /// Starts the simulator on a random local port.
    ///
    /// # Panics
    ///
    /// When the server cannot be started (as wiremock's `MockServer::start`).
    pub async fn iniciar(self) -> SimuladorRenaveWs {
        self.montar(None).await
    }

    /// Starts the simulator listening on `endereco` (e.g. `127.0.0.1:8089`), for the
    /// `renave-simulador` binary.
    pub async fn iniciar_em(self, endereco: SocketAddr) -> std::io::Result<SimuladorRenaveWs> {
        let listener = TcpListener::bind(endereco)?;
        Ok(self.iniciar_com_listener(listener).await)
    }

    /// Starts the simulator on an already bound listener.
    pub async fn iniciar_com_listener(self, listener: TcpListener) -> SimuladorRenaveWs {
        self.montar(Some(listener)).await
    }

    async fn montar(self, listener: Option<TcpListener>) -> SimuladorRenaveWs {
        // The seed is made of constants checked by the unit test `dados::testes::semente_valida`.
        let dados = dados::construir().expect("the seeded constants are valid (unit-tested)");
        let relogio = Relogio {
            base: self
                .inicio
                .unwrap_or_else(DataHora::agora_brasilia)
                .as_jiff(),
            inicio: Instant::now(),
            avanco: Duration::ZERO,
            tempo_real: self.tempo_real,
        };
        let prazos = Prazos {
            transferido: self.prazo_transferido,
            confirmado: self.prazo_confirmado.max(self.prazo_transferido),
            transferencia_comprador: self.prazo_transferencia_comprador,
        };
        let estado = Arc::new(Mutex::new(Estado::novo(
            &dados,
            relogio,
            prazos,
            self.atpves,
        )));
        estado
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .dialeto = self.dialeto;
        let registro = Registro::novo(self.historico);
        let transporte = Transporte::iniciar(
            listener,
            self.sem_wiremock,
            &registro,
            Responder {
                estado: Arc::clone(&estado),
            },
            caminho_da_api,
            PRIORIDADE_SIMULADOR,
            "simulador Renave-WS",
        )
        .await;
        SimuladorRenaveWs {
            transporte,
            estado,
            dados,
            registro,
        }
    }
}

impl SimuladorRenaveWs {
    /// A builder to set the Detran timings and the clock before starting.
    pub fn builder() -> ConstrutorSimuladorRenaveWs {
        ConstrutorSimuladorRenaveWs::default()
    }

    /// Starts a simulator with the default settings on a random local port.
    pub async fn iniciar() -> Self {
        Self::builder().iniciar().await
    }

    /// Starts a simulator with the default settings listening on `endereco`.
    pub async fn iniciar_em(endereco: SocketAddr) -> std::io::Result<Self> {
        Self::builder().iniciar_em(endereco).await
    }

    /// The base URL (`http://127.0.0.1:PORT`): the equivalent of
    /// `https://renave.estaleiro.serpro.gov.br/renave-ws`, operations at `{uri}/api/...`.
    /// Paths under `{uri}/renave-ws/api/...` are answered too.
    pub fn uri(&self) -> String {
        self.transporte.uri()
    }

    /// The same base URL as [`uri`](Self::uri), under the name
    /// [`SimuladorCetMg::url`](crate::cetmg::SimuladorCetMg::url) uses, so code handling both
    /// simulators can ask each for its `url()`.
    pub fn url(&self) -> String {
        self.uri()
    }

    /// The underlying wiremock server: mount overrides on it with a priority smaller than
    /// [`PRIORIDADE_SIMULADOR`].
    ///
    /// # Panics
    ///
    /// When the simulator was started
    /// [`sem_wiremock`](ConstrutorSimuladorRenaveWs::sem_wiremock).
    pub fn servidor(&self) -> &MockServer {
        self.transporte.wiremock()
    }

    /// The requests the server received, overrides included, oldest first: the last
    /// [`HISTORICO_PADRAO`] by default, as set with
    /// [`historico`](ConstrutorSimuladorRenaveWs::historico) (empty when it is off).
    #[allow(
        clippy::unused_async,
        reason = "public API that callers await; it was async while wiremock kept the history"
    )]
    pub async fn requisicoes_recebidas(&self) -> Vec<Request> {
        self.registro.requisicoes()
    }

    /// The requests kept in the history, oldest first, which the history then forgets: a
    /// long-running test counts what it received in batches while the history stays small.
    pub fn drenar_requisicoes(&self) -> Vec<Request> {
        self.registro.drenar()
    }

    /// How many entries each collection the simulator keeps holds, by name: the request
    /// history (`historico`) and each part of the simulated world (`veiculos`, `estoques`,
    /// `intencoes`, …). For watching the memory of a long-running simulator: only the history
    /// (up to its cap) and the world's records of successful operations change with traffic.
    pub fn ocupacao(&self) -> BTreeMap<&'static str, usize> {
        let mut o = self.estado().ocupacao();
        o.insert("historico", self.registro.quantidade());
        o
    }

    /// The seeded data (establishment, vehicles, sample NF-e keys).
    pub fn dados(&self) -> &DadosSimulados {
        &self.dados
    }

    fn estado(&self) -> MutexGuard<'_, Estado> {
        self.estado.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Moves the simulated clock forward (runs the Detran processing that falls due).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// use std::time::Duration;
    /// use renave_simulador::renave_ws::SimuladorRenaveWs;
    ///
    /// let sim = SimuladorRenaveWs::builder().tempo_real(false).iniciar().await;
    /// let antes = sim.agora();
    /// sim.avancar_relogio(Duration::from_secs(5 * 60));
    /// let passou = antes.as_jiff().duration_until(sim.agora().as_jiff());
    /// assert_eq!(passou, jiff::SignedDuration::from_mins(5));
    /// # }
    /// ```
    pub fn avancar_relogio(&self, quanto: Duration) {
        let mut e = self.estado();
        e.relogio.avanco = e.relogio.avanco.saturating_add(quanto);
        e.atualizar();
    }

    /// The simulated Brasília local time.
    pub fn agora(&self) -> DataHora {
        let e = self.estado();
        DataHora::try_from(e.agora()).unwrap_or_else(|_| DataHora::agora_brasilia())
    }

    /// The current state of a stock (`estado`), if it exists.
    pub fn estado_estoque(&self, id_estoque: i64) -> Option<EstadoEstoque> {
        let mut e = self.estado();
        e.atualizar();
        e.estoques
            .get(&id_estoque)
            .map(|s| EstadoEstoque::from(s.estado))
    }

    /// The CRV security code currently valid for a vehicle (it changes at `CONFIRMADO`); the
    /// real service gives it only inside the CRLV-e PDF (E18).
    pub fn codigo_seguranca_crv_atual(&self, placa: &Placa) -> Option<CodigoSegurancaCrv> {
        let mut e = self.estado();
        e.atualizar();
        e.veiculos
            .values()
            .find(|v| v.placa.as_deref() == Some(placa.as_str()))
            .and_then(|v| v.codigo_seguranca_crv.as_deref())
            .and_then(|c| CodigoSegurancaCrv::parse(c).ok())
    }

    /// Registers a new zero-km vehicle pending entry (Z1), as if the montadora had sent it.
    pub fn adicionar_zero_km_pendente(&self, chassi: &Chassi, veiculo_acabado: bool) {
        let mut e = self.estado();
        let agora = e.agora();
        let montadora = e.cnpj_montadora.clone();
        let ch = chassi.as_str().to_owned();
        e.veiculos
            .entry(ch.clone())
            .or_insert_with(|| estado::Veiculo {
                descricao: "zero km adicionado".to_owned(),
                chassi: ch.clone(),
                placa: None,
                renavam: None,
                numero_crv: None,
                codigo_seguranca_crv: None,
                tipo_crv: None,
                proprietario: montadora,
                zero_km: true,
                acabado: veiculo_acabado,
                intencoes: Vec::new(),
                data_emissao_crv: agora,
            });
        e.pendentes.insert(ch, agora);
    }

    /// Adds a fixed latency to every answer of the simulator (`Duration::ZERO` removes it).
    /// Same knob as
    /// [`SimuladorCetMg::definir_latencia`](crate::cetmg::SimuladorCetMg::definir_latencia)
    /// (see [`falhas`](crate::falhas)).
    pub fn definir_latencia(&self, latencia: Duration) {
        self.estado().falhas.definir_latencia(latencia);
    }

    /// The next `n` requests fail with `status` (e.g. 500, 502, 503, 504 or 429) before
    /// reaching the simulated service: nothing changes on the server. 429 carries
    /// `Retry-After: 1`; 500 the SERPRO body with `logIdRastreabilidade`; 502–504 an HTML
    /// gateway page; 401/403 Spring Boot's default body ("No message available", as for a
    /// CNPJ not credentialed in Credencia). A status outside 400–599 is taken as 500.
    pub fn falhar_proximas(&self, n: u32, status: u16) {
        self.estado().falhas.falhar_proximas(n, status);
    }

    /// Each request fails with `status` (answered as by
    /// [`falhar_proximas`](Self::falhar_proximas)) with probability `taxa` (clamped to 0–1),
    /// drawn from a generator seeded with `semente`, so a run is reproducible. `0.0` turns it
    /// off.
    pub fn definir_taxa_de_falhas(&self, taxa: f64, status: u16, semente: u64) {
        self.estado()
            .falhas
            .definir_taxa_de_falhas(taxa, status, semente);
    }

    /// The next `n` state-changing POSTs that succeed have their answer lost: the state
    /// changes on the server, but the client sees `como` (a 5xx or a long delay). This is the
    /// failure `renave-ws.md` §7.6 describes (a retry then gets "possui um estoque ativo").
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// # let _ = rustls::crypto::ring::default_provider().install_default();
    /// use std::time::Duration;
    /// use renave_simulador::renave_ws::{RespostaPerdida, SimuladorRenaveWs};
    ///
    /// let sim = SimuladorRenaveWs::iniciar().await;
    /// // The next successful POST executes, but its client waits 60 s (and times out).
    /// sim.perder_proximas_respostas(1, RespostaPerdida::Atraso(Duration::from_secs(60)));
    /// // The two POSTs after that get a 504 from the "gateway" although they executed.
    /// sim.perder_proximas_respostas(2, RespostaPerdida::Status(504));
    /// // Before all that, the next request fails before reaching the service.
    /// sim.falhar_proximas(1, 503);
    /// let r = reqwest::get(format!("{}/api/cliente-autenticado", sim.uri())).await?;
    /// assert_eq!(r.status().as_u16(), 503);
    /// sim.limpar_falhas();
    /// # Ok(())
    /// # }
    /// ```
    pub fn perder_proximas_respostas(&self, n: u32, como: RespostaPerdida) {
        self.estado().falhas.perder_proximas_respostas(n, como);
    }

    /// Removes every fault knob (latency, pending failures, rate, lost answers).
    pub fn limpar_falhas(&self) {
        self.estado().falhas.limpar();
    }
}

impl ServicoSimulado for Estado {
    type Resposta = Resposta;

    fn falhas(&mut self) -> &mut Falhas {
        &mut self.falhas
    }

    fn despachar(&mut self, request: &Request) -> (Resposta, bool) {
        despachar(self, request)
    }

    fn resposta_de_falha(&mut self, status: u16, request: &Request) -> Resposta {
        falha(self, status, request.url.path())
    }

    fn para_http(resposta: Resposta) -> RespostaHttp {
        para_http(resposta)
    }
}

/// The paths the simulator answers: `/api/...` and `/renave-ws/api/...`.
fn caminho_da_api(caminho: &str) -> bool {
    let caminho = caminho.strip_prefix("/renave-ws").unwrap_or(caminho);
    caminho
        .strip_prefix('/')
        .is_some_and(|resto| resto.starts_with(renave_domain::rotas::renave_ws::PREFIXO))
}

/// Dispatches one `/api/...` request to its operation (after the fault knobs); `true` with a
/// successful POST (what a lost answer applies to).
fn despachar(e: &mut Estado, request: &Request) -> (Resposta, bool) {
    let caminho_completo = request.url.path();
    let caminho = caminho_completo
        .strip_prefix("/renave-ws")
        .unwrap_or(caminho_completo);
    let resto = caminho
        .strip_prefix('/')
        .and_then(|c| c.strip_prefix(renave_domain::rotas::renave_ws::PREFIXO))
        .unwrap_or_default();
    let pedido = operacoes::Pedido {
        metodo: request.method.as_str(),
        segmentos: resto.split('/').filter(|s| !s.is_empty()).collect(),
        query: request
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
        corpo: &request.body,
    };
    let mut resposta = operacoes::despachar(e, &pedido).unwrap_or_else(|r| r);
    if e.dialeto == crate::Dialeto::Divergente {
        if let Corpo::Json(v) = &mut resposta.corpo {
            crate::dialeto::renave_ws(v);
        }
    }
    let post_bem_sucedido = pedido.metodo == "POST" && (200..300).contains(&resposta.status);
    (resposta, post_bem_sucedido)
}

/// An injected failure answer.
fn falha(e: &mut Estado, status: u16, caminho: &str) -> Resposta {
    match status {
        // The security layer answers before the application, in Spring Boot's default shape
        // (`renave-ws.md` §2: a non-credentialed CNPJ gets 401 "No message available").
        401 | 403 => {
            let erro = if status == 401 {
                "Unauthorized"
            } else {
                "Forbidden"
            };
            http::json(
                status,
                serde_json::json!({
                    "timestamp": format!("{}.000+00:00", estado::fmt_data_hora(e.agora())),
                    "status": status,
                    "error": erro,
                    "message": "No message available",
                    "path": caminho,
                }),
            )
        }
        500 => http::erro_500(e),
        429 => {
            let mut r = http::erro(
                e,
                429,
                "Limite de requisições excedido. Tente novamente mais tarde.",
            );
            r.cabecalhos.push(("Retry-After", "1".to_owned()));
            r
        }
        502..=504 => {
            let texto = match status {
                502 => "502 Bad Gateway",
                503 => "503 Service Temporarily Unavailable",
                _ => "504 Gateway Time-out",
            };
            Resposta {
                status,
                corpo: Corpo::Texto(
                    format!(
                        "<html><head><title>{texto}</title></head><body><center><h1>{texto}</h1></center></body></html>"
                    ),
                    "text/html",
                ),
                cabecalhos: Vec::new(),
            }
        }
        outro => http::erro(e, outro, "Falha simulada"),
    }
}

fn para_http(r: Resposta) -> RespostaHttp {
    let mut h = match r.corpo {
        Corpo::Vazio => RespostaHttp::vazia(r.status),
        Corpo::Json(v) => RespostaHttp::json(r.status, &v),
        Corpo::Texto(s, mime) => RespostaHttp::bruta(r.status, s.into_bytes(), mime),
    };
    h.cabecalhos = r.cabecalhos;
    h
}
