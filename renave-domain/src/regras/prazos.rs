//! Deadlines of Portaria CET-MG nº 1.542/2025, Art. 21 §1: the vistoria within 30 days of the
//! entrada, and the laudo de vistoria valid for 120 days from its issue (`cetmg-api.md` §3.21).
//!
//! Counting follows the usual rule for legal deadlines: the start day is excluded and the last
//! day included, so "120 days counted from the issue" makes the laudo valid up to and including
//! the issue date + 120 days (day 120 valid, day 121 not). Business-day extensions (a deadline
//! falling on a weekend or holiday) are not applied: the Portaria does not provide for them and
//! the SDK has no calendar of holidays.

use jiff::SignedDuration;

use crate::erro::{ErroDominio, Motivo};
use crate::identificadores::Data;

/// Days a laudo de vistoria stays valid for RENAVE, counted from its issue (Portaria CET-MG
/// 1.542/2025, Art. 21 §1; Regulamento Técnico §6.2.3 item 6.2).
pub const VALIDADE_LAUDO_DIAS: i64 = 120;

/// Days within which the vistoria must be done, counted from the entrada in stock (Portaria
/// CET-MG 1.542/2025, Art. 21 §1).
pub const PRAZO_VISTORIA_DIAS: i64 = 30;

/// Where a date stands within a deadline (*prazo*) of Portaria CET-MG 1.542/2025, Art. 21 §1: the
/// start, the last day allowed and how many days have passed (computed by
/// [`verificar_validade_laudo`] and [`verificar_prazo_vistoria`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct SituacaoPrazo {
    /// The day the count starts from (excluded from the count).
    pub inicio: Data,
    /// The last day still within the deadline (inclusive).
    pub ultimo_dia: Data,
    /// Whole days from [`Self::inicio`] to the date checked.
    pub dias_decorridos: i64,
}

impl SituacaoPrazo {
    /// `true` when the date checked is on or before [`Self::ultimo_dia`].
    pub fn is_dentro_do_prazo(&self) -> bool {
        self.dias_decorridos <= self.dias_do_prazo()
    }

    /// Days left until [`Self::ultimo_dia`] (0 on the last day, negative once past it).
    pub fn dias_restantes(&self) -> i64 {
        self.dias_do_prazo() - self.dias_decorridos
    }

    fn dias_do_prazo(&self) -> i64 {
        dias_entre(self.inicio, self.ultimo_dia)
    }
}

fn dias_entre(de: Data, ate: Data) -> i64 {
    de.as_jiff().duration_until(ate.as_jiff()).as_secs() / SignedDuration::from_hours(24).as_secs()
}

fn somar_dias(inicio: Data, dias: i64, tipo: &'static str) -> Result<Data, ErroDominio> {
    let fora = || {
        ErroDominio::new(
            tipo,
            Motivo::ForaDoIntervalo {
                regra: "the deadline falls after the year 9999",
            },
        )
    };
    let ultimo = inicio
        .as_jiff()
        .checked_add(SignedDuration::from_hours(dias * 24))
        .map_err(|_| fora())?;
    Data::try_from(ultimo).map_err(|_| fora())
}

fn situacao(
    inicio: Data,
    referencia: Data,
    dias: i64,
    tipo: &'static str,
    regra_ordem: &'static str,
) -> Result<SituacaoPrazo, ErroDominio> {
    if referencia < inicio {
        return Err(ErroDominio::new(
            tipo,
            Motivo::ForaDoIntervalo { regra: regra_ordem },
        ));
    }
    Ok(SituacaoPrazo {
        inicio,
        ultimo_dia: somar_dias(inicio, dias, tipo)?,
        dias_decorridos: dias_entre(inicio, referencia),
    })
}

/// The last day a laudo de vistoria issued on `emissao` is valid for RENAVE: `emissao` + 120
/// days (Portaria CET-MG 1.542/2025, Art. 21 §1).
///
/// ```
/// use renave_domain::{Data, vencimento_laudo};
///
/// assert_eq!(vencimento_laudo(Data::new(2025, 10, 9)?)?, Data::new(2026, 2, 6)?);
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
pub fn vencimento_laudo(emissao: Data) -> Result<Data, ErroDominio> {
    somar_dias(emissao, VALIDADE_LAUDO_DIAS, "laudo de vistoria")
}

/// Whether a laudo de vistoria issued on `emissao` is still valid on `referencia` (Portaria
/// CET-MG 1.542/2025, Art. 21 §1: "válido por 120 (cento e vinte) dias contados da data da sua
/// emissão"; Regulamento Técnico §6.2.3 items 6.1/6.2: at most 120 days → upload the ficha de
/// cadastro; more than 120 → a new vistoria).
///
/// The 120 days are counted from the laudo's issue date, as the Portaria says (the Regulamento
/// counts from the vistoria; the ECV issues the laudo on that day in practice — `cetmg-api.md`
/// §3.21). Day 120 after the issue is valid, day 121 is not.
///
/// Returns an error when `referencia` is before `emissao` (a laudo from the future means the
/// dates are wrong, not that it is valid).
///
/// ```
/// use renave_domain::{Data, verificar_validade_laudo};
///
/// let emissao = Data::new(2025, 1, 1)?;
/// assert!(verificar_validade_laudo(emissao, Data::new(2025, 5, 1)?)?.is_dentro_do_prazo()); // day 120
/// assert!(!verificar_validade_laudo(emissao, Data::new(2025, 5, 2)?)?.is_dentro_do_prazo()); // day 121
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
pub fn verificar_validade_laudo(
    emissao: Data,
    referencia: Data,
) -> Result<SituacaoPrazo, ErroDominio> {
    situacao(
        emissao,
        referencia,
        VALIDADE_LAUDO_DIAS,
        "laudo de vistoria",
        "the reference date is before the laudo's issue date",
    )
}

/// The validity of a laudo de vistoria as read from an answer (*validade do laudo*, Portaria
/// CET-MG 1.542/2025 Art. 21 §1; Regulamento Técnico §6.2.3 items 6.1/6.2): valid, expired, or
/// **indeterminado** when the answer gives no issue date, an issue date the SDK cannot read, or
/// one after the reference date. Fail closed (issue 12): only [`Valido`](Self::Valido) lets a
/// flow go on as "laudo within 120 days"; an indeterminado laudo is never valid.
///
/// ```
/// use renave_domain::{Data, Recebido, ValidadeLaudo};
///
/// let hoje = Data::new(2025, 5, 1)?;
/// let emitido = Recebido::<Data>::de_texto("2025-01-01");
/// assert!(ValidadeLaudo::avaliar(Some(&emitido), hoje).is_valido()); // day 120
/// assert!(ValidadeLaudo::avaliar(None, hoje).is_indeterminado());
/// let ilegivel = Recebido::<Data>::de_texto("01/01/2025");
/// assert!(!ValidadeLaudo::avaliar(Some(&ilegivel), hoje).is_valido());
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ValidadeLaudo {
    /// At most 120 days since the issue: the ficha de cadastro can be uploaded (§6.2.3 item
    /// 6.1).
    Valido(SituacaoPrazo),
    /// More than 120 days since the issue: a new vistoria is needed (§6.2.3 item 6.2).
    Vencido(SituacaoPrazo),
    /// The validity cannot be decided from the answer (never valid).
    Indeterminado(ValidadeIndeterminada),
}

/// Why a laudo's validity is [`ValidadeLaudo::Indeterminado`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ValidadeIndeterminada {
    /// The answer has no issue date (`data_emissao` missing or `null`).
    SemDataEmissao,
    /// The issue date was sent in a form the SDK cannot read (the domain's reason; never the
    /// value).
    DataIlegivel(ErroDominio),
    /// The issue date is after the reference date, or the deadline cannot be computed: the
    /// dates are wrong, not the laudo valid.
    DatasIncoerentes(ErroDominio),
}

impl ValidadeLaudo {
    /// The validity on `referencia` of a laudo issued on `emissao` as received (see
    /// [`verificar_validade_laudo`] for the count).
    pub fn avaliar(emissao: Option<&crate::Recebido<Data>>, referencia: Data) -> Self {
        let Some(emissao) = emissao else {
            return Self::Indeterminado(ValidadeIndeterminada::SemDataEmissao);
        };
        let emissao = match emissao.valor() {
            Ok(e) => *e,
            Err(e) => return Self::Indeterminado(ValidadeIndeterminada::DataIlegivel(e)),
        };
        match verificar_validade_laudo(emissao, referencia) {
            Ok(s) if s.is_dentro_do_prazo() => Self::Valido(s),
            Ok(s) => Self::Vencido(s),
            Err(e) => Self::Indeterminado(ValidadeIndeterminada::DatasIncoerentes(e)),
        }
    }

    /// `true` only for [`Valido`](Self::Valido): an expired or indeterminado laudo is not.
    pub fn is_valido(&self) -> bool {
        matches!(self, Self::Valido(_))
    }

    /// `true` for [`Indeterminado`](Self::Indeterminado).
    pub fn is_indeterminado(&self) -> bool {
        matches!(self, Self::Indeterminado(_))
    }

    /// The count (issue date, last valid day, days passed) when the issue date was read.
    pub fn situacao(&self) -> Option<&SituacaoPrazo> {
        match self {
            Self::Valido(s) | Self::Vencido(s) => Some(s),
            Self::Indeterminado(_) => None,
        }
    }
}

/// The last day to do the vistoria of a vehicle that entered the stock on `entrada`: `entrada`
/// + 30 days (Portaria CET-MG 1.542/2025, Art. 21 §1).
///
/// ```
/// use renave_domain::{Data, prazo_vistoria};
///
/// assert_eq!(prazo_vistoria(Data::new(2025, 12, 15)?)?, Data::new(2026, 1, 14)?);
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
pub fn prazo_vistoria(entrada: Data) -> Result<Data, ErroDominio> {
    somar_dias(entrada, PRAZO_VISTORIA_DIAS, "prazo de vistoria")
}

/// Whether a vistoria done (or still to be done) on `vistoria` is within 30 days of the entrada
/// of the vehicle in stock on `entrada` (Portaria CET-MG 1.542/2025, Art. 21 §1: "em até 30
/// (trinta) dias contados da entrada do veículo em estoque"). Day 30 is in time, day 31 is not.
///
/// Returns an error when `vistoria` is before `entrada`.
///
/// ```
/// use renave_domain::{Data, verificar_prazo_vistoria};
///
/// let entrada = Data::new(2025, 11, 1)?;
/// let situacao = verificar_prazo_vistoria(entrada, Data::new(2025, 12, 1)?)?; // day 30
/// assert!(situacao.is_dentro_do_prazo());
/// assert_eq!(situacao.dias_restantes(), 0);
/// assert!(!verificar_prazo_vistoria(entrada, Data::new(2025, 12, 2)?)?.is_dentro_do_prazo());
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
pub fn verificar_prazo_vistoria(
    entrada: Data,
    vistoria: Data,
) -> Result<SituacaoPrazo, ErroDominio> {
    situacao(
        entrada,
        vistoria,
        PRAZO_VISTORIA_DIAS,
        "prazo de vistoria",
        "the vistoria date is before the entrada in stock",
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod testes {
    use super::*;
    use crate::Recebido;
    use proptest::prelude::*;

    /// Issue 12: a laudo without a readable issue date is indeterminado, never valid.
    #[test]
    fn laudo_sem_data_legivel_e_indeterminado() {
        let hoje = Data::new(2025, 5, 1).unwrap();
        assert_eq!(
            ValidadeLaudo::avaliar(None, hoje),
            ValidadeLaudo::Indeterminado(ValidadeIndeterminada::SemDataEmissao)
        );
        for bruto in ["", "01/01/2025", "2025-13-01", "ontem"] {
            let r = ValidadeLaudo::avaliar(Some(&Recebido::de_texto(bruto)), hoje);
            assert!(
                matches!(
                    r,
                    ValidadeLaudo::Indeterminado(ValidadeIndeterminada::DataIlegivel(_))
                ),
                "{bruto}: {r:?}"
            );
            assert!(!r.is_valido() && r.situacao().is_none());
        }
        // Issued after the reference date: the dates are wrong, not the laudo valid.
        let futuro = Recebido::from(Data::new(2025, 6, 1).unwrap());
        assert!(matches!(
            ValidadeLaudo::avaliar(Some(&futuro), hoje),
            ValidadeLaudo::Indeterminado(ValidadeIndeterminada::DatasIncoerentes(_))
        ));
        let emissao = Recebido::from(Data::new(2025, 1, 1).unwrap());
        assert!(ValidadeLaudo::avaliar(Some(&emissao), hoje).is_valido());
        let dia121 = Data::new(2025, 5, 2).unwrap();
        let vencido = ValidadeLaudo::avaliar(Some(&emissao), dia121);
        assert!(matches!(vencido, ValidadeLaudo::Vencido(ref s) if s.dias_decorridos == 121));
    }

    proptest! {
        /// Any issue date as sent: valid only when it reads as a date at most 120 days before
        /// the reference, and then the count agrees with `verificar_validade_laudo`.
        #[test]
        fn valido_so_com_data_legivel(texto in prop_oneof![
            "\\PC{0,12}",
            (2000_i16..2030, 1_i8..13, 1_i8..29).prop_map(|(a, m, d)| format!("{a:04}-{m:02}-{d:02}")),
        ], dias in 0_i64..400) {
            let hoje = Data::new(2025, 5, 1).unwrap();
            let recebido = Recebido::<Data>::de_texto(texto.clone());
            let v = ValidadeLaudo::avaliar(Some(&recebido), hoje);
            match recebido.valido() {
                None => prop_assert!(v.is_indeterminado()),
                Some(e) => match verificar_validade_laudo(*e, hoje) {
                    Ok(s) => prop_assert_eq!(v.is_valido(), s.is_dentro_do_prazo()),
                    Err(_) => prop_assert!(v.is_indeterminado()),
                },
            }
            let emissao = Recebido::from(Data::try_from(hoje.as_jiff().checked_sub(jiff::Span::new().days(dias)).unwrap()).unwrap());
            prop_assert_eq!(ValidadeLaudo::avaliar(Some(&emissao), hoje).is_valido(), dias <= VALIDADE_LAUDO_DIAS);
        }
    }
}
