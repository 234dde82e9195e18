//! The e-CNPJ expiry warning of the identity registry (issue 14): one `WARN` per certificate
//! per day. It counts the lines one subscriber receives, so it runs alone in its binary: in a
//! binary shared with other tests, another thread's subscriber coming and going while the
//! warning's callsite registers was seen (in CI) to leave it disabled, and the one warning was
//! lost.
#![allow(clippy::unwrap_used)]

mod comum;
mod suporte_registro;

use suporte_registro::{
    CNPJ_A, CNPJ_B, Linhas, SENHA, certificado, cnpj, diretorio, pfx, registro,
};

#[test]
fn aviso_de_vencimento_uma_vez_por_dia() {
    let dir = diretorio("aviso");
    std::fs::write(
        dir.join("b.pfx"),
        pfx(&certificado("EMPRESA B LTDA", CNPJ_B, -300, 10), SENHA),
    )
    .unwrap();
    std::fs::write(
        dir.join("a.pfx"),
        pfx(&certificado("EMPRESA A LTDA", CNPJ_A, -10, 365), SENHA),
    )
    .unwrap();
    let linhas = Linhas::default();
    let escritor = linhas.clone();
    let assinante = tracing_subscriber::fmt()
        .with_writer(move || escritor.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::WARN)
        .finish();
    tracing::subscriber::with_default(assinante, || {
        let registro = registro(&dir);
        for _ in 0..5 {
            registro.cliente(&cnpj(CNPJ_B)).unwrap();
            registro.atualizar().unwrap();
        }
    });
    let texto = String::from_utf8(linhas.0.lock().unwrap().clone()).unwrap();
    let avisos: Vec<_> = texto
        .lines()
        .filter(|l| l.contains("expires soon"))
        .collect();
    assert_eq!(avisos.len(), 1, "{texto}");
    assert!(
        avisos[0].contains("WARN") && avisos[0].contains(CNPJ_B),
        "{texto}"
    );
    assert!(!texto.contains(CNPJ_A), "A does not expire soon: {texto}");
    assert!(!texto.contains(SENHA));
    let _ = std::fs::remove_dir_all(&dir);
}
