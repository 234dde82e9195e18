//! Route templates, per-operation descriptions and per-client route overrides (decision D2).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use crate::method::{HttpMethod, Idempotency};

/// Why a [`Route`] could not be rendered into a path.
///
/// Errors name the placeholder, never the value (a value can be a full CPF).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RouteError {
    /// The template has a `{name}` placeholder for which no value was given.
    #[error("route `{template}`: no value given for placeholder `{{{name}}}`")]
    MissingParameter {
        /// The route template.
        template: String,
        /// The placeholder name.
        name: String,
    },
    /// A value was given for a name that is not a placeholder of the template.
    #[error("route `{template}`: `{name}` is not a placeholder of this route")]
    UnknownParameter {
        /// The route template.
        template: String,
        /// The name given by the caller.
        name: String,
    },
    /// The same placeholder was given two values.
    #[error("route `{template}`: placeholder `{{{name}}}` was given more than one value")]
    DuplicateParameter {
        /// The route template.
        template: String,
        /// The placeholder name.
        name: String,
    },
    /// The value for a placeholder is empty (an empty segment would change the route).
    #[error("route `{template}`: the value for placeholder `{{{name}}}` is empty")]
    EmptyValue {
        /// The route template.
        template: String,
        /// The placeholder name.
        name: String,
    },
    /// The value is `.` or `..`, which URL normalisation would turn into a different route.
    #[error("route `{template}`: the value for placeholder `{{{name}}}` is a dot segment")]
    DotSegment {
        /// The route template.
        template: String,
        /// The placeholder name.
        name: String,
    },
    /// The template itself is not a valid path template.
    #[error("route template `{template}` is malformed: {reason}")]
    MalformedTemplate {
        /// The route template.
        template: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// A method plus a path template such as `aptidao-veiculo-estoque/{chassi}/{cpf_cnpj}`,
/// relative to the client's base URL (Regulamento Técnico CET-MG §5; Renave-WS catalogue).
///
/// Placeholders are `{name}` with `name` made of ASCII letters, digits and `_`. Literal parts
/// may hold RFC 3986 path characters only (no `?`, `#`, spaces or backslashes).
///
/// ```
/// use renave_http::{HttpMethod, Route};
///
/// let route = Route::new(HttpMethod::Get, "aptidao-veiculo-estoque/{chassi}/{cpf_cnpj}");
/// let path = route.render(&[("chassi", "9BWZZZ377VT004251"), ("cpf_cnpj", "a/b?c")])?;
/// assert_eq!(path, "aptidao-veiculo-estoque/9BWZZZ377VT004251/a%2Fb%3Fc");
/// # Ok::<(), renave_http::RouteError>(())
/// ```
///
/// With serde a route reads and writes as `{"method": "GET", "template": "…"}`; the template is
/// validated when read, so a bad override in a configuration file fails at load time.
#[derive(Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "RouteRepr")]
pub struct Route {
    method: HttpMethod,
    template: Cow<'static, str>,
}

/// The unvalidated serde form of a [`Route`].
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RouteRepr {
    method: HttpMethod,
    template: String,
}

impl TryFrom<RouteRepr> for Route {
    type Error = RouteError;

    fn try_from(repr: RouteRepr) -> Result<Self, Self::Error> {
        let route = Route::custom(repr.method, repr.template);
        route.validate()?;
        Ok(route)
    }
}

impl fmt::Debug for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Route({} {})", self.method, self.template)
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.template)
    }
}

/// One parsed piece of a template.
enum Piece<'t> {
    Literal(&'t str),
    Placeholder(&'t str),
}

impl Route {
    /// A route with a static template, usable in `const` items (the operation tables).
    pub const fn new(method: HttpMethod, template: &'static str) -> Self {
        Self {
            method,
            template: Cow::Borrowed(template),
        }
    }

    /// A route built at run time, e.g. an override read from configuration (decision D2).
    pub fn custom(method: HttpMethod, template: impl Into<String>) -> Self {
        Self {
            method,
            template: Cow::Owned(template.into()),
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> HttpMethod {
        self.method
    }

    /// The path template, placeholders unfilled.
    pub fn template(&self) -> &str {
        &self.template
    }

    /// The template as kept (a `'static` one is not copied).
    pub(crate) fn template_cow(&self) -> Cow<'static, str> {
        self.template.clone()
    }

    /// The placeholder names of the template, in order of appearance (repeats included).
    pub fn placeholders(&self) -> Result<Vec<&str>, RouteError> {
        Ok(self
            .pieces()?
            .into_iter()
            .filter_map(|p| match p {
                Piece::Placeholder(n) => Some(n),
                Piece::Literal(_) => None,
            })
            .collect())
    }

    /// Checks that the template is well formed (useful when overrides come from configuration).
    pub fn validate(&self) -> Result<(), RouteError> {
        self.pieces().map(|_| ())
    }

    /// Fills the `{name}` placeholders, percent-encoding each value as ONE path segment, so
    /// that `/`, `?`, `#` or `%` in a value can never change the route.
    ///
    /// # Errors
    ///
    /// [`RouteError`] when a placeholder has no value, a value names no placeholder or is given
    /// twice, a value is empty or a dot segment, or the template is malformed.
    pub fn render(&self, params: &[(&str, &str)]) -> Result<String, RouteError> {
        let pieces = self.pieces()?;
        let mut values: BTreeMap<&str, &str> = BTreeMap::new();
        for (name, value) in params {
            if !pieces
                .iter()
                .any(|p| matches!(p, Piece::Placeholder(n) if n == name))
            {
                return Err(RouteError::UnknownParameter {
                    template: self.template.to_string(),
                    name: (*name).to_owned(),
                });
            }
            if values.insert(name, value).is_some() {
                return Err(RouteError::DuplicateParameter {
                    template: self.template.to_string(),
                    name: (*name).to_owned(),
                });
            }
            if value.is_empty() {
                return Err(RouteError::EmptyValue {
                    template: self.template.to_string(),
                    name: (*name).to_owned(),
                });
            }
            if *value == "." || *value == ".." {
                return Err(RouteError::DotSegment {
                    template: self.template.to_string(),
                    name: (*name).to_owned(),
                });
            }
        }
        let mut out = String::with_capacity(self.template.len() + 32);
        for piece in &pieces {
            match piece {
                Piece::Literal(s) => out.push_str(s),
                Piece::Placeholder(name) => {
                    let Some(value) = values.get(name) else {
                        return Err(RouteError::MissingParameter {
                            template: self.template.to_string(),
                            name: (*name).to_owned(),
                        });
                    };
                    encode_segment(value, &mut out);
                }
            }
        }
        Ok(out)
    }

    fn malformed(&self, reason: &'static str) -> RouteError {
        RouteError::MalformedTemplate {
            template: self.template.to_string(),
            reason,
        }
    }

    fn pieces(&self) -> Result<Vec<Piece<'_>>, RouteError> {
        let t: &str = &self.template;
        let mut pieces = Vec::new();
        let mut rest = t;
        while !rest.is_empty() {
            if let Some(after_open) = rest.strip_prefix('{') {
                let Some(close) = after_open.find('}') else {
                    return Err(self.malformed("a `{` is never closed"));
                };
                let (name, tail) = after_open.split_at(close);
                if name.is_empty() {
                    return Err(self.malformed("empty placeholder `{}`"));
                }
                if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    return Err(self.malformed(
                        "placeholder names may hold only ASCII letters, digits and `_`",
                    ));
                }
                pieces.push(Piece::Placeholder(name));
                rest = tail.get(1..).unwrap_or("");
            } else {
                let end = rest.find('{').unwrap_or(rest.len());
                let (lit, tail) = rest.split_at(end);
                check_literal(lit).map_err(|reason| self.malformed(reason))?;
                pieces.push(Piece::Literal(lit));
                rest = tail;
            }
        }
        Ok(pieces)
    }
}

/// Checks that a literal part of a template holds only RFC 3986 path characters.
fn check_literal(lit: &str) -> Result<(), &'static str> {
    let bytes = lit.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'}' => return Err("a `}` has no matching `{`"),
            b'%' => {
                let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
                if !(hex(i + 1) && hex(i + 2)) {
                    return Err("`%` must start a percent-encoded octet");
                }
                i += 3;
                continue;
            }
            b'?' | b'#' => return Err("a path template cannot hold a query or a fragment"),
            _ if is_unreserved(b) || b"!$&'()*+,;=:@/".contains(&b) => {}
            _ => return Err("literal parts may hold only RFC 3986 path characters"),
        }
        i += 1;
    }
    Ok(())
}

const fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes `value` so that it stays one path segment: every byte except RFC 3986
/// unreserved characters is encoded.
pub(crate) fn encode_segment(value: &str, out: &mut String) {
    for b in value.bytes() {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// Static description of one API operation: its name (used for tracing and for route
/// overrides), its default route and its idempotency (decisions D2, D6).
///
/// ```
/// use renave_http::{Endpoint, HttpMethod, Idempotency, Route};
///
/// const CONSULTAR_APTIDAO: Endpoint = Endpoint {
///     name: "consultar_aptidao_veiculo_estoque",
///     route: Route::new(HttpMethod::Get, "aptidao-veiculo-estoque/{chassi}/{cpf_cnpj}"),
///     idempotency: Idempotency::Idempotent,
/// };
/// assert_eq!(CONSULTAR_APTIDAO.route.method(), HttpMethod::Get);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The operation name (the API's Portuguese operation name, decision D8).
    pub name: &'static str,
    /// The default route, used unless overridden.
    pub route: Route,
    /// Whether the operation may be resent automatically (decision D6).
    pub idempotency: Idempotency,
}

/// Per-client route overrides keyed by [`Endpoint::name`] (decision D2): any operation's
/// method and path can be corrected from configuration without a release.
///
/// ```
/// use renave_http::{Endpoint, HttpMethod, Idempotency, Route, RouteOverrides};
///
/// const OP: Endpoint = Endpoint {
///     name: "consultar_x",
///     route: Route::new(HttpMethod::Get, "x/{id}"),
///     idempotency: Idempotency::Idempotent,
/// };
/// let mut overrides = RouteOverrides::default();
/// overrides.insert("consultar_x", Route::custom(HttpMethod::Post, "y/{id}"));
/// assert_eq!(overrides.resolve(&OP).template(), "y/{id}");
/// ```
///
/// With serde it reads and writes as a map from operation name to [`Route`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct RouteOverrides {
    routes: BTreeMap<String, Route>,
}

impl RouteOverrides {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Overrides the route of the operation named `name`; returns the previous override.
    pub fn insert(&mut self, name: impl Into<String>, route: Route) -> Option<Route> {
        self.routes.insert(name.into(), route)
    }

    /// Builder form of [`insert`](Self::insert).
    pub fn with(mut self, name: impl Into<String>, route: Route) -> Self {
        self.insert(name, route);
        self
    }

    /// Removes the override of the operation named `name`.
    pub fn remove(&mut self, name: &str) -> Option<Route> {
        self.routes.remove(name)
    }

    /// The override for the operation named `name`, if any.
    pub fn get(&self, name: &str) -> Option<&Route> {
        self.routes.get(name)
    }

    /// Number of overrides.
    pub fn len(&self) -> usize {
        self.routes.len()
    }

    /// Whether there is no override.
    pub fn is_empty(&self) -> bool {
        self.routes.is_empty()
    }

    /// The overrides, by operation name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Route)> {
        self.routes.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Checks every override's template (call it when building a client).
    pub fn validate(&self) -> Result<(), RouteError> {
        self.routes.values().try_for_each(Route::validate)
    }

    /// The route to use for `endpoint`: its override if any, else its default route.
    pub fn resolve(&self, endpoint: &Endpoint) -> Route {
        self.routes
            .get(endpoint.name)
            .unwrap_or(&endpoint.route)
            .clone()
    }
}
