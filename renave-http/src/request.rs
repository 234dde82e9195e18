//! The transport-agnostic description of one request.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use secrecy::{ExposeSecret, SecretString};

use crate::config::{RetryPolicy, Timeouts};
use crate::method::{HttpMethod, Idempotency};
use crate::route::{Endpoint, Route, RouteError};

/// A header value, plain or sensitive.
#[derive(Clone)]
pub(crate) enum HeaderValue {
    Plain(String),
    Sensitive(SecretString),
}

impl HeaderValue {
    pub(crate) fn expose(&self) -> &str {
        match self {
            Self::Plain(v) => v,
            Self::Sensitive(v) => v.expose_secret(),
        }
    }

    pub(crate) fn is_sensitive(&self) -> bool {
        matches!(self, Self::Sensitive(_))
    }
}

/// A fully described request, independent of any transport, so that each operation of a client
/// crate can be unit-tested without HTTP (sdk-style §11.1).
///
/// `Debug` prints the operation, method, route *template*, idempotency, query keys, header
/// names and body length — never the rendered path (it can hold a full CPF), query values,
/// header values or the body.
///
/// ```
/// use renave_http::{HttpMethod, Idempotency, RequestSpec};
/// use secrecy::SecretString;
///
/// let spec = RequestSpec::new(
///     "registrar_entrada_estoque",
///     HttpMethod::Post,
///     "registrar-entrada-estoque",
///     "registrar-entrada-estoque".to_owned(),
///     Idempotency::StateChanging,
/// )
/// .sensitive_header("authorization", SecretString::from("Bearer abc"))
/// .json_body(&serde_json::json!({ "chassi": "9BWZZZ377VT004251" }))?;
/// assert!(!format!("{spec:?}").contains("Bearer"));
/// assert!(!format!("{spec:?}").contains("9BWZZZ"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone)]
pub struct RequestSpec {
    operation: Cow<'static, str>,
    method: HttpMethod,
    route_template: Cow<'static, str>,
    path: String,
    idempotency: Idempotency,
    query: Vec<(String, String)>,
    headers: Vec<(Cow<'static, str>, HeaderValue)>,
    body: Option<Bytes>,
    timeouts: Option<Timeouts>,
    retry: Option<RetryPolicy>,
}

impl fmt::Debug for RequestSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Keys<'a, I: Iterator<Item = &'a str> + Clone>(I);
        impl<'a, I: Iterator<Item = &'a str> + Clone> fmt::Debug for Keys<'a, I> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list().entries(self.0.clone()).finish()
            }
        }
        f.debug_struct("RequestSpec")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("route_template", &self.route_template)
            .field("idempotency", &self.idempotency)
            .field(
                "query_keys",
                &Keys(self.query.iter().map(|(k, _)| k.as_str())),
            )
            .field(
                "header_names",
                &Keys(self.headers.iter().map(|(k, _)| k.as_ref())),
            )
            .field("body_len", &self.body.as_ref().map(Bytes::len))
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl RequestSpec {
    /// A request with no query, header or body.
    ///
    /// `path` is the already rendered path relative to the base URL (see [`Route::render`]);
    /// `route_template` is what tracing and `Debug` show instead of it.
    pub fn new(
        operation: impl Into<Cow<'static, str>>,
        method: HttpMethod,
        route_template: impl Into<Cow<'static, str>>,
        path: String,
        idempotency: Idempotency,
    ) -> Self {
        Self {
            operation: operation.into(),
            method,
            route_template: route_template.into(),
            path,
            idempotency,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            timeouts: None,
            retry: None,
        }
    }

    /// A request for `endpoint` sent along `route` (its default route or an override from
    /// [`RouteOverrides::resolve`](crate::RouteOverrides::resolve)), with the path parameters
    /// filled in. The method comes from `route` (an override may change it); the idempotency
    /// from `endpoint` (an override corrects where the call goes, not what it does).
    ///
    /// # Errors
    ///
    /// [`RouteError`] when the parameters do not match the route's placeholders.
    pub fn from_endpoint(
        endpoint: &Endpoint,
        route: &Route,
        path_params: &[(&str, &str)],
    ) -> Result<Self, RouteError> {
        let path = route.render(path_params)?;
        Ok(Self::new(
            endpoint.name,
            route.method(),
            route.template().to_owned(),
            path,
            endpoint.idempotency,
        ))
    }

    /// Appends a query parameter (encoded when sent).
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// Sets a header (replacing an earlier one of the same name). Names and values are checked
    /// when the request is sent; an invalid one fails as [`HttpError::InvalidRequest`](crate::HttpError::InvalidRequest).
    pub fn header(self, name: &'static str, value: impl Into<String>) -> Self {
        self.set_header(Cow::Borrowed(name), HeaderValue::Plain(value.into()))
    }

    /// Like [`header`](Self::header) with a name known only at run time (the raw escape hatch
    /// of decision D2).
    pub fn custom_header(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.set_header(Cow::Owned(name.into()), HeaderValue::Plain(value.into()))
    }

    /// Sets a sensitive header (e.g. `Authorization`): its value never appears in `Debug` or
    /// logs, and it is marked sensitive in the HTTP stack too.
    pub fn sensitive_header(self, name: &'static str, value: SecretString) -> Self {
        self.set_header(Cow::Borrowed(name), HeaderValue::Sensitive(value))
    }

    fn set_header(mut self, name: Cow<'static, str>, value: HeaderValue) -> Self {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        self.headers.push((name, value));
        self
    }

    /// Serialises `body` as JSON and sets `Content-Type: application/json`.
    ///
    /// # Errors
    ///
    /// The `serde_json` error when `body` cannot be serialised.
    pub fn json_body<T: serde::Serialize + ?Sized>(
        self,
        body: &T,
    ) -> Result<Self, serde_json::Error> {
        let bytes = serde_json::to_vec(body)?;
        Ok(self.raw_body(bytes, "application/json"))
    }

    /// Sets a raw body with its content type (e.g. a `multipart/form-data; boundary=…` upload
    /// built by a client crate, Regulamento Técnico §7.5).
    pub fn raw_body(self, body: impl Into<Bytes>, content_type: impl Into<String>) -> Self {
        let mut this = self.header("content-type", content_type);
        this.body = Some(body.into());
        this
    }

    /// Overrides the idempotency (e.g. a `POST` the API documents as idempotent).
    pub fn with_idempotency(mut self, idempotency: Idempotency) -> Self {
        self.idempotency = idempotency;
        self
    }

    /// Overrides the client's deadlines for this request only (the `connect` part is the
    /// transport's and is ignored here).
    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = Some(timeouts);
        self
    }

    /// Overrides the client's retry policy for this request only.
    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The operation name.
    pub fn operation(&self) -> &str {
        &self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> HttpMethod {
        self.method
    }

    /// The rendered path relative to the base URL (may hold personal data: do not log it).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The route template the path was rendered from.
    pub fn route_template(&self) -> &str {
        &self.route_template
    }

    /// The idempotency used for the retry decision.
    pub fn idempotency(&self) -> Idempotency {
        self.idempotency
    }

    /// The body, if any.
    pub fn body_bytes(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// The query parameters, in order, unencoded.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// The value of a non-sensitive header (case-insensitive name); `None` when absent or
    /// sensitive.
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| match v {
                HeaderValue::Plain(v) => Some(v.as_str()),
                HeaderValue::Sensitive(_) => None,
            })
    }

    /// Whether a header of that name (case-insensitive) is set, sensitive or not.
    pub fn has_header(&self, name: &str) -> bool {
        self.headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    /// The names of the headers set, in order.
    pub fn header_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.headers.iter().map(|(n, _)| n.as_ref())
    }

    /// The per-request deadline override, if any.
    pub fn timeouts_override(&self) -> Option<Timeouts> {
        self.timeouts
    }

    /// The per-request retry policy override, if any.
    pub fn retry_policy_override(&self) -> Option<RetryPolicy> {
        self.retry
    }

    pub(crate) fn headers(&self) -> &[(Cow<'static, str>, HeaderValue)] {
        &self.headers
    }

    pub(crate) fn body(&self) -> Option<&Bytes> {
        self.body.as_ref()
    }
}
