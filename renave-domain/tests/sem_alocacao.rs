//! Issue 3: "Fixed-size identifiers store their canonical ASCII inline (`[u8; N]`) and are `Copy`:
//! parsing and validating allocate nothing." Proven with a counting global allocator around
//! each parse (bare and masked, valid and rejected).
//!
//! Runs as a plain `main` (`harness = false` in Cargo.toml), so no test-harness thread allocates
//! while a region is measured.

#![allow(clippy::unwrap_used)] // Test: a failed unwrap is a failed test.

use std::alloc::System;
use std::hint::black_box;

use renave_domain::{
    Cep, Chassi, ChaveNfe, Cnpj, CodigoMunicipio, CodigoMunicipioIbge, CodigoSegurancaCrv, Cpf,
    CpfCnpj, Data, DataHora, ErroDominio, LinhaDigitavel, NumeroCrv, Placa, Renavam, Uf, Valor,
};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Heap allocations made while running `f`.
fn alocacoes<R>(f: impl FnOnce() -> R) -> usize {
    let regiao = Region::new(GLOBAL);
    let r = f();
    let mudanca = regiao.change();
    drop(black_box(r));
    mudanca.allocations + mudanca.reallocations
}

/// Asserts that parsing `entrada` as `T` allocates nothing, and that it gives `esperado`
/// (`true` = accepted).
fn sem_alocar<T: std::str::FromStr<Err = ErroDominio> + Copy>(
    nome: &str,
    entrada: &str,
    esperado: bool,
    falhas: &mut Vec<String>,
) {
    let mut aceito = false;
    let n = alocacoes(|| {
        let r = black_box(entrada).parse::<T>();
        aceito = r.is_ok();
        black_box(r).is_ok()
    });
    if aceito != esperado {
        falhas.push(format!("{nome} {entrada:?}: accepted = {aceito}"));
    }
    if n != 0 {
        falhas.push(format!("{nome} {entrada:?}: {n} allocation(s)"));
    }
}

fn main() {
    // The counter works: this allocation is seen (so the checks below can fail).
    let controle = alocacoes(|| black_box(String::from("52998224725")));
    assert!(controle >= 1, "the counting allocator counted nothing");

    let mut falhas = Vec::new();
    let f = &mut falhas;
    sem_alocar::<Cpf>("Cpf", "52998224725", true, f);
    sem_alocar::<Cpf>("Cpf", " 529.982.247-25 ", true, f);
    sem_alocar::<Cpf>("Cpf", "52998224724", false, f);
    sem_alocar::<Cpf>("Cpf", "5299822472\u{ff15}", false, f);
    sem_alocar::<Cnpj>("Cnpj", "12.abc.345/01de-35", true, f);
    sem_alocar::<Cnpj>("Cnpj", "12ABC34501D:35", false, f);
    sem_alocar::<CpfCnpj>("CpfCnpj", "11.222.333/0001-81", true, f);
    sem_alocar::<CpfCnpj>("CpfCnpj", "529.982.247-25", true, f);
    sem_alocar::<Placa>("Placa", "abc-1234", true, f);
    sem_alocar::<Placa>("Placa", "BRA2E19", true, f);
    sem_alocar::<Placa>("Placa", "ABC1-234", false, f);
    sem_alocar::<Renavam>("Renavam", "123456789", true, f);
    sem_alocar::<Renavam>("Renavam", "79072338362", false, f);
    sem_alocar::<Chassi>("Chassi", "9bgkl48u0jb118848", true, f);
    sem_alocar::<Chassi>("Chassi", "9BGKL48U0JB1I8848", false, f);
    sem_alocar::<Cep>("Cep", "01310-100", true, f);
    sem_alocar::<Cep>("Cep", "00000000", false, f);
    sem_alocar::<Uf>("Uf", " mg ", true, f);
    sem_alocar::<CodigoMunicipioIbge>("CodigoMunicipioIbge", "4305871", true, f);
    sem_alocar::<CodigoMunicipioIbge>("CodigoMunicipioIbge", "3550309", false, f);
    sem_alocar::<CodigoMunicipio>("CodigoMunicipio", "50", true, f);
    sem_alocar::<NumeroCrv>("NumeroCrv", "012345678901", true, f);
    sem_alocar::<CodigoSegurancaCrv>("CodigoSegurancaCrv", "01234567890", true, f);
    sem_alocar::<ChaveNfe>(
        "ChaveNfe",
        "35260812ABC34501DE35550010000000011000000018",
        true,
        f,
    );
    sem_alocar::<ChaveNfe>(
        "ChaveNfe",
        "3526 0812 ABC3 4501 DE35 5500 1000 0000 0110 0000 0018",
        true,
        f,
    );
    sem_alocar::<ChaveNfe>(
        "ChaveNfe",
        "33150308370779000149550010001100931002410774",
        false,
        f,
    );
    sem_alocar::<LinhaDigitavel>(
        "LinhaDigitavel",
        "836400000011331201380002812884627116080136181551",
        true,
        f,
    );
    sem_alocar::<LinhaDigitavel>(
        "LinhaDigitavel",
        "83640000001-1 33120138000-2 81288462711-6 08013618155-1",
        true,
        f,
    );
    sem_alocar::<Valor>("Valor", "R$ 1.234,56", true, f);
    sem_alocar::<Valor>("Valor", "1234.56", true, f);
    sem_alocar::<Data>("Data", "2024-02-29", true, f);
    sem_alocar::<DataHora>("DataHora", "2018-08-09T09:46:52.123", true, f);

    // `Chassi::legado` too, and the accessors used to build requests.
    let c = Chassi::legado(" bj1o3456 ").unwrap();
    let n = alocacoes(|| black_box(Chassi::legado(black_box(" bj1o3456 "))).is_ok());
    if n != 0 {
        falhas.push(format!("Chassi::legado: {n} allocation(s)"));
    }
    let cpf: Cpf = "52998224725".parse().unwrap();
    let n = alocacoes(|| black_box(cpf.as_str().len() + c.as_str().len()));
    if n != 0 {
        falhas.push(format!("as_str: {n} allocation(s)"));
    }

    // Issue 16: a base64 document (here 1 MiB in MIME lines of 76 + CRLF, as Renave-WS may send
    // a PDF) is decoded straight into its one output buffer: one allocation, about the size of
    // the decoded bytes — no filtered copy of the text first.
    let pdf: Vec<u8> = b"%PDF-1.4 "
        .iter()
        .copied()
        .chain((0..=255_u8).cycle())
        .take(1 << 20)
        .collect();
    let texto = renave_domain::documento::codificar_base64(&pdf);
    let mime = texto
        .as_bytes()
        .chunks(76)
        .map(|l| std::str::from_utf8(l).unwrap())
        .collect::<Vec<_>>()
        .join("\r\n");
    let regiao = Region::new(GLOBAL);
    let decodificado = renave_domain::documento::decodificar_pdf_base64(black_box(&mime));
    let mudanca = regiao.change();
    assert_eq!(decodificado.as_deref().ok(), Some(pdf.as_slice()));
    drop(decodificado);
    let n = mudanca.allocations + mudanca.reallocations;
    if n != 1 || mudanca.bytes_allocated > pdf.len() / 20 * 21 {
        falhas.push(format!(
            "decodificar_pdf_base64 of 1 MiB: {n} allocation(s), {} bytes (want 1, <= 1.05x)",
            mudanca.bytes_allocated
        ));
    }

    assert!(
        falhas.is_empty(),
        "parsing allocated or misjudged:\n{}",
        falhas.join("\n")
    );
    println!("sem_alocacao: every parse ran without a heap allocation");
}
