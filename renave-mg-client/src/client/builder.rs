//! The builder of [`ClienteCetMg`]: its own options (credentials, token store), the options
//! both clients share ([`renave_http::opcoes_comuns!`]), and `build`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

#[cfg(doc)]
use renave_http::Ambiente;
use renave_http::{DestinoCliente, OpcoesComuns};
use secrecy::SecretString;

use super::ambiente::{PREFIXO_CAMINHO, URL_HOMOLOGACAO, URL_PRODUCAO};
use super::renovacao::{PAUSA_APOS_FALHA, PAUSA_APOS_FALHA_SEM_TOKEN};
use super::{ClienteCetMg, Interno};
use crate::erro::Erro;
use crate::token::{ArmazenamentoToken, ArmazenamentoTokenMemoria, EstadoRenovacao};

/// Builder of a [`ClienteCetMg`]. Obtain it with [`ClienteCetMg::builder`].
///
/// Its options follow the one naming rule of both builders (`ARCHITECTURE.md`, "One model"):
/// Portuguese names, the same name for the same option on the Renave-WS builder (`ambiente`,
/// `prazos`, `retentativas`, `sufixo_user_agent`, `cliente_http`, `rota`, `rotas`,
/// `permitir_http`, `limite_resposta_bytes`). The old English names are gone:
///
/// ```compile_fail
/// let _ = renave_mg_client::ClienteCetMg::builder().allow_http(true);
/// ```
///
/// ```compile_fail
/// let _ = renave_mg_client::ClienteCetMg::builder().max_response_bytes(1 << 20);
/// ```
///
/// `Debug` never shows the consumer key or secret.
pub struct ClienteCetMgBuilder {
    comuns: OpcoesComuns,
    consumer_key: Option<SecretString>,
    consumer_secret: Option<SecretString>,
    armazenamento: Option<Arc<dyn ArmazenamentoToken>>,
    margem_renovacao: Duration,
    pausa_apos_falha_token: Duration,
}

impl fmt::Debug for ClienteCetMgBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClienteCetMgBuilder")
            .field("comuns", &self.comuns)
            .field(
                "consumer_key",
                &self.consumer_key.as_ref().map(|_| "[REDACTED]"),
            )
            .field(
                "consumer_secret",
                &self.consumer_secret.as_ref().map(|_| "[REDACTED]"),
            )
            .field("armazenamento", &self.armazenamento)
            .field("margem_renovacao", &self.margem_renovacao)
            .field("pausa_apos_falha_token", &self.pausa_apos_falha_token)
            .finish_non_exhaustive()
    }
}

impl Default for ClienteCetMgBuilder {
    fn default() -> Self {
        Self {
            comuns: OpcoesComuns::default(),
            consumer_key: None,
            consumer_secret: None,
            armazenamento: None,
            margem_renovacao: Duration::from_secs(300),
            pausa_apos_falha_token: PAUSA_APOS_FALHA_SEM_TOKEN,
        }
    }
}

renave_http::opcoes_comuns!(ClienteCetMgBuilder);

impl ClienteCetMgBuilder {
    /// The SCE credentials (*Consumer Key* and *Consumer Secret*, R Fig. 41/42, §5.1).
    pub fn credenciais(
        mut self,
        consumer_key: SecretString,
        consumer_secret: SecretString,
    ) -> Self {
        self.consumer_key = Some(consumer_key);
        self.consumer_secret = Some(consumer_secret);
        self
    }

    /// Where the token is kept (default: in memory, shared by every clone of the client).
    pub fn armazenamento_token(mut self, armazenamento: Arc<dyn ArmazenamentoToken>) -> Self {
        self.armazenamento = Some(armazenamento);
        self
    }

    /// How long before expiry the token is renewed (default 5 minutes; never earlier than half
    /// of the token's lifetime).
    pub fn margem_renovacao(mut self, margem: Duration) -> Self {
        self.margem_renovacao = margem;
        self
    }

    /// After a token renewal (`gerar-token`) fails, for how long callers that have no valid
    /// token get that same error instead of sending `gerar-token` again (decision D4; default
    /// 2 s, at most 30 s: a longer pause is shortened to 30 s).
    ///
    /// A failed renewal is shared like a successful one: every caller that was waiting for it
    /// gets its error — the same variant, HTTP status, gateway code and messages, for the
    /// `gerar_token` operation — however long the request took, so a slow failing endpoint
    /// yields its real error rather than a timeout per caller. Once the pause has passed, the
    /// next caller makes one new request and the others wait for it (one renewal at a time). A
    /// caller whose token is still valid keeps using it and never gets that error.
    pub fn pausa_apos_falha_token(mut self, pausa: Duration) -> Self {
        self.pausa_apos_falha_token = pausa.min(PAUSA_APOS_FALHA);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    ///
    /// [`Erro::Configuracao`] when the environment ([`ambiente`](Self::ambiente)) or the
    /// credentials are missing, the environment's URL is refused ([`Ambiente::Local`] with a
    /// host that is not a loopback host, a plain `http` [`Ambiente::Personalizado`] without
    /// [`permitir_http`](Self::permitir_http)), a route override is malformed, or the HTTP client
    /// cannot be built.
    ///
    /// ```
    /// use renave_mg_client::ClienteCetMg;
    /// use secrecy::SecretString;
    /// // No `.ambiente(…)`: refused, never homologação by default.
    /// let erro = ClienteCetMg::builder()
    ///     .credenciais(SecretString::from("chave"), SecretString::from("segredo"))
    ///     .build()
    ///     .unwrap_err();
    /// assert!(erro.to_string().contains("ambiente"), "{erro}");
    /// ```
    pub fn build(self) -> Result<ClienteCetMg, Erro> {
        self.comuns.ambiente().map_err(configuracao)?;
        let (Some(consumer_key), Some(consumer_secret)) = (self.consumer_key, self.consumer_secret)
        else {
            return Err(Erro::configuracao(
                "the credentials are missing: set .credenciais(consumer_key, consumer_secret)",
                None,
            ));
        };
        let montagem = self
            .comuns
            .montar(
                DestinoCliente {
                    produto: concat!("renave-mg-client/", env!("CARGO_PKG_VERSION")),
                    homologacao: URL_HOMOLOGACAO,
                    producao: URL_PRODUCAO,
                    prefixo: PREFIXO_CAMINHO,
                    contrato: super::contrato::padrao(),
                },
                |transporte| transporte,
            )
            .map_err(configuracao)?;
        Ok(ClienteCetMg {
            interno: Arc::new(Interno {
                core: montagem.core,
                rotas: montagem.rotas,
                diario: montagem.diario,
                contrato: montagem.contrato,
                consumer_key,
                consumer_secret,
                armazenamento: self
                    .armazenamento
                    .unwrap_or_else(|| Arc::new(ArmazenamentoTokenMemoria::default())),
                renovacao: tokio::sync::Mutex::new(EstadoRenovacao::default()),
                margem_renovacao: self.margem_renovacao,
                pausa_apos_falha_token: self.pausa_apos_falha_token,
            }),
        })
    }
}

/// A configuration error of the shared options, as this client's [`Erro::Configuracao`].
fn configuracao(e: renave_http::ErroConfiguracao) -> Erro {
    let (motivo, fonte) = e.em_partes();
    Erro::configuracao(motivo, fonte)
}
