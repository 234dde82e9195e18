//! Issue 12: the CET-MG contract at depth and the envelope from one place.
//!
//! * A request field renamed inside the items of a list (`documentos_anexados[].nome`) travels
//!   under its new name; an answer field renamed inside the items of `dados` is read back.
//! * With the envelope renamed (`codigoRetorno`/`mensagemRetorno`) every path that reads it —
//!   a success, a refusal decoded as the answer type, a refusal the answer type cannot hold,
//!   an error status, `gerar-token`, a raw call — gives the same typed result as the default
//!   envelope under the default contract; and an answer spelt with the DEFAULT names under the
//!   overridden contract is never a success.

#![allow(clippy::unwrap_used)]

mod comum;

use comum::{BASE, CHASSI, CNPJ, CPF, TOKEN, chassi, cnpj, cpf, cpf_cnpj_pj, pdf_minimo};
use renave_domain::{Atividade, Categoria, CondicoesDocumentos, DocumentoId};
use renave_mg_client::contrato::Contrato;
use renave_mg_client::operacoes::agenda::RETORNAR_DATAS_COM_VAGAS;
use renave_mg_client::operacoes::estoque::{
    CONSULTAR_APTIDAO_VEICULO_ESTOQUE, ConsultaAptidaoVeiculoEstoque,
};
use renave_mg_client::operacoes::protocolo_digital::{
    DocumentoAnexo, REGULARIZAR_PENDENCIA_RENAVE, RegularizacaoPendencia,
};
use renave_mg_client::operacoes::vistoria::CompradorChassi;
use renave_mg_client::{ClienteCetMg, Erro, HttpMethod, Idempotency};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The override of the envelope's names (the divergent dialect's).
const ENVELOPE: &str = r#"
[envelope]
codigo = "codigoRetorno"
mensagens = ["mensagemRetorno"]
sucesso = "000"
"#;

fn caminho_aptidao() -> String {
    format!(
        "{BASE}{}",
        CONSULTAR_APTIDAO_VEICULO_ESTOQUE
            .route
            .template()
            .replace("{chassi}", CHASSI)
            .replace("{cpf_cnpj_proprietario}", CPF)
            .replace("{cpf_cnpj_estabelecimento}", CNPJ)
    )
}

fn caminho_datas() -> String {
    format!(
        "{BASE}{}",
        RETORNAR_DATAS_COM_VAGAS
            .route
            .template()
            .replace("{cpf_cnpj_comprador}", CPF)
            .replace("{chassi}", CHASSI)
    )
}

fn alvo() -> CompradorChassi {
    CompradorChassi {
        cpf_cnpj_comprador: cpf(),
        chassi: chassi(),
    }
}

fn consulta() -> ConsultaAptidaoVeiculoEstoque {
    ConsultaAptidaoVeiculoEstoque::new(chassi(), cpf(), cnpj())
}

async fn servidor() -> MockServer {
    let servidor = MockServer::start().await;
    comum::montar_token(&servidor, 1).await;
    servidor
}

fn com_envelope(servidor: &MockServer) -> ClienteCetMg {
    comum::builder(servidor)
        .contrato(Contrato::de_toml(ENVELOPE).unwrap())
        .build()
        .unwrap()
}

/// The body as the override says: each document's `nome` and `tipo_documento` under their new
/// names, none under the SDK's.
fn documentos_renomeados(r: &Request) -> bool {
    let Ok(v) = serde_json::from_slice::<Value>(&r.body) else {
        return false;
    };
    let Some([doc]) = v["documentos_anexados"].as_array().map(Vec::as_slice) else {
        return false;
    };
    doc["nomeArquivo"] == json!("autorizacao.pdf")
        && doc["tipoDocumento"] == json!(284)
        && doc.get("nome").is_none()
        && doc.get("tipo_documento").is_none()
        && doc.get("arquivo").is_some()
        && v["mensagem"] == json!("Autorização anexa")
}

#[tokio::test]
async fn campos_aninhados_renomeados_vao_e_voltam() {
    let servidor = servidor().await;
    Mock::given(method("POST"))
        .and(path(format!(
            "{BASE}{}",
            REGULARIZAR_PENDENCIA_RENAVE.route.template()
        )))
        .and(documentos_renomeados)
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"mensagem": "Pendência regularizada"})),
        )
        .expect(1)
        .mount(&servidor)
        .await;
    Mock::given(method("GET"))
        .and(path(caminho_datas()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "codigo_retorno": "000",
            "datas": [{"data": "2025-12-02", "vagasDisponiveis": 3}]
        })))
        .expect(1)
        .mount(&servidor)
        .await;
    let sobreposicao = Contrato::de_toml(
        r#"
        [operacoes.regularizar_pendencia_renave.requisicao]
        "documentos_anexados[].nome" = "nomeArquivo"
        "documentos_anexados[].tipo_documento" = "tipoDocumento"
        [operacoes.retornar_datas_com_vagas.resposta]
        dados = "datas"
        "dados[].vagas" = "vagasDisponiveis"
        "#,
    )
    .unwrap();
    let cliente = comum::builder(&servidor)
        .contrato(sobreposicao)
        .build()
        .unwrap();
    let condicoes = CondicoesDocumentos {
        atividade: Some(Atividade::Taxi),
        categoria: Some(Categoria::Aluguel),
        ..CondicoesDocumentos::default()
    };
    cliente
        .regularizar_pendencia_renave(&RegularizacaoPendencia {
            numero_pendencia: 9u64.into(),
            numero_protocolo: "2025000123".into(),
            cpf_cnpj_remetente: cpf_cnpj_pj(),
            mensagem: "Autorização anexa".into(),
            documentos_anexados: vec![DocumentoAnexo {
                tipo_documento: DocumentoId::AutorizacaoPoderPublico,
                nome: "autorizacao.pdf".into(),
                arquivo: pdf_minimo(),
            }],
            condicoes,
        })
        .await
        .unwrap();
    let datas = cliente.retornar_datas_com_vagas(&alvo()).await.unwrap();
    let itens = datas.dados.validos();
    assert_eq!(itens.len(), 1, "{datas:?}");
    assert_eq!(
        itens[0].vagas.as_ref().and_then(|v| v.valido()),
        Some(&3),
        "{datas:?}"
    );
    assert!(itens[0].data.is_some(), "{datas:?}");
}

#[tokio::test]
async fn caminho_aninhado_desconhecido_na_requisicao_e_erro_de_build() {
    let servidor = MockServer::start().await;
    let sobreposicao = Contrato::de_toml(
        "[operacoes.regularizar_pendencia_renave.requisicao]\n\"documentos_anexados[].nomee\" = \"n\"\n",
    )
    .unwrap();
    match comum::builder(&servidor).contrato(sobreposicao).build() {
        Err(e @ Erro::Configuracao { .. }) => {
            let texto = e.to_string();
            assert!(texto.contains("documentos_anexados[].nomee"), "{texto}");
        }
        outro => panic!("expected a configuration error, got {outro:?}"),
    }
}

/// `(codigo_retorno, mensagem)` of a business refusal; panics on anything else.
fn negocio(r: Result<impl std::fmt::Debug, Erro>) -> (String, Option<String>) {
    match r {
        Err(Erro::Negocio {
            codigo_retorno,
            mensagem,
            ..
        }) => (codigo_retorno, mensagem),
        outro => panic!("expected Erro::Negocio, got {outro:?}"),
    }
}

#[tokio::test]
async fn recusa_com_envelope_renomeado_e_a_mesma_recusa() {
    // Default names under the default contract, renamed names under the override: the same
    // typed refusal, on the path where the answer type holds the body (aptidão) and on the one
    // where it cannot (a list answer whose `dados` is an object: the body is read again for
    // its envelope).
    let mut vistos = Vec::new();
    for (renomeado, codigo, mensagem) in [
        (false, "codigo_retorno", "mensagem_retorno"),
        (true, "codigoRetorno", "mensagemRetorno"),
    ] {
        let servidor = servidor().await;
        let corpo = json!({codigo: "101", mensagem: "Veículo com restrição", "dados": {}});
        for caminho in [caminho_aptidao(), caminho_datas()] {
            Mock::given(method("GET"))
                .and(path(caminho))
                .respond_with(ResponseTemplate::new(200).set_body_json(corpo.clone()))
                .expect(1)
                .mount(&servidor)
                .await;
        }
        let cliente = if renomeado {
            com_envelope(&servidor)
        } else {
            comum::cliente(&servidor)
        };
        let aptidao = negocio(cliente.consultar_aptidao_veiculo_estoque(&consulta()).await);
        let datas = negocio(cliente.retornar_datas_com_vagas(&alvo()).await);
        vistos.push((aptidao, datas));
    }
    let esperado = ("101".to_owned(), Some("Veículo com restrição".to_owned()));
    assert_eq!(vistos[0], (esperado.clone(), esperado));
    assert_eq!(vistos[0], vistos[1]);
}

#[tokio::test]
async fn status_de_erro_com_envelope_renomeado_e_lido() {
    let servidor = servidor().await;
    Mock::given(method("GET"))
        .and(path(caminho_aptidao()))
        .respond_with(ResponseTemplate::new(422).set_body_json(
            json!({"codigoRetorno": "205", "mensagemRetorno": "Chassi não encontrado"}),
        ))
        .expect(1)
        .mount(&servidor)
        .await;
    Mock::given(method("GET"))
        .and(path(caminho_datas()))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(json!({"codigoRetorno": 999, "mensagemRetorno": "Erro interno"})),
        )
        .expect(1)
        .mount(&servidor)
        .await;
    let cliente = com_envelope(&servidor);
    for (r, codigo, texto) in [
        (
            cliente
                .consultar_aptidao_veiculo_estoque(&consulta())
                .await
                .map(|_| ()),
            "205",
            "Chassi não encontrado",
        ),
        (
            cliente.retornar_datas_com_vagas(&alvo()).await.map(|_| ()),
            "999",
            "Erro interno",
        ),
    ] {
        match r {
            Err(
                ref e @ Erro::Http {
                    ref codigo_retorno,
                    ref mensagem,
                    ..
                },
            ) => {
                assert_eq!(codigo_retorno.as_deref(), Some(codigo), "{e:?}");
                assert_eq!(mensagem.as_deref(), Some(texto), "{e:?}");
                assert_eq!(e.codigo(), Some(codigo));
            }
            outro => panic!("expected Erro::Http, got {outro:?}"),
        }
    }
}

#[tokio::test]
async fn nomes_padrao_sob_contrato_sobreposto_nao_sao_sucesso() {
    let servidor = servidor().await;
    Mock::given(method("GET"))
        .and(path(caminho_aptidao()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"codigo_retorno": "000", "gravame": false})),
        )
        .expect(1)
        .mount(&servidor)
        .await;
    let cliente = com_envelope(&servidor);
    let r = cliente.consultar_aptidao_veiculo_estoque(&consulta()).await;
    match r {
        Err(Erro::RespostaNaoReconhecida { ref motivo, .. }) => {
            assert!(motivo.contains("codigoRetorno"), "{motivo}");
        }
        outro => panic!("expected RespostaNaoReconhecida, got {outro:?}"),
    }
    // The default-named code is counted as a field outside the contract.
    let divergencias = cliente.divergencias();
    assert!(
        divergencias.iter().any(|d| d
            .desconhecidos
            .iter()
            .any(|c| c.ends_with("codigo_retorno"))),
        "{divergencias:?}"
    );
}

#[tokio::test]
async fn token_e_chamada_bruta_com_envelope_renomeado() {
    // `gerar-token` refused with the renamed envelope: its code and message are read.
    let servidor = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{BASE}gerar-token")))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"codigoRetorno": "401", "mensagemRetorno": "Credenciais inválidas"}),
        ))
        .expect(1)
        .mount(&servidor)
        .await;
    let erro = com_envelope(&servidor).gerar_token().await.unwrap_err();
    assert_eq!(erro.codigo_retorno(), Some("401"), "{erro:?}");
    // A raw answer's return code under the contract's name.
    let servidor = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{BASE}gerar-token")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": TOKEN, "expires_in": 3600})),
        )
        .mount(&servidor)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}qualquer")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"codigoRetorno": 7})))
        .expect(1)
        .mount(&servidor)
        .await;
    let bruta = com_envelope(&servidor)
        .executar_bruto(
            HttpMethod::Get,
            "qualquer",
            &[],
            None,
            Idempotency::Idempotent,
        )
        .await
        .unwrap();
    assert_eq!(bruta.codigo_retorno().as_deref(), Some("007"));
}

#[tokio::test]
async fn requisicao_do_token_renomeada() {
    // `gerar-token`'s request fields are in the contract: a rename is what goes on the wire,
    // never accepted and ignored.
    let servidor = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{BASE}gerar-token")))
        .and(|r: &Request| {
            serde_json::from_slice::<Value>(&r.body).is_ok_and(|v| {
                v["consumerKey"] == json!(comum::CHAVE)
                    && v["consumer_secret"] == json!(comum::SEGREDO)
                    && v.get("consumer_key").is_none()
            })
        })
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": TOKEN, "expires_in": 3600})),
        )
        .expect(1)
        .mount(&servidor)
        .await;
    let sobreposicao =
        Contrato::de_toml("[operacoes.gerar_token.requisicao]\nconsumer_key = \"consumerKey\"\n")
            .unwrap();
    let cliente = comum::builder(&servidor)
        .contrato(sobreposicao)
        .build()
        .unwrap();
    cliente.gerar_token().await.unwrap();
}
