//! Decision D11, fail closed: for every CET-MG operation, an answer whose names differ from
//! the contract's (the envelope's return code under another name, every field renamed, or an
//! empty body) is never `Ok`: it is [`Erro::RespostaNaoReconhecida`], and for a
//! state-changing operation the outcome is unknown.

#![cfg(feature = "simulador")]
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use renave_mg_client::simulador::fixtures::{self, Operacao};
use renave_mg_client::{Ambiente, ClienteCetMg, Erro, Idempotency, RetryPolicy, Timeouts};
use secrecy::SecretString;
use serde_json::{Value, json};
use wiremock::MockServer;

mod chamadas;
use chamadas::chamar;

fn cliente(servidor: &MockServer) -> ClienteCetMg {
    ClienteCetMg::builder()
        .ambiente(Ambiente::Local(servidor.uri().parse().unwrap()))
        .credenciais(SecretString::from("chave"), SecretString::from("segredo"))
        .retentativas(RetryPolicy::disabled())
        .prazos(Timeouts {
            connect: Duration::from_secs(2),
            per_attempt: Duration::from_secs(10),
            operation: Duration::from_secs(20),
        })
        .build()
        .unwrap()
}

/// Every top-level name of `v` in another spelling (`codigo_retorno` → `CodigoRetorno`,
/// `dados` → `Dados`): the same answer, in a dialect the default contract does not know.
fn trocar_nomes(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let pascal: String = k
                        .split('_')
                        .map(|p| {
                            let mut c = p.chars();
                            c.next()
                                .map(|p0| p0.to_uppercase().chain(c).collect::<String>())
                                .unwrap_or_default()
                        })
                        .collect();
                    (pascal, v.clone())
                })
                .collect(),
        ),
        outro => outro.clone(),
    }
}

async fn conferir(op: &Operacao, corpo: Option<Value>, rotulo: &str) {
    let servidor = MockServer::start().await;
    fixtures::GERAR_TOKEN.sucesso().montar(&servidor).await;
    match corpo {
        Some(v) => {
            op.sucesso()
                .com_corpo(v)
                .esperando(1)
                .montar(&servidor)
                .await;
        }
        None => {
            wiremock::Mock::given(wiremock::matchers::path_regex(
                op.sucesso().padrao_caminho(),
            ))
            .respond_with(wiremock::ResponseTemplate::new(200))
            .expect(1)
            .mount(&servidor)
            .await;
        }
    }
    let r = chamar(op.nome(), cliente(&servidor))
        .unwrap_or_else(|| panic!("no call for {}", op.nome()))
        .await;
    let erro = match r {
        Ok(v) => panic!("{} ({rotulo}): fail-open, Ok({v})", op.nome()),
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
async fn resposta_com_nomes_trocados_nunca_e_sucesso() {
    for op in fixtures::todas() {
        if op.nome() == fixtures::GERAR_TOKEN.nome() {
            continue;
        }
        conferir(
            op,
            Some(trocar_nomes(&op.corpo_sucesso())),
            "renamed fields",
        )
        .await;
        conferir(op, Some(json!({"codigoRetorno": "205"})), "codigoRetorno").await;
        conferir(
            op,
            Some(json!({"status": "ERRO", "codigo": "205", "descricao": "recusado"})),
            "status/codigo",
        )
        .await;
        conferir(op, Some(json!({})), "empty object").await;
        conferir(op, None, "empty body").await;
    }
}
