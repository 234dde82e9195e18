//! §6.1.1 and §6.2.1 of the Regulamento Técnico CET-MG — *Aptidão do veículo*: the CET-MG
//! aptidão lookup (§5.2) shown field by field, the vehicles that are NOT apto (the flow stops,
//! and CET-MG refuses their solicitação all the same), and the aptidão a step requires.

#[allow(clippy::wildcard_imports)]
use crate::prelude::*;

impl Roteiro {
    pub(crate) fn linhas_aptidao(r: &RespostaAptidaoVeiculoEstoque) -> Vec<String> {
        // A value the SDK did not understand is shown as received (CPFs masked), never as
        // "não" (issue 12).
        let b = |v: &Option<Recebido<bool>>| match v {
            Some(Recebido::Valido(true)) => "sim".to_owned(),
            Some(Recebido::Valido(false)) => "não".to_owned(),
            Some(Recebido::Bruto(bruto)) => format!("não entendido ({:?})", ocultar_cpfs(bruto)),
            None => "não informado".to_owned(),
        };
        let n = |v: &Option<Recebido<u32>>| match v {
            Some(Recebido::Valido(n)) => n.to_string(),
            Some(Recebido::Bruto(bruto)) => format!("não entendido ({:?})", ocultar_cpfs(bruto)),
            None => "não informado".to_owned(),
        };
        let avaliacao = r.avaliacao();
        let mut l = vec![
            envelope(&r.retorno),
            format!(
                "comunicação de venda registrada: {} | laudo CSV em aberto: {} | reserva de domínio: {} | gravame: {}",
                b(&r.comunicacao_venda_registrada),
                b(&r.laudo_csv_em_aberto),
                b(&r.reserva_dominio),
                b(&r.gravame)
            ),
            format!(
                "total de autuações: {} | multas exigíveis: {} | multas totais: {}",
                n(&r.total_autuacoes),
                n(&r.multas_exigiveis),
                n(&r.multas_totais)
            ),
            format!(
                "pendências TRLAV: {} | IPVA: {} | DPVAT: {} | impedimentos cadastrais: {}",
                b(&r.pendencias_trlav),
                b(&r.pendencias_ipva),
                b(&r.pendencias_dpvat),
                b(&r.impedimentos_cadastrais)
            ),
            format!(
                "recall pendente: {} | estampagem em aberto: {} | observações impeditivas no laudo: {}",
                b(&r.recall_pendente),
                b(&r.estampagem_em_aberto),
                b(&r.observacoes_impeditivas_laudo)
            ),
        ];
        for d in &r.detalhes {
            l.push(format!("detalhe: {d}"));
        }
        l.push(format!("avaliação: {}", Self::resumo_aptidao(&avaliacao)));
        l
    }

    /// The outcome line: only APTO lets the process go on; NÃO APTO names the impediments;
    /// INDETERMINADO (issue 12) names the blocking items not reported in an understood form and
    /// the fields the SDK does not model, and stops the process like a não apto.
    fn resumo_aptidao(avaliacao: &AvaliacaoAptidao) -> String {
        let juntar = |itens: &[ItemAptidao]| {
            itens
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        };
        match avaliacao.resultado() {
            ResultadoAptidao::Apto => "APTO — o processo pode seguir".to_owned(),
            ResultadoAptidao::NaoApto => {
                let lista: Vec<String> = avaliacao
                    .impedimentos
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                format!("NÃO APTO — impedimentos: {}", lista.join("; "))
            }
            _ => {
                let mut partes = vec![
                    "INDETERMINADO — a resposta não permite afirmar a aptidão; o processo NÃO segue"
                        .to_owned(),
                ];
                let itens = avaliacao.indeterminados();
                if !itens.is_empty() {
                    partes.push(format!(
                        "itens não informados ou não entendidos: {}",
                        juntar(&itens)
                    ));
                }
                if avaliacao.sem_codigo_de_sucesso {
                    partes.push("resposta sem codigo_retorno 000".to_owned());
                }
                if !avaliacao.campos_nao_modelados.is_empty() {
                    partes.push(format!(
                        "campos não modelados pelo SDK: {}",
                        avaliacao.campos_nao_modelados.join(", ")
                    ));
                }
                partes.join(" | ")
            }
        }
    }

    /// R §6.1.1: the aptidão of each non-apto vehicle of the input, shown with its
    /// impediments (the integradora does not go on), and CET-MG refusing the solicitação of the
    /// first one all the same (where its placa and RENAVAM are known: the simulators).
    pub async fn nao_aptos(&mut self) -> Etapa<()> {
        let cnpj = self.dados.cnpj_estabelecimento;
        let nao_aptos = self.dados.nao_aptos.clone();
        let mut primeiro_bloqueado = None;
        for (chassi, proprietario) in nao_aptos {
            let r = self
                .mg
                .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                    chassi,
                    proprietario,
                    cnpj,
                ))
                .await;
            let titulo = format!("Aptidão para entrada — chassi {chassi}");
            let r = match r {
                Ok(r) => r,
                Err(e) => {
                    // A failed lookup is not a "não apto" answer: the step does not conform.
                    let rec = recusa_mg(&e);
                    self.registro.fechar(
                        "6.1.1",
                        titulo,
                        Esperado::Recusa(Some("não apto")),
                        Resultado::Recusado {
                            codigo: rec.codigo,
                            mensagem: rec.mensagem,
                        },
                    );
                    continue;
                }
            };
            for l in Self::linhas_aptidao(&r) {
                self.linha(l);
            }
            let avaliacao = r.avaliacao();
            let resultado = if avaliacao.pode_prosseguir() {
                Resultado::Sucesso
            } else {
                // Não apto or indeterminado: a stop either way (issue 12); the step expects
                // "não apto", so an indeterminado answer shows as not conforming.
                primeiro_bloqueado.get_or_insert((chassi, proprietario));
                self.linha("a integradora NÃO prossegue com este veículo");
                Resultado::Recusado {
                    codigo: Some(avaliacao.resultado().descricao().to_owned()),
                    mensagem: Self::resumo_aptidao(&avaliacao),
                }
            };
            self.registro.fechar(
                "6.1.1",
                titulo,
                Esperado::Recusa(Some("não apto")),
                resultado,
            );
        }
        // Even if the integradora tried, CET-MG refuses the solicitação of a non-apto vehicle.
        // Shown where the vehicle's placa and RENAVAM are known (the simulator's seed); in
        // homologação the integradora's own block above is what the POC shows.
        let semente = primeiro_bloqueado
            .and_then(|(chassi, _)| self.sim().and_then(|s| s.cetmg.veiculo(&chassi)));
        if let Some(v) = semente {
            let veiculo = VeiculoCetMg {
                chassi: v.chassi,
                placa: v.placa,
                renavam: v.renavam,
                proprietario: v.proprietario,
                tipo: v.tipo_veiculo,
                marca_modelo: v.codigo_marca_modelo,
            };
            let Some(pedido) =
                self.solicitacao(&veiculo, CpfCnpj::from(self.dados.cnpj_estabelecimento))
            else {
                return Err(Interrompido);
            };
            self.linha(format!(
                "POST registrar-solicitacao... (entrada) para o veículo não apto {}",
                veiculo.chassi
            ));
            let r = self.mg.registrar_solicitacao_transferencia(&pedido).await;
            if let Ok(ok) = &r {
                self.linha(envelope(&ok.retorno));
            }
            self.recusar(
                "6.1.3",
                format!(
                    "Solicitação de transferência de veículo NÃO apto — chassi {}",
                    veiculo.chassi
                ),
                Some("101"),
                r.map_err(|e| recusa_mg(&e)),
            );
        }
        Ok(())
    }

    /// A CET-MG aptidão (§5.2) that must say "apto": `proprietario` is the seller at the
    /// entrada, the establishment at the saída.
    pub async fn aptidao_cetmg(
        &mut self,
        secao: &'static str,
        titulo: String,
        v: &VeiculoCetMg,
        proprietario: CpfCnpj,
    ) -> Etapa<()> {
        let r = self
            .mg
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                v.chassi,
                proprietario,
                self.dados.cnpj_estabelecimento,
            ))
            .await
            .map_err(|e| recusa_mg(&e))
            .and_then(|r| {
                let avaliacao = r.avaliacao();
                if avaliacao.pode_prosseguir() {
                    Ok(r)
                } else {
                    for l in Self::linhas_aptidao(&r) {
                        self.linha(l);
                    }
                    // Não apto or indeterminado: the process stops here (issue 12).
                    Err(Recusa {
                        codigo: Some(avaliacao.resultado().descricao().to_owned()),
                        mensagem: format!(
                            "o veículo deveria estar apto: {}",
                            Self::resumo_aptidao(&avaliacao)
                        ),
                    })
                }
            });
        self.exigir(secao, titulo, r, Self::linhas_aptidao)?;
        Ok(())
    }

    /// Renave-WS E2 *consultar aptidão do veículo para entrada em estoque* of `v` with its CRV
    /// data, shown field by field (a step that must succeed).
    pub async fn aptidao_ws(&mut self, v: &VeiculoPoc) -> Etapa<()> {
        let nome = v.nome;
        let w = v.ws.clone();
        let r = self
            .ws
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidao {
                placa: Some(w.placa),
                renavam: Some(w.renavam),
                numero_crv: Some(w.numero_crv),
                tipo_crv: w.tipo_crv.clone(),
            })
            .await;
        self.exigir(
            "E2",
            format!(
                "Renave-WS: aptidão do veículo para entrada — {nome} {}",
                w.placa
            ),
            r.map_err(|e| recusa_ws(&e)),
            |a| {
                let d = a.diagnostico.as_ref();
                vec![
                    format!(
                        "veiculoApto: {} | comunicacaoComDetranFalhou: {} | resultado: {}",
                        texto_recebido(d.and_then(|d| d.veiculo_apto.as_ref())),
                        texto_recebido(a.comunicacao_com_detran_falhou.as_ref()),
                        a.resultado()
                    ),
                    format!(
                        "motivosParaNaoAptidao: {:?}",
                        d.and_then(|d| d.motivos_para_nao_aptidao.clone())
                            .unwrap_or_default()
                    ),
                    format!(
                        "existemDebitos: {}",
                        texto_recebido(
                            a.informacoes_debitos
                                .as_ref()
                                .and_then(|i| i.existem_debitos.as_ref())
                        )
                    ),
                ]
            },
        )?;
        Ok(())
    }
}
