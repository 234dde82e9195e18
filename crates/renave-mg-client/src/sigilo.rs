//! Masking of CPFs in text the *server* wrote (messages, HTML pages, undecodable bodies), so
//! that no full CPF reaches `Debug`, `Display` or logs (developers' guide; LGPD). The SDK's own
//! messages never quote a value; what the CET-MG service or the gateway echo is masked here,
//! when the error is built.

use std::borrow::Cow;

use renave_http::BodySnippet;

/// Masks every CPF in `texto`, keeping its last two digits: a run of exactly 11 ASCII digits
/// (`*********25`) and the formatted `ddd.ddd.ddd-dd` (`***.***.***-25`). Longer or shorter
/// digit runs (CNPJ, chave de acesso, dates, ids) are left alone. Never panics; text without a
/// CPF is borrowed unchanged.
pub(crate) fn ocultar_cpfs(texto: &str) -> Cow<'_, str> {
    let b = texto.as_bytes();
    let digito = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut saida: Option<String> = None;
    let mut copiado = 0;
    let mut i = 0;
    while i < b.len() {
        if !digito(i) {
            i += 1;
            continue;
        }
        // `i` starts a maximal run of digits (a previous run is always skipped whole).
        let mut fim = i;
        while digito(fim) {
            fim += 1;
        }
        let alvo = match fim - i {
            11 => Some((fim, "*********")),
            3 if cpf_formatado_em(b, i) => Some((i + 14, "***.***.***-")),
            _ => None,
        };
        let Some((fim_alvo, mascara)) = alvo else {
            i = fim;
            continue;
        };
        // Every cut is next to an ASCII digit, hence on a character boundary.
        let s = saida.get_or_insert_with(|| String::with_capacity(texto.len()));
        s.push_str(texto.get(copiado..i).unwrap_or_default());
        s.push_str(mascara);
        s.push_str(
            texto
                .get(fim_alvo.saturating_sub(2)..fim_alvo)
                .unwrap_or_default(),
        );
        copiado = fim_alvo;
        i = fim_alvo;
    }
    match saida {
        Some(mut s) => {
            s.push_str(texto.get(copiado..).unwrap_or_default());
            Cow::Owned(s)
        }
        None => Cow::Borrowed(texto),
    }
}

/// Whether `ddd.ddd.ddd-dd`, not followed by a digit, starts at `i`.
fn cpf_formatado_em(b: &[u8], i: usize) -> bool {
    const MODELO: &[u8; 14] = b"000.000.000-00";
    let Some(trecho) = b.get(i..i.saturating_add(MODELO.len())) else {
        return false;
    };
    let casa = trecho.iter().zip(MODELO).all(|(c, m)| {
        if *m == b'0' {
            c.is_ascii_digit()
        } else {
            c == m
        }
    });
    casa && !b.get(i + MODELO.len()).is_some_and(u8::is_ascii_digit)
}

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
    use proptest::prelude::*;

    #[test]
    fn casos() {
        assert_eq!(ocultar_cpfs("52998224725"), "*********25");
        assert_eq!(ocultar_cpfs("x529.982.247-25."), "x***.***.***-25.");
        for t in [
            "11222333000181",
            "1234567890",
            "529.982.247-251",
            "529.982.247-2",
            "2026-09-24T10:11:12",
            "13181017921427000125650010000000309887251170",
        ] {
            assert_eq!(ocultar_cpfs(t), t);
        }
        assert!(matches!(ocultar_cpfs("sem números"), Cow::Borrowed(_)));
        assert_eq!(
            ocultar_cpfs("ç52998224725ç 11144477735"),
            "ç*********25ç *********35"
        );
        assert_eq!(ocultar("CPF 529.982.247-25".into()), "CPF ***.***.***-25");
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

    proptest! {
        /// Any text is masked without panic; an inserted CPF never survives; text without
        /// digits is unchanged.
        #[test]
        fn qualquer_texto(antes in "[^0-9]{0,20}", depois in "[^0-9]{0,20}", resto in ".{0,60}") {
            let t = format!("{antes}52998224725{depois}");
            let o = ocultar_cpfs(&t);
            prop_assert_eq!(o.as_ref(), format!("{antes}*********25{depois}"));
            let f = format!("{antes}529.982.247-25{depois}");
            let of = ocultar_cpfs(&f);
            prop_assert_eq!(of.as_ref(), format!("{antes}***.***.***-25{depois}"));
            let _ = ocultar_cpfs(&resto);
            let sem_digitos: String = resto.chars().filter(|c| !c.is_ascii_digit()).collect();
            let os = ocultar_cpfs(&sem_digitos);
            prop_assert_eq!(os.as_ref(), sem_digitos.as_str());
        }
    }
}
