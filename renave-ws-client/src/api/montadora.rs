//! Operations of the **montadora** group (`renave-ws.md` §3.3): the trait [`RenaveWsMontadora`]
//! and its implementation for [`ClienteRenaveWs`] (the same client as the establishment group,
//! built with the montadora's e-CNPJ; decision D9).
//!
//! Flow (§3.3, §7.4): pending vehicles → entrada in the montadora's stock → venda direta
//! (the dealers indicated then confirm the delivery, Z13) or a sale of an inacabado; an
//! unfinished vehicle goes to an ITE under an authorization and comes back with
//! `transferencias-estoque-vindo-de-ite`. Sales under the *programa Renovar* use the two Renovar
//! routes.
//!
//! Every `POST` changes state on the server and is **never resent automatically** (decision
//! D6): after an unknown outcome ([`Erro::resultado_incerto`]) look the stock or authorization
//! up (`consultar_estoques_montadora`, `consultar_autorizacoes_transferencias_montadora`)
//! instead of resending.
//!
//! ```no_run
//! use renave_ws_client::ClienteRenaveWs;
//! use renave_ws_client::operacoes::montadora::EntradaEstoqueZeroKmMontadora;
//!
//! # async fn exemplo(cliente: ClienteRenaveWs) -> Result<(), Box<dyn std::error::Error>> {
//! for pendente in cliente
//!     .consultar_veiculos_zero_km_pendentes_entrada_estoque_montadora(None)
//!     .await?
//!     .into_validos()
//! {
//!     let Some(chassi) = pendente.chassi_valido().copied() else { continue };
//!     let estoque = cliente
//!         .registrar_entrada_estoque_zero_km_montadora(&EntradaEstoqueZeroKmMontadora {
//!             chassi,
//!             cpf_operador_responsavel: "529.982.247-25".parse()?,
//!             data_entrada_estoque: "2026-03-02T10:00:00".parse()?,
//!             data_hora_medicao_hodometro: "2026-03-02T09:30:00".parse()?,
//!             quilometragem_hodometro: 0,
//!         })
//!         .await?;
//!     println!("idEstoque {:?}", estoque.id);
//! }
//! # Ok(()) }
//! ```

use renave_domain::Chassi;

use crate::client::ClienteRenaveWs;
use crate::erro::Erro;
use crate::modelos::{
    AutorizacaoTransferencia, Entrega, Estoque, IdEstoque, Municipio, PdfAtpv, TermoSaidaEstoque,
};
use crate::operacoes::montadora::{
    self as op, EntradaEstoqueZeroKmMontadora, FiltroAutorizacoes, FiltroEntregasMontadora,
    FiltroEstoques, SaidaEstoqueVeiculoZeroKmMontadora, SaidaEstoqueVeiculoZeroKmRenovarMontadora,
};
use crate::operacoes::transferencias::{
    AutorizacaoTransferenciaParaIte, CancelamentoAutorizacaoTransferencia,
    SaidaEstoqueVeiculoInacabado, SolicitacaoCancelamentoSaida, TransferenciaEstoqueVindoDeIte,
};
use crate::operacoes::usados::{ClienteAutenticado, ConsultaMunicipios};
use crate::operacoes::zero_km::{
    CancelamentoEntradaEstoqueZeroKm, SaidaEstoqueVeiculoInacabadoRenovar, VeiculoZeroKmPendente,
};

renave_http::operacoes! {
    /// The operations of the Renave-WS **montadora** group (`renave-ws.md` §3.3), every route
    /// under `api/montadora/`.
    ///
    /// Implemented by [`ClienteRenaveWs`]; a test can implement it with canned answers. Method
    /// names are the operations' Portuguese names with the suffix `_montadora` (decision D8);
    /// the wire contract of each, with its evidence, is in [`crate::operacoes::montadora`].
    ///
    /// Every method has a default body answering [`Erro::NaoImplementado`], so a test double
    /// implements only the operations it needs. The client's inherent methods of the same
    /// names (no import needed) return a [`Chamada`](renave_http::Chamada) with per-call
    /// options.
    ///
    /// ```
    /// use async_trait::async_trait;
    /// use renave_ws_client::modelos::Estoque;
    /// use renave_ws_client::operacoes::montadora::FiltroEstoques;
    /// use renave_ws_client::{Erro, RenaveWsMontadora};
    ///
    /// struct Falso;
    ///
    /// #[async_trait]
    /// impl RenaveWsMontadora for Falso {
    ///     async fn consultar_estoques_montadora(&self, _: &FiltroEstoques) -> Result<renave_domain::ItensRecebidos<Estoque>, Erro> {
    ///         Ok(renave_domain::ItensRecebidos::new(Vec::new()))
    ///     }
    /// }
    /// # let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// assert!(Falso.consultar_estoques_montadora(&FiltroEstoques::default()).await.unwrap().validos().is_empty());
    /// assert!(Falso.consultar_cliente_autenticado_montadora().await.is_err(), "not mocked");
    /// # });
    /// ```
    pub trait RenaveWsMontadora for ClienteRenaveWs, erro Erro {
        /// *Consultar cliente autenticado (montadora)* —
        /// `GET /api/montadora/cliente-autenticado` (**P**, S4). A credential health check.
        fn consultar_cliente_autenticado_montadora() -> ClienteAutenticado = &op::ConsultaClienteAutenticadoMontadora;
        /// *Consultar municípios (montadora)* — `GET /api/montadora/municipios` (**P-table**, S1's
        /// transcription of the SERPRO table only; query as E20, **I**).
        fn consultar_municipios_montadora(consulta: &ConsultaMunicipios) -> renave_domain::ItensRecebidos<Municipio> = &op::ConsultaMunicipiosMontadora(consulta);
        /// *Consultar estoques (montadora)* — `GET /api/montadora/estoques` (**P**, S4).
        fn consultar_estoques_montadora(filtro: &FiltroEstoques) -> renave_domain::ItensRecebidos<Estoque> = &op::ConsultaEstoquesMontadora(filtro);
        /// *Obter termo de saída de estoque (montadora)* —
        /// `GET /api/montadora/estoques/{idEstoque}/termo-saida-estoque` (**P**, S4).
        fn obter_termo_saida_estoque_montadora(id_estoque: IdEstoque) -> TermoSaidaEstoque = &op::ObterTermoSaidaEstoqueMontadora { id_estoque };
        /// *Obter PDF da ATPV-e (montadora)* — `GET /api/montadora/pdf-atpv?chassi` (**P**, S4,
        /// S11).
        fn obter_pdf_atpv_montadora(chassi: &Chassi) -> PdfAtpv = &op::ObterPdfAtpvMontadora { chassi };
        /// *Consultar veículos zero km pendentes de entrada em estoque (montadora)* —
        /// `GET /api/montadora/veiculos-zero-km-pendentes-entrada-estoque` (**P**, S4),
        /// optionally for one chassis.
        fn consultar_veiculos_zero_km_pendentes_entrada_estoque_montadora(chassi: Option<&Chassi>) -> renave_domain::ItensRecebidos<VeiculoZeroKmPendente> = &op::ConsultaPendentesMontadora { chassi };
        /// *Consultar entregas de veículo zero km (montadora)* —
        /// `GET /api/montadora/entregas-veiculo-zero-km` (**P**, S4).
        fn consultar_entregas_veiculo_zero_km_montadora(filtro: &FiltroEntregasMontadora) -> renave_domain::ItensRecebidos<Entrega> = filtro;
        /// *Consultar autorizações de transferência (montadora)* —
        /// `GET /api/montadora/autorizacoes-transferencias` (**P**, S4).
        fn consultar_autorizacoes_transferencias_montadora(filtro: &FiltroAutorizacoes) -> renave_domain::ItensRecebidos<AutorizacaoTransferencia> = &op::ConsultaAutorizacoesMontadora(filtro);
        /// *Entrada em estoque de veículo zero km (montadora)* —
        /// `POST /api/montadora/entradas-estoque-zero-km` (**P**, S4). Never resent automatically.
        fn registrar_entrada_estoque_zero_km_montadora(entrada: &EntradaEstoqueZeroKmMontadora) -> Estoque = entrada;
        /// *Cancelar entrada em estoque zero km (montadora)* —
        /// `POST /api/montadora/cancelamentos-entrada-estoque-zero-km` (**P**, S4). Never resent
        /// automatically.
        fn cancelar_entrada_estoque_zero_km_montadora(cancelamento: &CancelamentoEntradaEstoqueZeroKm) -> Estoque = &op::CancelarEntradaZeroKmMontadora(cancelamento);
        /// *Saída de estoque de veículo zero km — venda direta (montadora)* —
        /// `POST /api/montadora/saidas-estoque-veiculo-zero-km` (**P**, S4). Never resent
        /// automatically.
        fn registrar_saida_estoque_veiculo_zero_km_montadora(saida: &SaidaEstoqueVeiculoZeroKmMontadora) -> Estoque = saida;
        /// *Cancelar saída de estoque zero km (montadora)* —
        /// `POST /api/montadora/cancelamentos-saida-estoque-zero-km` (**P**, S4). Never resent
        /// automatically.
        fn cancelar_saida_estoque_zero_km_montadora(cancelamento: &SolicitacaoCancelamentoSaida) -> Estoque = &op::CancelarSaidaZeroKmMontadora(cancelamento);
        /// *Saída de estoque de veículo inacabado (montadora)* —
        /// `POST /api/montadora/saidas-estoque-veiculo-inacabado` (**P**, S4). Never resent
        /// automatically.
        fn registrar_saida_estoque_veiculo_inacabado_montadora(saida: &SaidaEstoqueVeiculoInacabado) -> Estoque = &op::SaidaInacabadoMontadora(saida);
        /// *Cancelar saída de estoque de veículo inacabado (montadora)* —
        /// `POST /api/montadora/cancelamentos-saidas-estoque-veiculo-inacabado` (**P**, S4). Never
        /// resent automatically.
        fn cancelar_saida_estoque_veiculo_inacabado_montadora(cancelamento: &SolicitacaoCancelamentoSaida) -> Estoque = &op::CancelarSaidaInacabadoMontadora(cancelamento);
        /// *Autorizar transferência para ITE (montadora)* —
        /// `POST /api/montadora/autorizacoes-transferencias-para-ite` (**P**, S4). Never resent
        /// automatically.
        fn autorizar_transferencia_para_ite_montadora(autorizacao: &AutorizacaoTransferenciaParaIte) -> AutorizacaoTransferencia = &op::AutorizarParaIteMontadora(autorizacao);
        /// *Cancelar autorização de transferência para ITE (montadora)* —
        /// `POST /api/montadora/cancelamentos-autorizacoes-transferencias-para-ite` (**P**, S4).
        /// Never resent automatically.
        fn cancelar_autorizacao_transferencia_para_ite_montadora(cancelamento: &CancelamentoAutorizacaoTransferencia) -> AutorizacaoTransferencia = &op::CancelarAutorizacaoParaIteMontadora(cancelamento);
        /// *Transferência de estoque vindo de ITE (montadora)* —
        /// `POST /api/montadora/transferencias-estoque-vindo-de-ite` (**P**, S4). Never resent
        /// automatically.
        fn transferir_estoque_vindo_de_ite_montadora(transferencia: &TransferenciaEstoqueVindoDeIte) -> Estoque = &op::TransferirVindoDeIteMontadora(transferencia);
        /// *Saída de estoque de veículo zero km — Renovar (montadora)* —
        /// `POST /api/montadora/saidas-estoque-veiculo-zero-km-renovar` (**P**, S11; body beyond
        /// the Renovar fields **inferred**). Never resent automatically.
        fn registrar_saida_estoque_veiculo_zero_km_renovar_montadora(saida: &SaidaEstoqueVeiculoZeroKmRenovarMontadora) -> Estoque = saida;
        /// *Saída de estoque de veículo inacabado — Renovar (montadora)* —
        /// `POST /api/montadora/saidas-estoque-veiculo-inacabado-renovar` (**P**, S11; body beyond
        /// the Renovar fields **inferred**). Never resent automatically.
        fn registrar_saida_estoque_veiculo_inacabado_renovar_montadora(saida: &SaidaEstoqueVeiculoInacabadoRenovar) -> Estoque = &op::SaidaInacabadoRenovarMontadora(saida);
    }
}
