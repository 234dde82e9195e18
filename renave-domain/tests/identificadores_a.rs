//! Unit tests of helper A's identifiers with every vector of `domain-rules.md` (§1–§7.3) and the
//! error details (type, position, character) the issue asks for.

#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

use renave_domain::{
    Cep, Chassi, Cnpj, CodigoMunicipio, CodigoMunicipioIbge, CodigoSegurancaCrv, Cpf, CpfCnpj,
    ErroDominio, Motivo, NumeroCrv, Placa, Renavam, Uf,
};

fn erro<T: std::str::FromStr<Err = ErroDominio> + std::fmt::Debug>(s: &str) -> ErroDominio {
    match s.parse::<T>() {
        Ok(v) => panic!("{s:?} should be rejected, got {v:?}"),
        Err(e) => e,
    }
}

// ------------------------------------------------------------------------------------------ CPF

#[test]
fn cpf_vetores_validos() {
    for (entrada, canonico) in [
        ("529.982.247-25", "52998224725"),
        ("52998224725", "52998224725"),
        ("111.444.777-35", "11144477735"),
        ("390.533.447-05", "39053344705"),
        ("000.000.001-91", "00000000191"),
        ("123.456.789-09", "12345678909"),
        ("  52998224725\t", "52998224725"),
    ] {
        let cpf: Cpf = entrada.parse().unwrap_or_else(|e| panic!("{entrada}: {e}"));
        assert_eq!(cpf.as_str(), canonico);
        assert_eq!(cpf.to_string(), canonico);
    }
}

#[test]
fn cpf_vetores_invalidos() {
    assert_eq!(
        erro::<Cpf>("52998224724").motivo(),
        &Motivo::DigitoVerificador
    );
    assert_eq!(
        erro::<Cpf>("12345678900").motivo(),
        &Motivo::DigitoVerificador
    );
    for d in 0..=9 {
        let s = d.to_string().repeat(11);
        assert_eq!(erro::<Cpf>(&s).motivo(), &Motivo::SequenciaInvalida, "{s}");
    }
    assert_eq!(
        erro::<Cpf>("5299822472").motivo(),
        &Motivo::Comprimento {
            esperado: "11 (or 14 with the mask)",
            obtido: 10
        }
    );
    assert_eq!(
        erro::<Cpf>("5299822472\u{ff15}").motivo(),
        &Motivo::Caractere {
            posicao: 11,
            encontrado: '\u{ff15}',
            esperado: "an ASCII digit 0-9"
        }
    );
    assert_eq!(erro::<Cpf>("").motivo(), &Motivo::Vazio);
    assert_eq!(erro::<Cpf>("   ").motivo(), &Motivo::Vazio);
    // Never padded.
    assert!(matches!(
        erro::<Cpf>("191").motivo(),
        Motivo::Comprimento { obtido: 3, .. }
    ));
}

#[test]
fn cpf_mascara_exata_ou_nada() {
    for s in ["529.982.247.25", "529-982.247-25", "529.982.247 25"] {
        assert_eq!(
            erro::<Cpf>(s).motivo(),
            &Motivo::Mascara {
                mascara: "000.000.000-00"
            },
            "{s}"
        );
    }
    // Partial masks have neither length.
    for s in ["529982247-25", "529.982.24725", "foo529.982.247-25"] {
        assert!(
            matches!(erro::<Cpf>(s).motivo(), Motivo::Comprimento { .. }),
            "{s}"
        );
    }
    // A letter at a value slot of the mask is a character error at its input position.
    assert_eq!(
        erro::<Cpf>("529.982.2A7-25").motivo(),
        &Motivo::Caractere {
            posicao: 10,
            encontrado: 'A',
            esperado: "an ASCII digit 0-9"
        }
    );
}

#[test]
fn cpf_nao_vaza_em_debug_nem_em_erro() {
    let cpf: Cpf = "52998224725".parse().unwrap();
    assert_eq!(format!("{cpf:?}"), "Cpf(***.***.***-25)");
    assert!(!format!("{cpf:?}").contains("529982"));
    assert_eq!(format!("{:?}", CpfCnpj::Cpf(cpf)), "Cpf(***.***.***-25)");
    assert_eq!(format!("{cpf:#}"), "529.982.247-25");
    let e = erro::<Cpf>("52998224724");
    assert_eq!(e.tipo(), "CPF");
    assert_eq!(e.to_string(), "invalid CPF: check digit does not match");
    assert!(!format!("{e:?}").contains("52998224724"));
}

// ----------------------------------------------------------------------------------------- CNPJ

#[test]
fn cnpj_vetores_validos() {
    for (entrada, canonico) in [
        ("11.222.333/0001-81", "11222333000181"),
        ("11222333000181", "11222333000181"),
        ("11.444.777/0001-61", "11444777000161"),
        ("33.000.167/0001-01", "33000167000101"),
        ("00.000.000/0001-91", "00000000000191"),
        ("12.ABC.345/01DE-35", "12ABC34501DE35"),
        ("12ABC34501DE35", "12ABC34501DE35"),
        ("0X.0J9.2JY/0001-96", "0X0J92JY000196"),
        ("A8.7HB.ZHB/0001-61", "A87HBZHB000161"),
        ("UU.97L.8QM/0001-30", "UU97L8QM000130"),
        ("12.ABC.345/0001-88", "12ABC345000188"),
        ("PC3D315K000193", "PC3D315K000193"),
        // Lenient parse upper-cases before computing the DV (never over lower-case bytes).
        ("12abc34501de35", "12ABC34501DE35"),
    ] {
        let cnpj: Cnpj = entrada.parse().unwrap_or_else(|e| panic!("{entrada}: {e}"));
        assert_eq!(cnpj.as_str(), canonico);
    }
    assert!(
        "11222333000181"
            .parse::<Cnpj>()
            .is_ok_and(|c| !c.is_alfanumerico())
    );
    assert!(
        "12ABC34501DE35"
            .parse::<Cnpj>()
            .is_ok_and(|c| c.is_alfanumerico())
    );
}

#[test]
fn cnpj_vetores_invalidos() {
    assert_eq!(
        erro::<Cnpj>("11222333000180").motivo(),
        &Motivo::DigitoVerificador
    );
    assert_eq!(
        erro::<Cnpj>("00000000000000").motivo(),
        &Motivo::SequenciaInvalida
    );
    assert_eq!(
        erro::<Cnpj>("11111111111111").motivo(),
        &Motivo::DigitoVerificador
    );
    assert_eq!(
        erro::<Cnpj>("12ABC34501DE36").motivo(),
        &Motivo::DigitoVerificador
    );
    // Generated with the wrong A=10 mapping; the correct DV is 41.
    assert_eq!(
        erro::<Cnpj>("LBNXQOB5000163").motivo(),
        &Motivo::DigitoVerificador
    );
    assert!("LBNXQOB5000141".parse::<Cnpj>().is_ok());
    assert_eq!(
        erro::<Cnpj>("12ABC34501DE3A").motivo(),
        &Motivo::Caractere {
            posicao: 14,
            encontrado: 'A',
            esperado: "an ASCII digit 0-9"
        }
    );
    // The DV sum "works" for ':' (ASCII 58); only the charset check rejects it.
    assert_eq!(
        erro::<Cnpj>("12ABC34501D:35").motivo(),
        &Motivo::Caractere {
            posicao: 12,
            encontrado: ':',
            esperado: "an ASCII digit or letter A-Z"
        }
    );
    assert!(Cnpj::parse_estrito("12abc34501de35").is_err());
    assert!(Cnpj::parse_estrito("12ABC34501DE35").is_ok());
    assert_eq!(
        erro::<Cnpj>("12ABC34501DE-35").motivo(),
        &Motivo::Comprimento {
            esperado: "14 (or 18 with the mask)",
            obtido: 15
        }
    );
    assert_eq!(
        erro::<Cnpj>("12.ABC.345.01DE-35").motivo(),
        &Motivo::Mascara {
            mascara: "00.000.000/0000-00"
        }
    );
}

#[test]
fn cnpj_mascara_e_partes() {
    let c: Cnpj = "12ABC34501DE35".parse().unwrap();
    assert_eq!(format!("{c:#}"), "12.ABC.345/01DE-35");
    assert_eq!(c.raiz(), "12ABC345");
    assert_eq!(c.ordem(), "01DE");
    assert_eq!(format!("{c:?}"), "Cnpj(\"12ABC34501DE35\")");
}

#[test]
fn cpf_cnpj_escolhe_pelo_comprimento() {
    assert!(matches!(
        "52998224725".parse::<CpfCnpj>(),
        Ok(CpfCnpj::Cpf(_))
    ));
    assert!(matches!(
        "529.982.247-25".parse::<CpfCnpj>(),
        Ok(CpfCnpj::Cpf(_))
    ));
    assert!(matches!(
        "11222333000181".parse::<CpfCnpj>(),
        Ok(CpfCnpj::Cnpj(_))
    ));
    assert!(matches!(
        "11.222.333/0001-81".parse::<CpfCnpj>(),
        Ok(CpfCnpj::Cnpj(_))
    ));
    assert!(matches!(
        "12abc34501de35".parse::<CpfCnpj>(),
        Ok(CpfCnpj::Cnpj(_))
    ));
    let doc: CpfCnpj = "12ABC34501DE35".parse().unwrap();
    assert_eq!(doc.as_str(), "12ABC34501DE35");
    assert_eq!(format!("{doc:#}"), "12.ABC.345/01DE-35");
    assert!(doc.cnpj().is_some() && doc.cpf().is_none());
    // Errors name the inner type.
    assert_eq!(erro::<CpfCnpj>("52998224724").tipo(), "CPF");
    assert_eq!(erro::<CpfCnpj>("11222333000180").tipo(), "CNPJ");
    let e = erro::<CpfCnpj>("123456789012");
    assert_eq!(e.tipo(), "CPF or CNPJ");
    assert!(matches!(e.motivo(), Motivo::Comprimento { obtido: 12, .. }));
    assert_eq!(erro::<CpfCnpj>(" ").motivo(), &Motivo::Vazio);
}

// ---------------------------------------------------------------------------------------- Placa

#[test]
fn placa_vetores() {
    for (entrada, canonico, mercosul) in [
        ("ABC1234", "ABC1234", false),
        ("ABC-1234", "ABC1234", false),
        ("abc1234", "ABC1234", false),
        ("ABC1C34", "ABC1C34", true),
        ("BRA2E19", "BRA2E19", true),
        ("pzs3i19", "PZS3I19", true),
    ] {
        let p: Placa = entrada.parse().unwrap_or_else(|e| panic!("{entrada}: {e}"));
        assert_eq!(p.as_str(), canonico);
        assert_eq!(p.is_mercosul(), mercosul);
    }
    for s in [
        "ABC123",
        "AB12345",
        "ABC12D3",
        "ABCD123",
        "1BC1234",
        "\u{c1}BC1234",
        "ABC1-234",
    ] {
        assert_eq!(erro::<Placa>(s).tipo(), "placa", "{s}");
    }
    assert_eq!(
        erro::<Placa>("\u{c1}BC1234").motivo(),
        &Motivo::Caractere {
            posicao: 1,
            encontrado: '\u{c1}',
            esperado: "an ASCII letter A-Z"
        }
    );
    assert_eq!(
        erro::<Placa>("ABC1-234").motivo(),
        &Motivo::Mascara {
            mascara: "AAA-0000"
        }
    );
    assert!(erro::<Placa>("ABC-1C34").to_string().contains("Mercosul"));
    assert!("ABC 1234".parse::<Placa>().is_err());
}

#[test]
fn placa_conversao() {
    for (antiga, nova) in [
        ("ABC1234", "ABC1C34"),
        ("PZS3819", "PZS3I19"),
        ("BRA2419", "BRA2E19"),
    ] {
        let a: Placa = antiga.parse().unwrap();
        let n: Placa = nova.parse().unwrap();
        assert_eq!(a.para_mercosul(), n);
        assert_eq!(n.para_antiga(), Some(a));
        assert_eq!(n.para_mercosul(), n);
        assert_eq!(a.para_antiga(), Some(a));
    }
    assert_eq!("ABC1K23".parse::<Placa>().unwrap().para_antiga(), None);
    assert_eq!(
        format!("{:#}", "ABC1234".parse::<Placa>().unwrap()),
        "ABC-1234"
    );
    assert_eq!(
        format!("{:#}", "ABC1C34".parse::<Placa>().unwrap()),
        "ABC1C34"
    );
}

// -------------------------------------------------------------------------------------- RENAVAM

#[test]
fn renavam_vetores() {
    for (entrada, canonico) in [
        ("13824652268", "13824652268"),
        ("08543317523", "08543317523"),
        ("79072338363", "79072338363"),
        ("86769597308", "86769597308"),
        ("17058862280", "17058862280"),
        ("123456789", "00123456789"),
    ] {
        let r: Renavam = entrada.parse().unwrap_or_else(|e| panic!("{entrada}: {e}"));
        assert_eq!(r.as_str(), canonico);
        assert_eq!(format!("{r:#}"), canonico);
    }
    for s in [
        "38872054170",
        "40999838209",
        "79072338362",
        "12345678901",
        "1382465226",
    ] {
        assert_eq!(
            erro::<Renavam>(s).motivo(),
            &Motivo::DigitoVerificador,
            "{s}"
        );
    }
    assert_eq!(
        erro::<Renavam>("00000000000").motivo(),
        &Motivo::SequenciaInvalida
    );
    assert_eq!(
        erro::<Renavam>("1382465226-8").motivo(),
        &Motivo::Caractere {
            posicao: 11,
            encontrado: '-',
            esperado: "an ASCII digit 0-9"
        }
    );
    assert_eq!(
        erro::<Renavam>("12345678").motivo(),
        &Motivo::Comprimento {
            esperado: "9 to 11",
            obtido: 8
        }
    );
    assert!(matches!(
        erro::<Renavam>("013824652268").motivo(),
        Motivo::Comprimento { obtido: 12, .. }
    ));
}

// --------------------------------------------------------------------------------------- Chassi

#[test]
fn chassi_vetores() {
    for s in [
        "9BGKL48U0JB118848",
        "9BWZZZ377VT004251",
        "1M8GDM9AXKP042788",
        "WVGZZZ5NZEW069297",
    ] {
        let c: Chassi = s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
        assert!(c.is_vin());
        assert_eq!(c.as_str(), s);
    }
    assert!(
        "1M8GDM9AXKP042788"
            .parse::<Chassi>()
            .unwrap()
            .digito_verificador_norte_americano_ok()
    );
    assert!(
        !"9BGKL48U0JB118848"
            .parse::<Chassi>()
            .unwrap()
            .digito_verificador_norte_americano_ok()
    );
    assert!(matches!(
        erro::<Chassi>("9BGKL48U0JB11884").motivo(),
        Motivo::Comprimento { obtido: 16, .. }
    ));
    assert!(Chassi::legado("9BGKL48U0JB11884").is_ok_and(|c| !c.is_vin()));
    assert_eq!(
        erro::<Chassi>("9BGKL48U0JB1I8848").motivo(),
        &Motivo::Caractere {
            posicao: 13,
            encontrado: 'I',
            esperado: "a VIN character (0-9, A-Z except I, O, Q)"
        }
    );
    assert!(matches!(
        erro::<Chassi>("9BGKL48U0JB11884O").motivo(),
        Motivo::Caractere {
            posicao: 17,
            encontrado: 'O',
            ..
        }
    ));
    // Lenient parse upper-cases; the strict oracle's lower-case VIN becomes the canonical one.
    assert_eq!(
        "9bgkl48u0jb118848".parse::<Chassi>().unwrap().as_str(),
        "9BGKL48U0JB118848"
    );
    // Legacy chassis: 1..=21 alphanumerics, O kept as O.
    assert_eq!(Chassi::legado("BJ123456").unwrap().as_str(), "BJ123456");
    assert_eq!(Chassi::legado("bo1").unwrap().as_str(), "BO1");
    assert!(Chassi::legado(&"A".repeat(21)).is_ok());
    assert!(matches!(
        Chassi::legado(&"A".repeat(22)).map_err(|e| e.motivo().clone()),
        Err(Motivo::Comprimento { obtido: 22, .. })
    ));
    assert!(Chassi::legado("").is_err());
    assert!(Chassi::legado("AB-12").is_err());
    assert!(Chassi::legado("AB\u{30a}12").is_err());
}

#[test]
fn chassi_legado_e_vin_iguais_quando_mesmo_texto() {
    let a: Chassi = "9BWZZZ377VT004251".parse().unwrap();
    let b = Chassi::legado("9bwzzz377vt004251").unwrap();
    assert_eq!(a, b);
    assert!(b.is_vin());
    assert!(Chassi::legado("A").unwrap() < Chassi::legado("AB").unwrap());
}

// ------------------------------------------------------------------------------- CEP, UF, IBGE

#[test]
fn cep_vetores() {
    for (s, c) in [
        ("01001000", "01001000"),
        ("01310-100", "01310100"),
        ("90010000", "90010000"),
    ] {
        assert_eq!(s.parse::<Cep>().unwrap().as_str(), c);
    }
    assert!(matches!(
        erro::<Cep>("0131010").motivo(),
        Motivo::Comprimento { obtido: 7, .. }
    ));
    assert_eq!(
        erro::<Cep>("01310-10O").motivo(),
        &Motivo::Caractere {
            posicao: 9,
            encontrado: 'O',
            esperado: "an ASCII digit 0-9"
        }
    );
    assert!(matches!(
        erro::<Cep>("00000000").motivo(),
        Motivo::ForaDoIntervalo { .. }
    ));
    assert!(matches!(
        erro::<Cep>("00999999").motivo(),
        Motivo::ForaDoIntervalo { .. }
    ));
    assert!("01000000".parse::<Cep>().is_ok());
    assert!(matches!(
        erro::<Cep>("013101000").motivo(),
        Motivo::Mascara { .. }
    ));
    assert_eq!(
        format!("{:#}", "01310100".parse::<Cep>().unwrap()),
        "01310-100"
    );
}

#[test]
fn uf_todas() {
    let tabela = [
        ("RO", 11),
        ("AC", 12),
        ("AM", 13),
        ("RR", 14),
        ("PA", 15),
        ("AP", 16),
        ("TO", 17),
        ("MA", 21),
        ("PI", 22),
        ("CE", 23),
        ("RN", 24),
        ("PB", 25),
        ("PE", 26),
        ("AL", 27),
        ("SE", 28),
        ("BA", 29),
        ("MG", 31),
        ("ES", 32),
        ("RJ", 33),
        ("SP", 35),
        ("PR", 41),
        ("SC", 42),
        ("RS", 43),
        ("MS", 50),
        ("MT", 51),
        ("GO", 52),
        ("DF", 53),
    ];
    assert_eq!(Uf::TODAS.len(), tabela.len());
    for (uf, (sigla, codigo)) in Uf::TODAS.iter().zip(tabela) {
        assert_eq!(uf.sigla(), sigla);
        assert_eq!(uf.codigo_ibge(), codigo);
        assert_eq!(Uf::from_codigo_ibge(codigo), Some(*uf));
        assert_eq!(sigla.to_lowercase().parse::<Uf>().unwrap(), *uf);
        assert!(!uf.nome().is_empty());
    }
    for codigo in (0..=99).filter(|c| !tabela.iter().any(|(_, t)| t == c)) {
        assert_eq!(Uf::from_codigo_ibge(codigo), None, "{codigo}");
    }
    assert_eq!(" Mg ".parse::<Uf>().unwrap(), Uf::Mg);
    assert!(matches!(erro::<Uf>("XX").motivo(), Motivo::Formato { .. }));
    assert!(matches!(
        erro::<Uf>("MGS").motivo(),
        Motivo::Comprimento { obtido: 3, .. }
    ));
    assert!(matches!(
        erro::<Uf>("M1").motivo(),
        Motivo::Caractere { posicao: 2, .. }
    ));
    assert_eq!(Uf::Mg.to_string(), "MG");
}

#[test]
fn municipio_ibge_vetores() {
    for s in [
        "3550308", "3304557", "5300108", "4305871", "2201919", "5101837", "3106200",
    ] {
        assert_eq!(s.parse::<CodigoMunicipioIbge>().unwrap().as_str(), s);
    }
    for s in [
        "2201919", "2201988", "2202251", "2611533", "3117836", "3152131", "4305871", "5203939",
        "5203962",
    ] {
        assert!(s.parse::<CodigoMunicipioIbge>().is_ok(), "exception {s}");
    }
    assert_eq!(
        erro::<CodigoMunicipioIbge>("3550309").motivo(),
        &Motivo::DigitoVerificador
    );
    assert!(matches!(
        erro::<CodigoMunicipioIbge>("3450308").motivo(),
        Motivo::ForaDoIntervalo { .. }
    ));
    assert!(matches!(
        erro::<CodigoMunicipioIbge>("355030").motivo(),
        Motivo::Comprimento { obtido: 6, .. }
    ));
    assert!(
        erro::<CodigoMunicipioIbge>("9999999")
            .to_string()
            .starts_with("invalid IBGE municipality code")
    );
    assert_eq!(
        "3550308".parse::<CodigoMunicipioIbge>().unwrap().uf(),
        Some(Uf::Sp)
    );
}

#[test]
fn municipio_siafi() {
    for (s, n, c) in [
        ("2381", 2381, "2381"),
        ("1050", 1050, "1050"),
        ("50", 50, "0050"),
        ("9701", 9701, "9701"),
    ] {
        let m: CodigoMunicipio = s.parse().unwrap();
        assert_eq!(m.numero(), n);
        assert_eq!(m.as_str(), c);
        assert_eq!(CodigoMunicipio::from_numero(n).unwrap(), m);
    }
    assert!(matches!(
        erro::<CodigoMunicipio>("0000").motivo(),
        Motivo::ForaDoIntervalo { .. }
    ));
    assert!(matches!(
        erro::<CodigoMunicipio>("12345").motivo(),
        Motivo::Comprimento { obtido: 5, .. }
    ));
    assert!(matches!(
        erro::<CodigoMunicipio>("12a4").motivo(),
        Motivo::Caractere { posicao: 3, .. }
    ));
    assert!(CodigoMunicipio::from_numero(0).is_err());
    assert!(CodigoMunicipio::from_numero(10000).is_err());
}

#[test]
fn crv() {
    assert_eq!(
        "012345678901".parse::<NumeroCrv>().unwrap().as_str(),
        "012345678901"
    );
    assert!(matches!(
        erro::<NumeroCrv>("12345678901").motivo(),
        Motivo::Comprimento { obtido: 11, .. }
    ));
    assert!(matches!(
        erro::<NumeroCrv>("01234567890A").motivo(),
        Motivo::Caractere { posicao: 12, .. }
    ));
    let c: CodigoSegurancaCrv = "00123456789".parse().unwrap();
    assert_eq!(c.as_str(), "00123456789");
    assert_eq!(format!("{c:?}"), "CodigoSegurancaCrv(***)");
    assert!(matches!(
        erro::<CodigoSegurancaCrv>("0012345678").motivo(),
        Motivo::Comprimento { obtido: 10, .. }
    ));
}

#[test]
fn tipos_de_tamanho_fixo_sao_copy_e_pequenos() {
    fn copy<T: Copy>() {}
    copy::<Cpf>();
    copy::<Cnpj>();
    copy::<CpfCnpj>();
    copy::<Placa>();
    copy::<Renavam>();
    copy::<Chassi>();
    copy::<Cep>();
    copy::<Uf>();
    copy::<CodigoMunicipioIbge>();
    copy::<CodigoMunicipio>();
    copy::<NumeroCrv>();
    copy::<CodigoSegurancaCrv>();
    assert_eq!(std::mem::size_of::<Cpf>(), 11);
    assert_eq!(std::mem::size_of::<Cnpj>(), 14);
    assert_eq!(std::mem::size_of::<Chassi>(), 22);
}
