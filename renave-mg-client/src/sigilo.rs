//! Masking of CPFs in text the *server* wrote (messages, HTML pages, undecodable bodies), so
//! that no full CPF reaches `Debug`, `Display` or logs (developers' guide; LGPD). The SDK's own
//! messages never quote a value; what the CET-MG service or the gateway echo is masked here,
//! when the error is built, with the one masking function both clients share,
//! [`renave_domain::privacidade::ocultar_cpfs`].

use std::borrow::Cow;

use renave_domain::privacidade::ocultar_cpfs;
use renave_http::BodySnippet;

/// [`ocultar_cpfs`] on an owned text.
pub(crate) fn ocultar(texto: String) -> String {
    match ocultar_cpfs(&texto) {
        Cow::Borrowed(_) => texto,
        Cow::Owned(s) => s,
    }
}

/// A capped snippet of `corpo` with its CPFs masked, masked before it is cut (a CPF the cap
/// splits is still masked: [`CPF_MAIS_LONGO`](renave_domain::privacidade::CPF_MAIS_LONGO)).
pub(crate) fn trecho(corpo: &[u8], max: usize) -> BodySnippet {
    BodySnippet::from_bytes_masked(
        corpo,
        max,
        renave_domain::privacidade::CPF_MAIS_LONGO,
        ocultar_cpfs,
    )
}

/// An error whose message is a text already masked (in place of a source whose own message
/// would quote a value, e.g. serde's `invalid type: string "52998224725"`).
#[derive(Debug)]
pub(crate) struct MensagemOculta(pub(crate) String);

impl std::fmt::Display for MensagemOculta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MensagemOculta {}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;

    /// A CPF cut in half by the snippet's cap keeps none of its first nine digits.
    #[test]
    fn cpf_cortado_pelo_limite_do_trecho_nao_aparece() {
        for cpf in ["52998224725", "529.982.247-25"] {
            for max in 8..30 {
                let corpo = format!("erro: xx {cpf} fim");
                let t = trecho(corpo.as_bytes(), max);
                let digitos: String = t.as_str().chars().filter(char::is_ascii_digit).collect();
                assert!(
                    !"52998224725".contains(digitos.as_str()) || digitos.len() < 3,
                    "max {max}: {:?}",
                    t.as_str()
                );
            }
        }
    }

    #[test]
    fn ocultar_texto_proprio() {
        assert_eq!(ocultar("CPF 529.982.247-25".into()), "CPF ***.***.***-25");
        assert_eq!(
            ocultar("sem CPF 11222333000181".into()),
            "sem CPF 11222333000181"
        );
    }

    #[test]
    fn trecho_mascarado_e_limitado() {
        let t = trecho(b"<html>/x/52998224725</html>", 2048);
        assert_eq!(t.as_str(), "<html>/x/*********25</html>");
        let longo = format!("{}{}", "a".repeat(20), "52998224725");
        assert!(
            !trecho(longo.as_bytes(), 64)
                .as_str()
                .contains("52998224725")
        );
        assert!(trecho(longo.as_bytes(), 10).as_str().len() <= 16);
    }
}
