//! # Fault injection shared by both simulators (`falhas`)
//!
//! [`SimuladorCetMg`](crate::cetmg::SimuladorCetMg) and
//! [`SimuladorRenaveWs`](crate::renave_ws::SimuladorRenaveWs) expose the same fault knobs, with
//! the same names, parameter types and meaning; their state and the order in which they apply
//! live here, once. Only the *body* of a failure answer differs (a WSO2 gateway body on
//! CET-MG, a SERPRO or gateway body on Renave-WS), as on the real services.
//!
//! | Knob | Effect |
//! |---|---|
//! | `definir_latencia(latencia: Duration)` | every answer waits `latencia` (zero removes it) |
//! | `falhar_proximas(n: u32, status: u16)` | the next `n` requests answer `status` without reaching the service (nothing changes) |
//! | `definir_taxa_de_falhas(taxa: f64, status: u16, semente: u64)` | each request fails with `status` with probability `taxa` (clamped to 0–1; `0.0` or NaN turns it off), drawn from a generator seeded with `semente` |
//! | `perder_proximas_respostas(n: u32, como: RespostaPerdida)` | the next `n` successful state-changing POSTs execute, but the client gets `como` (decision D6) |
//! | `limpar_falhas()` | removes every knob |
//!
//! A `status` outside 400–599 is taken as 500. For each request the pending failures of
//! `falhar_proximas` come first, then the random rate; a lost answer applies only to a POST
//! the service answered with success; the latency adds to a lost answer's delay.

use std::collections::VecDeque;
use std::iter::repeat_n;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use wiremock::{Request, Respond, ResponseTemplate};

use crate::servidor::RespostaHttp;

/// How a lost answer (`perder_proximas_respostas`) looks to the client: the server executed
/// the operation, but the client cannot know it (decision D6; `renave-ws.md` §7.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RespostaPerdida {
    /// The server acts, then the client gets this HTTP status (e.g. 502/504 from a gateway;
    /// on CET-MG a 504 carries the WSO2 `101504` "Send timeout" body). A status outside
    /// 400–599 is taken as 500.
    Status(u16),
    /// The server acts, then answers only after this delay (longer than the client's
    /// timeout, the client sees a timeout).
    Atraso(Duration),
}

/// The fault knobs' state, one per simulator.
#[derive(Debug, Default)]
pub(crate) struct Falhas {
    latencia: Duration,
    /// The next requests to fail, each with its status.
    proximas: VecDeque<u16>,
    /// A seeded random failure rate: (probability, status, generator).
    taxa: Option<(f64, u16, fastrand::Rng)>,
    /// The next successful state-changing POSTs whose answer is lost.
    perdas: VecDeque<RespostaPerdida>,
}

/// A status for an injected failure: one of 400–599, else 500.
fn status_de_falha(status: u16) -> u16 {
    if (400..=599).contains(&status) {
        status
    } else {
        500
    }
}

impl Falhas {
    pub(crate) fn definir_latencia(&mut self, latencia: Duration) {
        self.latencia = latencia;
    }

    pub(crate) fn falhar_proximas(&mut self, n: u32, status: u16) {
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        self.proximas.extend(repeat_n(status_de_falha(status), n));
    }

    pub(crate) fn definir_taxa_de_falhas(&mut self, taxa: f64, status: u16, semente: u64) {
        let taxa = if taxa.is_nan() {
            0.0
        } else {
            taxa.clamp(0.0, 1.0)
        };
        self.taxa = (taxa > 0.0).then(|| {
            (
                taxa,
                status_de_falha(status),
                fastrand::Rng::with_seed(semente),
            )
        });
    }

    pub(crate) fn perder_proximas_respostas(&mut self, n: u32, como: RespostaPerdida) {
        let como = match como {
            RespostaPerdida::Status(s) => RespostaPerdida::Status(status_de_falha(s)),
            atraso @ RespostaPerdida::Atraso(_) => atraso,
        };
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        self.perdas.extend(repeat_n(como, n));
    }

    /// How many queued entries the knobs hold (pending failures and lost answers).
    pub(crate) fn pendentes(&self) -> usize {
        self.proximas.len() + self.perdas.len()
    }

    pub(crate) fn limpar(&mut self) {
        *self = Self::default();
    }

    /// The status this request fails with before reaching the service, if any.
    fn falha_antes(&mut self) -> Option<u16> {
        if let Some(status) = self.proximas.pop_front() {
            return Some(status);
        }
        let (taxa, status, rng) = self.taxa.as_mut()?;
        (rng.f64() < *taxa).then_some(*status)
    }
}

/// One simulated service as the fault layer sees it.
pub(crate) trait ServicoSimulado {
    /// The service's own answer type.
    type Resposta;

    /// The fault knobs' state.
    fn falhas(&mut self) -> &mut Falhas;

    /// Answers the request; `true` when it was a state-changing POST that succeeded (the
    /// only kind of answer `perder_proximas_respostas` loses).
    fn despachar(&mut self, req: &Request) -> (Self::Resposta, bool);

    /// The answer of an injected failure with `status` (400–599), before the service.
    fn resposta_de_falha(&mut self, status: u16, req: &Request) -> Self::Resposta;

    /// The answer the client gets instead of a lost one (by default, the injected failure).
    fn resposta_perdida(&mut self, status: u16, req: &Request) -> Self::Resposta {
        self.resposta_de_falha(status, req)
    }

    /// The answer as sent over HTTP.
    fn para_http(resposta: Self::Resposta) -> RespostaHttp;
}

/// Answers one request through the fault knobs: injected failure, else the service (with a
/// lost answer after a successful POST), plus latency.
pub(crate) fn responder<S: ServicoSimulado>(servico: &mut S, req: &Request) -> RespostaHttp {
    let latencia = servico.falhas().latencia;
    let (resposta, atraso) = if let Some(status) = servico.falhas().falha_antes() {
        (servico.resposta_de_falha(status, req), Duration::ZERO)
    } else {
        let (resposta, post_bem_sucedido) = servico.despachar(req);
        let perda = if post_bem_sucedido {
            servico.falhas().perdas.pop_front()
        } else {
            None
        };
        match perda {
            Some(RespostaPerdida::Status(status)) => {
                (servico.resposta_perdida(status, req), Duration::ZERO)
            }
            Some(RespostaPerdida::Atraso(atraso)) => (resposta, atraso),
            None => (resposta, Duration::ZERO),
        }
    };
    let mut resposta = S::para_http(resposta);
    resposta.atraso = latencia.saturating_add(atraso);
    resposta
}

/// The responder of both simulators: every request goes through the shared state. A wiremock
/// `Respond`, and [`atender`](Self::atender) for the plain server.
pub(crate) struct Responder<S> {
    pub(crate) estado: Arc<Mutex<S>>,
}

impl<S: ServicoSimulado> Responder<S> {
    /// Answers one request (the fault knobs, then the service).
    pub(crate) fn atender(&self, request: &Request) -> RespostaHttp {
        let mut estado = self.estado.lock().unwrap_or_else(PoisonError::into_inner);
        responder(&mut *estado, request)
    }
}

impl<S: ServicoSimulado + Send + 'static> Respond for Responder<S> {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.atender(request).para_template()
    }
}

#[cfg(test)]
mod testes {
    use super::*;

    #[test]
    fn proximas_antes_da_taxa_e_status_fora_de_4xx_5xx_vira_500() {
        let mut f = Falhas::default();
        f.definir_taxa_de_falhas(1.0, 503, 1);
        f.falhar_proximas(2, 200);
        assert_eq!(f.falha_antes(), Some(500));
        assert_eq!(f.falha_antes(), Some(500));
        assert_eq!(f.falha_antes(), Some(503));
        f.definir_taxa_de_falhas(f64::NAN, 503, 1);
        assert_eq!(f.falha_antes(), None);
        f.perder_proximas_respostas(1, RespostaPerdida::Status(99));
        assert_eq!(f.perdas.front(), Some(&RespostaPerdida::Status(500)));
        f.limpar();
        assert!(f.perdas.is_empty() && f.proximas.is_empty() && f.taxa.is_none());
    }

    #[test]
    fn taxa_reprodutivel_com_a_mesma_semente() {
        let sequencia = |semente| {
            let mut f = Falhas::default();
            f.definir_taxa_de_falhas(0.5, 502, semente);
            (0..40).map(|_| f.falha_antes()).collect::<Vec<_>>()
        };
        let a = sequencia(9);
        assert_eq!(a, sequencia(9));
        let falhas = a.iter().filter(|s| s.is_some()).count();
        assert!((1..40).contains(&falhas), "{a:?}");
    }
}
