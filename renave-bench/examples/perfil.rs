//! One call in a loop for six seconds (or `RENAVE_PERFIL_CHAMADAS=N` calls) against the
//! bench's local server: a process to profile (`perf record`, `strace -c -f`,
//! `valgrind --tool=callgrind`) when a typed call is compared with the floor and the raw call
//! (`BENCHMARKS.md`, "Where the missed targets come from"). The mode is the first argument:
//! Renave-WS `consultar_estoques` `tipada`, `piso` (the hand-written floor), `bruta` (the raw
//! call), `bruta-decodificada` (raw + the body decoded by hand), `bruta-ocupada` (raw + 17 µs of
//! busy-waiting on the caller); CET-MG aptidão `mg-tipada`, `mg-piso`, `mg-bruta`,
//! `mg-bruta-decodificada`. `RENAVE_PERFIL_TAREFA=1` runs the loop in a task on a worker;
//! `RENAVE_PERFIL_CONCORRENCIA=N` runs it in N tasks at once (the bench's concurrency 64), each
//! making its share of `RENAVE_PERFIL_CHAMADAS`.
//!
//! ```sh
//! cargo build --release -p renave-bench --example perfil
//! strace -f -c target/release/examples/perfil tipada   # or: bruta
//! RENAVE_PERFIL_TAREFA=1 RENAVE_PERFIL_CHAMADAS=1200 \
//!   valgrind --tool=callgrind target/release/examples/perfil mg-tipada
//! RENAVE_PERFIL_CONCORRENCIA=64 perf stat -e context-switches,cpu-migrations,task-clock \
//!   target/release/examples/perfil mg-bruta                   # or: mg-piso
//! ```

#![allow(clippy::print_stdout)] // A command-line tool: its report is its output.

use std::sync::Arc;

use renave_bench::piso::{PisoCetMg, PisoRenaveWs};
use renave_bench::{sdk, servidor::Servidor};
use renave_mg_client::ClienteCetMg;
use renave_mg_client::operacoes::estoque::ConsultaAptidaoVeiculoEstoque;
use renave_ws_client::ClienteRenaveWs;
use renave_ws_client::operacoes::usados::ConsultaEstoques;

type Erro = Box<dyn std::error::Error + Send + Sync>;

/// What every loop calls.
struct Clientes {
    ws: ClienteRenaveWs,
    consulta: ConsultaEstoques,
    piso: PisoRenaveWs,
    mg: ClienteCetMg,
    consulta_mg: ConsultaAptidaoVeiculoEstoque,
    caminho_mg: String,
    piso_mg: PisoCetMg,
}

/// One call of `modo`.
async fn chamar(c: &Clientes, modo: &str) -> Result<(), Erro> {
    match modo {
        "tipada" => drop(c.ws.consultar_estoques(&c.consulta).await?),
        "piso" => drop(
            c.piso
                .consultar_estoques()
                .await
                .map_err(|e| std::io::Error::other(e.0))?,
        ),
        // The raw call, then the body decoded here as the typed call's answer type (plain
        // `Vec`): the decode's cost on the caller without the typed path.
        "bruta-decodificada" => {
            let r = sdk::estoques_brutos(&c.ws).await?;
            let v: Vec<renave_ws_client::modelos::Estoque> = serde_json::from_slice(r.corpo())?;
            drop(v);
        }
        // The raw call, then the caller busy for as long as the decode takes (no allocation,
        // no memory traffic): the decode's effect on scheduling alone.
        "bruta-ocupada" => {
            drop(sdk::estoques_brutos(&c.ws).await?);
            let ate = std::time::Instant::now() + std::time::Duration::from_micros(17);
            while std::time::Instant::now() < ate {
                std::hint::spin_loop();
            }
        }
        "mg-tipada" => drop(
            c.mg.consultar_aptidao_veiculo_estoque(&c.consulta_mg)
                .await?,
        ),
        "mg-piso" => drop(
            c.piso_mg
                .consultar_aptidao(
                    renave_mg_client::simulador::fixtures::CHASSI,
                    renave_mg_client::simulador::fixtures::CPF_PROPRIETARIO,
                    renave_mg_client::simulador::fixtures::CNPJ_ESTABELECIMENTO,
                )
                .await
                .map_err(|e| std::io::Error::other(e.0))?,
        ),
        "mg-bruta" | "mg-bruta-decodificada" => {
            let r = sdk::aptidao_bruta(&c.mg, &c.caminho_mg).await?;
            if modo == "mg-bruta-decodificada" {
                drop(serde_json::from_slice::<
                    renave_mg_client::operacoes::estoque::RespostaAptidaoVeiculoEstoque,
                >(r.corpo())?);
            }
        }
        "bruta" => drop(sdk::estoques_brutos(&c.ws).await?),
        outro => return Err(format!("unknown mode `{outro}` (see the header)").into()),
    }
    Ok(())
}

/// Calls of `modo` one after the other, for six seconds or `limite` calls; how many were made.
async fn laco(c: Arc<Clientes>, modo: Arc<str>, limite: Option<u32>) -> Result<u32, Erro> {
    let inicio = std::time::Instant::now();
    let mut chamadas = 0u32;
    while limite.map_or(inicio.elapsed().as_secs() < 6, |n| chamadas < n) {
        chamar(&c, &modo).await?;
        chamadas += 1;
    }
    Ok(chamadas)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let modo: Arc<str> = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tipada".to_owned())
        .into();
    let servidor = Servidor::iniciar(4096)?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let piso_mg = rt
        .block_on(PisoCetMg::novo(&servidor.url(), sdk::CHAVE, sdk::SEGREDO))
        .map_err(|e| std::io::Error::other(e.0))?;
    let clientes = Arc::new(Clientes {
        ws: sdk::cliente_renave_ws(&servidor.url()),
        consulta: ConsultaEstoques::default(),
        piso: PisoRenaveWs::novo(&servidor.url()).map_err(|e| std::io::Error::other(e.0))?,
        mg: sdk::cliente_cetmg(&servidor.url(), None),
        consulta_mg: sdk::consulta_aptidao(),
        caminho_mg: sdk::caminho_aptidao(),
        piso_mg,
    });
    // `RENAVE_PERFIL_CHAMADAS=N`: exactly N calls (for `valgrind --tool=callgrind`, which counts
    // instructions, not seconds) instead of six seconds of them.
    let limite: Option<u32> = std::env::var("RENAVE_PERFIL_CHAMADAS")
        .ok()
        .and_then(|n| n.parse().ok());
    let concorrencia: u32 = std::env::var("RENAVE_PERFIL_CONCORRENCIA")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
        .max(1);
    let inicio = std::time::Instant::now();
    let chamadas: u32 = if concorrencia > 1 {
        // N tasks at once, each its share of the calls.
        let por_tarefa = limite.map(|n| n.div_ceil(concorrencia));
        rt.block_on(async {
            let tarefas: Vec<_> = (0..concorrencia)
                .map(|_| tokio::spawn(laco(clientes.clone(), modo.clone(), por_tarefa)))
                .collect();
            let mut total = 0;
            for t in tarefas {
                total += t.await.map_err(|e| e.to_string())??;
            }
            Ok::<u32, Erro>(total)
        })
        .map_err(|e| e.to_string())?
    } else if std::env::var_os("RENAVE_PERFIL_TAREFA").is_some() {
        // `RENAVE_PERFIL_TAREFA=1`: the loop runs in a task on a worker thread (as a call from
        // a server's handler does), not on the thread that blocks on the runtime.
        rt.block_on(rt.spawn(laco(clientes.clone(), modo.clone(), limite)))?
            .map_err(|e| e.to_string())?
    } else {
        rt.block_on(laco(clientes.clone(), modo.clone(), limite))
            .map_err(|e| e.to_string())?
    };
    println!(
        "{modo}: {chamadas} calls ({concorrencia} at once), {:.1} µs per call",
        inicio.elapsed().as_secs_f64() * 1e6 / f64::from(chamadas.max(1))
    );
    Ok(())
}
