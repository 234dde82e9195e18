//! The simulators' memory stays bounded however many requests they answer: the request history
//! behind `requisicoes_recebidas` keeps only the last N requests (or none), and nothing else
//! the simulators keep grows per request (tokens are forgotten once expired or too many).

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use renave_simulador::cetmg::{
    CNPJ_ESTABELECIMENTO, CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO, MAXIMO_TOKENS,
    SimuladorCetMg,
};
use renave_simulador::renave_ws::SimuladorRenaveWs;
use renave_simulador::{HISTORICO_PADRAO, Historico, SimuladoresRenave};
use serde_json::{Value, json};
use wiremock::matchers::path;
use wiremock::{Mock, ResponseTemplate};

fn cliente() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

async fn status_get(http: &reqwest::Client, url: &str) -> u16 {
    http.get(url).send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn historico_padrao_guarda_so_as_ultimas_requisicoes() {
    let mundo = SimuladoresRenave::iniciar().await;
    let http = cliente();
    let total = HISTORICO_PADRAO + 250;
    for i in 0..total {
        let url = format!("{}/api/cliente-autenticado?n={i}", mundo.renave_ws.uri());
        assert_eq!(status_get(&http, &url).await, 200);
        let url = format!("{}/api/veiculos/renave/nada?n={i}", mundo.cetmg.url());
        assert_eq!(status_get(&http, &url).await, 404);
    }
    for recebidas in [
        mundo.renave_ws.requisicoes_recebidas().await,
        mundo.cetmg.requisicoes_recebidas().await,
    ] {
        // The last HISTORICO_PADRAO, oldest first: requests 250 .. total-1.
        assert_eq!(recebidas.len(), HISTORICO_PADRAO);
        let n = |i: usize| recebidas[i].url.query().unwrap().to_owned();
        assert_eq!(n(0), "n=250");
        assert_eq!(n(HISTORICO_PADRAO - 1), format!("n={}", total - 1));
    }
    assert_eq!(mundo.cetmg.ocupacao()["historico"], HISTORICO_PADRAO);
    assert_eq!(mundo.renave_ws.ocupacao()["historico"], HISTORICO_PADRAO);
}

#[tokio::test]
async fn historico_limitado_inclui_sobreposicoes_e_desligado_nao_guarda_nada() {
    let http = cliente();
    let sim = SimuladorRenaveWs::builder()
        .historico(Historico::Ultimas(3))
        .iniciar()
        .await;
    Mock::given(path("/api/cliente-autenticado"))
        .respond_with(ResponseTemplate::new(403))
        .with_priority(1)
        .mount(sim.servidor())
        .await;
    for caminho in ["/api/estoques", "/api/x", "/api/cliente-autenticado"] {
        status_get(&http, &format!("{}{caminho}", sim.uri())).await;
    }
    let url = format!("{}/api/cliente-autenticado", sim.uri());
    assert_eq!(
        status_get(&http, &url).await,
        403,
        "the override still answers"
    );
    let caminhos: Vec<String> = sim
        .requisicoes_recebidas()
        .await
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(
        caminhos,
        [
            "/api/x",
            "/api/cliente-autenticado",
            "/api/cliente-autenticado"
        ]
    );

    let sim = SimuladorCetMg::builder()
        .historico(Historico::Desligado)
        .iniciar()
        .await;
    for _ in 0..5 {
        status_get(&http, &format!("{}/api/veiculos/renave/x", sim.url())).await;
    }
    assert!(sim.requisicoes_recebidas().await.is_empty());
    assert_eq!(sim.ocupacao()["historico"], 0);
    assert_eq!(
        SimuladorCetMg::builder()
            .historico(Historico::Ultimas(0))
            .iniciar()
            .await
            .ocupacao()["historico"],
        0
    );
}

/// The entries of every collection, the history and the tokens left out (they have their own
/// bounds).
fn sem_historico_nem_tokens(mut o: BTreeMap<&'static str, usize>) -> BTreeMap<&'static str, usize> {
    o.remove("historico");
    o.remove("tokens");
    o
}

/// 20,000 requests that change nothing in the simulated world (tokens, lookups, refusals,
/// unknown routes, injected failures) leave every collection of both simulators as it was,
/// the history at its cap and the tokens at most [`MAXIMO_TOKENS`]. Served `sem_wiremock`, as
/// the binary does (wiremock itself would keep a copy of each request its mock answered).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vinte_mil_requisicoes_nao_fazem_o_estado_crescer() {
    const LIMITE: usize = 50;
    const TAREFAS: usize = 4;
    const POR_TAREFA: usize = 5_000;
    let mundo = SimuladoresRenave::iniciar_com(
        SimuladorCetMg::builder()
            .historico(Historico::Ultimas(LIMITE))
            .sem_wiremock(),
        SimuladorRenaveWs::builder()
            .historico(Historico::Ultimas(LIMITE))
            .sem_wiremock(),
    )
    .await;
    let antes_cetmg = mundo.cetmg.ocupacao();
    let antes_ws = mundo.renave_ws.ocupacao();
    assert_eq!(antes_cetmg["tokens"], 0);

    let carro = mundo
        .cetmg
        .veiculos()
        .into_iter()
        .find(|v| v.is_apto() && v.id_estoque.is_none())
        .unwrap();
    let aptidao = format!(
        "{}/api/veiculos/renave/consultar-aptidao-veiculo-estoque/{}/{}/{CNPJ_ESTABELECIMENTO}",
        mundo.cetmg.url(),
        carro.chassi.as_str(),
        carro.proprietario.as_str()
    );
    let token_url = format!("{}/api/veiculos/renave/gerar-token", mundo.cetmg.url());
    let estoques = format!("{}/api/estoques", mundo.renave_ws.uri());
    let entrada = format!("{}/api/solicitacoes-entrada-estoque", mundo.renave_ws.uri());
    let credenciais = json!({
        "consumer_key": CONSUMER_KEY_PADRAO,
        "consumer_secret": CONSUMER_SECRET_PADRAO,
    });
    // Every 100th request of each kind meets an injected failure first.
    mundo.cetmg.definir_taxa_de_falhas(0.01, 503, 1);
    mundo.renave_ws.definir_taxa_de_falhas(0.01, 503, 2);

    let http = cliente();
    let mut tarefas = Vec::new();
    for t in 0..TAREFAS {
        let (http, aptidao, token_url, estoques, entrada, credenciais) = (
            http.clone(),
            aptidao.clone(),
            token_url.clone(),
            estoques.clone(),
            entrada.clone(),
            credenciais.clone(),
        );
        tarefas.push(tokio::spawn(async move {
            let mut token = String::new();
            let mut estados = BTreeMap::<u16, usize>::new();
            for i in 0..POR_TAREFA {
                let r = match (t + i) % 5 {
                    // A new token each time (they pile up unless forgotten).
                    0 => {
                        let r = http
                            .post(&token_url)
                            .json(&credenciais)
                            .send()
                            .await
                            .unwrap();
                        if r.status() == 200 {
                            let corpo: Value = r.json().await.unwrap();
                            token = corpo["access_token"].as_str().unwrap().to_owned();
                            estados.entry(200).and_modify(|n| *n += 1).or_insert(1);
                            continue;
                        }
                        r
                    }
                    1 => http.get(&aptidao).bearer_auth(&token).send().await.unwrap(),
                    2 => http.get(&estoques).send().await.unwrap(),
                    // Refused (400): nothing is created.
                    3 => http
                        .post(&entrada)
                        .json(&json!({"chassi": "curto"}))
                        .send()
                        .await
                        .unwrap(),
                    _ => http
                        .get(format!("{token_url}/nao-existe"))
                        .send()
                        .await
                        .unwrap(),
                };
                let status = r.status().as_u16();
                let _ = r.bytes().await.unwrap();
                *estados.entry(status).or_insert(0) += 1;
            }
            estados
        }));
    }
    let mut estados = BTreeMap::<u16, usize>::new();
    for t in tarefas {
        for (s, n) in t.await.unwrap() {
            *estados.entry(s).or_insert(0) += n;
        }
    }
    assert_eq!(estados.values().sum::<usize>(), TAREFAS * POR_TAREFA);
    assert!(
        estados.get(&200).is_some_and(|n| *n > 10_000),
        "{estados:?}"
    );
    assert!(
        estados.contains_key(&400) && estados.contains_key(&503),
        "{estados:?}"
    );

    let depois_cetmg = mundo.cetmg.ocupacao();
    let depois_ws = mundo.renave_ws.ocupacao();
    assert_eq!(mundo.cetmg.requisicoes_recebidas().await.len(), LIMITE);
    assert_eq!(mundo.renave_ws.requisicoes_recebidas().await.len(), LIMITE);
    assert_eq!(depois_cetmg["historico"], LIMITE);
    assert_eq!(depois_ws["historico"], LIMITE);
    // 4,000 tokens were minted (all still valid): only the newest MAXIMO_TOKENS are kept.
    assert!(depois_cetmg["tokens"] <= MAXIMO_TOKENS, "{depois_cetmg:?}");
    assert_eq!(
        sem_historico_nem_tokens(depois_cetmg),
        sem_historico_nem_tokens(antes_cetmg)
    );
    assert_eq!(
        sem_historico_nem_tokens(depois_ws),
        sem_historico_nem_tokens(antes_ws)
    );
}

#[tokio::test]
async fn tokens_expirados_sao_esquecidos_ao_emitir_outro() {
    let sim = SimuladorCetMg::iniciar().await;
    let http = cliente();
    let url = format!("{}/api/veiculos/renave/gerar-token", sim.url());
    let credenciais = json!({
        "consumer_key": CONSUMER_KEY_PADRAO,
        "consumer_secret": CONSUMER_SECRET_PADRAO,
    });
    let mut tokens = Vec::new();
    for _ in 0..3 {
        let r: Value = http
            .post(&url)
            .json(&credenciais)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        tokens.push(r["access_token"].as_str().unwrap().to_owned());
    }
    assert_eq!(sim.ocupacao()["tokens"], 3);
    sim.expirar_tokens();
    let r = http.post(&url).json(&credenciais).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        sim.ocupacao()["tokens"],
        1,
        "the three expired ones are gone"
    );
    // An expired (forgotten) token is still refused as before.
    let cores = format!(
        "{}/api/veiculos/renave/tabelas-auxiliares/consultar-cores",
        sim.url()
    );
    let r = http
        .get(&cores)
        .bearer_auth(&tokens[0])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
}
