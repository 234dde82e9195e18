//! Renave — aptidão, solicitação de transferência and comunicação de venda (Regulamento Técnico
//! CET-MG §5.2–§5.6, §6.1.1, §6.1.3, §6.1.8, §6.2.1, §6.2.4; `cetmg-api.md` §3.1–§3.3,
//! §3.13–§3.14).
//!
//! ```no_run
//! use renave_domain::{Chassi, Cnpj, CpfCnpj};
//! use renave_mg_client::ClienteCetMg;
//! use renave_mg_client::operacoes::estoque::ConsultaAptidaoVeiculoEstoque;
//! # async fn f(cliente: ClienteCetMg) -> Result<(), Box<dyn std::error::Error>> {
//! let resposta = cliente
//!     .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque {
//!         chassi: "9BWZZZ377VT004251".parse::<Chassi>()?,
//!         cpf_cnpj_proprietario: "52998224725".parse::<CpfCnpj>()?,
//!         cpf_cnpj_estabelecimento: "11222333000181".parse::<Cnpj>()?,
//!     })
//!     .await?;
//! let avaliacao = resposta.avaliacao();
//! if !avaliacao.pode_prosseguir() {
//!     for impedimento in &avaliacao.impedimentos {
//!         println!("blocked: {impedimento}");
//!     }
//! }
//! # Ok(()) }
//! ```

use renave_domain::CamposExtras;
use renave_domain::tabelas::construtor::{exigir_codigo_numerico, exigir_texto};
use renave_domain::{
    Atividade, AvaliacaoAptidao, Categoria, Chassi, Cnpj, CodigoMunicipio, Combustivel, Cor,
    CpfCnpj, Data, ErroDominio, Especie, IsencaoIpva, ModalidadeCompra, Motivo, Placa, Renavam,
    RespostaAptidao, SentidoSolicitacao, TipoVeiculo, Valor, avaliar_aptidao, sentido_solicitacao,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    Identificador, Operacao, Recebido, RespostaRetorno, Retorno, entrada_de_dominio, rota,
    textos_flexiveis,
};
use crate::erro::Erro;
use renave_domain::rotas;
use renave_http::{Endpoint, Idempotency};

/// `GET consultar-aptidao-veiculo-estoque/{chassi}/{cpf_cnpj_proprietario}/{cpf_cnpj_estabelecimento}`
/// — R §5.2, §6.1.1 (entrada), §6.2.1 (saída). Path V; method I.
pub const CONSULTAR_APTIDAO_VEICULO_ESTOQUE: Endpoint = Endpoint {
    name: "consultar_aptidao_veiculo_estoque",
    route: rota(rotas::cetmg::CONSULTAR_APTIDAO_VEICULO_ESTOQUE),
    idempotency: Idempotency::Idempotent,
};

/// `GET consultar-solicitacao-servico-transferencia-propriedade-veiculo?…` — R §5.3. Path V;
/// method and query names I (the alternative, `POST` with a JSON body, is one route override
/// away: the client then sends the same parameters as a JSON object).
pub const CONSULTAR_SOLICITACAO_TRANSFERENCIA: Endpoint = Endpoint {
    name: "consultar_solicitacao_transferencia",
    route: rota(rotas::cetmg::CONSULTAR_SOLICITACAO_TRANSFERENCIA),
    idempotency: Idempotency::Idempotent,
};

/// `POST registrar-solicitacao-servico-transferencia-propriedade-veiculo` — R §5.6, §6.1.3.
/// Path V; method I. State-changing: never resent (decision D6).
pub const REGISTRAR_SOLICITACAO_TRANSFERENCIA: Endpoint = Endpoint {
    name: "registrar_solicitacao_transferencia",
    route: rota(rotas::cetmg::REGISTRAR_SOLICITACAO_TRANSFERENCIA),
    idempotency: Idempotency::StateChanging,
};

/// `POST registrar-comunicacao-venda-entrada-estoque` — R §5.4, §6.1.8. Path V; method I.
pub const REGISTRAR_COMUNICACAO_VENDA_ENTRADA_ESTOQUE: Endpoint = Endpoint {
    name: "registrar_comunicacao_venda_entrada_estoque",
    route: rota(rotas::cetmg::REGISTRAR_COMUNICACAO_VENDA_ENTRADA_ESTOQUE),
    idempotency: Idempotency::StateChanging,
};

/// `POST registrar-comunicacao-venda-saida-estoque` — R §5.5, §6.2.4. Path V; method I.
pub const REGISTRAR_COMUNICACAO_VENDA_SAIDA_ESTOQUE: Endpoint = Endpoint {
    name: "registrar_comunicacao_venda_saida_estoque",
    route: rota(rotas::cetmg::REGISTRAR_COMUNICACAO_VENDA_SAIDA_ESTOQUE),
    idempotency: Idempotency::StateChanging,
};

// ---------------------------------------------------------------------------------------------

/// *Consultar aptidão do veículo para entrada/saída de estoque* (R §5.2, §6.1.1, §6.2.1): the
/// three path parameters (names V).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConsultaAptidaoVeiculoEstoque {
    /// `{chassi}` — the vehicle's chassi.
    pub chassi: Chassi,
    /// `{cpf_cnpj_proprietario}` — CPF or CNPJ of the current owner.
    pub cpf_cnpj_proprietario: CpfCnpj,
    /// `{cpf_cnpj_estabelecimento}` — CNPJ of the establishment (the dealer).
    pub cpf_cnpj_estabelecimento: Cnpj,
}

impl ConsultaAptidaoVeiculoEstoque {
    /// The lookup for `chassi`, owned by `cpf_cnpj_proprietario`, at the establishment
    /// `cpf_cnpj_estabelecimento`.
    pub fn new(
        chassi: Chassi,
        cpf_cnpj_proprietario: CpfCnpj,
        cpf_cnpj_estabelecimento: Cnpj,
    ) -> Self {
        Self {
            chassi,
            cpf_cnpj_proprietario,
            cpf_cnpj_estabelecimento,
        }
    }
}

impl Operacao for ConsultaAptidaoVeiculoEstoque {
    const ENDPOINT: Endpoint = CONSULTAR_APTIDAO_VEICULO_ESTOQUE;
    type Resposta = RespostaAptidaoVeiculoEstoque;
    type Erro = crate::erro::Erro;
}

/// Answer of the aptidão lookup (R §6.1.1 items, plus the §6.1.3 "Importante" items). Item
/// names and types are I (the regulation names the concepts, not the fields), so every item is
/// read tolerantly ([`Recebido`]): a boolean from `true`/`false`, `1`/`0`, `"S"`/`"N"`,
/// `"SIM"`/`"NAO"`, a count from a number or a numeric string; any other value (`"gravame":
/// "ATIVO"`) is kept raw instead of failing the answer, and the fields the SDK does not model
/// are kept in `extras`.
///
/// [`avaliacao`](Self::avaliacao) converts it into the domain's model, which says whether the
/// vehicle is apto, não apto (which items block it) or **indeterminado** (a blocking item not
/// reported, or not in a form the SDK understands: never apto, issue 12).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct RespostaAptidaoVeiculoEstoque {
    /// The envelope (`codigo_retorno` `"000"`, `mensagem_retorno`).
    #[serde(flatten)]
    pub retorno: Retorno,
    /// `comunicacao_venda_registrada` — a comunicação de venda is registered (informative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comunicacao_venda_registrada: Option<Recebido<bool>>,
    /// `laudo_csv_em_aberto` — open CSV laudo (blocks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub laudo_csv_em_aberto: Option<Recebido<bool>>,
    /// `reserva_dominio` — reserva de domínio (blocks as a rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserva_dominio: Option<Recebido<bool>>,
    /// `gravame` — gravame/restrição financeira (blocks as a rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gravame: Option<Recebido<bool>>,
    /// `total_autuacoes` — total of autuações (informative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_autuacoes: Option<Recebido<u32>>,
    /// `multas_exigiveis` — multas exigíveis, Renainf included (block while there is one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multas_exigiveis: Option<Recebido<u32>>,
    /// `multas_totais` — exigíveis + não exigíveis (informative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multas_totais: Option<Recebido<u32>>,
    /// `pendencias_trlav` — TRLAV exigível pending (blocks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pendencias_trlav: Option<Recebido<bool>>,
    /// `pendencias_ipva` — IPVA exigível pending (blocks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pendencias_ipva: Option<Recebido<bool>>,
    /// `pendencias_dpvat` — DPVAT exigível pending (blocks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pendencias_dpvat: Option<Recebido<bool>>,
    /// `impedimentos_cadastrais` — impedimentos cadastrais/administrativos (block).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impedimentos_cadastrais: Option<Recebido<bool>>,
    /// `recall_pendente` — pending recall (§6.1.3 "Importante"; blocks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recall_pendente: Option<Recebido<bool>>,
    /// `estampagem_em_aberto` — open estampagem (§6.1.3 "Importante"; blocks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estampagem_em_aberto: Option<Recebido<bool>>,
    /// `observacoes_impeditivas_laudo` — blocking remarks in the laudo (§6.1.3; block).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observacoes_impeditivas_laudo: Option<Recebido<bool>>,
    /// `detalhes` — the *detalhamento das pendências* the integradora must show (§6.2.1).
    #[serde(
        default,
        deserialize_with = "textos_flexiveis",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub detalhes: Vec<String>,
    /// Fields this SDK does not model, kept unchanged.
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(RespostaAptidaoVeiculoEstoque {
    retorno,
    comunicacao_venda_registrada,
    laudo_csv_em_aberto,
    reserva_dominio,
    gravame,
    total_autuacoes,
    multas_exigiveis,
    multas_totais,
    pendencias_trlav,
    pendencias_ipva,
    pendencias_dpvat,
    impedimentos_cadastrais,
    recall_pendente,
    estampagem_em_aberto,
    observacoes_impeditivas_laudo,
    detalhes,
    extras
});

impl RespostaAptidaoVeiculoEstoque {
    /// The items as the domain's struct (raw values kept raw; the names of the fields in
    /// `extras` listed as not modelled).
    pub fn como_dominio(&self) -> RespostaAptidao {
        RespostaAptidao {
            comunicacao_venda_registrada: self.comunicacao_venda_registrada.clone(),
            laudo_csv_em_aberto: self.laudo_csv_em_aberto.clone(),
            reserva_dominio: self.reserva_dominio.clone(),
            gravame: self.gravame.clone(),
            total_autuacoes: self.total_autuacoes.clone(),
            multas_exigiveis: self.multas_exigiveis.clone(),
            multas_totais: self.multas_totais.clone(),
            pendencias_trlav: self.pendencias_trlav.clone(),
            pendencias_ipva: self.pendencias_ipva.clone(),
            pendencias_dpvat: self.pendencias_dpvat.clone(),
            impedimentos_cadastrais: self.impedimentos_cadastrais.clone(),
            recall_pendente: self.recall_pendente.clone(),
            estampagem_em_aberto: self.estampagem_em_aberto.clone(),
            observacoes_impeditivas_laudo: self.observacoes_impeditivas_laudo.clone(),
            detalhes: self.detalhes.clone(),
            campos_nao_modelados: self.extras.keys().cloned().collect(),
        }
    }

    /// The domain's evaluation: apto, não apto (impediments apart from informative items) or
    /// indeterminado (R §6.1.1, §6.1.3; issue 12). Only an answer that carried the success
    /// code `"000"` and reported every blocking item absent, in a form the SDK understands, is
    /// apto.
    ///
    /// ```
    /// use renave_domain::ResultadoAptidao;
    /// use renave_mg_client::operacoes::estoque::RespostaAptidaoVeiculoEstoque;
    ///
    /// // A gravame reported under a name the SDK does not model: never apto.
    /// let r: RespostaAptidaoVeiculoEstoque = serde_json::from_value(serde_json::json!({
    ///     "codigo_retorno": "000",
    ///     "possui_gravame": true,
    ///     "laudo_csv_em_aberto": false,
    /// }))?;
    /// let a = r.avaliacao();
    /// assert_eq!(a.resultado(), ResultadoAptidao::Indeterminado);
    /// assert!(!a.pode_prosseguir());
    /// assert_eq!(a.campos_nao_modelados, ["possui_gravame"]);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn avaliacao(&self) -> AvaliacaoAptidao {
        let mut avaliacao = avaliar_aptidao(&self.como_dominio());
        avaliacao.sem_codigo_de_sucesso = self.retorno.codigo_retorno.as_deref() != Some("000");
        avaliacao
    }
}

impl From<&RespostaAptidaoVeiculoEstoque> for AvaliacaoAptidao {
    fn from(r: &RespostaAptidaoVeiculoEstoque) -> Self {
        r.avaliacao()
    }
}

// ---------------------------------------------------------------------------------------------

/// *Consultar solicitação de serviço de transferência de propriedade* (R §5.3): query
/// parameters (names I, by analogy with §5.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConsultaSolicitacaoTransferencia {
    /// `chassi` (required).
    pub chassi: Chassi,
    /// `cpf_cnpj_proprietario` — CPF/CNPJ of the owner (required).
    pub cpf_cnpj_proprietario: CpfCnpj,
    /// `cpf_cnpj_estabelecimento` — CNPJ of the establishment (required).
    pub cpf_cnpj_estabelecimento: Cnpj,
    /// `placa` (optional).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placa: Option<Placa>,
    /// `renavam` (optional).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renavam: Option<Renavam>,
}

impl ConsultaSolicitacaoTransferencia {
    /// The lookup with the three required parameters (no placa, no RENAVAM).
    pub fn new(
        chassi: Chassi,
        cpf_cnpj_proprietario: CpfCnpj,
        cpf_cnpj_estabelecimento: Cnpj,
    ) -> Self {
        Self {
            chassi,
            cpf_cnpj_proprietario,
            cpf_cnpj_estabelecimento,
            placa: None,
            renavam: None,
        }
    }
}

impl Operacao for ConsultaSolicitacaoTransferencia {
    const ENDPOINT: Endpoint = CONSULTAR_SOLICITACAO_TRANSFERENCIA;
    type Resposta = RespostaConsultaSolicitacaoTransferencia;
    type Erro = crate::erro::Erro;
}

/// Answer of the solicitação lookup (R §5.3: not described, ?). Everything the server sends is
/// kept in `extras`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct RespostaConsultaSolicitacaoTransferencia {
    /// The envelope.
    #[serde(flatten)]
    pub retorno: Retorno,
    /// The solicitação's fields (shape not published), kept unchanged.
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(RespostaConsultaSolicitacaoTransferencia { retorno, extras });

// ---------------------------------------------------------------------------------------------

/// *Registrar solicitação de serviço de transferência de propriedade de veículo* (R §5.6,
/// §6.1.3): vehicle data, buyer data and complementary data. Concepts V-R(c), wire names I.
///
/// The request counts as an entrada when the buyer's CNPJ is the establishment's, else as a
/// saída (R §5.6; see [`renave_domain::sentido_solicitacao`]); the regulation lists no
/// establishment field, so the SDK sends `cpf_cnpj_estabelecimento` (I, `cetmg-api.md` §3.3).
///
/// Build it with [`SolicitacaoTransferencia::builder`]: one setter per field, then `build()`,
/// which names the first required field not set and refuses a table code the SDK does not know
/// (`codigo_cor`, `codigo_tipo`, `codigo_especie`, `codigo_combustivel`, `categoria`,
/// `atividade`, `isencao_ipva`, `modalidade_compra`) unless it was built with the table's
/// `desconhecido_permitido`; `codigo_marca_modelo` and `codigo_carroceria` have no static
/// table in the SDK (their tables are large, only `tabelas-auxiliares` holds them), so only
/// their format is checked (digits). The same check runs before sending and when a request is
/// read back from JSON (`Deserialize` validates).
///
/// ```
/// use renave_domain::{Categoria, Combustivel, Cor, Especie, IsencaoIpva, ModalidadeCompra, TipoVeiculo};
/// use renave_mg_client::operacoes::estoque::SolicitacaoTransferencia;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let solicitacao = SolicitacaoTransferencia::builder()
///     .cpf_cnpj_estabelecimento("11222333000181".parse::<renave_domain::Cnpj>()?)
///     .placa("ABC1D23".parse::<renave_domain::Placa>()?)
///     .renavam("12345678900".parse::<renave_domain::Renavam>()?)
///     .chassi("9BWZZZ377VT004251".parse::<renave_domain::Chassi>()?)
///     .codigo_cor(Cor::Preta)
///     .codigo_tipo(TipoVeiculo::Automovel)
///     .codigo_especie(Especie::Passageiro)
///     .codigo_combustivel(Combustivel::AlcoolGasolina)
///     .codigo_marca_modelo("150101")
///     .categoria(Categoria::Particular)
///     .nome_comprador("Maria Silva")
///     .cpf_cnpj_comprador("52998224725".parse::<renave_domain::CpfCnpj>()?)
///     .endereco_comprador("Av. Afonso Pena")
///     .numero_endereco_comprador("1500")
///     .bairro_comprador("Centro")
///     .cep_comprador("30130000".parse::<renave_domain::Cep>()?)
///     .codigo_municipio_emplacamento("4123".parse::<renave_domain::CodigoMunicipio>()?)
///     .data_recibo("2025-10-09".parse::<renave_domain::Data>()?)
///     .valor_venda("45000.00".parse::<renave_domain::Valor>()?)
///     .isencao_ipva(IsencaoIpva::NaoIsento)
///     .modalidade_compra(ModalidadeCompra::SemFinanciamento)
///     .numero_passageiros(5u32)
///     .build()?;
/// assert_eq!(serde_json::to_value(&solicitacao)?["codigo_cor"], "11");
///
/// // A code not in its table is refused, naming the field: the table writes "01", not "1".
/// let erro = SolicitacaoTransferencia::builder()
///     .codigo_cor("1")
///     .build()
///     .unwrap_err();
/// assert_eq!(erro.tipo(), "cpf_cnpj_estabelecimento"); // the first missing field comes first
/// let erro = solicitacao.clone().com_codigo_cor("1").unwrap_err();
/// assert_eq!(erro.tipo(), "codigo_cor");
///
/// // An unknown code is sent only when explicitly allowed, exactly as given.
/// let nova = solicitacao.com_codigo_cor(Cor::desconhecido_permitido("99"))?;
/// assert_eq!(serde_json::to_value(&nova)?["codigo_cor"], "99");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self")]
pub struct SolicitacaoTransferencia {
    /// `cpf_cnpj_estabelecimento` — CNPJ of the establishment registering (I).
    pub cpf_cnpj_estabelecimento: Cnpj,
    /// `placa`.
    pub placa: Placa,
    /// `renavam`.
    pub renavam: Renavam,
    /// `chassi`.
    pub chassi: Chassi,
    /// `codigo_cor` — from `tabelas-auxiliares/consultar-cores` (R §5.23).
    pub codigo_cor: Cor,
    /// `cilindrada` (cm³).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cilindrada: Option<u32>,
    /// `potencia` (cv).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub potencia: Option<u32>,
    /// `codigo_tipo` — tipo de veículo, from `tabelas-auxiliares/consultar-tipos` (R §5.27).
    pub codigo_tipo: TipoVeiculo,
    /// `codigo_especie` — from `tabelas-auxiliares/consultar-especies` (R §5.24).
    pub codigo_especie: Especie,
    /// `capacidade_maxima_tracao` (t).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacidade_maxima_tracao: Option<f64>,
    /// `registro_transporte_bens` — registro de transporte de bens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registro_transporte_bens: Option<String>,
    /// `numero_passageiros`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_passageiros: Option<u32>,
    /// `codigo_combustivel` — from `tabelas-auxiliares/consultar-combustiveis` (R §5.22).
    pub codigo_combustivel: Combustivel,
    /// `codigo_marca_modelo` — from `tabelas-auxiliares/consultar-marcas-modelos` (R §5.25);
    /// no static table in the SDK, so only its format (digits) is checked.
    pub codigo_marca_modelo: Identificador,
    /// `codigo_carroceria` — from `tabelas-auxiliares/consultar-carrocerias` (R §5.20); no
    /// static table in the SDK, so only its format (digits) is checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codigo_carroceria: Option<Identificador>,
    /// `capacidade_carga` (t).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacidade_carga: Option<f64>,
    /// `numero_eixos`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_eixos: Option<u32>,
    /// `peso_bruto_total` (t).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peso_bruto_total: Option<f64>,
    /// `categoria` — from `tabelas-auxiliares/consultar-categorias` (R §5.21).
    pub categoria: Categoria,
    /// `atividade` — T táxi, L locadora, E escolar, C coleção, O outros (values V, name I).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub atividade: Option<Atividade>,
    /// `nome_comprador`.
    pub nome_comprador: String,
    /// `cpf_cnpj_comprador`.
    pub cpf_cnpj_comprador: CpfCnpj,
    /// `endereco_comprador` — logradouro.
    pub endereco_comprador: String,
    /// `numero_endereco_comprador`.
    pub numero_endereco_comprador: String,
    /// `complemento_comprador`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complemento_comprador: Option<String>,
    /// `bairro_comprador`.
    pub bairro_comprador: String,
    /// `cep_comprador`.
    pub cep_comprador: renave_domain::Cep,
    /// `endereco_correspondencia` — logradouro para correspondência.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endereco_correspondencia: Option<String>,
    /// `numero_correspondencia`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_correspondencia: Option<String>,
    /// `complemento_correspondencia`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complemento_correspondencia: Option<String>,
    /// `bairro_correspondencia`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bairro_correspondencia: Option<String>,
    /// `cep_correspondencia`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cep_correspondencia: Option<renave_domain::Cep>,
    /// `codigo_municipio_emplacamento` — from `consultar-municipios-minas-gerais` (R §5.26).
    pub codigo_municipio_emplacamento: CodigoMunicipio,
    /// `data_recibo` — date of the receipt (`YYYY-MM-DD`, I).
    pub data_recibo: Data,
    /// `valor_venda` — sale value.
    pub valor_venda: Valor,
    /// `isencao_ipva` — 1 isento, 2 não isento (values V).
    pub isencao_ipva: IsencaoIpva,
    /// `modalidade_compra` — 0 sem financiamento, 2 reserva de domínio, 4 com financiamento.
    pub modalidade_compra: ModalidadeCompra,
}

impl SolicitacaoTransferencia {
    /// Whether CET-MG will treat this request as an entrada or a saída of stock: entrada when
    /// the buyer's CNPJ is the establishment's (R §5.6, §6.1.3).
    pub fn sentido(&self) -> SentidoSolicitacao {
        sentido_solicitacao(&self.cpf_cnpj_comprador, &self.cpf_cnpj_estabelecimento)
    }
}

impl Operacao for SolicitacaoTransferencia {
    const ENDPOINT: Endpoint = REGISTRAR_SOLICITACAO_TRANSFERENCIA;
    type Resposta = RespostaRetorno;
    type Erro = crate::erro::Erro;
    fn validar(&self) -> Result<(), crate::erro::Erro> {
        let operacao = Self::ENDPOINT.name;
        self.verificar()
            .map_err(|e| entrada_de_dominio(operacao, e))
    }
}

impl SolicitacaoTransferencia {
    /// Checks what the field types cannot, before anything is sent (the client calls it; so do
    /// `build()` and `Deserialize`): every table code is known (or explicitly allowed), the
    /// codes without a static table are digits, the buyer's texts are not blank, the measures
    /// are finite and non-negative.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the wire name of the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        self.codigo_cor.exigir_conhecido("codigo_cor")?;
        self.codigo_tipo.exigir_conhecido("codigo_tipo")?;
        self.codigo_especie.exigir_conhecido("codigo_especie")?;
        self.codigo_combustivel
            .exigir_conhecido("codigo_combustivel")?;
        exigir_codigo_numerico("codigo_marca_modelo", &self.codigo_marca_modelo.to_string())?;
        if let Some(c) = &self.codigo_carroceria {
            exigir_codigo_numerico("codigo_carroceria", &c.to_string())?;
        }
        self.categoria.exigir_conhecido("categoria")?;
        if let Some(a) = &self.atividade {
            a.exigir_conhecido("atividade")?;
        }
        self.isencao_ipva.exigir_conhecido("isencao_ipva")?;
        self.modalidade_compra
            .exigir_conhecido("modalidade_compra")?;
        exigir_texto("nome_comprador", &self.nome_comprador)?;
        exigir_texto("endereco_comprador", &self.endereco_comprador)?;
        exigir_texto("numero_endereco_comprador", &self.numero_endereco_comprador)?;
        exigir_texto("bairro_comprador", &self.bairro_comprador)?;
        for (campo, v) in [
            ("capacidade_maxima_tracao", self.capacidade_maxima_tracao),
            ("capacidade_carga", self.capacidade_carga),
            ("peso_bruto_total", self.peso_bruto_total),
        ] {
            if v.is_some_and(|x| !x.is_finite() || x < 0.0) {
                return Err(ErroDominio::new(
                    campo,
                    Motivo::ForaDoIntervalo {
                        regra: "a finite, non-negative number",
                    },
                ));
            }
        }
        Ok(())
    }

    /// This request with another `codigo_cor`, checked (the colour is the field most often
    /// corrected after a `consultar-cores` lookup).
    ///
    /// # Errors
    ///
    /// As [`verificar`](Self::verificar).
    pub fn com_codigo_cor(mut self, codigo_cor: impl Into<Cor>) -> Result<Self, ErroDominio> {
        self.codigo_cor = codigo_cor.into();
        self.verificar()?;
        Ok(self)
    }
}

renave_domain::construtor_requisicao! {
    SolicitacaoTransferencia => ConstrutorSolicitacaoTransferencia {
        obrigatorios {
            cpf_cnpj_estabelecimento: Cnpj,
            placa: Placa,
            renavam: Renavam,
            chassi: Chassi,
            codigo_cor: Cor,
            codigo_tipo: TipoVeiculo,
            codigo_especie: Especie,
            codigo_combustivel: Combustivel,
            codigo_marca_modelo: Identificador,
            categoria: Categoria,
            nome_comprador: String,
            cpf_cnpj_comprador: CpfCnpj,
            endereco_comprador: String,
            numero_endereco_comprador: String,
            bairro_comprador: String,
            cep_comprador: renave_domain::Cep,
            codigo_municipio_emplacamento: CodigoMunicipio,
            data_recibo: Data,
            valor_venda: Valor,
            isencao_ipva: IsencaoIpva,
            modalidade_compra: ModalidadeCompra,
        }
        opcionais {
            cilindrada: u32,
            potencia: u32,
            capacidade_maxima_tracao: f64,
            registro_transporte_bens: String,
            numero_passageiros: u32,
            codigo_carroceria: Identificador,
            capacidade_carga: f64,
            numero_eixos: u32,
            peso_bruto_total: f64,
            atividade: Atividade,
            complemento_comprador: String,
            endereco_correspondencia: String,
            numero_correspondencia: String,
            complemento_correspondencia: String,
            bairro_correspondencia: String,
            cep_correspondencia: renave_domain::Cep,
        }
    }
}

super::requisicao_validada!(SolicitacaoTransferencia);

// ---------------------------------------------------------------------------------------------

/// *Registrar comunicação de venda na entrada de estoque* (R §5.4, §6.1.8): placa, RENAVAM,
/// chassi and the signed ATPV-e number (concepts V-R(c), names I).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ComunicacaoVendaEntradaEstoque {
    /// `placa`.
    pub placa: Placa,
    /// `renavam` — código RENAVAM.
    pub renavam: Renavam,
    /// `chassi`.
    pub chassi: Chassi,
    /// `numero_atpve` — number of the signed ATPV-e.
    pub numero_atpve: String,
}

impl Operacao for ComunicacaoVendaEntradaEstoque {
    const ENDPOINT: Endpoint = REGISTRAR_COMUNICACAO_VENDA_ENTRADA_ESTOQUE;
    type Resposta = RespostaRetorno;
    type Erro = crate::erro::Erro;
    fn validar(&self) -> Result<(), crate::erro::Erro> {
        let operacao = Self::ENDPOINT.name;
        validar_atpve(operacao, &self.numero_atpve)
    }
}

/// *Registrar comunicação de venda na saída de estoque* (R §5.5, §6.2.4): the stock id
/// (Renave-WS `idEstoque`, I), buyer, placa, RENAVAM, chassi and the signed ATPV-e number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ComunicacaoVendaSaidaEstoque {
    /// `id_estoque` — identificador do estoque.
    pub id_estoque: Identificador,
    /// `cpf_cnpj_comprador`.
    pub cpf_cnpj_comprador: CpfCnpj,
    /// `placa`.
    pub placa: Placa,
    /// `renavam`.
    pub renavam: Renavam,
    /// `chassi`.
    pub chassi: Chassi,
    /// `numero_atpve` — number of the signed ATPV-e.
    pub numero_atpve: String,
}

impl Operacao for ComunicacaoVendaSaidaEstoque {
    const ENDPOINT: Endpoint = REGISTRAR_COMUNICACAO_VENDA_SAIDA_ESTOQUE;
    type Resposta = RespostaRetorno;
    type Erro = crate::erro::Erro;
    fn validar(&self) -> Result<(), crate::erro::Erro> {
        let operacao = Self::ENDPOINT.name;
        if self.id_estoque.to_string().trim().is_empty() {
            return Err(Erro::entrada(
                operacao,
                "id_estoque",
                "`id_estoque` is empty",
            ));
        }
        validar_atpve(operacao, &self.numero_atpve)
    }
}

fn validar_atpve(operacao: &str, numero: &str) -> Result<(), Erro> {
    let n = numero.trim();
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Erro::entrada(
            operacao,
            "numero_atpve",
            "`numero_atpve` must be a non-empty alphanumeric ATPV-e number",
        ));
    }
    Ok(())
}
