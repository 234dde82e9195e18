//! Issue 12: request and answer fields renamed at depth by a contract override. The wire body
//! carries the renamed nested names (`veiculo.placa` → `veiculo.placaVeiculo`), the typed
//! answer is read back from renamed nested names (`entradaEstoque.numeroTermoEntradaEstoque`),
//! and a nested path the request does not have fails the build, naming it.

#![allow(clippy::unwrap_used)]

mod comum;

use renave_domain::{CodigoSegurancaCrv, Cpf, Data, Placa, Renavam};
use renave_ws_client::Erro;
use renave_ws_client::contrato::Contrato;
use renave_ws_client::operacoes::usados::{
    SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE, SolicitacaoCancelamentoEntradaEstoque,
    VeiculoCancelamentoEntrada,
};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const OP: &str = "solicitar_cancelamento_entrada_estoque";

fn solicitacao() -> SolicitacaoCancelamentoEntradaEstoque {
    SolicitacaoCancelamentoEntradaEstoque {
        data_cancelamento_estoque: "2026-09-26".parse::<Data>().unwrap(),
        cpf_operador_responsavel: "52998224725".parse::<Cpf>().unwrap(),
        veiculo: VeiculoCancelamentoEntrada {
            chassi: None,
            placa: "ABC1D23".parse::<Placa>().unwrap(),
            renavam: "00123456789".parse::<Renavam>().unwrap(),
            numero_crv: None,
            codigo_seguranca_crv: "12345678901".parse::<CodigoSegurancaCrv>().unwrap(),
        },
    }
}

fn sobreposicao() -> Contrato {
    Contrato::de_toml(&format!(
        r#"
        [operacoes.{OP}.requisicao]
        veiculo = "dadosVeiculo"
        "veiculo.placa" = "placaVeiculo"
        "veiculo.codigoSegurancaCrv" = "csc"
        [operacoes.{OP}.resposta]
        entradaEstoque = "entrada"
        "entradaEstoque.numeroTermoEntradaEstoque" = "termo"
        "#
    ))
    .unwrap()
}

/// The body as the override says: `dadosVeiculo.placaVeiculo`, `dadosVeiculo.csc`, and none of
/// the SDK's nested names.
fn corpo_renomeado(r: &Request) -> bool {
    let Ok(v) = serde_json::from_slice::<Value>(&r.body) else {
        return false;
    };
    let veiculo = &v["dadosVeiculo"];
    v.get("veiculo").is_none()
        && veiculo["placaVeiculo"] == json!("ABC1D23")
        && veiculo["csc"] == json!("12345678901")
        && veiculo["renavam"] == json!("00123456789")
        && veiculo.get("placa").is_none()
        && veiculo.get("codigoSegurancaCrv").is_none()
        && v["cpfOperadorResponsavel"] == json!("52998224725")
}

#[tokio::test]
async fn campos_aninhados_renomeados_vao_e_voltam() {
    let servidor = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!(
            "/{}",
            SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE.route.template()
        )))
        .and(corpo_renomeado)
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "id": 9,
            "entrada": {"termo": 4321, "dataHora": "2026-09-20T10:00:00"}
        })))
        .expect(1)
        .mount(&servidor)
        .await;
    let cliente = comum::builder_wiremock(&servidor)
        .contrato(sobreposicao())
        .build()
        .unwrap();
    let e = cliente
        .solicitar_cancelamento_entrada_estoque(&solicitacao())
        .await
        .unwrap();
    let entrada = e
        .entrada_estoque
        .expect("entradaEstoque read from `entrada`");
    assert_eq!(
        entrada
            .numero_termo_entrada_estoque
            .as_ref()
            .and_then(|t| t.valido()),
        Some(&4321)
    );
    assert!(entrada.data_hora.is_some());
    // Nothing is left as an unknown field: the renamed names were all read.
    assert!(
        cliente.divergencias().is_empty(),
        "{:?}",
        cliente.divergencias()
    );
}

#[tokio::test]
async fn caminho_aninhado_desconhecido_na_requisicao_e_erro_de_build() {
    let servidor = MockServer::start().await;
    let sobreposicao = Contrato::de_toml(&format!(
        "[operacoes.{OP}.requisicao]\n\"veiculo.placaa\" = \"p\"\n"
    ))
    .unwrap();
    match comum::builder_wiremock(&servidor)
        .contrato(sobreposicao)
        .build()
    {
        Err(e @ Erro::Configuracao { .. }) => {
            let texto = e.to_string();
            assert!(texto.contains("veiculo.placaa"), "{texto}");
        }
        outro => panic!("expected a configuration error, got {outro:?}"),
    }
}
