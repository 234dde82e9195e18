//! `cargo run --example esquemas -- DIR` (its work is `renave_poc::esquemas::gerar`), run into a
//! temporary directory: every file is JSON, every operation both clients list appears in its
//! API's OpenAPI document with its method and path, the documents have the OpenAPI 3.1
//! top-level fields and every `$ref` resolves. The operations are counted from the clients'
//! own listing (`operacoes()`, written by `renave_http::operacoes!`), and the listing is
//! checked against the methods the `api` files declare.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use renave_poc::esquemas::{Api, api_cetmg, api_renave_ws, gerar};
use serde_json::Value;

/// A fresh directory under the target's temporary directory, removed at the end.
struct Temporario(PathBuf);

impl Temporario {
    fn novo(nome: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("renave-{nome}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for Temporario {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn ler(arquivo: &Path) -> Value {
    let texto = std::fs::read_to_string(arquivo).unwrap();
    serde_json::from_str(&texto)
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", arquivo.display()))
}

/// Every `$ref` in `valor`.
fn refs<'a>(valor: &'a Value, saida: &mut Vec<&'a str>) {
    match valor {
        Value::Object(m) => {
            for (k, v) in m {
                match (k.as_str(), v) {
                    ("$ref", Value::String(s)) => saida.push(s),
                    _ => refs(v, saida),
                }
            }
        }
        Value::Array(l) => l.iter().for_each(|v| refs(v, saida)),
        _ => {}
    }
}

/// Every `$ref` of `documento` is a local JSON pointer that resolves in it.
fn refs_resolvem(documento: &Value, nome: &str) -> usize {
    let mut todas = Vec::new();
    refs(documento, &mut todas);
    for r in &todas {
        let ponteiro = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{nome}: non-local $ref {r}"));
        assert!(
            documento.pointer(ponteiro).is_some(),
            "{nome}: $ref {r} does not resolve"
        );
    }
    todas.len()
}

/// Every listed operation has the schemas of its request and answer: a request or answer type
/// without `JsonSchema` would be left out of the documents.
#[test]
fn toda_operacao_listada_tem_esquemas() {
    let sem: Vec<_> = [api_cetmg(), api_renave_ws()]
        .iter()
        .flat_map(|api| {
            api.operacoes
                .iter()
                .filter(|o| o.esquemas.is_none())
                .map(|o| format!("{}: {}", api.diretorio, o.endpoint.name))
        })
        .collect();
    assert!(
        sem.is_empty(),
        "operations whose request or answer type does not derive JsonSchema: {sem:#?}"
    );
}

/// The names of the methods of every `renave_http::operacoes!` list in `arquivo` (the
/// `existentes` part left out: those are not `Operacao`s).
fn metodos_declarados(arquivo: &Path) -> Vec<String> {
    let texto = std::fs::read_to_string(arquivo).unwrap();
    let mut nomes = Vec::new();
    for bloco in texto.split("renave_http::operacoes!").skip(1) {
        let bloco = bloco.split("existentes {").next().unwrap();
        for linha in bloco.lines() {
            let linha = linha.trim_start();
            if let Some(resto) = linha.strip_prefix("fn ") {
                if let Some((nome, _)) = resto.split_once('(') {
                    nomes.push(nome.trim().to_owned());
                }
            }
        }
    }
    nomes
}

/// The listing has every method the `api` files declare (a new group of operations not added to
/// `renave_ws_client::api::operacoes` would be missing from the OpenAPI document).
#[test]
fn listagem_cobre_os_metodos_declarados() {
    let raiz = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut arquivos_ws: Vec<PathBuf> = std::fs::read_dir(raiz.join("renave-ws-client/src/api"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    arquivos_ws.sort();
    for (api, arquivos) in [
        (api_cetmg(), vec![raiz.join("renave-mg-client/src/api.rs")]),
        (api_renave_ws(), arquivos_ws),
    ] {
        let listados: BTreeSet<&str> = api.operacoes.iter().map(|o| o.metodo).collect();
        assert_eq!(
            listados.len(),
            api.operacoes.len(),
            "{}: a method listed twice",
            api.diretorio
        );
        let mut declarados = 0;
        for arquivo in &arquivos {
            for nome in metodos_declarados(arquivo) {
                declarados += 1;
                assert!(
                    listados.contains(nome.as_str()),
                    "{}: `{nome}` of {} is not in the listing",
                    api.diretorio,
                    arquivo.display()
                );
            }
        }
        assert_eq!(declarados, api.operacoes.len(), "{}", api.diretorio);
    }
}

/// Each operation is in its document once, under its route and method, with its name as the
/// `operationId`, its path parameters declared, a request body unless it is a `GET`, and a
/// success answer and an error answer.
fn confere_operacoes(api: &Api, documento: &Value) -> usize {
    let nome = api.diretorio;
    let mut ids = BTreeSet::new();
    for op in &api.operacoes {
        let rota = &op.endpoint.route;
        let caminho = format!("/{}", rota.template());
        let metodo = rota.method().as_str().to_ascii_lowercase();
        let o = &documento["paths"][&caminho][&metodo];
        assert!(o.is_object(), "{nome}: {metodo} {caminho} missing");
        assert_eq!(o["operationId"], op.endpoint.name, "{nome}: {caminho}");
        assert!(
            ids.insert(op.endpoint.name),
            "{nome}: duplicate operationId"
        );
        let parametros = o["parameters"].as_array().cloned().unwrap_or_default();
        for lugar in rota.placeholders().unwrap() {
            assert!(
                parametros
                    .iter()
                    .any(|p| p["name"] == lugar && p["in"] == "path" && p["required"] == true),
                "{nome}: {caminho}: path parameter {lugar} not declared"
            );
        }
        let get = metodo == "get";
        assert_eq!(
            o["requestBody"].is_object(),
            !get,
            "{nome}: {metodo} {caminho}: request body"
        );
        assert!(
            o["responses"]["200"]["content"]["application/json"]["schema"].is_object(),
            "{nome}: {caminho}: success answer"
        );
        assert!(
            o["responses"]["default"].is_object(),
            "{nome}: {caminho}: error answer"
        );
    }
    ids.len()
}

#[test]
fn gera_json_e_openapi_de_todas_as_operacoes() {
    let dir = Temporario::novo("esquemas");
    let resumo = gerar(&dir.0).unwrap();

    // Every file written is JSON; the schemas are JSON Schema 2020-12 documents.
    let mut esquemas = 0;
    for arquivo in &resumo.arquivos {
        let valor = ler(arquivo);
        if arquivo.file_name().unwrap() != "openapi.json" {
            esquemas += 1;
            assert_eq!(
                valor["$schema"],
                "https://json-schema.org/draft/2020-12/schema",
                "{}",
                arquivo.display()
            );
            refs_resolvem(&valor, &arquivo.display().to_string());
        }
    }
    assert!(esquemas > 20, "{esquemas} schema files");

    for api in [api_cetmg(), api_renave_ws()] {
        let nome = api.diretorio;
        let arquivo = resumo.openapi.get(nome).unwrap();
        assert_eq!(arquivo, &dir.0.join(nome).join("openapi.json"));
        let documento = ler(arquivo);

        // The OpenAPI 3.1 top-level fields.
        assert_eq!(documento["openapi"], "3.1.0", "{nome}");
        assert!(documento["info"]["title"].is_string(), "{nome}");
        assert!(documento["info"]["version"].is_string(), "{nome}");
        let servidores = documento["servers"].as_array().unwrap();
        assert!(!servidores.is_empty(), "{nome}");
        for s in servidores {
            assert!(
                s["url"].as_str().unwrap().starts_with("https://"),
                "{nome}: {s}"
            );
        }
        assert!(documento["paths"].is_object(), "{nome}");
        assert!(
            documento["components"]["securitySchemes"].is_object(),
            "{nome}"
        );

        // Every operation of the listing, and nothing the listing does not have (CET-MG adds
        // gerar-token, which the client calls itself).
        let conferidas = confere_operacoes(&api, &documento);
        assert_eq!(conferidas, api.operacoes.len());
        let no_documento: usize = documento["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|item| item.as_object().unwrap().len())
            .sum();
        let extras = usize::from(nome == "cetmg");
        assert_eq!(no_documento, api.operacoes.len() + extras, "{nome}");

        // The error bodies.
        let componentes = &documento["components"]["schemas"];
        if nome == "cetmg" {
            assert!(componentes["ErroGatewayWso2"].is_object());
            let envelope = serde_json::to_string(&componentes["ErroEnvelopeCetMg"]).unwrap()
                + &serde_json::to_string(componentes).unwrap();
            assert!(envelope.contains("codigo_retorno"));
            assert!(documento["paths"]["/gerar-token"]["post"].is_object());
        } else {
            assert!(
                componentes["ErroSerpro"]["properties"]["mensagemParaUsuarioFinal"].is_object()
            );
        }
        assert!(refs_resolvem(&documento, nome) > api.operacoes.len());
    }
}

/// A GET's query parameters are the request's fields the route does not name, with their wire
/// names (E11 `consultar_estoques`: `chassi`, `estadoEstoque`, … all optional).
#[test]
fn parametros_de_consulta_pelos_nomes_de_fio() {
    let documento = renave_poc::esquemas::openapi(&api_renave_ws()).unwrap();
    let o = &documento["paths"]["/api/estoques"]["get"];
    let parametros = o["parameters"].as_array().unwrap();
    let chassi = parametros.iter().find(|p| p["name"] == "chassi").unwrap();
    assert_eq!(chassi["in"], "query");
    assert_eq!(chassi["required"], false);
    assert!(parametros.iter().any(|p| p["name"] == "estadoEstoque"));
    assert!(o.get("requestBody").is_none());
    // A POST sends the request as its JSON body.
    let o = &documento["paths"]["/api/solicitacoes-entrada-estoque"]["post"];
    assert!(o["requestBody"]["content"]["application/json"]["schema"]["$ref"].is_string());
}
