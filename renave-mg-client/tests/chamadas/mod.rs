//! Every CET-MG operation called with valid sample input built from the fixtures' sample
//! identifiers: the one table shared by the fixture tests and the fault matrix.
#![allow(
    dead_code,
    unreachable_pub,
    clippy::unwrap_used,
    clippy::too_many_lines
)]

use std::future::Future;
use std::pin::Pin;

use renave_domain::{CodigoTaxa, DocumentoId, TipoVeiculo, Uf};
use renave_mg_client::operacoes::agenda::{Agendamento, ConsultaPeriodosAtendimento};
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
    CompradorChassi, ConsultaRegioesMunicipio, DistribuicaoVeiculoEcv,
};
use renave_mg_client::simulador::{amostras, fixtures};
use renave_mg_client::{ClienteCetMg, Erro};
use serde_json::Value;

pub type Futuro = Pin<Box<dyn Future<Output = Result<Value, Erro>> + Send>>;

pub fn alvo() -> CompradorChassi {
    CompradorChassi {
        cpf_cnpj_comprador: fixtures::CPF_COMPRADOR.parse().unwrap(),
        chassi: fixtures::CHASSI.parse().unwrap(),
    }
}

/// The fixtures' sample vehicle as [`amostras`] takes it.
pub fn veiculo() -> amostras::Veiculo {
    amostras::Veiculo {
        chassi: fixtures::CHASSI.parse().unwrap(),
        placa: fixtures::PLACA.parse().unwrap(),
        renavam: fixtures::RENAVAM.parse().unwrap(),
        tipo: TipoVeiculo::Automovel,
        marca_modelo: "150101".into(),
    }
}

/// §7.1 processo for the fixtures' vehicle and buyer, a taxi driver (so §7.3 asks for document
/// 284, declared attached): the one sample of [`amostras`].
pub fn processo() -> ProcessoTransferencia {
    amostras::processo_transferencia(&veiculo(), fixtures::CPF_COMPRADOR.parse().unwrap(), true)
}

/// §6.1.3 solicitação (an entrada: the buyer is the establishment) of the fixtures' vehicle:
/// the one sample of [`amostras`].
pub fn solicitacao() -> SolicitacaoTransferencia {
    amostras::solicitacao_transferencia(&veiculo(), amostras::estabelecimento().into())
}

pub fn pdf() -> Vec<u8> {
    fixtures::PDF_EXEMPLO.to_vec()
}

macro_rules! chamada {
    ($c:ident, $e:expr) => {
        Box::pin(async move { $e.await.map(|r| serde_json::to_value(&r).unwrap()) })
    };
}

/// Calls the operation `nome` with valid input built from the fixtures' sample identifiers;
/// the answer re-encoded as JSON. `None` for a name this table does not know.
pub fn chamar(nome: &str, c: ClienteCetMg) -> Option<Futuro> {
    Some(match nome {
        "gerar_token" => Box::pin(async move { c.gerar_token().await.map(|_| Value::Null) }),
        "consultar_aptidao_veiculo_estoque" => chamada!(
            c,
            c.consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque {
                chassi: fixtures::CHASSI.parse().unwrap(),
                cpf_cnpj_proprietario: fixtures::CPF_PROPRIETARIO.parse().unwrap(),
                cpf_cnpj_estabelecimento: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
            })
        ),
        "consultar_solicitacao_transferencia" => chamada!(
            c,
            c.consultar_solicitacao_transferencia(&ConsultaSolicitacaoTransferencia {
                chassi: fixtures::CHASSI.parse().unwrap(),
                cpf_cnpj_proprietario: fixtures::CPF_PROPRIETARIO.parse().unwrap(),
                cpf_cnpj_estabelecimento: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
                placa: Some(fixtures::PLACA.parse().unwrap()),
                renavam: None,
            })
        ),
        "registrar_solicitacao_transferencia" => {
            chamada!(c, c.registrar_solicitacao_transferencia(&solicitacao()))
        }
        "registrar_comunicacao_venda_entrada_estoque" => chamada!(
            c,
            c.registrar_comunicacao_venda_entrada_estoque(&ComunicacaoVendaEntradaEstoque {
                placa: fixtures::PLACA.parse().unwrap(),
                renavam: fixtures::RENAVAM.parse().unwrap(),
                chassi: fixtures::CHASSI.parse().unwrap(),
                numero_atpve: "202600012345".into(),
            })
        ),
        "registrar_comunicacao_venda_saida_estoque" => chamada!(
            c,
            c.registrar_comunicacao_venda_saida_estoque(&ComunicacaoVendaSaidaEstoque {
                id_estoque: 987_654u64.into(),
                cpf_cnpj_comprador: fixtures::CPF_COMPRADOR.parse().unwrap(),
                placa: fixtures::PLACA.parse().unwrap(),
                renavam: fixtures::RENAVAM.parse().unwrap(),
                chassi: fixtures::CHASSI.parse().unwrap(),
                numero_atpve: "202600012346".into(),
            })
        ),
        "emitir_guia_dae" => chamada!(
            c,
            c.emitir_guia_dae(&EmissaoGuiaDae {
                cnpj_estabelecimento: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
                codigo_taxa: CodigoTaxa::VistoriaMovel,
                cpf_cnpj_comprador: fixtures::CPF_COMPRADOR.parse().unwrap(),
                uf_origem_comprador: Uf::Mg,
                codigo_municipio_emplacamento: fixtures::CODIGO_MUNICIPIO.parse().unwrap(),
            })
        ),
        "consultar_distribuicao_ativa" => chamada!(c, c.consultar_distribuicao_ativa(&alvo())),
        "consultar_ultimo_laudo" => chamada!(c, c.consultar_ultimo_laudo(&alvo())),
        "retornar_regioes_municipio" => chamada!(
            c,
            c.retornar_regioes_municipio(&ConsultaRegioesMunicipio {
                municipio_id: 4123u64.into(),
                tipo_ecv_id: 1u64.into(),
            })
        ),
        "distribuir_veiculo_ecv" => chamada!(
            c,
            c.distribuir_veiculo_ecv(&DistribuicaoVeiculoEcv {
                cnpj_estabelecimento: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
                municipio_regiao_id: fixtures::MUNICIPIO_REGIAO_ID.into(),
                cpf_cnpj_comprador: fixtures::CPF_COMPRADOR.parse().unwrap(),
                telefone_comprador: "31999990000".into(),
                email_comprador: "maria@example.com".into(),
                vistoria_movel: false,
                receber_pesquisa: true,
            })
        ),
        "consultar_agendamento" => chamada!(c, c.consultar_agendamento(&alvo())),
        "retornar_datas_com_vagas" => chamada!(c, c.retornar_datas_com_vagas(&alvo())),
        "retornar_periodos_atendimento" => chamada!(
            c,
            c.retornar_periodos_atendimento(&ConsultaPeriodosAtendimento {
                data_agendada: fixtures::DATA_AGENDADA.parse().unwrap(),
                alvo: alvo(),
            })
        ),
        "gravar_agendamento" => chamada!(
            c,
            c.gravar_agendamento(&Agendamento {
                cnpj_estabelecimento: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
                data_agendada: fixtures::DATA_AGENDADA.parse().unwrap(),
                periodo_id: fixtures::PERIODO_ID.into(),
                cpf_cnpj_comprador: fixtures::CPF_COMPRADOR.parse().unwrap(),
                chassi: fixtures::CHASSI.parse().unwrap(),
            })
        ),
        "criar_processo_transferencia" => {
            chamada!(c, c.criar_processo_transferencia(&processo()))
        }
        "recuperar_protocolo_renave" => chamada!(
            c,
            c.recuperar_protocolo_renave(&ConsultaProtocoloRenave {
                chassi: fixtures::CHASSI.parse().unwrap(),
                cpf_cnpj_solicitante: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
                cpf_cnpj_adquirente: fixtures::CPF_COMPRADOR.parse().unwrap(),
            })
        ),
        "regularizar_pendencia_renave" => chamada!(
            c,
            c.regularizar_pendencia_renave(&RegularizacaoPendencia {
                numero_pendencia: 1u64.into(),
                numero_protocolo: fixtures::NUMERO_PROTOCOLO.into(),
                cpf_cnpj_remetente: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
                mensagem: "Autorização anexa".into(),
                documentos_anexados: vec![DocumentoAnexo {
                    tipo_documento: DocumentoId::AutorizacaoPoderPublico,
                    nome: "autorizacao.pdf".into(),
                    arquivo: pdf(),
                }],
                condicoes: processo().condicoes_documentos(),
            })
        ),
        "upload_documento_ficha_cadastro" => chamada!(
            c,
            c.upload_documento_ficha_cadastro(&UploadFichaCadastro {
                numero_protocolo: fixtures::NUMERO_PROTOCOLO.into(),
                tipo_documento: DocumentoId::from("300"),
                cpf_cnpj_remetente: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
                mensagem: "Ficha de cadastro".into(),
                nome: "ficha.pdf".into(),
                arquivo: pdf(),
            })
        ),
        "listar_veiculos_comunicacao_venda" => chamada!(
            c,
            c.listar_veiculos_comunicacao_venda(&ConsultaVeiculosComunicacaoVenda {
                cpf_cnpj_proprietario: fixtures::CPF_PROPRIETARIO.parse().unwrap(),
            })
        ),
        "consultar_carrocerias" => chamada!(c, c.consultar_carrocerias()),
        "consultar_categorias" => chamada!(c, c.consultar_categorias()),
        "consultar_combustiveis" => chamada!(c, c.consultar_combustiveis()),
        "consultar_cores" => chamada!(c, c.consultar_cores()),
        "consultar_especies" => chamada!(c, c.consultar_especies()),
        "consultar_marcas_modelos" => chamada!(c, c.consultar_marcas_modelos()),
        "consultar_municipios_mg" => chamada!(c, c.consultar_municipios_mg()),
        "consultar_tipos_veiculo" => chamada!(c, c.consultar_tipos_veiculo()),
        _ => return None,
    })
}
