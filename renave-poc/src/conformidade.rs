//! The conformance probe (*sonda de conformidade*, issue 12, decision D11):
//! `cargo run --example conformidade -- --simulador [--dialeto-divergente] [--saida contrato.toml]`.
//!
//! Runs read-only operations of both APIs with raw calls (`executar_bruto`, so the server's own
//! names are seen), compares each answer, at every depth, with the names its answer type models
//! (its JSON Schema), and reports per operation what matched, what was missing and what was
//! unknown. An unknown server name whose normalised form ([`normalizar`]: case, `_` against
//! camelCase, accents) equals a missing modelled name is a rename: at any depth of an answer
//! (by its path, `diagnostico.veiculoApto`, `[].chassi`) or the CET-MG envelope's
//! `codigo_retorno`/`mensagem_retorno`, the contract can map it, and it goes into the
//! **proposed contract file** ([`ArquivoContratos`], the file `--contrato` reads), for a person
//! to review. A number sent as text where the SDK reads a number is not a name at all: it is
//! reported as *not fixable by contract*, never proposed.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use renave_http::contrato::Contrato;
use renave_http::{DescricaoOperacao, HttpMethod, Idempotency};
use renave_mg_client::{ApiCetMg, ClienteCetMg, ContratoPadraoCetMg};
use renave_ws_client::{ClienteRenaveWs, ContratoPadraoRenaveWs};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One file holding the contract overrides of both APIs (`--contrato FILE` of the POC, the
/// `--saida` of the probe): a `[cetmg]` and a `[renave_ws]` table, each in the
/// [`Contrato`] file format.
///
/// ```toml
/// [cetmg.envelope]
/// codigo = "codigoRetorno"
/// mensagens = ["mensagemRetorno", "mensagem", "message"]
/// sucesso = "000"
///
/// [renave_ws.operacoes.consultar_aptidao_veiculo_estoque.resposta]
/// diagnostico = "diagnóstico"
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArquivoContratos {
    /// The CET-MG overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cetmg: Option<Contrato>,
    /// The Renave-WS overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renave_ws: Option<Contrato>,
}

impl ArquivoContratos {
    /// Reads the file (TOML). `Err` names the file and the problem.
    pub fn ler(caminho: &Path) -> Result<Self, String> {
        let texto = std::fs::read_to_string(caminho)
            .map_err(|e| format!("contrato {}: {e}", caminho.display()))?;
        toml::from_str(&texto)
            .map_err(|e| format!("contrato {}: {}", caminho.display(), e.message()))
    }

    /// The file as TOML.
    pub fn para_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// Whether it overrides nothing.
    pub fn vazio(&self) -> bool {
        let vazio = |c: &Option<Contrato>| c.as_ref().is_none_or(|c| *c == Contrato::default());
        vazio(&self.cetmg) && vazio(&self.renave_ws)
    }
}

/// Which API an operation belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Api {
    /// CET-MG.
    CetMg,
    /// Renave-WS.
    RenaveWs,
}

/// One read-only operation to probe: its name in the default contract and its request fields
/// by wire name (a `{placeholder}` of the route, else a query parameter).
#[derive(Debug, Clone)]
pub struct Consulta {
    /// The API.
    pub api: Api,
    /// The operation (the client method's name).
    pub operacao: &'static str,
    /// Request fields: wire name, value.
    pub valores: Vec<(String, String)>,
}

/// A server name that normalises to a missing modelled name (*renome*).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renome {
    /// Where, in the answer (`""` the top level, `diagnostico`, `[]` the items of a list…),
    /// by modelled names.
    pub caminho: String,
    /// The SDK's name.
    pub modelado: String,
    /// The server's name.
    pub servidor: String,
    /// Whether a contract file can map it (a field at a path the default contract models, at
    /// any depth, or the CET-MG envelope), set when it is proposed.
    pub corrigivel: bool,
}

/// What the probe saw of one operation.
#[derive(Debug, Clone, Default)]
pub struct ResultadoOperacao {
    /// The operation.
    pub operacao: String,
    /// Modelled names found as they are (`caminho.nome`).
    pub conferidos: Vec<String>,
    /// Modelled names absent (optional fields may be absent in a valid answer).
    pub ausentes: Vec<String>,
    /// Server names neither modelled nor a rename.
    pub desconhecidos: Vec<String>,
    /// Renames (see [`Renome`]).
    pub renomes: Vec<Renome>,
    /// Fields whose value has another JSON type than the SDK reads (a number as text): not
    /// fixable by contract.
    pub tipos_divergentes: Vec<String>,
    /// The call failed (no answer to compare).
    pub erro: Option<String>,
}

/// The probe's report: per operation, and the proposed contract.
#[derive(Debug, Clone, Default)]
pub struct Sondagem {
    /// Each probed operation, CET-MG first.
    pub resultados: Vec<(Api, ResultadoOperacao)>,
    /// The proposed contract file (only the differences).
    pub proposta: ArquivoContratos,
    /// The proposal's entries inferred, not seen (`operation: path -> name`, see
    /// [`sondar`]): the answers of operations the probe cannot call (they change state).
    pub inferidos: Vec<(Api, String)>,
}

impl Sondagem {
    /// Every rename found, fixable or not.
    pub fn renomes(&self) -> impl Iterator<Item = &Renome> {
        self.resultados.iter().flat_map(|(_, r)| r.renomes.iter())
    }

    /// The report as text (one block per operation).
    pub fn relatorio(&self) -> String {
        let mut s = String::new();
        for (api, r) in &self.resultados {
            let _ = writeln!(s, "{api:?} {}", r.operacao);
            if let Some(e) = &r.erro {
                let _ = writeln!(s, "  erro: {e}");
                continue;
            }
            let _ = writeln!(s, "  conferidos:    {}", r.conferidos.join(", "));
            let _ = writeln!(s, "  ausentes:      {}", r.ausentes.join(", "));
            let _ = writeln!(s, "  desconhecidos: {}", r.desconhecidos.join(", "));
            for n in &r.renomes {
                let onde = if n.caminho.is_empty() {
                    "(topo)"
                } else {
                    &n.caminho
                };
                let _ = writeln!(
                    s,
                    "  renome em {onde}: {} -> {}{}",
                    n.modelado,
                    n.servidor,
                    if n.corrigivel {
                        " (proposto)"
                    } else {
                        " (não corrigível por contrato: caminho não modelado)"
                    }
                );
            }
            for t in &r.tipos_divergentes {
                let _ = writeln!(s, "  tipo divergente em {t} (não corrigível por contrato)");
            }
        }
        for (api, i) in &self.inferidos {
            let _ = writeln!(s, "{api:?} inferido (não observado, revisar): {i}");
        }
        s
    }
}

/// Folds a name for comparison: lower case, no `_`/`-`, Portuguese accents removed
/// (`numero_crv`, `numeroCrv`, `NUMEROCRV` and `número_crv` are one name).
pub fn normalizar(nome: &str) -> String {
    nome.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'ê' | 'è' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            outro => outro,
        })
        .collect()
}

/// The read-only operations the probe runs against the simulators' POC data
/// ([`crate::Simuladores::dados`]) or the homologação data of the POC.
pub fn consultas(dados: &crate::DadosPoc) -> Vec<Consulta> {
    let c = &dados.carro;
    let s = |k: &str, v: String| (k.to_owned(), v);
    let tipo_crv = serde_json::to_value(&c.ws.tipo_crv)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    vec![
        Consulta {
            api: Api::CetMg,
            operacao: "consultar_aptidao_veiculo_estoque",
            valores: vec![
                s("chassi", c.cetmg.chassi.to_string()),
                s("cpf_cnpj_proprietario", c.cetmg.proprietario.to_string()),
                s(
                    "cpf_cnpj_estabelecimento",
                    dados.cnpj_estabelecimento.to_string(),
                ),
            ],
        },
        Consulta {
            api: Api::CetMg,
            operacao: "consultar_cores",
            valores: vec![],
        },
        Consulta {
            api: Api::RenaveWs,
            operacao: "consultar_aptidao_veiculo_estoque",
            valores: vec![
                s("placa", c.ws.placa.to_string()),
                s("renavam", c.ws.renavam.to_string()),
                s("numeroCrv", c.ws.numero_crv.to_string()),
                s("tipoCrv", tipo_crv),
            ],
        },
        Consulta {
            api: Api::RenaveWs,
            operacao: "consultar_estoques",
            valores: vec![],
        },
    ]
}

/// Runs `consultas` with both clients (raw calls; the clients' contracts are not used to read
/// the answers) and compares every answer with its type's schema. The renames seen are
/// proposed, then extended to the answers the probe cannot read by the names and naming
/// convention it saw ([`Sondagem::inferidos`]).
pub async fn sondar(mg: &ClienteCetMg, ws: &ClienteRenaveWs, consultas: &[Consulta]) -> Sondagem {
    let lista_mg = <ClienteCetMg as ApiCetMg>::operacoes();
    let lista_ws = renave_ws_client::api::operacoes();
    let padrao_mg = Contrato::padrao_cetmg();
    let padrao_ws = Contrato::padrao_renave_ws();
    let mut sondagem = Sondagem::default();
    let mut contratos: BTreeMap<Api, Contrato> = BTreeMap::new();
    for c in consultas {
        let (lista, padrao) = match c.api {
            Api::CetMg => (&lista_mg, &padrao_mg),
            Api::RenaveWs => (&lista_ws, &padrao_ws),
        };
        let mut r = ResultadoOperacao {
            operacao: c.operacao.to_owned(),
            ..ResultadoOperacao::default()
        };
        let (Some(desc), Some(op)) = (
            lista.iter().find(|d| d.endpoint.name == c.operacao),
            padrao.operacoes.get(c.operacao),
        ) else {
            r.erro = Some("operação desconhecida".to_owned());
            sondagem.resultados.push((c.api, r));
            continue;
        };
        let mut rota = op.rota.clone().unwrap_or_default();
        let mut query = Vec::new();
        for (k, v) in &c.valores {
            let marca = format!("{{{k}}}");
            if rota.contains(&marca) {
                rota = rota.replace(&marca, v);
            } else {
                query.push((k.as_str(), v.as_str()));
            }
        }
        let metodo = op.metodo.unwrap_or(HttpMethod::Get);
        let corpo: Result<Value, String> = match c.api {
            Api::CetMg => match mg
                .executar_bruto(metodo, &rota, &query, None, Idempotency::Idempotent)
                .await
            {
                Ok(b) => serde_json::from_slice(b.corpo()).map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            },
            Api::RenaveWs => match ws
                .executar_bruto(metodo, &rota, &query, None, Idempotency::Idempotent)
                .await
            {
                Ok(b) => b.json().map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            },
        };
        match corpo {
            Ok(v) => {
                if let Some(esquema) = esquema_resposta(desc) {
                    comparar(&esquema, &esquema, &v, "", &mut r);
                }
                propor(
                    c.api,
                    c.operacao,
                    padrao,
                    &mut r,
                    contratos.entry(c.api).or_default(),
                );
            }
            Err(e) => r.erro = Some(e),
        }
        sondagem.resultados.push((c.api, r));
    }
    for (api, padrao) in [(Api::CetMg, &padrao_mg), (Api::RenaveWs, &padrao_ws)] {
        let observados: Vec<&ResultadoOperacao> = sondagem
            .resultados
            .iter()
            .filter(|(a, r)| *a == api && r.erro.is_none())
            .map(|(_, r)| r)
            .collect();
        let inferidos = extrapolar(padrao, &observados, contratos.entry(api).or_default());
        sondagem
            .inferidos
            .extend(inferidos.into_iter().map(|i| (api, i)));
    }
    let limpo = |c: Option<Contrato>| c.filter(|c| *c != Contrato::default());
    sondagem.proposta = ArquivoContratos {
        cetmg: limpo(contratos.remove(&Api::CetMg)),
        renave_ws: limpo(contratos.remove(&Api::RenaveWs)),
    };
    sondagem
}

fn esquema_resposta(desc: &DescricaoOperacao) -> Option<Value> {
    let e = desc.esquemas?;
    let mut g = schemars::SchemaGenerator::default();
    Some((e.resposta.raiz)(&mut g).to_value())
}

/// Adds the renames of `r` a contract can map to `proposta` and marks them fixable: the CET-MG
/// envelope's names (top level) to its envelope section, the others to the operation's answer
/// fields by their path (`diagnostico.veiculoApto`, `[].chassi`), when the default contract
/// models that path.
fn propor(
    api: Api,
    operacao: &str,
    padrao: &Contrato,
    r: &mut ResultadoOperacao,
    proposta: &mut Contrato,
) {
    for n in &mut r.renomes {
        if let (Api::CetMg, Some(env), true) = (api, padrao.envelope.as_ref(), n.caminho.is_empty())
        {
            let atual = proposta.envelope.get_or_insert_with(|| env.clone());
            if n.modelado == env.codigo {
                atual.codigo.clone_from(&n.servidor);
                n.corrigivel = true;
                continue;
            }
            if let Some(i) = env.mensagens.iter().position(|m| *m == n.modelado) {
                if let Some(m) = atual.mensagens.get_mut(i) {
                    m.clone_from(&n.servidor);
                }
                n.corrigivel = true;
                continue;
            }
        }
        let caminho = juntar(&n.caminho, &n.modelado);
        if padrao
            .operacoes
            .get(operacao)
            .is_some_and(|o| o.resposta.contains_key(&caminho))
        {
            proposta
                .operacoes
                .entry(operacao.to_owned())
                .or_default()
                .resposta
                .insert(caminho, n.servidor.clone());
            n.corrigivel = true;
        }
    }
    if let (Some(env), Some(p)) = (padrao.envelope.as_ref(), proposta.envelope.as_ref()) {
        if env == p {
            proposta.envelope = None;
        }
    }
}

/// A `snake_case` name in camelCase (`codigo_retorno` → `codigoRetorno`).
fn camel(nome: &str) -> String {
    let mut saida = String::with_capacity(nome.len());
    let mut maiuscula = false;
    for c in nome.chars() {
        if c == '_' {
            maiuscula = !saida.is_empty();
        } else if maiuscula {
            saida.extend(c.to_uppercase());
            maiuscula = false;
        } else {
            saida.push(c);
        }
    }
    saida
}

/// Extends the proposal to the answers the probe could not read (the state-changing
/// operations, the fields a read answer left out), from what it saw of the same API: a name
/// the server spelt one way wherever it was seen is proposed at every path ending in it; and
/// when every rename seen was `snake_case` → camelCase (at least three), every `snake_case`
/// name is proposed in camelCase. Paths seen under their own names are never touched.
/// Returns the inferred entries (`operation: path -> name`), for the report.
fn extrapolar(
    padrao: &Contrato,
    observados: &[&ResultadoOperacao],
    proposta: &mut Contrato,
) -> Vec<String> {
    let renomes: Vec<&Renome> = observados
        .iter()
        .flat_map(|r| r.renomes.iter())
        .filter(|n| n.corrigivel)
        .collect();
    let mut por_nome: BTreeMap<&str, Option<&str>> = BTreeMap::new();
    for n in &renomes {
        por_nome
            .entry(n.modelado.as_str())
            .and_modify(|s| {
                if *s != Some(n.servidor.as_str()) {
                    *s = None;
                }
            })
            .or_insert(Some(n.servidor.as_str()));
    }
    let camelcase = renomes.len() >= 3
        && renomes
            .iter()
            .all(|n| n.modelado.contains('_') && n.servidor == camel(&n.modelado));
    let conferido = |op: &str, caminho: &str| {
        observados
            .iter()
            .any(|r| r.operacao == op && r.conferidos.iter().any(|c| c == caminho))
    };
    let envelope: Vec<&str> = padrao
        .envelope
        .iter()
        .flat_map(|e| {
            std::iter::once(e.codigo.as_str()).chain(e.mensagens.iter().map(String::as_str))
        })
        .collect();
    let mut inferidos = Vec::new();
    for (nome, op) in &padrao.operacoes {
        for caminho in op.resposta.keys() {
            let (pai, campo) = caminho.rsplit_once('.').unwrap_or(("", caminho.as_str()));
            if (pai.is_empty() && envelope.contains(&campo)) || conferido(nome, caminho) {
                continue;
            }
            let fio = match por_nome.get(campo) {
                Some(Some(s)) => (*s).to_owned(),
                None if camelcase && campo.contains('_') => camel(campo),
                Some(None) | None => continue,
            };
            let entrada = proposta.operacoes.entry(nome.clone()).or_default();
            if !entrada.resposta.contains_key(caminho) {
                entrada.resposta.insert(caminho.clone(), fio.clone());
                inferidos.push(format!("{nome}: {caminho} -> {fio}"));
            }
        }
    }
    inferidos
}

/// `esquema` with its `$ref`s and single-branch wrappers resolved, each branch of
/// `allOf`/`anyOf`/`oneOf` visited: the object properties (name → subschema) and the array
/// item schemas.
fn partes<'a>(
    raiz: &'a Value,
    esquema: &'a Value,
    props: &mut BTreeMap<String, &'a Value>,
    itens: &mut Vec<&'a Value>,
    tipos: &mut Vec<String>,
    nivel: u8,
) {
    if nivel > 16 {
        return;
    }
    let Some(obj) = esquema.as_object() else {
        return;
    };
    if let Some(Value::String(r)) = obj.get("$ref") {
        if let Some(alvo) = r.strip_prefix('#').and_then(|p| raiz.pointer(p)) {
            partes(raiz, alvo, props, itens, tipos, nivel + 1);
        }
    }
    if let Some(Value::Object(p)) = obj.get("properties") {
        for (k, v) in p {
            props.entry(k.clone()).or_insert(v);
        }
    }
    if let Some(i) = obj.get("items") {
        itens.push(i);
    }
    match obj.get("type") {
        Some(Value::String(t)) => tipos.push(t.clone()),
        Some(Value::Array(ts)) => {
            tipos.extend(ts.iter().filter_map(|t| t.as_str().map(str::to_owned)));
        }
        _ => {}
    }
    for chave in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(ramos)) = obj.get(chave) {
            for r in ramos {
                partes(raiz, r, props, itens, tipos, nivel + 1);
            }
        }
    }
}

fn juntar(caminho: &str, nome: &str) -> String {
    if caminho.is_empty() {
        nome.to_owned()
    } else if nome == "[]" {
        format!("{caminho}[]")
    } else {
        format!("{caminho}.{nome}")
    }
}

fn comparar(
    raiz: &Value,
    esquema: &Value,
    valor: &Value,
    caminho: &str,
    r: &mut ResultadoOperacao,
) {
    let mut props = BTreeMap::new();
    let mut itens = Vec::new();
    let mut tipos = Vec::new();
    partes(raiz, esquema, &mut props, &mut itens, &mut tipos, 0);
    match valor {
        Value::String(_) => {
            let numero = tipos.iter().any(|t| t == "integer" || t == "number");
            let texto = tipos.iter().any(|t| t == "string") || tipos.is_empty();
            if numero && !texto && !r.tipos_divergentes.iter().any(|t| t == caminho) {
                r.tipos_divergentes.push(caminho.to_owned());
            }
        }
        Value::Array(lista) => {
            let caminho = juntar(caminho, "[]");
            for item in lista {
                for i in &itens {
                    comparar(raiz, i, item, &caminho, r);
                }
            }
        }
        Value::Object(obj) if !props.is_empty() => {
            let mut casados: Vec<&str> = Vec::new();
            for (k, v) in obj {
                if let Some(sub) = props.get(k) {
                    casados.push(k);
                    anotar(&mut r.conferidos, juntar(caminho, k));
                    comparar(raiz, sub, v, &juntar(caminho, k), r);
                    continue;
                }
                let alvo = props
                    .iter()
                    .find(|(m, _)| !obj.contains_key(*m) && normalizar(m) == normalizar(k));
                if let Some((m, sub)) = alvo {
                    casados.push(m);
                    let n = Renome {
                        caminho: caminho.to_owned(),
                        modelado: m.clone(),
                        servidor: k.clone(),
                        corrigivel: false,
                    };
                    if !r.renomes.contains(&n) {
                        r.renomes.push(n);
                    }
                    comparar(raiz, sub, v, &juntar(caminho, m), r);
                } else {
                    anotar(&mut r.desconhecidos, juntar(caminho, k));
                }
            }
            for m in props.keys() {
                if !casados.contains(&m.as_str()) {
                    anotar(&mut r.ausentes, juntar(caminho, m));
                }
            }
        }
        _ => {}
    }
}

fn anotar(lista: &mut Vec<String>, nome: String) {
    if !lista.contains(&nome) {
        lista.push(nome);
    }
}

/// The `main` of `cargo run --example conformidade`: `--simulador` (the default) or
/// `--homologacao` with the POC's options and environment, `--dialeto-divergente`, and
/// `--saida FILE` to write the proposed contract file. Prints the report; exit status 0 when
/// the answers matched the default contract (nothing to propose, nothing unfixable), 1 when
/// they did not, 2 on a usage or configuration error.
pub async fn principal() -> std::process::ExitCode {
    use std::process::ExitCode;
    let mut saida = None;
    let mut resto = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--simulador" => {}
            "--saida" => {
                let Some(f) = args.next() else {
                    eprintln!("conformidade: --saida exige um arquivo");
                    return ExitCode::from(2);
                };
                saida = Some(std::path::PathBuf::from(f));
            }
            _ => resto.push(a),
        }
    }
    let opcoes = match crate::interpretar(resto) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("conformidade: {e}");
            return ExitCode::from(2);
        }
    };
    if opcoes.ajuda {
        crate::escrever_linha(format_args!(
            "Sonda de conformidade: compara as respostas das consultas com o contrato do SDK\n\nUso: cargo run --example conformidade [-- --simulador|--homologacao] [--dialeto-divergente] [--saida contrato.toml]\n\n{}",
            crate::OPCOES
        ));
        return ExitCode::SUCCESS;
    }
    let config = crate::Configuracao {
        opcoes,
        imprimir: false,
    };
    let roteiro = match config.preparar().await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("conformidade: {e}");
            return ExitCode::from(2);
        }
    };
    let sondagem = sondar(&roteiro.mg, &roteiro.ws, &consultas(&roteiro.dados)).await;
    crate::escrever_linha(format_args!("{}", sondagem.relatorio().trim_end()));
    if let Some(f) = saida {
        if let Err(e) = std::fs::write(&f, sondagem.proposta.para_toml()) {
            eprintln!("conformidade: {}: {e}", f.display());
            return ExitCode::from(2);
        }
        crate::escrever_linha(format_args!(
            "proposta de contrato escrita em {}",
            f.display()
        ));
    }
    let conforme = sondagem.proposta.vazio()
        && sondagem.resultados.iter().all(|(_, r)| {
            r.erro.is_none() && r.renomes.is_empty() && r.tipos_divergentes.is_empty()
        });
    if conforme {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
