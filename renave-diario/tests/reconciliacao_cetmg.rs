//! Nothing lost, nothing duplicated on CET-MG: the two reconcilable operations against the
//! stateful CET-MG simulator. The solicitação de transferência (R §5.6) is reconciled by its
//! lookup (R §5.3), the processo de transferência (R §5.16) by protocol recovery (R §5.17):
//! an answer lost after the service acted (the simulator's `perder_proximas_respostas`) is
//! reconciled as executed with what it produced, and nothing is sent twice; an intent with no
//! effect (the process died before the request left) is reconciled as not executed and then
//! sent once. A journal store failure sends nothing.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::Duration;

use renave_diario::reconciliacao::{self, Conclusao, Leitores};
use renave_diario::{ArmazemDiario, Diario, DiarioSqlite, Filtro, Registro, Situacao};
use renave_domain::CpfCnpj;
use renave_http::diario::{API_CETMG, Intencao};
use renave_http::{Endpoint, Timeouts};
use renave_mg_client::operacoes::estoque::{
    ConsultaSolicitacaoTransferencia, REGISTRAR_SOLICITACAO_TRANSFERENCIA,
};
use renave_mg_client::operacoes::protocolo_digital::{
    CRIAR_PROCESSO_TRANSFERENCIA, ConsultaProtocoloRenave,
};
use renave_mg_client::simulador::{
    CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO, RespostaPerdida, SimuladorCetMg, VeiculoSimulado,
    amostras,
};
use renave_mg_client::{Ambiente, ClienteCetMg, RetryPolicy};
use secrecy::SecretString;

/// The buyer of the processo de transferência (a valid CPF).
const ADQUIRENTE: &str = "52998224725";

fn cliente(sim: &SimuladorCetMg, diario: Arc<dyn Diario>) -> ClienteCetMg {
    ClienteCetMg::builder()
        .ambiente(Ambiente::Local(sim.url().parse().unwrap()))
        .credenciais(
            SecretString::from(CONSUMER_KEY_PADRAO),
            SecretString::from(CONSUMER_SECRET_PADRAO),
        )
        .retentativas(RetryPolicy::disabled())
        .prazos(Timeouts {
            connect: Duration::from_secs(10),
            per_attempt: Duration::from_secs(20),
            operation: Duration::from_secs(30),
        })
        .diario(diario)
        .build()
        .unwrap()
}

async fn diario_novo(dir: &tempfile::TempDir) -> Arc<DiarioSqlite> {
    Arc::new(
        DiarioSqlite::abrir(dir.path().join("d.sqlite3"))
            .await
            .unwrap(),
    )
}

fn apto_fora_do_estoque(sim: &SimuladorCetMg) -> VeiculoSimulado {
    sim.veiculos()
        .into_iter()
        .find(|v| v.is_apto() && v.id_estoque.is_none())
        .unwrap()
}

/// Requests the simulator received whose path ends with `rota`.
async fn recebidas(sim: &SimuladorCetMg, rota: &str) -> usize {
    sim.requisicoes_recebidas()
        .await
        .iter()
        .filter(|r| r.method.as_str() == "POST" && r.url.path().ends_with(rota))
        .count()
}

fn leitores(c: &ClienteCetMg) -> Leitores<'_> {
    Leitores {
        renave_ws: None,
        cetmg: Some(c),
    }
}

fn situacoes(registros: &[Registro]) -> Vec<Situacao> {
    registros.iter().map(Registro::situacao).collect()
}

/// The intent of `endpoint` with the request `pedido`, recorded as the client would (the
/// process then died before sending).
async fn intencao_sem_envio<T: serde::Serialize>(
    diario: &DiarioSqlite,
    endpoint: &Endpoint,
    pedido: &T,
) {
    let corpo = serde_json::to_vec(pedido).unwrap();
    diario
        .registrar_intencao(&Intencao::nova(API_CETMG, endpoint, None, &corpo))
        .await
        .unwrap();
}

const ROTA_SOLICITACAO: &str = "registrar-solicitacao-servico-transferencia-propriedade-veiculo";
const ROTA_PROCESSO: &str = "protocolo-digital/criar-processo-transferencia";

#[tokio::test]
async fn solicitacao_com_resposta_perdida_reconciliada_como_executada_sem_duplicar() {
    let dir = tempfile::tempdir().unwrap();
    let diario = diario_novo(&dir).await;
    let sim = SimuladorCetMg::iniciar().await;
    let c = cliente(&sim, diario.clone());
    let v = amostras::Veiculo::from(&apto_fora_do_estoque(&sim));
    let pedido = amostras::solicitacao_transferencia(&v, amostras::estabelecimento().into());

    sim.perder_proximas_respostas(1, RespostaPerdida::Status(504));
    let erro = c
        .registrar_solicitacao_transferencia(&pedido)
        .await
        .unwrap_err();
    assert!(erro.resultado_incerto(), "{erro}");
    let pendentes = reconciliacao::a_reconciliar(&*diario).await.unwrap();
    assert_eq!(situacoes(&pendentes), [Situacao::Incerta]);

    let r = reconciliacao::reconciliar(&*diario, leitores(&c))
        .await
        .unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].operacao, "registrar_solicitacao_transferencia");
    let Conclusao::Executada(produzidos) = &r[0].conclusao else {
        panic!("{r:?}")
    };
    // What it produced: the solicitação the service registered.
    let consulta = c
        .consultar_solicitacao_transferencia(&ConsultaSolicitacaoTransferencia::new(
            v.chassi,
            amostras::estabelecimento().into(),
            amostras::estabelecimento(),
        ))
        .await
        .unwrap();
    let id = consulta.extras.get("id_solicitacao").unwrap().to_string();
    assert_eq!(
        produzidos.get("id_solicitacao"),
        Some(&id),
        "{produzidos:?}"
    );
    assert_eq!(
        produzidos.get("tipo_solicitacao").map(String::as_str),
        Some("ENTRADA")
    );
    // Concluded in the journal, with what it produced; nothing left to reconcile.
    let todos = diario.registros(&Filtro::todos()).await.unwrap();
    assert_eq!(situacoes(&todos), [Situacao::Executada]);
    assert_eq!(
        todos[0]
            .desfecho
            .as_ref()
            .unwrap()
            .produzidos
            .get("id_solicitacao"),
        Some(&id)
    );
    assert!(
        reconciliacao::a_reconciliar(&*diario)
            .await
            .unwrap()
            .is_empty()
    );
    // 0 duplicated: one POST, one solicitação.
    assert_eq!(recebidas(&sim, ROTA_SOLICITACAO).await, 1);
}

#[tokio::test]
async fn solicitacao_sem_efeito_reconciliada_como_nao_executada_e_enviada_uma_vez() {
    let dir = tempfile::tempdir().unwrap();
    let diario = diario_novo(&dir).await;
    let sim = SimuladorCetMg::iniciar().await;
    let c = cliente(&sim, diario.clone());
    let v = amostras::Veiculo::from(&apto_fora_do_estoque(&sim));
    let pedido = amostras::solicitacao_transferencia(&v, amostras::estabelecimento().into());
    intencao_sem_envio(&diario, &REGISTRAR_SOLICITACAO_TRANSFERENCIA, &pedido).await;

    let r = reconciliacao::reconciliar(&*diario, leitores(&c))
        .await
        .unwrap();
    assert_eq!(r[0].conclusao, Conclusao::NaoExecutada, "{r:?}");
    assert_eq!(recebidas(&sim, ROTA_SOLICITACAO).await, 0);
    // Safe to send again: sent once, one solicitação.
    c.registrar_solicitacao_transferencia(&pedido)
        .await
        .unwrap();
    assert_eq!(recebidas(&sim, ROTA_SOLICITACAO).await, 1);
    let todos = diario.registros(&Filtro::todos()).await.unwrap();
    assert_eq!(
        situacoes(&todos),
        [Situacao::NaoExecutada, Situacao::Executada]
    );
    // A second reconciliation has nothing to do.
    assert!(
        reconciliacao::reconciliar(&*diario, leitores(&c))
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn processo_com_resposta_perdida_reconciliado_pelo_protocolo_recuperado() {
    let dir = tempfile::tempdir().unwrap();
    let diario = diario_novo(&dir).await;
    let sim = SimuladorCetMg::iniciar().await;
    let c = cliente(&sim, diario.clone());
    let v = amostras::Veiculo::from(&apto_fora_do_estoque(&sim));
    let adquirente: CpfCnpj = ADQUIRENTE.parse().unwrap();
    let pedido = amostras::processo_transferencia(&v, adquirente, false);

    sim.perder_proximas_respostas(1, RespostaPerdida::Status(504));
    let erro = c.criar_processo_transferencia(&pedido).await.unwrap_err();
    assert!(erro.resultado_incerto(), "{erro}");

    let r = reconciliacao::reconciliar(&*diario, leitores(&c))
        .await
        .unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].operacao, "criar_processo_transferencia");
    let Conclusao::Executada(produzidos) = &r[0].conclusao else {
        panic!("{r:?}")
    };
    let recuperado = c
        .recuperar_protocolo_renave(&ConsultaProtocoloRenave::new(
            v.chassi,
            amostras::estabelecimento().into(),
            adquirente,
        ))
        .await
        .unwrap();
    let numero = recuperado.numero_protocolo.unwrap().to_string();
    assert_eq!(produzidos.get("numero_protocolo"), Some(&numero));
    let todos = diario.registros(&Filtro::todos()).await.unwrap();
    assert_eq!(situacoes(&todos), [Situacao::Executada]);
    assert_eq!(
        todos[0].identificador("numero_protocolo"),
        Some(numero.as_str()),
        "the protocol number is found from the record"
    );
    // 0 duplicated.
    assert_eq!(recebidas(&sim, ROTA_PROCESSO).await, 1);
}

#[tokio::test]
async fn processo_sem_efeito_reconciliado_como_nao_executado_e_enviado_uma_vez() {
    let dir = tempfile::tempdir().unwrap();
    let diario = diario_novo(&dir).await;
    let sim = SimuladorCetMg::iniciar().await;
    let c = cliente(&sim, diario.clone());
    let v = amostras::Veiculo::from(&apto_fora_do_estoque(&sim));
    let adquirente: CpfCnpj = ADQUIRENTE.parse().unwrap();
    let pedido = amostras::processo_transferencia(&v, adquirente, false);
    intencao_sem_envio(&diario, &CRIAR_PROCESSO_TRANSFERENCIA, &pedido).await;

    let r = reconciliacao::reconciliar(&*diario, leitores(&c))
        .await
        .unwrap();
    assert_eq!(r[0].conclusao, Conclusao::NaoExecutada, "{r:?}");
    assert_eq!(recebidas(&sim, ROTA_PROCESSO).await, 0);
    let criado = c.criar_processo_transferencia(&pedido).await.unwrap();
    assert!(criado.numero_protocolo.is_some());
    assert_eq!(recebidas(&sim, ROTA_PROCESSO).await, 1);
    let todos = diario.registros(&Filtro::todos()).await.unwrap();
    assert_eq!(
        situacoes(&todos),
        [Situacao::NaoExecutada, Situacao::Executada]
    );
}

#[tokio::test]
async fn falha_do_diario_nunca_envia_a_requisicao_cetmg() {
    let dir = tempfile::tempdir().unwrap();
    let arquivo = dir.path().join("d.sqlite3");
    let diario = Arc::new(DiarioSqlite::abrir(&arquivo).await.unwrap());
    let sim = SimuladorCetMg::iniciar().await;
    let c = cliente(&sim, diario.clone());
    let v = amostras::Veiculo::from(&apto_fora_do_estoque(&sim));
    let pedido = amostras::solicitacao_transferencia(&v, amostras::estabelecimento().into());
    // The real engine fails: the journal's table is gone.
    rusqlite::Connection::open(&arquivo)
        .unwrap()
        .execute_batch("DROP TABLE diario")
        .unwrap();
    let erro = c
        .registrar_solicitacao_transferencia(&pedido)
        .await
        .unwrap_err();
    assert!(
        matches!(erro, renave_mg_client::Erro::Diario { .. }),
        "{erro:?}"
    );
    assert!(!erro.resultado_incerto() && !erro.is_retryable(), "{erro}");
    assert_eq!(recebidas(&sim, ROTA_SOLICITACAO).await, 0, "nothing sent");
    // Nothing happened on the service: the lookup finds no solicitação.
    let consulta = c
        .consultar_solicitacao_transferencia(&ConsultaSolicitacaoTransferencia::new(
            v.chassi,
            amostras::estabelecimento().into(),
            amostras::estabelecimento(),
        ))
        .await
        .unwrap_err();
    assert_eq!(consulta.status(), Some(404), "{consulta:?}");
}
