//! Shared test support of `renave-ws-client`: a client against a wiremock server, and a small
//! test PKI generated on the fly (a CA, a `localhost` server certificate and e-CNPJ-like client
//! certificates) with PKCS#12 files written in modern and legacy encryptions.

#![allow(dead_code, unreachable_pub)]

use std::time::Duration;

use p12_keystore::{
    Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, LocalKeyId, MacAlgorithm,
    PrivateKey, PrivateKeyChain,
};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, OtherNameValue, SanType,
};
use renave_ws_client::{Ambiente, ClienteRenaveWs, ClienteRenaveWsBuilder, RetryPolicy};
use wiremock::MockServer;

/// The CNPJ the test client certificates carry.
pub const CNPJ_TESTE: &str = "11222333000181";

/// A retry policy with tiny waits (3 attempts).
pub fn politica_rapida() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        max_retry_after: Duration::from_millis(5),
        jitter: false,
    }
}

/// A builder aimed at `servidor` (plain http allowed, quick retries).
pub fn builder_wiremock(servidor: &MockServer) -> ClienteRenaveWsBuilder {
    let url = url::Url::parse(&servidor.uri()).expect("wiremock URI is a URL");
    ClienteRenaveWs::builder()
        .ambiente(Ambiente::Local(url))
        .retentativas(politica_rapida())
}

/// A client against `servidor`.
pub fn cliente_wiremock(servidor: &MockServer) -> ClienteRenaveWs {
    builder_wiremock(servidor)
        .build()
        .expect("test client builds")
}

/// A certificate in DER with its PKCS#8 private key.
pub struct Par {
    /// Certificate, DER.
    pub cert: Vec<u8>,
    /// Private key, PKCS#8 DER.
    pub chave: Vec<u8>,
    /// Certificate, PEM.
    pub cert_pem: String,
    /// Private key, PEM.
    pub chave_pem: String,
}

/// A test PKI.
pub struct Pki {
    /// The CA certificate, DER (to trust on both sides).
    pub ca: Vec<u8>,
    /// Server certificate for `localhost` / 127.0.0.1.
    pub servidor: Par,
    /// Server certificate for a different host name (`outro.example`), same CA.
    pub servidor_outro_nome: Par,
    /// e-CNPJ-like client certificate: CN `EMPRESA TESTE LTDA:11222333000181` and SAN otherName
    /// 2.16.76.1.3.3.
    pub cliente: Par,
    /// Client certificate with the CNPJ in the CN only (no SAN).
    pub cliente_so_cn: Par,
    /// Client certificate from ANOTHER CA (the server must refuse it).
    pub cliente_estranho: Par,
}

fn par(params: &CertificateParams, issuer: &Issuer<'_, KeyPair>) -> Par {
    let chave = KeyPair::generate().expect("key pair");
    let cert = params.signed_by(&chave, issuer).expect("signs");
    Par {
        cert: cert.der().to_vec(),
        chave: chave.serialize_der(),
        cert_pem: cert.pem(),
        chave_pem: chave.serialize_pem(),
    }
}

fn nova_ca(nome: &str) -> (Vec<u8>, Issuer<'static, KeyPair>) {
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, nome);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let chave = KeyPair::generate().expect("CA key");
    let cert = params.self_signed(&chave).expect("self-signed");
    (cert.der().to_vec(), Issuer::new(params, chave))
}

fn params_servidor(nomes: &[&str]) -> CertificateParams {
    let mut p = CertificateParams::new(nomes.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
        .expect("server params");
    p.distinguished_name.push(DnType::CommonName, nomes[0]);
    p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    p
}

fn params_cliente(cn: &str, san_cnpj: bool) -> CertificateParams {
    let mut p = CertificateParams::new(Vec::<String>::new()).expect("client params");
    p.distinguished_name.push(DnType::CommonName, cn);
    p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    if san_cnpj {
        p.subject_alt_names = vec![SanType::OtherName((
            vec![2, 16, 76, 1, 3, 3],
            OtherNameValue::Utf8String(CNPJ_TESTE.to_owned()),
        ))];
    }
    p
}

/// Generates the test PKI.
pub fn gerar_pki() -> Pki {
    let (ca, issuer) = nova_ca("AC TESTE RENAVE-RS");
    let (_, issuer_estranho) = nova_ca("AC ESTRANHA");
    let mut p_localhost = params_servidor(&["localhost"]);
    p_localhost
        .subject_alt_names
        .push(SanType::IpAddress(std::net::IpAddr::from([127, 0, 0, 1])));
    Pki {
        ca,
        servidor: par(&p_localhost, &issuer),
        servidor_outro_nome: par(&params_servidor(&["outro.example"]), &issuer),
        cliente: par(
            &params_cliente(&format!("EMPRESA TESTE LTDA:{CNPJ_TESTE}"), true),
            &issuer,
        ),
        cliente_so_cn: par(
            &params_cliente(&format!("OUTRA EMPRESA SA:{CNPJ_TESTE}"), false),
            &issuer,
        ),
        cliente_estranho: par(
            &params_cliente(&format!("INTRUSA LTDA:{CNPJ_TESTE}"), true),
            &issuer_estranho,
        ),
    }
}

/// The PKCS#12 encryptions the tests write.
#[derive(Debug, Clone, Copy)]
pub enum Cifra {
    /// PBES2 / AES-256-CBC with HMAC-SHA256 MAC (modern OpenSSL default).
    Aes256,
    /// `pbeWithSHAAnd40BitRC2-CBC` with HMAC-SHA1 MAC (legacy A1 files).
    Rc2_40,
    /// `pbeWithSHAAnd3-KeyTripleDES-CBC` with HMAC-SHA1 MAC (legacy A1 files).
    TripleDes,
}

/// Writes a PKCS#12 file holding `par` and the CA, encrypted with `cifra`.
pub fn escrever_pkcs12(par: &Par, ca: &[u8], senha: &str, cifra: Cifra) -> Vec<u8> {
    let chave = PrivateKey::from_der(&par.chave).expect("PKCS#8 key");
    let certs = [
        Certificate::from_der(&par.cert).expect("leaf"),
        Certificate::from_der(ca).expect("CA"),
    ];
    let cadeia = PrivateKeyChain::new(LocalKeyId(vec![1, 2, 3, 4]), chave, certs);
    let mut ks = KeyStore::new();
    ks.add_entry("e-cnpj", KeyStoreEntry::PrivateKeyChain(cadeia));
    let (alg, mac) = match cifra {
        Cifra::Aes256 => (
            EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
            MacAlgorithm::HmacSha256,
        ),
        Cifra::Rc2_40 => (
            EncryptionAlgorithm::PbeWithShaAnd40BitRc4Cbc,
            MacAlgorithm::HmacSha1,
        ),
        Cifra::TripleDes => (
            EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc,
            MacAlgorithm::HmacSha1,
        ),
    };
    ks.writer(senha)
        .encryption_algorithm(alg)
        .mac_algorithm(mac)
        .encryption_iterations(2048)
        .mac_iterations(2048)
        .write()
        .expect("writes PKCS#12")
}

/// DER of the OID `pbeWithSHAAnd40BitRC2-CBC` (1.2.840.113549.1.12.1.6).
pub const OID_RC2_40: &[u8] = &[
    0x06, 0x0A, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x01, 0x06,
];
/// DER of the OID `pbeWithSHAAnd3-KeyTripleDES-CBC` (1.2.840.113549.1.12.1.3).
pub const OID_3DES: &[u8] = &[
    0x06, 0x0A, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x01, 0x03,
];
/// DER of the OID `PBES2` (1.2.840.113549.1.5.13).
pub const OID_PBES2: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D,
];

/// Whether `haystack` contains `needle`.
pub fn contem(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
