//! The wire contract as data (*contrato*, decision D11): what the SDK sends and expects,
//! defined once and correctable at run time.
//!
//! * [`Contrato`] is the contract of one API as data — per operation its method, route,
//!   idempotency, request and answer field names; the CET-MG envelope's field names and success
//!   code; `gerar-token`'s token and expiry field names. Each client writes its default
//!   (`renave_mg_client::ContratoPadraoCetMg::padrao_cetmg()`,
//!   `renave_ws_client::ContratoPadraoRenaveWs::padrao_renave_ws()`) from its own operation
//!   listing, so every wire name comes from the one definition. A caller overrides any part of it
//!   from a TOML or JSON file ([`Contrato::de_arquivo`]) or a value, with the builders'
//!   `contrato(…)` option; an override naming an unknown operation or field fails the build,
//!   naming it ([`ErroContrato`]).
//! * [`campos_modelados`] lists the top-level fields an answer type models (its JSON Schema's
//!   properties, flattened parts included), and [`reconhecida`] is the one rule both clients
//!   use to fail closed on an object none of whose fields is one of them;
//!   [`campos_obrigatorios`] the ones it requires (neither `Option` nor `#[serde(default)]`).
//! * [`Divergencias`] counts the answers that do not match the contract (required fields
//!   absent, unknown fields present; an optional field absent is a normal answer) and warns
//!   once per operation and set of fields.
//! * Request and answer fields are renamed at any depth, by path (`veiculo.chassi`,
//!   `[].chassi`, [`RenomeCampo`]).
//!
//! ```
//! use renave_http::contrato::Contrato;
//!
//! // An override file: one operation's route and one answer field renamed.
//! let sobreposicao = Contrato::de_toml(r#"
//!     [operacoes.consultar_x]
//!     rota = "v2/x/{id}"
//!     [operacoes.consultar_x.resposta]
//!     placa = "placaVeiculo"
//! "#)?;
//! assert_eq!(sobreposicao.operacoes["consultar_x"].resposta["placa"], "placaVeiculo");
//! # Ok::<(), renave_http::contrato::ErroContrato>(())
//! ```

use std::any::TypeId;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use smallvec::SmallVec;

use crate::method::{HttpMethod, Idempotency};
use crate::operacao::DescricaoOperacao;
use crate::route::{Endpoint, Route, RouteError, RouteOverrides};

/// The top-level field names `T` models, as written on the wire (its JSON Schema's
/// `properties`, those of flattened parts and of `allOf`/`anyOf`/`oneOf` branches included;
/// fields kept as unknown extras are not modelled). Empty for a type that models no named
/// field (a list, a map, `serde_json::Value`). Computed once per type ([`campos_da_resposta`]).
pub fn campos_modelados<T: JsonSchema + 'static>() -> &'static [String] {
    &campos_da_resposta::<T>().modelados
}

/// The top-level fields an answer of type `T` requires (*campos obrigatórios*): its JSON
/// Schema's `required` set, flattened parts (`allOf`) included. schemars marks a field
/// required when it is neither an `Option` nor `#[serde(default)]`, so these are exactly the
/// fields without which `T` cannot be read. Only these count as absent in a divergence
/// ([`Divergencias::registrar`]): an optional field absent is a normal answer. Computed once
/// per type ([`campos_da_resposta`]).
pub fn campos_obrigatorios<T: JsonSchema + 'static>() -> &'static [String] {
    &campos_da_resposta::<T>().obrigatorios
}

/// The fields an answer type models and requires, both computed once per type
/// ([`campos_da_resposta`]).
#[derive(Debug, PartialEq, Eq)]
pub struct CamposResposta {
    /// The top-level fields the type models ([`campos_modelados`]).
    pub modelados: Vec<String>,
    /// The top-level fields the type requires ([`campos_obrigatorios`]).
    pub obrigatorios: Vec<String>,
}

/// Both field lists of the answer type `T` ([`campos_modelados`], [`campos_obrigatorios`]) in
/// one lookup. Each type's lists are computed once for the process and kept for its lifetime
/// (one small allocation per answer type, like a static); every thread then keeps its own
/// index of them, so the common path (a type already seen on this thread) takes no lock and
/// touches no shared counter, however many calls run at once.
pub fn campos_da_resposta<T: JsonSchema + 'static>() -> &'static CamposResposta {
    thread_local! {
        static LOCAL: std::cell::RefCell<Vec<(TypeId, &'static CamposResposta)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    let id = TypeId::of::<T>();
    let local = LOCAL.with_borrow(|l| l.iter().find(|(t, _)| *t == id).map(|(_, c)| *c));
    if let Some(c) = local {
        return c;
    }
    let campos = campos_globais::<T>(id);
    LOCAL.with_borrow_mut(|l| {
        if !l.iter().any(|(t, _)| *t == id) {
            l.push((id, campos));
        }
    });
    campos
}

/// The process-wide side of [`campos_da_resposta`]: taken once per type and thread.
fn campos_globais<T: JsonSchema + 'static>(id: TypeId) -> &'static CamposResposta {
    static GLOBAL: OnceLock<Mutex<HashMap<TypeId, &'static CamposResposta>>> = OnceLock::new();
    let global = GLOBAL.get_or_init(Mutex::default);
    if let Some(c) = global
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&id)
    {
        return c;
    }
    // Computed outside the lock (a schema is not cheap); a race computes it twice and keeps
    // the first.
    let schema = schemars::SchemaGenerator::default().into_root_schema_for::<T>();
    let mut modelados = Vec::new();
    propriedades(schema.as_value(), schema.as_value(), &mut modelados);
    let mut obrigatorios_ = Vec::new();
    obrigatorios(schema.as_value(), schema.as_value(), &mut obrigatorios_);
    let mut global = global
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    global.entry(id).or_insert_with(|| {
        Box::leak(Box::new(CamposResposta {
            modelados,
            obrigatorios: obrigatorios_,
        }))
    })
}

/// Visits an object schema and the parts it is made of: its `$ref` target and its `allOf`
/// parts, plus its `anyOf`/`oneOf` branches when `ramos` (a branch's fields may be present;
/// they are not required of every answer). Bounded depth (a recursive schema ends).
fn percorrer<'v>(
    raiz: &'v Value,
    schema: &'v Value,
    ramos: bool,
    nivel: u8,
    visitar: &mut impl FnMut(&'v serde_json::Map<String, Value>),
) {
    if nivel > 8 {
        return;
    }
    let Some(obj) = schema.as_object() else {
        return;
    };
    if let Some(Value::String(r)) = obj.get("$ref") {
        if let Some(alvo) = r.strip_prefix('#').and_then(|p| raiz.pointer(p)) {
            percorrer(raiz, alvo, ramos, nivel + 1, visitar);
        }
    }
    visitar(obj);
    let partes: &[&str] = if ramos {
        &["allOf", "anyOf", "oneOf"]
    } else {
        &["allOf"]
    };
    for chave in partes {
        if let Some(Value::Array(lista)) = obj.get(*chave) {
            for r in lista {
                percorrer(raiz, r, ramos, nivel + 1, visitar);
            }
        }
    }
}

/// The `required` names of an object schema, its `$ref` and `allOf` parts followed (an
/// `anyOf`/`oneOf` branch's are not required of every answer).
fn obrigatorios(raiz: &Value, schema: &Value, saida: &mut Vec<String>) {
    percorrer(raiz, schema, false, 0, &mut |obj| {
        if let Some(Value::Array(nomes)) = obj.get("required") {
            for n in nomes.iter().filter_map(Value::as_str) {
                if !saida.iter().any(|s| s == n) {
                    saida.push(n.to_owned());
                }
            }
        }
    });
}

/// [`campos_modelados`] without the cache, for any type (a borrowed request type too): what an
/// operation listing ([`DescricaoOperacao`]) reads for the default contract.
pub fn campos_do_esquema<T: JsonSchema + ?Sized>() -> Vec<String> {
    let schema = schemars::SchemaGenerator::default().into_root_schema_for::<T>();
    let mut campos = Vec::new();
    propriedades(schema.as_value(), schema.as_value(), &mut campos);
    campos
}

/// Every answer path `T` models (its JSON Schema), for the contract's answer fields: the
/// top-level names, then the names nested inside objects (`diagnostico.veiculoApto`) and inside
/// the items of lists (`[].chassi` for the items of a list answer, `estoques[].chassi` for those
/// of a list field), each path written with the SDK's (modelled) names. Recursion stops at a
/// type already being visited and below 8 levels.
pub fn caminhos_do_esquema<T: JsonSchema + ?Sized>() -> Vec<String> {
    let schema = schemars::SchemaGenerator::default().into_root_schema_for::<T>();
    let mut caminhos = Vec::new();
    caminhos_em(
        schema.as_value(),
        schema.as_value(),
        "",
        &mut caminhos,
        &mut Vec::new(),
        0,
    );
    caminhos
}

fn caminhos_em<'a>(
    raiz: &'a Value,
    schema: &'a Value,
    caminho: &str,
    saida: &mut Vec<String>,
    visitando: &mut Vec<&'a str>,
    nivel: u8,
) {
    if nivel > 8 {
        return;
    }
    let mut props: Vec<(&'a String, &'a Value)> = Vec::new();
    let mut itens: Vec<&'a Value> = Vec::new();
    partes_do_esquema(raiz, schema, &mut props, &mut itens, visitando, 0);
    for (nome, sub) in props {
        let filho = juntar_caminho(caminho, nome);
        if !saida.contains(&filho) {
            saida.push(filho.clone());
        }
        caminhos_em(raiz, sub, &filho, saida, visitando, nivel + 1);
    }
    let lista = juntar_caminho(caminho, "[]");
    for i in itens {
        caminhos_em(raiz, i, &lista, saida, visitando, nivel + 1);
    }
}

/// The object properties and array item schemas of `schema`, its `$ref`s (each followed once
/// per branch: `visitando` guards recursive types) and `allOf`/`anyOf`/`oneOf` branches
/// resolved.
fn partes_do_esquema<'a>(
    raiz: &'a Value,
    schema: &'a Value,
    props: &mut Vec<(&'a String, &'a Value)>,
    itens: &mut Vec<&'a Value>,
    visitando: &mut Vec<&'a str>,
    nivel: u8,
) {
    if nivel > 16 {
        return;
    }
    let Some(obj) = schema.as_object() else {
        return;
    };
    if let Some(Value::String(r)) = obj.get("$ref") {
        if !visitando.contains(&r.as_str()) {
            if let Some(alvo) = r.strip_prefix('#').and_then(|p| raiz.pointer(p)) {
                visitando.push(r);
                partes_do_esquema(raiz, alvo, props, itens, visitando, nivel + 1);
                visitando.pop();
            }
        }
    }
    if let Some(Value::Object(p)) = obj.get("properties") {
        for (k, v) in p {
            if !props.iter().any(|(n, _)| *n == k) {
                props.push((k, v));
            }
        }
    }
    if let Some(i) = obj.get("items") {
        itens.push(i);
    }
    for chave in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(ramos)) = obj.get(chave) {
            for r in ramos {
                partes_do_esquema(raiz, r, props, itens, visitando, nivel + 1);
            }
        }
    }
}

/// A contract path one level down: `nome` inside the object at `caminho` (`a` + `b` →
/// `a.b`), or `[]` for the items of the list at `caminho` (`a` + `[]` → `a[]`, the top
/// level's items `[]`).
#[must_use]
pub fn juntar_caminho(caminho: &str, nome: &str) -> String {
    if caminho.is_empty() {
        nome.to_owned()
    } else if nome == "[]" {
        format!("{caminho}[]")
    } else {
        format!("{caminho}.{nome}")
    }
}

/// A contract path split into the path of the object holding the field and the field's name
/// (`diagnostico.veiculoApto` → (`diagnostico`, `veiculoApto`); `[].chassi` → (`[]`,
/// `chassi`); a top-level `placa` → (``, `placa`)).
fn separar_caminho(caminho: &str) -> (&str, &str) {
    caminho.rsplit_once('.').unwrap_or(("", caminho))
}

/// The `properties` names of an object schema and of every part and branch it is made of.
fn propriedades(raiz: &Value, schema: &Value, saida: &mut Vec<String>) {
    percorrer(raiz, schema, true, 0, &mut |obj| {
        if let Some(Value::Object(props)) = obj.get("properties") {
            for k in props.keys() {
                if !saida.contains(k) {
                    saida.push(k.clone());
                }
            }
        }
    });
}

/// Whether an object answer with the top-level `chaves` is recognised as an answer whose type
/// models `campos` (decision D11): when the type models named fields, at least one of them
/// must be there. An object none of whose fields the contract knows (all renamed, or none
/// at all) is never read as a success with empty data.
pub fn reconhecida(chaves: &[String], campos: &[String]) -> bool {
    campos.is_empty() || chaves.iter().any(|k| campos.contains(k))
}

/// The wire contract of one API as data (*contrato*, decision D11): see the [module
/// docs](self). Read and written as TOML or JSON:
///
/// ```toml
/// [envelope]                       # CET-MG only (R §6.1.3)
/// codigo = "codigo_retorno"
/// mensagens = ["mensagem_retorno", "mensagem", "message"]
/// sucesso = "000"
///
/// [token]                          # CET-MG gerar-token only (decision D4)
/// token = "access_token"
/// expiracao = "expires_in"
///
/// [operacoes.consultar_aptidao_veiculo_estoque]
/// metodo = "GET"
/// rota = "aptidao-veiculo-estoque/{chassi}/{cpf_cnpj}"
/// idempotente = true
/// requisicao = { chassi = "chassi", cpf_cnpj = "cpf_cnpj" }   # SDK name = wire name
/// resposta = { codigo_retorno = "codigo_retorno", apto = "apto" }
/// ```
///
/// In a default contract every field maps to itself. An override file holds only what
/// changes: a field renamed (`placa = "placaVeiculo"`: the SDK's `placa` travels as
/// `placaVeiculo`), a route, a method; an operation may be stricter (`idempotente = false`),
/// never laxer (decision D6).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Contrato {
    /// The CET-MG envelope (*envelope*): `None` for an API without one (Renave-WS), or in an
    /// override that keeps the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envelope: Option<ContratoEnvelope>,
    /// The field names of the CET-MG `gerar-token` answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<ContratoToken>,
    /// Each operation, by its name ([`Endpoint::name`], the client method's name).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub operacoes: BTreeMap<String, ContratoOperacao>,
}

/// The CET-MG answer envelope (*envelope*, R §6.1.3; `cetmg-api.md` §2): where the return code
/// and its message are, and which code means success.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ContratoEnvelope {
    /// The return code's field (default `codigo_retorno`).
    pub codigo: String,
    /// The message fields, by preference (default `mensagem_retorno`, `mensagem`, `message`).
    pub mensagens: Vec<String>,
    /// The return code meaning success (default `"000"`).
    pub sucesso: String,
}

impl ContratoEnvelope {
    /// An envelope.
    #[must_use]
    pub fn new(codigo: &str, mensagens: &[&str], sucesso: &str) -> Self {
        Self {
            codigo: codigo.to_owned(),
            mensagens: mensagens.iter().map(|m| (*m).to_owned()).collect(),
            sucesso: sucesso.to_owned(),
        }
    }
}

/// The field names of the CET-MG `gerar-token` answer (decision D4): tried before the shapes
/// the client accepts by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ContratoToken {
    /// The token's field (default `access_token`).
    pub token: String,
    /// The lifetime's field, in seconds (default `expires_in`).
    pub expiracao: String,
}

impl ContratoToken {
    /// The token and lifetime field names.
    #[must_use]
    pub fn new(token: &str, expiracao: &str) -> Self {
        Self {
            token: token.to_owned(),
            expiracao: expiracao.to_owned(),
        }
    }
}

/// One operation of a [`Contrato`]. Every part is optional in an override (absent: the
/// default); a default contract has them all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ContratoOperacao {
    /// The HTTP method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metodo: Option<HttpMethod>,
    /// The route template, relative to the client's base URL (`{placeholder}`s are request
    /// fields by their wire names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rota: Option<String>,
    /// Whether the operation may be resent automatically (decision D6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotente: Option<bool>,
    /// The request's fields: the SDK's name → the wire name. A key is a path of SDK names for
    /// a nested field, as in [`resposta`](Self::resposta): `"veiculo.chassi" = "numeroChassi"`
    /// (inside the object `veiculo` of the JSON body), `"itens[].codigo" = "cod"` (in every
    /// item of the list field `itens`); the value is the field's own wire name (no path). Path
    /// and query parameters are top-level fields.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub requisicao: BTreeMap<String, String>,
    /// The answer's fields: the SDK's name → the wire name. A key is a path of SDK names
    /// for a nested field: `"diagnostico.veiculoApto" = "veiculo_apto"` (inside the object
    /// `diagnostico`), `"[].chassi" = "CHASSI"` (in every item of a list answer),
    /// `"estoques[].chassi"` (in every item of the list field `estoques`); the value is the
    /// field's own wire name (no path).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub resposta: BTreeMap<String, String>,
}

/// Why a contract cannot be read, written or applied (*erro de contrato*). Names the
/// operation, the field or the file, never a value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErroContrato {
    /// The file cannot be read or written.
    #[error("contract file `{caminho}`: {fonte}")]
    Arquivo {
        /// The file.
        caminho: String,
        /// The I/O error.
        #[source]
        fonte: std::io::Error,
    },
    /// The text is not a contract (syntax, or a key the contract does not have).
    #[error("not a contract ({formato}): {motivo}")]
    Formato {
        /// `TOML` or `JSON`.
        formato: &'static str,
        /// The parser's message (positions and key names).
        motivo: String,
    },
    /// An override names an operation the client does not have.
    #[error("the contract names an unknown operation `{operacao}`")]
    OperacaoDesconhecida {
        /// The name given.
        operacao: String,
    },
    /// An override names a field an operation's request or answer does not have.
    #[error("the contract names an unknown {lado} field `{campo}` of operation `{operacao}`")]
    CampoDesconhecido {
        /// The operation.
        operacao: String,
        /// `request` or `answer`.
        lado: &'static str,
        /// The field name given.
        campo: String,
    },
    /// An override's route is malformed.
    #[error("the route of operation `{operacao}` is malformed")]
    Rota {
        /// The operation.
        operacao: String,
        /// Why.
        #[source]
        fonte: RouteError,
    },
    /// An override sets something the SDK refuses (an empty wire name, two fields on one wire
    /// name, a state-changing operation made idempotent, an envelope where the API has none).
    #[error("the contract is refused: {motivo}")]
    Recusado {
        /// What is refused.
        motivo: String,
    },
}

impl Contrato {
    /// The default contract of the operations `operacoes` (a client's listing): each one's
    /// method, route, idempotency and field names (every field, at every path, mapped to its
    /// own name). The client
    /// adds its envelope and token names.
    #[must_use]
    pub fn de_operacoes(operacoes: &[DescricaoOperacao]) -> Self {
        let identidade = |campos: Vec<String>| -> BTreeMap<String, String> {
            campos
                .into_iter()
                .map(|c| {
                    let fio = separar_caminho(&c).1.to_owned();
                    (c, fio)
                })
                .collect()
        };
        let operacoes = operacoes
            .iter()
            .map(|d| {
                let e = &d.endpoint;
                (
                    e.name.to_owned(),
                    ContratoOperacao {
                        metodo: Some(e.route.method()),
                        rota: Some(e.route.template().to_owned()),
                        idempotente: Some(e.idempotency == Idempotency::Idempotent),
                        requisicao: identidade((d.campos_requisicao)()),
                        resposta: identidade((d.campos_resposta)()),
                    },
                )
            })
            .collect();
        Self {
            envelope: None,
            token: None,
            operacoes,
        }
    }

    /// Reads a contract from a file: JSON when its name ends in `.json`, TOML otherwise.
    ///
    /// # Errors
    ///
    /// [`ErroContrato::Arquivo`] when it cannot be read, [`ErroContrato::Formato`] when it is
    /// not a contract (a misspelt key included).
    pub fn de_arquivo(caminho: impl AsRef<Path>) -> Result<Self, ErroContrato> {
        let caminho = caminho.as_ref();
        let texto = std::fs::read_to_string(caminho).map_err(|fonte| ErroContrato::Arquivo {
            caminho: caminho.display().to_string(),
            fonte,
        })?;
        let json = caminho
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if json {
            Self::de_json(&texto)
        } else {
            Self::de_toml(&texto)
        }
    }

    /// Reads a contract from TOML text.
    ///
    /// # Errors
    ///
    /// [`ErroContrato::Formato`] when it is not a contract.
    pub fn de_toml(texto: &str) -> Result<Self, ErroContrato> {
        toml::from_str(texto).map_err(|e| ErroContrato::Formato {
            formato: "TOML",
            motivo: e.message().to_owned(),
        })
    }

    /// Reads a contract from JSON text.
    ///
    /// # Errors
    ///
    /// [`ErroContrato::Formato`] when it is not a contract.
    pub fn de_json(texto: &str) -> Result<Self, ErroContrato> {
        serde_json::from_str(texto).map_err(|e| ErroContrato::Formato {
            formato: "JSON",
            motivo: e.to_string(),
        })
    }

    /// The contract as TOML (also its `Display`, so `to_string()`).
    #[must_use]
    pub fn para_toml(&self) -> String {
        // Every key is a string and every value a string, a bool or a table of them: TOML can
        // always hold it.
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// The contract as pretty JSON.
    #[must_use]
    pub fn para_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Writes the contract to a file as TOML (e.g. the default contract, for an integradora to
    /// see every wire name and edit a copy).
    ///
    /// # Errors
    ///
    /// [`ErroContrato::Arquivo`] when the file cannot be written.
    pub fn escrever_toml(&self, caminho: impl AsRef<Path>) -> Result<(), ErroContrato> {
        let caminho = caminho.as_ref();
        std::fs::write(caminho, self.para_toml()).map_err(|fonte| ErroContrato::Arquivo {
            caminho: caminho.display().to_string(),
            fonte,
        })
    }

    /// This contract (a default) with `sobreposicao` applied: every operation and field it
    /// names must be one of this contract's.
    ///
    /// # Errors
    ///
    /// [`ErroContrato`] naming the first unknown operation or field, a malformed route, an
    /// empty or repeated wire name, a state-changing operation made idempotent, or an envelope
    /// or token section for an API without one.
    pub fn sobrepor(&self, sobreposicao: &Contrato) -> Result<Contrato, ErroContrato> {
        let mut saida = self.clone();
        let recusado = |motivo: String| ErroContrato::Recusado { motivo };
        match (&sobreposicao.envelope, &mut saida.envelope) {
            (None, _) => {}
            (Some(novo), Some(atual)) => {
                if novo.codigo.is_empty() || novo.mensagens.iter().any(String::is_empty) {
                    return Err(recusado("an envelope field name is empty".into()));
                }
                *atual = novo.clone();
            }
            (Some(_), None) => {
                return Err(recusado("this API's answers have no envelope".into()));
            }
        }
        match (&sobreposicao.token, &mut saida.token) {
            (None, _) => {}
            (Some(novo), Some(atual)) => {
                if novo.token.is_empty() || novo.expiracao.is_empty() {
                    return Err(recusado("a token field name is empty".into()));
                }
                *atual = novo.clone();
            }
            (Some(_), None) => return Err(recusado("this API has no token operation".into())),
        }
        for (nome, op) in &sobreposicao.operacoes {
            let atual = saida.operacoes.get_mut(nome).ok_or_else(|| {
                ErroContrato::OperacaoDesconhecida {
                    operacao: nome.clone(),
                }
            })?;
            if let Some(m) = op.metodo {
                atual.metodo = Some(m);
            }
            if let Some(r) = &op.rota {
                atual.rota = Some(r.clone());
            }
            match op.idempotente {
                Some(true) if atual.idempotente == Some(false) => {
                    return Err(recusado(format!(
                        "operation `{nome}` changes state: it cannot be made idempotent \
                         (decision D6)"
                    )));
                }
                Some(i) => atual.idempotente = Some(i),
                None => {}
            }
            for (lado, novos, campos) in [
                ("request", &op.requisicao, &mut atual.requisicao),
                ("answer", &op.resposta, &mut atual.resposta),
            ] {
                for (campo, fio) in novos {
                    let destino =
                        campos
                            .get_mut(campo)
                            .ok_or_else(|| ErroContrato::CampoDesconhecido {
                                operacao: nome.clone(),
                                lado,
                                campo: campo.clone(),
                            })?;
                    fio.clone_into(destino);
                }
                // Wire names are unique among the fields of one object (one path's parent).
                let mut vistos = std::collections::BTreeSet::new();
                for (campo, fio) in campos.iter() {
                    let pai = separar_caminho(campo).0;
                    if fio.is_empty() || fio.contains('.') || !vistos.insert((pai, fio.as_str())) {
                        return Err(recusado(format!(
                            "operation `{nome}`: the {lado} wire name `{fio}` is empty, has a \
                             `.` or is given to two fields"
                        )));
                    }
                }
            }
            let rota = Route::custom(
                atual.metodo.unwrap_or(HttpMethod::Get),
                atual.rota.clone().unwrap_or_default(),
            );
            rota.validate().map_err(|fonte| ErroContrato::Rota {
                operacao: nome.clone(),
                fonte,
            })?;
        }
        Ok(saida)
    }

    /// Checks that every route override names one of this contract's operations (decision D2:
    /// a misspelt name is an error, never ignored).
    ///
    /// # Errors
    ///
    /// [`ErroContrato::OperacaoDesconhecida`] naming the first unknown one.
    pub fn verificar_rotas(&self, rotas: &RouteOverrides) -> Result<(), ErroContrato> {
        match rotas.iter().find(|(n, _)| !self.operacoes.contains_key(*n)) {
            Some((nome, _)) => Err(ErroContrato::OperacaoDesconhecida {
                operacao: nome.to_owned(),
            }),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Contrato {
    /// The contract as TOML ([`Contrato::para_toml`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.para_toml())
    }
}

/// One operation's renames, compiled from an applied contract (only the fields whose wire
/// name differs from the SDK's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Renomes {
    /// Request renames by the path (SDK names) of the object holding the field.
    requisicao: Vec<RenomeCampo>,
    /// Answer renames by the path (SDK names) of the object holding the field.
    resposta: Vec<RenomeCampo>,
}

/// One field renamed by a contract (*renome de campo*), at any depth: in the object at path
/// [`pai`](Self::pai) (SDK names, `""` the top level, `itens[]` the items of the list
/// `itens`), the SDK's field [`sdk`](Self::sdk) travels as [`fio`](Self::fio). Requests are
/// written with it ([`Requisicao::renomear`](crate::Requisicao::renomear)), answers read back
/// with it ([`ContratoAtivo::renomear_resposta`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenomeCampo {
    pai: String,
    fio: String,
    sdk: String,
}

impl RenomeCampo {
    /// The path (SDK names) of the object holding the field; `""` for a top-level field.
    #[must_use]
    pub fn pai(&self) -> &str {
        &self.pai
    }

    /// The field's name on the wire.
    #[must_use]
    pub fn fio(&self) -> &str {
        &self.fio
    }

    /// The field's name in the SDK's types.
    #[must_use]
    pub fn sdk(&self) -> &str {
        &self.sdk
    }
}

/// The renames of a contract path → wire name map (only those that differ).
fn compilar_renomes(campos: &BTreeMap<String, String>) -> Vec<RenomeCampo> {
    campos
        .iter()
        .filter_map(|(caminho, fio)| {
            let (pai, sdk) = separar_caminho(caminho);
            (sdk != fio).then(|| RenomeCampo {
                pai: pai.to_owned(),
                fio: fio.clone(),
                sdk: sdk.to_owned(),
            })
        })
        .collect()
}

/// A contract as a client applies it (*contrato ativo*): built once by
/// [`OpcoesComuns::montar`](crate::OpcoesComuns::montar) from the client's default and the
/// caller's override, then read on every call. With no override nothing is renamed, and the
/// answer is decoded in one pass from the bytes.
#[derive(Debug, Clone, Default)]
pub struct ContratoAtivo {
    contrato: Arc<Contrato>,
    renomes: Arc<HashMap<String, Renomes>>,
    /// The envelope fields an override renames, read back as the default's (every operation).
    renomes_envelope: Arc<[RenomeCampo]>,
    /// The envelope's names in an answer given its SDK names ([`Self::renomear_resposta`]).
    envelope_lido: Option<ContratoEnvelope>,
    divergencias: Divergencias,
}

impl ContratoAtivo {
    /// `padrao` (a client's default contract) with `sobreposicao` applied, checked.
    ///
    /// # Errors
    ///
    /// As [`Contrato::sobrepor`].
    pub fn novo(padrao: &Contrato, sobreposicao: Option<&Contrato>) -> Result<Self, ErroContrato> {
        let contrato = match sobreposicao {
            Some(s) => padrao.sobrepor(s)?,
            None => padrao.clone(),
        };
        let renomes = contrato
            .operacoes
            .iter()
            .filter_map(|(nome, op)| {
                let r = Renomes {
                    requisicao: compilar_renomes(&op.requisicao),
                    resposta: compilar_renomes(&op.resposta),
                };
                (r != Renomes::default()).then(|| (nome.clone(), r))
            })
            .collect();
        // An envelope renamed by the override is given its default names back too, so that
        // the answer types (which model the default names) read the return code.
        let mut renomes_envelope = Vec::new();
        let mut envelope_lido = contrato.envelope.clone();
        if let (Some(lido), Some(antes)) = (envelope_lido.as_mut(), padrao.envelope.as_ref()) {
            let pares = std::iter::once((&mut lido.codigo, &antes.codigo))
                .chain(lido.mensagens.iter_mut().zip(&antes.mensagens));
            for (fio, sdk) in pares {
                if fio != sdk {
                    renomes_envelope.push(RenomeCampo {
                        pai: String::new(),
                        fio: std::mem::replace(fio, sdk.clone()),
                        sdk: sdk.clone(),
                    });
                }
            }
        }
        Ok(Self {
            contrato: Arc::new(contrato),
            renomes: Arc::new(renomes),
            renomes_envelope: renomes_envelope.into(),
            envelope_lido,
            divergencias: Divergencias::default(),
        })
    }

    /// The contract applied.
    #[must_use]
    pub fn contrato(&self) -> &Contrato {
        &self.contrato
    }

    /// The route overrides the contract makes (every operation whose method or route differs
    /// from its default in `padrao`).
    #[must_use]
    pub fn rotas(&self, padrao: &Contrato) -> RouteOverrides {
        let mut rotas = RouteOverrides::new();
        for (nome, op) in &self.contrato.operacoes {
            let Some(antes) = padrao.operacoes.get(nome) else {
                continue;
            };
            if op.metodo != antes.metodo || op.rota != antes.rota {
                if let (Some(m), Some(r)) = (op.metodo, &op.rota) {
                    rotas.insert(nome.clone(), Route::custom(m, r.clone()));
                }
            }
        }
        rotas
    }

    /// The idempotency of `endpoint` under this contract (an override may only make an
    /// operation state-changing).
    #[must_use]
    pub fn idempotencia(&self, endpoint: &Endpoint) -> Idempotency {
        match self
            .contrato
            .operacoes
            .get(endpoint.name)
            .and_then(|o| o.idempotente)
        {
            Some(false) => Idempotency::StateChanging,
            _ => endpoint.idempotency,
        }
    }

    /// The envelope, if the API has one: its names on the wire.
    #[must_use]
    pub fn envelope(&self) -> Option<&ContratoEnvelope> {
        self.contrato.envelope.as_ref()
    }

    /// The envelope's names in an answer body given its SDK names by
    /// [`renomear_resposta`](Self::renomear_resposta): the default names where the override
    /// renamed them (an override listing more message fields than the default keeps the
    /// extra ones), the success code of the contract.
    #[must_use]
    pub fn envelope_resposta(&self) -> Option<&ContratoEnvelope> {
        self.envelope_lido.as_ref()
    }

    /// The `gerar-token` field names, if the API has them.
    #[must_use]
    pub fn token(&self) -> Option<&ContratoToken> {
        self.contrato.token.as_ref()
    }

    /// The request renames of `operacao`, at every depth; empty with no override. Give them
    /// to [`Requisicao::renomear`](crate::Requisicao::renomear).
    #[must_use]
    pub fn renomes_requisicao(&self, operacao: &str) -> &[RenomeCampo] {
        self.renomes
            .get(operacao)
            .map_or(&[], |r| r.requisicao.as_slice())
    }

    /// The answer body of `operacao` with its renamed fields given their SDK names back, at
    /// every depth (inside objects and the items of lists, by the paths of the contract), the
    /// envelope's included ([`envelope_resposta`](Self::envelope_resposta)), or
    /// `None` when nothing is renamed (decode the bytes as they are) or the body is not a JSON
    /// object or list.
    #[must_use]
    pub fn renomear_resposta(&self, operacao: &str, corpo: &[u8]) -> Option<Vec<u8>> {
        let proprios = self.renomes.get(operacao).map_or(&[][..], |r| &r.resposta);
        if proprios.is_empty() && self.renomes_envelope.is_empty() {
            return None;
        }
        let mut valor = serde_json::from_slice::<Value>(corpo).ok()?;
        if !(valor.is_object() || valor.is_array()) {
            return None;
        }
        if self.renomes_envelope.is_empty() {
            renomear_em(&mut valor, "", proprios);
        } else {
            let todos: Vec<RenomeCampo> = self
                .renomes_envelope
                .iter()
                .chain(proprios)
                .cloned()
                .collect();
            renomear_em(&mut valor, "", &todos);
        }
        serde_json::to_vec(&valor).ok()
    }

    /// The divergence counters of the client ([`Divergencias`]).
    #[must_use]
    pub fn divergencias(&self) -> &Divergencias {
        &self.divergencias
    }
}

/// The prefix an answer key is given when it carries the SDK's name of a field the contract
/// renamed (*fora do contrato*): under `[envelope] codigo = "codigoRetorno"`, a
/// `codigo_retorno` key is not the return code, so it is read as
/// `fora_do_contrato:codigo_retorno` — an unknown field (kept as an extra, counted as a
/// divergence), never the field itself (decision D11: a default-named envelope under an
/// overridden contract is not a success).
pub const FORA_DO_CONTRATO: &str = "fora_do_contrato:";

/// Renames, in `valor` (at path `caminho`, SDK names) and below, each wire name to its SDK
/// name; paths are followed by the SDK names, so a renamed object's own fields are found. A
/// key spelt as the SDK's name of a field renamed in that object is not that field: it gets
/// the [`FORA_DO_CONTRATO`] prefix.
fn renomear_em(valor: &mut Value, caminho: &str, renomes: &[RenomeCampo]) {
    match valor {
        Value::Object(objeto) => {
            let antigo = std::mem::take(objeto);
            for (k, mut v) in antigo {
                let sdk = match renomes.iter().find(|r| r.pai == caminho && r.fio == k) {
                    Some(r) => r.sdk.clone(),
                    None if renomes.iter().any(|r| r.pai == caminho && r.sdk == k) => {
                        format!("{FORA_DO_CONTRATO}{k}")
                    }
                    None => k,
                };
                renomear_em(&mut v, &juntar_caminho(caminho, &sdk), renomes);
                objeto.insert(sdk, v);
            }
        }
        Value::Array(itens) => {
            let caminho = juntar_caminho(caminho, "[]");
            for item in itens {
                renomear_em(item, &caminho, renomes);
            }
        }
        _ => {}
    }
}

/// Renames, in a request's JSON `valor` (at path `caminho`, SDK names) and below, each SDK
/// name to its wire name ([`RenomeCampo`]); paths are followed by the SDK names. The inverse of
/// the answers' renaming.
pub fn renomear_requisicao(valor: &mut Value, caminho: &str, renomes: &[RenomeCampo]) {
    match valor {
        Value::Object(objeto) => {
            let antigo = std::mem::take(objeto);
            for (k, mut v) in antigo {
                renomear_requisicao(&mut v, &juntar_caminho(caminho, &k), renomes);
                let fio = renomes
                    .iter()
                    .find(|r| r.pai == caminho && r.sdk == k)
                    .map_or(k, |r| r.fio.clone());
                objeto.insert(fio, v);
            }
        }
        Value::Array(itens) => {
            let caminho = juntar_caminho(caminho, "[]");
            for item in itens {
                renomear_requisicao(item, &caminho, renomes);
            }
        }
        _ => {}
    }
}

/// `objeto` with each top-level key `de` renamed `para` (pairs `(de, para)`), order kept.
#[must_use]
pub fn renomear_chaves(
    objeto: serde_json::Map<String, Value>,
    pares: &[(String, String)],
) -> serde_json::Map<String, Value> {
    objeto
        .into_iter()
        .map(|(k, v)| match pares.iter().find(|(de, _)| *de == k) {
            Some((_, para)) => (para.clone(), v),
            None => (k, v),
        })
        .collect()
}

/// One way the answers of an operation did not match the contract (*divergência*): the
/// required fields absent and the unknown fields present, by name only, and how many answers
/// had exactly this difference. An optional field absent is not a divergence.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Divergencia {
    /// The operation.
    pub operacao: String,
    /// Required top-level fields ([`campos_obrigatorios`]) the answers lacked (envelope
    /// fields apart).
    pub ausentes: Vec<String>,
    /// Top-level fields the answers had that the contract does not model.
    pub desconhecidos: Vec<String>,
    /// How many answers had this difference.
    pub ocorrencias: u64,
}

/// One difference seen (operation, required fields absent, unknown fields present) and how
/// many answers showed it, counted under a shared lock (atomically) once it is known.
#[derive(Debug)]
struct EntradaDivergencia {
    operacao: String,
    ausentes: Vec<String>,
    desconhecidos: Vec<String>,
    ocorrencias: AtomicU64,
}

impl EntradaDivergencia {
    fn e(&self, operacao: &str, ausentes: &[&str], desconhecidos: &[&str]) -> bool {
        self.operacao == operacao
            && self
                .ausentes
                .iter()
                .map(String::as_str)
                .eq(ausentes.iter().copied())
            && self
                .desconhecidos
                .iter()
                .map(String::as_str)
                .eq(desconhecidos.iter().copied())
    }
}

/// The divergence counters of a client (*divergências*), shared by its clones: each object
/// answer is compared with the fields its type models; a difference (a required field absent,
/// an unknown field present) is counted, and logged as one `WARN` event the first time an
/// operation shows that set of fields (names only, never values). Optional fields absent are a
/// normal answer, neither counted nor logged.
#[derive(Debug, Clone, Default)]
pub struct Divergencias {
    entradas: Arc<RwLock<Vec<EntradaDivergencia>>>,
}

impl Divergencias {
    /// Compares an answer of `operacao` whose top-level keys were `chaves` with the fields
    /// its type models (`campos`, [`campos_modelados`]) and requires (`obrigatorios`,
    /// [`campos_obrigatorios`]): a required field absent and a key not modelled are counted;
    /// names in `ignorar` (the envelope's) count as neither.
    ///
    /// A difference already seen costs no allocation and no exclusive lock (the keys are
    /// compared borrowed, the counter is atomic): a service whose server always sends one
    /// unknown field pays for the accounting once, not on every call (issue 16).
    pub fn registrar<S: AsRef<str>>(
        &self,
        operacao: &str,
        chaves: &[S],
        campos: &[String],
        obrigatorios: &[String],
        ignorar: &[&str],
    ) {
        if campos.is_empty() {
            return;
        }
        let fora = |c: &str| !ignorar.contains(&c);
        let mut ausentes: SmallVec<[&str; 8]> = obrigatorios
            .iter()
            .map(String::as_str)
            .filter(|c| fora(c) && !chaves.iter().any(|k| k.as_ref() == *c))
            .collect();
        let mut desconhecidos: SmallVec<[&str; 8]> = chaves
            .iter()
            .map(AsRef::as_ref)
            .filter(|c| fora(c) && !campos.iter().any(|m| m == c))
            .collect();
        if ausentes.is_empty() && desconhecidos.is_empty() {
            return;
        }
        ausentes.sort_unstable();
        ausentes.dedup();
        desconhecidos.sort_unstable();
        desconhecidos.dedup();
        {
            let entradas = self
                .entradas
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(e) = entradas
                .iter()
                .find(|e| e.e(operacao, &ausentes, &desconhecidos))
            {
                e.ocorrencias.fetch_add(1, Ordering::Relaxed);
                return;
            }
        }
        let mut entradas = self
            .entradas
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Another call may have added it between the two locks.
        if let Some(e) = entradas
            .iter()
            .find(|e| e.e(operacao, &ausentes, &desconhecidos))
        {
            e.ocorrencias.fetch_add(1, Ordering::Relaxed);
            return;
        }
        tracing::warn!(
            operation = operacao,
            ausentes = ?ausentes,
            desconhecidos = ?desconhecidos,
            "the answer does not match the contract (decision D11): required fields absent \
             or unknown fields present"
        );
        entradas.push(EntradaDivergencia {
            operacao: operacao.to_owned(),
            ausentes: ausentes.iter().map(|c| (*c).to_owned()).collect(),
            desconhecidos: desconhecidos.iter().map(|c| (*c).to_owned()).collect(),
            ocorrencias: AtomicU64::new(1),
        });
    }

    /// Every difference seen so far, by operation and field set (in that order).
    #[must_use]
    pub fn lista(&self) -> Vec<Divergencia> {
        let mut lista: Vec<Divergencia> = self
            .entradas
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .map(|e| Divergencia {
                operacao: e.operacao.clone(),
                ausentes: e.ausentes.clone(),
                desconhecidos: e.desconhecidos.clone(),
                ocorrencias: e.ocorrencias.load(Ordering::Relaxed),
            })
            .collect();
        lista.sort_by(|a, b| {
            (&a.operacao, &a.ausentes, &a.desconhecidos).cmp(&(
                &b.operacao,
                &b.ausentes,
                &b.desconhecidos,
            ))
        });
        lista
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Envelope {
        codigo_retorno: Option<String>,
    }

    #[derive(Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Resposta {
        #[serde(flatten)]
        envelope: Envelope,
        #[serde(rename = "idEstoque")]
        id_estoque: Option<i64>,
        #[serde(flatten)]
        extras: serde_json::Map<String, Value>,
    }

    #[test]
    fn campos_do_schema() {
        assert_eq!(
            campos_modelados::<Resposta>(),
            ["codigo_retorno", "idEstoque"]
        );
        assert!(campos_modelados::<Vec<Resposta>>().is_empty());
        assert!(campos_modelados::<Value>().is_empty());
        // Cached: the same list, on this thread and on another one.
        assert!(std::ptr::eq(
            campos_modelados::<Resposta>(),
            campos_modelados::<Resposta>()
        ));
        let aqui = std::ptr::from_ref(campos_da_resposta::<Resposta>()) as usize;
        let ali =
            std::thread::spawn(|| std::ptr::from_ref(campos_da_resposta::<Resposta>()) as usize)
                .join()
                .unwrap();
        assert_eq!(aqui, ali);
        assert_eq!(
            campos_da_resposta::<Resposta>().modelados,
            campos_do_esquema::<Resposta>()
        );
    }

    #[derive(Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Diagnostico {
        #[serde(rename = "veiculoApto")]
        veiculo_apto: bool,
    }

    #[derive(Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Item {
        chassi: String,
    }

    #[derive(Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Aninhada {
        diagnostico: Diagnostico,
        itens: Vec<Item>,
    }

    fn padrao_aninhado() -> Contrato {
        let mut padrao = Contrato::default();
        let op = ContratoOperacao {
            resposta: caminhos_do_esquema::<Aninhada>()
                .into_iter()
                .map(|c| {
                    let fio = separar_caminho(&c).1.to_owned();
                    (c, fio)
                })
                .collect(),
            ..ContratoOperacao::default()
        };
        padrao.operacoes.insert("op".into(), op);
        let lista = ContratoOperacao {
            resposta: caminhos_do_esquema::<Vec<Item>>()
                .into_iter()
                .map(|c| {
                    let fio = separar_caminho(&c).1.to_owned();
                    (c, fio)
                })
                .collect(),
            ..ContratoOperacao::default()
        };
        padrao.operacoes.insert("lista".into(), lista);
        padrao
    }

    #[test]
    fn caminhos_aninhados_do_schema() {
        assert_eq!(
            caminhos_do_esquema::<Aninhada>(),
            [
                "diagnostico",
                "diagnostico.veiculoApto",
                "itens",
                "itens[].chassi"
            ]
        );
        assert_eq!(caminhos_do_esquema::<Vec<Item>>(), ["[].chassi"]);
    }

    #[test]
    fn sobreposicao_aninhada_renomeia_em_toda_profundidade() {
        let sobreposicao = Contrato::de_toml(
            r#"
            [operacoes.op.resposta]
            diagnostico = "diagnóstico"
            "diagnostico.veiculoApto" = "veiculo_apto"
            "itens[].chassi" = "CHASSI"
            [operacoes.lista.resposta]
            "[].chassi" = "CHASSI"
        "#,
        )
        .unwrap();
        let ativo = ContratoAtivo::novo(&padrao_aninhado(), Some(&sobreposicao)).unwrap();
        let corpo = r#"{"diagnóstico":{"veiculo_apto":true},"itens":[{"CHASSI":"A"},{"CHASSI":"B"}],"CHASSI":"x"}"#
            .as_bytes();
        let lido: Value =
            serde_json::from_slice(&ativo.renomear_resposta("op", corpo).unwrap()).unwrap();
        assert_eq!(
            lido,
            serde_json::json!({"diagnostico":{"veiculoApto":true},
                "itens":[{"chassi":"A"},{"chassi":"B"}],"CHASSI":"x"})
        );
        let lista: Value = serde_json::from_slice(
            &ativo
                .renomear_resposta("lista", br#"[{"CHASSI":"A"}]"#)
                .unwrap(),
        )
        .unwrap();
        assert_eq!(lista, serde_json::json!([{"chassi":"A"}]));
        // Without an override nothing is renamed (the bytes are decoded as they are).
        let padrao = ContratoAtivo::novo(&padrao_aninhado(), None).unwrap();
        assert!(padrao.renomear_resposta("op", corpo).is_none());
    }

    #[test]
    fn caminho_aninhado_desconhecido_e_erro() {
        let sobreposicao = Contrato::de_toml(
            r#"[operacoes.op.resposta]
            "diagnostico.veiculoAptoo" = "v""#,
        )
        .unwrap();
        let erro = ContratoAtivo::novo(&padrao_aninhado(), Some(&sobreposicao)).unwrap_err();
        assert!(
            erro.to_string().contains("diagnostico.veiculoAptoo"),
            "{erro}"
        );
        // The same wire name for two fields of one object is refused; in two objects it is not.
        let dois = Contrato::de_toml(
            r#"[operacoes.op.resposta]
            diagnostico = "x"
            itens = "x""#,
        )
        .unwrap();
        assert!(ContratoAtivo::novo(&padrao_aninhado(), Some(&dois)).is_err());
        let separados = Contrato::de_toml(
            r#"[operacoes.op.resposta]
            "itens[].chassi" = "veiculoApto""#,
        )
        .unwrap();
        assert!(ContratoAtivo::novo(&padrao_aninhado(), Some(&separados)).is_ok());
    }

    #[derive(Serialize, JsonSchema)]
    #[allow(dead_code)]
    struct Veiculo {
        chassi: String,
        placa: Option<String>,
    }

    #[derive(Serialize, JsonSchema)]
    #[allow(dead_code)]
    struct ItemPedido {
        codigo: String,
    }

    #[derive(Serialize, JsonSchema)]
    #[allow(dead_code)]
    struct Pedido {
        cpf: String,
        veiculo: Veiculo,
        itens: Vec<ItemPedido>,
    }

    fn padrao_com_requisicao() -> Contrato {
        let mut padrao = padrao_aninhado();
        let op = padrao.operacoes.get_mut("op").unwrap();
        op.requisicao = caminhos_do_esquema::<Pedido>()
            .into_iter()
            .map(|c| {
                let fio = separar_caminho(&c).1.to_owned();
                (c, fio)
            })
            .collect();
        padrao
    }

    #[test]
    fn requisicao_renomeada_em_toda_profundidade() {
        assert_eq!(
            caminhos_do_esquema::<Pedido>(),
            [
                "cpf",
                "itens",
                "itens[].codigo",
                "veiculo",
                "veiculo.chassi",
                "veiculo.placa"
            ]
        );
        let sobreposicao = Contrato::de_toml(
            r#"
            [operacoes.op.requisicao]
            cpf = "cpfCnpj"
            veiculo = "dadosVeiculo"
            "veiculo.chassi" = "numeroChassi"
            "itens[].codigo" = "cod"
        "#,
        )
        .unwrap();
        let ativo = ContratoAtivo::novo(&padrao_com_requisicao(), Some(&sobreposicao)).unwrap();
        let mut corpo = serde_json::json!({
            "cpf": "1", "veiculo": {"chassi": "A", "placa": null},
            "itens": [{"codigo": "x"}, {"codigo": "y"}]
        });
        renomear_requisicao(&mut corpo, "", ativo.renomes_requisicao("op"));
        assert_eq!(
            corpo,
            serde_json::json!({
                "cpfCnpj": "1", "dadosVeiculo": {"numeroChassi": "A", "placa": null},
                "itens": [{"cod": "x"}, {"cod": "y"}]
            })
        );
        let top: Vec<_> = ativo
            .renomes_requisicao("op")
            .iter()
            .filter(|r| r.pai().is_empty())
            .map(|r| (r.sdk(), r.fio()))
            .collect();
        assert_eq!(top, [("cpf", "cpfCnpj"), ("veiculo", "dadosVeiculo")]);
    }

    #[test]
    fn caminho_de_requisicao_desconhecido_e_erro() {
        let sobreposicao = Contrato::de_toml(
            r#"[operacoes.op.requisicao]
            "veiculo.chassis" = "c""#,
        )
        .unwrap();
        let erro = ContratoAtivo::novo(&padrao_com_requisicao(), Some(&sobreposicao)).unwrap_err();
        assert!(
            matches!(&erro, ErroContrato::CampoDesconhecido { lado: "request", campo, .. }
                if campo == "veiculo.chassis"),
            "{erro}"
        );
        let dois = Contrato::de_toml(
            r#"[operacoes.op.requisicao]
            "veiculo.placa" = "chassi""#,
        )
        .unwrap();
        assert!(ContratoAtivo::novo(&padrao_com_requisicao(), Some(&dois)).is_err());
    }

    #[test]
    fn nome_padrao_de_campo_renomeado_fica_fora_do_contrato() {
        let sobreposicao = Contrato::de_toml(
            r#"[operacoes.op.resposta]
            "diagnostico.veiculoApto" = "apto""#,
        )
        .unwrap();
        let ativo = ContratoAtivo::novo(&padrao_aninhado(), Some(&sobreposicao)).unwrap();
        let lido: Value = serde_json::from_slice(
            &ativo
                .renomear_resposta("op", br#"{"diagnostico":{"veiculoApto":true}}"#)
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            lido,
            serde_json::json!({"diagnostico":{"fora_do_contrato:veiculoApto":true}})
        );
    }

    #[derive(Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct ComObrigatorio {
        #[serde(flatten)]
        envelope: Envelope,
        chassi: String,
        placa: Option<String>,
        #[serde(default)]
        total: u32,
    }

    #[test]
    fn so_campo_obrigatorio_ausente_e_divergencia() {
        assert_eq!(campos_obrigatorios::<ComObrigatorio>(), ["chassi"]);
        assert!(campos_obrigatorios::<Resposta>().is_empty());
        let campos = campos_modelados::<ComObrigatorio>();
        let obrigatorios = campos_obrigatorios::<ComObrigatorio>();
        let d = Divergencias::default();
        let k = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        // Optional fields absent (placa, total, the envelope): a normal answer.
        d.registrar("op", &k(&["chassi"]), campos, obrigatorios, &[]);
        assert!(d.lista().is_empty(), "{:?}", d.lista());
        // A required field absent: one divergence.
        d.registrar("op", &k(&["placa"]), campos, obrigatorios, &[]);
        let lista = d.lista();
        assert_eq!(lista.len(), 1);
        assert_eq!(lista[0].ausentes, ["chassi"]);
        assert!(lista[0].desconhecidos.is_empty());
        // An unknown field present is still one.
        d.registrar("op", &k(&["chassi", "novo"]), campos, obrigatorios, &[]);
        let lista = d.lista();
        assert_eq!(lista.len(), 2);
        assert!(
            lista
                .iter()
                .any(|x| x.desconhecidos == ["novo"] && x.ausentes.is_empty()),
            "{lista:?}"
        );
    }

    #[test]
    fn reconhecimento() {
        let campos = campos_modelados::<Resposta>();
        let k = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(reconhecida(&k(&["idEstoque", "novo"]), campos));
        assert!(!reconhecida(&k(&["codigoRetorno", "id_estoque"]), campos));
        assert!(!reconhecida(&[], campos));
        assert!(reconhecida(&k(&["x"]), &[]));
    }
}
