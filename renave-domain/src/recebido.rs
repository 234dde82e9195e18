//! [`Recebido<T>`]: the one tolerant type both clients use for a validated field of an answer.
//!
//! A server is the authority on the records it keeps, and its answers are not always what the
//! regulation says (a 0 km stock reports `renavam: "00000000000"`, an old vehicle has a pre-VIN
//! chassi, a code arrives as a JSON number). Failing the whole answer for one odd field would
//! lose everything else it said, so every identifier of an answer is read as a [`Recebido<T>`]:
//! typed when the value passes the domain rule of `T`, the raw value kept otherwise.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
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

impl<T: DeserializeOwned> Recebido<T> {
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
        Self::de_json(Value::String(texto.into()))
    }

    /// Reads any JSON value (see the type's documentation); never fails.
    pub fn de_json(valor: Value) -> Self {
        if let Ok(t) = T::deserialize(&valor) {
            return Self::Valido(t);
        }
        match valor {
            Value::String(s) => Self::Bruto(s),
            // Nothing was sent: kept as an empty text, which no domain rule accepts (the text
            // `null` could be a valid legacy chassi, and would not read back the same).
            Value::Null => Self::Bruto(String::new()),
            escalar @ (Value::Number(_) | Value::Bool(_)) => {
                let texto = escalar.to_string();
                match T::deserialize(Value::String(texto.clone())) {
                    Ok(t) => Self::Valido(t),
                    Err(_) => Self::Bruto(texto),
                }
            }
            outro => Self::Bruto(outro.to_string()),
        }
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

impl<'de, T: DeserializeOwned> Deserialize<'de> for Recebido<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Value::deserialize(d).map(Self::de_json)
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
                T: DeserializeOwned + Serialize + PartialEq + fmt::Debug,
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
