//! The floor (*piso*): the honest minimum an integradora writes by hand with `reqwest` and
//! `serde_json` for the same requests as the SDK — same method, route, headers and body, the
//! bearer token obtained once from `gerar-token`, `error_for_status`, the answer deserialized
//! into a hand-written `#[derive(Deserialize)]` struct with the same fields, the CET-MG success
//! code checked. No validation of identifiers, no tolerant reading, no deadlines, retries,
//! journal or contract: what the SDK adds is what the bench's ratio prices.
//!
//! The routes are written by hand here on purpose (that is what an integradora does);
//! `tests/harness.rs` checks that the server receives the same request from the floor as from
//! the SDK.

use base64::Engine as _;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use serde::{Deserialize, Serialize};

/// The User-Agent the floor sends (the SDK sends its own: one header of similar length).
pub const USER_AGENT: &str = "integradora-exemplo/1.0 (reqwest)";

/// A failure of a floor call (the bench stops on any).
#[derive(Debug)]
pub struct ErroPiso(pub String);

impl std::fmt::Display for ErroPiso {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ErroPiso {}

impl From<reqwest::Error> for ErroPiso {
    fn from(e: reqwest::Error) -> Self {
        Self(e.to_string())
    }
}

impl From<serde_json::Error> for ErroPiso {
    fn from(e: serde_json::Error) -> Self {
        Self(e.to_string())
    }
}

/// A plain `reqwest::Client` (ring as rustls' provider, as the SDK; plain HTTP to the local
/// server).
pub fn cliente_http() -> Result<reqwest::Client, ErroPiso> {
    // reqwest is built without a default provider in this workspace: install ring once.
    let _ = rustls::crypto::ring::default_provider().install_default();
    Ok(reqwest::Client::builder().user_agent(USER_AGENT).build()?)
}

// ---------------------------------------------------------------------------------------------
// CET-MG
// ---------------------------------------------------------------------------------------------

#[derive(Serialize)]
struct PedidoToken<'a> {
    consumer_key: &'a str,
    consumer_secret: &'a str,
}

#[derive(Deserialize)]
struct Token {
    access_token: String,
}

/// The CET-MG aptidão answer, by hand: the envelope and the same fields as the SDK's
/// `RespostaAptidaoVeiculoEstoque`, in plain types.
#[derive(Debug, Deserialize)]
#[allow(missing_docs)]
pub struct Aptidao {
    pub codigo_retorno: String,
    pub mensagem_retorno: Option<String>,
    pub comunicacao_venda_registrada: Option<bool>,
    pub laudo_csv_em_aberto: Option<bool>,
    pub reserva_dominio: Option<bool>,
    pub gravame: Option<bool>,
    pub total_autuacoes: Option<u32>,
    pub multas_exigiveis: Option<u32>,
    pub multas_totais: Option<u32>,
    pub pendencias_trlav: Option<bool>,
    pub pendencias_ipva: Option<bool>,
    pub pendencias_dpvat: Option<bool>,
    pub impedimentos_cadastrais: Option<bool>,
    pub recall_pendente: Option<bool>,
    pub estampagem_em_aberto: Option<bool>,
    pub observacoes_impeditivas_laudo: Option<bool>,
    #[serde(default)]
    pub detalhes: Vec<String>,
}

/// The CET-MG envelope alone (the upload's answer).
#[derive(Debug, Deserialize)]
#[allow(missing_docs)]
pub struct Retorno {
    pub codigo_retorno: String,
    pub mensagem_retorno: Option<String>,
}

#[derive(Serialize)]
struct Upload<'a> {
    numero_protocolo: u64,
    tipo_documento: u64,
    cpf_cnpj_remetente: &'a str,
    mensagem: &'a str,
    nome: &'a str,
    arquivo: String,
}

/// The floor's upload body: the PDF in base64 in the hand-written struct, `serde_json::to_vec`.
pub fn corpo_upload(
    numero_protocolo: u64,
    remetente: &str,
    pdf: &[u8],
) -> Result<Vec<u8>, ErroPiso> {
    Ok(serde_json::to_vec(&Upload {
        numero_protocolo,
        tipo_documento: 1,
        cpf_cnpj_remetente: remetente,
        mensagem: "Ficha de cadastro do veículo",
        nome: "ficha-cadastro.pdf",
        arquivo: base64::engine::general_purpose::STANDARD.encode(pdf),
    })?)
}

/// The hand-written CET-MG client: a base URL, a `reqwest::Client` and the bearer token asked
/// once.
#[derive(Debug, Clone)]
pub struct PisoCetMg {
    http: reqwest::Client,
    base: String,
    autorizacao: String,
}

impl PisoCetMg {
    /// Asks `gerar-token` once (`POST {base}api/veiculos/renave/gerar-token`).
    pub async fn novo(url: &str, chave: &str, segredo: &str) -> Result<Self, ErroPiso> {
        let http = cliente_http()?;
        let base = format!("{url}api/veiculos/renave/");
        let corpo = serde_json::to_vec(&PedidoToken {
            consumer_key: chave,
            consumer_secret: segredo,
        })?;
        let resposta = http
            .post(format!("{base}gerar-token"))
            .header(CONTENT_TYPE, "application/json")
            .body(corpo)
            .send()
            .await?
            .error_for_status()?;
        let token: Token = serde_json::from_slice(&resposta.bytes().await?)?;
        Ok(Self {
            http,
            base,
            autorizacao: format!("Bearer {}", token.access_token),
        })
    }

    fn sucesso(codigo: &str) -> Result<(), ErroPiso> {
        if codigo == "000" {
            Ok(())
        } else {
            Err(ErroPiso(format!("codigo_retorno {codigo}")))
        }
    }

    /// `GET consultar-aptidao-veiculo-estoque/{chassi}/{cpf_cnpj_proprietario}/{cpf_cnpj_estabelecimento}`.
    pub async fn consultar_aptidao(
        &self,
        chassi: &str,
        proprietario: &str,
        estabelecimento: &str,
    ) -> Result<Aptidao, ErroPiso> {
        let url = format!(
            "{}consultar-aptidao-veiculo-estoque/{chassi}/{proprietario}/{estabelecimento}",
            self.base
        );
        let resposta = self
            .http
            .get(url)
            .header(AUTHORIZATION, &self.autorizacao)
            .send()
            .await?
            .error_for_status()?;
        let aptidao: Aptidao = serde_json::from_slice(&resposta.bytes().await?)?;
        Self::sucesso(&aptidao.codigo_retorno)?;
        Ok(aptidao)
    }

    /// `POST protocolo-digital/upload-documento-ficha-cadastro-renave` with the PDF in base64.
    pub async fn upload_ficha_cadastro(
        &self,
        numero_protocolo: u64,
        remetente: &str,
        pdf: &[u8],
    ) -> Result<Retorno, ErroPiso> {
        let corpo = corpo_upload(numero_protocolo, remetente, pdf)?;
        let resposta = self
            .http
            .post(format!(
                "{}protocolo-digital/upload-documento-ficha-cadastro-renave",
                self.base
            ))
            .header(AUTHORIZATION, &self.autorizacao)
            .header(CONTENT_TYPE, "application/json")
            .body(corpo)
            .send()
            .await?
            .error_for_status()?;
        let retorno: Retorno = serde_json::from_slice(&resposta.bytes().await?)?;
        Self::sucesso(&retorno.codigo_retorno)?;
        Ok(retorno)
    }
}

// ---------------------------------------------------------------------------------------------
// Renave-WS
// ---------------------------------------------------------------------------------------------

/// A Renave-WS stock (E11/E12), by hand: the same fields as the SDK's `Estoque`, in plain
/// types.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct Estoque {
    pub id: Option<i64>,
    pub estado: Option<String>,
    pub chassi: Option<String>,
    pub placa: Option<String>,
    pub renavam: Option<String>,
    pub numero_crv: Option<String>,
    pub codigo_seguranca_crv: Option<String>,
    pub tipo_crv: Option<String>,
    pub quilometragem_hodometro: Option<u64>,
    pub data_hora_medicao_hodometro: Option<String>,
    pub entrada_estoque: Option<EntradaEstoque>,
    pub saida_estoque: Option<serde_json::Value>,
    pub cancelamento_estoque: Option<serde_json::Value>,
    pub restricoes_veiculo: Option<Vec<Restricao>>,
    pub origem_por_cancelamento_estoque: Option<serde_json::Value>,
    pub id_estoque_gerado_por_transferencia: Option<i64>,
    pub id_estoque_origem_transferencia: Option<i64>,
}

/// `entradaEstoque`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct EntradaEstoque {
    pub cpf_operador_responsavel: Option<String>,
    pub data_hora: Option<String>,
    pub chave_nota_fiscal_entrada: Option<String>,
    pub data_hora_envio_nota_fiscal_entrada: Option<String>,
    pub numero_termo_entrada_estoque: Option<i64>,
    pub vendedor: Option<Documento>,
}

/// `vendedor`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct Documento {
    pub tipo_documento: Option<String>,
    pub numero_documento: Option<String>,
}

/// An item of `restricoesVeiculo`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(missing_docs)]
pub struct Restricao {
    pub codigo_tipo_restricao: Option<String>,
    pub tipo_restricao: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TermoEntrada {
    #[allow(dead_code)]
    numero_termo_entrada_estoque: Option<i64>,
    pdf_base64: Option<String>,
}

/// The hand-written Renave-WS client (the local server needs no client certificate).
#[derive(Debug, Clone)]
pub struct PisoRenaveWs {
    http: reqwest::Client,
    base: String,
}

impl PisoRenaveWs {
    /// A client for `url` (the service root).
    pub fn novo(url: &str) -> Result<Self, ErroPiso> {
        Ok(Self {
            http: cliente_http()?,
            base: url.to_owned(),
        })
    }

    async fn get(&self, caminho: &str) -> Result<bytes::Bytes, ErroPiso> {
        let resposta = self
            .http
            .get(format!("{}{caminho}", self.base))
            .header(ACCEPT, "application/json")
            .send()
            .await?
            .error_for_status()?;
        Ok(resposta.bytes().await?)
    }

    /// E11 `GET api/estoques` (no filter).
    pub async fn consultar_estoques(&self) -> Result<Vec<Estoque>, ErroPiso> {
        Ok(serde_json::from_slice(&self.get("api/estoques").await?)?)
    }

    /// E13 `GET api/estoques/{idEstoque}/termo-entrada-estoque`, the PDF decoded (and checked
    /// to be a PDF).
    pub async fn pdf_termo_entrada(&self, id_estoque: i64) -> Result<Vec<u8>, ErroPiso> {
        let corpo = self
            .get(&format!("api/estoques/{id_estoque}/termo-entrada-estoque"))
            .await?;
        let termo: TermoEntrada = serde_json::from_slice(&corpo)?;
        drop(corpo);
        let pdf = base64::engine::general_purpose::STANDARD
            .decode(
                termo
                    .pdf_base64
                    .ok_or_else(|| ErroPiso("no pdfBase64".into()))?,
            )
            .map_err(|e| ErroPiso(e.to_string()))?;
        if !pdf.starts_with(b"%PDF-") {
            return Err(ErroPiso("not a PDF".into()));
        }
        Ok(pdf)
    }
}
