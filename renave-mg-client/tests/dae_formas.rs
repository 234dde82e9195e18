//! Issue 12, `emitir-guia-dae` (R §6.1.5, `cetmg-api.md` §3.4): the regulation describes one
//! guia's fields, not the answer's shape, so every plausible shape — one guia at the top level,
//! the guias under `guias`, a bare list — is read into the same typed value; a contract renames
//! a guia's fields in whichever shape the wire uses; and an answer with nothing the SDK reads
//! is never an empty success ([`Erro::RespostaNaoReconhecida`], outcome unknown: the DAE may
//! have been issued), while a refusal stays a refusal ([`Erro::Negocio`]).

#![allow(clippy::unwrap_used)]

mod comum;

use std::fmt::Write as _;

use comum::{CHASSI, LINHA, PIX, PLACA, builder, caminho, cliente, cnpj, cpf, montar_token};
use renave_domain::{CodigoTaxa, Uf};
use renave_mg_client::Erro;
use renave_mg_client::contrato::Contrato;
use renave_mg_client::operacoes::dae::{EMITIR_GUIA_DAE, EmissaoGuiaDae, RespostaEmitirGuiaDae};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn pedido() -> EmissaoGuiaDae {
    EmissaoGuiaDae {
        cnpj_estabelecimento: cnpj(),
        codigo_taxa: CodigoTaxa::VistoriaMovel,
        cpf_cnpj_comprador: cpf(),
        uf_origem_comprador: Uf::Mg,
        codigo_municipio_emplacamento: "4123".parse().unwrap(),
    }
}

/// One guia's fields with the default names.
fn guia(numero: &str) -> Value {
    json!({
        "linha_digitavel": LINHA,
        "pix_copia_e_cola": PIX,
        "numero_identificacao_boleto": numero,
        "valor_taxa": "195.39",
        "placa": PLACA,
        "chassi": CHASSI,
        "codigo_taxa": 64,
    })
}

async fn montar_dae(servidor: &MockServer, corpo: &Value) {
    Mock::given(method("POST"))
        .and(path(caminho(EMITIR_GUIA_DAE.route.template())))
        .respond_with(ResponseTemplate::new(200).set_body_json(corpo))
        .expect(1)
        .mount(servidor)
        .await;
}

async fn emitir(corpo: Value) -> Result<RespostaEmitirGuiaDae, Erro> {
    let servidor = MockServer::start().await;
    montar_token(&servidor, 1).await;
    montar_dae(&servidor, &corpo).await;
    cliente(&servidor).emitir_guia_dae(&pedido()).await
}

/// The guias read, by boleto number, each with its linha digitável and Pix typed.
fn numeros(r: &RespostaEmitirGuiaDae) -> Vec<String> {
    r.guias
        .iter()
        .map(|g| {
            assert_eq!(
                g.linha_digitavel
                    .as_ref()
                    .unwrap()
                    .valor()
                    .unwrap()
                    .as_str(),
                LINHA
            );
            assert!(g.pix_copia_e_cola.as_ref().unwrap().valor().is_ok());
            assert_eq!(g.chassi.as_ref().unwrap().valor().unwrap().as_str(), CHASSI);
            g.numero_identificacao_boleto.as_ref().unwrap().to_string()
        })
        .collect()
}

fn com_envelope(mut v: Value) -> Value {
    v.as_object_mut()
        .unwrap()
        .insert("codigo_retorno".into(), json!("000"));
    v
}

#[tokio::test]
async fn uma_guia_no_topo_da_resposta() {
    let r = emitir(com_envelope(guia("1"))).await.unwrap();
    assert_eq!(numeros(&r), ["1"]);
    assert_eq!(r.retorno.codigo_retorno.as_deref(), Some("000"));
}

#[tokio::test]
async fn guias_numa_lista_com_envelope() {
    let r = emitir(json!({"codigo_retorno": "000", "guias": [guia("1"), guia("2")]}))
        .await
        .unwrap();
    assert_eq!(numeros(&r), ["1", "2"]);
    assert_eq!(r.retorno.codigo_retorno.as_deref(), Some("000"));
}

#[tokio::test]
async fn lista_sem_envelope() {
    let r = emitir(json!([guia("1"), guia("2")])).await.unwrap();
    assert_eq!(numeros(&r), ["1", "2"]);
}

/// Nothing the SDK reads: never an empty success, and the outcome is unknown (the DAE may
/// have been issued).
#[tokio::test]
async fn nada_reconhecido_nunca_e_sucesso() {
    for corpo in [
        json!({"codigo_retorno": "000", "mensagem_retorno": "DAE emitido"}),
        json!({"codigo_retorno": "000", "boleto": {"linha": LINHA}}),
        json!({"codigo_retorno": "000", "guias": []}),
        json!({"codigo_retorno": "000", "guias": [{"outro": 1}]}),
        json!([]),
        json!([{"linhaDigitavel": LINHA}]),
    ] {
        match emitir(corpo.clone()).await {
            Err(e @ Erro::RespostaNaoReconhecida { .. }) => {
                assert!(e.resultado_incerto(), "{corpo}: {e}");
            }
            outro => panic!("{corpo}: expected RespostaNaoReconhecida, got {outro:?}"),
        }
    }
}

/// A refusal without a guia is still the refusal it is.
#[tokio::test]
async fn recusa_sem_guia_continua_recusa() {
    match emitir(json!({"codigo_retorno": "201", "mensagem_retorno": "sem solicitação"})).await {
        Err(Erro::Negocio { codigo_retorno, .. }) => assert_eq!(codigo_retorno, "201"),
        outro => panic!("expected Negocio, got {outro:?}"),
    }
}

/// camelCase names (as the divergent simulator and, plausibly, a real server write them),
/// at any depth.
fn camel(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let mut s = String::new();
                    let mut maiuscula = false;
                    for c in k.chars() {
                        if c == '_' {
                            maiuscula = true;
                        } else if maiuscula {
                            s.extend(c.to_uppercase());
                            maiuscula = false;
                        } else {
                            s.push(c);
                        }
                    }
                    (s, camel(v))
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(camel).collect()),
        outro => outro.clone(),
    }
}

/// The contract renames a guia's fields in each shape, by the shape's path: at the top level,
/// under `guias[]`, or in a bare list's items `[]`.
#[tokio::test]
async fn contrato_renomeia_em_cada_forma() {
    let campos = [
        "linha_digitavel",
        "pix_copia_e_cola",
        "numero_identificacao_boleto",
        "valor_taxa",
    ];
    let mut toml = String::from(
        "[envelope]\ncodigo = \"codigoRetorno\"\nmensagens = [\"mensagemRetorno\", \"mensagem\", \"message\"]\nsucesso = \"000\"\n[operacoes.emitir_guia_dae.resposta]\n",
    );
    for prefixo in ["", "guias[].", "[]."] {
        for c in campos {
            let fio = camel(&json!({c: 0}))
                .as_object()
                .unwrap()
                .keys()
                .next()
                .unwrap()
                .clone();
            writeln!(toml, "\"{prefixo}{c}\" = \"{fio}\"").unwrap();
        }
    }
    let contrato = Contrato::de_toml(&toml).unwrap();
    for corpo in [
        com_envelope(guia("1")),
        json!({"codigo_retorno": "000", "guias": [guia("1")]}),
        json!([guia("1")]),
    ] {
        let servidor = MockServer::start().await;
        montar_token(&servidor, 1).await;
        montar_dae(&servidor, &camel(&corpo)).await;
        let cliente = builder(&servidor)
            .contrato(contrato.clone())
            .build()
            .unwrap();
        let r = cliente
            .emitir_guia_dae(&pedido())
            .await
            .unwrap_or_else(|e| panic!("{corpo}: {e}"));
        let g = &r.guias[0];
        assert_eq!(
            g.linha_digitavel
                .as_ref()
                .unwrap()
                .valor()
                .unwrap()
                .as_str(),
            LINHA,
            "{corpo}"
        );
        assert!(g.pix_copia_e_cola.as_ref().unwrap().valor().is_ok());
        assert_eq!(
            g.numero_identificacao_boleto.as_ref().unwrap().to_string(),
            "1"
        );
        assert_eq!(
            g.valor_taxa.as_ref().unwrap().valor().unwrap().centavos(),
            19_539
        );
    }
}
