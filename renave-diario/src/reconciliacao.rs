//! Reconciliation (*reconciliação*): what became of the operations whose outcome is unknown.
//!
//! A state-changing request whose answer was lost (a timeout, a 502/504, a 500 from SERPRO, a
//! process that died between sending and reading the answer) is never resent (decision D6):
//! its record stays [`Incerta`](Situacao::Incerta) or, when the process died, has no outcome at
//! all ([`Pendente`](Situacao::Pendente)). [`reconciliar`] takes each of them and asks the
//! service, with the read that shows the operation's effect, whether it happened:
//!
//! * [`Conclusao::Executada`] — the effect is there (with what it produced: the stock id, the
//!   authorisation id, the solicitação, the protocol number). Do NOT send it again.
//! * [`Conclusao::NaoExecutada`] — the read shows the operation did not happen: safe to send
//!   again.
//! * [`Conclusao::AindaIncerta`] — the read cannot tell (or the operation has no read that
//!   shows its effect): the record stays open; resolve it by hand (SERPRO support with the
//!   `logIdRastreabilidade`, CET-MG support).
//!
//! The first two are written to the journal as the record's outcome (origin
//! [`Origem::Reconciliacao`](crate::Origem::Reconciliacao)); a record still unknown is left as
//! it was.
//!
//! ## Which read reconciles which operation
//!
//! | API | operation | read | executed when | not executed when | proved by |
//! |---|---|---|---|---|---|
//! | Renave-WS | `solicitar_entrada_estoque`, `solicitar_entrada_estoque_veiculo_proprio` (E3, E4) | E11 `consultar_estoques` by the request's `placa` | a stock of that plate is active (not `FINALIZADO`, not cancelled): SERPRO refuses a second entrada of a vehicle with an active stock | no active stock of that plate | `tests/reconciliacao.rs`, `tests/queda.rs` (E3) |
//! | Renave-WS | `solicitar_saida_estoque` (E15) | E11 `consultar_estoques` by `placa` | a stock of that plate has a `saidaEstoque` | an active stock without `saidaEstoque` (else still unknown) | `tests/reconciliacao_ws.rs` |
//! | Renave-WS | `autorizar_transferencia_entre_estabelecimentos` (E24) | E23 `consultar_autorizacoes_transferencias` by `placaVeiculo` | an authorisation `CRIADA` | no authorisation at all for the plate (a `CONSUMIDA` or `CANCELADA` one may be older: still unknown) | `tests/reconciliacao_ws.rs` |
//! | CET-MG | `registrar_solicitacao_transferencia` (R §5.6) | `consultar_solicitacao_transferencia` (R §5.3) by `chassi`, `cpf_cnpj_comprador` as owner, `cpf_cnpj_estabelecimento` | the solicitação is found (`id_solicitacao`, `situacao`, `tipo_solicitacao`) | HTTP 404 (not found) | `tests/reconciliacao_cetmg.rs` |
//! | CET-MG | `criar_processo_transferencia` (R §5.16) | `recuperar_protocolo_renave` (R §5.17) by `chassi`, `cpf_cnpj_solicitante`, `cpf_cnpj_adquirente` | a `numero_protocolo` comes back | HTTP 404 (not found) | `tests/reconciliacao_cetmg.rs` |
//!
//! Each row is proved against the stateful simulators of both APIs (`renave-simulador`) both
//! ways: an answer lost after the service acted (`perder_proximas_respostas`) is concluded
//! executed with what it produced and nothing is sent twice; an intent with no effect (the
//! process died before the request left) is concluded not executed, and sending it then
//! registers exactly once. `tests/queda.rs` kills a real child process mid-request (its
//! intent recorded, the service holding the answer) and reconciles from the reopened journal
//! file. E4 shares E3's read but is not exercised separately. A journal store that fails
//! sends nothing, on either client (`tests/reconciliacao.rs`, `tests/reconciliacao_cetmg.rs`).
//!
//! **Not reconciled** (the record stays unknown, said rather than guessed): every other
//! state-changing operation — among them the CET-MG comunicação de venda (its list,
//! `listar_veiculos_comunicacao_venda`, is keyed by the owner's CPF/CNPJ, which the request
//! does not carry), DAE emission, vistoria distribution, agendamento, regularização and
//! uploads, and on Renave-WS the cancellations, ATPV-e signatures, notas fiscais, transfers,
//! the 0 km group, the montadora and ITE groups. Their outcome must be checked by hand.
//!
//! Run reconciliation when no call is in flight for the same vehicles (e.g. at start-up,
//! before the client sends anything): a record still pending because its call is running
//! would be looked up too early.

use std::collections::BTreeMap;
use std::str::FromStr;

use renave_domain::{Chassi, Cnpj, CpfCnpj, EstadoAutorizacaoTransferencia, EstadoEstoque, Placa};
use renave_http::diario::{Desfecho, Situacao};
use renave_mg_client::ClienteCetMg;
use renave_ws_client::ClienteRenaveWs;
use renave_ws_client::modelos::Estoque;
use renave_ws_client::operacoes::transferencias::FiltroAutorizacoesTransferencias;
use renave_ws_client::operacoes::usados::ConsultaEstoques;

use crate::{ArmazemDiario, ErroDiario, Filtro, IdIntencao, Registro};

/// What reconciliation concluded for one record (*conclusão*).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Conclusao {
    /// The operation's effect is there, with what it produced. Never send it again.
    Executada(BTreeMap<String, String>),
    /// The operation did not happen: safe to send again.
    NaoExecutada,
    /// The read cannot tell, or the operation has none: why.
    AindaIncerta(String),
}

/// One record's reconciliation (*resultado*).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Resultado {
    /// The record.
    pub id: IdIntencao,
    /// Its operation.
    pub operacao: String,
    /// The conclusion.
    pub conclusao: Conclusao,
}

/// The operations [`reconciliar`] knows how to look up (see the module's table).
pub const RECONCILIAVEIS: &[&str] = &[
    "solicitar_entrada_estoque",
    "solicitar_entrada_estoque_veiculo_proprio",
    "solicitar_saida_estoque",
    "autorizar_transferencia_entre_estabelecimentos",
    "registrar_solicitacao_transferencia",
    "criar_processo_transferencia",
];

/// The clients reconciliation reads with: each record is looked up through the client of its
/// API (a record whose client is absent stays unknown). The Renave-WS client must be the
/// establishment's (same certificate) that sent the operation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Leitores<'a> {
    /// The Renave-WS client.
    pub renave_ws: Option<&'a ClienteRenaveWs>,
    /// The CET-MG client.
    pub cetmg: Option<&'a ClienteCetMg>,
}

/// Lists the records whose outcome is unknown ([`Situacao::Pendente`] or
/// [`Situacao::Incerta`]), oldest first.
///
/// # Errors
///
/// The store cannot be read.
pub async fn a_reconciliar<A: ArmazemDiario + ?Sized>(
    armazem: &A,
) -> Result<Vec<Registro>, ErroDiario> {
    armazem.registros(&Filtro::todos().a_reconciliar()).await
}

/// Reconciles every record whose outcome is unknown (see the module's table), writing the
/// conclusion of each one that is no longer unknown to the journal.
///
/// # Errors
///
/// The store cannot be read or written (a read of the service that fails leaves its record
/// [`Conclusao::AindaIncerta`]: it is not an error of the whole run).
pub async fn reconciliar<A: ArmazemDiario + ?Sized>(
    armazem: &A,
    leitores: Leitores<'_>,
) -> Result<Vec<Resultado>, ErroDiario> {
    let mut resultados = Vec::new();
    for registro in a_reconciliar(armazem).await? {
        let conclusao = concluir(&registro, leitores).await;
        let desfecho = match &conclusao {
            Conclusao::Executada(produzidos) => {
                let mut d = Desfecho::novo(Situacao::Executada).da_reconciliacao();
                d.produzidos.clone_from(produzidos);
                Some(d)
            }
            Conclusao::NaoExecutada => Some(
                Desfecho::novo(Situacao::NaoExecutada)
                    .com_mensagem(Some("reconciliation: the read shows no effect".to_owned()))
                    .da_reconciliacao(),
            ),
            Conclusao::AindaIncerta(_) => None,
        };
        if let Some(d) = desfecho {
            armazem.registrar_desfecho(registro.id, &d).await?;
        }
        resultados.push(Resultado {
            id: registro.id,
            operacao: registro.intencao.operacao.clone(),
            conclusao,
        });
    }
    Ok(resultados)
}

/// An identifier of the request, typed.
fn id<T: FromStr>(r: &Registro, nome: &str) -> Result<T, Conclusao> {
    r.intencao
        .identificadores
        .get(nome)
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| Conclusao::AindaIncerta(format!("the journal lacks a valid `{nome}`")))
}

/// The conclusion for one record.
async fn concluir(r: &Registro, leitores: Leitores<'_>) -> Conclusao {
    let api = r.intencao.api.as_str();
    let resultado = match (api, r.intencao.operacao.as_str()) {
        (renave_http::diario::API_RENAVE_WS, op) if RECONCILIAVEIS.contains(&op) => {
            let Some(ws) = leitores.renave_ws else {
                return Conclusao::AindaIncerta("no Renave-WS client to read with".to_owned());
            };
            reconciliar_ws(ws, r, op).await
        }
        (renave_http::diario::API_CETMG, op) if RECONCILIAVEIS.contains(&op) => {
            let Some(mg) = leitores.cetmg else {
                return Conclusao::AindaIncerta("no CET-MG client to read with".to_owned());
            };
            reconciliar_cetmg(mg, r, op).await
        }
        _ => Err(Conclusao::AindaIncerta(
            "this operation has no read that shows its effect: check it by hand".to_owned(),
        )),
    };
    resultado.unwrap_or_else(|c| c)
}

/// A failed read leaves the record unknown.
fn leitura_falhou(e: &dyn std::fmt::Display) -> Conclusao {
    Conclusao::AindaIncerta(format!("the read failed: {e}"))
}

fn produzidos_do_estoque(e: &Estoque) -> BTreeMap<String, String> {
    let mut p = BTreeMap::new();
    if let Some(id) = e.id {
        p.insert("idEstoque".to_owned(), id.to_string());
    }
    if let Some(estado) = &e.estado {
        p.insert("estado".to_owned(), estado.to_string());
    }
    p
}

async fn reconciliar_ws(
    ws: &ClienteRenaveWs,
    r: &Registro,
    op: &str,
) -> Result<Conclusao, Conclusao> {
    let ativo = |e: &Estoque| {
        e.cancelamento_estoque.is_none() && e.estado != Some(EstadoEstoque::Finalizado)
    };
    match op {
        "solicitar_entrada_estoque" | "solicitar_entrada_estoque_veiculo_proprio" => {
            let placa: Placa = id(r, "placa")?;
            let estoques = ws
                .consultar_estoques(&ConsultaEstoques {
                    placa: Some(placa),
                    ..ConsultaEstoques::default()
                })
                .await
                .map_err(|e| leitura_falhou(&e))?;
            if let Some(e) = estoques.iter().filter(|e| ativo(e)).max_by_key(|e| e.id) {
                return Ok(Conclusao::Executada(produzidos_do_estoque(e)));
            }
            if !estoques.is_completa() {
                return Ok(incompleta());
            }
            Ok(Conclusao::NaoExecutada)
        }
        "solicitar_saida_estoque" => {
            let placa: Placa = id(r, "placa")?;
            let estoques = ws
                .consultar_estoques(&ConsultaEstoques {
                    placa: Some(placa),
                    ..ConsultaEstoques::default()
                })
                .await
                .map_err(|e| leitura_falhou(&e))?;
            if let Some(e) = estoques
                .iter()
                .filter(|e| e.saida_estoque.is_some() && e.cancelamento_estoque.is_none())
                .max_by_key(|e| e.id)
            {
                return Ok(Conclusao::Executada(produzidos_do_estoque(e)));
            }
            if !estoques.is_completa() {
                return Ok(incompleta());
            }
            if estoques
                .iter()
                .any(|e| ativo(e) && e.saida_estoque.is_none())
            {
                return Ok(Conclusao::NaoExecutada);
            }
            Ok(Conclusao::AindaIncerta(
                "no stock of the plate shows the saída or its absence".to_owned(),
            ))
        }
        "autorizar_transferencia_entre_estabelecimentos" => {
            let placa: Placa = id(r, "placaVeiculo")?;
            let autorizacoes = ws
                .consultar_autorizacoes_transferencias(&FiltroAutorizacoesTransferencias {
                    placa: Some(placa),
                    ..FiltroAutorizacoesTransferencias::default()
                })
                .await
                .map_err(|e| leitura_falhou(&e))?;
            if let Some(a) = autorizacoes
                .iter()
                .filter(|a| {
                    a.estado_autorizacao_transferencia
                        == Some(EstadoAutorizacaoTransferencia::Criada)
                })
                .max_by_key(|a| a.id)
            {
                let mut p = BTreeMap::new();
                if let Some(id) = a.id {
                    p.insert("idAutorizacaoTransferencia".to_owned(), id.to_string());
                }
                return Ok(Conclusao::Executada(p));
            }
            if !autorizacoes.is_completa() {
                return Ok(incompleta());
            }
            if autorizacoes.validos().is_empty() {
                return Ok(Conclusao::NaoExecutada);
            }
            Ok(Conclusao::AindaIncerta(
                "only consumed or cancelled authorisations of the plate: they may be older"
                    .to_owned(),
            ))
        }
        _ => Err(Conclusao::AindaIncerta("not reconciled".to_owned())),
    }
}

/// A list answer with unreadable items (issue 12: they are kept apart, not dropped): the
/// missing effect may be in one of them, so "not executed" cannot be concluded.
fn incompleta() -> Conclusao {
    Conclusao::AindaIncerta(
        "the list answer had items the SDK could not read; one of them may be the effect"
            .to_owned(),
    )
}

async fn reconciliar_cetmg(
    mg: &ClienteCetMg,
    r: &Registro,
    op: &str,
) -> Result<Conclusao, Conclusao> {
    let nao_encontrado = |e: &renave_mg_client::Erro| e.status() == Some(404);
    match op {
        "registrar_solicitacao_transferencia" => {
            let consulta =
                renave_mg_client::operacoes::estoque::ConsultaSolicitacaoTransferencia::new(
                    id::<Chassi>(r, "chassi")?,
                    id::<CpfCnpj>(r, "cpf_cnpj_comprador")?,
                    id::<Cnpj>(r, "cpf_cnpj_estabelecimento")?,
                );
            match mg.consultar_solicitacao_transferencia(&consulta).await {
                Ok(resposta) => {
                    let mut p = BTreeMap::new();
                    for chave in ["id_solicitacao", "situacao", "tipo_solicitacao"] {
                        if let Some(v) = resposta.extras.get(chave) {
                            p.insert(chave.to_owned(), texto(v));
                        }
                    }
                    Ok(Conclusao::Executada(p))
                }
                Err(e) if nao_encontrado(&e) => Ok(Conclusao::NaoExecutada),
                Err(e) => Err(leitura_falhou(&e)),
            }
        }
        "criar_processo_transferencia" => {
            let consulta =
                renave_mg_client::operacoes::protocolo_digital::ConsultaProtocoloRenave::new(
                    id::<Chassi>(r, "chassi")?,
                    id::<CpfCnpj>(r, "cpf_cnpj_solicitante")?,
                    id::<CpfCnpj>(r, "cpf_cnpj_adquirente")?,
                );
            match mg.recuperar_protocolo_renave(&consulta).await {
                Ok(resposta) => match resposta.numero_protocolo {
                    Some(n) => Ok(Conclusao::Executada(BTreeMap::from([(
                        "numero_protocolo".to_owned(),
                        n.to_string(),
                    )]))),
                    None => Ok(Conclusao::AindaIncerta(
                        "the recovery answered without a protocol number".to_owned(),
                    )),
                },
                Err(e) if nao_encontrado(&e) => Ok(Conclusao::NaoExecutada),
                Err(e) => Err(leitura_falhou(&e)),
            }
        }
        _ => Err(Conclusao::AindaIncerta("not reconciled".to_owned())),
    }
}

/// A JSON value as text (a string without quotes).
fn texto(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        outro => outro.to_string(),
    }
}
