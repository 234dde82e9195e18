//! `examples/montadora.rs` — the montadora group of Renave-WS (`renave-ws.md` §3.3) end to end,
//! with the establishment and the ITE where the flow crosses to them: the authenticated client,
//! the pending zero-km list, the zero-km entrada, the venda direta with `entregaIndicada`, the
//! delivery the establishment sees and makes (Z12/Z13), the ATPV-e; an unfinished vehicle
//! authorized to the ITE, taken by the ITE and transferred back; a cancellation; a refusal.
//! Every step and its return in the numbered log; the typed client against the simulator (or
//! homologação) at every step.

use renave_domain::{EstadoAutorizacaoTransferencia, EstadoEstoque};
use renave_ws_client::modelos::{AutorizacaoTransferencia, Estoque, IdEstoque};
use renave_ws_client::operacoes::ite::{
    AutorizacaoTransferenciaEstoqueVindoDeIte, TransferenciaParaIte,
};
use renave_ws_client::operacoes::montadora::{
    EntradaEstoqueZeroKmMontadora, FiltroEstoques, SaidaEstoqueVeiculoZeroKmMontadora,
};
use renave_ws_client::operacoes::transferencias::{
    AutorizacaoTransferenciaParaIte, EntregaIndicada, TransferenciaEstoqueVindoDeIte,
};
use renave_ws_client::operacoes::zero_km::{
    CancelamentoEntradaEstoqueZeroKm, FiltroEntregasVeiculoZeroKm, OperacaoEntregaVeiculoZeroKm,
};

use crate::grupos::{RoteiroGrupos, valor};
use crate::roteiro::Etapa;

/// One line per stock: id, estado, chassi.
pub(crate) fn linhas_estoque(e: &Estoque) -> Vec<String> {
    vec![format!(
        "estoque {} — estado {} — chassi {}",
        e.id.map_or_else(|| "-".to_owned(), |i| i.0.to_string()),
        e.estado
            .as_ref()
            .map_or_else(|| "-".to_owned(), ToString::to_string),
        e.chassi
            .as_ref()
            .map_or_else(|| "-".to_owned(), |c| c.as_str().to_owned()),
    )]
}

/// One line per authorization: id, estado, destination.
pub(crate) fn linhas_autorizacao(a: &AutorizacaoTransferencia) -> Vec<String> {
    vec![format!(
        "autorização {} — estado {} — destino {}",
        a.id.map_or_else(|| "-".to_owned(), |i| i.0.to_string()),
        a.estado_autorizacao_transferencia
            .as_ref()
            .map_or_else(|| "-".to_owned(), ToString::to_string),
        a.cnpj_estabelecimento_destino
            .as_ref()
            .map_or_else(|| "-".to_owned(), |c| c.as_str().to_owned()),
    )]
}

/// The stock's id when its state is `estado`; otherwise the flow stops.
pub(crate) fn id_se(
    r: &mut RoteiroGrupos,
    e: &Estoque,
    estado: &EstadoEstoque,
) -> Etapa<IdEstoque> {
    match (e.id, &e.estado) {
        (Some(id), Some(s)) if s == estado => Ok(id),
        _ => {
            r.interrompido(&format!("estoque sem id ou fora do estado {estado}"));
            Err(crate::roteiro::Interrompido)
        }
    }
}

/// The authorization's id when it is `CRIADA`; otherwise the flow stops.
pub(crate) fn id_criada(
    r: &mut RoteiroGrupos,
    a: &AutorizacaoTransferencia,
) -> Etapa<renave_ws_client::modelos::IdAutorizacao> {
    if let (Some(id), Some(EstadoAutorizacaoTransferencia::Criada)) =
        (a.id, &a.estado_autorizacao_transferencia)
    {
        Ok(id)
    } else {
        r.interrompido("autorização sem id ou fora do estado CRIADA");
        Err(crate::roteiro::Interrompido)
    }
}

/// The montadora example's run; whether every step showed what it should.
pub async fn montadora(r: &mut RoteiroGrupos) -> bool {
    let conforme = fluxo(r).await.is_ok();
    conforme && r.registro.tudo_conforme() && !r.registro.passos.is_empty()
}

#[expect(clippy::too_many_lines, reason = "one numbered step after the other")]
async fn fluxo(r: &mut RoteiroGrupos) -> Etapa<()> {
    let d = r.dados.clone();
    let m = r.montadora.clone();
    let est = r.estabelecimento.clone();
    let ite = r.ite.clone();
    r.registro
        .titulo_secao("Montadora — credencial e veículos pendentes");
    r.passo(
        "§3.3",
        "cliente autenticado (montadora)",
        m.consultar_cliente_autenticado_montadora().into_future(),
        |c| {
            vec![format!(
                "CNPJ {} — {}",
                c.cnpj.as_ref().map_or("-", |c| c.as_str()),
                c.nome.as_deref().unwrap_or("-")
            )]
        },
    )
    .await?;
    let pendentes = r
        .passo(
            "§3.3",
            format!(
                "veículos zero km pendentes de entrada — chassi {}",
                d.zero_km_pendente
            ),
            m.consultar_veiculos_zero_km_pendentes_entrada_estoque_montadora(Some(
                &d.zero_km_pendente,
            ))
            .into_future(),
            |l| {
                l.iter()
                    .map(|v| {
                        format!(
                            "pendente: chassi {} — acabado {}",
                            v.chassi.as_ref().map_or("-", |c| c.as_str()),
                            v.veiculo_acabado
                                .map_or("-", |a| if a { "sim" } else { "não" })
                        )
                    })
                    .collect()
            },
        )
        .await?;
    if pendentes.validos().is_empty() {
        r.interrompido("o chassi não está pendente de entrada");
        return Err(crate::roteiro::Interrompido);
    }

    r.registro
        .titulo_secao("Montadora — entrada zero km e venda direta com entrega indicada");
    let agora = r.agora();
    let entrada = EntradaEstoqueZeroKmMontadora {
        chassi: d.zero_km_pendente,
        cpf_operador_responsavel: d.cpf_operador,
        data_entrada_estoque: agora,
        data_hora_medicao_hodometro: agora,
        quilometragem_hodometro: 0,
    };
    let e = r
        .passo(
            "§3.3",
            format!("entrada em estoque zero km — chassi {}", d.zero_km_pendente),
            m.registrar_entrada_estoque_zero_km_montadora(&entrada)
                .into_future(),
            linhas_estoque,
        )
        .await?;
    let id = id_se(r, &e, &EstadoEstoque::Confirmado)?;
    r.recusa(
        "§3.3",
        "entrada repetida do mesmo chassi (recusada: estoque ativo)",
        "422",
        m.registrar_entrada_estoque_zero_km_montadora(&entrada)
            .into_future(),
    )
    .await;
    let venda = SaidaEstoqueVeiculoZeroKmMontadora::builder()
        .id_estoque(id)
        .chave_nota_fiscal(d.chaves[0])
        .comprador(d.comprador.clone())
        .cpf_operador_responsavel(d.cpf_operador)
        .data_venda(r.agora())
        .email_estabelecimento("vendas@montadora.example")
        .entrega_indicada(EntregaIndicada {
            cnpj_concessionaria_entregadora: d.cnpj_estabelecimento,
            cnpj_concessionaria_vendedora: d.cnpj_estabelecimento,
        })
        .valor_venda(valor("129990.90"))
        .build()
        .map_err(|e| {
            r.interrompido(&format!("venda direta: {e}"));
            crate::roteiro::Interrompido
        })?;
    let vendido = r
        .passo(
            "§3.3",
            format!(
                "venda direta com entregaIndicada (entregadora {})",
                d.cnpj_estabelecimento
            ),
            m.registrar_saida_estoque_veiculo_zero_km_montadora(&venda)
                .into_future(),
            linhas_estoque,
        )
        .await?;
    id_se(r, &vendido, &EstadoEstoque::Finalizado)?;

    r.registro
        .titulo_secao("Estabelecimento — a entrega indicada (Z12, Z13) e a ATPV-e");
    let filtro = FiltroEntregasVeiculoZeroKm {
        chassi: Some(d.zero_km_pendente),
        ..FiltroEntregasVeiculoZeroKm::default()
    };
    let entregas = r
        .passo(
            "Z12",
            format!(
                "entregas do chassi {} (estabelecimento)",
                d.zero_km_pendente
            ),
            est.consultar_entregas_veiculo_zero_km(&filtro)
                .into_future(),
            |l| {
                l.iter()
                    .map(|x| {
                        format!(
                            "entrega {} — estado {}",
                            x.id.map_or_else(|| "-".to_owned(), |i| i.0.to_string()),
                            x.estado.as_deref().unwrap_or("-")
                        )
                    })
                    .collect()
            },
        )
        .await?;
    let Some(id_entrega) = entregas
        .iter()
        .find(|x| x.estado.as_deref() == Some("PENDENTE"))
        .and_then(|x| x.id)
    else {
        r.interrompido("nenhuma entrega PENDENTE para o chassi");
        return Err(crate::roteiro::Interrompido);
    };
    let feita = r
        .passo(
            "Z13",
            format!("realizar a entrega {}", id_entrega.0),
            est.realizar_entrega_veiculo_zero_km(&OperacaoEntregaVeiculoZeroKm {
                cpf_operador_responsavel: d.cpf_operador,
                id_entrega,
            })
            .into_future(),
            |x| vec![format!("estado {}", x.estado.as_deref().unwrap_or("-"))],
        )
        .await?;
    if feita.estado.as_deref() != Some("REALIZADA") {
        r.interrompido("a entrega não ficou REALIZADA");
        return Err(crate::roteiro::Interrompido);
    }
    r.passo(
        "§3.3",
        format!("PDF da ATPV-e (montadora) — chassi {}", d.zero_km_pendente),
        m.obter_pdf_atpv_montadora(&d.zero_km_pendente)
            .into_future(),
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

    r.registro
        .titulo_secao("Montadora → ITE → montadora: um veículo inacabado");
    let estoques = r
        .passo(
            "§3.3",
            format!("estoque da montadora — chassi {}", d.inacabado_em_estoque),
            m.consultar_estoques_montadora(&FiltroEstoques {
                chassi: Some(d.inacabado_em_estoque),
                estado_estoque: Some(EstadoEstoque::Confirmado),
            })
            .into_future(),
            |l| l.iter().flat_map(linhas_estoque).collect(),
        )
        .await?;
    let Some(id_inacabado) = estoques.validos().first().and_then(|e| e.id) else {
        r.interrompido("o inacabado não está no estoque da montadora");
        return Err(crate::roteiro::Interrompido);
    };
    let aut = r
        .passo(
            "§3.3",
            format!("autorizar a transferência para a ITE {}", d.cnpj_ite),
            m.autorizar_transferencia_para_ite_montadora(&AutorizacaoTransferenciaParaIte {
                chave_nota_fiscal_produto_saida: d.chaves[1],
                cnpj_ite_destino: d.cnpj_ite,
                cpf_operador_responsavel: d.cpf_operador,
                id_estoque_origem: id_inacabado,
                tipo_beneficio_tributario: None,
            })
            .into_future(),
            linhas_autorizacao,
        )
        .await?;
    let id_aut = id_criada(r, &aut)?;
    let agora = r.agora();
    let na_ite = r
        .passo(
            "§3.4",
            "a ITE recebe o veículo (transferência para ITE)",
            ite.transferir_para_ite(&TransferenciaParaIte {
                chave_nota_fiscal_remessa: d.chaves[1],
                codigo_cliente_montadora: None,
                cpf_operador_responsavel: d.cpf_operador,
                data_hora_medicao_hodometro: agora,
                data_transferencia_estoque: agora,
                id_autorizacao: id_aut,
                quilometragem_hodometro: 5,
                valor_produto: None,
            })
            .into_future(),
            linhas_estoque,
        )
        .await?;
    let id_na_ite = id_se(r, &na_ite, &EstadoEstoque::Confirmado)?;
    let volta = r
        .passo(
            "§3.4",
            "a ITE autoriza a volta à montadora (paraCancelamentoDeTransferencia)",
            ite.autorizar_transferencia_estoque_vindo_de_ite(
                &AutorizacaoTransferenciaEstoqueVindoDeIte {
                    cnpj_estabelecimento_destino: d.cnpj_montadora,
                    cpf_operador_responsavel: d.cpf_operador,
                    id_estoque_origem: id_na_ite,
                    para_cancelamento_de_transferencia: true,
                    valor_produto: valor("210000.00"),
                },
            )
            .into_future(),
            linhas_autorizacao,
        )
        .await?;
    let id_volta = id_criada(r, &volta)?;
    let agora = r.agora();
    let de_volta = r
        .passo(
            "§3.3",
            "a montadora recebe o veículo vindo da ITE",
            m.transferir_estoque_vindo_de_ite_montadora(&TransferenciaEstoqueVindoDeIte {
                chave_nota_fiscal_produto: d.chaves[2],
                chave_nota_fiscal_remessa: Some(d.chaves[1]),
                chave_nota_fiscal_servico: None,
                cpf_operador_responsavel: d.cpf_operador,
                data_hora_medicao_hodometro: agora,
                data_transferencia_estoque: agora,
                id_autorizacao: id_volta,
                quilometragem_hodometro: 9,
                valor_produto: valor("210000.00"),
            })
            .into_future(),
            linhas_estoque,
        )
        .await?;
    id_se(r, &de_volta, &EstadoEstoque::Confirmado)?;

    r.registro.titulo_secao("Montadora — um cancelamento");
    let agora = r.agora();
    let e = r
        .passo(
            "§3.3",
            format!("entrada em estoque — inacabado {}", d.inacabado_pendente),
            m.registrar_entrada_estoque_zero_km_montadora(&EntradaEstoqueZeroKmMontadora {
                chassi: d.inacabado_pendente,
                cpf_operador_responsavel: d.cpf_operador,
                data_entrada_estoque: agora,
                data_hora_medicao_hodometro: agora,
                quilometragem_hodometro: 0,
            })
            .into_future(),
            linhas_estoque,
        )
        .await?;
    let id = id_se(r, &e, &EstadoEstoque::Confirmado)?;
    let cancelado = r
        .passo(
            "§3.3",
            format!("cancelar a entrada do estoque {}", id.0),
            m.cancelar_entrada_estoque_zero_km_montadora(&CancelamentoEntradaEstoqueZeroKm {
                cpf_operador_responsavel: d.cpf_operador,
                data_cancelamento_entrada_estoque: agora.data(),
                id_estoque: id,
            })
            .into_future(),
            linhas_estoque,
        )
        .await?;
    id_se(r, &cancelado, &EstadoEstoque::Finalizado)?;
    Ok(())
}
