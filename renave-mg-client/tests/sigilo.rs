//! No consumer key/secret, token or full CPF in `Debug`/`Display` of the configuration, the
//! client, every error variant, or the `tracing` output at TRACE level.
#![allow(clippy::unwrap_used)]

mod comum;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use comum::*;
use renave_domain::{CondicoesDocumentos, DocumentoId};
use renave_mg_client::operacoes::dae::{EmissaoGuiaDae, GuiaDae};
use renave_mg_client::operacoes::estoque::{
    ComunicacaoVendaSaidaEstoque, ConsultaAptidaoVeiculoEstoque,
};
use renave_mg_client::operacoes::protocolo_digital::{
    DocumentoAnexo, RegularizacaoPendencia, UploadFichaCadastro,
};
use renave_mg_client::operacoes::vistoria::CompradorChassi;
use renave_mg_client::{
    ArmazenamentoToken, CausaErro, ClienteCetMg, Erro, HttpMethod, Idempotency, RetryPolicy,
    Timeouts, TokenAcesso,
};
use serde_json::json;
use tracing_subscriber::fmt::MakeWriter;
use wiremock::matchers::{method, path, path_regex};
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

#[derive(Debug)]
struct ArmazenamentoQuebrado;

#[async_trait::async_trait]
impl ArmazenamentoToken for ArmazenamentoQuebrado {
    async fn get(&self) -> Result<Option<TokenAcesso>, CausaErro> {
        Err("redis down".into())
    }
    async fn put(&self, _: TokenAcesso) -> Result<(), CausaErro> {
        Err("redis down".into())
    }
    async fn invalidate(&self, _: &TokenAcesso) -> Result<(), CausaErro> {
        Err("redis down".into())
    }
}

fn proibidos() -> Vec<&'static str> {
    vec![SEGREDO, CHAVE, TOKEN, CPF, "529.982.247-25"]
}

#[tokio::test]
async fn nada_sigiloso_em_debug_display_ou_tracing() {
    let buffer = Buffer::default();
    let assinante = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(buffer.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::set_global_default(assinante).unwrap();

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": TOKEN, "expires_in": 3600})),
        )
        .expect(1..)
        .mount(&server)
        .await;
    let mut textos: Vec<String> = Vec::new();
    let mut erros: Vec<Erro> = Vec::new();

    // Configuration, client, token, request Debug.
    let b = builder(&server);
    textos.push(format!("{b:?}"));
    let cliente = b.build().unwrap();
    textos.push(format!("{cliente:?}"));
    let token = cliente.gerar_token().await.unwrap();
    textos.push(format!("{token:?}"));
    textos.push(format!(
        "{:?}",
        ConsultaAptidaoVeiculoEstoque {
            chassi: chassi(),
            cpf_cnpj_proprietario: cpf(),
            cpf_cnpj_estabelecimento: cnpj()
        }
    ));

    // Gateway 401 (after one renewal), HTTP 400, business error, undecodable answer.
    Mock::given(method("GET"))
        .and(path_regex("consultar-aptidao"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"codigo_retorno": "400", "mensagem_retorno": "Documento inválido"}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("consultar-ultimo-laudo"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"codigo_retorno": "042", "mensagem_retorno": "Sem laudo"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("consultar-agendamento"))
        // A JSON answer of the wrong shape (an HTML page is not recognised at all, D11).
        .respond_with(ResponseTemplate::new(200).set_body_json(json!("<html>oops</html>")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("consultar-distribuicao-ativa"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"code": "900901", "message": "Invalid Credentials"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(caminho("registrar-comunicacao-venda-saida-estoque")))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let alvo = CompradorChassi {
        cpf_cnpj_comprador: cpf(),
        chassi: chassi(),
    };
    erros.push(
        cliente
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque {
                chassi: chassi(),
                cpf_cnpj_proprietario: cpf(),
                cpf_cnpj_estabelecimento: cnpj(),
            })
            .await
            .unwrap_err(),
    );
    erros.push(cliente.consultar_ultimo_laudo(&alvo).await.unwrap_err());
    erros.push(cliente.consultar_agendamento(&alvo).await.unwrap_err());
    erros.push(
        cliente
            .consultar_distribuicao_ativa(&alvo)
            .await
            .unwrap_err(),
    );
    // Transport: a POST timing out (outcome unknown).
    let lento = builder(&server)
        .retentativas(RetryPolicy::disabled())
        .prazos(Timeouts {
            connect: Duration::from_secs(1),
            per_attempt: Duration::from_millis(200),
            operation: Duration::from_secs(2),
        })
        .build()
        .unwrap();
    erros.push(
        lento
            .registrar_comunicacao_venda_saida_estoque(&ComunicacaoVendaSaidaEstoque {
                id_estoque: 1u64.into(),
                cpf_cnpj_comprador: cpf(),
                placa: placa(),
                renavam: renavam(),
                chassi: chassi(),
                numero_atpve: "1".into(),
            })
            .await
            .unwrap_err(),
    );
    // Invalid input, missing documents, configuration, document, token store.
    erros.push(
        cliente
            .upload_documento_ficha_cadastro(&UploadFichaCadastro {
                numero_protocolo: "P".into(),
                tipo_documento: DocumentoId::from("300"),
                cpf_cnpj_remetente: cpf(),
                mensagem: "m".into(),
                nome: "x".into(),
                arquivo: vec![1, 2, 3],
            })
            .await
            .unwrap_err(),
    );
    erros.push(
        cliente
            .regularizar_pendencia_renave(&RegularizacaoPendencia {
                numero_pendencia: 1u64.into(),
                numero_protocolo: "P".into(),
                cpf_cnpj_remetente: cpf(),
                mensagem: "m".into(),
                documentos_anexados: vec![DocumentoAnexo {
                    tipo_documento: DocumentoId::from("1"),
                    nome: "a.pdf".into(),
                    arquivo: pdf_minimo(),
                }],
                condicoes: CondicoesDocumentos {
                    alterar_nome: true,
                    ..CondicoesDocumentos::default()
                },
            })
            .await
            .unwrap_err(),
    );
    erros.push(ClienteCetMg::builder().build().unwrap_err());
    let guia: GuiaDae = serde_json::from_value(json!({"arquivo_dae": "bm90IGEgcGRm"})).unwrap();
    erros.push(guia.pdf().unwrap_err());
    let quebrado = builder(&server)
        .armazenamento_token(Arc::new(ArmazenamentoQuebrado))
        .build()
        .unwrap();
    erros.push(quebrado.consultar_cores().await.unwrap_err());
    erros.push(
        cliente
            .executar_bruto(
                HttpMethod::Get,
                &format!("x/{CPF}?a"),
                &[],
                None,
                Idempotency::Idempotent,
            )
            .await
            .unwrap_err(),
    );
    let _ = cliente
        .emitir_guia_dae(&EmissaoGuiaDae {
            cnpj_estabelecimento: cnpj(),
            codigo_taxa: renave_domain::CodigoTaxa::VistoriaMovel,
            cpf_cnpj_comprador: cpf(),
            uf_origem_comprador: renave_domain::Uf::Mg,
            codigo_municipio_emplacamento: "4123".parse().unwrap(),
        })
        .await;

    let variantes: Vec<&str> = erros
        .iter()
        .map(|e| match e {
            Erro::EntradaInvalida { .. } => "EntradaInvalida",
            Erro::DocumentosFaltantes { .. } => "DocumentosFaltantes",
            Erro::Configuracao { .. } => "Configuracao",
            Erro::Transporte { .. } => "Transporte",
            Erro::Gateway { .. } => "Gateway",
            Erro::Http { .. } => "Http",
            Erro::Negocio { .. } => "Negocio",
            Erro::RespostaInvalida { .. } => "RespostaInvalida",
            Erro::Documento { .. } => "Documento",
            Erro::ArmazenamentoToken { .. } => "ArmazenamentoToken",
            _ => "outro",
        })
        .collect();
    for v in [
        "EntradaInvalida",
        "DocumentosFaltantes",
        "Configuracao",
        "Transporte",
        "Gateway",
        "Http",
        "Negocio",
        "RespostaInvalida",
        "Documento",
        "ArmazenamentoToken",
    ] {
        assert!(
            variantes.contains(&v),
            "variant {v} not exercised: {variantes:?}"
        );
    }
    for e in &erros {
        textos.push(format!("{e:?}"));
        textos.push(e.to_string());
        let mut fonte = std::error::Error::source(e);
        while let Some(f) = fonte {
            textos.push(f.to_string());
            textos.push(format!("{f:?}"));
            fonte = f.source();
        }
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let log = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("renave.http"), "no tracing captured: {log}");
    textos.push(log);
    for texto in &textos {
        for p in proibidos() {
            assert!(!texto.contains(p), "found {p:?} in: {texto}");
        }
    }
}
