//! The establishment's client certificate (*certificado digital e-CNPJ ICP-Brasil*) used for
//! mutual TLS with Renave-WS (decision D5; `renave-ws.md` §1.2).
//!
//! Renave-WS identifies the establishment **only** by the CNPJ of the certificate, so one
//! client is built per identity. An identity loads from:
//!
//! * a PKCS#12 file (`.pfx`/`.p12`, the A1 certificate) and its password — modern AES-256
//!   (PBES2) files **and** the legacy RC2-40-CBC / 3DES files ICP-Brasil issuers still produce,
//!   which some runtimes cannot read (`renave-ws.md` §7.7) — feature `pkcs12`, on by default;
//! * PEM certificate chain + PEM private key (PKCS#8, PKCS#1 or SEC1), e.g. exported with
//!   `openssl pkcs12 -legacy`; text around the PEM blocks ("Bag Attributes") is ignored.
//!
//! The CNPJ of the certificate is read from the subject alternative name `otherName`
//! OID 2.16.76.1.3.3 (ICP-Brasil DOC-ICP-04) and, failing that, from the subject CN in the
//! form `NOME DA EMPRESA:CNPJ14`.

use std::fmt;
use std::path::Path;

use renave_domain::Cnpj;
#[cfg(feature = "pkcs12")]
use rustls::pki_types::PrivatePkcs8KeyDer;
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
#[cfg(feature = "pkcs12")]
use secrecy::SecretString;
use secrecy::{ExposeSecret as _, SecretBox};

use crate::erro::Erro;

/// OID of the ICP-Brasil SAN `otherName` that holds the CNPJ of a legal entity
/// (DOC-ICP-04, 2.16.76.1.3.3).
const OID_ICP_BRASIL_CNPJ: &str = "2.16.76.1.3.3";

#[cfg(feature = "pkcs12")]
/// The private key chain of a PKCS#12 key store to use: the first whose leaf certificate
/// holds the key's public key, else the first with certificates, else the first.
fn escolher_cadeia(ks: &p12_keystore::KeyStore) -> Option<&p12_keystore::PrivateKeyChain> {
    let cadeias: Vec<&p12_keystore::PrivateKeyChain> = ks
        .entries()
        .filter_map(|(_, e)| match e {
            p12_keystore::KeyStoreEntry::PrivateKeyChain(c) => Some(c),
            _ => None,
        })
        .collect();
    cadeias
        .iter()
        .copied()
        .find(|c| chave_da_folha(c))
        .or_else(|| cadeias.iter().copied().find(|c| !c.certs().is_empty()))
        .or_else(|| cadeias.first().copied())
}

/// Whether the chain's leaf certificate carries the public key of its private key (PKCS#8).
#[cfg(feature = "pkcs12")]
fn chave_da_folha(cadeia: &p12_keystore::PrivateKeyChain) -> bool {
    let Some(folha) = cadeia.certs().first() else {
        return false;
    };
    let Ok((_, x509)) = x509_parser::parse_x509_certificate(folha.as_der()) else {
        return false;
    };
    let chave = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cadeia.key().as_der()));
    let Ok(assinante) = rustls::crypto::ring::sign::any_supported_type(&chave) else {
        return false;
    };
    assinante
        .public_key()
        .is_some_and(|spki| spki.as_ref() == x509.tbs_certificate.subject_pki.raw)
}

/// A client certificate chain and its private key, for mutual TLS (decision D5).
///
/// `Debug` shows the holder's name and CNPJ, never the key.
///
#[cfg_attr(feature = "pkcs12", doc = "```no_run")]
#[cfg_attr(not(feature = "pkcs12"), doc = "```ignore")]
/// use renave_ws_client::IdentidadeCertificado;
/// use secrecy::SecretString;
///
/// let senha = SecretString::from(std::env::var("PFX_SENHA")?);
/// let id = IdentidadeCertificado::de_arquivo_pkcs12("empresa.pfx", &senha)?;
/// println!("certificate of CNPJ {:?}", id.cnpj().map(|c| c.as_str().to_owned()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct IdentidadeCertificado {
    cadeia: Vec<Vec<u8>>,
    chave: SecretBox<Vec<u8>>,
    cnpj: Option<Cnpj>,
    titular: Option<String>,
    nao_antes: jiff::Timestamp,
    nao_depois: jiff::Timestamp,
}

impl Clone for IdentidadeCertificado {
    fn clone(&self) -> Self {
        Self {
            cadeia: self.cadeia.clone(),
            chave: SecretBox::new(Box::new(self.chave.expose_secret().clone())),
            cnpj: self.cnpj,
            titular: self.titular.clone(),
            nao_antes: self.nao_antes,
            nao_depois: self.nao_depois,
        }
    }
}

/// Reads a certificate or key file; an error names it (`tipo`: what it should hold).
fn ler_arquivo(caminho: &Path, tipo: &str) -> Result<Vec<u8>, Erro> {
    std::fs::read(caminho).map_err(|e| {
        Erro::identidade(
            format!("the {tipo} file `{}` could not be read", caminho.display()),
            Some(Box::new(e)),
        )
    })
}

/// `erro` with the file it is about named in its message.
fn no_arquivo(erro: Erro, caminho: &Path) -> Erro {
    match erro {
        Erro::Identidade { motivo, fonte } => Erro::Identidade {
            motivo: format!("`{}`: {motivo}", caminho.display()),
            fonte,
        },
        outro => outro,
    }
}

impl fmt::Debug for IdentidadeCertificado {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdentidadeCertificado")
            .field("titular", &self.titular)
            .field("cnpj", &self.cnpj.as_ref().map(Cnpj::as_str))
            .field("nao_antes", &self.nao_antes)
            .field("nao_depois", &self.nao_depois)
            .field("certificados", &self.cadeia.len())
            .field("chave", &"<redacted>")
            .finish()
    }
}

impl IdentidadeCertificado {
    /// Loads a PKCS#12 (`.pfx`) identity from bytes: a private key and its chain. When the
    /// file holds several keys, the one whose leaf certificate carries its public key is
    /// chosen, else the first one that has certificates (never, by alias order, a key
    /// without its certificate). Keys the file does not tie to a certificate by `localKeyId`
    /// are not seen (the PKCS#12 reader skips them).
    ///
    /// Accepts AES-256/PBES2 files and the legacy `pbeWithSHAAnd40BitRC2-CBC` and
    /// `pbeWithSHAAnd3-KeyTripleDES-CBC` encryptions. Feature `pkcs12` (default).
    #[cfg(feature = "pkcs12")]
    pub fn de_pkcs12(der: &[u8], senha: &SecretString) -> Result<Self, Erro> {
        let ks = p12_keystore::KeyStore::from_pkcs12(
            der,
            senha.expose_secret(),
            p12_keystore::Pkcs12ImportPolicy::Relaxed,
        )
        .map_err(|e| {
            Erro::identidade(
                "the PKCS#12 file could not be read (wrong password or damaged file)",
                Some(Box::new(e)),
            )
        })?;
        let cadeia = escolher_cadeia(&ks)
            .ok_or_else(|| Erro::identidade("the PKCS#12 file holds no private key", None))?;
        let certs: Vec<Vec<u8>> = cadeia.certs().iter().map(|c| c.as_der().to_vec()).collect();
        if certs.is_empty() {
            return Err(Erro::identidade(
                "the PKCS#12 file holds no certificate for its private key",
                None,
            ));
        }
        Self::de_der(certs, cadeia.key().as_der().to_vec())
    }

    /// Loads a PKCS#12 (`.pfx`) identity from a file (see [`de_pkcs12`](Self::de_pkcs12)).
    /// Every error names the file (never the password). Feature `pkcs12` (default).
    #[cfg(feature = "pkcs12")]
    pub fn de_arquivo_pkcs12(
        caminho: impl AsRef<Path>,
        senha: &SecretString,
    ) -> Result<Self, Erro> {
        let caminho = caminho.as_ref();
        let bytes = ler_arquivo(caminho, "PKCS#12")?;
        Self::de_pkcs12(&bytes, senha).map_err(|e| no_arquivo(e, caminho))
    }

    /// Loads a PEM identity from two files: the certificate chain (leaf first) and the private
    /// key (see [`de_pem`](Self::de_pem)). Every error names the file at fault.
    pub fn de_arquivos_pem(
        certificados: impl AsRef<Path>,
        chave: impl AsRef<Path>,
    ) -> Result<Self, Erro> {
        let (certificados, chave) = (certificados.as_ref(), chave.as_ref());
        let texto_certificados = ler_arquivo(certificados, "PEM certificate")?;
        let texto_chave = SecretBox::new(Box::new(ler_arquivo(chave, "PEM key")?));
        Self::de_pem(&texto_certificados, texto_chave.expose_secret()).map_err(|e| {
            let arquivo = match &e {
                Erro::Identidade { motivo, .. } if motivo.contains("private key") => chave,
                _ => certificados,
            };
            no_arquivo(e, arquivo)
        })
    }

    /// Loads an identity from PEM: the certificate chain (leaf first) and the private key
    /// (`PRIVATE KEY`, `RSA PRIVATE KEY` or `EC PRIVATE KEY`). Text outside the PEM blocks,
    /// such as OpenSSL's "Bag Attributes", is ignored.
    pub fn de_pem(certificados_pem: &[u8], chave_pem: &[u8]) -> Result<Self, Erro> {
        let certs: Vec<Vec<u8>> = CertificateDer::pem_slice_iter(certificados_pem)
            .map(|c| c.map(|c| c.as_ref().to_vec()))
            .collect::<Result<_, _>>()
            .map_err(|e| Erro::identidade("the PEM certificate is malformed", Some(Box::new(e))))?;
        if certs.is_empty() {
            return Err(Erro::identidade(
                "no CERTIFICATE block found in the PEM certificate text",
                None,
            ));
        }
        let chave = PrivateKeyDer::from_pem_slice(chave_pem).map_err(|e| {
            Erro::identidade(
                "no usable private key found in the PEM key text",
                Some(Box::new(e)),
            )
        })?;
        Self::de_der(certs, chave.secret_der().to_vec())
    }

    /// Builds an identity from DER: certificate chain (leaf first) and private key (PKCS#8,
    /// PKCS#1 or SEC1 DER). The leaf certificate must parse as X.509.
    pub fn de_der(cadeia_der: Vec<Vec<u8>>, chave_der: Vec<u8>) -> Result<Self, Erro> {
        let chave = SecretBox::new(Box::new(chave_der));
        let folha = cadeia_der
            .first()
            .ok_or_else(|| Erro::identidade("empty certificate chain", None))?;
        let (_, cert) = x509_parser::parse_x509_certificate(folha).map_err(|e| {
            Erro::identidade(
                "the client certificate is not valid X.509",
                Some(Box::new(e)),
            )
        })?;
        let titular = cert
            .subject()
            .iter_common_name()
            .next()
            .and_then(|cn| cn.as_str().ok())
            .map(str::to_owned);
        let cnpj = cnpj_da_san(&cert).or_else(|| titular.as_deref().and_then(cnpj_do_cn));
        let validade = cert.validity();
        let nao_antes = instante(validade.not_before.timestamp());
        let nao_depois = instante(validade.not_after.timestamp());
        Ok(Self {
            cadeia: cadeia_der,
            chave,
            cnpj,
            titular,
            nao_antes,
            nao_depois,
        })
    }

    /// The CNPJ of the establishment the certificate belongs to (SAN OID 2.16.76.1.3.3, else
    /// the subject CN `NOME:CNPJ`), if the certificate carries one.
    pub fn cnpj(&self) -> Option<&Cnpj> {
        self.cnpj.as_ref()
    }

    /// The subject common name (CN) of the leaf certificate.
    pub fn titular(&self) -> Option<&str> {
        self.titular.as_deref()
    }

    /// Start of the leaf certificate's validity (X.509 `notBefore`, *válido a partir de*).
    pub fn nao_antes(&self) -> jiff::Timestamp {
        self.nao_antes
    }

    /// End of the leaf certificate's validity (X.509 `notAfter`, *válido até*).
    pub fn nao_depois(&self) -> jiff::Timestamp {
        self.nao_depois
    }

    /// Whether the leaf certificate is valid at `agora` (`notBefore <= agora <= notAfter`).
    pub fn valido_em(&self, agora: jiff::Timestamp) -> bool {
        self.nao_antes <= agora && agora <= self.nao_depois
    }

    /// The certificate chain in DER, leaf first.
    pub fn cadeia_der(&self) -> &[Vec<u8>] {
        &self.cadeia
    }

    /// The parts the transport needs: the chain and a copy of the key in a secret box.
    pub(crate) fn para_transporte(&self) -> (Vec<Vec<u8>>, SecretBox<Vec<u8>>) {
        (
            self.cadeia.clone(),
            SecretBox::new(Box::new(self.chave.expose_secret().clone())),
        )
    }
}

/// A certificate time (seconds since the Unix epoch) as a timestamp, clamped to what `jiff`
/// represents (years −9999 to 9999; X.509 times never leave it).
fn instante(segundos: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(segundos).unwrap_or(if segundos < 0 {
        jiff::Timestamp::MIN
    } else {
        jiff::Timestamp::MAX
    })
}

/// The CNPJ of an ICP-Brasil e-CNPJ subject CN (`RAZAO SOCIAL:12345678000195`).
fn cnpj_do_cn(cn: &str) -> Option<Cnpj> {
    let (_, depois) = cn.rsplit_once(':')?;
    let digitos = depois.trim();
    if digitos.len() != 14 {
        return None;
    }
    digitos.parse().ok()
}

/// The CNPJ of the SAN `otherName` 2.16.76.1.3.3. Its value is a string type (usually an
/// OCTET STRING or PrintableString) holding 14 characters; the raw bytes are scanned for the
/// 14-character run so that any of those encodings works.
fn cnpj_da_san(cert: &x509_parser::certificate::X509Certificate<'_>) -> Option<Cnpj> {
    use x509_parser::extensions::GeneralName;
    let san = cert.subject_alternative_name().ok()??;
    san.value.general_names.iter().find_map(|nome| match nome {
        GeneralName::OtherName(oid, valor) if oid.to_id_string() == OID_ICP_BRASIL_CNPJ => {
            cnpj_em_bytes(valor)
        }
        _ => None,
    })
}

/// Finds a valid CNPJ as the last 14 alphanumeric bytes of a DER value (the content follows
/// the tag and length bytes).
fn cnpj_em_bytes(valor: &[u8]) -> Option<Cnpj> {
    let n = valor.len();
    if n < 14 {
        return None;
    }
    let fim = valor.get(n - 14..)?;
    let texto = std::str::from_utf8(fim).ok()?;
    texto.parse().ok()
}

#[cfg(test)]
mod testes {
    use super::*;

    #[test]
    fn cnpj_do_cn_le_o_formato_icp_brasil() {
        assert_eq!(
            cnpj_do_cn("EMPRESA TESTE LTDA:11222333000181").map(|c| c.as_str().to_owned()),
            Some("11222333000181".to_owned())
        );
        assert!(cnpj_do_cn("EMPRESA TESTE LTDA").is_none());
        assert!(cnpj_do_cn("EMPRESA:123").is_none());
        assert!(cnpj_do_cn("EMPRESA:11222333000182").is_none());
    }

    proptest::proptest! {
        /// Any CN is read without panic; a valid CNPJ after the last `:` is found.
        #[test]
        fn cnpj_do_cn_qualquer_texto(cn in ".{0,60}") {
            let _ = cnpj_do_cn(&cn);
            let com = format!("{cn}:11222333000181");
            proptest::prop_assert_eq!(
                cnpj_do_cn(&com).map(|c| c.as_str().to_owned()),
                Some("11222333000181".to_owned())
            );
        }

        /// Arbitrary bytes as a certificate are an error, never a panic.
        #[test]
        fn de_der_qualquer_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let _ = IdentidadeCertificado::de_der(vec![bytes.clone()], vec![1, 2, 3]);
            let _ = cnpj_em_bytes(&bytes);
            #[cfg(feature = "pkcs12")]
            let _ = IdentidadeCertificado::de_pkcs12(&bytes, &SecretString::from("x".to_owned()));
        }
    }

    #[test]
    fn cnpj_em_bytes_aceita_conteudo_der() {
        let mut der = vec![0xA0, 0x10, 0x04, 0x0E];
        der.extend_from_slice(b"11222333000181");
        assert!(cnpj_em_bytes(&der).is_some());
        assert!(cnpj_em_bytes(b"123").is_none());
    }
}
