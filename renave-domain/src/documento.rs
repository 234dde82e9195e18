//! The one base64 rule for the documents the APIs carry inside JSON (CET-MG's DAE, Renave-WS's
//! ATPV-e, termos, CRLV-e…), and the PDF check.
//!
//! **The rule** (both clients, every document of an answer):
//!
//! * the standard alphabet of RFC 4648 §4 (`A–Z`, `a–z`, `0–9`, `+`, `/`);
//! * padding (`=`) optional, but when present it is complete and only at the end;
//! * ASCII white space anywhere (line breaks every 76 characters, as MIME writes them, spaces,
//!   tabs) is ignored;
//! * everything else is refused: the URL-safe alphabet (`-`, `_`), a `data:…;base64,` prefix,
//!   a truncated final group, non-zero trailing bits (a non-canonical encoding).
//!
//! [`decodificar_pdf_base64`] also demands that the decoded bytes start with `%PDF-` (the PDF
//! header, ISO 32000-1 §7.5.2), where the regulation demands a PDF.
//!
//! ```
//! use renave_domain::documento::{codificar_base64, decodificar_base64, decodificar_pdf_base64};
//!
//! let pdf = b"%PDF-1.4 ...";
//! let texto = codificar_base64(pdf);
//! assert_eq!(decodificar_pdf_base64(&texto)?, pdf);
//! assert_eq!(decodificar_base64("JVBE\r\nRi0=")?, b"%PDF-");
//! assert_eq!(decodificar_base64("JVBERi0")?, b"%PDF-"); // padding is optional
//! assert!(decodificar_base64("JVBERi0_").is_err()); // URL-safe alphabet
//! assert!(decodificar_pdf_base64(&codificar_base64(b"GIF89a")).is_err());
//! # Ok::<(), renave_domain::ErroDominio>(())
//! ```

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

use crate::erro::{ErroDominio, Motivo};

/// The header every PDF starts with.
pub const MAGICO_PDF: &[u8] = b"%PDF-";

/// The decoder: standard alphabet, canonical trailing bits, padding checked by hand (see
/// [`decodificar_base64`]).
const MOTOR: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(false),
);

const TIPO: &str = "base64";
const ESPERADO: &str =
    "a standard base64 character (A-Z, a-z, 0-9, +, /), '=' padding at the end or white space";

/// Encodes bytes in standard base64 with padding (what both APIs expect in a request).
pub fn codificar_base64(bytes: &[u8]) -> String {
    MOTOR.encode(bytes)
}

/// Decodes a base64 document by the rule of this module.
///
/// # Errors
///
/// An [`ErroDominio`] of type `"base64"`: [`Motivo::Caractere`] with the 1-based position (in
/// characters of the input) of the first character outside the rule, or [`Motivo::Formato`] for
/// incomplete padding, a truncated final group or non-zero trailing bits. The error never holds
/// the document.
pub fn decodificar_base64(texto: &str) -> Result<Vec<u8>, ErroDominio> {
    match decodificar_direto(texto.as_bytes()) {
        Some(bytes) => Ok(bytes),
        None => decodificar_detalhado(texto),
    }
}

/// The direct path (issue 16): decodes each white-space-separated run of the input straight into
/// the one output buffer — no filtered copy of a 10 MiB document first. It takes the common
/// shapes (one run, or MIME lines whose runs are whole 4-character groups) and gives `None` for
/// anything else, valid or not; [`decodificar_detalhado`] then decides, with the precise error.
/// What it accepts the detailed path accepts with the same bytes: only the last run may hold `=`
/// (at its end, at most two, completing its group), every other run is whole groups, and the
/// decoder checks the alphabet and the canonical trailing bits.
fn decodificar_direto(texto: &[u8]) -> Option<Vec<u8>> {
    let mut saida = Vec::with_capacity(texto.len() / 4 * 3 + 3);
    let mut trechos = texto
        .split(u8::is_ascii_whitespace)
        .filter(|t| !t.is_empty())
        .peekable();
    while let Some(trecho) = trechos.next() {
        if trechos.peek().is_some() {
            if trecho.len() % 4 != 0 || trecho.last() == Some(&b'=') {
                return None;
            }
        } else {
            let preenchimento = trecho.iter().rev().take_while(|&&c| c == b'=').count();
            let corpo = trecho.len() - preenchimento;
            if corpo % 4 == 1 || preenchimento > 2 || (preenchimento > 0 && trecho.len() % 4 != 0) {
                return None;
            }
        }
        MOTOR.decode_vec(trecho, &mut saida).ok()?;
    }
    Some(saida)
}

/// The detailed path of [`decodificar_base64`]: the rule checked character by character, with
/// the error that names the first fault.
fn decodificar_detalhado(texto: &str) -> Result<Vec<u8>, ErroDominio> {
    let mut limpo = Vec::with_capacity(texto.len());
    let mut preenchimento = 0_usize;
    for (i, c) in texto.chars().enumerate() {
        match c {
            c if c.is_ascii_whitespace() => {}
            '=' => preenchimento += 1,
            'A'..='Z' | 'a'..='z' | '0'..='9' | '+' | '/' if preenchimento == 0 => {
                limpo.push(u8::try_from(c).unwrap_or_default());
            }
            outro => {
                return Err(ErroDominio::new(
                    TIPO,
                    Motivo::Caractere {
                        posicao: i + 1,
                        encontrado: outro,
                        esperado: ESPERADO,
                    },
                ));
            }
        }
    }
    if limpo.len() % 4 == 1 {
        return Err(formato("a truncated final group (one character)"));
    }
    if preenchimento > 0 && (preenchimento > 2 || (limpo.len() + preenchimento) % 4 != 0) {
        return Err(formato("incomplete or excess '=' padding"));
    }
    MOTOR
        .decode(&limpo)
        .map_err(|_| formato("non-zero trailing bits (not a canonical encoding)"))
}

/// Decodes a base64 document and checks that it is a PDF: the decoded bytes start with
/// [`MAGICO_PDF`] (`%PDF-`), nothing before it.
///
/// # Errors
///
/// The errors of [`decodificar_base64`]; an [`ErroDominio`] of type `"PDF"` when the bytes do
/// not start with `%PDF-`.
pub fn decodificar_pdf_base64(texto: &str) -> Result<Vec<u8>, ErroDominio> {
    let bytes = decodificar_base64(texto)?;
    if e_pdf(&bytes) {
        Ok(bytes)
    } else {
        Err(ErroDominio::new(
            "PDF",
            Motivo::Formato {
                regra: "the decoded document does not start with %PDF-",
            },
        ))
    }
}

/// Whether bytes are a PDF by the rule of [`decodificar_pdf_base64`] (they start with `%PDF-`).
pub fn e_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGICO_PDF)
}

fn formato(regra: &'static str) -> ErroDominio {
    ErroDominio::new(TIPO, Motivo::Formato { regra })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formas_aceitas() {
        // Padded, unpadded, with MIME line breaks, spaces and tabs, empty.
        for (texto, esperado) in [
            ("JVBERi0=", &b"%PDF-"[..]),
            ("JVBERi0", b"%PDF-"),
            ("JVBE\r\nRi0=\r\n", b"%PDF-"),
            (" JV BE\tRi0= ", b"%PDF-"),
            ("TWE=", b"Ma"),
            ("TWE", b"Ma"),
            ("TQ==", b"M"),
            ("TQ", b"M"),
            ("TWFu", b"Man"),
            ("+/+/", &[0xfb, 0xff, 0xbf]),
            ("", b""),
            ("\r\n", b""),
        ] {
            assert_eq!(decodificar_base64(texto).unwrap(), esperado, "{texto:?}");
        }
    }

    #[test]
    fn formas_recusadas() {
        let caractere = |texto: &str, posicao: usize, encontrado: char| {
            let e = decodificar_base64(texto).unwrap_err();
            assert_eq!(e.tipo(), "base64");
            assert!(
                matches!(e.motivo(), Motivo::Caractere { posicao: p, encontrado: c, .. } if *p == posicao && *c == encontrado),
                "{texto:?}: {e:?}"
            );
        };
        caractere("-_8=", 1, '-'); // URL-safe alphabet
        caractere("JVBERi0_", 8, '_');
        caractere("data:application/pdf;base64,JVBERi0=", 5, ':'); // data URL prefix
        caractere("TQ==TQ==", 5, 'T'); // data after padding
        caractere("TQ=\u{e9}", 4, '\u{e9}'); // non-ASCII
        caractere("TQ\u{a0}==", 3, '\u{a0}'); // non-ASCII white space
        caractere("***", 1, '*');
        for texto in [
            "T",     // truncated group
            "TWFuT", // truncated group
            "TQ=",   // incomplete padding
            "TWE==", // excess padding
            "TWFu=", // padding after a complete group
            "TQ===", // excess padding
            "TR==",  // non-zero trailing bits
            "TWF=",  // non-zero trailing bits
            "=",     // padding alone
        ] {
            let e = decodificar_base64(texto).unwrap_err();
            assert!(
                matches!(e.motivo(), Motivo::Formato { .. }),
                "{texto:?}: {e:?}"
            );
        }
    }

    #[test]
    fn pdf_exige_cabecalho_no_inicio() {
        assert_eq!(
            decodificar_pdf_base64(&codificar_base64(b"%PDF-1.7\n")).unwrap(),
            b"%PDF-1.7\n"
        );
        for nao_pdf in [
            &b"GIF89a"[..],
            b"",
            b" %PDF-1.4",
            b"\xEF\xBB\xBF%PDF-1.4",
            b"%PDF",
        ] {
            let e = decodificar_pdf_base64(&codificar_base64(nao_pdf)).unwrap_err();
            assert_eq!(e.tipo(), "PDF", "{nao_pdf:?}");
        }
        assert_eq!(
            decodificar_pdf_base64("%PDF-").unwrap_err().tipo(),
            "base64"
        );
    }

    /// The direct path gives exactly what the detailed path gives (same bytes, same error by
    /// falling back), on encodings cut into runs by white space, with padding dropped, doubled
    /// or moved, and characters replaced.
    fn variante() -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(any::<u8>(), 0..64),
            proptest::collection::vec((0..96_usize, 0..12_usize), 0..4),
            0..4_usize,
        )
            .prop_map(|(bytes, cortes, padding)| {
                let mut s: Vec<char> = codificar_base64(&bytes).chars().collect();
                match padding {
                    1 => s.retain(|&c| c != '='),
                    2 => s.push('='),
                    _ => {}
                }
                for (pos, qual) in cortes {
                    let i = pos % (s.len() + 1);
                    let c = [
                        ' ', '\n', '\r', '\t', '=', '-', '_', 'A', 'é', ' ', '\n', 'Q',
                    ][qual];
                    if qual < 4 || qual == 10 {
                        s.insert(i, c);
                    } else if i < s.len() {
                        s[i] = c;
                    }
                }
                s.into_iter().collect()
            })
    }

    #[test]
    fn direto_decodifica_linhas_mime_sem_recorrer_ao_detalhado() {
        let bytes: Vec<u8> = (0..=255_u8).cycle().take(10_000).collect();
        let b64 = codificar_base64(&bytes);
        let mime: String = b64
            .as_bytes()
            .chunks(76)
            .map(|l| std::str::from_utf8(l).unwrap())
            .collect::<Vec<_>>()
            .join("\r\n");
        assert_eq!(decodificar_direto(b64.as_bytes()).unwrap(), bytes);
        assert_eq!(decodificar_direto(mime.as_bytes()).unwrap(), bytes);
        assert_eq!(decodificar_direto(b"JVBERi0").unwrap(), b"%PDF-");
        assert!(decodificar_direto(b"QQ=").is_none()); // incomplete padding
        assert!(decodificar_direto(b"QQ== QUFB").is_none()); // padding before the end
    }

    proptest! {
        #[test]
        fn direto_igual_ao_detalhado(s in variante()) {
            prop_assert_eq!(decodificar_base64(&s), decodificar_detalhado(&s), "input {:?}", s);
        }

        /// Every encoding round-trips, padded or not, with MIME line breaks.
        #[test]
        fn ida_e_volta(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let texto = codificar_base64(&bytes);
            prop_assert_eq!(decodificar_base64(&texto).unwrap(), bytes.clone());
            prop_assert_eq!(decodificar_base64(texto.trim_end_matches('=')).unwrap(), bytes.clone());
            let quebrado = texto
                .as_bytes()
                .chunks(76)
                .map(|c| std::str::from_utf8(c).unwrap())
                .collect::<Vec<_>>()
                .join("\r\n");
            prop_assert_eq!(decodificar_base64(&quebrado).unwrap(), bytes.clone());
            prop_assert_eq!(decodificar_pdf_base64(&texto).is_ok(), bytes.starts_with(b"%PDF-"));
        }

        /// Any text: no panic, and what decodes re-encodes to the same characters (the rule
        /// accepts only canonical encodings).
        #[test]
        fn texto_arbitrario(s in "\\PC{0,40}|[A-Za-z0-9+/=\\-_ \n]{0,40}") {
            if let Ok(bytes) = decodificar_base64(&s) {
                let sem_espaco: String = s.chars().filter(|c| !c.is_ascii_whitespace()).collect();
                let de_novo = codificar_base64(&bytes);
                prop_assert_eq!(de_novo.trim_end_matches('='), sem_espaco.trim_end_matches('='));
            }
        }
    }
}
