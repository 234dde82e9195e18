//! Token failures (decision D4): a token store that does not answer never holds an operation
//! past its deadline, and a failing `gerar-token` is shared by every caller waiting on it
//! instead of being repeated by each of them.
#![allow(clippy::unwrap_used)]

mod comum;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use comum::*;
use renave_mg_client::operacoes::estoque::ComunicacaoVendaEntradaEstoque;
use renave_mg_client::{
    ArmazenamentoToken, ArmazenamentoTokenMemoria, CausaErro, ClienteCetMg, Erro, Timeouts,
    TokenAcesso,
};
use renave_simulador::ServidorMock;
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The operation deadline of the store tests.
const PRAZO: Duration = Duration::from_secs(2);
/// What the store tests tolerate beyond the deadline (a loaded 2-core machine).
const FOLGA: Duration = Duration::from_secs(3);
/// A guard around every call, so a regression fails the test instead of hanging it.
const GUARDA: Duration = Duration::from_secs(30);

fn com_prazo(server: &MockServer, operacao: Duration) -> renave_mg_client::ClienteCetMgBuilder {
    builder(server).prazos(Timeouts {
        connect: Duration::from_secs(1),
        per_attempt: operacao,
        operation: operacao,
    })
}

async fn montar_cores(server: &MockServer, n: u64) {
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"codigo": 1}])))
        .expect(n)
        .mount(server)
        .await;
}

async fn pedidos(server: &MockServer, rota: &str) -> usize {
    let sufixo = caminho(rota);
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|p| p.url.path() == sufixo)
        .count()
}

/// A store whose chosen calls never return; the others go to memory.
#[derive(Debug, Default)]
struct ArmazenamentoTravado {
    get: bool,
    put: bool,
    invalidate: bool,
    memoria: ArmazenamentoTokenMemoria,
}

#[async_trait::async_trait]
impl ArmazenamentoToken for ArmazenamentoTravado {
    async fn get(&self) -> Result<Option<TokenAcesso>, CausaErro> {
        if self.get {
            std::future::pending::<()>().await;
        }
        self.memoria.get().await
    }
    async fn put(&self, token: TokenAcesso) -> Result<(), CausaErro> {
        if self.put {
            std::future::pending::<()>().await;
        }
        self.memoria.put(token).await
    }
    async fn invalidate(&self, rejeitado: &TokenAcesso) -> Result<(), CausaErro> {
        if self.invalidate {
            std::future::pending::<()>().await;
        }
        self.memoria.invalidate(rejeitado).await
    }
}

#[tokio::test]
async fn get_sem_resposta_e_sem_token_falha_dentro_do_prazo() {
    let server = ServidorMock::iniciar().await;
    let cliente = com_prazo(&server, PRAZO)
        .armazenamento_token(Arc::new(ArmazenamentoTravado {
            get: true,
            ..ArmazenamentoTravado::default()
        }))
        .build()
        .unwrap();
    let inicio = Instant::now();
    let erro = tokio::time::timeout(GUARDA, cliente.consultar_cores())
        .await
        .expect("the call must end within its deadline, not wait for the store")
        .unwrap_err();
    let gasto = inicio.elapsed();
    assert!(gasto < PRAZO + FOLGA, "{gasto:?}");
    // Nothing was sent: neither a token request nor the operation.
    assert!(server.received_requests().await.unwrap().is_empty());
    assert!(
        matches!(&erro, Erro::ArmazenamentoTokenSemResposta { operacao, prazo }
            if operacao == "consultar_cores" && *prazo == PRAZO),
        "{erro:?}"
    );
    assert!(!erro.resultado_incerto(), "{erro:?}");
    assert!(erro.is_retryable(), "{erro:?}");
    assert!(
        erro.to_string().contains("token store did not answer"),
        "{erro}"
    );
}

#[tokio::test]
async fn put_sem_resposta_nao_bloqueia_a_operacao() {
    let server = ServidorMock::iniciar().await;
    let contador = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(TokensEmSequencia {
            contador: Arc::clone(&contador),
            expires_in: 3600,
            atraso: Duration::ZERO,
        })
        .mount(&server)
        .await;
    montar_cores(&server, 5).await;
    let cliente = com_prazo(&server, PRAZO)
        .armazenamento_token(Arc::new(ArmazenamentoTravado {
            put: true,
            ..ArmazenamentoTravado::default()
        }))
        .build()
        .unwrap();
    let inicio = Instant::now();
    let mut tarefas = tokio::task::JoinSet::new();
    for _ in 0..5 {
        let c = cliente.clone();
        tarefas.spawn(async move { tokio::time::timeout(GUARDA, c.consultar_cores()).await });
    }
    while let Some(r) = tarefas.join_next().await {
        r.unwrap()
            .expect("the call must not wait for the store's put")
            .unwrap();
    }
    let gasto = inicio.elapsed();
    assert!(gasto < PRAZO + FOLGA, "{gasto:?}");
    // The store never kept the token, yet the callers that waited for the renewal shared it.
    assert_eq!(contador.load(Ordering::SeqCst), 1);
    server.verify().await;
}

/// Answers 401 to `tok-1`, 200 to anything else.
struct RecusaPrimeiroToken;

impl Respond for RecusaPrimeiroToken {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let auth = req
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if auth == "Bearer tok-1" {
            ResponseTemplate::new(401)
                .set_body_json(json!({"code": "900901", "message": "Invalid Credentials"}))
        } else {
            ResponseTemplate::new(200).set_body_json(json!({"codigo_retorno": "000"}))
        }
    }
}

#[tokio::test]
async fn invalidate_sem_resposta_nao_bloqueia_a_operacao() {
    let server = ServidorMock::iniciar().await;
    let contador = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(TokensEmSequencia {
            contador: Arc::clone(&contador),
            expires_in: 3600,
            atraso: Duration::ZERO,
        })
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(caminho("registrar-comunicacao-venda-entrada-estoque")))
        .respond_with(RecusaPrimeiroToken)
        .expect(2)
        .mount(&server)
        .await;
    let cliente = com_prazo(&server, PRAZO)
        .armazenamento_token(Arc::new(ArmazenamentoTravado {
            invalidate: true,
            ..ArmazenamentoTravado::default()
        }))
        .build()
        .unwrap();
    let inicio = Instant::now();
    let r = tokio::time::timeout(
        GUARDA,
        cliente.registrar_comunicacao_venda_entrada_estoque(&ComunicacaoVendaEntradaEstoque {
            placa: placa(),
            renavam: renavam(),
            chassi: chassi(),
            numero_atpve: "123".into(),
        }),
    )
    .await
    .expect("the call must not wait for the store's invalidate")
    .unwrap();
    let gasto = inicio.elapsed();
    assert_eq!(r.retorno.codigo_retorno.as_deref(), Some("000"));
    assert!(gasto < PRAZO + FOLGA, "{gasto:?}");
    server.verify().await;
}

/// A store whose first `get` gives a due-but-valid token and whose later `get`s never return.
#[derive(Debug)]
struct ArmazenamentoTravaDepoisDaPrimeira {
    lidas: AtomicUsize,
    token: TokenAcesso,
}

#[async_trait::async_trait]
impl ArmazenamentoToken for ArmazenamentoTravaDepoisDaPrimeira {
    async fn get(&self) -> Result<Option<TokenAcesso>, CausaErro> {
        if self.lidas.fetch_add(1, Ordering::SeqCst) > 0 {
            std::future::pending::<()>().await;
        }
        Ok(Some(self.token.clone()))
    }
    async fn put(&self, _: TokenAcesso) -> Result<(), CausaErro> {
        Ok(())
    }
    async fn invalidate(&self, _: &TokenAcesso) -> Result<(), CausaErro> {
        Ok(())
    }
}

#[tokio::test]
async fn get_sem_resposta_com_token_em_maos_segue_com_ele() {
    let server = ServidorMock::iniciar().await;
    let contador = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(TokensEmSequencia {
            contador: Arc::clone(&contador),
            expires_in: 3600,
            atraso: Duration::ZERO,
        })
        .expect(1)
        .mount(&server)
        .await;
    montar_cores(&server, 1).await;
    let agora = SystemTime::now();
    // Valid for an hour, due for renewal already.
    let em_maos = TokenAcesso::new(
        SecretString::from("tok-em-maos"),
        agora + Duration::from_secs(3600),
        agora,
    );
    let cliente = com_prazo(&server, PRAZO)
        .armazenamento_token(Arc::new(ArmazenamentoTravaDepoisDaPrimeira {
            lidas: AtomicUsize::new(0),
            token: em_maos,
        }))
        .build()
        .unwrap();
    let inicio = Instant::now();
    tokio::time::timeout(GUARDA, cliente.consultar_cores())
        .await
        .expect("the second read of the store must not hold the call")
        .unwrap();
    let gasto = inicio.elapsed();
    assert!(gasto < PRAZO + FOLGA, "{gasto:?}");
    server.verify().await;
}

/// Runs `n` concurrent `consultar_cores` and returns their errors (panics on a success).
async fn lote_de_erros(cliente: &ClienteCetMg, n: usize) -> Vec<Erro> {
    let mut tarefas = tokio::task::JoinSet::new();
    for _ in 0..n {
        let c = cliente.clone();
        tarefas.spawn(async move { tokio::time::timeout(GUARDA, c.consultar_cores()).await });
    }
    let mut erros = Vec::with_capacity(n);
    while let Some(r) = tarefas.join_next().await {
        erros.push(r.unwrap().expect("no caller may hang").unwrap_err());
    }
    erros
}

async fn montar_gerar_token(server: &MockServer, resposta: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(resposta)
        .mount(server)
        .await;
}

/// A client with no token yet, whose callers get a failed renewal's error for `pausa` after it.
fn cliente_frio(server: &MockServer, pausa: Duration) -> ClienteCetMg {
    builder(server)
        .pausa_apos_falha_token(pausa)
        .build()
        .unwrap()
}

/// Longer than any stall of a loaded machine: what is asserted is the sharing, not the pause.
const PAUSA_LONGA: Duration = Duration::from_secs(30);

#[tokio::test]
async fn cem_chamadas_frias_com_gerar_token_500_um_so_pedido() {
    let server = ServidorMock::iniciar().await;
    montar_gerar_token(
        &server,
        ResponseTemplate::new(500).set_body_json(json!({"codigo_retorno": "999"})),
    )
    .await;
    montar_cores(&server, 0).await;
    let cliente = cliente_frio(&server, PAUSA_LONGA);
    let erros = lote_de_erros(&cliente, 100).await;
    for erro in &erros {
        // Reported under the operation called, the token request's error as the source.
        assert!(
            matches!(erro.falha_token(), Some(Erro::Http { status: 500, codigo_retorno: Some(c), operacao, .. }) if c == "999" && operacao == "gerar_token"),
            "{erro:?}"
        );
        assert_eq!(erro.operacao(), Some("consultar_cores"));
        assert!(erro.to_string().contains("gerar-token"), "{erro}");
        assert_eq!(erro.status(), Some(500));
    }
    assert_eq!(pedidos(&server, "gerar-token").await, 1);
    // Right after, within the pause: the same error, still no new request.
    let erros = lote_de_erros(&cliente, 10).await;
    assert!(erros.iter().all(|e| e.status() == Some(500)), "{erros:?}");
    assert_eq!(pedidos(&server, "gerar-token").await, 1);
    server.verify().await;
}

#[tokio::test]
async fn cem_chamadas_frias_com_gerar_token_401_900901_um_so_pedido() {
    let server = ServidorMock::iniciar().await;
    montar_gerar_token(
        &server,
        ResponseTemplate::new(401).set_body_json(json!({
            "code": "900901",
            "message": "Invalid Credentials",
            "description": "Invalid Credentials. Make sure you have given the correct access token"
        })),
    )
    .await;
    montar_cores(&server, 0).await;
    let cliente = cliente_frio(&server, PAUSA_LONGA);
    let erros = lote_de_erros(&cliente, 100).await;
    for erro in &erros {
        assert!(
            matches!(erro.falha_token(), Some(Erro::Gateway { status: 401, codigo: Some(c), .. }) if c == "900901"),
            "{erro:?}"
        );
        assert_eq!(erro.codigo_gateway(), Some("900901"));
        assert_eq!(erro.operacao(), Some("consultar_cores"));
    }
    assert_eq!(pedidos(&server, "gerar-token").await, 1);
    server.verify().await;
}

#[tokio::test]
async fn gerar_token_lento_e_falhando_todos_recebem_o_500_e_nao_um_timeout() {
    let server = ServidorMock::iniciar().await;
    montar_gerar_token(
        &server,
        ResponseTemplate::new(500)
            .set_body_json(json!({"codigo_retorno": "999"}))
            .set_delay(Duration::from_secs(1)),
    )
    .await;
    montar_cores(&server, 0).await;
    // The shared fixtures' deadline: 10 s for the operation, 5 s per attempt.
    let cliente = cliente_frio(&server, PAUSA_LONGA);
    let erros = lote_de_erros(&cliente, 100).await;
    let timeouts = erros
        .iter()
        .filter(|e| matches!(e, Erro::Transporte { .. }))
        .count();
    assert_eq!(timeouts, 0, "callers got a timeout instead of the 500");
    for erro in &erros {
        assert!(
            matches!(erro.falha_token(), Some(Erro::Http { status: 500, .. })),
            "{erro:?}"
        );
    }
    assert_eq!(pedidos(&server, "gerar-token").await, 1);
    server.verify().await;
}

/// The first `gerar-token` answers 500, every later one a token (`tok-2`, …).
struct FalhaDepoisToken(AtomicUsize);

impl Respond for FalhaDepoisToken {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        if n == 1 {
            ResponseTemplate::new(500).set_body_json(json!({"codigo_retorno": "999"}))
        } else {
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": format!("tok-{n}"), "expires_in": 3600}))
        }
    }
}

#[tokio::test]
async fn depois_da_pausa_um_unico_pedido_novo() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(FalhaDepoisToken(AtomicUsize::new(0)))
        .mount(&server)
        .await;
    montar_cores(&server, 20).await;
    let pausa = Duration::from_secs(1);
    let cliente = cliente_frio(&server, pausa);
    let erros = lote_de_erros(&cliente, 20).await;
    assert!(erros.iter().all(|e| e.status() == Some(500)), "{erros:?}");
    assert_eq!(pedidos(&server, "gerar-token").await, 1);
    // Once the pause has passed, the next callers make exactly one new request and share it.
    tokio::time::sleep(pausa + Duration::from_millis(500)).await;
    let mut tarefas = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let c = cliente.clone();
        tarefas.spawn(async move { tokio::time::timeout(GUARDA, c.consultar_cores()).await });
    }
    while let Some(r) = tarefas.join_next().await {
        r.unwrap().unwrap().unwrap();
    }
    assert_eq!(pedidos(&server, "gerar-token").await, 2);
    server.verify().await;
}

#[tokio::test]
async fn gerar_token_explicito_concorrente_com_500_um_so_pedido() {
    let server = ServidorMock::iniciar().await;
    montar_gerar_token(
        &server,
        ResponseTemplate::new(500)
            .set_body_json(json!({"codigo_retorno": "999"}))
            .set_delay(Duration::from_millis(300)),
    )
    .await;
    let cliente = cliente_frio(&server, PAUSA_LONGA);
    let mut tarefas = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let c = cliente.clone();
        tarefas.spawn(async move { tokio::time::timeout(GUARDA, c.gerar_token()).await });
    }
    while let Some(r) = tarefas.join_next().await {
        let erro = r.unwrap().unwrap().unwrap_err();
        assert!(matches!(erro, Erro::Http { status: 500, .. }), "{erro:?}");
    }
    assert_eq!(pedidos(&server, "gerar-token").await, 1);
}
