//! Gateway behaviour of the CET-MG simulator: tokens (R §5.1, decision D4), user-mounted
//! overrides, fault knobs, recorded requests, fixed listening address.

mod cetmg_comum;

use std::time::{Duration, Instant};

use base64::Engine as _;
use cetmg_comum::{Cliente, corpo_solicitacao, instalar_provedor_tls, ok, recusa, veiculo};
use renave_simulador::cetmg::{
    CNPJ_ESTABELECIMENTO, PRIORIDADE_SIMULADOR, RespostaPerdida, SimuladorCetMg,
};
use serde_json::{Value, json};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, ResponseTemplate};

const ROTA_SOLICITACAO: &str = "registrar-solicitacao-servico-transferencia-propriedade-veiculo";

fn aptidao(sim: &SimuladorCetMg) -> String {
    let v = veiculo(sim, "apto — automóvel");
    format!(
        "consultar-aptidao-veiculo-estoque/{}/{}/{CNPJ_ESTABELECIMENTO}",
        v.chassi.as_str(),
        v.proprietario.as_str()
    )
}

#[tokio::test]
async fn token_jwt_com_exp_expira_e_credenciais_erradas_sao_recusadas() {
    let sim = SimuladorCetMg::builder()
        .credenciais("chave", "segredo")
        .iniciar()
        .await;
    instalar_provedor_tls();
    let http = reqwest::Client::new();
    let url = format!("{}/api/veiculos/renave/gerar-token", sim.url());
    let errada = http
        .post(&url)
        .json(&json!({"consumer_key": "chave", "consumer_secret": "x"}))
        .send()
        .await
        .expect("send");
    assert_eq!(errada.status().as_u16(), 401);
    let corpo: Value = errada.json().await.expect("json");
    assert_eq!(corpo["code"], "900901");
    let incompleta = http
        .post(&url)
        .json(&json!({"consumer_key": "chave"}))
        .send()
        .await
        .expect("send");
    assert_eq!(incompleta.status().as_u16(), 400);

    let r: Value = http
        .post(&url)
        .json(&json!({"consumer_key": "chave", "consumer_secret": "segredo"}))
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(r["token_type"], "Bearer");
    assert_eq!(r["expires_in"], 3600);
    let token = r["access_token"].as_str().expect("token").to_owned();
    let partes: Vec<&str> = token.split('.').collect();
    assert_eq!(partes.len(), 3);
    let carga: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(partes[1])
            .expect("base64url"),
    )
    .expect("claims");
    let exp = carga["exp"].as_i64().expect("exp");
    let agora = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs(),
    )
    .expect("i64");
    assert!(
        (agora + 3500..=agora + 3700).contains(&exp),
        "exp {exp} now {agora}"
    );

    let c = Cliente {
        http: http.clone(),
        base: format!("{}/api/veiculos/renave/", sim.url()),
        token,
    };
    ok(&c.get(&aptidao(&sim)).await);
    // No header → 900902; unknown token → 900901; expired → 900901.
    let sem = http
        .get(format!("{}{}", c.base, aptidao(&sim)))
        .send()
        .await
        .expect("send");
    assert_eq!(sem.status().as_u16(), 401);
    assert_eq!(sem.json::<Value>().await.expect("json")["code"], "900902");
    let falso = Cliente {
        http: http.clone(),
        base: c.base.clone(),
        token: "a.b.c".into(),
    };
    let r = falso.get(&aptidao(&sim)).await;
    assert_eq!((r.0, r.1["code"].as_str()), (401, Some("900901")));
    sim.expirar_tokens();
    let r = c.get(&aptidao(&sim)).await;
    assert_eq!(r.0, 401);
    assert_eq!(r.1["code"], "900901");
    assert_eq!(r.1["message"], "Invalid Credentials");
}

#[tokio::test]
async fn token_com_validade_curta_expira_sozinho() {
    let sim = SimuladorCetMg::builder()
        .validade_token(Duration::from_secs(1))
        .iniciar()
        .await;
    let c = Cliente::novo(&sim).await;
    ok(&c.get(&aptidao(&sim)).await);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(c.get(&aptidao(&sim)).await.0, 401);
}

#[tokio::test]
async fn rota_desconhecida_responde_900906() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    let r = c.get("nao-existe").await;
    assert_eq!((r.0, r.1["code"].as_str()), (404, Some("900906")));
    // Wrong method on a known path.
    let r = c.get(ROTA_SOLICITACAO).await;
    assert_eq!(r.0, 404);
}

#[tokio::test]
async fn mock_do_usuario_com_prioridade_maior_sobrepoe_uma_operacao() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    Mock::given(method("GET"))
        .and(path_regex(
            "^/api/veiculos/renave/consultar-aptidao-veiculo-estoque/.*$",
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"codigo_retorno": "999", "mensagem_retorno": "sobreposto"})),
        )
        .with_priority(PRIORIDADE_SIMULADOR - 1)
        .mount(sim.servidor())
        .await;
    let r = c.get(&aptidao(&sim)).await;
    assert_eq!(r.1["mensagem_retorno"], "sobreposto");
    // The other operations stay stateful.
    let v = veiculo(&sim, "apto — automóvel");
    ok(&c
        .post(
            ROTA_SOLICITACAO,
            &corpo_solicitacao(&v, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await);
    recusa(
        &c.post(
            ROTA_SOLICITACAO,
            &corpo_solicitacao(&v, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await,
        "102",
    );
}

#[tokio::test]
async fn falhas_injetadas_nas_proximas_requisicoes_e_429_com_retry_after() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    sim.falhar_proximas(2, 503);
    assert_eq!(c.get(&aptidao(&sim)).await.0, 503);
    let r = c.get(&aptidao(&sim)).await;
    assert_eq!((r.0, r.1["codigo_retorno"].as_str()), (503, Some("500")));
    ok(&c.get(&aptidao(&sim)).await);

    sim.falhar_proximas(1, 429);
    let resp = c
        .http
        .get(format!("{}{}", c.base, aptidao(&sim)))
        .bearer_auth(&c.token)
        .send()
        .await
        .expect("send");
    assert_eq!(resp.status().as_u16(), 429);
    assert_eq!(
        resp.headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("1")
    );
    assert_eq!(resp.json::<Value>().await.expect("json")["code"], "900800");
    ok(&c.get(&aptidao(&sim)).await);

    // A status that is not an error is taken as 500.
    sim.falhar_proximas(1, 200);
    assert_eq!(c.get(&aptidao(&sim)).await.0, 500);
}

#[tokio::test]
async fn taxa_de_falhas_semeada_e_limpar_falhas() {
    let sim = SimuladorCetMg::builder().semente(42).iniciar().await;
    let c = Cliente::novo(&sim).await;
    sim.definir_taxa_de_falhas(1.0, 502, 42);
    for _ in 0..3 {
        assert_eq!(c.get(&aptidao(&sim)).await.0, 502);
    }
    sim.definir_taxa_de_falhas(0.5, 502, 42);
    let mut falhas = 0;
    for _ in 0..40 {
        if c.get(&aptidao(&sim)).await.0 == 502 {
            falhas += 1;
        }
    }
    assert!((5..=35).contains(&falhas), "{falhas} of 40");
    sim.limpar_falhas();
    for _ in 0..5 {
        ok(&c.get(&aptidao(&sim)).await);
    }
}

#[tokio::test]
async fn resposta_perdida_apos_post_bem_sucedido_muda_o_estado() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    let v = veiculo(&sim, "apto — automóvel");
    sim.perder_proximas_respostas(1, RespostaPerdida::Status(504));
    // Lookups are not affected: only a successful POST loses its answer.
    ok(&c.get(&aptidao(&sim)).await);
    let r = c
        .post(
            ROTA_SOLICITACAO,
            &corpo_solicitacao(&v, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await;
    assert_eq!(r.0, 504);
    assert_eq!(r.1["code"], "101504");
    // The solicitação exists: registering again is refused, the lookup finds it.
    recusa(
        &c.post(
            ROTA_SOLICITACAO,
            &corpo_solicitacao(&v, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await,
        "102",
    );
    let consulta = c
        .get(&format!(
            "consultar-solicitacao-servico-transferencia-propriedade-veiculo?chassi={}&cpf_cnpj_proprietario={}&cpf_cnpj_estabelecimento={CNPJ_ESTABELECIMENTO}",
            v.chassi.as_str(),
            v.proprietario.as_str()
        ))
        .await;
    assert_eq!(ok(&consulta)["tipo_solicitacao"], "ENTRADA");
}

#[tokio::test]
async fn resposta_perdida_por_atraso_chega_tarde_com_o_estado_mudado() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    let v = veiculo(&sim, "apto — automóvel");
    sim.perder_proximas_respostas(1, RespostaPerdida::Atraso(Duration::from_millis(300)));
    // Lookups are not affected.
    let inicio = Instant::now();
    ok(&c.get(&aptidao(&sim)).await);
    assert!(inicio.elapsed() < Duration::from_millis(300));
    let inicio = Instant::now();
    let r = c
        .post(
            ROTA_SOLICITACAO,
            &corpo_solicitacao(&v, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await;
    assert!(inicio.elapsed() >= Duration::from_millis(300));
    ok(&r);
    // Only one answer was delayed; the solicitação exists.
    let inicio = Instant::now();
    recusa(
        &c.post(
            ROTA_SOLICITACAO,
            &corpo_solicitacao(&v, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await,
        "102",
    );
    assert!(inicio.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn latencia_atrasa_cada_resposta() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    sim.definir_latencia(Duration::from_millis(300));
    let inicio = Instant::now();
    ok(&c.get(&aptidao(&sim)).await);
    assert!(inicio.elapsed() >= Duration::from_millis(300));
    sim.definir_latencia(Duration::ZERO);
    let inicio = Instant::now();
    ok(&c.get(&aptidao(&sim)).await);
    assert!(inicio.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn requisicoes_recebidas_e_endereco_fixo() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let porta = listener.local_addr().expect("addr").port();
    let sim = SimuladorCetMg::builder().listener(listener).iniciar().await;
    assert_eq!(sim.url(), format!("http://127.0.0.1:{porta}"));
    let c = Cliente::novo(&sim).await;
    ok(&c.get(&aptidao(&sim)).await);
    let recebidas = sim.requisicoes_recebidas().await;
    assert_eq!(recebidas.len(), 2);
    assert_eq!(recebidas[0].url.path(), "/api/veiculos/renave/gerar-token");
    assert!(recebidas[1].headers.get("authorization").is_some());
    // The registry is listable: 2 apto, 11 non-apto, 2 in stock.
    let veiculos = sim.veiculos();
    assert_eq!(veiculos.len(), 15);
    assert_eq!(
        veiculos.iter().filter(|v| v.impedimento.is_some()).count(),
        11
    );
    assert_eq!(
        veiculos.iter().filter(|v| v.id_estoque.is_some()).count(),
        2
    );
}

#[tokio::test]
async fn corpos_malformados_dao_400_em_cada_post() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    for rota in [
        ROTA_SOLICITACAO,
        "registrar-comunicacao-venda-entrada-estoque",
        "registrar-comunicacao-venda-saida-estoque",
        "portal-transito/emitir-guia-dae",
        "vistoria/distribuir",
        "agenda-minas/gravar-agendamento",
        "protocolo-digital/criar-processo-transferencia",
        "protocolo-digital/regularizar-pendencia-renave",
        "protocolo-digital/upload-documento-ficha-cadastro-renave",
    ] {
        for corpo in [
            json!([]),
            json!({}),
            json!("texto"),
            json!({"chassi": 1, "placa": null}),
        ] {
            let r = c.post(rota, &corpo).await;
            assert_eq!(r.0, 400, "{rota} {corpo} → {}", r.1);
            assert_eq!(r.1["codigo_retorno"], "400");
        }
        let r = c
            .http
            .post(format!("{}{rota}", c.base))
            .bearer_auth(&c.token)
            .body("{não é json")
            .send()
            .await
            .expect("send");
        assert_eq!(r.status().as_u16(), 400, "{rota}");
    }
}

/// No secret in `Debug`: the builder shows the consumer key but not the consumer secret, and the
/// running simulator shows neither nor any token it minted.
#[tokio::test]
async fn debug_nao_mostra_segredo_nem_token() {
    instalar_provedor_tls();
    let construtor =
        SimuladorCetMg::builder().credenciais("chave-visivel", "segredo-muito-secreto");
    let texto = format!("{construtor:?}");
    assert!(texto.contains("chave-visivel"), "{texto}");
    assert!(!texto.contains("segredo-muito-secreto"), "{texto}");
    let sim = construtor.iniciar().await;
    let resposta = reqwest::Client::new()
        .post(format!("{}/api/veiculos/renave/gerar-token", sim.url()))
        .json(&json!({"consumer_key": "chave-visivel", "consumer_secret": "segredo-muito-secreto"}))
        .send()
        .await
        .expect("token request");
    let corpo: Value = resposta.json().await.expect("token body");
    let token = corpo["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned();
    let texto = format!("{sim:?}");
    assert!(!texto.contains("segredo-muito-secreto"), "{texto}");
    assert!(!texto.contains(&token), "{texto}");
}
