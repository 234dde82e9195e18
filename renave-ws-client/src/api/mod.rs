//! The operations as async methods, grouped like the Renave-WS manual (`renave-ws.md` §3.5).
//!
//! Each group is an `#[async_trait]` trait implemented by [`ClienteRenaveWs`](crate::ClienteRenaveWs),
//! so application code can depend on the trait and tests can mock it. [`RenaveWsApi`] is the
//! five together (the establishment group's three, the montadora group, the ITE group).

pub mod ite;
pub mod montadora;
pub mod transferencias;
pub mod usados;
pub mod zero_km;

/// Every first-class Renave-WS operation (decision D9): the establishment group
/// (`renave-ws.md` §3.5: usados E1–E22, transfers and inacabados E23–E32, zero km Z1–Z16), the
/// montadora group (§3.3) and the ITE group (§3.4). Implemented for every type that implements
/// the five group traits.
pub trait RenaveWsApi:
    usados::RenaveWsUsados
    + transferencias::RenaveWsTransferencias
    + zero_km::RenaveWsZeroKm
    + montadora::RenaveWsMontadora
    + ite::RenaveWsIte
{
}

impl<T> RenaveWsApi for T where
    T: usados::RenaveWsUsados
        + transferencias::RenaveWsTransferencias
        + zero_km::RenaveWsZeroKm
        + montadora::RenaveWsMontadora
        + ite::RenaveWsIte
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
    todas.extend(<ClienteRenaveWs as montadora::RenaveWsMontadora>::operacoes());
    todas.extend(<ClienteRenaveWs as ite::RenaveWsIte>::operacoes());
    todas
}
