//! The POC flows of the Regulamento Técnico CET-MG against the simulator, in raw JSON over plain
//! http: entrada (§6.1), saída (§6.2) and the Protocolo Digital (§7), with their refusals.

mod cetmg_comum;

use cetmg_comum::{
    Cliente, PDF_B64, corpo_dae, corpo_distribuir, corpo_processo, corpo_solicitacao, erro_http,
    ok, recusa, veiculo,
};
use renave_domain::{
    Chassi, Data, ItemAptidao, LinhaDigitavel, PixCopiaECola, verificar_validade_laudo,
};
use renave_simulador::cetmg::{
    CNPJ_ESTABELECIMENTO, SimuladorCetMg, VALOR_TAXA_VISTORIA_MOVEL_CENTAVOS,
};
use serde_json::{Value, json};

const CPF_COMPRADOR: &str = "03137215994";

fn caminho_aptidao(chassi: &Chassi, proprietario: &str) -> String {
    format!(
        "consultar-aptidao-veiculo-estoque/{}/{proprietario}/{CNPJ_ESTABELECIMENTO}",
        chassi.as_str()
    )
}

#[tokio::test]
async fn fluxo_de_entrada_completo_6_1() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    let v = veiculo(&sim, "apto — automóvel");
    let vendedor = v.proprietario.as_str().to_owned();
    let chassi = v.chassi.as_str();

    // §6.1.1 aptidão: apto, nothing blocks.
    let apt = c.get(&caminho_aptidao(&v.chassi, &vendedor)).await;
    let apt = ok(&apt);
    for campo in [
        "laudo_csv_em_aberto",
        "reserva_dominio",
        "gravame",
        "pendencias_trlav",
        "pendencias_ipva",
        "pendencias_dpvat",
        "impedimentos_cadastrais",
        "recall_pendente",
        "estampagem_em_aberto",
        "observacoes_impeditivas_laudo",
    ] {
        assert_eq!(apt[campo], false, "{campo}");
    }
    assert_eq!(apt["multas_exigiveis"], 0);

    // §6.1.3 solicitação: buyer = establishment → entrada.
    let sol = c
        .post(
            "registrar-solicitacao-servico-transferencia-propriedade-veiculo",
            &corpo_solicitacao(&v, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await;
    assert_eq!(ok(&sol)["tipo_solicitacao"], "ENTRADA");
    let consulta = c
        .get(&format!(
            "consultar-solicitacao-servico-transferencia-propriedade-veiculo?chassi={chassi}&cpf_cnpj_proprietario={vendedor}&cpf_cnpj_estabelecimento={CNPJ_ESTABELECIMENTO}"
        ))
        .await;
    assert_eq!(ok(&consulta)["situacao"], "REGISTRADA");

    // §6.1.5 DAE taxa 64: valid linha digitável and Pix.
    let dae = c
        .post(
            "portal-transito/emitir-guia-dae",
            &corpo_dae(CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await;
    let dae = ok(&dae).clone();
    let linha: LinhaDigitavel = dae["linha_digitavel"]
        .as_str()
        .expect("linha")
        .parse()
        .expect("valid linha");
    assert_eq!(
        linha.valor().map(renave_domain::Valor::centavos),
        Some(VALOR_TAXA_VISTORIA_MOVEL_CENTAVOS)
    );
    let pix: PixCopiaECola = dae["pix_copia_e_cola"]
        .as_str()
        .expect("pix")
        .parse()
        .expect("valid pix");
    assert_eq!(
        pix.valor()
            .expect("pix valor")
            .map(renave_domain::Valor::centavos),
        Some(VALOR_TAXA_VISTORIA_MOVEL_CENTAVOS)
    );
    assert_eq!(dae["chassi"], chassi);
    assert_eq!(dae["codigo_taxa"], 64);
    let numero_dae = dae["numero_identificacao_boleto"]
        .as_str()
        .expect("numero")
        .to_owned();

    // §6.1.6 distribuição móvel: refused until the DAE is paid and compensated.
    let sem_pagar = c
        .post(
            "vistoria/distribuir",
            &corpo_distribuir(CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO, true),
        )
        .await;
    recusa(&sem_pagar, "204");
    assert!(!sim.compensar_pagamento("999"));
    assert!(sim.compensar_pagamento(&numero_dae));
    let dist = c
        .post(
            "vistoria/distribuir",
            &corpo_distribuir(CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO, true),
        )
        .await;
    let dist = ok(&dist);
    assert_eq!(dist["chassi"], chassi);
    assert_eq!(dist["vistoria_movel"], true);
    assert!(
        dist["razao_social_ecv"]
            .as_str()
            .is_some_and(|s| !s.is_empty())
    );
    let ativa = c
        .get(&format!(
            "vistoria/consultar-distribuicao-ativa/{CNPJ_ESTABELECIMENTO}/{chassi}"
        ))
        .await;
    assert_eq!(ok(&ativa)["vistoria_id"], dist["vistoria_id"]);

    // Agenda Minas: datas → períodos → gravar → consultar.
    let datas = c
        .get(&format!(
            "agenda-minas/retornar-datas-com-vagas-para-agendamento/{CNPJ_ESTABELECIMENTO}/{chassi}"
        ))
        .await;
    let data = ok(&datas)["dados"][0]["data"]
        .as_str()
        .expect("a date")
        .to_owned();
    let periodos = c
        .get(&format!(
            "agenda-minas/retornar-periodos-atendimento/{data}/{CNPJ_ESTABELECIMENTO}/{chassi}"
        ))
        .await;
    let periodo = ok(&periodos)["dados"][0]["id"].clone();
    assert!(periodo.is_u64());
    let ag = c
        .post(
            "agenda-minas/gravar-agendamento",
            &json!({
                "cnpj_estabelecimento": CNPJ_ESTABELECIMENTO,
                "data_agendada": data,
                "periodo_id": periodo,
                "cpf_cnpj_comprador": CNPJ_ESTABELECIMENTO,
                "chassi": chassi,
            }),
        )
        .await;
    ok(&ag);
    let consulta = c
        .get(&format!(
            "agenda-minas/consultar-agendamento/{CNPJ_ESTABELECIMENTO}/{chassi}"
        ))
        .await;
    assert_eq!(ok(&consulta)["data_agendada"], data.as_str());

    // §6.1.8 comunicação de venda: only with the signed ATPV-e, with its number.
    let corpo_com = |numero: &str| json!({"placa": v.placa.as_str(), "renavam": v.renavam.as_str(), "chassi": chassi, "numero_atpve": numero});
    recusa(
        &c.post(
            "registrar-comunicacao-venda-entrada-estoque",
            &corpo_com("123"),
        )
        .await,
        "401",
    );
    let atpve = sim
        .registrar_assinatura_atpv(&v.chassi)
        .expect("known chassi");
    erro_http(
        &c.post(
            "registrar-comunicacao-venda-entrada-estoque",
            &corpo_com("999"),
        )
        .await,
        409,
    );
    let com = c
        .post(
            "registrar-comunicacao-venda-entrada-estoque",
            &corpo_com(&atpve),
        )
        .await;
    let id_estoque = ok(&com)["id_estoque"]
        .as_str()
        .expect("id_estoque")
        .to_owned();

    let depois = sim.veiculo(&v.chassi).expect("vehicle");
    assert_eq!(depois.proprietario.as_str(), CNPJ_ESTABELECIMENTO);
    assert_eq!(depois.id_estoque.as_deref(), Some(id_estoque.as_str()));
    // §7.4: the seller sees the comunicação.
    let lista = c
        .get(&format!(
            "protocolo-digital/listar-veiculos-comunicacao-venda/{vendedor}"
        ))
        .await;
    assert_eq!(ok(&lista)["dados"][0]["chassi"], chassi);
    // The vehicle is now in stock: another entrada is inconsistent.
    let de_novo = c
        .post(
            "registrar-solicitacao-servico-transferencia-propriedade-veiculo",
            &corpo_solicitacao(&v, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await;
    erro_http(&de_novo, 409);
}

#[tokio::test]
async fn fluxo_de_saida_6_2_com_laudo_valido_e_laudo_vencido() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    let hoje = Data::hoje_brasilia();

    // Vehicle in stock with a laudo issued 20 days ago.
    let v = veiculo(&sim, "em estoque — laudo emitido há 20 dias");
    let chassi = v.chassi.as_str();
    ok(&c
        .get(&caminho_aptidao(&v.chassi, CNPJ_ESTABELECIMENTO))
        .await);
    let sol = c
        .post(
            "registrar-solicitacao-servico-transferencia-propriedade-veiculo",
            &corpo_solicitacao(&v, CNPJ_ESTABELECIMENTO, CPF_COMPRADOR),
        )
        .await;
    assert_eq!(ok(&sol)["tipo_solicitacao"], "SAIDA");
    let laudo = c
        .get(&format!(
            "vistoria/consultar-ultimo-laudo/{CPF_COMPRADOR}/{chassi}"
        ))
        .await;
    let emissao: Data = ok(&laudo)["data_emissao"]
        .as_str()
        .expect("date")
        .parse()
        .expect("valid date");
    assert!(
        verificar_validade_laudo(emissao, hoje)
            .expect("prazo")
            .is_dentro_do_prazo()
    );

    let proc = c
        .post(
            "protocolo-digital/criar-processo-transferencia",
            &corpo_processo(&v, CPF_COMPRADOR, &json!({})),
        )
        .await;
    let protocolo = ok(&proc)["numero_protocolo"]
        .as_str()
        .expect("protocolo")
        .to_owned();
    let ficha = |protocolo: &str, arquivo: &str| {
        json!({
            "numero_protocolo": protocolo,
            "tipo_documento": 1,
            "cpf_cnpj_remetente": CNPJ_ESTABELECIMENTO,
            "mensagem": "Ficha de cadastro",
            "nome": "ficha.pdf",
            "arquivo": arquivo,
        })
    };
    ok(&c
        .post(
            "protocolo-digital/upload-documento-ficha-cadastro-renave",
            &ficha(&protocolo, PDF_B64),
        )
        .await);
    let recuperado = c
        .get(&format!(
            "protocolo-digital/recuperar-protocolo-renave?chassi={chassi}&cpf_cnpj_solicitante={CNPJ_ESTABELECIMENTO}&cpf_cnpj_adquirente={CPF_COMPRADOR}"
        ))
        .await;
    assert_eq!(ok(&recuperado)["numero_protocolo"], protocolo.as_str());
    assert_eq!(recuperado.1["cpf_cnpj_comprador"], CPF_COMPRADOR);

    // §6.2.4 comunicação de venda de saída.
    let corpo_saida = |numero: &str, id_estoque: &str| {
        json!({
            "id_estoque": id_estoque,
            "cpf_cnpj_comprador": CPF_COMPRADOR,
            "placa": v.placa.as_str(),
            "renavam": v.renavam.as_str(),
            "chassi": chassi,
            "numero_atpve": numero,
        })
    };
    let id_estoque = v.id_estoque.clone().expect("in stock");
    recusa(
        &c.post(
            "registrar-comunicacao-venda-saida-estoque",
            &corpo_saida("1", &id_estoque),
        )
        .await,
        "401",
    );
    let atpve = sim.registrar_assinatura_atpv(&v.chassi).expect("known");
    erro_http(
        &c.post(
            "registrar-comunicacao-venda-saida-estoque",
            &corpo_saida(&atpve, "999999"),
        )
        .await,
        409,
    );
    ok(&c
        .post(
            "registrar-comunicacao-venda-saida-estoque",
            &corpo_saida(&atpve, &id_estoque),
        )
        .await);
    let depois = sim.veiculo(&v.chassi).expect("vehicle");
    assert_eq!(depois.proprietario.as_str(), CPF_COMPRADOR);
    assert_eq!(depois.id_estoque, None);

    // Vehicle in stock with a laudo issued 150 days ago: the ficha is refused (Art. 21 §1).
    let velho = veiculo(&sim, "em estoque — laudo emitido há 150 dias");
    let ch = velho.chassi.as_str();
    ok(&c
        .post(
            "registrar-solicitacao-servico-transferencia-propriedade-veiculo",
            &corpo_solicitacao(&velho, CNPJ_ESTABELECIMENTO, CPF_COMPRADOR),
        )
        .await);
    let laudo = c
        .get(&format!(
            "vistoria/consultar-ultimo-laudo/{CPF_COMPRADOR}/{ch}"
        ))
        .await;
    let emissao: Data = ok(&laudo)["data_emissao"]
        .as_str()
        .expect("date")
        .parse()
        .expect("valid date");
    assert!(
        !verificar_validade_laudo(emissao, hoje)
            .expect("prazo")
            .is_dentro_do_prazo()
    );
    assert_eq!(laudo.1["laudo_valido"], false);
    let proc = c
        .post(
            "protocolo-digital/criar-processo-transferencia",
            &corpo_processo(&velho, CPF_COMPRADOR, &json!({})),
        )
        .await;
    let protocolo = ok(&proc)["numero_protocolo"]
        .as_str()
        .expect("protocolo")
        .to_owned();
    let r = c
        .post(
            "protocolo-digital/upload-documento-ficha-cadastro-renave",
            &ficha(&protocolo, PDF_B64),
        )
        .await;
    recusa(&r, "502");
    assert!(
        r.1["mensagem_retorno"]
            .as_str()
            .is_some_and(|m| m.contains("120 dias"))
    );
    // A new vistoria (laudo issued today) unblocks it.
    assert!(sim.registrar_laudo(&velho.chassi, hoje));
    ok(&c
        .post(
            "protocolo-digital/upload-documento-ficha-cadastro-renave",
            &ficha(&protocolo, PDF_B64),
        )
        .await);
}

#[tokio::test]
async fn cada_impedimento_torna_o_veiculo_nao_apto_e_bloqueia_a_solicitacao() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    let campos = [
        (
            ItemAptidao::LaudoCsvEmAberto,
            "laudo_csv_em_aberto",
            json!(true),
        ),
        (ItemAptidao::ReservaDominio, "reserva_dominio", json!(true)),
        (ItemAptidao::Gravame, "gravame", json!(true)),
        (ItemAptidao::MultasExigiveis, "multas_exigiveis", json!(2)),
        (
            ItemAptidao::PendenciasTrlav,
            "pendencias_trlav",
            json!(true),
        ),
        (ItemAptidao::PendenciasIpva, "pendencias_ipva", json!(true)),
        (
            ItemAptidao::PendenciasDpvat,
            "pendencias_dpvat",
            json!(true),
        ),
        (
            ItemAptidao::ImpedimentosCadastrais,
            "impedimentos_cadastrais",
            json!(true),
        ),
        (ItemAptidao::RecallPendente, "recall_pendente", json!(true)),
        (
            ItemAptidao::EstampagemEmAberto,
            "estampagem_em_aberto",
            json!(true),
        ),
        (
            ItemAptidao::ObservacoesImpeditivasLaudo,
            "observacoes_impeditivas_laudo",
            json!(true),
        ),
    ];
    let veiculos = sim.veiculos();
    for (item, campo, esperado) in campos {
        let v = veiculos
            .iter()
            .find(|v| v.impedimento == Some(item))
            .expect("one vehicle per impediment");
        let apt = c
            .get(&caminho_aptidao(&v.chassi, v.proprietario.as_str()))
            .await;
        let corpo = ok(&apt);
        assert_eq!(corpo[campo], esperado, "{item:?}");
        assert!(
            corpo["detalhes"].as_array().is_some_and(|d| !d.is_empty()),
            "{item:?}"
        );
        assert!(
            corpo["mensagem_retorno"]
                .as_str()
                .is_some_and(|m| m.starts_with("Veículo não apto"))
        );
        let sol = c
            .post(
                "registrar-solicitacao-servico-transferencia-propriedade-veiculo",
                &corpo_solicitacao(v, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
            )
            .await;
        recusa(&sol, "101");
    }
    // The apto motorcycle goes through.
    let moto = veiculo(&sim, "apto — motocicleta");
    assert_eq!(moto.tipo_veiculo.as_str(), "04");
    ok(&c
        .post(
            "registrar-solicitacao-servico-transferencia-propriedade-veiculo",
            &corpo_solicitacao(&moto, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await);
}

#[tokio::test]
async fn aptidao_recusa_entrada_malformada_veiculo_desconhecido_e_proprietario_divergente() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    let v = veiculo(&sim, "apto — automóvel");
    let chassi = v.chassi.as_str();
    let dono = v.proprietario.as_str();
    erro_http(
        &c.get(&format!(
            "consultar-aptidao-veiculo-estoque/{chassi}/12345678900/{CNPJ_ESTABELECIMENTO}"
        ))
        .await,
        400,
    );
    erro_http(
        &c.get(&format!(
            "consultar-aptidao-veiculo-estoque/XYZ/{dono}/{CNPJ_ESTABELECIMENTO}"
        ))
        .await,
        400,
    );
    erro_http(
        &c.get(&format!(
            "consultar-aptidao-veiculo-estoque/{chassi}/{dono}/{dono}"
        ))
        .await,
        400,
    );
    erro_http(
        &c.get(&format!(
            "consultar-aptidao-veiculo-estoque/9BWZZZ377VT004251/{dono}/{CNPJ_ESTABELECIMENTO}"
        ))
        .await,
        404,
    );
    erro_http(
        &c.get(&format!(
            "consultar-aptidao-veiculo-estoque/{chassi}/{CPF_COMPRADOR}/{CNPJ_ESTABELECIMENTO}"
        ))
        .await,
        409,
    );
    // Solicitação with a placa that is not the chassi's.
    let mut corpo = corpo_solicitacao(&v, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO);
    corpo["placa"] = json!("ZZZ9Z99");
    erro_http(
        &c.post(
            "registrar-solicitacao-servico-transferencia-propriedade-veiculo",
            &corpo,
        )
        .await,
        409,
    );
    corpo["placa"] = json!("not a placa");
    erro_http(
        &c.post(
            "registrar-solicitacao-servico-transferencia-propriedade-veiculo",
            &corpo,
        )
        .await,
        400,
    );
    // Saída of a vehicle that is not in the establishment's stock.
    let saida = corpo_solicitacao(&v, CNPJ_ESTABELECIMENTO, CPF_COMPRADOR);
    erro_http(
        &c.post(
            "registrar-solicitacao-servico-transferencia-propriedade-veiculo",
            &saida,
        )
        .await,
        409,
    );
}

#[tokio::test]
async fn dae_devolve_todas_as_opcoes_e_sem_solicitacao_recusa() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    recusa(
        &c.post(
            "portal-transito/emitir-guia-dae",
            &corpo_dae(CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await,
        "201",
    );
    for prefixo in ["apto — automóvel", "apto — motocicleta"] {
        let v = veiculo(&sim, prefixo);
        ok(&c
            .post(
                "registrar-solicitacao-servico-transferencia-propriedade-veiculo",
                &corpo_solicitacao(&v, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
            )
            .await);
    }
    let r = c
        .post(
            "portal-transito/emitir-guia-dae",
            &corpo_dae(CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await;
    let guias = ok(&r)["guias"].as_array().expect("several options").clone();
    assert_eq!(guias.len(), 2);
    let mut chassis: Vec<&str> = guias.iter().filter_map(|g| g["chassi"].as_str()).collect();
    chassis.sort_unstable();
    chassis.dedup();
    assert_eq!(chassis.len(), 2);
    for g in &guias {
        assert!(
            g["linha_digitavel"]
                .as_str()
                .expect("linha")
                .parse::<LinhaDigitavel>()
                .is_ok()
        );
        assert!(
            g["pix_copia_e_cola"]
                .as_str()
                .expect("pix")
                .parse::<PixCopiaECola>()
                .is_ok()
        );
    }
    // Paying one leaves the other as the only option.
    let numero = guias[0]["numero_identificacao_boleto"]
        .as_str()
        .expect("numero")
        .to_owned();
    assert!(sim.compensar_pagamento(&numero));
    let r = c
        .post(
            "portal-transito/emitir-guia-dae",
            &corpo_dae(CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await;
    assert_eq!(ok(&r)["chassi"], guias[1]["chassi"]);
    // Wrong taxa, unknown município.
    let mut corpo = corpo_dae(CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO);
    corpo["codigo_taxa"] = json!(65);
    recusa(
        &c.post("portal-transito/emitir-guia-dae", &corpo).await,
        "202",
    );
    corpo["codigo_taxa"] = json!(64);
    corpo["codigo_municipio_emplacamento"] = json!("7107");
    recusa(
        &c.post("portal-transito/emitir-guia-dae", &corpo).await,
        "203",
    );
}

#[tokio::test]
async fn sem_dae_pago_nao_ha_distribuicao_movel_e_sem_distribuicao_nao_ha_agenda() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    let v = veiculo(&sim, "apto — automóvel");
    let chassi = v.chassi.as_str();
    ok(&c
        .post(
            "registrar-solicitacao-servico-transferencia-propriedade-veiculo",
            &corpo_solicitacao(&v, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await);
    // DAE issued but not paid.
    ok(&c
        .post(
            "portal-transito/emitir-guia-dae",
            &corpo_dae(CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO),
        )
        .await);
    recusa(
        &c.post(
            "vistoria/distribuir",
            &corpo_distribuir(CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO, true),
        )
        .await,
        "204",
    );

    // No distribution: Agenda Minas refuses dates, periods and booking.
    let base = format!("{CNPJ_ESTABELECIMENTO}/{chassi}");
    recusa(
        &c.get(&format!(
            "agenda-minas/retornar-datas-com-vagas-para-agendamento/{base}"
        ))
        .await,
        "301",
    );
    recusa(
        &c.get(&format!(
            "agenda-minas/retornar-periodos-atendimento/2030-01-07/{base}"
        ))
        .await,
        "301",
    );
    recusa(
        &c.get(&format!("vistoria/consultar-distribuicao-ativa/{base}"))
            .await,
        "301",
    );
    let ag = json!({
        "cnpj_estabelecimento": CNPJ_ESTABELECIMENTO,
        "data_agendada": "2030-01-07",
        "periodo_id": 1,
        "cpf_cnpj_comprador": CNPJ_ESTABELECIMENTO,
        "chassi": chassi,
    });
    recusa(&c.post("agenda-minas/gravar-agendamento", &ag).await, "301");

    // A presencial distribution needs no fee (R §5.11); then a date outside the agenda is refused.
    let mut presencial = corpo_distribuir(CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO, false);
    presencial["municipio_regiao_id"] = json!(1);
    recusa(&c.post("vistoria/distribuir", &presencial).await, "205");
    presencial["municipio_regiao_id"] = json!(41_232);
    ok(&c.post("vistoria/distribuir", &presencial).await);
    recusa(&c.post("vistoria/distribuir", &presencial).await, "206");
    recusa(&c.post("agenda-minas/gravar-agendamento", &ag).await, "302");
    let regioes = c.get("vistoria/retornar-regioes-municipio/4123/1").await;
    assert_eq!(ok(&regioes)["dados"].as_array().map(Vec::len), Some(3));
}

#[tokio::test]
async fn protocolo_digital_exige_documentos_da_7_3_e_somente_pdf() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    let v = veiculo(&sim, "em estoque — laudo emitido há 20 dias");
    // Táxi (atividade T, categoria 2) requires document 284; declaring none at criar is refused.
    let taxi = json!({"atividade": "T", "categoria": 2});
    let sem_doc = c
        .post(
            "protocolo-digital/criar-processo-transferencia",
            &corpo_processo(&v, CPF_COMPRADOR, &taxi),
        )
        .await;
    recusa(&sem_doc, "601");
    assert!(
        sem_doc.1["mensagem_retorno"]
            .as_str()
            .is_some_and(|m| m.contains("284"))
    );
    let com_doc = json!({"atividade": "T", "categoria": 2, "documentos_anexados": [284]});
    let proc = c
        .post(
            "protocolo-digital/criar-processo-transferencia",
            &corpo_processo(&v, CPF_COMPRADOR, &com_doc),
        )
        .await;
    let proc = ok(&proc).clone();
    let protocolo = proc["numero_protocolo"]
        .as_str()
        .expect("protocolo")
        .to_owned();
    let pendencia = proc["pendencias"][0]["numero_pendencia"].clone();
    assert_eq!(
        proc["pendencias"][0]["documentos_exigidos"][0]["codigo_tipo_documento"],
        "284"
    );

    let regularizar = |tipo: u64, arquivo: &str| {
        json!({
            "numero_pendencia": pendencia,
            "numero_protocolo": protocolo,
            "cpf_cnpj_remetente": CNPJ_ESTABELECIMENTO,
            "mensagem": "Segue a documentação",
            "documentos_anexados": [{"tipo_documento": tipo, "nome": "doc.pdf", "arquivo": arquivo}],
        })
    };
    // A missing §7.3 document blocks the regularização.
    let r = c
        .post(
            "protocolo-digital/regularizar-pendencia-renave",
            &regularizar(35, PDF_B64),
        )
        .await;
    recusa(&r, "601");
    // Only PDF: a PNG (or non-base64) is malformed input.
    let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB";
    erro_http(
        &c.post(
            "protocolo-digital/regularizar-pendencia-renave",
            &regularizar(284, png),
        )
        .await,
        400,
    );
    erro_http(
        &c.post(
            "protocolo-digital/regularizar-pendencia-renave",
            &regularizar(284, "***"),
        )
        .await,
        400,
    );
    let ficha = json!({
        "numero_protocolo": protocolo,
        "tipo_documento": 1,
        "cpf_cnpj_remetente": CNPJ_ESTABELECIMENTO,
        "mensagem": "Ficha",
        "nome": "ficha.png",
        "arquivo": png,
    });
    erro_http(
        &c.post(
            "protocolo-digital/upload-documento-ficha-cadastro-renave",
            &ficha,
        )
        .await,
        400,
    );
    // With 284 as a PDF it goes through, once.
    let r = c
        .post(
            "protocolo-digital/regularizar-pendencia-renave",
            &regularizar(284, PDF_B64),
        )
        .await;
    assert_eq!(ok(&r)["mensagem"], "Pendência regularizada com sucesso");
    recusa(
        &c.post(
            "protocolo-digital/regularizar-pendencia-renave",
            &regularizar(284, PDF_B64),
        )
        .await,
        "602",
    );
    // Unknown protocol.
    let mut outro = regularizar(284, PDF_B64);
    outro["numero_protocolo"] = json!("1");
    erro_http(
        &c.post("protocolo-digital/regularizar-pendencia-renave", &outro)
            .await,
        404,
    );
}

#[tokio::test]
async fn tabelas_auxiliares_tem_linhas_de_codigo_e_descricao() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    for t in [
        "consultar-carrocerias",
        "consultar-categorias",
        "consultar-combustiveis",
        "consultar-cores",
        "consultar-especies",
        "consultar-marcas-modelos",
        "consultar-municipios-minas-gerais",
        "consultar-tipos",
    ] {
        let r = c.get(&format!("tabelas-auxiliares/{t}")).await;
        let dados = ok(&r)["dados"].as_array().expect("dados").clone();
        assert!(dados.len() >= 4, "{t}");
        assert!(
            dados
                .iter()
                .all(|d| d["codigo"].is_string() && d["descricao"].is_string()),
            "{t}"
        );
    }
    let mun = c
        .get("tabelas-auxiliares/consultar-municipios-minas-gerais")
        .await;
    assert!(
        mun.1["dados"]
            .as_array()
            .expect("dados")
            .iter()
            .any(|m| m["codigo"] == "4123" && m["codigo_ibge"] == "3106200")
    );
    assert_eq!(
        c.get("tabelas-auxiliares/consultar-inexistente").await.0,
        404
    );
    let _: Value = mun.1;
}

/// R §5.9: each laudo has its own number — the apto car and motorcycle (whose chassis end in the
/// same six characters) vistoriados on the same day, and one vehicle vistoriado on two days, never
/// share one; the number carries the issue date.
#[tokio::test]
async fn numero_do_laudo_unico_por_veiculo_e_por_vistoria() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    let carro = veiculo(&sim, "apto — automóvel");
    let moto = veiculo(&sim, "apto — motocicleta");
    assert_eq!(
        carro.chassi.as_str().get(11..),
        moto.chassi.as_str().get(11..),
        "the seed's apto vehicles share the chassi's last six characters"
    );
    let numero = |resposta: &(u16, Value)| {
        ok(resposta)["numero_laudo"]
            .as_str()
            .expect("numero_laudo")
            .to_owned()
    };
    let hoje = Data::hoje_brasilia();
    let ontem = hoje
        .as_jiff()
        .yesterday()
        .map(|d| Data::new(d.year(), d.month(), d.day()).expect("valid date"))
        .expect("yesterday");
    let mut vistos = Vec::new();
    for v in [&carro, &moto] {
        for dia in [ontem, hoje] {
            assert!(sim.registrar_laudo(&v.chassi, dia));
            let n = numero(
                &c.get(&format!(
                    "vistoria/consultar-ultimo-laudo/{CPF_COMPRADOR}/{}",
                    v.chassi.as_str()
                ))
                .await,
            );
            assert!(
                n.contains(&dia.to_string().replace('-', "")),
                "{n} carries the issue date {dia}"
            );
            assert!(!vistos.contains(&n), "laudo number {n} repeated");
            vistos.push(n);
        }
    }
}
