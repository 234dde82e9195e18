//! The response returned by the core, and the capped body snippet used in errors.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::error::HttpError;

/// A response read in full (within the size cap), whatever its status.
///
/// `Debug` shows status, content type, body length, attempts and elapsed time — never the body.
#[derive(Clone)]
pub struct HttpResponse {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
    attempts: u32,
    elapsed: Duration,
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("content_type", &self.content_type())
            .field("body_len", &self.body.len())
            .field("attempts", &self.attempts)
            .field("elapsed", &self.elapsed)
            .finish_non_exhaustive()
    }
}

impl HttpResponse {
    pub(crate) fn from_read(
        status: u16,
        headers: HeaderMap,
        body: Bytes,
        attempts: u32,
        elapsed: Duration,
    ) -> Self {
        Self {
            status,
            headers,
            body,
            attempts,
            elapsed,
        }
    }

    /// Builds a response by hand — for client crates' unit tests of response interpretation.
    ///
    /// # Errors
    ///
    /// [`HttpError::InvalidRequest`] naming the first header whose name or value is not valid
    /// HTTP.
    ///
    /// ```
    /// use renave_http::HttpResponse;
    ///
    /// let r = HttpResponse::from_parts(200, &[("content-type", "application/json")], "{}")?;
    /// assert!(r.is_success() && r.looks_like_json());
    /// # Ok::<(), renave_http::HttpError>(())
    /// ```
    pub fn from_parts(
        status: u16,
        headers: &[(&str, &str)],
        body: impl Into<Bytes>,
    ) -> Result<Self, HttpError> {
        let invalid = |reason: String| HttpError::InvalidRequest {
            operation: "HttpResponse::from_parts".to_owned(),
            reason,
        };
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            let n = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| invalid(format!("`{name}` is not a valid header name")))?;
            let v = HeaderValue::from_str(value)
                .map_err(|_| invalid(format!("the value of header `{name}` is not valid")))?;
            map.append(n, v);
        }
        Ok(Self::from_read(status, map, body.into(), 1, Duration::ZERO))
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The first value of a header (case-insensitive name), if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `Content-Type` header.
    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body, without copying.
    pub fn into_body(self) -> Bytes {
        self.body
    }

    /// How many attempts were made (1 when the first one was answered).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Time from the start of the operation to the end of reading this body.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// Whether the body should be decoded as JSON: the content type is `application/json` or
    /// `…+json`, or the body starts with `{`, `[` or `"` after whitespace (and a UTF-8 BOM).
    pub fn looks_like_json(&self) -> bool {
        if let Some(ct) = self.content_type() {
            let essence = ct.split(';').next().unwrap_or("").trim();
            let essence = essence.to_ascii_lowercase();
            if essence == "application/json" || essence.ends_with("+json") {
                return true;
            }
        }
        let body = self
            .body
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&self.body);
        matches!(
            body.iter().find(|b| !b.is_ascii_whitespace()),
            Some(b'{' | b'[' | b'"')
        )
    }
}

/// A capped, one-line, lossy UTF-8 excerpt of a body, for error messages (decision D7:
/// "status plus a capped snippet of the body").
///
/// At most `max` bytes of the body are kept, cut at a character boundary, followed by `…` when
/// cut; invalid UTF-8 becomes `�`, and line breaks and other control characters become spaces
/// so that a log line cannot be forged by a server.
///
/// **Personal data**: this crate knows no CPF. [`from_bytes`](Self::from_bytes) keeps the bytes
/// as they are; anything shown to a person or logged is built with
/// [`from_bytes_masked`](Self::from_bytes_masked) and the clients' mask (both clients do so for
/// every snippet in their errors). That is why `HttpResponse` offers no snippet of its own.
///
/// ```
/// use renave_http::BodySnippet;
///
/// let s = BodySnippet::from_bytes("<html>\n<body>Erro no gateway</body>".as_bytes(), 12);
/// assert_eq!(s.as_str(), "<html> <body…");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct BodySnippet(String);

impl BodySnippet {
    /// Builds a snippet of at most `max` body bytes.
    pub fn from_bytes(body: &[u8], max: usize) -> Self {
        let cut = body.len() > max;
        let head = body.get(..max).unwrap_or(body);
        // A multi-byte character cut in half at the end would show as U+FFFD: drop its bytes.
        let head = if cut {
            trim_incomplete_tail(head)
        } else {
            head
        };
        let text = String::from_utf8_lossy(head);
        let mut out: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if cut {
            out.push('…');
        }
        Self(out)
    }

    /// Builds a snippet of at most `max` body bytes with `mask` applied **before** the cut, to
    /// the first `max + margin` bytes: a value `mask` hides (a CPF, in the clients) that the cut
    /// would split is still whole when masked, as long as it is at most `margin` bytes long.
    /// Masking after the cut would leave the split part as it is.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use renave_http::BodySnippet;
    ///
    /// fn segredo(t: &str) -> Cow<'_, str> {
    ///     Cow::Owned(t.replace("SEGREDO", "*******"))
    /// }
    /// let s = BodySnippet::from_bytes_masked(b"erro: SEGREDO", 10, 7, segredo);
    /// assert_eq!(s.as_str(), "erro: ****…");
    /// ```
    pub fn from_bytes_masked(
        body: &[u8],
        max: usize,
        margin: usize,
        mask: impl FnOnce(&str) -> Cow<'_, str>,
    ) -> Self {
        let janela = Self::from_bytes(body, max.saturating_add(margin));
        let mascarada = mask(janela.as_str());
        Self::from_bytes(mascarada.as_bytes(), max)
    }

    /// The snippet text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The snippet text, owned.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Drops the bytes of a UTF-8 sequence cut short at the end of `bytes`.
fn trim_incomplete_tail(bytes: &[u8]) -> &[u8] {
    let len = bytes.len();
    // Look back at most 3 bytes for the lead byte of the last sequence.
    for back in 1..=len.min(4) {
        let i = len - back;
        let Some(&b) = bytes.get(i) else { break };
        if b & 0b1100_0000 == 0b1000_0000 {
            continue; // continuation byte
        }
        let needed = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if back < needed {
            bytes.get(..i).unwrap_or(bytes)
        } else {
            bytes
        };
    }
    bytes
}

impl fmt::Display for BodySnippet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for BodySnippet {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
