//! # renave-mg-client
//!
//! Typed async client for the CET-MG "Renave Usados" API of Minas Gerais (PRODEMGE WSO2
//! gateway, JWT bearer token), as the *Regulamento Técnico — Empresas provedoras de solução
//! integradora do Renave Usados* (CET-MG, 2025) describes it: §5 endpoints, §6 POC flows, §7
//! Protocolo Digital.
//!
//! * [`ClienteCetMg`] — the client: builder ([`ClienteCetMg::builder`]), one method per
//!   operation (listed in the [`ApiCetMg`] trait, which the client implements so callers can
//!   mock it), the raw escape hatch [`ClienteCetMg::executar_bruto`] (decision D2).
//! * [`operacoes`] — the wire contract of every operation (route, request, response, JSON
//!   Schema), one module per group: [`operacoes::autenticacao`], [`operacoes::estoque`],
//!   [`operacoes::dae`], [`operacoes::vistoria`], [`operacoes::agenda`],
//!   [`operacoes::protocolo_digital`], [`operacoes::tabelas_auxiliares`]. Each module shows a
//!   compile-checked example.
//! * [`Erro`] — the one error type (decision D7).
//! * [`ArmazenamentoToken`] — where the token lives (in memory by default; pluggable so several
//!   processes share one token).
//! * `ArmazenamentoTokenRedis` (feature `redis`) — the token shared by several replicas
//!   through Redis, with a renewal lock across processes and an in-process fallback while
//!   Redis is unreachable.
//! * `simulador` (feature `simulador`) — test doubles: per-operation wiremock fixtures
//!   (`simulador::fixtures`, canned success and error answers) and the stateful CET-MG
//!   simulator (`simulador::SimuladorCetMg`, from the `renave-simulador` crate).
//!
//! **Tracing.** Each operation runs in one `renave.cetmg` span (`operation`, `status`,
//! `outcome`, `codigo_retorno`, `elapsed_ms`); the token request, every attempt (the request
//! core's `renave.http` spans: `attempt`, `status`, `elapsed_ms`) and a resend after a 401 are
//! its children. No path, query, body, message, token or credential is recorded.
//!
//! Routes and wire names the regulation does not fix are the SDK's documented assumptions
//! (confidence tags V/P/I/? in each item's docs); any route can be overridden with
//! [`ClienteCetMgBuilder::rota`] and every response keeps the fields it does not model.
//!
//! **Personal data (LGPD).** No full CPF the server sent reaches `Debug`, `Display` or a log:
//! the errors mask every CPF they quote with [`renave_domain::privacidade::ocultar_cpfs`] (the
//! one masking function both clients share); every response's unknown fields are a
//! [`CamposExtras`](renave_domain::CamposExtras), whose `Debug` shows keys and value kinds
//! only; and every response type's `Debug` masks the CPFs in its text fields
//! ([`renave_domain::debug_sem_cpf!`]). The fields themselves stay plain `String`s, unchanged:
//! show `mensagem_retorno` to the user as received, and mind what *you* log from them.
//!
//! ```no_run
//! use renave_mg_client::{Ambiente, ClienteCetMg, Erro};
//! use renave_mg_client::operacoes::estoque::ConsultaAptidaoVeiculoEstoque;
//! use secrecy::SecretString;
//! # async fn f() -> Result<(), Box<dyn std::error::Error>> {
//! let cliente = ClienteCetMg::builder()
//!     .ambiente(Ambiente::Producao)
//!     .credenciais(SecretString::from("consumer-key"), SecretString::from("consumer-secret"))
//!     .build()?;
//! match cliente
//!     .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque {
//!         chassi: "9BWZZZ377VT004251".parse()?,
//!         cpf_cnpj_proprietario: "52998224725".parse()?,
//!         cpf_cnpj_estabelecimento: "11222333000181".parse()?,
//!     })
//!     .await
//! {
//!     Ok(resposta) => println!("may proceed: {}", resposta.avaliacao().pode_prosseguir()),
//!     Err(Erro::Negocio { codigo_retorno, mensagem, .. }) => {
//!         println!("CET-MG refused: {codigo_retorno} {mensagem:?}");
//!     }
//!     Err(e) if e.resultado_incerto() => println!("outcome unknown: {e}"),
//!     Err(e) => return Err(e.into()),
//! }
//! # Ok(()) }
//! ```

mod api;
mod client;
pub mod erro;
pub mod operacoes;
mod sigilo;
#[cfg(feature = "simulador")]
pub mod simulador;
mod token;
#[cfg(feature = "redis")]
mod token_redis;

pub use api::ApiCetMg;
pub use client::{
    ClienteCetMg, ClienteCetMgBuilder, PREFIXO_CAMINHO, RespostaBruta, URL_HOMOLOGACAO,
    URL_PRODUCAO,
};
pub use erro::{CausaErro, Erro};
pub use operacoes::{Identificador, Lista, Recebido, RespostaRetorno, Retorno};
pub use token::{
    ArmazenamentoToken, ArmazenamentoTokenMemoria, TokenAcesso, TravaRenovacao, VALIDADE_PADRAO,
};
#[cfg(feature = "redis")]
pub use token_redis::{
    ArmazenamentoTokenRedis, ArmazenamentoTokenRedisBuilder, PAUSA_APOS_FALHA_REDIS,
};

pub use renave_http::{
    Ambiente, HttpMethod, Idempotency, RetryBudget, RetryPolicy, Route, RouteOverrides, Timeouts,
};
