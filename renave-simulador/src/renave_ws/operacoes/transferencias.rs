//! Transfers between establishments, branches and ITEs (E23–E32, `renave-ws.md` §4, §7.3).

use renave_domain::Placa;
use serde_json::{Map, Value};

use super::{
    Pedido, Tipo, chave_nf, cnpj, cpf_operador, email, estoque_do_corpo_de, exigir_confirmado, km,
    nova_intencao, placa_renavam,
};
use crate::renave_ws::estado::{
    Ator, Autorizacao, Entrada, Estado, Estoque, Extras, Saida, fmt_data_hora,
};
use crate::renave_ws::http::{Campos, Res, Resposta, e404, e422, json, validar};

pub(super) fn consultar_autorizacoes(e: &Estado, p: &Pedido<'_>) -> Resposta {
    consultar_autorizacoes_de(e, p, Ator::Estabelecimento)
}

/// The authorizations `ator` issued or is the destination of (E23 and the montadora's and the
/// ITE's `autorizacoes-transferencias`), filtered by `chassi`, `placa`, `estadoAutorizacao`.
pub(super) fn consultar_autorizacoes_de(e: &Estado, p: &Pedido<'_>, ator: Ator) -> Resposta {
    let chassi = p.q("chassi");
    let placa = p.q("placa");
    let estado = p.q("estadoAutorizacao");
    let cnpj = e.cnpj_de(ator);
    let lista: Vec<Value> = e
        .autorizacoes
        .values()
        .filter(|a| a.cnpj_autorizador == cnpj || a.cnpj_destino == cnpj)
        .filter(|a| chassi.as_deref().is_none_or(|c| a.chassi == c))
        .filter(|a| {
            placa
                .as_deref()
                .is_none_or(|c| a.placa.as_deref() == Some(c))
        })
        .filter(|a| estado.as_deref().is_none_or(|c| a.estado == c))
        .map(Autorizacao::para_json)
        .collect();
    json(200, Value::Array(lista))
}

/// An authorization of transfer to create (`criar_autorizacao`).
pub(super) struct NovaAutorizacao {
    /// Who authorizes: the stock must be theirs.
    pub(super) ator: Ator,
    pub(super) id_estoque: i64,
    pub(super) destino: String,
    pub(super) cpf: String,
    pub(super) valor: f64,
    /// To an ITE (E29, the montadora's `autorizacoes-transferencias-para-ite`).
    pub(super) para_ite: bool,
    /// `paraCancelamentoDeTransferencia` (the ITE's authorizations).
    pub(super) para_cancelamento: bool,
}

pub(super) fn criar_autorizacao(e: &mut Estado, n: NovaAutorizacao) -> Res {
    let dono = e.cnpj_de(n.ator).to_owned();
    let Some(est) = e.estoques.get(&n.id_estoque).filter(|s| s.dono == dono) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    exigir_confirmado(e, est)?;
    let chassi = est.chassi.clone();
    let placa = est.placa.clone();
    let zero_km = est.zero_km;
    if n.destino == dono {
        return Err(e422(
            e,
            "O estabelecimento de destino deve ser diferente do estabelecimento de origem",
        ));
    }
    if e.autorizacoes
        .values()
        .any(|a| a.chassi == chassi && a.estado == "CRIADA")
    {
        return Err(e422(
            e,
            &format!(
                "Veículo de chassi {chassi} já possui autorização de transferência cadastrada"
            ),
        ));
    }
    let id = e.novo_id();
    let a = Autorizacao {
        id,
        id_estoque: Some(n.id_estoque),
        id_estoque_gerado: None,
        chassi,
        placa,
        cnpj_autorizador: dono,
        nome_autorizador: e.nome_de(n.ator).to_owned(),
        cnpj_destino: n.destino,
        estado: "CRIADA",
        cpf_autorizador: n.cpf,
        criada_em: e.agora(),
        transferencia: None,
        cancelamento: None,
        valor_venda: n.valor,
        zero_km,
        para_ite: n.para_ite,
        vindo_de_ite: n.ator == Ator::Ite,
        para_cancelamento: n.para_cancelamento,
    };
    let corpo = a.para_json();
    e.autorizacoes.insert(id, a);
    Ok(json(201, corpo))
}

pub(super) fn autorizar_usado(e: &mut Estado, c: Campos<'_>) -> Res {
    let cpf = cpf_operador(e, c)?;
    let destino = cnpj(
        e,
        c,
        "cnpjEstabelecimentoDestino",
        "CNPJ do estabelecimento de destino",
    )?;
    let _ = email(
        e,
        c,
        "emailEstabelecimentoOrigem",
        "E-mail do estabelecimento de origem é obrigatório",
    )?;
    let placa = c.exigir(e, "placaVeiculo", "Placa do veículo é obrigatória")?;
    let placa = validar(e, &placa, Placa::parse, "Placa inválida")?;
    let valor = c.exigir_numero(e, "valorVenda", "Valor da venda é obrigatório")?;
    let Some(id) = e
        .estoques
        .values()
        .rev()
        .find(|s| s.dono == e.cnpj && s.ativo() && s.placa.as_deref() == Some(placa.as_str()))
        .map(|s| s.id)
    else {
        return Err(e422(
            e,
            "Veículo não se encontra no estoque do estabelecimento",
        ));
    };
    criar_autorizacao(
        e,
        NovaAutorizacao {
            ator: Ator::Estabelecimento,
            id_estoque: id,
            destino,
            cpf,
            valor,
            para_ite: false,
            para_cancelamento: false,
        },
    )
}

pub(super) fn autorizar_zero_km(e: &mut Estado, c: Campos<'_>) -> Res {
    let id = c.exigir_inteiro(e, "idEstoque", "ID do estoque não pode estar em branco")?;
    let cpf = cpf_operador(e, c)?;
    let destino = cnpj(
        e,
        c,
        "cnpjEstabelecimentoDestino",
        "CNPJ do estabelecimento de destino",
    )?;
    let valor = c.exigir_numero(e, "valorVenda", "Valor da venda é obrigatório")?;
    if e.estoques.get(&id).is_some_and(|s| !s.zero_km) {
        return Err(e422(e, "O estoque informado não é de veículo zero km"));
    }
    criar_autorizacao(
        e,
        NovaAutorizacao {
            ator: Ator::Estabelecimento,
            id_estoque: id,
            destino,
            cpf,
            valor,
            para_ite: false,
            para_cancelamento: false,
        },
    )
}

pub(super) fn autorizar_para_ite(e: &mut Estado, c: Campos<'_>) -> Res {
    autorizar_para_ite_de(e, c, Ator::Estabelecimento)
}

/// E29 and the montadora's `autorizacoes-transferencias-para-ite`: an unfinished vehicle of
/// `ator`'s stock may go to an ITE the simulated Renave knows.
pub(super) fn autorizar_para_ite_de(e: &mut Estado, c: Campos<'_>, ator: Ator) -> Res {
    let _ = chave_nf(e, c, "chaveNotaFiscalProdutoSaida")?;
    let destino = cnpj(e, c, "cnpjIteDestino", "CNPJ da ITE de destino")?;
    let cpf = cpf_operador(e, c)?;
    let id = estoque_do_corpo_de(e, c, ator, "idEstoqueOrigem")?;
    if e.estoques.get(&id).is_some_and(|s| s.acabado) {
        return Err(e422(
            e,
            "Somente veículo inacabado pode ser transferido para ITE",
        ));
    }
    if !e.e_ite(&destino) {
        return Err(e422(
            e,
            &format!("CNPJ {destino} não corresponde a uma ITE cadastrada no RENAVE"),
        ));
    }
    criar_autorizacao(
        e,
        NovaAutorizacao {
            ator,
            id_estoque: id,
            destino,
            cpf,
            valor: 0.0,
            para_ite: true,
            para_cancelamento: false,
        },
    )
}

pub(super) fn cancelar_autorizacao(e: &mut Estado, c: Campos<'_>, tipo: Tipo) -> Res {
    cancelar_autorizacao_de(e, c, tipo, Ator::Estabelecimento)
}

/// Cancels a `CRIADA` authorization `ator` issued (E25, E30, Z7 and the montadora's and the
/// ITE's analogues; `renave-ws.md` §7.5).
pub(super) fn cancelar_autorizacao_de(
    e: &mut Estado,
    c: Campos<'_>,
    tipo: Tipo,
    ator: Ator,
) -> Res {
    let cpf = cpf_operador(e, c)?;
    let id = c.exigir_inteiro(
        e,
        "idAutorizacao",
        "Id da autorização de transferência é obrigatória",
    )?;
    let agora = e.agora();
    let Some(a) = e.autorizacoes.get(&id) else {
        return Err(e404(
            e,
            &format!("Autorização de transferência {id} não encontrada"),
        ));
    };
    let tipo_ok = match tipo {
        Tipo::Ite => a.para_ite,
        Tipo::ZeroKm => a.zero_km && !a.para_ite,
        Tipo::Qualquer => !a.para_ite,
        _ => !a.zero_km && !a.para_ite,
    };
    if !tipo_ok {
        return Err(e422(
            e,
            "A autorização informada não é do tipo desta operação",
        ));
    }
    if a.cnpj_autorizador != e.cnpj_de(ator) {
        return Err(e422(
            e,
            "Somente o estabelecimento autorizador pode cancelar a autorização",
        ));
    }
    if a.estado != "CRIADA" {
        return Err(e422(
            e,
            "Somente autorização no estado CRIADA pode ser cancelada",
        ));
    }
    let Some(a) = e.autorizacoes.get_mut(&id) else {
        return Err(e404(e, "Autorização não encontrada"));
    };
    a.estado = "CANCELADA";
    a.cancelamento = Some((cpf, agora));
    Ok(json(200, a.para_json()))
}

/// What the receiving actor sends to consume an authorization (E26, E28, Z8 and the
/// montadora's and the ITE's transfers).
pub(super) struct Recebimento {
    pub(super) id_aut: i64,
    pub(super) cpf: String,
    pub(super) km: u64,
    pub(super) medicao: String,
    pub(super) valor: f64,
    /// The authorization must be of a zero-km stock (`Some(true)`), of a used one
    /// (`Some(false)`), or either (`None`).
    pub(super) zero_km: Option<bool>,
    /// The authorization must be to an ITE (`paraIte`).
    pub(super) para_ite: bool,
    /// The authorization must come from an ITE.
    pub(super) vindo_de_ite: bool,
    pub(super) chassi_informado: Option<String>,
    /// Who receives: the authorization's destination, owner of the new stock.
    pub(super) receptor: Ator,
    /// Invoice keys and the like the receiver sent, written into `entradaEstoque`.
    pub(super) extras_entrada: Map<String, Value>,
}

pub(super) fn receber_transferencia(e: &mut Estado, r: Recebimento) -> Res {
    let Recebimento {
        id_aut,
        cpf,
        km,
        medicao,
        valor,
        zero_km,
        para_ite,
        vindo_de_ite,
        chassi_informado,
        receptor,
        extras_entrada,
    } = r;
    let cnpj_receptor = e.cnpj_de(receptor).to_owned();
    let Some(a) = e.autorizacoes.get(&id_aut) else {
        return Err(e422(
            e,
            &format!("Autorização de transferência {id_aut} não encontrada"),
        ));
    };
    if a.cnpj_destino != cnpj_receptor
        || zero_km.is_some_and(|z| a.zero_km != z)
        || a.para_ite != para_ite
        || a.vindo_de_ite != vindo_de_ite
    {
        return Err(e422(
            e,
            "Autorização de transferência não encontrada para o estabelecimento solicitante",
        ));
    }
    if a.estado != "CRIADA" {
        return Err(e422(
            e,
            "A autorização de transferência não está no estado CRIADA",
        ));
    }
    if chassi_informado.as_deref().is_some_and(|ch| ch != a.chassi) {
        return Err(e422(
            e,
            "Chassi informado não corresponde ao da autorização de transferência",
        ));
    }
    let chassi = a.chassi.clone();
    let autorizador = a.cnpj_autorizador.clone();
    let zero_km = a.zero_km;
    // The sale intention of a transfer carries the authorized value unless the receiver
    // states its own purchase value.
    let valor = if valor > 0.0 { valor } else { a.valor_venda };
    let id_origem = a.id_estoque;
    let Some(v) = e.veiculos.get(&chassi) else {
        return Err(e422(e, "Chassi informado não está cadastrado"));
    };
    let (placa, renavam, numero_crv, codigo, tipo_crv, acabado) = (
        v.placa.clone(),
        v.renavam.clone(),
        v.numero_crv.clone(),
        v.codigo_seguranca_crv.clone(),
        v.tipo_crv.clone(),
        v.acabado,
    );
    // The origin's stock, when the simulated world holds it, must still be active.
    let origem_local = id_origem.filter(|id| e.estoques.contains_key(id));
    if let Some(id) = origem_local {
        if e.estoques
            .get(&id)
            .is_some_and(|s| s.estado != "CONFIRMADO")
        {
            return Err(e422(
                e,
                "O estoque de origem da autorização não está mais em estoque (CONFIRMADO)",
            ));
        }
    }
    let id = e.novo_id();
    let agora = e.agora();
    if !zero_km {
        let intencao = nova_intencao(e, autorizador.clone(), cnpj_receptor.clone(), valor, true);
        if let Some(v) = e.veiculos.get_mut(&chassi) {
            v.intencoes.push(intencao);
        }
    }
    let mut extras = Extras {
        entrada: extras_entrada,
        ..Extras::default()
    };
    if receptor == Ator::Ite {
        extras
            .estoque
            .insert("estoqueEmIte".into(), Value::Bool(true));
    }
    let est = Estoque {
        id,
        estado: if zero_km { "CONFIRMADO" } else { "SOLICITADO" },
        chassi,
        placa,
        renavam,
        numero_crv,
        codigo_seguranca_crv: codigo,
        tipo_crv,
        km,
        data_hora_medicao: medicao,
        entrada: Entrada {
            cpf_operador: cpf.clone(),
            data_hora: agora,
            chave_nf: None,
            numero_termo: 900_000 + id,
            vendedor: Some(autorizador),
            valor_compra: valor,
        },
        assinatura_ok: true,
        nf_dispensada: true,
        detran_desde: Some(agora),
        saida: None,
        cancelamento: None,
        origem_cancelamento: None,
        id_origem_transferencia: id_origem,
        zero_km,
        acabado,
        dono: cnpj_receptor,
        extras,
    };
    let corpo = est.para_json();
    e.estoques.insert(id, est);
    // The stock leaves the origin's estoque (`saidaEstoque.motivo` of §6).
    if let Some(origem) = origem_local.and_then(|o| e.estoques.get_mut(&o)) {
        origem.estado = "FINALIZADO";
        origem.saida = Some(Saida {
            cpf_operador: cpf.clone(),
            motivo: "TRANSFERENCIA_ESTABELECIMENTO",
            data_hora: agora,
            chave_nf: None,
            comprador: None,
            numero_termo: 950_000 + origem.id,
            valor_venda: valor,
            transferencia_comprador_em: agora,
            cancelamento: None,
        });
        origem
            .extras
            .estoque
            .insert("idEstoqueGeradoPorTransferencia".into(), Value::from(id));
    }
    if let Some(a) = e.autorizacoes.get_mut(&id_aut) {
        a.estado = "CONSUMIDA";
        a.id_estoque_gerado = Some(id);
        a.transferencia = Some((cpf, agora));
    }
    Ok(json(201, corpo))
}

pub(super) fn transferencia_estabelecimentos(e: &mut Estado, c: Campos<'_>) -> Res {
    let id = c.exigir_inteiro(
        e,
        "idAutorizacao",
        "Id da autorização de transferência é obrigatória",
    )?;
    let cpf = cpf_operador(e, c)?;
    let campo_data = if c.texto("dataTransferenciaEstoque").is_some() {
        "dataTransferenciaEstoque"
    } else {
        "dataTransferencia"
    };
    let _ = c.exigir_data(e, campo_data, "Data da transferência é obrigatória")?;
    let medicao = c.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    let km = km(e, c)?;
    let valor = c.numero("valorCompra").unwrap_or(0.0);
    receber_transferencia(
        e,
        Recebimento {
            id_aut: id,
            cpf,
            km,
            medicao: fmt_data_hora(medicao),
            valor,
            zero_km: Some(false),
            para_ite: false,
            vindo_de_ite: false,
            chassi_informado: None,
            receptor: Ator::Estabelecimento,
            extras_entrada: Map::new(),
        },
    )
}

pub(super) fn transferencia_zero_km(e: &mut Estado, c: Campos<'_>) -> Res {
    let id = c.exigir_inteiro(
        e,
        "idAutorizacao",
        "Id da autorização de transferência é obrigatória",
    )?;
    let _ = c.exigir_data(
        e,
        "dataEntradaEstoque",
        "Data da entrada em estoque é obrigatória",
    )?;
    let km = km(e, c)?;
    let valor = c.exigir_numero(e, "valorCompra", "Valor da compra é obrigatório")?;
    let medicao = c.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    let cpf = cpf_operador(e, c)?;
    if c.texto("chaveNotaFiscal").is_some() {
        let _ = chave_nf(e, c, "chaveNotaFiscal")?;
    }
    receber_transferencia(
        e,
        Recebimento {
            id_aut: id,
            cpf,
            km,
            medicao: fmt_data_hora(medicao),
            valor,
            zero_km: Some(true),
            para_ite: false,
            vindo_de_ite: false,
            chassi_informado: c.texto("chassi"),
            receptor: Ator::Estabelecimento,
            extras_entrada: Map::new(),
        },
    )
}

pub(super) fn transferencia_filiais(e: &mut Estado, c: Campos<'_>) -> Res {
    let origem = cnpj(
        e,
        c,
        "cnpjEstabelecimentoOrigemTransferencia",
        "CNPJ do estabelecimento de origem",
    )?;
    let cpf = cpf_operador(e, c)?;
    let _ = c.exigir_data(
        e,
        "dataTransferenciaEstoque",
        "Data da transferência é obrigatória",
    )?;
    let _ = email(
        e,
        c,
        "emailEstabelecimentoSolicitante",
        "E-mail do estabelecimento solicitante é obrigatório",
    )?;
    let v = c.exigir_objeto(e, "veiculo", "Veículo é obrigatório")?;
    let (placa, renavam) = placa_renavam(e, v, "placa")?;
    let km = km(e, v)?;
    let medicao = v.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    if origem == e.cnpj || origem.get(..8) != e.cnpj.get(..8) {
        return Err(e422(
            e,
            "O estabelecimento de origem não é filial do estabelecimento solicitante",
        ));
    }
    let veiculo = e
        .veiculo_por_placa_renavam(&placa, &renavam)
        .ok_or_else(|| {
            e422(
                e,
                "Veículo não encontrado no RENAVAM com a placa e o renavam informados",
            )
        })?;
    if veiculo.proprietario != origem {
        return Err(e422(
            e,
            "O veículo não pertence ao estabelecimento de origem",
        ));
    }
    let chassi = veiculo.chassi.clone();
    let (numero_crv, codigo, tipo_crv) = (
        veiculo.numero_crv.clone(),
        veiculo.codigo_seguranca_crv.clone(),
        veiculo.tipo_crv.clone(),
    );
    if e.estoque_ativo_do_chassi(&chassi).is_some() {
        return Err(e422(
            e,
            &format!("Veículo de chassi {chassi} possui um estoque ativo"),
        ));
    }
    let id = e.novo_id();
    let agora = e.agora();
    let est = Estoque {
        id,
        estado: "SOLICITADO",
        chassi,
        placa: Some(placa),
        renavam: Some(renavam),
        numero_crv,
        codigo_seguranca_crv: codigo,
        tipo_crv,
        km,
        data_hora_medicao: fmt_data_hora(medicao),
        entrada: Entrada {
            cpf_operador: cpf,
            data_hora: agora,
            chave_nf: None,
            numero_termo: 900_000 + id,
            vendedor: Some(origem),
            valor_compra: 0.0,
        },
        assinatura_ok: true,
        nf_dispensada: true,
        detran_desde: Some(agora),
        saida: None,
        cancelamento: None,
        origem_cancelamento: None,
        id_origem_transferencia: None,
        zero_km: false,
        acabado: true,
        dono: e.cnpj.clone(),
        extras: Extras::default(),
    };
    let corpo = est.para_json();
    e.estoques.insert(id, est);
    Ok(json(201, corpo))
}

pub(super) fn vindo_de_ite(e: &mut Estado, c: Campos<'_>) -> Res {
    let _ = chave_nf(e, c, "chaveNotaFiscalProduto")?;
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
    // Only authorizations issued by an ITE to this establishment qualify (checked by
    // `receber_transferencia`); the simulator's own authorizations "para ITE" go the other way.
    receber_transferencia(
        e,
        Recebimento {
            id_aut: id,
            cpf,
            km,
            medicao: fmt_data_hora(medicao),
            valor,
            zero_km: Some(true),
            para_ite: false,
            vindo_de_ite: true,
            chassi_informado: None,
            receptor: Ator::Estabelecimento,
            extras_entrada: Map::new(),
        },
    )
}
