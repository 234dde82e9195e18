//! Every CET-MG operation, as the [`ApiCetMg`] trait (implemented by
//! [`ClienteCetMg`], so callers can mock the API) and as inherent methods of the client.
//!
//! Each method is named after the API operation (decision D8) and documented with the
//! Regulamento Técnico CET-MG section it implements. The wire contract of each one (route,
//! request, response) is in [`operacoes`](crate::operacoes).

use crate::client::ClienteCetMg;
use crate::erro::Erro;
use crate::operacoes::agenda::{
    Agendamento, ConsultaAgendamento, ConsultaPeriodosAtendimento, DataComVaga, PeriodoAtendimento,
    RespostaAgendamento,
};
use crate::operacoes::dae::{EmissaoGuiaDae, RespostaEmitirGuiaDae};
use crate::operacoes::estoque::{
    ComunicacaoVendaEntradaEstoque, ComunicacaoVendaSaidaEstoque, ConsultaAptidaoVeiculoEstoque,
    ConsultaSolicitacaoTransferencia, RespostaAptidaoVeiculoEstoque,
    RespostaConsultaSolicitacaoTransferencia, SolicitacaoTransferencia,
};
use crate::operacoes::protocolo_digital::{
    ConsultaProtocoloRenave, ConsultaVeiculosComunicacaoVenda, ProcessoTransferencia,
    RegularizacaoPendencia, RespostaCriarProcesso, RespostaProtocoloRenave, UploadFichaCadastro,
    VeiculoComunicacaoVenda,
};
use crate::operacoes::tabelas_auxiliares::{self, RespostaTabelaAuxiliar};
use crate::operacoes::vistoria::{
    CompradorChassi, ConsultaDistribuicaoAtiva, ConsultaRegioesMunicipio, ConsultaUltimoLaudo,
    DistribuicaoVeiculoEcv, RegiaoMunicipio, RespostaDistribuicao, RespostaUltimoLaudo,
};
use crate::operacoes::{Lista, RespostaRetorno};
use crate::token::TokenAcesso;

renave_http::operacoes! {
    /// Every operation of the CET-MG API (Regulamento Técnico CET-MG §5–§7), so that an
    /// integradora can mock the API in its own tests. [`ClienteCetMg`] implements it (its
    /// inherent methods of the same names return a [`Chamada`](renave_http::Chamada) with
    /// per-call options).
    ///
    /// Every method has a default body answering [`Erro::NaoImplementado`]: a test double
    /// implements only the operations it needs.
    ///
    /// ```
    /// use async_trait::async_trait;
    /// use renave_mg_client::operacoes::tabelas_auxiliares::RespostaTabelaAuxiliar;
    /// use renave_mg_client::operacoes::vistoria::{CompradorChassi, RespostaUltimoLaudo};
    /// use renave_mg_client::{ApiCetMg, Erro};
    ///
    /// struct Falso;
    ///
    /// #[async_trait]
    /// impl ApiCetMg for Falso {
    ///     async fn consultar_cores(&self) -> Result<RespostaTabelaAuxiliar, Erro> {
    ///         Ok(RespostaTabelaAuxiliar::default())
    ///     }
    ///     async fn consultar_ultimo_laudo(&self, _: &CompradorChassi) -> Result<RespostaUltimoLaudo, Erro> {
    ///         Ok(RespostaUltimoLaudo::default())
    ///     }
    /// }
    /// # tokio_test(async {
    /// assert!(Falso.consultar_cores().await.is_ok());
    /// assert!(matches!(Falso.consultar_categorias().await, Err(Erro::NaoImplementado { .. })));
    /// # });
    /// # fn tokio_test<F: std::future::Future>(f: F) { tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f); }
    /// ```
    pub trait ApiCetMg for ClienteCetMg, erro Erro {
        /// *Consultar aptidão do veículo para entrada/saída de estoque* (R §5.2, §6.1.1,
        /// §6.2.1): `GET consultar-aptidao-veiculo-estoque/{chassi}/{cpf_cnpj_proprietario}/{cpf_cnpj_estabelecimento}`.
        /// Ask the answer's [`avaliacao`](RespostaAptidaoVeiculoEstoque::avaliacao) which
        /// impediments block the vehicle.
        fn consultar_aptidao_veiculo_estoque(requisicao: &ConsultaAptidaoVeiculoEstoque)
            -> RespostaAptidaoVeiculoEstoque
            = requisicao;
        /// *Consultar solicitação de serviço de transferência de propriedade* (R §5.3):
        /// `GET consultar-solicitacao-servico-transferencia-propriedade-veiculo?chassi=…`.
        fn consultar_solicitacao_transferencia(requisicao: &ConsultaSolicitacaoTransferencia)
            -> RespostaConsultaSolicitacaoTransferencia
            = requisicao;
        /// *Registrar solicitação de serviço de transferência de propriedade* (R §5.6,
        /// §6.1.3): `POST registrar-solicitacao-servico-transferencia-propriedade-veiculo`.
        /// Never resent automatically (decision D6).
        fn registrar_solicitacao_transferencia(requisicao: &SolicitacaoTransferencia)
            -> RespostaRetorno
            = requisicao;
        /// *Registrar comunicação de venda na entrada de estoque* (R §5.4, §6.1.8):
        /// `POST registrar-comunicacao-venda-entrada-estoque`.
        fn registrar_comunicacao_venda_entrada_estoque(requisicao: &ComunicacaoVendaEntradaEstoque)
            -> RespostaRetorno
            = requisicao;
        /// *Registrar comunicação de venda na saída de estoque* (R §5.5, §6.2.4):
        /// `POST registrar-comunicacao-venda-saida-estoque`.
        fn registrar_comunicacao_venda_saida_estoque(requisicao: &ComunicacaoVendaSaidaEstoque)
            -> RespostaRetorno
            = requisicao;
        /// *Emitir guia do DAE* (R §5.7, §6.1.5): `POST portal-transito/emitir-guia-dae`.
        /// Each guia carries a linha digitável, a Pix copia e cola and the PDF.
        fn emitir_guia_dae(requisicao: &EmissaoGuiaDae) -> RespostaEmitirGuiaDae
            = requisicao;
        /// *Consultar distribuição ativa de veículo para uma ECV* (R §5.8; route assumed,
        /// decision D1): `GET vistoria/consultar-distribuicao-ativa/{cpf_cnpj_comprador}/{chassi}`.
        fn consultar_distribuicao_ativa(alvo: &CompradorChassi) -> RespostaDistribuicao
            = &ConsultaDistribuicaoAtiva(alvo.clone());
        /// *Consultar último laudo de um veículo* (R §5.9):
        /// `GET vistoria/consultar-ultimo-laudo/{cpf_cnpj_comprador}/{chassi}`.
        fn consultar_ultimo_laudo(alvo: &CompradorChassi) -> RespostaUltimoLaudo
            = &ConsultaUltimoLaudo(alvo.clone());
        /// *Retornar regiões de município que possuem ECV* (R §5.10, §6.1.6):
        /// `GET vistoria/retornar-regioes-municipio/{municipio_id}/{tipo_ecv_id}`.
        fn retornar_regioes_municipio(requisicao: &ConsultaRegioesMunicipio) -> Lista<RegiaoMunicipio>
            = requisicao;
        /// *Distribuir o veículo para uma ECV* (R §5.11, §6.1.6): `POST vistoria/distribuir`.
        fn distribuir_veiculo_ecv(requisicao: &DistribuicaoVeiculoEcv) -> RespostaDistribuicao
            = requisicao;
        /// *Consultar agendamento* (R §5.12; route assumed, decision D1):
        /// `GET agenda-minas/consultar-agendamento/{cpf_cnpj_comprador}/{chassi}`.
        fn consultar_agendamento(alvo: &CompradorChassi) -> RespostaAgendamento
            = &ConsultaAgendamento(alvo.clone());
        /// *Retornar datas com vagas para agendamento* (R §5.13, §6.1.6 b):
        /// `GET agenda-minas/retornar-datas-com-vagas-para-agendamento/{cpf_cnpj_comprador}/{chassi}`.
        fn retornar_datas_com_vagas(alvo: &CompradorChassi) -> Lista<DataComVaga>
            = alvo;
        /// *Retornar períodos de atendimento disponíveis numa data* (R §5.14, §6.1.6 b):
        /// `GET agenda-minas/retornar-periodos-atendimento/{data_agendada}/{cpf_cnpj_comprador}/{chassi}`.
        fn retornar_periodos_atendimento(requisicao: &ConsultaPeriodosAtendimento)
            -> Lista<PeriodoAtendimento>
            = requisicao;
        /// *Realizar o agendamento* (R §5.15, §6.1.6 c): `POST agenda-minas/gravar-agendamento`.
        fn gravar_agendamento(requisicao: &Agendamento) -> RespostaRetorno
            = requisicao;
        /// *Criar processo de transferência* (R §5.16, §7.1):
        /// `POST protocolo-digital/criar-processo-transferencia`. The §7.3 conditional
        /// documents are checked first; a missing one is refused before sending
        /// ([`Erro::DocumentosFaltantes`]).
        fn criar_processo_transferencia(requisicao: &ProcessoTransferencia) -> RespostaCriarProcesso
            = requisicao;
        /// *Recuperar protocolo Renave* (R §5.17, §7.2):
        /// `GET protocolo-digital/recuperar-protocolo-renave?chassi=…`.
        fn recuperar_protocolo_renave(requisicao: &ConsultaProtocoloRenave) -> RespostaProtocoloRenave
            = requisicao;
        /// *Regularizar pendência Renave* (R §5.18, §7.3):
        /// `POST protocolo-digital/regularizar-pendencia-renave`. The §7.3 conditional
        /// documents are checked first ([`Erro::DocumentosFaltantes`]).
        fn regularizar_pendencia_renave(requisicao: &RegularizacaoPendencia) -> RespostaRetorno
            = requisicao;
        /// *Fazer upload do documento da Ficha de Cadastro* (R §6.2.3, §7.5):
        /// `POST protocolo-digital/upload-documento-ficha-cadastro-renave`. The file must be a
        /// PDF (checked before sending).
        fn upload_documento_ficha_cadastro(requisicao: &UploadFichaCadastro) -> RespostaRetorno
            = requisicao;
        /// *Listar veículos com comunicação de venda* (R §7.4):
        /// `GET protocolo-digital/listar-veiculos-comunicacao-venda/{cpf_cnpj_proprietario}`.
        fn listar_veiculos_comunicacao_venda(requisicao: &ConsultaVeiculosComunicacaoVenda)
            -> Lista<VeiculoComunicacaoVenda>
            = requisicao;
        /// *Consultar carrocerias* (R §5.20): `GET tabelas-auxiliares/consultar-carrocerias`.
        fn consultar_carrocerias() -> RespostaTabelaAuxiliar = &tabelas_auxiliares::ConsultaCarrocerias;
        /// *Consultar categorias* (R §5.21): `GET tabelas-auxiliares/consultar-categorias`.
        fn consultar_categorias() -> RespostaTabelaAuxiliar = &tabelas_auxiliares::ConsultaCategorias;
        /// *Consultar combustíveis* (R §5.22): `GET tabelas-auxiliares/consultar-combustiveis`.
        fn consultar_combustiveis() -> RespostaTabelaAuxiliar = &tabelas_auxiliares::ConsultaCombustiveis;
        /// *Consultar cores* (R §5.23): `GET tabelas-auxiliares/consultar-cores`.
        fn consultar_cores() -> RespostaTabelaAuxiliar = &tabelas_auxiliares::ConsultaCores;
        /// *Consultar espécies* (R §5.24): `GET tabelas-auxiliares/consultar-especies`.
        fn consultar_especies() -> RespostaTabelaAuxiliar = &tabelas_auxiliares::ConsultaEspecies;
        /// *Consultar marcas/modelos* (R §5.25): `GET tabelas-auxiliares/consultar-marcas-modelos`.
        fn consultar_marcas_modelos() -> RespostaTabelaAuxiliar = &tabelas_auxiliares::ConsultaMarcasModelos;
        /// *Consultar municípios de Minas Gerais* (R §5.26):
        /// `GET tabelas-auxiliares/consultar-municipios-minas-gerais`.
        fn consultar_municipios_mg() -> RespostaTabelaAuxiliar = &tabelas_auxiliares::ConsultaMunicipiosMg;
        /// *Consultar tipos de veículo* (R §5.27): `GET tabelas-auxiliares/consultar-tipos`.
        fn consultar_tipos_veiculo() -> RespostaTabelaAuxiliar = &tabelas_auxiliares::ConsultaTiposVeiculo;
    }
    existentes {
        /// *Gerar token* (R §5.1; decision D4): `POST gerar-token`.
        fn gerar_token() -> TokenAcesso;
    }
}
