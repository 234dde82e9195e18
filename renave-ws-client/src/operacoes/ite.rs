//! Wire contracts of the **ITE** group (*implementadoras, transformadoras e encarroçadoras*:
//! the makers that finish, convert or body an unfinished vehicle, `renave-ws.md` §3.4): every
//! route under `api/ite/`, on the same client as the establishment group (decision D9).
//!
//! One item group per operation: its [`Endpoint`] and its request type. The answers are the
//! shared schemas of [`crate::modelos`] ([`Estoque`], [`AutorizacaoTransferencia`],
//! [`PdfAtpv`], [`TermoEntradaEstoque`]) and of the establishment group
//! ([`ClienteAutenticado`], [`VeiculoRenave`]); the one answer of its own is
//! [`ClienteMontadora`]. Bodies the same as an establishment body use the same request type.
//!
//! **Evidence** (`renave-ws.md` §0 legend, §3.4): sixteen routes are seen in the code of a
//! production proxy for implement makers (S4), which calls them with mutual TLS against the
//! production host, with the bodies it sends; no answer is recorded, so they are **P**. The
//! digest gives no body for `transferencias-para-ite`, `transferencias-vindo-de-ite-para-ite`
//! and `veiculos-inacabados-mock/acabar` (**?**): their bodies here are S4's request classes
//! (read from S4's code, **P**). `saidas-estoque-renovar` is named only by a batch job's code
//! (S11, **P**), its body beyond the Renovar flag **inferred** (**I**) from `ite/saidas-estoque`.
//! Every route can be corrected without a release (decision D2) through the client's route
//! overrides, keyed by the endpoint's [`name`](Endpoint::name); every name here ends in `_ite`.

use renave_domain::rotas;
use renave_domain::tabelas::construtor;
use renave_domain::{Chassi, ChaveNfe, Cnpj, Cpf, DataHora, ErroDominio, Valor};
use renave_http::Endpoint;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{get, post};
use crate::erro::Erro;
use crate::modelos::{
    AutorizacaoTransferencia, Comprador, Confirmacao, Estoque, Extras, IdAutorizacao, IdEstoque,
    PdfAtpv, TermoEntradaEstoque,
};
use crate::operacoes::montadora::{FiltroAutorizacoes, FiltroEstoques};
use crate::operacoes::transferencias::{
    CancelamentoAutorizacaoTransferencia, SolicitacaoCancelamentoSaida, validar_comprador,
    validar_email, validar_nao_vazio,
};
use crate::operacoes::usados::{
    ClienteAutenticado, VeiculoRenave, entrada_de_dominio, exigir_comprador,
};
use crate::operacoes::zero_km::CancelamentoEntradaEstoqueZeroKm;

// ---------------------------------------------------------------------------------------------
// Lookups
// ---------------------------------------------------------------------------------------------

/// *Consultar cliente autenticado (ITE)* — `GET /api/ite/cliente-autenticado` (**P**: route seen
/// in a production proxy's code, S4). Answers a [`ClienteAutenticado`] (the E1 shape).
pub const CONSULTAR_CLIENTE_AUTENTICADO_ITE: Endpoint =
    get(rotas::renave_ws::CONSULTAR_CLIENTE_AUTENTICADO_ITE);

/// *Consultar estoques (ITE)* — `GET /api/ite/estoques?chassi&estadoEstoque` (**P**: S4).
/// Query [`FiltroEstoques`]; answers a list of [`Estoque`] (ITE extras such as `estoqueEmIte`
/// and the remessa/serviço invoice keys are kept in [`Estoque::extras`]).
pub const CONSULTAR_ESTOQUES_ITE: Endpoint = get(rotas::renave_ws::CONSULTAR_ESTOQUES_ITE);

/// *Obter termo de entrada em estoque (ITE)* —
/// `GET /api/ite/estoques/{idEstoque}/termo-entrada-estoque` (**P**: S4). Answers a
/// [`TermoEntradaEstoque`].
pub const OBTER_TERMO_ENTRADA_ESTOQUE_ITE: Endpoint =
    get(rotas::renave_ws::OBTER_TERMO_ENTRADA_ESTOQUE_ITE);

/// *Consultar veículo (ITE)* — `GET /api/ite/veiculos?chassi` (**P**: S4, which reads the E22
/// shape `{chassi, placa, renavam, restricoes, veiculoAcabado}`). Answers a [`VeiculoRenave`].
pub const CONSULTAR_VEICULO_ITE: Endpoint = get(rotas::renave_ws::CONSULTAR_VEICULO_ITE);

/// *Obter PDF da ATPV-e (ITE)* — `GET /api/ite/pdf-atpv?chassi` (**P**: S4 and S11, which
/// downloads it after a Renovar saída). Answers a [`PdfAtpv`].
pub const OBTER_PDF_ATPV_ITE: Endpoint = get(rotas::renave_ws::OBTER_PDF_ATPV_ITE);

/// *Consultar clientes das montadoras (ITE)* — `GET /api/ite/clientes-montadoras?chassi` (**P**:
/// S4). The montadora's customers an unfinished vehicle may be finished for; answers a list of
/// [`ClienteMontadora`], whose code is the `codigoClienteMontadora` of the ITE entrada and
/// transfers.
pub const CONSULTAR_CLIENTES_MONTADORAS_ITE: Endpoint =
    get(rotas::renave_ws::CONSULTAR_CLIENTES_MONTADORAS_ITE);

/// One customer of a montadora (*cliente da montadora*, **P**: S4's model
/// `{codigoClientemontadora, descricaoClientemontadora}`, with a lower-case `m`).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct ClienteMontadora {
    /// `codigoClientemontadora` — the code to send as `codigoClienteMontadora`.
    #[serde(
        rename = "codigoClientemontadora",
        default,
        deserialize_with = "crate::modelos::texto_ou_numero"
    )]
    pub codigo_cliente_montadora: Option<String>,
    /// `descricaoClientemontadora` — its description.
    #[serde(rename = "descricaoClientemontadora", default)]
    pub descricao_cliente_montadora: Option<String>,
    /// Fields this version of the SDK does not model, kept as received.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(ClienteMontadora {
    codigo_cliente_montadora,
    descricao_cliente_montadora,
    extras
});

/// *Consultar autorizações de transferência (ITE)* —
/// `GET /api/ite/autorizacoes-transferencias?chassi&estadoAutorizacao` (**P**: S4). Query
/// [`FiltroAutorizacoes`]; answers a list of [`AutorizacaoTransferencia`].
pub const CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_ITE: Endpoint =
    get(rotas::renave_ws::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_ITE);

// ---------------------------------------------------------------------------------------------
// Entrada, saída and their cancellations
// ---------------------------------------------------------------------------------------------

/// *Entrada em estoque (ITE)* — `POST /api/ite/entradas-estoque` (**P**: S4). The ITE takes an
/// unfinished vehicle into its stock. Answers the new [`Estoque`]. Never resent automatically
/// (D6): after an unknown outcome look the stock up with [`CONSULTAR_ESTOQUES_ITE`] `?chassi`.
pub const REGISTRAR_ENTRADA_ESTOQUE_ITE: Endpoint =
    post(rotas::renave_ws::REGISTRAR_ENTRADA_ESTOQUE_ITE);

/// Body of [`REGISTRAR_ENTRADA_ESTOQUE_ITE`] (*entrada em estoque da ITE*, **P**: the fields S4
/// sends). `clienteDaIte` (the ITE's own customer, S4's model has the buyer shape of §5.4) and
/// `codigoClienteMontadora` (a customer of the montadora, from
/// [`CONSULTAR_CLIENTES_MONTADORAS_ITE`]) are optional here: which of them the server demands
/// is unknown (**I**: they read as alternatives).
///
/// Build it with [`builder`](Self::builder) (one setter per field, then `build()`, which names
/// a missing field) or as a struct literal; read back with the same checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct EntradaEstoqueIte {
    /// `chassi` — the chassis.
    pub chassi: Chassi,
    /// `chaveNotaFiscalRemessa` — NF-e key of the shipment (*remessa*) invoice.
    pub chave_nota_fiscal_remessa: ChaveNfe,
    /// `clienteDaIte` — the ITE's own customer, when the vehicle is finished for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cliente_da_ite: Option<Comprador>,
    /// `codigoClienteMontadora` — the montadora's customer ([`ClienteMontadora`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codigo_cliente_montadora: Option<String>,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `dataEntradaEstoque` — date of the entry (a naive date-time).
    pub data_entrada_estoque: DataHora,
    /// `dataHoraMedicaoHodometro` — when the odometer was read.
    pub data_hora_medicao_hodometro: DataHora,
    /// `quilometragemHodometro` — odometer reading in km.
    pub quilometragem_hodometro: u32,
    /// `valorProduto` — the product value.
    pub valor_produto: Valor,
}

/// *Saída de estoque (ITE)* — `POST /api/ite/saidas-estoque` (**P**: S4). The ITE sells the
/// finished vehicle. Answers the [`Estoque`] (with `saidaEstoque.chaveNotaFiscalServicoSaida`,
/// S11). Never resent automatically.
pub const REGISTRAR_SAIDA_ESTOQUE_ITE: Endpoint =
    post(rotas::renave_ws::REGISTRAR_SAIDA_ESTOQUE_ITE);

/// Body of [`REGISTRAR_SAIDA_ESTOQUE_ITE`] (*saída de estoque da ITE*, **P**: the eight fields S4
/// sends). Build it with [`builder`](Self::builder) or as a struct literal; read back with the
/// same checks (`Deserialize` runs [`validar`](Self::validar)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct SaidaEstoqueIte {
    /// `chaveNotaFiscalProduto` — NF-e key of the product invoice.
    pub chave_nota_fiscal_produto: ChaveNfe,
    /// `chaveNotaFiscalServico` — NF-e key of the ITE's service invoice.
    pub chave_nota_fiscal_servico: ChaveNfe,
    /// `comprador` — the buyer (§5.4).
    pub comprador: Comprador,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `dataVenda` — date of the sale (a naive date-time).
    pub data_venda: DataHora,
    /// `emailEstabelecimento` — the ITE's e-mail.
    pub email_estabelecimento: String,
    /// `idEstoque` — id of the stock the vehicle leaves.
    pub id_estoque: IdEstoque,
    /// `valorVenda` — the sale value.
    pub valor_venda: Valor,
}

/// *Cancelar entrada em estoque (ITE)* — `POST /api/ite/cancelamentos-entrada-estoque-ite`
/// (**P**: S4, body `{cpfOperadorResponsavel, dataCancelamentoEntradaEstoque, idEstoque}`, the
/// Z5 body [`CancelamentoEntradaEstoqueZeroKm`]). Answers the [`Estoque`] (**I**).
pub const CANCELAR_ENTRADA_ESTOQUE_ITE: Endpoint =
    post(rotas::renave_ws::CANCELAR_ENTRADA_ESTOQUE_ITE);

/// *Cancelar saída de estoque (ITE)* — `POST /api/ite/cancelamentos-saida-estoque-ite` (**P**:
/// S4, body `{cpfOperadorResponsavel, dataCancelamentoSaidaEstoque, idEstoque}`,
/// [`SolicitacaoCancelamentoSaida`]). Answers the [`Estoque`] (**I**).
pub const CANCELAR_SAIDA_ESTOQUE_ITE: Endpoint = post(rotas::renave_ws::CANCELAR_SAIDA_ESTOQUE_ITE);

// ---------------------------------------------------------------------------------------------
// Transfers
// ---------------------------------------------------------------------------------------------

/// *Transferência para ITE* — `POST /api/ite/transferencias-para-ite` (route **P**: S4; body
/// **?** in the digest, here S4's request class). The ITE takes into its stock a vehicle a
/// montadora authorized for it (the montadora's `autorizacoes-transferencias-para-ite`).
/// Answers the new [`Estoque`] (**I**).
pub const TRANSFERIR_PARA_ITE: Endpoint = post(rotas::renave_ws::TRANSFERIR_PARA_ITE);

/// Body of [`TRANSFERIR_PARA_ITE`] (*transferência para ITE*; S4's request class, **P**).
/// Build it with [`builder`](Self::builder) or as a struct literal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct TransferenciaParaIte {
    /// `chaveNotaFiscalRemessa` — NF-e key of the shipment (*remessa*) invoice.
    pub chave_nota_fiscal_remessa: ChaveNfe,
    /// `codigoClienteMontadora` — the montadora's customer ([`ClienteMontadora`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codigo_cliente_montadora: Option<String>,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `dataHoraMedicaoHodometro` — when the odometer was read.
    pub data_hora_medicao_hodometro: DataHora,
    /// `dataTransferenciaEstoque` — date of the transfer (a naive date-time).
    pub data_transferencia_estoque: DataHora,
    /// `idAutorizacao` — id of the montadora's authorization.
    pub id_autorizacao: IdAutorizacao,
    /// `quilometragemHodometro` — odometer reading in km.
    pub quilometragem_hodometro: u32,
    /// `valorProduto` — the product value (optional in S4's class).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valor_produto: Option<Valor>,
}

/// *Transferência vindo de ITE para ITE* — `POST /api/ite/transferencias-vindo-de-ite-para-ite`
/// (route **P**: S4; body **?** in the digest, here S4's request class). An ITE takes a vehicle
/// another ITE authorized for it ([`AUTORIZAR_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE`]). Answers the
/// new [`Estoque`] (**I**).
pub const TRANSFERIR_VINDO_DE_ITE_PARA_ITE: Endpoint =
    post(rotas::renave_ws::TRANSFERIR_VINDO_DE_ITE_PARA_ITE);

/// Body of [`TRANSFERIR_VINDO_DE_ITE_PARA_ITE`] (S4's request class, **P**). Build it with
/// [`builder`](Self::builder) or as a struct literal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct TransferenciaVindoDeIteParaIte {
    /// `chaveNotaFiscalProduto` — NF-e key of the product invoice.
    pub chave_nota_fiscal_produto: ChaveNfe,
    /// `chaveNotaFiscalRemessa` — NF-e key of the shipment invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chave_nota_fiscal_remessa: Option<ChaveNfe>,
    /// `chaveNotaFiscalServico` — NF-e key of the origin ITE's service invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chave_nota_fiscal_servico: Option<ChaveNfe>,
    /// `codigoClienteMontadora` — the montadora's customer ([`ClienteMontadora`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codigo_cliente_montadora: Option<String>,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `dataHoraMedicaoHodometro` — when the odometer was read.
    pub data_hora_medicao_hodometro: DataHora,
    /// `dataTransferenciaEstoque` — date of the transfer (a naive date-time).
    pub data_transferencia_estoque: DataHora,
    /// `idAutorizacao` — id of the origin ITE's authorization.
    pub id_autorizacao: IdAutorizacao,
    /// `quilometragemHodometro` — odometer reading in km.
    pub quilometragem_hodometro: u32,
    /// `valorProduto` — the product value (optional in S4's class).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valor_produto: Option<Valor>,
}

/// *Autorizar transferência de estoque vindo de ITE* —
/// `POST /api/ite/autorizacoes-transferencias-estoque-vindo-de-ite` (**P**: S4). The ITE
/// authorizes the vehicle it holds to go on (back to the montadora, to another ITE or to a
/// dealer). Answers the [`AutorizacaoTransferencia`].
pub const AUTORIZAR_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE: Endpoint =
    post(rotas::renave_ws::AUTORIZAR_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE);

/// Body of [`AUTORIZAR_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE`] (**P**: the five fields S4 sends).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AutorizacaoTransferenciaEstoqueVindoDeIte {
    /// `cnpjEstabelecimentoDestino` — CNPJ of the establishment that will receive the vehicle.
    pub cnpj_estabelecimento_destino: Cnpj,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `idEstoqueOrigem` — id of the ITE's stock the vehicle leaves.
    pub id_estoque_origem: IdEstoque,
    /// `paraCancelamentoDeTransferencia` — whether the authorization undoes an earlier
    /// transfer (returns the vehicle).
    pub para_cancelamento_de_transferencia: bool,
    /// `valorProduto` — the product value.
    pub valor_produto: Valor,
}

/// *Cancelar autorização de transferência de estoque vindo de ITE* —
/// `POST /api/ite/cancelamentos-autorizacoes-transferencias-estoque-vindo-de-ite` (**P**: S4,
/// body `{cpfOperadorResponsavel, idAutorizacao}`, [`CancelamentoAutorizacaoTransferencia`]).
/// Answers the [`AutorizacaoTransferencia`] (**I**).
pub const CANCELAR_AUTORIZACAO_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE: Endpoint =
    post(rotas::renave_ws::CANCELAR_AUTORIZACAO_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE);

// ---------------------------------------------------------------------------------------------
// Homologação mock and Renovar
// ---------------------------------------------------------------------------------------------

/// *Acabar veículo inacabado (mock de homologação)* —
/// `POST /api/ite/veiculos-inacabados-mock/acabar` (**P**: S4; exists **only in homologação**,
/// §1.1). Marks a fictitious unfinished vehicle as finished so that the rest of a test flow can
/// run. S4 sends the chassis as the whole JSON body (a JSON string, not an object) and reads
/// only the status, so the answer is a [`Confirmacao`]. Production has no such route: the call
/// then fails with the server's 404.
pub const ACABAR_VEICULO_INACABADO_MOCK_ITE: Endpoint =
    post(rotas::renave_ws::ACABAR_VEICULO_INACABADO_MOCK_ITE);

/// *Saída de estoque — Renovar (ITE)* — `POST /api/ite/saidas-estoque-renovar` (**P**: route named
/// only by a batch job's code, S11, which then downloads the ATPV-e with
/// [`OBTER_PDF_ATPV_ITE`]). The ITE's sale under the *programa Renovar* benefit. Answers the
/// [`Estoque`].
pub const REGISTRAR_SAIDA_ESTOQUE_RENOVAR_ITE: Endpoint =
    post(rotas::renave_ws::REGISTRAR_SAIDA_ESTOQUE_RENOVAR_ITE);

/// Body of [`REGISTRAR_SAIDA_ESTOQUE_RENOVAR_ITE`]. S11 shows
/// `estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar`; the rest is **inferred**
/// (**I**) from `ite/saidas-estoque`, whose fields are flattened into the same JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SaidaEstoqueRenovarIte {
    /// The `ite/saidas-estoque` fields, flattened into the same JSON object.
    #[serde(flatten)]
    pub saida: SaidaEstoqueIte,
    /// `estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar` — the ITE declares it is
    /// aware of its responsibility in the Renovar process.
    pub estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: bool,
}

/// Every endpoint of the ITE group, in the order of `renave-ws.md` §3.4.
pub const ENDPOINTS: &[Endpoint] = &[
    CONSULTAR_CLIENTE_AUTENTICADO_ITE,
    CONSULTAR_ESTOQUES_ITE,
    OBTER_TERMO_ENTRADA_ESTOQUE_ITE,
    CONSULTAR_VEICULO_ITE,
    OBTER_PDF_ATPV_ITE,
    CONSULTAR_CLIENTES_MONTADORAS_ITE,
    CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_ITE,
    REGISTRAR_ENTRADA_ESTOQUE_ITE,
    REGISTRAR_SAIDA_ESTOQUE_ITE,
    CANCELAR_ENTRADA_ESTOQUE_ITE,
    CANCELAR_SAIDA_ESTOQUE_ITE,
    TRANSFERIR_PARA_ITE,
    TRANSFERIR_VINDO_DE_ITE_PARA_ITE,
    AUTORIZAR_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE,
    CANCELAR_AUTORIZACAO_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE,
    ACABAR_VEICULO_INACABADO_MOCK_ITE,
    REGISTRAR_SAIDA_ESTOQUE_RENOVAR_ITE,
];

// ---------------------------------------------------------------------------------------------
// Checks (nothing is sent until they pass; a request read back passes them too)
// ---------------------------------------------------------------------------------------------

fn validar_codigo(operacao: &str, codigo: Option<&String>) -> Result<(), Erro> {
    codigo.map_or(Ok(()), |c| {
        validar_nao_vazio(operacao, "codigoClienteMontadora", c)
    })
}

impl EntradaEstoqueIte {
    /// The checks of the builder: `codigoClienteMontadora`, when given, is not blank, and so
    /// are the customer's `nome` and `email`.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        if let Some(c) = &self.codigo_cliente_montadora {
            construtor::exigir_texto("codigoClienteMontadora", c)?;
        }
        match &self.cliente_da_ite {
            Some(c) => exigir_comprador(c),
            None => Ok(()),
        }
    }

    /// Checks what the field types cannot (the checks of [`verificar`](Self::verificar); the
    /// customer's e-mail is an e-mail address and its house number not blank); the client
    /// calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        let op = REGISTRAR_ENTRADA_ESTOQUE_ITE.name;
        self.verificar().map_err(|e| entrada_de_dominio(op, &e))?;
        match &self.cliente_da_ite {
            Some(c) => validar_comprador(op, c)
                .map_err(|e| renomear_campo(e, "comprador.", "clienteDaIte.")),
            None => Ok(()),
        }
    }
}

/// The buyer checks name their fields `comprador.…`; under `clienteDaIte` they are renamed.
fn renomear_campo(erro: Erro, de: &str, para: &str) -> Erro {
    match erro {
        Erro::EntradaInvalida {
            operacao,
            campo,
            motivo,
            fonte,
        } => Erro::EntradaInvalida {
            operacao,
            campo: campo.replacen(de, para, 1),
            motivo,
            fonte,
        },
        outro => outro,
    }
}

impl SaidaEstoqueIte {
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

    /// Checks what the field types cannot (`emailEstabelecimento` and `comprador.email` are
    /// e-mail addresses, `comprador.nome` and `comprador.endereco.numero` are not blank); the
    /// client calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        self.validar_para(REGISTRAR_SAIDA_ESTOQUE_ITE.name)
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
        validar_comprador(operacao, &self.comprador)
    }
}

impl SaidaEstoqueRenovarIte {
    /// Checks the `ite/saidas-estoque` fields (see [`SaidaEstoqueIte::validar`]); the client
    /// calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        self.saida
            .validar_para(REGISTRAR_SAIDA_ESTOQUE_RENOVAR_ITE.name)
    }
}

impl TransferenciaParaIte {
    /// The checks of the builder: `codigoClienteMontadora`, when given, is not blank.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        match &self.codigo_cliente_montadora {
            Some(c) => construtor::exigir_texto("codigoClienteMontadora", c),
            None => Ok(()),
        }
    }

    /// [`verificar`](Self::verificar) as the client's input error; the client calls it before
    /// sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        validar_codigo(
            TRANSFERIR_PARA_ITE.name,
            self.codigo_cliente_montadora.as_ref(),
        )
    }
}

impl TransferenciaVindoDeIteParaIte {
    /// The checks of the builder: `codigoClienteMontadora`, when given, is not blank.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        match &self.codigo_cliente_montadora {
            Some(c) => construtor::exigir_texto("codigoClienteMontadora", c),
            None => Ok(()),
        }
    }

    /// [`verificar`](Self::verificar) as the client's input error; the client calls it before
    /// sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        validar_codigo(
            TRANSFERIR_VINDO_DE_ITE_PARA_ITE.name,
            self.codigo_cliente_montadora.as_ref(),
        )
    }
}

renave_domain::construtor_requisicao! {
    EntradaEstoqueIte => ConstrutorEntradaEstoqueIte {
        obrigatorios {
            chassi: Chassi,
            chave_nota_fiscal_remessa: ChaveNfe,
            cpf_operador_responsavel: Cpf,
            data_entrada_estoque: DataHora,
            data_hora_medicao_hodometro: DataHora,
            quilometragem_hodometro: u32,
            valor_produto: Valor,
        }
        opcionais {
            cliente_da_ite: Comprador,
            codigo_cliente_montadora: String,
        }
    }
}

renave_domain::construtor_requisicao! {
    SaidaEstoqueIte => ConstrutorSaidaEstoqueIte {
        obrigatorios {
            chave_nota_fiscal_produto: ChaveNfe,
            chave_nota_fiscal_servico: ChaveNfe,
            comprador: Comprador,
            cpf_operador_responsavel: Cpf,
            data_venda: DataHora,
            email_estabelecimento: String,
            id_estoque: IdEstoque,
            valor_venda: Valor,
        }
        opcionais {}
    }
}

renave_domain::construtor_requisicao! {
    TransferenciaParaIte => ConstrutorTransferenciaParaIte {
        obrigatorios {
            chave_nota_fiscal_remessa: ChaveNfe,
            cpf_operador_responsavel: Cpf,
            data_hora_medicao_hodometro: DataHora,
            data_transferencia_estoque: DataHora,
            id_autorizacao: IdAutorizacao,
            quilometragem_hodometro: u32,
        }
        opcionais {
            codigo_cliente_montadora: String,
            valor_produto: Valor,
        }
    }
}

renave_domain::construtor_requisicao! {
    TransferenciaVindoDeIteParaIte => ConstrutorTransferenciaVindoDeIteParaIte {
        obrigatorios {
            chave_nota_fiscal_produto: ChaveNfe,
            cpf_operador_responsavel: Cpf,
            data_hora_medicao_hodometro: DataHora,
            data_transferencia_estoque: DataHora,
            id_autorizacao: IdAutorizacao,
            quilometragem_hodometro: u32,
        }
        opcionais {
            chave_nota_fiscal_remessa: ChaveNfe,
            chave_nota_fiscal_servico: ChaveNfe,
            codigo_cliente_montadora: String,
            valor_produto: Valor,
        }
    }
}

requisicao_validada!(
    EntradaEstoqueIte => validar,
    SaidaEstoqueIte => validar,
    TransferenciaParaIte => validar,
    TransferenciaVindoDeIteParaIte => validar,
);

// ---------------------------------------------------------------------------------------------
// Operations (the request type of each one, `renave_http::Operacao`)
// ---------------------------------------------------------------------------------------------

/// No parameters.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub(crate) struct ConsultaClienteAutenticadoIte;

/// `?chassi=` of the ITE lookups, one type per operation.
macro_rules! por_chassi {
    ($($tipo:ident),*) => {$(
        /// `?chassi=`.
        #[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
        pub(crate) struct $tipo<'a> {
            pub(crate) chassi: &'a Chassi,
        }
    )*};
}
por_chassi!(
    ConsultaVeiculoIte,
    ObterPdfAtpvIte,
    ConsultaClientesMontadorasIte
);

/// `{idEstoque}`.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub(crate) struct ObterTermoEntradaEstoqueIte {
    #[serde(rename = "idEstoque")]
    pub(crate) id_estoque: IdEstoque,
}

/// The mock's body: the chassis as a bare JSON string (S4).
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(transparent)]
pub(crate) struct AcabarVeiculoInacabadoMockIte<'a>(pub(crate) &'a Chassi);

reenvio! {
    /// The stock filter sent to the ITE route.
    ConsultaEstoquesIte(FiltroEstoques);
    /// The authorization filter sent to the ITE route.
    ConsultaAutorizacoesIte(FiltroAutorizacoes);
    /// Z5's body sent to the ITE route.
    CancelarEntradaIte(CancelamentoEntradaEstoqueZeroKm);
    /// Z4/E32's body sent to the ITE route.
    CancelarSaidaIte(SolicitacaoCancelamentoSaida);
    /// E25/E30/Z7's body sent to the ITE route.
    CancelarAutorizacaoVindoDeIte(CancelamentoAutorizacaoTransferencia);
}

operacao!(ConsultaClienteAutenticadoIte => CONSULTAR_CLIENTE_AUTENTICADO_ITE, ClienteAutenticado);
operacao!(['a] ConsultaEstoquesIte<'a> => CONSULTAR_ESTOQUES_ITE, renave_domain::ItensRecebidos<Estoque>, verificar);
operacao!(ObterTermoEntradaEstoqueIte => OBTER_TERMO_ENTRADA_ESTOQUE_ITE, TermoEntradaEstoque);
operacao!(['a] ConsultaVeiculoIte<'a> => CONSULTAR_VEICULO_ITE, VeiculoRenave);
operacao!(['a] ObterPdfAtpvIte<'a> => OBTER_PDF_ATPV_ITE, PdfAtpv);
operacao!(['a] ConsultaClientesMontadorasIte<'a> => CONSULTAR_CLIENTES_MONTADORAS_ITE, renave_domain::ItensRecebidos<ClienteMontadora>);
operacao!(['a] ConsultaAutorizacoesIte<'a> => CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_ITE, renave_domain::ItensRecebidos<AutorizacaoTransferencia>, verificar);

impl ConsultaEstoquesIte<'_> {
    /// The filter's check, called by reference by the operation (`operacao!`).
    #[allow(clippy::trivially_copy_pass_by_ref)]
    fn verificar(&self) -> Result<(), renave_domain::ErroDominio> {
        self.0.verificar()
    }
}

impl ConsultaAutorizacoesIte<'_> {
    /// The filter's check, called by reference by the operation (`operacao!`).
    #[allow(clippy::trivially_copy_pass_by_ref)]
    fn verificar(&self) -> Result<(), renave_domain::ErroDominio> {
        self.0.verificar()
    }
}
operacao!(EntradaEstoqueIte => REGISTRAR_ENTRADA_ESTOQUE_ITE, Estoque, validar);
operacao!(SaidaEstoqueIte => REGISTRAR_SAIDA_ESTOQUE_ITE, Estoque, validar);
operacao!(['a] CancelarEntradaIte<'a> => CANCELAR_ENTRADA_ESTOQUE_ITE, Estoque);
operacao!(['a] CancelarSaidaIte<'a> => CANCELAR_SAIDA_ESTOQUE_ITE, Estoque);
operacao!(TransferenciaParaIte => TRANSFERIR_PARA_ITE, Estoque, validar);
operacao!(TransferenciaVindoDeIteParaIte => TRANSFERIR_VINDO_DE_ITE_PARA_ITE, Estoque, validar);
operacao!(AutorizacaoTransferenciaEstoqueVindoDeIte => AUTORIZAR_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE, AutorizacaoTransferencia);
operacao!(['a] CancelarAutorizacaoVindoDeIte<'a> => CANCELAR_AUTORIZACAO_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE, AutorizacaoTransferencia);
operacao!(['a] AcabarVeiculoInacabadoMockIte<'a> => ACABAR_VEICULO_INACABADO_MOCK_ITE, Confirmacao);
operacao!(SaidaEstoqueRenovarIte => REGISTRAR_SAIDA_ESTOQUE_RENOVAR_ITE, Estoque, validar);
