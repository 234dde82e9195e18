//! The seeded mutator and runner of the stable-toolchain mutation campaign (feature `fuzz`,
//! hidden; `docs/fuzz.md`). **Not a public API**: it exists so that the `tests/fuzz_*.rs` of
//! this crate and of both clients share one mutator instead of three copies.
//!
//! * [`Mutador`] — byte, text and JSON-structure mutations driven by a seeded
//!   [`fastrand::Rng`], so every run with the same seed tries the same inputs.
//! * [`Campanha`] — runs one check per input inside [`std::panic::catch_unwind`]: a panic or a
//!   violated property becomes a finding that names the seed, the iteration and the input
//!   (escaped), never a crash of the run; [`Campanha::concluir`] prints the figures and fails
//!   with every finding.
//! * [`iteracoes`] / [`semente`] — the size and seed of a run, from `RENAVE_FUZZ_ITERACOES` and
//!   `RENAVE_FUZZ_SEMENTE`.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::time::Instant;

use serde_json::{Map, Value};

/// Environment variable: inputs per target (each test file has its own small default).
pub const VARIAVEL_ITERACOES: &str = "RENAVE_FUZZ_ITERACOES";
/// Environment variable: the base seed (decimal or `0x` hexadecimal).
pub const VARIAVEL_SEMENTE: &str = "RENAVE_FUZZ_SEMENTE";
/// The base seed when [`VARIAVEL_SEMENTE`] is not set.
pub const SEMENTE_PADRAO: u64 = 0x5245_4E41_5645; // "RENAVE"

/// Inputs per target: [`VARIAVEL_ITERACOES`] when set to a number, else `padrao`.
pub fn iteracoes(padrao: u64) -> u64 {
    std::env::var(VARIAVEL_ITERACOES)
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
        .unwrap_or(padrao)
}

/// The base seed: [`VARIAVEL_SEMENTE`] when set, else [`SEMENTE_PADRAO`].
pub fn semente() -> u64 {
    std::env::var(VARIAVEL_SEMENTE)
        .ok()
        .and_then(|v| {
            let v = v.trim().replace('_', "");
            match v.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16).ok(),
                None => v.parse().ok(),
            }
        })
        .unwrap_or(SEMENTE_PADRAO)
}

/// The seed of one target: the base seed mixed with the target's name (FNV-1a), so targets
/// draw independent streams and adding a target changes no other target's inputs.
pub fn semente_do_alvo(base: u64, alvo: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in alvo.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ base
}

/// Text fragments that break parsers: white space of every kind (Unicode `White_Space` and
/// look-alikes that are not), NUL and controls, combining marks, full-width and other non-ASCII
/// digits and letters, bidi marks, case-mapping oddities, JSON and mask punctuation, number
/// words, date and BR Code pieces, and a valid CPF (for the privacy checks).
pub const FRAGMENTOS: &[&str] = &[
    "",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\u{0}",
    "\u{1}",
    "\u{7f}",
    "\u{1b}",
    "\u{85}",
    "\u{a0}",
    "\u{2007}",
    "\u{2028}",
    "\u{3000}",
    "\u{feff}",
    "\u{200b}",
    "\u{200d}",
    "\u{200e}",
    "\u{200f}",
    "\u{202e}",
    "\u{2066}",
    "\u{301}",
    "\u{308}",
    "\u{20dd}",
    "e\u{301}",
    "A\u{30a}",
    "\u{ff10}",
    "\u{ff11}",
    "\u{ff19}",
    "\u{ff21}",
    "\u{ff5a}",
    "\u{663}",
    "\u{6f3}",
    "\u{966}",
    "\u{1d7d7}",
    "\u{b9}",
    "\u{bd}",
    "\u{216b}",
    "\u{df}",
    "\u{130}",
    "\u{131}",
    "\u{fb00}",
    "\u{212a}",
    "\u{212b}",
    "\u{10ffff}",
    "\u{fffd}",
    "\u{1f600}",
    "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
    "\\",
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    ".",
    "-",
    "/",
    "+",
    "*",
    "%",
    "R$",
    "R$ ",
    "R$\u{a0}",
    "e",
    "E",
    "e400",
    "NaN",
    "Infinity",
    "-0",
    "0x1F",
    "T",
    "Z",
    "z",
    "+03:00",
    "-03:00",
    "[America/Sao_Paulo]",
    "0",
    "00",
    "000",
    "9",
    "99",
    "A",
    "O",
    "I",
    "Q",
    "6304",
    "000201",
    "0014br.gov.bcb.pix",
    "52998224725",
    "529.982.247-25",
    "11222333000181",
];

/// Number texts that break number handling: signed zero, out-of-range and subnormal doubles,
/// integers just past `u64`/`i64`, `2⁵³ + 1`, exponents, trailing zeros, a valid CPF.
pub const NUMEROS: &[&str] = &[
    "0",
    "-0",
    "0.0",
    "-0.0",
    "0.000",
    "1e400",
    "-1e400",
    "1e-400",
    "4.9e-324",
    "1.7976931348623157e308",
    "1E2",
    "1e+2",
    "0.1e1",
    "1.5e-1",
    "0.1",
    "0.01",
    "0.001",
    "1.005",
    "1.10",
    "100",
    "18446744073709551615",
    "18446744073709551616",
    "-1",
    "-9223372036854775808",
    "-9223372036854775809",
    "9007199254740993",
    "999999999999999",
    "9999999999999.99",
    "9999999999999.995",
    "10000000000000",
    "99999999999999999999999999999999",
    "123456789.123456789",
    "52998224725",
    "4123",
    "9999",
    "10000",
    "65536",
];

/// Raw JSON texts, valid or not, to put where a value goes.
pub const LITERAIS_JSON: &[&str] = &[
    "null",
    "true",
    "false",
    "NaN",
    "Infinity",
    "-Infinity",
    "undefined",
    "01",
    "1.",
    ".5",
    "+1",
    "-",
    "0x10",
    "1e",
    "truee",
    "nul",
    "\"\\ud800\"",
    "\"\\udfff\\ud800\"",
    "\"\\u0000\"",
    "\"\\u00\"",
    "\"\\x41\"",
    "\"",
    "[]",
    "{}",
    "[,]",
    "{\"\":}",
    "[1,]",
    "{\"a\":1,}",
    "\"\\\"\"",
];

/// An escaped, length-capped rendering of an input for a report.
pub trait Entrada {
    /// The input as a Rust-escaped literal (its first 600 bytes, with its full length).
    fn descrever(&self) -> String;
}

/// The longest input a report prints in full.
const MAX_DESCRICAO: usize = 600;

impl Entrada for str {
    fn descrever(&self) -> String {
        if self.len() <= MAX_DESCRICAO {
            format!("{self:?}")
        } else {
            let mut fim = MAX_DESCRICAO;
            while !self.is_char_boundary(fim) {
                fim -= 1;
            }
            format!(
                "{:?}… ({} bytes in all)",
                self.get(..fim).unwrap_or_default(),
                self.len()
            )
        }
    }
}

impl Entrada for String {
    fn descrever(&self) -> String {
        self.as_str().descrever()
    }
}

impl Entrada for [u8] {
    fn descrever(&self) -> String {
        let parte = self.get(..MAX_DESCRICAO).unwrap_or(self);
        let mut s = format!("b\"{}\"", parte.escape_ascii());
        if parte.len() < self.len() {
            let _ = write!(s, "… ({} bytes in all)", self.len());
        }
        s
    }
}

impl Entrada for Vec<u8> {
    fn descrever(&self) -> String {
        self.as_slice().descrever()
    }
}

/// The seeded mutator: every method draws from one [`fastrand::Rng`], so a run is a pure
/// function of its seed.
#[derive(Debug)]
pub struct Mutador {
    rng: fastrand::Rng,
}

impl Mutador {
    /// A mutator with this seed.
    pub fn new(semente: u64) -> Self {
        Self {
            rng: fastrand::Rng::with_seed(semente),
        }
    }

    /// The random number generator, for target-specific choices.
    pub fn rng(&mut self) -> &mut fastrand::Rng {
        &mut self.rng
    }

    /// `true` with probability `1 / n`.
    pub fn um_em(&mut self, n: u32) -> bool {
        n <= 1 || self.rng.u32(..n) == 0
    }

    /// One item of a non-empty slice (the first one of an empty slice is `None`).
    pub fn escolher<'a, T>(&mut self, itens: &'a [T]) -> Option<&'a T> {
        if itens.is_empty() {
            None
        } else {
            itens.get(self.rng.usize(..itens.len()))
        }
    }

    fn fragmento(&mut self) -> &'static str {
        self.escolher(FRAGMENTOS).copied().unwrap_or_default()
    }

    /// How many mutations to stack: 1 most of the time, up to 4.
    fn quantas(&mut self) -> usize {
        match self.rng.u32(..16) {
            0..=9 => 1,
            10..=13 => 2,
            14 => 3,
            _ => 4,
        }
    }

    // ----------------------------------------------------------------------------- bytes

    /// 1–4 stacked byte-level mutations of `base`: bit flips, interesting bytes, insertions,
    /// deletions, duplicated ranges, splices with one of `outras`, fragments, truncation.
    pub fn bytes(&mut self, base: &[u8], outras: &[&[u8]]) -> Vec<u8> {
        let mut v = base.to_vec();
        for _ in 0..self.quantas() {
            self.mutar_bytes(&mut v, outras);
        }
        v
    }

    fn posicao(&mut self, len: usize) -> usize {
        self.rng.usize(..=len)
    }

    fn mutar_bytes(&mut self, v: &mut Vec<u8>, outras: &[&[u8]]) {
        const INTERESSANTES: &[u8] = b"\x00\xff\x7f\x80\xc3\xe2\xf0\"\\{}[],:.-+eE0159 \t\nTZ/";
        let len = v.len();
        match self.rng.u32(..12) {
            0 if len > 0 => {
                let i = self.rng.usize(..len);
                if let Some(b) = v.get_mut(i) {
                    *b ^= 1 << self.rng.u32(..8);
                }
            }
            1 if len > 0 => {
                let i = self.rng.usize(..len);
                let novo = self.escolher(INTERESSANTES).copied().unwrap_or(0);
                if let Some(b) = v.get_mut(i) {
                    *b = novo;
                }
            }
            2 => {
                let i = self.posicao(len);
                let n = 1 + self.rng.usize(..4);
                for _ in 0..n {
                    let b = if self.rng.bool() {
                        self.rng.u8(..)
                    } else {
                        self.escolher(INTERESSANTES).copied().unwrap_or(0)
                    };
                    v.insert(i, b);
                }
            }
            3 if len > 0 => {
                let i = self.rng.usize(..len);
                let n = 1 + self.rng.usize(..(len - i).min(8));
                v.drain(i..i + n);
            }
            4 if len > 0 => {
                let i = self.rng.usize(..len);
                let n = 1 + self.rng.usize(..(len - i).min(32));
                let trecho: Vec<u8> = v.get(i..i + n).unwrap_or_default().to_vec();
                let destino = self.posicao(len);
                let vezes = if self.um_em(8) {
                    1 + self.rng.usize(..64)
                } else {
                    1
                };
                for _ in 0..vezes {
                    v.splice(destino..destino, trecho.iter().copied());
                }
            }
            5 => {
                if let Some(outra) = self.escolher(outras) {
                    let i = self.posicao(len);
                    let j = self.posicao(outra.len());
                    v.truncate(i);
                    v.extend_from_slice(outra.get(j..).unwrap_or_default());
                }
            }
            6 => {
                let i = self.posicao(len);
                let f = self.fragmento();
                v.splice(i..i, f.bytes());
            }
            7 if len > 0 => {
                let i = self.rng.usize(..len);
                v.truncate(i);
            }
            8 if len > 1 => {
                let i = self.rng.usize(..len);
                let j = self.rng.usize(..len);
                v.swap(i, j);
            }
            9 if len > 0 => {
                let i = self.rng.usize(..len);
                if let Some(b) = v.get_mut(i) {
                    *b = if b.is_ascii_digit() {
                        b'0' + (*b - b'0' + 1 + self.rng.u8(..9)) % 10
                    } else {
                        b.wrapping_add(if self.rng.bool() { 1 } else { 255 })
                    };
                }
            }
            _ => {
                let i = self.posicao(len);
                let n = self.escolher(NUMEROS).copied().unwrap_or("0");
                v.splice(i..i, n.bytes());
            }
        }
    }

    // ------------------------------------------------------------------------------ text

    /// 1–4 stacked character-level mutations of `base`: fragments, case changes, ASCII digits
    /// and letters turned full-width, random ASCII replacements, deletions, duplications,
    /// splices with one of `outras`, surrounding white space, long repetitions; now and then a
    /// byte-level mutation read back lossily.
    pub fn texto(&mut self, base: &str, outras: &[&str]) -> String {
        let mut v: Vec<char> = base.chars().collect();
        for _ in 0..self.quantas() {
            self.mutar_texto(&mut v, outras);
        }
        v.into_iter().collect()
    }

    fn ascii_aleatorio(&mut self) -> char {
        match self.rng.u32(..8) {
            0..=3 => self.rng.digit(10),
            4 | 5 => self.rng.uppercase(),
            6 => self.rng.lowercase(),
            _ => self.rng.char(' '..='~'),
        }
    }

    fn mutar_texto(&mut self, v: &mut Vec<char>, outras: &[&str]) {
        let len = v.len();
        match self.rng.u32(..16) {
            0..=2 if len > 0 => {
                let i = self.rng.usize(..len);
                let c = self.ascii_aleatorio();
                if let Some(x) = v.get_mut(i) {
                    *x = c;
                }
            }
            3 if len > 0 => {
                let i = self.rng.usize(..len);
                let f: Vec<char> = self.fragmento().chars().collect();
                v.splice(i..=i, f);
            }
            4 => {
                let i = self.posicao(len);
                let f: Vec<char> = self.fragmento().chars().collect();
                v.splice(i..i, f);
            }
            5 if len > 0 => {
                let i = self.rng.usize(..len);
                let n = 1 + self.rng.usize(..(len - i).min(4));
                v.drain(i..i + n);
            }
            6 if len > 0 => {
                let i = self.rng.usize(..len);
                if let Some(x) = v.get_mut(i) {
                    *x = if x.is_ascii_digit() {
                        // Full-width digit (U+FF10…) or another script's digit.
                        let d = u32::from(*x) - u32::from('0');
                        let base = *self
                            .escolher(&[0xFF10_u32, 0x0660, 0x06F0, 0x0966, 0x1D7CE])
                            .unwrap_or(&0xFF10);
                        char::from_u32(base + d).unwrap_or(*x)
                    } else if x.is_ascii_alphabetic() {
                        let alvo = u32::from(*x) - 0x21 + 0xFF01;
                        char::from_u32(alvo).unwrap_or(*x)
                    } else {
                        *x
                    };
                }
            }
            7 if len > 0 => {
                let i = self.rng.usize(..len);
                if let Some(x) = v.get_mut(i) {
                    *x = if x.is_ascii_uppercase() {
                        x.to_ascii_lowercase()
                    } else if x.is_ascii_lowercase() {
                        x.to_ascii_uppercase()
                    } else if self.rng.bool() {
                        x.to_uppercase().next().unwrap_or(*x)
                    } else {
                        x.to_lowercase().next().unwrap_or(*x)
                    };
                }
            }
            8 if len > 0 => {
                let i = self.rng.usize(..len);
                let n = 1 + self.rng.usize(..(len - i).min(8));
                let trecho: Vec<char> = v.get(i..i + n).unwrap_or_default().to_vec();
                let destino = self.posicao(len);
                v.splice(destino..destino, trecho);
            }
            9 => {
                if let Some(outra) = self.escolher(outras) {
                    let outra: Vec<char> = outra.chars().collect();
                    let i = self.posicao(len);
                    let j = self.posicao(outra.len());
                    v.truncate(i);
                    v.extend_from_slice(outra.get(j..).unwrap_or_default());
                }
            }
            10 => {
                // Surrounding white space (or look-alikes that are not White_Space).
                let f: Vec<char> = self.fragmento().chars().collect();
                if self.rng.bool() {
                    v.splice(0..0, f);
                } else {
                    v.extend(f);
                }
            }
            11 if len > 1 => {
                let i = self.rng.usize(..len - 1);
                v.swap(i, i + 1);
            }
            12 if self.um_em(4) => {
                // A long string: the input (or a fragment) repeated to thousands of characters.
                let unidade: Vec<char> = if len > 0 && self.rng.bool() {
                    v.clone()
                } else {
                    let f = self.fragmento();
                    if f.is_empty() { "9" } else { f }.chars().collect()
                };
                let vezes = 1 + self.rng.usize(..(20_000 / unidade.len().max(1)).max(1));
                let longo: Vec<char> = unidade
                    .iter()
                    .copied()
                    .cycle()
                    .take(unidade.len() * vezes)
                    .collect();
                *v = longo;
            }
            13 => {
                let n = self.escolher(NUMEROS).copied().unwrap_or("0");
                *v = n.chars().collect();
            }
            14 => {
                // A byte-level mutation, read back lossily (U+FFFD where UTF-8 broke).
                let s: String = v.iter().collect();
                let b = self.bytes(s.as_bytes(), &[]);
                *v = String::from_utf8_lossy(&b).chars().collect();
            }
            _ => {
                let i = self.posicao(len);
                let c = self.ascii_aleatorio();
                v.insert(i, c);
            }
        }
    }

    // ------------------------------------------------------------------------------ JSON

    /// One JSON-structure mutation of `base` (a value's type changed, a key dropped, duplicated
    /// or added, a value wrapped in an array or an object or unwrapped, a node spliced from one
    /// of `outras`, a string mutated as text, a raw literal such as `1e400`, `-0`, `NaN` or
    /// 200-deep nesting put in place of a value), written as JSON text; now and then with
    /// byte-level mutations on top.
    pub fn json(&mut self, base: &Value, outras: &[Value]) -> Vec<u8> {
        let mut v = base.clone();
        let mut brutos: Vec<String> = Vec::new();
        for _ in 0..self.quantas() {
            self.mutar_json(&mut v, outras, &mut brutos);
        }
        let mut texto = if self.um_em(8) {
            serde_json::to_string_pretty(&v).unwrap_or_default()
        } else {
            serde_json::to_string(&v).unwrap_or_default()
        };
        for (k, bruto) in brutos.iter().enumerate() {
            texto = texto.replace(&format!("\"\\u0001RAW{k}\\u0001\""), bruto);
            texto = texto.replace(&format!("\\u0001DUP{k}\""), "\"");
        }
        let bytes = texto.into_bytes();
        if self.um_em(10) {
            let outras: Vec<Vec<u8>> = outras
                .iter()
                .take(4)
                .map(|o| serde_json::to_vec(o).unwrap_or_default())
                .collect();
            let refs: Vec<&[u8]> = outras.iter().map(Vec::as_slice).collect();
            self.bytes(&bytes, &refs)
        } else {
            bytes
        }
    }

    /// A marker string the writer replaces by `bruto` (raw JSON text).
    fn bruto(brutos: &mut Vec<String>, bruto: String) -> Value {
        brutos.push(bruto);
        Value::String(format!("\u{1}RAW{}\u{1}", brutos.len() - 1))
    }

    fn literal(&mut self, brutos: &mut Vec<String>) -> Value {
        match self.rng.u32(..6) {
            0 | 1 => {
                let n = self.escolher(NUMEROS).copied().unwrap_or("0").to_owned();
                Self::bruto(brutos, n)
            }
            2 => {
                let l = self
                    .escolher(LITERAIS_JSON)
                    .copied()
                    .unwrap_or("null")
                    .to_owned();
                Self::bruto(brutos, l)
            }
            3 => {
                let profundidade = *self
                    .escolher(&[8_usize, 64, 126, 127, 128, 129, 200, 2_000])
                    .unwrap_or(&200);
                let aninhado = if self.rng.bool() {
                    format!("{}{}", "[".repeat(profundidade), "]".repeat(profundidade))
                } else {
                    format!(
                        "{}1{}",
                        "{\"a\":".repeat(profundidade),
                        "}".repeat(profundidade)
                    )
                };
                Self::bruto(brutos, aninhado)
            }
            4 => {
                let f = self.fragmento();
                let n = 1 + self.rng.usize(..10_000 / f.len().max(1));
                Value::String(f.repeat(n))
            }
            _ => {
                let f = self.fragmento();
                Value::String(f.to_owned())
            }
        }
    }

    fn valor_aleatorio(&mut self, brutos: &mut Vec<String>) -> Value {
        match self.rng.u32(..10) {
            0 => Value::Null,
            1 => Value::Bool(self.rng.bool()),
            2 => Value::from(self.rng.i64(..)),
            3 => Value::from(self.rng.u64(..)),
            4 => serde_json::Number::from_f64(self.rng.f64() * 1e6)
                .map_or(Value::Null, Value::Number),
            5 => Value::Array(Vec::new()),
            6 => Value::Object(Map::new()),
            7 => {
                let base = self.fragmento();
                Value::String(self.texto(base, &[]))
            }
            _ => self.literal(brutos),
        }
    }

    /// A number near `n` or at a boundary: ±1, negated, zero, the `u64`/`i64` limits, a
    /// fraction.
    fn numero_vizinho(&mut self, n: &serde_json::Number) -> Value {
        let i = n.as_i64().unwrap_or_default();
        match self.rng.u32(..7) {
            0 => Value::from(i.saturating_add(1)),
            1 => Value::from(i.saturating_sub(1)),
            2 => Value::from(i.saturating_neg()),
            3 => Value::from(u64::MAX),
            4 => Value::from(i64::MIN),
            5 => serde_json::Number::from_f64(n.as_f64().unwrap_or_default() + 0.001)
                .map_or(Value::Null, Value::Number),
            _ => Value::from(0),
        }
    }

    /// Every node of `v` as a path of object keys / array indexes (the root is `[]`).
    fn caminhos(v: &Value) -> Vec<Vec<Passo>> {
        fn visitar(v: &Value, atual: &mut Vec<Passo>, todos: &mut Vec<Vec<Passo>>) {
            todos.push(atual.clone());
            match v {
                Value::Object(m) => {
                    for (k, filho) in m {
                        atual.push(Passo::Chave(k.clone()));
                        visitar(filho, atual, todos);
                        atual.pop();
                    }
                }
                Value::Array(a) => {
                    for (i, filho) in a.iter().enumerate() {
                        atual.push(Passo::Indice(i));
                        visitar(filho, atual, todos);
                        atual.pop();
                    }
                }
                _ => {}
            }
        }
        let mut todos = Vec::new();
        visitar(v, &mut Vec::new(), &mut todos);
        todos
    }

    fn no_mut<'a>(v: &'a mut Value, caminho: &[Passo]) -> Option<&'a mut Value> {
        let mut atual = v;
        for passo in caminho {
            atual = match (passo, atual) {
                (Passo::Chave(k), Value::Object(m)) => m.get_mut(k)?,
                (Passo::Indice(i), Value::Array(a)) => a.get_mut(*i)?,
                _ => return None,
            };
        }
        Some(atual)
    }

    fn mutar_json(&mut self, raiz: &mut Value, outras: &[Value], brutos: &mut Vec<String>) {
        let caminhos = Self::caminhos(raiz);
        let Some(caminho) = self.escolher(&caminhos).cloned() else {
            return;
        };
        let escolha = self.rng.u32(..16);
        // Operations on the parent (drop / duplicate / add a key, drop an array element).
        if matches!(escolha, 0..=2) {
            if let Some((ultimo, pai)) = caminho.split_last() {
                let duplicado = (escolha == 1).then(|| self.valor_aleatorio(brutos));
                let novo_valor = (escolha == 2).then(|| self.valor_aleatorio(brutos));
                let sufixo = brutos.len();
                let texto_novo = {
                    let f = self.fragmento();
                    self.texto(f, &[])
                };
                if let Some(no_pai) = Self::no_mut(raiz, pai) {
                    match (ultimo, no_pai) {
                        (Passo::Chave(k), Value::Object(m)) => match escolha {
                            0 => {
                                m.remove(k);
                            }
                            1 => {
                                // A duplicate key: the marker suffix is cut by the writer.
                                brutos.push(String::new());
                                m.insert(
                                    format!("{k}\u{1}DUP{sufixo}"),
                                    duplicado.unwrap_or(Value::Null),
                                );
                            }
                            _ => {
                                m.insert(texto_novo, novo_valor.unwrap_or(Value::Null));
                            }
                        },
                        (Passo::Indice(i), Value::Array(a)) => match escolha {
                            0 => {
                                if *i < a.len() {
                                    a.remove(*i);
                                }
                            }
                            1 => {
                                if let Some(x) = a.get(*i).cloned() {
                                    a.insert(*i, x);
                                }
                            }
                            _ => a.push(novo_valor.unwrap_or(Value::Null)),
                        },
                        _ => {}
                    }
                }
                return;
            }
        }
        let atual = Self::no_mut(raiz, &caminho).map_or(Value::Null, |n| n.clone());
        let novo = match escolha {
            3 | 4 => self.valor_aleatorio(brutos),
            5 | 6 => self.literal(brutos),
            7 => Value::Array(vec![atual]),
            8 => {
                let chave = *self
                    .escolher(&["dados", "data", "itens", "codigo_retorno", "", "fault"])
                    .unwrap_or(&"dados");
                let mut m = Map::new();
                m.insert(chave.to_owned(), atual);
                Value::Object(m)
            }
            9 => match atual {
                Value::Array(a) => a.into_iter().next().unwrap_or(Value::Null),
                Value::Object(m) => m.into_iter().next().map_or(Value::Null, |(_, v)| v),
                outro => outro,
            },
            10 | 11 => {
                // Splice: a node of another seed (or of this one).
                let fonte = self
                    .escolher(outras)
                    .cloned()
                    .unwrap_or_else(|| raiz.clone());
                let caminhos_fonte = Self::caminhos(&fonte);
                let escolhido = self.escolher(&caminhos_fonte).cloned().unwrap_or_default();
                let mut fonte = fonte;
                Self::no_mut(&mut fonte, &escolhido).map_or(Value::Null, Value::take)
            }
            12 => match atual {
                Value::String(s) => Value::String(self.texto(&s, &[])),
                Value::Number(n) => {
                    if self.rng.bool() {
                        Value::String(n.to_string())
                    } else {
                        let texto = self.texto(&n.to_string(), &[]);
                        Self::bruto(brutos, texto)
                    }
                }
                Value::Bool(b) => Value::String(b.to_string()),
                Value::Null => Value::String(String::new()),
                outro => Value::String(outro.to_string()),
            },
            13 => match atual {
                Value::String(s) => match serde_json::from_str::<Value>(&s) {
                    Ok(n @ Value::Number(_)) => n,
                    _ => Value::String(self.texto(&s, &[])),
                },
                Value::Array(mut a) => {
                    if self.rng.bool() {
                        a.clear();
                    } else if let Some(x) = a.first().cloned() {
                        for _ in 0..self.rng.usize(1..64) {
                            a.push(x.clone());
                        }
                    }
                    Value::Array(a)
                }
                Value::Object(_) => Value::Object(Map::new()),
                outro => outro,
            },
            _ => {
                // A string value: another mutation of its text, the most common case for the
                // identifiers and codes the answers carry.
                match atual {
                    Value::String(s) => {
                        let outras_txt: Vec<&str> = FRAGMENTOS.to_vec();
                        Value::String(self.texto(&s, &outras_txt))
                    }
                    Value::Number(n) => self.numero_vizinho(&n),
                    _ => self.valor_aleatorio(brutos),
                }
            }
        };
        if let Some(no) = Self::no_mut(raiz, &caminho) {
            *no = novo;
        }
    }
}

/// One step of a path into a JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Passo {
    Chave(String),
    Indice(usize),
}

// ------------------------------------------------------------------------------------ runner

thread_local! {
    /// Whether a panic on this thread is expected (inside [`Campanha::testar`]): the hook then
    /// stays silent and records where it happened.
    static CAPTURANDO: Cell<bool> = const { Cell::new(false) };
    static ONDE: RefCell<Option<String>> = const { RefCell::new(None) };
}

static GANCHO: Once = Once::new();

/// Installs (once per process) a panic hook that is silent inside [`Campanha::testar`] and
/// otherwise the previous hook, so the other tests' panics print as usual.
fn instalar_gancho() {
    GANCHO.call_once(|| {
        let anterior = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CAPTURANDO.with(Cell::get) {
                let onde = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                ONDE.with(|o| *o.borrow_mut() = onde);
            } else {
                anterior(info);
            }
        }));
    });
}

fn mensagem_do_panico(carga: &(dyn std::any::Any + Send)) -> String {
    carga
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| carga.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "<non-text panic payload>".to_owned())
}

/// The result of one check: accepted, rejected, or a violated property (its description).
pub type Veredito = Result<bool, String>;

/// What went wrong with one input.
#[derive(Debug, Clone)]
pub struct Achado {
    /// `panic` or `property`.
    pub tipo: &'static str,
    /// The iteration (0-based) that produced the input.
    pub iteracao: u64,
    /// The input, escaped (see [`Entrada`]).
    pub entrada: String,
    /// The panic message with its location, or the violated property.
    pub mensagem: String,
}

/// The findings kept in full, the shortest inputs first (the others are counted by message).
const MAX_ACHADOS: usize = 25;

/// One target's run: counts inputs, acceptances and findings, and reports them.
#[derive(Debug)]
pub struct Campanha {
    alvo: String,
    semente: u64,
    inicio: Instant,
    tentativas: u64,
    aceitas: u64,
    panicos: u64,
    propriedades: u64,
    achados: Vec<Achado>,
    por_mensagem: BTreeMap<String, u64>,
}

impl Campanha {
    /// A run of target `alvo` with the target seed `semente` (see [`semente_do_alvo`]).
    pub fn new(alvo: &str, semente: u64) -> Self {
        instalar_gancho();
        Self {
            alvo: alvo.to_owned(),
            semente,
            inicio: Instant::now(),
            tentativas: 0,
            aceitas: 0,
            panicos: 0,
            propriedades: 0,
            achados: Vec::new(),
            por_mensagem: BTreeMap::new(),
        }
    }

    /// Runs `verificar` on one input inside `catch_unwind`: `Ok(true)` counts as accepted,
    /// `Err(property)` and any panic as findings recorded with `entrada`.
    pub fn testar<E: Entrada + ?Sized>(
        &mut self,
        iteracao: u64,
        entrada: &E,
        verificar: impl FnOnce() -> Veredito,
    ) {
        self.tentativas += 1;
        CAPTURANDO.with(|c| c.set(true));
        let resultado = panic::catch_unwind(AssertUnwindSafe(verificar));
        CAPTURANDO.with(|c| c.set(false));
        match resultado {
            Ok(Ok(aceita)) => {
                if aceita {
                    self.aceitas += 1;
                }
            }
            Ok(Err(propriedade)) => {
                self.propriedades += 1;
                self.registrar("property", iteracao, entrada, propriedade);
            }
            Err(carga) => {
                self.panicos += 1;
                let onde = ONDE.with(|o| o.borrow_mut().take()).unwrap_or_default();
                let mensagem = format!("{} (at {onde})", mensagem_do_panico(carga.as_ref()));
                self.registrar("panic", iteracao, entrada, mensagem);
            }
        }
    }

    fn registrar<E: Entrada + ?Sized>(
        &mut self,
        tipo: &'static str,
        iteracao: u64,
        entrada: &E,
        mensagem: String,
    ) {
        let chave: String = format!("{tipo}: {}", mensagem.chars().take(160).collect::<String>());
        *self.por_mensagem.entry(chave).or_default() += 1;
        let achado = Achado {
            tipo,
            iteracao,
            entrada: entrada.descrever(),
            mensagem,
        };
        // Keep the shortest inputs: they are the easiest to read and to reproduce.
        if self.achados.len() < MAX_ACHADOS {
            self.achados.push(achado);
        } else if let Some(maior) = self
            .achados
            .iter_mut()
            .max_by_key(|a| a.entrada.len())
            .filter(|a| a.entrada.len() > achado.entrada.len())
        {
            *maior = achado;
        }
    }

    /// Inputs tried so far.
    pub fn tentativas(&self) -> u64 {
        self.tentativas
    }

    /// The findings kept in full so far.
    pub fn achados(&self) -> &[Achado] {
        &self.achados
    }

    /// The one-line figures of the run (also printed by [`concluir`](Self::concluir)).
    pub fn resumo(&self) -> String {
        format!(
            "fuzz {}: {} inputs, {} accepted, {} panics, {} property failures, {:.2} s (target seed {:#x}, {}={:#x})",
            self.alvo,
            self.tentativas,
            self.aceitas,
            self.panicos,
            self.propriedades,
            self.inicio.elapsed().as_secs_f64(),
            self.semente,
            VARIAVEL_SEMENTE,
            semente(),
        )
    }

    /// Prints the figures; panics with every finding (seed, iteration, input, message) if there
    /// was one.
    pub fn concluir(self) {
        let resumo = self.resumo();
        println!("{resumo}");
        if self.achados.is_empty() {
            return;
        }
        let mut relatorio = format!("{resumo}\nfindings by message:\n");
        for (mensagem, n) in &self.por_mensagem {
            let _ = writeln!(relatorio, "  {n} × {mensagem}");
        }
        let _ = writeln!(
            relatorio,
            "shortest findings (input as a Rust literal; a longer one is reproduced by its seed and iteration):"
        );
        let mut achados = self.achados;
        achados.sort_by_key(|a| a.entrada.len());
        for a in &achados {
            let _ = writeln!(
                relatorio,
                "  [{}] iteration {}: {}\n      input: {}",
                a.tipo, a.iteracao, a.mensagem, a.entrada
            );
        }
        panic!("{relatorio}");
    }
}

// ------------------------------------------------------------------------- answer bodies

/// One seed of an answer: a status, a body, and the body as JSON when it is JSON (then mutated
/// structurally; otherwise byte by byte).
#[derive(Debug, Clone)]
pub struct SementeResposta {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub corpo: Vec<u8>,
    /// The body as JSON, when it is JSON.
    pub json: Option<Value>,
}

impl SementeResposta {
    /// A JSON body.
    pub fn json(status: u16, v: Value) -> Self {
        Self {
            status,
            corpo: serde_json::to_vec(&v).unwrap_or_default(),
            json: Some(v),
        }
    }

    /// Any other body (an HTML page, an empty body…).
    pub fn bruta(status: u16, corpo: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            corpo: corpo.into(),
            json: None,
        }
    }
}

/// Statuses an answer may carry, the odd ones included.
pub const STATUS: &[u16] = &[
    200, 201, 202, 204, 299, 100, 199, 300, 301, 302, 304, 400, 401, 403, 404, 409, 422, 429, 500,
    502, 503, 504, 599, 0, 1000,
];

impl Mutador {
    /// One mutated answer from `sementes` (the first one, the canned success, half of the
    /// time): the body mutated (structurally when JSON), now and then another status from
    /// [`STATUS`], now and then a mutated `Retry-After` value.
    pub fn resposta(&mut self, sementes: &[SementeResposta]) -> (u16, Vec<u8>, Option<String>) {
        let Some(primeira) = sementes.first() else {
            return (200, Vec::new(), None);
        };
        let semente = if self.rng.bool() {
            primeira.clone()
        } else {
            self.escolher(sementes)
                .cloned()
                .unwrap_or_else(|| primeira.clone())
        };
        let outras_json: Vec<Value> = (0..3)
            .filter_map(|_| self.escolher(sementes).and_then(|s| s.json.clone()))
            .collect();
        let corpo = match &semente.json {
            Some(v) if !self.um_em(12) => self.json(v, &outras_json),
            _ => {
                let outras: Vec<&[u8]> = sementes
                    .iter()
                    .take(6)
                    .map(|s| s.corpo.as_slice())
                    .collect();
                self.bytes(&semente.corpo, &outras)
            }
        };
        let status = if self.um_em(6) {
            self.escolher(STATUS).copied().unwrap_or(200)
        } else {
            semente.status
        };
        let retry_after = self.um_em(8).then(|| {
            let base = self
                .escolher(&["1", "120", "Wed, 21 Oct 2026 07:28:00 GMT"])
                .copied()
                .unwrap_or("1");
            self.texto(base, &[])
        });
        (status, corpo, retry_after)
    }
}

/// A JSON object with every property of a JSON Schema (`schemars`) at a sample value of its
/// type: a seed that names every field of a type, also the fields the canned bodies leave out.
pub fn esqueleto(esquema: &Value) -> Value {
    fn amostra(propriedade: &Value) -> Value {
        let tipo = match propriedade.get("type") {
            Some(Value::String(t)) => Some(t.as_str()),
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).find(|t| *t != "null"),
            _ => None,
        };
        match tipo {
            Some("string") => Value::from("1"),
            Some("integer") => Value::from(1),
            Some("number") => Value::from(1.5),
            Some("boolean") => Value::Bool(true),
            Some("array") => Value::Array(vec![Value::Object(Map::new())]),
            _ => Value::Object(Map::new()),
        }
    }
    let mut objeto = Map::new();
    if let Some(Value::Object(propriedades)) = esquema.get("properties") {
        for (nome, propriedade) in propriedades {
            objeto.insert(nome.clone(), amostra(propriedade));
        }
    }
    Value::Object(objeto)
}

/// An answer body as text for the privacy checks: the bytes read lossily, plus every string,
/// key and number of the JSON, so a CPF written with `\u` escapes is found too.
pub fn texto_da_entrada(corpo: &[u8]) -> String {
    fn juntar(v: &Value, saida: &mut String) {
        match v {
            Value::String(s) => {
                saida.push(' ');
                saida.push_str(s);
            }
            Value::Number(n) => {
                saida.push(' ');
                saida.push_str(&n.to_string());
            }
            Value::Array(a) => a.iter().for_each(|x| juntar(x, saida)),
            Value::Object(m) => {
                for (k, x) in m {
                    saida.push(' ');
                    saida.push_str(k);
                    juntar(x, saida);
                }
            }
            Value::Null | Value::Bool(_) => {}
        }
    }
    let mut texto = String::from_utf8_lossy(corpo).into_owned();
    if let Ok(v) = serde_json::from_slice::<Value>(corpo) {
        juntar(&v, &mut texto);
    }
    texto
}

/// The first key written twice in one object of the JSON text `json`, at any depth (`None`
/// when there is none, or when `json` is not JSON). serde_json keeps the last of two equal
/// keys, so a value written with one does not read back as itself.
pub fn chave_repetida(json: &[u8]) -> Option<String> {
    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

    struct Repetida(Option<String>);

    impl<'de> Deserialize<'de> for Repetida {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Visitante;
            impl<'de> Visitor<'de> for Visitante {
                type Value = Repetida;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("any JSON value")
                }
                fn visit_bool<E>(self, _: bool) -> Result<Repetida, E> {
                    Ok(Repetida(None))
                }
                fn visit_i64<E>(self, _: i64) -> Result<Repetida, E> {
                    Ok(Repetida(None))
                }
                fn visit_u64<E>(self, _: u64) -> Result<Repetida, E> {
                    Ok(Repetida(None))
                }
                fn visit_f64<E>(self, _: f64) -> Result<Repetida, E> {
                    Ok(Repetida(None))
                }
                fn visit_str<E>(self, _: &str) -> Result<Repetida, E> {
                    Ok(Repetida(None))
                }
                fn visit_unit<E>(self) -> Result<Repetida, E> {
                    Ok(Repetida(None))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Repetida, A::Error> {
                    let mut achada = None;
                    while let Some(Repetida(r)) = s.next_element()? {
                        achada = achada.or(r);
                    }
                    Ok(Repetida(achada))
                }
                fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Repetida, A::Error> {
                    let mut vistas = std::collections::HashSet::new();
                    let mut achada = None;
                    while let Some(chave) = m.next_key::<String>()? {
                        let Repetida(interna) = m.next_value()?;
                        achada = achada.or(interna);
                        if !vistas.insert(chave.clone()) {
                            achada = achada.or(Some(chave));
                        }
                    }
                    Ok(Repetida(achada))
                }
            }
            d.deserialize_any(Visitante)
        }
    }

    let mut leitor = serde_json::Deserializer::from_slice(json);
    Repetida::deserialize(&mut leitor).ok().and_then(|r| r.0)
}

/// Every run of exactly 11 ASCII digits of `texto` that is a valid CPF, and the 11 digits of
/// every `ddd.ddd.ddd-dd` that is one: the personal numbers the privacy checks look for.
pub fn cpfs_em(texto: &str) -> Vec<String> {
    let b = texto.as_bytes();
    let mut achados = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b.get(i).is_some_and(u8::is_ascii_digit) {
            let inicio = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i - inicio == 11 {
                if let Some(run) = texto.get(inicio..i) {
                    if crate::Cpf::parse(run).is_ok() {
                        achados.push(run.to_owned());
                    }
                }
            } else if i - inicio == 3 {
                // ddd.ddd.ddd-dd
                let candidato = texto.get(inicio..inicio + 14);
                if let Some(c) = candidato {
                    let digitos_depois = b.get(inicio + 14).is_some_and(u8::is_ascii_digit);
                    if !digitos_depois {
                        if let Ok(cpf) = crate::Cpf::parse(c) {
                            if c.len() == 14 {
                                achados.push(cpf.as_str().to_owned());
                            }
                        }
                    }
                }
            }
        } else {
            i += 1;
        }
    }
    achados.sort();
    achados.dedup();
    achados
}

/// `Err` naming the CPF when `saida` (a `Debug` or `Display` text) shows a full CPF that also
/// occurs in `entrada` (the server's text): the LGPD rule that no full CPF the server sent
/// reaches `Debug`, `Display` or a log.
pub fn sem_cpf_vazado(contexto: &str, entrada: &str, saida: &str) -> Result<(), String> {
    for cpf in cpfs_em(saida) {
        if entrada.contains(&cpf) || cpfs_em(entrada).contains(&cpf) {
            return Err(format!(
                "{contexto} shows the full CPF {cpf} of the input: {saida}"
            ));
        }
    }
    Ok(())
}
