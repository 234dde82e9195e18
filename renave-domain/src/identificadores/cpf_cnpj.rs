//! CPF or CNPJ (*CPF/CNPJ*), the document of a party that may be a person or a company.

use std::fmt;

use super::cnpj::Cnpj;
use super::cpf::Cpf;
use crate::identificadores::macros::texto_validado;
use crate::{ErroDominio, Motivo};

/// A CPF or a CNPJ (*CPF/CNPJ*): the document of a party (buyer, seller, *estabelecimento*) that
/// the APIs carry in one field (e.g. `cpfCnpj`, Regulamento Técnico CET-MG §5; Renave-WS
/// `documento`).
///
/// The variant is chosen by length after trimming: 11 characters (or the 14-character CPF mask
/// `000.000.000-00`) is a [`Cpf`]; 14 alphanumeric characters (or the 18-character mask) is a
/// [`Cnpj`]. Each is then validated by its own rules, and its errors name it. `Debug` of a CPF
/// shows only its last two digits (LGPD).
///
/// ```
/// use renave_domain::CpfCnpj;
///
/// let doc: CpfCnpj = "529.982.247-25".parse()?;
/// assert!(matches!(doc, CpfCnpj::Cpf(_)));
/// assert_eq!(format!("{doc:?}"), "Cpf(***.***.***-25)");
/// let doc: CpfCnpj = "12ABC34501DE35".parse()?;
/// assert_eq!(format!("{doc:#}"), "12.ABC.345/01DE-35");
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CpfCnpj {
    /// A natural person's CPF.
    Cpf(Cpf),
    /// A legal entity's CNPJ (numeric or alphanumeric).
    Cnpj(Cnpj),
}

impl CpfCnpj {
    /// Parses a CPF or a CNPJ, chosen by length (see the type docs).
    #[inline]
    pub fn parse(s: &str) -> Result<Self, ErroDominio> {
        let t = s.trim();
        // The single pass of the chosen type (chosen by byte length and, at 14, by whether the
        // 4th byte is a mask dot); anything it refuses goes to the detailed choice below.
        let rapido = match t.len() {
            14 if t.as_bytes().get(3).is_some_and(u8::is_ascii_alphanumeric) => {
                Cnpj::rapido(t, true).map(Self::Cnpj)
            }
            11 | 14 => Cpf::rapido(t).map(Self::Cpf),
            18 => Cnpj::rapido(t, true).map(Self::Cnpj),
            _ => None,
        };
        if let Some(doc) = rapido {
            return Ok(doc);
        }
        match t.chars().count() {
            0 => Err(ErroDominio::new("CPF or CNPJ", Motivo::Vazio)),
            11 => Cpf::parse(t).map(Self::Cpf),
            14 if !t.chars().all(|c| c.is_ascii_alphanumeric()) => Cpf::parse(t).map(Self::Cpf),
            14 | 18 => Cnpj::parse(t).map(Self::Cnpj),
            n => Err(ErroDominio::new(
                "CPF or CNPJ",
                Motivo::Comprimento {
                    esperado: "11 or 14 (14 or 18 with the mask)",
                    obtido: n,
                },
            )),
        }
    }

    /// The canonical form of the inner document (unmasked, upper case).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Cpf(c) => c.as_str(),
            Self::Cnpj(c) => c.as_str(),
        }
    }

    /// The CPF, if this is one.
    pub fn cpf(&self) -> Option<&Cpf> {
        match self {
            Self::Cpf(c) => Some(c),
            Self::Cnpj(_) => None,
        }
    }

    /// The CNPJ, if this is one.
    pub fn cnpj(&self) -> Option<&Cnpj> {
        match self {
            Self::Cnpj(c) => Some(c),
            Self::Cpf(_) => None,
        }
    }

    fn fmt_mascara(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cpf(c) => write!(f, "{c:#}"),
            Self::Cnpj(c) => write!(f, "{c:#}"),
        }
    }
}

impl fmt::Debug for CpfCnpj {
    /// Delegates to the inner type, so a CPF shows only its last two digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cpf(c) => fmt::Debug::fmt(c, f),
            Self::Cnpj(c) => fmt::Debug::fmt(c, f),
        }
    }
}

impl From<Cpf> for CpfCnpj {
    fn from(c: Cpf) -> Self {
        Self::Cpf(c)
    }
}

impl From<Cnpj> for CpfCnpj {
    fn from(c: Cnpj) -> Self {
        Self::Cnpj(c)
    }
}

texto_validado!(
    CpfCnpj,
    nome = "CPF or CNPJ",
    pattern = r"^([0-9]{11}|[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}|[0-9A-Z]{12}[0-9]{2}|[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}/[0-9A-Z]{4}-[0-9]{2})$",
    descricao = "CPF (11 digits) or CNPJ (14 characters, alphanumeric allowed), unmasked"
);
