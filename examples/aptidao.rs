//! # Aptidão do veículo — CET-MG e Renave-WS
//!
//! ```text
//! cargo run --example aptidao                  # against the in-process simulators (default)
//! cargo run --example aptidao -- --homologacao # against homologação (the POC's credentials
//!                                            # and RENAVE_POC_* variables; see README "POC")
//! ```
//!
//! The aptidão of a vehicle on both APIs (Regulamento Técnico CET-MG §6.1.1): CET-MG
//! *consultar aptidão* for the apto car and motorcycle and for every non-apto vehicle (with
//! its impediments), and Renave-WS E2 for the car and the motorcycle with their CRV data.
//!
//! Prints every step and its return, then a summary table. Exit status 0 when every step
//! showed what it should, 1 otherwise, 2 on a usage or configuration error. The steps are
//! `renave_poc::exemplos::aptidao`, asserted by `tests/exemplos.rs`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    renave_poc::principal(
        "aptidao",
        "Aptidão do veículo — CET-MG e Renave-WS (renave-rs)\n\nUso: cargo run --example aptidao [-- OPÇÕES]",
        renave_poc::exemplos::aptidao,
    )
    .await
}
