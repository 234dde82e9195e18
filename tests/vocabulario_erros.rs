//! One error vocabulary, its messages (decision D7): for every kind of error both clients give,
//! built from real answers (wiremock) or real failures, each message is one line, no segment
//! of the error chain repeats the next one's text, a status has its reason phrase, 429 and 503
//! show the attempts and the `Retry-After`, a file error names the file, and a failed token
//! request is reported under the operation the caller called.

#![allow(clippy::unwrap_used)]

mod vocabulario_comum;

use renave::http::{HttpMethod, Idempotency};
use renave::ws::IdentidadeCertificado;
use renave::ws::modelos::IdEstoque;
use secrecy::SecretString;
use serde_json::json;
use vocabulario_comum::{bruto_nos_dois, cliente_mg, cliente_ws, conferir_cadeia, servidor};
use wiremock::ResponseTemplate;

/// Every kind of error either client gives, by label.
async fn todos_os_erros() -> Vec<(String, Box<dyn std::error::Error + 'static>)> {
    let mut erros: Vec<(String, Box<dyn std::error::Error + 'static>)> = Vec::new();
    let mut juntar = |rotulo: &str, (mg, ws): (renave::mg::Erro, renave::ws::Erro)| {
        erros.push((format!("mg {rotulo}"), Box::new(mg)));
        erros.push((format!("ws {rotulo}"), Box::new(ws)));
    };
    let get = (HttpMethod::Get, Idempotency::Idempotent);
    let post = (HttpMethod::Post, Idempotency::StateChanging);
    for (rotulo, (metodo, idem), resposta) in [
        (
            "429",
            get,
            ResponseTemplate::new(429).insert_header("retry-after", "7"),
        ),
        (
            "503",
            post,
            ResponseTemplate::new(503).insert_header("retry-after", "120"),
        ),
        (
            "500",
            post,
            ResponseTemplate::new(500).set_body_json(json!({
                "titulo": "Erro interno", "logIdRastreabilidade": "abc",
                "codigo_retorno": "999", "mensagem_retorno": "falhou"
            })),
        ),
        (
            "502 html",
            get,
            ResponseTemplate::new(502).set_body_string("<html>502 Bad Gateway</html>"),
        ),
    ] {
        juntar(rotulo, bruto_nos_dois(metodo, idem, &resposta).await);
    }

    // Nothing listens on the discard port: the connection is refused.
    let mg = cliente_mg("http://127.0.0.1:9/")
        .consultar_cores()
        .await
        .unwrap_err();
    let ws = cliente_ws("http://127.0.0.1:9/")
        .executar_bruto(HttpMethod::Get, "sonda", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    juntar("connect", (mg, ws));

    // A raw path that cannot be sent.
    let s = servidor(ResponseTemplate::new(200)).await;
    let mg = cliente_mg(&s.uri())
        .executar_bruto(HttpMethod::Get, "a b", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    let ws = cliente_ws(&s.uri())
        .executar_bruto(HttpMethod::Get, "a b", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    juntar("entrada", (mg, ws));

    // Undecodable 2xx answers (the decoder's message is the source).
    let s = servidor(ResponseTemplate::new(200).set_body_string("<html>oi</html>")).await;
    wiremock::Mock::given(wiremock::matchers::path_regex("consultar-cores"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{\"codigo_retorno\": \"000\", "))
        .mount(&s)
        .await;
    let mg = cliente_mg(&s.uri()).consultar_cores().await.unwrap_err();
    wiremock::Mock::given(wiremock::matchers::path_regex("/api/estoques/7$"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>oi</html>"))
        .mount(&s)
        .await;
    let ws = cliente_ws(&s.uri())
        .consultar_estoque(IdEstoque(7))
        .await
        .unwrap_err();
    juntar("resposta invalida", (mg, ws));

    // CET-MG only: a business refusal, and a token request refused by the gateway.
    let s = servidor(ResponseTemplate::new(200)).await;
    wiremock::Mock::given(wiremock::matchers::path_regex("consultar-cores"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "codigo_retorno": "101", "mensagem_retorno": "Recusado"
        })))
        .mount(&s)
        .await;
    let e = cliente_mg(&s.uri()).consultar_cores().await.unwrap_err();
    erros.push(("mg negocio".into(), Box::new(e)));
    let s = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::path_regex("gerar-token"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"code": "900901", "message": "Invalid Credentials"})),
        )
        .mount(&s)
        .await;
    let e = cliente_mg(&s.uri()).consultar_cores().await.unwrap_err();
    erros.push(("mg token".into(), Box::new(e)));

    // Renave-WS only: a 422 and a certificate file that does not exist.
    let (_, ws) = bruto_nos_dois(
        HttpMethod::Post,
        Idempotency::StateChanging,
        &ResponseTemplate::new(422).set_body_json(json!({
            "titulo": "Erro de negócio", "mensagemParaUsuarioFinal": "Recusado"
        })),
    )
    .await;
    erros.push(("ws negocio".into(), Box::new(ws)));
    let e = IdentidadeCertificado::de_arquivo_pkcs12(
        "/nao/existe/empresa.pfx",
        &SecretString::from("senha-secreta"),
    )
    .unwrap_err();
    erros.push(("ws identidade".into(), Box::new(e)));
    erros
}

#[tokio::test]
async fn nenhum_texto_se_repete_ao_longo_da_cadeia() {
    for (rotulo, e) in todos_os_erros().await {
        conferir_cadeia(&rotulo, e.as_ref());
    }
}

#[tokio::test]
async fn status_com_frase_tentativas_e_retry_after() {
    let get = (HttpMethod::Get, Idempotency::Idempotent);
    let (mg, ws) = bruto_nos_dois(
        get.0,
        get.1,
        &ResponseTemplate::new(429).insert_header("retry-after", "7"),
    )
    .await;
    for t in [mg.to_string(), ws.to_string()] {
        assert!(t.to_lowercase().contains("too many requests"), "{t}");
        assert!(!t.contains("HTTP error"), "{t}");
        assert!(t.contains("attempt") && t.contains("Retry-After 7s"), "{t}");
    }
    let (mg, ws) = bruto_nos_dois(
        HttpMethod::Post,
        Idempotency::StateChanging,
        &ResponseTemplate::new(503).insert_header("retry-after", "120"),
    )
    .await;
    for t in [mg.to_string(), ws.to_string()] {
        assert!(t.contains("HTTP 503 Service Unavailable"), "{t}");
        assert!(
            t.contains("after 1 attempt") && t.contains("Retry-After 2m00s"),
            "{t}"
        );
    }
}

#[tokio::test]
async fn arquivo_do_certificado_nomeado_nunca_a_senha() {
    let e = IdentidadeCertificado::de_arquivo_pkcs12(
        "/nao/existe/empresa.pfx",
        &SecretString::from("senha-secreta"),
    )
    .unwrap_err();
    let todos = format!("{e} {e:?}");
    assert!(e.to_string().contains("/nao/existe/empresa.pfx"), "{e}");
    assert!(!todos.contains("senha-secreta"), "{todos}");
}

/// A token request that fails while the caller called `consultar_cores` is reported under
/// `consultar_cores`; the token step stays visible (the message and the source).
#[tokio::test]
async fn falha_do_token_sob_a_operacao_chamada() {
    let s = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::path_regex("gerar-token"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"code": "900901", "message": "Invalid Credentials"})),
        )
        .mount(&s)
        .await;
    let e = cliente_mg(&s.uri()).consultar_cores().await.unwrap_err();
    assert_eq!(e.operacao(), Some("consultar_cores"), "{e:?}");
    let cadeia = vocabulario_comum::cadeia(&e).join(" | ");
    assert!(
        cadeia.contains("gerar-token") || cadeia.contains("gerar_token"),
        "{cadeia}"
    );
    assert!(cadeia.contains("900901"), "{cadeia}");
}

/// One shape for invalid input: both clients' `EntradaInvalida` have the same fields
/// (`operacao`, `campo`, `motivo`, `fonte`), here for a raw path neither can send; the boxed
/// cause is one type, `renave::http::CausaErro`, under the same name in both clients.
#[tokio::test]
async fn entrada_invalida_com_os_mesmos_campos() {
    let mg = cliente_mg("http://127.0.0.1:9/")
        .executar_bruto(HttpMethod::Get, "a?b", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    let ws = cliente_ws("http://127.0.0.1:9/")
        .executar_bruto(HttpMethod::Get, "a?b", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    let renave::mg::Erro::EntradaInvalida {
        operacao: op_mg,
        campo: campo_mg,
        motivo: _,
        fonte: fonte_mg,
    } = &mg
    else {
        panic!("{mg:?}")
    };
    let renave::ws::Erro::EntradaInvalida {
        operacao: op_ws,
        campo: campo_ws,
        motivo: _,
        fonte: fonte_ws,
    } = &ws
    else {
        panic!("{ws:?}")
    };
    assert_eq!(
        (op_mg.as_str(), campo_mg.as_str()),
        ("executar_bruto", "caminho")
    );
    assert_eq!((op_ws, campo_ws), (op_mg, campo_mg));
    // The same cause type, by one name defined in renave-http.
    let _: Option<&renave::http::CausaErro> = fonte_mg.as_ref();
    let _: Option<&renave::http::CausaErro> = fonte_ws.as_ref();
    for e in [&mg as &(dyn std::error::Error + 'static), &ws] {
        assert!(!e.to_string().contains('\n'), "{e}");
        assert!(e.to_string().contains("caminho"), "{e}");
    }
}

/// One configuration vocabulary: a builder without an environment is refused by both clients
/// with the same message, naming the option (never homologação by default).
#[test]
fn ambiente_ausente_com_a_mesma_mensagem() {
    let mg = renave::mg::ClienteCetMg::builder()
        .credenciais(SecretString::from("chave"), SecretString::from("segredo"))
        .build()
        .unwrap_err();
    let ws = renave::ws::ClienteRenaveWs::builder().build().unwrap_err();
    assert!(
        matches!(mg, renave::mg::Erro::Configuracao { .. }),
        "{mg:?}"
    );
    assert!(
        matches!(ws, renave::ws::Erro::Configuracao { .. }),
        "{ws:?}"
    );
    assert!(mg.to_string().contains(".ambiente("), "{mg}");
    assert_eq!(
        mg.to_string().split_once(": ").map(|(_, m)| m.to_owned()),
        ws.to_string().split_once(": ").map(|(_, m)| m.to_owned())
    );
    // The environment refused: the message names the host once, the chain repeats nothing.
    let fora = renave::ws::ClienteRenaveWs::builder()
        .ambiente(renave::Ambiente::Local(
            "http://example.com/".parse().unwrap(),
        ))
        .build()
        .unwrap_err();
    for e in [&mg as &(dyn std::error::Error + 'static), &ws, &fora] {
        conferir_cadeia("configuração", e);
    }
    assert!(fora.to_string().contains("example.com"), "{fora}");
}
