//! Vistoria (R §5.8–§5.11): regions of a municipality, distribution to an ECV (a vistoria
//! móvel needs a paid DAE), the active distribution and the last laudo.

use renave_domain::{Chassi, Cnpj, CpfCnpj, Data, Renavam, verificar_validade_laudo};
use serde_json::{Map, Value, json};

use crate::cetmg::dados;
use crate::cetmg::estado::{Distribuicao, Estado, Solicitacao};
use crate::cetmg::http::{Corpo, Falha, Resultado, objeto, parametro};

impl Estado {
    pub(super) fn resposta_distribuicao(
        &self,
        s: &Solicitacao,
        d: &Distribuicao,
    ) -> Map<String, Value> {
        let ecv = dados::ECVS.get(d.ecv).or_else(|| dados::ECVS.first());
        let regiao = self.regioes.iter().find(|r| r.id == d.regiao);
        let v = self.veiculos.iter().find(|v| v.chassi == s.chassi);
        let nome_municipio = regiao
            .and_then(|r| dados::MUNICIPIOS.iter().find(|(m, _, _)| *m == r.municipio))
            .map(|(_, _, n)| *n);
        objeto(json!({
            "cnpj_ecv": ecv.map(|e| e.cnpj),
            "razao_social_ecv": ecv.map(|e| e.razao_social),
            "nome_fantasia_ecv": ecv.map(|e| e.nome_fantasia),
            "email_ecv": ecv.map(|e| e.email),
            "telefone_ecv": ecv.map(|e| e.telefone),
            "celular_ecv": ecv.map(|e| e.telefone),
            "site_ecv": "https://ecv.simulador-cetmg.invalid",
            "observacoes_ecv": "Atendimento de segunda a sexta",
            "logradouro_ecv": ecv.map(|e| e.logradouro),
            "numero_ecv": ecv.map(|e| e.numero),
            "complemento_ecv": null,
            "bairro_ecv": ecv.map(|e| e.bairro),
            "cep_ecv": ecv.map(|e| e.cep),
            "municipio_id_ecv": ecv.map(|e| e.municipio),
            "uf_ecv": "MG",
            "email_comprador": d.email,
            "cpf_cnpj_comprador": s.comprador.as_str(),
            "nome_comprador": s.nome_comprador,
            "telefone_comprador": d.telefone,
            "tipo_documento_comprador": if s.comprador.cnpj().is_some() { 2 } else { 1 },
            "receber_pesquisa": d.receber_pesquisa,
            "placa": v.map(|v| v.placa.as_str().to_owned()),
            "chassi": s.chassi.as_str(),
            "utilizado": true,
            "vistoria_movel": d.movel,
            "motivo_vistoria_movel_id": if d.movel { Some(1) } else { None },
            "motivo_vistoria_id": 1,
            "municipio_vistoria_id": regiao.map(|r| r.municipio),
            "municipio_atendimento_id": regiao.map(|r| r.municipio),
            "unidade_responsavel_id": d.ecv + 1,
            "vistoria_id": d.vistoria_id,
            "unidade_responsavel_vistoria_id": d.ecv + 1,
            "nome_municipio": nome_municipio,
            "nome_regiao": regiao.map(|r| r.nome),
            "regiao_padrao": regiao.map(|r| u8::from(r.padrao)),
            "municipio_regiao_id": d.regiao,
        }))
    }

    pub(super) fn retornar_regioes(&self, municipio: &str, tipo: &str) -> Resultado {
        if municipio.is_empty() || !municipio.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Falha::entrada("parâmetro `municipio_id` deve ser numérico"));
        }
        if tipo.is_empty() || !tipo.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Falha::entrada("parâmetro `tipo_ecv_id` deve ser numérico"));
        }
        let codigo = format!("{:0>4}", municipio.trim_start_matches('0'));
        let regioes: Vec<Value> = self
            .regioes
            .iter()
            .filter(|r| {
                r.municipio == codigo
                    || dados::MUNICIPIOS
                        .iter()
                        .any(|(m, i, _)| *m == r.municipio && *i == municipio)
            })
            .map(|r| {
                json!({
                    "municipio_regiao_id": r.id,
                    "nome_regiao": r.nome,
                    "regiao_padrao": u8::from(r.padrao),
                    "municipio_id": r.municipio,
                })
            })
            .collect();
        if regioes.is_empty() {
            return Err(Falha::negocio(
                "205",
                "município sem região com ECV credenciada",
            ));
        }
        Ok(objeto(json!({"dados": regioes})))
    }

    pub(super) fn distribuir(&mut self, c: &Corpo) -> Resultado {
        let estabelecimento: Cnpj = c.tipado("cnpj_estabelecimento")?;
        let regiao_id = c.texto("municipio_regiao_id")?;
        let comprador: CpfCnpj = c.tipado("cpf_cnpj_comprador")?;
        let telefone = c.texto("telefone_comprador")?;
        let email = c.texto("email_comprador")?;
        if !email.contains('@') {
            return Err(Falha::entrada("campo `email_comprador` inválido"));
        }
        let movel = c.flag("vistoria_movel")?;
        let receber_pesquisa = c.flag("receber_pesquisa")?;
        let chassi: Option<Chassi> = c.tipado_opcional("chassi")?;
        let Some(regiao) = self
            .regioes
            .iter()
            .find(|r| r.id.to_string() == regiao_id)
            .cloned()
        else {
            return Err(Falha::negocio(
                "205",
                "região de município (municipio_regiao_id) não encontrada",
            ));
        };
        let abertas: Vec<Solicitacao> = self
            .solicitacoes
            .iter()
            .filter(|s| {
                !s.concluida
                    && s.estabelecimento == estabelecimento
                    && s.comprador == comprador
                    && chassi.is_none_or(|ch| s.chassi == ch)
            })
            .cloned()
            .collect();
        if abertas.is_empty() {
            return Err(Falha::negocio(
                "201",
                "não há solicitação de transferência registrada para o estabelecimento e comprador",
            ));
        }
        let sem_distribuicao: Vec<&Solicitacao> = abertas
            .iter()
            .filter(|s| !self.distribuicoes.iter().any(|d| d.solicitacao == s.id))
            .collect();
        if sem_distribuicao.is_empty() {
            return Err(Falha::negocio(
                "206",
                "o veículo já possui distribuição ativa para uma ECV",
            ));
        }
        let escolhida = if movel {
            sem_distribuicao
                .iter()
                .find(|s| self.dae_pago(s.id))
                .copied()
                .ok_or_else(|| {
                    Falha::negocio(
                        "204",
                        "taxa de vistoria móvel (DAE, taxa 64) não paga ou ainda não compensada",
                    )
                })?
        } else {
            sem_distribuicao
                .first()
                .copied()
                .ok_or_else(|| Falha::negocio("201", "sem solicitação"))?
        };
        let d = Distribuicao {
            vistoria_id: 500_000 + self.contador + 1,
            solicitacao: escolhida.id,
            regiao: regiao.id,
            ecv: regiao.ecv,
            movel,
            telefone,
            email,
            receber_pesquisa,
        };
        self.contador += 1;
        let escolhida = escolhida.clone();
        self.distribuicoes.push(d.clone());
        let mut r = self.resposta_distribuicao(&escolhida, &d);
        r.insert(
            "mensagem_retorno".into(),
            json!("Veículo distribuído para a ECV com sucesso"),
        );
        Ok(r)
    }

    pub(super) fn consultar_distribuicao(&self, comprador: &str, chassi: &str) -> Resultado {
        let comprador: CpfCnpj = parametro("cpf_cnpj_comprador", comprador)?;
        let chassi: Chassi = parametro("chassi", chassi)?;
        self.veiculo(&chassi)?;
        let (s, d) = self.distribuicao_ativa(&comprador, &chassi)?;
        Ok(self.resposta_distribuicao(&s, &d))
    }

    pub(super) fn consultar_ultimo_laudo(&self, comprador: &str, chassi: &str) -> Resultado {
        let _: CpfCnpj = parametro("cpf_cnpj_comprador", comprador)?;
        let chassi: Chassi = parametro("chassi", chassi)?;
        let v = self
            .veiculos
            .get(self.veiculo(&chassi)?)
            .ok_or_else(|| Falha::nao_encontrado("veículo não localizado"))?;
        let Some(emissao) = v.emissao_ultimo_laudo else {
            return Err(Falha::negocio(
                "501",
                "não há laudo de vistoria para o veículo",
            ));
        };
        let hoje = Data::hoje_brasilia();
        let valido = verificar_validade_laudo(emissao, hoje).is_ok_and(|s| s.is_dentro_do_prazo());
        Ok(objeto(json!({
            "numero_laudo": numero_laudo(emissao, &v.renavam),
            "data_emissao": emissao.to_string(),
            "resultado": "APROVADO",
            "chassi": v.chassi.as_str(),
            "placa": v.placa.as_str(),
            "laudo_valido": valido,
        })))
    }
}

/// The number of the laudo of vistoria (R §5.9) issued on `emissao` for the vehicle with this
/// RENAVAM: `L`, the issue date (`AAAAMMDD`) and the RENAVAM's last six digits, so two vehicles
/// (or two vistorias of one vehicle on different days) never share a number.
fn numero_laudo(emissao: Data, renavam: &Renavam) -> String {
    let r = renavam.as_str();
    let fim = r.get(r.len().saturating_sub(6)..).unwrap_or(r);
    format!("L{}{fim}", emissao.to_string().replace('-', ""))
}
