//! The WSO2 gateway's own error bodies (PRODEMGE API gateway).

use serde_json::Value;

use super::envelope::texto_de;

/// Recognises a WSO2 gateway error body: `{"code": "900901"|900901, "message", "description"}`
/// or the older `{"fault": {"code", "message", "description"}}`. Codes: `9009xx`
/// authentication/authorisation, `9008xx` throttling, and the gateway's own transport errors
/// `101xxx`/`303xxx` (e.g. `101504` send timeout, `303001` endpoint suspended) — six digits.
pub(super) fn erro_gateway(v: &Value) -> Option<(Option<String>, Option<String>, Option<String>)> {
    let (obj, fault) = match v.get("fault") {
        Some(f @ Value::Object(_)) => (f, true),
        _ => (v, false),
    };
    let codigo = obj.get("code").and_then(texto_de);
    let de_gateway = fault
        || codigo.as_deref().is_some_and(|c| {
            c.len() == 6
                && c.bytes().all(|b| b.is_ascii_digit())
                && ["90", "101", "303"].iter().any(|p| c.starts_with(p))
        });
    if !de_gateway {
        return None;
    }
    let campo = |k: &str| obj.get(k).and_then(texto_de).filter(|s| !s.is_empty());
    Some((codigo, campo("message"), campo("description")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;
    use serde_json::json;

    #[test]
    fn corpos_do_gateway_reconhecidos() {
        let (c, m, d) = erro_gateway(
            &json!({"code": "900901", "message": "Invalid Credentials", "description": "d"}),
        )
        .unwrap();
        assert_eq!(
            (c.as_deref(), m.as_deref(), d.as_deref()),
            (Some("900901"), Some("Invalid Credentials"), Some("d"))
        );
        let (c, _, _) =
            erro_gateway(&json!({"fault": {"code": 900_908, "message": "Resource forbidden"}}))
                .unwrap();
        assert_eq!(c.as_deref(), Some("900908"));
        assert!(erro_gateway(&json!({"code": "404", "message": "x"})).is_none());
        assert!(
            erro_gateway(
                &json!({"code": 101_504, "message": "Runtime Error", "description": "Send timeout"})
            )
            .is_some()
        );
        assert!(erro_gateway(&json!({"code": "123456"})).is_none());
        assert!(erro_gateway(&json!({"codigo_retorno": "400"})).is_none());
    }
}
