//! Batches, interleaved rounds and medians.
//!
//! A *batch* (*lote*) is `n` calls of one variant (the SDK, the floor, …) at a concurrency `c`
//! (`c` tasks, each making its share of the calls one after the other); it yields the wall
//! time and the allocations per call and the peak heap above the batch's start. A *round*
//! (*rodada*) runs one batch of every variant, in alternating order (the first variant of a
//! round is the last of the next), so a change of load on the machine hits every variant
//! alike. Each figure reported is a median over the rounds; a ratio is the median of the
//! per-round ratios (each round's variants ran back to back).

use std::fmt::Display;
use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use crate::alocador;

/// One batch's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Medida {
    /// Wall time per call, in nanoseconds (batch time / calls).
    pub nanos: f64,
    /// Allocations per call (every counted thread: the caller's and the client runtime's).
    pub alocacoes: f64,
    /// The highest heap, in bytes, above the batch's start (every counted thread).
    pub pico: f64,
}

/// Runs `n` calls of `f` at `concorrencia` (≤ 1: one after the other in this task; else that
/// many spawned tasks) and measures them. The first error stops the batch.
#[allow(clippy::cast_precision_loss)]
pub async fn lote<C, F, Fut, E>(
    contexto: &Arc<C>,
    n: usize,
    concorrencia: usize,
    f: F,
) -> Result<Medida, String>
where
    C: Send + Sync + 'static,
    F: Fn(Arc<C>) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<(), E>> + Send + 'static,
    E: Display,
{
    let base = alocador::reiniciar_pico();
    let alocacoes = alocador::alocacoes();
    let inicio = Instant::now();
    if concorrencia <= 1 {
        for _ in 0..n {
            f(Arc::clone(contexto)).await.map_err(|e| e.to_string())?;
        }
    } else {
        let mut tarefas = tokio::task::JoinSet::new();
        for t in 0..concorrencia {
            let contexto = Arc::clone(contexto);
            let parte = n / concorrencia + usize::from(t < n % concorrencia);
            tarefas.spawn(async move {
                for _ in 0..parte {
                    f(Arc::clone(&contexto)).await.map_err(|e| e.to_string())?;
                }
                Ok::<(), String>(())
            });
        }
        while let Some(r) = tarefas.join_next().await {
            r.map_err(|e| e.to_string())??;
        }
    }
    let tempo = inicio.elapsed();
    let chamadas = n.max(1) as f64;
    Ok(Medida {
        nanos: tempo.as_nanos() as f64 / chamadas,
        alocacoes: (alocador::alocacoes() - alocacoes) as f64 / chamadas,
        pico: (alocador::pico() - base) as f64,
    })
}

/// `rodadas` interleaved rounds of the variants `medir` (one batch each per round, order
/// alternating); the figures per variant, one per round.
pub fn rodadas(
    rodadas: usize,
    medir: &mut [&mut dyn FnMut() -> Result<Medida, String>],
) -> Result<Vec<Vec<Medida>>, String> {
    let mut figuras = vec![Vec::with_capacity(rodadas); medir.len()];
    for r in 0..rodadas {
        let ordem: Vec<usize> = if r % 2 == 0 {
            (0..medir.len()).collect()
        } else {
            (0..medir.len()).rev().collect()
        };
        for i in ordem {
            figuras[i].push(medir[i]()?);
        }
    }
    Ok(figuras)
}

/// The median of `valores` (0 when empty).
pub fn mediana(valores: impl IntoIterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = valores.into_iter().collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 0 {
        f64::midpoint(v[m - 1], v[m])
    } else {
        v[m]
    }
}

/// The median, over the rounds, of `campo(a) / campo(b)` (the variants ran back to back in
/// each round).
pub fn razao(a: &[Medida], b: &[Medida], campo: fn(&Medida) -> f64) -> f64 {
    mediana(
        a.iter()
            .zip(b)
            .map(|(x, y)| campo(x) / campo(y).max(f64::MIN_POSITIVE)),
    )
}
