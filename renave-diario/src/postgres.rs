//! The PostgreSQL store (feature `postgres`), for services that run several replicas: every
//! replica writes to the same journal, and reconciliation or the audit export can run on any
//! of them.

use async_trait::async_trait;
use tokio_postgres::{Client, NoTls};

use crate::{
    ArmazemDiario, Desfecho, Diario, ErroDiario, Filtro, IdIntencao, Intencao, Opcoes, Registro,
    erro, micros, registro_de,
};

const ESQUEMA: &str = "
CREATE TABLE IF NOT EXISTS renave_diario (
    id BIGSERIAL PRIMARY KEY,
    momento_us BIGINT NOT NULL,
    estabelecimento TEXT,
    operacao TEXT NOT NULL,
    intencao TEXT NOT NULL,
    situacao TEXT NOT NULL DEFAULT 'pendente',
    desfecho TEXT
);
CREATE INDEX IF NOT EXISTS renave_diario_momento ON renave_diario (momento_us);
CREATE INDEX IF NOT EXISTS renave_diario_situacao ON renave_diario (situacao);
";

/// The journal in a PostgreSQL table `renave_diario` (*diário PostgreSQL*), created when
/// missing. Each write is one autocommitted statement: durable when it returns.
#[derive(Debug)]
pub struct DiarioPostgres {
    cliente: Client,
    opcoes: Opcoes,
}

impl DiarioPostgres {
    /// Connects with a `tokio-postgres` connection string (e.g. `host=127.0.0.1 port=5432
    /// user=renave dbname=renave`; without TLS: use a local socket, a loopback address or a
    /// TLS-terminating proxy) and creates the table when missing. The connection runs on a
    /// Tokio task.
    ///
    /// # Errors
    ///
    /// The server cannot be reached, or the schema cannot be created.
    pub async fn conectar(configuracao: &str) -> Result<Self, ErroDiario> {
        let (cliente, conexao) = tokio_postgres::connect(configuracao, NoTls)
            .await
            .map_err(erro("cannot connect to PostgreSQL"))?;
        tokio::spawn(async move {
            if let Err(e) = conexao.await {
                tracing::warn!(error = %e, "the PostgreSQL journal connection ended");
            }
        });
        cliente
            .batch_execute(ESQUEMA)
            .await
            .map_err(erro("cannot create the schema"))?;
        Ok(Self {
            cliente,
            opcoes: Opcoes::default(),
        })
    }

    /// Journals reads too (idempotent operations), for the audit trail (default: no).
    pub fn com_leituras(mut self, sim: bool) -> Self {
        self.opcoes.leituras = sim;
        self
    }
}

#[async_trait]
impl Diario for DiarioPostgres {
    async fn registrar_intencao(&self, intencao: &Intencao) -> Result<IdIntencao, ErroDiario> {
        let json = serde_json::to_string(intencao).map_err(erro("cannot encode the intent"))?;
        let linha = self
            .cliente
            .query_one(
                "INSERT INTO renave_diario (momento_us, estabelecimento, operacao, intencao) VALUES ($1, $2, $3, $4) RETURNING id",
                &[
                    &micros(intencao.momento),
                    &intencao.estabelecimento,
                    &intencao.operacao,
                    &json,
                ],
            )
            .await
            .map_err(erro("cannot record the intent"))?;
        Ok(IdIntencao(linha.get(0)))
    }

    async fn registrar_desfecho(
        &self,
        id: IdIntencao,
        desfecho: &Desfecho,
    ) -> Result<(), ErroDiario> {
        let json = serde_json::to_string(desfecho).map_err(erro("cannot encode the outcome"))?;
        let n = self
            .cliente
            .execute(
                "UPDATE renave_diario SET situacao = $1, desfecho = $2 WHERE id = $3",
                &[&desfecho.situacao.como_texto(), &json, &id.0],
            )
            .await
            .map_err(erro("cannot record the outcome"))?;
        if n == 1 {
            Ok(())
        } else {
            Err(ErroDiario::novo("no intent with this id", None))
        }
    }

    fn registrar_leituras(&self) -> bool {
        self.opcoes.leituras
    }
}

#[async_trait]
impl ArmazemDiario for DiarioPostgres {
    async fn registros(&self, filtro: &Filtro) -> Result<Vec<Registro>, ErroDiario> {
        let desde = filtro.desde.map_or(i64::MIN, micros);
        let ate = filtro.ate.map_or(i64::MAX, micros);
        let linhas = self
            .cliente
            .query(
                "SELECT id, intencao, desfecho FROM renave_diario WHERE momento_us >= $1 AND momento_us < $2 ORDER BY id",
                &[&desde, &ate],
            )
            .await
            .map_err(erro("cannot read the journal"))?;
        let mut saida = Vec::new();
        for l in linhas {
            let desfecho: Option<String> = l.get(2);
            let r = registro_de(l.get(0), l.get(1), desfecho.as_deref())?;
            if filtro.aceita(&r) {
                saida.push(r);
            }
        }
        Ok(saida)
    }
}
