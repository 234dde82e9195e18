//! Wire contracts: for each operation its endpoint (method, route, idempotency), request and
//! response types. One place per operation.
//!
//! Routes are relative to the base URL (which ends in `/renave-ws/`), so the spec's
//! `/api/estoques/{idEstoque}` is `api/estoques/{idEstoque}` here. Every route can be replaced
//! by name with [`ClienteRenaveWsBuilder::rota`](crate::ClienteRenaveWsBuilder::rota)
//! (decision D2). Confidence tags (V/P/I/?) are those of `renave-ws.md`.

pub mod transferencias;
pub mod usados;
pub mod zero_km;
