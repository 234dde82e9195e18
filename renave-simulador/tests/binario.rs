//! The `renave-simulador` binary as a user runs it: its help written into a pipe whose reader
//! has already gone (`renave-simulador --ajuda | head -1`) ends normally, without a panic; a
//! script reads its ready line (stdout, or the `--arquivo-pronto` file) and calls both URLs;
//! and left running, its memory does not grow with the requests it answers.

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

/// Starts the binary on free ports with `args` (stderr, the human text, discarded) and returns
/// it with its ready line: the first line of its stdout, JSON.
#[cfg(target_os = "linux")]
fn iniciar_com_linha(args: &[&str]) -> (Processo, serde_json::Value, std::process::ChildStdout) {
    use std::io::Read as _;
    let mut filho = std::process::Command::new(env!("CARGO_BIN_EXE_renave-simulador"))
        .args(["--porta-cetmg", "0", "--porta-renave-ws", "0"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut saida = filho.stdout.take().unwrap();
    let processo = Processo(filho);
    // Byte by byte up to the first newline: nothing after it is read (or buffered away).
    let mut linha = Vec::new();
    let mut byte = [0_u8; 1];
    while saida.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
        linha.push(byte[0]);
    }
    let linha = String::from_utf8(linha).unwrap();
    let valor = serde_json::from_str(&linha)
        .unwrap_or_else(|e| panic!("the first stdout line is not JSON ({e}): {linha:?}"));
    (processo, valor, saida)
}

/// Starts the binary on free ports with `args` and returns it with the CET-MG and Renave-WS
/// base URLs from its ready line.
#[cfg(target_os = "linux")]
fn iniciar_binario(args: &[&str]) -> (Processo, String, String) {
    let (processo, linha, _saida) = iniciar_com_linha(args);
    let url = |v: &serde_json::Value| v.as_str().unwrap().to_owned();
    (
        processo,
        url(&linha["cetmg"]["url"]),
        url(&linha["renave_ws"]["url"]),
    )
}

/// The ready line for scripts: one JSON line on stdout with both base URLs, the seed's CET-MG
/// consumer key and secret, the establishment's CNPJ and the pid, and the same JSON in the
/// `--arquivo-pronto` file (no temporary file left beside it). Both URLs answer with what the
/// line says: a token from the key and secret, a table with it, the establishment the
/// Renave-WS simulator authenticates as. On SIGINT the binary exits cleanly, having written
/// nothing else on stdout, and removes the file.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn linha_de_pronto_e_arquivo_pronto_para_scripts() {
    use std::io::Read as _;

    let dir = std::env::temp_dir().join(format!("renave-pronto-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let arquivo = dir.join("pronto.json");
    let (mut processo, linha, mut saida) =
        iniciar_com_linha(&["--arquivo-pronto", arquivo.to_str().unwrap()]);

    assert_eq!(linha["pronto"], true);
    assert_eq!(linha["pid"], processo.0.id());
    let no_arquivo: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&arquivo).unwrap()).unwrap();
    assert_eq!(no_arquivo, linha);
    let nomes: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(nomes, ["pronto.json"], "a temporary file was left");

    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    let texto = |v: &serde_json::Value| v.as_str().unwrap().to_owned();
    let url_base = texto(&linha["cetmg"]["url_base"]);
    assert_eq!(
        url_base,
        format!("{}/api/veiculos/renave/", texto(&linha["cetmg"]["url"]))
    );
    let r = http
        .post(format!("{url_base}gerar-token"))
        .json(&serde_json::json!({
            "consumer_key": linha["cetmg"]["consumer_key"],
            "consumer_secret": linha["cetmg"]["consumer_secret"],
        }))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let corpo: serde_json::Value = r.json().await.unwrap();
    let token = texto(&corpo["access_token"]);
    let r = http
        .get(format!("{url_base}tabelas-auxiliares/consultar-cores"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let r = http
        .get(format!(
            "{}/api/cliente-autenticado",
            texto(&linha["renave_ws"]["url"])
        ))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let cliente = r.text().await.unwrap();
    assert!(
        cliente.contains(&texto(&linha["renave_ws"]["cnpj_estabelecimento"])),
        "{cliente}"
    );

    // An orderly exit: nothing more on stdout, the file removed.
    let estado = std::process::Command::new("kill")
        .args(["-INT", &processo.0.id().to_string()])
        .status()
        .unwrap();
    assert!(estado.success());
    let mut resto = String::new();
    saida.read_to_string(&mut resto).unwrap();
    assert_eq!(resto, "", "stdout has only the ready line");
    let fim = processo.0.wait().unwrap();
    assert!(fim.success(), "{fim:?}");
    assert!(!arquivo.exists(), "the ready file is removed on exit");
    let _ = std::fs::remove_dir_all(&dir);
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
