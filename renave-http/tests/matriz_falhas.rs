//! The request core against every fault of the hostile server (`renave_http::hostil`), for a
//! state-changing `POST` and an idempotent `GET`: the number of times the request reached the
//! server equals the attempts the core reports (no library below the core resends on its
//! own), a state-changing request reaches the server at most once (decision D6), every call
//! ends inside its operation deadline, and each fault yields its typed outcome.
#![cfg(feature = "fixtures")]
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use bytes::Bytes;
use renave_http::hostil::{Falha, ServidorHostil};
use renave_http::{
    CoreConfig, HttpCore, HttpError, HttpMethod, Idempotency, RequestSpec, RetryPolicy, Timeouts,
};
use serde_json::json;

const POR_TENTATIVA: Duration = Duration::from_millis(400);
const PRAZO: Duration = Duration::from_secs(3);
/// Slack for a loaded 2-core machine: the bound is the deadline, this only absorbs scheduling.
const FOLGA: Duration = Duration::from_secs(2);

fn falhas() -> Vec<Falha> {
    vec![
        Falha::RecusaConexao,
        Falha::AceitaESilencia,
        Falha::CabecalhosETrava,
        Falha::CorpoInfinito,
        Falha::CorpoTruncado,
        Falha::ResetAposLeitura,
        Falha::html(502),
        Falha::Resposta {
            status: 503,
            cabecalhos: vec![("retry-after".into(), "1".into())],
            corpo: Bytes::new(),
        },
        Falha::Resposta {
            status: 429,
            cabecalhos: vec![("retry-after".into(), "Wed, 21 Oct 2015 07:28:00 GMT".into())],
            corpo: Bytes::new(),
        },
        Falha::json(
            500,
            &json!({"titulo": "Erro interno", "logIdRastreabilidade": "abc"}),
        ),
        Falha::RespostaAtrasada {
            atraso: Duration::from_secs(10),
            corpo: Bytes::from_static(b"{}"),
        },
        Falha::H2RecusaStream,
        Falha::H2Goaway,
    ]
}

/// What one call came to: an answer's status or an error, with the attempts reported.
#[derive(Debug)]
enum Fim {
    Resposta { status: u16, tentativas: u32 },
    Erro(HttpError),
}

impl Fim {
    fn tentativas(&self) -> u32 {
        match self {
            Self::Resposta { tentativas, .. } => *tentativas,
            Self::Erro(e) => e.attempts(),
        }
    }
}

async fn chamar(falha: &Falha, idempotencia: Idempotency) -> (Fim, usize, Duration) {
    let servidor = ServidorHostil::iniciar(falha.clone()).await;
    let mut config = CoreConfig::new(servidor.url().clone(), "matriz");
    config.timeouts = Timeouts {
        connect: Duration::from_millis(300),
        per_attempt: POR_TENTATIVA,
        operation: PRAZO,
    };
    config.retry = RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        max_retry_after: Duration::from_millis(50),
        jitter: false,
    };
    config.max_response_bytes = 64 * 1024;
    let core = HttpCore::from_transport(config, servidor.transporte()).unwrap();
    let spec = match idempotencia {
        Idempotency::StateChanging => RequestSpec::new(
            "registrar_x",
            HttpMethod::Post,
            "registrar-x",
            "registrar-x".into(),
            idempotencia,
        )
        .json_body(&json!({"chassi": "9BWZZZ377VT004251"}))
        .unwrap(),
        Idempotency::Idempotent => RequestSpec::new(
            "consultar_x",
            HttpMethod::Get,
            "consultar-x",
            "consultar-x".into(),
            idempotencia,
        ),
    };
    let inicio = Instant::now();
    let fim = match core.send(&spec).await {
        Ok(r) => Fim::Resposta {
            status: r.status(),
            tentativas: r.attempts(),
        },
        Err(e) => Fim::Erro(e),
    };
    let decorrido = inicio.elapsed();
    // Let a late library-level resend land before counting.
    tokio::time::sleep(Duration::from_millis(100)).await;
    (fim, servidor.requisicoes(), decorrido)
}

/// The typed outcome each fault must give (same for both methods, the attempts aside).
fn conferir_tipo(falha: &Falha, idempotencia: Idempotency, fim: &Fim) {
    let ctx = format!("{falha:?} / {idempotencia:?}: {fim:?}");
    match falha {
        Falha::RecusaConexao => {
            assert!(
                matches!(fim, Fim::Erro(e) if e.is_connect() && !e.may_have_executed()),
                "{ctx}"
            );
        }
        Falha::AceitaESilencia | Falha::CabecalhosETrava | Falha::RespostaAtrasada { .. } => {
            assert!(
                matches!(fim, Fim::Erro(e) if e.is_timeout() && e.may_have_executed()),
                "{ctx}"
            );
        }
        Falha::CorpoInfinito => {
            assert!(
                matches!(fim, Fim::Erro(HttpError::ResponseTooLarge { .. })),
                "{ctx}"
            );
        }
        Falha::CorpoTruncado
        | Falha::ResetAposLeitura
        | Falha::H2RecusaStream
        | Falha::H2Goaway => {
            assert!(
                matches!(
                    fim,
                    Fim::Erro(HttpError::Transport {
                        may_have_executed: true,
                        ..
                    })
                ),
                "{ctx}"
            );
        }
        Falha::Resposta { status, .. } => {
            assert!(
                matches!(fim, Fim::Resposta { status: s, .. } if s == status),
                "{ctx}"
            );
        }
        outra => panic!("no expectation for {outra:?}"),
    }
}

async fn celula(falha: Falha, idempotencia: Idempotency) {
    let (fim, recebidas, decorrido) = chamar(&falha, idempotencia).await;
    let ctx = format!("{falha:?} / {idempotencia:?}: {fim:?}, received {recebidas}");
    assert!(decorrido <= PRAZO + FOLGA, "{ctx}: took {decorrido:?}");
    conferir_tipo(&falha, idempotencia, &fim);
    if falha == Falha::RecusaConexao {
        assert_eq!(recebidas, 0, "{ctx}");
        return;
    }
    // The core's count is the truth: no layer below it sent the request again.
    assert_eq!(u32::try_from(recebidas).unwrap(), fim.tentativas(), "{ctx}");
    if idempotencia == Idempotency::StateChanging {
        assert_eq!(recebidas, 1, "a state-changing request is sent once: {ctx}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cada_falha_post_chega_no_maximo_uma_vez() {
    let tarefas: Vec<_> = falhas()
        .into_iter()
        .map(|f| tokio::spawn(celula(f, Idempotency::StateChanging)))
        .collect();
    esperar_todas(tarefas).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cada_falha_get_chega_tantas_vezes_quanto_as_tentativas_contadas() {
    let tarefas: Vec<_> = falhas()
        .into_iter()
        .map(|f| tokio::spawn(celula(f, Idempotency::Idempotent)))
        .collect();
    esperar_todas(tarefas).await;
}

/// Waits for every cell and fails with the list of the cells that failed (not just the first).
async fn esperar_todas(tarefas: Vec<tokio::task::JoinHandle<()>>) {
    let mut falhas = Vec::new();
    for t in tarefas {
        if let Err(e) = t.await {
            falhas.push(e.to_string());
        }
    }
    assert!(
        falhas.is_empty(),
        "{} cell(s) failed (see the panics above)",
        falhas.len()
    );
}
