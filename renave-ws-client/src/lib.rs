//! # renave-ws-client
//!
//! Typed async client for the federal **Renave-WS** (SERPRO / SENATRAN), the REST service of
//! RENAVE (*Registro Nacional de Veículos em Estoque*, Resolução CONTRAN 797/2020), over mutual
//! TLS with the establishment's ICP-Brasil e-CNPJ (decision D5).
//!
//! * [`ClienteRenaveWs`] — one client per certificate (the establishment is identified by the
//!   CNPJ of the certificate only), built with [`ClienteRenaveWs::builder`]; cheap to clone.
//! * [`IdentidadeCertificado`] — PKCS#12 (modern and legacy RC2-40/3DES A1 files) or PEM.
//! * [`RegistroIdentidades`] — many dealers: one client per CNPJ from a directory of `.pfx`
//!   files (or identities in memory), built lazily, cached, rebuilt when a file changes;
//!   expiring certificates listed and logged, expired ones refused before any request.
//! * The operations of the establishment group (`renave-ws.md` §3.5), named after the API's
//!   Portuguese operation names (decision D8), are inherent methods of [`ClienteRenaveWs`]
//!   (no import needed) returning a [`Chamada`](renave_http::Chamada) that takes per-call
//!   options (`.prazo(…)`, `.retentativas(…)`) before `.await`. The same operations form the mockable
//!   traits [`RenaveWsUsados`] (E1–E22), [`RenaveWsTransferencias`] (E23–E32) and
//!   [`RenaveWsZeroKm`] (Z1–Z16), whose methods default to [`Erro::NaoImplementado`]. The
//!   montadora group (§3.3) is [`RenaveWsMontadora`] and the ITE group (§3.4) [`RenaveWsIte`],
//!   on the same client (decision D9); [`RenaveWsApi`] is all five (83 operations).
//! * [`operacoes`] — the wire contract of each operation (route, idempotency, types), one place
//!   per operation; every route can be overridden (decision D2) and
//!   [`ClienteRenaveWs::executar_bruto`] sends anything else.
//! * [`modelos`] — the shared schemas (`Estoque`, `AutorizacaoTransferencia`, documents…).
//! * [`helpers`] — the flows of §7: polling a stock until a state, recovering a stock whose
//!   creation answer was lost.
//! * [`Erro`] — the one error type (decision D7).
//! * `simulador` (feature `simulador`) — per-operation wiremock fixtures (canned success and
//!   error answers for every operation) and the stateful simulator of `renave-simulador`, for
//!   testing code that uses this client.
//!
//! Date-times are naive Brasília local time (`AAAA-MM-DDTHH:MM:SS`, never `Z`), see
//! [`renave_domain::DataHora`]. No `POST` is ever resent automatically (decision D6).
//!
//! **Personal data (LGPD).** No full CPF the service sent reaches `Debug`, `Display` or a log:
//! the errors mask every CPF they quote with [`erro::ocultar_cpfs`] (the one masking function
//! both clients share, from [`renave_domain::privacidade`]); every response's unknown fields
//! are [`modelos::Extras`] ([`renave_domain::CamposExtras`]), whose `Debug` shows keys and value
//! kinds only; and every response type's `Debug` masks the CPFs in its text fields
//! ([`renave_domain::debug_sem_cpf!`]). The fields themselves stay plain `String`s, unchanged:
//! show `mensagemParaUsuarioFinal` to the user as received, and mind what *you* log from them.
//!
//! ```no_run
//! use renave_domain::{Placa, Renavam, TipoCrv};
//! use renave_ws_client::operacoes::usados::ConsultaAptidao;
//! use renave_ws_client::{Ambiente, ClienteRenaveWs, IdentidadeCertificado};
//! use secrecy::SecretString;
//!
//! # async fn exemplo() -> Result<(), Box<dyn std::error::Error>> {
//! let senha = SecretString::from(std::env::var("PFX_SENHA")?);
//! let cliente = ClienteRenaveWs::builder()
//!     .ambiente(Ambiente::Producao)
//!     .identidade(IdentidadeCertificado::de_arquivo_pkcs12("empresa.pfx", &senha)?)
//!     .build()?;
//! let aptidao = cliente
//!     .consultar_aptidao_veiculo_estoque(&ConsultaAptidao {
//!         placa: Some("ABC1D23".parse::<Placa>()?),
//!         renavam: Some("00123456789".parse::<Renavam>()?),
//!         numero_crv: None,
//!         tipo_crv: TipoCrv::Digital,
//!     })
//!     .await?;
//! println!("apto: {:?}", aptidao.diagnostico.and_then(|d| d.veiculo_apto));
//! # Ok(()) }
//! ```

pub mod api;
pub mod client;
mod diario;
pub mod erro;
pub mod helpers;
pub mod identidade;
pub mod modelos;
pub mod operacoes;
pub mod registro;
#[cfg(feature = "simulador")]
pub mod simulador;

pub use api::RenaveWsApi;
pub use api::ite::RenaveWsIte;
pub use api::montadora::RenaveWsMontadora;
pub use api::transferencias::RenaveWsTransferencias;
pub use api::usados::RenaveWsUsados;
pub use api::zero_km::RenaveWsZeroKm;
pub use client::{
    ClienteRenaveWs, ClienteRenaveWsBuilder, RespostaBruta, URL_HOMOLOGACAO, URL_PRODUCAO,
};
pub use erro::{Erro, ErroDecodificacao, ErroServico};
pub use identidade::IdentidadeCertificado;
pub use registro::{
    CertificadoRegistrado, DIAS_AVISO_PADRAO, INTERVALO_VERIFICACAO_PADRAO, RegistroIdentidades,
    SenhasCertificados,
};
pub use renave_http::{
    Ambiente, HttpMethod, Idempotency, RetryBudget, RetryPolicy, Route, RouteOverrides, Timeouts,
};
