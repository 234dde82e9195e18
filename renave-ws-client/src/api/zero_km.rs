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
//! [`Erro::EntradaInvalida`] naming the field, and the server sees nothing.
//!
//! Every `POST` changes state on the server and is **never resent automatically** (decision
//! D6). Z2 and Z6 in particular refuse a repeat ("possui um estoque ativo", "…já possui
//! autorização de transferência cadastrada"): after an unknown outcome
//! ([`Erro::resultado_incerto`]) recover the stock with E11 `?chassi` or the
//! authorization with E23 `?chassi` (§7.6).
//!
//! ```no_run
//! use renave_domain::{DataHora, Valor};
//! use renave_ws_client::ClienteRenaveWs;
//! use renave_ws_client::operacoes::zero_km::EntradaEstoqueZeroKm;
//!
//! # async fn exemplo(cliente: ClienteRenaveWs) -> Result<(), Box<dyn std::error::Error>> {
//! let pendentes = cliente
//!     .consultar_veiculos_zero_km_pendentes_entrada_estoque(None)
//!     .await?;
//! for pendente in pendentes.into_validos() {
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

use renave_domain::Chassi;

use crate::client::ClienteRenaveWs;
use crate::erro::Erro;
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

renave_http::operacoes! {
    /// The zero km operations of the Renave-WS establishment group (Z1–Z16).
    ///
    /// Implemented by [`ClienteRenaveWs`]; a test can implement it with canned answers. Method
    /// names are the operations' Portuguese names (decision D8); the wire contract of each is in
    /// [`crate::operacoes::zero_km`].
    ///
    /// Every method has a default body answering [`Erro::NaoImplementado`], so a
    /// test double implements only the operations it needs. The client's inherent methods of
    /// the same names (no import needed) return a [`Chamada`](renave_http::Chamada) with
    /// per-call options.
    ///
    /// ```
    /// use async_trait::async_trait;
    /// use renave_domain::Chassi;
    /// use renave_ws_client::modelos::Entrega;
    /// use renave_ws_client::operacoes::zero_km::{FiltroEntregasVeiculoZeroKm, VeiculoZeroKmPendente};
    /// use renave_ws_client::{Erro, RenaveWsZeroKm};
    ///
    /// struct Falso;
    ///
    /// #[async_trait]
    /// impl RenaveWsZeroKm for Falso {
    ///     async fn consultar_veiculos_zero_km_pendentes_entrada_estoque(&self, _: Option<&Chassi>) -> Result<renave_domain::ItensRecebidos<VeiculoZeroKmPendente>, Erro> {
    ///         Ok(renave_domain::ItensRecebidos::default())
    ///     }
    ///     async fn consultar_entregas_veiculo_zero_km(&self, _: &FiltroEntregasVeiculoZeroKm) -> Result<renave_domain::ItensRecebidos<Entrega>, Erro> {
    ///         Ok(renave_domain::ItensRecebidos::default())
    ///     }
    /// }
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// assert!(Falso.consultar_veiculos_zero_km_pendentes_entrada_estoque(None).await.unwrap().validos().is_empty());
    /// # });
    /// ```
    pub trait RenaveWsZeroKm for ClienteRenaveWs, erro Erro {
        /// Z1 *consultar veículos zero km pendentes de entrada em estoque* —
        /// `GET /api/veiculos-zero-km-pendentes-entrada-estoque` (**V**), optionally for one
        /// chassis. Lists pending vehicles only (a stock already created is found with E11).
        /// Idempotent: retried per decision D6.
        fn consultar_veiculos_zero_km_pendentes_entrada_estoque(chassi: Option<&Chassi>) -> renave_domain::ItensRecebidos<VeiculoZeroKmPendente> = &op::ConsultaVeiculosZeroKmPendentes { chassi };
        /// Z2 *entrada em estoque de veículo zero km* — `POST /api/entradas-estoque-zero-km`
        /// (**V**). Answers the new stock. Never resent automatically: a repeat fails with
        /// "possui um estoque ativo"; recover with E11 `?chassi`.
        fn registrar_entrada_estoque_zero_km(entrada: &EntradaEstoqueZeroKm) -> Estoque = entrada;
        /// Z3 *saída de estoque de veículo zero km* — `POST /api/saidas-estoque-veiculo-zero-km`
        /// (**V**). Answers the stock (`saidaEstoque.numeroTermoSaidaEstoque`); the sale ATPV-e
        /// then comes from E7. Never resent automatically.
        fn registrar_saida_estoque_veiculo_zero_km(saida: &SaidaEstoqueVeiculoZeroKm) -> Estoque = saida;
        /// Z4 *cancelar saída de estoque zero km* —
        /// `POST /api/cancelamentos-saida-estoque-zero-km` (**P**). Answers the stock; the id of
        /// the **new** stock the cancellation creates is
        /// [`Estoque::id_estoque_gerado_no_cancelamento_saida`]. Never resent automatically.
        fn cancelar_saida_estoque_zero_km(cancelamento: &SolicitacaoCancelamentoSaida) -> Estoque = &op::CancelarSaidaEstoqueZeroKm(cancelamento);
        /// Z5 *cancelar entrada em estoque zero km* —
        /// `POST /api/cancelamentos-entrada-estoque-zero-km` (**P**). Answers the stock. Never
        /// resent automatically.
        fn cancelar_entrada_estoque_zero_km(cancelamento: &CancelamentoEntradaEstoqueZeroKm) -> Estoque = cancelamento;
        /// Z6 *autorizar transferência de veículo zero km* —
        /// `POST /api/autorizacoes-transferencias-veiculo-zero-km` (**V**). Run by the origin with
        /// its `idEstoque`. Answers the authorization whose `id` the receiver gives to Z8. **Not
        /// idempotent**: never resent automatically; recover the id with E23 `?chassi`.
        fn autorizar_transferencia_veiculo_zero_km(autorizacao: &AutorizacaoTransferenciaVeiculoZeroKm) -> AutorizacaoTransferencia = autorizacao;
        /// Z7 *cancelar autorização de transferência de veículo zero km* —
        /// `POST /api/cancelamentos-autorizacoes-transferencias-veiculo-zero-km` (**V**). Answers
        /// the authorization. Never resent automatically.
        fn cancelar_autorizacao_transferencia_veiculo_zero_km(cancelamento: &CancelamentoAutorizacaoTransferencia) -> AutorizacaoTransferencia = &op::CancelarAutorizacaoTransferenciaVeiculoZeroKm(cancelamento);
        /// Z8 *transferência de veículo zero km entre estabelecimentos* —
        /// `POST /api/transferencias-entre-estabelecimentos-veiculo-zero-km` (**V**: the body S1
        /// ran live, transfer date as `dataTransferencia`, see [`TransferenciaVeiculoZeroKm`]).
        /// Run by the receiver. Answers the receiver's new stock. Never resent automatically.
        fn transferir_entre_estabelecimentos_veiculo_zero_km(transferencia: &TransferenciaVeiculoZeroKm) -> Estoque = transferencia;
        /// Z9 *devolução de veículo zero km à montadora* —
        /// `POST /api/devolucoes-montadora-veiculo-zero-km` (**V**). Answers the stock. Never
        /// resent automatically.
        fn devolver_montadora_veiculo_zero_km(devolucao: &DevolucaoMontadoraVeiculoZeroKm) -> Estoque = devolucao;
        /// Z10 *rejeição de veículo zero km* — `POST /api/rejeicoes-zero-km` (**V**). The answer
        /// body is not documented: the status and any JSON are returned. Never resent
        /// automatically.
        fn rejeitar_veiculo_zero_km(rejeicao: &RejeicaoVeiculoZeroKm) -> Confirmacao = rejeicao;
        /// Z11 *cancelar rejeição de veículo zero km* —
        /// `POST /api/cancelamentos-rejeicoes-veiculo-zero-km` (**P**; answer **?**: the status and
        /// any JSON are returned). Never resent automatically.
        fn cancelar_rejeicao_veiculo_zero_km(cancelamento: &CancelamentoRejeicaoVeiculoZeroKm) -> Confirmacao = cancelamento;
        /// Z12 *consultar entregas de veículo zero km* — `GET /api/entregas-veiculo-zero-km`
        /// (**P**). Idempotent: retried per decision D6.
        fn consultar_entregas_veiculo_zero_km(filtro: &FiltroEntregasVeiculoZeroKm) -> renave_domain::ItensRecebidos<Entrega> = filtro;
        /// Z13 *realizar entrega de veículo zero km* —
        /// `POST /api/entregas-veiculo-zero-km/realizacao` (**P**). Answers the delivery. Never
        /// resent automatically.
        fn realizar_entrega_veiculo_zero_km(entrega: &OperacaoEntregaVeiculoZeroKm) -> Entrega = entrega;
        /// Z14 *cancelar entrega de veículo zero km* —
        /// `POST /api/entregas-veiculo-zero-km/cancelamento` (**P**). Answers the delivery with its
        /// `cancelamentoEntrega`. Never resent automatically.
        fn cancelar_entrega_veiculo_zero_km(entrega: &OperacaoEntregaVeiculoZeroKm) -> Entrega = &op::CancelarEntregaVeiculoZeroKm(entrega);
        /// Z15 *saída de estoque de veículo zero km — Renovar* —
        /// `POST /api/saidas-estoque-veiculo-zero-km-renovar` (**P**; body beyond the Renovar flag
        /// **inferred** from Z3). Answers the stock. Never resent automatically.
        fn registrar_saida_estoque_veiculo_zero_km_renovar(saida: &SaidaEstoqueVeiculoZeroKmRenovar) -> Estoque = saida;
        /// Z16 *saída de estoque de veículo inacabado — Renovar* —
        /// `POST /api/saidas-estoque-veiculo-inacabado-renovar` (**P**; body beyond the Renovar
        /// fields **inferred** from E31). Answers the stock. Never resent automatically.
        fn registrar_saida_estoque_veiculo_inacabado_renovar(saida: &SaidaEstoqueVeiculoInacabadoRenovar) -> Estoque = saida;
    }
}
