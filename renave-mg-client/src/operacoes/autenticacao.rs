//! Autenticação — `gerar-token` (Regulamento Técnico CET-MG §5.1, Fig. 57–59; decision D4).
//!
//! ```no_run
//! # use renave_mg_client::ClienteCetMg;
//! # async fn f(cliente: ClienteCetMg) -> Result<(), renave_mg_client::Erro> {
//! // The client obtains and renews its token by itself; an explicit call stores a new one.
//! let token = cliente.gerar_token().await?;
//! println!("token valid until {:?}", token.expira_em());
//! # Ok(()) }
//! ```

use renave_domain::rotas;
use renave_http::{Endpoint, Idempotency};

use super::rota;
use schemars::JsonSchema;
use serde::Serialize;

/// `POST gerar-token` (V: method and path, R Fig. 57). A POST, but idempotent: asking twice
/// only mints two tokens, so it is retried like a lookup (decision D6).
pub const GERAR_TOKEN: Endpoint = Endpoint {
    name: "gerar_token",
    route: rota(rotas::cetmg::GERAR_TOKEN),
    idempotency: Idempotency::Idempotent,
};

/// Body of `gerar-token`: `{"consumer_key": …, "consumer_secret": …}` (V, R Fig. 57).
///
/// The answer's shape is unknown (R Fig. 58 is illegible): the client accepts `access_token`,
/// `token` or `jwt` (also under `dados`/`data`) or a bare JSON string, with the lifetime from
/// `expires_in`, else the JWT `exp` claim, else 3600 s (decision D4). The SDK sends this body
/// itself from the credentials given to the builder; it is public for its JSON Schema.
#[derive(Serialize, JsonSchema)]
pub struct SolicitacaoGerarToken<'a> {
    /// `consumer_key` — the SCE Consumer Key.
    pub consumer_key: &'a str,
    /// `consumer_secret` — the SCE Consumer Secret.
    pub consumer_secret: &'a str,
}

impl std::fmt::Debug for SolicitacaoGerarToken<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SolicitacaoGerarToken { .. }")
    }
}
