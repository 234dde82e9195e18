//! Transfers between establishments and inacabados (E23–E32, `renave-ws.md` §3.1, §4 "E23–E27",
//! §7.3): the trait [`RenaveWsTransferencias`] and its implementation for
//! [`ClienteRenaveWs`].
//!
//! Flow of a used-vehicle transfer (§7.3): the **origin** authorizes
//! ([`autorizar_transferencia_entre_estabelecimentos`](RenaveWsTransferencias::autorizar_transferencia_entre_estabelecimentos),
//! after the seller's ATPV-e signature was sent), then the **destination** requests the transfer
//! ([`solicitar_transferencia_entre_estabelecimentos`](RenaveWsTransferencias::solicitar_transferencia_entre_estabelecimentos))
//! with the authorization id, which it can look up with
//! [`consultar_autorizacoes_transferencias`](RenaveWsTransferencias::consultar_autorizacoes_transferencias).
//!
//! Free-text fields the types cannot enforce (e-mail addresses, names, raw codes) are checked
//! by each request's `validar()` before anything is sent: a bad value is an
//! [`Erro::EntradaInvalida`] naming the field, and the server sees nothing.
//!
//! Every operation except E23 changes state on the server and is **never resent
//! automatically** (decision D6): on an unknown outcome
//! ([`Erro::resultado_incerto`]) look the result up instead of resending.
//!
//! ```no_run
//! use renave_domain::{Chassi, EstadoAutorizacaoTransferencia};
//! use renave_ws_client::ClienteRenaveWs;
//! use renave_ws_client::operacoes::transferencias::{
//!     CancelamentoAutorizacaoTransferencia, FiltroAutorizacoesTransferencias,
//! };
//!
//! # async fn exemplo(cliente: ClienteRenaveWs) -> Result<(), Box<dyn std::error::Error>> {
//! // Find the authorization still open for a chassis…
//! let filtro = FiltroAutorizacoesTransferencias {
//!     chassi: Some("9BWZZZ377VT004251".parse::<Chassi>()?),
//!     estado_autorizacao: Some(EstadoAutorizacaoTransferencia::Criada),
//!     ..Default::default()
//! };
//! let autorizacoes = cliente.consultar_autorizacoes_transferencias(&filtro).await?;
//! // …and cancel it.
//! if let Some(id) = autorizacoes.validos().first().and_then(|a| a.id) {
//!     let cancelada = cliente
//!         .cancelar_autorizacao_transferencia(&CancelamentoAutorizacaoTransferencia {
//!             cpf_operador_responsavel: "529.982.247-25".parse()?,
//!             id_autorizacao: id,
//!         })
//!         .await?;
//!     println!("{:?}", cancelada.estado_autorizacao_transferencia);
//! }
//! # Ok(()) }
//! ```

use crate::client::ClienteRenaveWs;
use crate::erro::Erro;
use crate::modelos::{AutorizacaoTransferencia, Estoque};
use crate::operacoes::transferencias::{
    self as op, AutorizacaoTransferenciaEntreEstabelecimentos, AutorizacaoTransferenciaParaIte,
    CancelamentoAutorizacaoTransferencia, FiltroAutorizacoesTransferencias,
    SaidaEstoqueVeiculoInacabado, SolicitacaoCancelamentoSaida,
    SolicitacaoTransferenciaEntreEstabelecimentos, SolicitacaoTransferenciaEntreFiliais,
    TransferenciaEstoqueVindoDeIte,
};

renave_http::operacoes! {
    /// The transfer and inacabado operations of the Renave-WS establishment group (E23–E32).
    ///
    /// Implemented by [`ClienteRenaveWs`]; a test can implement it with canned answers. Method
    /// names are the operations' Portuguese names (decision D8); the wire contract of each is in
    /// [`crate::operacoes::transferencias`].
    ///
    /// Every method has a default body answering [`Erro::NaoImplementado`], so a
    /// test double implements only the operations it needs. The client's inherent methods of
    /// the same names (no import needed) return a [`Chamada`](renave_http::Chamada) with
    /// per-call options.
    ///
    /// ```
    /// use async_trait::async_trait;
    /// use renave_ws_client::modelos::{AutorizacaoTransferencia, Estoque};
    /// use renave_ws_client::operacoes::transferencias::{
    ///     FiltroAutorizacoesTransferencias, SolicitacaoCancelamentoSaida,
    /// };
    /// use renave_ws_client::{Erro, RenaveWsTransferencias};
    ///
    /// struct Falso;
    ///
    /// #[async_trait]
    /// impl RenaveWsTransferencias for Falso {
    ///     async fn consultar_autorizacoes_transferencias(&self, _: &FiltroAutorizacoesTransferencias) -> Result<renave_domain::ItensRecebidos<AutorizacaoTransferencia>, Erro> {
    ///         Ok(renave_domain::ItensRecebidos::default())
    ///     }
    ///     async fn cancelar_saida_estoque_veiculo_inacabado(&self, _: &SolicitacaoCancelamentoSaida) -> Result<Estoque, Erro> {
    ///         Err(Erro::NaoImplementado { operacao: "sem estoque".into() })
    ///     }
    /// }
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let filtro = FiltroAutorizacoesTransferencias::default();
    /// assert!(Falso.consultar_autorizacoes_transferencias(&filtro).await.unwrap().validos().is_empty());
    /// # });
    /// ```
    pub trait RenaveWsTransferencias for ClienteRenaveWs, erro Erro {
        /// E23 *consultar autorizações de transferência* — `GET /api/autorizacoes-transferencias`
        /// (**P/V**): the transfer authorizations related to the establishment, usados and 0 km,
        /// filtered by chassis, state and plate. Also recovers the id of a Z6 authorization whose
        /// answer was lost (§7.6). Idempotent: retried per decision D6.
        fn consultar_autorizacoes_transferencias(filtro: &FiltroAutorizacoesTransferencias) -> renave_domain::ItensRecebidos<AutorizacaoTransferencia> = filtro;
        /// E24 *autorizar transferência entre estabelecimentos* —
        /// `POST /api/autorizacoes-transferencias` (**P**; body **inferred**, see
        /// [`AutorizacaoTransferenciaEntreEstabelecimentos`]). Run by the origin; the seller's
        /// ATPV-e signature must have been sent (M5). Never resent automatically.
        fn autorizar_transferencia_entre_estabelecimentos(autorizacao: &AutorizacaoTransferenciaEntreEstabelecimentos) -> AutorizacaoTransferencia = autorizacao;
        /// E25 *cancelar autorização de transferência* —
        /// `POST /api/cancelamentos-autorizacoes-transferencias` (**P**; body **inferred** by
        /// analogy with Z7). Possible while the authorization is `CRIADA`. Never resent
        /// automatically.
        fn cancelar_autorizacao_transferencia(cancelamento: &CancelamentoAutorizacaoTransferencia) -> AutorizacaoTransferencia = cancelamento;
        /// E26 *solicitar transferência entre estabelecimentos* —
        /// `POST /api/solicitacoes-transferencia-entre-estabelecimentos` (**P** path; body
        /// **inferred** by analogy with Z8). Run by the receiving establishment; the vehicle enters
        /// its stock as `SOLICITADO` (M4). Answers the new stock (**I**). Never resent
        /// automatically: after an unknown outcome, look the stock up by chassis (E11).
        fn solicitar_transferencia_entre_estabelecimentos(solicitacao: &SolicitacaoTransferenciaEntreEstabelecimentos) -> Estoque = solicitacao;
        /// E27 *solicitar transferência entre filiais* —
        /// `POST /api/solicitacoes-transferencia-entre-filiais` (**P**): moves a used vehicle
        /// between branches of one company. Answers the new stock. Never resent automatically.
        fn solicitar_transferencia_entre_filiais(solicitacao: &SolicitacaoTransferenciaEntreFiliais) -> Estoque = solicitacao;
        /// E28 *transferência de estoque vindo de ITE* —
        /// `POST /api/transferencias-estoque-vindo-de-ite` (**?**; body **inferred** from the
        /// montadora analogue). Answers the stock (**I**). Never resent automatically.
        fn transferir_estoque_vindo_de_ite(transferencia: &TransferenciaEstoqueVindoDeIte) -> Estoque = transferencia;
        /// E29 *autorizar transferência para ITE* —
        /// `POST /api/autorizacoes-transferencias-para-ite` (**?**; body **inferred** from the
        /// montadora analogue). Answers the authorization (**I**). Never resent automatically.
        fn autorizar_transferencia_para_ite(autorizacao: &AutorizacaoTransferenciaParaIte) -> AutorizacaoTransferencia = autorizacao;
        /// E30 *cancelar autorização de transferência para ITE* —
        /// `POST /api/cancelamentos-autorizacoes-transferencias-para-ite` (**?**; body
        /// **inferred**). Answers the authorization (**I**). Never resent automatically.
        fn cancelar_autorizacao_transferencia_para_ite(cancelamento: &CancelamentoAutorizacaoTransferencia) -> AutorizacaoTransferencia = &op::CancelarAutorizacaoTransferenciaParaIte(cancelamento);
        /// E31 *saída de estoque de veículo inacabado* —
        /// `POST /api/saidas-estoque-veiculo-inacabado` (**?**; body **inferred** from the
        /// montadora analogue). Answers the stock (**I**). Never resent automatically.
        fn registrar_saida_estoque_veiculo_inacabado(saida: &SaidaEstoqueVeiculoInacabado) -> Estoque = saida;
        /// E32 *cancelar saída de estoque de veículo inacabado* —
        /// `POST /api/cancelamentos-saidas-estoque-veiculo-inacabado` (**?**; body **inferred**).
        /// Answers the stock (**I**); when the cancellation created a new stock its id is
        /// [`Estoque::id_estoque_gerado_no_cancelamento_saida`]. Never resent automatically.
        fn cancelar_saida_estoque_veiculo_inacabado(cancelamento: &SolicitacaoCancelamentoSaida) -> Estoque = cancelamento;
    }
}
