//! # CET-MG simulator (`SimuladorCetMg`)
//!
//! A stateful, in-process stand-in for the CET-MG "Renave Usados" API behind the PRODEMGE/WSO2
//! gateway (Regulamento Técnico CET-MG §5–§7; `cetmg-api.md`). It starts a wiremock server whose
//! one catch-all mock (priority [`PRIORIDADE_SIMULADOR`], 10) answers every operation from a
//! shared `Arc<Mutex<Estado>>`, and hands back its base URL for the client builder. The routes
//! are those of decision D1 under `/api/veiculos/renave/`; the JSON is flat `snake_case`
//! Portuguese (decision D3), with the wire names of `renave-mg-client`.
//!
//! Because the simulator's mock sits at priority 10, a test can mount its own
//! [`Mock`](wiremock::Mock) on [`servidor`](SimuladorCetMg::servidor) with any higher priority
//! (wiremock's default, 5, is enough) to override one operation while the rest stay stateful.
//!
//! ## What it simulates
//!
//! * **Token** (R §5.1, decision D4): `POST gerar-token` with the configured `consumer_key` /
//!   `consumer_secret` answers `{"access_token", "token_type", "expires_in", "scope"}` with a
//!   JWT-shaped token carrying `exp`. Every other operation needs `Authorization: Bearer
//!   <token>` with a token that has not expired; [`expirar_tokens`](SimuladorCetMg::expirar_tokens)
//!   expires all of them. Minting a token forgets the expired ones, and at most
//!   [`MAXIMO_TOKENS`] are remembered (past that, the oldest valid one is forgotten: its holder
//!   gets 401 and asks for a new one), so a long run of `gerar-token` does not grow the state.
//! * **Aptidão** (R §5.2, §6.1.1, §6.2.1) from a seeded registry
//!   ([`veiculos`](SimuladorCetMg::veiculos)): an apto car, an apto motorcycle, one non-apto
//!   vehicle per impediment of §6.1.1 and §6.1.3, and two vehicles already in the stock of
//!   [`CNPJ_ESTABELECIMENTO`], one with a laudo issued 20 days ago, one 150 days ago.
//! * **Solicitação** (R §5.6): entrada when the buyer is the establishment, else saída
//!   (`renave_domain::sentido_solicitacao`); refused for a non-apto vehicle.
//! * **DAE** (R §5.7, §6.1.5): taxa 64 only, with a valid linha digitável and Pix copia e cola;
//!   one guia at the top level of the answer (beside `codigo_retorno`), or every pending option
//!   under `guias` when the establishment has several solicitações for that buyer (the shapes
//!   the SDK reads, `cetmg-api.md` §3.4; the divergent dialect renames the guia's fields in
//!   both). Paid by [`compensar_pagamento`](SimuladorCetMg::compensar_pagamento).
//! * **Distribuição** (R §5.10, §5.11): a vistoria móvel needs a paid DAE first (`cetmg-api.md`
//!   errata 17); a presencial one does not. The request names no vehicle (R §6.1.6), so the
//!   simulator distributes the oldest open solicitação of that establishment and buyer that is
//!   not yet distributed (for a móvel one, the oldest with a paid DAE); an optional `chassi`
//!   field picks one explicitly.
//! * **Agenda Minas** (R §5.12–§5.15): dates (next 14 days, weekdays), periods and booking only
//!   with an active distribution.
//! * **Laudo** (R §5.9; Portaria 1.542/2025 Art. 21 §1): last laudo with its issue date;
//!   [`registrar_laudo`](SimuladorCetMg::registrar_laudo) stands for a vistoria done.
//! * **Comunicação de venda** (R §5.4, §5.5): only with a signed ATPV-e, carrying its number.
//!   In a [`SimuladoresRenave`](crate::SimuladoresRenave) the seller signature sent to the
//!   Renave-WS simulator (E5) and the saída's ATPV-e (E15) are forwarded here with Renave-WS's
//!   number; alone,
//!   [`registrar_assinatura_atpv`](SimuladorCetMg::registrar_assinatura_atpv) stands in for
//!   the Renave-WS side. The entrada moves the vehicle into the stock: its `id_estoque` is the
//!   Renave-WS `idEstoque` the ATPV-e was signed for (the stock id the saída's comunicação
//!   carries, `cetmg-api.md` §3.14), a new one when the simulator runs alone; the answer
//!   carries it as `id_estoque` (beyond the regulation's code and message). The saída moves
//!   the vehicle out of the stock.
//! * **Protocolo Digital** (R §7): processes with one pendência listing the §7.3 documents
//!   (`renave_domain::documentos_exigidos`), regularização checked with
//!   `renave_domain::verificar_documentos` over `documentos_anexados` plus
//!   `codigo_tipo_documento`, PDF-only files (base64 whose bytes start `%PDF-`), and the ficha de
//!   cadastro upload refused when the laudo is more than 120 days old.
//! * **Tabelas auxiliares** (R §5.20–§5.27): a handful of rows each, as `{"dados": [{"codigo",
//!   "descricao"}]}`. A request's codes must be rows of these tables: the solicitação's
//!   `codigo_cor`, `codigo_tipo`, `codigo_especie`, `codigo_combustivel`,
//!   `codigo_marca_modelo`, `categoria` and (when sent) `codigo_carroceria`, and the processo de
//!   transferência's `categoria` and `tipo_veiculo`, are compared as the text the table holds
//!   (`"1"`, or the JSON number `1`, is not the row `"01"`) and refused otherwise with HTTP 400
//!   `"400"` naming the field and the table; a município de emplacamento outside
//!   `consultar-municipios-minas-gerais` is the business refusal `203`.
//!
//! ## Answers and refusals
//!
//! Success is HTTP 200 with `codigo_retorno` `"000"` and a `mensagem_retorno`. Refusals:
//!
//! | HTTP | `codigo_retorno` / `code` | When |
//! |---|---|---|
//! | 400 | `400` | malformed or missing input (invalid CPF/CNPJ/chassi/placa, bad JSON, non-PDF or non-base64 file); a code of a tabela auxiliar that is not a row of the table the simulator serves (see below) |
//! | 401 | `900902` (WSO2) | no `Authorization` header |
//! | 401 | `900901` (WSO2) | unknown or expired token; wrong consumer key/secret on `gerar-token` |
//! | 404 | `900906` (WSO2) | no such route (path or method) |
//! | 404 | `404` | vehicle, solicitação, protocolo or pendência not found |
//! | 409 | `409` | inconsistency: owner, placa, RENAVAM, stock id, buyer, ATPV-e number or establishment does not match; entrada of a vehicle already in stock; saída of a vehicle not in stock |
//! | 200 | `101` | vehicle not apto (solicitação refused) |
//! | 200 | `102` | a solicitação is already open for the vehicle |
//! | 200 | `201` | no (pending) solicitação for the operation |
//! | 200 | `202` | taxa other than 64 |
//! | 200 | `203` | município not in Minas Gerais' table |
//! | 200 | `204` | vistoria móvel without a paid and compensated DAE |
//! | 200 | `205` | região / município without ECV |
//! | 200 | `206` | distribution already active |
//! | 200 | `301` | no active distribution (Agenda Minas, consultar distribuição) |
//! | 200 | `302` | date without places |
//! | 200 | `303` | period unknown or full |
//! | 200 | `304` | vehicle already booked |
//! | 200 | `305` | no booking |
//! | 200 | `401` | ATPV-e not signed |
//! | 200 | `501` | vehicle without laudo |
//! | 200 | `502` | laudo more than 120 days old (ficha de cadastro refused) |
//! | 200 | `601` | a §7.3 document is missing (regularização refused) |
//! | 200 | `602` | pendência already regularized |
//! | 429 | `900800` (WSO2) | injected throttling (with `Retry-After: 1`) |
//! | 5xx | `500` | injected failure |
//! | 504 | `101504` (WSO2) | injected lost answer after a successful POST |
//!
//! ## Fault knobs
//!
//! The same knobs as the Renave-WS simulator, with the same signatures (see
//! [`falhas`](crate::falhas)): [`definir_latencia`](SimuladorCetMg::definir_latencia),
//! [`falhar_proximas`](SimuladorCetMg::falhar_proximas) (next N requests answer a 5xx/429),
//! [`definir_taxa_de_falhas`](SimuladorCetMg::definir_taxa_de_falhas) (seeded random rate),
//! [`perder_proximas_respostas`](SimuladorCetMg::perder_proximas_respostas) (the next
//! successful POSTs change the state but answer e.g. 504, or late),
//! [`limpar_falhas`](SimuladorCetMg::limpar_falhas).
//!
//! ## Request history
//!
//! [`requisicoes_recebidas`](SimuladorCetMg::requisicoes_recebidas) gives the last
//! [`HISTORICO_PADRAO`] requests by default; [`ConstrutorSimuladorCetMg::historico`] sets another
//! cap or turns it off (see [`historico`](crate::historico)), and
//! [`ocupacao`](SimuladorCetMg::ocupacao) counts what the simulator keeps.
//!
//! ```
//! use renave_simulador::cetmg::SimuladorCetMg;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let simulador = SimuladorCetMg::iniciar().await;
//! let base = simulador.url(); // give this to the CET-MG client builder
//! assert!(base.starts_with("http://"));
//! assert!(simulador.veiculos().iter().any(|v| v.is_apto()));
//! # }
//! ```

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use renave_domain::{Chassi, Data};
use wiremock::{MockServer, Request};

mod dados;
mod estado;
mod http;
mod operacoes;
mod pagamento;

pub use crate::mundo::{CNPJ_ESTABELECIMENTO, CNPJ_OUTRO_ESTABELECIMENTO};
pub use dados::{CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO, VeiculoSimulado};

use crate::falhas::Responder;
pub use crate::falhas::RespostaPerdida;
use crate::historico::Registro;
pub use crate::historico::{HISTORICO_PADRAO, Historico};
use crate::mundo::AtpvesAssinadas;
use crate::servidor::Transporte;
pub use estado::MAXIMO_TOKENS;
pub use operacoes::{ROTAS, VALOR_TAXA_VISTORIA_MOVEL_CENTAVOS};

use estado::Estado;

/// The wiremock priority of the simulator's mock: a user's [`Mock`](wiremock::Mock) with a
/// lower number (higher priority; wiremock's default is 5) overrides the simulator for the
/// requests it matches.
pub const PRIORIDADE_SIMULADOR: u8 = 10;

/// Token lifetime by default: 60 minutes (R Fig. 57).
pub const VALIDADE_TOKEN_PADRAO: Duration = Duration::from_secs(3600);

fn travar(estado: &Mutex<Estado>) -> MutexGuard<'_, Estado> {
    estado.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Builder of a [`SimuladorCetMg`]: credentials, token lifetime, listening address, random
/// seed, request history. `Debug` never shows the consumer secret.
///
/// ```
/// use std::time::Duration;
/// use renave_simulador::cetmg::SimuladorCetMg;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
/// let porta = listener.local_addr()?.port();
/// let simulador = SimuladorCetMg::builder()
///     .credenciais("minha-chave", "meu-segredo")
///     .validade_token(Duration::from_secs(300))
///     .listener(listener)
///     .semente(7)
///     .iniciar()
///     .await;
/// assert_eq!(simulador.url(), format!("http://127.0.0.1:{porta}"));
/// # Ok(()) }
/// ```
pub struct ConstrutorSimuladorCetMg {
    consumer_key: String,
    consumer_secret: String,
    validade_token: Duration,
    listener: Option<TcpListener>,
    semente: u64,
    historico: Historico,
    sem_wiremock: bool,
    atpves: AtpvesAssinadas,
    dialeto: crate::Dialeto,
}

impl std::fmt::Debug for ConstrutorSimuladorCetMg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConstrutorSimuladorCetMg")
            .field("consumer_key", &self.consumer_key)
            .field("consumer_secret", &"<redacted>")
            .field("validade_token", &self.validade_token)
            .field("listener", &self.listener)
            .field("semente", &self.semente)
            .field("historico", &self.historico)
            .field("sem_wiremock", &self.sem_wiremock)
            .field("atpves", &self.atpves)
            .field("dialeto", &self.dialeto)
            .finish()
    }
}

impl ConstrutorSimuladorCetMg {
    /// The consumer key and secret `gerar-token` accepts (default [`CONSUMER_KEY_PADRAO`],
    /// [`CONSUMER_SECRET_PADRAO`]).
    pub fn credenciais(
        mut self,
        consumer_key: impl Into<String>,
        consumer_secret: impl Into<String>,
    ) -> Self {
        self.consumer_key = consumer_key.into();
        self.consumer_secret = consumer_secret.into();
        self
    }

    /// Lifetime of the tokens minted from now on (default 60 minutes, R Fig. 57).
    pub fn validade_token(mut self, validade: Duration) -> Self {
        self.validade_token = validade;
        self
    }

    /// Listens on this already-bound listener (e.g. a fixed address for a demo) instead of a
    /// random local port.
    pub fn listener(mut self, listener: TcpListener) -> Self {
        self.listener = Some(listener);
        self
    }

    /// Seed of the token signatures (default 0), for reproducible runs. The random fault rate
    /// takes its own seed ([`SimuladorCetMg::definir_taxa_de_falhas`]).
    pub fn semente(mut self, semente: u64) -> Self {
        self.semente = semente;
        self
    }

    /// How many received requests [`requisicoes_recebidas`](SimuladorCetMg::requisicoes_recebidas)
    /// keeps (default: the last [`HISTORICO_PADRAO`]; see [`historico`](crate::historico)).
    pub fn historico(mut self, historico: Historico) -> Self {
        self.historico = historico;
        self
    }

    /// Shares the registry of signed ATPV-e numbers with a Renave-WS simulator
    /// ([`SimuladoresRenave`](crate::SimuladoresRenave)).
    pub(crate) fn atpves(mut self, atpves: AtpvesAssinadas) -> Self {
        self.atpves = atpves;
        self
    }

    /// Serves with a plain HTTP server instead of wiremock, for a simulator that stays up (what
    /// the `renave-simulador` binary does). wiremock keeps a copy of every request a mock
    /// answered until the server stops; this server keeps nothing beyond the
    /// [`historico`](Self::historico). Without wiremock there is nothing to mount overrides on:
    /// [`SimuladorCetMg::servidor`] panics.
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

    /// Starts the server and mounts the simulator.
    ///
    /// # Panics
    ///
    /// When the server cannot be started (as wiremock's `MockServer::start`).
    pub async fn iniciar(self) -> SimuladorCetMg {
        let estado = Arc::new(Mutex::new(Estado::new(
            self.consumer_key,
            self.consumer_secret,
            self.validade_token,
            self.semente,
            self.atpves,
        )));
        estado
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .dialeto = self.dialeto;
        let registro = Registro::novo(self.historico);
        let transporte = Transporte::iniciar(
            self.listener,
            self.sem_wiremock,
            &registro,
            Responder {
                estado: Arc::clone(&estado),
            },
            |_| true,
            PRIORIDADE_SIMULADOR,
            "simulador CET-MG",
        )
        .await;
        SimuladorCetMg {
            transporte,
            estado,
            registro,
        }
    }
}

/// The running CET-MG simulator (see the [module documentation](self)). Dropping it stops the
/// server.
pub struct SimuladorCetMg {
    transporte: Transporte,
    estado: Arc<Mutex<Estado>>,
    registro: Arc<Registro>,
}

impl std::fmt::Debug for SimuladorCetMg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimuladorCetMg")
            .field("url", &self.transporte.uri())
            .finish_non_exhaustive()
    }
}

impl SimuladorCetMg {
    /// A builder (custom credentials, address, seed).
    pub fn builder() -> ConstrutorSimuladorCetMg {
        ConstrutorSimuladorCetMg {
            consumer_key: CONSUMER_KEY_PADRAO.to_owned(),
            consumer_secret: CONSUMER_SECRET_PADRAO.to_owned(),
            validade_token: VALIDADE_TOKEN_PADRAO,
            listener: None,
            semente: 0,
            historico: Historico::default(),
            sem_wiremock: false,
            atpves: AtpvesAssinadas::default(),
            dialeto: crate::Dialeto::Padrao,
        }
    }

    /// Starts a simulator on a random local port with the default credentials.
    pub async fn iniciar() -> Self {
        Self::builder().iniciar().await
    }

    /// The gateway root (`http://127.0.0.1:<port>`), without the `/api/veiculos/renave/`
    /// prefix: what the CET-MG client builder takes as its base URL.
    pub fn url(&self) -> String {
        self.transporte.uri()
    }

    /// The underlying wiremock server, to mount overriding mocks (priority below
    /// [`PRIORIDADE_SIMULADOR`]) or inspect it.
    ///
    /// ```
    /// use renave_simulador::cetmg::{PRIORIDADE_SIMULADOR, SimuladorCetMg};
    /// use wiremock::matchers::{method, path_regex};
    /// use wiremock::{Mock, ResponseTemplate};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let simulador = SimuladorCetMg::iniciar().await;
    /// // Every aptidão lookup now answers a gateway 503; the other operations stay stateful.
    /// Mock::given(method("GET"))
    ///     .and(path_regex("^/api/veiculos/renave/consultar-aptidao-veiculo-estoque/"))
    ///     .respond_with(ResponseTemplate::new(503))
    ///     .with_priority(PRIORIDADE_SIMULADOR - 1)
    ///     .mount(simulador.servidor())
    ///     .await;
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// When the simulator was started [`sem_wiremock`](ConstrutorSimuladorCetMg::sem_wiremock).
    pub fn servidor(&self) -> &MockServer {
        self.transporte.wiremock()
    }

    /// The requests the server received, overrides included, oldest first: the last
    /// [`HISTORICO_PADRAO`] by default, as set with
    /// [`historico`](ConstrutorSimuladorCetMg::historico) (empty when it is off).
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
    /// history (`historico`), the tokens it knows (`tokens`), and each part of the simulated
    /// world (`solicitacoes`, `daes`, `processos`, …). For watching the memory of a
    /// long-running simulator: only the history (up to its cap), the tokens (up to
    /// [`MAXIMO_TOKENS`]) and the world's records of successful operations change with traffic.
    pub fn ocupacao(&self) -> BTreeMap<&'static str, usize> {
        let mut o = travar(&self.estado).ocupacao();
        o.insert("historico", self.registro.quantidade());
        o
    }

    /// A snapshot of the vehicle registry (seeded vehicles with their current owner, stock id
    /// and laudo).
    pub fn veiculos(&self) -> Vec<VeiculoSimulado> {
        travar(&self.estado).veiculos.clone()
    }

    /// A snapshot of one vehicle.
    pub fn veiculo(&self, chassi: &Chassi) -> Option<VeiculoSimulado> {
        travar(&self.estado)
            .veiculos
            .iter()
            .find(|v| v.chassi == *chassi)
            .cloned()
    }

    /// Expires every token minted so far: the next request with one of them gets 401
    /// `900901` (R §6.1.2).
    pub fn expirar_tokens(&self) {
        travar(&self.estado).expirar_tokens();
    }

    /// Marks a DAE as paid and compensated (R §6.1.5: "a compensação do pagamento é detectada
    /// automaticamente"). `referencia` is the DAE's `numero_identificacao_boleto` or its linha
    /// digitável (masks allowed). Returns `false` when no DAE matches.
    #[must_use = "false means no DAE matched"]
    pub fn compensar_pagamento(&self, referencia: &str) -> bool {
        travar(&self.estado).compensar_pagamento(referencia)
    }

    /// Records that the ATPV-e of the vehicle was signed (the Renave-WS side of R §6.1.7,
    /// §6.2.3) and returns its number, which the comunicação de venda must carry in
    /// `numero_atpve`. `None` when the chassi is not in the registry. The manual knob for a
    /// simulator running alone; in a [`SimuladoresRenave`](crate::SimuladoresRenave) the seller
    /// signature sent to Renave-WS does this with Renave-WS's own ATPV-e number (see
    /// [`atpve_assinada`](Self::atpve_assinada)).
    pub fn registrar_assinatura_atpv(&self, chassi: &Chassi) -> Option<String> {
        travar(&self.estado).registrar_assinatura_atpv(chassi)
    }

    /// The signed ATPV-e number CET-MG knows for the vehicle (recorded by
    /// [`registrar_assinatura_atpv`](Self::registrar_assinatura_atpv) or forwarded from the
    /// Renave-WS simulator of the same world), until a comunicação de venda consumes it.
    pub fn atpve_assinada(&self, chassi: &Chassi) -> Option<String> {
        travar(&self.estado).atpves.consultar(chassi)
    }

    /// Records a laudo de vistoria issued on `emissao` for the vehicle (as if the ECV had done
    /// the vistoria). Returns `false` when the chassi is not in the registry.
    #[must_use = "false means the chassi is unknown"]
    pub fn registrar_laudo(&self, chassi: &Chassi, emissao: Data) -> bool {
        travar(&self.estado).registrar_laudo(chassi, emissao)
    }

    /// Adds `latencia` before every answer (`Duration::ZERO` removes it). Same knob as
    /// [`SimuladorRenaveWs::definir_latencia`](crate::renave_ws::SimuladorRenaveWs::definir_latencia)
    /// (see [`falhas`](crate::falhas)).
    pub fn definir_latencia(&self, latencia: Duration) {
        travar(&self.estado).falhas.definir_latencia(latencia);
    }

    /// The next `n` requests (of any operation) answer `status` without being processed:
    /// nothing changes on the server. 429 gives the WSO2 throttling body (`900800`) and
    /// `Retry-After: 1`, any other status a `codigo_retorno` `"500"` body. A status outside
    /// 400–599 is taken as 500.
    pub fn falhar_proximas(&self, n: u32, status: u16) {
        travar(&self.estado).falhas.falhar_proximas(n, status);
    }

    /// From now on, each request fails with `status` (answered as by
    /// [`falhar_proximas`](Self::falhar_proximas)) with probability `taxa` (clamped to 0–1),
    /// drawn from a generator seeded with `semente`, so a run is reproducible. `0.0` turns it
    /// off.
    pub fn definir_taxa_de_falhas(&self, taxa: f64, status: u16, semente: u64) {
        travar(&self.estado)
            .falhas
            .definir_taxa_de_falhas(taxa, status, semente);
    }

    /// The next `n` POSTs that succeed change the state as usual, but the client sees `como`:
    /// [`RespostaPerdida::Status`]`(504)` is the WSO2 "Send timeout" (`101504`), another status
    /// the body of [`falhar_proximas`](Self::falhar_proximas), [`RespostaPerdida::Atraso`] the
    /// real answer after that delay. The client cannot know the operation executed (decision
    /// D6). `gerar-token` and lookups are not affected.
    ///
    /// ```
    /// use renave_simulador::cetmg::{RespostaPerdida, SimuladorCetMg};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let simulador = SimuladorCetMg::iniciar().await;
    /// simulador.perder_proximas_respostas(1, RespostaPerdida::Status(504));
    /// simulador.limpar_falhas();
    /// # }
    /// ```
    pub fn perder_proximas_respostas(&self, n: u32, como: RespostaPerdida) {
        travar(&self.estado)
            .falhas
            .perder_proximas_respostas(n, como);
    }

    /// Removes every fault knob (latency, pending failures, rate, lost answers).
    pub fn limpar_falhas(&self) {
        travar(&self.estado).falhas.limpar();
    }
}
