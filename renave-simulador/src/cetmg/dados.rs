//! The seeded registry of the CET-MG simulator: establishments, vehicles (one apto car, one apto
//! motorcycle, one non-apto vehicle per impediment of Regulamento Técnico CET-MG §6.1.1 and
//! §6.1.3, two vehicles already in stock with laudos of different ages), ECVs, regions and the
//! *tabelas auxiliares* (R §5.20–§5.27).
//!
//! The establishment, the apto car, the apto motorcycle and the vehicle in stock with a recent
//! laudo come from the shared world ([`crate::mundo`]): Renave-WS knows the same vehicles.
//!
//! Every identifier is valid for `renave-domain` (check digits included) but fictitious. The
//! colour, fuel, species, type and category codes follow the national RENAVAM tables
//! (`cetmg-api.md` §4); the carroceria and marca/modelo codes, and the SIAFI codes other than
//! Belo Horizonte's 4123, are illustrative.

use renave_domain::rotas;
use renave_domain::{
    Categoria, Chassi, Cnpj, CpfCnpj, Data, ItemAptidao, Placa, Renavam, RespostaAptidao,
    TipoVeiculo,
};

use crate::mundo::{
    CARRO_APTO, CNPJ_ESTABELECIMENTO, EM_ESTOQUE, EM_ESTOQUE_LAUDO_VENCIDO, IMPEDIMENTOS_NAO_APTOS,
    MOTO_APTA, NAO_APTOS,
};
/// The default *Consumer Key* the simulator accepts on `gerar-token` (R §5.1, Fig. 57).
pub const CONSUMER_KEY_PADRAO: &str = "simulador-consumer-key";
/// The default *Consumer Secret* the simulator accepts on `gerar-token`.
pub const CONSUMER_SECRET_PADRAO: &str = "simulador-consumer-secret";

/// One vehicle of the simulator's registry, as a test (or the binary that prints them) sees
/// it. Obtained from [`SimuladorCetMg::veiculos`](super::SimuladorCetMg::veiculos); a snapshot,
/// so later changes of the simulator's state are not reflected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VeiculoSimulado {
    /// What the vehicle is for in tests (e.g. "apto — automóvel").
    pub descricao: String,
    /// Chassi (strict 17-character VIN).
    pub chassi: Chassi,
    /// Placa.
    pub placa: Placa,
    /// RENAVAM.
    pub renavam: Renavam,
    /// Tipo de veículo (RENAVAM code: 06 automóvel, 04 motocicleta…).
    pub tipo_veiculo: TipoVeiculo,
    /// Código de marca/modelo (see the `consultar-marcas-modelos` table).
    pub codigo_marca_modelo: String,
    /// Current owner (*proprietário*): a private person, or the establishment when in stock.
    pub proprietario: CpfCnpj,
    /// The stock id (*identificador do estoque*) when the vehicle is in an establishment's
    /// stock.
    pub id_estoque: Option<String>,
    /// The one impediment this vehicle was seeded with, `None` for an apto vehicle.
    pub impedimento: Option<ItemAptidao>,
    /// The items the aptidão lookup answers (R §6.1.1, §6.1.3).
    pub aptidao: RespostaAptidao,
    /// Issue date of the vehicle's last laudo de vistoria, if any (Portaria 1.542/2025 Art. 21:
    /// valid for 120 days).
    pub emissao_ultimo_laudo: Option<Data>,
}

impl VeiculoSimulado {
    /// Whether the aptidão lookup reports no blocking item.
    pub fn is_apto(&self) -> bool {
        renave_domain::avaliar_aptidao(&self.aptidao).pode_prosseguir()
    }
}

impl std::fmt::Display for VeiculoSimulado {
    /// One line for listings: chassi, placa, RENAVAM, tipo, stock id, laudo and what the vehicle
    /// is for. The owner is left out (it may be a CPF); read [`proprietario`](Self::proprietario).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {} tipo {}",
            self.chassi.as_str(),
            self.placa.as_str(),
            self.renavam.as_str(),
            self.tipo_veiculo
        )?;
        if let Some(id) = &self.id_estoque {
            write!(f, " estoque {id}")?;
        }
        if let Some(laudo) = self.emissao_ultimo_laudo {
            write!(f, " laudo {laudo}")?;
        }
        write!(f, " — {}", self.descricao)
    }
}

/// An ECV (*Empresa Credenciada de Vistoria*) of the simulator.
#[derive(Debug, Clone)]
pub(crate) struct Ecv {
    pub(crate) cnpj: &'static str,
    pub(crate) razao_social: &'static str,
    pub(crate) nome_fantasia: &'static str,
    pub(crate) email: &'static str,
    pub(crate) telefone: &'static str,
    pub(crate) logradouro: &'static str,
    pub(crate) numero: &'static str,
    pub(crate) bairro: &'static str,
    pub(crate) cep: &'static str,
    pub(crate) municipio: &'static str,
}

/// A region of a municipality served by ECVs (R §5.10).
#[derive(Debug, Clone)]
pub(crate) struct Regiao {
    pub(crate) id: u64,
    pub(crate) municipio: &'static str,
    pub(crate) nome: &'static str,
    pub(crate) padrao: bool,
    pub(crate) ecv: usize,
}

/// A municipality of Minas Gerais: CET/SIAFI code, IBGE code, name.
pub(crate) const MUNICIPIOS: [(&str, &str, &str); 6] = [
    // 4123 is Belo Horizonte's real SIAFI code; the other SIAFI codes are illustrative.
    ("4123", "3106200", "BELO HORIZONTE"),
    ("4371", "3118601", "CONTAGEM"),
    ("4127", "3106705", "BETIM"),
    ("5403", "3170206", "UBERLANDIA"),
    ("4733", "3136702", "JUIZ DE FORA"),
    ("4865", "3143302", "MONTES CLAROS"),
];

pub(crate) const ECVS: [Ecv; 2] = [
    Ecv {
        cnpj: "90139624000187",
        razao_social: "Vistoria Minas Simulada Ltda",
        nome_fantasia: "Vistoria Minas",
        email: "contato@vistoriaminas.invalid",
        telefone: "3132100000",
        logradouro: "Avenida do Contorno",
        numero: "1000",
        bairro: "Centro",
        cep: "30110000",
        municipio: "4123",
    },
    Ecv {
        cnpj: "77412154000115",
        razao_social: "ECV Triângulo Simulada Ltda",
        nome_fantasia: "ECV Triângulo",
        email: "agenda@ecvtriangulo.invalid",
        telefone: "3432100000",
        logradouro: "Avenida João Naves de Ávila",
        numero: "500",
        bairro: "Santa Mônica",
        cep: "38408100",
        municipio: "5403",
    },
];

pub(crate) fn regioes() -> Vec<Regiao> {
    vec![
        Regiao {
            id: 41_231,
            municipio: "4123",
            nome: "Barreiro",
            padrao: false,
            ecv: 0,
        },
        Regiao {
            id: 41_232,
            municipio: "4123",
            nome: "Centro-Sul",
            padrao: true,
            ecv: 0,
        },
        Regiao {
            id: 41_233,
            municipio: "4123",
            nome: "Pampulha",
            padrao: false,
            ecv: 0,
        },
        Regiao {
            id: 43_711,
            municipio: "4371",
            nome: "Sede",
            padrao: true,
            ecv: 0,
        },
        Regiao {
            id: 41_271,
            municipio: "4127",
            nome: "Sede",
            padrao: true,
            ecv: 0,
        },
        Regiao {
            id: 54_031,
            municipio: "5403",
            nome: "Sede",
            padrao: true,
            ecv: 1,
        },
    ]
}

/// `(code, description)` rows of the tabelas auxiliares (R §5.20–§5.27; codes after the national
/// RENAVAM tables, `cetmg-api.md` §4). `nome` is the last segment of the table's route
/// (`consultar-cores` of [`rotas::cetmg::CONSULTAR_CORES`]); the rows are keyed by the route
/// constant, so a table's name is spelled once, in the route definition. `None` for a name no
/// table route ends with.
pub(crate) fn tabela(nome: &str) -> Option<Vec<(String, String)>> {
    use rotas::cetmg as r;
    fn linhas(l: &[(&str, &str)]) -> Vec<(String, String)> {
        l.iter()
            .map(|(c, d)| ((*c).to_owned(), (*d).to_owned()))
            .collect()
    }
    let rota = r::TODAS
        .iter()
        .find(|rota| rota.modelo.rsplit('/').next() == Some(nome))?;
    Some(match *rota {
        r::CONSULTAR_CORES => linhas(&[
            ("01", "AMARELO"),
            ("02", "AZUL"),
            ("03", "BEGE"),
            ("04", "BRANCA"),
            ("05", "CINZA"),
            ("10", "PRATA"),
            ("11", "PRETA"),
            ("15", "VERMELHA"),
        ]),
        r::CONSULTAR_COMBUSTIVEIS => linhas(&[
            ("01", "ALCOOL"),
            ("02", "GASOLINA"),
            ("03", "DIESEL"),
            ("16", "ALCOOL/GASOLINA"),
            ("17", "GASOLINA/ALCOOL/GNV"),
            ("18", "GASOLINA/ELETRICO"),
        ]),
        r::CONSULTAR_CATEGORIAS => {
            let mut v = linhas(&[("1", "PARTICULAR")]);
            v.extend(Categoria::CONHECIDOS.iter().map(|c| {
                (
                    c.as_str().to_owned(),
                    c.descricao().unwrap_or_default().to_uppercase(),
                )
            }));
            v
        }
        r::CONSULTAR_ESPECIES => linhas(&[
            ("1", "PASSAGEIRO"),
            ("2", "CARGA"),
            ("3", "MISTO"),
            ("4", "CORRIDA"),
            ("5", "TRACAO"),
            ("6", "ESPECIAL"),
        ]),
        r::CONSULTAR_TIPOS_VEICULO => TipoVeiculo::CONHECIDOS
            .iter()
            .map(|t| {
                (
                    t.as_str().to_owned(),
                    t.descricao().unwrap_or_default().to_uppercase(),
                )
            })
            .collect(),
        r::CONSULTAR_CARROCERIAS => linhas(&[
            ("999", "NAO APLICAVEL"),
            ("102", "ABERTA"),
            ("104", "BAU"),
            ("108", "CACAMBA"),
            ("116", "FURGAO"),
        ]),
        r::CONSULTAR_MARCAS_MODELOS => linhas(&[
            ("150101", "VW/GOL 1.0"),
            ("113517", "FIAT/ARGO DRIVE 1.0"),
            ("102201", "GM/ONIX 1.0MT LT"),
            ("335050", "HONDA/CG 160 FAN"),
            ("341101", "YAMAHA/FAZER FZ25"),
            ("156110", "VW/POLO TSI"),
            ("105310", "FORD/KA SE 1.0"),
            ("180102", "TOYOTA/COROLLA XEI20"),
            ("181300", "HYUNDAI/HB20 1.0M"),
            ("350602", "VW/24.280 CRM 6X2"),
        ]),
        r::CONSULTAR_MUNICIPIOS_MG => MUNICIPIOS
            .iter()
            .map(|(c, _, n)| ((*c).to_owned(), (*n).to_owned()))
            .collect(),
        _ => return None,
    })
}

/// One seeded vehicle before parsing: description, chassi, placa, RENAVAM, tipo, marca/modelo,
/// owner (`None` = the establishment), stock id, impediment, laudo age in days.
type Semente = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<ItemAptidao>,
    Option<i64>,
);

const SEMENTES: [Semente; 15] = [
    (
        "apto — automóvel (entrada)",
        CARRO_APTO.chassi,
        CARRO_APTO.placa,
        CARRO_APTO.renavam,
        "06",
        "150101",
        CARRO_APTO.proprietario,
        None,
        None,
        None,
    ),
    (
        "apto — motocicleta (entrada)",
        MOTO_APTA.chassi,
        MOTO_APTA.placa,
        MOTO_APTA.renavam,
        "04",
        "335050",
        MOTO_APTA.proprietario,
        None,
        None,
        None,
    ),
    (
        "não apto — laudo CSV em aberto",
        NAO_APTOS[0].chassi,
        NAO_APTOS[0].placa,
        NAO_APTOS[0].renavam,
        "06",
        "113517",
        NAO_APTOS[0].proprietario,
        None,
        Some(IMPEDIMENTOS_NAO_APTOS[0]),
        None,
    ),
    (
        "não apto — reserva de domínio",
        NAO_APTOS[1].chassi,
        NAO_APTOS[1].placa,
        NAO_APTOS[1].renavam,
        "06",
        "102201",
        NAO_APTOS[1].proprietario,
        None,
        Some(IMPEDIMENTOS_NAO_APTOS[1]),
        None,
    ),
    (
        "não apto — gravame",
        NAO_APTOS[2].chassi,
        NAO_APTOS[2].placa,
        NAO_APTOS[2].renavam,
        "06",
        "156110",
        NAO_APTOS[2].proprietario,
        None,
        Some(IMPEDIMENTOS_NAO_APTOS[2]),
        None,
    ),
    (
        "não apto — multas exigíveis",
        NAO_APTOS[3].chassi,
        NAO_APTOS[3].placa,
        NAO_APTOS[3].renavam,
        "06",
        "105310",
        NAO_APTOS[3].proprietario,
        None,
        Some(IMPEDIMENTOS_NAO_APTOS[3]),
        None,
    ),
    (
        "não apto — pendência TRLAV",
        NAO_APTOS[4].chassi,
        NAO_APTOS[4].placa,
        NAO_APTOS[4].renavam,
        "06",
        "180102",
        NAO_APTOS[4].proprietario,
        None,
        Some(IMPEDIMENTOS_NAO_APTOS[4]),
        None,
    ),
    (
        "não apto — pendência IPVA",
        NAO_APTOS[5].chassi,
        NAO_APTOS[5].placa,
        NAO_APTOS[5].renavam,
        "06",
        "181300",
        NAO_APTOS[5].proprietario,
        None,
        Some(IMPEDIMENTOS_NAO_APTOS[5]),
        None,
    ),
    (
        "não apto — pendência DPVAT",
        NAO_APTOS[6].chassi,
        NAO_APTOS[6].placa,
        NAO_APTOS[6].renavam,
        "04",
        "341101",
        NAO_APTOS[6].proprietario,
        None,
        Some(IMPEDIMENTOS_NAO_APTOS[6]),
        None,
    ),
    (
        "não apto — impedimento cadastral/administrativo",
        NAO_APTOS[7].chassi,
        NAO_APTOS[7].placa,
        NAO_APTOS[7].renavam,
        "06",
        "150101",
        NAO_APTOS[7].proprietario,
        None,
        Some(IMPEDIMENTOS_NAO_APTOS[7]),
        None,
    ),
    (
        "não apto — recall pendente",
        NAO_APTOS[8].chassi,
        NAO_APTOS[8].placa,
        NAO_APTOS[8].renavam,
        "06",
        "113517",
        NAO_APTOS[8].proprietario,
        None,
        Some(IMPEDIMENTOS_NAO_APTOS[8]),
        None,
    ),
    (
        "não apto — estampagem em aberto",
        NAO_APTOS[9].chassi,
        NAO_APTOS[9].placa,
        NAO_APTOS[9].renavam,
        "06",
        "102201",
        NAO_APTOS[9].proprietario,
        None,
        Some(IMPEDIMENTOS_NAO_APTOS[9]),
        None,
    ),
    (
        "não apto — observações impeditivas no laudo",
        NAO_APTOS[10].chassi,
        NAO_APTOS[10].placa,
        NAO_APTOS[10].renavam,
        "06",
        "156110",
        NAO_APTOS[10].proprietario,
        None,
        Some(IMPEDIMENTOS_NAO_APTOS[10]),
        None,
    ),
    (
        "em estoque — laudo emitido há 20 dias (saída)",
        EM_ESTOQUE.chassi,
        EM_ESTOQUE.placa,
        EM_ESTOQUE.renavam,
        "06",
        "180102",
        EM_ESTOQUE.proprietario,
        Some(ID_ESTOQUE_TEXTO),
        None,
        Some(20),
    ),
    (
        "em estoque — laudo emitido há 150 dias, vencido (saída)",
        EM_ESTOQUE_LAUDO_VENCIDO.chassi,
        EM_ESTOQUE_LAUDO_VENCIDO.placa,
        EM_ESTOQUE_LAUDO_VENCIDO.renavam,
        "06",
        "102201",
        EM_ESTOQUE_LAUDO_VENCIDO.proprietario,
        Some(ID_ESTOQUE_LAUDO_VENCIDO_TEXTO),
        None,
        Some(150),
    ),
];

/// [`ID_ESTOQUE_EM_ESTOQUE`](crate::mundo::ID_ESTOQUE_EM_ESTOQUE) as CET-MG's textual stock id
/// (checked by the unit test below).
const ID_ESTOQUE_TEXTO: &str = "1000";
/// [`ID_ESTOQUE_LAUDO_VENCIDO`](crate::mundo::ID_ESTOQUE_LAUDO_VENCIDO) as text.
const ID_ESTOQUE_LAUDO_VENCIDO_TEXTO: &str = "100515";

/// The aptidão answer for a vehicle seeded with `impedimento`.
fn aptidao(impedimento: Option<ItemAptidao>) -> RespostaAptidao {
    let mut r = RespostaAptidao {
        comunicacao_venda_registrada: Some(false.into()),
        laudo_csv_em_aberto: Some(false.into()),
        reserva_dominio: Some(false.into()),
        gravame: Some(false.into()),
        total_autuacoes: Some(1.into()),
        multas_exigiveis: Some(0.into()),
        multas_totais: Some(1.into()),
        pendencias_trlav: Some(false.into()),
        pendencias_ipva: Some(false.into()),
        pendencias_dpvat: Some(false.into()),
        impedimentos_cadastrais: Some(false.into()),
        recall_pendente: Some(false.into()),
        estampagem_em_aberto: Some(false.into()),
        observacoes_impeditivas_laudo: Some(false.into()),
        detalhes: Vec::new(),
        campos_nao_modelados: Vec::new(),
    };
    let Some(item) = impedimento else {
        return r;
    };
    let detalhe = match item {
        ItemAptidao::LaudoCsvEmAberto => {
            r.laudo_csv_em_aberto = Some(true.into());
            "Laudo CSV nº 2025000123 em aberto"
        }
        ItemAptidao::ReservaDominio => {
            r.reserva_dominio = Some(true.into());
            "Reserva de domínio em favor de Banco Simulado S.A."
        }
        ItemAptidao::Gravame => {
            r.gravame = Some(true.into());
            "Gravame de alienação fiduciária ativo (SNG)"
        }
        ItemAptidao::MultasExigiveis => {
            r.multas_exigiveis = Some(2.into());
            r.multas_totais = Some(3.into());
            r.total_autuacoes = Some(3.into());
            "2 multas exigíveis (1 Renainf) totalizando R$ 425,68"
        }
        ItemAptidao::PendenciasTrlav => {
            r.pendencias_trlav = Some(true.into());
            "TRLAV 2026 não paga"
        }
        ItemAptidao::PendenciasIpva => {
            r.pendencias_ipva = Some(true.into());
            "IPVA 2026 em aberto (cota única vencida)"
        }
        ItemAptidao::PendenciasDpvat => {
            r.pendencias_dpvat = Some(true.into());
            "DPVAT de exercício anterior exigível"
        }
        ItemAptidao::ImpedimentosCadastrais => {
            r.impedimentos_cadastrais = Some(true.into());
            "Bloqueio administrativo: restrição judicial RENAJUD"
        }
        ItemAptidao::RecallPendente => {
            r.recall_pendente = Some(true.into());
            "Recall pendente: campanha de airbag 2024"
        }
        ItemAptidao::EstampagemEmAberto => {
            r.estampagem_em_aberto = Some(true.into());
            "Estampagem de placa em aberto"
        }
        ItemAptidao::ObservacoesImpeditivasLaudo => {
            r.observacoes_impeditivas_laudo = Some(true.into());
            "Laudo com observação impeditiva: numeração de motor divergente"
        }
        _ => "Impedimento",
    };
    r.detalhes.push(detalhe.to_owned());
    r
}

/// A date `dias` days before `hoje`.
pub(crate) fn dias_antes(hoje: Data, dias: i64) -> Data {
    let d = hoje
        .as_jiff()
        .checked_sub(jiff::Span::new().days(dias))
        .unwrap_or_else(|_| hoje.as_jiff());
    Data::new(d.year(), d.month(), d.day()).unwrap_or(hoje)
}

/// A date `dias` days after `hoje`.
pub(crate) fn dias_depois(hoje: Data, dias: i64) -> Data {
    let d = hoje
        .as_jiff()
        .checked_add(jiff::Span::new().days(dias))
        .unwrap_or_else(|_| hoje.as_jiff());
    Data::new(d.year(), d.month(), d.day()).unwrap_or(hoje)
}

/// The seeded vehicles, laudo dates counted back from `hoje`. Seeds that fail to parse are
/// skipped (they are constants checked by this module's tests, so none is).
pub(crate) fn veiculos(hoje: Data) -> Vec<VeiculoSimulado> {
    let Ok(loja) = CNPJ_ESTABELECIMENTO.parse::<Cnpj>() else {
        return Vec::new();
    };
    SEMENTES
        .iter()
        .filter_map(
            |(
                descricao,
                chassi,
                placa,
                renavam,
                tipo,
                marca,
                dono,
                estoque,
                impedimento,
                laudo,
            )| {
                let proprietario = match dono {
                    Some(d) => d.parse::<CpfCnpj>().ok()?,
                    None => CpfCnpj::from(loja),
                };
                Some(VeiculoSimulado {
                    descricao: (*descricao).to_owned(),
                    chassi: chassi.parse().ok()?,
                    placa: placa.parse().ok()?,
                    renavam: renavam.parse().ok()?,
                    tipo_veiculo: TipoVeiculo::from(*tipo),
                    codigo_marca_modelo: (*marca).to_owned(),
                    proprietario,
                    id_estoque: estoque.map(str::to_owned),
                    impedimento: *impedimento,
                    aptidao: aptidao(*impedimento),
                    emissao_ultimo_laudo: laudo.map(|dias| dias_antes(hoje, dias)),
                })
            },
        )
        .collect()
}

#[cfg(test)]
mod testes {
    use super::*;
    use crate::mundo::CNPJ_OUTRO_ESTABELECIMENTO;

    #[test]
    fn todas_as_sementes_sao_validas_e_cobrem_cada_impedimento() {
        let hoje = Data::new(2026, 1, 15).expect("data");
        let v = veiculos(hoje);
        assert_eq!(v.len(), SEMENTES.len());
        assert_eq!(
            v.iter()
                .filter(|x| x.is_apto() && x.id_estoque.is_none())
                .count(),
            2
        );
        for item in ItemAptidao::TODOS.iter().filter(|i| i.is_impeditivo()) {
            let com_item: Vec<_> = v.iter().filter(|x| x.impedimento == Some(*item)).collect();
            assert_eq!(com_item.len(), 1, "{item:?}");
            assert!(!com_item.iter().any(|x| x.is_apto()));
        }
        let linha = v
            .iter()
            .find(|x| x.id_estoque.is_some())
            .map(ToString::to_string);
        assert!(
            linha.is_some_and(|l| l.contains("estoque 1000 ") && l.contains("laudo 2025-12-26"))
        );
        assert_eq!(
            ID_ESTOQUE_TEXTO,
            crate::mundo::ID_ESTOQUE_EM_ESTOQUE.to_string()
        );
        assert_eq!(
            ID_ESTOQUE_LAUDO_VENCIDO_TEXTO,
            crate::mundo::ID_ESTOQUE_LAUDO_VENCIDO.to_string()
        );
        let mut chassis: Vec<_> = v.iter().map(|x| x.chassi).collect();
        chassis.sort();
        chassis.dedup();
        assert_eq!(chassis.len(), v.len());
        assert!(CNPJ_OUTRO_ESTABELECIMENTO.parse::<Cnpj>().is_ok());
        for e in &ECVS {
            assert!(e.cnpj.parse::<Cnpj>().is_ok());
            assert!(e.cep.parse::<renave_domain::Cep>().is_ok());
        }
        for (siafi, ibge, _) in MUNICIPIOS {
            assert!(siafi.parse::<renave_domain::CodigoMunicipio>().is_ok());
            assert!(
                ibge.parse::<renave_domain::CodigoMunicipioIbge>().is_ok(),
                "{ibge}"
            );
        }
    }
}
