//! The regulation's rules: Regulamento Técnico CET-MG §7.3 documents, §6.1.1/§6.1.3 aptidão,
//! Portaria CET-MG 1.542/2025 Art. 21 §1 deadlines, §5.6 entrada/saída, §6.1.5 vistoria móvel.

use proptest::prelude::*;
use renave_domain::*;

// ---------------------------------------------------------------------------------------------
// §7.3 — documentos exigidos
// ---------------------------------------------------------------------------------------------

fn ids(exigidos: &[DocumentoExigido]) -> Vec<DocumentoId> {
    exigidos.iter().map(|e| e.documento.clone()).collect()
}

fn condicoes(
    atividade: Option<Atividade>,
    categoria: Option<Categoria>,
    tipo_veiculo: Option<TipoVeiculo>,
) -> CondicoesDocumentos {
    CondicoesDocumentos {
        atividade,
        categoria,
        tipo_veiculo,
        ..CondicoesDocumentos::default()
    }
}

#[test]
fn sem_condicao_nenhum_documento() {
    assert!(documentos_exigidos(&CondicoesDocumentos::default()).is_empty());
    assert_eq!(
        verificar_documentos(&CondicoesDocumentos::default(), &[]),
        Ok(())
    );
    // An ordinary car for private use needs nothing either.
    let comum = condicoes(
        Some(Atividade::Outros),
        Some(Categoria::from("1")),
        Some(TipoVeiculo::Automovel),
    );
    assert!(documentos_exigidos(&comum).is_empty());
}

#[test]
fn alteracao_de_nome_exige_35() {
    let presente = CondicoesDocumentos {
        alterar_nome: true,
        ..CondicoesDocumentos::default()
    };
    let exigidos = documentos_exigidos(&presente);
    assert_eq!(ids(&exigidos), [DocumentoId::DocumentacaoIdentificacao]);
    assert_eq!(exigidos[0].motivo, MotivoDocumento::AlteracaoNome);
    assert!(documentos_exigidos(&CondicoesDocumentos::default()).is_empty());
}

#[test]
fn auto_escola_exige_238_so_com_atividade_o_e_categoria_5() {
    let presente = condicoes(Some(Atividade::Outros), Some(Categoria::Aprendizagem), None);
    let exigidos = documentos_exigidos(&presente);
    assert_eq!(ids(&exigidos), [DocumentoId::ContratoSocial]);
    assert_eq!(exigidos[0].motivo, MotivoDocumento::UsoProprioAutoEscola);

    for ausente in [
        condicoes(Some(Atividade::Taxi), Some(Categoria::Aprendizagem), None),
        condicoes(
            Some(Atividade::Escolar),
            Some(Categoria::Aprendizagem),
            None,
        ),
        condicoes(Some(Atividade::Outros), Some(Categoria::from("1")), None),
        condicoes(Some(Atividade::Outros), None, None),
        condicoes(None, Some(Categoria::Aprendizagem), None),
    ] {
        assert!(
            !ids(&documentos_exigidos(&ausente)).contains(&DocumentoId::ContratoSocial),
            "{ausente:?}"
        );
    }
}

#[test]
fn taxi_exige_284_so_com_atividade_t_e_categoria_2() {
    let presente = condicoes(Some(Atividade::Taxi), Some(Categoria::Aluguel), None);
    let exigidos = documentos_exigidos(&presente);
    assert_eq!(ids(&exigidos), [DocumentoId::AutorizacaoPoderPublico]);
    assert_eq!(exigidos[0].motivo, MotivoDocumento::TaxiAluguel);

    for ausente in [
        condicoes(Some(Atividade::Taxi), Some(Categoria::Aprendizagem), None),
        condicoes(Some(Atividade::Taxi), None, None),
        condicoes(Some(Atividade::Locadora), Some(Categoria::Aluguel), None),
        // A locadora is not a taxi, whatever its tipo.
        condicoes(
            Some(Atividade::Locadora),
            Some(Categoria::Aluguel),
            Some(TipoVeiculo::Motocicleta),
        ),
    ] {
        assert!(documentos_exigidos(&ausente).is_empty(), "{ausente:?}");
    }
    // The taxi row does not look at tipo_veiculo.
    let taxi_moto = condicoes(
        Some(Atividade::Taxi),
        Some(Categoria::Aluguel),
        Some(TipoVeiculo::Motoneta),
    );
    assert_eq!(
        documentos_exigidos(&taxi_moto)[0].motivo,
        MotivoDocumento::TaxiAluguel
    );
}

#[test]
fn motofrete_exige_284_com_atividade_o_categoria_2_e_tipo_03_ou_04() {
    for tipo in [TipoVeiculo::Motoneta, TipoVeiculo::Motocicleta] {
        let presente = condicoes(
            Some(Atividade::Outros),
            Some(Categoria::Aluguel),
            Some(tipo),
        );
        let exigidos = documentos_exigidos(&presente);
        assert_eq!(ids(&exigidos), [DocumentoId::AutorizacaoPoderPublico]);
        assert_eq!(exigidos[0].motivo, MotivoDocumento::MotofreteMototaxi);
    }
    for ausente in [
        condicoes(
            Some(Atividade::Outros),
            Some(Categoria::Aluguel),
            Some(TipoVeiculo::Ciclomotor),
        ),
        condicoes(
            Some(Atividade::Outros),
            Some(Categoria::Aluguel),
            Some(TipoVeiculo::Automovel),
        ),
        condicoes(
            Some(Atividade::Outros),
            Some(Categoria::Aluguel),
            Some(TipoVeiculo::from("3")),
        ),
        condicoes(Some(Atividade::Outros), Some(Categoria::Aluguel), None),
        condicoes(
            Some(Atividade::Outros),
            Some(Categoria::from("1")),
            Some(TipoVeiculo::Motocicleta),
        ),
        condicoes(
            Some(Atividade::Colecao),
            Some(Categoria::Aluguel),
            Some(TipoVeiculo::Motocicleta),
        ),
    ] {
        assert!(
            !documentos_exigidos(&ausente)
                .iter()
                .any(|e| e.motivo == MotivoDocumento::MotofreteMototaxi),
            "{ausente:?}"
        );
    }
}

#[test]
fn categorias_7_a_12_exigem_286_e_285_so_para_adquirente_cnpj() {
    for codigo in ["7", "8", "9", "10", "11", "12"] {
        let categoria = Categoria::from(codigo);
        let com_cnpj = CondicoesDocumentos {
            categoria: Some(categoria.clone()),
            tipo_documento_adquirente: Some(TipoDocumentoAdquirente::Cnpj),
            ..CondicoesDocumentos::default()
        };
        let exigidos = documentos_exigidos(&com_cnpj);
        assert_eq!(
            ids(&exigidos),
            [
                DocumentoId::CartaoCnpj,
                DocumentoId::DocumentoMinisterioExterior
            ],
            "categoria {codigo}"
        );
        assert_eq!(
            exigidos[0].motivo,
            MotivoDocumento::CategoriaEspecificaAdquirenteCnpj
        );
        assert_eq!(exigidos[1].motivo, MotivoDocumento::CategoriaEspecifica);

        for tipo in [Some(TipoDocumentoAdquirente::Cpf), None] {
            let sem_cnpj = CondicoesDocumentos {
                categoria: Some(categoria.clone()),
                tipo_documento_adquirente: tipo,
                ..CondicoesDocumentos::default()
            };
            assert_eq!(
                ids(&documentos_exigidos(&sem_cnpj)),
                [DocumentoId::DocumentoMinisterioExterior],
                "categoria {codigo}"
            );
        }
    }
    for codigo in ["1", "2", "5", "6", "13", "07"] {
        let fora = CondicoesDocumentos {
            categoria: Some(Categoria::from(codigo)),
            tipo_documento_adquirente: Some(TipoDocumentoAdquirente::Cnpj),
            ..CondicoesDocumentos::default()
        };
        assert!(documentos_exigidos(&fora).is_empty(), "categoria {codigo}");
    }
}

#[test]
fn tipo_documento_adquirente_vem_do_documento() {
    let cnpj: CpfCnpj = "11222333000181".parse().expect("valid CNPJ");
    let cpf: CpfCnpj = "52998224725".parse().expect("valid CPF");
    assert_eq!(
        TipoDocumentoAdquirente::de_documento(&cnpj),
        TipoDocumentoAdquirente::Cnpj
    );
    assert_eq!(
        TipoDocumentoAdquirente::de_documento(&cpf),
        TipoDocumentoAdquirente::Cpf
    );
}

#[test]
fn colecao_exige_288() {
    let presente = condicoes(Some(Atividade::Colecao), None, None);
    let exigidos = documentos_exigidos(&presente);
    assert_eq!(ids(&exigidos), [DocumentoId::CertificadoVeiculoColecao]);
    assert_eq!(exigidos[0].motivo, MotivoDocumento::VeiculoColecao);
    for outra in [
        Atividade::Taxi,
        Atividade::Locadora,
        Atividade::Escolar,
        Atividade::Outros,
    ] {
        assert!(documentos_exigidos(&condicoes(Some(outra), None, None)).is_empty());
    }
    assert!(documentos_exigidos(&condicoes(Some(Atividade::from("c")), None, None)).is_empty());
}

#[test]
fn determinacao_judicial_exige_289() {
    let presente = CondicoesDocumentos {
        determinacao_judicial: true,
        ..CondicoesDocumentos::default()
    };
    let exigidos = documentos_exigidos(&presente);
    assert_eq!(ids(&exigidos), [DocumentoId::DocumentoJudicial]);
    assert_eq!(exigidos[0].motivo, MotivoDocumento::DeterminacaoJudicial);
}

#[test]
fn comodato_exige_291() {
    let presente = CondicoesDocumentos {
        inserir_comodato: true,
        ..CondicoesDocumentos::default()
    };
    let exigidos = documentos_exigidos(&presente);
    assert_eq!(ids(&exigidos), [DocumentoId::ContratoComodatoArrendamento]);
    assert_eq!(exigidos[0].motivo, MotivoDocumento::InserirComodato);
}

#[test]
fn varias_linhas_somam_na_ordem_da_tabela() {
    let tudo = CondicoesDocumentos {
        alterar_nome: true,
        atividade: Some(Atividade::Colecao),
        categoria: Some(Categoria::CorpoDiplomatico),
        tipo_veiculo: None,
        tipo_documento_adquirente: Some(TipoDocumentoAdquirente::Cnpj),
        determinacao_judicial: true,
        inserir_comodato: true,
    };
    assert_eq!(
        ids(&documentos_exigidos(&tudo)),
        [
            DocumentoId::DocumentacaoIdentificacao,
            DocumentoId::CartaoCnpj,
            DocumentoId::DocumentoMinisterioExterior,
            DocumentoId::CertificadoVeiculoColecao,
            DocumentoId::DocumentoJudicial,
            DocumentoId::ContratoComodatoArrendamento,
        ]
    );
}

#[test]
fn verificacao_nomeia_cada_documento_faltante_e_o_motivo() {
    let pedido = CondicoesDocumentos {
        alterar_nome: true,
        atividade: Some(Atividade::Taxi),
        categoria: Some(Categoria::Aluguel),
        inserir_comodato: true,
        ..CondicoesDocumentos::default()
    };
    let erro = verificar_documentos(&pedido, &[DocumentoId::DocumentacaoIdentificacao])
        .expect_err("284 and 291 are missing");
    assert_eq!(
        ids(erro.faltantes()),
        [
            DocumentoId::AutorizacaoPoderPublico,
            DocumentoId::ContratoComodatoArrendamento
        ]
    );
    let texto = erro.to_string();
    assert!(!texto.contains('\n'));
    assert!(texto.contains("§7.3"), "{texto}");
    assert!(
        texto.contains("284 (Autorização do Poder Público concedente) for Táxi (Aluguel)"),
        "{texto}"
    );
    assert!(
        texto.contains("291 (Contrato do Comodato/Arrendamento) for Inserir Comodato"),
        "{texto}"
    );
    assert!(!texto.contains(" 35 "), "{texto}");
    let como_erro: &dyn std::error::Error = &erro;
    assert!(como_erro.source().is_none());

    // The crate's one error type carries the verdict: one-line Display, the list via source().
    let unico = ErroDominio::from(erro.clone());
    assert_eq!(unico.tipo(), "documentação complementar");
    assert_eq!(unico.motivo(), &Motivo::DocumentosFaltantes(erro.clone()));
    assert_eq!(
        unico.to_string(),
        "invalid documentação complementar: 2 required document(s) missing (Regulamento Técnico CET-MG §7.3)"
    );
    let fonte = std::error::Error::source(&unico).expect("source is the verdict");
    assert_eq!(fonte.to_string(), texto);
    assert!(
        std::error::Error::source(&ErroDominio::new("CPF", Motivo::DigitoVerificador)).is_none()
    );

    // Everything attached, in any order and with extras: accepted.
    let completos = [
        DocumentoId::ContratoComodatoArrendamento,
        DocumentoId::from("999"),
        DocumentoId::AutorizacaoPoderPublico,
        DocumentoId::DocumentacaoIdentificacao,
    ];
    assert_eq!(verificar_documentos(&pedido, &completos), Ok(()));
}

#[test]
fn motivo_documento_descreve_processo_e_condicao() {
    let motivo = MotivoDocumento::MotofreteMototaxi;
    assert_eq!(motivo.processo(), "Motofrete / Mototáxi (Aluguel)");
    assert!(motivo.condicao().contains("tipo_veiculo"));
    assert_eq!(
        motivo.to_string(),
        format!("{} ({})", motivo.processo(), motivo.condicao())
    );
}

fn atividade_qualquer() -> impl Strategy<Value = Option<Atividade>> {
    proptest::option::of(
        prop_oneof![
            Just("T"),
            Just("L"),
            Just("E"),
            Just("C"),
            Just("O"),
            Just("X")
        ]
        .prop_map(Atividade::from),
    )
}

fn categoria_qualquer() -> impl Strategy<Value = Option<Categoria>> {
    proptest::option::of((0_u8..15).prop_map(|n| Categoria::from(n.to_string())))
}

fn tipo_qualquer() -> impl Strategy<Value = Option<TipoVeiculo>> {
    proptest::option::of((1_u8..27).prop_map(|n| TipoVeiculo::from(format!("{n:02}"))))
}

fn condicoes_quaisquer() -> impl Strategy<Value = CondicoesDocumentos> {
    (
        any::<bool>(),
        atividade_qualquer(),
        categoria_qualquer(),
        tipo_qualquer(),
        proptest::option::of(prop_oneof![
            Just(TipoDocumentoAdquirente::Cpf),
            Just(TipoDocumentoAdquirente::Cnpj)
        ]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(
                alterar_nome,
                atividade,
                categoria,
                tipo_veiculo,
                tipo_documento_adquirente,
                determinacao_judicial,
                inserir_comodato,
            )| {
                CondicoesDocumentos {
                    alterar_nome,
                    atividade,
                    categoria,
                    tipo_veiculo,
                    tipo_documento_adquirente,
                    determinacao_judicial,
                    inserir_comodato,
                }
            },
        )
}

proptest! {
    #[test]
    fn exigidos_anexados_sempre_passam(condicoes in condicoes_quaisquer()) {
        let exigidos = ids(&documentos_exigidos(&condicoes));
        prop_assert_eq!(verificar_documentos(&condicoes, &exigidos), Ok(()));
        // Each row yields a different document: no duplicates.
        let unicos: std::collections::HashSet<&DocumentoId> = exigidos.iter().collect();
        prop_assert_eq!(unicos.len(), exigidos.len());
    }

    #[test]
    fn faltar_um_documento_exigido_e_sempre_erro(condicoes in condicoes_quaisquer(), escolha in any::<prop::sample::Index>()) {
        let exigidos = ids(&documentos_exigidos(&condicoes));
        prop_assume!(!exigidos.is_empty());
        let retirado = escolha.index(exigidos.len());
        let anexados: Vec<DocumentoId> = exigidos
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != retirado)
            .map(|(_, d)| d.clone())
            .collect();
        let erro = verificar_documentos(&condicoes, &anexados).expect_err("one is missing");
        prop_assert_eq!(ids(erro.faltantes()), vec![exigidos[retirado].clone()]);
    }
}

// ---------------------------------------------------------------------------------------------
// §6.1.1 / §6.1.3 — aptidão
// ---------------------------------------------------------------------------------------------

/// An answer in which every item is reported and nothing is wrong.
fn tudo_limpo() -> RespostaAptidao {
    RespostaAptidao {
        comunicacao_venda_registrada: Some(false.into()),
        laudo_csv_em_aberto: Some(false.into()),
        reserva_dominio: Some(false.into()),
        gravame: Some(false.into()),
        total_autuacoes: Some(0.into()),
        multas_exigiveis: Some(0.into()),
        multas_totais: Some(0.into()),
        pendencias_trlav: Some(false.into()),
        pendencias_ipva: Some(false.into()),
        pendencias_dpvat: Some(false.into()),
        impedimentos_cadastrais: Some(false.into()),
        recall_pendente: Some(false.into()),
        estampagem_em_aberto: Some(false.into()),
        observacoes_impeditivas_laudo: Some(false.into()),
        detalhes: Vec::new(),
        campos_nao_modelados: Vec::new(),
    }
}

#[test]
fn veiculo_apto_pode_prosseguir() {
    let avaliacao = avaliar_aptidao(&tudo_limpo());
    assert!(avaliacao.pode_prosseguir());
    assert!(avaliacao.is_completa());
    assert!(avaliacao.impedimentos.is_empty());
    assert_eq!(
        avaliacao
            .informativos
            .iter()
            .map(|i| i.item)
            .collect::<Vec<_>>(),
        [
            ItemAptidao::ComunicacaoVendaRegistrada,
            ItemAptidao::TotalAutuacoes,
            ItemAptidao::MultasTotais
        ]
    );
    assert_eq!(AvaliacaoAptidao::from(&tudo_limpo()), avaliacao);
}

/// Sets one blocking item of a clean answer to "present".
fn com_impedimento(item: ItemAptidao) -> RespostaAptidao {
    let mut r = tudo_limpo();
    match item {
        ItemAptidao::LaudoCsvEmAberto => r.laudo_csv_em_aberto = Some(true.into()),
        ItemAptidao::ReservaDominio => r.reserva_dominio = Some(true.into()),
        ItemAptidao::Gravame => r.gravame = Some(true.into()),
        ItemAptidao::MultasExigiveis => r.multas_exigiveis = Some(3.into()),
        ItemAptidao::PendenciasTrlav => r.pendencias_trlav = Some(true.into()),
        ItemAptidao::PendenciasIpva => r.pendencias_ipva = Some(true.into()),
        ItemAptidao::PendenciasDpvat => r.pendencias_dpvat = Some(true.into()),
        ItemAptidao::ImpedimentosCadastrais => r.impedimentos_cadastrais = Some(true.into()),
        ItemAptidao::RecallPendente => r.recall_pendente = Some(true.into()),
        ItemAptidao::EstampagemEmAberto => r.estampagem_em_aberto = Some(true.into()),
        ItemAptidao::ObservacoesImpeditivasLaudo => {
            r.observacoes_impeditivas_laudo = Some(true.into());
        }
        outro => panic!("{outro:?} is not a blocking item"),
    }
    r
}

/// Sets one blocking item of a clean answer to "not reported".
fn sem_item(item: ItemAptidao) -> RespostaAptidao {
    let mut r = tudo_limpo();
    match item {
        ItemAptidao::ComunicacaoVendaRegistrada => r.comunicacao_venda_registrada = None,
        ItemAptidao::LaudoCsvEmAberto => r.laudo_csv_em_aberto = None,
        ItemAptidao::ReservaDominio => r.reserva_dominio = None,
        ItemAptidao::Gravame => r.gravame = None,
        ItemAptidao::TotalAutuacoes => r.total_autuacoes = None,
        ItemAptidao::MultasExigiveis => r.multas_exigiveis = None,
        ItemAptidao::MultasTotais => r.multas_totais = None,
        ItemAptidao::PendenciasTrlav => r.pendencias_trlav = None,
        ItemAptidao::PendenciasIpva => r.pendencias_ipva = None,
        ItemAptidao::PendenciasDpvat => r.pendencias_dpvat = None,
        ItemAptidao::ImpedimentosCadastrais => r.impedimentos_cadastrais = None,
        ItemAptidao::RecallPendente => r.recall_pendente = None,
        ItemAptidao::EstampagemEmAberto => r.estampagem_em_aberto = None,
        ItemAptidao::ObservacoesImpeditivasLaudo => r.observacoes_impeditivas_laudo = None,
        outro => panic!("{outro:?} is not modelled by this test"),
    }
    r
}

const IMPEDITIVOS: [ItemAptidao; 11] = [
    ItemAptidao::LaudoCsvEmAberto,
    ItemAptidao::ReservaDominio,
    ItemAptidao::Gravame,
    ItemAptidao::MultasExigiveis,
    ItemAptidao::PendenciasTrlav,
    ItemAptidao::PendenciasIpva,
    ItemAptidao::PendenciasDpvat,
    ItemAptidao::ImpedimentosCadastrais,
    ItemAptidao::RecallPendente,
    ItemAptidao::EstampagemEmAberto,
    ItemAptidao::ObservacoesImpeditivasLaudo,
];

#[test]
fn cada_item_impeditivo_bloqueia_sozinho() {
    for item in IMPEDITIVOS {
        assert!(item.is_impeditivo(), "{item:?}");
        let avaliacao = avaliar_aptidao(&com_impedimento(item));
        assert!(!avaliacao.pode_prosseguir(), "{item:?}");
        assert_eq!(avaliacao.impedimentos.len(), 1, "{item:?}");
        assert_eq!(avaliacao.impedimentos[0].item, item);
        assert_eq!(
            avaliacao.informativos.len(),
            3,
            "informative items are unaffected"
        );
    }
}

#[test]
fn multas_exigiveis_levam_a_quantidade() {
    let avaliacao = avaliar_aptidao(&com_impedimento(ItemAptidao::MultasExigiveis));
    assert_eq!(avaliacao.impedimentos[0].quantidade, Some(3));
    assert_eq!(
        avaliacao.impedimentos[0].to_string(),
        "Multas exigíveis (inclui Renainf): 3"
    );
    let laudo = avaliar_aptidao(&com_impedimento(ItemAptidao::LaudoCsvEmAberto));
    assert_eq!(laudo.impedimentos[0].quantidade, None);
    assert_eq!(laudo.impedimentos[0].to_string(), "Laudo CSV em aberto");
}

#[test]
fn itens_informativos_nunca_bloqueiam() {
    let mut r = tudo_limpo();
    r.comunicacao_venda_registrada = Some(true.into());
    r.total_autuacoes = Some(12.into());
    r.multas_totais = Some(7.into());
    let avaliacao = avaliar_aptidao(&r);
    assert!(avaliacao.pode_prosseguir());
    assert_eq!(
        avaliacao
            .informativos
            .iter()
            .map(|i| (i.item, i.valor))
            .collect::<Vec<_>>(),
        [
            (
                ItemAptidao::ComunicacaoVendaRegistrada,
                ValorInformativo::Booleano(true)
            ),
            (
                ItemAptidao::TotalAutuacoes,
                ValorInformativo::Quantidade(12)
            ),
            (ItemAptidao::MultasTotais, ValorInformativo::Quantidade(7)),
        ]
    );
    for item in [
        ItemAptidao::ComunicacaoVendaRegistrada,
        ItemAptidao::TotalAutuacoes,
        ItemAptidao::MultasTotais,
    ] {
        assert!(!item.is_impeditivo());
    }
}

/// Issue 12 (fail closed): a blocking item the answer did not report is never a yes — the
/// outcome is indeterminado, naming the item (this test asserted "may proceed" before).
#[test]
fn itens_omitidos_tornam_o_resultado_indeterminado() {
    for item in IMPEDITIVOS {
        let avaliacao = avaliar_aptidao(&sem_item(item));
        assert_eq!(
            avaliacao.resultado(),
            ResultadoAptidao::Indeterminado,
            "{item:?}"
        );
        assert!(!avaliacao.pode_prosseguir(), "{item:?}");
        assert!(!avaliacao.is_completa(), "{item:?}");
        assert_eq!(avaliacao.nao_informados, [item]);
        assert_eq!(avaliacao.indeterminados(), [item]);
    }
    // An omitted informative item is simply absent.
    let avaliacao = avaliar_aptidao(&sem_item(ItemAptidao::TotalAutuacoes));
    assert!(avaliacao.is_completa());
    assert!(avaliacao.pode_prosseguir());
    assert_eq!(avaliacao.informativos.len(), 2);

    let vazia = avaliar_aptidao(&RespostaAptidao::default());
    assert_eq!(vazia.resultado(), ResultadoAptidao::Indeterminado);
    assert!(!vazia.pode_prosseguir());
    assert_eq!(vazia.nao_informados, IMPEDITIVOS);
    assert!(vazia.informativos.is_empty());
}

/// Sets one item of a clean answer to a raw value the SDK does not understand.
fn ilegivel(item: ItemAptidao, bruto: &str) -> RespostaAptidao {
    let mut r = tudo_limpo();
    let b = || Some(Recebido::Bruto(bruto.to_owned()));
    match item {
        ItemAptidao::ComunicacaoVendaRegistrada => r.comunicacao_venda_registrada = b(),
        ItemAptidao::LaudoCsvEmAberto => r.laudo_csv_em_aberto = b(),
        ItemAptidao::ReservaDominio => r.reserva_dominio = b(),
        ItemAptidao::Gravame => r.gravame = b(),
        ItemAptidao::TotalAutuacoes => r.total_autuacoes = Some(Recebido::Bruto(bruto.into())),
        ItemAptidao::MultasExigiveis => r.multas_exigiveis = Some(Recebido::Bruto(bruto.into())),
        ItemAptidao::MultasTotais => r.multas_totais = Some(Recebido::Bruto(bruto.into())),
        ItemAptidao::PendenciasTrlav => r.pendencias_trlav = b(),
        ItemAptidao::PendenciasIpva => r.pendencias_ipva = b(),
        ItemAptidao::PendenciasDpvat => r.pendencias_dpvat = b(),
        ItemAptidao::ImpedimentosCadastrais => r.impedimentos_cadastrais = b(),
        ItemAptidao::RecallPendente => r.recall_pendente = b(),
        ItemAptidao::EstampagemEmAberto => r.estampagem_em_aberto = b(),
        ItemAptidao::ObservacoesImpeditivasLaudo => r.observacoes_impeditivas_laudo = b(),
        outro => panic!("{outro:?} is not modelled by this test"),
    }
    r
}

/// Issue 12: a blocking item sent in a form the SDK does not understand (`"ATIVO"`, an empty
/// text, an object) makes the outcome indeterminado, never apto; an unreadable informative item
/// changes nothing.
#[test]
fn item_ilegivel_torna_o_resultado_indeterminado() {
    for bruto in ["ATIVO", "", "{\"a\":1}", "2.5"] {
        for item in IMPEDITIVOS {
            let avaliacao = avaliar_aptidao(&ilegivel(item, bruto));
            assert_eq!(
                avaliacao.resultado(),
                ResultadoAptidao::Indeterminado,
                "{item:?} {bruto}"
            );
            assert!(!avaliacao.pode_prosseguir());
            assert_eq!(avaliacao.ilegiveis, [item]);
            assert_eq!(avaliacao.indeterminados(), [item]);
            assert!(avaliacao.nao_informados.is_empty());
        }
        let avaliacao = avaliar_aptidao(&ilegivel(ItemAptidao::MultasTotais, bruto));
        assert_eq!(avaliacao.resultado(), ResultadoAptidao::Apto);
        assert_eq!(avaliacao.ilegiveis, [ItemAptidao::MultasTotais]);
        assert!(avaliacao.indeterminados().is_empty());
    }
}

/// A present impediment decides (não apto) even when other items are missing or unreadable;
/// fields the SDK does not model are listed but do not, alone, stop an answer that reported
/// every blocking item; an answer without the success code is indeterminado.
#[test]
fn nao_apto_prevalece_e_campos_nao_modelados_sao_listados() {
    let mut r = com_impedimento(ItemAptidao::Gravame);
    r.multas_exigiveis = None;
    r.recall_pendente = Some(Recebido::de_texto("talvez"));
    let avaliacao = avaliar_aptidao(&r);
    assert_eq!(avaliacao.resultado(), ResultadoAptidao::NaoApto);
    assert_eq!(
        avaliacao.indeterminados(),
        [ItemAptidao::MultasExigiveis, ItemAptidao::RecallPendente]
    );

    // A gravame reported under a name the SDK does not know: indeterminado, the name listed.
    let mut renomeada = sem_item(ItemAptidao::Gravame);
    renomeada.campos_nao_modelados = vec!["possui_gravame".into()];
    let avaliacao = avaliar_aptidao(&renomeada);
    assert_eq!(avaliacao.resultado(), ResultadoAptidao::Indeterminado);
    assert_eq!(avaliacao.campos_nao_modelados, ["possui_gravame"]);
    assert_eq!(avaliacao.clone().resultado().to_string(), "indeterminado");

    let mut limpa = tudo_limpo();
    limpa.campos_nao_modelados = vec!["data_consulta".into()];
    let mut avaliacao = avaliar_aptidao(&limpa);
    assert_eq!(avaliacao.resultado(), ResultadoAptidao::Apto);
    avaliacao.sem_codigo_de_sucesso = true;
    assert_eq!(avaliacao.resultado(), ResultadoAptidao::Indeterminado);
    assert!(!avaliacao.pode_prosseguir());
}

#[test]
fn varios_impedimentos_na_ordem_do_regulamento_e_detalhes_preservados() {
    let mut r = tudo_limpo();
    r.observacoes_impeditivas_laudo = Some(true.into());
    r.pendencias_ipva = Some(true.into());
    r.gravame = Some(true.into());
    r.detalhes = vec!["IPVA 2025 em aberto".to_owned()];
    let avaliacao = avaliar_aptidao(&r);
    assert_eq!(
        avaliacao
            .impedimentos
            .iter()
            .map(|i| i.item)
            .collect::<Vec<_>>(),
        [
            ItemAptidao::Gravame,
            ItemAptidao::PendenciasIpva,
            ItemAptidao::ObservacoesImpeditivasLaudo
        ]
    );
    assert_eq!(avaliacao.detalhes, ["IPVA 2025 em aberto"]);
}

#[test]
fn debug_da_aptidao_nao_mostra_os_detalhes_do_servidor() {
    // The server's free text may name the owner by CPF: Debug counts it, never prints it.
    let mut r = tudo_limpo();
    r.gravame = Some(true.into());
    r.detalhes = vec!["Proprietário 529.982.247-25 não confere".to_owned()];
    let avaliacao = avaliar_aptidao(&r);
    for texto in [
        format!("{r:?}"),
        format!("{avaliacao:?}"),
        format!("{avaliacao:#?}"),
    ] {
        assert!(!texto.contains("529"), "{texto}");
        assert!(!texto.contains("Proprietário"), "{texto}");
        assert!(texto.contains("1 item(s) not shown"), "{texto}");
    }
    assert!(format!("{r:?}").contains("gravame: Some(Valido(true))"));
    assert!(format!("{avaliacao:?}").contains("Gravame"));
    // The details themselves stay available to show on screen (§6.1.1).
    assert_eq!(avaliacao.detalhes, r.detalhes);
}

#[test]
fn itens_citam_a_fonte() {
    assert_eq!(ItemAptidao::TODOS.len(), 14);
    for item in ItemAptidao::TODOS {
        assert!(
            item.fonte().starts_with("Regulamento Técnico CET-MG §6.1."),
            "{item:?}"
        );
        assert_eq!(item.to_string(), item.descricao());
    }
    assert!(ItemAptidao::RecallPendente.fonte().contains("§6.1.3"));
    assert!(ItemAptidao::LaudoCsvEmAberto.fonte().contains("§6.1.1"));
}

// ---------------------------------------------------------------------------------------------
// Portaria 1.542/2025 Art. 21 §1 — prazos
// ---------------------------------------------------------------------------------------------

fn data(ano: i16, mes: i8, dia: i8) -> Data {
    Data::new(ano, mes, dia).expect("valid date")
}

fn mais_dias(d: Data, dias: i64) -> Data {
    let somada = d
        .as_jiff()
        .checked_add(jiff::Span::new().days(dias))
        .expect("in range");
    Data::try_from(somada).expect("in range")
}

#[test]
fn laudo_vale_ate_o_dia_120_inclusive() {
    let emissao = data(2025, 10, 9);
    assert_eq!(vencimento_laudo(emissao), Ok(data(2026, 2, 6)));

    let mesmo_dia = verificar_validade_laudo(emissao, emissao).expect("ordered dates");
    assert!(mesmo_dia.is_dentro_do_prazo());
    assert_eq!(mesmo_dia.dias_decorridos, 0);
    assert_eq!(mesmo_dia.dias_restantes(), 120);

    let dia_119 = verificar_validade_laudo(emissao, mais_dias(emissao, 119)).expect("ordered");
    assert!(dia_119.is_dentro_do_prazo());
    assert_eq!(dia_119.dias_restantes(), 1);

    let dia_120 = verificar_validade_laudo(emissao, data(2026, 2, 6)).expect("ordered");
    assert!(dia_120.is_dentro_do_prazo());
    assert_eq!(dia_120.dias_decorridos, 120);
    assert_eq!(dia_120.dias_restantes(), 0);
    assert_eq!(dia_120.inicio, emissao);
    assert_eq!(dia_120.ultimo_dia, data(2026, 2, 6));

    let dia_121 = verificar_validade_laudo(emissao, data(2026, 2, 7)).expect("ordered");
    assert!(!dia_121.is_dentro_do_prazo());
    assert_eq!(dia_121.dias_decorridos, 121);
    assert_eq!(dia_121.dias_restantes(), -1);
}

#[test]
fn laudo_atravessa_ano_bissexto() {
    // 2024-01-01 + 120 days = 2024-04-30 (February has 29 days).
    assert_eq!(vencimento_laudo(data(2024, 1, 1)), Ok(data(2024, 4, 30)));
    assert_eq!(vencimento_laudo(data(2025, 1, 1)), Ok(data(2025, 5, 1)));
}

#[test]
fn vistoria_em_ate_30_dias_da_entrada() {
    let entrada = data(2025, 12, 15);
    assert_eq!(prazo_vistoria(entrada), Ok(data(2026, 1, 14)));
    let dia_30 = verificar_prazo_vistoria(entrada, data(2026, 1, 14)).expect("ordered");
    assert!(dia_30.is_dentro_do_prazo());
    assert_eq!(dia_30.dias_decorridos, 30);
    let dia_31 = verificar_prazo_vistoria(entrada, data(2026, 1, 15)).expect("ordered");
    assert!(!dia_31.is_dentro_do_prazo());
    assert_eq!(dia_31.dias_restantes(), -1);
    assert!(
        verificar_prazo_vistoria(entrada, entrada)
            .expect("ordered")
            .is_dentro_do_prazo()
    );
}

#[test]
fn datas_fora_de_ordem_sao_erro() {
    let erro =
        verificar_validade_laudo(data(2025, 6, 2), data(2025, 6, 1)).expect_err("future laudo");
    assert_eq!(erro.tipo(), "laudo de vistoria");
    assert!(
        erro.to_string().contains("before the laudo's issue date"),
        "{erro}"
    );
    let erro = verificar_prazo_vistoria(data(2025, 6, 2), data(2025, 6, 1))
        .expect_err("vistoria before entrada");
    assert_eq!(erro.tipo(), "prazo de vistoria");
    assert!(matches!(erro.motivo(), Motivo::ForaDoIntervalo { .. }));
}

#[test]
fn prazo_alem_do_ano_9999_e_erro() {
    let fim = data(9999, 12, 1);
    let erro = vencimento_laudo(fim).expect_err("beyond 9999");
    assert!(erro.to_string().contains("9999"), "{erro}");
    assert!(verificar_validade_laudo(fim, fim).is_err());
    assert!(prazo_vistoria(data(9999, 12, 2)).is_err());
    assert_eq!(prazo_vistoria(data(9999, 12, 1)), Ok(data(9999, 12, 31)));
}

proptest! {
    #[test]
    fn fronteira_do_laudo_em_qualquer_data(dias_desde_2000 in 0_i64..10_000) {
        let emissao = mais_dias(data(2000, 1, 1), dias_desde_2000);
        for decorridos in [0_i64, 1, 119, 120] {
            let s = verificar_validade_laudo(emissao, mais_dias(emissao, decorridos)).expect("ordered");
            prop_assert!(s.is_dentro_do_prazo());
            prop_assert_eq!(s.dias_decorridos, decorridos);
        }
        for decorridos in [121_i64, 122, 365] {
            let s = verificar_validade_laudo(emissao, mais_dias(emissao, decorridos)).expect("ordered");
            prop_assert!(!s.is_dentro_do_prazo());
        }
        prop_assert_eq!(vencimento_laudo(emissao), Ok(mais_dias(emissao, 120)));
        let v = verificar_prazo_vistoria(emissao, mais_dias(emissao, 30)).expect("ordered");
        prop_assert!(v.is_dentro_do_prazo());
        let v = verificar_prazo_vistoria(emissao, mais_dias(emissao, 31)).expect("ordered");
        prop_assert!(!v.is_dentro_do_prazo());
    }
}

// ---------------------------------------------------------------------------------------------
// §5.6 — entrada ou saída; §6.1.5 — vistoria móvel
// ---------------------------------------------------------------------------------------------

#[test]
fn comprador_igual_ao_estabelecimento_e_entrada() {
    let loja: Cnpj = "11222333000181".parse().expect("valid CNPJ");
    let comprador = CpfCnpj::from(loja);
    assert_eq!(
        sentido_solicitacao(&comprador, &loja),
        SentidoSolicitacao::Entrada
    );
    // The same CNPJ written with its mask is the same CNPJ.
    let mascarado: CpfCnpj = "11.222.333/0001-81".parse().expect("masked CNPJ");
    assert_eq!(
        sentido_solicitacao(&mascarado, &loja),
        SentidoSolicitacao::Entrada
    );
}

#[test]
fn outro_comprador_e_saida() {
    let loja: Cnpj = "11222333000181".parse().expect("valid CNPJ");
    let pessoa: CpfCnpj = "52998224725".parse().expect("valid CPF");
    assert_eq!(
        sentido_solicitacao(&pessoa, &loja),
        SentidoSolicitacao::Saida
    );
    let outra_empresa: CpfCnpj = "11444777000161".parse().expect("valid CNPJ");
    assert_eq!(
        sentido_solicitacao(&outra_empresa, &loja),
        SentidoSolicitacao::Saida
    );
    assert_eq!(SentidoSolicitacao::Saida.to_string(), "saída de estoque");
    assert_eq!(
        SentidoSolicitacao::Entrada.to_string(),
        "entrada de estoque"
    );
}

#[test]
fn filial_da_mesma_empresa_e_saida() {
    // Same root 11.222.333, different branch (0002): the whole CNPJ differs.
    let matriz: Cnpj = "11222333000181".parse().expect("valid CNPJ");
    let filial: CpfCnpj = "11222333000262".parse().expect("valid CNPJ");
    assert_eq!(
        sentido_solicitacao(&filial, &matriz),
        SentidoSolicitacao::Saida
    );
}

#[test]
fn cada_hipotese_de_vistoria_movel() {
    let casos: [(SituacaoVistoriaMovel, HipoteseVistoriaMovel); 6] = [
        (
            SituacaoVistoriaMovel {
                indenizado_por_seguradora: true,
                ..Default::default()
            },
            HipoteseVistoriaMovel::IndenizadoPorSeguradora,
        ),
        (
            SituacaoVistoriaMovel {
                recuperado_por_instituicao_financeira: true,
                ..Default::default()
            },
            HipoteseVistoriaMovel::RecuperadoPorInstituicaoFinanceira,
        ),
        (
            SituacaoVistoriaMovel {
                comercializado_por_pessoa_juridica: true,
                ..Default::default()
            },
            HipoteseVistoriaMovel::ComercializadoPorPessoaJuridica,
        ),
        (
            SituacaoVistoriaMovel {
                apreendido_em_patio_publico: true,
                ..Default::default()
            },
            HipoteseVistoriaMovel::ApreendidoEmPatioPublico,
        ),
        (
            SituacaoVistoriaMovel {
                leilao: true,
                ..Default::default()
            },
            HipoteseVistoriaMovel::Leilao,
        ),
        (
            SituacaoVistoriaMovel {
                peso_bruto_total_kg: Some(10_001),
                ..Default::default()
            },
            HipoteseVistoriaMovel::PesoBrutoTotalSuperiorDezToneladas,
        ),
    ];
    for (situacao, hipotese) in casos {
        assert_eq!(hipoteses_vistoria_movel(&situacao), [hipotese]);
        assert!(vistoria_movel_permitida(&situacao));
        assert!(!hipotese.descricao().is_empty());
        assert_eq!(hipotese.to_string(), hipotese.descricao());
    }
    assert!(!vistoria_movel_permitida(&SituacaoVistoriaMovel::default()));
}

#[test]
fn pbt_de_exatamente_dez_toneladas_nao_basta() {
    for (kg, permitida) in [
        (Some(10_000), false),
        (Some(9_999), false),
        (Some(10_001), true),
        (None, false),
    ] {
        let s = SituacaoVistoriaMovel {
            peso_bruto_total_kg: kg,
            ..Default::default()
        };
        assert_eq!(vistoria_movel_permitida(&s), permitida, "{kg:?}");
    }
}

#[test]
fn varias_hipoteses_na_ordem_do_regulamento() {
    let s = SituacaoVistoriaMovel {
        leilao: true,
        indenizado_por_seguradora: true,
        peso_bruto_total_kg: Some(25_000),
        ..Default::default()
    };
    assert_eq!(
        hipoteses_vistoria_movel(&s),
        [
            HipoteseVistoriaMovel::IndenizadoPorSeguradora,
            HipoteseVistoriaMovel::Leilao,
            HipoteseVistoriaMovel::PesoBrutoTotalSuperiorDezToneladas,
        ]
    );
}

#[test]
fn taxa_64_so_para_vistoria_movel() {
    assert_eq!(
        taxa_distribuicao_vistoria(true),
        Some(CodigoTaxa::VistoriaMovel)
    );
    assert_eq!(
        taxa_distribuicao_vistoria(true)
            .map(|t| t.to_string())
            .as_deref(),
        Some("64")
    );
    assert_eq!(taxa_distribuicao_vistoria(false), None);
}
