//! Tests of the per-operation fixtures of the feature `simulador` (`simulador::fixtures`): for
//! every operation the success fixture answers the real client's call and decodes into the
//! operation's response type with valid identifiers and no unmodelled field; every canned
//! error yields the expected error kind and SERPRO fields; priorities, base paths, route
//! overrides, expected call counts; the simulator re-export.

#![cfg(feature = "simulador")]

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use renave_domain::{
    Cep, Chassi, ChaveNfe, Cnpj, CodigoMunicipio, CodigoSegurancaCrv, Cpf, CpfCnpj, Data, DataHora,
    EstadoAutorizacaoTransferencia, EstadoEstoque, EventoNotaFiscal, MotivoDevolucaoMontadora,
    MotivoRejeicao, Placa, Renavam, TipoCrv, Uf, Valor,
};
use renave_http::Endpoint;
use renave_ws_client::modelos::{
    AutorizacaoTransferencia, Bairro, Comprador, DocumentoBase64, EnderecoComprador, Entrega,
    Estoque, IdAtpv, IdAutorizacao, IdEntrega, IdEstoque, Logradouro, Recebido,
};
use renave_ws_client::operacoes::transferencias::{
    self as tr, AutorizacaoTransferenciaEntreEstabelecimentos, AutorizacaoTransferenciaParaIte,
    CancelamentoAutorizacaoTransferencia, FiltroAutorizacoesTransferencias,
    SaidaEstoqueVeiculoInacabado, SolicitacaoCancelamentoSaida,
    SolicitacaoTransferenciaEntreEstabelecimentos, SolicitacaoTransferenciaEntreFiliais,
    TransferenciaEstoqueVindoDeIte, VeiculoTransferenciaEntreFiliais,
};
use renave_ws_client::operacoes::usados::{
    self as us, AssinaturaVendedor, ConsultaAptidao, ConsultaEstoques, ConsultaMunicipios,
    EnvioAssinaturaVendedor, EnvioNotaFiscal, SolicitacaoCancelamentoEntradaEstoque,
    SolicitacaoCancelamentoSaidaEstoque, SolicitacaoEntradaEstoque,
    SolicitacaoEntradaEstoqueVeiculoProprio, SolicitacaoSaidaEstoque, VeiculoCancelamentoEntrada,
    VeiculoEntradaEstoque, VeiculoEntradaEstoqueProprio, VeiculoSaidaEstoque,
};
use renave_ws_client::operacoes::zero_km::{
    self as zk, AutorizacaoTransferenciaVeiculoZeroKm, CancelamentoEntradaEstoqueZeroKm,
    CancelamentoRejeicaoVeiculoZeroKm, DevolucaoMontadoraVeiculoZeroKm, EntradaEstoqueZeroKm,
    FiltroEntregasVeiculoZeroKm, OperacaoEntregaVeiculoZeroKm, RejeicaoVeiculoZeroKm,
    SaidaEstoqueVeiculoInacabadoRenovar, SaidaEstoqueVeiculoZeroKm,
    SaidaEstoqueVeiculoZeroKmRenovar, TransferenciaVeiculoZeroKm,
};
use renave_ws_client::simulador::fixtures::{self as fx, Corpo, ErroFixture, Fixture, Operacao};
use renave_ws_client::simulador::{PRIORIDADE_SIMULADOR, SimuladorRenaveWs};
use renave_ws_client::{
    Ambiente, ClienteRenaveWs, ClienteRenaveWsBuilder, ErroRenaveWs, HttpMethod, RenaveWsUsados,
    RetryPolicy, Route,
};
use renave_ws_client::{RenaveWsTransferencias, RenaveWsZeroKm};
use serde_json::Value;
use wiremock::MockServer;

// ---------------------------------------------------------------------------------------------
// Client and sample input
// ---------------------------------------------------------------------------------------------

/// Attempts of the test retry policy (a read answered 502/503 is sent this many times).
const TENTATIVAS: u32 = 3;

fn builder(base: &str) -> ClienteRenaveWsBuilder {
    let url = url::Url::parse(base).expect("wiremock URI is a URL");
    ClienteRenaveWs::builder()
        .ambiente(Ambiente::Personalizado(url))
        .allow_http(true)
        .retry(RetryPolicy {
            max_attempts: TENTATIVAS,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(5),
            max_retry_after: Duration::from_millis(5),
            jitter: false,
        })
}

fn cliente(servidor: &MockServer) -> ClienteRenaveWs {
    builder(&servidor.uri())
        .build()
        .expect("test client builds")
}

fn cpf() -> Cpf {
    fx::CPF_OPERADOR.parse().expect("valid CPF")
}
fn cnpj(s: &str) -> Cnpj {
    s.parse().expect("valid CNPJ")
}
fn chassi_usado() -> Chassi {
    fx::CHASSI_USADO.parse().expect("valid chassi")
}
fn chassi_zero_km() -> Chassi {
    fx::CHASSI_ZERO_KM.parse().expect("valid chassi")
}
fn placa() -> Placa {
    fx::PLACA.parse().expect("valid placa")
}
fn renavam() -> Renavam {
    fx::RENAVAM.parse().expect("valid RENAVAM")
}
fn csc() -> CodigoSegurancaCrv {
    fx::CODIGO_SEGURANCA_CRV.parse().expect("valid CRV code")
}
fn chave(s: &str) -> ChaveNfe {
    s.parse().expect("valid NF-e key")
}
fn data(s: &str) -> Data {
    s.parse().expect("valid date")
}
fn data_hora(s: &str) -> DataHora {
    s.parse().expect("valid date-time")
}
fn valor(s: &str) -> Valor {
    s.parse().expect("valid amount")
}

fn comprador() -> Comprador {
    Comprador {
        documento: CpfCnpj::Cpf(fx::CPF_PARTICULAR.parse().expect("valid CPF")),
        nome: "FULANO DE TAL".to_owned(),
        email: "fulano@example.com".to_owned(),
        endereco: EnderecoComprador {
            codigo_municipio: fx::CODIGO_MUNICIPIO
                .parse::<CodigoMunicipio>()
                .expect("valid municipality"),
            cep: "30130010".parse::<Cep>().expect("valid CEP"),
            logradouro: Logradouro::new("RUA DA BAHIA").expect("short enough"),
            numero: "100".to_owned(),
            bairro: Bairro::new("CENTRO").expect("short enough"),
            complemento: None,
        },
    }
}

fn saida_zero_km() -> SaidaEstoqueVeiculoZeroKm {
    SaidaEstoqueVeiculoZeroKm {
        id_estoque: IdEstoque(fx::ID_ESTOQUE),
        chave_nota_fiscal: chave(fx::CHAVE_NFE_VENDA),
        data_venda: data_hora("2026-10-01T16:45:00"),
        valor_venda: valor("129990.90"),
        cpf_operador_responsavel: cpf(),
        email_estabelecimento: "vendas@example.com".to_owned(),
        comprador: comprador(),
    }
}

fn saida_inacabado() -> SaidaEstoqueVeiculoInacabado {
    SaidaEstoqueVeiculoInacabado {
        id_estoque: IdEstoque(fx::ID_ESTOQUE),
        chave_nota_fiscal: chave(fx::CHAVE_NFE_VENDA),
        comprador: comprador(),
        cpf_operador_responsavel: cpf(),
        data_venda: data_hora("2026-10-01T16:45:00"),
        email_estabelecimento: "vendas@example.com".to_owned(),
        valor_venda: valor("80000.01"),
        leasing_veiculo_inacabado: Some(false),
        entrega_indicada: None,
        tipo_beneficio_tributario: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Checks of the decoded answers against the fixture's own body
// ---------------------------------------------------------------------------------------------

/// The canned success body of `nome`.
fn corpo(nome: &str) -> Value {
    fx::por_nome(nome)
        .and_then(Operacao::corpo_sucesso)
        .unwrap_or_else(|| panic!("{nome}: a JSON success body"))
}

fn texto<'a>(j: &'a Value, campo: &str) -> Option<&'a str> {
    j.get(campo).and_then(Value::as_str)
}

/// A received identifier that the fixture sends must be valid by the domain rule and equal.
fn conferir_recebido<T: AsRef<str>>(nome: &str, campo: &str, r: Option<&Recebido<T>>, j: &Value) {
    match texto(j, campo) {
        Some(esperado) => {
            let r = r.unwrap_or_else(|| panic!("{nome}: `{campo}` decoded"));
            assert!(r.valido().is_some(), "{nome}: `{campo}` is valid");
            assert_eq!(r.as_str(), esperado, "{nome}: `{campo}`");
        }
        None => assert!(r.is_none(), "{nome}: `{campo}` absent"),
    }
}

fn conferir_estoque(nome: &str, e: &Estoque, j: &Value) {
    assert_eq!(
        e.id.map(|i| i.0),
        j.get("id").and_then(Value::as_i64),
        "{nome}: id"
    );
    assert_eq!(
        e.estado.as_ref().map(EstadoEstoque::as_str),
        texto(j, "estado"),
        "{nome}: estado"
    );
    assert!(
        matches!(
            e.estado,
            Some(
                EstadoEstoque::Solicitado
                    | EstadoEstoque::Transferido
                    | EstadoEstoque::Confirmado
                    | EstadoEstoque::Finalizado
            )
        ),
        "{nome}: a documented stock state"
    );
    conferir_recebido(nome, "chassi", e.chassi.as_ref(), j);
    conferir_recebido(nome, "placa", e.placa.as_ref(), j);
    conferir_recebido(nome, "renavam", e.renavam.as_ref(), j);
    assert!(e.extras.is_empty(), "{nome}: unmodelled {:?}", e.extras);
    let entrada = e.entrada_estoque.as_ref().expect("entradaEstoque");
    assert!(entrada.extras.is_empty(), "{nome}: {:?}", entrada.extras);
    assert!(
        entrada
            .cpf_operador_responsavel
            .as_ref()
            .and_then(Recebido::valido)
            .is_some(),
        "{nome}: operator CPF"
    );
    if let Some(s) = &e.saida_estoque {
        assert!(s.extras.is_empty(), "{nome}: {:?}", s.extras);
        assert!(
            s.chave_nota_fiscal_saida
                .as_ref()
                .and_then(Recebido::valido)
                .is_some(),
            "{nome}: NF-e key"
        );
        let c = s.comprador.as_ref().expect("comprador");
        assert!(
            c.numero_documento
                .as_ref()
                .and_then(Recebido::valido)
                .is_some()
        );
        let m = c
            .endereco
            .as_ref()
            .and_then(|e| e.municipio.as_ref())
            .expect("municipio");
        assert!(m.id.as_ref().and_then(Recebido::valido).is_some());
        assert_eq!(m.uf.as_ref().and_then(Recebido::valido), Some(&Uf::Mg));
    }
}

fn conferir_autorizacao(nome: &str, a: &AutorizacaoTransferencia, j: &Value) {
    assert_eq!(
        a.id.map(|i| i.0),
        j.get("id").and_then(Value::as_i64),
        "{nome}"
    );
    assert_eq!(
        a.estado_autorizacao_transferencia
            .as_ref()
            .map(EstadoAutorizacaoTransferencia::as_str),
        texto(j, "estadoAutorizacaoTransferencia"),
        "{nome}"
    );
    assert!(matches!(
        a.estado_autorizacao_transferencia,
        Some(EstadoAutorizacaoTransferencia::Criada | EstadoAutorizacaoTransferencia::Cancelada)
    ));
    conferir_recebido(nome, "chassi", a.chassi.as_ref(), j);
    conferir_recebido(nome, "placaVeiculo", a.placa_veiculo.as_ref(), j);
    conferir_recebido(
        nome,
        "cnpjEstabelecimentoAutorizador",
        a.cnpj_estabelecimento_autorizador.as_ref(),
        j,
    );
    conferir_recebido(
        nome,
        "cnpjEstabelecimentoDestino",
        a.cnpj_estabelecimento_destino.as_ref(),
        j,
    );
    conferir_recebido(
        nome,
        "cpfOperadorResponsavelAutorizacao",
        a.cpf_operador_responsavel_autorizacao.as_ref(),
        j,
    );
    assert!(a.extras.is_empty(), "{nome}: unmodelled {:?}", a.extras);
}

fn conferir_entrega(nome: &str, e: &Entrega, j: &Value) {
    assert_eq!(
        e.id.map(|i| i.0),
        j.get("id").and_then(Value::as_i64),
        "{nome}"
    );
    assert_eq!(e.estado.as_deref(), texto(j, "estado"), "{nome}");
    conferir_recebido(nome, "chassi", e.chassi.as_ref(), j);
    conferir_recebido(
        nome,
        "cnpjEstabelecimentoEntregador",
        e.cnpj_estabelecimento_entregador.as_ref(),
        j,
    );
    conferir_recebido(
        nome,
        "cnpjEstabelecimentoVendedor",
        e.cnpj_estabelecimento_vendedor.as_ref(),
        j,
    );
    assert!(e.extras.is_empty(), "{nome}: unmodelled {:?}", e.extras);
}

// ---------------------------------------------------------------------------------------------
// Driving the client by operation name
// ---------------------------------------------------------------------------------------------

type Futuro = Pin<Box<dyn Future<Output = Result<(), ErroRenaveWs>> + Send>>;

/// Calls the operation `nome` with valid sample input and checks the decoded answer against
/// the fixture's success body. An operation this table does not know fails the test.
#[allow(clippy::too_many_lines)]
fn chamar(nome: &'static str, c: ClienteRenaveWs) -> Futuro {
    Box::pin(async move {
        match nome {
            // E1–E22 less E21
            "consultar_cliente_autenticado" => {
                let r = c.consultar_cliente_autenticado().await?;
                let j = corpo(nome);
                conferir_recebido(nome, "cnpj", r.cnpj.as_ref(), &j);
                assert_eq!(r.nome.as_deref(), Some(fx::NOME_ESTABELECIMENTO));
                let end = r.endereco.as_ref().expect("endereco");
                assert!(end.cep.as_ref().and_then(Recebido::valido).is_some());
                let m = end.municipio.as_ref().expect("municipio");
                assert!(m.id.as_ref().and_then(Recebido::valido).is_some());
                assert!(r.extras.is_empty() && end.extras.is_empty());
            }
            "consultar_aptidao_veiculo_estoque" => {
                let r = c
                    .consultar_aptidao_veiculo_estoque(&ConsultaAptidao {
                        placa: Some(placa()),
                        renavam: Some(renavam()),
                        numero_crv: None,
                        tipo_crv: TipoCrv::Digital,
                    })
                    .await?;
                assert!(r.is_apto());
                let v = r.veiculo.as_ref().expect("veiculo");
                let jv = corpo(nome)["veiculo"].clone();
                conferir_recebido(nome, "chassi", v.chassi.as_ref(), &jv);
                conferir_recebido(nome, "placa", v.placa.as_ref(), &jv);
                conferir_recebido(nome, "renavam", v.renavam.as_ref(), &jv);
                assert!(r.extras.is_empty() && v.extras.is_empty());
                let d = r.diagnostico.as_ref().expect("diagnostico");
                assert!(d.extras.is_empty(), "{:?}", d.extras);
                let deb = r.informacoes_debitos.as_ref().expect("debitos");
                assert!(deb.extras.is_empty(), "{:?}", deb.extras);
            }
            "solicitar_entrada_estoque" => {
                let e = c
                    .solicitar_entrada_estoque(&SolicitacaoEntradaEstoque {
                        cpf_operador_responsavel: cpf(),
                        data_compra: data("2026-09-24"),
                        valor_compra: valor("45000.00"),
                        email_estabelecimento: Some("loja@example.com".to_owned()),
                        email_vendedor: "vendedor@example.com".to_owned(),
                        veiculo: VeiculoEntradaEstoque {
                            codigo_seguranca_crv: csc(),
                            tipo_crv: TipoCrv::Digital,
                            numero_crv: None,
                            placa: placa(),
                            renavam: renavam(),
                            quilometragem_hodometro: 45_000,
                            data_hora_medicao_hodometro: data_hora("2026-09-24T10:00:00"),
                            documento_proprietario_atual: CpfCnpj::Cpf(
                                fx::CPF_PARTICULAR.parse().expect("valid CPF"),
                            ),
                        },
                    })
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
            }
            "solicitar_entrada_estoque_veiculo_proprio" => {
                let e = c
                    .solicitar_entrada_estoque_veiculo_proprio(
                        &SolicitacaoEntradaEstoqueVeiculoProprio {
                            cpf_operador_responsavel: cpf(),
                            data_entrada_estoque: data("2026-09-25"),
                            veiculo: VeiculoEntradaEstoqueProprio {
                                codigo_seguranca_crv: csc(),
                                data_hora_medicao_hodometro: data_hora("2026-09-25T08:30:00"),
                                quilometragem_hodometro: 12,
                                tipo_crv: TipoCrv::Digital,
                                numero_crv: None,
                                placa: Some(placa()),
                                renavam: Some(renavam()),
                            },
                        },
                    )
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
            }
            "enviar_assinatura_vendedor_atpv" => {
                let r = c
                    .enviar_assinatura_vendedor_atpv(&EnvioAssinaturaVendedor {
                        id_estoque: IdEstoque(fx::ID_ESTOQUE),
                        assinatura: AssinaturaVendedor::ProprioPunhoAtpve {
                            foto_atpve_assinado: DocumentoBase64::codificar(&[0xFF, 0xD8, 0xFF]),
                        },
                    })
                    .await?;
                assert_eq!(
                    r.status,
                    fx::ENVIAR_ASSINATURA_VENDEDOR_ATPV.status_sucesso()
                );
                assert!(r.corpo.is_none());
            }
            "consultar_ultima_assinatura_atpv" => {
                let r = c
                    .consultar_ultima_assinatura_atpv(&placa(), &renavam())
                    .await?;
                let j = corpo(nome);
                conferir_recebido(nome, "chassi", r.chassi.as_ref(), &j);
                conferir_recebido(nome, "placa", r.placa.as_ref(), &j);
                conferir_recebido(nome, "renavam", r.renavam.as_ref(), &j);
                conferir_recebido(
                    nome,
                    "codigoSegurancaCrv",
                    r.codigo_seguranca_crv.as_ref(),
                    &j,
                );
                conferir_recebido(
                    nome,
                    "numeroDocumentoComprador",
                    r.numero_documento_comprador.as_ref(),
                    &j,
                );
                conferir_recebido(
                    nome,
                    "numeroDocumentoVendedor",
                    r.numero_documento_vendedor.as_ref(),
                    &j,
                );
                assert!(r.estado_intencao_venda.is_some() && r.tipo_assinatura_vendedor.is_some());
                let xml = r
                    .xml_atpve_base64
                    .as_ref()
                    .expect("xml")
                    .bytes("xmlAtpveBase64")?;
                assert_eq!(xml, fx::XML_ATPV_EXEMPLO.as_bytes());
                assert!(r.extras.is_empty(), "{:?}", r.extras);
            }
            "obter_pdf_atpv" | "obter_pdf_atpv_por_placa_renavam" | "obter_atpv_por_id" => {
                let r = match nome {
                    "obter_pdf_atpv" => c.obter_pdf_atpv(&chassi_usado()).await?,
                    "obter_pdf_atpv_por_placa_renavam" => {
                        c.obter_pdf_atpv_por_placa_renavam(&placa(), &renavam())
                            .await?
                    }
                    _ => c.obter_atpv_por_id(IdAtpv(77)).await?,
                };
                assert_eq!(r.pdf()?, fx::PDF_EXEMPLO);
                assert_eq!(r.xml()?, fx::XML_ATPV_EXEMPLO.as_bytes());
                assert_eq!(r.numero_atpv.as_deref(), texto(&corpo(nome), "numeroAtpv"));
                assert!(r.extras.is_empty());
            }
            "enviar_nota_fiscal" => {
                let r = c
                    .enviar_nota_fiscal(&EnvioNotaFiscal {
                        chave_nota_fiscal: chave(fx::CHAVE_NFE_COMPRA),
                        evento: EventoNotaFiscal::Compra,
                        id_estoque: IdEstoque(fx::ID_ESTOQUE),
                    })
                    .await?;
                assert_eq!(r.status, 200);
                assert!(r.corpo.is_none());
            }
            "consultar_estoques" => {
                let v = c
                    .consultar_estoques(&ConsultaEstoques {
                        chassi: Some(chassi_usado()),
                        placa: None,
                        estado_estoque: Some(EstadoEstoque::Confirmado),
                    })
                    .await?;
                let j = corpo(nome);
                assert_eq!(v.len(), j.as_array().map_or(0, Vec::len));
                assert!(!v.is_empty());
                for (e, je) in v.iter().zip(j.as_array().into_iter().flatten()) {
                    conferir_estoque(nome, e, je);
                }
            }
            "consultar_estoque" => {
                let e = c.consultar_estoque(IdEstoque(fx::ID_ESTOQUE)).await?;
                conferir_estoque(nome, &e, &corpo(nome));
            }
            "obter_termo_entrada_estoque" => {
                let t = c
                    .obter_termo_entrada_estoque(IdEstoque(fx::ID_ESTOQUE))
                    .await?;
                assert_eq!(t.pdf()?, fx::PDF_EXEMPLO);
                assert!(t.numero_termo_entrada_estoque.is_some() && t.extras.is_empty());
            }
            "solicitar_cancelamento_entrada_estoque" => {
                let e = c
                    .solicitar_cancelamento_entrada_estoque(
                        &SolicitacaoCancelamentoEntradaEstoque {
                            data_cancelamento_estoque: data("2026-09-26"),
                            cpf_operador_responsavel: cpf(),
                            veiculo: VeiculoCancelamentoEntrada {
                                chassi: Some(chassi_usado()),
                                placa: placa(),
                                renavam: renavam(),
                                numero_crv: None,
                                codigo_seguranca_crv: csc(),
                            },
                        },
                    )
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
                let canc = e.cancelamento_estoque.as_ref().expect("cancelamento");
                assert!(canc.data_hora_cancelamento_estoque.is_some() && canc.extras.is_empty());
            }
            "solicitar_saida_estoque" => {
                let e = c
                    .solicitar_saida_estoque(&SolicitacaoSaidaEstoque {
                        data_venda: data("2026-10-01"),
                        valor_venda: valor("52000.50"),
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
                conferir_estoque(nome, &e, &corpo(nome));
                let s = e.saida_estoque.as_ref().expect("saida");
                assert_eq!(s.motivo, Some(renave_domain::MotivoSaida::Venda));
            }
            "obter_termo_saida_estoque" => {
                let t = c
                    .obter_termo_saida_estoque(IdEstoque(fx::ID_ESTOQUE))
                    .await?;
                assert_eq!(t.pdf()?, fx::PDF_EXEMPLO);
                assert!(t.numero_termo_saida_estoque.is_some() && t.extras.is_empty());
            }
            "solicitar_cancelamento_saida_estoque" => {
                let e = c
                    .solicitar_cancelamento_saida_estoque(&SolicitacaoCancelamentoSaidaEstoque {
                        id_estoque: IdEstoque(fx::ID_ESTOQUE),
                        data_cancelamento_saida_estoque: data("2026-10-02"),
                        cpf_operador_responsavel: cpf(),
                    })
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
                assert_eq!(
                    e.id_estoque_gerado_no_cancelamento_saida(),
                    Some(IdEstoque(fx::ID_ESTOQUE_GERADO))
                );
            }
            "obter_crlve" | "obter_pdf_codigo_seguranca_crv" => {
                let r = if nome == "obter_crlve" {
                    let r = c.obter_crlve(&placa(), &renavam()).await?;
                    assert_eq!(r.pdf()?, fx::PDF_EXEMPLO);
                    r
                } else {
                    c.obter_pdf_codigo_seguranca_crv(&placa(), &renavam())
                        .await?
                };
                assert_eq!(r.pdf_codigo_seguranca_crv()?, fx::PDF_EXEMPLO);
                let j = corpo(nome);
                conferir_recebido(nome, "placa", r.placa.as_ref(), &j);
                conferir_recebido(nome, "renavam", r.renavam.as_ref(), &j);
                conferir_recebido(
                    nome,
                    "cnpjEstabelecimento",
                    r.cnpj_estabelecimento.as_ref(),
                    &j,
                );
                assert!(r.extras.is_empty());
            }
            "consultar_municipios" => {
                let v = c
                    .consultar_municipios(&ConsultaMunicipios {
                        nome: Some("BELO HORIZONTE".to_owned()),
                        uf: Some(Uf::Mg),
                    })
                    .await?;
                let m = v.first().expect("one municipality");
                assert_eq!(
                    m.id.as_ref().and_then(Recebido::valido).map(AsRef::as_ref),
                    Some(fx::CODIGO_MUNICIPIO)
                );
                assert_eq!(m.uf.as_ref().and_then(Recebido::valido), Some(&Uf::Mg));
            }
            "consultar_veiculo" => {
                let v = c.consultar_veiculo(&chassi_usado()).await?;
                let j = corpo(nome);
                conferir_recebido(nome, "chassi", v.chassi.as_ref(), &j);
                conferir_recebido(nome, "placa", v.placa.as_ref(), &j);
                conferir_recebido(nome, "renavam", v.renavam.as_ref(), &j);
                assert!(v.extras.is_empty());
            }
            // E23–E32
            "consultar_autorizacoes_transferencias" => {
                let v = c
                    .consultar_autorizacoes_transferencias(&FiltroAutorizacoesTransferencias {
                        chassi: Some(chassi_usado()),
                        estado_autorizacao: Some(EstadoAutorizacaoTransferencia::Criada),
                        placa: None,
                    })
                    .await?;
                let j = corpo(nome);
                assert!(!v.is_empty());
                assert_eq!(v.len(), j.as_array().map_or(0, Vec::len));
                for (a, ja) in v.iter().zip(j.as_array().into_iter().flatten()) {
                    conferir_autorizacao(nome, a, ja);
                }
            }
            "autorizar_transferencia_entre_estabelecimentos" => {
                let a = c
                    .autorizar_transferencia_entre_estabelecimentos(
                        &AutorizacaoTransferenciaEntreEstabelecimentos {
                            cnpj_estabelecimento_destino: cnpj(fx::CNPJ_OUTRO_ESTABELECIMENTO),
                            cpf_operador_responsavel: cpf(),
                            email_estabelecimento_origem: "loja@example.com".to_owned(),
                            placa_veiculo: placa(),
                            valor_venda: valor("45000.99"),
                        },
                    )
                    .await?;
                conferir_autorizacao(nome, &a, &corpo(nome));
            }
            "cancelar_autorizacao_transferencia"
            | "cancelar_autorizacao_transferencia_para_ite"
            | "cancelar_autorizacao_transferencia_veiculo_zero_km" => {
                let cancelamento = CancelamentoAutorizacaoTransferencia {
                    cpf_operador_responsavel: cpf(),
                    id_autorizacao: IdAutorizacao(fx::ID_AUTORIZACAO),
                };
                let a = match nome {
                    "cancelar_autorizacao_transferencia" => {
                        c.cancelar_autorizacao_transferencia(&cancelamento).await?
                    }
                    "cancelar_autorizacao_transferencia_para_ite" => {
                        c.cancelar_autorizacao_transferencia_para_ite(&cancelamento)
                            .await?
                    }
                    _ => {
                        c.cancelar_autorizacao_transferencia_veiculo_zero_km(&cancelamento)
                            .await?
                    }
                };
                conferir_autorizacao(nome, &a, &corpo(nome));
                assert_eq!(
                    a.estado_autorizacao_transferencia,
                    Some(EstadoAutorizacaoTransferencia::Cancelada)
                );
                assert!(a.data_hora_cancelamento.is_some());
            }
            "solicitar_transferencia_entre_estabelecimentos" => {
                let e = c
                    .solicitar_transferencia_entre_estabelecimentos(
                        &SolicitacaoTransferenciaEntreEstabelecimentos {
                            id_autorizacao: IdAutorizacao(fx::ID_AUTORIZACAO),
                            cpf_operador_responsavel: cpf(),
                            data_transferencia_estoque: data_hora("2026-09-28T10:30:00"),
                            data_hora_medicao_hodometro: data_hora("2026-09-28T09:00:00"),
                            quilometragem_hodometro: 45_100,
                            valor_compra: Some(valor("44000.50")),
                        },
                    )
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
                assert_eq!(
                    e.id_estoque_origem_transferencia,
                    Some(IdEstoque(fx::ID_ESTOQUE))
                );
            }
            "solicitar_transferencia_entre_filiais" => {
                let e = c
                    .solicitar_transferencia_entre_filiais(&SolicitacaoTransferenciaEntreFiliais {
                        cnpj_estabelecimento_origem_transferencia: cnpj(
                            fx::CNPJ_OUTRO_ESTABELECIMENTO,
                        ),
                        cpf_operador_responsavel: cpf(),
                        data_transferencia_estoque: data_hora("2026-09-28T10:30:00"),
                        email_estabelecimento_solicitante: "filial@example.com".to_owned(),
                        veiculo: VeiculoTransferenciaEntreFiliais {
                            data_hora_medicao_hodometro: data_hora("2026-09-28T09:00:00"),
                            placa: placa(),
                            quilometragem_hodometro: 45_100,
                            renavam: renavam(),
                        },
                    })
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
            }
            "transferir_estoque_vindo_de_ite" => {
                let e = c
                    .transferir_estoque_vindo_de_ite(&TransferenciaEstoqueVindoDeIte {
                        chave_nota_fiscal_produto: chave(fx::CHAVE_NFE_COMPRA),
                        chave_nota_fiscal_remessa: None,
                        chave_nota_fiscal_servico: None,
                        cpf_operador_responsavel: cpf(),
                        data_hora_medicao_hodometro: data_hora("2026-09-28T09:00:00"),
                        data_transferencia_estoque: data_hora("2026-09-28T10:30:00"),
                        id_autorizacao: IdAutorizacao(fx::ID_AUTORIZACAO),
                        quilometragem_hodometro: 12,
                        valor_produto: valor("150000.25"),
                    })
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
            }
            "autorizar_transferencia_para_ite" => {
                let a = c
                    .autorizar_transferencia_para_ite(&AutorizacaoTransferenciaParaIte {
                        chave_nota_fiscal_produto_saida: chave(fx::CHAVE_NFE_VENDA),
                        cnpj_ite_destino: cnpj(fx::CNPJ_OUTRO_ESTABELECIMENTO),
                        cpf_operador_responsavel: cpf(),
                        id_estoque_origem: IdEstoque(fx::ID_ESTOQUE),
                        tipo_beneficio_tributario: None,
                    })
                    .await?;
                conferir_autorizacao(nome, &a, &corpo(nome));
                assert_eq!(a.para_ite, Some(true));
            }
            "registrar_saida_estoque_veiculo_inacabado" => {
                let e = c
                    .registrar_saida_estoque_veiculo_inacabado(&saida_inacabado())
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
            }
            "cancelar_saida_estoque_veiculo_inacabado" | "cancelar_saida_estoque_zero_km" => {
                let cancelamento = SolicitacaoCancelamentoSaida {
                    cpf_operador_responsavel: cpf(),
                    data_cancelamento_saida_estoque: data("2026-10-02"),
                    id_estoque: IdEstoque(fx::ID_ESTOQUE),
                };
                let e = if nome == "cancelar_saida_estoque_zero_km" {
                    c.cancelar_saida_estoque_zero_km(&cancelamento).await?
                } else {
                    c.cancelar_saida_estoque_veiculo_inacabado(&cancelamento)
                        .await?
                };
                conferir_estoque(nome, &e, &corpo(nome));
                assert_eq!(
                    e.id_estoque_gerado_no_cancelamento_saida(),
                    Some(IdEstoque(fx::ID_ESTOQUE_GERADO))
                );
            }
            // Z1–Z16
            "consultar_veiculos_zero_km_pendentes_entrada_estoque" => {
                let v = c
                    .consultar_veiculos_zero_km_pendentes_entrada_estoque(Some(&chassi_zero_km()))
                    .await?;
                let p = v.first().expect("one pending vehicle");
                assert_eq!(p.chassi_valido(), Some(&chassi_zero_km()));
                assert!(p.data_hora_cadastro.is_some() && p.extras.is_empty());
            }
            "registrar_entrada_estoque_zero_km" => {
                let e = c
                    .registrar_entrada_estoque_zero_km(&EntradaEstoqueZeroKm {
                        chassi: chassi_zero_km(),
                        chave_nota_fiscal: chave(fx::CHAVE_NFE_COMPRA),
                        valor_compra: valor("89990.45"),
                        data_entrada_estoque: data_hora("2026-09-02T10:00:00"),
                        data_hora_medicao_hodometro: data_hora("2026-09-02T09:30:00"),
                        quilometragem_hodometro: 0,
                        cpf_operador_responsavel: cpf(),
                    })
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
                assert_eq!(e.chassi_valido(), Some(&chassi_zero_km()));
            }
            "registrar_saida_estoque_veiculo_zero_km" => {
                let e = c
                    .registrar_saida_estoque_veiculo_zero_km(&saida_zero_km())
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
            }
            "cancelar_entrada_estoque_zero_km" => {
                let e = c
                    .cancelar_entrada_estoque_zero_km(&CancelamentoEntradaEstoqueZeroKm {
                        cpf_operador_responsavel: cpf(),
                        data_cancelamento_entrada_estoque: data("2026-09-03"),
                        id_estoque: IdEstoque(fx::ID_ESTOQUE),
                    })
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
                assert!(e.cancelamento_estoque.is_some());
            }
            "autorizar_transferencia_veiculo_zero_km" => {
                let a = c
                    .autorizar_transferencia_veiculo_zero_km(
                        &AutorizacaoTransferenciaVeiculoZeroKm {
                            id_estoque: IdEstoque(fx::ID_ESTOQUE),
                            cnpj_estabelecimento_destino: cnpj(fx::CNPJ_OUTRO_ESTABELECIMENTO),
                            valor_venda: valor("91000.50"),
                            cpf_operador_responsavel: cpf(),
                            data_transferencia: Some(data_hora("2026-09-28T10:00:00")),
                        },
                    )
                    .await?;
                conferir_autorizacao(nome, &a, &corpo(nome));
                assert_eq!(a.estoque_origem_de_veiculo_zero_km, Some(true));
            }
            "transferir_entre_estabelecimentos_veiculo_zero_km" => {
                let t = TransferenciaVeiculoZeroKm::new(
                    chassi_zero_km(),
                    IdAutorizacao(fx::ID_AUTORIZACAO),
                    data_hora("2026-09-28T11:00:00"),
                    0,
                    valor("91000.50"),
                    cpf(),
                );
                let e = c
                    .transferir_entre_estabelecimentos_veiculo_zero_km(&t)
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
            }
            "devolver_montadora_veiculo_zero_km" => {
                let e = c
                    .devolver_montadora_veiculo_zero_km(&DevolucaoMontadoraVeiculoZeroKm {
                        chave_nota_fiscal: chave(fx::CHAVE_NFE_VENDA),
                        cpf_operador_responsavel: cpf(),
                        data_devolucao: data_hora("2026-09-05T14:00:00"),
                        id_estoque: IdEstoque(fx::ID_ESTOQUE),
                        motivo_devolucao_montadora: MotivoDevolucaoMontadora::Avarias,
                    })
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
                assert_eq!(
                    e.saida_estoque.as_ref().and_then(|s| s.motivo.clone()),
                    Some(renave_domain::MotivoSaida::DevolucaoMontadora)
                );
            }
            "rejeitar_veiculo_zero_km" => {
                let r = c
                    .rejeitar_veiculo_zero_km(&RejeicaoVeiculoZeroKm {
                        chassi: chassi_zero_km(),
                        cpf_operador_responsavel: cpf(),
                        motivo_rejeicao: MotivoRejeicao::ErroOperacionalMontadora,
                    })
                    .await?;
                assert_eq!(r.status, 201);
                assert!(r.corpo.is_none());
            }
            "cancelar_rejeicao_veiculo_zero_km" => {
                let r = c
                    .cancelar_rejeicao_veiculo_zero_km(&CancelamentoRejeicaoVeiculoZeroKm {
                        chassi: chassi_zero_km(),
                        cpf_operador_responsavel: cpf(),
                    })
                    .await?;
                assert_eq!(r.status, 200);
                assert!(r.corpo.is_none());
            }
            "consultar_entregas_veiculo_zero_km" => {
                let v = c
                    .consultar_entregas_veiculo_zero_km(&FiltroEntregasVeiculoZeroKm {
                        cnpj_montadora: Some(cnpj(fx::CNPJ_MONTADORA)),
                        cnpj_estabelecimento_vendedor: None,
                        cnpj_estabelecimento_entregador: None,
                        chassi: Some(chassi_zero_km()),
                        estado: None,
                    })
                    .await?;
                let j = corpo(nome);
                assert!(!v.is_empty());
                for (e, je) in v.iter().zip(j.as_array().into_iter().flatten()) {
                    conferir_entrega(nome, e, je);
                }
            }
            "realizar_entrega_veiculo_zero_km" | "cancelar_entrega_veiculo_zero_km" => {
                let op = OperacaoEntregaVeiculoZeroKm {
                    cpf_operador_responsavel: cpf(),
                    id_entrega: IdEntrega(fx::ID_ENTREGA),
                };
                let e = if nome == "realizar_entrega_veiculo_zero_km" {
                    c.realizar_entrega_veiculo_zero_km(&op).await?
                } else {
                    let e = c.cancelar_entrega_veiculo_zero_km(&op).await?;
                    assert_eq!(
                        e.id_entrega_gerada_no_cancelamento_entrega,
                        Some(IdEntrega(fx::ID_ENTREGA + 1))
                    );
                    e
                };
                conferir_entrega(nome, &e, &corpo(nome));
                assert!(e.realizacao_entrega.is_some());
            }
            "registrar_saida_estoque_veiculo_zero_km_renovar" => {
                let e = c
                    .registrar_saida_estoque_veiculo_zero_km_renovar(
                        &SaidaEstoqueVeiculoZeroKmRenovar {
                            saida: saida_zero_km(),
                            estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
                            tipo_beneficio_tributario: None,
                        },
                    )
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
            }
            "registrar_saida_estoque_veiculo_inacabado_renovar" => {
                let e = c
                    .registrar_saida_estoque_veiculo_inacabado_renovar(
                        &SaidaEstoqueVeiculoInacabadoRenovar {
                            saida: saida_inacabado(),
                            estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
                        },
                    )
                    .await?;
                conferir_estoque(nome, &e, &corpo(nome));
            }
            outro => panic!("the fixture test table does not drive `{outro}`"),
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

/// Every Endpoint constant of the crate, by hand: the fixtures must cover exactly these.
fn endpoints() -> Vec<Endpoint> {
    vec![
        us::CONSULTAR_CLIENTE_AUTENTICADO,
        us::CONSULTAR_APTIDAO_VEICULO_ESTOQUE,
        us::SOLICITAR_ENTRADA_ESTOQUE,
        us::SOLICITAR_ENTRADA_ESTOQUE_VEICULO_PROPRIO,
        us::ENVIAR_ASSINATURA_VENDEDOR_ATPV,
        us::CONSULTAR_ULTIMA_ASSINATURA_ATPV,
        us::OBTER_PDF_ATPV,
        us::OBTER_PDF_ATPV_POR_PLACA_RENAVAM,
        us::OBTER_ATPV_POR_ID,
        us::ENVIAR_NOTA_FISCAL,
        us::CONSULTAR_ESTOQUES,
        us::CONSULTAR_ESTOQUE,
        us::OBTER_TERMO_ENTRADA_ESTOQUE,
        us::SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE,
        us::SOLICITAR_SAIDA_ESTOQUE,
        us::OBTER_TERMO_SAIDA_ESTOQUE,
        us::SOLICITAR_CANCELAMENTO_SAIDA_ESTOQUE,
        us::OBTER_CRLVE,
        us::OBTER_PDF_CODIGO_SEGURANCA_CRV,
        us::CONSULTAR_MUNICIPIOS,
        us::CONSULTAR_VEICULO,
        tr::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS,
        tr::AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS,
        tr::CANCELAR_AUTORIZACAO_TRANSFERENCIA,
        tr::SOLICITAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS,
        tr::SOLICITAR_TRANSFERENCIA_ENTRE_FILIAIS,
        tr::TRANSFERIR_ESTOQUE_VINDO_DE_ITE,
        tr::AUTORIZAR_TRANSFERENCIA_PARA_ITE,
        tr::CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE,
        tr::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO,
        tr::CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO,
        zk::CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE,
        zk::REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM,
        zk::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM,
        zk::CANCELAR_SAIDA_ESTOQUE_ZERO_KM,
        zk::CANCELAR_ENTRADA_ESTOQUE_ZERO_KM,
        zk::AUTORIZAR_TRANSFERENCIA_VEICULO_ZERO_KM,
        zk::CANCELAR_AUTORIZACAO_TRANSFERENCIA_VEICULO_ZERO_KM,
        zk::TRANSFERIR_ENTRE_ESTABELECIMENTOS_VEICULO_ZERO_KM,
        zk::DEVOLVER_MONTADORA_VEICULO_ZERO_KM,
        zk::REJEITAR_VEICULO_ZERO_KM,
        zk::CANCELAR_REJEICAO_VEICULO_ZERO_KM,
        zk::CONSULTAR_ENTREGAS_VEICULO_ZERO_KM,
        zk::REALIZAR_ENTREGA_VEICULO_ZERO_KM,
        zk::CANCELAR_ENTREGA_VEICULO_ZERO_KM,
        zk::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR,
        zk::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR,
    ]
}

#[test]
fn tabela_cobre_todas_as_operacoes_com_as_suas_rotas() {
    let todas = fx::todas();
    assert_eq!(todas.len(), 47);
    let nomes: BTreeSet<&str> = todas.iter().map(Operacao::nome).collect();
    assert_eq!(nomes.len(), todas.len(), "operation names are unique");
    let esperados = endpoints();
    assert_eq!(esperados.len(), todas.len());
    for e in &esperados {
        let op = fx::por_nome(e.name).unwrap_or_else(|| panic!("no fixture for {}", e.name));
        assert_eq!(op.endpoint(), e, "{}: the operation's own Endpoint", e.name);
        assert_eq!(op.sucesso().rota(), &e.route, "{}", e.name);
        let status = op.status_sucesso();
        assert!(status == 200 || status == 201, "{}: {status}", e.name);
        if e.route.method() == HttpMethod::Get {
            assert_eq!(status, 200, "{}: a read answers 200", e.name);
            assert!(
                op.corpo_sucesso().is_some(),
                "{}: a read has a body",
                e.name
            );
        }
    }
    assert!(fx::por_nome("operacao_inexistente").is_none());
    assert_eq!(fx::CONSULTAR_ESTOQUE.nome(), us::CONSULTAR_ESTOQUE.name);
}

#[test]
fn padrao_de_caminho_vem_do_template() {
    let f = fx::CONSULTAR_ESTOQUE.sucesso();
    assert_eq!(f.padrao_caminho(), r"^/api/estoques/[^/]+$");
    assert_eq!(
        f.clone().em_base("/renave-ws/").padrao_caminho(),
        r"^/renave\-ws/api/estoques/[^/]+$"
    );
    assert_eq!(
        fx::OBTER_PDF_CODIGO_SEGURANCA_CRV
            .sucesso()
            .padrao_caminho(),
        r"^/api/crlve/[^/]+/[^/]+/pdf\-codigo\-seguranca\-crv$"
    );
    assert_eq!(
        fx::CONSULTAR_ESTOQUES.sucesso().padrao_caminho(),
        r"^/api/estoques$"
    );
}

async fn para_todas<F, Fut>(f: F)
where
    F: Fn(&'static Operacao) -> Fut,
    Fut: Future<Output = ()>,
{
    for op in fx::todas() {
        f(op).await;
    }
}

#[tokio::test]
async fn sucesso_de_cada_operacao_decodifica_no_cliente() {
    para_todas(|op| async move {
        let servidor = MockServer::start().await;
        op.sucesso().esperando(1).montar(&servidor).await;
        if let Err(e) = chamar(op.nome(), cliente(&servidor)).await {
            panic!("{}: expected success, got {e}", op.nome());
        }
        let recebidas = servidor.received_requests().await.expect("recording on");
        assert_eq!(recebidas.len(), 1, "{}", op.nome());
        servidor.verify().await;
    })
    .await;
}

/// Mounts `fixture` on a fresh server, calls the operation, returns the error and how many
/// requests arrived.
async fn erro_de(op: &Operacao, fixture: Fixture) -> (ErroRenaveWs, usize) {
    let servidor = MockServer::start().await;
    fixture.montar(&servidor).await;
    let r = chamar(op.nome(), cliente(&servidor)).await;
    let recebidas = servidor.received_requests().await.expect("recording on");
    match r {
        Ok(()) => panic!("{}: an error fixture must fail the call", op.nome()),
        Err(e) => (e, recebidas.len()),
    }
}

fn campo<'a>(f: &'a Fixture, nome: &str) -> Option<&'a str> {
    f.corpo_json()
        .and_then(|j| j.get(nome))
        .and_then(Value::as_str)
}

/// Checks the error one canned answer produced.
fn conferir_erro(op: &Operacao, tipo: ErroFixture, f: &Fixture, e: &ErroRenaveWs, chamadas: usize) {
    let nome = op.nome();
    let altera_estado = op.endpoint().route.method() != HttpMethod::Get;
    assert_eq!(e.status(), Some(tipo.status()), "{nome} {tipo:?}: {e}");
    let s = e
        .servico()
        .unwrap_or_else(|| panic!("{nome} {tipo:?}: not a service error: {e}"));
    assert_eq!(s.operacao, nome);
    let texto = e.to_string();
    assert!(!texto.contains('\n'), "{nome} {tipo:?}: one-line Display");
    match tipo {
        ErroFixture::RequisicaoInvalida => {
            assert!(!e.is_negocio() && !e.is_retryable(), "{nome}");
            assert_eq!(s.titulo.as_deref(), campo(f, "titulo"));
            assert_eq!(s.detalhe.as_deref(), campo(f, "detalhe"));
            assert_eq!(s.data_hora.as_deref(), campo(f, "dataHora"));
            assert!(s.titulo.is_some() && s.detalhe.is_some());
        }
        ErroFixture::NaoAutenticadoVazio => {
            assert!(e.is_autenticacao(), "{nome}");
            assert!(s.titulo.is_none() && s.corpo.as_str().is_empty(), "{nome}");
        }
        ErroFixture::NaoAutenticadoSpring => {
            assert!(e.is_autenticacao(), "{nome}");
            assert_eq!(s.erro_framework.as_deref(), Some("Unauthorized"));
            assert_eq!(e.mensagem_usuario(), Some("No message available"));
        }
        ErroFixture::Proibido => {
            assert!(e.is_autenticacao() && !e.is_negocio(), "{nome}");
            assert_eq!(s.erro_framework.as_deref(), campo(f, "error"));
            assert_eq!(s.mensagem_framework.as_deref(), campo(f, "message"));
        }
        ErroFixture::NaoEncontrado => {
            assert!(e.is_nao_encontrado(), "{nome}");
            assert_eq!(s.detalhe.as_deref(), campo(f, "detalhe"));
        }
        ErroFixture::Negocio => {
            assert!(e.is_negocio(), "{nome}");
            assert!(!e.is_retryable() && !e.resultado_desconhecido(), "{nome}");
            for (lido, chave) in [
                (s.titulo.as_deref(), "titulo"),
                (s.detalhe.as_deref(), "detalhe"),
                (
                    s.mensagem_para_usuario_final.as_deref(),
                    "mensagemParaUsuarioFinal",
                ),
                (s.data_hora.as_deref(), "dataHora"),
                (s.log_id_rastreabilidade.as_deref(), "logIdRastreabilidade"),
            ] {
                assert!(lido.is_some(), "{nome}: `{chave}` present");
                assert_eq!(lido, campo(f, chave), "{nome}: `{chave}`");
            }
            assert_eq!(e.mensagem_usuario(), campo(f, "mensagemParaUsuarioFinal"));
        }
        ErroFixture::ErroServidor => {
            let log = campo(f, "logIdRastreabilidade").expect("canned log id");
            assert_eq!(s.log_id_rastreabilidade.as_deref(), Some(log), "{nome}");
            assert!(texto.contains(log), "{nome}: Display `{texto}`");
            // A 500 may come after the server wrote (`renave-ws.md` §7.6).
            assert_eq!(e.resultado_desconhecido(), altera_estado, "{nome}");
        }
        ErroFixture::GatewayHtml => {
            assert!(s.corpo.as_str().contains("502 Bad Gateway"), "{nome}");
            assert!(s.titulo.is_none());
            if altera_estado {
                assert!(e.resultado_desconhecido(), "{nome}: outcome unknown");
            }
        }
        ErroFixture::Indisponivel => {
            // Refused before processing: safe to try again later, nothing executed.
            assert!(e.is_retryable() && !e.resultado_desconhecido(), "{nome}");
        }
        outro => panic!("no check for {outro:?}"),
    }
    // A state-changing operation is never resent (D6); a read answered 502/503 is retried.
    let retentado = matches!(tipo, ErroFixture::GatewayHtml | ErroFixture::Indisponivel);
    let esperadas = if altera_estado || !retentado {
        1
    } else {
        TENTATIVAS as usize
    };
    assert_eq!(chamadas, esperadas, "{nome} {tipo:?}: requests sent");
}

#[tokio::test]
async fn cada_erro_de_cada_operacao_da_o_erro_esperado() {
    para_todas(|op| async move {
        for tipo in ErroFixture::TODOS {
            let f = op.erro(tipo);
            assert_eq!(f.status(), tipo.status());
            let (e, chamadas) = erro_de(op, f.clone()).await;
            conferir_erro(op, tipo, &f, &e, chamadas);
        }
    })
    .await;
}

#[tokio::test]
async fn http_e_erro_negocio_com() {
    let op = &fx::CONSULTAR_ESTOQUE;
    // Known statuses give the canned errors.
    for tipo in ErroFixture::TODOS {
        let f = op.http(tipo.status());
        assert_eq!(f.status(), tipo.status());
        if tipo != ErroFixture::NaoAutenticadoSpring {
            assert_eq!(f.corpo(), op.erro(tipo).corpo(), "{tipo:?}");
        }
    }
    // A 429 carries Retry-After, kept by the client.
    let (e, _) = erro_de(op, op.http(429)).await;
    assert_eq!(e.status(), Some(429));
    let s = e.servico().expect("service error");
    assert_eq!(s.retry_after.as_deref(), Some("1"));
    assert_eq!(s.titulo.as_deref(), Some("Muitas requisições"));
    // A 2xx is the success answer with that status.
    let f = op.http(203);
    assert_eq!(f.status(), 203);
    assert_eq!(f.corpo_json(), op.corpo_sucesso().as_ref());
    // A business error with your own message.
    let f = fx::SOLICITAR_SAIDA_ESTOQUE.erro_negocio_com(
        "Código de segurança do CRV inválido",
        "O código de segurança do CRV informado é inválido.",
    );
    let (e, chamadas) = erro_de(&fx::SOLICITAR_SAIDA_ESTOQUE, f).await;
    assert!(e.is_negocio());
    assert_eq!(chamadas, 1);
    assert_eq!(
        e.mensagem_usuario(),
        Some("O código de segurança do CRV informado é inválido.")
    );
    assert_eq!(
        e.servico().and_then(|s| s.detalhe.as_deref()),
        Some("Código de segurança do CRV inválido")
    );
    assert_eq!(
        fx::CONSULTAR_ESTOQUE.erro_negocio().corpo(),
        fx::CONSULTAR_ESTOQUE.erro(ErroFixture::Negocio).corpo()
    );
}

// ---------------------------------------------------------------------------------------------
// Priorities, base path, route override, call counts, delay, body replacement
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn prioridade_maior_vence() {
    // Error at a higher priority (smaller number) wins over the success mounted first.
    let servidor = MockServer::start().await;
    fx::CONSULTAR_ESTOQUE.sucesso().montar(&servidor).await;
    fx::CONSULTAR_ESTOQUE
        .erro_negocio()
        .com_prioridade(1)
        .montar(&servidor)
        .await;
    let e = chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect_err("the 422 wins");
    assert!(e.is_negocio());

    // And the other way round: success at priority 2 wins over an error at 9, mounted first.
    let servidor = MockServer::start().await;
    fx::CONSULTAR_ESTOQUE
        .erro(ErroFixture::ErroServidor)
        .com_prioridade(9)
        .montar(&servidor)
        .await;
    let sucesso = fx::CONSULTAR_ESTOQUE.sucesso().com_prioridade(2);
    assert_eq!(sucesso.prioridade(), 2);
    sucesso.montar(&servidor).await;
    chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect("the success wins");

    // Priority 0 is raised to wiremock's highest, 1.
    assert_eq!(
        fx::CONSULTAR_ESTOQUE
            .sucesso()
            .com_prioridade(0)
            .prioridade(),
        1
    );
}

#[tokio::test]
async fn base_do_caminho() {
    let servidor = MockServer::start().await;
    fx::CONSULTAR_ESTOQUE
        .sucesso()
        .em_base("renave-ws")
        .esperando(1)
        .montar(&servidor)
        .await;
    let c = builder(&format!("{}/renave-ws/", servidor.uri()))
        .build()
        .expect("client");
    chamar("consultar_estoque", c)
        .await
        .expect("answered under the base path");
    // Without the base the same fixture does not match a client at the server root.
    let e = chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect_err("no fixture at the root");
    assert_eq!(e.status(), Some(404));
    let s = e.servico().expect("service error");
    assert!(s.detalhe.is_none(), "wiremock's own 404, not the fixture");
}

#[tokio::test]
async fn rota_substituida_e_segmento_unico() {
    let servidor = MockServer::start().await;
    let rota = Route::custom(HttpMethod::Get, "api/v2/estoques/{idEstoque}");
    fx::CONSULTAR_ESTOQUE
        .sucesso()
        .com_rota(rota.clone())
        .esperando(1)
        .montar(&servidor)
        .await;
    let c = builder(&servidor.uri())
        .rota("consultar_estoque", rota)
        .build()
        .expect("client");
    chamar("consultar_estoque", c)
        .await
        .expect("the overridden route");

    // `{param}` is one path segment: a deeper path does not match.
    let servidor = MockServer::start().await;
    fx::CONSULTAR_ESTOQUE.sucesso().montar(&servidor).await;
    let e = chamar("obter_termo_entrada_estoque", cliente(&servidor))
        .await
        .expect_err("`api/estoques/{id}/termo-entrada-estoque` is another route");
    assert_eq!(e.status(), Some(404));
}

#[tokio::test]
async fn esperando_confere_o_numero_de_chamadas() {
    let servidor = MockServer::start().await;
    let guarda = fx::CONSULTAR_ESTOQUE
        .sucesso()
        .esperando(2)
        .montar_com_guarda(&servidor)
        .await;
    chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect("first");
    assert_eq!(guarda.received_requests().await.len(), 1);
    chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect("second");
    assert_eq!(guarda.received_requests().await.len(), 2);
    drop(guarda);
    // The guard is gone: the route no longer answers.
    let e = chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect_err("unmounted");
    assert_eq!(e.status(), Some(404));

    // A wrong count fails verification.
    let servidor = MockServer::start().await;
    fx::CONSULTAR_ESTOQUE
        .sucesso()
        .esperando(2)
        .montar(&servidor)
        .await;
    chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect("one call");
    let verificacao = tokio::spawn(async move { servidor.verify().await }).await;
    assert!(verificacao.is_err(), "1 call where 2 were expected fails");
}

#[tokio::test]
async fn atraso_corpo_status_e_cabecalho() {
    // A delay longer than the per-attempt timeout: a POST's outcome is unknown, sent once.
    let servidor = MockServer::start().await;
    fx::REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM
        .sucesso()
        .com_atraso(Duration::from_millis(400))
        .montar(&servidor)
        .await;
    let c = builder(&servidor.uri())
        .timeouts(renave_ws_client::Timeouts {
            connect: Duration::from_secs(2),
            per_attempt: Duration::from_millis(100),
            operation: Duration::from_secs(5),
        })
        .build()
        .expect("client");
    let e = chamar("registrar_entrada_estoque_zero_km", c)
        .await
        .expect_err("timed out");
    assert!(e.resultado_desconhecido());
    assert_eq!(
        servidor.received_requests().await.expect("recording").len(),
        1
    );

    // Another body and status are served as given.
    let servidor = MockServer::start().await;
    let f = fx::CONSULTAR_ESTOQUE
        .sucesso()
        .com_corpo(serde_json::json!({"id": 9, "estado": "FINALIZADO"}))
        .com_status(200);
    assert!(matches!(f.corpo(), Corpo::Json(_)));
    f.montar(&servidor).await;
    let e = cliente(&servidor)
        .consultar_estoque(IdEstoque(9))
        .await
        .expect("decodes");
    assert_eq!(e.id, Some(IdEstoque(9)));
    assert_eq!(e.estado, Some(EstadoEstoque::Finalizado));

    // An extra header reaches the client (here `Retry-After` on a 503 of a POST).
    let f = fx::SOLICITAR_SAIDA_ESTOQUE
        .erro(ErroFixture::Indisponivel)
        .com_cabecalho("Retry-After", "7");
    let (e, chamadas) = erro_de(&fx::SOLICITAR_SAIDA_ESTOQUE, f).await;
    assert_eq!(chamadas, 1, "a POST is not resent");
    assert_eq!(
        e.servico().and_then(|s| s.retry_after.as_deref()),
        Some("7")
    );
}

// ---------------------------------------------------------------------------------------------
// The simulator re-export
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn simulador_reexportado_e_fixture_sobrepoe_uma_operacao() {
    let sim = SimuladorRenaveWs::iniciar().await;
    let c = builder(&sim.uri()).build().expect("client");
    let estoques = c
        .consultar_estoques(&ConsultaEstoques::default())
        .await
        .expect("the simulator answers");
    assert!(!estoques.is_empty(), "the seeded stock");

    // A fixture's default priority beats the simulator's: this one operation is overridden…
    assert!(fx::CONSULTAR_CLIENTE_AUTENTICADO.sucesso().prioridade() < PRIORIDADE_SIMULADOR);
    fx::CONSULTAR_CLIENTE_AUTENTICADO
        .erro(ErroFixture::Proibido)
        .montar(sim.servidor())
        .await;
    let e = c
        .consultar_cliente_autenticado()
        .await
        .expect_err("overridden by the fixture");
    assert_eq!(e.status(), Some(403));
    // …and the others stay the simulator's.
    c.consultar_estoques(&ConsultaEstoques::default())
        .await
        .expect("still the simulator");
}
