//! # Entrada em estoque — §6.1
//!
//! ```text
//! cargo run --example entrada_estoque                  # against the in-process simulators (default)
//! cargo run --example entrada_estoque -- --homologacao # against homologação (the POC's credentials
//!                                            # and RENAVE_POC_* variables; see README "POC")
//! ```
//!
//! The whole entrada (Regulamento Técnico CET-MG §6.1) of the car (vistoria, physical CRV)
//! and of the motorcycle (formulário, digital CRV): aptidão, solicitação, DAE, ECV and
//! booking, the entrada on Renave-WS with the seller's signature, Detran until CONFIRMADO, the
//! comunicação de venda de entrada — and the refusals on the way.
//!
//! Prints every step and its return, then a summary table. Exit status 0 when every step
//! showed what it should, 1 otherwise, 2 on a usage or configuration error. The steps are
//! `renave_poc::exemplos::entrada_estoque`, asserted by `tests/exemplos.rs`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    renave_poc::principal(
        "entrada_estoque",
        "Entrada em estoque — §6.1 (renave-rs)\n\nUso: cargo run --example entrada_estoque [-- OPÇÕES]",
        renave_poc::exemplos::entrada_estoque,
    )
    .await
}
