//! The ITE group (`/api/ite/…`, `renave-ws.md` §3.4), answered as the seeded ITE
//! (*implementadora, transformadora ou encarroçadora*, [`crate::CNPJ_ITE`]): its entrada with
//! the client (`clienteDaIte`, `codigoClienteMontadora` of `clientes-montadoras`), its saída
//! and their cancellations, the transfers it receives (from the montadora or an
//! establishment, `transferencias-para-ite`; from another ITE), the authorizations of the
//! vehicles leaving it (`autorizacoes-transferencias-estoque-vindo-de-ite`, consumed by the
//! establishment's E28, the montadora's or another ITE's transfer) and the homologação mock
//! that finishes an unfinished vehicle.
//!
//! Three bodies are not in the digest (**?**); the simulator reads them as the typed client
//! sends them, S4's request classes (S4 runs them in production, **P**):
//! - `transferencias-para-ite`: `idAutorizacao`, `cpfOperadorResponsavel`,
//!   `dataTransferenciaEstoque`, `dataHoraMedicaoHodometro`, `quilometragemHodometro`,
//!   `chaveNotaFiscalRemessa` (required), optionally `codigoClienteMontadora` (one of
//!   [`CLIENTES_MONTADORA`], kept in `entradaEstoque`) and `valorProduto`;
//! - `transferencias-vindo-de-ite-para-ite`: the same, with `chaveNotaFiscalProduto` required
//!   and `chaveNotaFiscalRemessa`, `chaveNotaFiscalServico` optional (kept as the montadora's
//!   `transferencias-estoque-vindo-de-ite` keeps them);
//! - `veiculos-inacabados-mock/acabar`: the chassis as the whole body, a bare JSON string.
//!
//! What the server does with an optional field it is not sent, and whether it demands more, is
//! unknown (**I**).

use renave_domain::rotas::{self, Rota};
use renave_domain::{Chassi, CpfCnpj};
use serde_json::{Map, Value, json};

use super::transferencias::{
    NovaAutorizacao, Recebimento, cancelar_autorizacao_de, consultar_autorizacoes_de,
    criar_autorizacao, receber_transferencia,
};
use super::usados::{
    Venda, cancelar_saida_de, consultar_veiculo, listar_estoques, registrar_saida_de, termo_entrada,
};
use super::{
    Parametros, Pedido, Tipo, chave_nf, chave_nf_opcional, cliente_autenticado_de, cnpj, comprador,
    cpf_operador, email, estoque_do_corpo_de, exigir_confirmado, exigir_sem_autorizacao, km,
    pdf_atpv_de,
};
use crate::mundo::CLIENTES_MONTADORA;
use crate::renave_ws::estado::{Ator, Estado, Estoque, Extras, fmt_data_hora};
use crate::renave_ws::http::{Campos, Res, Resposta, e400, e404, e422, json, validar};

const EU: Ator = Ator::Ite;

/// Answers one route of the ITE group ([`rotas::renave_ws::ITE`]); `None` for a route of
/// another group.
pub(super) fn despachar(
    e: &mut Estado,
    p: &Pedido<'_>,
    rota: Rota,
    par: &Parametros<'_>,
    c: Campos<'_>,
) -> Option<Res> {
    use rotas::renave_ws as r;
    Some(match rota {
        r::CONSULTAR_CLIENTE_AUTENTICADO_ITE => Ok(cliente_autenticado_de(e, EU)),
        r::CONSULTAR_ESTOQUES_ITE => listar_estoques(e, p, EU).map(|l| {
            json(
                200,
                Value::Array(l.into_iter().map(Estoque::para_json).collect()),
            )
        }),
        r::OBTER_TERMO_ENTRADA_ESTOQUE_ITE => termo_entrada(e, par.get("idEstoque"), EU),
        r::CONSULTAR_VEICULO_ITE => consultar_veiculo(e, p, EU),
        r::OBTER_PDF_ATPV_ITE => pdf_atpv_de(e, p, EU),
        r::CONSULTAR_CLIENTES_MONTADORAS_ITE => clientes_montadoras(e, p),
        r::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_ITE => Ok(consultar_autorizacoes_de(e, p, EU)),
        r::REGISTRAR_ENTRADA_ESTOQUE_ITE => entrada(e, c),
        r::REGISTRAR_SAIDA_ESTOQUE_ITE => saida(e, c, false),
        r::REGISTRAR_SAIDA_ESTOQUE_RENOVAR_ITE => saida(e, c, true),
        r::CANCELAR_ENTRADA_ESTOQUE_ITE => cancelar_entrada(e, c),
        r::CANCELAR_SAIDA_ESTOQUE_ITE => cancelar_saida_de(e, c, Tipo::Qualquer, EU),
        r::TRANSFERIR_PARA_ITE => receber(e, c, true),
        r::TRANSFERIR_VINDO_DE_ITE_PARA_ITE => receber(e, c, false),
        r::AUTORIZAR_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE => autorizar(e, c),
        r::CANCELAR_AUTORIZACAO_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE => {
            cancelar_autorizacao_de(e, c, Tipo::Qualquer, EU)
        }
        r::ACABAR_VEICULO_INACABADO_MOCK_ITE => acabar(e, c),
        _ => return None,
    })
}

/// `clientes-montadoras?chassi`: the montadora's clients for a zero-km chassi
/// (`[{codigoClientemontadora, descricaoClientemontadora}]`, the digest's spelling); a used
/// vehicle has none.
fn clientes_montadoras(e: &Estado, p: &Pedido<'_>) -> Res {
    let chassi = p
        .q("chassi")
        .ok_or_else(|| e400(e, "Chassi é obrigatório"))?;
    let chassi = validar(e, &chassi, Chassi::parse, "Chassi inválido")?;
    let v = e
        .veiculos
        .get(chassi.as_str())
        .ok_or_else(|| e422(e, "Chassi informado não está cadastrado"))?;
    let lista: Vec<Value> = if v.zero_km {
        CLIENTES_MONTADORA
            .iter()
            .map(|(codigo, descricao)| {
                json!({ "codigoClientemontadora": codigo, "descricaoClientemontadora": descricao })
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(json(200, Value::Array(lista)))
}

/// A new ITE stock's marker (`estoqueEmIte`).
fn extras_ite(entrada: Map<String, Value>) -> Extras {
    let mut extras = Extras {
        entrada,
        ..Extras::default()
    };
    extras
        .estoque
        .insert("estoqueEmIte".into(), Value::Bool(true));
    extras
}

/// `entradas-estoque`: a vehicle in nobody's stock enters the ITE's, for a client of the ITE
/// (`clienteDaIte`) or of the montadora (`codigoClienteMontadora`, one of
/// `clientes-montadoras`); at least one is required.
fn entrada(e: &mut Estado, c: Campos<'_>) -> Res {
    let chassi = c.exigir(e, "chassi", "Chassi é obrigatório")?;
    let chassi = validar(e, &chassi, Chassi::parse, "Chassi inválido")?;
    let remessa = chave_nf(e, c, "chaveNotaFiscalRemessa")?;
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
    let valor = c.exigir_numero(e, "valorProduto", "Valor do produto é obrigatório")?;
    let cliente = match c.objeto("clienteDaIte") {
        Some(o) => {
            let doc = o.exigir(
                e,
                "numeroDocumento",
                "Número do documento do cliente da ITE é obrigatório",
            )?;
            let doc = validar(
                e,
                &doc,
                CpfCnpj::parse,
                "Número do documento do cliente da ITE inválido",
            )?;
            Some((doc.as_str().to_owned(), Value::Object(o.0.clone())))
        }
        None => None,
    };
    let codigo = c.texto("codigoClienteMontadora");
    if cliente.is_none() && codigo.is_none() {
        return Err(e400(
            e,
            "Cliente da ITE (clienteDaIte) ou código do cliente da montadora (codigoClienteMontadora) é obrigatório",
        ));
    }
    let chassi = chassi.as_str().to_owned();
    let Some(zero_km) = e.veiculos.get(&chassi).map(|v| v.zero_km) else {
        return Err(e422(e, "Chassi informado não está cadastrado"));
    };
    if let Some(cod) = &codigo {
        if !zero_km || !CLIENTES_MONTADORA.iter().any(|(k, _)| k == cod) {
            return Err(e422(
                e,
                &format!("Código do cliente da montadora {cod} não encontrado para o chassi"),
            ));
        }
    }
    if e.estoque_ativo_do_chassi(&chassi).is_some() {
        return Err(e422(
            e,
            &format!("Veículo de chassi {chassi} possui um estoque ativo"),
        ));
    }
    let id = e.novo_id();
    let agora = e.agora();
    let dono = e.cnpj_ite.clone();
    let mut est = e.estoque_zero_km(id, &chassi, &dono, &cpf, data.min(agora));
    est.zero_km = zero_km;
    est.km = km;
    est.data_hora_medicao = fmt_data_hora(medicao);
    est.entrada.valor_compra = valor;
    est.entrada.vendedor = cliente.as_ref().map(|(doc, _)| doc.clone());
    let mut extras = Map::new();
    extras.insert("chaveNotaFiscalRemessaEntrada".into(), Value::from(remessa));
    extras.insert(
        "dataHoraEnvioNotaFiscalRemessaEntrada".into(),
        Value::from(fmt_data_hora(agora)),
    );
    extras.insert(
        "clienteDaIte".into(),
        cliente.map_or(Value::Null, |(_, o)| o),
    );
    extras.insert(
        "codigoClienteMontadora".into(),
        codigo.map_or(Value::Null, Value::from),
    );
    est.extras = extras_ite(extras);
    let corpo = est.para_json();
    e.estoques.insert(id, est);
    Ok(json(201, corpo))
}

/// `saidas-estoque` (and its Renovar variant): the ITE sells the vehicle, with its product
/// and service invoices; the ATPV-e is issued at once (`pdf-atpv`).
fn saida(e: &mut Estado, c: Campos<'_>, renovar: bool) -> Res {
    let id = estoque_do_corpo_de(e, c, EU, "idEstoque")?;
    let produto = chave_nf(e, c, "chaveNotaFiscalProduto")?;
    let servico = chave_nf(e, c, "chaveNotaFiscalServico")?;
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
    exigir_confirmado(e, est)?;
    let chassi = est.chassi.clone();
    exigir_sem_autorizacao(e, &chassi)?;
    let vendedor = e.cnpj_ite.clone();
    registrar_saida_de(
        e,
        id,
        Venda {
            vendedor,
            cpf,
            valor,
            comprador: comp,
            chave: Some(produto),
            emitir_atpv: true,
        },
    );
    let agora = fmt_data_hora(e.agora());
    let Some(est) = e.estoques.get_mut(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    est.extras
        .saida
        .insert("chaveNotaFiscalServicoSaida".into(), Value::from(servico));
    est.extras.saida.insert(
        "dataHoraEnvioNotaFiscalServicoSaida".into(),
        Value::from(agora),
    );
    Ok(json(201, est.para_json()))
}

/// `cancelamentos-entrada-estoque-ite`: an entrada of the ITE's (not a transfer in: that one
/// goes back with an authorization `paraCancelamentoDeTransferencia`) without sale or pending
/// authorization.
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
            "Entrada por transferência não pode ser cancelada: autorize a volta do veículo (paraCancelamentoDeTransferencia)",
        ));
    }
    exigir_sem_autorizacao(e, &est.chassi)?;
    let agora = e.agora();
    let Some(est) = e.estoques.get_mut(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    est.estado = "FINALIZADO";
    est.cancelamento = Some((agora, "CANCELAMENTO_ENTRADA"));
    Ok(json(201, est.para_json()))
}

/// `autorizacoes-transferencias-estoque-vindo-de-ite`: the ITE authorizes a vehicle of its
/// stock to go to an establishment (E28), the montadora or another ITE. With
/// `paraCancelamentoDeTransferencia` the destination must be where the vehicle came from.
fn autorizar(e: &mut Estado, c: Campos<'_>) -> Res {
    let destino = cnpj(
        e,
        c,
        "cnpjEstabelecimentoDestino",
        "CNPJ do estabelecimento de destino",
    )?;
    let cpf = cpf_operador(e, c)?;
    let id = estoque_do_corpo_de(e, c, EU, "idEstoqueOrigem")?;
    let valor = c.exigir_numero(e, "valorProduto", "Valor do produto é obrigatório")?;
    let para_cancelamento = c
        .booleano("paraCancelamentoDeTransferencia")
        .unwrap_or(false);
    if para_cancelamento {
        let origem = e
            .autorizacoes
            .values()
            .find(|a| a.id_estoque_gerado == Some(id))
            .map(|a| a.cnpj_autorizador.clone());
        match origem {
            None => {
                return Err(e422(
                    e,
                    "O estoque não foi recebido por transferência: não há transferência a cancelar",
                ));
            }
            Some(o) if o != destino => {
                return Err(e422(
                    e,
                    "Para cancelamento de transferência, o destino deve ser a origem da transferência",
                ));
            }
            Some(_) => {}
        }
    }
    criar_autorizacao(
        e,
        NovaAutorizacao {
            ator: EU,
            id_estoque: id,
            destino,
            cpf,
            valor,
            para_ite: false,
            para_cancelamento,
        },
    )
}

/// `transferencias-para-ite` (`para_ite`: an authorization of the montadora or of an
/// establishment to this ITE) and `transferencias-vindo-de-ite-para-ite` (an authorization of
/// another ITE): the vehicle enters the ITE's stock as `CONFIRMADO`.
fn receber(e: &mut Estado, c: Campos<'_>, para_ite: bool) -> Res {
    let id = c.exigir_inteiro(
        e,
        "idAutorizacao",
        "Id da autorização de transferência é obrigatória",
    )?;
    let cpf = cpf_operador(e, c)?;
    let _ = c.exigir_data(
        e,
        "dataTransferenciaEstoque",
        "Data da transferência é obrigatória",
    )?;
    let medicao = c.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    let km = km(e, c)?;
    // S4: the remessa invoice is the transfer-in's own; from another ITE, the product invoice.
    let (produto, remessa) = if para_ite {
        (None, Some(chave_nf(e, c, "chaveNotaFiscalRemessa")?))
    } else {
        (
            Some(chave_nf(e, c, "chaveNotaFiscalProduto")?),
            chave_nf_opcional(e, c, "chaveNotaFiscalRemessa")?,
        )
    };
    let servico = chave_nf_opcional(e, c, "chaveNotaFiscalServico")?;
    let codigo = c.texto("codigoClienteMontadora");
    if let Some(cod) = &codigo {
        if !CLIENTES_MONTADORA.iter().any(|(k, _)| k == cod) {
            return Err(e422(
                e,
                &format!("Código do cliente da montadora {cod} não encontrado"),
            ));
        }
    }
    let valor = match c.0.get("valorProduto") {
        None | Some(Value::Null) => 0.0,
        Some(_) => c.exigir_numero(e, "valorProduto", "Valor do produto é obrigatório")?,
    };
    let agora = fmt_data_hora(e.agora());
    let mut extras = Map::new();
    for (chave, campo, envio) in [
        (
            produto,
            "chaveNotaFiscalEntrada",
            "dataHoraEnvioNotaFiscalEntrada",
        ),
        (
            remessa,
            "chaveNotaFiscalRemessaEntrada",
            "dataHoraEnvioNotaFiscalRemessaEntrada",
        ),
        (
            servico,
            "chaveNotaFiscalServicoEntrada",
            "dataHoraEnvioNotaFiscalServicoEntrada",
        ),
    ] {
        if let Some(k) = chave {
            extras.insert(campo.into(), Value::from(k));
            extras.insert(envio.into(), Value::from(agora.clone()));
        }
    }
    if let Some(cod) = codigo {
        extras.insert("codigoClienteMontadora".into(), Value::from(cod));
    }
    receber_transferencia(
        e,
        Recebimento {
            id_aut: id,
            cpf,
            km,
            medicao: fmt_data_hora(medicao),
            valor,
            zero_km: None,
            para_ite,
            vindo_de_ite: !para_ite,
            chassi_informado: None,
            receptor: EU,
            extras_entrada: extras,
        },
    )
}

/// The body of `veiculos-inacabados-mock/acabar`: S4 sends the chassis as the whole body, a
/// bare JSON string (**P**), read here as `{chassi}`. Anything else (an object included) is a
/// 400 naming the chassis.
pub(super) fn corpo_do_mock(e: &Estado, corpo: &[u8]) -> Result<Map<String, Value>, Resposta> {
    match serde_json::from_slice::<Value>(corpo) {
        Ok(Value::String(chassi)) => {
            let mut m = Map::new();
            m.insert("chassi".into(), Value::String(chassi));
            Ok(m)
        }
        Ok(_) => Err(e400(
            e,
            "Corpo inválido: esperado o chassi como texto JSON (\"9BM…\")",
        )),
        Err(err) => Err(e400(e, &format!("JSON parse error: {err}"))),
    }
}

/// `veiculos-inacabados-mock/acabar` (homologação only, `renave-ws.md` §1.1): the unfinished
/// vehicle in the ITE's stock, named by the chassis ([`corpo_do_mock`]), becomes finished
/// (`veiculoAcabado`).
fn acabar(e: &mut Estado, c: Campos<'_>) -> Res {
    let chassi = c.exigir(e, "chassi", "Chassi é obrigatório")?;
    let chassi = validar(e, &chassi, Chassi::parse, "Chassi inválido")?
        .as_str()
        .to_owned();
    let Some(id) = e
        .estoque_ativo_do_chassi(&chassi)
        .filter(|s| s.dono == e.cnpj_ite)
        .map(|s| s.id)
    else {
        return Err(e422(e, "Veículo não se encontra no estoque da ITE"));
    };
    if e.veiculos.get(&chassi).is_none_or(|v| v.acabado) {
        return Err(e422(e, "Veículo já está acabado"));
    }
    if let Some(v) = e.veiculos.get_mut(&chassi) {
        v.acabado = true;
    }
    if let Some(est) = e.estoques.get_mut(&id) {
        est.acabado = true;
    }
    Ok(resposta_acabado(&chassi))
}

fn resposta_acabado(chassi: &str) -> Resposta {
    json(200, json!({ "chassi": chassi, "veiculoAcabado": true }))
}
