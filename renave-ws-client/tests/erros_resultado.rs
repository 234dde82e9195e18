//! What an error says about the outcome (decisions D6, D7): a state-changing request answered
//! with a 5xx other than 503 says in its message that the outcome is unknown (as the CET-MG
//! client does), with the same rule as CET-MG (`renave_http::retry::outcome_unknown`); a read
//! that timed out or whose answer was too large changed nothing and is never "outcome unknown".

mod comum;

use std::time::Duration;

use renave_domain::{CpfCnpj, TipoCrv, Valor};
use renave_ws_client::modelos::IdEstoque;
use renave_ws_client::operacoes::usados::{SolicitacaoEntradaEstoque, VeiculoEntradaEstoque};
use renave_ws_client::{Erro, Idempotency, Timeouts};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn entrada() -> SolicitacaoEntradaEstoque {
    let cpf = "52998224725".parse().expect("cpf");
    SolicitacaoEntradaEstoque {
        cpf_operador_responsavel: cpf,
        data_compra: "2026-09-24".parse().expect("data"),
        valor_compra: Valor::from_centavos(100).expect("valor"),
        email_estabelecimento: None,
        email_vendedor: "vendedor@example.com".to_owned(),
        veiculo: VeiculoEntradaEstoque {
            codigo_seguranca_crv: "12345678901".parse().expect("csc"),
            tipo_crv: TipoCrv::Digital,
            numero_crv: None,
            placa: "ABC1D23".parse().expect("placa"),
            renavam: "00123456789".parse().expect("renavam"),
            quilometragem_hodometro: 1,
            data_hora_medicao_hodometro: "2026-09-24T10:00:00".parse().expect("dh"),
            documento_proprietario_atual: CpfCnpj::Cpf(cpf),
        },
    }
}

const POST_PATH: &str = "/api/solicitacoes-entrada-estoque";
const GET_PATH: &str = "/api/estoques/7";

fn diz_desconhecido(texto: &str) -> bool {
    let t = texto.to_lowercase();
    t.contains("outcome unknown") || t.contains("do not resend")
}

/// The POST answered `resposta` once (never resent).
async fn post_respondido(resposta: ResponseTemplate) -> Erro {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(POST_PATH))
        .respond_with(resposta)
        .expect(1)
        .mount(&s)
        .await;
    let e = comum::cliente_wiremock(&s)
        .solicitar_entrada_estoque(&entrada())
        .await
        .expect_err("error answer");
    s.verify().await;
    e
}

/// The GET answered `resposta` (`vezes` attempts).
async fn get_respondido(
    resposta: ResponseTemplate,
    vezes: u64,
    ajustar: impl FnOnce(
        renave_ws_client::ClienteRenaveWsBuilder,
    ) -> renave_ws_client::ClienteRenaveWsBuilder,
) -> Erro {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(GET_PATH))
        .respond_with(resposta)
        .expect(vezes)
        .mount(&s)
        .await;
    let c = ajustar(comum::builder_wiremock(&s))
        .build()
        .expect("client");
    let e = c.consultar_estoque(IdEstoque(7)).await.expect_err("error");
    s.verify().await;
    e
}

#[tokio::test]
async fn post_com_5xx_exceto_503_diz_resultado_incerto() {
    for status in [500, 501, 502, 504, 507] {
        let e = post_respondido(ResponseTemplate::new(status).set_body_json(
            serde_json::json!({"titulo": "Erro", "logIdRastreabilidade": "7f3e9c0a"}),
        ))
        .await;
        assert!(e.resultado_incerto(), "POST {status}");
        assert!(
            renave_http::retry::outcome_unknown(Idempotency::StateChanging, status),
            "the one rule agrees: {status}"
        );
        let texto = e.to_string();
        assert!(texto.contains("OUTCOME UNKNOWN"), "POST {status}: {texto}");
        assert!(texto.contains("do not resend"), "POST {status}: {texto}");
        assert!(!texto.contains('\n'), "{texto}");
    }
    for status in [400, 422, 503] {
        let e = post_respondido(ResponseTemplate::new(status)).await;
        assert!(!e.resultado_incerto(), "POST {status}");
        assert!(!diz_desconhecido(&e.to_string()), "POST {status}: {e}");
    }
}

#[tokio::test]
async fn get_com_5xx_nao_e_resultado_incerto() {
    let e = get_respondido(ResponseTemplate::new(500), 1, |b| b).await;
    assert!(!e.resultado_incerto());
    assert!(!diz_desconhecido(&e.to_string()), "{e}");
}

#[tokio::test]
async fn leitura_com_timeout_nao_e_resultado_incerto() {
    let lenta = ResponseTemplate::new(200)
        .set_body_json(serde_json::json!({"id": 7}))
        .set_delay(Duration::from_secs(3));
    let e = get_respondido(lenta, 3, |b| {
        b.prazos(Timeouts {
            connect: Duration::from_secs(2),
            per_attempt: Duration::from_millis(200),
            operation: Duration::from_secs(20),
        })
    })
    .await;
    assert!(matches!(e, Erro::Transporte { .. }), "{e:?}");
    assert!(!e.resultado_incerto(), "{e:?}");
    assert!(e.is_retryable());
    let texto = e.to_string();
    assert!(!diz_desconhecido(&texto), "{texto}");
    assert!(texto.contains("safe"), "{texto}");
}

#[tokio::test]
async fn leitura_grande_demais_nao_e_resultado_incerto() {
    let grande = ResponseTemplate::new(200).set_body_string("x".repeat(8192));
    let e = get_respondido(grande, 1, |b| b.limite_resposta_bytes(1024)).await;
    assert!(matches!(e, Erro::Transporte { .. }), "{e:?}");
    assert!(!e.resultado_incerto(), "{e:?}");
    let texto = e.to_string();
    assert!(!diz_desconhecido(&texto), "{texto}");
}

#[tokio::test]
async fn post_com_timeout_ou_resposta_grande_demais_e_resultado_incerto() {
    let lenta = ResponseTemplate::new(201).set_delay(Duration::from_secs(3));
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(POST_PATH))
        .respond_with(lenta)
        .expect(1)
        .mount(&s)
        .await;
    let c = comum::builder_wiremock(&s)
        .prazos(Timeouts {
            connect: Duration::from_secs(2),
            per_attempt: Duration::from_millis(200),
            operation: Duration::from_secs(20),
        })
        .build()
        .expect("client");
    let e = c
        .solicitar_entrada_estoque(&entrada())
        .await
        .expect_err("timeout");
    s.verify().await;
    assert!(e.resultado_incerto() && !e.is_retryable(), "{e:?}");
    let texto = e.to_string();
    assert!(
        texto.contains("outcome unknown") && texto.contains("do not resend"),
        "{texto}"
    );

    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(POST_PATH))
        .respond_with(ResponseTemplate::new(201).set_body_string("x".repeat(8192)))
        .expect(1)
        .mount(&s)
        .await;
    let c = comum::builder_wiremock(&s)
        .limite_resposta_bytes(1024)
        .build()
        .expect("client");
    let e = c
        .solicitar_entrada_estoque(&entrada())
        .await
        .expect_err("too large");
    s.verify().await;
    assert!(e.resultado_incerto(), "{e:?}");
    assert!(e.to_string().contains("do not resend"), "{e}");
}
