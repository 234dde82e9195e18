//! Table codes are checked before sending on every request: a struct literal holding a code the
//! SDK does not know (`From<&str>`, not `desconhecido_permitido`) is refused with
//! `Erro::EntradaInvalida` naming the field, and nothing reaches the server (wiremock
//! `expect(0)`). One test per operation whose only check is its table code (E2, E4, E10, E11,
//! E23, Z9, Z10, and the montadora and ITE stock and authorization filters); a code built with
//! `desconhecido_permitido` is sent as given.
#![allow(clippy::unwrap_used)]

mod comum;

use std::fmt::Debug;

use renave_domain::{
    EstadoAutorizacaoTransferencia, EstadoEstoque, EventoNotaFiscal, IdEstoque,
    MotivoDevolucaoMontadora, MotivoRejeicao, TipoCrv,
};
use renave_ws_client::operacoes::montadora::{FiltroAutorizacoes, FiltroEstoques};
use renave_ws_client::operacoes::transferencias::FiltroAutorizacoesTransferencias;
use renave_ws_client::operacoes::usados::{
    ConsultaAptidao, ConsultaEstoques, EnvioNotaFiscal, SolicitacaoEntradaEstoqueVeiculoProprio,
    VeiculoEntradaEstoqueProprio,
};
use renave_ws_client::operacoes::zero_km::{
    DevolucaoMontadoraVeiculoZeroKm, RejeicaoVeiculoZeroKm,
};
use renave_ws_client::{ClienteRenaveWs, Erro};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that fails the test if any request reaches it.
async fn servidor_mudo() -> MockServer {
    let servidor = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_raw("{}", "application/json"))
        .expect(0)
        .mount(&servidor)
        .await;
    servidor
}

/// `r` is the refusal of `campo`, and `servidor` saw nothing.
async fn recusado<T: Debug>(servidor: &MockServer, r: Result<T, Erro>, campo: &str) {
    match r {
        Err(Erro::EntradaInvalida { campo: c, .. }) => assert_eq!(c, campo),
        Err(outro) => panic!("expected EntradaInvalida on {campo}, got {outro:?}"),
        Ok(v) => panic!("an unknown {campo} was sent: {v:?}"),
    }
    servidor.verify().await;
}

fn cliente(servidor: &MockServer) -> ClienteRenaveWs {
    comum::cliente_wiremock(servidor)
}

#[tokio::test]
async fn e2_tipo_crv_desconhecido_nao_e_enviado() {
    let s = servidor_mudo().await;
    let consulta = ConsultaAptidao {
        placa: Some("ABC1D23".parse().unwrap()),
        renavam: Some("12345678900".parse().unwrap()),
        numero_crv: None,
        tipo_crv: TipoCrv::from("AMARELO"),
    };
    let r = cliente(&s)
        .consultar_aptidao_veiculo_estoque(&consulta)
        .await;
    recusado(&s, r, "tipoCrv").await;
}

#[tokio::test]
async fn e4_tipo_crv_desconhecido_nao_e_enviado() {
    let s = servidor_mudo().await;
    let solicitacao = SolicitacaoEntradaEstoqueVeiculoProprio {
        cpf_operador_responsavel: "52998224725".parse().unwrap(),
        data_entrada_estoque: "2026-09-24".parse().unwrap(),
        veiculo: VeiculoEntradaEstoqueProprio {
            codigo_seguranca_crv: "12345678901".parse().unwrap(),
            data_hora_medicao_hodometro: "2026-09-24T10:00:00".parse().unwrap(),
            quilometragem_hodometro: 45_000,
            tipo_crv: TipoCrv::from("AMARELO"),
            numero_crv: None,
            placa: Some("ABC1D23".parse().unwrap()),
            renavam: Some("12345678900".parse().unwrap()),
        },
    };
    let r = cliente(&s)
        .solicitar_entrada_estoque_veiculo_proprio(&solicitacao)
        .await;
    recusado(&s, r, "veiculo.tipoCrv").await;
}

#[tokio::test]
async fn e10_evento_desconhecido_nao_e_enviado() {
    let s = servidor_mudo().await;
    let envio = EnvioNotaFiscal {
        chave_nota_fiscal: "33150308370779000149550010001100931002410775"
            .parse()
            .unwrap(),
        evento: EventoNotaFiscal::from("DOACAO"),
        id_estoque: IdEstoque::from(7),
    };
    let r = cliente(&s).enviar_nota_fiscal(&envio).await;
    recusado(&s, r, "evento").await;
}

#[tokio::test]
async fn e11_estado_estoque_desconhecido_nao_e_enviado() {
    let s = servidor_mudo().await;
    let consulta = ConsultaEstoques {
        estado_estoque: Some(EstadoEstoque::from("ESTADO_NOVO")),
        ..ConsultaEstoques::default()
    };
    let r = cliente(&s).consultar_estoques(&consulta).await;
    recusado(&s, r, "estadoEstoque").await;
}

#[tokio::test]
async fn e23_estado_autorizacao_desconhecido_nao_e_enviado() {
    let s = servidor_mudo().await;
    let filtro = FiltroAutorizacoesTransferencias {
        estado_autorizacao: Some(EstadoAutorizacaoTransferencia::from("PENDENTE")),
        ..FiltroAutorizacoesTransferencias::default()
    };
    let r = cliente(&s)
        .consultar_autorizacoes_transferencias(&filtro)
        .await;
    recusado(&s, r, "estadoAutorizacao").await;
}

fn filtro_estoques_desconhecido() -> FiltroEstoques {
    FiltroEstoques {
        estado_estoque: Some(EstadoEstoque::from("ESTADO_NOVO")),
        ..FiltroEstoques::default()
    }
}

fn filtro_autorizacoes_desconhecido() -> FiltroAutorizacoes {
    FiltroAutorizacoes {
        estado_autorizacao: Some(EstadoAutorizacaoTransferencia::from("PENDENTE")),
        ..FiltroAutorizacoes::default()
    }
}

#[tokio::test]
async fn montadora_estado_estoque_desconhecido_nao_e_enviado() {
    let s = servidor_mudo().await;
    let r = cliente(&s)
        .consultar_estoques_montadora(&filtro_estoques_desconhecido())
        .await;
    recusado(&s, r, "estadoEstoque").await;
}

#[tokio::test]
async fn ite_estado_estoque_desconhecido_nao_e_enviado() {
    let s = servidor_mudo().await;
    let r = cliente(&s)
        .consultar_estoques_ite(&filtro_estoques_desconhecido())
        .await;
    recusado(&s, r, "estadoEstoque").await;
}

#[tokio::test]
async fn montadora_estado_autorizacao_desconhecido_nao_e_enviado() {
    let s = servidor_mudo().await;
    let r = cliente(&s)
        .consultar_autorizacoes_transferencias_montadora(&filtro_autorizacoes_desconhecido())
        .await;
    recusado(&s, r, "estadoAutorizacao").await;
}

#[tokio::test]
async fn ite_estado_autorizacao_desconhecido_nao_e_enviado() {
    let s = servidor_mudo().await;
    let r = cliente(&s)
        .consultar_autorizacoes_transferencias_ite(&filtro_autorizacoes_desconhecido())
        .await;
    recusado(&s, r, "estadoAutorizacao").await;
}

#[test]
fn filtros_lidos_de_json_passam_pela_mesma_verificacao() {
    let e = serde_json::from_str::<FiltroEstoques>(r#"{"estadoEstoque":"ESTADO_NOVO"}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("estadoEstoque"), "{e}");
    let e = serde_json::from_str::<FiltroAutorizacoes>(r#"{"estadoAutorizacao":"PENDENTE"}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("estadoAutorizacao"), "{e}");
    let ok: FiltroEstoques = serde_json::from_str(r#"{"estadoEstoque":"CONFIRMADO"}"#).unwrap();
    assert_eq!(ok.estado_estoque, Some(EstadoEstoque::Confirmado));
}

fn devolucao(motivo: MotivoDevolucaoMontadora) -> DevolucaoMontadoraVeiculoZeroKm {
    DevolucaoMontadoraVeiculoZeroKm {
        chave_nota_fiscal: "33150308370779000149550010001100931002410775"
            .parse()
            .unwrap(),
        cpf_operador_responsavel: "52998224725".parse().unwrap(),
        data_devolucao: "2026-09-24T10:00:00".parse().unwrap(),
        id_estoque: IdEstoque::from(7),
        motivo_devolucao_montadora: motivo,
    }
}

#[tokio::test]
async fn z9_motivo_devolucao_desconhecido_nao_e_enviado() {
    let s = servidor_mudo().await;
    let r = cliente(&s)
        .devolver_montadora_veiculo_zero_km(&devolucao(MotivoDevolucaoMontadora::from("CHUVA")))
        .await;
    recusado(&s, r, "motivoDevolucaoMontadora").await;
}

#[tokio::test]
async fn z10_motivo_rejeicao_desconhecido_nao_e_enviado() {
    let s = servidor_mudo().await;
    let rejeicao = RejeicaoVeiculoZeroKm {
        chassi: "9BWZZZ377VT004251".parse().unwrap(),
        cpf_operador_responsavel: "52998224725".parse().unwrap(),
        motivo_rejeicao: MotivoRejeicao::from("CHUVA"),
    };
    let r = cliente(&s).rejeitar_veiculo_zero_km(&rejeicao).await;
    recusado(&s, r, "motivoRejeicao").await;
}

#[tokio::test]
async fn codigo_permitido_explicitamente_e_enviado_como_esta() {
    let servidor = MockServer::start().await;
    Mock::given(wiremock::matchers::body_partial_json(
        serde_json::json!({"motivoDevolucaoMontadora": "CHUVA"}),
    ))
    .respond_with(ResponseTemplate::new(400).set_body_raw("{}", "application/json"))
    .expect(1)
    .mount(&servidor)
    .await;
    // The canned 400 only proves the body reached the server as given.
    let _ = cliente(&servidor)
        .devolver_montadora_veiculo_zero_km(&devolucao(
            MotivoDevolucaoMontadora::desconhecido_permitido("CHUVA"),
        ))
        .await;
    servidor.verify().await;
}
