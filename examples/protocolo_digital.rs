//! # Protocolo Digital — §7
//!
//! ```text
//! cargo run --example protocolo_digital                  # against the in-process simulators (default)
//! cargo run --example protocolo_digital -- --homologacao # against homologação (the POC's credentials
//!                                            # and RENAVE_POC_* variables; see README "POC")
//! ```
//!
//! The Protocolo Digital (Regulamento Técnico CET-MG §7): criar processo, recuperar
//! protocolo, a pendência regularised (refused without the document §7.3 requires), the
//! vehicles with a comunicação de venda, the ficha de cadastro with its 120-day laudo check.
//!
//! Prints every step and its return, then a summary table. Exit status 0 when every step
//! showed what it should, 1 otherwise, 2 on a usage or configuration error. The steps are
//! `renave_poc::exemplos::protocolo_digital`, asserted by `tests/exemplos.rs`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    renave_poc::principal(
        "protocolo_digital",
        "Protocolo Digital — §7 (renave-rs)\n\nUso: cargo run --example protocolo_digital [-- OPÇÕES]",
        renave_poc::exemplos::protocolo_digital,
    )
    .await
}
