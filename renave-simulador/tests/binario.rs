//! The `renave-simulador` binary as a user runs it: its help written into a pipe whose reader
//! has already gone (`renave-simulador --ajuda | head -1`) ends normally, without a panic; and
//! left running, its memory does not grow with the requests it answers.

#![allow(clippy::unwrap_used)]

#[cfg(unix)]
#[test]
fn ajuda_num_pipe_fechado_nao_entra_em_panico() {
    let binario = env!("CARGO_BIN_EXE_renave-simulador");
    // `true` closes the pipe at once; the binary writes its help 0.3 s later, into a pipe with
    // no reader (EPIPE), and reports its exit status on stderr.
    let saida = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"{ sleep 0.3; "$0" --ajuda; echo "status=$?" >&2; } | true"#)
        .arg(binario)
        .output()
        .expect("sh runs");
    let erro = String::from_utf8_lossy(&saida.stderr);
    assert!(!erro.contains("panicked"), "{erro}");
    assert!(erro.contains("status=0"), "{erro}");
}

/// The binary under test, killed when the test ends (even by a panic).
#[cfg(target_os = "linux")]
struct Processo(std::process::Child);

#[cfg(target_os = "linux")]
impl Drop for Processo {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The resident memory of a process, in KiB (`VmRSS` of `/proc/<pid>/status`).
#[cfg(target_os = "linux")]
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let linha = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    linha
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap()
}

/// Starts the binary on free ports with `args` and returns it with the CET-MG and Renave-WS
/// base URLs from its banner.
#[cfg(target_os = "linux")]
fn iniciar_binario(args: &[&str]) -> (Processo, String, String) {
    use std::io::BufRead as _;
    let mut filho = std::process::Command::new(env!("CARGO_BIN_EXE_renave-simulador"))
        .args(["--porta-cetmg", "0", "--porta-renave-ws", "0"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let saida = filho.stdout.take().unwrap();
    let processo = Processo(filho);
    let (mut cetmg, mut ws) = (None, None);
    for linha in std::io::BufReader::new(saida).lines() {
        let linha = linha.unwrap();
        if let Some(url) = linha.strip_prefix("Simulador CET-MG em ") {
            cetmg = Some(url.trim().to_owned());
        } else if let Some(url) = linha.strip_prefix("Simulador Renave-WS em ") {
            ws = Some(url.trim().to_owned());
        } else if linha.starts_with("Ctrl-C encerra") {
            break;
        }
    }
    (processo, cetmg.unwrap(), ws.unwrap())
}

/// 10,000 requests to the running binary (history off, its default) leave its resident memory
/// where it was after a warm-up: the figures are printed (`--nocapture`); the bound is loose
/// (16 MiB; each request used to keep about 7.7 KB, 75 MB per 10,000).
#[cfg(target_os = "linux")]
#[tokio::test]
async fn memoria_do_binario_nao_cresce_com_as_requisicoes() {
    use renave_simulador::cetmg::{CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO};

    let (processo, cetmg, ws) = iniciar_binario(&[]);
    let pid = processo.0.id();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    let token_url = format!("{cetmg}/api/veiculos/renave/gerar-token");
    let credenciais = serde_json::json!({
        "consumer_key": CONSUMER_KEY_PADRAO,
        "consumer_secret": CONSUMER_SECRET_PADRAO,
    });
    let cores = format!("{cetmg}/api/veiculos/renave/tabelas-auxiliares/consultar-cores");
    let estoques = format!("{ws}/api/estoques");
    let cliente_autenticado = format!("{ws}/api/cliente-autenticado");
    let mut token = String::new();
    let mut rodada = async |n: usize| {
        let mut ok = 0_usize;
        for i in 0..n {
            let r = match i % 4 {
                0 => {
                    let r = http
                        .post(&token_url)
                        .json(&credenciais)
                        .send()
                        .await
                        .unwrap();
                    let corpo: serde_json::Value = r.json().await.unwrap();
                    token = corpo["access_token"].as_str().unwrap().to_owned();
                    ok += 1;
                    continue;
                }
                1 => http.get(&cores).bearer_auth(&token).send().await.unwrap(),
                2 => http.get(&estoques).send().await.unwrap(),
                _ => http.get(&cliente_autenticado).send().await.unwrap(),
            };
            if r.status().is_success() {
                ok += 1;
            }
            let _ = r.bytes().await.unwrap();
        }
        assert_eq!(ok, n, "every request is answered with success");
    };
    rodada(1_000).await;
    let antes = rss_kib(pid);
    rodada(10_000).await;
    let depois = rss_kib(pid);
    let crescimento = depois.saturating_sub(antes);
    println!(
        "renave-simulador VmRSS: {antes} KiB after 1,000 requests, {depois} KiB after 10,000 more \
         (+{crescimento} KiB, {} bytes per request)",
        crescimento * 1024 / 10_000
    );
    assert!(
        crescimento < 16 * 1024,
        "the binary grew {crescimento} KiB in 10,000 requests ({antes} -> {depois} KiB)"
    );
    drop(processo);
}
