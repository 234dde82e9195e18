//! # renave-simulador
//!
//! Stateful in-process simulators of the two RENAVE APIs, built on wiremock so that a test can
//! mount its own `Mock` with a higher priority over any one operation while the rest stay
//! stateful.

pub mod cetmg;
pub mod renave_ws;
