//! Issue 16: every single-pass fast path (`rapido`) gives exactly what the detailed path gives —
//! same value when it accepts, and (by falling back) the same error when it refuses. The inputs
//! are valid identifiers, bare or masked, lower-cased, padded with white space, and mutated at
//! up to two positions with characters the rules treat differently (punctuation, I/O/Q,
//! lower case, non-ASCII digits and letters, inner white space), so both sides of every rule are
//! exercised.

#![allow(clippy::unwrap_used)] // Test: a failed unwrap is a failed test.

use proptest::prelude::*;

use super::{Chassi, ChaveNfe, Cnpj, Cpf, CpfCnpj, Placa, Renavam};
use crate::ErroDominio;

/// Characters the mutations insert: each meets a different branch of some rule.
const TROCAS: &[char] = &[
    '0', '1', '7', '9', 'A', 'a', 'E', 'I', 'O', 'Q', 'Z', 'z', '.', '-', '/', ' ', '\t', 'é', '٣',
    '\u{a0}', ':', '=',
];

/// `corpo` + the check digits (`n_dv` of them) that `valida` accepts, if any (brute force).
fn completar(corpo: &str, n_dv: u32, valida: impl Fn(&str) -> bool) -> String {
    for sufixo in 0..10_u32.pow(n_dv) {
        let s = format!("{corpo}{sufixo:0w$}", w = n_dv as usize);
        if valida(&s) {
            return s;
        }
    }
    format!("{corpo}{}", "0".repeat(n_dv as usize))
}

/// `canonico` written through `mascara` (ASCII alphanumerics of the mask are value slots).
fn mascarar(canonico: &str, mascara: &str) -> String {
    let mut valores = canonico.chars();
    mascara
        .chars()
        .map(|m| {
            if m.is_ascii_alphanumeric() {
                valores.next().unwrap_or('0')
            } else {
                m
            }
        })
        .collect()
}

/// Applies the chosen presentation and mutations to a valid canonical string.
fn variar(
    canonico: &str,
    mascara: Option<&str>,
    (mascarado, minusculo, espacos): (bool, bool, bool),
    mutacoes: &[(usize, usize)],
) -> String {
    let mut s = match mascara {
        Some(m) if mascarado => mascarar(canonico, m),
        _ => canonico.to_owned(),
    };
    if minusculo {
        s = s.to_lowercase();
    }
    let mut chars: Vec<char> = s.chars().collect();
    for &(pos, troca) in mutacoes {
        if !chars.is_empty() {
            let i = pos % (chars.len() + 1);
            let c = TROCAS[troca % TROCAS.len()];
            // Even positions replace, odd ones insert (a length change).
            if troca % 2 == 0 && i < chars.len() {
                chars[i] = c;
            } else {
                chars.insert(i, c);
            }
        }
    }
    let s: String = chars.into_iter().collect();
    if espacos { format!(" \t{s}\n") } else { s }
}

fn mutacoes() -> impl Strategy<Value = Vec<(usize, usize)>> {
    prop::collection::vec((0..64_usize, 0..64_usize), 0..=2)
}

fn forma() -> impl Strategy<Value = (bool, bool, bool)> {
    (
        any::<bool>(),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.2),
    )
}

fn igual<T: PartialEq + std::fmt::Debug>(
    entrada: &str,
    rapido: Result<T, ErroDominio>,
    detalhado: Result<T, ErroDominio>,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(rapido, detalhado, "input {:?}", entrada);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn cpf_e_cpf_cnpj(corpo in "[0-9]{9}", f in forma(), m in mutacoes()) {
        let canon = completar(&corpo, 2, |s| Cpf::parse_detalhado(s).is_ok());
        let s = variar(&canon, Some("000.000.000-00"), f, &m);
        igual(&s, Cpf::parse(&s), Cpf::parse_detalhado(&s))?;
        let detalhado = CpfCnpj::parse(&s).map(|_| ());
        // CpfCnpj's detailed choice is by character count, then the detailed parsers.
        let t = s.trim();
        let esperado = match t.chars().count() {
            11 => Cpf::parse_detalhado(t).map(CpfCnpj::Cpf),
            14 if !t.chars().all(|c| c.is_ascii_alphanumeric()) => {
                Cpf::parse_detalhado(t).map(CpfCnpj::Cpf)
            }
            14 | 18 => Cnpj::ler_detalhado(t, true).map(CpfCnpj::Cnpj),
            _ => Err(CpfCnpj::parse(&s).unwrap_err()),
        };
        prop_assert_eq!(detalhado.is_ok(), esperado.is_ok());
        igual(&s, CpfCnpj::parse(&s), esperado)?;
    }

    #[test]
    fn cnpj(corpo in "[0-9A-Z]{12}", numerico in any::<bool>(), f in forma(), m in mutacoes()) {
        let corpo = if numerico { corpo.replace(|c: char| c.is_ascii_uppercase(), "5") } else { corpo };
        let canon = completar(&corpo, 2, |s| Cnpj::ler_detalhado(s, false).is_ok());
        let s = variar(&canon, Some("00.000.000/0000-00"), f, &m);
        igual(&s, Cnpj::parse(&s), Cnpj::ler_detalhado(&s, true))?;
        igual(&s, Cnpj::parse_estrito(&s), Cnpj::ler_detalhado(&s, false))?;
        let t = s.trim();
        if matches!(t.chars().count(), 14 | 18) && t.chars().all(|c| c.is_ascii_alphanumeric() || ".-/".contains(c)) {
            prop_assert_eq!(CpfCnpj::parse(&s).is_ok(), Cnpj::ler_detalhado(t, true).is_ok() || Cpf::parse_detalhado(t).is_ok());
        }
    }

    #[test]
    fn placa(letras in "[A-Z]{3}", n1 in "[0-9]", quinto in "[0-9A-Z]", fim in "[0-9]{2}", f in forma(), m in mutacoes()) {
        let canon = format!("{letras}{n1}{quinto}{fim}");
        let mascara = quinto.as_bytes()[0].is_ascii_digit().then_some("AAA-0000");
        let s = variar(&canon, mascara.or(Some("AAA-0000")), f, &m);
        igual(&s, Placa::parse(&s), Placa::parse_detalhado(&s))?;
    }

    #[test]
    fn renavam(corpo in "[0-9]{8,10}", f in forma(), m in mutacoes()) {
        let canon = completar(&corpo, 1, |s| Renavam::parse_detalhado(s).is_ok());
        let s = variar(&canon, None, f, &m);
        igual(&s, Renavam::parse(&s), Renavam::parse_detalhado(&s))?;
    }

    #[test]
    fn chassi(vin in "[A-HJ-NPR-Z0-9]{17}", legado in "[A-Z0-9]{1,22}", f in forma(), m in mutacoes()) {
        let s = variar(&vin, None, f, &m);
        igual(&s, Chassi::parse(&s), Chassi::parse_detalhado(&s))?;
        igual(&s, Chassi::legado(&s), Chassi::legado_detalhado(&s))?;
        let s = variar(&legado, None, f, &m);
        igual(&s, Chassi::parse(&s), Chassi::parse_detalhado(&s))?;
        igual(&s, Chassi::legado(&s), Chassi::legado_detalhado(&s))?;
    }

    #[test]
    fn chave_nfe(a in "[0-9]{6}", emitente in "[0-9A-Z]{12}[0-9]{2}", b in "[0-9]{14}", tp in "[0-9]", c in "[0-9]{8}", f in forma(), m in mutacoes()) {
        let canon = completar(&format!("{a}{emitente}{b}{tp}{c}"), 1, |s| ChaveNfe::parse_detalhado(s).is_ok());
        let s = variar(&canon, Some("0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000"), f, &m);
        igual(&s, ChaveNfe::parse(&s), ChaveNfe::parse_detalhado(&s))?;
    }
}

/// The fast paths do take the common inputs (else the speed-up is not real): a fast path that
/// refused everything would pass the properties above by always falling back.
#[test]
fn caminho_rapido_aceita_as_formas_comuns() {
    assert!(Cpf::rapido("52998224725").is_some());
    assert!(Cpf::rapido("529.982.247-25").is_some());
    assert!(Cnpj::rapido("11222333000181", true).is_some());
    assert!(Cnpj::rapido("12.abc.345/01DE-35", true).is_some());
    assert!(Cnpj::rapido("12.abc.345/01DE-35", false).is_none());
    assert!(Placa::rapido("BRA2E19").is_some());
    assert!(Placa::rapido("abc-1234").is_some());
    assert!(Placa::rapido("BRA-2E19").is_none());
    assert!(Renavam::rapido("79072338363").is_some());
    assert!(Renavam::rapido("123456789").is_some());
    assert!(Chassi::rapido_vin("9BGKL48U0JB118848").is_some());
    assert!(ChaveNfe::rapido("35260812ABC34501DE35550010000000011000000018").is_some());
    assert!(ChaveNfe::rapido("3526 0812 ABC3 4501 DE35 5500 1000 0000 0110 0000 0018").is_some());
    // Each check-digit and sequence rule is applied in the pass itself.
    assert!(Cpf::rapido("52998224724").is_none());
    assert!(Cpf::rapido("11111111111").is_none());
    assert!(Cnpj::rapido("00000000000000", true).is_none());
    assert!(Renavam::rapido("00000000000").is_none());
    assert!(ChaveNfe::rapido("35260812ABC34501DE35550010000000010000000018").is_none());
}

/// Every input one edit away from a valid one — each position replaced by, or preceded by, every
/// printable ASCII character and a few non-ASCII and white-space ones, or deleted — gives the
/// same value or error through `parse` (fast path first) as through the detailed path alone.
/// Exhaustive where the properties above sample: every mask literal, every charset boundary
/// (`/`, `:`, `@`, `[`, `` ` ``, `{`), every lane of the padded passes.
fn uma_edicao<T: PartialEq + std::fmt::Debug>(
    validos: &[&str],
    parse: impl Fn(&str) -> Result<T, ErroDominio>,
    detalhado: impl Fn(&str) -> Result<T, ErroDominio>,
) {
    let trocas: Vec<char> = (0x20_u8..0x7f)
        .map(char::from)
        .chain(['\t', '\u{a0}', 'é', '٣', 'ａ'])
        .collect();
    let mut vistos = 0;
    for valido in validos {
        assert!(parse(valido).is_ok(), "{valido:?} must be valid");
        let chars: Vec<char> = valido.chars().collect();
        let mut variantes = Vec::new();
        for i in 0..=chars.len() {
            for &c in &trocas {
                if i < chars.len() {
                    let mut v = chars.clone();
                    v[i] = c;
                    variantes.push(v);
                }
                let mut v = chars.clone();
                v.insert(i, c);
                variantes.push(v);
            }
            if i < chars.len() {
                let mut v = chars.clone();
                v.remove(i);
                variantes.push(v);
            }
        }
        for v in variantes {
            let s: String = v.into_iter().collect();
            assert_eq!(parse(&s), detalhado(&s), "input {s:?}");
            vistos += 1;
        }
    }
    assert!(vistos > 0);
}

#[test]
fn uma_edicao_de_cada_identificador() {
    uma_edicao(
        &["52998224725", "529.982.247-25"],
        Cpf::parse,
        Cpf::parse_detalhado,
    );
    let cnpjs = [
        "11222333000181",
        "11.222.333/0001-81",
        "12ABC34501DE35",
        "12.abc.345/01De-35",
    ];
    uma_edicao(&cnpjs, Cnpj::parse, |s| Cnpj::ler_detalhado(s, true));
    uma_edicao(&cnpjs[..3], Cnpj::parse_estrito, |s| {
        Cnpj::ler_detalhado(s, false)
    });
    uma_edicao(
        &[
            "52998224725",
            "529.982.247-25",
            "11.222.333/0001-81",
            "12ABC34501DE35",
        ],
        CpfCnpj::parse,
        |s| {
            let t = s.trim();
            match t.chars().count() {
                11 => Cpf::parse_detalhado(t).map(CpfCnpj::Cpf),
                14 if !t.chars().all(|c| c.is_ascii_alphanumeric()) => {
                    Cpf::parse_detalhado(t).map(CpfCnpj::Cpf)
                }
                14 | 18 => Cnpj::ler_detalhado(t, true).map(CpfCnpj::Cnpj),
                // Empty or another length: the error of CpfCnpj itself (no fast path there).
                _ => CpfCnpj::parse(s),
            }
        },
    );
    uma_edicao(
        &["BRA2E19", "ABC-1234", "abc1234", "pzs3i19"],
        Placa::parse,
        Placa::parse_detalhado,
    );
    uma_edicao(
        &["79072338363", "123456789", "0123456789", "00123456789"],
        Renavam::parse,
        Renavam::parse_detalhado,
    );
    uma_edicao(
        &["9BGKL48U0JB118848", "9bgkl48u0jb118848"],
        Chassi::parse,
        Chassi::parse_detalhado,
    );
    uma_edicao(
        &[
            "BJ123456",
            "9BGKL48U0JB118848",
            "A",
            "ABCDEFGHIJKLMNOPQRSTU",
        ],
        Chassi::legado,
        Chassi::legado_detalhado,
    );
    uma_edicao(
        &[
            "35260812ABC34501DE35550010000000011000000018",
            "3526 0812 ABC3 4501 DE35 5500 1000 0000 0110 0000 0018",
        ],
        ChaveNfe::parse,
        ChaveNfe::parse_detalhado,
    );
}
