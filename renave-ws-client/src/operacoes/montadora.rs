//! Wire contracts of the **montadora** group (vehicle manufacturers, `renave-ws.md` §3.3):
//! every route under `api/montadora/`, on the same client as the establishment group (decision
//! D9) — the certificate says which establishment (here, which montadora) acts.
//!
//! One item group per operation: its [`Endpoint`] (name used for tracing and route overrides,
//! default route, idempotency) and its request type. The answers are the shared schemas of
//! [`crate::modelos`] ([`Estoque`], [`AutorizacaoTransferencia`], [`Entrega`], [`PdfAtpv`],
//! [`TermoSaidaEstoque`]) and of the establishment group
//! ([`ClienteAutenticado`], [`Municipio`], [`VeiculoZeroKmPendente`]); where a montadora body is
//! the same as an establishment body, the same request type is used.
//!
//! **Evidence** (`renave-ws.md` §0 legend, §3.3): seventeen routes are seen in the code of a
//! production proxy for implement makers (S4), which calls them with mutual TLS against the
//! production host; no answer of them is recorded, so they are **P** (probable), with the body
//! S4 sends. `montadora/municipios` rests on the SERPRO table transcribed by S1 alone
//! (**P-table**). The two *Renovar* routes are named only by a batch job's code (S11, **P**);
//! their bodies beyond the Renovar fields are **inferred** (**I**) from the venda-direta and
//! inacabado bodies. Every route can be corrected without a release (decision D2) through the
//! client's route overrides, keyed by the endpoint's [`name`](Endpoint::name); every name here
//! ends in `_montadora`.
//!
//! Dates: the 0 km bodies send `dataEntradaEstoque`, `dataVenda` and transfer dates as a naive
//! Brasília date-time ([`DataHora`], as the establishment's 0 km peers do, §1.3); cancellation
//! dates are a [`Data`](renave_domain::Data).

use renave_domain::rotas;
use renave_domain::tabelas::construtor;
use renave_domain::{
    Chassi, ChaveNfe, Cnpj, Cpf, DataHora, ErroDominio, EstadoAutorizacaoTransferencia,
    EstadoEstoque, Valor,
};
use renave_http::Endpoint;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{get, post};
use crate::erro::Erro;
use crate::modelos::{
    AutorizacaoTransferencia, Comprador, Entrega, Estoque, IdEstoque, Municipio, PdfAtpv,
    TermoSaidaEstoque,
};
use crate::operacoes::transferencias::{
    AutorizacaoTransferenciaParaIte, CancelamentoAutorizacaoTransferencia, EntregaIndicada,
    SaidaEstoqueVeiculoInacabado, SolicitacaoCancelamentoSaida, TransferenciaEstoqueVindoDeIte,
    validar_comprador, validar_email, validar_nao_vazio,
};
use crate::operacoes::usados::{
    ClienteAutenticado, ConsultaMunicipios, entrada_de_dominio, exigir_comprador,
};
use crate::operacoes::zero_km::{
    CancelamentoEntradaEstoqueZeroKm, SaidaEstoqueVeiculoInacabadoRenovar, VeiculoZeroKmPendente,
};

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

/// *Consultar cliente autenticado (montadora)* — `GET /api/montadora/cliente-autenticado`
/// (**P**: route seen in a production proxy's code, S4, which reads `{cnpj, nome, endereco}`).
/// Answers a [`ClienteAutenticado`] (the E1 shape): a credential health check of a montadora
/// certificate.
pub const CONSULTAR_CLIENTE_AUTENTICADO_MONTADORA: Endpoint =
    get(rotas::renave_ws::CONSULTAR_CLIENTE_AUTENTICADO_MONTADORA);

/// *Consultar municípios (montadora)* — `GET /api/montadora/municipios` (**P-table**: only the
/// SERPRO endpoint table transcribed by S1 lists it, code 78; no code calls it). Query and
/// answer assumed to be those of E20 (`?nome&uf` → `[{id, nome, uf}]`, **I**).
pub const CONSULTAR_MUNICIPIOS_MONTADORA: Endpoint =
    get(rotas::renave_ws::CONSULTAR_MUNICIPIOS_MONTADORA);

/// *Consultar estoques (montadora)* — `GET /api/montadora/estoques?chassi&estadoEstoque` (**P**:
/// S4). Answers a list of [`Estoque`] (S4 also reads `comprador`, `entregas[]` and
/// `tipoBeneficioTributarioJson`, kept in [`Estoque::extras`]).
pub const CONSULTAR_ESTOQUES_MONTADORA: Endpoint =
    get(rotas::renave_ws::CONSULTAR_ESTOQUES_MONTADORA);

/// Query filters of the montadora and ITE stock lookups (`api/montadora/estoques`,
/// `api/ite/estoques`, **P**: S4); both optional — none lists the whole stock.
///
/// A state the SDK does not know (`From<&str>`, not `desconhecido_permitido`) is refused
/// before sending, and when read back from JSON ([`verificar`](Self::verificar)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct FiltroEstoques {
    /// `chassi` — the chassis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chassi: Option<Chassi>,
    /// `estadoEstoque` — the stock state (§6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estado_estoque: Option<EstadoEstoque>,
}

impl FiltroEstoques {
    /// A filter by chassis only (how a stock whose creation answer was lost is found, §7.6).
    pub fn por_chassi(chassi: Chassi) -> Self {
        Self {
            chassi: Some(chassi),
            ..Self::default()
        }
    }

    /// The check before sending and of a filter read back: `estadoEstoque`, when given, is a
    /// state the SDK knows (`renave-ws.md` §6).
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        match &self.estado_estoque {
            Some(e) => e.exigir_conhecido("estadoEstoque"),
            None => Ok(()),
        }
    }
}

impl FiltroAutorizacoes {
    /// The check before sending and of a filter read back: `estadoAutorizacao`, when given, is
    /// a state the SDK knows (`renave-ws.md` §6).
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        match &self.estado_autorizacao {
            Some(e) => e.exigir_conhecido("estadoAutorizacao"),
            None => Ok(()),
        }
    }
}

requisicao_validada!(FiltroEstoques => verificar, FiltroAutorizacoes => verificar);

impl ConsultaEstoquesMontadora<'_> {
    /// The filter's check, called by reference by the operation (`operacao!`).
    #[allow(clippy::trivially_copy_pass_by_ref)]
    fn verificar(&self) -> Result<(), ErroDominio> {
        self.0.verificar()
    }
}

impl ConsultaAutorizacoesMontadora<'_> {
    /// The filter's check, called by reference by the operation (`operacao!`).
    #[allow(clippy::trivially_copy_pass_by_ref)]
    fn verificar(&self) -> Result<(), ErroDominio> {
        self.0.verificar()
    }
}

/// *Obter termo de saída de estoque (montadora)* —
/// `GET /api/montadora/estoques/{idEstoque}/termo-saida-estoque` (**P**: S4, which reads
/// `{numeroTermoSaidaEstoque, pdfBase64}`). Answers a [`TermoSaidaEstoque`].
pub const OBTER_TERMO_SAIDA_ESTOQUE_MONTADORA: Endpoint =
    get(rotas::renave_ws::OBTER_TERMO_SAIDA_ESTOQUE_MONTADORA);

/// *Obter PDF da ATPV-e (montadora)* — `GET /api/montadora/pdf-atpv?chassi` (**P**: S4 and S11,
/// which downloads it after a Renovar venda direta). Answers a [`PdfAtpv`].
pub const OBTER_PDF_ATPV_MONTADORA: Endpoint = get(rotas::renave_ws::OBTER_PDF_ATPV_MONTADORA);

/// *Consultar veículos zero km pendentes de entrada em estoque (montadora)* —
/// `GET /api/montadora/veiculos-zero-km-pendentes-entrada-estoque?chassi` (**P**: S4, which reads
/// `[{chassi, dataHoraCadastro, veiculoAcabado}]`). Answers a list of [`VeiculoZeroKmPendente`].
pub const CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE_MONTADORA: Endpoint =
    get(rotas::renave_ws::CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE_MONTADORA);

/// *Consultar entregas de veículo zero km (montadora)* —
/// `GET /api/montadora/entregas-veiculo-zero-km` (**P**: S4). Answers a list of [`Entrega`]
/// (§5.7), the deliveries of the montadora's venda-direta sales.
pub const CONSULTAR_ENTREGAS_VEICULO_ZERO_KM_MONTADORA: Endpoint =
    get(rotas::renave_ws::CONSULTAR_ENTREGAS_VEICULO_ZERO_KM_MONTADORA);

/// Query filters of [`CONSULTAR_ENTREGAS_VEICULO_ZERO_KM_MONTADORA`] (**P**: S4); all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FiltroEntregasMontadora {
    /// `chassi` — the chassis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chassi: Option<Chassi>,
    /// `cnpjEstabelecimentoEntregador` — CNPJ of the delivering dealer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cnpj_estabelecimento_entregador: Option<Cnpj>,
    /// `cnpjEstabelecimentoVendedor` — CNPJ of the selling dealer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cnpj_estabelecimento_vendedor: Option<Cnpj>,
    /// `estado` — the delivery state, raw (its value set is unknown, §6 "?").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estado: Option<String>,
}

/// *Consultar autorizações de transferência (montadora)* —
/// `GET /api/montadora/autorizacoes-transferencias?chassi&estadoAutorizacao` (**P**: S4).
/// Answers a list of [`AutorizacaoTransferencia`] (§5.6).
pub const CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_MONTADORA: Endpoint =
    get(rotas::renave_ws::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_MONTADORA);

/// Query filters of the montadora and ITE authorization lookups
/// (`api/montadora/autorizacoes-transferencias`, `api/ite/autorizacoes-transferencias`, **P**:
/// S4); both optional.
///
/// A state the SDK does not know is refused before sending, and when read back from JSON
/// ([`verificar`](Self::verificar)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct FiltroAutorizacoes {
    /// `chassi` — the chassis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chassi: Option<Chassi>,
    /// `estadoAutorizacao` — `CRIADA`, `CONSUMIDA`, `CANCELADA` (§6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estado_autorizacao: Option<EstadoAutorizacaoTransferencia>,
}

// ---------------------------------------------------------------------------------------------
// Entrada and its cancellation
// ---------------------------------------------------------------------------------------------

/// *Entrada em estoque de veículo zero km (montadora)* —
/// `POST /api/montadora/entradas-estoque-zero-km` (**P**: S4). The montadora takes a new vehicle
/// into its own stock. Answers the new [`Estoque`]. Never resent automatically (D6): after an
/// unknown outcome look the stock up with [`CONSULTAR_ESTOQUES_MONTADORA`] `?chassi`.
pub const REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA: Endpoint =
    post(rotas::renave_ws::REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA);

/// Body of [`REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA`] (*entrada em estoque zero km pela
/// montadora*, **P**: the five fields S4 sends; unlike the dealer's Z2 there is no invoice key
/// and no purchase value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EntradaEstoqueZeroKmMontadora {
    /// `chassi` — the chassis of the pending vehicle.
    pub chassi: Chassi,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `dataEntradaEstoque` — date of the entry (a naive date-time).
    pub data_entrada_estoque: DataHora,
    /// `dataHoraMedicaoHodometro` — when the odometer was read.
    pub data_hora_medicao_hodometro: DataHora,
    /// `quilometragemHodometro` — odometer reading in km (0 for a new vehicle).
    pub quilometragem_hodometro: u32,
}

/// *Cancelar entrada em estoque zero km (montadora)* —
/// `POST /api/montadora/cancelamentos-entrada-estoque-zero-km` (**P**: S4, body
/// `{cpfOperadorResponsavel, dataCancelamentoEntradaEstoque, idEstoque}`, the Z5 body
/// [`CancelamentoEntradaEstoqueZeroKm`]). Answers the [`Estoque`].
pub const CANCELAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA: Endpoint =
    post(rotas::renave_ws::CANCELAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA);

// ---------------------------------------------------------------------------------------------
// Venda direta (saída zero km), inacabados and their cancellations
// ---------------------------------------------------------------------------------------------

/// *Saída de estoque de veículo zero km — venda direta (montadora)* —
/// `POST /api/montadora/saidas-estoque-veiculo-zero-km` (**P**: S4). The montadora sells a new
/// vehicle directly and indicates the dealers that sell and deliver it (`entregaIndicada`); the
/// delivering dealer then confirms the delivery (Z13) and only after it is the exit ATPV-e
/// released (T2). Answers the [`Estoque`]. Never resent automatically.
pub const REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_MONTADORA: Endpoint =
    post(rotas::renave_ws::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_MONTADORA);

/// Body of [`REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_MONTADORA`] (*venda direta*, **P**: the nine
/// fields S4 sends). Build it with [`builder`](Self::builder) (one setter per field, then
/// `build()`, which names a missing field) or as a struct literal; read back with the same
/// checks (`Deserialize` runs [`validar`](Self::validar)).
///
/// ```
/// use renave_ws_client::operacoes::montadora::SaidaEstoqueVeiculoZeroKmMontadora;
/// use renave_ws_client::operacoes::transferencias::EntregaIndicada;
///
/// let erro = SaidaEstoqueVeiculoZeroKmMontadora::builder()
///     .id_estoque(renave_ws_client::modelos::IdEstoque(7))
///     .build()
///     .unwrap_err();
/// assert_eq!(erro.tipo(), "chave_nota_fiscal"); // the first missing required field
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct SaidaEstoqueVeiculoZeroKmMontadora {
    /// `idEstoque` — id of the montadora's stock the vehicle leaves.
    pub id_estoque: IdEstoque,
    /// `chaveNotaFiscal` — NF-e key of the sale invoice.
    pub chave_nota_fiscal: ChaveNfe,
    /// `comprador` — the buyer (§5.4).
    pub comprador: Comprador,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `dataVenda` — date of the sale (a naive date-time).
    pub data_venda: DataHora,
    /// `emailEstabelecimento` — the montadora's e-mail.
    pub email_estabelecimento: String,
    /// `entregaIndicada` — the dealers that sell and deliver the vehicle.
    pub entrega_indicada: EntregaIndicada,
    /// `tipoBeneficioTributario` — tax-benefit type, raw (its value set is unknown, §6 "?").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tipo_beneficio_tributario: Option<String>,
    /// `valorVenda` — the sale value.
    pub valor_venda: Valor,
}

/// *Cancelar saída de estoque zero km (montadora)* —
/// `POST /api/montadora/cancelamentos-saida-estoque-zero-km` (**P**: S4, the
/// [`SolicitacaoCancelamentoSaida`] body). Answers the [`Estoque`] (its answer model in S4 is
/// not recorded, **I**).
pub const CANCELAR_SAIDA_ESTOQUE_ZERO_KM_MONTADORA: Endpoint =
    post(rotas::renave_ws::CANCELAR_SAIDA_ESTOQUE_ZERO_KM_MONTADORA);

/// *Saída de estoque de veículo inacabado (montadora)* —
/// `POST /api/montadora/saidas-estoque-veiculo-inacabado` (**P**: S4, "as venda direta +
/// `leasingVeiculoInacabado`", the E31 body [`SaidaEstoqueVeiculoInacabado`]). Answers the
/// [`Estoque`].
pub const REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA: Endpoint =
    post(rotas::renave_ws::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA);

/// *Cancelar saída de estoque de veículo inacabado (montadora)* —
/// `POST /api/montadora/cancelamentos-saidas-estoque-veiculo-inacabado` (**P**: S4, the
/// [`SolicitacaoCancelamentoSaida`] body). Answers the [`Estoque`] (**I**).
pub const CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA: Endpoint =
    post(rotas::renave_ws::CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA);

// ---------------------------------------------------------------------------------------------
// Transfers to and from an ITE
// ---------------------------------------------------------------------------------------------

/// *Autorizar transferência para ITE (montadora)* —
/// `POST /api/montadora/autorizacoes-transferencias-para-ite` (**P**: S4, body
/// `{chaveNotaFiscalProdutoSaida, cnpjIteDestino, cpfOperadorResponsavel, idEstoqueOrigem,
/// tipoBeneficioTributario}`, the E29 body [`AutorizacaoTransferenciaParaIte`]). The montadora
/// authorizes an ITE to take an inacabado; answers the [`AutorizacaoTransferencia`].
pub const AUTORIZAR_TRANSFERENCIA_PARA_ITE_MONTADORA: Endpoint =
    post(rotas::renave_ws::AUTORIZAR_TRANSFERENCIA_PARA_ITE_MONTADORA);

/// *Cancelar autorização de transferência para ITE (montadora)* —
/// `POST /api/montadora/cancelamentos-autorizacoes-transferencias-para-ite` (**P**: S4, body
/// `{cpfOperadorResponsavel, idAutorizacao}`, [`CancelamentoAutorizacaoTransferencia`]).
/// Answers the [`AutorizacaoTransferencia`] (**I**).
pub const CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE_MONTADORA: Endpoint =
    post(rotas::renave_ws::CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE_MONTADORA);

/// *Transferência de estoque vindo de ITE (montadora)* —
/// `POST /api/montadora/transferencias-estoque-vindo-de-ite` (**P**: S4, body
/// `{chaveNotaFiscalProduto, chaveNotaFiscalRemessa, chaveNotaFiscalServico,
/// cpfOperadorResponsavel, dataHoraMedicaoHodometro, dataTransferenciaEstoque, idAutorizacao,
/// quilometragemHodometro, valorProduto}`, the E28 body [`TransferenciaEstoqueVindoDeIte`]). The
/// montadora takes back a vehicle an ITE finished, under the ITE's authorization. Answers the
/// [`Estoque`] (**I**).
pub const TRANSFERIR_ESTOQUE_VINDO_DE_ITE_MONTADORA: Endpoint =
    post(rotas::renave_ws::TRANSFERIR_ESTOQUE_VINDO_DE_ITE_MONTADORA);

// ---------------------------------------------------------------------------------------------
// Renovar
// ---------------------------------------------------------------------------------------------

/// *Saída de estoque de veículo zero km — Renovar (montadora)* —
/// `POST /api/montadora/saidas-estoque-veiculo-zero-km-renovar` (**P**: route named only by a
/// batch job's code, S11, which then downloads the ATPV-e with
/// [`OBTER_PDF_ATPV_MONTADORA`]). The venda direta under the federal *programa Renovar*
/// benefit. Answers the [`Estoque`].
pub const REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR_MONTADORA: Endpoint =
    post(rotas::renave_ws::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR_MONTADORA);

/// Body of [`REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR_MONTADORA`]. S11 shows
/// `estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar`, `entregaIndicada` and
/// `tipoBeneficioTributario`; the rest is **inferred** (**I**) from the venda-direta body, whose
/// fields are flattened into the same JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SaidaEstoqueVeiculoZeroKmRenovarMontadora {
    /// The venda-direta fields, flattened into the same JSON object.
    #[serde(flatten)]
    pub saida: SaidaEstoqueVeiculoZeroKmMontadora,
    /// `estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar` — the montadora declares it
    /// is aware of its responsibility in the Renovar process.
    pub estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: bool,
}

/// *Saída de estoque de veículo inacabado — Renovar (montadora)* —
/// `POST /api/montadora/saidas-estoque-veiculo-inacabado-renovar` (**P**: S11). Body
/// [`SaidaEstoqueVeiculoInacabadoRenovar`] (the E31 fields plus the Renovar flag; S11 shows
/// `leasingVeiculoInacabado`, `tipoBeneficioTributario` and the two dealer CNPJs under a
/// property `entregas` — sent as `entregas`, an object like `entregaIndicada`: S11 serializes
/// its request classes with Newtonsoft's default names, which is how its 0 km Renovar request
/// shows `entregaIndicada`, **P**). Answers the [`Estoque`]; S11 downloads no ATPV-e after it.
pub const REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR_MONTADORA: Endpoint =
    post(rotas::renave_ws::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR_MONTADORA);

/// Every endpoint of the montadora group, in the order of `renave-ws.md` §3.3.
pub const ENDPOINTS: &[Endpoint] = &[
    CONSULTAR_CLIENTE_AUTENTICADO_MONTADORA,
    CONSULTAR_MUNICIPIOS_MONTADORA,
    CONSULTAR_ESTOQUES_MONTADORA,
    OBTER_TERMO_SAIDA_ESTOQUE_MONTADORA,
    OBTER_PDF_ATPV_MONTADORA,
    CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE_MONTADORA,
    CONSULTAR_ENTREGAS_VEICULO_ZERO_KM_MONTADORA,
    CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_MONTADORA,
    REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA,
    CANCELAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA,
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_MONTADORA,
    CANCELAR_SAIDA_ESTOQUE_ZERO_KM_MONTADORA,
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA,
    CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA,
    AUTORIZAR_TRANSFERENCIA_PARA_ITE_MONTADORA,
    CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE_MONTADORA,
    TRANSFERIR_ESTOQUE_VINDO_DE_ITE_MONTADORA,
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR_MONTADORA,
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR_MONTADORA,
];

// ---------------------------------------------------------------------------------------------
// Checks (nothing is sent until they pass; a request read back passes them too)
// ---------------------------------------------------------------------------------------------

impl FiltroEntregasMontadora {
    /// Checks that `estado`, when given, is not blank (an empty query value would change the
    /// request's meaning); the client calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        match &self.estado {
            Some(e) => validar_nao_vazio(
                CONSULTAR_ENTREGAS_VEICULO_ZERO_KM_MONTADORA.name,
                "estado",
                e,
            ),
            None => Ok(()),
        }
    }
}

impl SaidaEstoqueVeiculoZeroKmMontadora {
    /// The checks of the builder: `emailEstabelecimento` and the buyer's `nome` are not blank.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        construtor::exigir_texto("emailEstabelecimento", &self.email_estabelecimento)?;
        exigir_comprador(&self.comprador)
    }

    /// Checks what the field types cannot (`emailEstabelecimento` and `comprador.email` are
    /// e-mail addresses, `comprador.nome`, `comprador.endereco.numero` and
    /// `tipoBeneficioTributario` are not blank); the client calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        self.validar_para(REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_MONTADORA.name)
    }

    /// [`validar`](Self::validar) on behalf of `operacao` (the Renovar body reuses it).
    pub(crate) fn validar_para(&self, operacao: &str) -> Result<(), Erro> {
        self.verificar()
            .map_err(|e| entrada_de_dominio(operacao, &e))?;
        validar_email(
            operacao,
            "emailEstabelecimento",
            &self.email_estabelecimento,
        )?;
        validar_comprador(operacao, &self.comprador)?;
        match &self.tipo_beneficio_tributario {
            Some(t) => validar_nao_vazio(operacao, "tipoBeneficioTributario", t),
            None => Ok(()),
        }
    }
}

renave_domain::construtor_requisicao! {
    SaidaEstoqueVeiculoZeroKmMontadora => ConstrutorSaidaEstoqueVeiculoZeroKmMontadora {
        obrigatorios {
            id_estoque: IdEstoque,
            chave_nota_fiscal: ChaveNfe,
            comprador: Comprador,
            cpf_operador_responsavel: Cpf,
            data_venda: DataHora,
            email_estabelecimento: String,
            entrega_indicada: EntregaIndicada,
            valor_venda: Valor,
        }
        opcionais {
            tipo_beneficio_tributario: String,
        }
    }
}

impl SaidaEstoqueVeiculoZeroKmRenovarMontadora {
    /// Checks the venda-direta fields (see [`SaidaEstoqueVeiculoZeroKmMontadora::validar`]);
    /// the client calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        self.saida
            .validar_para(REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR_MONTADORA.name)
    }
}

requisicao_validada!(SaidaEstoqueVeiculoZeroKmMontadora => validar);

// ---------------------------------------------------------------------------------------------
// Operations (the request type of each one, `renave_http::Operacao`)
// ---------------------------------------------------------------------------------------------

/// No parameters.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub(crate) struct ConsultaClienteAutenticadoMontadora;

/// `?chassi=`.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub(crate) struct ObterPdfAtpvMontadora<'a> {
    pub(crate) chassi: &'a Chassi,
}

/// `?chassi=` (optional).
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub(crate) struct ConsultaPendentesMontadora<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) chassi: Option<&'a Chassi>,
}

/// `{idEstoque}`.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub(crate) struct ObterTermoSaidaEstoqueMontadora {
    #[serde(rename = "idEstoque")]
    pub(crate) id_estoque: IdEstoque,
}

reenvio! {
    /// E20's query sent to the montadora route.
    ConsultaMunicipiosMontadora(ConsultaMunicipios);
    /// The stock filter sent to the montadora route.
    ConsultaEstoquesMontadora(FiltroEstoques);
    /// The authorization filter sent to the montadora route.
    ConsultaAutorizacoesMontadora(FiltroAutorizacoes);
    /// Z5's body sent to the montadora route.
    CancelarEntradaZeroKmMontadora(CancelamentoEntradaEstoqueZeroKm);
    /// Z4/E32's body sent to the montadora's 0 km route.
    CancelarSaidaZeroKmMontadora(SolicitacaoCancelamentoSaida);
    /// E31's body sent to the montadora route.
    SaidaInacabadoMontadora(SaidaEstoqueVeiculoInacabado);
    /// Z4/E32's body sent to the montadora's inacabado route.
    CancelarSaidaInacabadoMontadora(SolicitacaoCancelamentoSaida);
    /// E29's body sent to the montadora route.
    AutorizarParaIteMontadora(AutorizacaoTransferenciaParaIte);
    /// E30's body sent to the montadora route.
    CancelarAutorizacaoParaIteMontadora(CancelamentoAutorizacaoTransferencia);
    /// E28's body sent to the montadora route.
    TransferirVindoDeIteMontadora(TransferenciaEstoqueVindoDeIte);
}

/// Z16's body sent to the montadora route, its dealers under `entregas` (not
/// `entregaIndicada`): S11 fills `entregas.cnpjConcessionariaVendedora`/`…Entregadora` on the
/// montadora's Renovar inacabado request and serializes it with Newtonsoft's default names, the
/// way its 0 km Renovar request carries `entregaIndicada` (**P**, one source; the establishment's
/// Z16 keeps `entregaIndicada`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SaidaInacabadoRenovarMontadora<'a>(
    pub(crate) &'a SaidaEstoqueVeiculoInacabadoRenovar,
);

impl Serialize for SaidaInacabadoRenovarMontadora<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut v = serde_json::to_value(self.0).map_err(serde::ser::Error::custom)?;
        if let Some(m) = v.as_object_mut() {
            if let Some(entrega) = m.remove("entregaIndicada") {
                m.insert("entregas".to_owned(), entrega);
            }
        }
        v.serialize(s)
    }
}

impl JsonSchema for SaidaInacabadoRenovarMontadora<'_> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SaidaInacabadoRenovarMontadora".into()
    }

    /// Z16's schema with `entregaIndicada` written as `entregas`, as [`Serialize`] sends it.
    fn json_schema(gerador: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut esquema = SaidaEstoqueVeiculoInacabadoRenovar::json_schema(gerador);
        if let Some(propriedades) = esquema
            .get_mut("properties")
            .and_then(serde_json::Value::as_object_mut)
        {
            if let Some(entrega) = propriedades.remove("entregaIndicada") {
                propriedades.insert("entregas".to_owned(), entrega);
            }
        }
        if let Some(obrigatorios) = esquema
            .get_mut("required")
            .and_then(serde_json::Value::as_array_mut)
        {
            for nome in obrigatorios.iter_mut() {
                if nome == "entregaIndicada" {
                    *nome = "entregas".into();
                }
            }
        }
        esquema
    }
}

impl SaidaInacabadoMontadora<'_> {
    #[expect(
        clippy::trivially_copy_pass_by_ref,
        reason = "the signature `operacao!` calls for every request type"
    )]
    fn validar(&self) -> Result<(), Erro> {
        self.0
            .validar_para(REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA.name)
    }
}

impl AutorizarParaIteMontadora<'_> {
    #[expect(
        clippy::trivially_copy_pass_by_ref,
        reason = "the signature `operacao!` calls for every request type"
    )]
    fn validar(&self) -> Result<(), Erro> {
        self.0
            .validar_para(AUTORIZAR_TRANSFERENCIA_PARA_ITE_MONTADORA.name)
    }
}

impl SaidaInacabadoRenovarMontadora<'_> {
    #[expect(
        clippy::trivially_copy_pass_by_ref,
        reason = "the signature `operacao!` calls for every request type"
    )]
    fn validar(&self) -> Result<(), Erro> {
        self.0
            .validar_para(REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR_MONTADORA.name)
    }
}

operacao!(ConsultaClienteAutenticadoMontadora => CONSULTAR_CLIENTE_AUTENTICADO_MONTADORA, ClienteAutenticado);
operacao!(['a] ConsultaMunicipiosMontadora<'a> => CONSULTAR_MUNICIPIOS_MONTADORA, renave_domain::ItensRecebidos<Municipio>);
operacao!(['a] ConsultaEstoquesMontadora<'a> => CONSULTAR_ESTOQUES_MONTADORA, renave_domain::ItensRecebidos<Estoque>, verificar);
operacao!(ObterTermoSaidaEstoqueMontadora => OBTER_TERMO_SAIDA_ESTOQUE_MONTADORA, TermoSaidaEstoque);
operacao!(['a] ObterPdfAtpvMontadora<'a> => OBTER_PDF_ATPV_MONTADORA, PdfAtpv);
operacao!(['a] ConsultaPendentesMontadora<'a> => CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE_MONTADORA, renave_domain::ItensRecebidos<VeiculoZeroKmPendente>);
operacao!(FiltroEntregasMontadora => CONSULTAR_ENTREGAS_VEICULO_ZERO_KM_MONTADORA, renave_domain::ItensRecebidos<Entrega>, validar);
operacao!(['a] ConsultaAutorizacoesMontadora<'a> => CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_MONTADORA, renave_domain::ItensRecebidos<AutorizacaoTransferencia>, verificar);
operacao!(EntradaEstoqueZeroKmMontadora => REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA, Estoque);
operacao!(['a] CancelarEntradaZeroKmMontadora<'a> => CANCELAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA, Estoque);
operacao!(SaidaEstoqueVeiculoZeroKmMontadora => REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_MONTADORA, Estoque, validar);
operacao!(['a] CancelarSaidaZeroKmMontadora<'a> => CANCELAR_SAIDA_ESTOQUE_ZERO_KM_MONTADORA, Estoque);
operacao!(['a] SaidaInacabadoMontadora<'a> => REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA, Estoque, validar);
operacao!(['a] CancelarSaidaInacabadoMontadora<'a> => CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA, Estoque);
operacao!(['a] AutorizarParaIteMontadora<'a> => AUTORIZAR_TRANSFERENCIA_PARA_ITE_MONTADORA, AutorizacaoTransferencia, validar);
operacao!(['a] CancelarAutorizacaoParaIteMontadora<'a> => CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE_MONTADORA, AutorizacaoTransferencia);
operacao!(['a] TransferirVindoDeIteMontadora<'a> => TRANSFERIR_ESTOQUE_VINDO_DE_ITE_MONTADORA, Estoque);
operacao!(SaidaEstoqueVeiculoZeroKmRenovarMontadora => REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR_MONTADORA, Estoque, validar);
operacao!(['a] SaidaInacabadoRenovarMontadora<'a> => REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR_MONTADORA, Estoque, validar);
