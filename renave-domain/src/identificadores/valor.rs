//! [`Valor`]: an amount of money in Brazilian reais, held in centavos (no floating point).

use std::fmt;
use std::str::FromStr;

use crate::{ErroDominio, Motivo};

const TIPO: &str = "valor";

/// [`Valor::MAX`] in centavos.
const MAX_CENTAVOS: u64 = 999_999_999_999_999;

/// An amount of money in reais (*valor*, e.g. `valorCompra`, `valorVenda` of Renave-WS, the *valor
/// da venda* of CET-MG §6.1.3 and the *valor da taxa* of the DAE, §6.1.5), held as a whole
/// number of centavos — never as floating point.
///
/// * **Range:** `0` to [`Valor::MAX`] (R$ 9.999.999.999.999,99). Negative amounts are rejected:
///   no field of either API carries a negative amount, and a refund is an operation of its own.
///   The upper bound keeps every value exactly representable as a JSON number (below 2⁵³ and 15
///   significant digits), so what is written is exactly what is held.
/// * **Text (`FromStr`)** accepts two unambiguous forms, after trimming surrounding white space:
///   * the machine form used by JSON and the Pix BR Code: ASCII digits with an optional `.` and
///     one or two decimals — `1234`, `1234.5`, `1234.56` (no thousands separator);
///   * the Brazilian form, recognised by a `,` or an `R$` prefix: optional `R$` followed by at
///     most one space (or no-break space), the integer part either plain or grouped by `.` in
///     threes, and an optional `,` with one or two decimals — `1.234,56`, `R$ 1.234,56`,
///     `1234,5`, `R$ 10`.
///
///   So `1.234` (three decimals in the machine form) is rejected rather than guessed; write
///   `1.234,00` or `1234`. Signs, exponents and more than two decimals are rejected.
/// * **Display:** `{}` gives the machine form with two decimals (`1234.56`); `{:#}` gives the
///   Brazilian currency form `R$ 1.234,56`. Both parse back to the same value.
/// * **Serde:** serialises as a JSON number with exactly two decimals (`1234.56`, `1234.50`,
///   `100.00`; written as raw JSON number text, see the `Serialize` impl); deserialises from a
///   JSON number (integer or with at most two decimals) or from a string in either text form
///   above.
///
/// ```
/// use renave_domain::Valor;
///
/// let v: Valor = "R$ 1.234,56".parse()?;
/// assert_eq!(v.centavos(), 123_456);
/// assert_eq!(v.to_string(), "1234.56");
/// assert_eq!(format!("{v:#}"), "R$ 1.234,56");
/// assert_eq!(v, "1234.56".parse()?);
///
/// let taxa = Valor::from_centavos(9_870)?;
/// assert_eq!(v.checked_add(taxa), Some(Valor::from_centavos(133_326)?));
/// assert_eq!(taxa.checked_sub(v), None); // would be negative
///
/// assert_eq!(serde_json::to_string(&v)?, "1234.56");
/// assert_eq!(serde_json::from_str::<Valor>("\"1.234,56\"")?, v);
/// assert!("-1.00".parse::<Valor>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Valor(u64, TextoValor);

/// The canonical text of a [`Valor`] (`1234.56`), right-aligned in 16 bytes (the length of
/// `9999999999999.99`) with the index of its first byte. A function of the centavos, so the
/// derived comparisons of `Valor` still order by amount.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct TextoValor([u8; 16], u8);

impl TextoValor {
    /// The machine form of `centavos` (at most [`Valor::MAX`], checked by every caller; a larger
    /// value is written as `MAX`, never a panic).
    #[allow(
        clippy::cast_possible_truncation,
        reason = "each cast is of a value below 10 (a digit) or of an index below 16"
    )]
    const fn de(centavos: u64) -> Self {
        let c = if centavos > MAX_CENTAVOS {
            MAX_CENTAVOS
        } else {
            centavos
        };
        let mut buf = [b'0'; 16];
        let mut i = 16;
        let mut reais = c / 100;
        i -= 1;
        buf[i] = b'0' + (c % 10) as u8;
        i -= 1;
        buf[i] = b'0' + (c / 10 % 10) as u8;
        i -= 1;
        buf[i] = b'.';
        loop {
            i -= 1;
            buf[i] = b'0' + (reais % 10) as u8;
            reais /= 10;
            if reais == 0 || i == 0 {
                break;
            }
        }
        TextoValor(buf, i as u8)
    }
}

impl Default for Valor {
    /// [`Valor::ZERO`].
    fn default() -> Self {
        Valor::ZERO
    }
}

impl Valor {
    /// Zero reais.
    pub const ZERO: Valor = Valor(0, TextoValor::de(0));

    /// The largest amount a `Valor` holds: R$ 9.999.999.999.999,99 (`10¹⁵ − 1` centavos).
    pub const MAX: Valor = Valor(MAX_CENTAVOS, TextoValor::de(MAX_CENTAVOS));

    /// Builds a value from a whole number of centavos (`123456` is R$ 1.234,56).
    ///
    /// Fails only above [`Valor::MAX`].
    ///
    /// ```
    /// use renave_domain::Valor;
    /// assert_eq!(Valor::from_centavos(150)?.to_string(), "1.50");
    /// assert!(Valor::from_centavos(u64::MAX).is_err());
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub const fn from_centavos(centavos: u64) -> Result<Self, ErroDominio> {
        if centavos > Self::MAX.0 {
            Err(ErroDominio::new(
                TIPO,
                Motivo::ForaDoIntervalo {
                    regra: REGRA_MAXIMO,
                },
            ))
        } else {
            Ok(Self(centavos, TextoValor::de(centavos)))
        }
    }

    /// The canonical form: the machine text with two decimals, as `{}` prints it and as JSON
    /// carries it (`1234.56`, `100.00`, `0.05`), stored inline.
    ///
    /// ```
    /// use renave_domain::Valor;
    /// assert_eq!("R$ 1.234,5".parse::<Valor>()?.as_str(), "1234.50");
    /// assert_eq!(Valor::ZERO.as_str(), "0.00");
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn as_str(&self) -> &str {
        crate::identificadores::macros::ascii_str(
            self.1.0.get(usize::from(self.1.1)..).unwrap_or_default(),
        )
    }

    /// The amount in centavos.
    pub const fn centavos(self) -> u64 {
        self.0
    }

    /// The whole reais (the amount truncated to reais): 1234 for R$ 1.234,56.
    pub const fn reais(self) -> u64 {
        self.0 / 100
    }

    /// Whether the amount is zero.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// `self + outro`, or `None` above [`Valor::MAX`].
    pub const fn checked_add(self, outro: Valor) -> Option<Valor> {
        match self.0.checked_add(outro.0) {
            Some(c) if c <= Self::MAX.0 => Some(Valor(c, TextoValor::de(c))),
            _ => None,
        }
    }

    /// `self − outro`, or `None` if the result would be negative.
    pub const fn checked_sub(self, outro: Valor) -> Option<Valor> {
        match self.0.checked_sub(outro.0) {
            Some(c) => Some(Valor(c, TextoValor::de(c))),
            None => None,
        }
    }

    /// `self × quantidade` (e.g. a unit fee times a count), or `None` above [`Valor::MAX`].
    pub const fn checked_mul(self, quantidade: u64) -> Option<Valor> {
        match self.0.checked_mul(quantidade) {
            Some(c) if c <= Self::MAX.0 => Some(Valor(c, TextoValor::de(c))),
            _ => None,
        }
    }

    /// The sum of `valores`, or `None` if it exceeds [`Valor::MAX`].
    ///
    /// ```
    /// use renave_domain::Valor;
    /// let itens = ["10.00", "0.50", "1.234,00"].map(|s| s.parse::<Valor>());
    /// let total = Valor::checked_sum(itens.into_iter().collect::<Result<Vec<_>, _>>()?);
    /// assert_eq!(total.map(|v| v.to_string()), Some("1244.50".to_owned()));
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn checked_sum<I: IntoIterator<Item = Valor>>(valores: I) -> Option<Valor> {
        valores
            .into_iter()
            .try_fold(Valor::ZERO, Valor::checked_add)
    }

    /// Parses either text form (see the type's documentation). Same as `FromStr`.
    pub fn parse(s: &str) -> Result<Self, ErroDominio> {
        let s = s.trim();
        if s.is_empty() {
            return Err(erro(Motivo::Vazio));
        }
        if s.starts_with('-') {
            return Err(erro(Motivo::Formato {
                regra: REGRA_NEGATIVO,
            }));
        }
        if let Some(resto) = s.strip_prefix("R$") {
            let (resto, prefixo) = match resto.strip_prefix([' ', '\u{a0}']) {
                Some(r) => (r, 3),
                None => (resto, 2),
            };
            if !resto.starts_with(|c: char| c.is_ascii_digit()) {
                return Err(erro(Motivo::Formato {
                    regra: REGRA_PREFIXO,
                }));
            }
            return parse_brasileiro(resto, prefixo);
        }
        if s.contains(',') {
            parse_brasileiro(s, 0)
        } else {
            Self::parse_ponto(s)
        }
    }

    /// Parses the machine form only (`1234`, `1234.5`, `1234.56`), as written in JSON strings
    /// and in the amount (ID 54) of a Pix BR Code. Surrounding white space is not trimmed.
    pub(crate) fn parse_ponto(s: &str) -> Result<Self, ErroDominio> {
        if s.is_empty() {
            return Err(erro(Motivo::Vazio));
        }
        rejeitar_nao_ascii(TIPO, s, 0, "an ASCII digit or '.'")?;
        let (inteiro, decimais) = match s.find('.') {
            Some(i) => (&s[..i], Some((i + 1, &s[i + 1..]))),
            None => (s, None),
        };
        let reais = digitos(inteiro, 0, "an ASCII digit or '.'")?;
        if inteiro.is_empty() {
            return Err(erro(Motivo::Formato {
                regra: REGRA_SEM_INTEIRO,
            }));
        }
        let centavos = match decimais {
            None => 0,
            Some((inicio, d)) => fracao(d, inicio)?,
        };
        montar(reais.ok_or_else(fora)?, centavos)
    }
}

const REGRA_MAXIMO: &str = "at most R$ 9.999.999.999.999,99";
const REGRA_NEGATIVO: &str = "negative amounts are not accepted";
const REGRA_SEM_INTEIRO: &str = "the integer part is missing (write 0.50, not .50)";
const REGRA_DECIMAIS: &str =
    "one or two decimals after the decimal separator (for thousands write 1.234,00 or 1234)";
const REGRA_GRUPOS: &str = "thousands groups are separated by '.' in threes (1.234.567,89)";
const REGRA_PREFIXO: &str = "\"R$\" is followed by at most one space and the amount";

fn erro(motivo: Motivo) -> ErroDominio {
    ErroDominio::new(TIPO, motivo)
}

fn fora() -> ErroDominio {
    erro(Motivo::ForaDoIntervalo {
        regra: REGRA_MAXIMO,
    })
}

/// Rejects the first non-ASCII character of `s`, naming its 1-based position in characters
/// counted from the start of the input (`s` starts after `deslocamento` characters).
pub(crate) fn rejeitar_nao_ascii(
    tipo: &'static str,
    s: &str,
    deslocamento: usize,
    esperado: &'static str,
) -> Result<(), ErroDominio> {
    match s.chars().enumerate().find(|(_, c)| !c.is_ascii()) {
        Some((i, c)) => Err(ErroDominio::new(
            tipo,
            Motivo::Caractere {
                posicao: deslocamento + i + 1,
                encontrado: c,
                esperado,
            },
        )),
        None => Ok(()),
    }
}

/// Reads ASCII digits of `s` (which starts at byte `deslocamento` of the trimmed ASCII input) as
/// a number; `Ok(None)` on overflow, an error naming the first non-digit.
fn digitos(
    s: &str,
    deslocamento: usize,
    esperado: &'static str,
) -> Result<Option<u64>, ErroDominio> {
    let mut n: Option<u64> = Some(0);
    for (i, b) in s.bytes().enumerate() {
        if !b.is_ascii_digit() {
            return Err(erro(Motivo::Caractere {
                posicao: deslocamento + i + 1,
                encontrado: char::from(b),
                esperado,
            }));
        }
        n = n
            .and_then(|n| n.checked_mul(10))
            .and_then(|n| n.checked_add(u64::from(b - b'0')));
    }
    Ok(n)
}

/// One or two decimal digits → centavos (`"5"` → 50, `"56"` → 56).
fn fracao(d: &str, deslocamento: usize) -> Result<u64, ErroDominio> {
    if d.is_empty() || d.len() > 2 {
        // Name a stray character before complaining about the count.
        digitos(d, deslocamento, "an ASCII digit")?;
        return Err(erro(Motivo::Formato {
            regra: REGRA_DECIMAIS,
        }));
    }
    let n = digitos(d, deslocamento, "an ASCII digit")?.unwrap_or_default();
    Ok(if d.len() == 1 { n * 10 } else { n })
}

fn montar(reais: u64, centavos: u64) -> Result<Valor, ErroDominio> {
    reais
        .checked_mul(100)
        .and_then(|c| c.checked_add(centavos))
        .ok_or_else(fora)
        .and_then(Valor::from_centavos)
}

/// The Brazilian form after any `R$` prefix: `inteiro[,dd]` with an optionally `.`-grouped
/// integer part. `inicio` is the number of characters (the prefix) before `corpo`.
fn parse_brasileiro(corpo: &str, inicio: usize) -> Result<Valor, ErroDominio> {
    rejeitar_nao_ascii(TIPO, corpo, inicio, "an ASCII digit, '.' or ','")?;
    let (inteiro, decimais) = match corpo.find(',') {
        Some(i) => (&corpo[..i], Some((inicio + i + 1, &corpo[i + 1..]))),
        None => (corpo, None),
    };
    if inteiro.is_empty() {
        return Err(erro(Motivo::Formato {
            regra: REGRA_SEM_INTEIRO,
        }));
    }
    let reais = if inteiro.contains('.') {
        let mut total: Option<u64> = Some(0);
        let mut deslocamento = inicio;
        for (n, grupo) in inteiro.split('.').enumerate() {
            let tamanho_ok = if n == 0 {
                (1..=3).contains(&grupo.len())
            } else {
                grupo.len() == 3
            };
            let v = digitos(grupo, deslocamento, "an ASCII digit, '.' or ','")?;
            if !tamanho_ok {
                return Err(erro(Motivo::Formato {
                    regra: REGRA_GRUPOS,
                }));
            }
            total = total
                .and_then(|t| t.checked_mul(1000))
                .and_then(|t| v.and_then(|v| t.checked_add(v)));
            deslocamento += grupo.len() + 1;
        }
        total
    } else {
        digitos(inteiro, inicio, "an ASCII digit, '.' or ','")?
    };
    let centavos = match decimais {
        None => 0,
        Some((pos, d)) => fracao(d, pos)?,
    };
    montar(reais.ok_or_else(fora)?, centavos)
}

impl FromStr for Valor {
    type Err = ErroDominio;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<&str> for Valor {
    type Error = ErroDominio;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Valor {
    type Error = ErroDominio;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl TryFrom<u64> for Valor {
    type Error = ErroDominio;
    /// Same as [`Valor::from_centavos`].
    fn try_from(centavos: u64) -> Result<Self, Self::Error> {
        Self::from_centavos(centavos)
    }
}

impl AsRef<str> for Valor {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<Valor> for u64 {
    /// The amount in centavos.
    fn from(v: Valor) -> u64 {
        v.0
    }
}

impl fmt::Display for Valor {
    /// `1234.56`; with `{:#}`, `R$ 1.234,56`. Width and alignment flags are honoured.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // "R$ " + 13 integer digits + 4 separators + "," + 2 decimals fits in 32 bytes.
        let mut buf = [0u8; 32];
        let mut fim = buf.len();
        let mut push = |b: u8, fim: &mut usize| {
            *fim -= 1;
            if let Some(slot) = buf.get_mut(*fim) {
                *slot = b;
            }
        };
        let centavos = self.0 % 100;
        let mut reais = self.0 / 100;
        push(digito(centavos % 10), &mut fim);
        push(digito(centavos / 10), &mut fim);
        push(if f.alternate() { b',' } else { b'.' }, &mut fim);
        let mut n = 0;
        loop {
            if f.alternate() && n > 0 && n % 3 == 0 {
                push(b'.', &mut fim);
            }
            push(digito(reais % 10), &mut fim);
            reais /= 10;
            n += 1;
            if reais == 0 {
                break;
            }
        }
        if f.alternate() {
            push(b' ', &mut fim);
            push(b'$', &mut fim);
            push(b'R', &mut fim);
        }
        f.pad(std::str::from_utf8(buf.get(fim..).unwrap_or_default()).unwrap_or_default())
    }
}

fn digito(n: u64) -> u8 {
    // n < 10 by construction; the `min` keeps the cast obviously lossless.
    b'0' + u8::try_from(n.min(9)).unwrap_or(0)
}

impl fmt::Debug for Valor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Valor({self})")
    }
}

impl serde::Serialize for Valor {
    /// Writes the JSON number with exactly two decimals (`1234.56`, `1234.50`, `100.00`).
    ///
    /// A JSON number text is emitted through [`serde_json::value::RawValue`], the only way to
    /// keep the trailing zero of the centavos (a `f64` would print `1234.5` and `100.0`). With
    /// `serde_json::to_value` the number is parsed back, so the `Value` holds the same `f64`.
    /// Other serde formats do not know serde_json's raw-value marker: `Valor` is a JSON type.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let bruto = serde_json::value::RawValue::from_string(self.as_str().to_owned())
            .map_err(serde::ser::Error::custom)?;
        serde::Serialize::serialize(&bruto, s)
    }
}

/// Converts a JSON number to centavos, rejecting more than two decimals.
///
/// The number is judged by its text: Rust writes a `f64` as the shortest decimal that reads
/// back as the same double, which is the text the server sent for every amount in range
/// (at most 15 significant digits). Comparing doubles instead (`centavos / 100.0 == v`) let
/// through a number whose text had more decimals (`991452665294.6599` read as `…294.66`).
fn de_f64(v: f64) -> Result<Valor, ErroDominio> {
    if v.is_nan() || v.is_sign_negative() && v != 0.0 {
        return Err(erro(Motivo::Formato {
            regra: REGRA_NEGATIVO,
        }));
    }
    if !v.is_finite() {
        return Err(fora());
    }
    // `-0.0` is zero; `{}` never uses an exponent for a finite `f64`.
    Valor::parse_ponto(&format!("{}", v.abs()))
}

impl<'de> serde::Deserialize<'de> for Valor {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitante;
        impl serde::de::Visitor<'_> for Visitante {
            type Value = Valor;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount in reais: a JSON number with at most two decimals or a decimal string")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Valor, E> {
                v.checked_mul(100)
                    .ok_or_else(fora)
                    .and_then(Valor::from_centavos)
                    .map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Valor, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::custom(erro(Motivo::Formato {
                        regra: REGRA_NEGATIVO,
                    }))),
                }
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Valor, E> {
                de_f64(v).map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Valor, E> {
                Valor::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_any(Visitante)
    }
}

impl schemars::JsonSchema for Valor {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Valor")
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["number", "string"],
            "minimum": 0,
            "maximum": 9_999_999_999_999.99_f64,
            "pattern": r"^(R\$ ?)?[0-9]+(\.[0-9]{3})*([.,][0-9]{1,2})?$",
            "description": "Amount in reais (valor), at most two decimals, not negative. Written as a JSON number (1234.56); read from a number or a string (\"1234.56\" or \"R$ 1.234,56\").",
        })
    }
}
