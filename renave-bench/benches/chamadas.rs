//! The client-call benchmark (issue 16): both clients against the hand-written floor over the
//! local server, one run, markdown tables on stdout. `cargo bench -p renave-bench`; see the
//! crate's README and `BENCHMARKS.md`.

use renave_bench::alocador::Contador;
use renave_bench::{Configuracao, executar};

#[global_allocator]
static ALOCADOR: Contador = Contador;

fn main() {
    // `cargo bench` builds this in the release profile. Built without optimisations (`cargo test
    // --benches`, clippy's test builds) it only checks that the harness runs: a few calls.
    let config = if cfg!(debug_assertions) || std::env::var_os("RENAVE_BENCH_RAPIDO").is_some() {
        println!("(quick check run: a few calls per group, the figures mean nothing)\n");
        Configuracao::minima()
    } else {
        Configuracao::completa()
    };
    println!(
        "## Client calls (`renave-bench`)\n\n{} logical CPUs; configuration: {config:?}\n",
        std::thread::available_parallelism().map_or(0, std::num::NonZeroUsize::get),
    );
    let inicio = std::time::Instant::now();
    match executar(&config) {
        Ok(relatorio) => {
            println!("{}", relatorio.markdown);
            let falhos: Vec<_> = relatorio.alvos.iter().filter(|a| !a.cumprido).collect();
            println!(
                "Targets met: {} of {} (run took {:.0} s).",
                relatorio.alvos.len() - falhos.len(),
                relatorio.alvos.len(),
                inicio.elapsed().as_secs_f64()
            );
            for a in falhos {
                println!(
                    "- missed: {} = {:.2} (target {:.2})",
                    a.nome, a.valor, a.limite
                );
            }
        }
        Err(e) => {
            eprintln!("renave-bench: the run failed: {e}");
            std::process::exit(1);
        }
    }
}
