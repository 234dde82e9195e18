//! The CET-MG token under stress (decision D4): 1,000 concurrent calls on a cold client, across
//! an expiry, with the token endpoint failing, slow, or answering the gateway's 401, and with
//! the gateway revoking the token in use. The requests to `gerar-token` are counted: one
//! renewal serves every caller, a failed renewal is shared by the callers waiting on it, and
//! every call ends inside its deadline with the real error, never a timeout.
#![allow(clippy::unwrap_used)]

mod comum;

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::{Duration, Instant};

use comum::*;
use renave_mg_client::{ClienteCetMg, Erro, Timeouts};
use renave_simulador::ServidorMock;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const CHAMADAS: usize = 1_000;

/// The bursts run one at a time, each on its own two-worker runtime: two bursts of 1,000 tasks
/// at once on a 2-core machine only measure the machine. Each server is a `ServidorMock`: a
/// burst ends by awaiting 1,000 finished tasks in a row, which can leave the test task's tokio
/// budget spent, and a bare `MockServer` dropped then spins forever (a CI run hung here until
/// its time limit; `renave_simulador::servidor_mock` explains it).
fn em_serie<F: std::future::Future<Output = ()>>(teste: F) {
    static SERIE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _vez = SERIE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(teste);
}
const PRAZO: Duration = Duration::from_secs(20);
/// Scheduling slack on a loaded 2-core machine; the bound is the deadline.
const FOLGA: Duration = Duration::from_secs(5);

/// `consultar-cores` answering success to any bearer token.
async fn montar_cores(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"codigo_retorno": "000", "dados": [{"codigo": "01", "descricao": "AMARELO"}]}),
        ))
        .mount(server)
        .await;
}

fn cliente_com_prazo(server: &MockServer) -> ClienteCetMg {
    builder(server)
        .prazos(Timeouts {
            connect: Duration::from_secs(5),
            per_attempt: PRAZO,
            operation: PRAZO,
        })
        .build()
        .unwrap()
}

/// Requests the server received at `gerar-token`.
async fn pedidos_de_token(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().ends_with("gerar-token"))
        .count()
}

/// Fires `CHAMADAS` concurrent `consultar_cores` calls; every result with its elapsed time.
async fn rajada(cliente: &ClienteCetMg) -> Vec<(Result<(), Erro>, Duration)> {
    let tarefas: Vec<_> = (0..CHAMADAS)
        .map(|_| {
            let c = cliente.clone();
            tokio::spawn(async move {
                let inicio = Instant::now();
                let r = c.consultar_cores().await.map(|_| ());
                (r, inicio.elapsed())
            })
        })
        .collect();
    let mut fins = Vec::with_capacity(CHAMADAS);
    for t in tarefas {
        fins.push(t.await.unwrap());
    }
    fins
}

fn todas_no_prazo(fins: &[(Result<(), Erro>, Duration)]) {
    let pior = fins.iter().map(|(_, d)| *d).max().unwrap();
    assert!(pior <= PRAZO + FOLGA, "slowest call took {pior:?}");
}

#[test]
fn mil_chamadas_frias_um_pedido_de_token_e_outro_apos_a_expiracao() {
    em_serie(mil_chamadas_frias_um_pedido_de_token_e_outro_apos_a_expiracao_corpo());
}

async fn mil_chamadas_frias_um_pedido_de_token_e_outro_apos_a_expiracao_corpo() {
    let server = ServidorMock::from(MockServer::builder().start().await);
    let contador = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(TokensEmSequencia {
            contador: Arc::clone(&contador),
            expires_in: 2,
            atraso: Duration::from_millis(200),
        })
        .mount(&server)
        .await;
    montar_cores(&server).await;
    let cliente = builder(&server)
        .prazos(Timeouts {
            connect: Duration::from_secs(5),
            per_attempt: PRAZO,
            operation: PRAZO,
        })
        .margem_renovacao(Duration::from_millis(500))
        .build()
        .unwrap();

    let fins = rajada(&cliente).await;
    todas_no_prazo(&fins);
    assert!(fins.iter().all(|(r, _)| r.is_ok()));
    assert_eq!(pedidos_de_token(&server).await, 1, "cold burst");
    println!("cold burst: {CHAMADAS} callers, 1 gerar-token request");

    // Past the token's expiry (2 s): the next burst renews exactly once.
    tokio::time::sleep(Duration::from_millis(2_200)).await;
    let fins = rajada(&cliente).await;
    todas_no_prazo(&fins);
    assert!(fins.iter().all(|(r, _)| r.is_ok()));
    assert_eq!(pedidos_de_token(&server).await, 2, "burst after the expiry");
    println!("burst after the expiry: {CHAMADAS} callers, 1 more gerar-token request");
}

/// A token endpoint failing with `status` and `corpo` after `atraso`.
async fn token_falhando(
    server: &MockServer,
    status: u16,
    corpo: serde_json::Value,
    atraso: Duration,
) {
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_json(corpo)
                .set_delay(atraso),
        )
        .mount(server)
        .await;
}

async fn falha_compartilhada(status: u16, corpo: serde_json::Value, atraso: Duration) {
    let server = ServidorMock::from(MockServer::builder().start().await);
    token_falhando(&server, status, corpo, atraso).await;
    montar_cores(&server).await;
    let cliente = cliente_com_prazo(&server);
    let fins = rajada(&cliente).await;
    todas_no_prazo(&fins);
    for (r, _) in &fins {
        let e = r.as_ref().unwrap_err();
        assert_eq!(
            e.status(),
            Some(status),
            "the real error, not a timeout: {e}"
        );
    }
    let pedidos = pedidos_de_token(&server).await;
    let pior = fins.iter().map(|(_, d)| *d).max().unwrap_or_default();
    println!(
        "token {status} (delay {atraso:?}): {CHAMADAS} cold callers, {pedidos} gerar-token \
         request(s), every caller got HTTP {status}, slowest call {pior:?}"
    );
    // One renewal, and at most one more per pause that elapsed while the burst ran (the
    // burst is short next to the pause): bounded, never once per caller.
    assert!(
        (1..=3).contains(&pedidos),
        "{pedidos} gerar-token requests for {CHAMADAS} callers"
    );
}

#[test]
fn token_500_compartilhado_por_mil_chamadas() {
    em_serie(token_500_compartilhado_por_mil_chamadas_corpo());
}

async fn token_500_compartilhado_por_mil_chamadas_corpo() {
    falha_compartilhada(500, json!({"erro": "indisponivel"}), Duration::ZERO).await;
}

#[test]
fn token_lento_e_500_da_o_erro_real_a_todas() {
    em_serie(token_lento_e_500_da_o_erro_real_a_todas_corpo());
}

async fn token_lento_e_500_da_o_erro_real_a_todas_corpo() {
    falha_compartilhada(500, json!({"erro": "indisponivel"}), Duration::from_secs(1)).await;
}

#[test]
fn token_401_do_gateway_compartilhado() {
    em_serie(token_401_do_gateway_compartilhado_corpo());
}

async fn token_401_do_gateway_compartilhado_corpo() {
    falha_compartilhada(
        401,
        json!({"code": "900901", "message": "Invalid Credentials", "description": "Invalid Credentials. Make sure you have given the correct access token"}),
        Duration::ZERO,
    )
    .await;
}

/// The gateway revokes `tok-1`: every caller holding it gets a 401, and all of them share one
/// renewal (to `tok-2`) and resend once.
#[test]
fn token_revogado_uma_renovacao_para_todos() {
    em_serie(token_revogado_uma_renovacao_para_todos_corpo());
}

async fn token_revogado_uma_renovacao_para_todos_corpo() {
    struct Cores;
    impl Respond for Cores {
        fn respond(&self, r: &Request) -> ResponseTemplate {
            let auth = r
                .headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if auth == "Bearer tok-1" {
                ResponseTemplate::new(401)
                    .set_body_json(json!({"code": "900901", "message": "Invalid Credentials"}))
            } else {
                ResponseTemplate::new(200)
                    .set_body_json(json!({"codigo_retorno": "000", "dados": []}))
            }
        }
    }
    let server = ServidorMock::from(MockServer::builder().start().await);
    let contador = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(TokensEmSequencia {
            contador: Arc::clone(&contador),
            expires_in: 3600,
            atraso: Duration::from_millis(100),
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(Cores)
        .mount(&server)
        .await;
    let cliente = cliente_com_prazo(&server);
    let fins = rajada(&cliente).await;
    todas_no_prazo(&fins);
    let falhas: Vec<String> = fins
        .iter()
        .filter_map(|(r, _)| r.as_ref().err().map(ToString::to_string))
        .collect();
    assert!(
        falhas.is_empty(),
        "{} failed, e.g. {:?}",
        falhas.len(),
        falhas.first()
    );
    assert_eq!(
        pedidos_de_token(&server).await,
        2,
        "tok-1 for the cold burst, tok-2 once for every caller refused"
    );
}
