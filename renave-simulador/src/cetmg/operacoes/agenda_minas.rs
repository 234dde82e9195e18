//! Agenda Minas (R §5.12–§5.15): dates with places (next 14 days, weekdays), periods and the
//! booking, only with an active distribution.

use renave_domain::{Chassi, Cnpj, CpfCnpj, Data};
use serde_json::{Value, json};

use crate::cetmg::dados;
use crate::cetmg::estado::{Agendamento, Estado};
use crate::cetmg::http::{Corpo, Falha, Resultado, objeto, parametro};

/// The booking periods of a day (Agenda Minas, R §5.14): id, start, end.
const PERIODOS: [(u64, &str, &str); 4] = [
    (1, "08:00", "10:00"),
    (2, "10:00", "12:00"),
    (3, "13:00", "15:00"),
    (4, "15:00", "17:00"),
];
/// Places per period and day.
const VAGAS_POR_PERIODO: u32 = 3;
/// How many calendar days ahead Agenda Minas offers dates.
const DIAS_AGENDA: i64 = 14;

impl Estado {
    fn datas_com_vagas(&self) -> Vec<(Data, u32)> {
        let hoje = Data::hoje_brasilia();
        (1..=DIAS_AGENDA)
            .map(|n| dados::dias_depois(hoje, n))
            .filter(|d| {
                !matches!(
                    d.as_jiff().weekday(),
                    jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
                )
            })
            .map(|d| {
                let livres: u32 = PERIODOS
                    .iter()
                    .map(|(p, _, _)| VAGAS_POR_PERIODO.saturating_sub(self.ocupadas(d, *p)))
                    .sum();
                (d, livres)
            })
            .filter(|(_, livres)| *livres > 0)
            .collect()
    }

    fn ocupadas(&self, data: Data, periodo: u64) -> u32 {
        self.vagas_ocupadas
            .get(&(data, periodo))
            .copied()
            .unwrap_or(0)
    }

    pub(super) fn retornar_datas(&self, comprador: &str, chassi: &str) -> Resultado {
        let comprador: CpfCnpj = parametro("cpf_cnpj_comprador", comprador)?;
        let chassi: Chassi = parametro("chassi", chassi)?;
        self.veiculo(&chassi)?;
        self.distribuicao_ativa(&comprador, &chassi)?;
        let datas: Vec<Value> = self
            .datas_com_vagas()
            .into_iter()
            .map(|(d, livres)| json!({"data": d.to_string(), "vagas": livres}))
            .collect();
        Ok(objeto(json!({"dados": datas})))
    }

    pub(super) fn retornar_periodos(&self, data: &str, comprador: &str, chassi: &str) -> Resultado {
        let data: Data = parametro("data_agendada", data)?;
        let comprador: CpfCnpj = parametro("cpf_cnpj_comprador", comprador)?;
        let chassi: Chassi = parametro("chassi", chassi)?;
        self.veiculo(&chassi)?;
        self.distribuicao_ativa(&comprador, &chassi)?;
        if !self.datas_com_vagas().iter().any(|(d, _)| *d == data) {
            return Err(Falha::negocio("302", "data sem vagas para agendamento"));
        }
        let periodos: Vec<Value> = PERIODOS
            .iter()
            .filter_map(|(id, inicio, fim)| {
                let livres = VAGAS_POR_PERIODO.saturating_sub(self.ocupadas(data, *id));
                (livres > 0).then(|| {
                    // `id`, the name the SDK's default contract models for a period of the
                    // list (`dados[].id`): the standard dialect is that contract, so that the
                    // divergent one (`id` unchanged) is mapped by a contract too.
                    json!({
                        "id": id,
                        "descricao": format!("{inicio} às {fim}"),
                        "hora_inicio": inicio,
                        "hora_fim": fim,
                        "vagas": livres,
                    })
                })
            })
            .collect();
        Ok(objeto(json!({"dados": periodos})))
    }

    pub(super) fn gravar_agendamento(&mut self, c: &Corpo) -> Resultado {
        let estabelecimento: Cnpj = c.tipado("cnpj_estabelecimento")?;
        let data: Data = c.tipado("data_agendada")?;
        let periodo = c.texto("periodo_id")?;
        let comprador: CpfCnpj = c.tipado("cpf_cnpj_comprador")?;
        let chassi: Chassi = c.tipado("chassi")?;
        self.veiculo(&chassi)?;
        let (s, d) = self.distribuicao_ativa(&comprador, &chassi)?;
        if s.estabelecimento != estabelecimento {
            return Err(Falha::conflito(
                "estabelecimento não confere com a solicitação do veículo",
            ));
        }
        if self.agendamentos.iter().any(|a| a.solicitacao == s.id) {
            return Err(Falha::negocio(
                "304",
                "já existe agendamento para o veículo",
            ));
        }
        if !self.datas_com_vagas().iter().any(|(x, _)| *x == data) {
            return Err(Falha::negocio("302", "data sem vagas para agendamento"));
        }
        let Some((pid, inicio, fim)) = PERIODOS.iter().find(|(id, _, _)| id.to_string() == periodo)
        else {
            return Err(Falha::negocio("303", "período de atendimento inexistente"));
        };
        if self.ocupadas(data, *pid) >= VAGAS_POR_PERIODO {
            return Err(Falha::negocio("303", "período de atendimento sem vagas"));
        }
        *self.vagas_ocupadas.entry((data, *pid)).or_insert(0) += 1;
        let numero = 700_000 + self.proximo();
        self.agendamentos.push(Agendamento {
            numero,
            solicitacao: s.id,
            data,
            periodo: *pid,
        });
        let ecv = dados::ECVS.get(d.ecv);
        Ok(objeto(json!({
            "mensagem_retorno": "Agendamento realizado com sucesso",
            "numero_agendamento": numero,
            "data_agendada": data.to_string(),
            "periodo_id": pid,
            "descricao_periodo": format!("{inicio} às {fim}"),
            "hora_inicio": inicio,
            "hora_fim": fim,
            "razao_social_ecv": ecv.map(|e| e.razao_social),
            "chassi": chassi.as_str(),
        })))
    }

    pub(super) fn consultar_agendamento(&self, comprador: &str, chassi: &str) -> Resultado {
        let comprador: CpfCnpj = parametro("cpf_cnpj_comprador", comprador)?;
        let chassi: Chassi = parametro("chassi", chassi)?;
        self.veiculo(&chassi)?;
        let (s, d) = self.distribuicao_ativa(&comprador, &chassi)?;
        let Some(a) = self.agendamentos.iter().find(|a| a.solicitacao == s.id) else {
            return Err(Falha::negocio("305", "não há agendamento para o veículo"));
        };
        let (_, inicio, fim) = PERIODOS
            .iter()
            .find(|(id, _, _)| *id == a.periodo)
            .copied()
            .unwrap_or((0, "", ""));
        Ok(objeto(json!({
            "numero_agendamento": a.numero,
            "data_agendada": a.data.to_string(),
            "periodo_id": a.periodo,
            "descricao_periodo": format!("{inicio} às {fim}"),
            "hora_inicio": inicio,
            "hora_fim": fim,
            "razao_social_ecv": dados::ECVS.get(d.ecv).map(|e| e.razao_social),
            "chassi": chassi.as_str(),
            "cpf_cnpj_comprador": comprador.as_str(),
        })))
    }
}
