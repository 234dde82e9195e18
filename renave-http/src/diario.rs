//! The journal of state-changing operations (*diário*): the small trait both clients call
//! around a request, and its records. The stores (SQLite, PostgreSQL), reconciliation and the
//! audit export live in the `renave-diario` crate; the clients know only this module.
//!
//! Where it sits in the request path (both clients' one `executar`): after the request's
//! `validar` hook and route resolution, **before** sending, the client writes the intent
//! ([`Intencao`]: operation, establishment, the vehicle's identifiers, a SHA-256 digest of the
//! request body, time). If the store refuses it, the call fails with the client's typed
//! journal error and **nothing is sent**. After the answer, it writes the outcome
//! ([`Desfecho`]: executed with what it produced, refused with code and message, or unknown).
//! A process that dies in between leaves an intent without outcome: reconciliation treats it
//! as unknown. A failure to write the outcome does not change the call's result (the caller
//! must not resend a request that executed); it is logged, and the intent stays open for
//! reconciliation.
//!
//! Only state-changing operations ([`Idempotency::StateChanging`](crate::Idempotency)) are
//! journaled, unless the store asks for reads too ([`Diario::registrar_leituras`], for the
//! audit trail). Raw calls (`executar_bruto`) are not journaled.
//!
//! **Personal data.** Identifiers are read generically from the request and answer JSON by
//! well-known wire names ([`CHAVES_IDENTIFICADORES`], [`CHAVES_PRODUZIDOS`]): the vehicle's,
//! the stock's, and the CPF/CNPJ of the parties that reconciliation needs for its lookups
//! (the CET-MG lookups are keyed by them). The journal is the integradora's own record and is
//! protected like it; the audit export (`renave-diario`) masks or hashes CPFs by default.
//! Bodies are never stored, only their digest. `Debug` of the records never shows a value.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Endpoint;
use crate::method::Idempotency;

/// Which API a record belongs to.
pub const API_CETMG: &str = "cetmg";
/// Which API a record belongs to.
pub const API_RENAVE_WS: &str = "renave-ws";

/// Wire names of the request fields that identify the vehicle and the parties, read from the
/// request JSON at any depth (the first occurrence of each name is kept).
pub const CHAVES_IDENTIFICADORES: &[&str] = &[
    "chassi",
    "placa",
    "placaVeiculo",
    "renavam",
    "idEstoque",
    "id_estoque",
    "idAutorizacaoTransferencia",
    "numero_protocolo",
    "numeroProtocolo",
    "protocolo",
    "numero_solicitacao",
    "cnpjEstabelecimentoDestino",
    "cpf_cnpj_estabelecimento",
    "cpf_cnpj",
    "cpfCnpj",
    "cpf_cnpj_comprador",
    "cpf_cnpj_proprietario",
    "cpf_cnpj_solicitante",
    "cpf_cnpj_adquirente",
    "cpfOperadorResponsavel",
    "numeroDocumento",
];

/// Wire names of the answer fields that say what an operation produced (stock id, ATPV-e
/// number, protocol number…), read from the answer JSON at any depth.
pub const CHAVES_PRODUZIDOS: &[&str] = &[
    "id",
    "chassi",
    "placa",
    "situacao",
    "idEstoque",
    "id_estoque",
    "estado",
    "idAtpv",
    "numeroAtpv",
    "numero_atpv",
    "numeroProtocolo",
    "numero_protocolo",
    "protocolo",
    "numero_processo",
    "numero_solicitacao",
    "id_solicitacao",
    "codigo_solicitacao",
    "numero_guia",
    "nosso_numero",
    "idEstoqueGeradoNoCancelamentoSaida",
    "logIdRastreabilidade",
];

/// Lower-case hexadecimal.
fn hex(bytes: &[u8]) -> String {
    use fmt::Write as _;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// SHA-256 of `bytes`, lower-case hexadecimal (the request body's digest).
pub fn resumo_sha256(bytes: &[u8]) -> String {
    hex(ring::digest::digest(&ring::digest::SHA256, bytes).as_ref())
}

/// The identifier of a recorded intent, given by the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IdIntencao(pub i64);

/// What the client is about to send (*intenção*), written before sending.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Intencao {
    /// [`API_CETMG`] or [`API_RENAVE_WS`].
    pub api: String,
    /// The operation's name (the client method, e.g. `solicitar_entrada_estoque`).
    pub operacao: String,
    /// Whether the operation is state-changing (reads are journaled only on request).
    pub altera_estado: bool,
    /// The establishment (*estabelecimento*) acted for: the certificate's CNPJ (Renave-WS; in
    /// the test mode without a certificate, the one the builder declared) or the request's
    /// `cpf_cnpj_estabelecimento` (CET-MG), when known.
    pub estabelecimento: Option<String>,
    /// The identifiers found in the request ([`CHAVES_IDENTIFICADORES`]).
    pub identificadores: BTreeMap<String, String>,
    /// SHA-256 of the request body (or of the path and query of a body-less request), hex.
    pub resumo: String,
    /// When the intent was recorded (UTC).
    pub momento: jiff::Timestamp,
}

impl fmt::Debug for Intencao {
    /// Shows the operation, the establishment and the identifier names only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Intencao")
            .field("api", &self.api)
            .field("operacao", &self.operacao)
            .field("estabelecimento", &self.estabelecimento)
            .field("identificadores", &self.identificadores.keys())
            .field("momento", &self.momento)
            .finish_non_exhaustive()
    }
}

impl Intencao {
    /// The intent of sending `endpoint` with the JSON `corpo` (the request's serialised form),
    /// identifiers read as [`CHAVES_IDENTIFICADORES`] says.
    pub fn nova(
        api: &str,
        endpoint: &Endpoint,
        estabelecimento: Option<&str>,
        corpo: &[u8],
    ) -> Self {
        let json: Value = serde_json::from_slice(corpo).unwrap_or(Value::Null);
        let mut identificadores = BTreeMap::new();
        coletar(&json, CHAVES_IDENTIFICADORES, &mut identificadores);
        let estabelecimento = estabelecimento
            .map(str::to_owned)
            .or_else(|| identificadores.get("cpf_cnpj_estabelecimento").cloned());
        Self {
            api: api.to_owned(),
            operacao: endpoint.name.to_owned(),
            altera_estado: endpoint.idempotency == Idempotency::StateChanging,
            estabelecimento,
            identificadores,
            resumo: resumo_sha256(corpo),
            momento: jiff::Timestamp::now(),
        }
    }
}

/// Collects the scalar values of `chaves` found in `valor` (the first of each name, depth
/// first, objects before their nested objects).
fn coletar(valor: &Value, chaves: &[&str], saida: &mut BTreeMap<String, String>) {
    match valor {
        Value::Object(mapa) => {
            for (k, v) in mapa {
                if chaves.contains(&k.as_str()) && !saida.contains_key(k) {
                    match v {
                        Value::String(s) => {
                            saida.insert(k.clone(), s.clone());
                        }
                        Value::Number(n) => {
                            saida.insert(k.clone(), n.to_string());
                        }
                        _ => {}
                    }
                }
            }
            for v in mapa.values() {
                if v.is_object() || v.is_array() {
                    coletar(v, chaves, saida);
                }
            }
        }
        Value::Array(itens) => {
            for v in itens {
                coletar(v, chaves, saida);
            }
        }
        _ => {}
    }
}

/// What became of an operation (*situação*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Situacao {
    /// Intent recorded, no outcome (in flight, or the process died): unknown until reconciled.
    Pendente,
    /// Executed (*executada*): a success answer, or reconciliation found its effect.
    Executada,
    /// Refused by the service (*recusada*): a business or HTTP error that leaves the outcome
    /// known (nothing changed). Safe to correct and send again.
    Recusada,
    /// Not executed (*não executada*): never sent (connection refused, journal failure…), or
    /// reconciliation found no effect. Safe to send again.
    NaoExecutada,
    /// Unknown (*incerta*): may have executed (decision D6). Never resend: reconcile.
    Incerta,
}

impl Situacao {
    /// The name as stored (`pendente`, `executada`, `recusada`, `nao_executada`, `incerta`).
    pub const fn como_texto(self) -> &'static str {
        match self {
            Self::Pendente => "pendente",
            Self::Executada => "executada",
            Self::Recusada => "recusada",
            Self::NaoExecutada => "nao_executada",
            Self::Incerta => "incerta",
        }
    }

    /// The inverse of [`como_texto`](Self::como_texto); an unknown text is
    /// [`Incerta`](Self::Incerta) (fail closed: never a success, never "not executed").
    pub fn de_texto(texto: &str) -> Self {
        match texto {
            "pendente" => Self::Pendente,
            "executada" => Self::Executada,
            "recusada" => Self::Recusada,
            "nao_executada" => Self::NaoExecutada,
            _ => Self::Incerta,
        }
    }

    /// Whether reconciliation must look at it ([`Pendente`](Self::Pendente) or
    /// [`Incerta`](Self::Incerta)).
    pub const fn a_reconciliar(self) -> bool {
        matches!(self, Self::Pendente | Self::Incerta)
    }
}

/// Who concluded an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Origem {
    /// The operation's own answer (or its absence).
    Resposta,
    /// Reconciliation, by the read that shows the operation's effect.
    Reconciliacao,
}

/// The outcome of an operation (*desfecho*), written after the answer.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Desfecho {
    /// What became of it.
    pub situacao: Situacao,
    /// The HTTP status of the answer, when one arrived.
    pub status: Option<u16>,
    /// The service's code (CET-MG `codigo_retorno`, gateway code), when refused.
    pub codigo: Option<String>,
    /// The service's message (CPFs already masked by the client), or why the outcome is
    /// unknown / not executed.
    pub mensagem: Option<String>,
    /// SERPRO's `logIdRastreabilidade`, when the answer carried one.
    pub log_id_rastreabilidade: Option<String>,
    /// What it produced ([`CHAVES_PRODUZIDOS`] read from the answer, or what reconciliation
    /// found).
    pub produzidos: BTreeMap<String, String>,
    /// Who concluded it.
    pub origem: Origem,
    /// When (UTC).
    pub momento: jiff::Timestamp,
}

impl fmt::Debug for Desfecho {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Desfecho")
            .field("situacao", &self.situacao)
            .field("status", &self.status)
            .field("codigo", &self.codigo)
            .field("log_id_rastreabilidade", &self.log_id_rastreabilidade)
            .field("produzidos", &self.produzidos)
            .field("origem", &self.origem)
            .finish_non_exhaustive()
    }
}

impl Desfecho {
    /// An outcome `situacao` of the answer, with nothing else known yet.
    pub fn novo(situacao: Situacao) -> Self {
        Self {
            situacao,
            status: None,
            codigo: None,
            mensagem: None,
            log_id_rastreabilidade: None,
            produzidos: BTreeMap::new(),
            origem: Origem::Resposta,
            momento: jiff::Timestamp::now(),
        }
    }

    /// Executed, with what the answer `corpo` (JSON) produced ([`CHAVES_PRODUZIDOS`]).
    pub fn executada(status: u16, corpo: &[u8]) -> Self {
        let json: Value = serde_json::from_slice(corpo).unwrap_or(Value::Null);
        let mut produzidos = BTreeMap::new();
        coletar(&json, CHAVES_PRODUZIDOS, &mut produzidos);
        let mut d = Self::novo(Situacao::Executada);
        d.log_id_rastreabilidade = produzidos.remove("logIdRastreabilidade");
        d.status = Some(status);
        d.produzidos = produzidos;
        d
    }

    /// With the HTTP status.
    pub fn com_status(mut self, status: Option<u16>) -> Self {
        self.status = status;
        self
    }

    /// With the service's code.
    pub fn com_codigo(mut self, codigo: Option<String>) -> Self {
        self.codigo = codigo;
        self
    }

    /// With a message.
    pub fn com_mensagem(mut self, mensagem: Option<String>) -> Self {
        self.mensagem = mensagem;
        self
    }

    /// With SERPRO's `logIdRastreabilidade`.
    pub fn com_log_id(mut self, log_id: Option<String>) -> Self {
        self.log_id_rastreabilidade = log_id;
        self
    }

    /// Concluded by reconciliation.
    pub fn da_reconciliacao(mut self) -> Self {
        self.origem = Origem::Reconciliacao;
        self
    }
}

/// A journal store failure (*erro do diário*): the store could not record (or read).
#[derive(Debug, thiserror::Error)]
#[error("journal store: {motivo}")]
pub struct ErroDiario {
    /// What failed (never a record's content).
    pub motivo: String,
    /// The store's own error.
    #[source]
    pub fonte: Option<crate::CausaErro>,
}

impl ErroDiario {
    /// A store failure with its cause.
    pub fn novo(motivo: impl Into<String>, fonte: impl Into<Option<crate::CausaErro>>) -> Self {
        Self {
            motivo: motivo.into(),
            fonte: fonte.into(),
        }
    }
}

/// The journal store the clients write to (*diário*): implemented by `renave-diario`'s
/// SQLite and PostgreSQL stores, or by the integradora's own.
///
/// Set it with the clients' `.diario(Arc<dyn Diario>)` builder option. Both methods must be
/// durable when they return `Ok`: the client sends only after
/// [`registrar_intencao`](Self::registrar_intencao) returned.
#[async_trait::async_trait]
pub trait Diario: Send + Sync + fmt::Debug {
    /// Records an intent, before sending; returns its id.
    async fn registrar_intencao(&self, intencao: &Intencao) -> Result<IdIntencao, ErroDiario>;

    /// Records the outcome of intent `id` (a later outcome of the same id replaces an earlier
    /// one: reconciliation concludes an unknown outcome).
    async fn registrar_desfecho(
        &self,
        id: IdIntencao,
        desfecho: &Desfecho,
    ) -> Result<(), ErroDiario>;

    /// Whether reads (idempotent operations) are journaled too, for the audit trail
    /// (default `false`).
    fn registrar_leituras(&self) -> bool {
        false
    }
}

/// An intent recorded by [`abrir`], waiting for its outcome.
#[derive(Debug)]
pub struct RegistroAberto {
    diario: Arc<dyn Diario>,
    id: IdIntencao,
    operacao: &'static str,
}

/// The clients' hook, before sending: records the intent of `endpoint` when `diario` journals
/// it (state-changing, or reads on request). `Ok(None)`: not journaled.
///
/// # Errors
///
/// The store's error: the caller must then fail the call without sending.
pub async fn abrir(
    diario: &Arc<dyn Diario>,
    api: &str,
    endpoint: &Endpoint,
    estabelecimento: Option<&str>,
    corpo: &[u8],
) -> Result<Option<RegistroAberto>, ErroDiario> {
    if endpoint.idempotency != Idempotency::StateChanging && !diario.registrar_leituras() {
        return Ok(None);
    }
    let intencao = Intencao::nova(api, endpoint, estabelecimento, corpo);
    let id = diario.registrar_intencao(&intencao).await?;
    Ok(Some(RegistroAberto {
        diario: Arc::clone(diario),
        id,
        operacao: endpoint.name,
    }))
}

impl RegistroAberto {
    /// The intent's id.
    pub fn id(&self) -> IdIntencao {
        self.id
    }

    /// Records the outcome. A store failure is logged (the intent stays open, so reconciliation
    /// will look at it) and never changes the call's result.
    pub async fn concluir(self, desfecho: Desfecho) {
        if let Err(e) = self.diario.registrar_desfecho(self.id, &desfecho).await {
            tracing::warn!(
                operation = self.operacao,
                journal_id = self.id.0,
                error = %e,
                "the journal could not record the outcome: the intent stays open for reconciliation"
            );
        }
    }
}

#[cfg(test)]
mod testes {
    use super::*;
    use crate::{HttpMethod, Route};

    #[test]
    fn identificadores_e_produzidos_lidos_pelos_nomes_do_fio() {
        const E: Endpoint = Endpoint {
            name: "solicitar_saida_estoque",
            route: Route::new(HttpMethod::Post, "api/saidas"),
            idempotency: Idempotency::StateChanging,
        };
        let corpo = br#"{"cpfOperadorResponsavel":"11144477735","comprador":{"numeroDocumento":"52998224725"},"veiculo":{"placa":"ABC1D23","renavam":"12345678900"}}"#;
        let i = Intencao::nova(API_RENAVE_WS, &E, Some("11222333000181"), corpo);
        assert!(i.altera_estado);
        assert_eq!(i.identificadores["placa"], "ABC1D23");
        assert_eq!(i.identificadores["numeroDocumento"], "52998224725");
        assert_eq!(i.resumo, resumo_sha256(corpo));
        assert_eq!(i.resumo.len(), 64);
        let debug = format!("{i:?}");
        assert!(
            !debug.contains("ABC1D23") && !debug.contains("52998224725"),
            "{debug}"
        );
        let d = Desfecho::executada(
            200,
            br#"{"id":42,"estado":"SOLICITADO","saidaEstoque":{"numeroAtpv":"X1"}}"#,
        );
        assert_eq!(d.produzidos["id"], "42");
        assert_eq!(d.produzidos["numeroAtpv"], "X1");
        assert_eq!(Situacao::de_texto("?"), Situacao::Incerta);
    }
}
