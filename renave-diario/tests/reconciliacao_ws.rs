//! Nothing lost, nothing duplicated on Renave-WS beyond the entrada: the saída (E15, read back
//! by E11 `consultar_estoques`) and the authorisation of a transfer between establishments
//! (E24, read back by E23 `consultar_autorizacoes_transferencias`), on the simulator's seeded
//! `CONFIRMADO` stock. An answer lost after the service acted is reconciled as executed with
//! what it produced, nothing sent twice; an intent with no effect is reconciled as not
//! executed, then sent once.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;
use std::time::Duration;

use renave_diario::reconciliacao::{self, Conclusao, Leitores};
use renave_diario::{ArmazemDiario, Diario, DiarioSqlite, Filtro, Registro, Situacao};
use renave_domain::{Cnpj, Placa, Valor};
use renave_http::diario::{API_RENAVE_WS, Intencao};
use renave_http::{Endpoint, Timeouts};
use renave_simulador::RespostaPerdida;
use renave_simulador::renave_ws::SituacaoInicial;
use renave_ws_client::ClienteRenaveWs;
use renave_ws_client::operacoes::transferencias::{
    AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS, AutorizacaoTransferenciaEntreEstabelecimentos,
    FiltroAutorizacoesTransferencias,
};
use renave_ws_client::operacoes::usados::{
    ConsultaEstoques, SOLICITAR_SAIDA_ESTOQUE, SolicitacaoSaidaEstoque,
};
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

async fn diario_novo(dir: &tempfile::TempDir) -> Arc<DiarioSqlite> {
    Arc::new(
        DiarioSqlite::abrir(dir.path().join("d.sqlite3"))
            .await
            .unwrap(),
    )
}

fn leitores(c: &ClienteRenaveWs) -> Leitores<'_> {
    Leitores {
        renave_ws: Some(c),
        cetmg: None,
    }
}

fn situacoes(registros: &[Registro]) -> Vec<Situacao> {
    registros.iter().map(Registro::situacao).collect()
}

/// The seeded `CONFIRMADO` stock's vehicle (ready for a saída or a transfer authorisation).
fn em_estoque(sim: &SimuladorRenaveWs) -> amostras::Veiculo {
    let u = sim
        .dados()
        .usados
        .iter()
        .find(|u| u.situacao == SituacaoInicial::EmEstoqueConfirmado)
        .unwrap();
    amostras::Veiculo::from(u)
}

fn saida(sim: &SimuladorRenaveWs, v: &amostras::Veiculo) -> SolicitacaoSaidaEstoque {
    let codigo = sim.codigo_seguranca_crv_atual(&v.placa).unwrap();
    amostras::saida_estoque(v, codigo, sim.agora())
}

fn autorizacao(placa: Placa) -> AutorizacaoTransferenciaEntreEstabelecimentos {
    AutorizacaoTransferenciaEntreEstabelecimentos {
        cnpj_estabelecimento_destino: renave_simulador::mundo::CNPJ_OUTRO_ESTABELECIMENTO
            .parse::<Cnpj>()
            .unwrap(),
        cpf_operador_responsavel: amostras::operador(),
        email_estabelecimento_origem: amostras::EMAIL_ESTABELECIMENTO.to_owned(),
        placa_veiculo: placa,
        valor_venda: Valor::from_centavos(4_500_000).unwrap(),
    }
}

/// POSTs the simulator received on `rota`.
async fn recebidas(sim: &SimuladorRenaveWs, rota: &str) -> usize {
    sim.requisicoes_recebidas()
        .await
        .iter()
        .filter(|r| r.method.as_str() == "POST" && r.url.path().ends_with(rota))
        .count()
}

/// Stocks of the plate with a saída (the saídas registered).
async fn saidas(c: &ClienteRenaveWs, placa: Placa) -> usize {
    c.consultar_estoques(&ConsultaEstoques {
        placa: Some(placa),
        ..ConsultaEstoques::default()
    })
    .await
    .unwrap()
    .iter()
    .filter(|e| e.saida_estoque.is_some())
    .count()
}

/// Authorisations of the plate (the authorisations registered).
async fn autorizacoes(c: &ClienteRenaveWs, placa: Placa) -> Vec<String> {
    c.consultar_autorizacoes_transferencias(&FiltroAutorizacoesTransferencias {
        placa: Some(placa),
        ..FiltroAutorizacoesTransferencias::default()
    })
    .await
    .unwrap()
    .iter()
    .map(|a| a.id.unwrap().to_string())
    .collect()
}

/// The intent of `endpoint` with `pedido`, recorded as the client would (the process then died
/// before sending).
async fn intencao_sem_envio<T: serde::Serialize>(
    diario: &DiarioSqlite,
    endpoint: &Endpoint,
    pedido: &T,
) {
    let corpo = serde_json::to_vec(pedido).unwrap();
    diario
        .registrar_intencao(&Intencao::nova(API_RENAVE_WS, endpoint, None, &corpo))
        .await
        .unwrap();
}

const ROTA_SAIDA: &str = "api/solicitacoes-saida-estoque";
const ROTA_AUTORIZACAO: &str = "api/autorizacoes-transferencias";

#[tokio::test]
async fn saida_com_resposta_perdida_reconciliada_como_executada_sem_duplicar() {
    let dir = tempfile::tempdir().unwrap();
    let diario = diario_novo(&dir).await;
    let sim = SimuladorRenaveWs::iniciar().await;
    let c = cliente(&sim, diario.clone());
    let v = em_estoque(&sim);
    let pedido = saida(&sim, &v);

    sim.perder_proximas_respostas(1, RespostaPerdida::Status(504));
    let erro = c.solicitar_saida_estoque(&pedido).await.unwrap_err();
    assert!(erro.resultado_incerto(), "{erro}");
    assert_eq!(
        situacoes(&reconciliacao::a_reconciliar(&*diario).await.unwrap()),
        [Situacao::Incerta]
    );

    let r = reconciliacao::reconciliar(&*diario, leitores(&c))
        .await
        .unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].operacao, "solicitar_saida_estoque");
    let Conclusao::Executada(produzidos) = &r[0].conclusao else {
        panic!("{r:?}")
    };
    assert!(produzidos.contains_key("idEstoque"), "{produzidos:?}");
    let todos = diario.registros(&Filtro::todos()).await.unwrap();
    assert_eq!(situacoes(&todos), [Situacao::Executada]);
    assert!(
        reconciliacao::a_reconciliar(&*diario)
            .await
            .unwrap()
            .is_empty()
    );
    // 0 lost, 0 duplicated: one POST, one saída.
    assert_eq!(recebidas(&sim, ROTA_SAIDA).await, 1);
    assert_eq!(saidas(&c, v.placa).await, 1);
}

#[tokio::test]
async fn saida_sem_efeito_reconciliada_como_nao_executada_e_enviada_uma_vez() {
    let dir = tempfile::tempdir().unwrap();
    let diario = diario_novo(&dir).await;
    let sim = SimuladorRenaveWs::iniciar().await;
    let c = cliente(&sim, diario.clone());
    let v = em_estoque(&sim);
    let pedido = saida(&sim, &v);
    intencao_sem_envio(&diario, &SOLICITAR_SAIDA_ESTOQUE, &pedido).await;

    let r = reconciliacao::reconciliar(&*diario, leitores(&c))
        .await
        .unwrap();
    assert_eq!(r[0].conclusao, Conclusao::NaoExecutada, "{r:?}");
    assert_eq!(recebidas(&sim, ROTA_SAIDA).await, 0);
    c.solicitar_saida_estoque(&pedido).await.unwrap();
    assert_eq!(recebidas(&sim, ROTA_SAIDA).await, 1);
    assert_eq!(saidas(&c, v.placa).await, 1);
    let todos = diario.registros(&Filtro::todos()).await.unwrap();
    assert_eq!(
        situacoes(&todos),
        [Situacao::NaoExecutada, Situacao::Executada]
    );
}

#[tokio::test]
async fn autorizacao_com_resposta_perdida_reconciliada_como_executada_sem_duplicar() {
    let dir = tempfile::tempdir().unwrap();
    let diario = diario_novo(&dir).await;
    let sim = SimuladorRenaveWs::iniciar().await;
    let c = cliente(&sim, diario.clone());
    let v = em_estoque(&sim);
    assert!(autorizacoes(&c, v.placa).await.is_empty());

    sim.perder_proximas_respostas(1, RespostaPerdida::Status(504));
    let erro = c
        .autorizar_transferencia_entre_estabelecimentos(&autorizacao(v.placa))
        .await
        .unwrap_err();
    assert!(erro.resultado_incerto(), "{erro}");

    let r = reconciliacao::reconciliar(&*diario, leitores(&c))
        .await
        .unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(
        r[0].operacao,
        "autorizar_transferencia_entre_estabelecimentos"
    );
    let Conclusao::Executada(produzidos) = &r[0].conclusao else {
        panic!("{r:?}")
    };
    // What it produced: the one authorisation the service holds.
    let ids = autorizacoes(&c, v.placa).await;
    assert_eq!(ids.len(), 1, "0 lost, 0 duplicated: {ids:?}");
    assert_eq!(
        produzidos.get("idAutorizacaoTransferencia"),
        Some(&ids[0]),
        "{produzidos:?}"
    );
    let todos = diario.registros(&Filtro::todos()).await.unwrap();
    assert_eq!(situacoes(&todos), [Situacao::Executada]);
    assert_eq!(recebidas(&sim, ROTA_AUTORIZACAO).await, 1);
}

#[tokio::test]
async fn autorizacao_sem_efeito_reconciliada_como_nao_executada_e_enviada_uma_vez() {
    let dir = tempfile::tempdir().unwrap();
    let diario = diario_novo(&dir).await;
    let sim = SimuladorRenaveWs::iniciar().await;
    let c = cliente(&sim, diario.clone());
    let v = em_estoque(&sim);
    let pedido = autorizacao(v.placa);
    intencao_sem_envio(
        &diario,
        &AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS,
        &pedido,
    )
    .await;

    let r = reconciliacao::reconciliar(&*diario, leitores(&c))
        .await
        .unwrap();
    assert_eq!(r[0].conclusao, Conclusao::NaoExecutada, "{r:?}");
    assert_eq!(recebidas(&sim, ROTA_AUTORIZACAO).await, 0);
    c.autorizar_transferencia_entre_estabelecimentos(&pedido)
        .await
        .unwrap();
    assert_eq!(recebidas(&sim, ROTA_AUTORIZACAO).await, 1);
    assert_eq!(autorizacoes(&c, v.placa).await.len(), 1);
    let todos = diario.registros(&Filtro::todos()).await.unwrap();
    assert_eq!(
        situacoes(&todos),
        [Situacao::NaoExecutada, Situacao::Executada]
    );
}
