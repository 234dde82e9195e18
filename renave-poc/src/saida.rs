//! §6.2 of the Regulamento Técnico CET-MG — *Saída de estoque*: aptidão for the saída (§6.2.1),
//! the solicitação with a private buyer, the saída on Renave-WS with the re-issued CRV code
//! (§6.2.3) and the comunicação de venda de saída (§6.2.4).

#[allow(clippy::wildcard_imports)]
use crate::prelude::*;

impl Roteiro {
    pub(crate) fn saida_pedido(
        &self,
        v: &VeiculoPoc,
        codigo: CodigoSegurancaCrv,
    ) -> Etapa<SolicitacaoSaidaEstoque> {
        let municipio = self.municipio_ws.ok_or(Interrompido)?;
        // The sample of the simulated world, with the input and the municipality read from E20.
        let amostra = amostras_ws::saida_estoque(&v.ws.amostra(), codigo, self.agora_ws());
        let comprador = Comprador {
            documento: CpfCnpj::from(self.dados.cpf_comprador),
            endereco: EnderecoComprador {
                codigo_municipio: municipio,
                ..amostra.comprador.endereco.clone()
            },
            ..amostra.comprador.clone()
        };
        Ok(SolicitacaoSaidaEstoque {
            valor_venda: Valor::parse(if v.cetmg.tipo.is_motocicleta_ou_motoneta() {
                "12000"
            } else {
                "45000"
            })
            .map_err(|_| Interrompido)?,
            cpf_operador_responsavel: self.dados.cpf_operador,
            email_estabelecimento: self.dados.email_estabelecimento.clone(),
            comprador,
            ..amostra
        })
    }

    /// The saída of one vehicle in stock (§6.2.1–§6.2.4): aptidão, solicitação to the private
    /// buyer, the saída on Renave-WS with the re-issued CRV code, the sale NF-e, ATPV-e and
    /// termo, the comunicação de venda de saída. The Protocolo Digital and the ficha de cadastro
    /// (§6.2.3 items 5–6, §7) follow in [`Roteiro::protocolo_e_ficha`].
    pub async fn saida(&mut self, v: &VeiculoPoc, em_estoque: &EmEstoque) -> Etapa<()> {
        let nome = v.nome;
        let loja = CpfCnpj::from(self.dados.cnpj_estabelecimento);
        let comprador = CpfCnpj::from(self.dados.cpf_comprador);
        self.aptidao_cetmg(
            "6.2.1",
            format!(
                "Aptidão para saída (veículo apto) — {nome} {}",
                v.cetmg.chassi
            ),
            &v.cetmg,
            loja,
        )
        .await?;
        self.registrar_solicitacao(
            &VeiculoCetMg {
                proprietario: loja,
                ..v.cetmg.clone()
            },
            comprador,
            nome,
        )
        .await?;

        // Renave-WS §7.2: the new CRV code, the saída, the sale NF-e, the sale ATPV-e, the termo.
        let r = self.ws.obter_crlve(&v.ws.placa, &v.ws.renavam).await;
        let crlve = self.exigir(
            "E18",
            format!("Renave-WS: CRLV-e com o novo código de segurança do CRV — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |c| {
                vec![format!(
                    "CRV nº {} | emissão: {} | estabelecimento: {} | PDF CRLV-e: {} | PDF do código: {}",
                    c.numero.as_deref().unwrap_or("-"),
                    c.data_emissao.as_deref().unwrap_or("-"),
                    c.cnpj_estabelecimento.as_ref().map_or("-", |x| x.as_str()),
                    c.pdf().map_or_else(|_| "-".to_owned(), |p| format!("{} bytes", p.len())),
                    c.pdf_codigo_seguranca_crv()
                        .map_or_else(|_| "-".to_owned(), |p| format!("{} bytes", p.len())),
                )]
            },
        )?;
        let lido = crlve
            .pdf_codigo_seguranca_crv()
            .ok()
            .and_then(|p| codigo_no_pdf(&p));
        if lido.is_none() && v.codigo_crv_novo.is_some() {
            self.linha("o PDF não tem texto legível: o lojista digita o código impresso nele");
        }
        let Some(codigo) = lido.or(v.codigo_crv_novo) else {
            self.registro.fechar(
                "E18",
                format!("Ler o novo código de segurança no PDF — {nome}"),
                Esperado::Sucesso,
                Resultado::Recusado {
                    codigo: None,
                    mensagem: "código de segurança não encontrado no PDF".to_owned(),
                },
            );
            return Err(Interrompido);
        };
        let visivel: String = codigo
            .as_str()
            .chars()
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        self.linha(format!(
            "novo código de segurança lido do PDF: *********{visivel} (o CRV foi reemitido ao estabelecimento)"
        ));
        self.registro.fechar(
            "E18",
            format!("Ler o novo código de segurança no PDF — {nome}"),
            Esperado::Sucesso,
            Resultado::Sucesso,
        );
        let pedido = self.saida_pedido(v, codigo)?;
        let r = self.ws.solicitar_saida_estoque(&pedido).await;
        self.exigir(
            "6.2.3 1-2",
            format!("Renave-WS: solicitar saída do estoque (E15) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |e| {
                let mut l = Self::linhas_estoque(e);
                l.push(format!("comprador: {}", doc(&comprador)));
                l
            },
        )?;
        let r = self
            .ws
            .enviar_nota_fiscal(&EnvioNotaFiscal {
                chave_nota_fiscal: v.chave_nfe_venda,
                evento: EventoNotaFiscal::Venda,
                id_estoque: em_estoque.id_estoque_ws,
            })
            .await;
        self.exigir(
            "6.2.3 3",
            format!(
                "Renave-WS: NF-e de VENDA {} (E10) — {nome}",
                v.chave_nfe_venda
            ),
            r.map_err(|e| recusa_ws(&e)),
            |c| vec![format!("HTTP {}", c.status)],
        )?;
        let r = self.ws.obter_pdf_atpv(&v.ws.chassi).await;
        let atpv_venda = self.exigir(
            "6.2.3 2.2",
            format!("Renave-WS: ATPV-e de venda emitida (E7) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |a| {
                vec![format!(
                    "numeroAtpv: {} | PDF: {}",
                    a.numero_atpv.as_deref().unwrap_or("-"),
                    a.pdf()
                        .map_or_else(|_| "-".to_owned(), |p| format!("{} bytes", p.len())),
                )]
            },
        )?;
        let r = self
            .ws
            .obter_termo_saida_estoque(em_estoque.id_estoque_ws)
            .await;
        self.exigir(
            "6.2.3 3",
            format!("Renave-WS: Termo de Saída de Estoque (E16) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |t| {
                vec![format!(
                    "termo nº {} | PDF: {}",
                    texto_recebido(t.numero_termo_saida_estoque.as_ref()),
                    t.pdf_base64
                        .as_ref()
                        .and_then(|p| p.pdf("pdfBase64").ok())
                        .map_or_else(|| "-".to_owned(), |p| format!("{} bytes", p.len()))
                )]
            },
        )?;
        let r = self.ws.consultar_estoque(em_estoque.id_estoque_ws).await;
        self.exigir(
            "E12",
            format!("Renave-WS: estoque após a venda (E12) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            Self::linhas_estoque,
        )?;

        // §6.2.4 comunicação de venda de saída.
        let numero = self
            .atpve_assinada_cetmg(v, "6.2.3 4", atpv_venda.numero_atpv.clone())
            .await?;
        let r = self
            .mg
            .registrar_comunicacao_venda_saida_estoque(&amostras_mg::comunicacao_venda_saida(
                &v.cetmg.amostra(),
                Identificador::from(em_estoque.id_estoque_ws),
                comprador,
                numero.clone(),
            ))
            .await;
        self.exigir(
            "6.2.4",
            format!(
                "Comunicação de venda de saída (estoque {}, ATPV-e {numero}) — {nome}",
                em_estoque.id_estoque_ws
            ),
            r.map_err(|e| recusa_mg(&e)),
            |ok| vec![envelope(&ok.retorno)],
        )?;

        Ok(())
    }
}
