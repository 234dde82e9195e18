//! The POC sequence of the Regulamento Técnico CET-MG (§6.1 entrada, §6.2 saída, §7 Protocolo
//! Digital) as step functions over the two clients — [`ClienteCetMg`] and
//! [`ClienteRenaveWs`] — for a car and a motorcycle, the negative paths included.
//!
//! The same sequence runs against the in-process simulators of `renave-simulador` (the
//! default, used by `cargo run --example poc` and by the root tests, which include this file)
//! and against homologação. What only the outside world can do (pay a DAE, do a vistoria at an
//! ECV, let Detran process a transfer, forward the signed ATPV-e from SERPRO to CET-MG) goes
//! through [`Bastidores`]: the simulators' control knobs, or, in homologação, waiting or an
//! "external action" step.
//!
//! Every printed value comes from a client call's answer.

use std::time::Duration;

use renave::domain::{
    Atividade, AvaliacaoAptidao, Categoria, Chassi, ChaveNfe, Cnpj, CodigoMunicipio,
    CodigoSegurancaCrv, CodigoTaxa, Combustivel, Cor, Cpf, CpfCnpj, Data, DataHora, DocumentoId,
    Especie, EstadoEstoque, EventoNotaFiscal, IsencaoIpva, ItemAptidao, ModalidadeCompra,
    NumeroCrv, Placa, Recebido, Renavam, ResultadoAptidao, SentidoSolicitacao, TipoCrv,
    TipoVeiculo, Uf, Valor, ocultar_cpfs,
};
use renave::mg::operacoes::agenda::{Agendamento, ConsultaPeriodosAtendimento};
use renave::mg::operacoes::dae::EmissaoGuiaDae;
use renave::mg::operacoes::estoque::{
    ComunicacaoVendaEntradaEstoque, ComunicacaoVendaSaidaEstoque, ConsultaAptidaoVeiculoEstoque,
    ConsultaSolicitacaoTransferencia, RespostaAptidaoVeiculoEstoque, SolicitacaoTransferencia,
};
use renave::mg::operacoes::protocolo_digital::{
    ConsultaProtocoloRenave, ConsultaVeiculosComunicacaoVenda, DocumentoAnexo,
    ProcessoTransferencia, RegularizacaoPendencia, UploadFichaCadastro,
};
use renave::mg::operacoes::tabelas_auxiliares::{ItemTabelaAuxiliar, RespostaTabelaAuxiliar};
use renave::mg::operacoes::vistoria::{
    CompradorChassi, ConsultaRegioesMunicipio, DistribuicaoVeiculoEcv,
};
use renave::mg::{ClienteCetMg, Identificador, Retorno};
use renave::ws::helpers::{OpcoesEspera, aguardar_estado};
use renave::ws::modelos::{
    Bairro, Comprador, DocumentoBase64, EnderecoComprador, Estoque, IdEstoque, Logradouro,
};
use renave::ws::operacoes::usados::{
    AssinaturaVendedor, ConsultaAptidao, ConsultaMunicipios, EnvioAssinaturaVendedor,
    EnvioNotaFiscal, SolicitacaoEntradaEstoque, SolicitacaoSaidaEstoque, VeiculoEntradaEstoque,
    VeiculoSaidaEstoque,
};
use renave::ws::{ClienteRenaveWs, Erro as ErroWs};
use renave_simulador::SimuladoresRenave;
use renave_simulador::cetmg::SimuladorCetMg;
use renave_simulador::renave_ws::{SimuladorRenaveWs, SituacaoInicial};

use super::registro::{Esperado, Registro, Resultado};

/// The statement the lojista ticks when choosing the identification form instead of the
/// vistoria (R §6.1.4).
pub(crate) const DECLARACAO_FORMULARIO: &str = "Este estabelecimento se responsabiliza pelas informações de identificação do veículo que foram prestadas.";

/// A minimal valid PDF: the "signed document", ficha de cadastro or authorization the POC
/// uploads (the simulators and the APIs accept PDFs only).
pub(crate) const PDF_DEMONSTRACAO: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

// ---------------------------------------------------------------------------------------------
// Input data
// ---------------------------------------------------------------------------------------------

/// A vehicle as the CET-MG API knows it.
#[derive(Debug, Clone)]
pub(crate) struct VeiculoCetMg {
    pub(crate) chassi: Chassi,
    pub(crate) placa: Placa,
    pub(crate) renavam: Renavam,
    /// The current owner (the seller at the entrada).
    pub(crate) proprietario: CpfCnpj,
    pub(crate) tipo: TipoVeiculo,
    pub(crate) marca_modelo: String,
}

/// A vehicle as Renave-WS knows it (the CRV data the lojista types in).
#[derive(Debug, Clone)]
pub(crate) struct VeiculoWs {
    pub(crate) chassi: Chassi,
    pub(crate) placa: Placa,
    pub(crate) renavam: Renavam,
    pub(crate) numero_crv: NumeroCrv,
    pub(crate) codigo_seguranca_crv: CodigoSegurancaCrv,
    pub(crate) tipo_crv: TipoCrv,
    /// The seller (owner in the CRV).
    pub(crate) proprietario: CpfCnpj,
}

/// How the entrada is identified (R §6.1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Procedimento {
    /// Vistoria (DAE 64, distribution to an ECV, booking).
    Vistoria,
    /// The identification form with the responsibility statement.
    Formulario,
}

/// One vehicle of the POC (a car, a motorcycle): its identity on each API (the SAME vehicle:
/// chassi, placa, RENAVAM and owner agree; Renave-WS adds the CRV data), the procedure chosen at
/// the entrada and the NF-e keys of its purchase and sale.
#[derive(Debug, Clone)]
pub(crate) struct VeiculoPoc {
    /// "carro", "motocicleta".
    pub(crate) nome: &'static str,
    pub(crate) cetmg: VeiculoCetMg,
    pub(crate) ws: VeiculoWs,
    pub(crate) procedimento: Procedimento,
    pub(crate) chave_nfe_compra: ChaveNfe,
    pub(crate) chave_nfe_venda: ChaveNfe,
    /// An outdated CRV number (a CRV re-issued since): the entrada with it is refused, showing
    /// the "autorização recusada" scenario of R §6.1.7 2.1. `None` skips that scenario.
    pub(crate) numero_crv_desatualizado: Option<NumeroCrv>,
    /// The CRV security code issued to the establishment at `CONFIRMADO`, typed in by the
    /// lojista when the CRLV-e PDF has no readable text (homologação); `None` reads it from
    /// the PDF.
    pub(crate) codigo_crv_novo: Option<CodigoSegurancaCrv>,
}

/// Everything the POC sends that the lojista would type in.
#[derive(Debug, Clone)]
pub(crate) struct DadosPoc {
    /// The establishment on the CET-MG side.
    pub(crate) cnpj_estabelecimento: Cnpj,
    pub(crate) nome_estabelecimento: String,
    pub(crate) email_estabelecimento: String,
    pub(crate) telefone_estabelecimento: String,
    /// `cpfOperadorResponsavel` of the Renave-WS requests.
    pub(crate) cpf_operador: Cpf,
    /// The private buyer of the saídas.
    pub(crate) cpf_comprador: Cpf,
    pub(crate) carro: VeiculoPoc,
    pub(crate) moto: VeiculoPoc,
    /// Non-apto vehicles (chassi, owner) for §6.1.1.
    pub(crate) nao_aptos: Vec<(Chassi, CpfCnpj)>,
    /// A vehicle in stock whose last laudo is over 120 days old (§6.2.3 6.1), if any.
    pub(crate) laudo_vencido: Option<VeiculoCetMg>,
}

/// The two simulators as ONE world ([`SimuladoresRenave`]), for the default run and the tests:
/// the same vehicles, establishment and people on both APIs, and the seller's signature sent to
/// Renave-WS marks the ATPV-e signed on CET-MG with the same number.
#[derive(Debug)]
pub(crate) struct Simuladores {
    pub(crate) cetmg: SimuladorCetMg,
    pub(crate) ws: SimuladorRenaveWs,
}

impl Simuladores {
    /// Starts both simulators on random local ports, sharing one world; the Renave-WS clock
    /// moves only when the POC says so (no real waiting for Detran).
    pub(crate) async fn iniciar() -> Self {
        let SimuladoresRenave {
            cetmg, renave_ws, ..
        } = SimuladoresRenave::iniciar_com(
            SimuladorCetMg::builder(),
            SimuladorRenaveWs::builder().tempo_real(false),
        )
        .await;
        Self {
            cetmg,
            ws: renave_ws,
        }
    }

    /// The POC's input from the shared seed: the apto car (private seller, physical CRV) and
    /// the apto motorcycle (private seller, digital CRV), each ONE vehicle known to both
    /// simulators (its CET-MG and Renave-WS identities are the same chassi, placa, RENAVAM and
    /// owner).
    pub(crate) fn dados(&self) -> Result<DadosPoc, String> {
        use renave_simulador::mundo::{CNPJ_ESTABELECIMENTO, NOME_ESTABELECIMENTO};
        let veiculos = self.cetmg.veiculos();
        let dados = self.ws.dados();
        let veiculo_cetmg = |v: &renave_simulador::cetmg::VeiculoSimulado| VeiculoCetMg {
            chassi: v.chassi,
            placa: v.placa,
            renavam: v.renavam,
            proprietario: v.proprietario,
            tipo: v.tipo_veiculo.clone(),
            marca_modelo: v.codigo_marca_modelo.clone(),
        };
        // The private seller's vehicle of Renave-WS and the same vehicle on CET-MG (apto).
        let particular = |digital: bool| -> Result<(VeiculoCetMg, VeiculoWs), String> {
            let u = dados
                .usados
                .iter()
                .find(|u| {
                    u.situacao == SituacaoInicial::ParticularProntoParaEntrada
                        && (u.tipo_crv == TipoCrv::Digital) == digital
                })
                .ok_or_else(|| "simulador Renave-WS sem veículo de particular".to_owned())?;
            let c = veiculos
                .iter()
                .find(|v| v.chassi == u.chassi && v.is_apto() && v.id_estoque.is_none())
                .ok_or_else(|| format!("simulador CET-MG sem o veículo apto {}", u.chassi))?;
            Ok((
                veiculo_cetmg(c),
                VeiculoWs {
                    chassi: u.chassi,
                    placa: u.placa,
                    renavam: u.renavam,
                    numero_crv: u.numero_crv,
                    codigo_seguranca_crv: u.codigo_seguranca_crv,
                    tipo_crv: u.tipo_crv.clone(),
                    proprietario: u.proprietario,
                },
            ))
        };
        let chave = |i: usize| {
            dados
                .chaves_nota_fiscal
                .get(i)
                .copied()
                .ok_or_else(|| "simulador Renave-WS sem chaves de NF-e".to_owned())
        };
        let (mg_carro, ws_carro) = particular(false)?;
        let (mg_moto, ws_moto) = particular(true)?;
        if mg_carro.tipo != TipoVeiculo::Automovel || mg_moto.tipo != TipoVeiculo::Motocicleta {
            return Err("semente: o carro e a motocicleta trocados".to_owned());
        }
        // Any valid CRV number other than the car's current one stands for an old CRV.
        let desatualizado = dados
            .usados
            .iter()
            .map(|u| u.numero_crv)
            .find(|n| *n != ws_carro.numero_crv);
        let hoje = Data::hoje_brasilia();
        let laudo_vencido = veiculos
            .iter()
            .filter(|v| v.id_estoque.is_some())
            .filter(|v| {
                v.emissao_ultimo_laudo
                    .and_then(|d| renave::domain::verificar_validade_laudo(d, hoje).ok())
                    .is_some_and(|s| !s.is_dentro_do_prazo())
            })
            .map(veiculo_cetmg)
            .next();
        Ok(DadosPoc {
            cnpj_estabelecimento: CNPJ_ESTABELECIMENTO
                .parse()
                .map_err(|e| format!("CNPJ do simulador: {e}"))?,
            nome_estabelecimento: NOME_ESTABELECIMENTO.to_owned(),
            email_estabelecimento: "loja@example.com".to_owned(),
            telefone_estabelecimento: "3133330000".to_owned(),
            cpf_operador: dados.cpf_operador,
            cpf_comprador: dados.cpf_comprador,
            carro: VeiculoPoc {
                nome: "carro",
                cetmg: mg_carro,
                ws: ws_carro,
                procedimento: Procedimento::Vistoria,
                chave_nfe_compra: chave(0)?,
                chave_nfe_venda: chave(1)?,
                numero_crv_desatualizado: desatualizado,
                codigo_crv_novo: None,
            },
            moto: VeiculoPoc {
                nome: "motocicleta",
                cetmg: mg_moto,
                ws: ws_moto,
                procedimento: Procedimento::Formulario,
                chave_nfe_compra: chave(2)?,
                chave_nfe_venda: chave(3)?,
                numero_crv_desatualizado: None,
                codigo_crv_novo: None,
            },
            nao_aptos: veiculos
                .iter()
                .filter(|v| v.impedimento.is_some())
                .map(|v| (v.chassi, v.proprietario))
                .collect(),
            laudo_vencido,
        })
    }
}

/// What happens outside the SDK.
#[derive(Debug)]
pub(crate) enum Bastidores {
    /// The simulators' control knobs stand for the outside world.
    Simulado(Box<Simuladores>),
    /// Homologação: real services; Detran is waited for (polling E12 with `espera`), the
    /// rest is an "external action" step.
    Homologacao {
        /// How long and how often to poll the stock state.
        espera: OpcoesEspera,
    },
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

/// A step that could not give what the next steps need: the flow of that vehicle stops (the
/// step is already in the log as not conforming).
#[derive(Debug)]
pub(crate) struct Interrompido;

type Etapa<T> = Result<T, Interrompido>;

/// A refusal as shown on screen: the code and the message.
#[derive(Debug, Clone)]
struct Recusa {
    codigo: Option<String>,
    mensagem: String,
}

fn recusa_mg(e: &renave::mg::Erro) -> Recusa {
    let codigo = match e {
        renave::mg::Erro::DocumentosFaltantes { .. } | renave::mg::Erro::EntradaInvalida { .. } => {
            Some("cliente".to_owned())
        }
        _ => e
            .codigo_retorno()
            .map(str::to_owned)
            .or_else(|| e.codigo_gateway().map(str::to_owned)),
    };
    let mensagem = match e {
        renave::mg::Erro::DocumentosFaltantes { faltantes, .. } => format!(
            "nada foi enviado; documentos exigidos pelo §7.3 faltando: {}",
            faltantes
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ),
        _ => e
            .mensagem_usuario()
            .map_or_else(|| e.to_string(), str::to_owned),
    };
    Recusa { codigo, mensagem }
}

fn recusa_ws(e: &ErroWs) -> Recusa {
    let codigo = match e {
        ErroWs::EntradaInvalida { .. } => Some("cliente".to_owned()),
        _ => e.status().map(|s| s.to_string()),
    };
    Recusa {
        codigo,
        mensagem: e
            .mensagem_usuario()
            .map_or_else(|| e.to_string(), str::to_owned),
    }
}

/// A CPF/CNPJ for the screen: a CPF masked (the domain's `Debug`), a CNPJ whole.
fn doc(d: &CpfCnpj) -> String {
    match d {
        CpfCnpj::Cnpj(c) => c.to_string(),
        // `Cpf(***.***.***-25)` → `CPF ***.***.***-25`.
        CpfCnpj::Cpf(_) => {
            let oculto = format!("{d:?}");
            let oculto = oculto
                .strip_prefix("Cpf(")
                .and_then(|o| o.strip_suffix(')'))
                .unwrap_or(&oculto);
            format!("CPF {oculto}")
        }
    }
}

/// A JSON answer field for the screen: strings under a `cpf…` key that are a valid CPF are
/// masked (never a full CPF on screen), the rest unchanged.
fn mascarar(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| {
                    let x = match x {
                        Value::String(t) if k.contains("cpf") => t
                            .parse::<CpfCnpj>()
                            .map_or_else(|_| x.clone(), |d| Value::String(doc(&d))),
                        _ => mascarar(x),
                    };
                    (k.clone(), x)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(mascarar).collect()),
        outro => outro.clone(),
    }
}

/// The CET-MG envelope line.
fn envelope(r: &Retorno) -> String {
    format!(
        "codigo_retorno: {} | mensagem: {}",
        r.codigo_retorno.as_deref().unwrap_or("-"),
        r.mensagem().unwrap_or("-")
    )
}

fn texto_opcional<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_owned(), |x| x.to_string())
}

/// A field read tolerantly: its value, or the text as received (CPFs masked) marked as not
/// understood (issue 12), or `-`.
fn texto_recebido<T: std::fmt::Display>(v: Option<&Recebido<T>>) -> String {
    match v {
        None => "-".to_owned(),
        Some(Recebido::Valido(x)) => x.to_string(),
        Some(Recebido::Bruto(b)) => format!("não entendido ({:?})", ocultar_cpfs(b)),
    }
}

/// The security code printed in the CRV PDF (E18/E19 `pdfCodigoSegurancaCrvBase64`): the
/// digits right after a "Código de segurança do CRV:" label. `None` when the PDF has no
/// readable text with it (e.g. a compressed PDF of the real service).
pub(crate) fn codigo_no_pdf(pdf: &[u8]) -> Option<CodigoSegurancaCrv> {
    let texto = String::from_utf8_lossy(pdf).to_lowercase();
    ["seguranca do crv", "segurança do crv"]
        .iter()
        .find_map(|marcador| {
            texto.match_indices(marcador).find_map(|(i, m)| {
                let resto = texto.get(i + m.len()..)?;
                let resto = resto.trim_start_matches([':', ' ']);
                let digitos: String = resto.chars().take_while(char::is_ascii_digit).collect();
                CodigoSegurancaCrv::parse(&digitos).ok()
            })
        })
}

/// The POC run: both clients, what stands for the outside world, the input and the log.
pub(crate) struct Roteiro {
    pub(crate) mg: ClienteCetMg,
    pub(crate) ws: ClienteRenaveWs,
    pub(crate) bastidores: Bastidores,
    pub(crate) dados: DadosPoc,
    pub(crate) registro: Registro,
    /// CET-MG codes read from the tabelas auxiliares (cor, espécie, combustível) and the
    /// município of the solicitações (MG code + region).
    tabelas: Option<Tabelas>,
    /// Renave-WS municipality code of the buyers' address.
    municipio_ws: Option<CodigoMunicipio>,
}

#[derive(Debug, Clone)]
struct Tabelas {
    cor: Cor,
    especie: Especie,
    combustivel: Combustivel,
    categoria: Categoria,
    municipio: CodigoMunicipio,
}

/// What the entrada of a vehicle leaves for its saída.
#[derive(Debug, Clone)]
pub(crate) struct EmEstoque {
    /// Renave-WS stock id.
    pub(crate) id_estoque_ws: IdEstoque,
    /// CET-MG stock id (from the comunicação de venda de entrada).
    pub(crate) id_estoque_cetmg: Identificador,
}

impl Roteiro {
    /// A run over the two clients.
    pub(crate) fn new(
        mg: ClienteCetMg,
        ws: ClienteRenaveWs,
        bastidores: Bastidores,
        dados: DadosPoc,
        imprimir: bool,
    ) -> Self {
        Self {
            mg,
            ws,
            bastidores,
            dados,
            registro: Registro::new(imprimir),
            tabelas: None,
            municipio_ws: None,
        }
    }

    fn sim(&self) -> Option<&Simuladores> {
        match &self.bastidores {
            Bastidores::Simulado(s) => Some(s),
            Bastidores::Homologacao { .. } => None,
        }
    }

    fn linha(&mut self, t: impl Into<String>) {
        self.registro.linha(t);
    }

    /// Closes a step that had to succeed: its lines on success, the refusal otherwise (and the
    /// flow stops).
    fn exigir<T>(
        &mut self,
        secao: &'static str,
        titulo: String,
        r: Result<T, Recusa>,
        linhas: impl FnOnce(&T) -> Vec<String>,
    ) -> Etapa<T> {
        match r {
            Ok(v) => {
                for l in linhas(&v) {
                    self.linha(l);
                }
                self.registro
                    .fechar(secao, titulo, Esperado::Sucesso, Resultado::Sucesso);
                Ok(v)
            }
            Err(e) => {
                self.registro.fechar(
                    secao,
                    titulo,
                    Esperado::Sucesso,
                    Resultado::Recusado {
                        codigo: e.codigo,
                        mensagem: e.mensagem,
                    },
                );
                Err(Interrompido)
            }
        }
    }

    /// Closes a step that must be refused (a negative path); returns whether it was.
    ///
    /// The CET-MG business codes (`101`, `204`, `301`, `401`, `501`, `502`) are the
    /// simulator's illustrative ones — the regulation publishes none besides `000` — so
    /// against homologação any refusal counts; Renave-WS's HTTP 422 and the SDK's own refusal
    /// (`cliente`) are checked everywhere.
    fn recusar<T>(
        &mut self,
        secao: &'static str,
        titulo: String,
        codigo: Option<&'static str>,
        r: Result<T, Recusa>,
    ) -> bool {
        let codigo = match codigo {
            Some(c @ ("422" | "cliente")) => Some(c),
            outro if self.sim().is_some() => outro,
            _ => None,
        };
        let resultado = match r {
            Ok(_) => Resultado::Sucesso,
            Err(e) => Resultado::Recusado {
                codigo: e.codigo,
                mensagem: e.mensagem,
            },
        };
        self.registro
            .fechar(secao, titulo, Esperado::Recusa(codigo), resultado)
            .conforme()
    }

    /// A step only the outside world can do (homologação).
    fn acao_externa(&mut self, secao: &'static str, titulo: String, o_que: String) {
        self.registro.fechar(
            secao,
            titulo,
            Esperado::Sucesso,
            Resultado::AcaoExterna(o_que),
        );
    }

    /// Runs the whole POC: preparation, §6.1.1 não aptos, entrada and saída of the car and of
    /// the motorcycle, the laudo-over-120-days branch. Returns whether every step showed what
    /// it should.
    pub(crate) async fn executar(&mut self) -> bool {
        self.registro
            .titulo_secao("Preparação: credenciais e tabelas auxiliares");
        if self.preparar().await.is_err() {
            self.interrompido("preparação");
            return false;
        }
        self.registro
            .titulo_secao("6.1.1 Aptidão — veículos NÃO aptos (o fluxo não prossegue)");
        if self.nao_aptos().await.is_err() {
            self.interrompido("veículos não aptos");
        }
        self.registro.titulo_secao(
            "6.1.2 / 6.2.2 Tratamento de erros (padrões) — todos os retornos exibidos em tela",
        );
        if self.tratamento_de_erros().await.is_err() {
            self.interrompido("tratamento de erros");
        }
        let carro = self.dados.carro.clone();
        let moto = self.dados.moto.clone();
        for v in [&carro, &moto] {
            self.registro.titulo_secao(&format!(
                "6.1 Entrada em estoque — {} (chassi {}, placa {}, RENAVAM {}; o mesmo veículo na CET-MG e no Renave-WS)",
                v.nome, v.cetmg.chassi, v.ws.placa, v.ws.renavam
            ));
            let Ok(em_estoque) = self.entrada(v).await else {
                self.interrompido(&format!("entrada — {}", v.nome));
                continue;
            };
            self.registro.titulo_secao(&format!(
                "6.2 Saída de estoque e §7 Protocolo Digital — {}",
                v.nome
            ));
            if self.saida(v, &em_estoque).await.is_err() {
                self.interrompido(&format!("saída — {}", v.nome));
            }
        }
        if let Some(vencido) = self.dados.laudo_vencido.clone() {
            self.registro.titulo_secao(
                "6.2.3 item 6.1 — laudo com mais de 120 dias: nova vistoria necessária",
            );
            if self.laudo_vencido(&vencido).await.is_err() {
                self.interrompido("laudo com mais de 120 dias");
            }
        }
        self.registro.tudo_conforme()
    }

    /// A flow stopped early: a step in the log says so (never a run that looks complete).
    fn interrompido(&mut self, fluxo: &str) {
        self.registro.fechar(
            "-",
            format!("Fluxo interrompido: {fluxo}"),
            Esperado::Sucesso,
            Resultado::Recusado {
                codigo: None,
                mensagem: "o fluxo não pôde continuar; veja o passo anterior".to_owned(),
            },
        );
    }

    // -----------------------------------------------------------------------------------------
    // Preparation
    // -----------------------------------------------------------------------------------------

    async fn preparar(&mut self) -> Etapa<()> {
        // Renave-WS E1: who the certificate authenticates.
        let r = self.ws.consultar_cliente_autenticado().await;
        self.exigir(
            "E1",
            "Renave-WS: cliente autenticado (certificado do estabelecimento)".to_owned(),
            r.map_err(|e| recusa_ws(&e)),
            |c| {
                vec![format!(
                    "cnpj: {} | nome: {}",
                    c.cnpj.as_ref().map_or("-", |x| x.as_str()),
                    c.nome.as_deref().unwrap_or("-")
                )]
            },
        )?;

        // CET-MG §5.1 token (the client would also ask for it on its first call): shown with
        // its validity, never its value.
        let r = self.mg.gerar_token().await;
        self.exigir(
            "5.1",
            "CET-MG: gerar token de acesso (JWT, consumer key/secret)".to_owned(),
            r.map_err(|e| recusa_mg(&e)),
            |t| {
                let agora = std::time::SystemTime::now();
                let segundos = |quando: std::time::SystemTime| {
                    quando.duration_since(agora).map_or(0, |d| d.as_secs())
                };
                vec![
                    "access_token recebido (não exibido: dá acesso à API)".to_owned(),
                    format!(
                        "válido por {} s (R Fig. 57: 60 minutos); o SDK o renova a partir de {} s",
                        segundos(t.expira_em()),
                        segundos(t.renovar_em())
                    ),
                ]
            },
        )?;

        // CET-MG §5.20–§5.27 tables.
        let cores = self.mg.consultar_cores().await;
        let especies = self.mg.consultar_especies().await;
        let combustiveis = self.mg.consultar_combustiveis().await;
        let categorias = self.mg.consultar_categorias().await;
        let municipios = self.mg.consultar_municipios_mg().await;
        let todas = match (cores, especies, combustiveis, categorias, municipios) {
            (Ok(cor), Ok(esp), Ok(comb), Ok(cat), Ok(mun)) => Ok((cor, esp, comb, cat, mun)),
            (Err(erro), ..)
            | (_, Err(erro), ..)
            | (_, _, Err(erro), ..)
            | (.., Err(erro), _)
            | (.., Err(erro)) => Err(erro),
        };
        let (cores, especies, combustiveis, categorias, municipios) = self.exigir(
            "5.20-27",
            "CET-MG: tabelas auxiliares (cores, espécies, combustíveis, categorias, municípios)"
                .to_owned(),
            todas.map_err(|e| recusa_mg(&e)),
            |(c, e, co, ca, m)| {
                let primeiro = |l: &RespostaTabelaAuxiliar| {
                    l.dados.first().map_or_else(
                        || "-".to_owned(),
                        |i| {
                            format!(
                                "{} {}",
                                texto_opcional(i.codigo()),
                                i.descricao().unwrap_or("")
                            )
                        },
                    )
                };
                vec![
                    envelope(&c.retorno),
                    format!("cores: {} itens (1º: {})", c.dados.len(), primeiro(c)),
                    format!("espécies: {} itens (1º: {})", e.dados.len(), primeiro(e)),
                    format!(
                        "combustíveis: {} itens (1º: {})",
                        co.dados.len(),
                        primeiro(co)
                    ),
                    format!(
                        "categorias: {} itens (1º: {})",
                        ca.dados.len(),
                        primeiro(ca)
                    ),
                    format!(
                        "municípios de MG: {} itens (1º: {})",
                        m.dados.len(),
                        primeiro(m)
                    ),
                ]
            },
        )?;
        let codigo =
            |l: &RespostaTabelaAuxiliar| l.dados.first().and_then(ItemTabelaAuxiliar::codigo);
        let tabelas = (|| {
            Some(Tabelas {
                // Codes the live tables list are the authority: allowed even when this SDK
                // version does not know them.
                cor: Cor::desconhecido_permitido(codigo(&cores)?.to_string()),
                especie: Especie::desconhecido_permitido(codigo(&especies)?.to_string()),
                combustivel: Combustivel::desconhecido_permitido(
                    codigo(&combustiveis)?.to_string(),
                ),
                categoria: Categoria::desconhecido_permitido(codigo(&categorias)?.to_string()),
                municipio: codigo(&municipios)?.to_string().parse().ok()?,
            })
        })();
        let Some(tabelas) = tabelas else {
            self.registro.fechar(
                "5.20-27",
                "CET-MG: códigos das tabelas utilizáveis".to_owned(),
                Esperado::Sucesso,
                Resultado::Recusado {
                    codigo: None,
                    mensagem: "uma tabela auxiliar veio vazia ou com código inválido".to_owned(),
                },
            );
            return Err(Interrompido);
        };
        self.tabelas = Some(tabelas);

        // Renave-WS E20: the buyers' municipality code.
        let r = self
            .ws
            .consultar_municipios(&ConsultaMunicipios {
                nome: Some("BELO HORIZONTE".to_owned()),
                uf: Some(Uf::Mg),
            })
            .await;
        let municipios = self.exigir(
            "E20",
            "Renave-WS: município do endereço dos compradores".to_owned(),
            r.map_err(|e| recusa_ws(&e)),
            |m| {
                m.iter()
                    .map(|x| {
                        format!(
                            "id: {} | nome: {} | uf: {}",
                            x.id.as_ref().map_or("-", |i| i.as_str()),
                            x.nome.as_deref().unwrap_or("-"),
                            x.uf.as_ref().map_or("-", |u| u.as_str())
                        )
                    })
                    .collect()
            },
        )?;
        self.municipio_ws = municipios
            .iter()
            .find_map(|m| m.id.as_ref().and_then(|i| i.valido()).copied());
        if self.municipio_ws.is_none() {
            self.registro.fechar(
                "E20",
                "Renave-WS: código de município utilizável".to_owned(),
                Esperado::Sucesso,
                Resultado::Recusado {
                    codigo: None,
                    mensagem: "nenhum município com código válido".to_owned(),
                },
            );
            return Err(Interrompido);
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // §6.1.1 não aptos
    // -----------------------------------------------------------------------------------------

    fn linhas_aptidao(r: &RespostaAptidaoVeiculoEstoque) -> Vec<String> {
        // A value the SDK did not understand is shown as received (CPFs masked), never as
        // "não" (issue 12).
        let b = |v: &Option<Recebido<bool>>| match v {
            Some(Recebido::Valido(true)) => "sim".to_owned(),
            Some(Recebido::Valido(false)) => "não".to_owned(),
            Some(Recebido::Bruto(bruto)) => format!("não entendido ({:?})", ocultar_cpfs(bruto)),
            None => "não informado".to_owned(),
        };
        let n = |v: &Option<Recebido<u32>>| match v {
            Some(Recebido::Valido(n)) => n.to_string(),
            Some(Recebido::Bruto(bruto)) => format!("não entendido ({:?})", ocultar_cpfs(bruto)),
            None => "não informado".to_owned(),
        };
        let avaliacao = r.avaliacao();
        let mut l = vec![
            envelope(&r.retorno),
            format!(
                "comunicação de venda registrada: {} | laudo CSV em aberto: {} | reserva de domínio: {} | gravame: {}",
                b(&r.comunicacao_venda_registrada),
                b(&r.laudo_csv_em_aberto),
                b(&r.reserva_dominio),
                b(&r.gravame)
            ),
            format!(
                "total de autuações: {} | multas exigíveis: {} | multas totais: {}",
                n(&r.total_autuacoes),
                n(&r.multas_exigiveis),
                n(&r.multas_totais)
            ),
            format!(
                "pendências TRLAV: {} | IPVA: {} | DPVAT: {} | impedimentos cadastrais: {}",
                b(&r.pendencias_trlav),
                b(&r.pendencias_ipva),
                b(&r.pendencias_dpvat),
                b(&r.impedimentos_cadastrais)
            ),
            format!(
                "recall pendente: {} | estampagem em aberto: {} | observações impeditivas no laudo: {}",
                b(&r.recall_pendente),
                b(&r.estampagem_em_aberto),
                b(&r.observacoes_impeditivas_laudo)
            ),
        ];
        for d in &r.detalhes {
            l.push(format!("detalhe: {d}"));
        }
        l.push(format!("avaliação: {}", Self::resumo_aptidao(&avaliacao)));
        l
    }

    /// The outcome line: only APTO lets the process go on; NÃO APTO names the impediments;
    /// INDETERMINADO (issue 12) names the blocking items not reported in an understood form and
    /// the fields the SDK does not model, and stops the process like a não apto.
    fn resumo_aptidao(avaliacao: &AvaliacaoAptidao) -> String {
        let juntar = |itens: &[ItemAptidao]| {
            itens
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        };
        match avaliacao.resultado() {
            ResultadoAptidao::Apto => "APTO — o processo pode seguir".to_owned(),
            ResultadoAptidao::NaoApto => {
                let lista: Vec<String> = avaliacao
                    .impedimentos
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                format!("NÃO APTO — impedimentos: {}", lista.join("; "))
            }
            _ => {
                let mut partes = vec![
                    "INDETERMINADO — a resposta não permite afirmar a aptidão; o processo NÃO segue"
                        .to_owned(),
                ];
                let itens = avaliacao.indeterminados();
                if !itens.is_empty() {
                    partes.push(format!(
                        "itens não informados ou não entendidos: {}",
                        juntar(&itens)
                    ));
                }
                if avaliacao.sem_codigo_de_sucesso {
                    partes.push("resposta sem codigo_retorno 000".to_owned());
                }
                if !avaliacao.campos_nao_modelados.is_empty() {
                    partes.push(format!(
                        "campos não modelados pelo SDK: {}",
                        avaliacao.campos_nao_modelados.join(", ")
                    ));
                }
                partes.join(" | ")
            }
        }
    }

    async fn nao_aptos(&mut self) -> Etapa<()> {
        let cnpj = self.dados.cnpj_estabelecimento;
        let nao_aptos = self.dados.nao_aptos.clone();
        let mut primeiro_bloqueado = None;
        for (chassi, proprietario) in nao_aptos {
            let r = self
                .mg
                .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                    chassi,
                    proprietario,
                    cnpj,
                ))
                .await;
            let titulo = format!("Aptidão para entrada — chassi {chassi}");
            let r = match r {
                Ok(r) => r,
                Err(e) => {
                    // A failed lookup is not a "não apto" answer: the step does not conform.
                    let rec = recusa_mg(&e);
                    self.registro.fechar(
                        "6.1.1",
                        titulo,
                        Esperado::Recusa(Some("não apto")),
                        Resultado::Recusado {
                            codigo: rec.codigo,
                            mensagem: rec.mensagem,
                        },
                    );
                    continue;
                }
            };
            for l in Self::linhas_aptidao(&r) {
                self.linha(l);
            }
            let avaliacao = r.avaliacao();
            let resultado = if avaliacao.pode_prosseguir() {
                Resultado::Sucesso
            } else {
                // Não apto or indeterminado: a stop either way (issue 12); the step expects
                // "não apto", so an indeterminado answer shows as not conforming.
                primeiro_bloqueado.get_or_insert((chassi, proprietario));
                self.linha("a integradora NÃO prossegue com este veículo");
                Resultado::Recusado {
                    codigo: Some(avaliacao.resultado().descricao().to_owned()),
                    mensagem: Self::resumo_aptidao(&avaliacao),
                }
            };
            self.registro.fechar(
                "6.1.1",
                titulo,
                Esperado::Recusa(Some("não apto")),
                resultado,
            );
        }
        // Even if the integradora tried, CET-MG refuses the solicitação of a non-apto vehicle.
        // Shown where the vehicle's placa and RENAVAM are known (the simulator's seed); in
        // homologação the integradora's own block above is what the POC shows.
        let semente = primeiro_bloqueado
            .and_then(|(chassi, _)| self.sim().and_then(|s| s.cetmg.veiculo(&chassi)));
        if let Some(v) = semente {
            let veiculo = VeiculoCetMg {
                chassi: v.chassi,
                placa: v.placa,
                renavam: v.renavam,
                proprietario: v.proprietario,
                tipo: v.tipo_veiculo,
                marca_modelo: v.codigo_marca_modelo,
            };
            let Some(pedido) =
                self.solicitacao(&veiculo, CpfCnpj::from(self.dados.cnpj_estabelecimento))
            else {
                return Err(Interrompido);
            };
            self.linha(format!(
                "POST registrar-solicitacao... (entrada) para o veículo não apto {}",
                veiculo.chassi
            ));
            let r = self.mg.registrar_solicitacao_transferencia(&pedido).await;
            if let Ok(ok) = &r {
                self.linha(envelope(&ok.retorno));
            }
            self.recusar(
                "6.1.3",
                format!(
                    "Solicitação de transferência de veículo NÃO apto — chassi {}",
                    veiculo.chassi
                ),
                Some("101"),
                r.map_err(|e| recusa_mg(&e)),
            );
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // §6.1.2 / §6.2.2 standard errors
    // -----------------------------------------------------------------------------------------

    /// A CET-MG error as shown on screen for §6.1.2/§6.2.2: the HTTP status is the code (what
    /// the regulation lists), with `codigo_retorno`, the gateway code and the message as lines.
    fn recusa_http(&mut self, e: &renave::mg::Erro) -> Recusa {
        let rec = recusa_mg(e);
        self.linha(format!(
            "HTTP {} | codigo_retorno: {} | código do gateway: {}",
            texto_opcional(e.status()),
            texto_opcional(e.codigo_retorno()),
            texto_opcional(e.codigo_gateway()),
        ));
        Recusa {
            codigo: e.status().map(|s| s.to_string()).or(rec.codigo),
            mensagem: rec.mensagem,
        }
    }

    /// R §6.1.2 and §6.2.2 ("Todos os retornos deverão ser exibidos em tela"): the standard
    /// errors of the API shown to the user — a malformed CPF stopped by the SDK (the 400 is
    /// never provoked), an owner that does not match (409), a vehicle not found (404); against
    /// the simulators also an expired token (401, renewed by the SDK), throttling (429) and a
    /// server error (500).
    async fn tratamento_de_erros(&mut self) -> Etapa<()> {
        let cnpj = self.dados.cnpj_estabelecimento;
        let carro = self.dados.carro.cetmg.clone();

        // 400: the SDK validates before sending.
        self.linha("o lojista digitou o CPF do proprietário com dígito verificador errado");
        let r = "52998224700".parse::<CpfCnpj>().map_err(|e| Recusa {
            codigo: Some("cliente".to_owned()),
            mensagem: format!(
                "CPF/CNPJ inválido ({e}); nada foi enviado — a API responderia 400 Bad Request"
            ),
        });
        self.recusar(
            "6.1.2",
            "400 — Aptidão com CPF do proprietário mal formatado".to_owned(),
            Some("cliente"),
            r,
        );

        // 409: the owner does not match the vehicle's register.
        let outro = CpfCnpj::from(self.dados.cpf_comprador);
        self.linha(format!(
            "chassi {} com proprietário {} (não é o dono)",
            carro.chassi,
            doc(&outro)
        ));
        let r = self
            .mg
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                carro.chassi,
                outro,
                cnpj,
            ))
            .await;
        let r = r.map_err(|e| self.recusa_http(&e));
        self.recusar(
            "6.1.2",
            "409 — Aptidão com proprietário que não confere — carro".to_owned(),
            Some("409"),
            r,
        );

        // 404: no vehicle for the combination sent.
        let desconhecido: Chassi = "9BWAA05U6FP099999".parse().map_err(|_| Interrompido)?;
        self.linha(format!("chassi {desconhecido} (não cadastrado)"));
        let r = self
            .mg
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                desconhecido,
                carro.proprietario,
                cnpj,
            ))
            .await;
        let r = r.map_err(|e| self.recusa_http(&e));
        self.recusar(
            "6.1.2",
            "404 — Aptidão de veículo não localizado".to_owned(),
            Some("404"),
            r,
        );

        // 401, 429, 500: only the simulator can provoke them on demand.
        fn tokens(reqs: &[wiremock::Request]) -> usize {
            reqs.iter()
                .filter(|q| q.url.path().ends_with("/gerar-token"))
                .count()
        }
        let Some(sims) = self.sim() else {
            return Ok(());
        };
        let antes = tokens(&sims.cetmg.requisicoes_recebidas().await);
        sims.cetmg.expirar_tokens();
        self.linha("[simulador] o token em uso expirou");
        let r = self
            .mg
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                carro.chassi,
                carro.proprietario,
                cnpj,
            ))
            .await;
        let depois = match self.sim() {
            Some(sims) => tokens(&sims.cetmg.requisicoes_recebidas().await),
            None => antes,
        };
        self.linha(format!(
            "a API respondeu 401 (token expirado); o SDK pediu novo token (gerar-token: {} chamada(s)) e repetiu a consulta",
            depois.saturating_sub(antes)
        ));
        let r = r.map_err(|e| self.recusa_http(&e)).and_then(|ok| {
            if depois > antes {
                Ok(ok)
            } else {
                Err(Recusa {
                    codigo: None,
                    mensagem: "nenhum token novo foi pedido".to_owned(),
                })
            }
        });
        self.exigir(
            "6.1.2",
            "401 — Token expirado: renovado pelo SDK, consulta repetida — carro".to_owned(),
            r,
            |ok| vec![envelope(&ok.retorno)],
        )?;

        for (status, titulo) in [
            (429_u16, "429 — Limite de chamadas excedido"),
            (500, "500 — Erro inesperado no serviço"),
        ] {
            if let Some(sims) = self.sim() {
                sims.cetmg.falhar_proximas(1, status);
            }
            self.linha(format!(
                "[simulador] a próxima resposta da API será HTTP {status}"
            ));
            let r = self
                .mg
                .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                    carro.chassi,
                    carro.proprietario,
                    cnpj,
                ))
                .await;
            if let Some(sims) = self.sim() {
                sims.cetmg.limpar_falhas();
            }
            let r = r.map_err(|e| self.recusa_http(&e));
            self.recusar(
                "6.1.2",
                format!("{titulo} — carro"),
                Some(if status == 429 { "429" } else { "500" }),
                r,
            );
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // §6.1 entrada
    // -----------------------------------------------------------------------------------------

    /// The §6.1.3 request (buyer = the establishment for an entrada, a private person for a
    /// saída).
    fn solicitacao(
        &self,
        v: &VeiculoCetMg,
        comprador: CpfCnpj,
    ) -> Option<SolicitacaoTransferencia> {
        let t = self.tabelas.as_ref()?;
        let (nome, endereco) = match comprador {
            CpfCnpj::Cnpj(_) => (self.dados.nome_estabelecimento.clone(), "Av. Afonso Pena"),
            CpfCnpj::Cpf(_) => ("Comprador da POC".to_owned(), "Rua da Bahia"),
        };
        let moto = v.tipo.is_motocicleta_ou_motoneta();
        Some(SolicitacaoTransferencia {
            cpf_cnpj_estabelecimento: self.dados.cnpj_estabelecimento,
            placa: v.placa,
            renavam: v.renavam,
            chassi: v.chassi,
            codigo_cor: t.cor.clone(),
            cilindrada: Some(if moto { 160 } else { 999 }),
            potencia: Some(if moto { 15 } else { 80 }),
            codigo_tipo: v.tipo.clone(),
            codigo_especie: t.especie.clone(),
            capacidade_maxima_tracao: None,
            registro_transporte_bens: None,
            numero_passageiros: Some(if moto { 2 } else { 5 }),
            codigo_combustivel: t.combustivel.clone(),
            codigo_marca_modelo: Identificador::from(v.marca_modelo.as_str()),
            codigo_carroceria: None,
            capacidade_carga: None,
            numero_eixos: Some(2),
            peso_bruto_total: Some(if moto { 0.3 } else { 1.4 }),
            categoria: t.categoria.clone(),
            atividade: Some(Atividade::Outros),
            nome_comprador: nome,
            cpf_cnpj_comprador: comprador,
            endereco_comprador: endereco.to_owned(),
            numero_endereco_comprador: "1000".to_owned(),
            complemento_comprador: None,
            bairro_comprador: "Centro".to_owned(),
            cep_comprador: "30130000".parse().ok()?,
            endereco_correspondencia: None,
            numero_correspondencia: None,
            complemento_correspondencia: None,
            bairro_correspondencia: None,
            cep_correspondencia: None,
            codigo_municipio_emplacamento: t.municipio,
            data_recibo: Data::hoje_brasilia(),
            valor_venda: Valor::parse(if moto { "12000" } else { "45000" }).ok()?,
            isencao_ipva: IsencaoIpva::NaoIsento,
            modalidade_compra: ModalidadeCompra::SemFinanciamento,
        })
    }

    async fn aptidao_cetmg(
        &mut self,
        secao: &'static str,
        titulo: String,
        v: &VeiculoCetMg,
        proprietario: CpfCnpj,
    ) -> Etapa<()> {
        let r = self
            .mg
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque::new(
                v.chassi,
                proprietario,
                self.dados.cnpj_estabelecimento,
            ))
            .await
            .map_err(|e| recusa_mg(&e))
            .and_then(|r| {
                let avaliacao = r.avaliacao();
                if avaliacao.pode_prosseguir() {
                    Ok(r)
                } else {
                    for l in Self::linhas_aptidao(&r) {
                        self.linha(l);
                    }
                    // Não apto or indeterminado: the process stops here (issue 12).
                    Err(Recusa {
                        codigo: Some(avaliacao.resultado().descricao().to_owned()),
                        mensagem: format!(
                            "o veículo deveria estar apto: {}",
                            Self::resumo_aptidao(&avaliacao)
                        ),
                    })
                }
            });
        self.exigir(secao, titulo, r, Self::linhas_aptidao)?;
        Ok(())
    }

    async fn registrar_solicitacao(
        &mut self,
        veiculo: &VeiculoCetMg,
        comprador: CpfCnpj,
        nome: &str,
    ) -> Etapa<()> {
        let Some(pedido) = self.solicitacao(veiculo, comprador) else {
            return Err(Interrompido);
        };
        let sentido = pedido.sentido();
        self.linha(format!(
            "comprador: {} → {} de estoque (R §6.1.3: o estabelecimento como comprador é entrada; outro, saída)",
            doc(&comprador),
            if sentido == SentidoSolicitacao::Entrada {
                "entrada"
            } else {
                "saída"
            }
        ));
        let r = self.mg.registrar_solicitacao_transferencia(&pedido).await;
        let secao = if sentido == SentidoSolicitacao::Entrada {
            "6.1.3"
        } else {
            "6.2.3"
        };
        self.exigir(
            secao,
            format!("Solicitação de transferência ({sentido}) — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |ok| {
                let mut l = vec![envelope(&ok.retorno)];
                for campo in ["id_solicitacao", "tipo_solicitacao"] {
                    if let Some(x) = ok.extras.get(campo) {
                        l.push(format!("{campo}: {x}"));
                    }
                }
                l
            },
        )?;
        let r = self
            .mg
            .consultar_solicitacao_transferencia(&ConsultaSolicitacaoTransferencia::new(
                veiculo.chassi,
                veiculo.proprietario,
                self.dados.cnpj_estabelecimento,
            ))
            .await;
        self.exigir(
            "5.3",
            format!("Consultar solicitação de transferência — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |ok| {
                let mut l = vec![envelope(&ok.retorno)];
                for (k, x) in ok.extras.iter().take(8) {
                    let x = mascarar(&serde_json::json!({ k.clone(): x }));
                    l.push(format!(
                        "{k}: {}",
                        x.get(k).unwrap_or(&serde_json::Value::Null)
                    ));
                }
                l
            },
        )?;
        Ok(())
    }

    /// §6.1.5–§6.1.6 (and the booking): DAE, the negative paths, payment, distribution,
    /// dates, periods, booking, the vistoria and its laudo.
    async fn vistoria(&mut self, v: &VeiculoPoc, comprador: CpfCnpj) -> Etapa<()> {
        let nome = v.nome;
        let cnpj = self.dados.cnpj_estabelecimento;
        let municipio = self
            .tabelas
            .as_ref()
            .map(|t| t.municipio)
            .ok_or(Interrompido)?;
        let r = self
            .mg
            .emitir_guia_dae(&EmissaoGuiaDae {
                cnpj_estabelecimento: cnpj,
                codigo_taxa: CodigoTaxa::VistoriaMovel,
                cpf_cnpj_comprador: comprador,
                uf_origem_comprador: Uf::Mg,
                codigo_municipio_emplacamento: municipio,
            })
            .await;
        let dae = self.exigir(
            "6.1.5",
            format!("Emitir guia DAE taxa 64 (vistoria móvel) — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |d| {
                let mut l = vec![envelope(&d.retorno), format!("guias: {}", d.guias.len())];
                for g in &d.guias {
                    l.push(format!(
                        "taxa: {} | valor: {} | vencimento: {} | emissão: {} | referência: {}",
                        texto_opcional(g.codigo_taxa.as_ref()),
                        g.valor_taxa.as_ref().map_or("-".into(), |x| x.texto()),
                        g.data_vencimento.as_ref().map_or("-".into(), |x| x.texto()),
                        g.data_emissao.as_ref().map_or("-".into(), |x| x.texto()),
                        g.mes_ano_referencia.as_deref().unwrap_or("-"),
                    ));
                    l.push(format!(
                        "nº boleto: {} | linha digitável: {}",
                        texto_opcional(g.numero_identificacao_boleto.as_ref()),
                        g.linha_digitavel.as_ref().map_or("-".into(), |x| x.texto()),
                    ));
                    l.push(format!(
                        "Pix copia e cola: {}…",
                        g.pix_copia_e_cola.as_ref().map_or("-".to_owned(), |x| x
                            .texto()
                            .chars()
                            .take(40)
                            .collect())
                    ));
                    l.push(format!(
                        "município: {} {} (IBGE {}) | veículo: {} {} {} | contribuinte: {} {}",
                        texto_opcional(g.codigo_municipio.as_ref()),
                        g.nome_municipio.as_deref().unwrap_or("-"),
                        g.codigo_ibge_municipio
                            .as_ref()
                            .map_or("-".into(), |x| x.texto()),
                        g.placa.as_ref().map_or("-".into(), |x| x.texto()),
                        g.chassi.as_ref().map_or("-".into(), |x| x.texto()),
                        g.renavam.as_ref().map_or("-".into(), |x| x.texto()),
                        g.cpf_cnpj_contribuinte
                            .as_ref()
                            .and_then(|x| x.valor().ok())
                            .map_or("-".to_owned(), doc),
                        g.nome_contribuinte.as_deref().unwrap_or("-"),
                    ));
                    l.push(format!(
                        "PDF do DAE: {}",
                        g.pdf().map_or_else(
                            |e| format!("ilegível ({e})"),
                            |p| format!("{} bytes", p.len())
                        )
                    ));
                    for m in g.mensagens() {
                        l.push(format!("mensagem do DAE: {m}"));
                    }
                }
                l
            },
        )?;
        let Some(guia) = dae.guias.iter().find(|g| {
            g.chassi
                .as_ref()
                .and_then(|c| c.valor().ok())
                .is_none_or(|c| *c == v.cetmg.chassi)
        }) else {
            return Err(Interrompido);
        };
        let referencia = guia
            .numero_identificacao_boleto
            .as_ref()
            .map(ToString::to_string)
            .or_else(|| {
                guia.linha_digitavel
                    .as_ref()
                    .map(|l| l.texto().into_owned())
            })
            .ok_or(Interrompido)?;

        // Negative: the distribution (vistoria móvel) before the DAE is paid.
        let Some(regiao) = self.regiao().await else {
            return Err(Interrompido);
        };
        let distribuicao = DistribuicaoVeiculoEcv {
            cnpj_estabelecimento: cnpj,
            municipio_regiao_id: regiao,
            cpf_cnpj_comprador: comprador,
            telefone_comprador: self.dados.telefone_estabelecimento.clone(),
            email_comprador: self.dados.email_estabelecimento.clone(),
            vistoria_movel: true,
            receber_pesquisa: false,
        };
        self.linha(format!(
            "taxa exigida para a vistoria móvel: {}",
            texto_opcional(distribuicao.taxa_exigida())
        ));
        let r = self.mg.distribuir_veiculo_ecv(&distribuicao).await;
        self.recusar(
            "6.1.6",
            format!("Distribuir para ECV ANTES de pagar o DAE — {nome}"),
            Some("204"),
            r.map_err(|e| recusa_mg(&e)),
        );

        // Negative: dates for booking before any distribution.
        let alvo = CompradorChassi::new(comprador, v.cetmg.chassi);
        let r = self.mg.retornar_datas_com_vagas(&alvo).await;
        self.recusar(
            "6.1.6 b",
            format!("Consultar datas de agendamento SEM distribuição — {nome}"),
            Some("301"),
            r.map_err(|e| recusa_mg(&e)),
        );

        // The payment.
        self.pagar_dae(&referencia, nome)?;

        let r = self.mg.distribuir_veiculo_ecv(&distribuicao).await;
        self.exigir(
            "6.1.6",
            format!("Distribuir o veículo para vistoria (ECV) — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |d| {
                vec![
                    envelope(&d.retorno),
                    format!(
                        "ECV: {} ({}) CNPJ {} | {} | {}",
                        d.nome_fantasia_ecv.as_deref().unwrap_or("-"),
                        d.razao_social_ecv.as_deref().unwrap_or("-"),
                        d.cnpj_ecv.as_ref().map_or("-".into(), |x| x.texto()),
                        d.email_ecv.as_deref().unwrap_or("-"),
                        d.telefone_ecv.as_deref().unwrap_or("-"),
                    ),
                    format!(
                        "endereço da ECV: {}, {} — {} — CEP {} — município {} {}",
                        d.logradouro_ecv.as_deref().unwrap_or("-"),
                        d.numero_ecv.as_deref().unwrap_or("-"),
                        d.bairro_ecv.as_deref().unwrap_or("-"),
                        d.cep_ecv.as_ref().map_or("-".into(), |x| x.texto()),
                        texto_opcional(d.municipio_id_ecv.as_ref()),
                        d.uf_ecv.as_ref().map_or("-".into(), |x| x.texto()),
                    ),
                    format!(
                        "vistoria móvel: {} | id da vistoria: {} | região: {} | município: {}",
                        texto_opcional(d.vistoria_movel),
                        texto_opcional(d.vistoria_id.as_ref()),
                        d.nome_regiao.as_deref().unwrap_or("-"),
                        d.nome_municipio.as_deref().unwrap_or("-"),
                    ),
                    format!(
                        "comprador: {} {} | veículo: {} {}",
                        d.cpf_cnpj_comprador
                            .as_ref()
                            .map_or("-".into(), |x| x.texto()),
                        d.nome_comprador.as_deref().unwrap_or("-"),
                        d.placa.as_ref().map_or("-".into(), |x| x.texto()),
                        d.chassi.as_ref().map_or("-".into(), |x| x.texto()),
                    ),
                ]
            },
        )?;
        let r = self.mg.consultar_distribuicao_ativa(&alvo).await;
        self.exigir(
            "5.8",
            format!("Consultar distribuição ativa — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |d| {
                vec![
                    envelope(&d.retorno),
                    format!(
                        "ECV: {} | vistoria: {}",
                        d.nome_fantasia_ecv.as_deref().unwrap_or("-"),
                        texto_opcional(d.vistoria_id.as_ref())
                    ),
                ]
            },
        )?;

        let r = self.mg.retornar_datas_com_vagas(&alvo).await;
        let datas = self.exigir(
            "6.1.6 b",
            format!("Datas com vagas para a vistoria — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |d| {
                let mut l = vec![envelope(&d.retorno)];
                for x in d.dados.iter().take(5) {
                    l.push(format!(
                        "data: {} | vagas: {}",
                        x.data.as_ref().map_or("-".into(), |y| y.texto()),
                        texto_opcional(x.vagas)
                    ));
                }
                if d.dados.len() > 5 {
                    l.push(format!("… e mais {} datas", d.dados.len() - 5));
                }
                l
            },
        )?;
        let dia = datas
            .dados
            .iter()
            .find_map(|d| d.data.as_ref().and_then(|x| x.valido().copied()))
            .ok_or(Interrompido)?;
        let r = self
            .mg
            .retornar_periodos_atendimento(&ConsultaPeriodosAtendimento {
                data_agendada: dia,
                alvo: alvo.clone(),
            })
            .await;
        let periodos = self.exigir(
            "6.1.6 b",
            format!("Períodos de atendimento em {dia} — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |p| {
                let mut l = vec![envelope(&p.retorno)];
                for x in &p.dados {
                    l.push(format!(
                        "período {}: {} ({}–{}) | vagas: {}",
                        texto_opcional(x.id.as_ref()),
                        x.descricao.as_deref().unwrap_or("-"),
                        x.hora_inicio.as_deref().unwrap_or("-"),
                        x.hora_fim.as_deref().unwrap_or("-"),
                        texto_opcional(x.vagas)
                    ));
                }
                l
            },
        )?;
        let periodo = periodos
            .dados
            .iter()
            .find_map(|p| p.id.clone())
            .ok_or(Interrompido)?;
        let r = self
            .mg
            .gravar_agendamento(&Agendamento {
                cnpj_estabelecimento: cnpj,
                data_agendada: dia,
                periodo_id: periodo,
                cpf_cnpj_comprador: comprador,
                chassi: v.cetmg.chassi,
            })
            .await;
        self.exigir(
            "6.1.6 c",
            format!("Gravar agendamento da vistoria — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |a| vec![envelope(&a.retorno)],
        )?;
        let r = self.mg.consultar_agendamento(&alvo).await;
        self.exigir(
            "5.12",
            format!("Consultar agendamento — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |a| {
                vec![
                    envelope(&a.retorno),
                    format!(
                        "data: {} | período: {} {}",
                        a.data_agendada.as_ref().map_or("-".into(), |x| x.texto()),
                        texto_opcional(a.periodo_id.as_ref()),
                        a.descricao_periodo.as_deref().unwrap_or("")
                    ),
                ]
            },
        )?;
        self.vistoria_realizada(v, comprador).await
    }

    /// The region of the solicitações' municipality (R §5.10): the default one.
    async fn regiao(&mut self) -> Option<Identificador> {
        let municipio = self.tabelas.as_ref()?.municipio;
        let r = self
            .mg
            .retornar_regioes_municipio(&ConsultaRegioesMunicipio {
                municipio_id: Identificador::from(municipio.as_str()),
                tipo_ecv_id: 1u64.into(),
            })
            .await;
        let regioes = self
            .exigir(
                "6.1.6",
                format!("Regiões do município {municipio} com ECV"),
                r.map_err(|e| recusa_mg(&e)),
                |l| {
                    let mut s = vec![envelope(&l.retorno)];
                    for x in &l.dados {
                        s.push(format!(
                            "região {}: {}{}",
                            texto_opcional(x.municipio_regiao_id.as_ref()),
                            x.nome_regiao.as_deref().unwrap_or("-"),
                            if x.regiao_padrao == Some(true) {
                                " (padrão)"
                            } else {
                                ""
                            }
                        ));
                    }
                    s
                },
            )
            .ok()?;
        regioes
            .dados
            .iter()
            .find(|r| r.regiao_padrao == Some(true))
            .or_else(|| regioes.dados.first())
            .and_then(|r| r.municipio_regiao_id.clone())
    }

    fn pagar_dae(&mut self, referencia: &str, nome: &str) -> Etapa<()> {
        let titulo = format!("Pagamento e compensação do DAE — {nome}");
        let Some(ok) = self.sim().map(|s| s.cetmg.compensar_pagamento(referencia)) else {
            self.acao_externa(
                "6.1.5",
                titulo,
                format!("pagar o DAE {referencia} (linha digitável ou Pix acima); a compensação é automática"),
            );
            return Ok(());
        };
        self.linha(format!(
            "[simulador] o comprador pagou o DAE {referencia}; compensação detectada: {}",
            if ok { "sim" } else { "não" }
        ));
        let resultado = if ok {
            Resultado::Sucesso
        } else {
            Resultado::Recusado {
                codigo: None,
                mensagem: "o simulador não encontrou o DAE".to_owned(),
            }
        };
        let p = self
            .registro
            .fechar("6.1.5", titulo, Esperado::Sucesso, resultado);
        if p.conforme() {
            Ok(())
        } else {
            Err(Interrompido)
        }
    }

    /// The vistoria at the ECV (the simulator records a laudo issued today), then §5.9 the
    /// last laudo.
    async fn vistoria_realizada(&mut self, v: &VeiculoPoc, comprador: CpfCnpj) -> Etapa<()> {
        let nome = v.nome;
        let hoje = Data::hoje_brasilia();
        match self
            .sim()
            .map(|s| s.cetmg.registrar_laudo(&v.cetmg.chassi, hoje))
        {
            Some(ok) => self.linha(format!(
                "[simulador] a ECV realizou a vistoria e emitiu o laudo em {hoje}: {}",
                if ok {
                    "registrado"
                } else {
                    "veículo desconhecido"
                }
            )),
            None => self.acao_externa(
                "6.1.6",
                format!("Vistoria na ECV — {nome}"),
                "a ECV realiza a vistoria agendada e emite o laudo".to_owned(),
            ),
        }
        let r = self
            .mg
            .consultar_ultimo_laudo(&CompradorChassi::new(comprador, v.cetmg.chassi))
            .await;
        self.exigir(
            "5.9",
            format!("Consultar último laudo — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |l| {
                vec![
                    envelope(&l.retorno),
                    format!(
                        "laudo nº {} | emissão: {} | resultado: {}",
                        texto_opcional(l.numero_laudo.as_ref()),
                        l.data_emissao.as_ref().map_or("-".into(), |x| x.texto()),
                        l.resultado.as_deref().unwrap_or("-")
                    ),
                    match l.validade_em(hoje) {
                        Some(Ok(s)) => format!(
                            "validade (120 dias, Portaria 1.542/2025 Art. 21): {} dias decorridos, válido até {} — {}",
                            s.dias_decorridos,
                            s.ultimo_dia,
                            if s.is_dentro_do_prazo() { "válido" } else { "VENCIDO" }
                        ),
                        Some(Err(e)) => format!("validade: data ilegível ({e})"),
                        None => "validade: sem data de emissão".to_owned(),
                    },
                ]
            },
        )?;
        Ok(())
    }

    /// The whole entrada of one vehicle (§6.1.1–§6.1.8).
    pub(crate) async fn entrada(&mut self, v: &VeiculoPoc) -> Etapa<EmEstoque> {
        let nome = v.nome;
        let loja = CpfCnpj::from(self.dados.cnpj_estabelecimento);
        self.aptidao_cetmg(
            "6.1.1",
            format!(
                "Aptidão para entrada (veículo apto) — {nome} {}",
                v.cetmg.chassi
            ),
            &v.cetmg,
            v.cetmg.proprietario,
        )
        .await?;
        self.registrar_solicitacao(&v.cetmg, loja, nome).await?;

        // §6.1.4: the lojista chooses.
        match v.procedimento {
            Procedimento::Vistoria => {
                self.linha("o lojista escolheu: realizar VISTORIA na entrada no estoque");
                self.registro.fechar(
                    "6.1.4",
                    format!("Procedimento de entrada: vistoria — {nome}"),
                    Esperado::Sucesso,
                    Resultado::Sucesso,
                );
                self.vistoria(v, loja).await?;
            }
            Procedimento::Formulario => {
                self.linha(
                    "o lojista escolheu: preencher o FORMULÁRIO de identificação do veículo",
                );
                self.linha(format!("[x] {DECLARACAO_FORMULARIO}"));
                self.registro.fechar(
                    "6.1.4",
                    format!("Procedimento de entrada: formulário (declaração marcada) — {nome}"),
                    Esperado::Sucesso,
                    Resultado::Sucesso,
                );
            }
        }

        // §6.1.7 on Renave-WS.
        let id = self.entrada_ws(v).await?;

        // §6.1.8: the comunicação de venda de entrada, with the signed ATPV-e.
        let numero = self.atpve_assinada_cetmg(v, "6.1.7", None).await?;
        let r = self
            .mg
            .registrar_comunicacao_venda_entrada_estoque(&ComunicacaoVendaEntradaEstoque {
                placa: v.cetmg.placa,
                renavam: v.cetmg.renavam,
                chassi: v.cetmg.chassi,
                numero_atpve: numero.clone(),
            })
            .await;
        let ok = self.exigir(
            "6.1.8",
            format!("Comunicação de venda de entrada (ATPV-e {numero}) — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |ok| {
                let mut l = vec![envelope(&ok.retorno)];
                if let Some(x) = ok.extras.get("id_estoque") {
                    l.push(format!("id_estoque (CET-MG): {x}"));
                }
                l
            },
        )?;
        let id_cetmg = ok
            .extras
            .get("id_estoque")
            .and_then(|x| serde_json::from_value::<Identificador>(x.clone()).ok())
            .ok_or(Interrompido)?;
        Ok(EmEstoque {
            id_estoque_ws: id,
            id_estoque_cetmg: id_cetmg,
        })
    }

    fn linhas_estoque(e: &Estoque) -> Vec<String> {
        let mut l = vec![format!(
            "idEstoque: {} | estado: {} | placa: {} | chassi: {} | tipoCrv: {}",
            texto_opcional(e.id),
            e.estado.as_ref().map_or("-", |x| x.as_str()),
            e.placa.as_ref().map_or("-", |x| x.as_str()),
            e.chassi.as_ref().map_or("-", |x| x.as_str()),
            e.tipo_crv.as_ref().map_or("-", |x| x.as_str()),
        )];
        if let Some(en) = &e.entrada_estoque {
            l.push(format!(
                "entrada: {} | NF-e de entrada: {} | termo nº {}",
                texto_recebido(en.data_hora.as_ref()),
                en.chave_nota_fiscal_entrada
                    .as_ref()
                    .map_or("-", |x| x.as_str()),
                texto_recebido(en.numero_termo_entrada_estoque.as_ref()),
            ));
        }
        if let Some(s) = &e.saida_estoque {
            l.push(format!(
                "saída: {} | motivo: {} | NF-e de saída: {} | termo nº {}",
                texto_recebido(s.data_hora.as_ref()),
                s.motivo.as_ref().map_or("-", |x| x.as_str()),
                s.chave_nota_fiscal_saida
                    .as_ref()
                    .map_or("-", |x| x.as_str()),
                texto_recebido(s.numero_termo_saida_estoque.as_ref()),
            ));
        }
        l
    }

    /// §6.1.7: aptidão (E2), the refused-authorization scenario, entrada (E3), the blank
    /// ATPV-e (E7), the seller scenario and signature (E5/E6), the negative paths, the
    /// purchase NF-e (E10), Detran's processing until `CONFIRMADO` (E12), the Termo de
    /// Entrada (E13).
    async fn entrada_ws(&mut self, v: &VeiculoPoc) -> Etapa<IdEstoque> {
        let nome = v.nome;
        let w = v.ws.clone();
        let r = self
            .ws
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidao {
                placa: Some(w.placa),
                renavam: Some(w.renavam),
                numero_crv: Some(w.numero_crv),
                tipo_crv: w.tipo_crv.clone(),
            })
            .await;
        self.exigir(
            "E2",
            format!(
                "Renave-WS: aptidão do veículo para entrada — {nome} {}",
                w.placa
            ),
            r.map_err(|e| recusa_ws(&e)),
            |a| {
                let d = a.diagnostico.as_ref();
                vec![
                    format!(
                        "veiculoApto: {} | comunicacaoComDetranFalhou: {} | resultado: {}",
                        texto_recebido(d.and_then(|d| d.veiculo_apto.as_ref())),
                        texto_recebido(a.comunicacao_com_detran_falhou.as_ref()),
                        a.resultado()
                    ),
                    format!(
                        "motivosParaNaoAptidao: {:?}",
                        d.and_then(|d| d.motivos_para_nao_aptidao.clone())
                            .unwrap_or_default()
                    ),
                    format!(
                        "existemDebitos: {}",
                        texto_recebido(
                            a.informacoes_debitos
                                .as_ref()
                                .and_then(|i| i.existem_debitos.as_ref())
                        )
                    ),
                ]
            },
        )?;

        let hoje = self.agora_ws();
        let valor_compra = Valor::parse(if v.cetmg.tipo.is_motocicleta_ou_motoneta() {
            "11000"
        } else {
            "42000"
        })
        .map_err(|_| Interrompido)?;
        let pedido = SolicitacaoEntradaEstoque {
            cpf_operador_responsavel: self.dados.cpf_operador,
            data_compra: hoje.data(),
            valor_compra,
            email_estabelecimento: Some(self.dados.email_estabelecimento.clone()),
            email_vendedor: "vendedor@example.com".to_owned(),
            veiculo: VeiculoEntradaEstoque {
                codigo_seguranca_crv: w.codigo_seguranca_crv,
                tipo_crv: w.tipo_crv.clone(),
                numero_crv: Some(w.numero_crv),
                placa: w.placa,
                renavam: w.renavam,
                quilometragem_hodometro: 52_000,
                data_hora_medicao_hodometro: hoje,
                documento_proprietario_atual: w.proprietario,
            },
        };

        // §6.1.7 2.1: an authorization refused, its pendências fetched and shown.
        if let Some(antigo) = v.numero_crv_desatualizado {
            let mut com_crv_antigo = pedido.clone();
            com_crv_antigo.veiculo.numero_crv = Some(antigo);
            self.linha(format!(
                "o lojista digitou o número de um CRV já substituído: {antigo}"
            ));
            let r = self.ws.solicitar_entrada_estoque(&com_crv_antigo).await;
            self.recusar(
                "6.1.7 2.1",
                format!("Renave-WS: entrada com CRV desatualizado — autorização recusada — {nome}"),
                Some("422"),
                r.map_err(|e| recusa_ws(&e)),
            );
            let r = self
                .ws
                .consultar_aptidao_veiculo_estoque(&ConsultaAptidao {
                    placa: Some(w.placa),
                    renavam: Some(w.renavam),
                    numero_crv: Some(antigo),
                    tipo_crv: w.tipo_crv.clone(),
                })
                .await;
            self.exigir(
                "6.1.7 2.1",
                format!("Renave-WS: pendências da recusa, mostradas ao lojista — {nome}"),
                r.map_err(|e| recusa_ws(&e)),
                |a| {
                    let motivos = a
                        .diagnostico
                        .as_ref()
                        .and_then(|d| d.motivos_para_nao_aptidao.clone())
                        .unwrap_or_default();
                    let mut l = vec![format!(
                        "veiculoApto: {}",
                        texto_recebido(
                            a.diagnostico.as_ref().and_then(|d| d.veiculo_apto.as_ref())
                        )
                    )];
                    l.extend(motivos.into_iter().map(|m| format!("pendência: {m}")));
                    l.push(
                        "o lojista corrige o número do CRV e a entrada é solicitada de novo"
                            .to_owned(),
                    );
                    l
                },
            )?;
        }

        let r = self.ws.solicitar_entrada_estoque(&pedido).await;
        let estoque = self.exigir(
            "6.1.7 1-2",
            format!("Renave-WS: solicitar entrada em estoque (E3) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |e| {
                let mut l = Self::linhas_estoque(e);
                l.push(format!(
                    "vendedor (proprietário no CRV): {}",
                    doc(&w.proprietario)
                ));
                l
            },
        )?;
        let id = estoque.id.ok_or(Interrompido)?;

        let r = self.ws.obter_pdf_atpv(&w.chassi).await;
        let atpv = self.exigir(
            "6.1.7 2.2",
            format!("Renave-WS: ATPV-e emitida para o vendedor assinar (E7) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |a| {
                vec![format!(
                    "numeroAtpv: {} | PDF: {} | XML: {}",
                    a.numero_atpv.as_deref().unwrap_or("-"),
                    a.pdf().map_or_else(
                        |e| format!("ilegível ({e})"),
                        |p| format!("{} bytes", p.len())
                    ),
                    a.xml()
                        .map_or_else(|_| "-".to_owned(), |p| format!("{} bytes", p.len())),
                )]
            },
        )?;

        // Negative: CET-MG refuses the comunicação de venda while the ATPV-e is unsigned.
        if v.procedimento == Procedimento::Vistoria {
            let r = self
                .mg
                .registrar_comunicacao_venda_entrada_estoque(&ComunicacaoVendaEntradaEstoque {
                    placa: v.cetmg.placa,
                    renavam: v.cetmg.renavam,
                    chassi: v.cetmg.chassi,
                    numero_atpve: atpv.numero_atpv.clone().unwrap_or_default(),
                })
                .await;
            self.recusar(
                "6.1.8",
                format!("Comunicação de venda com a ATPV-e AINDA NÃO assinada — {nome}"),
                Some("401"),
                r.map_err(|e| recusa_mg(&e)),
            );
        }

        // §6.1.7 3: who sells, which CRV.
        let fisico = w.tipo_crv != TipoCrv::Digital;
        let pf = matches!(w.proprietario, CpfCnpj::Cpf(_));
        let assinatura = if fisico || !pf {
            self.linha(format!(
                "vendedor: {} | CRV: {} (físico)",
                if pf {
                    "pessoa física"
                } else {
                    "pessoa jurídica"
                },
                w.tipo_crv
            ));
            self.linha(
                "instrução ao vendedor: reconheça firma da assinatura no CRV/ATPV em cartório;",
            );
            self.linha(
                "o cartório desmaterializa o documento e o documento digital do veículo é gerado",
            );
            self.registro.fechar(
                "6.1.7 3.1",
                format!("Vendedor com CRV físico: instrução de cartório — {nome}"),
                Esperado::Sucesso,
                Resultado::Sucesso,
            );
            self.linha(
                "[cartório] ATPV-e assinada de próprio punho, firma reconhecida, digitalizada",
            );
            AssinaturaVendedor::ProprioPunhoAtpve {
                foto_atpve_assinado: DocumentoBase64::codificar(
                    &atpv.pdf().unwrap_or_else(|_| PDF_DEMONSTRACAO.to_vec()),
                ),
            }
        } else {
            self.linha(format!("vendedor: pessoa física | CRV: {}", w.tipo_crv));
            self.linha("a integradora comunica o SERPRO, que envia veículo, vendedor e lojista à Carteira Digital de Trânsito (CDT)");
            let r = self
                .ws
                .consultar_ultima_assinatura_atpv(&w.placa, &w.renavam)
                .await;
            match r {
                Ok(a) => self.linha(format!(
                    "intenção de venda: {} | ATPV-e nº {}",
                    a.estado_intencao_venda.as_ref().map_or("-", |x| x.as_str()),
                    a.numero_atpve.as_deref().unwrap_or("-")
                )),
                Err(e) => self.linha(format!(
                    "E6 ainda sem assinatura: {}",
                    recusa_ws(&e).mensagem
                )),
            }
            self.registro.fechar(
                "6.1.7 3.2",
                format!("Vendedor PF com CRV digital: fluxo CDT — {nome}"),
                Esperado::Sucesso,
                Resultado::Sucesso,
            );
            self.linha(
                "[simulação] o vendedor assina a ATPV-e na CDT (assinatura sobre o XML da ATPV-e)",
            );
            let mut assinado = b"ASSINATURA SIMULADA CDT\n".to_vec();
            assinado.extend(atpv.xml().unwrap_or_default());
            AssinaturaVendedor::QualificadaP7sSobreXmlAtpve {
                assinatura_qualificada_p7s: DocumentoBase64::codificar(&assinado),
            }
        };
        let r = self
            .ws
            .enviar_assinatura_vendedor_atpv(&EnvioAssinaturaVendedor {
                id_estoque: id,
                assinatura,
            })
            .await;
        self.exigir(
            if fisico { "6.1.7 3.1" } else { "6.1.7 3.2.3" },
            format!("Renave-WS: assinatura do vendedor na ATPV-e (E5) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |c| vec![format!("HTTP {} (corpo vazio é o sucesso)", c.status)],
        )?;
        let r = self
            .ws
            .consultar_ultima_assinatura_atpv(&w.placa, &w.renavam)
            .await;
        self.exigir(
            "E6",
            format!("Renave-WS: última assinatura da ATPV-e — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |a| {
                vec![format!(
                    "ATPV-e nº {} | intenção de venda: {} | tipo de assinatura: {} | registrada em {}",
                    a.numero_atpve.as_deref().unwrap_or("-"),
                    a.estado_intencao_venda.as_ref().map_or("-", |x| x.as_str()),
                    a.tipo_assinatura_vendedor.as_ref().map_or("-", |x| x.as_str()),
                    texto_opcional(a.data_hora_registro_assinatura_vendedor.as_ref()),
                )]
            },
        )?;

        // Negative: no saída before CONFIRMADO.
        if v.procedimento == Procedimento::Vistoria {
            let pedido = self.saida_pedido(v, w.codigo_seguranca_crv)?;
            let r = self.ws.solicitar_saida_estoque(&pedido).await;
            self.recusar(
                "6.2.3",
                format!("Renave-WS: saída ANTES de CONFIRMADO — {nome}"),
                Some("422"),
                r.map_err(|e| recusa_ws(&e)),
            );
        }

        let r = self
            .ws
            .enviar_nota_fiscal(&EnvioNotaFiscal {
                chave_nota_fiscal: v.chave_nfe_compra,
                evento: EventoNotaFiscal::Compra,
                id_estoque: id,
            })
            .await;
        self.exigir(
            "E10",
            format!(
                "Renave-WS: NF-e de COMPRA {} (E10) — {nome}",
                v.chave_nfe_compra
            ),
            r.map_err(|e| recusa_ws(&e)),
            |c| vec![format!("HTTP {}", c.status)],
        )?;

        self.aguardar_confirmado(id, nome).await?;

        let r = self.ws.obter_termo_entrada_estoque(id).await;
        self.exigir(
            "6.1.7 3.2.4",
            format!("Renave-WS: Termo de Entrada em Estoque (E13) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |t| {
                vec![format!(
                    "termo nº {} | PDF: {}",
                    texto_recebido(t.numero_termo_entrada_estoque.as_ref()),
                    t.pdf_base64
                        .as_ref()
                        .and_then(|p| p.pdf("pdfBase64").ok())
                        .map_or_else(|| "-".to_owned(), |p| format!("{} bytes", p.len()))
                )]
            },
        )?;
        Ok(id)
    }

    /// The simulated (or real) Brasília time of Renave-WS.
    fn agora_ws(&self) -> DataHora {
        self.sim()
            .map_or_else(DataHora::agora_brasilia, |s| s.ws.agora())
    }

    /// Detran's asynchronous processing: `TRANSFERIDO`, then `CONFIRMADO` (E12).
    async fn aguardar_confirmado(&mut self, id: IdEstoque, nome: &str) -> Etapa<()> {
        if let Bastidores::Homologacao { espera } = &self.bastidores {
            let espera = *espera;
            self.linha(format!(
                "aguardando o Detran (consulta E12 com intervalo crescente, até {} s)",
                espera.prazo.as_secs()
            ));
            let r = aguardar_estado(&self.ws, id, &[EstadoEstoque::Confirmado], &espera).await;
            self.exigir(
                "6.1.7 2.2",
                format!("Renave-WS: consultar estoque até CONFIRMADO (E12) — {nome}"),
                r.map_err(|e| recusa_ws(&e)),
                Self::linhas_estoque,
            )?;
            return Ok(());
        }
        for (minutos, estado) in [
            (1, EstadoEstoque::Transferido),
            (4, EstadoEstoque::Confirmado),
        ] {
            if let Some(s) = self.sim() {
                s.ws.avancar_relogio(Duration::from_secs(minutos * 60));
            }
            self.linha(format!(
                "[simulador] o Detran processa: relógio simulado +{minutos} min"
            ));
            let r = self
                .ws
                .consultar_estoque(id)
                .await
                .map_err(|e| recusa_ws(&e))
                .and_then(|e| {
                    if e.estado.as_ref() == Some(&estado) {
                        Ok(e)
                    } else {
                        Err(Recusa {
                            codigo: None,
                            mensagem: format!(
                                "estado {} em vez de {}",
                                e.estado.as_ref().map_or("-", |x| x.as_str()),
                                estado.as_str()
                            ),
                        })
                    }
                });
            self.exigir(
                "6.1.7 2.2",
                format!(
                    "Renave-WS: consultar estoque até {} (E12) — {nome}",
                    estado.as_str()
                ),
                r,
                Self::linhas_estoque,
            )?;
        }
        Ok(())
    }

    /// The signed ATPV-e number CET-MG knows (SERPRO forwards the signed ATPV-e to CET-MG,
    /// R §6.1.7 3.2.4, §6.2.3 4): the number Renave-WS gave (E6, or the saída's ATPV-e E7).
    /// In the simulation the two simulators are one world: the step checks that the CET-MG
    /// simulator received that same number (no manual knob).
    async fn atpve_assinada_cetmg(
        &mut self,
        v: &VeiculoPoc,
        secao: &'static str,
        numero_ws: Option<String>,
    ) -> Etapa<String> {
        let r = match numero_ws {
            Some(n) => Some(n),
            None => self
                .ws
                .consultar_ultima_assinatura_atpv(&v.ws.placa, &v.ws.renavam)
                .await
                .ok()
                .and_then(|a| a.numero_atpve),
        };
        let na_cetmg = self.sim().map(|s| s.cetmg.atpve_assinada(&v.cetmg.chassi));
        let resultado = match (&r, &na_cetmg) {
            (None, _) => Resultado::Recusado {
                codigo: None,
                mensagem: "sem número de ATPV-e assinada".to_owned(),
            },
            (Some(n), None) => {
                self.linha(format!(
                    "ATPV-e assinada nº {n} (Renave-WS), encaminhada pelo SERPRO à CET-MG"
                ));
                Resultado::Sucesso
            }
            (Some(n), Some(Some(m))) if m == n => {
                self.linha(format!(
                    "[simulador] SERPRO encaminhou a ATPV-e assinada nº {n} (Renave-WS) à CET-MG, que a conhece com o mesmo número"
                ));
                Resultado::Sucesso
            }
            (Some(n), Some(m)) => Resultado::Recusado {
                codigo: None,
                mensagem: format!(
                    "a CET-MG simulada conhece a ATPV-e nº {}, não a nº {n} do Renave-WS",
                    m.as_deref().unwrap_or("-")
                ),
            },
        };
        let p = self.registro.fechar(
            secao,
            format!("ATPV-e assinada encaminhada à CET-MG — {}", v.nome),
            Esperado::Sucesso,
            resultado,
        );
        if !p.conforme() {
            return Err(Interrompido);
        }
        r.ok_or(Interrompido)
    }

    // -----------------------------------------------------------------------------------------
    // §6.2 saída and §7
    // -----------------------------------------------------------------------------------------

    fn saida_pedido(
        &self,
        v: &VeiculoPoc,
        codigo: CodigoSegurancaCrv,
    ) -> Etapa<SolicitacaoSaidaEstoque> {
        let municipio = self.municipio_ws.ok_or(Interrompido)?;
        let endereco = EnderecoComprador {
            codigo_municipio: municipio,
            cep: "30130000".parse().map_err(|_| Interrompido)?,
            logradouro: Logradouro::new("Rua da Bahia").map_err(|_| Interrompido)?,
            numero: "500".to_owned(),
            bairro: Bairro::new("Centro").map_err(|_| Interrompido)?,
            complemento: None,
        };
        Ok(SolicitacaoSaidaEstoque {
            data_venda: self.agora_ws().data(),
            valor_venda: Valor::parse(if v.cetmg.tipo.is_motocicleta_ou_motoneta() {
                "12000"
            } else {
                "45000"
            })
            .map_err(|_| Interrompido)?,
            cpf_operador_responsavel: self.dados.cpf_operador,
            email_estabelecimento: self.dados.email_estabelecimento.clone(),
            comprador: Comprador {
                documento: CpfCnpj::from(self.dados.cpf_comprador),
                nome: "Comprador da POC".to_owned(),
                email: "comprador@example.com".to_owned(),
                endereco,
            },
            veiculo: VeiculoSaidaEstoque {
                codigo_seguranca_crv: codigo,
                numero_crv: None,
                placa: v.ws.placa,
                renavam: v.ws.renavam,
            },
        })
    }

    /// The whole saída of one vehicle (§6.2.1–§6.2.4), the Protocolo Digital (§7) and the
    /// ficha de cadastro with its laudo check.
    pub(crate) async fn saida(&mut self, v: &VeiculoPoc, em_estoque: &EmEstoque) -> Etapa<()> {
        let nome = v.nome;
        let loja = CpfCnpj::from(self.dados.cnpj_estabelecimento);
        let comprador = CpfCnpj::from(self.dados.cpf_comprador);
        self.aptidao_cetmg(
            "6.2.1",
            format!(
                "Aptidão para saída (veículo apto) — {nome} {}",
                v.cetmg.chassi
            ),
            &v.cetmg,
            loja,
        )
        .await?;
        self.registrar_solicitacao(
            &VeiculoCetMg {
                proprietario: loja,
                ..v.cetmg.clone()
            },
            comprador,
            nome,
        )
        .await?;

        // Renave-WS §7.2: the new CRV code, the saída, the sale NF-e, the sale ATPV-e, the termo.
        let r = self.ws.obter_crlve(&v.ws.placa, &v.ws.renavam).await;
        let crlve = self.exigir(
            "E18",
            format!("Renave-WS: CRLV-e com o novo código de segurança do CRV — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |c| {
                vec![format!(
                    "CRV nº {} | emissão: {} | estabelecimento: {} | PDF CRLV-e: {} | PDF do código: {}",
                    c.numero.as_deref().unwrap_or("-"),
                    c.data_emissao.as_deref().unwrap_or("-"),
                    c.cnpj_estabelecimento.as_ref().map_or("-", |x| x.as_str()),
                    c.pdf().map_or_else(|_| "-".to_owned(), |p| format!("{} bytes", p.len())),
                    c.pdf_codigo_seguranca_crv()
                        .map_or_else(|_| "-".to_owned(), |p| format!("{} bytes", p.len())),
                )]
            },
        )?;
        let lido = crlve
            .pdf_codigo_seguranca_crv()
            .ok()
            .and_then(|p| codigo_no_pdf(&p));
        if lido.is_none() && v.codigo_crv_novo.is_some() {
            self.linha("o PDF não tem texto legível: o lojista digita o código impresso nele");
        }
        let Some(codigo) = lido.or(v.codigo_crv_novo) else {
            self.registro.fechar(
                "E18",
                format!("Ler o novo código de segurança no PDF — {nome}"),
                Esperado::Sucesso,
                Resultado::Recusado {
                    codigo: None,
                    mensagem: "código de segurança não encontrado no PDF".to_owned(),
                },
            );
            return Err(Interrompido);
        };
        let visivel: String = codigo
            .as_str()
            .chars()
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        self.linha(format!(
            "novo código de segurança lido do PDF: *********{visivel} (o CRV foi reemitido ao estabelecimento)"
        ));
        self.registro.fechar(
            "E18",
            format!("Ler o novo código de segurança no PDF — {nome}"),
            Esperado::Sucesso,
            Resultado::Sucesso,
        );
        let pedido = self.saida_pedido(v, codigo)?;
        let r = self.ws.solicitar_saida_estoque(&pedido).await;
        self.exigir(
            "6.2.3 1-2",
            format!("Renave-WS: solicitar saída do estoque (E15) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |e| {
                let mut l = Self::linhas_estoque(e);
                l.push(format!("comprador: {}", doc(&comprador)));
                l
            },
        )?;
        let r = self
            .ws
            .enviar_nota_fiscal(&EnvioNotaFiscal {
                chave_nota_fiscal: v.chave_nfe_venda,
                evento: EventoNotaFiscal::Venda,
                id_estoque: em_estoque.id_estoque_ws,
            })
            .await;
        self.exigir(
            "6.2.3 3",
            format!(
                "Renave-WS: NF-e de VENDA {} (E10) — {nome}",
                v.chave_nfe_venda
            ),
            r.map_err(|e| recusa_ws(&e)),
            |c| vec![format!("HTTP {}", c.status)],
        )?;
        let r = self.ws.obter_pdf_atpv(&v.ws.chassi).await;
        let atpv_venda = self.exigir(
            "6.2.3 2.2",
            format!("Renave-WS: ATPV-e de venda emitida (E7) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |a| {
                vec![format!(
                    "numeroAtpv: {} | PDF: {}",
                    a.numero_atpv.as_deref().unwrap_or("-"),
                    a.pdf()
                        .map_or_else(|_| "-".to_owned(), |p| format!("{} bytes", p.len())),
                )]
            },
        )?;
        let r = self
            .ws
            .obter_termo_saida_estoque(em_estoque.id_estoque_ws)
            .await;
        self.exigir(
            "6.2.3 3",
            format!("Renave-WS: Termo de Saída de Estoque (E16) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            |t| {
                vec![format!(
                    "termo nº {} | PDF: {}",
                    texto_recebido(t.numero_termo_saida_estoque.as_ref()),
                    t.pdf_base64
                        .as_ref()
                        .and_then(|p| p.pdf("pdfBase64").ok())
                        .map_or_else(|| "-".to_owned(), |p| format!("{} bytes", p.len()))
                )]
            },
        )?;
        let r = self.ws.consultar_estoque(em_estoque.id_estoque_ws).await;
        self.exigir(
            "E12",
            format!("Renave-WS: estoque após a venda (E12) — {nome}"),
            r.map_err(|e| recusa_ws(&e)),
            Self::linhas_estoque,
        )?;

        // §6.2.4 comunicação de venda de saída.
        let numero = self
            .atpve_assinada_cetmg(v, "6.2.3 4", atpv_venda.numero_atpv.clone())
            .await?;
        let r = self
            .mg
            .registrar_comunicacao_venda_saida_estoque(&ComunicacaoVendaSaidaEstoque {
                id_estoque: em_estoque.id_estoque_cetmg.clone(),
                cpf_cnpj_comprador: comprador,
                placa: v.cetmg.placa,
                renavam: v.cetmg.renavam,
                chassi: v.cetmg.chassi,
                numero_atpve: numero.clone(),
            })
            .await;
        self.exigir(
            "6.2.4",
            format!(
                "Comunicação de venda de saída (estoque {}, ATPV-e {numero}) — {nome}",
                em_estoque.id_estoque_cetmg
            ),
            r.map_err(|e| recusa_mg(&e)),
            |ok| vec![envelope(&ok.retorno)],
        )?;

        // §6.2.3 items 5–6 and §7: Protocolo Digital and the ficha de cadastro.
        self.protocolo_e_ficha(v, comprador).await
    }

    fn processo(
        &self,
        v: &VeiculoCetMg,
        adquirente: CpfCnpj,
        taxi: bool,
    ) -> Option<ProcessoTransferencia> {
        Some(ProcessoTransferencia {
            placa: v.placa,
            chassi: v.chassi,
            renavam: v.renavam,
            marca_modelo: v.marca_modelo.clone(),
            cpf_cnpj_solicitante: CpfCnpj::from(self.dados.cnpj_estabelecimento),
            nome_solicitante: self.dados.nome_estabelecimento.clone(),
            email_solicitante: self.dados.email_estabelecimento.clone(),
            telefone_solicitante: self.dados.telefone_estabelecimento.clone(),
            nome_adquirente: "Comprador da POC".to_owned(),
            cpf_cnpj_adquirente: adquirente,
            logradouro_adquirente: "Rua da Bahia".to_owned(),
            numero_adquirente: "500".to_owned(),
            complemento_adquirente: None,
            bairro_adquirente: "Centro".to_owned(),
            cep_adquirente: "30130000".parse().ok()?,
            codigo_ibge_municipio_adquirente: "3106200".parse().ok()?,
            nome_municipio_adquirente: "Belo Horizonte".to_owned(),
            uf_adquirente: Uf::Mg,
            atividade: if taxi {
                Atividade::Taxi
            } else {
                Atividade::Outros
            },
            categoria: if taxi {
                Categoria::Aluguel
            } else {
                self.tabelas.as_ref()?.categoria.clone()
            },
            codigo_tipo_veiculo: None,
            tipo_veiculo: v.tipo.clone(),
            isencao_ipva: false,
            alterar_endereco: false,
            alterar_nome: false,
            alterar_cor: false,
            alterar_caracteristicas_tecnicas: false,
            instalar_bascula: false,
            alterar_eixo: false,
            determinacao_judicial: false,
            inserir_comodato: false,
            tipo_documento_adquirente: None,
            documentos_anexados: if taxi {
                vec![DocumentoId::AutorizacaoPoderPublico]
            } else {
                Vec::new()
            },
        })
    }

    /// §7.1 criar processo, §7.2 recuperar protocolo, §7.3 regularizar a pendência (first
    /// without the required document: blocked), §7.4 listar, then §6.2.3 6 / §7.5 the ficha de
    /// cadastro after the laudo check.
    async fn protocolo_e_ficha(&mut self, v: &VeiculoPoc, comprador: CpfCnpj) -> Etapa<()> {
        let nome = v.nome;
        let loja = CpfCnpj::from(self.dados.cnpj_estabelecimento);
        // The car's buyer is a taxi driver: §7.3 requires document 284.
        let taxi = v.procedimento == Procedimento::Vistoria;
        let processo = self
            .processo(&v.cetmg, comprador, taxi)
            .ok_or(Interrompido)?;
        let exigidos: Vec<String> =
            renave::domain::documentos_exigidos(&processo.condicoes_documentos())
                .iter()
                .map(ToString::to_string)
                .collect();
        self.linha(format!(
            "atividade: {} | categoria: {} | documentos exigidos (§7.3): {}",
            processo.atividade,
            processo.categoria,
            if exigidos.is_empty() {
                "nenhum".to_owned()
            } else {
                exigidos.join("; ")
            }
        ));
        let r = self.mg.criar_processo_transferencia(&processo).await;
        let criado = self.exigir(
            "7.1",
            format!("Protocolo Digital: criar processo de transferência — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |c| {
                let mut l = vec![
                    envelope(&c.retorno),
                    format!(
                        "número de protocolo: {}",
                        texto_opcional(c.numero_protocolo.as_ref())
                    ),
                ];
                if let Some(p) = c.extras.get("pendencias") {
                    l.push(format!("pendências: {}", mascarar(p)));
                }
                l
            },
        )?;
        let protocolo = criado.numero_protocolo.clone().ok_or(Interrompido)?;
        let r = self
            .mg
            .recuperar_protocolo_renave(&ConsultaProtocoloRenave::new(
                v.cetmg.chassi,
                loja,
                comprador,
            ))
            .await;
        let recuperado = self.exigir(
            "7.2",
            format!("Protocolo Digital: recuperar protocolo — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |p| {
                let mut l = vec![
                    envelope(&p.retorno),
                    format!(
                        "protocolo: {} | iniciador: {} | placa: {} | chassi: {} | comprador: {} | tarefa: {}",
                        texto_opcional(p.numero_protocolo.as_ref()),
                        p.cpf_cnpj_iniciador.as_ref().and_then(|x| x.valor().ok()).map_or("-".to_owned(), doc),
                        p.placa.as_ref().map_or("-".into(), |x| x.texto()),
                        p.chassi.as_ref().map_or("-".into(), |x| x.texto()),
                        p.cpf_cnpj_comprador.as_ref().and_then(|x| x.valor().ok()).map_or("-".to_owned(), doc),
                        p.tipo_tarefa.as_deref().unwrap_or("-"),
                    ),
                ];
                if let Some(serde_json::Value::Array(ps)) = p.extras.get("pendencias") {
                    for x in ps {
                        l.push(format!("pendência: {}", mascarar(x)));
                    }
                }
                l
            },
        )?;
        let pendencia = recuperado
            .extras
            .get("pendencias")
            .and_then(|p| p.get(0))
            .and_then(|p| p.get("numero_pendencia"))
            .and_then(|n| serde_json::from_value::<Identificador>(n.clone()).ok());
        if taxi {
            let pendencia = pendencia.ok_or(Interrompido)?;
            // The lojista attaches an identity document, not the authorization §7.3 requires.
            let sem_documento = RegularizacaoPendencia {
                numero_pendencia: pendencia.clone(),
                numero_protocolo: protocolo.clone(),
                cpf_cnpj_remetente: loja,
                mensagem: "Regularização da pendência".to_owned(),
                documentos_anexados: vec![DocumentoAnexo {
                    tipo_documento: DocumentoId::DocumentacaoIdentificacao,
                    nome: "identidade.pdf".to_owned(),
                    arquivo: PDF_DEMONSTRACAO.to_vec(),
                }],
                condicoes: processo.condicoes_documentos(),
            };
            let r = self.mg.regularizar_pendencia_renave(&sem_documento).await;
            self.recusar(
                "7.3",
                format!("Regularizar pendência sem o documento 284 exigido (só o 35) — {nome}"),
                Some("cliente"),
                r.map_err(|e| recusa_mg(&e)),
            );
            let r = self
                .mg
                .regularizar_pendencia_renave(&RegularizacaoPendencia {
                    mensagem: "Autorização do poder concedente (táxi)".to_owned(),
                    documentos_anexados: vec![DocumentoAnexo {
                        tipo_documento: DocumentoId::AutorizacaoPoderPublico,
                        nome: "autorizacao-taxi.pdf".to_owned(),
                        arquivo: PDF_DEMONSTRACAO.to_vec(),
                    }],
                    ..sem_documento
                })
                .await;
            self.exigir(
                "7.3",
                format!("Regularizar pendência com o documento 284 (PDF) — {nome}"),
                r.map_err(|e| recusa_mg(&e)),
                |ok| vec![envelope(&ok.retorno)],
            )?;
        } else if let Some(pendencia) = pendencia {
            // No §7.3 document is required for this buyer: the pendência is regularised with
            // the buyer's identity document.
            let r = self
                .mg
                .regularizar_pendencia_renave(&RegularizacaoPendencia {
                    numero_pendencia: pendencia,
                    numero_protocolo: protocolo.clone(),
                    cpf_cnpj_remetente: loja,
                    mensagem: "Documento de identificação do comprador".to_owned(),
                    documentos_anexados: vec![DocumentoAnexo {
                        tipo_documento: DocumentoId::DocumentacaoIdentificacao,
                        nome: "identidade.pdf".to_owned(),
                        arquivo: PDF_DEMONSTRACAO.to_vec(),
                    }],
                    condicoes: processo.condicoes_documentos(),
                })
                .await;
            self.exigir(
                "7.3",
                format!(
                    "Regularizar pendência (nenhum documento exigido pelo §7.3; identidade do comprador em PDF) — {nome}"
                ),
                r.map_err(|e| recusa_mg(&e)),
                |ok| vec![envelope(&ok.retorno)],
            )?;
        }
        let r = self
            .mg
            .listar_veiculos_comunicacao_venda(&ConsultaVeiculosComunicacaoVenda {
                cpf_cnpj_proprietario: v.cetmg.proprietario,
            })
            .await;
        self.exigir(
            "7.4",
            format!(
                "Protocolo Digital: veículos com comunicação de venda de {} — {nome}",
                doc(&v.cetmg.proprietario)
            ),
            r.map_err(|e| recusa_mg(&e)),
            |l| {
                let mut s = vec![envelope(&l.retorno)];
                for x in &l.dados {
                    s.push(format!(
                        "placa: {} | chassi: {} | renavam: {} | data: {} | status: {}",
                        x.placa.as_ref().map_or("-".into(), |y| y.texto()),
                        x.chassi.as_ref().map_or("-".into(), |y| y.texto()),
                        x.renavam.as_ref().map_or("-".into(), |y| y.texto()),
                        x.data_comunicacao_venda
                            .as_ref()
                            .map_or("-".into(), |y| y.texto()),
                        x.status_comunicacao.as_deref().unwrap_or("-"),
                    ));
                }
                s
            },
        )?;

        // §6.2.3 6: the laudo decides whether the ficha goes or a new vistoria is needed.
        let valido = self.laudo_valido(v.cetmg.chassi, comprador, nome).await?;
        let ficha = UploadFichaCadastro {
            numero_protocolo: protocolo,
            tipo_documento: DocumentoId::from("1"),
            cpf_cnpj_remetente: loja,
            mensagem: "Ficha de cadastro do veículo".to_owned(),
            nome: "ficha-cadastro.pdf".to_owned(),
            arquivo: PDF_DEMONSTRACAO.to_vec(),
        };
        if !valido {
            self.linha("sem laudo válido (até 120 dias): a integradora exibe a necessidade de NOVA VISTORIA (itens 5.7 e 5.11)");
            let r = self.mg.upload_documento_ficha_cadastro(&ficha).await;
            self.recusar(
                "6.2.3 6.1",
                format!("Ficha de cadastro sem laudo válido — {nome}"),
                None,
                r.map_err(|e| recusa_mg(&e)),
            );
            self.vistoria_realizada(v, comprador).await?;
        }
        let r = self.mg.upload_documento_ficha_cadastro(&ficha).await;
        self.exigir(
            "6.2.3 6.2",
            format!("Upload da ficha de cadastro (laudo ≤ 120 dias) — {nome}"),
            r.map_err(|e| recusa_mg(&e)),
            |ok| vec![envelope(&ok.retorno)],
        )?;
        Ok(())
    }

    /// §5.9 last laudo and its 120-day validity; `false` when there is none or it expired.
    async fn laudo_valido(
        &mut self,
        chassi: Chassi,
        comprador: CpfCnpj,
        nome: &str,
    ) -> Etapa<bool> {
        let hoje = Data::hoje_brasilia();
        let r = self
            .mg
            .consultar_ultimo_laudo(&CompradorChassi::new(comprador, chassi))
            .await;
        let (valido, linhas) = match &r {
            Ok(l) => match l.validade_em(hoje) {
                Some(Ok(s)) => (
                    s.is_dentro_do_prazo(),
                    vec![
                        envelope(&l.retorno),
                        format!(
                            "laudo nº {} emitido em {}: {} dias decorridos, válido até {} — {}",
                            texto_opcional(l.numero_laudo.as_ref()),
                            s.inicio,
                            s.dias_decorridos,
                            s.ultimo_dia,
                            if s.is_dentro_do_prazo() {
                                "VÁLIDO"
                            } else {
                                "VENCIDO (mais de 120 dias)"
                            }
                        ),
                    ],
                ),
                _ => (
                    false,
                    vec![envelope(&l.retorno), "sem data de emissão".to_owned()],
                ),
            },
            Err(e) => (false, vec![format!("sem laudo: {}", recusa_mg(e).mensagem)]),
        };
        for l in linhas {
            self.linha(l);
        }
        // A lookup that finds no laudo (501) is an answer, not a failure of the POC.
        let resultado = match r {
            Ok(_) => Resultado::Sucesso,
            Err(e) if e.codigo_retorno() == Some("501") => Resultado::Sucesso,
            Err(e) => {
                let x = recusa_mg(&e);
                Resultado::Recusado {
                    codigo: x.codigo,
                    mensagem: x.mensagem,
                }
            }
        };
        let p = self.registro.fechar(
            "6.2.3 6",
            format!("Validade do laudo para a ficha de cadastro — {nome}"),
            Esperado::Sucesso,
            resultado,
        );
        if p.conforme() {
            Ok(valido)
        } else {
            Err(Interrompido)
        }
    }

    /// §6.2.3 6.1 with a vehicle whose laudo is over 120 days old: the ficha is refused and a
    /// new vistoria is required.
    pub(crate) async fn laudo_vencido(&mut self, v: &VeiculoCetMg) -> Etapa<()> {
        let comprador = CpfCnpj::from(self.dados.cpf_comprador);
        let nome = "veículo em estoque com laudo antigo";
        let valido = self.laudo_valido(v.chassi, comprador, nome).await?;
        if valido {
            return Err(Interrompido);
        }
        self.linha("laudo com mais de 120 dias: a integradora exibe a necessidade de NOVA VISTORIA (itens 5.7 e 5.11)");
        let processo = self.processo(v, comprador, false).ok_or(Interrompido)?;
        let r = self.mg.criar_processo_transferencia(&processo).await;
        let criado = self.exigir(
            "7.1",
            format!("Protocolo Digital: criar processo — {} {}", nome, v.chassi),
            r.map_err(|e| recusa_mg(&e)),
            |c| {
                vec![
                    envelope(&c.retorno),
                    format!(
                        "número de protocolo: {}",
                        texto_opcional(c.numero_protocolo.as_ref())
                    ),
                ]
            },
        )?;
        let r = self
            .mg
            .upload_documento_ficha_cadastro(&UploadFichaCadastro {
                numero_protocolo: criado.numero_protocolo.clone().ok_or(Interrompido)?,
                tipo_documento: DocumentoId::from("1"),
                cpf_cnpj_remetente: CpfCnpj::from(self.dados.cnpj_estabelecimento),
                mensagem: "Ficha de cadastro do veículo".to_owned(),
                nome: "ficha-cadastro.pdf".to_owned(),
                arquivo: PDF_DEMONSTRACAO.to_vec(),
            })
            .await;
        self.recusar(
            "6.2.3 6.1",
            format!(
                "Ficha de cadastro com laudo de mais de 120 dias — {}",
                v.chassi
            ),
            Some("502"),
            r.map_err(|e| recusa_mg(&e)),
        );
        Ok(())
    }
}
