//! The CET-MG default contract (*contrato padrão*, decision D11): written from the operation
//! listing ([`ApiCetMg::operacoes`](crate::ApiCetMg::operacoes)), the `gerar-token` endpoint and
//! the envelope constants, so every wire name the client relies on is defined once.

use std::sync::OnceLock;

use renave_http::Idempotency;
use renave_http::contrato::{Contrato, ContratoEnvelope, ContratoOperacao, ContratoToken};

use super::envelope::{CAMPOS_ENVELOPE, CODIGO_SUCESSO};
use crate::ApiCetMg;
use crate::client::ClienteCetMg;
use crate::operacoes::autenticacao::{GERAR_TOKEN, SolicitacaoGerarToken};

/// The CET-MG client's default contract as data (`Contrato::padrao_cetmg()`): write it to a
/// file ([`Contrato::escrever_toml`]) to see every wire name, edit a copy and give it back with
/// the builder's `contrato(…)` option.
///
/// ```
/// use renave_mg_client::ContratoPadraoCetMg;
/// use renave_mg_client::contrato::Contrato;
///
/// let padrao = Contrato::padrao_cetmg();
/// assert_eq!(padrao.envelope.as_ref().unwrap().sucesso, "000");
/// assert!(padrao.operacoes.contains_key("consultar_aptidao_veiculo_estoque"));
/// assert_eq!(Contrato::de_toml(&padrao.to_string()).unwrap(), padrao);
/// ```
pub trait ContratoPadraoCetMg {
    /// The default contract of the CET-MG API (every operation, the envelope, `gerar-token`).
    fn padrao_cetmg() -> Contrato;
}

impl ContratoPadraoCetMg for Contrato {
    fn padrao_cetmg() -> Contrato {
        padrao().clone()
    }
}

/// The default contract, computed once.
pub(crate) fn padrao() -> &'static Contrato {
    static PADRAO: OnceLock<Contrato> = OnceLock::new();
    PADRAO.get_or_init(|| {
        let mut contrato = Contrato::de_operacoes(&<ClienteCetMg as ApiCetMg>::operacoes());
        let [codigo, mensagens @ ..] = CAMPOS_ENVELOPE;
        contrato.envelope = Some(ContratoEnvelope::new(codigo, &mensagens, CODIGO_SUCESSO));
        contrato.token = Some(ContratoToken::new("access_token", "expires_in"));
        let mut token = ContratoOperacao::default();
        token.metodo = Some(GERAR_TOKEN.route.method());
        token.rota = Some(GERAR_TOKEN.route.template().to_owned());
        token.idempotente = Some(GERAR_TOKEN.idempotency == Idempotency::Idempotent);
        token.requisicao = renave_http::contrato::campos_do_esquema::<SolicitacaoGerarToken<'_>>()
            .into_iter()
            .map(|c| (c.clone(), c))
            .collect();
        contrato
            .operacoes
            .insert(GERAR_TOKEN.name.to_owned(), token);
        contrato
    })
}
