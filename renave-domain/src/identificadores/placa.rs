//! Placa (licence plate), old national format and Mercosul.

use std::fmt;

use super::cnpj::{Molde, byte_ascii, ler_fixo, valores};
use crate::identificadores::macros::{ascii_str, texto_validado};
use crate::{ErroDominio, Motivo};

const MASCARA_ANTIGA: &str = "AAA-0000";

/// A vehicle's licence plate (*placa*), in either of the two Brazilian formats.
///
/// Rule (`domain-rules.md` §3): 7 characters,
/// * the old national plate (*placa antiga*, Res. CONTRAN 231/2007): `LLLNNNN`, shown `ABC-1234`;
/// * the Mercosul plate (*placa Mercosul*, PIV, Res. CONTRAN 780/2019, consolidated in Res.
///   CONTRAN 969/2022): `LLLNLNN`, shown without a hyphen (`ABC1D23`).
///
/// Input: surrounding white space is trimmed; letters are upper-cased; the old format also
/// accepts its mask (one `-` after the three letters). Anything else — other punctuation, inner
/// spaces, non-ASCII letters, a hyphen in a Mercosul plate — is rejected. Renave-WS and CET-MG
/// receive the canonical 7 upper-case characters. Stored inline: `Copy`, parsing allocates nothing.
///
/// ```
/// use renave_domain::Placa;
///
/// let antiga: Placa = "abc-1234".parse()?;
/// assert_eq!(antiga.as_str(), "ABC1234");
/// assert_eq!(format!("{antiga:#}"), "ABC-1234");
/// assert!(!antiga.is_mercosul());
/// assert_eq!(antiga.para_mercosul().as_str(), "ABC1C34");
/// assert!("ABC1-234".parse::<Placa>().is_err());
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Placa([u8; 7]);

impl Placa {
    /// Parses a plate (old format, bare or `ABC-1234`; or Mercosul), upper-casing letters.
    #[inline]
    pub fn parse(s: &str) -> Result<Self, ErroDominio> {
        match Self::rapido(s.trim()) {
            Some(placa) => Ok(placa),
            None => Self::parse_detalhado(s),
        }
    }

    /// The single pass over the 7 value bytes ([`valores`]): upper-casing and the charset of
    /// each position at once, branch-free; `None` on anything it refuses (then
    /// [`Placa::parse_detalhado`] names the reason).
    #[inline]
    pub(crate) fn rapido(t: &str) -> Option<Self> {
        // 8 lanes: the 7 bytes and an `'A'` of padding (a letter where letters are allowed), so
        // the pass is one 8-byte vector. Letters at 1-3, digits at 4, 6, 7; the 5th is a digit
        // (old) or a letter (Mercosul).
        const LETRA: [bool; 8] = [true, true, true, false, true, false, false, true];
        const DIGITO: [bool; 8] = [false, false, false, true, true, true, true, false];
        const MOLDE: Molde<7, 8> = Molde::new(MASCARA_ANTIGA);
        let b: [u8; 7] = valores(t, &MOLDE)?;
        let mut x = [b'A'; 8];
        x.get_mut(..7)?.copy_from_slice(&b);
        let mut fora = false;
        #[allow(clippy::needless_bitwise_bool)] // Branch-free on purpose.
        for ((c, &letra), &digito) in x.iter_mut().zip(&LETRA).zip(&DIGITO) {
            *c = c.to_ascii_uppercase();
            fora |= !(letra & c.is_ascii_uppercase()) & !(digito & c.is_ascii_digit());
        }
        let mut canonico = [0_u8; 7];
        canonico.copy_from_slice(x.get(..7)?);
        let placa = Self(canonico);
        // A Mercosul plate has no hyphen: only the 7-byte form.
        (!fora && (!placa.is_mercosul() || t.len() == 7)).then_some(placa)
    }

    /// The detailed path: the same rule, with the error that names what is wrong.
    #[cold]
    pub(crate) fn parse_detalhado(s: &str) -> Result<Self, ErroDominio> {
        let b: [u8; 7] = ler_fixo(
            "placa",
            s,
            Some(MASCARA_ANTIGA),
            "7 (or 8 as ABC-1234)",
            |k, c| {
                let c = c.to_ascii_uppercase();
                match k {
                    0..=2 if c.is_ascii_uppercase() => Ok(byte_ascii(c)),
                    0..=2 => Err("an ASCII letter A-Z"),
                    4 if c.is_ascii_uppercase() || c.is_ascii_digit() => Ok(byte_ascii(c)),
                    4 => Err("an ASCII digit (old plate) or letter (Mercosul)"),
                    _ if c.is_ascii_digit() => Ok(byte_ascii(c)),
                    _ => Err("an ASCII digit 0-9"),
                }
            },
        )?;
        let placa = Self(b);
        if placa.is_mercosul() && s.trim().len() != 7 {
            return Err(ErroDominio::new(
                "placa",
                Motivo::Formato {
                    regra: "a Mercosul plate has no hyphen",
                },
            ));
        }
        Ok(placa)
    }

    /// The canonical form: 7 upper-case characters, no hyphen (e.g. `ABC1234`, `ABC1C34`).
    pub fn as_str(&self) -> &str {
        ascii_str(&self.0)
    }

    /// Whether this is a Mercosul plate (`LLLNLNN`).
    pub fn is_mercosul(&self) -> bool {
        self.0.get(4).is_some_and(u8::is_ascii_uppercase)
    }

    /// The Mercosul form of this plate (Res. CONTRAN 780/2019 Anexo II, Res. 969/2022 art. 2 §4):
    /// the 5th character, a digit `d`, becomes the letter `'A' + d`. A Mercosul plate is returned
    /// unchanged.
    ///
    /// ```
    /// use renave_domain::Placa;
    /// let p: Placa = "PZS3819".parse()?;
    /// assert_eq!(p.para_mercosul().as_str(), "PZS3I19");
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn para_mercosul(&self) -> Self {
        let mut b = self.0;
        if let Some(c) = b.get_mut(4) {
            if c.is_ascii_digit() {
                *c = b'A' + (*c - b'0');
            }
        }
        Self(b)
    }

    /// The old-format plate this Mercosul plate was converted from, if the 5th character is in
    /// `A`–`J` (the reverse of [`Placa::para_mercosul`]); `None` otherwise. An old plate is
    /// returned unchanged.
    ///
    /// ```
    /// use renave_domain::Placa;
    /// let p: Placa = "BRA2E19".parse()?;
    /// assert_eq!(p.para_antiga().map(|p| p.to_string()).as_deref(), Some("BRA2419"));
    /// assert!("ABC1K23".parse::<Placa>()?.para_antiga().is_none());
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn para_antiga(&self) -> Option<Self> {
        let mut b = self.0;
        let c = b.get_mut(4)?;
        match *c {
            b'0'..=b'9' => {}
            b'A'..=b'J' => *c = b'0' + (*c - b'A'),
            _ => return None,
        }
        Some(Self(b))
    }

    fn fmt_mascara(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_mercosul() {
            f.write_str(self.as_str())
        } else {
            let (letras, numeros) = self.as_str().split_at(3.min(self.as_str().len()));
            write!(f, "{letras}-{numeros}")
        }
    }
}

impl fmt::Debug for Placa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Placa").field(&self.as_str()).finish()
    }
}

texto_validado!(
    Placa,
    nome = "placa",
    pattern = r"^([A-Z]{3}[0-9][A-Z0-9][0-9]{2}|[A-Z]{3}-[0-9]{4})$",
    descricao =
        "Vehicle plate: 7 upper-case characters, old LLLNNNN or Mercosul LLLNLNN, no hyphen"
);
