//! Mutation campaign (stable toolchain, `docs/fuzz.md`) over every identifier parser of
//! `src/identificadores/`: each type through `FromStr` and through serde (a JSON string, and the
//! raw text as JSON, so numbers too), plus the constructors that build a value from parts.
//!
//! Seeds: the test vectors of `identificadores_a.rs` / `identificadores_b.rs`. Inputs: seeded
//! mutations of them (`renave_domain::fuzz::Mutador`), with now and then the trailing check
//! digits brute-forced so that many mutated inputs are *valid* and the accepted path is
//! exercised too. Properties, for every input:
//!
//! * no panic (each check runs inside `catch_unwind`; a panic is a finding with its input);
//! * serde agrees with `FromStr` on accept/reject and value (for `Chassi` and `Data`, with the
//!   documented wider deserializer: `Chassi::legado`, a date-time's date);
//! * an accepted value round-trips: `x.to_string()` is `x.as_ref()` and parses back to `x`, the
//!   mask (`{:#}`) parses back to `x`, and its JSON reads back as `x`;
//! * a rejected input's error shows no full CPF of the input (LGPD);
//! * type-specific accessors never panic and agree with the value.
//!
//! `RENAVE_FUZZ_ITERACOES` inputs per target (default [`PADRAO`]), `RENAVE_FUZZ_SEMENTE` the seed.
#![cfg(feature = "fuzz")]
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

use std::fmt::{Debug, Display};
use std::panic::{self, AssertUnwindSafe};
use std::str::FromStr;

use renave_domain::fuzz::{self, Campanha, Mutador, Veredito};
use renave_domain::{
    Cep, Chassi, ChaveNfe, Cnpj, CodigoMunicipio, CodigoMunicipioIbge, CodigoSegurancaCrv, Cpf,
    CpfCnpj, Data, DataHora, ErroDominio, LinhaDigitavel, NumeroCrv, PixCopiaECola, Placa, Renavam,
    Uf, Valor,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Inputs per target in `cargo test` (debug build, 2 cores: the whole file in a few seconds).
const PADRAO: u64 = 2_000;

/// The largest corpus kept per target (seeds plus accepted mutants).
const MAX_CORPUS: usize = 512;

fn iteracoes() -> u64 {
    fuzz::iteracoes(PADRAO)
}

/// What an identifier type must offer to be fuzzed here.
trait Id:
    FromStr<Err = ErroDominio>
    + Display
    + Debug
    + PartialEq
    + Serialize
    + DeserializeOwned
    + AsRef<str>
    + Clone
{
}

impl<T> Id for T where
    T: FromStr<Err = ErroDominio>
        + Display
        + Debug
        + PartialEq
        + Serialize
        + DeserializeOwned
        + AsRef<str>
        + Clone
{
}

/// One identifier target.
struct Alvo<T> {
    nome: &'static str,
    sementes: &'static [&'static str],
    /// What `Deserialize` accepts from a JSON string (the documented deserializer).
    serde: fn(&str) -> Result<T, ErroDominio>,
    /// Whether `Deserialize` also takes a JSON number.
    aceita_numero: bool,
    /// Trailing check digits to brute-force now and then (0: none).
    dv: usize,
    /// Type-specific checks of an accepted value.
    extra: fn(&T) -> Result<(), String>,
}

#[allow(clippy::unnecessary_wraps)] // The shape of `Alvo::extra`.
fn sem_extra<T>(_: &T) -> Result<(), String> {
    Ok(())
}

fn garantir(condicao: bool, mensagem: impl FnOnce() -> String) -> Result<(), String> {
    if condicao { Ok(()) } else { Err(mensagem()) }
}

/// Same value or both refused.
fn concordam<T: PartialEq + Debug, E, F>(
    a: &Result<T, E>,
    b: &Result<T, F>,
    o_que: &str,
) -> Result<(), String> {
    match (a, b) {
        (Ok(x), Ok(y)) if x == y => Ok(()),
        (Err(_), Err(_)) => Ok(()),
        _ => Err(format!(
            "{o_que}: {:?} vs {:?}",
            a.as_ref().ok(),
            b.as_ref().ok()
        )),
    }
}

/// The checks of one input (see the module docs).
fn verificar<T: Id>(alvo: &Alvo<T>, s: &str) -> Veredito {
    let r = s.parse::<T>();

    // serde from a JSON string: the documented deserializer, and FromStr where they coincide.
    let json = serde_json::to_string(s).map_err(|e| format!("JSON string: {e}"))?;
    let d = serde_json::from_str::<T>(&json);
    concordam(
        &d,
        &(alvo.serde)(s),
        "serde disagrees with the documented deserializer",
    )?;
    if let Ok(x) = &r {
        garantir(d.as_ref().ok() == Some(x), || {
            format!("FromStr accepts {x:?}, serde gives {:?}", d.as_ref().ok())
        })?;
    }

    // The raw input as JSON (numbers, literals, quoted strings…).
    if let Ok(v) = serde_json::from_str::<T>(s) {
        match serde_json::from_str::<String>(s) {
            Ok(interno) => concordam(
                &Ok::<_, ()>(v.clone()),
                &(alvo.serde)(&interno),
                "raw JSON string disagrees with the deserializer",
            )?,
            Err(_) => garantir(alvo.aceita_numero, || {
                format!("a non-string JSON value was accepted: {v:?}")
            })?,
        }
        ida_e_volta(&v)?;
    }

    match r {
        Ok(x) => {
            ida_e_volta(&x)?;
            (alvo.extra)(&x)?;
            Ok(true)
        }
        Err(e) => {
            fuzz::sem_cpf_vazado("the error's Display", s, &e.to_string())?;
            fuzz::sem_cpf_vazado("the error's Debug", s, &format!("{e:?}"))?;
            Ok(false)
        }
    }
}

/// The round trips of an accepted value: canonical text, mask, JSON.
fn ida_e_volta<T: Id>(x: &T) -> Result<(), String> {
    let canonico = x.to_string();
    garantir(canonico == x.as_ref(), || {
        format!("Display {canonico:?} is not as_str {:?}", x.as_ref())
    })?;
    let volta = canonico.parse::<T>();
    garantir(volta.as_ref().ok() == Some(x), || {
        format!("canonical {canonico:?} parses to {volta:?}, not {x:?}")
    })?;
    let mascara = format!("{x:#}");
    let volta = mascara.parse::<T>();
    garantir(volta.as_ref().ok() == Some(x), || {
        format!("mask {mascara:?} parses to {volta:?}, not {x:?}")
    })?;
    let json = serde_json::to_string(x).map_err(|e| format!("serialise {x:?}: {e}"))?;
    let volta = serde_json::from_str::<T>(&json);
    garantir(volta.as_ref().ok() == Some(x), || {
        format!(
            "JSON {json} reads back as {:?}, not {x:?}",
            volta.as_ref().ok()
        )
    })?;
    let _ = format!("{x:?}");
    Ok(())
}

/// Brute-forces the last `n` characters of `s` over the ASCII digits: the first candidate
/// `FromStr` accepts (or that panics, so the campaign reports it), else `None`.
fn completar_dv<T: Id>(s: &str, n: usize) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let corpo: String = chars.get(..chars.len().checked_sub(n)?)?.iter().collect();
    let limite = 10_u32.pow(u32::try_from(n).ok()?);
    (0..limite).find_map(|k| {
        let candidato = format!("{corpo}{k:0n$}");
        let aceito = panic::catch_unwind(AssertUnwindSafe(|| candidato.parse::<T>().is_ok()))
            .unwrap_or(true);
        aceito.then_some(candidato)
    })
}

fn campanha<T: Id>(alvo: &Alvo<T>) {
    let semente = fuzz::semente_do_alvo(fuzz::semente(), alvo.nome);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(alvo.nome, semente);
    let mut corpus: Vec<String> = alvo.sementes.iter().map(|s| (*s).to_owned()).collect();
    for s in alvo.sementes {
        corrida.testar(0, *s, || verificar(alvo, s));
    }
    for i in 0..iteracoes() {
        let base = mutador.escolher(&corpus).cloned().unwrap_or_default();
        let outras: Vec<&str> = (0..3)
            .filter_map(|_| mutador.escolher(&corpus).map(String::as_str))
            .collect();
        let mut s = mutador.texto(&base, &outras);
        if alvo.dv > 0 && mutador.um_em(6) {
            if let Some(completo) = completar_dv::<T>(&s, alvo.dv) {
                s = completo;
            }
        }
        let mut aceita = false;
        corrida.testar(i, &s, || {
            let v = verificar(alvo, &s);
            aceita = v == Ok(true);
            v
        });
        if aceita && !corpus.contains(&s) {
            if corpus.len() < MAX_CORPUS {
                corpus.push(s);
            } else {
                let i =
                    alvo.sementes.len() + mutador.rng().usize(..MAX_CORPUS - alvo.sementes.len());
                if let Some(slot) = corpus.get_mut(i) {
                    *slot = s;
                }
            }
        }
    }
    corrida.concluir();
}

// ----------------------------------------------------------------------------------- seeds

const CPFS: &[&str] = &[
    "529.982.247-25",
    "52998224725",
    "111.444.777-35",
    "390.533.447-05",
    "000.000.001-91",
    "123.456.789-09",
    "  52998224725\t",
    "52998224724",
    "111.111.111-11",
    "5299822472",
];
const CNPJS: &[&str] = &[
    "11.222.333/0001-81",
    "11222333000181",
    "11.444.777/0001-61",
    "33.000.167/0001-01",
    "00.000.000/0001-91",
    "12.ABC.345/01DE-35",
    "12ABC34501DE35",
    "0X.0J9.2JY/0001-96",
    "A8.7HB.ZHB/0001-61",
    "UU97L8QM000130",
    "PC3D315K000193",
    "12abc34501de35",
    "LBNXQOB5000141",
    "12ABC34501DE36",
    "00000000000000",
];
const PLACAS: &[&str] = &[
    "ABC1234", "ABC-1234", "abc1234", "ABC1C34", "BRA2E19", "pzs3i19", "PZS3819", "ABC1K23",
    "ABC-1C34", "ABC1-234", "ABC 1234",
];
const RENAVAMS: &[&str] = &[
    "13824652268",
    "08543317523",
    "79072338363",
    "86769597308",
    "17058862280",
    "123456789",
    "00123456789",
    "00000000000",
    "12345678",
];
const CHASSIS: &[&str] = &[
    "9BGKL48U0JB118848",
    "9bgkl48u0jb118848",
    "9BWZZZ377VT004251",
    "1M8GDM9AXKP042788",
    "WVGZZZ5NZEW069297",
    "9BGKL48U0JB1I8848",
    "BJ123456",
    "BO1",
];
const CEPS: &[&str] = &[
    "01310-100",
    "01310100",
    "30130010",
    "01000000",
    "90010000",
    "00999999",
    "01310-10O",
];
const UFS: &[&str] = &["MG", "mg", " sp ", "DF", "RO", "XX", "Mg", "AB\u{30a}12"];
const IBGES: &[&str] = &[
    "3550308", "3304557", "5300108", "4305871", "2201919", "5101837", "3106200", "3550309",
    "9999999",
];
const MUNICIPIOS: &[&str] = &["4123", "2381", "0050", "50", "1", "9999", "0000", "12345"];
const CRVS: &[&str] = &[
    "012345678901",
    " 012345678901 ",
    "12345678901",
    "999999999999",
];
const CODIGOS_CRV: &[&str] = &["01234567890", "00123456789", "12345678901", "0123456789A"];
const CHAVES: &[&str] = &[
    "33150308370779000149550010001100931002410775",
    "13181017921427000125650010000000309887251170",
    "3526050X0J92JY000196570010000006041448679011",
    "35260812ABC34501DE35550010000000011000000018",
    "35240100052998224725550010000001231123456782",
    "3526 0812 ABC3 4501 DE35 5500 1000 0000 0110 0000 0018",
];
const LINHAS: &[&str] = &[
    "836400000011331201380002812884627116080136181551",
    "836200000005667800481000180975657313001589636081",
    "846700000017435900240209024050002435842210108119",
    "858900004609524601791605607593050865831483000010",
    "848900000002404201622015806051904292586034111220",
    "848100000008404200001610980245528291517050082350",
    "83640000001-1 33120138000-2 81288462711-6 08013618155-1",
    "836400000011 331201380002 812884627116 080136181551",
];
const PIXS: &[&str] = &[
    "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D",
    "00020101021226770014BR.GOV.BCB.PIX2555pix.example.com/qr/93598be0-1bd0-4997-8318-81776a1d8a995204000053039865802BR5907EMPRESA6009SAO PAULO62070503***6304EEAB",
    "00020126330014BR.GOV.BCB.PIX01115794666323452040000530398654041.005802BR5925CLENILTON CRUZ DE ALENCAR6006MANAUS62070503***6304FA88",
    "00020126630014BR.GOV.BCB.PIX0122vendas@endoplus.odo.br0215PEDIDO-ENDOPLUS520400005303986540574.105802BR5928ENDO PLUS COM E SERV LTDA ME6014RIO DE JANEIRO62130509ENDO3446863043A22",
];
const VALORES: &[&str] = &[
    "1234.56",
    "R$ 1.234,56",
    "1.234,56",
    "R$ 10",
    "1234,5",
    "0.05",
    "100",
    "9999999999999.99",
    "R$ 9.999.999.999.999,99",
    "0",
    "-1.00",
    "1.234",
    ".50",
    "R$\u{a0}1,00",
];
const DATAS: &[&str] = &[
    "2026-02-28",
    "2024-02-29",
    "0001-01-01",
    "9999-12-31",
    "2023-02-29",
    "2024-13-01",
    "2024-01-01T00:00:00",
    "2022-03-28T08:59:19.35637",
];
const DATAS_HORAS: &[&str] = &[
    "2018-08-09T09:46:52",
    "2022-03-28T08:59:19.35637",
    "2022-03-28T08:59:19.999999999",
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59",
    "2022-03-28T11:59:19Z",
    "2022-03-28T08:59:19-03:00",
    "2018-08-09T24:00:00",
];

// ---------------------------------------------------------------------------- the targets

#[test]
fn fuzz_cpf() {
    campanha(&Alvo::<Cpf> {
        nome: "Cpf",
        sementes: CPFS,
        serde: Cpf::from_str,
        aceita_numero: false,
        dv: 2,
        extra: |x| {
            let d = format!("{x:?}");
            garantir(
                !d.contains(x.as_str()) && d.starts_with("Cpf(***.***.***-"),
                || format!("Debug shows the CPF: {d}"),
            )
        },
    });
}

#[test]
fn fuzz_cnpj() {
    campanha(&Alvo::<Cnpj> {
        nome: "Cnpj",
        sementes: CNPJS,
        serde: Cnpj::from_str,
        aceita_numero: false,
        dv: 2,
        extra: |x| {
            garantir(Cnpj::parse_estrito(x.as_str()).as_ref() == Ok(x), || {
                format!("canonical {x:?} refused by parse_estrito")
            })?;
            garantir(
                format!("{}{}", x.raiz(), x.ordem()) == x.as_str().get(..12).unwrap_or_default(),
                || format!("raiz/ordem of {x:?}"),
            )?;
            garantir(
                x.is_alfanumerico() == x.as_str().bytes().any(|b| b.is_ascii_uppercase()),
                || format!("is_alfanumerico of {x:?}"),
            )
        },
    });
}

#[test]
fn fuzz_cnpj_parse_estrito() {
    // parse_estrito accepts a subset of parse: the same value whenever it accepts.
    let alvo = "Cnpj::parse_estrito";
    let semente = fuzz::semente_do_alvo(fuzz::semente(), alvo);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(alvo, semente);
    for i in 0..iteracoes() {
        let base = mutador.escolher(CNPJS).copied().unwrap_or_default();
        let s = mutador.texto(base, CNPJS);
        corrida.testar(i, &s, || {
            let estrito = Cnpj::parse_estrito(&s);
            if let Ok(x) = &estrito {
                garantir(Cnpj::parse(&s).as_ref() == Ok(x), || {
                    format!("parse_estrito accepts {x:?}, parse does not agree")
                })?;
            }
            Ok(estrito.is_ok())
        });
    }
    corrida.concluir();
}

#[test]
fn fuzz_cpf_cnpj() {
    let sementes: &'static [&'static str] = &[
        "529.982.247-25",
        "52998224725",
        "11.222.333/0001-81",
        "11222333000181",
        "12ABC34501DE35",
        "12.ABC.345/01DE-35",
        "123456789012",
        "52998224724",
    ];
    campanha(&Alvo::<CpfCnpj> {
        nome: "CpfCnpj",
        sementes,
        serde: CpfCnpj::from_str,
        aceita_numero: false,
        dv: 2,
        extra: |x| match x {
            CpfCnpj::Cpf(cpf) => {
                let d = format!("{x:?}");
                garantir(!d.contains(cpf.as_str()), || {
                    format!("Debug shows the CPF: {d}")
                })?;
                garantir(x.cpf() == Some(cpf) && x.cnpj().is_none(), || {
                    "accessors".to_owned()
                })
            }
            CpfCnpj::Cnpj(cnpj) => garantir(x.cnpj() == Some(cnpj) && x.cpf().is_none(), || {
                "accessors".to_owned()
            }),
        },
    });
}

#[test]
fn fuzz_placa() {
    campanha(&Alvo::<Placa> {
        nome: "Placa",
        sementes: PLACAS,
        serde: Placa::from_str,
        aceita_numero: false,
        dv: 0,
        extra: |x| {
            let mercosul = x.para_mercosul();
            garantir(mercosul.is_mercosul(), || {
                format!("para_mercosul of {x:?} is {mercosul:?}")
            })?;
            if !x.is_mercosul() {
                garantir(mercosul.para_antiga().as_ref() == Some(x), || {
                    format!("para_antiga(para_mercosul({x:?}))")
                })?;
            }
            if let Some(antiga) = x.para_antiga() {
                garantir(!antiga.is_mercosul(), || format!("para_antiga of {x:?}"))?;
            }
            Ok(())
        },
    });
}

#[test]
fn fuzz_renavam() {
    campanha(&Alvo::<Renavam> {
        nome: "Renavam",
        sementes: RENAVAMS,
        serde: Renavam::from_str,
        aceita_numero: false,
        dv: 1,
        extra: |x| garantir(x.as_str().len() == 11, || format!("length of {x:?}")),
    });
}

#[test]
fn fuzz_chassi() {
    campanha(&Alvo::<Chassi> {
        nome: "Chassi",
        sementes: CHASSIS,
        // `Deserialize` also admits the legacy chassi (the server is the authority).
        serde: Chassi::legado,
        aceita_numero: false,
        dv: 0,
        extra: |x| {
            let _ = x.digito_verificador_norte_americano_ok();
            garantir(x.is_vin(), || format!("FromStr accepted a non-VIN {x:?}"))?;
            garantir(Chassi::legado(x.as_str()).as_ref() == Ok(x), || {
                format!("legado refuses the VIN {x:?}")
            })
        },
    });
}

#[test]
fn fuzz_chassi_legado() {
    let alvo = "Chassi::legado";
    let semente = fuzz::semente_do_alvo(fuzz::semente(), alvo);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(alvo, semente);
    for i in 0..iteracoes() {
        let base = mutador.escolher(CHASSIS).copied().unwrap_or_default();
        let s = mutador.texto(base, CHASSIS);
        corrida.testar(i, &s, || {
            let r = Chassi::legado(&s);
            concordam(
                &r,
                &serde_json::from_str::<Chassi>(&serde_json::to_string(&s).unwrap()),
                "legado vs Deserialize",
            )?;
            if let Ok(x) = &r {
                let _ = x.digito_verificador_norte_americano_ok();
                let volta = Chassi::legado(x.as_ref());
                garantir(volta.as_ref() == Ok(x), || {
                    format!("{x:?} does not round-trip: {volta:?}")
                })?;
                garantir(Chassi::legado(&format!("{x:#}")).as_ref() == Ok(x), || {
                    format!("mask of {x:?}")
                })?;
                garantir(x.is_vin() == s.parse::<Chassi>().is_ok(), || {
                    format!("is_vin of {x:?} disagrees with FromStr")
                })?;
            }
            Ok(r.is_ok())
        });
    }
    corrida.concluir();
}

#[test]
fn fuzz_cep() {
    campanha(&Alvo::<Cep> {
        nome: "Cep",
        sementes: CEPS,
        serde: Cep::from_str,
        aceita_numero: false,
        dv: 0,
        extra: |x| {
            garantir(
                x.as_str().len() == 8 && !x.as_str().starts_with("00"),
                || format!("canonical {x:?}"),
            )
        },
    });
}

#[test]
fn fuzz_uf() {
    campanha(&Alvo::<Uf> {
        nome: "Uf",
        sementes: UFS,
        serde: Uf::from_str,
        aceita_numero: false,
        dv: 0,
        extra: |x| {
            let _ = x.nome();
            garantir(Uf::from_codigo_ibge(x.codigo_ibge()) == Some(*x), || {
                format!("IBGE code of {x:?}")
            })
        },
    });
}

#[test]
fn fuzz_codigo_municipio_ibge() {
    campanha(&Alvo::<CodigoMunicipioIbge> {
        nome: "CodigoMunicipioIbge",
        sementes: IBGES,
        serde: CodigoMunicipioIbge::from_str,
        aceita_numero: false,
        dv: 1,
        extra: |x| garantir(x.uf().is_some(), || format!("no UF for {x:?}")),
    });
}

#[test]
fn fuzz_codigo_municipio() {
    campanha(&Alvo::<CodigoMunicipio> {
        nome: "CodigoMunicipio",
        sementes: MUNICIPIOS,
        serde: CodigoMunicipio::from_str,
        aceita_numero: false,
        dv: 0,
        extra: |x| {
            garantir(
                CodigoMunicipio::from_numero(x.numero()).as_ref() == Ok(x),
                || format!("from_numero(numero()) of {x:?}"),
            )?;
            let json = serde_json::to_string(&ComoNumero(*x)).unwrap();
            let volta = serde_json::from_str::<ComoNumero>(&json).map(|n| n.0);
            garantir(volta.as_ref().ok() == Some(x), || {
                format!("as a JSON number {json} reads back as {volta:?}")
            })
        },
    });
}

/// A `CodigoMunicipio` carried as a JSON number (`codigo_municipio_numero`).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct ComoNumero(#[serde(with = "renave_domain::codigo_municipio_numero")] CodigoMunicipio);

#[test]
fn fuzz_codigo_municipio_numero() {
    let alvo = "codigo_municipio_numero";
    let semente = fuzz::semente_do_alvo(fuzz::semente(), alvo);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(alvo, semente);
    let sementes: Vec<&str> = ["4123", "2381", "50", "1", "9999", "\"0050\"", "\"4123\""]
        .into_iter()
        .chain(fuzz::NUMEROS.iter().copied())
        .collect();
    for i in 0..iteracoes() {
        let base = mutador.escolher(&sementes).copied().unwrap_or_default();
        let s = mutador.texto(base, &sementes);
        corrida.testar(i, &s, || {
            let r = serde_json::from_str::<ComoNumero>(&s).map(|n| n.0);
            if let Ok(x) = &r {
                match serde_json::from_str::<serde_json::Value>(&s) {
                    Ok(serde_json::Value::Number(n)) => {
                        garantir(n.as_u64() == Some(u64::from(x.numero())), || {
                            format!("number {n} read as {x:?}")
                        })?;
                    }
                    Ok(serde_json::Value::String(t)) => {
                        garantir(CodigoMunicipio::parse(&t).as_ref() == Ok(x), || {
                            format!("string {t:?} read as {x:?}")
                        })?;
                    }
                    outro => return Err(format!("{outro:?} read as {x:?}")),
                }
                let json = serde_json::to_string(&ComoNumero(*x)).unwrap();
                garantir(json == x.numero().to_string(), || {
                    format!("{x:?} written as {json}")
                })?;
            }
            Ok(r.is_ok())
        });
    }
    corrida.concluir();
}

#[test]
fn fuzz_numero_crv() {
    campanha(&Alvo::<NumeroCrv> {
        nome: "NumeroCrv",
        sementes: CRVS,
        serde: NumeroCrv::from_str,
        aceita_numero: false,
        dv: 0,
        extra: sem_extra,
    });
}

#[test]
fn fuzz_codigo_seguranca_crv() {
    campanha(&Alvo::<CodigoSegurancaCrv> {
        nome: "CodigoSegurancaCrv",
        sementes: CODIGOS_CRV,
        serde: CodigoSegurancaCrv::from_str,
        aceita_numero: false,
        dv: 0,
        extra: |x| {
            let d = format!("{x:?}");
            garantir(d == "CodigoSegurancaCrv(***)", || {
                format!("Debug shows {d}")
            })
        },
    });
}

#[test]
fn fuzz_chave_nfe() {
    campanha(&Alvo::<ChaveNfe> {
        nome: "ChaveNfe",
        sementes: CHAVES,
        serde: ChaveNfe::from_str,
        aceita_numero: false,
        dv: 1,
        extra: |x| {
            let partes = [
                x.codigo_uf(),
                x.ano_mes(),
                x.emitente(),
                x.modelo(),
                x.serie(),
                x.numero(),
            ]
            .concat();
            garantir(x.as_str().starts_with(&partes), || {
                format!("fields of {x:?}: {partes}")
            })?;
            garantir(
                (1..=9).contains(&x.tipo_emissao()) && x.digito_verificador() <= 9,
                || format!("tpEmis/cDV of {x:?}"),
            )?;
            let _ = x.codigo_numerico();
            let d = format!("{x:?}");
            if x.emitente().starts_with("000") {
                let cpf = x.emitente().get(3..).unwrap_or_default();
                garantir(!d.contains(cpf), || format!("Debug shows the CPF: {d}"))?;
            }
            Ok(())
        },
    });
}

#[test]
fn fuzz_linha_digitavel() {
    campanha(&Alvo::<LinhaDigitavel> {
        nome: "LinhaDigitavel",
        sementes: LINHAS,
        serde: LinhaDigitavel::from_str,
        aceita_numero: false,
        dv: 0,
        extra: |x| {
            let _ = (x.segmento(), x.identificador_valor(), x.valor());
            let de_barras = LinhaDigitavel::a_partir_do_codigo_barras(x.codigo_barras());
            garantir(de_barras.as_ref() == Ok(x), || {
                format!("the barcode of {x:?} gives {de_barras:?}")
            })
        },
    });
}

#[test]
fn fuzz_linha_digitavel_codigo_barras() {
    // Mutated barcodes, with the general check digit (position 4) brute-forced now and then.
    let alvo = "LinhaDigitavel::a_partir_do_codigo_barras";
    let semente = fuzz::semente_do_alvo(fuzz::semente(), alvo);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(alvo, semente);
    let barras: Vec<String> = LINHAS
        .iter()
        .filter_map(|l| l.parse::<LinhaDigitavel>().ok())
        .map(|l| l.codigo_barras().to_owned())
        .collect();
    let outras: Vec<&str> = barras.iter().map(String::as_str).collect();
    for i in 0..iteracoes() {
        let base = mutador.escolher(&outras).copied().unwrap_or_default();
        let mut s = mutador.texto(base, &outras);
        if mutador.um_em(3) && s.is_char_boundary(3) && s.is_char_boundary(4) && s.len() > 4 {
            let achado = (0..10).find_map(|d| {
                let candidato = format!("{}{d}{}", &s[..3], &s[4..]);
                let ok = panic::catch_unwind(|| {
                    LinhaDigitavel::a_partir_do_codigo_barras(&candidato).is_ok()
                })
                .unwrap_or(true);
                ok.then_some(candidato)
            });
            if let Some(a) = achado {
                s = a;
            }
        }
        corrida.testar(i, &s, || {
            let r = LinhaDigitavel::a_partir_do_codigo_barras(&s);
            if let Ok(x) = &r {
                garantir(x.codigo_barras() == s.trim(), || {
                    format!("codigo_barras of {x:?} is not the input")
                })?;
                let volta = x.as_str().parse::<LinhaDigitavel>();
                garantir(volta.as_ref() == Ok(x), || {
                    format!("{x:?} does not parse back: {volta:?}")
                })?;
                let _ = x.valor();
            }
            Ok(r.is_ok())
        });
    }
    corrida.concluir();
}

#[test]
fn fuzz_linha_digitavel_campos() {
    let alvo = "LinhaDigitavel::a_partir_dos_campos";
    let semente = fuzz::semente_do_alvo(fuzz::semente(), alvo);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(alvo, semente);
    for i in 0..iteracoes() {
        let segmento = mutador.rng().u8(..12);
        let identificador = mutador.rng().u8(4..11);
        let centavos = match mutador.rng().u32(..4) {
            0 => mutador.rng().u64(..),
            1 => 99_999_999_999 + mutador.rng().u64(..3) - 1,
            _ => mutador.rng().u64(..100_000_000),
        };
        let base = if mutador.rng().bool() {
            "0213"
        } else {
            "12345678"
        };
        let identificacao = if mutador.um_em(3) {
            mutador.texto(base, &[])
        } else {
            base.to_owned()
        };
        let tamanho = mutador.rng().usize(19..27);
        let livre: String = (0..tamanho).map(|_| mutador.rng().digit(10)).collect();
        let livre = if mutador.um_em(4) {
            mutador.texto(&livre, &[])
        } else {
            livre
        };
        let entrada = format!("{segmento} {identificador} {centavos} {identificacao:?} {livre:?}");
        corrida.testar(i, &entrada, || {
            let Ok(valor) = Valor::from_centavos(centavos) else {
                return Ok(false);
            };
            let r = LinhaDigitavel::a_partir_dos_campos(
                segmento,
                identificador,
                valor,
                &identificacao,
                &livre,
            );
            if let Ok(x) = &r {
                let volta = x.as_str().parse::<LinhaDigitavel>();
                garantir(volta.as_ref() == Ok(x), || {
                    format!("{x:?} does not parse back: {volta:?}")
                })?;
                garantir(
                    x.segmento() == segmento && x.identificador_valor() == identificador,
                    || format!("fields of {x:?}"),
                )?;
                if matches!(identificador, 6 | 8) {
                    garantir(x.valor() == Some(valor), || {
                        format!("valor of {x:?} is {:?}, not {valor:?}", x.valor())
                    })?;
                }
            }
            Ok(r.is_ok())
        });
    }
    corrida.concluir();
}

#[test]
fn fuzz_pix_copia_e_cola() {
    campanha(&Alvo::<PixCopiaECola> {
        nome: "PixCopiaECola",
        sementes: PIXS,
        serde: PixCopiaECola::from_str,
        aceita_numero: false,
        dv: 0,
        extra: checar_pix,
    });
}

fn checar_pix(x: &PixCopiaECola) -> Result<(), String> {
    let _ = (
        x.valor(),
        x.nome_recebedor(),
        x.cidade_recebedor(),
        x.txid(),
        x.chave(),
        x.url(),
    );
    for id in [0, 1, 26, 52, 53, 54, 58, 59, 60, 62, 63, 99, 100, 255] {
        let _ = x.campo(id);
    }
    garantir(x.crc().len() == 4, || format!("crc of {x:?}"))?;
    let sem_crc = x
        .as_str()
        .get(..x.as_str().len() - 8)
        .ok_or_else(|| format!("{x:?} is shorter than its CRC object"))?;
    let refeito = PixCopiaECola::a_partir_do_payload(sem_crc);
    garantir(refeito.as_ref() == Ok(x), || {
        format!("a_partir_do_payload of {x:?} gives {refeito:?}")
    })
}

#[test]
fn fuzz_pix_a_partir_do_payload() {
    // Mutated payloads completed with their CRC: mostly valid codes, so the TLV reading of an
    // accepted code (fields, templates, the amount) is exercised.
    let alvo = "PixCopiaECola::a_partir_do_payload";
    let semente = fuzz::semente_do_alvo(fuzz::semente(), alvo);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(alvo, semente);
    let payloads: Vec<&str> = PIXS
        .iter()
        .map(|p| p.get(..p.len() - 8).unwrap_or_default())
        .collect();
    for i in 0..iteracoes() {
        let base = mutador.escolher(&payloads).copied().unwrap_or_default();
        let s = mutador.texto(base, &payloads);
        corrida.testar(i, &s, || {
            let r = PixCopiaECola::a_partir_do_payload(&s);
            if let Ok(x) = &r {
                checar_pix(x)?;
                ida_e_volta(x)?;
            }
            Ok(r.is_ok())
        });
    }
    corrida.concluir();
}

#[test]
fn fuzz_valor() {
    campanha(&Alvo::<Valor> {
        nome: "Valor",
        sementes: VALORES,
        serde: Valor::from_str,
        aceita_numero: true,
        dv: 0,
        extra: |x| {
            garantir(Valor::from_centavos(x.centavos()).as_ref() == Ok(x), || {
                format!("from_centavos of {x:?}")
            })?;
            let _ = (
                x.checked_add(*x),
                x.checked_sub(Valor::ZERO),
                x.checked_mul(3),
                x.reais(),
            );
            Ok(())
        },
    });
}

#[test]
fn fuzz_valor_numero_json() {
    // JSON numbers: no panic, an accepted number round-trips, and a plain decimal with at most
    // two decimals and 15 significant digits (the machine form) is read exactly as FromStr
    // reads the same text.
    let alvo = "Valor (JSON number)";
    let semente = fuzz::semente_do_alvo(fuzz::semente(), alvo);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(alvo, semente);
    let sementes: Vec<&str> = fuzz::NUMEROS
        .iter()
        .copied()
        .chain(["1234.56", "0.5", "100.00", "9999999999999.99"])
        .collect();
    for i in 0..iteracoes() {
        let base = mutador.escolher(&sementes).copied().unwrap_or_default();
        let s = mutador.texto(base, &sementes);
        corrida.testar(i, &s, || {
            let r = serde_json::from_str::<Valor>(&s);
            if let Ok(x) = &r {
                ida_e_volta(x)?;
            }
            let t = s.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r'));
            if forma_de_maquina(t) {
                concordam(&r, &t.parse::<Valor>(), "JSON number vs FromStr")?;
            }
            Ok(r.is_ok())
        });
    }
    corrida.concluir();
}

/// `[0-9]+(\.[0-9]{1,2})?` with at most 15 significant digits and no leading zero (JSON).
fn forma_de_maquina(t: &str) -> bool {
    let (inteiro, decimais) = t.split_once('.').unwrap_or((t, ""));
    let digitos = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !inteiro.is_empty()
        && digitos(inteiro)
        && digitos(decimais)
        && (t.contains('.') != decimais.is_empty())
        && decimais.len() <= 2
        && (inteiro == "0" || !inteiro.starts_with('0'))
        && inteiro.trim_start_matches('0').len() + decimais.len() <= 15
}

#[test]
fn fuzz_valor_centavos() {
    let alvo = "Valor::from_centavos";
    let semente = fuzz::semente_do_alvo(fuzz::semente(), alvo);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(alvo, semente);
    for i in 0..iteracoes() {
        let centavos = match mutador.rng().u32(..4) {
            0 => mutador.rng().u64(..),
            1 => 999_999_999_999_999 - mutador.rng().u64(..1000) + 500,
            2 => mutador.rng().u64(..1000),
            _ => mutador.rng().u64(..10_000_000_000),
        };
        corrida.testar(i, &centavos.to_string(), || {
            let r = Valor::from_centavos(centavos);
            garantir(r.is_ok() == (centavos <= 999_999_999_999_999), || {
                format!("range of {centavos}")
            })?;
            if let Ok(x) = &r {
                garantir(x.centavos() == centavos, || format!("{x:?}"))?;
                ida_e_volta(x)?;
            }
            Ok(r.is_ok())
        });
    }
    corrida.concluir();
}

/// `Data`'s documented deserializer: a date, or a date-time whose date is kept.
fn data_servidor(s: &str) -> Result<Data, ErroDominio> {
    let t = s.trim();
    if t.len() > 10 && t.as_bytes().get(10) == Some(&b'T') {
        DataHora::parse(t).map(|dh| dh.data())
    } else {
        Data::parse(t)
    }
}

#[test]
fn fuzz_data() {
    campanha(&Alvo::<Data> {
        nome: "Data",
        sementes: DATAS,
        serde: data_servidor,
        aceita_numero: false,
        dv: 0,
        extra: |x| {
            garantir(
                Data::new(x.ano(), x.mes(), x.dia()).as_ref() == Ok(x),
                || format!("Data::new of the parts of {x:?}"),
            )
        },
    });
}

#[test]
fn fuzz_data_hora() {
    campanha(&Alvo::<DataHora> {
        nome: "DataHora",
        sementes: DATAS_HORAS,
        serde: DataHora::from_str,
        aceita_numero: false,
        dv: 0,
        extra: |x| {
            let d = x.data();
            let refeito =
                DataHora::new(d.ano(), d.mes(), d.dia(), x.hora(), x.minuto(), x.segundo());
            garantir(refeito.as_ref() == Ok(x), || {
                format!("DataHora::new of the parts of {x:?} gives {refeito:?}")
            })
        },
    });
}
