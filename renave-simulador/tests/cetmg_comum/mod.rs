//! Shared helpers of the CET-MG simulator tests: a raw-JSON HTTP client over plain http.

#![allow(dead_code, unreachable_pub)]

use renave_simulador::cetmg::{
    CNPJ_ESTABELECIMENTO, CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO, SimuladorCetMg,
    VeiculoSimulado,
};
use serde_json::{Value, json};

/// A minimal PDF, base64.
pub const PDF_B64: &str = "JVBERi0xLjQKJSBzaW11bGFkbwolJUVPRgo=";

pub struct Cliente {
    pub http: reqwest::Client,
    pub base: String,
    pub token: String,
}

impl Cliente {
    /// A client with a fresh token from `gerar-token`.
    pub async fn novo(sim: &SimuladorCetMg) -> Self {
        instalar_provedor_tls();
        let http = reqwest::Client::new();
        let base = format!("{}/api/veiculos/renave/", sim.url());
        let mut c = Self {
            http,
            base,
            token: String::new(),
        };
        let (status, corpo) = c
            .post_sem_token(
                "gerar-token",
                &json!({"consumer_key": CONSUMER_KEY_PADRAO, "consumer_secret": CONSUMER_SECRET_PADRAO}),
            )
            .await;
        assert_eq!(status, 200, "{corpo}");
        corpo["access_token"]
            .as_str()
            .expect("access_token")
            .clone_into(&mut c.token);
        c
    }

    pub async fn post_sem_token(&self, caminho: &str, corpo: &Value) -> (u16, Value) {
        let r = self
            .http
            .post(format!("{}{caminho}", self.base))
            .json(corpo)
            .send()
            .await
            .expect("send");
        decodificar(r).await
    }

    pub async fn get(&self, caminho: &str) -> (u16, Value) {
        let r = self
            .http
            .get(format!("{}{caminho}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("send");
        decodificar(r).await
    }

    pub async fn post(&self, caminho: &str, corpo: &Value) -> (u16, Value) {
        let r = self
            .http
            .post(format!("{}{caminho}", self.base))
            .bearer_auth(&self.token)
            .json(corpo)
            .send()
            .await
            .expect("send");
        decodificar(r).await
    }
}

/// reqwest is built without a default rustls provider (workspace feature `rustls-no-provider`);
/// the tests speak plain http but the client still needs one.
pub fn instalar_provedor_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

async fn decodificar(r: reqwest::Response) -> (u16, Value) {
    let status = r.status().as_u16();
    let texto = r.text().await.expect("body");
    (
        status,
        serde_json::from_str(&texto).unwrap_or(Value::String(texto)),
    )
}

/// Asserts HTTP 200 with `codigo_retorno` "000".
#[track_caller]
pub fn ok(resposta: &(u16, Value)) -> &Value {
    assert_eq!(resposta.0, 200, "{}", resposta.1);
    assert_eq!(resposta.1["codigo_retorno"], "000", "{}", resposta.1);
    &resposta.1
}

/// Asserts a business refusal: HTTP 200 with the given `codigo_retorno` and a message.
#[track_caller]
pub fn recusa(resposta: &(u16, Value), codigo: &str) {
    assert_eq!(resposta.0, 200, "{}", resposta.1);
    assert_eq!(resposta.1["codigo_retorno"], codigo, "{}", resposta.1);
    assert!(
        resposta.1["mensagem_retorno"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{}",
        resposta.1
    );
}

/// Asserts an HTTP error status with the same `codigo_retorno`.
#[track_caller]
pub fn erro_http(resposta: &(u16, Value), status: u16) {
    assert_eq!(resposta.0, status, "{}", resposta.1);
    assert_eq!(
        resposta.1["codigo_retorno"],
        status.to_string(),
        "{}",
        resposta.1
    );
}

pub fn veiculo(sim: &SimuladorCetMg, prefixo: &str) -> VeiculoSimulado {
    sim.veiculos()
        .into_iter()
        .find(|v| v.descricao.starts_with(prefixo))
        .unwrap_or_else(|| panic!("no seeded vehicle starting with {prefixo:?}"))
}

/// The body of `registrar-solicitacao-servico-transferencia-propriedade-veiculo` as
/// `renave-mg-client` sends it.
pub fn corpo_solicitacao(v: &VeiculoSimulado, estabelecimento: &str, comprador: &str) -> Value {
    json!({
        "cpf_cnpj_estabelecimento": estabelecimento,
        "placa": v.placa.as_str(),
        "renavam": v.renavam.as_str(),
        "chassi": v.chassi.as_str(),
        "codigo_cor": "04",
        "cilindrada": 999,
        "potencia": 84,
        "codigo_tipo": v.tipo_veiculo.as_str(),
        "codigo_especie": "1",
        "numero_passageiros": 5,
        "codigo_combustivel": "16",
        "codigo_marca_modelo": v.codigo_marca_modelo,
        "categoria": 1,
        "atividade": "O",
        "nome_comprador": "Comprador de Teste",
        "cpf_cnpj_comprador": comprador,
        "endereco_comprador": "Rua da Bahia",
        "numero_endereco_comprador": "100",
        "bairro_comprador": "Centro",
        "cep_comprador": "30160011",
        "codigo_municipio_emplacamento": "4123",
        "data_recibo": "2026-01-10",
        "valor_venda": 35000.0,
        "isencao_ipva": 2,
        "modalidade_compra": 0,
    })
}

/// The body of `emitir-guia-dae` (taxa 64).
pub fn corpo_dae(estabelecimento: &str, comprador: &str) -> Value {
    json!({
        "cnpj_estabelecimento": estabelecimento,
        "codigo_taxa": 64,
        "cpf_cnpj_comprador": comprador,
        "uf_origem_comprador": "MG",
        "codigo_municipio_emplacamento": "4123",
    })
}

/// The body of `vistoria/distribuir`.
pub fn corpo_distribuir(estabelecimento: &str, comprador: &str, movel: bool) -> Value {
    json!({
        "cnpj_estabelecimento": estabelecimento,
        "municipio_regiao_id": 41_232,
        "cpf_cnpj_comprador": comprador,
        "telefone_comprador": "31999990000",
        "email_comprador": "comprador@example.com",
        "vistoria_movel": movel,
        "receber_pesquisa": true,
    })
}

/// The body of `criar-processo-transferencia` as `renave-mg-client` sends it.
pub fn corpo_processo(v: &VeiculoSimulado, adquirente: &str, extras: &Value) -> Value {
    let mut c = json!({
        "placa": v.placa.as_str(),
        "chassi": v.chassi.as_str(),
        "renavam": v.renavam.as_str(),
        "marca_modelo": "FIAT/ARGO DRIVE 1.0",
        "cpf_cnpj_solicitante": CNPJ_ESTABELECIMENTO,
        "nome_solicitante": "Loja Simulada de Veículos Ltda",
        "email_solicitante": "loja@example.com",
        "telefone_solicitante": "3133330000",
        "nome_adquirente": "Adquirente de Teste",
        "cpf_cnpj_adquirente": adquirente,
        "logradouro_adquirente": "Avenida Afonso Pena",
        "numero_adquirente": "1500",
        "bairro_adquirente": "Centro",
        "cep_adquirente": "30130005",
        "codigo_ibge_municipio_adquirente": "3106200",
        "nome_municipio_adquirente": "Belo Horizonte",
        "uf_adquirente": "MG",
        "atividade": "O",
        "categoria": 1,
        "tipo_veiculo": v.tipo_veiculo.as_str(),
        "isencao_ipva": false,
        "alterar_endereco": false,
        "alterar_nome": false,
        "alterar_cor": false,
        "alterar_caracteristicas_tecnicas": false,
        "instalar_bascula": false,
        "alterar_eixo": false,
        "determinacao_judicial": false,
        "inserir_comodato": false,
        "tipo_documento_adquirente": if adquirente.len() == 14 { 2 } else { 1 },
        "documentos_anexados": [],
    });
    if let (Some(obj), Some(mais)) = (c.as_object_mut(), extras.as_object()) {
        for (k, v) in mais {
            obj.insert(k.clone(), v.clone());
        }
    }
    c
}
