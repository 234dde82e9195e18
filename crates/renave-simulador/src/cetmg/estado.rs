//! The simulator's state (`Estado`) and the handling of every CET-MG operation.
//!
//! Each handler validates its input with `renave-domain`, applies the regulation's rule and
//! either returns the answer's fields (the envelope `codigo_retorno` `"000"` is added by
//! [`Estado::responder`]) or a [`Falha`] carrying the HTTP status and `codigo_retorno` listed in
//! the module documentation of [`crate::cetmg`].

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::str::FromStr;
use std::time::Duration;

use base64::Engine as _;
use renave_domain::{
    Atividade, Categoria, Chassi, Cnpj, CondicoesDocumentos, CpfCnpj, Data, DocumentoId,
    ErroDominio, Placa, Renavam, SentidoSolicitacao, TipoDocumentoAdquirente, TipoVeiculo, Uf,
    avaliar_aptidao, sentido_solicitacao, verificar_documentos, verificar_validade_laudo,
};
use serde_json::{Map, Value, json};
use wiremock::Request;
use wiremock::http::Method;

use super::dados::{self, Regiao, VeiculoSimulado};
use super::pagamento;
use crate::falhas::{Falhas, ServicoSimulado};
use crate::mundo::AtpvesAssinadas;
use crate::servidor::RespostaHttp;

/// Value of the simulated taxa de vistoria móvel (DAE taxa code 64, R §6.1.5), in centavos
/// (fictitious: R$ 195,39).
pub const VALOR_TAXA_VISTORIA_MOVEL_CENTAVOS: u64 = 19_539;

/// The most tokens the simulator remembers. Minting a token forgets the expired ones; past this
/// many valid ones, the oldest is forgotten too, and whoever still holds it gets 401 `900901`
/// and asks for a new one (decision D4), as after an expiry.
pub const MAXIMO_TOKENS: usize = 1_000;

/// The booking periods of a day (Agenda Minas, R §5.14): id, start, end.
const PERIODOS: [(u64, &str, &str); 4] = [
    (1, "08:00", "10:00"),
    (2, "10:00", "12:00"),
    (3, "13:00", "15:00"),
    (4, "15:00", "17:00"),
];
/// Places per period and day.
const VAGAS_POR_PERIODO: u32 = 3;
/// How many calendar days ahead Agenda Minas offers dates.
const DIAS_AGENDA: i64 = 14;

/// A refusal: HTTP status, `codigo_retorno` and message (see the table in [`crate::cetmg`]).
#[derive(Debug)]
pub(crate) struct Falha {
    status: u16,
    codigo: &'static str,
    mensagem: String,
}

impl Falha {
    fn entrada(mensagem: impl Into<String>) -> Self {
        Self {
            status: 400,
            codigo: "400",
            mensagem: mensagem.into(),
        }
    }
    fn nao_encontrado(mensagem: impl Into<String>) -> Self {
        Self {
            status: 404,
            codigo: "404",
            mensagem: mensagem.into(),
        }
    }
    fn conflito(mensagem: impl Into<String>) -> Self {
        Self {
            status: 409,
            codigo: "409",
            mensagem: mensagem.into(),
        }
    }
    /// A fault of the simulator itself (HTTP 500), e.g. a payment document it could not build.
    fn interna(erro: &ErroDominio) -> Self {
        Self {
            status: 500,
            codigo: "500",
            mensagem: format!("erro interno do simulador: {erro}"),
        }
    }
    fn negocio(codigo: &'static str, mensagem: impl Into<String>) -> Self {
        Self {
            status: 200,
            codigo,
            mensagem: mensagem.into(),
        }
    }
}

type Resultado = Result<Map<String, Value>, Falha>;

/// Builds a JSON object from `json!({...})`.
fn objeto(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn erro_campo(campo: &str, e: &ErroDominio) -> Falha {
    Falha::entrada(format!("campo `{campo}` inválido: {e}"))
}

/// Parses a path or query parameter with a domain type (400 when it fails).
fn parametro<T: FromStr<Err = ErroDominio>>(nome: &str, valor: &str) -> Result<T, Falha> {
    valor.parse::<T>().map_err(|e| erro_campo(nome, &e))
}

/// The JSON body of a POST, as an object.
struct Corpo(Map<String, Value>);

impl Corpo {
    fn de(req: &Request) -> Result<Self, Falha> {
        match serde_json::from_slice::<Value>(&req.body) {
            Ok(Value::Object(m)) => Ok(Self(m)),
            Ok(_) => Err(Falha::entrada(
                "o corpo da requisição deve ser um objeto JSON",
            )),
            Err(e) => Err(Falha::entrada(format!("corpo JSON inválido: {e}"))),
        }
    }

    /// A string or number field as text; `None` when absent, null or blank.
    fn bruto(&self, campo: &str) -> Option<String> {
        match self.0.get(campo) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        }
    }

    fn texto(&self, campo: &str) -> Result<String, Falha> {
        self.bruto(campo)
            .ok_or_else(|| Falha::entrada(format!("campo obrigatório `{campo}` ausente")))
    }

    fn tipado<T: FromStr<Err = ErroDominio>>(&self, campo: &str) -> Result<T, Falha> {
        parametro(campo, &self.texto(campo)?)
    }

    fn tipado_opcional<T: FromStr<Err = ErroDominio>>(
        &self,
        campo: &str,
    ) -> Result<Option<T>, Falha> {
        self.bruto(campo).map(|v| parametro(campo, &v)).transpose()
    }

    /// An amount (*valor*) as `renave_domain::Valor` reads it from JSON: a number with at most
    /// two decimals or a decimal string.
    fn valor(&self, campo: &str) -> Result<renave_domain::Valor, Falha> {
        let v = self
            .0
            .get(campo)
            .filter(|v| !v.is_null())
            .ok_or_else(|| Falha::entrada(format!("campo obrigatório `{campo}` ausente")))?;
        serde_json::from_value(v.clone())
            .map_err(|e| Falha::entrada(format!("campo `{campo}` inválido: {e}")))
    }

    /// A boolean flag: `true`/`false`, `1`/`0`, `"1"`/`"0"`, `"true"`/`"false"`, `"S"`/`"N"`
    /// (R §7.3: "true (valor 1)"); absent means false.
    fn flag(&self, campo: &str) -> Result<bool, Falha> {
        match self.0.get(campo) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::Number(n)) => match n.as_u64() {
                Some(0) => Ok(false),
                Some(1) => Ok(true),
                _ => Err(Falha::entrada(format!("campo `{campo}` deve ser booleano"))),
            },
            Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "s" => Ok(true),
                "0" | "false" | "n" | "" => Ok(false),
                _ => Err(Falha::entrada(format!("campo `{campo}` deve ser booleano"))),
            },
            Some(_) => Err(Falha::entrada(format!("campo `{campo}` deve ser booleano"))),
        }
    }

    /// A list of ids (strings or numbers) — or a single id — as text.
    fn ids(&self, campo: &str) -> Vec<String> {
        let um = |v: &Value| match v {
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            Value::Object(o) => o
                .get("codigo_tipo_documento")
                .or_else(|| o.get("documento_id"))
                .or_else(|| o.get("id"))
                .and_then(|x| match x {
                    Value::String(s) => Some(s.trim().to_owned()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                }),
            _ => None,
        };
        match self.0.get(campo) {
            Some(Value::Array(a)) => a.iter().filter_map(um).collect(),
            Some(v) => um(v).into_iter().collect(),
            None => Vec::new(),
        }
    }
}

/// A *solicitação de serviço de transferência de propriedade* (R §5.6).
#[derive(Debug, Clone)]
struct Solicitacao {
    id: u64,
    chassi: Chassi,
    estabelecimento: Cnpj,
    comprador: CpfCnpj,
    nome_comprador: String,
    endereco_comprador: String,
    sentido: SentidoSolicitacao,
    municipio: String,
    data_registro: Data,
    concluida: bool,
}

/// A DAE guia (R §6.1.5).
#[derive(Debug, Clone)]
struct Dae {
    numero: u64,
    solicitacao: u64,
    linha: String,
    pix: String,
    centavos: u64,
    emissao: Data,
    vencimento: Data,
    municipio: String,
    pago: bool,
}

/// An active distribution to an ECV (R §5.11).
#[derive(Debug, Clone)]
struct Distribuicao {
    vistoria_id: u64,
    solicitacao: u64,
    regiao: u64,
    ecv: usize,
    movel: bool,
    telefone: String,
    email: String,
    receber_pesquisa: bool,
}

/// An Agenda Minas booking (R §5.15).
#[derive(Debug, Clone)]
struct Agendamento {
    numero: u64,
    solicitacao: u64,
    data: Data,
    periodo: u64,
}

/// A registered comunicação de venda (R §5.4, §5.5, §7.4).
#[derive(Debug, Clone)]
struct Comunicacao {
    chassi: Chassi,
    vendedor: CpfCnpj,
    data: Data,
}

/// A pendência of a Protocolo Digital process (R §7.3).
#[derive(Debug, Clone)]
struct Pendencia {
    numero: u64,
    exigidos: Vec<DocumentoId>,
    regularizada: bool,
}

/// A Protocolo Digital process (R §7.1).
#[derive(Debug, Clone)]
struct Processo {
    numero: String,
    chassi: Chassi,
    solicitante: CpfCnpj,
    adquirente: CpfCnpj,
    condicoes: CondicoesDocumentos,
    pendencias: Vec<Pendencia>,
    ficha_recebida: bool,
}

/// The tokens minted and not yet forgotten: expiry (Unix seconds) by token, and the order they
/// were minted in. At most [`MAXIMO_TOKENS`]: minting forgets the expired ones, then the
/// oldest valid ones beyond the cap.
#[derive(Default)]
struct Tokens {
    expiracao: HashMap<String, i64>,
    ordem: VecDeque<String>,
}

impl Tokens {
    fn expiracao(&self, token: &str) -> Option<i64> {
        self.expiracao.get(token).copied()
    }

    fn expirar_todos(&mut self) {
        for exp in self.expiracao.values_mut() {
            *exp = 0;
        }
    }

    fn registrar(&mut self, token: String, exp: i64, agora: i64) {
        let expiracao = &mut self.expiracao;
        expiracao.retain(|_, e| *e > agora);
        self.ordem.retain(|t| expiracao.contains_key(t));
        while expiracao.len() >= MAXIMO_TOKENS {
            let Some(mais_antigo) = self.ordem.pop_front() else {
                break;
            };
            expiracao.remove(&mais_antigo);
        }
        self.ordem.push_back(token.clone());
        expiracao.insert(token, exp);
    }

    fn len(&self) -> usize {
        self.expiracao.len()
    }
}

/// Everything the simulator remembers, behind one `Arc<Mutex<_>>`. No `Debug`: it holds the
/// consumer secret and the tokens.
pub(crate) struct Estado {
    consumer_key: String,
    consumer_secret: String,
    validade_token: Duration,
    tokens: Tokens,
    pub(crate) veiculos: Vec<VeiculoSimulado>,
    regioes: Vec<Regiao>,
    solicitacoes: Vec<Solicitacao>,
    daes: Vec<Dae>,
    distribuicoes: Vec<Distribuicao>,
    agendamentos: Vec<Agendamento>,
    vagas_ocupadas: HashMap<(Data, u64), u32>,
    pub(crate) atpves: AtpvesAssinadas,
    comunicacoes: Vec<Comunicacao>,
    processos: Vec<Processo>,
    contador: u64,
    pub(crate) falhas: Falhas,
    rng: fastrand::Rng,
}

fn agora() -> i64 {
    jiff::Timestamp::now().as_second()
}

fn base64url(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The body of a WSO2 gateway error (`cetmg-api.md` §2).
fn corpo_wso2(code: &str, message: &str, description: &str) -> Value {
    json!({"code": code, "message": message, "description": description})
}

/// A minimal PDF standing for the DAE document.
fn pdf_dae(numero: u64) -> String {
    let pdf = format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% DAE simulado {numero}\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    );
    base64::engine::general_purpose::STANDARD.encode(pdf.as_bytes())
}

fn valor_json(centavos: u64) -> Value {
    serde_json::from_str(&format!("{}.{:02}", centavos / 100, centavos % 100))
        .unwrap_or(Value::Null)
}

impl Estado {
    pub(crate) fn new(
        consumer_key: String,
        consumer_secret: String,
        validade_token: Duration,
        semente: u64,
        atpves: AtpvesAssinadas,
    ) -> Self {
        Self {
            consumer_key,
            consumer_secret,
            validade_token,
            tokens: Tokens::default(),
            veiculos: dados::veiculos(Data::hoje_brasilia()),
            regioes: dados::regioes(),
            solicitacoes: Vec::new(),
            daes: Vec::new(),
            distribuicoes: Vec::new(),
            agendamentos: Vec::new(),
            vagas_ocupadas: HashMap::new(),
            atpves,
            comunicacoes: Vec::new(),
            processos: Vec::new(),
            contador: 0,
            falhas: Falhas::default(),
            rng: fastrand::Rng::with_seed(semente),
        }
    }

    fn proximo(&mut self) -> u64 {
        self.contador += 1;
        self.contador
    }

    // -----------------------------------------------------------------------------------------
    // Control methods (called by `SimuladorCetMg`)
    // -----------------------------------------------------------------------------------------

    /// How many entries each collection holds (see `SimuladorCetMg::ocupacao`).
    pub(crate) fn ocupacao(&self) -> BTreeMap<&'static str, usize> {
        BTreeMap::from([
            ("tokens", self.tokens.len()),
            ("veiculos", self.veiculos.len()),
            ("regioes", self.regioes.len()),
            ("solicitacoes", self.solicitacoes.len()),
            ("daes", self.daes.len()),
            ("distribuicoes", self.distribuicoes.len()),
            ("agendamentos", self.agendamentos.len()),
            ("vagas_ocupadas", self.vagas_ocupadas.len()),
            ("atpves_assinadas", self.atpves.quantidade()),
            ("comunicacoes", self.comunicacoes.len()),
            ("processos", self.processos.len()),
            (
                "pendencias",
                self.processos.iter().map(|p| p.pendencias.len()).sum(),
            ),
            ("falhas_pendentes", self.falhas.pendentes()),
        ])
    }

    pub(crate) fn expirar_tokens(&mut self) {
        self.tokens.expirar_todos();
    }

    pub(crate) fn compensar_pagamento(&mut self, referencia: &str) -> bool {
        let digitos: String = referencia.chars().filter(char::is_ascii_digit).collect();
        match self.daes.iter_mut().find(|d| {
            d.numero.to_string() == referencia.trim() || (!digitos.is_empty() && d.linha == digitos)
        }) {
            Some(dae) => {
                dae.pago = true;
                true
            }
            None => false,
        }
    }

    pub(crate) fn registrar_assinatura_atpv(&mut self, chassi: &Chassi) -> Option<String> {
        if !self.veiculos.iter().any(|v| v.chassi == *chassi) {
            return None;
        }
        let n = self.proximo();
        let numero = format!("{}{:08}", Data::hoje_brasilia().ano(), n);
        self.atpves.registrar(*chassi, numero.clone());
        Some(numero)
    }

    pub(crate) fn registrar_laudo(&mut self, chassi: &Chassi, emissao: Data) -> bool {
        match self.veiculos.iter_mut().find(|v| v.chassi == *chassi) {
            Some(v) => {
                v.emissao_ultimo_laudo = Some(emissao);
                true
            }
            None => false,
        }
    }

    // -----------------------------------------------------------------------------------------
    // Request handling
    // -----------------------------------------------------------------------------------------

    /// Answers one request after the fault knobs: routing, authentication, the operation.
    /// `true` with a successful state-changing POST (what a lost answer applies to).
    fn despachar_pedido(&mut self, req: &Request) -> (RespostaHttp, bool) {
        let caminho = req.url.path().to_owned();
        let Some(resto) = caminho
            .strip_prefix("/api/veiculos/renave/")
            .or_else(|| caminho.strip_prefix("/api/veiculos/Renave/"))
        else {
            return (nao_ha_recurso(), false);
        };
        let segmentos: Vec<&str> = resto.trim_end_matches('/').split('/').collect();
        let metodo = req.method.clone();
        let eh_post = metodo == Method::POST;

        if eh_post && segmentos.as_slice() == ["gerar-token"] {
            return (self.gerar_token(req), false);
        }
        if !rota_conhecida(&metodo, &segmentos) {
            return (nao_ha_recurso(), false);
        }
        if let Err(r) = self.autenticar(req) {
            return (*r, false);
        }
        let resultado = self.operacao(&metodo, &segmentos, req);
        match resultado {
            Ok(mut corpo) => {
                corpo.insert("codigo_retorno".into(), json!("000"));
                corpo
                    .entry("mensagem_retorno")
                    .or_insert_with(|| json!("Operação realizada com sucesso"));
                (RespostaHttp::json(200, &Value::Object(corpo)), eh_post)
            }
            Err(f) => (
                RespostaHttp::json(
                    f.status,
                    &json!({
                        "codigo_retorno": f.codigo,
                        "mensagem_retorno": f.mensagem,
                    }),
                ),
                false,
            ),
        }
    }

    fn autenticar(&self, req: &Request) -> Result<(), Box<RespostaHttp>> {
        let Some(cabecalho) = req.headers.get("authorization") else {
            return Err(Box::new(RespostaHttp::json(
                401,
                &corpo_wso2(
                    "900902",
                    "Missing Credentials",
                    "Make sure your API invocation call has a header: 'Authorization : Bearer ACCESS_TOKEN'",
                ),
            )));
        };
        let token = cabecalho
            .to_str()
            .ok()
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim);
        match token.and_then(|t| self.tokens.expiracao(t)) {
            Some(exp) if exp > agora() => Ok(()),
            _ => Err(Box::new(RespostaHttp::json(
                401,
                &corpo_wso2(
                    "900901",
                    "Invalid Credentials",
                    "Invalid Credentials. Make sure you have provided the correct security credentials",
                ),
            ))),
        }
    }

    fn gerar_token(&mut self, req: &Request) -> RespostaHttp {
        let corpo = match Corpo::de(req) {
            Ok(c) => c,
            Err(f) => {
                return RespostaHttp::json(
                    400,
                    &json!({"codigo_retorno": f.codigo, "mensagem_retorno": f.mensagem}),
                );
            }
        };
        let (Some(key), Some(secret)) =
            (corpo.bruto("consumer_key"), corpo.bruto("consumer_secret"))
        else {
            return RespostaHttp::json(
                400,
                &json!({
                    "codigo_retorno": "400",
                    "mensagem_retorno": "consumer_key e consumer_secret são obrigatórios",
                }),
            );
        };
        if key != self.consumer_key || secret != self.consumer_secret {
            return RespostaHttp::json(
                401,
                &corpo_wso2(
                    "900901",
                    "Invalid Credentials",
                    "consumer_key/consumer_secret inválidos",
                ),
            );
        }
        let iat = agora();
        let validade = i64::try_from(self.validade_token.as_secs()).unwrap_or(3600);
        let exp = iat.saturating_add(validade);
        let jti = self.proximo();
        let cabecalho = base64url(br#"{"alg":"RS256","typ":"JWT"}"#);
        let carga = base64url(
            json!({
                "sub": key,
                "iss": "https://simulador-cetmg.invalid/oauth2/token",
                "aud": "renave-usados",
                "iat": iat,
                "exp": exp,
                "jti": format!("sim-{jti}"),
            })
            .to_string()
            .as_bytes(),
        );
        let assinatura: Vec<u8> = (0..32).map(|_| self.rng.u8(..)).collect();
        let token = format!("{cabecalho}.{carga}.{}", base64url(&assinatura));
        self.tokens.registrar(token.clone(), exp, iat);
        RespostaHttp::json(
            200,
            &json!({
                "access_token": token,
                "token_type": "Bearer",
                "scope": "default",
                "expires_in": validade,
            }),
        )
    }

    fn operacao(&mut self, metodo: &Method, seg: &[&str], req: &Request) -> Resultado {
        let get = *metodo == Method::GET;
        match seg {
            ["consultar-aptidao-veiculo-estoque", c, p, e] if get => {
                self.consultar_aptidao(c, p, e)
            }
            ["consultar-solicitacao-servico-transferencia-propriedade-veiculo"] => {
                self.consultar_solicitacao(&consulta_ou_corpo(metodo, req)?)
            }
            ["registrar-solicitacao-servico-transferencia-propriedade-veiculo"] => {
                self.registrar_solicitacao(&Corpo::de(req)?)
            }
            ["registrar-comunicacao-venda-entrada-estoque"] => {
                self.comunicacao_venda(&Corpo::de(req)?, SentidoSolicitacao::Entrada)
            }
            ["registrar-comunicacao-venda-saida-estoque"] => {
                self.comunicacao_venda(&Corpo::de(req)?, SentidoSolicitacao::Saida)
            }
            ["portal-transito", "emitir-guia-dae"] => self.emitir_guia_dae(&Corpo::de(req)?),
            [
                "vistoria",
                "consultar-distribuicao-ativa",
                comprador,
                chassi,
            ] => self.consultar_distribuicao(comprador, chassi),
            ["vistoria", "consultar-ultimo-laudo", comprador, chassi] => {
                self.consultar_ultimo_laudo(comprador, chassi)
            }
            ["vistoria", "retornar-regioes-municipio", municipio, tipo] => {
                self.retornar_regioes(municipio, tipo)
            }
            ["vistoria", "distribuir"] => self.distribuir(&Corpo::de(req)?),
            ["agenda-minas", "consultar-agendamento", comprador, chassi] => {
                self.consultar_agendamento(comprador, chassi)
            }
            [
                "agenda-minas",
                "retornar-datas-com-vagas-para-agendamento",
                comprador,
                chassi,
            ] => self.retornar_datas(comprador, chassi),
            [
                "agenda-minas",
                "retornar-periodos-atendimento",
                data,
                comprador,
                chassi,
            ] => self.retornar_periodos(data, comprador, chassi),
            ["agenda-minas", "gravar-agendamento"] => self.gravar_agendamento(&Corpo::de(req)?),
            ["protocolo-digital", "criar-processo-transferencia"] => {
                self.criar_processo(&Corpo::de(req)?)
            }
            ["protocolo-digital", "recuperar-protocolo-renave"] => {
                self.recuperar_protocolo(&consulta_ou_corpo(metodo, req)?)
            }
            ["protocolo-digital", "regularizar-pendencia-renave"] => {
                self.regularizar_pendencia(&Corpo::de(req)?)
            }
            [
                "protocolo-digital",
                "listar-veiculos-comunicacao-venda",
                proprietario,
            ] => self.listar_comunicacoes(proprietario),
            [
                "protocolo-digital",
                "upload-documento-ficha-cadastro-renave",
            ] => self.upload_ficha(&Corpo::de(req)?),
            ["tabelas-auxiliares", nome] => tabela_auxiliar(nome),
            _ => Err(Falha::nao_encontrado("recurso não encontrado")),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Helpers over the state
    // -----------------------------------------------------------------------------------------

    fn veiculo(&self, chassi: &Chassi) -> Result<usize, Falha> {
        self.veiculos
            .iter()
            .position(|v| v.chassi == *chassi)
            .ok_or_else(|| {
                Falha::nao_encontrado("veículo não localizado para a combinação enviada")
            })
    }

    fn conferir_placa_renavam(
        &self,
        i: usize,
        placa: Placa,
        renavam: &Renavam,
    ) -> Result<(), Falha> {
        let v = self
            .veiculos
            .get(i)
            .ok_or_else(|| Falha::nao_encontrado("veículo não localizado"))?;
        if v.placa.as_str() != placa.as_str() {
            return Err(Falha::conflito("placa não confere com o chassi informado"));
        }
        if v.renavam != *renavam {
            return Err(Falha::conflito(
                "RENAVAM não confere com o chassi informado",
            ));
        }
        Ok(())
    }

    fn solicitacao_aberta(&self, chassi: &Chassi) -> Option<&Solicitacao> {
        self.solicitacoes
            .iter()
            .find(|s| s.chassi == *chassi && !s.concluida)
    }

    fn dae_pago(&self, solicitacao: u64) -> bool {
        self.daes
            .iter()
            .any(|d| d.solicitacao == solicitacao && d.pago)
    }

    fn distribuicao_ativa(
        &self,
        comprador: &CpfCnpj,
        chassi: &Chassi,
    ) -> Result<(Solicitacao, Distribuicao), Falha> {
        let s = self
            .solicitacoes
            .iter()
            .find(|s| s.chassi == *chassi && s.comprador == *comprador && !s.concluida)
            .ok_or_else(|| {
                Falha::negocio(
                    "301",
                    "não há distribuição ativa para o veículo e comprador informados",
                )
            })?;
        let d = self
            .distribuicoes
            .iter()
            .find(|d| d.solicitacao == s.id)
            .ok_or_else(|| {
                Falha::negocio(
                    "301",
                    "não há distribuição ativa para o veículo e comprador informados",
                )
            })?;
        Ok((s.clone(), d.clone()))
    }

    fn datas_com_vagas(&self) -> Vec<(Data, u32)> {
        let hoje = Data::hoje_brasilia();
        (1..=DIAS_AGENDA)
            .map(|n| dados::dias_depois(hoje, n))
            .filter(|d| {
                !matches!(
                    d.as_jiff().weekday(),
                    jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
                )
            })
            .map(|d| {
                let livres: u32 = PERIODOS
                    .iter()
                    .map(|(p, _, _)| VAGAS_POR_PERIODO.saturating_sub(self.ocupadas(d, *p)))
                    .sum();
                (d, livres)
            })
            .filter(|(_, livres)| *livres > 0)
            .collect()
    }

    fn ocupadas(&self, data: Data, periodo: u64) -> u32 {
        self.vagas_ocupadas
            .get(&(data, periodo))
            .copied()
            .unwrap_or(0)
    }

    // -----------------------------------------------------------------------------------------
    // Renave (R §5.2–§5.6)
    // -----------------------------------------------------------------------------------------

    fn consultar_aptidao(
        &self,
        chassi: &str,
        proprietario: &str,
        estabelecimento: &str,
    ) -> Resultado {
        let chassi: Chassi = parametro("chassi", chassi)?;
        let proprietario: CpfCnpj = parametro("cpf_cnpj_proprietario", proprietario)?;
        let _: Cnpj = parametro("cpf_cnpj_estabelecimento", estabelecimento)?;
        let v = self
            .veiculos
            .get(self.veiculo(&chassi)?)
            .ok_or_else(|| Falha::nao_encontrado("veículo não localizado"))?;
        if v.proprietario != proprietario {
            return Err(Falha::conflito(
                "proprietário não confere com o cadastro do veículo",
            ));
        }
        let a = &v.aptidao;
        let avaliacao = avaliar_aptidao(a);
        let mensagem = if avaliacao.pode_prosseguir() {
            "Veículo apto para entrada/saída de estoque".to_owned()
        } else {
            let nomes: Vec<String> = avaliacao
                .impedimentos
                .iter()
                .map(ToString::to_string)
                .collect();
            format!("Veículo não apto: {}", nomes.join("; "))
        };
        Ok(objeto(json!({
            "mensagem_retorno": mensagem,
            "chassi": v.chassi.as_str(),
            "placa": v.placa.as_str(),
            "renavam": v.renavam.as_str(),
            "comunicacao_venda_registrada": a.comunicacao_venda_registrada,
            "laudo_csv_em_aberto": a.laudo_csv_em_aberto,
            "reserva_dominio": a.reserva_dominio,
            "gravame": a.gravame,
            "total_autuacoes": a.total_autuacoes,
            "multas_exigiveis": a.multas_exigiveis,
            "multas_totais": a.multas_totais,
            "pendencias_trlav": a.pendencias_trlav,
            "pendencias_ipva": a.pendencias_ipva,
            "pendencias_dpvat": a.pendencias_dpvat,
            "impedimentos_cadastrais": a.impedimentos_cadastrais,
            "recall_pendente": a.recall_pendente,
            "estampagem_em_aberto": a.estampagem_em_aberto,
            "observacoes_impeditivas_laudo": a.observacoes_impeditivas_laudo,
            "detalhes": a.detalhes,
        })))
    }

    fn consultar_solicitacao(&self, c: &Corpo) -> Resultado {
        let chassi: Chassi = c.tipado("chassi")?;
        let proprietario: CpfCnpj = c.tipado("cpf_cnpj_proprietario")?;
        let estabelecimento: Cnpj = c.tipado("cpf_cnpj_estabelecimento")?;
        let _: Option<Placa> = c.tipado_opcional("placa")?;
        let _: Option<Renavam> = c.tipado_opcional("renavam")?;
        self.veiculo(&chassi)?;
        let s = self
            .solicitacoes
            .iter()
            .rev()
            .find(|s| {
                s.chassi == chassi
                    && s.estabelecimento == estabelecimento
                    && (s.comprador == proprietario
                        || self
                            .veiculos
                            .iter()
                            .any(|v| v.chassi == chassi && v.proprietario == proprietario))
            })
            .ok_or_else(|| Falha::nao_encontrado("solicitação de transferência não encontrada"))?;
        Ok(objeto(json!({
            "id_solicitacao": s.id,
            "chassi": s.chassi.as_str(),
            "cpf_cnpj_estabelecimento": s.estabelecimento.as_str(),
            "cpf_cnpj_comprador": s.comprador.as_str(),
            "nome_comprador": s.nome_comprador,
            "codigo_municipio_emplacamento": s.municipio,
            "tipo_solicitacao": match s.sentido { SentidoSolicitacao::Entrada => "ENTRADA", SentidoSolicitacao::Saida => "SAIDA" },
            "data_registro": s.data_registro.to_string(),
            "situacao": if s.concluida { "CONCLUIDA" } else { "REGISTRADA" },
            "dae_pago": self.dae_pago(s.id),
        })))
    }

    fn registrar_solicitacao(&mut self, c: &Corpo) -> Resultado {
        let estabelecimento: Cnpj = c.tipado("cpf_cnpj_estabelecimento")?;
        let placa: Placa = c.tipado("placa")?;
        let renavam: Renavam = c.tipado("renavam")?;
        let chassi: Chassi = c.tipado("chassi")?;
        let comprador: CpfCnpj = c.tipado("cpf_cnpj_comprador")?;
        let _: renave_domain::Cep = c.tipado("cep_comprador")?;
        let _: Option<renave_domain::Cep> = c.tipado_opcional("cep_correspondencia")?;
        let _: Data = c.tipado("data_recibo")?;
        c.valor("valor_venda")?;
        for campo in [
            "codigo_cor",
            "codigo_tipo",
            "codigo_especie",
            "codigo_combustivel",
            "codigo_marca_modelo",
            "categoria",
            "nome_comprador",
            "endereco_comprador",
            "numero_endereco_comprador",
            "bairro_comprador",
        ] {
            c.texto(campo)?;
        }
        if !matches!(c.texto("isencao_ipva")?.as_str(), "1" | "2") {
            return Err(Falha::entrada(
                "campo `isencao_ipva` deve ser 1 (isento) ou 2 (não isento)",
            ));
        }
        if !matches!(c.texto("modalidade_compra")?.as_str(), "0" | "2" | "4") {
            return Err(Falha::entrada(
                "campo `modalidade_compra` deve ser 0, 2 ou 4",
            ));
        }
        if let Some(a) = c.bruto("atividade") {
            if !Atividade::from(a.as_str()).is_conhecido() {
                return Err(Falha::entrada("campo `atividade` deve ser T, L, E, C ou O"));
            }
        }
        let municipio: renave_domain::CodigoMunicipio =
            c.tipado("codigo_municipio_emplacamento")?;
        if !dados::MUNICIPIOS
            .iter()
            .any(|(m, _, _)| *m == municipio.as_str())
        {
            return Err(Falha::negocio(
                "203",
                "município de emplacamento não encontrado em Minas Gerais",
            ));
        }
        let i = self.veiculo(&chassi)?;
        self.conferir_placa_renavam(i, placa, &renavam)?;
        let v = self
            .veiculos
            .get(i)
            .ok_or_else(|| Falha::nao_encontrado("veículo não localizado"))?;
        let sentido = sentido_solicitacao(&comprador, &estabelecimento);
        let no_estoque = v.proprietario.cnpj() == Some(&estabelecimento);
        match sentido {
            SentidoSolicitacao::Entrada if no_estoque => {
                return Err(Falha::conflito(
                    "o veículo já está no estoque do estabelecimento",
                ));
            }
            SentidoSolicitacao::Saida if !no_estoque => {
                return Err(Falha::conflito(
                    "o veículo não está no estoque do estabelecimento (proprietário não confere)",
                ));
            }
            _ => {}
        }
        let avaliacao = avaliar_aptidao(&v.aptidao);
        if !avaliacao.pode_prosseguir() {
            let nomes: Vec<String> = avaliacao
                .impedimentos
                .iter()
                .map(ToString::to_string)
                .collect();
            return Err(Falha::negocio(
                "101",
                format!("veículo não apto: {}", nomes.join("; ")),
            ));
        }
        if self.solicitacao_aberta(&chassi).is_some() {
            return Err(Falha::negocio(
                "102",
                "já existe solicitação de transferência registrada para o veículo",
            ));
        }
        let id = self.proximo();
        self.solicitacoes.push(Solicitacao {
            id,
            chassi,
            estabelecimento,
            comprador,
            nome_comprador: c.texto("nome_comprador")?,
            endereco_comprador: format!(
                "{}, {} - {}",
                c.texto("endereco_comprador")?,
                c.texto("numero_endereco_comprador")?,
                c.texto("bairro_comprador")?
            ),
            sentido,
            municipio: municipio.as_str().to_owned(),
            data_registro: Data::hoje_brasilia(),
            concluida: false,
        });
        Ok(objeto(json!({
            "mensagem_retorno": format!("Solicitação de {sentido} registrada com sucesso"),
            "id_solicitacao": id,
            "tipo_solicitacao": match sentido { SentidoSolicitacao::Entrada => "ENTRADA", SentidoSolicitacao::Saida => "SAIDA" },
        })))
    }

    fn comunicacao_venda(&mut self, corpo: &Corpo, sentido: SentidoSolicitacao) -> Resultado {
        let placa: Placa = corpo.tipado("placa")?;
        let renavam: Renavam = corpo.tipado("renavam")?;
        let chassi: Chassi = corpo.tipado("chassi")?;
        let atpve = corpo.texto("numero_atpve")?;
        let (comprador, id_estoque) = match sentido {
            SentidoSolicitacao::Saida => (
                Some(corpo.tipado::<CpfCnpj>("cpf_cnpj_comprador")?),
                Some(corpo.texto("id_estoque")?),
            ),
            SentidoSolicitacao::Entrada => (None, None),
        };
        let indice = self.veiculo(&chassi)?;
        self.conferir_placa_renavam(indice, placa, &renavam)?;
        let v = self
            .veiculos
            .get(indice)
            .ok_or_else(|| Falha::nao_encontrado("veículo não localizado"))?
            .clone();
        if let Some(id) = &id_estoque {
            if v.id_estoque.as_deref() != Some(id.as_str()) {
                return Err(Falha::conflito(
                    "identificador do estoque não confere com o veículo",
                ));
            }
        }
        let Some(s) = self
            .solicitacoes
            .iter()
            .find(|s| s.chassi == chassi && s.sentido == sentido && !s.concluida)
            .cloned()
        else {
            return Err(Falha::negocio(
                "201",
                format!("não há solicitação de {sentido} registrada para o veículo"),
            ));
        };
        if let Some(comp) = &comprador {
            if *comp != s.comprador {
                return Err(Falha::conflito(
                    "comprador não confere com a solicitação de saída",
                ));
            }
        }
        let Some(assinada) = self.atpves.consultar(&chassi) else {
            return Err(Falha::negocio("401", "ATPV-e não assinada para o veículo"));
        };
        if assinada != atpve {
            return Err(Falha::conflito(
                "número da ATPV-e não confere com a ATPV-e assinada",
            ));
        }
        self.atpves.remover(&chassi);
        self.comunicacoes.push(Comunicacao {
            chassi,
            vendedor: v.proprietario,
            data: Data::hoje_brasilia(),
        });
        if let Some(sol) = self.solicitacoes.iter_mut().find(|x| x.id == s.id) {
            sol.concluida = true;
        }
        self.distribuicoes.retain(|d| d.solicitacao != s.id);
        let novo_estoque = match sentido {
            SentidoSolicitacao::Entrada => Some(format!("{}", 200_000 + self.proximo())),
            SentidoSolicitacao::Saida => None,
        };
        if let Some(veiculo) = self.veiculos.get_mut(indice) {
            veiculo.proprietario = s.comprador;
            veiculo.id_estoque.clone_from(&novo_estoque);
            veiculo.aptidao.comunicacao_venda_registrada = Some(true);
        }
        let mut r = objeto(json!({
            "mensagem_retorno": format!("Comunicação de venda de {sentido} registrada com sucesso"),
        }));
        if let Some(id) = novo_estoque {
            r.insert("id_estoque".into(), json!(id));
        }
        Ok(r)
    }

    // -----------------------------------------------------------------------------------------
    // DAE (R §5.7, §6.1.5)
    // -----------------------------------------------------------------------------------------

    fn emitir_guia_dae(&mut self, c: &Corpo) -> Resultado {
        let estabelecimento: Cnpj = c.tipado("cnpj_estabelecimento")?;
        let taxa = c.texto("codigo_taxa")?;
        let comprador: CpfCnpj = c.tipado("cpf_cnpj_comprador")?;
        let _: Uf = c.tipado("uf_origem_comprador")?;
        let municipio: renave_domain::CodigoMunicipio =
            c.tipado("codigo_municipio_emplacamento")?;
        if taxa != "64" {
            return Err(Falha::negocio(
                "202",
                "código de taxa não disponível para emissão (apenas 64, vistoria móvel)",
            ));
        }
        let Some((_, ibge, nome_municipio)) = dados::MUNICIPIOS
            .iter()
            .find(|(m, _, _)| *m == municipio.as_str())
        else {
            return Err(Falha::negocio(
                "203",
                "município de emplacamento não encontrado em Minas Gerais",
            ));
        };
        let candidatas: Vec<Solicitacao> = self
            .solicitacoes
            .iter()
            .filter(|s| {
                !s.concluida && s.estabelecimento == estabelecimento && s.comprador == comprador
            })
            .filter(|s| !self.dae_pago(s.id))
            .cloned()
            .collect();
        if candidatas.is_empty() {
            return Err(Falha::negocio(
                "201",
                "não há solicitação de transferência pendente de pagamento para o estabelecimento e comprador",
            ));
        }
        let hoje = Data::hoje_brasilia();
        let mut guias = Vec::new();
        for s in &candidatas {
            let existente = self
                .daes
                .iter()
                .find(|d| d.solicitacao == s.id && !d.pago)
                .cloned();
            let dae = if let Some(d) = existente {
                d
            } else {
                {
                    let numero =
                        u64::try_from(hoje.ano()).unwrap_or(2026) * 100_000_000 + self.proximo();
                    let centavos = VALOR_TAXA_VISTORIA_MOVEL_CENTAVOS;
                    let linha = pagamento::linha_digitavel(centavos, numero)
                        .map_err(|e| Falha::interna(&e))?;
                    let pix = pagamento::pix_copia_e_cola(centavos, &format!("DAE{numero}"))
                        .map_err(|e| Falha::interna(&e))?;
                    let dae = Dae {
                        numero,
                        solicitacao: s.id,
                        linha,
                        pix,
                        centavos,
                        emissao: hoje,
                        vencimento: dados::dias_depois(hoje, 10),
                        municipio: municipio.as_str().to_owned(),
                        pago: false,
                    };
                    self.daes.push(dae.clone());
                    dae
                }
            };
            let v = self.veiculos.iter().find(|v| v.chassi == s.chassi);
            guias.push(json!({
                "codigo_tipo_contribuinte": if s.comprador.cnpj().is_some() { 2 } else { 1 },
                "linha_digitavel": dae.linha,
                "codigo_ibge_municipio": ibge,
                "nome_municipio": nome_municipio,
                "codigo_municipio": dae.municipio,
                "mes_ano_referencia": format!("{:02}/{}", dae.emissao.mes(), dae.emissao.ano()),
                "data_emissao": dae.emissao.to_string(),
                "numero_identificacao_boleto": dae.numero.to_string(),
                "valor_taxa": valor_json(dae.centavos),
                "data_vencimento": dae.vencimento.to_string(),
                "pix_copia_e_cola": dae.pix,
                "arquivo_dae": pdf_dae(dae.numero),
                "placa": v.map(|v| v.placa.as_str().to_owned()),
                "chassi": s.chassi.as_str(),
                "renavam": v.map(|v| v.renavam.as_str().to_owned()),
                "cpf_cnpj_contribuinte": s.comprador.as_str(),
                "nome_contribuinte": s.nome_comprador,
                "endereco_contribuinte": s.endereco_comprador,
                "codigo_taxa": 64,
                "mensagem1": "TAXA DE VISTORIA MÓVEL - RENAVE USADOS",
                "mensagem2": "DOCUMENTO EMITIDO PELO SIMULADOR CET-MG - SEM VALOR FISCAL",
            }));
        }
        if guias.len() == 1 {
            let mut unica = objeto(guias.pop().unwrap_or(Value::Null));
            unica.insert("mensagem_retorno".into(), json!("DAE emitido com sucesso"));
            Ok(unica)
        } else {
            Ok(objeto(json!({
                "mensagem_retorno": format!(
                    "O estabelecimento possui {} solicitações pendentes: escolha o veículo",
                    guias.len()
                ),
                "guias": guias,
            })))
        }
    }

    // -----------------------------------------------------------------------------------------
    // Vistoria (R §5.8–§5.11)
    // -----------------------------------------------------------------------------------------

    fn resposta_distribuicao(&self, s: &Solicitacao, d: &Distribuicao) -> Map<String, Value> {
        let ecv = dados::ECVS.get(d.ecv).or_else(|| dados::ECVS.first());
        let regiao = self.regioes.iter().find(|r| r.id == d.regiao);
        let v = self.veiculos.iter().find(|v| v.chassi == s.chassi);
        let nome_municipio = regiao
            .and_then(|r| dados::MUNICIPIOS.iter().find(|(m, _, _)| *m == r.municipio))
            .map(|(_, _, n)| *n);
        objeto(json!({
            "cnpj_ecv": ecv.map(|e| e.cnpj),
            "razao_social_ecv": ecv.map(|e| e.razao_social),
            "nome_fantasia_ecv": ecv.map(|e| e.nome_fantasia),
            "email_ecv": ecv.map(|e| e.email),
            "telefone_ecv": ecv.map(|e| e.telefone),
            "celular_ecv": ecv.map(|e| e.telefone),
            "site_ecv": "https://ecv.simulador-cetmg.invalid",
            "observacoes_ecv": "Atendimento de segunda a sexta",
            "logradouro_ecv": ecv.map(|e| e.logradouro),
            "numero_ecv": ecv.map(|e| e.numero),
            "complemento_ecv": null,
            "bairro_ecv": ecv.map(|e| e.bairro),
            "cep_ecv": ecv.map(|e| e.cep),
            "municipio_id_ecv": ecv.map(|e| e.municipio),
            "uf_ecv": "MG",
            "email_comprador": d.email,
            "cpf_cnpj_comprador": s.comprador.as_str(),
            "nome_comprador": s.nome_comprador,
            "telefone_comprador": d.telefone,
            "tipo_documento_comprador": if s.comprador.cnpj().is_some() { 2 } else { 1 },
            "receber_pesquisa": d.receber_pesquisa,
            "placa": v.map(|v| v.placa.as_str().to_owned()),
            "chassi": s.chassi.as_str(),
            "utilizado": true,
            "vistoria_movel": d.movel,
            "motivo_vistoria_movel_id": if d.movel { Some(1) } else { None },
            "motivo_vistoria_id": 1,
            "municipio_vistoria_id": regiao.map(|r| r.municipio),
            "municipio_atendimento_id": regiao.map(|r| r.municipio),
            "unidade_responsavel_id": d.ecv + 1,
            "vistoria_id": d.vistoria_id,
            "unidade_responsavel_vistoria_id": d.ecv + 1,
            "nome_municipio": nome_municipio,
            "nome_regiao": regiao.map(|r| r.nome),
            "regiao_padrao": regiao.map(|r| u8::from(r.padrao)),
            "municipio_regiao_id": d.regiao,
        }))
    }

    fn retornar_regioes(&self, municipio: &str, tipo: &str) -> Resultado {
        if municipio.is_empty() || !municipio.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Falha::entrada("parâmetro `municipio_id` deve ser numérico"));
        }
        if tipo.is_empty() || !tipo.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Falha::entrada("parâmetro `tipo_ecv_id` deve ser numérico"));
        }
        let codigo = format!("{:0>4}", municipio.trim_start_matches('0'));
        let regioes: Vec<Value> = self
            .regioes
            .iter()
            .filter(|r| {
                r.municipio == codigo
                    || dados::MUNICIPIOS
                        .iter()
                        .any(|(m, i, _)| *m == r.municipio && *i == municipio)
            })
            .map(|r| {
                json!({
                    "municipio_regiao_id": r.id,
                    "nome_regiao": r.nome,
                    "regiao_padrao": u8::from(r.padrao),
                    "municipio_id": r.municipio,
                })
            })
            .collect();
        if regioes.is_empty() {
            return Err(Falha::negocio(
                "205",
                "município sem região com ECV credenciada",
            ));
        }
        Ok(objeto(json!({"dados": regioes})))
    }

    fn distribuir(&mut self, c: &Corpo) -> Resultado {
        let estabelecimento: Cnpj = c.tipado("cnpj_estabelecimento")?;
        let regiao_id = c.texto("municipio_regiao_id")?;
        let comprador: CpfCnpj = c.tipado("cpf_cnpj_comprador")?;
        let telefone = c.texto("telefone_comprador")?;
        let email = c.texto("email_comprador")?;
        if !email.contains('@') {
            return Err(Falha::entrada("campo `email_comprador` inválido"));
        }
        let movel = c.flag("vistoria_movel")?;
        let receber_pesquisa = c.flag("receber_pesquisa")?;
        let chassi: Option<Chassi> = c.tipado_opcional("chassi")?;
        let Some(regiao) = self
            .regioes
            .iter()
            .find(|r| r.id.to_string() == regiao_id)
            .cloned()
        else {
            return Err(Falha::negocio(
                "205",
                "região de município (municipio_regiao_id) não encontrada",
            ));
        };
        let abertas: Vec<Solicitacao> = self
            .solicitacoes
            .iter()
            .filter(|s| {
                !s.concluida
                    && s.estabelecimento == estabelecimento
                    && s.comprador == comprador
                    && chassi.is_none_or(|ch| s.chassi == ch)
            })
            .cloned()
            .collect();
        if abertas.is_empty() {
            return Err(Falha::negocio(
                "201",
                "não há solicitação de transferência registrada para o estabelecimento e comprador",
            ));
        }
        let sem_distribuicao: Vec<&Solicitacao> = abertas
            .iter()
            .filter(|s| !self.distribuicoes.iter().any(|d| d.solicitacao == s.id))
            .collect();
        if sem_distribuicao.is_empty() {
            return Err(Falha::negocio(
                "206",
                "o veículo já possui distribuição ativa para uma ECV",
            ));
        }
        let escolhida = if movel {
            sem_distribuicao
                .iter()
                .find(|s| self.dae_pago(s.id))
                .copied()
                .ok_or_else(|| {
                    Falha::negocio(
                        "204",
                        "taxa de vistoria móvel (DAE, taxa 64) não paga ou ainda não compensada",
                    )
                })?
        } else {
            sem_distribuicao
                .first()
                .copied()
                .ok_or_else(|| Falha::negocio("201", "sem solicitação"))?
        };
        let d = Distribuicao {
            vistoria_id: 500_000 + self.contador + 1,
            solicitacao: escolhida.id,
            regiao: regiao.id,
            ecv: regiao.ecv,
            movel,
            telefone,
            email,
            receber_pesquisa,
        };
        self.contador += 1;
        let escolhida = escolhida.clone();
        self.distribuicoes.push(d.clone());
        let mut r = self.resposta_distribuicao(&escolhida, &d);
        r.insert(
            "mensagem_retorno".into(),
            json!("Veículo distribuído para a ECV com sucesso"),
        );
        Ok(r)
    }

    fn consultar_distribuicao(&self, comprador: &str, chassi: &str) -> Resultado {
        let comprador: CpfCnpj = parametro("cpf_cnpj_comprador", comprador)?;
        let chassi: Chassi = parametro("chassi", chassi)?;
        self.veiculo(&chassi)?;
        let (s, d) = self.distribuicao_ativa(&comprador, &chassi)?;
        Ok(self.resposta_distribuicao(&s, &d))
    }

    fn consultar_ultimo_laudo(&self, comprador: &str, chassi: &str) -> Resultado {
        let _: CpfCnpj = parametro("cpf_cnpj_comprador", comprador)?;
        let chassi: Chassi = parametro("chassi", chassi)?;
        let v = self
            .veiculos
            .get(self.veiculo(&chassi)?)
            .ok_or_else(|| Falha::nao_encontrado("veículo não localizado"))?;
        let Some(emissao) = v.emissao_ultimo_laudo else {
            return Err(Falha::negocio(
                "501",
                "não há laudo de vistoria para o veículo",
            ));
        };
        let hoje = Data::hoje_brasilia();
        let valido = verificar_validade_laudo(emissao, hoje).is_ok_and(|s| s.is_dentro_do_prazo());
        Ok(objeto(json!({
            "numero_laudo": numero_laudo(emissao, &v.renavam),
            "data_emissao": emissao.to_string(),
            "resultado": "APROVADO",
            "chassi": v.chassi.as_str(),
            "placa": v.placa.as_str(),
            "laudo_valido": valido,
        })))
    }

    // -----------------------------------------------------------------------------------------
    // Agenda Minas (R §5.12–§5.15)
    // -----------------------------------------------------------------------------------------

    fn retornar_datas(&self, comprador: &str, chassi: &str) -> Resultado {
        let comprador: CpfCnpj = parametro("cpf_cnpj_comprador", comprador)?;
        let chassi: Chassi = parametro("chassi", chassi)?;
        self.veiculo(&chassi)?;
        self.distribuicao_ativa(&comprador, &chassi)?;
        let datas: Vec<Value> = self
            .datas_com_vagas()
            .into_iter()
            .map(|(d, livres)| json!({"data": d.to_string(), "vagas": livres}))
            .collect();
        Ok(objeto(json!({"dados": datas})))
    }

    fn retornar_periodos(&self, data: &str, comprador: &str, chassi: &str) -> Resultado {
        let data: Data = parametro("data_agendada", data)?;
        let comprador: CpfCnpj = parametro("cpf_cnpj_comprador", comprador)?;
        let chassi: Chassi = parametro("chassi", chassi)?;
        self.veiculo(&chassi)?;
        self.distribuicao_ativa(&comprador, &chassi)?;
        if !self.datas_com_vagas().iter().any(|(d, _)| *d == data) {
            return Err(Falha::negocio("302", "data sem vagas para agendamento"));
        }
        let periodos: Vec<Value> = PERIODOS
            .iter()
            .filter_map(|(id, inicio, fim)| {
                let livres = VAGAS_POR_PERIODO.saturating_sub(self.ocupadas(data, *id));
                (livres > 0).then(|| {
                    json!({
                        "periodo_id": id,
                        "descricao": format!("{inicio} às {fim}"),
                        "hora_inicio": inicio,
                        "hora_fim": fim,
                        "vagas": livres,
                    })
                })
            })
            .collect();
        Ok(objeto(json!({"dados": periodos})))
    }

    fn gravar_agendamento(&mut self, c: &Corpo) -> Resultado {
        let estabelecimento: Cnpj = c.tipado("cnpj_estabelecimento")?;
        let data: Data = c.tipado("data_agendada")?;
        let periodo = c.texto("periodo_id")?;
        let comprador: CpfCnpj = c.tipado("cpf_cnpj_comprador")?;
        let chassi: Chassi = c.tipado("chassi")?;
        self.veiculo(&chassi)?;
        let (s, d) = self.distribuicao_ativa(&comprador, &chassi)?;
        if s.estabelecimento != estabelecimento {
            return Err(Falha::conflito(
                "estabelecimento não confere com a solicitação do veículo",
            ));
        }
        if self.agendamentos.iter().any(|a| a.solicitacao == s.id) {
            return Err(Falha::negocio(
                "304",
                "já existe agendamento para o veículo",
            ));
        }
        if !self.datas_com_vagas().iter().any(|(x, _)| *x == data) {
            return Err(Falha::negocio("302", "data sem vagas para agendamento"));
        }
        let Some((pid, inicio, fim)) = PERIODOS.iter().find(|(id, _, _)| id.to_string() == periodo)
        else {
            return Err(Falha::negocio("303", "período de atendimento inexistente"));
        };
        if self.ocupadas(data, *pid) >= VAGAS_POR_PERIODO {
            return Err(Falha::negocio("303", "período de atendimento sem vagas"));
        }
        *self.vagas_ocupadas.entry((data, *pid)).or_insert(0) += 1;
        let numero = 700_000 + self.proximo();
        self.agendamentos.push(Agendamento {
            numero,
            solicitacao: s.id,
            data,
            periodo: *pid,
        });
        let ecv = dados::ECVS.get(d.ecv);
        Ok(objeto(json!({
            "mensagem_retorno": "Agendamento realizado com sucesso",
            "numero_agendamento": numero,
            "data_agendada": data.to_string(),
            "periodo_id": pid,
            "descricao_periodo": format!("{inicio} às {fim}"),
            "hora_inicio": inicio,
            "hora_fim": fim,
            "razao_social_ecv": ecv.map(|e| e.razao_social),
            "chassi": chassi.as_str(),
        })))
    }

    fn consultar_agendamento(&self, comprador: &str, chassi: &str) -> Resultado {
        let comprador: CpfCnpj = parametro("cpf_cnpj_comprador", comprador)?;
        let chassi: Chassi = parametro("chassi", chassi)?;
        self.veiculo(&chassi)?;
        let (s, d) = self.distribuicao_ativa(&comprador, &chassi)?;
        let Some(a) = self.agendamentos.iter().find(|a| a.solicitacao == s.id) else {
            return Err(Falha::negocio("305", "não há agendamento para o veículo"));
        };
        let (_, inicio, fim) = PERIODOS
            .iter()
            .find(|(id, _, _)| *id == a.periodo)
            .copied()
            .unwrap_or((0, "", ""));
        Ok(objeto(json!({
            "numero_agendamento": a.numero,
            "data_agendada": a.data.to_string(),
            "periodo_id": a.periodo,
            "descricao_periodo": format!("{inicio} às {fim}"),
            "hora_inicio": inicio,
            "hora_fim": fim,
            "razao_social_ecv": dados::ECVS.get(d.ecv).map(|e| e.razao_social),
            "chassi": chassi.as_str(),
            "cpf_cnpj_comprador": comprador.as_str(),
        })))
    }

    // -----------------------------------------------------------------------------------------
    // Protocolo Digital (R §7)
    // -----------------------------------------------------------------------------------------

    fn criar_processo(&mut self, c: &Corpo) -> Resultado {
        let chassi: Chassi = c.tipado("chassi")?;
        let placa: Placa = c.tipado("placa")?;
        let renavam: Renavam = c.tipado("renavam")?;
        let solicitante: CpfCnpj = c.tipado("cpf_cnpj_solicitante")?;
        let adquirente: CpfCnpj = c.tipado("cpf_cnpj_adquirente")?;
        c.texto("nome_adquirente")?;
        let i = self.veiculo(&chassi)?;
        self.conferir_placa_renavam(i, placa, &renavam)?;
        let tipo_doc = match c.bruto("tipo_documento_adquirente") {
            Some(t) => {
                let t = TipoDocumentoAdquirente::from(t.as_str());
                if !t.is_conhecido() {
                    return Err(Falha::entrada(
                        "campo `tipo_documento_adquirente` deve ser 1 (CPF) ou 2 (CNPJ)",
                    ));
                }
                if t != TipoDocumentoAdquirente::de_documento(&adquirente) {
                    return Err(Falha::conflito(
                        "tipo_documento_adquirente não confere com o documento do adquirente",
                    ));
                }
                t
            }
            None => TipoDocumentoAdquirente::de_documento(&adquirente),
        };
        let condicoes = CondicoesDocumentos {
            alterar_nome: c.flag("alterar_nome")?,
            atividade: c.bruto("atividade").map(|a| Atividade::from(a.as_str())),
            categoria: c.bruto("categoria").map(|a| Categoria::from(a.as_str())),
            tipo_veiculo: c
                .bruto("tipo_veiculo")
                .map(|a| TipoVeiculo::from(a.as_str())),
            tipo_documento_adquirente: Some(tipo_doc),
            determinacao_judicial: c.flag("determinacao_judicial")?,
            inserir_comodato: c.flag("inserir_comodato")?,
        };
        if c.0.contains_key("documentos_anexados") {
            checar_documentos(&condicoes, &c.ids("documentos_anexados"))?;
        }
        let exigidos: Vec<DocumentoId> = renave_domain::documentos_exigidos(&condicoes)
            .into_iter()
            .map(|d| d.documento)
            .collect();
        let n = self.proximo();
        let numero = format!("{}{:07}", Data::hoje_brasilia().ano(), n);
        let pendencia = Pendencia {
            numero: 900_000 + n,
            exigidos: exigidos.clone(),
            regularizada: false,
        };
        let pendencias = vec![json_pendencia(&pendencia)];
        self.processos.push(Processo {
            numero: numero.clone(),
            chassi,
            solicitante,
            adquirente,
            condicoes,
            pendencias: vec![pendencia],
            ficha_recebida: false,
        });
        Ok(objeto(json!({
            "mensagem": "Processo de transferência criado com sucesso",
            "mensagem_retorno": "Processo de transferência criado com sucesso",
            "numero_protocolo": numero,
            "pendencias": pendencias,
        })))
    }

    fn processo(&self, numero: &str) -> Result<usize, Falha> {
        self.processos
            .iter()
            .position(|p| p.numero == numero)
            .ok_or_else(|| Falha::nao_encontrado("protocolo não encontrado"))
    }

    fn recuperar_protocolo(&self, c: &Corpo) -> Resultado {
        let chassi: Chassi = c.tipado("chassi")?;
        let solicitante: CpfCnpj = c.tipado("cpf_cnpj_solicitante")?;
        let adquirente: CpfCnpj = c.tipado("cpf_cnpj_adquirente")?;
        let p = self
            .processos
            .iter()
            .rev()
            .find(|p| {
                p.chassi == chassi && p.solicitante == solicitante && p.adquirente == adquirente
            })
            .ok_or_else(|| {
                Falha::nao_encontrado("protocolo não encontrado para a combinação enviada")
            })?;
        let v = self.veiculos.iter().find(|v| v.chassi == chassi);
        let aberta = p.pendencias.iter().any(|x| !x.regularizada);
        Ok(objeto(json!({
            "numero_protocolo": p.numero,
            "cpf_cnpj_iniciador": p.solicitante.as_str(),
            "placa": v.map(|v| v.placa.as_str().to_owned()),
            "chassi": p.chassi.as_str(),
            "cpf_cnpj_comprador": p.adquirente.as_str(),
            "tipo_tarefa": if aberta { "REGULARIZAR PENDÊNCIA" } else { "EM ANÁLISE" },
            "pendencias": p.pendencias.iter().map(json_pendencia).collect::<Vec<_>>(),
        })))
    }

    fn regularizar_pendencia(&mut self, c: &Corpo) -> Resultado {
        let numero_pendencia = c.texto("numero_pendencia")?;
        let numero_protocolo = c.texto("numero_protocolo")?;
        let _: CpfCnpj = c.tipado("cpf_cnpj_remetente")?;
        let anexados = documentos_com_arquivo(c)?;
        let ip = self.processo(&numero_protocolo)?;
        let processo = self
            .processos
            .get(ip)
            .ok_or_else(|| Falha::nao_encontrado("protocolo não encontrado"))?;
        let Some(pendencia) = processo
            .pendencias
            .iter()
            .find(|p| p.numero.to_string() == numero_pendencia)
        else {
            return Err(Falha::nao_encontrado(
                "pendência não encontrada no protocolo",
            ));
        };
        if pendencia.regularizada {
            return Err(Falha::negocio("602", "pendência já regularizada"));
        }
        checar_documentos(&processo.condicoes, &anexados)?;
        if let Some(p) = self.processos.get_mut(ip).and_then(|p| {
            p.pendencias
                .iter_mut()
                .find(|p| p.numero.to_string() == numero_pendencia)
        }) {
            p.regularizada = true;
        }
        Ok(objeto(json!({
            "mensagem": "Pendência regularizada com sucesso",
            "mensagem_retorno": "Pendência regularizada com sucesso",
        })))
    }

    fn listar_comunicacoes(&self, proprietario: &str) -> Resultado {
        let proprietario: CpfCnpj = parametro("cpf_cnpj_proprietario", proprietario)?;
        let itens: Vec<Value> = self
            .comunicacoes
            .iter()
            .filter(|c| c.vendedor == proprietario)
            .map(|c| {
                let v = self.veiculos.iter().find(|v| v.chassi == c.chassi);
                json!({
                    "placa": v.map(|v| v.placa.as_str().to_owned()),
                    "chassi": c.chassi.as_str(),
                    "renavam": v.map(|v| v.renavam.as_str().to_owned()),
                    "data_comunicacao_venda": c.data.to_string(),
                    "status_comunicacao": "REGISTRADA",
                })
            })
            .collect();
        Ok(objeto(json!({"dados": itens})))
    }

    fn upload_ficha(&mut self, c: &Corpo) -> Resultado {
        let numero = c.texto("numero_protocolo")?;
        c.texto("tipo_documento")?;
        c.bruto("nome")
            .or_else(|| c.bruto("nome_arquivo"))
            .ok_or_else(|| Falha::entrada("campo obrigatório `nome` ausente"))?;
        let _: Option<CpfCnpj> = c.tipado_opcional("cpf_cnpj_remetente")?;
        exigir_pdf(&c.texto("arquivo")?)?;
        let ip = self.processo(&numero)?;
        let chassi = self
            .processos
            .get(ip)
            .map(|p| p.chassi)
            .ok_or_else(|| Falha::nao_encontrado("protocolo não encontrado"))?;
        let v = self
            .veiculos
            .get(self.veiculo(&chassi)?)
            .ok_or_else(|| Falha::nao_encontrado("veículo não localizado"))?;
        let Some(emissao) = v.emissao_ultimo_laudo else {
            return Err(Falha::negocio(
                "501",
                "não há laudo de vistoria para o veículo: realize a vistoria",
            ));
        };
        let situacao = verificar_validade_laudo(emissao, Data::hoje_brasilia())
            .map_err(|e| Falha::negocio("502", format!("data do laudo inconsistente: {e}")))?;
        if !situacao.is_dentro_do_prazo() {
            return Err(Falha::negocio(
                "502",
                format!(
                    "laudo de vistoria emitido em {emissao} tem mais de 120 dias (Portaria 1.542/2025 Art. 21 §1): realize nova vistoria"
                ),
            ));
        }
        if let Some(p) = self.processos.get_mut(ip) {
            p.ficha_recebida = true;
        }
        Ok(objeto(json!({
            "mensagem": "Ficha de cadastro recebida com sucesso",
            "mensagem_retorno": "Ficha de cadastro recebida com sucesso",
            "numero_protocolo": numero,
        })))
    }
}

/// The R §7.3 check over attached document ids: business code `601` naming every missing one.
fn checar_documentos(condicoes: &CondicoesDocumentos, anexados: &[String]) -> Result<(), Falha> {
    let ids: Vec<DocumentoId> = anexados
        .iter()
        .map(|a| DocumentoId::from(a.as_str()))
        .collect();
    verificar_documentos(condicoes, &ids).map_err(|faltam| {
        let lista: Vec<String> = faltam.faltantes().iter().map(ToString::to_string).collect();
        Falha::negocio(
            "601",
            format!(
                "documento obrigatório não fornecido (R §7.3): {}",
                lista.join("; ")
            ),
        )
    })
}

/// The documents of a regularização: the list `documentos_anexados` of `{tipo_documento, nome,
/// arquivo}` the SDK sends, and/or the single document of the R §5.18 field list
/// (`codigo_tipo_documento`, `nome_arquivo`, `arquivo`). Every file must be a base64 PDF.
fn documentos_com_arquivo(c: &Corpo) -> Result<Vec<String>, Falha> {
    let mut tipos = Vec::new();
    match c.0.get("documentos_anexados") {
        None | Some(Value::Null) => {}
        Some(Value::Array(itens)) => {
            for (i, item) in itens.iter().enumerate() {
                let Value::Object(o) = item else {
                    return Err(Falha::entrada(format!(
                        "`documentos_anexados[{i}]` deve ser um objeto"
                    )));
                };
                let doc = Corpo(o.clone());
                let tipo = doc
                    .bruto("tipo_documento")
                    .or_else(|| doc.bruto("codigo_tipo_documento"))
                    .ok_or_else(|| {
                        Falha::entrada(format!("`documentos_anexados[{i}].tipo_documento` ausente"))
                    })?;
                doc.bruto("nome")
                    .or_else(|| doc.bruto("nome_arquivo"))
                    .ok_or_else(|| {
                        Falha::entrada(format!("`documentos_anexados[{i}].nome` ausente"))
                    })?;
                exigir_pdf(&doc.texto("arquivo")?)?;
                tipos.push(tipo);
            }
        }
        Some(_) => return Err(Falha::entrada("`documentos_anexados` deve ser uma lista")),
    }
    if let Some(tipo) = c.bruto("codigo_tipo_documento") {
        c.bruto("nome_arquivo")
            .or_else(|| c.bruto("nome"))
            .ok_or_else(|| Falha::entrada("campo obrigatório `nome_arquivo` ausente"))?;
        exigir_pdf(&c.texto("arquivo")?)?;
        tipos.push(tipo);
    }
    if tipos.is_empty() {
        return Err(Falha::entrada(
            "nenhum documento anexado (`documentos_anexados`)",
        ));
    }
    Ok(tipos)
}

fn json_pendencia(p: &Pendencia) -> Value {
    json!({
        "numero_pendencia": p.numero,
        "descricao": "Documentação complementar (Regulamento Técnico CET-MG §7.3)",
        "documentos_exigidos": p.exigidos.iter().map(|d| json!({
            "codigo_tipo_documento": d.as_str(),
            "descricao": d.descricao(),
        })).collect::<Vec<_>>(),
        "situacao": if p.regularizada { "REGULARIZADA" } else { "ABERTA" },
    })
}

/// Checks that a base64 file is a PDF (its bytes start `%PDF-`), R §7.3, §7.5.
fn exigir_pdf(arquivo: &str) -> Result<(), Falha> {
    let limpo: String = arquivo
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(limpo.as_bytes())
        .map_err(|_| Falha::entrada("campo `arquivo` não está em base64"))?;
    if bytes.starts_with(b"%PDF-") {
        Ok(())
    } else {
        Err(Falha::entrada(
            "campo `arquivo` deve ser um PDF (somente PDF é aceito)",
        ))
    }
}

/// Query parameters of a GET (or the JSON body of a POST, when a caller overrides the method).
fn consulta_ou_corpo(metodo: &Method, req: &Request) -> Result<Corpo, Falha> {
    if *metodo == Method::POST {
        return Corpo::de(req);
    }
    Ok(Corpo(
        req.url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect(),
    ))
}

fn tabela_auxiliar(nome: &str) -> Resultado {
    let linhas = dados::tabela(nome)
        .ok_or_else(|| Falha::nao_encontrado("tabela auxiliar não encontrada"))?;
    let itens: Vec<Value> = if nome == "consultar-municipios-minas-gerais" {
        dados::MUNICIPIOS
            .iter()
            .map(|(c, i, n)| json!({"codigo": c, "descricao": n, "codigo_ibge": i, "uf": "MG"}))
            .collect()
    } else {
        linhas
            .into_iter()
            .map(|(c, d)| json!({"codigo": c, "descricao": d}))
            .collect()
    };
    Ok(objeto(json!({"dados": itens})))
}

/// Whether `(method, path)` is one of the CET-MG operations (else the gateway's 404 900906).
fn rota_conhecida(metodo: &Method, seg: &[&str]) -> bool {
    let get = *metodo == Method::GET;
    let post = *metodo == Method::POST;
    match seg {
        ["consultar-aptidao-veiculo-estoque", _, _, _]
        | [
            "vistoria",
            "consultar-distribuicao-ativa"
            | "consultar-ultimo-laudo"
            | "retornar-regioes-municipio",
            _,
            _,
        ]
        | [
            "agenda-minas",
            "consultar-agendamento" | "retornar-datas-com-vagas-para-agendamento",
            _,
            _,
        ]
        | ["agenda-minas", "retornar-periodos-atendimento", _, _, _]
        | ["protocolo-digital", "listar-veiculos-comunicacao-venda", _]
        | ["tabelas-auxiliares", _] => get,
        ["consultar-solicitacao-servico-transferencia-propriedade-veiculo"]
        | ["protocolo-digital", "recuperar-protocolo-renave"] => get || post,
        [
            "registrar-solicitacao-servico-transferencia-propriedade-veiculo"
            | "registrar-comunicacao-venda-entrada-estoque"
            | "registrar-comunicacao-venda-saida-estoque",
        ]
        | ["portal-transito", "emitir-guia-dae"]
        | ["vistoria", "distribuir"]
        | ["agenda-minas", "gravar-agendamento"]
        | [
            "protocolo-digital",
            "criar-processo-transferencia"
            | "regularizar-pendencia-renave"
            | "upload-documento-ficha-cadastro-renave",
        ] => post,
        _ => false,
    }
}

fn nao_ha_recurso() -> RespostaHttp {
    RespostaHttp::json(
        404,
        &corpo_wso2(
            "900906",
            "No matching resource found for given API Request",
            "The requested resource is not available.",
        ),
    )
}

impl ServicoSimulado for Estado {
    type Resposta = RespostaHttp;

    fn falhas(&mut self) -> &mut Falhas {
        &mut self.falhas
    }

    fn despachar(&mut self, req: &Request) -> (RespostaHttp, bool) {
        self.despachar_pedido(req)
    }

    fn resposta_de_falha(&mut self, status: u16, _req: &Request) -> RespostaHttp {
        resposta_falha_injetada(status)
    }

    /// A lost answer with 504 is the WSO2 "Send timeout" (`101504`); the state changed, but
    /// the client never sees the answer.
    fn resposta_perdida(&mut self, status: u16, _req: &Request) -> RespostaHttp {
        if status == 504 {
            RespostaHttp::json(504, &corpo_wso2("101504", "Runtime Error", "Send timeout"))
        } else {
            resposta_falha_injetada(status)
        }
    }

    fn para_http(resposta: RespostaHttp) -> RespostaHttp {
        resposta
    }
}

fn resposta_falha_injetada(status: u16) -> RespostaHttp {
    if status == 429 {
        let proximo = (jiff::Timestamp::now().as_millisecond()).saturating_add(1000);
        return RespostaHttp::json(
            429,
            &json!({
                "code": "900800",
                "message": "Message throttled out",
                "description": "You have exceeded your quota",
                "nextAccessTime": proximo,
            }),
        )
        .com_cabecalho("Retry-After", "1");
    }
    RespostaHttp::json(
        status,
        &json!({
            "codigo_retorno": "500",
            "mensagem_retorno": format!("falha simulada (HTTP {status})"),
        }),
    )
}

/// The number of the laudo of vistoria (R §5.9) issued on `emissao` for the vehicle with this
/// RENAVAM: `L`, the issue date (`AAAAMMDD`) and the RENAVAM's last six digits, so two vehicles
/// (or two vistorias of one vehicle on different days) never share a number.
fn numero_laudo(emissao: Data, renavam: &Renavam) -> String {
    let r = renavam.as_str();
    let fim = r.get(r.len().saturating_sub(6)..).unwrap_or(r);
    format!("L{}{fim}", emissao.to_string().replace('-', ""))
}

#[cfg(test)]
mod testes {
    use super::*;

    #[test]
    fn tokens_guardados_sao_no_maximo_os_mais_novos_validos() {
        let mut t = Tokens::default();
        for i in 0..MAXIMO_TOKENS + 5 {
            t.registrar(format!("t{i}"), 100, 10);
        }
        assert_eq!(t.len(), MAXIMO_TOKENS);
        assert_eq!(t.ordem.len(), MAXIMO_TOKENS);
        assert_eq!(t.expiracao("t4"), None, "the oldest are forgotten");
        assert_eq!(t.expiracao("t5"), Some(100));
        // Minting after they all expired forgets them all.
        t.registrar("novo".to_owned(), 300, 200);
        assert_eq!(t.len(), 1);
        assert_eq!(t.ordem.len(), 1);
        t.expirar_todos();
        assert_eq!(t.expiracao("novo"), Some(0));
    }
}
