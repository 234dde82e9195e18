//! Transport behaviour through the request core: retries of reads with `Retry-After` (D6),
//! POSTs never resent after a 5xx or a timeout, route overrides and the raw escape hatch (D2),
//! the response-size cap, https-only configuration, and invalid input never sent.
#![allow(clippy::unwrap_used)]

mod comum;

use std::time::{Duration, Instant};

use comum::*;
use renave_domain::{CondicoesDocumentos, DocumentoId};
use renave_mg_client::operacoes::estoque::{
    ComunicacaoVendaEntradaEstoque, ConsultaSolicitacaoTransferencia,
};
use renave_mg_client::operacoes::protocolo_digital::{
    DocumentoAnexo, ProcessoTransferencia, RegularizacaoPendencia, UploadFichaCadastro,
};
use renave_mg_client::operacoes::vistoria::{CompradorChassi, DistribuicaoVeiculoEcv};
use renave_mg_client::{
    Ambiente, ClienteCetMg, Erro, HttpMethod, Idempotency, RetryPolicy, Route, Timeouts,
};
use renave_simulador::ServidorMock;
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn politica_rapida() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(5),
        jitter: false,
    }
}

fn comunicacao() -> ComunicacaoVendaEntradaEstoque {
    ComunicacaoVendaEntradaEstoque {
        placa: placa(),
        renavam: renavam(),
        chassi: chassi(),
        numero_atpve: "123".into(),
    }
}

#[tokio::test]
async fn leitura_honra_retry_after() {
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 1).await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"codigo": 1}])))
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    let cliente = builder(&server)
        .retentativas(politica_rapida())
        .build()
        .unwrap();
    let inicio = Instant::now();
    let r = cliente.consultar_cores().await.unwrap();
    assert!(
        inicio.elapsed() >= Duration::from_millis(900),
        "{:?}",
        inicio.elapsed()
    );
    assert_eq!(r.dados.len_recebido(), 1);
    server.verify().await;
}

#[tokio::test]
async fn leitura_429_esgota_tentativas_e_e_retentavel() {
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 1).await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-tipos")))
        .respond_with(
            ResponseTemplate::new(429)
                .set_body_json(json!({"code": "900800", "message": "Message throttled out"})),
        )
        .expect(3)
        .mount(&server)
        .await;
    let cliente = builder(&server)
        .retentativas(politica_rapida())
        .build()
        .unwrap();
    let erro = cliente.consultar_tipos_veiculo().await.unwrap_err();
    assert!(erro.is_retryable());
    assert_eq!(erro.status(), Some(429));
    server.verify().await;
}

#[tokio::test]
async fn post_nunca_reenviado_apos_5xx() {
    for status in [500, 502, 503, 504] {
        let server = ServidorMock::iniciar().await;
        montar_token(&server, 1).await;
        Mock::given(method("POST"))
            .and(path(caminho("registrar-comunicacao-venda-entrada-estoque")))
            .respond_with(ResponseTemplate::new(status).insert_header("retry-after", "0"))
            .expect(1)
            .mount(&server)
            .await;
        let cliente = builder(&server)
            .retentativas(politica_rapida())
            .build()
            .unwrap();
        let erro = cliente
            .registrar_comunicacao_venda_entrada_estoque(&comunicacao())
            .await
            .unwrap_err();
        assert_eq!(erro.status(), Some(status));
        assert_eq!(erro.resultado_incerto(), status != 503, "{status}");
        assert_eq!(erro.is_retryable(), status == 503, "{status}");
        if erro.resultado_incerto() {
            assert!(erro.to_string().contains("OUTCOME UNKNOWN"), "{erro}");
        }
        server.verify().await;
    }
}

#[tokio::test]
async fn post_nunca_reenviado_apos_timeout_e_resultado_incerto() {
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 1).await;
    Mock::given(method("POST"))
        .and(path(caminho("registrar-comunicacao-venda-entrada-estoque")))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .expect(1)
        .mount(&server)
        .await;
    let cliente = builder(&server)
        .retentativas(politica_rapida())
        .prazos(Timeouts {
            connect: Duration::from_secs(1),
            per_attempt: Duration::from_millis(300),
            operation: Duration::from_secs(5),
        })
        .build()
        .unwrap();
    let erro = cliente
        .registrar_comunicacao_venda_entrada_estoque(&comunicacao())
        .await
        .unwrap_err();
    assert!(matches!(erro, Erro::Transporte { .. }), "{erro:?}");
    assert!(erro.resultado_incerto());
    assert!(!erro.is_retryable());
    assert!(erro.to_string().contains("OUTCOME UNKNOWN"), "{erro}");
    server.verify().await;
}

#[tokio::test]
async fn leitura_reenviada_apos_timeout() {
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 1).await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .expect(3)
        .mount(&server)
        .await;
    let cliente = builder(&server)
        .retentativas(politica_rapida())
        .prazos(Timeouts {
            connect: Duration::from_secs(1),
            per_attempt: Duration::from_millis(200),
            operation: Duration::from_secs(5),
        })
        .build()
        .unwrap();
    let erro = cliente.consultar_cores().await.unwrap_err();
    assert!(
        matches!(erro, Erro::Transporte { .. }) && !erro.resultado_incerto(),
        "{erro:?}"
    );
    server.verify().await;
}

#[tokio::test]
async fn rota_substituida() {
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 1).await;
    Mock::given(method("GET"))
        .and(path(caminho(&format!(
            "agenda-minas/agendamento/{CHASSI}/{CPF}"
        ))))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"codigo_retorno": "000", "periodo_id": 1})),
        )
        .expect(1)
        .mount(&server)
        .await;
    // The alternative reading of R §5.3: POST with the parameters as a JSON body.
    Mock::given(method("POST"))
        .and(path(caminho("solicitacao/consultar")))
        .and(body_json(json!({"chassi": CHASSI, "cpf_cnpj_proprietario": CPF, "cpf_cnpj_estabelecimento": CNPJ})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"codigo_retorno": "000"})))
        .expect(1)
        .mount(&server)
        .await;
    let cliente = builder(&server)
        .rota(
            "consultar_agendamento",
            Route::custom(
                HttpMethod::Get,
                "agenda-minas/agendamento/{chassi}/{cpf_cnpj_comprador}",
            ),
        )
        .rota(
            "consultar_solicitacao_transferencia",
            Route::custom(HttpMethod::Post, "solicitacao/consultar"),
        )
        .build()
        .unwrap();
    let alvo = CompradorChassi::new(cpf(), chassi());
    let r = cliente.consultar_agendamento(&alvo).await.unwrap();
    assert_eq!(r.periodo_id, Some(1u64.into()));
    cliente
        .consultar_solicitacao_transferencia(&ConsultaSolicitacaoTransferencia::new(
            chassi(),
            cpf(),
            cnpj(),
        ))
        .await
        .unwrap();
    server.verify().await;
}

#[tokio::test]
async fn rota_substituida_malformada_falha_no_build() {
    let server = ServidorMock::iniciar().await;
    let erro = builder(&server)
        .rota(
            "consultar_cores",
            Route::custom(HttpMethod::Get, "x/{aberto"),
        )
        .build()
        .unwrap_err();
    assert!(matches!(erro, Erro::Configuracao { .. }), "{erro:?}");
}

#[tokio::test]
async fn chamada_bruta() {
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 1).await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/nova-tabela")))
        .and(query_param("filtro", "a b"))
        .and(wiremock::matchers::header(
            "authorization",
            format!("Bearer {TOKEN}").as_str(),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"codigo_retorno": "000", "itens": [1]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(caminho("novo/servico")))
        .and(body_json(json!({"a": 1})))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"codigo_retorno": "404", "mensagem_retorno": "não há"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let cliente = cliente(&server);
    let r = cliente
        .executar_bruto(
            HttpMethod::Get,
            "/tabelas-auxiliares/nova-tabela",
            &[("filtro", "a b")],
            None,
            Idempotency::Idempotent,
        )
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.codigo_retorno().as_deref(), Some("000"));
    let v: serde_json::Value = r.json().unwrap();
    assert_eq!(v["itens"], json!([1]));
    let erro = cliente
        .executar_bruto(
            HttpMethod::Post,
            "novo/servico",
            &[],
            Some(&json!({"a": 1})),
            Idempotency::StateChanging,
        )
        .await
        .unwrap_err();
    assert!(matches!(erro, Erro::Http { status: 404, .. }), "{erro:?}");
    assert_eq!(erro.codigo_retorno(), Some("404"));
    // A query smuggled into the path is refused before sending.
    let erro = cliente
        .executar_bruto(HttpMethod::Get, "a?b=1", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    assert!(erro.is_entrada_invalida(), "{erro:?}");
    server.verify().await;
}

#[tokio::test]
async fn resposta_grande_demais_recusada() {
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 1).await;
    let grande = format!("[\"{}\"]", "x".repeat(2 * 1024 * 1024));
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-marcas-modelos")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(grande, "application/json"))
        .expect(1)
        .mount(&server)
        .await;
    let cliente = builder(&server)
        .limite_resposta_bytes(64 * 1024)
        .build()
        .unwrap();
    let erro = cliente.consultar_marcas_modelos().await.unwrap_err();
    assert!(
        matches!(
            &erro,
            Erro::Transporte {
                fonte: renave_http::HttpError::ResponseTooLarge { limit: 65_536, .. },
                ..
            }
        ),
        "{erro:?}"
    );
    assert_eq!(erro.status(), Some(200));
    server.verify().await;
}

#[tokio::test]
async fn somente_https_salvo_em_testes() {
    let erro = ClienteCetMg::builder()
        .ambiente(Ambiente::Personalizado(
            "http://exemplo.invalid/".parse().unwrap(),
        ))
        .credenciais(SecretString::from(CHAVE), SecretString::from(SEGREDO))
        .build()
        .unwrap_err();
    assert!(matches!(erro, Erro::Configuracao { .. }), "{erro:?}");
    // Plain http for another gateway only when explicitly allowed.
    ClienteCetMg::builder()
        .ambiente(Ambiente::Personalizado(
            "http://exemplo.invalid/".parse().unwrap(),
        ))
        .credenciais(SecretString::from(CHAVE), SecretString::from(SEGREDO))
        .permitir_http(true)
        .build()
        .unwrap();
    // The test mode is loopback only: any other host is refused, by name.
    for fora in [
        "http://exemplo.invalid/",
        "https://homologacao.apigw.mgapi.prodemge.gov.br/",
    ] {
        let erro = ClienteCetMg::builder()
            .ambiente(Ambiente::Local(fora.parse().unwrap()))
            .credenciais(SecretString::from(CHAVE), SecretString::from(SEGREDO))
            .permitir_http(true)
            .build()
            .unwrap_err();
        assert!(matches!(erro, Erro::Configuracao { .. }), "{erro:?}");
        let host = url::Url::parse(fora)
            .unwrap()
            .host_str()
            .unwrap()
            .to_owned();
        assert!(erro.to_string().contains(&host), "{erro}");
    }
    let erro = ClienteCetMg::builder().build().unwrap_err();
    assert!(matches!(erro, Erro::Configuracao { .. }), "{erro:?}");
    let c = ClienteCetMg::builder()
        .ambiente(Ambiente::Homologacao)
        .credenciais(SecretString::from(CHAVE), SecretString::from(SEGREDO))
        .build()
        .unwrap();
    assert_eq!(
        c.url_base().as_str(),
        "https://homologacao.apigw.mgapi.prodemge.gov.br/api/veiculos/renave/"
    );
    let c = ClienteCetMg::builder()
        .ambiente(Ambiente::Personalizado(
            "https://gw.example/1.0.0".parse().unwrap(),
        ))
        .credenciais(SecretString::from(CHAVE), SecretString::from(SEGREDO))
        .build()
        .unwrap();
    assert_eq!(
        c.url_base().as_str(),
        "https://gw.example/1.0.0/api/veiculos/renave/"
    );
}

#[tokio::test]
async fn user_agent_com_sufixo() {
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 1).await;
    let ua = format!(
        "renave-mg-client/{} minha-integradora/2.1",
        env!("CARGO_PKG_VERSION")
    );
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .and(wiremock::matchers::header("user-agent", ua.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    builder(&server)
        .sufixo_user_agent("minha-integradora/2.1")
        .build()
        .unwrap()
        .consultar_cores()
        .await
        .unwrap();
    server.verify().await;
}

#[tokio::test]
async fn cliente_http_injetado() {
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 1).await;
    let ua = format!("renave-mg-client/{}", env!("CARGO_PKG_VERSION"));
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .and(wiremock::matchers::header("user-agent", ua.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    // The injected client is the one used: one that refuses plain http fails against the
    // (http) mock server although the builder allows http…
    let so_https = renave_http::TransportBuilder::default().build().unwrap();
    let erro = builder(&server)
        .cliente_http(so_https)
        .build()
        .unwrap()
        .consultar_cores()
        .await
        .unwrap_err();
    assert!(
        matches!(erro.falha_token(), Some(Erro::Transporte { operacao, .. }) if operacao == "gerar_token"),
        "{erro:?}"
    );
    // …and one that allows it works, with the SDK's User-Agent set on each request.
    let http = renave_http::TransportBuilder::default()
        .allow_http(true)
        .build()
        .unwrap();
    builder(&server)
        .cliente_http(http)
        .build()
        .unwrap()
        .consultar_cores()
        .await
        .unwrap();
    server.verify().await;
}

// ---------------------------------------------------------------------------------------------
// Invalid input: refused before anything (not even the token request) is sent.
// ---------------------------------------------------------------------------------------------

async fn nada_recebido(server: &MockServer) {
    assert!(server.received_requests().await.unwrap().is_empty());
}

fn processo_sem_documentos() -> ProcessoTransferencia {
    let mut p = base_processo();
    p.documentos_anexados.clear();
    p
}

fn base_processo() -> ProcessoTransferencia {
    use renave_domain::{Atividade, Categoria, TipoVeiculo, Uf};
    ProcessoTransferencia {
        placa: placa(),
        chassi: chassi(),
        renavam: renavam(),
        marca_modelo: "VW/GOL".into(),
        cpf_cnpj_solicitante: cpf_cnpj_pj(),
        nome_solicitante: "Loja".into(),
        email_solicitante: "loja@example.com".into(),
        telefone_solicitante: "3133330000".into(),
        nome_adquirente: "Embaixada".into(),
        cpf_cnpj_adquirente: cpf_cnpj_pj(),
        logradouro_adquirente: "Rua A".into(),
        numero_adquirente: "1".into(),
        complemento_adquirente: None,
        bairro_adquirente: "Centro".into(),
        cep_adquirente: "30130000".parse().unwrap(),
        codigo_ibge_municipio_adquirente: "3106200".parse().unwrap(),
        nome_municipio_adquirente: "Belo Horizonte".into(),
        uf_adquirente: Uf::Mg,
        atividade: Atividade::Outros,
        categoria: Categoria::CorpoDiplomatico,
        codigo_tipo_veiculo: None,
        tipo_veiculo: TipoVeiculo::Automovel,
        isencao_ipva: true,
        alterar_endereco: false,
        alterar_nome: true,
        alterar_cor: false,
        alterar_caracteristicas_tecnicas: false,
        instalar_bascula: false,
        alterar_eixo: false,
        determinacao_judicial: false,
        inserir_comodato: false,
        tipo_documento_adquirente: None,
        documentos_anexados: vec![
            DocumentoId::DocumentacaoIdentificacao,
            DocumentoId::CartaoCnpj,
            DocumentoId::DocumentoMinisterioExterior,
        ],
    }
}

#[tokio::test]
async fn criar_processo_sem_documento_exigido_nao_envia_nada() {
    let server = ServidorMock::iniciar().await;
    let cliente = cliente(&server);
    let erro = cliente
        .criar_processo_transferencia(&processo_sem_documentos())
        .await
        .unwrap_err();
    let Erro::DocumentosFaltantes { faltantes, .. } = &erro else {
        panic!("{erro:?}");
    };
    let ids: Vec<&str> = faltantes.iter().map(|f| f.documento.as_str()).collect();
    // Name change → 35; categoria 10 → 286, and 285 because the acquirer is a CNPJ (R §7.3).
    assert!(
        ids.contains(&"35") && ids.contains(&"285") && ids.contains(&"286"),
        "{ids:?}"
    );
    let texto = erro.to_string();
    assert!(
        texto.contains("35") && texto.contains("285") && texto.contains("286"),
        "{texto}"
    );
    assert!(erro.is_entrada_invalida());
    // Only 286 missing.
    let mut p = base_processo();
    p.documentos_anexados
        .retain(|d| *d != DocumentoId::DocumentoMinisterioExterior);
    let erro = cliente.criar_processo_transferencia(&p).await.unwrap_err();
    assert!(
        matches!(&erro, Erro::DocumentosFaltantes { faltantes, .. } if faltantes.len() == 1 && faltantes[0].documento == DocumentoId::DocumentoMinisterioExterior),
        "{erro:?}"
    );
    // Inconsistent tipo_documento_adquirente.
    let mut p = base_processo();
    p.tipo_documento_adquirente = Some(renave_domain::TipoDocumentoAdquirente::Cpf);
    let erro = cliente.criar_processo_transferencia(&p).await.unwrap_err();
    assert!(matches!(erro, Erro::EntradaInvalida { .. }), "{erro:?}");
    nada_recebido(&server).await;
}

#[tokio::test]
async fn regularizar_sem_documento_exigido_nao_envia_nada() {
    let server = ServidorMock::iniciar().await;
    let cliente = cliente(&server);
    let req = RegularizacaoPendencia {
        numero_pendencia: 1u64.into(),
        numero_protocolo: "P1".into(),
        cpf_cnpj_remetente: cpf_cnpj_pj(),
        mensagem: "Documento judicial".into(),
        documentos_anexados: vec![DocumentoAnexo {
            tipo_documento: DocumentoId::DocumentacaoIdentificacao,
            nome: "id.pdf".into(),
            arquivo: pdf_minimo(),
        }],
        condicoes: CondicoesDocumentos {
            determinacao_judicial: true,
            inserir_comodato: true,
            ..CondicoesDocumentos::default()
        },
    };
    let erro = cliente
        .regularizar_pendencia_renave(&req)
        .await
        .unwrap_err();
    let Erro::DocumentosFaltantes {
        faltantes,
        operacao,
    } = &erro
    else {
        panic!("{erro:?}");
    };
    assert_eq!(operacao, "regularizar_pendencia_renave");
    let ids: Vec<&str> = faltantes.iter().map(|f| f.documento.as_str()).collect();
    assert_eq!(ids, ["289", "291"]);
    let mut vazio = req.clone();
    vazio.documentos_anexados[0].arquivo.clear();
    assert!(
        cliente
            .regularizar_pendencia_renave(&vazio)
            .await
            .unwrap_err()
            .is_entrada_invalida()
    );
    nada_recebido(&server).await;
}

#[tokio::test]
async fn upload_de_ficha_que_nao_e_pdf_nao_envia_nada() {
    let server = ServidorMock::iniciar().await;
    let erro = cliente(&server)
        .upload_documento_ficha_cadastro(&UploadFichaCadastro {
            numero_protocolo: "P1".into(),
            tipo_documento: DocumentoId::from("300"),
            cpf_cnpj_remetente: cpf(),
            mensagem: "Ficha".into(),
            nome: "ficha.png".into(),
            arquivo: b"\x89PNG\r\n".to_vec(),
        })
        .await
        .unwrap_err();
    assert!(matches!(erro, Erro::EntradaInvalida { .. }), "{erro:?}");
    assert!(erro.to_string().contains("PDF"));
    nada_recebido(&server).await;
}

#[tokio::test]
async fn outras_entradas_invalidas_nao_enviam_nada() {
    let server = ServidorMock::iniciar().await;
    let cliente = cliente(&server);
    let mut c = comunicacao();
    c.numero_atpve = " ".into();
    assert!(
        cliente
            .registrar_comunicacao_venda_entrada_estoque(&c)
            .await
            .unwrap_err()
            .is_entrada_invalida()
    );
    let d = DistribuicaoVeiculoEcv {
        cnpj_estabelecimento: cnpj(),
        municipio_regiao_id: 1u64.into(),
        cpf_cnpj_comprador: cpf(),
        telefone_comprador: "31999990000".into(),
        email_comprador: "sem-arroba".into(),
        vistoria_movel: true,
        receber_pesquisa: false,
    };
    assert!(
        cliente
            .distribuir_veiculo_ecv(&d)
            .await
            .unwrap_err()
            .is_entrada_invalida()
    );
    nada_recebido(&server).await;
}

/// A raw HTTP/1.1 server answering one request with an endless chunked body (no
/// Content-Length), counting what it managed to write before the client hung up.
fn servidor_sem_fim() -> (String, std::thread::JoinHandle<usize>) {
    use std::io::{Read, Write};
    let ouvinte = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endereco = format!("http://{}", ouvinte.local_addr().unwrap());
    let tarefa = std::thread::spawn(move || {
        let (mut s, _) = ouvinte.accept().unwrap();
        let mut lido = Vec::new();
        let mut buf = [0u8; 1024];
        while !lido.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = s.read(&mut buf).unwrap();
            if n == 0 {
                return 0;
            }
            lido.extend_from_slice(&buf[..n]);
        }
        s.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
            .unwrap();
        let pedaco = vec![b' '; 16 * 1024];
        let mut escrito = 0usize;
        // Up to 256 MiB; stops as soon as the client closes the connection.
        while escrito < 256 * 1024 * 1024 {
            let cabecalho = format!("{:x}\r\n", pedaco.len());
            if s.write_all(cabecalho.as_bytes()).is_err()
                || s.write_all(&pedaco).is_err()
                || s.write_all(b"\r\n").is_err()
            {
                break;
            }
            escrito += pedaco.len();
        }
        escrito
    });
    (endereco, tarefa)
}

#[tokio::test]
async fn resposta_sem_fim_recusada_sem_ser_lida_inteira() {
    use renave_mg_client::{ArmazenamentoToken, ArmazenamentoTokenMemoria, TokenAcesso};
    use std::sync::Arc;
    use std::time::SystemTime;
    let (endereco, servidor) = servidor_sem_fim();
    let armazenamento = Arc::new(ArmazenamentoTokenMemoria::default());
    let agora = SystemTime::now();
    armazenamento
        .put(TokenAcesso::new(
            SecretString::from(TOKEN),
            agora + Duration::from_secs(3600),
            agora + Duration::from_secs(3000),
        ))
        .await
        .unwrap();
    let cliente = ClienteCetMg::builder()
        .ambiente(Ambiente::Local(endereco.parse().unwrap()))
        .credenciais(SecretString::from(CHAVE), SecretString::from(SEGREDO))
        .retentativas(RetryPolicy::disabled())
        .armazenamento_token(armazenamento)
        .limite_resposta_bytes(256 * 1024)
        .build()
        .unwrap();
    let erro = cliente.consultar_marcas_modelos().await.unwrap_err();
    assert!(
        matches!(
            &erro,
            Erro::Transporte {
                fonte: renave_http::HttpError::ResponseTooLarge { .. },
                ..
            }
        ),
        "{erro:?}"
    );
    drop(cliente);
    let escrito = tokio::task::spawn_blocking(move || servidor.join().unwrap())
        .await
        .unwrap();
    assert!(
        escrito < 64 * 1024 * 1024,
        "the client read {escrito} bytes"
    );
}

#[tokio::test]
async fn utilizavel_como_objeto_de_trait() {
    use renave_mg_client::ApiCetMg;
    use std::sync::Arc;
    let server = ServidorMock::iniciar().await;
    montar_token(&server, 1).await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-especies")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"codigo": 1, "descricao": "PASSAGEIRO"}])),
        )
        .expect(1)
        .mount(&server)
        .await;
    let api: Arc<dyn ApiCetMg> = Arc::new(cliente(&server));
    let r = api.consultar_especies().await.unwrap();
    assert_eq!(r.dados.validos()[0].descricao(), Some("PASSAGEIRO"));
    server.verify().await;
}
