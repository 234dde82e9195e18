//! Privacy helpers shared by both clients (*privacidade*, LGPD — Lei 13.709/2018): no full CPF
//! the *server* wrote (messages, HTML pages, unknown fields, undecodable bodies) reaches
//! `Debug`, `Display` or a log.
//!
//! * [`ocultar_cpfs`] — masks every CPF in a text however it is punctuated (`52998224725`,
//!   `529.982.247-25`, `529 982 247 25`, `5299822472-5`…), keeping its last two digits (like
//!   the `Debug` of [`Cpf`](crate::Cpf)). The clients run it on every server text their
//!   errors quote.
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

/// The longest a CPF is written (`529.982.247-25`, 14 characters): how far past a snippet's
/// cap a text must be masked with [`ocultar_cpfs`] before it is cut, so that a CPF the cut
/// splits is still masked (cut after its ninth digit, a CPF is whole: the last two digits are
/// check digits computed from the first nine).
pub const CPF_MAIS_LONGO: usize = 14;

/// Masks what may be a CPF (personal data under the LGPD) in text a server wrote, however it
/// is punctuated, keeping only its last two digits (like the `Debug` of [`Cpf`](crate::Cpf)):
/// `52998224725` → `*********25`, `529.982.247-25` → `***.***.***-25`,
/// `529 982 247 25` → `*** *** *** 25`, `5299822472-5` → `*********2-5`.
///
/// The text is read as **digit groups**: maximal sequences of ASCII digits in which each two
/// consecutive digits are separated by at most three *separators* (space, `.`, `-`, `/`,
/// `_`) and nothing else. Masking replaces digits by `*` and keeps the separators:
///
/// * a group of **11 digits** is a CPF: all but its last two digits are masked. An 11-digit
///   RENAVAM or CRV security code is masked too (it cannot be told from a CPF);
/// * a group of **12 or 13 digits** may be a CPF with a stray digit (`0` + CPF, a sequence
///   number glued to it): it is masked the same way, whole (all but its last two digits);
/// * in a group of **14 digits or more** (CNPJ `11.222.333/0001-81`, chave de acesso NF-e,
///   several numbers in a path such as `/estoques/2026/52998224725`), every run of
///   consecutive *contiguous* digit blocks holding exactly 11 digits is masked (all but its
///   last two digits; overlapping runs may hide more). So a CPF next to other numbers is
///   masked, while a CNPJ (blocks 2-3-3-4-2 or one block of 14) or a chave NF-e (one block
///   of 44, or blocks of 4) stays readable;
/// * groups of 10 digits or fewer (dates, CEPs, ids) are left alone.
///
/// A CPF glued to other digits with no separator (`X152998224725…` with 14 digits or more in
/// the run) is another number and is not masked. The result has the same length as the input
/// (each masked digit becomes one `*`). Linear time; never panics; text with nothing to mask
/// is borrowed unchanged, without allocating.
///
/// ```
/// use renave_domain::privacidade::ocultar_cpfs;
///
/// assert_eq!(
///     ocultar_cpfs("CPF 52998224725 / 529.982.247-25, CNPJ 11222333000181"),
///     "CPF *********25 / ***.***.***-25, CNPJ 11222333000181"
/// );
/// assert_eq!(
///     ocultar_cpfs("/estoques/2026/529 982 247 25/x"),
///     "/estoques/2026/*** *** *** 25/x"
/// );
/// assert_eq!(ocultar_cpfs("11.222.333/0001-81"), "11.222.333/0001-81");
/// ```
pub fn ocultar_cpfs(texto: &str) -> Cow<'_, str> {
    let b = texto.as_bytes();
    let mut mascara = Mascara {
        texto,
        saida: None,
        copiado: 0,
    };
    let mut i = 0;
    while i < b.len() {
        if !digito(b, i) {
            i += 1;
            continue;
        }
        // `i` starts a digit group (a previous group is always skipped whole).
        let (fim, digitos) = fim_do_grupo(b, i);
        match digitos {
            DIGITOS_CPF..=13 => mascara.ocultar(i, digitos - 2),
            14.. => mascarar_janelas(b, i, fim, &mut mascara),
            _ => {}
        }
        i = fim;
    }
    mascara.concluir()
}

/// The characters that may separate the digits of one number written out.
const SEPARADORES: &[u8] = b" .-/_";

/// At most this many separators between two digits of one group.
const MAX_SEPARADORES: usize = 3;

/// Digits in a CPF.
const DIGITOS_CPF: usize = 11;

/// Whether `b[i]` is an ASCII digit (false past the end).
fn digito(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_digit)
}

/// The end (one past its last digit) and the number of digits of the digit group starting at
/// `i`.
fn fim_do_grupo(b: &[u8], i: usize) -> (usize, usize) {
    let mut fim = i;
    let mut digitos = 0;
    loop {
        while digito(b, fim) {
            fim += 1;
            digitos += 1;
        }
        let mut k = fim;
        while k - fim < MAX_SEPARADORES && b.get(k).is_some_and(|c| SEPARADORES.contains(c)) {
            k += 1;
        }
        if k == fim || !digito(b, k) {
            return (fim, digitos);
        }
        fim = k;
    }
}

/// In the group `inicio..fim` (digits and separators only), masks every run of consecutive
/// contiguous digit blocks holding exactly 11 digits. Two pointers over the blocks: linear.
fn mascarar_janelas(b: &[u8], inicio: usize, fim: usize, mascara: &mut Mascara<'_>) {
    let proximo_bloco = |mut k: usize| {
        while k < fim && !digito(b, k) {
            k += 1;
        }
        k
    };
    let fim_do_bloco = |mut k: usize| {
        while k < fim && digito(b, k) {
            k += 1;
        }
        k
    };
    // The window: the blocks from the one starting at `esquerda` to the current one.
    let mut esquerda = inicio;
    let mut soma = 0;
    let mut i = inicio;
    while i < fim {
        let j = fim_do_bloco(i);
        soma += j - i;
        while soma > DIGITOS_CPF {
            let k = fim_do_bloco(esquerda);
            soma -= k - esquerda;
            esquerda = proximo_bloco(k);
        }
        if soma == DIGITOS_CPF {
            mascara.ocultar(esquerda, DIGITOS_CPF - 2);
        }
        i = proximo_bloco(j);
    }
}

/// The masked copy, built only once something is masked.
struct Mascara<'a> {
    texto: &'a str,
    saida: Option<String>,
    /// How much of `texto` is already in `saida`.
    copiado: usize,
}

impl<'a> Mascara<'a> {
    /// Masks the first `n` digits from `de` (a digit of a group; the digits and separators
    /// that follow are ASCII). Calls come in increasing order of `de`, so each masked range
    /// ends after the previous one; the part already copied is not copied again.
    fn ocultar(&mut self, de: usize, n: usize) {
        let b = self.texto.as_bytes();
        let mut ate = de;
        let mut vistos = 0;
        while vistos < n && ate < b.len() {
            if digito(b, ate) {
                vistos += 1;
            }
            ate += 1;
        }
        let de = de.max(self.copiado);
        if ate <= de {
            return;
        }
        let s = self
            .saida
            .get_or_insert_with(|| String::with_capacity(self.texto.len()));
        // Every cut is next to an ASCII digit or separator, hence on a character boundary.
        s.push_str(self.texto.get(self.copiado..de).unwrap_or_default());
        for c in self.texto.get(de..ate).unwrap_or_default().chars() {
            s.push(if c.is_ascii_digit() { '*' } else { c });
        }
        self.copiado = ate;
    }

    fn concluir(self) -> Cow<'a, str> {
        match self.saida {
            Some(mut s) => {
                s.push_str(self.texto.get(self.copiado..).unwrap_or_default());
                Cow::Owned(s)
            }
            None => Cow::Borrowed(self.texto),
        }
    }
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
        // 12 or 13 digits may be a CPF with a stray digit: masked whole.
        assert_eq!(ocultar_cpfs("529.982.247-251"), "***.***.***-*51");
        // Fewer than 11 or more than 13 digits: left alone (CNPJ, chave NF-e, dates, ids).
        for t in [
            "11222333000181",
            "1234567890",
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
