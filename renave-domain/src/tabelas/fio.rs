//! Wire (*fio*) handling shared by every code table: serde and JSON Schema.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// How a table's codes travel in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Formato {
    /// A JSON string (`"T"`, `"03"`, `"SOLICITADO"`).
    Texto,
    /// A JSON number (`2`, `64`); a string is accepted on input.
    Numero,
}

/// The JSON type an unknown code arrived in, so it is written back the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Forma {
    /// Built in Rust (`From<&str>`): written in the table's [`Formato`].
    DaTabela,
    /// Read from a JSON string: written back as that string.
    Texto,
    /// Read from a JSON integer: written back as that integer.
    Numero,
}

/// `Some(n)` when `codigo` is the canonical decimal text of `n` (no sign, no leading zero), so
/// writing `n` as a JSON number gives back exactly `codigo` when read.
fn inteiro_canonico(codigo: &str) -> Option<u64> {
    let numero = codigo.parse::<u64>().ok()?;
    (numero.to_string() == codigo).then_some(numero)
}

/// Writes a code. An unknown code read from JSON ([`Forma::Texto`] / [`Forma::Numero`]) goes
/// back in the JSON type it came in. Otherwise: a string for [`Formato::Texto`]; for
/// [`Formato::Numero`] a JSON number when the code is a canonical integer, else the string.
pub(crate) fn serializar<S: Serializer>(
    codigo: &str,
    formato: Formato,
    forma: Forma,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if forma == Forma::Numero {
        // Text made from a JSON integer by `VisitanteCodigo`, so one of these parses.
        if let Ok(n) = codigo.parse::<u64>() {
            return serializer.serialize_u64(n);
        }
        if let Ok(n) = codigo.parse::<i64>() {
            return serializer.serialize_i64(n);
        }
    }
    match (formato, forma, inteiro_canonico(codigo)) {
        (Formato::Numero, Forma::DaTabela | Forma::Numero, Some(numero)) => {
            serializer.serialize_u64(numero)
        }
        _ => serializer.serialize_str(codigo),
    }
}

/// Reads a code given as a JSON string or an integer (as its decimal text), with the JSON type
/// it came in.
pub(crate) fn deserializar<'de, D: Deserializer<'de>>(
    deserializer: D,
    rotulo: &'static str,
) -> Result<(String, Forma), D::Error> {
    deserializer.deserialize_any(VisitanteCodigo { rotulo })
}

struct VisitanteCodigo {
    rotulo: &'static str,
}

impl Visitor<'_> for VisitanteCodigo {
    type Value = (String, Forma);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} code (a string or an integer)", self.rotulo)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok((v.to_owned(), Forma::Texto))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok((v, Forma::Texto))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok((v.to_string(), Forma::Numero))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok((v.to_string(), Forma::Numero))
    }
}

/// The JSON Schema of a table: its wire type, the known codes as examples and a description
/// listing them. Unknown codes stay valid (the server may add codes).
pub(crate) fn esquema(
    rotulo: &str,
    formato: Formato,
    conhecidos: &[(&str, &str)],
) -> schemars::Schema {
    use serde_json::{Map, Value};

    let lista = conhecidos
        .iter()
        .map(|(codigo, descricao)| format!("{codigo} = {descricao}"))
        .collect::<Vec<_>>()
        .join("; ");
    let exemplos = conhecidos
        .iter()
        .map(|(codigo, _)| match (formato, inteiro_canonico(codigo)) {
            (Formato::Numero, Some(numero)) => Value::from(numero),
            _ => Value::from(*codigo),
        })
        .collect::<Vec<_>>();
    let tipo = match formato {
        Formato::Texto => Value::from("string"),
        Formato::Numero => Value::from(vec!["integer", "string"]),
    };
    let mut mapa = Map::new();
    mapa.insert("type".to_owned(), tipo);
    mapa.insert(
        "description".to_owned(),
        Value::from(format!(
            "Code table {rotulo}. Known codes: {lista}. Other codes are accepted and kept."
        )),
    );
    mapa.insert("examples".to_owned(), Value::from(exemplos));
    schemars::Schema::from(mapa)
}
