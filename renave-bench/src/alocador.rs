//! A counting global allocator: the number of allocations and the bytes currently allocated,
//! with their peak (*pico*), for the allocations-per-call and peak-heap columns of the bench.
//!
//! Why our own and not a crate: `stats_alloc` (already in `Cargo.lock`) counts allocations and
//! bytes allocated/freed, but has no peak, and the peak is what the 10 MiB rows are about;
//! `dhat` records a backtrace per allocation (far too slow for a timed run) and is not in the
//! lock. This one is [`System`] plus four atomics: cheap enough to stay installed while the
//! times are measured, the same cost for the SDK and the floor.
//!
//! The local server runs in the same process: its threads call [`ignorar_nesta_thread`], so
//! what it allocates (hyper reading the 10 MiB upload, say) is counted in neither column. No
//! buffer crosses between the server's threads and the others (they talk over TCP), so the
//! current-bytes figure stays consistent.
//!
//! Install it in a binary with `#[global_allocator] static A: Contador = Contador;`; without
//! that, every figure reads zero.

#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicIsize, AtomicU64, Ordering::Relaxed};

/// The counting allocator: [`System`] plus counters (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct Contador;

static ALOCACOES: AtomicU64 = AtomicU64::new(0);
static ATUAL: AtomicIsize = AtomicIsize::new(0);
static PICO: AtomicIsize = AtomicIsize::new(0);

thread_local! {
    /// Set on the local server's threads: what they allocate is not counted.
    static IGNORAR: Cell<bool> = const { Cell::new(false) };
}

/// From now on, nothing this thread allocates or frees is counted (the local server's threads).
pub fn ignorar_nesta_thread() {
    IGNORAR.with(|i| i.set(true));
}

fn contar() -> bool {
    // A thread being torn down has no thread-locals left: not counted.
    !IGNORAR.try_with(Cell::get).unwrap_or(true)
}

fn somar(bytes: isize) {
    let atual = ATUAL.fetch_add(bytes, Relaxed) + bytes;
    PICO.fetch_max(atual, Relaxed);
}

fn tamanho(bytes: usize) -> isize {
    isize::try_from(bytes).unwrap_or(isize::MAX)
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged and only
// updates atomic counters besides; no memory is touched.
unsafe impl GlobalAlloc for Contador {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract of `GlobalAlloc::alloc`, passed on.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() && contar() {
            ALOCACOES.fetch_add(1, Relaxed);
            somar(tamanho(layout.size()));
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract of `GlobalAlloc::alloc_zeroed`, passed on.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() && contar() {
            ALOCACOES.fetch_add(1, Relaxed);
            somar(tamanho(layout.size()));
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract of `GlobalAlloc::dealloc`, passed on.
        unsafe { System.dealloc(ptr, layout) };
        if contar() {
            ATUAL.fetch_sub(tamanho(layout.size()), Relaxed);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract of `GlobalAlloc::realloc`, passed on.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() && contar() {
            // A reallocation is an allocation event (it may move and copy the block).
            ALOCACOES.fetch_add(1, Relaxed);
            somar(tamanho(new_size) - tamanho(layout.size()));
        }
        p
    }
}

/// The allocations counted so far (`alloc`, `alloc_zeroed` and `realloc` calls of the counted
/// threads).
pub fn alocacoes() -> u64 {
    ALOCACOES.load(Relaxed)
}

/// Bytes currently allocated by the counted threads (since the process started).
pub fn atual() -> isize {
    ATUAL.load(Relaxed)
}

/// Starts a peak measurement: the peak is reset to the bytes allocated now, which it returns
/// (the baseline to subtract from [`pico`]).
pub fn reiniciar_pico() -> isize {
    let atual = ATUAL.load(Relaxed);
    PICO.store(atual, Relaxed);
    atual
}

/// The highest [`atual`] since the last [`reiniciar_pico`].
pub fn pico() -> isize {
    PICO.load(Relaxed)
}
