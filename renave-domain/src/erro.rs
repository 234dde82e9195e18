//! The crate's one error type, [`ErroDominio`].
//!
//! An error says **which type** was being parsed ([`ErroDominio::tipo`]) and **what was wrong**
//! ([`Motivo`]): the length, the offending character and its position, the check digit… It never
//! echoes the input, so a rejected CPF cannot leak into a log through an error message (LGPD).

use std::fmt;

use crate::regras::DocumentosFaltantes;

/// Why a value was rejected by a `renave-domain` parser or rule.
///
/// Returned by every `FromStr`/`TryFrom` of the identifiers (`Cpf`, `Cnpj`, `Placa`, …) and by
/// the deserialisers built on them. Its `Display` is one line naming the type and the reason,
/// for example `invalid CPF: check digit does not match`.
///
/// ```
/// use renave_domain::{ErroDominio, Motivo};
///
/// let erro = ErroDominio::new("CPF", Motivo::DigitoVerificador);
/// assert_eq!(erro.tipo(), "CPF");
/// assert_eq!(erro.to_string(), "invalid CPF: check digit does not match");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErroDominio {
    tipo: &'static str,
    motivo: Motivo,
}

impl ErroDominio {
    /// Builds an error for the type named `tipo` (its official short name, e.g. `"CPF"`,
    /// `"placa"`, `"chassi"`).
    pub const fn new(tipo: &'static str, motivo: Motivo) -> Self {
        Self { tipo, motivo }
    }

    /// The name of the type that rejected the input (e.g. `"CNPJ"`).
    pub const fn tipo(&self) -> &'static str {
        self.tipo
    }

    /// What was wrong with the input.
    pub const fn motivo(&self) -> &Motivo {
        &self.motivo
    }
}

impl fmt::Display for ErroDominio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.tipo, self.motivo)
    }
}

impl std::error::Error for ErroDominio {
    /// The underlying verdict when there is one: the [`DocumentosFaltantes`] of a Regulamento
    /// Técnico CET-MG §7.3 check converted into this error. `None` for a rejected input.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.motivo {
            Motivo::DocumentosFaltantes(faltantes) => Some(faltantes),
            _ => None,
        }
    }
}

impl From<DocumentosFaltantes> for ErroDominio {
    /// Wraps the verdict of [`verificar_documentos`](crate::verificar_documentos) so that it
    /// travels as the crate's one error type (`?` into `ErroDominio`); the full list stays
    /// reachable through [`Motivo::DocumentosFaltantes`] and `source()`.
    ///
    /// ```
    /// use std::error::Error as _;
    /// use renave_domain::{verificar_documentos, CondicoesDocumentos, ErroDominio, Motivo};
    ///
    /// let judicial = CondicoesDocumentos { determinacao_judicial: true, ..CondicoesDocumentos::default() };
    /// let erro: ErroDominio = verificar_documentos(&judicial, &[]).unwrap_err().into();
    /// assert_eq!(erro.tipo(), "documentação complementar");
    /// assert_eq!(
    ///     erro.to_string(),
    ///     "invalid documentação complementar: 1 required document(s) missing (Regulamento Técnico CET-MG §7.3)"
    /// );
    /// assert!(matches!(erro.motivo(), Motivo::DocumentosFaltantes(f) if f.faltantes().len() == 1));
    /// assert!(erro.source().is_some_and(|s| s.to_string().contains("289")));
    /// ```
    fn from(faltantes: DocumentosFaltantes) -> Self {
        Self::new(
            "documentação complementar",
            Motivo::DocumentosFaltantes(faltantes),
        )
    }
}

/// What was wrong with an input (the *motivo* of an [`ErroDominio`]).
///
/// Positions are 1-based and count characters of the trimmed input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Motivo {
    /// The input was empty (or only white space).
    Vazio,
    /// The input had the wrong length.
    Comprimento {
        /// The accepted length(s), in words (e.g. `"11"`, `"9 to 11"`, `"11 or 14"`).
        esperado: &'static str,
        /// The length found, in characters.
        obtido: usize,
    },
    /// A character is not allowed at this position.
    Caractere {
        /// 1-based position of the character in the trimmed input.
        posicao: usize,
        /// The offending character. Only this one character is kept, never the whole input.
        encontrado: char,
        /// What is allowed there, in words (e.g. `"an ASCII digit"`).
        esperado: &'static str,
    },
    /// The input looks like the official mask but deviates from it (e.g. `529.982.247.25`).
    Mascara {
        /// The official mask (e.g. `"000.000.000-00"`).
        mascara: &'static str,
    },
    /// A check digit (*dígito verificador*) does not match.
    DigitoVerificador,
    /// A sequence that passes the check digits but is reserved or invalid by convention
    /// (e.g. CPF `111.111.111-11`, CNPJ all zeros).
    SequenciaInvalida,
    /// The value is outside the range the rule allows.
    ForaDoIntervalo {
        /// The rule, in words (e.g. `"CEP is not below 01000000"`).
        regra: &'static str,
    },
    /// The value breaks a structural rule not covered by the other variants.
    Formato {
        /// The rule that was broken, in words.
        regra: &'static str,
    },
    /// A free-text detail (used for structured payloads such as a Pix code, where the position
    /// or tag at fault is named). Never contains the input itself.
    Detalhe(String),
    /// Documents the Regulamento Técnico CET-MG §7.3 table requires are not attached (the
    /// verdict of [`verificar_documentos`](crate::verificar_documentos), converted with `From`).
    /// Also the error's `source()`.
    DocumentosFaltantes(DocumentosFaltantes),
}

impl fmt::Display for Motivo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Vazio => f.write_str("empty input"),
            Self::Comprimento { esperado, obtido } => {
                write!(f, "expected {esperado} characters, found {obtido}")
            }
            Self::Caractere {
                posicao,
                encontrado,
                esperado,
            } => write!(
                f,
                "character {encontrado:?} at position {posicao} is not allowed (expected {esperado})"
            ),
            Self::Mascara { mascara } => {
                write!(
                    f,
                    "malformed mask (expected the bare value or exactly {mascara})"
                )
            }
            Self::DigitoVerificador => f.write_str("check digit does not match"),
            Self::SequenciaInvalida => f.write_str("reserved or repeated sequence"),
            Self::ForaDoIntervalo { regra } | Self::Formato { regra } => f.write_str(regra),
            Self::Detalhe(detalhe) => f.write_str(detalhe),
            Self::DocumentosFaltantes(faltantes) => write!(
                f,
                "{} required document(s) missing (Regulamento Técnico CET-MG §7.3)",
                faltantes.faltantes().len()
            ),
        }
    }
}
