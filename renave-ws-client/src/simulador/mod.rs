//! Test doubles of Renave-WS (feature `simulador`): canned per-operation answers and the
//! stateful simulator.
//!
//! * [`fixtures`] — for every operation of this crate (`renave-ws.md` §3.5: E1–E22 less E21,
//!   E23–E32, Z1–Z16) a canned success answer with a realistic body and the canned SERPRO error
//!   answers of `renave-ws.md` §2 (400, 401 empty and Spring, 403, 404, 422 with every field,
//!   500 with `logIdRastreabilidade`, an HTML gateway page, 503), as a [`fixtures::Fixture`]
//!   that mounts on any [`wiremock::MockServer`]. Routes come from the operation's own
//!   [`Endpoint`](renave_http::Endpoint) constant, so a fixture follows a route fixed in one
//!   place.
//! * [`SimuladorRenaveWs`] and the rest of this module's items — the stateful in-process
//!   simulator of the establishment group (*simulador*), re-exported from the
//!   `renave-simulador` crate (`renave_simulador::renave_ws`): entrada → assinatura → NF-e →
//!   `CONFIRMADO` → saída flows of `renave-ws.md` §7 with simulated time and fault knobs. A
//!   fixture mounted on [`SimuladorRenaveWs::servidor`] overrides that one operation (fixtures
//!   default to wiremock's priority 5, the simulator uses [`PRIORIDADE_SIMULADOR`]).
//!
//! ```
//! use renave_ws_client::operacoes::usados::ConsultaEstoques;
//! use renave_ws_client::simulador::{SimuladorRenaveWs, fixtures};
//! use renave_ws_client::{Ambiente, ClienteRenaveWs, RenaveWsUsados};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sim = SimuladorRenaveWs::iniciar().await;
//! let cliente = ClienteRenaveWs::builder()
//!     .ambiente(Ambiente::Local(sim.uri().parse()?))
//!     .build()?;
//! // The simulator answers with its seeded stock…
//! assert!(!cliente.consultar_estoques(&ConsultaEstoques::default()).await?.validos().is_empty());
//!
//! // …and a fixture overrides one operation while the others stay stateful.
//! fixtures::CONSULTAR_CLIENTE_AUTENTICADO
//!     .erro(fixtures::ErroFixture::NaoAutenticadoSpring)
//!     .montar(sim.servidor())
//!     .await;
//! let erro = cliente.consultar_cliente_autenticado().await.unwrap_err();
//! assert!(erro.is_autenticacao());
//! assert!(!cliente.consultar_estoques(&ConsultaEstoques::default()).await?.validos().is_empty());
//! # Ok(())
//! # }
//! ```

pub use renave_simulador::renave_ws::*;

pub mod amostras;
pub mod fixtures;
