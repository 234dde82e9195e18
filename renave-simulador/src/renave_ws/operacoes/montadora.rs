//! The montadora group (`/api/montadora/…`, `renave-ws.md` §3.3), answered as the seeded
//! montadora ([`crate::CNPJ_MONTADORA`]): its zero-km entrada from its own pending list, the
//! venda direta whose indicated delivery (*entrega indicada*) the establishment then makes
//! (Z12–Z14), the sale of unfinished vehicles, the Renovar exits, the cancellations, and the
//! transfers to and back from an ITE (one world with the establishment's and the ITE's routes).

use renave_domain::Chassi;
use renave_domain::rotas::{self, Rota};
use serde_json::{Map, Value, json};

use super::transferencias::{
    Recebimento, autorizar_para_ite_de, cancelar_autorizacao_de, consultar_autorizacoes_de,
    receber_transferencia,
};
use super::usados::{
    Venda, cancelar_saida_de, listar_estoques, municipios, registrar_saida_de, termo_saida,
};
use super::{
    Parametros, Pedido, Tipo, chave_nf, chave_nf_opcional, cliente_autenticado_de, cnpj, comprador,
    cpf_operador, email, estoque_do_corpo_de, exigir_confirmado, exigir_sem_autorizacao, km,
    pdf_atpv_de,
};
use crate::renave_ws::estado::{Ator, Entrega, Estado, Estoque, fmt_data_hora};
use crate::renave_ws::http::{Campos, Res, Resposta, e404, e422, json, validar};

const EU: Ator = Ator::Montadora;

/// Answers one route of the montadora group ([`rotas::renave_ws::MONTADORA`]); `None` for a
/// route of another group.
pub(super) fn despachar(
    e: &mut Estado,
    p: &Pedido<'_>,
    rota: Rota,
    par: &Parametros<'_>,
    c: Campos<'_>,
) -> Option<Res> {
    use rotas::renave_ws as r;
    Some(match rota {
        r::CONSULTAR_CLIENTE_AUTENTICADO_MONTADORA => Ok(cliente_autenticado_de(e, EU)),
        r::CONSULTAR_MUNICIPIOS_MONTADORA => Ok(municipios(p)),
        r::CONSULTAR_ESTOQUES_MONTADORA => estoques(e, p),
        r::OBTER_TERMO_SAIDA_ESTOQUE_MONTADORA => termo_saida(e, par.get("idEstoque"), EU),
        r::OBTER_PDF_ATPV_MONTADORA => pdf_atpv_de(e, p, EU),
        r::CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE_MONTADORA => Ok(pendentes(e, p)),
        r::CONSULTAR_ENTREGAS_VEICULO_ZERO_KM_MONTADORA => Ok(entregas(e, p)),
        r::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_MONTADORA => {
            Ok(consultar_autorizacoes_de(e, p, EU))
        }
        r::REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA => entrada(e, c),
        r::CANCELAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA => cancelar_entrada(e, c),
        r::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_MONTADORA => saida(e, c, false, false),
        r::CANCELAR_SAIDA_ESTOQUE_ZERO_KM_MONTADORA => cancelar_saida(e, c, Tipo::ZeroKm),
        r::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA => saida(e, c, true, false),
        r::CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA => {
            cancelar_saida(e, c, Tipo::Inacabado)
        }
        r::AUTORIZAR_TRANSFERENCIA_PARA_ITE_MONTADORA => autorizar_para_ite_de(e, c, EU),
        r::CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE_MONTADORA => {
            cancelar_autorizacao_de(e, c, Tipo::Ite, EU)
        }
        r::TRANSFERIR_ESTOQUE_VINDO_DE_ITE_MONTADORA => vindo_de_ite(e, c),
        r::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR_MONTADORA => saida(e, c, false, true),
        r::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR_MONTADORA => saida(e, c, true, true),
        _ => return None,
    })
}

/// The montadora's Estoque: §5.1 plus `comprador`, `entregas[]` and
/// `tipoBeneficioTributarioJson` (montadora group only, S4).
pub(super) fn estoque_json(e: &Estado, est: &Estoque) -> Value {
    let mut v = est.para_json();
    let entregas: Vec<Value> = e
        .entregas
        .values()
        .filter(|x| x.chassi == est.chassi && x.cnpj_montadora == e.cnpj_montadora)
        .map(Entrega::para_json)
        .collect();
    if let Value::Object(m) = &mut v {
        let comprador = est
            .saida
            .as_ref()
            .and_then(|s| s.comprador.clone())
            .unwrap_or(Value::Null);
        m.insert("comprador".into(), comprador);
        m.insert("entregas".into(), Value::Array(entregas));
        m.entry("tipoBeneficioTributarioJson")
            .or_insert(Value::Null);
    }
    v
}

fn estoques(e: &Estado, p: &Pedido<'_>) -> Res {
    let lista = listar_estoques(e, p, EU)?;
    Ok(json(
        200,
        Value::Array(lista.into_iter().map(|s| estoque_json(e, s)).collect()),
    ))
}

fn pendentes(e: &Estado, p: &Pedido<'_>) -> Resposta {
    let chassi = p.q("chassi");
    let lista: Vec<Value> = e
        .pendentes_montadora
        .iter()
        .filter(|(ch, _)| chassi.as_deref().is_none_or(|c| c == ch.as_str()))
        .map(|(ch, dh)| {
            json!({
                "chassi": ch,
                "dataHoraCadastro": fmt_data_hora(*dh),
                "veiculoAcabado": e.veiculos.get(ch).is_none_or(|v| v.acabado),
            })
        })
        .collect();
    json(200, Value::Array(lista))
}

fn entregas(e: &Estado, p: &Pedido<'_>) -> Resposta {
    let chassi = p.q("chassi");
    let estado = p.q("estado");
    let vendedor = p.q("cnpjEstabelecimentoVendedor");
    let entregador = p.q("cnpjEstabelecimentoEntregador");
    let lista: Vec<Value> = e
        .entregas
        .values()
        .filter(|x| x.cnpj_montadora == e.cnpj_montadora)
        .filter(|x| chassi.as_deref().is_none_or(|c| x.chassi == c))
        .filter(|x| estado.as_deref().is_none_or(|c| x.estado == c))
        .filter(|x| vendedor.as_deref().is_none_or(|c| x.cnpj_vendedor == c))
        .filter(|x| entregador.as_deref().is_none_or(|c| x.cnpj_entregador == c))
        .map(Entrega::para_json)
        .collect();
    json(200, Value::Array(lista))
}

/// `entradas-estoque-zero-km`: a chassi of the montadora's pending list enters its stock as
/// `CONFIRMADO`.
fn entrada(e: &mut Estado, c: Campos<'_>) -> Res {
    let chassi = c.exigir(e, "chassi", "Chassi é obrigatório")?;
    let chassi = validar(e, &chassi, Chassi::parse, "Chassi inválido")?;
    let cpf = cpf_operador(e, c)?;
    let data = c.exigir_data(
        e,
        "dataEntradaEstoque",
        "Data da entrada em estoque é obrigatória",
    )?;
    let medicao = c.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    let km = km(e, c)?;
    let chassi = chassi.as_str().to_owned();
    if e.estoque_ativo_do_chassi(&chassi).is_some() {
        return Err(e422(
            e,
            &format!("Veículo de chassi {chassi} possui um estoque ativo"),
        ));
    }
    if e.pendentes_montadora.remove(&chassi).is_none() {
        return Err(e422(
            e,
            "Chassi informado não está pré-cadastrado como pendente de entrada no estoque da montadora",
        ));
    }
    let id = e.novo_id();
    let agora = e.agora();
    let dono = e.cnpj_montadora.clone();
    let mut est = e.estoque_zero_km(id, &chassi, &dono, &cpf, data.min(agora));
    est.km = km;
    est.data_hora_medicao = fmt_data_hora(medicao);
    let corpo = estoque_json(e, &est);
    e.estoques.insert(id, est);
    Ok(json(201, corpo))
}

/// `cancelamentos-entrada-estoque-zero-km`: a `CONFIRMADO` stock without sale or pending
/// authorization is cancelled; the chassi is pending again.
fn cancelar_entrada(e: &mut Estado, c: Campos<'_>) -> Res {
    let _ = cpf_operador(e, c)?;
    let _ = c.exigir_data(
        e,
        "dataCancelamentoEntradaEstoque",
        "Data do cancelamento da entrada é obrigatória",
    )?;
    let id = estoque_do_corpo_de(e, c, EU, "idEstoque")?;
    let Some(est) = e.estoques.get(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    exigir_confirmado(e, est)?;
    if est.id_origem_transferencia.is_some() {
        return Err(e422(
            e,
            "Entrada por transferência não pode ser cancelada como entrada de veículo zero km",
        ));
    }
    exigir_sem_autorizacao(e, &est.chassi)?;
    let agora = e.agora();
    let Some(est) = e.estoques.get_mut(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    est.estado = "FINALIZADO";
    est.cancelamento = Some((agora, "CANCELAMENTO_ENTRADA"));
    let chassi = est.chassi.clone();
    e.pendentes_montadora.insert(chassi, agora);
    let corpo = e
        .estoques
        .get(&id)
        .map_or(Value::Null, |s| estoque_json(e, s));
    Ok(json(201, corpo))
}

/// The venda direta (`saidas-estoque-veiculo-zero-km`), the sale of an unfinished vehicle
/// (`saidas-estoque-veiculo-inacabado`, with `leasingVeiculoInacabado`) and their Renovar
/// variants. With `entregaIndicada` the sale creates the delivery (*entrega*, `PENDENTE`) the
/// indicated dealer makes (Z13), and the ATPV-e is issued then (T2); without it, at once.
/// An unfinished vehicle gets no ATPV-e.
fn saida(e: &mut Estado, c: Campos<'_>, inacabado: bool, renovar: bool) -> Res {
    let id = estoque_do_corpo_de(e, c, EU, "idEstoque")?;
    let chave = chave_nf(e, c, "chaveNotaFiscal")?;
    let _ = c.exigir_data(e, "dataVenda", "Data da venda é obrigatória")?;
    let valor = c.exigir_numero(e, "valorVenda", "Valor da venda é obrigatório")?;
    let cpf = cpf_operador(e, c)?;
    let _ = email(
        e,
        c,
        "emailEstabelecimento",
        "E-mail do estabelecimento é obrigatório",
    )?;
    let comp = comprador(e, c)?;
    // The Renovar sale of an unfinished vehicle names its dealers under `entregas`: S11 sets
    // `entregas.cnpjConcessionaria…` on the request it serializes with Newtonsoft's default
    // names, as it sets `entregaIndicada` on the 0 km Renovar request (**P**, one source). The
    // typed client sends the same; `entregaIndicada` is not read there (an unknown field,
    // ignored as Spring ignores one).
    let indicada = if inacabado && renovar {
        c.objeto("entregas")
    } else {
        c.objeto("entregaIndicada")
    };
    let entrega = match indicada {
        Some(o) => Some((
            cnpj(
                e,
                o,
                "cnpjConcessionariaEntregadora",
                "CNPJ da concessionária entregadora",
            )?,
            cnpj(
                e,
                o,
                "cnpjConcessionariaVendedora",
                "CNPJ da concessionária vendedora",
            )?,
        )),
        None => None,
    };
    if renovar
        && c.booleano("estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar") != Some(true)
    {
        return Err(e422(
            e,
            "O estabelecimento deve declarar ciência da responsabilidade sobre o processo Renovar",
        ));
    }
    let Some(est) = e.estoques.get(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    if inacabado && est.acabado {
        return Err(e422(e, "O veículo do estoque não é inacabado"));
    }
    if !inacabado && !est.acabado {
        return Err(e422(
            e,
            "Veículo inacabado: utilize a saída de estoque de veículo inacabado",
        ));
    }
    exigir_confirmado(e, est)?;
    let chassi = est.chassi.clone();
    exigir_sem_autorizacao(e, &chassi)?;
    let comprador_doc = comp
        .get("numeroDocumento")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let vendedor = e.cnpj_montadora.clone();
    registrar_saida_de(
        e,
        id,
        Venda {
            vendedor,
            cpf,
            valor,
            comprador: comp,
            chave: Some(chave),
            emitir_atpv: entrega.is_none() && !inacabado,
        },
    );
    let hoje = e.agora().date();
    let beneficio = c.texto("tipoBeneficioTributario");
    let leasing = c.booleano("leasingVeiculoInacabado").unwrap_or(false);
    if let Some(est) = e.estoques.get_mut(&id) {
        if let Some(tipo) = beneficio {
            est.extras.estoque.insert(
                "tipoBeneficioTributarioJson".into(),
                json!({ "tipo": tipo, "dataInicioVigencia": hoje.to_string(), "dataFimVigencia": null }),
            );
        }
        if inacabado {
            est.extras
                .estoque
                .insert("leasingVeiculoInacabado".into(), Value::Bool(leasing));
        }
    }
    if let Some((entregador, vendedora)) = entrega {
        let id_entrega = e.novo_id();
        let montadora = e.cnpj_montadora.clone();
        e.entregas.insert(
            id_entrega,
            Entrega {
                id: id_entrega,
                chassi,
                estado: "PENDENTE",
                id_atpv: None,
                cnpj_entregador: entregador,
                cnpj_vendedor: vendedora,
                cnpj_montadora: montadora,
                gerada_no_cancelamento: None,
                origem_cancelamento: None,
                realizacao: None,
                cancelamento: None,
                comprador: comprador_doc,
                valor,
            },
        );
    }
    let corpo = e
        .estoques
        .get(&id)
        .map_or(Value::Null, |s| estoque_json(e, s));
    Ok(json(201, corpo))
}

/// Cancels a montadora's sale: refused once the indicated dealer made the delivery (the
/// dealer cancels it first, Z14); a delivery still pending is cancelled with the sale.
fn cancelar_saida(e: &mut Estado, c: Campos<'_>, tipo: Tipo) -> Res {
    let cpf = cpf_operador(e, c)?;
    let _ = c.exigir_data(
        e,
        "dataCancelamentoSaidaEstoque",
        "Data do cancelamento da saída é obrigatória",
    )?;
    let id = estoque_do_corpo_de(e, c, EU, "idEstoque")?;
    let chassi = e
        .estoques
        .get(&id)
        .map(|s| s.chassi.clone())
        .unwrap_or_default();
    let montadora = e.cnpj_montadora.clone();
    let da_venda = |x: &Entrega| x.chassi == chassi && x.cnpj_montadora == montadora;
    if e.entregas
        .values()
        .any(|x| da_venda(x) && x.estado == "REALIZADA")
    {
        return Err(e422(
            e,
            "A entrega do veículo já foi realizada pela concessionária: a entrega deve ser cancelada antes",
        ));
    }
    let r = cancelar_saida_de(e, c, tipo, EU)?;
    let agora = e.agora();
    for x in e.entregas.values_mut() {
        if da_venda(x) && x.estado == "PENDENTE" {
            x.estado = "CANCELADA";
            x.cancelamento = Some((cpf.clone(), agora, "CANCELAMENTO_SAIDA_MONTADORA"));
        }
    }
    Ok(r)
}

/// `transferencias-estoque-vindo-de-ite`: the montadora receives a vehicle an ITE authorized
/// to it (`autorizacoes-transferencias-estoque-vindo-de-ite`).
fn vindo_de_ite(e: &mut Estado, c: Campos<'_>) -> Res {
    let produto = chave_nf(e, c, "chaveNotaFiscalProduto")?;
    let remessa = chave_nf_opcional(e, c, "chaveNotaFiscalRemessa")?;
    let servico = chave_nf_opcional(e, c, "chaveNotaFiscalServico")?;
    let cpf = cpf_operador(e, c)?;
    let medicao = c.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    let _ = c.exigir_data(
        e,
        "dataTransferenciaEstoque",
        "Data da transferência é obrigatória",
    )?;
    let id = c.exigir_inteiro(
        e,
        "idAutorizacao",
        "Id da autorização de transferência é obrigatória",
    )?;
    let km = km(e, c)?;
    let valor = c.exigir_numero(e, "valorProduto", "Valor do produto é obrigatório")?;
    let agora = fmt_data_hora(e.agora());
    let mut extras = Map::new();
    extras.insert("chaveNotaFiscalEntrada".into(), Value::from(produto));
    extras.insert(
        "dataHoraEnvioNotaFiscalEntrada".into(),
        Value::from(agora.clone()),
    );
    if let Some(r) = remessa {
        extras.insert("chaveNotaFiscalRemessaEntrada".into(), Value::from(r));
        extras.insert(
            "dataHoraEnvioNotaFiscalRemessaEntrada".into(),
            Value::from(agora.clone()),
        );
    }
    if let Some(s) = servico {
        extras.insert("chaveNotaFiscalServicoEntrada".into(), Value::from(s));
        extras.insert(
            "dataHoraEnvioNotaFiscalServicoEntrada".into(),
            Value::from(agora),
        );
    }
    let r = receber_transferencia(
        e,
        Recebimento {
            id_aut: id,
            cpf,
            km,
            medicao: fmt_data_hora(medicao),
            valor,
            zero_km: None,
            para_ite: false,
            vindo_de_ite: true,
            chassi_informado: None,
            receptor: EU,
            extras_entrada: extras,
        },
    )?;
    // Answer in the montadora's Estoque shape.
    let novo = e
        .autorizacoes
        .get(&id)
        .and_then(|a| a.id_estoque_gerado)
        .and_then(|n| e.estoques.get(&n));
    Ok(novo.map_or(r, |s| json(201, estoque_json(e, s))))
}
