//! Validated identifiers of the vehicle registry (CPF, CNPJ, placa, RENAVAM, chassi…).
