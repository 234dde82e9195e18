//! [`LinhaDigitavel`]: the 48-digit Febraban *arrecadação* line of a DAE.

use std::fmt;

use crate::identificadores::cnpj::{digito, dv_mod11_ascii, escrever_mascara, ler_fixo};
use crate::identificadores::macros::{ascii_str, texto_validado};
use crate::{ErroDominio, Motivo, Valor};

const TIPO: &str = "linha digitável";
/// The type named in the errors of the barcode constructors.
const TIPO_BARRAS: &str = "código de barras de arrecadação";
/// The largest amount the 11-digit value field of the barcode holds, in centavos.
const MAX_CENTAVOS_BARRAS: u64 = 99_999_999_999;

/// The mask as printed on the documents: four blocks of 11 digits, a hyphen and the block DV.
const MASCARA_HIFEN: &str = "00000000000-0 00000000000-0 00000000000-0 00000000000-0";
/// The other accepted grouping: four blocks of 12 digits separated by single spaces.
const MASCARA_BLOCOS: &str = "000000000000 000000000000 000000000000 000000000000";

/// The *linha digitável* (typeable line) of a Febraban *arrecadação* collection document, such
/// as the DAE (*Documento de Arrecadação Estadual*) of SEF-MG that pays the CET-MG fees
/// (Regulamento Técnico CET-MG §6.1.5, `emitir-guia-dae`; `cetmg-api.md` §5).
///
/// **Rule** (Febraban "Layout Padrão de Arrecadação/Recebimento com Utilização do Código de
/// Barras"; `domain-rules.md` §7.7), checked in this order, each failure reported as such:
///
/// 1. 48 ASCII digits: four blocks of 11 digits, each followed by its own check digit. The
///    47-digit line of a bank boleto and the 44-digit barcode are rejected with a message
///    saying so.
/// 2. Position 1 (the product) is `8`, *arrecadação*.
/// 3. Position 3 (the *identificador de valor*) selects the module: `6`/`7` → module 10,
///    `8`/`9` → module 11; any other digit is rejected.
/// 4. The four block check digits.
/// 5. The general check digit of the barcode (barcode position 4, over its other 43 digits).
///    This check is needed: module 11 maps remainders 0 and 1 to the same digit, so some
///    one-digit errors leave every block DV intact.
///
/// Module 10 weighs the digits 2,1,2,1… from the right, adds the digits of each product and
/// takes `(10 − Σ mod 10) mod 10`. Module 11 weighs them 2…9 cyclically from the right and maps
/// `r = Σ mod 11` to `0` for r ∈ {0, 1}, else `11 − r` (so r = 10 gives 1) — the same function as
/// the NF-e access key's DV. The bank-boleto rule (0, 10, 11 → 1) is **not** used.
///
/// **Input:** surrounding white space is trimmed; accepted are the bare 48 digits, or the four
/// blocks separated by single spaces in one style for all blocks — `ddddddddddd-d` (as printed)
/// or `dddddddddddd`. No segment or *órgão* id is hard-coded.
///
/// **Display:** the 48 digits; `{:#}` prints the document form
/// `83640000001-1 33120138000-2 81288462711-6 08013618155-1`.
/// [`codigo_barras`](Self::codigo_barras) gives the 44-digit barcode.
///
/// **Building one** (test data, simulators): from a 44-digit barcode with
/// [`a_partir_do_codigo_barras`](Self::a_partir_do_codigo_barras), or from the barcode fields with
/// [`a_partir_dos_campos`](Self::a_partir_dos_campos); both compute the check digits.
///
/// ```
/// use renave_domain::LinhaDigitavel;
///
/// let linha: LinhaDigitavel = "83640000001-1 33120138000-2 81288462711-6 08013618155-1".parse()?;
/// assert_eq!(linha.as_str(), "836400000011331201380002812884627116080136181551");
/// assert_eq!(linha.codigo_barras(), "83640000001331201380008128846271108013618155");
/// assert_eq!(format!("{linha:#}"), "83640000001-1 33120138000-2 81288462711-6 08013618155-1");
/// assert_eq!(linha.valor().map(|v| v.to_string()), Some("133.12".to_owned()));
///
/// // All four block DVs pass, the general DV does not.
/// assert!("858900004641524601791605607593050865831483000010".parse::<LinhaDigitavel>().is_err());
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LinhaDigitavel {
    linha: [u8; 48],
    barras: [u8; 44],
}

/// Febraban module 10 over ASCII digits: weights 2,1,2,1… from the right, digits of each
/// product added, `(10 − Σ mod 10) mod 10`.
pub(crate) fn dv_modulo10(digitos: &[u8]) -> u8 {
    let mut soma: u32 = 0;
    for (i, &b) in digitos.iter().rev().enumerate() {
        let p = u32::from(b.saturating_sub(b'0')) * if i % 2 == 0 { 2 } else { 1 };
        soma += p / 10 + p % 10;
    }
    u8::try_from((10 - soma % 10) % 10).unwrap_or(0)
}

/// Febraban module 11 of the *arrecadação* layout: the NF-e/CNPJ DV function on digits.
fn dv_modulo11(digitos: &[u8]) -> u8 {
    dv_mod11_ascii(digitos)
}

/// Checks the product (position 1, `8`) and the *identificador de valor* (position 3) shared by
/// the line and the barcode, and returns the module it selects.
fn modulo_de(tipo: &'static str, digitos: &[u8]) -> Result<fn(&[u8]) -> u8, ErroDominio> {
    if digitos.first() != Some(&b'8') {
        return Err(ErroDominio::new(
            tipo,
            Motivo::Formato {
                regra: "the product (position 1) must be 8, arrecadação",
            },
        ));
    }
    match digitos.get(2) {
        Some(b'6' | b'7') => Ok(dv_modulo10),
        Some(b'8' | b'9') => Ok(dv_modulo11),
        _ => Err(ErroDominio::new(
            tipo,
            Motivo::Formato {
                regra: REGRA_IDENTIFICADOR_VALOR,
            },
        )),
    }
}

const REGRA_IDENTIFICADOR_VALOR: &str =
    "the identificador de valor (position 3) must be 6 or 7 (module 10) or 8 or 9 (module 11)";

/// The general check digit of a barcode: `modulo` over positions 1–3 and 5–44.
fn dv_geral(barras: &[u8; 44], modulo: fn(&[u8]) -> u8) -> u8 {
    let mut sem_dv = [0u8; 43];
    let (antes, depois) = sem_dv.split_at_mut(3);
    antes.copy_from_slice(barras.get(..3).unwrap_or_default());
    depois.copy_from_slice(barras.get(4..).unwrap_or_default());
    modulo(&sem_dv)
}

/// Fails unless barcode position 4 holds the general check digit.
fn verificar_dv_geral(
    tipo: &'static str,
    barras: &[u8; 44],
    modulo: fn(&[u8]) -> u8,
) -> Result<(), ErroDominio> {
    if barras.get(3) == Some(&(b'0' + dv_geral(barras, modulo))) {
        Ok(())
    } else {
        Err(ErroDominio::new(
            tipo,
            Motivo::Detalhe(
                "general check digit of the barcode (position 4) does not match".to_owned(),
            ),
        ))
    }
}

/// The 48-digit line of a barcode: each block of 11 digits followed by its `modulo` DV.
fn linha_de(barras: &[u8; 44], modulo: fn(&[u8]) -> u8) -> [u8; 48] {
    let mut linha = [0u8; 48];
    for (pedaco, destino) in barras.chunks(11).zip(linha.chunks_mut(12)) {
        let (corpo, dv) = destino.split_at_mut(11);
        corpo.copy_from_slice(pedaco);
        if let Some(d) = dv.first_mut() {
            *d = b'0' + modulo(pedaco);
        }
    }
    linha
}

/// Writes the ASCII digits of `campo` into `destino`, which must have exactly its length.
fn copiar_digitos(
    destino: &mut [u8],
    campo: &str,
    nome: &'static str,
    esperado: &'static str,
) -> Result<(), ErroDominio> {
    let obtido = campo.chars().count();
    if obtido != destino.len() {
        return Err(ErroDominio::new(
            TIPO_BARRAS,
            Motivo::Detalhe(format!(
                "the {nome} must have {esperado} digits, found {obtido} characters"
            )),
        ));
    }
    if let Some(posicao) = campo.chars().position(|c| !c.is_ascii_digit()) {
        return Err(ErroDominio::new(
            TIPO_BARRAS,
            Motivo::Detalhe(format!(
                "the {nome} must be ASCII digits; character {} is not",
                posicao + 1
            )),
        ));
    }
    destino.copy_from_slice(campo.as_bytes());
    Ok(())
}

impl LinhaDigitavel {
    /// Parses a line (bare or in one of the two block groupings, trimmed) and runs the checks
    /// in the documented order. Same as `FromStr`.
    pub fn parse(entrada: &str) -> Result<Self, ErroDominio> {
        let s = entrada.trim();
        let n = s.chars().count();
        if s.bytes().all(|b| b.is_ascii_digit()) {
            if n == 47 {
                return Err(ErroDominio::new(
                    TIPO,
                    Motivo::Formato {
                        regra: "a 47-digit line is a bank boleto (ficha de compensação), not a 48-digit arrecadação line",
                    },
                ));
            }
            if n == 44 {
                return Err(ErroDominio::new(
                    TIPO,
                    Motivo::Formato {
                        regra: "44 digits is the barcode (código de barras), not the 48-digit linha digitável",
                    },
                ));
            }
        }
        let mascara = if n == MASCARA_BLOCOS.len() {
            MASCARA_BLOCOS
        } else {
            MASCARA_HIFEN
        };
        let linha: [u8; 48] = ler_fixo(TIPO, s, Some(mascara), "48", digito)?;
        let modulo = modulo_de(TIPO, &linha)?;
        let mut barras = [0u8; 44];
        for (bloco, (pedaco, destino)) in linha.chunks(12).zip(barras.chunks_mut(11)).enumerate() {
            let (corpo, dv) = pedaco.split_at(11);
            if dv.first() != Some(&(b'0' + modulo(corpo))) {
                return Err(ErroDominio::new(
                    TIPO,
                    Motivo::Detalhe(format!(
                        "check digit of block {} (position {}) does not match",
                        bloco + 1,
                        bloco * 12 + 12
                    )),
                ));
            }
            destino.copy_from_slice(corpo);
        }
        verificar_dv_geral(TIPO, &barras, modulo)?;
        Ok(Self { linha, barras })
    }

    /// Builds the line of a 44-digit *arrecadação* barcode (*código de barras*), computing the
    /// four block check digits (`domain-rules.md` §7.7).
    ///
    /// The barcode (surrounding white space trimmed) must be 44 ASCII digits with product `8`,
    /// an *identificador de valor* of `6`–`9` and a matching general check digit (position 4);
    /// each failure is reported as such, as by [`parse`](Self::parse). The result's
    /// [`codigo_barras`](Self::codigo_barras) is the input.
    ///
    /// ```
    /// use renave_domain::LinhaDigitavel;
    ///
    /// let linha = LinhaDigitavel::a_partir_do_codigo_barras("83640000001331201380008128846271108013618155")?;
    /// assert_eq!(format!("{linha:#}"), "83640000001-1 33120138000-2 81288462711-6 08013618155-1");
    ///
    /// // General DV (position 4) changed from 4 to 5.
    /// assert!(LinhaDigitavel::a_partir_do_codigo_barras("83650000001331201380008128846271108013618155").is_err());
    /// // A 48-digit line is not a barcode.
    /// assert!(LinhaDigitavel::a_partir_do_codigo_barras(linha.as_str()).is_err());
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn a_partir_do_codigo_barras(codigo: &str) -> Result<Self, ErroDominio> {
        let s = codigo.trim();
        if s.len() == 48 && s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ErroDominio::new(
                TIPO_BARRAS,
                Motivo::Formato {
                    regra: "48 digits is the linha digitável, not the 44-digit barcode (código de barras)",
                },
            ));
        }
        let barras: [u8; 44] = ler_fixo(TIPO_BARRAS, s, None, "44", digito)?;
        let modulo = modulo_de(TIPO_BARRAS, &barras)?;
        verificar_dv_geral(TIPO_BARRAS, &barras, modulo)?;
        Ok(Self {
            linha: linha_de(&barras, modulo),
            barras,
        })
    }

    /// Builds a valid *arrecadação* document from the fields of its barcode, computing the
    /// general check digit and the four block check digits (Febraban *Layout Padrão de
    /// Arrecadação*; `domain-rules.md` §7.7). Meant for test data and simulators: the SDK itself
    /// only receives lines from the server.
    ///
    /// Barcode layout: `8` (product *arrecadação*), `segmento` (1 digit), `identificador_valor`
    /// (1 digit), the general DV, `valor` (11 digits, in centavos), `identificacao` and
    /// `campo_livre` (29 digits together).
    ///
    /// * `segmento`: `0`–`9`, not restricted further (`5` is *órgãos governamentais*).
    /// * `identificador_valor`: `6` or `7` (module 10), `8` or `9` (module 11). With `6`/`8` the
    ///   value field is the amount in reais, read back by [`valor`](Self::valor); with `7`/`9`
    ///   it is a reference quantity, written the same way but not read back as an amount.
    /// * `valor`: at most R$ 999.999.999,99 (11 digits of centavos).
    /// * `identificacao`: the *identificação da empresa/órgão*, 4 ASCII digits, or 8 (the CNPJ
    ///   root) as segment 6 uses it.
    /// * `campo_livre`: the free field, ASCII digits filling the barcode: 25 digits after a
    ///   4-digit `identificacao`, 21 after an 8-digit one.
    ///
    /// Nothing is padded or cut: a field of the wrong size is an error naming it.
    ///
    /// ```
    /// use renave_domain::{LinhaDigitavel, Valor};
    ///
    /// let linha = LinhaDigitavel::a_partir_dos_campos(
    ///     5,
    ///     6,
    ///     Valor::from_centavos(19_539)?,
    ///     "0213",
    ///     "0000000000000202600000001",
    /// )?;
    /// assert_eq!(linha.codigo_barras(), "85690000001953902130000000000000202600000001");
    /// assert_eq!(format!("{linha:#}"), "85690000001-4 95390213000-4 00000000002-6 02600000001-3");
    /// assert_eq!(linha.valor(), Some(Valor::from_centavos(19_539)?));
    /// assert_eq!(linha, linha.as_str().parse()?);
    ///
    /// // The free field must fill the barcode: 25 digits after a 4-digit identification.
    /// assert!(LinhaDigitavel::a_partir_dos_campos(5, 6, Valor::ZERO, "0213", "1").is_err());
    /// # Ok::<(), renave_domain::ErroDominio>(())
    /// ```
    pub fn a_partir_dos_campos(
        segmento: u8,
        identificador_valor: u8,
        valor: Valor,
        identificacao: &str,
        campo_livre: &str,
    ) -> Result<Self, ErroDominio> {
        if segmento > 9 {
            return Err(ErroDominio::new(
                TIPO_BARRAS,
                Motivo::ForaDoIntervalo {
                    regra: "the segment (position 2) is one digit, 0 to 9",
                },
            ));
        }
        if !(6..=9).contains(&identificador_valor) {
            return Err(ErroDominio::new(
                TIPO_BARRAS,
                Motivo::Formato {
                    regra: REGRA_IDENTIFICADOR_VALOR,
                },
            ));
        }
        if valor.centavos() > MAX_CENTAVOS_BARRAS {
            return Err(ErroDominio::new(
                TIPO_BARRAS,
                Motivo::ForaDoIntervalo {
                    regra: "the barcode holds at most 11 digits of centavos (R$ 999.999.999,99)",
                },
            ));
        }
        let mut barras = [0u8; 44];
        let (cabeca, resto) = barras.split_at_mut(4);
        cabeca.copy_from_slice(&[b'8', b'0' + segmento, b'0' + identificador_valor, b'0']);
        let (campo_valor, resto) = resto.split_at_mut(11);
        let centavos = format!("{:011}", valor.centavos());
        campo_valor.copy_from_slice(centavos.as_bytes());
        let (n_identificacao, esperado_livre) = match identificacao.chars().count() {
            8 => (8, "21"),
            _ => (4, "25"),
        };
        let (campo_identificacao, campo_resto) = resto.split_at_mut(n_identificacao);
        copiar_digitos(
            campo_identificacao,
            identificacao,
            "identificação da empresa/órgão",
            "4 or 8",
        )?;
        copiar_digitos(campo_resto, campo_livre, "campo livre", esperado_livre)?;
        let modulo = modulo_de(TIPO_BARRAS, &barras)?;
        let dv = b'0' + dv_geral(&barras, modulo);
        if let Some(posicao) = barras.get_mut(3) {
            *posicao = dv;
        }
        Ok(Self {
            linha: linha_de(&barras, modulo),
            barras,
        })
    }

    /// The canonical form: the 48 digits, without spaces or hyphens.
    pub fn as_str(&self) -> &str {
        ascii_str(&self.linha)
    }

    /// The 44-digit barcode (*código de barras*): the line without its four block check digits.
    pub fn codigo_barras(&self) -> &str {
        ascii_str(&self.barras)
    }

    /// The segment (barcode position 2), e.g. `5` for *órgãos governamentais*.
    pub fn segmento(&self) -> u8 {
        self.linha.get(1).map_or(0, |b| b - b'0')
    }

    /// The *identificador de valor* (position 3): 6 or 8 when the barcode carries the amount in
    /// reais, 7 or 9 when it carries a reference quantity.
    pub fn identificador_valor(&self) -> u8 {
        self.linha.get(2).map_or(0, |b| b - b'0')
    }

    /// The amount to pay (barcode positions 5–15, in centavos) when the *identificador de
    /// valor* says it is an effective amount in reais (6 or 8); `None` otherwise (7 or 9).
    pub fn valor(&self) -> Option<Valor> {
        if !matches!(self.identificador_valor(), 6 | 8) {
            return None;
        }
        let centavos = self
            .barras
            .get(4..15)?
            .iter()
            .fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
        Valor::from_centavos(centavos).ok()
    }

    fn fmt_mascara(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escrever_mascara(f, &self.linha, MASCARA_HIFEN)
    }
}

texto_validado!(
    LinhaDigitavel,
    nome = "linha digitável",
    pattern = r"^[0-9]{48}$|^[0-9]{11}-[0-9]( [0-9]{11}-[0-9]){3}$|^[0-9]{12}( [0-9]{12}){3}$",
    descricao = "Linha digitável of a Febraban arrecadação document (DAE): 48 digits, optionally as four space-separated blocks ddddddddddd-d or dddddddddddd.",
);

#[cfg(test)]
mod testes {
    use super::*;

    /// The Febraban module 11 exactly as the layout's text words it (r = 0 or 1 → 0, r = 10 → 1,
    /// else 11 − r), written independently of `dv_mod11_ascii`.
    fn modulo11_febraban(digitos: &[u8]) -> u8 {
        let mut soma = 0u32;
        let mut peso = 2u32;
        for &b in digitos.iter().rev() {
            soma += u32::from(b - b'0') * peso;
            peso = if peso == 9 { 2 } else { peso + 1 };
        }
        match soma % 11 {
            0 | 1 => 0,
            10 => 1,
            r => u8::try_from(11 - r).unwrap_or(u8::MAX),
        }
    }

    #[test]
    fn modulo10_exemplo_febraban() {
        assert_eq!(dv_modulo10(b"01230067896"), 3);
    }

    #[test]
    fn modulo11_exemplo_febraban() {
        assert_eq!(dv_modulo11(b"01230067896"), 0);
        assert_eq!(modulo11_febraban(b"01230067896"), 0);
    }

    #[test]
    fn modulo11_igual_ao_dv_da_chave_nas_linhas_modulo11() {
        for s in [
            "858900004609524601791605607593050865831483000010",
            "848900000002404201622015806051904292586034111220",
            "848100000008404200001610980245528291517050082350",
        ] {
            let linha: LinhaDigitavel = s.parse().expect("valid vector");
            let b = s.as_bytes();
            let mut partes: Vec<&[u8]> = (0..4).map(|i| &b[i * 12..i * 12 + 11]).collect();
            partes.push(linha.codigo_barras().as_bytes());
            for p in partes {
                assert_eq!(dv_modulo11(p), modulo11_febraban(p), "{s}");
            }
        }
    }

    #[test]
    fn dv_geral_da_linha_sintetica_vem_do_resto_10() {
        let linha: LinhaDigitavel = "848100000008404200001610980245528291517050082350"
            .parse()
            .expect("valid vector");
        assert_eq!(linha.codigo_barras().as_bytes()[3], b'1');
    }
}
