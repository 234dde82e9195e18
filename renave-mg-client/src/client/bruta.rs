//! The raw escape hatch (decision D2): [`ClienteCetMg::executar_bruto`] and its answer,
//! [`RespostaBruta`].

use std::fmt;

use bytes::Bytes;
use renave_http::{HttpMethod, HttpResponse, Idempotency, RequestSpec, Route};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::ClienteCetMg;
use super::envelope::{codigo_retorno_de, corpo_lido, nomes_envelope};
use super::executar::Corpo;
use super::spans::{com_span, span_operacao};
use crate::erro::Erro;

impl ClienteCetMg {
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
                    "caminho",
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
                contrato: self.interno.contrato.clone(),
                resposta: resp,
                trecho_max: self.interno.core.config().error_snippet_bytes,
            })
        })
        .await
    }
}

/// A raw answer (*resposta bruta*) of [`ClienteCetMg::executar_bruto`] (decision D2): the
/// same accessors as the Renave-WS client's `RespostaBruta`, plus this API's envelope
/// [`codigo_retorno`](Self::codigo_retorno).
///
/// Its `Debug` shows the status, the content type and the body's size, never the body (which
/// may carry CPFs).
#[derive(Clone)]
pub struct RespostaBruta {
    /// The client's contract, for the envelope's names.
    contrato: renave_http::contrato::ContratoAtivo,
    /// The core's answer, kept whole (its status, headers and body are not copied).
    resposta: HttpResponse,
    /// The client's snippet size for errors (`CoreConfig::error_snippet_bytes`).
    trecho_max: usize,
}

impl fmt::Debug for RespostaBruta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RespostaBruta")
            .field("status", &self.status())
            .field("content_type", &self.content_type())
            .field("corpo", &format_args!("<{} bytes>", self.corpo().len()))
            .finish_non_exhaustive()
    }
}

impl RespostaBruta {
    /// The HTTP status (*status*; always 2xx: error statuses are returned as [`Erro`]).
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
    pub fn into_corpo(self) -> Bytes {
        self.resposta.into_body()
    }

    /// The body decoded as JSON into `T` (e.g. [`serde_json::Value`]); an empty body (or one
    /// of white space only) decodes as JSON `null`: `Value::Null`, `None` for an `Option`, an
    /// error for a struct.
    ///
    /// # Errors
    ///
    /// [`Erro::RespostaInvalida`] (operation `executar_bruto`) when the body is not JSON or not
    /// the shape of `T`; its snippet and its source have CPFs masked (the decoder's text may
    /// quote a value of the body).
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Erro> {
        renave_http::decodificacao::json_ou_nulo(self.corpo()).map_err(|e| Erro::RespostaInvalida {
            operacao: "executar_bruto".into(),
            status: self.status(),
            motivo: "the body is not JSON of the type asked for".into(),
            trecho: crate::sigilo::trecho(self.corpo(), self.trecho_max),
            fonte: Some(Box::new(crate::sigilo::MensagemOculta(
                crate::sigilo::ocultar(e.to_string()),
            ))),
        })
    }

    /// The return code of a JSON body (`codigo_retorno`, or the name the client's contract
    /// gives it), if present (string or number).
    pub fn codigo_retorno(&self) -> Option<String> {
        let corpo = corpo_lido(&self.contrato, "executar_bruto", self.corpo());
        let v: Value = serde_json::from_slice(&corpo).ok()?;
        codigo_retorno_de(&v, nomes_envelope(&self.contrato))
    }
}
