#![doc = include_str!("../README.md")]

pub mod api;
pub mod client;
pub mod erro;
pub mod helpers;
pub mod identidade;
pub mod modelos;
pub mod operacoes;
#[cfg(feature = "simulador")]
pub mod simulador;

pub use api::RenaveWsApi;
pub use api::transferencias::RenaveWsTransferencias;
pub use api::usados::RenaveWsUsados;
pub use api::zero_km::RenaveWsZeroKm;
pub use client::{Ambiente, ClienteRenaveWs, ClienteRenaveWsBuilder, RespostaBruta};
pub use erro::{Erro, ErroDecodificacao, ErroServico};
pub use identidade::IdentidadeCertificado;
pub use renave_http::{HttpMethod, Idempotency, RetryPolicy, Route, RouteOverrides, Timeouts};
