//! The crate's one error type, [`ErroRenaveWs`] (decision D7).
//!
//! It separates what a caller must handle differently:
//!
//! * [`EntradaInvalida`](ErroRenaveWs::EntradaInvalida) — the input broke a rule; **nothing was
//!   sent**;
//! * [`Transporte`](ErroRenaveWs::Transporte) — no usable answer (connect failure, timeout,
//!   broken exchange): for a state-changing operation the outcome is **unknown**
//!   ([`resultado_desconhecido`](ErroRenaveWs::resultado_desconhecido)), recover with
//!   [`recuperar_estoque_por_chassi`](crate::helpers::recuperar_estoque_por_chassi) instead of
//!   resending (decision D6, `renave-ws.md` §7.6);
//! * [`Servico`](ErroRenaveWs::Servico) — the service answered with an HTTP error status; the
//!   SERPRO error body (`titulo`, `detalhe`, `mensagemParaUsuarioFinal`,
//!   `logIdRastreabilidade`, `dataHora`, `renave-ws.md` §2) is parsed when present and the raw
//!   body kept (capped) in every case, HTML from a proxy and empty 401s included;
//! * [`RespostaInvalida`](ErroRenaveWs::RespostaInvalida) — a 2xx whose body could not be
//!   decoded (status plus a capped snippet);
//! * [`Documento`](ErroRenaveWs::Documento) — a base64 document of an answer that does not
//!   decode, or is not the PDF the regulation demands;
//! * [`Identidade`](ErroRenaveWs::Identidade) and [`Configuracao`](ErroRenaveWs::Configuracao)
//!   — the client could not be built.

use std::fmt;
use std::time::Duration;

use renave_http::{BodySnippet, HttpError, Idempotency};

/// A boxed cause kept behind [`std::error::Error::source`].
pub type CausaErro = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The error of every `renave-ws-client` operation (decision D7).
///
/// `Display` is one line with the operation, the HTTP status and the service's title or
/// message; it never holds a body, a path (paths carry CPFs), a password or a key.
///
/// ```
/// use renave_ws_client::ErroRenaveWs;
///
/// fn explicar(erro: &ErroRenaveWs) -> String {
///     if erro.resultado_desconhecido() {
///         "talvez executado: recupere pelo chassi".to_owned()
///     } else if let Some(msg) = erro.mensagem_usuario() {
///         msg.to_owned()
///     } else {
///         erro.to_string()
///     }
/// }
/// # let _ = explicar;
/// ```
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum ErroRenaveWs {
    /// The input broke a rule of the API (e.g. `bairro` longer than 20 characters, a route
    /// parameter that cannot be a path segment): the request was **not sent**.
    #[error("invalid input for `{operacao}`, not sent: {campo}: {motivo}")]
    EntradaInvalida {
        /// The operation (or builder step) that refused the input.
        operacao: String,
        /// The field at fault, by its wire name when it has one.
        campo: String,
        /// What is wrong.
        motivo: String,
        /// The underlying error, when there is one (e.g. a `renave_domain::ErroDominio`).
        #[source]
        source: Option<CausaErro>,
    },
    /// No usable answer: connect failure, timeout or broken exchange. See
    /// [`resultado_desconhecido`](ErroRenaveWs::resultado_desconhecido).
    #[error("{}", DisplayTransporte(.0))]
    Transporte(#[source] HttpError),
    /// The service answered with an HTTP error status (`renave-ws.md` §2).
    #[error("{0}")]
    Servico(Box<ErroServico>),
    /// A success status whose body could not be decoded into the expected type.
    #[error("`{operacao}`: undecodable answer (HTTP {status}): {}", ocultar_cpfs(.motivo))]
    RespostaInvalida {
        /// The operation.
        operacao: String,
        /// The HTTP status of the answer.
        status: u16,
        /// Why it could not be decoded (serde's message, which may quote a value; `Display`
        /// and `Debug` mask what may be a CPF in it, see [`ocultar_cpfs`]).
        motivo: String,
        /// A capped snippet of the body, for diagnosis, as received (`Debug` masks what may
        /// be a CPF in it).
        corpo: BodySnippet,
        /// The decoder's error (its text masked like `motivo`; the `serde_json` error itself
        /// via [`ErroDecodificacao::json`]).
        #[source]
        source: Option<ErroDecodificacao>,
    },
    /// A base64 document of an answer does not decode, or is not a PDF where the regulation
    /// demands one.
    #[error("document `{campo}`: {motivo}")]
    Documento {
        /// The wire name of the field holding the document (e.g. `pdfAtpvBase64`).
        campo: &'static str,
        /// What is wrong.
        motivo: String,
        /// The decoder's error, when there is one.
        #[source]
        source: Option<CausaErro>,
    },
    /// The client certificate (PKCS#12 or PEM identity, decision D5) could not be loaded.
    #[error("client certificate: {motivo}")]
    Identidade {
        /// What is wrong (never the password).
        motivo: String,
        /// The cause.
        #[source]
        source: Option<CausaErro>,
    },
    /// The client could not be built (bad base URL, plain `http` without `allow_http`, TLS…).
    #[error("client configuration: {motivo}")]
    Configuracao {
        /// What is wrong.
        motivo: String,
        /// The cause.
        #[source]
        source: Option<CausaErro>,
    },
    /// A recovery helper could not find what it looks for (e.g. the new stock created by a
    /// saída cancellation, `renave-ws.md` §4 E17): the service answered, but neither the answer
    /// nor the lookup holds it.
    #[error("`{operacao}`: {motivo}")]
    NaoLocalizado {
        /// The operation or helper.
        operacao: String,
        /// What was not found.
        motivo: String,
    },
    /// [`aguardar_estado`](crate::helpers::aguardar_estado) reached its deadline before the
    /// stock (*estoque*) reached the target state (`renave-ws.md` §7.1 step 6).
    #[error(
        "stock {id_estoque} did not reach the expected state within {prazo:?} (last state: {ultimo_estado})"
    )]
    PrazoEsgotado {
        /// The stock polled.
        id_estoque: i64,
        /// The deadline given.
        prazo: Duration,
        /// The last state seen (`"?"` if none was read).
        ultimo_estado: String,
    },
    /// A test double of a Renave-WS trait ([`RenaveWsUsados`](crate::RenaveWsUsados)…) was
    /// called for an operation it does not implement (*não implementado*): the default body
    /// of every trait method. Nothing was sent.
    #[error("`{operacao}`: not implemented by this test double (nothing was sent)")]
    NaoImplementado {
        /// The operation.
        operacao: String,
    },
}

impl renave_http::ErroNaoImplementado for ErroRenaveWs {
    fn nao_implementado(operacao: &'static str) -> Self {
        Self::NaoImplementado {
            operacao: operacao.to_owned(),
        }
    }
}

/// The D6 recovery hint of an error whose outcome is unknown.
const DICA_RECUPERACAO: &str = " — do not resend: look the result up (e.g. the stock by chassi)";

/// Display helper for [`ErroRenaveWs::Transporte`]: the transport error plus, for a
/// state-changing operation that may have executed ([`HttpError::outcome_unknown`]), the D6
/// recovery hint. A read that timed out gets no hint: sending it again is safe.
struct DisplayTransporte<'a>(&'a HttpError);

impl fmt::Display for DisplayTransporte<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        if self.0.outcome_unknown() {
            f.write_str(DICA_RECUPERACAO)?;
        }
        Ok(())
    }
}

impl ErroRenaveWs {
    /// An [`EntradaInvalida`](ErroRenaveWs::EntradaInvalida) error.
    pub(crate) fn entrada(
        operacao: impl Into<String>,
        campo: impl Into<String>,
        motivo: impl Into<String>,
    ) -> Self {
        Self::EntradaInvalida {
            operacao: operacao.into(),
            campo: campo.into(),
            motivo: motivo.into(),
            source: None,
        }
    }

    /// A [`Configuracao`](ErroRenaveWs::Configuracao) error without a cause.
    pub(crate) fn configuracao(motivo: impl Into<String>) -> Self {
        Self::Configuracao {
            motivo: motivo.into(),
            source: None,
        }
    }

    /// A [`Identidade`](ErroRenaveWs::Identidade) error.
    pub(crate) fn identidade(motivo: impl Into<String>, source: Option<CausaErro>) -> Self {
        Self::Identidade {
            motivo: motivo.into(),
            source,
        }
    }

    /// Whether sending the same request again later could succeed **and** is safe (D6):
    /// transport failures that cannot have executed or belong to a read; HTTP 429 and 503
    /// (refused before processing), and 502/504 for reads only (a gateway timeout on a
    /// `POST` may hide an executed request).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transporte(e) => e.is_retryable(),
            Self::Servico(s) => s.is_retryable(),
            Self::PrazoEsgotado { .. } => true,
            Self::EntradaInvalida { .. }
            | Self::NaoLocalizado { .. }
            | Self::RespostaInvalida { .. }
            | Self::Documento { .. }
            | Self::Identidade { .. }
            | Self::Configuracao { .. }
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
    /// closed). The same semantics as the CET-MG client's `Erro::resultado_incerto`; the
    /// message (`Display`) then says `OUTCOME UNKNOWN`.
    pub fn resultado_desconhecido(&self) -> bool {
        match self {
            Self::Transporte(e) => e.outcome_unknown(),
            Self::Servico(s) => s.resultado_desconhecido(),
            _ => false,
        }
    }

    /// The HTTP status of the answer, when one arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Servico(s) => Some(s.status),
            Self::RespostaInvalida { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The service's error details, for an HTTP error answer.
    pub fn servico(&self) -> Option<&ErroServico> {
        match self {
            Self::Servico(s) => Some(s),
            _ => None,
        }
    }

    /// The message to show the end user (`mensagemParaUsuarioFinal`, which SERPRO says must
    /// be shown when present, else `detalhe`, else `titulo`; `renave-ws.md` §2).
    pub fn mensagem_usuario(&self) -> Option<&str> {
        self.servico().and_then(ErroServico::mensagem_usuario)
    }

    /// Whether the service refused the request on a business rule (HTTP 422, *erro de
    /// negócio*).
    pub fn is_negocio(&self) -> bool {
        self.status() == Some(422)
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

impl From<HttpError> for ErroRenaveWs {
    fn from(e: HttpError) -> Self {
        Self::Transporte(e)
    }
}

/// An HTTP error answer of Renave-WS (`renave-ws.md` §2): the status, the fields of the SERPRO
/// error body when it has them, and a capped copy of the raw body in every case.
///
/// 401/403 come from the security layer in Spring Boot's default shape (`error`, `message`,
/// `path`, `status`, `timestamp`) or empty; those fields are read too.
///
/// The fields hold the **raw** text as the service sent it (`mensagemParaUsuarioFinal` must be
/// shown to the end user, `logIdRastreabilidade` given to SERPRO support as is); a service that
/// echoes its input may have put personal data in any of them, so pass a field through
/// [`ocultar_cpfs`] before logging it on its own. `Display` and `Debug` mask what may be a CPF
/// in every text the service sent (each field, the `Retry-After` header and the body), so
/// that logging the error never writes a full CPF.
#[derive(Clone)]
#[non_exhaustive]
pub struct ErroServico {
    /// The operation name.
    pub operacao: String,
    /// The HTTP status.
    pub status: u16,
    /// Whether the operation was state-changing (decides [`is_retryable`](Self::is_retryable)).
    pub idempotencia: Idempotency,
    /// `titulo` — short title.
    pub titulo: Option<String>,
    /// `detalhe` — technical detail.
    pub detalhe: Option<String>,
    /// `mensagemParaUsuarioFinal` — must be shown to the end user when present (most common
    /// with 422).
    pub mensagem_para_usuario_final: Option<String>,
    /// `logIdRastreabilidade` — give it to SERPRO support (sent with 500). Raw, as sent;
    /// masked in `Display` and `Debug`.
    pub log_id_rastreabilidade: Option<String>,
    /// `dataHora` — raw, as sent (naive Brasília date-time text); masked in `Debug`.
    pub data_hora: Option<String>,
    /// Spring's `error` (401/403 bodies).
    pub erro_framework: Option<String>,
    /// Spring's `message` (e.g. `"No message available"` for a CNPJ not credentialed).
    pub mensagem_framework: Option<String>,
    /// A capped snippet of the raw body (HTML pages and empty bodies included).
    pub corpo: BodySnippet,
    /// `Retry-After` of the answer, when the service sent one: the raw header value, as sent
    /// (masked in `Debug`).
    pub retry_after: Option<String>,
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

impl ErroServico {
    /// Reads an error answer: the SERPRO fields when the body is a JSON object (each field
    /// read leniently on its own, see `campo_texto`), the raw snippet always.
    pub(crate) fn ler(
        operacao: &str,
        idempotencia: Idempotency,
        status: u16,
        corpo: &[u8],
        retry_after: Option<&str>,
        max_snippet: usize,
    ) -> Self {
        let campos = match serde_json::from_slice::<serde_json::Value>(corpo) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        };
        let campo = |nome: &str| nao_vazio(campo_texto(&campos, nome));
        Self {
            operacao: operacao.to_owned(),
            status,
            idempotencia,
            titulo: campo("titulo"),
            detalhe: campo("detalhe"),
            mensagem_para_usuario_final: campo("mensagemParaUsuarioFinal"),
            log_id_rastreabilidade: campo("logIdRastreabilidade"),
            data_hora: campo("dataHora"),
            erro_framework: campo("error"),
            mensagem_framework: campo("message"),
            corpo: BodySnippet::from_bytes(corpo, max_snippet),
            retry_after: retry_after.map(str::to_owned),
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

    /// Whether the outcome is unknown: a state-changing request answered with any 5xx but 503
    /// (the one rule of the request core, [`renave_http::retry::outcome_unknown`]; see
    /// [`ErroRenaveWs::resultado_desconhecido`]).
    pub fn resultado_desconhecido(&self) -> bool {
        renave_http::retry::outcome_unknown(self.idempotencia, self.status)
    }

    /// Whether resending later is safe and could succeed (see [`ErroRenaveWs::is_retryable`]).
    pub fn is_retryable(&self) -> bool {
        match self.status {
            429 | 503 => true,
            502 | 504 => self.idempotencia == Idempotency::Idempotent,
            _ => false,
        }
    }

    /// A short description of the status, after the SERPRO help centre (`renave-ws.md` §2).
    pub fn descricao_status(&self) -> &'static str {
        match self.status {
            400 => "invalid request (requisição inválida)",
            401 => {
                "not authenticated (não autorizado): client certificate missing, unknown or not credentialed"
            }
            403 => "forbidden (proibido)",
            404 => "not found (não encontrado)",
            422 => "business error (erro de negócio)",
            500 => "server error (erro no servidor)",
            s if s >= 500 => "server or gateway error",
            _ => "HTTP error",
        }
    }
}

fn nao_vazio(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

impl fmt::Display for ErroServico {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}`: HTTP {} {}",
            self.operacao,
            self.status,
            self.descricao_status()
        )?;
        if let Some(t) = &self.titulo {
            write!(f, ": {}", ocultar_cpfs(&uma_linha(t)))?;
        }
        if let Some(m) = self
            .mensagem_para_usuario_final
            .as_ref()
            .or(self.detalhe.as_ref())
        {
            write!(f, " — {}", ocultar_cpfs(&uma_linha(m)))?;
        } else if self.titulo.is_none() {
            if let Some(m) = &self.mensagem_framework {
                write!(f, ": {}", ocultar_cpfs(&uma_linha(m)))?;
            }
        }
        if let Some(id) = &self.log_id_rastreabilidade {
            write!(
                f,
                " (logIdRastreabilidade {})",
                ocultar_cpfs(&uma_linha(id))
            )?;
        }
        if self.resultado_desconhecido() {
            write!(
                f,
                " — OUTCOME UNKNOWN: the request may have executed{DICA_RECUPERACAO}"
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for ErroServico {}

impl fmt::Debug for ErroServico {
    /// Every field, with what may be a CPF masked in every text the service sent (its fields,
    /// the `Retry-After` header, the body).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn oculto(t: Option<&String>) -> Option<std::borrow::Cow<'_, str>> {
            t.map(|t| ocultar_cpfs(t))
        }
        f.debug_struct("ErroServico")
            .field("operacao", &self.operacao)
            .field("status", &self.status)
            .field("idempotencia", &self.idempotencia)
            .field("titulo", &oculto(self.titulo.as_ref()))
            .field("detalhe", &oculto(self.detalhe.as_ref()))
            .field(
                "mensagem_para_usuario_final",
                &oculto(self.mensagem_para_usuario_final.as_ref()),
            )
            .field(
                "log_id_rastreabilidade",
                &oculto(self.log_id_rastreabilidade.as_ref()),
            )
            .field("data_hora", &oculto(self.data_hora.as_ref()))
            .field("erro_framework", &oculto(self.erro_framework.as_ref()))
            .field(
                "mensagem_framework",
                &oculto(self.mensagem_framework.as_ref()),
            )
            .field("corpo", &ocultar_cpfs(self.corpo.as_str()))
            .field("retry_after", &oculto(self.retry_after.as_ref()))
            .finish()
    }
}

impl fmt::Debug for ErroRenaveWs {
    /// Like a derived `Debug`, except that what may be a CPF in text the service sent (error
    /// fields, bodies, the decoder's message quoting a value) is masked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EntradaInvalida {
                operacao,
                campo,
                motivo,
                source,
            } => f
                .debug_struct("EntradaInvalida")
                .field("operacao", operacao)
                .field("campo", campo)
                .field("motivo", motivo)
                .field("source", source)
                .finish(),
            Self::Transporte(e) => f.debug_tuple("Transporte").field(e).finish(),
            Self::Servico(s) => f.debug_tuple("Servico").field(s).finish(),
            Self::RespostaInvalida {
                operacao,
                status,
                motivo,
                corpo,
                source,
            } => f
                .debug_struct("RespostaInvalida")
                .field("operacao", operacao)
                .field("status", status)
                .field("motivo", &ocultar_cpfs(motivo))
                .field("corpo", &ocultar_cpfs(corpo.as_str()))
                .field("source", source)
                .finish(),
            Self::Documento {
                campo,
                motivo,
                source,
            } => f
                .debug_struct("Documento")
                .field("campo", campo)
                .field("motivo", motivo)
                .field("source", source)
                .finish(),
            Self::Identidade { motivo, source } => f
                .debug_struct("Identidade")
                .field("motivo", motivo)
                .field("source", source)
                .finish(),
            Self::Configuracao { motivo, source } => f
                .debug_struct("Configuracao")
                .field("motivo", motivo)
                .field("source", source)
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
            Self::NaoImplementado { operacao } => f
                .debug_struct("NaoImplementado")
                .field("operacao", operacao)
                .finish(),
        }
    }
}

/// The JSON decoder's error behind [`ErroRenaveWs::RespostaInvalida`] (an undecodable answer,
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
/// function both clients share, re-exported from [`renave_domain::privacidade`]. Used by the
/// `Display` and `Debug` of the errors and of [`RespostaBruta`](crate::RespostaBruta).
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

/// Collapses line breaks so that `Display` stays one line.
fn uma_linha(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod testes {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any body (binary, HTML, truncated JSON) is read without panic; Display stays one
        /// line and the snippet stays capped.
        #[test]
        fn qualquer_corpo_de_erro(corpo in proptest::collection::vec(any::<u8>(), 0..600), status in 400_u16..600) {
            let e = ErroServico::ler("op", Idempotency::Idempotent, status, &corpo, None, 64);
            let texto = e.to_string();
            prop_assert!(!texto.contains('\n'));
            prop_assert!(texto.contains(&status.to_string()));
            prop_assert!(e.corpo.as_str().chars().count() <= 64 + 1);
        }

        /// The SERPRO fields are read whatever their content, and multi-line texts are shown
        /// on one line.
        #[test]
        fn campos_serpro(titulo in ".{0,40}", detalhe in ".{0,80}", log in "[a-z0-9-]{1,36}") {
            let corpo = serde_json::json!({
                "titulo": titulo, "detalhe": detalhe, "logIdRastreabilidade": log
            }).to_string();
            let e = ErroServico::ler("op", Idempotency::StateChanging, 500, corpo.as_bytes(), None, 4096);
            prop_assert_eq!(e.log_id_rastreabilidade.as_deref(), Some(log.as_str()));
            prop_assert_eq!(e.titulo.is_some(), !titulo.trim().is_empty());
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
        let s = ErroServico::ler(
            "op",
            Idempotency::StateChanging,
            422,
            corpo.as_bytes(),
            None,
            4096,
        );
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
        let s = ErroServico::ler("op", Idempotency::Idempotent, 400, nulos, None, 4096);
        assert!(s.titulo.is_none() && s.detalhe.is_none() && s.mensagem_usuario().is_none());
        let lista = br#"[{"titulo": "x"}]"#;
        let s = ErroServico::ler("op", Idempotency::Idempotent, 400, lista, None, 4096);
        assert!(s.titulo.is_none() && s.corpo.as_str().contains("titulo"));
    }

    /// Any 5xx but 503 on a state-changing request may come after the server wrote (SERPRO's
    /// 500 with `logIdRastreabilidade` on E3 included): outcome unknown (`renave-ws.md` §7.6).
    /// 503 is refused before processing; a read is never "unknown".
    #[test]
    fn qualquer_5xx_exceto_503_num_post_e_resultado_desconhecido() {
        let ler =
            |i, s| ErroRenaveWs::Servico(Box::new(ErroServico::ler("op", i, s, b"", None, 10)));
        let post = Idempotency::StateChanging;
        for status in [500, 501, 502, 504, 505, 507, 599] {
            assert!(ler(post, status).resultado_desconhecido(), "POST {status}");
            assert!(!ler(post, status).is_retryable(), "POST {status}");
            assert!(
                !ler(Idempotency::Idempotent, status).resultado_desconhecido(),
                "GET {status}"
            );
        }
        for status in [400, 404, 409, 422, 429, 503] {
            assert!(!ler(post, status).resultado_desconhecido(), "POST {status}");
        }
    }

    #[test]
    fn retry_e_resultado_desconhecido_por_status() {
        let ler =
            |i, s| ErroRenaveWs::Servico(Box::new(ErroServico::ler("op", i, s, b"", None, 10)));
        let get = Idempotency::Idempotent;
        let post = Idempotency::StateChanging;
        assert!(ler(get, 503).is_retryable() && ler(post, 503).is_retryable());
        assert!(ler(get, 429).is_retryable() && ler(post, 429).is_retryable());
        assert!(ler(get, 504).is_retryable() && !ler(post, 504).is_retryable());
        assert!(ler(post, 504).resultado_desconhecido() && ler(post, 502).resultado_desconhecido());
        assert!(!ler(get, 502).resultado_desconhecido());
        assert!(!ler(post, 500).is_retryable() && !ler(post, 422).is_retryable());
        assert!(ler(post, 422).is_negocio() && ler(get, 401).is_autenticacao());
        assert!(ler(get, 403).is_autenticacao() && ler(get, 404).is_nao_encontrado());
    }
}
