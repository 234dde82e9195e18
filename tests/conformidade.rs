//! Issue 12, the conformance probe (`cargo run --example conformidade`): against the divergent
//! simulators it finds every rename of the dialect's table; against the standard ones it
//! proposes nothing; and its proposal, given to the POC (`--contrato`), is read by both clients.
#![allow(clippy::unwrap_used)]

use renave_poc::conformidade::{ArquivoContratos, consultas, normalizar, sondar};
use renave_poc::{Configuracao, Opcoes, Simuladores, construir_clientes};
use renave_simulador::Dialeto;
use renave_simulador::dialeto::RENOMEADOS_RENAVE_WS;

async fn sondagem(dialeto: Dialeto) -> renave_poc::conformidade::Sondagem {
    let sims = Simuladores::iniciar_em(dialeto).await;
    let (mg, ws) = construir_clientes(sims.conexao()).expect("clientes");
    let dados = sims.dados().expect("dados");
    sondar(&mg, &ws, &consultas(&dados)).await
}

#[test]
fn normalizacao() {
    assert_eq!(normalizar("numero_crv"), normalizar("numeroCrv"));
    assert_eq!(normalizar("diagnóstico"), normalizar("diagnostico"));
    assert_eq!(normalizar("CHASSI"), normalizar("chassi"));
    assert_ne!(normalizar("placa"), normalizar("renavam"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn divergente_propoe_cada_renome_da_tabela() {
    let s = sondagem(Dialeto::Divergente).await;
    eprintln!("{}", s.relatorio());
    eprintln!("{}", s.proposta.para_toml());
    for (_, r) in &s.resultados {
        assert!(r.erro.is_none(), "{}: {:?}", r.operacao, r.erro);
    }
    for (padrao, divergente) in RENOMEADOS_RENAVE_WS {
        assert!(
            s.renomes()
                .any(|n| n.modelado == padrao && n.servidor == divergente),
            "rename {padrao} -> {divergente} not found"
        );
    }
    // CET-MG: the envelope is mapped (codigo_retorno -> codigoRetorno).
    let env = s
        .proposta
        .cetmg
        .as_ref()
        .and_then(|c| c.envelope.as_ref())
        .expect("CET-MG envelope proposed");
    assert_eq!(env.codigo, "codigoRetorno");
    // Renames are proposed at every depth, nested ones by their path.
    let ws = s.proposta.renave_ws.as_ref().expect("Renave-WS proposal");
    let e2 = &ws.operacoes["consultar_aptidao_veiculo_estoque"].resposta;
    assert_eq!(e2["diagnostico"], "diagnóstico");
    assert_eq!(
        e2["comunicacaoComDetranFalhou"],
        "comunicacao_com_detran_falhou"
    );
    assert_eq!(e2["diagnostico.veiculoApto"], "veiculo_apto");
    assert!(!e2.contains_key("veiculoApto"));
    assert!(s.renomes().all(|n| n.corrigivel), "{}", s.relatorio());
    // The proposal round-trips through the file format the POC reads.
    let texto = s.proposta.para_toml();
    let lido: ArquivoContratos = toml_de(&texto);
    assert_eq!(lido, s.proposta);
}

fn toml_de(texto: &str) -> ArquivoContratos {
    let dir = std::env::temp_dir().join(format!("conformidade-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("contrato.toml");
    std::fs::write(&f, texto).unwrap();
    ArquivoContratos::ler(&f).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn padrao_nao_propoe_nada() {
    let s = sondagem(Dialeto::Padrao).await;
    eprintln!("{}", s.relatorio());
    for (_, r) in &s.resultados {
        assert!(r.erro.is_none(), "{}: {:?}", r.operacao, r.erro);
        assert!(r.renomes.is_empty(), "{}: {:?}", r.operacao, r.renomes);
        assert!(r.tipos_divergentes.is_empty(), "{}", r.operacao);
    }
    assert!(s.proposta.vazio(), "{}", s.proposta.para_toml());
}

/// The proposal given to the POC with no code change makes the divergent run conforming
/// again, every step: nested renames included (`diagnostico.veiculoApto` of E2, the fields of
/// `Estoque` inside lists, the CET-MG names inside lists), by their paths; the DAE guia's
/// fields in the shape the wire uses (one guia at the top level: its schema models the three
/// shapes, `cetmg-api.md` §3.4); and every value the POC carries from one step to the next is
/// a modelled field (the protocol's `pendencias[].numero_pendencia`, the períodos' `id`; the
/// saída names the Renave-WS stock), never an unmodelled extra read by its default name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poc_com_a_proposta_volta_a_ser_conforme() {
    let s = sondagem(Dialeto::Divergente).await;
    let dir = std::env::temp_dir().join(format!("conformidade-poc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("contrato.toml");
    std::fs::write(&f, s.proposta.para_toml()).unwrap();
    let config = Configuracao {
        opcoes: Opcoes {
            dialeto_divergente: true,
            contrato: Some(f),
            ..Opcoes::default()
        },
        imprimir: false,
    };
    let relatorio = renave_poc::executar(&config).await.expect("preparação");
    assert!(relatorio.conforme, "{}", relatorio.registro().resumo());
}

/// The proposal is accepted by both clients' builders (no unknown operation or field).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proposta_aceita_pelos_clientes() {
    let s = sondagem(Dialeto::Divergente).await;
    let sims = Simuladores::iniciar_em(Dialeto::Divergente).await;
    let (mg, ws) = renave_poc::construir_clientes_com(sims.conexao(), Some(&s.proposta))
        .expect("the proposal is a valid contract");
    assert_eq!(
        mg.contrato().envelope.as_ref().map(|e| e.codigo.as_str()),
        Some("codigoRetorno")
    );
    assert_eq!(
        ws.contrato().operacoes["consultar_aptidao_veiculo_estoque"].resposta["diagnostico"],
        "diagnóstico"
    );
}
