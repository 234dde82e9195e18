//! Loading the establishment's e-CNPJ identity (decision D5, `renave-ws.md` §1.2, §7.7):
//! PKCS#12 files written here with modern AES-256 and with the legacy RC2-40 and 3DES
//! encryptions ICP-Brasil issuers still produce, PEM with OpenSSL "Bag Attributes", the CNPJ
//! read from the SAN otherName 2.16.76.1.3.3 or the subject CN, and no secret in Debug.

mod comum;

use comum::{
    CNPJ_TESTE, Cifra, OID_3DES, OID_PBES2, OID_RC2_40, contem, escrever_pkcs12, gerar_pki,
};
use renave_ws_client::{Ambiente, ClienteRenaveWs, Erro, IdentidadeCertificado};
use secrecy::SecretString;

const SENHA: &str = "s3nh@-do-pfx";

fn senha() -> SecretString {
    SecretString::from(SENHA.to_owned())
}

fn carregar(cifra: Cifra) -> (comum::Pki, Vec<u8>, IdentidadeCertificado) {
    let pki = gerar_pki();
    let pfx = escrever_pkcs12(&pki.cliente, &pki.ca, SENHA, cifra);
    let id = IdentidadeCertificado::de_pkcs12(&pfx, &senha())
        .unwrap_or_else(|e| panic!("{cifra:?} PKCS#12 must load: {e}"));
    (pki, pfx, id)
}

fn conferir(pki: &comum::Pki, id: &IdentidadeCertificado) {
    assert_eq!(id.cnpj().map(renave_domain::Cnpj::as_str), Some(CNPJ_TESTE));
    assert_eq!(
        id.titular(),
        Some(format!("EMPRESA TESTE LTDA:{CNPJ_TESTE}").as_str())
    );
    let cadeia = id.cadeia_der();
    assert_eq!(cadeia.first(), Some(&pki.cliente.cert), "leaf first");
    assert!(cadeia.contains(&pki.ca), "chain keeps the CA");
}

#[test]
fn pkcs12_aes256_moderno() {
    let (pki, pfx, id) = carregar(Cifra::Aes256);
    assert!(contem(&pfx, OID_PBES2), "the file really is PBES2");
    assert!(!contem(&pfx, OID_RC2_40) && !contem(&pfx, OID_3DES));
    conferir(&pki, &id);
}

#[test]
fn pkcs12_legado_rc2_40() {
    let (pki, pfx, id) = carregar(Cifra::Rc2_40);
    assert!(
        contem(&pfx, OID_RC2_40),
        "the file really is RC2-40 encrypted"
    );
    assert!(!contem(&pfx, OID_PBES2));
    conferir(&pki, &id);
}

#[test]
fn pkcs12_legado_3des() {
    let (pki, pfx, id) = carregar(Cifra::TripleDes);
    assert!(contem(&pfx, OID_3DES), "the file really is 3DES encrypted");
    assert!(!contem(&pfx, OID_PBES2));
    conferir(&pki, &id);
}

#[test]
fn pkcs12_de_arquivo() {
    let pki = gerar_pki();
    let pfx = escrever_pkcs12(&pki.cliente, &pki.ca, SENHA, Cifra::Rc2_40);
    let dir = std::env::temp_dir().join(format!("renave-ws-pkcs12-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let caminho = dir.join("empresa.pfx");
    std::fs::write(&caminho, &pfx).expect("writes");
    let id = IdentidadeCertificado::de_arquivo_pkcs12(&caminho, &senha()).expect("loads");
    conferir(&pki, &id);
    let falta = IdentidadeCertificado::de_arquivo_pkcs12(dir.join("nao-existe.pfx"), &senha());
    assert!(matches!(falta, Err(Erro::Identidade { .. })));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn senha_errada_e_arquivo_danificado() {
    let pki = gerar_pki();
    for cifra in [Cifra::Aes256, Cifra::Rc2_40, Cifra::TripleDes] {
        let pfx = escrever_pkcs12(&pki.cliente, &pki.ca, SENHA, cifra);
        let e = IdentidadeCertificado::de_pkcs12(&pfx, &SecretString::from("errada".to_owned()))
            .expect_err("wrong password");
        assert!(matches!(e, Erro::Identidade { .. }), "{cifra:?}: {e:?}");
        let texto = format!("{e} {e:?}");
        assert!(
            !texto.contains("errada"),
            "the password never appears: {texto}"
        );
        assert!(!texto.contains('\n'));
    }
    let e = IdentidadeCertificado::de_pkcs12(b"not a pfx", &senha()).expect_err("garbage");
    assert!(matches!(e, Erro::Identidade { .. }));
}

#[test]
fn pem_com_bag_attributes() {
    let pki = gerar_pki();
    // As `openssl pkcs12 -legacy -in x.pfx -nodes` prints it.
    let certs = format!(
        "Bag Attributes\n    localKeyID: 01 02 03 04\nsubject=CN = EMPRESA\nissuer=CN = AC\n{}\
         Bag Attributes: <No Attributes>\n{}",
        pki.cliente.cert_pem,
        pem_de(&pki.ca)
    );
    let chave = format!(
        "Bag Attributes\n    localKeyID: 01 02 03 04\nKey Attributes: <No Attributes>\n{}",
        pki.cliente.chave_pem
    );
    let id = IdentidadeCertificado::de_pem(certs.as_bytes(), chave.as_bytes()).expect("PEM loads");
    conferir(&pki, &id);
    assert_eq!(id.cadeia_der().len(), 2);
}

#[test]
fn pem_invalido() {
    let pki = gerar_pki();
    let sem_cert = IdentidadeCertificado::de_pem(b"nada aqui", pki.cliente.chave_pem.as_bytes());
    assert!(matches!(sem_cert, Err(Erro::Identidade { .. })));
    let sem_chave = IdentidadeCertificado::de_pem(pki.cliente.cert_pem.as_bytes(), b"nada");
    assert!(matches!(sem_chave, Err(Erro::Identidade { .. })));
    let cert_lixo = IdentidadeCertificado::de_der(vec![vec![1, 2, 3]], pki.cliente.chave.clone());
    assert!(matches!(cert_lixo, Err(Erro::Identidade { .. })));
    let vazio = IdentidadeCertificado::de_der(Vec::new(), pki.cliente.chave.clone());
    assert!(matches!(vazio, Err(Erro::Identidade { .. })));
}

#[test]
fn cnpj_so_no_cn() {
    let pki = gerar_pki();
    let id = IdentidadeCertificado::de_der(
        vec![pki.cliente_so_cn.cert.clone()],
        pki.cliente_so_cn.chave.clone(),
    )
    .expect("loads");
    assert_eq!(id.cnpj().map(renave_domain::Cnpj::as_str), Some(CNPJ_TESTE));
    // A certificate without any CNPJ (a server certificate) has none.
    let sem =
        IdentidadeCertificado::de_der(vec![pki.servidor.cert.clone()], pki.servidor.chave.clone())
            .expect("loads");
    assert!(sem.cnpj().is_none());
    assert_eq!(sem.titular(), Some("localhost"));
}

#[test]
fn debug_nao_mostra_a_chave() {
    let (pki, _, id) = carregar(Cifra::Aes256);
    let d = format!("{id:?}");
    assert!(d.contains("<redacted>") && d.contains(CNPJ_TESTE), "{d}");
    let chave_b64 = pki
        .cliente
        .chave_pem
        .lines()
        .nth(1)
        .expect("a base64 line")
        .to_owned();
    assert!(!d.contains(&chave_b64) && !d.contains("PRIVATE"), "{d}");
    let clone = id.clone();
    assert_eq!(clone.cadeia_der(), id.cadeia_der());
}

#[test]
fn cliente_expoe_o_cnpj_da_identidade() {
    let (_, _, id) = carregar(Cifra::Rc2_40);
    let c = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Homologacao)
        .identidade(id)
        .build()
        .expect("builds");
    assert_eq!(c.cnpj().map(renave_domain::Cnpj::as_str), Some(CNPJ_TESTE));
    let d = format!("{c:?}");
    assert!(!d.contains("PRIVATE"), "{d}");
}

/// Builder rules of D5: an environment and an identity are required (but in the test mode);
/// https only; host-name relaxation only for homologação and the test mode.
#[test]
fn regras_do_builder() {
    let sem_id = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Producao)
        .build();
    assert!(matches!(sem_id, Err(Erro::Configuracao { .. })));
    let relaxado_prod = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Producao)
        .identidade(carregar(Cifra::Aes256).2)
        .relaxar_verificacao_hostname_homologacao(true)
        .build();
    assert!(matches!(relaxado_prod, Err(Erro::Configuracao { .. })));
    // The `permitir_http` switch does not open the relaxation to production.
    let relaxado_prod_teste = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Producao)
        .identidade(carregar(Cifra::Aes256).2)
        .permitir_http(true)
        .relaxar_verificacao_hostname_homologacao(true)
        .build();
    assert!(matches!(
        relaxado_prod_teste,
        Err(Erro::Configuracao { .. })
    ));
    let http = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Personalizado(
            url::Url::parse("http://127.0.0.1:1/").expect("url"),
        ))
        .identidade(carregar(Cifra::Aes256).2)
        .build();
    assert!(matches!(http, Err(Erro::Configuracao { .. })));
    // No environment: refused, whatever else is set (homologação is not a default).
    let sem_ambiente = ClienteRenaveWs::builder()
        .identidade(carregar(Cifra::Aes256).2)
        .build()
        .expect_err("no environment, no client");
    assert!(
        sem_ambiente.to_string().contains("ambiente"),
        "{sem_ambiente}"
    );
    // No identity: refused in homologação and for another gateway, not in the test mode.
    for ambiente in [
        Ambiente::Homologacao,
        Ambiente::Personalizado(url::Url::parse("https://proxy.local/rw").expect("url")),
    ] {
        let erro = ClienteRenaveWs::builder()
            .ambiente(ambiente)
            .build()
            .expect_err("no identity, no client");
        assert!(erro.to_string().contains("identidade"), "{erro}");
    }
    ClienteRenaveWs::builder()
        .ambiente(Ambiente::Local(
            url::Url::parse("http://localhost:1/").expect("url"),
        ))
        .build()
        .expect("the test mode builds without an identity");
    // The test mode is loopback only, naming the host refused.
    let fora = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Local(
            url::Url::parse("https://hom.renave.estaleiro.serpro.gov.br/renave-ws/").expect("url"),
        ))
        .build()
        .expect_err("Local is loopback only");
    assert!(
        fora.to_string()
            .contains("hom.renave.estaleiro.serpro.gov.br"),
        "{fora}"
    );
    // Relaxation outside homologação and the test mode: refused.
    let relaxado_outro = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Personalizado(
            url::Url::parse("https://proxy.local/rw").expect("url"),
        ))
        .identidade(carregar(Cifra::Aes256).2)
        .permitir_http(true)
        .relaxar_verificacao_hostname_homologacao(true)
        .build();
    assert!(matches!(relaxado_outro, Err(Erro::Configuracao { .. })));
    let hom = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Homologacao)
        .identidade(carregar(Cifra::Aes256).2)
        .relaxar_verificacao_hostname_homologacao(true)
        .build()
        .expect("homologação with identity builds");
    assert_eq!(
        hom.url_base().as_str(),
        "https://hom.renave.estaleiro.serpro.gov.br/renave-ws/"
    );
    let prod = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Producao)
        .identidade(carregar(Cifra::Aes256).2)
        .build()
        .expect("production with identity builds");
    assert_eq!(
        prod.url_base().as_str(),
        "https://renave.estaleiro.serpro.gov.br/renave-ws/"
    );
    let sem_barra = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Personalizado(
            url::Url::parse("https://proxy.local/rw").expect("url"),
        ))
        .identidade(carregar(Cifra::Aes256).2)
        .build()
        .expect("another gateway with identity builds");
    assert_eq!(sem_barra.url_base().as_str(), "https://proxy.local/rw/");
}

fn pem_de(der: &[u8]) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut s = String::from("-----BEGIN CERTIFICATE-----\n");
    for linha in b64.as_bytes().chunks(64) {
        s.push_str(std::str::from_utf8(linha).expect("ascii"));
        s.push('\n');
    }
    s.push_str("-----END CERTIFICATE-----\n");
    s
}

/// A PFX holding several private keys: the one chosen is the key whose leaf certificate
/// carries its public key — never a key without certificate nor a key paired with another
/// key's certificate, whatever the alias order (`a-…` and `b-…` sort first here).
#[test]
fn pkcs12_com_varias_chaves_escolhe_a_da_folha() {
    use p12_keystore::{
        Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, PrivateKey, PrivateKeyChain,
    };
    let pki = gerar_pki();
    let chave = |der: &[u8]| PrivateKey::from_der(der).expect("PKCS#8 key");
    let cert = |der: &[u8]| Certificate::from_der(der).expect("X.509");
    let mut ks = KeyStore::new();
    ks.add_entry(
        "a-sem-certificado",
        KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(
            b"id-a".as_slice(),
            chave(&pki.servidor.chave),
            Vec::new(),
        )),
    );
    ks.add_entry(
        "b-certificado-de-outra-chave",
        KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(
            b"id-b".as_slice(),
            chave(&pki.servidor_outro_nome.chave),
            vec![cert(&pki.cliente_so_cn.cert), cert(&pki.ca)],
        )),
    );
    ks.add_entry(
        "c-empresa",
        KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(
            b"id-c".as_slice(),
            chave(&pki.cliente.chave),
            vec![cert(&pki.cliente.cert), cert(&pki.ca)],
        )),
    );
    let pfx = ks
        .writer(SENHA)
        .encryption_algorithm(EncryptionAlgorithm::PbeWithHmacSha256AndAes256)
        .write()
        .expect("writes a PFX");
    let id = IdentidadeCertificado::de_pkcs12(&pfx, &senha())
        .unwrap_or_else(|e| panic!("the matching entry must load: {e}"));
    conferir(&pki, &id);
}
