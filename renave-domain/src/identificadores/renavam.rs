//! RENAVAM code (*código RENAVAM*).

use std::fmt;

use crate::identificadores::macros::{ascii_str, texto_validado};
use crate::{ErroDominio, Motivo};

/// The mod-11 check digit of the first 10 digits (ASCII) with weights `3,2,9,8,7,6,5,4,3,2`.
fn dv_renavam(dez: &[u8]) -> u8 {
    const PESOS: [u32; 10] = [3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    let soma: u32 = dez
        .iter()
        .zip(PESOS)
        .map(|(&d, p)| u32::from(d.saturating_sub(b'0')) * p)
        .sum();
    let resto = soma % 11;
    if resto < 2 {
        0
    } else {
        u8::try_from(11 - resto).unwrap_or(0)
    }
}

/// The RENAVAM code (*código RENAVAM*) of a vehicle, its number in the national registry.
///
/// Rule (Portaria DENATRAN 3/1986; 11 digits since 01/04/2013; `domain-rules.md` §4): 11 digits,
/// the last a mod-11 check digit over digits 1–10 with weights `3,2,9,8,7,6,5,4,3,2` (remainder
/// below 2 gives 0, else `11 − r`). Older 9- and 10-digit numbers are left-padded with zeros,
/// which does not change the check digit (as DENATRAN's 2013 notice states). `00000000000`,
/// though DV-valid, is rejected. There is no official mask.
///
/// Input: surrounding white space is trimmed; 9 to 11 ASCII digits. Stored inline as the 11
/// canonical digits: `Copy`, parsing allocates nothing.
///
/// ```
/// use renave_domain::Renavam;
///
/// let r: Renavam = "123456789".parse()?;
/// assert_eq!(r.as_str(), "00123456789");
/// assert!("79072338362".parse::<Renavam>().is_err()); // check digit
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Renavam([u8; 11]);

impl Renavam {
    /// Parses 9 to 11 digits (trimmed), left-pads to 11 and checks the DV.
    #[inline]
    pub fn parse(s: &str) -> Result<Self, ErroDominio> {
        match Self::rapido(s.trim()) {
            Some(r) => Ok(r),
            None => Self::parse_detalhado(s),
        }
    }

    /// The single pass: the 9 to 11 digits left-padded into the 11-byte array (a fixed-size copy
    /// per length), then one pass over it — digits, the DV sum and the all-zero test at once,
    /// branch-free; `None` on anything it refuses (then [`Renavam::parse_detalhado`] names the
    /// reason).
    #[inline]
    pub(crate) fn rapido(t: &str) -> Option<Self> {
        /// `e` (exactly `L` bytes) right-aligned in the first 11 of 16 bytes of `'0'`.
        #[inline]
        fn alinhar<const L: usize>(e: &[u8]) -> Option<[u8; 16]> {
            let a: &[u8; L] = e.try_into().ok()?;
            let mut x = [b'0'; 16];
            x.get_mut(11 - L..11)?.copy_from_slice(a);
            Some(x)
        }
        // 16 lanes: the 11 digits (left-padded with '0') and 5 more '0' (weight 0), so the pass
        // is one 16-byte vector. Weights of the DV over digits 1-10; the DV itself weighs 0.
        // The sum fits a u16 whatever the bytes: 255 × (Σ = 49) < 65 536.
        const PESOS: [u16; 16] = [3, 2, 9, 8, 7, 6, 5, 4, 3, 2, 0, 0, 0, 0, 0, 0];
        let e = t.as_bytes();
        let x = match e.len() {
            11 => alinhar::<11>(e),
            10 => alinhar::<10>(e),
            9 => alinhar::<9>(e),
            _ => None,
        }?;
        let (mut soma, mut fora, mut algum) = (0_u16, false, false);
        for (&c, &p) in x.iter().zip(&PESOS) {
            let v = c.wrapping_sub(b'0');
            fora |= v > 9;
            soma += u16::from(v) * p;
            algum |= v != 0;
        }
        let mut b = [0_u8; 11];
        b.copy_from_slice(x.get(..11)?);
        let [.., dv] = b;
        let ok = !fora && algum && dv == b'0' + super::cnpj::dv_de_soma(u32::from(soma));
        ok.then_some(Self(b))
    }

    /// The detailed path: the same rule, with the error that names what is wrong.
    #[cold]
    pub(crate) fn parse_detalhado(s: &str) -> Result<Self, ErroDominio> {
        let t = s.trim();
        if t.is_empty() {
            return Err(ErroDominio::new("RENAVAM", Motivo::Vazio));
        }
        if let Some((i, c)) = t.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(ErroDominio::new(
                "RENAVAM",
                Motivo::Caractere {
                    posicao: i + 1,
                    encontrado: c,
                    esperado: "an ASCII digit 0-9",
                },
            ));
        }
        // All ASCII from here, so bytes == characters.
        let n = t.len();
        if !(9..=11).contains(&n) {
            return Err(ErroDominio::new(
                "RENAVAM",
                Motivo::Comprimento {
                    esperado: "9 to 11",
                    obtido: n,
                },
            ));
        }
        let mut b = [b'0'; 11];
        if let Some(destino) = b.get_mut(11 - n..) {
            destino.copy_from_slice(t.as_bytes());
        }
        if b.get(10) != Some(&(b'0' + dv_renavam(b.get(..10).unwrap_or(&[])))) {
            return Err(ErroDominio::new("RENAVAM", Motivo::DigitoVerificador));
        }
        if b.iter().all(|&x| x == b'0') {
            return Err(ErroDominio::new("RENAVAM", Motivo::SequenciaInvalida));
        }
        Ok(Self(b))
    }

    /// The canonical form: 11 digits, zero-padded (e.g. `00123456789`).
    pub fn as_str(&self) -> &str {
        ascii_str(&self.0)
    }

    fn fmt_mascara(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Renavam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Renavam").field(&self.as_str()).finish()
    }
}

texto_validado!(
    Renavam,
    nome = "RENAVAM",
    pattern = r"^[0-9]{9,11}$",
    descricao = "RENAVAM code: 11 digits (9- and 10-digit legacy numbers are left-padded), mod-11 check digit"
);
