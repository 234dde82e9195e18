//! Test doubles of the CET-MG API (feature `simulador`): canned per-operation answers and the
//! stateful simulator.
//!
//! * [`fixtures`] — for every operation of this crate (`gerar-token` and the 27 operations of
//!   Regulamento Técnico CET-MG §5–§7) a canned success answer with a realistic body and the
//!   canned error answers of R §6.1.2/§6.2.2 and of the PRODEMGE WSO2 gateway (`cetmg-api.md`
//!   §2: a business `codigo_retorno` other than `"000"`, 400, 401 `900901`, 403 `900908`, 404,
//!   409, 429 `900800` with `Retry-After`, 500, an HTML gateway page, 503, 504 `101504`), as a
//!   [`fixtures::Fixture`] that mounts on any [`wiremock::MockServer`]. Routes come from the
//!   operation's own [`Endpoint`](renave_http::Endpoint) constant, so a fixture follows a
//!   route fixed in one place.
//! * [`SimuladorCetMg`] and the rest of this module's items — the stateful in-process
//!   simulator (*simulador*), re-exported from the `renave-simulador` crate
//!   (`renave_simulador::cetmg`): token, aptidão, solicitação, DAE, vistoria, Agenda Minas,
//!   comunicação de venda and Protocolo Digital flows with fault knobs. A fixture mounted on
//!   [`SimuladorCetMg::servidor`] overrides that one operation (fixtures default to wiremock's
//!   priority 5, the simulator uses [`PRIORIDADE_SIMULADOR`]).
//!
//! ```
//! use renave_mg_client::simulador::{
//!     CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO, PRIORIDADE_SIMULADOR, SimuladorCetMg, fixtures,
//! };
//! use renave_mg_client::{Ambiente, ClienteCetMg, Erro};
//! use secrecy::SecretString;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sim = SimuladorCetMg::iniciar().await;
//! let cliente = ClienteCetMg::builder()
//!     .ambiente(Ambiente::Local(sim.url().parse()?))
//!     .credenciais(
//!         SecretString::from(CONSUMER_KEY_PADRAO),
//!         SecretString::from(CONSUMER_SECRET_PADRAO),
//!     )
//!     .build()?;
//! // The simulator answers with its seeded tables…
//! assert!(!cliente.consultar_cores().await?.dados.validos().is_empty());
//!
//! // …and a fixture (priority 5, above the simulator's) overrides one operation while the
//! // others stay stateful.
//! let f = fixtures::CONSULTAR_CORES.erro(fixtures::ErroFixture::Proibido);
//! assert!(f.prioridade() < PRIORIDADE_SIMULADOR);
//! f.montar(sim.servidor()).await;
//! let erro = cliente.consultar_cores().await.unwrap_err();
//! assert!(matches!(erro, Erro::Gateway { status: 403, .. }));
//! assert!(!cliente.consultar_especies().await?.dados.validos().is_empty());
//! # Ok(())
//! # }
//! ```

pub use renave_simulador::cetmg::*;

pub mod amostras;
pub mod fixtures;
