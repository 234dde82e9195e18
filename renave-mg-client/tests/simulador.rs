//! End to end against `renave-simulador`'s stateful CET-MG simulator: the POC flows of the
//! Regulamento Técnico CET-MG §6.1 (entrada: aptidão → solicitação → DAE → distribuição →
//! agendamento → comunicação de venda) and §7 (Protocolo Digital), plus token expiry on the
//! server side (401 → renewed and resent) and a lost answer after a state-changing POST.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use std::str::FromStr;

use renave_domain::{
    Atividade, Categoria, Cnpj, CodigoTaxa, CpfCnpj, DocumentoId, TipoVeiculo, Uf,
};
use renave_mg_client::operacoes::agenda::{Agendamento, ConsultaPeriodosAtendimento};
use renave_mg_client::operacoes::dae::EmissaoGuiaDae;
use renave_mg_client::operacoes::estoque::{
    ComunicacaoVendaEntradaEstoque, ConsultaAptidaoVeiculoEstoque,
    ConsultaSolicitacaoTransferencia, SolicitacaoTransferencia,
};
use renave_mg_client::operacoes::protocolo_digital::{
    ConsultaProtocoloRenave, ConsultaVeiculosComunicacaoVenda, DocumentoAnexo,
    ProcessoTransferencia, RegularizacaoPendencia,
};
use renave_mg_client::operacoes::vistoria::{
    CompradorChassi, ConsultaRegioesMunicipio, DistribuicaoVeiculoEcv,
};
use renave_mg_client::simulador::amostras;
use renave_mg_client::{Ambiente, ClienteCetMg, Erro, Identificador, RetryPolicy};
use renave_simulador::cetmg::{
    CNPJ_ESTABELECIMENTO, CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO, RespostaPerdida,
    SimuladorCetMg, VeiculoSimulado,
};
use secrecy::SecretString;

fn cliente(sim: &SimuladorCetMg) -> ClienteCetMg {
    ClienteCetMg::builder()
        .ambiente(Ambiente::Local(sim.url().parse().unwrap()))
        .credenciais(
            SecretString::from(CONSUMER_KEY_PADRAO),
            SecretString::from(CONSUMER_SECRET_PADRAO),
        )
        .retentativas(RetryPolicy::disabled())
        .build()
        .unwrap()
}

fn loja() -> Cnpj {
    Cnpj::from_str(CNPJ_ESTABELECIMENTO).unwrap()
}

fn apto_fora_do_estoque(sim: &SimuladorCetMg) -> VeiculoSimulado {
    sim.veiculos()
        .into_iter()
        .find(|v| v.is_apto() && v.id_estoque.is_none())
        .unwrap()
}

/// The sample solicitação of the simulated world (`simulador::amostras`, the one place it is
/// written), for `v`, to `comprador`, with the plate's município `municipio`.
fn solicitacao_para(
    v: &VeiculoSimulado,
    comprador: CpfCnpj,
    municipio: &str,
) -> SolicitacaoTransferencia {
    SolicitacaoTransferencia {
        cpf_cnpj_estabelecimento: loja(),
        codigo_municipio_emplacamento: municipio.parse().unwrap(),
        ..amostras::solicitacao_transferencia(&v.into(), comprador)
    }
}

#[tokio::test]
async fn fluxo_de_entrada_no_estoque() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = cliente(&sim);
    let v = apto_fora_do_estoque(&sim);
    let loja_doc = CpfCnpj::from(loja());

    // Tabelas auxiliares.
    for t in [
        c.consultar_carrocerias().await,
        c.consultar_categorias().await,
        c.consultar_combustiveis().await,
        c.consultar_cores().await,
        c.consultar_especies().await,
        c.consultar_marcas_modelos().await,
        c.consultar_tipos_veiculo().await,
    ] {
        assert!(!t.unwrap().dados.validos().is_empty());
    }
    let municipios = c.consultar_municipios_mg().await.unwrap();
    let municipio = municipios.dados.validos()[0].codigo().unwrap().to_string();

    // §6.1.1 aptidão.
    let aptidao = c
        .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
            v.chassi,
            v.proprietario,
            loja(),
        ))
        .await
        .unwrap();
    assert!(
        aptidao.avaliacao().pode_prosseguir(),
        "{:?}",
        aptidao.avaliacao()
    );

    // §6.1.3 solicitação (entrada: the buyer is the establishment).
    let solicitacao = solicitacao_para(&v, loja_doc, &municipio);
    c.registrar_solicitacao_transferencia(&solicitacao)
        .await
        .unwrap();
    let consulta = c
        .consultar_solicitacao_transferencia(&ConsultaSolicitacaoTransferencia::new(
            v.chassi,
            v.proprietario,
            loja(),
        ))
        .await
        .unwrap();
    assert!(!consulta.extras.is_empty());

    // §6.1.5 DAE (vistoria móvel), then paid.
    let dae = c
        .emitir_guia_dae(&EmissaoGuiaDae {
            cnpj_estabelecimento: loja(),
            codigo_taxa: CodigoTaxa::VistoriaMovel,
            cpf_cnpj_comprador: loja_doc,
            uf_origem_comprador: Uf::Mg,
            codigo_municipio_emplacamento: municipio.parse().unwrap(),
        })
        .await
        .unwrap();
    let guia = &dae.guias[0];
    let linha = guia.linha_digitavel.as_ref().unwrap().valor().unwrap();
    guia.pix_copia_e_cola.as_ref().unwrap().valor().unwrap();
    assert!(!guia.pdf().unwrap().is_empty());
    assert!(sim.compensar_pagamento(linha.as_str()));

    // §6.1.6 distribuição and Agenda Minas.
    let regioes = c
        .retornar_regioes_municipio(&ConsultaRegioesMunicipio {
            municipio_id: Identificador::from(municipio.as_str()),
            tipo_ecv_id: 1u64.into(),
        })
        .await
        .unwrap();
    let regiao = regioes.dados.validos()[0]
        .municipio_regiao_id
        .clone()
        .unwrap();
    let distribuicao = DistribuicaoVeiculoEcv {
        cnpj_estabelecimento: loja(),
        municipio_regiao_id: regiao,
        cpf_cnpj_comprador: loja_doc,
        telefone_comprador: "3133330000".into(),
        email_comprador: "loja@example.com".into(),
        vistoria_movel: true,
        receber_pesquisa: false,
    };
    assert_eq!(distribuicao.taxa_exigida(), Some(CodigoTaxa::VistoriaMovel));
    let d = c.distribuir_veiculo_ecv(&distribuicao).await.unwrap();
    assert_eq!(d.vistoria_movel, Some(true.into()));
    let alvo = CompradorChassi::new(loja_doc, v.chassi);
    c.consultar_distribuicao_ativa(&alvo).await.unwrap();
    let datas = c.retornar_datas_com_vagas(&alvo).await.unwrap();
    let dia = datas.dados.validos()[0]
        .data
        .as_ref()
        .unwrap()
        .valor()
        .copied()
        .unwrap();
    let periodos = c
        .retornar_periodos_atendimento(&ConsultaPeriodosAtendimento {
            data_agendada: dia,
            alvo: alvo.clone(),
        })
        .await
        .unwrap();
    let periodo = periodos.dados.validos()[0].id.clone().unwrap();
    c.gravar_agendamento(&Agendamento {
        cnpj_estabelecimento: loja(),
        data_agendada: dia,
        periodo_id: periodo.clone(),
        cpf_cnpj_comprador: loja_doc,
        chassi: v.chassi,
    })
    .await
    .unwrap();
    let agendamento = c.consultar_agendamento(&alvo).await.unwrap();
    assert_eq!(
        agendamento.periodo_id.map(|p| p.to_string()),
        Some(periodo.to_string())
    );

    // Laudo, then §6.1.8 comunicação de venda de entrada.
    let hoje = renave_domain::Data::hoje_brasilia();
    assert!(sim.registrar_laudo(&v.chassi, hoje));
    let laudo = c.consultar_ultimo_laudo(&alvo).await.unwrap();
    assert!(laudo.validade_em(hoje).is_valido());
    let atpve = sim.registrar_assinatura_atpv(&v.chassi).unwrap();
    c.registrar_comunicacao_venda_entrada_estoque(&ComunicacaoVendaEntradaEstoque {
        placa: v.placa,
        renavam: v.renavam,
        chassi: v.chassi,
        numero_atpve: atpve,
    })
    .await
    .unwrap();
    assert!(sim.veiculo(&v.chassi).unwrap().id_estoque.is_some());
}

#[tokio::test]
async fn aptidao_de_veiculos_nao_aptos() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = cliente(&sim);
    for v in sim
        .veiculos()
        .into_iter()
        .filter(|v| v.impedimento.is_some())
    {
        let r = c
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                v.chassi,
                v.proprietario,
                loja(),
            ))
            .await
            .unwrap();
        let a = r.avaliacao();
        assert!(!a.pode_prosseguir(), "{v}");
        assert!(
            a.impedimentos.iter().any(|i| Some(i.item) == v.impedimento),
            "{v}: {a:?}"
        );
    }
}

fn processo_para(v: &VeiculoSimulado, adquirente: &CpfCnpj) -> ProcessoTransferencia {
    ProcessoTransferencia {
        placa: v.placa,
        chassi: v.chassi,
        renavam: v.renavam,
        marca_modelo: "VW/GOL".into(),
        cpf_cnpj_solicitante: CpfCnpj::from(loja()),
        nome_solicitante: "Loja".into(),
        email_solicitante: "loja@example.com".into(),
        telefone_solicitante: "3133330000".into(),
        nome_adquirente: "Maria".into(),
        cpf_cnpj_adquirente: *adquirente,
        logradouro_adquirente: "Rua A".into(),
        numero_adquirente: "1".into(),
        complemento_adquirente: None,
        bairro_adquirente: "Centro".into(),
        cep_adquirente: "30130000".parse().unwrap(),
        codigo_ibge_municipio_adquirente: "3106200".parse().unwrap(),
        nome_municipio_adquirente: "Belo Horizonte".into(),
        uf_adquirente: Uf::Mg,
        atividade: Atividade::Taxi,
        categoria: Categoria::Aluguel,
        codigo_tipo_veiculo: None,
        tipo_veiculo: TipoVeiculo::Automovel,
        isencao_ipva: false,
        alterar_endereco: false,
        alterar_nome: false,
        alterar_cor: false,
        alterar_caracteristicas_tecnicas: false,
        instalar_bascula: false,
        alterar_eixo: false,
        determinacao_judicial: false,
        inserir_comodato: false,
        tipo_documento_adquirente: None,
        documentos_anexados: vec![DocumentoId::AutorizacaoPoderPublico],
    }
}

#[tokio::test]
async fn protocolo_digital() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = cliente(&sim);
    let v = apto_fora_do_estoque(&sim);
    let adquirente: CpfCnpj = "52998224725".parse().unwrap();
    let processo = processo_para(&v, &adquirente);
    let criado = c.criar_processo_transferencia(&processo).await.unwrap();
    let numero = criado.numero_protocolo.clone().unwrap();
    let recuperado = c
        .recuperar_protocolo_renave(&ConsultaProtocoloRenave::new(
            v.chassi,
            CpfCnpj::from(loja()),
            adquirente,
        ))
        .await
        .unwrap();
    assert_eq!(
        recuperado.numero_protocolo.map(|n| n.to_string()),
        Some(numero.to_string())
    );
    let pendencia: Identificador = recuperado.pendencias.as_ref().unwrap().validos()[0]
        .numero_pendencia
        .clone()
        .unwrap();
    let pdf = b"%PDF-1.4\n%%EOF\n".to_vec();
    let r = c
        .regularizar_pendencia_renave(&RegularizacaoPendencia {
            numero_pendencia: pendencia,
            numero_protocolo: numero,
            cpf_cnpj_remetente: CpfCnpj::from(loja()),
            mensagem: "Autorização do poder concedente".into(),
            documentos_anexados: vec![DocumentoAnexo {
                tipo_documento: DocumentoId::AutorizacaoPoderPublico,
                nome: "autorizacao.pdf".into(),
                arquivo: pdf,
            }],
            condicoes: processo.condicoes_documentos(),
        })
        .await
        .unwrap();
    assert!(r.retorno.mensagem().is_some());
    c.listar_veiculos_comunicacao_venda(&ConsultaVeiculosComunicacaoVenda {
        cpf_cnpj_proprietario: v.proprietario,
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn token_expirado_no_servidor_e_renovado() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = cliente(&sim);
    c.consultar_cores().await.unwrap();
    sim.expirar_tokens();
    c.consultar_cores().await.unwrap();
    let tokens = sim
        .requisicoes_recebidas()
        .await
        .iter()
        .filter(|r| r.url.path().ends_with("gerar-token"))
        .count();
    assert_eq!(tokens, 2);
}

#[tokio::test]
async fn resposta_perdida_de_post_nao_e_reenviada() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = ClienteCetMg::builder()
        .ambiente(Ambiente::Local(sim.url().parse().unwrap()))
        .credenciais(
            SecretString::from(CONSUMER_KEY_PADRAO),
            SecretString::from(CONSUMER_SECRET_PADRAO),
        )
        .build()
        .unwrap();
    let v = apto_fora_do_estoque(&sim);
    let adquirente: CpfCnpj = "52998224725".parse().unwrap();
    sim.perder_proximas_respostas(1, RespostaPerdida::Status(504));
    let erro = c
        .criar_processo_transferencia(&processo_para(&v, &adquirente))
        .await
        .unwrap_err();
    // The WSO2 "send timeout" body (code 101504) is reported as the gateway's error.
    assert!(
        matches!(erro, Erro::Gateway { status: 504, .. }),
        "{erro:?}"
    );
    assert_eq!(erro.codigo_gateway(), Some("101504"));
    assert!(erro.resultado_incerto() && !erro.is_retryable(), "{erro}");
    assert!(!erro.is_entrada_invalida());
    let posts = sim
        .requisicoes_recebidas()
        .await
        .iter()
        .filter(|r| r.url.path().ends_with("criar-processo-transferencia"))
        .count();
    // The process was created although the answer was lost: recover it with a lookup.
    let recuperado = c
        .recuperar_protocolo_renave(&ConsultaProtocoloRenave::new(
            v.chassi,
            CpfCnpj::from(loja()),
            adquirente,
        ))
        .await
        .unwrap();
    assert!(recuperado.numero_protocolo.is_some());
    assert_eq!(posts, 1, "a state-changing POST is never resent (D6)");
}

#[tokio::test]
async fn fluxo_de_saida_do_estoque() {
    use renave_mg_client::operacoes::estoque::ComunicacaoVendaSaidaEstoque;
    use renave_mg_client::operacoes::protocolo_digital::UploadFichaCadastro;
    let sim = SimuladorCetMg::iniciar().await;
    let c = cliente(&sim);
    let municipio = c.consultar_municipios_mg().await.unwrap().dados.validos()[0]
        .codigo()
        .unwrap()
        .to_string();
    let comprador: CpfCnpj = "52998224725".parse().unwrap();
    let hoje = renave_domain::Data::hoje_brasilia();
    let mut em_estoque: Vec<VeiculoSimulado> = sim
        .veiculos()
        .into_iter()
        .filter(|v| v.id_estoque.is_some())
        .collect();
    // The vehicle with the fresher laudo first.
    em_estoque.sort_by_key(|v| std::cmp::Reverse(v.emissao_ultimo_laudo));
    assert_eq!(em_estoque.len(), 2);
    for (n, v) in em_estoque.iter().enumerate() {
        let aptidao = c
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                v.chassi,
                v.proprietario,
                loja(),
            ))
            .await
            .unwrap();
        assert!(aptidao.avaliacao().pode_prosseguir());
        let s = solicitacao_para(v, comprador, &municipio);
        assert_eq!(s.sentido(), renave_domain::SentidoSolicitacao::Saida);
        c.registrar_solicitacao_transferencia(&s).await.unwrap();
        let atpve = sim.registrar_assinatura_atpv(&v.chassi).unwrap();
        c.registrar_comunicacao_venda_saida_estoque(&ComunicacaoVendaSaidaEstoque {
            id_estoque: v.id_estoque.clone().unwrap().into(),
            cpf_cnpj_comprador: comprador,
            placa: v.placa,
            renavam: v.renavam,
            chassi: v.chassi,
            numero_atpve: atpve,
        })
        .await
        .unwrap();
        // §6.2.3: the ficha de cadastro goes to the Protocolo Digital only with a laudo of at
        // most 120 days; the client tells the integradora beforehand from the last laudo.
        let laudo = c
            .consultar_ultimo_laudo(&CompradorChassi::new(comprador, v.chassi))
            .await
            .unwrap();
        let valido = laudo.validade_em(hoje).is_valido();
        assert_eq!(valido, n == 0, "{v}");
        let mut processo = processo_para(v, &comprador);
        processo.atividade = Atividade::Outros;
        processo.categoria = Categoria::from("1");
        processo.documentos_anexados.clear();
        let numero = c
            .criar_processo_transferencia(&processo)
            .await
            .unwrap()
            .numero_protocolo
            .unwrap();
        let r = c
            .upload_documento_ficha_cadastro(&UploadFichaCadastro {
                numero_protocolo: numero,
                tipo_documento: DocumentoId::from("1"),
                cpf_cnpj_remetente: CpfCnpj::from(loja()),
                mensagem: "Ficha de cadastro".into(),
                nome: "ficha.pdf".into(),
                arquivo: b"%PDF-1.4\n%%EOF\n".to_vec(),
            })
            .await;
        if valido {
            r.unwrap();
        } else {
            let erro = r.unwrap_err();
            assert_eq!(erro.codigo_retorno(), Some("502"), "{erro:?}");
        }
    }
}
