//! Wire contracts: for each operation its endpoint (method, route, idempotency), request and
//! response types. One place per operation.
//!
//! Routes are relative to the base URL (which ends in `/renave-ws/`), so the route
//! `/api/estoques/{idEstoque}` of `renave-ws.md` is `api/estoques/{idEstoque}` here. Every route
//! can be replaced by name with
//! [`ClienteRenaveWsBuilder::rota`](crate::ClienteRenaveWsBuilder::rota) (decision D2).
//! Confidence tags (V/P/I/?) are those of `renave-ws.md`.

//!
//! Every request type implements [`renave_http::Operacao`] (its endpoint, answer and input
//! check): its path and query parameters are read from its `Serialize` form, so wire names are
//! written once. Adding an operation is one `operacao!` line here and one line of the list in
//! [`api`](crate::api).

use renave_domain::rotas::{Metodo, Rota};

/// Declares a request type's operation: `operacao!(Tipo => ENDPOINT, Resposta)`, with
/// `, validar` when the type's own `validar()` must pass before sending, `, verificar` when its
/// `verificar()` (the builder's and `Deserialize`'s checks: table codes known or explicitly
/// allowed, texts not blank) must — a refusal is an `Erro::EntradaInvalida` naming the field,
/// and nothing is sent.
macro_rules! operacao {
    (@impl [$($g:tt)*] $tipo:ty => $endpoint:expr, $resposta:ty) => {
        impl<$($g)*> renave_http::Operacao for $tipo {
            const ENDPOINT: renave_http::Endpoint = $endpoint;
            type Resposta = $resposta;
            type Erro = crate::erro::Erro;
        }
    };
    (@impl [$($g:tt)*] $tipo:ty => $endpoint:expr, $resposta:ty, validar) => {
        impl<$($g)*> renave_http::Operacao for $tipo {
            const ENDPOINT: renave_http::Endpoint = $endpoint;
            type Resposta = $resposta;
            type Erro = crate::erro::Erro;
            fn validar(&self) -> Result<(), crate::erro::Erro> {
                <$tipo>::validar(self)
            }
        }
    };
    (@impl [$($g:tt)*] $tipo:ty => $endpoint:expr, $resposta:ty, verificar) => {
        impl<$($g)*> renave_http::Operacao for $tipo {
            const ENDPOINT: renave_http::Endpoint = $endpoint;
            type Resposta = $resposta;
            type Erro = crate::erro::Erro;
            fn validar(&self) -> Result<(), crate::erro::Erro> {
                <$tipo>::verificar(self).map_err(|e| {
                    crate::operacoes::usados::entrada_de_dominio(Self::ENDPOINT.name, &e)
                })
            }
        }
    };
    (['a] $($resto:tt)*) => {
        operacao!(@impl ['a] $($resto)*);
    };
    ($($resto:tt)*) => {
        operacao!(@impl [] $($resto)*);
    };
}

/// `Serialize` and a **validating** `Deserialize` for a request type declared with
/// `#[derive(Serialize, Deserialize)] #[serde(remote = "Self")]`: a request read back (from a
/// queue, a file) passes the same checks as one built and sent (`$checar`, a method returning a
/// `Result` whose error names the field, never its value), so it is as valid.
macro_rules! requisicao_validada {
    ($($tipo:ty => $checar:ident),+ $(,)?) => {$(
        impl ::serde::Serialize for $tipo {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                <$tipo>::serialize(self, s)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $tipo {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let valor = <$tipo>::deserialize(d)?;
                valor.$checar().map_err(::serde::de::Error::custom)?;
                Ok(valor)
            }
        }
    )+};
}

/// The request body of one operation sent, unchanged, to another operation of the same shape
/// (another group's route): `reenvio!(Nome(Tipo))` declares `Nome<'a>(&'a Tipo)`, serialised as
/// the body itself.
macro_rules! reenvio {
    ($($(#[$doc:meta])* $nome:ident($tipo:ty);)+) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, serde::Serialize, schemars::JsonSchema)]
        #[serde(transparent)]
        pub(crate) struct $nome<'a>(pub(crate) &'a $tipo);
    )+};
}

/// The [`Route`](renave_http::Route) of an operation's default route, from its one definition
/// in [`renave_domain::rotas::renave_ws`] (issue 12: routes are spelled once, for the client
/// and the simulator).
pub(crate) const fn rota(rota: Rota) -> renave_http::Route {
    let metodo = match rota.metodo {
        Metodo::Get => renave_http::HttpMethod::Get,
        Metodo::Post => renave_http::HttpMethod::Post,
    };
    renave_http::Route::new(metodo, rota.modelo)
}

/// `const` endpoint of a lookup (`GET`, idempotent: retried per decision D6), named and routed
/// by its default route; a route of another method does not compile.
pub(crate) const fn get(r: Rota) -> renave_http::Endpoint {
    assert!(matches!(r.metodo, Metodo::Get), "get: not a GET route");
    renave_http::Endpoint {
        name: r.nome,
        route: rota(r),
        idempotency: renave_http::Idempotency::Idempotent,
    }
}

/// `const` endpoint of a state-changing `POST` (never resent once it may have reached the
/// server, decision D6), named and routed by its default route; a route of another method does
/// not compile.
pub(crate) const fn post(r: Rota) -> renave_http::Endpoint {
    assert!(matches!(r.metodo, Metodo::Post), "post: not a POST route");
    renave_http::Endpoint {
        name: r.nome,
        route: rota(r),
        idempotency: renave_http::Idempotency::StateChanging,
    }
}

pub mod ite;
pub mod montadora;
pub mod transferencias;
pub mod usados;
pub mod zero_km;
