//! Transfers between establishments and inacabados (E23–E32): the client methods.
