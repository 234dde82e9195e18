//! Routes are spelled once (issue 12): every operation's name, method and path template is
//! defined in `renave_domain::rotas`, and both clients and both simulators read it from there.
//!
//! * [`cada_operacao_dos_clientes_e_servida_pelo_simulador_e_vice_versa`]: each client's
//!   operation listing (`operacoes()`, what its default contract is written from) and the
//!   simulator's route table hold the same operations at the same method and route.
//! * [`nenhuma_rota_escrita_fora_da_definicao`]: no route string (`"/api/…"`, `"api/…"`, or any
//!   defined template as a string literal) is written in the `src/` of the clients or the
//!   simulators outside the definition module, and no route SEGMENT is matched as a string
//!   pattern there (`["cliente-autenticado"] if get =>`, `"consultar-cores" =>`: a dispatcher
//!   spelling the routes a second time; the simulators find the request's `Rota` and match on
//!   the constant); [`o_verificador_recusa_uma_rota_literal`] and
//!   [`o_verificador_recusa_um_segmento_casado_como_padrao`] show the checker refusing both.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use renave::mg::ApiCetMg;
use renave_domain::rotas::{self, Rota};

/// (name, method, path from the root) of one operation.
type Linha = (String, String, String);

fn linhas_do_cliente(ops: &[renave_http::DescricaoOperacao], prefixo: &str) -> BTreeSet<Linha> {
    ops.iter()
        .map(|d| {
            (
                d.endpoint.name.to_owned(),
                d.endpoint.route.method().to_string(),
                format!("/{prefixo}{}", d.endpoint.route.template()),
            )
        })
        .collect()
}

fn linha(rota: &Rota) -> Linha {
    (
        rota.nome.to_owned(),
        rota.metodo.como_texto().to_owned(),
        rota.caminho.to_owned(),
    )
}

#[test]
fn cada_operacao_dos_clientes_e_servida_pelo_simulador_e_vice_versa() {
    // CET-MG: the client's listing plus `gerar-token` (which the client calls by itself).
    let mut cliente = linhas_do_cliente(
        &<renave::mg::ClienteCetMg as ApiCetMg>::operacoes(),
        rotas::cetmg::PREFIXO,
    );
    let token = renave::mg::operacoes::autenticacao::GERAR_TOKEN;
    cliente.insert((
        token.name.to_owned(),
        token.route.method().to_string(),
        format!("/{}{}", rotas::cetmg::PREFIXO, token.route.template()),
    ));
    let simulador: BTreeSet<Linha> = renave_simulador::cetmg::ROTAS.iter().map(linha).collect();
    assert_eq!(cliente.len(), 28);
    assert_eq!(
        cliente.difference(&simulador).collect::<Vec<_>>(),
        Vec::<&Linha>::new(),
        "CET-MG operations of the client the simulator does not serve"
    );
    assert_eq!(
        simulador.difference(&cliente).collect::<Vec<_>>(),
        Vec::<&Linha>::new(),
        "CET-MG routes of the simulator the client does not have"
    );

    // Renave-WS: the three groups.
    let cliente = linhas_do_cliente(&renave::ws::api::operacoes(), "");
    let simulador: BTreeSet<Linha> = renave_simulador::renave_ws::OPERACOES
        .iter()
        .chain(&renave_simulador::renave_ws::OPERACOES_MONTADORA)
        .chain(&renave_simulador::renave_ws::OPERACOES_ITE)
        .map(|o| (o.nome.to_owned(), o.metodo.to_owned(), o.caminho.to_owned()))
        .collect();
    assert_eq!(cliente.len(), 83);
    assert_eq!(
        cliente.difference(&simulador).collect::<Vec<_>>(),
        Vec::<&Linha>::new(),
        "Renave-WS operations of the client the simulator does not serve"
    );
    assert_eq!(
        simulador.difference(&cliente).collect::<Vec<_>>(),
        Vec::<&Linha>::new(),
        "Renave-WS routes of the simulator the client does not have"
    );
    for rota in rotas::renave_ws::ESTABELECIMENTO
        .iter()
        .chain(rotas::renave_ws::MONTADORA)
        .chain(rotas::renave_ws::ITE)
    {
        assert!(
            rota.modelo.starts_with(rotas::renave_ws::PREFIXO),
            "{rota:?}"
        );
    }
}

/// Every defined route (both APIs).
fn todas_as_rotas() -> Vec<Rota> {
    rotas::cetmg::TODAS
        .iter()
        .chain(rotas::renave_ws::ESTABELECIMENTO)
        .chain(rotas::renave_ws::MONTADORA)
        .chain(rotas::renave_ws::ITE)
        .copied()
        .collect()
}

/// The literal segments of the defined routes (`cliente-autenticado`, `estoques`, …; not the
/// `{…}` placeholders).
fn segmentos_literais(rotas: &[Rota]) -> BTreeSet<&'static str> {
    rotas
        .iter()
        .flat_map(|r| r.caminho.split('/'))
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .collect()
}

/// Whether `linha` matches a route segment as a string pattern: the literal `"segment"` inside
/// an open `[` (a slice pattern over the path's segments, `["estoques", id] if get =>`), or
/// directly followed by `=>`, `|` or a guard `if` (a match arm on the segment, `"consultar-cores"
/// =>`). A segment word as data (`situacao: "ite"`, `("veiculos", n)`) is not a pattern.
fn segmento_casado(linha: &str, segmentos: &BTreeSet<&'static str>) -> bool {
    segmentos.iter().any(|segmento| {
        let literal = format!("\"{segmento}\"");
        linha.match_indices(&literal).any(|(i, _)| {
            let antes = &linha[..i];
            let depois = linha[i + literal.len()..].trim_start();
            let em_colchete = antes.rfind('[').is_some_and(|a| antes.rfind(']') < Some(a));
            em_colchete
                || depois.starts_with("=>")
                || depois.starts_with('|')
                || depois.starts_with("if ")
        })
    })
}

/// The route strings `texto` (one Rust source file) writes outside comments: `"/api/…"`,
/// `"api/…"`, a defined template as a whole string literal, or a route segment matched as a
/// string pattern ([`segmento_casado`]). One finding per line.
fn rotas_literais(texto: &str, rotas: &[Rota]) -> Vec<(usize, String)> {
    let segmentos = segmentos_literais(rotas);
    let mut achados = Vec::new();
    for (i, linha) in texto.lines().enumerate() {
        if linha.trim_start().starts_with("//") {
            continue;
        }
        let literal_de_rota = linha.contains("\"/api/")
            || linha.contains("\"api/")
            || rotas
                .iter()
                .any(|r| linha.contains(&format!("\"{}\"", r.modelo)))
            || segmento_casado(linha, &segmentos);
        if literal_de_rota {
            achados.push((i + 1, linha.trim().to_owned()));
        }
    }
    achados
}

fn arquivos_rs(dir: &Path, saida: &mut Vec<PathBuf>) {
    for entrada in fs::read_dir(dir).unwrap() {
        let caminho = entrada.unwrap().path();
        if caminho.is_dir() {
            arquivos_rs(&caminho, saida);
        } else if caminho.extension().is_some_and(|e| e == "rs") {
            saida.push(caminho);
        }
    }
}

#[test]
fn nenhuma_rota_escrita_fora_da_definicao() {
    let raiz = Path::new(env!("CARGO_MANIFEST_DIR"));
    let definicao = raiz.join("renave-domain/src/rotas.rs");
    assert!(definicao.is_file());
    let rotas = todas_as_rotas();
    let mut arquivos = Vec::new();
    for crate_ in ["renave-mg-client", "renave-ws-client", "renave-simulador"] {
        arquivos_rs(&raiz.join(crate_).join("src"), &mut arquivos);
    }
    assert!(arquivos.len() > 30, "{arquivos:?}");
    let mut achados = Vec::new();
    for arquivo in &arquivos {
        let texto = fs::read_to_string(arquivo).unwrap();
        for (n, linha) in rotas_literais(&texto, &rotas) {
            achados.push(format!("{}:{n}: {linha}", arquivo.display()));
        }
    }
    assert!(
        achados.is_empty(),
        "route strings written outside renave-domain/src/rotas.rs (use its constants):\n{}",
        achados.join("\n")
    );
}

#[test]
fn o_verificador_recusa_uma_rota_literal() {
    let rotas = todas_as_rotas();
    let sem =
        "// `GET /api/estoques` in a comment\nlet r = rota(rotas::cetmg::GRAVAR_AGENDAMENTO);";
    assert!(rotas_literais(sem, &rotas).is_empty());
    for com in [
        "let c = \"/api/estoques\";",
        "Route::new(HttpMethod::Get, \"api/cliente-autenticado\")",
        "route: Route::new(HttpMethod::Post, \"agenda-minas/gravar-agendamento\"),",
    ] {
        assert_eq!(rotas_literais(com, &rotas).len(), 1, "{com}");
    }
}

#[test]
fn o_verificador_recusa_um_segmento_casado_como_padrao() {
    let rotas = todas_as_rotas();
    for sem in [
        "rotas::renave_ws::CONSULTAR_ESTOQUE => consultar(e, p.get(\"idEstoque\")),",
        "situacao: \"ite\",",
        "(\"veiculos\", self.veiculos.len()),",
        "(\"ite\", Some(id)) if id == ID_AUTORIZACAO_ITE => {",
        "\"{placa}\" => \"HJK7A89\",",
        "// [\"cliente-autenticado\"] if get => in a comment",
    ] {
        assert!(rotas_literais(sem, &rotas).is_empty(), "{sem}");
    }
    for com in [
        "[\"cliente-autenticado\"] if get => Ok(cliente_autenticado(e)),",
        "[\"estoques\", id] if get => {",
        "[\"ite\", resto @ ..] => {",
        "[\"entregas-veiculo-zero-km\", \"realizacao\"] if post => realizar_entrega(e, c),",
        "\"consultar-cores\" => linhas(&[",
        "| \"consultar-tipos\" => x,",
        "\"municipios\" | \"estoques\" => x,",
        "if let [\"montadora\", resto @ ..] = seg {",
    ] {
        assert_eq!(rotas_literais(com, &rotas).len(), 1, "{com}");
    }
}
