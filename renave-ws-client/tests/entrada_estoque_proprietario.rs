//! E3 (*solicitação de entrada em estoque*, usado comprado de terceiro, `renave-ws.md` §4 E3):
//! the establishment cannot be the current owner (M3) — that is E4's case. The client knows its
//! CNPJ from the certificate, so it refuses such a request with a typed error pointing to E4
//! and sends nothing.

#![allow(clippy::unwrap_used)]

mod comum;

use comum::{CNPJ_TESTE, Cifra, escrever_pkcs12, gerar_pki};
use renave_domain::{CpfCnpj, TipoCrv};
use renave_ws_client::operacoes::usados::{
    ProprietarioEhOEstabelecimento, SolicitacaoEntradaEstoque, VeiculoEntradaEstoque,
};
use renave_ws_client::{ClienteRenaveWs, Erro, IdentidadeCertificado};
use secrecy::SecretString;
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn entrada(dono: &str) -> SolicitacaoEntradaEstoque {
    SolicitacaoEntradaEstoque::builder()
        .cpf_operador_responsavel("52998224725".parse::<renave_domain::Cpf>().unwrap())
        .data_compra("2026-09-24".parse::<renave_domain::Data>().unwrap())
        .valor_compra("45000.00".parse::<renave_domain::Valor>().unwrap())
        .email_vendedor("vendedor@example.com")
        .veiculo(VeiculoEntradaEstoque {
            codigo_seguranca_crv: "12345678901".parse().unwrap(),
            tipo_crv: TipoCrv::Digital,
            numero_crv: None,
            placa: "ABC1D23".parse().unwrap(),
            renavam: "00123456789".parse().unwrap(),
            quilometragem_hodometro: 45_000,
            data_hora_medicao_hodometro: "2026-09-24T10:00:00".parse().unwrap(),
            documento_proprietario_atual: dono.parse::<CpfCnpj>().unwrap(),
        })
        .build()
        .unwrap()
}

async fn servidor() -> MockServer {
    let servidor = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"id": 1, "estado": "SOLICITADO"})),
        )
        .mount(&servidor)
        .await;
    servidor
}

fn cliente_com_certificado(servidor: &MockServer) -> ClienteRenaveWs {
    let pki = gerar_pki();
    let senha = SecretString::from("senha-teste".to_owned());
    let pfx = escrever_pkcs12(&pki.cliente, &pki.ca, "senha-teste", Cifra::Aes256);
    let c = comum::builder_wiremock(servidor)
        .identidade(IdentidadeCertificado::de_pkcs12(&pfx, &senha).unwrap())
        .build()
        .unwrap();
    assert_eq!(c.cnpj().map(renave_domain::Cnpj::as_str), Some(CNPJ_TESTE));
    c
}

#[tokio::test]
async fn estabelecimento_proprietario_e_recusado_antes_de_enviar() {
    let servidor = servidor().await;
    let c = cliente_com_certificado(&servidor);
    let erro = c
        .solicitar_entrada_estoque(&entrada(CNPJ_TESTE))
        .await
        .expect_err("the establishment is the current owner");
    match &erro {
        Erro::EntradaInvalida {
            operacao,
            campo,
            motivo,
            ..
        } => {
            assert_eq!(operacao, "solicitar_entrada_estoque");
            assert_eq!(campo, "veiculo.documentoProprietarioAtual");
            assert!(
                motivo.contains("solicitar_entrada_estoque_veiculo_proprio"),
                "points to E4: {motivo}"
            );
        }
        outro => panic!("expected EntradaInvalida, got {outro:?}"),
    }
    assert!(
        std::error::Error::source(&erro)
            .is_some_and(<dyn std::error::Error>::is::<ProprietarioEhOEstabelecimento>),
        "typed source"
    );
    assert!(
        !erro.to_string().contains(CNPJ_TESTE),
        "the error does not quote the document"
    );
    assert!(
        servidor.received_requests().await.unwrap().is_empty(),
        "nothing may be sent"
    );
}

#[tokio::test]
async fn terceiro_proprietario_e_enviado() {
    let servidor = servidor().await;
    let c = cliente_com_certificado(&servidor);
    // A private seller, and another company: both are third parties.
    for dono in ["11144477735", "11444777000161"] {
        c.solicitar_entrada_estoque(&entrada(dono))
            .await
            .unwrap_or_else(|e| panic!("{dono}: {e}"));
    }
    assert_eq!(servidor.received_requests().await.unwrap().len(), 2);
}

/// Without a certificate (homologação's default test client) the client does not know its
/// CNPJ: it cannot check, and the server decides.
#[tokio::test]
async fn sem_cnpj_conhecido_o_servidor_decide() {
    let servidor = servidor().await;
    let c = comum::builder_wiremock(&servidor).build().unwrap();
    assert!(c.cnpj().is_none());
    c.solicitar_entrada_estoque(&entrada(CNPJ_TESTE))
        .await
        .expect("sent");
    assert_eq!(servidor.received_requests().await.unwrap().len(), 1);
}
