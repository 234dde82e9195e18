//! `ocultar_cpfs` masks a CPF however it is punctuated (LGPD): every spelling of the eleven
//! digits with separators (space, `.`, `-`, `/`, `_`) between them, embedded in a query, a
//! JSON text or a path, keeps only its last two digits; a CNPJ (14 digits) or a chave de acesso
//! NF-e (44 digits) stays readable, bare or formatted.

use std::borrow::Cow;

use proptest::prelude::*;
use renave_domain::privacidade::ocultar_cpfs;

/// The separators a CPF may be written with.
const SEPARADORES: [char; 5] = [' ', '.', '-', '/', '_'];

/// The text with the separators removed.
fn sem_separadores(t: &str) -> String {
    t.chars().filter(|c| !SEPARADORES.contains(c)).collect()
}

fn confere(casos: &[(&str, &str)]) {
    for (entrada, esperado) in casos {
        assert_eq!(ocultar_cpfs(entrada), *esperado, "input: {entrada:?}");
    }
}

#[test]
fn nove_digitos_e_dois() {
    confere(&[
        ("529982247-25", "*********-25"),
        ("CPF 529982247-25.", "CPF *********-25."),
    ]);
}

#[test]
fn dez_digitos_e_um() {
    confere(&[
        ("5299822472-5", "*********2-5"),
        ("(5299822472-5)", "(*********2-5)"),
    ]);
}

#[test]
fn grupos_separados_por_espaco() {
    confere(&[
        ("529 982 247 25", "*** *** *** 25"),
        ("CPF: 529 982 247 25.", "CPF: *** *** *** 25."),
    ]);
}

#[test]
fn pontos_em_outros_lugares() {
    confere(&[
        ("52998.224.725", "*****.***.*25"),
        ("529.982.247.25", "***.***.***.25"),
        ("doc 5299.8224.725 ok", "doc ****.****.*25 ok"),
    ]);
}

#[test]
fn um_digito_por_vez() {
    confere(&[
        ("5 2 9 9 8 2 2 4 7 2 5", "* * * * * * * * * 2 5"),
        ("5.2.9.9.8.2.2.4.7.2.5", "*.*.*.*.*.*.*.*.*.2.5"),
    ]);
}

#[test]
fn hifens_barras_e_sublinhados() {
    confere(&[
        ("529-982-247-25", "***-***-***-25"),
        ("529/982/247-25", "***/***/***-25"),
        ("529_982_247_25", "***_***_***_25"),
    ]);
}

#[test]
fn separadores_misturados() {
    confere(&[
        ("529.982 247/25", "***.*** ***/25"),
        ("52_998.2 24-7 25", "**_***.* **-* 25"),
        // Up to three separator characters between two digits.
        ("529 . 982 - 247 / 25", "*** . *** - *** / 25"),
        ("529. 982. 247- 25", "***. ***. ***- 25"),
    ]);
}

#[test]
fn cpf_dentro_de_textos_maiores() {
    confere(&[
        ("cpf=52998224725&x=1", "cpf=*********25&x=1"),
        ("cpf=529.982.247.25&x=1", "cpf=***.***.***.25&x=1"),
        (r#"{"cpf":"52998224725"}"#, r#"{"cpf":"*********25"}"#),
        (r#"{"cpf":"529 982 247 25"}"#, r#"{"cpf":"*** *** *** 25"}"#),
        ("/estoques/52998224725/x", "/estoques/*********25/x"),
        ("/estoques/529-982-247-25/x", "/estoques/***-***-***-25/x"),
        // Next to other numbers through separators (a path): the CPF is still masked, the
        // other numbers stay readable.
        (
            "/estoques/2026/529982247-25/7",
            "/estoques/2026/*********-25/7",
        ),
        (
            "/api/9BWZZZ377VT004251/529.982.247.25/ultimo",
            "/api/9BWZZZ377VT004251/***.***.***.25/ultimo",
        ),
        ("52998224725 11144477735", "*********25 *********35"),
        // Overlapping windows of eleven digits each hide their first nine: more is masked.
        (
            "529 982 247 25 / 111 444 777 35",
            "*** *** *** ** / *** *** *** 35",
        ),
        (
            "CPF 52998224725 / 529.982.247-25, CNPJ 11222333000181",
            "CPF *********25 / ***.***.***-25, CNPJ 11222333000181",
        ),
    ]);
}

/// Twelve or thirteen digits may be a CPF with a stray digit: masked whole (all but the last
/// two digits). Fourteen and more cannot be told from a CNPJ: left alone.
#[test]
fn doze_e_treze_digitos_mascarados() {
    confere(&[
        ("152998224725", "**********25"),
        ("1529982247251", "***********51"),
        ("529.982.247-251", "***.***.***-*51"),
        ("0 529.982.247-25", "* ***.***.***-25"),
    ]);
    assert_eq!(ocultar_cpfs("15299822472512"), "15299822472512");
}

#[test]
fn cnpj_e_chave_nfe_intactos() {
    for t in [
        "11222333000181",
        "CNPJ 11222333000181.",
        "11.222.333/0001-81",
        "CNPJ 11.222.333/0001-81.",
        "11 222 333 0001 81",
        "13181017921427000125650010000000309887251170",
        "chave 1318 1017 9214 2700 0125 6500 1000 0000 3098 8725 1170",
        "/nfe/13181017921427000125650010000000309887251170/pdf",
        "2026-09-24T10:11:12",
        "24/09/2026 10:11",
        "R$ 1.234.567,89",
        "CEP 30130-010",
        "529.982.247-2",
    ] {
        assert!(matches!(ocultar_cpfs(t), Cow::Borrowed(s) if s == t), "{t}");
    }
}

/// Linear time and no stack or memory blow-up on a long run of separated digits (one group
/// of 400 000 digits: every 11-digit window of it is masked).
#[test]
fn grupo_enorme() {
    let t = "1 ".repeat(400_000);
    let o = ocultar_cpfs(&t);
    assert_eq!(o.len(), t.len());
    assert!(o.starts_with("* * * "));
    assert!(o.ends_with("1 1 "));
    let t = "12345678901234567890/".repeat(20_000);
    let o = ocultar_cpfs(&t);
    assert_eq!(o.len(), t.len());
}

/// A plain, quadratic model of the documented rule: digit groups (digits with at most three
/// separators between two of them); a group of 11 to 13 digits masked whole, and in a group
/// of 14 or more every run of whole blocks holding 11 digits; all but the last two digits.
fn modelo(t: &str) -> String {
    let b = t.as_bytes();
    let mut mascarado = vec![false; b.len()];
    // The blocks (contiguous digits) of each group.
    let mut grupos: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut fim = i;
        while fim < b.len() && b[fim].is_ascii_digit() {
            fim += 1;
        }
        let junto = grupos
            .last()
            .and_then(|g| g.last())
            .is_some_and(|&(_, f)| i - f <= 3 && b[f..i].iter().all(|c| b" .-/_".contains(c)));
        if junto {
            grupos.last_mut().expect("a group").push((i, fim));
        } else {
            grupos.push(vec![(i, fim)]);
        }
        i = fim;
    }
    let mut ocultar = |blocos: &[(usize, usize)]| {
        let posicoes: Vec<usize> = blocos.iter().flat_map(|&(a, f)| a..f).collect();
        for &p in &posicoes[..posicoes.len() - 2] {
            mascarado[p] = true;
        }
    };
    for g in &grupos {
        let total: usize = g.iter().map(|(a, f)| f - a).sum();
        if (11..=13).contains(&total) {
            ocultar(g);
        } else if total >= 14 {
            for a in 0..g.len() {
                for z in a..g.len() {
                    if g[a..=z].iter().map(|(x, f)| f - x).sum::<usize>() == 11 {
                        ocultar(&g[a..=z]);
                    }
                }
            }
        }
    }
    t.char_indices()
        .map(|(p, c)| if mascarado[p] { '*' } else { c })
        .collect()
}

/// Up to `max` separators drawn from the set.
fn separadores(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(SEPARADORES.to_vec()), 0..=max)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Any eleven digits, with up to three separators between each two, embedded in any text
    /// (whose characters next to the CPF are not digits: a longer digit run is another
    /// number), never survive: the first nine digits of the CPF's region are masked.
    #[test]
    fn cpf_pontuado_em_texto_qualquer(
        digitos in proptest::collection::vec(0u8..10, 11),
        seps in proptest::collection::vec(separadores(3), 10),
        antes in ".{0,24}",
        limite_a in "[^0-9]",
        limite_d in "[^0-9]",
        depois in ".{0,24}",
    ) {
        let cpf: String = digitos.iter().map(|d| char::from(b'0' + d)).collect();
        let mut escrito = String::new();
        for (i, c) in cpf.chars().enumerate() {
            escrito.push(c);
            if let Some(s) = seps.get(i) {
                escrito.push_str(s);
            }
        }
        let t = format!("{antes}{limite_a}{escrito}{limite_d}{depois}");
        let inicio = antes.len() + limite_a.len();
        let fim = inicio + escrito.len();
        let o = ocultar_cpfs(&t);
        prop_assert_eq!(o.len(), t.len());
        let regiao = o.get(inicio..fim).expect("same length, ASCII replaced by ASCII");
        let limpo = sem_separadores(regiao);
        prop_assert!(!limpo.contains(&cpf), "{t:?} -> {o:?}");
        prop_assert_eq!(limpo.get(..9), Some("*********"), "{:?} -> {:?}", t, o);
    }

    /// CNPJs (bare or formatted) and chaves de acesso NF-e (bare or in groups of four),
    /// between words, are left alone and borrowed.
    #[test]
    fn cnpj_e_chave_em_texto(
        cnpj in "[0-9]{14}",
        chave in "[0-9]{44}",
        formatar in any::<bool>(),
        palavras in proptest::collection::vec("[^0-9 ./_-]{1,8}", 3),
    ) {
        let (cnpj, chave) = if formatar {
            let c = cnpj.as_bytes();
            let f = |r: std::ops::Range<usize>| std::str::from_utf8(&c[r]).unwrap_or_default().to_owned();
            let cnpj = format!("{}.{}.{}/{}-{}", f(0..2), f(2..5), f(5..8), f(8..12), f(12..14));
            let grupos: Vec<&str> = chave
                .as_bytes()
                .chunks(4)
                .map(|g| std::str::from_utf8(g).unwrap_or_default())
                .collect();
            (cnpj, grupos.join(" "))
        } else {
            (cnpj, chave)
        };
        let t = format!("{}{cnpj}{}{chave}{}", palavras[0], palavras[1], palavras[2]);
        let o = ocultar_cpfs(&t);
        prop_assert!(matches!(o, Cow::Borrowed(_)), "{t:?} -> {o:?}");
    }

    /// The linear implementation agrees with the plain model of the rule.
    #[test]
    fn igual_ao_modelo(t in "[0-9 ./_a-]{0,200}", d in "[0-9]{0,20}( {0,4}[0-9]{1,14}){0,12}") {
        for t in [t.as_str(), d.as_str()] {
            let o = ocultar_cpfs(t);
            prop_assert_eq!(o.as_ref(), modelo(t), "{:?}", t);
        }
    }

    /// Dense digits and separators: no panic, same length, only digits turned into `*`.
    #[test]
    fn denso_sem_panico(t in "[0-9 ./_a*-]{0,300}", u in ".{0,100}") {
        for t in [t.as_str(), u.as_str()] {
            let o = ocultar_cpfs(t);
            prop_assert_eq!(o.len(), t.len());
            for (a, b) in t.chars().zip(o.chars()) {
                prop_assert!(a == b || (a.is_ascii_digit() && b == '*'), "{t:?} -> {o:?}");
            }
        }
    }
}
