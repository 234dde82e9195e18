//! One Renave-WS call in a loop for six seconds, typed (`consultar_estoques`) or raw
//! (`executar_bruto` of the same request), against the bench's local server: a process to
//! profile (`perf record`, `strace -c -f`) when the typed call's time is compared with the raw
//! one's (`BENCHMARKS.md`, "Where the missed targets come from").
//!
//! ```sh
//! cargo build --release -p renave-bench --example perfil
//! strace -f -c target/release/examples/perfil tipada   # or: bruta
//! ```

#![allow(clippy::print_stdout)] // A command-line tool: its report is its output.

use renave_bench::{sdk, servidor::Servidor};
use renave_ws_client::operacoes::usados::ConsultaEstoques;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let modo = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tipada".to_owned());
    let servidor = Servidor::iniciar(4096)?;
    let ws = sdk::cliente_renave_ws(&servidor.url());
    let consulta = ConsultaEstoques::default();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async {
        let inicio = std::time::Instant::now();
        let mut chamadas = 0u32;
        while inicio.elapsed().as_secs() < 6 {
            if modo == "tipada" {
                drop(ws.consultar_estoques(&consulta).await?);
            } else {
                drop(
                    ws.executar_bruto(
                        renave_http::HttpMethod::Get,
                        "api/estoques",
                        &[],
                        None,
                        renave_http::Idempotency::Idempotent,
                    )
                    .await?,
                );
            }
            chamadas += 1;
        }
        println!(
            "{modo}: {chamadas} calls, {} µs per call",
            inicio.elapsed().as_micros() / u128::from(chamadas.max(1))
        );
        Ok::<(), renave_ws_client::Erro>(())
    })?;
    Ok(())
}
