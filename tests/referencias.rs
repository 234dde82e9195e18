//! Every reference of the repository resolves to a file of the repository (issue 11).
//!
//! The code and the docs cite the project's decisions ("decision D6", "(D4)") and the
//! wire-contract notes of `docs/` ("`renave-ws.md` §5.1", "`renave-ws.md` §4 E15",
//! "`cetmg-api.md` §6 erratum 17"). This test walks every `*.rs`, `*.md` and `*.toml` file of the
//! repository (not `target/` nor `.git/`) and checks that
//!
//! * no text points outside the repository (the folder the notes were first written in, an
//!   absolute path of the build machine);
//! * every decision token `Dn` (a whole word: "decision D6", "decisão D6", "(D6)", "D1–D7")
//!   names a decision defined by a heading of `docs/decisoes.md`;
//! * every `<notes>.md §x.y` names a numbered heading of `docs/<notes>.md`, and what is cited
//!   right after it — more sections (`, §5.3`, `–§7.8`, ` / §8`), operation ids (`E15`, `Z8`),
//!   source ids (`S1`, `M3`, `W4`, `N1`…), a quoted heading text (`"Zero km details"`), an
//!   `erratum n` — exists in that file.
//!
//! The checker is a plain function ([`verificar`]); the unit tests at the end show it refusing
//! each kind of bad reference.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// The wire-contract notes a reference may cite, all in `docs/`.
const NOTAS: [&str; 3] = ["cetmg-api.md", "renave-ws.md", "domain-rules.md"];

/// Texts that point outside the repository. Written in halves so that this file, which is
/// checked too, does not contain them.
fn proibidos() -> [&'static str; 3] {
    [
        concat!("..", "/shared"),
        concat!("/wo", "rk/"),
        concat!("spec ", "README"),
    ]
}

/// One file of notes in `docs/`: what a reference to it may name.
#[derive(Debug, Default)]
struct Nota {
    /// File name (`renave-ws.md`).
    nome: String,
    /// Numbered headings (`5`, `5.1`, `3.17.1`).
    secoes: BTreeSet<String>,
    /// Ids defined by the file: the first cell of a table row (`| E15 | …`, `| S1 | …`) and any
    /// id in a heading (`### E7 … / E8 …`).
    ids: BTreeSet<String>,
    /// Numbered list items (`17.` at the start of a line), for "erratum 17".
    itens: BTreeSet<String>,
    /// The whole text with its whitespace collapsed, for quoted heading texts.
    texto: String,
}

impl Nota {
    fn ler(nome: &str, texto: &str) -> Nota {
        let mut nota = Nota {
            nome: nome.to_owned(),
            texto: colapsar(texto),
            ..Nota::default()
        };
        for linha in texto.lines() {
            let linha = linha.trim_start();
            if let Some(titulo) = titulo(linha) {
                let numero: String = titulo
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .collect();
                let numero = numero.trim_end_matches('.');
                if !numero.is_empty() {
                    nota.secoes.insert(numero.to_owned());
                }
                let chars: Vec<char> = titulo.chars().collect();
                for i in 0..chars.len() {
                    if let Some((id, _)) = id_em(&chars, i) {
                        nota.ids.insert(id);
                    }
                }
            } else if let Some(resto) = linha.strip_prefix('|') {
                let celula = resto
                    .split('|')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .replace('*', "");
                let chars: Vec<char> = celula.chars().collect();
                if let Some((id, fim)) = id_em(&chars, 0) {
                    if fim == chars.len() {
                        nota.ids.insert(id);
                    }
                }
            } else {
                let numero: String = linha.chars().take_while(char::is_ascii_digit).collect();
                if !numero.is_empty() && linha[numero.len()..].starts_with(". ") {
                    nota.itens.insert(numero);
                }
            }
        }
        nota
    }
}

/// What the references may name: the decisions and the notes.
#[derive(Debug)]
struct Docs {
    /// Numbers of the decisions defined by a heading `D<n> …` of `docs/decisoes.md`.
    decisoes: BTreeSet<u32>,
    notas: Vec<Nota>,
}

impl Docs {
    fn ler(decisoes: &str, notas: &[(&str, &str)]) -> Docs {
        let decisoes = decisoes
            .lines()
            .filter_map(|l| titulo(l.trim_start()))
            .filter_map(|t| {
                let numero: String = t
                    .strip_prefix('D')?
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                numero.parse().ok()
            })
            .collect();
        Docs {
            decisoes,
            notas: notas
                .iter()
                .map(|(nome, texto)| Nota::ler(nome, texto))
                .collect(),
        }
    }

    fn do_repositorio(raiz: &Path) -> Docs {
        let ler = |nome: &str| {
            let caminho = raiz.join("docs").join(nome);
            fs::read_to_string(&caminho).unwrap_or_else(|e| panic!("docs/{nome}: {e}"))
        };
        let notas: Vec<(&str, String)> = NOTAS.iter().map(|n| (*n, ler(n))).collect();
        let refs: Vec<(&str, &str)> = notas.iter().map(|(n, t)| (*n, t.as_str())).collect();
        Docs::ler(&ler("decisoes.md"), &refs)
    }

    fn nota(&self, nome: &str) -> Option<&Nota> {
        self.notas.iter().find(|n| n.nome == nome)
    }
}

/// A reference that does not resolve.
#[derive(Debug)]
struct Falha {
    arquivo: String,
    linha: usize,
    motivo: String,
}

impl fmt::Display for Falha {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.arquivo, self.linha, self.motivo)
    }
}

/// How many references a text holds, so the test can show it saw them.
#[derive(Debug, Default, Clone, Copy)]
struct Contagem {
    decisoes: usize,
    notas: usize,
}

/// The text of a Markdown heading (`## 5.1 Estoque` → `5.1 Estoque`), if `linha` is one.
fn titulo(linha: &str) -> Option<&str> {
    let resto = linha.trim_start_matches('#');
    (resto.len() < linha.len() && resto.starts_with(' ')).then(|| resto.trim_start())
}

fn palavra(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// An operation or source id (`E15`, `Z8`, `S11`, `M3`, `W4`, `N1`, `F1`, `B1`, `G1`, `T2`)
/// starting at `i` as a whole word: the id and the index after it.
fn id_em(c: &[char], i: usize) -> Option<(String, usize)> {
    if i > 0 && palavra(c[i - 1]) {
        return None;
    }
    if !matches!(
        c.get(i)?,
        'E' | 'Z' | 'S' | 'M' | 'T' | 'W' | 'N' | 'F' | 'B' | 'G'
    ) {
        return None;
    }
    let mut j = i + 1;
    while j < c.len() && c[j].is_ascii_digit() {
        j += 1;
    }
    if j == i + 1 || j - i > 3 || c.get(j).is_some_and(|c| palavra(*c)) {
        return None;
    }
    Some((c[i..j].iter().collect(), j))
}

fn colapsar(texto: &str) -> String {
    texto.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text as one line per paragraph of comment: each line break, the next line's indentation
/// and its comment marker (`//!`, `///`, `//`) become one space, so a reference broken over two
/// lines of a doc comment reads whole. Each character keeps the number of its line.
fn unir_linhas(texto: &str) -> Vec<(char, usize)> {
    let mut saida = Vec::with_capacity(texto.len());
    for (n, linha) in texto.lines().enumerate() {
        let mut l = linha.trim_start();
        if n > 0 {
            for marca in ["//!", "///", "//"] {
                if let Some(resto) = l.strip_prefix(marca) {
                    l = resto.trim_start();
                    break;
                }
            }
            saida.push((' ', n + 1));
        }
        saida.extend(l.chars().map(|c| (c, n + 1)));
    }
    saida
}

fn comeca_com(c: &[char], i: usize, s: &str) -> bool {
    (i..)
        .zip(s.chars())
        .all(|(j, esperado)| c.get(j) == Some(&esperado))
}

/// Checks every reference of one file's text; `arquivo` is only used to name the failures.
fn verificar(arquivo: &str, texto: &str, docs: &Docs) -> (Vec<Falha>, Contagem) {
    let mut falhas = Vec::new();
    let mut contagem = Contagem::default();
    let mut falha = |linha: usize, motivo: String| {
        falhas.push(Falha {
            arquivo: arquivo.to_owned(),
            linha,
            motivo,
        });
    };

    for (n, linha) in texto.lines().enumerate() {
        for proibido in proibidos() {
            if linha.contains(proibido) {
                falha(
                    n + 1,
                    format!("points outside the repository ({proibido:?})"),
                );
            }
        }
    }

    let unido = unir_linhas(texto);
    let c: Vec<char> = unido.iter().map(|(c, _)| *c).collect();
    let linha_de = |i: usize| unido.get(i).or(unido.last()).map_or(1, |(_, l)| *l);

    // Decisions: every whole-word `D<n>`.
    for i in 0..c.len() {
        if c[i] != 'D' || (i > 0 && palavra(c[i - 1])) {
            continue;
        }
        let mut j = i + 1;
        while j < c.len() && c[j].is_ascii_digit() {
            j += 1;
        }
        if j == i + 1 || c.get(j).is_some_and(|c| palavra(*c)) {
            continue;
        }
        contagem.decisoes += 1;
        let numero: String = c[i + 1..j].iter().collect();
        if !numero
            .parse()
            .is_ok_and(|n: u32| docs.decisoes.contains(&n))
        {
            falha(
                linha_de(i),
                format!("decision D{numero} is not defined in docs/decisoes.md"),
            );
        }
    }

    // Notes: `<notes>.md` followed by what it cites.
    for nome in NOTAS {
        let alvo: Vec<char> = nome.chars().collect();
        let mut i = 0;
        while i + alvo.len() <= c.len() {
            if c[i..i + alvo.len()] != alvo[..] {
                i += 1;
                continue;
            }
            contagem.notas += 1;
            let Some(nota) = docs.nota(nome) else {
                falha(linha_de(i), format!("docs/{nome} does not exist"));
                break;
            };
            let mut j = i + alvo.len();
            while c.get(j) == Some(&'`') {
                j += 1;
            }
            loop {
                let inicio = j;
                while j < c.len() && matches!(c[j], ' ' | ',' | '–' | '-' | '/') {
                    j += 1;
                }
                if c.get(j) == Some(&'§') {
                    let k = j + 1;
                    let mut fim = k;
                    while fim < c.len() && (c[fim].is_ascii_digit() || c[fim] == '.') {
                        fim += 1;
                    }
                    let secao: String = c[k..fim].iter().collect();
                    let secao = secao.trim_end_matches('.');
                    if secao.is_empty() || !secao.starts_with(|d: char| d.is_ascii_digit()) {
                        break;
                    }
                    if !nota.secoes.contains(secao) {
                        falha(
                            linha_de(j),
                            format!("{nome} §{secao} is not a heading of docs/{nome}"),
                        );
                    }
                    j = fim;
                } else if c.get(j) == Some(&'"') && j > inicio {
                    let Some(fim) = (j + 1..c.len().min(j + 120)).find(|k| c[*k] == '"') else {
                        break;
                    };
                    let citado = colapsar(&c[j + 1..fim].iter().collect::<String>());
                    if !nota.texto.contains(&citado) {
                        falha(linha_de(j), format!("{nome} has no text \"{citado}\""));
                    }
                    j = fim + 1;
                } else if comeca_com(&c, j, "erratum ") || comeca_com(&c, j, "step ") {
                    let k = j + c[j..].iter().position(|c| *c == ' ').unwrap_or(0) + 1;
                    let mut fim = k;
                    while fim < c.len() && c[fim].is_ascii_digit() {
                        fim += 1;
                    }
                    if fim == k {
                        break;
                    }
                    let item: String = c[k..fim].iter().collect();
                    if comeca_com(&c, j, "erratum ") && !nota.itens.contains(&item) {
                        falha(linha_de(j), format!("{nome} has no erratum {item}"));
                    }
                    j = fim;
                } else if let Some((id, fim)) = id_em(&c, j).filter(|_| j > inicio) {
                    if !nota.ids.contains(&id) {
                        falha(linha_de(j), format!("{nome} defines no {id}"));
                    }
                    j = fim;
                } else {
                    break;
                }
            }
            i = j.max(i + 1);
        }
    }
    (falhas, contagem)
}

/// Every `*.rs`, `*.md` and `*.toml` file under `dir`, skipping `target/` and `.git/`.
fn arquivos(dir: &Path, saida: &mut Vec<PathBuf>) {
    let mut entradas: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entradas.sort();
    for caminho in entradas {
        let nome = caminho.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if caminho.is_dir() {
            if nome != "target" && nome != ".git" {
                arquivos(&caminho, saida);
            }
        } else if [".rs", ".md", ".toml"]
            .iter()
            .any(|ext| nome.ends_with(ext))
        {
            saida.push(caminho);
        }
    }
}

#[test]
fn toda_referencia_do_repositorio_resolve() {
    let raiz = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = Docs::do_repositorio(raiz);
    assert!(
        (1..=11).all(|n| docs.decisoes.contains(&n)),
        "docs/decisoes.md must define D1–D11: {:?}",
        docs.decisoes
    );
    let mut lista = Vec::new();
    arquivos(raiz, &mut lista);
    let mut falhas = Vec::new();
    let mut total = Contagem::default();
    for caminho in &lista {
        let texto =
            fs::read_to_string(caminho).unwrap_or_else(|e| panic!("{}: {e}", caminho.display()));
        let nome = caminho
            .strip_prefix(raiz)
            .unwrap_or(caminho)
            .display()
            .to_string();
        let (f, c) = verificar(&nome, &texto, &docs);
        falhas.extend(f);
        total.decisoes += c.decisoes;
        total.notas += c.notas;
    }
    // The repository cites decisions and notes hundreds of times: a checker that sees none is
    // broken, not satisfied.
    assert!(lista.len() > 100, "only {} files found", lista.len());
    assert!(
        total.decisoes > 100,
        "only {} decision references seen",
        total.decisoes
    );
    assert!(
        total.notas > 150,
        "only {} references to the notes seen",
        total.notas
    );
    assert!(
        falhas.is_empty(),
        "{} references do not resolve:\n{}",
        falhas.len(),
        falhas
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

// The checker itself, on small made-up docs. Bad references are built with `format!` so that
// this file holds none of them literally (the test above reads it too).

const DECISOES: &str = "# Decisions\n\n## D1 — paths\n\n## D2 — overrides\n";
const WS: &str = "renave-ws.md";
const NOTA_WS: &str = "# Renave-WS\n\n| Id | Source |\n|---|---|\n| S1 | a client |\n\n\
                       ## 4. Operation details\n\n### E15 `POST /api/x` — V\n\n\
                       ### Zero km details\n\n| Op | Body |\n|---|---|\n| Z8 | … |\n\n\
                       ## 5. Shared schemas\n\n### 5.1 Estoque\n\n## 6. Errata\n\n17. a misprint\n";

fn docs_de_teste() -> Docs {
    Docs::ler(DECISOES, &[(WS, NOTA_WS)])
}

fn motivos(texto: &str) -> Vec<String> {
    let (falhas, _) = verificar("teste.rs", texto, &docs_de_teste());
    falhas.into_iter().map(|f| f.motivo).collect()
}

#[test]
fn o_verificador_le_as_notas() {
    let docs = docs_de_teste();
    assert_eq!(docs.decisoes, BTreeSet::from([1, 2]));
    let nota = docs.nota(WS).unwrap();
    assert_eq!(
        nota.secoes,
        BTreeSet::from(["4", "5", "5.1", "6"].map(String::from))
    );
    assert_eq!(
        nota.ids,
        BTreeSet::from(["S1", "E15", "Z8"].map(String::from))
    );
    assert_eq!(nota.itens, BTreeSet::from(["17".to_owned()]));
}

#[test]
fn o_verificador_aceita_referencias_que_resolvem() {
    let n = WS;
    let texto = format!(
        "/// as decision D1 says (D2), see `{n}` §5.1, §4 E15, S1.\n\
         /// More: `{n}` §4 \"Zero km\n/// details\", Z8; `{n}` §6 erratum 17; `{n}` §4–§5 and\n\
         //! `{n}` §5 / §6, E15 — and D1–D2.\n"
    );
    assert_eq!(motivos(&texto), Vec::<String>::new());
    let (_, contagem) = verificar("teste.rs", &texto, &docs_de_teste());
    assert_eq!((contagem.decisoes, contagem.notas), (4, 5));
}

#[test]
fn o_verificador_recusa_uma_decisao_que_nao_existe() {
    assert_eq!(
        motivos(&format!("see decision D{}, not (D2)", 3)),
        ["decision D3 is not defined in docs/decisoes.md"]
    );
    assert_eq!(motivos(&format!("(D{})", 12)).len(), 1);
}

#[test]
fn o_verificador_recusa_uma_secao_que_nao_existe() {
    assert_eq!(
        motivos(&format!("`{WS}` §5.1, §5.{}", 2)),
        ["renave-ws.md §5.2 is not a heading of docs/renave-ws.md"]
    );
    // A range checks both ends; a section broken over two comment lines still counts.
    assert_eq!(motivos(&format!("`{WS}` §4–§{}", 7)).len(), 1);
    assert_eq!(motivos(&format!("`{WS}`\n/// §{}.1", 9)).len(), 1);
}

#[test]
fn o_verificador_recusa_uma_operacao_ou_fonte_que_nao_existe() {
    assert_eq!(
        motivos(&format!("`{WS}` §4 E15, Z{}", 9)),
        ["renave-ws.md defines no Z9"]
    );
    assert_eq!(
        motivos(&format!("(`{WS}` §4, S{})", 2)),
        ["renave-ws.md defines no S2"]
    );
}

#[test]
fn o_verificador_recusa_um_texto_citado_ou_uma_errata_que_nao_existe() {
    assert_eq!(
        motivos(&format!("`{WS}` §4 \"Zero km {}\"", "detalhes")),
        ["renave-ws.md has no text \"Zero km detalhes\""]
    );
    assert_eq!(
        motivos(&format!("`{WS}` §6 erratum {}", 18)),
        ["renave-ws.md has no erratum 18"]
    );
}

#[test]
fn o_verificador_recusa_um_caminho_para_fora_do_repositorio() {
    for proibido in proibidos() {
        let texto = format!("// ok\n// see {proibido}x/outro.md\n");
        let (falhas, _) = verificar("teste.rs", &texto, &docs_de_teste());
        assert_eq!(falhas.len(), 1, "{proibido}");
        assert_eq!(falhas[0].linha, 2);
    }
}

#[test]
fn o_verificador_recusa_uma_nota_que_nao_existe_em_docs() {
    let docs = Docs::ler(DECISOES, &[]);
    let (falhas, _) = verificar("teste.rs", &format!("`{}` §1", NOTAS[0]), &docs);
    assert_eq!(falhas[0].motivo, "docs/cetmg-api.md does not exist");
}
