//! Mutual TLS (decision D5, `renave-ws.md` §1.2) against a local TLS server that REQUIRES a
//! client certificate signed by its CA: accepted with the e-CNPJ identity (from a legacy
//! RC2-40 PKCS#12 file and from PEM), refused without a certificate or with one from another
//! CA; the homologação host-name relaxation skips only the name check.

mod comum;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use comum::{CNPJ_TESTE, Cifra, Par, Pki, escrever_pkcs12, gerar_pki};
use renave_ws_client::{
    Ambiente, ClienteRenaveWs, ClienteRenaveWsBuilder, Erro, IdentidadeCertificado, RetryPolicy,
};
use rustls::RootCertStore;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::WebPkiClientVerifier;
use secrecy::SecretString;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;

/// What the server saw.
#[derive(Default)]
struct Registro {
    /// Leaf client certificates of accepted handshakes.
    aceitos: Vec<Vec<u8>>,
    /// Request lines of the accepted requests.
    requisicoes: Vec<String>,
    /// Handshakes that failed.
    recusados: usize,
}

/// Starts a TLS server on 127.0.0.1 that requires a client certificate issued by the test CA
/// and answers every request with a Renave-WS `cliente-autenticado` body.
async fn servidor_mtls(pki: &Pki, cert_servidor: &Par) -> (SocketAddr, Arc<Mutex<Registro>>) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut raizes = RootCertStore::empty();
    raizes
        .add(CertificateDer::from(pki.ca.clone()))
        .expect("CA is a valid root");
    let verificador =
        WebPkiClientVerifier::builder_with_provider(Arc::new(raizes), provider.clone())
            .build()
            .expect("client verifier");
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_client_cert_verifier(verificador)
        .with_single_cert(
            vec![
                CertificateDer::from(cert_servidor.cert.clone()),
                CertificateDer::from(pki.ca.clone()),
            ],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert_servidor.chave.clone())),
        )
        .expect("server config");
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
    let endereco = listener.local_addr().expect("address");
    let registro = Arc::new(Mutex::new(Registro::default()));
    let reg = Arc::clone(&registro);
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            let reg = Arc::clone(&reg);
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    reg.lock().expect("lock").recusados += 1;
                    return;
                };
                let folha = tls
                    .get_ref()
                    .1
                    .peer_certificates()
                    .and_then(|c| c.first())
                    .map(|c| c.as_ref().to_vec())
                    .unwrap_or_default();
                let mut buf = Vec::new();
                let mut bloco = [0_u8; 1024];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut bloco).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&bloco[..n]),
                    }
                }
                let linha = String::from_utf8_lossy(&buf)
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                {
                    let mut r = reg.lock().expect("lock");
                    r.aceitos.push(folha);
                    r.requisicoes.push(linha);
                }
                let corpo = format!(
                    r#"{{"cnpj":"{CNPJ_TESTE}","nome":"EMPRESA TESTE LTDA","endereco":{{"municipio":{{"id":"2381"}}}}}}"#
                );
                let resposta = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{corpo}",
                    corpo.len()
                );
                let _ = tls.write_all(resposta.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (endereco, registro)
}

fn builder(endereco: SocketAddr, pki: &Pki) -> ClienteRenaveWsBuilder {
    let url =
        url::Url::parse(&format!("https://127.0.0.1:{}/renave-ws", endereco.port())).expect("url");
    ClienteRenaveWs::builder()
        .ambiente(Ambiente::Local(url))
        .adicionar_raiz_confiavel_der(pki.ca.clone())
        .retentativas(RetryPolicy::disabled())
}

fn identidade_legada(pki: &Pki) -> IdentidadeCertificado {
    let pfx = escrever_pkcs12(&pki.cliente, &pki.ca, "1234", Cifra::Rc2_40);
    IdentidadeCertificado::de_pkcs12(&pfx, &SecretString::from("1234".to_owned()))
        .expect("legacy PKCS#12 loads")
}

#[tokio::test]
async fn aceito_com_a_identidade_e_cnpj_de_um_pkcs12_legado() {
    let pki = gerar_pki();
    let (endereco, registro) = servidor_mtls(&pki, &pki.servidor).await;
    let cliente = builder(endereco, &pki)
        .identidade(identidade_legada(&pki))
        .build()
        .expect("builds");
    assert_eq!(
        cliente.cnpj().map(renave_domain::Cnpj::as_str),
        Some(CNPJ_TESTE)
    );
    let r = cliente
        .consultar_cliente_autenticado()
        .await
        .expect("mutual TLS accepted");
    assert_eq!(r.nome.as_deref(), Some("EMPRESA TESTE LTDA"));
    let reg = registro.lock().expect("lock");
    assert_eq!(
        reg.aceitos,
        vec![pki.cliente.cert.clone()],
        "the server saw our certificate"
    );
    assert_eq!(
        reg.requisicoes,
        vec!["GET /renave-ws/api/cliente-autenticado HTTP/1.1".to_owned()]
    );
    assert_eq!(reg.recusados, 0);
}

#[tokio::test]
async fn aceito_com_identidade_pem() {
    let pki = gerar_pki();
    let (endereco, registro) = servidor_mtls(&pki, &pki.servidor).await;
    let id = IdentidadeCertificado::de_pem(
        pki.cliente.cert_pem.as_bytes(),
        pki.cliente.chave_pem.as_bytes(),
    )
    .expect("PEM loads");
    let cliente = builder(endereco, &pki)
        .identidade(id)
        .build()
        .expect("builds");
    cliente
        .consultar_cliente_autenticado()
        .await
        .expect("mutual TLS accepted");
    assert_eq!(registro.lock().expect("lock").aceitos.len(), 1);
}

#[tokio::test]
async fn recusado_sem_certificado_de_cliente() {
    let pki = gerar_pki();
    let (endereco, registro) = servidor_mtls(&pki, &pki.servidor).await;
    let cliente = builder(endereco, &pki).build().expect("builds");
    let e = cliente
        .consultar_cliente_autenticado()
        .await
        .expect_err("the server requires a client certificate");
    assert!(
        matches!(e, Erro::Transporte { .. }),
        "a refused handshake is a transport error, not an answer: {e:?}"
    );
    assert!(e.status().is_none());
    let reg = registro.lock().expect("lock");
    assert!(reg.aceitos.is_empty() && reg.requisicoes.is_empty());
}

#[tokio::test]
async fn recusado_com_certificado_de_outra_ac() {
    let pki = gerar_pki();
    let (endereco, registro) = servidor_mtls(&pki, &pki.servidor).await;
    let estranho = IdentidadeCertificado::de_der(
        vec![pki.cliente_estranho.cert.clone()],
        pki.cliente_estranho.chave.clone(),
    )
    .expect("loads");
    let cliente = builder(endereco, &pki)
        .identidade(estranho)
        .build()
        .expect("builds");
    let e = cliente
        .consultar_cliente_autenticado()
        .await
        .expect_err("untrusted client certificate");
    assert!(matches!(e, Erro::Transporte { .. }), "{e:?}");
    assert!(registro.lock().expect("lock").aceitos.is_empty());
}

#[tokio::test]
async fn servidor_de_outra_ac_e_recusado_pelo_cliente() {
    let pki = gerar_pki();
    let outra = gerar_pki();
    // The server presents a certificate of a CA the client does not trust.
    let (endereco, _registro) = servidor_mtls(&pki, &outra.servidor).await;
    let cliente = builder(endereco, &pki)
        .identidade(identidade_legada(&pki))
        .build()
        .expect("builds");
    let e = cliente
        .consultar_cliente_autenticado()
        .await
        .expect_err("untrusted server certificate");
    assert!(matches!(e, Erro::Transporte { .. }), "{e:?}");
}

/// Homologação's server certificate does not match its host name (`renave-ws.md` §1.2): the
/// relaxation accepts the name mismatch but still verifies the chain.
#[tokio::test]
async fn relaxar_nome_do_host_so_ignora_o_nome() {
    let pki = gerar_pki();
    let (endereco, _registro) = servidor_mtls(&pki, &pki.servidor_outro_nome).await;

    let estrito = builder(endereco, &pki)
        .identidade(identidade_legada(&pki))
        .build()
        .expect("builds");
    let e = estrito
        .consultar_cliente_autenticado()
        .await
        .expect_err("name mismatch refused by default");
    assert!(matches!(e, Erro::Transporte { .. }), "{e:?}");

    // The test mode (Ambiente::Local) may use the relaxation reserved for homologação.
    let relaxado = builder(endereco, &pki)
        .identidade(identidade_legada(&pki))
        .relaxar_verificacao_hostname_homologacao(true)
        .build()
        .expect("builds");
    relaxado
        .consultar_cliente_autenticado()
        .await
        .expect("name mismatch accepted when relaxed");

    // Relaxing the name never accepts an untrusted chain.
    let outra = gerar_pki();
    let (endereco2, _r2) = servidor_mtls(&pki, &outra.servidor_outro_nome).await;
    let e = builder(endereco2, &pki)
        .identidade(identidade_legada(&pki))
        .relaxar_verificacao_hostname_homologacao(true)
        .build()
        .expect("builds")
        .consultar_cliente_autenticado()
        .await
        .expect_err("untrusted chain refused even when relaxed");
    assert!(matches!(e, Erro::Transporte { .. }), "{e:?}");
}
