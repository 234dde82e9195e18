//! The secrets and personal-data proof (LGPD; "no secret, token, certificate password or full
//! CPF in Debug, Display, errors or logs"): every operation of the CET-MG client, across its
//! success and failure paths, against answers that carry a CPF in every punctuation (success
//! bodies — unknown fields and text fields —, `codigo_retorno`/`mensagem_retorno`, the WSO2
//! gateway's `code`/`message`/`description`, HTML pages, the `Retry-After` header) and requests
//! that carry CPFs in their paths and queries. The `Debug` (`{:?}`, `{:#?}`), the `Display` and
//! the whole `source()` chain of every value and error, and the TRACE output of every target,
//! must hold neither the consumer key or secret, nor the token `gerar-token` handed out, nor any
//! CPF (literally or as its 11 digits in order once the separators inside a digit group are
//! removed, also after percent-decoding).
#![cfg(feature = "simulador")]
#![allow(clippy::unwrap_used, clippy::too_many_lines)]

mod chamadas;

use std::future::Future;
use std::io::Write;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chamadas::{alvo, pdf, processo, solicitacao};
use renave_domain::{CodigoTaxa, CondicoesDocumentos, DocumentoId, Uf};
use renave_mg_client::operacoes::agenda::{Agendamento, ConsultaPeriodosAtendimento};
use renave_mg_client::operacoes::dae::{EmissaoGuiaDae, GuiaDae};
use renave_mg_client::operacoes::estoque::{
    ComunicacaoVendaEntradaEstoque, ComunicacaoVendaSaidaEstoque, ConsultaAptidaoVeiculoEstoque,
    ConsultaSolicitacaoTransferencia,
};
use renave_mg_client::operacoes::protocolo_digital::{
    ConsultaProtocoloRenave, ConsultaVeiculosComunicacaoVenda, DocumentoAnexo,
    RegularizacaoPendencia, UploadFichaCadastro,
};
use renave_mg_client::operacoes::vistoria::{ConsultaRegioesMunicipio, DistribuicaoVeiculoEcv};
use renave_mg_client::simulador::fixtures::{self, Corpo, ErroFixture, Fixture, Operacao};
use renave_mg_client::{
    Ambiente, ArmazenamentoToken, ArmazenamentoTokenMemoria, CausaErro, ClienteCetMg,
    ClienteCetMgBuilder, Erro, HttpMethod, Idempotency, RetryPolicy, Timeouts, TokenAcesso,
};
use secrecy::SecretString;
use serde_json::{Value, json};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;
use wiremock::matchers::path_regex;
use wiremock::{Mock, MockServer};

const CHAVE: &str = "chave-do-consumidor-K3Y-7781";
const SEGREDO: &str = "segredo-do-consumidor-S3CR3T-4402";
const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0b2tlbi1zZWNyZXRvIn0.T0K3N-assinado-9931";

fn segredos() -> [&'static str; 3] {
    [CHAVE, SEGREDO, TOKEN]
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

/// The `Debug` (plain and pretty) of the call before it was sent (a `renave_http::Chamada`;
/// `None` for `gerar_token`, a plain `async fn`), and the typed answer or error.
type FuturoDebug = Pin<
    Box<
        dyn Future<
                Output = (
                    Option<String>,
                    Result<Box<dyn std::fmt::Debug + Send>, Erro>,
                ),
            > + Send,
    >,
>;

/// An operation of the `operacoes!` list: its `Chamada`'s `Debug`, then the awaited answer.
macro_rules! d {
    ($e:expr) => {
        Box::pin(async move {
            let chamada = $e;
            let texto = format!("{chamada:?}\n{chamada:#?}");
            let r = chamada
                .await
                .map(|r| Box::new(r) as Box<dyn std::fmt::Debug + Send>);
            (Some(texto), r)
        })
    };
}

/// An operation that is a plain `async fn` (`gerar_token`).
macro_rules! d0 {
    ($e:expr) => {
        Box::pin(async move {
            let r = $e
                .await
                .map(|r| Box::new(r) as Box<dyn std::fmt::Debug + Send>);
            (None, r)
        })
    };
}

/// Calls the operation `nome` with the same valid input as `chamadas::chamar`; the typed
/// answer itself (for its `Debug`).
fn chamar_debug(nome: &str, c: ClienteCetMg) -> Option<FuturoDebug> {
    Some(match nome {
        "gerar_token" => d0!(c.gerar_token()),
        "consultar_aptidao_veiculo_estoque" => d!(c.consultar_aptidao_veiculo_estoque(
            &ConsultaAptidaoVeiculoEstoque {
                chassi: fixtures::CHASSI.parse().unwrap(),
                cpf_cnpj_proprietario: fixtures::CPF_PROPRIETARIO.parse().unwrap(),
                cpf_cnpj_estabelecimento: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
            }
        )),
        "consultar_solicitacao_transferencia" => d!(c.consultar_solicitacao_transferencia(
            &ConsultaSolicitacaoTransferencia {
                chassi: fixtures::CHASSI.parse().unwrap(),
                cpf_cnpj_proprietario: fixtures::CPF_PROPRIETARIO.parse().unwrap(),
                cpf_cnpj_estabelecimento: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
                placa: Some(fixtures::PLACA.parse().unwrap()),
                renavam: None,
            }
        )),
        "registrar_solicitacao_transferencia" => {
            d!(c.registrar_solicitacao_transferencia(&solicitacao()))
        }
        "registrar_comunicacao_venda_entrada_estoque" => d!(c
            .registrar_comunicacao_venda_entrada_estoque(&ComunicacaoVendaEntradaEstoque {
                placa: fixtures::PLACA.parse().unwrap(),
                renavam: fixtures::RENAVAM.parse().unwrap(),
                chassi: fixtures::CHASSI.parse().unwrap(),
                numero_atpve: "202600012345".into(),
            })),
        "registrar_comunicacao_venda_saida_estoque" => d!(c
            .registrar_comunicacao_venda_saida_estoque(&ComunicacaoVendaSaidaEstoque {
                id_estoque: 987_654u64.into(),
                cpf_cnpj_comprador: fixtures::CPF_COMPRADOR.parse().unwrap(),
                placa: fixtures::PLACA.parse().unwrap(),
                renavam: fixtures::RENAVAM.parse().unwrap(),
                chassi: fixtures::CHASSI.parse().unwrap(),
                numero_atpve: "202600012346".into(),
            })),
        "emitir_guia_dae" => d!(c.emitir_guia_dae(&EmissaoGuiaDae {
            cnpj_estabelecimento: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
            codigo_taxa: CodigoTaxa::VistoriaMovel,
            cpf_cnpj_comprador: fixtures::CPF_COMPRADOR.parse().unwrap(),
            uf_origem_comprador: Uf::Mg,
            codigo_municipio_emplacamento: fixtures::CODIGO_MUNICIPIO.parse().unwrap(),
        })),
        "consultar_distribuicao_ativa" => d!(c.consultar_distribuicao_ativa(&alvo())),
        "consultar_ultimo_laudo" => d!(c.consultar_ultimo_laudo(&alvo())),
        "retornar_regioes_municipio" => {
            d!(c.retornar_regioes_municipio(&ConsultaRegioesMunicipio {
                municipio_id: 4123u64.into(),
                tipo_ecv_id: 1u64.into(),
            }))
        }
        "distribuir_veiculo_ecv" => d!(c.distribuir_veiculo_ecv(&DistribuicaoVeiculoEcv {
            cnpj_estabelecimento: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
            municipio_regiao_id: fixtures::MUNICIPIO_REGIAO_ID.into(),
            cpf_cnpj_comprador: fixtures::CPF_COMPRADOR.parse().unwrap(),
            telefone_comprador: "31999990000".into(),
            email_comprador: "maria@example.com".into(),
            vistoria_movel: false,
            receber_pesquisa: true,
        })),
        "consultar_agendamento" => d!(c.consultar_agendamento(&alvo())),
        "retornar_datas_com_vagas" => d!(c.retornar_datas_com_vagas(&alvo())),
        "retornar_periodos_atendimento" => d!(c.retornar_periodos_atendimento(
            &ConsultaPeriodosAtendimento {
                data_agendada: fixtures::DATA_AGENDADA.parse().unwrap(),
                alvo: alvo(),
            }
        )),
        "gravar_agendamento" => d!(c.gravar_agendamento(&Agendamento {
            cnpj_estabelecimento: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
            data_agendada: fixtures::DATA_AGENDADA.parse().unwrap(),
            periodo_id: fixtures::PERIODO_ID.into(),
            cpf_cnpj_comprador: fixtures::CPF_COMPRADOR.parse().unwrap(),
            chassi: fixtures::CHASSI.parse().unwrap(),
        })),
        "criar_processo_transferencia" => {
            d!(c.criar_processo_transferencia(&processo()))
        }
        "recuperar_protocolo_renave" => {
            d!(c.recuperar_protocolo_renave(&ConsultaProtocoloRenave {
                chassi: fixtures::CHASSI.parse().unwrap(),
                cpf_cnpj_solicitante: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
                cpf_cnpj_adquirente: fixtures::CPF_COMPRADOR.parse().unwrap(),
            }))
        }
        "regularizar_pendencia_renave" => {
            d!(c.regularizar_pendencia_renave(&RegularizacaoPendencia {
                numero_pendencia: 1u64.into(),
                numero_protocolo: fixtures::NUMERO_PROTOCOLO.into(),
                cpf_cnpj_remetente: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
                mensagem: "Autorização anexa".into(),
                documentos_anexados: vec![DocumentoAnexo {
                    tipo_documento: DocumentoId::AutorizacaoPoderPublico,
                    nome: "autorizacao.pdf".into(),
                    arquivo: pdf(),
                }],
                condicoes: processo().condicoes_documentos(),
            }))
        }
        "upload_documento_ficha_cadastro" => {
            d!(c.upload_documento_ficha_cadastro(&UploadFichaCadastro {
                numero_protocolo: fixtures::NUMERO_PROTOCOLO.into(),
                tipo_documento: DocumentoId::from("300"),
                cpf_cnpj_remetente: fixtures::CNPJ_ESTABELECIMENTO.parse().unwrap(),
                mensagem: "Ficha de cadastro".into(),
                nome: "ficha.pdf".into(),
                arquivo: pdf(),
            }))
        }
        "listar_veiculos_comunicacao_venda" => d!(c.listar_veiculos_comunicacao_venda(
            &ConsultaVeiculosComunicacaoVenda {
                cpf_cnpj_proprietario: fixtures::CPF_PROPRIETARIO.parse().unwrap(),
            }
        )),
        "consultar_carrocerias" => d!(c.consultar_carrocerias()),
        "consultar_categorias" => d!(c.consultar_categorias()),
        "consultar_combustiveis" => d!(c.consultar_combustiveis()),
        "consultar_cores" => d!(c.consultar_cores()),
        "consultar_especies" => d!(c.consultar_especies()),
        "consultar_marcas_modelos" => d!(c.consultar_marcas_modelos()),
        "consultar_municipios_mg" => d!(c.consultar_municipios_mg()),
        "consultar_tipos_veiculo" => d!(c.consultar_tipos_veiculo()),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Answers carrying CPFs
// ---------------------------------------------------------------------------------------------

/// The `gerar-token` answer: the secret token, and CPFs in unknown fields.
fn corpo_token() -> Value {
    json!({
        "access_token": TOKEN,
        "token_type": "Bearer",
        "expires_in": 3600,
        "scope": texto_com_cpfs("escopo"),
        "titular": GRAFIAS,
    })
}

fn fixture_token() -> Fixture {
    fixtures::GERAR_TOKEN.sucesso().com_corpo(corpo_token())
}

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

fn politica() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 2,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        max_retry_after: Duration::from_millis(5),
        jitter: false,
    }
}

fn construtor(raiz: &str) -> ClienteCetMgBuilder {
    ClienteCetMg::builder()
        .ambiente(Ambiente::Local(raiz.parse().unwrap()))
        .credenciais(SecretString::from(CHAVE), SecretString::from(SEGREDO))
        .retentativas(politica())
        .prazos(Timeouts {
            connect: Duration::from_secs(5),
            per_attempt: Duration::from_secs(30),
            operation: Duration::from_secs(60),
        })
}

fn e_token(op: &Operacao) -> bool {
    op.nome() == fixtures::GERAR_TOKEN.nome()
}

/// Mounts the token fixture (unless `op` is `gerar_token`) and `f`.
async fn montar(servidor: &MockServer, op: &Operacao, f: Fixture) {
    servidor.reset().await;
    if !e_token(op) {
        fixture_token().montar(servidor).await;
    }
    f.montar(servidor).await;
}

/// Calls `op` and collects its answer or error; `true` on success.
async fn chamar_e_coletar(col: &mut Coleta, onde: &str, op: &Operacao, c: &ClienteCetMg) -> bool {
    let (chamada, resultado) = chamar_debug(op.nome(), c.clone())
        .unwrap_or_else(|| panic!("no call for {}", op.nome()))
        .await;
    if let Some(t) = chamada {
        col.texto(format!("{onde} call {{:?}}"), t);
    }
    match resultado {
        Ok(r) => {
            col.valor(onde, &r);
            true
        }
        Err(e) => {
            col.erro(onde, &e);
            col.texto(format!("{onde} variant"), nome_da_variante(&e));
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

/// The variants the test must exercise, each as the names it may have (the last one the
/// newest, e.g. `DocumentoInvalido` → `Documento`).
const VARIANTES_ESPERADAS: [&[&str]; 11] = [
    &["EntradaInvalida"],
    &["DocumentosFaltantes"],
    &["Configuracao"],
    &["Transporte"],
    &["Gateway"],
    &["Http"],
    &["Negocio"],
    &["RespostaInvalida"],
    &["RespostaNaoReconhecida"],
    &["DocumentoInvalido", "Documento"],
    &["ArmazenamentoToken"],
];

#[derive(Debug)]
struct ArmazenamentoQuebrado;

#[async_trait::async_trait]
impl ArmazenamentoToken for ArmazenamentoQuebrado {
    async fn get(&self) -> Result<Option<TokenAcesso>, CausaErro> {
        Err("redis down".into())
    }
    async fn put(&self, _: TokenAcesso) -> Result<(), CausaErro> {
        Err("redis down".into())
    }
    async fn invalidate(&self, _: &TokenAcesso) -> Result<(), CausaErro> {
        Err("redis down".into())
    }
}

// ---------------------------------------------------------------------------------------------
// The proof
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn nenhum_segredo_nem_cpf_em_debug_display_erros_ou_trace() {
    let trace = capturar_trace();
    let mut col = Coleta::default();
    let mut variantes = std::collections::BTreeSet::new();

    // Builder, client, token, store.
    let servidor = MockServer::start().await;
    let b = construtor(&servidor.uri());
    col.valor("builder", &b);
    let memoria = Arc::new(ArmazenamentoTokenMemoria::default());
    let c = b.armazenamento_token(memoria.clone()).build().unwrap();
    col.valor("client", &c);
    fixture_token().montar(&servidor).await;
    let token = c.gerar_token().await.unwrap();
    col.valor("token", &token);
    let _ = c.consultar_cores().await;
    col.valor("memory store after use", &*memoria);
    col.valor("client after use", &c);
    let proprio = TokenAcesso::new(
        SecretString::from(TOKEN),
        std::time::SystemTime::now(),
        std::time::SystemTime::now(),
    );
    col.valor("own token", &proprio);

    // Success of every operation: unknown fields everywhere and the envelope's free text; every
    // text at once; each text in turn.
    let mut sucessos = 0;
    for op in fixtures::todas() {
        let servidor = MockServer::start().await;
        let c = construtor(&servidor.uri()).build().unwrap();
        let base = if e_token(op) {
            corpo_token()
        } else {
            op.corpo_sucesso()
        };
        let mut corpo = base.clone();
        com_extras(&mut corpo);
        if let Value::Object(m) = &mut corpo {
            if !e_token(op) {
                m.insert("mensagem_retorno".into(), json!(texto_com_cpfs("retorno")));
            }
            m.insert("mensagem".into(), json!(texto_com_cpfs("mensagem")));
        }
        montar(&servidor, op, op.sucesso().com_corpo(corpo)).await;
        let onde = format!("{} success, unknown fields", op.nome());
        assert!(chamar_e_coletar(&mut col, &onde, op, &c).await, "{onde}");
        sucessos += 1;

        let mut caminhos = Vec::new();
        folhas(&base, "", &mut caminhos);
        let mut todas = base.clone();
        for (i, caminho) in caminhos.iter().enumerate() {
            if e_token(op) && caminho == "/access_token" {
                continue;
            }
            *todas.pointer_mut(caminho).unwrap() = json!(GRAFIAS[i % GRAFIAS.len()]);
            let mut uma = base.clone();
            *uma.pointer_mut(caminho).unwrap() = json!(texto_com_cpfs("campo"));
            montar(&servidor, op, op.sucesso().com_corpo(uma)).await;
            let onde = format!("{} success, CPFs in {caminho}", op.nome());
            sucessos += usize::from(chamar_e_coletar(&mut col, &onde, op, &c).await);
        }
        montar(&servidor, op, op.sucesso().com_corpo(todas)).await;
        let onde = format!("{} success, a CPF in every text", op.nome());
        chamar_e_coletar(&mut col, &onde, op, &c).await;
    }

    // Every canned error of every operation, its texts replaced by CPFs, with a CPF as
    // `Retry-After`.
    for op in fixtures::todas() {
        let servidor = MockServer::start().await;
        let c = construtor(&servidor.uri()).build().unwrap();
        for (i, (e, trocar_codigo)) in ErroFixture::TODOS
            .iter()
            .flat_map(|e| [(e, false), (e, true)])
            .enumerate()
        {
            let grafia = GRAFIAS[i % GRAFIAS.len()];
            let f = op.erro(*e).com_cabecalho("Retry-After", grafia);
            let onde = format!("{} {e:?} (code replaced: {trocar_codigo})", op.nome());
            if let Corpo::Json(v) = f.corpo().clone() {
                let corpo = erro_com_cpfs(&v, trocar_codigo.then_some(grafia));
                montar(&servidor, op, f.com_corpo(corpo)).await;
            } else {
                // An HTML page (or an empty body) becomes a page full of CPFs.
                servidor.reset().await;
                if !e_token(op) {
                    fixture_token().montar(&servidor).await;
                }
                let html = f.resposta().set_body_raw(html_com_cpfs(), "text/html");
                Mock::given(path_regex(f.padrao_caminho()))
                    .respond_with(html)
                    .mount(&servidor)
                    .await;
            }
            let sucesso = chamar_e_coletar(&mut col, &onde, op, &c).await;
            assert!(!sucesso, "{onde}: an error answer taken for a success");
        }
        // A numeric `codigo_retorno` that is a CPF.
        let f = op.erro(ErroFixture::Negocio).com_corpo(
            json!({"codigo_retorno": 52_998_224_725_u64, "mensagem_retorno": GRAFIAS[4]}),
        );
        montar(&servidor, op, f).await;
        chamar_e_coletar(&mut col, &format!("{} numeric code", op.nome()), op, &c).await;
    }

    // The token endpoint failing in every way while an operation (a CPF in its path) waits.
    for (i, e) in ErroFixture::TODOS.iter().enumerate() {
        let servidor = MockServer::start().await;
        let c = construtor(&servidor.uri()).build().unwrap();
        let grafia = GRAFIAS[i % GRAFIAS.len()];
        let f = fixtures::GERAR_TOKEN
            .erro(*e)
            .com_cabecalho("Retry-After", grafia);
        let f = match f.corpo().clone() {
            Corpo::Json(v) => f.com_corpo(erro_com_cpfs(&v, (i % 2 == 1).then_some(grafia))),
            _ => f,
        };
        f.montar(&servidor).await;
        fixtures::CONSULTAR_DISTRIBUICAO_ATIVA
            .sucesso()
            .montar(&servidor)
            .await;
        let op = &fixtures::CONSULTAR_DISTRIBUICAO_ATIVA;
        chamar_e_coletar(&mut col, &format!("token {e:?}"), op, &c).await;
    }

    // Transport: timeouts (a read with CPFs in its path; a state-changing request, outcome
    // unknown), a refused connection, an oversized answer, a redirect to a path with a CPF,
    // an unexpected status with a text body.
    let servidor = MockServer::start().await;
    fixture_token().montar(&servidor).await;
    for op in [
        &fixtures::CONSULTAR_DISTRIBUICAO_ATIVA,
        &fixtures::REGISTRAR_COMUNICACAO_VENDA_SAIDA_ESTOQUE,
    ] {
        op.sucesso()
            .com_atraso(Duration::from_secs(3))
            .montar(&servidor)
            .await;
        let lento = construtor(&servidor.uri())
            .retentativas(RetryPolicy::disabled())
            .prazos(Timeouts {
                connect: Duration::from_secs(5),
                per_attempt: Duration::from_millis(300),
                operation: Duration::from_secs(30),
            })
            .build()
            .unwrap();
        chamar_e_coletar(&mut col, &format!("{} timeout", op.nome()), op, &lento).await;
    }
    let porta_fechada = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let recusado = construtor(&format!("http://127.0.0.1:{porta_fechada}"))
        .build()
        .unwrap();
    for op in [&fixtures::GERAR_TOKEN, &fixtures::CONSULTAR_AGENDAMENTO] {
        chamar_e_coletar(&mut col, &format!("{} refused", op.nome()), op, &recusado).await;
    }
    let grande = construtor(&servidor.uri())
        .limite_resposta_bytes(512)
        .build()
        .unwrap();
    let mut corpo = fixtures::CONSULTAR_ULTIMO_LAUDO.corpo_sucesso();
    com_extras(&mut corpo);
    if let Value::Object(m) = &mut corpo {
        m.insert("longo".into(), json!(texto_com_cpfs(&"x".repeat(2000))));
    }
    fixtures::CONSULTAR_ULTIMO_LAUDO
        .sucesso()
        .com_corpo(corpo)
        .montar(&servidor)
        .await;
    chamar_e_coletar(
        &mut col,
        "oversized",
        &fixtures::CONSULTAR_ULTIMO_LAUDO,
        &grande,
    )
    .await;
    for (op, status) in [
        (&fixtures::RETORNAR_DATAS_COM_VAGAS, 302),
        (&fixtures::RETORNAR_PERIODOS_ATENDIMENTO, 418),
        (&fixtures::CONSULTAR_AGENDAMENTO, 200),
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
        let c = construtor(&servidor.uri()).build().unwrap();
        chamar_e_coletar(
            &mut col,
            &format!("{} HTTP {status} html", op.nome()),
            op,
            &c,
        )
        .await;
    }

    // A 2xx JSON answer of the wrong shape that quotes CPFs (serde quotes what it refused).
    let servidor = MockServer::start().await;
    fixture_token().montar(&servidor).await;
    let f = fixtures::CONSULTAR_AGENDAMENTO.sucesso();
    Mock::given(path_regex(f.padrao_caminho()))
        .respond_with(
            wiremock::ResponseTemplate::new(200).set_body_json(json!(texto_com_cpfs("forma"))),
        )
        .mount(&servidor)
        .await;
    let c = construtor(&servidor.uri()).build().unwrap();
    chamar_e_coletar(
        &mut col,
        "consultar_agendamento HTTP 200 wrong shape",
        &fixtures::CONSULTAR_AGENDAMENTO,
        &c,
    )
    .await;

    // Raw calls with CPFs in the path and the query (the server echoes them back).
    let servidor = MockServer::start().await;
    fixture_token().montar(&servidor).await;
    let bruto = construtor(&servidor.uri()).build().unwrap();
    Mock::given(path_regex("/ok/"))
        .respond_with(
            wiremock::ResponseTemplate::new(200)
                .set_body_json(json!({"codigo_retorno": "000", "eco": texto_com_cpfs("eco")})),
        )
        .mount(&servidor)
        .await;
    Mock::given(path_regex("/falha/"))
        .respond_with(
            wiremock::ResponseTemplate::new(404)
                .insert_header("Retry-After", GRAFIAS[0])
                .set_body_raw(html_com_cpfs(), "text/html"),
        )
        .mount(&servidor)
        .await;
    for (i, g) in GRAFIAS.iter().enumerate() {
        for raiz in ["ok", "falha"] {
            let caminho = format!("{raiz}/pessoas/{g}/veiculos");
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
                Ok(r) => col.valor(&onde, &r),
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
                &format!("falha/{g}"),
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

    // Input refused (CPFs in the caller's own texts), missing documents, configuration,
    // document, token store.
    let c = construtor(&servidor.uri()).build().unwrap();
    let mut erros: Vec<(String, Erro)> = Vec::new();
    erros.push((
        "upload not a PDF".into(),
        c.upload_documento_ficha_cadastro(&UploadFichaCadastro {
            numero_protocolo: GRAFIAS[1].into(),
            tipo_documento: DocumentoId::from("300"),
            cpf_cnpj_remetente: fixtures::CPF_COMPRADOR.parse().unwrap(),
            mensagem: texto_com_cpfs("mensagem"),
            nome: format!("{}.txt", GRAFIAS[4]),
            arquivo: GRAFIAS[0].as_bytes().to_vec(),
        })
        .await
        .unwrap_err(),
    ));
    erros.push((
        "missing documents".into(),
        c.regularizar_pendencia_renave(&RegularizacaoPendencia {
            numero_pendencia: 1u64.into(),
            numero_protocolo: GRAFIAS[2].into(),
            cpf_cnpj_remetente: fixtures::CPF_COMPRADOR.parse().unwrap(),
            mensagem: texto_com_cpfs("mensagem"),
            documentos_anexados: vec![DocumentoAnexo {
                tipo_documento: DocumentoId::from("1"),
                nome: format!("{}.pdf", GRAFIAS[5]),
                arquivo: pdf(),
            }],
            condicoes: CondicoesDocumentos {
                alterar_nome: true,
                ..CondicoesDocumentos::default()
            },
        })
        .await
        .unwrap_err(),
    ));
    erros.push((
        "no credentials".into(),
        ClienteCetMg::builder().build().unwrap_err(),
    ));
    erros.push((
        "plain http".into(),
        ClienteCetMg::builder()
            .ambiente(Ambiente::Local("http://exemplo.invalid/".parse().unwrap()))
            .credenciais(SecretString::from(CHAVE), SecretString::from(SEGREDO))
            .build()
            .unwrap_err(),
    ));
    let guia: GuiaDae = serde_json::from_value(json!({
        "arquivo_dae": "bm90IGEgcGRm",
        "cpf_cnpj_contribuinte": GRAFIAS[1],
        "nome_contribuinte": texto_com_cpfs("nome"),
    }))
    .unwrap();
    col.valor("guia", &guia);
    erros.push(("guia not a PDF".into(), guia.pdf().unwrap_err()));
    let guia: GuiaDae =
        serde_json::from_value(json!({"arquivo_dae": format!("!!{}!!", GRAFIAS[0])})).unwrap();
    erros.push(("guia not base64".into(), guia.pdf().unwrap_err()));
    let quebrado = construtor(&servidor.uri())
        .armazenamento_token(Arc::new(ArmazenamentoQuebrado))
        .build()
        .unwrap();
    erros.push((
        "broken store".into(),
        quebrado.consultar_cores().await.unwrap_err(),
    ));
    col.valor("broken store client", &quebrado);
    for (onde, e) in &erros {
        variantes.insert(nome_da_variante(e));
        col.erro(onde, e);
    }

    // Let the servers' and clients' last events reach the buffer.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let log = String::from_utf8_lossy(&trace.0.lock().unwrap()).into_owned();
    assert!(
        log.contains("renave.cetmg") && log.contains("renave.http"),
        "no TRACE captured"
    );
    col.texto("TRACE output", log);

    for (onde, texto) in &col.textos {
        if onde.ends_with(" variant") {
            variantes.insert(texto.clone());
        }
    }
    for nomes in VARIANTES_ESPERADAS {
        assert!(
            nomes.iter().any(|v| variantes.contains(*v)),
            "variant {nomes:?} not exercised: {variantes:?}"
        );
    }
    assert!(sucessos >= 60, "{sucessos} successful calls");

    eprintln!(
        "{} texts checked, {} bytes of TRACE output, {sucessos} successful calls",
        col.textos.len(),
        col.textos.last().map_or(0, |t| t.1.len())
    );
    col.sem_vazamentos(&segredos());
}
