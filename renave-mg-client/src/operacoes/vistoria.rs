//! Vistoria — distribuição to an ECV and laudos (Regulamento Técnico CET-MG §5.8–§5.11, §6.1.6;
//! `cetmg-api.md` §3.5–§3.8, §3.21).
//!
//! ```no_run
//! use renave_mg_client::ClienteCetMg;
//! use renave_mg_client::operacoes::vistoria::{ConsultaRegioesMunicipio, DistribuicaoVeiculoEcv};
//! # async fn f(cliente: ClienteCetMg) -> Result<(), Box<dyn std::error::Error>> {
//! let regioes = cliente
//!     .retornar_regioes_municipio(&ConsultaRegioesMunicipio {
//!         municipio_id: 4123u64.into(),
//!         tipo_ecv_id: 1u64.into(),
//!     })
//!     .await?;
//! let Some(regiao) = regioes.dados.validos().first().and_then(|r| r.municipio_regiao_id.clone()) else {
//!     return Ok(());
//! };
//! let distribuicao = cliente
//!     .distribuir_veiculo_ecv(&DistribuicaoVeiculoEcv {
//!         cnpj_estabelecimento: "11222333000181".parse()?,
//!         municipio_regiao_id: regiao,
//!         cpf_cnpj_comprador: "52998224725".parse()?,
//!         telefone_comprador: "31999990000".into(),
//!         email_comprador: "comprador@example.com".into(),
//!         vistoria_movel: false,
//!         receber_pesquisa: true,
//!     })
//!     .await?;
//! println!("ECV: {:?}", distribuicao.razao_social_ecv);
//! # Ok(()) }
//! ```

use renave_domain::CamposExtras;
use renave_domain::rotas;
use renave_domain::{
    Chassi, Cnpj, CodigoTaxa, CpfCnpj, Data, ValidadeLaudo, taxa_distribuicao_vistoria,
};
use renave_http::{Endpoint, Idempotency};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Identificador, Lista, Operacao, Recebido, Retorno, rota};

/// `GET vistoria/consultar-distribuicao-ativa/{cpf_cnpj_comprador}/{chassi}` — R §5.8. The
/// regulation misprints this path (erratum 1); this route is the SDK's assumption (I, decision
/// D1), overridable.
pub const CONSULTAR_DISTRIBUICAO_ATIVA: Endpoint = Endpoint {
    name: "consultar_distribuicao_ativa",
    route: rota(rotas::cetmg::CONSULTAR_DISTRIBUICAO_ATIVA),
    idempotency: Idempotency::Idempotent,
};

/// `GET vistoria/consultar-ultimo-laudo/{cpf_cnpj_comprador}/{chassi}` — R §5.9. Path V;
/// method I.
pub const CONSULTAR_ULTIMO_LAUDO: Endpoint = Endpoint {
    name: "consultar_ultimo_laudo",
    route: rota(rotas::cetmg::CONSULTAR_ULTIMO_LAUDO),
    idempotency: Idempotency::Idempotent,
};

/// `GET vistoria/retornar-regioes-municipio/{municipio_id}/{tipo_ecv_id}` — R §5.10, §6.1.6.
/// Path V; method I.
pub const RETORNAR_REGIOES_MUNICIPIO: Endpoint = Endpoint {
    name: "retornar_regioes_municipio",
    route: rota(rotas::cetmg::RETORNAR_REGIOES_MUNICIPIO),
    idempotency: Idempotency::Idempotent,
};

/// `POST vistoria/distribuir` — R §5.11, §6.1.6. Path V; method I. State-changing.
pub const DISTRIBUIR_VEICULO_ECV: Endpoint = Endpoint {
    name: "distribuir_veiculo_ecv",
    route: rota(rotas::cetmg::DISTRIBUIR_VEICULO_ECV),
    idempotency: Idempotency::StateChanging,
};

/// Path parameters `{cpf_cnpj_comprador}/{chassi}` shared by the vistoria and Agenda Minas
/// lookups (R §5.8, §5.9, §5.12, §5.13; names V).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CompradorChassi {
    /// `{cpf_cnpj_comprador}` — CPF/CNPJ of the buyer.
    pub cpf_cnpj_comprador: CpfCnpj,
    /// `{chassi}`.
    pub chassi: Chassi,
}

impl CompradorChassi {
    /// The buyer `cpf_cnpj_comprador` and the vehicle `chassi`.
    pub fn new(cpf_cnpj_comprador: CpfCnpj, chassi: Chassi) -> Self {
        Self {
            cpf_cnpj_comprador,
            chassi,
        }
    }
}

/// *Consultar distribuição ativa de veículo para uma ECV* (R §5.8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConsultaDistribuicaoAtiva(pub CompradorChassi);

impl Operacao for ConsultaDistribuicaoAtiva {
    const ENDPOINT: Endpoint = CONSULTAR_DISTRIBUICAO_ATIVA;
    type Resposta = RespostaDistribuicao;
    type Erro = crate::erro::Erro;
}

/// *Consultar último laudo de um veículo* (R §5.9).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConsultaUltimoLaudo(pub CompradorChassi);

impl Operacao for ConsultaUltimoLaudo {
    const ENDPOINT: Endpoint = CONSULTAR_ULTIMO_LAUDO;
    type Resposta = RespostaUltimoLaudo;
    type Erro = crate::erro::Erro;
}

/// Answer of `consultar-ultimo-laudo` (R §5.9: not described, ?). The issue date is what the
/// 120-day validity needs (Portaria 1.542/2025 Art. 21 §1; R §6.2.3 item 6).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct RespostaUltimoLaudo {
    /// The envelope.
    #[serde(flatten)]
    pub retorno: Retorno,
    /// `numero_laudo` (I).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_laudo: Option<Identificador>,
    /// `data_emissao` — issue date of the laudo (I).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_emissao: Option<Recebido<Data>>,
    /// `resultado` — outcome of the vistoria (I).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resultado: Option<String>,
    /// Fields this SDK does not model, kept unchanged.
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(RespostaUltimoLaudo {
    retorno,
    numero_laudo,
    data_emissao,
    resultado,
    extras
});

impl RespostaUltimoLaudo {
    /// The laudo's validity on `referencia`: valid while at most 120 days have passed since its
    /// issue (Portaria 1.542/2025 Art. 21 §1; R §6.2.3 item 6.2); **indeterminado** — never
    /// valid — when the answer has no issue date, one the SDK cannot read, or one after
    /// `referencia` (issue 12, fail closed).
    ///
    /// ```
    /// use renave_mg_client::operacoes::vistoria::RespostaUltimoLaudo;
    ///
    /// let sem_data: RespostaUltimoLaudo = serde_json::from_str(r#"{"codigo_retorno": "000"}"#)?;
    /// let hoje = "2025-05-01".parse()?;
    /// assert!(sem_data.validade_em(hoje).is_indeterminado());
    /// let laudo: RespostaUltimoLaudo = serde_json::from_str(r#"{"data_emissao": "2025-01-01"}"#)?;
    /// assert!(laudo.validade_em(hoje).is_valido());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validade_em(&self, referencia: Data) -> ValidadeLaudo {
        ValidadeLaudo::avaliar(self.data_emissao.as_ref(), referencia)
    }
}

/// *Retornar regiões de município que possuem ECV* (R §5.10): path parameters (names V;
/// whether `municipio_id` is the CET or IBGE code is ?, so it is sent as given).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConsultaRegioesMunicipio {
    /// `{municipio_id}` — from `consultar-municipios-minas-gerais` (R §5.26).
    pub municipio_id: Identificador,
    /// `{tipo_ecv_id}` — type of ECV (meaning not documented, ?).
    pub tipo_ecv_id: Identificador,
}

impl Operacao for ConsultaRegioesMunicipio {
    const ENDPOINT: Endpoint = RETORNAR_REGIOES_MUNICIPIO;
    type Resposta = Lista<RegiaoMunicipio>;
    type Erro = crate::erro::Erro;
}

/// One region of a municipality (R §5.10; `municipio_regiao_id` V, other names I).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct RegiaoMunicipio {
    /// `municipio_regiao_id` — what `distribuir` takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipio_regiao_id: Option<Identificador>,
    /// `nome_regiao`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nome_regiao: Option<String>,
    /// `regiao_padrao` — the default region (1 = sim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regiao_padrao: Option<Recebido<bool>>,
    /// Fields this SDK does not model, kept unchanged.
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(RegiaoMunicipio {
    municipio_regiao_id,
    nome_regiao,
    regiao_padrao,
    extras
});

/// *Distribuir o veículo para uma ECV* (R §5.11, §6.1.6): `municipio_regiao_id` V, other names
/// I. The taxa de vistoria móvel (DAE code 64) must be paid first when `vistoria_movel` is true
/// (R §5.11; the SDK's reading P, `cetmg-api.md` errata 17).
///
/// Build it with [`DistribuicaoVeiculoEcv::builder`] (`vistoria_movel` and `receber_pesquisa`
/// default to `false`); `Deserialize` runs the same [`verificar`](Self::verificar).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self")]
pub struct DistribuicaoVeiculoEcv {
    /// `cnpj_estabelecimento` — CNPJ of the establishment asking for the vistoria.
    pub cnpj_estabelecimento: Cnpj,
    /// `municipio_regiao_id` — from `retornar-regioes-municipio`.
    pub municipio_regiao_id: Identificador,
    /// `cpf_cnpj_comprador`.
    pub cpf_cnpj_comprador: CpfCnpj,
    /// `telefone_comprador`.
    pub telefone_comprador: String,
    /// `email_comprador`.
    pub email_comprador: String,
    /// `vistoria_movel` — true móvel, false presencial.
    pub vistoria_movel: bool,
    /// `receber_pesquisa` — the buyer accepts the satisfaction survey.
    pub receber_pesquisa: bool,
}

impl DistribuicaoVeiculoEcv {
    /// The fee that must be paid (DAE, [`emitir_guia_dae`](crate::ClienteCetMg::emitir_guia_dae))
    /// before this distribution: the taxa de vistoria móvel (code 64) for a vistoria móvel,
    /// none otherwise (R §5.11; the SDK's reading P of erratum 17).
    pub fn taxa_exigida(&self) -> Option<CodigoTaxa> {
        taxa_distribuicao_vistoria(self.vistoria_movel)
    }
}

impl Operacao for DistribuicaoVeiculoEcv {
    const ENDPOINT: Endpoint = DISTRIBUIR_VEICULO_ECV;
    type Resposta = RespostaDistribuicao;
    type Erro = crate::erro::Erro;
    fn validar(&self) -> Result<(), crate::erro::Erro> {
        let operacao = Self::ENDPOINT.name;
        self.verificar()
            .map_err(|e| super::entrada_de_dominio(operacao, e))
    }
}

impl DistribuicaoVeiculoEcv {
    /// Checks what the field types cannot, before anything is sent (the client calls it; so do
    /// `build()` and `Deserialize`): `telefone_comprador` holds only digits, spaces, `( ) + -`;
    /// `email_comprador` is an e-mail address.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`](renave_domain::ErroDominio) whose `tipo()` is the field's wire name.
    pub fn verificar(&self) -> Result<(), renave_domain::ErroDominio> {
        use renave_domain::{ErroDominio, Motivo};
        renave_domain::tabelas::construtor::exigir_texto(
            "telefone_comprador",
            &self.telefone_comprador,
        )?;
        let tel = self.telefone_comprador.trim();
        if !tel
            .bytes()
            .all(|b| b.is_ascii_digit() || b" ()+-".contains(&b))
        {
            return Err(ErroDominio::new(
                "telefone_comprador",
                Motivo::Formato {
                    regra: "only digits, spaces, ( ) + -",
                },
            ));
        }
        let email = self.email_comprador.trim();
        let valido = email.split_once('@').is_some_and(|(u, d)| {
            !u.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
        }) && !email.contains(char::is_whitespace);
        if !valido {
            return Err(ErroDominio::new(
                "email_comprador",
                Motivo::Formato {
                    regra: "an e-mail address",
                },
            ));
        }
        Ok(())
    }
}

renave_domain::construtor_requisicao! {
    DistribuicaoVeiculoEcv => ConstrutorDistribuicaoVeiculoEcv {
        obrigatorios {
            cnpj_estabelecimento: Cnpj,
            municipio_regiao_id: Identificador,
            cpf_cnpj_comprador: CpfCnpj,
            telefone_comprador: String,
            email_comprador: String,
        }
        opcionais {}
        padrao {
            vistoria_movel: bool,
            receber_pesquisa: bool,
        }
    }
}

super::requisicao_validada!(DistribuicaoVeiculoEcv);

/// Answer of `distribuir` (and of `consultar-distribuicao-ativa`, assumed to describe the same
/// distribution): every output R §6.1.6 lists, one optional field per distinct label
/// (`cetmg-api.md` §3.8.1; names I).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct RespostaDistribuicao {
    /// The envelope.
    #[serde(flatten)]
    pub retorno: Retorno,
    /// `cnpj_ecv` — CNPJ of the designated ECV.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cnpj_ecv: Option<Recebido<Cnpj>>,
    /// `razao_social_ecv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub razao_social_ecv: Option<String>,
    /// `nome_fantasia_ecv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nome_fantasia_ecv: Option<String>,
    /// `email_ecv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_ecv: Option<String>,
    /// `telefone_ecv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefone_ecv: Option<String>,
    /// `celular_ecv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub celular_ecv: Option<String>,
    /// `site_ecv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_ecv: Option<String>,
    /// `observacoes_ecv` — observações gerais.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observacoes_ecv: Option<String>,
    /// `logradouro_ecv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logradouro_ecv: Option<String>,
    /// `numero_ecv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_ecv: Option<String>,
    /// `complemento_ecv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complemento_ecv: Option<String>,
    /// `bairro_ecv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bairro_ecv: Option<String>,
    /// `cep_ecv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cep_ecv: Option<Recebido<renave_domain::Cep>>,
    /// `municipio_id_ecv` — the ECV's municipality id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipio_id_ecv: Option<Identificador>,
    /// `uf_ecv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uf_ecv: Option<Recebido<renave_domain::Uf>>,
    /// `email_comprador`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_comprador: Option<String>,
    /// `cpf_cnpj_comprador`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpf_cnpj_comprador: Option<Recebido<CpfCnpj>>,
    /// `nome_comprador`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nome_comprador: Option<String>,
    /// `telefone_comprador`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefone_comprador: Option<String>,
    /// `tipo_documento_comprador`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tipo_documento_comprador: Option<Identificador>,
    /// `receber_pesquisa`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receber_pesquisa: Option<Recebido<bool>>,
    /// `placa`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placa: Option<Recebido<renave_domain::Placa>>,
    /// `chassi`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chassi: Option<Recebido<Chassi>>,
    /// `utilizado` — whether the vehicle was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilizado: Option<Recebido<bool>>,
    /// `vistoria_movel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vistoria_movel: Option<Recebido<bool>>,
    /// `motivo_vistoria_movel_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivo_vistoria_movel_id: Option<Identificador>,
    /// `motivo_vistoria_id` (listed twice in R §6.1.6; one field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivo_vistoria_id: Option<Identificador>,
    /// `municipio_vistoria_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipio_vistoria_id: Option<Identificador>,
    /// `municipio_atendimento_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipio_atendimento_id: Option<Identificador>,
    /// `unidade_responsavel_id` — "ID da unidade responsável".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unidade_responsavel_id: Option<Identificador>,
    /// `vistoria_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vistoria_id: Option<Identificador>,
    /// `unidade_responsavel_vistoria_id` — "ID da unidade responsável pela vistoria".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unidade_responsavel_vistoria_id: Option<Identificador>,
    /// `nome_municipio`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nome_municipio: Option<String>,
    /// `nome_regiao`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nome_regiao: Option<String>,
    /// `regiao_padrao` — 1 = sim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regiao_padrao: Option<Recebido<bool>>,
    /// Fields this SDK does not model, kept unchanged.
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(RespostaDistribuicao {
    retorno,
    cnpj_ecv,
    razao_social_ecv,
    nome_fantasia_ecv,
    email_ecv,
    telefone_ecv,
    celular_ecv,
    site_ecv,
    observacoes_ecv,
    logradouro_ecv,
    numero_ecv,
    complemento_ecv,
    bairro_ecv,
    cep_ecv,
    municipio_id_ecv,
    uf_ecv,
    email_comprador,
    cpf_cnpj_comprador,
    nome_comprador,
    telefone_comprador,
    tipo_documento_comprador,
    receber_pesquisa,
    placa,
    chassi,
    utilizado,
    vistoria_movel,
    motivo_vistoria_movel_id,
    motivo_vistoria_id,
    municipio_vistoria_id,
    municipio_atendimento_id,
    unidade_responsavel_id,
    vistoria_id,
    unidade_responsavel_vistoria_id,
    nome_municipio,
    nome_regiao,
    regiao_padrao,
    extras
});
