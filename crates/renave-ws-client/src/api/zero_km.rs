//! Zero km operations of a dealer (*concessionária*) (Z1–Z16, `renave-ws.md` §3.2, §4 "Zero km
//! details", §7.3–§7.4): the trait [`RenaveWsZeroKm`] and its implementation for
//! [`ClienteRenaveWs`].
//!
//! Flow (§7.4): Z1 pending list → Z2 entrada (then E10 NF-e COMPRA), or Z10 rejection / Z9
//! return to the montadora → Z3 saída (NF-e VENDA, whose key also travels in the body) → E7
//! ATPV-e. Venda direta: Z12/Z13 delivery (Z14 cancels it). Cancels: Z4/Z5. Transfer of a new
//! vehicle between two establishments (§7.3): Z6 by the origin under the origin's certificate,
//! then Z8 by the receiver under its own, with the authorization id of Z6 (Z7 cancels it).
//!
//! Free-text fields the types cannot enforce (e-mail addresses, names, raw codes) are checked
//! by each request's `validar()` before anything is sent: a bad value is an
//! [`ErroRenaveWs::EntradaInvalida`] naming the field, and the server sees nothing.
//!
//! Every `POST` changes state on the server and is **never resent automatically** (decision
//! D6). Z2 and Z6 in particular refuse a repeat ("possui um estoque ativo", "…já possui
//! autorização de transferência cadastrada"): after an unknown outcome
//! ([`ErroRenaveWs::resultado_incerto`]) recover the stock with E11 `?chassi` or the
//! authorization with E23 `?chassi` (§7.6).
//!
//! ```no_run
//! use renave_domain::{DataHora, Valor};
//! use renave_ws_client::ClienteRenaveWs;
//! use renave_ws_client::api::zero_km::RenaveWsZeroKm;
//! use renave_ws_client::operacoes::zero_km::EntradaEstoqueZeroKm;
//!
//! # async fn exemplo(cliente: ClienteRenaveWs) -> Result<(), Box<dyn std::error::Error>> {
//! let pendentes = cliente
//!     .consultar_veiculos_zero_km_pendentes_entrada_estoque(None)
//!     .await?;
//! for pendente in pendentes {
//!     let Some(chassi) = pendente.chassi_valido().copied() else { continue };
//!     let estoque = cliente
//!         .registrar_entrada_estoque_zero_km(&EntradaEstoqueZeroKm {
//!             chassi,
//!             chave_nota_fiscal: "33150308370779000149550010001100931002410775".parse()?,
//!             valor_compra: "89990.00".parse::<Valor>()?,
//!             data_entrada_estoque: "2026-03-02T10:00:00".parse::<DataHora>()?,
//!             data_hora_medicao_hodometro: "2026-03-02T09:30:00".parse::<DataHora>()?,
//!             quilometragem_hodometro: 0,
//!             cpf_operador_responsavel: "529.982.247-25".parse()?,
//!         })
//!         .await?;
//!     println!("idEstoque {:?}", estoque.id);
//! }
//! # Ok(()) }
//! ```

use async_trait::async_trait;
use renave_domain::Chassi;

use crate::client::{ClienteRenaveWs, SEM_CORPO};
use crate::erro::ErroRenaveWs;
use crate::modelos::{AutorizacaoTransferencia, Confirmacao, Entrega, Estoque};
use crate::operacoes::transferencias::{
    CancelamentoAutorizacaoTransferencia, SolicitacaoCancelamentoSaida,
};
use crate::operacoes::zero_km::{
    self as op, AutorizacaoTransferenciaVeiculoZeroKm, CancelamentoEntradaEstoqueZeroKm,
    CancelamentoRejeicaoVeiculoZeroKm, DevolucaoMontadoraVeiculoZeroKm, EntradaEstoqueZeroKm,
    FiltroEntregasVeiculoZeroKm, OperacaoEntregaVeiculoZeroKm, RejeicaoVeiculoZeroKm,
    SaidaEstoqueVeiculoInacabadoRenovar, SaidaEstoqueVeiculoZeroKm,
    SaidaEstoqueVeiculoZeroKmRenovar, TransferenciaVeiculoZeroKm, VeiculoZeroKmPendente,
};

/// The zero km operations of the Renave-WS establishment group (Z1–Z16).
///
/// Implemented by [`ClienteRenaveWs`]; a test can implement it with canned answers. Method
/// names are the operations' Portuguese names (decision D8); the wire contract of each is in
/// [`crate::operacoes::zero_km`].
#[async_trait]
pub trait RenaveWsZeroKm: Send + Sync {
    /// Z1 *consultar veículos zero km pendentes de entrada em estoque* —
    /// `GET /api/veiculos-zero-km-pendentes-entrada-estoque` (**V**), optionally for one
    /// chassis. Lists pending vehicles only (a stock already created is found with E11).
    /// Idempotent: retried per decision D6.
    async fn consultar_veiculos_zero_km_pendentes_entrada_estoque(
        &self,
        chassi: Option<&Chassi>,
    ) -> Result<Vec<VeiculoZeroKmPendente>, ErroRenaveWs>;

    /// Z2 *entrada em estoque de veículo zero km* — `POST /api/entradas-estoque-zero-km`
    /// (**V**). Answers the new stock. Never resent automatically: a repeat fails with
    /// "possui um estoque ativo"; recover with E11 `?chassi`.
    async fn registrar_entrada_estoque_zero_km(
        &self,
        entrada: &EntradaEstoqueZeroKm,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// Z3 *saída de estoque de veículo zero km* — `POST /api/saidas-estoque-veiculo-zero-km`
    /// (**V**). Answers the stock (`saidaEstoque.numeroTermoSaidaEstoque`); the sale ATPV-e
    /// then comes from E7. Never resent automatically.
    async fn registrar_saida_estoque_veiculo_zero_km(
        &self,
        saida: &SaidaEstoqueVeiculoZeroKm,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// Z4 *cancelar saída de estoque zero km* —
    /// `POST /api/cancelamentos-saida-estoque-zero-km` (**P**). Answers the stock; the id of
    /// the **new** stock the cancellation creates is
    /// [`Estoque::id_estoque_gerado_no_cancelamento_saida`]. Never resent automatically.
    async fn cancelar_saida_estoque_zero_km(
        &self,
        cancelamento: &SolicitacaoCancelamentoSaida,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// Z5 *cancelar entrada em estoque zero km* —
    /// `POST /api/cancelamentos-entrada-estoque-zero-km` (**P**). Answers the stock. Never
    /// resent automatically.
    async fn cancelar_entrada_estoque_zero_km(
        &self,
        cancelamento: &CancelamentoEntradaEstoqueZeroKm,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// Z6 *autorizar transferência de veículo zero km* —
    /// `POST /api/autorizacoes-transferencias-veiculo-zero-km` (**V**). Run by the origin with
    /// its `idEstoque`. Answers the authorization whose `id` the receiver gives to Z8. **Not
    /// idempotent**: never resent automatically; recover the id with E23 `?chassi`.
    async fn autorizar_transferencia_veiculo_zero_km(
        &self,
        autorizacao: &AutorizacaoTransferenciaVeiculoZeroKm,
    ) -> Result<AutorizacaoTransferencia, ErroRenaveWs>;

    /// Z7 *cancelar autorização de transferência de veículo zero km* —
    /// `POST /api/cancelamentos-autorizacoes-transferencias-veiculo-zero-km` (**V**). Answers
    /// the authorization. Never resent automatically.
    async fn cancelar_autorizacao_transferencia_veiculo_zero_km(
        &self,
        cancelamento: &CancelamentoAutorizacaoTransferencia,
    ) -> Result<AutorizacaoTransferencia, ErroRenaveWs>;

    /// Z8 *transferência de veículo zero km entre estabelecimentos* —
    /// `POST /api/transferencias-entre-estabelecimentos-veiculo-zero-km` (**V**; the name of
    /// the transfer-date field is **?**, see [`TransferenciaVeiculoZeroKm`]). Run by the
    /// receiver. Answers the receiver's new stock. Never resent automatically.
    async fn transferir_entre_estabelecimentos_veiculo_zero_km(
        &self,
        transferencia: &TransferenciaVeiculoZeroKm,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// Z9 *devolução de veículo zero km à montadora* —
    /// `POST /api/devolucoes-montadora-veiculo-zero-km` (**V**). Answers the stock. Never
    /// resent automatically.
    async fn devolver_montadora_veiculo_zero_km(
        &self,
        devolucao: &DevolucaoMontadoraVeiculoZeroKm,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// Z10 *rejeição de veículo zero km* — `POST /api/rejeicoes-zero-km` (**V**). The answer
    /// body is not documented: the status and any JSON are returned. Never resent
    /// automatically.
    async fn rejeitar_veiculo_zero_km(
        &self,
        rejeicao: &RejeicaoVeiculoZeroKm,
    ) -> Result<Confirmacao, ErroRenaveWs>;

    /// Z11 *cancelar rejeição de veículo zero km* —
    /// `POST /api/cancelamentos-rejeicoes-veiculo-zero-km` (**P**; answer **?**: the status and
    /// any JSON are returned). Never resent automatically.
    async fn cancelar_rejeicao_veiculo_zero_km(
        &self,
        cancelamento: &CancelamentoRejeicaoVeiculoZeroKm,
    ) -> Result<Confirmacao, ErroRenaveWs>;

    /// Z12 *consultar entregas de veículo zero km* — `GET /api/entregas-veiculo-zero-km`
    /// (**P**). Idempotent: retried per decision D6.
    async fn consultar_entregas_veiculo_zero_km(
        &self,
        filtro: &FiltroEntregasVeiculoZeroKm,
    ) -> Result<Vec<Entrega>, ErroRenaveWs>;

    /// Z13 *realizar entrega de veículo zero km* —
    /// `POST /api/entregas-veiculo-zero-km/realizacao` (**P**). Answers the delivery. Never
    /// resent automatically.
    async fn realizar_entrega_veiculo_zero_km(
        &self,
        entrega: &OperacaoEntregaVeiculoZeroKm,
    ) -> Result<Entrega, ErroRenaveWs>;

    /// Z14 *cancelar entrega de veículo zero km* —
    /// `POST /api/entregas-veiculo-zero-km/cancelamento` (**P**). Answers the delivery with its
    /// `cancelamentoEntrega`. Never resent automatically.
    async fn cancelar_entrega_veiculo_zero_km(
        &self,
        entrega: &OperacaoEntregaVeiculoZeroKm,
    ) -> Result<Entrega, ErroRenaveWs>;

    /// Z15 *saída de estoque de veículo zero km — Renovar* —
    /// `POST /api/saidas-estoque-veiculo-zero-km-renovar` (**P**; body beyond the Renovar flag
    /// **inferred** from Z3). Answers the stock. Never resent automatically.
    async fn registrar_saida_estoque_veiculo_zero_km_renovar(
        &self,
        saida: &SaidaEstoqueVeiculoZeroKmRenovar,
    ) -> Result<Estoque, ErroRenaveWs>;

    /// Z16 *saída de estoque de veículo inacabado — Renovar* —
    /// `POST /api/saidas-estoque-veiculo-inacabado-renovar` (**P**; body beyond the Renovar
    /// fields **inferred** from E31). Answers the stock. Never resent automatically.
    async fn registrar_saida_estoque_veiculo_inacabado_renovar(
        &self,
        saida: &SaidaEstoqueVeiculoInacabadoRenovar,
    ) -> Result<Estoque, ErroRenaveWs>;
}

#[async_trait]
impl RenaveWsZeroKm for ClienteRenaveWs {
    async fn consultar_veiculos_zero_km_pendentes_entrada_estoque(
        &self,
        chassi: Option<&Chassi>,
    ) -> Result<Vec<VeiculoZeroKmPendente>, ErroRenaveWs> {
        let endpoint = &op::CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE;
        let query: Vec<(&str, String)> = chassi
            .map(|c| ("chassi", c.as_str().to_owned()))
            .into_iter()
            .collect();
        self.executar(endpoint, &[], &query, SEM_CORPO).await
    }

    async fn registrar_entrada_estoque_zero_km(
        &self,
        entrada: &EntradaEstoqueZeroKm,
    ) -> Result<Estoque, ErroRenaveWs> {
        let endpoint = &op::REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM;
        self.executar(endpoint, &[], &[], Some(entrada)).await
    }

    async fn registrar_saida_estoque_veiculo_zero_km(
        &self,
        saida: &SaidaEstoqueVeiculoZeroKm,
    ) -> Result<Estoque, ErroRenaveWs> {
        saida.validar()?;
        let endpoint = &op::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM;
        self.executar(endpoint, &[], &[], Some(saida)).await
    }

    async fn cancelar_saida_estoque_zero_km(
        &self,
        cancelamento: &SolicitacaoCancelamentoSaida,
    ) -> Result<Estoque, ErroRenaveWs> {
        let endpoint = &op::CANCELAR_SAIDA_ESTOQUE_ZERO_KM;
        self.executar(endpoint, &[], &[], Some(cancelamento)).await
    }

    async fn cancelar_entrada_estoque_zero_km(
        &self,
        cancelamento: &CancelamentoEntradaEstoqueZeroKm,
    ) -> Result<Estoque, ErroRenaveWs> {
        let endpoint = &op::CANCELAR_ENTRADA_ESTOQUE_ZERO_KM;
        self.executar(endpoint, &[], &[], Some(cancelamento)).await
    }

    async fn autorizar_transferencia_veiculo_zero_km(
        &self,
        autorizacao: &AutorizacaoTransferenciaVeiculoZeroKm,
    ) -> Result<AutorizacaoTransferencia, ErroRenaveWs> {
        let endpoint = &op::AUTORIZAR_TRANSFERENCIA_VEICULO_ZERO_KM;
        self.executar(endpoint, &[], &[], Some(autorizacao)).await
    }

    async fn cancelar_autorizacao_transferencia_veiculo_zero_km(
        &self,
        cancelamento: &CancelamentoAutorizacaoTransferencia,
    ) -> Result<AutorizacaoTransferencia, ErroRenaveWs> {
        let endpoint = &op::CANCELAR_AUTORIZACAO_TRANSFERENCIA_VEICULO_ZERO_KM;
        self.executar(endpoint, &[], &[], Some(cancelamento)).await
    }

    async fn transferir_entre_estabelecimentos_veiculo_zero_km(
        &self,
        transferencia: &TransferenciaVeiculoZeroKm,
    ) -> Result<Estoque, ErroRenaveWs> {
        let endpoint = &op::TRANSFERIR_ENTRE_ESTABELECIMENTOS_VEICULO_ZERO_KM;
        self.executar(endpoint, &[], &[], Some(transferencia)).await
    }

    async fn devolver_montadora_veiculo_zero_km(
        &self,
        devolucao: &DevolucaoMontadoraVeiculoZeroKm,
    ) -> Result<Estoque, ErroRenaveWs> {
        let endpoint = &op::DEVOLVER_MONTADORA_VEICULO_ZERO_KM;
        self.executar(endpoint, &[], &[], Some(devolucao)).await
    }

    async fn rejeitar_veiculo_zero_km(
        &self,
        rejeicao: &RejeicaoVeiculoZeroKm,
    ) -> Result<Confirmacao, ErroRenaveWs> {
        let endpoint = &op::REJEITAR_VEICULO_ZERO_KM;
        self.executar_confirmacao(endpoint, &[], &[], Some(rejeicao))
            .await
    }

    async fn cancelar_rejeicao_veiculo_zero_km(
        &self,
        cancelamento: &CancelamentoRejeicaoVeiculoZeroKm,
    ) -> Result<Confirmacao, ErroRenaveWs> {
        let endpoint = &op::CANCELAR_REJEICAO_VEICULO_ZERO_KM;
        self.executar_confirmacao(endpoint, &[], &[], Some(cancelamento))
            .await
    }

    async fn consultar_entregas_veiculo_zero_km(
        &self,
        filtro: &FiltroEntregasVeiculoZeroKm,
    ) -> Result<Vec<Entrega>, ErroRenaveWs> {
        let query = filtro.pares_query();
        filtro.validar()?;
        let endpoint = &op::CONSULTAR_ENTREGAS_VEICULO_ZERO_KM;
        self.executar(endpoint, &[], &query, SEM_CORPO).await
    }

    async fn realizar_entrega_veiculo_zero_km(
        &self,
        entrega: &OperacaoEntregaVeiculoZeroKm,
    ) -> Result<Entrega, ErroRenaveWs> {
        let endpoint = &op::REALIZAR_ENTREGA_VEICULO_ZERO_KM;
        self.executar(endpoint, &[], &[], Some(entrega)).await
    }

    async fn cancelar_entrega_veiculo_zero_km(
        &self,
        entrega: &OperacaoEntregaVeiculoZeroKm,
    ) -> Result<Entrega, ErroRenaveWs> {
        let endpoint = &op::CANCELAR_ENTREGA_VEICULO_ZERO_KM;
        self.executar(endpoint, &[], &[], Some(entrega)).await
    }

    async fn registrar_saida_estoque_veiculo_zero_km_renovar(
        &self,
        saida: &SaidaEstoqueVeiculoZeroKmRenovar,
    ) -> Result<Estoque, ErroRenaveWs> {
        saida.validar()?;
        let endpoint = &op::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR;
        self.executar(endpoint, &[], &[], Some(saida)).await
    }

    async fn registrar_saida_estoque_veiculo_inacabado_renovar(
        &self,
        saida: &SaidaEstoqueVeiculoInacabadoRenovar,
    ) -> Result<Estoque, ErroRenaveWs> {
        saida.validar()?;
        let endpoint = &op::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR;
        self.executar(endpoint, &[], &[], Some(saida)).await
    }
}
