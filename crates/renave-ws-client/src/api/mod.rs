//! The operations as async methods, grouped like the Renave-WS manual.

pub mod transferencias;
pub mod zero_km;
