//! CNPJ (*Cadastro Nacional da Pessoa Jurídica*), numeric and alphanumeric (IN RFB 2.229/2024).

/// The check digit (*dígito verificador*) of `corpo` under the mod-11 rule shared by the CNPJ
/// (IN RFB 2.229/2024, numeric and alphanumeric) and the NF-e/DF-e *chave de acesso*
/// (MOC §5.4, NT 2025.001).
///
/// Each byte's value is its ASCII code − 48 (`'0'..='9'` → 0..9, `'A'..='Z'` → 17..42). Weights
/// `2, 3, …, 9, 2, 3, …` are applied from the **rightmost** byte; with `r = Σ % 11` the digit is
/// `0` if `r < 2`, else `11 − r`. The result is the digit's value, `0..=9` (not its ASCII code).
///
/// The caller must have validated the charset first: this function gives a DV for any bytes
/// (`12ABC34501D:` gives the same `3` as `12ABC34501DE`), and bytes below `'0'` count as 0.
pub(crate) fn dv_mod11_ascii(corpo: &[u8]) -> u8 {
    let mut soma: u32 = 0;
    let mut peso: u32 = 2;
    for &b in corpo.iter().rev() {
        soma += u32::from(b.saturating_sub(b'0')) * peso;
        peso = if peso == 9 { 2 } else { peso + 1 };
    }
    let resto = soma % 11;
    if resto < 2 {
        0
    } else {
        // 11 - resto is in 1..=9 here (resto in 2..=10), so the cast cannot truncate.
        u8::try_from(11 - resto).unwrap_or(0)
    }
}
