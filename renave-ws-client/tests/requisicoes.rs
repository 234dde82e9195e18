//! Requests users can build: a `tipoCrv` the SDK does not know is refused before anything is
//! sent, unless explicitly allowed; the builders name the missing field.
#![allow(clippy::unwrap_used)]

mod comum;

use renave_domain::{CpfCnpj, TipoCrv};
use renave_ws_client::Erro;
use renave_ws_client::operacoes::usados::{SolicitacaoEntradaEstoque, VeiculoEntradaEstoque};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn entrada(tipo_crv: TipoCrv) -> SolicitacaoEntradaEstoque {
    SolicitacaoEntradaEstoque {
        cpf_operador_responsavel: "52998224725".parse().unwrap(),
        data_compra: "2026-09-24".parse().unwrap(),
        valor_compra: "45000.00".parse().unwrap(),
        email_estabelecimento: None,
        email_vendedor: "vendedor@example.com".to_owned(),
        veiculo: VeiculoEntradaEstoque {
            codigo_seguranca_crv: "12345678901".parse().unwrap(),
            tipo_crv,
            numero_crv: None,
            placa: "ABC1D23".parse().unwrap(),
            renavam: "12345678900".parse().unwrap(),
            quilometragem_hodometro: 45000,
            data_hora_medicao_hodometro: "2026-09-24T10:00:00".parse().unwrap(),
            documento_proprietario_atual: CpfCnpj::Cpf("52998224725".parse().unwrap()),
        },
    }
}

#[tokio::test]
async fn tipo_crv_fora_da_tabela_e_recusado_antes_de_enviar() {
    let servidor = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(201).set_body_raw("{}", "application/json"))
        .expect(0)
        .mount(&servidor)
        .await;
    let c = comum::cliente_wiremock(&servidor);
    let r = c
        .solicitar_entrada_estoque(&entrada(TipoCrv::from("azul")))
        .await;
    match r {
        Err(Erro::EntradaInvalida { campo, .. }) => assert_eq!(campo, "veiculo.tipoCrv"),
        Err(outro) => panic!("expected EntradaInvalida, got {outro:?}"),
        Ok(_) => panic!("an unknown tipoCrv was sent"),
    }
    servidor.verify().await;
}

#[tokio::test]
async fn tipo_crv_permitido_e_enviado_como_esta() {
    let servidor = MockServer::start().await;
    Mock::given(wiremock::matchers::body_partial_json(
        serde_json::json!({"veiculo": {"tipoCrv": "AMARELO"}}),
    ))
    .respond_with(ResponseTemplate::new(400).set_body_raw("{}", "application/json"))
    .expect(1)
    .mount(&servidor)
    .await;
    let c = comum::cliente_wiremock(&servidor);
    // The canned 400 only proves the body reached the server as given.
    let _ = c
        .solicitar_entrada_estoque(&entrada(TipoCrv::desconhecido_permitido("AMARELO")))
        .await;
    servidor.verify().await;
}

#[test]
fn construtores_nomeiam_o_campo_que_falta() {
    let completa = entrada(TipoCrv::Digital);
    let construida = SolicitacaoEntradaEstoque::builder()
        .cpf_operador_responsavel(completa.cpf_operador_responsavel)
        .data_compra(completa.data_compra)
        .valor_compra(completa.valor_compra)
        .email_vendedor("vendedor@example.com")
        .veiculo(completa.veiculo.clone())
        .build()
        .unwrap();
    assert_eq!(construida, completa);
    let erro = SolicitacaoEntradaEstoque::builder()
        .cpf_operador_responsavel(completa.cpf_operador_responsavel)
        .build()
        .unwrap_err();
    assert_eq!(erro.tipo(), "data_compra");
    let erro = SolicitacaoEntradaEstoque::builder()
        .cpf_operador_responsavel(completa.cpf_operador_responsavel)
        .data_compra(completa.data_compra)
        .valor_compra(completa.valor_compra)
        .email_vendedor("vendedor@example.com")
        .veiculo(entrada(TipoCrv::from("X")).veiculo)
        .build()
        .unwrap_err();
    assert_eq!(erro.tipo(), "veiculo.tipoCrv");
}
