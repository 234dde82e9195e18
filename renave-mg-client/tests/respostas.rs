//! Typed answers: the aptidão evaluation, DAE linha digitável / Pix / PDF (validated fields kept
//! raw, typed through fallible accessors), laudo validity, and the published JSON Schemas.
#![allow(clippy::unwrap_used)]

mod comum;

use base64::Engine as _;
use comum::*;
use renave_domain::{ItemAptidao, LinhaDigitavel, PixCopiaECola, ResultadoAptidao};
use renave_mg_client::operacoes::dae::{EmissaoGuiaDae, RespostaEmitirGuiaDae};
use renave_mg_client::operacoes::estoque::{
    RespostaAptidaoVeiculoEstoque, SolicitacaoTransferencia,
};
use renave_mg_client::operacoes::protocolo_digital::ProcessoTransferencia;
use renave_mg_client::operacoes::vistoria::{RespostaDistribuicao, RespostaUltimoLaudo};
use renave_mg_client::{Erro, Lista};
use serde_json::json;

#[test]
fn aptidao_converte_no_modelo_do_dominio() {
    let r: RespostaAptidaoVeiculoEstoque = serde_json::from_value(json!({
        "codigo_retorno": "000", "mensagem_retorno": "Consulta realizada",
        "comunicacao_venda_registrada": true, "laudo_csv_em_aberto": "N", "reserva_dominio": false,
        "gravame": 1, "total_autuacoes": 4, "multas_exigiveis": 2, "multas_totais": "5",
        "pendencias_trlav": false, "pendencias_ipva": true, "pendencias_dpvat": false,
        "impedimentos_cadastrais": false, "detalhes": "IPVA 2025 em aberto"
    }))
    .unwrap();
    let a = r.avaliacao();
    assert!(!a.pode_prosseguir());
    let bloqueios: Vec<ItemAptidao> = a.impedimentos.iter().map(|i| i.item).collect();
    assert!(bloqueios.contains(&ItemAptidao::Gravame), "{bloqueios:?}");
    assert!(
        bloqueios.contains(&ItemAptidao::PendenciasIpva),
        "{bloqueios:?}"
    );
    assert!(
        bloqueios.contains(&ItemAptidao::MultasExigiveis),
        "{bloqueios:?}"
    );
    assert!(!bloqueios.contains(&ItemAptidao::ComunicacaoVendaRegistrada));
    assert!(!bloqueios.contains(&ItemAptidao::LaudoCsvEmAberto));
    assert_eq!(a.detalhes, ["IPVA 2025 em aberto"]);

    let apto: RespostaAptidaoVeiculoEstoque = serde_json::from_value(json!({
        "codigo_retorno": "000",
        "laudo_csv_em_aberto": false, "reserva_dominio": false, "gravame": false, "multas_exigiveis": 0,
        "pendencias_trlav": false, "pendencias_ipva": false, "pendencias_dpvat": false,
        "impedimentos_cadastrais": false, "recall_pendente": false, "estampagem_em_aberto": false,
        "observacoes_impeditivas_laudo": false, "total_autuacoes": 3
    }))
    .unwrap();
    assert!(apto.avaliacao().pode_prosseguir(), "{:?}", apto.avaliacao());
    assert_eq!(apto.avaliacao().resultado(), ResultadoAptidao::Apto);
    // Without the success code the same items are indeterminado (issue 12).
    let mut sem_codigo = apto.clone();
    sem_codigo.retorno.codigo_retorno = None;
    assert_eq!(
        sem_codigo.avaliacao().resultado(),
        ResultadoAptidao::Indeterminado
    );
}

/// The answer of the aptidão lookup in which every blocking item is reported absent.
fn aptidao_limpa() -> serde_json::Value {
    json!({
        "codigo_retorno": "000", "mensagem_retorno": "Consulta realizada",
        "laudo_csv_em_aberto": false, "reserva_dominio": false, "gravame": false,
        "multas_exigiveis": 0, "pendencias_trlav": false, "pendencias_ipva": false,
        "pendencias_dpvat": false, "impedimentos_cadastrais": false, "recall_pendente": false,
        "estampagem_em_aberto": false, "observacoes_impeditivas_laudo": false
    })
}

/// Issue 12: an aptidão answer whose blocking item is missing, renamed or odd decodes whole and
/// is indeterminado — never apto; an odd value is kept raw, a renamed field is listed.
#[test]
fn aptidao_com_item_ausente_renomeado_ou_estranho_e_indeterminada() {
    let base: RespostaAptidaoVeiculoEstoque = serde_json::from_value(aptidao_limpa()).unwrap();
    assert_eq!(base.avaliacao().resultado(), ResultadoAptidao::Apto);
    // Spellings the SDK understands stay apto.
    let mut v = aptidao_limpa();
    v["gravame"] = json!("N");
    v["reserva_dominio"] = json!("NAO");
    v["multas_exigiveis"] = json!("0");
    v["recall_pendente"] = json!(0);
    let r: RespostaAptidaoVeiculoEstoque = serde_json::from_value(v).unwrap();
    assert_eq!(r.avaliacao().resultado(), ResultadoAptidao::Apto);

    let campos = [
        ("laudo_csv_em_aberto", ItemAptidao::LaudoCsvEmAberto),
        ("reserva_dominio", ItemAptidao::ReservaDominio),
        ("gravame", ItemAptidao::Gravame),
        ("multas_exigiveis", ItemAptidao::MultasExigiveis),
        ("pendencias_trlav", ItemAptidao::PendenciasTrlav),
        ("pendencias_ipva", ItemAptidao::PendenciasIpva),
        ("pendencias_dpvat", ItemAptidao::PendenciasDpvat),
        (
            "impedimentos_cadastrais",
            ItemAptidao::ImpedimentosCadastrais,
        ),
        ("recall_pendente", ItemAptidao::RecallPendente),
        ("estampagem_em_aberto", ItemAptidao::EstampagemEmAberto),
        (
            "observacoes_impeditivas_laudo",
            ItemAptidao::ObservacoesImpeditivasLaudo,
        ),
    ];
    for (campo, item) in campos {
        // Missing.
        let mut v = aptidao_limpa();
        v.as_object_mut().unwrap().remove(campo);
        let r: RespostaAptidaoVeiculoEstoque = serde_json::from_value(v).unwrap();
        let a = r.avaliacao();
        assert_eq!(a.resultado(), ResultadoAptidao::Indeterminado, "{campo}");
        assert_eq!(a.indeterminados(), [item], "{campo}");
        assert!(!a.pode_prosseguir());
        // Renamed: the value is under a name the SDK does not model, which is listed.
        let mut v = aptidao_limpa();
        let valor = v.as_object_mut().unwrap().remove(campo).unwrap();
        v[format!("possui_{campo}")] = if valor == json!(0) {
            json!(2)
        } else {
            json!(true)
        };
        let r: RespostaAptidaoVeiculoEstoque = serde_json::from_value(v).unwrap();
        let a = r.avaliacao();
        assert_eq!(a.resultado(), ResultadoAptidao::Indeterminado, "{campo}");
        assert_eq!(a.campos_nao_modelados, [format!("possui_{campo}")]);
        // Odd values: decoded whole, kept raw, indeterminado.
        for estranho in [
            json!("ATIVO"),
            json!(""),
            json!(7.5),
            json!({"ativo": true}),
            json!([1]),
        ] {
            let mut v = aptidao_limpa();
            v[campo] = estranho.clone();
            let r: RespostaAptidaoVeiculoEstoque =
                serde_json::from_value(v).unwrap_or_else(|e| panic!("{campo} = {estranho}: {e}"));
            let a = r.avaliacao();
            assert_eq!(
                a.resultado(),
                ResultadoAptidao::Indeterminado,
                "{campo} = {estranho}"
            );
            assert_eq!(a.ilegiveis, [item], "{campo} = {estranho}");
        }
    }
    // `"gravame": "ATIVO"` keeps the text for the screen, and the rest of the answer.
    let mut v = aptidao_limpa();
    v["gravame"] = json!("ATIVO");
    let r: RespostaAptidaoVeiculoEstoque = serde_json::from_value(v).unwrap();
    assert_eq!(r.gravame.as_ref().and_then(|g| g.bruto()), Some("ATIVO"));
    assert_eq!(r.retorno.mensagem(), Some("Consulta realizada"));
}

#[test]
fn dae_valida_linha_pix_e_pdf_sem_falhar_a_resposta() {
    let pdf = pdf_minimo();
    let r: RespostaEmitirGuiaDae = serde_json::from_value(json!({
        "codigo_retorno": "000", "linha_digitavel": LINHA, "pix_copia_e_cola": PIX,
        "arquivo_dae": base64::engine::general_purpose::STANDARD.encode(&pdf),
        "valor_taxa": "150.55", "data_vencimento": "2025-12-10", "placa": PLACA,
        "mensagem1": "Taxa de vistoria", "mensagem2": "Pague até o vencimento"
    }))
    .unwrap();
    let guia = &r.guias[0];
    let linha: LinhaDigitavel = *guia.linha_digitavel.as_ref().unwrap().valor().unwrap();
    assert_eq!(linha.as_str(), LINHA);
    let pix: PixCopiaECola = guia
        .pix_copia_e_cola
        .as_ref()
        .unwrap()
        .valor()
        .unwrap()
        .clone();
    assert_eq!(pix.as_str(), PIX);
    assert_eq!(guia.pdf().unwrap(), pdf);
    assert_eq!(
        guia.mensagens(),
        ["Taxa de vistoria", "Pague até o vencimento"]
    );
    assert_eq!(
        guia.valor_taxa
            .as_ref()
            .unwrap()
            .valor()
            .unwrap()
            .centavos(),
        15_055
    );

    // Invalid linha and Pix: the answer still decodes, raw kept, typed access fails.
    let ruim: RespostaEmitirGuiaDae = serde_json::from_value(json!({
        "linha_digitavel": "848900000002404201622015806051904292586034111221",
        "pix_copia_e_cola": "000201XYZ", "arquivo_dae": base64::engine::general_purpose::STANDARD.encode(b"GIF89a")
    }))
    .unwrap();
    let g = &ruim.guias[0];
    assert!(g.linha_digitavel.as_ref().unwrap().valor().is_err());
    assert_eq!(
        g.pix_copia_e_cola.as_ref().unwrap().bruto(),
        Some("000201XYZ")
    );
    assert!(g.pix_copia_e_cola.as_ref().unwrap().valor().is_err());
    assert!(matches!(g.pdf(), Err(Erro::Documento { .. })));

    // Several guias (R §6.1.5 "retornará todas as opções").
    let varias: RespostaEmitirGuiaDae = serde_json::from_value(json!({
        "codigo_retorno": "000", "dados": [{"placa": PLACA}, {"placa": "XYZ9876"}]
    }))
    .unwrap();
    assert_eq!(varias.guias.len(), 2);
    assert_eq!(varias.retorno.codigo_retorno.as_deref(), Some("000"));
    let lista: RespostaEmitirGuiaDae = serde_json::from_value(json!([{"placa": PLACA}])).unwrap();
    assert_eq!(lista.guias.len(), 1);
    // Fail closed (issue 12, D11): an answer with no guia is never an empty success (the
    // client reports it as not recognised, or as the refusal its code says).
    assert!(
        serde_json::from_value::<RespostaEmitirGuiaDae>(
            json!({"codigo_retorno": "000", "mensagem_retorno": "Nenhuma"})
        )
        .is_err()
    );
}

#[test]
fn laudo_valido_por_120_dias_da_emissao() {
    let r: RespostaUltimoLaudo =
        serde_json::from_value(json!({"data_emissao": "2025-01-01"})).unwrap();
    let dia120 = "2025-05-01".parse().unwrap();
    let dia121 = "2025-05-02".parse().unwrap();
    assert!(r.validade_em(dia120).is_valido());
    assert!(!r.validade_em(dia121).is_valido());
    assert!(!r.validade_em(dia121).is_indeterminado());
    // Issue 12: without a readable issue date the validity is indeterminado, never valid.
    let sem: RespostaUltimoLaudo = serde_json::from_value(json!({})).unwrap();
    assert!(sem.validade_em(dia120).is_indeterminado());
    for data in [
        json!("01/01/2025"),
        json!(null),
        json!(20_250_101),
        json!({"dia": 1}),
    ] {
        let ruim: RespostaUltimoLaudo =
            serde_json::from_value(json!({"numero_laudo": 7, "data_emissao": data})).unwrap();
        assert!(ruim.validade_em(dia120).is_indeterminado(), "{data}");
        assert!(!ruim.validade_em(dia120).is_valido(), "{data}");
    }
}

#[test]
fn respostas_guardam_campos_desconhecidos_e_ida_e_volta() {
    let entrada = json!({"codigo_retorno": "000", "cnpj_ecv": CNPJ, "campo_futuro": {"a": [1, 2]}, "vistoria_id": "V9"});
    let r: RespostaDistribuicao = serde_json::from_value(entrada.clone()).unwrap();
    assert_eq!(r.extras.get("campo_futuro"), Some(&json!({"a": [1, 2]})));
    assert_eq!(serde_json::to_value(&r).unwrap(), entrada);
    assert!(r.cnpj_ecv.unwrap().valor().is_ok());
    // Debug of a validated field never shows its value (it may be a CPF).
    let r: RespostaDistribuicao =
        serde_json::from_value(json!({"cpf_cnpj_comprador": CPF})).unwrap();
    assert!(!format!("{r:?}").contains(CPF));
    let l: Lista<serde_json::Value> =
        serde_json::from_value(json!({"mensagem": "ok", "itens": []})).unwrap();
    assert_eq!(l.retorno.mensagem(), Some("ok"));
}

#[test]
fn esquemas_json_publicados_com_os_nomes_do_fio() {
    let s = serde_json::to_value(schemars::schema_for!(SolicitacaoTransferencia)).unwrap();
    let props = s["properties"].as_object().unwrap();
    for nome in [
        "cpf_cnpj_estabelecimento",
        "codigo_municipio_emplacamento",
        "modalidade_compra",
        "isencao_ipva",
        "data_recibo",
    ] {
        assert!(props.contains_key(nome), "{nome}");
    }
    let s = serde_json::to_value(schemars::schema_for!(ProcessoTransferencia)).unwrap();
    let props = s["properties"].as_object().unwrap();
    for nome in [
        "alterar_nome",
        "atividade",
        "categoria",
        "tipo_veiculo",
        "tipo_documento_adquirente",
        "determinacao_judicial",
        "inserir_comodato",
    ] {
        assert!(props.contains_key(nome), "{nome}");
    }
    let s = serde_json::to_value(schemars::schema_for!(EmissaoGuiaDae)).unwrap();
    assert!(
        s["properties"]
            .as_object()
            .unwrap()
            .contains_key("codigo_taxa")
    );
    let s = serde_json::to_value(schemars::schema_for!(RespostaEmitirGuiaDae)).unwrap();
    assert!(s.to_string().contains("pix_copia_e_cola"));
}

#[test]
fn regras_do_dominio_nas_requisicoes() {
    use renave_domain::{CodigoTaxa, SentidoSolicitacao};
    use renave_mg_client::operacoes::vistoria::DistribuicaoVeiculoEcv;
    let d = |vistoria_movel| DistribuicaoVeiculoEcv {
        cnpj_estabelecimento: cnpj(),
        municipio_regiao_id: 1u64.into(),
        cpf_cnpj_comprador: cpf(),
        telefone_comprador: "31999990000".into(),
        email_comprador: "a@b.com".into(),
        vistoria_movel,
        receber_pesquisa: false,
    };
    assert_eq!(d(true).taxa_exigida(), Some(CodigoTaxa::VistoriaMovel));
    assert_eq!(d(false).taxa_exigida(), None);
    let s: SolicitacaoTransferencia = solicitacao_minima(cpf_cnpj_pj());
    assert_eq!(s.sentido(), SentidoSolicitacao::Entrada);
    let s: SolicitacaoTransferencia = solicitacao_minima(cpf());
    assert_eq!(s.sentido(), SentidoSolicitacao::Saida);
}

fn solicitacao_minima(comprador: renave_domain::CpfCnpj) -> SolicitacaoTransferencia {
    SolicitacaoTransferencia {
        cpf_cnpj_estabelecimento: cnpj(),
        placa: placa(),
        renavam: renavam(),
        chassi: chassi(),
        codigo_cor: renave_domain::Cor::Branca,
        cilindrada: None,
        potencia: None,
        codigo_tipo: renave_domain::TipoVeiculo::Automovel,
        codigo_especie: renave_domain::Especie::Passageiro,
        capacidade_maxima_tracao: None,
        registro_transporte_bens: None,
        numero_passageiros: None,
        codigo_combustivel: renave_domain::Combustivel::Alcool,
        codigo_marca_modelo: "150101".into(),
        codigo_carroceria: None,
        capacidade_carga: None,
        numero_eixos: None,
        peso_bruto_total: None,
        categoria: renave_domain::Categoria::from("1"),
        atividade: None,
        nome_comprador: "X".into(),
        cpf_cnpj_comprador: comprador,
        endereco_comprador: "Rua".into(),
        numero_endereco_comprador: "1".into(),
        complemento_comprador: None,
        bairro_comprador: "B".into(),
        cep_comprador: "30130000".parse().unwrap(),
        endereco_correspondencia: None,
        numero_correspondencia: None,
        complemento_correspondencia: None,
        bairro_correspondencia: None,
        cep_correspondencia: None,
        codigo_municipio_emplacamento: "4123".parse().unwrap(),
        data_recibo: "2025-10-09".parse().unwrap(),
        valor_venda: "1000".parse().unwrap(),
        isencao_ipva: renave_domain::IsencaoIpva::NaoIsento,
        modalidade_compra: renave_domain::ModalidadeCompra::SemFinanciamento,
    }
}
