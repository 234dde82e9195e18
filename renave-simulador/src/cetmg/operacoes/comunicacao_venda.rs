//! Comunicação de venda de entrada and de saída (R §5.4, §5.5, §7.4): only with the signed
//! ATPV-e, whose number the request must carry.

use renave_domain::{Chassi, CpfCnpj, Data, Placa, Renavam, SentidoSolicitacao};
use serde_json::json;

use crate::cetmg::estado::{Comunicacao, Estado};
use crate::cetmg::http::{Corpo, Falha, Resultado, objeto};

impl Estado {
    pub(super) fn comunicacao_venda(
        &mut self,
        corpo: &Corpo,
        sentido: SentidoSolicitacao,
    ) -> Resultado {
        let placa: Placa = corpo.tipado("placa")?;
        let renavam: Renavam = corpo.tipado("renavam")?;
        let chassi: Chassi = corpo.tipado("chassi")?;
        let atpve = corpo.texto("numero_atpve")?;
        let (comprador, id_estoque) = match sentido {
            SentidoSolicitacao::Saida => (
                Some(corpo.tipado::<CpfCnpj>("cpf_cnpj_comprador")?),
                Some(corpo.texto("id_estoque")?),
            ),
            SentidoSolicitacao::Entrada => (None, None),
        };
        let indice = self.veiculo(&chassi)?;
        self.conferir_placa_renavam(indice, placa, &renavam)?;
        let v = self
            .veiculos
            .get(indice)
            .ok_or_else(|| Falha::nao_encontrado("veículo não localizado"))?
            .clone();
        if let Some(id) = &id_estoque {
            if v.id_estoque.as_deref() != Some(id.as_str()) {
                return Err(Falha::conflito(
                    "identificador do estoque não confere com o veículo",
                ));
            }
        }
        let Some(s) = self
            .solicitacoes
            .iter()
            .find(|s| s.chassi == chassi && s.sentido == sentido && !s.concluida)
            .cloned()
        else {
            return Err(Falha::negocio(
                "201",
                format!("não há solicitação de {sentido} registrada para o veículo"),
            ));
        };
        if let Some(comp) = &comprador {
            if *comp != s.comprador {
                return Err(Falha::conflito(
                    "comprador não confere com a solicitação de saída",
                ));
            }
        }
        // The Renave-WS stock the ATPV-e was signed for, when SERPRO forwarded it (a world of
        // both simulators): the vehicle's stock id on CET-MG too (`cetmg-api.md` §3.14).
        let estoque_renave = self.atpves.id_estoque(&chassi);
        let Some(assinada) = self.atpves.consultar(&chassi) else {
            return Err(Falha::negocio("401", "ATPV-e não assinada para o veículo"));
        };
        if assinada != atpve {
            return Err(Falha::conflito(
                "número da ATPV-e não confere com a ATPV-e assinada",
            ));
        }
        self.atpves.remover(&chassi);
        self.comunicacoes.push(Comunicacao {
            chassi,
            vendedor: v.proprietario,
            data: Data::hoje_brasilia(),
        });
        if let Some(sol) = self.solicitacoes.iter_mut().find(|x| x.id == s.id) {
            sol.concluida = true;
        }
        self.distribuicoes.retain(|d| d.solicitacao != s.id);
        let novo_estoque = match sentido {
            SentidoSolicitacao::Entrada => Some(estoque_renave.map_or_else(
                || format!("{}", 200_000 + self.proximo()),
                |id| id.to_string(),
            )),
            SentidoSolicitacao::Saida => None,
        };
        if let Some(veiculo) = self.veiculos.get_mut(indice) {
            veiculo.proprietario = s.comprador;
            veiculo.id_estoque.clone_from(&novo_estoque);
            veiculo.aptidao.comunicacao_venda_registrada = Some(true.into());
        }
        let mut r = objeto(json!({
            "mensagem_retorno": format!("Comunicação de venda de {sentido} registrada com sucesso"),
        }));
        if let Some(id) = novo_estoque {
            r.insert("id_estoque".into(), json!(id));
        }
        Ok(r)
    }
}
