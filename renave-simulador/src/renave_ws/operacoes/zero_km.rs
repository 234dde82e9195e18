//! Sales with a buyer (Z3, Z15, E31, Z16) and the zero-km operations (Z1–Z14, `renave-ws.md` §4 "Zero km details", §7.4).

use renave_domain::{Chassi, MotivoDevolucaoMontadora, MotivoRejeicao};
use serde_json::{Value, json};

use super::usados::registrar_saida;
use super::{
    Pedido, Tipo, chave_nf, comprador, cpf_operador, email, estoque_do_corpo, exigir_confirmado,
    km, nova_intencao,
};
use crate::renave_ws::estado::{Entrada, Entrega, Estado, Estoque, Extras, Saida, fmt_data_hora};
use crate::renave_ws::http::{Campos, Res, Resposta, e400, e404, e422, json, validar, vazio};

pub(super) fn saida_venda(e: &mut Estado, c: Campos<'_>, tipo: Tipo, renovar: bool) -> Res {
    let id = estoque_do_corpo(e, c)?;
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
    match tipo {
        Tipo::ZeroKm if !est.zero_km => {
            return Err(e422(e, "O estoque informado não é de veículo zero km"));
        }
        Tipo::ZeroKm if !est.acabado => {
            return Err(e422(
                e,
                "Veículo inacabado: utilize a saída de estoque de veículo inacabado",
            ));
        }
        Tipo::Inacabado if est.acabado => {
            return Err(e422(e, "O veículo do estoque não é inacabado"));
        }
        _ => {}
    }
    exigir_confirmado(e, est)?;
    registrar_saida(e, id, cpf, valor, comp, Some(chave));
    if tipo == Tipo::Inacabado {
        // Unfinished vehicles get no ATPV-e (Z16 downloads none).
        if let Some(chassi) = e.estoques.get(&id).map(|s| s.chassi.clone()) {
            if let Some(i) = e
                .veiculos
                .get_mut(&chassi)
                .and_then(|v| v.intencao_ativa_mut())
            {
                i.estado = "CONSUMIDA";
            }
        }
    }
    let corpo = e.estoques.get(&id).map_or(Value::Null, Estoque::para_json);
    Ok(json(201, corpo))
}

pub(super) fn pendentes(e: &Estado, p: &Pedido<'_>) -> Resposta {
    let chassi = p.q("chassi");
    let lista: Vec<Value> = e
        .pendentes
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

pub(super) fn entrada_zero_km(e: &mut Estado, c: Campos<'_>) -> Res {
    let chassi = c.exigir(e, "chassi", "Chassi é obrigatório")?;
    let chassi = validar(e, &chassi, Chassi::parse, "Chassi inválido")?;
    let chave = chave_nf(e, c, "chaveNotaFiscal")?;
    let valor = c.exigir_numero(e, "valorCompra", "Valor da compra é obrigatório")?;
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
    let cpf = cpf_operador(e, c)?;
    let chassi = chassi.as_str().to_owned();
    if e.estoque_ativo_do_chassi(&chassi).is_some() {
        return Err(e422(
            e,
            &format!("Veículo de chassi {chassi} já está em estoque"),
        ));
    }
    if !e.pendentes.contains_key(&chassi) {
        return Err(e422(
            e,
            "Chassi informado não está cadastrado como pendente de entrada para o estabelecimento",
        ));
    }
    let acabado = e.veiculos.get(&chassi).is_none_or(|v| v.acabado);
    let montadora = e.cnpj_montadora.clone();
    e.pendentes.remove(&chassi);
    let id = e.novo_id();
    let agora = e.agora();
    let est = Estoque {
        id,
        estado: "CONFIRMADO",
        chassi,
        placa: None,
        renavam: None,
        numero_crv: None,
        codigo_seguranca_crv: None,
        tipo_crv: None,
        km,
        data_hora_medicao: fmt_data_hora(medicao),
        entrada: Entrada {
            cpf_operador: cpf,
            data_hora: data.min(agora),
            chave_nf: Some((chave, agora)),
            numero_termo: 900_000 + id,
            vendedor: Some(montadora),
            valor_compra: valor,
        },
        assinatura_ok: true,
        nf_dispensada: true,
        detran_desde: Some(agora),
        saida: None,
        cancelamento: None,
        origem_cancelamento: None,
        id_origem_transferencia: None,
        zero_km: true,
        acabado,
        dono: e.cnpj.clone(),
        extras: Extras::default(),
    };
    let corpo = est.para_json();
    e.estoques.insert(id, est);
    Ok(json(201, corpo))
}

pub(super) fn estoque_zero_km_sem_saida(e: &Estado, id: i64) -> Result<(), Resposta> {
    let Some(est) = e.estoques.get(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    if !est.zero_km {
        return Err(e422(e, "O estoque informado não é de veículo zero km"));
    }
    exigir_confirmado(e, est)
}

pub(super) fn cancelar_entrada_zero_km(e: &mut Estado, c: Campos<'_>) -> Res {
    let _ = cpf_operador(e, c)?;
    let _ = c.exigir_data(
        e,
        "dataCancelamentoEntradaEstoque",
        "Data do cancelamento da entrada é obrigatória",
    )?;
    let id = estoque_do_corpo(e, c)?;
    estoque_zero_km_sem_saida(e, id)?;
    let agora = e.agora();
    let Some(est) = e.estoques.get_mut(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    est.estado = "FINALIZADO";
    est.cancelamento = Some((agora, "CANCELAMENTO_ENTRADA"));
    let chassi = est.chassi.clone();
    let corpo = est.para_json();
    e.pendentes.insert(chassi, agora);
    Ok(json(201, corpo))
}

pub(super) fn devolucao_montadora(e: &mut Estado, c: Campos<'_>) -> Res {
    let chave = chave_nf(e, c, "chaveNotaFiscal")?;
    let cpf = cpf_operador(e, c)?;
    let _ = c.exigir_data(e, "dataDevolucao", "Data da devolução é obrigatória")?;
    let id = estoque_do_corpo(e, c)?;
    let motivo = c.exigir(
        e,
        "motivoDevolucaoMontadora",
        "Motivo da devolução à montadora é obrigatório",
    )?;
    if !MotivoDevolucaoMontadora::from(motivo.as_str()).is_conhecido() {
        return Err(e400(
            e,
            &format!("Motivo da devolução à montadora inválido: {motivo}"),
        ));
    }
    estoque_zero_km_sem_saida(e, id)?;
    let agora = e.agora();
    let Some(est) = e.estoques.get_mut(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    est.estado = "FINALIZADO";
    est.saida = Some(Saida {
        cpf_operador: cpf,
        motivo: "DEVOLUCAO_MONTADORA",
        data_hora: agora,
        chave_nf: Some((chave, agora)),
        comprador: None,
        numero_termo: 950_000 + id,
        valor_venda: 0.0,
        transferencia_comprador_em: agora,
        cancelamento: None,
    });
    Ok(json(201, est.para_json()))
}

pub(super) fn rejeicao(e: &mut Estado, c: Campos<'_>) -> Res {
    let chassi = c.exigir(e, "chassi", "Chassi é obrigatório")?;
    let _ = cpf_operador(e, c)?;
    let motivo = c.exigir(e, "motivoRejeicao", "Motivo da rejeição é obrigatório")?;
    if !MotivoRejeicao::from(motivo.as_str()).is_conhecido() {
        return Err(e400(e, &format!("Motivo da rejeição inválido: {motivo}")));
    }
    let Some(dh) = e.pendentes.remove(&chassi) else {
        return Err(e422(
            e,
            "Chassi informado não está pendente de entrada para o estabelecimento",
        ));
    };
    e.rejeitados.insert(chassi, dh);
    Ok(vazio(201))
}

pub(super) fn cancelar_rejeicao(e: &mut Estado, c: Campos<'_>) -> Res {
    let chassi = c.exigir(e, "chassi", "Chassi é obrigatório")?;
    let _ = cpf_operador(e, c)?;
    let Some(dh) = e.rejeitados.remove(&chassi) else {
        return Err(e422(e, "Não existe rejeição ativa para o chassi informado"));
    };
    e.pendentes.insert(chassi, dh);
    Ok(vazio(200))
}

pub(super) fn entregas(e: &Estado, p: &Pedido<'_>) -> Resposta {
    let chassi = p.q("chassi");
    let estado = p.q("estado");
    let montadora = p.q("cnpjMontadora");
    let vendedor = p.q("cnpjEstabelecimentoVendedor");
    let entregador = p.q("cnpjEstabelecimentoEntregador");
    let lista: Vec<Value> = e
        .entregas
        .values()
        .filter(|x| x.cnpj_entregador == e.cnpj || x.cnpj_vendedor == e.cnpj)
        .filter(|x| chassi.as_deref().is_none_or(|c| x.chassi == c))
        .filter(|x| estado.as_deref().is_none_or(|c| x.estado == c))
        .filter(|x| montadora.as_deref().is_none_or(|c| x.cnpj_montadora == c))
        .filter(|x| vendedor.as_deref().is_none_or(|c| x.cnpj_vendedor == c))
        .filter(|x| entregador.as_deref().is_none_or(|c| x.cnpj_entregador == c))
        .map(Entrega::para_json)
        .collect();
    json(200, Value::Array(lista))
}

pub(super) fn realizar_entrega(e: &mut Estado, c: Campos<'_>) -> Res {
    let cpf = cpf_operador(e, c)?;
    let id = c.exigir_inteiro(e, "idEntrega", "ID da entrega é obrigatório")?;
    let Some(x) = e.entregas.get(&id) else {
        return Err(e404(e, &format!("Entrega {id} não encontrada")));
    };
    if x.cnpj_entregador != e.cnpj {
        return Err(e422(
            e,
            "O estabelecimento não é o entregador indicado para esta entrega",
        ));
    }
    if x.estado != "PENDENTE" {
        return Err(e422(e, "Entrega não está pendente de realização"));
    }
    let chassi = x.chassi.clone();
    let vendedor = x.cnpj_vendedor.clone();
    let comprador = x
        .comprador
        .clone()
        .unwrap_or_else(|| "12345678909".to_owned());
    let valor = x.valor;
    let agora = e.agora();
    let intencao = nova_intencao(e, vendedor, comprador, valor, true);
    let id_atpv = intencao.id_atpv;
    if let Some(v) = e.veiculos.get_mut(&chassi) {
        v.intencoes.push(intencao);
    }
    let Some(x) = e.entregas.get_mut(&id) else {
        return Err(e404(e, "Entrega não encontrada"));
    };
    x.estado = "REALIZADA";
    x.realizacao = Some((cpf, agora));
    x.id_atpv = Some(id_atpv);
    Ok(json(201, x.para_json()))
}

pub(super) fn cancelar_entrega(e: &mut Estado, c: Campos<'_>) -> Res {
    let cpf = cpf_operador(e, c)?;
    let id = c.exigir_inteiro(e, "idEntrega", "ID da entrega é obrigatório")?;
    let Some(x) = e.entregas.get(&id) else {
        return Err(e404(e, &format!("Entrega {id} não encontrada")));
    };
    if x.estado != "REALIZADA" {
        return Err(e422(e, "Somente entrega realizada pode ser cancelada"));
    }
    let mut nova = x.clone();
    let chassi = x.chassi.clone();
    let novo_id = e.novo_id();
    let agora = e.agora();
    nova.id = novo_id;
    nova.estado = "PENDENTE";
    nova.realizacao = None;
    nova.id_atpv = None;
    nova.origem_cancelamento = Some(id);
    e.entregas.insert(novo_id, nova);
    if let Some(i) = e
        .veiculos
        .get_mut(&chassi)
        .and_then(|v| v.intencao_ativa_mut())
    {
        i.estado = "CANCELADA";
    }
    let Some(x) = e.entregas.get_mut(&id) else {
        return Err(e404(e, "Entrega não encontrada"));
    };
    x.estado = "CANCELADA";
    x.cancelamento = Some((cpf, agora, "CANCELAMENTO_SOLICITADO_PELO_ESTABELECIMENTO"));
    x.gerada_no_cancelamento = Some(novo_id);
    Ok(json(201, x.para_json()))
}
