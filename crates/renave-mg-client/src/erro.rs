//! The crate's one error type, [`Erro`] (decision D7).
//!
//! It keeps apart what an integradora must handle differently:
//!
//! * [`Erro::EntradaInvalida`] / [`Erro::DocumentosFaltantes`] — the input was refused by the SDK
//!   and **nothing was sent**;
//! * [`Erro::Transporte`] — no usable answer came back (connect failure, timeout, broken
//!   exchange); for a state-changing operation the outcome is then **unknown** (decision D6);
//! * [`Erro::Gateway`] — the PRODEMGE WSO2 gateway refused the call before the CET-MG backend
//!   saw it (codes `9009xx`, `9008xx`);
//! * [`Erro::Http`] — the CET-MG service answered with an HTTP error status (R §6.1.2, §6.2.2);
//! * [`Erro::Negocio`] — a 2xx answer whose `codigo_retorno` is not `"000"` (R §6.1.3);
//! * [`Erro::RespostaInvalida`] — a 2xx answer that could not be decoded;
//! * [`Erro::ArmazenamentoToken`] / [`Erro::ArmazenamentoTokenSemResposta`] — the token store
//!   failed, or did not answer within the operation deadline, while the client had no token to
//!   use: **nothing was sent**.
//!
//! No message of this module holds a token, a consumer secret, a path (paths carry CPFs) or a
//! request body. Error bodies are kept as a capped [`BodySnippet`]. Text the *server* wrote
//! (messages, descriptions, body snippets, a decoder's message quoting a value) has every CPF
//! masked when the error is built (`*********25`, `***.***.***-25`: last two digits kept), so
//! no full CPF reaches `Debug`, `Display` or logs.

use std::fmt;
use std::time::Duration;

use renave_domain::DocumentoExigido;
use renave_http::{BodySnippet, HttpError};

/// A boxed error kept behind [`std::error::Error::source`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The error of every operation of [`ClienteCetMg`](crate::ClienteCetMg) (decision D7).
///
/// Display is one line naming the operation, the HTTP status and the service's code when there
/// is one; walk [`source()`](std::error::Error::source) for the cause.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Erro {
    /// The input was refused before anything was sent (*entrada inválida*).
    #[error("`{operacao}`: invalid input, nothing was sent: {motivo}")]
    EntradaInvalida {
        /// The operation name.
        operacao: String,
        /// What is wrong (never the value itself: it may be a CPF).
        motivo: String,
        /// The underlying validation error, when there is one.
        #[source]
        fonte: Option<BoxError>,
    },
    /// Documents the Regulamento Técnico CET-MG §7.3 table requires are missing; nothing was
    /// sent (*documentos exigidos não anexados*).
    #[error("`{operacao}`: nothing was sent, required documents are missing (R §7.3): {}", Lista(.faltantes))]
    DocumentosFaltantes {
        /// The operation name.
        operacao: String,
        /// Every missing document, with the row of the table that requires it.
        faltantes: Vec<DocumentoExigido>,
    },
    /// The client could not be built (bad base URL, plain http without `allow_http`, bad
    /// route override, TLS setup…).
    #[error("invalid CET-MG client configuration: {motivo}")]
    Configuracao {
        /// What is wrong.
        motivo: String,
        /// The cause, when there is one.
        #[source]
        fonte: Option<BoxError>,
    },
    /// No usable answer: connect failure, timeout or broken exchange. For a state-changing
    /// operation that may have reached the server, the outcome is unknown (decision D6): check
    /// with a lookup before trying again.
    ///
    /// Display: the request core's one-line message (which names the operation), prefixed by
    /// `OUTCOME UNKNOWN` when [`resultado_incerto`](Erro::resultado_incerto).
    #[error("{}{fonte}", if *.resultado_incerto { "OUTCOME UNKNOWN, do not resend blindly: " } else { "" })]
    Transporte {
        /// The operation name.
        operacao: String,
        /// Whether the operation is state-changing and may have executed on the server.
        resultado_incerto: bool,
        /// The request core's error.
        #[source]
        fonte: HttpError,
    },
    /// The PRODEMGE WSO2 API gateway answered with its own error body: `code` `9009xx`
    /// authentication/authorisation and `9008xx` throttling (the CET-MG backend did not see the
    /// request), or `101xxx`/`303xxx` transport errors between the gateway and the backend (e.g.
    /// `101504` send timeout: a state-changing request may have executed, see
    /// [`resultado_incerto`](Erro::resultado_incerto)); also the older `{"fault":{…}}` form.
    #[error("`{operacao}`: HTTP {status} from the API gateway{}{}{}", Opt(" code ", .codigo.as_deref()), Opt(": ", .mensagem.as_deref()), Incerto(*.resultado_incerto))]
    Gateway {
        /// The operation name.
        operacao: String,
        /// The HTTP status.
        status: u16,
        /// The gateway code (`"900901"`…), as a string whatever its JSON type.
        codigo: Option<String>,
        /// The gateway `message` (CPFs masked).
        mensagem: Option<String>,
        /// The gateway `description` (CPFs masked).
        descricao: Option<String>,
        /// Whether the operation is state-changing and may have executed (HTTP 500, 502, 504).
        resultado_incerto: bool,
    },
    /// The CET-MG service answered with an HTTP error status (Regulamento Técnico CET-MG
    /// §6.1.2/§6.2.2: 400, 401, 403, 404, 409, 429, 500…). A non-JSON body (an HTML page from a
    /// proxy) is still this error, with the body kept as a snippet.
    #[error("`{operacao}`: HTTP {status}{}{}{}", Opt(" codigo_retorno ", .codigo_retorno.as_deref()), Opt(": ", .mensagem.as_deref()), Incerto(*.resultado_incerto))]
    Http {
        /// The operation name.
        operacao: String,
        /// The HTTP status.
        status: u16,
        /// `codigo_retorno` of the body, when it has one.
        codigo_retorno: Option<String>,
        /// `mensagem_retorno` (or `mensagem`) of the body, when it has one (CPFs masked).
        mensagem: Option<String>,
        /// The `Retry-After` header, verbatim, when the server sent one.
        retry_after: Option<String>,
        /// The start of the body (capped, CPFs masked).
        trecho: BodySnippet,
        /// Whether the operation is state-changing and may have executed (HTTP 500, 502, 504).
        resultado_incerto: bool,
    },
    /// The request was processed but refused by a business rule: a 2xx answer with a
    /// `codigo_retorno` other than `"000"` (Regulamento Técnico CET-MG §6.1.3).
    #[error("`{operacao}`: refused by CET-MG, codigo_retorno {codigo_retorno}{}", Opt(": ", .mensagem.as_deref()))]
    Negocio {
        /// The operation name.
        operacao: String,
        /// The HTTP status (2xx).
        status: u16,
        /// `codigo_retorno`.
        codigo_retorno: String,
        /// `mensagem_retorno` (or `mensagem`), CPFs masked.
        mensagem: Option<String>,
    },
    /// A 2xx answer that could not be decoded (not JSON, or not the expected shape).
    #[error("`{operacao}`: undecodable answer (HTTP {status}): {motivo}")]
    RespostaInvalida {
        /// The operation name.
        operacao: String,
        /// The HTTP status.
        status: u16,
        /// What could not be decoded.
        motivo: String,
        /// The start of the body (capped, CPFs masked).
        trecho: BodySnippet,
        /// The decoding error, when there is one.
        #[source]
        fonte: Option<BoxError>,
    },
    /// A document carried by an answer (base64) could not be decoded, or is not the PDF the
    /// regulation demands.
    #[error("invalid document in the answer: {motivo}")]
    DocumentoInvalido {
        /// What is wrong.
        motivo: String,
        /// The decoding error, when there is one.
        #[source]
        fonte: Option<BoxError>,
    },
    /// The token store ([`ArmazenamentoToken`](crate::ArmazenamentoToken)) failed.
    #[error("token store failed")]
    ArmazenamentoToken {
        /// The store's error.
        #[source]
        fonte: BoxError,
    },
    /// The token store ([`ArmazenamentoToken`](crate::ArmazenamentoToken)) did not answer
    /// within the operation deadline while the client had no token to use (*armazenamento de
    /// token sem resposta*): **nothing was sent**, and trying again later is safe.
    #[error(
        "`{operacao}`: the token store did not answer within the operation deadline of {prazo:?}; nothing was sent"
    )]
    ArmazenamentoTokenSemResposta {
        /// The operation name.
        operacao: String,
        /// The operation deadline ([`Timeouts::operation`](crate::Timeouts::operation)).
        prazo: Duration,
    },
}

/// Display helper: `prefix value` when present.
struct Opt<'a>(&'static str, Option<&'a str>);

impl fmt::Display for Opt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Some(v) => write!(f, "{}{}", self.0, v.replace(['\r', '\n'], " ")),
            None => Ok(()),
        }
    }
}

/// Display helper: the outcome-unknown note.
struct Incerto(bool);

impl fmt::Display for Incerto {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 {
            f.write_str(" (OUTCOME UNKNOWN: the request may have executed)")
        } else {
            Ok(())
        }
    }
}

/// Display helper: a comma-separated list.
struct Lista<'a, T>(&'a [T]);

impl<T: fmt::Display> fmt::Display for Lista<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{item}")?;
        }
        Ok(())
    }
}

impl Erro {
    pub(crate) fn entrada(operacao: &str, motivo: impl Into<String>) -> Self {
        Self::EntradaInvalida {
            operacao: operacao.to_owned(),
            motivo: motivo.into(),
            fonte: None,
        }
    }

    pub(crate) fn configuracao(motivo: impl Into<String>, fonte: Option<BoxError>) -> Self {
        Self::Configuracao {
            motivo: motivo.into(),
            fonte,
        }
    }

    /// Whether trying the same call again later could succeed and is safe (decision D6):
    /// transport failures that cannot have changed state, a token store that did not answer in
    /// time (nothing was sent), and HTTP 429, 502, 503, 504 — except when a state-changing
    /// request may have executed ([`resultado_incerto`](Self::resultado_incerto)).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transporte { fonte, .. } => fonte.is_retryable(),
            Self::ArmazenamentoTokenSemResposta { .. } => true,
            Self::Http {
                status,
                resultado_incerto,
                ..
            }
            | Self::Gateway {
                status,
                resultado_incerto,
                ..
            } => !*resultado_incerto && matches!(status, 429 | 502 | 503 | 504),
            _ => false,
        }
    }

    /// The HTTP status of the answer, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Http { status, .. }
            | Self::Gateway { status, .. }
            | Self::Negocio { status, .. }
            | Self::RespostaInvalida { status, .. }
            | Self::Transporte {
                fonte: HttpError::ResponseTooLarge { status, .. },
                ..
            } => Some(*status),
            _ => None,
        }
    }

    /// The CET-MG `codigo_retorno` of the answer, when it had one.
    pub fn codigo_retorno(&self) -> Option<&str> {
        match self {
            Self::Negocio { codigo_retorno, .. } => Some(codigo_retorno),
            Self::Http { codigo_retorno, .. } => codigo_retorno.as_deref(),
            _ => None,
        }
    }

    /// The WSO2 gateway code (`"900901"`…), for [`Erro::Gateway`].
    pub fn codigo_gateway(&self) -> Option<&str> {
        match self {
            Self::Gateway { codigo, .. } => codigo.as_deref(),
            _ => None,
        }
    }

    /// The message the server gave for the end user (`mensagem_retorno`, `mensagem`, or the
    /// gateway's `message`/`description`), when there is one. The regulation asks that every
    /// answer be shown on screen (R §6.2.2).
    pub fn mensagem(&self) -> Option<&str> {
        match self {
            Self::Negocio { mensagem, .. } | Self::Http { mensagem, .. } => mensagem.as_deref(),
            Self::Gateway {
                mensagem,
                descricao,
                ..
            } => descricao.as_deref().or(mensagem.as_deref()),
            _ => None,
        }
    }

    /// Whether a state-changing request may have executed although no answer says so
    /// (decision D6): no answer came back, or an HTTP 500, 502 or 504 did. Check the server's
    /// state (e.g. with the matching lookup) before sending it again.
    pub fn resultado_incerto(&self) -> bool {
        matches!(
            self,
            Self::Transporte {
                resultado_incerto: true,
                ..
            } | Self::Http {
                resultado_incerto: true,
                ..
            } | Self::Gateway {
                resultado_incerto: true,
                ..
            }
        )
    }

    /// Whether nothing was sent because the input was refused.
    pub fn is_entrada_invalida(&self) -> bool {
        matches!(
            self,
            Self::EntradaInvalida { .. } | Self::DocumentosFaltantes { .. }
        )
    }

    /// The operation the error belongs to (none for configuration and document errors, nor for
    /// [`Erro::ArmazenamentoToken`]).
    pub fn operacao(&self) -> Option<&str> {
        match self {
            Self::EntradaInvalida { operacao, .. }
            | Self::DocumentosFaltantes { operacao, .. }
            | Self::Transporte { operacao, .. }
            | Self::Gateway { operacao, .. }
            | Self::Http { operacao, .. }
            | Self::Negocio { operacao, .. }
            | Self::RespostaInvalida { operacao, .. }
            | Self::ArmazenamentoTokenSemResposta { operacao, .. } => Some(operacao),
            _ => None,
        }
    }
}
