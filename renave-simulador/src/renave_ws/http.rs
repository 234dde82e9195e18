//! Request reading and answer building shared by the operations: field readers that answer
//! the realistic 400 messages of `renave-ws.md` §2, and the SERPRO error body.

use jiff::civil::{DateTime, Time};
use renave_domain::{Data, DataHora, ErroDominio};
use serde_json::{Map, Value};

use super::estado::{Estado, somar};

/// The body of an answer.
#[derive(Debug, Clone)]
pub(crate) enum Corpo {
    /// No body.
    Vazio,
    /// A JSON document.
    Json(Value),
    /// Another text (an HTML gateway page).
    Texto(String, &'static str),
}

/// One simulated HTTP answer.
#[derive(Debug, Clone)]
pub(crate) struct Resposta {
    pub(crate) status: u16,
    pub(crate) corpo: Corpo,
    pub(crate) cabecalhos: Vec<(&'static str, String)>,
}

/// What every operation returns: `Err` holds the error answer, so `?` works.
pub(crate) type Res = Result<Resposta, Resposta>;

pub(crate) fn json(status: u16, v: Value) -> Resposta {
    Resposta {
        status,
        corpo: Corpo::Json(v),
        cabecalhos: Vec::new(),
    }
}

pub(crate) fn vazio(status: u16) -> Resposta {
    Resposta {
        status,
        corpo: Corpo::Vazio,
        cabecalhos: Vec::new(),
    }
}

fn titulo(status: u16) -> &'static str {
    match status {
        400 => "Requisição inválida",
        401 => "Não autorizado",
        403 => "Proibido",
        404 => "Não encontrado",
        405 => "Método não suportado",
        422 => "Erro de negócio",
        429 => "Muitas requisições",
        _ => "Erro no servidor",
    }
}

/// A SERPRO error answer (`titulo`, `detalhe`, `mensagemParaUsuarioFinal`, `dataHora`).
pub(crate) fn erro(e: &Estado, status: u16, mensagem: &str) -> Resposta {
    let usuario = matches!(status, 400 | 422).then_some(mensagem);
    json(
        status,
        Value::Object(e.corpo_erro(titulo(status), mensagem, usuario)),
    )
}

/// A 500 with `logIdRastreabilidade`.
pub(crate) fn erro_500(e: &mut Estado) -> Resposta {
    let log = format!("{}-{}", e.digitos(8), e.digitos(12));
    let mut m = e.corpo_erro(
        titulo(500),
        "Ocorreu um erro inesperado no processamento da requisição.",
        None,
    );
    m.insert("logIdRastreabilidade".into(), Value::from(log));
    json(500, Value::Object(m))
}

pub(crate) fn e400(e: &Estado, m: &str) -> Resposta {
    erro(e, 400, m)
}
pub(crate) fn e404(e: &Estado, m: &str) -> Resposta {
    erro(e, 404, m)
}
pub(crate) fn e422(e: &Estado, m: &str) -> Resposta {
    erro(e, 422, m)
}

/// A JSON object reader over a request body or a nested object.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Campos<'a>(pub(crate) &'a Map<String, Value>);

static VAZIO: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

impl<'a> Campos<'a> {
    pub(crate) fn vazio() -> Campos<'static> {
        Campos(&VAZIO)
    }

    /// A non-blank string (numbers are accepted and rendered).
    pub(crate) fn texto(self, campo: &str) -> Option<String> {
        match self.0.get(campo)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    pub(crate) fn exigir(
        self,
        e: &Estado,
        campo: &str,
        mensagem: &str,
    ) -> Result<String, Resposta> {
        self.texto(campo).ok_or_else(|| e400(e, mensagem))
    }

    pub(crate) fn objeto(self, campo: &str) -> Option<Campos<'a>> {
        match self.0.get(campo) {
            Some(Value::Object(m)) => Some(Campos(m)),
            _ => None,
        }
    }

    pub(crate) fn exigir_objeto(
        self,
        e: &Estado,
        campo: &str,
        mensagem: &str,
    ) -> Result<Campos<'a>, Resposta> {
        self.objeto(campo).ok_or_else(|| e400(e, mensagem))
    }

    /// A number (JSON number or numeric string).
    pub(crate) fn numero(self, campo: &str) -> Option<f64> {
        match self.0.get(campo)? {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().replace(',', ".").parse().ok(),
            _ => None,
        }
    }

    pub(crate) fn exigir_numero(
        self,
        e: &Estado,
        campo: &str,
        mensagem: &str,
    ) -> Result<f64, Resposta> {
        match self.0.get(campo) {
            None | Some(Value::Null) => Err(e400(e, mensagem)),
            Some(_) => self
                .numero(campo)
                .filter(|n| n.is_finite() && *n >= 0.0)
                .ok_or_else(|| e400(e, &format!("Valor inválido para o campo {campo}"))),
        }
    }

    pub(crate) fn exigir_inteiro(
        self,
        e: &Estado,
        campo: &str,
        mensagem: &str,
    ) -> Result<i64, Resposta> {
        match self.0.get(campo) {
            None | Some(Value::Null) => Err(e400(e, mensagem)),
            Some(Value::Number(n)) => n
                .as_i64()
                .ok_or_else(|| e400(e, &format!("Valor inválido para o campo {campo}"))),
            Some(Value::String(s)) if s.trim().is_empty() => Err(e400(e, mensagem)),
            Some(Value::String(s)) => s
                .trim()
                .parse()
                .map_err(|_| e400(e, &format!("Valor inválido para o campo {campo}"))),
            Some(_) => Err(e400(e, &format!("Valor inválido para o campo {campo}"))),
        }
    }

    pub(crate) fn booleano(self, campo: &str) -> Option<bool> {
        match self.0.get(campo)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A date (`YYYY-MM-DD`) or naive date-time; `Z` and offsets are refused like the real
    /// service's parser; a value too far in the future is a business error (§1.3, §7.7).
    pub(crate) fn exigir_data(
        self,
        e: &Estado,
        campo: &str,
        mensagem: &str,
    ) -> Result<DateTime, Resposta> {
        let s = self.exigir(e, campo, mensagem)?;
        let dt = ler_data(&s).map_err(|_| {
            e400(
                e,
                &format!(
                    "Formato de data inválido no campo {campo}: use AAAA-MM-DD ou AAAA-MM-DDTHH:MM:SS (horário de Brasília, sem fuso)"
                ),
            )
        })?;
        let limite = somar(e.agora(), std::time::Duration::from_secs(15 * 60));
        if dt > limite {
            return Err(e422(
                e,
                &format!("O campo {campo} não pode conter data/hora futura"),
            ));
        }
        Ok(dt)
    }
}

/// Reads `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS[.f]`.
pub(crate) fn ler_data(s: &str) -> Result<DateTime, ErroDominio> {
    if s.len() <= 10 {
        let d: Data = s.parse()?;
        Ok(d.as_jiff().to_datetime(Time::midnight()))
    } else {
        let d: DataHora = s.parse()?;
        Ok(d.as_jiff())
    }
}

/// Validates a value with a `renave-domain` parser, answering 400 with `mensagem`.
pub(crate) fn validar<T>(
    e: &Estado,
    valor: &str,
    parse: impl FnOnce(&str) -> Result<T, ErroDominio>,
    mensagem: &str,
) -> Result<T, Resposta> {
    parse(valor).map_err(|_| e400(e, mensagem))
}
