//! Parsing speed of the fixed-size identifiers (bare and masked input), side by side with a
//! hand-written single-pass parser of the same rules (the floor, `piso_*` below) and the peer
//! crates (`cpf_cnpj`, `cpf`, `cnpj`, `brado`, and `brazilian_utils`' CPF rule copied below).
//! Run with `cargo bench -p renave-domain --bench identificadores`; `BENCHMARKS.md` has the
//! figures of one run and the ratios.
//!
//! Before measuring, it checks that each floor accepts exactly what ours accepts (valid inputs and
//! every one-character substitution of them) and prints the peers' correctness: which wrong
//! inputs each accepts.

#![allow(missing_docs)] // criterion_group!/criterion_main! generate undocumented items.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    clippy::many_single_char_names,
    clippy::type_complexity,
    clippy::format_push_string
)] // Bench code: the floor is written as plainly as possible.

use std::hint::black_box;
use std::str::FromStr;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use renave_domain::{
    Cep, Chassi, ChaveNfe, Cnpj, CodigoMunicipio, CodigoMunicipioIbge, CodigoSegurancaCrv, Cpf,
    CpfCnpj, NumeroCrv, Placa, Renavam, Uf,
};

// ---------------------------------------------------------------------------------------------
// The floor: hand-written single-pass parsers of exactly our rules (trim, bare or mask, charset,
// upper-casing, check digits, repeated sequences), returning the canonical bytes.
// ---------------------------------------------------------------------------------------------

fn dv(soma: u32) -> u8 {
    let r = soma % 11;
    if r < 2 { 0 } else { (11 - r) as u8 }
}

fn fixo<const N: usize>(
    t: &str,
    mascara: &[u8],
    mut f: impl FnMut(usize, u8) -> Option<u8>,
) -> Option<[u8; N]> {
    let b = t.as_bytes();
    let mut o = [0u8; N];
    if b.len() == N {
        for k in 0..N {
            o[k] = f(k, b[k])?;
        }
    } else if b.len() == mascara.len() {
        let mut k = 0;
        for (i, &c) in b.iter().enumerate() {
            let m = mascara[i];
            if m.is_ascii_alphanumeric() {
                o[k] = f(k, c)?;
                k += 1;
            } else if c != m {
                return None;
            }
        }
    } else {
        return None;
    }
    Some(o)
}

fn piso_cpf(s: &str) -> Option<[u8; 11]> {
    let (mut s1, mut s2, mut iguais) = (0u32, 0u32, true);
    let t = s.trim();
    let primeiro = *t.as_bytes().first()?;
    let o = fixo::<11>(t, b"000.000.000-00", |k, c| {
        if !c.is_ascii_digit() {
            return None;
        }
        let v = u32::from(c - b'0');
        if k < 9 {
            s1 += v * (10 - k as u32);
        }
        if k < 10 {
            s2 += v * (11 - k as u32);
        }
        iguais &= c == primeiro;
        Some(c)
    })?;
    (o[9] == b'0' + dv(s1) && o[10] == b'0' + dv(s2) && !iguais).then_some(o)
}

fn piso_cnpj(s: &str) -> Option<[u8; 14]> {
    const P1: [u32; 14] = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2, 0, 0];
    const P2: [u32; 14] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2, 0];
    let (mut s1, mut s2, mut zeros) = (0u32, 0u32, true);
    let o = fixo::<14>(s.trim(), b"00.000.000/0000-00", |k, c| {
        let c = if k < 12 { c.to_ascii_uppercase() } else { c };
        if !(c.is_ascii_digit() || (k < 12 && c.is_ascii_uppercase())) {
            return None;
        }
        let v = u32::from(c - b'0');
        s1 += v * P1[k];
        s2 += v * P2[k];
        zeros &= c == b'0';
        Some(c)
    })?;
    (o[12] == b'0' + dv(s1) && o[13] == b'0' + dv(s2) && !zeros).then_some(o)
}

fn piso_placa(s: &str) -> Option<[u8; 7]> {
    let t = s.trim();
    let o = fixo::<7>(t, b"AAA-0000", |k, c| {
        let c = c.to_ascii_uppercase();
        let ok = match k {
            0..=2 => c.is_ascii_uppercase(),
            4 => c.is_ascii_alphanumeric(),
            _ => c.is_ascii_digit(),
        };
        ok.then_some(c)
    })?;
    (o[4].is_ascii_digit() || t.len() == 7).then_some(o)
}

fn piso_renavam(s: &str) -> Option<[u8; 11]> {
    const P: [u32; 11] = [3, 2, 9, 8, 7, 6, 5, 4, 3, 2, 0];
    let e = s.trim().as_bytes();
    if !(9..=11).contains(&e.len()) {
        return None;
    }
    let mut o = [b'0'; 11];
    let (mut soma, mut zeros, inicio) = (0u32, true, 11 - e.len());
    for (i, &c) in e.iter().enumerate() {
        if !c.is_ascii_digit() {
            return None;
        }
        soma += u32::from(c - b'0') * P[inicio + i];
        zeros &= c == b'0';
        o[inicio + i] = c;
    }
    (o[10] == b'0' + dv(soma) && !zeros).then_some(o)
}

fn piso_chassi(s: &str) -> Option<[u8; 17]> {
    let e = s.trim().as_bytes();
    if e.len() != 17 {
        return None;
    }
    let mut o = [0u8; 17];
    for (i, &c) in e.iter().enumerate() {
        let c = c.to_ascii_uppercase();
        if !(c.is_ascii_digit() || (c.is_ascii_uppercase() && !matches!(c, b'I' | b'O' | b'Q'))) {
            return None;
        }
        o[i] = c;
    }
    Some(o)
}

fn piso_chave(s: &str) -> Option<[u8; 44]> {
    let mut soma = 0u32;
    let o = fixo::<44>(
        s.trim(),
        b"0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 0000",
        |k, c| {
            if !(c.is_ascii_digit() || ((6..18).contains(&k) && c.is_ascii_uppercase()))
                || (k == 34 && c == b'0')
            {
                return None;
            }
            if k < 43 {
                soma += u32::from(c - b'0') * (2 + ((42 - k) % 8) as u32);
            }
            Some(c)
        },
    )?;
    (o[43] == b'0' + dv(soma)).then_some(o)
}

fn piso_cpf_cnpj(s: &str) -> bool {
    let t = s.trim();
    match t.len() {
        14 if t.as_bytes()[3].is_ascii_alphanumeric() => piso_cnpj(t).is_some(),
        11 | 14 => piso_cpf(t).is_some(),
        18 => piso_cnpj(t).is_some(),
        _ => false,
    }
}

/// `brazilian_utils` 0.2.0 `cpf::validate` (MIT), copied verbatim but for names: the crate has a
/// non-optional `reqwest` 0.11 + OpenSSL dependency that would add a native-TLS build to every
/// `cargo test --workspace`, for a bench.
mod brazilian_utils_cpf {
    const BLACKLIST: [&str; 12] = [
        "000",
        "00000000000",
        "11111111111",
        "22222222222",
        "33333333333",
        "44444444444",
        "55555555555",
        "66666666666",
        "77777777777",
        "88888888888",
        "99999999999",
        "999999999999",
    ];
    fn hashdigit(cpf: &str, position: usize) -> usize {
        let sum: usize = cpf
            .chars()
            .take(position - 1)
            .enumerate()
            .map(|(i, c)| c.to_digit(10).unwrap() as usize * (position - i))
            .sum();
        let val = sum % 11;
        if val < 2 { 0 } else { 11 - val }
    }
    pub(crate) fn validate(cpf: &str) -> bool {
        if !cpf.chars().all(|c| c.is_ascii_digit()) || cpf.len() != 11 {
            return false;
        }
        if BLACKLIST.contains(&cpf) {
            return false;
        }
        let (d1, d2) = (hashdigit(cpf, 10), hashdigit(cpf, 11));
        cpf.chars().nth(9).unwrap().to_digit(10).unwrap() == d1 as u32
            && cpf.chars().nth(10).unwrap().to_digit(10).unwrap() == d2 as u32
    }
}

type Validador = fn(&str) -> bool;

/// The peers of each identifier, as `fn(&str) -> bool`.
fn pares_cpf() -> Vec<(&'static str, Validador)> {
    vec![
        ("cpf_cnpj", cpf_cnpj::cpf::validate as Validador),
        ("cpf", |s| cpf::valid(s)),
        ("brazilian_utils", brazilian_utils_cpf::validate),
        ("brado", |s| brado::cpf::validate(s)),
    ]
}

fn pares_cnpj() -> Vec<(&'static str, Validador)> {
    vec![
        ("cpf_cnpj", cpf_cnpj::cnpj::validate as Validador),
        ("cnpj", |s| cnpj::valid(s)),
        ("brado", |s| brado::cnpj::validate(s)),
    ]
}

fn pares_renavam() -> Vec<(&'static str, Validador)> {
    vec![("brado", brado::renavam::validate as Validador)]
}

/// Prints which wrong inputs each peer accepts (ours rejects all of them; asserted).
fn correcao() {
    let casos: [(&str, &[&str], Vec<(&str, Validador)>, Validador); 3] = [
        (
            "CPF",
            &[
                "529x982x247x25",
                "529.982.24725",
                "5.2.9.9.8.2.2.4.7.2.5",
                "52998224725 ",
                "529 982 247 25",
                "11111111111",
                "٥٢٩٩٨٢٢٤٧٢٥",
            ],
            pares_cpf(),
            |s| Cpf::parse(s).is_ok(),
        ),
        (
            "CNPJ",
            &[
                "11x222x333x0001x81",
                "11222333/000181",
                "00000000000000",
                "12ABC34501DE45",
                "12abc34501de35",
            ],
            pares_cnpj(),
            |s| Cnpj::parse_estrito(s).is_ok(),
        ),
        (
            "RENAVAM",
            &["00000000000", "7907233836-3", "790723383633"],
            pares_renavam(),
            |s| Renavam::parse(s).is_ok(),
        ),
    ];
    eprintln!("peer correctness (a listed input is wrong; 'ACCEPTS' = the peer takes it):");
    for (nome, errados, pares, nosso) in casos {
        for e in errados {
            let mut linha = format!(
                "  {nome} {e:?}: ours {}",
                if nosso(e) { "ACCEPTS" } else { "rejects" }
            );
            for (par, f) in &pares {
                let aceita = std::panic::catch_unwind(|| f(e)).unwrap_or(false);
                linha += &format!(", {par} {}", if aceita { "ACCEPTS" } else { "rejects" });
            }
            eprintln!("{linha}");
        }
    }
}

/// The floor is honest: on valid inputs and every one-character substitution of them (every
/// printable ASCII character and a few others, at every position), each floor accepts exactly
/// what ours accepts, with the same canonical bytes. Panics otherwise (before any measurement).
fn piso_honesto() {
    fn conferir<T: FromStr>(
        validos: &[&str],
        piso: impl Fn(&str) -> Option<Vec<u8>>,
        canonico: impl Fn(&T) -> Vec<u8>,
    ) {
        let trocas: Vec<char> = (0x20_u8..0x7f)
            .map(char::from)
            .chain(['\t', 'é', '٣'])
            .collect();
        for v in validos {
            let chars: Vec<char> = v.chars().collect();
            let mut entradas = vec![(*v).to_owned(), format!(" {v}\n")];
            for i in 0..chars.len() {
                for &c in &trocas {
                    let mut m = chars.clone();
                    m[i] = c;
                    entradas.push(m.into_iter().collect());
                }
            }
            for e in &entradas {
                let nosso = e.parse::<T>().ok().map(|t| canonico(&t));
                assert_eq!(piso(e), nosso, "floor and ours differ on {e:?}");
            }
        }
    }
    conferir::<Cpf>(
        &["52998224725", "529.982.247-25", "11111111111"],
        |s| piso_cpf(s).map(|o| o.to_vec()),
        |t| t.as_str().as_bytes().to_vec(),
    );
    conferir::<Cnpj>(
        &[
            "11222333000181",
            "11.222.333/0001-81",
            "12abc34501de35",
            "12.ABC.345/01DE-35",
        ],
        |s| piso_cnpj(s).map(|o| o.to_vec()),
        |t| t.as_str().as_bytes().to_vec(),
    );
    conferir::<CpfCnpj>(
        &[
            "52998224725",
            "529.982.247-25",
            "11.222.333/0001-81",
            "12ABC34501DE35",
        ],
        |s| piso_cpf_cnpj(s).then(Vec::new),
        |_| Vec::new(),
    );
    conferir::<Placa>(
        &["BRA2E19", "ABC-1234", "abc1234"],
        |s| piso_placa(s).map(|o| o.to_vec()),
        |t| t.as_str().as_bytes().to_vec(),
    );
    conferir::<Renavam>(
        &["79072338363", "123456789", "0123456789"],
        |s| piso_renavam(s).map(|o| o.to_vec()),
        |t| t.as_str().as_bytes().to_vec(),
    );
    conferir::<Chassi>(
        &["9BGKL48U0JB118848", "9bgkl48u0jb118848"],
        |s| piso_chassi(s).map(|o| o.to_vec()),
        |t| t.as_str().as_bytes().to_vec(),
    );
    conferir::<ChaveNfe>(
        &[
            "35260812ABC34501DE35550010000000011000000018",
            "3526 0812 ABC3 4501 DE35 5500 1000 0000 0110 0000 0018",
        ],
        |s| piso_chave(s).map(|o| o.to_vec()),
        |t| t.as_str().as_bytes().to_vec(),
    );
}

/// Benchmarks `entrada.parse::<T>()`.
fn medir<T: FromStr>(g: &mut BenchmarkGroup<'_, WallTime>, nome: &str, entrada: &str) {
    g.bench_function(nome, |b| {
        b.iter(|| black_box(entrada).parse::<T>().is_ok());
    });
}

fn medir_fn(g: &mut BenchmarkGroup<'_, WallTime>, nome: &str, entrada: &str, f: Validador) {
    assert!(f(entrada), "{nome} must accept {entrada:?}");
    g.bench_function(nome, |b| b.iter(|| f(black_box(entrada))));
}

/// Ours, the floor and the peers on one input, in one group (same run, same machine state).
fn lado_a_lado<T: FromStr>(
    c: &mut Criterion,
    grupo: &str,
    entrada: &str,
    piso: Validador,
    pares: &[(&'static str, Validador)],
) {
    assert!(
        entrada.parse::<T>().is_ok(),
        "{grupo}: ours must accept {entrada:?}"
    );
    let mut g = c.benchmark_group(grupo);
    medir::<T>(&mut g, "renave", entrada);
    medir_fn(&mut g, "floor", entrada, piso);
    for (nome, f) in pares {
        if f(entrada) {
            medir_fn(&mut g, nome, entrada, *f);
        }
    }
    g.finish();
}

fn comparar(c: &mut Criterion) {
    piso_honesto();
    correcao();
    let nenhum: &[(&str, Validador)] = &[];
    lado_a_lado::<Cpf>(
        c,
        "Cpf bare",
        "52998224725",
        |s| piso_cpf(s).is_some(),
        &pares_cpf(),
    );
    lado_a_lado::<Cpf>(
        c,
        "Cpf masked",
        "529.982.247-25",
        |s| piso_cpf(s).is_some(),
        &pares_cpf(),
    );
    lado_a_lado::<Cnpj>(
        c,
        "Cnpj numeric",
        "11222333000181",
        |s| piso_cnpj(s).is_some(),
        &pares_cnpj(),
    );
    lado_a_lado::<Cnpj>(
        c,
        "Cnpj numeric masked",
        "11.222.333/0001-81",
        |s| piso_cnpj(s).is_some(),
        &pares_cnpj(),
    );
    lado_a_lado::<Cnpj>(
        c,
        "Cnpj alphanumeric",
        "12ABC34501DE35",
        |s| piso_cnpj(s).is_some(),
        &pares_cnpj(),
    );
    lado_a_lado::<Cnpj>(
        c,
        "Cnpj alphanumeric masked",
        "12.ABC.345/01DE-35",
        |s| piso_cnpj(s).is_some(),
        &pares_cnpj(),
    );
    lado_a_lado::<CpfCnpj>(
        c,
        "CpfCnpj (CNPJ masked)",
        "11.222.333/0001-81",
        piso_cpf_cnpj,
        nenhum,
    );
    lado_a_lado::<CpfCnpj>(
        c,
        "CpfCnpj (CPF bare)",
        "52998224725",
        piso_cpf_cnpj,
        nenhum,
    );
    lado_a_lado::<Placa>(
        c,
        "Placa Mercosul",
        "BRA2E19",
        |s| piso_placa(s).is_some(),
        nenhum,
    );
    lado_a_lado::<Placa>(
        c,
        "Placa antiga masked",
        "ABC-1234",
        |s| piso_placa(s).is_some(),
        nenhum,
    );
    lado_a_lado::<Renavam>(
        c,
        "Renavam",
        "79072338363",
        |s| piso_renavam(s).is_some(),
        &pares_renavam(),
    );
    lado_a_lado::<Chassi>(
        c,
        "Chassi VIN",
        "9BGKL48U0JB118848",
        |s| piso_chassi(s).is_some(),
        nenhum,
    );
    let chave = "35260812ABC34501DE35550010000000011000000018";
    lado_a_lado::<ChaveNfe>(
        c,
        "ChaveNfe bare",
        chave,
        |s| piso_chave(s).is_some(),
        nenhum,
    );
    let danfe = "3526 0812 ABC3 4501 DE35 5500 1000 0000 0110 0000 0018";
    lado_a_lado::<ChaveNfe>(
        c,
        "ChaveNfe masked",
        danfe,
        |s| piso_chave(s).is_some(),
        nenhum,
    );
}

/// The other identifiers (no floor or peer): regression figures.
fn outros(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    medir::<Cpf>(&mut g, "Cpf rejected (check digit)", "52998224724");
    medir::<Cep>(&mut g, "Cep masked", "01310-100");
    medir::<Uf>(&mut g, "Uf", "mg");
    medir::<CodigoMunicipioIbge>(&mut g, "CodigoMunicipioIbge", "3106200");
    medir::<CodigoMunicipio>(&mut g, "CodigoMunicipio", "4123");
    medir::<NumeroCrv>(&mut g, "NumeroCrv", "012345678901");
    medir::<CodigoSegurancaCrv>(&mut g, "CodigoSegurancaCrv", "01234567890");
    g.bench_function("Chassi legado", |b| {
        b.iter(|| Chassi::legado(black_box("BJ123456")).is_ok());
    });
    g.finish();
}

criterion_group! {
    name = benches;
    // Short windows: the whole suite (with the client benches) runs in a few minutes on 2 cores.
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(300))
        .measurement_time(std::time::Duration::from_secs(1))
        .sample_size(30);
    targets = comparar, outros
}
criterion_main!(benches);
