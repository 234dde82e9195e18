//! Property tests of helper A's identifiers: no input string panics (arbitrary Unicode
//! included), valid values built by an independent oracle are accepted, and parse → display →
//! parse round-trips for the canonical form and the mask (`{:#}`).

#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

use std::fmt::Display;
use std::str::FromStr;

use proptest::prelude::*;
use renave_domain::{
    Cep, Chassi, Cnpj, CodigoMunicipio, CodigoMunicipioIbge, CodigoSegurancaCrv, Cpf, CpfCnpj,
    ErroDominio, NumeroCrv, Placa, Renavam, Uf,
};

/// Oracle (written from `domain-rules.md`, independent of the crate): mod-11 DV with explicit
/// weights over character values.
fn dv(valores: &[u32], pesos: &[u32]) -> char {
    let r = valores.iter().zip(pesos).map(|(v, p)| v * p).sum::<u32>() % 11;
    char::from_digit(if r < 2 { 0 } else { 11 - r }, 10).unwrap()
}

fn valores(s: &str) -> Vec<u32> {
    s.bytes().map(|b| u32::from(b) - 48).collect()
}

fn cpf_valido(base: &str) -> String {
    let d1 = dv(&valores(base), &[10, 9, 8, 7, 6, 5, 4, 3, 2]);
    let com1 = format!("{base}{d1}");
    let d2 = dv(&valores(&com1), &[11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    format!("{com1}{d2}")
}

fn cnpj_valido(base: &str) -> String {
    let w1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    let w2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    let d1 = dv(&valores(base), &w1);
    let com1 = format!("{base}{d1}");
    let d2 = dv(&valores(&com1), &w2);
    format!("{com1}{d2}")
}

fn renavam_valido(base: &str) -> String {
    let d = dv(&valores(base), &[3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    format!("{base}{d}")
}

fn ibge_valido(base: &str) -> String {
    let s: u32 = valores(base)
        .iter()
        .zip([1, 2, 1, 2, 1, 2])
        .map(|(v, p)| {
            let x = v * p;
            x / 10 + x % 10
        })
        .sum();
    format!("{base}{}", (10 - s % 10) % 10)
}

/// Parses `s`, then checks canonical and masked display both parse back to the same value.
fn ida_e_volta<T>(s: &str) -> T
where
    T: FromStr<Err = ErroDominio> + Display + PartialEq + std::fmt::Debug + AsRef<str>,
{
    let v: T = s.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"));
    assert_eq!(v.to_string(), v.as_ref());
    assert_eq!(v.to_string().parse::<T>().unwrap(), v);
    assert_eq!(format!("{v:#}").parse::<T>().unwrap(), v);
    assert_eq!(format!("  {v:#}\n").parse::<T>().unwrap(), v);
    v
}

/// Runs every parser of this module family on `s`; none may panic, and whatever is accepted must
/// be canonical and re-parse to itself.
fn todos(s: &str) {
    fn um<T>(s: &str)
    where
        T: FromStr<Err = ErroDominio>
            + Display
            + PartialEq
            + std::fmt::Debug
            + serde::Serialize
            + serde::de::DeserializeOwned,
    {
        if let Ok(v) = s.parse::<T>() {
            let canon = v.to_string();
            assert!(canon.is_ascii() && !canon.is_empty());
            assert_eq!(canon.parse::<T>().unwrap(), v);
            assert_eq!(format!("{v:#}").parse::<T>().unwrap(), v);
            // serde: written as the canonical string, read back to the same value.
            let json = serde_json::to_string(&v).unwrap();
            assert_eq!(json, serde_json::to_string(&canon).unwrap());
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), v);
        } else if let Err(e) = s.parse::<T>() {
            assert!(!e.to_string().is_empty());
        }
        // The deserialiser sees the same arbitrary text: it may refuse it, never panic, and
        // whatever it accepts serialises to a string that it reads back unchanged.
        let json = serde_json::to_string(s).unwrap();
        if let Ok(v) = serde_json::from_str::<T>(&json) {
            let escrito = serde_json::to_string(&v).unwrap();
            assert_eq!(serde_json::from_str::<T>(&escrito).unwrap(), v);
        }
    }
    um::<Cpf>(s);
    um::<Cnpj>(s);
    um::<CpfCnpj>(s);
    um::<Placa>(s);
    um::<Renavam>(s);
    um::<Chassi>(s);
    um::<Cep>(s);
    um::<Uf>(s);
    um::<CodigoMunicipioIbge>(s);
    um::<CodigoMunicipio>(s);
    um::<NumeroCrv>(s);
    um::<CodigoSegurancaCrv>(s);
    let _ = Cnpj::parse_estrito(s);
    if let Ok(c) = Chassi::legado(s) {
        assert_eq!(Chassi::legado(c.as_str()).unwrap(), c);
        let _ = c.digito_verificador_norte_americano_ok();
    }
}

proptest! {
    #[test]
    fn nenhuma_entrada_unicode_causa_panico(s in any::<String>()) {
        todos(&s);
    }

    #[test]
    fn nenhuma_entrada_parecida_causa_panico(s in "[0-9A-Za-z .\\-/\u{ff10}-\u{ff19}\u{c1}]{0,22}") {
        todos(&s);
    }

    #[test]
    fn cpf_valido_e_aceito(base in "[0-9]{9}") {
        let s = cpf_valido(&base);
        prop_assume!(!s.bytes().all(|b| Some(&b) == s.as_bytes().first()));
        let cpf: Cpf = ida_e_volta(&s);
        prop_assert_eq!(cpf.as_str(), s.as_str());
        let mascara = format!("{}.{}.{}-{}", &s[..3], &s[3..6], &s[6..9], &s[9..]);
        prop_assert_eq!(format!("{cpf:#}"), mascara.clone());
        prop_assert_eq!(mascara.parse::<CpfCnpj>().unwrap(), CpfCnpj::Cpf(cpf));
        let debug = format!("{cpf:?}");
        prop_assert!(!debug.contains(&s[..9]));
    }

    #[test]
    fn cpf_com_dv_errado_e_rejeitado(base in "[0-9]{9}", delta in 1u8..10) {
        let s = cpf_valido(&base);
        let mut b = s.into_bytes();
        b[10] = b'0' + (b[10] - b'0' + delta) % 10;
        let errado = std::str::from_utf8(&b).unwrap();
        let e = errado.parse::<Cpf>().unwrap_err();
        // The error never echoes the number (LGPD), neither in Display nor in Debug.
        prop_assert!(!e.to_string().contains(&base));
        let debug = format!("{e:?}");
        prop_assert!(!debug.contains(&base));
        let e = errado.parse::<CpfCnpj>().unwrap_err();
        prop_assert!(!e.to_string().contains(&base));
    }

    #[test]
    fn mascara_desviante_e_rejeitada(base in "[0-9]{9}", i in 0usize..4, troca in "[ ./\\-_,:]") {
        let s = cpf_valido(&base);
        prop_assume!(!s.bytes().all(|b| Some(&b) == s.as_bytes().first()));
        let mut mascara: Vec<char> = format!("{}.{}.{}-{}", &s[..3], &s[3..6], &s[6..9], &s[9..]).chars().collect();
        let posicoes = [3, 7, 11, 11];
        let original = mascara[posicoes[i]];
        let novo = troca.chars().next().unwrap();
        prop_assume!(novo != original);
        mascara[posicoes[i]] = novo;
        let entrada: String = mascara.into_iter().collect();
        prop_assert!(entrada.parse::<Cpf>().is_err(), "{} accepted", entrada);
        prop_assert!(entrada.parse::<CpfCnpj>().is_err(), "{} accepted", entrada);
    }

    #[test]
    fn cnpj_valido_e_aceito(base in "[0-9A-Z]{12}") {
        let s = cnpj_valido(&base);
        prop_assume!(s != "00000000000000");
        let cnpj: Cnpj = ida_e_volta(&s);
        prop_assert_eq!(cnpj.as_str(), s.as_str());
        prop_assert_eq!(cnpj.is_alfanumerico(), base.bytes().any(|b| b.is_ascii_uppercase()));
        prop_assert_eq!(s.to_lowercase().parse::<Cnpj>().unwrap(), cnpj);
        prop_assert_eq!(s.parse::<CpfCnpj>().unwrap(), CpfCnpj::Cnpj(cnpj));
    }

    #[test]
    fn cnpj_com_dv_errado_e_rejeitado(base in "[0-9A-Z]{12}", delta in 1u8..10) {
        let mut b = cnpj_valido(&base).into_bytes();
        b[13] = b'0' + (b[13] - b'0' + delta) % 10;
        prop_assert!(std::str::from_utf8(&b).unwrap().parse::<Cnpj>().is_err());
    }

    #[test]
    fn placa_e_aceita(s in "[A-Za-z]{3}[0-9][A-Za-z0-9][0-9]{2}") {
        let p: Placa = ida_e_volta(&s);
        prop_assert_eq!(p.as_str(), s.to_uppercase());
        let m = p.para_mercosul();
        prop_assert!(m.is_mercosul());
        if !p.is_mercosul() {
            prop_assert_eq!(m.para_antiga(), Some(p));
        }
    }

    #[test]
    fn renavam_valido_e_aceito(base in "[0-9]{10}") {
        let s = renavam_valido(&base);
        prop_assume!(s != "00000000000");
        let r: Renavam = ida_e_volta(&s);
        prop_assert_eq!(r.as_str(), s.as_str());
        if let Some(curto) = s.strip_prefix("00") {
            prop_assert_eq!(curto.parse::<Renavam>().unwrap(), r);
        }
    }

    #[test]
    fn vin_e_aceito(s in "[A-HJ-NPR-Za-hj-npr-z0-9]{17}") {
        let c: Chassi = ida_e_volta(&s);
        prop_assert!(c.is_vin());
        prop_assert_eq!(Chassi::legado(&s).unwrap(), c);
    }

    #[test]
    fn chassi_legado_e_aceito(s in "[A-Za-z0-9]{1,21}") {
        let c = Chassi::legado(&s).unwrap();
        prop_assert_eq!(c.as_str(), s.to_uppercase());
        prop_assert_eq!(Chassi::legado(&format!("{c:#}")).unwrap(), c);
        prop_assert_eq!(c.is_vin(), s.len() == 17 && s.parse::<Chassi>().is_ok());
    }

    #[test]
    fn cep_e_aceito(s in "0[1-9][0-9]{6}|[1-9][0-9]{7}") {
        let c: Cep = ida_e_volta(&s);
        prop_assert_eq!(format!("{c:#}"), format!("{}-{}", &s[..5], &s[5..]));
    }

    #[test]
    fn uf_e_aceita(i in 0usize..27, minuscula in any::<bool>()) {
        let uf = Uf::TODAS[i];
        let s = if minuscula { uf.sigla().to_lowercase() } else { uf.sigla().to_owned() };
        prop_assert_eq!(ida_e_volta::<Uf>(&s), uf);
    }

    #[test]
    fn municipio_ibge_valido_e_aceito(i in 0usize..27, meio in "[0-9]{4}") {
        let base = format!("{:02}{meio}", Uf::TODAS[i].codigo_ibge());
        let s = ibge_valido(&base);
        let m: CodigoMunicipioIbge = ida_e_volta(&s);
        prop_assert_eq!(m.uf(), Some(Uf::TODAS[i]));
    }

    #[test]
    fn municipio_siafi_e_aceito(n in 1u16..=9999) {
        let m = CodigoMunicipio::from_numero(n).unwrap();
        prop_assert_eq!(ida_e_volta::<CodigoMunicipio>(&n.to_string()), m);
        prop_assert_eq!(m.numero(), n);
        prop_assert_eq!(m.as_str().len(), 4);
    }

    #[test]
    fn crv_e_aceito(n in "[0-9]{12}", c in "[0-9]{11}") {
        ida_e_volta::<NumeroCrv>(&n);
        let cod: CodigoSegurancaCrv = ida_e_volta(&c);
        let debug = format!("{cod:?}");
        prop_assert!(!debug.contains(&c));
    }
}
