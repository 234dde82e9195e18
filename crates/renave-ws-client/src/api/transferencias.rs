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
//! [`ErroRenaveWs::EntradaInvalida`] naming the field, and the server sees nothing.
//!
//! Every operation except E23 changes state on the server and is **never resent
//! automatically** (decision D6): on an unknown outcome
//! ([`ErroRenaveWs::resultado_incerto`]) look the result up instead of resending.
//!
//! ```no_run
//! use renave_domain::{Chassi, EstadoAutorizacaoTransferencia};
//! use renave_ws_client::ClienteRenaveWs;
//! use renave_ws_client::api::transferencias::RenaveWsTransferencias;
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
//! if let Some(id) = autorizacoes.first().and_then(|a| a.id) {
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

use async_trait::async_trait;
use renave_domain::{Chassi, EstadoAutorizacaoTransferencia};

use crate::client::{ClienteRenaveWs, SEM_CORPO};
use crate::erro::ErroRenaveWs;
use crate::modelos::{AutorizacaoTransferencia, Estoque};
use crate::operacoes::transferencias::{
    self as op, AutorizacaoTransferenciaEntreEstabelecimentos, AutorizacaoTransferenciaParaIte,
    CancelamentoAutorizacaoTransferencia, FiltroAutorizacoesTransferencias,
    SaidaEstoqueVeiculoInacabado, SolicitacaoCancelamentoSaida,
    SolicitacaoTransferenciaEntreEstabelecimentos, SolicitacaoTransferenciaEntreFiliais,
    TransferenciaEstoqueVindoDeIte,
};

/// The transfer and inacabado operations of the Renave-WS establishment group (E23–E32).
///
/// Implemented by [`ClienteRenaveWs`]; a test can implement it with canned answers. Method
/// names are the operations' Portuguese names (decision D8); the wire contract of each is in
/// [`crate::operacoes::transferencias`].
#[async_trait]
pub trait RenaveWsTransferencias: Send + Sync {
    /// E23 *consultar autorizações de transferência* — `GET /api/autorizacoes-transferencias`
    /// (**P/V**): the transfer authorizations related to the establishment, usados and 0 km,
    /// filtered by chassis, state and plate. Also recovers the id of a Z6 authorization whose
    /// answer was lost (§7.6). Idempotent: retried per decision D6.
    async fn consultar_autorizacoes_transferencias(
        &self,
        filtro: &FiltroAutorizacoesTransferencias,
    ) -> Result<Vec<AutorizacaoTransferencia>, ErroRenaveWs>;

    /// E24 *autorizar transferência entre estabelecimentos* —
    /// `POST /api/autorizacoes-transferencias` (**P**; body **inferred**, see
    /// [`AutorizacaoTransferenciaEntreEstabelecimentos`]). Run by the origin; the seller's
    /// ATPV-e signature must have been sent (M5). Never resent automatically.
    async fn autorizar_transferencia_entre_estabelecimentos(
        &self,
        autorizacao: &AutorizacaoTransferenciaEntreEstabelecimentos,
    ) -> Result<AutorizacaoTransferencia, ErroRenaveWs>;

    /// E25 *cancelar autorização de transferência* —
    /// `POST /api/cancelamentos-autorizacoes-transferencias` (**P**; body **inferred** by
    /// analogy with Z7). Possible while the authorization is `CRIADA`. Never resent
    /// automatically.
    async fn cancelar_autorizacao_transferencia(
        &self,
        cancelamento: &CancelamentoAutorizacaoTransferencia,
    ) -> Result<AutorizacaoTransferencia, ErroRenaveWs>;

    /// E26 *solicitar transferência entre estabelecimentos* —
    /// `POST /api/solicitacoes-transferencia-entre-estabelecimentos` (**P** path; body
    /// **inferred** by analogy with Z8). Run by the receiving establishment; the vehicle enters
    /// its stock as `SOLICITADO` (M4). Answers the new stock (**I**). Never resent
    /// automatically: after an unknown outcome, look the stock up by chassis (E11).
    async fn solicitar_transferencia_entre_estabelecimentos(
        &self,
        solicitacao: &SolicitacaoTransferenciaEntreEstabelecimentos,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// E27 *solicitar transferência entre filiais* —
    /// `POST /api/solicitacoes-transferencia-entre-filiais` (**P**): moves a used vehicle
    /// between branches of one company. Answers the new stock. Never resent automatically.
    async fn solicitar_transferencia_entre_filiais(
        &self,
        solicitacao: &SolicitacaoTransferenciaEntreFiliais,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// E28 *transferência de estoque vindo de ITE* —
    /// `POST /api/transferencias-estoque-vindo-de-ite` (**?**; body **inferred** from the
    /// montadora analogue). Answers the stock (**I**). Never resent automatically.
    async fn transferir_estoque_vindo_de_ite(
        &self,
        transferencia: &TransferenciaEstoqueVindoDeIte,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// E29 *autorizar transferência para ITE* —
    /// `POST /api/autorizacoes-transferencias-para-ite` (**?**; body **inferred** from the
    /// montadora analogue). Answers the authorization (**I**). Never resent automatically.
    async fn autorizar_transferencia_para_ite(
        &self,
        autorizacao: &AutorizacaoTransferenciaParaIte,
    ) -> Result<AutorizacaoTransferencia, ErroRenaveWs>;

    /// E30 *cancelar autorização de transferência para ITE* —
    /// `POST /api/cancelamentos-autorizacoes-transferencias-para-ite` (**?**; body
    /// **inferred**). Answers the authorization (**I**). Never resent automatically.
    async fn cancelar_autorizacao_transferencia_para_ite(
        &self,
        cancelamento: &CancelamentoAutorizacaoTransferencia,
    ) -> Result<AutorizacaoTransferencia, ErroRenaveWs>;

    /// E31 *saída de estoque de veículo inacabado* —
    /// `POST /api/saidas-estoque-veiculo-inacabado` (**?**; body **inferred** from the
    /// montadora analogue). Answers the stock (**I**). Never resent automatically.
    async fn registrar_saida_estoque_veiculo_inacabado(
        &self,
        saida: &SaidaEstoqueVeiculoInacabado,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// E32 *cancelar saída de estoque de veículo inacabado* —
    /// `POST /api/cancelamentos-saidas-estoque-veiculo-inacabado` (**?**; body **inferred**).
    /// Answers the stock (**I**); when the cancellation created a new stock its id is
    /// [`Estoque::id_estoque_gerado_no_cancelamento_saida`]. Never resent automatically.
    async fn cancelar_saida_estoque_veiculo_inacabado(
        &self,
        cancelamento: &SolicitacaoCancelamentoSaida,
    ) -> Result<Estoque, ErroRenaveWs>;
}

/// Finds the open (`CRIADA`) transfer authorization of a chassis with E23
/// `GET api/autorizacoes-transferencias?chassi=&estadoAutorizacao=CRIADA`, for when a Z6 or E24
/// ended with an unknown outcome, or a repeated Z6 was refused with "…já possui autorização de
/// transferência cadastrada" (`renave-ws.md` §7.6, **P**: S1 does this best-effort). Call it
/// under the **origin's** certificate; the receiver then passes the id to Z8/E26.
///
/// Answers that name another chassis or another state are ignored (in case the server ignores
/// a filter); of the rest, the one with the highest id is returned, `None` when there is none.
///
/// ```no_run
/// use renave_ws_client::ClienteRenaveWs;
/// use renave_ws_client::api::transferencias::recuperar_autorizacao_por_chassi;
///
/// # async fn exemplo(origem: ClienteRenaveWs) -> Result<(), Box<dyn std::error::Error>> {
/// let chassi = "9BGKL48U0JB118848".parse()?;
/// if let Some(autorizacao) = recuperar_autorizacao_por_chassi(&origem, &chassi).await? {
///     println!("idAutorizacao {:?}", autorizacao.id);
/// }
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// The errors of E23.
pub async fn recuperar_autorizacao_por_chassi<A: RenaveWsTransferencias + ?Sized>(
    api: &A,
    chassi: &Chassi,
) -> Result<Option<AutorizacaoTransferencia>, ErroRenaveWs> {
    let filtro = FiltroAutorizacoesTransferencias {
        chassi: Some(*chassi),
        estado_autorizacao: Some(EstadoAutorizacaoTransferencia::Criada),
        placa: None,
    };
    let autorizacoes = api.consultar_autorizacoes_transferencias(&filtro).await?;
    Ok(autorizacoes
        .into_iter()
        .filter(|a| {
            a.estado_autorizacao_transferencia == Some(EstadoAutorizacaoTransferencia::Criada)
                && a.chassi
                    .as_ref()
                    .is_none_or(|c| c.as_str() == chassi.as_str())
        })
        .max_by_key(|a| a.id))
}

#[async_trait]
impl RenaveWsTransferencias for ClienteRenaveWs {
    async fn consultar_autorizacoes_transferencias(
        &self,
        filtro: &FiltroAutorizacoesTransferencias,
    ) -> Result<Vec<AutorizacaoTransferencia>, ErroRenaveWs> {
        let query = filtro.pares_query();
        self.executar(
            &op::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS,
            &[],
            &query,
            SEM_CORPO,
        )
        .await
    }

    async fn autorizar_transferencia_entre_estabelecimentos(
        &self,
        autorizacao: &AutorizacaoTransferenciaEntreEstabelecimentos,
    ) -> Result<AutorizacaoTransferencia, ErroRenaveWs> {
        autorizacao.validar()?;
        let endpoint = &op::AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS;
        self.executar(endpoint, &[], &[], Some(autorizacao)).await
    }

    async fn cancelar_autorizacao_transferencia(
        &self,
        cancelamento: &CancelamentoAutorizacaoTransferencia,
    ) -> Result<AutorizacaoTransferencia, ErroRenaveWs> {
        let endpoint = &op::CANCELAR_AUTORIZACAO_TRANSFERENCIA;
        self.executar(endpoint, &[], &[], Some(cancelamento)).await
    }

    async fn solicitar_transferencia_entre_estabelecimentos(
        &self,
        solicitacao: &SolicitacaoTransferenciaEntreEstabelecimentos,
    ) -> Result<Estoque, ErroRenaveWs> {
        let endpoint = &op::SOLICITAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS;
        self.executar(endpoint, &[], &[], Some(solicitacao)).await
    }

    async fn solicitar_transferencia_entre_filiais(
        &self,
        solicitacao: &SolicitacaoTransferenciaEntreFiliais,
    ) -> Result<Estoque, ErroRenaveWs> {
        solicitacao.validar()?;
        let endpoint = &op::SOLICITAR_TRANSFERENCIA_ENTRE_FILIAIS;
        self.executar(endpoint, &[], &[], Some(solicitacao)).await
    }

    async fn transferir_estoque_vindo_de_ite(
        &self,
        transferencia: &TransferenciaEstoqueVindoDeIte,
    ) -> Result<Estoque, ErroRenaveWs> {
        let endpoint = &op::TRANSFERIR_ESTOQUE_VINDO_DE_ITE;
        self.executar(endpoint, &[], &[], Some(transferencia)).await
    }

    async fn autorizar_transferencia_para_ite(
        &self,
        autorizacao: &AutorizacaoTransferenciaParaIte,
    ) -> Result<AutorizacaoTransferencia, ErroRenaveWs> {
        autorizacao.validar()?;
        let endpoint = &op::AUTORIZAR_TRANSFERENCIA_PARA_ITE;
        self.executar(endpoint, &[], &[], Some(autorizacao)).await
    }

    async fn cancelar_autorizacao_transferencia_para_ite(
        &self,
        cancelamento: &CancelamentoAutorizacaoTransferencia,
    ) -> Result<AutorizacaoTransferencia, ErroRenaveWs> {
        let endpoint = &op::CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE;
        self.executar(endpoint, &[], &[], Some(cancelamento)).await
    }

    async fn registrar_saida_estoque_veiculo_inacabado(
        &self,
        saida: &SaidaEstoqueVeiculoInacabado,
    ) -> Result<Estoque, ErroRenaveWs> {
        saida.validar()?;
        let endpoint = &op::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO;
        self.executar(endpoint, &[], &[], Some(saida)).await
    }

    async fn cancelar_saida_estoque_veiculo_inacabado(
        &self,
        cancelamento: &SolicitacaoCancelamentoSaida,
    ) -> Result<Estoque, ErroRenaveWs> {
        let endpoint = &op::CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO;
        self.executar(endpoint, &[], &[], Some(cancelamento)).await
    }
}
