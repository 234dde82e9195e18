//! Brasília-local calendar dates ([`Data`]) and naive date-times ([`DataHora`]), as both APIs
//! exchange them, wrapping [`jiff::civil::Date`] and [`jiff::civil::DateTime`].

use std::fmt;
use std::str::FromStr;

use jiff::civil;
use jiff::tz::{self, TimeZone};

use crate::identificadores::macros::ascii_str;
use crate::identificadores::valor::rejeitar_nao_ascii;
use crate::{ErroDominio, Motivo};

const TIPO_DATA: &str = "data";
const TIPO_DATA_HORA: &str = "data-hora";

/// The IANA zone of Brasília time.
const FUSO_BRASILIA: &str = "America/Sao_Paulo";

const REGRA_FUSO: &str = "a time zone (Z) or UTC offset is not accepted: RENAVE date-times are \
     naive Brasília local time, YYYY-MM-DDTHH:MM:SS";
const REGRA_ANO: &str = "the year is 0001 to 9999";
const REGRA_MES: &str = "the month is 01 to 12";
const REGRA_HORA: &str = "the hour is 00 to 23";
const REGRA_MINUTO: &str = "the minute is 00 to 59";
const REGRA_SEGUNDO: &str = "the second is 00 to 59";
const REGRA_FRACAO: &str = "'.' is followed by 1 to 9 digits of fractional seconds";
const REGRA_SO_DATA: &str = "a date (YYYY-MM-DD) was expected, not a date-time";

/// The current Brasília offset, used when the time-zone database is unavailable.
///
/// Brazil abolished daylight saving time in 2019 (Decreto 9.772/2019), so Brasília time is
/// UTC−03:00 all year round; `America/Sao_Paulo` from the database is still preferred, so that a
/// future rule change is picked up from an updated tzdata.
fn fuso_brasilia() -> TimeZone {
    TimeZone::get(FUSO_BRASILIA).unwrap_or_else(|_| TimeZone::fixed(tz::offset(-3)))
}

/// A calendar date (*data*) as the APIs write it, `YYYY-MM-DD` — e.g. Renave-WS `dataCompra`,
/// `dataVenda`, `dataEntradaEstoque` (`renave-ws.md` §1.3) and the CET-MG *data do recibo*
/// (Regulamento Técnico §6.1.3). The date is a Brasília civil date: it has no time zone.
///
/// * **Parsing (`FromStr`)** trims surrounding white space and accepts exactly `YYYY-MM-DD`
///   (four-digit year 0001–9999, a month and day that exist — 2023-02-29 is rejected). Anything
///   else, including a date-time, is rejected with the position at fault.
/// * **Display / `Serialize`:** `YYYY-MM-DD`. `{:#}` prints the same.
/// * **`Deserialize`** also accepts a date-time (`YYYY-MM-DDTHH:MM:SS[.f]`) and keeps its date:
///   Renave-WS answers some date fields of zero-km stock with the date at `00:00:00`
///   (`renave-ws.md` §1.3), and the server is the authority on what it sends.
///
/// Calendar arithmetic is jiff's: use [`Data::as_jiff`] or the `From`/`TryFrom` conversions.
///
/// ```
/// use renave_domain::Data;
///
/// let d: Data = "2026-02-28".parse()?;
/// assert_eq!(d.to_string(), "2026-02-28");
/// assert_eq!(d.as_jiff().tomorrow()?.to_string(), "2026-03-01");
/// assert!("2026-02-29".parse::<Data>().is_err());
/// assert!("28/02/2026".parse::<Data>().is_err());
/// assert_eq!(serde_json::to_string(&d)?, "\"2026-02-28\"");
/// assert_eq!(serde_json::from_str::<Data>("\"2026-02-28T00:00:00\"")?, d);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Data(civil::Date, [u8; 10]);

/// A naive Brasília-local date-time (*data e hora*) as both APIs write it:
/// `YYYY-MM-DDTHH:MM:SS`, **without** `Z` or an offset — e.g. Renave-WS
/// `dataHoraMedicaoHodometro` (`renave-ws.md` §1.3, decision D5).
/// Sending UTC with `Z` made "now" look three hours in the future and was rejected by the server.
///
/// * **Parsing (`FromStr`)** trims surrounding white space and accepts exactly
///   `YYYY-MM-DDTHH:MM:SS`, optionally followed by `.` and 1–9 digits of fractional seconds
///   (Renave-WS responses carry e.g. `2022-03-28T08:59:19.35637`). Input that carries `Z` or an
///   offset (`-03:00`, `+00:00`) or a bracketed zone is **rejected** with an error saying so —
///   the instant it denotes would have to be converted, and the SDK never guesses.
/// * **Resolution is one second.** A fraction in the input is accepted and dropped (truncated,
///   never rounded), so a `DataHora` always holds exactly what it writes; the same holds for
///   [`DataHora::agora_brasilia`] and the conversion from [`jiff::civil::DateTime`].
/// * **Display / `Serialize`:** always `YYYY-MM-DDTHH:MM:SS`; never `Z`, an offset or a fraction.
///   `{:#}` prints the same.
///
/// ```
/// use renave_domain::DataHora;
///
/// let dh: DataHora = "2022-03-28T08:59:19.35637".parse()?;
/// assert_eq!(dh.to_string(), "2022-03-28T08:59:19");
/// assert_eq!(dh.data().to_string(), "2022-03-28");
///
/// let erro = "2022-03-28T11:59:19Z".parse::<DataHora>().unwrap_err();
/// assert!(erro.to_string().contains("naive Brasília local time"));
/// assert!("2022-03-28T08:59:19-03:00".parse::<DataHora>().is_err());
///
/// let agora = DataHora::agora_brasilia();
/// assert_eq!(agora.to_string().len(), 19);
/// assert_eq!(serde_json::to_string(&dh)?, "\"2022-03-28T08:59:19\"");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DataHora(civil::DateTime, [u8; 19]);

impl Data {
    /// Builds a date from its parts (year 1–9999), checking the calendar.
    ///
    /// ```
    /// use renave_domain::Data;
    /// assert_eq!(Data::new(2024, 2, 29)?.to_string(), "2024-02-29");
    /// assert!(Data::new(2023, 2, 29).is_err());
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn new(ano: i16, mes: i8, dia: i8) -> Result<Self, ErroDominio> {
        data_valida(TIPO_DATA, ano, mes, dia).map(Data::de)
    }

    /// Today's date in Brasília (see [`DataHora::agora_brasilia`] for how the zone is found).
    pub fn hoje_brasilia() -> Self {
        DataHora::agora_brasilia().data()
    }

    /// The wrapped [`jiff::civil::Date`], for calendar arithmetic.
    pub const fn as_jiff(&self) -> civil::Date {
        self.0
    }

    /// The year (1–9999).
    pub fn ano(&self) -> i16 {
        self.0.year()
    }

    /// The month (1–12).
    pub fn mes(&self) -> i8 {
        self.0.month()
    }

    /// The day of the month (1–31).
    pub fn dia(&self) -> i8 {
        self.0.day()
    }

    /// This date at the given Brasília-local time of day.
    ///
    /// ```
    /// use renave_domain::Data;
    /// let d: Data = "2026-01-02".parse()?;
    /// assert_eq!(d.com_hora(0, 0, 0)?.to_string(), "2026-01-02T00:00:00");
    /// assert!(d.com_hora(24, 0, 0).is_err());
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn com_hora(self, hora: i8, minuto: i8, segundo: i8) -> Result<DataHora, ErroDominio> {
        let hora = hora_valida(TIPO_DATA_HORA, hora, minuto, segundo)?;
        Ok(DataHora::de(self.0.to_datetime(hora)))
    }

    /// Parses exactly `YYYY-MM-DD` (after trimming). Same as `FromStr`.
    pub fn parse(s: &str) -> Result<Self, ErroDominio> {
        let b = preparar(TIPO_DATA, s)?;
        if b.len() > 10 && b.get(10) == Some(&b'T') {
            return Err(ErroDominio::new(
                TIPO_DATA,
                Motivo::Formato {
                    regra: REGRA_SO_DATA,
                },
            ));
        }
        if b.len() != 10 {
            return Err(ErroDominio::new(
                TIPO_DATA,
                Motivo::Comprimento {
                    esperado: "10 (YYYY-MM-DD)",
                    obtido: b.len(),
                },
            ));
        }
        ler_data(TIPO_DATA, b).map(Data::de)
    }

    /// What a server may send in a date field: a date, or a date-time whose date is kept.
    fn parse_servidor(s: &str) -> Result<Self, ErroDominio> {
        let aparado = s.trim();
        if aparado.len() > 10 && aparado.as_bytes().get(10) == Some(&b'T') {
            DataHora::parse(aparado).map(|dh| dh.data())
        } else {
            Self::parse(aparado)
        }
    }

    /// Wraps a date (year 1–9999, checked by the callers) with its canonical text.
    fn de(data: civil::Date) -> Self {
        Data(data, Self::calcular_texto(data))
    }

    fn calcular_texto(data: civil::Date) -> [u8; 10] {
        let mut buf = [b'-'; 10];
        escrever(&mut buf, 0, i32::from(data.year()), 4);
        escrever(&mut buf, 5, i32::from(data.month()), 2);
        escrever(&mut buf, 8, i32::from(data.day()), 2);
        buf
    }

    /// The canonical form, `YYYY-MM-DD` (e.g. `2026-02-28`), stored inline.
    ///
    /// ```
    /// use renave_domain::Data;
    /// assert_eq!(" 2026-02-28 ".parse::<Data>()?.as_str(), "2026-02-28");
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn as_str(&self) -> &str {
        ascii_str(&self.1)
    }
}

impl DataHora {
    /// Builds a date-time from its parts (year 1–9999), checking the calendar and the clock.
    ///
    /// ```
    /// use renave_domain::DataHora;
    /// assert_eq!(DataHora::new(2018, 8, 9, 9, 46, 52)?.to_string(), "2018-08-09T09:46:52");
    /// assert!(DataHora::new(2018, 8, 9, 9, 60, 0).is_err());
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn new(
        ano: i16,
        mes: i8,
        dia: i8,
        hora: i8,
        minuto: i8,
        segundo: i8,
    ) -> Result<Self, ErroDominio> {
        let data = data_valida(TIPO_DATA_HORA, ano, mes, dia)?;
        let hora = hora_valida(TIPO_DATA_HORA, hora, minuto, segundo)?;
        Ok(DataHora::de(data.to_datetime(hora)))
    }

    /// The current Brasília local time (*horário de Brasília*), to the second.
    ///
    /// Uses the zone `America/Sao_Paulo` from jiff's time-zone database when one is available
    /// (the system's tzdata). Without a database (a container without `/usr/share/zoneinfo`, or
    /// jiff built without a database feature) it falls back to the fixed offset UTC−03:00,
    /// which is correct: Brazil has had no daylight saving time since 2019 (Decreto
    /// 9.772/2019). The fraction of the current second is dropped.
    pub fn agora_brasilia() -> Self {
        let agora = fuso_brasilia().to_datetime(jiff::Timestamp::now());
        Self::truncar(agora)
    }

    /// The wrapped [`jiff::civil::DateTime`], for calendar arithmetic.
    pub const fn as_jiff(&self) -> civil::DateTime {
        self.0
    }

    /// The calendar date.
    pub fn data(&self) -> Data {
        Data::de(self.0.date())
    }

    /// The hour (0–23).
    pub fn hora(&self) -> i8 {
        self.0.hour()
    }

    /// The minute (0–59).
    pub fn minuto(&self) -> i8 {
        self.0.minute()
    }

    /// The second (0–59).
    pub fn segundo(&self) -> i8 {
        self.0.second()
    }

    fn truncar(dt: civil::DateTime) -> Self {
        DataHora::de(dt.with().subsec_nanosecond(0).build().unwrap_or(dt))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fffffffff]` (after trimming), dropping any fraction;
    /// rejects `Z` and offsets. Same as `FromStr`.
    pub fn parse(s: &str) -> Result<Self, ErroDominio> {
        const T: &str = TIPO_DATA_HORA;
        let b = preparar(T, s)?;
        if b.len() < 19 {
            return Err(ErroDominio::new(
                T,
                Motivo::Comprimento {
                    esperado: "19 (YYYY-MM-DDTHH:MM:SS), or more with fractional seconds",
                    obtido: b.len(),
                },
            ));
        }
        let data = ler_data(T, b)?;
        separador(T, b, 10, b'T', "'T'")?;
        let hora = ler_numero(T, b, 11, 2)?;
        separador(T, b, 13, b':', "':'")?;
        let minuto = ler_numero(T, b, 14, 2)?;
        separador(T, b, 16, b':', "':'")?;
        let segundo = ler_numero(T, b, 17, 2)?;
        let mut pos = 19;
        if b.get(pos) == Some(&b'.') {
            let digitos = b
                .get(pos + 1..)
                .unwrap_or_default()
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if !(1..=9).contains(&digitos) {
                return Err(ErroDominio::new(
                    T,
                    Motivo::Formato {
                        regra: REGRA_FRACAO,
                    },
                ));
            }
            pos += 1 + digitos;
        }
        if let Some(&c) = b.get(pos) {
            return Err(ErroDominio::new(
                T,
                if matches!(c, b'Z' | b'z' | b'+' | b'-' | b'[') {
                    Motivo::Formato { regra: REGRA_FUSO }
                } else {
                    Motivo::Caractere {
                        posicao: pos + 1,
                        encontrado: char::from(c),
                        esperado: if pos == 19 {
                            "'.' or the end of the date-time"
                        } else {
                            "an ASCII digit or the end of the date-time"
                        },
                    }
                },
            ));
        }
        let hora = hora_valida(T, hora, minuto, segundo)?;
        Ok(DataHora::de(data.to_datetime(hora)))
    }

    /// Wraps a date-time (year 1–9999, whole seconds, checked by the callers) with its
    /// canonical text.
    fn de(dt: civil::DateTime) -> Self {
        DataHora(dt, Self::calcular_texto(dt))
    }

    fn calcular_texto(dt: civil::DateTime) -> [u8; 19] {
        let mut buf = [b'-'; 19];
        if let Some(inicio) = buf.get_mut(..10) {
            inicio.copy_from_slice(&Data::calcular_texto(dt.date()));
        }
        for (i, c) in [(10, b'T'), (13, b':'), (16, b':')] {
            if let Some(slot) = buf.get_mut(i) {
                *slot = c;
            }
        }
        escrever(&mut buf, 11, i32::from(dt.hour()), 2);
        escrever(&mut buf, 14, i32::from(dt.minute()), 2);
        escrever(&mut buf, 17, i32::from(dt.second()), 2);
        buf
    }

    /// The canonical form, `YYYY-MM-DDTHH:MM:SS` (no fraction, no zone), stored inline.
    ///
    /// ```
    /// use renave_domain::DataHora;
    /// let dh: DataHora = "2022-03-28T08:59:19.35637".parse()?;
    /// assert_eq!(dh.as_str(), "2022-03-28T08:59:19");
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn as_str(&self) -> &str {
        ascii_str(&self.1)
    }
}

/// Trims, rejects empty and non-ASCII input, and returns the bytes (positions = characters).
fn preparar<'a>(tipo: &'static str, s: &'a str) -> Result<&'a [u8], ErroDominio> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ErroDominio::new(tipo, Motivo::Vazio));
    }
    rejeitar_nao_ascii(tipo, s, 0, "an ASCII digit or separator")?;
    Ok(s.as_bytes())
}

/// Reads `n` ASCII digits at byte `inicio` (callers checked the length).
fn ler_numero(tipo: &'static str, b: &[u8], inicio: usize, n: usize) -> Result<i8, ErroDominio> {
    let mut v: i32 = 0;
    for i in inicio..inicio + n {
        let c = b.get(i).copied().unwrap_or(b' ');
        if !c.is_ascii_digit() {
            return Err(ErroDominio::new(
                tipo,
                Motivo::Caractere {
                    posicao: i + 1,
                    encontrado: char::from(c),
                    esperado: "an ASCII digit",
                },
            ));
        }
        v = v * 10 + i32::from(c - b'0');
    }
    // At most two digits here; the 4-digit year goes through `ler_ano`.
    Ok(i8::try_from(v).unwrap_or(i8::MAX))
}

fn ler_ano(tipo: &'static str, b: &[u8]) -> Result<i16, ErroDominio> {
    let alto = ler_numero(tipo, b, 0, 2)?;
    let baixo = ler_numero(tipo, b, 2, 2)?;
    Ok(i16::from(alto) * 100 + i16::from(baixo))
}

fn separador(
    tipo: &'static str,
    b: &[u8],
    pos: usize,
    esperado_byte: u8,
    esperado: &'static str,
) -> Result<(), ErroDominio> {
    let c = b.get(pos).copied().unwrap_or(b' ');
    if c == esperado_byte {
        Ok(())
    } else {
        Err(ErroDominio::new(
            tipo,
            Motivo::Caractere {
                posicao: pos + 1,
                encontrado: char::from(c),
                esperado,
            },
        ))
    }
}

/// Reads and checks `YYYY-MM-DD` at the start of `b` (at least 10 bytes).
fn ler_data(tipo: &'static str, b: &[u8]) -> Result<civil::Date, ErroDominio> {
    let ano = ler_ano(tipo, b)?;
    separador(tipo, b, 4, b'-', "'-'")?;
    let mes = ler_numero(tipo, b, 5, 2)?;
    separador(tipo, b, 7, b'-', "'-'")?;
    let dia = ler_numero(tipo, b, 8, 2)?;
    data_valida(tipo, ano, mes, dia)
}

fn data_valida(tipo: &'static str, ano: i16, mes: i8, dia: i8) -> Result<civil::Date, ErroDominio> {
    if !(1..=9999).contains(&ano) {
        return Err(ErroDominio::new(
            tipo,
            Motivo::ForaDoIntervalo { regra: REGRA_ANO },
        ));
    }
    if !(1..=12).contains(&mes) {
        return Err(ErroDominio::new(
            tipo,
            Motivo::ForaDoIntervalo { regra: REGRA_MES },
        ));
    }
    civil::Date::new(ano, mes, dia).map_err(|_| {
        ErroDominio::new(
            tipo,
            Motivo::Detalhe(format!("day {dia:02} does not exist in {ano:04}-{mes:02}")),
        )
    })
}

fn hora_valida(
    tipo: &'static str,
    hora: i8,
    minuto: i8,
    segundo: i8,
) -> Result<civil::Time, ErroDominio> {
    for (v, max, regra) in [
        (hora, 23, REGRA_HORA),
        (minuto, 59, REGRA_MINUTO),
        (segundo, 59, REGRA_SEGUNDO),
    ] {
        if !(0..=max).contains(&v) {
            return Err(ErroDominio::new(tipo, Motivo::ForaDoIntervalo { regra }));
        }
    }
    civil::Time::new(hora, minuto, segundo, 0)
        .map_err(|_| ErroDominio::new(tipo, Motivo::ForaDoIntervalo { regra: REGRA_HORA }))
}

/// Writes `v` as `largura` zero-padded digits at `buf[inicio..]`.
fn escrever(buf: &mut [u8], inicio: usize, v: i32, largura: usize) {
    let mut v = v.unsigned_abs();
    for i in (inicio..inicio + largura).rev() {
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + u8::try_from(v % 10).unwrap_or(0);
        }
        v /= 10;
    }
}

macro_rules! impls_de_data {
    ($tipo:ident, $nome:expr, $deser:path, $schema:tt) => {
        impl FromStr for $tipo {
            type Err = ErroDominio;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $tipo::parse(s)
            }
        }

        impl TryFrom<&str> for $tipo {
            type Error = ErroDominio;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                $tipo::parse(s)
            }
        }

        impl TryFrom<String> for $tipo {
            type Error = ErroDominio;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                $tipo::parse(&s)
            }
        }

        impl AsRef<str> for $tipo {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl fmt::Display for $tipo {
            /// The wire form; `{:#}` prints the same. Width and alignment flags are honoured.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl fmt::Debug for $tipo {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($tipo), "({})"), self)
            }
        }

        impl serde::Serialize for $tipo {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $tipo {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visitante;
                impl serde::de::Visitor<'_> for Visitante {
                    type Value = $tipo;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($nome)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$tipo, E> {
                        $deser(v).map_err(E::custom)
                    }
                }
                d.deserialize_str(Visitante)
            }
        }

        impl schemars::JsonSchema for $tipo {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($tipo))
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

impls_de_data!(
    Data,
    "a date YYYY-MM-DD",
    Data::parse_servidor,
    {
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "description": "Brasília calendar date (data), YYYY-MM-DD.",
    }
);

impls_de_data!(
    DataHora,
    "a naive Brasília-local date-time YYYY-MM-DDTHH:MM:SS",
    DataHora::parse,
    {
        "type": "string",
        "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?$",
        "description": "Naive Brasília-local date-time (data e hora), YYYY-MM-DDTHH:MM:SS, without Z or an offset; written without fractional seconds.",
    }
);

impl From<Data> for civil::Date {
    fn from(d: Data) -> civil::Date {
        d.0
    }
}

impl TryFrom<civil::Date> for Data {
    type Error = ErroDominio;
    /// Fails outside the years 0001–9999 (which `YYYY-MM-DD` cannot write).
    fn try_from(d: civil::Date) -> Result<Self, Self::Error> {
        Data::new(d.year(), d.month(), d.day())
    }
}

impl From<DataHora> for civil::DateTime {
    fn from(dh: DataHora) -> civil::DateTime {
        dh.0
    }
}

impl TryFrom<civil::DateTime> for DataHora {
    type Error = ErroDominio;
    /// Fails outside the years 0001–9999; drops any fraction of a second (see [`DataHora`]).
    fn try_from(dt: civil::DateTime) -> Result<Self, Self::Error> {
        data_valida(TIPO_DATA_HORA, dt.year(), dt.month(), dt.day())?;
        Ok(Self::truncar(dt))
    }
}

/// A date-time with `Z` or a UTC offset (RFC 3339), as the Brasília civil date-time of the
/// instant it denotes. Only answers are read this way ([`crate::Recebido`]): the instant is
/// known, so converting it guesses nothing; a request's date-time stays naive.
fn instante_em_brasilia(s: &str) -> Option<civil::DateTime> {
    let instante: jiff::Timestamp = s.trim().parse().ok()?;
    Some(fuso_brasilia().to_datetime(instante))
}

impl crate::recebido::LeituraTolerante for Data {
    /// A date (`YYYY-MM-DD`), a naive date-time whose date is kept, or a date-time with `Z` or
    /// an offset, whose Brasília date is kept; anything else stays raw.
    fn de_texto_recebido(texto: &str) -> Option<Self> {
        Self::parse_servidor(texto)
            .ok()
            .or_else(|| instante_em_brasilia(texto).and_then(|dt| Data::try_from(dt.date()).ok()))
    }
}

impl crate::recebido::LeituraTolerante for DataHora {
    /// A naive date-time, or a date-time with `Z` or an offset converted to Brasília time; a
    /// date without a time (no instant to place) and anything else stay raw.
    fn de_texto_recebido(texto: &str) -> Option<Self> {
        Self::parse(texto)
            .ok()
            .or_else(|| instante_em_brasilia(texto).and_then(|dt| DataHora::try_from(dt).ok()))
    }
}

impl From<DataHora> for Data {
    fn from(dh: DataHora) -> Data {
        dh.data()
    }
}
