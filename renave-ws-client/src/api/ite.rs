//! Operations of the **ITE** group (*implementadoras, transformadoras e encarroçadoras*,
//! `renave-ws.md` §3.4): the trait [`RenaveWsIte`] and its implementation for
//! [`ClienteRenaveWs`] (the same client as the establishment group, built with the ITE's
//! e-CNPJ; decision D9).
//!
//! Flow (§3.4): an unfinished vehicle enters the ITE's stock (`entradas-estoque`, or a transfer
//! a montadora or another ITE authorized), is finished, then leaves it (`saidas-estoque`, or an
//! authorization for the next holder). In homologação `veiculos-inacabados-mock/acabar` marks a
//! fictitious vehicle as finished.
//!
//! Every `POST` changes state on the server and is **never resent automatically** (decision
//! D6): after an unknown outcome ([`Erro::resultado_incerto`]) look the stock or authorization
//! up (`consultar_estoques_ite`, `consultar_autorizacoes_transferencias_ite`) instead of
//! resending.
//!
//! ```no_run
//! use renave_ws_client::ClienteRenaveWs;
//! use renave_ws_client::operacoes::montadora::FiltroEstoques;
//!
//! # async fn exemplo(cliente: ClienteRenaveWs) -> Result<(), Box<dyn std::error::Error>> {
//! let chassi = "9BGKL48U0JB118848".parse()?;
//! let clientes = cliente.consultar_clientes_montadoras_ite(&chassi).await?;
//! let estoques = cliente
//!     .consultar_estoques_ite(&FiltroEstoques::por_chassi(chassi))
//!     .await?;
//! println!("{} clientes, {} estoques", clientes.validos().len(), estoques.validos().len());
//! # Ok(()) }
//! ```

use renave_domain::Chassi;

use crate::client::ClienteRenaveWs;
use crate::erro::Erro;
use crate::modelos::{
    AutorizacaoTransferencia, Confirmacao, Estoque, IdEstoque, PdfAtpv, TermoEntradaEstoque,
};
use crate::operacoes::ite::{
    self as op, AutorizacaoTransferenciaEstoqueVindoDeIte, ClienteMontadora, EntradaEstoqueIte,
    SaidaEstoqueIte, SaidaEstoqueRenovarIte, TransferenciaParaIte, TransferenciaVindoDeIteParaIte,
};
use crate::operacoes::montadora::{FiltroAutorizacoes, FiltroEstoques};
use crate::operacoes::transferencias::{
    CancelamentoAutorizacaoTransferencia, SolicitacaoCancelamentoSaida,
};
use crate::operacoes::usados::{ClienteAutenticado, VeiculoRenave};
use crate::operacoes::zero_km::CancelamentoEntradaEstoqueZeroKm;

renave_http::operacoes! {
    /// The operations of the Renave-WS **ITE** group (`renave-ws.md` §3.4), every route under
    /// `api/ite/`.
    ///
    /// Implemented by [`ClienteRenaveWs`]; a test can implement it with canned answers. Method
    /// names are the operations' Portuguese names with the suffix `_ite` (decision D8); the wire
    /// contract of each, with its evidence, is in [`crate::operacoes::ite`].
    ///
    /// Every method has a default body answering [`Erro::NaoImplementado`], so a test double
    /// implements only the operations it needs.
    ///
    /// ```
    /// use async_trait::async_trait;
    /// use renave_domain::Chassi;
    /// use renave_ws_client::operacoes::ite::ClienteMontadora;
    /// use renave_ws_client::{Erro, RenaveWsIte};
    ///
    /// struct Falso;
    ///
    /// #[async_trait]
    /// impl RenaveWsIte for Falso {
    ///     async fn consultar_clientes_montadoras_ite(&self, _: &Chassi) -> Result<renave_domain::ItensRecebidos<ClienteMontadora>, Erro> {
    ///         Ok(renave_domain::ItensRecebidos::new(Vec::new()))
    ///     }
    /// }
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let chassi: Chassi = "9BGKL48U0JB118848".parse().unwrap();
    /// assert!(Falso.consultar_clientes_montadoras_ite(&chassi).await.unwrap().validos().is_empty());
    /// assert!(Falso.consultar_cliente_autenticado_ite().await.is_err(), "not mocked");
    /// # });
    /// ```
    pub trait RenaveWsIte for ClienteRenaveWs, erro Erro {
        /// *Consultar cliente autenticado (ITE)* — `GET /api/ite/cliente-autenticado` (**P**, S4).
        fn consultar_cliente_autenticado_ite() -> ClienteAutenticado = &op::ConsultaClienteAutenticadoIte;
        /// *Consultar estoques (ITE)* — `GET /api/ite/estoques` (**P**, S4).
        fn consultar_estoques_ite(filtro: &FiltroEstoques) -> renave_domain::ItensRecebidos<Estoque> = &op::ConsultaEstoquesIte(filtro);
        /// *Obter termo de entrada em estoque (ITE)* —
        /// `GET /api/ite/estoques/{idEstoque}/termo-entrada-estoque` (**P**, S4).
        fn obter_termo_entrada_estoque_ite(id_estoque: IdEstoque) -> TermoEntradaEstoque = &op::ObterTermoEntradaEstoqueIte { id_estoque };
        /// *Consultar veículo (ITE)* — `GET /api/ite/veiculos?chassi` (**P**, S4).
        fn consultar_veiculo_ite(chassi: &Chassi) -> VeiculoRenave = &op::ConsultaVeiculoIte { chassi };
        /// *Obter PDF da ATPV-e (ITE)* — `GET /api/ite/pdf-atpv?chassi` (**P**, S4, S11).
        fn obter_pdf_atpv_ite(chassi: &Chassi) -> PdfAtpv = &op::ObterPdfAtpvIte { chassi };
        /// *Consultar clientes das montadoras (ITE)* — `GET /api/ite/clientes-montadoras?chassi`
        /// (**P**, S4).
        fn consultar_clientes_montadoras_ite(chassi: &Chassi) -> renave_domain::ItensRecebidos<ClienteMontadora> = &op::ConsultaClientesMontadorasIte { chassi };
        /// *Consultar autorizações de transferência (ITE)* —
        /// `GET /api/ite/autorizacoes-transferencias` (**P**, S4).
        fn consultar_autorizacoes_transferencias_ite(filtro: &FiltroAutorizacoes) -> renave_domain::ItensRecebidos<AutorizacaoTransferencia> = &op::ConsultaAutorizacoesIte(filtro);
        /// *Entrada em estoque (ITE)* — `POST /api/ite/entradas-estoque` (**P**, S4). Never resent
        /// automatically.
        fn registrar_entrada_estoque_ite(entrada: &EntradaEstoqueIte) -> Estoque = entrada;
        /// *Saída de estoque (ITE)* — `POST /api/ite/saidas-estoque` (**P**, S4). Never resent
        /// automatically.
        fn registrar_saida_estoque_ite(saida: &SaidaEstoqueIte) -> Estoque = saida;
        /// *Cancelar entrada em estoque (ITE)* —
        /// `POST /api/ite/cancelamentos-entrada-estoque-ite` (**P**, S4). Never resent
        /// automatically.
        fn cancelar_entrada_estoque_ite(cancelamento: &CancelamentoEntradaEstoqueZeroKm) -> Estoque = &op::CancelarEntradaIte(cancelamento);
        /// *Cancelar saída de estoque (ITE)* — `POST /api/ite/cancelamentos-saida-estoque-ite`
        /// (**P**, S4). Never resent automatically.
        fn cancelar_saida_estoque_ite(cancelamento: &SolicitacaoCancelamentoSaida) -> Estoque = &op::CancelarSaidaIte(cancelamento);
        /// *Transferência para ITE* — `POST /api/ite/transferencias-para-ite` (route **P**, S4;
        /// body from S4's request class). Never resent automatically.
        fn transferir_para_ite(transferencia: &TransferenciaParaIte) -> Estoque = transferencia;
        /// *Transferência vindo de ITE para ITE* —
        /// `POST /api/ite/transferencias-vindo-de-ite-para-ite` (route **P**, S4; body from S4's
        /// request class). Never resent automatically.
        fn transferir_vindo_de_ite_para_ite(transferencia: &TransferenciaVindoDeIteParaIte) -> Estoque = transferencia;
        /// *Autorizar transferência de estoque vindo de ITE* —
        /// `POST /api/ite/autorizacoes-transferencias-estoque-vindo-de-ite` (**P**, S4). Never
        /// resent automatically.
        fn autorizar_transferencia_estoque_vindo_de_ite(autorizacao: &AutorizacaoTransferenciaEstoqueVindoDeIte) -> AutorizacaoTransferencia = autorizacao;
        /// *Cancelar autorização de transferência de estoque vindo de ITE* —
        /// `POST /api/ite/cancelamentos-autorizacoes-transferencias-estoque-vindo-de-ite` (**P**,
        /// S4). Never resent automatically.
        fn cancelar_autorizacao_transferencia_estoque_vindo_de_ite(cancelamento: &CancelamentoAutorizacaoTransferencia) -> AutorizacaoTransferencia = &op::CancelarAutorizacaoVindoDeIte(cancelamento);
        /// *Acabar veículo inacabado (mock, homologação only)* —
        /// `POST /api/ite/veiculos-inacabados-mock/acabar` (**P**, S4). Sends the chassis as the
        /// JSON body; any 2xx is success. Never resent automatically.
        fn acabar_veiculo_inacabado_mock_ite(chassi: &Chassi) -> Confirmacao = &op::AcabarVeiculoInacabadoMockIte(chassi);
        /// *Saída de estoque — Renovar (ITE)* — `POST /api/ite/saidas-estoque-renovar` (**P**,
        /// S11; body beyond the Renovar flag **inferred**). Never resent automatically.
        fn registrar_saida_estoque_renovar_ite(saida: &SaidaEstoqueRenovarIte) -> Estoque = saida;
    }
}
