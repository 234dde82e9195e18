//! One error vocabulary, its accessors (decision D7): for the same situation, built from real
//! answers (wiremock) or real failures, both clients' errors answer the shared accessors the
//! same way. And one raw answer (`RespostaBruta`, decision D2): the same accessors, with the
//! same signatures and the same values for the same answer.

#![allow(clippy::unwrap_used)]

mod vocabulario_comum;

use std::time::Duration;

use renave::http::{HttpMethod, Idempotency};
use serde_json::json;
use vocabulario_comum::{bruto_nos_dois, cadeia, cliente_mg, cliente_ws, servidor};
use wiremock::ResponseTemplate;

/// What the shared accessors answer.
#[derive(Debug, PartialEq, Eq)]
struct Respostas {
    operacao: Option<String>,
    status: Option<u16>,
    resultado_incerto: bool,
    is_retryable: bool,
    mensagem_usuario: Option<String>,
    retry_after: Option<Duration>,
    tentativas: Option<u32>,
    is_entrada_invalida: bool,
    is_negocio: bool,
}

fn mg(e: &renave::mg::Erro) -> Respostas {
    Respostas {
        operacao: e.operacao().map(str::to_owned),
        status: e.status(),
        resultado_incerto: e.resultado_incerto(),
        is_retryable: e.is_retryable(),
        mensagem_usuario: e.mensagem_usuario().map(str::to_owned),
        retry_after: e.retry_after(),
        tentativas: e.tentativas(),
        is_entrada_invalida: e.is_entrada_invalida(),
        is_negocio: e.is_negocio(),
    }
}

fn ws(e: &renave::ws::Erro) -> Respostas {
    Respostas {
        operacao: e.operacao().map(str::to_owned),
        status: e.status(),
        resultado_incerto: e.resultado_incerto(),
        is_retryable: e.is_retryable(),
        mensagem_usuario: e.mensagem_usuario().map(str::to_owned),
        retry_after: e.retry_after(),
        tentativas: e.tentativas(),
        is_entrada_invalida: e.is_entrada_invalida(),
        is_negocio: e.is_negocio(),
    }
}

#[tokio::test]
async fn mesmas_respostas_para_a_mesma_situacao() {
    let get = (HttpMethod::Get, Idempotency::Idempotent);
    let post = (HttpMethod::Post, Idempotency::StateChanging);
    let op = Some("executar_bruto".to_owned());
    let casos = [
        (
            "429 GET",
            get,
            ResponseTemplate::new(429).insert_header("retry-after", "7"),
            (true, false, Some(Duration::from_secs(7))),
        ),
        (
            "503 POST",
            post,
            ResponseTemplate::new(503).insert_header("retry-after", "120"),
            (true, false, Some(Duration::from_secs(120))),
        ),
        (
            "500 POST",
            post,
            ResponseTemplate::new(500),
            (false, true, None),
        ),
        (
            "500 GET",
            get,
            ResponseTemplate::new(500),
            (false, false, None),
        ),
        (
            "504 POST",
            post,
            ResponseTemplate::new(504),
            (false, true, None),
        ),
        (
            "404 GET",
            get,
            ResponseTemplate::new(404),
            (false, false, None),
        ),
    ];
    for (rotulo, (metodo, idem), resposta, (retentavel, incerto, espera)) in casos {
        let (e_mg, e_ws) = bruto_nos_dois(metodo, idem, &resposta).await;
        let (r_mg, r_ws) = (mg(&e_mg), ws(&e_ws));
        assert_eq!(r_mg, r_ws, "{rotulo}: {e_mg} / {e_ws}");
        assert_eq!(r_mg.operacao, op, "{rotulo}");
        assert_eq!(r_mg.is_retryable, retentavel, "{rotulo}");
        assert_eq!(r_mg.resultado_incerto, incerto, "{rotulo}");
        assert_eq!(r_mg.retry_after, espera, "{rotulo}");
        assert!(r_mg.tentativas.is_some_and(|t| t >= 1), "{rotulo}");
    }

    // A refused connection: nothing reached the server.
    let e_mg = cliente_mg("http://127.0.0.1:9/")
        .executar_bruto(HttpMethod::Get, "sonda", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    let e_ws = cliente_ws("http://127.0.0.1:9/")
        .executar_bruto(HttpMethod::Get, "sonda", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    let (r_mg, r_ws) = (mg(&e_mg), ws(&e_ws));
    assert_eq!(r_mg, r_ws, "{e_mg} / {e_ws}");
    assert_eq!(r_mg.operacao, op);
    assert_eq!(r_mg.tentativas, Some(2), "{e_mg:?}");
    assert!(r_mg.is_retryable && !r_mg.resultado_incerto && r_mg.status.is_none());

    // An input refused before sending.
    let s = servidor(ResponseTemplate::new(200)).await;
    let e_mg = cliente_mg(&s.uri())
        .executar_bruto(HttpMethod::Get, "a b", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    let e_ws = cliente_ws(&s.uri())
        .executar_bruto(HttpMethod::Get, "a b", &[], None, Idempotency::Idempotent)
        .await
        .unwrap_err();
    let (r_mg, r_ws) = (mg(&e_mg), ws(&e_ws));
    assert_eq!(r_mg, r_ws, "{e_mg} / {e_ws}");
    assert!(r_mg.is_entrada_invalida && r_mg.tentativas.is_none());

    // A business refusal: CET-MG `codigo_retorno` ≠ "000" (HTTP 200), SERPRO 422. Everything
    // but the status (each service's own) answers alike.
    let s = servidor(ResponseTemplate::new(200)).await;
    wiremock::Mock::given(wiremock::matchers::path_regex("consultar-cores"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "codigo_retorno": "101", "mensagem_retorno": "Recusado"
        })))
        .mount(&s)
        .await;
    let e_mg = cliente_mg(&s.uri()).consultar_cores().await.unwrap_err();
    let (_, e_ws) = bruto_nos_dois(
        HttpMethod::Post,
        Idempotency::StateChanging,
        &ResponseTemplate::new(422).set_body_json(json!({"mensagemParaUsuarioFinal": "Recusado"})),
    )
    .await;
    let (mut r_mg, r_ws) = (mg(&e_mg), ws(&e_ws));
    assert_eq!(r_mg.status, Some(200));
    assert_eq!(r_ws.status, Some(422));
    assert_eq!(r_mg.operacao.as_deref(), Some("consultar_cores"));
    r_mg.status = r_ws.status;
    r_mg.operacao.clone_from(&r_ws.operacao);
    assert_eq!(r_mg, r_ws, "{e_mg} / {e_ws}");
    assert!(r_mg.is_negocio && r_mg.mensagem_usuario.as_deref() == Some("Recusado"));
    assert!(!r_mg.is_retryable && !r_mg.resultado_incerto);
}

/// The names of the `pub fn`s of the first `impl RespostaBruta {` block of a source file of
/// the workspace (the raw answer's accessors, decision D2).
fn acessores_em(arquivo: &str) -> std::collections::BTreeSet<String> {
    let caminho = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(arquivo);
    let fonte = std::fs::read_to_string(&caminho).unwrap();
    let inicio = fonte
        .find("\nimpl RespostaBruta {\n")
        .unwrap_or_else(|| panic!("no `impl RespostaBruta {{` in {arquivo}"));
    let bloco = &fonte[inicio + 1..];
    let bloco = &bloco[..bloco.find("\n}\n").unwrap()];
    bloco
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("pub fn "))
        .map(|l| {
            let fim = l.find(['(', '<']).unwrap();
            l[..fim].to_owned()
        })
        .collect()
}

/// Both raw answers (`RespostaBruta`, decision D2) offer the same accessors, by name: the
/// CET-MG one adds only its envelope's `codigo_retorno` (no Renave-WS counterpart). A method
/// added to one side only, or a field read directly on one side, fails here.
#[test]
fn resposta_bruta_com_os_mesmos_acessores() {
    let mut mg = acessores_em("renave-mg-client/src/client/bruta.rs");
    let ws = acessores_em("renave-ws-client/src/client.rs");
    assert!(mg.remove("codigo_retorno"), "{mg:?}");
    assert_eq!(mg, ws, "RespostaBruta: CET-MG {mg:?} / Renave-WS {ws:?}");
    for nome in ["status", "content_type", "corpo", "json"] {
        assert!(ws.contains(nome), "{nome} missing: {ws:?}");
    }
}

/// The accessors' signatures, the same on both sides (`json`'s error is each client's own
/// `Erro`): a signature that differs (a field in place of a method, another return or error
/// type) does not compile.
macro_rules! acessores_de {
    ($tipo:ty, $erro:ty) => {{
        let status: fn(&$tipo) -> u16 = <$tipo>::status;
        let content_type: for<'a> fn(&'a $tipo) -> Option<&'a str> = <$tipo>::content_type;
        let corpo: for<'a> fn(&'a $tipo) -> &'a [u8] = <$tipo>::corpo;
        let into_corpo: fn($tipo) -> bytes::Bytes = <$tipo>::into_corpo;
        let json: fn(&$tipo) -> Result<serde_json::Value, $erro> =
            <$tipo>::json::<serde_json::Value>;
        (status, content_type, corpo, into_corpo, json)
    }};
}

/// What the accessors of a raw answer give.
#[derive(Debug, PartialEq)]
struct Bruta {
    status: u16,
    content_type: Option<String>,
    corpo: Vec<u8>,
    json: Result<serde_json::Value, String>,
    into_corpo: bytes::Bytes,
}

/// The same answer, raw, through both clients: the accessors give the same values (an empty
/// body decodes as `null` on both sides).
#[tokio::test]
async fn resposta_bruta_com_os_mesmos_valores() {
    let (status_mg, content_type_mg, corpo_mg, into_corpo_mg, json_mg) =
        acessores_de!(renave::mg::RespostaBruta, renave::mg::Erro);
    let (status_ws, content_type_ws, corpo_ws, into_corpo_ws, json_ws) =
        acessores_de!(renave::ws::RespostaBruta, renave::ws::Erro);
    let casos = [
        (
            "json",
            ResponseTemplate::new(200).set_body_json(json!({"nome": "CARUARU", "id": 2381})),
        ),
        ("vazio", ResponseTemplate::new(201)),
        (
            "texto",
            ResponseTemplate::new(200).set_body_raw("<html>oi</html>", "text/html"),
        ),
    ];
    for (rotulo, resposta) in casos {
        let s = servidor(resposta.clone()).await;
        let r = cliente_mg(&s.uri())
            .executar_bruto(HttpMethod::Get, "sonda", &[], None, Idempotency::Idempotent)
            .await
            .unwrap();
        let mg = Bruta {
            status: status_mg(&r),
            content_type: content_type_mg(&r).map(str::to_owned),
            corpo: corpo_mg(&r).to_vec(),
            json: json_mg(&r).map_err(|e| e.to_string()),
            into_corpo: into_corpo_mg(r),
        };
        let s = servidor(resposta).await;
        let r = cliente_ws(&s.uri())
            .executar_bruto(HttpMethod::Get, "sonda", &[], None, Idempotency::Idempotent)
            .await
            .unwrap();
        let ws = Bruta {
            status: status_ws(&r),
            content_type: content_type_ws(&r).map(str::to_owned),
            corpo: corpo_ws(&r).to_vec(),
            json: json_ws(&r).map_err(|e| e.to_string()),
            into_corpo: into_corpo_ws(r),
        };
        assert_eq!(mg, ws, "{rotulo}");
        assert_eq!(mg.corpo, mg.into_corpo, "{rotulo}");
        match rotulo {
            "json" => assert_eq!(mg.json.as_ref().unwrap()["nome"], "CARUARU"),
            "vazio" => assert_eq!(mg.json, Ok(serde_json::Value::Null)),
            // Not JSON: the client's own error (`RespostaInvalida`, the same text on both).
            _ => assert!(
                mg.json
                    .as_ref()
                    .is_err_and(|e| e.contains("`executar_bruto`: undecodable answer"))
                    && mg.status == 200,
                "{mg:?}"
            ),
        }
    }
}

/// A raw answer decoded as a type it is not: serde's message quotes the value it refused (here
/// a CPF), and neither client's error shows it whole — not in its text, its source or its
/// `Debug`.
#[tokio::test]
async fn resposta_bruta_json_recusado_sem_cpf() {
    const CPF: &str = "52998224725";
    let resposta = ResponseTemplate::new(200).set_body_json(json!({"cpf": CPF}));
    let s = servidor(resposta.clone()).await;
    let e = cliente_mg(&s.uri())
        .executar_bruto(HttpMethod::Get, "sonda", &[], None, Idempotency::Idempotent)
        .await
        .unwrap()
        .json::<std::collections::HashMap<String, u32>>()
        .unwrap_err();
    let mg = format!("{} // {e:?}", cadeia(&e).join(" / "));
    let s = servidor(resposta).await;
    let e = cliente_ws(&s.uri())
        .executar_bruto(HttpMethod::Get, "sonda", &[], None, Idempotency::Idempotent)
        .await
        .unwrap()
        .json::<std::collections::HashMap<String, u32>>()
        .unwrap_err();
    let ws = format!("{} // {e:?}", cadeia(&e).join(" / "));
    for (cliente, texto) in [("CET-MG", &mg), ("Renave-WS", &ws)] {
        assert!(texto.contains("invalid type"), "{cliente}: {texto}");
        assert!(!texto.contains(CPF), "{cliente}: {texto}");
    }
}
