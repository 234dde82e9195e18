//! Municipality codes: the IBGE code and the RENAVAM/SIAFI code used by RENAVE and CET-MG.

use std::fmt;

use super::cnpj::{digito, ler_fixo};
use super::uf::Uf;
use crate::identificadores::macros::{ascii_str, texto_validado};
use crate::{ErroDominio, Motivo};

/// The nine real municipalities whose IBGE code does not satisfy the check digit (IBGE; SEFAZ NT
/// 2008.004): Bom Princípio do Piauí, Brejo do Piauí, Canavieira (PI), Quixaba (PE), Cônego
/// Marinho, Ponto Chique (MG), Coronel Barros (RS), Buriti de Goiás, Buritinópolis (GO).
const EXCECOES_IBGE: [&[u8; 7]; 9] = [
    b"2201919", b"2201988", b"2202251", b"2611533", b"3117836", b"3152131", b"4305871", b"5203939",
    b"5203962",
];

/// The IBGE check digit of the first six digits (ASCII): weights `1,2,1,2,1,2`, the digits of each
/// product summed, `DV = (10 − Σ % 10) % 10`.
fn dv_ibge(seis: &[u8]) -> u8 {
    let soma: u32 = seis
        .iter()
        .zip([1u32, 2, 1, 2, 1, 2])
        .map(|(&d, p)| {
            let produto = u32::from(d.saturating_sub(b'0')) * p;
            produto / 10 + produto % 10
        })
        .sum();
    u8::try_from((10 - soma % 10) % 10).unwrap_or(0)
}

/// The IBGE code of a municipality (*código IBGE do município*), e.g. the *código IBGE do
/// município* in the DAE response of the CET-MG API (Regulamento Técnico CET-MG §5) and NF-e
/// `cMun`.
///
/// Rule (IBGE; `domain-rules.md` §6.2): 7 digits `UU MMMM D`: `UU` an existing IBGE UF code,
/// `MMMM` the municipality, `D` a check digit (weights `1,2,1,2,1,2` on the first six digits,
/// digits of each product summed, `D = (10 − Σ % 10) % 10`). The nine official municipalities
/// whose code breaks the check digit (e.g. `4305871` Coronel Barros/RS) are accepted. The DF-e
/// value `9999999` (*exterior*) is not a municipality and is rejected.
///
/// Input: surrounding white space is trimmed; exactly 7 ASCII digits. Stored inline: `Copy`,
/// parsing allocates nothing.
///
/// ```
/// use renave_domain::{CodigoMunicipioIbge, Uf};
///
/// let bh: CodigoMunicipioIbge = "3106200".parse()?;
/// assert_eq!(bh.uf(), Some(Uf::Mg));
/// assert!("3550309".parse::<CodigoMunicipioIbge>().is_err()); // check digit
/// assert!("4305871".parse::<CodigoMunicipioIbge>().is_ok()); // official exception
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodigoMunicipioIbge([u8; 7]);

impl CodigoMunicipioIbge {
    /// Parses 7 digits (trimmed) and checks the UF prefix and the check digit.
    pub fn parse(s: &str) -> Result<Self, ErroDominio> {
        const TIPO: &str = "IBGE municipality code";
        let b: [u8; 7] = ler_fixo(TIPO, s, None, "7", digito)?;
        let codigo = Self(b);
        if codigo.uf().is_none() {
            return Err(ErroDominio::new(
                TIPO,
                Motivo::ForaDoIntervalo {
                    regra: "the first two digits must be an IBGE UF code",
                },
            ));
        }
        let dv_ok = b.get(6) == Some(&(b'0' + dv_ibge(b.get(..6).unwrap_or(&[]))));
        if !dv_ok && !EXCECOES_IBGE.contains(&&b) {
            return Err(ErroDominio::new(TIPO, Motivo::DigitoVerificador));
        }
        Ok(codigo)
    }

    /// The canonical form: 7 digits.
    pub fn as_str(&self) -> &str {
        ascii_str(&self.0)
    }

    /// The UF of the municipality, from the first two digits. Always `Some` for a parsed code.
    pub fn uf(&self) -> Option<Uf> {
        match self.0 {
            [d, u, ..] => Uf::from_codigo_ibge(
                d.saturating_sub(b'0')
                    .saturating_mul(10)
                    .saturating_add(u.saturating_sub(b'0')),
            ),
        }
    }

    fn fmt_mascara(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CodigoMunicipioIbge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CodigoMunicipioIbge")
            .field(&self.as_str())
            .finish()
    }
}

texto_validado!(
    CodigoMunicipioIbge,
    nome = "IBGE municipality code",
    pattern = r"^(1[1-7]|2[1-9]|3[1235]|4[1-3]|5[0-3])[0-9]{5}$",
    descricao = "IBGE municipality code: 7 digits, UF code + municipality + check digit"
);

/// The RENAVAM municipality code (*código do município*) that Renave-WS (`codigoMunicipio`, the
/// `id` of `GET /api/municipios`) and the CET-MG API (*código do município*, Regulamento Técnico
/// CET-MG §5) use: the Receita/SERPRO SIAFI/TOM code, **not** the IBGE code.
///
/// Rule (`domain-rules.md` §6.3): a number from 1 to 9999 written with 4 digits (e.g. Belo
/// Horizonte `4123`, Caruaru `2381`). It has no check digit, so only its shape is validated; the
/// server (or `/api/municipios`) is the authority on whether it exists.
///
/// Input: surrounding white space is trimmed; 1 to 4 ASCII digits, left-padded with zeros to 4
/// (Renave-WS sends the code as a JSON number in requests). `0000` is rejected. Serde uses the
/// 4-digit string; for the JSON-number form use [`codigo_municipio_numero`] with
/// `#[serde(with = "...")]`. Stored inline: `Copy`, parsing allocates nothing.
///
/// ```
/// use renave_domain::CodigoMunicipio;
///
/// let bh: CodigoMunicipio = "4123".parse()?;
/// assert_eq!(bh.numero(), 4123);
/// assert_eq!(CodigoMunicipio::from_numero(50)?.as_str(), "0050");
/// assert!("41230".parse::<CodigoMunicipio>().is_err());
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodigoMunicipio([u8; 4]);

impl CodigoMunicipio {
    const TIPO: &'static str = "municipality code";

    /// Parses 1 to 4 digits (trimmed), left-padded to 4; rejects `0000`.
    pub fn parse(s: &str) -> Result<Self, ErroDominio> {
        let t = s.trim();
        if t.is_empty() {
            return Err(ErroDominio::new(Self::TIPO, Motivo::Vazio));
        }
        if let Some((i, c)) = t.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(ErroDominio::new(
                Self::TIPO,
                Motivo::Caractere {
                    posicao: i + 1,
                    encontrado: c,
                    esperado: "an ASCII digit 0-9",
                },
            ));
        }
        let n = t.len();
        if n > 4 {
            return Err(ErroDominio::new(
                Self::TIPO,
                Motivo::Comprimento {
                    esperado: "1 to 4",
                    obtido: n,
                },
            ));
        }
        let mut b = [b'0'; 4];
        if let Some(destino) = b.get_mut(4 - n..) {
            destino.copy_from_slice(t.as_bytes());
        }
        if b == *b"0000" {
            return Err(ErroDominio::new(
                Self::TIPO,
                Motivo::ForaDoIntervalo {
                    regra: "municipality code is 1 to 9999",
                },
            ));
        }
        Ok(Self(b))
    }

    /// Builds the code from its number (1 to 9999).
    pub fn from_numero(numero: u16) -> Result<Self, ErroDominio> {
        if !(1..=9999).contains(&numero) {
            return Err(ErroDominio::new(
                Self::TIPO,
                Motivo::ForaDoIntervalo {
                    regra: "municipality code is 1 to 9999",
                },
            ));
        }
        let mut b = [b'0'; 4];
        let mut resto = numero;
        for slot in b.iter_mut().rev() {
            *slot = b'0' + u8::try_from(resto % 10).unwrap_or(0);
            resto /= 10;
        }
        Ok(Self(b))
    }

    /// The code as a number (e.g. `4123`).
    pub fn numero(&self) -> u16 {
        self.0
            .iter()
            .fold(0u16, |n, &d| n * 10 + u16::from(d.saturating_sub(b'0')))
    }

    /// The canonical form: 4 digits, zero-padded (e.g. `0050`).
    pub fn as_str(&self) -> &str {
        ascii_str(&self.0)
    }

    fn fmt_mascara(self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CodigoMunicipio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CodigoMunicipio")
            .field(&self.as_str())
            .finish()
    }
}

texto_validado!(
    CodigoMunicipio,
    nome = "municipality code",
    pattern = r"^[0-9]{1,4}$",
    descricao = "RENAVAM/SIAFI municipality code (not IBGE): 4 digits, 0001 to 9999"
);

/// Serde adapter for a [`CodigoMunicipio`] (*código do município*) carried as a JSON **number**
/// (Renave-WS requests send `codigoMunicipio` as a number, `renave-ws.md` §1.3): serialises the
/// number, deserialises a number or a string.
///
/// ```
/// use renave_domain::CodigoMunicipio;
///
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Endereco {
///     #[serde(rename = "codigoMunicipio", with = "renave_domain::codigo_municipio_numero")]
///     codigo_municipio: CodigoMunicipio,
/// }
///
/// let e: Endereco = serde_json::from_str(r#"{"codigoMunicipio": 2381}"#)?;
/// assert_eq!(e.codigo_municipio.as_str(), "2381");
/// assert_eq!(serde_json::to_string(&e)?, r#"{"codigoMunicipio":2381}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub mod codigo_municipio_numero {
    use std::fmt;

    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};

    use super::CodigoMunicipio;

    /// Serialises the code as a JSON number.
    pub fn serialize<S: Serializer>(codigo: &CodigoMunicipio, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(codigo.numero())
    }

    /// Deserialises the code from a JSON number or string, validating it.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<CodigoMunicipio, D::Error> {
        struct Visitante;
        impl Visitor<'_> for Visitante {
            type Value = CodigoMunicipio;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a municipality code (number 1 to 9999, or its digits as a string)")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<CodigoMunicipio, E> {
                let n =
                    u16::try_from(v).map_err(|_| E::custom("municipality code is 1 to 9999"))?;
                CodigoMunicipio::from_numero(n).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<CodigoMunicipio, E> {
                let n =
                    u16::try_from(v).map_err(|_| E::custom("municipality code is 1 to 9999"))?;
                CodigoMunicipio::from_numero(n).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CodigoMunicipio, E> {
                CodigoMunicipio::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_any(Visitante)
    }
}
