//! # renave-simulador
//!
//! Stateful in-process simulators of the two RENAVE APIs, built on wiremock so that a test can
//! mount its own `Mock` with a higher priority over any one operation while the rest stay
//! stateful. [`SimuladoresRenave`] runs both as one world (same vehicles, establishment and
//! people; a seller signature on Renave-WS reaches CET-MG).
//!
//! Each simulator keeps the last [`HISTORICO_PADRAO`] requests it received (see [`historico`]
//! for another cap, or none); one that stays up is started `sem_wiremock`, as the
//! `renave-simulador` binary is, so that nothing else grows with its traffic.

pub mod cetmg;
pub mod falhas;
pub mod historico;
pub mod mundo;
pub mod renave_ws;
mod servidor;

pub use cetmg::{CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO};
pub use falhas::RespostaPerdida;
pub use historico::{HISTORICO_PADRAO, Historico};
/// The seed of the simulated world (see [`mundo`]): vehicles, people, establishments and ids a
/// test names.
pub use mundo::{
    CARRO_APTO, CNPJ_ESTABELECIMENTO, CNPJ_FILIAL, CNPJ_ITE, CNPJ_MONTADORA,
    CNPJ_OUTRO_ESTABELECIMENTO, CPF_COMPRADOR, CPF_OPERADOR, CPF_VENDEDOR_CARRO, CPF_VENDEDOR_MOTO,
    EM_ESTOQUE, EM_ESTOQUE_LAUDO_VENCIDO, ID_AUTORIZACAO_ITE, ID_AUTORIZACAO_USADO,
    ID_AUTORIZACAO_ZERO_KM, ID_ENTREGA, ID_ESTOQUE_EM_ESTOQUE, ID_ESTOQUE_LAUDO_VENCIDO,
    IMPEDIMENTOS_NAO_APTOS, IdentidadeVeiculo, MOTO_APTA, NAO_APTOS, NOME_ESTABELECIMENTO,
    SimuladoresRenave, VEICULO_AUTORIZADO, VEICULO_DA_FILIAL, VEICULO_PROPRIO,
};
