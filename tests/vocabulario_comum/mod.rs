//! Shared support of the error-vocabulary tests: both clients against wiremock servers that
//! answer the same situations, and the walk of an error chain.

#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::time::Duration;

use renave::http::{HttpMethod, Idempotency, RetryPolicy, Timeouts};
use renave::mg::{Ambiente as AmbienteMg, ClienteCetMg};
use renave::ws::{Ambiente as AmbienteWs, ClienteRenaveWs};
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The same retry policy for both clients: two attempts, tiny waits.
pub fn politica() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 2,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        max_retry_after: Duration::from_millis(5),
        jitter: false,
    }
}

fn prazos() -> Timeouts {
    Timeouts {
        connect: Duration::from_secs(5),
        per_attempt: Duration::from_secs(20),
        operation: Duration::from_secs(40),
    }
}

pub fn cliente_mg(uri: &str) -> ClienteCetMg {
    ClienteCetMg::builder()
        .ambiente(AmbienteMg::Local(uri.parse().unwrap()))
        .credenciais(SecretString::from("chave"), SecretString::from("segredo"))
        .retentativas(politica())
        .prazos(prazos())
        .build()
        .unwrap()
}

pub fn cliente_ws(uri: &str) -> ClienteRenaveWs {
    ClienteRenaveWs::builder()
        .ambiente(AmbienteWs::Local(uri.parse().unwrap()))
        .retentativas(politica())
        .prazos(prazos())
        .build()
        .unwrap()
}

/// A server answering `gerar-token` with a token and every `…/sonda` with `resposta`.
pub async fn servidor(resposta: ResponseTemplate) -> MockServer {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path_regex(r"/gerar-token$"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "tok", "expires_in": 3600})),
        )
        .mount(&s)
        .await;
    Mock::given(path_regex(r"/sonda$"))
        .respond_with(resposta)
        .mount(&s)
        .await;
    s
}

/// Calls `…/sonda` raw on both clients (each against its own server answering `resposta`).
pub async fn bruto_nos_dois(
    metodo: HttpMethod,
    idempotencia: Idempotency,
    resposta: &ResponseTemplate,
) -> (renave::mg::Erro, renave::ws::Erro) {
    let corpo = (metodo != HttpMethod::Get).then(|| json!({"a": 1}));
    let s = servidor(resposta.clone()).await;
    let mg = cliente_mg(&s.uri())
        .executar_bruto(metodo, "sonda", &[], corpo.as_ref(), idempotencia)
        .await
        .unwrap_err();
    let s = servidor(resposta.clone()).await;
    let ws = cliente_ws(&s.uri())
        .executar_bruto(metodo, "sonda", &[], corpo.as_ref(), idempotencia)
        .await
        .unwrap_err();
    (mg, ws)
}

/// Each error of the chain, `Display` then `source()`.
pub fn cadeia(e: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut textos = Vec::new();
    let mut atual = Some(e);
    while let Some(x) = atual {
        textos.push(x.to_string());
        atual = x.source();
    }
    textos
}

/// The rules every message keeps: one line, and no segment of the chain repeats the next
/// one's text (a `Display` that shows its source while `source()` also returns it).
pub fn conferir_cadeia(rotulo: &str, e: &(dyn std::error::Error + 'static)) {
    let textos = cadeia(e);
    for t in &textos {
        assert!(!t.contains('\n'), "{rotulo}: not one line: {t}");
        assert!(
            !t.trim().is_empty(),
            "{rotulo}: empty segment in {textos:?}"
        );
    }
    for par in textos.windows(2) {
        assert!(
            !par[0].contains(par[1].as_str()),
            "{rotulo}: `{}` repeats its source `{}`",
            par[0],
            par[1]
        );
    }
}
