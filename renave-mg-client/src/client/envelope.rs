//! The interpretation of an answer: HTTP errors, the CET-MG envelope (`codigo_retorno`) and the
//! decoding of the expected type.

use std::borrow::Cow;
use std::sync::OnceLock;
use std::time::SystemTime;

use renave_http::contrato::{self, ContratoAtivo, ContratoEnvelope};
use renave_http::decodificacao::{self, Captado, Forma};
use renave_http::{BodySnippet, HttpResponse, Idempotency};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::ClienteCetMg;
use super::gateway::erro_gateway;
use crate::erro::Erro;
use crate::operacoes::dae::MARCA_NAO_RECONHECIDA;
use crate::sigilo;

/// The envelope fields read while an answer is decoded (one pass, see
/// [`renave_http::decodificacao`]): the return code first, then the messages by preference.
pub(crate) const CAMPOS_ENVELOPE: [&str; 4] =
    ["codigo_retorno", "mensagem_retorno", "mensagem", "message"];

/// The return code meaning success (R §6.1.3).
pub(crate) const CODIGO_SUCESSO: &str = "000";

/// The CET-MG envelope as the active contract names it (decision D11): **the one accessor**
/// every reader of the envelope uses — the success path, a business refusal, an error status,
/// the `gerar-token` answer and [`RespostaBruta::codigo_retorno`](super::RespostaBruta::codigo_retorno).
/// Its names are those of a body read through [`corpo_lido`] (the override's names given the
/// SDK's back, [`ContratoAtivo::envelope_resposta`]), and its success code the contract's.
pub(crate) fn nomes_envelope(contrato: &ContratoAtivo) -> &ContratoEnvelope {
    static PADRAO: OnceLock<ContratoEnvelope> = OnceLock::new();
    contrato.envelope_resposta().unwrap_or_else(|| {
        PADRAO.get_or_init(|| {
            let [codigo, mensagens @ ..] = CAMPOS_ENVELOPE;
            ContratoEnvelope::new(codigo, &mensagens, CODIGO_SUCESSO)
        })
    })
}

/// The envelope fields an answer is read for, under the active contract: `captar`, what the
/// decoder notes (the return code, then the messages, as [`nomes_envelope`] names them), and
/// `ignorar`, what the divergence accounting leaves out (the envelope's fields under both the
/// contract's and the default names). The default names are borrowed, never copied (the common
/// case: no override, or an envelope that names the default fields, as the default contract's
/// does).
fn campos_do_envelope(contrato: &ContratoAtivo) -> (Cow<'_, [&str]>, Cow<'_, [&str]>) {
    match contrato.envelope_resposta() {
        Some(e)
            if !(std::iter::once(&e.codigo)
                .chain(&e.mensagens)
                .map(String::as_str)
                .eq(CAMPOS_ENVELOPE)) =>
        {
            let captar: Vec<&str> = std::iter::once(e.codigo.as_str())
                .chain(e.mensagens.iter().map(String::as_str))
                .collect();
            let mut ignorar = captar.clone();
            ignorar.extend(CAMPOS_ENVELOPE);
            (captar.into(), ignorar.into())
        }
        _ => (
            Cow::Borrowed(&CAMPOS_ENVELOPE[..]),
            Cow::Borrowed(&CAMPOS_ENVELOPE[..]),
        ),
    }
}

/// An answer body of `operacao` as the envelope is read from it ([`nomes_envelope`]): with the
/// fields the contract renames given the SDK's names back (a field spelt with the SDK's name
/// where the contract renames it is not that field,
/// [`FORA_DO_CONTRATO`](renave_http::contrato::FORA_DO_CONTRATO)); the bytes as they are when
/// nothing is renamed.
pub(crate) fn corpo_lido<'c>(
    contrato: &ContratoAtivo,
    operacao: &str,
    corpo: &'c [u8],
) -> Cow<'c, [u8]> {
    contrato
        .renomear_resposta(operacao, corpo)
        .map_or(Cow::Borrowed(corpo), Cow::Owned)
}

/// The return code's name on the wire under the active contract, for messages.
fn nome_codigo(contrato: &ContratoAtivo) -> &str {
    contrato
        .envelope()
        .map_or(CAMPOS_ENVELOPE[0], |e| e.codigo.as_str())
}

impl ClienteCetMg {
    /// Interprets an answer: HTTP errors, the WSO2 gateway's errors, the CET-MG envelope
    /// (`codigo_retorno` `"000"` = success) and the decoding of `T`, for an operation whose
    /// answer carries the envelope.
    pub(super) fn decodificar<T: DeserializeOwned + JsonSchema + 'static>(
        &self,
        operacao: &str,
        idempotencia: Idempotency,
        resp: &HttpResponse,
    ) -> Result<T, Erro> {
        let envelope = !sem_envelope(operacao);
        let campos = contrato::campos_da_resposta::<T>();
        self.decodificar_com(
            operacao,
            idempotencia,
            resp,
            envelope,
            (&campos.modelados, &campos.obrigatorios),
        )
    }

    /// [`decodificar`](Self::decodificar), saying whether the answer must carry the envelope
    /// (`envelope`; `gerar-token`'s does not) and the top-level fields the answer type models
    /// and requires (`(campos, obrigatorios)`, for the divergence counters). Fail closed
    /// (decision D11): a 2xx answer is a success only when its return code (under the
    /// contract's name, [`nomes_envelope`]) is the contract's success code (`"000"`), or, where no envelope is expected, when it has none and at
    /// least one field the answer type models; any other answer (the envelope missing, no
    /// modelled field, an empty body, a body that is not JSON) is
    /// [`Erro::RespostaNaoReconhecida`]. A bare JSON array is a list answer, which has no room
    /// for an envelope: it is decoded as the list it is (and refused by any other answer
    /// type). The body is decoded once, straight into `T`; the envelope is read on the way.
    pub(super) fn decodificar_com<T: DeserializeOwned>(
        &self,
        operacao: &str,
        idempotencia: Idempotency,
        resp: &HttpResponse,
        envelope: bool,
        (campos, obrigatorios): (&[String], &[String]),
    ) -> Result<T, Erro> {
        if !resp.is_success() {
            return Err(self.erro_de_resposta(operacao, idempotencia, resp));
        }
        let corpo = resp.body();
        if corpo.iter().all(u8::is_ascii_whitespace) {
            return Err(self.nao_reconhecida(
                operacao,
                idempotencia,
                resp,
                "the body is empty where an answer is expected".into(),
            ));
        }
        // The envelope's names from the contract (decision D11, [`nomes_envelope`]); an answer
        // whose fields an override renames is given the SDK's names first (only then:
        // otherwise the bytes are decoded as they are, in one pass).
        let contrato = &self.interno.contrato;
        let nomes = nomes_envelope(contrato);
        let (captar, ignorar) = campos_do_envelope(contrato);
        let sucesso = nomes.sucesso.as_str();
        let corpo = corpo_lido(contrato, operacao, corpo);
        let corpo = corpo.as_ref();
        let decodificado = match decodificacao::decodificar::<T>(corpo, &captar) {
            Ok(d) => d,
            Err(e) if e.is_syntax() || e.is_eof() => {
                return Err(self.nao_reconhecida(
                    operacao,
                    idempotencia,
                    resp,
                    "the body is not JSON".into(),
                ));
            }
            Err(e) => {
                return Err(self.erro_de_forma(
                    operacao,
                    idempotencia,
                    resp,
                    envelope,
                    (campos, obrigatorios),
                    &e,
                ));
            }
        };
        if decodificado.forma == Forma::Objeto {
            // Nothing is copied when the answer is the contract's, nor when it differs as
            // answers already did (`Divergencias::registrar`).
            contrato.divergencias().registrar(
                operacao,
                &decodificado.chaves,
                campos,
                obrigatorios,
                &ignorar,
            );
        }
        let [codigo, mensagens @ ..] = decodificado.captados.as_slice() else {
            unreachable!("one value per envelope field")
        };
        match ler_captado(codigo.as_ref()) {
            Err(tipo) => Err(self.codigo_nao_entendido(operacao, resp, tipo)),
            Ok(Some(codigo)) if codigo != sucesso => Err(Erro::Negocio {
                operacao: operacao.into(),
                status: resp.status(),
                codigo_retorno: sigilo::ocultar(codigo.into_owned()),
                mensagem: mensagens
                    .iter()
                    .find_map(|m| match m {
                        Some(Captado::Texto(t)) => Some(t.trim().to_owned()),
                        Some(Captado::Inteiro(n)) => Some(n.to_string()),
                        _ => None,
                    })
                    .filter(|m| !m.is_empty())
                    .map(sigilo::ocultar),
                tentativas: resp.attempts(),
            }),
            Ok(Some(_)) => Ok(decodificado.valor),
            Ok(None) if decodificado.forma == Forma::Lista => Ok(decodificado.valor),
            Ok(None)
                if !envelope
                    && (decodificado.forma != Forma::Objeto
                        || decodificacao::reconhecida(&decodificado.chaves, campos)) =>
            {
                Ok(decodificado.valor)
            }
            Ok(None) if !envelope => Err(self.nao_reconhecida(
                operacao,
                idempotencia,
                resp,
                sem_campo_modelado(&decodificado.chaves),
            )),
            Ok(None) => Err(self.nao_reconhecida(
                operacao,
                idempotencia,
                resp,
                sem_codigo(nome_codigo(contrato), &decodificado.chaves),
            )),
        }
    }

    /// A 2xx answer not recognised as the contract's ([`Erro::RespostaNaoReconhecida`]).
    fn nao_reconhecida(
        &self,
        operacao: &str,
        idempotencia: Idempotency,
        resp: &HttpResponse,
        motivo: String,
    ) -> Erro {
        Erro::RespostaNaoReconhecida {
            operacao: operacao.into(),
            status: resp.status(),
            motivo,
            trecho: self.trecho(resp),
            resultado_incerto: idempotencia == Idempotency::StateChanging,
        }
    }

    /// A `codigo_retorno` the SDK cannot read (a boolean, a negative or fractional number, an
    /// array, an object): not "no code", and never a success.
    fn codigo_nao_entendido(&self, operacao: &str, resp: &HttpResponse, tipo: &str) -> Erro {
        Erro::RespostaInvalida {
            operacao: operacao.into(),
            status: resp.status(),
            motivo: format!(
                "the return code `{}` is not understood ({tipo}, not a text or a non-negative \
                 integer)",
                nome_codigo(&self.interno.contrato)
            ),
            trecho: self.trecho(resp),
            fonte: None,
        }
    }

    /// A JSON body that is not the shape of the answer type. Only on this (error) path is the
    /// body read a second time, for its envelope (under the contract's names,
    /// [`nomes_envelope`]) and its keys (for the divergence counters: a required field absent
    /// is one): a refusal (a return code other than the success code) or an unreadable code is
    /// reported as such, and a body without the envelope where one is expected, or one whose
    /// answer type found nothing it reads in it ([`MARCA_NAO_RECONHECIDA`]), as not
    /// recognised.
    fn erro_de_forma(
        &self,
        operacao: &str,
        idempotencia: Idempotency,
        resp: &HttpResponse,
        envelope: bool,
        (campos, obrigatorios): (&[String], &[String]),
        e: &serde_json::Error,
    ) -> Erro {
        let contrato = &self.interno.contrato;
        let nomes = nomes_envelope(contrato);
        let valor: Value = serde_json::from_slice(&corpo_lido(contrato, operacao, resp.body()))
            .unwrap_or(Value::Null);
        if let Value::Object(mapa) = &valor {
            let chaves: Vec<&String> = mapa.keys().collect();
            let (_, ignorar) = campos_do_envelope(contrato);
            contrato
                .divergencias()
                .registrar(operacao, &chaves, campos, obrigatorios, &ignorar);
        }
        match ler_codigo_retorno(&valor, nomes) {
            Err(tipo) => return self.codigo_nao_entendido(operacao, resp, tipo),
            Ok(Some(codigo)) if codigo != nomes.sucesso => {
                return Erro::Negocio {
                    operacao: operacao.into(),
                    status: resp.status(),
                    codigo_retorno: sigilo::ocultar(codigo),
                    mensagem: mensagem_de(&valor, nomes).map(sigilo::ocultar),
                    tentativas: resp.attempts(),
                };
            }
            _ if e.to_string().starts_with(MARCA_NAO_RECONHECIDA) => {
                let motivo = e.to_string();
                let motivo = motivo
                    .strip_prefix(MARCA_NAO_RECONHECIDA)
                    .unwrap_or(&motivo);
                return self.nao_reconhecida(operacao, idempotencia, resp, motivo.to_owned());
            }
            Ok(None) if envelope => {
                if let Value::Object(mapa) = &valor {
                    let chaves: Vec<String> = mapa.keys().cloned().collect();
                    return self.nao_reconhecida(
                        operacao,
                        idempotencia,
                        resp,
                        sem_codigo(nome_codigo(contrato), &chaves),
                    );
                }
            }
            Ok(_) => {}
        }
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
        // The envelope of an error status under the contract's names ([`nomes_envelope`]).
        let contrato = &self.interno.contrato;
        let nomes = nomes_envelope(contrato);
        let lido = match corpo_lido(contrato, operacao, resp.body()) {
            Cow::Borrowed(_) => valor,
            Cow::Owned(renomeado) => serde_json::from_slice(&renomeado).ok(),
        };
        Erro::Http {
            operacao: operacao.into(),
            status,
            codigo_retorno: lido
                .as_ref()
                .and_then(|v| codigo_retorno_de(v, nomes))
                .map(sigilo::ocultar),
            mensagem: lido
                .as_ref()
                .and_then(|v| mensagem_de(v, nomes))
                .map(sigilo::ocultar),
            tentativas,
            retry_after,
            trecho: self.trecho(resp),
            resultado_incerto,
        }
    }
}

/// The operations whose success answer carries no `codigo_retorno` envelope: the Protocolo
/// Digital's (R §7.1–§7.5 name a "Mensagem" and their own fields, never `codigo_retorno`;
/// `cetmg-api.md` §2). A refusal with a code other than `"000"` is still a refusal.
pub(crate) fn sem_envelope(operacao: &str) -> bool {
    use crate::operacoes::protocolo_digital as pd;
    [
        &pd::CRIAR_PROCESSO_TRANSFERENCIA,
        &pd::RECUPERAR_PROTOCOLO_RENAVE,
        &pd::REGULARIZAR_PENDENCIA_RENAVE,
        &pd::UPLOAD_DOCUMENTO_FICHA_CADASTRO,
        &pd::LISTAR_VEICULOS_COMUNICACAO_VENDA,
    ]
    .iter()
    .any(|e| e.name == operacao)
}

/// The reason of an answer without its return code (`nome`: its name on the wire).
fn sem_codigo<S: AsRef<str>>(nome: &str, chaves: &[S]) -> String {
    sigilo::ocultar(format!(
        "no return code `{nome}` in the answer (fields received: {})",
        renave_http::decodificacao::nomes_recebidos(chaves)
    ))
}

/// The reason of an answer without any field its type models.
fn sem_campo_modelado<S: AsRef<str>>(chaves: &[S]) -> String {
    sigilo::ocultar(format!(
        "no field of the answer is one the contract models (fields received: {})",
        renave_http::decodificacao::nomes_recebidos(chaves)
    ))
}

/// A captured envelope field as `codigo_retorno` is read: `Ok(None)` when absent or `null`,
/// the trimmed text of a string, a non-negative integer padded to three digits; any other
/// JSON value is `Err` with its JSON type.
fn ler_captado<'a>(c: Option<&'a Captado<'_>>) -> Result<Option<Cow<'a, str>>, &'static str> {
    match c {
        None | Some(Captado::Nulo) => Ok(None),
        Some(Captado::Texto(s)) => Ok(Some(Cow::Borrowed(s.trim()))),
        Some(Captado::Inteiro(n)) => Ok(Some(Cow::Owned(format!("{n:03}")))),
        Some(Captado::Outro("a negative number" | "a fractional number")) => {
            Err("a negative or fractional number")
        }
        Some(Captado::Outro(tipo)) => Err(tipo),
        Some(_) => Err("an unknown value"),
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

/// The return code of a body (string, or number padded to three digits), under the names
/// `nomes` ([`nomes_envelope`]).
pub(crate) fn codigo_retorno_de(v: &Value, nomes: &ContratoEnvelope) -> Option<String> {
    ler_codigo_retorno(v, nomes).ok().flatten()
}

/// The return code of a body, under the names `nomes` ([`nomes_envelope`]): `Ok(None)` when
/// absent or `null`, the trimmed text of a string, a non-negative integer padded to three
/// digits; any other JSON value (a boolean, a negative or fractional number, an array, an
/// object) is `Err` with its JSON type.
pub(super) fn ler_codigo_retorno(
    v: &Value,
    nomes: &ContratoEnvelope,
) -> Result<Option<String>, &'static str> {
    match v.get(&nomes.codigo) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
        Some(Value::Number(n)) => n
            .as_u64()
            .map(|n| Some(format!("{n:03}")))
            .ok_or("a negative or fractional number"),
        Some(outro) => Err(crate::operacoes::tipo_json(outro)),
    }
}

/// The first non-empty message of a body, by the preference of `nomes` (by default
/// `mensagem_retorno`, else `mensagem`, else `message`).
pub(super) fn mensagem_de(v: &Value, nomes: &ContratoEnvelope) -> Option<String> {
    nomes
        .mensagens
        .iter()
        .find_map(|k| v.get(k).and_then(texto_de))
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn padrao() -> &'static ContratoEnvelope {
        static ATIVO: OnceLock<ContratoAtivo> = OnceLock::new();
        nomes_envelope(ATIVO.get_or_init(ContratoAtivo::default))
    }

    fn codigo_retorno_de(v: &Value) -> Option<String> {
        super::codigo_retorno_de(v, padrao())
    }

    fn mensagem_de(v: &Value) -> Option<String> {
        super::mensagem_de(v, padrao())
    }

    #[test]
    fn nomes_do_contrato() {
        let nomes = ContratoEnvelope::new("codigoRetorno", &["mensagemRetorno"], "0");
        let v = json!({"codigoRetorno": 7, "mensagemRetorno": "m", "codigo_retorno": "000"});
        assert_eq!(super::codigo_retorno_de(&v, &nomes).as_deref(), Some("007"));
        assert_eq!(super::mensagem_de(&v, &nomes).as_deref(), Some("m"));
        assert_eq!(
            super::codigo_retorno_de(&json!({"codigo_retorno": "000"}), &nomes),
            None
        );
    }

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
