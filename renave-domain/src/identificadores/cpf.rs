//! CPF (*Cadastro de Pessoas Físicas*).

use std::fmt;

use super::cnpj::{Molde, digito, dv_de_soma, escrever_mascara, ler_fixo, valores};
use crate::identificadores::macros::{ascii_str, texto_validado};
use crate::{ErroDominio, Motivo};

const MASCARA_CPF: &str = "000.000.000-00";

/// The mod-11 DV of `digitos` (ASCII) with weights `len+1, len, …, 2` (the CPF rule).
fn dv_cpf(digitos: &[u8]) -> u8 {
    let mut soma: u32 = 0;
    for (peso, &d) in (2_u32..).zip(digitos.iter().rev()) {
        soma += u32::from(d.saturating_sub(b'0')) * peso;
    }
    let resto = soma % 11;
    if resto < 2 {
        0
    } else {
        u8::try_from(11 - resto).unwrap_or(0)
    }
}

/// A CPF (*Cadastro de Pessoas Físicas*), the taxpayer number of a natural person — a buyer, a
/// seller or a dealer's representative.
///
/// Rule (Receita Federal; `domain-rules.md` §1): 11 ASCII digits whose last two are mod-11 check
/// digits (weights `10..2`, then `11..2`; remainder below 2 gives 0, else `11 − r`). The ten
/// repeated sequences `00000000000` … `99999999999` pass the check digits but are rejected.
///
/// Input: surrounding white space is trimmed; the bare 11 digits or the exact mask
/// `000.000.000-00` are accepted; a short CPF is never padded and non-ASCII digits are rejected.
/// Stored inline as its 11 ASCII digits: `Copy`, and parsing allocates nothing.
///
/// Privacy (LGPD): `Debug` shows only the last two digits. `Display` and `as_str` show the whole
/// number because the APIs need it; do not log them.
///
/// ```
/// use renave_domain::Cpf;
///
/// let cpf: Cpf = " 529.982.247-25 ".parse()?;
/// assert_eq!(cpf.as_str(), "52998224725");
/// assert_eq!(format!("{cpf:#}"), "529.982.247-25");
/// assert_eq!(format!("{cpf:?}"), "Cpf(***.***.***-25)");
/// assert!("111.111.111-11".parse::<Cpf>().is_err());
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cpf([u8; 11]);

impl Cpf {
    /// Parses a CPF (bare or masked, trimmed) and checks its DVs and the repeated sequences.
    #[inline]
    pub fn parse(s: &str) -> Result<Self, ErroDominio> {
        match Self::rapido(s.trim()) {
            Some(cpf) => Ok(cpf),
            None => Self::parse_detalhado(s),
        }
    }

    /// The single pass over the 11 value bytes ([`valores`]): digits, both DV sums and the
    /// repeated-digit test at once, branch-free; `None` on anything else (then
    /// [`Cpf::parse_detalhado`] names the reason).
    #[inline]
    pub(crate) fn rapido(t: &str) -> Option<Self> {
        // 16 lanes: the 11 digits and 5 copies of the first as padding (weight 0; a digit if
        // the first is; equal to it), so the pass is one 16-byte vector. Weights 10..2 over
        // digits 1-9 (DV1), 11..2 over digits 1-10 (DV2). The sums fit a u16 whatever the
        // bytes: 255 × (Σ P2 = 65) < 65 536.
        const P1: [u16; 16] = [10, 9, 8, 7, 6, 5, 4, 3, 2, 0, 0, 0, 0, 0, 0, 0];
        const P2: [u16; 16] = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 0, 0, 0, 0, 0, 0];
        const MOLDE: Molde<11, 14> = Molde::new(MASCARA_CPF);
        let b: [u8; 11] = valores(t, &MOLDE)?;
        let [primeiro, .., dv1, dv2] = b;
        let mut x = [primeiro; 16];
        x.get_mut(..11)?.copy_from_slice(&b);
        let (mut s1, mut s2, mut fora, mut diferente) = (0_u16, 0_u16, false, false);
        for ((&c, &p1), &p2) in x.iter().zip(&P1).zip(&P2) {
            let v = c.wrapping_sub(b'0');
            fora |= v > 9;
            s1 += u16::from(v) * p1;
            s2 += u16::from(v) * p2;
            diferente |= c != primeiro;
        }
        let ok = !fora
            && diferente
            && dv1 == b'0' + dv_de_soma(u32::from(s1))
            && dv2 == b'0' + dv_de_soma(u32::from(s2));
        ok.then_some(Self(b))
    }

    /// The detailed path: the same rule, with the error that names what is wrong.
    #[cold]
    pub(crate) fn parse_detalhado(s: &str) -> Result<Self, ErroDominio> {
        let b: [u8; 11] = ler_fixo(
            "CPF",
            s,
            Some(MASCARA_CPF),
            "11 (or 14 with the mask)",
            digito,
        )?;
        let (corpo9, corpo10) = (b.get(..9).unwrap_or(&[]), b.get(..10).unwrap_or(&[]));
        if b.get(9) != Some(&(b'0' + dv_cpf(corpo9)))
            || b.get(10) != Some(&(b'0' + dv_cpf(corpo10)))
        {
            return Err(ErroDominio::new("CPF", Motivo::DigitoVerificador));
        }
        if b.iter().all(|&x| Some(&x) == b.first()) {
            return Err(ErroDominio::new("CPF", Motivo::SequenciaInvalida));
        }
        Ok(Self(b))
    }

    /// The canonical form: 11 digits, unmasked (e.g. `52998224725`). Personal data: do not log.
    pub fn as_str(&self) -> &str {
        ascii_str(&self.0)
    }

    fn fmt_mascara(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escrever_mascara(f, &self.0, MASCARA_CPF)
    }

    /// Writes `***.***.***-NN`: the mask with only the last two digits (LGPD-safe).
    pub(crate) fn fmt_oculto(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***.***.***-")?;
        f.write_str(ascii_str(self.0.get(9..).unwrap_or(&[])))
    }
}

impl fmt::Debug for Cpf {
    /// Shows only the last two digits: `Cpf(***.***.***-25)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cpf(")?;
        self.fmt_oculto(f)?;
        f.write_str(")")
    }
}

texto_validado!(
    Cpf,
    nome = "CPF",
    pattern = r"^([0-9]{11}|[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2})$",
    descricao = "CPF: 11 digits, unmasked (Receita Federal; two mod-11 check digits)"
);
