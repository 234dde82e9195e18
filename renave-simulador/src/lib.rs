//! # renave-simulador
//!
//! Stateful in-process simulators of the two RENAVE APIs, built on wiremock so that a test can
//! mount its own `Mock` with a higher priority over any one operation while the rest stay
//! stateful. [`SimuladoresRenave`] runs both as one world (same vehicles, establishment and
//! people; a seller signature on Renave-WS reaches CET-MG). The Renave-WS simulator serves the
//! establishment, montadora and ITE groups, each as its seeded actor ([`CNPJ_ESTABELECIMENTO`],
//! [`CNPJ_MONTADORA`], [`CNPJ_ITE`]).
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
    CARRO_APTO, CLIENTES_MONTADORA, CNPJ_ESTABELECIMENTO, CNPJ_FILIAL, CNPJ_ITE, CNPJ_MONTADORA,
    CNPJ_OUTRA_ITE, CNPJ_OUTRO_ESTABELECIMENTO, CPF_COMPRADOR, CPF_OPERADOR, CPF_VENDEDOR_CARRO,
    CPF_VENDEDOR_MOTO, EM_ESTOQUE, EM_ESTOQUE_LAUDO_VENCIDO, ID_AUTORIZACAO_ITE,
    ID_AUTORIZACAO_OUTRA_ITE, ID_AUTORIZACAO_USADO, ID_AUTORIZACAO_ZERO_KM, ID_ENTREGA,
    ID_ESTOQUE_EM_ESTOQUE, ID_ESTOQUE_ITE, ID_ESTOQUE_LAUDO_VENCIDO, ID_ESTOQUE_MONTADORA,
    ID_ESTOQUE_MONTADORA_INACABADO, IMPEDIMENTOS_NAO_APTOS, INACABADO_DE_OUTRA_ITE,
    INACABADO_EM_ESTOQUE_MONTADORA, INACABADO_MONTADORA_PENDENTE, INACABADO_PARA_ITE,
    IdentidadeVeiculo, MOTO_APTA, NAO_APTOS, NOME_ESTABELECIMENTO, NOME_ITE, NOME_MONTADORA,
    SimuladoresRenave, VEICULO_AUTORIZADO, VEICULO_DA_FILIAL, VEICULO_PROPRIO,
    ZERO_KM_EM_ESTOQUE_MONTADORA, ZERO_KM_MONTADORA_PENDENTE, ZERO_KM_NA_ITE,
};
