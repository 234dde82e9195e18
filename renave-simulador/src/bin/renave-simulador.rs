//! `renave-simulador`: serves the CET-MG simulator and the Renave-WS simulator of this crate on
//! fixed local ports until interrupted (Ctrl-C), so that code in any language can be pointed at
//! them (the integradora's other services, a front end, a Postman collection).
//!
//! ```text
//! cargo run -p renave-simulador -- --porta-cetmg 8081 --porta-renave-ws 8082
//! ```
//!
//! * CET-MG: gateway root `http://127.0.0.1:8081`, operations under `/api/veiculos/renave/`,
//!   token from `POST /api/veiculos/renave/gerar-token` with the printed consumer key/secret.
//! * Renave-WS: `http://127.0.0.1:8082`, operations under `/api/...` (or `/renave-ws/api/...`);
//!   plain HTTP, no client certificate; it answers as the seeded establishment, under
//!   `/api/montadora/...` as the seeded montadora and under `/api/ite/...` as the seeded ITE
//!   (their vehicles and stocks are listed on start with the rest of the seed).
//!
//! Both simulators run as ONE world (`SimuladoresRenave`): the same vehicles, establishment
//! and people on both APIs, and a seller signature sent to Renave-WS makes the ATPV-e signed on
//! the CET-MG side with the same number. The seed is listed on start with the world's own
//! `Display` (CPFs masked, last two digits only); the full seed lives in this crate's source
//! (`src/mundo.rs`, `src/cetmg/dados.rs`, `src/renave_ws/dados.rs`) and, for Rust code, in
//! `SimuladorCetMg::veiculos` and `SimuladorRenaveWs::dados`.
//!
//! **For scripts** (any language): once both simulators answer, the binary writes ONE line of
//! JSON on stdout — the ready line — and nothing else there (the human text goes to stderr):
//!
//! ```text
//! {"pronto":true,"pid":4242,
//!  "cetmg":{"url":"http://127.0.0.1:8081","url_base":"http://127.0.0.1:8081/api/veiculos/renave/",
//!           "consumer_key":"…","consumer_secret":"…","cnpj_estabelecimento":"11222333000181"},
//!  "renave_ws":{"url":"http://127.0.0.1:8082","cnpj_estabelecimento":"11222333000181",
//!               "cnpj_montadora":"…","cnpj_ite":"…"}}
//! ```
//!
//! (one line on the wire). The consumer key and secret are the simulator's public test values.
//! With `--arquivo-pronto PATH` the same JSON is also written to `PATH`, atomically (written to
//! a temporary name in the same directory, then renamed), so a script can wait for the file;
//! the file is removed on an orderly exit (Ctrl-C, SIGINT).
//!
//! Left running for days, its memory stays flat: both simulators are served `sem_wiremock` (a
//! plain HTTP server; wiremock keeps a copy of every request it answers) and keep no request
//! history unless `--historico N` asks for the last N of each, listed on exit (method and path,
//! CPFs masked).

use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use renave_domain::privacidade::ocultar_cpfs;
use renave_simulador::Dialeto;
use renave_simulador::cetmg::{
    CNPJ_ESTABELECIMENTO, CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO, SimuladorCetMg,
};
use renave_simulador::renave_ws::SimuladorRenaveWs;
use renave_simulador::{
    CNPJ_ITE, CNPJ_MONTADORA, Historico, NOME_ITE, NOME_MONTADORA, SimuladoresRenave,
};

/// Default port of the CET-MG simulator.
const PORTA_CETMG_PADRAO: u16 = 8081;
/// Default port of the Renave-WS simulator.
const PORTA_RENAVE_WS_PADRAO: u16 = 8082;

const AJUDA: &str = "\
renave-simulador — simuladores da API CET-MG e do Renave-WS em portas locais

Uso: renave-simulador [--porta-cetmg N] [--porta-renave-ws N] [--host IP] [--historico N]
                        [--arquivo-pronto ARQUIVO] [--dialeto-divergente]

  --porta-cetmg N      porta do simulador CET-MG (padrão 8081; 0 = qualquer livre)
  --porta-renave-ws N  porta do simulador Renave-WS (padrão 8082; 0 = qualquer livre)
  --host IP            endereço de escuta (padrão 127.0.0.1; use 0.0.0.0 para outra máquina)
  --historico N        guarda as últimas N requisições de cada simulador e as lista ao
                       encerrar (método e caminho, CPFs mascarados); padrão 0: nenhuma,
                       e a memória não cresce com as requisições
  --arquivo-pronto ARQUIVO
                       escreve também a linha de pronto (JSON) em ARQUIVO, de forma
                       atômica; o arquivo é removido ao encerrar com Ctrl-C
  --dialeto-divergente responde com outros nomes que o contrato padrão do SDK (camelCase
                       na CET-MG, campos renomeados no Renave-WS, números como texto,
                       um campo desconhecido): o SDK deve recusar essas respostas
  -h, --ajuda          esta mensagem

Quando os dois simuladores respondem, a saída padrão recebe UMA linha JSON (URLs base,
consumer key/secret de teste da CET-MG, CNPJ do estabelecimento, pid); o texto para
pessoas vai para a saída de erro.

Ctrl-C encerra.";

/// The parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Opcoes {
    host: IpAddr,
    porta_cetmg: u16,
    porta_renave_ws: u16,
    /// Requests kept per simulator (0: none).
    historico: usize,
    /// Where to write the ready line too (`--arquivo-pronto`).
    arquivo_pronto: Option<PathBuf>,
    /// `--dialeto-divergente`: answer with other names than the SDK's default contract.
    dialeto_divergente: bool,
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Comando {
    Servir(Opcoes),
    Ajuda,
}

/// Parses the arguments (without the program name). Errors name the flag and the bad value.
fn interpretar(args: impl IntoIterator<Item = String>) -> Result<Comando, String> {
    let mut opcoes = Opcoes {
        host: IpAddr::V4(Ipv4Addr::LOCALHOST),
        porta_cetmg: PORTA_CETMG_PADRAO,
        porta_renave_ws: PORTA_RENAVE_WS_PADRAO,
        historico: 0,
        arquivo_pronto: None,
        dialeto_divergente: false,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        // `--flag=value` and `--flag value` are both accepted.
        let (flag, embutido) = match arg.split_once('=') {
            Some((f, v)) => (f.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        let mut valor = |nome: &str| -> Result<String, String> {
            embutido
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{nome} exige um valor"))
        };
        match flag.as_str() {
            "-h" | "--ajuda" | "--help" => return Ok(Comando::Ajuda),
            "--dialeto-divergente" => opcoes.dialeto_divergente = true,
            "--porta-cetmg" => opcoes.porta_cetmg = porta(&flag, &valor(&flag)?)?,
            "--porta-renave-ws" => opcoes.porta_renave_ws = porta(&flag, &valor(&flag)?)?,
            "--historico" => {
                let v = valor(&flag)?;
                opcoes.historico = v
                    .parse()
                    .map_err(|_| format!("--historico: número de requisições inválido: {v:?}"))?;
            }
            "--arquivo-pronto" => {
                let v = valor(&flag)?;
                if v.is_empty() {
                    return Err("--arquivo-pronto: caminho vazio".to_owned());
                }
                opcoes.arquivo_pronto = Some(PathBuf::from(v));
            }
            "--host" => {
                let v = valor(&flag)?;
                opcoes.host = v
                    .parse()
                    .map_err(|_| format!("--host: endereço IP inválido: {v:?}"))?;
            }
            outro => return Err(format!("argumento desconhecido: {outro:?} (veja --ajuda)")),
        }
    }
    if opcoes.porta_cetmg != 0 && opcoes.porta_cetmg == opcoes.porta_renave_ws {
        return Err(format!(
            "--porta-cetmg e --porta-renave-ws são iguais ({}); use portas diferentes",
            opcoes.porta_cetmg
        ));
    }
    Ok(Comando::Servir(opcoes))
}

fn porta(flag: &str, v: &str) -> Result<u16, String> {
    v.parse()
        .map_err(|_| format!("{flag}: porta inválida: {v:?} (0–65535)"))
}

/// Binds a listener, naming the simulator in the error.
fn escutar(endereco: SocketAddr, qual: &str) -> Result<TcpListener, String> {
    TcpListener::bind(endereco)
        .map_err(|e| format!("não foi possível escutar em {endereco} ({qual}): {e}"))
}

/// The ready line (*linha de pronto*): one JSON object with what a script needs to call both
/// simulators. The consumer key and secret are the simulator's public test values.
fn linha_pronto(mundo: &SimuladoresRenave) -> String {
    let dados = mundo.renave_ws.dados();
    let cetmg = mundo.cetmg.url();
    serde_json::json!({
        "pronto": true,
        "pid": std::process::id(),
        "cetmg": {
            "url": cetmg,
            "url_base": format!("{cetmg}/api/veiculos/renave/"),
            "consumer_key": CONSUMER_KEY_PADRAO,
            "consumer_secret": CONSUMER_SECRET_PADRAO,
            "cnpj_estabelecimento": CNPJ_ESTABELECIMENTO,
        },
        "renave_ws": {
            "url": mundo.renave_ws.uri(),
            "cnpj_estabelecimento": dados.cnpj_estabelecimento.to_string(),
            "cnpj_montadora": CNPJ_MONTADORA,
            "cnpj_ite": CNPJ_ITE,
        },
    })
    .to_string()
}

/// Writes `conteudo` to `destino` atomically: to a temporary name in the same directory, then
/// renamed over it (a reader sees no file or the whole file, never part of it).
fn escrever_atomico(destino: &Path, conteudo: &str) -> Result<(), String> {
    let nome = destino
        .file_name()
        .ok_or_else(|| format!("--arquivo-pronto: {} não é um arquivo", destino.display()))?;
    let mut temporario = nome.to_owned();
    temporario.push(format!(".{}.tmp", std::process::id()));
    let temporario = destino.with_file_name(temporario);
    std::fs::write(&temporario, conteudo)
        .and_then(|()| std::fs::rename(&temporario, destino))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temporario);
            format!("não foi possível escrever {}: {e}", destino.display())
        })
}

/// Serves both simulators on the given listeners, keeping the last `historico` requests of
/// each, until `parar` completes (Ctrl-C in [`main`]); then lists the kept requests. Once both
/// answer, the ready line goes to `pronto` (stdout) and to `arquivo_pronto`, if given; the
/// banner, the seed listing and the rest go to `saida` (stderr).
// The parsed flags, each its own argument (main and the tests are the only callers).
#[allow(clippy::too_many_arguments)]
async fn servir(
    cetmg: TcpListener,
    renave_ws: TcpListener,
    historico: usize,
    dialeto: Dialeto,
    arquivo_pronto: Option<&Path>,
    pronto: &mut impl std::io::Write,
    saida: &mut impl std::io::Write,
    parar: impl std::future::Future<Output = std::io::Result<()>>,
) -> Result<(), String> {
    let guardar = if historico == 0 {
        Historico::Desligado
    } else {
        Historico::Ultimas(historico)
    };
    let mundo = SimuladoresRenave::iniciar_com_listener(
        SimuladorCetMg::builder()
            .listener(cetmg)
            .historico(guardar)
            .dialeto(dialeto)
            .sem_wiremock(),
        SimuladorRenaveWs::builder()
            .historico(guardar)
            .dialeto(dialeto)
            .sem_wiremock(),
        renave_ws,
    )
    .await;
    let mut banner = String::new();
    let _ = writeln!(banner, "Simulador CET-MG em {}", mundo.cetmg.url());
    let _ = writeln!(
        banner,
        "  operações em {}/api/veiculos/renave/...",
        mundo.cetmg.url()
    );
    let _ = writeln!(
        banner,
        "  estabelecimento CNPJ {CNPJ_ESTABELECIMENTO}; consumer key {CONSUMER_KEY_PADRAO:?}, consumer secret {CONSUMER_SECRET_PADRAO:?} (valores de teste do simulador)"
    );
    let _ = writeln!(banner, "Simulador Renave-WS em {}", mundo.renave_ws.uri());
    let _ = writeln!(
        banner,
        "  operações em {0}/api/... (ou {0}/renave-ws/api/...); HTTP sem certificado",
        mundo.renave_ws.uri()
    );
    let _ = writeln!(
        banner,
        "  grupos montadora em {0}/api/montadora/... (responde como a montadora {NOME_MONTADORA}, CNPJ {CNPJ_MONTADORA}) e ITE em {0}/api/ite/... (como a ITE {NOME_ITE}, CNPJ {CNPJ_ITE})",
        mundo.renave_ws.uri()
    );
    let _ = writeln!(
        banner,
        "  relógio simulado em tempo real: TRANSFERIDO 1 min e CONFIRMADO 5 min após assinatura + NF-e de entrada"
    );
    let _ = writeln!(
        banner,
        "  um só mundo: a assinatura do vendedor enviada ao Renave-WS marca a ATPV-e assinada (mesmo número) na CET-MG"
    );
    let _ = if historico == 0 {
        writeln!(
            banner,
            "Histórico de requisições desligado (--historico N guarda as últimas N)."
        )
    } else {
        writeln!(
            banner,
            "Histórico: as últimas {historico} requisições de cada simulador, listadas ao encerrar."
        )
    };
    let _ = writeln!(banner);
    let _ = writeln!(banner, "{mundo}");
    let _ = writeln!(
        banner,
        "CPFs mascarados; os dados completos estão no código do crate renave-simulador."
    );
    let _ = writeln!(banner, "Ctrl-C encerra.");
    saida
        .write_all(banner.as_bytes())
        .and_then(|()| saida.flush())
        .map_err(|e| format!("falha ao escrever a listagem: {e}"))?;
    let linha = linha_pronto(&mundo);
    if let Some(arquivo) = arquivo_pronto {
        escrever_atomico(arquivo, &format!("{linha}\n"))?;
    }
    pronto
        .write_all(format!("{linha}\n").as_bytes())
        .and_then(|()| pronto.flush())
        .map_err(|e| format!("falha ao escrever a linha de pronto: {e}"))?;
    let parado = parar.await;
    if let Some(arquivo) = arquivo_pronto {
        let _ = std::fs::remove_file(arquivo);
    }
    parado.map_err(|e| format!("falha ao aguardar Ctrl-C: {e}"))?;
    if historico > 0 {
        let mut lista = String::new();
        for (nome, requisicoes) in [
            ("CET-MG", mundo.cetmg.requisicoes_recebidas().await),
            ("Renave-WS", mundo.renave_ws.requisicoes_recebidas().await),
        ] {
            listar_requisicoes(&mut lista, nome, &requisicoes);
        }
        let _ = saida.write_all(lista.as_bytes());
    }
    let _ = writeln!(saida, "Encerrando.");
    drop(mundo);
    Ok(())
}

/// Lists kept requests, one a line: method and path with its query, CPFs masked (paths such
/// as the aptidão route carry the owner's CPF).
fn listar_requisicoes(lista: &mut String, simulador: &str, requisicoes: &[wiremock::Request]) {
    let _ = writeln!(
        lista,
        "Últimas {} requisições ao {simulador}:",
        requisicoes.len()
    );
    for r in requisicoes {
        let alvo = match r.url.query() {
            Some(q) => format!("{}?{q}", r.url.path()),
            None => r.url.path().to_owned(),
        };
        let _ = writeln!(lista, "  {} {}", r.method, ocultar_cpfs(&alvo));
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let opcoes = match interpretar(std::env::args().skip(1)) {
        Ok(Comando::Servir(o)) => o,
        Ok(Comando::Ajuda) => {
            // Not `println!`: it panics when stdout is a closed pipe (`--ajuda | head -1`).
            let mut saida = std::io::stdout();
            let _ = std::io::Write::write_all(&mut saida, format!("{AJUDA}\n").as_bytes())
                .and_then(|()| std::io::Write::flush(&mut saida));
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("renave-simulador: {e}");
            return ExitCode::from(2);
        }
    };
    let listeners =
        escutar(SocketAddr::new(opcoes.host, opcoes.porta_cetmg), "CET-MG").and_then(|c| {
            escutar(
                SocketAddr::new(opcoes.host, opcoes.porta_renave_ws),
                "Renave-WS",
            )
            .map(|w| (c, w))
        });
    let (cetmg, renave_ws) = match listeners {
        Ok(l) => l,
        Err(e) => {
            eprintln!("renave-simulador: {e}");
            return ExitCode::FAILURE;
        }
    };
    match servir(
        cetmg,
        renave_ws,
        opcoes.historico,
        if opcoes.dialeto_divergente {
            Dialeto::Divergente
        } else {
            Dialeto::Padrao
        },
        opcoes.arquivo_pronto.as_deref(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
        tokio::signal::ctrl_c(),
    )
    .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("renave-simulador: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn padroes() {
        assert_eq!(
            interpretar(args(&[])),
            Ok(Comando::Servir(Opcoes {
                host: IpAddr::V4(Ipv4Addr::LOCALHOST),
                porta_cetmg: 8081,
                porta_renave_ws: 8082,
                historico: 0,
                arquivo_pronto: None,
                dialeto_divergente: false,
            }))
        );
    }

    #[test]
    fn portas_e_host() {
        assert_eq!(
            interpretar(args(&[
                "--porta-cetmg",
                "9001",
                "--porta-renave-ws=9002",
                "--host",
                "0.0.0.0",
                "--historico=50",
                "--arquivo-pronto",
                "/tmp/pronto.json",
                "--dialeto-divergente",
            ])),
            Ok(Comando::Servir(Opcoes {
                host: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
                porta_cetmg: 9001,
                porta_renave_ws: 9002,
                historico: 50,
                arquivo_pronto: Some(PathBuf::from("/tmp/pronto.json")),
                dialeto_divergente: true,
            }))
        );
    }

    #[test]
    fn erros_claros() {
        let e = interpretar(args(&["--porta-cetmg", "abc"])).unwrap_err();
        assert!(e.contains("--porta-cetmg") && e.contains("abc"), "{e}");
        let e = interpretar(args(&["--porta-cetmg"])).unwrap_err();
        assert!(e.contains("exige um valor"), "{e}");
        let e = interpretar(args(&["--porta-cetmg", "70000"])).unwrap_err();
        assert!(e.contains("porta inválida"), "{e}");
        let e = interpretar(args(&["--verbose"])).unwrap_err();
        assert!(e.contains("--verbose"), "{e}");
        let e = interpretar(args(&[
            "--porta-cetmg",
            "9000",
            "--porta-renave-ws",
            "9000",
        ]))
        .unwrap_err();
        assert!(e.contains("iguais"), "{e}");
        let e = interpretar(args(&["--host", "localhost"])).unwrap_err();
        assert!(e.contains("--host"), "{e}");
        let e = interpretar(args(&["--arquivo-pronto="])).unwrap_err();
        assert!(e.contains("--arquivo-pronto"), "{e}");
        let e = interpretar(args(&["--historico", "-1"])).unwrap_err();
        assert!(e.contains("--historico") && e.contains("-1"), "{e}");
        assert_eq!(interpretar(args(&["--ajuda"])), Ok(Comando::Ajuda));
    }

    #[tokio::test]
    async fn serve_nas_portas_dadas_ate_o_sinal() {
        let cetmg = TcpListener::bind("127.0.0.1:0").unwrap();
        let ws = TcpListener::bind("127.0.0.1:0").unwrap();
        let (porta_cetmg, porta_ws) = (
            cetmg.local_addr().unwrap().port(),
            ws.local_addr().unwrap().port(),
        );
        let (avisar, sinal) = tokio::sync::oneshot::channel::<()>();
        let mut saida = Vec::new();
        let mut pronto = Vec::new();
        let servidor = servir(
            cetmg,
            ws,
            0,
            Dialeto::Padrao,
            None,
            &mut pronto,
            &mut saida,
            async move {
                let _ = sinal.await;
                Ok(())
            },
        );
        let cliente = async move {
            // Both ports accept connections while serving.
            for porta in [porta_cetmg, porta_ws] {
                assert!(std::net::TcpStream::connect(("127.0.0.1", porta)).is_ok());
            }
            avisar.send(()).unwrap();
        };
        let (r, ()) = tokio::join!(servidor, cliente);
        r.unwrap();
        let texto = String::from_utf8(saida).unwrap();
        // The ready line alone on its writer (stdout), the human text on the other.
        let pronto = String::from_utf8(pronto).unwrap();
        assert_eq!(pronto.lines().count(), 1, "{pronto}");
        let linha: serde_json::Value = serde_json::from_str(pronto.trim_end()).unwrap();
        assert_eq!(linha["pronto"], true);
        assert_eq!(linha["pid"], std::process::id());
        assert_eq!(
            linha["cetmg"]["url"],
            format!("http://127.0.0.1:{porta_cetmg}")
        );
        assert_eq!(
            linha["renave_ws"]["url"],
            format!("http://127.0.0.1:{porta_ws}")
        );
        assert_eq!(linha["cetmg"]["consumer_key"], CONSUMER_KEY_PADRAO);
        assert_eq!(
            linha["renave_ws"]["cnpj_estabelecimento"],
            CNPJ_ESTABELECIMENTO
        );
        assert!(!texto.contains("\"pronto\""), "{texto}");
        assert!(
            texto.contains(&format!("http://127.0.0.1:{porta_cetmg}")),
            "{texto}"
        );
        assert!(
            texto.contains(&format!("http://127.0.0.1:{porta_ws}")),
            "{texto}"
        );
        assert!(texto.contains("CPF ***.***.***-"), "{texto}");
        assert!(
            texto.contains("Histórico de requisições desligado"),
            "{texto}"
        );
        assert!(texto.trim_end().ends_with("Encerrando."), "{texto}");
    }

    /// `GET alvo` over a plain TCP connection; the status line.
    fn get(porta: u16, alvo: &str) -> String {
        use std::io::{Read as _, Write as _};
        let mut c = std::net::TcpStream::connect(("127.0.0.1", porta)).unwrap();
        write!(
            c,
            "GET {alvo} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut resposta = String::new();
        c.read_to_string(&mut resposta).unwrap();
        resposta.lines().next().unwrap_or_default().to_owned()
    }

    #[tokio::test]
    async fn historico_listado_ao_encerrar_com_cpf_mascarado() {
        let cetmg = TcpListener::bind("127.0.0.1:0").unwrap();
        let ws = TcpListener::bind("127.0.0.1:0").unwrap();
        let (porta_cetmg, porta_ws) = (
            cetmg.local_addr().unwrap().port(),
            ws.local_addr().unwrap().port(),
        );
        let (avisar, sinal) = tokio::sync::oneshot::channel::<()>();
        let mut saida = Vec::new();
        let mut pronto = Vec::new();
        let servidor = servir(
            cetmg,
            ws,
            2,
            Dialeto::Padrao,
            None,
            &mut pronto,
            &mut saida,
            async move {
                let _ = sinal.await;
                Ok(())
            },
        );
        let cliente = async move {
            use renave_domain::rotas::{cetmg, renave_ws};
            let aptidao = cetmg::CONSULTAR_APTIDAO_VEICULO_ESTOQUE
                .caminho
                .replace("{chassi}", "9BWAA05U6FP012345")
                .replace("{cpf_cnpj_proprietario}", "52998224725")
                .replace("{cpf_cnpj_estabelecimento}", "11222333000181");
            let (a, b) = (
                format!("/{}a", cetmg::PREFIXO),
                format!("/{}b", cetmg::PREFIXO),
            );
            for (alvo, status) in [(&a, " 404 "), (&b, " 404 "), (&aptidao, " 401 ")] {
                assert!(get(porta_cetmg, alvo).contains(status), "{alvo}");
            }
            let estoques = format!("{}?x=1", renave_ws::CONSULTAR_ESTOQUES.caminho);
            assert!(get(porta_ws, &estoques).contains(" 200 "));
            avisar.send(()).unwrap();
        };
        let (r, ()) = tokio::join!(servidor, cliente);
        r.unwrap();
        let texto = String::from_utf8(saida).unwrap();
        assert!(
            texto.contains("Histórico: as últimas 2 requisições"),
            "{texto}"
        );
        assert!(
            texto.contains("Últimas 2 requisições ao CET-MG:"),
            "{texto}"
        );
        assert!(!texto.contains("/renave/a"), "the oldest is gone: {texto}");
        assert!(texto.contains("  GET /api/veiculos/renave/b\n"), "{texto}");
        assert!(
            texto.contains("9BWAA05U6FP012345/*********25/11222333000181"),
            "{texto}"
        );
        assert!(!texto.contains("52998224725"), "full CPF listed: {texto}");
        assert!(
            texto.contains("Últimas 1 requisições ao Renave-WS:\n  GET /api/estoques?x=1\n"),
            "{texto}"
        );
    }

    #[tokio::test]
    async fn listagens_nao_mostram_cpf_inteiro() {
        use renave_domain::CpfCnpj;
        let mundo = SimuladoresRenave::iniciar().await;
        let texto = mundo.to_string();
        let depurado = format!("{mundo:?}");
        let mut cpfs = 0;
        for v in mundo.cetmg.veiculos() {
            assert!(texto.contains(v.chassi.as_str()));
            if let CpfCnpj::Cpf(c) = v.proprietario {
                cpfs += 1;
                assert!(!texto.contains(c.as_str()), "full CPF in the listing");
                assert!(!depurado.contains(c.as_str()), "full CPF in Debug");
            }
        }
        let dados = mundo.renave_ws.dados();
        for v in &dados.usados {
            assert!(texto.contains(v.chassi.as_str()));
            if let CpfCnpj::Cpf(c) = v.proprietario {
                cpfs += 1;
                assert!(!texto.contains(c.as_str()), "full CPF in the listing");
                assert!(!depurado.contains(c.as_str()), "full CPF in Debug");
            }
        }
        for c in [dados.cpf_operador, dados.cpf_comprador] {
            assert!(!texto.contains(c.as_str()), "full CPF in the listing");
        }
        assert!(cpfs > 0, "the seed has private owners to mask");
        assert!(texto.contains("***"));
    }
}
