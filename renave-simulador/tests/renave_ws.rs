//! Contract tests of the Renave-WS simulator, over plain HTTP with reqwest, as a client would
//! use it (`renave-ws.md` §2, §3.5, §7).

use std::time::{Duration, Instant};

use base64::Engine as _;
use renave_domain::{EstadoEstoque, Placa};
use renave_simulador::renave_ws::{OPERACOES, RespostaPerdida, SimuladorRenaveWs};
use renave_simulador::{CARRO_APTO, CPF_OPERADOR, CPF_VENDEDOR_CARRO, EM_ESTOQUE};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

type Resultado = Result<(), Box<dyn std::error::Error>>;

const CARRO_PLACA: &str = CARRO_APTO.placa;
const CARRO_RENAVAM: &str = CARRO_APTO.renavam;
const CARRO_CHASSI: &str = CARRO_APTO.chassi;
const CARRO_CODIGO: &str = "10293847561";
const CARRO_DONO: &str = CPF_VENDEDOR_CARRO;
const COROLLA_PLACA: &str = EM_ESTOQUE.placa;
const COROLLA_RENAVAM: &str = EM_ESTOQUE.renavam;
const COROLLA_CODIGO: &str = "66778899001";
const CHAVE_COMPRA: &str = "31261111222333000181550010000000011123456718";
const CHAVE_VENDA: &str = "31261111222333000181550010000000021123456723";

/// reqwest is built without a default TLS provider in this workspace: install ring's (plain
/// HTTP is used, but the client builder still wants one).
fn instalar_provedor() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

fn cliente() -> reqwest::Client {
    instalar_provedor();
    reqwest::Client::new()
}

async fn simulador() -> SimuladorRenaveWs {
    SimuladorRenaveWs::builder()
        .tempo_real(false)
        .iniciar()
        .await
}

async fn get(sim: &SimuladorRenaveWs, caminho: &str) -> Result<(u16, Value), reqwest::Error> {
    let r = cliente()
        .get(format!("{}{caminho}", sim.uri()))
        .send()
        .await?;
    let status = r.status().as_u16();
    let texto = r.text().await?;
    Ok((status, serde_json::from_str(&texto).unwrap_or(Value::Null)))
}

async fn post(
    sim: &SimuladorRenaveWs,
    caminho: &str,
    corpo: &Value,
) -> Result<(u16, Value), reqwest::Error> {
    let r = cliente()
        .post(format!("{}{caminho}", sim.uri()))
        .json(corpo)
        .send()
        .await?;
    let status = r.status().as_u16();
    let texto = r.text().await?;
    Ok((status, serde_json::from_str(&texto).unwrap_or(Value::Null)))
}

fn pdf(v: &Value) -> Vec<u8> {
    v.as_str()
        .and_then(|s| base64::engine::general_purpose::STANDARD.decode(s).ok())
        .unwrap_or_default()
}

fn data_hora(sim: &SimuladorRenaveWs) -> String {
    sim.agora().to_string()
}

fn data(sim: &SimuladorRenaveWs) -> String {
    sim.agora().data().to_string()
}

fn corpo_entrada(sim: &SimuladorRenaveWs) -> Value {
    json!({
        "cpfOperadorResponsavel": CPF_OPERADOR,
        "dataCompra": data(sim),
        "valorCompra": 35000.0,
        "emailEstabelecimento": "loja@revenda.example",
        "emailVendedor": "vendedor@example.com",
        "veiculo": {
            "codigoSegurancaCrv": CARRO_CODIGO,
            "tipoCrv": "VERDE",
            "numeroCrv": "123456789012",
            "placa": CARRO_PLACA,
            "renavam": CARRO_RENAVAM,
            "quilometragemHodometro": 81234,
            "dataHoraMedicaoHodometro": data_hora(sim),
            "documentoProprietarioAtual": CARRO_DONO,
            "tipoDocumentoProprietarioAtual": "CPF",
        },
    })
}

fn comprador() -> Value {
    json!({
        "tipoDocumento": "CPF",
        "numeroDocumento": "12345678909",
        "nome": "COMPRADOR DE TESTE",
        "email": "comprador@example.com",
        "endereco": {
            "codigoMunicipio": 4123,
            "cep": "30130010",
            "logradouro": "RUA DA BAHIA",
            "numero": "100",
            "bairro": "CENTRO",
        },
    })
}

fn corpo_saida(sim: &SimuladorRenaveWs, placa: &str, renavam: &str, codigo: Option<&str>) -> Value {
    let mut veiculo = json!({ "placa": placa, "renavam": renavam });
    if let (Some(c), Value::Object(m)) = (codigo, &mut veiculo) {
        m.insert("codigoSegurancaCrv".into(), json!(c));
    }
    json!({
        "dataVenda": data(sim),
        "valorVenda": 42000.0,
        "cpfOperadorResponsavel": CPF_OPERADOR,
        "emailEstabelecimento": "loja@revenda.example",
        "comprador": comprador(),
        "veiculo": veiculo,
    })
}

fn assinatura(id: i64) -> Value {
    json!({
        "idEstoque": id,
        "envioAssinaturaProprioPunhoAtpve": {
            "fotoAtpveAssinadoDeProprioPunhoBase64": base64::engine::general_purpose::STANDARD.encode(b"foto assinada"),
        },
    })
}

/// Entrada + signature + NF COMPRA for the seeded car; returns the stock id.
async fn entrada_assinada(sim: &SimuladorRenaveWs) -> Result<i64, Box<dyn std::error::Error>> {
    let (st, est) = post(
        sim,
        "/api/solicitacoes-entrada-estoque",
        &corpo_entrada(sim),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    let id = est["id"].as_i64().ok_or("sem id")?;
    let (st, _) = post(sim, "/api/atpv-assinatura-vendedor", &assinatura(id)).await?;
    assert_eq!(st, 200);
    let nf = json!({ "chaveNotaFiscal": CHAVE_COMPRA, "evento": "COMPRA", "idEstoque": id });
    let (st, _) = post(sim, "/api/notas-fiscais", &nf).await?;
    assert_eq!(st, 200);
    Ok(id)
}

fn assert_erro_serpro(corpo: &Value, titulo: &str, trecho: &str) {
    assert_eq!(corpo["titulo"], titulo, "{corpo}");
    let detalhe = corpo["detalhe"].as_str().unwrap_or_default();
    assert!(
        detalhe.contains(trecho),
        "{detalhe:?} should contain {trecho:?}"
    );
    let dh = corpo["dataHora"].as_str().unwrap_or_default();
    assert_eq!(dh.len(), 19, "naive date-time without zone: {dh}");
    assert!(!dh.ends_with('Z'));
}

// ------------------------------------------------------------------------------------------

#[tokio::test]
async fn fluxo_completo_de_usado_entrada_assinatura_nf_transferido_confirmado_saida() -> Resultado {
    let sim = simulador().await;
    let (st, est) = post(
        &sim,
        "/api/solicitacoes-entrada-estoque",
        &corpo_entrada(&sim),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["estado"], "SOLICITADO");
    assert_eq!(est["chassi"], CARRO_CHASSI);
    let id = est["id"].as_i64().ok_or("sem id")?;
    assert!(est["entradaEstoque"]["numeroTermoEntradaEstoque"].is_i64());

    // The sale intention exists: the blank ATPV-e can be downloaded.
    let (st, atpv) = get(&sim, &format!("/api/pdf-atpv?chassi={CARRO_CHASSI}")).await?;
    assert_eq!(st, 200, "{atpv}");
    assert!(pdf(&atpv["pdfAtpvBase64"]).starts_with(b"%PDF-"));
    assert!(!atpv["numeroAtpv"].as_str().unwrap_or_default().is_empty());

    // TEE only after the seller signature.
    let (st, erro) = get(&sim, &format!("/api/estoques/{id}/termo-entrada-estoque")).await?;
    assert_eq!(st, 422);
    assert_erro_serpro(&erro, "Erro de negócio", "assinatura do ATPV");

    let (st, _) = post(&sim, "/api/atpv-assinatura-vendedor", &assinatura(id)).await?;
    assert_eq!(st, 200);
    // Signature alone does not start Detran.
    sim.avancar_relogio(Duration::from_secs(3600));
    assert_eq!(sim.estado_estoque(id), Some(EstadoEstoque::Solicitado));

    let nf = json!({ "chaveNotaFiscal": CHAVE_COMPRA, "evento": "COMPRA", "idEstoque": id });
    let (st, _) = post(&sim, "/api/notas-fiscais", &nf).await?;
    assert_eq!(st, 200);
    let (_, est) = get(&sim, &format!("/api/estoques/{id}")).await?;
    assert_eq!(est["estado"], "SOLICITADO");
    assert_eq!(
        est["entradaEstoque"]["chaveNotaFiscalEntrada"],
        CHAVE_COMPRA
    );

    sim.avancar_relogio(Duration::from_secs(61));
    let (_, est) = get(&sim, &format!("/api/estoques/{id}")).await?;
    assert_eq!(est["estado"], "TRANSFERIDO");

    sim.avancar_relogio(Duration::from_secs(4 * 60));
    let (_, est) = get(&sim, &format!("/api/estoques/{id}")).await?;
    assert_eq!(est["estado"], "CONFIRMADO");

    let (st, tee) = get(&sim, &format!("/api/estoques/{id}/termo-entrada-estoque")).await?;
    assert_eq!(st, 200);
    assert!(pdf(&tee["pdfBase64"]).starts_with(b"%PDF-"));

    // The CRV was re-issued: the new security code is inside the CRLV-e PDF.
    let (st, crlve) = get(&sim, &format!("/api/crlve/{CARRO_PLACA}/{CARRO_RENAVAM}")).await?;
    assert_eq!(st, 200, "{crlve}");
    assert!(pdf(&crlve["pdfBase64"]).starts_with(b"%PDF-"));
    let pdf_codigo =
        String::from_utf8_lossy(&pdf(&crlve["pdfCodigoSegurancaCrvBase64"])).into_owned();
    assert!(pdf_codigo.starts_with("%PDF-"));
    let novo = sim
        .codigo_seguranca_crv_atual(&Placa::parse(CARRO_PLACA)?)
        .ok_or("sem código")?;
    assert_ne!(novo.as_str(), CARRO_CODIGO);
    assert!(pdf_codigo.contains(&format!("Codigo de seguranca do CRV: {}", novo.as_str())));

    // Saída with the old code is refused, with the new one accepted.
    let (st, erro) = post(
        &sim,
        "/api/solicitacoes-saida-estoque",
        &corpo_saida(&sim, CARRO_PLACA, CARRO_RENAVAM, Some(CARRO_CODIGO)),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro_serpro(
        &erro,
        "Erro de negócio",
        "Código de segurança do CRV inválido",
    );
    let (st, saida) = post(
        &sim,
        "/api/solicitacoes-saida-estoque",
        &corpo_saida(&sim, CARRO_PLACA, CARRO_RENAVAM, Some(novo.as_str())),
    )
    .await?;
    assert_eq!(st, 201, "{saida}");
    assert_eq!(saida["estado"], "FINALIZADO");
    assert_eq!(saida["saidaEstoque"]["motivo"], "VENDA");
    assert_eq!(
        saida["saidaEstoque"]["comprador"]["endereco"]["municipio"]["nome"],
        "BELO HORIZONTE"
    );

    // NF VENDA after the saída; sale ATPV-e generated by RENAVE; TSE.
    let nf = json!({ "chaveNotaFiscal": CHAVE_VENDA, "evento": "VENDA", "idEstoque": id });
    let (st, _) = post(&sim, "/api/notas-fiscais", &nf).await?;
    assert_eq!(st, 200);
    let (st, atpv) = get(
        &sim,
        &format!("/api/pdf-atpv/{CARRO_PLACA}/{CARRO_RENAVAM}"),
    )
    .await?;
    assert_eq!(st, 200);
    assert!(
        String::from_utf8_lossy(&pdf(&atpv["pdfAtpvBase64"]))
            .contains("Documento gerado pelo RENAVE")
    );
    let (st, tse) = get(&sim, &format!("/api/estoques/{id}/termo-saida-estoque")).await?;
    assert_eq!(st, 200);
    assert!(pdf(&tse["pdfBase64"]).starts_with(b"%PDF-"));
    Ok(())
}

#[tokio::test]
async fn saida_antes_de_confirmado_e_recusada_com_422() -> Resultado {
    let sim = simulador().await;
    let _ = entrada_assinada(&sim).await?;
    let (st, erro) = post(
        &sim,
        "/api/solicitacoes-saida-estoque",
        &corpo_saida(&sim, CARRO_PLACA, CARRO_RENAVAM, Some(CARRO_CODIGO)),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro_serpro(
        &erro,
        "Erro de negócio",
        "Veículo deve estar em estoque (CONFIRMADO)",
    );
    assert!(
        erro["mensagemParaUsuarioFinal"]
            .as_str()
            .unwrap_or_default()
            .contains("Solicitado")
    );
    assert!(erro.get("logIdRastreabilidade").is_none());
    // E22 says the same.
    let (st, _) = get(&sim, &format!("/api/veiculos?chassi={CARRO_CHASSI}")).await?;
    assert_eq!(st, 422);
    Ok(())
}

#[tokio::test]
async fn saida_sem_codigo_do_crv_e_recusada_com_400() -> Resultado {
    let sim = simulador().await;
    let (st, erro) = post(
        &sim,
        "/api/solicitacoes-saida-estoque",
        &corpo_saida(&sim, COROLLA_PLACA, COROLLA_RENAVAM, None),
    )
    .await?;
    assert_eq!(st, 400);
    assert_erro_serpro(
        &erro,
        "Requisição inválida",
        "Código de segurança do CRV é obrigatório",
    );
    // Nothing changed.
    assert_eq!(sim.estado_estoque(1000), Some(EstadoEstoque::Confirmado));
    Ok(())
}

#[tokio::test]
async fn campos_obrigatorios_e_datas_em_utc_dao_400() -> Resultado {
    let sim = simulador().await;
    let mut corpo = corpo_entrada(&sim);
    if let Value::Object(m) = &mut corpo {
        m.remove("emailVendedor");
    }
    let (st, erro) = post(&sim, "/api/solicitacoes-entrada-estoque", &corpo).await?;
    assert_eq!(st, 400);
    assert_erro_serpro(
        &erro,
        "Requisição inválida",
        "E-mail do vendedor é obrigatório",
    );

    let mut corpo = corpo_entrada(&sim);
    corpo["veiculo"]["dataHoraMedicaoHodometro"] = json!(format!("{}Z", data_hora(&sim)));
    let (st, erro) = post(&sim, "/api/solicitacoes-entrada-estoque", &corpo).await?;
    assert_eq!(st, 400, "{erro}");

    let mut corpo = corpo_saida(&sim, COROLLA_PLACA, COROLLA_RENAVAM, Some(COROLLA_CODIGO));
    corpo["comprador"]["endereco"]["bairro"] = json!("BAIRRO COM NOME MUITO COMPRIDO");
    let (st, erro) = post(&sim, "/api/solicitacoes-saida-estoque", &corpo).await?;
    assert_eq!(st, 400);
    assert_erro_serpro(
        &erro,
        "Requisição inválida",
        "Bairro deve conter no máximo 20 caracteres",
    );

    let (st, erro) = post(
        &sim,
        "/api/autorizacoes-transferencias-veiculo-zero-km",
        &json!({ "cpfOperadorResponsavel": CPF_OPERADOR }),
    )
    .await?;
    assert_eq!(st, 400);
    assert_erro_serpro(
        &erro,
        "Requisição inválida",
        "ID do estoque não pode estar em branco",
    );
    Ok(())
}

#[tokio::test]
async fn cancelar_saida_cria_estoque_com_novo_id() -> Resultado {
    let sim = simulador().await;
    let (st, saida) = post(
        &sim,
        "/api/solicitacoes-saida-estoque",
        &corpo_saida(&sim, COROLLA_PLACA, COROLLA_RENAVAM, Some(COROLLA_CODIGO)),
    )
    .await?;
    assert_eq!(st, 201, "{saida}");
    let cancelamento = json!({
        "idEstoque": 1000,
        "dataCancelamentoSaidaEstoque": data(&sim),
        "cpfOperadorResponsavel": CPF_OPERADOR,
    });
    let (st, antigo) = post(
        &sim,
        "/api/solicitacoes-cancelamento-saida-estoque",
        &cancelamento,
    )
    .await?;
    assert_eq!(st, 201, "{antigo}");
    let novo =
        antigo["saidaEstoque"]["cancelamentoSaidaEstoque"]["idEstoqueGeradoNoCancelamentoSaida"]
            .as_i64()
            .ok_or("sem novo id")?;
    assert_ne!(novo, 1000);
    let (st, est) = get(&sim, &format!("/api/estoques/{novo}")).await?;
    assert_eq!(st, 200);
    assert_eq!(est["estado"], "CONFIRMADO");
    assert_eq!(est["origemPorCancelamentoEstoque"]["idEstoqueOrigem"], 1000);
    // A second cancellation is refused.
    let (st, _) = post(
        &sim,
        "/api/solicitacoes-cancelamento-saida-estoque",
        &cancelamento,
    )
    .await?;
    assert_eq!(st, 422);
    Ok(())
}

#[tokio::test]
async fn cancelar_saida_depois_da_transferencia_ao_comprador_e_recusado() -> Resultado {
    let sim = simulador().await;
    let (st, _) = post(
        &sim,
        "/api/solicitacoes-saida-estoque",
        &corpo_saida(&sim, COROLLA_PLACA, COROLLA_RENAVAM, Some(COROLLA_CODIGO)),
    )
    .await?;
    assert_eq!(st, 201);
    sim.avancar_relogio(Duration::from_secs(25 * 3600));
    let cancelamento = json!({
        "idEstoque": 1000,
        "dataCancelamentoSaidaEstoque": data(&sim),
        "cpfOperadorResponsavel": CPF_OPERADOR,
    });
    let (st, erro) = post(
        &sim,
        "/api/solicitacoes-cancelamento-saida-estoque",
        &cancelamento,
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro_serpro(&erro, "Erro de negócio", "já transferiu");
    Ok(())
}

#[tokio::test]
async fn mock_do_usuario_com_prioridade_sobrepoe_uma_operacao_e_o_resto_segue_com_estado()
-> Resultado {
    let sim = simulador().await;
    Mock::given(method("GET"))
        .and(path("/api/cliente-autenticado"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "cnpj": "33444555000181", "nome": "SOBREPOSTO" })),
        )
        .with_priority(1)
        .mount(sim.servidor())
        .await;
    let (st, cliente) = get(&sim, "/api/cliente-autenticado").await?;
    assert_eq!(st, 200);
    assert_eq!(cliente["nome"], "SOBREPOSTO");

    let (st, est) = post(
        &sim,
        "/api/solicitacoes-entrada-estoque",
        &corpo_entrada(&sim),
    )
    .await?;
    assert_eq!(st, 201);
    let (st, lista) = get(&sim, &format!("/api/estoques?chassi={CARRO_CHASSI}")).await?;
    assert_eq!(st, 200);
    assert_eq!(lista.as_array().map(Vec::len), Some(1));
    assert_eq!(lista[0]["id"], est["id"]);

    let recebidas = sim.requisicoes_recebidas().await;
    let caminhos: Vec<String> = recebidas.iter().map(|r| r.url.path().to_owned()).collect();
    assert_eq!(
        caminhos,
        [
            "/api/cliente-autenticado",
            "/api/solicitacoes-entrada-estoque",
            "/api/estoques"
        ]
    );
    let corpo: Value = recebidas.get(1).ok_or("sem requisição")?.body_json()?;
    assert_eq!(corpo["veiculo"]["placa"], CARRO_PLACA);
    Ok(())
}

#[tokio::test]
async fn latencia_atrasa_as_respostas() -> Resultado {
    let sim = simulador().await;
    sim.definir_latencia(Duration::from_secs(1));
    let inicio = Instant::now();
    let (st, _) = get(&sim, "/api/cliente-autenticado").await?;
    assert_eq!(st, 200);
    assert!(inicio.elapsed() >= Duration::from_secs(1));
    sim.limpar_falhas();
    let inicio = Instant::now();
    let (st, _) = get(&sim, "/api/cliente-autenticado").await?;
    assert_eq!(st, 200);
    // A local answer without the knob takes milliseconds, far below the removed second.
    assert!(inicio.elapsed() < Duration::from_secs(1));
    Ok(())
}

#[tokio::test]
async fn falhas_deterministicas_nas_proximas_requisicoes() -> Resultado {
    let sim = simulador().await;
    sim.falhar_proximas(2, 503);
    sim.falhar_proximas(1, 429);
    sim.falhar_proximas(1, 500);
    let url = format!("{}/api/cliente-autenticado", sim.uri());
    for _ in 0..2 {
        let r = cliente().get(&url).send().await?;
        assert_eq!(r.status().as_u16(), 503);
        assert!(r.text().await?.contains("<html>"));
    }
    let r = cliente().get(&url).send().await?;
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(
        r.headers().get("retry-after").and_then(|v| v.to_str().ok()),
        Some("1")
    );
    let (st, erro) = get(&sim, "/api/cliente-autenticado").await?;
    assert_eq!(st, 500);
    assert_eq!(erro["titulo"], "Erro no servidor");
    assert!(
        !erro["logIdRastreabilidade"]
            .as_str()
            .unwrap_or_default()
            .is_empty()
    );
    let (st, _) = get(&sim, "/api/cliente-autenticado").await?;
    assert_eq!(st, 200);

    // 401 from the security layer, in Spring's default shape.
    sim.falhar_proximas(1, 401);
    let (st, erro) = get(&sim, "/renave-ws/api/estoques").await?;
    assert_eq!(st, 401);
    assert_eq!(erro["message"], "No message available");
    assert_eq!(erro["path"], "/renave-ws/api/estoques");

    // An injected failure on a POST changes nothing.
    sim.falhar_proximas(1, 502);
    let (st, _) = post(
        &sim,
        "/api/solicitacoes-entrada-estoque",
        &corpo_entrada(&sim),
    )
    .await?;
    assert_eq!(st, 502);
    let (_, lista) = get(&sim, &format!("/api/estoques?chassi={CARRO_CHASSI}")).await?;
    assert_eq!(lista, json!([]));
    Ok(())
}

async fn sequencia_de_status(semente: u64) -> Result<Vec<u16>, Box<dyn std::error::Error>> {
    let sim = simulador().await;
    sim.definir_taxa_de_falhas(0.5, 503, semente);
    let mut v = Vec::new();
    for _ in 0..20 {
        v.push(get(&sim, "/api/cliente-autenticado").await?.0);
    }
    Ok(v)
}

#[tokio::test]
async fn taxa_de_falhas_semeada_e_reprodutivel() -> Resultado {
    let a = sequencia_de_status(42).await?;
    let b = sequencia_de_status(42).await?;
    assert_eq!(a, b);
    let falhas = a.iter().filter(|s| **s == 503).count();
    assert!((1..20).contains(&falhas), "{a:?}");
    assert!(a.iter().all(|s| *s == 503 || *s == 200));
    Ok(())
}

#[tokio::test]
async fn resposta_perdida_depois_de_post_bem_sucedido_muda_o_estado() -> Resultado {
    let sim = simulador().await;
    sim.perder_proximas_respostas(1, RespostaPerdida::Status(504));
    let (st, _) = post(
        &sim,
        "/api/solicitacoes-entrada-estoque",
        &corpo_entrada(&sim),
    )
    .await?;
    assert_eq!(st, 504);
    // The stock exists (recovery by chassi, §7.6)…
    let (_, lista) = get(&sim, &format!("/api/estoques?chassi={CARRO_CHASSI}")).await?;
    assert_eq!(lista[0]["estado"], "SOLICITADO");
    // …and a naive retry collides with it.
    let (st, erro) = post(
        &sim,
        "/api/solicitacoes-entrada-estoque",
        &corpo_entrada(&sim),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro_serpro(&erro, "Erro de negócio", "possui um estoque ativo");
    Ok(())
}

#[tokio::test]
async fn resposta_perdida_por_atraso_aparece_como_timeout() -> Resultado {
    let sim = simulador().await;
    sim.perder_proximas_respostas(1, RespostaPerdida::Atraso(Duration::from_secs(3)));
    instalar_provedor();
    let cliente_curto = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()?;
    let r = cliente_curto
        .post(format!("{}/api/solicitacoes-entrada-estoque", sim.uri()))
        .json(&corpo_entrada(&sim))
        .send()
        .await;
    assert!(r.is_err_and(|e| e.is_timeout()));
    let (_, lista) = get(&sim, &format!("/api/estoques?chassi={CARRO_CHASSI}")).await?;
    assert_eq!(lista.as_array().map(Vec::len), Some(1));
    Ok(())
}

#[tokio::test]
async fn as_47_rotas_respondem_e_nao_com_o_404_padrao_do_wiremock() -> Resultado {
    let sim = simulador().await;
    assert_eq!(OPERACOES.len(), 47);
    let query = format!(
        "?tipoCrv=DIGITAL&placa={COROLLA_PLACA}&renavam={COROLLA_RENAVAM}&chassi=9BRBD3HE0L0123456"
    );
    for o in OPERACOES {
        let (metodo, nome) = (o.metodo, o.nome);
        let caminho = o
            .caminho
            .replace("{placa}", COROLLA_PLACA)
            .replace("{renavam}", COROLLA_RENAVAM)
            .replace("{idEstoque}", "1000")
            .replace("{idAtpv}", "999999");
        let (st, corpo) = if metodo == "GET" {
            get(&sim, &format!("{caminho}{query}")).await?
        } else {
            post(&sim, &caminho, &json!({})).await?
        };
        if nome == "obter_atpv_por_id" {
            // An unknown ATPV-e id: a SERPRO 404, not wiremock's empty one.
            assert_eq!(st, 404);
            assert_eq!(corpo["titulo"], "Não encontrado");
            continue;
        }
        assert!(
            ![404, 405, 500].contains(&st),
            "{metodo} {caminho} ({nome}) → {st} {corpo}"
        );
        if metodo == "POST" {
            assert_eq!(st, 400, "{nome}: an empty body misses required fields");
            assert_eq!(corpo["titulo"], "Requisição inválida", "{nome}");
        } else {
            assert!([200, 422].contains(&st), "{nome} → {st}");
        }
    }
    // An unknown route gets a SERPRO-shaped 404; a known path with another method a 405.
    let (st, corpo) = get(&sim, "/api/nao-existe").await?;
    assert_eq!(st, 404);
    assert_eq!(corpo["titulo"], "Não encontrado");
    let (st, _) = post(&sim, "/api/cliente-autenticado", &json!({})).await?;
    assert_eq!(st, 405);
    // The `/renave-ws` prefix of the real base URL is accepted too.
    let (st, cliente) = get(&sim, "/renave-ws/api/cliente-autenticado").await?;
    assert_eq!(st, 200);
    assert_eq!(cliente["cnpj"], sim.dados().cnpj_estabelecimento.as_str());
    Ok(())
}

#[tokio::test]
async fn documentos_sao_pdfs_validos_em_base64() -> Resultado {
    let sim = simulador().await;
    let (_, crlve) = get(
        &sim,
        &format!("/api/crlve/{COROLLA_PLACA}/{COROLLA_RENAVAM}"),
    )
    .await?;
    let (_, codigo) = get(
        &sim,
        &format!("/api/crlve/{COROLLA_PLACA}/{COROLLA_RENAVAM}/pdf-codigo-seguranca-crv"),
    )
    .await?;
    let (_, tee) = get(&sim, "/api/estoques/1000/termo-entrada-estoque").await?;
    for doc in [
        &crlve["pdfBase64"],
        &crlve["pdfCodigoSegurancaCrvBase64"],
        &codigo["pdfCodigoSegurancaCrvBase64"],
        &tee["pdfBase64"],
    ] {
        let bytes = pdf(doc);
        assert!(bytes.starts_with(b"%PDF-"), "{doc}");
        assert!(bytes.ends_with(b"%%EOF\n"));
    }
    assert!(
        String::from_utf8_lossy(&pdf(&codigo["pdfCodigoSegurancaCrvBase64"]))
            .contains(COROLLA_CODIGO)
    );
    // A vehicle the establishment does not own has no CRLV-e.
    let (st, _) = get(&sim, &format!("/api/crlve/{CARRO_PLACA}/{CARRO_RENAVAM}")).await?;
    assert_eq!(st, 422);
    Ok(())
}

#[tokio::test]
async fn fluxo_zero_km_pendente_entrada_saida_e_cancelamento() -> Resultado {
    let sim = simulador().await;
    let zero = sim.dados().zero_km.first().ok_or("sem zero km")?.clone();
    let (st, pendentes) = get(&sim, "/api/veiculos-zero-km-pendentes-entrada-estoque").await?;
    assert_eq!(st, 200);
    assert_eq!(pendentes.as_array().map(Vec::len), Some(2));
    let entrada = json!({
        "chassi": zero.chassi.as_str(),
        "chaveNotaFiscal": zero.chave_nota_fiscal_montadora.as_str(),
        "valorCompra": 90000.0,
        "dataEntradaEstoque": data_hora(&sim),
        "dataHoraMedicaoHodometro": data_hora(&sim),
        "quilometragemHodometro": 0,
        "cpfOperadorResponsavel": CPF_OPERADOR,
    });
    let (st, est) = post(&sim, "/api/entradas-estoque-zero-km", &entrada).await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["estado"], "CONFIRMADO");
    assert_eq!(est["restricoesVeiculo"][0]["codigoTipoRestricao"], "86");
    let id = est["id"].as_i64().ok_or("sem id")?;
    // Repeating the entrada (a naive retry) is refused.
    let (st, erro) = post(&sim, "/api/entradas-estoque-zero-km", &entrada).await?;
    assert_eq!(st, 422);
    assert_erro_serpro(&erro, "Erro de negócio", "já está em estoque");

    // Z6 authorization, duplicate refused, Z7 cancels it.
    let autorizacao = json!({ "idEstoque": id, "cnpjEstabelecimentoDestino": "33444555000181", "valorVenda": 95000.0, "cpfOperadorResponsavel": CPF_OPERADOR });
    let (st, aut) = post(
        &sim,
        "/api/autorizacoes-transferencias-veiculo-zero-km",
        &autorizacao,
    )
    .await?;
    assert_eq!(st, 201, "{aut}");
    let (st, erro) = post(
        &sim,
        "/api/autorizacoes-transferencias-veiculo-zero-km",
        &autorizacao,
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro_serpro(
        &erro,
        "Erro de negócio",
        "já possui autorização de transferência cadastrada",
    );
    let (st, aut) = post(
        &sim,
        "/api/cancelamentos-autorizacoes-transferencias-veiculo-zero-km",
        &json!({ "idAutorizacao": aut["id"], "cpfOperadorResponsavel": CPF_OPERADOR }),
    )
    .await?;
    assert_eq!(st, 200);
    assert_eq!(aut["estadoAutorizacaoTransferencia"], "CANCELADA");

    let saida = json!({
        "idEstoque": id,
        "chaveNotaFiscal": CHAVE_VENDA,
        "dataVenda": data_hora(&sim),
        "valorVenda": 110_000.0,
        "cpfOperadorResponsavel": CPF_OPERADOR,
        "emailEstabelecimento": "loja@revenda.example",
        "comprador": comprador(),
    });
    let (st, est) = post(&sim, "/api/saidas-estoque-veiculo-zero-km", &saida).await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["estado"], "FINALIZADO");
    let (st, atpv) = get(
        &sim,
        &format!("/api/pdf-atpv?chassi={}", zero.chassi.as_str()),
    )
    .await?;
    assert_eq!(st, 200);
    assert!(pdf(&atpv["pdfAtpvBase64"]).starts_with(b"%PDF-"));
    let (st, antigo) = post(&sim, "/api/cancelamentos-saida-estoque-zero-km", &json!({ "idEstoque": id, "dataCancelamentoSaidaEstoque": data(&sim), "cpfOperadorResponsavel": CPF_OPERADOR })).await?;
    assert_eq!(st, 201);
    assert!(
        antigo["saidaEstoque"]["cancelamentoSaidaEstoque"]["idEstoqueGeradoNoCancelamentoSaida"]
            .as_i64()
            .is_some_and(|n| n != id)
    );
    Ok(())
}

#[tokio::test]
async fn transferencias_recebidas_semeadas_entre_estabelecimentos_e_zero_km() -> Resultado {
    let sim = simulador().await;
    let (_, auts) = get(
        &sim,
        "/api/autorizacoes-transferencias?estadoAutorizacao=CRIADA",
    )
    .await?;
    // Usado (E26), zero km (Z8) and from an ITE (E28).
    assert_eq!(auts.as_array().map(Vec::len), Some(3));
    let usado = json!({
        "idAutorizacao": 501,
        "cpfOperadorResponsavel": CPF_OPERADOR,
        "dataTransferenciaEstoque": data_hora(&sim),
        "dataHoraMedicaoHodometro": data_hora(&sim),
        "quilometragemHodometro": 30000,
    });
    let (st, est) = post(
        &sim,
        "/api/solicitacoes-transferencia-entre-estabelecimentos",
        &usado,
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["estado"], "SOLICITADO");
    let id = est["id"].as_i64().ok_or("sem id")?;
    sim.avancar_relogio(Duration::from_secs(10 * 60));
    assert_eq!(sim.estado_estoque(id), Some(EstadoEstoque::Confirmado));
    let (st, _) = post(
        &sim,
        "/api/solicitacoes-transferencia-entre-estabelecimentos",
        &usado,
    )
    .await?;
    assert_eq!(st, 422);

    let zero = json!({
        "idAutorizacao": 502,
        "dataEntradaEstoque": data_hora(&sim),
        "dataTransferenciaEstoque": data_hora(&sim),
        "dataHoraMedicaoHodometro": data_hora(&sim),
        "quilometragemHodometro": 0,
        "valorCompra": 118_000.0,
        "cpfOperadorResponsavel": CPF_OPERADOR,
    });
    let (st, est) = post(
        &sim,
        "/api/transferencias-entre-estabelecimentos-veiculo-zero-km",
        &zero,
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["estado"], "CONFIRMADO");
    assert_eq!(
        est["entradaEstoque"]["vendedor"]["numeroDocumento"],
        "33444555000181"
    );
    Ok(())
}

#[tokio::test]
async fn iniciar_em_escuta_no_endereco_dado() -> Resultado {
    let livre = std::net::TcpListener::bind("127.0.0.1:0")?;
    let endereco = livre.local_addr()?;
    drop(livre);
    let sim = SimuladorRenaveWs::iniciar_em(endereco).await?;
    assert_eq!(sim.uri(), format!("http://{endereco}"));
    assert_eq!(sim.url(), format!("http://{endereco}"));
    let (st, _) = get(&sim, "/api/cliente-autenticado").await?;
    assert_eq!(st, 200);
    Ok(())
}

#[tokio::test]
async fn demais_operacoes_de_usados_tem_estado() -> Resultado {
    let sim = simulador().await;
    let dh = data_hora(&sim);
    let d = data(&sim);

    // E2 aptidão: apto before the entrada, not apto after it.
    let aptidao = format!(
        "/api/aptidao-veiculo-estoque?placa={CARRO_PLACA}&renavam={CARRO_RENAVAM}&numeroCrv=123456789012&tipoCrv=VERDE"
    );
    let (st, apt) = get(&sim, &aptidao).await?;
    assert_eq!(st, 200);
    assert_eq!(apt["diagnostico"]["veiculoApto"], true);
    let (st, _) = get(
        &sim,
        "/api/aptidao-veiculo-estoque?placa=ABC1D23&renavam=01234567897",
    )
    .await?;
    assert_eq!(st, 400, "tipoCrv is required");
    let (st, est) = post(
        &sim,
        "/api/solicitacoes-entrada-estoque",
        &corpo_entrada(&sim),
    )
    .await?;
    assert_eq!(st, 201);
    let (_, apt) = get(&sim, &aptidao).await?;
    assert_eq!(apt["diagnostico"]["veiculoApto"], false);

    // E6 after the signature.
    let id = est["id"].as_i64().ok_or("sem id")?;
    let ultima = format!("/api/atpv-assinaturas/{CARRO_PLACA}/{CARRO_RENAVAM}/ultimo");
    assert_eq!(get(&sim, &ultima).await?.0, 422);
    post(&sim, "/api/atpv-assinatura-vendedor", &assinatura(id)).await?;
    let (st, ass) = get(&sim, &ultima).await?;
    assert_eq!(st, 200);
    assert_eq!(ass["tipoAssinaturaVendedor"], "PROPRIO_PUNHO_ATPVE");
    assert_eq!(ass["estadoIntencaoVenda"], "VENDA_COMUNICADA");
    // A second signature is refused.
    assert_eq!(
        post(&sim, "/api/atpv-assinatura-vendedor", &assinatura(id))
            .await?
            .0,
        422
    );

    // E14 cancels the SOLICITADO entrada; the vehicle can enter again.
    let cancelamento = json!({
        "dataCancelamentoEstoque": d,
        "cpfOperadorResponsavel": CPF_OPERADOR,
        "veiculo": { "placa": CARRO_PLACA, "renavam": CARRO_RENAVAM, "codigoSegurancaCrv": CARRO_CODIGO },
    });
    let (st, est) = post(
        &sim,
        "/api/solicitacoes-cancelamento-estoque",
        &cancelamento,
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["estado"], "FINALIZADO");
    assert!(est["cancelamentoEstoque"]["dataHoraCancelamentoEstoque"].is_string());
    assert_eq!(
        post(
            &sim,
            "/api/solicitacoes-entrada-estoque",
            &corpo_entrada(&sim)
        )
        .await?
        .0,
        201
    );

    // E4 veículo próprio: CONFIRMADO at once; a private seller's vehicle is refused.
    let proprio = |placa: &str, renavam: &str, codigo: &str| {
        json!({
            "cpfOperadorResponsavel": CPF_OPERADOR,
            "dataEntradaEstoque": d,
            "veiculo": {
                "codigoSegurancaCrv": codigo, "tipoCrv": "DIGITAL", "placa": placa, "renavam": renavam,
                "quilometragemHodometro": 1200, "dataHoraMedicaoHodometro": dh,
            },
        })
    };
    let (st, est) = post(
        &sim,
        "/api/solicitacoes-entrada-estoque-veiculo-proprio",
        &proprio("RST4G56", "00456123784", "11223344556"),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["estado"], "CONFIRMADO");
    let (st, erro) = post(
        &sim,
        "/api/solicitacoes-entrada-estoque-veiculo-proprio",
        &proprio("QWE2F34", "00987654322", "56473829101"),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro_serpro(&erro, "Erro de negócio", "Proprietário deve ser um CNPJ");

    // E27 from the branch: SOLICITADO, then CONFIRMADO on the Detran clock; another root is refused.
    let filial = |origem: &str| {
        json!({
            "cnpjEstabelecimentoOrigemTransferencia": origem,
            "cpfOperadorResponsavel": CPF_OPERADOR,
            "dataTransferenciaEstoque": dh,
            "emailEstabelecimentoSolicitante": "loja@revenda.example",
            "veiculo": { "placa": "MNO3C21", "renavam": "00112233449", "quilometragemHodometro": 5000, "dataHoraMedicaoHodometro": dh },
        })
    };
    assert_eq!(
        post(
            &sim,
            "/api/solicitacoes-transferencia-entre-filiais",
            &filial("33444555000181")
        )
        .await?
        .0,
        422
    );
    let (st, est) = post(
        &sim,
        "/api/solicitacoes-transferencia-entre-filiais",
        &filial("11222333000262"),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    let id_filial = est["id"].as_i64().ok_or("sem id")?;
    sim.avancar_relogio(Duration::from_secs(300));
    assert_eq!(
        sim.estado_estoque(id_filial),
        Some(EstadoEstoque::Confirmado)
    );

    // E24 authorizes the Corolla to another dealer; E23 finds it; E25 cancels it.
    let autorizacao = json!({
        "cnpjEstabelecimentoDestino": "33444555000181",
        "cpfOperadorResponsavel": CPF_OPERADOR,
        "emailEstabelecimentoOrigem": "loja@revenda.example",
        "placaVeiculo": COROLLA_PLACA,
        "valorVenda": 90_000,
    });
    let (st, aut) = post(&sim, "/api/autorizacoes-transferencias", &autorizacao).await?;
    assert_eq!(st, 201, "{aut}");
    assert_eq!(aut["estadoAutorizacaoTransferencia"], "CRIADA");
    let (_, lista) = get(
        &sim,
        &format!("/api/autorizacoes-transferencias?placa={COROLLA_PLACA}"),
    )
    .await?;
    assert_eq!(lista[0]["id"], aut["id"]);
    let (st, aut) = post(
        &sim,
        "/api/cancelamentos-autorizacoes-transferencias",
        &json!({ "cpfOperadorResponsavel": CPF_OPERADOR, "idAutorizacao": aut["id"] }),
    )
    .await?;
    assert_eq!(st, 200);
    assert_eq!(aut["estadoAutorizacaoTransferencia"], "CANCELADA");

    // E20 municipalities: accent-sensitive search.
    let (_, m) = get(&sim, "/api/municipios?nome=BRAS%C3%8DLIA").await?;
    assert_eq!(m, json!([]));
    let (_, m) = get(&sim, "/api/municipios?nome=BRASILIA").await?;
    assert_eq!(m[0]["id"], "9701");
    // E22 on a CONFIRMADO stock.
    let (st, v) = get(&sim, "/api/veiculos?chassi=9BRBD3HE0L0123456").await?;
    assert_eq!(st, 200);
    assert_eq!(v["placa"], COROLLA_PLACA);
    Ok(())
}

#[tokio::test]
async fn demais_operacoes_de_zero_km_e_inacabados_tem_estado() -> Resultado {
    let sim = simulador().await;
    let dh = data_hora(&sim);
    let d = data(&sim);
    let carro = sim.dados().zero_km.first().ok_or("sem zero km")?.clone();
    let caminhao = sim.dados().zero_km.get(1).ok_or("sem inacabado")?.clone();
    assert!(!caminhao.veiculo_acabado);

    // Z10 / Z11: rejection removes the chassi from the pending list, its cancellation brings it back.
    let rejeicao = json!({ "chassi": carro.chassi.as_str(), "cpfOperadorResponsavel": CPF_OPERADOR, "motivoRejeicao": "DESISTENCIA" });
    assert_eq!(
        post(&sim, "/api/rejeicoes-zero-km", &rejeicao).await?.0,
        201
    );
    let (_, p) = get(
        &sim,
        &format!(
            "/api/veiculos-zero-km-pendentes-entrada-estoque?chassi={}",
            carro.chassi.as_str()
        ),
    )
    .await?;
    assert_eq!(p, json!([]));
    assert_eq!(
        post(&sim, "/api/rejeicoes-zero-km", &rejeicao).await?.0,
        422
    );
    let (st, _) = post(
        &sim,
        "/api/cancelamentos-rejeicoes-veiculo-zero-km",
        &json!({ "chassi": carro.chassi.as_str(), "cpfOperadorResponsavel": CPF_OPERADOR }),
    )
    .await?;
    assert_eq!(st, 200);

    let entrada = |z: &renave_simulador::renave_ws::VeiculoZeroKmSimulado| {
        json!({
            "chassi": z.chassi.as_str(), "chaveNotaFiscal": z.chave_nota_fiscal_montadora.as_str(),
            "valorCompra": 90_000, "dataEntradaEstoque": dh, "dataHoraMedicaoHodometro": dh,
            "quilometragemHodometro": 0, "cpfOperadorResponsavel": CPF_OPERADOR,
        })
    };
    // Z2 then Z5: the entrada is cancelled and the chassi is pending again.
    let (st, est) = post(&sim, "/api/entradas-estoque-zero-km", &entrada(&carro)).await?;
    assert_eq!(st, 201);
    let (st, est) = post(&sim, "/api/cancelamentos-entrada-estoque-zero-km", &json!({ "idEstoque": est["id"], "dataCancelamentoEntradaEstoque": d, "cpfOperadorResponsavel": CPF_OPERADOR })).await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["estado"], "FINALIZADO");
    // Z2 again then Z9: returned to the montadora.
    let (st, est) = post(&sim, "/api/entradas-estoque-zero-km", &entrada(&carro)).await?;
    assert_eq!(st, 201);
    let devolucao = json!({ "chaveNotaFiscal": CHAVE_VENDA, "cpfOperadorResponsavel": CPF_OPERADOR, "dataDevolucao": dh, "idEstoque": est["id"], "motivoDevolucaoMontadora": "DEVOLUCAO_MONTADORA_AVARIAS" });
    let (st, est) = post(
        &sim,
        "/api/devolucoes-montadora-veiculo-zero-km",
        &devolucao,
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["saidaEstoque"]["motivo"], "DEVOLUCAO_MONTADORA");

    // Inacabado: Z2, E29 + E30, E31, E32, then Z16 (Renovar) needs the acknowledgement.
    let (st, est) = post(&sim, "/api/entradas-estoque-zero-km", &entrada(&caminhao)).await?;
    assert_eq!(st, 201);
    let id = est["id"].as_i64().ok_or("sem id")?;
    let para_ite = json!({ "chaveNotaFiscalProdutoSaida": CHAVE_VENDA, "cnpjIteDestino": "02095099000188", "cpfOperadorResponsavel": CPF_OPERADOR, "idEstoqueOrigem": id });
    let (st, aut) = post(&sim, "/api/autorizacoes-transferencias-para-ite", &para_ite).await?;
    assert_eq!(st, 201, "{aut}");
    assert_eq!(aut["paraIte"], true);
    let (st, aut) = post(
        &sim,
        "/api/cancelamentos-autorizacoes-transferencias-para-ite",
        &json!({ "cpfOperadorResponsavel": CPF_OPERADOR, "idAutorizacao": aut["id"] }),
    )
    .await?;
    assert_eq!(st, 200);
    assert_eq!(aut["estadoAutorizacaoTransferencia"], "CANCELADA");
    let saida = |id: i64, ciente: Option<bool>| {
        let mut v = json!({
            "idEstoque": id, "chaveNotaFiscal": CHAVE_VENDA, "comprador": comprador(), "cpfOperadorResponsavel": CPF_OPERADOR,
            "dataVenda": dh, "emailEstabelecimento": "loja@revenda.example", "valorVenda": 150_000,
        });
        if let (Some(c), Value::Object(m)) = (ciente, &mut v) {
            m.insert(
                "estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar".into(),
                json!(c),
            );
        }
        v
    };
    // A finished-vehicle sale route refuses the unfinished one.
    assert_eq!(
        post(
            &sim,
            "/api/saidas-estoque-veiculo-zero-km",
            &saida(id, None)
        )
        .await?
        .0,
        422
    );
    let (st, est) = post(
        &sim,
        "/api/saidas-estoque-veiculo-inacabado",
        &saida(id, None),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    let (st, antigo) = post(&sim, "/api/cancelamentos-saidas-estoque-veiculo-inacabado", &json!({ "cpfOperadorResponsavel": CPF_OPERADOR, "dataCancelamentoSaidaEstoque": d, "idEstoque": id })).await?;
    assert_eq!(st, 201, "{antigo}");
    let novo =
        antigo["saidaEstoque"]["cancelamentoSaidaEstoque"]["idEstoqueGeradoNoCancelamentoSaida"]
            .as_i64()
            .ok_or("sem novo id")?;
    let (st, erro) = post(
        &sim,
        "/api/saidas-estoque-veiculo-inacabado-renovar",
        &saida(novo, Some(false)),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro_serpro(&erro, "Erro de negócio", "Renovar");
    assert_eq!(
        post(
            &sim,
            "/api/saidas-estoque-veiculo-inacabado-renovar",
            &saida(novo, Some(true))
        )
        .await?
        .0,
        201
    );

    // E28: the bus authorized by the ITE enters the stock.
    let ite = json!({
        "chaveNotaFiscalProduto": CHAVE_COMPRA, "cpfOperadorResponsavel": CPF_OPERADOR, "dataHoraMedicaoHodometro": dh,
        "dataTransferenciaEstoque": dh, "idAutorizacao": 503, "quilometragemHodometro": 12, "valorProduto": 450_000,
    });
    let (st, est) = post(&sim, "/api/transferencias-estoque-vindo-de-ite", &ite).await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["estado"], "CONFIRMADO");
    assert_eq!(
        post(&sim, "/api/transferencias-estoque-vindo-de-ite", &ite)
            .await?
            .0,
        422
    );
    // …and a zero-km authorization is not one from an ITE.
    let mut z8_como_ite = ite.clone();
    z8_como_ite["idAutorizacao"] = json!(502);
    assert_eq!(
        post(
            &sim,
            "/api/transferencias-estoque-vindo-de-ite",
            &z8_como_ite
        )
        .await?
        .0,
        422
    );

    // Z12–Z14: the delivery is made (its ATPV-e by id, E9), then cancelled into a new one.
    let (_, entregas) = get(&sim, "/api/entregas-veiculo-zero-km?estado=PENDENTE").await?;
    assert_eq!(entregas[0]["id"], 701);
    let (st, entrega) = post(
        &sim,
        "/api/entregas-veiculo-zero-km/realizacao",
        &json!({ "cpfOperadorResponsavel": CPF_OPERADOR, "idEntrega": 701 }),
    )
    .await?;
    assert_eq!(st, 201, "{entrega}");
    assert_eq!(entrega["estado"], "REALIZADA");
    let id_atpv = entrega["idAtpv"].as_i64().ok_or("sem idAtpv")?;
    let (st, atpv) = get(&sim, &format!("/api/atpv/{id_atpv}")).await?;
    assert_eq!(st, 200);
    assert!(pdf(&atpv["pdfAtpvBase64"]).starts_with(b"%PDF-"));
    let (st, entrega) = post(
        &sim,
        "/api/entregas-veiculo-zero-km/cancelamento",
        &json!({ "cpfOperadorResponsavel": CPF_OPERADOR, "idEntrega": 701 }),
    )
    .await?;
    assert_eq!(st, 201);
    assert_eq!(entrega["estado"], "CANCELADA");
    let nova = entrega["idEntregaGeradaNoCancelamentoEntrega"]
        .as_i64()
        .ok_or("sem nova entrega")?;
    let (_, entregas) = get(&sim, "/api/entregas-veiculo-zero-km?estado=PENDENTE").await?;
    assert_eq!(entregas[0]["id"], nova);
    assert_eq!(entregas[0]["idEntregaOrigemCancelamentoEntrega"], 701);
    Ok(())
}
