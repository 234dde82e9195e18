//! UF (*Unidade da Federação*): the 26 states and the Federal District.

use std::fmt;

use crate::identificadores::macros::texto_validado;
use crate::{ErroDominio, Motivo};

/// A federative unit (*UF*, *Unidade da Federação*): one of the 26 states or the Distrito Federal.
///
/// Rule (IBGE; `domain-rules.md` §6.4): the two-letter *sigla*, used by RENAVE, RENAVAM and
/// CET-MG (e.g. the buyer's *UF de origem*, Regulamento Técnico CET-MG §5), and the two-digit IBGE
/// code ([`Uf::codigo_ibge`]) used by NF-e `cUF` and the first two digits of an IBGE municipality
/// code.
///
/// Input: surrounding white space is trimmed and the sigla is matched case-insensitively; the
/// canonical form is upper case.
///
/// ```
/// use renave_domain::Uf;
///
/// let uf: Uf = " mg ".parse()?;
/// assert_eq!(uf, Uf::Mg);
/// assert_eq!(uf.as_str(), "MG");
/// assert_eq!(uf.codigo_ibge(), 31);
/// assert_eq!(Uf::from_codigo_ibge(35), Some(Uf::Sp));
/// assert!("XX".parse::<Uf>().is_err());
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Uf {
    /// Rondônia (IBGE 11).
    Ro,
    /// Acre (IBGE 12).
    Ac,
    /// Amazonas (IBGE 13).
    Am,
    /// Roraima (IBGE 14).
    Rr,
    /// Pará (IBGE 15).
    Pa,
    /// Amapá (IBGE 16).
    Ap,
    /// Tocantins (IBGE 17).
    To,
    /// Maranhão (IBGE 21).
    Ma,
    /// Piauí (IBGE 22).
    Pi,
    /// Ceará (IBGE 23).
    Ce,
    /// Rio Grande do Norte (IBGE 24).
    Rn,
    /// Paraíba (IBGE 25).
    Pb,
    /// Pernambuco (IBGE 26).
    Pe,
    /// Alagoas (IBGE 27).
    Al,
    /// Sergipe (IBGE 28).
    Se,
    /// Bahia (IBGE 29).
    Ba,
    /// Minas Gerais (IBGE 31).
    Mg,
    /// Espírito Santo (IBGE 32).
    Es,
    /// Rio de Janeiro (IBGE 33).
    Rj,
    /// São Paulo (IBGE 35).
    Sp,
    /// Paraná (IBGE 41).
    Pr,
    /// Santa Catarina (IBGE 42).
    Sc,
    /// Rio Grande do Sul (IBGE 43).
    Rs,
    /// Mato Grosso do Sul (IBGE 50).
    Ms,
    /// Mato Grosso (IBGE 51).
    Mt,
    /// Goiás (IBGE 52).
    Go,
    /// Distrito Federal (IBGE 53).
    Df,
}

impl Uf {
    /// All 27 units, in IBGE code order.
    pub const TODAS: [Self; 27] = [
        Self::Ro,
        Self::Ac,
        Self::Am,
        Self::Rr,
        Self::Pa,
        Self::Ap,
        Self::To,
        Self::Ma,
        Self::Pi,
        Self::Ce,
        Self::Rn,
        Self::Pb,
        Self::Pe,
        Self::Al,
        Self::Se,
        Self::Ba,
        Self::Mg,
        Self::Es,
        Self::Rj,
        Self::Sp,
        Self::Pr,
        Self::Sc,
        Self::Rs,
        Self::Ms,
        Self::Mt,
        Self::Go,
        Self::Df,
    ];

    /// Parses a sigla (trimmed, case-insensitive).
    pub fn parse(s: &str) -> Result<Self, ErroDominio> {
        let t = s.trim();
        let n = t.chars().count();
        if n == 0 {
            return Err(ErroDominio::new("UF", Motivo::Vazio));
        }
        if n != 2 {
            return Err(ErroDominio::new(
                "UF",
                Motivo::Comprimento {
                    esperado: "2",
                    obtido: n,
                },
            ));
        }
        if let Some((i, c)) = t
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_alphabetic())
        {
            return Err(ErroDominio::new(
                "UF",
                Motivo::Caractere {
                    posicao: i + 1,
                    encontrado: c,
                    esperado: "an ASCII letter",
                },
            ));
        }
        let b = t.as_bytes();
        let sigla = [
            b.first().copied().unwrap_or(0).to_ascii_uppercase(),
            b.get(1).copied().unwrap_or(0).to_ascii_uppercase(),
        ];
        Self::de_sigla(sigla).ok_or(ErroDominio::new(
            "UF",
            Motivo::Formato {
                regra: "not one of the 27 UF siglas",
            },
        ))
    }

    fn de_sigla(sigla: [u8; 2]) -> Option<Self> {
        match sigla {
            [b'R', b'O'] => Some(Self::Ro),
            [b'A', b'C'] => Some(Self::Ac),
            [b'A', b'M'] => Some(Self::Am),
            [b'R', b'R'] => Some(Self::Rr),
            [b'P', b'A'] => Some(Self::Pa),
            [b'A', b'P'] => Some(Self::Ap),
            [b'T', b'O'] => Some(Self::To),
            [b'M', b'A'] => Some(Self::Ma),
            [b'P', b'I'] => Some(Self::Pi),
            [b'C', b'E'] => Some(Self::Ce),
            [b'R', b'N'] => Some(Self::Rn),
            [b'P', b'B'] => Some(Self::Pb),
            [b'P', b'E'] => Some(Self::Pe),
            [b'A', b'L'] => Some(Self::Al),
            [b'S', b'E'] => Some(Self::Se),
            [b'B', b'A'] => Some(Self::Ba),
            [b'M', b'G'] => Some(Self::Mg),
            [b'E', b'S'] => Some(Self::Es),
            [b'R', b'J'] => Some(Self::Rj),
            [b'S', b'P'] => Some(Self::Sp),
            [b'P', b'R'] => Some(Self::Pr),
            [b'S', b'C'] => Some(Self::Sc),
            [b'R', b'S'] => Some(Self::Rs),
            [b'M', b'S'] => Some(Self::Ms),
            [b'M', b'T'] => Some(Self::Mt),
            [b'G', b'O'] => Some(Self::Go),
            [b'D', b'F'] => Some(Self::Df),
            _ => None,
        }
    }

    /// The sigla, upper case (e.g. `"MG"`).
    pub const fn sigla(self) -> &'static str {
        match self {
            Self::Ro => "RO",
            Self::Ac => "AC",
            Self::Am => "AM",
            Self::Rr => "RR",
            Self::Pa => "PA",
            Self::Ap => "AP",
            Self::To => "TO",
            Self::Ma => "MA",
            Self::Pi => "PI",
            Self::Ce => "CE",
            Self::Rn => "RN",
            Self::Pb => "PB",
            Self::Pe => "PE",
            Self::Al => "AL",
            Self::Se => "SE",
            Self::Ba => "BA",
            Self::Mg => "MG",
            Self::Es => "ES",
            Self::Rj => "RJ",
            Self::Sp => "SP",
            Self::Pr => "PR",
            Self::Sc => "SC",
            Self::Rs => "RS",
            Self::Ms => "MS",
            Self::Mt => "MT",
            Self::Go => "GO",
            Self::Df => "DF",
        }
    }

    /// The canonical form: the sigla (same as [`Uf::sigla`]).
    pub fn as_str(&self) -> &'static str {
        self.sigla()
    }

    /// The IBGE code of the unit (e.g. 31 for MG).
    pub const fn codigo_ibge(self) -> u8 {
        match self {
            Self::Ro => 11,
            Self::Ac => 12,
            Self::Am => 13,
            Self::Rr => 14,
            Self::Pa => 15,
            Self::Ap => 16,
            Self::To => 17,
            Self::Ma => 21,
            Self::Pi => 22,
            Self::Ce => 23,
            Self::Rn => 24,
            Self::Pb => 25,
            Self::Pe => 26,
            Self::Al => 27,
            Self::Se => 28,
            Self::Ba => 29,
            Self::Mg => 31,
            Self::Es => 32,
            Self::Rj => 33,
            Self::Sp => 35,
            Self::Pr => 41,
            Self::Sc => 42,
            Self::Rs => 43,
            Self::Ms => 50,
            Self::Mt => 51,
            Self::Go => 52,
            Self::Df => 53,
        }
    }

    /// The unit with this IBGE code, if any (codes 18–20, 30, 34, 36–40, 44–49 do not exist).
    pub const fn from_codigo_ibge(codigo: u8) -> Option<Self> {
        match codigo {
            11 => Some(Self::Ro),
            12 => Some(Self::Ac),
            13 => Some(Self::Am),
            14 => Some(Self::Rr),
            15 => Some(Self::Pa),
            16 => Some(Self::Ap),
            17 => Some(Self::To),
            21 => Some(Self::Ma),
            22 => Some(Self::Pi),
            23 => Some(Self::Ce),
            24 => Some(Self::Rn),
            25 => Some(Self::Pb),
            26 => Some(Self::Pe),
            27 => Some(Self::Al),
            28 => Some(Self::Se),
            29 => Some(Self::Ba),
            31 => Some(Self::Mg),
            32 => Some(Self::Es),
            33 => Some(Self::Rj),
            35 => Some(Self::Sp),
            41 => Some(Self::Pr),
            42 => Some(Self::Sc),
            43 => Some(Self::Rs),
            50 => Some(Self::Ms),
            51 => Some(Self::Mt),
            52 => Some(Self::Go),
            53 => Some(Self::Df),
            _ => None,
        }
    }

    /// The unit's name in Portuguese (e.g. `"Minas Gerais"`).
    pub const fn nome(self) -> &'static str {
        match self {
            Self::Ro => "Rondônia",
            Self::Ac => "Acre",
            Self::Am => "Amazonas",
            Self::Rr => "Roraima",
            Self::Pa => "Pará",
            Self::Ap => "Amapá",
            Self::To => "Tocantins",
            Self::Ma => "Maranhão",
            Self::Pi => "Piauí",
            Self::Ce => "Ceará",
            Self::Rn => "Rio Grande do Norte",
            Self::Pb => "Paraíba",
            Self::Pe => "Pernambuco",
            Self::Al => "Alagoas",
            Self::Se => "Sergipe",
            Self::Ba => "Bahia",
            Self::Mg => "Minas Gerais",
            Self::Es => "Espírito Santo",
            Self::Rj => "Rio de Janeiro",
            Self::Sp => "São Paulo",
            Self::Pr => "Paraná",
            Self::Sc => "Santa Catarina",
            Self::Rs => "Rio Grande do Sul",
            Self::Ms => "Mato Grosso do Sul",
            Self::Mt => "Mato Grosso",
            Self::Go => "Goiás",
            Self::Df => "Distrito Federal",
        }
    }

    fn fmt_mascara(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.sigla())
    }
}

texto_validado!(
    Uf,
    nome = "UF",
    pattern =
        "^(AC|AL|AM|AP|BA|CE|DF|ES|GO|MA|MG|MS|MT|PA|PB|PE|PI|PR|RJ|RN|RO|RR|RS|SC|SE|SP|TO)$",
    descricao = "UF (Unidade da Federação) sigla, upper case"
);
