//! Validated identifiers of the vehicle registry (CPF, CNPJ, placa, RENAVAM, chassi…), money and
//! Brasília-local date-times.
//!
//! Every type here can only hold a valid value: parsing trims surrounding white space, accepts the
//! bare canonical form or the exact official mask and nothing in between, and rejects everything
//! else with an [`ErroDominio`](crate::ErroDominio) that names the type and the fault.

pub(crate) mod macros;

mod cep;
mod chassi;
mod chave_nfe;
mod cnpj;
mod cpf;
mod cpf_cnpj;
mod crv;
mod data;
mod id_estoque;
mod linha_digitavel;
mod municipio;
mod pix;
mod placa;
#[cfg(test)]
mod rapido_prop;
mod renavam;
mod uf;
mod valor;

pub use cep::*;
pub use chassi::*;
pub use chave_nfe::*;
pub use cnpj::*;
pub use cpf::*;
pub use cpf_cnpj::*;
pub use crv::*;
pub use data::*;
pub use id_estoque::*;
pub use linha_digitavel::*;
pub use municipio::*;
pub use pix::*;
pub use placa::*;
pub use renavam::*;
pub use uf::*;
pub use valor::*;
