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
//! masked when the error is built (`*********25`, `***.***.***-25`: last two digits kept).
//! What the server sent where a code is expected (`codigo_retorno`, the gateway's `code`, the
//! `Retry-After` header) is kept raw in its field, and masked by `Display`, `Debug` and the
//! operation's tracing span: a server that echoes its input may have put a CPF there. So no
//! full CPF reaches `Debug`, `Display` or logs.

use std::fmt;
use std::time::Duration;

use renave_domain::DocumentoExigido;
use renave_domain::privacidade::{SemCpf, ocultar_cpfs};
use renave_http::{BodySnippet, HttpError};

/// A boxed error kept behind [`std::error::Error::source`].
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The error of every operation of [`ClienteCetMg`](crate::ClienteCetMg) (decision D7).
///
/// Display is one line naming the operation, the HTTP status and the service's code when there
/// is one; walk [`source()`](std::error::Error::source) for the cause. `Display` and `Debug`
/// mask what may be a CPF in every text the server sent.
#[derive(thiserror::Error)]
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
    /// No usable answer: connect failure, refused TLS handshake, timeout, broken exchange or an
    /// answer too large to read. For a state-changing operation that may have reached the
    /// server, the outcome is unknown (decision D6): check with a lookup before trying again. A
    /// read that timed out is just a read to send again.
    ///
    /// Display: the request core's one-line message (which names the operation), prefixed by
    /// `OUTCOME UNKNOWN` when [`resultado_incerto`](Erro::resultado_incerto).
    #[error("{}{fonte}", if .fonte.outcome_unknown() { "OUTCOME UNKNOWN, do not resend blindly: " } else { "" })]
    Transporte {
        /// The operation name.
        operacao: String,
        /// Whether the operation is state-changing and may have executed on the server: the
        /// value of [`HttpError::outcome_unknown`] of `fonte`, which
        /// [`resultado_incerto`](Erro::resultado_incerto) and `Display` read.
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
        /// The gateway code (`"900901"`…), as a string whatever its JSON type: the raw value
        /// as sent (masked in `Display`, `Debug` and the span).
        codigo: Option<String>,
        /// The gateway `message` (CPFs masked).
        mensagem: Option<String>,
        /// The gateway `description` (CPFs masked).
        descricao: Option<String>,
        /// Whether the operation is state-changing and the answer leaves its outcome unknown
        /// (see [`resultado_incerto`](Erro::resultado_incerto)).
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
        /// `codigo_retorno` of the body, when it has one: the raw value as sent (masked in
        /// `Display`, `Debug` and the span).
        codigo_retorno: Option<String>,
        /// `mensagem_retorno` (or `mensagem`) of the body, when it has one (CPFs masked).
        mensagem: Option<String>,
        /// The `Retry-After` header, verbatim, when the server sent one: the raw value (masked
        /// in `Debug`).
        retry_after: Option<String>,
        /// The start of the body (capped, CPFs masked).
        trecho: BodySnippet,
        /// Whether the operation is state-changing and the answer leaves its outcome unknown
        /// (see [`resultado_incerto`](Erro::resultado_incerto)).
        resultado_incerto: bool,
    },
    /// The request was processed but refused by a business rule: a 2xx answer with a
    /// `codigo_retorno` other than `"000"` (Regulamento Técnico CET-MG §6.1.3).
    #[error("`{operacao}`: refused by CET-MG, codigo_retorno {}{}", ocultar_cpfs(.codigo_retorno), Opt(": ", .mensagem.as_deref()))]
    Negocio {
        /// The operation name.
        operacao: String,
        /// The HTTP status (2xx).
        status: u16,
        /// `codigo_retorno`: the raw value as sent (masked in `Display`, `Debug` and the span).
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

/// Display helper: `prefix value` when present, on one line, with what may be a CPF masked
/// (the value is text the server sent).
struct Opt<'a>(&'static str, Option<&'a str>);

impl fmt::Display for Opt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Some(v) => write!(
                f,
                "{}{}",
                self.0,
                ocultar_cpfs(&v.replace(['\r', '\n'], " "))
            ),
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

    /// The CET-MG `codigo_retorno` of the answer, when it had one: the **raw** value as the
    /// server sent it, so that it can be compared with the codes of the regulation (`"101"`,
    /// `"501"`…). A server that echoes its input could put personal data there: pass it
    /// through [`ocultar_cpfs`](renave_domain::privacidade::ocultar_cpfs) before printing it on
    /// its own (`Display`, `Debug` and the operation's tracing span already mask it). It stays
    /// raw, rather than masked, because masking leaves every real code unchanged (a code is
    /// never 11 digits) and the error, built by the client, holds no masked copy to borrow.
    pub fn codigo_retorno(&self) -> Option<&str> {
        match self {
            Self::Negocio { codigo_retorno, .. } => Some(codigo_retorno),
            Self::Http { codigo_retorno, .. } => codigo_retorno.as_deref(),
            _ => None,
        }
    }

    /// The WSO2 gateway code (`"900901"`…), for [`Erro::Gateway`]: the **raw** value, like
    /// [`codigo_retorno`](Self::codigo_retorno) (mask it before printing it on its own).
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

    /// Whether a **state-changing** request may have executed although no answer says so
    /// (decision D6): its outcome is unknown. Check the server's state (e.g. with the matching
    /// lookup) before sending it again. Never true for a read (an idempotent operation, and
    /// `gerar-token`): it changed nothing and can simply be sent again.
    ///
    /// The same semantics as the Renave-WS client's `ErroRenaveWs::resultado_incerto`,
    /// from the request core's two rules: for a transport failure (timeout, broken exchange,
    /// an answer too large to read), [`HttpError::outcome_unknown`]; for an HTTP answer,
    /// [`renave_http::retry::outcome_unknown`] — any 5xx but 503 to a state-changing request
    /// (503 is refused before processing; 501 counts as unknown, fail closed). For an HTTP
    /// answer the classification is made when the client builds the error (the
    /// `resultado_incerto` field of [`Erro::Http`] and [`Erro::Gateway`]).
    pub fn resultado_incerto(&self) -> bool {
        match self {
            Self::Transporte { fonte, .. } => fonte.outcome_unknown(),
            Self::Http {
                resultado_incerto, ..
            }
            | Self::Gateway {
                resultado_incerto, ..
            } => *resultado_incerto,
            _ => false,
        }
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

impl fmt::Debug for Erro {
    /// Like a derived `Debug`, except that what may be a CPF in text the server sent (codes,
    /// messages, the `Retry-After` header, body snippets, a decoder's message) is masked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EntradaInvalida {
                operacao,
                motivo,
                fonte,
            } => f
                .debug_struct("EntradaInvalida")
                .field("operacao", operacao)
                .field("motivo", motivo)
                .field("fonte", fonte)
                .finish(),
            Self::DocumentosFaltantes {
                operacao,
                faltantes,
            } => f
                .debug_struct("DocumentosFaltantes")
                .field("operacao", operacao)
                .field("faltantes", faltantes)
                .finish(),
            Self::Configuracao { motivo, fonte } => f
                .debug_struct("Configuracao")
                .field("motivo", motivo)
                .field("fonte", fonte)
                .finish(),
            Self::Transporte {
                operacao,
                resultado_incerto,
                fonte,
            } => f
                .debug_struct("Transporte")
                .field("operacao", operacao)
                .field("resultado_incerto", resultado_incerto)
                .field("fonte", &SemCpf(fonte))
                .finish(),
            Self::Gateway {
                operacao,
                status,
                codigo,
                mensagem,
                descricao,
                resultado_incerto,
            } => f
                .debug_struct("Gateway")
                .field("operacao", operacao)
                .field("status", status)
                .field("codigo", &SemCpf(codigo))
                .field("mensagem", &SemCpf(mensagem))
                .field("descricao", &SemCpf(descricao))
                .field("resultado_incerto", resultado_incerto)
                .finish(),
            Self::Http {
                operacao,
                status,
                codigo_retorno,
                mensagem,
                retry_after,
                trecho,
                resultado_incerto,
            } => f
                .debug_struct("Http")
                .field("operacao", operacao)
                .field("status", status)
                .field("codigo_retorno", &SemCpf(codigo_retorno))
                .field("mensagem", &SemCpf(mensagem))
                .field("retry_after", &SemCpf(retry_after))
                .field("trecho", &SemCpf(trecho))
                .field("resultado_incerto", resultado_incerto)
                .finish(),
            Self::Negocio {
                operacao,
                status,
                codigo_retorno,
                mensagem,
            } => f
                .debug_struct("Negocio")
                .field("operacao", operacao)
                .field("status", status)
                .field("codigo_retorno", &SemCpf(codigo_retorno))
                .field("mensagem", &SemCpf(mensagem))
                .finish(),
            Self::RespostaInvalida {
                operacao,
                status,
                motivo,
                trecho,
                fonte,
            } => f
                .debug_struct("RespostaInvalida")
                .field("operacao", operacao)
                .field("status", status)
                .field("motivo", &SemCpf(motivo))
                .field("trecho", &SemCpf(trecho))
                .field("fonte", &SemCpf(fonte))
                .finish(),
            Self::DocumentoInvalido { motivo, fonte } => f
                .debug_struct("DocumentoInvalido")
                .field("motivo", motivo)
                .field("fonte", fonte)
                .finish(),
            Self::ArmazenamentoToken { fonte } => f
                .debug_struct("ArmazenamentoToken")
                .field("fonte", fonte)
                .finish(),
            Self::ArmazenamentoTokenSemResposta { operacao, prazo } => f
                .debug_struct("ArmazenamentoTokenSemResposta")
                .field("operacao", operacao)
                .field("prazo", prazo)
                .finish(),
        }
    }
}
