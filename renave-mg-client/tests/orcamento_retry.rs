//! The builder's retry budget (`orcamento_retentativas`) and concurrency limit
//! (`limite_concorrencia`) reach the request core: 64 tasks against `consultar-cores` answering
//! 503, counting the requests.
#![allow(clippy::unwrap_used)]

mod comum;

use std::time::Duration;

use comum::*;
use renave_mg_client::{RetryBudget, RetryPolicy};
use renave_simulador::ServidorMock;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const TAREFAS: usize = 64;

async fn rajada_503(orcamento: Option<RetryBudget>) -> usize {
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 1).await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let cliente = builder(&server)
        .retentativas(RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
            max_retry_after: Duration::from_secs(1),
            jitter: true,
        })
        .orcamento_retentativas(orcamento)
        .limite_concorrencia(Some(8))
        .build()
        .unwrap();
    let tarefas: Vec<_> = (0..TAREFAS)
        .map(|_| {
            let c = cliente.clone();
            tokio::spawn(async move { c.consultar_cores().await.unwrap_err().status() })
        })
        .collect();
    for t in tarefas {
        assert_eq!(t.await.unwrap(), Some(503));
    }
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().ends_with("consultar-cores"))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orcamento_do_builder_limita_os_retries() {
    let orcamento = RetryBudget {
        capacidade: 20,
        ..RetryBudget::default()
    };
    // The bucket is full when the token arrives: 20 tokens, 5 per retry → 4 retries.
    assert_eq!(rajada_503(Some(orcamento)).await, TAREFAS + 4);
    assert_eq!(rajada_503(None).await, TAREFAS * 3);
}
