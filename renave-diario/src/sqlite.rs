//! The embedded store: one SQLite file (`rusqlite`, SQLite compiled in).

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use rusqlite::{Connection, OptionalExtension, params};

use crate::{
    ArmazemDiario, Desfecho, Diario, ErroDiario, Filtro, IdIntencao, Intencao, Opcoes, Registro,
    erro, micros, registro_de,
};

const ESQUEMA: &str = "
CREATE TABLE IF NOT EXISTS diario (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    momento_us INTEGER NOT NULL,
    estabelecimento TEXT,
    operacao TEXT NOT NULL,
    intencao TEXT NOT NULL,
    situacao TEXT NOT NULL DEFAULT 'pendente',
    desfecho TEXT
);
CREATE INDEX IF NOT EXISTS diario_momento ON diario (momento_us);
CREATE INDEX IF NOT EXISTS diario_situacao ON diario (situacao);
";

/// The journal in one SQLite file (*diário SQLite*): WAL, `synchronous=FULL` (a recorded
/// intent survives a crash of the process or the machine), one connection behind a mutex,
/// each write on Tokio's blocking pool. Several processes may open the same file.
#[derive(Debug, Clone)]
pub struct DiarioSqlite {
    conexao: Arc<Mutex<Connection>>,
    opcoes: Opcoes,
}

impl DiarioSqlite {
    /// Opens (creating if needed) the journal file at `caminho`.
    ///
    /// # Errors
    ///
    /// The file cannot be opened or the schema cannot be created.
    pub async fn abrir(caminho: impl AsRef<Path>) -> Result<Self, ErroDiario> {
        let caminho = caminho.as_ref().to_owned();
        let conexao = tokio::task::spawn_blocking(move || {
            let c = Connection::open(caminho).map_err(erro("cannot open the SQLite file"))?;
            c.busy_timeout(std::time::Duration::from_secs(10))
                .map_err(erro("cannot set the busy timeout"))?;
            c.pragma_update(None, "journal_mode", "WAL")
                .map_err(erro("cannot set WAL mode"))?;
            c.pragma_update(None, "synchronous", "FULL")
                .map_err(erro("cannot set synchronous=FULL"))?;
            c.execute_batch(ESQUEMA)
                .map_err(erro("cannot create the schema"))?;
            Ok::<_, ErroDiario>(c)
        })
        .await
        .map_err(erro("the blocking task failed"))??;
        Ok(Self {
            conexao: Arc::new(Mutex::new(conexao)),
            opcoes: Opcoes::default(),
        })
    }

    /// Journals reads too (idempotent operations), for the audit trail (default: no).
    pub fn com_leituras(mut self, sim: bool) -> Self {
        self.opcoes.leituras = sim;
        self
    }

    async fn com_conexao<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, ErroDiario> + Send + 'static,
    ) -> Result<T, ErroDiario> {
        let conexao = Arc::clone(&self.conexao);
        tokio::task::spawn_blocking(move || {
            let c = conexao.lock().unwrap_or_else(PoisonError::into_inner);
            f(&c)
        })
        .await
        .map_err(erro("the blocking task failed"))?
    }
}

#[async_trait]
impl Diario for DiarioSqlite {
    async fn registrar_intencao(&self, intencao: &Intencao) -> Result<IdIntencao, ErroDiario> {
        let json = serde_json::to_string(intencao).map_err(erro("cannot encode the intent"))?;
        let momento = micros(intencao.momento);
        let estabelecimento = intencao.estabelecimento.clone();
        let operacao = intencao.operacao.clone();
        self.com_conexao(move |c| {
            c.execute(
                "INSERT INTO diario (momento_us, estabelecimento, operacao, intencao) VALUES (?1, ?2, ?3, ?4)",
                params![momento, estabelecimento, operacao, json],
            )
            .map_err(erro("cannot record the intent"))?;
            Ok(IdIntencao(c.last_insert_rowid()))
        })
        .await
    }

    async fn registrar_desfecho(
        &self,
        id: IdIntencao,
        desfecho: &Desfecho,
    ) -> Result<(), ErroDiario> {
        let json = serde_json::to_string(desfecho).map_err(erro("cannot encode the outcome"))?;
        let situacao = desfecho.situacao.como_texto();
        self.com_conexao(move |c| {
            let n = c
                .execute(
                    "UPDATE diario SET situacao = ?1, desfecho = ?2 WHERE id = ?3",
                    params![situacao, json, id.0],
                )
                .map_err(erro("cannot record the outcome"))?;
            if n == 1 {
                Ok(())
            } else {
                Err(ErroDiario::novo("no intent with this id", None))
            }
        })
        .await
    }

    fn registrar_leituras(&self) -> bool {
        self.opcoes.leituras
    }
}

#[async_trait]
impl ArmazemDiario for DiarioSqlite {
    async fn registros(&self, filtro: &Filtro) -> Result<Vec<Registro>, ErroDiario> {
        let desde = filtro.desde.map_or(i64::MIN, micros);
        let ate = filtro.ate.map_or(i64::MAX, micros);
        let filtro = filtro.clone();
        self.com_conexao(move |c| {
            let mut consulta = c
                .prepare(
                    "SELECT id, intencao, desfecho FROM diario WHERE momento_us >= ?1 AND momento_us < ?2 ORDER BY id",
                )
                .map_err(erro("cannot read the journal"))?;
            let linhas = consulta
                .query_map(params![desde, ate], |l| {
                    Ok((
                        l.get::<_, i64>(0)?,
                        l.get::<_, String>(1)?,
                        l.get::<_, Option<String>>(2)?,
                    ))
                })
                .map_err(erro("cannot read the journal"))?;
            let mut saida = Vec::new();
            for linha in linhas {
                let (id, intencao, desfecho) = linha.map_err(erro("cannot read the journal"))?;
                let r = registro_de(id, &intencao, desfecho.as_deref())?;
                if filtro.aceita(&r) {
                    saida.push(r);
                }
            }
            Ok(saida)
        })
        .await
    }
}

impl DiarioSqlite {
    /// The record `id`, if any.
    ///
    /// # Errors
    ///
    /// The store cannot be read.
    pub async fn registro(&self, id: IdIntencao) -> Result<Option<Registro>, ErroDiario> {
        self.com_conexao(move |c| {
            let linha = c
                .query_row(
                    "SELECT intencao, desfecho FROM diario WHERE id = ?1",
                    params![id.0],
                    |l| Ok((l.get::<_, String>(0)?, l.get::<_, Option<String>>(1)?)),
                )
                .optional()
                .map_err(erro("cannot read the journal"))?;
            linha
                .map(|(i, d)| registro_de(id.0, &i, d.as_deref()))
                .transpose()
        })
        .await
    }
}
