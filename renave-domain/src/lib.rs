#![doc = include_str!("../README.md")]

pub mod documento;
pub mod erro;
#[cfg(feature = "fuzz")]
#[doc(hidden)]
pub mod fuzz;
pub mod identificadores;
pub mod privacidade;
pub mod recebido;
pub mod regras;
pub mod rotas;
pub mod tabelas;

pub use erro::*;
pub use identificadores::*;
pub use privacidade::*;
pub use recebido::{ItensRecebidos, LeituraTolerante, Recebido};
pub use regras::*;
pub use tabelas::*;
