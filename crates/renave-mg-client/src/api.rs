//! Every CET-MG operation, as the [`ApiCetMg`] trait (implemented by
//! [`ClienteCetMg`], so callers can mock the API) and as inherent methods of the client.
//!
//! Each method is named after the API operation (decision D8) and documented with the
//! Regulamento Técnico CET-MG section it implements. The wire contract of each one (route,
//! request, response) is in [`operacoes`](crate::operacoes).

use async_trait::async_trait;

use crate::client::ClienteCetMg;
use crate::erro::Erro;
use crate::operacoes::agenda::{
    self, Agendamento, ConsultaAgendamento, ConsultaPeriodosAtendimento, DataComVaga,
    PeriodoAtendimento, RespostaAgendamento,
};
use crate::operacoes::dae::{self, EmissaoGuiaDae, RespostaEmitirGuiaDae};
use crate::operacoes::estoque::{
    self, ComunicacaoVendaEntradaEstoque, ComunicacaoVendaSaidaEstoque,
    ConsultaAptidaoVeiculoEstoque, ConsultaSolicitacaoTransferencia, RespostaAptidaoVeiculoEstoque,
    RespostaConsultaSolicitacaoTransferencia, SolicitacaoTransferencia,
};
use crate::operacoes::protocolo_digital::{
    self, ConsultaProtocoloRenave, ConsultaVeiculosComunicacaoVenda, ProcessoTransferencia,
    RegularizacaoPendencia, RespostaCriarProcesso, RespostaProtocoloRenave, UploadFichaCadastro,
    VeiculoComunicacaoVenda,
};
use crate::operacoes::tabelas_auxiliares::{self, RespostaTabelaAuxiliar};
use crate::operacoes::vistoria::{
    self, CompradorChassi, ConsultaDistribuicaoAtiva, ConsultaRegioesMunicipio,
    ConsultaUltimoLaudo, DistribuicaoVeiculoEcv, RegiaoMunicipio, RespostaDistribuicao,
    RespostaUltimoLaudo,
};
use crate::operacoes::{Lista, RespostaRetorno, SemParametros};
use crate::token::TokenAcesso;

macro_rules! operacoes {
    (
        com_parametros {
            $( $(#[$doc:meta])* fn $nome:ident($arg:ident: $tipo:ty) -> $resp:ty
                = $endpoint:path, |$a:ident| $conv:expr; )*
        }
        sem_parametros {
            $( $(#[$doc_t:meta])* fn $nome_t:ident() = $endpoint_t:path; )*
        }
    ) => {
        /// Every operation of the CET-MG API (Regulamento Técnico CET-MG §5–§7), so that an
        /// integradora can mock the API in its own tests. [`ClienteCetMg`] implements it.
        #[async_trait]
        pub trait ApiCetMg: Send + Sync {
            /// *Gerar token* (R §5.1; decision D4): `POST gerar-token`.
            async fn gerar_token(&self) -> Result<TokenAcesso, Erro>;
            $( $(#[$doc])* async fn $nome(&self, $arg: $tipo) -> Result<$resp, Erro>; )*
            $( $(#[$doc_t])* async fn $nome_t(&self) -> Result<RespostaTabelaAuxiliar, Erro>; )*
        }

        impl ClienteCetMg {
            $(
                $(#[$doc])*
                pub async fn $nome(&self, $arg: $tipo) -> Result<$resp, Erro> {
                    let $a = $arg;
                    self.executar(&$endpoint, $conv).await
                }
            )*
            $(
                $(#[$doc_t])*
                pub async fn $nome_t(&self) -> Result<RespostaTabelaAuxiliar, Erro> {
                    self.executar(&$endpoint_t, &SemParametros).await
                }
            )*
        }

        #[async_trait]
        impl ApiCetMg for ClienteCetMg {
            async fn gerar_token(&self) -> Result<TokenAcesso, Erro> {
                ClienteCetMg::gerar_token(self).await
            }
            $(
                async fn $nome(&self, $arg: $tipo) -> Result<$resp, Erro> {
                    ClienteCetMg::$nome(self, $arg).await
                }
            )*
            $(
                async fn $nome_t(&self) -> Result<RespostaTabelaAuxiliar, Erro> {
                    ClienteCetMg::$nome_t(self).await
                }
            )*
        }
    };
}

operacoes! {
    com_parametros {
        /// *Consultar aptidão do veículo para entrada/saída de estoque* (R §5.2, §6.1.1,
        /// §6.2.1): `GET consultar-aptidao-veiculo-estoque/{chassi}/{cpf_cnpj_proprietario}/{cpf_cnpj_estabelecimento}`.
        /// Ask the answer's [`avaliacao`](RespostaAptidaoVeiculoEstoque::avaliacao) which
        /// impediments block the vehicle.
        fn consultar_aptidao_veiculo_estoque(requisicao: &ConsultaAptidaoVeiculoEstoque)
            -> RespostaAptidaoVeiculoEstoque
            = estoque::CONSULTAR_APTIDAO_VEICULO_ESTOQUE, |r| r;
        /// *Consultar solicitação de serviço de transferência de propriedade* (R §5.3):
        /// `GET consultar-solicitacao-servico-transferencia-propriedade-veiculo?chassi=…`.
        fn consultar_solicitacao_transferencia(requisicao: &ConsultaSolicitacaoTransferencia)
            -> RespostaConsultaSolicitacaoTransferencia
            = estoque::CONSULTAR_SOLICITACAO_TRANSFERENCIA, |r| r;
        /// *Registrar solicitação de serviço de transferência de propriedade* (R §5.6,
        /// §6.1.3): `POST registrar-solicitacao-servico-transferencia-propriedade-veiculo`.
        /// Never resent automatically (decision D6).
        fn registrar_solicitacao_transferencia(requisicao: &SolicitacaoTransferencia)
            -> RespostaRetorno
            = estoque::REGISTRAR_SOLICITACAO_TRANSFERENCIA, |r| r;
        /// *Registrar comunicação de venda na entrada de estoque* (R §5.4, §6.1.8):
        /// `POST registrar-comunicacao-venda-entrada-estoque`.
        fn registrar_comunicacao_venda_entrada_estoque(requisicao: &ComunicacaoVendaEntradaEstoque)
            -> RespostaRetorno
            = estoque::REGISTRAR_COMUNICACAO_VENDA_ENTRADA_ESTOQUE, |r| r;
        /// *Registrar comunicação de venda na saída de estoque* (R §5.5, §6.2.4):
        /// `POST registrar-comunicacao-venda-saida-estoque`.
        fn registrar_comunicacao_venda_saida_estoque(requisicao: &ComunicacaoVendaSaidaEstoque)
            -> RespostaRetorno
            = estoque::REGISTRAR_COMUNICACAO_VENDA_SAIDA_ESTOQUE, |r| r;
        /// *Emitir guia do DAE* (R §5.7, §6.1.5): `POST portal-transito/emitir-guia-dae`.
        /// Each guia carries a linha digitável, a Pix copia e cola and the PDF.
        fn emitir_guia_dae(requisicao: &EmissaoGuiaDae) -> RespostaEmitirGuiaDae
            = dae::EMITIR_GUIA_DAE, |r| r;
        /// *Consultar distribuição ativa de veículo para uma ECV* (R §5.8; route assumed,
        /// decision D1): `GET vistoria/consultar-distribuicao-ativa/{cpf_cnpj_comprador}/{chassi}`.
        fn consultar_distribuicao_ativa(alvo: &CompradorChassi) -> RespostaDistribuicao
            = vistoria::CONSULTAR_DISTRIBUICAO_ATIVA, |a| &ConsultaDistribuicaoAtiva(a.clone());
        /// *Consultar último laudo de um veículo* (R §5.9):
        /// `GET vistoria/consultar-ultimo-laudo/{cpf_cnpj_comprador}/{chassi}`.
        fn consultar_ultimo_laudo(alvo: &CompradorChassi) -> RespostaUltimoLaudo
            = vistoria::CONSULTAR_ULTIMO_LAUDO, |a| &ConsultaUltimoLaudo(a.clone());
        /// *Retornar regiões de município que possuem ECV* (R §5.10, §6.1.6):
        /// `GET vistoria/retornar-regioes-municipio/{municipio_id}/{tipo_ecv_id}`.
        fn retornar_regioes_municipio(requisicao: &ConsultaRegioesMunicipio) -> Lista<RegiaoMunicipio>
            = vistoria::RETORNAR_REGIOES_MUNICIPIO, |r| r;
        /// *Distribuir o veículo para uma ECV* (R §5.11, §6.1.6): `POST vistoria/distribuir`.
        fn distribuir_veiculo_ecv(requisicao: &DistribuicaoVeiculoEcv) -> RespostaDistribuicao
            = vistoria::DISTRIBUIR_VEICULO_ECV, |r| r;
        /// *Consultar agendamento* (R §5.12; route assumed, decision D1):
        /// `GET agenda-minas/consultar-agendamento/{cpf_cnpj_comprador}/{chassi}`.
        fn consultar_agendamento(alvo: &CompradorChassi) -> RespostaAgendamento
            = agenda::CONSULTAR_AGENDAMENTO, |a| &ConsultaAgendamento(a.clone());
        /// *Retornar datas com vagas para agendamento* (R §5.13, §6.1.6 b):
        /// `GET agenda-minas/retornar-datas-com-vagas-para-agendamento/{cpf_cnpj_comprador}/{chassi}`.
        fn retornar_datas_com_vagas(alvo: &CompradorChassi) -> Lista<DataComVaga>
            = agenda::RETORNAR_DATAS_COM_VAGAS, |a| a;
        /// *Retornar períodos de atendimento disponíveis numa data* (R §5.14, §6.1.6 b):
        /// `GET agenda-minas/retornar-periodos-atendimento/{data_agendada}/{cpf_cnpj_comprador}/{chassi}`.
        fn retornar_periodos_atendimento(requisicao: &ConsultaPeriodosAtendimento)
            -> Lista<PeriodoAtendimento>
            = agenda::RETORNAR_PERIODOS_ATENDIMENTO, |r| r;
        /// *Realizar o agendamento* (R §5.15, §6.1.6 c): `POST agenda-minas/gravar-agendamento`.
        fn gravar_agendamento(requisicao: &Agendamento) -> RespostaRetorno
            = agenda::GRAVAR_AGENDAMENTO, |r| r;
        /// *Criar processo de transferência* (R §5.16, §7.1):
        /// `POST protocolo-digital/criar-processo-transferencia`. The §7.3 conditional
        /// documents are checked first; a missing one is refused before sending
        /// ([`Erro::DocumentosFaltantes`]).
        fn criar_processo_transferencia(requisicao: &ProcessoTransferencia) -> RespostaCriarProcesso
            = protocolo_digital::CRIAR_PROCESSO_TRANSFERENCIA, |r| r;
        /// *Recuperar protocolo Renave* (R §5.17, §7.2):
        /// `GET protocolo-digital/recuperar-protocolo-renave?chassi=…`.
        fn recuperar_protocolo_renave(requisicao: &ConsultaProtocoloRenave) -> RespostaProtocoloRenave
            = protocolo_digital::RECUPERAR_PROTOCOLO_RENAVE, |r| r;
        /// *Regularizar pendência Renave* (R §5.18, §7.3):
        /// `POST protocolo-digital/regularizar-pendencia-renave`. The §7.3 conditional
        /// documents are checked first ([`Erro::DocumentosFaltantes`]).
        fn regularizar_pendencia_renave(requisicao: &RegularizacaoPendencia) -> RespostaRetorno
            = protocolo_digital::REGULARIZAR_PENDENCIA_RENAVE, |r| r;
        /// *Fazer upload do documento da Ficha de Cadastro* (R §6.2.3, §7.5):
        /// `POST protocolo-digital/upload-documento-ficha-cadastro-renave`. The file must be a
        /// PDF (checked before sending).
        fn upload_documento_ficha_cadastro(requisicao: &UploadFichaCadastro) -> RespostaRetorno
            = protocolo_digital::UPLOAD_DOCUMENTO_FICHA_CADASTRO, |r| r;
        /// *Listar veículos com comunicação de venda* (R §7.4):
        /// `GET protocolo-digital/listar-veiculos-comunicacao-venda/{cpf_cnpj_proprietario}`.
        fn listar_veiculos_comunicacao_venda(requisicao: &ConsultaVeiculosComunicacaoVenda)
            -> Lista<VeiculoComunicacaoVenda>
            = protocolo_digital::LISTAR_VEICULOS_COMUNICACAO_VENDA, |r| r;
    }
    sem_parametros {
        /// *Consultar carrocerias* (R §5.20): `GET tabelas-auxiliares/consultar-carrocerias`.
        fn consultar_carrocerias() = tabelas_auxiliares::CONSULTAR_CARROCERIAS;
        /// *Consultar categorias* (R §5.21): `GET tabelas-auxiliares/consultar-categorias`.
        fn consultar_categorias() = tabelas_auxiliares::CONSULTAR_CATEGORIAS;
        /// *Consultar combustíveis* (R §5.22): `GET tabelas-auxiliares/consultar-combustiveis`.
        fn consultar_combustiveis() = tabelas_auxiliares::CONSULTAR_COMBUSTIVEIS;
        /// *Consultar cores* (R §5.23): `GET tabelas-auxiliares/consultar-cores`.
        fn consultar_cores() = tabelas_auxiliares::CONSULTAR_CORES;
        /// *Consultar espécies* (R §5.24): `GET tabelas-auxiliares/consultar-especies`.
        fn consultar_especies() = tabelas_auxiliares::CONSULTAR_ESPECIES;
        /// *Consultar marcas/modelos* (R §5.25): `GET tabelas-auxiliares/consultar-marcas-modelos`.
        fn consultar_marcas_modelos() = tabelas_auxiliares::CONSULTAR_MARCAS_MODELOS;
        /// *Consultar municípios de Minas Gerais* (R §5.26):
        /// `GET tabelas-auxiliares/consultar-municipios-minas-gerais`.
        fn consultar_municipios_mg() = tabelas_auxiliares::CONSULTAR_MUNICIPIOS_MG;
        /// *Consultar tipos de veículo* (R §5.27): `GET tabelas-auxiliares/consultar-tipos`.
        fn consultar_tipos_veiculo() = tabelas_auxiliares::CONSULTAR_TIPOS_VEICULO;
    }
}
