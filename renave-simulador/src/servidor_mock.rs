//! A wiremock [`MockServer`] (*servidor mock*) that can be dropped anywhere in a tokio task
//! without hanging.
//!
//! # Why
//!
//! `wiremock::MockServer`'s `Drop` verifies the mounted expectations by blocking on an async
//! read lock with `futures::executor::block_on`. Tokio's read lock takes part in tokio's
//! *cooperative budget*: once a task has polled 128 ready tokio resources in one turn, every
//! further tokio resource answers "not ready" and wakes the task at once, so that the task
//! yields to the scheduler and gets a fresh budget. A `block_on` inside `Drop` never yields to
//! tokio: it polls the lock again, is told "not ready" again, and spins forever on one core. The
//! budget *can* be spent at the moment of the drop whenever the task polled many ready
//! resources since it last yielded — awaiting a burst of finished `JoinHandle`s in a row, then
//! the server's own `received_requests`, is such a moment, one time in a hundred or so. A test
//! that drops its server then — or a program that drops a simulator after joining a burst of
//! calls — never ends.
//! This was seen in CI (a whole run hung until its time limit) and is reproduced, every time,
//! by `tests/servidor_mock.rs`.
//!
//! [`ServidorMock`] owns the server and drops it with tokio's budget switched off
//! ([`tokio::task::unconstrained`]), so the verification's lock is taken at once. The
//! simulators hold their wiremock server in one; tests that run bursts of calls against a bare
//! `MockServer` should too. A [`wiremock::MockGuard`] (`mount_as_scoped`, and
//! `renave_http::fixtures::Fixture::montar_com_guarda`) blocks the same way in its own `Drop`:
//! drop it before a burst's last awaits, or inside [`tokio::task::unconstrained`].
//!
//! ```
//! use renave_simulador::ServidorMock;
//! use wiremock::{Mock, ResponseTemplate, matchers::method};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let servidor = ServidorMock::iniciar().await;
//! // Everything a `MockServer` does, through `Deref`:
//! Mock::given(method("GET"))
//!     .respond_with(ResponseTemplate::new(200))
//!     .mount(&servidor)
//!     .await;
//! assert!(servidor.uri().starts_with("http://127.0.0.1:"));
//! drop(servidor); // never spins, whatever the task's budget
//! # }
//! ```

use std::future::Future;
use std::ops::Deref;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use wiremock::MockServer;

/// A wiremock [`MockServer`] (*servidor mock*; dereferences to it) whose drop never spins on
/// tokio's cooperative budget: see the [module documentation](self).
pub struct ServidorMock(Option<MockServer>);

impl ServidorMock {
    /// Starts a wiremock server on a free local port, as [`MockServer::start`] does.
    ///
    /// # Panics
    ///
    /// When no local port or thread is available, as [`MockServer::start`] does.
    pub async fn iniciar() -> Self {
        Self::from(MockServer::start().await)
    }
}

impl From<MockServer> for ServidorMock {
    /// Takes over a server built with `MockServer::builder()`.
    fn from(servidor: MockServer) -> Self {
        Self(Some(servidor))
    }
}

impl Deref for ServidorMock {
    type Target = MockServer;

    fn deref(&self) -> &MockServer {
        match &self.0 {
            Some(servidor) => servidor,
            // Taken only inside `drop`, after which nothing can dereference `self`.
            None => unreachable!("a ServidorMock is emptied only when it is dropped"),
        }
    }
}

impl std::fmt::Debug for ServidorMock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let uri = self.0.as_ref().map(MockServer::uri);
        f.debug_tuple("ServidorMock").field(&uri).finish()
    }
}

impl Drop for ServidorMock {
    fn drop(&mut self) {
        if let Some(servidor) = self.0.take() {
            fora_do_orcamento(move || drop(servidor));
        }
    }
}

/// Runs `f` with tokio's cooperative budget switched off on this thread (outside a tokio
/// runtime there is no budget and `f` simply runs).
///
/// [`tokio::task::unconstrained`] is a future: it is polled once here, with a no-op waker, and
/// the `async` block it wraps has no `.await`, so that first poll always completes it.
pub(crate) fn fora_do_orcamento<R>(f: impl FnOnce() -> R) -> R {
    let tarefa = pin!(tokio::task::unconstrained(async move { f() }));
    match tarefa.poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(resultado) => resultado,
        // An `async` block without `.await` is ready on its first poll.
        Poll::Pending => unreachable!("an async block with no .await completes at once"),
    }
}
