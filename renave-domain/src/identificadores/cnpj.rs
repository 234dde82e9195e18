//! CNPJ (*Cadastro Nacional da Pessoa Jurídica*), numeric and alphanumeric (IN RFB 2.229/2024).

use std::fmt;

use crate::identificadores::macros::{ascii_str, texto_validado};
use crate::{ErroDominio, Motivo};

/// The check digit (*dígito verificador*) of `corpo` under the mod-11 rule shared by the CNPJ
/// (IN RFB 2.229/2024, numeric and alphanumeric) and the NF-e/DF-e *chave de acesso*
/// (MOC §5.4, NT 2025.001).
///
/// Each byte's value is its ASCII code − 48 (`'0'..='9'` → 0..9, `'A'..='Z'` → 17..42). Weights
/// `2, 3, …, 9, 2, 3, …` are applied from the **rightmost** byte; with `r = Σ % 11` the digit is
/// `0` if `r < 2`, else `11 − r`. The result is the digit's value, `0..=9` (not its ASCII code).
///
/// The caller must have validated the charset first: this function gives a DV for any bytes
/// (`12ABC34501D:` gives the same `3` as `12ABC34501DE`), and bytes below `'0'` count as 0.
pub(crate) fn dv_mod11_ascii(corpo: &[u8]) -> u8 {
    let mut soma: u32 = 0;
    let mut peso: u32 = 2;
    for &b in corpo.iter().rev() {
        soma += u32::from(b.saturating_sub(b'0')) * peso;
        peso = if peso == 9 { 2 } else { peso + 1 };
    }
    let resto = soma % 11;
    if resto < 2 {
        0
    } else {
        // 11 - resto is in 1..=9 here (resto in 2..=10), so the cast cannot truncate.
        u8::try_from(11 - resto).unwrap_or(0)
    }
}

/// An official mask (*máscara*) prepared at compile time for the fast paths (issue 16): `N`
/// value slots (the mask's ASCII alphanumerics) among `M` bytes, the others literals.
pub(crate) struct Molde<const N: usize, const M: usize> {
    /// The mask's bytes.
    bytes: [u8; M],
    /// Whether each byte is a literal (else a value slot).
    literal: [bool; M],
    /// The position in the masked input of each value byte, in order.
    posicoes: [usize; N],
}

impl<const N: usize, const M: usize> Molde<N, M> {
    /// Prepares `mascara`; a mask that is not `M` bytes with `N` slots fails the build.
    pub(crate) const fn new(mascara: &'static str) -> Self {
        let m = mascara.as_bytes();
        assert!(m.len() == M, "mask length");
        let (mut bytes, mut literal, mut posicoes) = ([0_u8; M], [false; M], [0_usize; N]);
        let (mut i, mut k) = (0, 0);
        while i < M {
            bytes[i] = m[i];
            if m[i].is_ascii_alphanumeric() {
                assert!(k < N, "mask slots");
                posicoes[k] = i;
                k += 1;
            } else {
                literal[i] = true;
            }
            i += 1;
        }
        assert!(k == N, "mask slots");
        Self {
            bytes,
            literal,
            posicoes,
        }
    }
}

/// The fast path's input step, shared by the fixed-size identifiers (issue 16): the `N` value
/// bytes of the trimmed input `t`, bare (exactly `N` bytes, taken as they are) or through
/// `molde` (exactly `M` bytes: every literal must match, the value slots are gathered in order).
/// `None` for any other length or a wrong literal. No branch depends on the bytes.
///
/// The caller then checks the `[u8; N]` in one pass over the fixed-size array — charset,
/// upper-casing and the check-digit sums at once — and gives `None` for anything it does not
/// accept, never an error: `parse` then runs the detailed path ([`ler_fixo`] and the check-digit
/// test), which names the reason. Every byte a fast path accepts is ASCII (mask literals are
/// ASCII and the charsets are ASCII), so an input it accepts has as many characters as bytes and
/// the detailed path accepts it with the same value: the fast path changes speed, never the
/// accept/reject rule (`rapido_prop.rs`).
#[inline]
pub(crate) fn valores<const N: usize, const M: usize>(
    t: &str,
    molde: &Molde<N, M>,
) -> Option<[u8; N]> {
    let b = t.as_bytes();
    if let Ok(nu) = <[u8; N]>::try_from(b) {
        return Some(nu);
    }
    let b: &[u8; M] = b.try_into().ok()?;
    let mut literal_errado = false;
    #[allow(clippy::needless_bitwise_bool)] // Branch-free on purpose.
    for ((&c, &m), &literal) in b.iter().zip(&molde.bytes).zip(&molde.literal) {
        literal_errado |= literal & (c != m);
    }
    let mut saida = [0u8; N];
    for (valor, &p) in saida.iter_mut().zip(&molde.posicoes) {
        // Every position is below M (checked by `Molde::new`); a 0 would fail every charset.
        *valor = b.get(p).copied().unwrap_or(0);
    }
    (!literal_errado).then_some(saida)
}

/// The mod-11 check digit (value `0..=9`) of a weighted sum: `0` if `soma % 11 < 2`, else
/// `11 − soma % 11` (the rule of the CPF, the CNPJ, the RENAVAM and the NF-e key).
#[inline]
pub(crate) fn dv_de_soma(soma: u32) -> u8 {
    let resto = soma % 11;
    if resto < 2 {
        0
    } else {
        u8::try_from(11 - resto).unwrap_or(0)
    }
}

/// Reads a fixed-size identifier of `N` canonical characters from `entrada`, shared by every
/// fixed-size type of this module family.
///
/// `entrada` is trimmed; it must then be either exactly `N` characters (the bare form) or, when
/// `mascara` is given, exactly the mask's length with the mask's punctuation at the mask's
/// positions (an ASCII alphanumeric character in `mascara` is a value slot, anything else a
/// literal). Nothing in between is accepted. Each value character is passed to `aceitar` with its
/// 0-based canonical index; it returns the canonical byte (e.g. upper-cased) or, in words, what is
/// allowed there. Errors carry 1-based positions in the trimmed input and never the input itself.
pub(crate) fn ler_fixo<const N: usize>(
    tipo: &'static str,
    entrada: &str,
    mascara: Option<&'static str>,
    comprimento_esperado: &'static str,
    aceitar: impl Fn(usize, char) -> Result<u8, &'static str>,
) -> Result<[u8; N], ErroDominio> {
    let s = entrada.trim();
    if s.is_empty() {
        return Err(ErroDominio::new(tipo, Motivo::Vazio));
    }
    let n = s.chars().count();
    let molde = match mascara {
        Some(m) if n != N && n == m.len() => Some(m),
        _ => None,
    };
    if n != N && molde.is_none() {
        return Err(ErroDominio::new(
            tipo,
            Motivo::Comprimento {
                esperado: comprimento_esperado,
                obtido: n,
            },
        ));
    }
    let mut saida = [0u8; N];
    let mut k = 0;
    for (i, c) in s.chars().enumerate() {
        if let Some(m) = molde {
            let literal = m.as_bytes().get(i).copied().unwrap_or(b'0');
            if !literal.is_ascii_alphanumeric() {
                if c != char::from(literal) {
                    return Err(ErroDominio::new(tipo, Motivo::Mascara { mascara: m }));
                }
                continue;
            }
        }
        let byte = aceitar(k, c).map_err(|esperado| {
            ErroDominio::new(
                tipo,
                Motivo::Caractere {
                    posicao: i + 1,
                    encontrado: c,
                    esperado,
                },
            )
        })?;
        match saida.get_mut(k) {
            Some(slot) => *slot = byte,
            // Unreachable for a well-formed mask (its slots number N); reported, never a panic.
            None => {
                return Err(ErroDominio::new(
                    tipo,
                    Motivo::Formato {
                        regra: "malformed mask",
                    },
                ));
            }
        }
        k += 1;
    }
    if k == N {
        Ok(saida)
    } else {
        Err(ErroDominio::new(
            tipo,
            Motivo::Formato {
                regra: "malformed mask",
            },
        ))
    }
}

/// The byte of a character already known to be ASCII (0 otherwise; never a panic).
pub(crate) fn byte_ascii(c: char) -> u8 {
    u8::try_from(c).unwrap_or(0)
}

/// `aceitar` helper for [`ler_fixo`]: an ASCII digit `0`–`9`.
pub(crate) fn digito(_: usize, c: char) -> Result<u8, &'static str> {
    if c.is_ascii_digit() {
        Ok(byte_ascii(c))
    } else {
        Err("an ASCII digit 0-9")
    }
}

/// Writes `valor` through `mascara` (value slots = ASCII alphanumerics of the mask).
pub(crate) fn escrever_mascara(
    f: &mut fmt::Formatter<'_>,
    valor: &[u8],
    mascara: &str,
) -> fmt::Result {
    use fmt::Write as _;
    let mut bytes = valor.iter();
    for m in mascara.chars() {
        if m.is_ascii_alphanumeric() {
            if let Some(&b) = bytes.next() {
                f.write_char(char::from(b))?;
            }
        } else {
            f.write_char(m)?;
        }
    }
    Ok(())
}

const MASCARA_CNPJ: &str = "00.000.000/0000-00";

/// A CNPJ (*Cadastro Nacional da Pessoa Jurídica*), the registration number of a legal entity —
/// the dealer (*estabelecimento*), a buyer or a seller.
///
/// Rule (IN RFB 2.119/2022 as amended by IN RFB 2.229/2024, which introduces the **alphanumeric
/// CNPJ** issued from July 2026): 14 characters `[0-9A-Z]{12}[0-9]{2}` — the *raiz* (1–8) and the
/// *ordem* (9–12) may hold letters, the two check digits are always numeric. Each character's
/// value is its ASCII code − 48 (so every numeric CNPJ keeps its digits) and the DVs are mod 11
/// with weights `5,4,3,2,9,8,7,6,5,4,3,2` and `6,5,…,2`. The all-zero CNPJ, although DV-valid, is
/// rejected.
///
/// Input: surrounding white space is trimmed; the bare 14 characters or the exact mask
/// `00.000.000/0000-00` are accepted; lower-case letters are normalised to upper case (see
/// [`Cnpj::parse_estrito`] to refuse them). Stored inline as its 14 canonical ASCII bytes: `Copy`,
/// and parsing allocates nothing.
///
/// ```
/// use renave_domain::Cnpj;
///
/// let cnpj: Cnpj = "12.ABC.345/01DE-35".parse()?;
/// assert_eq!(cnpj.as_str(), "12ABC34501DE35");
/// assert_eq!(format!("{cnpj:#}"), "12.ABC.345/01DE-35");
/// assert!(cnpj.is_alfanumerico());
/// assert!("11.222.333/0001-80".parse::<Cnpj>().is_err()); // check digit
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cnpj([u8; 14]);

impl Cnpj {
    /// Parses a CNPJ (bare or masked, trimmed; lower-case letters upper-cased) and checks its DVs.
    #[inline]
    pub fn parse(s: &str) -> Result<Self, ErroDominio> {
        Self::ler(s, true)
    }

    /// Like [`Cnpj::parse`] but rejects lower-case letters, as the RFB reference validator does.
    ///
    /// ```
    /// use renave_domain::Cnpj;
    /// assert!(Cnpj::parse_estrito("12abc34501de35").is_err());
    /// assert!(Cnpj::parse_estrito("12ABC34501DE35").is_ok());
    /// ```
    #[inline]
    pub fn parse_estrito(s: &str) -> Result<Self, ErroDominio> {
        Self::ler(s, false)
    }

    #[inline]
    fn ler(s: &str, maiusculas: bool) -> Result<Self, ErroDominio> {
        match Self::rapido(s.trim(), maiusculas) {
            Some(cnpj) => Ok(cnpj),
            None => Self::ler_detalhado(s, maiusculas),
        }
    }

    /// The single pass over the 14 value bytes ([`valores`]): charset, upper-casing, both DV
    /// sums and the all-zero test at once, branch-free; `None` on anything else (then
    /// [`Cnpj::ler_detalhado`] names the reason).
    #[inline]
    pub(crate) fn rapido(t: &str, maiusculas: bool) -> Option<Self> {
        // 16 lanes: the 14 bytes and two `'0'` of padding (weight 0, a digit), so the pass is
        // one 16-byte vector. Weights of DV1 (over indices 0..12) and DV2 (over 0..13, DV1
        // weighs 2), from the left; letters only in the raiz and ordem (0..12). The sums fit a
        // u16 whatever the bytes: 255 × (Σ P2 = 64) < 65 536.
        const P1: [u16; 16] = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2, 0, 0, 0, 0];
        const P2: [u16; 16] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2, 0, 0, 0];
        const LETRA: [bool; 16] = [
            true, true, true, true, true, true, true, true, true, true, true, true, false, false,
            false, false,
        ];
        const MOLDE: Molde<14, 18> = Molde::new(MASCARA_CNPJ);
        let b: [u8; 14] = valores(t, &MOLDE)?;
        let mut x = [b'0'; 16];
        x.get_mut(..14)?.copy_from_slice(&b);
        let (mut s1, mut s2, mut fora, mut algum) = (0_u16, 0_u16, false, false);
        #[allow(clippy::needless_bitwise_bool)] // Branch-free on purpose.
        for (((c, &p1), &p2), &letra) in x.iter_mut().zip(&P1).zip(&P2).zip(&LETRA) {
            // Upper-casing flips bit 5 of a lower-case letter where letters are allowed.
            *c ^= u8::from(maiusculas & letra & c.is_ascii_lowercase()) << 5;
            let v = c.wrapping_sub(b'0');
            fora |= (v > 9) & !(letra & c.is_ascii_uppercase());
            s1 += u16::from(v) * p1;
            s2 += u16::from(v) * p2;
            algum |= v != 0;
        }
        let [.., dv1, dv2, _, _] = x;
        let ok = !fora
            && algum
            && dv1 == b'0' + dv_de_soma(u32::from(s1))
            && dv2 == b'0' + dv_de_soma(u32::from(s2));
        let mut canonico = [0_u8; 14];
        canonico.copy_from_slice(x.get(..14)?);
        ok.then_some(Self(canonico))
    }

    /// The detailed path: the same rule, with the error that names what is wrong.
    #[cold]
    pub(crate) fn ler_detalhado(s: &str, maiusculas: bool) -> Result<Self, ErroDominio> {
        let b: [u8; 14] = ler_fixo(
            "CNPJ",
            s,
            Some(MASCARA_CNPJ),
            "14 (or 18 with the mask)",
            |k, c| {
                if k >= 12 {
                    return digito(k, c);
                }
                let c = if maiusculas {
                    c.to_ascii_uppercase()
                } else {
                    c
                };
                if c.is_ascii_digit() || c.is_ascii_uppercase() {
                    Ok(byte_ascii(c))
                } else {
                    Err("an ASCII digit or letter A-Z")
                }
            },
        )?;
        let (corpo12, corpo13) = (b.get(..12).unwrap_or(&[]), b.get(..13).unwrap_or(&[]));
        if b.get(12) != Some(&(b'0' + dv_mod11_ascii(corpo12)))
            || b.get(13) != Some(&(b'0' + dv_mod11_ascii(corpo13)))
        {
            return Err(ErroDominio::new("CNPJ", Motivo::DigitoVerificador));
        }
        if b.iter().all(|&x| x == b'0') {
            return Err(ErroDominio::new("CNPJ", Motivo::SequenciaInvalida));
        }
        Ok(Self(b))
    }

    /// The canonical form: 14 characters, unmasked, upper case (e.g. `12ABC34501DE35`).
    pub fn as_str(&self) -> &str {
        ascii_str(&self.0)
    }

    /// Whether the CNPJ holds a letter (an alphanumeric CNPJ of IN RFB 2.229/2024).
    pub fn is_alfanumerico(&self) -> bool {
        self.0.iter().any(u8::is_ascii_uppercase)
    }

    /// The *raiz* (root): the first 8 characters, shared by the head office and its branches.
    pub fn raiz(&self) -> &str {
        ascii_str(self.0.get(..8).unwrap_or(&[]))
    }

    /// The *ordem*: characters 9–12, the establishment number (`0001` is usually the *matriz*).
    pub fn ordem(&self) -> &str {
        ascii_str(self.0.get(8..12).unwrap_or(&[]))
    }

    fn fmt_mascara(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escrever_mascara(f, &self.0, MASCARA_CNPJ)
    }
}

impl fmt::Debug for Cnpj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Cnpj").field(&self.as_str()).finish()
    }
}

texto_validado!(
    Cnpj,
    nome = "CNPJ",
    pattern =
        r"^([0-9A-Z]{12}[0-9]{2}|[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}/[0-9A-Z]{4}-[0-9]{2})$",
    descricao =
        "CNPJ (numeric or alphanumeric, IN RFB 2.229/2024): 14 characters, unmasked, upper case"
);

#[cfg(test)]
mod testes {
    use super::*;

    /// `domain-rules.md` §2.2 / §8: the shared ASCII − 48 mod-11 DV, unit-tested on the oracle's
    /// DV vectors (`domain-rules-vectors.py`: "cnpj dv official", "cnpj dv with ':' coincides",
    /// "chave MOC example DV").
    #[test]
    fn dv_mod11_ascii_vetores_do_oraculo() {
        // Official RFB example: body 12ABC34501DE → DVs 3 and 5.
        assert_eq!(dv_mod11_ascii(b"12ABC34501DE"), 3);
        assert_eq!(dv_mod11_ascii(b"12ABC34501DE3"), 5);
        // ':' (ASCII 58, value 10) gives the same sum: only the charset check rejects it.
        assert_eq!(dv_mod11_ascii(b"12ABC34501D:"), 3);
        assert_eq!(dv_mod11_ascii(b"12ABC34501D:3"), 5);
        assert!(Cnpj::parse("12ABC34501D:35").is_err());
        // The MOC's old chave de acesso: DV 5 over its 43 characters.
        assert_eq!(
            dv_mod11_ascii(b"5206043300991100250655012000000780026730161"),
            5
        );
        // Numeric CNPJ 11.222.333/0001-81.
        assert_eq!(dv_mod11_ascii(b"112223330001"), 8);
        assert_eq!(dv_mod11_ascii(b"1122233300018"), 1);
    }

    /// The wrong A=10…Z=35 mapping of brazilian-utils PRs #730/#731 gives DV "45" for the
    /// official body; under the real rule (ASCII − 48) that CNPJ is invalid.
    #[test]
    fn mapeamento_errado_a_igual_10_e_rejeitado() {
        assert!(Cnpj::parse("12ABC34501DE45").is_err());
        assert!(Cnpj::parse("12ABC34501DE35").is_ok());
    }
}
