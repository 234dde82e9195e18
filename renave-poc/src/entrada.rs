//! §6.1 of the Regulamento Técnico CET-MG — *Entrada em estoque*: the solicitação de
//! transferência (§6.1.3), the procedure chosen (§6.1.4), the DAE, distribution to an ECV and
//! booking of the vistoria (§6.1.5–§6.1.6), the entrada on Renave-WS with the seller scenarios
//! (§6.1.7) and the comunicação de venda de entrada (§6.1.8).

#[allow(clippy::wildcard_imports)]
use crate::prelude::*;

impl Roteiro {
    /// The §6.1.3 request (buyer = the establishment for an entrada, a private person for a
    /// saída).
    pub(crate) fn solicitacao(
        &self,
        v: &VeiculoCetMg,
        comprador: CpfCnpj,
    ) -> Option<SolicitacaoTransferencia> {
        let t = self.tabelas.as_ref()?;
        // The sample of the simulated world, with what the live tables and the input decide.
        let amostra = amostras_mg::solicitacao_transferencia(&v.amostra(), comprador);
        Some(SolicitacaoTransferencia {
            cpf_cnpj_estabelecimento: self.dados.cnpj_estabelecimento,
            codigo_cor: t.cor.clone(),
            codigo_especie: t.especie.clone(),
            codigo_combustivel: t.combustivel.clone(),
            categoria: t.categoria.clone(),
            codigo_municipio_emplacamento: t.municipio,
            nome_comprador: match comprador {
                CpfCnpj::Cnpj(_) => self.dados.nome_estabelecimento.clone(),
                CpfCnpj::Cpf(_) => amostra.nome_comprador.clone(),
            },
            ..amostra
        })
    }

    pub(crate) async fn registrar_solicitacao(
        &mut self,
        veiculo: &VeiculoCetMg,
        comprador: CpfCnpj,
        nome: &str,
    ) -> Etapa<()> {
        let Some(pedido) = self.solicitacao(veiculo, comprador) else {
            return Err(Interrompido);
        };
        let sentido = pedido.sentido();
        self.linha(format!(
            "comprador: {} → {} de estoque (R §6.1.3: o estabelecimento como comprador é entrada; outro, saída)",
            doc(&comprador),
            if sentido == SentidoSolicitacao::Entrada {
                "entrada"
            } else {
                "saída"
            }
        ));
        let r = self.mg.registrar_solicitacao_transferencia(&pedido).await;
        let secao = if sentido == SentidoSolicitacao::Entrada {
            "6.1.3"
        } else {
            "6.2.3"
        };
        self.exigir(
            secao,
            format!("Solicitação de transferência ({sentido}) — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |ok| {
                let mut l = vec![envelope(&ok.retorno)];
                for campo in ["id_solicitacao", "tipo_solicitacao"] {
                    if let Some(x) = ok.extras.get(campo) {
                        l.push(format!("{campo}: {x}"));
                    }
                }
                l
            },
        )?;
        let r = self
            .mg
            .consultar_solicitacao_transferencia(&ConsultaSolicitacaoTransferencia::new(
                veiculo.chassi,
                veiculo.proprietario,
                self.dados.cnpj_estabelecimento,
            ))
            .await;
        self.exigir(
            "5.3",
            format!("Consultar solicitação de transferência — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |ok| {
                let mut l = vec![envelope(&ok.retorno)];
                for (k, x) in ok.extras.iter().take(8) {
                    let x = mascarar(&serde_json::json!({ k.clone(): x }));
                    l.push(format!(
                        "{k}: {}",
                        x.get(k).unwrap_or(&serde_json::Value::Null)
                    ));
                }
                l
            },
        )?;
        Ok(())
    }

    /// §6.1.5–§6.1.6 (and the booking): DAE, the negative paths, payment, distribution,
    /// dates, periods, booking, the vistoria and its laudo.
    pub(crate) async fn vistoria(&mut self, v: &VeiculoPoc, comprador: CpfCnpj) -> Etapa<()> {
        let nome = v.nome;
        let cnpj = self.dados.cnpj_estabelecimento;
        let municipio = self
            .tabelas
            .as_ref()
            .map(|t| t.municipio)
            .ok_or(Interrompido)?;
        let r = self
            .mg
            .emitir_guia_dae(&EmissaoGuiaDae {
                cnpj_estabelecimento: cnpj,
                codigo_taxa: CodigoTaxa::VistoriaMovel,
                cpf_cnpj_comprador: comprador,
                uf_origem_comprador: Uf::Mg,
                codigo_municipio_emplacamento: municipio,
            })
            .await;
        let dae = self.exigir(
            "6.1.5",
            format!("Emitir guia DAE taxa 64 (vistoria móvel) — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |d| {
                let mut l = vec![envelope(&d.retorno), format!("guias: {}", d.guias.len())];
                for g in &d.guias {
                    l.push(format!(
                        "taxa: {} | valor: {} | vencimento: {} | emissão: {} | referência: {}",
                        texto_opcional(g.codigo_taxa.as_ref()),
                        g.valor_taxa.as_ref().map_or("-".into(), |x| x.texto()),
                        g.data_vencimento.as_ref().map_or("-".into(), |x| x.texto()),
                        g.data_emissao.as_ref().map_or("-".into(), |x| x.texto()),
                        g.mes_ano_referencia.as_deref().unwrap_or("-"),
                    ));
                    l.push(format!(
                        "nº boleto: {} | linha digitável: {}",
                        texto_opcional(g.numero_identificacao_boleto.as_ref()),
                        g.linha_digitavel.as_ref().map_or("-".into(), |x| x.texto()),
                    ));
                    l.push(format!(
                        "Pix copia e cola: {}…",
                        g.pix_copia_e_cola.as_ref().map_or("-".to_owned(), |x| x
                            .texto()
                            .chars()
                            .take(40)
                            .collect())
                    ));
                    l.push(format!(
                        "município: {} {} (IBGE {}) | veículo: {} {} {} | contribuinte: {} {}",
                        texto_opcional(g.codigo_municipio.as_ref()),
                        g.nome_municipio.as_deref().unwrap_or("-"),
                        g.codigo_ibge_municipio
                            .as_ref()
                            .map_or("-".into(), |x| x.texto()),
                        g.placa.as_ref().map_or("-".into(), |x| x.texto()),
                        g.chassi.as_ref().map_or("-".into(), |x| x.texto()),
                        g.renavam.as_ref().map_or("-".into(), |x| x.texto()),
                        g.cpf_cnpj_contribuinte
                            .as_ref()
                            .and_then(|x| x.valor().ok())
                            .map_or("-".to_owned(), doc),
                        g.nome_contribuinte.as_deref().unwrap_or("-"),
                    ));
                    l.push(format!(
                        "PDF do DAE: {}",
                        g.pdf().map_or_else(
                            |e| format!("ilegível ({e})"),
                            |p| format!("{} bytes", p.len())
                        )
                    ));
                    for m in g.mensagens() {
                        l.push(format!("mensagem do DAE: {m}"));
                    }
                }
                l
            },
        )?;
        let Some(guia) = dae.guias.iter().find(|g| {
            g.chassi
                .as_ref()
                .and_then(|c| c.valor().ok())
                .is_none_or(|c| *c == v.cetmg.chassi)
        }) else {
            return Err(Interrompido);
        };
        let referencia = guia
            .numero_identificacao_boleto
            .as_ref()
            .map(ToString::to_string)
            .or_else(|| {
                guia.linha_digitavel
                    .as_ref()
                    .map(|l| l.texto().into_owned())
            })
            .ok_or(Interrompido)?;

        // Negative: the distribution (vistoria móvel) before the DAE is paid.
        let Some(regiao) = self.regiao().await else {
            return Err(Interrompido);
        };
        let distribuicao = DistribuicaoVeiculoEcv {
            cnpj_estabelecimento: cnpj,
            municipio_regiao_id: regiao,
            cpf_cnpj_comprador: comprador,
            telefone_comprador: self.dados.telefone_estabelecimento.clone(),
            email_comprador: self.dados.email_estabelecimento.clone(),
            vistoria_movel: true,
            receber_pesquisa: false,
        };
        self.linha(format!(
            "taxa exigida para a vistoria móvel: {}",
            texto_opcional(distribuicao.taxa_exigida())
        ));
        let r = self.mg.distribuir_veiculo_ecv(&distribuicao).await;
        self.recusar(
            "6.1.6",
            format!("Distribuir para ECV ANTES de pagar o DAE — {nome}"),
            Some("204"),
            r.map_err(|e| recusa_mg(&e)),
        );

        // Negative: dates for booking before any distribution.
        let alvo = CompradorChassi::new(comprador, v.cetmg.chassi);
        let r = self.mg.retornar_datas_com_vagas(&alvo).await;
        self.recusar(
            "6.1.6 b",
            format!("Consultar datas de agendamento SEM distribuição — {nome}"),
            Some("301"),
            r.map_err(|e| recusa_mg(&e)),
        );

        // The payment.
        self.pagar_dae(&referencia, nome)?;

        let r = self.mg.distribuir_veiculo_ecv(&distribuicao).await;
        self.exigir(
            "6.1.6",
            format!("Distribuir o veículo para vistoria (ECV) — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |d| {
                vec![
                    envelope(&d.retorno),
                    format!(
                        "ECV: {} ({}) CNPJ {} | {} | {}",
                        d.nome_fantasia_ecv.as_deref().unwrap_or("-"),
                        d.razao_social_ecv.as_deref().unwrap_or("-"),
                        d.cnpj_ecv.as_ref().map_or("-".into(), |x| x.texto()),
                        d.email_ecv.as_deref().unwrap_or("-"),
                        d.telefone_ecv.as_deref().unwrap_or("-"),
                    ),
                    format!(
                        "endereço da ECV: {}, {} — {} — CEP {} — município {} {}",
                        d.logradouro_ecv.as_deref().unwrap_or("-"),
                        d.numero_ecv.as_deref().unwrap_or("-"),
                        d.bairro_ecv.as_deref().unwrap_or("-"),
                        d.cep_ecv.as_ref().map_or("-".into(), |x| x.texto()),
                        texto_opcional(d.municipio_id_ecv.as_ref()),
                        d.uf_ecv.as_ref().map_or("-".into(), |x| x.texto()),
                    ),
                    format!(
                        "vistoria móvel: {} | id da vistoria: {} | região: {} | município: {}",
                        texto_opcional(d.vistoria_movel.as_ref().map(Recebido::texto)),
                        texto_opcional(d.vistoria_id.as_ref()),
                        d.nome_regiao.as_deref().unwrap_or("-"),
                        d.nome_municipio.as_deref().unwrap_or("-"),
                    ),
                    format!(
                        "comprador: {} {} | veículo: {} {}",
                        d.cpf_cnpj_comprador
                            .as_ref()
                            .map_or("-".into(), |x| x.texto()),
                        d.nome_comprador.as_deref().unwrap_or("-"),
                        d.placa.as_ref().map_or("-".into(), |x| x.texto()),
                        d.chassi.as_ref().map_or("-".into(), |x| x.texto()),
                    ),
                ]
            },
        )?;
        let r = self.mg.consultar_distribuicao_ativa(&alvo).await;
        self.exigir(
            "5.8",
            format!("Consultar distribuição ativa — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |d| {
                vec![
                    envelope(&d.retorno),
                    format!(
                        "ECV: {} | vistoria: {}",
                        d.nome_fantasia_ecv.as_deref().unwrap_or("-"),
                        texto_opcional(d.vistoria_id.as_ref())
                    ),
                ]
            },
        )?;

        let r = self.mg.retornar_datas_com_vagas(&alvo).await;
        let datas = self.exigir(
            "6.1.6 b",
            format!("Datas com vagas para a vistoria — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |d| {
                let mut l = vec![envelope(&d.retorno)];
                for x in d.dados.iter().take(5) {
                    l.push(format!(
                        "data: {} | vagas: {}",
                        x.data.as_ref().map_or("-".into(), |y| y.texto()),
                        texto_opcional(x.vagas.as_ref().map(Recebido::texto))
                    ));
                }
                if d.dados.validos().len() > 5 {
                    l.push(format!("… e mais {} datas", d.dados.validos().len() - 5));
                }
                l
            },
        )?;
        let dia = datas
            .dados
            .iter()
            .find_map(|d| d.data.as_ref().and_then(|x| x.valido().copied()))
            .ok_or(Interrompido)?;
        let r = self
            .mg
            .retornar_periodos_atendimento(&ConsultaPeriodosAtendimento {
                data_agendada: dia,
                alvo: alvo.clone(),
            })
            .await;
        let periodos = self.exigir(
            "6.1.6 b",
            format!("Períodos de atendimento em {dia} — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |p| {
                let mut l = vec![envelope(&p.retorno)];
                for x in &p.dados {
                    l.push(format!(
                        "período {}: {} ({}–{}) | vagas: {}",
                        texto_opcional(x.id.as_ref()),
                        x.descricao.as_deref().unwrap_or("-"),
                        x.hora_inicio.as_deref().unwrap_or("-"),
                        x.hora_fim.as_deref().unwrap_or("-"),
                        texto_opcional(x.vagas.as_ref().map(Recebido::texto))
                    ));
                }
                l
            },
        )?;
        let periodo = periodos
            .dados
            .iter()
            .find_map(|p| p.id.clone())
            .ok_or(Interrompido)?;
        let r = self
            .mg
            .gravar_agendamento(&Agendamento {
                cnpj_estabelecimento: cnpj,
                data_agendada: dia,
                periodo_id: periodo,
                cpf_cnpj_comprador: comprador,
                chassi: v.cetmg.chassi,
            })
            .await;
        self.exigir(
            "6.1.6 c",
            format!("Gravar agendamento da vistoria — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |a| vec![envelope(&a.retorno)],
        )?;
        let r = self.mg.consultar_agendamento(&alvo).await;
        self.exigir(
            "5.12",
            format!("Consultar agendamento — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |a| {
                vec![
                    envelope(&a.retorno),
                    format!(
                        "data: {} | período: {} {}",
                        a.data_agendada.as_ref().map_or("-".into(), |x| x.texto()),
                        texto_opcional(a.periodo_id.as_ref()),
                        a.descricao_periodo.as_deref().unwrap_or("")
                    ),
                ]
            },
        )?;
        self.vistoria_realizada(v, comprador).await
    }

    /// The region of the solicitações' municipality (R §5.10): the default one.
    pub(crate) async fn regiao(&mut self) -> Option<Identificador> {
        let municipio = self.tabelas.as_ref()?.municipio;
        let r = self
            .mg
            .retornar_regioes_municipio(&ConsultaRegioesMunicipio {
                municipio_id: Identificador::from(municipio.as_str()),
                tipo_ecv_id: 1u64.into(),
            })
            .await;
        let regioes = self
            .exigir(
                "6.1.6",
                format!("Regiões do município {municipio} com ECV"),
                r.map_err(|e| recusa_mg(&e)),
                |l| {
                    let mut s = vec![envelope(&l.retorno)];
                    for x in &l.dados {
                        s.push(format!(
                            "região {}: {}{}",
                            texto_opcional(x.municipio_regiao_id.as_ref()),
                            x.nome_regiao.as_deref().unwrap_or("-"),
                            if x.regiao_padrao == Some(Recebido::Valido(true)) {
                                " (padrão)"
                            } else {
                                ""
                            }
                        ));
                    }
                    s
                },
            )
            .ok()?;
        regioes
            .dados
            .iter()
            .find(|r| r.regiao_padrao == Some(Recebido::Valido(true)))
            .or_else(|| regioes.dados.validos().first())
            .and_then(|r| r.municipio_regiao_id.clone())
    }

    pub(crate) fn pagar_dae(&mut self, referencia: &str, nome: &str) -> Etapa<()> {
        let titulo = format!("Pagamento e compensação do DAE — {nome}");
        let Some(ok) = self.sim().map(|s| s.cetmg.compensar_pagamento(referencia)) else {
            self.acao_externa(
                "6.1.5",
                titulo,
                format!("pagar o DAE {referencia} (linha digitável ou Pix acima); a compensação é automática"),
            );
            return Ok(());
        };
        self.linha(format!(
            "[simulador] o comprador pagou o DAE {referencia}; compensação detectada: {}",
            if ok { "sim" } else { "não" }
        ));
        let resultado = if ok {
            Resultado::Sucesso
        } else {
            Resultado::Recusado {
                codigo: None,
                mensagem: "o simulador não encontrou o DAE".to_owned(),
            }
        };
        let p = self
            .registro
            .fechar("6.1.5", titulo, Esperado::Sucesso, resultado);
        if p.conforme() {
            Ok(())
        } else {
            Err(Interrompido)
        }
    }

    /// The vistoria at the ECV (the simulator records a laudo issued today), then §5.9 the
    /// last laudo.
    pub(crate) async fn vistoria_realizada(
        &mut self,
        v: &VeiculoPoc,
        comprador: CpfCnpj,
    ) -> Etapa<()> {
        let nome = v.nome;
        let hoje = Data::hoje_brasilia();
        match self
            .sim()
            .map(|s| s.cetmg.registrar_laudo(&v.cetmg.chassi, hoje))
        {
            Some(ok) => self.linha(format!(
                "[simulador] a ECV realizou a vistoria e emitiu o laudo em {hoje}: {}",
                if ok {
                    "registrado"
                } else {
                    "veículo desconhecido"
                }
            )),
            None => self.acao_externa(
                "6.1.6",
                format!("Vistoria na ECV — {nome}"),
                "a ECV realiza a vistoria agendada e emite o laudo".to_owned(),
            ),
        }
        let r = self
            .mg
            .consultar_ultimo_laudo(&CompradorChassi::new(comprador, v.cetmg.chassi))
            .await;
        self.exigir(
            "5.9",
            format!("Consultar último laudo — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |l| {
                vec![
                    envelope(&l.retorno),
                    format!(
                        "laudo nº {} | emissão: {} | resultado: {}",
                        texto_opcional(l.numero_laudo.as_ref()),
                        l.data_emissao.as_ref().map_or("-".into(), |x| x.texto()),
                        l.resultado.as_deref().unwrap_or("-")
                    ),
                    match l.validade_em(hoje) {
                        ValidadeLaudo::Indeterminado(motivo) => format!(
                            "validade: INDETERMINADA ({}) — nunca válida",
                            match motivo {
                                ValidadeIndeterminada::SemDataEmissao => "sem data de emissão",
                                ValidadeIndeterminada::DataIlegivel(_) => "data ilegível",
                                _ => "data de emissão posterior a hoje",
                            }
                        ),
                        v => v.situacao().map_or_else(String::new, |s| format!(
                            "validade (120 dias, Portaria 1.542/2025 Art. 21): {} dias decorridos, válido até {} — {}",
                            s.dias_decorridos,
                            s.ultimo_dia,
                            if v.is_valido() { "válido" } else { "VENCIDO" }
                        )),
                    },
                ]
            },
        )?;
        Ok(())
    }

    /// The whole entrada of one vehicle (§6.1.1–§6.1.8).
    pub async fn entrada(&mut self, v: &VeiculoPoc) -> Etapa<EmEstoque> {
        let nome = v.nome;
        let loja = CpfCnpj::from(self.dados.cnpj_estabelecimento);
        self.aptidao_cetmg(
            "6.1.1",
            format!(
                "Aptidão para entrada (veículo apto) — {nome} {}",
                v.cetmg.chassi
            ),
            &v.cetmg,
            v.cetmg.proprietario,
        )
        .await?;
        self.registrar_solicitacao(&v.cetmg, loja, nome).await?;

        // §6.1.4: the lojista chooses.
        match v.procedimento {
            Procedimento::Vistoria => {
                self.linha("o lojista escolheu: realizar VISTORIA na entrada no estoque");
                self.registro.fechar(
                    "6.1.4",
                    format!("Procedimento de entrada: vistoria — {nome}"),
                    Esperado::Sucesso,
                    Resultado::Sucesso,
                );
                self.vistoria(v, loja).await?;
            }
            Procedimento::Formulario => {
                self.linha(
                    "o lojista escolheu: preencher o FORMULÁRIO de identificação do veículo",
                );
                self.linha(format!("[x] {DECLARACAO_FORMULARIO}"));
                self.registro.fechar(
                    "6.1.4",
                    format!("Procedimento de entrada: formulário (declaração marcada) — {nome}"),
                    Esperado::Sucesso,
                    Resultado::Sucesso,
                );
            }
        }

        // §6.1.7 on Renave-WS.
        let id = self.entrada_ws(v).await?;

        // §6.1.8: the comunicação de venda de entrada, with the signed ATPV-e.
        let numero = self.atpve_assinada_cetmg(v, "6.1.7", None).await?;
        let r =
            self.mg
                .registrar_comunicacao_venda_entrada_estoque(
                    &amostras_mg::comunicacao_venda_entrada(&v.cetmg.amostra(), numero.clone()),
                )
                .await;
        // The regulation's answer is a code and a message (`cetmg-api.md` §3.13); the stock
        // the saída names is Renave-WS's (§3.14), kept from the entrada above.
        self.exigir(
            "6.1.8",
            format!("Comunicação de venda de entrada (ATPV-e {numero}) — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |ok| vec![envelope(&ok.retorno)],
        )?;
        Ok(EmEstoque { id_estoque_ws: id })
    }

    pub(crate) fn linhas_estoque(e: &Estoque) -> Vec<String> {
        let mut l = vec![format!(
            "idEstoque: {} | estado: {} | placa: {} | chassi: {} | tipoCrv: {}",
            texto_opcional(e.id),
            e.estado.as_ref().map_or("-", |x| x.as_str()),
            e.placa.as_ref().map_or("-", |x| x.as_str()),
            e.chassi.as_ref().map_or("-", |x| x.as_str()),
            e.tipo_crv.as_ref().map_or("-", |x| x.as_str()),
        )];
        if let Some(en) = &e.entrada_estoque {
            l.push(format!(
                "entrada: {} | NF-e de entrada: {} | termo nº {}",
                texto_recebido(en.data_hora.as_ref()),
                en.chave_nota_fiscal_entrada
                    .as_ref()
                    .map_or("-", |x| x.as_str()),
                texto_recebido(en.numero_termo_entrada_estoque.as_ref()),
            ));
        }
        if let Some(s) = &e.saida_estoque {
            l.push(format!(
                "saída: {} | motivo: {} | NF-e de saída: {} | termo nº {}",
                texto_recebido(s.data_hora.as_ref()),
                s.motivo.as_ref().map_or("-", |x| x.as_str()),
                s.chave_nota_fiscal_saida
                    .as_ref()
                    .map_or("-", |x| x.as_str()),
                texto_recebido(s.numero_termo_saida_estoque.as_ref()),
            ));
        }
        l
    }

    /// §6.1.7: aptidão (E2), the refused-authorization scenario, entrada (E3), the blank
    /// ATPV-e (E7), the seller scenario and signature (E5/E6), the negative paths, the
    /// purchase NF-e (E10), Detran's processing until `CONFIRMADO` (E12), the Termo de
    /// Entrada (E13).
    pub(crate) async fn entrada_ws(&mut self, v: &VeiculoPoc) -> Etapa<IdEstoque> {
        let nome = v.nome;
        let w = v.ws.clone();
        self.aptidao_ws(v).await?;

        let hoje = self.agora_ws();
        let valor_compra = Valor::parse(if v.cetmg.tipo.is_motocicleta_ou_motoneta() {
            "11000"
        } else {
            "42000"
        })
        .map_err(|_| Interrompido)?;
        let pedido = SolicitacaoEntradaEstoque {
            cpf_operador_responsavel: self.dados.cpf_operador,
            valor_compra,
            email_estabelecimento: Some(self.dados.email_estabelecimento.clone()),
            ..amostras_ws::entrada_estoque(&w.amostra(), hoje)
        };

        // §6.1.7 2.1: an authorization refused, its pendências fetched and shown.
        if let Some(antigo) = v.numero_crv_desatualizado {
            let mut com_crv_antigo = pedido.clone();
            com_crv_antigo.veiculo.numero_crv = Some(antigo);
            self.linha(format!(
                "o lojista digitou o número de um CRV já substituído: {antigo}"
            ));
            let r = self.ws.solicitar_entrada_estoque(&com_crv_antigo).await;
            self.recusar(
                "6.1.7 2.1",
                format!("Renave-WS: entrada com CRV desatualizado — autorização recusada — {nome}"),
                Some("422"),
                r.map_err(|e| recusa_ws(&e)),
            );
            let r = self
                .ws
                .consultar_aptidao_veiculo_estoque(&ConsultaAptidao {
                    placa: Some(w.placa),
                    renavam: Some(w.renavam),
                    numero_crv: Some(antigo),
                    tipo_crv: w.tipo_crv.clone(),
                })
                .await;
            self.exigir(
                "6.1.7 2.1",
                format!("Renave-WS: pendências da recusa, mostradas ao lojista — {nome}"),
                r.map_err(|e| recusa_ws(&e)),
                |a| {
                    let motivos = a
                        .diagnostico
                        .as_ref()
                        .and_then(|d| d.motivos_para_nao_aptidao.clone())
                        .unwrap_or_default();
                    let mut l = vec![format!(
                        "veiculoApto: {}",
                        texto_recebido(
                            a.diagnostico.as_ref().and_then(|d| d.veiculo_apto.as_ref())
                        )
                    )];
                    l.extend(motivos.into_iter().map(|m| format!("pendência: {m}")));
                    l.push(
                        "o lojista corrige o número do CRV e a entrada é solicitada de novo"
                            .to_owned(),
                    );
                    l
                },
            )?;
        }

        let r = self.ws.solicitar_entrada_estoque(&pedido).await;
        let estoque = self.exigir(
            "6.1.7 1-2",
            format!("Renave-WS: solicitar entrada em estoque (E3) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |e| {
                let mut l = Self::linhas_estoque(e);
                l.push(format!(
                    "vendedor (proprietário no CRV): {}",
                    doc(&w.proprietario)
                ));
                l
            },
        )?;
        let id = estoque.id.ok_or(Interrompido)?;

        let r = self.ws.obter_pdf_atpv(&w.chassi).await;
        let atpv = self.exigir(
            "6.1.7 2.2",
            format!("Renave-WS: ATPV-e emitida para o vendedor assinar (E7) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |a| {
                vec![format!(
                    "numeroAtpv: {} | PDF: {} | XML: {}",
                    a.numero_atpv.as_deref().unwrap_or("-"),
                    a.pdf().map_or_else(
                        |e| format!("ilegível ({e})"),
                        |p| format!("{} bytes", p.len())
                    ),
                    a.xml()
                        .map_or_else(|_| "-".to_owned(), |p| format!("{} bytes", p.len())),
                )]
            },
        )?;

        // Negative: CET-MG refuses the comunicação de venda while the ATPV-e is unsigned.
        if v.procedimento == Procedimento::Vistoria {
            let r = self
                .mg
                .registrar_comunicacao_venda_entrada_estoque(
                    &amostras_mg::comunicacao_venda_entrada(
                        &v.cetmg.amostra(),
                        atpv.numero_atpv.clone().unwrap_or_default(),
                    ),
                )
                .await;
            self.recusar(
                "6.1.8",
                format!("Comunicação de venda com a ATPV-e AINDA NÃO assinada — {nome}"),
                Some("401"),
                r.map_err(|e| recusa_mg(&e)),
            );
        }

        // §6.1.7 3: who sells, which CRV.
        let fisico = w.tipo_crv != TipoCrv::Digital;
        let pf = matches!(w.proprietario, CpfCnpj::Cpf(_));
        let assinatura = if fisico || !pf {
            self.linha(format!(
                "vendedor: {} | CRV: {} (físico)",
                if pf {
                    "pessoa física"
                } else {
                    "pessoa jurídica"
                },
                w.tipo_crv
            ));
            self.linha(
                "instrução ao vendedor: reconheça firma da assinatura no CRV/ATPV em cartório;",
            );
            self.linha(
                "o cartório desmaterializa o documento e o documento digital do veículo é gerado",
            );
            self.registro.fechar(
                "6.1.7 3.1",
                format!("Vendedor com CRV físico: instrução de cartório — {nome}"),
                Esperado::Sucesso,
                Resultado::Sucesso,
            );
            self.linha(
                "[cartório] ATPV-e assinada de próprio punho, firma reconhecida, digitalizada",
            );
            AssinaturaVendedor::ProprioPunhoAtpve {
                foto_atpve_assinado: DocumentoBase64::codificar(
                    &atpv.pdf().unwrap_or_else(|_| PDF_DEMONSTRACAO.to_vec()),
                ),
            }
        } else {
            self.linha(format!("vendedor: pessoa física | CRV: {}", w.tipo_crv));
            self.linha("a integradora comunica o SERPRO, que envia veículo, vendedor e lojista à Carteira Digital de Trânsito (CDT)");
            let r = self
                .ws
                .consultar_ultima_assinatura_atpv(&w.placa, &w.renavam)
                .await;
            match r {
                Ok(a) => self.linha(format!(
                    "intenção de venda: {} | ATPV-e nº {}",
                    a.estado_intencao_venda.as_ref().map_or("-", |x| x.as_str()),
                    a.numero_atpve.as_deref().unwrap_or("-")
                )),
                Err(e) => self.linha(format!(
                    "E6 ainda sem assinatura: {}",
                    recusa_ws(&e).mensagem
                )),
            }
            self.registro.fechar(
                "6.1.7 3.2",
                format!("Vendedor PF com CRV digital: fluxo CDT — {nome}"),
                Esperado::Sucesso,
                Resultado::Sucesso,
            );
            self.linha(
                "[simulação] o vendedor assina a ATPV-e na CDT (assinatura sobre o XML da ATPV-e)",
            );
            let mut assinado = b"ASSINATURA SIMULADA CDT\n".to_vec();
            assinado.extend(atpv.xml().unwrap_or_default());
            AssinaturaVendedor::QualificadaP7sSobreXmlAtpve {
                assinatura_qualificada_p7s: DocumentoBase64::codificar(&assinado),
            }
        };
        let r = self
            .ws
            .enviar_assinatura_vendedor_atpv(&EnvioAssinaturaVendedor {
                id_estoque: id,
                assinatura,
            })
            .await;
        self.exigir(
            if fisico { "6.1.7 3.1" } else { "6.1.7 3.2.3" },
            format!("Renave-WS: assinatura do vendedor na ATPV-e (E5) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |c| vec![format!("HTTP {} (corpo vazio é o sucesso)", c.status)],
        )?;
        let r = self
            .ws
            .consultar_ultima_assinatura_atpv(&w.placa, &w.renavam)
            .await;
        self.exigir(
            "E6",
            format!("Renave-WS: última assinatura da ATPV-e — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |a| {
                vec![format!(
                    "ATPV-e nº {} | intenção de venda: {} | tipo de assinatura: {} | registrada em {}",
                    a.numero_atpve.as_deref().unwrap_or("-"),
                    a.estado_intencao_venda.as_ref().map_or("-", |x| x.as_str()),
                    a.tipo_assinatura_vendedor.as_ref().map_or("-", |x| x.as_str()),
                    texto_opcional(a.data_hora_registro_assinatura_vendedor.as_ref()),
                )]
            },
        )?;

        // Negative: no saída before CONFIRMADO.
        if v.procedimento == Procedimento::Vistoria {
            let pedido = self.saida_pedido(v, w.codigo_seguranca_crv)?;
            let r = self.ws.solicitar_saida_estoque(&pedido).await;
            self.recusar(
                "6.2.3",
                format!("Renave-WS: saída ANTES de CONFIRMADO — {nome}"),
                Some("422"),
                r.map_err(|e| recusa_ws(&e)),
            );
        }

        let r = self
            .ws
            .enviar_nota_fiscal(&EnvioNotaFiscal {
                chave_nota_fiscal: v.chave_nfe_compra,
                evento: EventoNotaFiscal::Compra,
                id_estoque: id,
            })
            .await;
        self.exigir(
            "E10",
            format!(
                "Renave-WS: NF-e de COMPRA {} (E10) — {nome}",
                v.chave_nfe_compra
            ),
            r.map_err(|e| recusa_ws(&e)),
            |c| vec![format!("HTTP {}", c.status)],
        )?;

        self.aguardar_confirmado(id, nome).await?;

        let r = self.ws.obter_termo_entrada_estoque(id).await;
        self.exigir(
            "6.1.7 3.2.4",
            format!("Renave-WS: Termo de Entrada em Estoque (E13) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |t| {
                vec![format!(
                    "termo nº {} | PDF: {}",
                    texto_recebido(t.numero_termo_entrada_estoque.as_ref()),
                    t.pdf_base64
                        .as_ref()
                        .and_then(|p| p.pdf("pdfBase64").ok())
                        .map_or_else(|| "-".to_owned(), |p| format!("{} bytes", p.len()))
                )]
            },
        )?;
        Ok(id)
    }

    /// The simulated (or real) Brasília time of Renave-WS.
    pub(crate) fn agora_ws(&self) -> DataHora {
        self.sim()
            .map_or_else(DataHora::agora_brasilia, |s| s.ws.agora())
    }

    /// Detran's asynchronous processing: `TRANSFERIDO`, then `CONFIRMADO` (E12).
    pub(crate) async fn aguardar_confirmado(&mut self, id: IdEstoque, nome: &str) -> Etapa<()> {
        if let Bastidores::Homologacao { espera } = &self.bastidores {
            let espera = *espera;
            self.linha(format!(
                "aguardando o Detran (consulta E12 com intervalo crescente, até {} s)",
                espera.prazo.as_secs()
            ));
            let r = aguardar_estado(&self.ws, id, &[EstadoEstoque::Confirmado], &espera).await;
            self.exigir(
                "6.1.7 2.2",
                format!("Renave-WS: consultar estoque até CONFIRMADO (E12) — {nome}"),
                r.map_err(|e| recusa_ws(&e)),
                Self::linhas_estoque,
            )?;
            return Ok(());
        }
        for (minutos, estado) in [
            (1, EstadoEstoque::Transferido),
            (4, EstadoEstoque::Confirmado),
        ] {
            if let Some(s) = self.sim() {
                s.ws.avancar_relogio(Duration::from_secs(minutos * 60));
            }
            self.linha(format!(
                "[simulador] o Detran processa: relógio simulado +{minutos} min"
            ));
            let r = self
                .ws
                .consultar_estoque(id)
                .await
                .map_err(|e| recusa_ws(&e))
                .and_then(|e| {
                    if e.estado.as_ref() == Some(&estado) {
                        Ok(e)
                    } else {
                        Err(Recusa {
                            codigo: None,
                            mensagem: format!(
                                "estado {} em vez de {}",
                                e.estado.as_ref().map_or("-", |x| x.as_str()),
                                estado.as_str()
                            ),
                        })
                    }
                });
            self.exigir(
                "6.1.7 2.2",
                format!(
                    "Renave-WS: consultar estoque até {} (E12) — {nome}",
                    estado.as_str()
                ),
                r,
                Self::linhas_estoque,
            )?;
        }
        Ok(())
    }

    /// The signed ATPV-e number CET-MG knows (SERPRO forwards the signed ATPV-e to CET-MG,
    /// R §6.1.7 3.2.4, §6.2.3 4): the number Renave-WS gave (E6, or the saída's ATPV-e E7).
    /// In the simulation the two simulators are one world: the step checks that the CET-MG
    /// simulator received that same number (no manual knob).
    pub(crate) async fn atpve_assinada_cetmg(
        &mut self,
        v: &VeiculoPoc,
        secao: &'static str,
        numero_ws: Option<String>,
    ) -> Etapa<String> {
        let r = match numero_ws {
            Some(n) => Some(n),
            None => self
                .ws
                .consultar_ultima_assinatura_atpv(&v.ws.placa, &v.ws.renavam)
                .await
                .ok()
                .and_then(|a| a.numero_atpve),
        };
        let na_cetmg = self.sim().map(|s| s.cetmg.atpve_assinada(&v.cetmg.chassi));
        let resultado = match (&r, &na_cetmg) {
            (None, _) => Resultado::Recusado {
                codigo: None,
                mensagem: "sem número de ATPV-e assinada".to_owned(),
            },
            (Some(n), None) => {
                self.linha(format!(
                    "ATPV-e assinada nº {n} (Renave-WS), encaminhada pelo SERPRO à CET-MG"
                ));
                Resultado::Sucesso
            }
            (Some(n), Some(Some(m))) if m == n => {
                self.linha(format!(
                    "[simulador] SERPRO encaminhou a ATPV-e assinada nº {n} (Renave-WS) à CET-MG, que a conhece com o mesmo número"
                ));
                Resultado::Sucesso
            }
            (Some(n), Some(m)) => Resultado::Recusado {
                codigo: None,
                mensagem: format!(
                    "a CET-MG simulada conhece a ATPV-e nº {}, não a nº {n} do Renave-WS",
                    m.as_deref().unwrap_or("-")
                ),
            },
        };
        let p = self.registro.fechar(
            secao,
            format!("ATPV-e assinada encaminhada à CET-MG — {}", v.nome),
            Esperado::Sucesso,
            resultado,
        );
        if !p.conforme() {
            return Err(Interrompido);
        }
        r.ok_or(Interrompido)
    }
}
