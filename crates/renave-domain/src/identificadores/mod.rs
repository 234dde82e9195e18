//! Validated identifiers of the vehicle registry (CPF, CNPJ, placa, RENAVAM, chassi…), money and
//! Brasília-local date-times.
//!
//! Every type here can only hold a valid value: parsing trims surrounding white space, accepts the
//! bare canonical form or the exact official mask and nothing in between, and rejects everything
//! else with an [`ErroDominio`](crate::ErroDominio) that names the type and the fault.

pub(crate) mod macros;
