//! End to end against both simulators of `renave-simulador`, through the real clients:
//!
//! * the POC sequence of the Regulamento Técnico CET-MG (§6.1, §6.2, §7) — the very same step
//!   functions `cargo run --example poc` runs (the `renave-poc` library), with every step
//!   asserted;
//! * each negative path the POC must demonstrate, on its own: não apto stops the flow, an
//!   unpaid DAE blocks the distribution, no distribution blocks the booking, an unsigned
//!   ATPV-e blocks the comunicação de venda, a laudo over 120 days demands a new vistoria, a
//!   missing §7.3 document blocks the regularização, a saída before `CONFIRMADO` is refused;
//! * a user-mounted override takes precedence over a running simulator.
//!
//! No real sleeping: the Renave-WS clock is moved by hand.
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

use std::time::Duration;

use renave::domain::{
    CodigoTaxa, CpfCnpj, Data, DocumentoId, EstadoEstoque, EventoNotaFiscal, TipoVeiculo, Uf,
};
use renave::mg::operacoes::agenda::{Agendamento, ConsultaPeriodosAtendimento};
use renave::mg::operacoes::dae::EmissaoGuiaDae;
use renave::mg::operacoes::estoque::{ConsultaAptidaoVeiculoEstoque, SolicitacaoTransferencia};
use renave::mg::operacoes::protocolo_digital::{
    ConsultaProtocoloRenave, DocumentoAnexo, ProcessoTransferencia, RegularizacaoPendencia,
    UploadFichaCadastro,
};
use renave::mg::operacoes::vistoria::{
    CompradorChassi, ConsultaRegioesMunicipio, DistribuicaoVeiculoEcv,
};
use renave::mg::simulador::amostras as amostras_mg;
use renave::mg::{ClienteCetMg, Erro, Identificador};
use renave::ws::ClienteRenaveWs;
use renave::ws::modelos::{Comprador, IdEstoque};
use renave::ws::operacoes::usados::{
    EnvioAssinaturaVendedor, EnvioNotaFiscal, SolicitacaoEntradaEstoque, SolicitacaoSaidaEstoque,
};
use renave::ws::simulador::amostras as amostras_ws;
use renave_simulador::cetmg::VeiculoSimulado;
use serde_json::json;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, ResponseTemplate};

use renave_poc::{Bastidores, DadosPoc, Esperado, Resultado, Roteiro, Simuladores};

/// The simulators, both clients and the POC's input drawn from the seeds.
async fn ambiente() -> (Simuladores, ClienteCetMg, ClienteRenaveWs, DadosPoc) {
    let sims = Simuladores::iniciar().await;
    let (mg, ws) = renave_poc::construir_clientes(sims.conexao()).unwrap();
    let dados = sims.dados().unwrap();
    (sims, mg, ws, dados)
}

// ---------------------------------------------------------------------------------------------
// The POC sequence
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn sequencia_da_poc_completa_com_cada_passo_conforme() {
    let (sims, mg, ws, dados) = ambiente().await;
    let carro = dados.carro.clone();
    let moto = dados.moto.clone();
    let mut r = Roteiro::new(mg, ws, Bastidores::Simulado(Box::new(sims)), dados, false);
    let conforme = r.executar().await;
    let passos = &r.registro.passos;

    // Every step showed what it should (success, or the refusal the POC must demonstrate).
    let desvios: Vec<String> = passos
        .iter()
        .filter(|p| !p.conforme())
        .map(|p| format!("[{}] {} {}: {:?}", p.numero, p.secao, p.titulo, p.resultado))
        .collect();
    assert!(desvios.is_empty(), "{desvios:#?}\n{}", r.registro.resumo());
    assert!(conforme);
    // Numbered 1..n without gaps, no external-action step against the simulators.
    for (i, p) in passos.iter().enumerate() {
        assert_eq!(p.numero, i + 1);
        assert!(!matches!(p.resultado, Resultado::AcaoExterna(_)), "{p:?}");
    }

    // Each negative path the POC must show is in the log, refused with its code.
    let recusas = |codigo: &str| {
        passos
            .iter()
            .filter(|p| {
                p.esperado != Esperado::Sucesso
                    && matches!(&p.resultado, Resultado::Recusado { codigo: Some(c), .. } if c == codigo)
            })
            .count()
    };
    assert!(recusas("não apto") >= 10, "one per seeded impediment");
    for (codigo, quantas) in [
        ("101", 1),     // solicitação of a non-apto vehicle
        ("204", 1),     // distribution with the DAE unpaid
        ("301", 1),     // booking dates without distribution
        ("401", 1),     // comunicação de venda with the ATPV-e unsigned
        ("cliente", 2), // malformed CPF (§6.1.2 400), regularização without the §7.3 document (neither sent)
        ("409", 1),     // §6.1.2: owner does not match
        ("404", 1),     // §6.1.2: vehicle not found
        ("429", 1),     // §6.1.2: throttled
        ("500", 1),     // §6.1.2: server error
        ("501", 1),     // ficha de cadastro without laudo
        ("502", 1),     // ficha de cadastro with a laudo over 120 days
        ("422", 2),     // refused authorization (old CRV), saída before CONFIRMADO
    ] {
        assert_eq!(recusas(codigo), quantas, "refusals with code {codigo}");
    }

    // Both flows were made for a car and for a motorcycle, each with its branch.
    for secao in [
        "6.1.1",
        "6.1.3",
        "6.1.4",
        "6.1.7 1-2",
        "6.1.8",
        "6.2.1",
        "6.2.3 1-2",
        "6.2.4",
        "7.1",
        "7.2",
        "7.3", // a pendência regularised for each vehicle
        "7.4",
    ] {
        for v in [&carro, &moto] {
            assert!(
                passos.iter().any(|p| p.secao == secao
                    && p.titulo.contains(v.nome)
                    && p.resultado == Resultado::Sucesso),
                "{secao} {}",
                v.nome
            );
        }
    }
    let sucesso = |secao: &str, trecho: &str| {
        passos.iter().any(|p| {
            p.secao == secao && p.titulo.contains(trecho) && p.resultado == Resultado::Sucesso
        })
    };
    assert!(sucesso("5.1", "gerar token"));
    // §6.1.2/§6.2.2: an expired token (401) is renewed by the SDK and the query succeeds.
    assert!(sucesso("6.1.2", "Token expirado"));
    assert!(sucesso("6.1.5", "DAE taxa 64"));
    assert!(sucesso("6.1.5", "Pagamento"));
    assert!(sucesso("6.1.6", "Distribuir o veículo"));
    assert!(sucesso("6.1.6 b", "Datas com vagas"));
    assert!(sucesso("6.1.6 b", "Períodos"));
    assert!(sucesso("6.1.6 c", "Gravar agendamento"));
    assert!(sucesso("6.1.4", "formulário (declaração marcada)"));
    assert!(sucesso("6.1.7 3.1", "cartório"));
    assert!(sucesso("6.1.7 3.2", "CDT"));
    assert!(sucesso("6.1.7 2.1", "pendências da recusa"));
    assert!(sucesso("7.1", "criar processo"));
    assert!(sucesso("7.2", "recuperar protocolo"));
    assert!(sucesso("7.3", "com o documento 284"));
    assert!(sucesso("7.4", "comunicação de venda"));
    assert!(sucesso("6.2.3 6.2", "ficha de cadastro"));

    // One world: each flow is ONE vehicle through both APIs, and the log shows ONE ATPV-e
    // number from the Renave-WS signature (E6) to the CET-MG comunicação de venda de entrada,
    // and one from the saída's ATPV-e (E7) to the comunicação de venda de saída.
    let numero_apos = |p: &renave_poc::Passo, marca: &str| -> Option<String> {
        p.linhas.iter().find_map(|l| {
            l.split(marca).nth(1).map(|r| {
                r.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
            })
        })
    };
    for v in [&carro, &moto] {
        assert_eq!(v.cetmg.chassi, v.ws.chassi, "{}", v.nome);
        assert_eq!(v.cetmg.placa, v.ws.placa, "{}", v.nome);
        assert_eq!(v.cetmg.renavam, v.ws.renavam, "{}", v.nome);
        assert_eq!(v.cetmg.proprietario, v.ws.proprietario, "{}", v.nome);
        let passo = |secao: &str, trecho: &str| {
            passos
                .iter()
                .find(|p| {
                    p.secao == secao && p.titulo.contains(trecho) && p.titulo.contains(v.nome)
                })
                .unwrap_or_else(|| panic!("{secao} {trecho} {}", v.nome))
        };
        let assinada = numero_apos(passo("E6", "última assinatura"), "ATPV-e nº ").unwrap();
        assert_eq!(assinada.len(), 12, "{}", v.nome);
        assert!(
            passo("6.1.7", "encaminhada à CET-MG")
                .linhas
                .iter()
                .any(|l| l.contains(&format!("nº {assinada} (Renave-WS)"))
                    && l.contains("mesmo número")),
            "{}",
            v.nome
        );
        assert!(
            passo("6.1.8", "Comunicação de venda de entrada")
                .titulo
                .contains(&format!("ATPV-e {assinada}")),
            "{}",
            v.nome
        );
        let venda = numero_apos(passo("6.2.3 2.2", "ATPV-e de venda"), "numeroAtpv: ").unwrap();
        assert_eq!(venda.len(), 12, "{}", v.nome);
        assert_ne!(venda, assinada, "{}", v.nome);
        assert!(
            passo("6.2.4", "Comunicação de venda de saída")
                .titulo
                .contains(&format!("ATPV-e {venda}")),
            "{}",
            v.nome
        );
    }

    // The state the simulators ended in agrees with the log.
    let Bastidores::Simulado(sims) = &r.bastidores else {
        unreachable!("simulated run")
    };
    for v in [&carro, &moto] {
        let cetmg = sims.cetmg.veiculo(&v.cetmg.chassi).unwrap();
        assert_eq!(
            cetmg.proprietario,
            CpfCnpj::from(r.dados.cpf_comprador),
            "{}: sold to the buyer on CET-MG",
            v.nome
        );
        assert!(
            cetmg.id_estoque.is_none(),
            "{}: out of the CET-MG stock",
            v.nome
        );
        let estoques =
            r.ws.consultar_estoques(&renave::ws::operacoes::usados::ConsultaEstoques {
                chassi: Some(v.ws.chassi),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(estoques.is_completa(), "{}", v.nome);
        assert_eq!(estoques.validos().len(), 1, "{}", v.nome);
        assert_eq!(
            estoques.validos()[0].estado,
            Some(EstadoEstoque::Finalizado),
            "{}",
            v.nome
        );
    }
}

#[tokio::test]
async fn o_registro_da_poc_nao_mostra_cpf_inteiro() {
    let (sims, mg, ws, dados) = ambiente().await;
    // Every CPF the run handles: owners, sellers, operator, buyer.
    let mut cpfs: Vec<String> = sims
        .cetmg
        .veiculos()
        .iter()
        .filter_map(|v| match v.proprietario {
            CpfCnpj::Cpf(c) => Some(c.as_str().to_owned()),
            CpfCnpj::Cnpj(_) => None,
        })
        .collect();
    cpfs.extend(
        sims.ws
            .dados()
            .usados
            .iter()
            .filter_map(|u| match u.proprietario {
                CpfCnpj::Cpf(c) => Some(c.as_str().to_owned()),
                CpfCnpj::Cnpj(_) => None,
            }),
    );
    cpfs.push(dados.cpf_operador.as_str().to_owned());
    cpfs.push(dados.cpf_comprador.as_str().to_owned());
    let mut r = Roteiro::new(mg, ws, Bastidores::Simulado(Box::new(sims)), dados, false);
    assert!(r.executar().await);
    let mut texto = r.registro.resumo();
    for p in &r.registro.passos {
        texto.push_str(&p.titulo);
        texto.push_str(&p.linhas.join("\n"));
        if let Resultado::Recusado { mensagem, .. } = &p.resultado {
            texto.push_str(mensagem);
        }
    }
    assert!(texto.contains("CPF ***.***.***-"), "CPFs are shown masked");
    for cpf in &cpfs {
        assert!(!texto.contains(cpf.as_str()), "a full CPF in the POC log");
    }
}

#[test]
fn codigo_de_seguranca_lido_do_pdf() {
    let pdf = b"%PDF-1.4\n(Codigo de seguranca do CRV) Tj\n/F1 10 Tf\n(Placa: ABC1D23) Tj T*\n(Codigo de seguranca do CRV: 10293847561) Tj T*\n%%EOF";
    assert_eq!(
        renave_poc::codigo_no_pdf(pdf).map(|c| c.as_str().to_owned()),
        Some("10293847561".to_owned())
    );
    assert!(
        renave_poc::codigo_no_pdf(b"%PDF-1.4\n(Codigo de seguranca do CRV) Tj\n%%EOF").is_none()
    );
    assert!(renave_poc::codigo_no_pdf(b"%PDF-1.4 compressed \x78\x9c").is_none());
}

// ---------------------------------------------------------------------------------------------
// Negative paths, one by one
// ---------------------------------------------------------------------------------------------

/// The sample solicitação of the simulated world (`renave_mg_client::simulador::amostras`).
fn solicitacao(
    v: &VeiculoSimulado,
    dados: &DadosPoc,
    comprador: CpfCnpj,
) -> SolicitacaoTransferencia {
    SolicitacaoTransferencia {
        cpf_cnpj_estabelecimento: dados.cnpj_estabelecimento,
        ..amostras_mg::solicitacao_transferencia(&v.into(), comprador)
    }
}

fn apto(sims: &Simuladores, tipo: &TipoVeiculo) -> VeiculoSimulado {
    sims.cetmg
        .veiculos()
        .into_iter()
        .find(|v| v.is_apto() && v.id_estoque.is_none() && v.tipo_veiculo == *tipo)
        .unwrap()
}

async fn requisicoes_a(sims: &Simuladores, trecho: &str) -> usize {
    sims.cetmg
        .requisicoes_recebidas()
        .await
        .iter()
        .filter(|r| r.url.path().contains(trecho))
        .count()
}

#[tokio::test]
async fn veiculo_nao_apto_interrompe_o_fluxo() {
    let (sims, mg, _ws, dados) = ambiente().await;
    let loja = CpfCnpj::from(dados.cnpj_estabelecimento);
    let nao_aptos: Vec<VeiculoSimulado> = sims
        .cetmg
        .veiculos()
        .into_iter()
        .filter(|v| v.impedimento.is_some())
        .collect();
    assert!(!nao_aptos.is_empty());
    for v in &nao_aptos {
        let r = mg
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                v.chassi,
                v.proprietario,
                dados.cnpj_estabelecimento,
            ))
            .await
            .unwrap();
        let a = r.avaliacao();
        assert!(!a.pode_prosseguir(), "{v}");
        assert!(
            a.impedimentos.iter().any(|i| Some(i.item) == v.impedimento),
            "{v}"
        );
        // And CET-MG refuses the solicitação all the same.
        let e = mg
            .registrar_solicitacao_transferencia(&solicitacao(v, &dados, loja))
            .await
            .unwrap_err();
        assert_eq!(e.codigo_retorno(), Some("101"), "{v}: {e}");
    }
    // Nothing went on: no DAE, no distribution for them.
    assert_eq!(requisicoes_a(&sims, "emitir-guia-dae").await, 0);
    assert_eq!(requisicoes_a(&sims, "vistoria/distribuir").await, 0);
}

#[tokio::test]
async fn dae_nao_pago_bloqueia_distribuicao_e_sem_distribuicao_nao_ha_agendamento() {
    let (sims, mg, _ws, dados) = ambiente().await;
    let loja = CpfCnpj::from(dados.cnpj_estabelecimento);
    let v = apto(&sims, &TipoVeiculo::Automovel);
    mg.registrar_solicitacao_transferencia(&solicitacao(&v, &dados, loja))
        .await
        .unwrap();
    let dae = mg
        .emitir_guia_dae(&EmissaoGuiaDae {
            cnpj_estabelecimento: dados.cnpj_estabelecimento,
            codigo_taxa: CodigoTaxa::VistoriaMovel,
            cpf_cnpj_comprador: loja,
            uf_origem_comprador: Uf::Mg,
            codigo_municipio_emplacamento: "4123".parse().unwrap(),
        })
        .await
        .unwrap();
    let regiao = mg
        .retornar_regioes_municipio(&ConsultaRegioesMunicipio {
            municipio_id: Identificador::from("4123"),
            tipo_ecv_id: 1u64.into(),
        })
        .await
        .unwrap()
        .dados
        .validos()[0]
        .municipio_regiao_id
        .clone()
        .unwrap();
    let distribuicao = DistribuicaoVeiculoEcv {
        cnpj_estabelecimento: dados.cnpj_estabelecimento,
        municipio_regiao_id: regiao,
        cpf_cnpj_comprador: loja,
        telefone_comprador: "3133330000".into(),
        email_comprador: "loja@example.com".into(),
        vistoria_movel: true,
        receber_pesquisa: false,
    };
    let alvo = CompradorChassi::new(loja, v.chassi);

    // Unpaid DAE: no distribution.
    let e = mg.distribuir_veiculo_ecv(&distribuicao).await.unwrap_err();
    assert_eq!(e.codigo_retorno(), Some("204"), "{e}");
    // No distribution: no dates, no periods, no booking.
    let e = mg.retornar_datas_com_vagas(&alvo).await.unwrap_err();
    assert_eq!(e.codigo_retorno(), Some("301"), "{e}");
    let amanha = Data::hoje_brasilia();
    let e = mg
        .retornar_periodos_atendimento(&ConsultaPeriodosAtendimento {
            data_agendada: amanha,
            alvo: alvo.clone(),
        })
        .await
        .unwrap_err();
    assert_eq!(e.codigo_retorno(), Some("301"), "{e}");
    let e = mg
        .gravar_agendamento(&Agendamento {
            cnpj_estabelecimento: dados.cnpj_estabelecimento,
            data_agendada: amanha,
            periodo_id: 1u64.into(),
            cpf_cnpj_comprador: loja,
            chassi: v.chassi,
        })
        .await
        .unwrap_err();
    assert_eq!(e.codigo_retorno(), Some("301"), "{e}");

    // Once paid, the distribution goes, and then the booking.
    let numero = dae.guias[0].numero_identificacao_boleto.clone().unwrap();
    assert!(sims.cetmg.compensar_pagamento(&numero.to_string()));
    mg.distribuir_veiculo_ecv(&distribuicao).await.unwrap();
    let datas = mg.retornar_datas_com_vagas(&alvo).await.unwrap();
    assert!(!datas.dados.validos().is_empty());
}

#[tokio::test]
async fn atpv_nao_assinada_bloqueia_comunicacao_de_venda() {
    let (sims, mg, _ws, dados) = ambiente().await;
    let loja = CpfCnpj::from(dados.cnpj_estabelecimento);
    let v = apto(&sims, &TipoVeiculo::Motocicleta);
    mg.registrar_solicitacao_transferencia(&solicitacao(&v, &dados, loja))
        .await
        .unwrap();
    let comunicacao = |numero: String| amostras_mg::comunicacao_venda_entrada(&(&v).into(), numero);
    let e = mg
        .registrar_comunicacao_venda_entrada_estoque(&comunicacao("202600000001".into()))
        .await
        .unwrap_err();
    assert_eq!(e.codigo_retorno(), Some("401"), "{e}");
    assert!(sims.cetmg.veiculo(&v.chassi).unwrap().id_estoque.is_none());
    // Signed: accepted, the vehicle enters the stock.
    let numero = sims.cetmg.registrar_assinatura_atpv(&v.chassi).unwrap();
    mg.registrar_comunicacao_venda_entrada_estoque(&comunicacao(numero))
        .await
        .unwrap();
    assert!(sims.cetmg.veiculo(&v.chassi).unwrap().id_estoque.is_some());
}

/// One world: the seller's signature sent to Renave-WS (E5), not the manual knob, is what lets
/// CET-MG accept the comunicação de venda de entrada of the same vehicle, with the number E6
/// shows (R §6.1.7 3.2.4, §6.1.8).
#[tokio::test]
async fn assinatura_no_renave_ws_libera_a_comunicacao_de_venda_na_cetmg() {
    let (sims, mg, ws, dados) = ambiente().await;
    let loja = CpfCnpj::from(dados.cnpj_estabelecimento);
    let w = &dados.moto.ws;
    let v = sims.cetmg.veiculo(&w.chassi).unwrap();
    assert!(v.is_apto());
    mg.registrar_solicitacao_transferencia(&solicitacao(&v, &dados, loja))
        .await
        .unwrap();
    let agora = sims.ws.agora();
    let estoque = ws
        .solicitar_entrada_estoque(&SolicitacaoEntradaEstoque {
            cpf_operador_responsavel: dados.cpf_operador,
            ..amostras_ws::entrada_estoque(&w.amostra(), agora)
        })
        .await
        .unwrap();
    let comunicacao = |numero: String| amostras_mg::comunicacao_venda_entrada(&(&v).into(), numero);
    // Entrada requested on Renave-WS but not signed yet: CET-MG still refuses (401).
    let e = mg
        .registrar_comunicacao_venda_entrada_estoque(&comunicacao("202600000001".into()))
        .await
        .unwrap_err();
    assert_eq!(e.codigo_retorno(), Some("401"), "{e}");
    ws.enviar_assinatura_vendedor_atpv(&EnvioAssinaturaVendedor {
        id_estoque: estoque.id.unwrap(),
        assinatura: amostras_ws::assinatura_proprio_punho(),
    })
    .await
    .unwrap();
    let numero = ws
        .consultar_ultima_assinatura_atpv(&w.placa, &w.renavam)
        .await
        .unwrap()
        .numero_atpve
        .unwrap();
    assert_eq!(sims.cetmg.atpve_assinada(&v.chassi), Some(numero.clone()));
    // Another number is not the signed ATPV-e (409); the one Renave-WS gave is accepted.
    let e = mg
        .registrar_comunicacao_venda_entrada_estoque(&comunicacao("999999999999".into()))
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(409), "{e}");
    mg.registrar_comunicacao_venda_entrada_estoque(&comunicacao(numero))
        .await
        .unwrap();
    assert!(sims.cetmg.veiculo(&v.chassi).unwrap().id_estoque.is_some());
}

fn processo(v: &VeiculoSimulado, dados: &DadosPoc, taxi: bool) -> ProcessoTransferencia {
    amostras_mg::processo_transferencia(&v.into(), CpfCnpj::from(dados.cpf_comprador), taxi)
}

fn ficha(numero_protocolo: Identificador, dados: &DadosPoc) -> UploadFichaCadastro {
    UploadFichaCadastro {
        cpf_cnpj_remetente: CpfCnpj::from(dados.cnpj_estabelecimento),
        ..amostras_mg::ficha_cadastro(numero_protocolo)
    }
}

#[tokio::test]
async fn laudo_com_mais_de_120_dias_exige_nova_vistoria() {
    let (sims, mg, _ws, dados) = ambiente().await;
    let comprador = CpfCnpj::from(dados.cpf_comprador);
    let vencido = dados.laudo_vencido.clone().unwrap();
    let v = sims.cetmg.veiculo(&vencido.chassi).unwrap();
    let hoje = Data::hoje_brasilia();
    let laudo = mg
        .consultar_ultimo_laudo(&CompradorChassi::new(comprador, v.chassi))
        .await
        .unwrap();
    let validade = laudo.validade_em(hoje);
    assert!(
        matches!(validade, renave::domain::ValidadeLaudo::Vencido(_)),
        "{validade:?}"
    );
    let situacao = validade.situacao().unwrap();
    assert!(!situacao.is_dentro_do_prazo());
    assert!(situacao.dias_decorridos > 120);
    let numero = mg
        .criar_processo_transferencia(&processo(&v, &dados, false))
        .await
        .unwrap()
        .numero_protocolo
        .unwrap();
    let e = mg
        .upload_documento_ficha_cadastro(&ficha(numero.clone(), &dados))
        .await
        .unwrap_err();
    assert_eq!(e.codigo_retorno(), Some("502"), "{e}");
    assert!(
        e.mensagem_usuario()
            .unwrap_or_default()
            .contains("120 dias"),
        "{e}"
    );
    // After the new vistoria the ficha goes.
    assert!(sims.cetmg.registrar_laudo(&v.chassi, hoje));
    mg.upload_documento_ficha_cadastro(&ficha(numero, &dados))
        .await
        .unwrap();
}

#[tokio::test]
async fn documento_da_tabela_7_3_faltando_bloqueia_regularizacao() {
    let (sims, mg, _ws, dados) = ambiente().await;
    let loja = CpfCnpj::from(dados.cnpj_estabelecimento);
    let v = apto(&sims, &TipoVeiculo::Automovel);
    let p = processo(&v, &dados, true);
    let numero = mg
        .criar_processo_transferencia(&p)
        .await
        .unwrap()
        .numero_protocolo
        .unwrap();
    let recuperado = mg
        .recuperar_protocolo_renave(&ConsultaProtocoloRenave::new(
            v.chassi,
            loja,
            CpfCnpj::from(dados.cpf_comprador),
        ))
        .await
        .unwrap();
    let pendencia: Identificador = recuperado.pendencias.as_ref().unwrap().validos()[0]
        .numero_pendencia
        .clone()
        .unwrap();
    let regularizacao = |documento: DocumentoId| RegularizacaoPendencia {
        numero_pendencia: pendencia.clone(),
        numero_protocolo: numero.clone(),
        cpf_cnpj_remetente: loja,
        mensagem: "Regularização".into(),
        documentos_anexados: vec![DocumentoAnexo {
            tipo_documento: documento,
            nome: "documento.pdf".into(),
            arquivo: renave_poc::PDF_DEMONSTRACAO.to_vec(),
        }],
        condicoes: p.condicoes_documentos(),
    };
    let e = mg
        .regularizar_pendencia_renave(&regularizacao(DocumentoId::DocumentacaoIdentificacao))
        .await
        .unwrap_err();
    let Erro::DocumentosFaltantes { faltantes, .. } = &e else {
        panic!("expected DocumentosFaltantes, got {e:?}");
    };
    assert_eq!(faltantes.len(), 1);
    assert_eq!(faltantes[0].documento, DocumentoId::AutorizacaoPoderPublico);
    assert_eq!(
        requisicoes_a(&sims, "regularizar-pendencia").await,
        0,
        "refused before anything is sent"
    );
    let ok = mg
        .regularizar_pendencia_renave(&regularizacao(DocumentoId::AutorizacaoPoderPublico))
        .await
        .unwrap();
    assert!(ok.retorno.mensagem().is_some());
    assert_eq!(requisicoes_a(&sims, "regularizar-pendencia").await, 1);
}

#[tokio::test]
async fn saida_antes_de_confirmado_e_recusada() {
    let (sims, _mg, ws, dados) = ambiente().await;
    let v = &dados.carro.ws;
    let agora = sims.ws.agora();
    let estoque = ws
        .solicitar_entrada_estoque(&SolicitacaoEntradaEstoque {
            cpf_operador_responsavel: dados.cpf_operador,
            ..amostras_ws::entrada_estoque(&v.amostra(), agora)
        })
        .await
        .unwrap();
    let id: IdEstoque = estoque.id.unwrap();
    ws.enviar_assinatura_vendedor_atpv(&EnvioAssinaturaVendedor {
        id_estoque: id,
        assinatura: amostras_ws::assinatura_proprio_punho(),
    })
    .await
    .unwrap();
    ws.enviar_nota_fiscal(&EnvioNotaFiscal {
        chave_nota_fiscal: dados.carro.chave_nfe_compra,
        evento: EventoNotaFiscal::Compra,
        id_estoque: id,
    })
    .await
    .unwrap();
    let saida = |codigo| SolicitacaoSaidaEstoque {
        cpf_operador_responsavel: dados.cpf_operador,
        comprador: Comprador {
            documento: CpfCnpj::from(dados.cpf_comprador),
            ..amostras_ws::comprador_saida()
        },
        ..amostras_ws::saida_estoque(&v.amostra(), codigo, agora)
    };
    // SOLICITADO, then TRANSFERIDO: refused, nothing changes.
    for avanco in [0, 60] {
        sims.ws.avancar_relogio(Duration::from_secs(avanco));
        let e = ws
            .solicitar_saida_estoque(&saida(v.codigo_seguranca_crv))
            .await
            .unwrap_err();
        assert!(e.is_negocio(), "{e}");
        assert!(
            e.mensagem_usuario()
                .unwrap_or_default()
                .contains("CONFIRMADO"),
            "{e}"
        );
        assert_ne!(
            sims.ws.estado_estoque(id.get()),
            Some(EstadoEstoque::Finalizado)
        );
    }
    // CONFIRMADO, with the new CRV code read from the CRLV-e: the saída goes.
    sims.ws.avancar_relogio(Duration::from_secs(4 * 60));
    assert_eq!(
        sims.ws.estado_estoque(id.get()),
        Some(EstadoEstoque::Confirmado)
    );
    let crlve = ws.obter_crlve(&v.placa, &v.renavam).await.unwrap();
    let novo = renave_poc::codigo_no_pdf(&crlve.pdf_codigo_seguranca_crv().unwrap()).unwrap();
    assert_ne!(novo, v.codigo_seguranca_crv, "the CRV was re-issued");
    let vendido = ws.solicitar_saida_estoque(&saida(novo)).await.unwrap();
    assert_eq!(vendido.estado, Some(EstadoEstoque::Finalizado));
}

// ---------------------------------------------------------------------------------------------
// Overrides
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn mock_do_usuario_prevalece_sobre_o_simulador_em_execucao() {
    let (sims, mg, ws, dados) = ambiente().await;
    let v = apto(&sims, &TipoVeiculo::Automovel);
    let consulta =
        ConsultaAptidaoVeiculoEstoque::new(v.chassi, v.proprietario, dados.cnpj_estabelecimento);
    assert!(
        mg.consultar_aptidao_veiculo_estoque(&consulta)
            .await
            .unwrap()
            .avaliacao()
            .pode_prosseguir()
    );

    // CET-MG: this vehicle now answers "gravame" (default wiremock priority 5 beats the
    // simulator's 10); the token and every other operation stay stateful.
    Mock::given(method("GET"))
        .and(path_regex(format!(
            "^/api/veiculos/renave/consultar-aptidao-veiculo-estoque/{}/",
            v.chassi.as_str()
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "codigo_retorno": "000",
            "mensagem_retorno": "Veículo não apto: gravame (mock do usuário)",
            "gravame": true,
        })))
        .mount(sims.cetmg.servidor())
        .await;
    let r = mg
        .consultar_aptidao_veiculo_estoque(&consulta)
        .await
        .unwrap();
    assert_eq!(
        r.retorno.mensagem(),
        Some("Veículo não apto: gravame (mock do usuário)")
    );
    assert!(!r.avaliacao().pode_prosseguir());
    assert!(
        !mg.consultar_cores()
            .await
            .unwrap()
            .dados
            .validos()
            .is_empty()
    );

    // Renave-WS: the authenticated client is overridden; the stock lookups stay stateful.
    Mock::given(method("GET"))
        .and(path("/api/cliente-autenticado"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "cnpj": dados.cnpj_estabelecimento.as_str(),
            "nome": "ESTABELECIMENTO DO MOCK",
        })))
        .with_priority(1)
        .mount(sims.ws.servidor())
        .await;
    let c = ws.consultar_cliente_autenticado().await.unwrap();
    assert_eq!(c.nome.as_deref(), Some("ESTABELECIMENTO DO MOCK"));
    let estoques = ws
        .consultar_estoques(&renave::ws::operacoes::usados::ConsultaEstoques::default())
        .await
        .unwrap();
    assert!(
        estoques
            .iter()
            .any(|e| e.estado == Some(EstadoEstoque::Confirmado)),
        "the seeded CONFIRMADO stock is still served by the simulator"
    );

    // A fault injected by the user: 503 on the next Renave-WS read, then back to normal.
    Mock::given(method("GET"))
        .and(path_regex("^/api/estoques$"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(sims.ws.servidor())
        .await;
    let sem_retentativa = ClienteRenaveWs::builder()
        .ambiente(renave::ws::Ambiente::Local(sims.ws.uri().parse().unwrap()))
        .retentativas(renave::ws::RetryPolicy::disabled())
        .build()
        .unwrap();
    let todos = renave::ws::operacoes::usados::ConsultaEstoques::default();
    let e = sem_retentativa
        .consultar_estoques(&todos)
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(503), "{e}");
    assert!(sem_retentativa.consultar_estoques(&todos).await.is_ok());
}

// ---------------------------------------------------------------------------------------------
// Issue 12: an aptidão answer the SDK cannot fully read is a stop, never "apto"
// ---------------------------------------------------------------------------------------------

/// The CET-MG aptidão of the POC's car answers with the gravame under a name the SDK does not
/// model (and one item as an odd word): the POC shows INDETERMINADO, names the items and the
/// unknown field, and stops the entrada before the solicitação.
#[tokio::test]
async fn aptidao_indeterminada_para_a_poc() {
    let (sims, mg, ws, dados) = ambiente().await;
    let carro = dados.carro.clone();
    Mock::given(method("GET"))
        .and(path_regex(format!(
            "^/api/veiculos/renave/consultar-aptidao-veiculo-estoque/{}/",
            carro.cetmg.chassi.as_str()
        )))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "codigo_retorno": "000",
            "mensagem_retorno": "Consulta realizada",
            "possui_gravame": true,
            "laudo_csv_em_aberto": false, "reserva_dominio": false, "multas_exigiveis": 0,
            "pendencias_trlav": false, "pendencias_ipva": "EM ANALISE", "pendencias_dpvat": false,
            "impedimentos_cadastrais": false, "recall_pendente": false,
            "estampagem_em_aberto": false, "observacoes_impeditivas_laudo": false,
        })))
        .mount(sims.cetmg.servidor())
        .await;
    let r = mg
        .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
            carro.cetmg.chassi,
            carro.cetmg.proprietario,
            dados.cnpj_estabelecimento,
        ))
        .await
        .unwrap();
    let a = r.avaliacao();
    assert_eq!(
        a.resultado(),
        renave::domain::ResultadoAptidao::Indeterminado
    );
    assert!(!a.pode_prosseguir());

    let mut roteiro = Roteiro::new(mg, ws, Bastidores::Simulado(Box::new(sims)), dados, false);
    assert!(
        roteiro.entrada(&carro).await.is_err(),
        "the entrada must stop"
    );
    let passos = &roteiro.registro.passos;
    let aptidao = passos
        .iter()
        .find(|p| p.secao == "6.1.1")
        .expect("the aptidão step");
    assert!(
        matches!(&aptidao.resultado, Resultado::Recusado { codigo: Some(c), .. } if c == "indeterminado"),
        "{aptidao:?}"
    );
    assert!(
        !aptidao.conforme(),
        "an indeterminado answer is not the apto the step expects"
    );
    let linhas = aptidao.linhas.join("\n");
    assert!(linhas.contains("INDETERMINADO"), "{linhas}");
    assert!(linhas.contains("Gravame/restrição financeira"), "{linhas}");
    assert!(linhas.contains("Pendências IPVA"), "{linhas}");
    assert!(linhas.contains("possui_gravame"), "{linhas}");
    assert!(linhas.contains("não entendido"), "{linhas}");
    assert!(!linhas.contains("APTO —"), "{linhas}");
    // Nothing after the aptidão: no solicitação was registered.
    assert!(passos.iter().all(|p| p.secao != "6.1.3"), "{passos:#?}");
}
