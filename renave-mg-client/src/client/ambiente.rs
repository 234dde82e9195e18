//! The CET-MG environments (*ambientes*) and the path prefix of every route.

use url::Url;

use crate::erro::Erro;

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
