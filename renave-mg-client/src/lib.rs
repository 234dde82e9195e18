#![doc = include_str!("../README.md")]

mod api;
mod client;
pub mod erro;
pub mod operacoes;
mod sigilo;
#[cfg(feature = "simulador")]
pub mod simulador;
mod token;

pub use api::ApiCetMg;
pub use client::{Ambiente, ClienteCetMg, ClienteCetMgBuilder, PREFIXO_CAMINHO, RespostaBruta};
pub use erro::{BoxError, Erro};
pub use operacoes::{Identificador, Lista, Recebido, RespostaRetorno, Retorno};
pub use token::{ArmazenamentoToken, ArmazenamentoTokenMemoria, TokenAcesso, VALIDADE_PADRAO};

pub use renave_http::{HttpMethod, Idempotency, RetryPolicy, Route, RouteOverrides, Timeouts};
