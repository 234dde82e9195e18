//! The boilerplate every textual identifier shares, written once.
//!
//! [`texto_validado!`] gives a type that has
//! `fn parse(s: &str) -> Result<Self, ErroDominio>`, `fn as_str(&self) -> &str` and
//! `fn fmt_mascara(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result` the whole public surface the
//! issue asks of an identifier: `FromStr`, `TryFrom<&str>`, `TryFrom<String>`, `AsRef<str>`,
//! `Display` (canonical; alternate `{:#}` = official mask), `Serialize` as the canonical string,
//! a validating `Deserialize` and a `JsonSchema` with a pattern.

/// Returns the canonical ASCII bytes of a fixed-size identifier as `&str`.
///
/// Identifiers only ever store ASCII they validated, so the conversion cannot fail; should it
/// ever, an empty string is returned rather than a panic.
pub(crate) fn ascii_str(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// Implements the shared traits of a validated textual identifier (see the module docs).
///
/// ```text
/// texto_validado!(Cpf, nome = "CPF", pattern = r"^[0-9]{11}$", descricao = "...");
/// texto_validado!(Chassi, nome = "chassi", pattern = "...", descricao = "...", deserializar = Chassi::parse_servidor);
/// ```
macro_rules! texto_validado {
    ($tipo:ident, nome = $nome:expr, pattern = $pattern:expr, descricao = $descricao:expr $(,)?) => {
        $crate::identificadores::macros::texto_validado!(
            $tipo, nome = $nome, pattern = $pattern, descricao = $descricao,
            deserializar = $tipo::parse
        );
    };
    ($tipo:ident, nome = $nome:expr, pattern = $pattern:expr, descricao = $descricao:expr,
     deserializar = $deser:path $(,)?) => {
        impl ::std::str::FromStr for $tipo {
            type Err = $crate::ErroDominio;
            #[inline]
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                $tipo::parse(s)
            }
        }

        impl ::std::convert::TryFrom<&str> for $tipo {
            type Error = $crate::ErroDominio;
            #[inline]
            fn try_from(s: &str) -> ::std::result::Result<Self, Self::Error> {
                $tipo::parse(s)
            }
        }

        impl ::std::convert::TryFrom<String> for $tipo {
            type Error = $crate::ErroDominio;
            fn try_from(s: String) -> ::std::result::Result<Self, Self::Error> {
                $tipo::parse(&s)
            }
        }

        impl ::std::convert::AsRef<str> for $tipo {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $tipo {
            /// Canonical form; the alternate flag (`{:#}`) prints the official mask.
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                if f.alternate() {
                    self.fmt_mascara(f)
                } else {
                    f.write_str(self.as_str())
                }
            }
        }

        impl ::serde::Serialize for $tipo {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $tipo {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitante;
                impl ::serde::de::Visitor<'_> for Visitante {
                    type Value = $tipo;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        write!(f, "a valid {} string", $nome)
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<$tipo, E> {
                        $deser(v).map_err(E::custom)
                    }
                }
                d.deserialize_str(Visitante)
            }
        }

        impl ::schemars::JsonSchema for $tipo {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(stringify!($tipo))
            }
            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": $descricao,
                })
            }
        }
    };
}

pub(crate) use texto_validado;
