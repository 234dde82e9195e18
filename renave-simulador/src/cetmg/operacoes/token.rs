//! `gerar-token` (R §5.1, Fig. 57) and the bearer check every other operation passes (decision
//! D4): JWT-shaped tokens with `exp`, at most [`MAXIMO_TOKENS`](crate::cetmg::MAXIMO_TOKENS) kept.

use base64::Engine as _;
use serde_json::json;
use wiremock::Request;

use crate::cetmg::estado::Estado;
use crate::cetmg::http::{Corpo, corpo_wso2};
use crate::servidor::RespostaHttp;

fn agora() -> i64 {
    jiff::Timestamp::now().as_second()
}

fn base64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

impl Estado {
    pub(super) fn autenticar(&self, req: &Request) -> Result<(), Box<RespostaHttp>> {
        let Some(cabecalho) = req.headers.get("authorization") else {
            return Err(Box::new(RespostaHttp::json(
                401,
                &corpo_wso2(
                    "900902",
                    "Missing Credentials",
                    "Make sure your API invocation call has a header: 'Authorization : Bearer ACCESS_TOKEN'",
                ),
            )));
        };
        let token = cabecalho
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim);
        match token.and_then(|t| self.tokens.expiracao(t)) {
            Some(exp) if exp > agora() => Ok(()),
            _ => Err(Box::new(RespostaHttp::json(
                401,
                &corpo_wso2(
                    "900901",
                    "Invalid Credentials",
                    "Invalid Credentials. Make sure you have provided the correct security credentials",
                ),
            ))),
        }
    }

    pub(super) fn gerar_token(&mut self, req: &Request) -> RespostaHttp {
        let corpo = match Corpo::de(req) {
            Ok(c) => c,
            Err(f) => {
                return RespostaHttp::json(
                    400,
                    &json!({"codigo_retorno": f.codigo, "mensagem_retorno": f.mensagem}),
                );
            }
        };
        let (Some(key), Some(secret)) =
            (corpo.bruto("consumer_key"), corpo.bruto("consumer_secret"))
        else {
            return RespostaHttp::json(
                400,
                &json!({
                    "codigo_retorno": "400",
                    "mensagem_retorno": "consumer_key e consumer_secret são obrigatórios",
                }),
            );
        };
        if key != self.consumer_key || secret != self.consumer_secret {
            return RespostaHttp::json(
                401,
                &corpo_wso2(
                    "900901",
                    "Invalid Credentials",
                    "consumer_key/consumer_secret inválidos",
                ),
            );
        }
        let iat = agora();
        let validade = i64::try_from(self.validade_token.as_secs()).unwrap_or(3600);
        let exp = iat.saturating_add(validade);
        let jti = self.proximo();
        let cabecalho = base64url(br#"{"alg":"RS256","typ":"JWT"}"#);
        let carga = base64url(
            json!({
                "sub": key,
                "iss": "https://simulador-cetmg.invalid/oauth2/token",
                "aud": "renave-usados",
                "iat": iat,
                "exp": exp,
                "jti": format!("sim-{jti}"),
            })
            .to_string()
            .as_bytes(),
        );
        let assinatura: Vec<u8> = (0..32).map(|_| self.rng.u8(..)).collect();
        let token = format!("{cabecalho}.{carga}.{}", base64url(&assinatura));
        self.tokens.registrar(token.clone(), exp, iat);
        RespostaHttp::json(
            200,
            &json!({
                "access_token": token,
                "token_type": "Bearer",
                "scope": "default",
                "expires_in": validade,
            }),
        )
    }
}
