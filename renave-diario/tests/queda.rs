//! A real crash (*queda*): a child process — this test binary re-executed as
//! [`filho_envia_entrada`] — opens the SQLite journal and sends an entrada (E3) to a Renave-WS
//! simulator that executes it and never answers; the parent kills the child
//! ([`std::process::Child::kill`]) once the intent is recorded and the simulator has the
//! request. The parent (which runs the simulator, so it outlives the child) then reopens the
//! same journal file, lists the pending intent, reconciles it against the same simulator and
//! completes the flow: 0 duplicated, 0 lost registrations.
#![allow(clippy::unwrap_used)]

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use renave_diario::reconciliacao::{self, Conclusao, Leitores};
use renave_diario::{ArmazemDiario, Diario, DiarioSqlite, Filtro, Situacao};
use renave_domain::IdEstoque;
use renave_http::Timeouts;
use renave_simulador::RespostaPerdida;
use renave_ws_client::ClienteRenaveWs;
use renave_ws_client::operacoes::usados::{
    ConsultaEstoques, EnvioAssinaturaVendedor, SolicitacaoEntradaEstoque,
};
use renave_ws_client::simulador::{SimuladorRenaveWs, amostras};

/// The simulator's URL, given to the child (set only in the child).
const VAR_URL: &str = "RENAVE_DIARIO_QUEDA_URL";
/// The journal file, given to the child.
const VAR_ARQUIVO: &str = "RENAVE_DIARIO_QUEDA_ARQUIVO";
/// The entrada's JSON body, given to the child.
const VAR_PEDIDO: &str = "RENAVE_DIARIO_QUEDA_PEDIDO";
/// The child's exit code when the call returned (it must be killed before that).
const SAIDA_SEM_QUEDA: i32 = 3;

fn cliente(url: &str, diario: Arc<dyn Diario>, prazo: Duration) -> ClienteRenaveWs {
    ClienteRenaveWs::builder()
        .ambiente(renave_ws_client::Ambiente::Local(url.parse().unwrap()))
        .prazos(Timeouts {
            connect: Duration::from_secs(10),
            per_attempt: prazo,
            operation: prazo,
        })
        .diario(diario)
        .build()
        .unwrap()
}

/// The child's side: does nothing in a normal test run; in the child (the environment
/// variables set by [`processo_morto_no_meio_e_diario_reaberto_sem_perder_nem_duplicar`]) it
/// sends the entrada with a journal and waits for an answer that never comes.
#[tokio::test]
async fn filho_envia_entrada() {
    let (Ok(url), Ok(arquivo), Ok(pedido)) = (
        std::env::var(VAR_URL),
        std::env::var(VAR_ARQUIVO),
        std::env::var(VAR_PEDIDO),
    ) else {
        return;
    };
    let pedido: SolicitacaoEntradaEstoque = serde_json::from_str(&pedido).unwrap();
    let diario = Arc::new(DiarioSqlite::abrir(&arquivo).await.unwrap());
    let c = cliente(&url, diario, Duration::from_secs(3600));
    let r = c.solicitar_entrada_estoque(&pedido).await;
    eprintln!("the call returned: {r:?}");
    std::process::exit(SAIDA_SEM_QUEDA);
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
async fn processo_morto_no_meio_e_diario_reaberto_sem_perder_nem_duplicar() {
    let dir = tempfile::tempdir().unwrap();
    let arquivo = dir.path().join("d.sqlite3");
    let sim = SimuladorRenaveWs::iniciar().await;
    let v = amostras::Veiculo::from(&sim.dados().usados[0]);
    let pedido = amostras::entrada_estoque(&v, sim.agora());
    // The service executes the entrada, then holds the answer (longer than the test).
    sim.perder_proximas_respostas(1, RespostaPerdida::Atraso(Duration::from_secs(3600)));

    let mut filho = Command::new(std::env::current_exe().unwrap())
        .args(["filho_envia_entrada", "--exact", "--test-threads=1"])
        .env(VAR_URL, sim.uri())
        .env(VAR_ARQUIVO, &arquivo)
        .env(VAR_PEDIDO, serde_json::to_string(&pedido).unwrap())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    // Wait (bounded, generous) until the intent is durable and the service has the request.
    let mut pronto = false;
    for _ in 0..1200 {
        if let Some(status) = filho.try_wait().unwrap() {
            let saida = filho.wait_with_output().unwrap();
            panic!(
                "the child ended by itself ({status}): {}",
                String::from_utf8_lossy(&saida.stderr)
            );
        }
        if entradas_recebidas(&sim).await == 1 {
            pronto = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(pronto, "the simulator never received the child's entrada");
    // The crash.
    filho.kill().unwrap();
    let status = filho.wait().unwrap();
    assert!(!status.success(), "{status}");
    assert_ne!(status.code(), Some(SAIDA_SEM_QUEDA), "killed, not returned");
    sim.limpar_falhas();

    // The restarted process: the same journal file.
    let diario = Arc::new(DiarioSqlite::abrir(&arquivo).await.unwrap());
    let pendentes = reconciliacao::a_reconciliar(&*diario).await.unwrap();
    assert_eq!(pendentes.len(), 1, "{pendentes:?}");
    assert_eq!(
        pendentes[0].situacao(),
        Situacao::Pendente,
        "an intent without outcome"
    );
    assert_eq!(pendentes[0].intencao.operacao, "solicitar_entrada_estoque");
    assert_eq!(
        pendentes[0].identificador("placa"),
        Some(v.placa.as_str()),
        "the intent names the vehicle"
    );

    let c = cliente(&sim.uri(), diario.clone(), Duration::from_secs(30));
    let r = reconciliacao::reconciliar(
        &*diario,
        Leitores {
            renave_ws: Some(&c),
            cetmg: None,
        },
    )
    .await
    .unwrap();
    let Conclusao::Executada(produzidos) = &r[0].conclusao else {
        panic!("{r:?}")
    };
    let id_estoque = IdEstoque(produzidos["idEstoque"].parse().unwrap());

    // 0 lost, 0 duplicated: one request received, one active stock, the one reconciled.
    assert_eq!(entradas_recebidas(&sim).await, 1);
    let estoques = c
        .consultar_estoques(&ConsultaEstoques {
            placa: Some(v.placa),
            ..ConsultaEstoques::default()
        })
        .await
        .unwrap();
    let ativos: Vec<_> = estoques
        .iter()
        .filter(|e| e.cancelamento_estoque.is_none())
        .collect();
    assert_eq!(ativos.len(), 1, "0 lost, 0 duplicated");
    assert_eq!(ativos[0].id, Some(id_estoque));

    // The flow goes on from the reconciled stock: the seller's signature (E5).
    c.enviar_assinatura_vendedor_atpv(&EnvioAssinaturaVendedor {
        id_estoque,
        assinatura: amostras::assinatura_proprio_punho(),
    })
    .await
    .unwrap();
    let todos = diario.registros(&Filtro::todos()).await.unwrap();
    let resumo: Vec<_> = todos
        .iter()
        .map(|r| (r.intencao.operacao.as_str(), r.situacao()))
        .collect();
    assert_eq!(
        resumo,
        [
            ("solicitar_entrada_estoque", Situacao::Executada),
            ("enviar_assinatura_vendedor_atpv", Situacao::Executada),
        ]
    );
    assert!(
        reconciliacao::a_reconciliar(&*diario)
            .await
            .unwrap()
            .is_empty()
    );
}
