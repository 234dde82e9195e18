//! The contract's divergence accounting: one WARN per operation and field set, never a value.
//!
//! In its own test binary: `tracing` caches per call site whether anyone listens, and another
//! test of the same binary reaching the same `warn!` on another thread without a subscriber
//! could make this test miss its event (seen once in ten runs when it shared `contrato.rs`).
#![allow(clippy::unwrap_used)]

mod comum;

use std::sync::{Arc, Mutex};

use comum::{BASE, TOKEN, chassi, cnpj, cpf};
use renave_mg_client::operacoes::estoque::ConsultaAptidaoVeiculoEstoque;
use renave_mg_client::{Ambiente, ClienteCetMg, ClienteCetMgBuilder};
use secrecy::SecretString;
use serde_json::json;
use tracing_subscriber::fmt::MakeWriter;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const OP: &str = "consultar_aptidao_veiculo_estoque";

fn builder(servidor: &MockServer) -> ClienteCetMgBuilder {
    ClienteCetMg::builder()
        .ambiente(Ambiente::Local(servidor.uri().parse().unwrap()))
        .credenciais(SecretString::from("chave"), SecretString::from("segredo"))
}

async fn servidor_com_token() -> MockServer {
    let servidor = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{BASE}gerar-token")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": TOKEN, "expires_in": 3600})),
        )
        .mount(&servidor)
        .await;
    servidor
}

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Buffer {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
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

#[tokio::test]
async fn divergencias_contadas_e_um_warn() {
    let buffer = Buffer::default();
    let assinante = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_writer(buffer.clone())
        .with_ansi(false)
        .finish();
    let _guarda = tracing::subscriber::set_default(assinante);
    let servidor = servidor_com_token().await;
    Mock::given(method("GET"))
        .and(path(format!(
            "{BASE}consultar-aptidao-veiculo-estoque/{}/{}/{}",
            comum::CHASSI,
            comum::CPF,
            comum::CNPJ
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "codigo_retorno": "000",
            "gravame": false,
            "campoNovo": "valor-secreto-123"
        })))
        .expect(3)
        .mount(&servidor)
        .await;
    let cliente = builder(&servidor).build().unwrap();
    let consulta = ConsultaAptidaoVeiculoEstoque::new(chassi(), cpf(), cnpj());
    for _ in 0..3 {
        cliente
            .consultar_aptidao_veiculo_estoque(&consulta)
            .await
            .unwrap();
    }
    let divergencias = cliente.clone().divergencias();
    assert_eq!(divergencias.len(), 1, "{divergencias:?}");
    let d = &divergencias[0];
    assert_eq!(d.operacao, OP);
    assert_eq!(d.desconhecidos, ["campoNovo"]);
    // Optional fields absent (`total_autuacoes`, the messages) are not divergences.
    assert!(d.ausentes.is_empty(), "{d:?}");
    assert_eq!(d.ocorrencias, 3);
    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    let avisos: Vec<&str> = log.lines().filter(|l| l.contains("WARN")).collect();
    assert_eq!(avisos.len(), 1, "{log}");
    assert!(
        avisos[0].contains("campoNovo") && avisos[0].contains(OP),
        "{log}"
    );
    assert!(!log.contains("valor-secreto-123"), "{log}");
}
