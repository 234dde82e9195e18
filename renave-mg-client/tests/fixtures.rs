//! Tests of the per-operation fixtures of the feature `simulador` (`simulador::fixtures`): for
//! every operation, the success fixture answers the real client's call and the client decodes
//! it; every canned error gives the error kind it stands for; priorities, base paths, route
//! overrides and the simulator re-export work.
#![cfg(feature = "simulador")]
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use std::collections::BTreeSet;
use std::time::Duration;

use renave_domain::{CodigoTaxa, Uf};
use renave_mg_client::operacoes::agenda::ConsultaPeriodosAtendimento;
use renave_mg_client::operacoes::dae::EmissaoGuiaDae;
use renave_mg_client::operacoes::estoque::ConsultaAptidaoVeiculoEstoque;
use renave_mg_client::operacoes::protocolo_digital::{
    ConsultaProtocoloRenave, ConsultaVeiculosComunicacaoVenda,
};
use renave_mg_client::operacoes::vistoria::ConsultaRegioesMunicipio;
use renave_mg_client::simulador::fixtures::{self, Corpo, ErroFixture, Operacao};
use renave_mg_client::simulador::{
    CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO, PRIORIDADE_SIMULADOR, SimuladorCetMg,
};
use renave_mg_client::{
    Ambiente, ClienteCetMg, ClienteCetMgBuilder, Erro, HttpMethod, Idempotency, RetryPolicy, Route,
    Timeouts,
};
use secrecy::SecretString;
use serde_json::Value;
use wiremock::MockServer;

mod chamadas;
use chamadas::*;

fn construtor(raiz: &str) -> ClienteCetMgBuilder {
    ClienteCetMg::builder()
        .ambiente(Ambiente::Local(raiz.parse().unwrap()))
        .credenciais(SecretString::from("chave"), SecretString::from("segredo"))
        .retentativas(RetryPolicy::disabled())
        .prazos(Timeouts {
            connect: Duration::from_secs(2),
            per_attempt: Duration::from_secs(5),
            operation: Duration::from_secs(10),
        })
}

fn cliente(servidor: &MockServer) -> ClienteCetMg {
    construtor(&servidor.uri()).build().unwrap()
}

fn e_token(op: &Operacao) -> bool {
    op.nome() == fixtures::GERAR_TOKEN.nome()
}

/// A fresh server with the token fixture (unless `op` is `gerar_token` itself).
async fn servidor_para(op: &Operacao) -> MockServer {
    let servidor = MockServer::start().await;
    if !e_token(op) {
        fixtures::GERAR_TOKEN.sucesso().montar(&servidor).await;
    }
    servidor
}

#[test]
fn a_tabela_cobre_cada_operacao_uma_vez() {
    let nomes: Vec<&str> = fixtures::todas().iter().map(Operacao::nome).collect();
    // gerar_token + the 27 operations of the ApiCetMg trait (R §5.2–§5.27, §7).
    assert_eq!(nomes.len(), 28, "{nomes:?}");
    let unicos: BTreeSet<&str> = nomes.iter().copied().collect();
    assert_eq!(unicos.len(), nomes.len());
    for nome in &nomes {
        let op = fixtures::por_nome(nome).unwrap();
        assert_eq!(op.nome(), *nome);
        assert_eq!(op.endpoint().name, *nome);
        assert_eq!(op.status_sucesso(), 200);
        assert_eq!(op.sucesso().operacao(), *nome);
    }
    assert!(fixtures::por_nome("consultar_estoque").is_none());
    assert!(fixtures::por_nome("").is_none());
    // Each constant is the crate's own Endpoint (method and template).
    assert_eq!(
        fixtures::CONSULTAR_ULTIMO_LAUDO.endpoint().route,
        renave_mg_client::operacoes::vistoria::CONSULTAR_ULTIMO_LAUDO.route
    );
    assert_eq!(
        fixtures::GERAR_TOKEN.endpoint().route,
        renave_mg_client::operacoes::autenticacao::GERAR_TOKEN.route
    );
}

#[test]
fn padrao_do_caminho_vem_do_template() {
    assert_eq!(
        fixtures::CONSULTAR_ULTIMO_LAUDO.sucesso().padrao_caminho(),
        r"^/api/veiculos/renave/vistoria/consultar\-ultimo\-laudo/[^/]+/[^/]+$"
    );
    assert_eq!(
        fixtures::GERAR_TOKEN
            .sucesso()
            .em_base("/1.0.0/")
            .padrao_caminho(),
        r"^/1\.0\.0/api/veiculos/renave/gerar\-token$"
    );
    assert_eq!(
        fixtures::RETORNAR_PERIODOS_ATENDIMENTO
            .sucesso()
            .padrao_caminho(),
        r"^/api/veiculos/renave/agenda\-minas/retornar\-periodos\-atendimento/[^/]+/[^/]+/[^/]+$"
    );
}

#[tokio::test]
async fn sucesso_de_cada_operacao_decodificado_pelo_cliente() {
    for op in fixtures::todas() {
        let servidor = servidor_para(op).await;
        op.sucesso().esperando(1).montar(&servidor).await;
        let chamada = chamar(op.nome(), cliente(&servidor))
            .unwrap_or_else(|| panic!("no call for {}", op.nome()));
        let v = chamada
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", op.nome()));
        if !e_token(op) {
            // Every answer keeps something of the canned body (the envelope or the items).
            assert!(
                v.as_object().is_some_and(|o| !o.is_empty()),
                "{}: {v}",
                op.nome()
            );
        }
        servidor.verify().await;
    }
}

#[tokio::test]
async fn corpos_de_sucesso_realistas() {
    let servidor = MockServer::start().await;
    for op in fixtures::todas() {
        op.sucesso().montar(&servidor).await;
    }
    let c = cliente(&servidor);

    let token = c.gerar_token().await.unwrap();
    assert!(token.expira_em() > std::time::SystemTime::now());

    let aptidao = c
        .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque {
            chassi: fixtures::CHASSI.parse().unwrap(),
            cpf_cnpj_proprietario: fixtures::CPF_PROPRIETARIO.parse().unwrap(),
            cpf_cnpj_estabelecimento: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
        })
        .await
        .unwrap();
    assert!(aptidao.avaliacao().pode_prosseguir());
    assert_eq!(aptidao.retorno.codigo_retorno.as_deref(), Some("000"));

    let dae = c
        .emitir_guia_dae(&EmissaoGuiaDae {
            cnpj_estabelecimento: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
            codigo_taxa: CodigoTaxa::VistoriaMovel,
            cpf_cnpj_comprador: fixtures::CPF_COMPRADOR.parse().unwrap(),
            uf_origem_comprador: Uf::Mg,
            codigo_municipio_emplacamento: fixtures::CODIGO_MUNICIPIO.parse().unwrap(),
        })
        .await
        .unwrap();
    assert_eq!(dae.guias.len(), 1);
    let guia = &dae.guias[0];
    guia.linha_digitavel.as_ref().unwrap().valor().unwrap();
    guia.pix_copia_e_cola.as_ref().unwrap().valor().unwrap();
    guia.codigo_ibge_municipio
        .as_ref()
        .unwrap()
        .valor()
        .unwrap();
    guia.valor_taxa.as_ref().unwrap().valor().unwrap();
    guia.data_emissao.as_ref().unwrap().valor().unwrap();
    guia.data_vencimento.as_ref().unwrap().valor().unwrap();
    guia.placa.as_ref().unwrap().valor().unwrap();
    guia.chassi.as_ref().unwrap().valor().unwrap();
    guia.renavam.as_ref().unwrap().valor().unwrap();
    guia.cpf_cnpj_contribuinte
        .as_ref()
        .unwrap()
        .valor()
        .unwrap();
    assert_eq!(guia.codigo_taxa, Some(CodigoTaxa::VistoriaMovel));
    assert_eq!(guia.pdf().unwrap(), fixtures::PDF_EXEMPLO);

    let distribuicao = c.consultar_distribuicao_ativa(&alvo()).await.unwrap();
    distribuicao.cnpj_ecv.as_ref().unwrap().valor().unwrap();
    distribuicao.cep_ecv.as_ref().unwrap().valor().unwrap();
    distribuicao.uf_ecv.as_ref().unwrap().valor().unwrap();
    distribuicao
        .cpf_cnpj_comprador
        .as_ref()
        .unwrap()
        .valor()
        .unwrap();
    assert_eq!(distribuicao.regiao_padrao, Some(true.into()));

    let laudo = c.consultar_ultimo_laudo(&alvo()).await.unwrap();
    assert_eq!(
        laudo
            .data_emissao
            .as_ref()
            .unwrap()
            .valor()
            .copied()
            .unwrap(),
        fixtures::DATA_LAUDO.parse::<renave_domain::Data>().unwrap()
    );

    let regioes = c
        .retornar_regioes_municipio(&ConsultaRegioesMunicipio {
            municipio_id: 4123u64.into(),
            tipo_ecv_id: 1u64.into(),
        })
        .await
        .unwrap();
    assert_eq!(regioes.dados.len_recebido(), 2);
    assert_eq!(regioes.dados.validos()[0].regiao_padrao, Some(true.into()));

    let datas = c.retornar_datas_com_vagas(&alvo()).await.unwrap();
    for d in &datas.dados {
        d.data.as_ref().unwrap().valor().unwrap();
    }
    let periodos = c
        .retornar_periodos_atendimento(&ConsultaPeriodosAtendimento {
            data_agendada: fixtures::DATA_AGENDADA.parse().unwrap(),
            alvo: alvo(),
        })
        .await
        .unwrap();
    assert!(
        periodos
            .dados
            .iter()
            .any(|p| p.id == Some(fixtures::PERIODO_ID.into()))
    );
    let agendamento = c.consultar_agendamento(&alvo()).await.unwrap();
    assert_eq!(
        agendamento.data_agendada.as_ref().unwrap().texto(),
        fixtures::DATA_AGENDADA
    );

    let protocolo = c
        .recuperar_protocolo_renave(&ConsultaProtocoloRenave {
            chassi: fixtures::CHASSI.parse().unwrap(),
            cpf_cnpj_solicitante: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
            cpf_cnpj_adquirente: fixtures::CPF_COMPRADOR.parse().unwrap(),
        })
        .await
        .unwrap();
    protocolo
        .cpf_cnpj_iniciador
        .as_ref()
        .unwrap()
        .valor()
        .unwrap();
    protocolo
        .cpf_cnpj_comprador
        .as_ref()
        .unwrap()
        .valor()
        .unwrap();
    protocolo.placa.as_ref().unwrap().valor().unwrap();
    protocolo.chassi.as_ref().unwrap().valor().unwrap();
    let criado = c.criar_processo_transferencia(&processo()).await.unwrap();
    assert_eq!(
        criado.numero_protocolo,
        Some(fixtures::NUMERO_PROTOCOLO.into())
    );

    let veiculos = c
        .listar_veiculos_comunicacao_venda(&ConsultaVeiculosComunicacaoVenda {
            cpf_cnpj_proprietario: fixtures::CPF_PROPRIETARIO.parse().unwrap(),
        })
        .await
        .unwrap();
    let v = &veiculos.dados.validos()[0];
    v.placa.as_ref().unwrap().valor().unwrap();
    v.chassi.as_ref().unwrap().valor().unwrap();
    v.renavam.as_ref().unwrap().valor().unwrap();
    v.data_comunicacao_venda.as_ref().unwrap().valor().unwrap();

    let municipios = c.consultar_municipios_mg().await.unwrap();
    assert!(municipios.dados.iter().any(|m| {
        m.codigo().map(|c| c.to_string()).as_deref() == Some(fixtures::CODIGO_MUNICIPIO)
            && m.descricao() == Some("BELO HORIZONTE")
    }));
    for tabela in [
        c.consultar_cores().await.unwrap(),
        c.consultar_tipos_veiculo().await.unwrap(),
        c.consultar_marcas_modelos().await.unwrap(),
    ] {
        assert!(!tabela.dados.validos().is_empty());
        assert!(
            tabela
                .dados
                .iter()
                .all(|i| i.codigo().is_some() && i.descricao().is_some())
        );
    }
}

/// The expected error of a canned error `e` of `op`, checked on `erro`.
fn conferir_erro(op: &Operacao, e: ErroFixture, erro: &Erro) {
    let nome = op.nome();
    let corpo = op.erro(e).corpo_json().cloned();
    let codigo_fixture = |campo: &str| {
        corpo
            .as_ref()
            .and_then(|v| v.get(campo))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    match e {
        ErroFixture::Negocio => {
            assert!(
                matches!(erro, Erro::Negocio { status: 200, .. }),
                "{nome} {e:?}: {erro:?}"
            );
            let codigo = codigo_fixture("codigo_retorno").unwrap();
            assert_ne!(codigo, "000");
            assert_eq!(erro.codigo_retorno(), Some(codigo.as_str()), "{nome}");
            assert_eq!(
                erro.mensagem_usuario().map(str::to_owned),
                codigo_fixture("mensagem_retorno"),
                "{nome}"
            );
        }
        _ if e.do_gateway() => {
            assert!(
                matches!(erro, Erro::Gateway { status, .. } if *status == e.status()),
                "{nome} {e:?}: {erro:?}"
            );
            assert_eq!(
                erro.codigo_gateway().map(str::to_owned),
                codigo_fixture("code"),
                "{nome} {e:?}"
            );
            assert!(erro.mensagem_usuario().is_some(), "{nome} {e:?}");
        }
        ErroFixture::GatewayHtml => match erro {
            Erro::Http {
                status: 502,
                codigo_retorno: None,
                trecho,
                ..
            } => assert!(trecho.as_str().contains("Bad Gateway"), "{nome}"),
            outro => panic!("{nome} {e:?}: {outro:?}"),
        },
        ErroFixture::Indisponivel => assert!(
            matches!(
                erro,
                Erro::Http {
                    status: 503,
                    codigo_retorno: None,
                    ..
                }
            ),
            "{nome} {e:?}: {erro:?}"
        ),
        _ => {
            assert!(
                matches!(erro, Erro::Http { status, .. } if *status == e.status()),
                "{nome} {e:?}: {erro:?}"
            );
            assert_eq!(
                erro.codigo_retorno().map(str::to_owned),
                codigo_fixture("codigo_retorno"),
                "{nome} {e:?}"
            );
            assert!(erro.mensagem_usuario().is_some(), "{nome} {e:?}");
        }
    }
    assert_eq!(erro.status(), Some(e.status()), "{nome} {e:?}: {erro:?}");
    assert_eq!(
        erro.is_retryable(),
        match e {
            // Throttled or unavailable: the request was not processed.
            ErroFixture::LimiteRequisicoes | ErroFixture::Indisponivel => true,
            // A lost gateway answer may be retried for a lookup, never for a POST (D6).
            ErroFixture::GatewayHtml | ErroFixture::TempoEsgotadoGateway => {
                op.endpoint().idempotency == Idempotency::Idempotent
            }
            _ => false,
        },
        "{nome} {e:?}: {erro:?}"
    );
    assert_eq!(
        erro.resultado_incerto(),
        matches!(
            e,
            ErroFixture::ErroServidor
                | ErroFixture::GatewayHtml
                | ErroFixture::TempoEsgotadoGateway
        ) && op.endpoint().idempotency == Idempotency::StateChanging,
        "{nome} {e:?}: {erro:?}"
    );
}

#[tokio::test]
async fn cada_erro_de_cada_operacao() {
    for op in fixtures::todas() {
        for e in ErroFixture::TODOS {
            let servidor = servidor_para(op).await;
            // Retries are off; a 401 on an operation renews the token and resends once (D4), a
            // 401 on gerar-token itself is final.
            let chamadas = if e == ErroFixture::NaoAutenticado && !e_token(op) {
                2
            } else {
                1
            };
            op.erro(e).esperando(chamadas).montar(&servidor).await;
            let erro = chamar(op.nome(), cliente(&servidor))
                .unwrap()
                .await
                .expect_err(op.nome());
            conferir_erro(op, e, &erro);
            servidor.verify().await;
        }
    }
}

#[tokio::test]
async fn http_de_qualquer_status() {
    let op = &fixtures::CONSULTAR_CORES;
    assert_eq!(op.http(201).status(), 201);
    assert_eq!(op.http(201).corpo(), op.sucesso().corpo());
    for e in ErroFixture::TODOS {
        if e != ErroFixture::Negocio {
            assert_eq!(ErroFixture::de_status(e.status()), Some(e));
            assert_eq!(op.http(e.status()).corpo(), op.erro(e).corpo());
        }
    }
    assert_eq!(ErroFixture::de_status(200), None);
    assert_eq!(ErroFixture::de_status(418), None);

    let servidor = servidor_para(op).await;
    op.http(418).montar(&servidor).await;
    let erro = cliente(&servidor).consultar_cores().await.unwrap_err();
    assert!(
        matches!(&erro, Erro::Http { status: 418, codigo_retorno: Some(c), .. } if c == "418"),
        "{erro:?}"
    );

    // The 429 carries Retry-After: with a CET-MG body (not the gateway's) the client reports
    // it in Erro::Http.
    let servidor = servidor_para(op).await;
    op.http(429)
        .com_corpo(
            serde_json::json!({"codigo_retorno": "429", "mensagem_retorno": "Limite excedido"}),
        )
        .montar(&servidor)
        .await;
    let erro = cliente(&servidor).consultar_cores().await.unwrap_err();
    assert!(
        matches!(&erro, Erro::Http { status: 429, retry_after: Some(r), .. } if *r == std::time::Duration::from_secs(1)),
        "{erro:?}"
    );

    // A business refusal with your own code and message.
    let servidor = servidor_para(op).await;
    op.erro_negocio_com("777", "Tabela em manutenção")
        .montar(&servidor)
        .await;
    let erro = cliente(&servidor).consultar_cores().await.unwrap_err();
    assert_eq!(erro.codigo_retorno(), Some("777"));
    assert_eq!(erro.mensagem_usuario(), Some("Tabela em manutenção"));
}

#[tokio::test]
async fn prioridade_maior_vence() {
    let op = &fixtures::CONSULTAR_ULTIMO_LAUDO;
    // An error with a higher priority (smaller number) wins over the default success…
    let servidor = servidor_para(op).await;
    op.sucesso().esperando(0).montar(&servidor).await;
    op.erro_negocio()
        .com_prioridade(1)
        .esperando(1)
        .montar(&servidor)
        .await;
    let erro = cliente(&servidor)
        .consultar_ultimo_laudo(&alvo())
        .await
        .unwrap_err();
    assert_eq!(erro.codigo_retorno(), Some("501"));
    servidor.verify().await;

    // …and the other way round: a success at priority 2 over an error at the default 5.
    let servidor = servidor_para(op).await;
    op.erro(ErroFixture::ErroServidor)
        .esperando(0)
        .montar(&servidor)
        .await;
    op.sucesso()
        .com_prioridade(2)
        .esperando(1)
        .montar(&servidor)
        .await;
    cliente(&servidor)
        .consultar_ultimo_laudo(&alvo())
        .await
        .unwrap();
    servidor.verify().await;

    // Priority 0 is raised to 1 (wiremock refuses 0).
    assert_eq!(op.sucesso().com_prioridade(0).prioridade(), 1);

    // A scoped fixture answers only while its guard lives (all at the default priority: see
    // the wiremock caveat of `montar_com_guarda`).
    let servidor = servidor_para(op).await;
    {
        let _guarda = op.sucesso().esperando(1).montar_com_guarda(&servidor).await;
        cliente(&servidor)
            .consultar_ultimo_laudo(&alvo())
            .await
            .unwrap();
    }
    let erro = cliente(&servidor)
        .consultar_ultimo_laudo(&alvo())
        .await
        .unwrap_err();
    assert_eq!(erro.status(), Some(404), "{erro:?}");
}

#[tokio::test]
async fn base_rota_corpo_status_e_atraso() {
    // A client whose gateway root has a version segment: the fixtures follow with em_base.
    let servidor = MockServer::start().await;
    fixtures::GERAR_TOKEN
        .sucesso()
        .em_base("/1.0.0")
        .montar(&servidor)
        .await;
    fixtures::CONSULTAR_CORES
        .sucesso()
        .em_base("1.0.0/")
        .esperando(1)
        .montar(&servidor)
        .await;
    let c = construtor(&format!("{}/1.0.0/", servidor.uri()))
        .build()
        .unwrap();
    c.consultar_cores().await.unwrap();
    servidor.verify().await;

    // Without em_base the same client finds nothing (wiremock's 404).
    let servidor = MockServer::start().await;
    fixtures::GERAR_TOKEN.sucesso().montar(&servidor).await;
    let c = construtor(&format!("{}/1.0.0/", servidor.uri()))
        .build()
        .unwrap();
    let erro = c.consultar_cores().await.unwrap_err();
    assert_eq!(erro.status(), Some(404), "{erro:?}");

    // A route override (decision D2) and the same override on the fixture.
    let rota = Route::new(HttpMethod::Post, "v2/cores");
    let servidor = MockServer::start().await;
    fixtures::GERAR_TOKEN.sucesso().montar(&servidor).await;
    fixtures::CONSULTAR_CORES
        .sucesso()
        .com_rota(rota.clone())
        .esperando(1)
        .montar(&servidor)
        .await;
    let c = construtor(&servidor.uri())
        .rota("consultar_cores", rota)
        .build()
        .unwrap();
    c.consultar_cores().await.unwrap();
    servidor.verify().await;

    // Another body, status, header and a delay.
    let f = fixtures::CONSULTAR_CORES
        .sucesso()
        .com_corpo(serde_json::json!({"codigo_retorno": "000", "dados": [{"codigo": 99, "descricao": "FANTASIA"}]}))
        .com_status(203)
        .com_cabecalho("X-Teste", "1")
        .com_atraso(Duration::from_millis(150));
    assert!(matches!(f.corpo(), Corpo::Json(_)));
    let servidor = MockServer::start().await;
    fixtures::GERAR_TOKEN.sucesso().montar(&servidor).await;
    f.montar(&servidor).await;
    let inicio = std::time::Instant::now();
    let cores = cliente(&servidor).consultar_cores().await.unwrap();
    assert!(inicio.elapsed() >= Duration::from_millis(150));
    assert_eq!(cores.dados.validos()[0].descricao(), Some("FANTASIA"));
}

#[tokio::test]
async fn simulador_reexportado_e_sobreposto_por_fixture() {
    let simulador = SimuladorCetMg::iniciar().await;
    let c = construtor(&simulador.url())
        .credenciais(
            SecretString::from(CONSUMER_KEY_PADRAO),
            SecretString::from(CONSUMER_SECRET_PADRAO),
        )
        .build()
        .unwrap();
    // The simulator answers…
    let cores = c.consultar_cores().await.unwrap();
    assert!(!cores.dados.validos().is_empty());
    // …until a fixture (default priority 5 < PRIORIDADE_SIMULADOR) overrides that operation.
    let f = fixtures::CONSULTAR_CORES.erro_negocio();
    assert!(f.prioridade() < PRIORIDADE_SIMULADOR);
    f.esperando(1).montar(simulador.servidor()).await;
    let erro = c.consultar_cores().await.unwrap_err();
    assert!(matches!(erro, Erro::Negocio { .. }), "{erro:?}");
    // The other operations stay stateful.
    c.consultar_especies().await.unwrap();
}
