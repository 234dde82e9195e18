//! The interpretation of an answer: HTTP errors, the CET-MG envelope (`codigo_retorno`) and the
//! decoding of the expected type.

use std::time::SystemTime;

use renave_http::{BodySnippet, HttpResponse, Idempotency};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::ClienteCetMg;
use super::gateway::erro_gateway;
use crate::erro::Erro;
use crate::sigilo;

impl ClienteCetMg {
    /// Interprets an answer: HTTP errors, the WSO2 gateway's errors, the CET-MG envelope
    /// (`codigo_retorno` `"000"` = success) and the decoding of `T`.
    pub(super) fn decodificar<T: DeserializeOwned>(
        &self,
        operacao: &str,
        idempotencia: Idempotency,
        resp: &HttpResponse,
    ) -> Result<T, Erro> {
        if !resp.is_success() {
            return Err(self.erro_de_resposta(operacao, idempotencia, resp));
        }
        let corpo = resp.body();
        let valor: Value = if corpo.iter().all(u8::is_ascii_whitespace) {
            Value::Object(serde_json::Map::new())
        } else {
            serde_json::from_slice(corpo).map_err(|e| Erro::RespostaInvalida {
                operacao: operacao.into(),
                status: resp.status(),
                motivo: "the body is not JSON".into(),
                trecho: self.trecho(resp),
                fonte: Some(Box::new(e)),
            })?
        };
        // Fail closed: a code the SDK cannot read (a boolean, a negative or fractional number,
        // an array, an object) is not "no code" and never a success.
        let codigo = ler_codigo_retorno(&valor).map_err(|tipo| Erro::RespostaInvalida {
            operacao: operacao.into(),
            status: resp.status(),
            motivo: format!(
                "codigo_retorno is not understood ({tipo}, not a text or a non-negative integer)"
            ),
            trecho: self.trecho(resp),
            fonte: None,
        })?;
        if let Some(codigo) = codigo {
            if codigo != "000" {
                return Err(Erro::Negocio {
                    operacao: operacao.into(),
                    status: resp.status(),
                    codigo_retorno: sigilo::ocultar(codigo),
                    mensagem: mensagem_de(&valor).map(sigilo::ocultar),
                    tentativas: resp.attempts(),
                });
            }
        }
        serde_json::from_value(valor).map_err(|e| {
            // serde quotes the value it refused (`invalid type: string "…"`): masked, and kept
            // as text rather than as the serde error itself.
            let causa = sigilo::ocultar(e.to_string());
            Erro::RespostaInvalida {
                operacao: operacao.into(),
                status: resp.status(),
                motivo: "the body is not the expected shape".into(),
                trecho: self.trecho(resp),
                fonte: Some(Box::new(sigilo::MensagemOculta(causa))),
            }
        })
    }

    pub(super) fn trecho(&self, resp: &HttpResponse) -> BodySnippet {
        sigilo::trecho(resp.body(), self.interno.core.config().error_snippet_bytes)
    }

    /// The error of a non-2xx answer: the gateway's own body, the CET-MG envelope, or any other
    /// body (HTML…) kept as a snippet (decision D7).
    pub(super) fn erro_de_resposta(
        &self,
        operacao: &str,
        idempotencia: Idempotency,
        resp: &HttpResponse,
    ) -> Erro {
        let status = resp.status();
        // D6: after any 5xx but 503 a state-changing request may have executed (the one rule,
        // shared with Renave-WS).
        let resultado_incerto = renave_http::retry::outcome_unknown(idempotencia, status);
        let tentativas = resp.attempts();
        let retry_after = resp
            .header("retry-after")
            .and_then(|v| renave_http::retry::parse_retry_after(v, SystemTime::now()));
        let valor: Option<Value> = serde_json::from_slice(resp.body()).ok();
        if let Some(v) = &valor {
            if let Some((codigo, mensagem, descricao)) = erro_gateway(v) {
                return Erro::Gateway {
                    operacao: operacao.into(),
                    status,
                    codigo: codigo.map(sigilo::ocultar),
                    mensagem: mensagem.map(sigilo::ocultar),
                    descricao: descricao.map(sigilo::ocultar),
                    tentativas,
                    retry_after,
                    resultado_incerto,
                };
            }
        }
        Erro::Http {
            operacao: operacao.into(),
            status,
            codigo_retorno: valor
                .as_ref()
                .and_then(codigo_retorno_de)
                .map(sigilo::ocultar),
            mensagem: valor.as_ref().and_then(mensagem_de).map(sigilo::ocultar),
            tentativas,
            retry_after,
            trecho: self.trecho(resp),
            resultado_incerto,
        }
    }
}

/// A JSON scalar as text (`"000"` or `0` → `"000"` for `codigo_retorno`).
pub(super) fn texto_de(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `codigo_retorno` of a body (string, or number padded to three digits).
pub(crate) fn codigo_retorno_de(v: &Value) -> Option<String> {
    ler_codigo_retorno(v).ok().flatten()
}

/// `codigo_retorno` of a body: `Ok(None)` when absent or `null`, the trimmed text of a string,
/// a non-negative integer padded to three digits; any other JSON value (a boolean, a negative
/// or fractional number, an array, an object) is `Err` with its JSON type.
pub(super) fn ler_codigo_retorno(v: &Value) -> Result<Option<String>, &'static str> {
    match v.get("codigo_retorno") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
        Some(Value::Number(n)) => n
            .as_u64()
            .map(|n| Some(format!("{n:03}")))
            .ok_or("a negative or fractional number"),
        Some(outro) => Err(crate::operacoes::tipo_json(outro)),
    }
}

/// `mensagem_retorno`, else `mensagem`, else `message` of a body.
pub(super) fn mensagem_de(v: &Value) -> Option<String> {
    ["mensagem_retorno", "mensagem", "message"]
        .iter()
        .find_map(|k| v.get(*k).and_then(texto_de))
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn codigo_retorno_em_texto_ou_numero() {
        assert_eq!(
            codigo_retorno_de(&json!({"codigo_retorno": "000"})).as_deref(),
            Some("000")
        );
        assert_eq!(
            codigo_retorno_de(&json!({"codigo_retorno": 0})).as_deref(),
            Some("000")
        );
        assert_eq!(
            codigo_retorno_de(&json!({"codigo_retorno": 42})).as_deref(),
            Some("042")
        );
        assert_eq!(
            codigo_retorno_de(&json!({"codigo_retorno": " 101 "})).as_deref(),
            Some("101")
        );
        assert_eq!(codigo_retorno_de(&json!({"x": 1})), None);
        assert_eq!(codigo_retorno_de(&json!([1])), None);
    }

    #[test]
    fn mensagem_preferida() {
        assert_eq!(
            mensagem_de(&json!({"mensagem_retorno": "a", "mensagem": "b"})).as_deref(),
            Some("a")
        );
        assert_eq!(mensagem_de(&json!({"mensagem": "b"})).as_deref(), Some("b"));
        assert_eq!(mensagem_de(&json!({"mensagem": ""})), None);
    }

    fn json_arbitrario() -> impl Strategy<Value = Value> {
        let folha = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| json!(n)),
            any::<f64>().prop_map(|f| json!(f)),
            ".{0,12}".prop_map(Value::String),
        ];
        folha.prop_recursive(3, 24, 6, |interno| {
            prop_oneof![
                prop::collection::vec(interno.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(
                    prop_oneof![
                        Just("codigo_retorno".to_owned()),
                        Just("code".to_owned()),
                        Just("fault".to_owned()),
                        Just("mensagem".to_owned()),
                        Just("access_token".to_owned()),
                        Just("expires_in".to_owned()),
                        Just("dados".to_owned()),
                        "[a-z_]{1,8}",
                    ],
                    interno,
                    0..5
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn interpretacao_nunca_entra_em_panico(v in json_arbitrario()) {
            let _ = codigo_retorno_de(&v);
            let _ = mensagem_de(&v);
            let _ = erro_gateway(&v);
            let _ = crate::token::ler_resposta_token(&v, SystemTime::now());
            let _ = serde_json::from_value::<crate::operacoes::Lista<Value>>(v.clone());
            let _ = serde_json::from_value::<crate::operacoes::dae::RespostaEmitirGuiaDae>(v.clone());
            let _ = serde_json::from_value::<crate::operacoes::estoque::RespostaAptidaoVeiculoEstoque>(v.clone());
            let _ = serde_json::from_value::<crate::operacoes::agenda::DataComVaga>(v);
        }

        #[test]
        fn codigo_retorno_numerico_tem_tres_digitos(n in 0u64..1000) {
            let c = codigo_retorno_de(&json!({"codigo_retorno": n})).unwrap();
            prop_assert_eq!(c.len(), 3);
            prop_assert_eq!(c.parse::<u64>().unwrap(), n);
        }
    }
}
