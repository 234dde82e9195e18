//! Issue 12: answers that differ from the SDK's contract fail closed and one odd value never
//! loses the rest — the E2 aptidão's three outcomes, an E11 stock list with an unreadable item,
//! and the recovery helper that refuses to decide on an incomplete list.
#![allow(clippy::unwrap_used)]

mod comum;

use comum::cliente_wiremock;
use renave_domain::{Chassi, ResultadoAptidao};
use renave_ws_client::Erro;
use renave_ws_client::helpers::recuperar_estoque_por_chassi;
use renave_ws_client::modelos::IdEstoque;
use renave_ws_client::operacoes::usados::{AptidaoVeiculoEstoque, ConsultaEstoques};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn aptidao(v: Value) -> AptidaoVeiculoEstoque {
    serde_json::from_value(v).unwrap()
}

#[test]
fn aptidao_ws_tem_tres_resultados() {
    let apto = json!({"comunicacaoComDetranFalhou": false,
        "diagnostico": {"veiculoApto": true, "motivosParaNaoAptidao": [],
            "veiculoComRouboFurto": false, "veiculoComRestricaoJudicial": "N"}});
    assert_eq!(aptidao(apto.clone()).resultado(), ResultadoAptidao::Apto);
    assert!(aptidao(apto.clone()).is_apto());

    let mut nao = apto.clone();
    nao["diagnostico"]["veiculoApto"] = json!(false);
    assert_eq!(aptidao(nao).resultado(), ResultadoAptidao::NaoApto);

    // Missing, renamed or odd verdict; Detran unreachable or odd; no diagnóstico; a flag
    // contradicting the verdict or not understood: indeterminado, never apto.
    let mut casos = Vec::new();
    let mut v = apto.clone();
    v["diagnostico"]
        .as_object_mut()
        .unwrap()
        .remove("veiculoApto");
    casos.push(v.clone());
    v["diagnostico"]["aptoParaEntrada"] = json!(true);
    casos.push(v);
    for estranho in [json!("TALVEZ"), json!(""), json!(2), json!({"valor": true})] {
        let mut v = apto.clone();
        v["diagnostico"]["veiculoApto"] = estranho.clone();
        casos.push(v);
        let mut v = apto.clone();
        v["comunicacaoComDetranFalhou"] = estranho.clone();
        casos.push(v);
        let mut v = apto.clone();
        v["diagnostico"]["veiculoComRouboFurto"] = estranho;
        casos.push(v);
    }
    let mut v = apto.clone();
    v["comunicacaoComDetranFalhou"] = json!(true);
    casos.push(v);
    let mut v = apto.clone();
    v["diagnostico"]["veiculoComRouboFurto"] = json!(true);
    casos.push(v);
    casos.push(json!({"comunicacaoComDetranFalhou": false}));
    for caso in casos {
        let a = aptidao(caso.clone());
        assert_eq!(a.resultado(), ResultadoAptidao::Indeterminado, "{caso}");
        assert!(!a.is_apto(), "{caso}");
    }
}

/// One estoque of `GET api/estoques` that cannot be read is reported with its index; the
/// others (with odd scalars kept raw) are kept.
#[tokio::test]
async fn lista_de_estoques_guarda_os_legiveis() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/estoques"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": 101, "estado": "CONFIRMADO",
             "saidaEstoque": {"numeroTermoSaidaEstoque": "555", "dataHora": "2026-09-24"},
             "quilometragemHodometro": "45000"},
            {"id": "ABC", "estado": "SOLICITADO"},
            {"id": 103, "estado": "ESTADO_NOVO", "entradaEstoque": {"dataHora": "2026-09-24T10:00:00-03:00"}}
        ])))
        .mount(&s)
        .await;
    let cliente = cliente_wiremock(&s);
    let lista = cliente
        .consultar_estoques(&ConsultaEstoques::default())
        .await
        .unwrap();
    assert_eq!(lista.validos().len(), 2);
    assert_eq!(lista.len_recebido(), 3);
    assert_eq!(
        lista
            .ilegiveis()
            .iter()
            .map(|(i, _)| *i)
            .collect::<Vec<_>>(),
        [1]
    );
    let primeiro = &lista.validos()[0];
    assert_eq!(primeiro.id, Some(IdEstoque(101)));
    let saida = primeiro.saida_estoque.as_ref().unwrap();
    assert_eq!(
        saida
            .numero_termo_saida_estoque
            .as_ref()
            .and_then(|n| n.valido()),
        Some(&555)
    );
    assert_eq!(
        saida.data_hora.as_ref().and_then(|d| d.bruto()),
        Some("2026-09-24"),
        "a date without a time is kept raw"
    );
    assert_eq!(
        primeiro
            .quilometragem_hodometro
            .as_ref()
            .and_then(|q| q.valido()),
        Some(&45_000)
    );
    let terceiro = &lista.validos()[1];
    assert_eq!(
        terceiro
            .entrada_estoque
            .as_ref()
            .and_then(|e| e.data_hora.as_ref())
            .and_then(|d| d.valido())
            .map(ToString::to_string)
            .as_deref(),
        Some("2026-09-24T10:00:00")
    );

    // The recovery helper decides on a whole list only: an unreadable item may be the stock
    // it looks for (fail closed).
    let chassi: Chassi = "9BWZZZ377VT004251".parse().unwrap();
    let erro = recuperar_estoque_por_chassi(&cliente, &chassi)
        .await
        .unwrap_err();
    assert!(
        matches!(&erro, Erro::RespostaInvalida { motivo, .. } if motivo.contains("[1]")),
        "{erro:?}"
    );
}

/// Issue 12: the montadora and ITE list answers keep their readable items too (they were
/// `Vec<T>`: one unreadable item failed the whole list).
#[tokio::test]
async fn listas_montadora_e_ite_guardam_os_legiveis() {
    use renave_ws_client::operacoes::montadora::FiltroEstoques;
    let s = MockServer::start().await;
    let lista = json!([{"id": 201, "estado": "CONFIRMADO"}, ["ilegível"], {"id": 203}]);
    for rota in ["/api/montadora/estoques", "/api/ite/estoques"] {
        Mock::given(method("GET"))
            .and(path(rota))
            .respond_with(ResponseTemplate::new(200).set_body_json(lista.clone()))
            .mount(&s)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/api/ite/clientes-montadoras"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"codigoClientemontadora": 7, "descricaoClientemontadora": "Loja"},
            "sem objeto"
        ])))
        .mount(&s)
        .await;
    let cliente = cliente_wiremock(&s);
    let chassi: Chassi = "9BWZZZ377VT004251".parse().unwrap();
    for l in [
        cliente
            .consultar_estoques_montadora(&FiltroEstoques::por_chassi(chassi))
            .await
            .unwrap(),
        cliente
            .consultar_estoques_ite(&FiltroEstoques::por_chassi(chassi))
            .await
            .unwrap(),
    ] {
        assert_eq!(
            l.validos().iter().map(|e| e.id).collect::<Vec<_>>(),
            [Some(IdEstoque(201)), Some(IdEstoque(203))]
        );
        assert_eq!(l.ilegiveis(), &[(1, r#"["ilegível"]"#.to_owned())]);
        assert!(!l.is_completa());
    }
    let clientes = cliente
        .consultar_clientes_montadoras_ite(&chassi)
        .await
        .unwrap();
    assert_eq!(
        clientes.validos()[0].codigo_cliente_montadora.as_deref(),
        Some("7")
    );
    assert_eq!(clientes.ilegiveis().len(), 1);
}

/// Issue 12: E2's boletos and `dataPreCadastro` are guessed: odd values are kept raw, an
/// unreadable boleto is reported by index, and the rest of the answer is read.
#[test]
fn aptidao_com_boleto_e_datas_estranhos_guarda_o_resto() {
    let a = aptidao(json!({
        "veiculoApto": true,
        "veiculo": {"chassi": "9BWZZZ377VT004251", "dataPreCadastro": "ontem"},
        "informacoesDebitos": {"boletos": [
            {"dataVencimentoBoleto": "2026-10-09", "numeroCodigoBarras": 8_529_000_001_u64,
             "valorBoleto": "133.10"},
            {"dataVencimentoBoleto": "09/10/2026"},
            7
        ]}
    }));
    let v = a.veiculo.as_ref().unwrap();
    assert!(v.chassi.as_ref().unwrap().is_valido());
    assert_eq!(
        v.data_pre_cadastro.as_ref().and_then(|d| d.bruto()),
        Some("ontem")
    );
    let boletos = a
        .informacoes_debitos
        .as_ref()
        .unwrap()
        .boletos
        .as_ref()
        .unwrap();
    assert_eq!(boletos.validos().len(), 2);
    assert_eq!(boletos.ilegiveis(), &[(2, "7".to_owned())]);
    let b = &boletos.validos()[0];
    assert!(b.data_vencimento_boleto.as_ref().unwrap().is_valido());
    assert_eq!(b.numero_codigo_barras.as_deref(), Some("8529000001"));
    assert_eq!(
        boletos.validos()[1]
            .data_vencimento_boleto
            .as_ref()
            .and_then(|d| d.bruto()),
        Some("09/10/2026")
    );
}
