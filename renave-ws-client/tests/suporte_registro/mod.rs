//! The identity registry's test support (`registro.rs`, `registro_aviso.rs`): e-CNPJ-like
//! certificates generated here, PKCS#12 files, a directory per test, and a tracing writer.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::comum::{Cifra, Par, escrever_pkcs12};
use rcgen::{CertificateParams, DnType, ExtendedKeyUsagePurpose, KeyPair};
use renave_domain::Cnpj;
use renave_ws_client::{Ambiente, ClienteRenaveWs, RegistroIdentidades};
use secrecy::SecretString;
use std::time::Duration;

pub(crate) const SENHA: &str = "senha-do-pfx-123";
pub(crate) const CNPJ_A: &str = "11222333000181";
pub(crate) const CNPJ_B: &str = "11444777000161";

pub(crate) fn cnpj(s: &str) -> Cnpj {
    s.parse().unwrap()
}

/// The UTC date `dias` days from now, as (year, month, day).
pub(crate) fn data(dias: i64) -> (i32, u8, u8) {
    let dias_desde_1970 = jiff::Timestamp::now().as_second().div_euclid(86_400) + dias;
    let d = jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::SignedDuration::from_hours(dias_desde_1970 * 24))
        .unwrap();
    (
        i32::from(d.year()),
        u8::try_from(d.month()).unwrap(),
        u8::try_from(d.day()).unwrap(),
    )
}

/// A self-signed e-CNPJ-like client certificate (CN `NOME:CNPJ`) valid from `de` to `ate`
/// days from now.
pub(crate) fn certificado(nome: &str, cnpj: &str, de: i64, ate: i64) -> Par {
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.distinguished_name
        .push(DnType::CommonName, format!("{nome}:{cnpj}"));
    p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let (y, m, d) = data(de);
    p.not_before = rcgen::date_time_ymd(y, m, d);
    let (y, m, d) = data(ate);
    p.not_after = rcgen::date_time_ymd(y, m, d);
    let chave = KeyPair::generate().unwrap();
    let cert = p.self_signed(&chave).unwrap();
    Par {
        cert: cert.der().to_vec(),
        chave: chave.serialize_der(),
        cert_pem: cert.pem(),
        chave_pem: chave.serialize_pem(),
    }
}

pub(crate) fn pfx(par: &Par, senha: &str) -> Vec<u8> {
    escrever_pkcs12(par, &par.cert, senha, Cifra::Aes256)
}

/// A fresh directory of the test's own.
pub(crate) fn diretorio(nome: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("renave-registro-{}-{nome}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The password lookup: `SENHA` for every file but those named `errada*`.
pub(crate) fn senhas(arquivo: &Path) -> Option<SecretString> {
    let nome = arquivo.file_name()?.to_str()?;
    if nome.starts_with("sem-senha") {
        return None;
    }
    Some(SecretString::from(if nome.starts_with("errada") {
        "outra-senha".to_owned()
    } else {
        SENHA.to_owned()
    }))
}

/// The clients' base: an environment is required (there is no default); no request is sent.
pub(crate) fn base() -> renave_ws_client::ClienteRenaveWsBuilder {
    ClienteRenaveWs::builder().ambiente(Ambiente::Homologacao)
}

pub(crate) fn registro(dir: &Path) -> RegistroIdentidades {
    RegistroIdentidades::de_diretorio(dir, senhas)
        .builder_base(base)
        .intervalo_verificacao(Duration::ZERO)
}

/// A tracing writer collecting the log lines.
#[derive(Clone, Default)]
pub(crate) struct Linhas(pub(crate) Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Linhas {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
