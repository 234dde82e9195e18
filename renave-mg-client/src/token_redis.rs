//! The CET-MG token shared by several processes through Redis (feature `redis`; decision D4,
//! issue 14 "many dealers, many replicas").
//!
//! [`ArmazenamentoTokenRedis`] keeps the token under a key namespaced by a digest of the
//! consumer key (never the key itself) and offers a renewal lock across processes: one replica
//! sends `gerar-token` while the others wait for the token it stores, each within its own
//! operation deadline. The lock is `SET NX PX` (it expires by itself if its holder dies) and is
//! released only by its holder (a compare-and-delete script).
//!
//! While Redis is unreachable the store falls back to a copy kept in this process (the last
//! token it read or stored): every Redis call is bounded
//! ([`tempo_resposta`](ArmazenamentoTokenRedisBuilder::tempo_resposta)), a failure is logged
//! at WARN once per outage (the error, never the token), Redis is then left alone for
//! [`PAUSA_APOS_FALHA_REDIS`] at a time, and the renewal lock is granted locally — so an
//! operation the client could serve on its own never fails because of Redis.

use std::fmt;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use redis::AsyncCommands as _;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::Digest as _;

use crate::erro::CausaErro;
use crate::token::{ArmazenamentoToken, ArmazenamentoTokenMemoria, TokenAcesso, TravaRenovacao};

/// After a Redis call fails, how long the store uses its in-process copy without asking Redis
/// again (1 s): an outage costs each operation nothing but a memory read.
pub const PAUSA_APOS_FALHA_REDIS: Duration = Duration::from_secs(1);

/// Releases a key only if it still holds the caller's value (the renewal lock's holder id).
const LIBERAR_SE_DONO: &str = r"if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0";

/// Forgets the stored token only if it is still the refused one (another process may already
/// have stored a newer one).
const ESQUECER_SE_IGUAL: &str = r"local v = redis.call('GET', KEYS[1])
if v then
  local ok, t = pcall(cjson.decode, v)
  if ok and type(t) == 'table' and t['valor'] == ARGV[1] then
    return redis.call('DEL', KEYS[1])
  end
end
return 0";

/// The token as stored in Redis (JSON; times in milliseconds since the Unix epoch).
#[derive(Serialize, Deserialize)]
struct TokenGuardado {
    valor: String,
    expira_em_ms: u64,
    renovar_em_ms: u64,
}

fn ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

fn instante(ms: u64) -> SystemTime {
    UNIX_EPOCH
        .checked_add(Duration::from_millis(ms))
        .unwrap_or(UNIX_EPOCH)
}

/// Builder of an [`ArmazenamentoTokenRedis`]: see [`ArmazenamentoTokenRedis::builder`].
///
/// `Debug` shows neither the Redis URL (it may hold a password) nor the consumer key.
pub struct ArmazenamentoTokenRedisBuilder {
    url: SecretString,
    namespace: String,
    prefixo: String,
    tempo_resposta: Duration,
    validade_maxima_trava: Duration,
}

impl fmt::Debug for ArmazenamentoTokenRedisBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ArmazenamentoTokenRedisBuilder")
            .field("namespace", &self.namespace)
            .field("prefixo", &self.prefixo)
            .field("tempo_resposta", &self.tempo_resposta)
            .field("validade_maxima_trava", &self.validade_maxima_trava)
            .finish_non_exhaustive()
    }
}

impl ArmazenamentoTokenRedisBuilder {
    /// The first part of every key (default `renave:cetmg`); the keys are
    /// `<prefixo>:<digest of the consumer key>:token` and `…:trava`.
    pub fn prefixo(mut self, prefixo: impl Into<String>) -> Self {
        self.prefixo = prefixo.into();
        self
    }

    /// The longest a Redis call (connection included) may take before the store falls back to
    /// its in-process copy (default 500 ms).
    pub fn tempo_resposta(mut self, tempo: Duration) -> Self {
        self.tempo_resposta = tempo;
        self
    }

    /// The longest a renewal lock lives (default 30 s; the client asks for the time left in
    /// the renewing operation, and gets the shorter of both). When its holder dies, the other
    /// processes renew after this at most.
    pub fn validade_maxima_trava(mut self, validade: Duration) -> Self {
        self.validade_maxima_trava = validade;
        self
    }

    /// Builds the store (no Tokio runtime needed). No connection is opened yet (it is opened, and reopened after an
    /// outage, by the first calls that need it), so a Redis that is down at start-up is not an
    /// error: the store then works from its in-process copy.
    ///
    /// # Errors
    ///
    /// The URL is not a Redis URL (`redis://[:password@]host[:port][/db]`).
    pub fn build(self) -> Result<ArmazenamentoTokenRedis, CausaErro> {
        let cliente = redis::Client::open(self.url.expose_secret())
            .map_err(|_| "invalid Redis URL (expected redis://[:password@]host[:port][/db])")?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(self.tempo_resposta))
            .set_response_timeout(Some(self.tempo_resposta))
            .set_number_of_retries(1)
            .set_min_delay(Duration::from_millis(50))
            .set_max_delay(self.tempo_resposta);
        let base = format!("{}:{}", self.prefixo, self.namespace);
        Ok(ArmazenamentoTokenRedis {
            cliente,
            config,
            conexao: tokio::sync::OnceCell::new(),
            chave_token: format!("{base}:token"),
            chave_trava: format!("{base}:trava"),
            namespace: self.namespace,
            tempo_resposta: self.tempo_resposta,
            validade_maxima_trava: self.validade_maxima_trava,
            local: ArmazenamentoTokenMemoria::default(),
            fora: AtomicBool::new(false),
            falhou_em: Mutex::new(None),
            liberar: redis::Script::new(LIBERAR_SE_DONO),
            esquecer: redis::Script::new(ESQUECER_SE_IGUAL),
        })
    }
}

/// An [`ArmazenamentoToken`] in Redis, shared by every replica that uses the same consumer key
/// (feature `redis`): one replica renews the token while the others wait for it.
///
/// * **Keys**: `renave:cetmg:<namespace>:token` (the token, as JSON, expiring with it) and
///   `…:trava` (the renewal lock), where `namespace` is the first 16 bytes of the SHA-256 of
///   the consumer key, in hex — never the key itself.
/// * **Renewal lock**: `SET …:trava <random id> NX PX <ttl>`, `ttl` the time left in the
///   renewing operation capped by
///   [`validade_maxima_trava`](ArmazenamentoTokenRedisBuilder::validade_maxima_trava); released
///   by a script that deletes it only if it still holds the holder's id.
/// * **Redis unreachable**: every call is bounded by
///   [`tempo_resposta`](ArmazenamentoTokenRedisBuilder::tempo_resposta); on a failure the store
///   answers from the copy it keeps in this process (the last token it read or stored), grants
///   the renewal lock locally, logs one WARN per outage (and an INFO when Redis answers again),
///   and leaves Redis alone for [`PAUSA_APOS_FALHA_REDIS`] at a time. Each replica then renews
///   its own token: more `gerar-token` requests, never a failed operation.
///
/// ```no_run
/// use std::sync::Arc;
/// use renave_mg_client::{ArmazenamentoTokenRedis, ClienteCetMg};
/// use secrecy::SecretString;
/// # fn f() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
/// let chave = SecretString::from("consumer-key");
/// let armazenamento = ArmazenamentoTokenRedis::builder("redis://127.0.0.1:6379/", &chave).build()?;
/// let cliente = ClienteCetMg::builder()
///     .credenciais(chave, SecretString::from("consumer-secret"))
///     .armazenamento_token(Arc::new(armazenamento))
///     .build()?;
/// # Ok(()) }
/// ```
pub struct ArmazenamentoTokenRedis {
    cliente: redis::Client,
    config: ConnectionManagerConfig,
    /// Created on first use (it needs the Tokio runtime); it reconnects by itself.
    conexao: tokio::sync::OnceCell<ConnectionManager>,
    chave_token: String,
    chave_trava: String,
    namespace: String,
    tempo_resposta: Duration,
    validade_maxima_trava: Duration,
    /// The in-process copy: the last token read from or written to Redis.
    local: ArmazenamentoTokenMemoria,
    /// Whether Redis is considered unreachable (one WARN per outage).
    fora: AtomicBool,
    /// When a Redis call last failed (Redis is not asked again for a pause).
    falhou_em: Mutex<Option<Instant>>,
    liberar: redis::Script,
    esquecer: redis::Script,
}

impl fmt::Debug for ArmazenamentoTokenRedis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ArmazenamentoTokenRedis")
            .field("chave_token", &self.chave_token)
            .field("tempo_resposta", &self.tempo_resposta)
            .field("validade_maxima_trava", &self.validade_maxima_trava)
            .field("redis_fora", &self.fora.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl ArmazenamentoTokenRedis {
    /// A builder for the Redis at `url` (`redis://[:password@]host[:port][/db]`), for the
    /// consumer key `consumer_key` (only its digest is kept, to namespace the keys).
    pub fn builder(url: &str, consumer_key: &SecretString) -> ArmazenamentoTokenRedisBuilder {
        ArmazenamentoTokenRedisBuilder {
            url: SecretString::from(url.to_owned()),
            namespace: namespace(consumer_key),
            prefixo: "renave:cetmg".to_owned(),
            tempo_resposta: Duration::from_millis(500),
            validade_maxima_trava: Duration::from_secs(30),
        }
    }

    /// The namespace of the keys: a digest of the consumer key (hex).
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The key the token is stored under.
    pub fn chave_token(&self) -> &str {
        &self.chave_token
    }

    /// The key of the renewal lock.
    pub fn chave_trava(&self) -> &str {
        &self.chave_trava
    }

    /// Whether the store currently answers from its in-process copy (Redis unreachable).
    pub fn redis_fora(&self) -> bool {
        self.fora.load(Ordering::Relaxed)
    }

    /// The connection manager (created lazily: no connection is opened here).
    async fn conexao(&self) -> redis::RedisResult<ConnectionManager> {
        self.conexao
            .get_or_try_init(|| async {
                ConnectionManager::new_lazy_with_config(self.cliente.clone(), self.config.clone())
            })
            .await
            .cloned()
    }

    /// Whether Redis is left alone for now (it failed less than [`PAUSA_APOS_FALHA_REDIS`]
    /// ago).
    fn em_pausa(&self) -> bool {
        self.falhou_em
            .lock()
            .ok()
            .and_then(|g| *g)
            .is_some_and(|f| f.elapsed() < PAUSA_APOS_FALHA_REDIS)
    }

    /// Runs one Redis call within [`tempo_resposta`](ArmazenamentoTokenRedisBuilder::tempo_resposta);
    /// `None` (after recording the outage) when Redis is in pause, fails or is late.
    async fn chamar<T, F>(&self, chamada: F) -> Option<T>
    where
        F: std::future::Future<Output = redis::RedisResult<T>>,
    {
        if self.em_pausa() {
            return None;
        }
        let erro: CausaErro = match tokio::time::timeout(self.tempo_resposta, chamada).await {
            Ok(Ok(v)) => {
                if self.fora.swap(false, Ordering::Relaxed) {
                    tracing::info!(
                        namespace = %self.namespace,
                        "the Redis token store answers again"
                    );
                }
                return Some(v);
            }
            Ok(Err(e)) => Box::new(e),
            Err(_) => format!("no answer within {:?}", self.tempo_resposta).into(),
        };
        if let Ok(mut g) = self.falhou_em.lock() {
            *g = Some(Instant::now());
        }
        if !self.fora.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                namespace = %self.namespace,
                error = %erro,
                "the Redis token store is unreachable; each process uses its own token until it answers again"
            );
        }
        None
    }
}

/// The first 16 bytes of the SHA-256 of the consumer key, in hex.
fn namespace(consumer_key: &SecretString) -> String {
    let digest = sha2::Sha256::digest(consumer_key.expose_secret().as_bytes());
    digest[..16]
        .iter()
        .fold(String::with_capacity(32), |mut s, b| {
            use std::fmt::Write as _;
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[async_trait::async_trait]
impl ArmazenamentoToken for ArmazenamentoTokenRedis {
    async fn get(&self) -> Result<Option<TokenAcesso>, CausaErro> {
        let lido: Option<Option<String>> = self
            .chamar(async {
                let mut conexao = self.conexao().await?;
                conexao.get::<_, Option<String>>(&self.chave_token).await
            })
            .await;
        match lido {
            Some(Some(texto)) => {
                // A value this SDK did not write is no token (fail closed): the client renews.
                let Ok(g) = serde_json::from_str::<TokenGuardado>(&texto) else {
                    return self.local.get().await;
                };
                let token = TokenAcesso::new(
                    SecretString::from(g.valor),
                    instante(g.expira_em_ms),
                    instante(g.renovar_em_ms),
                );
                self.local.put(token.clone()).await?;
                Ok(Some(token))
            }
            // Redis has none (e.g. it restarted empty): a fresh copy in hand still serves.
            Some(None) => Ok(self
                .local
                .get()
                .await?
                .filter(|t| t.fresco_em(SystemTime::now()))),
            None => self.local.get().await,
        }
    }

    async fn put(&self, token: TokenAcesso) -> Result<(), CausaErro> {
        self.local.put(token.clone()).await?;
        let vida = token
            .expira_em()
            .duration_since(SystemTime::now())
            .unwrap_or_default();
        let vida_ms = u64::try_from(vida.as_millis()).unwrap_or(u64::MAX);
        if vida_ms == 0 {
            return Ok(());
        }
        let texto = serde_json::to_string(&TokenGuardado {
            valor: token.valor().expose_secret().to_owned(),
            expira_em_ms: ms(token.expira_em()),
            renovar_em_ms: ms(token.renovar_em()),
        })?;
        let _: Option<()> = self
            .chamar(async {
                let mut conexao = self.conexao().await?;
                conexao
                    .pset_ex::<_, _, ()>(&self.chave_token, texto, vida_ms)
                    .await
            })
            .await;
        Ok(())
    }

    async fn invalidate(&self, rejeitado: &TokenAcesso) -> Result<(), CausaErro> {
        self.local.invalidate(rejeitado).await?;
        let _: Option<i64> = self
            .chamar(async {
                let mut conexao = self.conexao().await?;
                let mut invocacao = self.esquecer.key(&self.chave_token);
                invocacao.arg(rejeitado.valor().expose_secret());
                invocacao.invoke_async(&mut conexao).await
            })
            .await;
        Ok(())
    }

    async fn travar_renovacao(
        &self,
        validade: Duration,
    ) -> Result<Option<TravaRenovacao>, CausaErro> {
        let ttl = validade
            .min(self.validade_maxima_trava)
            .max(Duration::from_millis(1));
        let ttl_ms = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX);
        let id = format!("{:032x}", fastrand::u128(..));
        let opcoes = redis::SetOptions::default()
            .conditional_set(redis::ExistenceCheck::NX)
            .with_expiration(redis::SetExpiry::PX(ttl_ms));
        let resposta: Option<Option<String>> = self
            .chamar(async {
                let mut conexao = self.conexao().await?;
                conexao
                    .set_options::<_, _, Option<String>>(&self.chave_trava, &id, opcoes)
                    .await
            })
            .await;
        Ok(match resposta {
            Some(Some(_)) => Some(TravaRenovacao::new(id)),
            Some(None) => None,
            // Redis unreachable: this process renews by itself.
            None => Some(TravaRenovacao::local()),
        })
    }

    async fn liberar_renovacao(&self, trava: TravaRenovacao) -> Result<(), CausaErro> {
        let Some(id) = trava.id() else {
            return Ok(());
        };
        let _: Option<i64> = self
            .chamar(async {
                let mut conexao = self.conexao().await?;
                let mut invocacao = self.liberar.key(&self.chave_trava);
                invocacao.arg(id);
                invocacao.invoke_async(&mut conexao).await
            })
            .await;
        Ok(())
    }
}

#[cfg(test)]
mod testes {
    use super::*;

    #[test]
    fn namespace_nao_e_a_chave() {
        let chave = SecretString::from("minha-chave-de-consumidor");
        let n = namespace(&chave);
        assert_eq!(n.len(), 32);
        assert!(!n.contains("minha"));
        assert_eq!(
            n,
            namespace(&SecretString::from("minha-chave-de-consumidor"))
        );
        assert_ne!(n, namespace(&SecretString::from("outra")));
        let loja = ArmazenamentoTokenRedis::builder("redis://127.0.0.1:1/", &chave)
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loja.chave_token(), format!("renave:cetmg:{n}:token"));
        let debug = format!("{loja:?}");
        assert!(!debug.contains("minha"), "{debug}");
    }

    #[test]
    fn url_invalida_sem_eco() {
        let e = ArmazenamentoTokenRedis::builder("http://:senha@x", &SecretString::from("k"))
            .build()
            .expect_err("not a Redis URL");
        assert!(!e.to_string().contains("senha"));
    }
}
