//! The one private function every typed operation goes through (`executar`: route resolution,
//! token, request core, 401 renewal), and the authenticated send.

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use renave_http::{Executar, HttpResponse, Opcoes, RequestSpec, Requisicao, Timeouts};
use schemars::JsonSchema;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::Value;

use renave_http::diario::Desfecho;

use super::ClienteCetMg;
use super::diario::desfecho_de_erro;
use super::spans::{com_span, span_operacao};
use crate::erro::Erro;
use crate::operacoes::autenticacao::GERAR_TOKEN;
use crate::token::TokenAcesso;

/// The body to send with a request.
pub(super) enum Corpo<'a> {
    Nenhum,
    Json(&'a Value),
}

impl<R: DeserializeOwned + JsonSchema + Send + 'static> Executar<R> for ClienteCetMg {
    type Erro = Erro;
    fn executar<'a>(
        &'a self,
        requisicao: Requisicao<Erro>,
        opcoes: Opcoes,
    ) -> Pin<Box<dyn Future<Output = Result<R, Erro>> + Send + 'a>> {
        Box::pin(ClienteCetMg::executar(self, requisicao, opcoes))
    }
}

impl ClienteCetMg {
    /// The one path of every typed operation: validate (the request's
    /// [`Operacao::validar`](renave_http::Operacao::validar) hook, once), resolve the route,
    /// send with the token, interpret the answer (decisions D1–D7). Per-call options
    /// ([`Chamada::prazo`](renave_http::Chamada::prazo), [`Chamada::retentativas`](renave_http::Chamada::retentativas))
    /// replace the client's deadline and retry policy for this call only.
    pub(super) async fn executar<R: DeserializeOwned + JsonSchema + 'static>(
        &self,
        mut requisicao: Requisicao<Erro>,
        opcoes: Opcoes,
    ) -> Result<R, Erro> {
        let mut endpoint = requisicao.endpoint().clone();
        // The contract may make an operation state-changing (never the reverse, D6) and
        // rename its request fields (decision D11).
        endpoint.idempotency = self.interno.contrato.idempotencia(&endpoint);
        requisicao.renomear(self.interno.contrato.renomes_requisicao(endpoint.name));
        let operacao = endpoint.name;
        let prazo = self.prazo_operacao_de(opcoes.prazo);
        let span = span_operacao(operacao);
        com_span(&span, async {
            requisicao.validacao()?;
            let rota = self.interno.rotas.resolve(&endpoint);
            let spec = requisicao.spec(&rota, &opcoes, self.interno.core.config().timeouts)?;
            // The journal hook (`renave_http::diario`): the intent is recorded before sending,
            // or nothing is sent.
            let registro = match &self.interno.diario {
                Some(diario) => renave_http::diario::abrir(
                    diario,
                    renave_http::diario::API_CETMG,
                    &endpoint,
                    None,
                    &requisicao.corpo().unwrap_or_default(),
                )
                .await
                .map_err(|fonte| Erro::Diario {
                    operacao: operacao.into(),
                    fonte,
                })?,
                None => None,
            };
            let resultado = self
                .enviar_autenticado(operacao, spec, &Corpo::Nenhum, prazo)
                .await
                .and_then(|resp| {
                    span.record("status", resp.status());
                    let valor = self.decodificar(operacao, endpoint.idempotency, &resp)?;
                    Ok((valor, resp))
                });
            if let Some(registro) = registro {
                let desfecho = match &resultado {
                    Ok((_, resp)) => Desfecho::executada(resp.status(), resp.body()),
                    Err(e) => desfecho_de_erro(e),
                };
                registro.concluir(desfecho).await;
            }
            resultado.map(|(valor, _)| valor)
        })
        .await
    }

    /// The deadline of an operation starting now: `prazo` (a per-call deadline) or else
    /// [`Timeouts::operation`].
    pub(super) fn prazo_operacao_de(&self, prazo: Option<Duration>) -> Option<Instant> {
        Instant::now().checked_add(prazo.unwrap_or(self.interno.core.config().timeouts.operation))
    }

    /// The deadline of an operation starting now: [`Timeouts::operation`] covers the token
    /// request, the send and the resend after a 401 together (`None`: too far to represent).
    pub(super) fn prazo_operacao(&self) -> Option<Instant> {
        Instant::now().checked_add(self.interno.core.config().timeouts.operation)
    }

    /// `spec` limited to what is left until `prazo`: the core gives up (without starting an
    /// attempt) once nothing is left; a request is never cut short from outside the core.
    pub(super) fn no_prazo(&self, spec: RequestSpec, prazo: Option<Instant>) -> RequestSpec {
        match prazo {
            Some(p) => spec.with_timeouts(Timeouts {
                operation: p.saturating_duration_since(Instant::now()),
                ..self.interno.core.config().timeouts
            }),
            None => spec,
        }
    }

    /// Sends `spec` with the bearer token; on a 401 renews the token once and resends once
    /// (the gateway refuses a 401 before the backend acts, so this is safe for a POST). Token
    /// requests and sends all share the deadline `prazo`.
    pub(super) async fn enviar_autenticado(
        &self,
        operacao: &str,
        spec: RequestSpec,
        corpo: &Corpo<'_>,
        prazo: Option<Instant>,
    ) -> Result<HttpResponse, Erro> {
        let spec = match corpo {
            Corpo::Nenhum => spec,
            Corpo::Json(v) => spec.json_body(v).map_err(|e| Erro::EntradaInvalida {
                operacao: operacao.into(),
                campo: "corpo".into(),
                motivo: "the request cannot be encoded as JSON".into(),
                fonte: Some(Box::new(e)),
            })?,
        };
        let token = self.obter_token(operacao, None, prazo).await?;
        let resp = self
            .enviar_com_token(operacao, &spec, &token, prazo)
            .await?;
        if resp.status() != 401 {
            return Ok(resp);
        }
        tracing::debug!(
            operation = operacao,
            "HTTP 401: renewing the token and resending once"
        );
        // The new token is asked for anyway; the store may keep the refused one a while.
        self.invalidar(&token, prazo).await;
        let novo = self.obter_token(operacao, Some(&token), prazo).await?;
        self.enviar_com_token(operacao, &spec, &novo, prazo).await
    }

    pub(super) async fn enviar_com_token(
        &self,
        operacao: &str,
        spec: &RequestSpec,
        token: &TokenAcesso,
        prazo: Option<Instant>,
    ) -> Result<HttpResponse, Erro> {
        // The deadline left until `prazo` replaces the spec's (the core gives up without
        // starting an attempt once nothing is left; a request is never cut short from outside
        // the core).
        let prazos = prazo.map(|p| Timeouts {
            operation: p.saturating_duration_since(Instant::now()),
            ..self.interno.core.config().timeouts
        });
        // The header built once per token, marked sensitive; the spec is not copied. A token
        // that cannot be a header value is sent the long way, so that the core refuses it as
        // an invalid request (nothing sent).
        let resposta = if let Some(autorizacao) = token.cabecalho() {
            self.interno
                .core
                .send_with_authorization(spec, autorizacao, prazos)
                .await
        } else {
            let autorizacao =
                SecretString::from(format!("Bearer {}", token.valor().expose_secret()));
            let spec = self
                .no_prazo(spec.clone(), prazo)
                .sensitive_header("authorization", autorizacao);
            self.interno.core.send(&spec).await
        };
        resposta.map_err(|fonte| erro_transporte(operacao, fonte))
    }
}

/// A transport error of `operacao`. Whether it leaves the outcome unknown is the core's
/// decision (`HttpError::outcome_unknown`, which knows the idempotency the request was sent
/// with).
pub(super) fn erro_transporte(operacao: &str, fonte: renave_http::HttpError) -> Erro {
    Erro::Transporte {
        operacao: operacao.into(),
        fonte,
    }
}

/// A token request's error for the caller of `operacao`: reported under the operation called
/// ([`Erro::Token`], with the `gerar_token` error as its source), unless the caller called
/// `gerar_token` itself or the error already names the operation.
pub(super) fn da_operacao(operacao: &str, erro: Erro) -> Erro {
    if operacao == GERAR_TOKEN.name || erro.operacao() == Some(operacao) {
        return erro;
    }
    Erro::Token {
        operacao: operacao.into(),
        fonte: Box::new(erro),
    }
}
