//! # JSON Schemas and OpenAPI 3.1 of both APIs, for other languages
//!
//! ```text
//! cargo run --example esquemas -- DIR
//! ```
//!
//! Writes, for the CET-MG API (`DIR/cetmg/`) and Renave-WS (`DIR/renave-ws/`), an
//! `openapi.json` (OpenAPI 3.1: servers, every route with its method, path and query
//! parameters, request body, success answer and error bodies) and `esquemas/<Tipo>.json`, a
//! JSON Schema of every request and answer type — all from the definitions the clients send
//! with (`renave_poc::esquemas`). Exit status 0 on success, 2 on a usage error, 1 otherwise.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("Uso: cargo run --example esquemas -- DIR");
        return ExitCode::from(2);
    };
    if dir.starts_with('-') {
        eprintln!("Uso: cargo run --example esquemas -- DIR");
        return ExitCode::from(2);
    }
    match renave_poc::esquemas::gerar(std::path::Path::new(&dir)) {
        Ok(resumo) => {
            for (api, arquivo) in &resumo.openapi {
                println!("{api}: {}", arquivo.display());
            }
            println!("{} arquivos escritos em {dir}", resumo.arquivos.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("esquemas: {e}");
            ExitCode::FAILURE
        }
    }
}
