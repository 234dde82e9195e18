//! Hooks of the mutation campaign (hidden feature `fuzz`).

use std::time::{Duration, SystemTime};

use renave_http::{HttpResponse, Idempotency};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::ClienteCetMg;
use crate::erro::Erro;
use crate::token::{ler_resposta_token, momento_expiracao, momento_renovacao};

/// Hooks of the mutation campaign (`tests/fuzz_*.rs`, hidden feature `fuzz`, `docs/fuzz.md`):
/// the answer interpretation of the typed operations and of `gerar-token`, reached without a
/// network. Not a public API.
#[cfg(feature = "fuzz")]
impl ClienteCetMg {
    /// Interprets `resp` exactly as every typed operation does (`decodificar`: the HTTP and
    /// gateway errors, the `codigo_retorno` envelope, the decoding of `T`).
    #[doc(hidden)]
    pub fn fuzz_interpretar<T: DeserializeOwned + schemars::JsonSchema + 'static>(
        &self,
        operacao: &str,
        idempotencia: Idempotency,
        resp: &HttpResponse,
    ) -> Result<T, Erro> {
        self.decodificar(operacao, idempotencia, resp)
    }

    /// What `gerar-token` keeps of a decoded answer obtained at `obtido`: the token's length,
    /// its lifetime, its expiry and its renewal instant (`None`: no usable token).
    #[doc(hidden)]
    pub fn fuzz_ler_token(
        &self,
        corpo: &Value,
        obtido: SystemTime,
    ) -> Option<(usize, Duration, SystemTime, SystemTime)> {
        let lido = ler_resposta_token(corpo, obtido)?;
        Some((
            lido.valor.len(),
            lido.validade,
            momento_expiracao(obtido, lido.validade),
            momento_renovacao(obtido, lido.validade, self.interno.margem_renovacao),
        ))
    }
}
