//! The raw call (`executar_bruto`, decision D2) never writes its path — which may hold a CPF,
//! in any spelling — into the `tracing` output (TRACE level) or an error's `Display`, `Debug`
//! or source chain: its route is traced as `(raw)`, like the CET-MG client's, and a path it
//! refuses is not quoted. A CPF the service echoes in its error body is masked however it is
//! punctuated. One test in this binary: it installs a `tracing` subscriber.

mod comum;

use std::fmt::Write as _;
use std::io::Write;
use std::sync::{Arc, Mutex};

use renave_ws_client::{Erro, HttpMethod, Idempotency};
use serde_json::json;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CPF: &str = "52998224725";

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// Whether `texto` holds the CPF's eleven digits in order once the separators a CPF may be
/// written with (space, `.`, `-`, `/`, `_`, `%20`) are removed.
fn tem_cpf(texto: &str) -> bool {
    texto
        .replace("%20", "")
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '/' | '_'))
        .collect::<String>()
        .contains(CPF)
}

/// The whole error chain, as a logger walking `source()` would write it.
fn cadeia(e: &Erro) -> String {
    let mut t = String::new();
    let mut atual: Option<&dyn std::error::Error> = Some(e);
    while let Some(x) = atual {
        write!(t, "{x} / {x:?} / {x:#?} | ").expect("writing to a String");
        atual = x.source();
    }
    t
}

#[tokio::test]
async fn caminho_bruto_com_cpf_nao_aparece_em_logs_nem_erros() {
    let buffer = Buffer::default();
    let assinante = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(buffer.clone())
        .with_ansi(false)
        .finish();
    let _guarda = tracing::subscriber::set_default(assinante);

    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path_regex("^/api/estoques/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .mount(&s)
        .await;
    // The service echoes the path and the CPF in its error body.
    Mock::given(method("POST"))
        .and(path("/api/erro/529.982.247.25"))
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({
            "titulo": "Recurso /api/erro/529.982.247.25 inválido",
            "detalhe": "CPF 529 982 247 25 (5299822472-5) sem estoque",
            "mensagemParaUsuarioFinal": "CPF 529-982-247-25 não habilitado."
        })))
        .mount(&s)
        .await;
    let c = comum::cliente_wiremock(&s);

    // Paths the service receives: every spelling is a valid RFC 3986 path.
    let validos = [
        "api/estoques/52998224725/x",
        "/api/estoques/529.982.247-25",
        "api/estoques/529-982-247-25",
        "api/estoques/529982247-25",
        "api/estoques/5299822472-5",
        "api/estoques/52998.224.725",
        "api/estoques/529_982_247_25",
        "api/estoques/529/982/247-25",
        "api/estoques/529%20982%20247%2025",
    ];
    for caminho in validos {
        let r = c
            .executar_bruto(HttpMethod::Get, caminho, &[], None, Idempotency::Idempotent)
            .await
            .unwrap_or_else(|e| panic!("raw GET {caminho}: {e}"));
        assert_eq!(r.status(), 200);
    }
    let recebidas = s.received_requests().await.expect("recorded");
    assert_eq!(recebidas.len(), validos.len());
    assert_eq!(recebidas[0].url.path(), "/api/estoques/52998224725/x");

    let mut erros = Vec::new();
    erros.push(
        c.executar_bruto(
            HttpMethod::Post,
            "api/erro/529.982.247.25",
            &[],
            Some(&json!({"a": 1})),
            Idempotency::StateChanging,
        )
        .await
        .expect_err("422"),
    );
    // Paths refused before sending (not RFC 3986 path characters, a query, a placeholder).
    for caminho in [
        "api/estoques/529 982 247 25",
        "api/estoques/5 2 9 9 8 2 2 4 7 2 5",
        "api/estoques/529.982.247-25?x=1",
        "api/estoques/52998224725#x",
        "api/estoques/{52998224725}",
        "api/estoques/{cpf}/52998224725",
        "api/estoques/52998224725/{",
        "api/estoques/52998224725/}",
        "api/estoques/52998224725/%zz",
    ] {
        let e = c
            .executar_bruto(HttpMethod::Get, caminho, &[], None, Idempotency::Idempotent)
            .await
            .expect_err(caminho);
        assert!(
            matches!(e, Erro::EntradaInvalida { ref campo, .. } if campo == "caminho"),
            "{caminho}: {e:?}"
        );
        erros.push(e);
    }
    assert_eq!(
        s.received_requests().await.expect("recorded").len(),
        validos.len() + 1,
        "refused paths are not sent"
    );
    // Masked when the error was built: the accessor is as safe to print as Display.
    assert_eq!(
        erros[0].mensagem_usuario(),
        Some("CPF ***-***-***-25 não habilitado.")
    );

    let logs = String::from_utf8(buffer.0.lock().expect("lock").clone()).expect("utf-8");
    assert!(logs.contains("executar_bruto"), "{logs}");
    assert!(
        logs.contains("route=(raw)"),
        "the raw route is traced as (raw): {logs}"
    );
    assert!(!tem_cpf(&logs), "CPF in the logs: {logs}");
    assert!(!logs.contains("estoques"), "raw path in the logs: {logs}");
    for e in &erros {
        let t = cadeia(e);
        assert!(!tem_cpf(&t), "CPF in the error chain: {t}");
        assert!(!t.contains("estoques"), "raw path in the error chain: {t}");
    }
    assert!(
        cadeia(&erros[0]).contains("***.***.***.25"),
        "{}",
        cadeia(&erros[0])
    );
}
