//! Wiremock contract tests of the transfer and inacabado operations (E23–E32,
//! `renave-ws.md` §3.1, §4 "E23–E27"): one table row per operation (request method, path, query
//! and body asserted exactly; a canned success answer decoded and checked), run through every
//! scenario of `suporte_contrato` (success, 400, 401 empty and Spring, 403, 404, 422 with every
//! error field, 500 with `logIdRastreabilidade`, HTML 502, 503 and timeouts never resent for a
//! POST (outcome unknown), malformed body, route override).

mod suporte_contrato;

use renave_domain::{
    Cep, Chassi, ChaveNfe, Cnpj, CodigoMunicipio, Cpf, CpfCnpj, Data, DataHora,
    EstadoAutorizacaoTransferencia, EstadoEstoque, Placa, Renavam, Valor,
};
use renave_http::Idempotency;
use renave_ws_client::helpers::recuperar_autorizacao_por_chassi;
use renave_ws_client::modelos::{
    AutorizacaoTransferencia, Bairro, Comprador, EnderecoComprador, Estoque, IdAutorizacao,
    IdEstoque, Logradouro,
};
use renave_ws_client::operacoes::transferencias::{
    self as op, AutorizacaoTransferenciaEntreEstabelecimentos, AutorizacaoTransferenciaParaIte,
    CancelamentoAutorizacaoTransferencia, EntregaIndicada, FiltroAutorizacoesTransferencias,
    SaidaEstoqueVeiculoInacabado, SolicitacaoCancelamentoSaida,
    SolicitacaoTransferenciaEntreEstabelecimentos, SolicitacaoTransferenciaEntreFiliais,
    TransferenciaEstoqueVindoDeIte, VeiculoTransferenciaEntreFiliais,
};
use serde_json::{Value, json};
use suporte_contrato::{Caso, Futuro};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

// ---------------------------------------------------------------------------------------------
// Sample input (valid by the domain rules: vectors of domain-rules.md)
// ---------------------------------------------------------------------------------------------

const CPF_OPERADOR: &str = "52998224725";
const CNPJ_DESTINO: &str = "11222333000181";
const CNPJ_ALFANUMERICO: &str = "12ABC34501DE35";
const CHASSI: &str = "9BWZZZ377VT004251";
const PLACA: &str = "BRA2E19";
const RENAVAM: &str = "13824652268";
const CHAVE_1: &str = "33150308370779000149550010001100931002410775";
const CHAVE_2: &str = "13181017921427000125650010000000309887251170";
const CHAVE_3: &str = "35240100052998224725550010000001231123456782";

fn cpf() -> Cpf {
    CPF_OPERADOR.parse().expect("valid CPF")
}
fn cnpj(s: &str) -> Cnpj {
    s.parse().expect("valid CNPJ")
}
fn chassi() -> Chassi {
    CHASSI.parse().expect("valid chassi")
}
fn placa() -> Placa {
    PLACA.parse().expect("valid placa")
}
fn renavam() -> Renavam {
    RENAVAM.parse().expect("valid RENAVAM")
}
fn chave(s: &str) -> ChaveNfe {
    s.parse().expect("valid chave NF-e")
}
fn data_hora(s: &str) -> DataHora {
    s.parse().expect("valid date-time")
}
fn data(s: &str) -> Data {
    s.parse().expect("valid date")
}
fn valor(s: &str) -> Valor {
    s.parse().expect("valid amount")
}

fn comprador() -> Comprador {
    Comprador {
        documento: "39053344705".parse::<CpfCnpj>().expect("valid CPF"),
        nome: "MARIA DA SILVA".to_owned(),
        email: "maria@example.com".to_owned(),
        endereco: EnderecoComprador {
            codigo_municipio: "2381"
                .parse::<CodigoMunicipio>()
                .expect("valid municipality"),
            cep: "01310100".parse::<Cep>().expect("valid CEP"),
            logradouro: Logradouro::new("AV PAULISTA").expect("short enough"),
            numero: "1000".to_owned(),
            bairro: Bairro::new("BELA VISTA").expect("short enough"),
            complemento: None,
        },
    }
}

fn comprador_json() -> Value {
    json!({
        "tipoDocumento": "CPF",
        "numeroDocumento": "39053344705",
        "nome": "MARIA DA SILVA",
        "email": "maria@example.com",
        "endereco": {
            "codigoMunicipio": 2381,
            "cep": "01310100",
            "logradouro": "AV PAULISTA",
            "numero": "1000",
            "bairro": "BELA VISTA"
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Canned answers and their checks
// ---------------------------------------------------------------------------------------------

fn autorizacao_json() -> Value {
    json!({
        "id": 501,
        "idEstoque": 9001,
        "chassi": CHASSI,
        "placaVeiculo": PLACA,
        "cnpjEstabelecimentoAutorizador": CNPJ_ALFANUMERICO,
        "cnpjEstabelecimentoDestino": CNPJ_DESTINO,
        "estadoAutorizacaoTransferencia": "CRIADA",
        "cpfOperadorResponsavelAutorizacao": CPF_OPERADOR,
        "dataHoraAutorizacao": "2026-09-28T10:00:00",
        "campoFuturo": {"x": 1}
    })
}

fn conferir_autorizacao(a: &AutorizacaoTransferencia) {
    assert_eq!(a.id, Some(IdAutorizacao(501)));
    assert_eq!(a.id_estoque, Some(IdEstoque(9001)));
    assert_eq!(
        a.estado_autorizacao_transferencia,
        Some(EstadoAutorizacaoTransferencia::Criada)
    );
    assert_eq!(
        a.data_hora_autorizacao,
        Some(data_hora("2026-09-28T10:00:00").into())
    );
    assert_eq!(
        a.extras.get("campoFuturo"),
        Some(&json!({"x": 1})),
        "unknown field kept"
    );
}

fn estoque_json() -> Value {
    json!({
        "id": 9002,
        "estado": "SOLICITADO",
        "chassi": CHASSI,
        "placa": PLACA,
        "renavam": RENAVAM,
        "quilometragemHodometro": 15000,
        "dataHoraMedicaoHodometro": "2026-09-28T09:00:00",
        "entradaEstoque": {"numeroTermoEntradaEstoque": 123_456, "cpfOperadorResponsavel": CPF_OPERADOR},
        "estoqueEmIte": false
    })
}

fn conferir_estoque(e: &Estoque) {
    assert_eq!(e.id, Some(IdEstoque(9002)));
    assert_eq!(e.estado, Some(EstadoEstoque::Solicitado));
    assert_eq!(e.chassi_valido(), Some(&chassi()));
    assert_eq!(e.quilometragem_hodometro, Some(15000.into()));
    assert_eq!(
        e.extras.get("estoqueEmIte"),
        Some(&json!(false)),
        "unknown field kept"
    );
}

fn estoque_cancelado_json() -> Value {
    json!({
        "id": 9001,
        "estado": "CONFIRMADO",
        "chassi": CHASSI,
        "saidaEstoque": {
            "motivo": "VENDA",
            "cancelamentoSaidaEstoque": {
                "dataHoraCancelamentoSaidaEstoque": "2026-09-29T11:00:00",
                "idEstoqueGeradoNoCancelamentoSaida": 9003
            }
        }
    })
}

// ---------------------------------------------------------------------------------------------
// The table: one row per operation
// ---------------------------------------------------------------------------------------------

fn casos() -> Vec<Caso> {
    vec![
        // E23
        Caso {
            operacao: "consultar_autorizacoes_transferencias",
            metodo: "GET",
            caminho: "/api/autorizacoes-transferencias",
            query: vec![
                ("chassi", CHASSI),
                ("estadoAutorizacao", "CRIADA"),
                ("placa", PLACA),
            ],
            corpo: None,
            status_sucesso: 200,
            resposta: json!([autorizacao_json(), {"id": 502, "estadoAutorizacaoTransferencia": "NOVO_ESTADO"}]),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let filtro = FiltroAutorizacoesTransferencias {
                        chassi: Some(chassi()),
                        estado_autorizacao: Some(EstadoAutorizacaoTransferencia::Criada),
                        placa: Some(placa()),
                    };
                    let lista = c.consultar_autorizacoes_transferencias(&filtro).await?;
                    assert_eq!(lista.validos().len(), 2);
                    conferir_autorizacao(&lista.validos()[0]);
                    assert_eq!(
                        lista.validos()[1]
                            .estado_autorizacao_transferencia
                            .as_ref()
                            .map(EstadoAutorizacaoTransferencia::as_str),
                        Some("NOVO_ESTADO"),
                        "unknown state kept"
                    );
                    Ok(())
                })
            },
        },
        // E24
        Caso {
            operacao: "autorizar_transferencia_entre_estabelecimentos",
            metodo: "POST",
            caminho: "/api/autorizacoes-transferencias",
            query: vec![],
            corpo: Some(json!({
                "cnpjEstabelecimentoDestino": CNPJ_DESTINO,
                "cpfOperadorResponsavel": CPF_OPERADOR,
                "emailEstabelecimentoOrigem": "loja@example.com",
                "placaVeiculo": PLACA,
                "valorVenda": 45000.99
            })),
            status_sucesso: 201,
            resposta: autorizacao_json(),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let a = c
                        .autorizar_transferencia_entre_estabelecimentos(
                            &AutorizacaoTransferenciaEntreEstabelecimentos {
                                cnpj_estabelecimento_destino: cnpj(CNPJ_DESTINO),
                                cpf_operador_responsavel: cpf(),
                                email_estabelecimento_origem: "loja@example.com".to_owned(),
                                placa_veiculo: placa(),
                                valor_venda: valor("45000.99"),
                            },
                        )
                        .await?;
                    conferir_autorizacao(&a);
                    Ok(())
                })
            },
        },
        // E25
        Caso {
            operacao: "cancelar_autorizacao_transferencia",
            metodo: "POST",
            caminho: "/api/cancelamentos-autorizacoes-transferencias",
            query: vec![],
            corpo: Some(json!({"cpfOperadorResponsavel": CPF_OPERADOR, "idAutorizacao": 501})),
            status_sucesso: 200,
            resposta: autorizacao_json(),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let a = c
                        .cancelar_autorizacao_transferencia(&CancelamentoAutorizacaoTransferencia {
                            cpf_operador_responsavel: cpf(),
                            id_autorizacao: IdAutorizacao(501),
                        })
                        .await?;
                    conferir_autorizacao(&a);
                    Ok(())
                })
            },
        },
        // E26
        Caso {
            operacao: "solicitar_transferencia_entre_estabelecimentos",
            metodo: "POST",
            caminho: "/api/solicitacoes-transferencia-entre-estabelecimentos",
            query: vec![],
            corpo: Some(json!({
                "idAutorizacao": 501,
                "cpfOperadorResponsavel": CPF_OPERADOR,
                "dataTransferenciaEstoque": "2026-09-28T10:30:00",
                "dataHoraMedicaoHodometro": "2026-09-28T09:00:00",
                "quilometragemHodometro": 15000,
                "valorCompra": 44000.5
            })),
            status_sucesso: 201,
            resposta: estoque_json(),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .solicitar_transferencia_entre_estabelecimentos(
                            &SolicitacaoTransferenciaEntreEstabelecimentos {
                                id_autorizacao: IdAutorizacao(501),
                                cpf_operador_responsavel: cpf(),
                                data_transferencia_estoque: data_hora("2026-09-28T10:30:00"),
                                data_hora_medicao_hodometro: data_hora("2026-09-28T09:00:00"),
                                quilometragem_hodometro: 15000,
                                valor_compra: Some(valor("44000.50")),
                            },
                        )
                        .await?;
                    conferir_estoque(&e);
                    Ok(())
                })
            },
        },
        // E27
        Caso {
            operacao: "solicitar_transferencia_entre_filiais",
            metodo: "POST",
            caminho: "/api/solicitacoes-transferencia-entre-filiais",
            query: vec![],
            corpo: Some(json!({
                "cnpjEstabelecimentoOrigemTransferencia": CNPJ_ALFANUMERICO,
                "cpfOperadorResponsavel": CPF_OPERADOR,
                "dataTransferenciaEstoque": "2026-09-28T10:30:00",
                "emailEstabelecimentoSolicitante": "filial@example.com",
                "veiculo": {
                    "dataHoraMedicaoHodometro": "2026-09-28T09:00:00",
                    "placa": PLACA,
                    "quilometragemHodometro": 15000,
                    "renavam": RENAVAM
                }
            })),
            status_sucesso: 201,
            resposta: estoque_json(),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .solicitar_transferencia_entre_filiais(
                            &SolicitacaoTransferenciaEntreFiliais {
                                cnpj_estabelecimento_origem_transferencia: cnpj(CNPJ_ALFANUMERICO),
                                cpf_operador_responsavel: cpf(),
                                data_transferencia_estoque: data_hora("2026-09-28T10:30:00"),
                                email_estabelecimento_solicitante: "filial@example.com".to_owned(),
                                veiculo: VeiculoTransferenciaEntreFiliais {
                                    data_hora_medicao_hodometro: data_hora("2026-09-28T09:00:00"),
                                    placa: placa(),
                                    quilometragem_hodometro: 15000,
                                    renavam: renavam(),
                                },
                            },
                        )
                        .await?;
                    conferir_estoque(&e);
                    Ok(())
                })
            },
        },
        // E28
        Caso {
            operacao: "transferir_estoque_vindo_de_ite",
            metodo: "POST",
            caminho: "/api/transferencias-estoque-vindo-de-ite",
            query: vec![],
            corpo: Some(json!({
                "chaveNotaFiscalProduto": CHAVE_1,
                "chaveNotaFiscalRemessa": CHAVE_2,
                "chaveNotaFiscalServico": CHAVE_3,
                "cpfOperadorResponsavel": CPF_OPERADOR,
                "dataHoraMedicaoHodometro": "2026-09-28T09:00:00",
                "dataTransferenciaEstoque": "2026-09-28T10:30:00",
                "idAutorizacao": 777,
                "quilometragemHodometro": 12,
                "valorProduto": 150_000.25
            })),
            status_sucesso: 201,
            resposta: estoque_json(),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .transferir_estoque_vindo_de_ite(&TransferenciaEstoqueVindoDeIte {
                            chave_nota_fiscal_produto: chave(CHAVE_1),
                            chave_nota_fiscal_remessa: Some(chave(CHAVE_2)),
                            chave_nota_fiscal_servico: Some(chave(CHAVE_3)),
                            cpf_operador_responsavel: cpf(),
                            data_hora_medicao_hodometro: data_hora("2026-09-28T09:00:00"),
                            data_transferencia_estoque: data_hora("2026-09-28T10:30:00"),
                            id_autorizacao: IdAutorizacao(777),
                            quilometragem_hodometro: 12,
                            valor_produto: valor("150000.25"),
                        })
                        .await?;
                    conferir_estoque(&e);
                    Ok(())
                })
            },
        },
        // E29
        Caso {
            operacao: "autorizar_transferencia_para_ite",
            metodo: "POST",
            caminho: "/api/autorizacoes-transferencias-para-ite",
            query: vec![],
            corpo: Some(json!({
                "chaveNotaFiscalProdutoSaida": CHAVE_1,
                "cnpjIteDestino": CNPJ_DESTINO,
                "cpfOperadorResponsavel": CPF_OPERADOR,
                "idEstoqueOrigem": 9001,
                "tipoBeneficioTributario": "NENHUM"
            })),
            status_sucesso: 201,
            resposta: autorizacao_json(),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let a = c
                        .autorizar_transferencia_para_ite(&AutorizacaoTransferenciaParaIte {
                            chave_nota_fiscal_produto_saida: chave(CHAVE_1),
                            cnpj_ite_destino: cnpj(CNPJ_DESTINO),
                            cpf_operador_responsavel: cpf(),
                            id_estoque_origem: IdEstoque(9001),
                            tipo_beneficio_tributario: Some("NENHUM".to_owned()),
                        })
                        .await?;
                    conferir_autorizacao(&a);
                    Ok(())
                })
            },
        },
        // E30
        Caso {
            operacao: "cancelar_autorizacao_transferencia_para_ite",
            metodo: "POST",
            caminho: "/api/cancelamentos-autorizacoes-transferencias-para-ite",
            query: vec![],
            corpo: Some(json!({"cpfOperadorResponsavel": CPF_OPERADOR, "idAutorizacao": 501})),
            status_sucesso: 200,
            resposta: autorizacao_json(),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let a = c
                        .cancelar_autorizacao_transferencia_para_ite(
                            &CancelamentoAutorizacaoTransferencia {
                                cpf_operador_responsavel: cpf(),
                                id_autorizacao: IdAutorizacao(501),
                            },
                        )
                        .await?;
                    conferir_autorizacao(&a);
                    Ok(())
                })
            },
        },
        // E31
        Caso {
            operacao: "registrar_saida_estoque_veiculo_inacabado",
            metodo: "POST",
            caminho: "/api/saidas-estoque-veiculo-inacabado",
            query: vec![],
            corpo: Some(json!({
                "idEstoque": 9001,
                "chaveNotaFiscal": CHAVE_1,
                "comprador": comprador_json(),
                "cpfOperadorResponsavel": CPF_OPERADOR,
                "dataVenda": "2026-09-28T15:00:00",
                "emailEstabelecimento": "loja@example.com",
                "valorVenda": 98000.1,
                "leasingVeiculoInacabado": false,
                "entregaIndicada": {
                    "cnpjConcessionariaEntregadora": CNPJ_DESTINO,
                    "cnpjConcessionariaVendedora": CNPJ_ALFANUMERICO
                }
            })),
            status_sucesso: 201,
            resposta: estoque_json(),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .registrar_saida_estoque_veiculo_inacabado(&saida_inacabado())
                        .await?;
                    conferir_estoque(&e);
                    Ok(())
                })
            },
        },
        // E32
        Caso {
            operacao: "cancelar_saida_estoque_veiculo_inacabado",
            metodo: "POST",
            caminho: "/api/cancelamentos-saidas-estoque-veiculo-inacabado",
            query: vec![],
            corpo: Some(json!({
                "cpfOperadorResponsavel": CPF_OPERADOR,
                "dataCancelamentoSaidaEstoque": "2026-09-29",
                "idEstoque": 9001
            })),
            status_sucesso: 201,
            resposta: estoque_cancelado_json(),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .cancelar_saida_estoque_veiculo_inacabado(&SolicitacaoCancelamentoSaida {
                            cpf_operador_responsavel: cpf(),
                            data_cancelamento_saida_estoque: data("2026-09-29"),
                            id_estoque: IdEstoque(9001),
                        })
                        .await?;
                    assert_eq!(e.id, Some(IdEstoque(9001)));
                    assert_eq!(
                        e.id_estoque_gerado_no_cancelamento_saida(),
                        Some(IdEstoque(9003)),
                        "the new stock id of the cancelled saída"
                    );
                    Ok(())
                })
            },
        },
    ]
}

fn saida_inacabado() -> SaidaEstoqueVeiculoInacabado {
    SaidaEstoqueVeiculoInacabado {
        id_estoque: IdEstoque(9001),
        chave_nota_fiscal: chave(CHAVE_1),
        comprador: comprador(),
        cpf_operador_responsavel: cpf(),
        data_venda: data_hora("2026-09-28T15:00:00"),
        email_estabelecimento: "loja@example.com".to_owned(),
        valor_venda: valor("98000.10"),
        leasing_veiculo_inacabado: Some(false),
        entrega_indicada: Some(EntregaIndicada {
            cnpj_concessionaria_entregadora: cnpj(CNPJ_DESTINO),
            cnpj_concessionaria_vendedora: cnpj(CNPJ_ALFANUMERICO),
        }),
        tipo_beneficio_tributario: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Scenarios over the whole table
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn tabela_cobre_e23_a_e32() {
    let nomes: Vec<&str> = casos().iter().map(|c| c.operacao).collect();
    let endpoints = [
        &op::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS,
        &op::AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS,
        &op::CANCELAR_AUTORIZACAO_TRANSFERENCIA,
        &op::SOLICITAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS,
        &op::SOLICITAR_TRANSFERENCIA_ENTRE_FILIAIS,
        &op::TRANSFERIR_ESTOQUE_VINDO_DE_ITE,
        &op::AUTORIZAR_TRANSFERENCIA_PARA_ITE,
        &op::CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE,
        &op::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO,
        &op::CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO,
    ];
    assert_eq!(nomes.len(), 10, "E23–E32 are ten operations");
    for (caso, endpoint) in casos().iter().zip(endpoints) {
        assert_eq!(caso.operacao, endpoint.name);
        assert_eq!(caso.metodo, endpoint.route.method().as_str());
        assert_eq!(caso.caminho, format!("/{}", endpoint.route.template()));
        let esperada = if caso.metodo == "GET" {
            Idempotency::Idempotent
        } else {
            Idempotency::StateChanging
        };
        assert_eq!(endpoint.idempotency, esperada, "{}: D6", endpoint.name);
    }
}

suporte_contrato::cenarios_de_contrato!(casos);

// ---------------------------------------------------------------------------------------------
// Operation-specific details
// ---------------------------------------------------------------------------------------------

/// E23 without filters sends no query at all (every authorization of the establishment).
#[tokio::test]
async fn e23_sem_filtros_nao_envia_query() {
    let servidor = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/autorizacoes-transferencias"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .expect(1)
        .mount(&servidor)
        .await;
    let c = suporte_contrato::cliente(&servidor);
    let lista = c
        .consultar_autorizacoes_transferencias(&FiltroAutorizacoesTransferencias::default())
        .await
        .expect("empty list");
    assert!(lista.validos().is_empty());
    let recebidas = servidor.received_requests().await.expect("recording on");
    assert_eq!(recebidas.len(), 1);
    assert_eq!(recebidas[0].url.query(), None);
}

/// The §7.6 recovery lookup: a filter by chassis only (its query is its `Serialize` form).
#[test]
fn e23_filtro_por_chassi() {
    let f = FiltroAutorizacoesTransferencias::por_chassi(chassi());
    assert_eq!(
        renave_http::pares(&f).expect("scalar fields"),
        vec![("chassi".to_owned(), CHASSI.to_owned())]
    );
}

/// Optional fields left out are not sent (`skip_serializing_if`), and nothing else appears.
#[test]
fn e31_campos_opcionais_ausentes_nao_sao_enviados() {
    let mut saida = saida_inacabado();
    saida.leasing_veiculo_inacabado = None;
    saida.entrega_indicada = None;
    let v = serde_json::to_value(&saida).expect("serialises");
    let chaves: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut chaves = chaves;
    chaves.sort_unstable();
    assert_eq!(
        chaves,
        vec![
            "chaveNotaFiscal",
            "comprador",
            "cpfOperadorResponsavel",
            "dataVenda",
            "emailEstabelecimento",
            "idEstoque",
            "valorVenda"
        ]
    );
}

/// Date-times go out naive (Brasília local), never with `Z` or an offset (decision D5).
#[test]
fn datas_sem_fuso() {
    let s = SolicitacaoCancelamentoSaida {
        cpf_operador_responsavel: cpf(),
        data_cancelamento_saida_estoque: data("2026-09-29"),
        id_estoque: IdEstoque(1),
    };
    let texto = serde_json::to_string(&s).expect("serialises");
    assert!(
        texto.contains(r#""dataCancelamentoSaidaEstoque":"2026-09-29""#),
        "{texto}"
    );
    let t = serde_json::to_string(&saida_inacabado()).expect("serialises");
    assert!(t.contains(r#""dataVenda":"2026-09-28T15:00:00""#), "{t}");
}

/// Every request type publishes a JSON Schema with its wire names.
#[test]
fn esquemas_json_com_nomes_de_fio() {
    let esquema = schemars::schema_for!(AutorizacaoTransferenciaEntreEstabelecimentos);
    let texto = serde_json::to_string(&esquema).expect("schema serialises");
    for campo in [
        "cnpjEstabelecimentoDestino",
        "cpfOperadorResponsavel",
        "emailEstabelecimentoOrigem",
        "placaVeiculo",
        "valorVenda",
    ] {
        assert!(texto.contains(campo), "{campo} missing from the schema");
    }
    let esquema = schemars::schema_for!(SaidaEstoqueVeiculoInacabado);
    let texto = serde_json::to_string(&esquema).expect("schema serialises");
    assert!(texto.contains("leasingVeiculoInacabado") && texto.contains("entregaIndicada"));
}

// ---------------------------------------------------------------------------------------------
// Invalid input is refused before anything is sent
// ---------------------------------------------------------------------------------------------

fn autorizacao_com_email(email: &str) -> AutorizacaoTransferenciaEntreEstabelecimentos {
    AutorizacaoTransferenciaEntreEstabelecimentos {
        cnpj_estabelecimento_destino: cnpj(CNPJ_DESTINO),
        cpf_operador_responsavel: cpf(),
        email_estabelecimento_origem: email.to_owned(),
        placa_veiculo: placa(),
        valor_venda: valor("1.00"),
    }
}

#[test]
fn emails_validos_e_invalidos() {
    for bom in [
        "a@b.co",
        "loja.filial+renave@example.com.br",
        "X_Y@sub.dominio.gov.br",
    ] {
        assert!(
            autorizacao_com_email(bom).validar().is_ok(),
            "{bom} is an e-mail"
        );
    }
    for ruim in [
        "",
        " a@b.co",
        "a@b.co ",
        "a b@c.com",
        "ab.com",
        "@b.com",
        "a@b",
        "a@.com",
        "a@com.",
        "a@b@c.com",
        "a@b.c\n",
    ] {
        let e = autorizacao_com_email(ruim)
            .validar()
            .expect_err("not an e-mail address");
        match &e {
            renave_ws_client::Erro::EntradaInvalida {
                campo, operacao, ..
            } => {
                assert_eq!(campo, "emailEstabelecimentoOrigem", "{ruim:?}");
                assert_eq!(operacao, "autorizar_transferencia_entre_estabelecimentos");
            }
            outro => panic!("{ruim:?}: expected EntradaInvalida, got {outro:?}"),
        }
        assert!(!e.is_retryable() && e.status().is_none());
    }
}

/// A bad e-mail (E24) or a buyer without a name (E31) never reaches the server.
#[tokio::test]
async fn entrada_invalida_nao_e_enviada() {
    let servidor = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(201).set_body_raw("{}", "application/json"))
        .expect(0)
        .mount(&servidor)
        .await;
    let c = suporte_contrato::cliente(&servidor);

    let e = c
        .autorizar_transferencia_entre_estabelecimentos(&autorizacao_com_email("loja"))
        .await
        .expect_err("invalid e-mail");
    assert!(e.to_string().contains("emailEstabelecimentoOrigem"), "{e}");

    let mut saida = saida_inacabado();
    saida.comprador.nome = "   ".to_owned();
    let e = c
        .registrar_saida_estoque_veiculo_inacabado(&saida)
        .await
        .expect_err("blank buyer name");
    assert!(e.to_string().contains("comprador.nome"), "{e}");

    let mut saida = saida_inacabado();
    saida.comprador.email = "sem-arroba".to_owned();
    let e = c
        .registrar_saida_estoque_veiculo_inacabado(&saida)
        .await
        .expect_err("invalid buyer e-mail");
    assert!(e.to_string().contains("comprador.email"), "{e}");

    let e = c
        .autorizar_transferencia_para_ite(&AutorizacaoTransferenciaParaIte {
            chave_nota_fiscal_produto_saida: chave(CHAVE_1),
            cnpj_ite_destino: cnpj(CNPJ_DESTINO),
            cpf_operador_responsavel: cpf(),
            id_estoque_origem: IdEstoque(1),
            tipo_beneficio_tributario: Some(String::new()),
        })
        .await
        .expect_err("blank raw code");
    assert!(e.to_string().contains("tipoBeneficioTributario"), "{e}");

    assert!(
        servidor
            .received_requests()
            .await
            .expect("recording on")
            .is_empty(),
        "nothing may be sent"
    );
}

/// `Debug` of a request shows no full CPF (LGPD): neither the operator's nor the buyer's.
#[test]
fn debug_sem_cpf_completo() {
    let texto = format!(
        "{:?} {:?} {:?}",
        autorizacao_com_email("loja@example.com"),
        saida_inacabado(),
        SolicitacaoCancelamentoSaida {
            cpf_operador_responsavel: cpf(),
            data_cancelamento_saida_estoque: data("2026-09-29"),
            id_estoque: IdEstoque(1),
        }
    );
    assert!(!texto.contains(CPF_OPERADOR), "{texto}");
    assert!(!texto.contains("39053344705"), "{texto}");
    assert!(texto.contains("Cpf("), "the CPF is shown masked: {texto}");
}

/// §7.6 recovery of a lost Z6/E24 answer: E23 by chassis and `CRIADA`, the open authorization
/// of that chassis with the highest id (other chassis or states ignored), through the one
/// recovery helper (`helpers::recuperar_autorizacao_por_chassi`).
#[tokio::test]
async fn recupera_autorizacao_por_chassi() {
    let servidor = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/autorizacoes-transferencias"))
        .and(wiremock::matchers::query_param("chassi", CHASSI))
        .and(wiremock::matchers::query_param("estadoAutorizacao", "CRIADA"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(
                json!([
                    {"id": 10, "chassi": CHASSI, "estadoAutorizacaoTransferencia": "CRIADA"},
                    {"id": 20, "chassi": CHASSI, "estadoAutorizacaoTransferencia": "CONSUMIDA"},
                    {"id": 15, "chassi": "9BGKL48U0JB118848", "estadoAutorizacaoTransferencia": "CRIADA"},
                    {"id": 12, "chassi": CHASSI, "estadoAutorizacaoTransferencia": "CRIADA"}
                ])
                .to_string(),
                "application/json",
            ),
        )
        .expect(1)
        .mount(&servidor)
        .await;
    let c = suporte_contrato::cliente(&servidor);
    let a = recuperar_autorizacao_por_chassi(&c, &chassi())
        .await
        .expect("E23 answers")
        .expect("an open authorization");
    assert_eq!(a.id, Some(IdAutorizacao(12)));
}

#[tokio::test]
async fn recupera_autorizacao_por_chassi_sem_nenhuma() {
    let servidor = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/autorizacoes-transferencias"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .expect(1)
        .mount(&servidor)
        .await;
    let c = suporte_contrato::cliente(&servidor);
    let r = recuperar_autorizacao_por_chassi(&c, &chassi())
        .await
        .expect("E23 answers");
    assert!(r.is_none());
}
