//! Every Renave-WS request of the establishment group (usados E2–E20, transferências E23–E32,
//! zero km Z2–Z16 and the request-side schemas of `modelos`) read back: built (with its builder
//! where it has one), serialised, deserialised, and equal to what was built; then one refusal
//! per type, an invalid field whose error names it. Free-form fields are checked by property:
//! reading a request back accepts exactly what the client's own checks accept.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

mod chamadas;

use std::fmt::Debug;

use chamadas::{
    chassi_usado, chassi_zero_km, chave, cnpj, comprador, cpf, csc, data, data_hora, placa,
    renavam, saida_inacabado, saida_zero_km, valor,
};
use proptest::prelude::*;
use renave_domain::{
    CpfCnpj, EstadoAutorizacaoTransferencia, EstadoEstoque, EventoNotaFiscal,
    MotivoDevolucaoMontadora, MotivoRejeicao, TipoCrv, Uf,
};
use renave_ws_client::modelos::{Comprador, DocumentoBase64, IdAutorizacao, IdEntrega, IdEstoque};
use renave_ws_client::operacoes::transferencias::{
    AutorizacaoTransferenciaEntreEstabelecimentos, AutorizacaoTransferenciaParaIte,
    CancelamentoAutorizacaoTransferencia, EntregaIndicada, FiltroAutorizacoesTransferencias,
    SaidaEstoqueVeiculoInacabado, SolicitacaoCancelamentoSaida,
    SolicitacaoTransferenciaEntreEstabelecimentos, SolicitacaoTransferenciaEntreFiliais,
    TransferenciaEstoqueVindoDeIte, VeiculoTransferenciaEntreFiliais,
};
use renave_ws_client::operacoes::usados::{
    AssinaturaVendedor, ConsultaAptidao, ConsultaEstoques, ConsultaMunicipios,
    EnvioAssinaturaVendedor, EnvioNotaFiscal, SolicitacaoCancelamentoEntradaEstoque,
    SolicitacaoCancelamentoSaidaEstoque, SolicitacaoEntradaEstoque,
    SolicitacaoEntradaEstoqueVeiculoProprio, SolicitacaoSaidaEstoque, VeiculoCancelamentoEntrada,
    VeiculoEntradaEstoque, VeiculoEntradaEstoqueProprio, VeiculoSaidaEstoque,
};
use renave_ws_client::operacoes::zero_km::{
    AutorizacaoTransferenciaVeiculoZeroKm, CancelamentoEntradaEstoqueZeroKm,
    CancelamentoRejeicaoVeiculoZeroKm, DevolucaoMontadoraVeiculoZeroKm, EntradaEstoqueZeroKm,
    FiltroEntregasVeiculoZeroKm, OperacaoEntregaVeiculoZeroKm, RejeicaoVeiculoZeroKm,
    SaidaEstoqueVeiculoInacabadoRenovar, SaidaEstoqueVeiculoZeroKm,
    SaidaEstoqueVeiculoZeroKmRenovar, TransferenciaVeiculoZeroKm,
};
use renave_ws_client::simulador::fixtures as fx;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// The two checks
// ---------------------------------------------------------------------------------------------

/// Serialises, reads back, compares, and serialises again: the request read back equals the one
/// built and writes the same JSON (`Deserialize` is the exact inverse of `Serialize`).
fn ida_e_volta<T: Serialize + DeserializeOwned + PartialEq + Debug>(nome: &str, v: &T) -> Value {
    let json = serde_json::to_value(v).unwrap();
    let lido: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|e| panic!("{nome}: {e} reading back {json}"));
    assert_eq!(&lido, v, "{nome}");
    assert_eq!(
        serde_json::to_value(&lido).unwrap(),
        json,
        "{nome}: written again"
    );
    json
}

/// The JSON of `v` with `mudar` applied is refused, and the error names `campo`.
fn recusa<T: Serialize + DeserializeOwned + Debug>(
    nome: &str,
    v: &T,
    campo: &str,
    mudar: impl FnOnce(&mut Value),
) {
    let mut json = serde_json::to_value(v).unwrap();
    mudar(&mut json);
    match serde_json::from_value::<T>(json.clone()) {
        Ok(lido) => panic!("{nome}: {json} was read back as {lido:?}"),
        Err(e) => assert!(
            e.to_string().contains(campo),
            "{nome}: the error does not name `{campo}`: {e}"
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Sample requests (builders where the type has one)
// ---------------------------------------------------------------------------------------------

fn veiculo_entrada() -> VeiculoEntradaEstoque {
    VeiculoEntradaEstoque {
        codigo_seguranca_crv: csc(),
        tipo_crv: TipoCrv::Digital,
        numero_crv: Some("123456789012".parse().unwrap()),
        placa: placa(),
        renavam: renavam(),
        quilometragem_hodometro: 42_000,
        data_hora_medicao_hodometro: data_hora("2026-09-24T10:00:00"),
        documento_proprietario_atual: CpfCnpj::Cpf("11144477735".parse().unwrap()),
    }
}

fn entrada_estoque() -> SolicitacaoEntradaEstoque {
    SolicitacaoEntradaEstoque::builder()
        .cpf_operador_responsavel(cpf())
        .data_compra(data("2026-09-24"))
        .valor_compra(valor("45000.00"))
        .email_vendedor("vendedor@example.com")
        .email_estabelecimento("loja@example.com")
        .veiculo(veiculo_entrada())
        .build()
        .unwrap()
}

fn entrada_veiculo_proprio() -> SolicitacaoEntradaEstoqueVeiculoProprio {
    SolicitacaoEntradaEstoqueVeiculoProprio::builder()
        .cpf_operador_responsavel(cpf())
        .data_entrada_estoque(data("2026-09-24"))
        .veiculo(VeiculoEntradaEstoqueProprio {
            codigo_seguranca_crv: csc(),
            data_hora_medicao_hodometro: data_hora("2026-09-24T10:00:00"),
            quilometragem_hodometro: 10,
            tipo_crv: TipoCrv::Verde,
            numero_crv: None,
            placa: Some(placa()),
            renavam: None,
        })
        .build()
        .unwrap()
}

fn saida_estoque() -> SolicitacaoSaidaEstoque {
    SolicitacaoSaidaEstoque::builder()
        .data_venda(data("2026-10-01"))
        .valor_venda(valor("52000.00"))
        .cpf_operador_responsavel(cpf())
        .email_estabelecimento("vendas@example.com")
        .comprador(comprador_cnpj())
        .veiculo(VeiculoSaidaEstoque {
            codigo_seguranca_crv: csc(),
            numero_crv: None,
            placa: placa(),
            renavam: renavam(),
        })
        .build()
        .unwrap()
}

/// A buyer that is a company, with the optional `complemento`.
fn comprador_cnpj() -> Comprador {
    let mut c = comprador();
    c.documento = CpfCnpj::Cnpj(cnpj("11444777000161"));
    c.endereco.complemento = Some("SALA 2".to_owned());
    c
}

fn autorizacao_entre_estabelecimentos() -> AutorizacaoTransferenciaEntreEstabelecimentos {
    AutorizacaoTransferenciaEntreEstabelecimentos::builder()
        .cnpj_estabelecimento_destino(cnpj("11444777000161"))
        .cpf_operador_responsavel(cpf())
        .email_estabelecimento_origem("loja@example.com")
        .placa_veiculo(placa())
        .valor_venda(valor("45000.00"))
        .build()
        .unwrap()
}

fn transferencia_entre_estabelecimentos() -> SolicitacaoTransferenciaEntreEstabelecimentos {
    SolicitacaoTransferenciaEntreEstabelecimentos::builder()
        .id_autorizacao(IdAutorizacao(501))
        .cpf_operador_responsavel(cpf())
        .data_transferencia_estoque(data_hora("2026-09-25T09:00:00"))
        .data_hora_medicao_hodometro(data_hora("2026-09-25T08:30:00"))
        .quilometragem_hodometro(42_010u32)
        .valor_compra(valor("44000.00"))
        .build()
        .unwrap()
}

fn transferencia_entre_filiais() -> SolicitacaoTransferenciaEntreFiliais {
    SolicitacaoTransferenciaEntreFiliais::builder()
        .cnpj_estabelecimento_origem_transferencia(cnpj("11222333000181"))
        .cpf_operador_responsavel(cpf())
        .data_transferencia_estoque(data_hora("2026-09-25T09:00:00"))
        .email_estabelecimento_solicitante("filial@example.com")
        .veiculo(VeiculoTransferenciaEntreFiliais {
            data_hora_medicao_hodometro: data_hora("2026-09-25T08:30:00"),
            placa: placa(),
            quilometragem_hodometro: 42_010,
            renavam: renavam(),
        })
        .build()
        .unwrap()
}

fn transferencia_vindo_de_ite() -> TransferenciaEstoqueVindoDeIte {
    TransferenciaEstoqueVindoDeIte::builder()
        .chave_nota_fiscal_produto(chave(fx::CHAVE_NFE_COMPRA))
        .chave_nota_fiscal_servico(chave(fx::CHAVE_NFE_VENDA))
        .cpf_operador_responsavel(cpf())
        .data_hora_medicao_hodometro(data_hora("2026-09-25T08:30:00"))
        .data_transferencia_estoque(data_hora("2026-09-25T09:00:00"))
        .id_autorizacao(IdAutorizacao(777))
        .quilometragem_hodometro(12u32)
        .valor_produto(valor("150000.00"))
        .build()
        .unwrap()
}

fn autorizacao_para_ite() -> AutorizacaoTransferenciaParaIte {
    AutorizacaoTransferenciaParaIte::builder()
        .chave_nota_fiscal_produto_saida(chave(fx::CHAVE_NFE_VENDA))
        .cnpj_ite_destino(cnpj("11444777000161"))
        .cpf_operador_responsavel(cpf())
        .id_estoque_origem(IdEstoque(1001))
        .tipo_beneficio_tributario("IPI")
        .build()
        .unwrap()
}

fn saida_inacabado_completa() -> SaidaEstoqueVeiculoInacabado {
    SaidaEstoqueVeiculoInacabado::builder()
        .id_estoque(IdEstoque(1001))
        .chave_nota_fiscal(chave(fx::CHAVE_NFE_VENDA))
        .comprador(comprador_cnpj())
        .cpf_operador_responsavel(cpf())
        .data_venda(data_hora("2026-10-01T16:45:00"))
        .email_estabelecimento("vendas@example.com")
        .valor_venda(valor("80000.01"))
        .leasing_veiculo_inacabado(true)
        .entrega_indicada(EntregaIndicada {
            cnpj_concessionaria_entregadora: cnpj("11222333000181"),
            cnpj_concessionaria_vendedora: cnpj("11444777000161"),
        })
        .tipo_beneficio_tributario("IPI")
        .build()
        .unwrap()
}

fn entrada_zero_km() -> EntradaEstoqueZeroKm {
    EntradaEstoqueZeroKm::builder()
        .chassi(chassi_zero_km())
        .chave_nota_fiscal(chave(fx::CHAVE_NFE_COMPRA))
        .valor_compra(valor("91000.50"))
        .data_entrada_estoque(data_hora("2026-09-28T11:00:00"))
        .data_hora_medicao_hodometro(data_hora("2026-09-28T11:00:00"))
        .quilometragem_hodometro(0u32)
        .cpf_operador_responsavel(cpf())
        .build()
        .unwrap()
}

fn saida_zero_km_construida() -> SaidaEstoqueVeiculoZeroKm {
    let s = saida_zero_km();
    SaidaEstoqueVeiculoZeroKm::builder()
        .id_estoque(s.id_estoque)
        .chave_nota_fiscal(s.chave_nota_fiscal)
        .data_venda(s.data_venda)
        .valor_venda(s.valor_venda)
        .cpf_operador_responsavel(s.cpf_operador_responsavel)
        .email_estabelecimento(s.email_estabelecimento)
        .comprador(s.comprador)
        .build()
        .unwrap()
}

fn autorizacao_zero_km() -> AutorizacaoTransferenciaVeiculoZeroKm {
    AutorizacaoTransferenciaVeiculoZeroKm::builder()
        .id_estoque(IdEstoque(1001))
        .cnpj_estabelecimento_destino(cnpj("11444777000161"))
        .valor_venda(valor("95000.00"))
        .cpf_operador_responsavel(cpf())
        .data_transferencia(data_hora("2026-09-28T10:00:00"))
        .build()
        .unwrap()
}

fn devolucao_montadora() -> DevolucaoMontadoraVeiculoZeroKm {
    DevolucaoMontadoraVeiculoZeroKm::builder()
        .chave_nota_fiscal(chave(fx::CHAVE_NFE_VENDA))
        .cpf_operador_responsavel(cpf())
        .data_devolucao(data_hora("2026-09-29T10:00:00"))
        .id_estoque(IdEstoque(1001))
        .motivo_devolucao_montadora(MotivoDevolucaoMontadora::Avarias)
        .build()
        .unwrap()
}

fn transferencia_zero_km() -> TransferenciaVeiculoZeroKm {
    TransferenciaVeiculoZeroKm::new(
        chassi_zero_km(),
        IdAutorizacao(880),
        chave(fx::CHAVE_NFE_VENDA),
        data_hora("2026-09-28T11:00:00"),
        0,
        valor("91000.50"),
        cpf(),
    )
}

fn assinatura(a: AssinaturaVendedor) -> EnvioAssinaturaVendedor {
    EnvioAssinaturaVendedor {
        id_estoque: IdEstoque(1001),
        assinatura: a,
    }
}

fn documento() -> DocumentoBase64 {
    DocumentoBase64("JVBERi0xLjQK".to_owned())
}

// ---------------------------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------------------------

#[test]
fn usados_fazem_ida_e_volta() {
    ida_e_volta(
        "E2",
        &ConsultaAptidao {
            placa: Some(placa()),
            renavam: Some(renavam()),
            numero_crv: None,
            tipo_crv: TipoCrv::Azul,
        },
    );
    let e3 = ida_e_volta("E3", &entrada_estoque());
    assert_eq!(e3["veiculo"]["tipoDocumentoProprietarioAtual"], "CPF");
    let mut e3_cnpj = entrada_estoque();
    e3_cnpj.email_estabelecimento = None;
    e3_cnpj.veiculo.numero_crv = None;
    e3_cnpj.veiculo.documento_proprietario_atual = CpfCnpj::Cnpj(cnpj("11444777000161"));
    ida_e_volta("E3 CNPJ", &e3_cnpj);
    ida_e_volta("E3 veiculo", &veiculo_entrada());
    ida_e_volta("E4", &entrada_veiculo_proprio());
    for (nome, a) in [
        (
            "E5 proprio punho",
            AssinaturaVendedor::ProprioPunhoAtpve {
                foto_atpve_assinado: documento(),
            },
        ),
        (
            "E5 papel moeda",
            AssinaturaVendedor::ProprioPunhoAtpvPapelMoeda {
                foto_atpv_papel_moeda_assinado: documento(),
            },
        ),
        (
            "E5 P7S XML",
            AssinaturaVendedor::QualificadaP7sSobreXmlAtpve {
                assinatura_qualificada_p7s: documento(),
            },
        ),
        (
            "E5 P7S foto",
            AssinaturaVendedor::QualificadaP7sSobreFotoAtpvPapelMoeda {
                assinatura_qualificada_p7s: documento(),
                foto_atpv_papel_moeda_sem_assinatura: Some(documento()),
            },
        ),
        (
            "E5 P7S foto sem foto",
            AssinaturaVendedor::QualificadaP7sSobreFotoAtpvPapelMoeda {
                assinatura_qualificada_p7s: documento(),
                foto_atpv_papel_moeda_sem_assinatura: None,
            },
        ),
    ] {
        ida_e_volta(nome, &assinatura(a));
    }
    ida_e_volta(
        "E10",
        &EnvioNotaFiscal {
            chave_nota_fiscal: chave(fx::CHAVE_NFE_COMPRA),
            evento: EventoNotaFiscal::Compra,
            id_estoque: IdEstoque(1001),
        },
    );
    ida_e_volta("E11 vazia", &ConsultaEstoques::default());
    ida_e_volta(
        "E11",
        &ConsultaEstoques {
            chassi: Some(chassi_usado()),
            placa: Some(placa()),
            estado_estoque: Some(EstadoEstoque::Confirmado),
        },
    );
    ida_e_volta(
        "E14",
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
    );
    ida_e_volta("E15", &saida_estoque());
    ida_e_volta(
        "E17",
        &SolicitacaoCancelamentoSaidaEstoque {
            id_estoque: IdEstoque(1001),
            data_cancelamento_saida_estoque: data("2026-10-02"),
            cpf_operador_responsavel: cpf(),
        },
    );
    ida_e_volta("E20 vazia", &ConsultaMunicipios::default());
    ida_e_volta(
        "E20",
        &ConsultaMunicipios {
            nome: Some("BELO HORIZONTE".to_owned()),
            uf: Some(Uf::Mg),
        },
    );
}

#[test]
fn transferencias_fazem_ida_e_volta() {
    ida_e_volta("E23 vazio", &FiltroAutorizacoesTransferencias::default());
    ida_e_volta(
        "E23",
        &FiltroAutorizacoesTransferencias {
            chassi: Some(chassi_usado()),
            estado_autorizacao: Some(EstadoAutorizacaoTransferencia::Criada),
            placa: Some(placa()),
        },
    );
    ida_e_volta("E24", &autorizacao_entre_estabelecimentos());
    ida_e_volta(
        "E25/E30/Z7",
        &CancelamentoAutorizacaoTransferencia {
            cpf_operador_responsavel: cpf(),
            id_autorizacao: IdAutorizacao(501),
        },
    );
    ida_e_volta("E26", &transferencia_entre_estabelecimentos());
    let mut e26 = transferencia_entre_estabelecimentos();
    e26.valor_compra = None;
    ida_e_volta("E26 sem valor", &e26);
    ida_e_volta("E27", &transferencia_entre_filiais());
    ida_e_volta("E28", &transferencia_vindo_de_ite());
    ida_e_volta("E29", &autorizacao_para_ite());
    ida_e_volta("E31", &saida_inacabado_completa());
    ida_e_volta("E31 minima", &saida_inacabado());
    ida_e_volta(
        "E32/Z4",
        &SolicitacaoCancelamentoSaida {
            cpf_operador_responsavel: cpf(),
            data_cancelamento_saida_estoque: data("2026-10-02"),
            id_estoque: IdEstoque(1001),
        },
    );
    ida_e_volta(
        "entregaIndicada",
        &EntregaIndicada {
            cnpj_concessionaria_entregadora: cnpj("11222333000181"),
            cnpj_concessionaria_vendedora: cnpj("11444777000161"),
        },
    );
}

#[test]
fn zero_km_fazem_ida_e_volta() {
    ida_e_volta("Z2", &entrada_zero_km());
    ida_e_volta("Z3", &saida_zero_km_construida());
    assert_eq!(saida_zero_km_construida(), saida_zero_km());
    ida_e_volta(
        "Z5",
        &CancelamentoEntradaEstoqueZeroKm {
            cpf_operador_responsavel: cpf(),
            data_cancelamento_entrada_estoque: data("2026-09-29"),
            id_estoque: IdEstoque(1001),
        },
    );
    ida_e_volta("Z6", &autorizacao_zero_km());
    ida_e_volta("Z8", &transferencia_zero_km());
    ida_e_volta("Z9", &devolucao_montadora());
    ida_e_volta(
        "Z10",
        &RejeicaoVeiculoZeroKm {
            chassi: chassi_zero_km(),
            cpf_operador_responsavel: cpf(),
            motivo_rejeicao: MotivoRejeicao::Desistencia,
        },
    );
    ida_e_volta(
        "Z11",
        &CancelamentoRejeicaoVeiculoZeroKm {
            chassi: chassi_zero_km(),
            cpf_operador_responsavel: cpf(),
        },
    );
    ida_e_volta("Z12 vazio", &FiltroEntregasVeiculoZeroKm::default());
    ida_e_volta(
        "Z12",
        &FiltroEntregasVeiculoZeroKm {
            cnpj_montadora: Some(cnpj("33000167000101")),
            cnpj_estabelecimento_vendedor: Some(cnpj("11444777000161")),
            cnpj_estabelecimento_entregador: Some(cnpj("11222333000181")),
            chassi: Some(chassi_zero_km()),
            estado: Some("REALIZADA".to_owned()),
        },
    );
    ida_e_volta(
        "Z13/Z14",
        &OperacaoEntregaVeiculoZeroKm {
            cpf_operador_responsavel: cpf(),
            id_entrega: IdEntrega(31),
        },
    );
    let z15 = ida_e_volta(
        "Z15",
        &SaidaEstoqueVeiculoZeroKmRenovar {
            saida: saida_zero_km(),
            estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
            tipo_beneficio_tributario: Some("RENOVAR".to_owned()),
        },
    );
    assert_eq!(
        z15["emailEstabelecimento"], "vendas@example.com",
        "flattened"
    );
    ida_e_volta(
        "Z16",
        &SaidaEstoqueVeiculoInacabadoRenovar {
            saida: saida_inacabado_completa(),
            estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: false,
        },
    );
}

#[test]
fn esquemas_de_requisicao_fazem_ida_e_volta() {
    ida_e_volta("comprador CPF", &comprador());
    ida_e_volta("comprador CNPJ", &comprador_cnpj());
    ida_e_volta("endereco", &comprador_cnpj().endereco);
}

// ---------------------------------------------------------------------------------------------
// One refusal per type: an invalid field, named by the error
// ---------------------------------------------------------------------------------------------

#[test]
fn usados_lidos_recusam_campo_invalido() {
    let e2 = ConsultaAptidao {
        placa: None,
        renavam: None,
        numero_crv: None,
        tipo_crv: TipoCrv::Digital,
    };
    recusa("E2", &e2, "tipoCrv", |j| j["tipoCrv"] = json!("ROXO"));
    recusa("E3", &entrada_estoque(), "veiculo.tipoCrv", |j| {
        j["veiculo"]["tipoCrv"] = json!("ROXO");
    });
    recusa("E3", &entrada_estoque(), "emailVendedor", |j| {
        j["emailVendedor"] = json!("vendedor");
    });
    recusa("E3", &entrada_estoque(), "emailEstabelecimento", |j| {
        j["emailEstabelecimento"] = json!("loja@");
    });
    recusa(
        "E3 veiculo",
        &veiculo_entrada(),
        "veiculo.tipoDocumentoProprietarioAtual",
        |j| j["tipoDocumentoProprietarioAtual"] = json!("RG"),
    );
    recusa(
        "E3 veiculo",
        &veiculo_entrada(),
        "veiculo.documentoProprietarioAtual",
        // A valid CNPJ under `CPF`: the pair disagrees.
        |j| j["documentoProprietarioAtual"] = json!("11444777000161"),
    );
    recusa("E4", &entrada_veiculo_proprio(), "veiculo.tipoCrv", |j| {
        j["veiculo"]["tipoCrv"] = json!("ROXO");
    });
    recusa(
        "E5",
        &assinatura(AssinaturaVendedor::ProprioPunhoAtpve {
            foto_atpve_assinado: documento(),
        }),
        "fotoAtpveAssinadoDeProprioPunhoBase64",
        |j| {
            j["envioAssinaturaProprioPunhoAtpve"]["fotoAtpveAssinadoDeProprioPunhoBase64"] =
                json!("não é base64!");
        },
    );
    // Two forms in one body: refused, not read as the first one.
    recusa(
        "E5 duas formas",
        &assinatura(AssinaturaVendedor::ProprioPunhoAtpve {
            foto_atpve_assinado: documento(),
        }),
        "envioAssinaturaQualificadaP7sSobreXmlAtpve",
        |j| {
            j["envioAssinaturaQualificadaP7sSobreXmlAtpve"] =
                json!({"assinaturaQualificadaP7sBase64": "JVBERi0xLjQK"});
        },
    );
    let e10 = EnvioNotaFiscal {
        chave_nota_fiscal: chave(fx::CHAVE_NFE_COMPRA),
        evento: EventoNotaFiscal::Venda,
        id_estoque: IdEstoque(1001),
    };
    recusa("E10", &e10, "evento", |j| j["evento"] = json!("DOACAO"));
    recusa("E11", &ConsultaEstoques::default(), "estadoEstoque", |j| {
        j["estadoEstoque"] = json!("PERDIDO");
    });
    let e14 = SolicitacaoCancelamentoEntradaEstoque {
        data_cancelamento_estoque: data("2026-09-26"),
        cpf_operador_responsavel: cpf(),
        veiculo: VeiculoCancelamentoEntrada {
            chassi: None,
            placa: placa(),
            renavam: renavam(),
            numero_crv: None,
            codigo_seguranca_crv: csc(),
        },
    };
    recusa("E14", &e14, "RENAVAM", |j| {
        j["veiculo"]["renavam"] = json!("00123456788");
    });
    recusa("E14", &e14, "codigoSegurancaCrv", |j| {
        j["veiculo"]
            .as_object_mut()
            .unwrap()
            .remove("codigoSegurancaCrv");
    });
    recusa("E15", &saida_estoque(), "emailEstabelecimento", |j| {
        j["emailEstabelecimento"] = json!(" ");
    });
    recusa("E15", &saida_estoque(), "comprador.email", |j| {
        j["comprador"]["email"] = json!("fulano");
    });
    recusa("E15", &saida_estoque(), "comprador.endereco.numero", |j| {
        j["comprador"]["endereco"]["numero"] = json!("");
    });
    let e17 = SolicitacaoCancelamentoSaidaEstoque {
        id_estoque: IdEstoque(1001),
        data_cancelamento_saida_estoque: data("2026-10-02"),
        cpf_operador_responsavel: cpf(),
    };
    recusa("E17", &e17, "CPF", |j| {
        j["cpfOperadorResponsavel"] = json!("52998224726");
    });
    recusa("E20", &ConsultaMunicipios::default(), "UF", |j| {
        j["uf"] = json!("XX");
    });
}

#[test]
fn transferencias_lidas_recusam_campo_invalido() {
    recusa(
        "E23",
        &FiltroAutorizacoesTransferencias::default(),
        "estadoAutorizacao",
        |j| j["estadoAutorizacao"] = json!("ESQUECIDA"),
    );
    recusa(
        "E24",
        &autorizacao_entre_estabelecimentos(),
        "emailEstabelecimentoOrigem",
        |j| j["emailEstabelecimentoOrigem"] = json!("loja@example"),
    );
    let e25 = CancelamentoAutorizacaoTransferencia {
        cpf_operador_responsavel: cpf(),
        id_autorizacao: IdAutorizacao(501),
    };
    recusa("E25", &e25, "idAutorizacao", |j| {
        j.as_object_mut().unwrap().remove("idAutorizacao");
    });
    recusa(
        "E26",
        &transferencia_entre_estabelecimentos(),
        "dataTransferenciaEstoque",
        |j| {
            j.as_object_mut()
                .unwrap()
                .remove("dataTransferenciaEstoque");
        },
    );
    recusa(
        "E27",
        &transferencia_entre_filiais(),
        "emailEstabelecimentoSolicitante",
        |j| j["emailEstabelecimentoSolicitante"] = json!("filial at example.com"),
    );
    recusa(
        "E27 veiculo",
        &transferencia_entre_filiais().veiculo,
        "placa",
        |j| {
            j["placa"] = json!("12345");
        },
    );
    recusa("E28", &transferencia_vindo_de_ite(), "valorProduto", |j| {
        j.as_object_mut().unwrap().remove("valorProduto");
    });
    recusa(
        "E29",
        &autorizacao_para_ite(),
        "tipoBeneficioTributario",
        |j| {
            j["tipoBeneficioTributario"] = json!("  ");
        },
    );
    recusa("E31", &saida_inacabado_completa(), "comprador.nome", |j| {
        j["comprador"]["nome"] = json!("");
    });
    recusa(
        "E31",
        &saida_inacabado_completa(),
        "tipoBeneficioTributario",
        |j| j["tipoBeneficioTributario"] = json!(""),
    );
    let e32 = SolicitacaoCancelamentoSaida {
        cpf_operador_responsavel: cpf(),
        data_cancelamento_saida_estoque: data("2026-10-02"),
        id_estoque: IdEstoque(1001),
    };
    recusa("E32", &e32, "dataCancelamentoSaidaEstoque", |j| {
        j.as_object_mut()
            .unwrap()
            .remove("dataCancelamentoSaidaEstoque");
    });
}

#[test]
fn zero_km_lidos_recusam_campo_invalido() {
    recusa("Z2", &entrada_zero_km(), "chassi", |j| {
        j["chassi"] = json!("9BGKL48U0JB1188-8");
    });
    recusa("Z3", &saida_zero_km(), "emailEstabelecimento", |j| {
        j["emailEstabelecimento"] = json!("vendas@@example.com");
    });
    recusa("Z3", &saida_zero_km(), "comprador.tipoDocumento", |j| {
        j["comprador"]["tipoDocumento"] = json!("RG");
    });
    let z5 = CancelamentoEntradaEstoqueZeroKm {
        cpf_operador_responsavel: cpf(),
        data_cancelamento_entrada_estoque: data("2026-09-29"),
        id_estoque: IdEstoque(1001),
    };
    recusa("Z5", &z5, "idEstoque", |j| {
        j.as_object_mut().unwrap().remove("idEstoque");
    });
    recusa("Z6", &autorizacao_zero_km(), "CNPJ", |j| {
        j["cnpjEstabelecimentoDestino"] = json!("11444777000162");
    });
    recusa("Z8", &transferencia_zero_km(), "chaveNotaFiscal", |j| {
        j.as_object_mut().unwrap().remove("chaveNotaFiscal");
    });
    recusa(
        "Z9",
        &devolucao_montadora(),
        "motivoDevolucaoMontadora",
        |j| j["motivoDevolucaoMontadora"] = json!("ARREPENDIMENTO"),
    );
    let z10 = RejeicaoVeiculoZeroKm {
        chassi: chassi_zero_km(),
        cpf_operador_responsavel: cpf(),
        motivo_rejeicao: MotivoRejeicao::Desistencia,
    };
    recusa("Z10", &z10, "motivoRejeicao", |j| {
        j["motivoRejeicao"] = json!("CANSACO");
    });
    let z11 = CancelamentoRejeicaoVeiculoZeroKm {
        chassi: chassi_zero_km(),
        cpf_operador_responsavel: cpf(),
    };
    recusa("Z11", &z11, "cpfOperadorResponsavel", |j| {
        j.as_object_mut().unwrap().remove("cpfOperadorResponsavel");
    });
    recusa(
        "Z12",
        &FiltroEntregasVeiculoZeroKm::default(),
        "estado",
        |j| {
            j["estado"] = json!(" ");
        },
    );
    let z13 = OperacaoEntregaVeiculoZeroKm {
        cpf_operador_responsavel: cpf(),
        id_entrega: IdEntrega(31),
    };
    recusa("Z13", &z13, "idEntrega", |j| {
        j.as_object_mut().unwrap().remove("idEntrega");
    });
    let z15 = SaidaEstoqueVeiculoZeroKmRenovar {
        saida: saida_zero_km(),
        estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
        tipo_beneficio_tributario: Some("RENOVAR".to_owned()),
    };
    recusa("Z15", &z15, "tipoBeneficioTributario", |j| {
        j["tipoBeneficioTributario"] = json!("");
    });
    recusa("Z15", &z15, "comprador.email", |j| {
        j["comprador"]["email"] = json!("");
    });
    let z16 = SaidaEstoqueVeiculoInacabadoRenovar {
        saida: saida_inacabado(),
        estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
    };
    recusa("Z16", &z16, "emailEstabelecimento", |j| {
        j["emailEstabelecimento"] = json!("vendas");
    });
    recusa(
        "Z16",
        &z16,
        "estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar",
        |j| {
            j.as_object_mut()
                .unwrap()
                .remove("estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar");
        },
    );
}

#[test]
fn esquemas_de_requisicao_lidos_recusam_campo_invalido() {
    recusa(
        "comprador",
        &comprador(),
        "comprador.numeroDocumento",
        |j| {
            j["numeroDocumento"] = json!("11144477736");
        },
    );
    recusa("endereco", &comprador().endereco, "logradouro", |j| {
        j["logradouro"] = json!("RUA DE NOME MUITO MAIS LONGO QUE TRINTA");
    });
    recusa("endereco", &comprador().endereco, "bairro", |j| {
        j["bairro"] = json!("");
    });
    recusa(
        "entregaIndicada",
        &saida_inacabado_completa().entrega_indicada.unwrap(),
        "CNPJ",
        |j| {
            j["cnpjConcessionariaVendedora"] = json!("1");
        },
    );
}

// ---------------------------------------------------------------------------------------------
// The builders: equal to the struct literal, and `build()` names the missing field
// ---------------------------------------------------------------------------------------------

#[test]
fn construtores_nomeiam_o_campo_que_falta() {
    let casos: [(&str, renave_domain::ErroDominio); 12] = [
        (
            "cnpj_estabelecimento_destino",
            AutorizacaoTransferenciaEntreEstabelecimentos::builder()
                .build()
                .unwrap_err(),
        ),
        (
            "id_autorizacao",
            SolicitacaoTransferenciaEntreEstabelecimentos::builder()
                .build()
                .unwrap_err(),
        ),
        (
            "veiculo",
            SolicitacaoTransferenciaEntreFiliais::builder()
                .cnpj_estabelecimento_origem_transferencia(cnpj("11222333000181"))
                .cpf_operador_responsavel(cpf())
                .data_transferencia_estoque(data_hora("2026-09-25T09:00:00"))
                .email_estabelecimento_solicitante("filial@example.com")
                .build()
                .unwrap_err(),
        ),
        (
            "valor_produto",
            TransferenciaEstoqueVindoDeIte::builder()
                .chave_nota_fiscal_produto(chave(fx::CHAVE_NFE_COMPRA))
                .cpf_operador_responsavel(cpf())
                .data_hora_medicao_hodometro(data_hora("2026-09-25T08:30:00"))
                .data_transferencia_estoque(data_hora("2026-09-25T09:00:00"))
                .id_autorizacao(IdAutorizacao(777))
                .quilometragem_hodometro(12u32)
                .build()
                .unwrap_err(),
        ),
        (
            "chave_nota_fiscal_produto_saida",
            AutorizacaoTransferenciaParaIte::builder()
                .build()
                .unwrap_err(),
        ),
        (
            "comprador",
            SaidaEstoqueVeiculoInacabado::builder()
                .id_estoque(IdEstoque(1001))
                .chave_nota_fiscal(chave(fx::CHAVE_NFE_VENDA))
                .build()
                .unwrap_err(),
        ),
        (
            "chassi",
            EntradaEstoqueZeroKm::builder().build().unwrap_err(),
        ),
        (
            "id_estoque",
            SaidaEstoqueVeiculoZeroKm::builder().build().unwrap_err(),
        ),
        (
            "id_estoque",
            AutorizacaoTransferenciaVeiculoZeroKm::builder()
                .build()
                .unwrap_err(),
        ),
        (
            "chave_nota_fiscal",
            DevolucaoMontadoraVeiculoZeroKm::builder()
                .build()
                .unwrap_err(),
        ),
        // The checks of `build()`: a blank e-mail, an unknown code.
        (
            "emailEstabelecimentoOrigem",
            AutorizacaoTransferenciaEntreEstabelecimentos::builder()
                .cnpj_estabelecimento_destino(cnpj("11444777000161"))
                .cpf_operador_responsavel(cpf())
                .email_estabelecimento_origem(" ")
                .placa_veiculo(placa())
                .valor_venda(valor("45000.00"))
                .build()
                .unwrap_err(),
        ),
        (
            "motivoDevolucaoMontadora",
            DevolucaoMontadoraVeiculoZeroKm::builder()
                .chave_nota_fiscal(chave(fx::CHAVE_NFE_VENDA))
                .cpf_operador_responsavel(cpf())
                .data_devolucao(data_hora("2026-09-29T10:00:00"))
                .id_estoque(IdEstoque(1001))
                .motivo_devolucao_montadora(MotivoDevolucaoMontadora::from("ARREPENDIMENTO"))
                .build()
                .unwrap_err(),
        ),
    ];
    for (campo, erro) in casos {
        assert_eq!(erro.tipo(), campo, "{erro}");
    }
    // The builder gives the struct literal.
    assert_eq!(
        autorizacao_entre_estabelecimentos(),
        AutorizacaoTransferenciaEntreEstabelecimentos {
            cnpj_estabelecimento_destino: cnpj("11444777000161"),
            cpf_operador_responsavel: cpf(),
            email_estabelecimento_origem: "loja@example.com".to_owned(),
            placa_veiculo: placa(),
            valor_venda: valor("45000.00"),
        }
    );
    assert_eq!(
        SaidaEstoqueVeiculoInacabado::builder()
            .id_estoque(IdEstoque(fx::ID_ESTOQUE))
            .chave_nota_fiscal(chave(fx::CHAVE_NFE_VENDA))
            .comprador(comprador())
            .cpf_operador_responsavel(cpf())
            .data_venda(data_hora("2026-10-01T16:45:00"))
            .email_estabelecimento("vendas@example.com")
            .valor_venda(valor("80000.01"))
            .leasing_veiculo_inacabado(false)
            .build()
            .unwrap(),
        saida_inacabado()
    );
}

// ---------------------------------------------------------------------------------------------
// Properties of the free-form fields: read back iff the client's own checks accept
// ---------------------------------------------------------------------------------------------

/// Any text: e-mail-like, blank, with white space, `@`s and dots, non-ASCII.
fn texto() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}@[a-z]{1,8}\\.[a-z]{2,3}",
        "[ a-zA-Z0-9@.\\-_ÇÃçã\t]{0,20}",
        any::<String>(),
    ]
}

/// Reading `v` back succeeds iff `valido`, and then gives `v` exactly.
fn lido_sse_valido<T: Serialize + DeserializeOwned + PartialEq + Debug>(
    v: &T,
    valido: bool,
) -> Result<(), TestCaseError> {
    let json = serde_json::to_value(v).unwrap();
    match serde_json::from_value::<T>(json) {
        Ok(lido) => {
            prop_assert!(valido, "read back although the client refuses it: {v:?}");
            prop_assert_eq!(&lido, v);
        }
        Err(e) => prop_assert!(!valido, "refused although the client accepts it: {e}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn emails_lidos_como_validados(email in texto(), quilometragem in any::<u64>()) {
        let mut e3 = entrada_estoque();
        e3.email_vendedor.clone_from(&email);
        e3.veiculo.quilometragem_hodometro = quilometragem;
        lido_sse_valido(&e3, e3.validar().is_ok())?;

        let mut e15 = saida_estoque();
        e15.email_estabelecimento.clone_from(&email);
        lido_sse_valido(&e15, e15.validar().is_ok())?;

        let mut e24 = autorizacao_entre_estabelecimentos();
        e24.email_estabelecimento_origem.clone_from(&email);
        lido_sse_valido(&e24, e24.validar().is_ok())?;

        let mut e27 = transferencia_entre_filiais();
        e27.email_estabelecimento_solicitante.clone_from(&email);
        lido_sse_valido(&e27, e27.validar().is_ok())?;

        let mut z3 = saida_zero_km();
        z3.comprador.email.clone_from(&email);
        lido_sse_valido(&z3, z3.validar().is_ok())?;
    }

    #[test]
    fn textos_livres_lidos_como_validados(
        nome in texto(),
        numero in texto(),
        complemento in proptest::option::of(texto()),
        tipo in proptest::option::of(texto()),
        estado in proptest::option::of(texto()),
    ) {
        let mut e31 = saida_inacabado_completa();
        e31.comprador.nome.clone_from(&nome);
        e31.comprador.endereco.numero.clone_from(&numero);
        e31.comprador.endereco.complemento.clone_from(&complemento);
        e31.tipo_beneficio_tributario.clone_from(&tipo);
        lido_sse_valido(&e31, e31.validar().is_ok())?;

        let mut e29 = autorizacao_para_ite();
        e29.tipo_beneficio_tributario.clone_from(&tipo);
        lido_sse_valido(&e29, e29.validar().is_ok())?;

        let z15 = SaidaEstoqueVeiculoZeroKmRenovar {
            saida: saida_zero_km(),
            estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
            tipo_beneficio_tributario: tipo.clone(),
        };
        lido_sse_valido(&z15, z15.validar().is_ok())?;

        let z12 = FiltroEntregasVeiculoZeroKm {
            estado: estado.clone(),
            ..FiltroEntregasVeiculoZeroKm::por_chassi(chassi_zero_km())
        };
        lido_sse_valido(&z12, z12.validar().is_ok())?;

        // E20's `nome` is sent as given: any text is read back unchanged.
        let e20 = ConsultaMunicipios { nome: Some(nome.clone()), uf: None };
        lido_sse_valido(&e20, true)?;
    }

    #[test]
    fn numeros_lidos_sem_perda(km in any::<u32>(), id in any::<i64>(), autorizacao in any::<i64>()) {
        let mut z2 = entrada_zero_km();
        z2.quilometragem_hodometro = km;
        lido_sse_valido(&z2, true)?;
        let mut e28 = transferencia_vindo_de_ite();
        e28.quilometragem_hodometro = km;
        e28.id_autorizacao = IdAutorizacao(autorizacao);
        lido_sse_valido(&e28, true)?;
        let mut z6 = autorizacao_zero_km();
        z6.id_estoque = IdEstoque(id);
        lido_sse_valido(&z6, true)?;
    }
}
