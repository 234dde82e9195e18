//! The client: environment (*ambiente*), builder, and the one private request path every
//! operation goes through (`executar`), on the shared `renave-http` core (decision D10).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use renave_domain::Cnpj;
use renave_http::contrato;
use renave_http::decodificacao::{self, Forma};
use renave_http::diario::{Desfecho, Diario};
use renave_http::{
    Ambiente, DestinoCliente, Executar, HttpCore, HttpMethod, HttpResponse, Idempotency, Opcoes,
    OpcoesComuns, RequestSpec, Requisicao, Route, RouteError, RouteOverrides,
};
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::erro::{Erro, ErroDecodificacao};
use crate::identidade::IdentidadeCertificado;
use crate::modelos::Confirmacao;

/// Base URL of production (*produção*), `renave-ws.md` §1.1 (V).
pub const URL_PRODUCAO: &str = "https://renave.estaleiro.serpro.gov.br/renave-ws/";
/// Base URL of homologação, `renave-ws.md` §1.1 (V). Only the `hom.` prefix distinguishes it.
pub const URL_HOMOLOGACAO: &str = "https://hom.renave.estaleiro.serpro.gov.br/renave-ws/";

/// Builder of [`ClienteRenaveWs`]. Obtain it with [`ClienteRenaveWs::builder`].
///
/// ```no_run
/// use renave_ws_client::{Ambiente, ClienteRenaveWs, IdentidadeCertificado};
/// use secrecy::SecretString;
///
/// let senha = SecretString::from(std::env::var("PFX_SENHA")?);
/// let cliente = ClienteRenaveWs::builder()
///     .ambiente(Ambiente::Homologacao)
///     .identidade(IdentidadeCertificado::de_arquivo_pkcs12("empresa.pfx", &senha)?)
///     .relaxar_verificacao_hostname_homologacao(true)
///     .sufixo_user_agent("minha-integradora/2.1")
///     .build()?;
/// # let _ = cliente;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// One name per option, the same as the CET-MG builder's (the rule of both builders is in
/// `ARCHITECTURE.md`, "One model": Portuguese names, the same name for the same option —
/// `ambiente`, `prazos`, `retentativas`, `sufixo_user_agent`, `cliente_http`, `rota`, `rotas`,
/// `permitir_http`, `limite_resposta_bytes`): there are no aliases, and the old names are gone.
///
/// ```compile_fail
/// let _ = renave_ws_client::ClienteRenaveWs::builder()
///     .retry_policy(renave_ws_client::RetryPolicy::default());
/// ```
///
/// ```compile_fail
/// let _ = renave_ws_client::ClienteRenaveWs::builder().allow_http(true);
/// ```
///
/// ```compile_fail
/// let _ = renave_ws_client::ClienteRenaveWs::builder()
///     .http_client(renave_http::TransportBuilder::default().build().unwrap());
/// ```
///
/// ```compile_fail
/// let _ = renave_ws_client::ClienteRenaveWs::builder().route_override(
///     "consultar_estoque",
///     renave_ws_client::Route::custom(renave_ws_client::HttpMethod::Get, "api/estoques/{idEstoque}"),
/// );
/// ```
#[derive(Debug, Default)]
#[must_use]
pub struct ClienteRenaveWsBuilder {
    comuns: OpcoesComuns,
    identidade: Option<IdentidadeCertificado>,
    estabelecimento: Option<Cnpj>,
    relaxar_hostname: bool,
    raizes: Vec<Vec<u8>>,
}

renave_http::opcoes_comuns!(ClienteRenaveWsBuilder);

impl ClienteRenaveWsBuilder {
    /// The establishment's e-CNPJ identity for mutual TLS (decision D5). **Required** for every
    /// environment but [`Ambiente::Local`] (a simulator or mock server on this machine):
    /// Renave-WS acts for the establishment of the certificate.
    pub fn identidade(mut self, identidade: IdentidadeCertificado) -> Self {
        self.identidade = Some(identidade);
        self
    }

    /// The establishment's CNPJ (*estabelecimento*) when there is no certificate to read it
    /// from: **only in the test mode** ([`Ambiente::Local`], a simulator), so that the journal
    /// (`renave_http::diario`) records, and the audit export shows, the dealer the calls were
    /// made for. The certificate's CNPJ always wins: with an
    /// [`identidade`](Self::identidade), a declared CNPJ that differs from the certificate's is
    /// refused at `build()`, and outside the test mode one is accepted only if it is the
    /// certificate's.
    pub fn estabelecimento(mut self, cnpj: Cnpj) -> Self {
        self.estabelecimento = Some(cnpj);
        self
    }

    /// Trusts an extra root certificate (DER), e.g. the ICP-Brasil roots or a test CA.
    pub fn adicionar_raiz_confiavel_der(mut self, der: Vec<u8>) -> Self {
        self.raizes.push(der);
        self
    }

    /// In homologação the server certificate's name does not match the `hom.` host
    /// (`renave-ws.md` §1.2, manual "dicas-ssl"): `true` skips ONLY the host-name check (the
    /// chain is still verified, SNI stays the real host). Refused at `build()` for any
    /// environment other than [`Ambiente::Homologacao`] and [`Ambiente::Local`] (tests); never
    /// accepted for [`Ambiente::Producao`] or [`Ambiente::Personalizado`].
    pub fn relaxar_verificacao_hostname_homologacao(mut self, sim: bool) -> Self {
        self.relaxar_hostname = sim;
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Erro::Configuracao`] without an environment ([`ambiente`](Self::ambiente)), or
    /// without an identity ([`identidade`](Self::identidade)) outside [`Ambiente::Local`]; for
    /// an environment URL refused ([`Ambiente::Local`] with a host that is not a loopback host,
    /// a plain `http` [`Ambiente::Personalizado`] without [`permitir_http`](Self::permitir_http)),
    /// host-name relaxation outside homologação and the test mode, invalid route overrides, or
    /// a TLS setup failure.
    ///
    /// ```
    /// use renave_ws_client::{Ambiente, ClienteRenaveWs};
    /// // No `.ambiente(…)`: refused, never homologação by default.
    /// let erro = ClienteRenaveWs::builder().build().unwrap_err();
    /// assert!(erro.to_string().contains("ambiente"), "{erro}");
    /// // No `.identidade(…)`: refused outside the test mode.
    /// let erro = ClienteRenaveWs::builder()
    ///     .ambiente(Ambiente::Homologacao)
    ///     .build()
    ///     .unwrap_err();
    /// assert!(erro.to_string().contains("identidade"), "{erro}");
    /// // The test mode needs neither an identity nor a switch for plain http.
    /// let cliente = ClienteRenaveWs::builder()
    ///     .ambiente(Ambiente::Local("http://127.0.0.1:8080".parse()?))
    ///     .build()?;
    /// assert_eq!(cliente.url_base().as_str(), "http://127.0.0.1:8080/");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<ClienteRenaveWs, Erro> {
        let ambiente = self.comuns.ambiente().map_err(configuracao)?;
        if self.identidade.is_none() && !ambiente.e_local() {
            return Err(Erro::configuracao(
                "the identity is missing: set .identidade(IdentidadeCertificado::…), the \
                 establishment's e-CNPJ for mutual TLS (decision D5); only Ambiente::Local \
                 (tests) goes without one",
            ));
        }
        // Homologação and the test mode only; production or another gateway never, whatever
        // the switches.
        if self.relaxar_hostname && !matches!(ambiente, Ambiente::Homologacao | Ambiente::Local(_))
        {
            return Err(Erro::configuracao(
                "relaxing host-name verification is allowed for homologação only",
            ));
        }
        let do_certificado = self.identidade.as_ref().and_then(|i| i.cnpj().copied());
        let cnpj = match (do_certificado, self.estabelecimento) {
            (Some(certificado), Some(declarado)) if certificado != declarado => {
                return Err(Erro::configuracao(
                    "the establishment's CNPJ declared with .estabelecimento(…) is not the \
                     certificate's: the certificate's CNPJ is the one Renave-WS acts for",
                ));
            }
            (None, Some(_)) if !ambiente.e_local() => {
                return Err(Erro::configuracao(
                    "an establishment's CNPJ without a certificate that carries it \
                     (.estabelecimento(…)) is accepted in Ambiente::Local (tests) only",
                ));
            }
            (certificado, declarado) => certificado.or(declarado),
        };
        let (identidade, raizes, relaxar) = (self.identidade, self.raizes, self.relaxar_hostname);
        let montagem = self
            .comuns
            .montar(
                DestinoCliente {
                    produto: concat!("renave-ws-client/", env!("CARGO_PKG_VERSION")),
                    homologacao: URL_HOMOLOGACAO,
                    producao: URL_PRODUCAO,
                    prefixo: "",
                    contrato: padrao(),
                },
                |mut transporte| {
                    transporte = transporte.danger_accept_invalid_hostnames(relaxar);
                    for raiz in raizes {
                        transporte = transporte.add_root_certificate_der(raiz);
                    }
                    if let Some(id) = &identidade {
                        let (cadeia, chave) = id.para_transporte();
                        transporte = transporte.client_identity(cadeia, chave);
                    }
                    transporte
                },
            )
            .map_err(configuracao)?;
        Ok(ClienteRenaveWs {
            interno: Arc::new(Interno {
                core: montagem.core,
                overrides: montagem.rotas,
                cnpj,
                ambiente: montagem.ambiente,
                diario: montagem.diario,
                contrato: montagem.contrato,
            }),
        })
    }
}

/// The Renave-WS client's default contract as data (`Contrato::padrao_renave_ws()`, decision
/// D11): every operation of [`api::operacoes`](crate::api::operacoes) with its method, route,
/// idempotency and field names. Write it to a file
/// ([`Contrato::escrever_toml`](renave_http::contrato::Contrato::escrever_toml)) to see every
/// wire name, edit a copy and give it back with the builder's `contrato(…)` option.
///
/// ```
/// use renave_ws_client::ContratoPadraoRenaveWs;
/// use renave_ws_client::contrato::Contrato;
///
/// let padrao = Contrato::padrao_renave_ws();
/// assert!(padrao.envelope.is_none());
/// assert_eq!(Contrato::de_json(&padrao.para_json()).unwrap(), padrao);
/// ```
pub trait ContratoPadraoRenaveWs {
    /// The default contract of the Renave-WS API (the three groups).
    fn padrao_renave_ws() -> renave_http::contrato::Contrato;
}

impl ContratoPadraoRenaveWs for renave_http::contrato::Contrato {
    fn padrao_renave_ws() -> renave_http::contrato::Contrato {
        padrao().clone()
    }
}

/// The default contract, computed once.
fn padrao() -> &'static renave_http::contrato::Contrato {
    static PADRAO: std::sync::OnceLock<renave_http::contrato::Contrato> =
        std::sync::OnceLock::new();
    PADRAO.get_or_init(|| renave_http::contrato::Contrato::de_operacoes(&crate::api::operacoes()))
}

/// A configuration error of the shared options, as this client's [`Erro::Configuracao`].
fn configuracao(e: renave_http::ErroConfiguracao) -> Erro {
    let (motivo, fonte) = e.em_partes();
    Erro::Configuracao { motivo, fonte }
}

#[derive(Debug)]
struct Interno {
    core: HttpCore,
    overrides: RouteOverrides,
    cnpj: Option<Cnpj>,
    ambiente: Ambiente,
    diario: Option<Arc<dyn Diario>>,
    contrato: renave_http::contrato::ContratoAtivo,
}

/// Client of the Renave-WS establishment group (*grupo Estabelecimento*), one per e-CNPJ
/// identity (decision D5).
///
/// Cheap to clone (an `Arc` inside; clones share one connection pool), `Send + Sync`. The
/// operations are its inherent methods (each returns a [`Chamada`](renave_http::Chamada): `.await`
/// it, optionally after `.prazo(…)`/`.retentativas(…)`), also listed by the mockable traits
/// [`RenaveWsUsados`](crate::RenaveWsUsados),
/// [`RenaveWsTransferencias`](crate::RenaveWsTransferencias) and
/// [`RenaveWsZeroKm`](crate::RenaveWsZeroKm) (umbrella [`RenaveWsApi`](crate::RenaveWsApi)).
#[derive(Debug, Clone)]
pub struct ClienteRenaveWs {
    interno: Arc<Interno>,
}

const _: () = {
    const fn exige<T: Send + Sync + Clone + 'static>() {}
    exige::<ClienteRenaveWs>();
};

/// No request body (for [`ClienteRenaveWs::executar`] calls of `GET` operations).
pub(crate) const SEM_CORPO: Option<&()> = None;

/// A raw answer (*resposta bruta*) of [`ClienteRenaveWs::executar_bruto`] (decision D2): the
/// same accessors as the CET-MG client's `RespostaBruta`, which adds only its envelope's
/// `codigo_retorno`.
///
/// Its `Debug` shows the status, the content type and the body's size, never the body (which
/// may carry CPFs).
#[derive(Clone)]
pub struct RespostaBruta {
    /// The core's answer, kept whole (its status, headers and body are not copied).
    resposta: HttpResponse,
    /// The client's snippet size for errors (`CoreConfig::error_snippet_bytes`).
    trecho_max: usize,
}

impl std::fmt::Debug for RespostaBruta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RespostaBruta")
            .field("status", &self.status())
            .field("content_type", &self.content_type())
            .field("corpo", &format_args!("<{} bytes>", self.corpo().len()))
            .finish_non_exhaustive()
    }
}

impl RespostaBruta {
    /// The HTTP status (*status*; always 2xx: error statuses are returned as [`Erro::Http`]
    /// or [`Erro::Negocio`]).
    pub fn status(&self) -> u16 {
        self.resposta.status()
    }

    /// The `Content-Type` header, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.resposta.content_type()
    }

    /// The body (*corpo*), as received (at most the client's size cap).
    pub fn corpo(&self) -> &[u8] {
        self.resposta.body()
    }

    /// The body (*corpo*), consumed without a copy: for a large body kept or handed on.
    pub fn into_corpo(self) -> bytes::Bytes {
        self.resposta.into_body()
    }

    /// The body decoded as JSON into `T` (e.g. [`serde_json::Value`]); an empty body (or one
    /// of white space only, as many Renave-WS successes are) decodes as JSON `null`:
    /// `Value::Null`, `None` for an `Option`, an error for a struct.
    ///
    /// # Errors
    ///
    /// [`Erro::RespostaInvalida`] (operation `executar_bruto`) when the body is not JSON or not
    /// the shape of `T`; its snippet and its source have CPFs masked (the decoder's text may
    /// quote a value of the body).
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Erro> {
        renave_http::decodificacao::json_ou_nulo(self.corpo()).map_err(|e| Erro::RespostaInvalida {
            operacao: "executar_bruto".to_owned(),
            status: self.status(),
            motivo: "the body is not JSON of the type asked for".to_owned(),
            trecho: crate::erro::trecho(self.corpo(), self.trecho_max),
            fonte: Some(ErroDecodificacao::new(e)),
        })
    }
}

impl ClienteRenaveWs {
    /// A builder with default deadlines and retries, and **no environment and no identity**:
    /// set [`ambiente`](ClienteRenaveWsBuilder::ambiente) and
    /// [`identidade`](ClienteRenaveWsBuilder::identidade) before
    /// [`build`](ClienteRenaveWsBuilder::build).
    pub fn builder() -> ClienteRenaveWsBuilder {
        ClienteRenaveWsBuilder::default()
    }

    /// The CNPJ of the client's certificate (the establishment Renave-WS acts for), or in the
    /// test mode without a certificate the one declared with
    /// [`estabelecimento`](ClienteRenaveWsBuilder::estabelecimento); `None` when unknown.
    pub fn cnpj(&self) -> Option<&Cnpj> {
        self.interno.cnpj.as_ref()
    }

    /// The environment.
    pub fn ambiente(&self) -> &Ambiente {
        &self.interno.ambiente
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

    /// The base URL.
    pub fn url_base(&self) -> &Url {
        &self.interno.core.config().base_url
    }

    /// Sends any request through the same TLS identity, deadlines, retry decision and error
    /// handling as the typed operations (decision D2) — for routes the SDK does not model
    /// (e.g. E21 `GET api/municipios/{id}`) or that changed.
    ///
    /// `caminho` is relative to the base URL (e.g. `"api/municipios/2381"`), without query;
    /// `idempotencia` says whether the request may be resent automatically (decision D6).
    /// The path may hold personal data (a CPF): it is traced as the route `(raw)` and never
    /// quoted by an error, even when refused (RFC 3986 path characters only, no `?`, `#` or
    /// `{…}`: [`Erro::EntradaInvalida`], not sent).
    ///
    /// ```no_run
    /// # async fn f(cliente: renave_ws_client::ClienteRenaveWs) -> Result<(), Box<dyn std::error::Error>> {
    /// use renave_http::{HttpMethod, Idempotency};
    /// let r = cliente
    ///     .executar_bruto(HttpMethod::Get, "api/municipios/2381", &[], None, Idempotency::Idempotent)
    ///     .await?;
    /// println!("HTTP {}: {}", r.status(), r.json::<serde_json::Value>()?);
    /// # Ok(()) }
    /// ```
    pub async fn executar_bruto(
        &self,
        metodo: HttpMethod,
        caminho: &str,
        query: &[(&str, &str)],
        corpo: Option<&serde_json::Value>,
        idempotencia: Idempotency,
    ) -> Result<RespostaBruta, Erro> {
        const OP: &str = "executar_bruto";
        let rota = Route::custom(metodo, caminho.trim_start_matches('/'));
        // The route error is not kept, nor its text: it quotes the path, which may hold a CPF.
        let path = rota.render(&[]).map_err(|e| Erro::EntradaInvalida {
            operacao: OP.to_owned(),
            campo: "caminho".to_owned(),
            motivo: match e {
                RouteError::MalformedTemplate { reason, .. } => {
                    format!("invalid raw path: {reason}")
                }
                _ => "invalid raw path: it holds a `{placeholder}`".to_owned(),
            },
            fonte: None,
        })?;
        // Traced as `(raw)`, never as the path (which may hold a CPF), like the CET-MG client.
        let mut spec = RequestSpec::new(OP, metodo, "(raw)", path, idempotencia);
        for (k, v) in query {
            spec = spec.query(*k, *v);
        }
        let resposta = self.enviar(OP, spec, corpo).await?;
        Ok(RespostaBruta {
            resposta,
            trecho_max: self.interno.core.config().error_snippet_bytes,
        })
    }

    /// The one request path of every typed operation: validates the request once (its
    /// [`Operacao::validar`](renave_http::Operacao::validar) hook: a refused input is never
    /// sent), resolves the route (overrides, D2), fills the path and query from the request's
    /// `Serialize` form (or sends it as the JSON body), sends through the core with the
    /// per-call options, turns an error status into [`Erro::Http`] or [`Erro::Negocio`] and decodes the
    /// 2xx answer.
    async fn executar_operacao<R: RespostaWs>(
        &self,
        mut requisicao: Requisicao<Erro>,
        opcoes: Opcoes,
    ) -> Result<R, Erro> {
        requisicao.validacao()?;
        let mut endpoint = requisicao.endpoint().clone();
        // The contract may make an operation state-changing (never the reverse, D6) and
        // rename its request fields (decision D11).
        endpoint.idempotency = self.interno.contrato.idempotencia(&endpoint);
        requisicao.renomear(self.interno.contrato.renomes_requisicao(endpoint.name));
        crate::operacoes::usados::verificar_no_cliente(
            endpoint.name,
            requisicao.corpo_enviado(),
            self.cnpj(),
        )?;
        let rota = self.interno.overrides.resolve(&endpoint);
        let spec = requisicao.spec(&rota, &opcoes, self.interno.core.config().timeouts)?;
        // The journal hook (`renave_http::diario`): the intent is recorded before sending,
        // or nothing is sent.
        let registro = match &self.interno.diario {
            Some(diario) => renave_http::diario::abrir(
                diario,
                renave_http::diario::API_RENAVE_WS,
                &endpoint,
                self.interno.cnpj.as_ref().map(Cnpj::as_str),
                &requisicao.corpo().unwrap_or_default(),
            )
            .await
            .map_err(|fonte| Erro::Diario {
                operacao: endpoint.name.to_owned(),
                fonte,
            })?,
            None => None,
        };
        let resultado = match self.enviar(endpoint.name, spec, SEM_CORPO).await {
            Ok(resposta) => {
                R::ler(self, endpoint.name, endpoint.idempotency, &resposta).map(|v| (v, resposta))
            }
            Err(e) => Err(e),
        };
        if let Some(registro) = registro {
            let desfecho = match &resultado {
                Ok((_, resposta)) => Desfecho::executada(resposta.status(), resposta.body()),
                Err(e) => crate::diario::desfecho_de_erro(e),
            };
            registro.concluir(desfecho).await;
        }
        resultado.map(|(valor, _)| valor)
    }

    /// The answer of an operation whose success body is empty or unknown (E5, E10…): any
    /// 2xx is success, a JSON body is kept if present and any other body as a capped snippet
    /// (never an error: the request was done).
    fn confirmacao(&self, resposta: &HttpResponse) -> Confirmacao {
        let (corpo, corpo_texto) = if resposta.body().iter().all(u8::is_ascii_whitespace) {
            (None, None)
        } else {
            match serde_json::from_slice::<serde_json::Value>(resposta.body()) {
                Ok(v) => (Some(v), None),
                // Masked before it is cut (`erro::trecho`): a CPF cut in half by the cap would
                // keep its first nine digits, which no later masking recognises.
                Err(_) => (
                    None,
                    Some(crate::erro::trecho(
                        resposta.body(),
                        self.interno.core.config().error_snippet_bytes,
                    )),
                ),
            }
        };
        Confirmacao {
            status: resposta.status(),
            corpo,
            corpo_texto,
        }
    }

    async fn enviar<B: Serialize + ?Sized>(
        &self,
        operacao: &str,
        spec: RequestSpec,
        corpo: Option<&B>,
    ) -> Result<HttpResponse, Erro> {
        let mut spec = spec.header("accept", "application/json");
        if let Some(c) = corpo {
            spec = spec.json_body(c).map_err(|e| Erro::EntradaInvalida {
                operacao: operacao.to_owned(),
                campo: "corpo".to_owned(),
                motivo: "the request body could not be serialised".to_owned(),
                fonte: Some(Box::new(e)),
            })?;
        }
        let idempotencia = spec.idempotency();
        let resposta = self
            .interno
            .core
            .send(&spec)
            .await
            .map_err(|fonte| Erro::Transporte {
                operacao: operacao.to_owned(),
                fonte,
            })?;
        if resposta.is_success() {
            return Ok(resposta);
        }
        Err(Erro::de_resposta(
            operacao,
            idempotencia,
            &resposta,
            self.interno.core.config().error_snippet_bytes,
        ))
    }

    /// Decodes a 2xx answer into `T` in one pass (no intermediate JSON tree), and fails closed
    /// (decision D11): an empty body, a body that is not JSON, or a JSON object none of whose
    /// fields `T` models (its names differ from the contract's) is
    /// [`Erro::RespostaNaoReconhecida`], never a success; for a state-changing request its
    /// outcome is unknown. A JSON body of another shape is [`Erro::RespostaInvalida`].
    fn decodificar<T: DeserializeOwned + JsonSchema + 'static>(
        &self,
        operacao: &str,
        idempotencia: Idempotency,
        resposta: &HttpResponse,
    ) -> Result<T, Erro> {
        let max = self.interno.core.config().error_snippet_bytes;
        let nao_reconhecida = |motivo: String| Erro::RespostaNaoReconhecida {
            operacao: operacao.to_owned(),
            status: resposta.status(),
            motivo,
            trecho: crate::erro::trecho(resposta.body(), max),
            resultado_incerto: idempotencia == Idempotency::StateChanging,
        };
        if resposta.body().iter().all(u8::is_ascii_whitespace) {
            return Err(nao_reconhecida(
                "the body is empty where an answer is expected".to_owned(),
            ));
        }
        // An answer whose fields an override renames is given the SDK's names first (only
        // then: otherwise the bytes are decoded as they are, in one pass).
        let renomeado = self
            .interno
            .contrato
            .renomear_resposta(operacao, resposta.body());
        let corpo = renomeado.as_deref().unwrap_or(resposta.body());
        match decodificacao::decodificar::<T>(corpo, &[]) {
            Ok(d) => {
                let contrato::CamposResposta {
                    modelados: campos,
                    obrigatorios,
                } = contrato::campos_da_resposta::<T>();
                // Nothing is copied when the answer is the contract's, nor when it differs
                // as answers already did (`Divergencias::registrar`).
                if d.forma == Forma::Objeto {
                    self.interno.contrato.divergencias().registrar(
                        operacao,
                        &d.chaves,
                        campos,
                        obrigatorios,
                        &[],
                    );
                }
                if d.forma == Forma::Objeto && !decodificacao::reconhecida(&d.chaves, campos) {
                    return Err(nao_reconhecida(crate::erro::ocultar(format!(
                        "no field of the answer is one the contract models (fields received: {})",
                        renave_http::decodificacao::nomes_recebidos(&d.chaves)
                    ))));
                }
                Ok(d.valor)
            }
            Err(e) if e.is_syntax() || e.is_eof() => {
                Err(nao_reconhecida("the body is not JSON".to_owned()))
            }
            Err(e) => {
                // Not the shape of `T` (a required field absent, a value of another type): the
                // object's keys are still compared with the contract (only on this error path
                // is the body read a second time).
                if let Ok(serde_json::Value::Object(objeto)) =
                    serde_json::from_slice::<serde_json::Value>(corpo)
                {
                    let chaves: Vec<String> = objeto.keys().cloned().collect();
                    let campos = contrato::campos_da_resposta::<T>();
                    self.interno.contrato.divergencias().registrar(
                        operacao,
                        &chaves,
                        &campos.modelados,
                        &campos.obrigatorios,
                        &[],
                    );
                }
                Err(Erro::RespostaInvalida {
                    operacao: operacao.to_owned(),
                    status: resposta.status(),
                    motivo: "the body is not the expected JSON".to_owned(),
                    trecho: crate::erro::trecho(resposta.body(), max),
                    fonte: Some(ErroDecodificacao::new(e)),
                })
            }
        }
    }
}

/// An answer type of a Renave-WS operation: JSON decoded into the type, or a
/// [`Confirmacao`] for the operations whose success body is empty or unknown.
pub trait RespostaWs: Sized + Send + 'static {
    /// Reads the 2xx answer of `operacao` (sent with `idempotencia`).
    #[doc(hidden)]
    fn ler(
        cliente: &ClienteRenaveWs,
        operacao: &str,
        idempotencia: Idempotency,
        resposta: &HttpResponse,
    ) -> Result<Self, Erro>;
}

impl<T: DeserializeOwned + JsonSchema + Send + 'static> RespostaWs for T {
    fn ler(
        cliente: &ClienteRenaveWs,
        operacao: &str,
        idempotencia: Idempotency,
        resposta: &HttpResponse,
    ) -> Result<Self, Erro> {
        cliente.decodificar(operacao, idempotencia, resposta)
    }
}

impl RespostaWs for Confirmacao {
    fn ler(
        cliente: &ClienteRenaveWs,
        _: &str,
        _: Idempotency,
        resposta: &HttpResponse,
    ) -> Result<Self, Erro> {
        Ok(cliente.confirmacao(resposta))
    }
}

impl<R: RespostaWs> Executar<R> for ClienteRenaveWs {
    type Erro = Erro;
    fn executar<'a>(
        &'a self,
        requisicao: Requisicao<Erro>,
        opcoes: Opcoes,
    ) -> Pin<Box<dyn Future<Output = Result<R, Erro>> + Send + 'a>> {
        Box::pin(self.executar_operacao(requisicao, opcoes))
    }
}

/// Hook of the mutation campaign (`tests/fuzz_*.rs`, hidden feature `fuzz`, `docs/fuzz.md`):
/// the answer interpretation of the typed operations, reached without a network. Not a public
/// API.
#[cfg(feature = "fuzz")]
impl ClienteRenaveWs {
    /// Interprets `resposta` as a typed operation does: an error status becomes the error
    /// `enviar` builds (`Erro::de_resposta`, same arguments; checked against the real
    /// path by `tests/fuzz_respostas.rs`), a 2xx answer is decoded by `decodificar` (what
    /// [`RespostaWs::ler`] does for every decoded answer type).
    #[doc(hidden)]
    pub fn fuzz_interpretar<T: DeserializeOwned + JsonSchema + 'static>(
        &self,
        operacao: &str,
        idempotencia: Idempotency,
        resposta: &HttpResponse,
    ) -> Result<T, Erro> {
        if !resposta.is_success() {
            return Err(Erro::de_resposta(
                operacao,
                idempotencia,
                resposta,
                self.interno.core.config().error_snippet_bytes,
            ));
        }
        self.decodificar(operacao, idempotencia, resposta)
    }
}
