//! Seeded data of the Renave-WS simulator: the simulated establishment, the used vehicles the
//! simulated Renavam knows, the zero-km vehicles waiting for entry, and sample NF-e keys.
//!
//! Every identifier is built with the `renave-domain` types, so it passes the same validation a
//! client applies before sending.

use renave_domain::{
    Chassi, ChaveNfe, Cnpj, CodigoSegurancaCrv, Cpf, CpfCnpj, ErroDominio, NumeroCrv, Placa,
    Renavam, TipoCrv,
};

/// What a seeded used vehicle is there for, i.e. where it starts in the flows of
/// `renave-ws.md` §7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SituacaoInicial {
    /// Owned by a private person (*particular*), ready for an entrada (E3, §7.1).
    ParticularProntoParaEntrada,
    /// Already registered to the establishment's CNPJ and not in stock: entrada de veículo
    /// próprio (E4).
    PropriedadeDoEstabelecimento,
    /// Already in the establishment's stock as `CONFIRMADO`, with entrada NF and seller
    /// signature: ready for a saída (E15, §7.2) or a transfer authorization (E24).
    EmEstoqueConfirmado,
    /// Owned by a branch (*filial*, same CNPJ root): transfer between branches (E27).
    PropriedadeDeFilial,
    /// In another establishment's stock with a `CRIADA` authorization of transfer to the
    /// simulated establishment: transfer between establishments (E26, §7.3).
    AutorizadoPorOutroEstabelecimento,
    /// Owned by a private person and known to the Renavam, but with an impediment the CET-MG
    /// aptidão reports (R §6.1.1): one of the world's não-apto vehicles
    /// ([`crate::mundo`]), which a POC stops at the aptidão.
    ParticularComImpedimento,
}

/// A used vehicle the simulated Renavam knows (*veículo usado*).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct VeiculoUsadoSimulado {
    /// A human description ("carro", "motocicleta"…).
    pub descricao: String,
    /// *Chassi* (VIN).
    pub chassi: Chassi,
    /// *Placa*.
    pub placa: Placa,
    /// *RENAVAM*.
    pub renavam: Renavam,
    /// *Número do CRV* at start.
    pub numero_crv: NumeroCrv,
    /// *Código de segurança do CRV* at start. It changes when Detran re-issues the CRV to the
    /// establishment (at `CONFIRMADO`); the new code is inside the CRLV-e
    /// `pdfCodigoSegurancaCrvBase64` (E18) and in
    /// [`SimuladorRenaveWs::codigo_seguranca_crv_atual`](super::SimuladorRenaveWs::codigo_seguranca_crv_atual).
    pub codigo_seguranca_crv: CodigoSegurancaCrv,
    /// *Tipo de CRV*.
    pub tipo_crv: TipoCrv,
    /// The current owner (*proprietário atual*).
    pub proprietario: CpfCnpj,
    /// Where the vehicle starts.
    pub situacao: SituacaoInicial,
    /// For [`SituacaoInicial::EmEstoqueConfirmado`]: its `idEstoque`; for
    /// [`SituacaoInicial::AutorizadoPorOutroEstabelecimento`]: the `idAutorizacao`.
    pub id: Option<i64>,
}

/// A zero-km vehicle pending entry (*veículo zero km pendente de entrada*, Z1) or otherwise
/// seeded in the zero-km flows (§7.4).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct VeiculoZeroKmSimulado {
    /// A human description.
    pub descricao: String,
    /// *Chassi*.
    pub chassi: Chassi,
    /// `veiculoAcabado`: `false` for an unfinished vehicle (*inacabado*, E31/Z16).
    pub veiculo_acabado: bool,
    /// The montadora's invoice key (`chaveNotaFiscal` of Z2).
    pub chave_nota_fiscal_montadora: ChaveNfe,
    /// `None` for a vehicle pending entry (Z1, or the montadora's own pending list) or in
    /// nobody's stock; `Some(idAutorizacao)` for a vehicle another establishment (Z8), the ITE
    /// (E28) or another ITE authorized to transfer; for a direct-sale delivery (*entrega*,
    /// Z12–Z14) the `idEntrega`; for a vehicle in the montadora's stock its `idEstoque`.
    pub id: Option<i64>,
    /// Where it starts: `"pendente"` (the establishment's Z1), `"autorizado"` (Z8), `"ite"`
    /// (in the ITE's stock, authorized to the establishment: E28), `"entrega"` (Z13),
    /// `"montadora_pendente"` (pre-registered, pending the montadora's entrada),
    /// `"montadora_estoque"` (in the montadora's stock, `CONFIRMADO`), `"sem_estoque"` (in
    /// nobody's stock: the ITE's entrada) or `"outra_ite"` (authorized by another ITE to the
    /// ITE).
    pub situacao: &'static str,
}

/// Everything the simulator seeds, for printing and for tests.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DadosSimulados {
    /// CNPJ of the simulated establishment (the one "the certificate" authenticates, E1).
    pub cnpj_estabelecimento: Cnpj,
    /// Its name.
    pub nome_estabelecimento: String,
    /// CNPJ of a branch (*filial*) of the same root, for E27.
    pub cnpj_filial: Cnpj,
    /// CNPJ of another dealer, origin of the seeded incoming authorizations.
    pub cnpj_outro_estabelecimento: Cnpj,
    /// CNPJ of the montadora of the zero-km vehicles: the caller the `/api/montadora/…` routes
    /// answer as.
    pub cnpj_montadora: Cnpj,
    /// The montadora's name.
    pub nome_montadora: String,
    /// CNPJ of the ITE (*implementadora/transformadora/encarroçadora*): the caller the
    /// `/api/ite/…` routes answer as, and the origin of the seeded authorization of E28.
    pub cnpj_ite: Cnpj,
    /// The ITE's name.
    pub nome_ite: String,
    /// CNPJ of a second ITE (nobody answers as it): origin of a seeded transfer between ITEs.
    pub cnpj_outra_ite: Cnpj,
    /// A valid operator CPF (`cpfOperadorResponsavel`) for examples.
    pub cpf_operador: Cpf,
    /// A valid buyer CPF for sale examples.
    pub cpf_comprador: Cpf,
    /// The used vehicles.
    pub usados: Vec<VeiculoUsadoSimulado>,
    /// The zero-km vehicles.
    pub zero_km: Vec<VeiculoZeroKmSimulado>,
    /// Sample NF-e keys issued by the establishment (valid check digits), for `notas-fiscais`
    /// and saídas.
    pub chaves_nota_fiscal: Vec<ChaveNfe>,
}

/// A listing for people (the `renave-simulador` binary prints it on start). CPFs show only their
/// last two digits (`***.***.***-25`); CNPJs, vehicle identifiers and CRV data are shown whole
/// (synthetic, and the flows need them). The full CPFs are in the fields
/// ([`VeiculoUsadoSimulado::proprietario`], [`cpf_operador`](Self::cpf_operador)…).
impl std::fmt::Display for DadosSimulados {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "Estabelecimento: {} (CNPJ {}); filial CNPJ {}; outro estabelecimento CNPJ {}; montadora CNPJ {}; ITE CNPJ {}",
            self.nome_estabelecimento,
            self.cnpj_estabelecimento,
            self.cnpj_filial,
            self.cnpj_outro_estabelecimento,
            self.cnpj_montadora,
            self.cnpj_ite
        )?;
        writeln!(
            f,
            "Montadora (rotas /api/montadora/...): {} (CNPJ {}); ITE (rotas /api/ite/...): {} (CNPJ {}); outra ITE CNPJ {}",
            self.nome_montadora,
            self.cnpj_montadora,
            self.nome_ite,
            self.cnpj_ite,
            self.cnpj_outra_ite
        )?;
        writeln!(
            f,
            "Clientes da montadora (codigoClienteMontadora): {}",
            crate::mundo::CLIENTES_MONTADORA
                .iter()
                .map(|(c, d)| format!("{c} {d}"))
                .collect::<Vec<_>>()
                .join("; ")
        )?;
        writeln!(
            f,
            "CPF de operador: {}; CPF de comprador: {}",
            crate::mundo::cpf_mascarado(&self.cpf_operador),
            crate::mundo::cpf_mascarado(&self.cpf_comprador)
        )?;
        writeln!(f, "Veículos usados:")?;
        for v in &self.usados {
            write!(
                f,
                "  - {}: chassi {}, placa {}, renavam {}, CRV {} ({}), código de segurança {}, proprietário {}",
                v.descricao,
                v.chassi,
                v.placa,
                v.renavam,
                v.numero_crv,
                v.tipo_crv,
                v.codigo_seguranca_crv,
                documento_mascarado(&v.proprietario)
            )?;
            match v.id {
                Some(id) => writeln!(f, ", id {id}")?,
                None => writeln!(f)?,
            }
        }
        writeln!(f, "Veículos zero km:")?;
        for z in &self.zero_km {
            write!(
                f,
                "  - {}: chassi {}, NF-e da montadora {}",
                z.descricao, z.chassi, z.chave_nota_fiscal_montadora
            )?;
            match z.id {
                Some(id) => writeln!(f, ", id {id}")?,
                None => writeln!(f)?,
            }
        }
        writeln!(f, "Chaves de NF-e de exemplo do estabelecimento:")?;
        for c in &self.chaves_nota_fiscal {
            writeln!(f, "  - {c}")?;
        }
        Ok(())
    }
}

/// Seeded id of the `CONFIRMADO` stock (the same stock id CET-MG knows).
pub(crate) const ID_ESTOQUE_SEMEADO: i64 = ID_ESTOQUE_EM_ESTOQUE;

struct Usado {
    descricao: &'static str,
    chassi: &'static str,
    placa: &'static str,
    renavam: &'static str,
    numero_crv: &'static str,
    codigo: &'static str,
    tipo_crv: &'static str,
    proprietario: &'static str,
    situacao: SituacaoInicial,
    id: Option<i64>,
}

use crate::mundo::{
    CARRO_APTO, CNPJ_ESTABELECIMENTO, CNPJ_FILIAL, CNPJ_ITE, CNPJ_MONTADORA, CNPJ_OUTRA_ITE,
    CNPJ_OUTRO_ESTABELECIMENTO as CNPJ_OUTRO, CPF_COMPRADOR, CPF_OPERADOR, CPF_VENDEDOR_CARRO,
    CPF_VENDEDOR_MOTO, EM_ESTOQUE, EM_ESTOQUE_LAUDO_VENCIDO, ID_AUTORIZACAO_OUTRA_ITE,
    ID_ESTOQUE_EM_ESTOQUE, ID_ESTOQUE_LAUDO_VENCIDO, ID_ESTOQUE_MONTADORA,
    ID_ESTOQUE_MONTADORA_INACABADO, INACABADO_DE_OUTRA_ITE, INACABADO_EM_ESTOQUE_MONTADORA,
    INACABADO_MONTADORA_PENDENTE, INACABADO_PARA_ITE, MOTO_APTA, NAO_APTOS, NOME_ESTABELECIMENTO,
    NOME_ITE, NOME_MONTADORA, VEICULO_AUTORIZADO, VEICULO_DA_FILIAL, VEICULO_PROPRIO,
    ZERO_KM_EM_ESTOQUE_MONTADORA, ZERO_KM_MONTADORA_PENDENTE, ZERO_KM_NA_ITE, documento_mascarado,
};
pub(crate) use crate::mundo::{
    ID_AUTORIZACAO_ITE, ID_AUTORIZACAO_USADO, ID_AUTORIZACAO_ZERO_KM, ID_ENTREGA, ID_ESTOQUE_ITE,
};

const USADOS: [Usado; 6] = [
    Usado {
        descricao: "carro VW Gol 1.0 2015 (particular)",
        chassi: CARRO_APTO.chassi,
        placa: CARRO_APTO.placa,
        renavam: CARRO_APTO.renavam,
        numero_crv: "123456789012",
        codigo: "10293847561",
        tipo_crv: "VERDE",
        proprietario: CPF_VENDEDOR_CARRO,
        situacao: SituacaoInicial::ParticularProntoParaEntrada,
        id: None,
    },
    Usado {
        descricao: "motocicleta Honda CG 160 2019 (particular)",
        chassi: MOTO_APTA.chassi,
        placa: MOTO_APTA.placa,
        renavam: MOTO_APTA.renavam,
        numero_crv: "223344556677",
        codigo: "56473829101",
        tipo_crv: "DIGITAL",
        proprietario: CPF_VENDEDOR_MOTO,
        situacao: SituacaoInicial::ParticularProntoParaEntrada,
        id: None,
    },
    Usado {
        descricao: "picape Fiat Strada 2021 (do próprio estabelecimento)",
        chassi: VEICULO_PROPRIO.chassi,
        placa: VEICULO_PROPRIO.placa,
        renavam: VEICULO_PROPRIO.renavam,
        numero_crv: "334455667788",
        codigo: "11223344556",
        tipo_crv: "DIGITAL",
        proprietario: CNPJ_ESTABELECIMENTO,
        situacao: SituacaoInicial::PropriedadeDoEstabelecimento,
        id: None,
    },
    Usado {
        descricao: "carro Toyota Corolla 2020 (em estoque, CONFIRMADO)",
        chassi: EM_ESTOQUE.chassi,
        placa: EM_ESTOQUE.placa,
        renavam: EM_ESTOQUE.renavam,
        numero_crv: "445566778899",
        codigo: "66778899001",
        tipo_crv: "DIGITAL",
        proprietario: CNPJ_ESTABELECIMENTO,
        situacao: SituacaoInicial::EmEstoqueConfirmado,
        id: Some(ID_ESTOQUE_SEMEADO),
    },
    Usado {
        descricao: "carro Chevrolet Onix 2022 (da filial)",
        chassi: VEICULO_DA_FILIAL.chassi,
        placa: VEICULO_DA_FILIAL.placa,
        renavam: VEICULO_DA_FILIAL.renavam,
        numero_crv: "556677889900",
        codigo: "22334455667",
        tipo_crv: "DIGITAL",
        proprietario: CNPJ_FILIAL,
        situacao: SituacaoInicial::PropriedadeDeFilial,
        id: None,
    },
    Usado {
        descricao: "carro Hyundai HB20 2021 (autorizado por outro estabelecimento)",
        chassi: VEICULO_AUTORIZADO.chassi,
        placa: VEICULO_AUTORIZADO.placa,
        renavam: VEICULO_AUTORIZADO.renavam,
        numero_crv: "667788990011",
        codigo: "33445566778",
        tipo_crv: "DIGITAL",
        proprietario: CNPJ_OUTRO,
        situacao: SituacaoInicial::AutorizadoPorOutroEstabelecimento,
        id: Some(ID_AUTORIZACAO_USADO),
    },
];

struct ZeroKm {
    descricao: &'static str,
    chassi: &'static str,
    acabado: bool,
    chave: &'static str,
    id: Option<i64>,
    situacao: &'static str,
}

const ZERO_KM: [ZeroKm; 11] = [
    ZeroKm {
        descricao: "carro zero km (acabado), pendente de entrada",
        chassi: "9BWZZZ377VT004251",
        acabado: true,
        chave: "35261159622261000196550010000000011876543211",
        id: None,
        situacao: "pendente",
    },
    ZeroKm {
        descricao: "chassi de caminhão zero km (inacabado), pendente de entrada",
        chassi: "9BM958074PB654321",
        acabado: false,
        chave: "35261159622261000196550010000000021876543227",
        id: None,
        situacao: "pendente",
    },
    ZeroKm {
        descricao: "carro zero km autorizado por outro estabelecimento (Z8)",
        chassi: "9BGKS48B0PG123456",
        acabado: true,
        chave: "35261159622261000196550010000000031876543232",
        id: Some(ID_AUTORIZACAO_ZERO_KM),
        situacao: "autorizado",
    },
    ZeroKm {
        descricao: "carro zero km de venda direta da montadora, entrega a realizar (Z13)",
        chassi: "9BFZZZ54ZPB765432",
        acabado: true,
        chave: "35261159622261000196550010000000011876543211",
        id: Some(ID_ENTREGA),
        situacao: "entrega",
    },
    ZeroKm {
        descricao: "ônibus zero km encarroçado, autorizado pela ITE a voltar ao estabelecimento (E28)",
        chassi: ZERO_KM_NA_ITE,
        acabado: true,
        chave: "35261159622261000196550010000000021876543227",
        id: Some(ID_AUTORIZACAO_ITE),
        situacao: "ite",
    },
    ZeroKm {
        descricao: "carro zero km pré-cadastrado pela montadora, pendente de entrada no estoque dela",
        chassi: ZERO_KM_MONTADORA_PENDENTE,
        acabado: true,
        chave: "35261159622261000196550010000000011876543211",
        id: None,
        situacao: "montadora_pendente",
    },
    ZeroKm {
        descricao: "chassi de caminhão inacabado pré-cadastrado pela montadora, pendente de entrada no estoque dela",
        chassi: INACABADO_MONTADORA_PENDENTE,
        acabado: false,
        chave: "35261159622261000196550010000000021876543227",
        id: None,
        situacao: "montadora_pendente",
    },
    ZeroKm {
        descricao: "carro zero km no estoque da montadora (CONFIRMADO), para venda direta",
        chassi: ZERO_KM_EM_ESTOQUE_MONTADORA,
        acabado: true,
        chave: "35261159622261000196550010000000031876543232",
        id: Some(ID_ESTOQUE_MONTADORA),
        situacao: "montadora_estoque",
    },
    ZeroKm {
        descricao: "chassi de caminhão inacabado no estoque da montadora (CONFIRMADO), para a ITE",
        chassi: INACABADO_EM_ESTOQUE_MONTADORA,
        acabado: false,
        chave: "35261159622261000196550010000000021876543227",
        id: Some(ID_ESTOQUE_MONTADORA_INACABADO),
        situacao: "montadora_estoque",
    },
    ZeroKm {
        descricao: "chassi de caminhão inacabado fora de qualquer estoque, para a entrada na ITE",
        chassi: INACABADO_PARA_ITE,
        acabado: false,
        chave: "35261159622261000196550010000000021876543227",
        id: None,
        situacao: "sem_estoque",
    },
    ZeroKm {
        descricao: "chassi inacabado autorizado por outra ITE a vir para a ITE",
        chassi: INACABADO_DE_OUTRA_ITE,
        acabado: false,
        chave: "35261159622261000196550010000000021876543227",
        id: Some(ID_AUTORIZACAO_OUTRA_ITE),
        situacao: "outra_ite",
    },
];

const CHAVES: [&str; 8] = [
    "31261111222333000181550010000000011123456718",
    "31261111222333000181550010000000021123456723",
    "31261111222333000181550010000000031123456739",
    "31261111222333000181550010000000041123456744",
    "31261111222333000181550010000000051123456750",
    "31261111222333000181550010000000061123456765",
    "31261111222333000181550010000000071123456770",
    "31261111222333000181550010000000081123456786",
];

/// Builds the seed from the constants above, validating each one with `renave-domain`.
pub(crate) fn construir() -> Result<DadosSimulados, ErroDominio> {
    let mut usados = Vec::with_capacity(USADOS.len());
    for u in &USADOS {
        usados.push(VeiculoUsadoSimulado {
            descricao: u.descricao.to_owned(),
            chassi: Chassi::parse(u.chassi)?,
            placa: Placa::parse(u.placa)?,
            renavam: Renavam::parse(u.renavam)?,
            numero_crv: NumeroCrv::parse(u.numero_crv)?,
            codigo_seguranca_crv: CodigoSegurancaCrv::parse(u.codigo)?,
            tipo_crv: TipoCrv::from(u.tipo_crv),
            proprietario: CpfCnpj::parse(u.proprietario)?,
            situacao: u.situacao,
            id: u.id,
        });
    }
    // The world's vehicle in stock with an old laudo, CONFIRMADO here too.
    usados.push(VeiculoUsadoSimulado {
        descricao: "carro Chevrolet Onix 2022 (em estoque, CONFIRMADO; laudo de mais de 120 dias na CET-MG)"
            .to_owned(),
        chassi: Chassi::parse(EM_ESTOQUE_LAUDO_VENCIDO.chassi)?,
        placa: Placa::parse(EM_ESTOQUE_LAUDO_VENCIDO.placa)?,
        renavam: Renavam::parse(EM_ESTOQUE_LAUDO_VENCIDO.renavam)?,
        numero_crv: NumeroCrv::parse("445566778800")?,
        codigo_seguranca_crv: CodigoSegurancaCrv::parse("66778899002")?,
        tipo_crv: TipoCrv::Digital,
        proprietario: CpfCnpj::parse(CNPJ_ESTABELECIMENTO)?,
        situacao: SituacaoInicial::EmEstoqueConfirmado,
        id: Some(ID_ESTOQUE_LAUDO_VENCIDO),
    });
    // The world's não-apto vehicles: the Renavam knows them (CRV numbers are illustrative).
    for (i, n) in (0_u64..).zip(NAO_APTOS.iter()) {
        usados.push(VeiculoUsadoSimulado {
            descricao: "veículo de particular com impedimento na CET-MG (não apto, R §6.1.1)"
                .to_owned(),
            chassi: Chassi::parse(n.chassi)?,
            placa: Placa::parse(n.placa)?,
            renavam: Renavam::parse(n.renavam)?,
            numero_crv: NumeroCrv::parse(&(700_000_000_100 + i).to_string())?,
            codigo_seguranca_crv: CodigoSegurancaCrv::parse(&(70_000_000_100 + i).to_string())?,
            tipo_crv: TipoCrv::from("VERDE"),
            proprietario: CpfCnpj::parse(n.proprietario.unwrap_or(CNPJ_ESTABELECIMENTO))?,
            situacao: SituacaoInicial::ParticularComImpedimento,
            id: None,
        });
    }
    let mut zero_km = Vec::with_capacity(ZERO_KM.len());
    for z in &ZERO_KM {
        zero_km.push(VeiculoZeroKmSimulado {
            descricao: z.descricao.to_owned(),
            chassi: Chassi::parse(z.chassi)?,
            veiculo_acabado: z.acabado,
            chave_nota_fiscal_montadora: ChaveNfe::parse(z.chave)?,
            id: z.id,
            situacao: z.situacao,
        });
    }
    let mut chaves = Vec::with_capacity(CHAVES.len());
    for c in CHAVES {
        chaves.push(ChaveNfe::parse(c)?);
    }
    Ok(DadosSimulados {
        cnpj_estabelecimento: Cnpj::parse(CNPJ_ESTABELECIMENTO)?,
        nome_estabelecimento: NOME_ESTABELECIMENTO.to_owned(),
        cnpj_filial: Cnpj::parse(CNPJ_FILIAL)?,
        cnpj_outro_estabelecimento: Cnpj::parse(CNPJ_OUTRO)?,
        cnpj_montadora: Cnpj::parse(CNPJ_MONTADORA)?,
        nome_montadora: NOME_MONTADORA.to_owned(),
        cnpj_ite: Cnpj::parse(CNPJ_ITE)?,
        nome_ite: NOME_ITE.to_owned(),
        cnpj_outra_ite: Cnpj::parse(CNPJ_OUTRA_ITE)?,
        cpf_operador: Cpf::parse(CPF_OPERADOR)?,
        cpf_comprador: Cpf::parse(CPF_COMPRADOR)?,
        usados,
        zero_km,
        chaves_nota_fiscal: chaves,
    })
}

#[cfg(test)]
mod testes {
    #[test]
    fn semente_valida() {
        let dados = super::construir();
        assert!(dados.is_ok(), "{dados:?}");
    }

    #[test]
    fn listagem_mostra_cada_veiculo() -> Result<(), renave_domain::ErroDominio> {
        let dados = super::construir()?;
        let texto = dados.to_string();
        for v in &dados.usados {
            assert!(texto.contains(v.chassi.as_str()));
            assert!(texto.contains(v.codigo_seguranca_crv.as_str()));
        }
        for z in &dados.zero_km {
            assert!(texto.contains(z.chassi.as_str()));
        }
        assert!(texto.contains("id 1000"));
        // CPFs masked: only the last two digits, never the whole number.
        let mut cpfs = vec![dados.cpf_operador, dados.cpf_comprador];
        cpfs.extend(dados.usados.iter().filter_map(|v| match v.proprietario {
            renave_domain::CpfCnpj::Cpf(c) => Some(c),
            renave_domain::CpfCnpj::Cnpj(_) => None,
        }));
        assert!(cpfs.len() > 2, "the seed has private owners to mask");
        for c in cpfs {
            assert!(!texto.contains(c.as_str()), "full CPF in the listing");
            assert!(texto.contains(&crate::mundo::cpf_mascarado(&c)));
        }
        assert!(!format!("{dados:?}").contains(dados.cpf_operador.as_str()));
        Ok(())
    }
}
