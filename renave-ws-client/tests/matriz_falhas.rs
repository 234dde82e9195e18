//! The fault matrix of the Renave-WS client: every operation × every fault of the hostile server
//! (`renave_http::hostil`) and the gateway/service error bodies. Each cell asserts the typed
//! error, how many times the request reached the server (a state-changing request at most
//! once, decision D6; a read as many times as the core counted attempts) and that the call
//! ended inside its operation deadline.
//!
//! Renave-WS has no token: every request the server reads is the operation under test.
#![cfg(feature = "simulador")]
#![allow(clippy::unwrap_used)]

mod chamadas;

use std::time::{Duration, Instant};

use renave_http::HttpError;
use renave_http::hostil::{Falha, ServidorHostil, rodar_matriz};
use renave_ws_client::simulador::fixtures::{self, Operacao};
use renave_ws_client::{Ambiente, ClienteRenaveWs, Erro, Idempotency, RetryPolicy, Timeouts};
use serde_json::json;

const TENTATIVAS: u32 = 3;
const POR_TENTATIVA: Duration = Duration::from_secs(2);
const PRAZO: Duration = Duration::from_secs(5);
/// Scheduling slack on a loaded 2-core machine; the bound is the deadline.
const FOLGA: Duration = Duration::from_secs(3);
/// Cells run at once (each with its own server).
const PARALELO: usize = 24;

/// The sixteen faults, with this API's own 422 and 500 error bodies.
fn falhas() -> Vec<Falha> {
    Falha::matriz(
        &json!({"titulo": "Erro de negócio", "detalhe": "Veículo já possui estoque ativo", "mensagemParaUsuarioFinal": "Veículo já está em estoque", "logIdRastreabilidade": "a1b2c3"}),
        &json!({"titulo": "Erro interno", "logIdRastreabilidade": "a1b2c3", "dataHora": "2026-12-03T10:00:00"}),
    )
}

fn cliente(servidor: &ServidorHostil) -> ClienteRenaveWs {
    ClienteRenaveWs::builder()
        .ambiente(Ambiente::Local(servidor.url().clone()))
        .cliente_http(
            servidor
                .transporte()
                .connect_timeout(Duration::from_millis(1500))
                .build()
                .unwrap(),
        )
        .retentativas(RetryPolicy {
            max_attempts: TENTATIVAS,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
            max_retry_after: Duration::from_millis(50),
            jitter: false,
        })
        .prazos(Timeouts {
            connect: Duration::from_millis(1500),
            per_attempt: POR_TENTATIVA,
            operation: PRAZO,
        })
        .limite_resposta_bytes(64 * 1024)
        .build()
        .unwrap()
}

/// One cell; `Err` describes what went wrong (every failing cell is listed at the end).
async fn celula(op: &'static Operacao, falha: Falha) -> Result<(), String> {
    let servidor = ServidorHostil::iniciar(falha.clone()).await;
    let c = cliente(&servidor);
    let muda_estado = op.endpoint().idempotency == Idempotency::StateChanging;
    let inicio = Instant::now();
    let resultado = chamadas::chamar(op.nome(), c).await;
    let decorrido = inicio.elapsed();
    tokio::time::sleep(Duration::from_millis(50)).await;
    let na_operacao = servidor.requisicoes();
    let ctx = format!(
        "{} × {falha:?}: {resultado:?}, {na_operacao} request(s) at the operation, {decorrido:?}",
        op.nome()
    );
    let Err(erro) = resultado else {
        return Err(format!("{ctx}: succeeded"));
    };
    if decorrido > PRAZO + FOLGA {
        return Err(format!("{ctx}: outlived its deadline"));
    }
    // What the error must be, and how many requests the server may have read.
    let esperado_ok = match (&falha, &erro) {
        (Falha::RecusaConexao, Erro::Transporte { fonte, .. }) => {
            fonte.is_connect() && !erro.resultado_incerto() && na_operacao == 0
        }
        (
            Falha::AceitaESilencia | Falha::CabecalhosETrava | Falha::RespostaAtrasada { .. },
            Erro::Transporte { fonte, .. },
        ) => fonte.is_timeout() && erro.resultado_incerto() == muda_estado,
        (Falha::CorpoInfinito, Erro::Transporte { fonte, .. }) => {
            matches!(fonte, HttpError::ResponseTooLarge { .. })
        }
        (
            Falha::CorpoTruncado
            | Falha::ResetAposLeitura
            | Falha::H2RecusaStream
            | Falha::H2Goaway,
            Erro::Transporte { fonte, .. },
        ) => {
            matches!(fonte, HttpError::Transport { .. }) && erro.resultado_incerto() == muda_estado
        }
        (Falha::Resposta { status, .. }, e) => {
            let incerto_esperado = muda_estado && matches!(status, 500 | 502 | 504);
            e.status() == Some(*status) && e.resultado_incerto() == incerto_esperado
        }
        _ => false,
    };
    if !esperado_ok {
        return Err(format!("{ctx}: not the typed error this fault gives"));
    }
    // How many times the operation's request reached the server.
    let tentativas = match &erro {
        Erro::Transporte { fonte, .. } => Some(fonte.attempts()),
        _ => None,
    };
    let esperadas = match (&falha, tentativas) {
        (Falha::RecusaConexao, _) => 0,
        (_, _) if muda_estado => 1,
        (_, Some(n)) => usize::try_from(n).unwrap(),
        // A read answered with a status the core retries (429/502/503) is sent every time.
        (
            Falha::Resposta {
                status: 429 | 502 | 503 | 504,
                ..
            },
            None,
        ) => usize::try_from(TENTATIVAS).unwrap(),
        (_, None) => 1,
    };
    if na_operacao != esperadas {
        return Err(format!("{ctx}: expected {esperadas} request(s)"));
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cada_operacao_sob_cada_falha() {
    let operacoes: Vec<&'static Operacao> = fixtures::todas().iter().collect();
    assert_eq!(operacoes.len(), 83, "every operation of the three groups");
    let celulas: Vec<(&'static Operacao, Falha)> = operacoes
        .iter()
        .flat_map(|op| falhas().into_iter().map(move |f| (*op, f)))
        .collect();
    let total = celulas.len();
    let inicio = Instant::now();
    let falhas_encontradas = rodar_matriz(celulas, PARALELO, |(op, f)| celula(op, f)).await;
    println!(
        "fault matrix: {} operations x {} faults = {total} cells, {} failed, {:.1?}",
        operacoes.len(),
        falhas().len(),
        falhas_encontradas.len(),
        inicio.elapsed()
    );
    assert!(
        falhas_encontradas.is_empty(),
        "{} of {total} cells failed:\n{}",
        falhas_encontradas.len(),
        falhas_encontradas.join("\n")
    );
}
