//! The root examples (`examples/aptidao.rs`, `entrada_estoque.rs`, `saida_estoque.rs`,
//! `protocolo_digital.rs`, `tabelas_auxiliares.rs`), each run in-process on its simulated path
//! — the very steps `cargo run --example <name>` runs (`renave_poc::exemplos`) — with every
//! step asserted, and the state the simulators end in checked against the log.
#![allow(clippy::unwrap_used)]

use renave::domain::{CpfCnpj, EstadoEstoque};
use renave::ws::operacoes::usados::ConsultaEstoques;
use renave_poc::{
    Bastidores, Configuracao, Esperado, Passo, Relatorio, Resultado, Roteiro, exemplos,
};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, ResponseTemplate};

/// Every step conforms, numbered 1..n, none an external action (simulators), and the run
/// says so.
fn conforme(r: &Relatorio) -> &[Passo] {
    let passos = &r.registro().passos;
    let desvios: Vec<String> = passos
        .iter()
        .filter(|p| !p.conforme())
        .map(|p| format!("[{}] {} {}: {:?}", p.numero, p.secao, p.titulo, p.resultado))
        .collect();
    assert!(
        desvios.is_empty(),
        "{desvios:#?}\n{}",
        r.registro().resumo()
    );
    assert!(r.conforme);
    for (i, p) in passos.iter().enumerate() {
        assert_eq!(p.numero, i + 1);
        assert!(!matches!(p.resultado, Resultado::AcaoExterna(_)), "{p:?}");
    }
    passos
}

fn sucesso(passos: &[Passo], secao: &str, trecho: &str) -> bool {
    passos
        .iter()
        .any(|p| p.secao == secao && p.titulo.contains(trecho) && p.resultado == Resultado::Sucesso)
}

fn recusas(passos: &[Passo], codigo: &str) -> usize {
    passos
        .iter()
        .filter(|p| {
            p.esperado != Esperado::Sucesso
                && matches!(&p.resultado, Resultado::Recusado { codigo: Some(c), .. } if c == codigo)
        })
        .count()
}

async fn rodar(passos: impl AsyncFnOnce(&mut Roteiro) -> bool) -> Relatorio {
    renave_poc::executar_com(&Configuracao::simuladores(false), passos)
        .await
        .unwrap()
}

fn preparacao(passos: &[Passo]) {
    assert!(sucesso(passos, "E1", "cliente autenticado"));
    assert!(sucesso(passos, "5.1", "gerar token"));
    assert!(sucesso(passos, "5.20-27", "tabelas auxiliares"));
    assert!(sucesso(passos, "E20", "município"));
}

#[tokio::test]
async fn exemplo_tabelas_auxiliares() {
    let r = rodar(exemplos::tabelas_auxiliares).await;
    let passos = conforme(&r);
    preparacao(passos);
    assert_eq!(passos.len(), 4, "{}", r.registro().resumo());
    let tabelas = passos.iter().find(|p| p.secao == "5.20-27").unwrap();
    for tabela in [
        "cores",
        "espécies",
        "combustíveis",
        "categorias",
        "municípios de MG",
    ] {
        assert!(
            tabela_listada(tabelas, tabela),
            "{tabela}: {:#?}",
            tabelas.linhas
        );
    }
}

/// `tabela: N itens` with N > 0.
fn tabela_listada(p: &Passo, tabela: &str) -> bool {
    p.linhas.iter().any(|l| {
        l.strip_prefix(&format!("{tabela}: "))
            .and_then(|r| r.split(' ').next())
            .and_then(|n| n.parse::<usize>().ok())
            .is_some_and(|n| n > 0)
    })
}

#[tokio::test]
async fn exemplo_aptidao_nas_duas_apis() {
    let r = rodar(exemplos::aptidao).await;
    let passos = conforme(&r);
    preparacao(passos);
    for nome in ["carro", "motocicleta"] {
        assert!(
            sucesso(passos, "6.1.1", &format!("veículo apto) — {nome}")),
            "{nome}"
        );
        assert!(
            sucesso(
                passos,
                "E2",
                &format!("aptidão do veículo para entrada — {nome}")
            ),
            "{nome}"
        );
    }
    assert!(
        recusas(passos, "não apto") >= 10,
        "one per seeded impediment"
    );
    assert_eq!(
        recusas(passos, "101"),
        1,
        "the solicitação of a non-apto vehicle"
    );
    // Nothing else happened: no solicitação of an apto vehicle, no entrada.
    assert!(
        !passos
            .iter()
            .any(|p| p.secao.starts_with("6.1.7") || p.secao == "6.1.8")
    );
}

#[tokio::test]
async fn exemplo_entrada_estoque_do_carro_e_da_moto() {
    let r = rodar(exemplos::entrada_estoque).await;
    let passos = conforme(&r);
    preparacao(passos);
    for nome in ["carro", "motocicleta"] {
        for (secao, trecho) in [
            ("6.1.1", "Aptidão para entrada"),
            ("6.1.3", "Solicitação de transferência"),
            ("6.1.4", "Procedimento de entrada"),
            ("6.1.7 1-2", "solicitar entrada em estoque"),
            ("E6", "última assinatura"),
            ("6.1.7 3.2.4", "Termo de Entrada"),
            ("6.1.8", "Comunicação de venda de entrada"),
        ] {
            assert!(
                passos.iter().any(|p| p.secao == secao
                    && p.titulo.contains(trecho)
                    && p.titulo.contains(nome)
                    && p.resultado == Resultado::Sucesso),
                "{secao} {trecho} {nome}"
            );
        }
    }
    assert!(sucesso(passos, "6.1.5", "DAE taxa 64"));
    assert!(sucesso(passos, "6.1.6 c", "Gravar agendamento"));
    for (codigo, quantas) in [("204", 1), ("301", 1), ("401", 1), ("422", 2)] {
        assert_eq!(
            recusas(passos, codigo),
            quantas,
            "refusals with code {codigo}"
        );
    }
    // Both vehicles are in both stocks, CONFIRMADO on Renave-WS.
    let Bastidores::Simulado(sims) = &r.roteiro.bastidores else {
        unreachable!("simulated run")
    };
    for v in [&r.roteiro.dados.carro, &r.roteiro.dados.moto] {
        assert!(
            sims.cetmg
                .veiculo(&v.cetmg.chassi)
                .unwrap()
                .id_estoque
                .is_some(),
            "{}",
            v.nome
        );
        let estoques = r
            .roteiro
            .ws
            .consultar_estoques(&ConsultaEstoques {
                chassi: Some(v.ws.chassi),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(estoques.is_completa(), "{}", v.nome);
        assert_eq!(estoques.validos().len(), 1, "{}", v.nome);
        assert_eq!(
            estoques.validos()[0].estado,
            Some(EstadoEstoque::Confirmado),
            "{}",
            v.nome
        );
    }
}

#[tokio::test]
async fn exemplo_saida_estoque_do_carro() {
    let r = rodar(exemplos::saida_estoque).await;
    let passos = conforme(&r);
    preparacao(passos);
    for (secao, trecho) in [
        ("6.1.8", "Comunicação de venda de entrada"),
        ("6.2.1", "Aptidão para saída"),
        ("6.2.3", "Solicitação de transferência (saída de estoque)"),
        ("E18", "Ler o novo código"),
        ("6.2.3 1-2", "solicitar saída do estoque"),
        ("6.2.3 3", "NF-e de VENDA"),
        ("6.2.3 2.2", "ATPV-e de venda"),
        ("6.2.4", "Comunicação de venda de saída"),
    ] {
        assert!(sucesso(passos, secao, trecho), "{secao} {trecho}");
    }
    assert!(!passos.iter().any(|p| p.titulo.contains("motocicleta")));
    assert!(
        !passos.iter().any(|p| p.secao.starts_with('7')),
        "§7 is its own example"
    );
    let Bastidores::Simulado(sims) = &r.roteiro.bastidores else {
        unreachable!("simulated run")
    };
    let carro = &r.roteiro.dados.carro;
    let cetmg = sims.cetmg.veiculo(&carro.cetmg.chassi).unwrap();
    assert_eq!(
        cetmg.proprietario,
        CpfCnpj::from(r.roteiro.dados.cpf_comprador)
    );
    assert!(cetmg.id_estoque.is_none());
    let estoques = r
        .roteiro
        .ws
        .consultar_estoques(&ConsultaEstoques {
            chassi: Some(carro.ws.chassi),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(estoques.is_completa());
    assert_eq!(
        estoques.validos()[0].estado,
        Some(EstadoEstoque::Finalizado)
    );
}

#[tokio::test]
async fn exemplo_protocolo_digital() {
    let r = rodar(exemplos::protocolo_digital).await;
    let passos = conforme(&r);
    preparacao(passos);
    for (secao, trecho) in [
        ("7.1", "criar processo de transferência — carro"),
        ("7.2", "recuperar protocolo — carro"),
        ("7.3", "com o documento 284"),
        ("7.4", "comunicação de venda"),
        ("6.2.3 6", "Validade do laudo"),
        ("6.2.3 6.2", "ficha de cadastro"),
    ] {
        assert!(sucesso(passos, secao, trecho), "{secao} {trecho}");
    }
    // Refused by the SDK without the §7.3 document (nothing sent); the ficha without a laudo
    // (501) and with a laudo over 120 days (502).
    assert_eq!(recusas(passos, "cliente"), 1);
    assert_eq!(recusas(passos, "501"), 1);
    assert_eq!(recusas(passos, "502"), 1);
}

/// Fail closed: an example whose step does not show what it should is not a success (the
/// program exits 1), and a flow that stops says so in the log.
#[tokio::test]
async fn exemplo_com_passo_falho_nao_e_conforme() {
    let mut roteiro = Configuracao::simuladores(false).preparar().await.unwrap();
    let Bastidores::Simulado(sims) = &roteiro.bastidores else {
        unreachable!("simulated run")
    };
    Mock::given(method("GET"))
        .and(path_regex("consultar-cores"))
        .respond_with(ResponseTemplate::new(500))
        .with_priority(1)
        .mount(sims.cetmg.servidor())
        .await;
    assert!(!exemplos::tabelas_auxiliares(&mut roteiro).await);
    let passos = &roteiro.registro.passos;
    assert!(passos.iter().any(|p| !p.conforme() && p.secao == "5.20-27"));
    assert!(passos.last().unwrap().titulo.contains("Fluxo interrompido"));
    let r = renave_poc::executar_com(
        &Configuracao::simuladores(false),
        async |_: &mut Roteiro| true,
    )
    .await
    .unwrap();
    assert!(!r.conforme, "a run that logged no step showed nothing");
}
