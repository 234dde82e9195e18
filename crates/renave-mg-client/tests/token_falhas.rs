//! Token failures (decision D4): a token store that does not answer never holds an operation
//! past its deadline.
#![allow(clippy::unwrap_used)]

mod comum;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use comum::*;
use renave_mg_client::operacoes::estoque::ComunicacaoVendaEntradaEstoque;
use renave_mg_client::{
    ArmazenamentoToken, ArmazenamentoTokenMemoria, BoxError, Erro, Timeouts, TokenAcesso,
};
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
    builder(server).timeouts(Timeouts {
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
    async fn get(&self) -> Result<Option<TokenAcesso>, BoxError> {
        if self.get {
            std::future::pending::<()>().await;
        }
        self.memoria.get().await
    }
    async fn put(&self, token: TokenAcesso) -> Result<(), BoxError> {
        if self.put {
            std::future::pending::<()>().await;
        }
        self.memoria.put(token).await
    }
    async fn invalidate(&self, rejeitado: &TokenAcesso) -> Result<(), BoxError> {
        if self.invalidate {
            std::future::pending::<()>().await;
        }
        self.memoria.invalidate(rejeitado).await
    }
}

#[tokio::test]
async fn get_sem_resposta_e_sem_token_falha_dentro_do_prazo() {
    let server = MockServer::start().await;
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
    let server = MockServer::start().await;
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
    let server = MockServer::start().await;
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
    async fn get(&self) -> Result<Option<TokenAcesso>, BoxError> {
        if self.lidas.fetch_add(1, Ordering::SeqCst) > 0 {
            std::future::pending::<()>().await;
        }
        Ok(Some(self.token.clone()))
    }
    async fn put(&self, _: TokenAcesso) -> Result<(), BoxError> {
        Ok(())
    }
    async fn invalidate(&self, _: &TokenAcesso) -> Result<(), BoxError> {
        Ok(())
    }
}

#[tokio::test]
async fn get_sem_resposta_com_token_em_maos_segue_com_ele() {
    let server = MockServer::start().await;
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
