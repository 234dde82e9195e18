//! A tiny but valid PDF writer for the simulated documents (ATPV-e, TEE, TSE, CRLV-e): one A4
//! page of Helvetica text, with a correct cross-reference table so that any PDF reader opens it.

use base64::Engine as _;

/// Escapes a text line for a PDF literal string, in WinAnsi (Latin-1) bytes; characters outside
/// Latin-1 become `?`.
fn texto_pdf(linha: &str) -> Vec<u8> {
    let mut saida = Vec::with_capacity(linha.len() + 8);
    for c in linha.chars() {
        let byte = u8::try_from(u32::from(c)).unwrap_or(b'?');
        match byte {
            b'(' | b')' | b'\\' => {
                saida.push(b'\\');
                saida.push(byte);
            }
            b'\n' | b'\r' => saida.push(b' '),
            _ => saida.push(byte),
        }
    }
    saida
}

/// Builds a one-page PDF with a title and lines of text.
pub(crate) fn gerar_pdf(titulo: &str, linhas: &[String]) -> Vec<u8> {
    let mut conteudo: Vec<u8> = Vec::new();
    conteudo.extend_from_slice(b"BT\n/F1 16 Tf\n50 790 Td\n(");
    conteudo.extend(texto_pdf(titulo));
    conteudo.extend_from_slice(b") Tj\n/F1 10 Tf\n0 -28 Td\n14 TL\n");
    for linha in linhas {
        conteudo.push(b'(');
        conteudo.extend(texto_pdf(linha));
        conteudo.extend_from_slice(b") Tj T*\n");
    }
    conteudo.extend_from_slice(b"ET\n");

    let objetos: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        {
            let mut o = format!("<< /Length {} >>\nstream\n", conteudo.len()).into_bytes();
            o.extend_from_slice(&conteudo);
            o.extend_from_slice(b"endstream");
            o
        },
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
    ];

    let mut pdf: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut deslocamentos = Vec::with_capacity(objetos.len());
    for (i, objeto) in objetos.iter().enumerate() {
        deslocamentos.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(objeto);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let inicio_xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n", objetos.len() + 1).as_bytes());
    pdf.extend_from_slice(b"0000000000 65535 f \n");
    for d in deslocamentos {
        pdf.extend_from_slice(format!("{d:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{inicio_xref}\n%%EOF\n",
            objetos.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// [`gerar_pdf`] encoded in standard base64, as Renave-WS sends documents (`pdfBase64`…).
pub(crate) fn pdf_base64(titulo: &str, linhas: &[String]) -> String {
    base64::engine::general_purpose::STANDARD.encode(gerar_pdf(titulo, linhas))
}

/// Standard base64 of any bytes (the ATPV-e XML).
pub(crate) fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod testes {
    use super::*;

    #[test]
    fn pdf_tem_cabecalho_xref_e_fim() {
        let pdf = gerar_pdf(
            "ATPV-e (simulado)",
            &["Placa: ABC1D23".to_owned(), "(x) \\ y".to_owned()],
        );
        assert!(pdf.starts_with(b"%PDF-1.4\n"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        let texto = String::from_utf8_lossy(&pdf);
        // startxref points at the "xref" keyword.
        let inicio: usize = texto
            .rsplit("startxref\n")
            .next()
            .and_then(|r| r.lines().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert_eq!(pdf.get(inicio..inicio + 4), Some(&b"xref"[..]));
        // Every object offset points at "N 0 obj".
        for n in 1..=5 {
            let entrada = texto
                .lines()
                .filter(|l| l.ends_with(" 00000 n "))
                .nth(n - 1)
                .and_then(|l| l.get(..10))
                .and_then(|d| d.parse::<usize>().ok())
                .unwrap_or(0);
            let esperado = format!("{n} 0 obj");
            assert_eq!(
                pdf.get(entrada..entrada + esperado.len()),
                Some(esperado.as_bytes())
            );
        }
        assert!(texto.contains("\\(x\\) \\\\ y"));
    }
}
