//! Simulators started `sem_wiremock` (the binary's plain HTTP server) answer exactly as on
//! wiremock: same status, headers and body for the same request and state, the same fault
//! knobs, the same history; and they stop when dropped.

#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use renave_domain::DataHora;
use renave_simulador::cetmg::{CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO, SimuladorCetMg};
use renave_simulador::renave_ws::{RespostaPerdida, SimuladorRenaveWs};
use renave_simulador::{HISTORICO_PADRAO, Historico};
use serde_json::{Value, json};

fn cliente() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// What a client sees of an answer: status, `Content-Type`, `Retry-After`, body.
#[derive(Debug, PartialEq)]
struct Visto {
    status: u16,
    tipo: Option<String>,
    retry_after: Option<String>,
    corpo: Value,
}

async fn ver(r: reqwest::Response) -> Visto {
    let cabecalho = |nome: &str| {
        r.headers()
            .get(nome)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (status, tipo, retry_after) = (
        r.status().as_u16(),
        cabecalho("content-type"),
        cabecalho("retry-after"),
    );
    let texto = r.text().await.unwrap();
    let corpo = serde_json::from_str(&texto).unwrap_or(Value::String(texto));
    Visto {
        status,
        tipo,
        retry_after,
        corpo,
    }
}

fn inicio() -> DataHora {
    "2026-03-10T10:00:00".parse().unwrap()
}

async fn renave_ws(sem_wiremock: bool) -> SimuladorRenaveWs {
    let b = SimuladorRenaveWs::builder()
        .tempo_real(false)
        .inicio_relogio(inicio());
    if sem_wiremock {
        b.sem_wiremock().iniciar().await
    } else {
        b.iniciar().await
    }
}

fn corpo_entrada() -> Value {
    json!({
        "cpfOperadorResponsavel": "11144477735",
        "dataCompra": "2026-03-10",
        "valorCompra": 35000.0,
        "emailEstabelecimento": "loja@revenda.example",
        "emailVendedor": "vendedor@example.com",
        "veiculo": {
            "codigoSegurancaCrv": "10293847561",
            "tipoCrv": "VERDE",
            "numeroCrv": "123456789012",
            "placa": "ABC1D23",
            "renavam": "01234567897",
            "quilometragemHodometro": 81234,
            "dataHoraMedicaoHodometro": "2026-03-10T09:00:00",
            "documentoProprietarioAtual": "52998224725",
            "tipoDocumentoProprietarioAtual": "CPF",
        },
    })
}

/// The same requests, in the same order, to a Renave-WS simulator on wiremock and to one
/// `sem_wiremock`: the same answers, success, errors, injected failures and bare 404 alike.
#[tokio::test]
async fn renave_ws_responde_como_no_wiremock() {
    let http = cliente();
    let mut vistos = Vec::new();
    for sem_wiremock in [false, true] {
        let sim = renave_ws(sem_wiremock).await;
        let u = sim.uri();
        let mut v = Vec::new();
        v.push(ver(http.get(format!("{u}/api/estoques")).send().await.unwrap()).await);
        v.push(
            ver(http
                .get(format!("{u}/renave-ws/api/cliente-autenticado"))
                .send()
                .await
                .unwrap())
            .await,
        );
        v.push(
            ver(http
                .get(format!("{u}/api/estoques/999999"))
                .send()
                .await
                .unwrap())
            .await,
        );
        v.push(
            ver(http
                .post(format!("{u}/api/solicitacoes-entrada-estoque"))
                .body("{")
                .send()
                .await
                .unwrap())
            .await,
        );
        v.push(
            ver(http
                .post(format!("{u}/api/solicitacoes-entrada-estoque"))
                .json(&corpo_entrada())
                .send()
                .await
                .unwrap())
            .await,
        );
        v.push(
            ver(http
                .get(format!("{u}/api/estoques?chassi=9BWAA05U6FP012345"))
                .send()
                .await
                .unwrap())
            .await,
        );
        v.push(ver(http.get(format!("{u}/fora-da-api")).send().await.unwrap()).await);
        sim.falhar_proximas(1, 429);
        v.push(ver(http.get(format!("{u}/api/estoques")).send().await.unwrap()).await);
        sim.falhar_proximas(1, 503);
        v.push(ver(http.get(format!("{u}/api/estoques")).send().await.unwrap()).await);
        assert_eq!(sim.requisicoes_recebidas().await.len(), v.len());
        vistos.push(v);
    }
    let (wiremock, simples) = (&vistos[0], &vistos[1]);
    assert_eq!(wiremock[4].status, 201, "{:?}", wiremock[4]);
    assert_eq!(wiremock[6].status, 404);
    assert_eq!(wiremock[7].retry_after.as_deref(), Some("1"));
    for (a, b) in wiremock.iter().zip(simples) {
        assert_eq!(a, b);
    }
}

/// The same for CET-MG: token, authenticated lookup, gateway refusals, injected 429.
#[tokio::test]
async fn cetmg_responde_como_no_wiremock() {
    let http = cliente();
    let mut vistos = Vec::new();
    for sem_wiremock in [false, true] {
        let b = SimuladorCetMg::builder().semente(3);
        let sim = if sem_wiremock {
            b.sem_wiremock().iniciar().await
        } else {
            b.iniciar().await
        };
        let u = format!("{}/api/veiculos/renave", sim.url());
        let r = http
            .post(format!("{u}/gerar-token"))
            .json(&json!({"consumer_key": CONSUMER_KEY_PADRAO, "consumer_secret": CONSUMER_SECRET_PADRAO}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        let token: Value = r.json().await.unwrap();
        let token = token["access_token"].as_str().unwrap().to_owned();
        let mut v = Vec::new();
        let cores = format!("{u}/tabelas-auxiliares/consultar-cores");
        v.push(ver(http.get(&cores).bearer_auth(&token).send().await.unwrap()).await);
        v.push(ver(http.get(&cores).send().await.unwrap()).await);
        v.push(ver(http.get(&cores).bearer_auth("outro").send().await.unwrap()).await);
        v.push(ver(http.get(format!("{u}/nao-existe")).send().await.unwrap()).await);
        v.push(
            ver(http
                .post(format!("{u}/gerar-token"))
                .json(&json!({"consumer_key": "x", "consumer_secret": "y"}))
                .send()
                .await
                .unwrap())
            .await,
        );
        sim.falhar_proximas(1, 500);
        v.push(ver(http.get(&cores).bearer_auth(&token).send().await.unwrap()).await);
        sim.falhar_proximas(1, 429);
        let mut limitado = ver(http.get(&cores).bearer_auth(&token).send().await.unwrap()).await;
        // `nextAccessTime` is the clock's: compare the rest.
        limitado.corpo["nextAccessTime"] = Value::Null;
        v.push(limitado);
        vistos.push(v);
    }
    let (wiremock, simples) = (&vistos[0], &vistos[1]);
    assert_eq!(wiremock[0].status, 200);
    assert_eq!(wiremock[6].retry_after.as_deref(), Some("1"));
    for (a, b) in wiremock.iter().zip(simples) {
        assert_eq!(a, b);
    }
}

/// A lost answer and the latency knob work the same: the POST executes, the client sees the
/// injected status; the answer waits for the latency (a lower bound only).
#[tokio::test]
async fn resposta_perdida_e_latencia_sem_wiremock() {
    let http = cliente();
    let sim = renave_ws(true).await;
    let u = sim.uri();
    sim.perder_proximas_respostas(1, RespostaPerdida::Status(504));
    let r = http
        .post(format!("{u}/api/solicitacoes-entrada-estoque"))
        .json(&corpo_entrada())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 504);
    let lista: Value = http
        .get(format!("{u}/api/estoques?chassi=9BWAA05U6FP012345"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        lista.as_array().map(Vec::len),
        Some(1),
        "the entrada executed"
    );

    sim.definir_latencia(Duration::from_millis(300));
    let inicio = Instant::now();
    let r = http.get(format!("{u}/api/estoques")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(inicio.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn historico_e_corpo_grande_demais_sem_wiremock() {
    let http = cliente();
    let sim = SimuladorCetMg::builder().sem_wiremock().iniciar().await;
    for i in 0..HISTORICO_PADRAO + 10 {
        http.get(format!("{}/x?n={i}", sim.url()))
            .send()
            .await
            .unwrap();
    }
    let recebidas = sim.requisicoes_recebidas().await;
    assert_eq!(recebidas.len(), HISTORICO_PADRAO);
    assert_eq!(recebidas[0].url.query(), Some("n=10"));

    // A body over 32 MiB is refused before it reaches the simulator (or its history).
    let r = http
        .post(format!("{}/api/veiculos/renave/gerar-token", sim.url()))
        .body(vec![b' '; 32 * 1024 * 1024 + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
    let recebidas = sim.requisicoes_recebidas().await;
    let ultima = format!("n={}", HISTORICO_PADRAO + 9);
    assert_eq!(recebidas.last().unwrap().url.query(), Some(ultima.as_str()));

    let sim = SimuladorRenaveWs::builder()
        .historico(Historico::Desligado)
        .sem_wiremock()
        .iniciar()
        .await;
    http.get(format!("{}/api/estoques", sim.uri()))
        .send()
        .await
        .unwrap();
    assert!(sim.requisicoes_recebidas().await.is_empty());
}

#[tokio::test]
#[should_panic(expected = "sem_wiremock")]
async fn sem_wiremock_nao_ha_servidor_para_sobreposicoes() {
    let sim = SimuladorRenaveWs::builder().sem_wiremock().iniciar().await;
    let _ = sim.servidor();
}

/// Dropping the simulator stops its server: the port stops accepting connections (polled for
/// up to 10 s).
#[tokio::test]
async fn para_ao_ser_descartado() {
    let sim = SimuladorCetMg::builder().sem_wiremock().iniciar().await;
    let endereco = sim.url().trim_start_matches("http://").to_owned();
    assert!(std::net::TcpStream::connect(&endereco).is_ok());
    drop(sim);
    let prazo = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(&endereco).is_ok() {
        assert!(Instant::now() < prazo, "still accepting after 10 s");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
