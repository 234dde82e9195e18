//! # renave-simulador
//!
//! Stateful in-process simulators of the two RENAVE APIs, built on wiremock so that a test can
//! mount its own `Mock` with a higher priority over any one operation while the rest stay
//! stateful. [`SimuladoresRenave`] runs both as one world (same vehicles, establishment and
//! people; a seller signature on Renave-WS reaches CET-MG).
//!
//! Each simulator keeps the last [`HISTORICO_PADRAO`] requests it received (see [`historico`]
//! for another cap, or none); one that stays up is started `sem_wiremock`, as the
//! `renave-simulador` binary is, so that nothing else grows with its traffic.

pub mod cetmg;
pub mod falhas;
pub mod historico;
pub mod mundo;
pub mod renave_ws;
mod servidor;

pub use falhas::RespostaPerdida;
pub use historico::{HISTORICO_PADRAO, Historico};
pub use mundo::SimuladoresRenave;
