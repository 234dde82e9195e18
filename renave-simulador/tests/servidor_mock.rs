//! Dropping a wiremock server, or a simulator, in a tokio task whose cooperative budget is spent
//! (see `renave_simulador::servidor_mock`): a bare `MockServer` spins forever, a
//! [`ServidorMock`] and both simulators drop at once.
//!
//! Each case runs on its own thread with its own runtime and is given a few seconds: a case
//! still running by then is a drop that spins (its thread cannot be stopped; it ends with the
//! process).
#![allow(clippy::unwrap_used)]

use std::sync::mpsc;
use std::time::Duration;

use renave_simulador::{ServidorMock, SimuladoresRenave};
use wiremock::MockServer;

/// Polls ready tokio resources until the task's cooperative budget is spent, as awaiting a
/// burst of finished `JoinHandle`s in a row does.
async fn esgotar_orcamento() {
    while tokio::task::coop::has_budget_remaining() {
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tx.send(()).unwrap();
        rx.await.unwrap();
    }
}

/// Whether `caso` (started, then dropped with the budget spent) ended within `prazo`.
fn terminou<F>(prazo: Duration, caso: impl FnOnce() -> F + Send + 'static) -> bool
where
    F: Future<Output = ()>,
{
    let (fim, fim_rx) = mpsc::channel();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(caso());
        let _ = fim.send(());
    });
    fim_rx.recv_timeout(prazo).is_ok()
}

const PRAZO: Duration = Duration::from_secs(20);

#[test]
fn servidor_mock_solto_com_o_orcamento_esgotado_termina() {
    assert!(
        terminou(PRAZO, || async {
            let servidor = ServidorMock::iniciar().await;
            esgotar_orcamento().await;
            drop(servidor);
        }),
        "dropping a ServidorMock with tokio's budget spent did not end"
    );
}

#[test]
fn simuladores_soltos_com_o_orcamento_esgotado_terminam() {
    assert!(
        terminou(PRAZO, || async {
            let simuladores = SimuladoresRenave::iniciar().await;
            esgotar_orcamento().await;
            drop(simuladores);
        }),
        "dropping the simulators with tokio's budget spent did not end"
    );
}

/// The hazard itself, in the wiremock this workspace builds with: if this starts failing, a
/// new wiremock no longer spins and `ServidorMock` can go.
#[test]
fn mock_server_sem_a_guarda_gira() {
    let terminou = terminou(Duration::from_secs(3), || async {
        let servidor = MockServer::start().await;
        esgotar_orcamento().await;
        drop(servidor);
    });
    assert!(
        !terminou,
        "a bare wiremock MockServer dropped with tokio's budget spent no longer spins"
    );
}
