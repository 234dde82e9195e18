//! HTTP method and idempotency class of an operation.

use std::fmt;

/// The HTTP method of an operation (*método HTTP*), as written in the Regulamento Técnico
/// CET-MG §5 and the Renave-WS catalogue.
///
/// Serialised as the upper-case token (`"GET"`), so route overrides can live in configuration
/// files (decision D2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// `GET` — lookups (*consultas*).
    Get,
    /// `POST` — registrations and emissions (*registrar-*, *emitir-*…), and `gerar-token`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl HttpMethod {
    /// The method as an upper-case token, e.g. `"GET"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    /// The idempotency a request with this method has unless the operation says otherwise:
    /// `GET`, `PUT` and `DELETE` are idempotent by HTTP semantics (RFC 9110 §9.2.2), `POST` and
    /// `PATCH` are state-changing.
    pub const fn default_idempotency(self) -> Idempotency {
        match self {
            Self::Get | Self::Put | Self::Delete => Idempotency::Idempotent,
            Self::Post | Self::Patch => Idempotency::StateChanging,
        }
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Self::Get => reqwest::Method::GET,
            Self::Post => reqwest::Method::POST,
            Self::Put => reqwest::Method::PUT,
            Self::Patch => reqwest::Method::PATCH,
            Self::Delete => reqwest::Method::DELETE,
        }
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether resending an operation is harmless (decision D6).
///
/// A [`StateChanging`](Idempotency::StateChanging) request (every CET-MG `POST` except
/// `gerar-token`, every Renave-WS registration) is never resent automatically once it may have
/// reached the server: the outcome is then reported as unknown instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Idempotency {
    /// Sending it twice has the same effect as once (lookups, `gerar-token`): retried on
    /// connect errors, timeouts, broken exchanges and 429/502/503/504.
    Idempotent,
    /// May change state on the server: retried only when the connection could not even be
    /// opened (the request never left this process).
    StateChanging,
}

impl fmt::Display for Idempotency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Idempotent => "idempotent",
            Self::StateChanging => "state-changing",
        })
    }
}
