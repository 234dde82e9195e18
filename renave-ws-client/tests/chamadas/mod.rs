//! Every Renave-WS operation called with valid sample input, checking the decoded answer
//! against the fixture's canned body: the one table shared by the fixture tests and the fault
//! matrix.
#![allow(dead_code, unreachable_pub, unused_imports, clippy::too_many_lines)]

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
    Ambiente, ClienteRenaveWs, ClienteRenaveWsBuilder, Erro, HttpMethod, RenaveWsUsados,
    RetryPolicy, Route,
};
use renave_ws_client::{RenaveWsTransferencias, RenaveWsZeroKm};
use serde_json::Value;
use wiremock::MockServer;

pub fn cpf() -> Cpf {
    fx::CPF_OPERADOR.parse().expect("valid CPF")
}
pub fn cnpj(s: &str) -> Cnpj {
    s.parse().expect("valid CNPJ")
}
pub fn chassi_usado() -> Chassi {
    fx::CHASSI_USADO.parse().expect("valid chassi")
}
pub fn chassi_zero_km() -> Chassi {
    fx::CHASSI_ZERO_KM.parse().expect("valid chassi")
}
pub fn placa() -> Placa {
    fx::PLACA.parse().expect("valid placa")
}
pub fn renavam() -> Renavam {
    fx::RENAVAM.parse().expect("valid RENAVAM")
}
pub fn csc() -> CodigoSegurancaCrv {
    fx::CODIGO_SEGURANCA_CRV.parse().expect("valid CRV code")
}
pub fn chave(s: &str) -> ChaveNfe {
    s.parse().expect("valid NF-e key")
}
pub fn data(s: &str) -> Data {
    s.parse().expect("valid date")
}
pub fn data_hora(s: &str) -> DataHora {
    s.parse().expect("valid date-time")
}
pub fn valor(s: &str) -> Valor {
    s.parse().expect("valid amount")
}

pub fn comprador() -> Comprador {
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

pub fn saida_zero_km() -> SaidaEstoqueVeiculoZeroKm {
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

pub fn saida_inacabado() -> SaidaEstoqueVeiculoInacabado {
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
pub fn corpo(nome: &str) -> Value {
    fx::por_nome(nome)
        .and_then(Operacao::corpo_sucesso)
        .unwrap_or_else(|| panic!("{nome}: a JSON success body"))
}

pub fn texto<'a>(j: &'a Value, campo: &str) -> Option<&'a str> {
    j.get(campo).and_then(Value::as_str)
}

/// A received identifier that the fixture sends must be valid by the domain rule and equal.
pub fn conferir_recebido<T: AsRef<str>>(
    nome: &str,
    campo: &str,
    r: Option<&Recebido<T>>,
    j: &Value,
) {
    match texto(j, campo) {
        Some(esperado) => {
            let r = r.unwrap_or_else(|| panic!("{nome}: `{campo}` decoded"));
            assert!(r.valido().is_some(), "{nome}: `{campo}` is valid");
            assert_eq!(r.as_str(), esperado, "{nome}: `{campo}`");
        }
        None => assert!(r.is_none(), "{nome}: `{campo}` absent"),
    }
}

pub fn conferir_estoque(nome: &str, e: &Estoque, j: &Value) {
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

pub fn conferir_autorizacao(nome: &str, a: &AutorizacaoTransferencia, j: &Value) {
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

pub fn conferir_entrega(nome: &str, e: &Entrega, j: &Value) {
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

pub type Futuro = Pin<Box<dyn Future<Output = Result<(), Erro>> + Send>>;

/// Calls the operation `nome` with valid sample input and checks the decoded answer against
/// the fixture's success body. An operation this table does not know fails the test.
#[allow(clippy::too_many_lines)]
pub fn chamar(nome: &'static str, c: ClienteRenaveWs) -> Futuro {
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
                assert_eq!(v.validos().len(), j.as_array().map_or(0, Vec::len));
                assert!(!v.validos().is_empty());
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
                let m = v.validos().first().expect("one municipality");
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
                assert!(!v.validos().is_empty());
                assert_eq!(v.validos().len(), j.as_array().map_or(0, Vec::len));
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
                assert_eq!(a.para_ite, Some(true.into()));
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
                let p = v.validos().first().expect("one pending vehicle");
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
                assert_eq!(a.estoque_origem_de_veiculo_zero_km, Some(true.into()));
            }
            "transferir_entre_estabelecimentos_veiculo_zero_km" => {
                let t = TransferenciaVeiculoZeroKm::new(
                    chassi_zero_km(),
                    IdAutorizacao(fx::ID_AUTORIZACAO),
                    chave(fx::CHAVE_NFE_VENDA),
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
                assert!(!v.validos().is_empty());
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
            outro => match chamar_grupos(outro, c) {
                Some(f) => f.await?,
                None => panic!("the fixture test table does not drive `{outro}`"),
            },
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// The montadora (§3.3) and ITE (§3.4) groups: one call per operation, written once for both
// tables that drive the client by name (`chamar` here, `chamar_debug` in `segredos.rs`)
// ---------------------------------------------------------------------------------------------

/// A decoded answer checked against the fixture's own body.
pub trait Conferir {
    fn conferir(&self, nome: &str, j: &Value);
}

impl Conferir for Estoque {
    fn conferir(&self, nome: &str, j: &Value) {
        conferir_estoque(nome, self, j);
    }
}
impl Conferir for AutorizacaoTransferencia {
    fn conferir(&self, nome: &str, j: &Value) {
        conferir_autorizacao(nome, self, j);
    }
}
impl Conferir for Entrega {
    fn conferir(&self, nome: &str, j: &Value) {
        conferir_entrega(nome, self, j);
    }
}
impl<T: Conferir> Conferir for Vec<T> {
    fn conferir(&self, nome: &str, j: &Value) {
        let lista = j.as_array().expect("a list body");
        assert_eq!(self.len(), lista.len(), "{nome}");
        assert!(!self.is_empty(), "{nome}: the canned list is not empty");
        for (x, jx) in self.iter().zip(lista) {
            x.conferir(nome, jx);
        }
    }
}
/// A list answer read item by item (issue 12): every canned item is readable.
impl<T: Conferir> Conferir for renave_domain::ItensRecebidos<T> {
    fn conferir(&self, nome: &str, j: &Value) {
        assert!(self.is_completa(), "{nome}: every canned item is readable");
        let lista = j.as_array().expect("a list body");
        assert_eq!(self.len_recebido(), lista.len(), "{nome}");
        assert!(
            !self.validos().is_empty(),
            "{nome}: the canned list is not empty"
        );
        for (x, jx) in self.iter().zip(lista) {
            x.conferir(nome, jx);
        }
    }
}

impl Conferir for renave_ws_client::operacoes::usados::ClienteAutenticado {
    fn conferir(&self, nome: &str, j: &Value) {
        conferir_recebido(nome, "cnpj", self.cnpj.as_ref(), j);
        assert_eq!(self.nome.as_deref(), texto(j, "nome"), "{nome}");
        assert!(self.extras.is_empty(), "{nome}");
    }
}
impl Conferir for renave_ws_client::modelos::Municipio {
    fn conferir(&self, nome: &str, j: &Value) {
        conferir_recebido(nome, "id", self.id.as_ref(), j);
        assert!(self.extras.is_empty(), "{nome}");
    }
}
impl Conferir for renave_ws_client::modelos::PdfAtpv {
    fn conferir(&self, nome: &str, j: &Value) {
        assert_eq!(self.pdf().expect("a PDF"), fx::PDF_EXEMPLO, "{nome}");
        assert_eq!(
            self.numero_atpv.as_deref(),
            texto(j, "numeroAtpv"),
            "{nome}"
        );
        assert!(self.extras.is_empty(), "{nome}");
    }
}
impl Conferir for renave_ws_client::modelos::TermoSaidaEstoque {
    fn conferir(&self, nome: &str, _: &Value) {
        assert_eq!(self.pdf().expect("a PDF"), fx::PDF_EXEMPLO, "{nome}");
        assert!(self.numero_termo_saida_estoque.is_some() && self.extras.is_empty());
    }
}
impl Conferir for renave_ws_client::modelos::TermoEntradaEstoque {
    fn conferir(&self, nome: &str, _: &Value) {
        assert_eq!(self.pdf().expect("a PDF"), fx::PDF_EXEMPLO, "{nome}");
        assert!(self.numero_termo_entrada_estoque.is_some() && self.extras.is_empty());
    }
}
impl Conferir for renave_ws_client::operacoes::zero_km::VeiculoZeroKmPendente {
    fn conferir(&self, nome: &str, j: &Value) {
        conferir_recebido(nome, "chassi", self.chassi.as_ref(), j);
        assert!(
            self.data_hora_cadastro.is_some() && self.extras.is_empty(),
            "{nome}"
        );
    }
}
impl Conferir for renave_ws_client::operacoes::usados::VeiculoRenave {
    fn conferir(&self, nome: &str, j: &Value) {
        conferir_recebido(nome, "chassi", self.chassi.as_ref(), j);
        assert!(self.extras.is_empty(), "{nome}");
    }
}
impl Conferir for renave_ws_client::operacoes::ite::ClienteMontadora {
    fn conferir(&self, nome: &str, j: &Value) {
        assert_eq!(
            self.codigo_cliente_montadora.as_deref(),
            texto(j, "codigoClientemontadora"),
            "{nome}"
        );
        assert!(self.descricao_cliente_montadora.is_some() && self.extras.is_empty());
    }
}
impl Conferir for renave_ws_client::modelos::Confirmacao {
    fn conferir(&self, nome: &str, _: &Value) {
        assert!((200..300).contains(&self.status), "{nome}: {}", self.status);
    }
}

pub fn venda_direta_montadora()
-> renave_ws_client::operacoes::montadora::SaidaEstoqueVeiculoZeroKmMontadora {
    renave_ws_client::operacoes::montadora::SaidaEstoqueVeiculoZeroKmMontadora::builder()
        .id_estoque(IdEstoque(fx::ID_ESTOQUE))
        .chave_nota_fiscal(chave(fx::CHAVE_NFE_VENDA))
        .comprador(comprador())
        .cpf_operador_responsavel(cpf())
        .data_venda(data_hora("2026-10-01T16:45:00"))
        .email_estabelecimento("vendas@example.com")
        .entrega_indicada(tr::EntregaIndicada {
            cnpj_concessionaria_entregadora: cnpj(fx::CNPJ_ESTABELECIMENTO),
            cnpj_concessionaria_vendedora: cnpj(fx::CNPJ_OUTRO_ESTABELECIMENTO),
        })
        .valor_venda(valor("129990.90"))
        .build()
        .expect("every required field")
}

pub fn saida_ite() -> renave_ws_client::operacoes::ite::SaidaEstoqueIte {
    renave_ws_client::operacoes::ite::SaidaEstoqueIte::builder()
        .chave_nota_fiscal_produto(chave(fx::CHAVE_NFE_VENDA))
        .chave_nota_fiscal_servico(chave(fx::CHAVE_NFE_COMPRA))
        .comprador(comprador())
        .cpf_operador_responsavel(cpf())
        .data_venda(data_hora("2026-10-01T16:45:00"))
        .email_estabelecimento("ite@example.com")
        .id_estoque(IdEstoque(fx::ID_ESTOQUE))
        .valor_venda(valor("150000.25"))
        .build()
        .expect("every required field")
}

/// Calls the montadora or ITE operation `$nome` on `$c` with valid sample input, each call
/// expression handed to `$m!` (which awaits it and does what its table needs); `None` for any
/// other name.
#[macro_export]
macro_rules! chamadas_grupos {
    ($nome:expr, $c:expr, $m:ident) => {{
        use renave_domain::{EstadoAutorizacaoTransferencia, EstadoEstoque, Uf};
        use renave_ws_client::modelos::{IdAutorizacao, IdEstoque};
        use renave_ws_client::operacoes::transferencias::{
            AutorizacaoTransferenciaParaIte, CancelamentoAutorizacaoTransferencia,
            SolicitacaoCancelamentoSaida, TransferenciaEstoqueVindoDeIte,
        };
        use renave_ws_client::operacoes::usados::ConsultaMunicipios;
        use renave_ws_client::operacoes::zero_km::{
            CancelamentoEntradaEstoqueZeroKm, SaidaEstoqueVeiculoInacabadoRenovar,
        };
        use renave_ws_client::operacoes::{ite as it, montadora as mt};
        use renave_ws_client::simulador::fixtures as fx;
        let c = $c;
        let cancelamento_saida = || SolicitacaoCancelamentoSaida {
            cpf_operador_responsavel: cpf(),
            data_cancelamento_saida_estoque: data("2026-10-02"),
            id_estoque: IdEstoque(fx::ID_ESTOQUE),
        };
        let cancelamento_entrada = || CancelamentoEntradaEstoqueZeroKm {
            cpf_operador_responsavel: cpf(),
            data_cancelamento_entrada_estoque: data("2026-09-03"),
            id_estoque: IdEstoque(fx::ID_ESTOQUE),
        };
        let cancelamento_autorizacao = || CancelamentoAutorizacaoTransferencia {
            cpf_operador_responsavel: cpf(),
            id_autorizacao: IdAutorizacao(fx::ID_AUTORIZACAO),
        };
        match $nome {
            "consultar_cliente_autenticado_montadora" => {
                Some($m!(c.consultar_cliente_autenticado_montadora()))
            }
            "consultar_municipios_montadora" => {
                Some($m!(c.consultar_municipios_montadora(&ConsultaMunicipios {
                    nome: Some("BELO HORIZONTE".to_owned()),
                    uf: Some(Uf::Mg),
                })))
            }
            "consultar_estoques_montadora" => Some($m!(
                c.consultar_estoques_montadora(&mt::FiltroEstoques::por_chassi(chassi_zero_km()))
            )),
            "obter_termo_saida_estoque_montadora" => Some($m!(
                c.obter_termo_saida_estoque_montadora(IdEstoque(fx::ID_ESTOQUE))
            )),
            "obter_pdf_atpv_montadora" => Some($m!(c.obter_pdf_atpv_montadora(&chassi_zero_km()))),
            "consultar_veiculos_zero_km_pendentes_entrada_estoque_montadora" => Some($m!(c
                .consultar_veiculos_zero_km_pendentes_entrada_estoque_montadora(Some(
                    &chassi_zero_km()
                )))),
            "consultar_entregas_veiculo_zero_km_montadora" => Some($m!(c
                .consultar_entregas_veiculo_zero_km_montadora(&mt::FiltroEntregasMontadora {
                    chassi: Some(chassi_zero_km()),
                    cnpj_estabelecimento_entregador: Some(cnpj(fx::CNPJ_OUTRO_ESTABELECIMENTO)),
                    ..Default::default()
                }))),
            "consultar_autorizacoes_transferencias_montadora" => Some($m!(c
                .consultar_autorizacoes_transferencias_montadora(&mt::FiltroAutorizacoes {
                    chassi: Some(chassi_zero_km()),
                    estado_autorizacao: Some(EstadoAutorizacaoTransferencia::Criada),
                }))),
            "registrar_entrada_estoque_zero_km_montadora" => Some($m!(c
                .registrar_entrada_estoque_zero_km_montadora(
                    &mt::EntradaEstoqueZeroKmMontadora {
                        chassi: chassi_zero_km(),
                        cpf_operador_responsavel: cpf(),
                        data_entrada_estoque: data_hora("2026-09-02T10:00:00"),
                        data_hora_medicao_hodometro: data_hora("2026-09-02T09:30:00"),
                        quilometragem_hodometro: 0,
                    }
                ))),
            "cancelar_entrada_estoque_zero_km_montadora" => Some($m!(
                c.cancelar_entrada_estoque_zero_km_montadora(&cancelamento_entrada())
            )),
            "registrar_saida_estoque_veiculo_zero_km_montadora" => Some($m!(
                c.registrar_saida_estoque_veiculo_zero_km_montadora(&venda_direta_montadora())
            )),
            "cancelar_saida_estoque_zero_km_montadora" => Some($m!(
                c.cancelar_saida_estoque_zero_km_montadora(&cancelamento_saida())
            )),
            "registrar_saida_estoque_veiculo_inacabado_montadora" => Some($m!(
                c.registrar_saida_estoque_veiculo_inacabado_montadora(&saida_inacabado())
            )),
            "cancelar_saida_estoque_veiculo_inacabado_montadora" => Some($m!(
                c.cancelar_saida_estoque_veiculo_inacabado_montadora(&cancelamento_saida())
            )),
            "autorizar_transferencia_para_ite_montadora" => Some($m!(c
                .autorizar_transferencia_para_ite_montadora(&AutorizacaoTransferenciaParaIte {
                    chave_nota_fiscal_produto_saida: chave(fx::CHAVE_NFE_VENDA),
                    cnpj_ite_destino: cnpj(fx::CNPJ_OUTRO_ESTABELECIMENTO),
                    cpf_operador_responsavel: cpf(),
                    id_estoque_origem: IdEstoque(fx::ID_ESTOQUE),
                    tipo_beneficio_tributario: None,
                }))),
            "cancelar_autorizacao_transferencia_para_ite_montadora" => Some($m!(c
                .cancelar_autorizacao_transferencia_para_ite_montadora(
                    &cancelamento_autorizacao()
                ))),
            "transferir_estoque_vindo_de_ite_montadora" => Some($m!(c
                .transferir_estoque_vindo_de_ite_montadora(&TransferenciaEstoqueVindoDeIte {
                    chave_nota_fiscal_produto: chave(fx::CHAVE_NFE_COMPRA),
                    chave_nota_fiscal_remessa: Some(chave(fx::CHAVE_NFE_VENDA)),
                    chave_nota_fiscal_servico: None,
                    cpf_operador_responsavel: cpf(),
                    data_hora_medicao_hodometro: data_hora("2026-09-28T09:00:00"),
                    data_transferencia_estoque: data_hora("2026-09-28T10:30:00"),
                    id_autorizacao: IdAutorizacao(fx::ID_AUTORIZACAO),
                    quilometragem_hodometro: 12,
                    valor_produto: valor("150000.25"),
                }))),
            "registrar_saida_estoque_veiculo_zero_km_renovar_montadora" => Some($m!(c
                .registrar_saida_estoque_veiculo_zero_km_renovar_montadora(
                    &mt::SaidaEstoqueVeiculoZeroKmRenovarMontadora {
                        saida: venda_direta_montadora(),
                        estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
                    }
                ))),
            "registrar_saida_estoque_veiculo_inacabado_renovar_montadora" => Some($m!(c
                .registrar_saida_estoque_veiculo_inacabado_renovar_montadora(
                    &SaidaEstoqueVeiculoInacabadoRenovar {
                        saida: saida_inacabado(),
                        estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
                    }
                ))),
            "consultar_cliente_autenticado_ite" => Some($m!(c.consultar_cliente_autenticado_ite())),
            "consultar_estoques_ite" => Some($m!(c.consultar_estoques_ite(&mt::FiltroEstoques {
                chassi: Some(chassi_zero_km()),
                estado_estoque: Some(EstadoEstoque::Confirmado),
            }))),
            "obter_termo_entrada_estoque_ite" => Some($m!(
                c.obter_termo_entrada_estoque_ite(IdEstoque(fx::ID_ESTOQUE))
            )),
            "consultar_veiculo_ite" => Some($m!(c.consultar_veiculo_ite(&chassi_zero_km()))),
            "obter_pdf_atpv_ite" => Some($m!(c.obter_pdf_atpv_ite(&chassi_zero_km()))),
            "consultar_clientes_montadoras_ite" => {
                Some($m!(c.consultar_clientes_montadoras_ite(&chassi_zero_km())))
            }
            "consultar_autorizacoes_transferencias_ite" => Some($m!(
                c.consultar_autorizacoes_transferencias_ite(&mt::FiltroAutorizacoes::default())
            )),
            "registrar_entrada_estoque_ite" => Some($m!(c.registrar_entrada_estoque_ite(
                &it::EntradaEstoqueIte::builder()
                    .chassi(chassi_zero_km())
                    .chave_nota_fiscal_remessa(chave(fx::CHAVE_NFE_COMPRA))
                    .cliente_da_ite(comprador())
                    .codigo_cliente_montadora(fx::CODIGO_CLIENTE_MONTADORA)
                    .cpf_operador_responsavel(cpf())
                    .data_entrada_estoque(data_hora("2026-09-10T10:00:00"))
                    .data_hora_medicao_hodometro(data_hora("2026-09-10T09:30:00"))
                    .quilometragem_hodometro(12_u32)
                    .valor_produto(valor("150000.25"))
                    .build()
                    .expect("every required field")
            ))),
            "registrar_saida_estoque_ite" => Some($m!(c.registrar_saida_estoque_ite(&saida_ite()))),
            "cancelar_entrada_estoque_ite" => {
                Some($m!(c.cancelar_entrada_estoque_ite(&cancelamento_entrada())))
            }
            "cancelar_saida_estoque_ite" => {
                Some($m!(c.cancelar_saida_estoque_ite(&cancelamento_saida())))
            }
            "transferir_para_ite" => Some($m!(c.transferir_para_ite(
                &it::TransferenciaParaIte::builder()
                    .chave_nota_fiscal_remessa(chave(fx::CHAVE_NFE_VENDA))
                    .codigo_cliente_montadora(fx::CODIGO_CLIENTE_MONTADORA)
                    .cpf_operador_responsavel(cpf())
                    .data_hora_medicao_hodometro(data_hora("2026-09-28T09:00:00"))
                    .data_transferencia_estoque(data_hora("2026-09-28T10:30:00"))
                    .id_autorizacao(IdAutorizacao(fx::ID_AUTORIZACAO))
                    .quilometragem_hodometro(12_u32)
                    .build()
                    .expect("every required field")
            ))),
            "transferir_vindo_de_ite_para_ite" => Some($m!(c.transferir_vindo_de_ite_para_ite(
                &it::TransferenciaVindoDeIteParaIte::builder()
                    .chave_nota_fiscal_produto(chave(fx::CHAVE_NFE_COMPRA))
                    .chave_nota_fiscal_servico(chave(fx::CHAVE_NFE_VENDA))
                    .cpf_operador_responsavel(cpf())
                    .data_hora_medicao_hodometro(data_hora("2026-09-28T09:00:00"))
                    .data_transferencia_estoque(data_hora("2026-09-28T10:30:00"))
                    .id_autorizacao(IdAutorizacao(fx::ID_AUTORIZACAO))
                    .quilometragem_hodometro(12_u32)
                    .valor_produto(valor("150000.25"))
                    .build()
                    .expect("every required field")
            ))),
            "autorizar_transferencia_estoque_vindo_de_ite" => Some($m!(c
                .autorizar_transferencia_estoque_vindo_de_ite(
                    &it::AutorizacaoTransferenciaEstoqueVindoDeIte {
                        cnpj_estabelecimento_destino: cnpj(fx::CNPJ_OUTRO_ESTABELECIMENTO),
                        cpf_operador_responsavel: cpf(),
                        id_estoque_origem: IdEstoque(fx::ID_ESTOQUE),
                        para_cancelamento_de_transferencia: false,
                        valor_produto: valor("150000.25"),
                    }
                ))),
            "cancelar_autorizacao_transferencia_estoque_vindo_de_ite" => Some($m!(c
                .cancelar_autorizacao_transferencia_estoque_vindo_de_ite(
                    &cancelamento_autorizacao()
                ))),
            "acabar_veiculo_inacabado_mock_ite" => {
                Some($m!(c.acabar_veiculo_inacabado_mock_ite(&chassi_zero_km())))
            }
            "registrar_saida_estoque_renovar_ite" => Some($m!(c
                .registrar_saida_estoque_renovar_ite(&it::SaidaEstoqueRenovarIte {
                    saida: saida_ite(),
                    estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
                }))),
            _ => None,
        }
    }};
}

/// The montadora and ITE rows of [`chamar`]: awaits the call and checks the answer against the
/// fixture's body.
pub fn chamar_grupos(nome: &'static str, c: ClienteRenaveWs) -> Option<Futuro> {
    macro_rules! conferido {
        ($chamada:expr) => {{
            Box::pin(async move {
                let r = $chamada.await?;
                let j = fx::por_nome(nome)
                    .and_then(Operacao::corpo_sucesso)
                    .unwrap_or(Value::Null);
                Conferir::conferir(&r, nome, &j);
                Ok(())
            }) as Futuro
        }};
    }
    chamadas_grupos!(nome, c, conferido)
}
