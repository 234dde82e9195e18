//! # Tabelas auxiliares — CET-MG §5.20–§5.27 e Renave-WS E20
//!
//! ```text
//! cargo run --example tabelas_auxiliares                  # against the in-process simulators (default)
//! cargo run --example tabelas_auxiliares -- --homologacao # against homologação (the POC's credentials
//!                                            # and RENAVE_POC_* variables; see README "POC")
//! ```
//!
//! The CET-MG token and tabelas auxiliares (cores, espécies, combustíveis, categorias,
//! municípios de MG) and the Renave-WS authenticated client and municipalities.
//!
//! Prints every step and its return, then a summary table. Exit status 0 when every step
//! showed what it should, 1 otherwise, 2 on a usage or configuration error. The steps are
//! `renave_poc::exemplos::tabelas_auxiliares`, asserted by `tests/exemplos.rs`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    renave_poc::principal(
        "tabelas_auxiliares",
        "Tabelas auxiliares — CET-MG §5.20–§5.27 e Renave-WS E20 (renave-rs)\n\nUso: cargo run --example tabelas_auxiliares [-- OPÇÕES]",
        renave_poc::exemplos::tabelas_auxiliares,
    )
    .await
}
