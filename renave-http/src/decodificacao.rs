//! One-pass decoding of an answer (*decodificação*): the bytes go straight into the typed
//! answer, and on the way the decoder notes what both clients need to fail closed and to say
//! when an answer does not match the contract (decision D11):
//!
//! * the top-level shape ([`Forma`]: an object, a list, a scalar);
//! * the top-level keys, in order ([`Decodificado::chaves`]), to compare with the fields the
//!   contract models;
//! * the scalar values of a few named top-level keys ([`Decodificado::captados`]), such as the
//!   CET-MG envelope's return code, read while the typed answer consumes them.
//!
//! No intermediate `serde_json::Value` is built: the wrapper forwards every call of the typed
//! answer's `Deserialize` to `serde_json`'s own deserializer and only watches the top level.
//!
//! ```
//! use renave_http::decodificacao::{Captado, Forma, decodificar};
//!
//! #[derive(serde::Deserialize)]
//! struct Resposta {
//!     placa: Option<String>,
//! }
//!
//! let d = decodificar::<Resposta>(
//!     br#"{"codigo_retorno": "000", "placa": "ABC1D23", "novo": 1}"#,
//!     &["codigo_retorno"],
//! )?;
//! assert_eq!(d.valor.placa.as_deref(), Some("ABC1D23"));
//! assert_eq!(d.forma, Forma::Objeto);
//! assert_eq!(d.chaves, ["codigo_retorno", "placa", "novo"]);
//! assert_eq!(d.captados[0], Some(Captado::Texto("000".into())));
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess,
    Visitor,
};
use smallvec::SmallVec;

/// The top-level shape of a JSON answer (*forma*).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Forma {
    /// A JSON object.
    Objeto,
    /// A JSON array.
    Lista,
    /// Anything else (a string, a number, a boolean, `null`).
    Escalar,
}

/// How many watched top-level keys ([`Decodificado::captados`]) are kept without an allocation:
/// the CET-MG envelope's return code and its three message names.
pub const CAPTADOS_EM_LINHA: usize = 4;

/// The value of a watched top-level key, as received (*captado*).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Captado<'b> {
    /// `null`.
    Nulo,
    /// A JSON string (as written, not trimmed), borrowed from the body (owned only when written
    /// with escapes): no allocation for a plain return code or message.
    Texto(Cow<'b, str>),
    /// A non-negative JSON integer.
    Inteiro(u64),
    /// Any other JSON value, by its kind (`"a boolean"`, `"an object"`…): never read as text.
    Outro(&'static str),
}

impl fmt::Debug for Captado<'_> {
    /// Shows the kind only (an envelope message may quote a CPF).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Nulo => f.write_str("Nulo"),
            Self::Texto(t) => write!(f, "Texto({} chars)", t.chars().count()),
            Self::Inteiro(_) => f.write_str("Inteiro(..)"),
            Self::Outro(tipo) => write!(f, "Outro({tipo})"),
        }
    }
}

/// A decoded answer with what the decoder noted on the way ([`decodificar`]).
#[non_exhaustive]
pub struct Decodificado<'b, T> {
    /// The typed answer.
    pub valor: T,
    /// The top-level shape.
    pub forma: Forma,
    /// The top-level keys, in the order received (an object's only), borrowed from the body
    /// (owned only when written with escapes): no allocation per key.
    pub chaves: Vec<Cow<'b, str>>,
    /// For each name asked for, in the same order, the value of that top-level key (`None`:
    /// absent; a repeated key: its last value). Inline up to [`CAPTADOS_EM_LINHA`] names (no
    /// allocation for an envelope's code and messages).
    pub captados: SmallVec<[Option<Captado<'b>>; CAPTADOS_EM_LINHA]>,
}

impl<T> fmt::Debug for Decodificado<'_, T> {
    /// Shows the shape and the keys only (values may hold a CPF).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decodificado")
            .field("forma", &self.forma)
            .field("chaves", &self.chaves)
            .field("captados", &self.captados)
            .finish_non_exhaustive()
    }
}

/// A raw body (*corpo bruto*) decoded as JSON into `T`, an empty body (or one of white space
/// only, as many Renave-WS successes are) read as JSON `null`: `Value::Null`, `None` for an
/// `Option`, an error for a struct. What both clients' `RespostaBruta::json` decode (each
/// turns the error into its own, masked).
pub fn json_ou_nulo<T: DeserializeOwned>(corpo: &[u8]) -> Result<T, serde_json::Error> {
    if corpo.iter().all(u8::is_ascii_whitespace) {
        serde_json::from_slice(b"null")
    } else {
        serde_json::from_slice(corpo)
    }
}

/// The top-level field names an answer carried, for an error message: at most twelve, then
/// `…`; `none` for none. Both clients say "fields received: …" with it when an answer is not
/// recognised (names only, never values).
pub fn nomes_recebidos<S: AsRef<str>>(chaves: &[S]) -> String {
    const MAX: usize = 12;
    let mut nomes: Vec<&str> = chaves.iter().take(MAX).map(AsRef::as_ref).collect();
    if chaves.len() > MAX {
        nomes.push("…");
    }
    if nomes.is_empty() {
        "none".to_owned()
    } else {
        nomes.join(", ")
    }
}

/// Whether an answer with these top-level `chaves` carries at least one field its type models
/// (`campos`; none modelled: any answer), as
/// [`contrato::reconhecida`](crate::contrato::reconhecida) says, without copying the keys.
pub fn reconhecida<S: AsRef<str>>(chaves: &[S], campos: &[String]) -> bool {
    campos.is_empty()
        || chaves
            .iter()
            .any(|k| campos.iter().any(|c| c == k.as_ref()))
}

/// Decodes `bytes` as `T` in one pass, noting the top-level shape and keys and the values of
/// the top-level keys named in `captar` (see the [module docs](self)).
///
/// # Errors
///
/// The `serde_json` error: not JSON ([`serde_json::Error::is_syntax`],
/// [`serde_json::Error::is_eof`]) or not the shape of `T` ([`serde_json::Error::is_data`]).
pub fn decodificar<'b, T: DeserializeOwned>(
    bytes: &'b [u8],
    captar: &[&str],
) -> Result<Decodificado<'b, T>, serde_json::Error> {
    let mut registro = Registro {
        captar,
        forma: Forma::Escalar,
        // Room for a typical answer's keys at once (one allocation, none per key).
        chaves: Vec::with_capacity(if bytes.first() == Some(&b'{') { 32 } else { 0 }),
        captados: std::iter::repeat_n(None, captar.len()).collect(),
        pendente: None,
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let valor = T::deserialize(Espiado {
        d: &mut de,
        papel: Papel::Topo(&mut registro),
    })?;
    de.end()?;
    Ok(Decodificado {
        valor,
        forma: registro.forma,
        chaves: registro.chaves,
        captados: registro.captados,
    })
}

struct Registro<'c, 'de> {
    captar: &'c [&'c str],
    forma: Forma,
    chaves: Vec<Cow<'de, str>>,
    captados: SmallVec<[Option<Captado<'de>>; CAPTADOS_EM_LINHA]>,
    /// The index in `captar` of the key just read, whose value comes next.
    pendente: Option<usize>,
}

/// What the wrapped deserializer is reading.
enum Papel<'r, 'c, 'de> {
    /// The answer itself.
    Topo(&'r mut Registro<'c, 'de>),
    /// A top-level key.
    Chave(&'r mut Registro<'c, 'de>),
    /// The value of a watched top-level key (the index in `captar`).
    Valor(&'r mut Registro<'c, 'de>, usize),
}

impl<'de> Papel<'_, '_, 'de> {
    fn escalar(&mut self, captado: impl FnOnce() -> Captado<'de>) {
        if let Papel::Valor(r, i) = self {
            if let Some(c) = r.captados.get_mut(*i) {
                *c = Some(captado());
            }
        }
    }

    fn texto(&mut self, s: Cow<'_, str>) {
        match self {
            Papel::Chave(r) => {
                r.pendente = r.captar.iter().position(|c| *c == s);
                r.chaves.push(Cow::Owned(s.into_owned()));
            }
            Papel::Valor(..) => self.escalar(|| Captado::Texto(Cow::Owned(s.into_owned()))),
            Papel::Topo(_) => {}
        }
    }

    /// A string borrowed from the body: a key is kept without a copy.
    fn texto_emprestado(&mut self, s: &'de str) {
        match self {
            Papel::Chave(r) => {
                r.pendente = r.captar.iter().position(|c| *c == s);
                r.chaves.push(Cow::Borrowed(s));
            }
            Papel::Valor(..) => self.escalar(|| Captado::Texto(Cow::Borrowed(s))),
            Papel::Topo(_) => {}
        }
    }

    fn inteiro(&mut self, n: i128) {
        self.escalar(|| {
            u64::try_from(n).map_or(Captado::Outro("a negative number"), Captado::Inteiro)
        });
    }
}

/// A deserializer that forwards to `d` with its visitor wrapped ([`Espiao`]).
struct Espiado<'r, 'c, 'de, D> {
    d: D,
    papel: Papel<'r, 'c, 'de>,
}

/// A visitor that notes what it sees ([`Papel`]) and forwards to `v`.
struct Espiao<'r, 'c, 'de, V> {
    v: V,
    papel: Papel<'r, 'c, 'de>,
}

macro_rules! encaminhar {
    ($($metodo:ident ( $($arg:ident : $tipo:ty),* );)*) => {
        $(
            fn $metodo<V: Visitor<'de>>(self, $($arg: $tipo,)* v: V) -> Result<V::Value, D::Error> {
                self.d.$metodo($($arg,)* Espiao { v, papel: self.papel })
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Espiado<'_, '_, 'de, D> {
    type Error = D::Error;

    encaminhar! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(nome: &'static str);
        deserialize_newtype_struct(nome: &'static str);
        deserialize_seq();
        deserialize_tuple(n: usize);
        deserialize_tuple_struct(nome: &'static str, n: usize);
        deserialize_map();
        deserialize_struct(nome: &'static str, campos: &'static [&'static str]);
        deserialize_enum(nome: &'static str, variantes: &'static [&'static str]);
        deserialize_identifier();
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        match self.papel {
            // A watched value the typed answer ignores is still read, to be noted.
            Papel::Valor(..) => self.d.deserialize_any(Espiao {
                v,
                papel: self.papel,
            }),
            papel => self.d.deserialize_ignored_any(Espiao { v, papel }),
        }
    }

    fn is_human_readable(&self) -> bool {
        self.d.is_human_readable()
    }
}

macro_rules! visitar_inteiro {
    ($($metodo:ident($t:ty);)*) => {
        $(
            fn $metodo<E: de::Error>(mut self, n: $t) -> Result<V::Value, E> {
                self.papel.inteiro(i128::from(n));
                self.v.$metodo(n)
            }
        )*
    };
}

macro_rules! visitar_outro {
    ($($metodo:ident($t:ty) => $tipo:literal;)*) => {
        $(
            fn $metodo<E: de::Error>(mut self, n: $t) -> Result<V::Value, E> {
                self.papel.escalar(|| Captado::Outro($tipo));
                self.v.$metodo(n)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Espiao<'_, '_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.v.expecting(f)
    }

    visitar_inteiro! {
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
    }

    visitar_outro! {
        visit_u128(u128) => "a number";
        visit_f32(f32) => "a fractional number";
        visit_f64(f64) => "a fractional number";
        visit_bool(bool) => "a boolean";
        visit_bytes(&[u8]) => "bytes";
        visit_borrowed_bytes(&'de [u8]) => "bytes";
        visit_byte_buf(Vec<u8>) => "bytes";
    }

    fn visit_char<E: de::Error>(mut self, c: char) -> Result<V::Value, E> {
        self.papel.texto(Cow::Borrowed(c.encode_utf8(&mut [0; 4])));
        self.v.visit_char(c)
    }

    fn visit_str<E: de::Error>(mut self, s: &str) -> Result<V::Value, E> {
        self.papel.texto(Cow::Borrowed(s));
        self.v.visit_str(s)
    }

    fn visit_borrowed_str<E: de::Error>(mut self, s: &'de str) -> Result<V::Value, E> {
        self.papel.texto_emprestado(s);
        self.v.visit_borrowed_str(s)
    }

    fn visit_string<E: de::Error>(mut self, s: String) -> Result<V::Value, E> {
        self.papel.texto(Cow::Borrowed(&s));
        self.v.visit_string(s)
    }

    fn visit_none<E: de::Error>(mut self) -> Result<V::Value, E> {
        self.papel.escalar(|| Captado::Nulo);
        self.v.visit_none()
    }

    fn visit_unit<E: de::Error>(mut self) -> Result<V::Value, E> {
        self.papel.escalar(|| Captado::Nulo);
        self.v.visit_unit()
    }

    fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<V::Value, D2::Error> {
        self.v.visit_some(Espiado {
            d,
            papel: self.papel,
        })
    }

    fn visit_newtype_struct<D2: Deserializer<'de>>(self, d: D2) -> Result<V::Value, D2::Error> {
        self.v.visit_newtype_struct(Espiado {
            d,
            papel: self.papel,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        match self.papel {
            Papel::Topo(r) => {
                r.forma = Forma::Lista;
                self.v.visit_seq(seq)
            }
            mut papel => {
                papel.escalar(|| Captado::Outro("an array"));
                self.v.visit_seq(seq)
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        match self.papel {
            Papel::Topo(r) => {
                r.forma = Forma::Objeto;
                self.v.visit_map(Mapa { map, registro: r })
            }
            mut papel => {
                papel.escalar(|| Captado::Outro("an object"));
                self.v.visit_map(map)
            }
        }
    }

    fn visit_enum<A: EnumAccess<'de>>(mut self, e: A) -> Result<V::Value, A::Error> {
        self.papel.escalar(|| Captado::Outro("an enum"));
        self.v.visit_enum(e)
    }
}

/// The top-level object: notes each key and the values of the watched ones.
struct Mapa<'r, 'c, 'de, A> {
    map: A,
    registro: &'r mut Registro<'c, 'de>,
}

/// A seed read through [`Espiado`] with the given role.
struct Semente<'r, 'c, 'de, S> {
    seed: S,
    papel: Papel<'r, 'c, 'de>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Semente<'_, '_, 'de, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Espiado {
            d,
            papel: self.papel,
        })
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Mapa<'_, '_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.registro.pendente = None;
        self.map.next_key_seed(Semente {
            seed,
            papel: Papel::Chave(self.registro),
        })
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        match self.registro.pendente.take() {
            Some(i) => self.map.next_value_seed(Semente {
                seed,
                papel: Papel::Valor(self.registro, i),
            }),
            None => self.map.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;
    use serde::Deserialize;
    use serde_json::Value;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Com {
        #[serde(default)]
        a: Option<u8>,
        #[serde(flatten)]
        resto: serde_json::Map<String, Value>,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Sem {
        #[serde(default)]
        a: Option<u8>,
    }

    #[test]
    fn chaves_e_valores_do_topo() {
        let corpo = br#"{"a": 1, "codigo": "000", "msg": null, "n": {"codigo": "x"}}"#;
        let d = decodificar::<Com>(corpo, &["codigo", "msg", "falta"]).unwrap();
        assert_eq!(d.valor.a, Some(1));
        assert_eq!(d.chaves, ["a", "codigo", "msg", "n"]);
        // A plain string is borrowed from the body, not copied.
        assert!(matches!(
            d.captados[0],
            Some(Captado::Texto(Cow::Borrowed("000")))
        ));
        assert_eq!(
            d.captados[..],
            [
                Some(Captado::Texto("000".into())),
                Some(Captado::Nulo),
                None
            ]
        );
        // The nested `codigo` is not the top-level one; the map kept everything else.
        assert_eq!(d.valor.resto.len(), 3);
        // A type that ignores the watched key: still noted.
        let d = decodificar::<Sem>(br#"{"codigo": 205, "a": 2}"#, &["codigo"]).unwrap();
        assert_eq!(d.captados[..], [Some(Captado::Inteiro(205))]);
        assert_eq!(d.valor, Sem { a: Some(2) });
        for (corpo, tipo) in [
            (&br#"{"codigo": true}"#[..], "a boolean"),
            (br#"{"codigo": -1}"#, "a negative number"),
            (br#"{"codigo": 1.5}"#, "a fractional number"),
            (br#"{"codigo": []}"#, "an array"),
            (br#"{"codigo": {}}"#, "an object"),
        ] {
            let d = decodificar::<Com>(corpo, &["codigo"]).unwrap();
            assert_eq!(d.captados[..], [Some(Captado::Outro(tipo))]);
            let d = decodificar::<Value>(corpo, &["codigo"]).unwrap();
            assert_eq!(d.captados[..], [Some(Captado::Outro(tipo))]);
        }
    }

    #[test]
    fn formas() {
        let d = decodificar::<Vec<u8>>(b"[1, 2]", &["codigo"]).unwrap();
        assert_eq!((d.forma, d.valor), (Forma::Lista, vec![1, 2]));
        assert!(d.chaves.is_empty());
        let d = decodificar::<Option<Com>>(b"null", &[]).unwrap();
        assert_eq!((d.forma, d.valor), (Forma::Escalar, None));
        let d = decodificar::<Option<Com>>(br#"{"x": 1}"#, &[]).unwrap();
        assert_eq!((d.forma, d.chaves), (Forma::Objeto, vec![Cow::from("x")]));
    }

    #[test]
    fn erros_do_serde_json() {
        assert!(decodificar::<Com>(b"", &[]).unwrap_err().is_eof());
        assert!(decodificar::<Com>(b"<html>", &[]).unwrap_err().is_syntax());
        assert!(
            decodificar::<Com>(br#"{"a": 1} x"#, &[])
                .unwrap_err()
                .is_syntax()
        );
        assert!(
            decodificar::<Com>(br#"{"a": "x"}"#, &[])
                .unwrap_err()
                .is_data()
        );
    }

    proptest::proptest! {
        /// Same answer as `serde_json` itself, whatever the input.
        #[test]
        fn igual_ao_serde_json(s in "\\PC{0,60}") {
            let direto = serde_json::from_str::<Value>(&s).ok();
            let espiado = decodificar::<Value>(s.as_bytes(), &["a"]).ok().map(|d| d.valor);
            proptest::prop_assert_eq!(direto, espiado);
        }
    }
}
