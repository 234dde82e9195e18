//! The run against the in-process simulators of `renave-simulador`: both simulators as ONE
//! world, and the POC's input drawn from their seeds.

#[allow(clippy::wildcard_imports)]
use crate::prelude::*;

/// The two simulators as ONE world ([`SimuladoresRenave`]), for the default run and the tests:
/// the same vehicles, establishment and people on both APIs, and the seller's signature sent to
/// Renave-WS marks the ATPV-e signed on CET-MG with the same number.
#[derive(Debug)]
pub struct Simuladores {
    /// The CET-MG simulator.
    pub cetmg: SimuladorCetMg,
    /// The Renave-WS simulator.
    pub ws: SimuladorRenaveWs,
}

impl Simuladores {
    /// Where the clients reach these simulators (for [`construir_clientes`](crate::construir_clientes)).
    pub fn conexao(&self) -> crate::Conexao {
        crate::Conexao::Simuladores {
            cetmg: self.cetmg.url().clone(),
            renave_ws: self.ws.uri().clone(),
        }
    }

    /// Starts both simulators on random local ports, sharing one world; the Renave-WS clock
    /// moves only when the POC says so (no real waiting for Detran).
    pub async fn iniciar() -> Self {
        Self::iniciar_em(renave_simulador::Dialeto::Padrao).await
    }

    /// [`iniciar`](Self::iniciar), both simulators answering in `dialeto` (the divergent one
    /// renames the answers' fields, issue 12).
    pub async fn iniciar_em(dialeto: renave_simulador::Dialeto) -> Self {
        let SimuladoresRenave {
            cetmg, renave_ws, ..
        } = SimuladoresRenave::iniciar_com(
            SimuladorCetMg::builder().dialeto(dialeto),
            SimuladorRenaveWs::builder()
                .tempo_real(false)
                .dialeto(dialeto),
        )
        .await;
        Self {
            cetmg,
            ws: renave_ws,
        }
    }

    /// The POC's input from the shared seed: the apto car (private seller, physical CRV) and
    /// the apto motorcycle (private seller, digital CRV), each ONE vehicle known to both
    /// simulators (its CET-MG and Renave-WS identities are the same chassi, placa, RENAVAM and
    /// owner).
    pub fn dados(&self) -> Result<DadosPoc, String> {
        use renave_simulador::mundo::{CNPJ_ESTABELECIMENTO, NOME_ESTABELECIMENTO};
        let veiculos = self.cetmg.veiculos();
        let dados = self.ws.dados();
        let veiculo_cetmg = |v: &renave_simulador::cetmg::VeiculoSimulado| VeiculoCetMg {
            chassi: v.chassi,
            placa: v.placa,
            renavam: v.renavam,
            proprietario: v.proprietario,
            tipo: v.tipo_veiculo.clone(),
            marca_modelo: v.codigo_marca_modelo.clone(),
        };
        // The private seller's vehicle of Renave-WS and the same vehicle on CET-MG (apto).
        let particular = |digital: bool| -> Result<(VeiculoCetMg, VeiculoWs), String> {
            let u = dados
                .usados
                .iter()
                .find(|u| {
                    u.situacao == SituacaoInicial::ParticularProntoParaEntrada
                        && (u.tipo_crv == TipoCrv::Digital) == digital
                })
                .ok_or_else(|| "simulador Renave-WS sem veículo de particular".to_owned())?;
            let c = veiculos
                .iter()
                .find(|v| v.chassi == u.chassi && v.is_apto() && v.id_estoque.is_none())
                .ok_or_else(|| format!("simulador CET-MG sem o veículo apto {}", u.chassi))?;
            Ok((
                veiculo_cetmg(c),
                VeiculoWs {
                    chassi: u.chassi,
                    placa: u.placa,
                    renavam: u.renavam,
                    numero_crv: u.numero_crv,
                    codigo_seguranca_crv: u.codigo_seguranca_crv,
                    tipo_crv: u.tipo_crv.clone(),
                    proprietario: u.proprietario,
                },
            ))
        };
        let chave = |i: usize| {
            dados
                .chaves_nota_fiscal
                .get(i)
                .copied()
                .ok_or_else(|| "simulador Renave-WS sem chaves de NF-e".to_owned())
        };
        let (mg_carro, ws_carro) = particular(false)?;
        let (mg_moto, ws_moto) = particular(true)?;
        if mg_carro.tipo != TipoVeiculo::Automovel || mg_moto.tipo != TipoVeiculo::Motocicleta {
            return Err("semente: o carro e a motocicleta trocados".to_owned());
        }
        // Any valid CRV number other than the car's current one stands for an old CRV.
        let desatualizado = dados
            .usados
            .iter()
            .map(|u| u.numero_crv)
            .find(|n| *n != ws_carro.numero_crv);
        let hoje = Data::hoje_brasilia();
        let laudo_vencido = veiculos
            .iter()
            .filter(|v| v.id_estoque.is_some())
            .filter(|v| {
                v.emissao_ultimo_laudo
                    .and_then(|d| renave_domain::verificar_validade_laudo(d, hoje).ok())
                    .is_some_and(|s| !s.is_dentro_do_prazo())
            })
            .map(veiculo_cetmg)
            .next();
        Ok(DadosPoc {
            cnpj_estabelecimento: CNPJ_ESTABELECIMENTO
                .parse()
                .map_err(|e| format!("CNPJ do simulador: {e}"))?,
            nome_estabelecimento: NOME_ESTABELECIMENTO.to_owned(),
            email_estabelecimento: "loja@example.com".to_owned(),
            telefone_estabelecimento: "3133330000".to_owned(),
            cpf_operador: dados.cpf_operador,
            cpf_comprador: dados.cpf_comprador,
            carro: VeiculoPoc {
                nome: "carro",
                cetmg: mg_carro,
                ws: ws_carro,
                procedimento: Procedimento::Vistoria,
                chave_nfe_compra: chave(0)?,
                chave_nfe_venda: chave(1)?,
                numero_crv_desatualizado: desatualizado,
                codigo_crv_novo: None,
            },
            moto: VeiculoPoc {
                nome: "motocicleta",
                cetmg: mg_moto,
                ws: ws_moto,
                procedimento: Procedimento::Formulario,
                chave_nfe_compra: chave(2)?,
                chave_nfe_venda: chave(3)?,
                numero_crv_desatualizado: None,
                codigo_crv_novo: None,
            },
            nao_aptos: veiculos
                .iter()
                .filter(|v| v.impedimento.is_some())
                .map(|v| (v.chassi, v.proprietario))
                .collect(),
            laudo_vencido,
        })
    }
}
