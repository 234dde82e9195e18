//! The CET-MG hosts of each environment (*ambiente*) and the path prefix of every route. The
//! environment itself is the one [`Ambiente`] of `renave-http`, shared with the Renave-WS client.

use renave_http::Ambiente;
use url::Url;

use crate::erro::Erro;

/// The path prefix of every CET-MG route (decision D1): `/api/veiculos/renave/`.
pub const PREFIXO_CAMINHO: &str = "api/veiculos/renave/";

/// The gateway root of [`Ambiente::Homologacao`] (the POC), Regulamento Técnico CET-MG §4.1.1
/// (Fig. 41/42).
pub const URL_HOMOLOGACAO: &str = "https://homologacao.apigw.mgapi.prodemge.gov.br/";

/// The gateway root of [`Ambiente::Producao`], Regulamento Técnico CET-MG §4.1.1.
pub const URL_PRODUCAO: &str = "https://apigw-gpur.dcont.prodemge.gov.br/";

/// The base URL every CET-MG route is relative to: the environment's gateway root
/// ([`URL_HOMOLOGACAO`], [`URL_PRODUCAO`], or the URL of [`Ambiente::Personalizado`] /
/// [`Ambiente::Local`], e.g. a root with a version segment such as `https://host/1.0.0/`) plus
/// [`PREFIXO_CAMINHO`].
pub(crate) fn url_base(ambiente: &Ambiente, permitir_http: bool) -> Result<Url, Erro> {
    let raiz = ambiente
        .resolver(URL_HOMOLOGACAO, URL_PRODUCAO, permitir_http)
        .map_err(|e| Erro::configuracao(e.to_string(), Some(Box::new(e))))?;
    raiz.join(PREFIXO_CAMINHO)
        .map_err(|e| Erro::configuracao("invalid base URL", Some(Box::new(e))))
}
