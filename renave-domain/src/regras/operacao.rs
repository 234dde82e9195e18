//! Which way a transfer request moves the stock (entrada or saída), and when a vistoria may be
//! móvel (Regulamento Técnico CET-MG §5.6, §6.1.3, §6.1.5, §5.11).

use std::fmt;

use crate::identificadores::{Cnpj, CpfCnpj};
use crate::tabelas::CodigoTaxa;

/// Whether a *solicitação de serviço de transferência de propriedade* is an entrada or a saída
/// of stock (Regulamento Técnico CET-MG §5.6, §6.1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SentidoSolicitacao {
    /// *Entrada de estoque*: the buyer is the establishment registering the request.
    Entrada,
    /// *Saída de estoque*: the buyer is anyone else.
    Saida,
}

impl SentidoSolicitacao {
    /// The Portuguese name ("entrada de estoque" / "saída de estoque").
    pub fn descricao(self) -> &'static str {
        match self {
            Self::Entrada => "entrada de estoque",
            Self::Saida => "saída de estoque",
        }
    }
}

impl fmt::Display for SentidoSolicitacao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.descricao())
    }
}

/// Decides whether a transfer request is an entrada or a saída: "A solicitação será considerada
/// como entrada de estoque quando o CNPJ do comprador for o mesmo do estabelecimento que estiver
/// fazendo o registro. Caso contrário, será considerada saída de estoque" (Regulamento Técnico
/// CET-MG §5.6; same rule in §6.1.3).
///
/// The comparison is of the whole CNPJ (14 characters, branch included): a sale to another
/// branch of the same company is a saída. A CPF buyer is always a saída.
///
/// ```
/// use renave_domain::{sentido_solicitacao, Cnpj, CpfCnpj, SentidoSolicitacao};
///
/// let loja: Cnpj = "11222333000181".parse()?;
/// let comprador = CpfCnpj::from(loja);
/// assert_eq!(sentido_solicitacao(&comprador, &loja), SentidoSolicitacao::Entrada);
///
/// let particular: CpfCnpj = "52998224725".parse()?;
/// assert_eq!(sentido_solicitacao(&particular, &loja), SentidoSolicitacao::Saida);
/// # Ok::<(), renave_domain::ErroDominio>(())
/// ```
pub fn sentido_solicitacao(comprador: &CpfCnpj, estabelecimento: &Cnpj) -> SentidoSolicitacao {
    if comprador.cnpj() == Some(estabelecimento) {
        SentidoSolicitacao::Entrada
    } else {
        SentidoSolicitacao::Saida
    }
}

/// A situation in which a vistoria móvel (itinerant vistoria) may be requested (Regulamento
/// Técnico CET-MG §6.1.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HipoteseVistoriaMovel {
    /// *Veículo indenizado integralmente por companhia seguradora.*
    IndenizadoPorSeguradora,
    /// *Veículo recuperado por instituição financeira por intermédio de ordem judicial.*
    RecuperadoPorInstituicaoFinanceira,
    /// *Veículo comprado ou vendido por pessoa jurídica que atue na comercialização de veículos
    /// novos e/ou usados.*
    ComercializadoPorPessoaJuridica,
    /// *Veículo apreendido em pátio público e cuja liberação esteja condicionada ao serviço de
    /// vistoria.*
    ApreendidoEmPatioPublico,
    /// *Veículo relacionado para leilão e veículo leiloado.*
    Leilao,
    /// *Veículo com peso bruto total (PBT) superior a dez toneladas.*
    PesoBrutoTotalSuperiorDezToneladas,
}

impl HipoteseVistoriaMovel {
    /// The situation as the regulation words it, in Portuguese.
    pub fn descricao(self) -> &'static str {
        match self {
            Self::IndenizadoPorSeguradora => {
                "Veículo indenizado integralmente por companhia seguradora"
            }
            Self::RecuperadoPorInstituicaoFinanceira => {
                "Veículo recuperado por instituição financeira por intermédio de ordem judicial"
            }
            Self::ComercializadoPorPessoaJuridica => {
                "Veículo comprado ou vendido por pessoa jurídica que atue na comercialização de veículos novos e/ou usados"
            }
            Self::ApreendidoEmPatioPublico => {
                "Veículo apreendido em pátio público e cuja liberação esteja condicionada ao serviço de vistoria"
            }
            Self::Leilao => "Veículo relacionado para leilão e veículo leiloado",
            Self::PesoBrutoTotalSuperiorDezToneladas => {
                "Veículo com peso bruto total (PBT) superior a dez toneladas"
            }
        }
    }
}

impl fmt::Display for HipoteseVistoriaMovel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.descricao())
    }
}

/// Facts about a vehicle that decide whether its vistoria may be móvel (Regulamento Técnico
/// CET-MG §6.1.5). Every flag defaults to `false`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SituacaoVistoriaMovel {
    /// Fully indemnified by an insurer.
    pub indenizado_por_seguradora: bool,
    /// Recovered by a financial institution through a court order.
    pub recuperado_por_instituicao_financeira: bool,
    /// Bought or sold by a company that trades new and/or used vehicles — true of every
    /// RENAVE entrada or saída made by a credentialed establishment.
    pub comercializado_por_pessoa_juridica: bool,
    /// Seized in a public yard, release conditional on the vistoria.
    pub apreendido_em_patio_publico: bool,
    /// Listed for auction, or auctioned.
    pub leilao: bool,
    /// Peso bruto total (PBT) in kilograms, when known.
    pub peso_bruto_total_kg: Option<u32>,
}

/// PBT above which a vehicle qualifies for vistoria móvel: ten tonnes, in kilograms
/// (Regulamento Técnico CET-MG §6.1.5).
pub const PBT_MINIMO_VISTORIA_MOVEL_KG: u32 = 10_000;

/// The §6.1.5 situations that hold for a vehicle, in the regulation's order; the vistoria may be
/// móvel when the list is not empty (Regulamento Técnico CET-MG §6.1.5). A PBT of exactly ten
/// tonnes does not qualify ("superior a dez toneladas").
///
/// ```
/// use renave_domain::{hipoteses_vistoria_movel, HipoteseVistoriaMovel, SituacaoVistoriaMovel};
///
/// let caminhao = SituacaoVistoriaMovel {
///     peso_bruto_total_kg: Some(16_000),
///     ..SituacaoVistoriaMovel::default()
/// };
/// assert_eq!(
///     hipoteses_vistoria_movel(&caminhao),
///     [HipoteseVistoriaMovel::PesoBrutoTotalSuperiorDezToneladas]
/// );
/// assert!(hipoteses_vistoria_movel(&SituacaoVistoriaMovel::default()).is_empty());
/// ```
pub fn hipoteses_vistoria_movel(situacao: &SituacaoVistoriaMovel) -> Vec<HipoteseVistoriaMovel> {
    let pesado = situacao
        .peso_bruto_total_kg
        .is_some_and(|kg| kg > PBT_MINIMO_VISTORIA_MOVEL_KG);
    [
        (
            situacao.indenizado_por_seguradora,
            HipoteseVistoriaMovel::IndenizadoPorSeguradora,
        ),
        (
            situacao.recuperado_por_instituicao_financeira,
            HipoteseVistoriaMovel::RecuperadoPorInstituicaoFinanceira,
        ),
        (
            situacao.comercializado_por_pessoa_juridica,
            HipoteseVistoriaMovel::ComercializadoPorPessoaJuridica,
        ),
        (
            situacao.apreendido_em_patio_publico,
            HipoteseVistoriaMovel::ApreendidoEmPatioPublico,
        ),
        (situacao.leilao, HipoteseVistoriaMovel::Leilao),
        (
            pesado,
            HipoteseVistoriaMovel::PesoBrutoTotalSuperiorDezToneladas,
        ),
    ]
    .into_iter()
    .filter_map(|(vale, hipotese)| vale.then_some(hipotese))
    .collect()
}

/// Whether a vistoria móvel may be requested for the vehicle: at least one situation of
/// Regulamento Técnico CET-MG §6.1.5 holds (see [`hipoteses_vistoria_movel`]).
pub fn vistoria_movel_permitida(situacao: &SituacaoVistoriaMovel) -> bool {
    !hipoteses_vistoria_movel(situacao).is_empty()
}

/// The fee that must be paid (DAE) before `vistoria/distribuir`: the taxa de vistoria móvel
/// (code 64) when the vistoria is móvel, none for a vistoria at the ECV. Follows Regulamento
/// Técnico CET-MG §5.11 ("Se a vistoria desejada for móvel, deverá pagar também a taxa de
/// vistoria móvel"; §6.1.6 lists the fee without that condition — `cetmg-api.md` §6 erratum 17).
///
/// ```
/// use renave_domain::{taxa_distribuicao_vistoria, CodigoTaxa};
///
/// assert_eq!(taxa_distribuicao_vistoria(true), Some(CodigoTaxa::VistoriaMovel));
/// assert_eq!(taxa_distribuicao_vistoria(false), None);
/// ```
pub fn taxa_distribuicao_vistoria(vistoria_movel: bool) -> Option<CodigoTaxa> {
    vistoria_movel.then_some(CodigoTaxa::VistoriaMovel)
}
