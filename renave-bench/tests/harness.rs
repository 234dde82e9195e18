//! The harness itself: the floor sends the same requests as the SDK (so the ratio compares
//! like with like), and a short run of every group succeeds with the counts the issue asks for
//! (one `gerar-token` per cold burst, one connection for the sequential calls). No timing is
//! asserted.

#![allow(clippy::unwrap_used)]

use renave_bench::piso::{PisoCetMg, PisoRenaveWs};
use renave_bench::servidor::{RequisicaoGravada, Servidor};
use renave_bench::{Configuracao, executar, sdk};
use renave_mg_client::simulador::fixtures as fx;
use renave_ws_client::modelos::IdEstoque;
use renave_ws_client::operacoes::usados::ConsultaEstoques;

/// The headers both sides must send alike (the User-Agent differs by design; the transport
/// headers `host`, `content-length` follow from the rest).
fn cabecalhos_comparados(r: &RequisicaoGravada) -> Vec<(String, String)> {
    r.cabecalhos
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "user-agent" | "host" | "content-length"))
        .cloned()
        .collect()
}

fn corpo_json(r: &RequisicaoGravada) -> Option<serde_json::Value> {
    (!r.corpo.is_empty()).then(|| serde_json::from_slice(&r.corpo).expect("a JSON body"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn o_piso_envia_as_mesmas_requisicoes_que_o_sdk() {
    let servidor = Servidor::iniciar(4096).unwrap();
    let url = servidor.url();
    let pdf = renave_bench::servidor::pdf_de(2048);

    servidor.gravar(true);
    let mg = sdk::cliente_cetmg(&url, None);
    mg.consultar_aptidao_veiculo_estoque(&sdk::consulta_aptidao())
        .await
        .unwrap();
    mg.upload_documento_ficha_cadastro(&sdk::upload(pdf.clone()))
        .await
        .unwrap();
    let ws = sdk::cliente_renave_ws(&url);
    ws.consultar_estoques(&ConsultaEstoques::default())
        .await
        .unwrap();
    let termo = ws
        .obter_termo_entrada_estoque(IdEstoque(renave_ws_client::simulador::fixtures::ID_ESTOQUE))
        .await
        .unwrap();
    assert_eq!(termo.pdf().unwrap().len(), 4096);
    let nossas = servidor.gravadas();

    let piso = PisoCetMg::novo(&url, sdk::CHAVE, sdk::SEGREDO)
        .await
        .unwrap();
    piso.consultar_aptidao(fx::CHASSI, fx::CPF_PROPRIETARIO, fx::CNPJ_ESTABELECIMENTO)
        .await
        .unwrap();
    piso.upload_ficha_cadastro(sdk::NUMERO_PROTOCOLO, &sdk::remetente_upload(), &pdf)
        .await
        .unwrap();
    let piso_ws = PisoRenaveWs::novo(&url).unwrap();
    assert_eq!(piso_ws.consultar_estoques().await.unwrap().len(), 10);
    let pdf_piso = piso_ws
        .pdf_termo_entrada(renave_ws_client::simulador::fixtures::ID_ESTOQUE)
        .await
        .unwrap();
    assert_eq!(pdf_piso, termo.pdf().unwrap());
    let do_piso = servidor.gravadas();

    // gerar-token, aptidão, upload, estoques, termo — on both sides.
    assert_eq!(nossas.len(), 5, "{nossas:#?}");
    assert_eq!(do_piso.len(), 5, "{do_piso:#?}");
    for (nossa, piso) in nossas.iter().zip(&do_piso) {
        assert_eq!(nossa.metodo, piso.metodo);
        assert_eq!(nossa.caminho, piso.caminho);
        assert_eq!(
            cabecalhos_comparados(nossa),
            cabecalhos_comparados(piso),
            "{}",
            nossa.caminho
        );
        assert_eq!(corpo_json(nossa), corpo_json(piso), "{}", nossa.caminho);
    }
}

#[test]
fn uma_execucao_curta_de_todos_os_grupos() {
    let relatorio = executar(&Configuracao::minima()).unwrap();
    // Exactly one gerar-token per cold burst of 50 tasks (decision D4).
    assert_eq!(relatorio.tokens_por_rajada, vec![1, 1]);
    // The sequential calls reuse their connection: one, or two when hyper-util's pool starts a
    // connect while the previous connection is on its way back to the pool (the SDK and the
    // floor alike; BENCHMARKS.md) — never one per call.
    let (nossas, do_piso) = relatorio.conexoes_sequenciais;
    assert!((1..=2).contains(&nossas), "{nossas}");
    assert!((1..=2).contains(&do_piso), "{do_piso}");
    for secao in [
        "Typed call vs floor",
        "The decode step alone",
        "The request-building step alone",
        "raw call (`executar_bruto`",
        "1 (caller's thread)",
        "1 (in a task)",
        "raw call + the body decoded by hand into the SDK's type",
        "without its two `#[serde(flatten)]` parts",
        "Contract overrides",
        "MiB payloads",
        "concurrent tasks on one fresh CET-MG client",
        "sequential calls",
    ] {
        assert!(relatorio.markdown.contains(secao), "{}", relatorio.markdown);
    }
    assert!(relatorio.alvos.len() >= 12, "{:#?}", relatorio.alvos);
    let alvo = relatorio
        .alvos
        .iter()
        .find(|a| a.nome == "gerar-token requests per cold burst")
        .unwrap();
    assert!(alvo.cumprido, "{alvo:?}");
}
