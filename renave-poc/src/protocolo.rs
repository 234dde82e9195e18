//! §7 of the Regulamento Técnico CET-MG — *Protocolo Digital*: criar processo (§7.1), recuperar
//! protocolo (§7.2), regularizar pendência with the §7.3 documents, listar comunicações de venda
//! (§7.4), and the ficha de cadastro with its 120-day laudo check (§6.2.3 item 6).

#[allow(clippy::wildcard_imports)]
use crate::prelude::*;

impl Roteiro {
    pub(crate) fn processo(
        &self,
        v: &VeiculoCetMg,
        adquirente: CpfCnpj,
        taxi: bool,
    ) -> Option<ProcessoTransferencia> {
        let amostra = amostras_mg::processo_transferencia(&v.amostra(), adquirente, taxi);
        Some(ProcessoTransferencia {
            cpf_cnpj_solicitante: CpfCnpj::from(self.dados.cnpj_estabelecimento),
            nome_solicitante: self.dados.nome_estabelecimento.clone(),
            email_solicitante: self.dados.email_estabelecimento.clone(),
            telefone_solicitante: self.dados.telefone_estabelecimento.clone(),
            categoria: if taxi {
                amostra.categoria.clone()
            } else {
                self.tabelas.as_ref()?.categoria.clone()
            },
            ..amostra
        })
    }

    /// §7.1 criar processo, §7.2 recuperar protocolo, §7.3 regularizar a pendência (first
    /// without the required document: blocked), §7.4 listar, then §6.2.3 6 / §7.5 the ficha de
    /// cadastro after the laudo check.
    pub async fn protocolo_e_ficha(&mut self, v: &VeiculoPoc, comprador: CpfCnpj) -> Etapa<()> {
        let nome = v.nome;
        let loja = CpfCnpj::from(self.dados.cnpj_estabelecimento);
        // The car's buyer is a taxi driver: §7.3 requires document 284.
        let taxi = v.procedimento == Procedimento::Vistoria;
        let processo = self
            .processo(&v.cetmg, comprador, taxi)
            .ok_or(Interrompido)?;
        let exigidos: Vec<String> =
            renave_domain::documentos_exigidos(&processo.condicoes_documentos())
                .iter()
                .map(ToString::to_string)
                .collect();
        self.linha(format!(
            "atividade: {} | categoria: {} | documentos exigidos (§7.3): {}",
            processo.atividade,
            processo.categoria,
            if exigidos.is_empty() {
                "nenhum".to_owned()
            } else {
                exigidos.join("; ")
            }
        ));
        let r = self.mg.criar_processo_transferencia(&processo).await;
        let criado = self.exigir(
            "7.1",
            format!("Protocolo Digital: criar processo de transferência — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |c| {
                let mut l = vec![
                    envelope(&c.retorno),
                    format!(
                        "número de protocolo: {}",
                        texto_opcional(c.numero_protocolo.as_ref())
                    ),
                ];
                if let Some(p) = c.extras.get("pendencias") {
                    l.push(format!("pendências: {}", mascarar(p)));
                }
                l
            },
        )?;
        let protocolo = criado.numero_protocolo.clone().ok_or(Interrompido)?;
        let r = self
            .mg
            .recuperar_protocolo_renave(&ConsultaProtocoloRenave::new(
                v.cetmg.chassi,
                loja,
                comprador,
            ))
            .await;
        let recuperado = self.exigir(
            "7.2",
            format!("Protocolo Digital: recuperar protocolo — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |p| {
                let mut l = vec![
                    envelope(&p.retorno),
                    format!(
                        "protocolo: {} | iniciador: {} | placa: {} | chassi: {} | comprador: {} | tarefa: {}",
                        texto_opcional(p.numero_protocolo.as_ref()),
                        p.cpf_cnpj_iniciador.as_ref().and_then(|x| x.valor().ok()).map_or("-".to_owned(), doc),
                        p.placa.as_ref().map_or("-".into(), |x| x.texto()),
                        p.chassi.as_ref().map_or("-".into(), |x| x.texto()),
                        p.cpf_cnpj_comprador.as_ref().and_then(|x| x.valor().ok()).map_or("-".to_owned(), doc),
                        p.tipo_tarefa.as_deref().unwrap_or("-"),
                    ),
                ];
                for x in p.pendencias.iter().flatten() {
                    l.push(format!(
                        "pendência: {} | {} | {}",
                        texto_opcional(x.numero_pendencia.as_ref()),
                        x.descricao.as_deref().unwrap_or("-"),
                        x.situacao.as_deref().unwrap_or("-"),
                    ));
                }
                l
            },
        )?;
        // The modelled field (`pendencias[].numero_pendencia`), so that a contract maps it
        // when the server names it otherwise.
        let pendencia = recuperado
            .pendencias
            .iter()
            .flatten()
            .find_map(|p| p.numero_pendencia.clone());
        if taxi {
            let pendencia = pendencia.ok_or(Interrompido)?;
            // The lojista attaches an identity document, not the authorization §7.3 requires.
            let sem_documento = RegularizacaoPendencia {
                numero_pendencia: pendencia.clone(),
                numero_protocolo: protocolo.clone(),
                cpf_cnpj_remetente: loja,
                mensagem: "Regularização da pendência".to_owned(),
                documentos_anexados: vec![DocumentoAnexo {
                    tipo_documento: DocumentoId::DocumentacaoIdentificacao,
                    nome: "identidade.pdf".to_owned(),
                    arquivo: PDF_DEMONSTRACAO.to_vec(),
                }],
                condicoes: processo.condicoes_documentos(),
            };
            let r = self.mg.regularizar_pendencia_renave(&sem_documento).await;
            self.recusar(
                "7.3",
                format!("Regularizar pendência sem o documento 284 exigido (só o 35) — {nome}"),
                Some("cliente"),
                r.map_err(|e| recusa_mg(&e)),
            );
            let r = self
                .mg
                .regularizar_pendencia_renave(&RegularizacaoPendencia {
                    mensagem: "Autorização do poder concedente (táxi)".to_owned(),
                    documentos_anexados: vec![DocumentoAnexo {
                        tipo_documento: DocumentoId::AutorizacaoPoderPublico,
                        nome: "autorizacao-taxi.pdf".to_owned(),
                        arquivo: PDF_DEMONSTRACAO.to_vec(),
                    }],
                    ..sem_documento
                })
                .await;
            self.exigir(
                "7.3",
                format!("Regularizar pendência com o documento 284 (PDF) — {nome}"),
                r.map_err(|e| recusa_mg(&e)),
                |ok| vec![envelope(&ok.retorno)],
            )?;
        } else if let Some(pendencia) = pendencia {
            // No §7.3 document is required for this buyer: the pendência is regularised with
            // the buyer's identity document.
            let r = self
                .mg
                .regularizar_pendencia_renave(&RegularizacaoPendencia {
                    numero_pendencia: pendencia,
                    numero_protocolo: protocolo.clone(),
                    cpf_cnpj_remetente: loja,
                    mensagem: "Documento de identificação do comprador".to_owned(),
                    documentos_anexados: vec![DocumentoAnexo {
                        tipo_documento: DocumentoId::DocumentacaoIdentificacao,
                        nome: "identidade.pdf".to_owned(),
                        arquivo: PDF_DEMONSTRACAO.to_vec(),
                    }],
                    condicoes: processo.condicoes_documentos(),
                })
                .await;
            self.exigir(
                "7.3",
                format!(
                    "Regularizar pendência (nenhum documento exigido pelo §7.3; identidade do comprador em PDF) — {nome}"
                ),
                r.map_err(|e| recusa_mg(&e)),
                |ok| vec![envelope(&ok.retorno)],
            )?;
        }
        let r = self
            .mg
            .listar_veiculos_comunicacao_venda(&ConsultaVeiculosComunicacaoVenda {
                cpf_cnpj_proprietario: v.cetmg.proprietario,
            })
            .await;
        self.exigir(
            "7.4",
            format!(
                "Protocolo Digital: veículos com comunicação de venda de {} — {nome}",
                doc(&v.cetmg.proprietario)
            ),
            r.map_err(|e| recusa_mg(&e)),
            |l| {
                let mut s = vec![envelope(&l.retorno)];
                for (i, _) in l.dados.ilegiveis() {
                    s.push(format!("item nº {} da lista: ilegível", i + 1));
                }
                for x in &l.dados {
                    s.push(format!(
                        "placa: {} | chassi: {} | renavam: {} | data: {} | status: {}",
                        x.placa.as_ref().map_or("-".into(), |y| y.texto()),
                        x.chassi.as_ref().map_or("-".into(), |y| y.texto()),
                        x.renavam.as_ref().map_or("-".into(), |y| y.texto()),
                        x.data_comunicacao_venda
                            .as_ref()
                            .map_or("-".into(), |y| y.texto()),
                        x.status_comunicacao.as_deref().unwrap_or("-"),
                    ));
                }
                s
            },
        )?;

        // §6.2.3 6: the laudo decides whether the ficha goes or a new vistoria is needed.
        let valido = self.laudo_valido(v.cetmg.chassi, comprador, nome).await?;
        let ficha = UploadFichaCadastro {
            cpf_cnpj_remetente: loja,
            ..amostras_mg::ficha_cadastro(protocolo)
        };
        if !valido {
            self.linha("sem laudo válido (até 120 dias): a integradora exibe a necessidade de NOVA VISTORIA (itens 5.7 e 5.11)");
            let r = self.mg.upload_documento_ficha_cadastro(&ficha).await;
            self.recusar(
                "6.2.3 6.1",
                format!("Ficha de cadastro sem laudo válido — {nome}"),
                None,
                r.map_err(|e| recusa_mg(&e)),
            );
            self.vistoria_realizada(v, comprador).await?;
        }
        let r = self.mg.upload_documento_ficha_cadastro(&ficha).await;
        self.exigir(
            "6.2.3 6.2",
            format!("Upload da ficha de cadastro (laudo ≤ 120 dias) — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |ok| vec![envelope(&ok.retorno)],
        )?;
        Ok(())
    }

    /// §5.9 last laudo and its 120-day validity; `false` when there is none or it expired.
    pub(crate) async fn laudo_valido(
        &mut self,
        chassi: Chassi,
        comprador: CpfCnpj,
        nome: &str,
    ) -> Etapa<bool> {
        let hoje = Data::hoje_brasilia();
        let r = self
            .mg
            .consultar_ultimo_laudo(&CompradorChassi::new(comprador, chassi))
            .await;
        let (valido, linhas) = match &r {
            // Fail closed (issue 12): only a readable issue date within 120 days is valid; an
            // indeterminado laudo takes the new-vistoria path.
            Ok(l) => {
                let validade = l.validade_em(hoje);
                let texto = match &validade {
                    ValidadeLaudo::Indeterminado(motivo) => format!(
                        "laudo nº {}: validade INDETERMINADA ({}) — tratado como sem laudo válido",
                        texto_opcional(l.numero_laudo.as_ref()),
                        match motivo {
                            ValidadeIndeterminada::SemDataEmissao => "sem data de emissão",
                            ValidadeIndeterminada::DataIlegivel(_) => "data de emissão ilegível",
                            _ => "data de emissão posterior a hoje",
                        }
                    ),
                    v => {
                        let s = v.situacao().ok_or(Interrompido)?;
                        format!(
                            "laudo nº {} emitido em {}: {} dias decorridos, válido até {} — {}",
                            texto_opcional(l.numero_laudo.as_ref()),
                            s.inicio,
                            s.dias_decorridos,
                            s.ultimo_dia,
                            if v.is_valido() {
                                "VÁLIDO"
                            } else {
                                "VENCIDO (mais de 120 dias)"
                            }
                        )
                    }
                };
                (validade.is_valido(), vec![envelope(&l.retorno), texto])
            }
            Err(e) => (false, vec![format!("sem laudo: {}", recusa_mg(e).mensagem)]),
        };
        for l in linhas {
            self.linha(l);
        }
        // A lookup that finds no laudo (501) is an answer, not a failure of the POC.
        let resultado = match r {
            Ok(_) => Resultado::Sucesso,
            Err(e) if e.codigo_retorno() == Some("501") => Resultado::Sucesso,
            Err(e) => {
                let x = recusa_mg(&e);
                Resultado::Recusado {
                    codigo: x.codigo,
                    mensagem: x.mensagem,
                }
            }
        };
        let p = self.registro.fechar(
            "6.2.3 6",
            format!("Validade do laudo para a ficha de cadastro — {nome}"),
            Esperado::Sucesso,
            resultado,
        );
        if p.conforme() {
            Ok(valido)
        } else {
            Err(Interrompido)
        }
    }

    /// §6.2.3 6.1 with a vehicle whose laudo is over 120 days old: the ficha is refused and a
    /// new vistoria is required.
    pub async fn laudo_vencido(&mut self, v: &VeiculoCetMg) -> Etapa<()> {
        let comprador = CpfCnpj::from(self.dados.cpf_comprador);
        let nome = "veículo em estoque com laudo antigo";
        let valido = self.laudo_valido(v.chassi, comprador, nome).await?;
        if valido {
            return Err(Interrompido);
        }
        self.linha("laudo com mais de 120 dias: a integradora exibe a necessidade de NOVA VISTORIA (itens 5.7 e 5.11)");
        let processo = self.processo(v, comprador, false).ok_or(Interrompido)?;
        let r = self.mg.criar_processo_transferencia(&processo).await;
        let criado = self.exigir(
            "7.1",
            format!("Protocolo Digital: criar processo — {} {}", nome, v.chassi),
            r.map_err(|e| recusa_mg(&e)),
            |c| {
                vec![
                    envelope(&c.retorno),
                    format!(
                        "número de protocolo: {}",
                        texto_opcional(c.numero_protocolo.as_ref())
                    ),
                ]
            },
        )?;
        let r = self
            .mg
            .upload_documento_ficha_cadastro(&UploadFichaCadastro {
                cpf_cnpj_remetente: CpfCnpj::from(self.dados.cnpj_estabelecimento),
                ..amostras_mg::ficha_cadastro(criado.numero_protocolo.clone().ok_or(Interrompido)?)
            })
            .await;
        self.recusar(
            "6.2.3 6.1",
            format!(
                "Ficha de cadastro com laudo de mais de 120 dias — {}",
                v.chassi
            ),
            Some("502"),
            r.map_err(|e| recusa_mg(&e)),
        );
        Ok(())
    }
}
