//! The dialect the simulators answer in (*dialeto*, issue 12, decision D11): the SDK's default
//! contract ([`Dialeto::Padrao`]), or a server that spells its answers differently
//! ([`Dialeto::Divergente`]), to show that the SDK fails closed on an answer it does not
//! recognise and that a contract file brings it back.
//!
//! The divergent dialect is a transformation of the JSON the simulator already produces, one
//! function per API, applied to every JSON answer of the operations (not to the CET-MG token
//! of `gerar-token`, which keeps OAuth's names, nor to the WSO2 gateway's own error bodies).
//!
//! **CET-MG** ([`cetmg`]):
//!
//! | default contract | divergent dialect |
//! |---|---|
//! | every `snake_case` name, at any depth | its camelCase form ([`camel`]): `codigo_retorno` → `codigoRetorno`, `mensagem_retorno` → `mensagemRetorno`, `id_estoque` → `idEstoque`… |
//! | numbers of [`NUMEROS_COMO_TEXTO_CETMG`] | the same number as a JSON string (`3` → `"3"`) |
//! | — | one unknown field, [`CAMPO_DESCONHECIDO_CETMG`], an offset date-time (`2025-01-02T10:00:00-03:00`) |
//!
//! **Renave-WS** ([`renave_ws`]):
//!
//! | default contract | divergent dialect |
//! |---|---|
//! | the names of [`RENOMEADOS_RENAVE_WS`] (fields of `Estoque` and of the aptidão answer, E2), at any depth | the other spelling of the table |
//! | numbers of [`NUMEROS_COMO_TEXTO_RENAVE_WS`] | the same number as a JSON string |
//! | `dataHoraMedicaoHodometro` (Brasília local, no offset) | the same instant with the offset `-03:00` |
//! | — | one unknown field, [`CAMPO_DESCONHECIDO_RENAVE_WS`], at the top level of an object answer |
//!
//! Every rename is one a normalised comparison (case, `_` against camelCase, accents) maps back
//! to the default name, which is what the `conformidade` probe proposes.

use serde_json::{Map, Value};

/// The names the simulators write their answers with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Dialeto {
    /// The SDK's default contract (the API digests `cetmg-api.md`, `renave-ws.md`).
    #[default]
    Padrao,
    /// Other names than the default contract (the tables of the [module](self)).
    Divergente,
}

/// CET-MG fields whose numbers the divergent dialect writes as strings (before the camelCase
/// rename).
pub const NUMEROS_COMO_TEXTO_CETMG: [&str; 3] =
    ["total_autuacoes", "multas_exigiveis", "multas_totais"];

/// The unknown top-level field every CET-MG object answer carries in the divergent dialect.
pub const CAMPO_DESCONHECIDO_CETMG: &str = "dataHoraResposta";

/// Renave-WS names the divergent dialect spells differently: (default, divergent).
pub const RENOMEADOS_RENAVE_WS: [(&str, &str); 6] = [
    // Estoque
    ("estado", "Estado"),
    ("chassi", "CHASSI"),
    ("numeroCrv", "numero_crv"),
    // AptidaoVeiculoEstoque (E2)
    ("diagnostico", "diagnóstico"),
    (
        "comunicacaoComDetranFalhou",
        "comunicacao_com_detran_falhou",
    ),
    // DiagnosticoAptidao
    ("veiculoApto", "veiculo_apto"),
];

/// Renave-WS fields whose numbers the divergent dialect writes as strings.
pub const NUMEROS_COMO_TEXTO_RENAVE_WS: [&str; 1] = ["quilometragemHodometro"];

/// The unknown top-level field every Renave-WS object answer carries in the divergent dialect.
pub const CAMPO_DESCONHECIDO_RENAVE_WS: &str = "versaoLeiaute";

/// A `snake_case` name in camelCase (`codigo_retorno` → `codigoRetorno`); a name without `_`
/// is unchanged.
pub fn camel(nome: &str) -> String {
    let mut saida = String::with_capacity(nome.len());
    let mut maiuscula = false;
    for c in nome.chars() {
        if c == '_' {
            maiuscula = !saida.is_empty();
        } else if maiuscula {
            saida.extend(c.to_uppercase());
            maiuscula = false;
        } else {
            saida.push(c);
        }
    }
    saida
}

fn numero_como_texto(v: &mut Value) {
    if let Value::Number(n) = v {
        *v = Value::String(n.to_string());
    }
}

/// The CET-MG answer `corpo` in the divergent dialect (the first table of the
/// [module](self)).
pub fn cetmg(corpo: &mut Value) {
    fn percorrer(v: &mut Value) {
        match v {
            Value::Object(obj) => {
                let antigo = std::mem::take(obj);
                for (k, mut valor) in antigo {
                    if NUMEROS_COMO_TEXTO_CETMG.contains(&k.as_str()) {
                        numero_como_texto(&mut valor);
                    }
                    percorrer(&mut valor);
                    obj.insert(camel(&k), valor);
                }
            }
            Value::Array(itens) => itens.iter_mut().for_each(percorrer),
            _ => {}
        }
    }
    percorrer(corpo);
    if let Value::Object(obj) = corpo {
        obj.insert(
            CAMPO_DESCONHECIDO_CETMG.into(),
            Value::String("2025-01-02T10:00:00-03:00".into()),
        );
    }
}

/// The Renave-WS answer `corpo` in the divergent dialect (the second table of the
/// [module](self)).
pub fn renave_ws(corpo: &mut Value) {
    fn percorrer(v: &mut Value) {
        match v {
            Value::Object(obj) => {
                let antigo = std::mem::take(obj);
                let mut novo = Map::new();
                for (k, mut valor) in antigo {
                    if NUMEROS_COMO_TEXTO_RENAVE_WS.contains(&k.as_str()) {
                        numero_como_texto(&mut valor);
                    }
                    if k == "dataHoraMedicaoHodometro" {
                        if let Value::String(s) = &mut valor {
                            if s.len() == 19 {
                                s.push_str("-03:00");
                            }
                        }
                    }
                    percorrer(&mut valor);
                    let nome = RENOMEADOS_RENAVE_WS
                        .iter()
                        .find(|(padrao, _)| *padrao == k)
                        .map_or(k, |(_, divergente)| (*divergente).to_owned());
                    novo.insert(nome, valor);
                }
                *obj = novo;
            }
            Value::Array(itens) => itens.iter_mut().for_each(percorrer),
            _ => {}
        }
    }
    percorrer(corpo);
    if let Value::Object(obj) = corpo {
        obj.insert(
            CAMPO_DESCONHECIDO_RENAVE_WS.into(),
            Value::String("2.0".into()),
        );
    }
}

#[cfg(test)]
mod testes {
    use super::*;
    use serde_json::json;

    #[test]
    fn camel_case() {
        assert_eq!(camel("codigo_retorno"), "codigoRetorno");
        assert_eq!(camel("placa"), "placa");
        assert_eq!(camel("_x_y"), "xY");
    }

    #[test]
    fn cetmg_renomeia_tudo() {
        let mut v = json!({"codigo_retorno": "000", "mensagem_retorno": "ok",
            "multas_totais": 3, "lista": [{"id_estoque": 1}]});
        cetmg(&mut v);
        assert_eq!(
            v,
            json!({"codigoRetorno": "000", "mensagemRetorno": "ok", "multasTotais": "3",
                "lista": [{"idEstoque": 1}], "dataHoraResposta": "2025-01-02T10:00:00-03:00"})
        );
    }

    #[test]
    fn renave_ws_renomeia_a_tabela() {
        let mut v = json!({"diagnostico": {"veiculoApto": true}, "comunicacaoComDetranFalhou": false,
            "itens": [{"estado": "CONFIRMADO", "chassi": "X", "numeroCrv": "1", "id": 7,
                "quilometragemHodometro": 10, "dataHoraMedicaoHodometro": "2025-01-02T10:00:00"}]});
        renave_ws(&mut v);
        assert_eq!(
            v,
            json!({"diagnóstico": {"veiculo_apto": true}, "comunicacao_com_detran_falhou": false,
                "itens": [{"Estado": "CONFIRMADO", "CHASSI": "X", "numero_crv": "1", "id": 7,
                    "quilometragemHodometro": "10",
                    "dataHoraMedicaoHodometro": "2025-01-02T10:00:00-03:00"}],
                "versaoLeiaute": "2.0"})
        );
    }
}
