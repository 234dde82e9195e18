//! The configuration vocabulary both clients share: the environment ([`Ambiente`]), how an
//! environment's URL is checked ([`ErroAmbiente`]), and the `User-Agent` of a client
//! ([`user_agent`]).
//!
//! Each client resolves an [`Ambiente`] to its own hosts (the CET-MG client to the PRODEMGE
//! gateway roots, the Renave-WS client to the SERPRO `/renave-ws/` bases) with
//! [`Ambiente::resolver`]; the rules on the URL itself (https, the loopback-only test mode) are
//! written here once.

use std::fmt;

use url::{Host, Url};

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
            (_, "https") => {}
            (Self::Local(_), "http") => {}
            (Self::Personalizado(_), "http") if permitir_http => {}
            (_, esquema) => {
                return Err(ErroAmbiente::EsquemaRecusado {
                    esquema: esquema.to_owned(),
                });
            }
        }
        if self.e_local() && !host_de_loopback(url.host()) {
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
fn host_de_loopback(host: Option<Host<&str>>) -> bool {
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
