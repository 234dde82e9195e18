//! Nothing lost, nothing duplicated: the answer of a reconcilable Renave-WS operation is lost
//! (the simulator's `perder_proximas_respostas`), or the client is dropped mid-request and a new
//! client reopens the same journal file; after reconciliation the flow completes with exactly
//! one registration. A journal store failure never sends a request whose intent was not
//! recorded.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::Duration;

use renave_diario::reconciliacao::{self, Conclusao, Leitores};
use renave_diario::{ArmazemDiario, Diario, DiarioSqlite, Filtro, Situacao};
use renave_http::diario::{API_RENAVE_WS, Intencao};
use renave_http::{Endpoint, Timeouts};
use renave_simulador::RespostaPerdida;
use renave_ws_client::ClienteRenaveWs;
use renave_ws_client::operacoes::usados::{ConsultaEstoques, SOLICITAR_ENTRADA_ESTOQUE};
use renave_ws_client::simulador::{SimuladorRenaveWs, amostras};

fn cliente(sim: &SimuladorRenaveWs, diario: Arc<dyn Diario>) -> ClienteRenaveWs {
    ClienteRenaveWs::builder()
        .ambiente(renave_ws_client::Ambiente::Local(
            sim.uri().parse().unwrap(),
        ))
        .prazos(Timeouts {
            connect: Duration::from_secs(10),
            per_attempt: Duration::from_secs(20),
            operation: Duration::from_secs(30),
        })
        .diario(diario)
        .build()
        .unwrap()
}

/// Active stocks of the plate (the registrations made).
async fn estoques_ativos(c: &ClienteRenaveWs, placa: renave_domain::Placa) -> usize {
    c.consultar_estoques(&ConsultaEstoques {
        placa: Some(placa),
        ..ConsultaEstoques::default()
    })
    .await
    .unwrap()
    .iter()
    .filter(|e| e.cancelamento_estoque.is_none())
    .count()
}

/// POSTs of the entrada route the simulator received.
async fn entradas_recebidas(sim: &SimuladorRenaveWs) -> usize {
    sim.requisicoes_recebidas()
        .await
        .iter()
        .filter(|r| {
            r.method.as_str() == "POST"
                && r.url.path().ends_with("api/solicitacoes-entrada-estoque")
        })
        .count()
}

#[tokio::test]
async fn entrada_com_resposta_perdida_reconciliada_como_executada_sem_duplicar() {
    let dir = tempfile::tempdir().unwrap();
    let diario = Arc::new(
        DiarioSqlite::abrir(dir.path().join("d.sqlite3"))
            .await
            .unwrap(),
    );
    let sim = SimuladorRenaveWs::iniciar().await;
    let c = cliente(&sim, diario.clone());
    let v = amostras::Veiculo::from(&sim.dados().usados[0]);
    let pedido = amostras::entrada_estoque(&v, sim.agora());

    sim.perder_proximas_respostas(1, RespostaPerdida::Status(504));
    let erro = c.solicitar_entrada_estoque(&pedido).await.unwrap_err();
    assert!(erro.resultado_incerto(), "{erro}");

    let pendentes = reconciliacao::a_reconciliar(&*diario).await.unwrap();
    assert_eq!(pendentes.len(), 1);
    assert_eq!(pendentes[0].situacao(), Situacao::Incerta);
    assert_eq!(pendentes[0].intencao.operacao, "solicitar_entrada_estoque");

    let leitores = Leitores {
        renave_ws: Some(&c),
        cetmg: None,
    };
    let r = reconciliacao::reconciliar(&*diario, leitores)
        .await
        .unwrap();
    assert_eq!(r.len(), 1);
    let Conclusao::Executada(produzidos) = &r[0].conclusao else {
        panic!("{r:?}")
    };
    assert!(produzidos.contains_key("idEstoque"), "{produzidos:?}");
    // Concluded in the journal: nothing left to reconcile; the flow does not resend.
    assert!(
        reconciliacao::a_reconciliar(&*diario)
            .await
            .unwrap()
            .is_empty()
    );
    let todos = diario.registros(&Filtro::todos()).await.unwrap();
    assert_eq!(todos[0].situacao(), Situacao::Executada);
    assert_eq!(
        estoques_ativos(&c, v.placa).await,
        1,
        "0 lost, 0 duplicated"
    );
    assert_eq!(entradas_recebidas(&sim).await, 1);
}

#[tokio::test]
async fn cliente_derrubado_no_meio_e_diario_reaberto_por_outro_cliente() {
    let dir = tempfile::tempdir().unwrap();
    let arquivo = dir.path().join("d.sqlite3");
    let sim = SimuladorRenaveWs::iniciar().await;
    let v = amostras::Veiculo::from(&sim.dados().usados[1]);
    let pedido = amostras::entrada_estoque(&v, sim.agora());
    {
        let diario = Arc::new(DiarioSqlite::abrir(&arquivo).await.unwrap());
        let c = cliente(&sim, diario);
        // The service executes, then holds the answer: the "process" dies while waiting.
        sim.perder_proximas_respostas(1, RespostaPerdida::Atraso(Duration::from_secs(60)));
        let chamada = c.solicitar_entrada_estoque(&pedido).into_future();
        tokio::pin!(chamada);
        // Poll the call until the service has executed it (bounded), then drop it.
        let mut executada = false;
        for _ in 0..400 {
            tokio::select! {
                fim = &mut chamada => panic!("the answer must be held: {fim:?}"),
                () = tokio::time::sleep(Duration::from_millis(50)) => {}
            }
            if entradas_recebidas(&sim).await == 1 {
                executada = true;
                break;
            }
        }
        assert!(executada, "the simulator never received the entrada");
    }
    sim.limpar_falhas();
    // A new client on the same journal file (the restarted process).
    let diario = Arc::new(DiarioSqlite::abrir(&arquivo).await.unwrap());
    let c = cliente(&sim, diario.clone());
    let pendentes = reconciliacao::a_reconciliar(&*diario).await.unwrap();
    assert_eq!(pendentes.len(), 1);
    assert_eq!(
        pendentes[0].situacao(),
        Situacao::Pendente,
        "intent without outcome"
    );
    let leitores = Leitores {
        renave_ws: Some(&c),
        cetmg: None,
    };
    let r = reconciliacao::reconciliar(&*diario, leitores)
        .await
        .unwrap();
    assert!(matches!(r[0].conclusao, Conclusao::Executada(_)), "{r:?}");
    assert_eq!(
        estoques_ativos(&c, v.placa).await,
        1,
        "0 lost, 0 duplicated"
    );
    assert_eq!(entradas_recebidas(&sim).await, 1);
}

#[tokio::test]
async fn intencao_sem_efeito_reconciliada_como_nao_executada_e_enviada_de_novo() {
    let dir = tempfile::tempdir().unwrap();
    let diario = Arc::new(
        DiarioSqlite::abrir(dir.path().join("d.sqlite3"))
            .await
            .unwrap(),
    );
    let sim = SimuladorRenaveWs::iniciar().await;
    let c = cliente(&sim, diario.clone());
    let v = amostras::Veiculo::from(&sim.dados().usados[0]);
    let pedido = amostras::entrada_estoque(&v, sim.agora());
    // The process died after recording the intent, before the request left.
    let corpo = serde_json::to_vec(&pedido).unwrap();
    let endpoint: &Endpoint = &SOLICITAR_ENTRADA_ESTOQUE;
    diario
        .registrar_intencao(&Intencao::nova(API_RENAVE_WS, endpoint, None, &corpo))
        .await
        .unwrap();
    let leitores = Leitores {
        renave_ws: Some(&c),
        cetmg: None,
    };
    let r = reconciliacao::reconciliar(&*diario, leitores)
        .await
        .unwrap();
    assert_eq!(r[0].conclusao, Conclusao::NaoExecutada, "{r:?}");
    assert_eq!(entradas_recebidas(&sim).await, 0);
    // Safe to send again: exactly one registration.
    c.solicitar_entrada_estoque(&pedido).await.unwrap();
    assert_eq!(
        estoques_ativos(&c, v.placa).await,
        1,
        "0 lost, 0 duplicated"
    );
    let todos = diario.registros(&Filtro::todos()).await.unwrap();
    let situacoes: Vec<_> = todos
        .iter()
        .map(renave_diario::Registro::situacao)
        .collect();
    assert_eq!(situacoes, [Situacao::NaoExecutada, Situacao::Executada]);
}

#[tokio::test]
async fn falha_do_diario_nunca_envia_a_requisicao() {
    let dir = tempfile::tempdir().unwrap();
    let arquivo = dir.path().join("d.sqlite3");
    let diario = Arc::new(DiarioSqlite::abrir(&arquivo).await.unwrap());
    let sim = SimuladorRenaveWs::iniciar().await;
    let c = cliente(&sim, diario.clone());
    let v = amostras::Veiculo::from(&sim.dados().usados[0]);
    let pedido = amostras::entrada_estoque(&v, sim.agora());
    // The real engine fails: the journal's table is gone.
    let outra = rusqlite::Connection::open(&arquivo).unwrap();
    outra.execute_batch("DROP TABLE diario").unwrap();
    let erro = c.solicitar_entrada_estoque(&pedido).await.unwrap_err();
    assert!(
        matches!(erro, renave_ws_client::Erro::Diario { .. }),
        "{erro:?}"
    );
    assert!(!erro.resultado_incerto());
    assert_eq!(entradas_recebidas(&sim).await, 0, "nothing sent");
    // A read is not journaled (by default) and still goes.
    assert_eq!(estoques_ativos(&c, v.placa).await, 0);
}
