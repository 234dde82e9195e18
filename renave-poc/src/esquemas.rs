//! JSON Schemas and OpenAPI 3.1 documents of both APIs as the SDK models them, for teams
//! writing in other languages (`cargo run --example esquemas -- DIR`).
//!
//! Everything comes from the definitions the clients send with: each operation is listed by the
//! `renave_http::operacoes!` line that writes its client method
//! ([`ApiCetMg::operacoes`],
//! [`renave_ws_client::api::operacoes`]), with its `Endpoint` (method, route, idempotency) and
//! the JSON Schemas of its request and answer types (`schemars`). Path parameters are the
//! route's `{placeholder}`s, the query of a `GET` is the request's other fields, any other
//! method sends the request as the JSON body — the rule of `renave_http::Requisicao::envio`.
//!
//! The error bodies are written here from the clients' readers: the CET-MG `codigo_retorno`
//! envelope (the `Retorno` type, decision D3) and the WSO2 gateway body (`code`, `message`,
//! `description`, or under `fault`); the SERPRO error body of Renave-WS (`titulo`, `detalhe`,
//! `mensagemParaUsuarioFinal`, `logIdRastreabilidade`, `dataHora`; Spring's `error`/`message`
//! on 401/403), `docs/renave-ws.md` §2.
//!
//! ```no_run
//! let dir = std::path::Path::new("esquemas");
//! let resumo = renave_poc::esquemas::gerar(dir)?;
//! println!("{} files", resumo.arquivos.len());
//! # Ok::<(), String>(())
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use renave_http::{DescricaoOperacao, Endpoint, EsquemaTipo, HttpMethod, Idempotency};
use renave_mg_client::ApiCetMg;
use schemars::SchemaGenerator;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

/// The OpenAPI version the documents declare.
pub const VERSAO_OPENAPI: &str = "3.1.0";

/// Where the component schemas of an OpenAPI document live (`$ref` targets).
const COMPONENTES: &str = "/components/schemas";

/// One API as the generator describes it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Api {
    /// The output sub-directory (`cetmg`, `renave-ws`).
    pub diretorio: &'static str,
    /// The document title.
    pub titulo: &'static str,
    /// What the document is (OpenAPI `info.description`).
    pub descricao: &'static str,
    /// The servers: URL and description (the base URL every route is relative to).
    pub servidores: Vec<(String, &'static str)>,
    /// Every operation, from the client's listing.
    pub operacoes: Vec<DescricaoOperacao>,
}

/// The CET-MG API: every operation of [`ApiCetMg`], plus `gerar-token` (the client calls it
/// itself; decision D4).
pub fn api_cetmg() -> Api {
    let base = |raiz: &str| {
        format!("{raiz}{}", renave_mg_client::PREFIXO_CAMINHO)
            .trim_end_matches('/')
            .to_owned()
    };
    Api {
        diretorio: "cetmg",
        titulo: "CET-MG RENAVE Usados API (as modelled by renave-rs)",
        descricao: "The CET-MG (PRODEMGE WSO2 gateway) API of the Regulamento Técnico CET-MG \
                    §5–§7 as the renave-mg-client crate sends it (decision D1: lower-case paths \
                    under /api/veiculos/renave/, lookups GET with path parameters, the others \
                    POST with a flat snake_case JSON body). Success is codigo_retorno \"000\" \
                    (decision D3); any other code is a business error. Every call but \
                    gerar-token carries the JWT from gerar-token as a bearer token (decision D4). \
                    The real contract is not public: routes are data, correctable at run time \
                    (decision D2).",
        servidores: vec![
            (
                base(renave_mg_client::URL_HOMOLOGACAO),
                "Homologação (the POC)",
            ),
            (base(renave_mg_client::URL_PRODUCAO), "Produção"),
        ],
        operacoes: <renave_mg_client::ClienteCetMg as ApiCetMg>::operacoes(),
    }
}

/// Renave-WS (SERPRO): every operation of [`renave_ws_client::api::operacoes`].
pub fn api_renave_ws() -> Api {
    Api {
        diretorio: "renave-ws",
        titulo: "Renave-WS (as modelled by renave-rs)",
        descricao: "The federal Renave-WS (SERPRO) establishment operations as the \
                    renave-ws-client crate sends them (decision D9), over mutual TLS with the \
                    establishment's e-CNPJ (decision D5). Date-times are Brasília local \
                    (UTC−03:00) without offset. A request that may have changed state is never \
                    resent by the SDK (decision D6).",
        servidores: vec![
            (
                renave_ws_client::client::URL_HOMOLOGACAO
                    .trim_end_matches('/')
                    .to_owned(),
                "Homologação",
            ),
            (
                renave_ws_client::client::URL_PRODUCAO
                    .trim_end_matches('/')
                    .to_owned(),
                "Produção",
            ),
        ],
        operacoes: renave_ws_client::api::operacoes(),
    }
}

/// What [`gerar`] wrote.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Resumo {
    /// Every file written.
    pub arquivos: Vec<PathBuf>,
    /// The OpenAPI documents, by API directory.
    pub openapi: BTreeMap<&'static str, PathBuf>,
}

/// Writes, under `dir`, for each API (`cetmg`, `renave-ws`): `openapi.json` (OpenAPI 3.1) and
/// `esquemas/<Tipo>.json`, a JSON Schema (draft 2020-12) of every request and answer type.
///
/// # Errors
///
/// An operation listed without schemas (its request or answer type does not implement
/// `JsonSchema`), two operations on the same method and path, or a file that cannot be
/// written.
pub fn gerar(dir: &Path) -> Result<Resumo, String> {
    let mut resumo = Resumo::default();
    for api in [api_cetmg(), api_renave_ws()] {
        let raiz = dir.join(api.diretorio);
        let pasta = raiz.join("esquemas");
        std::fs::create_dir_all(&pasta).map_err(|e| format!("{}: {e}", pasta.display()))?;
        for (nome, esquema) in esquemas_json(&api)? {
            let arquivo = pasta.join(format!("{}.json", nome_de_arquivo(&nome)));
            escrever(&arquivo, &esquema)?;
            resumo.arquivos.push(arquivo);
        }
        let arquivo = raiz.join("openapi.json");
        escrever(&arquivo, &openapi(&api)?)?;
        resumo.openapi.insert(api.diretorio, arquivo.clone());
        resumo.arquivos.push(arquivo);
    }
    Ok(resumo)
}

fn escrever(arquivo: &Path, valor: &Value) -> Result<(), String> {
    let mut texto = serde_json::to_string_pretty(valor).map_err(|e| e.to_string())?;
    texto.push('\n');
    std::fs::write(arquivo, texto).map_err(|e| format!("{}: {e}", arquivo.display()))
}

/// A schema name as a file name (`Lista_for_X`, `Array_of_Y` stay as they are).
fn nome_de_arquivo(nome: &str) -> String {
    nome.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The schemas of an operation, or the error naming it.
fn esquemas_de(op: &DescricaoOperacao) -> Result<(EsquemaTipo, EsquemaTipo), String> {
    op.esquemas
        .map(|e| (e.requisicao, e.resposta))
        .ok_or_else(|| {
            format!(
                "operation `{}` ({}) has no JSON Schema: its request or answer type does not \
                 derive schemars::JsonSchema",
                op.endpoint.name, op.metodo
            )
        })
}

/// The `gerar-token` body and answer (CET-MG only): the request type of the client, the answer
/// in the shapes the client accepts (decision D4).
fn esquemas_gerar_token() -> (EsquemaTipo, Value) {
    let resposta = json!({
        "description": "The token answer. Its shape is unknown (R Fig. 58 is illegible): the \
                        client accepts access_token, token or jwt (also under dados/data) or a \
                        bare JSON string, with the lifetime from expires_in, else the JWT exp \
                        claim, else 3600 s (decision D4).",
        "oneOf": [
            {
                "type": "object",
                "properties": {
                    "access_token": {"type": "string"},
                    "token": {"type": "string"},
                    "jwt": {"type": "string"},
                    "expires_in": {"type": ["integer", "string"]},
                    "token_type": {"type": "string"}
                }
            },
            {"type": "string"}
        ]
    });
    (
        EsquemaTipo::de::<renave_mg_client::operacoes::autenticacao::SolicitacaoGerarToken<'static>>(
        ),
        resposta,
    )
}

/// Every request and answer type of `api`, each as a root JSON Schema (draft 2020-12), by
/// schema name.
fn esquemas_json(api: &Api) -> Result<BTreeMap<String, Value>, String> {
    let mut tipos: Vec<EsquemaTipo> = Vec::new();
    for op in &api.operacoes {
        let (req, resp) = esquemas_de(op)?;
        tipos.extend([req, resp]);
    }
    if api.diretorio == "cetmg" {
        tipos.push(esquemas_gerar_token().0);
    }
    let mut saida = BTreeMap::new();
    for tipo in tipos {
        let nome = (tipo.nome)().into_owned();
        if saida.contains_key(&nome) {
            continue;
        }
        let mut gerador = SchemaGenerator::new(SchemaSettings::draft2020_12());
        let esquema = (tipo.raiz)(&mut gerador);
        saida.insert(nome, esquema.to_value());
    }
    Ok(saida)
}

/// The OpenAPI 3.1 document of `api`.
///
/// # Errors
///
/// As [`gerar`] (no file is written).
pub fn openapi(api: &Api) -> Result<Value, String> {
    let mut gerador = SchemaGenerator::new(SchemaSettings::draft2020_12().with(|s| {
        s.definitions_path = COMPONENTES.into();
        s.meta_schema = None;
    }));
    let cetmg = api.diretorio == "cetmg";
    let mut caminhos: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut incluir = |endpoint: &Endpoint, operacao: Map<String, Value>| -> Result<(), String> {
        let caminho = format!("/{}", endpoint.route.template());
        let metodo = endpoint.route.method().as_str().to_ascii_lowercase();
        let item = caminhos.entry(caminho.clone()).or_default();
        if item.contains_key(&metodo) {
            return Err(format!(
                "two operations on {} {caminho}",
                metodo.to_ascii_uppercase()
            ));
        }
        item.insert(metodo, Value::Object(operacao));
        Ok(())
    };
    for op in &api.operacoes {
        let (req, resp) = esquemas_de(op)?;
        let corpo_requisicao = (req.subesquema)(&mut gerador).to_value();
        let corpo_resposta = (resp.subesquema)(&mut gerador).to_value();
        let operacao = operacao_openapi(
            op.metodo,
            &op.endpoint,
            &corpo_requisicao,
            &corpo_resposta,
            &gerador,
            cetmg,
        )?;
        incluir(&op.endpoint, operacao)?;
    }
    if cetmg {
        let (req, resposta) = esquemas_gerar_token();
        let corpo = (req.subesquema)(&mut gerador).to_value();
        let endpoint = renave_mg_client::operacoes::autenticacao::GERAR_TOKEN;
        let mut operacao =
            operacao_openapi("gerar_token", &endpoint, &corpo, &resposta, &gerador, cetmg)?;
        // The token call is the one without the bearer token.
        operacao.insert("security".into(), json!([]));
        incluir(&endpoint, operacao)?;
    }
    // The error bodies, as components (the envelope from the client's own type).
    let envelope = gerador
        .subschema_for::<renave_mg_client::Retorno>()
        .to_value();
    let mut componentes = gerador.take_definitions(true);
    if cetmg {
        componentes.insert("ErroEnvelopeCetMg".into(), envelope);
        componentes.insert("ErroGatewayWso2".into(), esquema_gateway_wso2());
    } else {
        componentes.insert("ErroSerpro".into(), esquema_erro_serpro());
    }
    let seguranca = if cetmg {
        json!({"bearerJwt": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "The access token from POST gerar-token (consumer key and secret of \
                            the integradora), decision D4."
        }})
    } else {
        json!({"eCnpj": {
            "type": "mutualTLS",
            "description": "Mutual TLS with the establishment's ICP-Brasil e-CNPJ (A1), \
                            decision D5; the certificate's CNPJ is the establishment."
        }})
    };
    let requisito = if cetmg {
        json!([{"bearerJwt": []}])
    } else {
        json!([{"eCnpj": []}])
    };
    let paths: Map<String, Value> = caminhos
        .into_iter()
        .map(|(k, v)| (k, Value::Object(v)))
        .collect();
    Ok(json!({
        "openapi": VERSAO_OPENAPI,
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": api.titulo,
            "version": env!("CARGO_PKG_VERSION"),
            "description": api.descricao,
        },
        "servers": api.servidores.iter().map(|(url, d)| json!({"url": url, "description": d})).collect::<Vec<_>>(),
        "security": requisito,
        "paths": paths,
        "components": {
            "schemas": componentes,
            "securitySchemes": seguranca,
        },
    }))
}

/// One OpenAPI operation object.
fn operacao_openapi(
    metodo_cliente: &str,
    endpoint: &Endpoint,
    requisicao: &Value,
    resposta: &Value,
    gerador: &SchemaGenerator,
    cetmg: bool,
) -> Result<Map<String, Value>, String> {
    let rota = &endpoint.route;
    let lugares = rota
        .placeholders()
        .map_err(|e| format!("{}: {e}", endpoint.name))?;
    let (campos, obrigatorios) = campos(requisicao, gerador);
    let mut parametros = Vec::new();
    for nome in &lugares {
        let esquema = campos.get(*nome).cloned().ok_or_else(|| {
            format!(
                "{}: the route's {{{nome}}} is not a field of the request",
                endpoint.name
            )
        })?;
        parametros.push(json!({"name": nome, "in": "path", "required": true, "schema": esquema}));
    }
    let leitura = rota.method() == HttpMethod::Get;
    if leitura {
        for (nome, esquema) in &campos {
            if !lugares.contains(&nome.as_str()) {
                parametros.push(json!({
                    "name": nome,
                    "in": "query",
                    "required": obrigatorios.contains(nome),
                    "schema": esquema,
                }));
            }
        }
    }
    let mut op = Map::new();
    op.insert("operationId".into(), json!(endpoint.name));
    op.insert(
        "summary".into(),
        json!(format!("{} {}", rota.method().as_str(), rota.template())),
    );
    op.insert(
        "description".into(),
        json!(format!(
            "Client method `{metodo_cliente}`. {}",
            match endpoint.idempotency {
                Idempotency::Idempotent =>
                    "Idempotent: the SDK retries it on connect errors, \
                                            timeouts, 429, 502, 503 and 504 (decision D6).",
                Idempotency::StateChanging =>
                    "State-changing: never resent once it may have \
                                               reached the server; on a transport failure the \
                                               outcome is unknown — look the result up \
                                               (decision D6).",
            }
        )),
    );
    op.insert(
        "x-idempotente".into(),
        json!(endpoint.idempotency == Idempotency::Idempotent),
    );
    if !parametros.is_empty() {
        op.insert("parameters".into(), Value::Array(parametros));
    }
    if !leitura {
        op.insert(
            "requestBody".into(),
            json!({"required": true, "content": {"application/json": {"schema": requisicao}}}),
        );
    }
    let mut respostas = Map::new();
    respostas.insert(
        "200".into(),
        json!({
            "description": if cetmg {
                "Success: codigo_retorno \"000\" (decision D3)."
            } else {
                "Success."
            },
            "content": {"application/json": {"schema": resposta}},
        }),
    );
    if cetmg {
        respostas.insert(
            "401".into(),
            json!({
                "description": "The gateway refused the token (the SDK renews it and resends \
                                once, decision D4).",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErroGatewayWso2"}}},
            }),
        );
        respostas.insert(
            "default".into(),
            json!({
                "description": "A business error (codigo_retorno other than \"000\", in any \
                                HTTP status) or a WSO2 gateway error (codes 9009xx \
                                authentication, 9008xx throttling, 101xxx/303xxx transport).",
                "content": {"application/json": {"schema": {"oneOf": [
                    {"$ref": "#/components/schemas/ErroEnvelopeCetMg"},
                    {"$ref": "#/components/schemas/ErroGatewayWso2"},
                ]}}},
            }),
        );
    } else {
        respostas.insert(
            "default".into(),
            json!({
                "description": "A SERPRO error (4xx/5xx; mensagemParaUsuarioFinal must be shown \
                                to the end user, logIdRastreabilidade given to SERPRO support).",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErroSerpro"}}},
            }),
        );
    }
    op.insert("responses".into(), Value::Object(respostas));
    Ok(op)
}

/// The fields of a request schema (following `$ref`s into the generator's definitions and
/// `allOf` parts: flattened structs), by wire name, and the required ones.
fn campos(esquema: &Value, gerador: &SchemaGenerator) -> (BTreeMap<String, Value>, Vec<String>) {
    let mut campos = BTreeMap::new();
    let mut obrigatorios = Vec::new();
    coletar(esquema, gerador, &mut campos, &mut obrigatorios, 0);
    (campos, obrigatorios)
}

fn coletar(
    esquema: &Value,
    gerador: &SchemaGenerator,
    campos: &mut BTreeMap<String, Value>,
    obrigatorios: &mut Vec<String>,
    profundidade: u8,
) {
    if profundidade > 8 {
        return;
    }
    if let Some(alvo) = esquema.get("$ref").and_then(Value::as_str) {
        let prefixo = format!("#{COMPONENTES}/");
        if let Some(def) = alvo
            .strip_prefix(&prefixo)
            .and_then(|n| gerador.definitions().get(n))
        {
            coletar(def, gerador, campos, obrigatorios, profundidade + 1);
        }
    }
    if let Some(props) = esquema.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            campos.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    if let Some(req) = esquema.get("required").and_then(Value::as_array) {
        obrigatorios.extend(req.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    for parte in ["allOf"] {
        if let Some(partes) = esquema.get(parte).and_then(Value::as_array) {
            for p in partes {
                coletar(p, gerador, campos, obrigatorios, profundidade + 1);
            }
        }
    }
}

/// The WSO2 gateway's own error body, as `renave-mg-client` reads it (`client/gateway.rs`).
fn esquema_gateway_wso2() -> Value {
    let campos = json!({
        "code": {"type": ["string", "integer"], "description": "Six digits: 9009xx authentication/authorisation, 9008xx throttling, 101xxx/303xxx the gateway's transport errors."},
        "message": {"type": "string"},
        "description": {"type": "string"},
    });
    json!({
        "description": "A WSO2 API gateway error body (PRODEMGE): {code, message, description}, \
                        or the older {fault: {code, message, description}}.",
        "oneOf": [
            {"type": "object", "properties": campos, "required": ["code"]},
            {"type": "object", "properties": {"fault": {"type": "object", "properties": campos}}, "required": ["fault"]},
        ]
    })
}

/// The SERPRO error body of Renave-WS, as `renave-ws-client` reads it (`ErroServico`).
fn esquema_erro_serpro() -> Value {
    json!({
        "description": "The Renave-WS error body (docs/renave-ws.md §2). 401/403 may come from \
                        the security layer in Spring Boot's shape (error, message, path, status, \
                        timestamp) or empty. Every field is read on its own and is optional.",
        "type": "object",
        "properties": {
            "titulo": {"type": "string", "description": "Short title."},
            "detalhe": {"type": "string", "description": "Technical detail."},
            "mensagemParaUsuarioFinal": {"type": "string", "description": "Must be shown to the end user when present."},
            "logIdRastreabilidade": {"type": "string", "description": "Give it to SERPRO support (sent with 500)."},
            "dataHora": {"type": "string", "description": "Naive Brasília date-time text."},
            "error": {"type": "string", "description": "Spring's error (401/403)."},
            "message": {"type": "string", "description": "Spring's message (401/403)."},
            "path": {"type": "string"},
            "status": {"type": "integer"},
            "timestamp": {"type": "string"},
        }
    })
}
