//! # renave-diario
//!
//! The journal of RENAVE state-changing operations (*diário*), for "nothing lost, nothing
//! duplicated, everything auditable":
//!
//! * two stores of the clients' [`Diario`] trait (`renave_http::diario`) on real engines:
//!   [`DiarioSqlite`] (feature `sqlite`, default: one embedded file) and
//!   [`DiarioPostgres`](postgres::DiarioPostgres) (feature `postgres`, for replicated
//!   services). Both also read their records back ([`ArmazemDiario`]);
//! * [`reconciliacao`]: the operations whose outcome is unknown (decision D6), including
//!   those in flight when the process died (an intent without outcome), resolved by the read
//!   that shows their effect — *executed*, *not executed* (safe to send again) or *still
//!   unknown* — with the table of which operation is reconciled by which read;
//! * [`exportar`]: the audit trail of a period as JSON Lines or CSV, CPFs masked or
//!   keyed-hashed by default (Portaria CET-MG 1.542/2025 art. 28 §1; Regulamento Técnico
//!   CET-MG Anexo I items g and i).
//!
//! ```no_run
//! use std::sync::Arc;
//! use renave_diario::DiarioSqlite;
//! # async fn f() -> Result<(), Box<dyn std::error::Error>> {
//! let diario = Arc::new(DiarioSqlite::abrir("renave-diario.sqlite3").await?);
//! let cliente = renave_ws_client::ClienteRenaveWs::builder()
//!     .diario(diario.clone())
//!     .build()?;
//! # let _ = cliente; Ok(()) }
//! ```

pub mod exportar;
#[cfg(feature = "postgres")]
pub mod postgres;
pub mod reconciliacao;
#[cfg(feature = "sqlite")]
mod sqlite;

use std::fmt;

pub use renave_http::diario::{
    Desfecho, Diario, ErroDiario, IdIntencao, Intencao, Origem, Situacao,
};
#[cfg(feature = "sqlite")]
pub use sqlite::DiarioSqlite;

/// One journaled operation (*registro*): its intent and, once known, its outcome.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Registro {
    /// The intent's id.
    pub id: IdIntencao,
    /// What was to be sent.
    pub intencao: Intencao,
    /// What became of it (`None`: in flight, or the process died before the answer).
    pub desfecho: Option<Desfecho>,
}

impl Registro {
    /// What became of it: [`Situacao::Pendente`] while there is no outcome.
    pub fn situacao(&self) -> Situacao {
        self.desfecho
            .as_ref()
            .map_or(Situacao::Pendente, |d| d.situacao)
    }

    /// An identifier of the vehicle or stock (`chassi`, `placa`, `idEstoque`…), from the
    /// request or, failing that, from what the operation produced.
    pub fn identificador(&self, nome: &str) -> Option<&str> {
        self.intencao
            .identificadores
            .get(nome)
            .or_else(|| self.desfecho.as_ref()?.produzidos.get(nome))
            .map(String::as_str)
    }
}

/// Which records to read (*filtro*). Every field set must match.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Filtro {
    /// Intents recorded at or after this instant.
    pub desde: Option<jiff::Timestamp>,
    /// Intents recorded before this instant.
    pub ate: Option<jiff::Timestamp>,
    /// The establishment's CNPJ (digits).
    pub estabelecimento: Option<String>,
    /// The vehicle's chassi (from the request or the answer).
    pub chassi: Option<String>,
    /// Only outcomes to reconcile ([`Situacao::a_reconciliar`]).
    pub apenas_a_reconciliar: bool,
}

impl Filtro {
    /// Every record.
    pub fn todos() -> Self {
        Self::default()
    }

    /// The records of `[desde, ate)`.
    pub fn periodo(desde: jiff::Timestamp, ate: jiff::Timestamp) -> Self {
        Self {
            desde: Some(desde),
            ate: Some(ate),
            ..Self::default()
        }
    }

    /// Only this establishment.
    pub fn do_estabelecimento(mut self, cnpj: impl Into<String>) -> Self {
        self.estabelecimento = Some(cnpj.into());
        self
    }

    /// Only this chassi.
    pub fn do_chassi(mut self, chassi: impl Into<String>) -> Self {
        self.chassi = Some(chassi.into());
        self
    }

    /// Only unknown outcomes.
    pub fn a_reconciliar(mut self) -> Self {
        self.apenas_a_reconciliar = true;
        self
    }

    /// Whether `r` passes the filter (the stores filter time and establishment in SQL, the
    /// rest here).
    pub fn aceita(&self, r: &Registro) -> bool {
        self.desde.is_none_or(|d| r.intencao.momento >= d)
            && self.ate.is_none_or(|a| r.intencao.momento < a)
            && self
                .estabelecimento
                .as_deref()
                .is_none_or(|e| r.intencao.estabelecimento.as_deref() == Some(e))
            && self
                .chassi
                .as_deref()
                .is_none_or(|c| r.identificador("chassi") == Some(c))
            && (!self.apenas_a_reconciliar || r.situacao().a_reconciliar())
    }
}

/// A journal store that also reads its records back (both stores of this crate).
#[async_trait::async_trait]
pub trait ArmazemDiario: Diario {
    /// The records `filtro` selects, oldest first.
    async fn registros(&self, filtro: &Filtro) -> Result<Vec<Registro>, ErroDiario>;
}

/// Microseconds since the Unix epoch (the stores' sortable time column).
pub(crate) fn micros(t: jiff::Timestamp) -> i64 {
    t.as_microsecond()
}

/// A record from its stored columns (JSON texts).
pub(crate) fn registro_de(
    id: i64,
    intencao: &str,
    desfecho: Option<&str>,
) -> Result<Registro, ErroDiario> {
    let intencao: Intencao = serde_json::from_str(intencao)
        .map_err(|e| ErroDiario::novo("a stored intent is not readable", Some(Box::new(e) as _)))?;
    let desfecho = desfecho
        .map(serde_json::from_str::<Desfecho>)
        .transpose()
        .map_err(|e| {
            ErroDiario::novo("a stored outcome is not readable", Some(Box::new(e) as _))
        })?;
    Ok(Registro {
        id: IdIntencao(id),
        intencao,
        desfecho,
    })
}

/// A store error with its cause.
pub(crate) fn erro<E: std::error::Error + Send + Sync + 'static>(
    motivo: &str,
) -> impl FnOnce(E) -> ErroDiario + '_ {
    move |e| ErroDiario::novo(motivo, Some(Box::new(e) as _))
}

/// Shared options of both stores.
#[derive(Clone, Default)]
pub(crate) struct Opcoes {
    pub(crate) leituras: bool,
}

impl fmt::Debug for Opcoes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Opcoes")
            .field("leituras", &self.leituras)
            .finish()
    }
}
