//! The tabelas auxiliares (R §5.20–§5.27): `{"dados": [{"codigo", "descricao"}]}`.

use serde_json::{Value, json};

use crate::cetmg::dados;
use crate::cetmg::http::{Falha, Resultado, objeto};

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
