//! The `renave.cetmg` span of each operation.

use tracing::Instrument as _;

use crate::erro::Erro;

/// The `renave.cetmg` span of one operation (see [`com_span`]).
pub(super) fn span_operacao(operacao: &str) -> tracing::Span {
    tracing::info_span!(
        "renave.cetmg",
        operation = operacao,
        status = tracing::field::Empty,
        outcome = tracing::field::Empty,
        codigo_retorno = tracing::field::Empty,
        elapsed_ms = tracing::field::Empty,
    )
}

/// Runs one operation inside its `renave.cetmg` span (fields `operation`, `status`, `outcome`,
/// `codigo_retorno`, `elapsed_ms`): the token request, every attempt (`renave.http` spans of the
/// request core) and a 401 resend are its children. Only the operation name, the HTTP status,
/// the outcome and the service's code are recorded — never a path, a body, a message or a
/// token.
pub(super) async fn com_span<T>(
    span: &tracing::Span,
    operacao_futura: impl std::future::Future<Output = Result<T, Erro>>,
) -> Result<T, Erro> {
    let inicio = std::time::Instant::now();
    let resultado = operacao_futura.instrument(span.clone()).await;
    span.record(
        "elapsed_ms",
        u64::try_from(inicio.elapsed().as_millis()).unwrap_or(u64::MAX),
    );
    match &resultado {
        Ok(_) => {
            span.record("outcome", "ok");
        }
        Err(erro) => {
            span.record("outcome", tipo_de_erro(erro));
            if let Some(status) = erro.status() {
                span.record("status", status);
            }
            if let Some(codigo) = erro.codigo() {
                // Masked when the error was built.
                span.record("codigo_retorno", codigo);
            }
        }
    }
    resultado
}

/// The kind of an error, for the span (never its message).
pub(super) fn tipo_de_erro(erro: &Erro) -> &'static str {
    match erro {
        Erro::EntradaInvalida { .. } | Erro::DocumentosFaltantes { .. } => "invalid_input",
        Erro::Configuracao { .. } => "configuration",
        Erro::Transporte { fonte, .. } if fonte.outcome_unknown() => "transport_outcome_unknown",
        Erro::Transporte { .. } => "transport",
        Erro::Token { .. } => "token",
        Erro::Gateway { .. } => "gateway",
        Erro::Http { .. } => "http",
        Erro::Negocio { .. } => "business",
        Erro::RespostaInvalida { .. } => "undecodable",
        Erro::RespostaNaoReconhecida { .. } => "not_recognised",
        Erro::Documento { .. } => "document",
        Erro::ArmazenamentoToken { .. } => "token_store",
        Erro::ArmazenamentoTokenSemResposta { .. } => "token_store_timeout",
        Erro::Diario { .. } => "journal",
        Erro::NaoImplementado { .. } => "not_implemented",
    }
}
