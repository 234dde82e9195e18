//! Contract tests of the Renave-WS simulator's montadora and ITE groups (`renave-ws.md` §3.3,
//! §3.4, §5, §6, §7.3–§7.5), over plain HTTP with reqwest, as a client would use them: every
//! route answers (through wiremock and through the binary's `sem_wiremock` server), the
//! montadora's and the ITE's flows end to end, their refusals, and the flows that cross actors
//! in the one world (venda direta → the establishment's entrega; montadora → ITE → montadora;
//! establishment ↔ ITE, E28/E29; ITE ↔ ITE).

use renave_simulador::renave_ws::{OPERACOES_ITE, OPERACOES_MONTADORA, SimuladorRenaveWs};
use renave_simulador::{
    CLIENTES_MONTADORA, CNPJ_ESTABELECIMENTO, CNPJ_ITE, CNPJ_MONTADORA, CNPJ_OUTRA_ITE,
    CPF_COMPRADOR, CPF_OPERADOR, ID_AUTORIZACAO_ITE, ID_AUTORIZACAO_OUTRA_ITE, ID_ESTOQUE_ITE,
    ID_ESTOQUE_MONTADORA, ID_ESTOQUE_MONTADORA_INACABADO, INACABADO_DE_OUTRA_ITE,
    INACABADO_EM_ESTOQUE_MONTADORA, INACABADO_MONTADORA_PENDENTE, INACABADO_PARA_ITE, NOME_ITE,
    NOME_MONTADORA, ZERO_KM_EM_ESTOQUE_MONTADORA, ZERO_KM_MONTADORA_PENDENTE, ZERO_KM_NA_ITE,
};
use serde_json::{Value, json};

type Resultado = Result<(), Box<dyn std::error::Error>>;

const CHAVE_1: &str = "31261111222333000181550010000000011123456718";
const CHAVE_2: &str = "31261111222333000181550010000000021123456723";
const CHAVE_3: &str = "31261111222333000181550010000000031123456739";
/// The establishment's seeded unfinished chassi pending entry (Z1).
const INACABADO_DO_ESTABELECIMENTO: &str = "9BM958074PB654321";

fn cliente() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
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

fn dh(sim: &SimuladorRenaveWs) -> String {
    sim.agora().to_string()
}

fn d(sim: &SimuladorRenaveWs) -> String {
    sim.agora().data().to_string()
}

fn comprador() -> Value {
    json!({
        "tipoDocumento": "CPF",
        "numeroDocumento": CPF_COMPRADOR,
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

/// A SERPRO error body (§2) with `titulo` and a `detalhe` containing `trecho`.
fn assert_erro(corpo: &Value, titulo: &str, trecho: &str) {
    assert_eq!(corpo["titulo"], titulo, "{corpo}");
    let detalhe = corpo["detalhe"].as_str().unwrap_or_default();
    assert!(detalhe.contains(trecho), "{detalhe:?} ∌ {trecho:?}");
    assert_eq!(
        corpo["dataHora"].as_str().map(str::len),
        Some(19),
        "{corpo}"
    );
}

fn id(v: &Value) -> Result<i64, String> {
    v["id"].as_i64().ok_or_else(|| format!("sem id: {v}"))
}

/// The montadora's venda direta / saída body.
fn venda(sim: &SimuladorRenaveWs, id_estoque: i64, entrega: Option<(&str, &str)>) -> Value {
    let mut v = json!({
        "chaveNotaFiscal": CHAVE_1, "comprador": comprador(), "cpfOperadorResponsavel": CPF_OPERADOR,
        "dataVenda": dh(sim), "emailEstabelecimento": "vendas@montadora.example",
        "idEstoque": id_estoque, "tipoBeneficioTributario": "NENHUM", "valorVenda": 150_000,
    });
    if let (Some((entregadora, vendedora)), Value::Object(m)) = (entrega, &mut v) {
        m.insert(
            "entregaIndicada".into(),
            json!({ "cnpjConcessionariaEntregadora": entregadora, "cnpjConcessionariaVendedora": vendedora }),
        );
    }
    v
}

fn com(mut v: Value, campo: &str, valor: Value) -> Value {
    if let Value::Object(m) = &mut v {
        m.insert(campo.into(), valor);
    }
    v
}

fn cancelamento_saida(sim: &SimuladorRenaveWs, id_estoque: i64) -> Value {
    json!({ "cpfOperadorResponsavel": CPF_OPERADOR, "dataCancelamentoSaidaEstoque": d(sim), "idEstoque": id_estoque })
}

fn cancelamento_entrada(sim: &SimuladorRenaveWs, id_estoque: i64) -> Value {
    json!({ "cpfOperadorResponsavel": CPF_OPERADOR, "dataCancelamentoEntradaEstoque": d(sim), "idEstoque": id_estoque })
}

/// The body of a transfer a receiver consumes (the montadora's `…vindo-de-ite`, E28, and the
/// ITE's transfers, which read the same fields).
fn recebimento(sim: &SimuladorRenaveWs, id_autorizacao: i64) -> Value {
    json!({
        "chaveNotaFiscalProduto": CHAVE_1, "chaveNotaFiscalRemessa": CHAVE_2, "chaveNotaFiscalServico": CHAVE_3,
        "cpfOperadorResponsavel": CPF_OPERADOR, "dataHoraMedicaoHodometro": dh(sim),
        "dataTransferenciaEstoque": dh(sim), "idAutorizacao": id_autorizacao,
        "quilometragemHodometro": 5, "valorProduto": 210_000,
    })
}

async fn estoque_de(
    sim: &SimuladorRenaveWs,
    grupo: &str,
    chassi: &str,
) -> Result<Vec<Value>, Box<dyn std::error::Error>> {
    let (st, lista) = get(sim, &format!("/api{grupo}/estoques?chassi={chassi}")).await?;
    assert_eq!(st, 200, "{lista}");
    Ok(lista.as_array().cloned().unwrap_or_default())
}

// ------------------------------------------------------------------------------------------
// Every route answers
// ------------------------------------------------------------------------------------------

/// Every montadora and ITE route answers with the simulator (never a bare 404/405/500); a POST
/// with an empty object is a SERPRO 400 naming a missing field.
async fn todas_as_rotas_respondem(sim: &SimuladorRenaveWs) -> Resultado {
    assert_eq!(OPERACOES_MONTADORA.len(), 19);
    assert_eq!(OPERACOES_ITE.len(), 17);
    let query = format!("?chassi={ZERO_KM_EM_ESTOQUE_MONTADORA}");
    for o in OPERACOES_MONTADORA.iter().chain(&OPERACOES_ITE) {
        let caminho = o.caminho.replace("{idEstoque}", "870001");
        let (st, corpo) = if o.metodo == "GET" {
            get(sim, &format!("{caminho}{query}")).await?
        } else {
            post(sim, &caminho, &json!({})).await?
        };
        if o.metodo == "POST" {
            assert_eq!(
                st, 400,
                "{} {caminho} ({}) → {st} {corpo}",
                o.metodo, o.nome
            );
            assert_eq!(corpo["titulo"], "Requisição inválida", "{}", o.nome);
        } else {
            assert!(
                [200, 404, 422].contains(&st) && (corpo.is_object() || corpo.is_array()),
                "{} {caminho} ({}) → {st} {corpo}",
                o.metodo,
                o.nome
            );
            if st == 404 {
                // Only a stock that is not the caller's: a SERPRO 404, not wiremock's.
                assert_erro(&corpo, "Não encontrado", "Estoque");
            }
        }
    }
    let (st, m) = get(sim, "/api/montadora/cliente-autenticado").await?;
    assert_eq!(st, 200);
    assert_eq!(m["cnpj"], CNPJ_MONTADORA);
    assert_eq!(m["nome"], NOME_MONTADORA);
    assert!(m["endereco"]["municipio"]["id"].is_string());
    let (_, i) = get(sim, "/api/ite/cliente-autenticado").await?;
    assert_eq!(i["cnpj"], CNPJ_ITE);
    assert_eq!(i["nome"], NOME_ITE);
    let (_, est) = get(sim, "/api/cliente-autenticado").await?;
    assert_eq!(est["cnpj"], CNPJ_ESTABELECIMENTO);
    // The `/renave-ws` prefix, an unknown route and a wrong method, per group.
    let (st, _) = get(sim, "/renave-ws/api/ite/cliente-autenticado").await?;
    assert_eq!(st, 200);
    let (st, corpo) = get(sim, "/api/montadora/nao-existe").await?;
    assert_eq!(st, 404);
    assert_erro(&corpo, "Não encontrado", "/api/montadora/nao-existe");
    let (st, _) = get(sim, "/api/ite/entradas-estoque").await?;
    assert_eq!(st, 405);
    let (st, _) = post(sim, "/api/montadora/estoques", &json!({})).await?;
    assert_eq!(st, 405);
    Ok(())
}

#[tokio::test]
async fn as_rotas_de_montadora_e_ite_respondem_pelo_wiremock() -> Resultado {
    todas_as_rotas_respondem(&simulador().await).await
}

#[tokio::test]
async fn as_rotas_de_montadora_e_ite_respondem_sem_wiremock() -> Resultado {
    let sim = SimuladorRenaveWs::builder()
        .tempo_real(false)
        .sem_wiremock()
        .iniciar()
        .await;
    todas_as_rotas_respondem(&sim).await
}

#[tokio::test]
async fn cada_ator_ve_so_o_proprio_estoque() -> Resultado {
    let sim = simulador().await;
    let (_, m) = get(&sim, "/api/montadora/estoques").await?;
    let ids: Vec<i64> = m
        .as_array()
        .ok_or("lista")?
        .iter()
        .filter_map(|e| e["id"].as_i64())
        .collect();
    assert!(ids.contains(&ID_ESTOQUE_MONTADORA) && ids.contains(&ID_ESTOQUE_MONTADORA_INACABADO));
    assert!(
        !ids.contains(&1000),
        "the establishment's stock is not the montadora's"
    );
    assert_eq!(
        m[0]["entregas"],
        json!([]),
        "montadora-only fields: {}",
        m[0]
    );
    assert!(m[0].get("tipoBeneficioTributarioJson").is_some());
    let (_, i) = get(&sim, "/api/ite/estoques").await?;
    assert_eq!(i.as_array().map(Vec::len), Some(1), "{i}");
    assert_eq!(i[0]["id"], ID_ESTOQUE_ITE);
    assert_eq!(i[0]["chassi"], ZERO_KM_NA_ITE);
    assert_eq!(i[0]["estoqueEmIte"], true);
    let (_, e) = get(&sim, "/api/estoques").await?;
    assert!(
        e.as_array()
            .ok_or("lista")?
            .iter()
            .all(|s| s["estoqueEmIte"] == false && s["id"] != ID_ESTOQUE_MONTADORA)
    );
    // Another actor's stock by id is not found (404 SERPRO body), on every group.
    let (st, corpo) = get(
        &sim,
        &format!("/api/estoques/{ID_ESTOQUE_MONTADORA}/termo-saida-estoque"),
    )
    .await?;
    assert_eq!(st, 404);
    assert_erro(&corpo, "Não encontrado", "Estoque");
    let (st, _) = get(&sim, "/api/ite/estoques/1000/termo-entrada-estoque").await?;
    assert_eq!(st, 404);
    let (st, corpo) = post(
        &sim,
        "/api/montadora/cancelamentos-entrada-estoque-zero-km",
        &cancelamento_entrada(&sim, 1000),
    )
    .await?;
    assert_eq!(st, 404);
    assert_erro(&corpo, "Não encontrado", "1000");
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Montadora
// ------------------------------------------------------------------------------------------

#[tokio::test]
async fn montadora_entrada_zero_km_do_pre_cadastro_e_cancelamento() -> Resultado {
    let sim = simulador().await;
    let (st, pend) = get(
        &sim,
        "/api/montadora/veiculos-zero-km-pendentes-entrada-estoque",
    )
    .await?;
    assert_eq!(st, 200);
    let chassis: Vec<&str> = pend
        .as_array()
        .ok_or("lista")?
        .iter()
        .filter_map(|p| p["chassi"].as_str())
        .collect();
    assert!(chassis.contains(&ZERO_KM_MONTADORA_PENDENTE), "{pend}");
    assert!(chassis.contains(&INACABADO_MONTADORA_PENDENTE), "{pend}");
    let (_, um) = get(
        &sim,
        &format!(
            "/api/montadora/veiculos-zero-km-pendentes-entrada-estoque?chassi={INACABADO_MONTADORA_PENDENTE}"
        ),
    )
    .await?;
    assert_eq!(um[0]["veiculoAcabado"], false);
    assert!(um[0]["dataHoraCadastro"].is_string());

    let entrada = json!({
        "chassi": ZERO_KM_MONTADORA_PENDENTE, "cpfOperadorResponsavel": CPF_OPERADOR,
        "dataEntradaEstoque": dh(&sim), "dataHoraMedicaoHodometro": dh(&sim), "quilometragemHodometro": 0,
    });
    let (st, est) = post(&sim, "/api/montadora/entradas-estoque-zero-km", &entrada).await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["estado"], "CONFIRMADO");
    assert_eq!(est["chassi"], ZERO_KM_MONTADORA_PENDENTE);
    assert_eq!(
        est["restricoesVeiculo"][0]["tipoRestricao"],
        "ESTOQUE_RENAVE_DE_VEICULO_ZERO"
    );
    let id_estoque = id(&est)?;
    // A repeated entrada (a lost answer retried) is a business error; the chassi is no longer
    // pending; the establishment does not see the montadora's stock.
    let (st, erro) = post(&sim, "/api/montadora/entradas-estoque-zero-km", &entrada).await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "possui um estoque ativo");
    assert!(erro["mensagemParaUsuarioFinal"].is_string());
    let (_, pend) = get(
        &sim,
        &format!(
            "/api/montadora/veiculos-zero-km-pendentes-entrada-estoque?chassi={ZERO_KM_MONTADORA_PENDENTE}"
        ),
    )
    .await?;
    assert_eq!(pend, json!([]));
    assert!(
        estoque_de(&sim, "", ZERO_KM_MONTADORA_PENDENTE)
            .await?
            .is_empty()
    );
    // A chassi the montadora did not pre-register cannot enter.
    let (st, erro) = post(
        &sim,
        "/api/montadora/entradas-estoque-zero-km",
        &com(entrada.clone(), "chassi", json!(INACABADO_PARA_ITE)),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "pendente de entrada");
    // Malformed input is a 400.
    let (st, erro) = post(
        &sim,
        "/api/montadora/entradas-estoque-zero-km",
        &com(entrada.clone(), "dataEntradaEstoque", json!("2026-13-40")),
    )
    .await?;
    assert_eq!(st, 400);
    assert_erro(&erro, "Requisição inválida", "dataEntradaEstoque");

    // Cancellation: FINALIZADO, pending again; a second cancellation is refused (wrong state).
    let (st, cancelado) = post(
        &sim,
        "/api/montadora/cancelamentos-entrada-estoque-zero-km",
        &cancelamento_entrada(&sim, id_estoque),
    )
    .await?;
    assert_eq!(st, 201, "{cancelado}");
    assert_eq!(cancelado["estado"], "FINALIZADO");
    assert_eq!(
        cancelado["cancelamentoEstoque"]["motivoCancelamentoEstoque"],
        "CANCELAMENTO_ENTRADA"
    );
    let (st, erro) = post(
        &sim,
        "/api/montadora/cancelamentos-entrada-estoque-zero-km",
        &cancelamento_entrada(&sim, id_estoque),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "Finalizado");
    let (_, pend) = get(
        &sim,
        &format!(
            "/api/montadora/veiculos-zero-km-pendentes-entrada-estoque?chassi={ZERO_KM_MONTADORA_PENDENTE}"
        ),
    )
    .await?;
    assert_eq!(pend.as_array().map(Vec::len), Some(1));
    let (st, _) = post(&sim, "/api/montadora/entradas-estoque-zero-km", &entrada).await?;
    assert_eq!(st, 201);
    Ok(())
}

#[tokio::test]
async fn venda_direta_cria_a_entrega_que_o_estabelecimento_realiza() -> Resultado {
    let sim = simulador().await;
    let corpo = venda(
        &sim,
        ID_ESTOQUE_MONTADORA,
        Some((CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO)),
    );
    let (st, est) = post(
        &sim,
        "/api/montadora/saidas-estoque-veiculo-zero-km",
        &corpo,
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["estado"], "FINALIZADO");
    assert_eq!(est["saidaEstoque"]["motivo"], "VENDA");
    assert_eq!(est["comprador"]["numeroDocumento"], CPF_COMPRADOR);
    assert_eq!(est["tipoBeneficioTributarioJson"]["tipo"], "NENHUM");
    assert_eq!(est["entregas"][0]["estado"], "PENDENTE");
    assert_eq!(
        est["entregas"][0]["cnpjEstabelecimentoEntregador"],
        CNPJ_ESTABELECIMENTO
    );
    // The exit ATPV-e waits for the delivery (T2).
    let atpv = format!("/api/montadora/pdf-atpv?chassi={ZERO_KM_EM_ESTOQUE_MONTADORA}");
    let (st, erro) = get(&sim, &atpv).await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "intenção de venda");
    // A second sale of the same stock is refused.
    let (st, erro) = post(
        &sim,
        "/api/montadora/saidas-estoque-veiculo-zero-km",
        &corpo,
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "CONFIRMADO");

    // The establishment sees the delivery with its zero-km operations (Z12) and makes it (Z13).
    let (st, entregas) = get(
        &sim,
        &format!("/api/entregas-veiculo-zero-km?chassi={ZERO_KM_EM_ESTOQUE_MONTADORA}"),
    )
    .await?;
    assert_eq!(st, 200);
    assert_eq!(entregas.as_array().map(Vec::len), Some(1), "{entregas}");
    let id_entrega = id(&entregas[0])?;
    let (_, pela_montadora) = get(
        &sim,
        &format!(
            "/api/montadora/entregas-veiculo-zero-km?cnpjEstabelecimentoEntregador={CNPJ_ESTABELECIMENTO}&estado=PENDENTE&chassi={ZERO_KM_EM_ESTOQUE_MONTADORA}"
        ),
    )
    .await?;
    assert_eq!(pela_montadora[0]["id"], id_entrega);
    // Once the dealer has delivered, the montadora may no longer cancel its sale.
    let (st, realizada) = post(
        &sim,
        "/api/entregas-veiculo-zero-km/realizacao",
        &json!({ "cpfOperadorResponsavel": CPF_OPERADOR, "idEntrega": id_entrega }),
    )
    .await?;
    assert_eq!(st, 201, "{realizada}");
    assert_eq!(realizada["estado"], "REALIZADA");
    assert!(realizada["idAtpv"].is_i64());
    let (st, doc) = get(&sim, &atpv).await?;
    assert_eq!(st, 200, "{doc}");
    assert!(doc["pdfAtpvBase64"].is_string());
    let (st, erro) = post(
        &sim,
        "/api/montadora/cancelamentos-saida-estoque-zero-km",
        &cancelamento_saida(&sim, ID_ESTOQUE_MONTADORA),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "entrega");
    // The dealer cancels the delivery (Z14), then the montadora its sale: a new CONFIRMADO
    // stock, and the regenerated pending delivery is cancelled with the sale.
    let (st, _) = post(
        &sim,
        "/api/entregas-veiculo-zero-km/cancelamento",
        &json!({ "cpfOperadorResponsavel": CPF_OPERADOR, "idEntrega": id_entrega }),
    )
    .await?;
    assert_eq!(st, 201);
    let (st, cancelado) = post(
        &sim,
        "/api/montadora/cancelamentos-saida-estoque-zero-km",
        &cancelamento_saida(&sim, ID_ESTOQUE_MONTADORA),
    )
    .await?;
    assert_eq!(st, 201, "{cancelado}");
    let novo =
        cancelado["saidaEstoque"]["cancelamentoSaidaEstoque"]["idEstoqueGeradoNoCancelamentoSaida"]
            .as_i64()
            .ok_or("novo id")?;
    let estoques = estoque_de(&sim, "/montadora", ZERO_KM_EM_ESTOQUE_MONTADORA).await?;
    let ativo = estoques.iter().find(|s| s["id"] == novo).ok_or("novo")?;
    assert_eq!(ativo["estado"], "CONFIRMADO");
    assert_eq!(
        ativo["origemPorCancelamentoEstoque"]["idEstoqueOrigem"],
        ID_ESTOQUE_MONTADORA
    );
    let (_, entregas) = get(
        &sim,
        &format!("/api/montadora/entregas-veiculo-zero-km?chassi={ZERO_KM_EM_ESTOQUE_MONTADORA}"),
    )
    .await?;
    let estados: Vec<&str> = entregas
        .as_array()
        .ok_or("lista")?
        .iter()
        .filter_map(|x| x["estado"].as_str())
        .collect();
    assert!(!estados.contains(&"PENDENTE"), "{entregas}");
    assert!(estados.contains(&"CANCELADA"), "{entregas}");
    // A delivery indicated to another dealer is not the establishment's to see.
    let (st, _) = post(
        &sim,
        "/api/montadora/saidas-estoque-veiculo-zero-km",
        &venda(&sim, novo, Some(("33444555000181", "33444555000181"))),
    )
    .await?;
    assert_eq!(st, 201);
    let (_, minhas) = get(
        &sim,
        &format!(
            "/api/entregas-veiculo-zero-km?chassi={ZERO_KM_EM_ESTOQUE_MONTADORA}&estado=PENDENTE"
        ),
    )
    .await?;
    assert_eq!(minhas, json!([]));
    Ok(())
}

#[tokio::test]
async fn montadora_venda_sem_entrega_inacabado_e_renovar() -> Resultado {
    let sim = simulador().await;
    // Without an indicated delivery the ATPV-e is issued at once; the sale is cancellable.
    let (st, est) = post(
        &sim,
        "/api/montadora/saidas-estoque-veiculo-zero-km",
        &venda(&sim, ID_ESTOQUE_MONTADORA, None),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["entregas"], json!([]));
    let (st, _) = get(
        &sim,
        &format!("/api/montadora/pdf-atpv?chassi={ZERO_KM_EM_ESTOQUE_MONTADORA}"),
    )
    .await?;
    assert_eq!(st, 200);
    let (_, termo) = get(
        &sim,
        &format!("/api/montadora/estoques/{ID_ESTOQUE_MONTADORA}/termo-saida-estoque"),
    )
    .await?;
    assert!(termo["numeroTermoSaidaEstoque"].is_i64() && termo["pdfBase64"].is_string());
    let (st, c) = post(
        &sim,
        "/api/montadora/cancelamentos-saida-estoque-zero-km",
        &cancelamento_saida(&sim, ID_ESTOQUE_MONTADORA),
    )
    .await?;
    assert_eq!(st, 201);
    let novo = c["saidaEstoque"]["cancelamentoSaidaEstoque"]["idEstoqueGeradoNoCancelamentoSaida"]
        .as_i64()
        .ok_or("novo id")?;
    // Renovar: the acknowledgement is required.
    let renovar = "/api/montadora/saidas-estoque-veiculo-zero-km-renovar";
    let (st, erro) = post(&sim, renovar, &venda(&sim, novo, None)).await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "Renovar");
    let ciente = com(
        venda(
            &sim,
            novo,
            Some((CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO)),
        ),
        "estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar",
        json!(true),
    );
    let (st, est) = post(&sim, renovar, &ciente).await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["entregas"][0]["estado"], "PENDENTE");

    // Unfinished: each route refuses the other kind of vehicle.
    let inacabado = "/api/montadora/saidas-estoque-veiculo-inacabado";
    let (st, erro) = post(
        &sim,
        "/api/montadora/saidas-estoque-veiculo-zero-km",
        &venda(&sim, ID_ESTOQUE_MONTADORA_INACABADO, None),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "inacabado");
    let corpo = com(
        venda(&sim, ID_ESTOQUE_MONTADORA_INACABADO, None),
        "leasingVeiculoInacabado",
        json!(true),
    );
    let (st, est) = post(&sim, inacabado, &corpo).await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["leasingVeiculoInacabado"], true);
    // No ATPV-e for an unfinished vehicle.
    let (st, _) = get(
        &sim,
        &format!("/api/montadora/pdf-atpv?chassi={INACABADO_EM_ESTOQUE_MONTADORA}"),
    )
    .await?;
    assert_eq!(st, 422);
    let (st, c) = post(
        &sim,
        "/api/montadora/cancelamentos-saidas-estoque-veiculo-inacabado",
        &cancelamento_saida(&sim, ID_ESTOQUE_MONTADORA_INACABADO),
    )
    .await?;
    assert_eq!(st, 201, "{c}");
    let novo = c["saidaEstoque"]["cancelamentoSaidaEstoque"]["idEstoqueGeradoNoCancelamentoSaida"]
        .as_i64()
        .ok_or("novo id")?;
    let (st, erro) = post(
        &sim,
        "/api/montadora/cancelamentos-saidas-estoque-veiculo-inacabado",
        &cancelamento_saida(&sim, ID_ESTOQUE_MONTADORA_INACABADO),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "já foi cancelada");
    let renovar_inacabado = com(
        corpo.clone(),
        "estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar",
        json!(true),
    );
    let (st, est) = post(
        &sim,
        "/api/montadora/saidas-estoque-veiculo-inacabado-renovar",
        &com(renovar_inacabado, "idEstoque", json!(novo)),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["estado"], "FINALIZADO");
    // An unknown stock is a 404.
    let (st, erro) = post(&sim, inacabado, &com(corpo, "idEstoque", json!(4_242))).await?;
    assert_eq!(st, 404);
    assert_erro(&erro, "Não encontrado", "4242");
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Montadora ↔ ITE
// ------------------------------------------------------------------------------------------

#[tokio::test]
async fn montadora_transfere_inacabado_para_a_ite_e_recebe_de_volta() -> Resultado {
    let sim = simulador().await;
    let autorizar = |destino: &str| {
        json!({
            "chaveNotaFiscalProdutoSaida": CHAVE_1, "cnpjIteDestino": destino,
            "cpfOperadorResponsavel": CPF_OPERADOR, "idEstoqueOrigem": ID_ESTOQUE_MONTADORA_INACABADO,
            "tipoBeneficioTributario": "NENHUM",
        })
    };
    let rota = "/api/montadora/autorizacoes-transferencias-para-ite";
    // Only an ITE Renave knows; only an unfinished vehicle.
    let (st, erro) = post(&sim, rota, &autorizar(CNPJ_ESTABELECIMENTO)).await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "ITE");
    let (st, erro) = post(
        &sim,
        rota,
        &com(
            autorizar(CNPJ_ITE),
            "idEstoqueOrigem",
            json!(ID_ESTOQUE_MONTADORA),
        ),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "inacabado");
    let (st, aut) = post(&sim, rota, &autorizar(CNPJ_ITE)).await?;
    assert_eq!(st, 201, "{aut}");
    assert_eq!(aut["paraIte"], true);
    assert_eq!(aut["estadoAutorizacaoTransferencia"], "CRIADA");
    assert_eq!(aut["cnpjEstabelecimentoAutorizador"], CNPJ_MONTADORA);
    assert_eq!(aut["cnpjEstabelecimentoDestino"], CNPJ_ITE);
    let id_aut = id(&aut)?;
    let (st, erro) = post(&sim, rota, &autorizar(CNPJ_ITE)).await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "já possui autorização");
    // The vehicle cannot be sold while the authorization is pending.
    let (st, _) = post(
        &sim,
        "/api/montadora/saidas-estoque-veiculo-inacabado",
        &venda(&sim, ID_ESTOQUE_MONTADORA_INACABADO, None),
    )
    .await?;
    assert_eq!(st, 422);
    // The ITE lists it; the establishment does not.
    let (_, lista) = get(
        &sim,
        &format!("/api/ite/autorizacoes-transferencias?chassi={INACABADO_EM_ESTOQUE_MONTADORA}&estadoAutorizacao=CRIADA"),
    )
    .await?;
    assert_eq!(lista[0]["id"], id_aut);
    let (_, lista) = get(
        &sim,
        &format!("/api/autorizacoes-transferencias?chassi={INACABADO_EM_ESTOQUE_MONTADORA}"),
    )
    .await?;
    assert_eq!(lista, json!([]));
    // Cancelled by the montadora, it can no longer be consumed; the ITE cannot cancel it.
    let cancelar = json!({ "cpfOperadorResponsavel": CPF_OPERADOR, "idAutorizacao": id_aut });
    let (st, erro) = post(
        &sim,
        "/api/ite/cancelamentos-autorizacoes-transferencias-estoque-vindo-de-ite",
        &cancelar,
    )
    .await?;
    assert_eq!(st, 422, "{erro}");
    let (st, c) = post(
        &sim,
        "/api/montadora/cancelamentos-autorizacoes-transferencias-para-ite",
        &cancelar,
    )
    .await?;
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["estadoAutorizacaoTransferencia"], "CANCELADA");
    let (st, erro) = post(
        &sim,
        "/api/ite/transferencias-para-ite",
        &recebimento(&sim, id_aut),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "CRIADA");
    let (st, erro) = post(
        &sim,
        "/api/montadora/cancelamentos-autorizacoes-transferencias-para-ite",
        &cancelar,
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "CRIADA");

    // Authorized again and consumed by the ITE: the stock moves from one estoque to the other.
    let (_, aut) = post(&sim, rota, &autorizar(CNPJ_ITE)).await?;
    let id_aut = id(&aut)?;
    let (st, na_ite) = post(
        &sim,
        "/api/ite/transferencias-para-ite",
        &recebimento(&sim, id_aut),
    )
    .await?;
    assert_eq!(st, 201, "{na_ite}");
    assert_eq!(na_ite["estado"], "CONFIRMADO");
    assert_eq!(na_ite["estoqueEmIte"], true);
    assert_eq!(
        na_ite["idEstoqueOrigemTransferencia"],
        ID_ESTOQUE_MONTADORA_INACABADO
    );
    assert_eq!(
        na_ite["entradaEstoque"]["chaveNotaFiscalRemessaEntrada"],
        CHAVE_2
    );
    let id_ite = id(&na_ite)?;
    let (st, _) = post(
        &sim,
        "/api/ite/transferencias-para-ite",
        &recebimento(&sim, id_aut),
    )
    .await?;
    assert_eq!(st, 422, "consumed once");
    let origem = estoque_de(&sim, "/montadora", INACABADO_EM_ESTOQUE_MONTADORA).await?;
    assert_eq!(origem[0]["estado"], "FINALIZADO");
    assert_eq!(
        origem[0]["saidaEstoque"]["motivo"],
        "TRANSFERENCIA_ESTABELECIMENTO"
    );
    assert_eq!(origem[0]["idEstoqueGeradoPorTransferencia"], id_ite);
    let (_, a) = get(
        &sim,
        &format!("/api/montadora/autorizacoes-transferencias?chassi={INACABADO_EM_ESTOQUE_MONTADORA}&estadoAutorizacao=CONSUMIDA"),
    )
    .await?;
    assert_eq!(a[0]["idEstoqueGerado"], id_ite);

    // The ITE finishes the vehicle (homologação mock) and cannot cancel a transfer-in as an
    // entrada: it authorizes the way back (paraCancelamentoDeTransferencia).
    let (st, erro) = post(
        &sim,
        "/api/ite/cancelamentos-entrada-estoque-ite",
        &cancelamento_entrada(&sim, id_ite),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "transferência");
    let (st, acabado) = post(
        &sim,
        "/api/ite/veiculos-inacabados-mock/acabar",
        &json!(INACABADO_EM_ESTOQUE_MONTADORA),
    )
    .await?;
    assert_eq!(st, 200, "{acabado}");
    assert_eq!(acabado["veiculoAcabado"], true);
    let (_, veiculo) = get(
        &sim,
        &format!("/api/ite/veiculos?chassi={INACABADO_EM_ESTOQUE_MONTADORA}"),
    )
    .await?;
    assert_eq!(veiculo["veiculoAcabado"], true);
    let volta = |destino: &str| {
        json!({
            "cnpjEstabelecimentoDestino": destino, "cpfOperadorResponsavel": CPF_OPERADOR,
            "idEstoqueOrigem": id_ite, "paraCancelamentoDeTransferencia": true, "valorProduto": 210_000,
        })
    };
    let rota_ite = "/api/ite/autorizacoes-transferencias-estoque-vindo-de-ite";
    let (st, erro) = post(&sim, rota_ite, &volta(CNPJ_ESTABELECIMENTO)).await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "origem da transferência");
    let (st, aut) = post(&sim, rota_ite, &volta(CNPJ_MONTADORA)).await?;
    assert_eq!(st, 201, "{aut}");
    assert_eq!(aut["paraCancelamentoDeTransferencia"], true);
    assert_eq!(aut["estoqueOrigemEmIte"], true);
    let (st, de_volta) = post(
        &sim,
        "/api/montadora/transferencias-estoque-vindo-de-ite",
        &recebimento(&sim, id(&aut)?),
    )
    .await?;
    assert_eq!(st, 201, "{de_volta}");
    assert_eq!(de_volta["estado"], "CONFIRMADO");
    assert_eq!(
        de_volta["leasingVeiculoInacabado"],
        Value::Null,
        "finished now"
    );
    assert_eq!(
        de_volta["entradaEstoque"]["chaveNotaFiscalServicoEntrada"],
        CHAVE_3
    );
    assert!(de_volta["entregas"].is_array(), "montadora shape");
    let na_ite = estoque_de(&sim, "/ite", INACABADO_EM_ESTOQUE_MONTADORA).await?;
    assert_eq!(na_ite[0]["estado"], "FINALIZADO");
    Ok(())
}

// ------------------------------------------------------------------------------------------
// ITE
// ------------------------------------------------------------------------------------------

#[tokio::test]
async fn ite_entrada_saida_e_cancelamentos() -> Resultado {
    let sim = simulador().await;
    let (st, clientes) = get(
        &sim,
        &format!("/api/ite/clientes-montadoras?chassi={INACABADO_PARA_ITE}"),
    )
    .await?;
    assert_eq!(st, 200);
    assert_eq!(
        clientes.as_array().map(Vec::len),
        Some(CLIENTES_MONTADORA.len())
    );
    assert_eq!(
        clientes[0]["codigoClientemontadora"],
        CLIENTES_MONTADORA[0].0
    );
    assert_eq!(
        clientes[0]["descricaoClientemontadora"],
        CLIENTES_MONTADORA[0].1
    );
    let (st, _) = get(&sim, "/api/ite/clientes-montadoras").await?;
    assert_eq!(st, 400);

    let entrada = json!({
        "chassi": INACABADO_PARA_ITE, "chaveNotaFiscalRemessa": CHAVE_2,
        "clienteDaIte": { "tipoDocumento": "CNPJ", "numeroDocumento": CNPJ_ESTABELECIMENTO, "nome": "REVENDA" },
        "codigoClienteMontadora": CLIENTES_MONTADORA[0].0, "cpfOperadorResponsavel": CPF_OPERADOR,
        "dataEntradaEstoque": dh(&sim), "dataHoraMedicaoHodometro": dh(&sim),
        "quilometragemHodometro": 3, "valorProduto": 95_000,
    });
    let rota = "/api/ite/entradas-estoque";
    let (st, erro) = post(
        &sim,
        rota,
        &com(entrada.clone(), "codigoClienteMontadora", json!("9999")),
    )
    .await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "9999");
    let mut sem_cliente = entrada.clone();
    if let Value::Object(m) = &mut sem_cliente {
        m.remove("clienteDaIte");
        m.remove("codigoClienteMontadora");
    }
    let (st, erro) = post(&sim, rota, &sem_cliente).await?;
    assert_eq!(st, 400);
    assert_erro(&erro, "Requisição inválida", "clienteDaIte");
    let (st, est) = post(&sim, rota, &entrada).await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["estado"], "CONFIRMADO");
    assert_eq!(est["estoqueEmIte"], true);
    assert_eq!(
        est["entradaEstoque"]["chaveNotaFiscalRemessaEntrada"],
        CHAVE_2
    );
    assert_eq!(
        est["entradaEstoque"]["codigoClienteMontadora"],
        CLIENTES_MONTADORA[0].0
    );
    let id_estoque = id(&est)?;
    let (st, erro) = post(&sim, rota, &entrada).await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "possui um estoque ativo");
    let (st, termo) = get(
        &sim,
        &format!("/api/ite/estoques/{id_estoque}/termo-entrada-estoque"),
    )
    .await?;
    assert_eq!(st, 200);
    assert!(termo["numeroTermoEntradaEstoque"].is_i64());
    // Not the establishment's.
    let (st, _) = get(&sim, &format!("/api/estoques/{id_estoque}")).await?;
    assert_eq!(st, 404);

    // Cancel the entrada, enter again, then sell.
    let (st, c) = post(
        &sim,
        "/api/ite/cancelamentos-entrada-estoque-ite",
        &cancelamento_entrada(&sim, id_estoque),
    )
    .await?;
    assert_eq!(st, 201, "{c}");
    assert_eq!(c["estado"], "FINALIZADO");
    let (st, est) = post(&sim, rota, &entrada).await?;
    assert_eq!(st, 201);
    let id_estoque = id(&est)?;
    let saida = json!({
        "chaveNotaFiscalProduto": CHAVE_1, "chaveNotaFiscalServico": CHAVE_3, "comprador": comprador(),
        "cpfOperadorResponsavel": CPF_OPERADOR, "dataVenda": dh(&sim),
        "emailEstabelecimento": "ite@example.com", "idEstoque": id_estoque, "valorVenda": 250_000,
    });
    let (st, erro) = post(
        &sim,
        "/api/ite/saidas-estoque",
        &com(saida.clone(), "chaveNotaFiscalServico", json!("123")),
    )
    .await?;
    assert_eq!(st, 400);
    assert_erro(&erro, "Requisição inválida", "nota fiscal");
    let (st, vendido) = post(&sim, "/api/ite/saidas-estoque", &saida).await?;
    assert_eq!(st, 201, "{vendido}");
    assert_eq!(vendido["estado"], "FINALIZADO");
    assert_eq!(vendido["saidaEstoque"]["chaveNotaFiscalSaida"], CHAVE_1);
    assert_eq!(
        vendido["saidaEstoque"]["chaveNotaFiscalServicoSaida"],
        CHAVE_3
    );
    let (st, doc) = get(
        &sim,
        &format!("/api/ite/pdf-atpv?chassi={INACABADO_PARA_ITE}"),
    )
    .await?;
    assert_eq!(st, 200, "{doc}");
    // Wrong state: a sold stock cannot be cancelled as an entrada, nor sold twice.
    let (st, _) = post(
        &sim,
        "/api/ite/cancelamentos-entrada-estoque-ite",
        &cancelamento_entrada(&sim, id_estoque),
    )
    .await?;
    assert_eq!(st, 422);
    let (st, _) = post(&sim, "/api/ite/saidas-estoque", &saida).await?;
    assert_eq!(st, 422);
    let (st, c) = post(
        &sim,
        "/api/ite/cancelamentos-saida-estoque-ite",
        &cancelamento_saida(&sim, id_estoque),
    )
    .await?;
    assert_eq!(st, 201, "{c}");
    let novo = c["saidaEstoque"]["cancelamentoSaidaEstoque"]["idEstoqueGeradoNoCancelamentoSaida"]
        .as_i64()
        .ok_or("novo id")?;
    let (_, lista) = get(
        &sim,
        &format!("/api/ite/estoques?estadoEstoque=CONFIRMADO&chassi={INACABADO_PARA_ITE}"),
    )
    .await?;
    assert_eq!(lista[0]["id"], novo);
    assert_eq!(lista[0]["estoqueEmIte"], true);
    // Renovar needs the acknowledgement.
    let renovar = com(saida, "idEstoque", json!(novo));
    let (st, _) = post(&sim, "/api/ite/saidas-estoque-renovar", &renovar).await?;
    assert_eq!(st, 422);
    let (st, est) = post(
        &sim,
        "/api/ite/saidas-estoque-renovar",
        &com(
            renovar,
            "estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar",
            json!(true),
        ),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Establishment ↔ ITE (E28, E29) and ITE ↔ ITE
// ------------------------------------------------------------------------------------------

#[tokio::test]
async fn e28_consome_a_autorizacao_da_ite_e_tira_o_veiculo_do_estoque_dela() -> Resultado {
    let sim = simulador().await;
    let (_, lista) = get(
        &sim,
        "/api/ite/autorizacoes-transferencias?estadoAutorizacao=CRIADA",
    )
    .await?;
    assert!(
        lista
            .as_array()
            .ok_or("lista")?
            .iter()
            .any(|a| a["id"] == ID_AUTORIZACAO_ITE && a["idEstoque"] == ID_ESTOQUE_ITE),
        "{lista}"
    );
    let (st, est) = post(
        &sim,
        "/api/transferencias-estoque-vindo-de-ite",
        &recebimento(&sim, ID_AUTORIZACAO_ITE),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["idEstoqueOrigemTransferencia"], ID_ESTOQUE_ITE);
    let na_ite = estoque_de(&sim, "/ite", ZERO_KM_NA_ITE).await?;
    assert_eq!(na_ite[0]["estado"], "FINALIZADO");
    assert_eq!(na_ite[0]["idEstoqueGeradoPorTransferencia"], est["id"]);
    // Only the destination consumes: the montadora cannot.
    let (st, _) = post(
        &sim,
        "/api/montadora/transferencias-estoque-vindo-de-ite",
        &recebimento(&sim, ID_AUTORIZACAO_ITE),
    )
    .await?;
    assert_eq!(st, 422);
    Ok(())
}

#[tokio::test]
async fn e29_do_estabelecimento_para_a_ite_e_volta_pela_e28() -> Resultado {
    let sim = simulador().await;
    let (st, est) = post(
        &sim,
        "/api/entradas-estoque-zero-km",
        &json!({
            "chassi": INACABADO_DO_ESTABELECIMENTO, "chaveNotaFiscal": CHAVE_1, "valorCompra": 90_000,
            "dataEntradaEstoque": dh(&sim), "dataHoraMedicaoHodometro": dh(&sim),
            "quilometragemHodometro": 0, "cpfOperadorResponsavel": CPF_OPERADOR,
        }),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    let id_origem = id(&est)?;
    let (st, aut) = post(
        &sim,
        "/api/autorizacoes-transferencias-para-ite",
        &json!({
            "chaveNotaFiscalProdutoSaida": CHAVE_2, "cnpjIteDestino": CNPJ_ITE,
            "cpfOperadorResponsavel": CPF_OPERADOR, "idEstoqueOrigem": id_origem,
        }),
    )
    .await?;
    assert_eq!(st, 201, "{aut}");
    let (st, na_ite) = post(
        &sim,
        "/api/ite/transferencias-para-ite",
        &recebimento(&sim, id(&aut)?),
    )
    .await?;
    assert_eq!(st, 201, "{na_ite}");
    let (_, origem) = get(&sim, &format!("/api/estoques/{id_origem}")).await?;
    assert_eq!(origem["estado"], "FINALIZADO");
    assert_eq!(
        origem["saidaEstoque"]["motivo"],
        "TRANSFERENCIA_ESTABELECIMENTO"
    );
    // The ITE sends it back (not for cancellation: a normal authorization to the establishment).
    let (st, volta) = post(
        &sim,
        "/api/ite/autorizacoes-transferencias-estoque-vindo-de-ite",
        &json!({
            "cnpjEstabelecimentoDestino": CNPJ_ESTABELECIMENTO, "cpfOperadorResponsavel": CPF_OPERADOR,
            "idEstoqueOrigem": id(&na_ite)?, "paraCancelamentoDeTransferencia": false, "valorProduto": 260_000,
        }),
    )
    .await?;
    assert_eq!(st, 201, "{volta}");
    let (_, vistas) = get(
        &sim,
        &format!("/api/autorizacoes-transferencias?chassi={INACABADO_DO_ESTABELECIMENTO}&estadoAutorizacao=CRIADA"),
    )
    .await?;
    assert_eq!(vistas[0]["id"], volta["id"], "the destination lists it");
    let (st, de_volta) = post(
        &sim,
        "/api/transferencias-estoque-vindo-de-ite",
        &recebimento(&sim, id(&volta)?),
    )
    .await?;
    assert_eq!(st, 201, "{de_volta}");
    assert_eq!(de_volta["estado"], "CONFIRMADO");
    let ativos: Vec<Value> = estoque_de(&sim, "", INACABADO_DO_ESTABELECIMENTO)
        .await?
        .into_iter()
        .filter(|s| s["estado"] == "CONFIRMADO")
        .collect();
    assert_eq!(ativos.len(), 1);
    Ok(())
}

#[tokio::test]
async fn transferencias_entre_ites() -> Resultado {
    let sim = simulador().await;
    // From another ITE to the ITE: only through the ITE-to-ITE route.
    let (st, _) = post(
        &sim,
        "/api/ite/transferencias-para-ite",
        &recebimento(&sim, ID_AUTORIZACAO_OUTRA_ITE),
    )
    .await?;
    assert_eq!(st, 422);
    let (st, est) = post(
        &sim,
        "/api/ite/transferencias-vindo-de-ite-para-ite",
        &recebimento(&sim, ID_AUTORIZACAO_OUTRA_ITE),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["chassi"], INACABADO_DE_OUTRA_ITE);
    assert_eq!(est["estoqueEmIte"], true);
    // From the ITE to the other ITE: created, listed, cancelled.
    let (st, aut) = post(
        &sim,
        "/api/ite/autorizacoes-transferencias-estoque-vindo-de-ite",
        &json!({
            "cnpjEstabelecimentoDestino": CNPJ_OUTRA_ITE, "cpfOperadorResponsavel": CPF_OPERADOR,
            "idEstoqueOrigem": id(&est)?, "valorProduto": 1_000,
        }),
    )
    .await?;
    assert_eq!(st, 201, "{aut}");
    assert_eq!(aut["cnpjEstabelecimentoAutorizador"], CNPJ_ITE);
    assert_eq!(aut["nomeEstabelecimentoAutorizador"], NOME_ITE);
    let cancelar = json!({ "cpfOperadorResponsavel": CPF_OPERADOR, "idAutorizacao": aut["id"] });
    let rota = "/api/ite/cancelamentos-autorizacoes-transferencias-estoque-vindo-de-ite";
    let (st, c) = post(&sim, rota, &cancelar).await?;
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["estadoAutorizacaoTransferencia"], "CANCELADA");
    let (st, erro) = post(&sim, rota, &cancelar).await?;
    assert_eq!(st, 422);
    assert_erro(&erro, "Erro de negócio", "CRIADA");
    let (st, erro) = post(
        &sim,
        rota,
        &json!({ "cpfOperadorResponsavel": CPF_OPERADOR, "idAutorizacao": 999_999 }),
    )
    .await?;
    assert_eq!(st, 404);
    assert_erro(&erro, "Não encontrado", "999999");
    Ok(())
}

// ------------------------------------------------------------------------------------------
// The bodies the digest leaves open, as the typed client sends them (S4, S11)
// ------------------------------------------------------------------------------------------

fn sem(mut v: Value, campo: &str) -> Value {
    if let Value::Object(m) = &mut v {
        m.remove(campo);
    }
    v
}

/// `veiculos-inacabados-mock/acabar` takes the chassis as the whole body, a bare JSON string
/// (S4); an object is not that body.
#[tokio::test]
async fn mock_acabar_recebe_o_chassi_como_texto_json() -> Resultado {
    let sim = simulador().await;
    let (st, est) = post(
        &sim,
        "/api/ite/entradas-estoque",
        &json!({
            "chassi": INACABADO_PARA_ITE, "chaveNotaFiscalRemessa": CHAVE_1,
            "codigoClienteMontadora": CLIENTES_MONTADORA[0].0, "cpfOperadorResponsavel": CPF_OPERADOR,
            "dataEntradaEstoque": dh(&sim), "dataHoraMedicaoHodometro": dh(&sim),
            "quilometragemHodometro": 3, "valorProduto": 90_000,
        }),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    let rota = "/api/ite/veiculos-inacabados-mock/acabar";
    let (st, erro) = post(&sim, rota, &json!({ "chassi": INACABADO_PARA_ITE })).await?;
    assert_eq!(st, 400, "{erro}");
    assert_erro(&erro, "Requisição inválida", "chassi");
    let (st, acabado) = post(&sim, rota, &json!(INACABADO_PARA_ITE)).await?;
    assert_eq!(st, 200, "{acabado}");
    assert_eq!(acabado["veiculoAcabado"], true);
    let (st, erro) = post(&sim, rota, &json!("NAO-E-CHASSI")).await?;
    assert_eq!(st, 400, "{erro}");
    Ok(())
}

/// `transferencias-para-ite` reads S4's body (`chaveNotaFiscalRemessa` required,
/// `codigoClienteMontadora` and `valorProduto` optional); `transferencias-vindo-de-ite-para-ite`
/// too (`chaveNotaFiscalProduto` required, `chaveNotaFiscalServico` kept).
#[tokio::test]
async fn transferencias_da_ite_leem_o_corpo_de_s4() -> Resultado {
    let sim = simulador().await;
    let (st, erro) = post(
        &sim,
        "/api/ite/transferencias-vindo-de-ite-para-ite",
        &sem(
            recebimento(&sim, ID_AUTORIZACAO_OUTRA_ITE),
            "chaveNotaFiscalProduto",
        ),
    )
    .await?;
    assert_eq!(st, 400, "{erro}");
    assert_erro(&erro, "Requisição inválida", "nota fiscal");
    let corpo_s4 = sem(
        recebimento(&sim, ID_AUTORIZACAO_OUTRA_ITE),
        "chaveNotaFiscalRemessa",
    );
    let (st, est) = post(
        &sim,
        "/api/ite/transferencias-vindo-de-ite-para-ite",
        &corpo_s4,
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["entradaEstoque"]["chaveNotaFiscalEntrada"], CHAVE_1);
    assert_eq!(
        est["entradaEstoque"]["chaveNotaFiscalServicoEntrada"],
        CHAVE_3
    );

    // The montadora authorizes its unfinished vehicle to the ITE.
    let (st, aut) = post(
        &sim,
        "/api/montadora/autorizacoes-transferencias-para-ite",
        &json!({
            "chaveNotaFiscalProdutoSaida": CHAVE_1, "cnpjIteDestino": CNPJ_ITE,
            "cpfOperadorResponsavel": CPF_OPERADOR, "idEstoqueOrigem": ID_ESTOQUE_MONTADORA_INACABADO,
        }),
    )
    .await?;
    assert_eq!(st, 201, "{aut}");
    let para_ite = |extra: Option<(&str, Value)>| {
        let mut v = json!({
            "chaveNotaFiscalRemessa": CHAVE_2, "cpfOperadorResponsavel": CPF_OPERADOR,
            "dataHoraMedicaoHodometro": dh(&sim), "dataTransferenciaEstoque": dh(&sim),
            "idAutorizacao": aut["id"], "quilometragemHodometro": 7,
        });
        if let Some((k, x)) = extra {
            v[k] = x;
        }
        v
    };
    let rota = "/api/ite/transferencias-para-ite";
    let (st, erro) = post(&sim, rota, &sem(para_ite(None), "chaveNotaFiscalRemessa")).await?;
    assert_eq!(st, 400, "{erro}");
    assert_erro(&erro, "Requisição inválida", "nota fiscal");
    let (st, erro) = post(
        &sim,
        rota,
        &para_ite(Some(("codigoClienteMontadora", json!("9999")))),
    )
    .await?;
    assert_eq!(st, 422, "{erro}");
    assert_erro(&erro, "Erro de negócio", "9999");
    let (st, est) = post(
        &sim,
        rota,
        &para_ite(Some((
            "codigoClienteMontadora",
            json!(CLIENTES_MONTADORA[1].0),
        ))),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(
        est["entradaEstoque"]["chaveNotaFiscalRemessaEntrada"],
        CHAVE_2
    );
    assert_eq!(
        est["entradaEstoque"]["codigoClienteMontadora"],
        CLIENTES_MONTADORA[1].0
    );
    Ok(())
}

/// The montadora's Renovar sale of an unfinished vehicle names its dealers under `entregas`
/// (S11's property); the venda direta's `entregaIndicada` is not read there.
#[tokio::test]
async fn renovar_inacabado_da_montadora_le_entregas() -> Resultado {
    let sim = simulador().await;
    let rota = "/api/montadora/saidas-estoque-veiculo-inacabado-renovar";
    let dealers = json!({
        "cnpjConcessionariaEntregadora": CNPJ_ESTABELECIMENTO,
        "cnpjConcessionariaVendedora": CNPJ_ESTABELECIMENTO,
    });
    let corpo = com(
        venda(&sim, ID_ESTOQUE_MONTADORA_INACABADO, None),
        "estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar",
        json!(true),
    );
    let (st, est) = post(
        &sim,
        rota,
        &com(corpo.clone(), "entregaIndicada", dealers.clone()),
    )
    .await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(
        est["entregas"],
        json!([]),
        "entregaIndicada is not this body's"
    );
    let (st, c) = post(
        &sim,
        "/api/montadora/cancelamentos-saidas-estoque-veiculo-inacabado",
        &cancelamento_saida(&sim, ID_ESTOQUE_MONTADORA_INACABADO),
    )
    .await?;
    assert_eq!(st, 201, "{c}");
    let novo =
        c["saidaEstoque"]["cancelamentoSaidaEstoque"]["idEstoqueGeradoNoCancelamentoSaida"].clone();
    let corpo = com(corpo, "idEstoque", novo);
    let (st, est) = post(&sim, rota, &com(corpo, "entregas", dealers)).await?;
    assert_eq!(st, 201, "{est}");
    assert_eq!(est["entregas"][0]["estado"], "PENDENTE", "{est}");
    assert_eq!(
        est["entregas"][0]["cnpjEstabelecimentoEntregador"],
        CNPJ_ESTABELECIMENTO
    );
    Ok(())
}
