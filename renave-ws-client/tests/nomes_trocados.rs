//! Decision D11, fail closed: for every Renave-WS operation with a decoded answer, a 2xx
//! answer the SDK does not recognise — an object whose every field is renamed, an empty body,
//! a body that is not JSON — is never `Ok`: it is [`Erro::RespostaNaoReconhecida`], and for a
//! state-changing operation the outcome is unknown.

#![cfg(feature = "simulador")]

use renave_http::Idempotency;
use renave_ws_client::simulador::fixtures::{self as fx, Operacao};
use renave_ws_client::{Ambiente, ClienteRenaveWs, Erro, RetryPolicy};
use serde_json::Value;
use wiremock::{Mock, MockServer, ResponseTemplate};

mod chamadas;
use chamadas::chamar;

fn cliente(servidor: &MockServer) -> ClienteRenaveWs {
    ClienteRenaveWs::builder()
        .ambiente(Ambiente::Local(
            url::Url::parse(&servidor.uri()).expect("URL"),
        ))
        .retentativas(RetryPolicy::disabled())
        .build()
        .expect("client")
}

/// Every top-level name of `v` in another spelling (`idEstoque` → `IdEstoque`).
fn trocar_nomes(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let mut c = k.chars();
                    let novo = c
                        .next()
                        .map(|p| p.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default();
                    (novo, v.clone())
                })
                .collect(),
        ),
        outro => outro.clone(),
    }
}

async fn conferir(op: &Operacao, resposta: ResponseTemplate, rotulo: &str) {
    let servidor = MockServer::start().await;
    Mock::given(wiremock::matchers::path_regex(
        op.sucesso().padrao_caminho(),
    ))
    .respond_with(resposta)
    .expect(1)
    .mount(&servidor)
    .await;
    let erro = match chamar(op.nome(), cliente(&servidor)).await {
        Ok(()) => panic!("{} ({rotulo}): fail-open, Ok", op.nome()),
        Err(e) => e,
    };
    assert!(
        matches!(erro, Erro::RespostaNaoReconhecida { status: 200, .. }),
        "{} ({rotulo}): {erro:?}",
        op.nome()
    );
    assert_eq!(
        erro.resultado_incerto(),
        op.endpoint().idempotency == Idempotency::StateChanging,
        "{} ({rotulo})",
        op.nome()
    );
    assert!(!erro.is_retryable(), "{} ({rotulo})", op.nome());
    servidor.verify().await;
}

#[tokio::test]
async fn resposta_nao_reconhecida_nunca_e_sucesso() {
    let mut conferidas = 0;
    for op in fx::todas() {
        // Operations answered by a `Confirmacao` (any 2xx) have no answer to recognise.
        let Some(corpo) = op.corpo_sucesso() else {
            continue;
        };
        if corpo.is_object() {
            conferir(
                op,
                ResponseTemplate::new(200).set_body_json(trocar_nomes(&corpo)),
                "renamed fields",
            )
            .await;
        }
        conferir(op, ResponseTemplate::new(200), "empty body").await;
        conferir(
            op,
            ResponseTemplate::new(200).set_body_raw("<html>ok</html>", "text/html"),
            "not JSON",
        )
        .await;
        conferidas += 1;
    }
    assert!(conferidas > 30, "{conferidas}");
}
