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
//! string or number; it converts to and from the Renave-WS stock id
//! [`IdEstoque`]), [`Recebido`] (a validated field, kept raw when
//! invalid; the domain's type), [`Lista`] (a list answer whatever its wrapping).

use std::fmt;

use renave_domain::CamposExtras;
pub use renave_domain::ItensRecebidos;
use renave_domain::privacidade::SemCpf;
use renave_domain::{ErroDominio, IdEstoque, Motivo};
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

/// The operation model of both clients ([`renave_http::Operacao`]): every request type here
/// implements it (endpoint, answer type, input check); its path and query parameters come
/// from its `Serialize` form.
pub use renave_http::Operacao;

/// The [`Route`](renave_http::Route) of an operation's default route, from its one definition
/// in [`renave_domain::rotas::cetmg`] (issue 12: routes are spelled once, for the client and
/// the simulator).
pub(crate) const fn rota(rota: renave_domain::rotas::Rota) -> renave_http::Route {
    let metodo = match rota.metodo {
        renave_domain::rotas::Metodo::Get => renave_http::HttpMethod::Get,
        renave_domain::rotas::Metodo::Post => renave_http::HttpMethod::Post,
    };
    renave_http::Route::new(metodo, rota.modelo)
}

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

/// The stock id of Renave-WS (`idEstoque`) as the CET-MG `id_estoque` (the same number): a
/// JSON number, or — for a negative id, which a `u64` cannot hold — its decimal text (as
/// [`Identificador`] reads a negative number from an answer).
///
/// ```
/// use renave_domain::IdEstoque;
/// use renave_mg_client::Identificador;
///
/// let id = Identificador::from(IdEstoque(987_654));
/// assert_eq!(id, Identificador::Numero(987_654));
/// assert_eq!(IdEstoque::try_from(&id)?, IdEstoque(987_654));
/// assert_eq!(IdEstoque::try_from(Identificador::from("42"))?, IdEstoque(42));
/// assert!(IdEstoque::try_from(Identificador::from("A-42")).is_err());
/// assert!(IdEstoque::try_from(Identificador::Numero(u64::MAX)).is_err());
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
impl From<IdEstoque> for Identificador {
    fn from(id: IdEstoque) -> Self {
        u64::try_from(id.get()).map_or_else(|_| Self::Texto(id.to_string()), Self::Numero)
    }
}

impl TryFrom<&Identificador> for IdEstoque {
    type Error = ErroDominio;

    /// The CET-MG `id_estoque` as the Renave-WS stock id: a number up to `i64::MAX`, or a text
    /// of decimal digits (an optional leading `-`, nothing else: no sign `+`, no white space).
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] of type `"idEstoque"` (never holding the value) when the identifier
    /// is not such a number or does not fit an `i64`.
    fn try_from(id: &Identificador) -> Result<Self, Self::Error> {
        const TIPO: &str = "idEstoque";
        let fora = || {
            ErroDominio::new(
                TIPO,
                Motivo::ForaDoIntervalo {
                    regra: "the stock id does not fit a signed 64-bit integer",
                },
            )
        };
        match id {
            Identificador::Numero(n) => i64::try_from(*n).map(IdEstoque).map_err(|_| fora()),
            Identificador::Texto(t) => {
                let digitos = t.strip_prefix('-').unwrap_or(t);
                if digitos.is_empty() {
                    return Err(ErroDominio::new(TIPO, Motivo::Vazio));
                }
                if let Some((i, c)) = digitos
                    .chars()
                    .enumerate()
                    .find(|(_, c)| !c.is_ascii_digit())
                {
                    return Err(ErroDominio::new(
                        TIPO,
                        Motivo::Caractere {
                            posicao: i + 1 + (t.len() - digitos.len()),
                            encontrado: c,
                            esperado: "an ASCII digit",
                        },
                    ));
                }
                t.parse::<i64>().map(IdEstoque).map_err(|_| fora())
            }
        }
    }
}

impl TryFrom<Identificador> for IdEstoque {
    type Error = ErroDominio;

    /// See the conversion from `&Identificador`.
    fn try_from(id: Identificador) -> Result<Self, Self::Error> {
        Self::try_from(&id)
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

/// A field of an answer as received: typed when it passes the domain rule, the raw value kept
/// otherwise (decision D3: a field that fails validation never fails the whole answer) — the
/// domain's one tolerant type, shared with the Renave-WS client (see
/// [`renave_domain::Recebido`]).
///
/// ```
/// use renave_mg_client::Recebido;
/// use renave_domain::Placa;
///
/// let bom: Recebido<Placa> = serde_json::from_str(r#""ABC1D23""#)?;
/// assert!(bom.valor().is_ok());
/// let ruim: Recebido<Placa> = serde_json::from_str(r#""???""#)?;
/// assert_eq!(ruim.bruto(), Some("???"));
/// assert!(ruim.valor().is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub use renave_domain::Recebido;

/// A list answer, whatever its wrapping: a bare JSON array, or an object holding the envelope
/// and the list under `dados`, `data`, `itens`, `lista`, `resultado`, `registros` or `items`
/// (or its only array field). The shape of the CET-MG list answers is not published (?).
///
/// The items are read one by one ([`ItensRecebidos`]): an item the SDK cannot read is reported
/// with its index in [`dados.ilegiveis()`](ItensRecebidos::ilegiveis) and never loses the
/// others (issue 12). A caller that must know the list is whole checks
/// [`is_completa`](Lista::is_completa).
///
/// ```
/// use renave_mg_client::Lista;
///
/// let l: Lista<u32> = serde_json::from_str(r#"{"codigo_retorno": "000", "dados": [1, "x", 3]}"#)?;
/// assert_eq!(l.dados.validos(), &[1, 3]);
/// assert_eq!(l.dados.ilegiveis(), &[(1, r#""x""#.to_owned())]);
/// assert!(!l.is_completa());
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// Its `Debug` masks every CPF (see [`renave_domain::debug_sem_cpf!`]).
#[derive(Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct Lista<T> {
    /// The envelope, when the list came inside an object.
    #[serde(flatten)]
    pub retorno: Retorno,
    /// The items: the readable ones and, apart, each unreadable one with its index.
    pub dados: ItensRecebidos<T>,
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
            dados: ItensRecebidos::default(),
            extras: CamposExtras::new(),
        }
    }
}

impl<T> Lista<T> {
    /// A list whose items were all read (e.g. to build an answer in a test or a substitute).
    pub fn new(dados: Vec<T>) -> Self {
        Self {
            dados: ItensRecebidos::new(dados),
            ..Self::default()
        }
    }

    /// `true` when every item of the list was read (see [`ItensRecebidos::is_completa`]).
    pub fn is_completa(&self) -> bool {
        self.dados.is_completa()
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

/// The envelope's fields ([`Retorno`]).
const CHAVES_RETORNO: [&str; 3] = ["codigo_retorno", "mensagem_retorno", "mensagem"];

impl<'de, T: DeserializeOwned> Deserialize<'de> for Lista<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Item by item: one unreadable item is reported with its index, the others kept.
        let itens =
            |v: Value| serde_json::from_value::<ItensRecebidos<T>>(v).map_err(de::Error::custom);
        match Value::deserialize(d)? {
            Value::Array(a) => Ok(Self {
                dados: itens(Value::Array(a))?,
                ..Self::default()
            }),
            Value::Object(mut map) => {
                // `dados` is where the list is written back: another value there cannot be
                // kept next to it (it would be written twice), so it is refused, and `null`
                // is no list.
                match map.get("dados") {
                    Some(Value::Null) => {
                        map.remove("dados");
                    }
                    Some(v) if !v.is_array() => {
                        return Err(de::Error::custom(format!(
                            "expected a list in dados, found {}",
                            tipo_json(v)
                        )));
                    }
                    _ => {}
                }
                let chave = CHAVES_LISTA
                    .iter()
                    .find(|k| map.get(**k).is_some_and(Value::is_array))
                    .map(|k| (*k).to_owned())
                    .or_else(|| {
                        // The envelope's fields are never the list (an array there is a
                        // malformed envelope, refused below).
                        let arrays: Vec<&String> = map
                            .iter()
                            .filter(|(k, v)| v.is_array() && !CHAVES_RETORNO.contains(&k.as_str()))
                            .map(|(k, _)| k)
                            .collect();
                        match arrays.as_slice() {
                            [unica] => Some((*unica).clone()),
                            _ => None,
                        }
                    });
                let dados = match chave.and_then(|k| map.remove(&k)) {
                    Some(v) => itens(v)?,
                    None => ItensRecebidos::default(),
                };
                let retorno: Retorno = serde_json::from_value(Value::Object(
                    CHAVES_RETORNO
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
///
/// Written straight into the serializer's output (`collect_str` over a base64 `Display`, which
/// `serde_json` streams): no intermediate base64 `String`, so a 10 MiB PDF costs no extra
/// 13 MiB copy (issue 16). The same text as [`renave_domain::documento::codificar_base64`]
/// (standard alphabet, padded).
pub(crate) fn base64_bytes<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&base64::display::Base64Display::new(
        bytes,
        &base64::engine::general_purpose::STANDARD,
    ))
}

/// The JSON body of a request carrying a document, written into one buffer sized for it up
/// front (the base64 text, the other fields escaped at worst): no regrowth, so the peak heap
/// is the buffer itself (issue 16).
pub(crate) fn corpo_com_documento<T: serde::Serialize>(
    requisicao: &T,
    bytes_documento: usize,
    textos: usize,
) -> Result<Vec<u8>, serde_json::Error> {
    let base64 = bytes_documento.div_ceil(3).saturating_mul(4);
    let mut corpo = Vec::with_capacity(
        base64
            .saturating_add(textos.saturating_mul(6))
            .saturating_add(512),
    );
    serde_json::to_writer(&mut corpo, requisicao)?;
    Ok(corpo)
}

/// Bytes from standard base64 on the wire (a request read back from JSON), by the SDK's one
/// base64 rule ([`renave_domain::documento`]).
pub(crate) fn bytes_de_base64<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    let texto = String::deserialize(d)?;
    renave_domain::documento::decodificar_base64(&texto)
        .map_err(|_| de::Error::custom("not valid base64"))
}

/// Decodes a base64 document from an answer and checks it is a PDF, by the one rule of the SDK
/// ([`renave_domain::documento`]: standard alphabet, padding optional, ASCII white space
/// ignored, anything else refused; the bytes start with `%PDF-`).
pub(crate) fn pdf_de_base64(texto: &str) -> Result<Vec<u8>, Erro> {
    let bytes =
        renave_domain::documento::decodificar_base64(texto).map_err(|e| Erro::Documento {
            motivo: "not valid base64".into(),
            fonte: Some(Box::new(e)),
        })?;
    if !renave_domain::documento::e_pdf(&bytes) {
        return Err(Erro::Documento {
            motivo: "not a PDF (no %PDF- header)".into(),
            fonte: None,
        });
    }
    Ok(bytes)
}

/// Whether bytes are a PDF by the SDK's one rule (they start with `%PDF-`,
/// [`renave_domain::documento::e_pdf`]).
pub(crate) fn parece_pdf(bytes: &[u8]) -> bool {
    renave_domain::documento::e_pdf(bytes)
}

/// Base64 of bytes.
#[cfg(test)]
pub(crate) fn base64_de(bytes: &[u8]) -> String {
    renave_domain::documento::codificar_base64(bytes)
}

/// The client's input error for a request the domain check refused: names the field, keeps the
/// domain error as the source.
pub(crate) fn entrada_de_dominio(operacao: &str, erro: ErroDominio) -> Erro {
    Erro::EntradaInvalida {
        operacao: operacao.to_owned(),
        campo: erro.tipo().to_owned(),
        motivo: format!("`{}` is invalid", erro.tipo()),
        fonte: Some(Box::new(erro)),
    }
}

/// `Serialize` and a **validating** `Deserialize` for a request type declared with
/// `#[derive(Serialize, Deserialize)] #[serde(remote = "Self")]`: a request read back (from a
/// queue, a file) passes the same `verificar()` as one built, so it is as valid.
macro_rules! requisicao_validada {
    ($tipo:ty) => {
        impl ::serde::Serialize for $tipo {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                <$tipo>::serialize(self, s)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $tipo {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let valor = <$tipo>::deserialize(d)?;
                valor.verificar().map_err(::serde::de::Error::custom)?;
                Ok(valor)
            }
        }
    };
}
pub(crate) use requisicao_validada;

/// Checks that a required text field is not blank.
pub(crate) fn exigir_texto(operacao: &str, campo: &str, valor: &str) -> Result<(), Erro> {
    if valor.trim().is_empty() {
        Err(Erro::entrada(
            operacao,
            campo,
            format!("`{campo}` is empty"),
        ))
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
        assert_eq!(a.dados.validos(), [1, 2]);
        let b: Lista<u32> =
            serde_json::from_value(json!({"codigo_retorno": "000", "dados": [3], "x": 1}))
                .expect("obj");
        assert_eq!(b.dados.validos(), [3]);
        assert_eq!(b.retorno.codigo_retorno.as_deref(), Some("000"));
        assert_eq!(b.extras.get("x"), Some(&json!(1)));
        let c: Lista<u32> = serde_json::from_value(json!({"cores": [4]})).expect("only array");
        assert_eq!(c.dados.validos(), [4]);
        assert!(serde_json::from_value::<Lista<u32>>(json!(5)).is_err());
        // The envelope's arrays are never the list; a `dados` that is no list is refused.
        assert!(serde_json::from_value::<Lista<u32>>(json!({"codigo_retorno": [1]})).is_err());
        assert!(serde_json::from_value::<Lista<u32>>(json!({"mensagem_retorno": [1]})).is_err());
        assert!(serde_json::from_value::<Lista<u32>>(json!({"dados": {}, "x": [1]})).is_err());
        let n: Lista<u32> = serde_json::from_value(json!({"dados": null, "x": [1]})).unwrap();
        assert_eq!(n.dados.validos(), [1]);
        assert!(n.extras.get("dados").is_none());
    }

    /// Issue 12: one unreadable item never loses the list; it is reported with its index, in
    /// every wrapping, and written back as sent.
    #[test]
    fn lista_com_item_ilegivel_guarda_os_outros() {
        for v in [
            json!([1, "dois", 3, null]),
            json!({"codigo_retorno": "000", "dados": [1, "dois", 3, null]}),
            json!({"codigo_retorno": "000", "cores": [1, "dois", 3, null]}),
        ] {
            let l: Lista<u32> = serde_json::from_value(v.clone()).expect("a list");
            assert_eq!(l.dados.validos(), [1, 3], "{v}");
            assert_eq!(
                l.dados.ilegiveis(),
                &[(1, r#""dois""#.to_owned()), (3, "null".to_owned())],
                "{v}"
            );
            assert!(!l.is_completa());
            assert_eq!(l.dados.len_recebido(), 4);
        }
        let l: Lista<u32> = serde_json::from_value(json!({"dados": [1, {"x": 2}]})).unwrap();
        assert_eq!(
            serde_json::to_value(&l).unwrap()["dados"],
            json!([1, {"x": 2}])
        );
        assert!(Lista::new(vec![1_u32]).is_completa());
    }

    #[test]
    fn base64_e_pdf() {
        let pdf = b"%PDF-1.4 ...";
        let b64 = base64_de(pdf);
        assert_eq!(pdf_de_base64(&b64).expect("pdf"), pdf.to_vec());
        assert!(matches!(
            pdf_de_base64(&base64_de(b"GIF89a")),
            Err(Erro::Documento { .. })
        ));
        assert!(matches!(pdf_de_base64("***"), Err(Erro::Documento { .. })));
    }

    /// The one base64 rule of both clients (`renave_domain::documento`): standard alphabet,
    /// padding optional, white space ignored; the URL-safe alphabet and a data URL are refused,
    /// and a PDF starts with `%PDF-` (no BOM or white space before it).
    #[test]
    fn base64_segue_a_regra_unica() {
        use base64::Engine as _;
        let pdf = b"%PDF-\xfb\xff\xbf";
        let b64 = base64_de(pdf);
        assert_eq!(
            pdf_de_base64(b64.trim_end_matches('=')).unwrap(),
            pdf.to_vec()
        );
        let url_safe = base64::engine::general_purpose::URL_SAFE.encode(pdf);
        assert_ne!(url_safe, b64);
        for recusado in [url_safe, format!("data:application/pdf;base64,{b64}")] {
            assert!(
                matches!(pdf_de_base64(&recusado), Err(Erro::Documento { .. })),
                "{recusado}"
            );
        }
        for nao_pdf in [&b"\xEF\xBB\xBF%PDF-1.4"[..], b"  %PDF-1.4"] {
            assert!(matches!(
                pdf_de_base64(&base64_de(nao_pdf)),
                Err(Erro::Documento { .. })
            ));
        }
    }

    proptest::proptest! {
        #[test]
        fn base64_ida_e_volta(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            let b64 = base64_de(&bytes);
            proptest::prop_assert_eq!(renave_domain::documento::decodificar_base64(&b64).unwrap(), bytes.clone());
            // Line breaks (MIME style) are ignored.
            let quebrado: String = b64.chars().enumerate().flat_map(|(i, c)| {
                if i > 0 && i % 76 == 0 { vec!['\n', c] } else { vec![c] }
            }).collect();
            proptest::prop_assert_eq!(renave_domain::documento::decodificar_base64(&quebrado).unwrap(), bytes);
        }

        #[test]
        fn pdf_so_com_cabecalho(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            let mut pdf = b"%PDF-".to_vec();
            pdf.extend_from_slice(&bytes);
            proptest::prop_assert!(pdf_de_base64(&base64_de(&pdf)).is_ok());
            proptest::prop_assert_eq!(
                pdf_de_base64(&base64_de(&bytes)).is_ok(),
                bytes.starts_with(b"%PDF-")
            );
        }

        #[test]
        fn texto_arbitrario_nunca_entra_em_panico(s in "\\PC{0,40}") {
            let _ = pdf_de_base64(&s);
            let _ = serde_json::from_str::<Lista<Value>>(&s);
            let _ = serde_json::from_str::<Identificador>(&s);
        }
    }

    /// The CET-MG `id_estoque` and the Renave-WS `idEstoque` are the same number.
    #[test]
    fn identificador_e_id_estoque() {
        for n in [0_i64, 1, 987_654, i64::MAX] {
            let id = Identificador::from(IdEstoque(n));
            assert_eq!(id, Identificador::Numero(n.unsigned_abs()));
            assert_eq!(IdEstoque::try_from(&id), Ok(IdEstoque(n)));
        }
        // A negative id is carried as text (a `u64` cannot hold it), and comes back.
        let negativo = Identificador::from(IdEstoque(-5));
        assert_eq!(negativo, Identificador::Texto("-5".into()));
        assert_eq!(IdEstoque::try_from(negativo), Ok(IdEstoque(-5)));
        assert_eq!(
            IdEstoque::try_from(Identificador::from("9223372036854775807")),
            Ok(IdEstoque(i64::MAX))
        );
        assert_eq!(
            IdEstoque::try_from(Identificador::from("007")),
            Ok(IdEstoque(7))
        );
        let erro = |id: Identificador| IdEstoque::try_from(id).unwrap_err();
        assert!(matches!(
            erro(Identificador::Numero(u64::MAX)).motivo(),
            Motivo::ForaDoIntervalo { .. }
        ));
        assert!(matches!(
            erro(Identificador::from("9223372036854775808")).motivo(),
            Motivo::ForaDoIntervalo { .. }
        ));
        assert_eq!(erro(Identificador::from("")).motivo(), &Motivo::Vazio);
        assert_eq!(erro(Identificador::from("-")).motivo(), &Motivo::Vazio);
        for (texto, posicao, c) in [
            ("+1", 1, '+'),
            (" 1", 1, ' '),
            ("12a", 3, 'a'),
            ("-1-", 3, '-'),
        ] {
            assert!(
                matches!(erro(Identificador::from(texto)).motivo(),
                    Motivo::Caractere { posicao: p, encontrado: e, .. } if *p == posicao && *e == c),
                "{texto}"
            );
        }
        assert_eq!(erro(Identificador::from("x")).tipo(), "idEstoque");
    }

    proptest::proptest! {
        /// Every stock id survives the trip through the CET-MG identifier and its JSON.
        #[test]
        fn id_estoque_ida_e_volta(n in proptest::prelude::any::<i64>()) {
            let id = Identificador::from(IdEstoque(n));
            let json: Identificador = serde_json::from_value(serde_json::to_value(&id).unwrap()).unwrap();
            proptest::prop_assert_eq!(IdEstoque::try_from(json), Ok(IdEstoque(n)));
        }
    }

    /// Issue 12: the guessed booleans and counts of the answers (`regiao_padrao`, `vagas`…)
    /// are `Recebido`: the Brazilian spellings read typed, an odd value is kept raw and never
    /// fails the answer (before, `"talvez"` failed it whole).
    #[test]
    fn escalares_flexiveis() {
        #[derive(Deserialize)]
        struct T {
            #[serde(default)]
            b: Option<Recebido<bool>>,
            #[serde(default)]
            c: Option<Recebido<u32>>,
            #[serde(default)]
            resto: Option<String>,
        }
        for (v, b, c) in [
            (json!({"b": 1, "c": "2"}), Some(true), Some(2)),
            (json!({"b": "N", "c": 7}), Some(false), Some(7)),
            (json!({}), None, None),
        ] {
            let t: T = serde_json::from_value(v).expect("t");
            assert_eq!(
                (
                    t.b.as_ref().and_then(Recebido::valido).copied(),
                    t.c.as_ref().and_then(Recebido::valido).copied()
                ),
                (b, c)
            );
        }
        let t: T =
            serde_json::from_value(json!({"b": "talvez", "c": "muitas", "resto": "lido"})).unwrap();
        assert_eq!(t.b.unwrap().bruto(), Some("talvez"));
        assert_eq!(t.c.unwrap().bruto(), Some("muitas"));
        assert_eq!(t.resto.as_deref(), Some("lido"));
        let id: Identificador = serde_json::from_value(json!(12)).expect("n");
        assert_eq!(serde_json::to_value(&id).expect("v"), json!(12));
        let id: Identificador = serde_json::from_value(json!("A1")).expect("s");
        assert_eq!(serde_json::to_value(&id).expect("v"), json!("A1"));
    }
}
