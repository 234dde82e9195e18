//! # Grupo ITE do Renave-WS
//!
//! ```text
//! cargo run --example ite                  # against the in-process simulator (default)
//! cargo run --example ite -- --homologacao # against homologação: one e-CNPJ per actor and the
//!                                          # variables `--ajuda` lists
//! ```
//!
//! The ITE group of Renave-WS (renave-ws.md §3.4) end to end, with the establishment's side of
//! the transfers: authenticated client, the montadora's customers, the entrada with clienteDaIte,
//! a refusal, ITE → establishment (E28) → ITE (E29), the homologação mock that finishes the
//! vehicle, the saída and its ATPV-e, the cancellations.
//!
//! Prints every step and its return, then a summary table. Exit status 0 when every step
//! showed what it should, 1 otherwise, 2 on a usage or configuration error. The steps are
//! `renave_poc::ite::ite`, asserted by `tests/exemplos_montadora_ite.rs`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    renave_poc::principal_grupos(
        "ite",
        "Grupo ITE do Renave-WS (renave-rs)\n\nUso: cargo run --example ite [-- OPÇÕES]",
        renave_poc::ite::ite,
    )
    .await
}
