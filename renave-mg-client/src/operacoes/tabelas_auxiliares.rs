//! Tabelas auxiliares — the code tables the other requests refer to (Regulamento Técnico CET-MG
//! §5.20–§5.27; `cetmg-api.md` §3.20). All eight are `GET` without parameters (I); their item
//! fields are not published (?), so each item keeps every field and offers
//! [`ItemTabelaAuxiliar::codigo`] / [`ItemTabelaAuxiliar::descricao`] that look for the usual
//! names.
//!
//! ```no_run
//! # use renave_mg_client::ClienteCetMg;
//! # async fn f(cliente: ClienteCetMg) -> Result<(), renave_mg_client::Erro> {
//! let municipios = cliente.consultar_municipios_mg().await?;
//! for m in &municipios.dados {
//!     println!("{:?} {:?}", m.codigo(), m.descricao());
//! }
//! # Ok(()) }
//! ```

use renave_domain::rotas;
use renave_http::{Endpoint, Idempotency};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Identificador, Lista, Operacao};

macro_rules! tabela_auxiliar {
    ($($(#[$doc:meta])* $const:ident($tipo:ident) = $nome:literal;)*) => {$(
        $(#[$doc])*
        pub const $const: Endpoint = Endpoint {
            name: $nome,
            route: super::rota(rotas::cetmg::$const),
            idempotency: Idempotency::Idempotent,
        };

        /// The request (no parameters) of the table of the same name.
        #[derive(Debug, Clone, Copy, Default, Serialize, JsonSchema)]
        pub(crate) struct $tipo;

        impl Operacao for $tipo {
            const ENDPOINT: Endpoint = $const;
            type Resposta = RespostaTabelaAuxiliar;
            type Erro = crate::erro::Erro;
        }
    )*};
}

tabela_auxiliar! {
    /// `GET tabelas-auxiliares/consultar-carrocerias` — R §5.20 (código de carroceria). Path V.
    CONSULTAR_CARROCERIAS(ConsultaCarrocerias) = "consultar_carrocerias";
    /// `GET tabelas-auxiliares/consultar-categorias` — R §5.21 (categoria). Path V.
    CONSULTAR_CATEGORIAS(ConsultaCategorias) = "consultar_categorias";
    /// `GET tabelas-auxiliares/consultar-combustiveis` — R §5.22 (combustível). Path V.
    CONSULTAR_COMBUSTIVEIS(ConsultaCombustiveis) = "consultar_combustiveis";
    /// `GET tabelas-auxiliares/consultar-cores` — R §5.23 (código da cor). Path V.
    CONSULTAR_CORES(ConsultaCores) = "consultar_cores";
    /// `GET tabelas-auxiliares/consultar-especies` — R §5.24 (espécie). Path V.
    CONSULTAR_ESPECIES(ConsultaEspecies) = "consultar_especies";
    /// `GET tabelas-auxiliares/consultar-marcas-modelos` — R §5.25 (marca/modelo; a large table,
    /// pagination unknown ?). Path V.
    CONSULTAR_MARCAS_MODELOS(ConsultaMarcasModelos) = "consultar_marcas_modelos";
    /// `GET tabelas-auxiliares/consultar-municipios-minas-gerais` — R §5.26 (município de
    /// emplacamento, `municipio_id`). Path V.
    CONSULTAR_MUNICIPIOS_MG(ConsultaMunicipiosMg) = "consultar_municipios_mg";
    /// `GET tabelas-auxiliares/consultar-tipos` — R §5.27 (tipo de veículo). Path V.
    CONSULTAR_TIPOS_VEICULO(ConsultaTiposVeiculo) = "consultar_tipos_veiculo";
}

/// Answer of a tabela auxiliar: a list of items, however wrapped (see [`Lista`]).
pub type RespostaTabelaAuxiliar = Lista<ItemTabelaAuxiliar>;

/// One code/description pair of a tabela auxiliar (I: field names not published).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ItemTabelaAuxiliar {
    /// Every field of the item, unchanged.
    #[serde(flatten)]
    pub campos: Map<String, Value>,
}
renave_domain::debug_sem_cpf!(ItemTabelaAuxiliar { campos });

impl ItemTabelaAuxiliar {
    /// The item's code: field `codigo`, else `id`, else the first field whose name starts with
    /// `codigo`/`cod_`/`id_` or ends with `_id`.
    pub fn codigo(&self) -> Option<Identificador> {
        let por_nome = ["codigo", "id", "cod"]
            .iter()
            .find_map(|k| self.campos.get(*k));
        let valor = por_nome.or_else(|| {
            self.campos.iter().find_map(|(k, v)| {
                (k.starts_with("codigo")
                    || k.starts_with("cod_")
                    || k.starts_with("id_")
                    || k.ends_with("_id"))
                .then_some(v)
            })
        })?;
        match valor {
            Value::String(s) => Some(Identificador::Texto(s.clone())),
            Value::Number(n) => Some(n.as_u64().map_or_else(
                || Identificador::Texto(n.to_string()),
                Identificador::Numero,
            )),
            _ => None,
        }
    }

    /// The item's description: field `descricao`, else `nome`, else the first field whose name
    /// starts with `descricao`/`nome`.
    pub fn descricao(&self) -> Option<&str> {
        ["descricao", "nome", "description"]
            .iter()
            .find_map(|k| self.campos.get(*k).and_then(Value::as_str))
            .or_else(|| {
                self.campos.iter().find_map(|(k, v)| {
                    (k.starts_with("descricao") || k.starts_with("nome"))
                        .then(|| v.as_str())
                        .flatten()
                })
            })
    }
}

#[cfg(test)]
mod testes {
    use super::*;
    use serde_json::json;

    #[test]
    fn codigo_e_descricao_por_nomes_usuais() {
        let item: ItemTabelaAuxiliar =
            serde_json::from_value(json!({"codigo_cor": 4, "descricao_cor": "BRANCA"}))
                .expect("item");
        assert_eq!(item.codigo(), Some(Identificador::Numero(4)));
        assert_eq!(item.descricao(), Some("BRANCA"));
        let item: ItemTabelaAuxiliar =
            serde_json::from_value(json!({"id": "A", "nome": "X"})).expect("item");
        assert_eq!(item.codigo(), Some(Identificador::Texto("A".into())));
        assert_eq!(item.descricao(), Some("X"));
    }
}
