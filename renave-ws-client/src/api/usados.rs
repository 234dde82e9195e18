//! Generic and used-vehicle (*usados*) operations E1–E22 (`renave-ws.md` §3.1, §4): the
//! client methods.
//!
//! ```no_run
//! use renave_domain::{Chassi, EstadoEstoque};
//! use renave_ws_client::operacoes::usados::ConsultaEstoques;
//! use renave_ws_client::ClienteRenaveWs;
//!
//! # async fn exemplo(cliente: ClienteRenaveWs) -> Result<(), Box<dyn std::error::Error>> {
//! let estoques = cliente
//!     .consultar_estoques(&ConsultaEstoques {
//!         chassi: Some("9BWZZZ377VT004251".parse::<Chassi>()?),
//!         estado_estoque: Some(EstadoEstoque::Confirmado),
//!         ..ConsultaEstoques::default()
//!     })
//!     .await?;
//! for e in &estoques {
//!     if let Some(id) = e.id {
//!         let termo = cliente.obter_termo_entrada_estoque(id).await?;
//!         std::fs::write(format!("tee-{id}.pdf"), termo.pdf()?)?;
//!     }
//! }
//! # Ok(()) }
//! ```

use renave_domain::{Chassi, Placa, Renavam};

use crate::client::ClienteRenaveWs;
use crate::erro::Erro;
use crate::modelos::{
    Confirmacao, Crlve, Estoque, IdAtpv, IdEstoque, Municipio, PdfAtpv, TermoEntradaEstoque,
    TermoSaidaEstoque,
};
use crate::operacoes::usados as op;

renave_http::operacoes! {
    /// The generic and used-vehicle operations of Renave-WS (E1–E22 less E21), one method per
    /// operation, named after the API's Portuguese operation names (decision D8).
    ///
    /// `POST` operations are never resent automatically (decision D6): on a transport error with
    /// [`resultado_incerto`](Erro::resultado_incerto), look the result up
    /// (e.g. [`recuperar_estoque_por_chassi`](crate::helpers::recuperar_estoque_por_chassi)).
    ///
    /// Every method has a default body answering [`Erro::NaoImplementado`], so a
    /// test double implements only the operations it needs. The client's inherent methods of
    /// the same names (no import needed) return a [`Chamada`](renave_http::Chamada) with
    /// per-call options.
    ///
    /// ```
    /// use async_trait::async_trait;
    /// use renave_ws_client::modelos::{Estoque, IdEstoque, Municipio};
    /// use renave_ws_client::operacoes::usados::ConsultaMunicipios;
    /// use renave_ws_client::{Erro, RenaveWsUsados};
    ///
    /// struct Falso;
    ///
    /// #[async_trait]
    /// impl RenaveWsUsados for Falso {
    ///     async fn consultar_estoque(&self, _: IdEstoque) -> Result<Estoque, Erro> {
    ///         Err(Erro::NaoImplementado { operacao: "consultar_estoque".into() })
    ///     }
    ///     async fn consultar_municipios(&self, _: &ConsultaMunicipios) -> Result<renave_domain::ItensRecebidos<Municipio>, Erro> {
    ///         Ok(renave_domain::ItensRecebidos::default())
    ///     }
    /// }
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// assert!(Falso.consultar_municipios(&ConsultaMunicipios::default()).await.unwrap().validos().is_empty());
    /// assert!(matches!(Falso.consultar_veiculo(&"9BWZZZ377VT004251".parse().unwrap()).await,
    ///     Err(Erro::NaoImplementado { .. })));
    /// # });
    /// ```
    pub trait RenaveWsUsados for ClienteRenaveWs, erro Erro {
        /// E1 `GET api/cliente-autenticado` (V): the establishment the certificate authenticates
        /// as (*cliente autenticado*).
        fn consultar_cliente_autenticado() -> op::ClienteAutenticado = &op::ConsultaClienteAutenticado;
        /// E2 `GET api/aptidao-veiculo-estoque` (V): *consultar aptidão de veículo para
        /// solicitação de entrada/saída em estoque*.
        fn consultar_aptidao_veiculo_estoque(consulta: &op::ConsultaAptidao) -> op::AptidaoVeiculoEstoque = consulta;
        /// E3 `POST api/solicitacoes-entrada-estoque` (V): *solicitar entrada em estoque* of a used
        /// vehicle bought from a third party. Answers the new stock (`SOLICITADO`). The e-mails are
        /// checked first ([`validar`](op::SolicitacaoEntradaEstoque::validar)): a bad one is
        /// [`Erro::EntradaInvalida`] and nothing is sent. When the client knows its certificate's
        /// CNPJ, a request naming the establishment itself as the current owner is refused the
        /// same way (M3: that is E4's case; the error's source is
        /// [`ProprietarioEhOEstabelecimento`](op::ProprietarioEhOEstabelecimento)).
        fn solicitar_entrada_estoque(solicitacao: &op::SolicitacaoEntradaEstoque) -> Estoque = solicitacao;
        /// E4 `POST api/solicitacoes-entrada-estoque-veiculo-proprio` (path V, body P): entrada of
        /// a vehicle already owned by the establishment.
        fn solicitar_entrada_estoque_veiculo_proprio(solicitacao: &op::SolicitacaoEntradaEstoqueVeiculoProprio) -> Estoque = solicitacao;
        /// E5 `POST api/atpv-assinatura-vendedor` (V): *enviar assinatura do vendedor no ATPV*
        /// (one of four forms). The success body is empty. The documents are checked first
        /// ([`validar`](op::EnvioAssinaturaVendedor::validar)): an empty or non-base64 one is
        /// [`Erro::EntradaInvalida`] and nothing is sent.
        fn enviar_assinatura_vendedor_atpv(envio: &op::EnvioAssinaturaVendedor) -> Confirmacao = envio;
        /// E6 `GET api/atpv-assinaturas/{placa}/{renavam}/ultimo` (P): the latest ATPV signature.
        fn consultar_ultima_assinatura_atpv(placa: &Placa, renavam: &Renavam) -> op::AssinaturaAtpv = &op::ConsultaUltimaAssinaturaAtpv { placa, renavam };
        /// E7 `GET api/pdf-atpv?chassi=` (V): *obter PDF do ATPV-e* of a chassis.
        fn obter_pdf_atpv(chassi: &Chassi) -> PdfAtpv = &op::ObterPdfAtpv { chassi };
        /// E8 `GET api/pdf-atpv/{placa}/{renavam}` (P): the ATPV-e by placa and RENAVAM.
        fn obter_pdf_atpv_por_placa_renavam(placa: &Placa, renavam: &Renavam) -> PdfAtpv = &op::ObterPdfAtpvPorPlacaRenavam { placa, renavam };
        /// E9 `GET api/atpv/{idAtpv}` (P-table; answer shape assumed [`PdfAtpv`], I).
        fn obter_atpv_por_id(id_atpv: IdAtpv) -> PdfAtpv = &op::ObterAtpvPorId { id_atpv };
        /// E10 `POST api/notas-fiscais` (V): *enviar nota fiscal* (`COMPRA`/`VENDA`) of a stock.
        /// The success body is empty.
        fn enviar_nota_fiscal(envio: &op::EnvioNotaFiscal) -> Confirmacao = envio;
        /// E11 `GET api/estoques` (V): *consultar estoques* — own stock in any state.
        fn consultar_estoques(consulta: &op::ConsultaEstoques) -> renave_domain::ItensRecebidos<Estoque> = consulta;
        /// E12 `GET api/estoques/{idEstoque}` (V): *consultar estoque*.
        fn consultar_estoque(id_estoque: IdEstoque) -> Estoque = &op::ConsultaEstoque { id_estoque };
        /// E13 `GET api/estoques/{idEstoque}/termo-entrada-estoque` (V): *obter termo de entrada
        /// em estoque*.
        fn obter_termo_entrada_estoque(id_estoque: IdEstoque) -> TermoEntradaEstoque = &op::ObterTermoEntradaEstoque { id_estoque };
        /// E14 `POST api/solicitacoes-cancelamento-estoque` (V): *solicitar cancelamento de
        /// entrada em estoque* (usados).
        fn solicitar_cancelamento_entrada_estoque(solicitacao: &op::SolicitacaoCancelamentoEntradaEstoque) -> Estoque = solicitacao;
        /// E15 `POST api/solicitacoes-saida-estoque` (V): *solicitar saída de estoque* (sale of a
        /// used vehicle). The e-mail and the buyer's free-text fields are checked first
        /// ([`validar`](op::SolicitacaoSaidaEstoque::validar)): nothing is sent when one is bad.
        fn solicitar_saida_estoque(solicitacao: &op::SolicitacaoSaidaEstoque) -> Estoque = solicitacao;
        /// E16 `GET api/estoques/{idEstoque}/termo-saida-estoque` (V): *obter termo de saída de
        /// estoque*.
        fn obter_termo_saida_estoque(id_estoque: IdEstoque) -> TermoSaidaEstoque = &op::ObterTermoSaidaEstoque { id_estoque };
        /// E17 `POST api/solicitacoes-cancelamento-saida-estoque` (V): *solicitar cancelamento de
        /// saída de estoque*. The answer's
        /// [`id_estoque_gerado_no_cancelamento_saida`](Estoque::id_estoque_gerado_no_cancelamento_saida)
        /// is the NEW stock id to keep.
        fn solicitar_cancelamento_saida_estoque(solicitacao: &op::SolicitacaoCancelamentoSaidaEstoque) -> Estoque = solicitacao;
        /// E18 `GET api/crlve/{placa}/{renavam}` (V): *obter CRLV-e*.
        fn obter_crlve(placa: &Placa, renavam: &Renavam) -> Crlve = &op::ObterCrlve { placa, renavam };
        /// E19 `GET api/crlve/{placa}/{renavam}/pdf-codigo-seguranca-crv` (P; answer shape assumed
        /// `CrlveJson`, I): the PDF with the new CRV security code.
        fn obter_pdf_codigo_seguranca_crv(placa: &Placa, renavam: &Renavam) -> Crlve = &op::ObterPdfCodigoSegurancaCrv { placa, renavam };
        /// E20 `GET api/municipios` (V): *consultar municípios*.
        fn consultar_municipios(consulta: &op::ConsultaMunicipios) -> renave_domain::ItensRecebidos<Municipio> = consulta;
        /// E22 `GET api/veiculos?chassi=` (V): *consultar veículo* (stock must be `CONFIRMADO`).
        fn consultar_veiculo(chassi: &Chassi) -> op::VeiculoRenave = &op::ConsultaVeiculo { chassi };
    }
}
