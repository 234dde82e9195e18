//! # Request history (`historico`)
//!
//! What a simulator keeps of the requests it received, for
//! [`SimuladorCetMg::requisicoes_recebidas`](crate::cetmg::SimuladorCetMg::requisicoes_recebidas)
//! and [`SimuladorRenaveWs::requisicoes_recebidas`](crate::renave_ws::SimuladorRenaveWs::requisicoes_recebidas):
//! the last N requests, oldest dropped first ([`Historico::Ultimas`], by default
//! [`HISTORICO_PADRAO`]), or none ([`Historico::Desligado`], the `renave-simulador` binary's
//! default). Set it on either builder with `historico`.
//!
//! The simulators record the requests themselves, wiremock's own recording is off (it keeps
//! every request, without a cap), and each kept copy owns its bytes: it does not pin the
//! server's read buffer. Requests answered by a user-mounted override are recorded too.
//!
//! On wiremock, one more copy of each request stays until the server stops: every mounted
//! wiremock mock, the simulator's own included, keeps the requests it answered, and wiremock
//! has no option to turn that off. That is fine for a test; a simulator that stays up is
//! started `sem_wiremock` (`ConstrutorSimuladorCetMg::sem_wiremock`,
//! `ConstrutorSimuladorRenaveWs::sem_wiremock`), as the `renave-simulador` binary is, and then
//! keeps nothing per request beyond this history.
//!
//! ```
//! use renave_simulador::Historico;
//! use renave_simulador::renave_ws::SimuladorRenaveWs;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let sim = SimuladorRenaveWs::builder()
//!     .historico(Historico::Ultimas(10))
//!     .sem_wiremock()
//!     .iniciar()
//!     .await;
//! assert!(sim.requisicoes_recebidas().await.is_empty());
//! assert_eq!(sim.ocupacao()["historico"], 0);
//! # }
//! ```

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use wiremock::http::{HeaderMap, HeaderName, HeaderValue};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

/// How many requests the history keeps by default ([`Historico::default`]): the last 1,000.
pub const HISTORICO_PADRAO: usize = 1_000;

/// How many received requests a simulator keeps (its request history, *histórico de
/// requisições*).
///
/// ```
/// use renave_simulador::{HISTORICO_PADRAO, Historico};
///
/// assert_eq!(Historico::default(), Historico::Ultimas(HISTORICO_PADRAO));
/// assert_eq!(Historico::Ultimas(0).limite(), 0); // the same as `Desligado`
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Historico {
    /// Nothing is kept: `requisicoes_recebidas` is always empty.
    Desligado,
    /// The last `n` requests, in arrival order; the oldest is dropped when a new one arrives
    /// and `n` are kept. `Ultimas(0)` is [`Desligado`](Self::Desligado).
    Ultimas(usize),
}

impl Default for Historico {
    /// The last [`HISTORICO_PADRAO`] requests.
    fn default() -> Self {
        Self::Ultimas(HISTORICO_PADRAO)
    }
}

impl Historico {
    /// The most requests kept (0 when off).
    pub fn limite(self) -> usize {
        match self {
            Self::Desligado => 0,
            Self::Ultimas(n) => n,
        }
    }
}

/// The kept requests of one simulator, shared by whatever records them (a wiremock matcher or
/// the plain server) and the simulator's `requisicoes_recebidas`.
#[derive(Debug)]
pub(crate) struct Registro {
    limite: usize,
    fila: Mutex<VecDeque<Request>>,
}

impl Registro {
    pub(crate) fn novo(historico: Historico) -> Arc<Self> {
        Arc::new(Self {
            limite: historico.limite(),
            fila: Mutex::new(VecDeque::new()),
        })
    }

    fn fila(&self) -> MutexGuard<'_, VecDeque<Request>> {
        self.fila.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether anything is kept at all.
    pub(crate) fn ligado(&self) -> bool {
        self.limite > 0
    }

    /// Keeps a copy of `request`, dropping the oldest ones beyond the limit.
    pub(crate) fn gravar(&self, request: &Request) {
        if !self.ligado() {
            return;
        }
        let copia = copia_propria(request);
        let mut fila = self.fila();
        while fila.len() >= self.limite {
            fila.pop_front();
        }
        fila.push_back(copia);
    }

    /// The kept requests, oldest first.
    pub(crate) fn requisicoes(&self) -> Vec<Request> {
        self.fila().iter().cloned().collect()
    }

    /// The kept requests, oldest first, forgotten by the history.
    pub(crate) fn drenar(&self) -> Vec<Request> {
        self.fila().drain(..).collect()
    }

    /// How many requests are kept.
    pub(crate) fn quantidade(&self) -> usize {
        self.fila().len()
    }
}

/// A copy of `request` that owns its bytes. The server's header values are slices of its read
/// buffer (about 8 KiB): a plain clone would keep that whole buffer alive per kept request.
fn copia_propria(request: &Request) -> Request {
    let mut cabecalhos = HeaderMap::with_capacity(request.headers.len());
    for (nome, valor) in &request.headers {
        let nome = HeaderName::from_bytes(nome.as_str().as_bytes());
        let valor = HeaderValue::from_bytes(valor.as_bytes()).map(|mut v| {
            v.set_sensitive(valor.is_sensitive());
            v
        });
        if let (Ok(nome), Ok(valor)) = (nome, valor) {
            cabecalhos.append(nome, valor);
        }
    }
    Request {
        url: request.url.clone(),
        method: request.method.clone(),
        headers: cabecalhos,
        body: request.body.clone(),
    }
}

/// A wiremock matcher that records every request it sees and never matches: mounted first, at
/// priority 1, it sees each request before any other mock (user overrides included).
pub(crate) struct Gravador(pub(crate) Arc<Registro>);

impl Match for Gravador {
    fn matches(&self, request: &Request) -> bool {
        self.0.gravar(request);
        false
    }
}

/// Mounts the history's recorder first, at the highest priority, so that it sees every request
/// (user overrides included) before any other mock; nothing when the history is off.
pub(crate) async fn montar_gravador(servidor: &MockServer, registro: &Arc<Registro>) {
    if registro.ligado() {
        Mock::given(Gravador(Arc::clone(registro)))
            .respond_with(ResponseTemplate::new(500))
            .with_priority(1)
            .named("histórico do simulador")
            .mount(servidor)
            .await;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;

    fn pedido(i: usize) -> Request {
        let mut headers = HeaderMap::new();
        headers.insert("x-n", HeaderValue::from_str(&i.to_string()).unwrap());
        Request {
            url: format!("http://localhost/api/x?n={i}").parse().unwrap(),
            method: wiremock::http::Method::GET,
            headers,
            body: vec![1, 2, 3],
        }
    }

    #[test]
    fn drenar_entrega_e_esquece() {
        let r = Registro::novo(Historico::Ultimas(5));
        for i in 0..3 {
            r.gravar(&pedido(i));
        }
        assert_eq!(r.drenar().len(), 3);
        assert_eq!(r.quantidade(), 0);
        assert!(r.drenar().is_empty());
    }

    #[test]
    fn guarda_as_ultimas_e_descarta_as_mais_antigas() {
        let r = Registro::novo(Historico::Ultimas(3));
        for i in 0..10 {
            r.gravar(&pedido(i));
            assert!(r.quantidade() <= 3);
        }
        let n: Vec<String> = r
            .requisicoes()
            .iter()
            .map(|p| p.headers["x-n"].to_str().unwrap().to_owned())
            .collect();
        assert_eq!(n, ["7", "8", "9"]);
        assert_eq!(r.requisicoes()[2].body, [1, 2, 3]);
    }

    #[test]
    fn desligado_nao_guarda_nada() {
        for h in [Historico::Desligado, Historico::Ultimas(0)] {
            let r = Registro::novo(h);
            r.gravar(&pedido(1));
            assert_eq!(r.quantidade(), 0);
            assert!(!r.ligado());
        }
    }
}
