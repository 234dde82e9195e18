//! The counting allocator counts allocations and the peak heap, and leaves out the threads
//! that asked not to be counted (the local server's). One test in its own binary: the counters
//! are global.

#![allow(clippy::unwrap_used)]

use renave_bench::alocador::{self, Contador};

#[global_allocator]
static ALOCADOR: Contador = Contador;

#[test]
fn conta_alocacoes_e_pico_e_ignora_as_threads_do_servidor() {
    const MIB: usize = 1024 * 1024;
    let base = alocador::reiniciar_pico();
    let antes = alocador::alocacoes();
    let v = std::hint::black_box(vec![1u8; MIB]);
    assert!(alocador::alocacoes() > antes);
    assert!(alocador::pico() - base >= isize::try_from(MIB).unwrap());
    drop(v);
    assert!(alocador::atual() - base < isize::try_from(MIB).unwrap());

    // A thread marked as the server's: its 8 MiB are counted nowhere.
    let base = alocador::reiniciar_pico();
    std::thread::spawn(|| {
        alocador::ignorar_nesta_thread();
        drop(std::hint::black_box(vec![1u8; 8 * MIB]));
    })
    .join()
    .unwrap();
    assert!(alocador::pico() - base < isize::try_from(MIB).unwrap());
}
