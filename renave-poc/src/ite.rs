//! `examples/ite.rs` — the ITE group of Renave-WS (`renave-ws.md` §3.4) end to end, with the
//! establishment's side of the transfers (E28, E29): the authenticated client, the montadora's
//! customers for a chassis, the entrada with `clienteDaIte`, a refusal, the ITE's authorization
//! the establishment consumes (E28) and the establishment's authorization back to the ITE (E29)
//! the ITE consumes, the homologação mock that finishes the vehicle, the saída and its ATPV-e,
//! the cancellations (saída; an authorization). Every step and its return in the numbered log.

use renave_domain::EstadoEstoque;
use renave_ws_client::modelos::Estoque;
use renave_ws_client::operacoes::ite::{
    AutorizacaoTransferenciaEstoqueVindoDeIte, EntradaEstoqueIte, SaidaEstoqueIte,
    TransferenciaParaIte,
};
use renave_ws_client::operacoes::transferencias::{
    AutorizacaoTransferenciaParaIte, CancelamentoAutorizacaoTransferencia,
    SolicitacaoCancelamentoSaida, TransferenciaEstoqueVindoDeIte,
};

use crate::grupos::{RoteiroGrupos, valor};
use crate::montadora::{id_criada, id_se, linhas_autorizacao, linhas_estoque};
use crate::roteiro::{Etapa, Interrompido};

/// The ITE example's run; whether every step showed what it should.
pub async fn ite(r: &mut RoteiroGrupos) -> bool {
    let conforme = fluxo(r).await.is_ok();
    conforme && r.registro.tudo_conforme() && !r.registro.passos.is_empty()
}

fn construido<T, E: std::fmt::Display>(
    r: &mut RoteiroGrupos,
    o: &str,
    v: Result<T, E>,
) -> Etapa<T> {
    v.map_err(|e| {
        r.interrompido(&format!("{o}: {e}"));
        Interrompido
    })
}

#[expect(clippy::too_many_lines, reason = "one numbered step after the other")]
async fn fluxo(r: &mut RoteiroGrupos) -> Etapa<()> {
    let d = r.dados.clone();
    let ite = r.ite.clone();
    let est = r.estabelecimento.clone();
    let chassi = d.inacabado_para_ite;
    r.registro
        .titulo_secao("ITE — credencial e clientes da montadora");
    r.passo(
        "§3.4",
        "cliente autenticado (ITE)",
        ite.consultar_cliente_autenticado_ite().into_future(),
        |c| {
            vec![format!(
                "CNPJ {} — {}",
                c.cnpj.as_ref().map_or("-", |c| c.as_str()),
                c.nome.as_deref().unwrap_or("-")
            )]
        },
    )
    .await?;
    let clientes = r
        .passo(
            "§3.4",
            format!("clientes das montadoras — chassi {chassi}"),
            ite.consultar_clientes_montadoras_ite(&chassi).into_future(),
            |l| {
                l.iter()
                    .map(|c| {
                        format!(
                            "cliente {} — {}",
                            c.codigo_cliente_montadora.as_deref().unwrap_or("-"),
                            c.descricao_cliente_montadora.as_deref().unwrap_or("-")
                        )
                    })
                    .collect()
            },
        )
        .await?;
    let codigo = clientes
        .validos()
        .first()
        .and_then(|c| c.codigo_cliente_montadora.clone());

    r.registro.titulo_secao("ITE — entrada com clienteDaIte");
    let agora = r.agora();
    let mut entrada = EntradaEstoqueIte::builder()
        .chassi(chassi)
        .chave_nota_fiscal_remessa(d.chaves[0])
        .cliente_da_ite(d.comprador.clone())
        .cpf_operador_responsavel(d.cpf_operador)
        .data_entrada_estoque(agora)
        .data_hora_medicao_hodometro(agora)
        .quilometragem_hodometro(3_u32)
        .valor_produto(valor("95000.00"));
    if let Some(c) = codigo {
        entrada = entrada.codigo_cliente_montadora(c);
    }
    let entrada = construido(r, "entrada da ITE", entrada.build())?;
    let e = r
        .passo(
            "§3.4",
            format!("entrada em estoque da ITE — chassi {chassi}"),
            ite.registrar_entrada_estoque_ite(&entrada).into_future(),
            linhas_estoque,
        )
        .await?;
    let id = id_se(r, &e, &EstadoEstoque::Confirmado)?;
    r.recusa(
        "§3.4",
        "entrada repetida do mesmo chassi (recusada: estoque ativo)",
        "422",
        ite.registrar_entrada_estoque_ite(&entrada).into_future(),
    )
    .await;

    r.registro
        .titulo_secao("ITE → estabelecimento (E28) → ITE (E29)");
    let aut = r
        .passo(
            "§3.4",
            format!(
                "a ITE autoriza a transferência ao estabelecimento {}",
                d.cnpj_estabelecimento
            ),
            ite.autorizar_transferencia_estoque_vindo_de_ite(
                &AutorizacaoTransferenciaEstoqueVindoDeIte {
                    cnpj_estabelecimento_destino: d.cnpj_estabelecimento,
                    cpf_operador_responsavel: d.cpf_operador,
                    id_estoque_origem: id,
                    para_cancelamento_de_transferencia: false,
                    valor_produto: valor("95000.00"),
                },
            )
            .into_future(),
            linhas_autorizacao,
        )
        .await?;
    let id_aut = id_criada(r, &aut)?;
    let agora = r.agora();
    let no_estabelecimento = r
        .passo(
            "E28",
            "o estabelecimento recebe o veículo vindo da ITE",
            est.transferir_estoque_vindo_de_ite(&TransferenciaEstoqueVindoDeIte {
                chave_nota_fiscal_produto: d.chaves[1],
                chave_nota_fiscal_remessa: None,
                chave_nota_fiscal_servico: None,
                cpf_operador_responsavel: d.cpf_operador,
                data_hora_medicao_hodometro: agora,
                data_transferencia_estoque: agora,
                id_autorizacao: id_aut,
                quilometragem_hodometro: 4,
                valor_produto: valor("95000.00"),
            })
            .into_future(),
            linhas_estoque,
        )
        .await?;
    let id_est = id_se(r, &no_estabelecimento, &EstadoEstoque::Confirmado)?;
    let aut = r
        .passo(
            "E29",
            format!(
                "o estabelecimento autoriza a transferência para a ITE {}",
                d.cnpj_ite
            ),
            est.autorizar_transferencia_para_ite(&AutorizacaoTransferenciaParaIte {
                chave_nota_fiscal_produto_saida: d.chaves[2],
                cnpj_ite_destino: d.cnpj_ite,
                cpf_operador_responsavel: d.cpf_operador,
                id_estoque_origem: id_est,
                tipo_beneficio_tributario: None,
            })
            .into_future(),
            linhas_autorizacao,
        )
        .await?;
    let id_aut = id_criada(r, &aut)?;
    let agora = r.agora();
    let de_volta = r
        .passo(
            "§3.4",
            "a ITE recebe o veículo (transferência para ITE)",
            ite.transferir_para_ite(&TransferenciaParaIte {
                chave_nota_fiscal_remessa: d.chaves[2],
                codigo_cliente_montadora: None,
                cpf_operador_responsavel: d.cpf_operador,
                data_hora_medicao_hodometro: agora,
                data_transferencia_estoque: agora,
                id_autorizacao: id_aut,
                quilometragem_hodometro: 6,
                valor_produto: Some(valor("95000.00")),
            })
            .into_future(),
            linhas_estoque,
        )
        .await?;
    let id = id_se(r, &de_volta, &EstadoEstoque::Confirmado)?;

    r.registro
        .titulo_secao("ITE — o veículo acabado (mock de homologação), a saída e a ATPV-e");
    r.passo(
        "§3.4",
        format!("acabar o veículo inacabado (mock) — chassi {chassi}"),
        ite.acabar_veiculo_inacabado_mock_ite(&chassi).into_future(),
        |c| vec![format!("HTTP {}", c.status)],
    )
    .await?;
    let veiculo = r
        .passo(
            "§3.4",
            format!("consultar o veículo — chassi {chassi}"),
            ite.consultar_veiculo_ite(&chassi).into_future(),
            |v| {
                vec![format!(
                    "acabado: {}",
                    v.veiculo_acabado
                        .map_or("-", |a| if a { "sim" } else { "não" })
                )]
            },
        )
        .await?;
    if veiculo.veiculo_acabado != Some(true) {
        r.interrompido("o veículo não ficou acabado");
        return Err(Interrompido);
    }
    let saida = SaidaEstoqueIte::builder()
        .chave_nota_fiscal_produto(d.chaves[0])
        .chave_nota_fiscal_servico(d.chaves[2])
        .comprador(d.comprador.clone())
        .cpf_operador_responsavel(d.cpf_operador)
        .data_venda(r.agora())
        .email_estabelecimento("ite@example.com")
        .id_estoque(id)
        .valor_venda(valor("250000.00"))
        .build();
    let saida = construido(r, "saída da ITE", saida)?;
    let vendido = r
        .passo(
            "§3.4",
            format!("saída de estoque da ITE — estoque {}", id.0),
            ite.registrar_saida_estoque_ite(&saida).into_future(),
            linhas_estoque,
        )
        .await?;
    id_se(r, &vendido, &EstadoEstoque::Finalizado)?;
    r.passo(
        "§3.4",
        format!("PDF da ATPV-e (ITE) — chassi {chassi}"),
        ite.obter_pdf_atpv_ite(&chassi).into_future(),
        |p| {
            vec![format!(
                "ATPV-e {} — PDF {}",
                p.numero_atpv.as_deref().unwrap_or("-"),
                if p.pdf_atpv_base64.is_some() {
                    "recebido"
                } else {
                    "ausente"
                }
            )]
        },
    )
    .await?;

    r.registro.titulo_secao("ITE — cancelamentos");
    let agora = r.agora();
    let cancelado = r
        .passo(
            "§3.4",
            format!("cancelar a saída do estoque {}", id.0),
            ite.cancelar_saida_estoque_ite(&SolicitacaoCancelamentoSaida {
                cpf_operador_responsavel: d.cpf_operador,
                data_cancelamento_saida_estoque: agora.data(),
                id_estoque: id,
            })
            .into_future(),
            |e: &Estoque| {
                let mut l = linhas_estoque(e);
                l.push(format!(
                    "estoque gerado no cancelamento: {}",
                    novo_estoque(e).map_or_else(|| "-".to_owned(), |i| i.0.to_string())
                ));
                l
            },
        )
        .await?;
    let Some(novo) = novo_estoque(&cancelado) else {
        r.interrompido("o cancelamento da saída não gerou estoque");
        return Err(Interrompido);
    };
    let aut = r
        .passo(
            "§3.4",
            format!(
                "a ITE autoriza de novo o estoque {} ao estabelecimento",
                novo.0
            ),
            ite.autorizar_transferencia_estoque_vindo_de_ite(
                &AutorizacaoTransferenciaEstoqueVindoDeIte {
                    cnpj_estabelecimento_destino: d.cnpj_estabelecimento,
                    cpf_operador_responsavel: d.cpf_operador,
                    id_estoque_origem: novo,
                    para_cancelamento_de_transferencia: false,
                    valor_produto: valor("250000.00"),
                },
            )
            .into_future(),
            linhas_autorizacao,
        )
        .await?;
    let id_aut = id_criada(r, &aut)?;
    let cancelada = r
        .passo(
            "§3.4",
            format!("cancelar a autorização {}", id_aut.0),
            ite.cancelar_autorizacao_transferencia_estoque_vindo_de_ite(
                &CancelamentoAutorizacaoTransferencia {
                    cpf_operador_responsavel: d.cpf_operador,
                    id_autorizacao: id_aut,
                },
            )
            .into_future(),
            linhas_autorizacao,
        )
        .await?;
    if cancelada.estado_autorizacao_transferencia
        != Some(renave_domain::EstadoAutorizacaoTransferencia::Cancelada)
    {
        r.interrompido("a autorização não ficou CANCELADA");
        return Err(Interrompido);
    }
    Ok(())
}

fn novo_estoque(e: &Estoque) -> Option<renave_ws_client::modelos::IdEstoque> {
    e.saida_estoque
        .as_ref()?
        .cancelamento_saida_estoque
        .as_ref()?
        .id_estoque_gerado_no_cancelamento_saida
}
