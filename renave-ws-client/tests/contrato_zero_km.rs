//! Wiremock contract tests of the zero km operations (Z1–Z16, `renave-ws.md` §3.2, §4 "Zero km
//! details"): one table row per operation (request method, path, query and body asserted
//! exactly; a canned success answer decoded and checked), run through every scenario of
//! `suporte_contrato` (success, 400, 401 empty and Spring, 403, 404, 422 with every error field,
//! 500 with `logIdRastreabilidade`, HTML 502, 503 and timeouts never resent for a POST (outcome
//! unknown), malformed body, route override).

mod suporte_contrato;

use renave_domain::{
    Cep, Chassi, ChaveNfe, Cnpj, CodigoMunicipio, Cpf, CpfCnpj, Data, DataHora,
    EstadoAutorizacaoTransferencia, EstadoEstoque, MotivoDevolucaoMontadora, MotivoRejeicao, Valor,
};
use renave_http::Idempotency;
use renave_ws_client::modelos::{
    AutorizacaoTransferencia, Bairro, Comprador, EnderecoComprador, Entrega, Estoque,
    IdAutorizacao, IdEntrega, IdEstoque, Logradouro, Recebido,
};
use renave_ws_client::operacoes::transferencias::{
    CancelamentoAutorizacaoTransferencia, EntregaIndicada, SaidaEstoqueVeiculoInacabado,
    SolicitacaoCancelamentoSaida,
};
use renave_ws_client::operacoes::zero_km::{
    self as op, AutorizacaoTransferenciaVeiculoZeroKm, CancelamentoEntradaEstoqueZeroKm,
    CancelamentoRejeicaoVeiculoZeroKm, DevolucaoMontadoraVeiculoZeroKm, EntradaEstoqueZeroKm,
    FiltroEntregasVeiculoZeroKm, OperacaoEntregaVeiculoZeroKm, RejeicaoVeiculoZeroKm,
    SaidaEstoqueVeiculoInacabadoRenovar, SaidaEstoqueVeiculoZeroKm,
    SaidaEstoqueVeiculoZeroKmRenovar, TransferenciaVeiculoZeroKm, VeiculoZeroKmPendente,
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
const CNPJ_MONTADORA: &str = "33000167000101";
const CNPJ_ALFANUMERICO: &str = "12ABC34501DE35";
const CHASSI: &str = "9BGKL48U0JB118848";
const CHAVE_1: &str = "33150308370779000149550010001100931002410775";
const CHAVE_2: &str = "35260812ABC34501DE35550010000000011000000018";

fn cpf() -> Cpf {
    CPF_OPERADOR.parse().expect("valid CPF")
}
fn cnpj(s: &str) -> Cnpj {
    s.parse().expect("valid CNPJ")
}
fn chassi() -> Chassi {
    CHASSI.parse().expect("valid chassi")
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
        documento: "11444777000161".parse::<CpfCnpj>().expect("valid CNPJ"),
        nome: "TRANSPORTES EXEMPLO LTDA".to_owned(),
        email: "compras@example.com".to_owned(),
        endereco: EnderecoComprador {
            codigo_municipio: "2517"
                .parse::<CodigoMunicipio>()
                .expect("valid municipality"),
            cep: "90010000".parse::<Cep>().expect("valid CEP"),
            logradouro: Logradouro::new("RUA DOS ANDRADAS").expect("short enough"),
            numero: "55".to_owned(),
            bairro: Bairro::new("CENTRO").expect("short enough"),
            complemento: Some("SALA 2".to_owned()),
        },
    }
}

fn comprador_json() -> Value {
    json!({
        "tipoDocumento": "CNPJ",
        "numeroDocumento": "11444777000161",
        "nome": "TRANSPORTES EXEMPLO LTDA",
        "email": "compras@example.com",
        "endereco": {
            "codigoMunicipio": 2517,
            "cep": "90010000",
            "logradouro": "RUA DOS ANDRADAS",
            "numero": "55",
            "bairro": "CENTRO",
            "complemento": "SALA 2"
        }
    })
}

fn saida_zero_km() -> SaidaEstoqueVeiculoZeroKm {
    SaidaEstoqueVeiculoZeroKm {
        id_estoque: IdEstoque(7001),
        chave_nota_fiscal: chave(CHAVE_2),
        data_venda: data_hora("2026-09-30T16:45:00"),
        valor_venda: valor("129990.90"),
        cpf_operador_responsavel: cpf(),
        email_estabelecimento: "vendas@example.com".to_owned(),
        comprador: comprador(),
    }
}

fn saida_zero_km_json() -> Value {
    json!({
        "idEstoque": 7001,
        "chaveNotaFiscal": CHAVE_2,
        "dataVenda": "2026-09-30T16:45:00",
        "valorVenda": 129_990.9,
        "cpfOperadorResponsavel": CPF_OPERADOR,
        "emailEstabelecimento": "vendas@example.com",
        "comprador": comprador_json()
    })
}

fn saida_inacabado() -> SaidaEstoqueVeiculoInacabado {
    SaidaEstoqueVeiculoInacabado {
        id_estoque: IdEstoque(7001),
        chave_nota_fiscal: chave(CHAVE_2),
        comprador: comprador(),
        cpf_operador_responsavel: cpf(),
        data_venda: data_hora("2026-09-30T16:45:00"),
        email_estabelecimento: "vendas@example.com".to_owned(),
        valor_venda: valor("80000.01"),
        leasing_veiculo_inacabado: Some(true),
        entrega_indicada: None,
        tipo_beneficio_tributario: Some("RENOVAR".to_owned()),
    }
}

// ---------------------------------------------------------------------------------------------
// Canned answers and their checks
// ---------------------------------------------------------------------------------------------

fn estoque_json() -> Value {
    json!({
        "id": 7001,
        "estado": "CONFIRMADO",
        "chassi": CHASSI,
        "placa": null,
        "renavam": "00000000000",
        "quilometragemHodometro": 0,
        "dataHoraMedicaoHodometro": "2022-03-28T08:59:19.35637",
        "restricoesVeiculo": [{"codigoTipoRestricao": "86", "tipoRestricao": "ESTOQUE_RENAVE_DE_VEICULO_ZERO"}],
        "entradaEstoque": {"numeroTermoEntradaEstoque": 4242},
        "leasingVeiculoInacabado": null
    })
}

fn conferir_estoque(e: &Estoque) {
    assert_eq!(e.id, Some(IdEstoque(7001)));
    assert_eq!(e.estado, Some(EstadoEstoque::Confirmado));
    assert_eq!(e.chassi_valido(), Some(&chassi()));
    assert_eq!(
        e.renavam.as_ref().map(Recebido::as_str),
        Some("00000000000"),
        "an odd 0 km RENAVAM is kept raw, not an error"
    );
    assert_eq!(
        e.data_hora_medicao_hodometro,
        Some(data_hora("2022-03-28T08:59:19").into()),
        "fractional seconds accepted"
    );
    assert!(
        e.extras.contains_key("leasingVeiculoInacabado"),
        "unknown field kept"
    );
}

fn estoque_cancelado_json() -> Value {
    json!({
        "id": 7001,
        "estado": "CONFIRMADO",
        "chassi": CHASSI,
        "saidaEstoque": {
            "motivo": "VENDA",
            "cancelamentoSaidaEstoque": {
                "dataHoraCancelamentoSaidaEstoque": "2026-10-01T09:00:00",
                "idEstoqueGeradoNoCancelamentoSaida": 7002
            }
        }
    })
}

fn autorizacao_json() -> Value {
    json!({
        "id": 880,
        "idEstoque": 7001,
        "chassi": CHASSI,
        "cnpjEstabelecimentoDestino": CNPJ_DESTINO,
        "estadoAutorizacaoTransferencia": "CRIADA",
        "estoqueOrigemDeVeiculoZeroKm": true,
        "dataHoraAutorizacao": "2026-09-28T10:00:00"
    })
}

fn conferir_autorizacao(a: &AutorizacaoTransferencia) {
    assert_eq!(a.id, Some(IdAutorizacao(880)));
    assert_eq!(a.id_estoque, Some(IdEstoque(7001)));
    assert_eq!(
        a.estado_autorizacao_transferencia,
        Some(EstadoAutorizacaoTransferencia::Criada)
    );
    assert_eq!(a.estoque_origem_de_veiculo_zero_km, Some(true.into()));
}

fn entrega_json() -> Value {
    json!({
        "id": 31,
        "chassi": CHASSI,
        "estado": "REALIZADA",
        "idAtpv": 77,
        "cnpjEstabelecimentoEntregador": CNPJ_DESTINO,
        "cnpjEstabelecimentoVendedor": CNPJ_ALFANUMERICO,
        "realizacaoEntrega": {"cpfResponsavel": CPF_OPERADOR, "dataHoraRegistro": "2026-09-30T17:00:00"},
        "campoNovo": "mantido"
    })
}

fn conferir_entrega(e: &Entrega) {
    assert_eq!(e.id, Some(IdEntrega(31)));
    assert_eq!(e.estado.as_deref(), Some("REALIZADA"));
    assert_eq!(
        e.realizacao_entrega
            .as_ref()
            .and_then(|r| r.data_hora_registro.clone()),
        Some(data_hora("2026-09-30T17:00:00").into())
    );
    assert_eq!(e.extras.get("campoNovo"), Some(&json!("mantido")));
}

fn entrega_cancelada_json() -> Value {
    json!({
        "id": 31,
        "chassi": CHASSI,
        "estado": "CANCELADA",
        "idEntregaGeradaNoCancelamentoEntrega": 32,
        "cancelamentoEntrega": {
            "cpfResponsavel": CPF_OPERADOR,
            "dataHoraRegistro": "2026-10-01T08:00:00",
            "motivo": "DESISTENCIA"
        }
    })
}

fn post(
    operacao: &'static str,
    caminho: &'static str,
    corpo: Value,
    status_sucesso: u16,
    resposta: Value,
    chamar: fn(renave_ws_client::ClienteRenaveWs) -> Futuro,
) -> Caso {
    Caso {
        operacao,
        metodo: "POST",
        caminho,
        query: vec![],
        corpo: Some(corpo),
        status_sucesso,
        resposta,
        chamar,
    }
}

// ---------------------------------------------------------------------------------------------
// The table: one row per operation
// ---------------------------------------------------------------------------------------------

fn casos() -> Vec<Caso> {
    vec![
        // Z1
        Caso {
            operacao: "consultar_veiculos_zero_km_pendentes_entrada_estoque",
            metodo: "GET",
            caminho: "/api/veiculos-zero-km-pendentes-entrada-estoque",
            query: vec![("chassi", CHASSI)],
            corpo: None,
            status_sucesso: 200,
            resposta: json!([
                {"chassi": CHASSI, "dataHoraCadastro": "2026-09-01T08:00:00", "veiculoAcabado": true, "lote": 3},
                {"chassi": "CHASSI-INVALIDO-!!", "dataHoraCadastro": "2026-09-02T08:00:00"}
            ]),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let lista = c
                        .consultar_veiculos_zero_km_pendentes_entrada_estoque(Some(&chassi()))
                        .await?;
                    assert_eq!(lista.validos().len(), 2);
                    let p: &VeiculoZeroKmPendente = &lista.validos()[0];
                    assert_eq!(p.chassi_valido(), Some(&chassi()));
                    assert_eq!(p.data_hora_cadastro, Some(data_hora("2026-09-01T08:00:00")));
                    assert_eq!(p.veiculo_acabado, Some(true));
                    assert_eq!(p.extras.get("lote"), Some(&json!(3)));
                    assert!(
                        lista.validos()[1].chassi_valido().is_none(),
                        "odd chassis kept raw"
                    );
                    assert_eq!(
                        lista.validos()[1].chassi.as_ref().map(Recebido::as_str),
                        Some("CHASSI-INVALIDO-!!")
                    );
                    Ok(())
                })
            },
        },
        // Z2
        post(
            "registrar_entrada_estoque_zero_km",
            "/api/entradas-estoque-zero-km",
            json!({
                "chassi": CHASSI,
                "chaveNotaFiscal": CHAVE_1,
                "valorCompra": 89_990.45,
                "dataEntradaEstoque": "2026-09-02T10:00:00",
                "dataHoraMedicaoHodometro": "2026-09-02T09:30:00",
                "quilometragemHodometro": 0,
                "cpfOperadorResponsavel": CPF_OPERADOR
            }),
            201,
            estoque_json(),
            |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .registrar_entrada_estoque_zero_km(&EntradaEstoqueZeroKm {
                            chassi: chassi(),
                            chave_nota_fiscal: chave(CHAVE_1),
                            valor_compra: valor("89990.45"),
                            data_entrada_estoque: data_hora("2026-09-02T10:00:00"),
                            data_hora_medicao_hodometro: data_hora("2026-09-02T09:30:00"),
                            quilometragem_hodometro: 0,
                            cpf_operador_responsavel: cpf(),
                        })
                        .await?;
                    conferir_estoque(&e);
                    Ok(())
                })
            },
        ),
        // Z3
        post(
            "registrar_saida_estoque_veiculo_zero_km",
            "/api/saidas-estoque-veiculo-zero-km",
            saida_zero_km_json(),
            201,
            estoque_json(),
            |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .registrar_saida_estoque_veiculo_zero_km(&saida_zero_km())
                        .await?;
                    conferir_estoque(&e);
                    Ok(())
                })
            },
        ),
        // Z4
        post(
            "cancelar_saida_estoque_zero_km",
            "/api/cancelamentos-saida-estoque-zero-km",
            json!({
                "cpfOperadorResponsavel": CPF_OPERADOR,
                "dataCancelamentoSaidaEstoque": "2026-10-01",
                "idEstoque": 7001
            }),
            201,
            estoque_cancelado_json(),
            |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .cancelar_saida_estoque_zero_km(&SolicitacaoCancelamentoSaida {
                            cpf_operador_responsavel: cpf(),
                            data_cancelamento_saida_estoque: data("2026-10-01"),
                            id_estoque: IdEstoque(7001),
                        })
                        .await?;
                    assert_eq!(
                        e.id_estoque_gerado_no_cancelamento_saida(),
                        Some(IdEstoque(7002)),
                        "the new stock id created by the cancellation"
                    );
                    Ok(())
                })
            },
        ),
        // Z5
        post(
            "cancelar_entrada_estoque_zero_km",
            "/api/cancelamentos-entrada-estoque-zero-km",
            json!({
                "cpfOperadorResponsavel": CPF_OPERADOR,
                "dataCancelamentoEntradaEstoque": "2026-09-03",
                "idEstoque": 7001
            }),
            201,
            estoque_json(),
            |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .cancelar_entrada_estoque_zero_km(&CancelamentoEntradaEstoqueZeroKm {
                            cpf_operador_responsavel: cpf(),
                            data_cancelamento_entrada_estoque: data("2026-09-03"),
                            id_estoque: IdEstoque(7001),
                        })
                        .await?;
                    conferir_estoque(&e);
                    Ok(())
                })
            },
        ),
        // Z6
        post(
            "autorizar_transferencia_veiculo_zero_km",
            "/api/autorizacoes-transferencias-veiculo-zero-km",
            json!({
                "idEstoque": 7001,
                "cnpjEstabelecimentoDestino": CNPJ_DESTINO,
                "valorVenda": 91_000.5,
                "cpfOperadorResponsavel": CPF_OPERADOR,
                "dataTransferencia": "2026-09-28T10:00:00"
            }),
            201,
            autorizacao_json(),
            |c| -> Futuro {
                Box::pin(async move {
                    let a = c
                        .autorizar_transferencia_veiculo_zero_km(
                            &AutorizacaoTransferenciaVeiculoZeroKm {
                                id_estoque: IdEstoque(7001),
                                cnpj_estabelecimento_destino: cnpj(CNPJ_DESTINO),
                                valor_venda: valor("91000.50"),
                                cpf_operador_responsavel: cpf(),
                                data_transferencia: Some(data_hora("2026-09-28T10:00:00")),
                            },
                        )
                        .await?;
                    conferir_autorizacao(&a);
                    Ok(())
                })
            },
        ),
        // Z7
        post(
            "cancelar_autorizacao_transferencia_veiculo_zero_km",
            "/api/cancelamentos-autorizacoes-transferencias-veiculo-zero-km",
            json!({"cpfOperadorResponsavel": CPF_OPERADOR, "idAutorizacao": 880}),
            200,
            autorizacao_json(),
            |c| -> Futuro {
                Box::pin(async move {
                    let a = c
                        .cancelar_autorizacao_transferencia_veiculo_zero_km(
                            &CancelamentoAutorizacaoTransferencia {
                                cpf_operador_responsavel: cpf(),
                                id_autorizacao: IdAutorizacao(880),
                            },
                        )
                        .await?;
                    conferir_autorizacao(&a);
                    Ok(())
                })
            },
        ),
        // Z8
        post(
            "transferir_entre_estabelecimentos_veiculo_zero_km",
            "/api/transferencias-entre-estabelecimentos-veiculo-zero-km",
            json!({
                "chassi": CHASSI,
                "idAutorizacao": 880,
                "chaveNotaFiscal": CHAVE_1,
                "dataEntradaEstoque": "2026-09-28T11:00:00",
                "dataTransferencia": "2026-09-28T11:00:00",
                "dataHoraMedicaoHodometro": "2026-09-28T11:00:00",
                "quilometragemHodometro": 0,
                "valorCompra": 91_000.5,
                "cpfOperadorResponsavel": CPF_OPERADOR
            }),
            201,
            estoque_json(),
            |c| -> Futuro {
                Box::pin(async move {
                    let t = TransferenciaVeiculoZeroKm::new(
                        chassi(),
                        IdAutorizacao(880),
                        chave(CHAVE_1),
                        data_hora("2026-09-28T11:00:00"),
                        0,
                        valor("91000.50"),
                        cpf(),
                    );
                    let e = c
                        .transferir_entre_estabelecimentos_veiculo_zero_km(&t)
                        .await?;
                    conferir_estoque(&e);
                    Ok(())
                })
            },
        ),
        // Z9
        post(
            "devolver_montadora_veiculo_zero_km",
            "/api/devolucoes-montadora-veiculo-zero-km",
            json!({
                "chaveNotaFiscal": CHAVE_2,
                "cpfOperadorResponsavel": CPF_OPERADOR,
                "dataDevolucao": "2026-09-05T14:00:00",
                "idEstoque": 7001,
                "motivoDevolucaoMontadora": "DEVOLUCAO_MONTADORA_AVARIAS"
            }),
            201,
            estoque_json(),
            |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .devolver_montadora_veiculo_zero_km(&DevolucaoMontadoraVeiculoZeroKm {
                            chave_nota_fiscal: chave(CHAVE_2),
                            cpf_operador_responsavel: cpf(),
                            data_devolucao: data_hora("2026-09-05T14:00:00"),
                            id_estoque: IdEstoque(7001),
                            motivo_devolucao_montadora: MotivoDevolucaoMontadora::Avarias,
                        })
                        .await?;
                    conferir_estoque(&e);
                    Ok(())
                })
            },
        ),
        // Z10 (answer body undocumented: an empty 201)
        post(
            "rejeitar_veiculo_zero_km",
            "/api/rejeicoes-zero-km",
            json!({
                "chassi": CHASSI,
                "cpfOperadorResponsavel": CPF_OPERADOR,
                "motivoRejeicao": "ERRO_OPERACIONAL_MONTADORA"
            }),
            201,
            Value::Null,
            |c| -> Futuro {
                Box::pin(async move {
                    let r = c
                        .rejeitar_veiculo_zero_km(&RejeicaoVeiculoZeroKm {
                            chassi: chassi(),
                            cpf_operador_responsavel: cpf(),
                            motivo_rejeicao: MotivoRejeicao::ErroOperacionalMontadora,
                        })
                        .await?;
                    assert_eq!(r.status, 201);
                    assert_eq!(r.corpo, None, "empty body");
                    Ok(())
                })
            },
        ),
        // Z11 (answer unknown: whatever JSON comes is kept)
        post(
            "cancelar_rejeicao_veiculo_zero_km",
            "/api/cancelamentos-rejeicoes-veiculo-zero-km",
            json!({"chassi": CHASSI, "cpfOperadorResponsavel": CPF_OPERADOR}),
            200,
            json!({"chassi": CHASSI, "situacao": "PENDENTE_ENTRADA"}),
            |c| -> Futuro {
                Box::pin(async move {
                    let r = c
                        .cancelar_rejeicao_veiculo_zero_km(&CancelamentoRejeicaoVeiculoZeroKm {
                            chassi: chassi(),
                            cpf_operador_responsavel: cpf(),
                        })
                        .await?;
                    assert_eq!(r.status, 200);
                    assert_eq!(
                        r.corpo,
                        Some(json!({"chassi": CHASSI, "situacao": "PENDENTE_ENTRADA"}))
                    );
                    Ok(())
                })
            },
        ),
        // Z12
        Caso {
            operacao: "consultar_entregas_veiculo_zero_km",
            metodo: "GET",
            caminho: "/api/entregas-veiculo-zero-km",
            query: vec![
                ("cnpjMontadora", CNPJ_MONTADORA),
                ("cnpjEstabelecimentoVendedor", CNPJ_ALFANUMERICO),
                ("cnpjEstabelecimentoEntregador", CNPJ_DESTINO),
                ("chassi", CHASSI),
                ("estado", "PENDENTE"),
            ],
            corpo: None,
            status_sucesso: 200,
            resposta: json!([entrega_json()]),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let filtro = FiltroEntregasVeiculoZeroKm {
                        cnpj_montadora: Some(cnpj(CNPJ_MONTADORA)),
                        cnpj_estabelecimento_vendedor: Some(cnpj(CNPJ_ALFANUMERICO)),
                        cnpj_estabelecimento_entregador: Some(cnpj(CNPJ_DESTINO)),
                        chassi: Some(chassi()),
                        estado: Some("PENDENTE".to_owned()),
                    };
                    let lista = c.consultar_entregas_veiculo_zero_km(&filtro).await?;
                    assert_eq!(lista.validos().len(), 1);
                    conferir_entrega(&lista.validos()[0]);
                    Ok(())
                })
            },
        },
        // Z13
        post(
            "realizar_entrega_veiculo_zero_km",
            "/api/entregas-veiculo-zero-km/realizacao",
            json!({"cpfOperadorResponsavel": CPF_OPERADOR, "idEntrega": 31}),
            201,
            entrega_json(),
            |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .realizar_entrega_veiculo_zero_km(&OperacaoEntregaVeiculoZeroKm {
                            cpf_operador_responsavel: cpf(),
                            id_entrega: IdEntrega(31),
                        })
                        .await?;
                    conferir_entrega(&e);
                    Ok(())
                })
            },
        ),
        // Z14
        post(
            "cancelar_entrega_veiculo_zero_km",
            "/api/entregas-veiculo-zero-km/cancelamento",
            json!({"cpfOperadorResponsavel": CPF_OPERADOR, "idEntrega": 31}),
            201,
            entrega_cancelada_json(),
            |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .cancelar_entrega_veiculo_zero_km(&OperacaoEntregaVeiculoZeroKm {
                            cpf_operador_responsavel: cpf(),
                            id_entrega: IdEntrega(31),
                        })
                        .await?;
                    assert_eq!(
                        e.id_entrega_gerada_no_cancelamento_entrega,
                        Some(IdEntrega(32))
                    );
                    assert_eq!(
                        e.cancelamento_entrega
                            .as_ref()
                            .and_then(|c| c.motivo.as_deref()),
                        Some("DESISTENCIA")
                    );
                    Ok(())
                })
            },
        ),
        // Z15
        post(
            "registrar_saida_estoque_veiculo_zero_km_renovar",
            "/api/saidas-estoque-veiculo-zero-km-renovar",
            {
                let mut corpo = saida_zero_km_json();
                if let Some(o) = corpo.as_object_mut() {
                    o.insert(
                        "estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar".to_owned(),
                        json!(true),
                    );
                }
                corpo
            },
            201,
            estoque_json(),
            |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .registrar_saida_estoque_veiculo_zero_km_renovar(
                            &SaidaEstoqueVeiculoZeroKmRenovar {
                                saida: saida_zero_km(),
                                estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar:
                                    true,
                                tipo_beneficio_tributario: None,
                            },
                        )
                        .await?;
                    conferir_estoque(&e);
                    Ok(())
                })
            },
        ),
        // Z16
        post(
            "registrar_saida_estoque_veiculo_inacabado_renovar",
            "/api/saidas-estoque-veiculo-inacabado-renovar",
            json!({
                "idEstoque": 7001,
                "chaveNotaFiscal": CHAVE_2,
                "comprador": comprador_json(),
                "cpfOperadorResponsavel": CPF_OPERADOR,
                "dataVenda": "2026-09-30T16:45:00",
                "emailEstabelecimento": "vendas@example.com",
                "valorVenda": 80_000.01,
                "leasingVeiculoInacabado": true,
                "tipoBeneficioTributario": "RENOVAR",
                "estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar": true
            }),
            201,
            estoque_json(),
            |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .registrar_saida_estoque_veiculo_inacabado_renovar(
                            &SaidaEstoqueVeiculoInacabadoRenovar {
                                saida: saida_inacabado(),
                                estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar:
                                    true,
                            },
                        )
                        .await?;
                    conferir_estoque(&e);
                    Ok(())
                })
            },
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Scenarios over the whole table
// ---------------------------------------------------------------------------------------------

#[test]
fn tabela_cobre_z1_a_z16() {
    let endpoints = [
        &op::CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE,
        &op::REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM,
        &op::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM,
        &op::CANCELAR_SAIDA_ESTOQUE_ZERO_KM,
        &op::CANCELAR_ENTRADA_ESTOQUE_ZERO_KM,
        &op::AUTORIZAR_TRANSFERENCIA_VEICULO_ZERO_KM,
        &op::CANCELAR_AUTORIZACAO_TRANSFERENCIA_VEICULO_ZERO_KM,
        &op::TRANSFERIR_ENTRE_ESTABELECIMENTOS_VEICULO_ZERO_KM,
        &op::DEVOLVER_MONTADORA_VEICULO_ZERO_KM,
        &op::REJEITAR_VEICULO_ZERO_KM,
        &op::CANCELAR_REJEICAO_VEICULO_ZERO_KM,
        &op::CONSULTAR_ENTREGAS_VEICULO_ZERO_KM,
        &op::REALIZAR_ENTREGA_VEICULO_ZERO_KM,
        &op::CANCELAR_ENTREGA_VEICULO_ZERO_KM,
        &op::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR,
        &op::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR,
    ];
    let casos = casos();
    assert_eq!(casos.len(), 16, "Z1–Z16 are sixteen operations");
    for (caso, endpoint) in casos.iter().zip(endpoints) {
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

/// Z10 answered 2xx with a body that is not JSON (`OK`, an HTML page): any 2xx is success
/// (the request was done — reporting it undecodable would invite a duplicate resend); the
/// status is kept, `corpo` is `None` and the raw text is kept as a snippet.
#[tokio::test]
async fn confirmacao_2xx_com_corpo_nao_json_e_sucesso() {
    for (status, corpo, tipo) in [
        (200, "OK", "text/plain"),
        (201, "<html><body>Criado</body></html>", "text/html"),
        (200, "{ not json", "application/json"),
    ] {
        let servidor = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/api/rejeicoes-zero-km"))
            .respond_with(ResponseTemplate::new(status).set_body_raw(corpo, tipo))
            .expect(1)
            .mount(&servidor)
            .await;
        let c = suporte_contrato::cliente(&servidor);
        let r = c
            .rejeitar_veiculo_zero_km(&RejeicaoVeiculoZeroKm {
                chassi: chassi(),
                cpf_operador_responsavel: cpf(),
                motivo_rejeicao: MotivoRejeicao::ErroOperacionalMontadora,
            })
            .await
            .unwrap_or_else(|e| panic!("a {status} `{corpo}` is a success: {e}"));
        assert_eq!(r.status, status);
        assert_eq!(r.corpo, None, "{corpo}");
        assert_eq!(
            r.corpo_texto.as_ref().map(renave_http::BodySnippet::as_str),
            Some(corpo),
            "raw text kept"
        );
    }
}

/// Z10's text answer cut by the snippet cap in the middle of a CPF: the snippet kept and its
/// `Debug` show none of the CPF's first nine digits (masked before the cut; a CPF cut in half
/// is no longer recognisable as one).
#[tokio::test]
async fn confirmacao_com_cpf_cortado_pelo_limite_do_trecho() {
    let limite = renave_http::CoreConfig::DEFAULT_ERROR_SNIPPET_BYTES;
    for antes in [limite - 9, limite - 5, limite - 2] {
        let corpo = format!("{}52998224725 fim", "x".repeat(antes));
        let servidor = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/api/rejeicoes-zero-km"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(corpo, "text/plain"))
            .expect(1)
            .mount(&servidor)
            .await;
        let r = suporte_contrato::cliente(&servidor)
            .rejeitar_veiculo_zero_km(&RejeicaoVeiculoZeroKm {
                chassi: chassi(),
                cpf_operador_responsavel: cpf(),
                motivo_rejeicao: MotivoRejeicao::ErroOperacionalMontadora,
            })
            .await
            .expect("a 200 text answer is a success");
        let trecho = r
            .corpo_texto
            .as_ref()
            .expect("a text body is kept")
            .as_str()
            .to_owned();
        for texto in [trecho.clone(), format!("{r:?}")] {
            let digitos: String = texto.chars().filter(char::is_ascii_digit).collect();
            assert!(!digitos.contains("529"), "{antes}: {texto}");
        }
        assert!(trecho.ends_with('…'), "cut at the cap: {trecho}");
    }
}

/// Z1 without a chassis sends no query; an empty list decodes.
#[tokio::test]
async fn z1_sem_chassi_nao_envia_query() {
    let servidor = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/veiculos-zero-km-pendentes-entrada-estoque"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .expect(1)
        .mount(&servidor)
        .await;
    let c = suporte_contrato::cliente(&servidor);
    let lista = c
        .consultar_veiculos_zero_km_pendentes_entrada_estoque(None)
        .await
        .expect("empty list");
    assert!(lista.validos().is_empty());
    let recebidas = servidor.received_requests().await.expect("recording on");
    assert_eq!(recebidas.len(), 1);
    assert_eq!(recebidas[0].url.query(), None);
}

/// Z6 is not idempotent (S1, live): the duplicate refusal is a 422 business error, reported
/// once, never retried.
#[tokio::test]
async fn z6_repetido_e_erro_de_negocio_sem_reenvio() {
    let servidor = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/autorizacoes-transferencias-veiculo-zero-km"))
        .respond_with(ResponseTemplate::new(422).set_body_raw(
            json!({
                "titulo": "Erro de negócio",
                "mensagemParaUsuarioFinal": "Veículo 9BGKL48U0JB118848 já possui autorização de transferência cadastrada"
            })
            .to_string(),
            "application/json",
        ))
        .expect(1)
        .mount(&servidor)
        .await;
    let c = suporte_contrato::cliente(&servidor);
    let e = c
        .autorizar_transferencia_veiculo_zero_km(&AutorizacaoTransferenciaVeiculoZeroKm {
            id_estoque: IdEstoque(7001),
            cnpj_estabelecimento_destino: cnpj(CNPJ_DESTINO),
            valor_venda: valor("1.00"),
            cpf_operador_responsavel: cpf(),
            data_transferencia: None,
        })
        .await
        .expect_err("422");
    assert!(e.is_negocio() && !e.is_retryable());
    assert!(
        e.mensagem_usuario()
            .is_some_and(|m| m.contains("já possui autorização de transferência cadastrada"))
    );
    let corpo: Value =
        serde_json::from_slice(&servidor.received_requests().await.expect("recording on")[0].body)
            .expect("JSON body");
    assert!(
        corpo.get("dataTransferencia").is_none(),
        "an absent optional field is not sent"
    );
}

/// Z8: the receiver's body sends the authorization as `idAutorizacao` (never
/// `idAutorizacaoTransferencia`), the transfer date as `dataTransferencia` (the body S1 ran
/// live on 2026-09-28, never the 2022 sources' `dataTransferenciaEstoque`) and always the
/// invoice key `chaveNotaFiscal` (S1, S3, S6 send it; a body without it does not deserialize).
#[test]
fn z8_nomes_de_fio() {
    let t = TransferenciaVeiculoZeroKm::new(
        chassi(),
        IdAutorizacao(1),
        chave(CHAVE_1),
        data_hora("2026-09-28T11:00:00"),
        0,
        valor("10.00"),
        cpf(),
    );
    let v = serde_json::to_value(&t).expect("serialises");
    assert_eq!(v["idAutorizacao"], json!(1));
    assert!(v.get("idAutorizacaoTransferencia").is_none());
    assert_eq!(v["dataEntradaEstoque"], json!("2026-09-28T11:00:00"));
    assert_eq!(v["dataTransferencia"], json!("2026-09-28T11:00:00"));
    assert!(
        v.get("dataTransferenciaEstoque").is_none(),
        "the 2022 name is not sent"
    );
    assert_eq!(
        v["chaveNotaFiscal"],
        json!(CHAVE_1),
        "the invoice key is always sent"
    );
    let lido: TransferenciaVeiculoZeroKm = serde_json::from_value(v.clone()).expect("round trip");
    assert_eq!(lido, t);
    let mut sem_chave = v;
    sem_chave
        .as_object_mut()
        .expect("object")
        .remove("chaveNotaFiscal");
    assert!(
        serde_json::from_value::<TransferenciaVeiculoZeroKm>(sem_chave).is_err(),
        "chaveNotaFiscal is required"
    );
}

/// Z15 flattens the Z3 body: one JSON object, no nested `saida`.
#[test]
fn z15_corpo_plano() {
    let s = SaidaEstoqueVeiculoZeroKmRenovar {
        saida: saida_zero_km(),
        estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: false,
        tipo_beneficio_tributario: Some("RENOVAR".to_owned()),
    };
    let v = serde_json::to_value(&s).expect("serialises");
    assert!(v.get("saida").is_none());
    assert_eq!(v["idEstoque"], json!(7001));
    assert_eq!(
        v["estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar"],
        json!(false)
    );
    assert_eq!(v["tipoBeneficioTributario"], json!("RENOVAR"));
    let esquema = serde_json::to_string(&schemars::schema_for!(SaidaEstoqueVeiculoZeroKmRenovar))
        .expect("schema serialises");
    assert!(esquema.contains("estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar"));
    assert!(
        esquema.contains("chaveNotaFiscal"),
        "flattened Z3 fields in the schema"
    );
}

/// Z12's filter by chassis only: its query is its `Serialize` form.
#[test]
fn z12_filtro_por_chassi() {
    let f = FiltroEntregasVeiculoZeroKm::por_chassi(chassi());
    assert_eq!(
        renave_http::pares(&f).expect("scalar fields"),
        vec![("chassi".to_owned(), CHASSI.to_owned())]
    );
    assert!(
        renave_http::pares(&FiltroEntregasVeiculoZeroKm::default())
            .expect("scalar fields")
            .is_empty()
    );
}

/// `entregaIndicada` (E31) carries its two CNPJs under the montadora's wire names.
#[test]
fn entrega_indicada_nomes_de_fio() {
    let e = EntregaIndicada {
        cnpj_concessionaria_entregadora: cnpj(CNPJ_DESTINO),
        cnpj_concessionaria_vendedora: cnpj(CNPJ_ALFANUMERICO),
    };
    assert_eq!(
        serde_json::to_value(&e).expect("serialises"),
        json!({
            "cnpjConcessionariaEntregadora": CNPJ_DESTINO,
            "cnpjConcessionariaVendedora": CNPJ_ALFANUMERICO
        })
    );
}

// ---------------------------------------------------------------------------------------------
// Invalid input is refused before anything is sent
// ---------------------------------------------------------------------------------------------

/// Z3/Z15/Z16 with a bad e-mail, and Z12 with a blank state, never reach the server.
#[tokio::test]
async fn entrada_invalida_nao_e_enviada() {
    let servidor = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(201).set_body_raw("{}", "application/json"))
        .expect(0)
        .mount(&servidor)
        .await;
    let c = suporte_contrato::cliente(&servidor);

    let mut saida = saida_zero_km();
    saida.email_estabelecimento = String::new();
    let e = c
        .registrar_saida_estoque_veiculo_zero_km(&saida)
        .await
        .expect_err("missing e-mail");
    assert!(
        matches!(&e, renave_ws_client::Erro::EntradaInvalida { campo, operacao, .. }
            if campo == "emailEstabelecimento" && operacao == "registrar_saida_estoque_veiculo_zero_km"),
        "{e:?}"
    );

    let mut renovar = SaidaEstoqueVeiculoZeroKmRenovar {
        saida: saida_zero_km(),
        estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
        tipo_beneficio_tributario: None,
    };
    renovar.saida.comprador.email = "compras@example".to_owned();
    let e = c
        .registrar_saida_estoque_veiculo_zero_km_renovar(&renovar)
        .await
        .expect_err("bad buyer e-mail");
    assert!(
        matches!(&e, renave_ws_client::Erro::EntradaInvalida { campo, operacao, .. }
            if campo == "comprador.email" && operacao == "registrar_saida_estoque_veiculo_zero_km_renovar"),
        "{e:?}"
    );

    let mut inacabado = SaidaEstoqueVeiculoInacabadoRenovar {
        saida: saida_inacabado(),
        estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
    };
    inacabado.saida.comprador.endereco.numero = String::new();
    let e = c
        .registrar_saida_estoque_veiculo_inacabado_renovar(&inacabado)
        .await
        .expect_err("blank house number");
    assert!(e.to_string().contains("comprador.endereco.numero"), "{e}");

    let filtro = FiltroEntregasVeiculoZeroKm {
        estado: Some(" ".to_owned()),
        ..FiltroEntregasVeiculoZeroKm::default()
    };
    let e = c
        .consultar_entregas_veiculo_zero_km(&filtro)
        .await
        .expect_err("blank state");
    assert!(e.to_string().contains("estado"), "{e}");

    assert!(
        servidor
            .received_requests()
            .await
            .expect("recording on")
            .is_empty(),
        "nothing may be sent"
    );
}
