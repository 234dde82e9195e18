//! The CET-MG access token (*token JWT*, Regulamento Técnico CET-MG §5.1, Fig. 57–59; decision
//! D4): how a `gerar-token` answer is read, and where the token is kept.
//!
//! The client asks for a token with `consumer_key`/`consumer_secret`, sends it as
//! `Authorization: Bearer …`, renews it a few minutes before it expires (one renewal at a time,
//! however many tasks wait), keeps a still-valid token when a renewal fails, and renews once and
//! resends once when the gateway answers 401.
//!
//! Several processes can share one token through an [`ArmazenamentoToken`] (e.g. backed by
//! Redis); the default is [`ArmazenamentoTokenMemoria`].

use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use crate::erro::BoxError;

/// Lifetime assumed when the answer gives no `expires_in` and the token has no `exp` claim:
/// 3600 s (R Fig. 57: "JWT válido por 60 minutos").
pub const VALIDADE_PADRAO: Duration = Duration::from_secs(3600);

/// Longest lifetime the client believes (one year): a larger `expires_in` or `exp` from the
/// server is capped, so a hostile or broken answer cannot overflow the expiry time.
pub(crate) const VALIDADE_MAXIMA: Duration = Duration::from_secs(365 * 24 * 3600);

/// A bearer token and when it expires (*token de acesso*).
///
/// `Debug` never shows the token.
#[derive(Clone)]
pub struct TokenAcesso {
    valor: SecretString,
    expira_em: SystemTime,
    renovar_em: SystemTime,
}

impl fmt::Debug for TokenAcesso {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenAcesso")
            .field("valor", &"[REDACTED]")
            .field("expira_em", &self.expira_em)
            .field("renovar_em", &self.renovar_em)
            .finish()
    }
}

impl TokenAcesso {
    /// A token valid until `expira_em`, to be renewed from `renovar_em` on.
    pub fn new(valor: SecretString, expira_em: SystemTime, renovar_em: SystemTime) -> Self {
        Self {
            valor,
            expira_em,
            renovar_em: renovar_em.min(expira_em),
        }
    }

    /// The token itself (a JWT). Handle with care: it grants access to the API.
    pub fn valor(&self) -> &SecretString {
        &self.valor
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
        self.valor.expose_secret() == outro.valor.expose_secret()
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
///   [`Erro::ArmazenamentoToken`](crate::Erro::ArmazenamentoToken), a store that does not answer
///   before the deadline is [`Erro::ArmazenamentoTokenSemResposta`](crate::Erro::ArmazenamentoTokenSemResposta);
///   either way nothing was sent. With a valid token in hand (due for renewal), the client waits
///   for the answer briefly (at most 500 ms, and a quarter of the time left), then logs a WARN
///   and goes on with that token.
/// * [`put`](Self::put) and [`invalidate`](Self::invalidate) never fail nor hold an operation:
///   each runs in a task of its own until the operation's deadline, and the operation waits for
///   it at most 500 ms (and a quarter of the time left) before going on with the token in hand.
///   A failure, or no answer by the deadline, is logged as a WARN (with the store's error, never
///   the token); the call is then dropped.
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
    async fn get(&self) -> Result<Option<TokenAcesso>, BoxError>;
    /// Stores a freshly issued token, replacing any other.
    async fn put(&self, token: TokenAcesso) -> Result<(), BoxError>;
    /// Forgets `rejeitado` after the gateway refused it (HTTP 401). Implementations should
    /// forget it only if it is still the stored token (another process may already have stored
    /// a newer one).
    async fn invalidate(&self, rejeitado: &TokenAcesso) -> Result<(), BoxError>;
}

/// The default [`ArmazenamentoToken`]: one token in memory, shared by every clone of a client.
#[derive(Debug, Default)]
pub struct ArmazenamentoTokenMemoria {
    token: Mutex<Option<TokenAcesso>>,
}

#[async_trait::async_trait]
impl ArmazenamentoToken for ArmazenamentoTokenMemoria {
    async fn get(&self) -> Result<Option<TokenAcesso>, BoxError> {
        Ok(self
            .token
            .lock()
            .map_err(|_| "token store lock poisoned")?
            .clone())
    }

    async fn put(&self, token: TokenAcesso) -> Result<(), BoxError> {
        *self.token.lock().map_err(|_| "token store lock poisoned")? = Some(token);
        Ok(())
    }

    async fn invalidate(&self, rejeitado: &TokenAcesso) -> Result<(), BoxError> {
        let mut guarda = self.token.lock().map_err(|_| "token store lock poisoned")?;
        if guarda.as_ref().is_some_and(|t| t.mesmo_valor(rejeitado)) {
            *guarda = None;
        }
        Ok(())
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
