//! The token glue (decision D4): `gerar_token`, the single flight of renewals, and the token
//! store calls bounded by the operation deadline.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use renave_http::{BodySnippet, HttpError, Idempotency, RequestSpec, TimeoutKind};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use tracing::Instrument as _;

use super::ClienteCetMg;
use super::executar::{da_operacao, erro_transporte};
use super::spans::{com_span, span_operacao};
use crate::erro::{BoxError, Erro};
use crate::operacoes::autenticacao::{GERAR_TOKEN, SolicitacaoGerarToken};
use crate::token::{
    EstadoRenovacao, TokenAcesso, ler_resposta_token, momento_expiracao, momento_renovacao,
};

/// How long, after a failed token renewal, callers keep using a still-valid token without a
/// new renewal attempt (decision D4: a failing `gerar-token` must not slow every call).
pub(super) const PAUSA_APOS_FALHA: Duration = Duration::from_secs(30);

/// Default of [`ClienteCetMgBuilder::pausa_apos_falha_token`]: after a failed renewal, how long
/// callers without a valid token get its error instead of a new `gerar-token` request.
pub(super) const PAUSA_APOS_FALHA_SEM_TOKEN: Duration = Duration::from_secs(2);

/// How long an operation waits for a token-store call it can do without: a write (`put`,
/// `invalidate`), or a second read while it holds a valid token — and never more than a quarter
/// of the time left before its deadline. A write not finished by then goes on in the background
/// until the operation's deadline (see [`ArmazenamentoToken`](crate::ArmazenamentoToken)).
pub(super) const ESPERA_ARMAZENAMENTO: Duration = Duration::from_millis(500);

impl ClienteCetMg {
    /// Generates a token (*gerar token*, R §5.1, Fig. 57; decision D4): `POST gerar-token` with
    /// `{"consumer_key","consumer_secret"}`. The client calls it by itself when needed; calling
    /// it explicitly stores the new token for every later call.
    ///
    /// One renewal at a time: a call made while another renewal is under way gets that
    /// renewal's token or error, as does a call made less than
    /// [`pausa_apos_falha_token`](crate::ClienteCetMgBuilder::pausa_apos_falha_token) after a failed
    /// renewal. The whole call — waiting for a renewal under way, the request and storing the
    /// token — is bounded by [`Timeouts::operation`](crate::Timeouts::operation); a store that is slow to keep the token
    /// does not hold it (see [`ArmazenamentoToken`](crate::ArmazenamentoToken)).
    pub async fn gerar_token(&self) -> Result<TokenAcesso, Erro> {
        let span = span_operacao(GERAR_TOKEN.name);
        let prazo = self.prazo_operacao();
        com_span(&span, async {
            let chegada = Instant::now();
            let vez = self.aguardar_vez(GERAR_TOKEN.name, prazo).await?;
            if let Some(t) = vez.token_desde(chegada) {
                return Ok(t.clone());
            }
            if let Some(erro) =
                vez.falha_compartilhada(chegada, self.interno.pausa_apos_falha_token)
            {
                return Err(erro);
            }
            self.renovar(vez, prazo).await
        })
        .await
    }

    /// A token valid now: the stored one unless due for renewal (or `rejeitado` by the
    /// gateway), else a new one — one renewal at a time (decision D4). Every store call and the
    /// wait for the renewal lock are bounded by the operation deadline `prazo`.
    ///
    /// While the stored token is still valid, a caller never waits for a renewal: if one is
    /// already under way, or one failed less than [`PAUSA_APOS_FALHA`] ago, it gets the valid
    /// token at once. A caller without one that waited for a renewal takes its outcome, token
    /// or error, and a failed renewal's error is also given, without a new request, to callers
    /// arriving less than [`ClienteCetMgBuilder::pausa_apos_falha_token`] after it.
    pub(super) async fn obter_token(
        &self,
        operacao: &str,
        rejeitado: Option<&TokenAcesso>,
        prazo: Option<Instant>,
    ) -> Result<TokenAcesso, Erro> {
        let chegada = Instant::now();
        let aceitavel = |t: &TokenAcesso| rejeitado.is_none_or(|r| !t.mesmo_valor(r));
        let em_pausa = |estado: &EstadoRenovacao| {
            estado
                .falhou_em()
                .is_some_and(|f| f.elapsed() < PAUSA_APOS_FALHA)
        };
        let mut vez = None;
        let mut em_maos = None;
        if rejeitado.is_none() {
            if let Some(t) = self.ler_armazenado_ou_falhar(operacao, prazo).await? {
                let agora = SystemTime::now();
                if t.fresco_em(agora) {
                    return Ok(t);
                }
                if t.valido_em(agora) {
                    // Due but valid: renew only if nobody else is renewing and no renewal
                    // failed just now.
                    match self.interno.renovacao.try_lock() {
                        Ok(guarda) if !em_pausa(&guarda) => vez = Some(guarda),
                        _ => return Ok(t),
                    }
                    em_maos = Some(t);
                }
            }
        }
        let vez = match vez {
            Some(guarda) => guarda,
            None => self.aguardar_vez(operacao, prazo).await?,
        };
        let atual = match em_maos {
            // A failing or slow store is an error only when there is no token in hand: with
            // one, its answer is waited for a short while only.
            Some(t) => match self.ler_armazenado(limite_curto(prazo)).await {
                Some(Ok(atual)) => atual,
                Some(Err(fonte)) => {
                    tracing::warn!(error = %fonte, "token store unreadable; using the token in hand");
                    Some(t)
                }
                None => {
                    tracing::warn!(
                        "the token store did not answer in time; using the token in hand"
                    );
                    Some(t)
                }
            },
            None => self.ler_armazenado_ou_falhar(operacao, prazo).await?,
        };
        let agora = SystemTime::now();
        if let Some(t) = &atual {
            if aceitavel(t) && (t.fresco_em(agora) || (t.valido_em(agora) && em_pausa(&vez))) {
                return Ok(t.clone());
            }
        }
        // The renewal this caller waited for (or a fresh token the store has not kept).
        if let Some(t) = vez
            .token_desde(chegada)
            .filter(|t| t.valido_em(agora))
            .or_else(|| vez.token_fresco(agora))
            .filter(|t| aceitavel(t))
        {
            return Ok(t.clone());
        }
        if let Some(erro) = vez.falha_compartilhada(chegada, self.interno.pausa_apos_falha_token) {
            return Err(da_operacao(operacao, erro));
        }
        match self.renovar(vez, prazo).await {
            Ok(novo) => Ok(novo),
            Err(erro) => match atual {
                Some(t) if t.valido_em(SystemTime::now()) && aceitavel(&t) => {
                    tracing::warn!(
                        error = %erro,
                        "token renewal failed; keeping the still-valid token"
                    );
                    Ok(t)
                }
                _ => Err(da_operacao(operacao, erro)),
            },
        }
    }

    /// Sends `gerar-token` holding the renewal lock `vez`, records the outcome for the callers
    /// waiting on it, releases the lock, and stores a new token.
    pub(super) async fn renovar(
        &self,
        mut vez: tokio::sync::MutexGuard<'_, EstadoRenovacao>,
        prazo: Option<Instant>,
    ) -> Result<TokenAcesso, Erro> {
        match self.solicitar_token(prazo).await {
            Ok(novo) => {
                vez.registrar_token(novo.clone());
                // The callers waiting on the lock take the token from `vez`: a slow store
                // holds none of them.
                drop(vez);
                self.guardar(novo.clone(), prazo).await;
                Ok(novo)
            }
            Err(erro) => Err(vez.registrar_falha(erro)),
        }
    }

    /// The renewal lock (single flight, decision D4), waited for until `prazo` at most by the
    /// caller of `operacao`.
    pub(super) async fn aguardar_vez(
        &self,
        operacao: &str,
        prazo: Option<Instant>,
    ) -> Result<tokio::sync::MutexGuard<'_, EstadoRenovacao>, Erro> {
        ate(prazo, self.interno.renovacao.lock())
            .await
            .ok_or_else(|| self.prazo_esgotado_antes_do_token(operacao))
    }

    /// The error of a caller of `operacao` whose deadline passed while it waited for another
    /// caller's token renewal: neither its `gerar-token` request nor its operation was sent
    /// (reported under the operation called).
    pub(super) fn prazo_esgotado_antes_do_token(&self, operacao: &str) -> Erro {
        Erro::Transporte {
            operacao: operacao.into(),
            fonte: HttpError::Timeout {
                operation: operacao.into(),
                attempts: 0,
                deadline: self.interno.core.config().timeouts.operation,
                may_have_executed: false,
                kind: TimeoutKind::Operation,
                idempotency: GERAR_TOKEN.idempotency,
            },
        }
    }

    /// Reads the store until `limite`; `None` when it did not answer by then.
    pub(super) async fn ler_armazenado(
        &self,
        limite: Option<Instant>,
    ) -> Option<Result<Option<TokenAcesso>, BoxError>> {
        ate(limite, self.interno.armazenamento.get()).await
    }

    /// Reads the store when there is no token in hand to fall back on: a store that fails, or
    /// does not answer before `prazo`, fails the operation (nothing was sent).
    pub(super) async fn ler_armazenado_ou_falhar(
        &self,
        operacao: &str,
        prazo: Option<Instant>,
    ) -> Result<Option<TokenAcesso>, Erro> {
        match self.ler_armazenado(prazo).await {
            Some(lido) => lido.map_err(|fonte| Erro::ArmazenamentoToken {
                operacao: operacao.into(),
                fonte,
            }),
            None => Err(Erro::ArmazenamentoTokenSemResposta {
                operacao: operacao.into(),
                prazo: self.interno.core.config().timeouts.operation,
            }),
        }
    }

    /// Stores a new token; a store failure is only logged (the caller keeps the token in
    /// hand, and the next call asks the store again).
    pub(super) async fn guardar(&self, token: TokenAcesso, prazo: Option<Instant>) {
        let armazenamento = Arc::clone(&self.interno.armazenamento);
        self.escrever(
            prazo,
            "the token store could not keep the new token; using it anyway",
            async move { armazenamento.put(token).await },
        )
        .await;
    }

    /// Tells the store the gateway refused `rejeitado`; a store failure is only logged.
    pub(super) async fn invalidar(&self, rejeitado: &TokenAcesso, prazo: Option<Instant>) {
        let armazenamento = Arc::clone(&self.interno.armazenamento);
        let rejeitado = rejeitado.clone();
        self.escrever(
            prazo,
            "the token store could not forget the refused token",
            async move { armazenamento.invalidate(&rejeitado).await },
        )
        .await;
    }

    /// Runs a store write in a task of its own, bounded by the operation deadline `prazo`, and
    /// waits for it only until [`limite_curto`]: a slow store never holds the operation, and a
    /// write that fails or is still unfinished at the deadline is logged (WARN, with the store's
    /// error, never the token).
    pub(super) async fn escrever<F>(&self, prazo: Option<Instant>, falha: &'static str, escrita: F)
    where
        F: std::future::Future<Output = Result<(), BoxError>> + Send + 'static,
    {
        let tarefa = tokio::spawn(
            async move {
                match ate(prazo, escrita).await {
                    Some(Ok(())) => {}
                    Some(Err(fonte)) => tracing::warn!(error = %fonte, "{falha}"),
                    None => tracing::warn!("{falha}: no answer within the operation deadline"),
                }
            }
            .instrument(tracing::Span::current()),
        );
        match ate(limite_curto(prazo), tarefa).await {
            Some(Ok(())) => {}
            Some(Err(_)) => tracing::warn!("{falha}: the store's call did not finish"),
            None => tracing::debug!("the token store is slow; going on without waiting for it"),
        }
    }

    /// `POST gerar-token` (no bearer token), read leniently, within `prazo`.
    pub(super) async fn solicitar_token(
        &self,
        prazo: Option<Instant>,
    ) -> Result<TokenAcesso, Erro> {
        let operacao = GERAR_TOKEN.name;
        let rota = self.interno.rotas.resolve(&GERAR_TOKEN);
        let corpo = SolicitacaoGerarToken {
            consumer_key: self.interno.consumer_key.expose_secret(),
            consumer_secret: self.interno.consumer_secret.expose_secret(),
        };
        let spec = RequestSpec::from_endpoint(&GERAR_TOKEN, &rota, &[])
            .map_err(|e| Erro::configuracao("malformed gerar-token route", Some(Box::new(e))))?
            .json_body(&corpo)
            .map_err(|e| Erro::configuracao("cannot encode the credentials", Some(Box::new(e))))?;
        let spec = self.no_prazo(spec, prazo);
        let obtido = SystemTime::now();
        let resp = self
            .interno
            .core
            .send(&spec)
            .await
            .map_err(|fonte| erro_transporte(operacao, fonte))?;
        let valor: Value = self
            .decodificar_com(operacao, Idempotency::Idempotent, &resp, false, &[])
            .map_err(|erro| match erro {
                // A 2xx body that is not JSON may be the token itself: never keep it.
                Erro::RespostaInvalida {
                    operacao,
                    status,
                    motivo,
                    fonte,
                    ..
                } => Erro::RespostaInvalida {
                    operacao,
                    status,
                    motivo,
                    trecho: BodySnippet::from_bytes(b"", 0),
                    fonte,
                },
                Erro::RespostaNaoReconhecida {
                    operacao,
                    status,
                    motivo,
                    resultado_incerto,
                    ..
                } => Erro::RespostaNaoReconhecida {
                    operacao,
                    status,
                    motivo,
                    trecho: BodySnippet::from_bytes(b"", 0),
                    resultado_incerto,
                },
                outro => outro,
            })?;
        let Some(lido) = ler_resposta_token(&valor, obtido) else {
            return Err(Erro::RespostaInvalida {
                operacao: operacao.into(),
                status: resp.status(),
                motivo: "no access_token, token or jwt field in the gerar-token answer".into(),
                // Never keep this body: it holds a token.
                trecho: BodySnippet::from_bytes(b"", 0),
                fonte: None,
            });
        };
        let expira = momento_expiracao(obtido, lido.validade);
        let renovar = momento_renovacao(obtido, lido.validade, self.interno.margem_renovacao);
        Ok(TokenAcesso::new(
            SecretString::from(lido.valor),
            expira,
            renovar,
        ))
    }
}

/// `futuro`, unless `limite` passes first (`None`); without a limit, `futuro` as it is.
pub(super) async fn ate<F: std::future::Future>(
    limite: Option<Instant>,
    futuro: F,
) -> Option<F::Output> {
    match limite {
        Some(l) => tokio::time::timeout_at(tokio::time::Instant::from_std(l), futuro)
            .await
            .ok(),
        None => Some(futuro.await),
    }
}

/// Until when an operation with deadline `prazo` waits for a store call it can do without:
/// [`ESPERA_ARMAZENAMENTO`], and never more than a quarter of the time left.
pub(super) fn limite_curto(prazo: Option<Instant>) -> Option<Instant> {
    let agora = Instant::now();
    let espera = prazo.map_or(ESPERA_ARMAZENAMENTO, |p| {
        (p.saturating_duration_since(agora) / 4).min(ESPERA_ARMAZENAMENTO)
    });
    agora.checked_add(espera)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;
    use crate::Ambiente;
    use renave_http::{HttpError, Timeouts};
    use secrecy::SecretString;

    #[tokio::test]
    async fn espera_pela_renovacao_limitada_pelo_prazo() {
        // Nothing listens there: this caller must not even try.
        let cliente = ClienteCetMg::builder()
            .ambiente(Ambiente::Personalizado(
                "http://127.0.0.1:9/".parse().unwrap(),
            ))
            .credenciais(SecretString::from("chave"), SecretString::from("segredo"))
            .allow_http(true)
            .timeouts(Timeouts {
                connect: Duration::from_secs(1),
                per_attempt: Duration::from_secs(1),
                operation: Duration::from_secs(1),
            })
            .build()
            .unwrap();
        // Another caller's renewal holds the lock for longer than this caller's deadline.
        let _vez = cliente.interno.renovacao.lock().await;
        let guarda = Duration::from_secs(30);
        let inicio = Instant::now();
        let erro = tokio::time::timeout(guarda, cliente.consultar_cores())
            .await
            .expect("the wait for the renewal lock must end at the deadline")
            .unwrap_err();
        let erro_explicito = tokio::time::timeout(guarda, cliente.gerar_token())
            .await
            .expect("gerar_token must not wait past its deadline either")
            .unwrap_err();
        assert!(
            inicio.elapsed() < Duration::from_secs(2 + 4),
            "{:?}",
            inicio.elapsed()
        );
        // Each is reported under the operation its caller called (the token step was its
        // part of the deadline), not under `gerar_token` for both.
        for (erro, chamada) in [(erro, "consultar_cores"), (erro_explicito, "gerar_token")] {
            assert!(
                matches!(
                    &erro,
                    Erro::Transporte {
                        fonte: HttpError::Timeout {
                            attempts: 0,
                            may_have_executed: false,
                            ..
                        },
                        ..
                    }
                ),
                "{erro:?}"
            );
            assert!(!erro.resultado_incerto(), "{erro:?}");
            assert_eq!(erro.operacao(), Some(chamada));
            assert_eq!(erro.tentativas(), Some(0));
        }
    }
}
