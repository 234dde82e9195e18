//! The step log of the POC (*roteiro*): every step is numbered, prints what the client sent and
//! what came back (código, mensagem, key fields), and ends with an outcome; the run ends with a
//! summary table (Regulamento Técnico CET-MG §6.1.2, §6.2.2: "Todos os retornos deverão ser
//! exibidos em tela").

use std::fmt;
use std::fmt::Write as _;

/// Writes `args` and a newline to stdout. A closed pipe (`cargo run --example poc | head`) ends
/// the output quietly, where `println!` would panic.
pub fn escrever_linha(args: fmt::Arguments<'_>) {
    use std::io::Write as _;
    let mut saida = std::io::stdout().lock();
    let _ = saida.write_fmt(args).and_then(|()| saida.write_all(b"\n"));
}

/// What a step is expected to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Esperado {
    /// The call succeeds.
    Sucesso,
    /// The call is refused (a negative path the POC must demonstrate), with this code when
    /// given (CET-MG `codigo_retorno`, Renave-WS HTTP status, or `"cliente"` for a refusal of
    /// the SDK itself, before anything is sent).
    Recusa(Option<&'static str>),
}

/// What a step showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resultado {
    /// The call succeeded.
    Sucesso,
    /// The call was refused: the code (when there was one) and the message.
    Recusado {
        /// CET-MG `codigo_retorno`, Renave-WS HTTP status, or `"cliente"`.
        codigo: Option<String>,
        /// The message shown to the user.
        mensagem: String,
    },
    /// Homologação only: an action outside the SDK (pay the DAE, the vistoria at the ECV…).
    AcaoExterna(String),
}

/// One step of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passo {
    /// Sequential number (1, 2, …).
    pub numero: usize,
    /// The regulation's item (`6.1.5`, `E3`, `7.3`…).
    pub secao: &'static str,
    /// What the step does, with the vehicle.
    pub titulo: String,
    /// What it should show.
    pub esperado: Esperado,
    /// What it showed.
    pub resultado: Resultado,
    /// The lines printed under it (fields sent and returned).
    pub linhas: Vec<String>,
}

impl Passo {
    /// Whether the step showed what it should: success where success is expected, a refusal
    /// (with the expected code) where a refusal is expected; an external action is never a
    /// deviation.
    pub fn conforme(&self) -> bool {
        match (&self.esperado, &self.resultado) {
            (_, Resultado::AcaoExterna(_)) | (Esperado::Sucesso, Resultado::Sucesso) => true,
            (Esperado::Recusa(esperado), Resultado::Recusado { codigo, .. }) => {
                esperado.is_none_or(|e| codigo.as_deref() == Some(e))
            }
            _ => false,
        }
    }
}

impl fmt::Display for Esperado {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sucesso => f.write_str("sucesso"),
            Self::Recusa(Some(c)) => write!(f, "recusa {c}"),
            Self::Recusa(None) => f.write_str("recusa"),
        }
    }
}

impl fmt::Display for Resultado {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sucesso => f.write_str("sucesso"),
            Self::Recusado {
                codigo: Some(c), ..
            } => write!(f, "recusado {c}"),
            Self::Recusado { codigo: None, .. } => f.write_str("recusado"),
            Self::AcaoExterna(_) => f.write_str("ação externa"),
        }
    }
}

/// The log: the steps so far, printed as they happen when `imprimir` is set.
#[derive(Debug, Default)]
pub struct Registro {
    /// Print to stdout as the steps happen.
    pub imprimir: bool,
    /// The steps recorded so far.
    pub passos: Vec<Passo>,
    linhas: Vec<String>,
}

impl Registro {
    /// A log that prints (the example) or stays quiet (the tests keep it for assertions).
    pub fn new(imprimir: bool) -> Self {
        Self {
            imprimir,
            passos: Vec::new(),
            linhas: Vec::new(),
        }
    }

    /// A line of the step being built (a returned field, a request sent).
    pub fn linha(&mut self, texto: impl Into<String>) {
        self.linhas.push(texto.into());
    }

    /// A section heading.
    pub fn titulo_secao(&self, texto: &str) {
        if self.imprimir {
            escrever_linha(format_args!(""));
            escrever_linha(format_args!("=== {texto} ==="));
        }
    }

    /// Closes the step: prints its number, title, lines and outcome, and keeps it.
    pub fn fechar(
        &mut self,
        secao: &'static str,
        titulo: impl Into<String>,
        esperado: Esperado,
        resultado: Resultado,
    ) -> &Passo {
        let passo = Passo {
            numero: self.passos.len() + 1,
            secao,
            titulo: titulo.into(),
            esperado,
            resultado,
            linhas: std::mem::take(&mut self.linhas),
        };
        if self.imprimir {
            escrever_linha(format_args!(""));
            escrever_linha(format_args!(
                "[{:02}] {} — {}",
                passo.numero, passo.secao, passo.titulo
            ));
            for l in &passo.linhas {
                escrever_linha(format_args!("     {l}"));
            }
            let veredito = match (&passo.resultado, passo.conforme()) {
                (Resultado::Recusado { codigo, mensagem }, true) => format!(
                    "RECUSADO, como esperado ({}): {mensagem}",
                    codigo.as_deref().unwrap_or("-")
                ),
                (Resultado::Recusado { codigo, mensagem }, false) => {
                    format!("FALHOU ({}): {mensagem}", codigo.as_deref().unwrap_or("-"))
                }
                (Resultado::Sucesso, true) => "OK".to_owned(),
                (Resultado::Sucesso, false) => {
                    "FALHOU: foi aceito, mas deveria ter sido recusado".to_owned()
                }
                (Resultado::AcaoExterna(o), _) => format!("AÇÃO EXTERNA: {o}"),
            };
            escrever_linha(format_args!("     => {veredito}"));
        }
        self.passos.push(passo);
        self.passos
            .last()
            .unwrap_or_else(|| unreachable!("just pushed"))
    }

    /// Whether every step showed what it should.
    pub fn tudo_conforme(&self) -> bool {
        self.passos.iter().all(Passo::conforme)
    }

    /// The summary table (one row per step).
    pub fn resumo(&self) -> String {
        let largura = self
            .passos
            .iter()
            .map(|p| p.titulo.chars().count())
            .max()
            .unwrap_or(5)
            .clamp(5, 72);
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:>3} | {:<11} | {:<largura$} | {:<15} | {:<17} | ok",
            "#", "item", "passo", "esperado", "resultado"
        );
        let _ = writeln!(s, "{}", "-".repeat(largura + 61));
        for p in &self.passos {
            let titulo: String = p.titulo.chars().take(largura).collect();
            let _ = writeln!(
                s,
                "{:>3} | {:<11} | {:<largura$} | {:<15} | {:<17} | {}",
                p.numero,
                p.secao,
                titulo,
                p.esperado.to_string(),
                p.resultado.to_string(),
                if p.conforme() { "sim" } else { "NÃO" }
            );
        }
        let conformes = self.passos.iter().filter(|p| p.conforme()).count();
        let _ = writeln!(
            s,
            "{conformes} de {} passos conforme o esperado",
            self.passos.len()
        );
        s
    }
}
