//! The one simulated world (`SimuladoresRenave`): both simulators know the same vehicles,
//! establishment and people, and the seller's ATPV-e signature sent to Renave-WS (E5) reaches
//! CET-MG with the same number (R §6.1.7 3.2.4, §6.1.8); each simulator alone stays apart.

mod cetmg_comum;

use base64::Engine as _;
use cetmg_comum::{Cliente, corpo_solicitacao, ok, recusa};
use renave_simulador::SimuladoresRenave;
use renave_simulador::cetmg::{CNPJ_ESTABELECIMENTO, SimuladorCetMg};
use renave_simulador::renave_ws::{SimuladorRenaveWs, SituacaoInicial};
use serde_json::{Value, json};

type Resultado = Result<(), Box<dyn std::error::Error>>;

async fn mundo() -> SimuladoresRenave {
    SimuladoresRenave::iniciar_com(
        SimuladorCetMg::builder(),
        SimuladorRenaveWs::builder().tempo_real(false),
    )
    .await
}

async fn post_ws(sim: &SimuladorRenaveWs, caminho: &str, corpo: &Value) -> (u16, Value) {
    cetmg_comum::instalar_provedor_tls();
    let r = reqwest::Client::new()
        .post(format!("{}{caminho}", sim.uri()))
        .json(corpo)
        .send()
        .await
        .expect("send");
    let status = r.status().as_u16();
    let texto = r.text().await.expect("body");
    (status, serde_json::from_str(&texto).unwrap_or(Value::Null))
}

async fn get_ws(sim: &SimuladorRenaveWs, caminho: &str) -> (u16, Value) {
    cetmg_comum::instalar_provedor_tls();
    let r = reqwest::Client::new()
        .get(format!("{}{caminho}", sim.uri()))
        .send()
        .await
        .expect("send");
    let status = r.status().as_u16();
    let texto = r.text().await.expect("body");
    (status, serde_json::from_str(&texto).unwrap_or(Value::Null))
}

/// E3 entrada of the seeded private car, then E5 seller signature; returns the stock id.
async fn entrada_e_assinatura(sim: &SimuladorRenaveWs) -> i64 {
    let dados = sim.dados();
    let carro = dados
        .usados
        .iter()
        .find(|u| u.situacao == SituacaoInicial::ParticularProntoParaEntrada)
        .expect("private car");
    let agora = sim.agora();
    let corpo = json!({
        "cpfOperadorResponsavel": dados.cpf_operador.as_str(),
        "dataCompra": agora.data().to_string(),
        "valorCompra": 35000.0,
        "emailEstabelecimento": "loja@revenda.example",
        "emailVendedor": "vendedor@example.com",
        "veiculo": {
            "codigoSegurancaCrv": carro.codigo_seguranca_crv.as_str(),
            "tipoCrv": carro.tipo_crv.as_str(),
            "numeroCrv": carro.numero_crv.as_str(),
            "placa": carro.placa.as_str(),
            "renavam": carro.renavam.as_str(),
            "quilometragemHodometro": 81234,
            "dataHoraMedicaoHodometro": agora.to_string(),
            "documentoProprietarioAtual": carro.proprietario.as_str(),
            "tipoDocumentoProprietarioAtual": "CPF",
        },
    });
    let (st, est) = post_ws(sim, "/api/solicitacoes-entrada-estoque", &corpo).await;
    assert_eq!(st, 201, "{est}");
    let id = est["id"].as_i64().expect("id");
    let assinatura = json!({
        "idEstoque": id,
        "envioAssinaturaProprioPunhoAtpve": {
            "fotoAtpveAssinadoDeProprioPunhoBase64":
                base64::engine::general_purpose::STANDARD.encode(b"foto assinada"),
        },
    });
    let (st, corpo) = post_ws(sim, "/api/atpv-assinatura-vendedor", &assinatura).await;
    assert_eq!(st, 200, "{corpo}");
    id
}

#[tokio::test]
async fn os_dois_simuladores_conhecem_o_mesmo_veiculo_loja_e_pessoas() {
    let m = mundo().await;
    let dados = m.renave_ws.dados();
    assert_eq!(dados.cnpj_estabelecimento.as_str(), CNPJ_ESTABELECIMENTO);
    let particulares: Vec<_> = dados
        .usados
        .iter()
        .filter(|u| u.situacao == SituacaoInicial::ParticularProntoParaEntrada)
        .collect();
    // The apto car and the apto motorcycle of CET-MG are Renave-WS's private vehicles.
    assert_eq!(particulares.len(), 2);
    for u in particulares {
        let v = m.cetmg.veiculo(&u.chassi).expect("known on CET-MG");
        assert!(v.is_apto(), "{v}");
        assert!(v.id_estoque.is_none());
        assert_eq!(v.placa, u.placa);
        assert_eq!(v.renavam, u.renavam);
        assert_eq!(v.proprietario, u.proprietario);
    }
    // Every CET-MG vehicle is the same vehicle on Renave-WS, where it starts where CET-MG says:
    // apto and private → ready for an entrada; não apto → private with an impediment; in stock
    // → CONFIRMADO with the same stock id.
    let veiculos = m.cetmg.veiculos();
    assert_eq!(veiculos.len(), 15);
    for v in &veiculos {
        let u = dados
            .usados
            .iter()
            .find(|u| u.chassi == v.chassi)
            .unwrap_or_else(|| panic!("{v} unknown to Renave-WS"));
        assert_eq!((u.placa, u.renavam), (v.placa, v.renavam), "{v}");
        assert_eq!(u.proprietario, v.proprietario, "{v}");
        let esperada = match (&v.id_estoque, v.impedimento) {
            (Some(id), _) => {
                assert_eq!(
                    u.id.map(|i| i.to_string()).as_ref(),
                    Some(id),
                    "same stock id"
                );
                assert_eq!(v.proprietario.as_str(), CNPJ_ESTABELECIMENTO);
                SituacaoInicial::EmEstoqueConfirmado
            }
            (None, Some(_)) => SituacaoInicial::ParticularComImpedimento,
            (None, None) => SituacaoInicial::ParticularProntoParaEntrada,
        };
        assert_eq!(u.situacao, esperada, "{v}");
    }
}

#[tokio::test]
async fn assinatura_no_renave_ws_marca_a_atpve_assinada_na_cetmg_com_o_mesmo_numero() -> Resultado {
    let m = mundo().await;
    let carro = m
        .cetmg
        .veiculos()
        .into_iter()
        .find(|v| v.descricao.starts_with("apto — automóvel"))
        .ok_or("apto car")?;
    let c = Cliente::novo(&m.cetmg).await;
    ok(&c
        .post(
            "registrar-solicitacao-servico-transferencia-propriedade-veiculo",
            &corpo_solicitacao(&carro, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await);
    let corpo_com = |numero: &str| json!({"placa": carro.placa.as_str(), "renavam": carro.renavam.as_str(), "chassi": carro.chassi.as_str(), "numero_atpve": numero});
    // Not signed yet on Renave-WS: CET-MG refuses the comunicação de venda (401).
    assert_eq!(m.cetmg.atpve_assinada(&carro.chassi), None);
    recusa(
        &c.post(
            "registrar-comunicacao-venda-entrada-estoque",
            &corpo_com("123"),
        )
        .await,
        "401",
    );

    let id_estoque_ws = entrada_e_assinatura(&m.renave_ws).await;
    let (st, ultima) = get_ws(
        &m.renave_ws,
        &format!(
            "/api/atpv-assinaturas/{}/{}/ultimo",
            carro.placa.as_str(),
            carro.renavam.as_str()
        ),
    )
    .await;
    assert_eq!(st, 200, "{ultima}");
    let numero_ws = ultima["numeroAtpve"].as_str().ok_or("numeroAtpve")?;
    assert_eq!(
        m.cetmg.atpve_assinada(&carro.chassi).as_deref(),
        Some(numero_ws)
    );
    let com = c
        .post(
            "registrar-comunicacao-venda-entrada-estoque",
            &corpo_com(numero_ws),
        )
        .await;
    // The vehicle's stock on CET-MG is the Renave-WS stock the ATPV-e was signed for: the id
    // the comunicação de venda de saída names (`cetmg-api.md` §3.14).
    assert_eq!(
        ok(&com)["id_estoque"].as_str(),
        Some(id_estoque_ws.to_string().as_str()),
        "{com:?}"
    );
    assert_eq!(
        m.cetmg
            .veiculo(&carro.chassi)
            .and_then(|v| v.id_estoque.clone()),
        Some(id_estoque_ws.to_string())
    );
    // Consumed by the comunicação.
    assert_eq!(m.cetmg.atpve_assinada(&carro.chassi), None);
    Ok(())
}

#[tokio::test]
async fn simuladores_sozinhos_nao_compartilham_assinaturas() {
    let cetmg = SimuladorCetMg::iniciar().await;
    let ws = SimuladorRenaveWs::builder()
        .tempo_real(false)
        .iniciar()
        .await;
    entrada_e_assinatura(&ws).await;
    let chassi = ws
        .dados()
        .usados
        .iter()
        .find(|u| u.situacao == SituacaoInicial::ParticularProntoParaEntrada)
        .map(|u| u.chassi)
        .expect("car");
    assert_eq!(cetmg.atpve_assinada(&chassi), None);
    // The manual knob still works alone.
    let numero = cetmg.registrar_assinatura_atpv(&chassi).expect("known");
    assert_eq!(cetmg.atpve_assinada(&chassi), Some(numero));
}

#[tokio::test]
async fn debug_e_display_do_mundo_nao_mostram_cpf_inteiro() {
    let m = mundo().await;
    let texto = format!("{m}\n{m:?}\n{:?}\n{}", m.renave_ws, m.renave_ws.dados());
    let dados = m.renave_ws.dados();
    let mut cpfs = vec![
        dados.cpf_operador.as_str().to_owned(),
        dados.cpf_comprador.as_str().to_owned(),
    ];
    cpfs.extend(
        m.cetmg
            .veiculos()
            .iter()
            .filter(|v| v.proprietario.as_str().len() == 11)
            .map(|v| v.proprietario.as_str().to_owned()),
    );
    assert!(cpfs.len() > 2);
    for c in cpfs {
        assert!(!texto.contains(&c), "full CPF {c} shown");
    }
    assert!(texto.contains("***.***.***-"));
}
