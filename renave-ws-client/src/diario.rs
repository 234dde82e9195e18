//! The journal hook's outcome of a Renave-WS call (`renave_http::diario`): which errors leave
//! the operation refused, not executed, or unknown.

use renave_http::diario::{Desfecho, Situacao};

use crate::erro::Erro;

/// The outcome an error leaves: unknown when the client says so (decision D6) or when a 2xx
/// answer could not be read (fail closed: it may have executed); refused for an error answer
/// that leaves the outcome known; not executed when nothing reached the service.
pub(crate) fn desfecho_de_erro(erro: &Erro) -> Desfecho {
    let log_id = erro
        .servico()
        .and_then(|s| s.log_id_rastreabilidade.clone());
    let mensagem = erro.servico().and_then(|s| {
        s.mensagem_para_usuario_final
            .clone()
            .or_else(|| s.titulo.clone())
            .or_else(|| s.detalhe.clone())
    });
    if erro.resultado_incerto() {
        return Desfecho::novo(Situacao::Incerta)
            .com_status(erro.status())
            .com_log_id(log_id)
            .com_mensagem(Some("outcome unknown (decision D6)".to_owned()));
    }
    match erro {
        Erro::Negocio { status, .. } | Erro::Http { status, .. } => {
            Desfecho::novo(Situacao::Recusada)
                .com_status(Some(*status))
                .com_log_id(log_id)
                .com_mensagem(mensagem)
        }
        Erro::Transporte { .. } => Desfecho::novo(Situacao::NaoExecutada).com_mensagem(Some(
            "not executed: the request did not reach the service, or it was a read".to_owned(),
        )),
        _ => Desfecho::novo(Situacao::Incerta)
            .com_status(erro.status())
            .com_mensagem(Some(
                "the answer could not be read (fail closed)".to_owned(),
            )),
    }
}
