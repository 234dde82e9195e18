//! The crate's one error type, [`Erro`] (decision D7).
//!
//! It keeps apart what an integradora must handle differently:
//!
//! * [`Erro::EntradaInvalida`] / [`Erro::DocumentosFaltantes`] — the input was refused by the SDK
//!   and **nothing was sent**;
//! * [`Erro::Transporte`] — no usable answer came back (connect failure, timeout, broken
//!   exchange); for a state-changing operation the outcome is then **unknown** (decision D6);
//! * [`Erro::Token`] — the access token (`gerar-token`) could not be obtained for the operation
//!   called: **nothing was sent** for it; the token request's own error is the source;
//! * [`Erro::Gateway`] — the PRODEMGE WSO2 gateway refused the call before the CET-MG backend
//!   saw it (codes `9009xx`, `9008xx`);
//! * [`Erro::Http`] — the CET-MG service answered with an HTTP error status (R §6.1.2, §6.2.2);
//! * [`Erro::Negocio`] — a 2xx answer whose `codigo_retorno` is not `"000"` (R §6.1.3);
//! * [`Erro::RespostaNaoReconhecida`] — a 2xx answer the SDK does not recognise as the
//!   contract's: the envelope's return code is not where the contract says, or the body is
//!   empty or not JSON where an answer is expected (decision D11: never a success; for a
//!   state-changing request the outcome is unknown);
//! * [`Erro::RespostaInvalida`] — a 2xx answer that could not be decoded;
//! * [`Erro::Documento`] — a base64 document of an answer that does not decode, or is not a
//!   PDF;
//! * [`Erro::ArmazenamentoToken`] / [`Erro::ArmazenamentoTokenSemResposta`] — the token store
//!   failed, or did not answer within the operation deadline, while the client had no token to
//!   use: **nothing was sent**;
//! * [`Erro::NaoImplementado`] — a test double of [`ApiCetMg`](crate::ApiCetMg) does not
//!   implement the operation called: **nothing was sent**.
//!
//! # One vocabulary in both clients
//!
//! The errors of `renave-mg-client` (`Erro`) and `renave-ws-client` (`renave_ws_client::Erro`) have the
//! same shape: struct variants only, the same variant names for the same situations
//! (`EntradaInvalida`, `Configuracao`, `Transporte`, `Http`, `Negocio`, `RespostaInvalida`,
//! `Documento`), the same field names (`operacao`, `motivo`, `status`, `tentativas`,
//! `retry_after`, `resultado_incerto`, `trecho`, `fonte` for the cause) and these accessors:
//!
//! | accessor | answers |
//! |---|---|
//! | `operacao()` | the operation the caller called (never an internal step such as `gerar_token` in its place) |
//! | `status()` | the HTTP status of the answer, when one arrived |
//! | `resultado_incerto()` | whether a state-changing request may have executed although no answer says so (decision D6): look the result up, do not resend |
//! | `is_retryable()` | whether sending the same call again later could succeed and is safe |
//! | `mensagem_usuario()` | the service's message for the end user, when it gave one |
//! | `retry_after()` | the server's `Retry-After`, as a duration |
//! | `tentativas()` | the attempts made, where known (transport errors and HTTP answers) |
//! | `is_entrada_invalida()` | whether nothing was sent because the input was refused |
//! | `is_negocio()` | whether the service refused the request on a business rule |
//!
//! Messages (`Display`) are one line. Each layer of the chain says what it knows and
//! [`source()`](std::error::Error::source) carries the cause: no text is repeated along the
//! chain. An HTTP status is shown with its reason phrase, and a 429 or 503 with the attempts
//! made and the `Retry-After` received. Text the server wrote has every CPF masked when the
//! error is built (`*********25`, `***.***.***-25`: last two digits kept, see
//! `renave_domain::privacidade::ocultar_cpfs`), so fields and accessors are as safe to print as
//! `Display` and `Debug`. Whether an HTTP answer leaves the outcome unknown is decided by the
//! request core's one rule, `renave_http::retry::outcome_unknown`; for a transport failure by
//! `renave_http::HttpError::outcome_unknown`.
//!
//! CET-MG specific: [`codigo`](Erro::codigo) (`codigo_retorno`, else the gateway's code),
//! [`codigo_retorno`](Erro::codigo_retorno), [`codigo_gateway`](Erro::codigo_gateway),
//! [`falha_token`](Erro::falha_token).
//!
//! No message of this module holds a token, a consumer secret, a path (paths carry CPFs) or a
//! request body. Error bodies are kept as a capped [`BodySnippet`].

use std::fmt;
use std::time::Duration;

use renave_domain::DocumentoExigido;
use renave_domain::privacidade::SemCpf;
use renave_http::exibicao::{Duracao, Espera, Status, uma_linha};
use renave_http::{BodySnippet, HttpError};

/// The boxed cause kept behind [`std::error::Error::source`]: one name, defined once in
/// `renave-http` and shared by both clients.
pub use renave_http::CausaErro;

/// The error of every operation of [`ClienteCetMg`](crate::ClienteCetMg) (decision D7).
///
/// Display is one line naming the operation, the HTTP status with its reason phrase and the
/// service's code when there is one; walk [`source()`](std::error::Error::source) for the
/// cause. See the [module docs](crate::erro) for the accessors both clients share.
#[non_exhaustive]
pub enum Erro {
    /// The input was refused before anything was sent (*entrada inválida*).
    EntradaInvalida {
        /// The operation name.
        operacao: String,
        /// The field at fault, by its wire name when it has one (`caminho`/`corpo` for a
        /// request that cannot be placed in the route or encoded). Same fields as the
        /// Renave-WS client's `EntradaInvalida`.
        campo: String,
        /// What is wrong (never the value itself: it may be a CPF).
        motivo: String,
        /// The underlying validation error, when there is one.
        fonte: Option<CausaErro>,
    },
    /// Documents the Regulamento Técnico CET-MG §7.3 table requires are missing; nothing was
    /// sent (*documentos exigidos não anexados*).
    DocumentosFaltantes {
        /// The operation name.
        operacao: String,
        /// Every missing document, with the row of the table that requires it.
        faltantes: Vec<DocumentoExigido>,
    },
    /// The client could not be built (bad base URL, plain http without `permitir_http`, bad
    /// route override, TLS setup…) (*configuração*).
    Configuracao {
        /// What is wrong.
        motivo: String,
        /// The cause, when there is one.
        fonte: Option<CausaErro>,
    },
    /// No usable answer (*transporte*): connect failure, refused TLS handshake, timeout, broken
    /// exchange or an answer too large to read. For a state-changing operation that may have
    /// reached the server, the outcome is unknown (decision D6): check with a lookup before
    /// trying again. A read that timed out is just a read to send again.
    ///
    /// Display: the request core's one-line message (which names the operation, the attempts
    /// and the outcome), prefixed by `OUTCOME UNKNOWN` when
    /// [`resultado_incerto`](Erro::resultado_incerto);
    /// [`source()`](std::error::Error::source) is the core error's own cause, so no text is
    /// repeated along the chain. The core error itself is the field `fonte`.
    Transporte {
        /// The operation name.
        operacao: String,
        /// The request core's error.
        fonte: HttpError,
    },
    /// The access token could not be obtained for the operation called (*token*): its
    /// `gerar-token` request failed (or a renewal that failed just before is shared, decision
    /// D4), so **nothing was sent** for the operation. The token request's own error is the
    /// source ([`falha_token`](Erro::falha_token)); the accessors answer for it (status,
    /// attempts, `Retry-After`, codes), except [`operacao`](Erro::operacao), which names the
    /// operation called.
    Token {
        /// The operation called.
        operacao: String,
        /// The error of the `gerar_token` request.
        fonte: Box<Erro>,
    },
    /// The PRODEMGE WSO2 API gateway answered with its own error body: `code` `9009xx`
    /// authentication/authorisation and `9008xx` throttling (the CET-MG backend did not see the
    /// request), or `101xxx`/`303xxx` transport errors between the gateway and the backend (e.g.
    /// `101504` send timeout: a state-changing request may have executed, see
    /// [`resultado_incerto`](Erro::resultado_incerto)); also the older `{"fault":{…}}` form.
    Gateway {
        /// The operation name.
        operacao: String,
        /// The HTTP status.
        status: u16,
        /// The gateway code (`"900901"`…), as a string whatever its JSON type (CPFs masked).
        codigo: Option<String>,
        /// The gateway `message` (CPFs masked).
        mensagem: Option<String>,
        /// The gateway `description` (CPFs masked).
        descricao: Option<String>,
        /// Attempts made (the last one got this answer).
        tentativas: u32,
        /// The `Retry-After` of the answer, when the gateway sent a readable one.
        retry_after: Option<Duration>,
        /// Whether the operation is state-changing and the answer leaves its outcome unknown
        /// (see [`resultado_incerto`](Erro::resultado_incerto)).
        resultado_incerto: bool,
    },
    /// The CET-MG service answered with an HTTP error status (Regulamento Técnico CET-MG
    /// §6.1.2/§6.2.2: 400, 401, 403, 404, 409, 429, 500…). A non-JSON body (an HTML page from a
    /// proxy) is still this error, with the body kept as a snippet.
    Http {
        /// The operation name.
        operacao: String,
        /// The HTTP status.
        status: u16,
        /// `codigo_retorno` of the body, when it has one (CPFs masked).
        codigo_retorno: Option<String>,
        /// `mensagem_retorno` (or `mensagem`) of the body, when it has one (CPFs masked).
        mensagem: Option<String>,
        /// Attempts made (the last one got this answer).
        tentativas: u32,
        /// The `Retry-After` of the answer, when the server sent a readable one.
        retry_after: Option<Duration>,
        /// The start of the body (capped, CPFs masked).
        trecho: BodySnippet,
        /// Whether the operation is state-changing and the answer leaves its outcome unknown
        /// (see [`resultado_incerto`](Erro::resultado_incerto)).
        resultado_incerto: bool,
    },
    /// The request was processed but refused by a business rule (*negócio*): a 2xx answer with
    /// a `codigo_retorno` other than `"000"` (Regulamento Técnico CET-MG §6.1.3).
    Negocio {
        /// The operation name.
        operacao: String,
        /// The HTTP status (2xx).
        status: u16,
        /// `codigo_retorno` (CPFs masked).
        codigo_retorno: String,
        /// `mensagem_retorno` (or `mensagem`), CPFs masked.
        mensagem: Option<String>,
        /// Attempts made (the last one got this answer).
        tentativas: u32,
    },
    /// A 2xx answer that could not be decoded (not JSON, or not the expected shape) (*resposta
    /// inválida*).
    RespostaInvalida {
        /// The operation name.
        operacao: String,
        /// The HTTP status.
        status: u16,
        /// What could not be decoded (the decoder's own message is the source).
        motivo: String,
        /// The start of the body (capped, CPFs masked).
        trecho: BodySnippet,
        /// The decoding error, when there is one (its text masked).
        fonte: Option<CausaErro>,
    },
    /// A 2xx answer the SDK does not recognise as the contract's answer (*resposta não
    /// reconhecida*, decision D11): the envelope's return code (`codigo_retorno`, or the name
    /// the contract gives it) cannot be found, or the body is empty or not JSON where an
    /// answer is expected. Never a success: for a state-changing request the outcome is
    /// unknown ([`resultado_incerto`](Erro::resultado_incerto)) — look it up, do not resend.
    RespostaNaoReconhecida {
        /// The operation name.
        operacao: String,
        /// The HTTP status (2xx).
        status: u16,
        /// What was not found (field names only, never values).
        motivo: String,
        /// The start of the body (capped, CPFs masked).
        trecho: BodySnippet,
        /// Whether the operation is state-changing (its outcome is then unknown).
        resultado_incerto: bool,
    },
    /// A document carried by an answer (base64) could not be decoded, or is not the PDF the
    /// regulation demands (*documento*).
    Documento {
        /// What is wrong.
        motivo: String,
        /// The decoding error, when there is one.
        fonte: Option<CausaErro>,
    },
    /// The token store ([`ArmazenamentoToken`](crate::ArmazenamentoToken)) failed while the
    /// client had no token to use: **nothing was sent**.
    ArmazenamentoToken {
        /// The operation called.
        operacao: String,
        /// The store's error.
        fonte: CausaErro,
    },
    /// The token store ([`ArmazenamentoToken`](crate::ArmazenamentoToken)) did not answer
    /// within the operation deadline while the client had no token to use (*armazenamento de
    /// token sem resposta*): **nothing was sent**, and trying again later is safe.
    ArmazenamentoTokenSemResposta {
        /// The operation name.
        operacao: String,
        /// The operation deadline ([`Timeouts::operation`](crate::Timeouts::operation)).
        prazo: Duration,
    },
    /// The journal store ([`Diario`](renave_http::diario::Diario), the builder's `diario`
    /// option) could not record the intent of a state-changing operation (*diário*): **nothing
    /// was sent**, and sending again later is safe.
    Diario {
        /// The operation name.
        operacao: String,
        /// The store's error.
        fonte: renave_http::diario::ErroDiario,
    },
    /// A test double of [`ApiCetMg`](crate::ApiCetMg) was called for an operation it does
    /// not implement (*não implementado*): the default body of every trait method. Nothing
    /// was sent.
    NaoImplementado {
        /// The operation name.
        operacao: String,
    },
}

impl renave_http::ErroNaoImplementado for Erro {
    fn nao_implementado(operacao: &'static str) -> Self {
        Self::NaoImplementado {
            operacao: operacao.to_owned(),
        }
    }
}

impl renave_http::ErroEntradaInvalida for Erro {
    fn entrada_invalida(
        operacao: &str,
        campo: &'static str,
        motivo: &'static str,
        fonte: renave_http::ErroParametros,
    ) -> Self {
        Self::EntradaInvalida {
            operacao: operacao.to_owned(),
            campo: campo.to_owned(),
            motivo: motivo.to_owned(),
            fonte: Some(Box::new(fonte)),
        }
    }
}

/// Display helper: `prefix value` when present, on one line.
struct Opt<'a>(&'static str, Option<&'a str>);

impl fmt::Display for Opt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Some(v) => write!(f, "{}{}", self.0, uma_linha(v)),
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

/// Display helper: a semicolon-separated list.
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

impl fmt::Display for Erro {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EntradaInvalida {
                operacao,
                campo,
                motivo,
                ..
            } => write!(
                f,
                "`{operacao}`: invalid input, nothing was sent: {campo}: {}",
                uma_linha(motivo)
            ),
            Self::DocumentosFaltantes {
                operacao,
                faltantes,
            } => write!(
                f,
                "`{operacao}`: nothing was sent, required documents are missing (R §7.3): {}",
                Lista(faltantes)
            ),
            Self::Configuracao { motivo, .. } => write!(
                f,
                "invalid CET-MG client configuration: {}",
                uma_linha(motivo)
            ),
            Self::Transporte { fonte, .. } => {
                if fonte.outcome_unknown() {
                    f.write_str("OUTCOME UNKNOWN, do not resend blindly: ")?;
                }
                write!(f, "{fonte}")
            }
            Self::Token { operacao, .. } => write!(
                f,
                "`{operacao}`: the access token could not be obtained (gerar-token); nothing was sent"
            ),
            Self::Diario { operacao, fonte } => write!(
                f,
                "`{operacao}`: the journal could not record the intent, nothing was sent: {}",
                uma_linha(&fonte.motivo)
            ),
            Self::Gateway {
                operacao,
                status,
                codigo,
                mensagem,
                tentativas,
                retry_after,
                resultado_incerto,
                ..
            } => write!(
                f,
                "`{operacao}`: {} from the API gateway{}{}{}{}",
                Status(*status),
                Opt(" code ", codigo.as_deref()),
                Opt(": ", mensagem.as_deref()),
                Espera {
                    status: *status,
                    tentativas: *tentativas,
                    retry_after: *retry_after
                },
                Incerto(*resultado_incerto)
            ),
            Self::Http {
                operacao,
                status,
                codigo_retorno,
                mensagem,
                tentativas,
                retry_after,
                resultado_incerto,
                ..
            } => write!(
                f,
                "`{operacao}`: {}{}{}{}{}",
                Status(*status),
                Opt(" codigo_retorno ", codigo_retorno.as_deref()),
                Opt(": ", mensagem.as_deref()),
                Espera {
                    status: *status,
                    tentativas: *tentativas,
                    retry_after: *retry_after
                },
                Incerto(*resultado_incerto)
            ),
            Self::Negocio {
                operacao,
                codigo_retorno,
                mensagem,
                ..
            } => write!(
                f,
                "`{operacao}`: refused by CET-MG, codigo_retorno {}{}",
                uma_linha(codigo_retorno),
                Opt(": ", mensagem.as_deref())
            ),
            Self::RespostaInvalida {
                operacao,
                status,
                motivo,
                ..
            } => write!(
                f,
                "`{operacao}`: undecodable answer ({}): {}",
                Status(*status),
                uma_linha(motivo)
            ),
            Self::RespostaNaoReconhecida {
                operacao,
                status,
                motivo,
                resultado_incerto,
                ..
            } => write!(
                f,
                "`{operacao}`: answer not recognised ({}), not a success: {}{}",
                Status(*status),
                uma_linha(motivo),
                Incerto(*resultado_incerto)
            ),
            Self::Documento { motivo, .. } => {
                write!(f, "invalid document in the answer: {}", uma_linha(motivo))
            }
            Self::ArmazenamentoToken { operacao, .. } => {
                write!(f, "`{operacao}`: the token store failed; nothing was sent")
            }
            Self::ArmazenamentoTokenSemResposta { operacao, prazo } => write!(
                f,
                "`{operacao}`: the token store did not answer within the operation deadline of {}; nothing was sent",
                Duracao(*prazo)
            ),
            Self::NaoImplementado { operacao } => write!(
                f,
                "`{operacao}`: not implemented by this test double of ApiCetMg (nothing was sent)"
            ),
        }
    }
}

impl std::error::Error for Erro {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::EntradaInvalida { fonte, .. }
            | Self::Configuracao { fonte, .. }
            | Self::RespostaInvalida { fonte, .. }
            | Self::Documento { fonte, .. } => fonte
                .as_deref()
                .map(|e| e as &(dyn std::error::Error + 'static)),
            Self::ArmazenamentoToken { fonte, .. } => Some(&**fonte),
            // `Display` already shows the core error's text: its cause comes next.
            Self::Transporte { fonte, .. } => std::error::Error::source(fonte),
            Self::Token { fonte, .. } => Some(&**fonte),
            Self::Diario { fonte, .. } => std::error::Error::source(fonte),
            Self::DocumentosFaltantes { .. }
            | Self::Gateway { .. }
            | Self::Http { .. }
            | Self::Negocio { .. }
            | Self::RespostaNaoReconhecida { .. }
            | Self::ArmazenamentoTokenSemResposta { .. }
            | Self::NaoImplementado { .. } => None,
        }
    }
}

impl Erro {
    pub(crate) fn entrada(operacao: &str, campo: &str, motivo: impl Into<String>) -> Self {
        Self::EntradaInvalida {
            operacao: operacao.to_owned(),
            campo: campo.to_owned(),
            motivo: motivo.into(),
            fonte: None,
        }
    }

    pub(crate) fn configuracao(motivo: impl Into<String>, fonte: Option<CausaErro>) -> Self {
        Self::Configuracao {
            motivo: motivo.into(),
            fonte,
        }
    }

    /// The operation the caller called (none for configuration and document errors). A
    /// failed token request is reported under the operation it was made for
    /// ([`Erro::Token`]); under `gerar_token` only when that is what the caller called.
    pub fn operacao(&self) -> Option<&str> {
        match self {
            Self::EntradaInvalida { operacao, .. }
            | Self::DocumentosFaltantes { operacao, .. }
            | Self::Transporte { operacao, .. }
            | Self::Token { operacao, .. }
            | Self::Gateway { operacao, .. }
            | Self::Http { operacao, .. }
            | Self::Negocio { operacao, .. }
            | Self::RespostaInvalida { operacao, .. }
            | Self::RespostaNaoReconhecida { operacao, .. }
            | Self::ArmazenamentoToken { operacao, .. }
            | Self::ArmazenamentoTokenSemResposta { operacao, .. }
            | Self::Diario { operacao, .. }
            | Self::NaoImplementado { operacao } => Some(operacao),
            Self::Configuracao { .. } | Self::Documento { .. } => None,
        }
    }

    /// Whether trying the same call again later could succeed and is safe (decision D6):
    /// transport failures that cannot have changed state, a token store that did not answer in
    /// time (nothing was sent), and HTTP 429, 502, 503, 504 — except when a state-changing
    /// request may have executed ([`resultado_incerto`](Self::resultado_incerto)). For
    /// [`Erro::Token`], the token request's answer.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transporte { fonte, .. } => fonte.is_retryable(),
            Self::Token { fonte, .. } => fonte.is_retryable(),
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

    /// Whether a **state-changing** request may have executed although no answer says so
    /// (decision D6): its outcome is unknown. Check the server's state (e.g. with the matching
    /// lookup) before sending it again. Never true for a read (an idempotent operation, and
    /// `gerar-token`): it changed nothing and can simply be sent again; never true for
    /// [`Erro::Token`] (the operation was not sent).
    ///
    /// From the request core's two rules: for a transport failure (timeout, broken exchange,
    /// an answer too large to read), [`HttpError::outcome_unknown`]; for an HTTP answer,
    /// [`renave_http::retry::outcome_unknown`] — any 5xx but 503 to a state-changing request
    /// (503 is refused before processing; 501 counts as unknown, fail closed), decided when the
    /// client builds the error (the `resultado_incerto` field of [`Erro::Http`] and
    /// [`Erro::Gateway`]); for a 2xx answer the SDK does not recognise
    /// ([`Erro::RespostaNaoReconhecida`], decision D11), whether the request was
    /// state-changing.
    pub fn resultado_incerto(&self) -> bool {
        match self {
            Self::Transporte { fonte, .. } => fonte.outcome_unknown(),
            Self::Http {
                resultado_incerto, ..
            }
            | Self::Gateway {
                resultado_incerto, ..
            }
            | Self::RespostaNaoReconhecida {
                resultado_incerto, ..
            } => *resultado_incerto,
            _ => false,
        }
    }

    /// The HTTP status of the answer, when there was one (also for an answer too large to
    /// read; for [`Erro::Token`], the token request's).
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Http { status, .. }
            | Self::Gateway { status, .. }
            | Self::Negocio { status, .. }
            | Self::RespostaInvalida { status, .. }
            | Self::RespostaNaoReconhecida { status, .. }
            | Self::Transporte {
                fonte: HttpError::ResponseTooLarge { status, .. },
                ..
            } => Some(*status),
            Self::Token { fonte, .. } => fonte.status(),
            _ => None,
        }
    }

    /// The attempts made, where known: a transport error's (zero when nothing was sent) and an
    /// HTTP answer's (the last attempt got the answer); for [`Erro::Token`], the token
    /// request's.
    pub fn tentativas(&self) -> Option<u32> {
        match self {
            Self::Transporte { fonte, .. } => Some(fonte.attempts()),
            Self::Http { tentativas, .. }
            | Self::Gateway { tentativas, .. }
            | Self::Negocio { tentativas, .. } => Some(*tentativas),
            Self::Token { fonte, .. } => fonte.tentativas(),
            _ => None,
        }
    }

    /// The `Retry-After` of an HTTP error answer, as a duration, when the server sent a
    /// readable one (delta-seconds or HTTP-date, read by
    /// [`renave_http::retry::parse_retry_after`]).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Http { retry_after, .. } | Self::Gateway { retry_after, .. } => *retry_after,
            Self::Token { fonte, .. } => fonte.retry_after(),
            _ => None,
        }
    }

    /// The service's code: `codigo_retorno`, else the WSO2 gateway's `code` (CPFs masked: a
    /// real code is never changed by masking).
    pub fn codigo(&self) -> Option<&str> {
        self.codigo_retorno().or(self.codigo_gateway())
    }

    /// The CET-MG `codigo_retorno` of the answer, when it had one, to compare with the codes
    /// of the regulation (`"101"`, `"501"`…).
    pub fn codigo_retorno(&self) -> Option<&str> {
        match self {
            Self::Negocio { codigo_retorno, .. } => Some(codigo_retorno),
            Self::Http { codigo_retorno, .. } => codigo_retorno.as_deref(),
            Self::Token { fonte, .. } => fonte.codigo_retorno(),
            _ => None,
        }
    }

    /// The WSO2 gateway code (`"900901"`…), for [`Erro::Gateway`] (or an [`Erro::Token`]
    /// whose token request the gateway refused).
    pub fn codigo_gateway(&self) -> Option<&str> {
        match self {
            Self::Gateway { codigo, .. } => codigo.as_deref(),
            Self::Token { fonte, .. } => fonte.codigo_gateway(),
            _ => None,
        }
    }

    /// The message the server gave for the end user (`mensagem_retorno`, `mensagem`, or the
    /// gateway's `description`/`message`), when there is one, CPFs masked. The regulation asks
    /// that every answer be shown on screen (R §6.2.2).
    pub fn mensagem_usuario(&self) -> Option<&str> {
        match self {
            Self::Negocio { mensagem, .. } | Self::Http { mensagem, .. } => mensagem.as_deref(),
            Self::Gateway {
                mensagem,
                descricao,
                ..
            } => descricao.as_deref().or(mensagem.as_deref()),
            Self::Token { fonte, .. } => fonte.mensagem_usuario(),
            _ => None,
        }
    }

    /// The error of the `gerar_token` request, for [`Erro::Token`].
    pub fn falha_token(&self) -> Option<&Erro> {
        match self {
            Self::Token { fonte, .. } => Some(fonte),
            _ => None,
        }
    }

    /// Whether nothing was sent because the input was refused.
    pub fn is_entrada_invalida(&self) -> bool {
        matches!(
            self,
            Self::EntradaInvalida { .. } | Self::DocumentosFaltantes { .. }
        )
    }

    /// Whether the service refused the request on a business rule (a `codigo_retorno` other
    /// than `"000"`, *erro de negócio*).
    pub fn is_negocio(&self) -> bool {
        matches!(self, Self::Negocio { .. })
    }
}

impl fmt::Debug for Erro {
    /// Like a derived `Debug` (server texts were masked when the error was built; the
    /// causes are masked here too).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EntradaInvalida {
                operacao,
                campo,
                motivo,
                fonte,
            } => f
                .debug_struct("EntradaInvalida")
                .field("operacao", operacao)
                .field("campo", campo)
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
            Self::Transporte { operacao, fonte } => f
                .debug_struct("Transporte")
                .field("operacao", operacao)
                .field("fonte", &SemCpf(fonte))
                .finish(),
            Self::Token { operacao, fonte } => f
                .debug_struct("Token")
                .field("operacao", operacao)
                .field("fonte", fonte)
                .finish(),
            Self::Gateway {
                operacao,
                status,
                codigo,
                mensagem,
                descricao,
                tentativas,
                retry_after,
                resultado_incerto,
            } => f
                .debug_struct("Gateway")
                .field("operacao", operacao)
                .field("status", status)
                .field("codigo", codigo)
                .field("mensagem", mensagem)
                .field("descricao", descricao)
                .field("tentativas", tentativas)
                .field("retry_after", &retry_after.map(Duracao))
                .field("resultado_incerto", resultado_incerto)
                .finish(),
            Self::Http {
                operacao,
                status,
                codigo_retorno,
                mensagem,
                tentativas,
                retry_after,
                trecho,
                resultado_incerto,
            } => f
                .debug_struct("Http")
                .field("operacao", operacao)
                .field("status", status)
                .field("codigo_retorno", codigo_retorno)
                .field("mensagem", mensagem)
                .field("tentativas", tentativas)
                .field("retry_after", &retry_after.map(Duracao))
                .field("trecho", trecho)
                .field("resultado_incerto", resultado_incerto)
                .finish(),
            Self::Negocio {
                operacao,
                status,
                codigo_retorno,
                mensagem,
                tentativas,
            } => f
                .debug_struct("Negocio")
                .field("operacao", operacao)
                .field("status", status)
                .field("codigo_retorno", codigo_retorno)
                .field("mensagem", mensagem)
                .field("tentativas", tentativas)
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
                .field("trecho", trecho)
                .field("fonte", &SemCpf(fonte))
                .finish(),
            Self::RespostaNaoReconhecida {
                operacao,
                status,
                motivo,
                trecho,
                resultado_incerto,
            } => f
                .debug_struct("RespostaNaoReconhecida")
                .field("operacao", operacao)
                .field("status", status)
                .field("motivo", motivo)
                .field("trecho", trecho)
                .field("resultado_incerto", resultado_incerto)
                .finish(),
            Self::Documento { motivo, fonte } => f
                .debug_struct("Documento")
                .field("motivo", motivo)
                .field("fonte", fonte)
                .finish(),
            Self::ArmazenamentoToken { operacao, fonte } => f
                .debug_struct("ArmazenamentoToken")
                .field("operacao", operacao)
                .field("fonte", fonte)
                .finish(),
            Self::ArmazenamentoTokenSemResposta { operacao, prazo } => f
                .debug_struct("ArmazenamentoTokenSemResposta")
                .field("operacao", operacao)
                .field("prazo", prazo)
                .finish(),
            Self::Diario { operacao, fonte } => f
                .debug_struct("Diario")
                .field("operacao", operacao)
                .field("fonte", fonte)
                .finish(),
            Self::NaoImplementado { operacao } => f
                .debug_struct("NaoImplementado")
                .field("operacao", operacao)
                .finish(),
        }
    }
}
