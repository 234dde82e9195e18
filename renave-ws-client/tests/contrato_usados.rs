//! Wiremock contract tests of the generic and used-vehicle operations (E1–E22 less E21,
//! `renave-ws.md` §3.1, §4): one table row per operation (request method, path, query and body
//! asserted exactly; a canned success answer decoded and checked), run through every scenario
//! of `suporte_contrato` (success, 400, 401 empty and Spring, 403, 404, 422 with every error
//! field, 500 with `logIdRastreabilidade`, HTML 502, 503 never resent for a POST, a per-attempt
//! timeout (a POST sent once, outcome unknown; a read retried), malformed body, route
//! override). Plus the E5 signature variants, the raw escape hatch, documents and unknown-field
//! preservation.

mod suporte_contrato;

use renave_domain::{
    Cep, Chassi, ChaveNfe, CodigoMunicipio, CodigoSegurancaCrv, Cpf, CpfCnpj, Data, DataHora,
    EstadoEstoque, EventoNotaFiscal, NumeroCrv, Placa, Renavam, TipoCrv, Uf, Valor,
};
use renave_ws_client::modelos::{
    Bairro, Comprador, DocumentoBase64, EnderecoComprador, IdAtpv, IdEstoque, Logradouro, Recebido,
};
use renave_ws_client::operacoes::usados::{
    self as op, AssinaturaVendedor, ConsultaAptidao, ConsultaEstoques, ConsultaMunicipios,
    EnvioAssinaturaVendedor, EnvioNotaFiscal, SolicitacaoCancelamentoEntradaEstoque,
    SolicitacaoCancelamentoSaidaEstoque, SolicitacaoEntradaEstoque,
    SolicitacaoEntradaEstoqueVeiculoProprio, SolicitacaoSaidaEstoque, VeiculoCancelamentoEntrada,
    VeiculoEntradaEstoque, VeiculoEntradaEstoqueProprio, VeiculoSaidaEstoque,
};
use renave_ws_client::{Erro, HttpMethod, Idempotency, RenaveWsUsados};
use serde_json::{Value, json};
use suporte_contrato::{Caso, Futuro};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

// ---------------------------------------------------------------------------------------------
// Sample input (valid by the domain rules)
// ---------------------------------------------------------------------------------------------

const CHASSI: &str = "9BWZZZ377VT004251";
const PLACA: &str = "ABC1D23";
const RENAVAM: &str = "00123456789";
const CPF: &str = "52998224725";
const CNPJ: &str = "11222333000181";
const CHAVE: &str = "13181017921427000125650010000000309887251170";

fn chassi() -> Chassi {
    CHASSI.parse().expect("sample chassi")
}
fn placa() -> Placa {
    PLACA.parse().expect("sample placa")
}
fn renavam() -> Renavam {
    RENAVAM.parse().expect("sample renavam")
}
fn cpf() -> Cpf {
    CPF.parse().expect("sample CPF")
}
fn data(s: &str) -> Data {
    s.parse().expect("sample date")
}
fn data_hora(s: &str) -> DataHora {
    s.parse().expect("sample date-time")
}
fn valor(centavos: u64) -> Valor {
    Valor::from_centavos(centavos).expect("sample value")
}
fn csc() -> CodigoSegurancaCrv {
    "12345678901".parse().expect("sample CRV code")
}
fn numero_crv() -> NumeroCrv {
    "123456789012".parse().expect("sample CRV number")
}

/// A PDF, base64 (`%PDF-1.4…`).
fn pdf_b64() -> String {
    DocumentoBase64::codificar(b"%PDF-1.4\n%fake\n")
        .as_str()
        .to_owned()
}

fn estoque_json(id: i64, estado: &str) -> Value {
    json!({
        "id": id,
        "estado": estado,
        "chassi": CHASSI,
        "placa": PLACA,
        "renavam": RENAVAM,
        "tipoCrv": "DIGITAL",
        "quilometragemHodometro": 45000,
        "dataHoraMedicaoHodometro": "2026-09-24T10:00:00",
        "entradaEstoque": {"numeroTermoEntradaEstoque": 991, "dataHora": "2026-09-24T10:05:00.35637"},
        "campoNovoDoServico": {"x": 1}
    })
}

/// Checks a decoded stock answer against [`estoque_json`].
fn conferir_estoque(e: &renave_ws_client::modelos::Estoque, id: i64) {
    assert_eq!(e.id, Some(IdEstoque(id)));
    assert_eq!(e.chassi_valido(), Some(&chassi()));
    assert_eq!(e.quilometragem_hodometro, Some(45000.into()));
    assert!(
        e.extras.contains_key("campoNovoDoServico"),
        "unknown field kept"
    );
    assert_eq!(
        e.entrada_estoque
            .as_ref()
            .and_then(|x| x.numero_termo_entrada_estoque.clone()),
        Some(991.into())
    );
}

fn comprador() -> Comprador {
    Comprador {
        documento: CpfCnpj::Cpf(cpf()),
        nome: "FULANO DE TAL".to_owned(),
        email: "fulano@example.com".to_owned(),
        endereco: EnderecoComprador {
            codigo_municipio: "2381".parse::<CodigoMunicipio>().expect("sample municipio"),
            cep: "30130010".parse::<Cep>().expect("sample CEP"),
            logradouro: Logradouro::new("RUA DA BAHIA").expect("short"),
            numero: "100".to_owned(),
            bairro: Bairro::new("CENTRO").expect("short"),
            complemento: None,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

fn casos() -> Vec<Caso> {
    vec![
        Caso {
            operacao: "consultar_cliente_autenticado",
            metodo: "GET",
            caminho: "/api/cliente-autenticado",
            query: vec![],
            corpo: None,
            status_sucesso: 200,
            resposta: json!({"cnpj": CNPJ, "nome": "Estabelecimento padrão de teste",
                "endereco": {"bairro": "CENTRO", "municipio": {"id": "2381", "nome": "CARUARU", "uf": "PE"}}}),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let r = c.consultar_cliente_autenticado().await?;
                    assert_eq!(r.nome.as_deref(), Some("Estabelecimento padrão de teste"));
                    assert_eq!(r.cnpj.as_ref().map(Recebido::as_str), Some(CNPJ));
                    let m = r.endereco.and_then(|e| e.municipio).expect("municipio");
                    assert_eq!(m.id.as_ref().map(Recebido::as_str), Some("2381"));
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "consultar_aptidao_veiculo_estoque",
            metodo: "GET",
            caminho: "/api/aptidao-veiculo-estoque",
            query: vec![
                ("placa", PLACA),
                ("renavam", RENAVAM),
                ("tipoCrv", "DIGITAL"),
            ],
            corpo: None,
            status_sucesso: 200,
            resposta: json!({
                "comunicacaoComDetranFalhou": false,
                "diagnostico": {"veiculoApto": false, "motivosParaNaoAptidao": ["Veículo com restrição judicial"],
                    "veiculoComRestricaoJudicial": true},
                "informacoesDebitos": {"existemDebitos": true, "valorDebitoIpva": 1234.56,
                    "boletos": [{"valorBoleto": 10.5, "numeroCodigoBarras": "8160000"}]},
                "veiculo": {"chassi": CHASSI, "placa": PLACA, "renavam": RENAVAM, "ufJurisdicao": "MG",
                    "restricoes": [{"codigoTipo": 86, "tipo": "X"}]}
            }),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let r = c
                        .consultar_aptidao_veiculo_estoque(&ConsultaAptidao {
                            placa: Some(placa()),
                            renavam: Some(renavam()),
                            numero_crv: None,
                            tipo_crv: TipoCrv::Digital,
                        })
                        .await?;
                    assert!(!r.is_apto());
                    let d = r.diagnostico.as_ref().expect("diagnostico");
                    assert_eq!(d.veiculo_com_restricao_judicial, Some(true.into()));
                    let deb = r.informacoes_debitos.as_ref().expect("debitos");
                    assert_eq!(
                        deb.valor_debito_ipva.as_ref().and_then(Recebido::valido),
                        Some(&valor(123_456))
                    );
                    let v = r.veiculo.as_ref().expect("veiculo");
                    assert_eq!(
                        v.uf_jurisdicao.as_ref().and_then(Recebido::valido),
                        Some(&Uf::Mg)
                    );
                    let rest = v
                        .restricoes
                        .as_ref()
                        .and_then(|r| r.first())
                        .expect("restricao");
                    assert_eq!(rest.codigo_tipo.as_deref(), Some("86"));
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "solicitar_entrada_estoque",
            metodo: "POST",
            caminho: "/api/solicitacoes-entrada-estoque",
            query: vec![],
            corpo: Some(json!({
                "cpfOperadorResponsavel": CPF,
                "dataCompra": "2026-09-24",
                "valorCompra": 45000.0,
                "emailEstabelecimento": "loja@example.com",
                "emailVendedor": "vendedor@example.com",
                "veiculo": {
                    "codigoSegurancaCrv": "12345678901",
                    "tipoCrv": "DIGITAL",
                    "placa": PLACA,
                    "renavam": RENAVAM,
                    "quilometragemHodometro": 45000,
                    "dataHoraMedicaoHodometro": "2026-09-24T10:00:00",
                    "documentoProprietarioAtual": CPF,
                    "tipoDocumentoProprietarioAtual": "CPF"
                }
            })),
            status_sucesso: 201,
            resposta: estoque_json(101, "SOLICITADO"),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .solicitar_entrada_estoque(&SolicitacaoEntradaEstoque {
                            cpf_operador_responsavel: cpf(),
                            data_compra: data("2026-09-24"),
                            valor_compra: valor(4_500_000),
                            email_estabelecimento: Some("loja@example.com".to_owned()),
                            email_vendedor: "vendedor@example.com".to_owned(),
                            veiculo: VeiculoEntradaEstoque {
                                codigo_seguranca_crv: csc(),
                                tipo_crv: TipoCrv::Digital,
                                numero_crv: None,
                                placa: placa(),
                                renavam: renavam(),
                                quilometragem_hodometro: 45000,
                                data_hora_medicao_hodometro: data_hora("2026-09-24T10:00:00"),
                                documento_proprietario_atual: CpfCnpj::Cpf(cpf()),
                            },
                        })
                        .await?;
                    assert_eq!(e.estado, Some(EstadoEstoque::Solicitado));
                    conferir_estoque(&e, 101);
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "solicitar_entrada_estoque_veiculo_proprio",
            metodo: "POST",
            caminho: "/api/solicitacoes-entrada-estoque-veiculo-proprio",
            query: vec![],
            corpo: Some(json!({
                "cpfOperadorResponsavel": CPF,
                "dataEntradaEstoque": "2026-09-25",
                "veiculo": {
                    "codigoSegurancaCrv": "12345678901",
                    "dataHoraMedicaoHodometro": "2026-09-25T08:30:00",
                    "quilometragemHodometro": 12,
                    "tipoCrv": "VERDE",
                    "numeroCrv": "123456789012",
                    "placa": PLACA,
                    "renavam": RENAVAM
                }
            })),
            status_sucesso: 201,
            resposta: estoque_json(102, "CONFIRMADO"),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .solicitar_entrada_estoque_veiculo_proprio(
                            &SolicitacaoEntradaEstoqueVeiculoProprio {
                                cpf_operador_responsavel: cpf(),
                                data_entrada_estoque: data("2026-09-25"),
                                veiculo: VeiculoEntradaEstoqueProprio {
                                    codigo_seguranca_crv: csc(),
                                    data_hora_medicao_hodometro: data_hora("2026-09-25T08:30:00"),
                                    quilometragem_hodometro: 12,
                                    tipo_crv: TipoCrv::Verde,
                                    numero_crv: Some(numero_crv()),
                                    placa: Some(placa()),
                                    renavam: Some(renavam()),
                                },
                            },
                        )
                        .await?;
                    conferir_estoque(&e, 102);
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "enviar_assinatura_vendedor_atpv",
            metodo: "POST",
            caminho: "/api/atpv-assinatura-vendedor",
            query: vec![],
            corpo: Some(json!({
                "idEstoque": 101,
                "envioAssinaturaProprioPunhoAtpve": {"fotoAtpveAssinadoDeProprioPunhoBase64": "AQID"}
            })),
            status_sucesso: 200,
            resposta: Value::Null,
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let r = c
                        .enviar_assinatura_vendedor_atpv(&EnvioAssinaturaVendedor {
                            id_estoque: IdEstoque(101),
                            assinatura: AssinaturaVendedor::ProprioPunhoAtpve {
                                foto_atpve_assinado: DocumentoBase64::codificar(&[1, 2, 3]),
                            },
                        })
                        .await?;
                    assert_eq!(r.status, 200);
                    assert!(r.corpo.is_none());
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "consultar_ultima_assinatura_atpv",
            metodo: "GET",
            caminho: "/api/atpv-assinaturas/ABC1D23/00123456789/ultimo",
            query: vec![],
            corpo: None,
            status_sucesso: 200,
            resposta: json!({"numeroAtpve": 123_456, "estadoIntencaoVenda": "VENDA_COMUNICADA",
                "tipoAssinaturaVendedor": "PROPRIO_PUNHO_ATPVE", "chassi": CHASSI,
                "numeroDocumentoVendedor": CPF, "xmlAtpveBase64": "PHg+PC94Pg=="}),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let r = c
                        .consultar_ultima_assinatura_atpv(&placa(), &renavam())
                        .await?;
                    assert_eq!(r.numero_atpve.as_deref(), Some("123456"));
                    assert_eq!(
                        r.estado_intencao_venda,
                        Some(renave_domain::EstadoIntencaoVenda::VendaComunicada)
                    );
                    let xml = r
                        .xml_atpve_base64
                        .as_ref()
                        .expect("xml")
                        .bytes("xmlAtpveBase64")?;
                    assert_eq!(xml, b"<x></x>");
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "obter_pdf_atpv",
            metodo: "GET",
            caminho: "/api/pdf-atpv",
            query: vec![("chassi", CHASSI)],
            corpo: None,
            status_sucesso: 200,
            resposta: json!({"numeroAtpv": "2026000123", "pdfAtpvBase64": pdf_b64(), "xmlAtpvBase64": "PHg+PC94Pg=="}),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let r = c.obter_pdf_atpv(&chassi()).await?;
                    assert_eq!(r.numero_atpv.as_deref(), Some("2026000123"));
                    assert!(r.pdf()?.starts_with(b"%PDF-"));
                    assert_eq!(r.xml()?, b"<x></x>");
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "obter_pdf_atpv_por_placa_renavam",
            metodo: "GET",
            caminho: "/api/pdf-atpv/ABC1D23/00123456789",
            query: vec![],
            corpo: None,
            status_sucesso: 200,
            resposta: json!({"numeroAtpv": "2026000124", "pdfAtpvBase64": pdf_b64()}),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let r = c
                        .obter_pdf_atpv_por_placa_renavam(&placa(), &renavam())
                        .await?;
                    assert!(r.pdf()?.starts_with(b"%PDF-"));
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "obter_atpv_por_id",
            metodo: "GET",
            caminho: "/api/atpv/777",
            query: vec![],
            corpo: None,
            status_sucesso: 200,
            resposta: json!({"numeroAtpv": "2026000777", "pdfAtpvBase64": pdf_b64()}),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let r = c.obter_atpv_por_id(IdAtpv(777)).await?;
                    assert_eq!(r.numero_atpv.as_deref(), Some("2026000777"));
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "enviar_nota_fiscal",
            metodo: "POST",
            caminho: "/api/notas-fiscais",
            query: vec![],
            corpo: Some(json!({"chaveNotaFiscal": CHAVE, "evento": "COMPRA", "idEstoque": 101})),
            status_sucesso: 200,
            resposta: Value::Null,
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let r = c
                        .enviar_nota_fiscal(&EnvioNotaFiscal {
                            chave_nota_fiscal: CHAVE.parse::<ChaveNfe>().expect("sample key"),
                            evento: EventoNotaFiscal::Compra,
                            id_estoque: IdEstoque(101),
                        })
                        .await?;
                    assert_eq!(r.status, 200);
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "consultar_estoques",
            metodo: "GET",
            caminho: "/api/estoques",
            query: vec![("chassi", CHASSI), ("estadoEstoque", "CONFIRMADO")],
            corpo: None,
            status_sucesso: 200,
            resposta: json!([estoque_json(101, "CONFIRMADO"), {"id": 5, "estado": "ESTADO_NOVO"}]),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let v = c
                        .consultar_estoques(&ConsultaEstoques {
                            chassi: Some(chassi()),
                            placa: None,
                            estado_estoque: Some(EstadoEstoque::Confirmado),
                        })
                        .await?;
                    assert_eq!(v.validos().len(), 2);
                    conferir_estoque(&v.validos()[0], 101);
                    let desconhecido = v.validos()[1].estado.as_ref().expect("estado");
                    assert_eq!(desconhecido.as_str(), "ESTADO_NOVO", "unknown state kept");
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "consultar_estoque",
            metodo: "GET",
            caminho: "/api/estoques/101",
            query: vec![],
            corpo: None,
            status_sucesso: 200,
            resposta: estoque_json(101, "TRANSFERIDO"),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let e = c.consultar_estoque(IdEstoque(101)).await?;
                    assert_eq!(e.estado, Some(EstadoEstoque::Transferido));
                    conferir_estoque(&e, 101);
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "obter_termo_entrada_estoque",
            metodo: "GET",
            caminho: "/api/estoques/101/termo-entrada-estoque",
            query: vec![],
            corpo: None,
            status_sucesso: 200,
            resposta: json!({"numeroTermoEntradaEstoque": 991, "pdfBase64": pdf_b64()}),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let t = c.obter_termo_entrada_estoque(IdEstoque(101)).await?;
                    assert_eq!(t.numero_termo_entrada_estoque, Some(991.into()));
                    assert!(t.pdf()?.starts_with(b"%PDF-"));
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "solicitar_cancelamento_entrada_estoque",
            metodo: "POST",
            caminho: "/api/solicitacoes-cancelamento-estoque",
            query: vec![],
            corpo: Some(json!({
                "dataCancelamentoEstoque": "2026-09-26",
                "cpfOperadorResponsavel": CPF,
                "veiculo": {"chassi": CHASSI, "placa": PLACA, "renavam": RENAVAM, "codigoSegurancaCrv": "12345678901"}
            })),
            status_sucesso: 201,
            resposta: json!({"id": 101, "estado": "SOLICITADO", "chassi": CHASSI,
                "cancelamentoEstoque": {"dataHoraCancelamentoEstoque": "2026-09-26T09:00:00", "motivoCancelamentoEstoque": "X"}}),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .solicitar_cancelamento_entrada_estoque(
                            &SolicitacaoCancelamentoEntradaEstoque {
                                data_cancelamento_estoque: data("2026-09-26"),
                                cpf_operador_responsavel: cpf(),
                                veiculo: VeiculoCancelamentoEntrada {
                                    chassi: Some(chassi()),
                                    placa: placa(),
                                    renavam: renavam(),
                                    numero_crv: None,
                                    codigo_seguranca_crv: csc(),
                                },
                            },
                        )
                        .await?;
                    let canc = e.cancelamento_estoque.expect("cancelamento");
                    assert_eq!(canc.motivo_cancelamento_estoque.as_deref(), Some("X"));
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "solicitar_saida_estoque",
            metodo: "POST",
            caminho: "/api/solicitacoes-saida-estoque",
            query: vec![],
            corpo: Some(json!({
                "dataVenda": "2026-10-01",
                "valorVenda": 52000.5,
                "cpfOperadorResponsavel": CPF,
                "emailEstabelecimento": "loja@example.com",
                "comprador": {
                    "tipoDocumento": "CPF",
                    "numeroDocumento": CPF,
                    "nome": "FULANO DE TAL",
                    "email": "fulano@example.com",
                    "endereco": {"codigoMunicipio": 2381, "cep": "30130010", "logradouro": "RUA DA BAHIA",
                        "numero": "100", "bairro": "CENTRO"}
                },
                "veiculo": {"codigoSegurancaCrv": "12345678901", "placa": PLACA, "renavam": RENAVAM}
            })),
            status_sucesso: 201,
            resposta: json!({"id": 101, "estado": "FINALIZADO", "chassi": CHASSI,
                "saidaEstoque": {"motivo": "VENDA", "numeroTermoSaidaEstoque": 555,
                    "comprador": {"tipoDocumento": "CPF", "numeroDocumento": CPF,
                        "endereco": {"municipio": {"id": "2381", "nome": "CARUARU", "uf": "PE"}}}}}),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .solicitar_saida_estoque(&SolicitacaoSaidaEstoque {
                            data_venda: data("2026-10-01"),
                            valor_venda: valor(5_200_050),
                            cpf_operador_responsavel: cpf(),
                            email_estabelecimento: "loja@example.com".to_owned(),
                            comprador: comprador(),
                            veiculo: VeiculoSaidaEstoque {
                                codigo_seguranca_crv: csc(),
                                numero_crv: None,
                                placa: placa(),
                                renavam: renavam(),
                            },
                        })
                        .await?;
                    let s = e.saida_estoque.expect("saida");
                    assert_eq!(s.motivo, Some(renave_domain::MotivoSaida::Venda));
                    assert_eq!(s.numero_termo_saida_estoque, Some(555.into()));
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "obter_termo_saida_estoque",
            metodo: "GET",
            caminho: "/api/estoques/101/termo-saida-estoque",
            query: vec![],
            corpo: None,
            status_sucesso: 200,
            resposta: json!({"numeroTermoSaidaEstoque": 555, "pdfBase64": pdf_b64()}),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let t = c.obter_termo_saida_estoque(IdEstoque(101)).await?;
                    assert_eq!(t.numero_termo_saida_estoque, Some(555.into()));
                    assert!(t.pdf()?.starts_with(b"%PDF-"));
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "solicitar_cancelamento_saida_estoque",
            metodo: "POST",
            caminho: "/api/solicitacoes-cancelamento-saida-estoque",
            query: vec![],
            corpo: Some(
                json!({"idEstoque": 101, "dataCancelamentoSaidaEstoque": "2026-10-02",
                "cpfOperadorResponsavel": CPF}),
            ),
            status_sucesso: 201,
            resposta: json!({"id": 101, "estado": "FINALIZADO", "chassi": CHASSI,
                "saidaEstoque": {"cancelamentoSaidaEstoque": {"dataHoraCancelamentoSaidaEstoque": "2026-10-02T11:00:00",
                    "idEstoqueGeradoNoCancelamentoSaida": 202}}}),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let e = c
                        .solicitar_cancelamento_saida_estoque(
                            &SolicitacaoCancelamentoSaidaEstoque {
                                id_estoque: IdEstoque(101),
                                data_cancelamento_saida_estoque: data("2026-10-02"),
                                cpf_operador_responsavel: cpf(),
                            },
                        )
                        .await?;
                    assert_eq!(
                        e.id_estoque_gerado_no_cancelamento_saida(),
                        Some(IdEstoque(202))
                    );
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "obter_crlve",
            metodo: "GET",
            caminho: "/api/crlve/ABC1D23/00123456789",
            query: vec![],
            corpo: None,
            status_sucesso: 200,
            resposta: json!({"numero": 123, "placa": PLACA, "renavam": RENAVAM, "cnpjEstabelecimento": CNPJ,
                "pdfBase64": pdf_b64(), "pdfCodigoSegurancaCrvBase64": pdf_b64(), "hashPdfSha512": "ab"}),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let r = c.obter_crlve(&placa(), &renavam()).await?;
                    assert_eq!(r.numero.as_deref(), Some("123"));
                    assert!(r.pdf()?.starts_with(b"%PDF-"));
                    assert!(r.pdf_codigo_seguranca_crv()?.starts_with(b"%PDF-"));
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "obter_pdf_codigo_seguranca_crv",
            metodo: "GET",
            caminho: "/api/crlve/ABC1D23/00123456789/pdf-codigo-seguranca-crv",
            query: vec![],
            corpo: None,
            status_sucesso: 200,
            resposta: json!({"pdfCodigoSegurancaCrvBase64": pdf_b64()}),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let r = c
                        .obter_pdf_codigo_seguranca_crv(&placa(), &renavam())
                        .await?;
                    assert!(r.pdf_codigo_seguranca_crv()?.starts_with(b"%PDF-"));
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "consultar_municipios",
            metodo: "GET",
            caminho: "/api/municipios",
            query: vec![("nome", "CARUARU"), ("uf", "PE")],
            corpo: None,
            status_sucesso: 200,
            resposta: json!([{"id": "2381", "nome": "CARUARU", "uf": "PE"}]),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let v = c
                        .consultar_municipios(&ConsultaMunicipios {
                            nome: Some("CARUARU".to_owned()),
                            uf: Some(Uf::Pe),
                        })
                        .await?;
                    assert_eq!(v.validos().len(), 1);
                    assert_eq!(
                        v.validos()[0].id.as_ref().map(Recebido::as_str),
                        Some("2381")
                    );
                    Ok(())
                })
            },
        },
        Caso {
            operacao: "consultar_veiculo",
            metodo: "GET",
            caminho: "/api/veiculos",
            query: vec![("chassi", CHASSI)],
            corpo: None,
            status_sucesso: 200,
            resposta: json!({"chassi": CHASSI, "placa": "", "renavam": "00000000000",
                "restricoes": [{"codigoTipo": "86"}], "veiculoAcabado": true}),
            chamar: |c| -> Futuro {
                Box::pin(async move {
                    let v = c.consultar_veiculo(&chassi()).await?;
                    assert_eq!(v.veiculo_acabado, Some(true));
                    // Odd values are kept raw instead of failing the answer.
                    let r = v.renavam.as_ref().expect("renavam");
                    assert!(r.valido().is_none());
                    assert_eq!(r.as_str(), "00000000000");
                    assert_eq!(v.placa.as_ref().map(Recebido::as_str), Some(""));
                    Ok(())
                })
            },
        },
    ]
}

// ---------------------------------------------------------------------------------------------
// The table through every scenario
// ---------------------------------------------------------------------------------------------

#[test]
fn a_tabela_cobre_todas_as_operacoes_do_grupo() {
    let nomes: Vec<&str> = casos().iter().map(|c| c.operacao).collect();
    assert_eq!(nomes.len(), op::ENDPOINTS.len());
    for e in op::ENDPOINTS {
        assert!(nomes.contains(&e.name), "no table row for {}", e.name);
        let esperado = if e.route.method() == HttpMethod::Get {
            Idempotency::Idempotent
        } else {
            Idempotency::StateChanging
        };
        assert_eq!(
            e.idempotency, esperado,
            "{}: a POST is state-changing (D6)",
            e.name
        );
    }
}

suporte_contrato::cenarios_de_contrato!(casos);

// ---------------------------------------------------------------------------------------------
// Operation-specific checks
// ---------------------------------------------------------------------------------------------

/// The four E5 forms serialise under their own property, exactly one per request.
#[test]
fn assinatura_vendedor_variantes() {
    let b = DocumentoBase64::codificar(b"x");
    let casos = [
        (
            AssinaturaVendedor::ProprioPunhoAtpvPapelMoeda {
                foto_atpv_papel_moeda_assinado: b.clone(),
            },
            json!({"idEstoque": 1, "envioAssinaturaProprioPunhoAtpvPapelMoeda": {"fotoAtpvPapelMoedaAssinadoBase64": "eA=="}}),
        ),
        (
            AssinaturaVendedor::QualificadaP7sSobreXmlAtpve {
                assinatura_qualificada_p7s: b.clone(),
            },
            json!({"idEstoque": 1, "envioAssinaturaQualificadaP7sSobreXmlAtpve": {"assinaturaQualificadaP7sBase64": "eA=="}}),
        ),
        (
            AssinaturaVendedor::QualificadaP7sSobreFotoAtpvPapelMoeda {
                assinatura_qualificada_p7s: b.clone(),
                foto_atpv_papel_moeda_sem_assinatura: Some(b.clone()),
            },
            json!({"idEstoque": 1, "envioAssinaturaQualificadaP7sSobreFotoAtpvPapelMoeda": {
                "assinaturaQualificadaP7sBase64": "eA==", "fotoAtpvPapelMoedaSemAssinaturaBase64": "eA=="}}),
        ),
        (
            AssinaturaVendedor::QualificadaP7sSobreFotoAtpvPapelMoeda {
                assinatura_qualificada_p7s: b.clone(),
                foto_atpv_papel_moeda_sem_assinatura: None,
            },
            json!({"idEstoque": 1, "envioAssinaturaQualificadaP7sSobreFotoAtpvPapelMoeda": {
                "assinaturaQualificadaP7sBase64": "eA=="}}),
        ),
    ];
    for (assinatura, esperado) in casos {
        let corpo = serde_json::to_value(EnvioAssinaturaVendedor {
            id_estoque: IdEstoque(1),
            assinatura,
        })
        .expect("serialises");
        assert_eq!(corpo, esperado);
    }
}

/// A CNPJ seller is sent as `tipoDocumentoProprietarioAtual: "CNPJ"` (the pair cannot
/// disagree).
#[test]
fn proprietario_cnpj() {
    let v = VeiculoEntradaEstoque {
        codigo_seguranca_crv: csc(),
        tipo_crv: TipoCrv::Azul,
        numero_crv: Some(numero_crv()),
        placa: placa(),
        renavam: renavam(),
        quilometragem_hodometro: 1,
        data_hora_medicao_hodometro: data_hora("2026-01-02T03:04:05"),
        documento_proprietario_atual: CpfCnpj::Cnpj(CNPJ.parse().expect("cnpj")),
    };
    let j = serde_json::to_value(&v).expect("serialises");
    assert_eq!(j["tipoDocumentoProprietarioAtual"], "CNPJ");
    assert_eq!(j["documentoProprietarioAtual"], CNPJ);
    assert_eq!(j["numeroCrv"], "123456789012");
}

/// `bairro` > 20 and `logradouro` > 30 characters are refused before anything can be sent.
#[test]
fn limites_de_endereco() {
    assert!(Bairro::new("A".repeat(20)).is_ok());
    let e = Bairro::new("A".repeat(21)).expect_err("21 chars");
    assert!(matches!(e, Erro::EntradaInvalida { ref campo, .. } if campo == "bairro"));
    assert!(Logradouro::new("B".repeat(30)).is_ok());
    assert!(Logradouro::new("B".repeat(31)).is_err());
    assert!(Bairro::new("   ").is_err());
    // Characters, not bytes.
    assert!(Bairro::new("Ç".repeat(20)).is_ok());
}

/// A document that is not a PDF, or not base64, is a `Documento` error naming the field.
#[tokio::test]
async fn documento_invalido() {
    let servidor = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/pdf-atpv"))
        .and(query_param("chassi", CHASSI))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "pdfAtpvBase64": DocumentoBase64::codificar(b"<html>not a pdf</html>").as_str(),
            "xmlAtpvBase64": "@@not base64@@"
        })))
        .mount(&servidor)
        .await;
    let r = suporte_contrato::cliente(&servidor)
        .obter_pdf_atpv(&chassi())
        .await
        .expect("decodes");
    match r.pdf() {
        Err(Erro::Documento { campo, .. }) => assert_eq!(campo, "pdfAtpvBase64"),
        outro => panic!("expected Documento error, got {outro:?}"),
    }
    assert!(matches!(
        r.xml(),
        Err(Erro::Documento {
            campo: "xmlAtpvBase64",
            ..
        })
    ));
}

/// The raw escape hatch (D2) reaches routes the SDK does not model (E21) through the same
/// error handling.
#[tokio::test]
async fn executar_bruto() {
    let servidor = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/municipios/2381"))
        .and(query_param("x", "1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "2381", "nome": "CARUARU"})),
        )
        .expect(1)
        .mount(&servidor)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/qualquer"))
        .respond_with(
            ResponseTemplate::new(422)
                .set_body_json(json!({"mensagemParaUsuarioFinal": "Não pode."})),
        )
        .expect(1)
        .mount(&servidor)
        .await;
    let c = suporte_contrato::cliente(&servidor);
    let r = c
        .executar_bruto(
            HttpMethod::Get,
            "api/municipios/2381",
            &[("x", "1")],
            None,
            Idempotency::Idempotent,
        )
        .await
        .expect("raw GET");
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.json::<serde_json::Value>().expect("json")["nome"],
        "CARUARU"
    );
    let e = c
        .executar_bruto(
            HttpMethod::Post,
            "/api/qualquer",
            &[],
            Some(&json!({"a": 1})),
            Idempotency::StateChanging,
        )
        .await
        .expect_err("422");
    assert!(e.is_negocio());
    assert_eq!(e.mensagem_usuario(), Some("Não pode."));
    // A path that is not a valid route is refused before sending.
    let invalido = c
        .executar_bruto(
            HttpMethod::Get,
            "api/a b?c",
            &[],
            None,
            Idempotency::Idempotent,
        )
        .await
        .expect_err("invalid path");
    assert!(matches!(invalido, Erro::EntradaInvalida { .. }));
}

/// A path parameter can never change the route: the value is one encoded segment.
#[tokio::test]
async fn parametro_de_caminho_codificado() {
    let servidor = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .mount(&servidor)
        .await;
    let c = suporte_contrato::cliente(&servidor);
    c.consultar_estoque(IdEstoque(-1)).await.expect("ok");
    let recebidas = servidor.received_requests().await.expect("recorded");
    assert_eq!(recebidas.len(), 1);
    assert_eq!(recebidas[0].url.path(), "/api/estoques/-1");
}

/// The client is usable behind the umbrella trait object-safely and generically (mockable).
#[test]
fn cliente_implementa_a_api() {
    fn exige<T: renave_ws_client::RenaveWsApi + Clone + Send + Sync + 'static>() {}
    exige::<renave_ws_client::ClienteRenaveWs>();
    let _: Option<Box<dyn RenaveWsUsados>> = None;
}

/// The JSON Schemas (D3-style publication of wire names) carry the wire names, including the
/// derived `tipoDocumento…` pairs and the E5 variants.
#[test]
fn esquemas_json_publicam_os_nomes_do_fio() {
    fn esquema<T: schemars::JsonSchema>() -> String {
        serde_json::to_string(&schemars::schema_for!(T)).expect("schema serialises")
    }
    let e3 = esquema::<SolicitacaoEntradaEstoque>();
    for campo in [
        "cpfOperadorResponsavel",
        "dataCompra",
        "emailVendedor",
        "documentoProprietarioAtual",
        "tipoDocumentoProprietarioAtual",
        "dataHoraMedicaoHodometro",
    ] {
        assert!(e3.contains(campo), "E3 schema lacks {campo}");
    }
    let e15 = esquema::<SolicitacaoSaidaEstoque>();
    for campo in [
        "tipoDocumento",
        "numeroDocumento",
        "codigoMunicipio",
        "bairro",
    ] {
        assert!(e15.contains(campo), "E15 schema lacks {campo}");
    }
    let e5 = esquema::<EnvioAssinaturaVendedor>();
    for campo in [
        "envioAssinaturaProprioPunhoAtpve",
        "envioAssinaturaProprioPunhoAtpvPapelMoeda",
        "envioAssinaturaQualificadaP7sSobreXmlAtpve",
        "envioAssinaturaQualificadaP7sSobreFotoAtpvPapelMoeda",
    ] {
        assert!(e5.contains(campo), "E5 schema lacks {campo}");
    }
    assert!(
        esquema::<renave_ws_client::modelos::Estoque>()
            .contains("idEstoqueGeradoNoCancelamentoSaida")
    );
}

/// No full CPF in the `Debug` of a request or of a raw value kept from an answer (LGPD).
#[test]
fn debug_sem_cpf_completo() {
    let s = SolicitacaoCancelamentoSaidaEstoque {
        id_estoque: IdEstoque(1),
        data_cancelamento_saida_estoque: data("2026-10-02"),
        cpf_operador_responsavel: cpf(),
    };
    let d = format!("{s:?} {:?}", comprador());
    assert!(!d.contains(CPF), "{d}");
    let bruto: Recebido<Cpf> = serde_json::from_str("\"52998224726\"").expect("kept raw");
    assert!(bruto.valido().is_none());
    assert!(!format!("{bruto:?}").contains("52998224726"));
}

/// D2 from configuration: `rotas` replaces the overrides at once (here E14 moved to the SERPRO
/// table's spelling); the `User-Agent` names the crate, its version and the app suffix.
#[tokio::test]
async fn rotas_e_user_agent() {
    let servidor = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/solicitacoes-cancelamento-entrada-estoque"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 9})))
        .expect(1)
        .mount(&servidor)
        .await;
    let url = url::Url::parse(&servidor.uri()).expect("url");
    let c = renave_ws_client::ClienteRenaveWs::builder()
        .ambiente(renave_ws_client::Ambiente::Local(url.clone()))
        // Trimmed, as the CET-MG builder does (one helper, `renave_http::user_agent`).
        .sufixo_user_agent("  minha-integradora/2.1\t")
        .rotas(renave_ws_client::RouteOverrides::new().with(
            "solicitar_cancelamento_entrada_estoque",
            renave_ws_client::Route::custom(
                HttpMethod::Post,
                "api/solicitacoes-cancelamento-entrada-estoque",
            ),
        ))
        .build()
        .expect("builds");
    let e = c
        .solicitar_cancelamento_entrada_estoque(&SolicitacaoCancelamentoEntradaEstoque {
            data_cancelamento_estoque: data("2026-09-26"),
            cpf_operador_responsavel: cpf(),
            veiculo: VeiculoCancelamentoEntrada {
                chassi: None,
                placa: placa(),
                renavam: renavam(),
                numero_crv: None,
                codigo_seguranca_crv: csc(),
            },
        })
        .await
        .expect("overridden route used");
    assert_eq!(e.id, Some(IdEstoque(9)));
    let req = &servidor.received_requests().await.expect("recorded")[0];
    let ua = req
        .headers
        .get("user-agent")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert_eq!(
        ua,
        format!(
            "renave-ws-client/{} minha-integradora/2.1",
            env!("CARGO_PKG_VERSION")
        )
    );
    // A suffix a header cannot carry is a configuration error, not a panic or a dropped header.
    let erro = renave_ws_client::ClienteRenaveWs::builder()
        .ambiente(renave_ws_client::Ambiente::Local(url))
        .sufixo_user_agent("integração\n")
        .build()
        .expect_err("non-ASCII suffix refused");
    assert!(
        matches!(erro, renave_ws_client::Erro::Configuracao { .. }),
        "{erro:?}"
    );
}

/// The field named by an `EntradaInvalida`; panics on anything else.
fn campo_de<T>(r: Result<T, Erro>) -> String {
    match r {
        Err(Erro::EntradaInvalida { campo, .. }) => campo,
        Err(outro) => panic!("expected EntradaInvalida, got {outro:?}"),
        Ok(_) => panic!("invalid input was accepted"),
    }
}

/// E3 and E15 with a bad e-mail or a blank buyer field, and E5 with an empty or non-base64
/// document, never reach the server: each is refused as `EntradaInvalida` naming its wire
/// field (the same rules as the transfer and zero-km bodies).
#[tokio::test]
async fn entrada_invalida_nao_e_enviada() {
    let servidor = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(201).set_body_raw("{}", "application/json"))
        .expect(0)
        .mount(&servidor)
        .await;
    let c = suporte_contrato::cliente(&servidor);

    let entrada =
        |email_vendedor: &str, email_estabelecimento: Option<&str>| SolicitacaoEntradaEstoque {
            cpf_operador_responsavel: cpf(),
            data_compra: data("2026-09-24"),
            valor_compra: valor(4_500_000),
            email_estabelecimento: email_estabelecimento.map(str::to_owned),
            email_vendedor: email_vendedor.to_owned(),
            veiculo: VeiculoEntradaEstoque {
                codigo_seguranca_crv: csc(),
                tipo_crv: TipoCrv::Digital,
                numero_crv: None,
                placa: placa(),
                renavam: renavam(),
                quilometragem_hodometro: 45000,
                data_hora_medicao_hodometro: data_hora("2026-09-24T10:00:00"),
                documento_proprietario_atual: CpfCnpj::Cpf(cpf()),
            },
        };
    assert!(entrada("vendedor@example.com", None).validar().is_ok());
    for (vendedor, loja, campo) in [
        ("", None, "emailVendedor"),
        ("vendedor", None, "emailVendedor"),
        ("vendedor @example.com", None, "emailVendedor"),
        (
            "vendedor@example.com",
            Some("loja@"),
            "emailEstabelecimento",
        ),
        ("vendedor@example.com", Some(""), "emailEstabelecimento"),
    ] {
        let r = c.solicitar_entrada_estoque(&entrada(vendedor, loja)).await;
        assert_eq!(campo_de(r), campo, "{vendedor:?} {loja:?}");
    }

    let saida = |email: &str, comprador: Comprador| SolicitacaoSaidaEstoque {
        data_venda: data("2026-10-01"),
        valor_venda: valor(5_200_050),
        cpf_operador_responsavel: cpf(),
        email_estabelecimento: email.to_owned(),
        comprador,
        veiculo: VeiculoSaidaEstoque {
            codigo_seguranca_crv: csc(),
            numero_crv: None,
            placa: placa(),
            renavam: renavam(),
        },
    };
    assert!(saida("loja@example.com", comprador()).validar().is_ok());
    let mut sem_nome = comprador();
    sem_nome.nome = "  ".to_owned();
    let mut email_ruim = comprador();
    email_ruim.email = "fulano.example.com".to_owned();
    let mut sem_numero = comprador();
    sem_numero.endereco.numero = String::new();
    for (email, comprador, campo) in [
        ("", comprador(), "emailEstabelecimento"),
        ("loja@example.com", sem_nome, "comprador.nome"),
        ("loja@example.com", email_ruim, "comprador.email"),
        ("loja@example.com", sem_numero, "comprador.endereco.numero"),
    ] {
        let r = c.solicitar_saida_estoque(&saida(email, comprador)).await;
        assert_eq!(campo_de(r), campo);
    }

    for (assinatura, campo) in [
        (
            AssinaturaVendedor::ProprioPunhoAtpve {
                foto_atpve_assinado: DocumentoBase64(String::new()),
            },
            "fotoAtpveAssinadoDeProprioPunhoBase64",
        ),
        (
            AssinaturaVendedor::ProprioPunhoAtpvPapelMoeda {
                foto_atpv_papel_moeda_assinado: DocumentoBase64("não é base64!".to_owned()),
            },
            "fotoAtpvPapelMoedaAssinadoBase64",
        ),
        (
            AssinaturaVendedor::QualificadaP7sSobreXmlAtpve {
                assinatura_qualificada_p7s: DocumentoBase64("%%%".to_owned()),
            },
            "assinaturaQualificadaP7sBase64",
        ),
        (
            AssinaturaVendedor::QualificadaP7sSobreFotoAtpvPapelMoeda {
                assinatura_qualificada_p7s: DocumentoBase64::codificar(b"p7s"),
                foto_atpv_papel_moeda_sem_assinatura: Some(DocumentoBase64(" ".to_owned())),
            },
            "fotoAtpvPapelMoedaSemAssinaturaBase64",
        ),
    ] {
        let r = c
            .enviar_assinatura_vendedor_atpv(&EnvioAssinaturaVendedor {
                id_estoque: IdEstoque(101),
                assinatura,
            })
            .await;
        assert_eq!(campo_de(r), campo);
    }
    // `expect(0)` is verified when the server is dropped; say it here too.
    let recebidas = servidor.received_requests().await.expect("recorded");
    assert!(recebidas.is_empty(), "{} request(s) sent", recebidas.len());
}
