//! Generic and used-vehicle operations (E1–E22 less E21, `renave-ws.md` §3.1, §4, §7.1, §7.2).

use renave_domain::{Chassi, CpfCnpj, EstadoEstoque, NumeroCrv, Placa, Renavam, TipoCrv};
use serde_json::{Value, json};

use super::{
    MUNICIPIOS, Pedido, Tipo, chave_nf, codigo_seguranca, comprador, cpf_operador, email,
    estoque_do_corpo_de, estoque_por_id_de, exigir_confirmado, km, mascara, nome_estado,
    nova_intencao, parse_id, placa_renavam,
};
use crate::renave_ws::estado::{
    Ator, Entrada, Estado, Estoque, Extras, IntencaoVenda, Saida, Veiculo, fmt_data_hora, somar,
};
use crate::renave_ws::http::{Campos, Res, Resposta, e400, e404, e422, json, validar, vazio};
use crate::renave_ws::pdf::{base64, pdf_base64};

pub(super) fn cliente_autenticado(e: &Estado) -> Resposta {
    cliente_autenticado_de(e, Ator::Estabelecimento)
}

/// E1 and the montadora's and the ITE's `cliente-autenticado`: `{cnpj, nome, endereco}`.
pub(super) fn cliente_autenticado_de(e: &Estado, ator: Ator) -> Resposta {
    let endereco = match ator {
        Ator::Estabelecimento => json!({
            "bairro": "CENTRO",
            "cep": "30130010",
            "complemento": "LOJA 1",
            "logradouro": "AVENIDA AFONSO PENA",
            "numero": "1000",
            "municipio": { "id": "4123", "nome": "BELO HORIZONTE", "uf": "MG" },
        }),
        Ator::Montadora => json!({
            "bairro": "DISTRITO INDUSTRIAL",
            "cep": "32210000",
            "complemento": null,
            "logradouro": "RODOVIA FERNAO DIAS KM 1",
            "numero": "S/N",
            "municipio": { "id": "4371", "nome": "CONTAGEM", "uf": "MG" },
        }),
        Ator::Ite => json!({
            "bairro": "CINCAO",
            "cep": "32371000",
            "complemento": "GALPAO 2",
            "logradouro": "AVENIDA DAS INDUSTRIAS",
            "numero": "500",
            "municipio": { "id": "4371", "nome": "CONTAGEM", "uf": "MG" },
        }),
    };
    json(
        200,
        json!({
            "cnpj": e.cnpj_de(ator),
            "nome": e.nome_de(ator),
            "endereco": endereco,
        }),
    )
}

pub(super) fn aptidao(e: &Estado, p: &Pedido<'_>) -> Res {
    let tipo = p
        .q("tipoCrv")
        .ok_or_else(|| e400(e, "Tipo do CRV é obrigatório"))?;
    if !TipoCrv::from(tipo.as_str()).is_conhecido() {
        return Err(e400(e, &format!("Tipo do CRV inválido: {tipo}")));
    }
    let placa = p.q("placa").ok_or_else(|| e400(e, "Placa é obrigatória"))?;
    let renavam = p
        .q("renavam")
        .ok_or_else(|| e400(e, "Renavam é obrigatório"))?;
    let placa = validar(e, &placa, Placa::parse, "Placa inválida")?;
    let renavam = validar(e, &renavam, Renavam::parse, "Renavam inválido")?;
    let v = e
        .veiculo_por_placa_renavam(placa.as_str(), renavam.as_str())
        .ok_or_else(|| {
            e422(
                e,
                "Veículo não encontrado no RENAVAM com a placa e o renavam informados",
            )
        })?;
    let mut motivos = Vec::new();
    if let Some(n) = p.q("numeroCrv") {
        let n = validar(e, &n, NumeroCrv::parse, "Número do CRV inválido")?;
        if v.numero_crv.as_deref() != Some(n.as_str()) {
            motivos.push(
                "Número do CRV informado não corresponde ao CRV vigente do veículo".to_owned(),
            );
        }
    }
    if e.estoque_ativo_do_chassi(&v.chassi).is_some() {
        motivos.push("Veículo possui um estoque ativo no RENAVE".to_owned());
    }
    Ok(json(
        200,
        json!({
            "comunicacaoComDetranFalhou": false,
            "diagnostico": {
                "veiculoApto": motivos.is_empty(),
                "motivosParaNaoAptidao": motivos,
                "veiculoBaixado": false,
                "veiculoComAlarme": false,
                "veiculoComLicenciamentoProvisorio": false,
                "veiculoComPendenciaDeEmissaoCrv": false,
                "veiculoComRecall": false,
                "veiculoComRestricaoExtrajudicial": false,
                "veiculoComRestricaoImpeditivaNoDetran": false,
                "veiculoComRestricaoJudicial": false,
                "veiculoComRestricaoNaReceitaFederal": false,
                "veiculoComRestricaoPgfn": false,
                "veiculoComRouboFurto": false,
                "veiculoSemAtpv": false,
                "veiculoTemAutorizacaoTransferenciaParaEstabelecimentoDiferenteDoEstabelecimentoConsultante": false,
                "veiculoTemComunicacaoDeVendaParaCompradorDiferenteDoEstabelecimentoConsultante": false,
                "veiculoTemIntencaoDeVendaParaCompradorDiferenteDoEstabelecimentoConsultante": false,
            },
            "informacoesDebitos": {
                "existemDebitos": false,
                "valorDebitoIpva": 0.0,
                "valorDebitoLicenciamento": 0.0,
                "valorDebitoMultas": 0.0,
                "valorDebitoDpvat": 0.0,
                "valorTaxasEDebitosDiversos": 0.0,
                "boletos": [],
                "codigosBancos": [],
            },
            "veiculo": {
                "chassi": v.chassi,
                "placa": v.placa,
                "renavam": v.renavam,
                "ufJurisdicao": "MG",
                "restricoes": [],
                "veiculoAcabado": v.acabado,
            },
        }),
    ))
}

pub(super) fn municipios(p: &Pedido<'_>) -> Resposta {
    let nome = p.q("nome");
    let uf = p.q("uf");
    let lista: Vec<Value> = MUNICIPIOS
        .iter()
        .filter(|(_, n, u)| {
            nome.as_deref().is_none_or(|q| n.contains(q)) && uf.as_deref().is_none_or(|q| *u == q)
        })
        .map(|(id, n, u)| json!({ "id": id, "nome": n, "uf": u }))
        .collect();
    json(200, Value::Array(lista))
}

// E3, E4, E5, E6, E7/E8/E9, E10

pub(super) fn entrada_usado(e: &mut Estado, c: Campos<'_>) -> Res {
    let cpf = cpf_operador(e, c)?;
    let valor = c.exigir_numero(e, "valorCompra", "Valor da compra é obrigatório")?;
    let _ = email(e, c, "emailVendedor", "E-mail do vendedor é obrigatório")?;
    let v = c.exigir_objeto(e, "veiculo", "Veículo é obrigatório")?;
    let codigo = codigo_seguranca(e, v)?;
    let tipo_crv = v.exigir(e, "tipoCrv", "Tipo do CRV é obrigatório")?;
    if !TipoCrv::from(tipo_crv.as_str()).is_conhecido() {
        return Err(e400(e, &format!("Tipo do CRV inválido: {tipo_crv}")));
    }
    let (placa, renavam) = placa_renavam(e, v, "placa")?;
    let km = km(e, v)?;
    let medicao = v.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    let doc = v.exigir(
        e,
        "documentoProprietarioAtual",
        "Documento do proprietário atual é obrigatório",
    )?;
    let tipo_doc = v.exigir(
        e,
        "tipoDocumentoProprietarioAtual",
        "Tipo do documento do proprietário atual é obrigatório",
    )?;
    let doc = validar(
        e,
        &doc,
        CpfCnpj::parse,
        "Documento do proprietário atual inválido",
    )?;
    let tipo_ok = matches!(
        (tipo_doc.as_str(), &doc),
        ("CPF", CpfCnpj::Cpf(_)) | ("CNPJ", CpfCnpj::Cnpj(_))
    );
    if !tipo_ok {
        return Err(e400(
            e,
            "Tipo do documento do proprietário atual não corresponde ao documento informado",
        ));
    }
    let data_compra = c.exigir_data(e, "dataCompra", "Data da compra é obrigatória")?;

    let veiculo = e
        .veiculo_por_placa_renavam(&placa, &renavam)
        .ok_or_else(|| {
            e422(
                e,
                "Veículo não encontrado no RENAVAM com a placa e o renavam informados",
            )
        })?;
    if veiculo.proprietario == e.cnpj {
        return Err(e422(
            e,
            "O estabelecimento já é o proprietário do veículo. Utilize a entrada de veículo próprio",
        ));
    }
    if veiculo.proprietario != doc.as_str() {
        return Err(e422(
            e,
            "Documento informado não corresponde ao proprietário atual do veículo no CRV",
        ));
    }
    if veiculo.codigo_seguranca_crv.as_deref() != Some(codigo.as_str()) {
        return Err(e422(e, "Código de segurança do CRV inválido"));
    }
    if let Some(n) = v.texto("numeroCrv") {
        if veiculo.numero_crv.as_deref() != Some(n.as_str()) {
            return Err(e422(
                e,
                "Número do CRV não corresponde ao CRV vigente do veículo",
            ));
        }
    }
    if data_compra.date() < veiculo.data_emissao_crv.date() {
        return Err(e422(
            e,
            &format!(
                "Data da compra não pode ser anterior à data de emissão do último CRV ({})",
                veiculo.data_emissao_crv.date()
            ),
        ));
    }
    let chassi = veiculo.chassi.clone();
    if e.estoque_ativo_do_chassi(&chassi).is_some() {
        return Err(e422(
            e,
            &format!("Veículo de chassi {chassi} possui um estoque ativo"),
        ));
    }
    let vendedor = veiculo.proprietario.clone();
    let numero_crv = veiculo.numero_crv.clone();
    let id = e.novo_id();
    let agora = e.agora();
    let intencao = nova_intencao(e, vendedor.clone(), e.cnpj.clone(), valor, false);
    if let Some(vv) = e.veiculos.get_mut(&chassi) {
        vv.intencoes.push(intencao);
    }
    let est = Estoque {
        id,
        estado: "SOLICITADO",
        chassi,
        placa: Some(placa),
        renavam: Some(renavam),
        numero_crv,
        codigo_seguranca_crv: Some(codigo),
        tipo_crv: Some(tipo_crv),
        km,
        data_hora_medicao: fmt_data_hora(medicao),
        entrada: Entrada {
            cpf_operador: cpf,
            data_hora: agora,
            chave_nf: None,
            numero_termo: 900_000 + id,
            vendedor: Some(vendedor),
            valor_compra: valor,
        },
        assinatura_ok: false,
        nf_dispensada: false,
        detran_desde: None,
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

pub(super) fn entrada_proprio(e: &mut Estado, c: Campos<'_>) -> Res {
    let cpf = cpf_operador(e, c)?;
    let data = c.exigir_data(
        e,
        "dataEntradaEstoque",
        "Data da entrada em estoque é obrigatória",
    )?;
    let v = c.exigir_objeto(e, "veiculo", "Veículo é obrigatório")?;
    let codigo = codigo_seguranca(e, v)?;
    let tipo_crv = v.exigir(e, "tipoCrv", "Tipo do CRV é obrigatório")?;
    let (placa, renavam) = placa_renavam(e, v, "placa")?;
    let km = km(e, v)?;
    let medicao = v.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    let veiculo = e
        .veiculo_por_placa_renavam(&placa, &renavam)
        .ok_or_else(|| {
            e422(
                e,
                "Veículo não encontrado no RENAVAM com a placa e o renavam informados",
            )
        })?;
    if veiculo.tipo_documento_proprietario() == "CPF" {
        return Err(e422(e, "Proprietário deve ser um CNPJ"));
    }
    if veiculo.proprietario != e.cnpj {
        return Err(e422(
            e,
            "O estabelecimento solicitante não é o proprietário do veículo",
        ));
    }
    if veiculo.codigo_seguranca_crv.as_deref() != Some(codigo.as_str()) {
        return Err(e422(e, "Código de segurança do CRV inválido"));
    }
    let chassi = veiculo.chassi.clone();
    let numero_crv = veiculo.numero_crv.clone();
    if e.estoque_ativo_do_chassi(&chassi).is_some() {
        return Err(e422(
            e,
            &format!("Veículo de chassi {chassi} já está em estoque"),
        ));
    }
    let id = e.novo_id();
    let est = Estoque {
        id,
        estado: "CONFIRMADO",
        chassi,
        placa: Some(placa),
        renavam: Some(renavam),
        numero_crv,
        codigo_seguranca_crv: Some(codigo),
        tipo_crv: Some(tipo_crv),
        km,
        data_hora_medicao: fmt_data_hora(medicao),
        entrada: Entrada {
            cpf_operador: cpf,
            data_hora: data,
            chave_nf: None,
            numero_termo: 900_000 + id,
            vendedor: None,
            valor_compra: 0.0,
        },
        assinatura_ok: true,
        nf_dispensada: true,
        detran_desde: Some(data),
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

const VARIANTES_ASSINATURA: [(&str, &str, &str); 4] = [
    (
        "envioAssinaturaProprioPunhoAtpve",
        "fotoAtpveAssinadoDeProprioPunhoBase64",
        "PROPRIO_PUNHO_ATPVE",
    ),
    (
        "envioAssinaturaProprioPunhoAtpvPapelMoeda",
        "fotoAtpvPapelMoedaAssinadoBase64",
        "PROPRIO_PUNHO_ATPV_PAPEL_MOEDA",
    ),
    (
        "envioAssinaturaQualificadaP7sSobreXmlAtpve",
        "assinaturaQualificadaP7sBase64",
        "QUALIFICADA_P7S_SOBRE_XML_ATPVE",
    ),
    (
        "envioAssinaturaQualificadaP7sSobreFotoAtpvPapelMoeda",
        "assinaturaQualificadaP7sBase64",
        "QUALIFICADA_P7S_SOBRE_FOTO_ATPV_PAPEL_MOEDA",
    ),
];

pub(super) fn assinatura_vendedor(e: &mut Estado, c: Campos<'_>) -> Res {
    use base64::Engine as _;
    let id = c.exigir_inteiro(e, "idEstoque", "ID do estoque é obrigatório")?;
    let presentes: Vec<_> = VARIANTES_ASSINATURA
        .iter()
        .filter_map(|(v, campo, tipo)| c.objeto(v).map(|o| (o, *campo, *tipo)))
        .collect();
    let [(obj, campo, tipo)] = presentes.as_slice() else {
        return Err(e400(
            e,
            "Deve ser informada exatamente uma forma de envio da assinatura do vendedor",
        ));
    };
    let conteudo = obj.exigir(e, campo, "Arquivo da assinatura do vendedor é obrigatório")?;
    if base64::engine::general_purpose::STANDARD
        .decode(conteudo.as_bytes())
        .is_err()
    {
        return Err(e400(
            e,
            "Arquivo da assinatura do vendedor deve estar codificado em Base64",
        ));
    }
    let tipo: &'static str = tipo;
    let est = e
        .estoques
        .get(&id)
        .filter(|s| s.dono == e.cnpj)
        .ok_or_else(|| e404(e, &format!("Estoque {id} não encontrado")))?;
    if est.estado != "SOLICITADO" {
        return Err(e422(
            e,
            "Estoque não está aguardando a assinatura do vendedor",
        ));
    }
    if est.assinatura_ok {
        return Err(e422(
            e,
            "A assinatura do vendedor já foi enviada para este estoque",
        ));
    }
    let chassi = est.chassi.clone();
    let agora = e.agora();
    let numero = e
        .veiculos
        .get_mut(&chassi)
        .and_then(|v| v.intencao_ativa_mut())
        .filter(|i| !i.sistemica)
        .map(|i| {
            i.assinatura = Some((tipo, agora));
            i.estado = "VENDA_COMUNICADA";
            i.numero_atpv.clone()
        });
    let Some(numero) = numero else {
        return Err(e422(
            e,
            "Não existe intenção de venda disponível para o veículo",
        ));
    };
    e.encaminhar_atpve(&chassi, &numero, id);
    if let Some(est) = e.estoques.get_mut(&id) {
        est.assinatura_ok = true;
    }
    e.talvez_iniciar_detran(id);
    Ok(vazio(200))
}

pub(super) fn ultima_assinatura(e: &Estado, placa: &str, renavam: &str) -> Res {
    let v = e
        .veiculo_por_placa_renavam(placa, renavam)
        .ok_or_else(|| e404(e, "Veículo não encontrado"))?;
    let i = v
        .intencoes
        .iter()
        .rev()
        .find(|i| i.assinatura.is_some())
        .ok_or_else(|| {
            e422(
                e,
                "Não existe assinatura de ATPV-e registrada para o veículo",
            )
        })?;
    let (tipo, quando) = i.assinatura.unwrap_or(("", i.data_hora_registro));
    Ok(json(
        200,
        json!({
            "numeroAtpve": i.numero_atpv,
            "estadoIntencaoVenda": i.estado,
            "chassi": v.chassi,
            "placa": v.placa,
            "renavam": v.renavam,
            "numeroDocumentoComprador": i.comprador,
            "numeroDocumentoVendedor": i.vendedor,
            "dataHoraRegistro": fmt_data_hora(i.data_hora_registro),
            "dataHoraRegistroAssinaturaVendedor": fmt_data_hora(quando),
            "tipoAssinaturaVendedor": tipo,
            "xmlAtpveBase64": base64(xml_atpv(i, v).as_bytes()),
        }),
    ))
}

pub(super) fn xml_atpv(i: &IntencaoVenda, v: &Veiculo) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><atpve><numero>{}</numero><chassi>{}</chassi><placa>{}</placa><renavam>{}</renavam><valor>{:.2}</valor><simulado>true</simulado></atpve>",
        i.numero_atpv,
        v.chassi,
        v.placa.as_deref().unwrap_or(""),
        v.renavam.as_deref().unwrap_or(""),
        i.valor
    )
}

pub(super) fn corpo_pdf_atpv(i: &IntencaoVenda, v: &Veiculo) -> Value {
    let linhas = vec![
        format!("Numero do ATPV-e: {}", i.numero_atpv),
        format!("Chassi: {}", v.chassi),
        format!("Placa: {}", v.placa.as_deref().unwrap_or("-")),
        format!("RENAVAM: {}", v.renavam.as_deref().unwrap_or("-")),
        format!("Vendedor: {}", mascara(&i.vendedor)),
        format!("Comprador: {}", mascara(&i.comprador)),
        format!("Valor: R$ {:.2}", i.valor),
        format!("Estado da intencao de venda: {}", i.estado),
        if i.sistemica {
            "Documento gerado pelo RENAVE (dispensa assinaturas)".to_owned()
        } else {
            "Assinatura do vendedor: ______________________".to_owned()
        },
        "DOCUMENTO SIMULADO - SEM VALOR LEGAL".to_owned(),
    ];
    json!({
        "numeroAtpv": i.numero_atpv,
        "pdfAtpvBase64": pdf_base64("ATPV-e - Autorizacao para Transferencia de Propriedade de Veiculo", &linhas),
        "xmlAtpvBase64": base64(xml_atpv(i, v).as_bytes()),
    })
}

pub(super) fn pdf_atpv(e: &Estado, filtro: impl Fn(&Veiculo) -> bool) -> Res {
    let v = e
        .veiculos
        .values()
        .find(|v| filtro(v))
        .ok_or_else(|| e422(e, "Chassi informado não está cadastrado"))?;
    let i = v.intencao_ativa().ok_or_else(|| {
        e422(e, "Não existe intenção de venda disponível para o veículo nos estados Registrada ou Venda comunicada")
    })?;
    Ok(json(200, corpo_pdf_atpv(i, v)))
}

pub(super) fn atpv_por_id(e: &Estado, id: &str) -> Res {
    let id = parse_id(e, id, "ID do ATPV-e")?;
    for v in e.veiculos.values() {
        if let Some(i) = v.intencoes.iter().find(|i| i.id_atpv == id) {
            return Ok(json(200, corpo_pdf_atpv(i, v)));
        }
    }
    Err(e404(e, &format!("ATPV-e {id} não encontrado")))
}

pub(super) fn nota_fiscal(e: &mut Estado, c: Campos<'_>) -> Res {
    let chave = chave_nf(e, c, "chaveNotaFiscal")?;
    let evento = c.exigir(e, "evento", "Evento é obrigatório")?;
    let id = c.exigir_inteiro(e, "idEstoque", "ID do estoque é obrigatório")?;
    let agora = e.agora();
    let Some(est) = e.estoques.get(&id).filter(|s| s.dono == e.cnpj) else {
        return Err(e404(e, &format!("Estoque {id} não encontrado")));
    };
    match evento.as_str() {
        "COMPRA" => {
            if est.entrada.chave_nf.is_some() {
                return Err(e422(e, "Nota fiscal de entrada já enviada para o estoque"));
            }
            if est.cancelamento.is_some() {
                return Err(e422(e, "Estoque cancelado não aceita nota fiscal"));
            }
            if let Some(est) = e.estoques.get_mut(&id) {
                est.entrada.chave_nf = Some((chave, agora));
            }
            e.talvez_iniciar_detran(id);
        }
        "VENDA" => {
            match &est.saida {
                Some(s) if s.cancelamento.is_none() && s.motivo == "VENDA" => {
                    if s.chave_nf.is_some() {
                        return Err(e422(e, "Nota fiscal de venda já enviada para o estoque"));
                    }
                }
                _ => {
                    return Err(e422(
                        e,
                        "A nota fiscal de venda deve ser enviada após a saída do estoque",
                    ));
                }
            }
            if let Some(s) = e.estoques.get_mut(&id).and_then(|est| est.saida.as_mut()) {
                s.chave_nf = Some((chave, agora));
            }
        }
        outro => {
            return Err(e400(
                e,
                &format!("Evento inválido: {outro}. Valores aceitos: COMPRA, VENDA"),
            ));
        }
    }
    Ok(vazio(200))
}

// E11–E19, E22

pub(super) fn consultar_estoques(e: &Estado, p: &Pedido<'_>) -> Res {
    let lista = listar_estoques(e, p, Ator::Estabelecimento)?;
    Ok(json(
        200,
        Value::Array(lista.into_iter().map(Estoque::para_json).collect()),
    ))
}

/// `ator`'s stocks, filtered by the query's `chassi`, `placa` and `estadoEstoque`.
pub(super) fn listar_estoques<'a>(
    e: &'a Estado,
    p: &Pedido<'_>,
    ator: Ator,
) -> Result<Vec<&'a Estoque>, Resposta> {
    let chassi = p.q("chassi");
    let placa = p.q("placa");
    let estado = p.q("estadoEstoque");
    if let Some(s) = &estado {
        if !EstadoEstoque::from(s.as_str()).is_conhecido() {
            return Err(e400(e, &format!("Estado do estoque inválido: {s}")));
        }
    }
    let dono = e.cnpj_de(ator);
    Ok(e.estoques
        .values()
        .filter(|s| s.dono == dono)
        .filter(|s| chassi.as_deref().is_none_or(|c| s.chassi == c))
        .filter(|s| {
            placa
                .as_deref()
                .is_none_or(|c| s.placa.as_deref() == Some(c))
        })
        .filter(|s| estado.as_deref().is_none_or(|c| s.estado == c))
        .collect())
}

pub(super) fn termo_entrada(e: &Estado, id: &str, ator: Ator) -> Res {
    let est = estoque_por_id_de(e, id, ator)?;
    if !est.assinatura_ok {
        return Err(e422(
            e,
            "O estabelecimento ainda não enviou a assinatura do ATPV-e do vendedor",
        ));
    }
    let linhas = vec![
        format!("Numero do termo: {}", est.entrada.numero_termo),
        format!("Estoque: {}", est.id),
        format!("Chassi: {}", est.chassi),
        format!("Placa: {}", est.placa.as_deref().unwrap_or("-")),
        format!("Data da entrada: {}", fmt_data_hora(est.entrada.data_hora)),
        format!("Valor da compra: R$ {:.2}", est.entrada.valor_compra),
        format!("Estabelecimento: {} - {}", e.nome_de(ator), e.cnpj_de(ator)),
        "DOCUMENTO SIMULADO - SEM VALOR LEGAL".to_owned(),
    ];
    Ok(json(
        200,
        json!({
            "numeroTermoEntradaEstoque": est.entrada.numero_termo,
            "pdfBase64": pdf_base64("TEE - Termo de Entrada em Estoque", &linhas),
        }),
    ))
}

pub(super) fn termo_saida(e: &Estado, id: &str, ator: Ator) -> Res {
    let est = estoque_por_id_de(e, id, ator)?;
    let s = est
        .saida
        .as_ref()
        .ok_or_else(|| e422(e, "O estoque não possui saída registrada"))?;
    let linhas = vec![
        format!("Numero do termo: {}", s.numero_termo),
        format!("Estoque: {}", est.id),
        format!("Chassi: {}", est.chassi),
        format!("Motivo: {}", s.motivo),
        format!("Valor: R$ {:.2}", s.valor_venda),
        format!("Data da saida: {}", fmt_data_hora(s.data_hora)),
        "DOCUMENTO SIMULADO - SEM VALOR LEGAL".to_owned(),
    ];
    Ok(json(
        200,
        json!({
            "numeroTermoSaidaEstoque": s.numero_termo,
            "pdfBase64": pdf_base64("TSE - Termo de Saida de Estoque", &linhas),
        }),
    ))
}

pub(super) fn cancelar_entrada_usado(e: &mut Estado, c: Campos<'_>) -> Res {
    let _ = cpf_operador(e, c)?;
    let v = c.exigir_objeto(e, "veiculo", "Veículo é obrigatório")?;
    let (placa, renavam) = placa_renavam(e, v, "placa")?;
    let codigo = codigo_seguranca(e, v)?;
    let _ = c.exigir_data(
        e,
        "dataCancelamentoEstoque",
        "Data do cancelamento do estoque é obrigatória",
    )?;
    let Some(est) = e.estoques.values().rev().find(|s| {
        s.dono == e.cnpj
            && s.ativo()
            && s.placa.as_deref() == Some(&placa)
            && s.renavam.as_deref() == Some(&renavam)
    }) else {
        return Err(e422(e, "Não existe estoque ativo para o veículo informado"));
    };
    if est.estado != "SOLICITADO" {
        return Err(e422(
            e,
            &format!(
                "Estoque do veículo encontra-se no estado de {}. Somente entrada no estado Solicitado pode ser cancelada",
                nome_estado(est.estado)
            ),
        ));
    }
    if est.codigo_seguranca_crv.as_deref() != Some(codigo.as_str()) {
        return Err(e422(
            e,
            "Código de segurança do CRV não confere com o registrado no estoque",
        ));
    }
    let (id, chassi) = (est.id, est.chassi.clone());
    let agora = e.agora();
    if let Some(i) = e
        .veiculos
        .get_mut(&chassi)
        .and_then(|v| v.intencao_ativa_mut())
    {
        i.estado = "CANCELADA";
    }
    let Some(est) = e.estoques.get_mut(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    est.estado = "FINALIZADO";
    est.detran_desde = None;
    est.cancelamento = Some((agora, "CANCELAMENTO_SOLICITADO_PELO_ESTABELECIMENTO"));
    Ok(json(201, est.para_json()))
}

pub(super) fn saida_usado(e: &mut Estado, c: Campos<'_>) -> Res {
    let cpf = cpf_operador(e, c)?;
    let valor = c.exigir_numero(e, "valorVenda", "Valor da venda é obrigatório")?;
    let _ = email(
        e,
        c,
        "emailEstabelecimento",
        "E-mail do estabelecimento é obrigatório",
    )?;
    let comp = comprador(e, c)?;
    let v = c.exigir_objeto(e, "veiculo", "Veículo é obrigatório")?;
    let (placa, renavam) = placa_renavam(e, v, "placa")?;
    let codigo = codigo_seguranca(e, v)?;
    let data_venda = c.exigir_data(e, "dataVenda", "Data da venda é obrigatória")?;
    let Some(est) = e.estoques.values().rev().find(|s| {
        s.dono == e.cnpj
            && s.ativo()
            && s.placa.as_deref() == Some(&placa)
            && s.renavam.as_deref() == Some(&renavam)
    }) else {
        return Err(e422(
            e,
            "Veículo não se encontra no estoque do estabelecimento",
        ));
    };
    exigir_confirmado(e, est)?;
    if est.entrada.chave_nf.is_none() && !est.nf_dispensada {
        return Err(e422(
            e,
            "A nota fiscal de entrada do estoque ainda não foi enviada",
        ));
    }
    if !est.assinatura_ok {
        return Err(e422(
            e,
            "O estabelecimento ainda não enviou a assinatura do ATPV-e do vendedor",
        ));
    }
    if data_venda.date() < est.entrada.data_hora.date() {
        return Err(e422(
            e,
            &format!(
                "Data da venda não pode ser anterior à data da entrada em estoque ({})",
                est.entrada.data_hora.date()
            ),
        ));
    }
    let (id, chassi) = (est.id, est.chassi.clone());
    let atual = e
        .veiculos
        .get(&chassi)
        .and_then(|v| v.codigo_seguranca_crv.clone());
    if atual.as_deref() != Some(codigo.as_str()) {
        return Err(e422(
            e,
            "Código de segurança do CRV inválido. Utilize o código do CRV emitido para o estabelecimento",
        ));
    }
    registrar_saida(e, id, cpf, valor, comp, None);
    let est = e.estoques.get(&id).map_or(Value::Null, Estoque::para_json);
    Ok(json(201, est))
}

/// Moves a stock to FINALIZADO by sale and creates the systemic sale intention.
pub(super) fn registrar_saida(
    e: &mut Estado,
    id: i64,
    cpf: String,
    valor: f64,
    comp: Value,
    chave: Option<String>,
) {
    let vendedor = e.cnpj.clone();
    registrar_saida_de(
        e,
        id,
        Venda {
            vendedor,
            cpf,
            valor,
            comprador: comp,
            chave,
            emitir_atpv: true,
        },
    );
}

/// A sale out of a stock (`registrar_saida_de`).
pub(super) struct Venda {
    /// The seller's CNPJ (the stock's owner).
    pub(super) vendedor: String,
    pub(super) cpf: String,
    pub(super) valor: f64,
    /// The buyer, in its response form.
    pub(super) comprador: Value,
    pub(super) chave: Option<String>,
    /// Whether the systemic sale intention (and its ATPV-e) is created now; a venda direta
    /// with an indicated delivery gets it when the dealer makes the delivery (Z13).
    pub(super) emitir_atpv: bool,
}

/// Moves a stock to FINALIZADO by sale, creating the systemic sale intention when asked.
pub(super) fn registrar_saida_de(e: &mut Estado, id: i64, venda: Venda) {
    let Venda {
        vendedor,
        cpf,
        valor,
        comprador: comp,
        chave,
        emitir_atpv,
    } = venda;
    let agora = e.agora();
    let prazo = somar(agora, e.prazos.transferencia_comprador);
    let numero_termo = 950_000 + id;
    let comprador_doc = comp
        .get("numeroDocumento")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let Some(chassi) = e.estoques.get(&id).map(|s| s.chassi.clone()) else {
        return;
    };
    if emitir_atpv {
        let intencao = nova_intencao(e, vendedor, comprador_doc, valor, true);
        // The saída's ATPV-e is issued by Renave itself (no seller signature) and forwarded to
        // CET-MG for the comunicação de venda de saída (R §6.2.3 4).
        e.encaminhar_atpve(&chassi, &intencao.numero_atpv, id);
        if let Some(v) = e.veiculos.get_mut(&chassi) {
            v.intencoes.push(intencao);
        }
    }
    if let Some(est) = e.estoques.get_mut(&id) {
        est.estado = "FINALIZADO";
        est.saida = Some(Saida {
            cpf_operador: cpf,
            motivo: "VENDA",
            data_hora: agora,
            chave_nf: chave.map(|k| (k, agora)),
            comprador: Some(comp),
            numero_termo,
            valor_venda: valor,
            transferencia_comprador_em: prazo,
            cancelamento: None,
        });
    }
}

pub(super) fn cancelar_saida(e: &mut Estado, c: Campos<'_>, tipo: Tipo) -> Res {
    cancelar_saida_de(e, c, tipo, Ator::Estabelecimento)
}

/// Cancels a sale of `ator`'s stock (E17, Z4, E32 and the montadora's and the ITE's
/// analogues): a new `CONFIRMADO` stock with a new id (`renave-ws.md` §7.5).
pub(super) fn cancelar_saida_de(e: &mut Estado, c: Campos<'_>, tipo: Tipo, ator: Ator) -> Res {
    let _ = cpf_operador(e, c)?;
    let _ = c.exigir_data(
        e,
        "dataCancelamentoSaidaEstoque",
        "Data do cancelamento da saída é obrigatória",
    )?;
    let id = estoque_do_corpo_de(e, c, ator, "idEstoque")?;
    let agora = e.agora();
    let Some(est) = e.estoques.get(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    let tipo_ok = match tipo {
        Tipo::ZeroKm => est.zero_km && est.acabado,
        Tipo::Inacabado => !est.acabado,
        Tipo::Qualquer => true,
        _ => !est.zero_km,
    };
    if !tipo_ok {
        return Err(e422(e, "O estoque informado não é do tipo desta operação"));
    }
    let Some(s) = &est.saida else {
        return Err(e422(e, "O estoque não possui saída registrada"));
    };
    if s.cancelamento.is_some() {
        return Err(e422(e, "A saída deste estoque já foi cancelada"));
    }
    if s.motivo != "VENDA" {
        return Err(e422(e, "Somente saída por venda pode ser cancelada"));
    }
    if agora >= s.transferencia_comprador_em {
        return Err(e422(
            e,
            "A saída não pode mais ser cancelada: o Detran já transferiu o veículo para o comprador",
        ));
    }
    let mut novo = est.clone();
    let chassi = est.chassi.clone();
    // The new stock keeps only the actor's marker, not the sale's extras.
    novo.extras = Extras::default();
    if let Some(v) = est.extras.estoque.get("estoqueEmIte") {
        novo.extras.estoque.insert("estoqueEmIte".into(), v.clone());
    }
    let novo_id = e.novo_id();
    novo.id = novo_id;
    novo.estado = "CONFIRMADO";
    novo.saida = None;
    novo.origem_cancelamento = Some(id);
    novo.entrada.data_hora = agora;
    novo.entrada.numero_termo = 900_000 + novo_id;
    if let Some(i) = e
        .veiculos
        .get_mut(&chassi)
        .and_then(|v| v.intencao_ativa_mut())
    {
        i.estado = "CANCELADA";
    }
    e.estoques.insert(novo_id, novo);
    let Some(antigo) = e.estoques.get_mut(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    if let Some(s) = antigo.saida.as_mut() {
        s.cancelamento = Some((agora, novo_id));
    }
    Ok(json(201, antigo.para_json()))
}

pub(super) fn crlve(e: &mut Estado, placa: &str, renavam: &str, so_codigo: bool) -> Res {
    let v = e
        .veiculo_por_placa_renavam(placa, renavam)
        .ok_or_else(|| e404(e, "Veículo não encontrado"))?;
    if v.proprietario != e.cnpj {
        return Err(e422(
            e,
            "O CRLV-e só pode ser emitido para veículo de propriedade do estabelecimento",
        ));
    }
    let codigo = v.codigo_seguranca_crv.clone().unwrap_or_default();
    let pdf_codigo = pdf_base64(
        "Codigo de seguranca do CRV",
        &[
            format!("Placa: {placa}"),
            format!("RENAVAM: {renavam}"),
            format!("Codigo de seguranca do CRV: {codigo}"),
            "DOCUMENTO SIMULADO - SEM VALOR LEGAL".to_owned(),
        ],
    );
    let mut corpo = json!({
        "numero": v.numero_crv,
        "placa": v.placa,
        "renavam": v.renavam,
        "dataEmissao": fmt_data_hora(v.data_emissao_crv),
        "cnpjEstabelecimento": e.cnpj,
        "nomeEstabelecimento": e.nome,
        "pdfCodigoSegurancaCrvBase64": pdf_codigo,
    });
    if !so_codigo {
        let pdf = pdf_base64(
            "CRLV-e - Certificado de Registro e Licenciamento de Veiculo",
            &[
                format!("Numero do CRV: {}", v.numero_crv.as_deref().unwrap_or("-")),
                format!("Placa: {placa}"),
                format!("RENAVAM: {renavam}"),
                format!("Chassi: {}", v.chassi),
                format!("Veiculo: {}", v.descricao),
                format!("Proprietario: {} - {}", e.nome, e.cnpj),
                "DOCUMENTO SIMULADO - SEM VALOR LEGAL".to_owned(),
            ],
        );
        if let Value::Object(m) = &mut corpo {
            m.insert("pdfBase64".into(), Value::from(pdf));
            m.insert(
                "assinaturaDetranP7sBase64".into(),
                Value::from(base64(b"assinatura simulada")),
            );
        }
    }
    Ok(json(200, corpo))
}

pub(super) fn consultar_veiculo(e: &Estado, p: &Pedido<'_>, ator: Ator) -> Res {
    let chassi = p
        .q("chassi")
        .ok_or_else(|| e400(e, "Chassi é obrigatório"))?;
    let chassi = validar(e, &chassi, Chassi::parse, "Chassi inválido")?;
    let v = e
        .veiculos
        .get(chassi.as_str())
        .ok_or_else(|| e422(e, "Chassi informado não está cadastrado"))?;
    let est = e
        .estoque_ativo_do_chassi(&v.chassi)
        .filter(|s| s.dono == e.cnpj_de(ator))
        .ok_or_else(|| e422(e, "Veículo deve estar em estoque (CONFIRMADO)"))?;
    exigir_confirmado(e, est)?;
    let restricoes = if v.zero_km {
        json!([{ "codigoTipo": "86", "tipo": "ESTOQUE_RENAVE_DE_VEICULO_ZERO" }])
    } else {
        json!([])
    };
    Ok(json(
        200,
        json!({
            "chassi": v.chassi,
            "placa": v.placa.clone().unwrap_or_default(),
            "renavam": v.renavam.clone().unwrap_or_else(|| "00000000000".to_owned()),
            "restricoes": restricoes,
            "veiculoAcabado": v.acabado,
        }),
    ))
}
