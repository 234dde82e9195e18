//! Wire contracts of the transfers between establishments and of the inacabados (E23–E32,
//! `renave-ws.md` §3.1, §4 "E23–E27", §7.3).
//!
//! One item group per operation: its [`Endpoint`] (name used for tracing and route overrides,
//! default route, idempotency) and its request type. The responses are the shared schemas of
//! [`crate::modelos`]: [`AutorizacaoTransferencia`]
//! (§5.6) and [`Estoque`] (§5.1).
//!
//! Confidence (`renave-ws.md` legend): E23 is **P/V**, E24, E25 and E27 are **P**, E26 is **P**
//! for the path and **?** for the body, E28–E32 are **?** (only the SERPRO table names them; their
//! bodies are **inferred** from the montadora analogues that S4 runs in production). Every route
//! can be corrected without a release (decision D2) through the client's route overrides, keyed
//! by the endpoint's [`name`](Endpoint::name).
//!
//! Dates whose wire type the public material does not settle are sent as a naive Brasília
//! date-time ([`DataHora`], `YYYY-MM-DDTHH:MM:SS`): the 0 km peers send date fields that way
//! and the server accepts it (`renave-ws.md` §1.3; Jackson's `LocalDate` reader takes the date
//! part of such a value), while a `LocalDateTime` field would reject a bare date (**I**). Fields
//! the OpenAPI types as a date (`dataCancelamentoSaidaEstoque`) are a [`Data`].

use renave_domain::rotas;
use renave_domain::tabelas::construtor;
use renave_domain::{
    Chassi, ChaveNfe, Cnpj, Cpf, Data, DataHora, ErroDominio, EstadoAutorizacaoTransferencia,
    Placa, Renavam, Valor,
};
use renave_http::{Endpoint, Idempotency};

use crate::operacoes::rota;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::erro::Erro;
use crate::modelos::{AutorizacaoTransferencia, Comprador, Estoque, IdAutorizacao, IdEstoque};
use crate::operacoes::usados::exigir_comprador;

// ---------------------------------------------------------------------------------------------
// E23 — consultar autorizações de transferência
// ---------------------------------------------------------------------------------------------

/// E23 *consultar autorizações de transferência* — `GET /api/autorizacoes-transferencias`
/// (SERPRO code 52; **P/V**). Lists the transfer authorizations (*autorizações de
/// transferência*, §5.6) related to the requesting establishment, usados and 0 km alike; the
/// lookup that recovers the id of a Z6 authorization whose answer was lost (§7.6).
pub const CONSULTAR_AUTORIZACOES_TRANSFERENCIAS: Endpoint = Endpoint {
    name: "consultar_autorizacoes_transferencias",
    route: rota(rotas::renave_ws::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS),
    idempotency: Idempotency::Idempotent,
};

/// Query filters of E23 (*filtro de autorizações de transferência*); all optional — none lists
/// every authorization related to the establishment (S3 Swagger summary). Read back
/// (`Deserialize`) only with a state the SDK knows (see [`verificar`](Self::verificar)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct FiltroAutorizacoesTransferencias {
    /// `chassi` — the vehicle's chassis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chassi: Option<Chassi>,
    /// `estadoAutorizacao` — the authorization state (`CRIADA`, `CONSUMIDA`, `CANCELADA`; §6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estado_autorizacao: Option<EstadoAutorizacaoTransferencia>,
    /// `placa` — the vehicle's plate (S3 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placa: Option<Placa>,
}

impl FiltroAutorizacoesTransferencias {
    /// A filter by chassis only (the recovery lookup of §7.6).
    pub fn por_chassi(chassi: Chassi) -> Self {
        Self {
            chassi: Some(chassi),
            ..Self::default()
        }
    }
}

// ---------------------------------------------------------------------------------------------
// E24 — autorizar transferência entre estabelecimentos
// ---------------------------------------------------------------------------------------------

/// E24 *autorizar transferência entre estabelecimentos* — `POST /api/autorizacoes-transferencias`
/// (SERPRO code 53; **P**). The origin establishment authorizes another establishment to take a
/// used vehicle of its stock (M5); the vehicle stays in the origin's stock until the destination
/// runs E26. Answers an [`AutorizacaoTransferencia`].
pub const AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS: Endpoint = Endpoint {
    name: "autorizar_transferencia_entre_estabelecimentos",
    route: rota(rotas::renave_ws::AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS),
    idempotency: Idempotency::StateChanging,
};

/// Body of E24 (*autorização de transferência*). **Inferred** (`renave-ws.md` §4 E24): S3's
/// model is partly garbled; the e-mail field name comes from S3's cancel model and M5's rule that
/// "the e-mail of the establishment given in this request will be the seller e-mail in the sale
/// intention".
///
/// Rules (M5): the destination must exist in Renave; the vehicle must be apt to leave the stock;
/// the seller's ATPV-e signature (E5) must already have been sent.
///
/// Build it with [`builder`](Self::builder) or as a struct literal; read back (`Deserialize`)
/// with the checks of [`validar`](Self::validar).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct AutorizacaoTransferenciaEntreEstabelecimentos {
    /// `cnpjEstabelecimentoDestino` — CNPJ of the establishment that will receive the vehicle.
    pub cnpj_estabelecimento_destino: Cnpj,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `emailEstabelecimentoOrigem` — e-mail of the origin establishment (becomes the seller's
    /// e-mail of the systemic sale intention, M5).
    pub email_estabelecimento_origem: String,
    /// `placaVeiculo` — the vehicle's plate.
    pub placa_veiculo: Placa,
    /// `valorVenda` — the sale value (JSON number).
    pub valor_venda: Valor,
}

// ---------------------------------------------------------------------------------------------
// E25 — cancelar autorização de transferência
// ---------------------------------------------------------------------------------------------

/// E25 *cancelar autorização de transferência* —
/// `POST /api/cancelamentos-autorizacoes-transferencias` (SERPRO code 55; **P**). Cancels an
/// authorization of E24 while it is `CRIADA` (§7.5). Answers an
/// [`AutorizacaoTransferencia`].
pub const CANCELAR_AUTORIZACAO_TRANSFERENCIA: Endpoint = Endpoint {
    name: "cancelar_autorizacao_transferencia",
    route: rota(rotas::renave_ws::CANCELAR_AUTORIZACAO_TRANSFERENCIA),
    idempotency: Idempotency::StateChanging,
};

/// Body of every authorization cancel (*cancelamento de autorização de transferência*): E25,
/// E30 and Z7. `{cpfOperadorResponsavel, idAutorizacao}` — **V** for Z7 (S6, S3), **inferred**
/// for E25 and E30 by analogy with Z7 and the montadora/ITE cancels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CancelamentoAutorizacaoTransferencia {
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `idAutorizacao` — id of the authorization to cancel (§5.6 `id`).
    pub id_autorizacao: IdAutorizacao,
}

// ---------------------------------------------------------------------------------------------
// E26 — solicitar transferência entre estabelecimentos
// ---------------------------------------------------------------------------------------------

/// E26 *solicitar transferência entre estabelecimentos* —
/// `POST /api/solicitacoes-transferencia-entre-estabelecimentos` (SERPRO code 58; **P** path,
/// **?** body). Run by the **receiving** establishment (M4): the authorization must be `CRIADA`,
/// the origin stock `CONFIRMADO` with its entrada NF-e sent. The vehicle enters the requester's
/// stock as `SOLICITADO` and a systemic sale intention is created; both sides may then download
/// the ATPV-e (E7). On a Detran communication failure the request must be repeated later with
/// the same data. Answers the new [`Estoque`] (**I**).
pub const SOLICITAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS: Endpoint = Endpoint {
    name: "solicitar_transferencia_entre_estabelecimentos",
    route: rota(rotas::renave_ws::SOLICITAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS),
    idempotency: Idempotency::StateChanging,
};

/// Body of E26 (*solicitação de transferência entre estabelecimentos*). **Inferred** by analogy
/// with Z8 (`renave-ws.md` §4 E26): the public material has no body for this operation.
///
/// Build it with [`builder`](Self::builder) or as a struct literal; read it back with
/// `Deserialize` (every field is a validated type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SolicitacaoTransferenciaEntreEstabelecimentos {
    /// `idAutorizacao` — id of the origin's authorization (E24, found with E23).
    pub id_autorizacao: IdAutorizacao,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `dataTransferenciaEstoque` — date of the transfer (M4: "dataTransferência… required").
    pub data_transferencia_estoque: DataHora,
    /// `dataHoraMedicaoHodometro` — when the odometer was read.
    pub data_hora_medicao_hodometro: DataHora,
    /// `quilometragemHodometro` — odometer reading in km.
    pub quilometragem_hodometro: u32,
    /// `valorCompra` — the purchase value, when known (Z8 demands it; here **?**).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valor_compra: Option<Valor>,
}

// ---------------------------------------------------------------------------------------------
// E27 — solicitar transferência entre filiais
// ---------------------------------------------------------------------------------------------

/// E27 *solicitar transferência entre filiais* —
/// `POST /api/solicitacoes-transferencia-entre-filiais` (SERPRO code 59; **P**). Moves a used
/// vehicle between two establishments of the same company (branches); run by the receiving
/// branch. Answers the new [`Estoque`].
pub const SOLICITAR_TRANSFERENCIA_ENTRE_FILIAIS: Endpoint = Endpoint {
    name: "solicitar_transferencia_entre_filiais",
    route: rota(rotas::renave_ws::SOLICITAR_TRANSFERENCIA_ENTRE_FILIAIS),
    idempotency: Idempotency::StateChanging,
};

/// Body of E27 (*solicitação de transferência entre filiais*), as S3 transcribed it from the
/// Swagger (**P**).
///
/// Build it with [`builder`](Self::builder) or as a struct literal; read back (`Deserialize`)
/// with the checks of [`validar`](Self::validar).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct SolicitacaoTransferenciaEntreFiliais {
    /// `cnpjEstabelecimentoOrigemTransferencia` — CNPJ of the branch the vehicle comes from.
    pub cnpj_estabelecimento_origem_transferencia: Cnpj,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `dataTransferenciaEstoque` — date of the transfer.
    pub data_transferencia_estoque: DataHora,
    /// `emailEstabelecimentoSolicitante` — e-mail of the requesting (receiving) branch.
    pub email_estabelecimento_solicitante: String,
    /// `veiculo` — the vehicle.
    pub veiculo: VeiculoTransferenciaEntreFiliais,
}

/// The `veiculo` object of E27 (*veículo da transferência entre filiais*, **P**).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VeiculoTransferenciaEntreFiliais {
    /// `dataHoraMedicaoHodometro` — when the odometer was read.
    pub data_hora_medicao_hodometro: DataHora,
    /// `placa` — the plate.
    pub placa: Placa,
    /// `quilometragemHodometro` — odometer reading in km.
    pub quilometragem_hodometro: u32,
    /// `renavam` — the RENAVAM.
    pub renavam: Renavam,
}

// ---------------------------------------------------------------------------------------------
// E28 — transferir estoque vindo de ITE
// ---------------------------------------------------------------------------------------------

/// E28 *transferência de estoque vindo de ITE* — `POST /api/transferencias-estoque-vindo-de-ite`
/// (SERPRO code 61; **?**). Takes into stock an inacabado (unfinished vehicle) coming back from
/// an ITE (implementadora, transformadora or encarroçadora) under an authorization. Answers an
/// [`Estoque`] (**I**).
pub const TRANSFERIR_ESTOQUE_VINDO_DE_ITE: Endpoint = Endpoint {
    name: "transferir_estoque_vindo_de_ite",
    route: rota(rotas::renave_ws::TRANSFERIR_ESTOQUE_VINDO_DE_ITE),
    idempotency: Idempotency::StateChanging,
};

/// Body of E28 (*transferência de estoque vindo de ITE*). **Inferred** from the montadora route
/// `montadora/transferencias-estoque-vindo-de-ite` (S4, production).
///
/// Build it with [`builder`](Self::builder) or as a struct literal; read it back with
/// `Deserialize` (every field is a validated type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TransferenciaEstoqueVindoDeIte {
    /// `chaveNotaFiscalProduto` — NF-e key of the product invoice.
    pub chave_nota_fiscal_produto: ChaveNfe,
    /// `chaveNotaFiscalRemessa` — NF-e key of the shipment (*remessa*) invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chave_nota_fiscal_remessa: Option<ChaveNfe>,
    /// `chaveNotaFiscalServico` — NF-e key of the service invoice of the ITE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chave_nota_fiscal_servico: Option<ChaveNfe>,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `dataHoraMedicaoHodometro` — when the odometer was read.
    pub data_hora_medicao_hodometro: DataHora,
    /// `dataTransferenciaEstoque` — date of the transfer.
    pub data_transferencia_estoque: DataHora,
    /// `idAutorizacao` — id of the ITE's authorization.
    pub id_autorizacao: IdAutorizacao,
    /// `quilometragemHodometro` — odometer reading in km.
    pub quilometragem_hodometro: u32,
    /// `valorProduto` — the product value.
    pub valor_produto: Valor,
}

// ---------------------------------------------------------------------------------------------
// E29 — autorizar transferência para ITE
// ---------------------------------------------------------------------------------------------

/// E29 *autorizar transferência para ITE* — `POST /api/autorizacoes-transferencias-para-ite`
/// (SERPRO code 62; **?**). Authorizes an ITE to take an inacabado from the establishment's
/// stock. Answers an [`AutorizacaoTransferencia`]
/// (**I**).
pub const AUTORIZAR_TRANSFERENCIA_PARA_ITE: Endpoint = Endpoint {
    name: "autorizar_transferencia_para_ite",
    route: rota(rotas::renave_ws::AUTORIZAR_TRANSFERENCIA_PARA_ITE),
    idempotency: Idempotency::StateChanging,
};

/// Body of E29 (*autorização de transferência para ITE*). **Inferred** from the montadora route
/// `montadora/autorizacoes-transferencias-para-ite` (S4, production).
///
/// Build it with [`builder`](Self::builder) or as a struct literal; read back (`Deserialize`)
/// with the checks of [`validar`](Self::validar).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct AutorizacaoTransferenciaParaIte {
    /// `chaveNotaFiscalProdutoSaida` — NF-e key of the outgoing product invoice.
    pub chave_nota_fiscal_produto_saida: ChaveNfe,
    /// `cnpjIteDestino` — CNPJ of the destination ITE.
    pub cnpj_ite_destino: Cnpj,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `idEstoqueOrigem` — id of the stock the vehicle leaves.
    pub id_estoque_origem: IdEstoque,
    /// `tipoBeneficioTributario` — tax-benefit type, raw (its value set is unknown, §6 "?").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tipo_beneficio_tributario: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// E30 — cancelar autorização de transferência para ITE
// ---------------------------------------------------------------------------------------------

/// E30 *cancelar autorização de transferência para ITE* —
/// `POST /api/cancelamentos-autorizacoes-transferencias-para-ite` (SERPRO code 63; **?**). Body
/// [`CancelamentoAutorizacaoTransferencia`] (**inferred** from the montadora analogue, S4).
/// Answers an [`AutorizacaoTransferencia`] (**I**).
pub const CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE: Endpoint = Endpoint {
    name: "cancelar_autorizacao_transferencia_para_ite",
    route: rota(rotas::renave_ws::CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE),
    idempotency: Idempotency::StateChanging,
};

// ---------------------------------------------------------------------------------------------
// E31 — registrar saída de estoque de veículo inacabado
// ---------------------------------------------------------------------------------------------

/// E31 *saída de estoque de veículo inacabado* —
/// `POST /api/saidas-estoque-veiculo-inacabado` (SERPRO code 64; **?**). Sells an inacabado
/// from the establishment's stock. Answers the [`Estoque`] (**I**).
pub const REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO: Endpoint = Endpoint {
    name: "registrar_saida_estoque_veiculo_inacabado",
    route: rota(rotas::renave_ws::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO),
    idempotency: Idempotency::StateChanging,
};

/// Body of E31 (*saída de estoque de veículo inacabado*). **Inferred** from the montadora route
/// `montadora/saidas-estoque-veiculo-inacabado` (S4, production: the venda-direta body plus
/// `leasingVeiculoInacabado`).
///
/// Build it with [`builder`](Self::builder) or as a struct literal; read back (`Deserialize`)
/// with the checks of [`validar`](Self::validar).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct SaidaEstoqueVeiculoInacabado {
    /// `idEstoque` — id of the stock the vehicle leaves.
    pub id_estoque: IdEstoque,
    /// `chaveNotaFiscal` — NF-e key of the sale invoice.
    pub chave_nota_fiscal: ChaveNfe,
    /// `comprador` — the buyer (§5.4).
    pub comprador: Comprador,
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `dataVenda` — date of the sale.
    pub data_venda: DataHora,
    /// `emailEstabelecimento` — the establishment's e-mail.
    pub email_estabelecimento: String,
    /// `valorVenda` — the sale value.
    pub valor_venda: Valor,
    /// `leasingVeiculoInacabado` — whether the inacabado is sold under leasing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leasing_veiculo_inacabado: Option<bool>,
    /// `entregaIndicada` — the dealers indicated for the delivery, when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entrega_indicada: Option<EntregaIndicada>,
    /// `tipoBeneficioTributario` — tax-benefit type, raw (its value set is unknown, §6 "?").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tipo_beneficio_tributario: Option<String>,
}

/// The `entregaIndicada` object (*entrega indicada*): the dealers that sell and deliver a
/// vehicle (montadora venda-direta body, S4; **I** for the establishment group).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EntregaIndicada {
    /// `cnpjConcessionariaEntregadora` — CNPJ of the delivering dealer.
    pub cnpj_concessionaria_entregadora: Cnpj,
    /// `cnpjConcessionariaVendedora` — CNPJ of the selling dealer.
    pub cnpj_concessionaria_vendedora: Cnpj,
}

// ---------------------------------------------------------------------------------------------
// E32 — cancelar saída de estoque de veículo inacabado
// ---------------------------------------------------------------------------------------------

/// E32 *cancelar saída de estoque de veículo inacabado* —
/// `POST /api/cancelamentos-saidas-estoque-veiculo-inacabado` (SERPRO code 65; **?**). Body
/// [`SolicitacaoCancelamentoSaida`]. Answers the [`Estoque`] (**I**); as
/// for E17, a cancelled saída may create a new stock whose id the answer carries.
pub const CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO: Endpoint = Endpoint {
    name: "cancelar_saida_estoque_veiculo_inacabado",
    route: rota(rotas::renave_ws::CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO),
    idempotency: Idempotency::StateChanging,
};

/// Body of the saída cancels of the inacabado and 0 km groups (*cancelamento de saída de
/// estoque*): E32 and Z4. `{cpfOperadorResponsavel, dataCancelamentoSaidaEstoque, idEstoque}` —
/// **P** for Z4 (S6, S3), **inferred** for E32 from the montadora analogue (S4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SolicitacaoCancelamentoSaida {
    /// `cpfOperadorResponsavel` — CPF of the operator responsible for the request.
    pub cpf_operador_responsavel: Cpf,
    /// `dataCancelamentoSaidaEstoque` — date of the cancellation (`YYYY-MM-DD`).
    pub data_cancelamento_saida_estoque: Data,
    /// `idEstoque` — id of the stock whose saída is cancelled.
    pub id_estoque: IdEstoque,
}

// ---------------------------------------------------------------------------------------------
// Checks of the free-text fields the types cannot enforce (nothing is sent until they pass)
// ---------------------------------------------------------------------------------------------

/// Checks an e-mail field (`emailEstabelecimento…`, `comprador.email`) before anything is sent:
/// no surrounding or inner white space, at most 254 characters, exactly one `@` with a
/// non-empty local part and a domain holding a `.` that neither starts nor ends it. The server
/// refuses a missing e-mail ("E-mail do estabelecimento é obrigatório", `renave-ws.md` §2).
pub(crate) fn validar_email(operacao: &str, campo: &str, email: &str) -> Result<(), Erro> {
    let motivo = if email.is_empty() {
        Some("empty")
    } else if email.chars().count() > 254 {
        Some("longer than 254 characters")
    } else if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("contains white space or a control character")
    } else {
        match email.split_once('@') {
            None => Some("has no `@`"),
            Some((local, dominio)) => {
                if local.is_empty() {
                    Some("nothing before `@`")
                } else if dominio.contains('@') {
                    Some("more than one `@`")
                } else if !dominio.contains('.')
                    || dominio.starts_with('.')
                    || dominio.ends_with('.')
                {
                    Some("the domain after `@` is not a host name like `example.com`")
                } else {
                    None
                }
            }
        }
    };
    match motivo {
        Some(m) => Err(Erro::entrada(
            operacao,
            campo,
            format!("not an e-mail address: {m}"),
        )),
        None => Ok(()),
    }
}

/// Checks that a free-text field is not blank (it would be refused by the server or, for a
/// raw code, change the request's meaning).
pub(crate) fn validar_nao_vazio(operacao: &str, campo: &str, texto: &str) -> Result<(), Erro> {
    if texto.trim().is_empty() {
        Err(Erro::entrada(operacao, campo, "empty"))
    } else {
        Ok(())
    }
}

/// Checks the free-text fields of a buyer (*comprador*, §5.4): `nome`, `email`,
/// `endereco.numero`.
pub(crate) fn validar_comprador(operacao: &str, comprador: &Comprador) -> Result<(), Erro> {
    validar_nao_vazio(operacao, "comprador.nome", &comprador.nome)?;
    validar_email(operacao, "comprador.email", &comprador.email)?;
    validar_nao_vazio(
        operacao,
        "comprador.endereco.numero",
        &comprador.endereco.numero,
    )
}

fn validar_opcional(operacao: &str, campo: &str, texto: Option<&String>) -> Result<(), Erro> {
    texto.map_or(Ok(()), |t| validar_nao_vazio(operacao, campo, t))
}

impl AutorizacaoTransferenciaEntreEstabelecimentos {
    /// Checks what the field types cannot (`emailEstabelecimentoOrigem` is an e-mail address);
    /// the client calls it before sending.
    ///
    /// ```
    /// use renave_ws_client::operacoes::transferencias::AutorizacaoTransferenciaEntreEstabelecimentos;
    ///
    /// let mut a = AutorizacaoTransferenciaEntreEstabelecimentos {
    ///     cnpj_estabelecimento_destino: "11222333000181".parse()?,
    ///     cpf_operador_responsavel: "529.982.247-25".parse()?,
    ///     email_estabelecimento_origem: "loja@example.com".to_owned(),
    ///     placa_veiculo: "BRA2E19".parse()?,
    ///     valor_venda: "45000.00".parse()?,
    /// };
    /// assert!(a.validar().is_ok());
    /// a.email_estabelecimento_origem = "loja".to_owned();
    /// assert!(a.validar().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        validar_email(
            AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS.name,
            "emailEstabelecimentoOrigem",
            &self.email_estabelecimento_origem,
        )
    }
}

impl SolicitacaoTransferenciaEntreFiliais {
    /// Checks what the field types cannot (`emailEstabelecimentoSolicitante` is an e-mail
    /// address); the client calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        validar_email(
            SOLICITAR_TRANSFERENCIA_ENTRE_FILIAIS.name,
            "emailEstabelecimentoSolicitante",
            &self.email_estabelecimento_solicitante,
        )
    }
}

impl AutorizacaoTransferenciaParaIte {
    /// Checks what the field types cannot (`tipoBeneficioTributario`, when given, is not
    /// blank); the client calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        self.validar_para(AUTORIZAR_TRANSFERENCIA_PARA_ITE.name)
    }

    /// [`validar`](Self::validar) on behalf of `operacao` (the montadora route reuses this
    /// body).
    pub(crate) fn validar_para(&self, operacao: &str) -> Result<(), Erro> {
        validar_opcional(
            operacao,
            "tipoBeneficioTributario",
            self.tipo_beneficio_tributario.as_ref(),
        )
    }
}

impl SaidaEstoqueVeiculoInacabado {
    /// Checks what the field types cannot (`emailEstabelecimento` and `comprador.email` are
    /// e-mail addresses, `comprador.nome`, `comprador.endereco.numero` and
    /// `tipoBeneficioTributario` are not blank); the client calls it before sending.
    ///
    /// # Errors
    ///
    /// [`Erro::EntradaInvalida`] naming the field.
    pub fn validar(&self) -> Result<(), Erro> {
        self.validar_para(REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO.name)
    }

    /// [`validar`](Self::validar) on behalf of `operacao` (Z16 reuses this body).
    pub(crate) fn validar_para(&self, operacao: &str) -> Result<(), Erro> {
        validar_email(
            operacao,
            "emailEstabelecimento",
            &self.email_estabelecimento,
        )?;
        validar_comprador(operacao, &self.comprador)?;
        validar_opcional(
            operacao,
            "tipoBeneficioTributario",
            self.tipo_beneficio_tributario.as_ref(),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Builders (the checks of `build()`) and the requests read back with the same checks
// ---------------------------------------------------------------------------------------------

impl FiltroAutorizacoesTransferencias {
    /// The check of a query read back: `estadoAutorizacao`, when given, is a state the SDK
    /// knows (a code read from JSON is never one built with `desconhecido_permitido`).
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

impl AutorizacaoTransferenciaEntreEstabelecimentos {
    /// The checks of the builder: `emailEstabelecimentoOrigem` is not blank.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        construtor::exigir_texto(
            "emailEstabelecimentoOrigem",
            &self.email_estabelecimento_origem,
        )
    }
}

renave_domain::construtor_requisicao! {
    AutorizacaoTransferenciaEntreEstabelecimentos => ConstrutorAutorizacaoTransferenciaEntreEstabelecimentos {
        obrigatorios {
            cnpj_estabelecimento_destino: Cnpj,
            cpf_operador_responsavel: Cpf,
            email_estabelecimento_origem: String,
            placa_veiculo: Placa,
            valor_venda: Valor,
        }
        opcionais {}
    }
}

impl SolicitacaoTransferenciaEntreEstabelecimentos {
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
    SolicitacaoTransferenciaEntreEstabelecimentos => ConstrutorSolicitacaoTransferenciaEntreEstabelecimentos {
        obrigatorios {
            id_autorizacao: IdAutorizacao,
            cpf_operador_responsavel: Cpf,
            data_transferencia_estoque: DataHora,
            data_hora_medicao_hodometro: DataHora,
            quilometragem_hodometro: u32,
        }
        opcionais {
            valor_compra: Valor,
        }
    }
}

impl SolicitacaoTransferenciaEntreFiliais {
    /// The checks of the builder: `emailEstabelecimentoSolicitante` is not blank.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        construtor::exigir_texto(
            "emailEstabelecimentoSolicitante",
            &self.email_estabelecimento_solicitante,
        )
    }
}

renave_domain::construtor_requisicao! {
    SolicitacaoTransferenciaEntreFiliais => ConstrutorSolicitacaoTransferenciaEntreFiliais {
        obrigatorios {
            cnpj_estabelecimento_origem_transferencia: Cnpj,
            cpf_operador_responsavel: Cpf,
            data_transferencia_estoque: DataHora,
            email_estabelecimento_solicitante: String,
            veiculo: VeiculoTransferenciaEntreFiliais,
        }
        opcionais {}
    }
}

impl TransferenciaEstoqueVindoDeIte {
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
    TransferenciaEstoqueVindoDeIte => ConstrutorTransferenciaEstoqueVindoDeIte {
        obrigatorios {
            chave_nota_fiscal_produto: ChaveNfe,
            cpf_operador_responsavel: Cpf,
            data_hora_medicao_hodometro: DataHora,
            data_transferencia_estoque: DataHora,
            id_autorizacao: IdAutorizacao,
            quilometragem_hodometro: u32,
            valor_produto: Valor,
        }
        opcionais {
            chave_nota_fiscal_remessa: ChaveNfe,
            chave_nota_fiscal_servico: ChaveNfe,
        }
    }
}

impl AutorizacaoTransferenciaParaIte {
    /// The checks of the builder: `tipoBeneficioTributario`, when given, is not blank.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        match &self.tipo_beneficio_tributario {
            Some(t) => construtor::exigir_texto("tipoBeneficioTributario", t),
            None => Ok(()),
        }
    }
}

renave_domain::construtor_requisicao! {
    AutorizacaoTransferenciaParaIte => ConstrutorAutorizacaoTransferenciaParaIte {
        obrigatorios {
            chave_nota_fiscal_produto_saida: ChaveNfe,
            cnpj_ite_destino: Cnpj,
            cpf_operador_responsavel: Cpf,
            id_estoque_origem: IdEstoque,
        }
        opcionais {
            tipo_beneficio_tributario: String,
        }
    }
}

impl SaidaEstoqueVeiculoInacabado {
    /// The checks of the builder: `emailEstabelecimento` and the buyer's `nome` and `email`
    /// are not blank, `tipoBeneficioTributario`, when given, is not blank.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        construtor::exigir_texto("emailEstabelecimento", &self.email_estabelecimento)?;
        exigir_comprador(&self.comprador)?;
        match &self.tipo_beneficio_tributario {
            Some(t) => construtor::exigir_texto("tipoBeneficioTributario", t),
            None => Ok(()),
        }
    }
}

renave_domain::construtor_requisicao! {
    SaidaEstoqueVeiculoInacabado => ConstrutorSaidaEstoqueVeiculoInacabado {
        obrigatorios {
            id_estoque: IdEstoque,
            chave_nota_fiscal: ChaveNfe,
            comprador: Comprador,
            cpf_operador_responsavel: Cpf,
            data_venda: DataHora,
            email_estabelecimento: String,
            valor_venda: Valor,
        }
        opcionais {
            leasing_veiculo_inacabado: bool,
            entrega_indicada: EntregaIndicada,
            tipo_beneficio_tributario: String,
        }
    }
}

requisicao_validada!(
    FiltroAutorizacoesTransferencias => verificar,
    AutorizacaoTransferenciaEntreEstabelecimentos => validar,
    SolicitacaoTransferenciaEntreFiliais => validar,
    AutorizacaoTransferenciaParaIte => validar,
    SaidaEstoqueVeiculoInacabado => validar,
);

// ---------------------------------------------------------------------------------------------
// Operations (the request type of each one, `renave_http::Operacao`)
// ---------------------------------------------------------------------------------------------

/// E30: the body of E26 sent to another operation.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub(crate) struct CancelarAutorizacaoTransferenciaParaIte<'a>(
    pub(crate) &'a CancelamentoAutorizacaoTransferencia,
);

operacao!(FiltroAutorizacoesTransferencias => CONSULTAR_AUTORIZACOES_TRANSFERENCIAS, renave_domain::ItensRecebidos<AutorizacaoTransferencia>, verificar);
operacao!(AutorizacaoTransferenciaEntreEstabelecimentos => AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS, AutorizacaoTransferencia, validar);
operacao!(CancelamentoAutorizacaoTransferencia => CANCELAR_AUTORIZACAO_TRANSFERENCIA, AutorizacaoTransferencia);
operacao!(SolicitacaoTransferenciaEntreEstabelecimentos => SOLICITAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS, Estoque);
operacao!(SolicitacaoTransferenciaEntreFiliais => SOLICITAR_TRANSFERENCIA_ENTRE_FILIAIS, Estoque, validar);
operacao!(TransferenciaEstoqueVindoDeIte => TRANSFERIR_ESTOQUE_VINDO_DE_ITE, Estoque);
operacao!(AutorizacaoTransferenciaParaIte => AUTORIZAR_TRANSFERENCIA_PARA_ITE, AutorizacaoTransferencia, validar);
operacao!(['a] CancelarAutorizacaoTransferenciaParaIte<'a> => CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE, AutorizacaoTransferencia);
operacao!(SaidaEstoqueVeiculoInacabado => REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO, Estoque, validar);
operacao!(SolicitacaoCancelamentoSaida => CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO, Estoque);
