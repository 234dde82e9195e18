//! The one builder rule of the SDK's large request types (*construtor*), shared by both
//! clients so that every builder reads the same way:
//!
//! `Tipo::builder()` → one setter per field, named after the field (required and optional
//! alike; a setter takes anything `Into` the field's type, so a table code may be given as
//! `Cor::Preta` or `"11"`) → `build()`, which returns `Result<Tipo, ErroDominio>`: a required
//! field never set is refused with an [`ErroDominio`](crate::ErroDominio) whose
//! [`tipo`](crate::ErroDominio::tipo) is the field's name and whose motivo is
//! [`Motivo::Vazio`](crate::Motivo::Vazio); then the type's own `verificar()` runs (table codes,
//! formats), the same check its validating `Deserialize` runs.

/// Declares the builder of a request type (see the [module documentation](self)).
///
/// Syntax: `construtor_requisicao! { Tipo => ConstrutorTipo { obrigatorios { campo: T, … }
/// opcionais { campo: T, … } padrao { campo: T, … } } }`, where an optional field is
/// `Option<T>` in `Tipo` and a `padrao` field (flags, lists) takes `T::default()` when not set.
/// Every field of `Tipo` is listed in one group. `Tipo` must have `fn verificar(&self) -> Result<(), ErroDominio>`.
#[doc(hidden)]
#[macro_export]
macro_rules! construtor_requisicao {
    (
        $tipo:ident => $construtor:ident {
            obrigatorios { $( $obrig:ident : $tobrig:ty ),* $(,)? }
            opcionais { $( $opc:ident : $topc:ty ),* $(,)? }
            $( padrao { $( $pad:ident : $tpad:ty ),* $(,)? } )?
        }
    ) => {
        #[doc = concat!(
            "Builder of [`", stringify!($tipo), "`] (from [`", stringify!($tipo),
            "::builder`]): one setter per field, named after it, then `build()`."
        )]
        #[derive(Debug, Clone, Default)]
        #[must_use]
        pub struct $construtor {
            $( $obrig: ::std::option::Option<$tobrig>, )*
            $( $opc: ::std::option::Option<$topc>, )*
            $( $( $pad: ::std::option::Option<$tpad>, )* )?
        }

        impl $tipo {
            #[doc = concat!(
                "A builder of `", stringify!($tipo), "`: every field has a setter named after ",
                "it; `build()` refuses a missing required field or an invalid code."
            )]
            pub fn builder() -> $construtor {
                $construtor::default()
            }
        }

        impl $construtor {
            $(
                #[doc = concat!("Sets `", stringify!($obrig), "` (required).")]
                pub fn $obrig(mut self, valor: impl ::std::convert::Into<$tobrig>) -> Self {
                    self.$obrig = ::std::option::Option::Some(valor.into());
                    self
                }
            )*
            $(
                #[doc = concat!("Sets `", stringify!($opc), "` (optional).")]
                pub fn $opc(mut self, valor: impl ::std::convert::Into<$topc>) -> Self {
                    self.$opc = ::std::option::Option::Some(valor.into());
                    self
                }
            )*

            $( $(
                #[doc = concat!("Sets `", stringify!($pad), "` (default: the type's default, `false` or empty).")]
                pub fn $pad(mut self, valor: impl ::std::convert::Into<$tpad>) -> Self {
                    self.$pad = ::std::option::Option::Some(valor.into());
                    self
                }
            )* )?

            #[doc = concat!("The checked `", stringify!($tipo), "`.")]
            ///
            /// # Errors
            ///
            /// An `ErroDominio` whose `tipo()` is the wire name of the field at fault: a required
            /// field never set (`Motivo::Vazio`), or what the type's `verificar()` refuses (an
            /// unknown table code, a blank text, a malformed code).
            pub fn build(self) -> ::std::result::Result<$tipo, $crate::ErroDominio> {
                let valor = $tipo {
                    $(
                        $obrig: self.$obrig.ok_or_else(|| {
                            $crate::ErroDominio::new(stringify!($obrig), $crate::Motivo::Vazio)
                        })?,
                    )*
                    $( $opc: self.$opc, )*
                    $( $( $pad: self.$pad.unwrap_or_default(), )* )?
                };
                valor.verificar()?;
                ::std::result::Result::Ok(valor)
            }
        }
    };
}

/// Checks a required text field of a request is not blank.
///
/// # Errors
///
/// [`Motivo::Vazio`](crate::Motivo::Vazio) under the field's name.
pub fn exigir_texto(campo: &'static str, valor: &str) -> Result<(), crate::ErroDominio> {
    if valor.trim().is_empty() {
        Err(crate::ErroDominio::new(campo, crate::Motivo::Vazio))
    } else {
        Ok(())
    }
}

/// Checks the format of a code for which the SDK has **no static table** (marca/modelo,
/// carroceria: their tables are large or unpublished and only the live `tabelas-auxiliares`
/// endpoints hold them): one to twelve ASCII digits.
///
/// # Errors
///
/// An [`ErroDominio`](crate::ErroDominio) under the field's name.
pub fn exigir_codigo_numerico(campo: &'static str, codigo: &str) -> Result<(), crate::ErroDominio> {
    use crate::Motivo;
    if codigo.is_empty() {
        return Err(crate::ErroDominio::new(campo, Motivo::Vazio));
    }
    if let Some((i, c)) = codigo
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_digit())
    {
        return Err(crate::ErroDominio::new(
            campo,
            Motivo::Caractere {
                posicao: i + 1,
                encontrado: c,
                esperado: "an ASCII digit",
            },
        ));
    }
    if codigo.len() > 12 {
        return Err(crate::ErroDominio::new(
            campo,
            Motivo::Comprimento {
                esperado: "1 to 12",
                obtido: codigo.len(),
            },
        ));
    }
    Ok(())
}
