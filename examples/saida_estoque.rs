//! # Saída de estoque — §6.2
//!
//! ```text
//! cargo run --example saida_estoque                  # against the in-process simulators (default)
//! cargo run --example saida_estoque -- --homologacao # against homologação (the POC's credentials
//!                                            # and RENAVE_POC_* variables; see README "POC")
//! ```
//!
//! The saída (Regulamento Técnico CET-MG §6.2) of the car to a private buyer, after its
//! entrada: aptidão, solicitação, the re-issued CRV code, the saída on Renave-WS, the sale NF-e,
//! ATPV-e and termo, the comunicação de venda de saída.
//!
//! Prints every step and its return, then a summary table. Exit status 0 when every step
//! showed what it should, 1 otherwise, 2 on a usage or configuration error. The steps are
//! `renave_poc::exemplos::saida_estoque`, asserted by `tests/exemplos.rs`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    renave_poc::principal(
        "saida_estoque",
        "Saída de estoque — §6.2 (renave-rs)\n\nUso: cargo run --example saida_estoque [-- OPÇÕES]",
        renave_poc::exemplos::saida_estoque,
    )
    .await
}
