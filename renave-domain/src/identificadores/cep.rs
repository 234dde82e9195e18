//! CEP (*Código de Endereçamento Postal*).

use std::fmt;

use super::cnpj::{digito, escrever_mascara, ler_fixo};
use crate::identificadores::macros::{ascii_str, texto_validado};
use crate::{ErroDominio, Motivo};

const MASCARA_CEP: &str = "00000-000";

/// A Brazilian postal code (*CEP*, Correios), part of every address the APIs exchange (e.g. the
/// buyer's `endereco.cep` in Renave-WS, the *CEP* of the comprador in Regulamento Técnico CET-MG
/// §5).
///
/// Rule (`domain-rules.md` §6.1): 8 digits, no check digit; values below `01000-000` (prefixes
/// `000`–`009`) are unallocated and rejected.
///
/// Input: surrounding white space is trimmed; the bare 8 digits or the exact mask `00000-000`.
/// Stored inline: `Copy`, parsing allocates nothing.
///
/// ```
/// use renave_domain::Cep;
///
/// let cep: Cep = "01310-100".parse()?;
/// assert_eq!(cep.as_str(), "01310100");
/// assert_eq!(format!("{cep:#}"), "01310-100");
/// assert!("00000000".parse::<Cep>().is_err());
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cep([u8; 8]);

impl Cep {
    /// Parses a CEP (bare or masked, trimmed).
    pub fn parse(s: &str) -> Result<Self, ErroDominio> {
        let b: [u8; 8] = ler_fixo(
            "CEP",
            s,
            Some(MASCARA_CEP),
            "8 (or 9 with the mask)",
            digito,
        )?;
        if b.get(..3).is_some_and(|p| p.starts_with(b"00")) {
            return Err(ErroDominio::new(
                "CEP",
                Motivo::ForaDoIntervalo {
                    regra: "CEP is not below 01000-000 (unallocated)",
                },
            ));
        }
        Ok(Self(b))
    }

    /// The canonical form: 8 digits, unmasked (e.g. `01310100`).
    pub fn as_str(&self) -> &str {
        ascii_str(&self.0)
    }

    fn fmt_mascara(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escrever_mascara(f, &self.0, MASCARA_CEP)
    }
}

impl fmt::Debug for Cep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Cep").field(&self.as_str()).finish()
    }
}

texto_validado!(
    Cep,
    nome = "CEP",
    pattern = r"^(0[1-9][0-9]{6}|[1-9][0-9]{7}|0[1-9][0-9]{3}-[0-9]{3}|[1-9][0-9]{4}-[0-9]{3})$",
    descricao = "CEP (Correios postal code): 8 digits, unmasked, not below 01000000"
);
