//! # POC — Prova de Conceito of the Regulamento Técnico CET-MG (§6, §7)
//!
//! ```text
//! cargo run --example poc                  # against the in-process simulators (default)
//! cargo run --example poc -- --homologacao # against homologação (credentials and vehicles
//!                                          # from environment variables; see README "POC")
//! ```
//!
//! Runs the sequence of the POC end to end — aptidão (apto and não apto), solicitação, the
//! vistoria and formulário branches, the entrada on Renave-WS with the three seller scenarios,
//! the comunicações de venda, the saída with the laudo check and the ficha de cadastro, the
//! Protocolo Digital with a pendência regularised — for a car and a motorcycle, printing every
//! answer in a numbered log and a summary table at the end. Exit status 0 when every step showed
//! what it should (including the refusals the POC must demonstrate), 1 otherwise, 2 on a usage
//! or configuration error. The steps live in the `renave-poc` crate.

use std::process::ExitCode;

use renave_poc::Roteiro;

#[tokio::main]
async fn main() -> ExitCode {
    renave_poc::principal(
        "poc",
        "POC do Regulamento Técnico CET-MG (§6 e §7) com o SDK renave-rs\n\nUso: cargo run --example poc [-- OPÇÕES]",
        async |r: &mut Roteiro| r.executar().await,
    )
    .await
}
