//! Table-driven wiremock contract runner shared by `contrato_transferencias.rs` and
//! `contrato_zero_km.rs`: one [`Caso`] per operation (how to call it, the request it must send,
//! a canned success answer), and one function per scenario (success, each HTTP error status,
//! HTML and malformed bodies, no resend of a state-changing request) run over the whole table.

#![allow(dead_code)]

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use renave_ws_client::{Ambiente, ClienteRenaveWs, Erro, RetryPolicy, Route};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// What a table row's call returns: `Ok(())` once the decoded answer was checked.
pub(crate) type Futuro = Pin<Box<dyn Future<Output = Result<(), Erro>> + Send>>;

/// The operations answering a `Confirmacao` (success body empty or unknown): a 2xx is
/// success whatever its body, so the malformed-body scenario does not apply to them.
pub(crate) const OPERACOES_CONFIRMACAO: [&str; 5] = [
    "enviar_assinatura_vendedor_atpv",
    "enviar_nota_fiscal",
    "rejeitar_veiculo_zero_km",
    "cancelar_rejeicao_veiculo_zero_km",
    "acabar_veiculo_inacabado_mock_ite",
];

/// One operation of the table.
#[derive(Clone)]
pub(crate) struct Caso {
    /// The endpoint name (decision D8; also the route-override key).
    pub(crate) operacao: &'static str,
    /// Expected HTTP method (`"GET"`, `"POST"`).
    pub(crate) metodo: &'static str,
    /// Expected path, from the server root (`/api/...`).
    pub(crate) caminho: &'static str,
    /// Expected query pairs, exactly (order ignored).
    pub(crate) query: Vec<(&'static str, &'static str)>,
    /// Expected JSON body, exactly; `None` for no body.
    pub(crate) corpo: Option<Value>,
    /// Status of the canned success answer.
    pub(crate) status_sucesso: u16,
    /// The canned success answer (`Value::Null` → empty body).
    pub(crate) resposta: Value,
    /// Calls the operation with the row's sample input and checks the decoded answer.
    pub(crate) chamar: fn(ClienteRenaveWs) -> Futuro,
}

impl Caso {
    /// Whether the operation changes state on the server (every `POST` here).
    pub(crate) fn altera_estado(&self) -> bool {
        self.metodo != "GET"
    }
}

/// A client against `servidor`, plain http allowed, with quick retries (3 attempts) so that
/// tests can tell a resent request from a single one.
pub(crate) fn cliente(servidor: &MockServer) -> ClienteRenaveWs {
    cliente_com(servidor, |b| b)
}

/// As [`cliente`], with a further builder step (e.g. a route override).
pub(crate) fn cliente_com(
    servidor: &MockServer,
    ajuste: impl FnOnce(
        renave_ws_client::ClienteRenaveWsBuilder,
    ) -> renave_ws_client::ClienteRenaveWsBuilder,
) -> ClienteRenaveWs {
    let url = url::Url::parse(&servidor.uri()).expect("wiremock URI is a URL");
    let politica = RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        max_retry_after: Duration::from_millis(5),
        jitter: false,
    };
    let builder = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Local(url))
        .retentativas(politica);
    ajuste(builder).build().expect("test client builds")
}

fn resposta_json(status: u16, corpo: &Value) -> ResponseTemplate {
    if corpo.is_null() {
        ResponseTemplate::new(status)
    } else {
        ResponseTemplate::new(status).set_body_raw(corpo.to_string(), "application/json")
    }
}

/// Checks the one request the server received against the row: method, path, exact query,
/// exact JSON body and its content type, `Accept`.
async fn conferir_requisicao(caso: &Caso, servidor: &MockServer, esperadas: usize) {
    let recebidas = servidor
        .received_requests()
        .await
        .expect("request recording is on");
    assert_eq!(
        recebidas.len(),
        esperadas,
        "{}: expected {esperadas} request(s), got {}",
        caso.operacao,
        recebidas.len()
    );
    for req in &recebidas {
        assert_eq!(
            req.method.as_str(),
            caso.metodo,
            "{}: method",
            caso.operacao
        );
        assert_eq!(req.url.path(), caso.caminho, "{}: path", caso.operacao);
        let mut query: Vec<(String, String)> = req
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        query.sort();
        let mut esperada: Vec<(String, String)> = caso
            .query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        esperada.sort();
        assert_eq!(query, esperada, "{}: query", caso.operacao);
        let aceita = req
            .headers
            .get("accept")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            aceita.contains("application/json"),
            "{}: Accept `{aceita}`",
            caso.operacao
        );
        let ua = req
            .headers
            .get("user-agent")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            ua.starts_with(concat!("renave-ws-client/", env!("CARGO_PKG_VERSION"))),
            "{}: User-Agent `{ua}`",
            caso.operacao
        );
        assert!(
            req.headers.get("authorization").is_none(),
            "{}: Renave-WS authenticates by certificate only, no Authorization header",
            caso.operacao
        );
        match &caso.corpo {
            Some(esperado) => {
                let tipo = req
                    .headers
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                assert!(
                    tipo.starts_with("application/json"),
                    "{}: Content-Type `{tipo}`",
                    caso.operacao
                );
                let corpo: Value = serde_json::from_slice(&req.body)
                    .unwrap_or_else(|e| panic!("{}: body is not JSON: {e}", caso.operacao));
                assert_eq!(&corpo, esperado, "{}: body", caso.operacao);
            }
            None => assert!(
                req.body.is_empty(),
                "{}: a GET sends no body",
                caso.operacao
            ),
        }
    }
}

/// Success: the request is exactly the row's, the canned answer decodes and passes the row's
/// checks.
pub(crate) async fn sucesso(caso: Caso) {
    let caso = &caso;
    let servidor = MockServer::start().await;
    Mock::given(method(caso.metodo))
        .and(path(caso.caminho))
        .respond_with(resposta_json(caso.status_sucesso, &caso.resposta))
        .expect(1)
        .mount(&servidor)
        .await;
    let r = (caso.chamar)(cliente(&servidor)).await;
    if let Err(e) = r {
        panic!("{}: expected success, got {e}", caso.operacao);
    }
    conferir_requisicao(caso, &servidor, 1).await;
}

/// Answers every request of the row with `status` and `corpo` (raw), and returns the error.
async fn erro_com(caso: &Caso, status: u16, corpo: &str, tipo: &str) -> (Erro, MockServer) {
    let servidor = MockServer::start().await;
    Mock::given(method(caso.metodo))
        .and(path(caso.caminho))
        .respond_with(ResponseTemplate::new(status).set_body_raw(corpo.to_owned(), tipo))
        .mount(&servidor)
        .await;
    match (caso.chamar)(cliente(&servidor)).await {
        Ok(()) => panic!("{}: HTTP {status} must be an error", caso.operacao),
        Err(e) => (e, servidor),
    }
}

/// HTTP 400 with the SERPRO body: `titulo`, `detalhe`, `dataHora` read; not a business error.
pub(crate) async fn erro_400(caso: Caso) {
    let caso = &caso;
    let corpo = json!({
        "titulo": "Requisição inválida",
        "detalhe": "CPF do operador responsável é obrigatório",
        "dataHora": "2026-09-24T10:11:12"
    });
    let (e, servidor) = erro_com(caso, 400, &corpo.to_string(), "application/json").await;
    assert_eq!(e.status(), Some(400), "{}", caso.operacao);
    let s = e
        .servico()
        .unwrap_or_else(|| panic!("{}: not a service error: {e}", caso.operacao));
    assert_eq!(s.titulo.as_deref(), Some("Requisição inválida"));
    assert_eq!(
        s.detalhe.as_deref(),
        Some("CPF do operador responsável é obrigatório")
    );
    assert_eq!(s.data_hora.as_deref(), Some("2026-09-24T10:11:12"));
    assert_eq!(e.operacao(), Some(caso.operacao));
    assert!(!e.is_negocio() && !e.is_retryable(), "{}", caso.operacao);
    let texto = e.to_string();
    assert!(
        texto.contains("400") && !texto.contains('\n'),
        "{}: Display `{texto}`",
        caso.operacao
    );
    conferir_requisicao(caso, &servidor, 1).await;
}

/// HTTP 401 with an empty body (security layer): an authentication error, no panic on the
/// empty body.
pub(crate) async fn erro_401_vazio(caso: Caso) {
    let caso = &caso;
    let (e, servidor) = erro_com(caso, 401, "", "text/plain").await;
    assert_eq!(e.status(), Some(401), "{}", caso.operacao);
    assert!(e.is_autenticacao(), "{}", caso.operacao);
    let s = e
        .servico()
        .unwrap_or_else(|| panic!("{}: not a service error: {e}", caso.operacao));
    assert!(
        s.titulo.is_none() && s.trecho.as_str().is_empty(),
        "{}",
        caso.operacao
    );
    conferir_requisicao(caso, &servidor, 1).await;
}

/// HTTP 401 with Spring Boot's default body (a CNPJ not credentialed, `renave-ws.md` §7.7).
pub(crate) async fn erro_401_spring(caso: Caso) {
    let caso = &caso;
    let corpo = json!({
        "timestamp": "2026-09-24T13:11:12.123+00:00",
        "status": 401,
        "error": "Unauthorized",
        "message": "No message available",
        "path": format!("/renave-ws{}", caso.caminho)
    });
    let (e, _servidor) = erro_com(caso, 401, &corpo.to_string(), "application/json").await;
    assert!(e.is_autenticacao(), "{}", caso.operacao);
    let s = e
        .servico()
        .unwrap_or_else(|| panic!("{}: not a service error: {e}", caso.operacao));
    assert_eq!(s.erro_framework.as_deref(), Some("Unauthorized"));
    assert_eq!(
        s.mensagem_framework.as_deref(),
        Some("No message available")
    );
    assert_eq!(e.mensagem_usuario(), Some("No message available"));
}

/// HTTP 403: an authorization error.
pub(crate) async fn erro_403(caso: Caso) {
    let caso = &caso;
    let corpo = json!({"titulo": "Proibido", "detalhe": "Acesso negado"});
    let (e, _servidor) = erro_com(caso, 403, &corpo.to_string(), "application/json").await;
    assert_eq!(e.status(), Some(403), "{}", caso.operacao);
    assert!(e.is_autenticacao() && !e.is_negocio(), "{}", caso.operacao);
    assert_eq!(
        e.servico().and_then(|s| s.titulo.as_deref()),
        Some("Proibido")
    );
}

/// HTTP 404: not found.
pub(crate) async fn erro_404(caso: Caso) {
    let caso = &caso;
    let corpo = json!({"titulo": "Não encontrado", "detalhe": "Recurso não encontrado"});
    let (e, _servidor) = erro_com(caso, 404, &corpo.to_string(), "application/json").await;
    assert!(e.is_nao_encontrado(), "{}: {e}", caso.operacao);
    assert_eq!(
        e.servico().and_then(|s| s.detalhe.as_deref()),
        Some("Recurso não encontrado")
    );
}

/// HTTP 422 (*erro de negócio*) with every field of the SERPRO error body.
pub(crate) async fn erro_422(caso: Caso) {
    let caso = &caso;
    let corpo = json!({
        "titulo": "Erro de negócio",
        "detalhe": "Veículo já possui autorização de transferência cadastrada",
        "mensagemParaUsuarioFinal": "O veículo já possui autorização de transferência cadastrada.",
        "dataHora": "2026-09-28T08:59:19.35637",
        "logIdRastreabilidade": "a1b2c3"
    });
    let (e, servidor) = erro_com(caso, 422, &corpo.to_string(), "application/json").await;
    assert!(e.is_negocio(), "{}", caso.operacao);
    assert!(
        !e.is_retryable() && !e.resultado_incerto(),
        "{}",
        caso.operacao
    );
    let s = e
        .servico()
        .unwrap_or_else(|| panic!("{}: not a service error: {e}", caso.operacao));
    assert_eq!(s.titulo.as_deref(), Some("Erro de negócio"));
    assert_eq!(
        s.detalhe.as_deref(),
        Some("Veículo já possui autorização de transferência cadastrada")
    );
    assert_eq!(
        s.mensagem_para_usuario_final.as_deref(),
        Some("O veículo já possui autorização de transferência cadastrada.")
    );
    assert_eq!(s.data_hora.as_deref(), Some("2026-09-28T08:59:19.35637"));
    assert_eq!(s.log_id_rastreabilidade.as_deref(), Some("a1b2c3"));
    assert_eq!(
        e.mensagem_usuario(),
        Some("O veículo já possui autorização de transferência cadastrada.")
    );
    assert!(e.to_string().contains("422"), "{}: {e}", caso.operacao);
    conferir_requisicao(caso, &servidor, 1).await;
}

/// HTTP 500 with `logIdRastreabilidade`: kept, shown in Display; not resent (500 is not a
/// transient status, for reads and writes alike). On a state-changing operation the outcome
/// is unknown: SERPRO may answer 500 after writing (`renave-ws.md` §7.6).
pub(crate) async fn erro_500(caso: Caso) {
    let caso = &caso;
    let corpo = json!({
        "titulo": "Erro no servidor",
        "detalhe": "Erro interno",
        "logIdRastreabilidade": "7f3e9c0a-5d1b-4c2e-9a77-000000000001"
    });
    let (e, servidor) = erro_com(caso, 500, &corpo.to_string(), "application/json").await;
    assert_eq!(e.status(), Some(500), "{}", caso.operacao);
    let s = e
        .servico()
        .unwrap_or_else(|| panic!("{}: not a service error: {e}", caso.operacao));
    assert_eq!(
        s.log_id_rastreabilidade.as_deref(),
        Some("7f3e9c0a-5d1b-4c2e-9a77-000000000001")
    );
    assert!(
        e.to_string()
            .contains("7f3e9c0a-5d1b-4c2e-9a77-000000000001"),
        "{}: {e}",
        caso.operacao
    );
    assert!(!e.is_retryable(), "{}", caso.operacao);
    assert_eq!(
        e.resultado_incerto(),
        caso.altera_estado(),
        "{}: a 500 on a state-changing request hides the outcome; a read's does not",
        caso.operacao
    );
    conferir_requisicao(caso, &servidor, 1).await;
}

/// An HTML error page from a proxy (HTTP 502) is still the HTTP error it is, with a snippet.
/// A state-changing operation is sent once; a read is retried (D6).
pub(crate) async fn erro_html(caso: Caso) {
    let caso = &caso;
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let (e, servidor) = erro_com(caso, 502, html, "text/html").await;
    assert_eq!(e.status(), Some(502), "{}: {e}", caso.operacao);
    let s = e
        .servico()
        .unwrap_or_else(|| panic!("{}: not a service error: {e}", caso.operacao));
    assert!(
        s.trecho.as_str().contains("502 Bad Gateway"),
        "{}",
        caso.operacao
    );
    assert!(s.titulo.is_none(), "{}", caso.operacao);
    if caso.altera_estado() {
        assert!(
            e.resultado_incerto(),
            "{}: a 502 on a POST hides the outcome",
            caso.operacao
        );
        conferir_requisicao(caso, &servidor, 1).await;
    } else {
        conferir_requisicao(caso, &servidor, 3).await;
    }
}

/// HTTP 503: a state-changing operation is never resent (D6); a read is retried up to the
/// policy's attempts.
pub(crate) async fn sem_reenvio_503(caso: Caso) {
    let caso = &caso;
    let (e, servidor) = erro_com(caso, 503, "", "text/plain").await;
    assert_eq!(e.status(), Some(503), "{}", caso.operacao);
    let esperadas = if caso.altera_estado() { 1 } else { 3 };
    conferir_requisicao(caso, &servidor, esperadas).await;
}

/// A per-attempt timeout: a state-changing operation is sent once and its outcome is reported
/// as unknown (D6, `renave-ws.md` §7.6: look the result up, never resend); a read is retried.
pub(crate) async fn timeout(caso: Caso) {
    let caso = &caso;
    let servidor = MockServer::start().await;
    Mock::given(method(caso.metodo))
        .and(path(caso.caminho))
        .respond_with(
            resposta_json(caso.status_sucesso, &caso.resposta)
                .set_delay(Duration::from_millis(400)),
        )
        .mount(&servidor)
        .await;
    let cliente = cliente_com(&servidor, |b| {
        b.prazos(renave_ws_client::Timeouts {
            connect: Duration::from_secs(2),
            per_attempt: Duration::from_millis(100),
            operation: Duration::from_secs(5),
        })
    });
    let e = match (caso.chamar)(cliente).await {
        Ok(()) => panic!("{}: a timed-out call must fail", caso.operacao),
        Err(e) => e,
    };
    assert!(
        matches!(e, Erro::Transporte { .. }),
        "{}: expected a transport error, got {e:?}",
        caso.operacao
    );
    assert_eq!(e.status(), None, "{}", caso.operacao);
    if caso.altera_estado() {
        assert!(e.resultado_incerto(), "{}: outcome unknown", caso.operacao);
        assert!(!e.is_retryable(), "{}: not safe to resend", caso.operacao);
        let texto = e.to_string();
        assert!(
            texto.contains("do not resend"),
            "{}: Display `{texto}`",
            caso.operacao
        );
        conferir_requisicao(caso, &servidor, 1).await;
    } else {
        assert!(e.is_retryable(), "{}: a read may be retried", caso.operacao);
        conferir_requisicao(caso, &servidor, 3).await;
    }
}

/// A 2xx whose body is not the expected JSON: an undecodable-answer error with the status and
/// a snippet (not for [`OPERACOES_CONFIRMACAO`]).
pub(crate) async fn corpo_malformado(caso: Caso) {
    let caso = &caso;
    if OPERACOES_CONFIRMACAO.contains(&caso.operacao) {
        // Their success body is undocumented: any 2xx is success whatever it holds (the raw
        // text is kept); `contrato_zero_km::confirmacao_2xx_com_corpo_nao_json_e_sucesso`.
        return;
    }
    let servidor = MockServer::start().await;
    let lixo = "{\"id\": 12, \"estado\": [tru";
    Mock::given(method(caso.metodo))
        .and(path(caso.caminho))
        .respond_with(
            ResponseTemplate::new(caso.status_sucesso).set_body_raw(lixo, "application/json"),
        )
        .mount(&servidor)
        .await;
    match (caso.chamar)(cliente(&servidor)).await {
        Ok(()) => panic!("{}: a malformed body must be an error", caso.operacao),
        // Truncated JSON: not recognised (not JSON, decision D11), or refused as the wrong
        // shape when the decoder meets a wrong type before the end; never a success.
        Err(e @ (Erro::RespostaNaoReconhecida { .. } | Erro::RespostaInvalida { .. })) => {
            assert_eq!(e.status(), Some(caso.status_sucesso), "{}", caso.operacao);
            if let Erro::RespostaNaoReconhecida {
                trecho, operacao, ..
            }
            | Erro::RespostaInvalida {
                trecho, operacao, ..
            } = &e
            {
                assert!(trecho.as_str().contains("estado"), "{}", caso.operacao);
                assert_eq!(operacao, caso.operacao);
            }
        }
        Err(outro) => panic!(
            "{}: expected RespostaNaoReconhecida or RespostaInvalida, got {outro:?}",
            caso.operacao
        ),
    }
}

/// A route override (decision D2) replaces the row's route by name.
pub(crate) async fn rota_substituida(caso: Caso) {
    let caso = &caso;
    let servidor = MockServer::start().await;
    let novo = "/api/rota-corrigida";
    Mock::given(method(caso.metodo))
        .and(path(novo))
        .respond_with(resposta_json(caso.status_sucesso, &caso.resposta))
        .expect(1)
        .mount(&servidor)
        .await;
    let metodo = if caso.altera_estado() {
        renave_ws_client::HttpMethod::Post
    } else {
        renave_ws_client::HttpMethod::Get
    };
    let cliente = cliente_com(&servidor, |b| {
        b.rota(caso.operacao, Route::custom(metodo, "api/rota-corrigida"))
    });
    if let Err(e) = (caso.chamar)(cliente).await {
        panic!("{}: the overridden route was not used: {e}", caso.operacao);
    }
}

/// Runs one scenario over every row, each in its own task, and reports every failing
/// operation at once (a panic names its operation instead of hiding the rest of the table).
pub(crate) async fn para_todos<F, Fut>(casos: Vec<Caso>, cenario: F)
where
    F: Fn(Caso) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let mut falhas = Vec::new();
    for caso in casos {
        let nome = caso.operacao;
        if let Err(e) = tokio::spawn(cenario(caso)).await {
            falhas.push(format!("{nome}: {e}"));
        }
    }
    assert!(
        falhas.is_empty(),
        "failing operations:\n{}",
        falhas.join("\n")
    );
}

/// Generates, in the calling test file, one `#[tokio::test]` per contract scenario of this
/// module (success, every error status, HTML, no resend, timeout, malformed body, route
/// override), each run over every row that `$casos()` returns. The three contract tables
/// share this list instead of repeating thirteen wrappers each.
macro_rules! cenarios_de_contrato {
    ($casos:path) => {
        $crate::suporte_contrato::cenarios_de_contrato!(@ $casos;
            sucesso, erro_400, erro_401_vazio, erro_401_spring, erro_403, erro_404, erro_422,
            erro_500, erro_html, sem_reenvio_503, timeout, corpo_malformado, rota_substituida);
    };
    (@ $casos:path; $($cenario:ident),+) => {
        $(
            #[tokio::test]
            async fn $cenario() {
                $crate::suporte_contrato::para_todos($casos(), $crate::suporte_contrato::$cenario)
                    .await;
            }
        )+
    };
}
pub(crate) use cenarios_de_contrato;
