//! Shared fixtures of the contract tests: a wiremock server with `gerar-token`, a client
//! pointed at it, and valid sample values.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use renave_domain::{Chassi, Cnpj, CpfCnpj, Placa, Renavam};
use renave_mg_client::{Ambiente, ClienteCetMg, ClienteCetMgBuilder, RetryPolicy, Timeouts};
use secrecy::SecretString;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const BASE: &str = "/api/veiculos/renave/";
pub const CHAVE: &str = "chave-consumidor-XYZ987";
pub const SEGREDO: &str = "segredo-super-secreto-123";
pub const TOKEN: &str = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.tokenassinado1";
pub const CPF: &str = "52998224725";
pub const CNPJ: &str = "11222333000181";
pub const CHASSI: &str = "9BWZZZ377VT004251";
pub const PLACA: &str = "ABC1D23";
pub const RENAVAM: &str = "17058862280";
pub const LINHA: &str = "848900000002404201622015806051904292586034111220";
pub const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";

pub fn caminho(rel: &str) -> String {
    format!("{BASE}{rel}")
}

pub fn chassi() -> Chassi {
    CHASSI.parse().unwrap()
}
pub fn cpf() -> CpfCnpj {
    CPF.parse().unwrap()
}
pub fn cnpj() -> Cnpj {
    CNPJ.parse().unwrap()
}
pub fn cpf_cnpj_pj() -> CpfCnpj {
    CNPJ.parse().unwrap()
}
pub fn placa() -> Placa {
    PLACA.parse().unwrap()
}
pub fn renavam() -> Renavam {
    RENAVAM.parse().unwrap()
}

/// Mounts `POST gerar-token` answering `TOKEN`, expecting `n` calls.
pub async fn montar_token(server: &MockServer, n: u64) {
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .and(body_json(
            json!({"consumer_key": CHAVE, "consumer_secret": SEGREDO}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600}),
        ))
        .expect(n)
        .named("gerar-token")
        .mount(server)
        .await;
}

/// A `gerar-token` responder handing out `tok-1`, `tok-2`, … with the given lifetime.
pub struct TokensEmSequencia {
    pub contador: Arc<AtomicUsize>,
    pub expires_in: u64,
    pub atraso: Duration,
}

impl Respond for TokensEmSequencia {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.contador.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200)
            .set_body_json(
                json!({"access_token": format!("tok-{n}"), "expires_in": self.expires_in}),
            )
            .set_delay(self.atraso)
    }
}

pub fn builder(server: &MockServer) -> ClienteCetMgBuilder {
    ClienteCetMg::builder()
        .ambiente(Ambiente::Local(server.uri().parse().unwrap()))
        .credenciais(SecretString::from(CHAVE), SecretString::from(SEGREDO))
        .retentativas(RetryPolicy::disabled())
        .prazos(Timeouts {
            connect: Duration::from_secs(2),
            per_attempt: Duration::from_secs(5),
            operation: Duration::from_secs(10),
        })
}

pub fn cliente(server: &MockServer) -> ClienteCetMg {
    builder(server).build().unwrap()
}

pub fn pdf_minimo() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec()
}

pub fn corpo_sucesso_vazio() -> Value {
    json!({"codigo_retorno": "000", "mensagem_retorno": "Sucesso"})
}
