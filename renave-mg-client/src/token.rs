//! The CET-MG access token (*token JWT*, Regulamento Técnico CET-MG §5.1, Fig. 57–59; decision
//! D4): how a `gerar-token` answer is read, and where the token is kept.
//!
//! The client asks for a token with `consumer_key`/`consumer_secret`, sends it as
//! `Authorization: Bearer …`, renews it a few minutes before it expires (one renewal at a time,
//! however many tasks wait), keeps a still-valid token when a renewal fails, and renews once and
//! resends once when the gateway answers 401.
//!
//! A failed renewal is shared like a successful one: every caller that waited for it gets its
//! error (same variant, status, codes and messages), and callers without a valid token get that
//! error for a short pause afterwards instead of sending `gerar-token` again
//! ([`ClienteCetMgBuilder::pausa_apos_falha_token`](crate::ClienteCetMgBuilder::pausa_apos_falha_token)).
//!
//! Several processes can share one token through an [`ArmazenamentoToken`] (e.g. backed by
//! Redis); the default is [`ArmazenamentoTokenMemoria`].

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use base64::Engine as _;
use renave_http::{BodySnippet, HttpError, Idempotency, TimeoutKind};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use crate::erro::{CausaErro, Erro};
use crate::operacoes::autenticacao::GERAR_TOKEN;

/// Lifetime assumed when the answer gives no `expires_in` and the token has no `exp` claim:
/// 3600 s (R Fig. 57: "JWT válido por 60 minutos").
pub const VALIDADE_PADRAO: Duration = Duration::from_secs(3600);

/// Longest lifetime the client believes (one year): a larger `expires_in` or `exp` from the
/// server is capped, so a hostile or broken answer cannot overflow the expiry time.
pub(crate) const VALIDADE_MAXIMA: Duration = Duration::from_secs(365 * 24 * 3600);

/// A bearer token and when it expires (*token de acesso*).
///
/// `Debug` never shows the token. Cheap to clone: the value and its `Authorization: Bearer …`
/// header, built once per token (marked sensitive), are shared.
#[derive(Clone)]
pub struct TokenAcesso {
    segredo: Arc<Segredo>,
    expira_em: SystemTime,
    renovar_em: SystemTime,
}

/// The token's value and the header that carries it, built once.
struct Segredo {
    valor: SecretString,
    /// `Bearer …`, marked sensitive; `None` when the value cannot be a header value (the
    /// request then fails as an invalid request, nothing sent).
    cabecalho: Option<reqwest::header::HeaderValue>,
}

impl fmt::Debug for TokenAcesso {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenAcesso")
            .field("valor", &"[REDACTED]")
            .field("expira_em", &self.expira_em)
            .field("renovar_em", &self.renovar_em)
            .finish_non_exhaustive()
    }
}

impl TokenAcesso {
    /// A token valid until `expira_em`, to be renewed from `renovar_em` on.
    pub fn new(valor: SecretString, expira_em: SystemTime, renovar_em: SystemTime) -> Self {
        let cabecalho =
            reqwest::header::HeaderValue::try_from(format!("Bearer {}", valor.expose_secret()))
                .ok()
                .map(|mut c| {
                    c.set_sensitive(true);
                    c
                });
        Self {
            segredo: Arc::new(Segredo { valor, cabecalho }),
            expira_em,
            renovar_em: renovar_em.min(expira_em),
        }
    }

    /// The token itself (a JWT). Handle with care: it grants access to the API.
    pub fn valor(&self) -> &SecretString {
        &self.segredo.valor
    }

    /// The `Authorization` header value (`Bearer …`, marked sensitive), built once per token;
    /// `None` when the token cannot be sent in a header.
    pub(crate) fn cabecalho(&self) -> Option<&reqwest::header::HeaderValue> {
        self.segredo.cabecalho.as_ref()
    }

    /// When the token expires.
    pub fn expira_em(&self) -> SystemTime {
        self.expira_em
    }

    /// From when the client renews the token ahead of its expiry.
    pub fn renovar_em(&self) -> SystemTime {
        self.renovar_em
    }

    /// Whether the token is still accepted at `agora` (not yet expired).
    pub fn valido_em(&self, agora: SystemTime) -> bool {
        agora < self.expira_em
    }

    /// Whether the token is valid at `agora` and not yet due for renewal.
    pub fn fresco_em(&self, agora: SystemTime) -> bool {
        agora < self.renovar_em
    }

    /// Whether two tokens hold the same value.
    pub fn mesmo_valor(&self, outro: &TokenAcesso) -> bool {
        self.segredo.valor.expose_secret() == outro.segredo.valor.expose_secret()
    }
}

/// Where the client keeps its token, so several processes (or clients) can share one
/// (decision D4). Implementations must be cheap to call: the client reads the store before
/// every request.
///
/// # Deadlines
///
/// Every call the client makes to the store is bounded by the deadline of the operation it
/// serves ([`Timeouts::operation`](crate::Timeouts::operation)); a store that hangs never holds
/// an operation past it:
///
/// * [`get`](Self::get) when the client has no valid token in hand: a store that fails is
///   [`Erro::ArmazenamentoToken`], a store that does not answer before the deadline is
///   [`Erro::ArmazenamentoTokenSemResposta`]; either way nothing was sent. With a valid token
///   in hand (due for renewal), the client waits for the answer briefly (at most 500 ms, and a
///   quarter of the time left), then logs a WARN and goes on with that token.
/// * [`put`](Self::put) and [`invalidate`](Self::invalidate) never fail nor hold an operation:
///   each runs in a task of its own until the operation's deadline, and the operation waits for
///   it at most 500 ms (and a quarter of the time left) before going on with the token in hand.
///   A failure, or no answer by the deadline, is logged as a WARN (with the store's error, never
///   the token); the call is then dropped.
///
/// # Renewals
///
/// Within one client (and its clones) one renewal runs at a time, and its outcome is shared
/// without going through the store: the callers that waited for it get its token, or its error
/// (also given, without a new `gerar-token` request, to callers without a valid token for
/// [`ClienteCetMgBuilder::pausa_apos_falha_token`](crate::ClienteCetMgBuilder::pausa_apos_falha_token)
/// after a failure). A store that loses or is slow to keep a token therefore costs no extra
/// `gerar-token` request while that token is fresh. Separate processes share only what the
/// store holds.
///
/// ```
/// use renave_mg_client::{ArmazenamentoToken, ArmazenamentoTokenMemoria};
/// # async fn f() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
/// let store = ArmazenamentoTokenMemoria::default();
/// assert!(store.get().await?.is_none());
/// # Ok(()) }
/// ```
#[async_trait::async_trait]
pub trait ArmazenamentoToken: Send + Sync + fmt::Debug {
    /// The stored token, if any (expired or not: the client decides).
    async fn get(&self) -> Result<Option<TokenAcesso>, CausaErro>;
    /// Stores a freshly issued token, replacing any other.
    async fn put(&self, token: TokenAcesso) -> Result<(), CausaErro>;
    /// Forgets `rejeitado` after the gateway refused it (HTTP 401). Implementations should
    /// forget it only if it is still the stored token (another process may already have stored
    /// a newer one).
    async fn invalidate(&self, rejeitado: &TokenAcesso) -> Result<(), CausaErro>;

    /// Tries to take the store's renewal lock (*trava de renovação*) for at most `validade`,
    /// so that one process renews while the others wait for the token it stores (a
    /// cross-process single flight, decision D4).
    ///
    /// `Ok(Some(trava))`: this process may renew; the client stores the new token, then hands
    /// the lock back with [`liberar_renovacao`](Self::liberar_renovacao) (also after a failed
    /// renewal). `Ok(None)`: another process holds it; the client reads the store until that
    /// process's token appears or the lock is free, within its operation deadline. A lock
    /// must expire by itself after `validade` (the time left in the renewing operation), so a
    /// holder that dies never blocks the others for longer.
    ///
    /// The default grants a [`TravaRenovacao::local`] at once: no lock across processes, the
    /// renewals are single-flight within one client (and its clones) only — the behaviour of
    /// [`ArmazenamentoTokenMemoria`]. An error is logged at WARN and the client renews without
    /// the lock (never failing the operation over it).
    async fn travar_renovacao(
        &self,
        validade: Duration,
    ) -> Result<Option<TravaRenovacao>, CausaErro> {
        let _ = validade;
        Ok(Some(TravaRenovacao::local()))
    }

    /// Releases a lock taken with [`travar_renovacao`](Self::travar_renovacao), only if it is
    /// still held by `trava` (it may have expired and been taken by another process). Never
    /// called for a [`TravaRenovacao::local`]. The default does nothing.
    async fn liberar_renovacao(&self, trava: TravaRenovacao) -> Result<(), CausaErro> {
        let _ = trava;
        Ok(())
    }
}

/// A renewal lock granted by [`ArmazenamentoToken::travar_renovacao`] (*trava de renovação*):
/// the holder's identifier, which only its holder knows, so only it can release the lock.
///
/// `Debug` never shows the identifier.
#[derive(Clone, PartialEq, Eq)]
pub struct TravaRenovacao {
    id: Option<String>,
}

impl fmt::Debug for TravaRenovacao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TravaRenovacao")
            .field("local", &self.id.is_none())
            .finish_non_exhaustive()
    }
}

impl TravaRenovacao {
    /// A lock held in a shared store under the identifier `id` (unique per holder, e.g.
    /// random).
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: Some(id.into()),
        }
    }

    /// No lock across processes: this process renews on its own (in-process single flight
    /// only).
    pub fn local() -> Self {
        Self { id: None }
    }

    /// The holder's identifier (`None` for a [`local`](Self::local) lock).
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// Whether this is a [`local`](Self::local) lock (nothing to release).
    pub fn e_local(&self) -> bool {
        self.id.is_none()
    }
}

/// The default [`ArmazenamentoToken`]: one token in memory, shared by every clone of a client.
#[derive(Debug, Default)]
pub struct ArmazenamentoTokenMemoria {
    token: Mutex<Option<TokenAcesso>>,
}

#[async_trait::async_trait]
impl ArmazenamentoToken for ArmazenamentoTokenMemoria {
    async fn get(&self) -> Result<Option<TokenAcesso>, CausaErro> {
        Ok(self
            .token
            .lock()
            .map_err(|_| "token store lock poisoned")?
            .clone())
    }

    async fn put(&self, token: TokenAcesso) -> Result<(), CausaErro> {
        *self.token.lock().map_err(|_| "token store lock poisoned")? = Some(token);
        Ok(())
    }

    async fn invalidate(&self, rejeitado: &TokenAcesso) -> Result<(), CausaErro> {
        let mut guarda = self.token.lock().map_err(|_| "token store lock poisoned")?;
        if guarda.as_ref().is_some_and(|t| t.mesmo_valor(rejeitado)) {
            *guarda = None;
        }
        Ok(())
    }
}

/// The state behind the single-flight renewal lock (decision D4): the outcome of the last
/// finished renewal and when it finished, so the callers that waited for it take that outcome
/// instead of renewing again.
#[derive(Default)]
pub(crate) struct EstadoRenovacao {
    ultima: Option<(Instant, Desfecho)>,
}

/// How a renewal ended.
enum Desfecho {
    /// A token was issued.
    Token(TokenAcesso),
    /// The renewal failed; `None` when its error is the renewing caller's own (its deadline ran
    /// out) and is not handed to others.
    Falha(Option<FalhaRenovacao>),
}

impl EstadoRenovacao {
    /// When the last renewal failed, if it did (none has succeeded since).
    pub(crate) fn falhou_em(&self) -> Option<Instant> {
        match &self.ultima {
            Some((fim, Desfecho::Falha(_))) => Some(*fim),
            _ => None,
        }
    }

    /// Records a renewal that issued `token`.
    pub(crate) fn registrar_token(&mut self, token: TokenAcesso) {
        self.ultima = Some((Instant::now(), Desfecho::Token(token)));
    }

    /// Records a failed renewal and returns the error of the caller that renewed: when the
    /// error can be shared, the same copy every other caller gets.
    pub(crate) fn registrar_falha(&mut self, erro: Erro) -> Erro {
        let (erro, falha) = match FalhaRenovacao::de(erro) {
            Ok(falha) => (falha.erro(), Some(falha)),
            Err(erro) => (erro, None),
        };
        self.ultima = Some((Instant::now(), Desfecho::Falha(falha)));
        erro
    }

    /// The token of the last renewal, if it succeeded and finished at or after `chegada` (the
    /// renewal a caller that arrived then waited for).
    pub(crate) fn token_desde(&self, chegada: Instant) -> Option<&TokenAcesso> {
        match &self.ultima {
            Some((fim, Desfecho::Token(t))) if *fim >= chegada => Some(t),
            _ => None,
        }
    }

    /// The token of the last renewal, if it succeeded and the token is not yet due for renewal
    /// (it may not have reached the store yet, or the store may have lost it).
    pub(crate) fn token_fresco(&self, agora: SystemTime) -> Option<&TokenAcesso> {
        match &self.ultima {
            Some((_, Desfecho::Token(t))) if t.fresco_em(agora) => Some(t),
            _ => None,
        }
    }

    /// The error a caller that arrived at `chegada` gets instead of renewing again: that of the
    /// last renewal, if it failed with a shareable error and finished at or after `chegada` (the
    /// caller waited for it) or less than `pausa` ago.
    pub(crate) fn falha_compartilhada(&self, chegada: Instant, pausa: Duration) -> Option<Erro> {
        match &self.ultima {
            Some((fim, Desfecho::Falha(Some(falha))))
                if *fim >= chegada || fim.elapsed() < pausa =>
            {
                Some(falha.erro())
            }
            _ => None,
        }
    }
}

/// A failed renewal's error in a form every caller that waited for it can get a copy of:
/// [`Erro`] is not `Clone` (its causes are boxed), so the fields are kept and the causes shared
/// behind an `Arc` ([`Causa`]). The operation is always `gerar_token`.
///
/// Only errors about the token endpoint are shared: its answers, a connection it refused, a
/// per-attempt timeout, a broken exchange. A timeout of the *operation* deadline belongs to the
/// caller that renewed (another caller may have more time left), and a configuration error is
/// not about the endpoint: neither is shared.
#[derive(Clone)]
enum FalhaRenovacao {
    Gateway {
        status: u16,
        codigo: Option<String>,
        mensagem: Option<String>,
        descricao: Option<String>,
        tentativas: u32,
        retry_after: Option<Duration>,
        resultado_incerto: bool,
    },
    Http {
        status: u16,
        codigo_retorno: Option<String>,
        mensagem: Option<String>,
        tentativas: u32,
        retry_after: Option<Duration>,
        trecho: BodySnippet,
        resultado_incerto: bool,
    },
    Negocio {
        status: u16,
        codigo_retorno: String,
        mensagem: Option<String>,
        tentativas: u32,
    },
    RespostaInvalida {
        status: u16,
        motivo: String,
        trecho: BodySnippet,
        fonte: Option<Causa>,
    },
    Transporte(FalhaTransporte),
}

/// The shareable [`HttpError`]s of a token request.
#[derive(Clone)]
enum FalhaTransporte {
    Conexao {
        tentativas: u32,
        fonte: Causa,
    },
    TempoPorTentativa {
        tentativas: u32,
        limite: Duration,
        pode_ter_executado: bool,
        idempotencia: Idempotency,
    },
    Troca {
        tentativas: u32,
        pode_ter_executado: bool,
        idempotencia: Idempotency,
        fonte: Causa,
    },
    RespostaGrande {
        status: u16,
        limite: usize,
        tentativas: u32,
        idempotencia: Idempotency,
    },
    TlsRecusado {
        tentativas: u32,
        fonte: Causa,
    },
}

impl FalhaRenovacao {
    /// `erro` made shareable, or given back when it is not shared (see the type's docs).
    fn de(erro: Erro) -> Result<Self, Erro> {
        Ok(match erro {
            Erro::Gateway {
                status,
                codigo,
                mensagem,
                descricao,
                tentativas,
                retry_after,
                resultado_incerto,
                ..
            } => Self::Gateway {
                status,
                codigo,
                mensagem,
                descricao,
                tentativas,
                retry_after,
                resultado_incerto,
            },
            Erro::Http {
                status,
                codigo_retorno,
                mensagem,
                tentativas,
                retry_after,
                trecho,
                resultado_incerto,
                ..
            } => Self::Http {
                status,
                codigo_retorno,
                mensagem,
                tentativas,
                retry_after,
                trecho,
                resultado_incerto,
            },
            Erro::Negocio {
                status,
                codigo_retorno,
                mensagem,
                tentativas,
                ..
            } => Self::Negocio {
                status,
                codigo_retorno,
                mensagem,
                tentativas,
            },
            Erro::RespostaInvalida {
                status,
                motivo,
                trecho,
                fonte,
                ..
            } => Self::RespostaInvalida {
                status,
                motivo,
                trecho,
                fonte: fonte.map(Causa::de),
            },
            Erro::Transporte { operacao, fonte } => {
                let fonte = match fonte {
                    HttpError::Connect {
                        attempts, source, ..
                    } => FalhaTransporte::Conexao {
                        tentativas: attempts,
                        fonte: Causa::de(source),
                    },
                    HttpError::Timeout {
                        attempts,
                        deadline,
                        may_have_executed,
                        kind: TimeoutKind::PerAttempt,
                        idempotency,
                        ..
                    } => FalhaTransporte::TempoPorTentativa {
                        tentativas: attempts,
                        limite: deadline,
                        pode_ter_executado: may_have_executed,
                        idempotencia: idempotency,
                    },
                    HttpError::Transport {
                        attempts,
                        may_have_executed,
                        idempotency,
                        source,
                        ..
                    } => FalhaTransporte::Troca {
                        tentativas: attempts,
                        pode_ter_executado: may_have_executed,
                        idempotencia: idempotency,
                        fonte: Causa::de(source),
                    },
                    HttpError::ResponseTooLarge {
                        status,
                        limit,
                        attempts,
                        idempotency,
                        ..
                    } => FalhaTransporte::RespostaGrande {
                        status,
                        limite: limit,
                        tentativas: attempts,
                        idempotencia: idempotency,
                    },
                    HttpError::TlsRefused {
                        attempts, source, ..
                    } => FalhaTransporte::TlsRecusado {
                        tentativas: attempts,
                        fonte: Causa::de(source),
                    },
                    outra => {
                        return Err(Erro::Transporte {
                            operacao,
                            fonte: outra,
                        });
                    }
                };
                Self::Transporte(fonte)
            }
            outro => return Err(outro),
        })
    }

    /// A copy of the error, for one caller.
    fn erro(&self) -> Erro {
        let operacao = GERAR_TOKEN.name.to_owned();
        match self.clone() {
            Self::Gateway {
                status,
                codigo,
                mensagem,
                descricao,
                tentativas,
                retry_after,
                resultado_incerto,
            } => Erro::Gateway {
                operacao,
                status,
                codigo,
                mensagem,
                descricao,
                tentativas,
                retry_after,
                resultado_incerto,
            },
            Self::Http {
                status,
                codigo_retorno,
                mensagem,
                tentativas,
                retry_after,
                trecho,
                resultado_incerto,
            } => Erro::Http {
                operacao,
                status,
                codigo_retorno,
                mensagem,
                tentativas,
                retry_after,
                trecho,
                resultado_incerto,
            },
            Self::Negocio {
                status,
                codigo_retorno,
                mensagem,
                tentativas,
            } => Erro::Negocio {
                operacao,
                status,
                codigo_retorno,
                mensagem,
                tentativas,
            },
            Self::RespostaInvalida {
                status,
                motivo,
                trecho,
                fonte,
            } => Erro::RespostaInvalida {
                operacao,
                status,
                motivo,
                trecho,
                fonte: fonte.map(|c| Box::new(c) as CausaErro),
            },
            Self::Transporte(fonte) => {
                let operation = operacao.clone();
                let fonte = match fonte {
                    FalhaTransporte::Conexao { tentativas, fonte } => HttpError::Connect {
                        operation,
                        attempts: tentativas,
                        source: Box::new(fonte),
                    },
                    FalhaTransporte::TempoPorTentativa {
                        tentativas,
                        limite,
                        pode_ter_executado,
                        idempotencia,
                    } => HttpError::Timeout {
                        operation,
                        attempts: tentativas,
                        deadline: limite,
                        may_have_executed: pode_ter_executado,
                        kind: TimeoutKind::PerAttempt,
                        idempotency: idempotencia,
                    },
                    FalhaTransporte::Troca {
                        tentativas,
                        pode_ter_executado,
                        idempotencia,
                        fonte,
                    } => HttpError::Transport {
                        operation,
                        attempts: tentativas,
                        may_have_executed: pode_ter_executado,
                        idempotency: idempotencia,
                        source: Box::new(fonte),
                    },
                    FalhaTransporte::RespostaGrande {
                        status,
                        limite,
                        tentativas,
                        idempotencia,
                    } => HttpError::ResponseTooLarge {
                        operation,
                        status,
                        limit: limite,
                        attempts: tentativas,
                        idempotency: idempotencia,
                    },
                    FalhaTransporte::TlsRecusado { tentativas, fonte } => HttpError::TlsRefused {
                        operation,
                        attempts: tentativas,
                        source: Box::new(fonte),
                    },
                };
                Erro::Transporte { operacao, fonte }
            }
        }
    }
}

/// The cause of a shared renewal error: the original cause behind an `Arc`, shown and walked
/// exactly like it (`Display`, `Debug`, `source()`).
#[derive(Clone)]
struct Causa(Arc<dyn std::error::Error + Send + Sync + 'static>);

impl Causa {
    fn de(fonte: CausaErro) -> Self {
        Self(Arc::from(fonte))
    }
}

impl fmt::Debug for Causa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Causa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl std::error::Error for Causa {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

/// What a `gerar-token` answer held, read leniently (decision D4).
pub(crate) struct TokenLido {
    pub(crate) valor: String,
    pub(crate) validade: Duration,
}

/// Finds the token in a `gerar-token` answer: `access_token`, `token` or `jwt` (also nested
/// under `dados`/`data`), or a bare JSON string; the lifetime from `expires_in`, else the JWT
/// `exp` claim, else [`VALIDADE_PADRAO`]; never more than [`VALIDADE_MAXIMA`].
pub(crate) fn ler_resposta_token(corpo: &Value, agora: SystemTime) -> Option<TokenLido> {
    let (valor, objeto) = match corpo {
        Value::String(s) => (s.clone(), None),
        Value::Object(map) => {
            let achar = |m: &serde_json::Map<String, Value>| {
                ["access_token", "token", "jwt", "accessToken"]
                    .iter()
                    .find_map(|k| m.get(*k).and_then(Value::as_str).map(str::to_owned))
            };
            if let Some(v) = achar(map) {
                (v, Some(map))
            } else {
                let aninhado = ["dados", "data"]
                    .iter()
                    .find_map(|k| map.get(*k).and_then(Value::as_object))?;
                (achar(aninhado)?, Some(aninhado))
            }
        }
        _ => return None,
    };
    let valor = valor.trim().to_owned();
    let valor = valor
        .strip_prefix("Bearer ")
        .map_or(valor.clone(), str::to_owned);
    if valor.is_empty() || !valor.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    let expires_in = objeto
        .and_then(|m| m.get("expires_in"))
        .and_then(|v| match v {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse::<u64>().ok(),
            _ => None,
        })
        .filter(|s| *s > 0)
        .map(Duration::from_secs);
    let validade = expires_in
        .or_else(|| validade_jwt(&valor, agora))
        .unwrap_or(VALIDADE_PADRAO)
        .min(VALIDADE_MAXIMA);
    Some(TokenLido { valor, validade })
}

/// The time left until the JWT's `exp` claim (the payload is decoded, the signature is not
/// checked: the gateway is the authority).
pub(crate) fn validade_jwt(jwt: &str, agora: SystemTime) -> Option<Duration> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: Value = serde_json::from_slice(&bytes).ok()?;
    let exp = match claims.get("exp")? {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64().filter(|f| f.is_finite() && *f >= 0.0).map(|f| {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let s = f as u64;
                s
            })
        })?,
        _ => return None,
    };
    let expira = SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(exp))?;
    expira.duration_since(agora).ok()
}

/// When to renew a token of lifetime `validade`: `margem` before expiry, but never in the
/// first half of the lifetime (a short-lived token is not renewed on every call). If the time
/// cannot be represented, the token is due at once.
pub(crate) fn momento_renovacao(
    obtido: SystemTime,
    validade: Duration,
    margem: Duration,
) -> SystemTime {
    let antecipado = validade.saturating_sub(margem).max(validade / 2);
    obtido.checked_add(antecipado).unwrap_or(obtido)
}

/// When a token of lifetime `validade` obtained at `obtido` expires; if that time cannot be
/// represented, [`VALIDADE_PADRAO`] from `obtido` (else `obtido`: expired at once).
pub(crate) fn momento_expiracao(obtido: SystemTime, validade: Duration) -> SystemTime {
    obtido
        .checked_add(validade)
        .or_else(|| obtido.checked_add(VALIDADE_PADRAO))
        .unwrap_or(obtido)
}

#[cfg(test)]
mod testes {
    use super::*;
    use serde_json::json;

    fn jwt_com_exp(exp: u64) -> String {
        let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!(
            "{}.{}.assinatura",
            e.encode(br#"{"alg":"RS256"}"#),
            e.encode(format!(r#"{{"exp":{exp},"sub":"x"}}"#))
        )
    }

    #[test]
    fn formas_aceitas() {
        let agora = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        for corpo in [
            json!({"access_token": "abc", "expires_in": 100}),
            json!({"token": "abc", "expires_in": "100"}),
            json!({"jwt": "abc", "expires_in": 100}),
            json!({"dados": {"access_token": "abc", "expires_in": 100}}),
            json!({"data": {"token": "abc", "expires_in": 100}}),
        ] {
            let lido = ler_resposta_token(&corpo, agora).expect("token");
            assert_eq!(lido.valor, "abc");
            assert_eq!(lido.validade, Duration::from_secs(100));
        }
        let lido = ler_resposta_token(&json!("abc"), agora).expect("bare");
        assert_eq!(lido.validade, VALIDADE_PADRAO);
        assert!(ler_resposta_token(&json!({"codigo_retorno": "000"}), agora).is_none());
        assert!(ler_resposta_token(&json!({"token": ""}), agora).is_none());
        assert!(ler_resposta_token(&json!(42), agora).is_none());
    }

    #[test]
    fn exp_do_jwt() {
        let agora = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let jwt = jwt_com_exp(1_000_600);
        let lido = ler_resposta_token(&json!({ "access_token": jwt }), agora).expect("token");
        assert_eq!(lido.validade, Duration::from_secs(600));
        // expires_in wins over exp.
        let lido = ler_resposta_token(
            &json!({ "access_token": jwt_com_exp(1_000_600), "expires_in": 50 }),
            agora,
        )
        .expect("token");
        assert_eq!(lido.validade, Duration::from_secs(50));
        // An exp in the past gives no lifetime from the claim: default.
        let lido =
            ler_resposta_token(&json!({ "access_token": jwt_com_exp(10) }), agora).expect("token");
        assert_eq!(lido.validade, VALIDADE_PADRAO);
        assert_eq!(validade_jwt("a.%%%.c", agora), None);
        assert_eq!(validade_jwt("semponto", agora), None);
    }

    #[test]
    fn renovacao_antecipada() {
        let t0 = SystemTime::UNIX_EPOCH;
        let m = Duration::from_secs(300);
        assert_eq!(
            momento_renovacao(t0, Duration::from_secs(3600), m),
            t0 + Duration::from_secs(3300)
        );
        assert_eq!(
            momento_renovacao(t0, Duration::from_secs(60), m),
            t0 + Duration::from_secs(30)
        );
    }

    #[test]
    fn validade_limitada_e_sem_estouro() {
        let agora = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let lido = ler_resposta_token(
            &json!({"access_token": "abc", "expires_in": u64::MAX}),
            agora,
        )
        .expect("token");
        assert_eq!(lido.validade, VALIDADE_MAXIMA);
        let lido = ler_resposta_token(&json!({ "access_token": jwt_com_exp(u64::MAX / 4) }), agora)
            .expect("token");
        assert_eq!(lido.validade, VALIDADE_MAXIMA);
        // Even an unclamped lifetime never panics when the renewal time is computed.
        let t = momento_renovacao(agora, Duration::MAX, Duration::from_secs(300));
        assert!(t >= agora);
        assert_eq!(
            momento_expiracao(agora, Duration::MAX),
            agora + VALIDADE_PADRAO
        );
    }

    fn erro_http_500() -> Erro {
        Erro::Http {
            operacao: "gerar_token".into(),
            status: 500,
            codigo_retorno: Some("999".into()),
            mensagem: Some("falhou".into()),
            tentativas: 1,
            retry_after: None,
            trecho: BodySnippet::from_bytes(b"{}", 16),
            resultado_incerto: false,
        }
    }

    #[test]
    fn falha_compartilhada_e_copia_fiel() {
        let mut estado = EstadoRenovacao::default();
        let chegada = Instant::now();
        let do_renovador = estado.registrar_falha(erro_http_500());
        let copia = estado
            .falha_compartilhada(chegada, Duration::ZERO)
            .expect("a renewal that finished after the caller arrived is shared");
        for e in [&do_renovador, &copia] {
            assert!(
                matches!(e, Erro::Http { status: 500, codigo_retorno: Some(c), mensagem: Some(m), .. }
                    if c == "999" && m == "falhou"),
                "{e:?}"
            );
            assert_eq!(e.operacao(), Some("gerar_token"));
        }
        assert_eq!(do_renovador.to_string(), copia.to_string());
        // Arrived after it finished: shared only within the pause.
        let depois = Instant::now() + Duration::from_millis(1);
        assert!(estado.falha_compartilhada(depois, Duration::ZERO).is_none());
        assert!(
            estado
                .falha_compartilhada(depois, Duration::from_secs(60))
                .is_some()
        );
        assert!(estado.falhou_em().is_some());
        assert!(estado.token_desde(chegada).is_none());
    }

    #[test]
    fn causa_da_falha_compartilhada_mantida() {
        #[derive(Debug)]
        struct Raiz;
        impl fmt::Display for Raiz {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("connection refused")
            }
        }
        impl std::error::Error for Raiz {}
        #[derive(Debug)]
        struct Meio(Raiz);
        impl fmt::Display for Meio {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("tcp connect error")
            }
        }
        impl std::error::Error for Meio {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let cadeia = |e: &Erro| {
            let mut textos = vec![e.to_string()];
            let mut fonte = std::error::Error::source(e);
            while let Some(f) = fonte {
                textos.push(f.to_string());
                fonte = f.source();
            }
            textos
        };
        let original = Erro::Transporte {
            operacao: "gerar_token".into(),
            fonte: HttpError::Connect {
                operation: "gerar_token".into(),
                attempts: 1,
                source: Box::new(Meio(Raiz)),
            },
        };
        let esperado = cadeia(&original);
        let mut estado = EstadoRenovacao::default();
        let chegada = Instant::now();
        let do_renovador = estado.registrar_falha(original);
        let copia = estado
            .falha_compartilhada(chegada, Duration::ZERO)
            .expect("shared");
        assert_eq!(cadeia(&do_renovador), esperado);
        assert_eq!(cadeia(&copia), esperado);
        assert!(matches!(
            copia,
            Erro::Transporte {
                fonte: HttpError::Connect { attempts: 1, .. },
                ..
            }
        ));
    }

    #[test]
    fn prazo_da_operacao_de_quem_renovou_nao_e_compartilhado() {
        let mut estado = EstadoRenovacao::default();
        let chegada = Instant::now();
        let erro = estado.registrar_falha(Erro::Transporte {
            operacao: "gerar_token".into(),
            fonte: HttpError::Timeout {
                operation: "gerar_token".into(),
                attempts: 1,
                deadline: Duration::from_secs(1),
                may_have_executed: true,
                kind: TimeoutKind::Operation,
                idempotency: Idempotency::Idempotent,
            },
        });
        assert!(matches!(
            erro,
            Erro::Transporte {
                fonte: HttpError::Timeout { .. },
                ..
            }
        ));
        // Another caller may have more time left: it renews by itself...
        assert!(
            estado
                .falha_compartilhada(chegada, Duration::from_secs(60))
                .is_none()
        );
        // ...while a caller with a valid token still sees that a renewal failed just now.
        assert!(estado.falhou_em().is_some());
        // A per-attempt timeout is the endpoint's: shared.
        estado.registrar_falha(Erro::Transporte {
            operacao: "gerar_token".into(),
            fonte: HttpError::Timeout {
                operation: "gerar_token".into(),
                attempts: 1,
                deadline: Duration::from_secs(1),
                may_have_executed: true,
                kind: TimeoutKind::PerAttempt,
                idempotency: Idempotency::Idempotent,
            },
        });
        assert!(
            estado
                .falha_compartilhada(chegada, Duration::ZERO)
                .is_some()
        );
    }

    #[test]
    fn token_compartilhado_com_quem_esperou() {
        let mut estado = EstadoRenovacao::default();
        let chegada = Instant::now();
        let agora = SystemTime::now();
        estado.registrar_token(TokenAcesso::new(
            SecretString::from("novo"),
            agora + Duration::from_secs(60),
            agora + Duration::from_secs(30),
        ));
        assert!(estado.token_desde(chegada).is_some());
        assert!(estado.token_fresco(agora).is_some());
        assert!(
            estado
                .token_desde(Instant::now() + Duration::from_millis(1))
                .is_none()
        );
        assert!(
            estado
                .token_fresco(agora + Duration::from_secs(31))
                .is_none()
        );
        assert!(estado.falhou_em().is_none());
        assert!(
            estado
                .falha_compartilhada(chegada, Duration::from_secs(60))
                .is_none()
        );
    }

    #[test]
    fn debug_sem_token() {
        let t = TokenAcesso::new(
            SecretString::from("segredo-do-token"),
            SystemTime::UNIX_EPOCH,
            SystemTime::UNIX_EPOCH,
        );
        assert!(!format!("{t:?}").contains("segredo"));
    }
}
