//! The PostgreSQL store against a real server this test starts itself (`initdb` + `postgres` on
//! a free loopback port in a temporary directory, stopped at the end). Without the binaries it
//! prints that it SKIPPED, unless `RENAVE_EXIGIR_POSTGRES=1` (CI), where it fails. As root the
//! server runs as the `postgres` user (`initdb` refuses root).
#![allow(clippy::unwrap_used)]
#![cfg(feature = "postgres")]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use renave_diario::postgres::DiarioPostgres;
use renave_diario::{ArmazemDiario, Desfecho, Diario, Filtro, Situacao};
use renave_http::diario::{API_RENAVE_WS, Intencao};
use renave_http::{Endpoint, HttpMethod, Idempotency, Route};

fn binarios() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| Some(e.ok()?.path().join("bin")))
        .filter(|p| p.join("initdb").exists() && p.join("postgres").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

fn como_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `bin/prog args…`, as the `postgres` user when running as root.
fn comando(bin: &Path, prog: &str, root: bool) -> Command {
    if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(bin.join(prog));
        c
    } else {
        Command::new(bin.join(prog))
    }
}

struct Servidor(Child);

impl Drop for Servidor {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn diario_postgres_no_servidor_real() {
    let Some(bin) = binarios() else {
        assert!(
            std::env::var("RENAVE_EXIGIR_POSTGRES").as_deref() != Ok("1"),
            "RENAVE_EXIGIR_POSTGRES=1 but no PostgreSQL binaries under /usr/lib/postgresql/*/bin"
        );
        eprintln!("!!! SKIPPED: PostgreSQL binaries not found (apt-get install postgresql) !!!");
        return;
    };
    let root = como_root();
    let dir = tempfile::tempdir().unwrap();
    let dados = dir.path().join("dados");
    std::fs::create_dir(&dados).unwrap();
    if root {
        let ok = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(dir.path())
            .status()
            .unwrap();
        assert!(ok.success());
    }
    let ok = comando(&bin, "initdb", root)
        .args(["-A", "trust", "-U", "renave", "-D"])
        .arg(&dados)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(ok.success(), "initdb failed");
    let porta = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _servidor = Servidor(
        comando(&bin, "postgres", root)
            .arg("-D")
            .arg(&dados)
            .args(["-p", &porta.to_string(), "-c", "listen_addresses=127.0.0.1"])
            .arg("-k")
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let conexao = format!("host=127.0.0.1 port={porta} user=renave dbname=postgres");
    let mut diario = None;
    for _ in 0..300 {
        if let Ok(d) = DiarioPostgres::conectar(&conexao).await {
            diario = Some(d);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let diario = diario.expect("the PostgreSQL server did not accept connections");

    const E: Endpoint = Endpoint {
        name: "solicitar_entrada_estoque",
        route: Route::new(HttpMethod::Post, "api/solicitacoes-entrada-estoque"),
        idempotency: Idempotency::StateChanging,
    };
    let corpo = br#"{"veiculo":{"placa":"ABC1D23","renavam":"12345678900"}}"#;
    let a = diario
        .registrar_intencao(&Intencao::nova(
            API_RENAVE_WS,
            &E,
            Some("11222333000181"),
            corpo,
        ))
        .await
        .unwrap();
    let b = diario
        .registrar_intencao(&Intencao::nova(API_RENAVE_WS, &E, None, corpo))
        .await
        .unwrap();
    assert_ne!(a, b);
    diario
        .registrar_desfecho(
            a,
            &Desfecho::executada(201, br#"{"id":7,"chassi":"9BWZZZ377VT004251"}"#),
        )
        .await
        .unwrap();
    let todos = diario.registros(&Filtro::todos()).await.unwrap();
    assert_eq!(todos.len(), 2);
    assert_eq!(todos[0].situacao(), Situacao::Executada);
    assert_eq!(todos[0].identificador("chassi"), Some("9BWZZZ377VT004251"));
    assert_eq!(todos[1].situacao(), Situacao::Pendente);
    let pendentes = diario
        .registros(&Filtro::todos().a_reconciliar())
        .await
        .unwrap();
    assert_eq!(pendentes.len(), 1);
    assert_eq!(pendentes[0].id, b);
    let da_loja = diario
        .registros(&Filtro::todos().do_estabelecimento("11222333000181"))
        .await
        .unwrap();
    assert_eq!(da_loja.len(), 1);
    assert!(
        diario
            .registrar_desfecho(
                renave_diario::IdIntencao(999),
                &Desfecho::novo(Situacao::Incerta)
            )
            .await
            .is_err()
    );
}
