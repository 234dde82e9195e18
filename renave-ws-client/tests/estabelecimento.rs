//! The establishment's CNPJ without a certificate (builder option `estabelecimento`): only in
//! the test mode (`Ambiente::Local`); a certificate's CNPJ always wins, and a declared CNPJ
//! that differs from it is a build error.

#![allow(clippy::unwrap_used)]

mod comum;

use comum::{CNPJ_TESTE, Cifra, escrever_pkcs12, gerar_pki};
use renave_domain::Cnpj;
use renave_ws_client::{Ambiente, ClienteRenaveWs, Erro, IdentidadeCertificado};
use secrecy::SecretString;

const OUTRO: &str = "33444555000181";

fn local() -> Ambiente {
    Ambiente::Local("http://127.0.0.1:9".parse().unwrap())
}

fn cnpj(texto: &str) -> Cnpj {
    texto.parse().unwrap()
}

fn identidade() -> IdentidadeCertificado {
    let pki = gerar_pki();
    let pfx = escrever_pkcs12(&pki.cliente, &pki.ca, "senha-teste", Cifra::Aes256);
    IdentidadeCertificado::de_pkcs12(&pfx, &SecretString::from("senha-teste".to_owned())).unwrap()
}

fn cnpj_de(c: &ClienteRenaveWs) -> Option<&str> {
    c.cnpj().map(Cnpj::as_str)
}

#[test]
fn sem_certificado_no_modo_de_teste_o_cnpj_declarado_vale() {
    let sem = ClienteRenaveWs::builder()
        .ambiente(local())
        .build()
        .unwrap();
    assert_eq!(cnpj_de(&sem), None);
    let c = ClienteRenaveWs::builder()
        .ambiente(local())
        .estabelecimento(cnpj(OUTRO))
        .build()
        .unwrap();
    assert_eq!(cnpj_de(&c), Some(OUTRO));
}

#[test]
fn o_cnpj_do_certificado_sempre_vence_e_um_diferente_nao_monta() {
    let igual = ClienteRenaveWs::builder()
        .ambiente(local())
        .identidade(identidade())
        .estabelecimento(cnpj(CNPJ_TESTE))
        .build()
        .unwrap();
    assert_eq!(cnpj_de(&igual), Some(CNPJ_TESTE));

    for ambiente in [local(), Ambiente::Homologacao] {
        let erro = ClienteRenaveWs::builder()
            .ambiente(ambiente)
            .identidade(identidade())
            .estabelecimento(cnpj(OUTRO))
            .build()
            .unwrap_err();
        assert!(matches!(erro, Erro::Configuracao { .. }), "{erro:?}");
        assert!(erro.to_string().contains("certificate's"), "{erro}");
    }
}

#[test]
fn fora_do_modo_de_teste_so_o_cnpj_do_certificado() {
    // Homologação with the certificate's own CNPJ declared: the same CNPJ, accepted.
    let c = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Homologacao)
        .identidade(identidade())
        .estabelecimento(cnpj(CNPJ_TESTE))
        .build()
        .unwrap();
    assert_eq!(cnpj_de(&c), Some(CNPJ_TESTE));
    // Without a certificate outside the test mode the identity is missing anyway.
    let erro = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Homologacao)
        .estabelecimento(cnpj(CNPJ_TESTE))
        .build()
        .unwrap_err();
    assert!(matches!(erro, Erro::Configuracao { .. }), "{erro:?}");
}
