//! A server that echoes its input can put a CPF where a code is expected: in `codigo_retorno`
//! (of an HTTP error or of a 2xx business refusal), in the gateway's `code`, or in the
//! `Retry-After` header. No full CPF reaches `Display`, `Debug`, the source chain or the
//! `tracing` output at TRACE level (the operation span records `codigo_retorno`). One test
//! function: it installs a `tracing` subscriber.
#![allow(clippy::unwrap_used)]

mod comum;

use std::io::Write;
use std::sync::{Arc, Mutex};

use comum::*;
use renave_mg_client::Erro;
use serde_json::{Value, json};
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

/// Display, Debug (plain and pretty) and the whole source chain.
fn textos_de(e: &Erro) -> Vec<String> {
    let mut v = vec![e.to_string(), format!("{e:?}"), format!("{e:#?}")];
    let mut fonte = std::error::Error::source(e);
    while let Some(f) = fonte {
        v.push(f.to_string());
        v.push(format!("{f:?}"));
        fonte = f.source();
    }
    v
}

async fn cores_respondendo(status: u16, retry_after: &str, corpo: Value) -> Erro {
    let server = MockServer::start().await;
    montar_token(&server, 1).await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("retry-after", retry_after)
                .set_body_json(corpo),
        )
        .expect(1)
        .mount(&server)
        .await;
    let erro = cliente(&server).consultar_cores().await.unwrap_err();
    server.verify().await;
    erro
}

#[tokio::test]
async fn cpf_em_codigo_retorno_codigo_do_gateway_e_retry_after_nunca_aparece_inteiro() {
    let buffer = Buffer::default();
    let assinante = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(buffer.clone())
        .with_ansi(false)
        .with_span_events(FmtSpan::FULL)
        .finish();
    let _guarda = tracing::subscriber::set_default(assinante);

    let mut erros = Vec::new();
    for (a, b) in [(CPF, CPF_FORMATADO), (CPF_FORMATADO, CPF)] {
        // HTTP error with the CET-MG envelope.
        let e = cores_respondendo(
            404,
            a,
            json!({"codigo_retorno": b, "mensagem_retorno": "x"}),
        )
        .await;
        assert!(matches!(e, Erro::Http { status: 404, .. }), "{e:?}");
        // Masked when the error was built: the accessor is as safe to print as Display.
        let codigo = e.codigo_retorno().unwrap();
        assert!(
            codigo.ends_with("25") && codigo.starts_with('*'),
            "{codigo}"
        );
        erros.push(e);
        // Business refusal (HTTP 200) whose code is a CPF.
        let e = cores_respondendo(200, a, json!({"codigo_retorno": a})).await;
        assert!(matches!(e, Erro::Negocio { .. }), "{e:?}");
        erros.push(e);
        // The gateway's `fault` body, whose code is a CPF.
        let e = cores_respondendo(
            403,
            b,
            json!({"fault": {"code": a, "message": "Forbidden", "description": "x"}}),
        )
        .await;
        assert!(matches!(e, Erro::Gateway { status: 403, .. }), "{e:?}");
        erros.push(e);
    }

    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("renave.cetmg") && log.contains("codigo_retorno="),
        "the span's codigo_retorno was not captured: {log}"
    );
    assert!(
        log.contains("codigo_retorno=*********25")
            || log.contains("codigo_retorno=\"*********25\""),
        "the span records the masked code: {log}"
    );
    let mut textos: Vec<String> = erros.iter().flat_map(textos_de).collect();
    textos.push(log);
    for texto in &textos {
        assert!(!texto.contains(CPF), "full CPF in: {texto}");
        assert!(!texto.contains(CPF_FORMATADO), "full CPF in: {texto}");
    }
    // Masked, the code stays recognisable: its last two digits are kept.
    assert!(
        erros[0].to_string().contains("***.***.***-25"),
        "{}",
        erros[0]
    );
    assert!(erros[1].to_string().contains("*********25"), "{}", erros[1]);
}
