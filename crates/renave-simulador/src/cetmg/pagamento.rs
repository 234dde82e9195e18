//! Payment documents of the simulated DAE (Regulamento Técnico CET-MG §6.1.5; `cetmg-api.md`
//! §5): a Febraban *arrecadação* linha digitável and a Pix "copia e cola" (EMV BR Code), both
//! built with their check digits / CRC so that `renave_domain::LinhaDigitavel` and
//! `renave_domain::PixCopiaECola` accept them.

use std::fmt::Write as _;

/// Febraban module 10 over ASCII digits: weights 2,1,2,1… from the right, digits of each
/// product added, `(10 − Σ mod 10) mod 10`.
fn dv_modulo10(digitos: &[u8]) -> u8 {
    let mut soma: u32 = 0;
    for (i, &b) in digitos.iter().rev().enumerate() {
        let p = u32::from(b.saturating_sub(b'0')) * if i % 2 == 0 { 2 } else { 1 };
        soma += p / 10 + p % 10;
    }
    // The result is always 0..=9.
    u8::try_from((10 - soma % 10) % 10).unwrap_or(0)
}

/// Segment 5 (*órgãos governamentais*) of the Febraban layout.
const SEGMENTO: u8 = b'5';
/// Identificador de valor 6: the amount is in reais and the DVs are module 10.
const IDENTIFICADOR_VALOR: u8 = b'6';
/// The four-digit *órgão* id of the simulated DAE (fictitious: SEF-MG's real id is not
/// published, `cetmg-api.md` §5).
const ORGAO: &[u8; 4] = b"0213";

/// The 48-digit linha digitável of a DAE worth `centavos`, whose free field carries
/// `identificacao` (the DAE number; only its last 25 digits are used).
///
/// Layout of the 44-digit barcode: `8`, segment, value id, general DV, 11-digit value, 4-digit
/// órgão, 25-digit free field. The line is the barcode in four blocks of 11 digits, each
/// followed by its module-10 DV.
pub(crate) fn linha_digitavel(centavos: u64, identificacao: u64) -> String {
    let valor = format!("{:011}", centavos % 100_000_000_000);
    let livre = format!("{identificacao:025}");
    let mut barras: Vec<u8> = Vec::with_capacity(44);
    barras.extend_from_slice(&[b'8', SEGMENTO, IDENTIFICADOR_VALOR, b'0']);
    barras.extend_from_slice(valor.as_bytes());
    barras.extend_from_slice(ORGAO);
    barras.extend_from_slice(
        livre
            .as_bytes()
            .get(livre.len().saturating_sub(25)..)
            .unwrap_or_default(),
    );
    let sem_dv: Vec<u8> = barras
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 3)
        .map(|(_, b)| *b)
        .collect();
    if let Some(dv) = barras.get_mut(3) {
        *dv = b'0' + dv_modulo10(&sem_dv);
    }
    let mut linha = String::with_capacity(48);
    for bloco in barras.chunks(11) {
        linha.push_str(&String::from_utf8_lossy(bloco));
        linha.push(char::from(b'0' + dv_modulo10(bloco)));
    }
    linha
}

/// CRC-16/CCITT-FALSE (polynomial `0x1021`, initial `0xFFFF`, no reflection, no final XOR).
fn crc16_ccitt_false(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in bytes {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 == 0 {
                crc << 1
            } else {
                (crc << 1) ^ 0x1021
            };
        }
    }
    crc
}

/// One TLV object: 2-digit id, 2-digit length (in characters), value. Values longer than 99
/// characters are cut (never the case for the values built here).
fn tlv(id: u8, valor: &str) -> String {
    let valor: String = valor.chars().take(99).collect();
    format!("{id:02}{:02}{valor}", valor.chars().count())
}

/// A dynamic Pix "copia e cola" (EMV BR Code) for a DAE worth `centavos`, with `txid` (ASCII
/// alphanumeric, at most 25 characters) and the CRC16 computed over the whole string.
pub(crate) fn pix_copia_e_cola(centavos: u64, txid: &str) -> String {
    let conta = format!(
        "{}{}",
        tlv(0, "br.gov.bcb.pix"),
        tlv(25, &format!("pix.simulador-cetmg.invalid/qr/v2/{txid}"))
    );
    let valor = format!("{}.{:02}", centavos / 100, centavos % 100);
    let mut s = String::new();
    s.push_str(&tlv(0, "01"));
    s.push_str(&tlv(1, "12"));
    s.push_str(&tlv(26, &conta));
    s.push_str(&tlv(52, "0000"));
    s.push_str(&tlv(53, "986"));
    s.push_str(&tlv(54, &valor));
    s.push_str(&tlv(58, "BR"));
    s.push_str(&tlv(59, "SEF MG DAE SIMULADO"));
    s.push_str(&tlv(60, "BELO HORIZONTE"));
    s.push_str(&tlv(62, &tlv(5, txid)));
    s.push_str("6304");
    let crc = crc16_ccitt_false(s.as_bytes());
    let _ = write!(s, "{crc:04X}");
    s
}

#[cfg(test)]
mod testes {
    use super::*;
    use renave_domain::{LinhaDigitavel, PixCopiaECola};

    #[test]
    fn linha_digitavel_gerada_e_aceita_pelo_dominio() {
        for (centavos, id) in [
            (19_539, 1_u64),
            (1, 99_999_999),
            (0, 0),
            (123_456_789, 2_026_000_123),
        ] {
            let texto = linha_digitavel(centavos, id);
            let linha: LinhaDigitavel = texto.parse().expect("valid linha digitável");
            assert_eq!(
                linha.valor().map(renave_domain::Valor::centavos),
                Some(centavos)
            );
            assert_eq!(linha.segmento(), 5);
        }
    }

    #[test]
    fn valores_aleatorios_sempre_geram_documentos_validos() {
        let mut rng = fastrand::Rng::with_seed(2026);
        for _ in 0..2_000 {
            let centavos = rng.u64(..100_000_000_000);
            let id = rng.u64(..);
            let linha: LinhaDigitavel = linha_digitavel(centavos, id).parse().expect("linha");
            assert_eq!(
                linha.valor().map(renave_domain::Valor::centavos),
                Some(centavos)
            );
            let txid: String = (0..rng.usize(1..=25)).map(|_| rng.alphanumeric()).collect();
            let pix: PixCopiaECola = pix_copia_e_cola(centavos, &txid).parse().expect("pix");
            assert_eq!(pix.txid(), Some(txid.as_str()));
        }
    }

    #[test]
    fn pix_gerado_e_aceito_pelo_dominio() {
        let texto = pix_copia_e_cola(19_539, "DAE2026000001");
        let pix: PixCopiaECola = texto.parse().expect("valid Pix");
        assert_eq!(
            pix.valor()
                .expect("valor")
                .map(renave_domain::Valor::centavos),
            Some(19_539)
        );
        assert_eq!(pix.txid(), Some("DAE2026000001"));
        let adulterado = texto.replace("BELO", "BELA");
        assert!(adulterado.parse::<PixCopiaECola>().is_err());
    }
}
