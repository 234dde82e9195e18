//! Issue 12: a divergence counts only what means something — a field the answer type requires
//! absent, or an unknown field present. A normal answer whose optional fields are absent
//! raises no counter and no `WARN`.
//!
//! In its own test binary (one test): `tracing` caches per call site whether anyone listens
//! (see `contrato_aviso.rs`).
#![allow(clippy::unwrap_used)]

mod comum;

use std::sync::{Arc, Mutex};

use comum::{BASE, CHASSI, CNPJ, CPF, chassi, cnpj, cpf};
use renave_mg_client::operacoes::agenda::RETORNAR_DATAS_COM_VAGAS;
use renave_mg_client::operacoes::estoque::{
    CONSULTAR_APTIDAO_VEICULO_ESTOQUE, ConsultaAptidaoVeiculoEstoque,
};
use renave_mg_client::operacoes::vistoria::CompradorChassi;
use serde_json::json;
use tracing_subscriber::fmt::MakeWriter;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

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

fn avisos(buffer: &Buffer) -> Vec<String> {
    String::from_utf8(buffer.0.lock().unwrap().clone())
        .unwrap()
        .lines()
        .filter(|l| l.contains("WARN"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn so_campo_obrigatorio_ausente_e_divergencia() {
    let buffer = Buffer::default();
    let assinante = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_writer(buffer.clone())
        .with_ansi(false)
        .finish();
    let _guarda = tracing::subscriber::set_default(assinante);
    let servidor = MockServer::start().await;
    comum::montar_token(&servidor, 1).await;
    // A normal aptidão answer: the envelope and one field; every other modelled field (all
    // optional) absent.
    Mock::given(method("GET"))
        .and(path(format!(
            "{BASE}{}",
            CONSULTAR_APTIDAO_VEICULO_ESTOQUE
                .route
                .template()
                .replace("{chassi}", CHASSI)
                .replace("{cpf_cnpj_proprietario}", CPF)
                .replace("{cpf_cnpj_estabelecimento}", CNPJ)
        )))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"codigo_retorno": "000", "gravame": false})),
        )
        .expect(2)
        .mount(&servidor)
        .await;
    // A list answer without its required `dados`.
    Mock::given(method("GET"))
        .and(path(format!(
            "{BASE}{}",
            RETORNAR_DATAS_COM_VAGAS
                .route
                .template()
                .replace("{cpf_cnpj_comprador}", CPF)
                .replace("{chassi}", CHASSI)
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"codigo_retorno": "000"})))
        .expect(1)
        .mount(&servidor)
        .await;
    let cliente = comum::cliente(&servidor);
    let consulta = ConsultaAptidaoVeiculoEstoque::new(chassi(), cpf(), cnpj());
    for _ in 0..2 {
        cliente
            .consultar_aptidao_veiculo_estoque(&consulta)
            .await
            .unwrap();
    }
    assert!(
        cliente.divergencias().is_empty(),
        "{:?}",
        cliente.divergencias()
    );
    assert!(avisos(&buffer).is_empty(), "{:?}", avisos(&buffer));
    // The required field absent: one divergence, one WARN (whatever the call's outcome).
    let alvo = CompradorChassi {
        cpf_cnpj_comprador: cpf(),
        chassi: chassi(),
    };
    let _ = cliente.retornar_datas_com_vagas(&alvo).await;
    let divergencias = cliente.divergencias();
    assert_eq!(divergencias.len(), 1, "{divergencias:?}");
    assert_eq!(divergencias[0].operacao, "retornar_datas_com_vagas");
    assert_eq!(divergencias[0].ausentes, ["dados"]);
    assert!(divergencias[0].desconhecidos.is_empty(), "{divergencias:?}");
    let avisos = avisos(&buffer);
    assert_eq!(avisos.len(), 1, "{avisos:?}");
    assert!(avisos[0].contains("dados"), "{avisos:?}");
}
