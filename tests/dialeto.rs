//! Issue 12, the divergent dialect: the POC against simulators that answer with other names
//! than the SDK's default contract (`cargo run --example poc -- --dialeto-divergente`). No step
//! may report a false success or a false apto; the run is not conforme (exit status 1).

use renave_poc::{Configuracao, Opcoes, Resultado};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poc_no_dialeto_divergente_nunca_da_falso_sucesso() {
    let config = Configuracao {
        opcoes: Opcoes {
            dialeto_divergente: true,
            ..Opcoes::default()
        },
        imprimir: false,
    };
    let relatorio = renave_poc::executar(&config).await.expect("preparação");
    let passos = &relatorio.registro().passos;
    for p in passos {
        eprintln!(
            "{} [{}] {} -> {:?}",
            p.numero, p.secao, p.titulo, p.resultado
        );
        for l in &p.linhas {
            eprintln!("    {l}");
        }
    }
    assert!(!relatorio.conforme, "a divergent run is never conforme");
    assert!(!passos.is_empty());
    // The only successes are answers that carry none of the dialect's renamed fields.
    let sucessos: Vec<_> = passos
        .iter()
        .filter(|p| p.resultado == Resultado::Sucesso)
        .map(|p| p.secao)
        .collect();
    assert!(
        sucessos.iter().all(|s| ["E1", "5.1"].contains(s)),
        "{sucessos:?}"
    );
    // Aptidão never shows apto (the POC prints `resultado: apto` for an apto verdict).
    for p in passos {
        let texto = format!("{} {}", p.titulo, p.linhas.join(" ")).to_lowercase();
        assert!(!texto.contains("resultado: apto"), "{texto}");
    }
}

/// The aptidão of the apto car on both APIs, in the divergent dialect: never apto. CET-MG's
/// answer has no `codigo_retorno` (renamed `codigoRetorno`): not recognised. Renave-WS's E2
/// answer keeps some modelled fields but its verdict is renamed (`diagnóstico`,
/// `veiculo_apto`): indeterminado.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aptidao_no_dialeto_divergente_nunca_e_apto() {
    use renave_domain::ResultadoAptidao;
    use renave_mg_client::operacoes::estoque::ConsultaAptidaoVeiculoEstoque;
    use renave_ws_client::operacoes::usados::ConsultaAptidao;

    let sims = renave_poc::Simuladores::iniciar_em(renave_simulador::Dialeto::Divergente).await;
    let (mg, ws) = renave_poc::construir_clientes(sims.conexao()).expect("clientes");
    let dados = sims.dados().expect("dados");
    let carro = &dados.carro;
    // The same car is apto in the default dialect (the POC's own tests); here:
    let r = mg
        .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
            carro.cetmg.chassi,
            carro.cetmg.proprietario,
            dados.cnpj_estabelecimento,
        ))
        .await;
    match r {
        Err(renave_mg_client::Erro::RespostaNaoReconhecida { .. }) => {}
        outro => panic!("CET-MG aptidão in the divergent dialect: {outro:?}"),
    }
    let r = ws
        .consultar_aptidao_veiculo_estoque(&ConsultaAptidao {
            placa: Some(carro.ws.placa),
            renavam: Some(carro.ws.renavam),
            numero_crv: Some(carro.ws.numero_crv),
            tipo_crv: carro.ws.tipo_crv.clone(),
        })
        .await
        .expect("E2 answer recognised (some modelled fields kept)");
    assert_eq!(r.resultado(), ResultadoAptidao::Indeterminado);
    assert!(!r.is_apto());
}
