//! The run (*roteiro*) over the two clients — [`ClienteCetMg`] and [`ClienteRenaveWs`] — for a
//! car and a motorcycle, the negative paths included: its input, what stands for the outside
//! world ([`Bastidores`]), the helpers every step uses, the whole sequence
//! ([`Roteiro::executar`]) and the preparation (credentials, tabelas auxiliares).
//!
//! The same sequence runs against the in-process simulators (the default, used by
//! `cargo run --example poc` and by the root tests) and against homologação. What only the
//! outside world can do (pay a DAE, do a vistoria at an ECV, let Detran process a transfer)
//! goes through [`Bastidores`]: the simulators' control knobs, or, in homologação, waiting or
//! an "external action" step. Every printed value comes from a client call's answer.

#[allow(clippy::wildcard_imports)]
use crate::prelude::*;

/// The statement the lojista ticks when choosing the identification form instead of the
/// vistoria (R §6.1.4).
pub const DECLARACAO_FORMULARIO: &str = "Este estabelecimento se responsabiliza pelas informações de identificação do veículo que foram prestadas.";

/// A minimal valid PDF: the "signed document", ficha de cadastro or authorization the POC
/// uploads (the simulators and the APIs accept PDFs only).
pub const PDF_DEMONSTRACAO: &[u8] = amostras_mg::PDF;

// ---------------------------------------------------------------------------------------------
// Input data
// ---------------------------------------------------------------------------------------------

/// A vehicle as the CET-MG API knows it.
#[derive(Debug, Clone)]
pub struct VeiculoCetMg {
    /// Chassi (VIN).
    pub chassi: Chassi,
    /// Placa.
    pub placa: Placa,
    /// RENAVAM.
    pub renavam: Renavam,
    /// The current owner (the seller at the entrada).
    pub proprietario: CpfCnpj,
    /// Vehicle type (RENAVAM code: 06 automóvel, 04 motocicleta).
    pub tipo: TipoVeiculo,
    /// Marca/modelo code.
    pub marca_modelo: String,
}

impl VeiculoCetMg {
    /// The vehicle as the sample requests of the CET-MG client take it.
    pub fn amostra(&self) -> amostras_mg::Veiculo {
        amostras_mg::Veiculo {
            chassi: self.chassi,
            placa: self.placa,
            renavam: self.renavam,
            tipo: self.tipo.clone(),
            marca_modelo: self.marca_modelo.clone(),
        }
    }
}

/// A vehicle as Renave-WS knows it (the CRV data the lojista types in).
#[derive(Debug, Clone)]
pub struct VeiculoWs {
    /// Chassi (VIN), the same as on CET-MG.
    pub chassi: Chassi,
    /// Placa.
    pub placa: Placa,
    /// RENAVAM.
    pub renavam: Renavam,
    /// CRV number (*número do CRV*).
    pub numero_crv: NumeroCrv,
    /// CRV security code (*código de segurança do CRV*).
    pub codigo_seguranca_crv: CodigoSegurancaCrv,
    /// CRV kind (azul, verde, branco, digital).
    pub tipo_crv: TipoCrv,
    /// The seller (owner in the CRV).
    pub proprietario: CpfCnpj,
}

impl VeiculoWs {
    /// The vehicle as the sample requests of the Renave-WS client take it.
    pub fn amostra(&self) -> amostras_ws::Veiculo {
        amostras_ws::Veiculo {
            placa: self.placa,
            renavam: self.renavam,
            numero_crv: self.numero_crv,
            codigo_seguranca_crv: self.codigo_seguranca_crv,
            tipo_crv: self.tipo_crv.clone(),
            proprietario: self.proprietario,
        }
    }
}

/// How the entrada is identified (R §6.1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Procedimento {
    /// Vistoria (DAE 64, distribution to an ECV, booking).
    Vistoria,
    /// The identification form with the responsibility statement.
    Formulario,
}

/// One vehicle of the POC (a car, a motorcycle): its identity on each API (the SAME vehicle:
/// chassi, placa, RENAVAM and owner agree; Renave-WS adds the CRV data), the procedure chosen at
/// the entrada and the NF-e keys of its purchase and sale.
#[derive(Debug, Clone)]
pub struct VeiculoPoc {
    /// "carro", "motocicleta".
    pub nome: &'static str,
    /// Its identity on CET-MG.
    pub cetmg: VeiculoCetMg,
    /// Its identity on Renave-WS (with the CRV data).
    pub ws: VeiculoWs,
    /// The entrada procedure chosen (R §6.1.4).
    pub procedimento: Procedimento,
    /// NF-e key of the purchase (E10, evento COMPRA).
    pub chave_nfe_compra: ChaveNfe,
    /// NF-e key of the sale (E10, evento VENDA).
    pub chave_nfe_venda: ChaveNfe,
    /// An outdated CRV number (a CRV re-issued since): the entrada with it is refused, showing
    /// the "autorização recusada" scenario of R §6.1.7 2.1. `None` skips that scenario.
    pub numero_crv_desatualizado: Option<NumeroCrv>,
    /// The CRV security code issued to the establishment at `CONFIRMADO`, typed in by the
    /// lojista when the CRLV-e PDF has no readable text (homologação); `None` reads it from
    /// the PDF.
    pub codigo_crv_novo: Option<CodigoSegurancaCrv>,
}

/// Everything the POC sends that the lojista would type in.
#[derive(Debug, Clone)]
pub struct DadosPoc {
    /// The establishment on the CET-MG side.
    pub cnpj_estabelecimento: Cnpj,
    /// Its name (razão social).
    pub nome_estabelecimento: String,
    /// Its e-mail.
    pub email_estabelecimento: String,
    /// Its telephone.
    pub telefone_estabelecimento: String,
    /// `cpfOperadorResponsavel` of the Renave-WS requests.
    pub cpf_operador: Cpf,
    /// The private buyer of the saídas.
    pub cpf_comprador: Cpf,
    /// The car (vistoria branch, physical CRV).
    pub carro: VeiculoPoc,
    /// The motorcycle (formulário branch, digital CRV).
    pub moto: VeiculoPoc,
    /// Non-apto vehicles (chassi, owner) for §6.1.1.
    pub nao_aptos: Vec<(Chassi, CpfCnpj)>,
    /// A vehicle in stock whose last laudo is over 120 days old (§6.2.3 6.1), if any.
    pub laudo_vencido: Option<VeiculoCetMg>,
}
/// What happens outside the SDK.
#[derive(Debug)]
pub enum Bastidores {
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
pub struct Interrompido;

/// What a step gives the next ones, or [`Interrompido`] when the flow of that vehicle stops.
pub type Etapa<T> = Result<T, Interrompido>;

/// A refusal as shown on screen: the code and the message.
#[derive(Debug, Clone)]
pub(crate) struct Recusa {
    pub(crate) codigo: Option<String>,
    pub(crate) mensagem: String,
}

pub(crate) fn recusa_mg(e: &renave_mg_client::Erro) -> Recusa {
    let codigo = match e {
        renave_mg_client::Erro::DocumentosFaltantes { .. }
        | renave_mg_client::Erro::EntradaInvalida { .. } => Some("cliente".to_owned()),
        _ => e
            .codigo_retorno()
            .map(str::to_owned)
            .or_else(|| e.codigo_gateway().map(str::to_owned)),
    };
    let mensagem = match e {
        renave_mg_client::Erro::DocumentosFaltantes { faltantes, .. } => format!(
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

pub(crate) fn recusa_ws(e: &ErroWs) -> Recusa {
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
pub(crate) fn doc(d: &CpfCnpj) -> String {
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
pub(crate) fn mascarar(v: &serde_json::Value) -> serde_json::Value {
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
pub(crate) fn envelope(r: &Retorno) -> String {
    format!(
        "codigo_retorno: {} | mensagem: {}",
        r.codigo_retorno.as_deref().unwrap_or("-"),
        r.mensagem().unwrap_or("-")
    )
}

pub(crate) fn texto_opcional<T: std::fmt::Display>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_owned(), |x| x.to_string())
}

/// A field read tolerantly: its value, or the text as received (CPFs masked) marked as not
/// understood (issue 12), or `-`.
pub(crate) fn texto_recebido<T: std::fmt::Display>(v: Option<&Recebido<T>>) -> String {
    match v {
        None => "-".to_owned(),
        Some(Recebido::Valido(x)) => x.to_string(),
        Some(Recebido::Bruto(b)) => format!("não entendido ({:?})", ocultar_cpfs(b)),
    }
}

/// The security code printed in the CRV PDF (E18/E19 `pdfCodigoSegurancaCrvBase64`): the
/// digits right after a "Código de segurança do CRV:" label. `None` when the PDF has no
/// readable text with it (e.g. a compressed PDF of the real service).
pub fn codigo_no_pdf(pdf: &[u8]) -> Option<CodigoSegurancaCrv> {
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
pub struct Roteiro {
    /// The CET-MG client.
    pub mg: ClienteCetMg,
    /// The Renave-WS client.
    pub ws: ClienteRenaveWs,
    /// What stands for the outside world.
    pub bastidores: Bastidores,
    /// The input.
    pub dados: DadosPoc,
    /// The numbered log.
    pub registro: Registro,
    /// CET-MG codes read from the tabelas auxiliares (cor, espécie, combustível) and the
    /// município of the solicitações (MG code + region).
    pub(crate) tabelas: Option<Tabelas>,
    /// Renave-WS municipality code of the buyers' address.
    pub(crate) municipio_ws: Option<CodigoMunicipio>,
}

#[derive(Debug, Clone)]
pub(crate) struct Tabelas {
    pub(crate) cor: Cor,
    pub(crate) especie: Especie,
    pub(crate) combustivel: Combustivel,
    pub(crate) categoria: Categoria,
    pub(crate) municipio: CodigoMunicipio,
}

/// What the entrada of a vehicle leaves for its saída.
#[derive(Debug, Clone)]
pub struct EmEstoque {
    /// Renave-WS stock id: also the stock the CET-MG comunicação de venda de saída names
    /// (`id_estoque`, `cetmg-api.md` §3.14).
    pub id_estoque_ws: IdEstoque,
}

/// The clients and the input are left out (the log is what a run is about).
impl std::fmt::Debug for Roteiro {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Roteiro")
            .field("bastidores", &self.bastidores)
            .field("passos", &self.registro.passos.len())
            .finish_non_exhaustive()
    }
}

impl Roteiro {
    /// A run over the two clients.
    pub fn new(
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

    pub(crate) fn sim(&self) -> Option<&Simuladores> {
        match &self.bastidores {
            Bastidores::Simulado(s) => Some(s),
            Bastidores::Homologacao { .. } => None,
        }
    }

    pub(crate) fn linha(&mut self, t: impl Into<String>) {
        self.registro.linha(t);
    }

    /// Closes a step that had to succeed: its lines on success, the refusal otherwise (and the
    /// flow stops).
    pub(crate) fn exigir<T>(
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
    pub(crate) fn recusar<T>(
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
    pub(crate) fn acao_externa(&mut self, secao: &'static str, titulo: String, o_que: String) {
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
    pub async fn executar(&mut self) -> bool {
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
            // §6.2.3 items 5–6 and §7: Protocolo Digital and the ficha de cadastro.
            let comprador = CpfCnpj::from(self.dados.cpf_comprador);
            if self.saida(v, &em_estoque).await.is_err()
                || self.protocolo_e_ficha(v, comprador).await.is_err()
            {
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
    pub fn interrompido(&mut self, fluxo: &str) {
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

    /// The preparation every run starts with: Renave-WS E1 (who the certificate
    /// authenticates), the CET-MG token (§5.1, shown with its validity, never its value), the
    /// tabelas auxiliares (§5.20–§5.27) whose codes the solicitações use, and the Renave-WS
    /// municipality of the buyers' address (E20).
    pub async fn preparar(&mut self) -> Etapa<()> {
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
                    l.dados.validos().first().map_or_else(
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
                    format!(
                        "cores: {} itens (1º: {})",
                        c.dados.validos().len(),
                        primeiro(c)
                    ),
                    format!(
                        "espécies: {} itens (1º: {})",
                        e.dados.validos().len(),
                        primeiro(e)
                    ),
                    format!(
                        "combustíveis: {} itens (1º: {})",
                        co.dados.validos().len(),
                        primeiro(co)
                    ),
                    format!(
                        "categorias: {} itens (1º: {})",
                        ca.dados.validos().len(),
                        primeiro(ca)
                    ),
                    format!(
                        "municípios de MG: {} itens (1º: {})",
                        m.dados.validos().len(),
                        primeiro(m)
                    ),
                ]
            },
        )?;
        let codigo = |l: &RespostaTabelaAuxiliar| {
            l.dados
                .validos()
                .first()
                .and_then(ItemTabelaAuxiliar::codigo)
        };
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
}
