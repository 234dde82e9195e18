//! The retry budget (`RetryBudget`, a token bucket shared by a core's clones) and the
//! concurrency limit, under a sustained failure: 64 tasks against a server answering 503,
//! counting the requests that reached it.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use renave_http::{
    CoreConfig, HttpCore, HttpError, HttpMethod, Idempotency, RequestSpec, RetryBudget,
    RetryPolicy, TimeoutKind, Timeouts, TransportBuilder,
};
use renave_simulador::ServidorMock;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TAREFAS: usize = 64;
/// Attempts per call the policy allows (the first included).
const TENTATIVAS: u32 = 5;

fn politica() -> RetryPolicy {
    RetryPolicy {
        max_attempts: TENTATIVAS,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(1),
        jitter: true,
    }
}

fn core(uri: &str, ajuste: impl FnOnce(&mut CoreConfig)) -> HttpCore {
    let base = url::Url::parse(&format!("{uri}/api/")).unwrap();
    let mut config = CoreConfig::new(base, "renave-rs-test/1.0");
    config.retry = politica();
    config.timeouts = Timeouts {
        connect: Duration::from_secs(5),
        per_attempt: Duration::from_secs(20),
        operation: Duration::from_secs(60),
    };
    ajuste(&mut config);
    let client = TransportBuilder::default()
        .allow_http(true)
        .connect_timeout(config.timeouts.connect)
        .build()
        .unwrap();
    HttpCore::new(config, client)
}

fn leitura() -> RequestSpec {
    RequestSpec::new(
        "consultar_teste",
        HttpMethod::Get,
        "teste",
        "teste".to_owned(),
        Idempotency::Idempotent,
    )
}

/// `TAREFAS` concurrent reads through clones of `core`; their statuses.
async fn rajada(core: &HttpCore) -> Vec<u16> {
    let tarefas: Vec<_> = (0..TAREFAS)
        .map(|_| {
            let c = core.clone();
            tokio::spawn(async move { c.send(&leitura()).await.unwrap().status() })
        })
        .collect();
    let mut status = Vec::new();
    for t in tarefas {
        status.push(t.await.unwrap());
    }
    status
}

async fn servidor_503() -> ServidorMock {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    server
}

async fn pedidos(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sem_orcamento_cada_chamada_tenta_todas_as_vezes() {
    let server = servidor_503().await;
    let core = core(&server.uri(), |c| c.retry_budget = None);
    let status = rajada(&core).await;
    assert!(status.iter().all(|s| *s == 503));
    let n = pedidos(&server).await;
    println!("no budget: {TAREFAS} calls × {TENTATIVAS} attempts = {n} requests");
    assert_eq!(n, TAREFAS * TENTATIVAS as usize);
    assert_eq!(core.retry_budget_available(), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orcamento_limita_os_retries_de_todas_as_tarefas() {
    let server = servidor_503().await;
    let orcamento = RetryBudget {
        capacidade: 50,
        ..RetryBudget::default()
    };
    let core = core(&server.uri(), |c| c.retry_budget = Some(orcamento));
    let status = rajada(&core).await;
    // Every call still gets the server's answer (a 503), never a made-up error.
    assert!(status.iter().all(|s| *s == 503));
    let n = pedidos(&server).await;
    println!(
        "budget of 50 tokens (5 per retry): {TAREFAS} calls → {n} requests \
         (first attempts + {} retries), versus {} without a budget",
        n - TAREFAS,
        TAREFAS * TENTATIVAS as usize
    );
    assert_eq!(n, TAREFAS + orcamento.retries_seguidos() as usize);
    assert_eq!(core.retry_budget_available(), Some(0));

    // Drained: a new burst sends first attempts only.
    rajada(&core).await;
    assert_eq!(pedidos(&server).await, n + TAREFAS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orcamento_padrao_limita_e_sucessos_recarregam() {
    let server = servidor_503().await;
    let core = core(&server.uri(), |_| {});
    rajada(&core).await;
    let n = pedidos(&server).await;
    let padrao = RetryBudget::default();
    println!(
        "default budget (500 tokens, 5 per retry): {TAREFAS} calls × up to {TENTATIVAS} \
         attempts → {n} requests"
    );
    assert_eq!(n, TAREFAS + padrao.retries_seguidos() as usize);
    assert_eq!(core.retry_budget_available(), Some(0));

    // The server recovers: each answer that is not a failure puts one token back.
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let status = rajada(&core).await;
    assert!(status.iter().all(|s| *s == 200));
    assert_eq!(
        core.retry_budget_available(),
        Some(u32::try_from(TAREFAS).unwrap() * padrao.recarga_sucesso)
    );
}

/// A tiny HTTP/1.1 server answering 200 after `atraso`, counting the requests it holds at once
/// (the peak is kept).
async fn servidor_lento(atraso: Duration) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let uri = format!("http://{}", listener.local_addr().unwrap());
    let agora = Arc::new(AtomicUsize::new(0));
    let pico = Arc::new(AtomicUsize::new(0));
    let pico_retorno = Arc::clone(&pico);
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let (agora, pico) = (Arc::clone(&agora), Arc::clone(&pico));
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut pedaco = [0u8; 1024];
                loop {
                    // One request head per exchange (GET: no body).
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut pedaco).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&pedaco[..n]),
                        }
                    }
                    let fim = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
                    buf.drain(..fim);
                    let n = agora.fetch_add(1, Ordering::SeqCst) + 1;
                    pico.fetch_max(n, Ordering::SeqCst);
                    tokio::time::sleep(atraso).await;
                    agora.fetch_sub(1, Ordering::SeqCst);
                    if stream
                        .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n")
                        .await
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    (uri, pico_retorno)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limite_de_concorrencia_e_respeitado() {
    let (uri, pico) = servidor_lento(Duration::from_millis(50)).await;
    let core = core(&uri, |c| c.concurrency_limit = Some(4));
    let status = rajada(&core).await;
    assert!(status.iter().all(|s| *s == 200));
    let pico = pico.load(Ordering::SeqCst);
    println!("concurrency limit 4: {TAREFAS} calls, at most {pico} requests in flight");
    assert!((1..=4).contains(&pico), "{pico} requests in flight");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn espera_por_vaga_limitada_pelo_prazo() {
    let (uri, _) = servidor_lento(Duration::from_secs(30)).await;
    let core = core(&uri, |c| {
        c.concurrency_limit = Some(1);
        c.timeouts.operation = Duration::from_secs(2);
        c.timeouts.per_attempt = Duration::from_secs(2);
    });
    let ocupa = {
        let c = core.clone();
        let longa = leitura().with_timeouts(Timeouts {
            connect: Duration::from_secs(5),
            per_attempt: Duration::from_secs(60),
            operation: Duration::from_secs(60),
        });
        tokio::spawn(async move { c.send(&longa).await })
    };
    // The first request holds the only slot; give it a moment to take it.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let erro = tokio::time::timeout(Duration::from_secs(30), core.send(&leitura()))
        .await
        .expect("the wait for a slot ends at the operation deadline")
        .unwrap_err();
    assert!(
        matches!(
            erro,
            HttpError::Timeout {
                attempts: 0,
                may_have_executed: false,
                kind: TimeoutKind::Operation,
                ..
            }
        ),
        "{erro:?}"
    );
    ocupa.abort();
}
