//! [`PixCopiaECola`]: the Pix "copia e cola" string (EMV BR Code) of a DAE.

use std::fmt;

use crate::identificadores::macros::texto_validado;
use crate::{ErroDominio, Motivo, Valor};

const TIPO: &str = "Pix copia e cola";

/// The first object of every BR Code: ID 00, Payload Format Indicator `01`.
const INICIO: &str = "000201";
/// The ID and length of the CRC object, the last one of a BR Code.
const CABECA_CRC: &str = "6304";

/// The error for a string that does not start with [`INICIO`].
fn erro_inicio() -> ErroDominio {
    ErroDominio::new(
        TIPO,
        Motivo::Formato {
            regra: "a BR Code starts with 000201 (payload format indicator 01)",
        },
    )
}

/// The GUI of the Pix arrangement in a merchant account template (IDs 26–51).
const GUI_PIX: &str = "br.gov.bcb.pix";

/// A Pix "copia e cola" string: the text form of an EMV® QRCPS merchant-presented **BR Code**
/// as profiled by the Banco Central do Brasil (*Manual do BR Code*, *Manual de Padrões para
/// Iniciação do Pix*). The DAE of CET-MG carries one next to the linha digitável (Regulamento
/// Técnico CET-MG §6.1.5; `cetmg-api.md` §5; rules in `domain-rules.md` §7.8).
///
/// **Rule**, checked in this order:
///
/// 1. It starts with `000201` (ID 00, Payload Format Indicator, value `01`).
/// 2. It is a sequence of TLV objects — a 2-digit ID, a 2-digit length `01`–`99` and a value of
///    exactly that many characters — and every length matches, at the top level and one level
///    down inside the templates (IDs 26–51 merchant account, 62 additional data, 64, 80–99).
/// 3. The last object is the CRC, ID `63` with length `04`, and ID 63 occurs only there.
/// 4. The CRC is 4 **upper-case** hex digits equal to the CRC-16/CCITT-FALSE (polynomial
///    `0x1021`, initial `0xFFFF`, no reflection, no final XOR) of the UTF-8 bytes from the start
///    up to and including `6304`.
///
/// Lengths count characters. The field-length caps some PSPs apply (name 25, city 15) are not
/// enforced: the SDK receives this string from the server and passes it on unchanged.
///
/// **Input:** surrounding white space is trimmed (so a copied string with a trailing newline is
/// accepted); white space inside is data and is kept. The canonical form is the trimmed string,
/// byte for byte. There is no mask: `{:#}` prints the same.
///
/// **Reading it:** [`valor`](Self::valor) (ID 54), [`nome_recebedor`](Self::nome_recebedor)
/// (59), [`cidade_recebedor`](Self::cidade_recebedor) (60), [`txid`](Self::txid) (62/05),
/// [`chave`](Self::chave) and [`url`](Self::url) (the Pix merchant account), or any top-level
/// object with [`campo`](Self::campo).
///
/// **Building one** (test data, simulators): [`objeto_tlv`](Self::objeto_tlv) writes one TLV
/// object and [`a_partir_do_payload`](Self::a_partir_do_payload) appends the CRC and checks the
/// result.
///
/// `Debug` shows only the length and the CRC: the string may hold a Pix key that is a CPF.
///
/// ```
/// use renave_domain::PixCopiaECola;
///
/// let pix: PixCopiaECola = "00020126330014BR.GOV.BCB.PIX011157946663234520400005303986540\
///     41.005802BR5925CLENILTON CRUZ DE ALENCAR6006MANAUS62070503***6304FA88".parse()?;
/// assert_eq!(pix.valor()?.map(|v| v.centavos()), Some(100));
/// assert_eq!(pix.nome_recebedor(), Some("CLENILTON CRUZ DE ALENCAR"));
/// assert_eq!(pix.cidade_recebedor(), Some("MANAUS"));
/// assert_eq!(pix.txid(), Some("***"));
/// assert_eq!(pix.crc(), "FA88");
///
/// let adulterado = pix.as_str().replace("MANAUS", "MANAUX");
/// assert!(adulterado.parse::<PixCopiaECola>().is_err());
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PixCopiaECola(String);

/// CRC-16/CCITT-FALSE: polynomial `0x1021`, initial value `0xFFFF`, no reflection, no final XOR.
fn crc16_ccitt_false(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &b in bytes {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 == 0 {
                crc << 1
            } else {
                (crc << 1) ^ 0x1021
            };
        }
    }
    crc
}

/// Whether an ID's value is itself a TLV sequence (a template).
fn is_template(id: u8) -> bool {
    matches!(id, 26..=51 | 62 | 64 | 80..=99)
}

/// The byte length of the first `n` characters of `s`, or `None` if `s` is shorter.
fn bytes_de_n_chars(s: &str, n: usize) -> Option<usize> {
    match n.checked_sub(1) {
        None => Some(0),
        Some(ultimo) => s.char_indices().nth(ultimo).map(|(i, c)| i + c.len_utf8()),
    }
}

/// One TLV object: its ID, its value and the 1-based character position of its ID.
struct Objeto<'a> {
    id: u8,
    valor: &'a str,
    posicao: usize,
}

/// Walks a TLV sequence; each item is an object or a description of the fault.
struct Tlv<'a> {
    resto: &'a str,
    posicao: usize,
}

impl<'a> Tlv<'a> {
    fn new(s: &'a str, posicao: usize) -> Self {
        Self { resto: s, posicao }
    }
}

impl<'a> Iterator for Tlv<'a> {
    type Item = Result<Objeto<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.resto.is_empty() {
            return None;
        }
        let posicao = self.posicao;
        let falha = |msg: String| Some(Err(msg));
        let cabeca = match self.resto.as_bytes().get(..4) {
            Some(c) if c.iter().all(u8::is_ascii_digit) => c,
            _ => {
                self.resto = "";
                return falha(format!(
                    "the object at position {posicao} does not start with a 2-digit ID and a 2-digit length"
                ));
            }
        };
        let num = |a: u8, b: u8| (a - b'0') * 10 + (b - b'0');
        let (id, n) = match cabeca {
            [a, b, c, d] => (num(*a, *b), num(*c, *d)),
            _ => (0, 0),
        };
        if n == 0 {
            self.resto = "";
            return falha(format!(
                "object {id:02} at position {posicao} has length 00"
            ));
        }
        // The first 4 bytes are ASCII digits, so byte 4 is a character boundary.
        let depois = self.resto.get(4..).unwrap_or_default();
        let Some(fim) = bytes_de_n_chars(depois, usize::from(n)) else {
            self.resto = "";
            return falha(format!(
                "object {id:02} at position {posicao} announces {n} characters but only {} remain",
                depois.chars().count()
            ));
        };
        let (valor, resto) = depois.split_at(fim);
        self.resto = resto;
        self.posicao += 4 + usize::from(n);
        Some(Ok(Objeto { id, valor, posicao }))
    }
}

impl PixCopiaECola {
    /// Parses and checks a BR Code (trimmed) in the documented order. Same as `FromStr`.
    pub fn parse(entrada: &str) -> Result<Self, ErroDominio> {
        let s = entrada.trim();
        if s.is_empty() {
            return Err(ErroDominio::new(TIPO, Motivo::Vazio));
        }
        if !s.starts_with(INICIO) {
            return Err(erro_inicio());
        }
        let detalhe = |msg: String| ErroDominio::new(TIPO, Motivo::Detalhe(msg));
        let mut ultimo: Option<Objeto<'_>> = None;
        let mut crcs = 0;
        for objeto in Tlv::new(s, 1) {
            let objeto = objeto.map_err(detalhe)?;
            if is_template(objeto.id) {
                for interno in Tlv::new(objeto.valor, objeto.posicao + 4) {
                    interno.map_err(|msg| {
                        detalhe(format!("inside template {:02}: {msg}", objeto.id))
                    })?;
                }
            }
            if objeto.id == 63 {
                crcs += 1;
            }
            ultimo = Some(objeto);
        }
        let crc = match ultimo {
            Some(o) if o.id == 63 && crcs == 1 => o.valor,
            _ => {
                return Err(ErroDominio::new(
                    TIPO,
                    Motivo::Formato {
                        regra: "the CRC object 63 must be the last object and occur once",
                    },
                ));
            }
        };
        if crc.len() != 4
            || !crc
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
        {
            return Err(ErroDominio::new(
                TIPO,
                Motivo::Formato {
                    regra: "the CRC object is 6304 followed by 4 upper-case hexadecimal digits",
                },
            ));
        }
        // The CRC is the last 4 bytes (ASCII), so this is a character boundary.
        let dados = s.get(..s.len() - 4).unwrap_or_default();
        let esperado = crc16_ccitt_false(dados.as_bytes());
        if u16::from_str_radix(crc, 16).ok() != Some(esperado) {
            return Err(ErroDominio::new(TIPO, Motivo::DigitoVerificador));
        }
        Ok(Self(s.to_owned()))
    }

    /// Completes a BR Code: appends the CRC object (`6304` and the CRC-16/CCITT-FALSE of
    /// everything up to and including `6304`, in upper-case hex) to `sem_crc`, then checks the
    /// result as [`parse`](Self::parse) does (`domain-rules.md` §7.8). Meant for test data and
    /// simulators: the SDK itself only receives these strings.
    ///
    /// `sem_crc` is every object but the CRC, used byte for byte (not trimmed): it must start
    /// with `000201` and must not hold the CRC object already. Build its objects with
    /// [`objeto_tlv`](Self::objeto_tlv); keep values ASCII, which every PSP reads alike.
    ///
    /// ```
    /// use renave_domain::PixCopiaECola;
    ///
    /// let pix = PixCopiaECola::a_partir_do_payload(
    ///     "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000\
    ///      5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***",
    /// )?;
    /// assert_eq!(pix.crc(), "1D3D"); // the static example of the BCB manual
    ///
    /// // Length 14 announced over the 13-character name: the TLV walk fails.
    /// assert!(PixCopiaECola::a_partir_do_payload("0002015914Fulano de Tal").is_err());
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn a_partir_do_payload(sem_crc: &str) -> Result<Self, ErroDominio> {
        if !sem_crc.starts_with(INICIO) {
            return Err(erro_inicio());
        }
        let dados = format!("{sem_crc}{CABECA_CRC}");
        let crc = crc16_ccitt_false(dados.as_bytes());
        Self::parse(&format!("{dados}{crc:04X}"))
    }

    /// One TLV object of a BR Code: the 2-digit `id`, the 2-digit length of `valor` in
    /// characters and `valor` itself (`domain-rules.md` §7.8). A template's value is the
    /// concatenation of its own objects.
    ///
    /// Fails when `id` is above 99 or `valor` has no character or more than 99; nothing is cut.
    ///
    /// ```
    /// use renave_domain::PixCopiaECola;
    ///
    /// assert_eq!(PixCopiaECola::objeto_tlv(58, "BR")?, "5802BR");
    /// let adicionais = PixCopiaECola::objeto_tlv(62, &PixCopiaECola::objeto_tlv(5, "***")?)?;
    /// assert_eq!(adicionais, "62070503***");
    /// assert!(PixCopiaECola::objeto_tlv(59, "").is_err());
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn objeto_tlv(id: u8, valor: &str) -> Result<String, ErroDominio> {
        if id > 99 {
            return Err(ErroDominio::new(
                TIPO,
                Motivo::ForaDoIntervalo {
                    regra: "a TLV object ID has two digits, 00 to 99",
                },
            ));
        }
        let n = valor.chars().count();
        if !(1..=99).contains(&n) {
            return Err(ErroDominio::new(
                TIPO,
                Motivo::Detalhe(format!(
                    "the value of TLV object {id:02} must have 1 to 99 characters, found {n}"
                )),
            ));
        }
        Ok(format!("{id:02}{n:02}{valor}"))
    }

    /// The string as received (trimmed), to pass on to the payer unchanged.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value of the first top-level object with this ID (e.g. `59` for the merchant name).
    ///
    /// ```
    /// use renave_domain::PixCopiaECola;
    /// let pix: PixCopiaECola = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000\
    ///     5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D".parse()?;
    /// assert_eq!(pix.campo(58), Some("BR"));
    /// assert_eq!(pix.campo(54), None);
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn campo(&self, id: u8) -> Option<&str> {
        Tlv::new(&self.0, 1)
            .filter_map(Result::ok)
            .find(|o| o.id == id)
            .map(|o| o.valor)
    }

    /// The value of sub-object `sub` of the first top-level template `id`.
    fn subcampo(template: &str, sub: u8) -> Option<&str> {
        Tlv::new(template, 1)
            .filter_map(Result::ok)
            .find(|o| o.id == sub)
            .map(|o| o.valor)
    }

    /// The Pix merchant account template: the first of IDs 26–51 whose GUI (sub-ID 00) is
    /// `br.gov.bcb.pix`, compared ASCII case-insensitively (PSPs also write `BR.GOV.BCB.PIX`).
    fn conta_pix(&self) -> Option<&str> {
        Tlv::new(&self.0, 1)
            .filter_map(Result::ok)
            .filter(|o| (26..=51).contains(&o.id))
            .map(|o| o.valor)
            .find(|t| Self::subcampo(t, 0).is_some_and(|gui| gui.eq_ignore_ascii_case(GUI_PIX)))
    }

    /// The amount (*valor*, ID 54), if the code fixes one.
    ///
    /// `Ok(None)` when there is no ID 54 (the payer types the amount); an error when ID 54 is not
    /// a decimal amount with at most two decimals (`74.10`, `1.00`, `100`).
    pub fn valor(&self) -> Result<Option<Valor>, ErroDominio> {
        self.campo(54).map(Valor::parse_ponto).transpose()
    }

    /// The merchant (*recebedor*) name, ID 59.
    pub fn nome_recebedor(&self) -> Option<&str> {
        self.campo(59)
    }

    /// The merchant city, ID 60.
    pub fn cidade_recebedor(&self) -> Option<&str> {
        self.campo(60)
    }

    /// The transaction id (*txid*), sub-ID 05 of the additional data template 62. A static code
    /// without one usually carries `***`, which is returned as is.
    pub fn txid(&self) -> Option<&str> {
        self.campo(62).and_then(|t| Self::subcampo(t, 5))
    }

    /// The Pix key (*chave*) of a static code: sub-ID 01 of the Pix merchant account template.
    pub fn chave(&self) -> Option<&str> {
        self.conta_pix().and_then(|t| Self::subcampo(t, 1))
    }

    /// The PSP location URL of a dynamic code (without scheme): sub-ID 25 of the Pix merchant
    /// account template.
    pub fn url(&self) -> Option<&str> {
        self.conta_pix().and_then(|t| Self::subcampo(t, 25))
    }

    /// The CRC (the value of ID 63): 4 upper-case hex digits.
    pub fn crc(&self) -> &str {
        let n = self.0.len().saturating_sub(4);
        self.0.get(n..).unwrap_or_default()
    }

    fn fmt_mascara(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for PixCopiaECola {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PixCopiaECola")
            .field("comprimento", &self.0.chars().count())
            .field("crc", &self.crc())
            .finish_non_exhaustive()
    }
}

texto_validado!(
    PixCopiaECola,
    nome = "Pix copia e cola",
    pattern = r"^000201.*6304[0-9A-F]{4}$",
    descricao = "Pix copia e cola (EMV BR Code): TLV objects starting 000201 and ending with the CRC16-CCITT-FALSE object 6304XXXX.",
);

#[cfg(test)]
mod testes {
    use super::*;

    #[test]
    fn crc16_valor_de_verificacao() {
        assert_eq!(crc16_ccitt_false(b"123456789"), 0x29B1);
    }

    #[test]
    fn crc16_exemplo_bcb() {
        let s = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000\
                 5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***6304";
        assert_eq!(crc16_ccitt_false(s.as_bytes()), 0x1D3D);
    }

    #[test]
    fn crc16_exemplo_do_gist_com_62_08() {
        let s = "00020126360014BR.GOV.BCB.PIX0114+5511943214321520400005303986540566.66\
                 5802BR5907EMPRESA6008BRASILIA62080503***6304";
        assert_eq!(crc16_ccitt_false(s.as_bytes()), 0x170E);
    }

    #[test]
    fn template_ids() {
        for id in 0..=99 {
            let esperado = (26..=51).contains(&id) || id == 62 || id == 64 || id >= 80;
            assert_eq!(is_template(id), esperado, "ID {id}");
        }
    }
}
