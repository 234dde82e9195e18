//! Vectors of `domain-rules.md` §7.6–§7.8 (and `domain-rules-vectors.py`) plus the behaviour of
//! `Valor`, `Data` and `DataHora`: parsing, display, serde and JSON Schema.

use renave_domain::{
    ChaveNfe, Data, DataHora, ErroDominio, LinhaDigitavel, Motivo, PixCopiaECola, Valor,
};
use schemars::JsonSchema;

fn schema_de<T: JsonSchema>() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(T)).expect("schema serialises")
}

// ---------------------------------------------------------------- ChaveNfe (§7.6)

const CHAVES_OK: [&str; 5] = [
    "33150308370779000149550010001100931002410775",
    "13181017921427000125650010000000309887251170",
    "3526050X0J92JY000196570010000006041448679011",
    "35260812ABC34501DE35550010000000011000000018",
    "35240100052998224725550010000001231123456782",
];

#[test]
fn chave_nfe_vetores_validos() {
    for s in CHAVES_OK {
        let chave: ChaveNfe = s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(chave.as_str(), s);
        assert_eq!(chave.to_string(), s);
        assert_eq!(ChaveNfe::try_from(s).as_ref(), Ok(&chave));
        assert_eq!(ChaveNfe::try_from(s.to_owned()), Ok(chave));
    }
}

#[test]
fn chave_nfe_dv_errado() {
    let e = "33150308370779000149550010001100931002410774"
        .parse::<ChaveNfe>()
        .expect_err("must be rejected");
    assert_eq!(e.motivo(), &Motivo::DigitoVerificador);
    assert_eq!(e.tipo(), "chave NF-e");
}

#[test]
fn chave_nfe_43_caracteres() {
    let e = "3315030837077900014955001000110093100241077"
        .parse::<ChaveNfe>()
        .expect_err("must be rejected");
    assert!(
        matches!(e.motivo(), Motivo::Comprimento { obtido: 43, .. }),
        "{e}"
    );
}

#[test]
fn chave_nfe_minusculas_rejeitadas() {
    let e = "35260812abc34501de35550010000000011000000018"
        .parse::<ChaveNfe>()
        .expect_err("must be rejected");
    assert!(
        matches!(
            e.motivo(),
            Motivo::Caractere {
                posicao: 9,
                encontrado: 'a',
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn chave_nfe_layout_antigo_tp_emis_zero() {
    let e = "52060433009911002506550120000007800267301615"
        .parse::<ChaveNfe>()
        .expect_err("must be rejected");
    assert!(matches!(e.motivo(), Motivo::Formato { .. }), "{e}");
    assert!(e.to_string().contains("tpEmis"), "{e}");
}

#[test]
fn chave_nfe_letra_fora_do_cnpj() {
    // A letter in the AAMM field (position 3) or in the CNPJ DVs (position 19) is rejected.
    for s in [
        "35A60812ABC34501DE35550010000000011000000018",
        "35260812ABC34501DEA5550010000000011000000018",
    ] {
        let e = s.parse::<ChaveNfe>().expect_err("must be rejected");
        assert!(matches!(e.motivo(), Motivo::Caractere { .. }), "{s}: {e}");
    }
}

#[test]
fn chave_nfe_mascara_danfe() {
    let chave: ChaveNfe = "3315 0308 3707 7900 0149 5500 1000 1100 9310 0241 0775"
        .parse()
        .expect("DANFE form");
    assert_eq!(chave.as_str(), CHAVES_OK[0]);
    assert_eq!(
        format!("{chave:#}"),
        "3315 0308 3707 7900 0149 5500 1000 1100 9310 0241 0775"
    );
    assert_eq!(format!("{chave:#}").parse::<ChaveNfe>(), Ok(chave));
    // Anything between the bare form and the exact mask is rejected.
    for s in [
        "3315 0308 3707 7900 0149 5500 1000 1100 9310 02410775",
        "3315.0308.3707.7900.0149.5500.1000.1100.9310.0241.0775",
        "3315  0308 3707 7900 0149 5500 1000 1100 9310 0241 0775",
    ] {
        assert!(s.parse::<ChaveNfe>().is_err(), "{s}");
    }
    assert_eq!(
        format!("  {}\n", CHAVES_OK[0]).parse::<ChaveNfe>(),
        Ok(chave)
    );
}

#[test]
fn chave_nfe_campos() {
    let c: ChaveNfe = CHAVES_OK[0].parse().expect("valid");
    assert_eq!(c.codigo_uf(), "33");
    assert_eq!(c.ano_mes(), "1503");
    assert_eq!(c.emitente(), "08370779000149");
    assert_eq!(c.modelo(), "55");
    assert_eq!(c.serie(), "001");
    assert_eq!(c.numero(), "000110093");
    assert_eq!(c.tipo_emissao(), 1);
    assert_eq!(c.codigo_numerico(), "00241077");
    assert_eq!(c.digito_verificador(), 5);
    let cpf: ChaveNfe = CHAVES_OK[4].parse().expect("valid");
    assert_eq!(cpf.emitente(), "00052998224725");
}

#[test]
fn chave_nfe_serde_e_schema() {
    let c: ChaveNfe = CHAVES_OK[2].parse().expect("valid");
    let json = serde_json::to_string(&c).expect("serialises");
    assert_eq!(json, format!("\"{}\"", CHAVES_OK[2]));
    assert_eq!(
        serde_json::from_str::<ChaveNfe>(&json).expect("round-trip"),
        c
    );
    assert!(
        serde_json::from_str::<ChaveNfe>("\"33150308370779000149550010001100931002410774\"")
            .is_err()
    );
    assert!(
        serde_json::from_str::<ChaveNfe>("33150308370779000149550010001100931002410775").is_err()
    );
    let schema = schema_de::<ChaveNfe>();
    assert_eq!(schema["type"], "string");
    assert!(
        schema["pattern"]
            .as_str()
            .is_some_and(|p| p.contains("[0-9]{6}[A-Z0-9]{12}[0-9]{26}"))
    );
}

// ---------------------------------------------------------------- LinhaDigitavel (§7.7)

const LINHAS_OK: [&str; 6] = [
    "836400000011331201380002812884627116080136181551", // mod 10
    "836200000005667800481000180975657313001589636081", // mod 10
    "846700000017435900240209024050002435842210108119", // mod 10
    "858900004609524601791605607593050865831483000010", // mod 11
    "848900000002404201622015806051904292586034111220", // mod 11
    "848100000008404200001610980245528291517050082350", // mod 11, synthetic
];

fn erro_linha(s: &str) -> ErroDominio {
    s.parse::<LinhaDigitavel>().expect_err(s)
}

#[test]
fn linha_vetores_validos() {
    for s in LINHAS_OK {
        let l: LinhaDigitavel = s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(l.as_str(), s);
        assert_eq!(l.to_string(), s);
        assert_eq!(format!("{l:#}").parse::<LinhaDigitavel>(), Ok(l));
    }
}

#[test]
fn linha_codigo_de_barras() {
    let l: LinhaDigitavel = LINHAS_OK[1].parse().expect("valid");
    assert_eq!(
        l.codigo_barras(),
        "83620000000667800481001809756573100158963608"
    );
    let sintetica: LinhaDigitavel = LINHAS_OK[5].parse().expect("valid");
    assert_eq!(&sintetica.codigo_barras()[3..4], "1");
}

#[test]
fn linha_mascaras() {
    let l: LinhaDigitavel = "83640000001-1 33120138000-2 81288462711-6 08013618155-1"
        .parse()
        .expect("hyphen style");
    assert_eq!(l.as_str(), LINHAS_OK[0]);
    assert_eq!(
        format!("{l:#}"),
        "83640000001-1 33120138000-2 81288462711-6 08013618155-1"
    );
    let l: LinhaDigitavel = "836200000005 667800481000 180975657313 001589636081"
        .parse()
        .expect("12-digit groups");
    assert_eq!(l.as_str(), LINHAS_OK[1]);
}

#[test]
fn linha_mascaras_invalidas() {
    for s in [
        "85890000460-9  52460179160-5 60759305086-5 83148300001-0", // double space
        "8589.0000460-9 52460179160-5 60759305086-5 83148300001-0", // dot
        "85890000460-9 524601791605 60759305086-5 83148300001-0",   // mixed styles
    ] {
        assert!(s.parse::<LinhaDigitavel>().is_err(), "{s}");
    }
}

#[test]
fn linha_dv_geral_falha_com_blocos_certos() {
    for s in [
        "858900004641524601791605607593050865831483000010",
        "848100000008704200001610980245528291517050082350",
    ] {
        let e = erro_linha(s);
        assert!(e.to_string().contains("general check digit"), "{s}: {e}");
    }
}

#[test]
fn linha_um_digito_alterado_em_cada_bloco() {
    // Derived by the oracle: position 6 of each block incremented (mod 10).
    let derivadas = [
        "836401000011331201380002812884627116080136181551",
        "836400000011331202380002812884627116080136181551",
        "836400000011331201380002812885627116080136181551",
        "836400000011331201380002812884627116080137181551",
        "836201000005667800481000180975657313001589636081",
        "836200000005667801481000180975657313001589636081",
        "836200000005667800481000180976657313001589636081",
        "836200000005667800481000180975657313001580636081",
        "846701000017435900240209024050002435842210108119",
        "846700000017435901240209024050002435842210108119",
        "846700000017435900240209024051002435842210108119",
        "846700000017435900240209024050002435842211108119",
        "858901004609524601791605607593050865831483000010",
        "858900004609524602791605607593050865831483000010",
        "858900004609524601791605607594050865831483000010",
        "858900004609524601791605607593050865831484000010",
        "848901000002404201622015806051904292586034111220",
        "848900000002404202622015806051904292586034111220",
        "848900000002404201622015806052904292586034111220",
        "848900000002404201622015806051904292586035111220",
        "848101000008404200001610980245528291517050082350",
        "848100000008404201001610980245528291517050082350",
        "848100000008404200001610980246528291517050082350",
        "848100000008404200001610980245528291517051082350",
    ];
    for s in derivadas {
        erro_linha(s);
    }
}

#[test]
fn linha_so_o_dv_geral_alterado() {
    // Derived by the oracle: general DV changed and block 1's DV recomputed.
    for s in [
        "836500000010331201380002812884627116080136181551",
        "836300000004667800481000180975657313001589636081",
        "846800000016435900240209024050002435842210108119",
        "858000004602524601791605607593050865831483000010",
        "848000000006404201622015806051904292586034111220",
        "848200000000404200001610980245528291517050082350",
    ] {
        let e = erro_linha(s);
        assert!(e.to_string().contains("general check digit"), "{s}: {e}");
    }
}

#[test]
fn linha_invalidas_com_motivo() {
    // Block 4 DV by the bank rule.
    let e = erro_linha("858900004609524601791605607593050865831483000011");
    assert!(e.to_string().contains("block 4"), "{e}");
    // Bank rule again on blocks 2 and 4.
    let e = erro_linha("848100000008404200001611980245528291517050082351");
    assert!(e.to_string().contains("block 2"), "{e}");
    // One digit altered (mcrvaz tests).
    erro_linha("836200000005667800481800180975657313001589636081");
    // Identificador de valor 2.
    let e = erro_linha("842900000002404201622015806051904292586034111220");
    assert!(e.to_string().contains("identificador de valor"), "{e}");
    // Product 5, not 8.
    let e = erro_linha("536400000011331201380002812884627116080136181551");
    assert!(e.to_string().contains("product"), "{e}");
    // 47-digit bank boleto line.
    let e = erro_linha("42297115040000195441160020034520268610000054659");
    assert!(e.to_string().contains("boleto"), "{e}");
    // The 44-digit barcode is not a line.
    let e = erro_linha("83620000000667800481001809756573100158963608");
    assert!(e.to_string().contains("barcode"), "{e}");
    // The masked bank boleto line.
    erro_linha("42297.11504 00001.954411 60020.034520 2 68610000054659");
    // Non-ASCII digit.
    let e = erro_linha("83640000001133120138000281288462711608013618155\u{FF11}");
    assert!(
        matches!(e.motivo(), Motivo::Caractere { posicao: 48, .. }),
        "{e}"
    );
}

#[test]
fn linha_campos() {
    let l: LinhaDigitavel = LINHAS_OK[0].parse().expect("valid");
    assert_eq!(l.segmento(), 3);
    assert_eq!(l.identificador_valor(), 6);
    assert_eq!(
        l.valor(),
        Some(Valor::from_centavos(13_312).expect("in range"))
    );
    let l: LinhaDigitavel = LINHAS_OK[3].parse().expect("valid");
    assert_eq!(l.identificador_valor(), 8);
    assert_eq!(
        l.valor(),
        Some(Valor::from_centavos(4_605_246).expect("in range"))
    );
    let l: LinhaDigitavel = LINHAS_OK[2].parse().expect("valid");
    assert_eq!(l.identificador_valor(), 6);
    assert_eq!(l.segmento(), 4);
}

#[test]
fn linha_serde_e_schema() {
    let l: LinhaDigitavel = LINHAS_OK[4].parse().expect("valid");
    let json = serde_json::to_string(&l).expect("serialises");
    assert_eq!(json, format!("\"{}\"", LINHAS_OK[4]));
    assert_eq!(
        serde_json::from_str::<LinhaDigitavel>(&json).expect("round-trip"),
        l
    );
    let mascarada = "\"83640000001-1 33120138000-2 81288462711-6 08013618155-1\"";
    assert_eq!(
        serde_json::from_str::<LinhaDigitavel>(mascarada)
            .expect("mask")
            .as_str(),
        LINHAS_OK[0]
    );
    assert!(
        serde_json::from_str::<LinhaDigitavel>(
            "\"858900004641524601791605607593050865831483000010\""
        )
        .is_err()
    );
    let schema = schema_de::<LinhaDigitavel>();
    assert!(
        schema["pattern"]
            .as_str()
            .is_some_and(|p| p.contains("[0-9]{48}"))
    );
}

// ---------------------------------------------------------------- PixCopiaECola (§7.8)

const PIX_BCB: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000\
    5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
const PIX_DINAMICO: &str = "00020101021226770014BR.GOV.BCB.PIX2555pix.example.com/qr/\
    93598be0-1bd0-4997-8318-81776a1d8a995204000053039865802BR5907EMPRESA6009SAO PAULO\
    62070503***6304EEAB";
const PIX_VALOR: &str = "00020126330014BR.GOV.BCB.PIX011157946663234520400005303986540\
    41.005802BR5925CLENILTON CRUZ DE ALENCAR6006MANAUS62070503***6304FA88";
const PIX_NOME_LONGO: &str = "00020126630014BR.GOV.BCB.PIX0122vendas@endoplus.odo.br\
    0215PEDIDO-ENDOPLUS520400005303986540574.105802BR5928ENDO PLUS COM E SERV LTDA ME\
    6014RIO DE JANEIRO62130509ENDO3446863043A22";

fn erro_pix(s: &str) -> ErroDominio {
    s.parse::<PixCopiaECola>().expect_err(s)
}

#[test]
fn pix_vetores_validos() {
    for s in [PIX_BCB, PIX_DINAMICO, PIX_VALOR, PIX_NOME_LONGO] {
        let p: PixCopiaECola = s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(p.as_str(), s);
        assert_eq!(p.to_string(), s);
        assert_eq!(format!("{p:#}"), s);
        assert_eq!(PixCopiaECola::try_from(s.to_owned()).as_ref(), Ok(&p));
    }
}

#[test]
fn pix_campos_do_exemplo_bcb() {
    let p: PixCopiaECola = PIX_BCB.parse().expect("valid");
    // Exactly these top-level objects (the oracle's "pix TLV of the BCB example"): every ID is
    // tried, so an extra or a missing object fails.
    let ids: Vec<u8> = (0..=99).filter(|&id| p.campo(id).is_some()).collect();
    assert_eq!(ids, [0, 26, 52, 53, 58, 59, 60, 62, 63]);
    assert_eq!(p.campo(0), Some("01"));
    assert_eq!(p.campo(53), Some("986"));
    assert_eq!(p.chave(), Some("123e4567-e12b-12d1-a456-426655440000"));
    assert_eq!(p.url(), None);
    assert_eq!(p.nome_recebedor(), Some("Fulano de Tal"));
    assert_eq!(p.cidade_recebedor(), Some("BRASILIA"));
    assert_eq!(p.txid(), Some("***"));
    assert_eq!(p.valor(), Ok(None));
    assert_eq!(p.crc(), "1D3D");
}

#[test]
fn pix_campos_dinamico_e_valor() {
    let d: PixCopiaECola = PIX_DINAMICO.parse().expect("valid");
    assert_eq!(
        d.url(),
        Some("pix.example.com/qr/93598be0-1bd0-4997-8318-81776a1d8a99")
    );
    assert_eq!(d.chave(), None);
    assert_eq!(d.campo(1), Some("12"));
    let v: PixCopiaECola = PIX_NOME_LONGO.parse().expect("valid");
    assert_eq!(
        v.valor(),
        Ok(Some(Valor::from_centavos(7_410).expect("in range")))
    );
    assert_eq!(v.chave(), Some("vendas@endoplus.odo.br"));
    assert_eq!(v.txid(), Some("ENDO34468"));
    assert_eq!(v.nome_recebedor(), Some("ENDO PLUS COM E SERV LTDA ME"));
}

#[test]
fn pix_invalidos() {
    // CRC does not match.
    let e = erro_pix(&PIX_BCB.replace("Fulano", "Fulana"));
    assert_eq!(e.motivo(), &Motivo::DigitoVerificador);
    // Lower-case CRC (strict policy).
    let e = erro_pix(&format!("{}1d3d", &PIX_BCB[..PIX_BCB.len() - 4]));
    assert!(e.to_string().contains("upper-case"), "{e}");
    // 62 08 over 7 characters, though its CRC matches the string as written.
    erro_pix(
        "00020126360014BR.GOV.BCB.PIX0114+5511943214321520400005303986540566.66\
         5802BR5907EMPRESA6008BRASILIA62080503***6304170E",
    );
    // Nested length inconsistent (CRC recomputed by the oracle).
    let e = erro_pix(
        "00020126580014br.gov.bcb.pix0135123e4567-e12b-12d1-a456-426655440000\
         5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***6304FABC",
    );
    assert!(e.to_string().contains("template 26"), "{e}");
    // CRC computed without the 6304 prefix (by the oracle).
    let e = erro_pix(
        "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000\
         5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63044AAD",
    );
    assert_eq!(e.motivo(), &Motivo::DigitoVerificador);
    // Format indicator 02 (CRC recomputed by the oracle).
    let e = erro_pix(
        "00020226580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000\
         5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***6304BAA3",
    );
    assert!(e.to_string().contains("000201"), "{e}");
    // No CRC object.
    let e = erro_pix(&PIX_BCB[..PIX_BCB.len() - 8]);
    assert!(e.to_string().contains("63"), "{e}");
    // Text after the CRC.
    erro_pix(&format!("{PIX_BCB}X"));
    erro_pix(&format!("{PIX_BCB} X"));
    erro_pix(&format!("{PIX_BCB}0000"));
    // Empty and white space only.
    assert_eq!(erro_pix("").motivo(), &Motivo::Vazio);
    assert_eq!(erro_pix(" \t\n").motivo(), &Motivo::Vazio);
}

#[test]
fn pix_espaco_em_volta_e_aparado() {
    // The oracle's vector "BCB example followed by a space" is rejected by its canonical check;
    // the crate's input policy trims surrounding white space first (issue, domain-rules §7.8
    // recommendation), so the canonical form holds no trailing space.
    let p: PixCopiaECola = format!("{PIX_BCB} ").parse().expect("trimmed");
    assert_eq!(p.as_str(), PIX_BCB);
    let p: PixCopiaECola = format!("\n {PIX_BCB}\r\n").parse().expect("trimmed");
    assert_eq!(p.as_str(), PIX_BCB);
}

#[test]
fn pix_valor_malformado() {
    // A code whose ID 54 is not an amount still validates (the SDK passes it on), but reading
    // the amount reports the fault. CRC computed by the oracle's algorithm (crc_hqx).
    let s = "00020126330014BR.GOV.BCB.PIX0111579466632345204000053039865405\
             1,0005802BR5925CLENILTON CRUZ DE ALENCAR6006MANAUS62070503***6304";
    let crc = crc16(s.as_bytes());
    let p: PixCopiaECola = format!("{s}{crc:04X}").parse().expect("valid TLV and CRC");
    assert!(p.valor().is_err());
}

/// CRC-16/CCITT-FALSE, written here independently of the crate (oracle: `binascii.crc_hqx`).
fn crc16(dados: &[u8]) -> u16 {
    let mut crc: u32 = 0xFFFF;
    for &b in dados {
        crc ^= u32::from(b) << 8;
        for _ in 0..8 {
            crc <<= 1;
            if crc & 0x1_0000 != 0 {
                crc ^= 0x1_1021;
            }
        }
    }
    u16::try_from(crc & 0xFFFF).expect("masked")
}

#[test]
fn pix_crc_independente_confere() {
    assert_eq!(crc16(b"123456789"), 0x29B1);
    assert_eq!(crc16(&PIX_BCB.as_bytes()[..PIX_BCB.len() - 4]), 0x1D3D);
}

#[test]
fn pix_nao_ascii_conta_caracteres() {
    // Lengths count characters; the CRC is over UTF-8 bytes (the oracle's reading).
    let s = "00020126330014BR.GOV.BCB.PIX01115794666323452040000530398654041.00\
             5802BR5906JOÃO S6006MANAUS62070503***6304";
    let crc = crc16(s.as_bytes());
    let p: PixCopiaECola = format!("{s}{crc:04X}").parse().expect("valid");
    assert_eq!(p.nome_recebedor(), Some("JOÃO S"));
    // Counting bytes instead would make 59 announce 7.
    let s7 = s.replace("5906JOÃO S", "5907JOÃO S");
    let crc = crc16(s7.as_bytes());
    assert!(format!("{s7}{crc:04X}").parse::<PixCopiaECola>().is_err());
}

#[test]
fn pix_debug_nao_mostra_a_chave() {
    let p: PixCopiaECola = PIX_VALOR.parse().expect("valid");
    let debug = format!("{p:?}");
    assert!(!debug.contains("57946663234"), "{debug}");
    assert!(debug.contains("FA88"), "{debug}");
}

#[test]
fn pix_serde_e_schema() {
    let p: PixCopiaECola = PIX_DINAMICO.parse().expect("valid");
    let json = serde_json::to_string(&p).expect("serialises");
    assert_eq!(
        serde_json::from_str::<PixCopiaECola>(&json).expect("round-trip"),
        p
    );
    let adulterado = serde_json::to_string(&PIX_BCB.replace("Fulano", "Fulana")).expect("string");
    assert!(serde_json::from_str::<PixCopiaECola>(&adulterado).is_err());
    let schema = schema_de::<PixCopiaECola>();
    assert!(
        schema["pattern"]
            .as_str()
            .is_some_and(|p| p.starts_with("^000201"))
    );
}

// ---------------------------------------------------------------- Valor

fn v(centavos: u64) -> Valor {
    Valor::from_centavos(centavos).expect("in range")
}

#[test]
fn valor_formas_aceitas() {
    for (s, c) in [
        ("1234.56", 123_456),
        ("1234.5", 123_450),
        ("1234", 123_400),
        ("0.01", 1),
        ("0", 0),
        ("007.50", 750),
        ("1.234,56", 123_456),
        ("1234,56", 123_456),
        ("1234,5", 123_450),
        ("R$ 1.234,56", 123_456),
        ("R$1.234,56", 123_456),
        ("R$\u{a0}1.234,56", 123_456),
        ("R$ 10", 1_000),
        ("R$ 1.234", 123_400),
        ("1.234.567,89", 123_456_789),
        ("  74.10 \n", 7_410),
        ("9999999999999.99", 999_999_999_999_999),
    ] {
        assert_eq!(s.parse::<Valor>(), Ok(v(c)), "{s:?}");
    }
}

#[test]
fn valor_formas_rejeitadas() {
    for s in [
        "",
        "  ",
        "-1",
        "-0.01",
        "+1",
        "1.234",
        "1.2345",
        "1,234",
        "1.234,5678",
        "12.34,56",
        "1.23.456,00",
        ".50",
        ",50",
        "1.",
        "1,",
        "R$",
        "R$ ",
        "R$  1,00",
        "R$ -1,00",
        "R$ ,50",
        "1e3",
        "1 234,56",
        "1_000",
        "١٢",
        "１２",
        "1\u{a0}2",
        "R $ 1,00",
        "NaN",
        "inf",
        "10000000000000.00",
        "99999999999999999999999",
    ] {
        assert!(s.parse::<Valor>().is_err(), "{s:?} should be rejected");
    }
    assert!(matches!(
        "-5".parse::<Valor>()
            .expect_err("must be rejected")
            .motivo(),
        Motivo::Formato { .. }
    ));
    assert!(matches!(
        "10000000000000"
            .parse::<Valor>()
            .expect_err("must be rejected")
            .motivo(),
        Motivo::ForaDoIntervalo { .. }
    ));
    assert!(matches!(
        "12x"
            .parse::<Valor>()
            .expect_err("must be rejected")
            .motivo(),
        Motivo::Caractere {
            posicao: 3,
            encontrado: 'x',
            ..
        }
    ));
}

#[test]
fn valor_exibicao() {
    for (c, normal, br) in [
        (0, "0.00", "R$ 0,00"),
        (5, "0.05", "R$ 0,05"),
        (100, "1.00", "R$ 1,00"),
        (123_456, "1234.56", "R$ 1.234,56"),
        (100_000_000, "1000000.00", "R$ 1.000.000,00"),
        (99_999, "999.99", "R$ 999,99"),
        (
            999_999_999_999_999,
            "9999999999999.99",
            "R$ 9.999.999.999.999,99",
        ),
    ] {
        assert_eq!(v(c).to_string(), normal);
        assert_eq!(format!("{:#}", v(c)), br);
        assert_eq!(normal.parse::<Valor>(), Ok(v(c)));
        assert_eq!(br.parse::<Valor>(), Ok(v(c)));
    }
    assert_eq!(format!("{:>10}", v(150)), "      1.50");
    assert_eq!(format!("{:?}", v(150)), "Valor(1.50)");
}

#[test]
fn valor_aritmetica_verificada() {
    assert_eq!(v(150).checked_add(v(250)), Some(v(400)));
    assert_eq!(Valor::MAX.checked_add(v(1)), None);
    assert_eq!(v(250).checked_sub(v(150)), Some(v(100)));
    assert_eq!(v(150).checked_sub(v(250)), None);
    assert_eq!(v(150).checked_mul(3), Some(v(450)));
    assert_eq!(Valor::MAX.checked_mul(2), None);
    assert_eq!(v(1).checked_mul(u64::MAX), None);
    assert_eq!(Valor::checked_sum([v(1), v(2), v(3)]), Some(v(6)));
    assert_eq!(Valor::checked_sum([Valor::MAX, v(1)]), None);
    assert_eq!(Valor::checked_sum([]), Some(Valor::ZERO));
    assert!(Valor::ZERO.is_zero());
    assert_eq!(v(123_456).reais(), 1234);
    assert_eq!(u64::from(v(123_456)), 123_456);
    assert_eq!(Valor::try_from(123_456_u64), Ok(v(123_456)));
    assert!(Valor::from_centavos(1_000_000_000_000_000).is_err());
    assert!(v(1) < v(2));
}

#[test]
fn valor_serde() {
    assert_eq!(serde_json::to_string(&v(123_456)).expect("ser"), "1234.56");
    // Issue 3: "writes a JSON number with two decimals" — the trailing zero is kept.
    assert_eq!(serde_json::to_string(&v(123_450)).expect("ser"), "1234.50");
    assert_eq!(serde_json::to_string(&v(10_000)).expect("ser"), "100.00");
    assert_eq!(serde_json::to_string(&Valor::ZERO).expect("ser"), "0.00");
    assert_eq!(serde_json::to_string(&v(1)).expect("ser"), "0.01");
    assert_eq!(
        serde_json::to_string(&Valor::MAX).expect("ser"),
        "9999999999999.99"
    );
    for (json, c) in [
        ("1234.56", 123_456),
        ("1234", 123_400),
        ("0.1", 10),
        ("45000.00", 4_500_000),
        ("\"1234.56\"", 123_456),
        ("\"R$ 1.234,56\"", 123_456),
        ("9999999999999.99", 999_999_999_999_999),
    ] {
        assert_eq!(
            serde_json::from_str::<Valor>(json).expect(json),
            v(c),
            "{json}"
        );
    }
    for json in [
        "-1", "-0.5", "1.005", "0.001", "1e20", "\"-1\"", "\"abc\"", "null", "true", "[]",
    ] {
        assert!(serde_json::from_str::<Valor>(json).is_err(), "{json}");
    }
    let schema = schema_de::<Valor>();
    assert_eq!(schema["minimum"], 0);
    assert!(schema["pattern"].is_string());
}

/// Two decimals survive inside request structs (also through `#[serde(flatten)]`, which buffers
/// the value), `to_value` gives the same number, and what is written reads back.
#[test]
fn valor_serde_em_structs_mantem_duas_casas() {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Interno {
        #[serde(rename = "valorVenda")]
        valor_venda: Valor,
        #[serde(rename = "valorCompra", skip_serializing_if = "Option::is_none")]
        valor_compra: Option<Valor>,
    }
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Corpo {
        id: u32,
        #[serde(flatten)]
        interno: Interno,
    }
    let corpo = Corpo {
        id: 7,
        interno: Interno {
            valor_venda: v(4_500_000),
            valor_compra: Some(v(12_340)),
        },
    };
    let texto = serde_json::to_string(&corpo).expect("ser");
    assert_eq!(
        texto,
        r#"{"id":7,"valorVenda":45000.00,"valorCompra":123.40}"#
    );
    assert_eq!(serde_json::from_str::<Corpo>(&texto).expect("de"), corpo);
    assert_eq!(
        serde_json::to_value(&corpo).expect("value"),
        serde_json::json!({"id": 7, "valorVenda": 45000.0, "valorCompra": 123.4})
    );
    assert_eq!(serde_json::to_vec(&v(5)).expect("vec"), b"0.05".to_vec());
}

// ---------------------------------------------------------------- Data / DataHora

#[test]
fn data_aceita_e_exibe() {
    let d: Data = "2024-02-29".parse().expect("leap day");
    assert_eq!(d.to_string(), "2024-02-29");
    assert_eq!(format!("{d:#}"), "2024-02-29");
    assert_eq!((d.ano(), d.mes(), d.dia()), (2024, 2, 29));
    assert_eq!(" 2024-02-29\n".parse::<Data>(), Ok(d));
    assert_eq!(
        Data::try_from("0001-01-01").map(|d| d.to_string()),
        Ok("0001-01-01".to_owned())
    );
    assert_eq!(
        Data::try_from("9999-12-31".to_owned()).map(|d| d.to_string()),
        Ok("9999-12-31".to_owned())
    );
    assert_eq!(format!("{d:?}"), "Data(2024-02-29)");
}

#[test]
fn data_rejeita() {
    for s in [
        "",
        "2023-02-29",
        "2024-13-01",
        "2024-00-10",
        "2024-04-31",
        "0000-01-01",
        "24-01-01",
        "2024-1-01",
        "2024/01/01",
        "01/02/2024",
        "2024-01-01T00:00:00",
        "20240101",
        "2024-01-01Z",
        "２０２４-01-01",
        "2024-01-0١",
    ] {
        assert!(s.parse::<Data>().is_err(), "{s:?}");
    }
    let e = "2023-02-29".parse::<Data>().expect_err("must be rejected");
    assert!(
        e.to_string().contains("day 29 does not exist in 2023-02"),
        "{e}"
    );
    let e = "2024/01/01".parse::<Data>().expect_err("must be rejected");
    assert!(
        matches!(
            e.motivo(),
            Motivo::Caractere {
                posicao: 5,
                encontrado: '/',
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn data_hora_aceita_e_exibe() {
    let dh: DataHora = "2018-08-09T09:46:52".parse().expect("valid");
    assert_eq!(dh.to_string(), "2018-08-09T09:46:52");
    assert_eq!(format!("{dh:#}"), "2018-08-09T09:46:52");
    assert_eq!((dh.hora(), dh.minuto(), dh.segundo()), (9, 46, 52));
    assert_eq!(dh.data(), "2018-08-09".parse::<Data>().expect("valid"));
    assert_eq!(Data::from(dh), dh.data());
    // Fractional seconds are accepted and truncated.
    let f: DataHora = "2022-03-28T08:59:19.35637".parse().expect("fraction");
    assert_eq!(f.to_string(), "2022-03-28T08:59:19");
    assert_eq!(
        "2022-03-28T08:59:19.999999999"
            .parse::<DataHora>()
            .map(|d| d.to_string()),
        Ok("2022-03-28T08:59:19".to_owned())
    );
    assert_eq!(f, "2022-03-28T08:59:19".parse::<DataHora>().expect("valid"));
    assert_eq!(format!("{dh:?}"), "DataHora(2018-08-09T09:46:52)");
}

#[test]
fn data_hora_rejeita_fuso() {
    for s in [
        "2022-03-28T11:59:19Z",
        "2022-03-28T11:59:19z",
        "2022-03-28T08:59:19-03:00",
        "2022-03-28T08:59:19+00:00",
        "2022-03-28T08:59:19.123Z",
        "2022-03-28T08:59:19.123-0300",
        "2022-03-28T08:59:19[America/Sao_Paulo]",
    ] {
        let e = s.parse::<DataHora>().expect_err(s);
        assert!(
            e.to_string().contains("naive Brasília local time"),
            "{s}: {e}"
        );
    }
}

#[test]
fn data_hora_rejeita() {
    for s in [
        "",
        "2022-03-28",
        "2022-03-28T08:59",
        "2022-03-28 08:59:19",
        "2022-03-28t08:59:19",
        "2022-03-28T24:00:00",
        "2022-03-28T23:60:00",
        "2022-03-28T23:59:60",
        "2022-02-30T00:00:00",
        "2022-03-28T08:59:19.",
        "2022-03-28T08:59:19.1234567890",
        "2022-03-28T08:59:19,5",
        "2022-03-28T8:59:19",
        "2022-03-28T08:59:19 ",
        "2022-03-28T08:59:19x",
        "2022-03-28T08:59:1９",
    ] {
        // (A trailing space is trimmed, so "…19 " is valid; checked separately below.)
        if s.ends_with(' ') {
            assert!(s.parse::<DataHora>().is_ok(), "{s:?}");
        } else {
            assert!(s.parse::<DataHora>().is_err(), "{s:?}");
        }
    }
    let e = "2022-03-28 08:59:19"
        .parse::<DataHora>()
        .expect_err("must be rejected");
    assert!(
        matches!(
            e.motivo(),
            Motivo::Caractere {
                posicao: 11,
                encontrado: ' ',
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn data_hora_construtores_e_jiff() {
    let dh = DataHora::new(2026, 1, 2, 3, 4, 5).expect("valid");
    assert_eq!(dh.to_string(), "2026-01-02T03:04:05");
    assert!(DataHora::new(2026, 2, 29, 0, 0, 0).is_err());
    assert!(DataHora::new(2026, 1, 1, -1, 0, 0).is_err());
    let j: jiff::civil::DateTime = dh.into();
    assert_eq!(j, dh.as_jiff());
    assert_eq!(DataHora::try_from(j), Ok(dh));
    let com_fracao = jiff::civil::date(2026, 1, 2).at(3, 4, 5, 999_999_999);
    assert_eq!(DataHora::try_from(com_fracao), Ok(dh));
    assert!(DataHora::try_from(jiff::civil::date(-1, 1, 1).at(0, 0, 0, 0)).is_err());
    let d = Data::new(2026, 1, 2).expect("valid");
    assert_eq!(d.com_hora(3, 4, 5), Ok(dh));
    let jd: jiff::civil::Date = d.into();
    assert_eq!(Data::try_from(jd), Ok(d));
    assert!(Data::try_from(jiff::civil::date(0, 1, 1)).is_err());
    assert!(d < Data::new(2026, 1, 3).expect("valid"));
    assert!(dh < DataHora::new(2026, 1, 2, 3, 4, 6).expect("valid"));
}

#[test]
fn agora_brasilia_e_utc_menos_3() {
    // Brazil has had no DST since 2019: Brasília time is UTC−03:00 whatever jiff finds.
    let antes = jiff::Timestamp::now();
    let agora = DataHora::agora_brasilia();
    let depois = jiff::Timestamp::now();
    let utc3 = jiff::tz::TimeZone::fixed(jiff::tz::offset(-3));
    let min = utc3
        .to_datetime(antes)
        .with()
        .subsec_nanosecond(0)
        .build()
        .expect("valid");
    let max = utc3.to_datetime(depois);
    assert!(
        agora.as_jiff() >= min && agora.as_jiff() <= max,
        "{agora} not in [{min}, {max}]"
    );
    assert_eq!(agora.as_jiff().subsec_nanosecond(), 0);
    assert!(!agora.to_string().contains('Z'));
    let hoje = Data::hoje_brasilia();
    assert!(hoje >= min.date().try_into().expect("valid") && hoje.as_jiff() <= max.date());
}

#[test]
fn datas_serde_e_schema() {
    let d: Data = "2026-02-28".parse().expect("valid");
    assert_eq!(serde_json::to_string(&d).expect("ser"), "\"2026-02-28\"");
    assert_eq!(
        serde_json::from_str::<Data>("\"2026-02-28\"").expect("de"),
        d
    );
    // Date fields answered as date-times (zero-km stock) keep their date.
    assert_eq!(
        serde_json::from_str::<Data>("\"2026-02-28T00:00:00\"").expect("de"),
        d
    );
    assert_eq!(
        serde_json::from_str::<Data>("\"2026-02-28T13:14:15.5\"").expect("de"),
        d
    );
    for json in [
        "\"2026-02-30\"",
        "\"28/02/2026\"",
        "\"2026-02-28T00:00:00Z\"",
        "20260228",
        "null",
    ] {
        assert!(serde_json::from_str::<Data>(json).is_err(), "{json}");
    }
    let dh: DataHora = "2022-03-28T08:59:19".parse().expect("valid");
    assert_eq!(
        serde_json::to_string(&dh).expect("ser"),
        "\"2022-03-28T08:59:19\""
    );
    assert_eq!(
        serde_json::from_str::<DataHora>("\"2022-03-28T08:59:19.35637\"").expect("de"),
        dh
    );
    for json in [
        "\"2022-03-28T11:59:19Z\"",
        "\"2022-03-28\"",
        "\"2022-03-28T08:59:19-03:00\"",
        "0",
    ] {
        assert!(serde_json::from_str::<DataHora>(json).is_err(), "{json}");
    }
    let s = schema_de::<Data>();
    assert_eq!(s["pattern"], "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    assert_eq!(s["format"], "date");
    let s = schema_de::<DataHora>();
    assert!(
        s["pattern"]
            .as_str()
            .is_some_and(|p| p.contains("T[0-9]{2}:[0-9]{2}:[0-9]{2}"))
    );
    assert!(
        s.get("format").is_none(),
        "date-time (RFC 3339) would demand an offset"
    );
}

#[test]
fn erros_sao_de_uma_linha_e_nomeiam_o_tipo() {
    for (e, tipo) in [
        (
            "x".parse::<ChaveNfe>().expect_err("must be rejected"),
            "chave NF-e",
        ),
        (
            "x".parse::<LinhaDigitavel>().expect_err("must be rejected"),
            "linha digitável",
        ),
        (
            "x".parse::<PixCopiaECola>().expect_err("must be rejected"),
            "Pix copia e cola",
        ),
        ("x".parse::<Valor>().expect_err("must be rejected"), "valor"),
        ("x".parse::<Data>().expect_err("must be rejected"), "data"),
        (
            "x".parse::<DataHora>().expect_err("must be rejected"),
            "data-hora",
        ),
    ] {
        assert_eq!(e.tipo(), tipo);
        let texto = e.to_string();
        assert!(texto.starts_with(&format!("invalid {tipo}: ")), "{texto}");
        assert!(!texto.contains('\n'), "{texto}");
    }
}

#[test]
fn chave_nfe_debug_oculta_cpf_do_emitente() {
    let cpf: ChaveNfe = CHAVES_OK[4].parse().expect("valid");
    let debug = format!("{cpf:?}");
    assert_eq!(
        debug,
        "ChaveNfe(352401000*********25550010000001231123456782)"
    );
    assert!(!debug.contains("529982247"), "{debug}");
    let cnpj: ChaveNfe = CHAVES_OK[0].parse().expect("valid");
    assert_eq!(format!("{cnpj:?}"), format!("ChaveNfe({})", CHAVES_OK[0]));
    // Display is the wire value and stays complete.
    assert_eq!(cpf.to_string(), CHAVES_OK[4]);
}

/// A JSON number is judged by the text the server wrote: more than two decimals are refused
/// even where the double nearest to it is also (within one ULP) the double of a two-decimal
/// amount. Found by a property test: `991452665294.6599` was read as `991452665294.66`.
#[test]
fn valor_numero_json_com_mais_de_duas_casas_perto_do_limite_do_f64() {
    // A text of 16 or more significant digits is beyond what a JSON number read as `f64` can
    // tell apart, so the rule is checked up to 15.
    for recusado in ["991452665294.6599", "0.001", "1234.567", "999999999999.991"] {
        assert!(
            serde_json::from_str::<Valor>(recusado).is_err(),
            "{recusado} must be refused"
        );
    }
    for (aceito, centavos) in [
        ("991452665294.66", 99_145_266_529_466_u64),
        ("9999999999999.99", 999_999_999_999_999),
        ("1234.50", 123_450),
        ("0.1", 10),
        ("-0.0", 0),
    ] {
        assert_eq!(
            serde_json::from_str::<Valor>(aceito)
                .map(Valor::centavos)
                .ok(),
            Some(centavos),
            "{aceito}"
        );
    }
}
