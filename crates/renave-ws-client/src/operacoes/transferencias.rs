//! Wire contracts of the transfers between establishments and inacabados (E23–E32).
