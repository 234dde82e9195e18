//! The secrets and personal-data proof (LGPD; "no secret, token, certificate password or full
//! CPF in Debug, Display, errors or logs"): every operation of the Renave-WS client, across its
//! success and failure paths, against answers that carry a CPF in every punctuation (success
//! bodies — unknown fields and text fields —, the SERPRO `titulo`/`detalhe`/
//! `mensagemParaUsuarioFinal`/`logIdRastreabilidade`/`dataHora`, Spring's `error`/`message`,
//! HTML pages, the `Retry-After` header) and requests that carry CPFs in their paths and
//! queries; plus the PKCS#12 identity loaded with a recognisable password, a wrong password and
//! a missing file. The `Debug` (`{:?}`, `{:#?}`), the `Display` and the whole `source()` chain of
//! every value and error, and the TRACE output of every target, must hold neither the PFX
//! password nor any CPF (literally or as its 11 digits in order once the separators inside a
//! digit group are removed, also after percent-decoding).
#![cfg(feature = "simulador")]
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

mod chamadas;
mod comum;

use std::future::Future;
use std::io::Write;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chamadas::*;
use comum::{Cifra, escrever_pkcs12, gerar_pki};
use renave_domain::{
    CpfCnpj, EstadoAutorizacaoTransferencia, EstadoEstoque, EventoNotaFiscal,
    MotivoDevolucaoMontadora, MotivoRejeicao, TipoCrv, Uf,
};
use renave_ws_client::modelos::{DocumentoBase64, IdAtpv, IdAutorizacao, IdEntrega, IdEstoque};
use renave_ws_client::operacoes::transferencias::{
    AutorizacaoTransferenciaEntreEstabelecimentos, AutorizacaoTransferenciaParaIte,
    CancelamentoAutorizacaoTransferencia, FiltroAutorizacoesTransferencias,
    SolicitacaoCancelamentoSaida, SolicitacaoTransferenciaEntreEstabelecimentos,
    SolicitacaoTransferenciaEntreFiliais, TransferenciaEstoqueVindoDeIte,
    VeiculoTransferenciaEntreFiliais,
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
    SaidaEstoqueVeiculoInacabadoRenovar, SaidaEstoqueVeiculoZeroKmRenovar,
    TransferenciaVeiculoZeroKm,
};
use renave_ws_client::simulador::fixtures::{self as fx, Corpo, ErroFixture, Fixture, Operacao};
use renave_ws_client::{
    ClienteRenaveWs, Erro, HttpMethod, Idempotency, IdentidadeCertificado, RetryPolicy, Timeouts,
};
use secrecy::SecretString;
use serde_json::{Value, json};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;
use wiremock::matchers::path_regex;
use wiremock::{Mock, MockServer, ResponseTemplate};

const SENHA: &str = "senha-do-pfx-P4SSW0RD-e-CNPJ-5521";
const SENHA_ERRADA: &str = "senha-errada-do-pfx-WR0NG-8830";

fn segredos() -> [&'static str; 2] {
    [SENHA, SENHA_ERRADA]
}

// ---------------------------------------------------------------------------------------------
// Capture and check
// ---------------------------------------------------------------------------------------------

/// Every CPF the test plants (the fixtures' sample CPFs, which the requests also carry).
const CPFS: [&str; 2] = ["52998224725", "11144477735"];

/// The CPF in every punctuation a server (or a caller's path) may use.
const GRAFIAS: [&str; 8] = [
    "52998224725",
    "529.982.247-25",
    "529982247-25",
    "5299822472-5",
    "529 982 247 25",
    "529.982.247.25",
    "529/982/247-25",
    "5 2 9 9 8 2 2 4 7 2 5",
];

/// A text holding the CPF in every punctuation, each apart from the next (a comma is no
/// separator of a digit group), with words around them like a server message.
fn texto_com_cpfs(prefixo: &str) -> String {
    let lista: Vec<String> = GRAFIAS.iter().map(|g| format!("CPF {g}")).collect();
    format!("{prefixo}: titular {}; fim", lista.join(", "))
}

/// The TRACE output of every target, span openings and closings included, written by a global subscriber into a buffer (the one test
/// of this binary that makes requests).
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn capturar_trace() -> Buffer {
    let buffer = Buffer::default();
    let assinante = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(buffer.clone())
        .with_ansi(false)
        .with_target(true)
        // Span fields recorded late (status, outcome, codigo_retorno) show on close, as an
        // exporter of spans would see them.
        .with_span_events(FmtSpan::NEW | FmtSpan::CLOSE)
        .finish();
    tracing::subscriber::set_global_default(assinante).unwrap();
    buffer
}

/// Every text the test collected, each with where it came from.
#[derive(Default)]
struct Coleta {
    textos: Vec<(String, String)>,
}

impl Coleta {
    fn texto(&mut self, onde: impl Into<String>, texto: impl Into<String>) {
        self.textos.push((onde.into(), texto.into()));
    }

    /// `Debug` and pretty `Debug` of a value.
    fn valor(&mut self, onde: &str, v: &dyn std::fmt::Debug) {
        self.texto(format!("{onde} {{:?}}"), format!("{v:?}"));
        self.texto(format!("{onde} {{:#?}}"), format!("{v:#?}"));
    }

    /// `Debug`, pretty `Debug`, `Display` and the whole `source()` chain of an error.
    fn erro(&mut self, onde: &str, e: &(dyn std::error::Error + 'static)) {
        self.valor(onde, &e);
        self.texto(format!("{onde} Display"), e.to_string());
        let mut fonte = e.source();
        let mut n = 0;
        while let Some(f) = fonte {
            n += 1;
            self.valor(&format!("{onde} source#{n}"), &f);
            self.texto(format!("{onde} source#{n} Display"), f.to_string());
            fonte = f.source();
        }
    }

    /// What leaks: each (place, secret or CPF found, excerpt).
    fn vazamentos(&self, segredos: &[&str]) -> Vec<String> {
        let mut achados = Vec::new();
        for (onde, texto) in &self.textos {
            for variante in [texto.clone(), decodificar_percentual(texto)] {
                for s in segredos.iter().chain(GRAFIAS.iter()) {
                    if let Some(i) = variante.find(s) {
                        achados.push(format!("{onde}: {s:?} in …{}…", trecho(&variante, i)));
                    }
                }
                let colado = sem_separadores_entre_digitos(&variante);
                for cpf in CPFS {
                    if let Some(i) = colado.find(cpf) {
                        achados.push(format!(
                            "{onde}: CPF {cpf} (digits in order) in …{}…",
                            trecho(&colado, i)
                        ));
                    }
                }
            }
        }
        achados.sort();
        achados.dedup();
        achados
    }

    /// Asserts that nothing leaks, with a summary by kind of text and the first findings.
    fn sem_vazamentos(&self, segredos: &[&str]) {
        let achados = self.vazamentos(segredos);
        if achados.is_empty() {
            return;
        }
        // Every finding, for a closer look: SEGREDOS_RELATORIO=/path/to/file.
        if let Some(arquivo) = std::env::var_os("SEGREDOS_RELATORIO") {
            std::fs::write(arquivo, achados.join("\n")).unwrap();
        }
        let mut por_tipo = std::collections::BTreeMap::<&str, usize>::new();
        for a in &achados {
            let tipo = ["TRACE output:", "source#", " Display:", " {:#?}:", " {:?}:"]
                .into_iter()
                .find(|t| a.contains(t))
                .unwrap_or("other");
            *por_tipo.entry(tipo).or_default() += 1;
        }
        panic!(
            "{} leaks in {} texts ({por_tipo:?}); the first ones:\n{}",
            achados.len(),
            self.textos.len(),
            achados
                .iter()
                .take(40)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// Some context around byte `i` of `t`.
fn trecho(t: &str, i: usize) -> String {
    let mut de = i.saturating_sub(80);
    while !t.is_char_boundary(de) {
        de -= 1;
    }
    let mut ate = (i + 100).min(t.len());
    while !t.is_char_boundary(ate) {
        ate += 1;
    }
    t[de..ate].replace('\n', "⏎")
}

/// `t` with every run of up to three separators (space, `.`, `-`, `/`, `_`) between two digits
/// removed: the digits of each digit group in order.
fn sem_separadores_entre_digitos(t: &str) -> String {
    let b = t.as_bytes();
    let mut saida = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        saida.push(b[i]);
        if b[i].is_ascii_digit() {
            let mut k = i + 1;
            while k < b.len() && k - i <= 3 && b" .-/_".contains(&b[k]) {
                k += 1;
            }
            if k > i + 1 && k < b.len() && b[k].is_ascii_digit() {
                i = k;
                continue;
            }
        }
        i += 1;
    }
    String::from_utf8_lossy(&saida).into_owned()
}

/// `t` with `%XX` escapes decoded (a path or query may carry an encoded CPF, `529%20982…`).
fn decodificar_percentual(t: &str) -> String {
    let b = t.as_bytes();
    let mut saida = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz");
            if let Ok(v) = u8::from_str_radix(hex, 16) {
                saida.push(v);
                i += 3;
                continue;
            }
        }
        saida.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&saida).into_owned()
}

#[test]
fn a_verificacao_acha_cada_grafia() {
    for g in GRAFIAS {
        let mut c = Coleta::default();
        c.texto("teste", format!("x {g} y"));
        assert!(!c.vazamentos(&[]).is_empty(), "{g}");
        let mascarado = renave_domain::privacidade::ocultar_cpfs(&format!("x {g} y")).into_owned();
        let mut c = Coleta::default();
        c.texto("teste", mascarado.clone());
        assert!(c.vazamentos(&[]).is_empty(), "{g} → {mascarado}");
    }
    let mut c = Coleta::default();
    c.texto("teste", "/x/529%20982%20247%2025?cpf=11144477735");
    let v = c.vazamentos(&[]).join("\n");
    assert!(
        v.contains("\"529 982 247 25\"") && v.contains("11144477735"),
        "{v}"
    );
}

// ---------------------------------------------------------------------------------------------
// Every operation, its answer's Debug
// ---------------------------------------------------------------------------------------------

/// The `Debug` (plain and pretty) of the call before it was sent (a `renave_http::Chamada`),
/// and the typed answer or error.
type FuturoDebug =
    Pin<Box<dyn Future<Output = (String, Result<Box<dyn std::fmt::Debug + Send>, Erro>)> + Send>>;

macro_rules! d {
    ($e:expr) => {
        Box::pin(async move {
            let chamada = $e;
            let texto = format!("{chamada:?}\n{chamada:#?}");
            let r = chamada
                .await
                .map(|r| Box::new(r) as Box<dyn std::fmt::Debug + Send>);
            (texto, r)
        })
    };
}

/// Calls the operation `nome` with the same valid input as `chamadas::chamar`; the typed
/// answer itself (for its `Debug`).
fn chamar_debug(nome: &str, c: ClienteRenaveWs) -> FuturoDebug {
    match nome {
        "consultar_cliente_autenticado" => d!(c.consultar_cliente_autenticado()),
        "consultar_aptidao_veiculo_estoque" => {
            d!(c.consultar_aptidao_veiculo_estoque(&ConsultaAptidao {
                placa: Some(placa()),
                renavam: Some(renavam()),
                numero_crv: None,
                tipo_crv: TipoCrv::Digital,
            }))
        }
        "solicitar_entrada_estoque" => {
            d!(c.solicitar_entrada_estoque(&SolicitacaoEntradaEstoque {
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
            }))
        }
        "solicitar_entrada_estoque_veiculo_proprio" => d!(c
            .solicitar_entrada_estoque_veiculo_proprio(&SolicitacaoEntradaEstoqueVeiculoProprio {
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
            },)),
        "enviar_assinatura_vendedor_atpv" => {
            d!(c.enviar_assinatura_vendedor_atpv(&EnvioAssinaturaVendedor {
                id_estoque: IdEstoque(fx::ID_ESTOQUE),
                assinatura: AssinaturaVendedor::ProprioPunhoAtpve {
                    foto_atpve_assinado: DocumentoBase64::codificar(&[0xFF, 0xD8, 0xFF]),
                },
            }))
        }
        "consultar_ultima_assinatura_atpv" => {
            d!(c.consultar_ultima_assinatura_atpv(&placa(), &renavam()))
        }
        "obter_pdf_atpv" => d!(c.obter_pdf_atpv(&chassi_usado())),
        "obter_pdf_atpv_por_placa_renavam" => {
            d!(c.obter_pdf_atpv_por_placa_renavam(&placa(), &renavam()))
        }
        "obter_atpv_por_id" => d!(c.obter_atpv_por_id(IdAtpv(77))),
        "enviar_nota_fiscal" => d!(c.enviar_nota_fiscal(&EnvioNotaFiscal {
            chave_nota_fiscal: chave(fx::CHAVE_NFE_COMPRA),
            evento: EventoNotaFiscal::Compra,
            id_estoque: IdEstoque(fx::ID_ESTOQUE),
        })),
        "consultar_estoques" => d!(c.consultar_estoques(&ConsultaEstoques {
            chassi: Some(chassi_usado()),
            placa: None,
            estado_estoque: Some(EstadoEstoque::Confirmado),
        })),
        "consultar_estoque" => d!(c.consultar_estoque(IdEstoque(fx::ID_ESTOQUE))),
        "obter_termo_entrada_estoque" => {
            d!(c.obter_termo_entrada_estoque(IdEstoque(fx::ID_ESTOQUE)))
        }
        "solicitar_cancelamento_entrada_estoque" => d!(c.solicitar_cancelamento_entrada_estoque(
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
        )),
        "solicitar_saida_estoque" => d!(c.solicitar_saida_estoque(&SolicitacaoSaidaEstoque {
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
        })),
        "obter_termo_saida_estoque" => d!(c.obter_termo_saida_estoque(IdEstoque(fx::ID_ESTOQUE))),
        "solicitar_cancelamento_saida_estoque" => d!(c.solicitar_cancelamento_saida_estoque(
            &SolicitacaoCancelamentoSaidaEstoque {
                id_estoque: IdEstoque(fx::ID_ESTOQUE),
                data_cancelamento_saida_estoque: data("2026-10-02"),
                cpf_operador_responsavel: cpf(),
            }
        )),
        "obter_crlve" => d!(c.obter_crlve(&placa(), &renavam())),
        "obter_pdf_codigo_seguranca_crv" => {
            d!(c.obter_pdf_codigo_seguranca_crv(&placa(), &renavam()))
        }
        "consultar_municipios" => d!(c.consultar_municipios(&ConsultaMunicipios {
            nome: Some("BELO HORIZONTE".to_owned()),
            uf: Some(Uf::Mg),
        })),
        "consultar_veiculo" => d!(c.consultar_veiculo(&chassi_usado())),
        "consultar_autorizacoes_transferencias" => d!(c.consultar_autorizacoes_transferencias(
            &FiltroAutorizacoesTransferencias {
                chassi: Some(chassi_usado()),
                estado_autorizacao: Some(EstadoAutorizacaoTransferencia::Criada),
                placa: None,
            }
        )),
        "autorizar_transferencia_entre_estabelecimentos" => d!(c
            .autorizar_transferencia_entre_estabelecimentos(
                &AutorizacaoTransferenciaEntreEstabelecimentos {
                    cnpj_estabelecimento_destino: cnpj(fx::CNPJ_OUTRO_ESTABELECIMENTO),
                    cpf_operador_responsavel: cpf(),
                    email_estabelecimento_origem: "loja@example.com".to_owned(),
                    placa_veiculo: placa(),
                    valor_venda: valor("45000.99"),
                },
            )),
        "cancelar_autorizacao_transferencia" => d!(c.cancelar_autorizacao_transferencia(
            &CancelamentoAutorizacaoTransferencia {
                cpf_operador_responsavel: cpf(),
                id_autorizacao: IdAutorizacao(fx::ID_AUTORIZACAO)
            }
        )),
        "cancelar_autorizacao_transferencia_para_ite" => d!(c
            .cancelar_autorizacao_transferencia_para_ite(&CancelamentoAutorizacaoTransferencia {
                cpf_operador_responsavel: cpf(),
                id_autorizacao: IdAutorizacao(fx::ID_AUTORIZACAO)
            })),
        "cancelar_autorizacao_transferencia_veiculo_zero_km" => d!(c
            .cancelar_autorizacao_transferencia_veiculo_zero_km(
                &CancelamentoAutorizacaoTransferencia {
                    cpf_operador_responsavel: cpf(),
                    id_autorizacao: IdAutorizacao(fx::ID_AUTORIZACAO)
                }
            )),
        "solicitar_transferencia_entre_estabelecimentos" => d!(c
            .solicitar_transferencia_entre_estabelecimentos(
                &SolicitacaoTransferenciaEntreEstabelecimentos {
                    id_autorizacao: IdAutorizacao(fx::ID_AUTORIZACAO),
                    cpf_operador_responsavel: cpf(),
                    data_transferencia_estoque: data_hora("2026-09-28T10:30:00"),
                    data_hora_medicao_hodometro: data_hora("2026-09-28T09:00:00"),
                    quilometragem_hodometro: 45_100,
                    valor_compra: Some(valor("44000.50")),
                },
            )),
        "solicitar_transferencia_entre_filiais" => d!(c.solicitar_transferencia_entre_filiais(
            &SolicitacaoTransferenciaEntreFiliais {
                cnpj_estabelecimento_origem_transferencia: cnpj(fx::CNPJ_OUTRO_ESTABELECIMENTO,),
                cpf_operador_responsavel: cpf(),
                data_transferencia_estoque: data_hora("2026-09-28T10:30:00"),
                email_estabelecimento_solicitante: "filial@example.com".to_owned(),
                veiculo: VeiculoTransferenciaEntreFiliais {
                    data_hora_medicao_hodometro: data_hora("2026-09-28T09:00:00"),
                    placa: placa(),
                    quilometragem_hodometro: 45_100,
                    renavam: renavam(),
                },
            }
        )),
        "transferir_estoque_vindo_de_ite" => d!(c.transferir_estoque_vindo_de_ite(
            &TransferenciaEstoqueVindoDeIte {
                chave_nota_fiscal_produto: chave(fx::CHAVE_NFE_COMPRA),
                chave_nota_fiscal_remessa: None,
                chave_nota_fiscal_servico: None,
                cpf_operador_responsavel: cpf(),
                data_hora_medicao_hodometro: data_hora("2026-09-28T09:00:00"),
                data_transferencia_estoque: data_hora("2026-09-28T10:30:00"),
                id_autorizacao: IdAutorizacao(fx::ID_AUTORIZACAO),
                quilometragem_hodometro: 12,
                valor_produto: valor("150000.25"),
            }
        )),
        "autorizar_transferencia_para_ite" => d!(c.autorizar_transferencia_para_ite(
            &AutorizacaoTransferenciaParaIte {
                chave_nota_fiscal_produto_saida: chave(fx::CHAVE_NFE_VENDA),
                cnpj_ite_destino: cnpj(fx::CNPJ_OUTRO_ESTABELECIMENTO),
                cpf_operador_responsavel: cpf(),
                id_estoque_origem: IdEstoque(fx::ID_ESTOQUE),
                tipo_beneficio_tributario: None,
            }
        )),
        "registrar_saida_estoque_veiculo_inacabado" => {
            d!(c.registrar_saida_estoque_veiculo_inacabado(&saida_inacabado()))
        }
        "cancelar_saida_estoque_zero_km" => d!(c.cancelar_saida_estoque_zero_km(
            &SolicitacaoCancelamentoSaida {
                cpf_operador_responsavel: cpf(),
                data_cancelamento_saida_estoque: data("2026-10-02"),
                id_estoque: IdEstoque(fx::ID_ESTOQUE)
            }
        )),
        "cancelar_saida_estoque_veiculo_inacabado" => d!(c
            .cancelar_saida_estoque_veiculo_inacabado(&SolicitacaoCancelamentoSaida {
                cpf_operador_responsavel: cpf(),
                data_cancelamento_saida_estoque: data("2026-10-02"),
                id_estoque: IdEstoque(fx::ID_ESTOQUE)
            })),
        "consultar_veiculos_zero_km_pendentes_entrada_estoque" => {
            d!(c.consultar_veiculos_zero_km_pendentes_entrada_estoque(Some(&chassi_zero_km())))
        }
        "registrar_entrada_estoque_zero_km" => {
            d!(c.registrar_entrada_estoque_zero_km(&EntradaEstoqueZeroKm {
                chassi: chassi_zero_km(),
                chave_nota_fiscal: chave(fx::CHAVE_NFE_COMPRA),
                valor_compra: valor("89990.45"),
                data_entrada_estoque: data_hora("2026-09-02T10:00:00"),
                data_hora_medicao_hodometro: data_hora("2026-09-02T09:30:00"),
                quilometragem_hodometro: 0,
                cpf_operador_responsavel: cpf(),
            }))
        }
        "registrar_saida_estoque_veiculo_zero_km" => {
            d!(c.registrar_saida_estoque_veiculo_zero_km(&saida_zero_km()))
        }
        "cancelar_entrada_estoque_zero_km" => d!(c.cancelar_entrada_estoque_zero_km(
            &CancelamentoEntradaEstoqueZeroKm {
                cpf_operador_responsavel: cpf(),
                data_cancelamento_entrada_estoque: data("2026-09-03"),
                id_estoque: IdEstoque(fx::ID_ESTOQUE),
            }
        )),
        "autorizar_transferencia_veiculo_zero_km" => d!(c.autorizar_transferencia_veiculo_zero_km(
            &AutorizacaoTransferenciaVeiculoZeroKm {
                id_estoque: IdEstoque(fx::ID_ESTOQUE),
                cnpj_estabelecimento_destino: cnpj(fx::CNPJ_OUTRO_ESTABELECIMENTO),
                valor_venda: valor("91000.50"),
                cpf_operador_responsavel: cpf(),
                data_transferencia: Some(data_hora("2026-09-28T10:00:00")),
            },
        )),
        "transferir_entre_estabelecimentos_veiculo_zero_km" => d!(c
            .transferir_entre_estabelecimentos_veiculo_zero_km(&TransferenciaVeiculoZeroKm::new(
                chassi_zero_km(),
                IdAutorizacao(fx::ID_AUTORIZACAO),
                chave(fx::CHAVE_NFE_VENDA),
                data_hora("2026-09-28T11:00:00"),
                0,
                valor("91000.50"),
                cpf()
            ))),
        "devolver_montadora_veiculo_zero_km" => d!(c.devolver_montadora_veiculo_zero_km(
            &DevolucaoMontadoraVeiculoZeroKm {
                chave_nota_fiscal: chave(fx::CHAVE_NFE_VENDA),
                cpf_operador_responsavel: cpf(),
                data_devolucao: data_hora("2026-09-05T14:00:00"),
                id_estoque: IdEstoque(fx::ID_ESTOQUE),
                motivo_devolucao_montadora: MotivoDevolucaoMontadora::Avarias,
            }
        )),
        "rejeitar_veiculo_zero_km" => d!(c.rejeitar_veiculo_zero_km(&RejeicaoVeiculoZeroKm {
            chassi: chassi_zero_km(),
            cpf_operador_responsavel: cpf(),
            motivo_rejeicao: MotivoRejeicao::ErroOperacionalMontadora,
        })),
        "cancelar_rejeicao_veiculo_zero_km" => d!(c.cancelar_rejeicao_veiculo_zero_km(
            &CancelamentoRejeicaoVeiculoZeroKm {
                chassi: chassi_zero_km(),
                cpf_operador_responsavel: cpf(),
            }
        )),
        "consultar_entregas_veiculo_zero_km" => d!(c.consultar_entregas_veiculo_zero_km(
            &FiltroEntregasVeiculoZeroKm {
                cnpj_montadora: Some(cnpj(fx::CNPJ_MONTADORA)),
                cnpj_estabelecimento_vendedor: None,
                cnpj_estabelecimento_entregador: None,
                chassi: Some(chassi_zero_km()),
                estado: None,
            }
        )),
        "realizar_entrega_veiculo_zero_km" => d!(c.realizar_entrega_veiculo_zero_km(
            &OperacaoEntregaVeiculoZeroKm {
                cpf_operador_responsavel: cpf(),
                id_entrega: IdEntrega(fx::ID_ENTREGA)
            }
        )),
        "cancelar_entrega_veiculo_zero_km" => d!(c.cancelar_entrega_veiculo_zero_km(
            &OperacaoEntregaVeiculoZeroKm {
                cpf_operador_responsavel: cpf(),
                id_entrega: IdEntrega(fx::ID_ENTREGA)
            }
        )),
        "registrar_saida_estoque_veiculo_zero_km_renovar" => d!(c
            .registrar_saida_estoque_veiculo_zero_km_renovar(&SaidaEstoqueVeiculoZeroKmRenovar {
                saida: saida_zero_km(),
                estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
                tipo_beneficio_tributario: None,
            },)),
        "registrar_saida_estoque_veiculo_inacabado_renovar" => d!(c
            .registrar_saida_estoque_veiculo_inacabado_renovar(
                &SaidaEstoqueVeiculoInacabadoRenovar {
                    saida: saida_inacabado(),
                    estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
                },
            )),
        outro => {
            macro_rules! d_dyn {
                ($e:expr) => {
                    d!($e) as FuturoDebug
                };
            }
            chamadas_grupos!(outro, c, d_dyn).unwrap_or_else(|| panic!("no call for `{outro}`"))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Answers carrying CPFs
// ---------------------------------------------------------------------------------------------

/// Adds unknown fields holding CPFs (every punctuation, as text, number, nested) to every
/// object of `v`.
fn com_extras(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for x in m.values_mut() {
                com_extras(x);
            }
            m.insert("campoNovoDoServidor".into(), json!(texto_com_cpfs("novo")));
            for (i, g) in GRAFIAS.iter().enumerate() {
                m.insert(format!("cpf_{i}"), json!(g));
            }
            m.insert("cpfNumero".into(), json!(52_998_224_725_u64));
            m.insert(
                "pessoa".into(),
                json!({"cpf": GRAFIAS[1], "documentos": GRAFIAS}),
            );
        }
        Value::Array(a) => a.iter_mut().for_each(com_extras),
        _ => {}
    }
}

/// The JSON pointer of every string leaf of `v`.
fn folhas(v: &Value, caminho: &str, saida: &mut Vec<String>) {
    match v {
        Value::String(_) => saida.push(caminho.to_owned()),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                folhas(x, &format!("{caminho}/{i}"), saida);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                folhas(
                    x,
                    &format!("{caminho}/{}", k.replace('~', "~0").replace('/', "~1")),
                    saida,
                );
            }
        }
        _ => {}
    }
}

/// An error body with every text replaced by CPFs: a code (`codigo_retorno`, WSO2 `code`)
/// becomes one CPF spelling when `grafia` is given (else it is kept), any other text a message
/// with all of them.
fn erro_com_cpfs(v: &Value, grafia: Option<&str>) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| {
                    let novo = match x {
                        Value::String(c) if k == "codigo_retorno" || k == "code" => {
                            json!(grafia.unwrap_or(c))
                        }
                        Value::String(_) => json!(texto_com_cpfs(k)),
                        outro => erro_com_cpfs(outro, grafia),
                    };
                    (k.clone(), novo)
                })
                .collect(),
        ),
        outro => outro.clone(),
    }
}

fn html_com_cpfs() -> String {
    format!(
        "<html><head><title>502 Bad Gateway</title></head><body><p>{}</p>\
         <a href=\"/x/529.982.247-25\">/x/52998224725</a></body></html>",
        texto_com_cpfs("pagina")
    )
}

fn construtor(servidor: &MockServer) -> renave_ws_client::ClienteRenaveWsBuilder {
    comum::builder_wiremock(servidor).prazos(Timeouts {
        connect: Duration::from_secs(5),
        per_attempt: Duration::from_secs(30),
        operation: Duration::from_secs(60),
    })
}

/// Mounts `f` alone on `servidor`.
async fn montar(servidor: &MockServer, f: Fixture) {
    servidor.reset().await;
    f.montar(servidor).await;
}

/// Calls `op` and collects its answer or error; `true` on success.
async fn chamar_e_coletar(
    col: &mut Coleta,
    onde: &str,
    op: &Operacao,
    c: &ClienteRenaveWs,
    variantes: &mut std::collections::BTreeSet<String>,
) -> bool {
    let (chamada, resultado) = chamar_debug(op.nome(), c.clone()).await;
    col.texto(format!("{onde} call {{:?}}"), chamada);
    match resultado {
        Ok(r) => {
            col.valor(onde, &r);
            true
        }
        Err(e) => {
            variantes.insert(nome_da_variante(&e));
            col.erro(onde, &e);
            false
        }
    }
}

/// The variant of an error, read from its `Debug` (the name it opens with): generic, so that
/// it survives variants being renamed or split.
fn nome_da_variante(e: &(dyn std::error::Error + 'static)) -> String {
    format!("{e:?}")
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The variants the test must exercise, each as the names it may have (`Servico` is being split
/// into `Http` — an HTTP failure — and `Negocio` — a business rejection).
const VARIANTES_ESPERADAS: [&[&str]; 7] = [
    &["EntradaInvalida"],
    &["Transporte"],
    &["Servico", "Http"],
    &["Servico", "Negocio"],
    &["RespostaInvalida"],
    &["Identidade"],
    &["Configuracao"],
];

// ---------------------------------------------------------------------------------------------
// The proof
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn nenhum_segredo_nem_cpf_em_debug_display_erros_ou_trace() {
    let trace = capturar_trace();
    let mut col = Coleta::default();
    let mut variantes = std::collections::BTreeSet::new();

    // The identity: from bytes and from a file with the right password; a wrong password; a
    // missing file; a damaged file.
    let pki = gerar_pki();
    let pfx = escrever_pkcs12(&pki.cliente, &pki.ca, SENHA, Cifra::Aes256);
    let pfx_legado = escrever_pkcs12(&pki.cliente, &pki.ca, SENHA, Cifra::Rc2_40);
    let senha = SecretString::from(SENHA.to_owned());
    let errada = SecretString::from(SENHA_ERRADA.to_owned());
    let id = IdentidadeCertificado::de_pkcs12(&pfx, &senha).unwrap();
    col.valor("identity", &id);
    col.valor(
        "legacy identity",
        &IdentidadeCertificado::de_pkcs12(&pfx_legado, &senha).unwrap(),
    );
    let dir = std::env::temp_dir().join(format!("renave-segredos-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let arquivo = dir.join("e-cnpj.pfx");
    std::fs::write(&arquivo, &pfx).unwrap();
    col.valor(
        "identity from file",
        &IdentidadeCertificado::de_arquivo_pkcs12(&arquivo, &senha).unwrap(),
    );
    let mut erros_identidade = vec![
        (
            "wrong password",
            IdentidadeCertificado::de_pkcs12(&pfx, &errada).unwrap_err(),
        ),
        (
            "wrong password, legacy",
            IdentidadeCertificado::de_pkcs12(&pfx_legado, &errada).unwrap_err(),
        ),
        (
            "wrong password, file",
            IdentidadeCertificado::de_arquivo_pkcs12(&arquivo, &errada).unwrap_err(),
        ),
        (
            "missing file",
            IdentidadeCertificado::de_arquivo_pkcs12(dir.join("nao-existe.pfx"), &senha)
                .unwrap_err(),
        ),
        (
            "damaged file",
            IdentidadeCertificado::de_pkcs12(&pfx[..pfx.len() / 2], &senha).unwrap_err(),
        ),
        (
            "PEM without key",
            IdentidadeCertificado::de_pem(pki.cliente.cert_pem.as_bytes(), b"").unwrap_err(),
        ),
    ];
    for (onde, e) in erros_identidade.drain(..) {
        variantes.insert(nome_da_variante(&e));
        col.erro(onde, &e);
    }
    std::fs::remove_dir_all(&dir).unwrap();

    // Builder and client (with the identity), before and after use.
    let servidor = MockServer::start().await;
    let b = construtor(&servidor).identidade(id.clone());
    col.valor("builder", &b);
    let c = b.build().unwrap();
    col.valor("client", &c);

    // Success of every operation: unknown fields everywhere; every text at once; each text
    // in turn.
    let mut sucessos = 0;
    for op in fx::todas() {
        let servidor = MockServer::start().await;
        let c = construtor(&servidor)
            .identidade(id.clone())
            .build()
            .unwrap();
        let base = op
            .corpo_sucesso()
            .unwrap_or_else(|| json!({"mensagem": "ok"}));
        let mut corpo = base.clone();
        com_extras(&mut corpo);
        montar(&servidor, op.sucesso().com_corpo(corpo)).await;
        let onde = format!("{} success, unknown fields", op.nome());
        assert!(
            chamar_e_coletar(&mut col, &onde, op, &c, &mut variantes).await,
            "{onde}"
        );
        sucessos += 1;

        let mut caminhos = Vec::new();
        folhas(&base, "", &mut caminhos);
        let mut todas = base.clone();
        for (i, caminho) in caminhos.iter().enumerate() {
            *todas.pointer_mut(caminho).unwrap() = json!(GRAFIAS[i % GRAFIAS.len()]);
            let mut uma = base.clone();
            *uma.pointer_mut(caminho).unwrap() = json!(texto_com_cpfs("campo"));
            montar(&servidor, op.sucesso().com_corpo(uma)).await;
            let onde = format!("{} success, CPFs in {caminho}", op.nome());
            sucessos +=
                usize::from(chamar_e_coletar(&mut col, &onde, op, &c, &mut variantes).await);
        }
        montar(&servidor, op.sucesso().com_corpo(todas)).await;
        let onde = format!("{} success, a CPF in every text", op.nome());
        chamar_e_coletar(&mut col, &onde, op, &c, &mut variantes).await;
    }

    // Every canned error of every operation, its texts replaced by CPFs (and a body that has
    // them all), with a CPF as `Retry-After`.
    let todos_os_campos = |grafia: &str| {
        json!({
            "titulo": texto_com_cpfs("titulo"),
            "detalhe": texto_com_cpfs("detalhe"),
            "mensagemParaUsuarioFinal": texto_com_cpfs("mensagem"),
            "logIdRastreabilidade": grafia,
            "dataHora": GRAFIAS[3],
            "error": texto_com_cpfs("error"),
            "message": texto_com_cpfs("message"),
            "path": format!("/api/pessoas/{grafia}"),
            "status": 52_998_224_725_u64,
        })
    };
    for op in fx::todas() {
        let servidor = MockServer::start().await;
        let c = construtor(&servidor).build().unwrap();
        for (i, e) in ErroFixture::TODOS.iter().enumerate() {
            let grafia = GRAFIAS[i % GRAFIAS.len()];
            let f = op.erro(*e).com_cabecalho("Retry-After", grafia);
            let onde = format!("{} {e:?}", op.nome());
            if let Corpo::Json(v) = f.corpo().clone() {
                montar(
                    &servidor,
                    f.clone().com_corpo(erro_com_cpfs(&v, Some(grafia))),
                )
                .await;
            } else {
                // An HTML page (or an empty body) becomes a page full of CPFs.
                servidor.reset().await;
                let html = f.resposta().set_body_raw(html_com_cpfs(), "text/html");
                Mock::given(path_regex(f.padrao_caminho()))
                    .respond_with(html)
                    .mount(&servidor)
                    .await;
            }
            let sucesso = chamar_e_coletar(&mut col, &onde, op, &c, &mut variantes).await;
            assert!(!sucesso, "{onde}: an error answer taken for a success");
            montar(&servidor, f.com_corpo(todos_os_campos(grafia))).await;
            let onde = format!("{} {e:?}, every SERPRO field", op.nome());
            let sucesso = chamar_e_coletar(&mut col, &onde, op, &c, &mut variantes).await;
            assert!(!sucesso, "{onde}: an error answer taken for a success");
        }
    }

    // Transport: timeouts (a read, a state-changing request), a refused connection, an
    // oversized answer, a redirect to a path with a CPF, an unexpected status with a page.
    let servidor = MockServer::start().await;
    for op in [&fx::CONSULTAR_VEICULO, &fx::SOLICITAR_SAIDA_ESTOQUE] {
        op.sucesso()
            .com_atraso(Duration::from_secs(3))
            .montar(&servidor)
            .await;
        let lento = construtor(&servidor)
            .retentativas(RetryPolicy::disabled())
            .prazos(Timeouts {
                connect: Duration::from_secs(5),
                per_attempt: Duration::from_millis(300),
                operation: Duration::from_secs(30),
            })
            .build()
            .unwrap();
        let onde = format!("{} timeout", op.nome());
        chamar_e_coletar(&mut col, &onde, op, &lento, &mut variantes).await;
    }
    let porta_fechada = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let recusado = ClienteRenaveWs::builder()
        .ambiente(renave_ws_client::Ambiente::Local(
            format!("http://127.0.0.1:{porta_fechada}").parse().unwrap(),
        ))
        .retentativas(comum::politica_rapida())
        .build()
        .unwrap();
    for op in [&fx::CONSULTAR_ESTOQUES, &fx::SOLICITAR_ENTRADA_ESTOQUE] {
        let onde = format!("{} refused", op.nome());
        chamar_e_coletar(&mut col, &onde, op, &recusado, &mut variantes).await;
    }
    let grande = construtor(&servidor)
        .limite_resposta_bytes(512)
        .build()
        .unwrap();
    let mut corpo = fx::CONSULTAR_ESTOQUE.corpo_sucesso().unwrap();
    com_extras(&mut corpo);
    if let Value::Object(m) = &mut corpo {
        m.insert("longo".into(), json!(texto_com_cpfs(&"x".repeat(2000))));
    }
    fx::CONSULTAR_ESTOQUE
        .sucesso()
        .com_corpo(corpo)
        .montar(&servidor)
        .await;
    chamar_e_coletar(
        &mut col,
        "oversized",
        &fx::CONSULTAR_ESTOQUE,
        &grande,
        &mut variantes,
    )
    .await;
    for (op, status) in [
        (&fx::CONSULTAR_MUNICIPIOS, 302),
        (&fx::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS, 418),
        (&fx::CONSULTAR_ENTREGAS_VEICULO_ZERO_KM, 429),
        (&fx::OBTER_CRLVE, 200),
    ] {
        let f = op.http(status);
        let r = f
            .resposta()
            .insert_header("Location", "/x/529.982.247-25/52998224725")
            .insert_header("Retry-After", GRAFIAS[2])
            .set_body_raw(html_com_cpfs(), "text/html");
        Mock::given(path_regex(f.padrao_caminho()))
            .respond_with(r)
            .mount(&servidor)
            .await;
        let c = construtor(&servidor).build().unwrap();
        let onde = format!("{} HTTP {status} html", op.nome());
        chamar_e_coletar(&mut col, &onde, op, &c, &mut variantes).await;
    }

    // Raw calls with CPFs in the path and the query (the server echoes them back).
    let servidor = MockServer::start().await;
    let bruto = construtor(&servidor).build().unwrap();
    Mock::given(path_regex("/ok/"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"eco": texto_com_cpfs("eco")})),
        )
        .mount(&servidor)
        .await;
    Mock::given(path_regex("/falha/"))
        .respond_with(
            ResponseTemplate::new(422)
                .insert_header("Retry-After", GRAFIAS[0])
                .set_body_json(todos_os_campos(GRAFIAS[1])),
        )
        .mount(&servidor)
        .await;
    for (i, g) in GRAFIAS.iter().enumerate() {
        for raiz in ["ok", "falha"] {
            let caminho = format!("api/{raiz}/pessoas/{g}/veiculos");
            let onde = format!("executar_bruto {raiz} #{i}");
            match bruto
                .executar_bruto(
                    HttpMethod::Get,
                    &caminho,
                    &[("cpf", g), ("doc", "529.982.247-25")],
                    None,
                    Idempotency::Idempotent,
                )
                .await
            {
                Ok(r) => {
                    col.valor(&onde, &r);
                    if let Err(e) = r.json::<serde_json::Value>() {
                        col.erro(&format!("{onde} json"), &e);
                    }
                }
                Err(e) => {
                    variantes.insert(nome_da_variante(&e));
                    col.erro(&onde, &e);
                }
            }
        }
        let corpo = json!({"cpf": g, "texto": texto_com_cpfs("pedido")});
        let onde = format!("executar_bruto POST #{i}");
        match bruto
            .executar_bruto(
                HttpMethod::Post,
                &format!("api/falha/{g}"),
                &[],
                Some(&corpo),
                Idempotency::StateChanging,
            )
            .await
        {
            Ok(r) => col.valor(&onde, &r),
            Err(e) => col.erro(&onde, &e),
        }
    }

    // Input refused (CPFs in the caller's own texts), configuration.
    let c = construtor(&servidor).build().unwrap();
    let mut erros: Vec<(&str, Erro)> = Vec::new();
    let mut comprador_longo = comprador();
    comprador_longo.nome = texto_com_cpfs(&"nome ".repeat(40));
    comprador_longo.email = format!("{}@example.com", GRAFIAS[6]);
    let mut saida = saida_zero_km();
    saida.comprador = comprador_longo;
    saida.email_estabelecimento = texto_com_cpfs("email");
    erros.push((
        "invalid input",
        c.registrar_saida_estoque_veiculo_zero_km(&saida)
            .await
            .unwrap_err(),
    ));
    erros.push((
        "plain http",
        ClienteRenaveWs::builder()
            .ambiente(renave_ws_client::Ambiente::Local(
                "http://exemplo.invalid/".parse().unwrap(),
            ))
            .build()
            .unwrap_err(),
    ));
    for (onde, e) in &erros {
        variantes.insert(nome_da_variante(e));
        col.erro(onde, e);
    }

    // Let the servers' and clients' last events reach the buffer.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let log = String::from_utf8_lossy(&trace.0.lock().unwrap()).into_owned();
    assert!(log.contains("renave.http"), "no TRACE captured");
    col.texto("TRACE output", log);

    for nomes in VARIANTES_ESPERADAS {
        assert!(
            nomes.iter().any(|v| variantes.contains(*v)),
            "variant {nomes:?} not exercised: {variantes:?}"
        );
    }
    assert!(sucessos >= 100, "{sucessos} successful calls");
    eprintln!(
        "{} texts checked, {} bytes of TRACE output, {sucessos} successful calls",
        col.textos.len(),
        col.textos.last().map_or(0, |t| t.1.len())
    );
    col.sem_vazamentos(&segredos());
}
