//! The one simulated world both simulators load (*mundo simulado*): the establishment, the
//! people and the vehicles that exist on the CET-MG side **and** on Renave-WS, so that a POC
//! (Regulamento Técnico CET-MG §6) sends the SAME vehicle (chassi, placa, RENAVAM), the same
//! establishment CNPJ and the same seller through both APIs.
//!
//! * [`CNPJ_ESTABELECIMENTO`] — the *estabelecimento credenciado* of both simulators.
//! * The apto car (physical CRV, private seller) and the apto motorcycle (digital CRV, private
//!   seller): the CET-MG registry answers them apto (§6.1.1), Renave-WS knows their CRV for the
//!   entrada (§6.1.7).
//! * The two vehicles in stock (`CONFIRMADO` on Renave-WS), one with a recent laudo and one
//!   with a laudo over 120 days on CET-MG (§6.2.3): CET-MG stock id and Renave-WS `idEstoque`
//!   are the same number ([`ID_ESTOQUE_EM_ESTOQUE`], [`ID_ESTOQUE_LAUDO_VENCIDO`]).
//! * The não-apto vehicles, one per impediment, owned by private people: CET-MG answers them not
//!   apto (§6.1.1), Renave-WS knows them in the Renavam registry.
//!
//! Renave-WS alone also seeds what CET-MG has no use for (a branch's vehicle, incoming
//! transfer authorizations, zero-km vehicles), and the other two actors its montadora and ITE
//! groups answer as: the montadora ([`CNPJ_MONTADORA`], [`NOME_MONTADORA`]) with its pending and
//! in-stock vehicles, the ITE ([`CNPJ_ITE`], [`NOME_ITE`]) with its stock, a second ITE
//! ([`CNPJ_OUTRA_ITE`]) and the montadora's clients ([`CLIENTES_MONTADORA`]).
//!
//! [`SimuladoresRenave`] starts both simulators as one world: the seller's ATPV-e signature sent
//! to Renave-WS (E5), and the ATPV-e of a saída (E15), reach the CET-MG simulator with the same
//! number — in reality SERPRO forwards the signed ATPV-e to CET-MG (R §6.1.7 3.2.4, §6.2.3 4),
//! which checks it before accepting the comunicação de venda (R §5.4, §5.5). Each simulator still
//! works alone ([`SimuladorCetMg::registrar_assinatura_atpv`] is then the manual knob).
//!
//! Every number is synthetic (valid check digits, no real person or vehicle). The seed is public
//! (and re-exported at the crate root, so `renave::simulador::CARRO_APTO` with the `renave`
//! facade's `simulador` feature): a test names the vehicle, owner or establishment it needs
//! instead of searching the simulators' listings.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use renave_domain::{Chassi, Cpf, CpfCnpj, ItemAptidao};

use crate::cetmg::{ConstrutorSimuladorCetMg, SimuladorCetMg};
use crate::renave_ws::{ConstrutorSimuladorRenaveWs, SimuladorRenaveWs};

/// CNPJ of the simulated establishment (*estabelecimento credenciado*), the same on both
/// simulators: "Revenda Simulada de Veículos Ltda". The establishment a test's requests name
/// (`cpf_cnpj_estabelecimento`, the buyer of an entrada), and the owner of the vehicles in stock.
pub const CNPJ_ESTABELECIMENTO: &str = "11222333000181";
/// Name (*razão social*) of the simulated establishment.
pub const NOME_ESTABELECIMENTO: &str = "Revenda Simulada de Veículos Ltda";
/// CNPJ of another dealer (origin of Renave-WS's incoming transfer authorizations; a second
/// establishment for CET-MG tests).
pub const CNPJ_OUTRO_ESTABELECIMENTO: &str = "33444555000181";
/// CNPJ of the establishment's branch (*filial*) on Renave-WS: the owner of
/// [`VEICULO_DA_FILIAL`], for the transfer between branches (E23).
pub const CNPJ_FILIAL: &str = "11222333000262";
/// CNPJ of the manufacturer (*montadora*) of Renave-WS's zero-km vehicles (Z1–Z16).
pub const CNPJ_MONTADORA: &str = "59622261000196";
/// Name (*razão social*) of the montadora ([`CNPJ_MONTADORA`]): the caller Renave-WS's
/// `/api/montadora/…` routes answer as.
pub const NOME_MONTADORA: &str = "Montadora Simulada de Veículos S.A.";
/// CNPJ of the ITE (*implementadora, transformadora ou encarroçadora*) of Renave-WS: the caller
/// the `/api/ite/…` routes answer as, and the one that authorized the establishment
/// ([`ID_AUTORIZACAO_ITE`], E28).
pub const CNPJ_ITE: &str = "02095099000188";
/// Name (*razão social*) of the ITE ([`CNPJ_ITE`]).
pub const NOME_ITE: &str = "Encarroçadora Simulada Ltda";
/// CNPJ of a second ITE, which nobody answers as: origin of the authorization
/// [`ID_AUTORIZACAO_OUTRA_ITE`] (a transfer between ITEs) and a destination the ITE can
/// authorize.
pub const CNPJ_OUTRA_ITE: &str = "04512378000125";
/// The montadora's clients (*clientes da montadora*) Renave-WS lists for its zero-km chassis
/// (`GET /api/ite/clientes-montadoras`): `(codigoClientemontadora, descricaoClientemontadora)`.
/// An ITE's entrada names one of the codes (`codigoClienteMontadora`).
pub const CLIENTES_MONTADORA: [(&str, &str); 2] = [
    ("1001", "TRANSPORTADORA SIMULADA LTDA"),
    ("1002", "FROTA MUNICIPAL SIMULADA"),
];
/// CPF of the operator (*operador responsável*) the POC names on Renave-WS requests
/// (`cpfOperadorResponsavel`).
pub const CPF_OPERADOR: &str = "11144477735";
/// CPF of the private buyer (*comprador*) of the saídas.
pub const CPF_COMPRADOR: &str = "12345678909";
/// CPF of the private seller who owns [`CARRO_APTO`]: the `cpf_cnpj_proprietario` of its
/// aptidão lookup and of its entrada.
pub const CPF_VENDEDOR_CARRO: &str = "52998224725";
/// CPF of the private seller who owns [`MOTO_APTA`].
pub const CPF_VENDEDOR_MOTO: &str = "39053344705";

/// The identity of a seeded vehicle (*veículo semeado*) both simulators know at start: chassi,
/// placa, RENAVAM and first owner, as text (parse them with `renave-domain`'s types, e.g.
/// `CARRO_APTO.chassi.parse::<Chassi>()`). Every number is synthetic with valid check digits.
///
/// ```
/// use renave_domain::{Chassi, CpfCnpj};
/// use renave_simulador::{CARRO_APTO, CPF_VENDEDOR_CARRO};
///
/// let chassi: Chassi = CARRO_APTO.chassi.parse().unwrap();
/// let vendedor: CpfCnpj = CARRO_APTO.proprietario.unwrap().parse().unwrap();
/// assert_eq!(vendedor.as_str(), CPF_VENDEDOR_CARRO);
/// assert_eq!(chassi.as_str(), "9BWAA05U6FP012345");
/// ```
///
/// `Debug` masks an owner's CPF (last two digits); a CNPJ is shown whole.
#[derive(Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct IdentidadeVeiculo {
    /// Chassi (17-character VIN).
    pub chassi: &'static str,
    /// Placa (Mercosul or old format).
    pub placa: &'static str,
    /// RENAVAM (11 digits).
    pub renavam: &'static str,
    /// The owner's CPF/CNPJ at start; `None` = the establishment ([`CNPJ_ESTABELECIMENTO`]).
    pub proprietario: Option<&'static str>,
}

impl std::fmt::Debug for IdentidadeVeiculo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let proprietario = self.proprietario.map(|p| match p.parse::<CpfCnpj>() {
            Ok(doc) => documento_mascarado(&doc),
            Err(_) => "<inválido>".to_owned(),
        });
        f.debug_struct("IdentidadeVeiculo")
            .field("chassi", &self.chassi)
            .field("placa", &self.placa)
            .field("renavam", &self.renavam)
            .field("proprietario", &proprietario)
            .finish()
    }
}

/// The apto car: VW Gol 1.0 2015 of a private seller ([`CPF_VENDEDOR_CARRO`]), physical (green)
/// CRV. CET-MG answers it apto; Renave-WS has it ready for entrada (E3). The POC's car: the
/// vehicle of an entrada flow (§6.1), vistoria branch.
pub const CARRO_APTO: IdentidadeVeiculo = IdentidadeVeiculo {
    chassi: "9BWAA05U6FP012345",
    placa: "ABC1D23",
    renavam: "01234567897",
    proprietario: Some(CPF_VENDEDOR_CARRO),
};

/// The apto motorcycle: Honda CG 160 2019 of a private seller ([`CPF_VENDEDOR_MOTO`]), digital
/// CRV (the seller signs the ATPV-e, E5). The POC's motorcycle: an entrada flow, formulário
/// branch.
pub const MOTO_APTA: IdentidadeVeiculo = IdentidadeVeiculo {
    chassi: "9C2KC2200KR012345",
    placa: "QWE2F34",
    renavam: "00987654322",
    proprietario: Some(CPF_VENDEDOR_MOTO),
};

/// The vehicle in the establishment's stock (Toyota Corolla 2020, `CONFIRMADO` on Renave-WS,
/// laudo issued 20 days ago on CET-MG), stock id [`ID_ESTOQUE_EM_ESTOQUE`]: the vehicle of a
/// saída flow (§6.2) whose ficha de cadastro is accepted.
pub const EM_ESTOQUE: IdentidadeVeiculo = IdentidadeVeiculo {
    chassi: "9BRBD3HE0L0123456",
    placa: "HJK7A89",
    renavam: "00777888998",
    proprietario: None,
};

/// The stock id of the vehicle in stock with a recent laudo ([`EM_ESTOQUE`]) on both
/// simulators (Renave-WS `idEstoque`, CET-MG `id_estoque`).
pub const ID_ESTOQUE_EM_ESTOQUE: i64 = 1000;

/// The impediment of each of [`NAO_APTOS`], in the same order (R §6.1.1, §6.1.3): the
/// vehicle `NAO_APTOS[i]` is not apto because of `IMPEDIMENTOS_NAO_APTOS[i]` alone.
pub const IMPEDIMENTOS_NAO_APTOS: [ItemAptidao; 11] = [
    ItemAptidao::LaudoCsvEmAberto,
    ItemAptidao::ReservaDominio,
    ItemAptidao::Gravame,
    ItemAptidao::MultasExigiveis,
    ItemAptidao::PendenciasTrlav,
    ItemAptidao::PendenciasIpva,
    ItemAptidao::PendenciasDpvat,
    ItemAptidao::ImpedimentosCadastrais,
    ItemAptidao::RecallPendente,
    ItemAptidao::EstampagemEmAberto,
    ItemAptidao::ObservacoesImpeditivasLaudo,
];

/// The não-apto vehicles, one per impediment of R §6.1.1/§6.1.3 (`NAO_APTOS[i]` has
/// [`IMPEDIMENTOS_NAO_APTOS`]`[i]`), each owned by a private person: CET-MG answers them not
/// apto and refuses their solicitação (`101`); Renave-WS knows them in the Renavam registry
/// ([`SituacaoInicial::ParticularComImpedimento`](crate::renave_ws::SituacaoInicial::ParticularComImpedimento)).
pub const NAO_APTOS: [IdentidadeVeiculo; 11] = [
    IdentidadeVeiculo {
        chassi: "9BD358A4NLY000303",
        placa: "UIO3C45",
        renavam: "33875004748",
        proprietario: Some("18609139034"),
    },
    IdentidadeVeiculo {
        chassi: "9BGKS48U0LG000404",
        placa: "PAS4D56",
        renavam: "39575513131",
        proprietario: Some("99603082430"),
    },
    IdentidadeVeiculo {
        chassi: "9BWDB45U1LT000505",
        placa: "DFG5E67",
        renavam: "73537990750",
        proprietario: Some("62819482112"),
    },
    IdentidadeVeiculo {
        chassi: "9BFZH54P0LB000606",
        placa: "HJK6F78",
        renavam: "11637265160",
        proprietario: Some("99351819019"),
    },
    IdentidadeVeiculo {
        chassi: "9BR53ZEC0L8000707",
        placa: "LZX7G89",
        renavam: "76122202970",
        proprietario: Some("93786579741"),
    },
    IdentidadeVeiculo {
        chassi: "9BHBG51DALP000808",
        placa: "CVB8H90",
        renavam: "29975288200",
        proprietario: Some("54323194897"),
    },
    IdentidadeVeiculo {
        chassi: "9C6RG3850L0000909",
        placa: "NMA9J01",
        renavam: "01826330434",
        proprietario: Some("75749118606"),
    },
    IdentidadeVeiculo {
        chassi: "9BWAB45U2LT001010",
        placa: "QAZ1K12",
        renavam: "48395486208",
        proprietario: Some("25276018987"),
    },
    IdentidadeVeiculo {
        chassi: "9BD358A4NLY001111",
        placa: "WSX2L23",
        renavam: "57986828282",
        proprietario: Some("55597971115"),
    },
    IdentidadeVeiculo {
        chassi: "9BGKS48U0LG001212",
        placa: "EDC3M34",
        renavam: "80729022275",
        proprietario: Some("47104974601"),
    },
    IdentidadeVeiculo {
        chassi: "9BWDB45U1LT001313",
        placa: "RFV4N45",
        renavam: "91805888717",
        proprietario: Some("50752917080"),
    },
];

/// The vehicle in stock whose last laudo is over 120 days old (Chevrolet Onix; CET-MG: 150
/// days; Renave-WS: `CONFIRMADO`), stock id [`ID_ESTOQUE_LAUDO_VENCIDO`]: the saída whose ficha de
/// cadastro is refused until a new vistoria (`502`).
pub const EM_ESTOQUE_LAUDO_VENCIDO: IdentidadeVeiculo = IdentidadeVeiculo {
    chassi: "9BGKS48U0NG001515",
    placa: "YHN6Q67",
    renavam: "01759898349",
    proprietario: None,
};

/// The stock id of the vehicle in stock whose laudo is over 120 days old
/// ([`EM_ESTOQUE_LAUDO_VENCIDO`]) on both simulators.
pub const ID_ESTOQUE_LAUDO_VENCIDO: i64 = 100_515;

/// Renave-WS only: a pickup (Fiat Strada 2021) the establishment already owns, for the entrada
/// of the establishment's own vehicle (E4).
pub const VEICULO_PROPRIO: IdentidadeVeiculo = IdentidadeVeiculo {
    chassi: "9BD281A22MYV12345",
    placa: "RST4G56",
    renavam: "00456123784",
    proprietario: None,
};

/// Renave-WS only: a car (Chevrolet Onix 2022) owned by the branch ([`CNPJ_FILIAL`]), for the
/// transfer between branches (E23).
pub const VEICULO_DA_FILIAL: IdentidadeVeiculo = IdentidadeVeiculo {
    chassi: "9BGEA48A0NG123456",
    placa: "MNO3C21",
    renavam: "00112233449",
    proprietario: Some(CNPJ_FILIAL),
};

/// Renave-WS only: a car (Hyundai HB20 2021) of [`CNPJ_OUTRO_ESTABELECIMENTO`] that it
/// authorized to be transferred to the establishment (authorization [`ID_AUTORIZACAO_USADO`],
/// E24–E27).
pub const VEICULO_AUTORIZADO: IdentidadeVeiculo = IdentidadeVeiculo {
    chassi: "9BHBG51CAMP123456",
    placa: "PQR5E67",
    renavam: "00555666778",
    proprietario: Some(CNPJ_OUTRO_ESTABELECIMENTO),
};

/// Renave-WS: id of the incoming authorization of a used vehicle ([`VEICULO_AUTORIZADO`]).
pub const ID_AUTORIZACAO_USADO: i64 = 501;
/// Renave-WS: id of the incoming authorization of a zero-km vehicle (Z8).
pub const ID_AUTORIZACAO_ZERO_KM: i64 = 502;
/// Renave-WS: id of the authorization an ITE ([`CNPJ_ITE`]) issued to the establishment (E28).
pub const ID_AUTORIZACAO_ITE: i64 = 503;
/// Renave-WS: id of the manufacturer's direct-sale delivery (*entrega*) waiting to be made
/// (Z13).
pub const ID_ENTREGA: i64 = 701;

/// Renave-WS, montadora group: a finished zero-km car the montadora pre-registered, pending its
/// own entrada (`GET /api/montadora/veiculos-zero-km-pendentes-entrada-estoque`).
pub const ZERO_KM_MONTADORA_PENDENTE: &str = "9BWZZZ377VT100001";
/// Renave-WS, montadora group: an unfinished (*inacabado*) truck chassis the montadora
/// pre-registered, pending its own entrada.
pub const INACABADO_MONTADORA_PENDENTE: &str = "9BM958074PB100002";
/// Renave-WS, montadora group: a finished zero-km car in the montadora's stock (`CONFIRMADO`),
/// stock id [`ID_ESTOQUE_MONTADORA`]: ready for a venda direta.
pub const ZERO_KM_EM_ESTOQUE_MONTADORA: &str = "9BWZZZ377VT100003";
/// The montadora's stock id of [`ZERO_KM_EM_ESTOQUE_MONTADORA`].
pub const ID_ESTOQUE_MONTADORA: i64 = 870_001;
/// Renave-WS, montadora group: an unfinished truck chassis in the montadora's stock
/// (`CONFIRMADO`), stock id [`ID_ESTOQUE_MONTADORA_INACABADO`]: ready for a transfer to the ITE
/// or a saída of an unfinished vehicle.
pub const INACABADO_EM_ESTOQUE_MONTADORA: &str = "9BM958074PB100004";
/// The montadora's stock id of [`INACABADO_EM_ESTOQUE_MONTADORA`].
pub const ID_ESTOQUE_MONTADORA_INACABADO: i64 = 870_002;
/// Renave-WS, ITE group: an unfinished truck chassis of the montadora in nobody's stock, for the
/// ITE's entrada (`POST /api/ite/entradas-estoque`, with a code of [`CLIENTES_MONTADORA`]).
pub const INACABADO_PARA_ITE: &str = "9BM958074PB100005";
/// Renave-WS, ITE group: the bus in the ITE's stock (`CONFIRMADO`, stock id
/// [`ID_ESTOQUE_ITE`]) that the ITE authorized to go to the establishment
/// ([`ID_AUTORIZACAO_ITE`], E28).
pub const ZERO_KM_NA_ITE: &str = "9BM384067NB123456";
/// The ITE's stock id of [`ZERO_KM_NA_ITE`].
pub const ID_ESTOQUE_ITE: i64 = 880_003;
/// Renave-WS, ITE group: a chassis another ITE ([`CNPJ_OUTRA_ITE`]) authorized to come to the
/// ITE ([`ID_AUTORIZACAO_OUTRA_ITE`]; `POST /api/ite/transferencias-vindo-de-ite-para-ite`).
pub const INACABADO_DE_OUTRA_ITE: &str = "9BM384067NB100006";
/// Renave-WS: id of the authorization of [`INACABADO_DE_OUTRA_ITE`] from [`CNPJ_OUTRA_ITE`] to
/// the ITE.
pub const ID_AUTORIZACAO_OUTRA_ITE: i64 = 504;

/// A CPF for listings: only the last two digits (`***.***.***-25`).
pub(crate) fn cpf_mascarado(cpf: &Cpf) -> String {
    let s = cpf.as_str();
    let fim = s.get(s.len().saturating_sub(2)..).unwrap_or("");
    format!("***.***.***-{fim}")
}

/// A CPF/CNPJ for listings: a CNPJ whole (a company's number is public), a CPF masked.
pub(crate) fn documento_mascarado(doc: &CpfCnpj) -> String {
    match doc {
        CpfCnpj::Cnpj(c) => format!("CNPJ {c}"),
        CpfCnpj::Cpf(c) => format!("CPF {}", cpf_mascarado(c)),
    }
}

/// A signed ATPV-e SERPRO forwards to CET-MG: its number, and the Renave-WS stock
/// (`idEstoque`) it was signed for, when Renave-WS forwarded it.
#[derive(Clone)]
struct AtpveAssinada {
    numero: String,
    id_estoque: Option<i64>,
}

/// The signed ATPV-e numbers SERPRO forwards to CET-MG, by chassi, each with the Renave-WS
/// stock id it was signed for: written by the Renave-WS simulator (seller signature E5, saída
/// E15) and by [`SimuladorCetMg::registrar_assinatura_atpv`] (no stock), read and consumed by
/// the CET-MG comunicação de venda, whose stock id is Renave-WS's (`cetmg-api.md` §3.14). One
/// per simulator when alone, one shared `Arc` in a [`SimuladoresRenave`].
#[derive(Clone, Default)]
pub(crate) struct AtpvesAssinadas(Arc<Mutex<HashMap<Chassi, AtpveAssinada>>>);

/// How many, not which (chassis and numbers stay out of logs).
impl std::fmt::Debug for AtpvesAssinadas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.com(|m| m.len());
        f.debug_struct("AtpvesAssinadas")
            .field("quantidade", &n)
            .finish()
    }
}

impl AtpvesAssinadas {
    fn com<T>(&self, f: impl FnOnce(&mut HashMap<Chassi, AtpveAssinada>) -> T) -> T {
        f(&mut self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Records `numero` as the signed ATPV-e of `chassi` (replacing an older one), signed for
    /// the Renave-WS stock `id_estoque` when known.
    pub(crate) fn registrar(&self, chassi: Chassi, numero: String, id_estoque: Option<i64>) {
        self.com(|m| m.insert(chassi, AtpveAssinada { numero, id_estoque }));
    }

    /// The signed ATPV-e number of `chassi`, if any.
    pub(crate) fn consultar(&self, chassi: &Chassi) -> Option<String> {
        self.com(|m| m.get(chassi).map(|a| a.numero.clone()))
    }

    /// The Renave-WS stock id the signed ATPV-e of `chassi` was signed for, if known.
    pub(crate) fn id_estoque(&self, chassi: &Chassi) -> Option<i64> {
        self.com(|m| m.get(chassi).and_then(|a| a.id_estoque))
    }

    /// How many signed ATPV-e numbers are waiting for a comunicação de venda.
    pub(crate) fn quantidade(&self) -> usize {
        self.com(|m| m.len())
    }

    /// Consumes the signed ATPV-e of `chassi` (a comunicação de venda used it).
    pub(crate) fn remover(&self, chassi: &Chassi) {
        self.com(|m| m.remove(chassi));
    }
}

/// Both simulators running as one world (see the [module documentation](self)): same seed,
/// and a seller signature on Renave-WS marks the ATPV-e signed on CET-MG with the same number.
///
/// ```
/// use renave_simulador::mundo::SimuladoresRenave;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let mundo = SimuladoresRenave::iniciar().await;
/// let carro = &mundo.renave_ws.dados().usados[0];
/// // The same vehicle exists, apto, on the CET-MG side.
/// assert!(mundo.cetmg.veiculo(&carro.chassi).is_some_and(|v| v.is_apto()));
/// # }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct SimuladoresRenave {
    /// The CET-MG simulator.
    pub cetmg: SimuladorCetMg,
    /// The Renave-WS simulator.
    pub renave_ws: SimuladorRenaveWs,
}

impl SimuladoresRenave {
    /// Starts both simulators with default settings on random local ports, sharing one world.
    pub async fn iniciar() -> Self {
        Self::iniciar_com(SimuladorCetMg::builder(), SimuladorRenaveWs::builder()).await
    }

    /// Starts both simulators from their builders (credentials, listeners, Detran clock…),
    /// sharing one world.
    pub async fn iniciar_com(
        cetmg: ConstrutorSimuladorCetMg,
        renave_ws: ConstrutorSimuladorRenaveWs,
    ) -> Self {
        let atpves = AtpvesAssinadas::default();
        let cetmg = cetmg.atpves(atpves.clone()).iniciar().await;
        let renave_ws = renave_ws.atpves(atpves).iniciar().await;
        Self { cetmg, renave_ws }
    }

    /// Like [`iniciar_com`](Self::iniciar_com), the Renave-WS simulator on an already bound
    /// listener (the `renave-simulador` binary; give the CET-MG builder its own
    /// [`listener`](ConstrutorSimuladorCetMg::listener)).
    pub async fn iniciar_com_listener(
        cetmg: ConstrutorSimuladorCetMg,
        renave_ws: ConstrutorSimuladorRenaveWs,
        listener_renave_ws: std::net::TcpListener,
    ) -> Self {
        let atpves = AtpvesAssinadas::default();
        let cetmg = cetmg.atpves(atpves.clone()).iniciar().await;
        let renave_ws = renave_ws
            .atpves(atpves)
            .iniciar_com_listener(listener_renave_ws)
            .await;
        Self { cetmg, renave_ws }
    }
}

/// A listing of the world for people (the `renave-simulador` binary prints it): both
/// simulators' seeds, CPFs masked (last two digits only).
impl std::fmt::Display for SimuladoresRenave {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "CET-MG ({}):", self.cetmg.url())?;
        for v in self.cetmg.veiculos() {
            writeln!(
                f,
                "  - {v}; proprietário {}",
                documento_mascarado(&v.proprietario)
            )?;
        }
        writeln!(f, "Renave-WS ({}):", self.renave_ws.uri())?;
        write!(f, "{}", self.renave_ws.dados())
    }
}

#[cfg(test)]
mod testes {
    use super::*;

    #[test]
    fn mascara_deixa_so_os_dois_ultimos_digitos() {
        let cpf: Cpf = "52998224725".parse().expect("cpf");
        assert_eq!(cpf_mascarado(&cpf), "***.***.***-25");
        let doc = CpfCnpj::from(cpf);
        assert_eq!(documento_mascarado(&doc), "CPF ***.***.***-25");
        let cnpj: CpfCnpj = CNPJ_ESTABELECIMENTO.parse().expect("cnpj");
        assert_eq!(documento_mascarado(&cnpj), "CNPJ 11222333000181");
    }

    #[test]
    fn constantes_validas() {
        for i in [
            &CARRO_APTO,
            &MOTO_APTA,
            &EM_ESTOQUE,
            &EM_ESTOQUE_LAUDO_VENCIDO,
            &VEICULO_PROPRIO,
            &VEICULO_DA_FILIAL,
            &VEICULO_AUTORIZADO,
        ]
        .into_iter()
        .chain(NAO_APTOS.iter())
        {
            assert!(i.chassi.parse::<Chassi>().is_ok());
            assert!(i.placa.parse::<renave_domain::Placa>().is_ok());
            assert!(i.renavam.parse::<renave_domain::Renavam>().is_ok());
            assert!(i.proprietario.is_none_or(|p| p.parse::<CpfCnpj>().is_ok()));
        }
        for c in [
            CPF_OPERADOR,
            CPF_COMPRADOR,
            CPF_VENDEDOR_CARRO,
            CPF_VENDEDOR_MOTO,
        ] {
            assert!(c.parse::<Cpf>().is_ok());
        }
        for c in [
            CNPJ_OUTRO_ESTABELECIMENTO,
            CNPJ_MONTADORA,
            CNPJ_ITE,
            CNPJ_OUTRA_ITE,
        ] {
            assert!(c.parse::<renave_domain::Cnpj>().is_ok(), "{c}");
        }
        for c in [
            ZERO_KM_MONTADORA_PENDENTE,
            INACABADO_MONTADORA_PENDENTE,
            ZERO_KM_EM_ESTOQUE_MONTADORA,
            INACABADO_EM_ESTOQUE_MONTADORA,
            INACABADO_PARA_ITE,
            ZERO_KM_NA_ITE,
            INACABADO_DE_OUTRA_ITE,
        ] {
            assert!(c.parse::<Chassi>().is_ok(), "{c}");
        }
    }
}
