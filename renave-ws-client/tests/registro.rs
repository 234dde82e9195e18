//! The identity registry (`RegistroIdentidades`, issue 14): one client per CNPJ from a
//! directory of PKCS#12 files or from identities in memory, with certificates generated here
//! (valid, expiring, expired, not yet valid, wrong password, two files for one CNPJ).
#![allow(clippy::unwrap_used)]

mod comum;
mod suporte_registro;

use std::time::{Duration, SystemTime};

use renave_domain::Cnpj;

use renave_ws_client::{Erro, IdentidadeCertificado, RegistroIdentidades};
use suporte_registro::*;

#[test]
fn valido_a_vencer_e_vencido() {
    let dir = diretorio("validade");
    std::fs::write(
        dir.join("a.pfx"),
        pfx(&certificado("EMPRESA A LTDA", CNPJ_A, -10, 365), SENHA),
    )
    .unwrap();
    std::fs::write(
        dir.join("b.PFX"),
        pfx(&certificado("EMPRESA B LTDA", CNPJ_B, -300, 10), SENHA),
    )
    .unwrap();
    // Not a certificate file: ignored.
    std::fs::write(dir.join("leia-me.txt"), b"x").unwrap();
    let registro = registro(&dir);

    // Valid: a client for the certificate's CNPJ.
    let cliente_a = registro.cliente(&cnpj(CNPJ_A)).unwrap();
    assert_eq!(cliente_a.cnpj().map(Cnpj::as_str), Some(CNPJ_A));
    // The holder and the validity, read from the certificate.
    let todos = registro.certificados().unwrap();
    assert_eq!(todos.len(), 2);
    let ca = todos.iter().find(|c| c.cnpj.as_str() == CNPJ_A).unwrap();
    assert_eq!(ca.titular.as_deref(), Some("EMPRESA A LTDA:11222333000181"));
    assert!(ca.nao_antes < jiff::Timestamp::now() && jiff::Timestamp::now() < ca.nao_depois);
    assert_eq!(ca.arquivo.as_deref(), Some(dir.join("a.pfx").as_path()));

    // Expiring in 10 days: still served, listed as expiring (default 30 days), not A.
    let cliente_b = registro.cliente(&cnpj(CNPJ_B)).unwrap();
    assert_eq!(cliente_b.cnpj().map(Cnpj::as_str), Some(CNPJ_B));
    let a_vencer = registro.a_vencer().unwrap();
    assert_eq!(
        a_vencer.iter().map(|c| c.cnpj.as_str()).collect::<Vec<_>>(),
        [CNPJ_B]
    );
    assert_eq!(registro.a_vencer_em(5).unwrap().len(), 0);
    assert_eq!(registro.a_vencer_em(400).unwrap().len(), 2);

    // B's file is replaced by an expired certificate (same name; the time is set so the change
    // is seen even on a coarse clock): refused before any request, naming CNPJ and date.
    let vencido = certificado("EMPRESA B LTDA", CNPJ_B, -400, -1);
    std::fs::write(dir.join("b.PFX"), pfx(&vencido, SENHA)).unwrap();
    std::fs::File::options()
        .write(true)
        .open(dir.join("b.PFX"))
        .unwrap()
        .set_modified(SystemTime::now() + Duration::from_secs(5))
        .unwrap();
    let erro = registro.cliente(&cnpj(CNPJ_B)).unwrap_err();
    let (y, m, d) = data(-1);
    let texto = erro.to_string();
    assert!(matches!(erro, Erro::Identidade { .. }), "{erro:?}");
    assert!(texto.contains(CNPJ_B), "{texto}");
    assert!(texto.contains("expired"), "{texto}");
    assert!(
        texto.contains(&format!("{y:04}-{m:02}-{d:02}")),
        "the date: {texto}"
    );
    // The expired one is listed too.
    assert!(
        registro
            .a_vencer()
            .unwrap()
            .iter()
            .any(|c| c.cnpj.as_str() == CNPJ_B && c.nao_depois < jiff::Timestamp::now())
    );
    // A CNPJ with no certificate.
    let erro = registro.cliente(&cnpj("11444777000242")).unwrap_err();
    assert!(matches!(erro, Erro::Configuracao { .. }), "{erro:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ainda_nao_valido_recusado_com_a_data() {
    let dir = diretorio("futuro");
    std::fs::write(
        dir.join("a.pfx"),
        pfx(&certificado("EMPRESA A LTDA", CNPJ_A, 5, 400), SENHA),
    )
    .unwrap();
    let erro = registro(&dir).cliente(&cnpj(CNPJ_A)).unwrap_err();
    let texto = erro.to_string();
    let (y, m, d) = data(5);
    assert!(matches!(erro, Erro::Identidade { .. }), "{erro:?}");
    assert!(
        texto.contains(CNPJ_A) && texto.contains("not valid before"),
        "{texto}"
    );
    assert!(texto.contains(&format!("{y:04}-{m:02}-{d:02}")), "{texto}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn senha_errada_ou_ausente_listada_sem_a_senha() {
    let dir = diretorio("senha");
    std::fs::write(
        dir.join("errada.pfx"),
        pfx(&certificado("EMPRESA A LTDA", CNPJ_A, -1, 100), SENHA),
    )
    .unwrap();
    std::fs::write(
        dir.join("sem-senha.p12"),
        pfx(&certificado("EMPRESA B LTDA", CNPJ_B, -1, 100), SENHA),
    )
    .unwrap();
    let registro = registro(&dir);
    let falhas = registro.falhas().unwrap();
    assert_eq!(falhas.len(), 2, "{falhas:?}");
    for (arquivo, motivo) in &falhas {
        assert!(motivo.contains(&arquivo.display().to_string()), "{motivo}");
        assert!(!motivo.contains("outra-senha") && !motivo.contains(SENHA));
    }
    assert!(falhas.iter().any(|(_, m)| m.contains("wrong password")));
    assert!(falhas.iter().any(|(_, m)| m.contains("no password")));
    let erro = registro.cliente(&cnpj(CNPJ_A)).unwrap_err();
    assert!(matches!(erro, Erro::Configuracao { .. }), "{erro:?}");
    let debug = format!("{registro:?}");
    assert!(
        !debug.contains(SENHA) && !debug.contains("outra-senha"),
        "{debug}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn dois_arquivos_do_mesmo_cnpj_vence_o_ultimo_nao_depois_valido() {
    let dir = diretorio("dois");
    // The old certificate (expires in 20 days) and its renewal (a year more), side by side.
    std::fs::write(
        dir.join("a-2025.pfx"),
        pfx(&certificado("EMPRESA A LTDA", CNPJ_A, -345, 20), SENHA),
    )
    .unwrap();
    std::fs::write(
        dir.join("a-2026.pfx"),
        pfx(&certificado("EMPRESA A LTDA", CNPJ_A, -1, 385), SENHA),
    )
    .unwrap();
    let registro = registro(&dir);
    let escolhido = registro.escolhido(&cnpj(CNPJ_A)).unwrap().unwrap();
    assert_eq!(
        escolhido.arquivo.as_deref(),
        Some(dir.join("a-2026.pfx").as_path())
    );
    registro.cliente(&cnpj(CNPJ_A)).unwrap();

    // A renewal that is not valid yet does not displace the valid one.
    std::fs::write(
        dir.join("a-2027.pfx"),
        pfx(&certificado("EMPRESA A LTDA", CNPJ_A, 30, 800), SENHA),
    )
    .unwrap();
    let escolhido = registro.escolhido(&cnpj(CNPJ_A)).unwrap().unwrap();
    assert_eq!(
        escolhido.arquivo.as_deref(),
        Some(dir.join("a-2026.pfx").as_path())
    );
    // The chosen file removed: the old one (still valid) takes over.
    std::fs::remove_file(dir.join("a-2026.pfx")).unwrap();
    let escolhido = registro.escolhido(&cnpj(CNPJ_A)).unwrap().unwrap();
    assert_eq!(
        escolhido.arquivo.as_deref(),
        Some(dir.join("a-2025.pfx").as_path())
    );
    registro.cliente(&cnpj(CNPJ_A)).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn identidades_em_memoria() {
    let a = certificado("EMPRESA A LTDA", CNPJ_A, -1, 100);
    let id = IdentidadeCertificado::de_der(vec![a.cert.clone()], a.chave.clone()).unwrap();
    assert_eq!(id.titular(), Some("EMPRESA A LTDA:11222333000181"));
    assert!(id.valido_em(jiff::Timestamp::now()));
    let registro = RegistroIdentidades::em_memoria([id]).builder_base(base);
    assert_eq!(
        registro
            .cliente(&cnpj(CNPJ_A))
            .unwrap()
            .cnpj()
            .map(Cnpj::as_str),
        Some(CNPJ_A)
    );
    let vencida = certificado("EMPRESA B LTDA", CNPJ_B, -100, -2);
    registro.inserir(IdentidadeCertificado::de_der(vec![vencida.cert], vencida.chave).unwrap());
    let erro = registro.cliente(&cnpj(CNPJ_B)).unwrap_err();
    assert!(erro.to_string().contains(CNPJ_B), "{erro}");
}
