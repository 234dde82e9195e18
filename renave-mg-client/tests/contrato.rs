//! Issue 12, points 3–4: the wire contract as data. An override file (TOML or JSON) is read
//! and checked against the client's default contract (an unknown operation or field fails the
//! build, naming it; so does a misspelt route override); an overridden route or request field
//! name is what goes on the wire; an answer with renamed fields decodes `Ok` with the matching
//! override; an answer that differs from the contract is counted and logged once.

#![allow(clippy::unwrap_used)]

mod comum;

use std::io::Write as _;

use comum::{BASE, TOKEN, chassi, cnpj, cpf};
use renave_mg_client::contrato::Contrato;
use renave_mg_client::operacoes::estoque::ConsultaAptidaoVeiculoEstoque;
use renave_mg_client::{
    Ambiente, ClienteCetMg, ClienteCetMgBuilder, ContratoPadraoCetMg, Erro, HttpMethod, Route,
};
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const OP: &str = "consultar_aptidao_veiculo_estoque";

fn builder(servidor: &MockServer) -> ClienteCetMgBuilder {
    ClienteCetMg::builder()
        .ambiente(Ambiente::Local(servidor.uri().parse().unwrap()))
        .credenciais(SecretString::from("chave"), SecretString::from("segredo"))
}

async fn servidor_com_token() -> MockServer {
    let servidor = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{BASE}gerar-token")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": TOKEN, "expires_in": 3600})),
        )
        .mount(&servidor)
        .await;
    servidor
}

fn erro_de_build(b: ClienteCetMgBuilder) -> String {
    match b.build() {
        Err(e @ Erro::Configuracao { .. }) => e.to_string(),
        outro => panic!("expected a configuration error, got {outro:?}"),
    }
}

#[test]
fn sobreposicao_lida_de_toml_e_json() {
    let toml = format!(
        "[operacoes.{OP}]\nrota = \"v2/aptidao/{{chassi}}\"\n[operacoes.{OP}.resposta]\ngravame = \"temGravame\"\n"
    );
    let json = format!(
        r#"{{"operacoes": {{"{OP}": {{"rota": "v2/aptidao/{{chassi}}", "resposta": {{"gravame": "temGravame"}}}}}}}}"#
    );
    let dir = std::env::temp_dir().join(format!("renave-contrato-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (arq_toml, arq_json) = (dir.join("c.toml"), dir.join("c.json"));
    std::fs::File::create(&arq_toml)
        .unwrap()
        .write_all(toml.as_bytes())
        .unwrap();
    std::fs::write(&arq_json, json).unwrap();
    let de_toml = Contrato::de_arquivo(&arq_toml).unwrap();
    let de_json = Contrato::de_arquivo(&arq_json).unwrap();
    assert_eq!(de_toml, de_json);
    assert_eq!(de_toml.operacoes[OP].resposta["gravame"], "temGravame");
    assert_eq!(
        de_toml.operacoes[OP].rota.as_deref(),
        Some("v2/aptidao/{chassi}")
    );
    // A misspelt key of the file itself is refused, naming it.
    let erro = Contrato::de_toml(&format!("[operacoes.{OP}]\nrotta = \"x\"\n")).unwrap_err();
    assert!(erro.to_string().contains("rotta"), "{erro}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn contrato_padrao_escrito_e_lido_de_volta() {
    let padrao = Contrato::padrao_cetmg();
    let dir = std::env::temp_dir().join(format!("renave-padrao-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let arq = dir.join("contrato.toml");
    padrao.escrever_toml(&arq).unwrap();
    assert_eq!(Contrato::de_arquivo(&arq).unwrap(), padrao);
    assert_eq!(Contrato::de_json(&padrao.para_json()).unwrap(), padrao);
    // Every wire name the client relies on is there.
    let op = &padrao.operacoes[OP];
    assert_eq!(op.metodo, Some(HttpMethod::Get));
    assert!(op.requisicao.contains_key("cpf_cnpj_proprietario"));
    assert!(op.resposta.contains_key("gravame"));
    assert!(op.resposta.contains_key("codigo_retorno"));
    assert!(padrao.operacoes.contains_key("gerar_token"));
    assert_eq!(padrao.token.as_ref().unwrap().token, "access_token");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn nome_desconhecido_e_erro_de_build() {
    let servidor = MockServer::start().await;
    let op_desconhecida =
        Contrato::de_toml("[operacoes.consultar_estoqe]\nrota = \"x\"\n").unwrap();
    let erro = erro_de_build(builder(&servidor).contrato(op_desconhecida));
    assert!(erro.contains("consultar_estoqe"), "{erro}");
    let campo =
        Contrato::de_toml(&format!("[operacoes.{OP}.resposta]\ngravamee = \"g\"\n")).unwrap();
    let erro = erro_de_build(builder(&servidor).contrato(campo));
    assert!(erro.contains("gravamee") && erro.contains(OP), "{erro}");
    let campo =
        Contrato::de_toml(&format!("[operacoes.{OP}.requisicao]\nchassis = \"c\"\n")).unwrap();
    let erro = erro_de_build(builder(&servidor).contrato(campo));
    assert!(erro.contains("chassis"), "{erro}");
    // A misspelt route override is no longer silently ignored.
    let erro = erro_de_build(
        builder(&servidor).rota("consultar_estoqe", Route::custom(HttpMethod::Get, "x")),
    );
    assert!(erro.contains("consultar_estoqe"), "{erro}");
    // A state-changing operation cannot be made idempotent (decision D6).
    let laxo =
        Contrato::de_toml("[operacoes.registrar_entrada_estoque]\nidempotente = true\n").unwrap();
    let erro = erro_de_build(builder(&servidor).contrato(laxo));
    assert!(erro.contains("registrar_entrada_estoque"), "{erro}");
}

#[tokio::test]
async fn rota_e_campos_sobrepostos_vao_para_o_fio_e_voltam() {
    let servidor = servidor_com_token().await;
    // The dialect: another route, the path field `chassi` named `vin`, and answer fields
    // renamed (the envelope's return code too).
    Mock::given(method("GET"))
        .and(path(format!(
            "{BASE}v2/aptidao/{}/{}/{}",
            comum::CHASSI,
            comum::CPF,
            comum::CNPJ
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "codigoRetorno": "000",
            "temGravame": true,
            "totalAutuacoes": 2
        })))
        .expect(2)
        .mount(&servidor)
        .await;
    let sobreposicao = Contrato::de_toml(&format!(
        r#"
        [envelope]
        codigo = "codigoRetorno"
        mensagens = ["mensagemRetorno"]
        sucesso = "000"
        [operacoes.{OP}]
        rota = "v2/aptidao/{{vin}}/{{cpf_cnpj_proprietario}}/{{cpf_cnpj_estabelecimento}}"
        [operacoes.{OP}.requisicao]
        chassi = "vin"
        [operacoes.{OP}.resposta]
        gravame = "temGravame"
        total_autuacoes = "totalAutuacoes"
        "#
    ))
    .unwrap();
    let cliente = builder(&servidor).contrato(sobreposicao).build().unwrap();
    let consulta = ConsultaAptidaoVeiculoEstoque::new(chassi(), cpf(), cnpj());
    let r = cliente
        .consultar_aptidao_veiculo_estoque(&consulta)
        .await
        .unwrap();
    assert!(r.gravame.is_some() && r.total_autuacoes.is_some(), "{r:?}");
    // The same answer without the override is not recognised (fail closed).
    let padrao = builder(&servidor).build().unwrap();
    let mut padrao_rota = Contrato::default();
    padrao_rota.operacoes.insert(OP.into(), {
        let mut o = Contrato::padrao_cetmg().operacoes[OP].clone();
        o.rota =
            Some("v2/aptidao/{chassi}/{cpf_cnpj_proprietario}/{cpf_cnpj_estabelecimento}".into());
        o
    });
    let sem_renomes = builder(&servidor).contrato(padrao_rota).build().unwrap();
    let erro = sem_renomes
        .consultar_aptidao_veiculo_estoque(&consulta)
        .await
        .unwrap_err();
    assert!(
        matches!(erro, Erro::RespostaNaoReconhecida { .. }),
        "{erro:?}"
    );
    drop(padrao);
}

#[tokio::test]
async fn campos_do_token_sobrepostos() {
    let servidor = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{BASE}gerar-token")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"chave": TOKEN, "validade": 60})),
        )
        .expect(2)
        .mount(&servidor)
        .await;
    // Without the override, the answer holds no token field the client knows.
    let erro = builder(&servidor).build().unwrap().gerar_token().await;
    assert!(erro.is_err(), "{erro:?}");
    let sobreposicao =
        Contrato::de_toml("[token]\ntoken = \"chave\"\nexpiracao = \"validade\"\n").unwrap();
    let cliente = builder(&servidor).contrato(sobreposicao).build().unwrap();
    let token = cliente.gerar_token().await.unwrap();
    let validade = token
        .expira_em()
        .duration_since(std::time::SystemTime::now())
        .unwrap();
    assert!(
        validade <= std::time::Duration::from_secs(60),
        "{validade:?}"
    );
}
