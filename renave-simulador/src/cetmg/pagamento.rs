//! Payment documents of the simulated DAE (Regulamento Técnico CET-MG §6.1.5; `cetmg-api.md`
//! §5): a Febraban *arrecadação* linha digitável and a Pix "copia e cola" (EMV BR Code), both
//! built by the constructors of `renave_domain::LinhaDigitavel` and
//! `renave_domain::PixCopiaECola`, which compute the check digits / CRC and validate the result.

use renave_domain::{ErroDominio, LinhaDigitavel, PixCopiaECola, Valor};

/// Segment 5 (*órgãos governamentais*) of the Febraban layout.
const SEGMENTO: u8 = 5;
/// Identificador de valor 6: the amount is in reais and the DVs are module 10.
const IDENTIFICADOR_VALOR: u8 = 6;
/// The four-digit *órgão* id of the simulated DAE (fictitious: SEF-MG's real id is not
/// published, `cetmg-api.md` §5).
const ORGAO: &str = "0213";
/// The value field of the barcode holds 11 digits of centavos.
const MODULO_VALOR: u64 = 100_000_000_000;

/// The linha digitável of a DAE worth `centavos` (reduced modulo 10¹¹, the 11 digits of the
/// barcode's value field), whose 25-digit free field carries `identificacao` (the DAE number).
fn montar_linha(centavos: u64, identificacao: u64) -> Result<LinhaDigitavel, ErroDominio> {
    let valor = Valor::from_centavos(centavos % MODULO_VALOR)?;
    LinhaDigitavel::a_partir_dos_campos(
        SEGMENTO,
        IDENTIFICADOR_VALOR,
        valor,
        ORGAO,
        &format!("{identificacao:025}"),
    )
}

/// The 48-digit linha digitável of a DAE worth `centavos`, whose free field carries
/// `identificacao` (the DAE number).
///
/// Layout of the 44-digit barcode: `8`, segment 5, value id 6, general DV, 11-digit value,
/// 4-digit órgão, 25-digit free field. The line is the barcode in four blocks of 11 digits, each
/// followed by its module-10 DV. Every field is in range by construction (the value is reduced
/// to 11 digits and a `u64` has at most 20 digits), which the tests check over random
/// arguments; the `Result` only carries the domain's verdict through.
pub(crate) fn linha_digitavel(centavos: u64, identificacao: u64) -> Result<String, ErroDominio> {
    montar_linha(centavos, identificacao).map(|l| l.as_str().to_owned())
}

/// A dynamic Pix "copia e cola" for a DAE worth `centavos`, with `txid`; fails when `txid` is
/// empty or too long for its TLV objects.
fn montar_pix(centavos: u64, txid: &str) -> Result<PixCopiaECola, ErroDominio> {
    let tlv = PixCopiaECola::objeto_tlv;
    let conta =
        tlv(0, "br.gov.bcb.pix")? + &tlv(25, &format!("pix.simulador-cetmg.invalid/qr/v2/{txid}"))?;
    let valor = format!("{}.{:02}", centavos / 100, centavos % 100);
    let mut s = String::new();
    for objeto in [
        tlv(0, "01")?,
        tlv(1, "12")?,
        tlv(26, &conta)?,
        tlv(52, "0000")?,
        tlv(53, "986")?,
        tlv(54, &valor)?,
        tlv(58, "BR")?,
        tlv(59, "SEF MG DAE SIMULADO")?,
        tlv(60, "BELO HORIZONTE")?,
        tlv(62, &tlv(5, txid)?)?,
    ] {
        s.push_str(&objeto);
    }
    PixCopiaECola::a_partir_do_payload(&s)
}

/// A dynamic Pix "copia e cola" (EMV BR Code) for a DAE worth `centavos`, with `txid` (ASCII
/// alphanumeric, 1 to 25 characters) and the CRC16 computed over the whole string.
///
/// # Errors
///
/// If `txid` is empty or longer than 43 characters (the URL template would pass 99 characters).
/// The simulator passes `DAE` and the DAE number, at most 23 characters.
pub(crate) fn pix_copia_e_cola(centavos: u64, txid: &str) -> Result<String, ErroDominio> {
    montar_pix(centavos, txid).map(|p| p.as_str().to_owned())
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
            let texto = linha_digitavel(centavos, id).expect("linha digitável");
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
            let linha: LinhaDigitavel = linha_digitavel(centavos, id)
                .expect("linha digitável")
                .parse()
                .expect("linha");
            assert_eq!(
                linha.valor().map(renave_domain::Valor::centavos),
                Some(centavos)
            );
            let txid: String = (0..rng.usize(1..=25)).map(|_| rng.alphanumeric()).collect();
            let pix: PixCopiaECola = pix_copia_e_cola(centavos, &txid)
                .expect("pix")
                .parse()
                .expect("pix");
            assert_eq!(pix.txid(), Some(txid.as_str()));
        }
    }

    /// The documents are byte for byte those of the simulator's earlier, hand-written encoder
    /// (vectors computed with it), so recorded fixtures stay valid.
    #[test]
    fn documentos_iguais_aos_do_gerador_anterior() {
        assert_eq!(
            linha_digitavel(19_539, 1).expect("linha digitável"),
            "856600000017953902130004000000000000000000000018"
        );
        assert_eq!(
            pix_copia_e_cola(19_539, "DAE2026000001").expect("pix"),
            "00020101021226690014br.gov.bcb.pix2547pix.simulador-cetmg.invalid/qr/v2/DAE2026000001\
             5204000053039865406195.395802BR5919SEF MG DAE SIMULADO6014BELO HORIZONTE\
             62170513DAE202600000163049618"
        );
    }

    #[test]
    fn pix_gerado_e_aceito_pelo_dominio() {
        let texto = pix_copia_e_cola(19_539, "DAE2026000001").expect("pix");
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
