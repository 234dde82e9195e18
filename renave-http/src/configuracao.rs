//! The configuration vocabulary both clients share: the environment ([`Ambiente`]), how an
//! environment's URL is checked ([`ErroAmbiente`]), the `User-Agent` of a client
//! ([`user_agent`]), and the options both client builders have ([`OpcoesComuns`]), turned into
//! a request core once ([`OpcoesComuns::montar`]).
//!
//! Each client resolves an [`Ambiente`] to its own hosts (the CET-MG client to the PRODEMGE
//! gateway roots, the Renave-WS client to the SERPRO `/renave-ws/` bases) with
//! [`Ambiente::resolver`]; the rules on the URL itself (https, the loopback-only test mode) are
//! written here once.

use std::fmt;
use std::sync::Arc;

use url::{Host, Url};

use crate::contrato::{Contrato, ContratoAtivo, ErroContrato};
use crate::diario::Diario;
use crate::transport::TransportBuilder;
use crate::{
    CoreConfig, HttpCore, HttpError, RetryBudget, RetryPolicy, RouteError, RouteOverrides, Timeouts,
};

/// The environment (*ambiente*) a client talks to: one notion for both clients (Regulamento
/// Técnico CET-MG §4.1.1; `renave-ws.md` §1.1).
///
/// There is no default: a client builder refuses to build without one, so a test that forgets
/// to set it can never reach a government host.
///
/// ```
/// use renave_http::Ambiente;
/// // A simulator or a wiremock server on this machine: the explicit test mode.
/// let local = Ambiente::Local("http://127.0.0.1:8080/".parse()?);
/// assert!(local.resolver("https://hom.example/", "https://prod.example/", false).is_ok());
/// // Anything else is refused by `Local`, naming the host.
/// let erro = Ambiente::Local("http://example.com/".parse()?)
///     .resolver("https://hom.example/", "https://prod.example/", false)
///     .unwrap_err();
/// assert!(erro.to_string().contains("example.com"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Ambiente {
    /// Homologação (*homologação*, the test environment of the government service; the CET-MG
    /// POC runs there).
    Homologacao,
    /// Production (*produção*).
    Producao,
    /// Any other gateway or base URL: a proxy, an API gateway with a version segment… It must
    /// use `https`, unless the builder's `permitir_http(true)` explicitly allows plain `http`.
    Personalizado(Url),
    /// The explicit **test mode**: a simulator or a mock server on this machine. Only a loopback
    /// host is accepted (`127.0.0.0/8`, `::1`, `localhost`); plain `http` is allowed without any
    /// other switch.
    Local(Url),
}

impl Ambiente {
    /// Whether this is the test mode ([`Ambiente::Local`]).
    #[must_use]
    pub fn e_local(&self) -> bool {
        matches!(self, Self::Local(_))
    }

    /// The root URL of this environment for one API: `homologacao` or `producao` (the API's
    /// own hosts, kept and documented by its client), or the URL given, checked. The result
    /// has no query or fragment and its path ends in `/`, so routes resolve under it.
    ///
    /// `permitir_http` is the builder's explicit permission for a plain `http`
    /// [`Personalizado`](Self::Personalizado) URL; [`Local`](Self::Local) needs none.
    ///
    /// # Errors
    ///
    /// [`ErroAmbiente`] when the URL cannot be a base, its scheme is not `https` (nor an allowed
    /// `http`), or a [`Local`](Self::Local) URL's host is not a loopback host.
    pub fn resolver(
        &self,
        homologacao: &str,
        producao: &str,
        permitir_http: bool,
    ) -> Result<Url, ErroAmbiente> {
        let mut url = match self {
            Self::Homologacao => Url::parse(homologacao).map_err(|_| ErroAmbiente::UrlInvalida)?,
            Self::Producao => Url::parse(producao).map_err(|_| ErroAmbiente::UrlInvalida)?,
            Self::Personalizado(url) | Self::Local(url) => url.clone(),
        };
        if url.cannot_be_a_base() {
            return Err(ErroAmbiente::NaoBase);
        }
        match (self, url.scheme()) {
            (_, "https") | (Self::Local(_), "http") => {}
            (Self::Personalizado(_), "http") if permitir_http => {}
            (_, esquema) => {
                return Err(ErroAmbiente::EsquemaRecusado {
                    esquema: esquema.to_owned(),
                });
            }
        }
        if self.e_local() && !host_de_loopback(url.host().as_ref()) {
            return Err(ErroAmbiente::NaoLocal {
                host: url.host_str().unwrap_or_default().to_owned(),
            });
        }
        url.set_query(None);
        url.set_fragment(None);
        if !url.path().ends_with('/') {
            let caminho = format!("{}/", url.path());
            url.set_path(&caminho);
        }
        Ok(url)
    }
}

/// Whether `host` is this machine: `127.0.0.0/8`, `::1` or `localhost`.
fn host_de_loopback(host: Option<&Host<&str>>) -> bool {
    match host {
        Some(Host::Domain(nome)) => {
            let nome = nome.strip_suffix('.').unwrap_or(nome);
            nome.eq_ignore_ascii_case("localhost")
        }
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Why an [`Ambiente`] cannot be used. The URL is not secret, but only its host or scheme is
/// quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErroAmbiente {
    /// [`Ambiente::Local`] was given a host that is not a loopback host.
    NaoLocal {
        /// The host refused (empty when the URL has none).
        host: String,
    },
    /// The scheme is not `https`, and not an `http` the environment allows.
    EsquemaRecusado {
        /// The scheme refused.
        esquema: String,
    },
    /// The URL cannot be a base URL (e.g. `mailto:`).
    NaoBase,
    /// A built-in URL of the client does not parse (a bug of the SDK).
    UrlInvalida,
}

impl fmt::Display for ErroAmbiente {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NaoLocal { host } => write!(
                f,
                "Ambiente::Local accepts only a loopback host (127.0.0.0/8, ::1, localhost), \
                 not `{host}`: use Ambiente::Personalizado for another host"
            ),
            Self::EsquemaRecusado { esquema } => write!(
                f,
                "the base URL must use https, not `{esquema}` (plain http: Ambiente::Local for a \
                 server on this machine, or permitir_http(true) with Ambiente::Personalizado)"
            ),
            Self::NaoBase => f.write_str("the base URL cannot be a base URL"),
            Self::UrlInvalida => f.write_str("invalid built-in environment URL"),
        }
    }
}

impl std::error::Error for ErroAmbiente {}

/// Why a `User-Agent` cannot be built ([`user_agent`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErroUserAgent;

impl fmt::Display for ErroUserAgent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the User-Agent suffix must be printable ASCII")
    }
}

impl std::error::Error for ErroUserAgent {}

/// The `User-Agent` of a client: `<produto>` (e.g. `renave-mg-client/0.1.0`), then the
/// builder's `sufixo_user_agent` trimmed, if not empty — one rule for both clients.
///
/// ```
/// assert_eq!(
///     renave_http::user_agent("renave-ws-client/1.0", Some("  minha/2.1 ")).unwrap(),
///     "renave-ws-client/1.0 minha/2.1"
/// );
/// assert_eq!(renave_http::user_agent("x/1", Some("   ")).unwrap(), "x/1");
/// assert!(renave_http::user_agent("x/1", Some("quebra\nde linha")).is_err());
/// ```
///
/// # Errors
///
/// [`ErroUserAgent`] when the result is not printable ASCII (a header cannot carry it).
pub fn user_agent(produto: &str, sufixo: Option<&str>) -> Result<String, ErroUserAgent> {
    let mut ua = produto.to_owned();
    if let Some(sufixo) = sufixo.map(str::trim).filter(|s| !s.is_empty()) {
        ua.push(' ');
        ua.push_str(sufixo);
    }
    if ua.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
        Ok(ua)
    } else {
        Err(ErroUserAgent)
    }
}

/// The options both client builders have, under the same names (the rule is in
/// `ARCHITECTURE.md`): `ambiente`, `prazos`, `retentativas`, `sufixo_user_agent`,
/// `cliente_http`, `rota`/`rotas`, `permitir_http`, `limite_resposta_bytes`, `orcamento_retentativas`,
/// `limite_concorrencia`, `diario`. A client builder
/// keeps one of these and its own options beside it (credentials, identity, token store…).
///
/// `Debug` shows whether a `reqwest::Client` was injected, not the client.
#[non_exhaustive]
pub struct OpcoesComuns {
    /// The environment (*ambiente*); required, no default.
    pub ambiente: Option<Ambiente>,
    /// Deadlines (*prazos*): connect, per attempt, whole operation.
    pub prazos: Timeouts,
    /// The retry policy of idempotent requests (*retentativas*, decision D6).
    pub retentativas: RetryPolicy,
    /// Text appended to the `User-Agent` ([`user_agent`]).
    pub sufixo_user_agent: Option<String>,
    /// A `reqwest::Client` to use instead of building one.
    pub cliente_http: Option<reqwest::Client>,
    /// Route overrides by operation name (decision D2).
    pub rotas: RouteOverrides,
    /// Explicit permission for a plain `http` [`Ambiente::Personalizado`].
    pub permitir_http: bool,
    /// Largest answer accepted (default [`CoreConfig::DEFAULT_MAX_RESPONSE_BYTES`]).
    pub limite_resposta_bytes: Option<usize>,
    /// The retry budget shared by the client's clones and tasks (*orçamento de retentativas*);
    /// `None` bounds retries by the policy's attempts only. Default [`RetryBudget::default`].
    pub orcamento_retentativas: Option<RetryBudget>,
    /// At most this many requests in flight at once through the client (*limite de
    /// concorrência*). Default: no limit.
    pub limite_concorrencia: Option<usize>,
    /// The journal of state-changing operations (*diário*, [`crate::diario`]). Default: none.
    pub diario: Option<Arc<dyn Diario>>,
    /// The caller's override of the wire contract (*contrato*, decision D11), applied over
    /// the client's default at build time. Default: none (the default contract).
    pub contrato: Option<Contrato>,
}

impl Default for OpcoesComuns {
    fn default() -> Self {
        Self {
            ambiente: None,
            prazos: Timeouts::default(),
            retentativas: RetryPolicy::default(),
            sufixo_user_agent: None,
            cliente_http: None,
            rotas: RouteOverrides::default(),
            permitir_http: false,
            limite_resposta_bytes: None,
            orcamento_retentativas: Some(RetryBudget::default()),
            limite_concorrencia: None,
            diario: None,
            contrato: None,
        }
    }
}

impl fmt::Debug for OpcoesComuns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpcoesComuns")
            .field("ambiente", &self.ambiente)
            .field("prazos", &self.prazos)
            .field("retentativas", &self.retentativas)
            .field("sufixo_user_agent", &self.sufixo_user_agent)
            .field("cliente_http_injetado", &self.cliente_http.is_some())
            .field("rotas", &self.rotas)
            .field("permitir_http", &self.permitir_http)
            .field("limite_resposta_bytes", &self.limite_resposta_bytes)
            .field("orcamento_retentativas", &self.orcamento_retentativas)
            .field("limite_concorrencia", &self.limite_concorrencia)
            .field("diario", &self.diario.is_some())
            .field("contrato", &self.contrato.is_some())
            .finish()
    }
}

/// What [`OpcoesComuns::montar`] gives a client: its environment, its request core and its
/// route overrides.
#[derive(Debug)]
#[non_exhaustive]
pub struct Montagem {
    /// The environment the core talks to.
    pub ambiente: Ambiente,
    /// The request core (base URL, deadlines, retry policy, size cap, `User-Agent`).
    pub core: HttpCore,
    /// The route overrides, validated: the contract's, then the `rota`/`rotas` options'.
    pub rotas: RouteOverrides,
    /// The journal of state-changing operations, if one was given.
    pub diario: Option<Arc<dyn Diario>>,
    /// The contract applied (the client's default with the caller's override).
    pub contrato: ContratoAtivo,
}

/// The hosts and the name of one client, for [`OpcoesComuns::montar`].
#[derive(Debug, Clone, Copy)]
pub struct DestinoCliente<'a> {
    /// The client's `User-Agent` product, e.g. `renave-mg-client/0.1.0`.
    pub produto: &'a str,
    /// The root of [`Ambiente::Homologacao`].
    pub homologacao: &'a str,
    /// The root of [`Ambiente::Producao`].
    pub producao: &'a str,
    /// The path every route is under, relative to the root (`""` for none).
    pub prefixo: &'a str,
    /// The client's default contract: every operation an override may name.
    pub contrato: &'a Contrato,
}

impl OpcoesComuns {
    /// The environment, or the error that names the missing option.
    ///
    /// # Errors
    ///
    /// [`ErroConfiguracao::AmbienteAusente`] when no environment was set.
    pub fn ambiente(&self) -> Result<&Ambiente, ErroConfiguracao> {
        self.ambiente
            .as_ref()
            .ok_or(ErroConfiguracao::AmbienteAusente)
    }

    /// Checks the options and builds the request core of a client: the environment's base URL
    /// for `destino`, the route overrides, the `User-Agent`, and — unless one was injected —
    /// the `reqwest::Client`, from a [`TransportBuilder`] that `transporte` completes (TLS
    /// identity, roots…).
    ///
    /// # Errors
    ///
    /// [`ErroConfiguracao`]: no environment, its URL refused, a malformed route override, a
    /// `User-Agent` suffix that is not printable ASCII, or a transport that cannot be built.
    pub fn montar(
        self,
        destino: DestinoCliente<'_>,
        transporte: impl FnOnce(TransportBuilder) -> TransportBuilder,
    ) -> Result<Montagem, ErroConfiguracao> {
        let ambiente = self.ambiente.ok_or(ErroConfiguracao::AmbienteAusente)?;
        let raiz = ambiente.resolver(destino.homologacao, destino.producao, self.permitir_http)?;
        let base = raiz
            .join(destino.prefixo)
            .map_err(|_| ErroConfiguracao::Ambiente(ErroAmbiente::UrlInvalida))?;
        self.rotas.validate().map_err(ErroConfiguracao::Rota)?;
        destino
            .contrato
            .verificar_rotas(&self.rotas)
            .map_err(ErroConfiguracao::Contrato)?;
        let contrato = ContratoAtivo::novo(destino.contrato, self.contrato.as_ref())
            .map_err(ErroConfiguracao::Contrato)?;
        let mut rotas = contrato.rotas(destino.contrato);
        for (nome, rota) in self.rotas.iter() {
            rotas.insert(nome, rota.clone());
        }
        let ua = user_agent(destino.produto, self.sufixo_user_agent.as_deref())?;
        let http = match self.cliente_http {
            Some(c) => c,
            None => transporte(
                TransportBuilder::default()
                    // Capped below the per-attempt deadline: a timeout while connecting is
                    // then a connect failure (not sent), never "outcome unknown".
                    .connect_timeout(self.prazos.connect_within_attempt())
                    .user_agent(ua.clone())
                    .allow_http(self.permitir_http || ambiente.e_local()),
            )
            .build()
            .map_err(ErroConfiguracao::Transporte)?,
        };
        let mut config = CoreConfig::new(base, ua);
        config.timeouts = self.prazos;
        config.retry = self.retentativas;
        config.retry_budget = self.orcamento_retentativas;
        config.concurrency_limit = self.limite_concorrencia;
        if let Some(limite) = self.limite_resposta_bytes {
            config.max_response_bytes = limite;
        }
        Ok(Montagem {
            ambiente,
            core: HttpCore::new(config, http),
            rotas,
            diario: self.diario,
            contrato,
        })
    }
}

/// Why a client cannot be built from its [`OpcoesComuns`]. Each client reports it as its own
/// configuration error (`Erro::Configuracao`), with this as the source.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErroConfiguracao {
    /// No environment was set (`.ambiente(…)`): there is no default.
    AmbienteAusente,
    /// The environment's URL is refused.
    Ambiente(ErroAmbiente),
    /// A route override is malformed.
    Rota(RouteError),
    /// The contract override (or a route override) names an unknown operation or field, or
    /// is refused ([`ErroContrato`]).
    Contrato(ErroContrato),
    /// The `User-Agent` suffix is not printable ASCII.
    UserAgent(ErroUserAgent),
    /// The HTTP client (TLS) cannot be built.
    Transporte(HttpError),
}

impl fmt::Display for ErroConfiguracao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AmbienteAusente => f.write_str(
                "the environment is missing: set .ambiente(Ambiente::Homologacao | \
                 Ambiente::Producao | Ambiente::Personalizado(url) | Ambiente::Local(url)); \
                 there is no default",
            ),
            Self::Ambiente(e) => e.fmt(f),
            Self::Rota(_) => f.write_str("malformed route override"),
            Self::Contrato(e) => e.fmt(f),
            Self::UserAgent(e) => e.fmt(f),
            Self::Transporte(_) => f.write_str("could not build the HTTP client"),
        }
    }
}

impl ErroConfiguracao {
    /// The message and the cause *below* this error, for a client's `Erro::Configuracao`
    /// (`motivo`, `fonte`): the message already says what this error says, so the chain never
    /// repeats a text.
    #[must_use]
    pub fn em_partes(self) -> (String, Option<crate::CausaErro>) {
        let motivo = self.to_string();
        let fonte: Option<crate::CausaErro> = match self {
            Self::Rota(e) => Some(Box::new(e)),
            Self::Transporte(e) => Some(Box::new(e)),
            // The message names the operation or field; what is below is not needed.
            Self::AmbienteAusente | Self::Ambiente(_) | Self::UserAgent(_) | Self::Contrato(_) => {
                None
            }
        };
        (motivo, fonte)
    }
}

impl std::error::Error for ErroConfiguracao {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Ambiente(e) => Some(e),
            Self::Rota(e) => Some(e),
            Self::Contrato(e) => Some(e),
            Self::UserAgent(e) => Some(e),
            Self::Transporte(e) => Some(e),
            Self::AmbienteAusente => None,
        }
    }
}

impl From<ErroAmbiente> for ErroConfiguracao {
    fn from(e: ErroAmbiente) -> Self {
        Self::Ambiente(e)
    }
}

impl From<ErroUserAgent> for ErroConfiguracao {
    fn from(e: ErroUserAgent) -> Self {
        Self::UserAgent(e)
    }
}

/// Writes the options both client builders share, once: `ambiente`, `prazos`, `retentativas`,
/// `sufixo_user_agent`, `cliente_http`, `rota`, `rotas`, `permitir_http`,
/// `limite_resposta_bytes`, each setting the builder's `comuns: OpcoesComuns` field. A client
/// crate invokes it once for its builder (`opcoes_comuns!(ClienteCetMgBuilder);`) and writes
/// its own options (credentials, identity…) beside them.
#[macro_export]
macro_rules! opcoes_comuns {
    ($builder:ty) => {
        impl $builder {
            /// The environment (*ambiente*). **Required**: there is no default, so a client
            /// cannot reach homologação or production by omission. Tests use
            /// [`Ambiente::Local`]($crate::Ambiente::Local) (a simulator or a mock server on
            /// this machine, plain `http` allowed).
            pub fn ambiente(mut self, ambiente: $crate::Ambiente) -> Self {
                self.comuns.ambiente = Some(ambiente);
                self
            }

            /// Deadlines (*prazos*): connect, per attempt, whole operation (defaults 10 s /
            /// 30 s / 90 s). One call can replace the operation deadline with
            /// [`Chamada::prazo`]($crate::Chamada::prazo).
            pub fn prazos(mut self, prazos: $crate::Timeouts) -> Self {
                self.comuns.prazos = prazos;
                self
            }

            /// The retry policy (*retentativas*) of idempotent requests (decision D6: a
            /// state-changing request is never resent once it may have reached the server,
            /// whatever the policy). One call can replace it with
            /// [`Chamada::retentativas`]($crate::Chamada::retentativas).
            pub fn retentativas(mut self, retentativas: $crate::RetryPolicy) -> Self {
                self.comuns.retentativas = retentativas;
                self
            }

            /// Text appended to the `User-Agent` (`<crate>/<version> <sufixo>`), e.g. the
            /// integradora's product name; trimmed, and refused at `build()` unless printable
            /// ASCII ([`user_agent`]($crate::user_agent)).
            pub fn sufixo_user_agent(mut self, sufixo: impl Into<String>) -> Self {
                self.comuns.sufixo_user_agent = Some(sufixo.into());
                self
            }

            /// Uses this `reqwest::Client` (its pool, proxy and TLS settings: identity, extra
            /// roots and host-name relaxation are then its business) instead of building one.
            ///
            /// Build it so that it never resends on its own: `reqwest::Client::builder()
            /// .retry(reqwest::retry::never()).redirect(reqwest::redirect::Policy::none())` (or
            /// build it with `renave_http::TransportBuilder`, which does both). reqwest's
            /// default retry resends a request after an HTTP/2 `REFUSED_STREAM`/`GOAWAY` even
            /// when a proxy passed it on, which breaks decision D6 (a state-changing request is
            /// sent once) and the attempt counts the errors report.
            pub fn cliente_http(mut self, cliente: ::reqwest::Client) -> Self {
                self.comuns.cliente_http = Some(cliente);
                self
            }

            /// Replaces the route of one operation, by its method name (decision D2), e.g.
            /// when the authenticated Swagger shows another path. A name that is no operation
            /// of the client fails the build, naming it.
            pub fn rota(mut self, operacao: impl Into<String>, rota: $crate::Route) -> Self {
                self.comuns.rotas.insert(operacao, rota);
                self
            }

            /// Replaces every route override at once (e.g. read from configuration). Like
            /// [`rota`](Self::rota), an override naming no operation of the client fails the
            /// build, naming it.
            pub fn rotas(mut self, rotas: $crate::RouteOverrides) -> Self {
                self.comuns.rotas = rotas;
                self
            }

            /// Overrides the wire contract (*contrato*, decision D11): routes, methods, field
            /// names, envelope, token fields — whatever `contrato` names, over the client's
            /// default. Typically `Contrato::de_arquivo("contrato.toml")?`
            /// ([`Contrato`]($crate::contrato::Contrato)). An operation or field the client
            /// does not have fails the build, naming it. `rota`/`rotas` overrides apply on top.
            pub fn contrato(mut self, contrato: $crate::contrato::Contrato) -> Self {
                self.comuns.contrato = Some(contrato);
                self
            }

            /// Allows a plain `http://` URL for
            /// [`Ambiente::Personalizado`]($crate::Ambiente::Personalizado) (e.g. a proxy on a
            /// private network). Not needed for [`Ambiente::Local`]($crate::Ambiente::Local)
            /// (the test mode); the official environments are https.
            pub fn permitir_http(mut self, sim: bool) -> Self {
                self.comuns.permitir_http = sim;
                self
            }

            /// Largest answer accepted, in bytes, checked while reading (default 16 MiB, which
            /// fits an answer with a 10 MiB PDF; PDFs arrive as base64 inside JSON).
            pub fn limite_resposta_bytes(mut self, limite: usize) -> Self {
                self.comuns.limite_resposta_bytes = Some(limite);
                self
            }

            /// The retry budget shared by every clone of the client (*orçamento de retentativas*, a
            /// token bucket: see [`RetryBudget`]($crate::RetryBudget)); `None` bounds retries by
            /// the policy's attempts only. Default [`RetryBudget::default`]($crate::RetryBudget)
            /// (500 tokens, 5 per retry).
            pub fn orcamento_retentativas(
                mut self,
                orcamento: Option<$crate::RetryBudget>,
            ) -> Self {
                self.comuns.orcamento_retentativas = orcamento;
                self
            }

            /// At most `limite` requests in flight at once through this client and its clones
            /// (*limite de concorrência*); an attempt waits for a slot within the operation
            /// deadline. Default: no limit.
            pub fn limite_concorrencia(mut self, limite: Option<usize>) -> Self {
                self.comuns.limite_concorrencia = limite;
                self
            }

            /// Journals every state-changing operation in `diario` (*diário*;
            /// [`renave_http::diario`]($crate::diario), stores in the `renave-diario` crate):
            /// the intent is recorded before sending — if the store fails, the call fails with
            /// the client's `Erro::Diario` and nothing is sent — and the outcome after the
            /// answer, so an unknown outcome (decision D6) can be reconciled. Default: no
            /// journal.
            pub fn diario(mut self, diario: ::std::sync::Arc<dyn $crate::diario::Diario>) -> Self {
                self.comuns.diario = Some(diario);
                self
            }
        }
    };
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;

    const HOM: &str = "https://hom.example/base/";
    const PROD: &str = "https://prod.example/base/";

    fn local(url: &str) -> Result<Url, ErroAmbiente> {
        Ambiente::Local(url.parse().unwrap()).resolver(HOM, PROD, false)
    }

    #[test]
    fn local_aceita_so_loopback() {
        for ok in [
            "http://127.0.0.1:9/",
            "http://127.1.2.3/",
            "http://[::1]:8080/x",
            "http://localhost:1234",
            "http://LOCALHOST./",
            "https://localhost/",
        ] {
            assert!(local(ok).is_ok(), "{ok}");
        }
        for (recusado, host) in [
            ("http://10.0.0.1/", "10.0.0.1"),
            ("http://example.com/", "example.com"),
            (
                "https://homologacao.apigw.mgapi.prodemge.gov.br/",
                "homologacao.apigw",
            ),
            ("http://localhost.example.com/", "localhost.example.com"),
            ("http://[::ffff:10.0.0.1]/", "::ffff:a00:1"),
            ("http://0.0.0.0/", "0.0.0.0"),
        ] {
            let erro = local(recusado).unwrap_err();
            assert!(
                matches!(erro, ErroAmbiente::NaoLocal { .. }),
                "{recusado}: {erro:?}"
            );
            assert!(erro.to_string().contains(host), "{erro}");
        }
        assert!(matches!(
            local("ftp://127.0.0.1/"),
            Err(ErroAmbiente::EsquemaRecusado { .. })
        ));
    }

    #[test]
    fn personalizado_exige_https_sem_permissao() {
        let p = Ambiente::Personalizado("http://proxy.example/".parse().unwrap());
        assert!(matches!(
            p.resolver(HOM, PROD, false),
            Err(ErroAmbiente::EsquemaRecusado { .. })
        ));
        assert_eq!(
            p.resolver(HOM, PROD, true).unwrap().as_str(),
            "http://proxy.example/"
        );
        let s = Ambiente::Personalizado("https://gw.example/1.0.0?x=1#f".parse().unwrap());
        assert_eq!(
            s.resolver(HOM, PROD, false).unwrap().as_str(),
            "https://gw.example/1.0.0/"
        );
        let m = Ambiente::Personalizado("mailto:a@b.c".parse().unwrap());
        assert_eq!(m.resolver(HOM, PROD, true), Err(ErroAmbiente::NaoBase));
    }

    #[test]
    fn oficiais_resolvidos_pelo_cliente() {
        assert_eq!(
            Ambiente::Homologacao
                .resolver(HOM, PROD, false)
                .unwrap()
                .as_str(),
            HOM
        );
        assert_eq!(
            Ambiente::Producao
                .resolver(HOM, PROD, true)
                .unwrap()
                .as_str(),
            PROD
        );
        assert_eq!(
            Ambiente::Producao.resolver(HOM, "http://prod.example/", true),
            Err(ErroAmbiente::EsquemaRecusado {
                esquema: "http".into()
            })
        );
    }
}
