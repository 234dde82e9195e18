//! # renave-domain
//!
//! The validated vocabulary of RENAVE (Resolução CONTRAN 797/2020) as used by the CET-MG API and
//! the federal Renave-WS: identifiers that cannot hold an invalid value (CPF, CNPJ including the
//! alphanumeric CNPJ of IN RFB 2.229/2024, placa, RENAVAM, chassi…), the code tables both APIs
//! exchange, and the regulation's rules as pure functions.
//!
//! This crate performs no I/O.
//!
//! * [`identificadores`] — validated newtypes, money ([`Valor`]) and Brasília-local date-times.
//! * [`tabelas`] — forward-compatible code tables (unknown codes are kept, never an error).
//! * [`regras`] — the rules of the Regulamento Técnico CET-MG and Portaria CET-MG 1.542/2025.
//! * [`privacidade`] — LGPD helpers both clients share: [`ocultar_cpfs`] masks CPFs in server
//!   text, [`CamposExtras`] keeps unknown response fields without printing their values, and
//!   [`debug_sem_cpf!`] gives typed responses a `Debug` without full CPFs.
//! * [`Recebido`] — the one tolerant type of an answer's validated field (typed when valid, the
//!   raw value kept otherwise), used by both clients.
//! * [`documento`] — the one base64 rule (and PDF check) for documents carried by answers.
//!
//! Every public item is re-exported at the crate root, so `renave_domain::Cpf` works.

pub mod documento;
pub mod erro;
#[cfg(feature = "fuzz")]
#[doc(hidden)]
pub mod fuzz;
pub mod identificadores;
pub mod privacidade;
pub mod recebido;
pub mod regras;
pub mod tabelas;

pub use erro::*;
pub use identificadores::*;
pub use privacidade::*;
pub use recebido::{ItensRecebidos, LeituraTolerante, Recebido};
pub use regras::*;
pub use tabelas::*;
