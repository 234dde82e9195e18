//! Portal de Trânsito — *emitir guia do DAE* (Regulamento Técnico CET-MG §5.7, §6.1.5;
//! `cetmg-api.md` §3.4, §5).
//!
//! ```no_run
//! use renave_domain::{CodigoTaxa, Uf};
//! use renave_mg_client::ClienteCetMg;
//! use renave_mg_client::operacoes::dae::EmissaoGuiaDae;
//! # async fn f(cliente: ClienteCetMg) -> Result<(), Box<dyn std::error::Error>> {
//! let resposta = cliente
//!     .emitir_guia_dae(&EmissaoGuiaDae {
//!         cnpj_estabelecimento: "11222333000181".parse()?,
//!         codigo_taxa: CodigoTaxa::VistoriaMovel,
//!         cpf_cnpj_comprador: "52998224725".parse()?,
//!         uf_origem_comprador: Uf::Mg,
//!         codigo_municipio_emplacamento: "4123".parse()?,
//!     })
//!     .await?;
//! for guia in &resposta.guias {
//!     if let Some(Ok(linha)) = guia.linha_digitavel.as_ref().map(|l| l.valor()) {
//!         println!("pay with {linha:#}");
//!     }
//!     let pdf: Vec<u8> = guia.pdf()?;
//!     # let _ = pdf;
//! }
//! # Ok(()) }
//! ```

use renave_domain::CamposExtras;
use renave_domain::{
    Chassi, Cnpj, CodigoMunicipio, CodigoMunicipioIbge, CodigoTaxa, CpfCnpj, Data, LinhaDigitavel,
    PixCopiaECola, Placa, Renavam, Uf, Valor,
};
use renave_http::{Endpoint, Idempotency};
use schemars::JsonSchema;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Identificador, Operacao, Recebido, Retorno, pdf_de_base64};
use crate::erro::Erro;

/// `POST portal-transito/emitir-guia-dae` — R §5.7, §6.1.5. Path V; method I. State-changing
/// (it issues a payment document): never resent (decision D6).
pub const EMITIR_GUIA_DAE: Endpoint = Endpoint {
    name: "emitir_guia_dae",
    route: super::rota(renave_domain::rotas::cetmg::EMITIR_GUIA_DAE),
    idempotency: Idempotency::StateChanging,
};

/// *Emitir guia do DAE* (R §6.1.5): the five data the regulation lists (concepts V-R(c),
/// names I; taxa code 64 = vistoria móvel is V).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EmissaoGuiaDae {
    /// `cnpj_estabelecimento` — CNPJ of the establishment issuing the guia.
    pub cnpj_estabelecimento: Cnpj,
    /// `codigo_taxa` — 64 for vistoria móvel.
    pub codigo_taxa: CodigoTaxa,
    /// `cpf_cnpj_comprador`.
    pub cpf_cnpj_comprador: CpfCnpj,
    /// `uf_origem_comprador` — UF of origin of the buyer.
    pub uf_origem_comprador: Uf,
    /// `codigo_municipio_emplacamento` — from `consultar-municipios-minas-gerais` (R §5.26).
    pub codigo_municipio_emplacamento: CodigoMunicipio,
}

impl Operacao for EmissaoGuiaDae {
    const ENDPOINT: Endpoint = EMITIR_GUIA_DAE;
    type Resposta = RespostaEmitirGuiaDae;
    type Erro = crate::erro::Erro;
    /// `codigo_taxa` is a code the SDK knows, or one built with
    /// `CodigoTaxa::desconhecido_permitido`: an unknown code is refused and nothing is sent.
    fn validar(&self) -> Result<(), crate::erro::Erro> {
        self.codigo_taxa
            .exigir_conhecido("codigo_taxa")
            .map_err(|e| super::entrada_de_dominio(Self::ENDPOINT.name, e))
    }
}

/// The start of the decoding error of an answer that carries nothing the SDK reads: the
/// client reports it as [`Erro::RespostaNaoReconhecida`] (decision D11), never as a success.
pub(crate) const MARCA_NAO_RECONHECIDA: &str = "answer not recognised: ";

/// The envelope's fields, which say nothing about a guia.
const CAMPOS_ENVELOPE: [&str; 3] = ["codigo_retorno", "mensagem_retorno", "mensagem"];

/// The names under which a list of guias is read (`guias`, the name the contract models and
/// can rename, first).
const CHAVES_LISTA: [&str; 6] = ["guias", "dados", "data", "itens", "lista", "opcoes"];

/// Answer of `emitir-guia-dae` (R §6.1.5; `cetmg-api.md` §3.4): the regulation lists the
/// fields of **one** guia and says that with several solicitações "the system returns all
/// options", without naming the fields or the shape. Every plausible shape is read into the
/// same value:
///
/// * one guia at the top level of the answer, beside the envelope (the simulators' answer for
///   one solicitação);
/// * the guias in a list field, `guias` (the modelled name; `dados`, `data`, `itens`, `lista`
///   and `opcoes` are read too), beside the envelope (the simulators' answer for several);
/// * a bare JSON list of guias (no envelope).
///
/// Its JSON Schema describes the three shapes (`anyOf`), so the contract
/// (`renave_http::contrato`) can rename a guia's fields in whichever shape the wire uses: at
/// the top level (`linha_digitavel`), in the list field (`guias[].linha_digitavel`) or in a
/// bare list (`[].linha_digitavel`).
///
/// Fail closed (decision D11): an answer with no guia, or with a guia none of whose fields the
/// SDK models, is never a success: [`Erro::RespostaNaoReconhecida`] (the DAE may have been
/// issued: look it up, do not resend), or [`Erro::Negocio`] when its `codigo_retorno` is a
/// refusal.
#[derive(Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RespostaEmitirGuiaDae {
    /// The envelope (`codigo_retorno` "000").
    #[serde(flatten)]
    pub retorno: Retorno,
    /// The guias: one, or one per pending solicitação; never empty in a decoded answer.
    pub guias: Vec<GuiaDae>,
    /// Fields of a list wrapper this SDK does not model.
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(RespostaEmitirGuiaDae {
    retorno,
    guias,
    extras
});

impl JsonSchema for RespostaEmitirGuiaDae {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RespostaEmitirGuiaDae".into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let guia = g.subschema_for::<GuiaDae>();
        let retorno = g.subschema_for::<Retorno>();
        let lista = g.subschema_for::<Vec<GuiaDae>>();
        schemars::json_schema!({
            "description": "One guia at the top level, the guias under `guias`, or a bare list \
                of guias (R §6.1.5).",
            "anyOf": [
                guia,
                {
                    "type": "object",
                    "allOf": [retorno],
                    "properties": { "guias": lista }
                },
                lista
            ]
        })
    }
}

impl<'de> Deserialize<'de> for RespostaEmitirGuiaDae {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let lista = |v: Value| serde_json::from_value::<Vec<GuiaDae>>(v).map_err(de::Error::custom);
        let resposta = match Value::deserialize(d)? {
            Value::Array(a) => Self {
                guias: lista(Value::Array(a))?,
                ..Self::default()
            },
            Value::Object(mut map) => {
                let chave = CHAVES_LISTA
                    .iter()
                    .find(|k| map.get(**k).is_some_and(Value::is_array))
                    .map(|k| (*k).to_owned());
                if let Some(chave) = chave {
                    let guias = lista(map.remove(&chave).unwrap_or(Value::Null))?;
                    let retorno: Retorno = serde_json::from_value(Value::Object(
                        CAMPOS_ENVELOPE
                            .iter()
                            .filter_map(|k| map.remove(*k).map(|v| ((*k).to_owned(), v)))
                            .collect(),
                    ))
                    .map_err(de::Error::custom)?;
                    Self {
                        retorno,
                        guias,
                        extras: map.into(),
                    }
                } else {
                    let guia: GuiaDae =
                        serde_json::from_value(Value::Object(map)).map_err(de::Error::custom)?;
                    if !guia.tem_campo_modelado() {
                        return Err(de::Error::custom(format!(
                            "{MARCA_NAO_RECONHECIDA}no guia field the contract models in the answer"
                        )));
                    }
                    Self {
                        retorno: guia.retorno.clone(),
                        guias: vec![guia],
                        extras: CamposExtras::new(),
                    }
                }
            }
            outro => {
                return Err(de::Error::custom(format!(
                    "expected a DAE object or list, found {}",
                    super::tipo_json(&outro)
                )));
            }
        };
        // Fail closed (decision D11): nothing read is never an empty success. A refusal (an
        // envelope alone) fails here too, and the client reports its code as a refusal.
        if resposta.guias.is_empty() {
            return Err(de::Error::custom(format!(
                "{MARCA_NAO_RECONHECIDA}no guia in the answer"
            )));
        }
        if let Some(i) = resposta.guias.iter().position(|g| !g.tem_campo_modelado()) {
            return Err(de::Error::custom(format!(
                "{MARCA_NAO_RECONHECIDA}guia {i} has no field the contract models"
            )));
        }
        Ok(resposta)
    }
}

/// One DAE guia (R §6.1.5 answer list; concepts V-R(c), names I). Validated fields
/// (linha digitável, Pix, identifiers, dates, value) are [`Recebido`]: typed when valid, kept
/// as sent otherwise ([`Recebido::valor`] says why), so a field the SDK cannot validate never
/// fails the answer.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct GuiaDae {
    /// The envelope, when the guia is the answer object itself.
    #[serde(flatten)]
    pub retorno: Retorno,
    /// `codigo_tipo_contribuinte`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codigo_tipo_contribuinte: Option<Identificador>,
    /// `linha_digitavel` — 48-digit Febraban arrecadação line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linha_digitavel: Option<Recebido<LinhaDigitavel>>,
    /// `codigo_ibge_municipio`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codigo_ibge_municipio: Option<Recebido<CodigoMunicipioIbge>>,
    /// `nome_municipio`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nome_municipio: Option<String>,
    /// `codigo_municipio`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codigo_municipio: Option<Identificador>,
    /// `mes_ano_referencia` — month/year of reference of the DAE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mes_ano_referencia: Option<String>,
    /// `data_emissao` — issue date of the DAE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_emissao: Option<Recebido<Data>>,
    /// `numero_identificacao_boleto` — the DAE's identification number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_identificacao_boleto: Option<Identificador>,
    /// `valor_taxa` — fee value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valor_taxa: Option<Recebido<Valor>>,
    /// `data_vencimento` — due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_vencimento: Option<Recebido<Data>>,
    /// `pix_copia_e_cola` — EMV BR Code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pix_copia_e_cola: Option<Recebido<PixCopiaECola>>,
    /// `arquivo_dae` — the DAE PDF in base64; decode it with [`pdf`](Self::pdf).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arquivo_dae: Option<String>,
    /// `placa`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placa: Option<Recebido<Placa>>,
    /// `chassi`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chassi: Option<Recebido<Chassi>>,
    /// `renavam`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renavam: Option<Recebido<Renavam>>,
    /// `cpf_cnpj_contribuinte`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpf_cnpj_contribuinte: Option<Recebido<CpfCnpj>>,
    /// `nome_contribuinte`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nome_contribuinte: Option<String>,
    /// `endereco_contribuinte`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endereco_contribuinte: Option<String>,
    /// `telefone_contribuinte`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefone_contribuinte: Option<String>,
    /// `numero_identificacao_contribuinte`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_identificacao_contribuinte: Option<Identificador>,
    /// `codigo_taxa`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codigo_taxa: Option<CodigoTaxa>,
    /// Fields this SDK does not model (including `mensagem1` … `mensagem18`, read with
    /// [`mensagens`](Self::mensagens)).
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(GuiaDae {
    retorno,
    codigo_tipo_contribuinte,
    linha_digitavel,
    codigo_ibge_municipio,
    nome_municipio,
    codigo_municipio,
    mes_ano_referencia,
    data_emissao,
    numero_identificacao_boleto,
    valor_taxa,
    data_vencimento,
    pix_copia_e_cola,
    arquivo_dae,
    placa,
    chassi,
    renavam,
    cpf_cnpj_contribuinte,
    nome_contribuinte,
    endereco_contribuinte,
    telefone_contribuinte,
    numero_identificacao_contribuinte,
    codigo_taxa,
    extras
});

impl GuiaDae {
    /// Whether the guia has any field the SDK models besides the envelope (a guia of unknown
    /// fields only is not one the SDK can read).
    fn tem_campo_modelado(&self) -> bool {
        let vazia = GuiaDae {
            retorno: self.retorno.clone(),
            extras: self.extras.clone(),
            ..GuiaDae::default()
        };
        *self != vazia
    }

    /// The DAE PDF (decoded from `arquivo_dae`, `%PDF-` checked).
    ///
    /// # Errors
    ///
    /// [`Erro::Documento`] when there is no file, it is not base64, or not a PDF.
    pub fn pdf(&self) -> Result<Vec<u8>, Erro> {
        let texto = self.arquivo_dae.as_deref().ok_or_else(|| Erro::Documento {
            motivo: "the answer has no arquivo_dae".into(),
            fonte: None,
        })?;
        pdf_de_base64(texto)
    }

    /// The "mensagem 1 – 18" body lines of the DAE (R §6.1.5), in order: fields `mensagem1` …
    /// `mensagem18` (or `mensagem_1` …), or a `mensagens` array.
    pub fn mensagens(&self) -> Vec<String> {
        if let Some(Value::Array(a)) = self.extras.get("mensagens") {
            return a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
        }
        (1..=18)
            .filter_map(|i| {
                self.extras
                    .get(&format!("mensagem{i}"))
                    .or_else(|| self.extras.get(&format!("mensagem_{i}")))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .collect()
    }
}
