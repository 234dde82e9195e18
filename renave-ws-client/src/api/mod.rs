//! The operations as async methods, grouped like the Renave-WS manual (`renave-ws.md` §3.5).
//!
//! Each group is an `#[async_trait]` trait implemented by [`ClienteRenaveWs`](crate::ClienteRenaveWs),
//! so application code can depend on the trait and tests can mock it. [`RenaveWsApi`] is the
//! three together.

pub mod transferencias;
pub mod usados;
pub mod zero_km;

/// Every first-class operation of the establishment group (`renave-ws.md` §3.5): usados
/// (E1–E22), transfers and inacabados (E23–E32) and zero km (Z1–Z16). Implemented for every
/// type that implements the three group traits.
pub trait RenaveWsApi:
    usados::RenaveWsUsados + transferencias::RenaveWsTransferencias + zero_km::RenaveWsZeroKm
{
}

impl<T> RenaveWsApi for T where
    T: usados::RenaveWsUsados + transferencias::RenaveWsTransferencias + zero_km::RenaveWsZeroKm
{
}

/// Every operation of the client as the SDK models it: each group's `operacoes()` listing
/// (written by [`renave_http::operacoes!`] from the same lines as the methods), in manual order.
/// The workspace's JSON Schema and OpenAPI generator (`examples/esquemas.rs`) reads it; a new
/// group of operations is added here too (the root test `tests/esquemas.rs` checks that every
/// method of every `api/` file is listed).
pub fn operacoes() -> Vec<renave_http::DescricaoOperacao> {
    use crate::ClienteRenaveWs;
    let mut todas = <ClienteRenaveWs as usados::RenaveWsUsados>::operacoes();
    todas.extend(<ClienteRenaveWs as transferencias::RenaveWsTransferencias>::operacoes());
    todas.extend(<ClienteRenaveWs as zero_km::RenaveWsZeroKm>::operacoes());
    todas
}
