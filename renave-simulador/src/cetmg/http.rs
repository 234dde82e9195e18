//! The CET-MG simulator's wire helpers: a refusal ([`Falha`]), the answer type, reading a request
//! body or query ([`Corpo`]) with `renave-domain` types, and the gateway's own answers (WSO2
//! bodies, injected failures). The Renave-WS simulator keeps its counterparts in
//! `renave_ws/http.rs`.

use std::str::FromStr;

use renave_domain::ErroDominio;
use serde_json::{Map, Value, json};
use wiremock::Request;
use wiremock::http::Method;

use crate::servidor::RespostaHttp;

/// A refusal: HTTP status, `codigo_retorno` and message (see the table in [`crate::cetmg`]).
#[derive(Debug)]
pub(crate) struct Falha {
    pub(super) status: u16,
    pub(super) codigo: &'static str,
    pub(super) mensagem: String,
}

impl Falha {
    pub(super) fn entrada(mensagem: impl Into<String>) -> Self {
        Self {
            status: 400,
            codigo: "400",
            mensagem: mensagem.into(),
        }
    }
    pub(super) fn nao_encontrado(mensagem: impl Into<String>) -> Self {
        Self {
            status: 404,
            codigo: "404",
            mensagem: mensagem.into(),
        }
    }
    pub(super) fn conflito(mensagem: impl Into<String>) -> Self {
        Self {
            status: 409,
            codigo: "409",
            mensagem: mensagem.into(),
        }
    }
    /// A fault of the simulator itself (HTTP 500), e.g. a payment document it could not build.
    pub(super) fn interna(erro: &ErroDominio) -> Self {
        Self {
            status: 500,
            codigo: "500",
            mensagem: format!("erro interno do simulador: {erro}"),
        }
    }
    pub(super) fn negocio(codigo: &'static str, mensagem: impl Into<String>) -> Self {
        Self {
            status: 200,
            codigo,
            mensagem: mensagem.into(),
        }
    }
}

pub(super) type Resultado = Result<Map<String, Value>, Falha>;

/// Builds a JSON object from `json!({...})`.
pub(super) fn objeto(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

pub(super) fn erro_campo(campo: &str, e: &ErroDominio) -> Falha {
    Falha::entrada(format!("campo `{campo}` inválido: {e}"))
}

/// Parses a path or query parameter with a domain type (400 when it fails).
pub(super) fn parametro<T: FromStr<Err = ErroDominio>>(
    nome: &str,
    valor: &str,
) -> Result<T, Falha> {
    valor.parse::<T>().map_err(|e| erro_campo(nome, &e))
}

/// The JSON body of a POST, as an object.
pub(super) struct Corpo(pub(super) Map<String, Value>);

impl Corpo {
    pub(super) fn de(req: &Request) -> Result<Self, Falha> {
        match serde_json::from_slice::<Value>(&req.body) {
            Ok(Value::Object(m)) => Ok(Self(m)),
            Ok(_) => Err(Falha::entrada(
                "o corpo da requisição deve ser um objeto JSON",
            )),
            Err(e) => Err(Falha::entrada(format!("corpo JSON inválido: {e}"))),
        }
    }

    /// A string or number field as text; `None` when absent, null or blank.
    pub(super) fn bruto(&self, campo: &str) -> Option<String> {
        match self.0.get(campo) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        }
    }

    pub(super) fn texto(&self, campo: &str) -> Result<String, Falha> {
        self.bruto(campo)
            .ok_or_else(|| Falha::entrada(format!("campo obrigatório `{campo}` ausente")))
    }

    pub(super) fn tipado<T: FromStr<Err = ErroDominio>>(&self, campo: &str) -> Result<T, Falha> {
        parametro(campo, &self.texto(campo)?)
    }

    pub(super) fn tipado_opcional<T: FromStr<Err = ErroDominio>>(
        &self,
        campo: &str,
    ) -> Result<Option<T>, Falha> {
        self.bruto(campo).map(|v| parametro(campo, &v)).transpose()
    }

    /// An amount (*valor*) as `renave_domain::Valor` reads it from JSON: a number with at most
    /// two decimals or a decimal string.
    pub(super) fn valor(&self, campo: &str) -> Result<renave_domain::Valor, Falha> {
        let v = self
            .0
            .get(campo)
            .filter(|v| !v.is_null())
            .ok_or_else(|| Falha::entrada(format!("campo obrigatório `{campo}` ausente")))?;
        serde_json::from_value(v.clone())
            .map_err(|e| Falha::entrada(format!("campo `{campo}` inválido: {e}")))
    }

    /// A boolean flag: `true`/`false`, `1`/`0`, `"1"`/`"0"`, `"true"`/`"false"`, `"S"`/`"N"`
    /// (R §7.3: "true (valor 1)"); absent means false.
    pub(super) fn flag(&self, campo: &str) -> Result<bool, Falha> {
        match self.0.get(campo) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::Number(n)) => match n.as_u64() {
                Some(0) => Ok(false),
                Some(1) => Ok(true),
                _ => Err(Falha::entrada(format!("campo `{campo}` deve ser booleano"))),
            },
            Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "s" => Ok(true),
                "0" | "false" | "n" | "" => Ok(false),
                _ => Err(Falha::entrada(format!("campo `{campo}` deve ser booleano"))),
            },
            Some(_) => Err(Falha::entrada(format!("campo `{campo}` deve ser booleano"))),
        }
    }

    /// A list of ids (strings or numbers) — or a single id — as text.
    pub(super) fn ids(&self, campo: &str) -> Vec<String> {
        let um = |v: &Value| match v {
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            Value::Object(o) => o
                .get("codigo_tipo_documento")
                .or_else(|| o.get("documento_id"))
                .or_else(|| o.get("id"))
                .and_then(|x| match x {
                    Value::String(s) => Some(s.trim().to_owned()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                }),
            _ => None,
        };
        match self.0.get(campo) {
            Some(Value::Array(a)) => a.iter().filter_map(um).collect(),
            Some(v) => um(v).into_iter().collect(),
            None => Vec::new(),
        }
    }
}

/// The body of a WSO2 gateway error (`cetmg-api.md` §2).
pub(super) fn corpo_wso2(code: &str, message: &str, description: &str) -> Value {
    json!({"code": code, "message": message, "description": description})
}

/// Query parameters of a GET (or the JSON body of a POST, when a caller overrides the method).
pub(super) fn consulta_ou_corpo(metodo: &Method, req: &Request) -> Result<Corpo, Falha> {
    if *metodo == Method::POST {
        return Corpo::de(req);
    }
    Ok(Corpo(
        req.url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect(),
    ))
}

pub(super) fn nao_ha_recurso() -> RespostaHttp {
    RespostaHttp::json(
        404,
        &corpo_wso2(
            "900906",
            "No matching resource found for given API Request",
            "The requested resource is not available.",
        ),
    )
}

pub(super) fn resposta_falha_injetada(status: u16) -> RespostaHttp {
    if status == 429 {
        let proximo = (jiff::Timestamp::now().as_millisecond()).saturating_add(1000);
        return RespostaHttp::json(
            429,
            &json!({
                "code": "900800",
                "message": "Message throttled out",
                "description": "You have exceeded your quota",
                "nextAccessTime": proximo,
            }),
        )
        .com_cabecalho("Retry-After", "1");
    }
    RespostaHttp::json(
        status,
        &json!({
            "codigo_retorno": "500",
            "mensagem_retorno": format!("falha simulada (HTTP {status})"),
        }),
    )
}
