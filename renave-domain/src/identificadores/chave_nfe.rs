//! [`ChaveNfe`]: the 44-character *chave de acesso* of an NF-e (and of the other DF-e).

use std::fmt;

use crate::identificadores::cnpj::{
    Molde, dv_de_soma, dv_mod11_ascii, escrever_mascara, ler_fixo, valores,
};
use crate::identificadores::macros::{ascii_str, texto_validado};
use crate::{ErroDominio, Motivo};

const TIPO: &str = "chave NF-e";

/// The DANFE presentation: 11 groups of 4 characters separated by single spaces.
const MASCARA: &str = "0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000";

/// The DV weights of the fast path: `2, 3, …, 9, 2, …` from the right of the first 43
/// characters (MOC §5.4, as [`dv_mod11_ascii`]); the DV itself weighs 0.
const PESOS: [u32; 44] = {
    let (mut p, mut k, mut da_direita) = ([0_u32; 44], 43, 0_u32);
    while k > 0 {
        k -= 1;
        p[k] = 2 + da_direita % 8;
        da_direita += 1;
    }
    p
};

/// Where a letter may appear: the emitter's (alphanumeric) CNPJ, positions 7–18.
const LETRA: [bool; 44] = {
    let mut l = [false; 44];
    let mut k = 6;
    while k < 18 {
        l[k] = true;
        k += 1;
    }
    l
};

/// The *chave de acesso* (access key) of an NF-e — and of the other fiscal documents that share
/// its layout (NFC-e 65, CT-e 57, CT-e OS 67, MDF-e 58) — that RENAVE links to a stock entry or
/// exit (Renave-WS `chaveNotaFiscal`, `chaveNotaFiscalEntrada`/`Saida`; `renave-ws.md` §3).
///
/// **Layout** (MOC NF-e §5.4; `domain-rules.md` §7.6): `cUF` (2) · `AAMM` (4) · emitter CNPJ, or
/// `000` + CPF (14) · `mod` (2) · `serie` (3) · `nNF` (9) · `tpEmis` (1) · `cNF` (8) · `cDV` (1).
///
/// **Rule:**
/// * 44 characters matching `[0-9]{6}[A-Z0-9]{12}[0-9]{26}`: letters only in the emitter's
///   alphanumeric CNPJ (positions 7–18; NT Conjunta 2025.001, IN RFB 2.229/2024), upper case —
///   a lower-case key gives a different check digit and is rejected, not upper-cased;
/// * `tpEmis` (position 35) is `1`–`9` (`0` is the pre-2010 layout);
/// * the check digit: the first 43 characters, each valued ASCII − 48 (so `A` = 17), weighted
///   2…9 cyclically from the right; `r = Σ mod 11`; DV = 0 if r < 2, else 11 − r.
///
/// The embedded UF, month and emitter CNPJ/CPF are exposed but not cross-checked.
///
/// **Input:** surrounding white space is trimmed; the bare 44 characters, or the DANFE form
/// (11 groups of 4 separated by single spaces), which `{:#}` prints.
///
/// ```
/// use renave_domain::ChaveNfe;
///
/// let chave: ChaveNfe = "35260812ABC34501DE35550010000000011000000018".parse()?;
/// assert_eq!(chave.emitente(), "12ABC34501DE35");
/// assert_eq!(chave.modelo(), "55");
/// assert_eq!(
///     format!("{chave:#}"),
///     "3526 0812 ABC3 4501 DE35 5500 1000 0000 0110 0000 0018"
/// );
/// assert!("35260812abc34501de35550010000000011000000018".parse::<ChaveNfe>().is_err());
/// assert!("33150308370779000149550010001100931002410774".parse::<ChaveNfe>().is_err());
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ChaveNfe([u8; 44]);

impl fmt::Debug for ChaveNfe {
    /// The key, except when the emitter field starts with `000` (it may then hold a CPF,
    /// NT 2018.001): the CPF's first nine digits are shown as `*` (LGPD), e.g.
    /// `ChaveNfe(352401000*********25550010000001231123456782)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut texto = self.0;
        if texto.get(6..9) == Some(b"000".as_slice()) {
            if let Some(cpf) = texto.get_mut(9..18) {
                cpf.fill(b'*');
            }
        }
        write!(f, "ChaveNfe({})", ascii_str(&texto))
    }
}

impl ChaveNfe {
    /// Parses a key (bare or in the DANFE grouping, trimmed) and checks its pattern, `tpEmis`
    /// and check digit. Same as `FromStr`.
    #[inline]
    pub fn parse(entrada: &str) -> Result<Self, ErroDominio> {
        match Self::rapido(entrada.trim()) {
            Some(chave) => Ok(chave),
            None => Self::parse_detalhado(entrada),
        }
    }

    /// The single pass over the 44 value bytes ([`valores`]): charset, `tpEmis` and the DV sum
    /// at once, branch-free; `None` on anything it refuses (then [`ChaveNfe::parse_detalhado`]
    /// names the reason).
    #[inline]
    pub(crate) fn rapido(t: &str) -> Option<Self> {
        const MOLDE: Molde<44, 54> = Molde::new(MASCARA);
        let b: [u8; 44] = valores(t, &MOLDE)?;
        let (mut soma, mut fora) = (0_u32, false);
        for ((&c, &p), &letra) in b.iter().zip(&PESOS).zip(&LETRA) {
            let v = c.wrapping_sub(b'0');
            fora |= (v > 9) & !(letra & c.is_ascii_uppercase());
            soma += u32::from(v) * p;
        }
        let [.., dv] = b;
        let ok = !fora && b.get(34) != Some(&b'0') && dv == b'0' + dv_de_soma(soma);
        ok.then_some(Self(b))
    }

    /// The detailed path: the same rule, with the error that names what is wrong.
    #[cold]
    pub(crate) fn parse_detalhado(entrada: &str) -> Result<Self, ErroDominio> {
        let b: [u8; 44] = ler_fixo(TIPO, entrada, Some(MASCARA), "44", |i, c| {
            let letra_ok = (6..18).contains(&i);
            if c.is_ascii_digit() || (letra_ok && c.is_ascii_uppercase()) {
                Ok(u8::try_from(c).unwrap_or(0))
            } else if letra_ok {
                Err("an ASCII digit or an upper-case letter A-Z (emitter CNPJ)")
            } else {
                Err("an ASCII digit 0-9")
            }
        })?;
        if b.get(34) == Some(&b'0') {
            return Err(ErroDominio::new(
                TIPO,
                Motivo::Formato {
                    regra: "tpEmis (position 35) must be 1 to 9; 0 is the pre-2010 layout",
                },
            ));
        }
        let dv = b'0' + dv_mod11_ascii(b.get(..43).unwrap_or_default());
        if b.get(43) != Some(&dv) {
            return Err(ErroDominio::new(TIPO, Motivo::DigitoVerificador));
        }
        Ok(Self(b))
    }

    /// The canonical form: 44 characters, no spaces.
    pub fn as_str(&self) -> &str {
        ascii_str(&self.0)
    }

    fn trecho(&self, inicio: usize, fim: usize) -> &str {
        ascii_str(self.0.get(inicio..fim).unwrap_or_default())
    }

    /// `cUF`: the IBGE code of the emitter's UF (positions 1–2, e.g. `31` for MG).
    pub fn codigo_uf(&self) -> &str {
        self.trecho(0, 2)
    }

    /// `AAMM`: year and month of issue (positions 3–6).
    pub fn ano_mes(&self) -> &str {
        self.trecho(2, 6)
    }

    /// The emitter's CNPJ (possibly alphanumeric), or `000` followed by its CPF (positions
    /// 7–20), as written in the key.
    pub fn emitente(&self) -> &str {
        self.trecho(6, 20)
    }

    /// `mod`: the document model (positions 21–22): `55` NF-e, `65` NFC-e, `57` CT-e, …
    pub fn modelo(&self) -> &str {
        self.trecho(20, 22)
    }

    /// `serie` (positions 23–25).
    pub fn serie(&self) -> &str {
        self.trecho(22, 25)
    }

    /// `nNF`: the document number (positions 26–34).
    pub fn numero(&self) -> &str {
        self.trecho(25, 34)
    }

    /// `tpEmis`: the emission type, `1`–`9` (position 35).
    pub fn tipo_emissao(&self) -> u8 {
        self.0.get(34).map_or(0, |b| b - b'0')
    }

    /// `cNF`: the random numeric code (positions 36–43).
    pub fn codigo_numerico(&self) -> &str {
        self.trecho(35, 43)
    }

    /// `cDV`: the check digit (position 44).
    pub fn digito_verificador(&self) -> u8 {
        self.0.get(43).map_or(0, |b| b - b'0')
    }

    fn fmt_mascara(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escrever_mascara(f, &self.0, MASCARA)
    }
}

texto_validado!(
    ChaveNfe,
    nome = "chave de acesso NF-e",
    pattern = r"^[0-9]{6}[A-Z0-9]{12}[0-9]{26}$|^[0-9]{4} [0-9]{2}[A-Z0-9]{2}( [A-Z0-9]{4}){2} [A-Z0-9]{2}[0-9]{2}( [0-9]{4}){6}$",
    descricao = "Chave de acesso of an NF-e/DF-e: 44 characters, [0-9]{6}[A-Z0-9]{12}[0-9]{26}, mod-11 check digit (ASCII - 48); optionally as 11 groups of 4 (DANFE).",
);
