//! Wire contracts: for each operation its endpoint (method, route, idempotency), request and
//! response types. One place per operation.

pub mod transferencias;
pub mod zero_km;
