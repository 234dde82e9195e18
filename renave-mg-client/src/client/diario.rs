//! The journal hook's outcome of a CET-MG call (`renave_http::diario`): which errors leave the
//! operation refused, not executed, or unknown.

use renave_http::diario::{Desfecho, Situacao};

use crate::erro::Erro;

/// The outcome an error leaves: unknown when the client says so (decision D6) or when a 2xx
/// answer could not be read (fail closed: it may have executed); refused for an answer that
/// refused it; not executed when nothing reached the service.
pub(super) fn desfecho_de_erro(erro: &Erro) -> Desfecho {
    if erro.resultado_incerto() {
        return Desfecho::novo(Situacao::Incerta)
            .com_status(erro.status())
            .com_codigo(erro.codigo().map(str::to_owned))
            .com_mensagem(Some("outcome unknown (decision D6)".to_owned()));
    }
    match erro {
        Erro::Negocio {
            status,
            codigo_retorno,
            mensagem,
            ..
        } => Desfecho::novo(Situacao::Recusada)
            .com_status(Some(*status))
            .com_codigo(Some(codigo_retorno.clone()))
            .com_mensagem(mensagem.clone()),
        Erro::Http {
            status,
            codigo_retorno,
            mensagem,
            ..
        } => Desfecho::novo(Situacao::Recusada)
            .com_status(Some(*status))
            .com_codigo(codigo_retorno.clone())
            .com_mensagem(mensagem.clone()),
        Erro::Gateway {
            status,
            codigo,
            mensagem,
            ..
        } => Desfecho::novo(Situacao::Recusada)
            .com_status(Some(*status))
            .com_codigo(codigo.clone())
            .com_mensagem(mensagem.clone()),
        Erro::Transporte { .. }
        | Erro::Token { .. }
        | Erro::ArmazenamentoToken { .. }
        | Erro::ArmazenamentoTokenSemResposta { .. } => Desfecho::novo(Situacao::NaoExecutada)
            .com_mensagem(Some(
                "not executed: the request did not reach the service, or it was a read".to_owned(),
            )),
        _ => Desfecho::novo(Situacao::Incerta)
            .com_status(erro.status())
            .com_mensagem(Some(
                "the answer could not be read (fail closed)".to_owned(),
            )),
    }
}
