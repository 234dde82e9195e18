//! The wire contract of every CET-MG operation, one module per group of the Regulamento Técnico
//! CET-MG §5 (decisions D1, D3): for each operation a `pub const` [`Endpoint`](renave_http::Endpoint) (name, default
//! route, idempotency), its request struct and its response struct, with the wire names in one
//! place and published as JSON Schemas (`schemars`).
//!
//! Confidence tags (from `cetmg-api.md`): **V** the regulation writes it, **P** probable reading,
//! **I** inference, **?** unknown. Most wire names are **I**: the Swagger that would confirm them
//! is behind credentials, so every route can be overridden (decision D2) and every response
//! keeps the fields it does not model in `extras`
//! ([`renave_domain::CamposExtras`]: read like a JSON map, its `Debug` shows no
//! value). The `Debug` of every response type masks the CPFs its text fields may carry
//! ([`renave_domain::debug_sem_cpf!`], LGPD); the fields keep the text as received.
//!
//! This module also holds the lenient wire types the responses share: [`Retorno`] (the
//! `codigo_retorno`/`mensagem_retorno` envelope), [`Identificador`] (an id that may be a JSON
//! string or number), [`CampoValidado`] (a validated field kept raw), [`Lista`] (a list answer
//! whatever its wrapping).

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use base64::Engine as _;
use renave_domain::CamposExtras;
use renave_domain::ErroDominio;
use renave_domain::privacidade::SemCpf;
use schemars::JsonSchema;
use serde::de::{self, DeserializeOwned};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::erro::Erro;

pub mod agenda;
pub mod autenticacao;
pub mod dae;
pub mod estoque;
pub mod protocolo_digital;
pub mod tabelas_auxiliares;
pub mod vistoria;

/// What the client needs to send one request type (crate-private: the public face of an
/// operation is its client method).
pub(crate) trait Operacao: Serialize + Sync {
    /// The decoded answer.
    type Resposta: DeserializeOwned;
    /// Whether the request itself is the JSON body.
    const COM_CORPO: bool;
    /// Path parameters, by placeholder name.
    fn parametros_caminho(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    /// Query parameters.
    fn parametros_consulta(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    /// The JSON body (default: the request serialised as is).
    fn corpo(&self) -> Result<Value, serde_json::Error> {
        serde_json::to_value(self)
    }
    /// Checks the input before anything is sent.
    fn validar(&self, _operacao: &str) -> Result<(), Erro> {
        Ok(())
    }
}

/// A request without parameters (the *tabelas auxiliares*, R §5.20–§5.27).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub(crate) struct SemParametros;

// ---------------------------------------------------------------------------------------------
// Envelope
// ---------------------------------------------------------------------------------------------

/// The CET-MG answer envelope (*código retorno* and *mensagem retorno*, R §6.1.2, §6.1.3,
/// §6.2.2; decision D3): `codigo_retorno` `"000"` is success (V), the message is
/// `mensagem_retorno` (I, strong) or `mensagem` (the Protocolo Digital's "Mensagem", §7).
///
/// A non-`"000"` code never reaches a typed response: the client returns
/// [`Erro::Negocio`] instead.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Retorno {
    /// `codigo_retorno` — `"000"` on success (a JSON string; a number is accepted).
    #[serde(
        default,
        deserialize_with = "texto_flexivel",
        skip_serializing_if = "Option::is_none"
    )]
    pub codigo_retorno: Option<String>,
    /// `mensagem_retorno` — the explanatory message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mensagem_retorno: Option<String>,
    /// `mensagem` — the message of the Protocolo Digital answers (R §7.1–§7.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mensagem: Option<String>,
}
renave_domain::debug_sem_cpf!(Retorno {
    codigo_retorno,
    mensagem_retorno,
    mensagem
});

impl Retorno {
    /// The message to show (`mensagem_retorno`, else `mensagem`). The regulation asks that
    /// every answer be shown on screen (R §6.2.2).
    pub fn mensagem(&self) -> Option<&str> {
        self.mensagem_retorno
            .as_deref()
            .or(self.mensagem.as_deref())
    }

    /// The code as the domain's table.
    pub fn codigo(&self) -> Option<renave_domain::CodigoRetorno> {
        self.codigo_retorno
            .as_deref()
            .map(renave_domain::CodigoRetorno::from)
    }
}

/// An answer with nothing but the envelope (R §6.1.3, §6.1.8, §6.2.4, §7.3, §7.5…).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct RespostaRetorno {
    /// The envelope.
    #[serde(flatten)]
    pub retorno: Retorno,
    /// Fields this SDK does not model, kept unchanged.
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(RespostaRetorno { retorno, extras });

// ---------------------------------------------------------------------------------------------
// Lenient scalar types
// ---------------------------------------------------------------------------------------------

/// An identifier or code the API may send as a JSON string or number (`municipio_regiao_id`,
/// period ids, protocol numbers, table codes…). It is sent back exactly as it was received.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Identificador {
    /// Received (or to be sent) as a JSON string.
    Texto(String),
    /// Received (or to be sent) as a JSON number.
    Numero(u64),
}

impl Identificador {
    /// The identifier as text.
    pub fn as_string(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Identificador {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Texto(s) => f.write_str(s),
            Self::Numero(n) => write!(f, "{n}"),
        }
    }
}

impl From<u64> for Identificador {
    fn from(n: u64) -> Self {
        Self::Numero(n)
    }
}

impl From<&str> for Identificador {
    fn from(s: &str) -> Self {
        Self::Texto(s.to_owned())
    }
}

impl From<String> for Identificador {
    fn from(s: String) -> Self {
        Self::Texto(s)
    }
}

impl Serialize for Identificador {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Texto(t) => s.serialize_str(t),
            Self::Numero(n) => s.serialize_u64(*n),
        }
    }
}

impl<'de> Deserialize<'de> for Identificador {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Self::Texto(s)),
            Value::Number(n) => match n.as_u64() {
                Some(u) => Ok(Self::Numero(u)),
                None => Ok(Self::Texto(n.to_string())),
            },
            outro => Err(de::Error::custom(format!(
                "expected an identifier (string or number), found {}",
                tipo_json(&outro)
            ))),
        }
    }
}

impl JsonSchema for Identificador {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Identificador".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "integer"],
            "description": "An identifier sent by the API as a string or an integer",
        })
    }
}

pub(crate) fn tipo_json(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// How a [`CampoValidado`] turns its raw text into the domain type.
pub trait TipoDeCampo: Sized {
    /// Parses the raw text as the server sent it.
    fn ler(bruto: &str) -> Result<Self, ErroDominio>;
}

macro_rules! tipo_de_campo_por_fromstr {
    ($($t:ty),* $(,)?) => {$(
        impl TipoDeCampo for $t {
            fn ler(bruto: &str) -> Result<Self, ErroDominio> {
                <$t as FromStr>::from_str(bruto)
            }
        }
    )*};
}

tipo_de_campo_por_fromstr!(
    renave_domain::Placa,
    renave_domain::Renavam,
    renave_domain::CpfCnpj,
    renave_domain::Cnpj,
    renave_domain::Cep,
    renave_domain::Uf,
    renave_domain::CodigoMunicipioIbge,
    renave_domain::CodigoMunicipio,
    renave_domain::LinhaDigitavel,
    renave_domain::PixCopiaECola,
    renave_domain::Valor,
    renave_domain::Data,
    renave_domain::DataHora,
);

impl TipoDeCampo for renave_domain::Chassi {
    /// The server is the authority on existing records: a pre-1986 (non-VIN) chassi is
    /// accepted too.
    fn ler(bruto: &str) -> Result<Self, ErroDominio> {
        renave_domain::Chassi::from_str(bruto).or_else(|_| renave_domain::Chassi::legado(bruto))
    }
}

/// A response field validated by a domain type, kept as the raw text the server sent
/// (decision D3: a field that fails validation never fails the whole answer).
///
/// ```
/// use renave_mg_client::CampoValidado;
/// use renave_domain::Placa;
///
/// let bom: CampoValidado<Placa> = serde_json::from_str(r#""ABC1D23""#)?;
/// assert!(bom.valor().is_ok());
/// let ruim: CampoValidado<Placa> = serde_json::from_str(r#""???""#)?;
/// assert_eq!(ruim.bruto(), "???");
/// assert!(ruim.valor().is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub struct CampoValidado<T> {
    bruto: String,
    tipo: PhantomData<fn() -> T>,
}

impl<T> CampoValidado<T> {
    /// Wraps raw text.
    pub fn new(bruto: impl Into<String>) -> Self {
        Self {
            bruto: bruto.into(),
            tipo: PhantomData,
        }
    }

    /// The text exactly as the server sent it (numbers as their decimal text).
    pub fn bruto(&self) -> &str {
        &self.bruto
    }
}

impl<T: TipoDeCampo> CampoValidado<T> {
    /// The validated value.
    ///
    /// # Errors
    ///
    /// The domain's error when the server sent something the type rejects.
    pub fn valor(&self) -> Result<T, ErroDominio> {
        T::ler(&self.bruto)
    }
}

impl<T> Clone for CampoValidado<T> {
    fn clone(&self) -> Self {
        Self::new(self.bruto.clone())
    }
}

impl<T> PartialEq for CampoValidado<T> {
    fn eq(&self, other: &Self) -> bool {
        self.bruto == other.bruto
    }
}

impl<T> fmt::Debug for CampoValidado<T> {
    /// Shows the length only: the raw text may be a full CPF.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CampoValidado({} chars)", self.bruto.chars().count())
    }
}

impl<T> Serialize for CampoValidado<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.bruto)
    }
}

impl<'de, T> Deserialize<'de> for CampoValidado<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Self::new(s)),
            Value::Number(n) => Ok(Self::new(n.to_string())),
            outro => Err(de::Error::custom(format!(
                "expected a string, found {}",
                tipo_json(&outro)
            ))),
        }
    }
}

impl<T> JsonSchema for CampoValidado<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CampoValidado".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "number"],
            "description": "A field validated by a domain type, kept as sent",
        })
    }
}

/// A list answer, whatever its wrapping: a bare JSON array, or an object holding the envelope
/// and the list under `dados`, `data`, `itens`, `lista`, `resultado`, `registros` or `items`
/// (or its only array field). The shape of the CET-MG list answers is not published (?).
///
/// Its `Debug` masks every CPF (see [`renave_domain::debug_sem_cpf!`]).
#[derive(Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Lista<T> {
    /// The envelope, when the list came inside an object.
    #[serde(flatten)]
    pub retorno: Retorno,
    /// The items.
    pub dados: Vec<T>,
    /// Other fields of the wrapping object, kept unchanged.
    #[serde(flatten)]
    pub extras: CamposExtras,
}

impl<T: fmt::Debug> fmt::Debug for Lista<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            retorno,
            dados,
            extras,
        } = self;
        f.debug_struct("Lista")
            .field("retorno", &SemCpf(retorno))
            .field("dados", &SemCpf(dados))
            .field("extras", &SemCpf(extras))
            .finish()
    }
}

impl<T> Default for Lista<T> {
    fn default() -> Self {
        Self {
            retorno: Retorno::default(),
            dados: Vec::new(),
            extras: CamposExtras::new(),
        }
    }
}

const CHAVES_LISTA: [&str; 7] = [
    "dados",
    "data",
    "itens",
    "lista",
    "resultado",
    "registros",
    "items",
];

impl<'de, T: DeserializeOwned> Deserialize<'de> for Lista<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let itens = |v: Value| serde_json::from_value::<Vec<T>>(v).map_err(de::Error::custom);
        match Value::deserialize(d)? {
            Value::Array(a) => Ok(Self {
                dados: itens(Value::Array(a))?,
                ..Self::default()
            }),
            Value::Object(mut map) => {
                let chave = CHAVES_LISTA
                    .iter()
                    .find(|k| map.get(**k).is_some_and(Value::is_array))
                    .map(|k| (*k).to_owned())
                    .or_else(|| {
                        let arrays: Vec<&String> = map
                            .iter()
                            .filter(|(_, v)| v.is_array())
                            .map(|(k, _)| k)
                            .collect();
                        match arrays.as_slice() {
                            [unica] => Some((*unica).clone()),
                            _ => None,
                        }
                    });
                let dados = match chave.and_then(|k| map.remove(&k)) {
                    Some(v) => itens(v)?,
                    None => Vec::new(),
                };
                let retorno: Retorno = serde_json::from_value(Value::Object(
                    ["codigo_retorno", "mensagem_retorno", "mensagem"]
                        .iter()
                        .filter_map(|k| map.remove(*k).map(|v| ((*k).to_owned(), v)))
                        .collect(),
                ))
                .map_err(de::Error::custom)?;
                Ok(Self {
                    retorno,
                    dados,
                    extras: map.into(),
                })
            }
            Value::Null => Ok(Self::default()),
            outro => Err(de::Error::custom(format!(
                "expected a list, found {}",
                tipo_json(&outro)
            ))),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// serde helpers
// ---------------------------------------------------------------------------------------------

/// `Option<String>` from a JSON string or number.
pub(crate) fn texto_flexivel<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        Some(outro) => {
            return Err(de::Error::custom(format!(
                "expected text, found {}",
                tipo_json(&outro)
            )));
        }
    })
}

/// `Option<bool>` from `true`/`false`, `1`/`0`, `"1"`/`"0"`, `"true"`/`"false"`, `"S"`/`"N"`
/// (R §7.3 writes "true (valor 1)").
pub(crate) fn bool_flexivel<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(b),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => return Err(de::Error::custom("expected a boolean (0 or 1)")),
        },
        Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "" => None,
            "1" | "true" | "s" | "sim" | "y" => Some(true),
            "0" | "false" | "n" | "nao" | "não" => Some(false),
            _ => return Err(de::Error::custom("expected a boolean")),
        },
        Some(outro) => {
            return Err(de::Error::custom(format!(
                "expected a boolean, found {}",
                tipo_json(&outro)
            )));
        }
    })
}

/// `Option<u32>` from a number, a numeric string, or a boolean (`true` = 1).
pub(crate) fn contagem_flexivel<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(u32::from(b)),
        Some(Value::Number(n)) => Some(
            n.as_u64()
                .and_then(|u| u32::try_from(u).ok())
                .ok_or_else(|| de::Error::custom("expected a non-negative count"))?,
        ),
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) => Some(
            s.trim()
                .parse::<u32>()
                .map_err(|_| de::Error::custom("expected a count"))?,
        ),
        Some(outro) => {
            return Err(de::Error::custom(format!(
                "expected a count, found {}",
                tipo_json(&outro)
            )));
        }
    })
}

/// `Vec<String>` from a list of strings/objects, a single string, or null.
pub(crate) fn textos_flexiveis<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => vec![s],
        Some(Value::Array(a)) => a
            .into_iter()
            .map(|v| match v {
                Value::String(s) => s,
                outro => outro.to_string(),
            })
            .collect(),
        Some(outro) => vec![outro.to_string()],
    })
}

/// Bytes on the Rust side, standard base64 on the wire (R §6.1.5, §7.3, §7.5).
pub(crate) fn base64_bytes<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// Decodes base64 leniently (standard or URL-safe alphabet, padding optional, white space and a
/// `data:…;base64,` prefix ignored).
pub(crate) fn decodificar_base64(texto: &str) -> Result<Vec<u8>, base64::DecodeError> {
    let sem_prefixo = texto
        .find(";base64,")
        .map_or(texto, |i| texto.get(i + 8..).unwrap_or(""));
    let limpo: String = sem_prefixo
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            outro => outro,
        })
        .collect();
    let limpo = limpo.trim_end_matches('=');
    base64::engine::general_purpose::STANDARD_NO_PAD.decode(limpo)
}

/// The magic bytes every PDF starts with.
pub(crate) const MAGICO_PDF: &[u8] = b"%PDF-";

/// Whether `bytes` is a PDF (starts with `%PDF-`, after an optional UTF-8 BOM/white space).
pub(crate) fn parece_pdf(bytes: &[u8]) -> bool {
    let inicio = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let pos = inicio
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(inicio.len());
    inicio.get(pos..).is_some_and(|r| r.starts_with(MAGICO_PDF))
}

/// Decodes a base64 document from an answer and checks it is a PDF.
pub(crate) fn pdf_de_base64(texto: &str) -> Result<Vec<u8>, Erro> {
    let bytes = decodificar_base64(texto).map_err(|e| Erro::Documento {
        motivo: "not valid base64".into(),
        fonte: Some(Box::new(e)),
    })?;
    if !parece_pdf(&bytes) {
        return Err(Erro::Documento {
            motivo: "not a PDF (no %PDF- header)".into(),
            fonte: None,
        });
    }
    Ok(bytes)
}

/// Base64 of bytes.
#[cfg(test)]
pub(crate) fn base64_de(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Checks that a required text field is not blank.
pub(crate) fn exigir_texto(operacao: &str, campo: &str, valor: &str) -> Result<(), Erro> {
    if valor.trim().is_empty() {
        Err(Erro::entrada(operacao, format!("`{campo}` is empty")))
    } else {
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;
    use serde_json::json;

    #[test]
    fn lista_em_todas_as_formas() {
        let a: Lista<u32> = serde_json::from_value(json!([1, 2])).expect("array");
        assert_eq!(a.dados, vec![1, 2]);
        let b: Lista<u32> =
            serde_json::from_value(json!({"codigo_retorno": "000", "dados": [3], "x": 1}))
                .expect("obj");
        assert_eq!(b.dados, vec![3]);
        assert_eq!(b.retorno.codigo_retorno.as_deref(), Some("000"));
        assert_eq!(b.extras.get("x"), Some(&json!(1)));
        let c: Lista<u32> = serde_json::from_value(json!({"cores": [4]})).expect("only array");
        assert_eq!(c.dados, vec![4]);
        assert!(serde_json::from_value::<Lista<u32>>(json!(5)).is_err());
    }

    #[test]
    fn base64_e_pdf() {
        let pdf = b"%PDF-1.4 ...";
        let b64 = base64_de(pdf);
        assert_eq!(pdf_de_base64(&b64).expect("pdf"), pdf.to_vec());
        assert_eq!(
            pdf_de_base64(&format!("data:application/pdf;base64,{b64}")).expect("pdf"),
            pdf.to_vec()
        );
        assert!(matches!(
            pdf_de_base64(&base64_de(b"GIF89a")),
            Err(Erro::Documento { .. })
        ));
        assert!(matches!(pdf_de_base64("***"), Err(Erro::Documento { .. })));
    }

    proptest::proptest! {
        #[test]
        fn base64_ida_e_volta(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            let b64 = base64_de(&bytes);
            proptest::prop_assert_eq!(decodificar_base64(&b64).unwrap(), bytes.clone());
            // Line breaks (MIME style) are ignored.
            let quebrado: String = b64.chars().enumerate().flat_map(|(i, c)| {
                if i > 0 && i % 76 == 0 { vec!['\n', c] } else { vec![c] }
            }).collect();
            proptest::prop_assert_eq!(decodificar_base64(&quebrado).unwrap(), bytes);
        }

        #[test]
        fn pdf_so_com_cabecalho(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            let mut pdf = MAGICO_PDF.to_vec();
            pdf.extend_from_slice(&bytes);
            proptest::prop_assert!(parece_pdf(&pdf));
            proptest::prop_assert_eq!(parece_pdf(&bytes), {
                let sem_bom = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&bytes);
                let i = sem_bom.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(sem_bom.len());
                sem_bom[i..].starts_with(MAGICO_PDF)
            });
        }

        #[test]
        fn texto_arbitrario_nunca_entra_em_panico(s in "\\PC{0,40}") {
            let _ = decodificar_base64(&s);
            let _ = serde_json::from_str::<Lista<Value>>(&s);
            let _ = serde_json::from_str::<Identificador>(&s);
        }
    }

    #[test]
    fn escalares_flexiveis() {
        #[derive(Deserialize)]
        struct T {
            #[serde(default, deserialize_with = "bool_flexivel")]
            b: Option<bool>,
            #[serde(default, deserialize_with = "contagem_flexivel")]
            c: Option<u32>,
        }
        for (v, b, c) in [
            (json!({"b": 1, "c": "2"}), Some(true), Some(2)),
            (json!({"b": "N", "c": true}), Some(false), Some(1)),
            (json!({}), None, None),
        ] {
            let t: T = serde_json::from_value(v).expect("t");
            assert_eq!((t.b, t.c), (b, c));
        }
        assert!(serde_json::from_value::<T>(json!({"b": "talvez"})).is_err());
        let id: Identificador = serde_json::from_value(json!(12)).expect("n");
        assert_eq!(serde_json::to_value(&id).expect("v"), json!(12));
        let id: Identificador = serde_json::from_value(json!("A1")).expect("s");
        assert_eq!(serde_json::to_value(&id).expect("v"), json!("A1"));
    }
}
