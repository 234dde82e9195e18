//! One error vocabulary, its accessors (decision D7): for the same situation, built from real
//! answers (wiremock) or real failures, both clients' errors answer the shared accessors the
//! same way.

#![allow(clippy::unwrap_used)]

mod vocabulario_comum;

use std::time::Duration;

use renave::http::{HttpMethod, Idempotency};
use serde_json::json;
use vocabulario_comum::{bruto_nos_dois, cliente_mg, cliente_ws, servidor};
use wiremock::ResponseTemplate;

/// What the shared accessors answer.
#[derive(Debug, PartialEq, Eq)]
struct Respostas {
    operacao: Option<String>,
    status: Option<u16>,
    resultado_incerto: bool,
    is_retryable: bool,
    mensagem_usuario: Option<String>,
    retry_after: Option<Duration>,
    tentativas: Option<u32>,
    is_entrada_invalida: bool,
    is_negocio: bool,
}

fn mg(e: &renave::mg::Erro) -> Respostas {
    Respostas {
        operacao: e.operacao().map(str::to_owned),
        status: e.status(),
        resultado_incerto: e.resultado_incerto(),
        is_retryable: e.is_retryable(),
        mensagem_usuario: e.mensagem_usuario().map(str::to_owned),
        retry_after: e.retry_after(),
        tentativas: e.tentativas(),
        is_entrada_invalida: e.is_entrada_invalida(),
        is_negocio: e.is_negocio(),
    }
}

fn ws(e: &renave::ws::Erro) -> Respostas {
    Respostas {
        operacao: e.operacao().map(str::to_owned),
        status: e.status(),
        resultado_incerto: e.resultado_incerto(),
        is_retryable: e.is_retryable(),
        mensagem_usuario: e.mensagem_usuario().map(str::to_owned),
        retry_after: e.retry_after(),
        tentativas: e.tentativas(),
        is_entrada_invalida: e.is_entrada_invalida(),
        is_negocio: e.is_negocio(),
    }
}

#[tokio::test]
async fn mesmas_respostas_para_a_mesma_situacao() {
    let get = (HttpMethod::Get, Idempotency::Idempotent);
    let post = (HttpMethod::Post, Idempotency::StateChanging);
    let op = Some("executar_bruto".to_owned());
    let casos = [
        (
            "429 GET",
            get,
            ResponseTemplate::new(429).insert_header("retry-after", "7"),
            (true, false, Some(Duration::from_secs(7))),
        ),
        (
            "503 POST",
            post,
            ResponseTemplate::new(503).insert_header("retry-after", "120"),
            (true, false, Some(Duration::from_secs(120))),
        ),
        (
            "500 POST",
            post,
            ResponseTemplate::new(500),
            (false, true, None),
        ),
        (
            "500 GET",
            get,
            ResponseTemplate::new(500),
            (false, false, None),
        ),
        (
            "504 POST",
            post,
            ResponseTemplate::new(504),
            (false, true, None),
        ),
        (
            "404 GET",
            get,
            ResponseTemplate::new(404),
            (false, false, None),
        ),
    ];
    for (rotulo, (metodo, idem), resposta, (retentavel, incerto, espera)) in casos {
        let (e_mg, e_ws) = bruto_nos_dois(metodo, idem, &resposta).await;
        let (r_mg, r_ws) = (mg(&e_mg), ws(&e_ws));
        assert_eq!(r_mg, r_ws, "{rotulo}: {e_mg} / {e_ws}");
        assert_eq!(r_mg.operacao, op, "{rotulo}");
        assert_eq!(r_mg.is_retryable, retentavel, "{rotulo}");
        assert_eq!(r_mg.resultado_incerto, incerto, "{rotulo}");
        assert_eq!(r_mg.retry_after, espera, "{rotulo}");
        assert!(r_mg.tentativas.is_some_and(|t| t >= 1), "{rotulo}");
    }

    // A refused connection: nothing reached the server.
    let e_mg = cliente_mg("http://127.0.0.1:9/")
        .executar_bruto(HttpMethod::Get, "sonda", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    let e_ws = cliente_ws("http://127.0.0.1:9/")
        .executar_bruto(HttpMethod::Get, "sonda", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    let (r_mg, r_ws) = (mg(&e_mg), ws(&e_ws));
    assert_eq!(r_mg, r_ws, "{e_mg} / {e_ws}");
    assert_eq!(r_mg.operacao, op);
    assert_eq!(r_mg.tentativas, Some(2), "{e_mg:?}");
    assert!(r_mg.is_retryable && !r_mg.resultado_incerto && r_mg.status.is_none());

    // An input refused before sending.
    let s = servidor(ResponseTemplate::new(200)).await;
    let e_mg = cliente_mg(&s.uri())
        .executar_bruto(HttpMethod::Get, "a b", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    let e_ws = cliente_ws(&s.uri())
        .executar_bruto(HttpMethod::Get, "a b", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    let (r_mg, r_ws) = (mg(&e_mg), ws(&e_ws));
    assert_eq!(r_mg, r_ws, "{e_mg} / {e_ws}");
    assert!(r_mg.is_entrada_invalida && r_mg.tentativas.is_none());

    // A business refusal: CET-MG `codigo_retorno` ≠ "000" (HTTP 200), SERPRO 422. Everything
    // but the status (each service's own) answers alike.
    let s = servidor(ResponseTemplate::new(200)).await;
    wiremock::Mock::given(wiremock::matchers::path_regex("consultar-cores"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "codigo_retorno": "101", "mensagem_retorno": "Recusado"
        })))
        .mount(&s)
        .await;
    let e_mg = cliente_mg(&s.uri()).consultar_cores().await.unwrap_err();
    let (_, e_ws) = bruto_nos_dois(
        HttpMethod::Post,
        Idempotency::StateChanging,
        &ResponseTemplate::new(422).set_body_json(json!({"mensagemParaUsuarioFinal": "Recusado"})),
    )
    .await;
    let (mut r_mg, r_ws) = (mg(&e_mg), ws(&e_ws));
    assert_eq!(r_mg.status, Some(200));
    assert_eq!(r_ws.status, Some(422));
    assert_eq!(r_mg.operacao.as_deref(), Some("consultar_cores"));
    r_mg.status = r_ws.status;
    r_mg.operacao.clone_from(&r_ws.operacao);
    assert_eq!(r_mg, r_ws, "{e_mg} / {e_ws}");
    assert!(r_mg.is_negocio && r_mg.mensagem_usuario.as_deref() == Some("Recusado"));
    assert!(!r_mg.is_retryable && !r_mg.resultado_incerto);
}
