//! Code tables (*tabelas de códigos*) exchanged by the CET-MG API and the federal Renave-WS.
//!
//! Every table is a `#[non_exhaustive]` enum with one variant per code the SDK knows and a
//! `Desconhecido` variant that keeps any other code exactly as received, so a code the SDK has
//! never seen is **not** an error and is written back unchanged (`cetmg-api.md` §4 "SDK
//! advice", `renave-ws.md` §6 "Recommendation"). Each table offers:
//!
//! * `as_str()` — the raw wire code (`"T"`, `"64"`, `"SOLICITADO"`…);
//! * `descricao()` — the Portuguese label the regulation or the API manual gives, `None` for an
//!   unknown code;
//! * `FromStr` / `From<&str>` / `From<String>` — infallible, an unknown code becomes
//!   `Desconhecido`; the match is exact (no trimming, no case folding, no zero padding);
//! * `Display` — the raw code;
//! * serde as the raw wire value. Tables whose wire value is a JSON **number** (CET-MG
//!   `categoria`, `modalidade_compra`, isenção de IPVA, código da taxa, `tipo_documento_adquirente`,
//!   the §7.3 document ids) accept a number or a string on input and write a known code as a
//!   number; the other tables write a known code as a string (and also accept an integer on
//!   input, read as its decimal text). An **unknown** code read from JSON is written back in the
//!   JSON type it came in (string or number), so it passes through unchanged;
//! * a `schemars` JSON Schema, and `CONHECIDOS`, every code the SDK knows.
//!
//! ```
//! use renave_domain::{Atividade, Categoria};
//!
//! let atividade: Atividade = "T".parse().unwrap_or_else(|e| match e {});
//! assert_eq!(atividade, Atividade::Taxi);
//! assert_eq!(atividade.descricao(), Some("Táxi"));
//!
//! // An unknown code is kept, never an error, and written back unchanged.
//! let nova = Atividade::from("X");
//! assert!(!nova.is_conhecido());
//! assert_eq!(serde_json::to_string(&nova).unwrap(), r#""X""#);
//!
//! // `categoria` travels as a JSON number; a string is accepted on input.
//! let categoria: Categoria = serde_json::from_str(r#""2""#).unwrap();
//! assert_eq!(categoria, Categoria::Aluguel);
//! assert_eq!(serde_json::to_string(&categoria).unwrap(), "2");
//!
//! // An unknown code read from JSON goes back in the JSON type it came in.
//! let nova: Categoria = serde_json::from_str(r#""13""#).unwrap();
//! assert_eq!(serde_json::to_string(&nova).unwrap(), r#""13""#);
//! let nova: Atividade = serde_json::from_str("7").unwrap();
//! assert_eq!(serde_json::to_string(&nova).unwrap(), "7");
//! ```

use std::fmt;

/// Declares one code table: the enum, its accessors and every trait impl listed in the module
/// documentation. Used once per table, so the 22 tables share one implementation.
///
/// Syntax: `tabela! { #[doc] pub enum Nome: Texto|Numero, "label" { Variante = "code" =>
/// "descrição", … } }`. A code listed twice is rejected at compile time (unreachable pattern).
macro_rules! tabela {
    (
        $(#[$meta:meta])*
        pub enum $nome:ident : $formato:ident, $rotulo:literal {
            $(
                $(#[$vmeta:meta])*
                $variante:ident = $codigo:literal => $descricao:literal,
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $nome {
            $(
                #[doc = concat!("`", $codigo, "` — ", $descricao, ".")]
                $(#[$vmeta])*
                $variante,
            )+
            /// A code this version of the SDK does not know, kept exactly as received and
            /// written back unchanged.
            Desconhecido($crate::tabelas::CodigoDesconhecido),
        }

        impl $nome {
            /// Every code of this table the SDK knows, in the order of its source.
            pub const CONHECIDOS: &'static [Self] = &[$(Self::$variante),+];

            /// The raw wire code, exactly as the API writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variante => $codigo,)+
                    Self::Desconhecido(codigo) => codigo.as_str(),
                }
            }

            /// The Portuguese label of the code, as its source gives it; `None` for a code the
            /// SDK does not know.
            pub fn descricao(&self) -> Option<&'static str> {
                match self {
                    $(Self::$variante => Some($descricao),)+
                    Self::Desconhecido(_) => None,
                }
            }

            /// `true` unless this is the [`Desconhecido`](Self::Desconhecido) fallback.
            pub fn is_conhecido(&self) -> bool {
                !matches!(self, Self::Desconhecido(_))
            }

            /// A code the caller **explicitly allows** in a request although this table does
            /// not know it (a code the live `tabelas-auxiliares` table has and this SDK version
            /// does not). A known code gives its named variant. The code is sent exactly as
            /// given; a request checked with [`exigir_conhecido`](Self::exigir_conhecido)
            /// accepts it, whereas a plain `From<&str>` unknown code is refused there.
            pub fn desconhecido_permitido(codigo: impl Into<String>) -> Self {
                let codigo = codigo.into();
                Self::conhecido(&codigo).unwrap_or_else(|| {
                    Self::Desconhecido($crate::tabelas::CodigoDesconhecido::permitido(codigo))
                })
            }

            /// Checks a request field holding a code of this table, before anything is sent:
            /// a known code, or an unknown one built with
            /// [`desconhecido_permitido`](Self::desconhecido_permitido), passes.
            ///
            /// # Errors
            ///
            /// An [`ErroDominio`]($crate::ErroDominio) whose [`tipo`]($crate::ErroDominio::tipo)
            /// is `campo` (the field's wire name), for a code the table does not know.
            pub fn exigir_conhecido(&self, campo: &'static str) -> Result<(), $crate::ErroDominio> {
                match self {
                    Self::Desconhecido(codigo) if !codigo.is_permitido() => Err($crate::ErroDominio::new(
                        campo,
                        $crate::Motivo::Formato {
                            regra: concat!(
                                "not a code of the ", $rotulo,
                                " table (build it with desconhecido_permitido to send it anyway)"
                            ),
                        },
                    )),
                    _ => Ok(()),
                }
            }

            fn conhecido(codigo: &str) -> Option<Self> {
                match codigo {
                    $($codigo => Some(Self::$variante),)+
                    _ => None,
                }
            }
        }

        impl From<&str> for $nome {
            fn from(codigo: &str) -> Self {
                Self::conhecido(codigo).unwrap_or_else(|| {
                    Self::Desconhecido($crate::tabelas::CodigoDesconhecido::novo(
                        codigo.to_owned(),
                        $crate::tabelas::fio::Forma::DaTabela,
                    ))
                })
            }
        }

        impl From<String> for $nome {
            fn from(codigo: String) -> Self {
                $nome::de_fio(codigo, $crate::tabelas::fio::Forma::DaTabela)
            }
        }

        impl $nome {
            /// A known code, or an unknown one that remembers the JSON type it came in.
            fn de_fio(codigo: String, forma: $crate::tabelas::fio::Forma) -> Self {
                match Self::conhecido(&codigo) {
                    Some(conhecido) => conhecido,
                    None => Self::Desconhecido($crate::tabelas::CodigoDesconhecido::novo(codigo, forma)),
                }
            }
        }

        impl ::std::str::FromStr for $nome {
            type Err = ::std::convert::Infallible;

            fn from_str(codigo: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(codigo))
            }
        }

        impl ::std::fmt::Display for $nome {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl AsRef<str> for $nome {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::serde::Serialize for $nome {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let forma = match self {
                    Self::Desconhecido(codigo) => codigo.forma(),
                    _ => $crate::tabelas::fio::Forma::DaTabela,
                };
                $crate::tabelas::fio::serializar(
                    self.as_str(),
                    $crate::tabelas::fio::Formato::$formato,
                    forma,
                    serializer,
                )
            }
        }

        /// A code of this table read from an answer: the table's own reading (unknown codes
        /// kept), and any other JSON value, or a blank text, kept raw by
        /// [`Recebido`]($crate::Recebido).
        impl $crate::recebido::LeituraTolerante for $nome {
            fn de_texto_recebido(texto: &str) -> Option<Self> {
                if texto.trim().is_empty() {
                    return None;
                }
                <Self as ::serde::Deserialize>::deserialize(
                    ::serde::de::value::StrDeserializer::<::serde::de::value::Error>::new(texto),
                )
                .ok()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $nome {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::tabelas::fio::deserializar(deserializer, $rotulo)
                    .map(|(codigo, forma)| Self::de_fio(codigo, forma))
            }
        }

        impl ::schemars::JsonSchema for $nome {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($nome).into()
            }

            fn schema_id() -> ::std::borrow::Cow<'static, str> {
                concat!(module_path!(), "::", stringify!($nome)).into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                $crate::tabelas::fio::esquema(
                    $rotulo,
                    $crate::tabelas::fio::Formato::$formato,
                    &[$(($codigo, $descricao)),+],
                )
            }
        }
    };
}

mod cetmg;
pub mod construtor;
mod fio;
mod renave_ws;

pub use cetmg::*;
pub use renave_ws::*;

/// A code that a table of this crate does not know (the payload of every table's
/// `Desconhecido` variant).
///
/// It can only be built by parsing, which tries the known codes first, so a
/// `Desconhecido` never holds a known code and equality stays exact. A code read from JSON also
/// remembers whether it came as a string or as a number and is written back in that same JSON
/// type, so an unknown value passes through unchanged (`cetmg-api.md` §4, `renave-ws.md` §6).
/// Equality and hashing look at the code only.
///
/// In a **request**, an unknown code is refused before sending (each table's
/// `exigir_conhecido`), unless the caller built it with the table's `desconhecido_permitido`.
///
/// ```
/// use renave_domain::CodigoRetorno;
///
/// let codigo = CodigoRetorno::from("123");
/// match &codigo {
///     CodigoRetorno::Desconhecido(bruto) => assert_eq!(bruto.as_str(), "123"),
///     _ => unreachable!("123 is not a known code"),
/// }
/// ```
#[derive(Clone, Debug)]
pub struct CodigoDesconhecido {
    codigo: String,
    forma: fio::Forma,
    permitido: bool,
}

impl CodigoDesconhecido {
    pub(crate) fn novo(codigo: String, forma: fio::Forma) -> Self {
        Self {
            codigo,
            forma,
            permitido: false,
        }
    }

    pub(crate) fn permitido(codigo: String) -> Self {
        Self {
            codigo,
            forma: fio::Forma::DaTabela,
            permitido: true,
        }
    }

    /// `true` when the caller built it with a table's `desconhecido_permitido`, so a request
    /// may carry it (equality ignores this flag; a code read from JSON never has it).
    pub fn is_permitido(&self) -> bool {
        self.permitido
    }

    /// The raw code, exactly as received.
    pub fn as_str(&self) -> &str {
        &self.codigo
    }

    pub(crate) fn forma(&self) -> fio::Forma {
        self.forma
    }
}

impl PartialEq for CodigoDesconhecido {
    fn eq(&self, outro: &Self) -> bool {
        self.codigo == outro.codigo
    }
}

impl Eq for CodigoDesconhecido {}

impl std::hash::Hash for CodigoDesconhecido {
    fn hash<H: std::hash::Hasher>(&self, estado: &mut H) {
        self.codigo.hash(estado);
    }
}

impl fmt::Display for CodigoDesconhecido {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.codigo)
    }
}

impl AsRef<str> for CodigoDesconhecido {
    fn as_ref(&self) -> &str {
        &self.codigo
    }
}
