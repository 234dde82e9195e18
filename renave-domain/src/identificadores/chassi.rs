//! Chassi (vehicle identification number, VIN).

use std::fmt;

use super::cnpj::byte_ascii;
use crate::identificadores::macros::{ascii_str, texto_validado};
use crate::{ErroDominio, Motivo};

const MAX: usize = 21;

/// Whether `c` (upper case) may appear in a 17-character VIN: `0-9` and `A-Z` except I, O, Q.
#[inline]
#[allow(clippy::needless_bitwise_bool)] // Branch-free on purpose: the fast path's loop (issue 16).
pub(crate) fn caractere_vin(c: u8) -> bool {
    c.is_ascii_digit() | (c.is_ascii_uppercase() & (c != b'I') & (c != b'O') & (c != b'Q'))
}

/// A vehicle's chassis number (*chassi*), normally its 17-character VIN.
///
/// Rule (CTB art. 114; ABNT NBR 6066 / ISO 3779, required by Res. CONTRAN 24/1998, now Res.
/// CONTRAN 968/2022; `domain-rules.md` §5):
/// * [`Chassi::parse`] / `FromStr` is a strict VIN: 17 characters of `[A-HJ-NPR-Z0-9]` (no I, O,
///   Q). Position 9 is **not** checked as a check digit: Brazil does not use the North-American
///   rule and real Brazilian VINs fail it (see
///   [`Chassi::digito_verificador_norte_americano_ok`], informational only).
/// * [`Chassi::legado`] admits the 1–21-character alphanumeric chassis of vehicles made before the
///   17-character VIN (1986), which may contain I, O or Q.
/// * `Deserialize` accepts both, because the server is the authority on existing records.
///
/// Input: surrounding white space is trimmed and letters are upper-cased; a letter `O` is never
/// changed to `0`. There is no mask. Stored inline (up to 21 bytes): `Copy`, parsing allocates
/// nothing.
///
/// ```
/// use renave_domain::Chassi;
///
/// let c: Chassi = "9bgkl48u0jb118848".parse()?;
/// assert_eq!(c.as_str(), "9BGKL48U0JB118848");
/// assert!(c.is_vin());
/// assert!("9BGKL48U0JB1I8848".parse::<Chassi>().is_err()); // I is not a VIN character
/// let antigo = Chassi::legado("BJ123456")?;
/// assert!(!antigo.is_vin());
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chassi {
    /// Canonical ASCII, zero-filled after `len` (so derived comparisons are lexicographic).
    bytes: [u8; MAX],
    len: u8,
}

impl Chassi {
    /// Parses a strict 17-character VIN (trimmed, upper-cased). No check-digit test.
    #[inline]
    pub fn parse(s: &str) -> Result<Self, ErroDominio> {
        match Self::rapido_vin(s.trim()) {
            Some(c) => Ok(c),
            None => Self::parse_detalhado(s),
        }
    }

    /// The single pass of [`Chassi::parse`] over the 17 bytes of a VIN, each upper-cased and
    /// checked ([`caractere_vin`]) branch-free; `None` on anything it refuses (then
    /// [`Chassi::parse_detalhado`] names the reason).
    #[inline]
    pub(crate) fn rapido_vin(t: &str) -> Option<Self> {
        let e: &[u8; 17] = t.as_bytes().try_into().ok()?;
        let mut bytes = [0u8; MAX];
        let mut fora = false;
        for (&c, slot) in e.iter().zip(bytes.iter_mut()) {
            let c = c.to_ascii_uppercase();
            fora |= !caractere_vin(c);
            *slot = c;
        }
        (!fora).then_some(Self { bytes, len: 17 })
    }

    /// The single pass of [`Chassi::legado`]: `min..=max` bytes, each upper-cased and accepted by `aceitar` (which
    /// accepts only ASCII); `None` on anything it refuses (then the detailed path names the
    /// reason).
    #[inline]
    pub(crate) fn rapido(
        t: &str,
        min: usize,
        max: usize,
        aceitar: impl Fn(u8) -> bool,
    ) -> Option<Self> {
        let e = t.as_bytes();
        if e.len() < min || e.len() > max {
            return None;
        }
        let mut bytes = [0u8; MAX];
        for (&c, slot) in e.iter().zip(bytes.iter_mut()) {
            let c = c.to_ascii_uppercase();
            if !aceitar(c) {
                return None;
            }
            *slot = c;
        }
        let len = u8::try_from(e.len()).ok()?;
        Some(Self { bytes, len })
    }

    /// The detailed path of [`Chassi::parse`]: the same rule, with the error that names what is
    /// wrong.
    #[cold]
    pub(crate) fn parse_detalhado(s: &str) -> Result<Self, ErroDominio> {
        let t = s.trim();
        let n = t.chars().count();
        if n == 0 {
            return Err(ErroDominio::new("chassi", Motivo::Vazio));
        }
        if n != 17 {
            return Err(ErroDominio::new(
                "chassi",
                Motivo::Comprimento {
                    esperado: "17 (a VIN; Chassi::legado admits 1 to 21)",
                    obtido: n,
                },
            ));
        }
        Self::ler(t, |c| {
            if caractere_vin(c) {
                Ok(())
            } else {
                Err("a VIN character (0-9, A-Z except I, O, Q)")
            }
        })
    }

    /// Parses a legacy chassis number (*chassi* of a pre-1986 vehicle, or a non-standard one):
    /// 1 to 21 ASCII letters or digits (trimmed, upper-cased). Every VIN is also accepted.
    ///
    /// ```
    /// use renave_domain::Chassi;
    /// assert_eq!(Chassi::legado(" bj1o3456 ")?.as_str(), "BJ1O3456");
    /// assert!(Chassi::legado(&"A".repeat(22)).is_err());
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    #[inline]
    pub fn legado(s: &str) -> Result<Self, ErroDominio> {
        match Self::rapido(s.trim(), 1, MAX, |c| c.is_ascii_alphanumeric()) {
            Some(c) => Ok(c),
            None => Self::legado_detalhado(s),
        }
    }

    /// The detailed path of [`Chassi::legado`]: the same rule, with the error that names what is
    /// wrong.
    #[cold]
    pub(crate) fn legado_detalhado(s: &str) -> Result<Self, ErroDominio> {
        let t = s.trim();
        let n = t.chars().count();
        if n == 0 {
            return Err(ErroDominio::new("chassi", Motivo::Vazio));
        }
        if n > MAX {
            return Err(ErroDominio::new(
                "chassi",
                Motivo::Comprimento {
                    esperado: "1 to 21",
                    obtido: n,
                },
            ));
        }
        Self::ler(t, |c| {
            if c.is_ascii_alphanumeric() {
                Ok(())
            } else {
                Err("an ASCII letter or digit")
            }
        })
    }

    /// Copies the trimmed `t` (at most `MAX` characters) upper-cased, checking each character.
    fn ler(t: &str, aceitar: impl Fn(u8) -> Result<(), &'static str>) -> Result<Self, ErroDominio> {
        let mut bytes = [0u8; MAX];
        let mut len: u8 = 0;
        for (i, c) in t.chars().enumerate() {
            let maiuscula = c.to_ascii_uppercase();
            let esperado = if maiuscula.is_ascii() {
                aceitar(byte_ascii(maiuscula)).err()
            } else {
                Some("an ASCII letter or digit")
            };
            if let Some(esperado) = esperado {
                return Err(ErroDominio::new(
                    "chassi",
                    Motivo::Caractere {
                        posicao: i + 1,
                        encontrado: c,
                        esperado,
                    },
                ));
            }
            match bytes.get_mut(i) {
                Some(slot) => *slot = byte_ascii(maiuscula),
                None => {
                    return Err(ErroDominio::new(
                        "chassi",
                        Motivo::Comprimento {
                            esperado: "1 to 21",
                            obtido: t.chars().count(),
                        },
                    ));
                }
            }
            len += 1;
        }
        Ok(Self { bytes, len })
    }

    /// The canonical form: upper case, no separators (e.g. `9BGKL48U0JB118848`).
    pub fn as_str(&self) -> &str {
        ascii_str(self.bytes.get(..usize::from(self.len)).unwrap_or(&[]))
    }

    /// Whether this is a structurally valid 17-character VIN (`[A-HJ-NPR-Z0-9]{17}`).
    pub fn is_vin(&self) -> bool {
        self.len == 17 && self.as_str().bytes().all(caractere_vin)
    }

    /// Whether position 9 matches the **North-American** check digit (49 CFR 565). For
    /// information only: Brazil (NBR 6066) does not require it, and real Brazilian VINs fail it.
    /// `false` when this is not a VIN.
    ///
    /// ```
    /// use renave_domain::Chassi;
    /// assert!("1M8GDM9AXKP042788".parse::<Chassi>()?.digito_verificador_norte_americano_ok());
    /// assert!(!"9BGKL48U0JB118848".parse::<Chassi>()?.digito_verificador_norte_americano_ok());
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn digito_verificador_norte_americano_ok(&self) -> bool {
        const PESOS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
        fn valor(c: u8) -> u32 {
            u32::from(match c {
                b'0'..=b'9' => c - b'0',
                b'A'..=b'H' => c - b'A' + 1,
                b'J'..=b'N' => c - b'J' + 1,
                b'P' => 7,
                b'R' => 9,
                b'S'..=b'Z' => c - b'S' + 2,
                _ => 0,
            })
        }
        if !self.is_vin() {
            return false;
        }
        let soma: u32 = self
            .bytes
            .iter()
            .zip(PESOS)
            .map(|(&c, p)| valor(c) * p)
            .sum();
        let esperado = match soma % 11 {
            10 => b'X',
            r => b'0' + u8::try_from(r).unwrap_or(0),
        };
        self.bytes.get(8) == Some(&esperado)
    }

    fn fmt_mascara(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Chassi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Chassi").field(&self.as_str()).finish()
    }
}

texto_validado!(
    Chassi,
    nome = "chassi",
    pattern = r"^[A-Z0-9]{1,21}$",
    descricao = "Chassis number: a 17-character VIN [A-HJ-NPR-Z0-9]{17}, or a legacy 1-21-character alphanumeric chassis",
    deserializar = Chassi::legado
);
