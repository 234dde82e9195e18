//! The crate's one error type, [`Erro`] (decision D7).
//!
//! It separates what a caller must handle differently:
//!
//! * [`EntradaInvalida`](Erro::EntradaInvalida) — the input broke a rule; **nothing was
//!   sent**;
//! * [`Transporte`](Erro::Transporte) — no usable answer (connect failure, timeout,
//!   broken exchange): for a state-changing operation the outcome is **unknown**
//!   ([`resultado_incerto`](Erro::resultado_incerto)), recover with
//!   [`recuperar_estoque_por_chassi`](crate::helpers::recuperar_estoque_por_chassi) instead of
//!   resending (decision D6, `renave-ws.md` §7.6);
//! * [`Http`](Erro::Http) — the service answered with an HTTP error status; the
//!   SERPRO error body (`titulo`, `detalhe`, `mensagemParaUsuarioFinal`,
//!   `logIdRastreabilidade`, `dataHora`, `renave-ws.md` §2) is read into an [`ErroServico`]
//!   when present and the body kept (capped) in every case, HTML from a proxy and empty 401s
//!   included;
//! * [`Negocio`](Erro::Negocio) — HTTP 422, a business rule refused the request (*erro
//!   de negócio*), with the same [`ErroServico`];
//! * [`RespostaNaoReconhecida`](Erro::RespostaNaoReconhecida) — a 2xx the SDK does not
//!   recognise as the contract's answer: an empty body or one that is not JSON where an
//!   answer is expected, or an object none of whose fields the answer type models (decision
//!   D11: never a success; for a state-changing request the outcome is unknown);
//! * [`RespostaInvalida`](Erro::RespostaInvalida) — a 2xx whose body could not be
//!   decoded (status plus a capped snippet);
//! * [`Documento`](Erro::Documento) — a base64 document of an answer that does not
//!   decode, or is not the PDF the regulation demands;
//! * [`Identidade`](Erro::Identidade) and [`Configuracao`](Erro::Configuracao)
//!   — the client could not be built;
//! * [`NaoLocalizado`](Erro::NaoLocalizado) and
//!   [`PrazoEsgotado`](Erro::PrazoEsgotado) — a recovery or polling helper did not find
//!   what it looked for;
//! * [`NaoImplementado`](Erro::NaoImplementado) — a test double of a Renave-WS trait
//!   does not implement the operation called; **nothing was sent**.
//!
//! # One vocabulary in both clients
//!
//! The errors of `renave-mg-client` (`Erro`) and `renave-ws-client` (`Erro`) have the
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
//! Renave-WS specific: [`servico`](Erro::servico) (the SERPRO error body),
//! [`is_autenticacao`](Erro::is_autenticacao),
//! [`is_nao_encontrado`](Erro::is_nao_encontrado). SERPRO answers carry no service code.

use std::fmt;
use std::time::{Duration, SystemTime};

pub(crate) use renave_http::exibicao::Status;
use renave_http::exibicao::{Duracao, Espera, uma_linha};
use renave_http::{BodySnippet, HttpError, HttpResponse, Idempotency};

/// The boxed cause kept behind [`std::error::Error::source`]: one name, defined once in
/// `renave-http` and shared by both clients.
pub use renave_http::CausaErro;

/// The error of every `renave-ws-client` operation (decision D7).
///
/// `Display` is one line with the operation, the HTTP status and its reason phrase, and the
/// service's title or message; it never holds a body, a path (paths carry CPFs), a password or
/// a key. See the [module docs](crate::erro) for the accessors both clients share.
///
/// ```
/// use renave_ws_client::Erro;
///
/// fn explicar(erro: &Erro) -> String {
///     if erro.resultado_incerto() {
///         "talvez executado: recupere pelo chassi".to_owned()
///     } else if let Some(msg) = erro.mensagem_usuario() {
///         msg.to_owned()
///     } else {
///         erro.to_string()
///     }
/// }
/// # let _ = explicar;
/// ```
#[non_exhaustive]
pub enum Erro {
    /// The input broke a rule of the API (e.g. `bairro` longer than 20 characters, a route
    /// parameter that cannot be a path segment): the request was **not sent** (*entrada
    /// inválida*).
    EntradaInvalida {
        /// The operation (or builder step) that refused the input.
        operacao: String,
        /// The field at fault, by its wire name when it has one.
        campo: String,
        /// What is wrong (never the value itself: it may be a CPF).
        motivo: String,
        /// The underlying error, when there is one (e.g. a `renave_domain::ErroDominio`).
        fonte: Option<CausaErro>,
    },
    /// The client could not be built (bad base URL, plain `http` without `permitir_http`, TLS…)
    /// (*configuração*).
    Configuracao {
        /// What is wrong.
        motivo: String,
        /// The cause.
        fonte: Option<CausaErro>,
    },
    /// The client certificate (PKCS#12 or PEM identity, decision D5) could not be loaded
    /// (*identidade*). The message names the file, never the password.
    Identidade {
        /// What is wrong (never the password).
        motivo: String,
        /// The cause.
        fonte: Option<CausaErro>,
    },
    /// No usable answer (*transporte*): connect failure, refused TLS handshake, timeout, broken
    /// exchange or an answer too large to read. See
    /// [`resultado_incerto`](Erro::resultado_incerto).
    ///
    /// `Display` is the request core's one-line message (which names the operation, the
    /// attempts and the outcome), plus the D6 recovery hint when the outcome is unknown;
    /// [`source()`](std::error::Error::source) is the core error's own cause, so no text is
    /// repeated along the chain. The core error itself is the field `fonte`.
    Transporte {
        /// The operation.
        operacao: String,
        /// The request core's error.
        fonte: HttpError,
    },
    /// The service answered with an HTTP error status other than 422 (`renave-ws.md` §2).
    Http {
        /// The operation.
        operacao: String,
        /// The HTTP status.
        status: u16,
        /// Attempts made (the last one got this answer).
        tentativas: u32,
        /// The `Retry-After` of the answer, when the service sent a readable one.
        retry_after: Option<Duration>,
        /// Whether the operation is state-changing and the answer leaves its outcome unknown
        /// (see [`resultado_incerto`](Erro::resultado_incerto)).
        resultado_incerto: bool,
        /// The SERPRO error body.
        servico: Box<ErroServico>,
    },
    /// HTTP 422: the service refused the request on a business rule (*erro de negócio*); show
    /// [`mensagem_usuario`](Erro::mensagem_usuario) to the end user.
    Negocio {
        /// The operation.
        operacao: String,
        /// The HTTP status (422).
        status: u16,
        /// Attempts made (the last one got this answer).
        tentativas: u32,
        /// The SERPRO error body.
        servico: Box<ErroServico>,
    },
    /// A success status whose body could not be decoded into the expected type (*resposta
    /// inválida*).
    RespostaInvalida {
        /// The operation.
        operacao: String,
        /// The HTTP status of the answer.
        status: u16,
        /// What could not be decoded (the decoder's own message is the source).
        motivo: String,
        /// A capped snippet of the body, CPFs masked.
        trecho: BodySnippet,
        /// The decoder's error (its text masked; the `serde_json` error itself via
        /// [`ErroDecodificacao::json`]).
        fonte: Option<ErroDecodificacao>,
    },
    /// A success status whose answer the SDK does not recognise as the contract's (*resposta
    /// não reconhecida*, decision D11): an empty body or one that is not JSON where an answer
    /// is expected, or a JSON object none of whose fields the answer type models (the names
    /// differ from the SDK's). Never a success: for a state-changing request the outcome is
    /// unknown ([`resultado_incerto`](Erro::resultado_incerto)) — look it up, do not resend.
    RespostaNaoReconhecida {
        /// The operation.
        operacao: String,
        /// The HTTP status of the answer.
        status: u16,
        /// What was not recognised (field names only, never values).
        motivo: String,
        /// A capped snippet of the body, CPFs masked.
        trecho: BodySnippet,
        /// Whether the operation is state-changing (its outcome is then unknown).
        resultado_incerto: bool,
    },
    /// A base64 document of an answer does not decode, or is not a PDF where the regulation
    /// demands one (*documento*).
    Documento {
        /// The wire name of the field holding the document (e.g. `pdfAtpvBase64`).
        campo: &'static str,
        /// What is wrong.
        motivo: String,
        /// The decoder's error, when there is one.
        fonte: Option<CausaErro>,
    },
    /// A recovery helper could not find what it looks for (e.g. the new stock created by a
    /// saída cancellation, `renave-ws.md` §4 E17): the service answered, but neither the answer
    /// nor the lookup holds it (*não localizado*).
    NaoLocalizado {
        /// The operation or helper.
        operacao: String,
        /// What was not found.
        motivo: String,
    },
    /// [`aguardar_estado`](crate::helpers::aguardar_estado) reached its deadline before the
    /// stock (*estoque*) reached the target state (`renave-ws.md` §7.1 step 6) (*prazo
    /// esgotado*).
    PrazoEsgotado {
        /// The stock polled.
        id_estoque: i64,
        /// The deadline given.
        prazo: Duration,
        /// The last state seen (`"?"` if none was read).
        ultimo_estado: String,
    },
    /// The journal store ([`Diario`](renave_http::diario::Diario), the builder's `diario`
    /// option) could not record the intent of a state-changing operation (*diário*): **nothing
    /// was sent**, and sending again later is safe.
    Diario {
        /// The operation.
        operacao: String,
        /// The store's error.
        fonte: renave_http::diario::ErroDiario,
    },
    /// A test double of a Renave-WS trait ([`RenaveWsUsados`](crate::RenaveWsUsados)…) was
    /// called for an operation it does not implement (*não implementado*): the default body
    /// of every trait method. Nothing was sent.
    NaoImplementado {
        /// The operation.
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

/// The D6 recovery hint of an error whose outcome is unknown.
const DICA_RECUPERACAO: &str = " — do not resend: look the result up (e.g. the stock by chassi)";

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
                "invalid input for `{operacao}`, not sent: {campo}: {}",
                uma_linha(motivo)
            ),
            Self::Configuracao { motivo, .. } => {
                write!(f, "client configuration: {}", uma_linha(motivo))
            }
            Self::Diario { operacao, fonte } => write!(
                f,
                "`{operacao}`: the journal could not record the intent, not sent: {}",
                uma_linha(&fonte.motivo)
            ),
            Self::Identidade { motivo, .. } => {
                write!(f, "client certificate: {}", uma_linha(motivo))
            }
            Self::Transporte { fonte, .. } => {
                write!(f, "{fonte}")?;
                if fonte.outcome_unknown() {
                    f.write_str(DICA_RECUPERACAO)?;
                }
                Ok(())
            }
            Self::Http {
                operacao,
                status,
                tentativas,
                retry_after,
                resultado_incerto,
                servico,
                ..
            } => {
                write!(
                    f,
                    "`{operacao}`: {}{servico}{}",
                    Status(*status),
                    Espera {
                        status: *status,
                        tentativas: *tentativas,
                        retry_after: *retry_after,
                    }
                )?;
                if *resultado_incerto {
                    write!(
                        f,
                        " — OUTCOME UNKNOWN: the request may have executed{DICA_RECUPERACAO}"
                    )?;
                }
                Ok(())
            }
            Self::Negocio {
                operacao,
                status,
                servico,
                ..
            } => write!(
                f,
                "`{operacao}`: refused by Renave-WS, {}{servico}",
                Status(*status)
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
            } => {
                write!(
                    f,
                    "`{operacao}`: answer not recognised ({}), not a success: {}",
                    Status(*status),
                    uma_linha(motivo)
                )?;
                if *resultado_incerto {
                    f.write_str(" (OUTCOME UNKNOWN: the request may have executed)")?;
                }
                Ok(())
            }
            Self::Documento { campo, motivo, .. } => {
                write!(f, "document `{campo}`: {}", uma_linha(motivo))
            }
            Self::NaoLocalizado { operacao, motivo } => {
                write!(f, "`{operacao}`: {}", uma_linha(motivo))
            }
            Self::PrazoEsgotado {
                id_estoque,
                prazo,
                ultimo_estado,
            } => write!(
                f,
                "stock {id_estoque} did not reach the expected state within {prazo:?} (last state: {})",
                uma_linha(ultimo_estado)
            ),
            Self::NaoImplementado { operacao } => write!(
                f,
                "`{operacao}`: not implemented by this test double (nothing was sent)"
            ),
        }
    }
}

impl std::error::Error for Erro {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::EntradaInvalida { fonte, .. }
            | Self::Configuracao { fonte, .. }
            | Self::Identidade { fonte, .. }
            | Self::Documento { fonte, .. } => fonte
                .as_deref()
                .map(|e| e as &(dyn std::error::Error + 'static)),
            // `Display` already shows the core error's text: its cause comes next.
            Self::Transporte { fonte, .. } => std::error::Error::source(fonte),
            Self::Diario { fonte, .. } => std::error::Error::source(fonte),
            Self::RespostaInvalida { fonte, .. } => fonte
                .as_ref()
                .map(|e| e as &(dyn std::error::Error + 'static)),
            Self::Http { .. }
            | Self::Negocio { .. }
            | Self::RespostaNaoReconhecida { .. }
            | Self::NaoLocalizado { .. }
            | Self::PrazoEsgotado { .. }
            | Self::NaoImplementado { .. } => None,
        }
    }
}

impl Erro {
    /// An [`EntradaInvalida`](Erro::EntradaInvalida) error.
    pub(crate) fn entrada(
        operacao: impl Into<String>,
        campo: impl Into<String>,
        motivo: impl Into<String>,
    ) -> Self {
        Self::EntradaInvalida {
            operacao: operacao.into(),
            campo: campo.into(),
            motivo: motivo.into(),
            fonte: None,
        }
    }

    /// A [`Configuracao`](Erro::Configuracao) error without a cause.
    pub(crate) fn configuracao(motivo: impl Into<String>) -> Self {
        Self::Configuracao {
            motivo: motivo.into(),
            fonte: None,
        }
    }

    /// A [`Identidade`](Erro::Identidade) error.
    pub(crate) fn identidade(motivo: impl Into<String>, fonte: Option<CausaErro>) -> Self {
        Self::Identidade {
            motivo: motivo.into(),
            fonte,
        }
    }

    /// The error of a non-2xx answer of `operacao`: [`Negocio`](Self::Negocio) for a 422,
    /// [`Http`](Self::Http) otherwise; the SERPRO body read (CPFs masked), the attempts and the
    /// `Retry-After` taken from the answer.
    pub(crate) fn de_resposta(
        operacao: &str,
        idempotencia: Idempotency,
        resposta: &HttpResponse,
        max_trecho: usize,
    ) -> Self {
        let status = resposta.status();
        let servico = Box::new(ErroServico::ler(resposta.body(), max_trecho));
        let tentativas = resposta.attempts();
        if status == 422 {
            return Self::Negocio {
                operacao: operacao.to_owned(),
                status,
                tentativas,
                servico,
            };
        }
        Self::Http {
            operacao: operacao.to_owned(),
            status,
            tentativas,
            retry_after: resposta
                .header("retry-after")
                .and_then(|v| renave_http::retry::parse_retry_after(v, SystemTime::now())),
            resultado_incerto: renave_http::retry::outcome_unknown(idempotencia, status),
            servico,
        }
    }

    /// The operation the caller called (none for configuration, identity, document and
    /// polling errors).
    pub fn operacao(&self) -> Option<&str> {
        match self {
            Self::EntradaInvalida { operacao, .. }
            | Self::Transporte { operacao, .. }
            | Self::Http { operacao, .. }
            | Self::Negocio { operacao, .. }
            | Self::RespostaInvalida { operacao, .. }
            | Self::RespostaNaoReconhecida { operacao, .. }
            | Self::NaoLocalizado { operacao, .. }
            | Self::Diario { operacao, .. }
            | Self::NaoImplementado { operacao } => Some(operacao),
            Self::Configuracao { .. }
            | Self::Identidade { .. }
            | Self::Documento { .. }
            | Self::PrazoEsgotado { .. } => None,
        }
    }

    /// Whether sending the same request again later could succeed **and** is safe (D6):
    /// transport failures that cannot have executed or belong to a read; HTTP 429 and 503
    /// (refused before processing), and 502/504 for reads only (a gateway timeout on a
    /// `POST` may hide an executed request); a polling deadline.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transporte { fonte, .. } => fonte.is_retryable(),
            Self::Http {
                status,
                resultado_incerto,
                ..
            } => !*resultado_incerto && matches!(status, 429 | 502 | 503 | 504),
            Self::PrazoEsgotado { .. } => true,
            Self::EntradaInvalida { .. }
            | Self::Negocio { .. }
            | Self::NaoLocalizado { .. }
            | Self::RespostaInvalida { .. }
            | Self::RespostaNaoReconhecida { .. }
            | Self::Documento { .. }
            | Self::Identidade { .. }
            | Self::Configuracao { .. }
            | Self::Diario { .. }
            | Self::NaoImplementado { .. } => false,
        }
    }

    /// Whether a **state-changing** request may have executed on the server although no
    /// answer says so: its outcome is then **unknown** — never resend blindly, look the result
    /// up (`renave-ws.md` §7.6). Never true for a read (an idempotent operation): it changed
    /// nothing and can simply be sent again.
    ///
    /// True for a transport failure of a state-changing request that may have reached the
    /// server (a timeout, a broken exchange, an answer too large to read:
    /// [`HttpError::outcome_unknown`]) and for an HTTP answer classified by the one rule of
    /// the request core, [`renave_http::retry::outcome_unknown`]: any 5xx but 503 to a
    /// state-changing request (SERPRO's 500 with `logIdRastreabilidade` can come after the
    /// stock was written; 503 is refused before processing; 501 is treated as unknown, fail
    /// closed). Also true for a 2xx answer of a state-changing request that the SDK does not
    /// recognise ([`RespostaNaoReconhecida`](Self::RespostaNaoReconhecida), decision D11). The
    /// message (`Display`) then says `OUTCOME UNKNOWN`.
    pub fn resultado_incerto(&self) -> bool {
        match self {
            Self::Transporte { fonte, .. } => fonte.outcome_unknown(),
            Self::Http {
                resultado_incerto, ..
            }
            | Self::RespostaNaoReconhecida {
                resultado_incerto, ..
            } => *resultado_incerto,
            _ => false,
        }
    }

    /// The HTTP status of the answer, when one arrived (also for an answer too large to read).
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Http { status, .. }
            | Self::Negocio { status, .. }
            | Self::RespostaInvalida { status, .. }
            | Self::RespostaNaoReconhecida { status, .. }
            | Self::Transporte {
                fonte: HttpError::ResponseTooLarge { status, .. },
                ..
            } => Some(*status),
            _ => None,
        }
    }

    /// The attempts made, where known: a transport error's (zero when nothing was sent) and an
    /// HTTP error answer's (the last attempt got the answer).
    pub fn tentativas(&self) -> Option<u32> {
        match self {
            Self::Transporte { fonte, .. } => Some(fonte.attempts()),
            Self::Http { tentativas, .. } | Self::Negocio { tentativas, .. } => Some(*tentativas),
            _ => None,
        }
    }

    /// The `Retry-After` of an HTTP error answer, as a duration, when the service sent a
    /// readable one (delta-seconds or HTTP-date, read by
    /// [`renave_http::retry::parse_retry_after`]).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Http { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The service's error body, for an HTTP error answer ([`Http`](Self::Http) or
    /// [`Negocio`](Self::Negocio)).
    pub fn servico(&self) -> Option<&ErroServico> {
        match self {
            Self::Http { servico, .. } | Self::Negocio { servico, .. } => Some(servico),
            _ => None,
        }
    }

    /// The message to show the end user (`mensagemParaUsuarioFinal`, which SERPRO says must
    /// be shown when present, else `detalhe`, else `titulo`; `renave-ws.md` §2), CPFs masked.
    pub fn mensagem_usuario(&self) -> Option<&str> {
        self.servico().and_then(ErroServico::mensagem_usuario)
    }

    /// Whether nothing was sent because the input was refused.
    pub fn is_entrada_invalida(&self) -> bool {
        matches!(self, Self::EntradaInvalida { .. })
    }

    /// Whether the service refused the request on a business rule (HTTP 422, *erro de
    /// negócio*).
    pub fn is_negocio(&self) -> bool {
        matches!(self, Self::Negocio { .. })
    }

    /// Whether the client is not authenticated or not allowed (HTTP 401/403: certificate
    /// missing, unknown or not credentialed in Credencia).
    pub fn is_autenticacao(&self) -> bool {
        matches!(self.status(), Some(401 | 403))
    }

    /// Whether the service said the resource does not exist (HTTP 404).
    pub fn is_nao_encontrado(&self) -> bool {
        self.status() == Some(404)
    }
}

impl From<HttpError> for Erro {
    fn from(fonte: HttpError) -> Self {
        Self::Transporte {
            operacao: fonte.operation().unwrap_or_default().to_owned(),
            fonte,
        }
    }
}

/// The error body of a Renave-WS HTTP error answer (`renave-ws.md` §2): the fields of the
/// SERPRO error body when it has them, and a capped snippet of the raw body in every case.
///
/// 401/403 come from the security layer in Spring Boot's default shape (`error`, `message`,
/// `path`, `status`, `timestamp`) or empty; those fields are read too.
///
/// Every field has what may be a CPF masked when the error is built (`mensagemParaUsuarioFinal`
/// must be shown to the end user, `logIdRastreabilidade` given to SERPRO support: masking
/// leaves both unchanged unless the service echoed personal data into them), so each is safe
/// to print on its own.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ErroServico {
    /// `titulo` — short title.
    pub titulo: Option<String>,
    /// `detalhe` — technical detail.
    pub detalhe: Option<String>,
    /// `mensagemParaUsuarioFinal` — must be shown to the end user when present (most common
    /// with 422).
    pub mensagem_para_usuario_final: Option<String>,
    /// `logIdRastreabilidade` — give it to SERPRO support (sent with 500).
    pub log_id_rastreabilidade: Option<String>,
    /// `dataHora` — as sent (naive Brasília date-time text).
    pub data_hora: Option<String>,
    /// Spring's `error` (401/403 bodies).
    pub erro_framework: Option<String>,
    /// Spring's `message` (e.g. `"No message available"` for a CNPJ not credentialed).
    pub mensagem_framework: Option<String>,
    /// A capped snippet of the raw body (HTML pages and empty bodies included).
    pub trecho: BodySnippet,
}

/// One field of the error body, read on its own so that a field of an unexpected type does
/// not lose the others: a string as is; a number or boolean as its text; an object or array
/// as compact JSON; `null` or missing as `None`.
fn campo_texto(corpo: &serde_json::Map<String, serde_json::Value>, nome: &str) -> Option<String> {
    match corpo.get(nome)? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        outro => Some(outro.to_string()),
    }
}

/// [`ocultar_cpfs`] on an owned text.
pub(crate) fn ocultar(texto: String) -> String {
    match ocultar_cpfs(&texto) {
        std::borrow::Cow::Borrowed(_) => texto,
        std::borrow::Cow::Owned(s) => s,
    }
}

/// A capped snippet of `corpo` with its CPFs masked, masked before it is cut (a CPF the cap
/// splits is still masked: [`CPF_MAIS_LONGO`](renave_domain::privacidade::CPF_MAIS_LONGO)).
pub(crate) fn trecho(corpo: &[u8], max: usize) -> BodySnippet {
    BodySnippet::from_bytes_masked(
        corpo,
        max,
        renave_domain::privacidade::CPF_MAIS_LONGO,
        ocultar_cpfs,
    )
}

impl ErroServico {
    /// Reads an error body: the SERPRO fields when the body is a JSON object (each field read
    /// leniently on its own, see `campo_texto`), the snippet always; CPFs masked.
    pub(crate) fn ler(corpo: &[u8], max_trecho: usize) -> Self {
        let campos = match serde_json::from_slice::<serde_json::Value>(corpo) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        };
        let campo = |nome: &str| nao_vazio(campo_texto(&campos, nome)).map(ocultar);
        Self {
            titulo: campo("titulo"),
            detalhe: campo("detalhe"),
            mensagem_para_usuario_final: campo("mensagemParaUsuarioFinal"),
            log_id_rastreabilidade: campo("logIdRastreabilidade"),
            data_hora: campo("dataHora"),
            erro_framework: campo("error"),
            mensagem_framework: campo("message"),
            trecho: trecho(corpo, max_trecho),
        }
    }

    /// The message for the end user: `mensagemParaUsuarioFinal`, else `detalhe`, else
    /// `titulo`, else Spring's `message`.
    pub fn mensagem_usuario(&self) -> Option<&str> {
        self.mensagem_para_usuario_final
            .as_deref()
            .or(self.detalhe.as_deref())
            .or(self.titulo.as_deref())
            .or(self.mensagem_framework.as_deref())
    }
}

fn nao_vazio(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

impl fmt::Display for ErroServico {
    /// What the body says, on one line, starting with `": "` when it says anything: the title,
    /// the message for the end user (else the detail, else Spring's `message`) and
    /// `logIdRastreabilidade`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(t) = &self.titulo {
            write!(f, ": {}", uma_linha(t))?;
        }
        if let Some(m) = self
            .mensagem_para_usuario_final
            .as_ref()
            .or(self.detalhe.as_ref())
        {
            write!(f, " — {}", uma_linha(m))?;
        } else if self.titulo.is_none() {
            if let Some(m) = &self.mensagem_framework {
                write!(f, ": {}", uma_linha(m))?;
            }
        }
        if let Some(id) = &self.log_id_rastreabilidade {
            write!(f, " (logIdRastreabilidade {})", uma_linha(id))?;
        }
        Ok(())
    }
}

impl fmt::Debug for Erro {
    /// Like a derived `Debug` (server texts were masked when the error was built; the
    /// transport error's causes are masked here too).
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
            Self::Configuracao { motivo, fonte } => f
                .debug_struct("Configuracao")
                .field("motivo", motivo)
                .field("fonte", fonte)
                .finish(),
            Self::Identidade { motivo, fonte } => f
                .debug_struct("Identidade")
                .field("motivo", motivo)
                .field("fonte", fonte)
                .finish(),
            Self::Transporte { operacao, fonte } => f
                .debug_struct("Transporte")
                .field("operacao", operacao)
                .field("fonte", &renave_domain::privacidade::SemCpf(fonte))
                .finish(),
            Self::Http {
                operacao,
                status,
                tentativas,
                retry_after,
                resultado_incerto,
                servico,
            } => f
                .debug_struct("Http")
                .field("operacao", operacao)
                .field("status", status)
                .field("tentativas", tentativas)
                // As `Display` shows it: never a long run of digits (see `Duracao`).
                .field("retry_after", &retry_after.map(Duracao))
                .field("resultado_incerto", resultado_incerto)
                .field("servico", servico)
                .finish(),
            Self::Negocio {
                operacao,
                status,
                tentativas,
                servico,
            } => f
                .debug_struct("Negocio")
                .field("operacao", operacao)
                .field("status", status)
                .field("tentativas", tentativas)
                .field("servico", servico)
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
                .field("motivo", motivo)
                .field("trecho", trecho)
                .field("fonte", fonte)
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
            Self::Documento {
                campo,
                motivo,
                fonte,
            } => f
                .debug_struct("Documento")
                .field("campo", campo)
                .field("motivo", motivo)
                .field("fonte", fonte)
                .finish(),
            Self::NaoLocalizado { operacao, motivo } => f
                .debug_struct("NaoLocalizado")
                .field("operacao", operacao)
                .field("motivo", motivo)
                .finish(),
            Self::PrazoEsgotado {
                id_estoque,
                prazo,
                ultimo_estado,
            } => f
                .debug_struct("PrazoEsgotado")
                .field("id_estoque", id_estoque)
                .field("prazo", prazo)
                .field("ultimo_estado", ultimo_estado)
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

/// The JSON decoder's error behind [`Erro::RespostaInvalida`] (an undecodable answer,
/// decision D7). serde quotes refused values in its message ("invalid type: string
/// \"52998224725\"…"), so `Display` and `Debug` mask what may be a CPF in it (see
/// [`ocultar_cpfs`]) — walking the error chain into a log writes no full CPF;
/// [`json`](Self::json) gives the decoder's error itself (line, column, category).
pub struct ErroDecodificacao(serde_json::Error);

impl ErroDecodificacao {
    pub(crate) fn new(e: serde_json::Error) -> Self {
        Self(e)
    }

    /// The `serde_json` error, unmasked.
    pub fn json(&self) -> &serde_json::Error {
        &self.0
    }
}

impl fmt::Display for ErroDecodificacao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&ocultar_cpfs(&self.0.to_string()))
    }
}

impl fmt::Debug for ErroDecodificacao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ErroDecodificacao")
            .field(&ocultar_cpfs(&self.0.to_string()))
            .finish()
    }
}

impl std::error::Error for ErroDecodificacao {}

/// Masks what may be a CPF (personal data under the LGPD) in text the service wrote (the error
/// messages and bodies of `renave-ws.md` §2), keeping its last two digits: the one masking
/// function both clients share, re-exported from [`renave_domain::privacidade`]. The errors
/// apply it to every server text when they are built (the error of
/// [`RespostaBruta::json`](crate::RespostaBruta::json) included; that type's `Debug` shows the
/// body's size only).
///
/// ```
/// use renave_ws_client::erro::ocultar_cpfs;
///
/// assert_eq!(
///     ocultar_cpfs("CPF 52998224725 / 529.982.247-25, CNPJ 11222333000181"),
///     "CPF *********25 / ***.***.***-25, CNPJ 11222333000181"
/// );
/// ```
pub use renave_domain::privacidade::ocultar_cpfs;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;

    use proptest::prelude::*;

    fn resposta(status: u16, corpo: &[u8]) -> HttpResponse {
        HttpResponse::from_parts(status, &[], corpo.to_vec()).unwrap()
    }

    fn erro(idempotencia: Idempotency, status: u16, corpo: &[u8]) -> Erro {
        Erro::de_resposta("op", idempotencia, &resposta(status, corpo), 64)
    }

    proptest! {
        /// Any body (binary, HTML, truncated JSON) is read without panic; Display stays one
        /// line and the snippet stays capped.
        #[test]
        fn qualquer_corpo_de_erro(corpo in proptest::collection::vec(any::<u8>(), 0..600), status in 400_u16..600) {
            let e = erro(Idempotency::Idempotent, status, &corpo);
            let texto = e.to_string();
            prop_assert!(!texto.contains('\n'));
            prop_assert!(texto.contains(&status.to_string()));
            prop_assert!(e.servico().unwrap().trecho.as_str().chars().count() <= 64 + 1);
        }

        /// The SERPRO fields are read whatever their content, and multi-line texts are shown
        /// on one line.
        #[test]
        // Digits in the log id only in runs of at most four, each after a letter: eleven digits
        // (however punctuated) read as a CPF, and every CPF in a server text is masked,
        // `logIdRastreabilidade` included (LGPD).
        fn campos_serpro(titulo in ".{0,40}", detalhe in ".{0,80}", log in "([a-z]{1,2}[0-9]{0,4}-?){1,8}") {
            let corpo = serde_json::json!({
                "titulo": titulo, "detalhe": detalhe, "logIdRastreabilidade": log
            }).to_string();
            let e = erro(Idempotency::StateChanging, 500, corpo.as_bytes());
            let s = e.servico().unwrap();
            prop_assert_eq!(s.log_id_rastreabilidade.as_deref(), Some(log.as_str()));
            prop_assert_eq!(s.titulo.is_some(), !titulo.trim().is_empty());
            prop_assert!(!e.to_string().contains('\n'));
        }
    }

    /// One field of an unexpected type (`titulo: 123`, `detalhe: {...}`, `error: 401`) must not
    /// lose the others, `mensagemParaUsuarioFinal` above all: each field is read on its own.
    #[test]
    fn campo_de_tipo_inesperado_nao_perde_os_outros() {
        let corpo = serde_json::json!({
            "titulo": 123,
            "detalhe": {"codigo": "X1", "texto": "aninhado"},
            "mensagemParaUsuarioFinal": "Veículo já está em estoque.",
            "logIdRastreabilidade": "7f3e9c0a",
            "dataHora": ["2026", "09"],
            "error": 401,
            "message": true
        })
        .to_string();
        let s = ErroServico::ler(corpo.as_bytes(), 4096);
        assert_eq!(s.mensagem_usuario(), Some("Veículo já está em estoque."));
        assert_eq!(s.log_id_rastreabilidade.as_deref(), Some("7f3e9c0a"));
        assert_eq!(s.titulo.as_deref(), Some("123"));
        let detalhe = s.detalhe.as_deref().unwrap_or_default();
        assert!(
            detalhe.contains("aninhado") && detalhe.contains("X1"),
            "{detalhe}"
        );
        assert_eq!(s.data_hora.as_deref(), Some(r#"["2026","09"]"#));
        assert_eq!(s.erro_framework.as_deref(), Some("401"));
        assert_eq!(s.mensagem_framework.as_deref(), Some("true"));

        // `null` and blank texts are absent; a body that is not an object gives no fields.
        let nulos = br#"{"titulo": null, "detalhe": "  ", "mensagemParaUsuarioFinal": null}"#;
        let s = ErroServico::ler(nulos, 4096);
        assert!(s.titulo.is_none() && s.detalhe.is_none() && s.mensagem_usuario().is_none());
        let lista = br#"[{"titulo": "x"}]"#;
        let s = ErroServico::ler(lista, 4096);
        assert!(s.titulo.is_none() && s.trecho.as_str().contains("titulo"));
    }

    /// Any 5xx but 503 on a state-changing request may come after the server wrote (SERPRO's
    /// 500 with `logIdRastreabilidade` on E3 included): outcome unknown (`renave-ws.md` §7.6).
    /// 503 is refused before processing; a read is never "unknown".
    #[test]
    fn qualquer_5xx_exceto_503_num_post_e_resultado_incerto() {
        let post = Idempotency::StateChanging;
        for status in [500, 501, 502, 504, 505, 507, 599] {
            assert!(erro(post, status, b"").resultado_incerto(), "POST {status}");
            assert!(!erro(post, status, b"").is_retryable(), "POST {status}");
            assert!(
                !erro(Idempotency::Idempotent, status, b"").resultado_incerto(),
                "GET {status}"
            );
        }
        for status in [400, 404, 409, 422, 429, 503] {
            assert!(
                !erro(post, status, b"").resultado_incerto(),
                "POST {status}"
            );
        }
    }

    #[test]
    fn retry_e_resultado_incerto_por_status() {
        let ler = |i, s| erro(i, s, b"");
        let get = Idempotency::Idempotent;
        let post = Idempotency::StateChanging;
        assert!(ler(get, 503).is_retryable() && ler(post, 503).is_retryable());
        assert!(ler(get, 429).is_retryable() && ler(post, 429).is_retryable());
        assert!(ler(get, 504).is_retryable() && !ler(post, 504).is_retryable());
        assert!(ler(post, 504).resultado_incerto() && ler(post, 502).resultado_incerto());
        assert!(!ler(get, 502).resultado_incerto());
        assert!(!ler(post, 500).is_retryable() && !ler(post, 422).is_retryable());
        assert!(ler(post, 422).is_negocio() && ler(get, 401).is_autenticacao());
        assert!(ler(get, 403).is_autenticacao() && ler(get, 404).is_nao_encontrado());
    }
}
