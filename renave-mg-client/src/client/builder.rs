//! The builder of [`ClienteCetMg`]: every option, and `build`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use renave_http::diario::Diario;
use renave_http::{
    CoreConfig, HttpCore, RetryPolicy, Route, RouteOverrides, Timeouts, TransportBuilder,
};
use secrecy::SecretString;

use super::renovacao::{PAUSA_APOS_FALHA, PAUSA_APOS_FALHA_SEM_TOKEN};
use super::{Ambiente, ClienteCetMg, Interno};
use crate::erro::Erro;
use crate::token::{ArmazenamentoToken, ArmazenamentoTokenMemoria, EstadoRenovacao};

/// Builder of a [`ClienteCetMg`]. Obtain it with [`ClienteCetMg::builder`].
///
/// `Debug` never shows the consumer key or secret.
pub struct ClienteCetMgBuilder {
    ambiente: Ambiente,
    consumer_key: Option<SecretString>,
    consumer_secret: Option<SecretString>,
    timeouts: Timeouts,
    retry: RetryPolicy,
    sufixo_user_agent: Option<String>,
    http: Option<reqwest::Client>,
    rotas: RouteOverrides,
    allow_http: bool,
    armazenamento: Option<Arc<dyn ArmazenamentoToken>>,
    margem_renovacao: Duration,
    pausa_apos_falha_token: Duration,
    max_response_bytes: usize,
    error_snippet_bytes: usize,
    diario: Option<Arc<dyn Diario>>,
}

impl fmt::Debug for ClienteCetMgBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClienteCetMgBuilder")
            .field("ambiente", &self.ambiente)
            .field(
                "consumer_key",
                &self.consumer_key.as_ref().map(|_| "[REDACTED]"),
            )
            .field(
                "consumer_secret",
                &self.consumer_secret.as_ref().map(|_| "[REDACTED]"),
            )
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .field("sufixo_user_agent", &self.sufixo_user_agent)
            .field("http_injetado", &self.http.is_some())
            .field("rotas", &self.rotas)
            .field("allow_http", &self.allow_http)
            .field("armazenamento", &self.armazenamento)
            .field("margem_renovacao", &self.margem_renovacao)
            .field("pausa_apos_falha_token", &self.pausa_apos_falha_token)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("diario", &self.diario)
            .finish_non_exhaustive()
    }
}

impl Default for ClienteCetMgBuilder {
    fn default() -> Self {
        Self {
            ambiente: Ambiente::Homologacao,
            consumer_key: None,
            consumer_secret: None,
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            sufixo_user_agent: None,
            http: None,
            rotas: RouteOverrides::default(),
            allow_http: false,
            armazenamento: None,
            margem_renovacao: Duration::from_secs(300),
            pausa_apos_falha_token: PAUSA_APOS_FALHA_SEM_TOKEN,
            max_response_bytes: CoreConfig::DEFAULT_MAX_RESPONSE_BYTES,
            error_snippet_bytes: CoreConfig::DEFAULT_ERROR_SNIPPET_BYTES,
            diario: None,
        }
    }
}

impl ClienteCetMgBuilder {
    /// The environment (default [`Ambiente::Homologacao`]).
    pub fn ambiente(mut self, ambiente: Ambiente) -> Self {
        self.ambiente = ambiente;
        self
    }

    /// The SCE credentials (*Consumer Key* and *Consumer Secret*, R Fig. 41/42, §5.1).
    pub fn credenciais(
        mut self,
        consumer_key: SecretString,
        consumer_secret: SecretString,
    ) -> Self {
        self.consumer_key = Some(consumer_key);
        self.consumer_secret = Some(consumer_secret);
        self
    }

    /// Deadlines (connect, per attempt, whole operation).
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Retry policy for idempotent operations (decision D6).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Text appended to the `User-Agent` (`renave-mg-client/<version> <sufixo>`), e.g. the
    /// integradora's product name.
    pub fn sufixo_user_agent(mut self, sufixo: impl Into<String>) -> Self {
        self.sufixo_user_agent = Some(sufixo.into());
        self
    }

    /// Uses this `reqwest::Client` (its pool, proxy and TLS settings) instead of building one.
    ///
    /// Build it so that it never resends on its own: `reqwest::Client::builder()
    /// .retry(reqwest::retry::never()).redirect(reqwest::redirect::Policy::none())` (or
    /// build it with `renave_http::TransportBuilder`, which does both). reqwest's default retry
    /// resends a request after an HTTP/2 `REFUSED_STREAM`/`GOAWAY` even when a proxy passed it
    /// on, which breaks decision D6 (a state-changing request is sent once) and the attempt
    /// counts the errors report.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Replaces the route of one operation (decision D2), e.g. when the authenticated Swagger
    /// shows another path. `operacao` is the method name, e.g. `"consultar_agendamento"`.
    pub fn rota(mut self, operacao: impl Into<String>, rota: Route) -> Self {
        self.rotas.insert(operacao, rota);
        self
    }

    /// Replaces every route override at once.
    pub fn rotas(mut self, rotas: RouteOverrides) -> Self {
        self.rotas = rotas;
        self
    }

    /// Allows a plain `http://` base URL. **For tests only.**
    pub fn allow_http(mut self, sim: bool) -> Self {
        self.allow_http = sim;
        self
    }

    /// Where the token is kept (default: in memory, shared by every clone of the client).
    pub fn armazenamento_token(mut self, armazenamento: Arc<dyn ArmazenamentoToken>) -> Self {
        self.armazenamento = Some(armazenamento);
        self
    }

    /// How long before expiry the token is renewed (default 5 minutes; never earlier than half
    /// of the token's lifetime).
    pub fn margem_renovacao(mut self, margem: Duration) -> Self {
        self.margem_renovacao = margem;
        self
    }

    /// After a token renewal (`gerar-token`) fails, for how long callers that have no valid
    /// token get that same error instead of sending `gerar-token` again (decision D4; default
    /// 2 s, at most 30 s: a longer pause is shortened to 30 s).
    ///
    /// A failed renewal is shared like a successful one: every caller that was waiting for it
    /// gets its error — the same variant, HTTP status, gateway code and messages, for the
    /// `gerar_token` operation — however long the request took, so a slow failing endpoint
    /// yields its real error rather than a timeout per caller. Once the pause has passed, the
    /// next caller makes one new request and the others wait for it (one renewal at a time). A
    /// caller whose token is still valid keeps using it and never gets that error.
    pub fn pausa_apos_falha_token(mut self, pausa: Duration) -> Self {
        self.pausa_apos_falha_token = pausa.min(PAUSA_APOS_FALHA);
        self
    }

    /// Largest answer accepted, checked while reading (default 8 MiB).
    pub fn max_response_bytes(mut self, limite: usize) -> Self {
        self.max_response_bytes = limite;
        self
    }

    /// Journals every state-changing operation in `diario` (*diário*; `renave_http::diario`,
    /// stores in the `renave-diario` crate): the intent is recorded before sending — if the
    /// store fails, the call fails with [`Erro::Diario`] and nothing is sent — and the outcome
    /// after the answer, so an unknown outcome (decision D6) can be reconciled. Same name on
    /// the Renave-WS builder. Default: no journal.
    pub fn diario(mut self, diario: Arc<dyn Diario>) -> Self {
        self.diario = Some(diario);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Erro::Configuracao`] when credentials are missing, the base URL is not `https` (and
    /// [`allow_http`](Self::allow_http) was not set), a route override is malformed, or the
    /// HTTP client cannot be built.
    pub fn build(self) -> Result<ClienteCetMg, Erro> {
        let (Some(consumer_key), Some(consumer_secret)) = (self.consumer_key, self.consumer_secret)
        else {
            return Err(Erro::configuracao(
                "consumer key and consumer secret are required",
                None,
            ));
        };
        let base = self.ambiente.url_base()?;
        match base.scheme() {
            "https" => {}
            "http" if self.allow_http => {}
            _ => {
                return Err(Erro::configuracao(
                    "the base URL must use https (allow_http is for tests only)",
                    None,
                ));
            }
        }
        self.rotas
            .validate()
            .map_err(|e| Erro::configuracao("malformed route override", Some(Box::new(e))))?;
        let mut user_agent = format!("renave-mg-client/{}", env!("CARGO_PKG_VERSION"));
        if let Some(sufixo) = self.sufixo_user_agent.as_deref().map(str::trim) {
            if !sufixo.is_empty() {
                user_agent.push(' ');
                user_agent.push_str(sufixo);
            }
        }
        if !user_agent
            .bytes()
            .all(|b| b == b' ' || b.is_ascii_graphic())
        {
            return Err(Erro::configuracao(
                "the User-Agent suffix must be printable ASCII",
                None,
            ));
        }
        let http = match self.http {
            Some(c) => c,
            None => TransportBuilder::default()
                .connect_timeout(self.timeouts.connect_within_attempt())
                .user_agent(user_agent.clone())
                .allow_http(self.allow_http)
                .build()
                .map_err(|e| {
                    Erro::configuracao("could not build the HTTP client", Some(Box::new(e)))
                })?,
        };
        let mut config = CoreConfig::new(base, user_agent);
        config.timeouts = self.timeouts;
        config.retry = self.retry;
        config.max_response_bytes = self.max_response_bytes;
        config.error_snippet_bytes = self.error_snippet_bytes;
        Ok(ClienteCetMg {
            interno: Arc::new(Interno {
                core: HttpCore::new(config, http),
                rotas: self.rotas,
                consumer_key,
                consumer_secret,
                armazenamento: self
                    .armazenamento
                    .unwrap_or_else(|| Arc::new(ArmazenamentoTokenMemoria::default())),
                renovacao: tokio::sync::Mutex::new(EstadoRenovacao::default()),
                margem_renovacao: self.margem_renovacao,
                pausa_apos_falha_token: self.pausa_apos_falha_token,
                diario: self.diario,
            }),
        })
    }
}
