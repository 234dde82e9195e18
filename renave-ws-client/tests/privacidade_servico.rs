//! No full CPF that the SERVICE sends back (in an error body, or in a 2xx body that cannot be
//! decoded) reaches `Debug` or `Display` (preamble, LGPD). Separate from `privacidade.rs`,
//! whose test installs a `tracing` subscriber and must be the only test of its binary.

mod comum;

use std::fmt::Write as _;

use renave_domain::{CpfCnpj, TipoCrv, Valor};
use renave_ws_client::operacoes::usados::{SolicitacaoEntradaEstoque, VeiculoEntradaEstoque};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CPF: &str = "52998224725";

fn entrada() -> SolicitacaoEntradaEstoque {
    let cpf = CPF.parse().expect("cpf");
    SolicitacaoEntradaEstoque {
        cpf_operador_responsavel: cpf,
        data_compra: "2026-09-24".parse().expect("data"),
        valor_compra: Valor::from_centavos(100).expect("valor"),
        email_estabelecimento: None,
        email_vendedor: "vendedor@example.com".to_owned(),
        veiculo: VeiculoEntradaEstoque {
            codigo_seguranca_crv: "12345678901".parse().expect("csc"),
            tipo_crv: TipoCrv::Digital,
            numero_crv: None,
            placa: "ABC1D23".parse().expect("placa"),
            renavam: "00123456789".parse().expect("renavam"),
            quilometragem_hodometro: 1,
            data_hora_medicao_hodometro: "2026-09-24T10:00:00".parse().expect("dh"),
            documento_proprietario_atual: CpfCnpj::Cpf(cpf),
        },
    }
}

/// A CPF the SERVICE writes into an error (`detalhe`, `mensagemParaUsuarioFinal`, the raw body)
/// or into a 2xx body that cannot be decoded is masked in `Display` and `Debug` (only the last
/// two digits stay), formatted or not; the public fields keep the text as received, for code
/// that must show it to the end user (`renave-ws.md` §2).
#[tokio::test]
async fn cpf_vindo_do_servico_nao_aparece_em_debug_nem_display() {
    use renave_ws_client::RespostaBruta;
    use renave_ws_client::modelos::IdEstoque;

    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/solicitacoes-entrada-estoque"))
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({
            "titulo": "CPF 52998224725 sem permissão",
            "detalhe": "O CPF do operador 52998224725 não está habilitado",
            "mensagemParaUsuarioFinal": "Operador 529.982.247-25 não habilitado."
        })))
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/estoques/7"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"id": 7, "entradaEstoque": {"cpfOperadorResponsavel": "52998224725"}, "estado": [tr"#,
            "application/json",
        ))
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/estoques/8"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"id": "52998224725"}"#, "application/json"),
        )
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/qualquer"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"cpf": "52998224725"}"#, "application/json"),
        )
        .mount(&s)
        .await;
    let c = comum::cliente_wiremock(&s);

    let e422 = c
        .solicitar_entrada_estoque(&entrada())
        .await
        .expect_err("422");
    let e_corpo = c
        .consultar_estoque(IdEstoque(7))
        .await
        .expect_err("malformed");
    let e_tipo = c
        .consultar_estoque(IdEstoque(8))
        .await
        .expect_err("wrong type");
    let bruta: RespostaBruta = c
        .executar_bruto(
            renave_ws_client::HttpMethod::Get,
            "api/qualquer",
            &[],
            None,
            renave_ws_client::Idempotency::Idempotent,
        )
        .await
        .expect("raw answer");

    // The whole error chain, as a logger walking `source()` would write it.
    let cadeia = |e: &renave_ws_client::Erro| {
        let mut t = String::new();
        let mut atual: Option<&dyn std::error::Error> = Some(e);
        while let Some(x) = atual {
            write!(t, "{x} / {x:?} | ").expect("writing to a String");
            atual = x.source();
        }
        t
    };
    for e in [&e422, &e_corpo, &e_tipo] {
        let t = cadeia(e);
        assert!(!t.contains(CPF), "full CPF leaked in the error chain: {t}");
    }
    assert!(
        cadeia(&e_tipo).matches("*********25").count() >= 3,
        "the decoder's error is in the chain, masked: {}",
        cadeia(&e_tipo)
    );
    if let renave_ws_client::Erro::RespostaInvalida { fonte: Some(d), .. } = &e_tipo {
        assert!(
            d.json().to_string().contains(CPF),
            "the serde error itself is kept"
        );
    } else {
        panic!("expected RespostaInvalida with a source: {e_tipo:?}");
    }

    let textos = [
        format!("{e422}"),
        format!("{e422:?}"),
        format!("{e_corpo}"),
        format!("{e_corpo:?}"),
        format!("{e_tipo}"),
        format!("{e_tipo:?}"),
        format!("{bruta:?}"),
    ];
    for t in &textos {
        assert!(!t.contains(CPF), "full CPF leaked: {t}");
        assert!(!t.contains("529.982.247-25"), "formatted CPF leaked: {t}");
    }
    // Masked, not dropped: the last two digits and the rest of the message stay.
    assert!(textos[0].contains("*********25"), "{}", textos[0]);
    assert!(textos[0].contains("***.***.***-25"), "{}", textos[0]);
    assert!(textos[0].contains("não habilitado"), "{}", textos[0]);
    // serde's message quotes the refused value: it is the source (not repeated by the
    // error's own Display), masked in Display and Debug alike.
    let decodificador = std::error::Error::source(&e_tipo).expect("the decoder's error");
    assert!(
        decodificador.to_string().contains("*********25"),
        "{decodificador}"
    );
    assert!(textos[5].contains("*********25"), "{}", textos[5]);
    // The body snippet of an undecodable answer is masked in Debug.
    assert!(textos[3].contains("*********25"), "{}", textos[3]);
    // The fields were masked when the error was built: safe to print on their own.
    let servico = e422.servico().expect("service error");
    assert_eq!(
        servico.mensagem_para_usuario_final.as_deref(),
        Some("Operador ***.***.***-25 não habilitado.")
    );
    assert!(!servico.trecho.as_str().contains(CPF));
    assert!(servico.trecho.as_str().contains("*********25"));
    assert_eq!(
        e422.mensagem_usuario(),
        Some("Operador ***.***.***-25 não habilitado.")
    );
    assert_eq!(bruta.json::<serde_json::Value>().expect("json")["cpf"], CPF);
}
