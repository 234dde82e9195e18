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
