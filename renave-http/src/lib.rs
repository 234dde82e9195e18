#![doc = include_str!("../README.md")]

mod config;
mod configuracao;
pub mod contrato;
mod core;
pub mod decodificacao;
pub mod diario;
mod error;
pub mod exibicao;
#[cfg(feature = "fixtures")]
pub mod fixtures;
#[cfg(feature = "fixtures")]
pub mod hostil;
mod method;
mod operacao;
mod request;
mod response;
pub mod retry;
mod route;
mod transport;

pub use crate::config::{CoreConfig, RetryBudget, RetryPolicy, Timeouts};
pub use crate::configuracao::{
    Ambiente, DestinoCliente, ErroAmbiente, ErroConfiguracao, ErroUserAgent, Montagem,
    OpcoesComuns, user_agent,
};
pub use crate::core::HttpCore;
pub use crate::error::{CausaErro, HttpError, TimeoutKind};
pub use crate::method::{HttpMethod, Idempotency};
pub use crate::operacao::{
    Chamada, DescricaoOperacao, Envio, ErroEntradaInvalida, ErroNaoImplementado, ErroParametros,
    Executar, Opcoes, Operacao, Pares, Partes, Requisicao, pares,
};
#[doc(hidden)]
pub use crate::operacao::{
    ComEsquemas as __ComEsquemas, Descrever as __Descrever,
    EscolherComEsquemas as __EscolherComEsquemas, EscolherSemEsquemas as __EscolherSemEsquemas,
    Marca as __Marca, SemEsquemas as __SemEsquemas, marca as __marca,
};
#[cfg(feature = "schemars")]
pub use crate::operacao::{EsquemaTipo, EsquemasOperacao};
pub use crate::request::RequestSpec;
pub use crate::response::{BodySnippet, HttpResponse};
pub use crate::route::{Endpoint, Route, RouteError, RouteOverrides};
pub use crate::transport::TransportBuilder;
pub use url::Url;

/// Used by [`operacoes!`]: the clients' mockable traits are `#[async_trait]` traits.
#[doc(hidden)]
pub use async_trait;
