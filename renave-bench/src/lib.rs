//! # renave-bench — the client-call benchmark harness (issue 16, "Performance at the floor")
//!
//! Not published. It measures both clients of renave-rs, as they are, against **the floor**:
//! the hand-written `reqwest` + `serde_json` code an integradora would write for the same
//! request ([`piso`]), in one run, over a fast local HTTP server ([`servidor`]: hyper 1 on
//! `127.0.0.1`, canned bytes), with a counting global allocator ([`alocador`]: allocations and
//! peak heap). `BENCHMARKS.md` ("Client calls") has the figures and the targets.
//!
//! ```sh
//! cargo bench -p renave-bench
//! ```
//!
//! prints one markdown table per group — ours / floor / ratio, allocations per call, peak heap
//! per payload, the `gerar-token` and connection counts — and whether each target is met
//! ([`executar`] with [`Configuracao::completa`]; a few minutes on 2 cores). Times are medians
//! of interleaved rounds ([`medicao`]).
//!
//! The groups: the typed CET-MG aptidão lookup (`consultar_aptidao_veiculo_estoque`, R §5.2)
//! and the Renave-WS `consultar_estoques` list (E11, ten stocks) at concurrency 1 and 64; the
//! 10 MiB Protocolo Digital upload (`upload_documento_ficha_cadastro`, R §7.5) and the 10 MiB
//! PDF answer (E13 `obter_termo_entrada_estoque`, decoded with `.pdf()`); 1,000 concurrent
//! tasks on a fresh CET-MG client (one `gerar-token`, decision D4) against the same burst with
//! a warm token; 1,000 sequential calls (one TCP connection); a contract override of an
//! unrelated operation (decision D11) against the default contract; and the decode step alone
//! (the answer types against the floor's structs), to tell where a difference comes from.

pub mod alocador;
pub mod medicao;
pub mod piso;
pub mod sdk;
pub mod servidor;

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Instant;

use renave_mg_client::ClienteCetMg;
use renave_mg_client::operacoes::estoque::{
    ConsultaAptidaoVeiculoEstoque, RespostaAptidaoVeiculoEstoque,
};
use renave_mg_client::operacoes::protocolo_digital::UploadFichaCadastro;
use renave_mg_client::simulador::fixtures as fx_mg;
use renave_ws_client::ClienteRenaveWs;
use renave_ws_client::modelos::{Estoque, IdEstoque};
use renave_ws_client::operacoes::usados::ConsultaEstoques;

use medicao::{Medida, lote, mediana, razao, rodadas};
use piso::{PisoCetMg, PisoRenaveWs};
use servidor::Servidor;

/// How much to measure.
#[derive(Debug, Clone)]
pub struct Configuracao {
    /// Interleaved rounds of the small calls.
    pub rodadas: usize,
    /// Calls per batch at concurrency 1.
    pub chamadas: usize,
    /// Calls per batch at [`concorrencia`](Self::concorrencia).
    pub chamadas_concorrentes: usize,
    /// The high concurrency (64).
    pub concorrencia: usize,
    /// Rounds of the large-payload calls (one call per batch).
    pub rodadas_grandes: usize,
    /// The payload of the upload and of the PDF answer, in bytes (10 MiB).
    pub tamanho_documento: usize,
    /// Tasks of the token burst (1,000).
    pub rajada: usize,
    /// Rounds of the token burst (a cold and a warm burst each).
    pub rodadas_rajada: usize,
    /// Sequential calls of the connection count (1,000).
    pub sequenciais: usize,
    /// Decodes per batch of the decode-only rows.
    pub decodificacoes: usize,
}

impl Configuracao {
    /// The documented run (`cargo bench -p renave-bench`): the issue's sizes.
    pub fn completa() -> Self {
        Self {
            rodadas: 15,
            chamadas: 200,
            chamadas_concorrentes: 2_000,
            concorrencia: 64,
            rodadas_grandes: 9,
            tamanho_documento: 10 * 1024 * 1024,
            rajada: 1_000,
            rodadas_rajada: 7,
            sequenciais: 1_000,
            decodificacoes: 2_000,
        }
    }

    /// A few calls of each group (the harness's own test).
    pub fn minima() -> Self {
        Self {
            rodadas: 2,
            chamadas: 5,
            chamadas_concorrentes: 16,
            concorrencia: 8,
            rodadas_grandes: 2,
            tamanho_documento: 64 * 1024,
            rajada: 50,
            rodadas_rajada: 2,
            sequenciais: 20,
            decodificacoes: 10,
        }
    }
}

/// One target of the issue and whether this run met it.
#[derive(Debug, Clone, PartialEq)]
pub struct Alvo {
    /// What is measured.
    pub nome: String,
    /// The measured value.
    pub valor: f64,
    /// The target (an upper bound; for counts, the exact value).
    pub limite: f64,
    /// Whether the value is within the target.
    pub cumprido: bool,
}

/// The run's results.
#[derive(Debug, Clone, Default)]
pub struct Relatorio {
    /// The tables, markdown.
    pub markdown: String,
    /// Every target, in table order.
    pub alvos: Vec<Alvo>,
    /// `gerar-token` requests of each cold burst (target: 1 each).
    pub tokens_por_rajada: Vec<u64>,
    /// Connections the server accepted for the sequential calls: the SDK, the floor.
    pub conexoes_sequenciais: (u64, u64),
}

impl Relatorio {
    fn alvo(
        &mut self,
        nome: impl Into<String>,
        valor: f64,
        limite: f64,
        exato: bool,
    ) -> &'static str {
        let cumprido = if exato {
            (valor - limite).abs() < f64::EPSILON
        } else {
            valor <= limite
        };
        self.alvos.push(Alvo {
            nome: nome.into(),
            valor,
            limite,
            cumprido,
        });
        if cumprido { "yes" } else { "**no**" }
    }
}

struct Mg {
    cliente: ClienteCetMg,
    consulta: ConsultaAptidaoVeiculoEstoque,
    /// The lookup's path, for the raw call.
    caminho: String,
}

struct Ws {
    cliente: ClienteRenaveWs,
    consulta: ConsultaEstoques,
}

struct Upload {
    cliente: ClienteCetMg,
    requisicao: UploadFichaCadastro,
}

struct PisoUpload {
    piso: PisoCetMg,
    pdf: Vec<u8>,
    remetente: String,
}

async fn aptidao(c: Arc<Mg>) -> Result<(), renave_mg_client::Erro> {
    c.cliente
        .consultar_aptidao_veiculo_estoque(&c.consulta)
        .await
        .map(|r| drop(std::hint::black_box(r)))
}

async fn aptidao_bruta(c: Arc<Mg>) -> Result<(), renave_mg_client::Erro> {
    sdk::aptidao_bruta(&c.cliente, &c.caminho)
        .await
        .map(|r| drop(std::hint::black_box(r)))
}

/// The raw call, then its body decoded here into the SDK's own answer type with
/// `serde_json::from_slice` (what the typed call adds to the raw one, minus everything but the
/// decode: request building, contract, divergence accounting, the per-call options).
async fn aptidao_bruta_decodificada(c: Arc<Mg>) -> Result<(), String> {
    let r = sdk::aptidao_bruta(&c.cliente, &c.caminho)
        .await
        .map_err(erro)?;
    let v = serde_json::from_slice::<RespostaAptidaoVeiculoEstoque>(r.corpo()).map_err(erro)?;
    drop(std::hint::black_box(v));
    Ok(())
}

async fn aptidao_piso(c: Arc<PisoCetMg>) -> Result<(), piso::ErroPiso> {
    c.consultar_aptidao(
        fx_mg::CHASSI,
        fx_mg::CPF_PROPRIETARIO,
        fx_mg::CNPJ_ESTABELECIMENTO,
    )
    .await
    .map(|r| drop(std::hint::black_box(r)))
}

async fn estoques(c: Arc<Ws>) -> Result<(), renave_ws_client::Erro> {
    c.cliente
        .consultar_estoques(&c.consulta)
        .await
        .map(|r| drop(std::hint::black_box(r)))
}

async fn estoques_bruta(c: Arc<Ws>) -> Result<(), renave_ws_client::Erro> {
    sdk::estoques_brutos(&c.cliente)
        .await
        .map(|r| drop(std::hint::black_box(r)))
}

/// The raw call, then its body decoded here into the SDK's item type (a plain `Vec`, as the
/// floor does): see [`aptidao_bruta_decodificada`].
async fn estoques_bruta_decodificada(c: Arc<Ws>) -> Result<(), String> {
    let r = sdk::estoques_brutos(&c.cliente).await.map_err(erro)?;
    let v = serde_json::from_slice::<Vec<Estoque>>(r.corpo()).map_err(erro)?;
    drop(std::hint::black_box(v));
    Ok(())
}

async fn estoques_piso(c: Arc<PisoRenaveWs>) -> Result<(), piso::ErroPiso> {
    c.consultar_estoques()
        .await
        .map(|r| drop(std::hint::black_box(r)))
}

/// The floor's call under an operation deadline, as every production call has one (the SDK's
/// deadlines are `tokio::time` timers too): what a timer costs, apart from the SDK.
async fn com_prazo<F: std::future::Future<Output = Result<(), piso::ErroPiso>>>(
    f: F,
) -> Result<(), piso::ErroPiso> {
    tokio::time::timeout(std::time::Duration::from_secs(30), f)
        .await
        .map_err(|_| piso::ErroPiso("the deadline passed".into()))?
}

async fn aptidao_piso_com_prazo(c: Arc<PisoCetMg>) -> Result<(), piso::ErroPiso> {
    com_prazo(aptidao_piso(c)).await
}

async fn estoques_piso_com_prazo(c: Arc<PisoRenaveWs>) -> Result<(), piso::ErroPiso> {
    com_prazo(estoques_piso(c)).await
}

async fn upload(c: Arc<Upload>) -> Result<(), renave_mg_client::Erro> {
    c.cliente
        .upload_documento_ficha_cadastro(&c.requisicao)
        .await
        .map(|r| drop(std::hint::black_box(r)))
}

async fn upload_piso(c: Arc<PisoUpload>) -> Result<(), piso::ErroPiso> {
    c.piso
        .upload_ficha_cadastro(sdk::NUMERO_PROTOCOLO, &c.remetente, &c.pdf)
        .await
        .map(|r| drop(std::hint::black_box(r)))
}

async fn pdf(c: Arc<Ws>) -> Result<(), renave_ws_client::Erro> {
    let termo = c
        .cliente
        .obter_termo_entrada_estoque(IdEstoque(fx_mg_id()))
        .await?;
    let pdf = termo.pdf()?;
    drop(termo);
    drop(std::hint::black_box(pdf));
    Ok(())
}

async fn pdf_piso(c: Arc<PisoRenaveWs>) -> Result<(), piso::ErroPiso> {
    c.pdf_termo_entrada(fx_mg_id())
        .await
        .map(|r| drop(std::hint::black_box(r)))
}

fn fx_mg_id() -> i64 {
    renave_ws_client::simulador::fixtures::ID_ESTOQUE
}

/// A duration per call in a readable unit.
#[allow(clippy::cast_precision_loss)]
pub fn tempo(nanos: f64) -> String {
    if nanos >= 1e9 {
        format!("{:.2} s", nanos / 1e9)
    } else if nanos >= 1e6 {
        format!("{:.2} ms", nanos / 1e6)
    } else {
        format!("{:.1} µs", nanos / 1e3)
    }
}

fn nanos(m: &Medida) -> f64 {
    m.nanos
}

fn alocacoes(m: &Medida) -> f64 {
    m.alocacoes
}

fn mediana_de(v: &[Medida], campo: fn(&Medida) -> f64) -> f64 {
    mediana(v.iter().map(campo))
}

fn erro(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// How the calls of a typed-call batch are driven.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Modo {
    /// One after the other on the thread that blocks on the runtime (`Runtime::block_on`).
    Chamador,
    /// One after the other inside one spawned task, on a runtime worker (as a call from a
    /// server's request handler runs).
    Tarefa,
    /// That many spawned tasks, each making its share of the calls one after the other.
    Concorrente(usize),
}

impl Modo {
    /// The table's concurrency column.
    fn rotulo(self) -> String {
        match self {
            Self::Chamador => "1 (caller's thread)".to_owned(),
            Self::Tarefa => "1 (in a task)".to_owned(),
            Self::Concorrente(c) => c.to_string(),
        }
    }
}

/// One batch of `n` calls of `f` driven as `modo` says.
fn medir<C, F, Fut, E>(
    rt: &tokio::runtime::Runtime,
    modo: Modo,
    contexto: &Arc<C>,
    n: usize,
    f: F,
) -> Result<Medida, String>
where
    C: Send + Sync + 'static,
    F: Fn(Arc<C>) -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<(), E>> + Send + 'static,
    E: std::fmt::Display,
{
    match modo {
        Modo::Chamador => rt.block_on(lote(contexto, n, 1, f)),
        // Inside one spawned task, so the calls run on a worker instead of the thread that
        // blocks on the runtime.
        Modo::Tarefa => {
            let contexto = Arc::clone(contexto);
            rt.block_on(async move {
                tokio::spawn(async move { lote(&contexto, n, 1, f).await })
                    .await
                    .map_err(erro)?
            })
        }
        Modo::Concorrente(c) => rt.block_on(lote(contexto, n, c, f)),
    }
}

/// Runs every group and returns the tables and the targets. Any call that fails (a transport
/// error, an answer not understood, a PDF not decoded) stops the run with its error: a figure
/// is never reported for calls that did not succeed.
#[allow(clippy::cast_precision_loss)]
pub fn executar(config: &Configuracao) -> Result<Relatorio, String> {
    let servidor = Servidor::iniciar(config.tamanho_documento).map_err(erro)?;
    let url = servidor.url();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(erro)?;
    let mut rel = Relatorio::default();
    let mut md = String::new();

    // The clients (each warmed: token, connection) and the check that both sides read the
    // answers: an SDK answer the bench does not see as complete stops the run.
    let mg = Arc::new(Mg {
        cliente: sdk::cliente_cetmg(&url, None),
        consulta: sdk::consulta_aptidao(),
        caminho: sdk::caminho_aptidao(),
    });
    let mg_contrato = Arc::new(Mg {
        cliente: sdk::cliente_cetmg(&url, Some(sdk::contrato_nao_relacionado())),
        consulta: sdk::consulta_aptidao(),
        caminho: sdk::caminho_aptidao(),
    });
    let ws = Arc::new(Ws {
        cliente: sdk::cliente_renave_ws(&url),
        consulta: ConsultaEstoques::default(),
    });
    let piso_mg = Arc::new(
        rt.block_on(PisoCetMg::novo(&url, sdk::CHAVE, sdk::SEGREDO))
            .map_err(erro)?,
    );
    let piso_ws = Arc::new(PisoRenaveWs::novo(&url).map_err(erro)?);
    rt.block_on(async {
        for c in [&mg, &mg_contrato] {
            let r = c
                .cliente
                .consultar_aptidao_veiculo_estoque(&c.consulta)
                .await
                .map_err(erro)?;
            if !r.avaliacao().pode_prosseguir() {
                return Err(format!("the canned aptidão answer is not apto: {r:?}"));
            }
        }
        let itens = ws
            .cliente
            .consultar_estoques(&ws.consulta)
            .await
            .map_err(erro)?;
        if !itens.is_completa() || itens.validos().len() != servidor::ITENS_ESTOQUES {
            return Err("the canned stock list was not read whole".into());
        }
        let pdf = ws
            .cliente
            .obter_termo_entrada_estoque(IdEstoque(fx_mg_id()))
            .await
            .map_err(erro)?
            .pdf()
            .map_err(erro)?;
        if pdf.len() != config.tamanho_documento {
            return Err(format!("PDF of {} bytes", pdf.len()));
        }
        let p = piso_ws.pdf_termo_entrada(fx_mg_id()).await.map_err(erro)?;
        if p != pdf {
            return Err("the floor's PDF differs from the SDK's".into());
        }
        if piso_ws.consultar_estoques().await.map_err(erro)?.len() != servidor::ITENS_ESTOQUES {
            return Err("the floor's stock list".into());
        }
        Ok::<(), String>(())
    })?;

    // --- Typed calls and allocations --------------------------------------------------------
    let _ = writeln!(
        md,
        "### Typed call vs floor (target: time ≤ 1.05×, allocations ≤ 1.2×)\n\n\
         | call | concurrency | ours | floor | ratio | allocs/call ours | floor | ratio | time met | allocs met |\n\
         |---|---|---|---|---|---|---|---|---|---|"
    );
    for modo in [
        Modo::Chamador,
        Modo::Tarefa,
        Modo::Concorrente(config.concorrencia),
    ] {
        let n = match modo {
            Modo::Concorrente(_) => config.chamadas_concorrentes,
            _ => config.chamadas,
        };
        let linhas: [(&str, Vec<Vec<Medida>>); 2] = [
            ("CET-MG `consultar_aptidao_veiculo_estoque`", {
                medir(&rt, modo, &mg, n, aptidao)?;
                medir(&rt, modo, &piso_mg, n, aptidao_piso)?;
                rodadas(
                    config.rodadas,
                    &mut [
                        &mut || medir(&rt, modo, &mg, n, aptidao),
                        &mut || medir(&rt, modo, &piso_mg, n, aptidao_piso),
                        &mut || medir(&rt, modo, &mg, n, aptidao_bruta),
                        &mut || medir(&rt, modo, &mg, n, aptidao_bruta_decodificada),
                        &mut || medir(&rt, modo, &piso_mg, n, aptidao_piso_com_prazo),
                    ],
                )?
            }),
            ("Renave-WS `consultar_estoques` (10 stocks)", {
                medir(&rt, modo, &ws, n, estoques)?;
                medir(&rt, modo, &piso_ws, n, estoques_piso)?;
                rodadas(
                    config.rodadas,
                    &mut [
                        &mut || medir(&rt, modo, &ws, n, estoques),
                        &mut || medir(&rt, modo, &piso_ws, n, estoques_piso),
                        &mut || medir(&rt, modo, &ws, n, estoques_bruta),
                        &mut || medir(&rt, modo, &ws, n, estoques_bruta_decodificada),
                        &mut || medir(&rt, modo, &piso_ws, n, estoques_piso_com_prazo),
                    ],
                )?
            }),
        ];
        let concorrencia = modo.rotulo();
        for (nome, f) in &linhas {
            let (nosso, chao) = (&f[0], &f[1]);
            let rt_ = razao(nosso, chao, nanos);
            let ra = razao(nosso, chao, alocacoes);
            let t = rel.alvo(format!("{nome} c={concorrencia} time"), rt_, 1.05, false);
            let a = if modo == Modo::Chamador {
                rel.alvo(format!("{nome} allocations"), ra, 1.2, false)
            } else {
                "—"
            };
            let _ = writeln!(
                md,
                "| {nome} | {concorrencia} | {} | {} | {rt_:.2} | {:.0} | {:.0} | {ra:.2} | {t} | {a} |",
                tempo(mediana_de(nosso, nanos)),
                tempo(mediana_de(chao, nanos)),
                mediana_de(nosso, alocacoes),
                mediana_de(chao, alocacoes),
            );
            // Under the typed row, what splits it (not targets): the same request through the
            // client's raw call (`executar_bruto`: token, core, error mapping; no typed request,
            // contract or decode), then the raw call plus the decode into the SDK's answer type
            // by hand (the typed call without its request building, contract and accounting).
            for (rotulo, medidas) in [
                (
                    "same request, raw call (`executar_bruto`, not a target)",
                    f.get(2),
                ),
                (
                    "raw call + the body decoded by hand into the SDK's type (not a target)",
                    f.get(3),
                ),
                (
                    "the floor under an operation deadline (`tokio::time::timeout`, not a target)",
                    f.get(4),
                ),
            ] {
                let Some(m) = medidas else { continue };
                let _ = writeln!(
                    md,
                    "| ↳ {rotulo} | {concorrencia} | {} | {} | {:.2} | {:.0} | {:.0} | {:.2} | | |",
                    tempo(mediana_de(m, nanos)),
                    tempo(mediana_de(chao, nanos)),
                    razao(m, chao, nanos),
                    mediana_de(m, alocacoes),
                    mediana_de(chao, alocacoes),
                    razao(m, chao, alocacoes),
                );
            }
        }
    }
    let _ = writeln!(
        md,
        "\nAllocations are counted on every thread but the server's (the caller's and the client \
         runtime's); the target applies at concurrency 1 (at 64 the figures include the spawned \
         tasks).\n"
    );

    // --- The decode step alone -------------------------------------------------------------
    decodificacao(config, &mut md)?;
    construcao(config, &mut md)?;

    // --- Contract overrides ----------------------------------------------------------------
    let f = rodadas(
        config.rodadas,
        &mut [
            &mut || rt.block_on(lote(&mg, config.chamadas, 1, aptidao)),
            &mut || rt.block_on(lote(&mg_contrato, config.chamadas, 1, aptidao)),
            &mut || rt.block_on(lote(&piso_mg, config.chamadas, 1, aptidao_piso)),
        ],
    )?;
    let _ = writeln!(
        md,
        "### Contract overrides (target: no measurable cost without an override)\n\n\
         CET-MG aptidão at concurrency 1, the default contract vs a `.contrato(…)` override of an \
         unrelated operation (`consultar_ultimo_laudo`'s `data_emissao`) vs the floor.\n\n\
         | variant | time | allocs/call | time ratio vs default | vs floor |\n|---|---|---|---|---|"
    );
    for (i, nome) in ["default contract", "override of another operation", "floor"]
        .iter()
        .enumerate()
    {
        let _ = writeln!(
            md,
            "| {nome} | {} | {:.0} | {:.2} | {:.2} |",
            tempo(mediana_de(&f[i], nanos)),
            mediana_de(&f[i], alocacoes),
            razao(&f[i], &f[0], nanos),
            razao(&f[i], &f[2], nanos),
        );
    }
    let sobrecusto_alocacoes = mediana_de(&f[1], alocacoes) - mediana_de(&f[0], alocacoes);
    let r = razao(&f[1], &f[0], nanos);
    let met = rel.alvo("contract override: time vs default", r, 1.05, false);
    let met_a = rel.alvo(
        "contract override: extra allocations per call",
        sobrecusto_alocacoes,
        // Less than one: a timer or pool allocation now and then is not the contract's.
        0.5,
        false,
    );
    let _ = writeln!(
        md,
        "\nOverride vs default: time ratio {r:.2} (within the noise, ≤ 1.05: {met}); extra \
         allocations per call {sobrecusto_alocacoes:.2} (< 0.5: {met_a}).\n"
    );

    // --- 10 MiB ------------------------------------------------------------------------------
    let tamanho = config.tamanho_documento;
    let up = Arc::new(Upload {
        cliente: sdk::cliente_cetmg(&url, None),
        requisicao: sdk::upload(servidor::pdf_de(tamanho)),
    });
    let piso_up = Arc::new(PisoUpload {
        piso: rt
            .block_on(PisoCetMg::novo(&url, sdk::CHAVE, sdk::SEGREDO))
            .map_err(erro)?,
        pdf: servidor::pdf_de(tamanho),
        remetente: sdk::remetente_upload(),
    });
    let recebidos = servidor.bytes_recebidos();
    rt.block_on(lote(&up, 1, 1, upload))?;
    rt.block_on(lote(&piso_up, 1, 1, upload_piso))?;
    let por_upload = (servidor.bytes_recebidos() - recebidos) / 2;
    let grandes: [(&str, Vec<Vec<Medida>>); 2] = [
        (
            "CET-MG upload (`upload_documento_ficha_cadastro`)",
            rodadas(
                config.rodadas_grandes,
                &mut [&mut || rt.block_on(lote(&up, 1, 1, upload)), &mut || {
                    rt.block_on(lote(&piso_up, 1, 1, upload_piso))
                }],
            )?,
        ),
        (
            "Renave-WS PDF answer (`obter_termo_entrada_estoque` + `.pdf()`)",
            {
                rt.block_on(lote(&ws, 1, 1, pdf))?;
                rodadas(
                    config.rodadas_grandes,
                    &mut [&mut || rt.block_on(lote(&ws, 1, 1, pdf)), &mut || {
                        rt.block_on(lote(&piso_ws, 1, 1, pdf_piso))
                    }],
                )?
            },
        ),
    ];
    let mib = tamanho as f64 / (1024.0 * 1024.0);
    let _ = writeln!(
        md,
        "### {mib:.0} MiB payloads (target: time ≤ 1.3× floor, peak heap ≤ 2× the payload)\n\n\
         Peak heap: the highest heap above the call's start, over the rounds (the request's own \
         PDF buffer exists before the call and is not counted), divided by the PDF's size. The \
         upload sends {por_upload} bytes of JSON per call.\n\n\
         | payload | ours | floor | ratio | peak/payload ours | floor | allocs/call ours | floor | time met | peak met |\n\
         |---|---|---|---|---|---|---|---|---|---|"
    );
    for (nome, f) in &grandes {
        let (nosso, chao) = (&f[0], &f[1]);
        let r = razao(nosso, chao, nanos);
        let pico_nosso = nosso.iter().map(|m| m.pico).fold(0.0, f64::max) / tamanho as f64;
        let pico_chao = chao.iter().map(|m| m.pico).fold(0.0, f64::max) / tamanho as f64;
        let t = rel.alvo(format!("{nome} time"), r, 1.3, false);
        let p = rel.alvo(
            format!("{nome} peak heap / payload"),
            pico_nosso,
            2.0,
            false,
        );
        let _ = writeln!(
            md,
            "| {nome} | {} | {} | {r:.2} | {pico_nosso:.2} | {pico_chao:.2} | {:.0} | {:.0} | {t} | {p} |",
            tempo(mediana_de(nosso, nanos)),
            tempo(mediana_de(chao, nanos)),
            mediana_de(nosso, alocacoes),
            mediana_de(chao, alocacoes),
        );
    }
    drop((up, piso_up));

    // --- Token burst -------------------------------------------------------------------------
    let consulta = sdk::consulta_aptidao();
    let rajada = |aquecido: bool| -> Result<(Medida, u64), String> {
        let c = Arc::new(Mg {
            cliente: sdk::cliente_cetmg(&url, None),
            consulta: consulta.clone(),
            caminho: String::new(),
        });
        if aquecido {
            rt.block_on(lote(&c, 1, 1, aptidao))?;
        }
        let tokens = servidor.tokens();
        let m = rt.block_on(lote(&c, config.rajada, config.rajada, aptidao))?;
        Ok((m, servidor.tokens() - tokens))
    };
    let mut frias = Vec::new();
    let mut quentes = Vec::new();
    let mut tokens_quentes = 0;
    for r in 0..config.rodadas_rajada {
        for aquecido in if r % 2 == 0 {
            [false, true]
        } else {
            [true, false]
        } {
            let (m, tokens) = rajada(aquecido)?;
            if aquecido {
                quentes.push(m);
                tokens_quentes += tokens;
            } else {
                frias.push(m);
                rel.tokens_por_rajada.push(tokens);
            }
        }
    }
    let tarefas = config.rajada as f64;
    let r = razao(&frias, &quentes, nanos);
    let max_tokens = rel.tokens_por_rajada.iter().copied().max().unwrap_or(0);
    let min_tokens = rel.tokens_por_rajada.iter().copied().min().unwrap_or(0);
    let met_tempo = rel.alvo("cold burst time vs warm", r, 1.1, false);
    let met_token = rel.alvo(
        "gerar-token requests per cold burst",
        if min_tokens == max_tokens {
            max_tokens as f64
        } else {
            f64::NAN
        },
        1.0,
        true,
    );
    let _ = writeln!(
        md,
        "\n### {} concurrent tasks on one fresh CET-MG client (target: exactly 1 `gerar-token`; \
         burst ≤ 1.1× the warm burst)\n\n\
         | burst | time (whole burst) | ratio | `gerar-token` requests per burst | met |\n|---|---|---|---|---|\n\
         | cold (fresh client) | {} | {r:.2} | {} | time: {met_tempo}, token: {met_token} |\n\
         | warm (token already held) | {} | 1.00 | {tokens_quentes} in all | |",
        config.rajada,
        tempo(mediana_de(&frias, nanos) * tarefas),
        rel.tokens_por_rajada
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        tempo(mediana_de(&quentes, nanos) * tarefas),
    );

    // --- Sequential calls: connections -------------------------------------------------------
    // Each client gets a server of its own: a connection another client opens late (the pool
    // of hyper-util may finish a connect it no longer needs after a burst) is not counted.
    let sequencial = Servidor::iniciar(1024).map_err(erro)?;
    let novo = Arc::new(Mg {
        cliente: sdk::cliente_cetmg(&sequencial.url(), None),
        consulta: sdk::consulta_aptidao(),
        caminho: sdk::caminho_aptidao(),
    });
    rt.block_on(lote(&novo, config.sequenciais, 1, aptidao))?;
    // A connect the pool started in the background is accepted a moment later: let it land.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let nossas = sequencial.conexoes();
    let sequencial = Servidor::iniciar(1024).map_err(erro)?;
    let piso_novo = Arc::new(
        rt.block_on(PisoCetMg::novo(&sequencial.url(), sdk::CHAVE, sdk::SEGREDO))
            .map_err(erro)?,
    );
    rt.block_on(lote(&piso_novo, config.sequenciais, 1, aptidao_piso))?;
    std::thread::sleep(std::time::Duration::from_millis(200));
    let do_piso = sequencial.conexoes();
    rel.conexoes_sequenciais = (nossas, do_piso);
    let met_conexao = rel.alvo(
        "TCP connections for the sequential calls",
        nossas as f64,
        1.0,
        true,
    );
    let _ = writeln!(
        md,
        "\n### {} sequential calls on a fresh client (target: 1 TCP connection)\n\n\
         | client | connections accepted (token request included) | met |\n|---|---|---|\n\
         | ours | {nossas} | {met_conexao} |\n| floor | {do_piso} | |\n",
        config.sequenciais,
    );

    drop(rt);
    rel.markdown = md;
    Ok(rel)
}

/// `n` runs of `f` on this thread: time and allocations per run, peak heap above the start.
#[allow(clippy::cast_precision_loss)]
fn medir_sincrono(n: usize, f: &dyn Fn() -> Result<(), String>) -> Result<Medida, String> {
    let base = alocador::reiniciar_pico();
    let a = alocador::alocacoes();
    let t = Instant::now();
    for _ in 0..n {
        f()?;
    }
    let n = n.max(1) as f64;
    Ok(Medida {
        nanos: t.elapsed().as_nanos() as f64 / n,
        alocacoes: (alocador::alocacoes() - a) as f64 / n,
        pico: (alocador::pico() - base) as f64,
    })
}

/// The request-building step alone, on this thread: what the clients' `executar` does before
/// sending (`renave_http::Requisicao::de` — validation, the scalar fields, the JSON body — then
/// `Requisicao::spec`), against what the floor does (its URL; its body).
#[allow(clippy::cast_precision_loss)]
fn construcao(config: &Configuracao, md: &mut String) -> Result<(), String> {
    use renave_http::{Opcoes, Requisicao, Timeouts};
    use renave_mg_client::operacoes::estoque::CONSULTAR_APTIDAO_VEICULO_ESTOQUE as APTIDAO;
    let consulta = sdk::consulta_aptidao();
    let n = config.decodificacoes;
    let f = rodadas(
        config.rodadas,
        &mut [
            &mut || {
                medir_sincrono(n, &|| {
                    let r = Requisicao::<renave_mg_client::Erro>::de(&consulta);
                    let spec = r
                        .spec(&APTIDAO.route, &Opcoes::default(), Timeouts::default())
                        .map_err(erro)?;
                    drop(std::hint::black_box(spec));
                    Ok(())
                })
            },
            &mut || {
                medir_sincrono(n, &|| {
                    let url = format!(
                        "{}consultar-aptidao-veiculo-estoque/{}/{}/{}",
                        "http://127.0.0.1:1/api/veiculos/renave/",
                        fx_mg::CHASSI,
                        fx_mg::CPF_PROPRIETARIO,
                        fx_mg::CNPJ_ESTABELECIMENTO
                    );
                    drop(std::hint::black_box(url));
                    Ok(())
                })
            },
        ],
    )?;
    let tamanho = config.tamanho_documento;
    let upload = sdk::upload(servidor::pdf_de(tamanho));
    let pdf = servidor::pdf_de(tamanho);
    let remetente = sdk::remetente_upload();
    let g = rodadas(
        config.rodadas_grandes,
        &mut [
            &mut || {
                medir_sincrono(1, &|| {
                    let r = Requisicao::<renave_mg_client::Erro>::de(&upload);
                    drop(std::hint::black_box(r));
                    Ok(())
                })
            },
            &mut || {
                medir_sincrono(1, &|| {
                    let corpo = piso::corpo_upload(sdk::NUMERO_PROTOCOLO, &remetente, &pdf)
                        .map_err(erro)?;
                    drop(std::hint::black_box(corpo));
                    Ok(())
                })
            },
        ],
    )?;
    let pico = |v: &[Medida]| v.iter().map(|m| m.pico).fold(0.0, f64::max) / tamanho as f64;
    let _ = writeln!(
        md,
        "### The request-building step alone\n\n\
         The SDK: `renave_http::Requisicao::de` (validation, the scalar fields for path and \
         query, the JSON body) and, for the lookup, `Requisicao::spec`; the floor: its URL \
         (`format!`), its upload body (base64 + `serde_json::to_vec` of its struct).\n\n\
         | request | ours | floor | allocs ours | floor | peak/payload ours | floor |\n\
         |---|---|---|---|---|---|---|\n\
         | aptidão lookup | {} | {} | {:.0} | {:.0} | — | — |\n\
         | upload ({:.0} MiB PDF) | {} | {} | {:.0} | {:.0} | {:.2} | {:.2} |\n",
        tempo(mediana_de(&f[0], nanos)),
        tempo(mediana_de(&f[1], nanos)),
        mediana_de(&f[0], alocacoes),
        mediana_de(&f[1], alocacoes),
        tamanho as f64 / (1024.0 * 1024.0),
        tempo(mediana_de(&g[0], nanos)),
        tempo(mediana_de(&g[1], nanos)),
        mediana_de(&g[0], alocacoes),
        mediana_de(&g[1], alocacoes),
        pico(&g[0]),
        pico(&g[1]),
    );
    Ok(())
}

/// `RespostaAptidaoVeiculoEstoque`'s fields, read as tolerantly (`Recebido`), with the
/// envelope's fields inline and no `extras`: the SDK's answer type without its two
/// `#[serde(flatten)]` parts. The difference it measures is `flatten`'s buffering *and* keeping
/// the unknown fields (here 3, ignored by this struct; `detalhes`, empty in the canned answer,
/// is read as a plain list).
#[derive(serde::Deserialize)]
#[allow(dead_code)] // Only decoded, to be measured.
struct AptidaoSemFlatten {
    codigo_retorno: Option<String>,
    mensagem_retorno: Option<String>,
    mensagem: Option<String>,
    comunicacao_venda_registrada: Option<renave_domain::Recebido<bool>>,
    laudo_csv_em_aberto: Option<renave_domain::Recebido<bool>>,
    reserva_dominio: Option<renave_domain::Recebido<bool>>,
    gravame: Option<renave_domain::Recebido<bool>>,
    total_autuacoes: Option<renave_domain::Recebido<u32>>,
    multas_exigiveis: Option<renave_domain::Recebido<u32>>,
    multas_totais: Option<renave_domain::Recebido<u32>>,
    pendencias_trlav: Option<renave_domain::Recebido<bool>>,
    pendencias_ipva: Option<renave_domain::Recebido<bool>>,
    pendencias_dpvat: Option<renave_domain::Recebido<bool>>,
    impedimentos_cadastrais: Option<renave_domain::Recebido<bool>>,
    recall_pendente: Option<renave_domain::Recebido<bool>>,
    estampagem_em_aberto: Option<renave_domain::Recebido<bool>>,
    observacoes_impeditivas_laudo: Option<renave_domain::Recebido<bool>>,
    #[serde(default)]
    detalhes: Vec<String>,
}

/// The decode step alone, at concurrency 1 on this thread: the SDK's answer types against the
/// floor's structs on the same canned bytes (`serde_json::from_slice`). The client's own
/// decoding adds the contract's field accounting on top; the difference between this table and
/// the typed-call table is the rest of the request path.
#[allow(clippy::cast_precision_loss)]
fn decodificacao(config: &Configuracao, md: &mut String) -> Result<(), String> {
    let aptidao = serde_json::to_vec(&fx_mg::CONSULTAR_APTIDAO_VEICULO_ESTOQUE.corpo_sucesso())
        .map_err(erro)?;
    let estoques = serde_json::to_vec(&servidor::corpo_estoques()).map_err(erro)?;
    // The CET-MG client's own decode: one pass noting the top-level keys (the contract's
    // divergence accounting) and capturing the envelope fields (names from the contract).
    let contrato = {
        use renave_mg_client::ContratoPadraoCetMg as _;
        renave_http::contrato::Contrato::padrao_cetmg()
    };
    let envelope = contrato.envelope.as_ref().ok_or("no CET-MG envelope")?;
    let captar: Vec<&str> = std::iter::once(envelope.codigo.as_str())
        .chain(envelope.mensagens.iter().map(String::as_str))
        .collect();
    let divergencias = renave_http::contrato::Divergencias::default();
    let n = config.decodificacoes;
    let medir = |f: &dyn Fn() -> Result<(), String>| medir_sincrono(n, f);
    let f = rodadas(
        config.rodadas,
        &mut [
            &mut || {
                medir(&|| {
                    serde_json::from_slice::<RespostaAptidaoVeiculoEstoque>(&aptidao)
                        .map(|r| drop(std::hint::black_box(r)))
                        .map_err(erro)
                })
            },
            &mut || {
                medir(&|| {
                    serde_json::from_slice::<piso::Aptidao>(&aptidao)
                        .map(|r| drop(std::hint::black_box(r)))
                        .map_err(erro)
                })
            },
            &mut || {
                medir(&|| {
                    serde_json::from_slice::<Vec<Estoque>>(&estoques)
                        .map(|r| drop(std::hint::black_box(r)))
                        .map_err(erro)
                })
            },
            &mut || {
                medir(&|| {
                    serde_json::from_slice::<Vec<piso::Estoque>>(&estoques)
                        .map(|r| drop(std::hint::black_box(r)))
                        .map_err(erro)
                })
            },
            &mut || {
                medir(&|| {
                    renave_http::decodificacao::decodificar::<RespostaAptidaoVeiculoEstoque>(
                        &aptidao, &captar,
                    )
                    .map(|r| drop(std::hint::black_box(r)))
                    .map_err(erro)
                })
            },
            &mut || {
                medir(&|| {
                    let d =
                        renave_http::decodificacao::decodificar::<RespostaAptidaoVeiculoEstoque>(
                            &aptidao, &captar,
                        )
                        .map_err(erro)?;
                    let campos = renave_http::contrato::campos_da_resposta::<
                        RespostaAptidaoVeiculoEstoque,
                    >();
                    divergencias.registrar(
                        "consultar_aptidao_veiculo_estoque",
                        &d.chaves,
                        &campos.modelados,
                        &campos.obrigatorios,
                        &captar,
                    );
                    drop(std::hint::black_box(d));
                    Ok(())
                })
            },
            &mut || {
                medir(&|| {
                    serde_json::from_slice::<renave_domain::ItensRecebidos<Estoque>>(&estoques)
                        .map(|r| drop(std::hint::black_box(r)))
                        .map_err(erro)
                })
            },
            &mut || {
                medir(&|| {
                    serde_json::from_slice::<AptidaoSemFlatten>(&aptidao)
                        .map(|r| drop(std::hint::black_box(r)))
                        .map_err(erro)
                })
            },
        ],
    )?;
    let _ = writeln!(
        md,
        "### The decode step alone (where the typed call's difference comes from)\n\n\
         `serde_json::from_slice` of the same canned answer into the SDK's answer type and into \
         the floor's struct (no network).\n\n\
         | answer | ours | floor | ratio | allocs ours | floor |\n|---|---|---|---|---|---|"
    );
    let desconhecidos = divergencias
        .lista()
        .first()
        .map_or(0, |d| d.desconhecidos.len());
    // (row, ours, reference): each row against the floor's decode of the same answer.
    let linhas = [
        ("aptidão (`RespostaAptidaoVeiculoEstoque`)".to_owned(), 0, 1),
        ("10 stocks (`Vec<Estoque>`)".to_owned(), 2, 3),
        (
            "↳ aptidão through the client's decode (`renave_http::decodificacao::decodificar`: \
             keys noted, envelope captured)"
                .to_owned(),
            4,
            1,
        ),
        (
            format!(
                "↳ the same plus the contract's divergence accounting \
                 (`Divergencias::registrar`; the canned answer has {desconhecidos} fields the SDK \
                 does not model, a difference already seen)"
            ),
            5,
            1,
        ),
        (
            "↳ 10 stocks as the client reads a list (`ItensRecebidos<Estoque>`: each item \
             delimited as raw JSON, copied, then parsed, so one unreadable item never loses the \
             others)"
                .to_owned(),
            6,
            3,
        ),
        (
            "↳ aptidão into a struct with the SDK's fields and tolerant items (`Recebido`) but \
             without its two `#[serde(flatten)]` parts (the envelope `Retorno` and `extras`, so \
             the 3 unknown fields are not kept): what reading the envelope and keeping them \
             cost"
                .to_owned(),
            7,
            1,
        ),
    ];
    for (nome, i, j) in linhas {
        let _ = writeln!(
            md,
            "| {nome} | {} | {} | {:.2} | {:.0} | {:.0} |",
            tempo(mediana_de(&f[i], nanos)),
            tempo(mediana_de(&f[j], nanos)),
            razao(&f[i], &f[j], nanos),
            mediana_de(&f[i], alocacoes),
            mediana_de(&f[j], alocacoes),
        );
    }
    md.push('\n');
    Ok(())
}
