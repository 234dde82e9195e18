//! Serde and JSON Schema tests of helper A's identifiers: serialise as the canonical string,
//! deserialise validating (masks accepted, invalid values refused), schemas carry a pattern.

#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

use renave_domain::{
    Cep, Chassi, Cnpj, CodigoMunicipio, CodigoMunicipioIbge, CodigoSegurancaCrv, Cpf, CpfCnpj,
    NumeroCrv, Placa, Renavam, Uf,
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// `entrada` deserialises to a value that serialises as `canonico`, and back.
fn serde_ok<T>(entrada: &str, canonico: &str)
where
    T: DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let v: T = serde_json::from_value(json!(entrada)).unwrap_or_else(|e| panic!("{entrada}: {e}"));
    assert_eq!(serde_json::to_value(&v).unwrap(), json!(canonico));
    let de_novo: T = serde_json::from_value(json!(canonico)).unwrap();
    assert_eq!(de_novo, v);
}

fn serde_erro<T: DeserializeOwned + std::fmt::Debug>(entrada: Value) {
    let texto = entrada.to_string();
    let r = serde_json::from_value::<T>(entrada);
    assert!(r.is_err(), "{texto} should be refused, got {r:?}");
}

#[test]
fn serde_ida_e_volta() {
    serde_ok::<Cpf>("529.982.247-25", "52998224725");
    serde_ok::<Cnpj>("12.abc.345/01de-35", "12ABC34501DE35");
    serde_ok::<CpfCnpj>("529.982.247-25", "52998224725");
    serde_ok::<CpfCnpj>("11.222.333/0001-81", "11222333000181");
    serde_ok::<Placa>("abc-1234", "ABC1234");
    serde_ok::<Placa>("BRA2E19", "BRA2E19");
    serde_ok::<Renavam>("123456789", "00123456789");
    serde_ok::<Chassi>("9bgkl48u0jb118848", "9BGKL48U0JB118848");
    serde_ok::<Cep>("01310-100", "01310100");
    serde_ok::<Uf>("mg", "MG");
    serde_ok::<CodigoMunicipioIbge>("3106200", "3106200");
    serde_ok::<CodigoMunicipio>("2381", "2381");
    serde_ok::<NumeroCrv>("012345678901", "012345678901");
    serde_ok::<CodigoSegurancaCrv>("01234567890", "01234567890");
}

#[test]
fn chassi_deserializa_legado() {
    // The server is the authority on existing records: legacy chassis deserialise.
    serde_ok::<Chassi>("BJ1O3456", "BJ1O3456");
    serde_erro::<Chassi>(json!("AB-123"));
    serde_erro::<Chassi>(json!("A".repeat(22)));
    serde_erro::<Chassi>(json!(""));
}

#[test]
fn serde_recusa_invalidos() {
    serde_erro::<Cpf>(json!("52998224724"));
    serde_erro::<Cpf>(json!("111.111.111-11"));
    serde_erro::<Cpf>(json!(52_998_224_725_u64));
    serde_erro::<Cnpj>(json!("12ABC34501DE36"));
    serde_erro::<CpfCnpj>(json!("123"));
    serde_erro::<Placa>(json!("ABC-1C34"));
    serde_erro::<Renavam>(json!("00000000000"));
    serde_erro::<Cep>(json!("00000-000"));
    serde_erro::<Uf>(json!("XX"));
    serde_erro::<CodigoMunicipioIbge>(json!("3550309"));
    serde_erro::<CodigoMunicipio>(json!("0000"));
    serde_erro::<NumeroCrv>(json!("1"));
    serde_erro::<CodigoSegurancaCrv>(json!(null));
    let e = serde_json::from_value::<Cpf>(json!("52998224724")).unwrap_err();
    assert!(e.to_string().contains("invalid CPF"), "{e}");
    assert!(!e.to_string().contains("52998224724"), "{e}");
}

#[test]
fn codigo_municipio_como_numero() {
    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Endereco {
        #[serde(with = "renave_domain::codigo_municipio_numero")]
        codigo: CodigoMunicipio,
    }
    let e: Endereco = serde_json::from_value(json!({"codigo": 50})).unwrap();
    assert_eq!(e.codigo.as_str(), "0050");
    assert_eq!(serde_json::to_value(&e).unwrap(), json!({"codigo": 50}));
    let e2: Endereco = serde_json::from_value(json!({"codigo": "0050"})).unwrap();
    assert_eq!(e2, e);
    serde_erro::<Endereco>(json!({"codigo": 0}));
    serde_erro::<Endereco>(json!({"codigo": 10000}));
    serde_erro::<Endereco>(json!({"codigo": -1}));
    serde_erro::<Endereco>(json!({"codigo": 1.5}));
    serde_erro::<Endereco>(json!({"codigo": "12345"}));
}

fn padrao<T: schemars::JsonSchema>() -> String {
    let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
    assert_eq!(schema["type"], "string", "{schema}");
    assert!(
        schema["description"]
            .as_str()
            .is_some_and(|d| !d.is_empty())
    );
    schema["pattern"]
        .as_str()
        .unwrap_or_else(|| panic!("no pattern: {schema}"))
        .to_owned()
}

#[test]
fn json_schema_tem_pattern() {
    assert_eq!(
        padrao::<Cpf>(),
        r"^([0-9]{11}|[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2})$"
    );
    assert!(padrao::<Cnpj>().starts_with(r"^([0-9A-Z]{12}[0-9]{2}|"));
    assert!(padrao::<CpfCnpj>().contains("[0-9]{11}"));
    assert!(padrao::<Placa>().contains("[A-Z]{3}[0-9][A-Z0-9][0-9]{2}"));
    assert_eq!(padrao::<Renavam>(), "^[0-9]{9,11}$");
    assert_eq!(padrao::<Chassi>(), "^[A-Z0-9]{1,21}$");
    assert!(padrao::<Cep>().contains("[1-9][0-9]{7}"));
    assert!(padrao::<Uf>().contains("|MG|"));
    assert!(padrao::<CodigoMunicipioIbge>().ends_with("[0-9]{5}$"));
    assert_eq!(padrao::<CodigoMunicipio>(), "^[0-9]{1,4}$");
    assert_eq!(padrao::<NumeroCrv>(), "^[0-9]{12}$");
    assert_eq!(padrao::<CodigoSegurancaCrv>(), "^[0-9]{11}$");
}
