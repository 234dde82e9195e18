//! Helpers for the flows of `renave-ws.md` §7, written against the
//! [`RenaveWsUsados`] trait (so they work with a mock too):
//!
//! * [`aguardar_estado`] — Detran moves a stock `SOLICITADO → TRANSFERIDO → CONFIRMADO`
//!   asynchronously and there are no callbacks (§7.1 step 6): poll E12 with backoff until a
//!   target state or a deadline;
//! * [`recuperar_estoque_por_chassi`] — a `POST` that created a stock may have succeeded
//!   although its answer was lost; resending it fails with "possui um estoque ativo" (§7.6).
//!   Find the stock with E11 `?chassi=` instead (works in any state);
//! * [`cancelar_saida_estoque`] — E17 plus the NEW stock id the cancellation creates (§4 E17);
//! * [`recuperar_autorizacao_por_chassi`] — Z6 (0 km transfer authorisation) is not idempotent
//!   either ("…já possui autorização de transferência cadastrada"): find the authorisation
//!   still usable by Z8/E26 (`CRIADA`, this chassis) with E23 instead of repeating Z6 (§7.6).
//!
//! ```no_run
//! use std::time::Duration;
//! use renave_domain::EstadoEstoque;
//! use renave_ws_client::helpers::{aguardar_estado, OpcoesEspera};
//! use renave_ws_client::modelos::IdEstoque;
//!
//! # async fn f(cliente: renave_ws_client::ClienteRenaveWs) -> Result<(), renave_ws_client::Erro> {
//! let estoque = aguardar_estado(
//!     &cliente,
//!     IdEstoque(42),
//!     &[EstadoEstoque::Confirmado],
//!     &OpcoesEspera { prazo: Duration::from_secs(600), ..OpcoesEspera::default() },
//! )
//! .await?;
//! # let _ = estoque; Ok(()) }
//! ```

use std::time::Duration;

use renave_domain::{Chassi, EstadoAutorizacaoTransferencia, EstadoEstoque};

use crate::api::transferencias::RenaveWsTransferencias;
use crate::api::usados::RenaveWsUsados;
use crate::erro::Erro;
use crate::modelos::{AutorizacaoTransferencia, Estoque, IdEstoque};
use crate::operacoes::transferencias::FiltroAutorizacoesTransferencias;
use crate::operacoes::usados::{ConsultaEstoques, SolicitacaoCancelamentoSaidaEstoque};

/// How [`aguardar_estado`] polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpcoesEspera {
    /// Wait before the second read (the first is immediate). Default 2 s.
    pub intervalo_inicial: Duration,
    /// Upper bound of the doubling interval. Default 60 s.
    pub intervalo_maximo: Duration,
    /// Give up after this long (no sleep goes past it). Default 30 min.
    pub prazo: Duration,
}

impl Default for OpcoesEspera {
    fn default() -> Self {
        Self {
            intervalo_inicial: Duration::from_secs(2),
            intervalo_maximo: Duration::from_secs(60),
            prazo: Duration::from_secs(30 * 60),
        }
    }
}

/// Polls E12 `consultar_estoque` until the stock is in one of `alvos`, doubling the interval
/// from `intervalo_inicial` up to `intervalo_maximo`, and fails with
/// [`Erro::PrazoEsgotado`] once `prazo` has passed (`renave-ws.md` §7.1 step 6, §7.6).
///
/// A read that fails with a retryable error (e.g. 503) is tolerated until the deadline; any
/// other error is returned at once. The deadline bounds the whole wait, reads included: a read
/// still in flight when it passes is dropped (a `GET` changes nothing on the server).
///
/// # Errors
///
/// [`Erro::PrazoEsgotado`] at the deadline; [`Erro::EntradaInvalida`] (nothing
/// sent) for a zero `intervalo_inicial`; the first non-retryable error of a read.
pub async fn aguardar_estado<A: RenaveWsUsados + ?Sized>(
    api: &A,
    id_estoque: IdEstoque,
    alvos: &[EstadoEstoque],
    opcoes: &OpcoesEspera,
) -> Result<Estoque, Erro> {
    if opcoes.intervalo_inicial.is_zero() {
        // A zero interval never grows (doubling keeps it zero): the loop would hammer the
        // service until the deadline.
        return Err(Erro::entrada(
            "aguardar_estado",
            "intervalo_inicial",
            "must be greater than zero",
        ));
    }
    let inicio = tokio::time::Instant::now();
    let mut intervalo = opcoes.intervalo_inicial;
    let mut ultimo_estado: Option<String> = None;
    let esgotado = |ultimo_estado: Option<String>| Erro::PrazoEsgotado {
        id_estoque: id_estoque.get(),
        prazo: opcoes.prazo,
        ultimo_estado: ultimo_estado.unwrap_or_else(|| "?".to_owned()),
    };
    loop {
        let restante = opcoes.prazo.saturating_sub(inicio.elapsed());
        let Ok(leitura) = tokio::time::timeout(restante, api.consultar_estoque(id_estoque)).await
        else {
            return Err(esgotado(ultimo_estado));
        };
        match leitura {
            Ok(estoque) => {
                if let Some(estado) = &estoque.estado {
                    if alvos.contains(estado) {
                        return Ok(estoque);
                    }
                    ultimo_estado = Some(estado.as_str().to_owned());
                }
            }
            Err(e) if e.is_retryable() => {}
            Err(e) => return Err(e),
        }
        let decorrido = inicio.elapsed();
        let restante = opcoes.prazo.saturating_sub(decorrido);
        if restante.is_zero() {
            return Err(esgotado(ultimo_estado));
        }
        tokio::time::sleep(intervalo.min(restante)).await;
        intervalo = intervalo.saturating_mul(2).min(opcoes.intervalo_maximo);
    }
}

/// Finds the establishment's current stock of a chassis with E11 `GET api/estoques?chassi=`
/// (any state), for when a `POST` that creates a stock (E3, E4, Z2, Z8…) ended with an unknown
/// outcome (`renave-ws.md` §7.6): never resend it, look the stock up.
///
/// Returns the active stock (not `FINALIZADO`, not cancelled) with the highest id, else the
/// stock with the highest id, else `None` when the chassis has no stock here.
///
/// # Errors
///
/// The errors of E11, and [`Erro::RespostaInvalida`] when an item of the list could not be
/// read (issue 12: it may be the stock looked for, so neither a stock nor `None` is certain).
pub async fn recuperar_estoque_por_chassi<A: RenaveWsUsados + ?Sized>(
    api: &A,
    chassi: &Chassi,
) -> Result<Option<Estoque>, Erro> {
    let estoques = api
        .consultar_estoques(&ConsultaEstoques {
            chassi: Some(*chassi),
            ..ConsultaEstoques::default()
        })
        .await?;
    exigir_lista_completa("consultar_estoques", &estoques)?;
    Ok(escolher_estoque_atual(estoques.into_validos()))
}

/// Fail closed (issue 12): a recovery helper decides on a whole list only. An unreadable item
/// could be the one looked for, so the answer is refused rather than read as "not there".
fn exigir_lista_completa<T>(
    operacao: &str,
    lista: &renave_domain::ItensRecebidos<T>,
) -> Result<(), Erro> {
    match lista.ilegiveis() {
        [] => Ok(()),
        ilegiveis => Err(Erro::RespostaInvalida {
            operacao: operacao.to_owned(),
            status: 200,
            motivo: format!(
                "{} of {} list item(s) could not be read (indexes {:?}): the lookup cannot tell \
                 whether the item looked for is among them",
                ilegiveis.len(),
                lista.len_recebido(),
                ilegiveis.iter().map(|(i, _)| *i).collect::<Vec<_>>()
            ),
            trecho: renave_http::BodySnippet::default(),
            fonte: None,
        }),
    }
}

/// The active stock with the highest id, else the one with the highest id.
fn escolher_estoque_atual(estoques: Vec<Estoque>) -> Option<Estoque> {
    let ativo = |e: &Estoque| {
        e.cancelamento_estoque.is_none() && e.estado != Some(EstadoEstoque::Finalizado)
    };
    let maior = |a: &Estoque, b: &Estoque| a.id.cmp(&b.id);
    let ativos: Vec<&Estoque> = estoques.iter().filter(|e| ativo(e)).collect();
    if let Some(e) = ativos.into_iter().max_by(|a, b| maior(a, b)) {
        return Some(e.clone());
    }
    estoques.into_iter().max_by(maior)
}

/// The result of [`cancelar_saida_estoque`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SaidaCancelada {
    /// The answer of E17 (the stock whose saída was cancelled).
    pub estoque: Estoque,
    /// The NEW stock created by the cancellation — the id to keep from now on.
    pub id_estoque_novo: IdEstoque,
}

/// E17 *solicitar cancelamento de saída de estoque*, returning the NEW stock id SERPRO creates
/// (`saidaEstoque.cancelamentoSaidaEstoque.idEstoqueGeradoNoCancelamentoSaida`, `renave-ws.md`
/// §4 E17). When the answer lacks it, the id is looked up with E11 by chassis: the stock whose
/// `origemPorCancelamentoEstoque.idEstoqueOrigem` is the cancelled one.
///
/// # Errors
///
/// The errors of E17 and E11; [`Erro::NaoLocalizado`] when neither the answer nor the
/// lookup gives the new id; [`Erro::RespostaInvalida`] when an item of the E11 list could not
/// be read (it may be the new stock).
pub async fn cancelar_saida_estoque<A: RenaveWsUsados + ?Sized>(
    api: &A,
    solicitacao: &SolicitacaoCancelamentoSaidaEstoque,
) -> Result<SaidaCancelada, Erro> {
    let estoque = api
        .solicitar_cancelamento_saida_estoque(solicitacao)
        .await?;
    if let Some(id) = estoque.id_estoque_gerado_no_cancelamento_saida() {
        return Ok(SaidaCancelada {
            estoque,
            id_estoque_novo: id,
        });
    }
    let sem_id = || {
        Erro::NaoLocalizado {
        operacao: "cancelar_saida_estoque".to_owned(),
        motivo: "the answer does not give the new stock id (idEstoqueGeradoNoCancelamentoSaida) and no stock originating from the cancelled one was found by chassi".to_owned(),
    }
    };
    let Some(chassi) = estoque.chassi_valido().copied() else {
        return Err(sem_id());
    };
    let candidatos = api
        .consultar_estoques(&ConsultaEstoques {
            chassi: Some(chassi),
            ..ConsultaEstoques::default()
        })
        .await?;
    exigir_lista_completa("consultar_estoques", &candidatos)?;
    let origem = solicitacao.id_estoque;
    let novo = candidatos.iter().find_map(|e| {
        let o = e
            .origem_por_cancelamento_estoque
            .as_ref()?
            .id_estoque_origem?;
        if o == origem { e.id } else { None }
    });
    match novo {
        Some(id) => Ok(SaidaCancelada {
            estoque,
            id_estoque_novo: id,
        }),
        None => Err(sem_id()),
    }
}

/// Finds the transfer authorisation (*autorização de transferência*) of a chassis that is
/// still usable, for when Z6 (0 km) or E24 (usados) ended with an unknown outcome, or a repeated
/// Z6 was refused with "…já possui autorização de transferência cadastrada" (`renave-ws.md`
/// §7.6): never resend it, look it up with E23
/// `GET api/autorizacoes-transferencias?chassi=…&estadoAutorizacao=CRIADA`.
///
/// **Which authorisation.** The one the destination can still consume with Z8/E26: state
/// `CRIADA` (M4: "autorização em estado Criada"; `CONSUMIDA` was already used by a transfer,
/// `CANCELADA` was withdrawn, an unknown state is not understood and never counts), of this very
/// chassis. The server is asked for exactly that, and the answer is filtered again here in case
/// the server ignores a filter: an entry naming another chassis or another state (or no state)
/// is dropped; an entry without a `chassi` field is kept, as the server was asked by chassis. Of
/// the rest, the one with the highest id (the latest) is returned; `None` when there is none.
///
/// Call it under the **origin's** certificate (the establishment that authorised); the
/// destination then passes the id to Z8/E26.
///
/// ```no_run
/// use renave_ws_client::ClienteRenaveWs;
/// use renave_ws_client::helpers::recuperar_autorizacao_por_chassi;
///
/// # async fn exemplo(origem: ClienteRenaveWs) -> Result<(), Box<dyn std::error::Error>> {
/// let chassi = "9BGKL48U0JB118848".parse()?;
/// if let Some(autorizacao) = recuperar_autorizacao_por_chassi(&origem, &chassi).await? {
///     println!("idAutorizacao {:?}", autorizacao.id);
/// }
/// # Ok(()) }
/// ```
///
/// # Errors
///
/// The errors of E23, and [`Erro::RespostaInvalida`] when an item of the list could not be
/// read (it may be the authorisation looked for).
pub async fn recuperar_autorizacao_por_chassi<A: RenaveWsTransferencias + ?Sized>(
    api: &A,
    chassi: &Chassi,
) -> Result<Option<AutorizacaoTransferencia>, Erro> {
    let autorizacoes = api
        .consultar_autorizacoes_transferencias(&FiltroAutorizacoesTransferencias {
            chassi: Some(*chassi),
            estado_autorizacao: Some(EstadoAutorizacaoTransferencia::Criada),
            placa: None,
        })
        .await?;
    exigir_lista_completa("consultar_autorizacoes_transferencias", &autorizacoes)?;
    Ok(escolher_autorizacao_utilizavel(
        autorizacoes.into_validos(),
        chassi,
    ))
}

/// The `CRIADA` authorisation of `chassi` (or naming no chassis) with the highest id.
fn escolher_autorizacao_utilizavel(
    autorizacoes: Vec<AutorizacaoTransferencia>,
    chassi: &Chassi,
) -> Option<AutorizacaoTransferencia> {
    autorizacoes
        .into_iter()
        .filter(|a| {
            a.estado_autorizacao_transferencia == Some(EstadoAutorizacaoTransferencia::Criada)
                && a.chassi.as_ref().is_none_or(|c| mesmo_chassi(c, chassi))
        })
        .max_by_key(|a| a.id)
}

/// Whether a chassis read from an answer is `chassi` (typed: canonical upper case; raw: the
/// same text, ignoring case and surrounding white space).
fn mesmo_chassi(recebido: &renave_domain::Recebido<Chassi>, chassi: &Chassi) -> bool {
    match recebido {
        renave_domain::Recebido::Valido(c) => c == chassi,
        renave_domain::Recebido::Bruto(t) => t.trim().eq_ignore_ascii_case(chassi.as_str()),
    }
}

#[cfg(test)]
mod testes {
    use super::*;

    fn estoque(json: &str) -> Estoque {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("fixture: {e}"))
    }

    #[test]
    fn escolhe_o_ativo_de_maior_id() {
        let v = vec![
            estoque(r#"{"id": 1, "estado": "CONFIRMADO"}"#),
            estoque(r#"{"id": 3, "estado": "FINALIZADO"}"#),
            estoque(r#"{"id": 2, "estado": "SOLICITADO"}"#),
            estoque(r#"{"id": 4, "estado": "SOLICITADO", "cancelamentoEstoque": {}}"#),
        ];
        assert_eq!(
            escolher_estoque_atual(v).and_then(|e| e.id),
            Some(IdEstoque(2))
        );
    }

    #[test]
    fn sem_ativo_escolhe_o_de_maior_id() {
        let v = vec![
            estoque(r#"{"id": 7, "estado": "FINALIZADO"}"#),
            estoque(r#"{"id": 9, "estado": "FINALIZADO"}"#),
        ];
        assert_eq!(
            escolher_estoque_atual(v).and_then(|e| e.id),
            Some(IdEstoque(9))
        );
        assert!(escolher_estoque_atual(Vec::new()).is_none());
    }
}
