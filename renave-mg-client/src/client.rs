//! The client: environment, builder, and the one private function every operation goes through
//! (`executar`: route resolution, token, request core, 401 renewal, envelope and errors).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use renave_http::{
    BodySnippet, CoreConfig, Endpoint, ErroParametros, Executar, HttpCore, HttpError, HttpMethod,
    HttpResponse, Idempotency, Opcoes, RequestSpec, Requisicao, RetryBudget, RetryPolicy, Route,
    RouteOverrides, TimeoutKind, Timeouts, TransportBuilder,
};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tracing::Instrument as _;
use url::Url;

use crate::erro::{BoxError, Erro};
use crate::operacoes::autenticacao::{GERAR_TOKEN, SolicitacaoGerarToken};
use crate::sigilo;
use crate::token::{
    ArmazenamentoToken, ArmazenamentoTokenMemoria, EstadoRenovacao, TokenAcesso, TravaRenovacao,
    ler_resposta_token, momento_expiracao, momento_renovacao,
};

/// How long, after a failed token renewal, callers keep using a still-valid token without a
/// new renewal attempt (decision D4: a failing `gerar-token` must not slow every call).
const PAUSA_APOS_FALHA: Duration = Duration::from_secs(30);

/// Default of [`ClienteCetMgBuilder::pausa_apos_falha_token`]: after a failed renewal, how long
/// callers without a valid token get its error instead of a new `gerar-token` request.
const PAUSA_APOS_FALHA_SEM_TOKEN: Duration = Duration::from_secs(2);

/// How long an operation waits for a token-store call it can do without: a write (`put`,
/// `invalidate`), or a second read while it holds a valid token — and never more than a quarter
/// of the time left before its deadline. A write not finished by then goes on in the background
/// until the operation's deadline (see [`ArmazenamentoToken`]).
const ESPERA_ARMAZENAMENTO: Duration = Duration::from_millis(500);

/// While another process holds the token store's renewal lock
/// ([`ArmazenamentoToken::travar_renovacao`]), how often the store is read again for its token
/// (and the lock asked for again).
const ESPERA_TRAVA: Duration = Duration::from_millis(50);

/// The renewal lock asked of the store when the operation has no representable deadline.
const VALIDADE_MAXIMA_TRAVA: Duration = Duration::from_secs(90);

/// The path prefix of every CET-MG route (decision D1): `/api/veiculos/renave/`.
pub const PREFIXO_CAMINHO: &str = "api/veiculos/renave/";

/// The CET-MG environment (*ambiente*), Regulamento Técnico CET-MG §4.1.1 (Fig. 41/42).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Ambiente {
    /// Homologação (the POC): `https://homologacao.apigw.mgapi.prodemge.gov.br`.
    Homologacao,
    /// Produção: `https://apigw-gpur.dcont.prodemge.gov.br`.
    Producao,
    /// Any other gateway root (a simulator, a proxy, or a root with a version segment such as
    /// `https://host/1.0.0/`). The routes are resolved under `<url>/api/veiculos/renave/`.
    Personalizado(Url),
}

impl Ambiente {
    /// The gateway root of the environment (without the `/api/veiculos/renave/` prefix).
    pub fn raiz(&self) -> Result<Url, Erro> {
        let texto = match self {
            Self::Homologacao => "https://homologacao.apigw.mgapi.prodemge.gov.br/",
            Self::Producao => "https://apigw-gpur.dcont.prodemge.gov.br/",
            Self::Personalizado(url) => return Ok(url.clone()),
        };
        Url::parse(texto)
            .map_err(|e| Erro::configuracao("invalid environment URL", Some(Box::new(e))))
    }

    /// The base URL every route is relative to: the root plus `api/veiculos/renave/`.
    pub fn url_base(&self) -> Result<Url, Erro> {
        let mut raiz = self.raiz()?;
        if raiz.cannot_be_a_base() {
            return Err(Erro::configuracao("the base URL cannot be a base", None));
        }
        raiz.set_query(None);
        raiz.set_fragment(None);
        if !raiz.path().ends_with('/') {
            let caminho = format!("{}/", raiz.path());
            raiz.set_path(&caminho);
        }
        raiz.join(PREFIXO_CAMINHO)
            .map_err(|e| Erro::configuracao("invalid base URL", Some(Box::new(e))))
    }
}

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
    orcamento_retry: Option<RetryBudget>,
    limite_concorrencia: Option<usize>,
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
            .field("orcamento_retry", &self.orcamento_retry)
            .field("limite_concorrencia", &self.limite_concorrencia)
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
            orcamento_retry: Some(RetryBudget::default()),
            limite_concorrencia: None,
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

    /// The retry budget shared by every clone of the client (*orçamento de retry*, a token
    /// bucket: see [`RetryBudget`]); `None` bounds retries by the policy's attempts only.
    /// Default [`RetryBudget::default`] (500 tokens, 5 per retry). Same name as the Renave-WS
    /// builder.
    pub fn orcamento_retry(mut self, orcamento: Option<RetryBudget>) -> Self {
        self.orcamento_retry = orcamento;
        self
    }

    /// At most `limite` requests in flight at once through this client and its clones (*limite
    /// de concorrência*; `gerar-token` included); an attempt waits for a slot within the
    /// operation deadline. Default: no limit. Same name as the Renave-WS builder.
    pub fn limite_concorrencia(mut self, limite: Option<usize>) -> Self {
        self.limite_concorrencia = limite;
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
        config.retry_budget = self.orcamento_retry;
        config.concurrency_limit = self.limite_concorrencia;
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
            }),
        })
    }
}

/// Client of the CET-MG "Renave Usados" API (Regulamento Técnico CET-MG §5–§7).
///
/// Cheap to clone (an `Arc` inside): clones share one connection pool and ONE token.
/// Every operation is a method named after the API's operation (decision D8); they are listed
/// in [`ApiCetMg`](crate::ApiCetMg), which this client implements so callers can mock it.
///
/// ```no_run
/// use renave_mg_client::{Ambiente, ClienteCetMg};
/// use secrecy::SecretString;
/// # async fn f() -> Result<(), renave_mg_client::Erro> {
/// let cliente = ClienteCetMg::builder()
///     .ambiente(Ambiente::Homologacao)
///     .credenciais(SecretString::from("consumer-key"), SecretString::from("consumer-secret"))
///     .sufixo_user_agent("minha-integradora/2.1")
///     .build()?;
/// let cores = cliente.consultar_cores().await?;
/// println!("{} cores", cores.dados.len());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct ClienteCetMg {
    interno: Arc<Interno>,
}

struct Interno {
    core: HttpCore,
    rotas: RouteOverrides,
    consumer_key: SecretString,
    consumer_secret: SecretString,
    armazenamento: Arc<dyn ArmazenamentoToken>,
    /// Single flight of token renewals (decision D4), holding the outcome of the last one.
    renovacao: tokio::sync::Mutex<EstadoRenovacao>,
    margem_renovacao: Duration,
    pausa_apos_falha_token: Duration,
}

impl fmt::Debug for ClienteCetMg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.interno;
        f.debug_struct("ClienteCetMg")
            .field("base_url", &i.core.config().base_url.as_str())
            .field("timeouts", &i.core.config().timeouts)
            .field("retry", &i.core.config().retry)
            .field("user_agent", &i.core.config().user_agent)
            .field("rotas", &i.rotas)
            .field("consumer_key", &"[REDACTED]")
            .field("consumer_secret", &"[REDACTED]")
            .field("armazenamento", &i.armazenamento)
            .finish_non_exhaustive()
    }
}

const _: () = {
    const fn envia_e_compartilha<T: Send + Sync + Clone + 'static>() {}
    envia_e_compartilha::<ClienteCetMg>();
};

/// A raw answer of [`ClienteCetMg::executar_bruto`] (decision D2).
#[derive(Clone)]
pub struct RespostaBruta {
    status: u16,
    content_type: Option<String>,
    corpo: Bytes,
}

impl fmt::Debug for RespostaBruta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RespostaBruta")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("tamanho", &self.corpo.len())
            .finish()
    }
}

impl RespostaBruta {
    /// The HTTP status (always 2xx: error statuses are returned as [`Erro`]).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `Content-Type` header.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The body.
    pub fn corpo(&self) -> &[u8] {
        &self.corpo
    }

    /// The body decoded as JSON.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.corpo)
    }

    /// `codigo_retorno` of a JSON body, if present (string or number).
    pub fn codigo_retorno(&self) -> Option<String> {
        let v: Value = serde_json::from_slice(&self.corpo).ok()?;
        codigo_retorno_de(&v)
    }
}

/// The body to send with a request.
enum Corpo<'a> {
    Nenhum,
    Json(&'a Value),
    /// An already serialised JSON body.
    Bytes(Bytes),
}

impl<R: DeserializeOwned + Send + 'static> Executar<R> for ClienteCetMg {
    type Erro = Erro;
    fn executar<'a>(
        &'a self,
        requisicao: Requisicao<Erro>,
        opcoes: Opcoes,
    ) -> Pin<Box<dyn Future<Output = Result<R, Erro>> + Send + 'a>> {
        Box::pin(ClienteCetMg::executar(self, requisicao, opcoes))
    }
}

impl ClienteCetMg {
    /// A builder with defaults (homologação, 10 s connect, 30 s per attempt, 90 s per
    /// operation, 3 attempts for idempotent operations).
    pub fn builder() -> ClienteCetMgBuilder {
        ClienteCetMgBuilder::default()
    }

    /// The base URL routes are resolved against.
    pub fn url_base(&self) -> &Url {
        &self.interno.core.config().base_url
    }

    /// The route the client uses for `endpoint` (its override, if any, else the default).
    pub fn rota(&self, endpoint: &Endpoint) -> Route {
        self.interno.rotas.resolve(endpoint)
    }

    /// Generates a token (*gerar token*, R §5.1, Fig. 57; decision D4): `POST gerar-token` with
    /// `{"consumer_key","consumer_secret"}`. The client calls it by itself when needed; calling
    /// it explicitly stores the new token for every later call.
    ///
    /// One renewal at a time: a call made while another renewal is under way gets that
    /// renewal's token or error, as does a call made less than
    /// [`pausa_apos_falha_token`](ClienteCetMgBuilder::pausa_apos_falha_token) after a failed
    /// renewal. The whole call — waiting for a renewal under way, the request and storing the
    /// token — is bounded by [`Timeouts::operation`]; a store that is slow to keep the token
    /// does not hold it (see [`ArmazenamentoToken`]).
    pub async fn gerar_token(&self) -> Result<TokenAcesso, Erro> {
        let span = span_operacao(GERAR_TOKEN.name);
        let prazo = self.prazo_operacao();
        com_span(&span, async {
            let chegada = Instant::now();
            let vez = self.aguardar_vez(GERAR_TOKEN.name, prazo).await?;
            if let Some(t) = vez.token_desde(chegada) {
                return Ok(t.clone());
            }
            if let Some(erro) =
                vez.falha_compartilhada(chegada, self.interno.pausa_apos_falha_token)
            {
                return Err(erro);
            }
            self.renovar(GERAR_TOKEN.name, vez, prazo, None).await
        })
        .await
    }

    /// Sends any request through the same token, retry and error machinery (decision D2): the
    /// escape hatch for an endpoint or a shape this SDK does not model yet.
    ///
    /// `caminho` is relative to the base URL (`…/api/veiculos/renave/`), without a query;
    /// `idempotencia` decides whether the request may be resent (decision D6). HTTP error
    /// statuses and gateway errors come back as [`Erro`]; a 2xx answer is returned as it is,
    /// whatever its `codigo_retorno` (read it with [`RespostaBruta::codigo_retorno`]).
    ///
    /// ```no_run
    /// use renave_mg_client::{ClienteCetMg, HttpMethod, Idempotency};
    /// # async fn f(cliente: ClienteCetMg) -> Result<(), Box<dyn std::error::Error>> {
    /// let resposta = cliente
    ///     .executar_bruto(
    ///         HttpMethod::Get,
    ///         "tabelas-auxiliares/consultar-cores",
    ///         &[("pagina", "1")],
    ///         None,
    ///         Idempotency::Idempotent,
    ///     )
    ///     .await?;
    /// if resposta.codigo_retorno().as_deref() == Some("000") {
    ///     let valor: serde_json::Value = resposta.json()?;
    ///     println!("{valor}");
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn executar_bruto(
        &self,
        metodo: HttpMethod,
        caminho: &str,
        query: &[(&str, &str)],
        corpo_json: Option<&Value>,
        idempotencia: Idempotency,
    ) -> Result<RespostaBruta, Erro> {
        const OPERACAO: &str = "executar_bruto";
        let prazo = self.prazo_operacao();
        let span = span_operacao(OPERACAO);
        com_span(&span, async {
            let rota = Route::custom(metodo, caminho.trim_start_matches('/'));
            // The route error is not kept as the source: it quotes the path, which may hold a CPF.
            let caminho = rota.render(&[]).map_err(|_| {
                Erro::entrada(
                    OPERACAO,
                    "invalid raw path (RFC 3986 path characters only, no query, no `{}`)",
                )
            })?;
            let mut spec = RequestSpec::new(OPERACAO, metodo, "(raw)", caminho, idempotencia);
            for (k, v) in query {
                spec = spec.query(*k, *v);
            }
            let corpo = corpo_json.map_or(Corpo::Nenhum, Corpo::Json);
            let resp = self
                .enviar_autenticado(OPERACAO, spec, &corpo, prazo)
                .await?;
            span.record("status", resp.status());
            if !resp.is_success() {
                return Err(self.erro_de_resposta(OPERACAO, idempotencia, &resp));
            }
            Ok(RespostaBruta {
                status: resp.status(),
                content_type: resp.content_type().map(str::to_owned),
                corpo: resp.into_body(),
            })
        })
        .await
    }

    /// The one path of every typed operation: validate (the request's
    /// [`Operacao::validar`](renave_http::Operacao::validar) hook, once), resolve the route,
    /// send with the token, interpret the answer (decisions D1–D7). Per-call options
    /// ([`Chamada::prazo`](renave_http::Chamada::prazo), [`Chamada::retry`](renave_http::Chamada::retry))
    /// replace the client's deadline and retry policy for this call only.
    async fn executar<R: DeserializeOwned>(
        &self,
        mut requisicao: Requisicao<Erro>,
        opcoes: Opcoes,
    ) -> Result<R, Erro> {
        let endpoint = requisicao.endpoint().clone();
        let operacao = endpoint.name;
        let prazo = self.prazo_operacao_de(opcoes.prazo);
        let span = span_operacao(operacao);
        com_span(&span, async {
            requisicao.validacao()?;
            let rota = self.interno.rotas.resolve(&endpoint);
            let envio = requisicao.envio(&rota).map_err(|e| Erro::EntradaInvalida {
                operacao: operacao.into(),
                motivo: match e {
                    ErroParametros::Rota(_) => {
                        "a path parameter cannot be placed in the route".into()
                    }
                    _ => "the request cannot be encoded as JSON".into(),
                },
                fonte: Some(Box::new(e)),
            })?;
            let mut spec = RequestSpec::new(
                operacao,
                rota.method(),
                rota.template().to_owned(),
                envio.caminho,
                endpoint.idempotency,
            );
            for (k, v) in envio.consulta {
                spec = spec.query(k, v);
            }
            if let Some(retry) = opcoes.retry {
                spec = spec.with_retry_policy(retry);
            }
            let corpo = envio.corpo.map_or(Corpo::Nenhum, Corpo::Bytes);
            let resp = self
                .enviar_autenticado(operacao, spec, &corpo, prazo)
                .await?;
            span.record("status", resp.status());
            self.decodificar(operacao, endpoint.idempotency, &resp)
        })
        .await
    }

    /// The deadline of an operation starting now: `prazo` (a per-call deadline) or else
    /// [`Timeouts::operation`].
    fn prazo_operacao_de(&self, prazo: Option<Duration>) -> Option<Instant> {
        Instant::now().checked_add(prazo.unwrap_or(self.interno.core.config().timeouts.operation))
    }

    /// The deadline of an operation starting now: [`Timeouts::operation`] covers the token
    /// request, the send and the resend after a 401 together (`None`: too far to represent).
    fn prazo_operacao(&self) -> Option<Instant> {
        Instant::now().checked_add(self.interno.core.config().timeouts.operation)
    }

    /// `spec` limited to what is left until `prazo`: the core gives up (without starting an
    /// attempt) once nothing is left; a request is never cut short from outside the core.
    fn no_prazo(&self, spec: RequestSpec, prazo: Option<Instant>) -> RequestSpec {
        match prazo {
            Some(p) => spec.with_timeouts(Timeouts {
                operation: p.saturating_duration_since(Instant::now()),
                ..self.interno.core.config().timeouts
            }),
            None => spec,
        }
    }

    /// Sends `spec` with the bearer token; on a 401 renews the token once and resends once
    /// (the gateway refuses a 401 before the backend acts, so this is safe for a POST). Token
    /// requests and sends all share the deadline `prazo`.
    async fn enviar_autenticado(
        &self,
        operacao: &str,
        spec: RequestSpec,
        corpo: &Corpo<'_>,
        prazo: Option<Instant>,
    ) -> Result<HttpResponse, Erro> {
        let spec = match corpo {
            Corpo::Nenhum => spec,
            Corpo::Json(v) => spec.json_body(v).map_err(|e| Erro::EntradaInvalida {
                operacao: operacao.into(),
                motivo: "the request cannot be encoded as JSON".into(),
                fonte: Some(Box::new(e)),
            })?,
            Corpo::Bytes(b) => spec.raw_body(b.clone(), "application/json"),
        };
        let token = self.obter_token(operacao, None, prazo).await?;
        let resp = self
            .enviar_com_token(operacao, &spec, &token, prazo)
            .await?;
        if resp.status() != 401 {
            return Ok(resp);
        }
        tracing::debug!(
            operation = operacao,
            "HTTP 401: renewing the token and resending once"
        );
        // The new token is asked for anyway; the store may keep the refused one a while.
        self.invalidar(&token, prazo).await;
        let novo = self.obter_token(operacao, Some(&token), prazo).await?;
        self.enviar_com_token(operacao, &spec, &novo, prazo).await
    }

    async fn enviar_com_token(
        &self,
        operacao: &str,
        spec: &RequestSpec,
        token: &TokenAcesso,
        prazo: Option<Instant>,
    ) -> Result<HttpResponse, Erro> {
        let autorizacao = SecretString::from(format!("Bearer {}", token.valor().expose_secret()));
        let spec = self.no_prazo(spec.clone(), prazo);
        let spec = spec.sensitive_header("authorization", autorizacao);
        self.interno
            .core
            .send(&spec)
            .await
            .map_err(|fonte| erro_transporte(operacao, fonte))
    }

    /// A token valid now: the stored one unless due for renewal (or `rejeitado` by the
    /// gateway), else a new one — one renewal at a time (decision D4). Every store call and the
    /// wait for the renewal lock are bounded by the operation deadline `prazo`.
    ///
    /// While the stored token is still valid, a caller never waits for a renewal: if one is
    /// already under way, or one failed less than [`PAUSA_APOS_FALHA`] ago, it gets the valid
    /// token at once. A caller without one that waited for a renewal takes its outcome, token
    /// or error, and a failed renewal's error is also given, without a new request, to callers
    /// arriving less than [`ClienteCetMgBuilder::pausa_apos_falha_token`] after it.
    async fn obter_token(
        &self,
        operacao: &str,
        rejeitado: Option<&TokenAcesso>,
        prazo: Option<Instant>,
    ) -> Result<TokenAcesso, Erro> {
        let chegada = Instant::now();
        let aceitavel = |t: &TokenAcesso| rejeitado.is_none_or(|r| !t.mesmo_valor(r));
        let em_pausa = |estado: &EstadoRenovacao| {
            estado
                .falhou_em()
                .is_some_and(|f| f.elapsed() < PAUSA_APOS_FALHA)
        };
        let mut vez = None;
        let mut em_maos = None;
        if rejeitado.is_none() {
            if let Some(t) = self.ler_armazenado_ou_falhar(operacao, prazo).await? {
                let agora = SystemTime::now();
                if t.fresco_em(agora) {
                    return Ok(t);
                }
                if t.valido_em(agora) {
                    // Due but valid: renew only if nobody else is renewing and no renewal
                    // failed just now.
                    match self.interno.renovacao.try_lock() {
                        Ok(guarda) if !em_pausa(&guarda) => vez = Some(guarda),
                        _ => return Ok(t),
                    }
                    em_maos = Some(t);
                }
            }
        }
        let vez = match vez {
            Some(guarda) => guarda,
            None => self.aguardar_vez(operacao, prazo).await?,
        };
        let atual = match em_maos {
            // A failing or slow store is an error only when there is no token in hand: with
            // one, its answer is waited for a short while only.
            Some(t) => match self.ler_armazenado(limite_curto(prazo)).await {
                Some(Ok(atual)) => atual,
                Some(Err(fonte)) => {
                    tracing::warn!(error = %fonte, "token store unreadable; using the token in hand");
                    Some(t)
                }
                None => {
                    tracing::warn!(
                        "the token store did not answer in time; using the token in hand"
                    );
                    Some(t)
                }
            },
            None => self.ler_armazenado_ou_falhar(operacao, prazo).await?,
        };
        let agora = SystemTime::now();
        if let Some(t) = &atual {
            if aceitavel(t) && (t.fresco_em(agora) || (t.valido_em(agora) && em_pausa(&vez))) {
                return Ok(t.clone());
            }
        }
        // The renewal this caller waited for (or a fresh token the store has not kept).
        if let Some(t) = vez
            .token_desde(chegada)
            .filter(|t| t.valido_em(agora))
            .or_else(|| vez.token_fresco(agora))
            .filter(|t| aceitavel(t))
        {
            return Ok(t.clone());
        }
        if let Some(erro) = vez.falha_compartilhada(chegada, self.interno.pausa_apos_falha_token) {
            return Err(da_operacao(operacao, erro));
        }
        let em_maos = atual
            .clone()
            .filter(|t| t.valido_em(SystemTime::now()) && aceitavel(t));
        let reuso = Reuso {
            aceitavel: &aceitavel,
            em_maos,
        };
        match self.renovar(operacao, vez, prazo, Some(&reuso)).await {
            Ok(novo) => Ok(novo),
            Err(erro) => match atual {
                Some(t) if t.valido_em(SystemTime::now()) && aceitavel(&t) => {
                    tracing::warn!(
                        error = %erro,
                        "token renewal failed; keeping the still-valid token"
                    );
                    Ok(t)
                }
                _ => Err(da_operacao(operacao, erro)),
            },
        }
    }

    /// Sends `gerar-token` holding the renewal lock `vez` and the store's renewal lock (see
    /// [`travar_entre_processos`](Self::travar_entre_processos)), records the outcome for the
    /// callers waiting on `vez`, releases it, stores a new token and then releases the store's
    /// lock. When another process renewed meanwhile, its stored token is taken instead (and
    /// recorded for the callers waiting on `vez`).
    async fn renovar(
        &self,
        operacao: &str,
        mut vez: tokio::sync::MutexGuard<'_, EstadoRenovacao>,
        prazo: Option<Instant>,
        reuso: Option<&Reuso<'_>>,
    ) -> Result<TokenAcesso, Erro> {
        let trava = match self.travar_entre_processos(operacao, prazo, reuso).await? {
            Turno::Renovar(trava) => trava,
            Turno::Armazenado(t) => {
                vez.registrar_token(t.clone());
                return Ok(t);
            }
            Turno::EmMaos(t) => return Ok(t),
        };
        match self.solicitar_token(prazo).await {
            Ok(novo) => {
                vez.registrar_token(novo.clone());
                // The callers waiting on the lock take the token from `vez`: a slow store
                // holds none of them.
                drop(vez);
                self.guardar(novo.clone(), trava, prazo).await;
                Ok(novo)
            }
            Err(erro) => {
                let erro = vez.registrar_falha(erro);
                drop(vez);
                self.liberar_trava(trava, prazo).await;
                Err(erro)
            }
        }
    }

    /// The store's renewal lock (a single flight across processes sharing the store, see
    /// [`ArmazenamentoToken::travar_renovacao`]), asked for until `prazo`.
    ///
    /// While another process holds it, the store is read every [`ESPERA_TRAVA`]: with `reuso`
    /// (a caller that needs *a* valid token, not an explicit `gerar_token`), a fresh token
    /// there that the caller accepts ends the wait, and a still-valid token in hand is used at
    /// once instead of waiting. Once the lock is granted, the store is read once more (the
    /// previous holder stores its token before releasing the lock), so a token renewed by
    /// another process is never renewed again. A store whose lock fails is logged and the
    /// caller renews without it; a deadline that passes while waiting is the caller's own
    /// timeout (nothing was sent).
    async fn travar_entre_processos(
        &self,
        operacao: &str,
        prazo: Option<Instant>,
        reuso: Option<&Reuso<'_>>,
    ) -> Result<Turno, Erro> {
        let armazenamento = &self.interno.armazenamento;
        loop {
            let restante = prazo.map_or(VALIDADE_MAXIMA_TRAVA, |p| {
                p.saturating_duration_since(Instant::now())
            });
            if restante.is_zero() {
                return Err(self.prazo_esgotado_antes_do_token(operacao));
            }
            let trava = match ate(prazo, armazenamento.travar_renovacao(restante)).await {
                None => return Err(self.prazo_esgotado_antes_do_token(operacao)),
                Some(Err(fonte)) => {
                    tracing::warn!(
                        error = %fonte,
                        "the token store's renewal lock is unavailable; renewing without it"
                    );
                    return Ok(Turno::Renovar(TravaRenovacao::local()));
                }
                Some(Ok(trava)) => trava,
            };
            if let Some(reuso) = reuso {
                if trava.as_ref().is_none_or(|t| !t.e_local()) {
                    if let Some(Ok(Some(t))) = self.ler_armazenado(prazo).await {
                        if (reuso.aceitavel)(&t) && t.fresco_em(SystemTime::now()) {
                            if let Some(trava) = trava {
                                self.liberar_trava(trava, prazo).await;
                            }
                            return Ok(Turno::Armazenado(t));
                        }
                    }
                }
                if trava.is_none() {
                    if let Some(t) = reuso
                        .em_maos
                        .as_ref()
                        .filter(|t| t.valido_em(SystemTime::now()))
                    {
                        return Ok(Turno::EmMaos(t.clone()));
                    }
                }
            }
            if let Some(trava) = trava {
                return Ok(Turno::Renovar(trava));
            }
            // Another process renews: ask again shortly (the deadline is checked above).
            let _ = ate(prazo, tokio::time::sleep(ESPERA_TRAVA)).await;
        }
    }

    /// The renewal lock (single flight, decision D4), waited for until `prazo` at most by the
    /// caller of `operacao`.
    async fn aguardar_vez(
        &self,
        operacao: &str,
        prazo: Option<Instant>,
    ) -> Result<tokio::sync::MutexGuard<'_, EstadoRenovacao>, Erro> {
        ate(prazo, self.interno.renovacao.lock())
            .await
            .ok_or_else(|| self.prazo_esgotado_antes_do_token(operacao))
    }

    /// The error of a caller of `operacao` whose deadline passed while it waited for another
    /// caller's token renewal: neither its `gerar-token` request nor its operation was sent
    /// (reported under the operation called).
    fn prazo_esgotado_antes_do_token(&self, operacao: &str) -> Erro {
        Erro::Transporte {
            operacao: operacao.into(),
            fonte: HttpError::Timeout {
                operation: operacao.into(),
                attempts: 0,
                deadline: self.interno.core.config().timeouts.operation,
                may_have_executed: false,
                kind: TimeoutKind::Operation,
                idempotency: GERAR_TOKEN.idempotency,
            },
        }
    }

    /// Reads the store until `limite`; `None` when it did not answer by then.
    async fn ler_armazenado(
        &self,
        limite: Option<Instant>,
    ) -> Option<Result<Option<TokenAcesso>, BoxError>> {
        ate(limite, self.interno.armazenamento.get()).await
    }

    /// Reads the store when there is no token in hand to fall back on: a store that fails, or
    /// does not answer before `prazo`, fails the operation (nothing was sent).
    async fn ler_armazenado_ou_falhar(
        &self,
        operacao: &str,
        prazo: Option<Instant>,
    ) -> Result<Option<TokenAcesso>, Erro> {
        match self.ler_armazenado(prazo).await {
            Some(lido) => lido.map_err(|fonte| Erro::ArmazenamentoToken {
                operacao: operacao.into(),
                fonte,
            }),
            None => Err(Erro::ArmazenamentoTokenSemResposta {
                operacao: operacao.into(),
                prazo: self.interno.core.config().timeouts.operation,
            }),
        }
    }

    /// Stores a new token, then releases the store's renewal lock `trava` (in that order: a
    /// process waiting for the lock finds the token once it is free); a store failure is only
    /// logged (the caller keeps the token in hand, and the next call asks the store again).
    async fn guardar(&self, token: TokenAcesso, trava: TravaRenovacao, prazo: Option<Instant>) {
        let armazenamento = Arc::clone(&self.interno.armazenamento);
        self.escrever(
            prazo,
            "the token store could not keep the new token; using it anyway",
            async move {
                let guardado = armazenamento.put(token).await;
                if !trava.e_local() {
                    if let Err(fonte) = armazenamento.liberar_renovacao(trava).await {
                        tracing::warn!(
                            error = %fonte,
                            "the token store could not release the renewal lock (it expires by itself)"
                        );
                    }
                }
                guardado
            },
        )
        .await;
    }

    /// Releases the store's renewal lock `trava` (nothing for a local one); a failure is only
    /// logged (the lock expires by itself).
    async fn liberar_trava(&self, trava: TravaRenovacao, prazo: Option<Instant>) {
        if trava.e_local() {
            return;
        }
        let armazenamento = Arc::clone(&self.interno.armazenamento);
        self.escrever(
            prazo,
            "the token store could not release the renewal lock (it expires by itself)",
            async move { armazenamento.liberar_renovacao(trava).await },
        )
        .await;
    }

    /// Tells the store the gateway refused `rejeitado`; a store failure is only logged.
    async fn invalidar(&self, rejeitado: &TokenAcesso, prazo: Option<Instant>) {
        let armazenamento = Arc::clone(&self.interno.armazenamento);
        let rejeitado = rejeitado.clone();
        self.escrever(
            prazo,
            "the token store could not forget the refused token",
            async move { armazenamento.invalidate(&rejeitado).await },
        )
        .await;
    }

    /// Runs a store write in a task of its own, bounded by the operation deadline `prazo`, and
    /// waits for it only until [`limite_curto`]: a slow store never holds the operation, and a
    /// write that fails or is still unfinished at the deadline is logged (WARN, with the store's
    /// error, never the token).
    async fn escrever<F>(&self, prazo: Option<Instant>, falha: &'static str, escrita: F)
    where
        F: std::future::Future<Output = Result<(), BoxError>> + Send + 'static,
    {
        let tarefa = tokio::spawn(
            async move {
                match ate(prazo, escrita).await {
                    Some(Ok(())) => {}
                    Some(Err(fonte)) => tracing::warn!(error = %fonte, "{falha}"),
                    None => tracing::warn!("{falha}: no answer within the operation deadline"),
                }
            }
            .instrument(tracing::Span::current()),
        );
        match ate(limite_curto(prazo), tarefa).await {
            Some(Ok(())) => {}
            Some(Err(_)) => tracing::warn!("{falha}: the store's call did not finish"),
            None => tracing::debug!("the token store is slow; going on without waiting for it"),
        }
    }

    /// `POST gerar-token` (no bearer token), read leniently, within `prazo`.
    async fn solicitar_token(&self, prazo: Option<Instant>) -> Result<TokenAcesso, Erro> {
        let operacao = GERAR_TOKEN.name;
        let rota = self.interno.rotas.resolve(&GERAR_TOKEN);
        let corpo = SolicitacaoGerarToken {
            consumer_key: self.interno.consumer_key.expose_secret(),
            consumer_secret: self.interno.consumer_secret.expose_secret(),
        };
        let spec = RequestSpec::from_endpoint(&GERAR_TOKEN, &rota, &[])
            .map_err(|e| Erro::configuracao("malformed gerar-token route", Some(Box::new(e))))?
            .json_body(&corpo)
            .map_err(|e| Erro::configuracao("cannot encode the credentials", Some(Box::new(e))))?;
        let spec = self.no_prazo(spec, prazo);
        let obtido = SystemTime::now();
        let resp = self
            .interno
            .core
            .send(&spec)
            .await
            .map_err(|fonte| erro_transporte(operacao, fonte))?;
        let valor: Value = self
            .decodificar(operacao, Idempotency::Idempotent, &resp)
            .map_err(|erro| match erro {
                // A 2xx body that is not JSON may be the token itself: never keep it.
                Erro::RespostaInvalida {
                    operacao,
                    status,
                    motivo,
                    fonte,
                    ..
                } => Erro::RespostaInvalida {
                    operacao,
                    status,
                    motivo,
                    trecho: BodySnippet::from_bytes(b"", 0),
                    fonte,
                },
                outro => outro,
            })?;
        let Some(lido) = ler_resposta_token(&valor, obtido) else {
            return Err(Erro::RespostaInvalida {
                operacao: operacao.into(),
                status: resp.status(),
                motivo: "no access_token, token or jwt field in the gerar-token answer".into(),
                // Never keep this body: it holds a token.
                trecho: BodySnippet::from_bytes(b"", 0),
                fonte: None,
            });
        };
        let expira = momento_expiracao(obtido, lido.validade);
        let renovar = momento_renovacao(obtido, lido.validade, self.interno.margem_renovacao);
        Ok(TokenAcesso::new(
            SecretString::from(lido.valor),
            expira,
            renovar,
        ))
    }

    /// Interprets an answer: HTTP errors, the WSO2 gateway's errors, the CET-MG envelope
    /// (`codigo_retorno` `"000"` = success) and the decoding of `T`.
    fn decodificar<T: DeserializeOwned>(
        &self,
        operacao: &str,
        idempotencia: Idempotency,
        resp: &HttpResponse,
    ) -> Result<T, Erro> {
        if !resp.is_success() {
            return Err(self.erro_de_resposta(operacao, idempotencia, resp));
        }
        let corpo = resp.body();
        let valor: Value = if corpo.iter().all(u8::is_ascii_whitespace) {
            Value::Object(serde_json::Map::new())
        } else {
            serde_json::from_slice(corpo).map_err(|e| Erro::RespostaInvalida {
                operacao: operacao.into(),
                status: resp.status(),
                motivo: "the body is not JSON".into(),
                trecho: self.trecho(resp),
                fonte: Some(Box::new(e)),
            })?
        };
        // Fail closed: a code the SDK cannot read (a boolean, a negative or fractional number,
        // an array, an object) is not "no code" and never a success.
        let codigo = ler_codigo_retorno(&valor).map_err(|tipo| Erro::RespostaInvalida {
            operacao: operacao.into(),
            status: resp.status(),
            motivo: format!(
                "codigo_retorno is not understood ({tipo}, not a text or a non-negative integer)"
            ),
            trecho: self.trecho(resp),
            fonte: None,
        })?;
        if let Some(codigo) = codigo {
            if codigo != "000" {
                return Err(Erro::Negocio {
                    operacao: operacao.into(),
                    status: resp.status(),
                    codigo_retorno: sigilo::ocultar(codigo),
                    mensagem: mensagem_de(&valor).map(sigilo::ocultar),
                    tentativas: resp.attempts(),
                });
            }
        }
        serde_json::from_value(valor).map_err(|e| {
            // serde quotes the value it refused (`invalid type: string "…"`): masked, and kept
            // as text rather than as the serde error itself.
            let causa = sigilo::ocultar(e.to_string());
            Erro::RespostaInvalida {
                operacao: operacao.into(),
                status: resp.status(),
                motivo: "the body is not the expected shape".into(),
                trecho: self.trecho(resp),
                fonte: Some(Box::new(sigilo::MensagemOculta(causa))),
            }
        })
    }

    fn trecho(&self, resp: &HttpResponse) -> BodySnippet {
        sigilo::trecho(resp.body(), self.interno.core.config().error_snippet_bytes)
    }

    /// The error of a non-2xx answer: the gateway's own body, the CET-MG envelope, or any other
    /// body (HTML…) kept as a snippet (decision D7).
    fn erro_de_resposta(
        &self,
        operacao: &str,
        idempotencia: Idempotency,
        resp: &HttpResponse,
    ) -> Erro {
        let status = resp.status();
        // D6: after any 5xx but 503 a state-changing request may have executed (the one rule,
        // shared with Renave-WS).
        let resultado_incerto = renave_http::retry::outcome_unknown(idempotencia, status);
        let tentativas = resp.attempts();
        let retry_after = resp
            .header("retry-after")
            .and_then(|v| renave_http::retry::parse_retry_after(v, SystemTime::now()));
        let valor: Option<Value> = serde_json::from_slice(resp.body()).ok();
        if let Some(v) = &valor {
            if let Some((codigo, mensagem, descricao)) = erro_gateway(v) {
                return Erro::Gateway {
                    operacao: operacao.into(),
                    status,
                    codigo: codigo.map(sigilo::ocultar),
                    mensagem: mensagem.map(sigilo::ocultar),
                    descricao: descricao.map(sigilo::ocultar),
                    tentativas,
                    retry_after,
                    resultado_incerto,
                };
            }
        }
        Erro::Http {
            operacao: operacao.into(),
            status,
            codigo_retorno: valor
                .as_ref()
                .and_then(codigo_retorno_de)
                .map(sigilo::ocultar),
            mensagem: valor.as_ref().and_then(mensagem_de).map(sigilo::ocultar),
            tentativas,
            retry_after,
            trecho: self.trecho(resp),
            resultado_incerto,
        }
    }
}

/// What a caller that needs a valid token (not an explicit `gerar_token`) accepts instead of
/// renewing itself while another process renews (see
/// [`ClienteCetMg::travar_entre_processos`]).
struct Reuso<'a> {
    /// Whether a token is acceptable (not the one the gateway just refused).
    aceitavel: &'a (dyn Fn(&TokenAcesso) -> bool + Send + Sync),
    /// A still-valid, acceptable token in hand (due for renewal).
    em_maos: Option<TokenAcesso>,
}

/// How the wait for the store's renewal lock ended.
enum Turno {
    /// This process renews, holding this lock.
    Renovar(TravaRenovacao),
    /// Another process renewed: its fresh token, read from the store.
    Armazenado(TokenAcesso),
    /// Another process is renewing: the still-valid token in hand is used meanwhile.
    EmMaos(TokenAcesso),
}

/// `futuro`, unless `limite` passes first (`None`); without a limit, `futuro` as it is.
async fn ate<F: std::future::Future>(limite: Option<Instant>, futuro: F) -> Option<F::Output> {
    match limite {
        Some(l) => tokio::time::timeout_at(tokio::time::Instant::from_std(l), futuro)
            .await
            .ok(),
        None => Some(futuro.await),
    }
}

/// Until when an operation with deadline `prazo` waits for a store call it can do without:
/// [`ESPERA_ARMAZENAMENTO`], and never more than a quarter of the time left.
fn limite_curto(prazo: Option<Instant>) -> Option<Instant> {
    let agora = Instant::now();
    let espera = prazo.map_or(ESPERA_ARMAZENAMENTO, |p| {
        (p.saturating_duration_since(agora) / 4).min(ESPERA_ARMAZENAMENTO)
    });
    agora.checked_add(espera)
}

/// Hooks of the mutation campaign (`tests/fuzz_*.rs`, hidden feature `fuzz`, `docs/fuzz.md`):
/// the answer interpretation of the typed operations and of `gerar-token`, reached without a
/// network. Not a public API.
#[cfg(feature = "fuzz")]
impl ClienteCetMg {
    /// Interprets `resp` exactly as every typed operation does (`decodificar`: the HTTP and
    /// gateway errors, the `codigo_retorno` envelope, the decoding of `T`).
    #[doc(hidden)]
    pub fn fuzz_interpretar<T: DeserializeOwned>(
        &self,
        operacao: &str,
        idempotencia: Idempotency,
        resp: &HttpResponse,
    ) -> Result<T, Erro> {
        self.decodificar(operacao, idempotencia, resp)
    }

    /// What `gerar-token` keeps of a decoded answer obtained at `obtido`: the token's length,
    /// its lifetime, its expiry and its renewal instant (`None`: no usable token).
    #[doc(hidden)]
    pub fn fuzz_ler_token(
        &self,
        corpo: &Value,
        obtido: SystemTime,
    ) -> Option<(usize, Duration, SystemTime, SystemTime)> {
        let lido = ler_resposta_token(corpo, obtido)?;
        Some((
            lido.valor.len(),
            lido.validade,
            momento_expiracao(obtido, lido.validade),
            momento_renovacao(obtido, lido.validade, self.interno.margem_renovacao),
        ))
    }
}

/// The `renave.cetmg` span of one operation (see [`com_span`]).
fn span_operacao(operacao: &str) -> tracing::Span {
    tracing::info_span!(
        "renave.cetmg",
        operation = operacao,
        status = tracing::field::Empty,
        outcome = tracing::field::Empty,
        codigo_retorno = tracing::field::Empty,
        elapsed_ms = tracing::field::Empty,
    )
}

/// Runs one operation inside its `renave.cetmg` span (fields `operation`, `status`, `outcome`,
/// `codigo_retorno`, `elapsed_ms`): the token request, every attempt (`renave.http` spans of the
/// request core) and a 401 resend are its children. Only the operation name, the HTTP status,
/// the outcome and the service's code are recorded — never a path, a body, a message or a
/// token.
async fn com_span<T>(
    span: &tracing::Span,
    operacao_futura: impl std::future::Future<Output = Result<T, Erro>>,
) -> Result<T, Erro> {
    let inicio = std::time::Instant::now();
    let resultado = operacao_futura.instrument(span.clone()).await;
    span.record(
        "elapsed_ms",
        u64::try_from(inicio.elapsed().as_millis()).unwrap_or(u64::MAX),
    );
    match &resultado {
        Ok(_) => {
            span.record("outcome", "ok");
        }
        Err(erro) => {
            span.record("outcome", tipo_de_erro(erro));
            if let Some(status) = erro.status() {
                span.record("status", status);
            }
            if let Some(codigo) = erro.codigo() {
                // Masked when the error was built.
                span.record("codigo_retorno", codigo);
            }
        }
    }
    resultado
}

/// The kind of an error, for the span (never its message).
fn tipo_de_erro(erro: &Erro) -> &'static str {
    match erro {
        Erro::EntradaInvalida { .. } | Erro::DocumentosFaltantes { .. } => "invalid_input",
        Erro::Configuracao { .. } => "configuration",
        Erro::Transporte { fonte, .. } if fonte.outcome_unknown() => "transport_outcome_unknown",
        Erro::Transporte { .. } => "transport",
        Erro::Token { .. } => "token",
        Erro::Gateway { .. } => "gateway",
        Erro::Http { .. } => "http",
        Erro::Negocio { .. } => "business",
        Erro::RespostaInvalida { .. } => "undecodable",
        Erro::Documento { .. } => "document",
        Erro::ArmazenamentoToken { .. } => "token_store",
        Erro::ArmazenamentoTokenSemResposta { .. } => "token_store_timeout",
        Erro::NaoImplementado { .. } => "not_implemented",
    }
}

/// A transport error of `operacao`. Whether it leaves the outcome unknown is the core's
/// decision (`HttpError::outcome_unknown`, which knows the idempotency the request was sent
/// with).
fn erro_transporte(operacao: &str, fonte: renave_http::HttpError) -> Erro {
    Erro::Transporte {
        operacao: operacao.into(),
        fonte,
    }
}

/// A token request's error for the caller of `operacao`: reported under the operation called
/// ([`Erro::Token`], with the `gerar_token` error as its source), unless the caller called
/// `gerar_token` itself or the error already names the operation.
fn da_operacao(operacao: &str, erro: Erro) -> Erro {
    if operacao == GERAR_TOKEN.name || erro.operacao() == Some(operacao) {
        return erro;
    }
    Erro::Token {
        operacao: operacao.into(),
        fonte: Box::new(erro),
    }
}

/// A JSON scalar as text (`"000"` or `0` → `"000"` for `codigo_retorno`).
fn texto_de(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `codigo_retorno` of a body (string, or number padded to three digits).
pub(crate) fn codigo_retorno_de(v: &Value) -> Option<String> {
    ler_codigo_retorno(v).ok().flatten()
}

/// `codigo_retorno` of a body: `Ok(None)` when absent or `null`, the trimmed text of a string,
/// a non-negative integer padded to three digits; any other JSON value (a boolean, a negative
/// or fractional number, an array, an object) is `Err` with its JSON type.
fn ler_codigo_retorno(v: &Value) -> Result<Option<String>, &'static str> {
    match v.get("codigo_retorno") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
        Some(Value::Number(n)) => n
            .as_u64()
            .map(|n| Some(format!("{n:03}")))
            .ok_or("a negative or fractional number"),
        Some(outro) => Err(crate::operacoes::tipo_json(outro)),
    }
}

/// `mensagem_retorno`, else `mensagem`, else `message` of a body.
fn mensagem_de(v: &Value) -> Option<String> {
    ["mensagem_retorno", "mensagem", "message"]
        .iter()
        .find_map(|k| v.get(*k).and_then(texto_de))
        .filter(|s| !s.is_empty())
}

/// Recognises a WSO2 gateway error body: `{"code": "900901"|900901, "message", "description"}`
/// or the older `{"fault": {"code", "message", "description"}}`. Codes: `9009xx`
/// authentication/authorisation, `9008xx` throttling, and the gateway's own transport errors
/// `101xxx`/`303xxx` (e.g. `101504` send timeout, `303001` endpoint suspended) — six digits.
fn erro_gateway(v: &Value) -> Option<(Option<String>, Option<String>, Option<String>)> {
    let (obj, fault) = match v.get("fault") {
        Some(f @ Value::Object(_)) => (f, true),
        _ => (v, false),
    };
    let codigo = obj.get("code").and_then(texto_de);
    let de_gateway = fault
        || codigo.as_deref().is_some_and(|c| {
            c.len() == 6
                && c.bytes().all(|b| b.is_ascii_digit())
                && ["90", "101", "303"].iter().any(|p| c.starts_with(p))
        });
    if !de_gateway {
        return None;
    }
    let campo = |k: &str| obj.get(k).and_then(texto_de).filter(|s| !s.is_empty());
    Some((codigo, campo("message"), campo("description")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn codigo_retorno_em_texto_ou_numero() {
        assert_eq!(
            codigo_retorno_de(&json!({"codigo_retorno": "000"})).as_deref(),
            Some("000")
        );
        assert_eq!(
            codigo_retorno_de(&json!({"codigo_retorno": 0})).as_deref(),
            Some("000")
        );
        assert_eq!(
            codigo_retorno_de(&json!({"codigo_retorno": 42})).as_deref(),
            Some("042")
        );
        assert_eq!(
            codigo_retorno_de(&json!({"codigo_retorno": " 101 "})).as_deref(),
            Some("101")
        );
        assert_eq!(codigo_retorno_de(&json!({"x": 1})), None);
        assert_eq!(codigo_retorno_de(&json!([1])), None);
    }

    #[test]
    fn corpos_do_gateway_reconhecidos() {
        let (c, m, d) = erro_gateway(
            &json!({"code": "900901", "message": "Invalid Credentials", "description": "d"}),
        )
        .unwrap();
        assert_eq!(
            (c.as_deref(), m.as_deref(), d.as_deref()),
            (Some("900901"), Some("Invalid Credentials"), Some("d"))
        );
        let (c, _, _) =
            erro_gateway(&json!({"fault": {"code": 900_908, "message": "Resource forbidden"}}))
                .unwrap();
        assert_eq!(c.as_deref(), Some("900908"));
        assert!(erro_gateway(&json!({"code": "404", "message": "x"})).is_none());
        assert!(
            erro_gateway(
                &json!({"code": 101_504, "message": "Runtime Error", "description": "Send timeout"})
            )
            .is_some()
        );
        assert!(erro_gateway(&json!({"code": "123456"})).is_none());
        assert!(erro_gateway(&json!({"codigo_retorno": "400"})).is_none());
    }

    #[test]
    fn mensagem_preferida() {
        assert_eq!(
            mensagem_de(&json!({"mensagem_retorno": "a", "mensagem": "b"})).as_deref(),
            Some("a")
        );
        assert_eq!(mensagem_de(&json!({"mensagem": "b"})).as_deref(), Some("b"));
        assert_eq!(mensagem_de(&json!({"mensagem": ""})), None);
    }

    #[tokio::test]
    async fn espera_pela_renovacao_limitada_pelo_prazo() {
        // Nothing listens there: this caller must not even try.
        let cliente = ClienteCetMg::builder()
            .ambiente(Ambiente::Personalizado(
                "http://127.0.0.1:9/".parse().unwrap(),
            ))
            .credenciais(SecretString::from("chave"), SecretString::from("segredo"))
            .allow_http(true)
            .timeouts(Timeouts {
                connect: Duration::from_secs(1),
                per_attempt: Duration::from_secs(1),
                operation: Duration::from_secs(1),
            })
            .build()
            .unwrap();
        // Another caller's renewal holds the lock for longer than this caller's deadline.
        let _vez = cliente.interno.renovacao.lock().await;
        let guarda = Duration::from_secs(30);
        let inicio = Instant::now();
        let erro = tokio::time::timeout(guarda, cliente.consultar_cores())
            .await
            .expect("the wait for the renewal lock must end at the deadline")
            .unwrap_err();
        let erro_explicito = tokio::time::timeout(guarda, cliente.gerar_token())
            .await
            .expect("gerar_token must not wait past its deadline either")
            .unwrap_err();
        assert!(
            inicio.elapsed() < Duration::from_secs(2 + 4),
            "{:?}",
            inicio.elapsed()
        );
        // Each is reported under the operation its caller called (the token step was its
        // part of the deadline), not under `gerar_token` for both.
        for (erro, chamada) in [(erro, "consultar_cores"), (erro_explicito, "gerar_token")] {
            assert!(
                matches!(
                    &erro,
                    Erro::Transporte {
                        fonte: HttpError::Timeout {
                            attempts: 0,
                            may_have_executed: false,
                            ..
                        },
                        ..
                    }
                ),
                "{erro:?}"
            );
            assert!(!erro.resultado_incerto(), "{erro:?}");
            assert_eq!(erro.operacao(), Some(chamada));
            assert_eq!(erro.tentativas(), Some(0));
        }
    }

    fn json_arbitrario() -> impl Strategy<Value = Value> {
        let folha = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            any::<f64>().prop_map(|f| json!(f)),
            ".{0,12}".prop_map(Value::String),
        ];
        folha.prop_recursive(3, 24, 6, |interno| {
            prop_oneof![
                prop::collection::vec(interno.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(
                    prop_oneof![
                        Just("codigo_retorno".to_owned()),
                        Just("code".to_owned()),
                        Just("fault".to_owned()),
                        Just("mensagem".to_owned()),
                        Just("access_token".to_owned()),
                        Just("expires_in".to_owned()),
                        Just("dados".to_owned()),
                        "[a-z_]{1,8}",
                    ],
                    interno,
                    0..5
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn interpretacao_nunca_entra_em_panico(v in json_arbitrario()) {
            let _ = codigo_retorno_de(&v);
            let _ = mensagem_de(&v);
            let _ = erro_gateway(&v);
            let _ = crate::token::ler_resposta_token(&v, SystemTime::now());
            let _ = serde_json::from_value::<crate::operacoes::Lista<Value>>(v.clone());
            let _ = serde_json::from_value::<crate::operacoes::dae::RespostaEmitirGuiaDae>(v.clone());
            let _ = serde_json::from_value::<crate::operacoes::estoque::RespostaAptidaoVeiculoEstoque>(v.clone());
            let _ = serde_json::from_value::<crate::operacoes::agenda::DataComVaga>(v);
        }

        #[test]
        fn codigo_retorno_numerico_tem_tres_digitos(n in 0u64..1000) {
            let c = codigo_retorno_de(&json!({"codigo_retorno": n})).unwrap();
            prop_assert_eq!(c.len(), 3);
            prop_assert_eq!(c.parse::<u64>().unwrap(), n);
        }
    }
}
