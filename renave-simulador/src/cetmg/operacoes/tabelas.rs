//! The tabelas auxiliares (R §5.20–§5.27): `{"dados": [{"codigo", "descricao"}]}`, and the
//! check every request carrying one of their codes goes through ([`conferir_codigo`]).

use serde_json::{Value, json};

use crate::cetmg::dados;
use crate::cetmg::http::{Corpo, Falha, Resultado, objeto};

/// The table-coded fields of a solicitação de transferência (R §6.1.3) and the table each code
/// comes from. `codigo_carroceria` is optional; the município de emplacamento is checked on its
/// own (business code `203`).
pub(super) const CAMPOS_TABELADOS_SOLICITACAO: [(&str, &str); 6] = [
    ("codigo_cor", "consultar-cores"),
    ("codigo_tipo", "consultar-tipos"),
    ("codigo_especie", "consultar-especies"),
    ("codigo_combustivel", "consultar-combustiveis"),
    ("codigo_marca_modelo", "consultar-marcas-modelos"),
    ("categoria", "consultar-categorias"),
];

/// Refuses (HTTP 400, `codigo_retorno` `"400"`, as any invalid input) a `valor` of field
/// `campo` that is not a code of the auxiliary table `tabela` the simulator serves. Codes are
/// compared as the text the table holds: `"1"` (or the JSON number `1`) is not the row `"01"`.
pub(super) fn conferir_codigo(campo: &str, valor: &str, tabela: &str) -> Result<(), Falha> {
    let conhecido = dados::tabela(tabela)
        .is_some_and(|linhas| linhas.iter().any(|(codigo, _)| codigo == valor));
    if conhecido {
        Ok(())
    } else {
        let mostrado: String = valor.chars().take(20).collect();
        Err(Falha::entrada(format!(
            "campo `{campo}` inválido: o código \"{mostrado}\" não consta da tabela auxiliar \
             `{tabela}` (tabelas-auxiliares/{tabela})"
        )))
    }
}

/// [`conferir_codigo`] over an optional field of `c`: absent, null or blank passes.
pub(super) fn conferir_codigo_opcional(c: &Corpo, campo: &str, tabela: &str) -> Result<(), Falha> {
    c.bruto(campo)
        .map_or(Ok(()), |valor| conferir_codigo(campo, &valor, tabela))
}

pub(super) fn tabela_auxiliar(nome: &str) -> Resultado {
    let linhas = dados::tabela(nome)
        .ok_or_else(|| Falha::nao_encontrado("tabela auxiliar não encontrada"))?;
    let itens: Vec<Value> = if nome == "consultar-municipios-minas-gerais" {
        dados::MUNICIPIOS
            .iter()
            .map(|(c, i, n)| json!({"codigo": c, "descricao": n, "codigo_ibge": i, "uf": "MG"}))
            .collect()
    } else {
        linhas
            .into_iter()
            .map(|(c, d)| json!({"codigo": c, "descricao": d}))
            .collect()
    };
    Ok(objeto(json!({"dados": itens})))
}
