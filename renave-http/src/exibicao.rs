//! Display helpers both clients' errors use, written once: the HTTP status with its reason
//! phrase ([`Status`]), the attempts and `Retry-After` note ([`Espera`]), a readable duration
//! ([`Duracao`]) and one-line text ([`uma_linha`]).

use std::fmt;
use std::time::Duration;

/// `HTTP 429 Too Many Requests` — the status with its reason phrase.
#[derive(Debug, Clone, Copy)]
pub struct Status(pub u16);

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let razao = reqwest::StatusCode::from_u16(self.0)
            .ok()
            .and_then(|s| s.canonical_reason());
        match razao {
            Some(r) => write!(f, "HTTP {} {r}", self.0),
            None => write!(f, "HTTP {}", self.0),
        }
    }
}

/// The attempts made and the `Retry-After` received (`" (after 3 attempts; Retry-After 30s)"`),
/// shown for a 429 or 503, or whenever more than one attempt was made or a `Retry-After` came;
/// empty otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Espera {
    /// The HTTP status of the answer.
    pub status: u16,
    /// The attempts made.
    pub tentativas: u32,
    /// The `Retry-After` received.
    pub retry_after: Option<Duration>,
}

impl fmt::Display for Espera {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mostrar =
            matches!(self.status, 429 | 503) || self.tentativas > 1 || self.retry_after.is_some();
        if !mostrar {
            return Ok(());
        }
        if self.tentativas == 1 {
            f.write_str(" (after 1 attempt")?;
        } else {
            write!(f, " (after {} attempts", self.tentativas)?;
        }
        if let Some(d) = self.retry_after {
            write!(f, "; Retry-After {}", Duracao(d))?;
        }
        f.write_str(")")
    }
}

/// A duration as a reader expects it (`1500ms`, `30s`, `2m05s`, `3h00m00s`). Never a long run
/// of digits: a `Retry-After` that echoed a CPF as delta-seconds is not printed back as that
/// number.
///
/// ```
/// use renave_http::exibicao::Duracao;
/// use std::time::Duration;
/// assert_eq!(Duracao(Duration::from_millis(1500)).to_string(), "1s");
/// assert_eq!(Duracao(Duration::from_millis(500)).to_string(), "500ms");
/// assert_eq!(Duracao(Duration::from_secs(125)).to_string(), "2m05s");
/// // A CPF echoed as delta-seconds is not printed back as that number.
/// assert!(!Duracao(Duration::from_secs(52_998_224_725)).to_string().contains("52998224725"));
/// ```
#[derive(Clone, Copy)]
pub struct Duracao(pub Duration);

impl fmt::Debug for Duracao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Duracao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0.as_secs();
        match s {
            0 if self.0.subsec_millis() > 0 => write!(f, "{}ms", self.0.subsec_millis()),
            0..60 => write!(f, "{s}s"),
            60..3600 => write!(f, "{}m{:02}s", s / 60, s % 60),
            _ => write!(f, "{}h{:02}m{:02}s", s / 3600, s % 3600 / 60, s % 60),
        }
    }
}

/// Collapses line breaks and runs of blanks so that a `Display` stays one line.
#[must_use]
pub fn uma_linha(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
