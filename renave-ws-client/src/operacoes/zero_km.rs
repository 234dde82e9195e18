//! Wire contracts of the zero km operations of a dealer (*concessionária*) (Z1–Z16,
//! `renave-ws.md` §3.2, §4 "Zero km details", §7.3–§7.4).
//!
//! One item group per operation: its [`Endpoint`] (name used for tracing and route overrides,
//! default route, idempotency) and its request and response types. Shared responses live in
//! [`crate::modelos`]: [`Estoque`] (§5.1),
//! [`AutorizacaoTransferencia`] (§5.6) and
//! [`Entrega`] (§5.7).
//!
//! Confidence (`renave-ws.md` legend): Z1–Z3 and Z6–Z10 are **V**; Z4, Z5, Z11–Z16 are **P**;
//! the Z15/Z16 bodies are **inferred** beyond the Renovar field S11 shows. Every route can be
//! corrected without a release (decision D2) through the client's route overrides, keyed by the
//! endpoint's [`name`](Endpoint::name).
//!
//! Dates: the 0 km peers send `dataEntradaEstoque`, `dataVenda` and the transfer dates as a full
//! naive Brasília date-time and the server accepts it (S1, S5, §1.3), so those are a
//! [`DataHora`]; the cancellation dates the OpenAPI types as a date are a
//! [`Data`](renave_domain::Data).

use renave_domain::rotas;
use renave_domain::tabelas::construtor;
use renave_domain::{
    Chassi, ChaveNfe, Cnpj, Cpf, DataHora, ErroDominio, MotivoDevolucaoMontadora, MotivoRejeicao,
    Valor,
};
use renave_http::{Endpoint, Idempotency};

use crate::operacoes::rota;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::erro::Erro;
use crate::modelos::{
    AutorizacaoTransferencia, Comprador, Confirmacao, Entrega, Estoque, Extras, IdAutorizacao,
    IdEntrega, IdEstoque, Recebido,
};
use crate::operacoes::transferencias::{
    CancelamentoAutorizacaoTransferencia, SolicitacaoCancelamentoSaida, validar_comprador,
    validar_email, validar_nao_vazio,
};
use crate::operacoes::usados::exigir_comprador;

// ---------------------------------------------------------------------------------------------
// Z1 — consultar veículos zero km pendentes de entrada em estoque
// ---------------------------------------------------------------------------------------------

/// Z1 *consultar veículos zero km pendentes de entrada em estoque* —
/// `GET /api/veiculos-zero-km-pendentes-entrada-estoque` (SERPRO code 30; **V**). The new
/// vehicles the montadora invoiced to the dealer that have not entered its stock yet. Answers a
/// list of [`VeiculoZeroKmPendente`]. Lists pending vehicles only: a stock created by a lost Z2
/// answer is found with E11 instead (§7.6).
pub const CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE: Endpoint = Endpoint {
    name: "consultar_veiculos_zero_km_pendentes_entrada_estoque",
    route: rota(rotas::renave_ws::CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE),
    idempotency: Idempotency::Idempotent,
};

/// One pending vehicle of Z1 (*veículo zero km pendente de entrada em estoque*, **V**).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct VeiculoZeroKmPendente {
    /// `chassi` — the chassis (kept raw if it fails the domain rule).
    #[serde(default)]
    pub chassi: Option<Recebido<Chassi>>,
    /// `dataHoraCadastro` — when the montadora registered the vehicle for the dealer.
    #[serde(default)]
    pub data_hora_cadastro: Option<DataHora>,
    /// `veiculoAcabado` — whether the vehicle is finished (seen in the montadora group).
    #[serde(default)]
    pub veiculo_acabado: Option<bool>,
    /// Fields this version of the SDK does not model, kept as received.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(VeiculoZeroKmPendente {
    chassi,
    data_hora_cadastro,
    veiculo_acabado,
    extras
});

impl VeiculoZeroKmPendente {
    /// The chassis as a typed value, when present and valid.
    pub fn chassi_valido(&self) -> Option<&Chassi> {
        self.chassi.as_ref().and_then(Recebido::valido)
    }
}

// ---------------------------------------------------------------------------------------------
// Z2 — registrar entrada em estoque de veículo zero km
// ---------------------------------------------------------------------------------------------

/// Z2 *entrada em estoque de veículo zero km* — `POST /api/entradas-estoque-zero-km` (SERPRO
/// code 26; **V**). Answers the new [`Estoque`] (201). Then send the
/// NF-e COMPRA with E10 (§7.4). Not idempotent: a repeat after a lost answer fails with
/// "possui um estoque ativo"; recover the stock with E11 `?chassi` (§7.6).
pub const REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM: Endpoint = Endpoint {
    name: "registrar_entrada_estoque_zero_km",
    route: rota(rotas::renave_ws::REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM),
    idempotency: Idempotency::StateChanging,
};

/// Body of Z2 (*entrada em estoque de veículo zero km*, **V**: S1 production, S5, S6).
///
/// Build it with [`builder`](Self::builder) or as a struct literal; read it back with
/// `Deserialize` (every field is a validated type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EntradaEstoqueZeroKm {
    /// `chassi` — the chassis of the pending vehicle (Z1).
    pub chassi: Chassi,
    /// `chaveNotaFiscal` — NF-e key of the montadora's invoice to the dealer.
    pub chave_nota_fiscal: ChaveNfe,
    /// `valorCompra` — the purchase value.
    pub valor_compra: Valor,
    /// `dataEntradaEstoque` — date of the entry (sent as a naive date-time, S1/S5).
    pub data_entrada_estoque: DataHora,
    /// `dataHoraMedicaoHodometro` — when the odometer was read.
    pub data_hora_medicao_hodometro: DataHora,
    /// `quilometragemHodometro` — odometer reading in km (0 for a new vehicle).
    pub quilometragem_hodometro: u32,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
}

// ---------------------------------------------------------------------------------------------
// Z3 — registrar saída de estoque de veículo zero km
// ---------------------------------------------------------------------------------------------

/// Z3 *saída de estoque de veículo zero km* — `POST /api/saidas-estoque-veiculo-zero-km`
/// (SERPRO code 28; **V**). Sells a new vehicle. S1 sends the NF-e VENDA (E10) **before** this
/// call, and the key also travels in the body. Answers the [`Estoque`]
/// (201, `saidaEstoque.numeroTermoSaidaEstoque`); the sale ATPV-e then comes from E7.
pub const REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM: Endpoint = Endpoint {
    name: "registrar_saida_estoque_veiculo_zero_km",
    route: rota(rotas::renave_ws::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM),
    idempotency: Idempotency::StateChanging,
};

/// Body of Z3 (*saída de estoque de veículo zero km*, **V**: S1 production, S5, S3).
///
/// Rules (T2): the vehicle is in the requester's 0 km stock, with no theft, alarm, write-off,
/// judicial, RFB or PGFN restriction.
///
/// Build it with [`builder`](Self::builder) or as a struct literal; read back (`Deserialize`)
/// with the checks of [`validar`](Self::validar).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct SaidaEstoqueVeiculoZeroKm {
    /// `idEstoque` — id of the stock the vehicle leaves.
    pub id_estoque: IdEstoque,
    /// `chaveNotaFiscal` — NF-e key of the sale invoice.
    pub chave_nota_fiscal: ChaveNfe,
    /// `dataVenda` — date of the sale (sent as a naive date-time, S1/S5).
    pub data_venda: DataHora,
    /// `valorVenda` — the sale value.
    pub valor_venda: Valor,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `emailEstabelecimento` — the establishment's e-mail (required in production, S1).
    pub email_estabelecimento: String,
    /// `comprador` — the buyer (§5.4).
    pub comprador: Comprador,
}

// ---------------------------------------------------------------------------------------------
// Z4 — cancelar saída de estoque zero km
// ---------------------------------------------------------------------------------------------

/// Z4 *cancelar saída de estoque zero km* — `POST /api/cancelamentos-saida-estoque-zero-km`
/// (SERPRO code 24; **P**). Body
/// [`SolicitacaoCancelamentoSaida`]. Answers the
/// [`Estoque`] (201, S6), whose
/// `saidaEstoque.cancelamentoSaidaEstoque.idEstoqueGeradoNoCancelamentoSaida` is the id of the
/// **new** stock created by the cancellation (as for E17): keep that id from now on.
pub const CANCELAR_SAIDA_ESTOQUE_ZERO_KM: Endpoint = Endpoint {
    name: "cancelar_saida_estoque_zero_km",
    route: rota(rotas::renave_ws::CANCELAR_SAIDA_ESTOQUE_ZERO_KM),
    idempotency: Idempotency::StateChanging,
};

// ---------------------------------------------------------------------------------------------
// Z5 — cancelar entrada em estoque zero km
// ---------------------------------------------------------------------------------------------

/// Z5 *cancelar entrada em estoque zero km* — `POST /api/cancelamentos-entrada-estoque-zero-km`
/// (SERPRO code 50; **P**; the SERPRO table says GET, almost certainly a typo). Answers the
/// [`Estoque`].
pub const CANCELAR_ENTRADA_ESTOQUE_ZERO_KM: Endpoint = Endpoint {
    name: "cancelar_entrada_estoque_zero_km",
    route: rota(rotas::renave_ws::CANCELAR_ENTRADA_ESTOQUE_ZERO_KM),
    idempotency: Idempotency::StateChanging,
};

/// Body of Z5 (*cancelamento de entrada em estoque zero km*, **P**: S3, montadora analogue S4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CancelamentoEntradaEstoqueZeroKm {
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `dataCancelamentoEntradaEstoque` — date of the cancellation (`YYYY-MM-DD`).
    pub data_cancelamento_entrada_estoque: renave_domain::Data,
    /// `idEstoque` — id of the stock whose entrada is cancelled.
    pub id_estoque: IdEstoque,
}

// ---------------------------------------------------------------------------------------------
// Z6 — autorizar transferência de veículo zero km
// ---------------------------------------------------------------------------------------------

/// Z6 *autorizar transferência de veículo zero km* —
/// `POST /api/autorizacoes-transferencias-veiculo-zero-km` (SERPRO code 22; **V**). Run by the
/// **origin**, under the origin's certificate, with the origin's `idEstoque` (found with E11
/// `?chassi`). Answers an [`AutorizacaoTransferencia`]
/// whose `id` the destination passes to Z8.
///
/// **Not idempotent** (S1, live): a repeat for the same chassis fails with "…já possui
/// autorização de transferência cadastrada"; recover the existing id with E23 `?chassi` (§7.6).
pub const AUTORIZAR_TRANSFERENCIA_VEICULO_ZERO_KM: Endpoint = Endpoint {
    name: "autorizar_transferencia_veiculo_zero_km",
    route: rota(rotas::renave_ws::AUTORIZAR_TRANSFERENCIA_VEICULO_ZERO_KM),
    idempotency: Idempotency::StateChanging,
};

/// Body of Z6 (*autorização de transferência de veículo zero km*, **V**: S1 live, S3, S6).
///
/// The vehicle is identified by `idEstoque`, never by `chassi` (sending only `chassi` gave "ID do
/// estoque não pode estar em branco", S1).
///
/// Build it with [`builder`](Self::builder) or as a struct literal; read it back with
/// `Deserialize` (every field is a validated type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AutorizacaoTransferenciaVeiculoZeroKm {
    /// `idEstoque` — id of the origin's stock.
    pub id_estoque: IdEstoque,
    /// `cnpjEstabelecimentoDestino` — CNPJ of the establishment that will receive the vehicle.
    pub cnpj_estabelecimento_destino: Cnpj,
    /// `valorVenda` — the sale value.
    pub valor_venda: Valor,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request (required:
    /// "CPF do operador responsável é obrigatório").
    pub cpf_operador_responsavel: Cpf,
    /// `dataTransferencia` — S1 sends it; whether the server reads it is unknown (**?**).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_transferencia: Option<DataHora>,
}

// ---------------------------------------------------------------------------------------------
// Z7 — cancelar autorização de transferência de veículo zero km
// ---------------------------------------------------------------------------------------------

/// Z7 *cancelar autorização de transferência de veículo zero km* —
/// `POST /api/cancelamentos-autorizacoes-transferencias-veiculo-zero-km` (SERPRO code 23;
/// **V**). Body
/// [`CancelamentoAutorizacaoTransferencia`]. Answers the
/// [`AutorizacaoTransferencia`] (200, S6).
pub const CANCELAR_AUTORIZACAO_TRANSFERENCIA_VEICULO_ZERO_KM: Endpoint = Endpoint {
    name: "cancelar_autorizacao_transferencia_veiculo_zero_km",
    route: rota(rotas::renave_ws::CANCELAR_AUTORIZACAO_TRANSFERENCIA_VEICULO_ZERO_KM),
    idempotency: Idempotency::StateChanging,
};

// ---------------------------------------------------------------------------------------------
// Z8 — transferir veículo zero km entre estabelecimentos
// ---------------------------------------------------------------------------------------------

/// Z8 *transferência de veículo zero km entre estabelecimentos* —
/// `POST /api/transferencias-entre-estabelecimentos-veiculo-zero-km` (SERPRO code 29; **V**).
/// Run by the **receiver**, under its own certificate, with the `idAutorizacao` of Z6. Answers
/// the receiver's new [`Estoque`] (201, S6).
pub const TRANSFERIR_ENTRE_ESTABELECIMENTOS_VEICULO_ZERO_KM: Endpoint = Endpoint {
    name: "transferir_entre_estabelecimentos_veiculo_zero_km",
    route: rota(rotas::renave_ws::TRANSFERIR_ENTRE_ESTABELECIMENTOS_VEICULO_ZERO_KM),
    idempotency: Idempotency::StateChanging,
};

/// Body of Z8 (*transferência de veículo zero km entre estabelecimentos*, **V**: S1 live on
/// 2026-09-28 — the only transfer body recorded as working against the live service).
///
/// The server demanded `dataEntradaEstoque`, `quilometragemHodometro` and `valorCompra`, and
/// reads the authorization as `idAutorizacao` (not `idAutorizacaoTransferencia`). The transfer
/// date travels as `dataTransferencia`, the name of that working body (decided by the evidence:
/// S1 097e2161, V; the 2022 sources' `dataTransferenciaEstoque` — S3, S5, S6 — has no recorded
/// live call). `chaveNotaFiscal` is required: S1, S3 and S6 all send it, and S1's reading of the
/// manual says the step needs a valid NF-e key.
///
/// Build it with [`new`](Self::new) (every field the working body sends) and read it back with
/// the same checks (`Deserialize`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TransferenciaVeiculoZeroKm {
    /// `chassi` — the chassis.
    pub chassi: Chassi,
    /// `idAutorizacao` — id of the origin's authorization (Z6).
    pub id_autorizacao: IdAutorizacao,
    /// `chaveNotaFiscal` — NF-e key of the transfer invoice (required: S1, S3, S6 send it).
    pub chave_nota_fiscal: ChaveNfe,
    /// `dataEntradaEstoque` — date of the entry in the receiver's stock (required, S1).
    pub data_entrada_estoque: DataHora,
    /// `dataTransferencia` — date of the transfer, under the name of the body recorded as
    /// working live (S1, 2026-09-28; **V**). The 2022 sources call it
    /// `dataTransferenciaEstoque`: should the server turn out to read that name, sending it is
    /// a configuration step away (the field names of a body can be overridden at run time),
    /// with no release of the SDK.
    pub data_transferencia: DataHora,
    /// `dataHoraMedicaoHodometro` — when the odometer was read.
    pub data_hora_medicao_hodometro: DataHora,
    /// `quilometragemHodometro` — odometer reading in km (0 for a new vehicle; required).
    pub quilometragem_hodometro: u32,
    /// `valorCompra` — the purchase value (required, S1).
    pub valor_compra: Valor,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
}

impl TransferenciaVeiculoZeroKm {
    /// The body of the working live call (S1): the transfer date and the odometer reading at
    /// `data_entrada_estoque`.
    ///
    /// ```
    /// use renave_ws_client::modelos::IdAutorizacao;
    /// use renave_ws_client::operacoes::zero_km::TransferenciaVeiculoZeroKm;
    ///
    /// let t = TransferenciaVeiculoZeroKm::new(
    ///     "9BGKL48U0JB118848".parse()?,
    ///     IdAutorizacao(880),
    ///     "33150308370779000149550010001100931002410775".parse()?,
    ///     "2026-09-28T11:00:00".parse()?,
    ///     0,
    ///     "91000.50".parse()?,
    ///     "529.982.247-25".parse()?,
    /// );
    /// let json = serde_json::to_value(&t)?;
    /// assert_eq!(json["idAutorizacao"], 880);
    /// assert_eq!(json["dataEntradaEstoque"], "2026-09-28T11:00:00");
    /// assert_eq!(json["dataTransferencia"], "2026-09-28T11:00:00");
    /// assert!(json.get("dataTransferenciaEstoque").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        chassi: Chassi,
        id_autorizacao: IdAutorizacao,
        chave_nota_fiscal: ChaveNfe,
        data_entrada_estoque: DataHora,
        quilometragem_hodometro: u32,
        valor_compra: Valor,
        cpf_operador_responsavel: Cpf,
    ) -> Self {
        Self {
            chassi,
            id_autorizacao,
            chave_nota_fiscal,
            data_entrada_estoque,
            data_transferencia: data_entrada_estoque,
            data_hora_medicao_hodometro: data_entrada_estoque,
            quilometragem_hodometro,
            valor_compra,
            cpf_operador_responsavel,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Z9 — devolver veículo zero km à montadora
// ---------------------------------------------------------------------------------------------

/// Z9 *devolução de veículo zero km à montadora* —
/// `POST /api/devolucoes-montadora-veiculo-zero-km` (SERPRO code 25; **V**). Answers the
/// [`Estoque`] (201).
pub const DEVOLVER_MONTADORA_VEICULO_ZERO_KM: Endpoint = Endpoint {
    name: "devolver_montadora_veiculo_zero_km",
    route: rota(rotas::renave_ws::DEVOLVER_MONTADORA_VEICULO_ZERO_KM),
    idempotency: Idempotency::StateChanging,
};

/// Body of Z9 (*devolução à montadora*, **V**: S6, S3).
///
/// Build it with [`builder`](Self::builder) or as a struct literal; read back (`Deserialize`)
/// only with a `motivoDevolucaoMontadora` the SDK knows (see [`verificar`](Self::verificar)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct DevolucaoMontadoraVeiculoZeroKm {
    /// `chaveNotaFiscal` — NF-e key of the return invoice.
    pub chave_nota_fiscal: ChaveNfe,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `dataDevolucao` — date of the return (wire type unknown; sent as a naive date-time,
    /// which a date field accepts too — **I**).
    pub data_devolucao: DataHora,
    /// `idEstoque` — id of the stock the vehicle leaves.
    pub id_estoque: IdEstoque,
    /// `motivoDevolucaoMontadora` — why it is returned (§6).
    pub motivo_devolucao_montadora: MotivoDevolucaoMontadora,
}

// ---------------------------------------------------------------------------------------------
// Z10 — rejeitar veículo zero km
// ---------------------------------------------------------------------------------------------

/// Z10 *rejeição de veículo zero km* — `POST /api/rejeicoes-zero-km` (SERPRO code 27; **V**).
/// The dealer refuses a pending vehicle (Z1) instead of taking it into stock. Answers 201; the
/// body is not documented, so it is returned as a
/// [`Confirmacao`].
pub const REJEITAR_VEICULO_ZERO_KM: Endpoint = Endpoint {
    name: "rejeitar_veiculo_zero_km",
    route: rota(rotas::renave_ws::REJEITAR_VEICULO_ZERO_KM),
    idempotency: Idempotency::StateChanging,
};

/// Body of Z10 (*rejeição de veículo zero km*, **V**: S6, S3).
/// Read back (`Deserialize`) only with a `motivoRejeicao` the SDK knows (see
/// [`verificar`](Self::verificar)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct RejeicaoVeiculoZeroKm {
    /// `chassi` — the chassis of the pending vehicle.
    pub chassi: Chassi,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `motivoRejeicao` — why it is refused (§6).
    pub motivo_rejeicao: MotivoRejeicao,
}

// ---------------------------------------------------------------------------------------------
// Z11 — cancelar rejeição de veículo zero km
// ---------------------------------------------------------------------------------------------

/// Z11 *cancelar rejeição de veículo zero km* —
/// `POST /api/cancelamentos-rejeicoes-veiculo-zero-km` (SERPRO code 60; **P**). The answer is
/// not documented (**?**), so it is returned as a
/// [`Confirmacao`].
pub const CANCELAR_REJEICAO_VEICULO_ZERO_KM: Endpoint = Endpoint {
    name: "cancelar_rejeicao_veiculo_zero_km",
    route: rota(rotas::renave_ws::CANCELAR_REJEICAO_VEICULO_ZERO_KM),
    idempotency: Idempotency::StateChanging,
};

/// Body of Z11 (*cancelamento de rejeição de veículo zero km*, **P**: S3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CancelamentoRejeicaoVeiculoZeroKm {
    /// `chassi` — the chassis.
    pub chassi: Chassi,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
}

// ---------------------------------------------------------------------------------------------
// Z12 — consultar entregas de veículo zero km
// ---------------------------------------------------------------------------------------------

/// Z12 *consultar entregas de veículo zero km* — `GET /api/entregas-veiculo-zero-km` (SERPRO
/// code 67; **P**). The deliveries (*entregas*, venda direta) in which the dealer sells or
/// delivers. Answers a list of [`Entrega`].
pub const CONSULTAR_ENTREGAS_VEICULO_ZERO_KM: Endpoint = Endpoint {
    name: "consultar_entregas_veiculo_zero_km",
    route: rota(rotas::renave_ws::CONSULTAR_ENTREGAS_VEICULO_ZERO_KM),
    idempotency: Idempotency::Idempotent,
};

/// Query filters of Z12 (*filtro de entregas*, **P**: S6); all optional. Read back
/// (`Deserialize`) with the checks of [`validar`](Self::validar).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct FiltroEntregasVeiculoZeroKm {
    /// `cnpjMontadora` — CNPJ of the montadora.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cnpj_montadora: Option<Cnpj>,
    /// `cnpjEstabelecimentoVendedor` — CNPJ of the selling dealer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cnpj_estabelecimento_vendedor: Option<Cnpj>,
    /// `cnpjEstabelecimentoEntregador` — CNPJ of the delivering dealer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cnpj_estabelecimento_entregador: Option<Cnpj>,
    /// `chassi` — the chassis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chassi: Option<Chassi>,
    /// `estado` — the delivery state, raw (its value set is unknown, §6 "?").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estado: Option<String>,
}

impl FiltroEntregasVeiculoZeroKm {
    /// A filter by chassis only.
    pub fn por_chassi(chassi: Chassi) -> Self {
        Self {
            chassi: Some(chassi),
            ..Self::default()
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Z13 / Z14 — realizar / cancelar entrega de veículo zero km
// ---------------------------------------------------------------------------------------------

/// Z13 *realizar entrega de veículo zero km* — `POST /api/entregas-veiculo-zero-km/realizacao`
/// (SERPRO code 68; **P**). The delivering dealer confirms a venda-direta delivery; the exit
/// ATPV-e is released only after it (T2). Answers the [`Entrega`] (201).
pub const REALIZAR_ENTREGA_VEICULO_ZERO_KM: Endpoint = Endpoint {
    name: "realizar_entrega_veiculo_zero_km",
    route: rota(rotas::renave_ws::REALIZAR_ENTREGA_VEICULO_ZERO_KM),
    idempotency: Idempotency::StateChanging,
};

/// Z14 *cancelar entrega de veículo zero km* —
/// `POST /api/entregas-veiculo-zero-km/cancelamento` (SERPRO code 69; **P**). Answers the
/// [`Entrega`] (201, S6), with `cancelamentoEntrega` and the id of the
/// delivery generated by the cancellation.
pub const CANCELAR_ENTREGA_VEICULO_ZERO_KM: Endpoint = Endpoint {
    name: "cancelar_entrega_veiculo_zero_km",
    route: rota(rotas::renave_ws::CANCELAR_ENTREGA_VEICULO_ZERO_KM),
    idempotency: Idempotency::StateChanging,
};

/// Body of Z13 and Z14 (*realização / cancelamento de entrega*, **P**: S6 uses one class,
/// `TRealizaCancelaEntrega`, for both).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OperacaoEntregaVeiculoZeroKm {
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `idEntrega` — id of the delivery (§5.7 `id`).
    pub id_entrega: IdEntrega,
}

// ---------------------------------------------------------------------------------------------
// Z15 / Z16 — saídas Renovar
// ---------------------------------------------------------------------------------------------

/// Z15 *saída de estoque de veículo zero km — Renovar* —
/// `POST /api/saidas-estoque-veiculo-zero-km-renovar` (SERPRO code 80; **P**). The Z3 sale under
/// the federal *programa Renovar* benefit. Answers the [`Estoque`]; S11
/// then downloads the ATPV-e with E7.
pub const REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR: Endpoint = Endpoint {
    name: "registrar_saida_estoque_veiculo_zero_km_renovar",
    route: rota(rotas::renave_ws::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR),
    idempotency: Idempotency::StateChanging,
};

/// Body of Z15 (*saída Renovar de veículo zero km*). Only
/// `estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar` is seen (S11); the rest is
/// **inferred** from Z3.
/// Read back (`Deserialize`) with the checks of [`validar`](Self::validar).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct SaidaEstoqueVeiculoZeroKmRenovar {
    /// The Z3 fields, flattened into the same JSON object.
    #[serde(flatten)]
    pub saida: SaidaEstoqueVeiculoZeroKm,
    /// `estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar` — the establishment
    /// declares it is aware of its responsibility in the Renovar process.
    pub estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: bool,
    /// `tipoBeneficioTributario` — tax-benefit type, raw (its value set is unknown, §6 "?").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tipo_beneficio_tributario: Option<String>,
}

/// Z16 *saída de estoque de veículo inacabado — Renovar* —
/// `POST /api/saidas-estoque-veiculo-inacabado-renovar` (SERPRO code 81; **P**; S11's path — the
/// S1 table transcription's `saidas-estoque-inacabado-renovar` is reachable through a route
/// override). The E31 sale under the Renovar benefit. Answers the
/// [`Estoque`].
pub const REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR: Endpoint = Endpoint {
    name: "registrar_saida_estoque_veiculo_inacabado_renovar",
    route: rota(rotas::renave_ws::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR),
    idempotency: Idempotency::StateChanging,
};

/// Body of Z16 (*saída Renovar de veículo inacabado*). Only
/// `estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar` and `leasingVeiculoInacabado`
/// are seen (S11); the rest is **inferred** from E31.
/// Read back (`Deserialize`) with the checks of [`validar`](Self::validar).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct SaidaEstoqueVeiculoInacabadoRenovar {
    /// The E31 fields (including `leasingVeiculoInacabado`), flattened into the same object.
    #[serde(flatten)]
    pub saida: crate::operacoes::transferencias::SaidaEstoqueVeiculoInacabado,
    /// `estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar` — the establishment
    /// declares it is aware of its responsibility in the Renovar process.
    pub estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: bool,
}

// ---------------------------------------------------------------------------------------------
// Checks of the free-text fields the types cannot enforce (nothing is sent until they pass)
// ---------------------------------------------------------------------------------------------

impl SaidaEstoqueVeiculoZeroKm {
    /// Checks what the field types cannot (`emailEstabelecimento` and `comprador.email` are
    /// e-mail addresses — required in production, S1 —, `comprador.nome` and
    /// `comprador.endereco.numero` are not blank); the client calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        self.validar_para(REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM.name)
    }

    /// [`validar`](Self::validar) on behalf of `operacao` (Z15 reuses this body).
    pub(crate) fn validar_para(&self, operacao: &str) -> Result<(), Erro> {
        validar_email(
            operacao,
            "emailEstabelecimento",
            &self.email_estabelecimento,
        )?;
        validar_comprador(operacao, &self.comprador)
    }
}

impl SaidaEstoqueVeiculoZeroKmRenovar {
    /// Checks the Z3 fields (see [`SaidaEstoqueVeiculoZeroKm::validar`]) and that
    /// `tipoBeneficioTributario`, when given, is not blank; the client calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        let operacao = REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR.name;
        self.saida.validar_para(operacao)?;
        match &self.tipo_beneficio_tributario {
            Some(t) => validar_nao_vazio(operacao, "tipoBeneficioTributario", t),
            None => Ok(()),
        }
    }
}

impl SaidaEstoqueVeiculoInacabadoRenovar {
    /// Checks the E31 fields (see
    /// [`SaidaEstoqueVeiculoInacabado::validar`](crate::operacoes::transferencias::SaidaEstoqueVeiculoInacabado::validar));
    /// the client calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        self.validar_para(REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR.name)
    }

    /// [`validar`](Self::validar) on behalf of `operacao` (the montadora route reuses this
    /// body).
    pub(crate) fn validar_para(&self, operacao: &str) -> Result<(), Erro> {
        self.saida.validar_para(operacao)
    }
}

impl FiltroEntregasVeiculoZeroKm {
    /// Checks that `estado`, when given, is not blank (an empty query value would change the
    /// request's meaning); the client calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        match &self.estado {
            Some(e) => validar_nao_vazio(CONSULTAR_ENTREGAS_VEICULO_ZERO_KM.name, "estado", e),
            None => Ok(()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Builders (the checks of `build()`) and the requests read back with the same checks
// ---------------------------------------------------------------------------------------------

impl EntradaEstoqueZeroKm {
    /// The checks of the builder: none beyond the field types (every field is validated when
    /// built).
    ///
    /// # Errors
    ///
    /// None today; the signature is the builders' one.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        Ok(())
    }
}

renave_domain::construtor_requisicao! {
    EntradaEstoqueZeroKm => ConstrutorEntradaEstoqueZeroKm {
        obrigatorios {
            chassi: Chassi,
            chave_nota_fiscal: ChaveNfe,
            valor_compra: Valor,
            data_entrada_estoque: DataHora,
            data_hora_medicao_hodometro: DataHora,
            quilometragem_hodometro: u32,
            cpf_operador_responsavel: Cpf,
        }
        opcionais {}
    }
}

impl SaidaEstoqueVeiculoZeroKm {
    /// The checks of the builder: `emailEstabelecimento` and the buyer's `nome` and `email`
    /// are not blank.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        construtor::exigir_texto("emailEstabelecimento", &self.email_estabelecimento)?;
        exigir_comprador(&self.comprador)
    }
}

renave_domain::construtor_requisicao! {
    SaidaEstoqueVeiculoZeroKm => ConstrutorSaidaEstoqueVeiculoZeroKm {
        obrigatorios {
            id_estoque: IdEstoque,
            chave_nota_fiscal: ChaveNfe,
            data_venda: DataHora,
            valor_venda: Valor,
            cpf_operador_responsavel: Cpf,
            email_estabelecimento: String,
            comprador: Comprador,
        }
        opcionais {}
    }
}

impl AutorizacaoTransferenciaVeiculoZeroKm {
    /// The checks of the builder: none beyond the field types (every field is validated when
    /// built).
    ///
    /// # Errors
    ///
    /// None today; the signature is the builders' one.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        Ok(())
    }
}

renave_domain::construtor_requisicao! {
    AutorizacaoTransferenciaVeiculoZeroKm => ConstrutorAutorizacaoTransferenciaVeiculoZeroKm {
        obrigatorios {
            id_estoque: IdEstoque,
            cnpj_estabelecimento_destino: Cnpj,
            valor_venda: Valor,
            cpf_operador_responsavel: Cpf,
        }
        opcionais {
            data_transferencia: DataHora,
        }
    }
}

impl DevolucaoMontadoraVeiculoZeroKm {
    /// The checks of the builder and of a body read back: `motivoDevolucaoMontadora` is a code
    /// the SDK knows (or one built with `MotivoDevolucaoMontadora::desconhecido_permitido`).
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        self.motivo_devolucao_montadora
            .exigir_conhecido("motivoDevolucaoMontadora")
    }
}

renave_domain::construtor_requisicao! {
    DevolucaoMontadoraVeiculoZeroKm => ConstrutorDevolucaoMontadoraVeiculoZeroKm {
        obrigatorios {
            chave_nota_fiscal: ChaveNfe,
            cpf_operador_responsavel: Cpf,
            data_devolucao: DataHora,
            id_estoque: IdEstoque,
            motivo_devolucao_montadora: MotivoDevolucaoMontadora,
        }
        opcionais {}
    }
}

impl RejeicaoVeiculoZeroKm {
    /// The check of a body read back: `motivoRejeicao` is a code the SDK knows (a code read
    /// from JSON is never one built with `MotivoRejeicao::desconhecido_permitido`).
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        self.motivo_rejeicao.exigir_conhecido("motivoRejeicao")
    }
}

requisicao_validada!(
    SaidaEstoqueVeiculoZeroKm => validar,
    DevolucaoMontadoraVeiculoZeroKm => verificar,
    RejeicaoVeiculoZeroKm => verificar,
    FiltroEntregasVeiculoZeroKm => validar,
    SaidaEstoqueVeiculoZeroKmRenovar => validar,
    SaidaEstoqueVeiculoInacabadoRenovar => validar,
);

// ---------------------------------------------------------------------------------------------
// Operations (the request type of each one, `renave_http::Operacao`)
// ---------------------------------------------------------------------------------------------

/// Z1 `?chassi=` (optional).
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub(crate) struct ConsultaVeiculosZeroKmPendentes<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) chassi: Option<&'a Chassi>,
}

/// Z4: the body of E32 sent to another operation.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub(crate) struct CancelarSaidaEstoqueZeroKm<'a>(pub(crate) &'a SolicitacaoCancelamentoSaida);

/// Z7: the body of E26 sent to another operation.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub(crate) struct CancelarAutorizacaoTransferenciaVeiculoZeroKm<'a>(
    pub(crate) &'a CancelamentoAutorizacaoTransferencia,
);

/// Z14: the body of Z13 sent to another operation.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub(crate) struct CancelarEntregaVeiculoZeroKm<'a>(pub(crate) &'a OperacaoEntregaVeiculoZeroKm);

operacao!(['a] ConsultaVeiculosZeroKmPendentes<'a> => CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE, renave_domain::ItensRecebidos<VeiculoZeroKmPendente>);
operacao!(EntradaEstoqueZeroKm => REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM, Estoque);
operacao!(SaidaEstoqueVeiculoZeroKm => REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM, Estoque, validar);
operacao!(['a] CancelarSaidaEstoqueZeroKm<'a> => CANCELAR_SAIDA_ESTOQUE_ZERO_KM, Estoque);
operacao!(CancelamentoEntradaEstoqueZeroKm => CANCELAR_ENTRADA_ESTOQUE_ZERO_KM, Estoque);
operacao!(AutorizacaoTransferenciaVeiculoZeroKm => AUTORIZAR_TRANSFERENCIA_VEICULO_ZERO_KM, AutorizacaoTransferencia);
operacao!(['a] CancelarAutorizacaoTransferenciaVeiculoZeroKm<'a> => CANCELAR_AUTORIZACAO_TRANSFERENCIA_VEICULO_ZERO_KM, AutorizacaoTransferencia);
operacao!(TransferenciaVeiculoZeroKm => TRANSFERIR_ENTRE_ESTABELECIMENTOS_VEICULO_ZERO_KM, Estoque);
operacao!(DevolucaoMontadoraVeiculoZeroKm => DEVOLVER_MONTADORA_VEICULO_ZERO_KM, Estoque, verificar);
operacao!(RejeicaoVeiculoZeroKm => REJEITAR_VEICULO_ZERO_KM, Confirmacao, verificar);
operacao!(CancelamentoRejeicaoVeiculoZeroKm => CANCELAR_REJEICAO_VEICULO_ZERO_KM, Confirmacao);
operacao!(FiltroEntregasVeiculoZeroKm => CONSULTAR_ENTREGAS_VEICULO_ZERO_KM, renave_domain::ItensRecebidos<Entrega>, validar);
operacao!(OperacaoEntregaVeiculoZeroKm => REALIZAR_ENTREGA_VEICULO_ZERO_KM, Entrega);
operacao!(['a] CancelarEntregaVeiculoZeroKm<'a> => CANCELAR_ENTREGA_VEICULO_ZERO_KM, Entrega);
operacao!(SaidaEstoqueVeiculoZeroKmRenovar => REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR, Estoque, validar);
operacao!(SaidaEstoqueVeiculoInacabadoRenovar => REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR, Estoque, validar);
