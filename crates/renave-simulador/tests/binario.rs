//! The `renave-simulador` binary as a user runs it: its help written into a pipe whose reader
//! has already gone (`renave-simulador --ajuda | head -1`) ends normally, without a panic.

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
