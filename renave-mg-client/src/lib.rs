#![doc = include_str!("../README.md")]

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
    ClienteCetMg, ClienteCetMgBuilder, ContratoPadraoCetMg, PREFIXO_CAMINHO, RespostaBruta,
    URL_HOMOLOGACAO, URL_PRODUCAO,
};
pub use erro::{CausaErro, Erro};
pub use operacoes::{Identificador, ItensRecebidos, Lista, Recebido, RespostaRetorno, Retorno};
pub use token::{
    ArmazenamentoToken, ArmazenamentoTokenMemoria, TokenAcesso, TravaRenovacao, VALIDADE_PADRAO,
};
#[cfg(feature = "redis")]
pub use token_redis::{
    ArmazenamentoTokenRedis, ArmazenamentoTokenRedisBuilder, PAUSA_APOS_FALHA_REDIS,
};

/// The wire contract as data (decision D11): [`contrato::Contrato`], read with
/// `Contrato::de_arquivo` and given to the builder's `contrato(…)` option.
pub use renave_http::contrato;
pub use renave_http::{
    Ambiente, HttpMethod, Idempotency, RetryBudget, RetryPolicy, Route, RouteOverrides, Timeouts,
};
