//! The client: environment, builder, and the one private function every operation goes through
//! (`executar`: route resolution, token, request core, 401 renewal, envelope and errors).

mod ambiente;
mod bruta;
mod builder;
mod contrato;
mod diario;
mod envelope;
mod executar;
#[cfg(feature = "fuzz")]
mod fuzz;
mod gateway;
mod renovacao;
mod spans;

pub use ambiente::{PREFIXO_CAMINHO, URL_HOMOLOGACAO, URL_PRODUCAO};
pub use bruta::RespostaBruta;
pub use builder::ClienteCetMgBuilder;
pub use contrato::ContratoPadraoCetMg;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use renave_http::{Endpoint, HttpCore, Route, RouteOverrides};
use secrecy::SecretString;
use url::Url;

use crate::token::{ArmazenamentoToken, EstadoRenovacao};

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
/// println!("{} cores", cores.dados.validos().len());
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
    /// The journal of state-changing operations (`renave_http::diario`), when set.
    diario: Option<Arc<dyn renave_http::diario::Diario>>,
    /// The wire contract applied (decision D11) and its divergence counters.
    contrato: renave_http::contrato::ContratoAtivo,
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
            .field("diario", &i.diario)
            .finish_non_exhaustive()
    }
}

const _: () = {
    const fn envia_e_compartilha<T: Send + Sync + Clone + 'static>() {}
    envia_e_compartilha::<ClienteCetMg>();
};

impl ClienteCetMg {
    /// A builder with defaults (10 s connect, 30 s per attempt, 90 s per operation, 3 attempts
    /// for idempotent operations) and **no environment**: set
    /// [`ambiente`](ClienteCetMgBuilder::ambiente) before [`build`](ClienteCetMgBuilder::build).
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

    /// The wire contract this client applies: its default with the builder's `contrato(…)`
    /// override (decision D11).
    pub fn contrato(&self) -> &renave_http::contrato::Contrato {
        self.interno.contrato.contrato()
    }

    /// How the answers received so far differed from the contract (*divergências*: modelled
    /// fields absent, unknown fields present), by operation and field set, with counts —
    /// shared by the client's clones, for a service to read and export. Each new difference
    /// is also logged once as a `WARN` event (field names only).
    pub fn divergencias(&self) -> Vec<renave_http::contrato::Divergencia> {
        self.interno.contrato.divergencias().lista()
    }
}
