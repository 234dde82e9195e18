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
use crate::erro::{CausaErro, Erro};
use crate::operacoes::autenticacao::{GERAR_TOKEN, SolicitacaoGerarToken};
use crate::token::{
    EstadoRenovacao, TokenAcesso, TravaRenovacao, ler_resposta_token, momento_expiracao,
    momento_renovacao,
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

/// While another process holds the token store's renewal lock
/// ([`ArmazenamentoToken::travar_renovacao`]), how often the store is read again for its token
/// (and the lock asked for again).
const ESPERA_TRAVA: Duration = Duration::from_millis(50);

/// The renewal lock asked of the store when the operation has no representable deadline.
const VALIDADE_MAXIMA_TRAVA: Duration = Duration::from_secs(90);

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
            self.renovar(GERAR_TOKEN.name, vez, prazo, None).await
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
        // The slow path's futures (waiting for the renewal lock, renewing) are boxed: held
        // inline, their size would be carried by every call's future, which on the fast path
        // (a fresh token in the store) never runs them (issue 16: the CET-MG call's future was
        // 7.9 KB, copied as it is moved and boxed).
        let vez = match vez {
            Some(guarda) => guarda,
            None => Box::pin(self.aguardar_vez(operacao, prazo)).await?,
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
        let em_maos = atual
            .clone()
            .filter(|t| t.valido_em(SystemTime::now()) && aceitavel(t));
        let reuso = Reuso {
            aceitavel: &aceitavel,
            em_maos,
        };
        match Box::pin(self.renovar(operacao, vez, prazo, Some(&reuso))).await {
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

    /// Sends `gerar-token` holding the renewal lock `vez` and the store's renewal lock (see
    /// [`travar_entre_processos`](Self::travar_entre_processos)), records the outcome for the
    /// callers waiting on `vez`, releases it, stores a new token and then releases the store's
    /// lock. When another process renewed meanwhile, its stored token is taken instead (and
    /// recorded for the callers waiting on `vez`).
    pub(super) async fn renovar(
        &self,
        operacao: &str,
        mut vez: tokio::sync::MutexGuard<'_, EstadoRenovacao>,
        prazo: Option<Instant>,
        reuso: Option<&Reuso<'_>>,
    ) -> Result<TokenAcesso, Erro> {
        let trava = match self.travar_entre_processos(operacao, prazo, reuso).await? {
            Turno::Renovar(trava) => trava,
            Turno::Armazenado(t) => {
                vez.registrar_token(t.clone());
                return Ok(t);
            }
            Turno::EmMaos(t) => return Ok(t),
        };
        match self.solicitar_token(prazo).await {
            Ok(novo) => {
                vez.registrar_token(novo.clone());
                // The callers waiting on the lock take the token from `vez`: a slow store
                // holds none of them.
                drop(vez);
                self.guardar(novo.clone(), trava, prazo).await;
                Ok(novo)
            }
            Err(erro) => {
                let erro = vez.registrar_falha(erro);
                drop(vez);
                self.liberar_trava(trava, prazo).await;
                Err(erro)
            }
        }
    }

    /// The store's renewal lock (a single flight across processes sharing the store, see
    /// [`ArmazenamentoToken::travar_renovacao`]), asked for until `prazo`.
    ///
    /// While another process holds it, the store is read every [`ESPERA_TRAVA`]: with `reuso`
    /// (a caller that needs *a* valid token, not an explicit `gerar_token`), a fresh token
    /// there that the caller accepts ends the wait, and a still-valid token in hand is used at
    /// once instead of waiting. Once the lock is granted, the store is read once more (the
    /// previous holder stores its token before releasing the lock), so a token renewed by
    /// another process is never renewed again. A store whose lock fails is logged and the
    /// caller renews without it; a deadline that passes while waiting is the caller's own
    /// timeout (nothing was sent).
    async fn travar_entre_processos(
        &self,
        operacao: &str,
        prazo: Option<Instant>,
        reuso: Option<&Reuso<'_>>,
    ) -> Result<Turno, Erro> {
        let armazenamento = &self.interno.armazenamento;
        loop {
            let restante = prazo.map_or(VALIDADE_MAXIMA_TRAVA, |p| {
                p.saturating_duration_since(Instant::now())
            });
            if restante.is_zero() {
                return Err(self.prazo_esgotado_antes_do_token(operacao));
            }
            let trava = match ate(prazo, armazenamento.travar_renovacao(restante)).await {
                None => return Err(self.prazo_esgotado_antes_do_token(operacao)),
                Some(Err(fonte)) => {
                    tracing::warn!(
                        error = %fonte,
                        "the token store's renewal lock is unavailable; renewing without it"
                    );
                    return Ok(Turno::Renovar(TravaRenovacao::local()));
                }
                Some(Ok(trava)) => trava,
            };
            if let Some(reuso) = reuso {
                if trava.as_ref().is_none_or(|t| !t.e_local()) {
                    if let Some(Ok(Some(t))) = self.ler_armazenado(prazo).await {
                        if (reuso.aceitavel)(&t) && t.fresco_em(SystemTime::now()) {
                            if let Some(trava) = trava {
                                self.liberar_trava(trava, prazo).await;
                            }
                            return Ok(Turno::Armazenado(t));
                        }
                    }
                }
                if trava.is_none() {
                    if let Some(t) = reuso
                        .em_maos
                        .as_ref()
                        .filter(|t| t.valido_em(SystemTime::now()))
                    {
                        return Ok(Turno::EmMaos(t.clone()));
                    }
                }
            }
            if let Some(trava) = trava {
                return Ok(Turno::Renovar(trava));
            }
            // Another process renews: ask again shortly (the deadline is checked above).
            let _ = ate(prazo, tokio::time::sleep(ESPERA_TRAVA)).await;
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
    ) -> Option<Result<Option<TokenAcesso>, CausaErro>> {
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

    /// Stores a new token, then releases the store's renewal lock `trava` (in that order: a
    /// process waiting for the lock finds the token once it is free); a store failure is only
    /// logged (the caller keeps the token in hand, and the next call asks the store again).
    pub(super) async fn guardar(
        &self,
        token: TokenAcesso,
        trava: TravaRenovacao,
        prazo: Option<Instant>,
    ) {
        let armazenamento = Arc::clone(&self.interno.armazenamento);
        self.escrever(
            prazo,
            "the token store could not keep the new token; using it anyway",
            async move {
                let guardado = armazenamento.put(token).await;
                if !trava.e_local() {
                    if let Err(fonte) = armazenamento.liberar_renovacao(trava).await {
                        tracing::warn!(
                            error = %fonte,
                            "the token store could not release the renewal lock (it expires by itself)"
                        );
                    }
                }
                guardado
            },
        )
        .await;
    }

    /// Releases the store's renewal lock `trava` (nothing for a local one); a failure is only
    /// logged (the lock expires by itself).
    async fn liberar_trava(&self, trava: TravaRenovacao, prazo: Option<Instant>) {
        if trava.e_local() {
            return;
        }
        let armazenamento = Arc::clone(&self.interno.armazenamento);
        self.escrever(
            prazo,
            "the token store could not release the renewal lock (it expires by itself)",
            async move { armazenamento.liberar_renovacao(trava).await },
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
        F: std::future::Future<Output = Result<(), CausaErro>> + Send + 'static,
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
            .map_err(|e| Erro::configuracao("malformed gerar-token route", Some(Box::new(e))))?;
        // The contract's request names (decision D11), like every other operation's.
        let renomes = self.interno.contrato.renomes_requisicao(operacao);
        let spec = if renomes.is_empty() {
            spec.json_body(&corpo)
        } else {
            serde_json::to_value(&corpo).and_then(|mut v| {
                renave_http::contrato::renomear_requisicao(&mut v, "", renomes);
                spec.json_body(&v)
            })
        }
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
            .decodificar_com(operacao, Idempotency::Idempotent, &resp, false, (&[], &[]))
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
        // The contract's token and expiry field names (decision D11), when an override renames
        // them, are read as the default names the reader knows.
        let valor = match (self.interno.contrato.token(), valor) {
            (Some(nomes), Value::Object(objeto))
                if nomes.token != "access_token" || nomes.expiracao != "expires_in" =>
            {
                Value::Object(renave_http::contrato::renomear_chaves(
                    objeto,
                    &[
                        (nomes.token.clone(), "access_token".to_owned()),
                        (nomes.expiracao.clone(), "expires_in".to_owned()),
                    ],
                ))
            }
            (_, valor) => valor,
        };
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

/// What a caller that needs a valid token (not an explicit `gerar_token`) accepts instead of
/// renewing itself while another process renews (see
/// [`ClienteCetMg::travar_entre_processos`]).
pub(super) struct Reuso<'a> {
    /// Whether a token is acceptable (not the one the gateway just refused).
    aceitavel: &'a (dyn Fn(&TokenAcesso) -> bool + Send + Sync),
    /// A still-valid, acceptable token in hand (due for renewal).
    em_maos: Option<TokenAcesso>,
}

/// How the wait for the store's renewal lock ended.
pub(super) enum Turno {
    /// This process renews, holding this lock.
    Renovar(TravaRenovacao),
    /// Another process renewed: its fresh token, read from the store.
    Armazenado(TokenAcesso),
    /// Another process is renewing: the still-valid token in hand is used meanwhile.
    EmMaos(TokenAcesso),
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
            .ambiente(Ambiente::Local("http://127.0.0.1:9/".parse().unwrap()))
            .credenciais(SecretString::from("chave"), SecretString::from("segredo"))
            .prazos(Timeouts {
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
