//! What an error says about the outcome (decisions D6, D7): "outcome unknown" is said of a
//! state-changing request only — a read that timed out or whose answer was too large changed
//! nothing — with the one rule of the request core, shared with the Renave-WS client.
#![allow(clippy::unwrap_used)]

mod comum;

use std::time::Duration;

use comum::*;
use renave_mg_client::operacoes::estoque::ComunicacaoVendaEntradaEstoque;
use renave_mg_client::{ClienteCetMgBuilder, Erro, Idempotency, Timeouts};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn comunicacao() -> ComunicacaoVendaEntradaEstoque {
    ComunicacaoVendaEntradaEstoque {
        placa: placa(),
        renavam: renavam(),
        chassi: chassi(),
        numero_atpve: "123".into(),
    }
}

const POST: &str = "registrar-comunicacao-venda-entrada-estoque";
const GET: &str = "tabelas-auxiliares/consultar-cores";

fn diz_desconhecido(texto: &str) -> bool {
    let t = texto.to_lowercase();
    t.contains("outcome unknown") || t.contains("do not resend")
}

fn curto(b: ClienteCetMgBuilder) -> ClienteCetMgBuilder {
    b.prazos(Timeouts {
        connect: Duration::from_secs(2),
        per_attempt: Duration::from_millis(200),
        operation: Duration::from_secs(20),
    })
}

async fn erro_de(
    metodo: &str,
    resposta: ResponseTemplate,
    ajustar: impl FnOnce(ClienteCetMgBuilder) -> ClienteCetMgBuilder,
) -> Erro {
    let server = MockServer::start().await;
    montar_token(&server, 1).await;
    let rota = if metodo == "GET" { GET } else { POST };
    Mock::given(method(metodo))
        .and(path(caminho(rota)))
        .respond_with(resposta)
        .expect(1)
        .mount(&server)
        .await;
    let cliente = ajustar(builder(&server)).build().unwrap();
    let erro = if metodo == "GET" {
        cliente.consultar_cores().await.map(|_| ()).unwrap_err()
    } else {
        cliente
            .registrar_comunicacao_venda_entrada_estoque(&comunicacao())
            .await
            .map(|_| ())
            .unwrap_err()
    };
    server.verify().await;
    erro
}

#[tokio::test]
async fn leitura_com_timeout_nao_e_resultado_incerto() {
    let lenta = ResponseTemplate::new(200).set_delay(Duration::from_secs(3));
    let erro = erro_de("GET", lenta, curto).await;
    assert!(matches!(erro, Erro::Transporte { .. }), "{erro:?}");
    assert!(!erro.resultado_incerto(), "{erro:?}");
    assert!(erro.is_retryable());
    let texto = erro.to_string();
    assert!(!diz_desconhecido(&texto), "{texto}");
    assert!(texto.contains("safe"), "{texto}");
}

#[tokio::test]
async fn leitura_grande_demais_nao_e_resultado_incerto() {
    let grande = ResponseTemplate::new(200).set_body_string("x".repeat(8192));
    let erro = erro_de("GET", grande, |b| b.limite_resposta_bytes(1024)).await;
    assert!(matches!(erro, Erro::Transporte { .. }), "{erro:?}");
    assert!(!erro.resultado_incerto(), "{erro:?}");
    assert!(!diz_desconhecido(&erro.to_string()), "{erro}");
}

#[tokio::test]
async fn post_com_timeout_ou_resposta_grande_demais_e_resultado_incerto() {
    let lenta = ResponseTemplate::new(200).set_delay(Duration::from_secs(3));
    let erro = erro_de("POST", lenta, curto).await;
    assert!(erro.resultado_incerto() && !erro.is_retryable(), "{erro:?}");
    assert!(erro.to_string().contains("OUTCOME UNKNOWN"), "{erro}");

    let grande = ResponseTemplate::new(200).set_body_string("x".repeat(8192));
    let erro = erro_de("POST", grande, |b| b.limite_resposta_bytes(1024)).await;
    assert!(erro.resultado_incerto(), "{erro:?}");
    assert!(erro.to_string().contains("OUTCOME UNKNOWN"), "{erro}");
}

/// CET-MG answers: the same rule as Renave-WS, `renave_http::retry::outcome_unknown`, for the
/// statuses the CET-MG client classified before (500, 502, 503, 504), with or without the
/// gateway's own body.
#[tokio::test]
async fn respostas_5xx_seguem_a_regra_unica() {
    for status in [500, 502, 503, 504] {
        for corpo in [
            serde_json::json!({"codigo_retorno": "999", "mensagem_retorno": "Erro"}),
            serde_json::json!({"code": "101504", "message": "Send timeout"}),
        ] {
            for metodo in ["GET", "POST"] {
                let resposta = ResponseTemplate::new(status).set_body_json(corpo.clone());
                let erro = erro_de(metodo, resposta, |b| b).await;
                let idem = if metodo == "GET" {
                    Idempotency::Idempotent
                } else {
                    Idempotency::StateChanging
                };
                let esperado = renave_http::retry::outcome_unknown(idem, status);
                assert_eq!(
                    erro.resultado_incerto(),
                    esperado,
                    "{metodo} {status}: {erro:?}"
                );
                assert_eq!(
                    erro.to_string().contains("OUTCOME UNKNOWN"),
                    esperado,
                    "{metodo} {status}: {erro}"
                );
            }
        }
    }
}

/// Every 5xx but 503 to a POST (501, 505, 507… included) is "outcome unknown" under the one
/// rule. The CET-MG client decides `resultado_incerto` of an HTTP answer where it builds the
/// error (`erro_de_resposta` in `client.rs`, `matches!(status, 500 | 502 | 504)`), outside
/// this change's scope: it must call `renave_http::retry::outcome_unknown` there.
#[tokio::test]
async fn post_com_qualquer_5xx_exceto_503_e_resultado_incerto() {
    for status in [501, 505, 507, 599] {
        let erro = erro_de("POST", ResponseTemplate::new(status), |b| b).await;
        assert!(erro.resultado_incerto(), "POST {status}: {erro:?}");
        assert!(erro.to_string().contains("OUTCOME UNKNOWN"), "{erro}");
    }
}
