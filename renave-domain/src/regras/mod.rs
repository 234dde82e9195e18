//! The regulation's rules as pure functions, each citing its source:
//!
//! * [`documentos_exigidos`] / [`verificar_documentos`] — the conditional documents of the
//!   Protocolo Digital (Regulamento Técnico CET-MG §7.3);
//! * [`avaliar_aptidao`] — the aptidão answer sorted into impediments and informative items
//!   (Regulamento Técnico §6.1.1, §6.2.1, §6.1.3);
//! * [`verificar_validade_laudo`] / [`verificar_prazo_vistoria`] — the 120-day laudo and the
//!   30-day vistoria deadlines (Portaria CET-MG 1.542/2025, Art. 21 §1);
//! * [`sentido_solicitacao`] — entrada or saída of stock (Regulamento Técnico §5.6);
//! * [`hipoteses_vistoria_movel`] — when a vistoria may be móvel (Regulamento Técnico §6.1.5).

mod aptidao;
mod documentos;
mod operacao;
mod prazos;

pub use aptidao::*;
pub use documentos::*;
pub use operacao::*;
pub use prazos::*;
