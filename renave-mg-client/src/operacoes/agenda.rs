//! Agenda Minas — scheduling the vistoria (Regulamento Técnico CET-MG §5.12–§5.15, §6.1.6 a–c;
//! `cetmg-api.md` §3.9–§3.12).
//!
//! ```no_run
//! use renave_mg_client::ClienteCetMg;
//! use renave_mg_client::operacoes::agenda::{Agendamento, ConsultaPeriodosAtendimento};
//! use renave_mg_client::operacoes::vistoria::CompradorChassi;
//! # async fn f(cliente: ClienteCetMg) -> Result<(), Box<dyn std::error::Error>> {
//! let alvo = CompradorChassi {
//!     cpf_cnpj_comprador: "52998224725".parse()?,
//!     chassi: "9BWZZZ377VT004251".parse()?,
//! };
//! let datas = cliente.retornar_datas_com_vagas(&alvo).await?;
//! let Some(&dia) = datas.dados.validos().first().and_then(|d| d.data.as_ref()).and_then(|d| d.valido()) else {
//!     return Ok(());
//! };
//! let periodos = cliente
//!     .retornar_periodos_atendimento(&ConsultaPeriodosAtendimento { data_agendada: dia, alvo: alvo.clone() })
//!     .await?;
//! if let Some(id) = periodos.dados.validos().first().and_then(|p| p.id.clone()) {
//!     cliente
//!         .gravar_agendamento(&Agendamento {
//!             cnpj_estabelecimento: "11222333000181".parse()?,
//!             data_agendada: dia,
//!             periodo_id: id,
//!             cpf_cnpj_comprador: alvo.cpf_cnpj_comprador.clone(),
//!             chassi: alvo.chassi.clone(),
//!         })
//!         .await?;
//! }
//! # Ok(()) }
//! ```

use renave_domain::CamposExtras;
use renave_domain::rotas;
use renave_domain::{Chassi, Cnpj, CpfCnpj, Data};
use renave_http::{Endpoint, Idempotency};
use schemars::JsonSchema;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::vistoria::CompradorChassi;
use super::{Identificador, Lista, Operacao, Recebido, RespostaRetorno, Retorno, rota};

/// `GET agenda-minas/consultar-agendamento/{cpf_cnpj_comprador}/{chassi}` — R §5.12. The
/// regulation misprints this path (erratum 2); this route is the SDK's assumption (I, decision
/// D1), overridable.
pub const CONSULTAR_AGENDAMENTO: Endpoint = Endpoint {
    name: "consultar_agendamento",
    route: rota(rotas::cetmg::CONSULTAR_AGENDAMENTO),
    idempotency: Idempotency::Idempotent,
};

/// `GET agenda-minas/retornar-datas-com-vagas-para-agendamento/{cpf_cnpj_comprador}/{chassi}` —
/// R §5.13, §6.1.6 b. Path V; method I.
pub const RETORNAR_DATAS_COM_VAGAS: Endpoint = Endpoint {
    name: "retornar_datas_com_vagas",
    route: rota(rotas::cetmg::RETORNAR_DATAS_COM_VAGAS),
    idempotency: Idempotency::Idempotent,
};

/// `GET agenda-minas/retornar-periodos-atendimento/{data_agendada}/{cpf_cnpj_comprador}/{chassi}`
/// — R §5.14, §6.1.6 b. Path V; method I; date format `YYYY-MM-DD` (I).
pub const RETORNAR_PERIODOS_ATENDIMENTO: Endpoint = Endpoint {
    name: "retornar_periodos_atendimento",
    route: rota(rotas::cetmg::RETORNAR_PERIODOS_ATENDIMENTO),
    idempotency: Idempotency::Idempotent,
};

/// `POST agenda-minas/gravar-agendamento` — R §5.15, §6.1.6 c. Path V; method I.
/// State-changing.
pub const GRAVAR_AGENDAMENTO: Endpoint = Endpoint {
    name: "gravar_agendamento",
    route: rota(rotas::cetmg::GRAVAR_AGENDAMENTO),
    idempotency: Idempotency::StateChanging,
};

impl Operacao for CompradorChassi {
    const ENDPOINT: Endpoint = RETORNAR_DATAS_COM_VAGAS;
    type Resposta = Lista<DataComVaga>;
    type Erro = crate::erro::Erro;
}

/// *Consultar agendamento* (R §5.12).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConsultaAgendamento(pub CompradorChassi);

impl Operacao for ConsultaAgendamento {
    const ENDPOINT: Endpoint = CONSULTAR_AGENDAMENTO;
    type Resposta = RespostaAgendamento;
    type Erro = crate::erro::Erro;
}

/// Answer of `consultar-agendamento` (R §5.12: not described, ?; names I).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct RespostaAgendamento {
    /// The envelope.
    #[serde(flatten)]
    pub retorno: Retorno,
    /// `data_agendada` — the scheduled date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_agendada: Option<Recebido<Data>>,
    /// `periodo_id` — the scheduled period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periodo_id: Option<Identificador>,
    /// `descricao_periodo` — the period in words (e.g. "08:00 - 09:00").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub descricao_periodo: Option<String>,
    /// Fields this SDK does not model, kept unchanged.
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(RespostaAgendamento {
    retorno,
    data_agendada,
    periodo_id,
    descricao_periodo,
    extras
});

/// A date with free slots (R §5.13). The answer may list bare date strings or objects; both
/// are read.
#[derive(Clone, Default, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct DataComVaga {
    /// `data` — the date (`YYYY-MM-DD`, I).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Recebido<Data>>,
    /// `vagas` — number of free slots, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vagas: Option<Recebido<u32>>,
    /// Fields this SDK does not model, kept unchanged.
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(DataComVaga {
    data,
    vagas,
    extras
});

impl<'de> Deserialize<'de> for DataComVaga {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Objeto {
            #[serde(default, alias = "data_agendamento", alias = "data_vaga")]
            data: Option<Recebido<Data>>,
            #[serde(default)]
            vagas: Option<Recebido<u32>>,
            #[serde(flatten)]
            extras: CamposExtras,
        }
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Self {
                data: Some(Recebido::de_texto(s)),
                ..Self::default()
            }),
            v @ Value::Object(_) => {
                let o: Objeto = serde_json::from_value(v).map_err(de::Error::custom)?;
                Ok(Self {
                    data: o.data,
                    vagas: o.vagas,
                    extras: o.extras,
                })
            }
            outro => Err(de::Error::custom(format!(
                "expected a date, found {}",
                super::tipo_json(&outro)
            ))),
        }
    }
}

/// *Retornar períodos de atendimento disponíveis numa data* (R §5.14).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConsultaPeriodosAtendimento {
    /// `{data_agendada}` — the chosen date, sent as `YYYY-MM-DD` (I).
    pub data_agendada: Data,
    /// `{cpf_cnpj_comprador}/{chassi}`.
    #[serde(flatten)]
    pub alvo: CompradorChassi,
}

impl Operacao for ConsultaPeriodosAtendimento {
    const ENDPOINT: Endpoint = RETORNAR_PERIODOS_ATENDIMENTO;
    type Resposta = Lista<PeriodoAtendimento>;
    type Erro = crate::erro::Erro;
}

/// An attendance period of a date (R §5.14): its **id** is what `gravar-agendamento` takes
/// (V-R(c); names I).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct PeriodoAtendimento {
    /// `id` — the period id (also read from `periodo_id`).
    #[serde(default, alias = "periodo_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<Identificador>,
    /// `descricao` — the period in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub descricao: Option<String>,
    /// `hora_inicio`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hora_inicio: Option<String>,
    /// `hora_fim`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hora_fim: Option<String>,
    /// `vagas` — free slots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vagas: Option<Recebido<u32>>,
    /// Fields this SDK does not model, kept unchanged.
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(PeriodoAtendimento {
    id,
    descricao,
    hora_inicio,
    hora_fim,
    vagas,
    extras
});

/// *Realizar o agendamento* (R §5.15, §6.1.6 c): concepts V-R(c), names I.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Agendamento {
    /// `cnpj_estabelecimento` — the requesting establishment.
    pub cnpj_estabelecimento: Cnpj,
    /// `data_agendada` — the chosen date.
    pub data_agendada: Data,
    /// `periodo_id` — the id of the chosen period (from `retornar-periodos-atendimento`).
    pub periodo_id: Identificador,
    /// `cpf_cnpj_comprador`.
    pub cpf_cnpj_comprador: CpfCnpj,
    /// `chassi`.
    pub chassi: Chassi,
}

impl Operacao for Agendamento {
    const ENDPOINT: Endpoint = GRAVAR_AGENDAMENTO;
    type Resposta = RespostaRetorno;
    type Erro = crate::erro::Erro;
}
