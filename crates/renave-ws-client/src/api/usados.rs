//! Generic and used-vehicle (*usados*) operations E1–E22 (`renave-ws.md` §3.1, §4): the
//! client methods.
//!
//! ```no_run
//! use renave_domain::{Chassi, EstadoEstoque};
//! use renave_ws_client::operacoes::usados::ConsultaEstoques;
//! use renave_ws_client::{ClienteRenaveWs, RenaveWsUsados};
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

use async_trait::async_trait;
use renave_domain::{Chassi, Placa, Renavam};

use crate::client::{ClienteRenaveWs, SEM_CORPO};
use crate::erro::ErroRenaveWs;
use crate::modelos::{
    Confirmacao, Crlve, Estoque, IdAtpv, IdEstoque, Municipio, PdfAtpv, TermoEntradaEstoque,
    TermoSaidaEstoque,
};
use crate::operacoes::usados as op;

/// The generic and used-vehicle operations of Renave-WS (E1–E22 less E21), one method per
/// operation, named after the API's Portuguese operation names (decision D8).
///
/// `POST` operations are never resent automatically (decision D6): on a transport error with
/// [`resultado_incerto`](ErroRenaveWs::resultado_incerto), look the result up
/// (e.g. [`recuperar_estoque_por_chassi`](crate::helpers::recuperar_estoque_por_chassi)).
#[async_trait]
pub trait RenaveWsUsados: Send + Sync {
    /// E1 `GET api/cliente-autenticado` (V): the establishment the certificate authenticates
    /// as (*cliente autenticado*).
    async fn consultar_cliente_autenticado(&self) -> Result<op::ClienteAutenticado, ErroRenaveWs>;

    /// E2 `GET api/aptidao-veiculo-estoque` (V): *consultar aptidão de veículo para
    /// solicitação de entrada/saída em estoque*.
    async fn consultar_aptidao_veiculo_estoque(
        &self,
        consulta: &op::ConsultaAptidao,
    ) -> Result<op::AptidaoVeiculoEstoque, ErroRenaveWs>;

    /// E3 `POST api/solicitacoes-entrada-estoque` (V): *solicitar entrada em estoque* of a used
    /// vehicle bought from a third party. Answers the new stock (`SOLICITADO`). The e-mails are
    /// checked first ([`validar`](op::SolicitacaoEntradaEstoque::validar)): a bad one is
    /// [`ErroRenaveWs::EntradaInvalida`] and nothing is sent.
    async fn solicitar_entrada_estoque(
        &self,
        solicitacao: &op::SolicitacaoEntradaEstoque,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// E4 `POST api/solicitacoes-entrada-estoque-veiculo-proprio` (path V, body P): entrada of
    /// a vehicle already owned by the establishment.
    async fn solicitar_entrada_estoque_veiculo_proprio(
        &self,
        solicitacao: &op::SolicitacaoEntradaEstoqueVeiculoProprio,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// E5 `POST api/atpv-assinatura-vendedor` (V): *enviar assinatura do vendedor no ATPV*
    /// (one of four forms). The success body is empty. The documents are checked first
    /// ([`validar`](op::EnvioAssinaturaVendedor::validar)): an empty or non-base64 one is
    /// [`ErroRenaveWs::EntradaInvalida`] and nothing is sent.
    async fn enviar_assinatura_vendedor_atpv(
        &self,
        envio: &op::EnvioAssinaturaVendedor,
    ) -> Result<Confirmacao, ErroRenaveWs>;

    /// E6 `GET api/atpv-assinaturas/{placa}/{renavam}/ultimo` (P): the latest ATPV signature.
    async fn consultar_ultima_assinatura_atpv(
        &self,
        placa: &Placa,
        renavam: &Renavam,
    ) -> Result<op::AssinaturaAtpv, ErroRenaveWs>;

    /// E7 `GET api/pdf-atpv?chassi=` (V): *obter PDF do ATPV-e* of a chassis.
    async fn obter_pdf_atpv(&self, chassi: &Chassi) -> Result<PdfAtpv, ErroRenaveWs>;

    /// E8 `GET api/pdf-atpv/{placa}/{renavam}` (P): the ATPV-e by placa and RENAVAM.
    async fn obter_pdf_atpv_por_placa_renavam(
        &self,
        placa: &Placa,
        renavam: &Renavam,
    ) -> Result<PdfAtpv, ErroRenaveWs>;

    /// E9 `GET api/atpv/{idAtpv}` (P-table; answer shape assumed [`PdfAtpv`], I).
    async fn obter_atpv_por_id(&self, id_atpv: IdAtpv) -> Result<PdfAtpv, ErroRenaveWs>;

    /// E10 `POST api/notas-fiscais` (V): *enviar nota fiscal* (`COMPRA`/`VENDA`) of a stock.
    /// The success body is empty.
    async fn enviar_nota_fiscal(
        &self,
        envio: &op::EnvioNotaFiscal,
    ) -> Result<Confirmacao, ErroRenaveWs>;

    /// E11 `GET api/estoques` (V): *consultar estoques* — own stock in any state.
    async fn consultar_estoques(
        &self,
        consulta: &op::ConsultaEstoques,
    ) -> Result<Vec<Estoque>, ErroRenaveWs>;

    /// E12 `GET api/estoques/{idEstoque}` (V): *consultar estoque*.
    async fn consultar_estoque(&self, id_estoque: IdEstoque) -> Result<Estoque, ErroRenaveWs>;

    /// E13 `GET api/estoques/{idEstoque}/termo-entrada-estoque` (V): *obter termo de entrada
    /// em estoque*.
    async fn obter_termo_entrada_estoque(
        &self,
        id_estoque: IdEstoque,
    ) -> Result<TermoEntradaEstoque, ErroRenaveWs>;

    /// E14 `POST api/solicitacoes-cancelamento-estoque` (V): *solicitar cancelamento de
    /// entrada em estoque* (usados).
    async fn solicitar_cancelamento_entrada_estoque(
        &self,
        solicitacao: &op::SolicitacaoCancelamentoEntradaEstoque,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// E15 `POST api/solicitacoes-saida-estoque` (V): *solicitar saída de estoque* (sale of a
    /// used vehicle). The e-mail and the buyer's free-text fields are checked first
    /// ([`validar`](op::SolicitacaoSaidaEstoque::validar)): nothing is sent when one is bad.
    async fn solicitar_saida_estoque(
        &self,
        solicitacao: &op::SolicitacaoSaidaEstoque,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// E16 `GET api/estoques/{idEstoque}/termo-saida-estoque` (V): *obter termo de saída de
    /// estoque*.
    async fn obter_termo_saida_estoque(
        &self,
        id_estoque: IdEstoque,
    ) -> Result<TermoSaidaEstoque, ErroRenaveWs>;

    /// E17 `POST api/solicitacoes-cancelamento-saida-estoque` (V): *solicitar cancelamento de
    /// saída de estoque*. The answer's
    /// [`id_estoque_gerado_no_cancelamento_saida`](Estoque::id_estoque_gerado_no_cancelamento_saida)
    /// is the NEW stock id to keep.
    async fn solicitar_cancelamento_saida_estoque(
        &self,
        solicitacao: &op::SolicitacaoCancelamentoSaidaEstoque,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// E18 `GET api/crlve/{placa}/{renavam}` (V): *obter CRLV-e*.
    async fn obter_crlve(&self, placa: &Placa, renavam: &Renavam) -> Result<Crlve, ErroRenaveWs>;

    /// E19 `GET api/crlve/{placa}/{renavam}/pdf-codigo-seguranca-crv` (P; answer shape assumed
    /// `CrlveJson`, I): the PDF with the new CRV security code.
    async fn obter_pdf_codigo_seguranca_crv(
        &self,
        placa: &Placa,
        renavam: &Renavam,
    ) -> Result<Crlve, ErroRenaveWs>;

    /// E20 `GET api/municipios` (V): *consultar municípios*.
    async fn consultar_municipios(
        &self,
        consulta: &op::ConsultaMunicipios,
    ) -> Result<Vec<Municipio>, ErroRenaveWs>;

    /// E22 `GET api/veiculos?chassi=` (V): *consultar veículo* (stock must be `CONFIRMADO`).
    async fn consultar_veiculo(&self, chassi: &Chassi) -> Result<op::VeiculoRenave, ErroRenaveWs>;
}

#[async_trait]
impl RenaveWsUsados for ClienteRenaveWs {
    async fn consultar_cliente_autenticado(&self) -> Result<op::ClienteAutenticado, ErroRenaveWs> {
        self.executar(&op::CONSULTAR_CLIENTE_AUTENTICADO, &[], &[], SEM_CORPO)
            .await
    }

    async fn consultar_aptidao_veiculo_estoque(
        &self,
        consulta: &op::ConsultaAptidao,
    ) -> Result<op::AptidaoVeiculoEstoque, ErroRenaveWs> {
        let q = consulta.query();
        self.executar(&op::CONSULTAR_APTIDAO_VEICULO_ESTOQUE, &[], &q, SEM_CORPO)
            .await
    }

    async fn solicitar_entrada_estoque(
        &self,
        solicitacao: &op::SolicitacaoEntradaEstoque,
    ) -> Result<Estoque, ErroRenaveWs> {
        solicitacao.validar()?;
        self.executar(&op::SOLICITAR_ENTRADA_ESTOQUE, &[], &[], Some(solicitacao))
            .await
    }

    async fn solicitar_entrada_estoque_veiculo_proprio(
        &self,
        solicitacao: &op::SolicitacaoEntradaEstoqueVeiculoProprio,
    ) -> Result<Estoque, ErroRenaveWs> {
        self.executar(
            &op::SOLICITAR_ENTRADA_ESTOQUE_VEICULO_PROPRIO,
            &[],
            &[],
            Some(solicitacao),
        )
        .await
    }

    async fn enviar_assinatura_vendedor_atpv(
        &self,
        envio: &op::EnvioAssinaturaVendedor,
    ) -> Result<Confirmacao, ErroRenaveWs> {
        envio.validar()?;
        self.executar_confirmacao(&op::ENVIAR_ASSINATURA_VENDEDOR_ATPV, &[], &[], Some(envio))
            .await
    }

    async fn consultar_ultima_assinatura_atpv(
        &self,
        placa: &Placa,
        renavam: &Renavam,
    ) -> Result<op::AssinaturaAtpv, ErroRenaveWs> {
        let params = [("placa", placa.as_str()), ("renavam", renavam.as_str())];
        self.executar(
            &op::CONSULTAR_ULTIMA_ASSINATURA_ATPV,
            &params,
            &[],
            SEM_CORPO,
        )
        .await
    }

    async fn obter_pdf_atpv(&self, chassi: &Chassi) -> Result<PdfAtpv, ErroRenaveWs> {
        let q = [("chassi", chassi.as_str().to_owned())];
        self.executar(&op::OBTER_PDF_ATPV, &[], &q, SEM_CORPO).await
    }

    async fn obter_pdf_atpv_por_placa_renavam(
        &self,
        placa: &Placa,
        renavam: &Renavam,
    ) -> Result<PdfAtpv, ErroRenaveWs> {
        let params = [("placa", placa.as_str()), ("renavam", renavam.as_str())];
        self.executar(
            &op::OBTER_PDF_ATPV_POR_PLACA_RENAVAM,
            &params,
            &[],
            SEM_CORPO,
        )
        .await
    }

    async fn obter_atpv_por_id(&self, id_atpv: IdAtpv) -> Result<PdfAtpv, ErroRenaveWs> {
        let id = id_atpv.to_string();
        self.executar(&op::OBTER_ATPV_POR_ID, &[("idAtpv", &id)], &[], SEM_CORPO)
            .await
    }

    async fn enviar_nota_fiscal(
        &self,
        envio: &op::EnvioNotaFiscal,
    ) -> Result<Confirmacao, ErroRenaveWs> {
        self.executar_confirmacao(&op::ENVIAR_NOTA_FISCAL, &[], &[], Some(envio))
            .await
    }

    async fn consultar_estoques(
        &self,
        consulta: &op::ConsultaEstoques,
    ) -> Result<Vec<Estoque>, ErroRenaveWs> {
        let q = consulta.query();
        self.executar(&op::CONSULTAR_ESTOQUES, &[], &q, SEM_CORPO)
            .await
    }

    async fn consultar_estoque(&self, id_estoque: IdEstoque) -> Result<Estoque, ErroRenaveWs> {
        let id = id_estoque.to_string();
        self.executar(
            &op::CONSULTAR_ESTOQUE,
            &[("idEstoque", &id)],
            &[],
            SEM_CORPO,
        )
        .await
    }

    async fn obter_termo_entrada_estoque(
        &self,
        id_estoque: IdEstoque,
    ) -> Result<TermoEntradaEstoque, ErroRenaveWs> {
        let id = id_estoque.to_string();
        self.executar(
            &op::OBTER_TERMO_ENTRADA_ESTOQUE,
            &[("idEstoque", &id)],
            &[],
            SEM_CORPO,
        )
        .await
    }

    async fn solicitar_cancelamento_entrada_estoque(
        &self,
        solicitacao: &op::SolicitacaoCancelamentoEntradaEstoque,
    ) -> Result<Estoque, ErroRenaveWs> {
        self.executar(
            &op::SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE,
            &[],
            &[],
            Some(solicitacao),
        )
        .await
    }

    async fn solicitar_saida_estoque(
        &self,
        solicitacao: &op::SolicitacaoSaidaEstoque,
    ) -> Result<Estoque, ErroRenaveWs> {
        solicitacao.validar()?;
        self.executar(&op::SOLICITAR_SAIDA_ESTOQUE, &[], &[], Some(solicitacao))
            .await
    }

    async fn obter_termo_saida_estoque(
        &self,
        id_estoque: IdEstoque,
    ) -> Result<TermoSaidaEstoque, ErroRenaveWs> {
        let id = id_estoque.to_string();
        self.executar(
            &op::OBTER_TERMO_SAIDA_ESTOQUE,
            &[("idEstoque", &id)],
            &[],
            SEM_CORPO,
        )
        .await
    }

    async fn solicitar_cancelamento_saida_estoque(
        &self,
        solicitacao: &op::SolicitacaoCancelamentoSaidaEstoque,
    ) -> Result<Estoque, ErroRenaveWs> {
        self.executar(
            &op::SOLICITAR_CANCELAMENTO_SAIDA_ESTOQUE,
            &[],
            &[],
            Some(solicitacao),
        )
        .await
    }

    async fn obter_crlve(&self, placa: &Placa, renavam: &Renavam) -> Result<Crlve, ErroRenaveWs> {
        let params = [("placa", placa.as_str()), ("renavam", renavam.as_str())];
        self.executar(&op::OBTER_CRLVE, &params, &[], SEM_CORPO)
            .await
    }

    async fn obter_pdf_codigo_seguranca_crv(
        &self,
        placa: &Placa,
        renavam: &Renavam,
    ) -> Result<Crlve, ErroRenaveWs> {
        let params = [("placa", placa.as_str()), ("renavam", renavam.as_str())];
        self.executar(&op::OBTER_PDF_CODIGO_SEGURANCA_CRV, &params, &[], SEM_CORPO)
            .await
    }

    async fn consultar_municipios(
        &self,
        consulta: &op::ConsultaMunicipios,
    ) -> Result<Vec<Municipio>, ErroRenaveWs> {
        let q = consulta.query();
        self.executar(&op::CONSULTAR_MUNICIPIOS, &[], &q, SEM_CORPO)
            .await
    }

    async fn consultar_veiculo(&self, chassi: &Chassi) -> Result<op::VeiculoRenave, ErroRenaveWs> {
        let q = [("chassi", chassi.as_str().to_owned())];
        self.executar(&op::CONSULTAR_VEICULO, &[], &q, SEM_CORPO)
            .await
    }
}
