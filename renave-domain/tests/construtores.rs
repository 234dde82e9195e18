//! The constructors of the payment strings (`domain-rules.md` §7.7–§7.8), used for test data
//! and by the simulator: `LinhaDigitavel::a_partir_do_codigo_barras`,
//! `LinhaDigitavel::a_partir_dos_campos`, `PixCopiaECola::a_partir_do_payload` and
//! `PixCopiaECola::objeto_tlv`.
//!
//! Fixed vectors check each error and the published examples; the properties check that what is
//! built parses back and equals, with the check digits and the CRC recomputed here independently
//! of the crate, from the rules of §7.7–§7.8.

use proptest::prelude::*;
use renave_domain::{ErroDominio, LinhaDigitavel, Motivo, PixCopiaECola, Valor};

// ---------------------------------------------------------------- independent rules

/// Febraban module 10: weights 2,1,… from the right, digits of products added.
fn mod10(s: &[u8]) -> u8 {
    let soma: u32 = s
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &b)| {
            let p = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            p / 10 + p % 10
        })
        .sum();
    u8::try_from((10 - soma % 10) % 10).expect("< 10")
}

/// Febraban module 11 of the arrecadação layout: r = 0 or 1 → 0, r = 10 → 1, else 11 − r.
fn mod11(s: &[u8]) -> u8 {
    let mut soma = 0u32;
    let mut peso = 2u32;
    for &b in s.iter().rev() {
        soma += u32::from(b - b'0') * peso;
        peso = if peso == 9 { 2 } else { peso + 1 };
    }
    match soma % 11 {
        0 | 1 => 0,
        10 => 1,
        r => u8::try_from(11 - r).expect("< 10"),
    }
}

/// The module selected by the identificador de valor (barcode position 3).
fn modulo(id: u8) -> fn(&[u8]) -> u8 {
    if id == 6 || id == 7 { mod10 } else { mod11 }
}

/// The barcode with its general DV and the line with its block DVs, built from the fields.
fn montar(segmento: u8, id: u8, centavos: u64, resto29: &str) -> (String, String) {
    let m = modulo(id);
    let sem_dv = format!("8{segmento}{id}{centavos:011}{resto29}");
    let dv = m(sem_dv.as_bytes());
    let barras = format!("8{segmento}{id}{dv}{centavos:011}{resto29}");
    let mut linha = String::with_capacity(48);
    for bloco in barras.as_bytes().chunks(11) {
        linha.push_str(std::str::from_utf8(bloco).expect("ascii"));
        linha.push(char::from(b'0' + m(bloco)));
    }
    (barras, linha)
}

/// CRC-16/CCITT-FALSE, bit by bit.
fn crc16(dados: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in dados {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

fn tlv(id: u8, valor: &str) -> String {
    format!("{id:02}{:02}{valor}", valor.chars().count())
}

fn motivo_detalhe(e: &ErroDominio) -> &str {
    match e.motivo() {
        Motivo::Detalhe(d) => d,
        outro => panic!("expected a detail, got {outro:?}"),
    }
}

// ---------------------------------------------------------------- LinhaDigitavel, vectors

/// Valid lines of §7.7 (both modules).
const LINHAS_OK: [&str; 6] = [
    "836400000011331201380002812884627116080136181551",
    "836200000005667800481000180975657313001589636081",
    "846700000017435900240209024050002435842210108119",
    "858900004609524601791605607593050865831483000010",
    "848900000002404201622015806051904292586034111220",
    "848100000008404200001610980245528291517050082350",
];

#[test]
fn codigo_barras_das_linhas_publicadas_refaz_a_linha() {
    for s in LINHAS_OK {
        let linha: LinhaDigitavel = s.parse().expect("valid vector");
        let refeita = LinhaDigitavel::a_partir_do_codigo_barras(linha.codigo_barras())
            .expect("the barcode of a valid line");
        assert_eq!(refeita, linha, "{s}");
        assert_eq!(refeita.as_str(), s);
    }
}

#[test]
fn codigo_barras_aparado() {
    let l = LinhaDigitavel::a_partir_do_codigo_barras(
        "  83640000001331201380008128846271108013618155\n",
    )
    .expect("trimmed");
    assert_eq!(
        l.as_str(),
        "836400000011331201380002812884627116080136181551"
    );
}

#[test]
fn codigo_barras_rejeitado_com_o_motivo() {
    let erro = |s: &str| LinhaDigitavel::a_partir_do_codigo_barras(s).expect_err(s);
    // A 48-digit line given as a barcode.
    let e = erro(LINHAS_OK[0]);
    assert_eq!(e.tipo(), "código de barras de arrecadação");
    assert!(e.to_string().contains("linha digitável"), "{e}");
    // Wrong length, letters, empty.
    assert_eq!(
        *erro("8364000000133120138000812884627110801361815").motivo(),
        Motivo::Comprimento {
            esperado: "44",
            obtido: 43
        }
    );
    assert!(matches!(
        erro("83640000001331201380008128846271108013618A55").motivo(),
        Motivo::Caractere { posicao: 42, .. }
    ));
    assert_eq!(*erro("   ").motivo(), Motivo::Vazio);
    // Product 5, identificador de valor 2.
    assert!(
        erro("53640000001331201380008128846271108013618155")
            .to_string()
            .contains("product")
    );
    assert!(
        erro("84200000000240420162201580605190429258603411")
            .to_string()
            .contains("identificador de valor")
    );
    // General DV: the §7.7 fixture whose block DVs all pass, as a barcode.
    assert!(
        motivo_detalhe(&erro("85890000464524601791606075930508683148300001"))
            .contains("general check digit")
    );
}

#[test]
fn campos_montam_o_exemplo_do_simulador() {
    let l = LinhaDigitavel::a_partir_dos_campos(
        5,
        6,
        Valor::from_centavos(19_539).expect("valor"),
        "0213",
        "0000000000000202600000001",
    )
    .expect("valid fields");
    assert_eq!(
        l.codigo_barras(),
        "85690000001953902130000000000000202600000001"
    );
    assert_eq!(
        l.as_str(),
        "856900000014953902130004000000000026026000000013"
    );
    assert_eq!(l.segmento(), 5);
    assert_eq!(l.identificador_valor(), 6);
}

#[test]
fn campos_com_cnpj_de_8_digitos_e_modulo_11() {
    let l = LinhaDigitavel::a_partir_dos_campos(
        6,
        8,
        Valor::from_centavos(12_345).expect("valor"),
        "12345678",
        "000000000000000000042",
    )
    .expect("valid fields");
    assert_eq!(
        l.codigo_barras(),
        "86880000001234512345678000000000000000000042"
    );
    assert_eq!(
        l.as_str(),
        "868800000013234512345675800000000001000000000426"
    );
    assert_eq!(l.valor().map(Valor::centavos), Some(12_345));
}

#[test]
fn campos_valor_de_referencia_nao_e_lido_como_valor() {
    for id in [7, 9] {
        let l = LinhaDigitavel::a_partir_dos_campos(
            8,
            id,
            Valor::from_centavos(500).expect("valor"),
            "0001",
            "1234567890123456789012345",
        )
        .expect("valid fields");
        assert_eq!(l.valor(), None);
        assert_eq!(l.identificador_valor(), id);
        assert_eq!(&l.codigo_barras()[4..15], "00000000500");
    }
}

#[test]
fn campos_rejeitados_com_o_motivo() {
    let v = Valor::from_centavos(100).expect("valor");
    let livre = "0000000000000000000000001";
    let erro = |seg, id, valor, ident: &str, livre: &str| {
        LinhaDigitavel::a_partir_dos_campos(seg, id, valor, ident, livre).expect_err("invalid")
    };
    assert!(matches!(
        erro(10, 6, v, "0213", livre).motivo(),
        Motivo::ForaDoIntervalo { .. }
    ));
    for id in [0, 5, 10, 255] {
        assert!(
            erro(5, id, v, "0213", livre)
                .to_string()
                .contains("identificador de valor"),
            "{id}"
        );
    }
    let maximo = Valor::from_centavos(99_999_999_999).expect("valor");
    assert!(LinhaDigitavel::a_partir_dos_campos(5, 6, maximo, "0213", livre).is_ok());
    let acima = Valor::from_centavos(100_000_000_000).expect("valor");
    assert!(matches!(
        erro(5, 6, acima, "0213", livre).motivo(),
        Motivo::ForaDoIntervalo { .. }
    ));
    for ident in ["", "021", "02131", "0213456", "021345678"] {
        assert!(
            motivo_detalhe(&erro(5, 6, v, ident, livre)).contains("identificação"),
            "{ident:?}"
        );
    }
    assert!(motivo_detalhe(&erro(5, 6, v, "02a3", livre)).contains("character 3"));
    assert!(motivo_detalhe(&erro(5, 6, v, "0２13", livre)).contains("character 2"));
    // 25 after 4, 21 after 8: nothing is padded or cut.
    assert!(motivo_detalhe(&erro(5, 6, v, "0213", "1")).contains("25"));
    assert!(motivo_detalhe(&erro(5, 6, v, "12345678", livre)).contains("21"));
    assert!(
        motivo_detalhe(&erro(5, 6, v, "0213", "000000000000000000000000x"))
            .contains("character 25")
    );
}

// ---------------------------------------------------------------- PixCopiaECola, vectors

const BCB_SEM_CRC: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000\
                           5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***";

#[test]
fn payload_do_manual_do_bcb() {
    let pix = PixCopiaECola::a_partir_do_payload(BCB_SEM_CRC).expect("valid");
    assert_eq!(pix.as_str(), format!("{BCB_SEM_CRC}63041D3D"));
    assert_eq!(
        pix,
        format!("{BCB_SEM_CRC}63041D3D").parse().expect("vector")
    );
}

#[test]
fn payloads_publicados_refeitos() {
    for s in [
        "00020101021226770014BR.GOV.BCB.PIX2555pix.example.com/qr/93598be0-1bd0-4997-8318-81776a1d8a995204000053039865802BR5907EMPRESA6009SAO PAULO62070503***6304EEAB",
        "00020126330014BR.GOV.BCB.PIX01115794666323452040000530398654041.005802BR5925CLENILTON CRUZ DE ALENCAR6006MANAUS62070503***6304FA88",
        "00020126630014BR.GOV.BCB.PIX0122vendas@endoplus.odo.br0215PEDIDO-ENDOPLUS520400005303986540574.105802BR5928ENDO PLUS COM E SERV LTDA ME6014RIO DE JANEIRO62130509ENDO3446863043A22",
    ] {
        let sem_crc = &s[..s.len() - 8];
        let pix = PixCopiaECola::a_partir_do_payload(sem_crc).expect(s);
        assert_eq!(pix.as_str(), s);
    }
}

#[test]
fn payload_rejeitado() {
    // Not starting with 000201 (also not after leading white space: the payload is not trimmed).
    for s in ["", "000202", " 000201", "5802BR"] {
        let e = PixCopiaECola::a_partir_do_payload(s).expect_err(s);
        assert!(e.to_string().contains("000201"), "{s:?}: {e}");
    }
    // The CRC object already there: a second ID 63.
    let e = PixCopiaECola::a_partir_do_payload(&format!("{BCB_SEM_CRC}63041D3D")).expect_err("crc");
    assert!(e.to_string().contains("63"), "{e}");
    // A template that does not walk (0136 → 0135 inside 26).
    let quebrado = BCB_SEM_CRC.replacen("0136", "0135", 1);
    assert!(PixCopiaECola::a_partir_do_payload(&quebrado).is_err());
    // A length running past the end.
    assert!(PixCopiaECola::a_partir_do_payload("0002015920Fulano").is_err());
}

#[test]
fn objeto_tlv() {
    assert_eq!(PixCopiaECola::objeto_tlv(0, "01").expect("ok"), "000201");
    assert_eq!(
        PixCopiaECola::objeto_tlv(60, "SÃO PAULO").expect("ok"),
        "6009SÃO PAULO"
    );
    let longo = "x".repeat(99);
    assert_eq!(
        PixCopiaECola::objeto_tlv(26, &longo).expect("99 characters"),
        format!("2699{longo}")
    );
    assert!(
        motivo_detalhe(&PixCopiaECola::objeto_tlv(26, &"x".repeat(100)).expect_err("100"))
            .contains("found 100")
    );
    assert!(
        motivo_detalhe(&PixCopiaECola::objeto_tlv(59, "").expect_err("empty")).contains("found 0")
    );
    assert!(matches!(
        PixCopiaECola::objeto_tlv(100, "x")
            .expect_err("id")
            .motivo(),
        Motivo::ForaDoIntervalo { .. }
    ));
}

// ---------------------------------------------------------------- properties

fn campos() -> impl Strategy<Value = (u8, u8, u64, String, String)> {
    (
        0u8..=9,
        6u8..=9,
        0u64..=99_999_999_999,
        prop_oneof!["[0-9]{4}", "[0-9]{8}"],
        "[0-9]{25}",
    )
        .prop_map(|(seg, id, centavos, ident, livre)| {
            let livre = livre[..29 - ident.len()].to_owned();
            (seg, id, centavos, ident, livre)
        })
}

proptest! {
    #[test]
    fn campos_montados_voltam_iguais((seg, id, centavos, ident, livre) in campos()) {
        let valor = Valor::from_centavos(centavos).expect("valor");
        let l = LinhaDigitavel::a_partir_dos_campos(seg, id, valor, &ident, &livre)
            .expect("valid fields");
        let (barras, linha) = montar(seg, id, centavos, &format!("{ident}{livre}"));
        prop_assert_eq!(l.codigo_barras(), barras.as_str());
        prop_assert_eq!(l.as_str(), linha.as_str());
        let lida: LinhaDigitavel = l.as_str().parse().expect("parses back");
        prop_assert_eq!(lida, l);
        prop_assert_eq!(format!("{l:#}").parse::<LinhaDigitavel>().expect("masked"), l);
        prop_assert_eq!(LinhaDigitavel::a_partir_do_codigo_barras(l.codigo_barras()).expect("barcode"), l);
        prop_assert_eq!(l.segmento(), seg);
        prop_assert_eq!(l.identificador_valor(), id);
        prop_assert_eq!(l.valor(), if id == 6 || id == 8 { Some(valor) } else { None });
    }

    #[test]
    fn codigo_barras_valido_vira_linha_valida(
        (seg, id, centavos, ident, livre) in campos()
    ) {
        let (barras, linha) = montar(seg, id, centavos, &format!("{ident}{livre}"));
        let l = LinhaDigitavel::a_partir_do_codigo_barras(&barras).expect("valid barcode");
        prop_assert_eq!(l.as_str(), linha.as_str());
        prop_assert_eq!(l, linha.parse::<LinhaDigitavel>().expect("valid line"));
    }

    /// Module 10 catches every one-digit change; for module 11 only a changed general DV is
    /// always caught (remainders 0 and 1 share a DV), so that is what is checked there.
    /// (Found by CI: a value id changed from 6 to 8 is checked by module 11 and may pass.)
    #[test]
    fn codigo_barras_alterado_e_rejeitado(
        (seg, id, centavos, ident, livre) in campos(),
        posicao in 0usize..44,
        delta in 1u8..=9,
    ) {
        let (barras, _) = montar(seg, id, centavos, &format!("{ident}{livre}"));
        let posicao = if id >= 8 { 3 } else { posicao };
        let mut b = barras.into_bytes();
        b[posicao] = b'0' + (b[posicao] - b'0' + delta) % 10;
        // Position 2 is the value id itself: turning it into 8 or 9 switches the check to
        // module 11, which (see above) cannot promise to catch the change, so such a case
        // proves nothing about module 10 and is skipped.
        prop_assume!(posicao != 2 || !matches!(b[2], b'8' | b'9'));
        let alterado = String::from_utf8(b).expect("ascii");
        prop_assert!(LinhaDigitavel::a_partir_do_codigo_barras(&alterado).is_err(), "{}", alterado);
    }

    #[test]
    fn pix_montado_volta_igual(
        chave in "[a-zA-Z0-9@.+-]{1,77}",
        valor in proptest::option::of(0u64..10_000_000_000),
        nome in "[A-Za-z ]{1,25}",
        cidade in "[A-Za-z ]{1,15}",
        txid in "[A-Za-z0-9]{1,25}",
    ) {
        let o = |id, v: &str| PixCopiaECola::objeto_tlv(id, v).expect("short value");
        prop_assert_eq!(o(59, &nome), tlv(59, &nome));
        let mut s = o(0, "01");
        s.push_str(&o(26, &(o(0, "br.gov.bcb.pix") + &o(1, &chave))));
        s.push_str(&o(52, "0000"));
        s.push_str(&o(53, "986"));
        if let Some(c) = valor {
            s.push_str(&o(54, &format!("{}.{:02}", c / 100, c % 100)));
        }
        s.push_str(&o(58, "BR"));
        s.push_str(&o(59, &nome));
        s.push_str(&o(60, &cidade));
        s.push_str(&o(62, &o(5, &txid)));
        let pix = PixCopiaECola::a_partir_do_payload(&s).expect("valid payload");
        let esperado = format!("{s}6304{:04X}", crc16(format!("{s}6304").as_bytes()));
        prop_assert_eq!(pix.as_str(), esperado.as_str());
        prop_assert_eq!(&pix, &pix.as_str().parse::<PixCopiaECola>().expect("parses back"));
        prop_assert_eq!(pix.chave(), Some(chave.as_str()));
        prop_assert_eq!(pix.valor().expect("amount").map(Valor::centavos), valor);
        prop_assert_eq!(pix.nome_recebedor(), Some(nome.as_str()));
        prop_assert_eq!(pix.cidade_recebedor(), Some(cidade.as_str()));
        prop_assert_eq!(pix.txid(), Some(txid.as_str()));
    }

    #[test]
    fn construtores_nunca_entram_em_panico(s in any::<String>(), t in "[0-9]{0,50}", id in any::<u8>()) {
        let _ = LinhaDigitavel::a_partir_do_codigo_barras(&s);
        let _ = LinhaDigitavel::a_partir_do_codigo_barras(&t);
        let _ = LinhaDigitavel::a_partir_dos_campos(id % 12, id, Valor::ZERO, &s, &t);
        let _ = LinhaDigitavel::a_partir_dos_campos(5, 6, Valor::ZERO, &t, &s);
        let _ = PixCopiaECola::a_partir_do_payload(&s);
        let _ = PixCopiaECola::a_partir_do_payload(&format!("000201{s}"));
        let _ = PixCopiaECola::objeto_tlv(id, &s);
    }
}
