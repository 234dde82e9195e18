//! The wire contract as data (*contrato*, decision D11): what the SDK expects of an answer,
//! read from the answer types themselves so that it is written once.
//!
//! [`campos_modelados`] lists the top-level fields an answer type models (its JSON Schema's
//! properties, flattened parts included), and [`reconhecida`] is the one rule both clients use
//! to fail closed on an object none of whose fields is one of them.

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use schemars::JsonSchema;
use serde_json::Value;

/// The top-level field names `T` models, as written on the wire (its JSON Schema's
/// `properties`, those of flattened parts and of `allOf`/`anyOf`/`oneOf` branches included;
/// fields kept as unknown extras are not modelled). Empty for a type that models no named
/// field (a list, a map, `serde_json::Value`). Computed once per type.
pub fn campos_modelados<T: JsonSchema + 'static>() -> Arc<[String]> {
    static CACHE: OnceLock<Mutex<HashMap<TypeId, Arc<[String]>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    let id = TypeId::of::<T>();
    if let Some(c) = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&id)
    {
        return Arc::clone(c);
    }
    let schema = schemars::SchemaGenerator::default().into_root_schema_for::<T>();
    let mut campos = Vec::new();
    propriedades(schema.as_value(), schema.as_value(), &mut campos, 0);
    let campos: Arc<[String]> = campos.into();
    cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(id, Arc::clone(&campos));
    campos
}

fn propriedades(raiz: &Value, schema: &Value, saida: &mut Vec<String>, nivel: u8) {
    if nivel > 8 {
        return;
    }
    let Some(obj) = schema.as_object() else {
        return;
    };
    if let Some(Value::String(r)) = obj.get("$ref") {
        if let Some(alvo) = r.strip_prefix('#').and_then(|p| raiz.pointer(p)) {
            propriedades(raiz, alvo, saida, nivel + 1);
        }
    }
    if let Some(Value::Object(props)) = obj.get("properties") {
        for k in props.keys() {
            if !saida.contains(k) {
                saida.push(k.clone());
            }
        }
    }
    for chave in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(ramos)) = obj.get(chave) {
            for r in ramos {
                propriedades(raiz, r, saida, nivel + 1);
            }
        }
    }
}

/// Whether an object answer with the top-level `chaves` is recognised as an answer whose type
/// models `campos` (decision D11): when the type models named fields, at least one of them
/// must be there. An object none of whose fields the contract knows (all renamed, or none
/// at all) is never read as a success with empty data.
pub fn reconhecida(chaves: &[String], campos: &[String]) -> bool {
    campos.is_empty() || chaves.iter().any(|k| campos.contains(k))
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
            &*campos_modelados::<Resposta>(),
            ["codigo_retorno", "idEstoque"]
        );
        assert!(campos_modelados::<Vec<Resposta>>().is_empty());
        assert!(campos_modelados::<Value>().is_empty());
        // Cached: the same list.
        assert!(Arc::ptr_eq(
            &campos_modelados::<Resposta>(),
            &campos_modelados::<Resposta>()
        ));
    }

    #[test]
    fn reconhecimento() {
        let campos = campos_modelados::<Resposta>();
        let k = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(reconhecida(&k(&["idEstoque", "novo"]), &campos));
        assert!(!reconhecida(&k(&["codigoRetorno", "id_estoque"]), &campos));
        assert!(!reconhecida(&[], &campos));
        assert!(reconhecida(&k(&["x"]), &[]));
    }
}
