//! # Grupo montadora do Renave-WS
//!
//! ```text
//! cargo run --example montadora                  # against the in-process simulator (default)
//! cargo run --example montadora -- --homologacao # against homologação: one e-CNPJ per actor and the
//!                                          # variables `--ajuda` lists
//! ```
//!
//! The montadora group of Renave-WS (renave-ws.md §3.3) end to end, with the establishment and
//! the ITE where the flow crosses to them: authenticated client, pending zero-km vehicles, the
//! zero-km entrada, the venda direta with entregaIndicada, the delivery the establishment sees
//! and makes (Z12/Z13), the ATPV-e; an unfinished vehicle to the ITE and back; a cancellation;
//! a refusal.
//!
//! Prints every step and its return, then a summary table. Exit status 0 when every step
//! showed what it should, 1 otherwise, 2 on a usage or configuration error. The steps are
//! `renave_poc::montadora::montadora`, asserted by `tests/exemplos_montadora_ite.rs`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    renave_poc::principal_grupos(
        "montadora",
        "Grupo montadora do Renave-WS (renave-rs)\n\nUso: cargo run --example montadora [-- OPÇÕES]",
        renave_poc::montadora::montadora,
    )
    .await
}
