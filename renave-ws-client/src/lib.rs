#![doc = include_str!("../README.md")]

pub mod api;
pub mod client;
mod diario;
pub mod erro;
pub mod helpers;
pub mod identidade;
pub mod modelos;
pub mod operacoes;
pub mod registro;
#[cfg(feature = "simulador")]
pub mod simulador;

pub use api::RenaveWsApi;
pub use api::ite::RenaveWsIte;
pub use api::montadora::RenaveWsMontadora;
pub use api::transferencias::RenaveWsTransferencias;
pub use api::usados::RenaveWsUsados;
pub use api::zero_km::RenaveWsZeroKm;
pub use client::{
    ClienteRenaveWs, ClienteRenaveWsBuilder, ContratoPadraoRenaveWs, RespostaBruta,
    URL_HOMOLOGACAO, URL_PRODUCAO,
};
pub use erro::{Erro, ErroDecodificacao, ErroServico};
pub use identidade::IdentidadeCertificado;
pub use registro::{
    CertificadoRegistrado, DIAS_AVISO_PADRAO, INTERVALO_VERIFICACAO_PADRAO, RegistroIdentidades,
    SenhasCertificados,
};
/// The wire contract as data (decision D11): [`contrato::Contrato`], read with
/// `Contrato::de_arquivo` and given to the builder's `contrato(…)` option.
pub use renave_http::contrato;
pub use renave_http::{
    Ambiente, HttpMethod, Idempotency, RetryBudget, RetryPolicy, Route, RouteOverrides, Timeouts,
};
