//! Token handling (decision D4): reuse, early renewal, single flight, 401 renew-and-resend-once,
//! keeping a still-valid token when renewal fails, lenient answer shapes, pluggable store.
#![allow(clippy::unwrap_used)]

mod comum;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use comum::*;
use renave_mg_client::operacoes::estoque::ComunicacaoVendaEntradaEstoque;
use renave_mg_client::{
    ApiCetMg, ArmazenamentoToken, ArmazenamentoTokenMemoria, Erro, TokenAcesso,
};
use renave_simulador::ServidorMock;
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

async fn montar_cores(server: &MockServer, token: &str, n: u64) {
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"codigo": 1}])))
        .expect(n)
        .mount(server)
        .await;
}

fn sequencia(
    server_contador: &Arc<AtomicUsize>,
    expires_in: u64,
    atraso: Duration,
) -> TokensEmSequencia {
    TokensEmSequencia {
        contador: Arc::clone(server_contador),
        expires_in,
        atraso,
    }
}

async fn montar_sequencia(server: &MockServer, t: TokensEmSequencia, n: u64) {
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(t)
        .expect(n)
        .mount(server)
        .await;
}

#[tokio::test]
async fn token_reutilizado_entre_chamadas_e_clones() {
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 1).await;
    montar_cores(&server, TOKEN, 3).await;
    let cliente = cliente(&server);
    let clone = cliente.clone();
    cliente.consultar_cores().await.unwrap();
    clone.consultar_cores().await.unwrap();
    cliente.consultar_cores().await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn renovado_antes_de_expirar() {
    let server = ServidorMock::iniciar().await;
    let contador = Arc::new(AtomicUsize::new(0));
    // expires_in 2 s: renewed from half its life (1 s) on, although it has not expired.
    montar_sequencia(&server, sequencia(&contador, 2, Duration::ZERO), 2).await;
    montar_cores(&server, "tok-1", 1).await;
    montar_cores(&server, "tok-2", 1).await;
    let cliente = cliente(&server);
    cliente.consultar_cores().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    cliente.consultar_cores().await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn cem_tarefas_um_unico_pedido_de_token() {
    let server = ServidorMock::iniciar().await;
    let contador = Arc::new(AtomicUsize::new(0));
    montar_sequencia(
        &server,
        sequencia(&contador, 3600, Duration::from_millis(200)),
        1,
    )
    .await;
    montar_cores(&server, "tok-1", 100).await;
    let cliente = cliente(&server);
    let mut tarefas = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let c = cliente.clone();
        tarefas.spawn(async move { c.consultar_cores().await });
    }
    while let Some(r) = tarefas.join_next().await {
        r.unwrap().unwrap();
    }
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
                .set_body_json(json!({"code": 900_901, "message": "Invalid Credentials"}))
        } else {
            ResponseTemplate::new(200).set_body_json(json!({"codigo_retorno": "000"}))
        }
    }
}

#[tokio::test]
async fn em_401_renova_e_reenvia_uma_vez_inclusive_post() {
    let server = ServidorMock::iniciar().await;
    let contador = Arc::new(AtomicUsize::new(0));
    montar_sequencia(&server, sequencia(&contador, 3600, Duration::ZERO), 2).await;
    Mock::given(method("POST"))
        .and(path(caminho("registrar-comunicacao-venda-entrada-estoque")))
        .respond_with(RecusaPrimeiroToken)
        .expect(2)
        .mount(&server)
        .await;
    let cliente = cliente(&server);
    let r = cliente
        .registrar_comunicacao_venda_entrada_estoque(&ComunicacaoVendaEntradaEstoque {
            placa: placa(),
            renavam: renavam(),
            chassi: chassi(),
            numero_atpve: "123".into(),
        })
        .await
        .unwrap();
    assert_eq!(r.retorno.codigo_retorno.as_deref(), Some("000"));
    let pedidos = server.received_requests().await.unwrap();
    let autorizacoes: Vec<_> = pedidos
        .iter()
        .filter(|p| p.url.path().ends_with("entrada-estoque"))
        .map(|p| {
            p.headers
                .get("authorization")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(autorizacoes, ["Bearer tok-1", "Bearer tok-2"]);
    server.verify().await;
}

#[tokio::test]
async fn em_401_persistente_nao_reenvia_mais_de_uma_vez() {
    let server = ServidorMock::iniciar().await;
    let contador = Arc::new(AtomicUsize::new(0));
    montar_sequencia(&server, sequencia(&contador, 3600, Duration::ZERO), 2).await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"code": "900901", "message": "Invalid Credentials"})),
        )
        .expect(2)
        .mount(&server)
        .await;
    let erro = cliente(&server).consultar_cores().await.unwrap_err();
    assert!(
        matches!(erro, Erro::Gateway { status: 401, .. }),
        "{erro:?}"
    );
    server.verify().await;
}

/// The first token request succeeds, every later one fails with 500.
struct SoOPrimeiro(AtomicUsize);

impl Respond for SoOPrimeiro {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        if self.0.fetch_add(1, Ordering::SeqCst) == 0 {
            ResponseTemplate::new(200).set_body_json(json!({"token": "tok-1", "expires_in": 8}))
        } else {
            ResponseTemplate::new(500).set_body_json(json!({"codigo_retorno": "999"}))
        }
    }
}

#[tokio::test]
async fn mantem_token_valido_se_a_renovacao_falha() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(SoOPrimeiro(AtomicUsize::new(0)))
        .expect(2)
        .mount(&server)
        .await;
    montar_cores(&server, "tok-1", 2).await;
    let cliente = cliente(&server);
    cliente.consultar_cores().await.unwrap();
    // Due for renewal (after 4 s of an 8 s lifetime) but still valid: the failed renewal is
    // absorbed and the old token used.
    tokio::time::sleep(Duration::from_millis(4_200)).await;
    cliente.consultar_cores().await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn formas_de_resposta_do_gerar_token() {
    let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let exp = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 600;
    let jwt = format!(
        "{}.{}.sig",
        e.encode(br#"{"alg":"RS256"}"#),
        e.encode(format!(r#"{{"exp":{exp}}}"#))
    );
    for (corpo, valor, validade) in [
        (json!("tok-nu"), "tok-nu", 3600),
        (
            json!({"jwt": "tok-jwt", "expires_in": "120"}),
            "tok-jwt",
            120,
        ),
        (
            json!({"dados": {"access_token": "tok-aninhado", "expires_in": 60}}),
            "tok-aninhado",
            60,
        ),
        (json!({"access_token": jwt.clone()}), jwt.as_str(), 600),
    ] {
        let server = ServidorMock::iniciar().await;
        Mock::given(method("POST"))
            .and(path(caminho("gerar-token")))
            .and(header("content-type", "application/json"))
            .respond_with(ResponseTemplate::new(200).set_body_json(corpo))
            .expect(1)
            .mount(&server)
            .await;
        let antes = SystemTime::now();
        let token = ApiCetMg::gerar_token(&cliente(&server)).await.unwrap();
        assert_eq!(token.valor().expose_secret(), valor);
        let restante = token.expira_em().duration_since(antes).unwrap().as_secs();
        assert!(
            restante.abs_diff(validade) <= 2,
            "{valor}: {restante} vs {validade}"
        );
        server.verify().await;
    }
}

#[tokio::test]
async fn gerar_token_sem_token_e_resposta_invalida() {
    let server = ServidorMock::iniciar().await;
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"codigo_retorno": "000", "x": 1})),
        )
        .mount(&server)
        .await;
    let erro = cliente(&server).gerar_token().await.unwrap_err();
    assert!(
        matches!(erro, Erro::RespostaInvalida { status: 200, .. }),
        "{erro:?}"
    );
    // A rejected credential is a gateway error, and a token failure fails the operation.
    let server = ServidorMock::iniciar().await;
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"code": "900901", "message": "Invalid Credentials"})),
        )
        .mount(&server)
        .await;
    let erro = cliente(&server).consultar_cores().await.unwrap_err();
    assert!(
        matches!(erro.falha_token(), Some(Erro::Gateway { status: 401, operacao, .. }) if operacao == "gerar_token"),
        "{erro:?}"
    );
    // Reported under the operation called; the token step is the source.
    assert_eq!(erro.operacao(), Some("consultar_cores"));
}

#[tokio::test]
async fn armazenamento_compartilhado_entre_clientes() {
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 1).await;
    montar_cores(&server, TOKEN, 2).await;
    let armazenamento: Arc<dyn ArmazenamentoToken> = Arc::new(ArmazenamentoTokenMemoria::default());
    let a = builder(&server)
        .armazenamento_token(Arc::clone(&armazenamento))
        .build()
        .unwrap();
    let b = builder(&server)
        .armazenamento_token(Arc::clone(&armazenamento))
        .build()
        .unwrap();
    a.consultar_cores().await.unwrap();
    b.consultar_cores().await.unwrap();
    let guardado = armazenamento.get().await.unwrap().unwrap();
    assert_eq!(guardado.valor().expose_secret(), TOKEN);
    server.verify().await;
}

#[tokio::test]
async fn armazenamento_invalida_so_o_token_recusado() {
    let s = ArmazenamentoTokenMemoria::default();
    let agora = SystemTime::now();
    let t1 = TokenAcesso::new(
        SecretString::from("a"),
        agora + Duration::from_secs(60),
        agora,
    );
    let t2 = TokenAcesso::new(
        SecretString::from("b"),
        agora + Duration::from_secs(60),
        agora,
    );
    s.put(t2.clone()).await.unwrap();
    s.invalidate(&t1).await.unwrap();
    assert!(s.get().await.unwrap().is_some());
    s.invalidate(&t2).await.unwrap();
    assert!(s.get().await.unwrap().is_none());
}

#[tokio::test]
async fn contrato_do_gerar_token() {
    // R §5.1 / Fig. 57, decision D4: POST gerar-token, JSON body with exactly the two
    // credentials, and no bearer token (there is none yet).
    let server = ServidorMock::iniciar().await;
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .and(header("content-type", "application/json"))
        .and(wiremock::matchers::body_json(
            json!({"consumer_key": CHAVE, "consumer_secret": SEGREDO}),
        ))
        .and(|req: &wiremock::Request| !req.headers.contains_key("authorization"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": TOKEN, "expires_in": 3600})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let token = cliente(&server).gerar_token().await.unwrap();
    assert_eq!(token.valor().expose_secret(), TOKEN);
    server.verify().await;
    // A malformed (truncated) answer is not recognised (not JSON, D11) and keeps nothing of
    // the body.
    let server = ServidorMock::iniciar().await;
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"access_token": "eyJ"#, "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let erro = cliente(&server).gerar_token().await.unwrap_err();
    assert!(
        matches!(&erro, Erro::RespostaNaoReconhecida { status: 200, trecho, .. } if trecho.as_str().is_empty()),
        "{erro:?}"
    );
    server.verify().await;
}

#[tokio::test]
async fn expires_in_enorme_nao_entra_em_panico() {
    // A server answering the largest u64 as the lifetime must not make the client panic
    // (SystemTime + Duration overflow): the lifetime is capped.
    let server = ServidorMock::iniciar().await;
    montar_sequencia(
        &server,
        sequencia(&Arc::new(AtomicUsize::new(0)), u64::MAX, Duration::ZERO),
        1,
    )
    .await;
    montar_cores(&server, "tok-1", 2).await;
    let cliente = cliente(&server);
    let token = cliente.gerar_token().await.unwrap();
    let agora = SystemTime::now();
    assert!(token.valido_em(agora));
    assert!(token.expira_em() <= agora + Duration::from_secs(366 * 24 * 3600));
    cliente.consultar_cores().await.unwrap();
    cliente.consultar_cores().await.unwrap();
    server.verify().await;
}

/// `tok-1` (8 s lifetime) first, then 503 after `atraso`, counting every call.
struct PrimeiroDepoisFalhaLenta {
    contador: Arc<AtomicUsize>,
    atraso: Duration,
}

impl Respond for PrimeiroDepoisFalhaLenta {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        if self.contador.fetch_add(1, Ordering::SeqCst) == 0 {
            ResponseTemplate::new(200).set_body_json(json!({"token": "tok-1", "expires_in": 8}))
        } else {
            ResponseTemplate::new(503)
                .set_body_json(json!({"codigo_retorno": "999"}))
                .set_delay(self.atraso)
        }
    }
}

/// Runs `n` concurrent `consultar-cores`; returns how many finished within `rapido`.
async fn lote(cliente: &renave_mg_client::ClienteCetMg, n: usize, rapido: Duration) -> usize {
    let mut tarefas = tokio::task::JoinSet::new();
    for _ in 0..n {
        let c = cliente.clone();
        tarefas.spawn(async move {
            let inicio = std::time::Instant::now();
            c.consultar_cores().await.map(|_| inicio.elapsed())
        });
    }
    let mut rapidas = 0;
    while let Some(r) = tarefas.join_next().await {
        if r.unwrap().unwrap() < rapido {
            rapidas += 1;
        }
    }
    rapidas
}

#[tokio::test]
async fn renovacao_falhando_nao_bloqueia_quem_tem_token_valido() {
    let server = ServidorMock::iniciar().await;
    let contador = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(PrimeiroDepoisFalhaLenta {
            contador: Arc::clone(&contador),
            atraso: Duration::from_secs(2),
        })
        .mount(&server)
        .await;
    montar_cores(&server, "tok-1", 1 + 5 + 5).await;
    let cliente = cliente(&server);
    cliente.consultar_cores().await.unwrap();
    // Due for renewal (after 4 s of an 8 s lifetime) but valid until 8 s.
    tokio::time::sleep(Duration::from_millis(4_200)).await;
    let rapido = Duration::from_secs(1);
    // One task makes the (slow, failing) renewal; the others use the valid token at once.
    assert!(lote(&cliente, 5, rapido).await >= 4);
    assert_eq!(contador.load(Ordering::SeqCst), 2);
    // Right after a failed renewal, no new attempt while the token is valid (cooldown).
    assert_eq!(lote(&cliente, 5, rapido).await, 5);
    assert_eq!(contador.load(Ordering::SeqCst), 2);
    server.verify().await;
}

/// A store that keeps nothing: `get` finds nothing, `put` and `invalidate` fail.
#[derive(Debug)]
struct ArmazenamentoQuebrado;

#[async_trait::async_trait]
impl ArmazenamentoToken for ArmazenamentoQuebrado {
    async fn get(&self) -> Result<Option<TokenAcesso>, renave_mg_client::CausaErro> {
        Ok(None)
    }
    async fn put(&self, _: TokenAcesso) -> Result<(), renave_mg_client::CausaErro> {
        Err("store down".into())
    }
    async fn invalidate(&self, _: &TokenAcesso) -> Result<(), renave_mg_client::CausaErro> {
        Err("store down".into())
    }
}

#[tokio::test]
async fn falha_ao_guardar_ou_invalidar_nao_falha_a_operacao() {
    let server = ServidorMock::iniciar().await;
    let contador = Arc::new(AtomicUsize::new(0));
    montar_sequencia(&server, sequencia(&contador, 3600, Duration::ZERO), 3).await;
    Mock::given(method("POST"))
        .and(path(caminho("registrar-comunicacao-venda-entrada-estoque")))
        .respond_with(RecusaPrimeiroToken)
        .expect(2)
        .mount(&server)
        .await;
    let cliente = builder(&server)
        .armazenamento_token(Arc::new(ArmazenamentoQuebrado))
        .build()
        .unwrap();
    // put fails after the first token, invalidate fails after the 401, put fails again:
    // the operation still goes through with the tokens in hand.
    let r = cliente
        .registrar_comunicacao_venda_entrada_estoque(&ComunicacaoVendaEntradaEstoque {
            placa: placa(),
            renavam: renavam(),
            chassi: chassi(),
            numero_atpve: "123".into(),
        })
        .await
        .unwrap();
    assert_eq!(r.retorno.codigo_retorno.as_deref(), Some("000"));
    // An explicit gerar_token returns the new token although it could not be stored.
    let t = cliente.gerar_token().await.unwrap();
    assert_eq!(t.valor().expose_secret(), "tok-3");
    server.verify().await;
}

/// A store whose `get` fails.
#[derive(Debug)]
struct ArmazenamentoIlegivel;

#[async_trait::async_trait]
impl ArmazenamentoToken for ArmazenamentoIlegivel {
    async fn get(&self) -> Result<Option<TokenAcesso>, renave_mg_client::CausaErro> {
        Err("store down".into())
    }
    async fn put(&self, _: TokenAcesso) -> Result<(), renave_mg_client::CausaErro> {
        Ok(())
    }
    async fn invalidate(&self, _: &TokenAcesso) -> Result<(), renave_mg_client::CausaErro> {
        Ok(())
    }
}

#[tokio::test]
async fn falha_ao_ler_sem_token_em_maos_e_erro() {
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 0).await;
    let cliente = builder(&server)
        .armazenamento_token(Arc::new(ArmazenamentoIlegivel))
        .build()
        .unwrap();
    let erro = cliente.consultar_cores().await.unwrap_err();
    assert!(matches!(erro, Erro::ArmazenamentoToken { .. }), "{erro:?}");
    server.verify().await;
}

#[tokio::test]
async fn prazo_da_operacao_cobre_token_e_envio() {
    // Token 2 s + operation 2 s: each fits its own 3 s, but not the 3 s of the whole operation.
    let server = ServidorMock::iniciar().await;
    let contador = Arc::new(AtomicUsize::new(0));
    montar_sequencia(
        &server,
        sequencia(&contador, 3600, Duration::from_secs(2)),
        1,
    )
    .await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"codigo": 1}]))
                .set_delay(Duration::from_secs(2)),
        )
        .mount(&server)
        .await;
    let cliente = builder(&server)
        .prazos(renave_mg_client::Timeouts {
            connect: Duration::from_secs(2),
            per_attempt: Duration::from_secs(3),
            operation: Duration::from_secs(3),
        })
        .build()
        .unwrap();
    let inicio = std::time::Instant::now();
    let erro = cliente.consultar_cores().await.unwrap_err();
    let gasto = inicio.elapsed();
    assert!(
        matches!(
            &erro,
            Erro::Transporte {
                fonte: renave_http::HttpError::Timeout { .. },
                ..
            }
        ),
        "{erro:?}"
    );
    assert!(gasto < Duration::from_millis(3_600), "{gasto:?}");
    server.verify().await;
}
