//! What the *server* writes is private too: a CPF the CET-MG service or the gateway echoes into an
//! error message, an HTML page or an undecodable body never reaches `Debug`, `Display`, the
//! source chain or the `tracing` output in full; a token the gateway sends in a body the SDK
//! cannot read is never kept.
#![allow(clippy::unwrap_used)]

mod comum;

use std::io::Write;
use std::sync::{Arc, Mutex};

use comum::*;
use renave_mg_client::Erro;
use serde_json::json;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

const CPF_FORMATADO: &str = "529.982.247-25";

/// Every text an error shows: Display, Debug, and the whole source chain.
fn textos_de(e: &Erro) -> Vec<String> {
    let mut v = vec![e.to_string(), format!("{e:?}")];
    let mut fonte = std::error::Error::source(e);
    while let Some(f) = fonte {
        v.push(f.to_string());
        v.push(format!("{f:?}"));
        fonte = f.source();
    }
    v
}

async fn cores_respondendo(resposta: ResponseTemplate) -> Erro {
    let server = MockServer::start().await;
    montar_token(&server, 1).await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(resposta)
        .expect(1)
        .mount(&server)
        .await;
    let erro = cliente(&server).consultar_cores().await.unwrap_err();
    server.verify().await;
    erro
}

// One test function per binary: `tracing`'s per-callsite interest cache is shared by the
// process, and a test without a subscriber running in parallel could hide events from this one.
#[tokio::test]
async fn texto_do_servidor_sem_cpf_nem_token() {
    cpf_escrito_pelo_servidor_nunca_aparece_inteiro().await;
    token_em_corpo_ilegivel_do_gerar_token_nao_e_guardado().await;
}

async fn cpf_escrito_pelo_servidor_nunca_aparece_inteiro() {
    let buffer = Buffer::default();
    let assinante = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(buffer.clone())
        .with_ansi(false)
        .with_span_events(FmtSpan::FULL)
        .finish();
    let _guarda = tracing::subscriber::set_default(assinante);

    let mut erros = Vec::new();
    // HTTP error with the CET-MG envelope: the message quotes the CPF.
    let e = cores_respondendo(ResponseTemplate::new(404).set_body_json(json!({
        "codigo_retorno": "404",
        "mensagem_retorno": format!("Veículo não localizado para o CPF {CPF}")
    })))
    .await;
    assert!(matches!(e, Erro::Http { status: 404, .. }), "{e:?}");
    // The message stays useful: the masked CPF keeps its last two digits.
    assert_eq!(
        e.mensagem_usuario(),
        Some("Veículo não localizado para o CPF *********25")
    );
    erros.push(e);
    // Business refusal (HTTP 200) with a formatted CPF.
    let e = cores_respondendo(ResponseTemplate::new(200).set_body_json(json!({
        "codigo_retorno": "101",
        "mensagem": format!("Proprietário {CPF_FORMATADO} não confere")
    })))
    .await;
    assert_eq!(
        e.mensagem_usuario(),
        Some("Proprietário ***.***.***-25 não confere")
    );
    erros.push(e);
    // The gateway's own body.
    let e = cores_respondendo(ResponseTemplate::new(403).set_body_json(json!({
        "code": "900908",
        "message": format!("Resource forbidden for {CPF}"),
        "description": format!("user {CPF_FORMATADO} not allowed")
    })))
    .await;
    assert!(matches!(e, Erro::Gateway { status: 403, .. }), "{e:?}");
    erros.push(e);
    // An HTML page of a proxy that echoes the request path.
    let e = cores_respondendo(ResponseTemplate::new(502).set_body_raw(
        format!("<html><body>Bad Gateway: /consultar/{CPF}</body></html>"),
        "text/html",
    ))
    .await;
    match &e {
        Erro::Http { trecho, .. } => assert!(trecho.as_str().contains("*********25")),
        outro => panic!("{outro:?}"),
    }
    erros.push(e);
    // A 2xx body that is not JSON.
    let e = cores_respondendo(
        ResponseTemplate::new(200).set_body_raw(format!("CPF {CPF} inválido"), "text/plain"),
    )
    .await;
    assert!(matches!(e, Erro::RespostaNaoReconhecida { .. }), "{e:?}");
    erros.push(e);
    // A 2xx JSON body of an unexpected shape: serde's message quotes the value it refused.
    let e = cores_respondendo(ResponseTemplate::new(200).set_body_json(json!(CPF))).await;
    assert!(matches!(e, Erro::RespostaInvalida { .. }), "{e:?}");
    erros.push(e);

    let mut textos: Vec<String> = erros.iter().flat_map(textos_de).collect();
    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("renave.http") && log.contains("status=404"),
        "no tracing captured: {log}"
    );
    textos.push(log);
    for texto in &textos {
        assert!(!texto.contains(CPF), "full CPF in: {texto}");
        assert!(!texto.contains(CPF_FORMATADO), "full CPF in: {texto}");
    }
}

async fn token_em_corpo_ilegivel_do_gerar_token_nao_e_guardado() {
    // The gateway answers with a bare, unquoted token (text/plain): not one of the shapes of
    // decision D4, so an error — which must not carry the token it could not read.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(TOKEN, "text/plain"))
        .expect(1)
        .mount(&server)
        .await;
    let erro = cliente(&server).gerar_token().await.unwrap_err();
    assert!(
        matches!(erro, Erro::RespostaNaoReconhecida { status: 200, .. }),
        "{erro:?}"
    );
    for texto in textos_de(&erro) {
        assert!(!texto.contains(TOKEN), "token in: {texto}");
    }
    server.verify().await;
}
