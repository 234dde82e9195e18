//! # renave-poc — the POC of the Regulamento Técnico CET-MG (§6, §7) and the examples' setup
//!
//! The *Prova de Conceito* the Regulamento Técnico CET-MG asks of an integradora, over the
//! renave-rs clients: aptidão (apto and não apto), solicitação, the vistoria and formulário
//! branches, the entrada on Renave-WS with the three seller scenarios, the comunicações de
//! venda, the saída with the laudo check and the ficha de cadastro, the Protocolo Digital with
//! a pendência regularised — for a car and a motorcycle, every answer printed in a numbered log
//! ([`Registro`]) and a summary table at the end.
//!
//! The run is split by section of the regulation: `aptidao` (§6.1.1/§6.2.1), `negativas`
//! (§6.1.2/§6.2.2, the errors and refusals the POC must show), `entrada` (§6.1), `saida`
//! (§6.2), `protocolo` (§7), each adding its steps to [`Roteiro`]; [`registro`] is the
//! numbered log; [`configuracao`] the command line, the homologação variables and the ONE
//! function that builds both clients ([`construir_clientes`]); [`exemplos`] the shorter runs of
//! the root examples; [`montadora`] and [`ite`] the flows of Renave-WS's montadora and ITE
//! groups over a [`RoteiroGrupos`] (three actors, [`principal_grupos`]);
//! [`esquemas`] the JSON Schemas and OpenAPI documents of both APIs
//! (`cargo run --example esquemas -- DIR`).
//!
//! ```no_run
//! # async fn f() -> Result<(), String> {
//! // Against the in-process simulators, quietly; `relatorio.registro()` holds every step.
//! let relatorio = renave_poc::executar(&renave_poc::Configuracao::simuladores(false)).await?;
//! assert!(relatorio.conforme);
//! # Ok(())
//! # }
//! ```
//!
//! `cargo run --example poc` (root package) is [`principal`] with [`Roteiro::executar`].

mod aptidao;
pub mod configuracao;
pub mod conformidade;
mod entrada;
pub mod esquemas;
pub mod exemplos;
pub mod grupos;
pub mod ite;
pub mod montadora;
mod negativas;
mod prelude;
mod protocolo;
pub mod registro;
mod roteiro;
mod saida;
mod simulado;

use std::process::ExitCode;
use std::time::{Duration, Instant};

pub use configuracao::{
    Conexao, OPCOES, Opcoes, construir_clientes, construir_clientes_com, interpretar,
};
pub use grupos::{DadosGrupos, RoteiroGrupos};
pub use registro::{Esperado, Passo, Registro, Resultado, escrever_linha};
pub use roteiro::{
    Bastidores, DECLARACAO_FORMULARIO, DadosPoc, EmEstoque, Etapa, Interrompido, PDF_DEMONSTRACAO,
    Procedimento, Roteiro, VeiculoCetMg, VeiculoPoc, VeiculoWs, codigo_no_pdf,
};
pub use simulado::Simuladores;

/// How to run: against what, and whether to print.
#[derive(Debug, Clone, Default)]
pub struct Configuracao {
    /// The command line (the default: the simulators).
    pub opcoes: Opcoes,
    /// Print every step as it happens, and the summary (the programs); the tests keep quiet
    /// and read the [`Registro`].
    pub imprimir: bool,
}

impl Configuracao {
    /// Against the in-process simulators, no credentials.
    pub fn simuladores(imprimir: bool) -> Self {
        Self {
            opcoes: Opcoes::default(),
            imprimir,
        }
    }

    /// Prepares the run: starts the simulators, or reads the homologação credentials and data
    /// (`Err` names every missing or invalid one); builds both clients.
    pub async fn preparar(&self) -> Result<Roteiro, String> {
        if self.opcoes.homologacao {
            configuracao::homologacao(&self.opcoes, self.imprimir)
        } else {
            let dialeto = if self.opcoes.dialeto_divergente {
                renave_simulador::Dialeto::Divergente
            } else {
                renave_simulador::Dialeto::Padrao
            };
            let contratos = self
                .opcoes
                .contrato
                .as_deref()
                .map(conformidade::ArquivoContratos::ler)
                .transpose()?;
            configuracao::simulado(self.imprimir, dialeto, contratos.as_ref()).await
        }
    }
}

/// What a run gives back.
#[derive(Debug)]
pub struct Relatorio {
    /// Whether every step showed what it should (success, or the refusal the POC must show).
    pub conforme: bool,
    /// How long the steps took.
    pub duracao: Duration,
    /// The run, after its steps: the clients, the simulators (`bastidores`), the input and the
    /// log.
    pub roteiro: Roteiro,
}

impl Relatorio {
    /// The numbered log of the run.
    pub fn registro(&self) -> &Registro {
        &self.roteiro.registro
    }
}

/// Runs the whole POC ([`Roteiro::executar`]).
pub async fn executar(config: &Configuracao) -> Result<Relatorio, String> {
    executar_com(config, async |r: &mut Roteiro| r.executar().await).await
}

/// Prepares the run and gives it to `passos` (the whole POC, or one of the [`exemplos`]), which
/// returns whether every step showed what it should. `Err` is a configuration error: nothing
/// ran.
pub async fn executar_com(
    config: &Configuracao,
    passos: impl AsyncFnOnce(&mut Roteiro) -> bool,
) -> Result<Relatorio, String> {
    let mut roteiro = config.preparar().await?;
    let inicio = Instant::now();
    let conforme = passos(&mut roteiro).await;
    // A run that logged nothing showed nothing: never a success.
    let conforme = conforme && !roteiro.registro.passos.is_empty();
    Ok(Relatorio {
        conforme,
        duracao: inicio.elapsed(),
        roteiro,
    })
}

/// The `main` of the POC and of every example: reads the command line (`cabecalho` and
/// [`OPCOES`] on `--ajuda`), runs `passos` printing every step, then the summary table.
///
/// Exit status: 0 when every step showed what it should, 1 otherwise, 2 on a usage or
/// configuration error (`programa:` then the error on stderr).
pub async fn principal(
    programa: &str,
    cabecalho: &str,
    passos: impl AsyncFnOnce(&mut Roteiro) -> bool,
) -> ExitCode {
    let opcoes = match interpretar(std::env::args().skip(1)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{programa}: {e}");
            return ExitCode::from(2);
        }
    };
    if opcoes.ajuda {
        escrever_linha(format_args!("{cabecalho}\n\n{OPCOES}"));
        return ExitCode::SUCCESS;
    }
    let config = Configuracao {
        opcoes,
        imprimir: true,
    };
    let relatorio = match executar_com(&config, passos).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{programa}: {e}");
            return ExitCode::from(2);
        }
    };
    resumo(relatorio.registro(), relatorio.duracao, relatorio.conforme)
}

/// Prints the summary table and the time; the exit status of `conforme`.
fn resumo(registro: &Registro, duracao: Duration, conforme: bool) -> ExitCode {
    escrever_linha(format_args!("\n=== Resumo ==="));
    escrever_linha(format_args!("{}", registro.resumo().trim_end_matches('\n')));
    escrever_linha(format_args!("tempo: {:.1} s", duracao.as_secs_f64()));
    if conforme {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prepares a montadora/ITE run ([`RoteiroGrupos::simulado`] or, with `--homologacao`,
/// [`RoteiroGrupos::homologacao`]) and gives it to `passos` ([`montadora::montadora`],
/// [`ite::ite`]); whether every step showed what it should (a run that logged nothing did
/// not). `Err` is a configuration error: nothing ran.
pub async fn executar_grupos(
    config: &Configuracao,
    passos: impl AsyncFnOnce(&mut RoteiroGrupos) -> bool,
) -> Result<(RoteiroGrupos, bool, Duration), String> {
    let mut roteiro = if config.opcoes.homologacao {
        RoteiroGrupos::homologacao(&config.opcoes, config.imprimir)?
    } else {
        RoteiroGrupos::simulado(config.imprimir).await?
    };
    let inicio = Instant::now();
    let conforme = passos(&mut roteiro).await && !roteiro.registro.passos.is_empty();
    Ok((roteiro, conforme, inicio.elapsed()))
}

/// The `main` of the montadora and ITE examples: [`principal`]'s command line, exit statuses
/// and summary, over a [`RoteiroGrupos`] (`--ajuda` also lists [`grupos::VARIAVEIS`]).
pub async fn principal_grupos(
    programa: &str,
    cabecalho: &str,
    passos: impl AsyncFnOnce(&mut RoteiroGrupos) -> bool,
) -> ExitCode {
    let opcoes = match interpretar(std::env::args().skip(1)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{programa}: {e}");
            return ExitCode::from(2);
        }
    };
    if opcoes.ajuda {
        escrever_linha(format_args!(
            "{cabecalho}\n\n{OPCOES}\n\n{}",
            grupos::VARIAVEIS
        ));
        return ExitCode::SUCCESS;
    }
    let config = Configuracao {
        opcoes,
        imprimir: true,
    };
    match executar_grupos(&config, passos).await {
        Ok((roteiro, conforme, duracao)) => resumo(&roteiro.registro, duracao, conforme),
        Err(e) => {
            eprintln!("{programa}: {e}");
            ExitCode::from(2)
        }
    }
}
