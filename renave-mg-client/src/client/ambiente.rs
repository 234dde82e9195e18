//! The CET-MG hosts of each environment (*ambiente*) and the path prefix of every route. The
//! environment itself is the one [`Ambiente`] of `renave-http`, shared with the Renave-WS client.

#[cfg(doc)]
use renave_http::Ambiente;

/// The path prefix of every CET-MG route (decision D1): `/api/veiculos/renave/`.
pub const PREFIXO_CAMINHO: &str = renave_domain::rotas::cetmg::PREFIXO;

/// The gateway root of [`Ambiente::Homologacao`] (the POC), Regulamento Técnico CET-MG §4.1.1
/// (Fig. 41/42).
pub const URL_HOMOLOGACAO: &str = "https://homologacao.apigw.mgapi.prodemge.gov.br/";

/// The gateway root of [`Ambiente::Producao`], Regulamento Técnico CET-MG §4.1.1.
pub const URL_PRODUCAO: &str = "https://apigw-gpur.dcont.prodemge.gov.br/";
