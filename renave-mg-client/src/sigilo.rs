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

/// A capped snippet of `corpo` with its CPFs masked.
pub(crate) fn trecho(corpo: &[u8], max: usize) -> BodySnippet {
    let bruto = BodySnippet::from_bytes(corpo, max);
    match ocultar_cpfs(bruto.as_str()) {
        Cow::Borrowed(_) => bruto,
        // Masking keeps the length, so the snippet is not cut again.
        Cow::Owned(s) => BodySnippet::from_bytes(s.as_bytes(), s.len()),
    }
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
