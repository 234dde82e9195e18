//! [`Recebido<T>`]: the one tolerant type both clients use for a validated field of an answer.
//!
//! A server is the authority on the records it keeps, and its answers are not always what the
//! regulation says (a 0 km stock reports `renavam: "00000000000"`, an old vehicle has a pre-VIN
//! chassi, a code arrives as a JSON number). Failing the whole answer for one odd field would
//! lose everything else it said, so every identifier of an answer is read as a [`Recebido<T>`]:
//! typed when the value passes the domain rule of `T`, the raw value kept otherwise.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::erro::{ErroDominio, Motivo};

/// A field of an answer as received (*recebido*): [`Valido`](Recebido::Valido) when it passes
/// the domain rule of `T`, else [`Bruto`](Recebido::Bruto) with the value as sent. Nothing the
/// server sends is dropped, and one odd value never fails a whole answer.
///
/// Reading a JSON value:
///
/// * the value is given to `T`'s own (validating) `Deserialize`; when `T` accepts it, it is
///   [`Valido`](Recebido::Valido);
/// * a JSON number or boolean `T` refuses is given to `T` again as its decimal text (APIs send
///   a code or a RENAVAM as a number as often as a string);
/// * otherwise the value is kept [`Bruto`](Recebido::Bruto): a string as sent, a number or
///   boolean as its text (`12`, `true`), an array or object as its compact JSON text
///   (`{"a":1}`), and a JSON `null` as an empty text (an optional field that is `null` is
///   `None`, not a `Recebido`).
///
/// Reading never fails on any JSON value. Writing gives `T`'s canonical form when valid and the
/// raw text (a JSON string) otherwise, so a `Recebido` read back from its own JSON is equal to
/// itself. The `Debug` of a raw value shows only its length (it may be a personal number the
/// rule refused, e.g. a CPF with a wrong check digit); a valid value uses `T`'s `Debug`, which
/// masks CPFs.
///
/// ```
/// use renave_domain::{Placa, Recebido, Renavam};
///
/// let bom: Recebido<Placa> = serde_json::from_str(r#""ABC1D23""#)?;
/// assert_eq!(bom.valido().map(Placa::as_str), Some("ABC1D23"));
/// assert_eq!(bom.bruto(), None);
///
/// let zero_km: Recebido<Renavam> = serde_json::from_str(r#""00000000000""#)?;
/// assert!(zero_km.valido().is_none());
/// assert_eq!(zero_km.bruto(), Some("00000000000"));
/// assert_eq!(zero_km.as_str(), "00000000000");
/// assert!(zero_km.valor().is_err()); // the domain's reason, never the value
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Recebido<T> {
    /// The value passed the domain rule.
    Valido(T),
    /// The value as sent, which the domain rule refused (a non-string JSON value as its JSON
    /// text).
    Bruto(String),
}

impl<T> Recebido<T> {
    /// The typed value, when the domain rule accepted it.
    pub fn valido(&self) -> Option<&T> {
        match self {
            Self::Valido(v) => Some(v),
            Self::Bruto(_) => None,
        }
    }

    /// The typed value, consuming `self`, when the domain rule accepted it.
    pub fn into_valido(self) -> Option<T> {
        match self {
            Self::Valido(v) => Some(v),
            Self::Bruto(_) => None,
        }
    }

    /// Whether the domain rule accepted the value.
    pub fn is_valido(&self) -> bool {
        matches!(self, Self::Valido(_))
    }

    /// The raw text as sent, when the domain rule refused it (`None` when valid).
    pub fn bruto(&self) -> Option<&str> {
        match self {
            Self::Valido(_) => None,
            Self::Bruto(s) => Some(s),
        }
    }
}

impl<T: AsRef<str>> Recebido<T> {
    /// The value as text: the canonical form when valid, the raw text otherwise.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Valido(v) => v.as_ref(),
            Self::Bruto(s) => s,
        }
    }
}

impl<T: fmt::Display> Recebido<T> {
    /// The value as text for any `T`: `T`'s `Display` (its canonical form) when valid, the raw
    /// text otherwise. Like [`as_str`](Self::as_str) this is the value itself (a full CPF
    /// included): it is meant for the screen the regulation asks for, not for logs.
    ///
    /// ```
    /// use renave_domain::{Recebido, Valor};
    ///
    /// let v: Recebido<Valor> = serde_json::from_str("133.1")?;
    /// assert_eq!(v.texto(), "133.10");
    /// let r: Recebido<Valor> = serde_json::from_str(r#""cento e trinta""#)?;
    /// assert_eq!(r.texto(), "cento e trinta");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn texto(&self) -> Cow<'_, str> {
        match self {
            Self::Valido(v) => Cow::Owned(v.to_string()),
            Self::Bruto(s) => Cow::Borrowed(s),
        }
    }
}

impl<T: FromStr<Err = ErroDominio>> Recebido<T> {
    /// The typed value, or why the domain rule refused the raw text (the [`ErroDominio`] names
    /// the type and the fault, never the value).
    ///
    /// # Errors
    ///
    /// The domain's error for a [`Bruto`](Recebido::Bruto) value.
    pub fn valor(&self) -> Result<&T, ErroDominio> {
        match self {
            Self::Valido(v) => Ok(v),
            Self::Bruto(s) => Err(T::from_str(s).err().unwrap_or_else(|| {
                // Only a value refused by `T`'s lenient reader but accepted by `FromStr` lands
                // here; no domain type is built that way, but never report a success.
                ErroDominio::new(
                    std::any::type_name::<T>(),
                    Motivo::Formato {
                        regra: "refused when the answer was read",
                    },
                )
            })),
        }
    }
}

impl<T: LeituraTolerante> Recebido<T> {
    /// Reads a text the way an answer's string is read: [`Valido`](Recebido::Valido) when `T`
    /// accepts it, [`Bruto`](Recebido::Bruto) otherwise.
    ///
    /// ```
    /// use renave_domain::{Data, Recebido};
    ///
    /// assert!(Recebido::<Data>::de_texto("2026-10-02").is_valido());
    /// assert_eq!(Recebido::<Data>::de_texto("amanhã").bruto(), Some("amanhã"));
    /// ```
    pub fn de_texto(texto: impl Into<String>) -> Self {
        let texto = texto.into();
        match T::de_texto_recebido(&texto) {
            Some(t) => Self::Valido(t),
            None => Self::Bruto(texto),
        }
    }

    /// Reads any JSON value (see the type's documentation); never fails.
    pub fn de_json(valor: Value) -> Self {
        // The visitor never refuses a JSON value: the fallback is unreachable, and never a
        // success.
        Self::deserialize(valor).unwrap_or_else(|_| Self::Bruto(String::new()))
    }
}

impl<T> From<T> for Recebido<T> {
    /// A valid value (e.g. to build an answer in a test).
    fn from(v: T) -> Self {
        Self::Valido(v)
    }
}

impl<T: fmt::Debug> fmt::Debug for Recebido<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Valido(v) => f.debug_tuple("Valido").field(v).finish(),
            // The raw text may be a personal number the rule refused: show its length only.
            Self::Bruto(s) => write!(f, "Bruto(<{} chars>)", s.chars().count()),
        }
    }
}

impl<'de, T: LeituraTolerante> Deserialize<'de> for Recebido<T> {
    /// Straight from the deserializer (`deserialize_any` and a visitor): no intermediate
    /// `serde_json::Value` for a scalar, the common case.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(VisitanteRecebido(PhantomData))
    }
}

struct VisitanteRecebido<T>(PhantomData<T>);

impl<T> VisitanteRecebido<T> {
    fn ou_bruto(valor: Option<T>, texto: impl FnOnce() -> String) -> Recebido<T> {
        match valor {
            Some(t) => Recebido::Valido(t),
            None => Recebido::Bruto(texto()),
        }
    }
}

/// The JSON text of a number, as `serde_json` writes it (`12`, `133.1`, `1e21`).
fn texto_f64(n: f64) -> String {
    serde_json::Number::from_f64(n).map_or_else(|| n.to_string(), |n| n.to_string())
}

impl<'de, T: LeituraTolerante> Visitor<'de> for VisitanteRecebido<T> {
    type Value = Recebido<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Self::ou_bruto(T::de_bool_recebido(v), || v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Self::ou_bruto(T::de_i64_recebido(v), || v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Self::ou_bruto(T::de_u64_recebido(v), || v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Self::ou_bruto(T::de_f64_recebido(v), || texto_f64(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Self::ou_bruto(T::de_texto_recebido(v), || v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(match T::de_texto_recebido(&v) {
            Some(t) => Recebido::Valido(t),
            None => Recebido::Bruto(v),
        })
    }

    // Nothing was sent: kept as an empty text, which no rule accepts (the text `null` could be
    // a valid legacy chassi, and would not read back the same).
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Recebido::Bruto(String::new()))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Recebido::Bruto(String::new()))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    // An array or object where a scalar is due: rare, so kept as its compact JSON text.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let v = Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(Recebido::Bruto(v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let v = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Recebido::Bruto(v.to_string()))
    }
}

/// How a type is read from an answer by [`Recebido`]: from a JSON string, and from a JSON
/// boolean or number (as its decimal text unless the type reads it itself). `None` keeps the
/// value raw. Never fails, never panics.
///
/// Implemented for the domain's identifiers (through their validating `Deserialize`), the
/// code tables, [`Data`](crate::Data) and [`DataHora`](crate::DataHora) (also accepting a
/// date-time with an offset, converted to Brasília time), and the scalars whose wire type the
/// SDK guesses: `bool` (`true`/`false`, `1`/`0`, `"S"`/`"N"`, `"SIM"`/`"NAO"`, `"true"`…),
/// `u32`, `u64`, `i64` and `f64` (a number, or a numeric string). Implement it for a type of
/// your own with the defaults: `impl LeituraTolerante for MeuTipo {}` (the type's own
/// `Deserialize` then decides).
pub trait LeituraTolerante: DeserializeOwned {
    /// The value from a JSON string.
    fn de_texto_recebido(texto: &str) -> Option<Self> {
        Self::deserialize(de::value::StrDeserializer::<de::value::Error>::new(texto)).ok()
    }

    /// The value from a JSON boolean (by default: the type's own reading, else the text
    /// `true`/`false`).
    fn de_bool_recebido(v: bool) -> Option<Self> {
        Self::deserialize(de::value::BoolDeserializer::<de::value::Error>::new(v))
            .ok()
            .or_else(|| Self::de_texto_recebido(if v { "true" } else { "false" }))
    }

    /// The value from a non-negative JSON integer (by default: the type's own reading, else
    /// the decimal text).
    fn de_u64_recebido(v: u64) -> Option<Self> {
        Self::deserialize(de::value::U64Deserializer::<de::value::Error>::new(v))
            .ok()
            .or_else(|| Self::de_texto_recebido(&v.to_string()))
    }

    /// The value from a negative JSON integer (by default: the type's own reading, else the
    /// decimal text).
    fn de_i64_recebido(v: i64) -> Option<Self> {
        Self::deserialize(de::value::I64Deserializer::<de::value::Error>::new(v))
            .ok()
            .or_else(|| Self::de_texto_recebido(&v.to_string()))
    }

    /// The value from a fractional JSON number (by default: the type's own reading, else its
    /// JSON text).
    fn de_f64_recebido(v: f64) -> Option<Self> {
        Self::deserialize(de::value::F64Deserializer::<de::value::Error>::new(v))
            .ok()
            .or_else(|| Self::de_texto_recebido(&texto_f64(v)))
    }
}

impl LeituraTolerante for bool {
    /// `1`, `true`, `S`, `SIM`, `Y` are yes; `0`, `false`, `N`, `NAO`, `NÃO` are no (any case,
    /// surrounding blanks ignored); anything else (the empty text included) stays raw.
    fn de_texto_recebido(texto: &str) -> Option<Self> {
        let t = texto.trim();
        let sim = ["1", "true", "s", "sim", "y", "yes"];
        let nao = ["0", "false", "n", "nao", "não", "no"];
        if sim.iter().any(|s| t.eq_ignore_ascii_case(s)) {
            Some(true)
        } else if nao.iter().any(|s| t.eq_ignore_ascii_case(s)) || t.eq_ignore_ascii_case("NÃO") {
            Some(false)
        } else {
            None
        }
    }
    fn de_bool_recebido(v: bool) -> Option<Self> {
        Some(v)
    }
    fn de_u64_recebido(v: u64) -> Option<Self> {
        match v {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn de_i64_recebido(_: i64) -> Option<Self> {
        None
    }
    fn de_f64_recebido(_: f64) -> Option<Self> {
        None
    }
}

/// The integers: a JSON integer in range, or a text of decimal digits (an optional sign,
/// surrounding blanks ignored); a fraction, a boolean or anything else stays raw.
macro_rules! leitura_inteiro {
    ($($t:ty),*) => {$(
        impl LeituraTolerante for $t {
            fn de_texto_recebido(texto: &str) -> Option<Self> {
                let t = texto.trim();
                let digitos = t.strip_prefix(['-', '+']).unwrap_or(t);
                if digitos.is_empty() || !digitos.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                t.parse().ok()
            }
            fn de_bool_recebido(_: bool) -> Option<Self> {
                None
            }
            fn de_u64_recebido(v: u64) -> Option<Self> {
                <$t>::try_from(v).ok()
            }
            fn de_i64_recebido(v: i64) -> Option<Self> {
                <$t>::try_from(v).ok()
            }
            fn de_f64_recebido(_: f64) -> Option<Self> {
                None
            }
        }
    )*};
}
leitura_inteiro!(u8, u16, u32, u64, i32, i64);

impl LeituraTolerante for f64 {
    /// A finite decimal number (`12`, `-1.5`, `1e3`); `NaN`, infinities and anything else stay
    /// raw.
    fn de_texto_recebido(texto: &str) -> Option<Self> {
        let t = texto.trim();
        if t.is_empty()
            || !t
                .bytes()
                .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        {
            return None;
        }
        t.parse::<f64>().ok().filter(|f| f.is_finite())
    }
    fn de_bool_recebido(_: bool) -> Option<Self> {
        None
    }
    #[allow(clippy::cast_precision_loss)]
    fn de_u64_recebido(v: u64) -> Option<Self> {
        Some(v as f64)
    }
    #[allow(clippy::cast_precision_loss)]
    fn de_i64_recebido(v: i64) -> Option<Self> {
        Some(v as f64)
    }
    fn de_f64_recebido(v: f64) -> Option<Self> {
        v.is_finite().then_some(v)
    }
}

impl LeituraTolerante for crate::IdEstoque {
    /// A JSON integer, or a text of decimal digits (the stock id of both APIs).
    fn de_texto_recebido(texto: &str) -> Option<Self> {
        i64::de_texto_recebido(texto).map(Self)
    }
    fn de_bool_recebido(_: bool) -> Option<Self> {
        None
    }
    fn de_u64_recebido(v: u64) -> Option<Self> {
        i64::try_from(v).ok().map(Self)
    }
    fn de_i64_recebido(v: i64) -> Option<Self> {
        Some(Self(v))
    }
    fn de_f64_recebido(_: f64) -> Option<Self> {
        None
    }
}

impl LeituraTolerante for String {
    fn de_texto_recebido(texto: &str) -> Option<Self> {
        Some(texto.to_owned())
    }
}

/// The domain's identifiers: their own validating `Deserialize` decides.
macro_rules! leitura_padrao {
    ($($t:ty),* $(,)?) => {$( impl LeituraTolerante for $t {} )*};
}
leitura_padrao!(
    crate::Cep,
    crate::Chassi,
    crate::ChaveNfe,
    crate::Cnpj,
    crate::Cpf,
    crate::CpfCnpj,
    crate::NumeroCrv,
    crate::CodigoSegurancaCrv,
    crate::LinhaDigitavel,
    crate::CodigoMunicipioIbge,
    crate::CodigoMunicipio,
    crate::PixCopiaECola,
    crate::Placa,
    crate::Renavam,
    crate::Uf,
    crate::Valor,
);

/// A list of an answer read item by item (*itens recebidos*): the items that decode as `T`
/// ([`validos`](Self::validos)) and, apart, each item that does not, with its index in the list
/// and its JSON text as sent ([`ilegiveis`](Self::ilegiveis)). One item the SDK cannot read
/// never loses the others (the answers' contract is partly inferred: `renave-ws.md`,
/// `cetmg-api.md`).
///
/// Each item is first taken as its raw JSON text (`serde_json`'s `RawValue`: a slice of the
/// body, no `serde_json::Value` tree) and then decoded as `T`. A JSON `null` reads as an empty
/// list; anything but an array or `null` is an error (the answer's shape is wrong). Writing
/// gives the items back in their order, the unreadable ones as sent. `Debug` shows only the
/// index and length of an unreadable item (it may hold a CPF).
///
/// A caller that must know the list is whole (a stock count, "is this vehicle in stock?")
/// checks [`is_completa`](Self::is_completa): an unreadable item may be the one it looks for.
///
/// ```
/// use renave_domain::{ItensRecebidos, Placa};
///
/// let lista: ItensRecebidos<Placa> = serde_json::from_str(r#"["ABC1D23", 7, "XYZ9A87"]"#)?;
/// assert_eq!(lista.validos().len(), 2);
/// assert_eq!(lista.ilegiveis(), &[(1, "7".to_owned())]);
/// assert!(!lista.is_completa());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct ItensRecebidos<T> {
    validos: Vec<T>,
    /// `(index in the list, JSON text as sent)`, in list order.
    ilegiveis: Vec<(usize, String)>,
}

impl<T> ItensRecebidos<T> {
    /// A list whose items were all read (e.g. to build an answer in a test).
    pub fn new(validos: Vec<T>) -> Self {
        Self {
            validos,
            ilegiveis: Vec::new(),
        }
    }

    /// The items that decoded, in their order.
    pub fn validos(&self) -> &[T] {
        &self.validos
    }

    /// The items that decoded, consuming the list (the unreadable ones are dropped: check
    /// [`is_completa`](Self::is_completa) first when it matters).
    pub fn into_validos(self) -> Vec<T> {
        self.validos
    }

    /// Each item that did not decode: its index in the list as sent and its JSON text.
    pub fn ilegiveis(&self) -> &[(usize, String)] {
        &self.ilegiveis
    }

    /// `true` when every item decoded.
    pub fn is_completa(&self) -> bool {
        self.ilegiveis.is_empty()
    }

    /// The decoded items.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.validos.iter()
    }

    /// How many items the list had as sent (decoded or not).
    pub fn len_recebido(&self) -> usize {
        self.validos.len() + self.ilegiveis.len()
    }
}

impl<T> Default for ItensRecebidos<T> {
    fn default() -> Self {
        Self::new(Vec::new())
    }
}

impl<T> From<Vec<T>> for ItensRecebidos<T> {
    fn from(validos: Vec<T>) -> Self {
        Self::new(validos)
    }
}

impl<'a, T> IntoIterator for &'a ItensRecebidos<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.validos.iter()
    }
}

impl<T: fmt::Debug> fmt::Debug for ItensRecebidos<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Ilegivel<'a>(&'a (usize, String));
        impl fmt::Debug for Ilegivel<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "#{}: <{} chars>", self.0.0, self.0.1.chars().count())
            }
        }
        f.debug_struct("ItensRecebidos")
            .field("validos", &self.validos)
            .field(
                "ilegiveis",
                &self.ilegiveis.iter().map(Ilegivel).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl<T: Serialize> Serialize for ItensRecebidos<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.len_recebido()))?;
        let mut validos = self.validos.iter();
        let mut ilegiveis = self.ilegiveis.iter().peekable();
        for i in 0..self.len_recebido() {
            if let Some((_, bruto)) = ilegiveis.next_if(|(j, _)| *j == i) {
                let bruto = serde_json::value::RawValue::from_string(bruto.clone())
                    .map_err(S::Error::custom)?;
                seq.serialize_element(&bruto)?;
            } else if let Some(v) = validos.next() {
                seq.serialize_element(v)?;
            } else if let Some((_, bruto)) = ilegiveis.next() {
                // An index past the end (a hand-built list): written after the others.
                let bruto = serde_json::value::RawValue::from_string(bruto.clone())
                    .map_err(S::Error::custom)?;
                seq.serialize_element(&bruto)?;
            }
        }
        seq.end()
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for ItensRecebidos<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitante<T>(PhantomData<T>);
        impl<'de, T: DeserializeOwned> Visitor<'de> for Visitante<T> {
            type Value = ItensRecebidos<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(ItensRecebidos::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(ItensRecebidos::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut lista = ItensRecebidos::default();
                let mut i = 0;
                while let Some(bruto) = seq.next_element::<Box<serde_json::value::RawValue>>()? {
                    match serde_json::from_str::<T>(bruto.get()) {
                        Ok(t) => lista.validos.push(t),
                        Err(_) => lista.ilegiveis.push((i, bruto.get().to_owned())),
                    }
                    i += 1;
                }
                Ok(lista)
            }
        }
        d.deserialize_any(Visitante(PhantomData))
    }
}

impl<T: JsonSchema> JsonSchema for ItensRecebidos<T> {
    fn schema_name() -> Cow<'static, str> {
        Vec::<T>::schema_name()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Vec::<T>::json_schema(g)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;
    use crate::{Chassi, CodigoMunicipio, Cpf, Placa, Renavam, Valor};
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn numero_lido_como_texto() {
        let r: Recebido<Renavam> = serde_json::from_value(json!(13_824_652_268_u64)).unwrap();
        assert!(r.is_valido(), "{r:?}");
        // A JSON number the rule refuses even as text is kept as its decimal text.
        let r: Recebido<Placa> = serde_json::from_value(json!(12)).unwrap();
        assert_eq!(r.bruto(), Some("12"));
        assert_eq!(serde_json::to_value(&r).unwrap(), json!("12"));
        // Types reading numbers themselves keep doing so.
        let m: Recebido<CodigoMunicipio> = serde_json::from_value(json!(2381)).unwrap();
        assert!(m.is_valido(), "{m:?}");
        let v: Recebido<Valor> = serde_json::from_value(json!(133.12)).unwrap();
        assert!(v.is_valido(), "{v:?}");
    }

    #[test]
    fn chassi_antigo_e_objetos() {
        // A pre-1986 chassi is accepted from a server (the domain's `Deserialize`).
        let c: Recebido<Chassi> = serde_json::from_value(json!("9BD1234567")).unwrap();
        assert!(c.is_valido(), "{c:?}");
        let o: Recebido<Placa> = serde_json::from_value(json!({"a": [1, null]})).unwrap();
        assert_eq!(o.bruto(), Some(r#"{"a":[1,null]}"#));
        let n: Option<Recebido<Placa>> = serde_json::from_value(json!(null)).unwrap();
        assert!(n.is_none());
        // `null` where a value is due is kept as nothing, never as the text `null` (which is a
        // valid legacy chassi).
        let n: Recebido<Chassi> = serde_json::from_value(json!(null)).unwrap();
        assert_eq!(n.bruto(), Some(""));
    }

    #[test]
    fn debug_e_valor_sem_cpf() {
        let bruto: Recebido<Cpf> = serde_json::from_str("\"52998224726\"").unwrap();
        let d = format!("{bruto:?} {bruto:#?}");
        assert!(!d.contains("52998224726"), "{d}");
        assert!(d.contains("11 chars"), "{d}");
        let e = bruto.valor().unwrap_err();
        assert_eq!(e.tipo(), "CPF");
        assert!(!e.to_string().contains("52998224726"));
        let bom: Recebido<Cpf> = serde_json::from_str("\"52998224725\"").unwrap();
        assert!(bom.valor().is_ok());
        assert!(!format!("{bom:?}").contains("52998224725"));
    }

    /// The tolerant scalars of issue 12: booleans in their Brazilian spellings, numbers sent as
    /// text, dates as date-only or date-times with or without an offset; odd values kept raw.
    #[test]
    fn escalares_tolerantes() {
        for (v, b) in [
            (json!("S"), true),
            (json!("sim"), true),
            (json!("NAO"), false),
            (json!("NÃO"), false),
            (json!(" n "), false),
            (json!(1), true),
            (json!("0"), false),
            (json!("true"), true),
        ] {
            assert_eq!(
                Recebido::<bool>::de_json(v.clone()).valido(),
                Some(&b),
                "{v}"
            );
        }
        for v in [
            json!("ATIVO"),
            json!(2),
            json!(""),
            json!(-1),
            json!(0.5),
            json!([true]),
        ] {
            assert!(!Recebido::<bool>::de_json(v.clone()).is_valido(), "{v}");
        }
        assert_eq!(
            Recebido::<bool>::de_json(json!("ATIVO")).bruto(),
            Some("ATIVO")
        );
        assert_eq!(Recebido::<u32>::de_json(json!("12")).valido(), Some(&12));
        assert_eq!(Recebido::<u32>::de_json(json!("1.5")).bruto(), Some("1.5"));
        assert_eq!(Recebido::<u32>::de_json(json!(-3)).bruto(), Some("-3"));
        assert_eq!(Recebido::<u32>::de_json(json!(true)).bruto(), Some("true"));
        assert_eq!(
            Recebido::<i64>::de_json(json!("2025000001")).valido(),
            Some(&2_025_000_001)
        );
        assert_eq!(Recebido::<f64>::de_json(json!("NaN")).bruto(), Some("NaN"));
        assert_eq!(
            Recebido::<crate::IdEstoque>::de_json(json!("1000")).valido(),
            Some(&crate::IdEstoque(1000))
        );
        let data = |v: Value| Recebido::<crate::Data>::de_json(v).texto().into_owned();
        assert_eq!(data(json!("2025-10-09")), "2025-10-09");
        assert_eq!(data(json!("2025-10-09T23:30:00")), "2025-10-09");
        // 01:30 UTC on the 10th is 22:30 on the 9th in Brasília.
        assert_eq!(data(json!("2025-10-10T01:30:00Z")), "2025-10-09");
        assert_eq!(data(json!("2025-10-09T10:00:00-03:00")), "2025-10-09");
        assert!(!Recebido::<crate::Data>::de_json(json!("09/10/2025")).is_valido());
        let dh = |v: Value| Recebido::<crate::DataHora>::de_json(v);
        assert_eq!(
            dh(json!("2025-10-09T10:00:00.123")).texto(),
            "2025-10-09T10:00:00"
        );
        assert_eq!(
            dh(json!("2025-10-09T13:00:00Z")).texto(),
            "2025-10-09T10:00:00"
        );
        assert_eq!(
            dh(json!("2025-10-09T10:00:00-03:00")).texto(),
            "2025-10-09T10:00:00"
        );
        // A date without a time has no instant: kept as sent.
        assert_eq!(dh(json!("2025-10-09")).bruto(), Some("2025-10-09"));
        // A code table keeps an unknown code typed (as the table does) and an odd value raw.
        let cor = Recebido::<crate::Cor>::de_json(json!("99"));
        assert!(cor.valido().is_some_and(|c| !c.is_conhecido()));
        assert!(!Recebido::<crate::Cor>::de_json(json!({"codigo": 1})).is_valido());
    }

    #[test]
    fn lista_com_item_ilegivel() {
        let lista: ItensRecebidos<Placa> =
            serde_json::from_str(r#"["ABC1D23", {"placa": "52998224725"}, null, "XYZ9A87"]"#)
                .unwrap();
        assert_eq!(lista.validos().len(), 2);
        assert_eq!(
            lista
                .ilegiveis()
                .iter()
                .map(|(i, _)| *i)
                .collect::<Vec<_>>(),
            [1, 2]
        );
        let d = format!("{lista:?}");
        assert!(!d.contains("52998224725"), "{d}");
        // The same from a `serde_json::Value` (the CET-MG client reads answers that way).
        let v: ItensRecebidos<Placa> = serde_json::from_value(json!(["ABC1D23", 1])).unwrap();
        assert_eq!(v.validos().len(), 1);
        assert_eq!(v.ilegiveis(), &[(1, "1".to_owned())]);
        let nada: ItensRecebidos<Placa> = serde_json::from_str("null").unwrap();
        assert!(nada.validos().is_empty() && nada.is_completa());
        assert!(serde_json::from_str::<ItensRecebidos<Placa>>("{}").is_err());
    }

    #[test]
    fn esquema_aceita_o_tipo_ou_texto() {
        let s = serde_json::to_string(&schemars::schema_for!(Recebido<Placa>)).unwrap();
        assert!(s.contains("anyOf"), "{s}");
    }

    fn escalar_json() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            any::<u64>().prop_map(|n| json!(n)),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| json!(f)),
            ".{0,24}".prop_map(Value::String),
            "[A-Z0-9]{0,20}".prop_map(Value::String),
        ]
    }

    proptest! {
        /// Any JSON scalar is read (never an error) into every kind of field, and what is
        /// written back reads as the same value.
        #[test]
        fn qualquer_escalar_e_lido(v in escalar_json()) {
            fn ida_e_volta<T>(v: &Value) -> Result<(), TestCaseError>
            where
                T: LeituraTolerante + Serialize + PartialEq + fmt::Debug,
            {
                let r: Recebido<T> = serde_json::from_value(v.clone())
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                let volta: Recebido<T> =
                    serde_json::from_value(serde_json::to_value(&r).unwrap()).unwrap();
                prop_assert_eq!(volta, r);
                Ok(())
            }
            ida_e_volta::<Placa>(&v)?;
            ida_e_volta::<Cpf>(&v)?;
            ida_e_volta::<Renavam>(&v)?;
            ida_e_volta::<Chassi>(&v)?;
            ida_e_volta::<Valor>(&v)?;
            ida_e_volta::<CodigoMunicipio>(&v)?;
            ida_e_volta::<crate::Data>(&v)?;
            ida_e_volta::<crate::DataHora>(&v)?;
            ida_e_volta::<bool>(&v)?;
            ida_e_volta::<u32>(&v)?;
            ida_e_volta::<u64>(&v)?;
            ida_e_volta::<i64>(&v)?;
            ida_e_volta::<f64>(&v)?;
            ida_e_volta::<crate::IdEstoque>(&v)?;
            ida_e_volta::<crate::Cor>(&v)?;
        }

        /// A number sent as a JSON number or as its text reads as the same value.
        #[test]
        fn numero_como_texto(n in any::<u32>(), m in any::<i64>(), f in -1.0e12_f64..1.0e12) {
            prop_assert_eq!(Recebido::<u32>::de_json(json!(n)).into_valido(), Some(n));
            prop_assert_eq!(Recebido::<u32>::de_json(json!(n.to_string())).into_valido(), Some(n));
            prop_assert_eq!(Recebido::<u32>::de_json(json!(format!(" {n} "))).into_valido(), Some(n));
            prop_assert_eq!(Recebido::<i64>::de_json(json!(m.to_string())).into_valido(), Some(m));
            prop_assert_eq!(Recebido::<i64>::de_json(json!(m)).into_valido(), Some(m));
            prop_assert_eq!(Recebido::<f64>::de_json(json!(f)).into_valido(), Some(f));
            prop_assert_eq!(Recebido::<f64>::de_json(json!(f.to_string())).into_valido(), Some(f));
        }

        /// Any text: a boolean only from the known spellings, else kept exactly as sent.
        #[test]
        fn booleano_so_das_grafias_conhecidas(s in ".{0,8}") {
            let r = Recebido::<bool>::de_json(json!(s.clone()));
            let t = s.trim().to_lowercase();
            let esperado = match t.as_str() {
                "1" | "true" | "s" | "sim" | "y" | "yes" => Some(true),
                "0" | "false" | "n" | "nao" | "não" | "no" => Some(false),
                _ => None,
            };
            if let Some(b) = esperado {
                prop_assert_eq!(r.valido(), Some(&b));
            } else {
                prop_assert_eq!(r.bruto(), Some(s.as_str()));
            }
        }

        /// A list with any mix of readable and unreadable items keeps every readable one, in
        /// order, and reports the others by index; written back, it is the list as sent.
        #[test]
        fn lista_guarda_os_legiveis(itens in proptest::collection::vec(
            prop_oneof![any::<u32>().prop_map(|n| json!(n)), escalar_json()], 0..12)
        ) {
            let texto = serde_json::to_string(&itens).unwrap();
            let lista: ItensRecebidos<u32> = serde_json::from_str(&texto).unwrap();
            prop_assert_eq!(lista.len_recebido(), itens.len());
            let mut validos = Vec::new();
            let mut ilegiveis = Vec::new();
            for (i, v) in itens.iter().enumerate() {
                match serde_json::from_value::<u32>(v.clone()) {
                    Ok(n) => validos.push(n),
                    Err(_) => ilegiveis.push(i),
                }
            }
            prop_assert_eq!(lista.validos(), validos.as_slice());
            prop_assert_eq!(lista.ilegiveis().iter().map(|(i, _)| *i).collect::<Vec<_>>(), ilegiveis);
            let volta: Value = serde_json::from_str(&serde_json::to_string(&lista).unwrap()).unwrap();
            prop_assert_eq!(volta, Value::Array(itens));
        }

        /// A text the rule accepts is typed (its canonical value), any other is kept as sent.
        #[test]
        fn texto_valido_e_tipado(s in prop_oneof![".{0,12}", "[A-Z]{3}[0-9][A-Z0-9][0-9]{2}"]) {
            let r: Recebido<Placa> = serde_json::from_value(Value::String(s.clone())).unwrap();
            if let Ok(p) = s.parse::<Placa>() {
                prop_assert_eq!(r.valido(), Some(&p));
            } else {
                prop_assert_eq!(r.bruto(), Some(s.as_str()));
            }
        }
    }
}
