//! Aptidão (R §5.2, §6.1.1) and the solicitação de serviço de transferência de propriedade
//! (R §5.3, §5.6): its registration and lookup.

use renave_domain::{
    Atividade, Chassi, Cnpj, CpfCnpj, Data, Placa, Renavam, SentidoSolicitacao, avaliar_aptidao,
    sentido_solicitacao,
};
use serde_json::json;

use super::tabelas::{CAMPOS_TABELADOS_SOLICITACAO, conferir_codigo, conferir_codigo_opcional};
use crate::cetmg::dados;
use crate::cetmg::estado::{Estado, Solicitacao};
use crate::cetmg::http::{Corpo, Falha, Resultado, objeto, parametro};

impl Estado {
    pub(super) fn consultar_aptidao(
        &self,
        chassi: &str,
        proprietario: &str,
        estabelecimento: &str,
    ) -> Resultado {
        let chassi: Chassi = parametro("chassi", chassi)?;
        let proprietario: CpfCnpj = parametro("cpf_cnpj_proprietario", proprietario)?;
        let _: Cnpj = parametro("cpf_cnpj_estabelecimento", estabelecimento)?;
        let v = self
            .veiculos
            .get(self.veiculo(&chassi)?)
            .ok_or_else(|| Falha::nao_encontrado("veículo não localizado"))?;
        if v.proprietario != proprietario {
            return Err(Falha::conflito(
                "proprietário não confere com o cadastro do veículo",
            ));
        }
        let a = &v.aptidao;
        let avaliacao = avaliar_aptidao(a);
        let mensagem = if avaliacao.pode_prosseguir() {
            "Veículo apto para entrada/saída de estoque".to_owned()
        } else {
            let nomes: Vec<String> = avaliacao
                .impedimentos
                .iter()
                .map(ToString::to_string)
                .collect();
            format!("Veículo não apto: {}", nomes.join("; "))
        };
        Ok(objeto(json!({
            "mensagem_retorno": mensagem,
            "chassi": v.chassi.as_str(),
            "placa": v.placa.as_str(),
            "renavam": v.renavam.as_str(),
            "comunicacao_venda_registrada": a.comunicacao_venda_registrada,
            "laudo_csv_em_aberto": a.laudo_csv_em_aberto,
            "reserva_dominio": a.reserva_dominio,
            "gravame": a.gravame,
            "total_autuacoes": a.total_autuacoes,
            "multas_exigiveis": a.multas_exigiveis,
            "multas_totais": a.multas_totais,
            "pendencias_trlav": a.pendencias_trlav,
            "pendencias_ipva": a.pendencias_ipva,
            "pendencias_dpvat": a.pendencias_dpvat,
            "impedimentos_cadastrais": a.impedimentos_cadastrais,
            "recall_pendente": a.recall_pendente,
            "estampagem_em_aberto": a.estampagem_em_aberto,
            "observacoes_impeditivas_laudo": a.observacoes_impeditivas_laudo,
            "detalhes": a.detalhes,
        })))
    }

    pub(super) fn consultar_solicitacao(&self, c: &Corpo) -> Resultado {
        let chassi: Chassi = c.tipado("chassi")?;
        let proprietario: CpfCnpj = c.tipado("cpf_cnpj_proprietario")?;
        let estabelecimento: Cnpj = c.tipado("cpf_cnpj_estabelecimento")?;
        let _: Option<Placa> = c.tipado_opcional("placa")?;
        let _: Option<Renavam> = c.tipado_opcional("renavam")?;
        self.veiculo(&chassi)?;
        let s = self
            .solicitacoes
            .iter()
            .rev()
            .find(|s| {
                s.chassi == chassi
                    && s.estabelecimento == estabelecimento
                    && (s.comprador == proprietario
                        || self
                            .veiculos
                            .iter()
                            .any(|v| v.chassi == chassi && v.proprietario == proprietario))
            })
            .ok_or_else(|| Falha::nao_encontrado("solicitação de transferência não encontrada"))?;
        Ok(objeto(json!({
            "id_solicitacao": s.id,
            "chassi": s.chassi.as_str(),
            "cpf_cnpj_estabelecimento": s.estabelecimento.as_str(),
            "cpf_cnpj_comprador": s.comprador.as_str(),
            "nome_comprador": s.nome_comprador,
            "codigo_municipio_emplacamento": s.municipio,
            "tipo_solicitacao": match s.sentido { SentidoSolicitacao::Entrada => "ENTRADA", SentidoSolicitacao::Saida => "SAIDA" },
            "data_registro": s.data_registro.to_string(),
            "situacao": if s.concluida { "CONCLUIDA" } else { "REGISTRADA" },
            "dae_pago": self.dae_pago(s.id),
        })))
    }

    pub(super) fn registrar_solicitacao(&mut self, c: &Corpo) -> Resultado {
        let estabelecimento: Cnpj = c.tipado("cpf_cnpj_estabelecimento")?;
        let placa: Placa = c.tipado("placa")?;
        let renavam: Renavam = c.tipado("renavam")?;
        let chassi: Chassi = c.tipado("chassi")?;
        let comprador: CpfCnpj = c.tipado("cpf_cnpj_comprador")?;
        let _: renave_domain::Cep = c.tipado("cep_comprador")?;
        let _: Option<renave_domain::Cep> = c.tipado_opcional("cep_correspondencia")?;
        let _: Data = c.tipado("data_recibo")?;
        c.valor("valor_venda")?;
        for campo in [
            "codigo_cor",
            "codigo_tipo",
            "codigo_especie",
            "codigo_combustivel",
            "codigo_marca_modelo",
            "categoria",
            "nome_comprador",
            "endereco_comprador",
            "numero_endereco_comprador",
            "bairro_comprador",
        ] {
            c.texto(campo)?;
        }
        for (campo, tabela) in CAMPOS_TABELADOS_SOLICITACAO {
            conferir_codigo(campo, &c.texto(campo)?, tabela)?;
        }
        conferir_codigo_opcional(c, "codigo_carroceria", "consultar-carrocerias")?;
        if !matches!(c.texto("isencao_ipva")?.as_str(), "1" | "2") {
            return Err(Falha::entrada(
                "campo `isencao_ipva` deve ser 1 (isento) ou 2 (não isento)",
            ));
        }
        if !matches!(c.texto("modalidade_compra")?.as_str(), "0" | "2" | "4") {
            return Err(Falha::entrada(
                "campo `modalidade_compra` deve ser 0, 2 ou 4",
            ));
        }
        if let Some(a) = c.bruto("atividade") {
            if !Atividade::from(a.as_str()).is_conhecido() {
                return Err(Falha::entrada("campo `atividade` deve ser T, L, E, C ou O"));
            }
        }
        let municipio: renave_domain::CodigoMunicipio =
            c.tipado("codigo_municipio_emplacamento")?;
        if !dados::MUNICIPIOS
            .iter()
            .any(|(m, _, _)| *m == municipio.as_str())
        {
            return Err(Falha::negocio(
                "203",
                "município de emplacamento não encontrado em Minas Gerais",
            ));
        }
        let i = self.veiculo(&chassi)?;
        self.conferir_placa_renavam(i, placa, &renavam)?;
        let v = self
            .veiculos
            .get(i)
            .ok_or_else(|| Falha::nao_encontrado("veículo não localizado"))?;
        let sentido = sentido_solicitacao(&comprador, &estabelecimento);
        let no_estoque = v.proprietario.cnpj() == Some(&estabelecimento);
        match sentido {
            SentidoSolicitacao::Entrada if no_estoque => {
                return Err(Falha::conflito(
                    "o veículo já está no estoque do estabelecimento",
                ));
            }
            SentidoSolicitacao::Saida if !no_estoque => {
                return Err(Falha::conflito(
                    "o veículo não está no estoque do estabelecimento (proprietário não confere)",
                ));
            }
            _ => {}
        }
        let avaliacao = avaliar_aptidao(&v.aptidao);
        if !avaliacao.pode_prosseguir() {
            let nomes: Vec<String> = avaliacao
                .impedimentos
                .iter()
                .map(ToString::to_string)
                .collect();
            return Err(Falha::negocio(
                "101",
                format!("veículo não apto: {}", nomes.join("; ")),
            ));
        }
        if self.solicitacao_aberta(&chassi).is_some() {
            return Err(Falha::negocio(
                "102",
                "já existe solicitação de transferência registrada para o veículo",
            ));
        }
        let id = self.proximo();
        self.solicitacoes.push(Solicitacao {
            id,
            chassi,
            estabelecimento,
            comprador,
            nome_comprador: c.texto("nome_comprador")?,
            endereco_comprador: format!(
                "{}, {} - {}",
                c.texto("endereco_comprador")?,
                c.texto("numero_endereco_comprador")?,
                c.texto("bairro_comprador")?
            ),
            sentido,
            municipio: municipio.as_str().to_owned(),
            data_registro: Data::hoje_brasilia(),
            concluida: false,
        });
        Ok(objeto(json!({
            "mensagem_retorno": format!("Solicitação de {sentido} registrada com sucesso"),
            "id_solicitacao": id,
            "tipo_solicitacao": match sentido { SentidoSolicitacao::Entrada => "ENTRADA", SentidoSolicitacao::Saida => "SAIDA" },
        })))
    }
}
