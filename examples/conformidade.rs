//! # Conformance probe (issue 12, decision D11)
//!
//! ```text
//! cargo run --example conformidade -- --simulador --dialeto-divergente --saida contrato.toml
//! cargo run --example poc -- --dialeto-divergente --contrato contrato.toml
//! ```
//!
//! Runs read-only operations of both APIs with raw calls, prints per operation what matched
//! the SDK's contract, what was missing and what was unknown, and with `--saida` writes a
//! proposed contract file (only the differences) for a person to review. The logic lives in
//! `renave_poc::conformidade`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    renave_poc::conformidade::principal().await
}
