//! [`IdEstoque`]: the id of a stock record, shared by both APIs.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The id of a stock record (*estoque*): Renave-WS `idEstoque` (the `id` of an `Estoque`,
/// `renave-ws.md` §5.1) and the CET-MG `id_estoque` of a saída/entrada (the same number, which
/// the CET-MG client carries as an `Identificador`: the two convert with `From`/`TryFrom`).
///
/// A cancelled saída creates a NEW stock with a new id (Renave-WS E17). On the wire it is a JSON
/// number.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct IdEstoque(pub i64);

impl IdEstoque {
    /// The number as sent on the wire.
    pub const fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for IdEstoque {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl From<i64> for IdEstoque {
    fn from(v: i64) -> Self {
        Self(v)
    }
}

impl From<IdEstoque> for i64 {
    fn from(v: IdEstoque) -> Self {
        v.0
    }
}
