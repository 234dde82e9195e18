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

/// Declares a request type's operation: `operacao!(Tipo => ENDPOINT, Resposta)`, with
/// `, validar` when the type's own `validar()` must pass before sending.
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
    (['a] $($resto:tt)*) => {
        operacao!(@impl ['a] $($resto)*);
    };
    ($($resto:tt)*) => {
        operacao!(@impl [] $($resto)*);
    };
}

pub mod transferencias;
pub mod usados;
pub mod zero_km;
