//! The audit trail (*trilha de auditoria*) of the journal (`renave-diario`): a Renave-WS client
//! journals its calls (reads too) in a SQLite file while it registers the entrada of a vehicle
//! against the simulator; then the journal answers "everything done for chassi X" and
//! "everything done for dealer Y in a month", exported as JSON Lines and CSV with CPFs masked
//! (Portaria CET-MG 1.542/2025 art. 28 §1). The simulator has no certificate, so the client
//! states the dealer's CNPJ with the builder option `estabelecimento` (test mode only; with a
//! real e-CNPJ the certificate's CNPJ is the one recorded).
//!
//! ```text
//! cargo run --example auditoria
//! ```

use std::error::Error;
use std::sync::Arc;

use renave::ws::ClienteRenaveWs;
use renave::ws::simulador::{SimuladorRenaveWs, amostras};
use renave_diario::exportar::{self, Privacidade};
use renave_diario::{ArmazemDiario, DiarioSqlite, ErroDiario, Filtro, Registro};

/// Everything done for chassi `chassi` (from the request or the answer).
pub(crate) async fn para_chassi(
    armazem: &dyn ArmazemDiario,
    chassi: &str,
) -> Result<Vec<Registro>, ErroDiario> {
    armazem.registros(&Filtro::todos().do_chassi(chassi)).await
}

/// Everything done for the establishment `cnpj` in month `mes` of `ano`, Brasília time
/// (UTC−03:00).
pub(crate) async fn para_estabelecimento_no_mes(
    armazem: &dyn ArmazemDiario,
    cnpj: &str,
    ano: i16,
    mes: i8,
) -> Result<Vec<Registro>, Box<dyn Error>> {
    let (ano_fim, mes_fim) = if mes == 12 {
        (ano + 1, 1)
    } else {
        (ano, mes + 1)
    };
    let inicio: jiff::Timestamp = format!("{ano:04}-{mes:02}-01T00:00:00-03:00").parse()?;
    let fim: jiff::Timestamp = format!("{ano_fim:04}-{mes_fim:02}-01T00:00:00-03:00").parse()?;
    let filtro = Filtro::periodo(inicio, fim).do_estabelecimento(cnpj);
    Ok(armazem.registros(&filtro).await?)
}

/// The current year and month, Brasília time (UTC−03:00).
pub(crate) fn mes_atual_brasilia() -> (i16, i8) {
    let agora = jiff::tz::offset(-3).to_datetime(jiff::Timestamp::now());
    (agora.year(), agora.month())
}

/// Registers an entrada against the simulator with a journaled client (reads journaled too)
/// acting for the simulated dealer; returns the journal and the vehicle's chassi.
pub(crate) async fn registrar_com_diario(
    arquivo: &std::path::Path,
) -> Result<(Arc<DiarioSqlite>, String), Box<dyn Error>> {
    let diario = Arc::new(DiarioSqlite::abrir(arquivo).await?.com_leituras(true));
    let sim = SimuladorRenaveWs::iniciar().await;
    let cliente = ClienteRenaveWs::builder()
        .ambiente(renave::ws::Ambiente::Local(sim.uri().parse()?))
        // No certificate against the simulator: the dealer's CNPJ is stated (test mode only).
        .estabelecimento(sim.dados().cnpj_estabelecimento)
        .diario(diario.clone())
        .build()?;
    let usado = &sim.dados().usados[0];
    let entrada = amostras::entrada_estoque(&amostras::Veiculo::from(usado), sim.agora());
    let estoque = cliente.solicitar_entrada_estoque(&entrada).await?;
    if let Some(id) = estoque.id {
        cliente.consultar_estoque(id).await?;
    }
    Ok((diario, usado.chassi.as_str().to_owned()))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let arquivo =
        std::env::temp_dir().join(format!("renave-auditoria-{}.sqlite3", std::process::id()));
    let (diario, chassi) = registrar_com_diario(&arquivo).await?;
    println!("# everything done for chassi {chassi} (JSON Lines, CPFs masked)");
    let registros = para_chassi(&*diario, &chassi).await?;
    exportar::jsonl(&registros, &Privacidade::Mascarar, std::io::stdout().lock())?;

    let (ano, mes) = mes_atual_brasilia();
    let cnpj = renave_simulador::mundo::CNPJ_ESTABELECIMENTO;
    println!("\n# everything done for dealer {cnpj} in {ano}-{mes:02} (CSV)");
    let registros = para_estabelecimento_no_mes(&*diario, cnpj, ano, mes).await?;
    exportar::csv(&registros, &Privacidade::Mascarar, std::io::stdout().lock())?;
    drop(diario);
    let _ = std::fs::remove_file(&arquivo);
    Ok(())
}
