//! The builder's retry budget (`orcamento_retentativas`) and concurrency limit
//! (`limite_concorrencia`) reach the request core: 64 tasks against a read answering 503,
//! counting the requests.
#![allow(clippy::unwrap_used)]

mod comum;

use comum::*;
use renave_simulador::ServidorMock;
use renave_ws_client::RetryBudget;
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

const TAREFAS: usize = 64;

async fn rajada_503(orcamento: Option<RetryBudget>) -> usize {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let cliente = builder_wiremock(&server)
        .orcamento_retentativas(orcamento)
        .limite_concorrencia(Some(8))
        .build()
        .unwrap();
    let tarefas: Vec<_> = (0..TAREFAS)
        .map(|_| {
            let c = cliente.clone();
            tokio::spawn(async move {
                c.consultar_cliente_autenticado()
                    .await
                    .unwrap_err()
                    .status()
            })
        })
        .collect();
    for t in tarefas {
        assert_eq!(t.await.unwrap(), Some(503));
    }
    server.received_requests().await.unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orcamento_do_builder_limita_os_retries() {
    let orcamento = RetryBudget {
        capacidade: 20,
        ..RetryBudget::default()
    };
    // 20 tokens, 5 per retry → 4 retries for the 64 calls together.
    assert_eq!(rajada_503(Some(orcamento)).await, TAREFAS + 4);
    // Without a budget, each call makes the policy's 3 attempts.
    assert_eq!(rajada_503(None).await, TAREFAS * 3);
}
