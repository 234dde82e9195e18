//! Test support (feature `fixtures`): an [`Endpoint`] answered by a wiremock [`Mock`].
//!
//! The generic part of the per-operation fixtures (*respostas prontas*) of both clients: a
//! [`Fixture`] holds one canned answer (status, [`Corpo`], headers, delay) of one operation
//! and matches requests by the operation's HTTP method and a path pattern derived from its
//! route template (`{param}` → one non-empty path segment), under an optional base path
//! ([`Fixture::em_base`]) and the fixed path prefix of the service ([`Fixture::com_prefixo`]:
//! `api/veiculos/renave` for the CET-MG API, none for Renave-WS, whose templates already start
//! with `api/`). Query strings, headers and request bodies are not matched: a fixture answers
//! whatever is sent to that route.
//!
//! The canned bodies of each service live in its client crate
//! (`renave_mg_client::simulador::fixtures`, `renave_ws_client::simulador::fixtures`), which
//! re-export [`Fixture`] and [`Corpo`].
//!
//! ```
//! use renave_http::fixtures::{Corpo, Fixture};
//! use renave_http::{Endpoint, HttpMethod, Idempotency, Route};
//!
//! const CONSULTAR_CORES: Endpoint = Endpoint {
//!     name: "consultar_cores",
//!     route: Route::new(HttpMethod::Get, "tabelas-auxiliares/consultar-cores"),
//!     idempotency: Idempotency::Idempotent,
//! };
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let servidor = wiremock::MockServer::start().await;
//! let corpo = serde_json::json!({"codigo_retorno": "000", "dados": []});
//! let fixture = Fixture::nova(&CONSULTAR_CORES, 200, Corpo::Json(corpo))
//!     .com_prefixo("api/veiculos/renave")
//!     .esperando(1);
//! assert_eq!(
//!     fixture.padrao_caminho(),
//!     r"^/api/veiculos/renave/tabelas\-auxiliares/consultar\-cores$"
//! );
//! fixture.montar(&servidor).await;
//! let url = format!("{}/api/veiculos/renave/tabelas-auxiliares/consultar-cores", servidor.uri());
//! let cliente = renave_http::TransportBuilder::default().allow_http(true).build()?;
//! let resposta = cliente.get(url).send().await?;
//! assert_eq!(resposta.status().as_u16(), 200);
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::time::Duration;

use serde_json::Value;
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockGuard, MockServer, ResponseTemplate};

use crate::route::{Endpoint, Route};

/// The body of a fixture's answer. Its `Debug` shows the kind and size only: bodies carry
/// CPFs and other personal numbers (sample ones in the canned answers, but a test may put its
/// own).
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum Corpo {
    /// No body.
    Vazio,
    /// A JSON body (`application/json`).
    Json(Value),
    /// Any other text body with its content type (e.g. an HTML page).
    Texto {
        /// The text.
        conteudo: String,
        /// The `Content-Type`.
        tipo: String,
    },
}

impl fmt::Debug for Corpo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Vazio => f.write_str("Vazio"),
            Self::Json(v) => write!(f, "Json(<{} bytes>)", v.to_string().len()),
            Self::Texto { conteudo, tipo } => {
                write!(f, "Texto({tipo}, <{} bytes>)", conteudo.len())
            }
        }
    }
}

/// wiremock's default priority, which a fixture keeps unless [`Fixture::com_prioridade`].
pub const PRIORIDADE_PADRAO: u8 = 5;

/// One canned answer of one operation, ready to mount on a [`MockServer`] (*resposta pronta*).
///
/// Built with [`Fixture::nova`] (or by a client crate's canned answers); adjusted with the
/// `com_*`/`em_base`/`esperando` methods; mounted with [`montar`](Self::montar). Its `Debug`
/// leaves header values out and shows the body's kind and size only.
#[derive(Clone)]
pub struct Fixture {
    operacao: &'static str,
    rota: Route,
    prefixo: String,
    base: String,
    status: u16,
    corpo: Corpo,
    cabecalhos: Vec<(String, String)>,
    atraso: Option<Duration>,
    prioridade: u8,
    esperadas: Option<u64>,
}

impl fmt::Debug for Fixture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fixture")
            .field("operacao", &self.operacao)
            .field("rota", &self.rota)
            .field("prefixo", &self.prefixo)
            .field("base", &self.base)
            .field("status", &self.status)
            .field("corpo", &self.corpo)
            .field(
                "cabecalhos",
                &self.cabecalhos.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field("atraso", &self.atraso)
            .field("prioridade", &self.prioridade)
            .field("esperadas", &self.esperadas)
            .finish()
    }
}

impl Fixture {
    /// A fixture answering `endpoint`'s route with `status` and `corpo`: no path prefix, no
    /// base path, no header, no delay, priority [`PRIORIDADE_PADRAO`], any number of calls.
    pub fn nova(endpoint: &Endpoint, status: u16, corpo: Corpo) -> Self {
        Self {
            operacao: endpoint.name,
            rota: endpoint.route.clone(),
            prefixo: String::new(),
            base: String::new(),
            status,
            corpo,
            cabecalhos: Vec::new(),
            atraso: None,
            prioridade: PRIORIDADE_PADRAO,
            esperadas: None,
        }
    }

    /// The operation name.
    pub fn operacao(&self) -> &'static str {
        self.operacao
    }

    /// The HTTP status of the answer.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The body of the answer.
    pub fn corpo(&self) -> &Corpo {
        &self.corpo
    }

    /// The JSON body of the answer, if it is JSON.
    pub fn corpo_json(&self) -> Option<&Value> {
        match &self.corpo {
            Corpo::Json(v) => Some(v),
            Corpo::Vazio | Corpo::Texto { .. } => None,
        }
    }

    /// The route the fixture matches (the operation's, unless [`com_rota`](Self::com_rota)).
    pub fn rota(&self) -> &Route {
        &self.rota
    }

    /// The service's fixed path prefix between the base path and the route template (empty
    /// unless [`com_prefixo`](Self::com_prefixo)), without leading or trailing `/`.
    pub fn prefixo(&self) -> &str {
        self.prefixo.trim_matches('/')
    }

    /// The wiremock priority (1 is the highest; 5, wiremock's default, unless changed).
    pub fn prioridade(&self) -> u8 {
        self.prioridade
    }

    /// The anchored regular expression the request path must match: the base path, then the
    /// prefix, then the route template with each `{param}` as one non-empty path segment
    /// (`^/api/veiculos/renave/vistoria/consultar\-ultimo\-laudo/[^/]+/[^/]+$` for a CET-MG
    /// route, `^/renave-ws/api/estoques/[^/]+$` for a Renave-WS one under the base path
    /// `/renave-ws`). Regular-expression metacharacters of the base, prefix and template are
    /// escaped; an unclosed `{` is literal text.
    pub fn padrao_caminho(&self) -> String {
        let mut padrao = String::from("^");
        for parte in [self.base.as_str(), self.prefixo.as_str()] {
            let parte = parte.trim_matches('/');
            if !parte.is_empty() {
                padrao.push('/');
                escapar(parte, &mut padrao);
            }
        }
        padrao.push('/');
        let mut resto = self.rota.template().trim_start_matches('/');
        while let Some((antes, depois)) = resto.split_once('{') {
            let Some((_, apos)) = depois.split_once('}') else {
                break;
            };
            escapar(antes, &mut padrao);
            padrao.push_str("[^/]+");
            resto = apos;
        }
        escapar(resto, &mut padrao);
        padrao.push('$');
        padrao
    }

    /// Match under the service's fixed path prefix (`"api/veiculos/renave"` for the CET-MG
    /// API): the routes sit below it, and below the base path. Leading and trailing `/` are
    /// ignored.
    pub fn com_prefixo(mut self, prefixo: impl Into<String>) -> Self {
        self.prefixo = prefixo.into();
        self
    }

    /// Mount under a base path: the path part of the root URL your client uses, e.g.
    /// `"/1.0.0"` for `http://host:port/1.0.0/` (default: none, for a client whose root is the
    /// server's). The prefix and the routes stay below it. Leading and trailing `/` are
    /// ignored.
    pub fn em_base(mut self, base: impl Into<String>) -> Self {
        self.base = base.into();
        self
    }

    /// Set the wiremock priority (1 is the highest): a fixture with a smaller number answers
    /// before one with a larger number on the same route (the stateful simulators mount their
    /// routes with a larger number than [`PRIORIDADE_PADRAO`], so a fixture overrides them). A
    /// priority of 0 is raised to 1 (wiremock refuses 0).
    pub fn com_prioridade(mut self, prioridade: u8) -> Self {
        self.prioridade = prioridade.max(1);
        self
    }

    /// Expect exactly `n` matching calls: the [`MockServer`] checks it when dropped (or on
    /// [`MockServer::verify`]) and panics, failing the test, when the count differs.
    pub fn esperando(mut self, n: u64) -> Self {
        self.esperadas = Some(n);
        self
    }

    /// Answer after `atraso` (for timeout tests).
    pub fn com_atraso(mut self, atraso: Duration) -> Self {
        self.atraso = Some(atraso);
        self
    }

    /// Replace the body with this JSON (the status stays).
    pub fn com_corpo(mut self, corpo: Value) -> Self {
        self.corpo = Corpo::Json(corpo);
        self
    }

    /// Replace the status (the body stays).
    pub fn com_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// Add a response header.
    pub fn com_cabecalho(mut self, nome: impl Into<String>, valor: impl Into<String>) -> Self {
        self.cabecalhos.push((nome.into(), valor.into()));
        self
    }

    /// Match another route: the one your client uses for this operation after a route override
    /// (decision D2, [`RouteOverrides`](crate::RouteOverrides)). The prefix and base path stay.
    pub fn com_rota(mut self, rota: Route) -> Self {
        self.rota = rota;
        self
    }

    /// The answer as a [`ResponseTemplate`].
    pub fn resposta(&self) -> ResponseTemplate {
        let mut r = ResponseTemplate::new(self.status);
        for (nome, valor) in &self.cabecalhos {
            r = r.insert_header(nome.as_str(), valor.as_str());
        }
        r = match &self.corpo {
            Corpo::Vazio => r,
            Corpo::Json(v) => r.set_body_raw(v.to_string(), "application/json"),
            Corpo::Texto { conteudo, tipo } => r.set_body_raw(conteudo.clone(), tipo.as_str()),
        };
        if let Some(atraso) = self.atraso {
            r = r.set_delay(atraso);
        }
        r
    }

    /// The fixture as a wiremock [`Mock`] (method + path pattern → answer), to combine with
    /// more matchers of your own or mount yourself.
    pub fn mock(&self) -> Mock {
        let mut m = Mock::given(method(self.rota.method().as_str()))
            .and(path_regex(self.padrao_caminho()))
            .respond_with(self.resposta())
            .with_priority(self.prioridade)
            .named(format!("fixture {} {}", self.operacao, self.status));
        if let Some(n) = self.esperadas {
            m = m.expect(n);
        }
        m
    }

    /// Mounts the fixture on `servidor` for the server's lifetime.
    pub async fn montar(self, servidor: &MockServer) {
        self.mock().mount(servidor).await;
    }

    /// Mounts the fixture until the returned guard is dropped (the expected call count, if
    /// any, is checked then).
    ///
    /// Caveat (wiremock 0.6): the server re-sorts its mocks by priority on each request while a
    /// guard remembers a position, so when mocks of different priorities share the server,
    /// dropping a guard may take another mock out of scope. Keep scoped fixtures at the same
    /// priority as the rest, or mount them on their own server.
    ///
    /// Second caveat: the guard's `Drop` blocks on the server's lock with
    /// `futures::executor::block_on`, and spins for ever if the dropping task's tokio
    /// cooperative budget is spent at that moment (as `MockServer`'s own `Drop` does: see
    /// `renave_simulador::servidor_mock`). Drop a guard before a burst of calls ends, not right
    /// after awaiting hundreds of finished tasks.
    pub async fn montar_com_guarda(self, servidor: &MockServer) -> MockGuard {
        self.mock().mount_as_scoped(servidor).await
    }
}

/// Appends `texto` to a regular expression, escaping the metacharacters of the `regex` crate.
fn escapar(texto: &str, padrao: &mut String) {
    for c in texto.chars() {
        if matches!(
            c,
            '\\' | '.'
                | '+'
                | '*'
                | '?'
                | '('
                | ')'
                | '|'
                | '['
                | ']'
                | '{'
                | '}'
                | '^'
                | '$'
                | '#'
                | '&'
                | '-'
                | '~'
        ) {
            padrao.push('\\');
        }
        padrao.push(c);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{HttpMethod, Idempotency, TransportBuilder};
    use serde_json::json;

    const CONSULTAR_CORES: Endpoint = Endpoint {
        name: "consultar_cores",
        route: Route::new(HttpMethod::Get, "tabelas-auxiliares/consultar-cores"),
        idempotency: Idempotency::Idempotent,
    };
    const CONSULTAR_ESTOQUE: Endpoint = Endpoint {
        name: "consultar_estoque",
        route: Route::new(HttpMethod::Get, "api/estoques/{idEstoque}"),
        idempotency: Idempotency::Idempotent,
    };
    const EMITIR_GUIA_DAE: Endpoint = Endpoint {
        name: "emitir_guia_dae",
        route: Route::new(HttpMethod::Post, "portal-transito/emitir-guia-dae"),
        idempotency: Idempotency::StateChanging,
    };
    const PREFIXO_CETMG: &str = "api/veiculos/renave/";
    const CPF: &str = "52998224725";
    const CNPJ: &str = "11444777000161";

    fn cores() -> Fixture {
        Fixture::nova(&CONSULTAR_CORES, 200, Corpo::Json(json!({}))).com_prefixo(PREFIXO_CETMG)
    }

    fn cliente() -> reqwest::Client {
        TransportBuilder::default()
            .allow_http(true)
            .build()
            .unwrap()
    }

    fn estoque() -> Fixture {
        Fixture::nova(&CONSULTAR_ESTOQUE, 200, Corpo::Json(json!({})))
    }

    #[test]
    fn escapa_metacaracteres_da_base_e_do_template_com_prefixo() {
        let f = cores().em_base("/a.b+c/(d)/");
        assert_eq!(
            f.padrao_caminho(),
            r"^/a\.b\+c/\(d\)/api/veiculos/renave/tabelas\-auxiliares/consultar\-cores$"
        );
        let f = cores().com_rota(Route::custom(HttpMethod::Get, "/x/{a}.{b}/y"));
        assert_eq!(
            f.padrao_caminho(),
            r"^/api/veiculos/renave/x/[^/]+\.[^/]+/y$"
        );
        // An unclosed brace is literal text, never a panic or an invalid pattern.
        let f = cores().com_rota(Route::custom(HttpMethod::Get, "x/{a"));
        assert_eq!(f.padrao_caminho(), r"^/api/veiculos/renave/x/\{a$");
        assert_eq!(cores().prefixo(), "api/veiculos/renave");
    }

    #[test]
    fn escapa_metacaracteres_da_base_e_do_template_sem_prefixo() {
        let f = estoque().em_base("/a.b+c/(d)/");
        assert_eq!(f.padrao_caminho(), r"^/a\.b\+c/\(d\)/api/estoques/[^/]+$");
        let f = estoque().com_rota(Route::custom(HttpMethod::Get, "/x/{a}.{b}/y"));
        assert_eq!(f.padrao_caminho(), r"^/x/[^/]+\.[^/]+/y$");
        // An unclosed brace is literal text, never a panic or an invalid pattern.
        let f = estoque().com_rota(Route::custom(HttpMethod::Get, "x/{a"));
        assert_eq!(f.padrao_caminho(), r"^/x/\{a$");
        assert_eq!(estoque().prefixo(), "");
    }

    #[test]
    fn escapa_cada_metacaractere() {
        let mut padrao = String::new();
        escapar(r"\.+*?()|[]{}^$#&-~a/_", &mut padrao);
        assert_eq!(padrao, r"\\\.\+\*\?\(\)\|\[\]\{\}\^\$\#\&\-\~a/_");
    }

    #[test]
    fn debug_sem_corpo_nem_valores_de_cabecalho() {
        let f = Fixture::nova(
            &EMITIR_GUIA_DAE,
            200,
            Corpo::Json(json!({"cpf_cnpj_contribuinte": CPF, "cnpj_ecv": CNPJ})),
        )
        .com_cabecalho("X-Segredo", "valor-secreto");
        let texto = format!("{f:?}");
        assert!(!texto.contains(CPF), "{texto}");
        assert!(!texto.contains(CNPJ), "{texto}");
        assert!(!texto.contains("valor-secreto"), "{texto}");
        assert!(texto.contains("X-Segredo"), "{texto}");
        assert!(texto.contains("emitir_guia_dae"), "{texto}");
        let texto = format!("{:?}", f.corpo());
        assert!(!texto.contains(CPF) && !texto.contains(CNPJ), "{texto}");
        assert!(texto.starts_with("Json(<"), "{texto}");
        let html = Corpo::Texto {
            conteudo: format!("<html><body>{CPF}</body></html>"),
            tipo: "text/html".to_owned(),
        };
        let texto = format!("{html:?}");
        assert!(texto.starts_with("Texto(text/html, <"), "{texto}");
        assert!(!texto.contains(CPF), "{texto}");
        assert_eq!(format!("{:?}", Corpo::Vazio), "Vazio");
    }

    #[test]
    fn prioridade_zero_vira_um_e_corpo_json() {
        assert_eq!(cores().prioridade(), PRIORIDADE_PADRAO);
        assert_eq!(cores().com_prioridade(0).prioridade(), 1);
        assert_eq!(cores().com_prioridade(3).prioridade(), 3);
        let f = cores().com_corpo(json!({"a": 1})).com_status(201);
        assert_eq!(f.status(), 201);
        assert_eq!(f.corpo_json(), Some(&json!({"a": 1})));
        let f = Fixture::nova(&CONSULTAR_CORES, 503, Corpo::Vazio);
        assert_eq!(f.corpo_json(), None);
        assert_eq!(f.operacao(), "consultar_cores");
        assert_eq!(f.rota().template(), "tabelas-auxiliares/consultar-cores");
    }

    #[tokio::test]
    async fn montada_responde_na_rota_com_prefixo_base_cabecalho_e_contagem() {
        let servidor = MockServer::start().await;
        cores()
            .em_base("/1.0.0")
            .com_status(202)
            .com_cabecalho("Retry-After", "1")
            .esperando(1)
            .montar(&servidor)
            .await;
        let cliente = cliente();
        let url = format!(
            "{}/1.0.0/api/veiculos/renave/tabelas-auxiliares/consultar-cores",
            servidor.uri()
        );
        let r = cliente.get(&url).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 202);
        assert_eq!(
            r.headers().get("retry-after").and_then(|v| v.to_str().ok()),
            Some("1")
        );
        assert_eq!(r.text().await.unwrap(), "{}");
        // Another method or a path without the prefix is not matched.
        let r = cliente.post(&url).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 404);
        let sem_prefixo = format!(
            "{}/1.0.0/tabelas-auxiliares/consultar-cores",
            servidor.uri()
        );
        let r = cliente.get(&sem_prefixo).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 404);
    }

    #[tokio::test]
    async fn guarda_desmonta_ao_cair() {
        let servidor = MockServer::start().await;
        let url = format!("{}/api/estoques/1001", servidor.uri());
        let cliente = cliente();
        {
            let _guarda = estoque().esperando(1).montar_com_guarda(&servidor).await;
            let r = cliente.get(&url).send().await.unwrap();
            assert_eq!(r.status().as_u16(), 200);
        }
        let r = cliente.get(&url).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 404);
    }
}
