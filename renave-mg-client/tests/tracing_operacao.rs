//! One `renave.cetmg` span per operation (operation, status, outcome, codigo_retorno,
//! elapsed): the token request, each attempt (`renave.http` spans of the request core) and the
//! resend after a 401 are its children; nothing personal or secret is recorded.
#![allow(clippy::unwrap_used)]

mod comum;

use std::fmt::{Debug, Write as _};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use comum::*;
use renave_mg_client::operacoes::vistoria::CompradorChassi;
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Keeps every span (`span <id> <name> parent=<id>: fields`), recorded value
/// (`record <id>: fields`) and event; tracks the entered span to know each span's parent.
#[derive(Default)]
struct Captura {
    linhas: Mutex<Vec<String>>,
    pilha: Mutex<Vec<u64>>,
    proximo: AtomicU64,
}

struct Linha(String);

impl Visit for Linha {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }
}

impl Subscriber for Captura {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.proximo.fetch_add(1, Ordering::SeqCst) + 1;
        let pai = if span.is_contextual() {
            self.pilha.lock().unwrap().last().copied().unwrap_or(0)
        } else {
            span.parent().map_or(0, Id::into_u64)
        };
        let mut linha = Linha(format!(
            "span {id} {} parent={pai}:",
            span.metadata().name()
        ));
        span.record(&mut linha);
        self.linhas.lock().unwrap().push(linha.0);
        Id::from_u64(id)
    }
    fn record(&self, id: &Id, values: &Record<'_>) {
        let mut linha = Linha(format!("record {}:", id.into_u64()));
        values.record(&mut linha);
        self.linhas.lock().unwrap().push(linha.0);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut linha = Linha(format!("event {}:", event.metadata().target()));
        event.record(&mut linha);
        self.linhas.lock().unwrap().push(linha.0);
    }
    fn enter(&self, id: &Id) {
        self.pilha.lock().unwrap().push(id.into_u64());
    }
    fn exit(&self, _: &Id) {
        self.pilha.lock().unwrap().pop();
    }
}

impl Captura {
    fn texto(&self) -> String {
        self.linhas.lock().unwrap().join("\n")
    }
    /// The id of the only span named `nome` with `operation=<operacao>`, and its parent.
    fn spans(&self, nome: &str, operacao: &str) -> Vec<(u64, u64)> {
        let cabecalho = format!(" {nome} parent=");
        let campo = format!(" operation={operacao}");
        self.linhas
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.starts_with("span ") && l.contains(&cabecalho) && l.contains(&campo))
            .map(|l| {
                let mut partes = l.split(' ');
                let id = partes.nth(1).unwrap().parse().unwrap();
                let pai = l
                    .split(" parent=")
                    .nth(1)
                    .unwrap()
                    .split(':')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                (id, pai)
            })
            .collect()
    }
}

// One test function per binary: `tracing`'s per-callsite interest cache is shared by the
// process, and a test running in parallel without this subscriber could hide spans from it.
#[tokio::test]
async fn spans_por_operacao() {
    um_span_por_operacao_com_tentativas_token_e_reenvio_como_filhos().await;
    span_da_operacao_registra_o_tipo_de_erro_e_o_codigo().await;
}

async fn um_span_por_operacao_com_tentativas_token_e_reenvio_como_filhos() {
    let captura = Arc::new(Captura::default());
    let _guarda = tracing::subscriber::set_default(Arc::clone(&captura));

    let server = MockServer::start().await;
    let contador = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(TokensEmSequencia {
            contador: Arc::clone(&contador),
            expires_in: 3600,
            atraso: Duration::ZERO,
        })
        .expect(2)
        .mount(&server)
        .await;
    // tok-1 is refused by the gateway (401): renewed, resent once with tok-2.
    Mock::given(method("GET"))
        .and(path(caminho(&format!(
            "vistoria/consultar-ultimo-laudo/{CPF}/{CHASSI}"
        ))))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"code": "900901", "message": "Invalid Credentials"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(caminho(&format!(
            "vistoria/consultar-ultimo-laudo/{CPF}/{CHASSI}"
        ))))
        .and(header("authorization", "Bearer tok-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"codigo_retorno": "000", "numero_laudo": "123", "data_emissao": "2026-10-01"}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let cliente = cliente(&server);
    let alvo = CompradorChassi {
        cpf_cnpj_comprador: cpf(),
        chassi: chassi(),
    };
    cliente.consultar_ultimo_laudo(&alvo).await.unwrap();
    server.verify().await;

    let operacao = captura.spans("renave.cetmg", "consultar_ultimo_laudo");
    assert_eq!(operacao.len(), 1, "{}", captura.texto());
    let (id, pai) = operacao[0];
    assert_eq!(pai, 0, "the operation span is a root here");
    // Two attempts of the operation (401, then the resend) and two token requests, all
    // children of the one operation span.
    let tentativas = captura.spans("renave.http", "consultar_ultimo_laudo");
    let tokens = captura.spans("renave.http", "gerar_token");
    assert_eq!(tentativas.len(), 2, "{}", captura.texto());
    assert_eq!(tokens.len(), 2, "{}", captura.texto());
    for (_, p) in tentativas.iter().chain(&tokens) {
        assert_eq!(*p, id, "{}", captura.texto());
    }
    let texto = captura.texto();
    for esperado in [
        format!("record {id}: status=200"),
        format!("record {id}: outcome=ok"),
        format!("record {id}: elapsed_ms="),
    ] {
        assert!(
            texto.contains(&esperado),
            "missing {esperado:?} in:\n{texto}"
        );
    }
    for proibido in [CPF, CHASSI, "tok-1", "tok-2", SEGREDO, CHAVE] {
        assert!(!texto.contains(proibido), "{proibido} in:\n{texto}");
    }
}

async fn span_da_operacao_registra_o_tipo_de_erro_e_o_codigo() {
    let captura = Arc::new(Captura::default());
    let _guarda = tracing::subscriber::set_default(Arc::clone(&captura));

    let server = MockServer::start().await;
    montar_token(&server, 1).await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"codigo_retorno": "101", "mensagem_retorno": format!("CPF {CPF} bloqueado")}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let cliente = cliente(&server);
    cliente.consultar_cores().await.unwrap_err();
    // Invalid input: the span says so, and nothing is sent.
    let bruto = cliente
        .executar_bruto(
            renave_mg_client::HttpMethod::Get,
            "a b",
            &[],
            None,
            renave_mg_client::Idempotency::Idempotent,
        )
        .await;
    assert!(bruto.is_err());
    server.verify().await;

    let [(id, _)] = captura.spans("renave.cetmg", "consultar_cores")[..] else {
        panic!("{}", captura.texto());
    };
    let [(id_bruto, _)] = captura.spans("renave.cetmg", "executar_bruto")[..] else {
        panic!("{}", captura.texto());
    };
    let texto = captura.texto();
    for esperado in [
        format!("record {id}: status=200"),
        format!("record {id}: outcome=business"),
        format!("record {id}: codigo_retorno=101"),
        format!("record {id_bruto}: outcome=invalid_input"),
    ] {
        assert!(
            texto.contains(&esperado),
            "missing {esperado:?} in:\n{texto}"
        );
    }
    assert!(!texto.contains(CPF), "CPF in:\n{texto}");
    assert!(!texto.contains("bloqueado"), "message in:\n{texto}");
}
