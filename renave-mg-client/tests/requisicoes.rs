//! Requests users can build: a table code the SDK does not know is refused before anything is
//! sent (the reported bug: `codigo_cor "1"` when the table holds `"01"`), unless the caller
//! explicitly allows it, and then it is sent exactly as given.
#![allow(clippy::unwrap_used)]

mod chamadas;
mod comum;

use comum::*;
use renave_domain::{CodigoTaxa, Cor, DocumentoId, Uf};
use renave_mg_client::Erro;
use renave_mg_client::operacoes::agenda::{
    Agendamento, ConsultaAgendamento, ConsultaPeriodosAtendimento,
};
use renave_mg_client::operacoes::dae::EmissaoGuiaDae;
use renave_mg_client::operacoes::estoque::{
    ComunicacaoVendaEntradaEstoque, ComunicacaoVendaSaidaEstoque, ConsultaAptidaoVeiculoEstoque,
    ConsultaSolicitacaoTransferencia, SolicitacaoTransferencia,
};
use renave_mg_client::operacoes::protocolo_digital::{
    ConsultaProtocoloRenave, ConsultaVeiculosComunicacaoVenda, DocumentoAnexo,
    ProcessoTransferencia, RegularizacaoPendencia, UploadFichaCadastro,
};
use renave_mg_client::operacoes::vistoria::{
    ConsultaDistribuicaoAtiva, ConsultaRegioesMunicipio, ConsultaUltimoLaudo,
    DistribuicaoVeiculoEcv,
};
use renave_mg_client::simulador::fixtures;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ROTA: &str = "registrar-solicitacao-servico-transferencia-propriedade-veiculo";

#[tokio::test]
async fn cor_fora_da_tabela_e_recusada_antes_de_enviar() {
    let server = MockServer::start().await;
    // Nothing may reach the server: neither a token request nor the operation.
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(corpo_sucesso_vazio()))
        .expect(0)
        .named("any request")
        .mount(&server)
        .await;
    let mut solicitacao = chamadas::solicitacao();
    solicitacao.codigo_cor = "1".into();
    let erro = cliente(&server)
        .registrar_solicitacao_transferencia(&solicitacao)
        .await
        .unwrap_err();
    assert!(
        matches!(erro, Erro::EntradaInvalida { .. }),
        "expected an input error, got {erro:?}"
    );
    assert!(erro.to_string().contains("codigo_cor"), "{erro}");
    server.verify().await;
    assert!(server.received_requests().await.unwrap().is_empty());
}

fn guia_dae(codigo_taxa: CodigoTaxa) -> EmissaoGuiaDae {
    EmissaoGuiaDae {
        cnpj_estabelecimento: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
        codigo_taxa,
        cpf_cnpj_comprador: fixtures::CPF_COMPRADOR.parse().unwrap(),
        uf_origem_comprador: Uf::Mg,
        codigo_municipio_emplacamento: fixtures::CODIGO_MUNICIPIO.parse().unwrap(),
    }
}

#[tokio::test]
async fn codigo_taxa_fora_da_tabela_e_recusado_antes_de_enviar() {
    let server = MockServer::start().await;
    // Nothing may reach the server: neither a token request nor the operation.
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(corpo_sucesso_vazio()))
        .expect(0)
        .mount(&server)
        .await;
    let erro = cliente(&server)
        .emitir_guia_dae(&guia_dae(CodigoTaxa::from("99")))
        .await
        .unwrap_err();
    match &erro {
        Erro::EntradaInvalida { campo, .. } => assert_eq!(campo, "codigo_taxa"),
        outro => panic!("expected an input error, got {outro:?}"),
    }
    server.verify().await;
}

#[tokio::test]
async fn codigo_taxa_permitido_e_enviado_como_esta() {
    let server = MockServer::start().await;
    montar_token(&server, 1).await;
    Mock::given(method("POST"))
        .and(body_partial_json(json!({"codigo_taxa": 99})))
        .respond_with(ResponseTemplate::new(200).set_body_json(corpo_sucesso_vazio()))
        .expect(1)
        .mount(&server)
        .await;
    // Whatever the answer, the body reached the server as given.
    let _ = cliente(&server)
        .emitir_guia_dae(&guia_dae(CodigoTaxa::desconhecido_permitido("99")))
        .await;
    server.verify().await;
}

#[tokio::test]
async fn cor_desconhecida_permitida_e_enviada_como_esta() {
    let server = MockServer::start().await;
    montar_token(&server, 1).await;
    Mock::given(method("POST"))
        .and(path(caminho(ROTA)))
        .and(body_partial_json(json!({"codigo_cor": "99"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(corpo_sucesso_vazio()))
        .expect(1)
        .mount(&server)
        .await;
    let solicitacao = chamadas::solicitacao()
        .com_codigo_cor(Cor::desconhecido_permitido("99"))
        .unwrap();
    cliente(&server)
        .registrar_solicitacao_transferencia(&solicitacao)
        .await
        .unwrap();
    server.verify().await;
}

#[test]
fn construtor_nomeia_o_campo_que_falta_ou_o_codigo_recusado() {
    let completa = chamadas::solicitacao();
    let construtor = || {
        let s = completa.clone();
        SolicitacaoTransferencia::builder()
            .cpf_cnpj_estabelecimento(s.cpf_cnpj_estabelecimento)
            .placa(s.placa)
            .renavam(s.renavam)
            .chassi(s.chassi)
            .codigo_cor(s.codigo_cor)
            .codigo_tipo(s.codigo_tipo)
            .codigo_especie(s.codigo_especie)
            .codigo_combustivel(s.codigo_combustivel)
            .codigo_marca_modelo(s.codigo_marca_modelo)
            .categoria(s.categoria)
            .nome_comprador(s.nome_comprador)
            .cpf_cnpj_comprador(s.cpf_cnpj_comprador)
            .endereco_comprador(s.endereco_comprador)
            .numero_endereco_comprador(s.numero_endereco_comprador)
            .bairro_comprador(s.bairro_comprador)
            .cep_comprador(s.cep_comprador)
            .codigo_municipio_emplacamento(s.codigo_municipio_emplacamento)
            .data_recibo(s.data_recibo)
            .valor_venda(s.valor_venda)
            .isencao_ipva(s.isencao_ipva)
            .modalidade_compra(s.modalidade_compra)
            .cilindrada(s.cilindrada.unwrap())
            .potencia(s.potencia.unwrap())
            .numero_passageiros(s.numero_passageiros.unwrap())
            .numero_eixos(s.numero_eixos.unwrap())
            .peso_bruto_total(s.peso_bruto_total.unwrap())
            .atividade(s.atividade.unwrap())
    };
    assert_eq!(construtor().build().unwrap(), completa);
    let erro = construtor().codigo_cor("1").build().unwrap_err();
    assert_eq!(erro.tipo(), "codigo_cor");
    let erro = construtor().codigo_combustivel("1").build().unwrap_err();
    assert_eq!(erro.tipo(), "codigo_combustivel");
    let erro = construtor()
        .codigo_marca_modelo("VW-1")
        .build()
        .unwrap_err();
    assert_eq!(erro.tipo(), "codigo_marca_modelo");
    let erro = construtor().nome_comprador(" ").build().unwrap_err();
    assert_eq!(erro.tipo(), "nome_comprador");
    let erro = SolicitacaoTransferencia::builder()
        .cpf_cnpj_estabelecimento(completa.cpf_cnpj_estabelecimento)
        .build()
        .unwrap_err();
    assert_eq!(erro.tipo(), "placa");

    let d = DistribuicaoVeiculoEcv::builder()
        .cnpj_estabelecimento(cnpj())
        .municipio_regiao_id(12u64)
        .cpf_cnpj_comprador(cpf())
        .telefone_comprador("31999990000")
        .email_comprador("maria@example.com")
        .build()
        .unwrap();
    assert!(!d.vistoria_movel && !d.receber_pesquisa);
    let erro = DistribuicaoVeiculoEcv::builder()
        .cnpj_estabelecimento(cnpj())
        .municipio_regiao_id(12u64)
        .cpf_cnpj_comprador(cpf())
        .telefone_comprador("31999990000")
        .email_comprador("maria")
        .build()
        .unwrap_err();
    assert_eq!(erro.tipo(), "email_comprador");

    let r = RegularizacaoPendencia::builder()
        .numero_pendencia(1u64)
        .numero_protocolo("P-1")
        .cpf_cnpj_remetente(cpf_cnpj_pj())
        .mensagem("Autorização anexa")
        .build()
        .unwrap_err();
    assert_eq!(r.tipo(), "documentos_anexados");
}

/// Serialises, reads back, and compares: a request read from JSON equals the one written.
fn ida_e_volta<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(nome: &str, v: &T) {
    let json = serde_json::to_value(v).unwrap();
    let lido: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|e| panic!("{nome}: {e} reading back {json}"));
    assert_eq!(&lido, v, "{nome}");
}

#[test]
fn toda_requisicao_faz_ida_e_volta_em_json() {
    let alvo = chamadas::alvo();
    ida_e_volta("solicitacao", &chamadas::solicitacao());
    ida_e_volta("processo", &chamadas::processo());
    ida_e_volta(
        "aptidao",
        &ConsultaAptidaoVeiculoEstoque::new(chassi(), cpf(), cnpj()),
    );
    let mut consulta = ConsultaSolicitacaoTransferencia::new(chassi(), cpf(), cnpj());
    consulta.placa = Some(placa());
    ida_e_volta("consulta solicitacao", &consulta);
    ida_e_volta(
        "venda entrada",
        &ComunicacaoVendaEntradaEstoque {
            placa: placa(),
            renavam: renavam(),
            chassi: chassi(),
            numero_atpve: "202600012345".into(),
        },
    );
    ida_e_volta(
        "venda saida",
        &ComunicacaoVendaSaidaEstoque {
            id_estoque: 987_654u64.into(),
            cpf_cnpj_comprador: cpf(),
            placa: placa(),
            renavam: renavam(),
            chassi: chassi(),
            numero_atpve: "202600012346".into(),
        },
    );
    ida_e_volta(
        "dae",
        &EmissaoGuiaDae {
            cnpj_estabelecimento: cnpj(),
            codigo_taxa: CodigoTaxa::VistoriaMovel,
            cpf_cnpj_comprador: cpf(),
            uf_origem_comprador: Uf::Mg,
            codigo_municipio_emplacamento: fixtures::CODIGO_MUNICIPIO.parse().unwrap(),
        },
    );
    ida_e_volta("alvo", &alvo);
    ida_e_volta(
        "distribuicao ativa",
        &ConsultaDistribuicaoAtiva(alvo.clone()),
    );
    ida_e_volta("ultimo laudo", &ConsultaUltimoLaudo(alvo.clone()));
    ida_e_volta("agendamento", &ConsultaAgendamento(alvo.clone()));
    ida_e_volta(
        "regioes",
        &ConsultaRegioesMunicipio {
            municipio_id: 4123u64.into(),
            tipo_ecv_id: 1u64.into(),
        },
    );
    ida_e_volta(
        "distribuicao",
        &DistribuicaoVeiculoEcv {
            cnpj_estabelecimento: cnpj(),
            municipio_regiao_id: fixtures::MUNICIPIO_REGIAO_ID.into(),
            cpf_cnpj_comprador: cpf(),
            telefone_comprador: "31999990000".into(),
            email_comprador: "maria@example.com".into(),
            vistoria_movel: false,
            receber_pesquisa: true,
        },
    );
    ida_e_volta(
        "periodos",
        &ConsultaPeriodosAtendimento {
            data_agendada: fixtures::DATA_AGENDADA.parse().unwrap(),
            alvo: alvo.clone(),
        },
    );
    ida_e_volta(
        "gravar agendamento",
        &Agendamento {
            cnpj_estabelecimento: cnpj(),
            data_agendada: fixtures::DATA_AGENDADA.parse().unwrap(),
            periodo_id: fixtures::PERIODO_ID.into(),
            cpf_cnpj_comprador: cpf(),
            chassi: chassi(),
        },
    );
    ida_e_volta(
        "protocolo",
        &ConsultaProtocoloRenave {
            chassi: chassi(),
            cpf_cnpj_solicitante: cpf_cnpj_pj(),
            cpf_cnpj_adquirente: cpf(),
        },
    );
    ida_e_volta(
        "regularizacao",
        &RegularizacaoPendencia {
            numero_pendencia: 1u64.into(),
            numero_protocolo: fixtures::NUMERO_PROTOCOLO.into(),
            cpf_cnpj_remetente: cpf_cnpj_pj(),
            mensagem: "Autorização anexa".into(),
            documentos_anexados: vec![DocumentoAnexo {
                tipo_documento: DocumentoId::AutorizacaoPoderPublico,
                nome: "autorizacao.pdf".into(),
                arquivo: chamadas::pdf(),
            }],
            // Not sent, so not read back.
            condicoes: renave_domain::CondicoesDocumentos::default(),
        },
    );
    ida_e_volta(
        "ficha",
        &UploadFichaCadastro {
            numero_protocolo: fixtures::NUMERO_PROTOCOLO.into(),
            tipo_documento: DocumentoId::from("300"),
            cpf_cnpj_remetente: cpf_cnpj_pj(),
            mensagem: "Ficha de cadastro".into(),
            nome: "ficha.pdf".into(),
            arquivo: chamadas::pdf(),
        },
    );
    ida_e_volta(
        "veiculos comunicacao",
        &ConsultaVeiculosComunicacaoVenda {
            cpf_cnpj_proprietario: cpf(),
        },
    );
}

#[test]
fn requisicao_lida_de_json_e_tao_valida_quanto_a_construida() {
    let mut json = serde_json::to_value(chamadas::solicitacao()).unwrap();
    json["codigo_cor"] = json!("1");
    let erro = serde_json::from_value::<SolicitacaoTransferencia>(json.clone()).unwrap_err();
    assert!(erro.to_string().contains("codigo_cor"), "{erro}");
    // The table's form is accepted.
    json["codigo_cor"] = json!("01");
    let lida: SolicitacaoTransferencia = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(lida.codigo_cor, Cor::Amarela);
    json["nome_comprador"] = json!("  ");
    assert!(serde_json::from_value::<SolicitacaoTransferencia>(json).is_err());

    let mut json = serde_json::to_value(chamadas::processo()).unwrap();
    json["categoria"] = json!(13);
    let erro = serde_json::from_value::<ProcessoTransferencia>(json).unwrap_err();
    assert!(erro.to_string().contains("categoria"), "{erro}");
}
