//! Privacy helpers shared by both clients (*privacidade*, LGPD — Lei 13.709/2018): no full CPF
//! the *server* wrote (messages, HTML pages, unknown fields, undecodable bodies) reaches
//! `Debug`, `Display` or a log.
//!
//! * [`ocultar_cpfs`] — masks every CPF in a text, keeping its last two digits (like the
//!   `Debug` of [`Cpf`](crate::Cpf)). The clients run it on every server text their errors
//!   quote.
//! * [`CamposExtras`] — the unknown fields of a typed response (`#[serde(flatten)]`), kept both
//!   ways but shown by `Debug` as keys and value kinds only, never values.
//! * [`SemCpf`] and [`debug_sem_cpf!`](crate::debug_sem_cpf) — the `Debug` of a typed
//!   response: each field's own `Debug` with every CPF masked. The fields keep their plain
//!   types (`String`…), so `Display`, `Deref` and comparisons show the text as received (a
//!   `mensagemParaUsuarioFinal` must reach the user unchanged); only `Debug` masks.

use std::borrow::Cow;
use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Masks what may be a CPF (personal data under the LGPD) in text a server wrote: every run of
/// exactly 11 ASCII digits (`52998224725` → `*********25`) and every formatted CPF
/// (`529.982.247-25` → `***.***.***-25`) keeps only its last two digits, like the `Debug` of
/// [`Cpf`](crate::Cpf). Longer or shorter digit runs (CNPJ, chave de acesso NF-e, dates, ids)
/// are left alone; an 11-digit RENAVAM or CRV code is masked too (it cannot be told from a
/// CPF). The result has the same length as the input. Never panics; text without a CPF is
/// borrowed unchanged.
///
/// ```
/// use renave_domain::privacidade::ocultar_cpfs;
///
/// assert_eq!(
///     ocultar_cpfs("CPF 52998224725 / 529.982.247-25, CNPJ 11222333000181"),
///     "CPF *********25 / ***.***.***-25, CNPJ 11222333000181"
/// );
/// ```
pub fn ocultar_cpfs(texto: &str) -> Cow<'_, str> {
    let b = texto.as_bytes();
    let digito = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut saida: Option<String> = None;
    let mut copiado = 0;
    let mut i = 0;
    while i < b.len() {
        if !digito(i) {
            i += 1;
            continue;
        }
        // `i` starts a maximal run of digits (a previous run is always skipped whole).
        let mut fim = i;
        while digito(fim) {
            fim += 1;
        }
        let alvo = match fim - i {
            11 => Some((fim, "*********")),
            3 if cpf_formatado_em(b, i) => Some((i + 14, "***.***.***-")),
            _ => None,
        };
        let Some((fim_alvo, mascara)) = alvo else {
            i = fim;
            continue;
        };
        // Every cut is next to an ASCII digit, hence on a character boundary.
        let s = saida.get_or_insert_with(|| String::with_capacity(texto.len()));
        s.push_str(texto.get(copiado..i).unwrap_or_default());
        s.push_str(mascara);
        s.push_str(
            texto
                .get(fim_alvo.saturating_sub(2)..fim_alvo)
                .unwrap_or_default(),
        );
        copiado = fim_alvo;
        i = fim_alvo;
    }
    match saida {
        Some(mut s) => {
            s.push_str(texto.get(copiado..).unwrap_or_default());
            Cow::Owned(s)
        }
        None => Cow::Borrowed(texto),
    }
}

/// Whether `ddd.ddd.ddd-dd`, not followed by a digit, starts at `i`.
fn cpf_formatado_em(b: &[u8], i: usize) -> bool {
    const MODELO: &[u8; 14] = b"000.000.000-00";
    let Some(trecho) = b.get(i..i.saturating_add(MODELO.len())) else {
        return false;
    };
    let casa = trecho.iter().zip(MODELO).all(|(c, m)| {
        if *m == b'0' {
            c.is_ascii_digit()
        } else {
            c == m
        }
    });
    casa && !b.get(i + MODELO.len()).is_some_and(u8::is_ascii_digit)
}

/// `Debug` of any value with every CPF masked (*sem CPF*): the value's own `Debug` (pretty or
/// not, as asked) passed through [`ocultar_cpfs`]. Used by [`debug_sem_cpf!`](crate::debug_sem_cpf)
/// for each field of a typed response.
///
/// ```
/// use renave_domain::privacidade::SemCpf;
///
/// let mensagem = String::from("CPF 52998224725 sem pendências");
/// assert_eq!(format!("{:?}", SemCpf(&mensagem)), r#""CPF *********25 sem pendências""#);
/// ```
pub struct SemCpf<'a, T: ?Sized>(pub &'a T);

impl<T: fmt::Debug + ?Sized> fmt::Debug for SemCpf<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let texto = if f.alternate() {
            format!("{:#?}", self.0)
        } else {
            format!("{:?}", self.0)
        };
        f.write_str(&ocultar_cpfs(&texto))
    }
}

/// Implements `Debug` for a struct with named fields so that no full CPF the server sent is
/// printed (LGPD): each field is shown with its own `Debug` through [`SemCpf`]. List every
/// field: the macro destructures the struct without `..`, so a field added later and not
/// listed is a compile error.
///
/// ```
/// use renave_domain::CamposExtras;
///
/// #[derive(serde::Deserialize)]
/// pub struct Resposta {
///     pub mensagem_retorno: Option<String>,
///     #[serde(flatten)]
///     pub extras: CamposExtras,
/// }
/// renave_domain::debug_sem_cpf!(Resposta { mensagem_retorno, extras });
///
/// let r: Resposta = serde_json::from_str(
///     r#"{"mensagem_retorno": "CPF 529.982.247-25 ok", "novo": "52998224725"}"#,
/// ).unwrap();
/// let d = format!("{r:?}");
/// assert!(d.contains("***.***.***-25") && !d.contains("52998224725"));
/// assert_eq!(r.mensagem_retorno.as_deref(), Some("CPF 529.982.247-25 ok"));
/// ```
#[macro_export]
macro_rules! debug_sem_cpf {
    ($tipo:ident { $($campo:ident),* $(,)? }) => {
        impl ::core::fmt::Debug for $tipo {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let $tipo { $($campo),* } = self;
                f.debug_struct(stringify!($tipo))
                    $(.field(stringify!($campo), &$crate::privacidade::SemCpf($campo)))*
                    .finish()
            }
        }
    };
}

/// The fields of a server answer that the SDK does not model (*campos extras*; "unknown is not
/// an error"): put it behind `#[serde(flatten)]` and every unknown field is kept when
/// deserialising and written back when serialising.
///
/// It reads like the [`Map`] it wraps (`Deref`, [`get`](Map::get), [`iter`](Map::iter),
/// indexing, [`into_inner`](Self::into_inner)), but its `Debug` shows only each key and the
/// kind (and length) of its value — never a value, which may be a CPF or a name.
///
/// ```
/// use renave_domain::CamposExtras;
/// use serde_json::json;
///
/// #[derive(serde::Deserialize, serde::Serialize)]
/// struct Resposta {
///     codigo: u32,
///     #[serde(flatten)]
///     extras: CamposExtras,
/// }
///
/// let corpo = json!({"codigo": 1, "cpfNovo": "52998224725", "lista": [1, 2]});
/// let r: Resposta = serde_json::from_value(corpo.clone()).unwrap();
/// assert_eq!(r.extras.get("cpfNovo"), Some(&json!("52998224725")));
/// assert_eq!(serde_json::to_value(&r).unwrap(), corpo);
/// assert_eq!(format!("{:?}", r.extras), r#"{"cpfNovo": string(11), "lista": array(2)}"#);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CamposExtras(Map<String, Value>);

impl CamposExtras {
    /// No field.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The fields, as a [`Map`].
    #[must_use]
    pub fn into_inner(self) -> Map<String, Value> {
        self.0
    }
}

impl Deref for CamposExtras {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for CamposExtras {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl From<Map<String, Value>> for CamposExtras {
    fn from(m: Map<String, Value>) -> Self {
        Self(m)
    }
}

impl From<CamposExtras> for Map<String, Value> {
    fn from(c: CamposExtras) -> Self {
        c.0
    }
}

impl FromIterator<(String, Value)> for CamposExtras {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl IntoIterator for CamposExtras {
    type Item = (String, Value);
    type IntoIter = serde_json::map::IntoIter;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a CamposExtras {
    type Item = (&'a String, &'a Value);
    type IntoIter = serde_json::map::Iter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// The kind of a JSON value, with its length (characters, items, fields), never its content.
struct Tipo<'a>(&'a Value);

impl fmt::Debug for Tipo<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::Bool(_) => f.write_str("bool"),
            Value::Number(_) => f.write_str("number"),
            Value::String(s) => write!(f, "string({})", s.chars().count()),
            Value::Array(a) => write!(f, "array({})", a.len()),
            Value::Object(o) => write!(f, "object({})", o.len()),
        }
    }
}

impl fmt::Debug for CamposExtras {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(k, v)| (ocultar_cpfs(k), Tipo(v))))
            .finish()
    }
}

impl schemars::JsonSchema for CamposExtras {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("CamposExtras")
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "additionalProperties": true,
            "description": "Fields of the answer the SDK does not model, kept as received.",
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn casos() {
        assert_eq!(ocultar_cpfs("52998224725"), "*********25");
        assert_eq!(ocultar_cpfs("x529.982.247-25."), "x***.***.***-25.");
        // Not 11 digits: left alone (CNPJ, chave NF-e, dates, ids).
        for t in [
            "11222333000181",
            "1234567890",
            "529.982.247-251",
            "529.982.247-2",
            "2026-09-24T10:11:12",
            "13181017921427000125650010000000309887251170",
        ] {
            assert_eq!(ocultar_cpfs(t), t);
        }
        assert!(matches!(ocultar_cpfs("sem números"), Cow::Borrowed(_)));
        assert_eq!(
            ocultar_cpfs("ç52998224725ç 11144477735"),
            "ç*********25ç *********35"
        );
        assert_eq!(ocultar_cpfs("CPF 529.982.247-25"), "CPF ***.***.***-25");
    }

    proptest! {
        /// Any text, multi-byte characters included, is masked without panic; an inserted CPF
        /// (bare or formatted) never survives; text without digits is unchanged.
        #[test]
        fn qualquer_texto(antes in "[^0-9]{0,20}", depois in "[^0-9]{0,20}", resto in ".{0,60}") {
            let t = format!("{antes}52998224725{depois}");
            let o = ocultar_cpfs(&t);
            prop_assert!(!o.contains("52998224725"));
            prop_assert_eq!(o.as_ref(), format!("{antes}*********25{depois}"));
            let f = format!("{antes}529.982.247-25{depois}");
            let of = ocultar_cpfs(&f);
            prop_assert_eq!(of.as_ref(), format!("{antes}***.***.***-25{depois}"));
            let _ = ocultar_cpfs(&resto);
            let sem_digitos: String = resto.chars().filter(|c| !c.is_ascii_digit()).collect();
            let os = ocultar_cpfs(&sem_digitos);
            prop_assert_eq!(os.as_ref(), sem_digitos.as_str());
        }
    }

    #[derive(Serialize, Deserialize)]
    struct Resposta {
        mensagem: Option<String>,
        #[serde(flatten)]
        extras: CamposExtras,
    }
    crate::debug_sem_cpf!(Resposta { mensagem, extras });

    #[test]
    fn extras_ida_e_volta_e_debug_sem_valores() {
        let corpo = json!({
            "mensagem": "CPF 52998224725",
            "52998224725": {"a": 1},
            "n": 52_998_224_725_u64,
            "s": "529.982.247-25",
            "l": ["x"],
            "b": true,
            "z": null,
        });
        let r: Resposta = serde_json::from_value(corpo.clone()).unwrap();
        assert_eq!(r.extras.len(), 6);
        assert_eq!(r.extras["s"], json!("529.982.247-25"));
        assert_eq!(serde_json::to_value(&r).unwrap(), corpo);
        let d = format!("{:?}", r.extras);
        assert_eq!(
            d,
            r#"{"*********25": object(1), "b": bool, "l": array(1), "n": number, "s": string(14), "z": null}"#
        );
        for d in [format!("{r:?}"), format!("{r:#?}")] {
            assert!(
                !d.contains("52998224725") && !d.contains("529.982.247-25"),
                "{d}"
            );
            assert!(d.contains("*********25"), "{d}");
        }
        assert_eq!(r.mensagem.as_deref(), Some("CPF 52998224725"));
        let m: Map<String, Value> = r.extras.clone().into_inner();
        assert_eq!(CamposExtras::from(m.clone()), r.extras);
        assert_eq!(m.into_iter().collect::<CamposExtras>(), r.extras);
        assert_eq!((&r.extras).into_iter().count(), 6);
    }

    #[test]
    fn esquema_de_objeto() {
        let s = schemars::schema_for!(CamposExtras);
        assert_eq!(s.get("type"), Some(&json!("object")));
    }
}
