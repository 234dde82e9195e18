//! One call in a loop for six seconds (or `RENAVE_PERFIL_CHAMADAS=N` calls) against the
//! bench's local server: a process to profile (`perf record`, `strace -c -f`,
//! `valgrind --tool=callgrind`) when a typed call is compared with the floor and the raw call
//! (`BENCHMARKS.md`, "Where the missed targets come from"). The mode is the first argument:
//! Renave-WS `consultar_estoques` `tipada`, `piso` (the hand-written floor), `bruta` (the raw
//! call), `bruta-decodificada` (raw + the body decoded by hand), `bruta-ocupada` (raw + 17 µs of
//! busy-waiting on the caller); CET-MG aptidão `mg-tipada`, `mg-piso`, `mg-bruta`,
//! `mg-bruta-decodificada`. `RENAVE_PERFIL_TAREFA=1` runs the loop in a task on a worker.
//!
//! ```sh
//! cargo build --release -p renave-bench --example perfil
//! strace -f -c target/release/examples/perfil tipada   # or: bruta
//! RENAVE_PERFIL_TAREFA=1 RENAVE_PERFIL_CHAMADAS=1200 \
//!   valgrind --tool=callgrind target/release/examples/perfil mg-tipada
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
    let piso = renave_bench::piso::PisoRenaveWs::novo(&servidor.url())
        .map_err(|e| std::io::Error::other(e.0))?;
    let mg = sdk::cliente_cetmg(&servidor.url(), None);
    let consulta_mg = sdk::consulta_aptidao();
    let caminho_mg = sdk::caminho_aptidao();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let piso_mg = rt
        .block_on(renave_bench::piso::PisoCetMg::novo(
            &servidor.url(),
            sdk::CHAVE,
            sdk::SEGREDO,
        ))
        .map_err(|e| std::io::Error::other(e.0))?;
    // `RENAVE_PERFIL_CHAMADAS=N`: exactly N calls (for `valgrind --tool=callgrind`, which counts
    // instructions, not seconds) instead of six seconds of them.
    let limite: Option<u32> = std::env::var("RENAVE_PERFIL_CHAMADAS")
        .ok()
        .and_then(|n| n.parse().ok());
    let trabalho = async move {
        let inicio = std::time::Instant::now();
        let mut chamadas = 0u32;
        while limite.map_or(inicio.elapsed().as_secs() < 6, |n| chamadas < n) {
            match modo.as_str() {
                "tipada" => drop(ws.consultar_estoques(&consulta).await?),
                "piso" => drop(
                    piso.consultar_estoques()
                        .await
                        .map_err(|e| std::io::Error::other(e.0))?,
                ),
                // The raw call, then the body decoded here as the typed call's answer type
                // (plain `Vec`): the decode's cost on the caller without the typed path.
                "bruta-decodificada" => {
                    let r = sdk::estoques_brutos(&ws).await?;
                    let v: Vec<renave_ws_client::modelos::Estoque> =
                        serde_json::from_slice(r.corpo())?;
                    drop(v);
                }
                // The raw call, then the caller busy for as long as the decode takes (no
                // allocation, no memory traffic): the decode's effect on scheduling alone.
                "bruta-ocupada" => {
                    drop(sdk::estoques_brutos(&ws).await?);
                    let ate = std::time::Instant::now() + std::time::Duration::from_micros(17);
                    while std::time::Instant::now() < ate {
                        std::hint::spin_loop();
                    }
                }
                "mg-tipada" => drop(mg.consultar_aptidao_veiculo_estoque(&consulta_mg).await?),
                "mg-piso" => drop(
                    piso_mg
                        .consultar_aptidao(
                            renave_mg_client::simulador::fixtures::CHASSI,
                            renave_mg_client::simulador::fixtures::CPF_PROPRIETARIO,
                            renave_mg_client::simulador::fixtures::CNPJ_ESTABELECIMENTO,
                        )
                        .await
                        .map_err(|e| std::io::Error::other(e.0))?,
                ),
                "mg-bruta" | "mg-bruta-decodificada" => {
                    let r = sdk::aptidao_bruta(&mg, &caminho_mg).await?;
                    if modo == "mg-bruta-decodificada" {
                        drop(serde_json::from_slice::<
                            renave_mg_client::operacoes::estoque::RespostaAptidaoVeiculoEstoque,
                        >(r.corpo())?);
                    }
                }
                "bruta" => drop(sdk::estoques_brutos(&ws).await?),
                outro => return Err(format!("unknown mode `{outro}` (see the header)").into()),
            }
            chamadas += 1;
        }
        println!(
            "{modo}: {chamadas} calls, {} µs per call",
            inicio.elapsed().as_micros() / u128::from(chamadas.max(1))
        );
        Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
    };
    // `RENAVE_PERFIL_TAREFA=1`: the loop runs in a task on a worker thread (as a call from a
    // server's handler does), not on the thread that blocks on the runtime.
    if std::env::var_os("RENAVE_PERFIL_TAREFA").is_some() {
        rt.block_on(rt.spawn(trabalho))?
            .map_err(|e| e.to_string())?;
    } else {
        rt.block_on(trabalho).map_err(|e| e.to_string())?;
    }
    Ok(())
}
