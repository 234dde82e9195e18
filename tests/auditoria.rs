//! `examples/auditoria.rs`: the journal answers "everything done for chassi X" and "everything
//! done for dealer Y in a month" (the simulated dealer this month, stated with the Renave-WS
//! builder's `estabelecimento` since the simulator has no certificate; dealer Y in November),
//! and the export masks CPFs by default.
#![allow(clippy::unwrap_used)]

#[allow(dead_code)]
#[path = "../examples/auditoria.rs"]
mod auditoria;

use renave_diario::exportar::{self, Privacidade};
use renave_diario::{Desfecho, Diario, Intencao, Situacao};
use renave_http::diario::API_CETMG;
use renave_http::{Endpoint, HttpMethod, Idempotency, Route};

const REGISTRAR: Endpoint = Endpoint {
    name: "registrar_solicitacao_transferencia",
    route: Route::new(HttpMethod::Post, "registrar-solicitacao"),
    idempotency: Idempotency::StateChanging,
};

#[tokio::test]
async fn tudo_do_chassi_e_do_revendedor_em_novembro_com_cpf_mascarado() {
    let dir = tempfile::tempdir().unwrap();
    let (diario, chassi) = auditoria::registrar_com_diario(&dir.path().join("d.sqlite3"))
        .await
        .unwrap();

    // Everything for the chassi: the entrada (its chassi comes from the answer) and the read.
    let do_chassi = auditoria::para_chassi(&*diario, &chassi).await.unwrap();
    let ops: Vec<_> = do_chassi
        .iter()
        .map(|r| r.intencao.operacao.as_str())
        .collect();
    assert_eq!(ops, ["solicitar_entrada_estoque", "consultar_estoque"]);
    assert!(
        do_chassi
            .iter()
            .all(|r| r.situacao() == Situacao::Executada)
    );
    let mut jsonl = Vec::new();
    exportar::jsonl(&do_chassi, &Privacidade::Mascarar, &mut jsonl).unwrap();
    let jsonl = String::from_utf8(jsonl).unwrap();
    assert_eq!(jsonl.lines().count(), 2);
    // The operator's and the seller's CPFs of the request appear masked only.
    for cpf in [
        renave_simulador::mundo::CPF_OPERADOR,
        renave_simulador::mundo::CPF_VENDEDOR_CARRO,
    ] {
        assert!(!jsonl.contains(cpf), "{jsonl}");
    }
    assert!(jsonl.contains("***.444.777-**"), "{jsonl}");

    // The simulated dealer this month (Brasília time): the calls just made, with its CNPJ.
    let loja = renave_simulador::mundo::CNPJ_ESTABELECIMENTO;
    let (ano, mes) = auditoria::mes_atual_brasilia();
    let do_revendedor = auditoria::para_estabelecimento_no_mes(&*diario, loja, ano, mes)
        .await
        .unwrap();
    let ops: Vec<_> = do_revendedor
        .iter()
        .map(|r| r.intencao.operacao.as_str())
        .collect();
    assert_eq!(
        ops,
        ["solicitar_entrada_estoque", "consultar_estoque"],
        "the dealer section is not empty"
    );
    let mut csv = Vec::new();
    exportar::csv(&do_revendedor, &Privacidade::Mascarar, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(
        csv.lines().skip(1).all(|l| l.contains(loja)),
        "the export carries the dealer: {csv}"
    );

    // Dealer Y in November 2025 (Brasília time): two of Y's, one of another dealer, one of Y's
    // in December.
    let y = "11222333000181";
    let corpo = br#"{"chassi":"9BWZZZ377VT004251","cpf_cnpj_comprador":"12345678909"}"#;
    for (cnpj, quando) in [
        (y, "2025-11-01T03:00:00Z"),
        (y, "2025-11-30T23:00:00Z"),
        ("33444555000181", "2025-11-15T12:00:00Z"),
        (y, "2025-12-01T03:00:00Z"),
    ] {
        let mut i = Intencao::nova(API_CETMG, &REGISTRAR, Some(cnpj), corpo);
        i.momento = quando.parse().unwrap();
        let id = diario.registrar_intencao(&i).await.unwrap();
        diario
            .registrar_desfecho(
                id,
                &Desfecho::executada(200, br#"{"codigo_retorno":"000"}"#),
            )
            .await
            .unwrap();
    }
    let novembro = auditoria::para_estabelecimento_no_mes(&*diario, y, 2025, 11)
        .await
        .unwrap();
    assert_eq!(novembro.len(), 2, "{novembro:?}");
    let mut csv = Vec::new();
    exportar::csv(&novembro, &Privacidade::Mascarar, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.starts_with("id,momento,api,operacao,"));
    assert!(
        !csv.contains("12345678909") && csv.contains("***.456.789-**"),
        "{csv}"
    );
}
