//! Parsing speed of the fixed-size identifiers (bare and masked input). Run with
//! `cargo bench -p renave-domain --bench identificadores`.
//!
//! Every parser here works on the input's bytes and an inline `[u8; N]`; none allocates.

#![allow(missing_docs)] // criterion_group!/criterion_main! generate undocumented items.

use std::hint::black_box;
use std::str::FromStr;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use renave_domain::{
    Cep, Chassi, Cnpj, CodigoMunicipio, CodigoMunicipioIbge, CodigoSegurancaCrv, Cpf, CpfCnpj,
    NumeroCrv, Placa, Renavam, Uf,
};

/// Benchmarks `entrada.parse::<T>()`.
fn medir<T: FromStr>(g: &mut BenchmarkGroup<'_, WallTime>, nome: &str, entrada: &str) {
    g.bench_function(nome, |b| {
        b.iter(|| black_box(entrada).parse::<T>().is_ok());
    });
}

fn parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    medir::<Cpf>(&mut g, "Cpf bare", "52998224725");
    medir::<Cpf>(&mut g, "Cpf masked", "529.982.247-25");
    medir::<Cpf>(&mut g, "Cpf rejected (check digit)", "52998224724");
    medir::<Cnpj>(&mut g, "Cnpj numeric", "11222333000181");
    medir::<Cnpj>(&mut g, "Cnpj alphanumeric masked", "12.ABC.345/01DE-35");
    medir::<CpfCnpj>(&mut g, "CpfCnpj", "11.222.333/0001-81");
    medir::<Placa>(&mut g, "Placa Mercosul", "BRA2E19");
    medir::<Placa>(&mut g, "Placa antiga masked", "ABC-1234");
    medir::<Renavam>(&mut g, "Renavam", "79072338363");
    medir::<Chassi>(&mut g, "Chassi VIN", "9BGKL48U0JB118848");
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

criterion_group!(benches, parse);
criterion_main!(benches);
