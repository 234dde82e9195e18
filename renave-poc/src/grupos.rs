//! What the montadora and ITE examples share: the three actors of Renave-WS's groups (each its
//! own e-CNPJ in homologação; against the simulator ONE client, which answers as the montadora,
//! the ITE or the establishment by route prefix, `renave-ws.md` §3.3/§3.4), their input, and the
//! numbered log of steps ([`Registro`]) the POC uses.

use std::future::Future;
use std::path::PathBuf;

use renave_domain::{Chassi, ChaveNfe, Cnpj, Cpf, DataHora, Valor};
use renave_simulador::renave_ws::SimuladorRenaveWs;
use renave_ws_client::modelos::Comprador;
use renave_ws_client::simulador::amostras as amostras_ws;
use renave_ws_client::{ClienteRenaveWs, Erro as ErroWs, IdentidadeCertificado};
use secrecy::SecretString;

use crate::configuracao::Opcoes;
use crate::registro::{Esperado, Registro, Resultado, escrever_linha};
use crate::roteiro::{Etapa, Interrompido, recusa_ws};

/// The input of the montadora and ITE flows (what the operators would type in).
#[derive(Debug, Clone)]
pub struct DadosGrupos {
    /// `cpfOperadorResponsavel` of every request.
    pub cpf_operador: Cpf,
    /// The buyer of the sales (and the ITE's own customer, `clienteDaIte`).
    pub comprador: Comprador,
    /// The montadora's CNPJ.
    pub cnpj_montadora: Cnpj,
    /// The ITE's CNPJ.
    pub cnpj_ite: Cnpj,
    /// The establishment's CNPJ (the dealer that sells and delivers the venda direta).
    pub cnpj_estabelecimento: Cnpj,
    /// A finished zero-km chassis pending the montadora's entrada.
    pub zero_km_pendente: Chassi,
    /// An unfinished chassis pending the montadora's entrada (entered, then cancelled).
    pub inacabado_pendente: Chassi,
    /// An unfinished chassis in the montadora's stock (authorized to the ITE and back).
    pub inacabado_em_estoque: Chassi,
    /// An unfinished chassis of the montadora in nobody's stock (the ITE's entrada).
    pub inacabado_para_ite: Chassi,
    /// Three NF-e keys for the invoices the flows name.
    pub chaves: [ChaveNfe; 3],
}

/// A run of the montadora or ITE example: the three actors' clients, the input, the log.
#[derive(Debug)]
pub struct RoteiroGrupos {
    /// The montadora's client (`/api/montadora/…`).
    pub montadora: ClienteRenaveWs,
    /// The ITE's client (`/api/ite/…`).
    pub ite: ClienteRenaveWs,
    /// The establishment's client (Z12/Z13, E28/E29).
    pub estabelecimento: ClienteRenaveWs,
    /// The input.
    pub dados: DadosGrupos,
    /// The numbered log.
    pub registro: Registro,
    /// The simulator, when the run is against it (the tests read its final state).
    pub simulador: Option<SimuladorRenaveWs>,
}

impl RoteiroGrupos {
    /// Against an in-process Renave-WS simulator (its clock moves only when told): one client for
    /// the three actors, the input drawn from its seeds.
    pub async fn simulado(imprimir: bool) -> Result<Self, String> {
        use renave_simulador as s;
        let sim = SimuladorRenaveWs::builder()
            .tempo_real(false)
            .iniciar()
            .await;
        if imprimir {
            escrever_linha(format_args!("Simulador Renave-WS: {}", sim.uri()));
        }
        let ws = ClienteRenaveWs::builder()
            .ambiente(renave_ws_client::Ambiente::Local(
                sim.uri()
                    .parse()
                    .map_err(|e| format!("URL do simulador Renave-WS: {e}"))?,
            ))
            .build()
            .map_err(|e| format!("cliente Renave-WS: {e}"))?;
        let d = sim.dados();
        let chave = |i: usize| {
            d.chaves_nota_fiscal
                .get(i)
                .copied()
                .ok_or_else(|| "simulador Renave-WS sem chaves de NF-e".to_owned())
        };
        let chassi = |c: &str| {
            c.parse::<Chassi>()
                .map_err(|e| format!("chassi da semente {c}: {e}"))
        };
        let dados = DadosGrupos {
            cpf_operador: d.cpf_operador,
            comprador: amostras_ws::comprador_saida(),
            cnpj_montadora: d.cnpj_montadora,
            cnpj_ite: d.cnpj_ite,
            cnpj_estabelecimento: d.cnpj_estabelecimento,
            zero_km_pendente: chassi(s::ZERO_KM_MONTADORA_PENDENTE)?,
            inacabado_pendente: chassi(s::INACABADO_MONTADORA_PENDENTE)?,
            inacabado_em_estoque: chassi(s::INACABADO_EM_ESTOQUE_MONTADORA)?,
            inacabado_para_ite: chassi(s::INACABADO_PARA_ITE)?,
            chaves: [chave(0)?, chave(1)?, chave(2)?],
        };
        Ok(Self {
            montadora: ws.clone(),
            ite: ws.clone(),
            estabelecimento: ws,
            dados,
            registro: Registro::new(imprimir),
            simulador: Some(sim),
        })
    }

    /// Against homologação: each actor's e-CNPJ and the input from environment variables
    /// ([`VARIAVEIS`]); `Err` names every missing or invalid one.
    pub fn homologacao(o: &Opcoes, imprimir: bool) -> Result<Self, String> {
        let mut faltando = Vec::new();
        let mut texto = |nome: &str| match std::env::var(nome) {
            Ok(v) if !v.trim().is_empty() => Some(v.trim().to_owned()),
            _ => {
                faltando.push(nome.to_owned());
                None
            }
        };
        let certificado_estabelecimento = o
            .certificado
            .clone()
            .map(|p| p.display().to_string())
            .or_else(|| texto("RENAVE_WS_CERTIFICADO"));
        let certs = [
            certificado_estabelecimento.zip(texto("RENAVE_WS_CERTIFICADO_SENHA")),
            texto("RENAVE_WS_CERTIFICADO_MONTADORA")
                .zip(texto("RENAVE_WS_CERTIFICADO_MONTADORA_SENHA")),
            texto("RENAVE_WS_CERTIFICADO_ITE").zip(texto("RENAVE_WS_CERTIFICADO_ITE_SENHA")),
        ];
        let campos: Vec<Option<String>> = [
            "RENAVE_POC_CPF_OPERADOR",
            "RENAVE_POC_CPF_COMPRADOR",
            "RENAVE_POC_CNPJ_MONTADORA",
            "RENAVE_POC_CNPJ_ITE",
            "RENAVE_POC_CNPJ_ESTABELECIMENTO",
            "RENAVE_POC_CHASSI_ZERO_KM_PENDENTE_MONTADORA",
            "RENAVE_POC_CHASSI_INACABADO_PENDENTE_MONTADORA",
            "RENAVE_POC_CHASSI_INACABADO_MONTADORA",
            "RENAVE_POC_CHASSI_INACABADO_PARA_ITE",
            "RENAVE_POC_NFE_1",
            "RENAVE_POC_NFE_2",
            "RENAVE_POC_NFE_3",
        ]
        .iter()
        .map(|n| texto(n))
        .collect();
        if !faltando.is_empty() {
            return Err(format!(
                "homologação: variáveis ausentes:\n  {}",
                faltando.join("\n  ")
            ));
        }
        let v: Vec<String> = campos.into_iter().flatten().collect();
        let erro = |i: usize, e: &dyn std::fmt::Display| format!("variável {i}: {e}");
        let ler_chassi = |i: usize| v[i].parse::<Chassi>().map_err(|e| erro(i, &e));
        let ler_cnpj = |i: usize| v[i].parse::<Cnpj>().map_err(|e| erro(i, &e));
        let ler_chave = |i: usize| v[i].parse::<ChaveNfe>().map_err(|e| erro(i, &e));
        let comprador: Cpf = v[1].parse().map_err(|e| erro(1, &e))?;
        let mut comprador_saida = amostras_ws::comprador_saida();
        comprador_saida.documento = comprador.into();
        let dados = DadosGrupos {
            cpf_operador: v[0].parse().map_err(|e| erro(0, &e))?,
            comprador: comprador_saida,
            cnpj_montadora: ler_cnpj(2)?,
            cnpj_ite: ler_cnpj(3)?,
            cnpj_estabelecimento: ler_cnpj(4)?,
            zero_km_pendente: ler_chassi(5)?,
            inacabado_pendente: ler_chassi(6)?,
            inacabado_em_estoque: ler_chassi(7)?,
            inacabado_para_ite: ler_chassi(8)?,
            chaves: [ler_chave(9)?, ler_chave(10)?, ler_chave(11)?],
        };
        let mut clientes = Vec::new();
        for (arquivo, senha) in certs.into_iter().flatten() {
            let caminho = PathBuf::from(arquivo);
            let identidade =
                IdentidadeCertificado::de_arquivo_pkcs12(&caminho, &SecretString::from(senha))
                    .map_err(|e| format!("certificado {}: {e}", caminho.display()))?;
            clientes.push(
                ClienteRenaveWs::builder()
                    .ambiente(renave_ws_client::Ambiente::Homologacao)
                    .identidade(identidade)
                    .relaxar_verificacao_hostname_homologacao(o.relaxar_hostname)
                    .build()
                    .map_err(|e| format!("cliente Renave-WS: {e}"))?,
            );
        }
        let [estabelecimento, montadora, ite]: [ClienteRenaveWs; 3] = clientes
            .try_into()
            .map_err(|_| "homologação: três certificados".to_owned())?;
        Ok(Self {
            montadora,
            ite,
            estabelecimento,
            dados,
            registro: Registro::new(imprimir),
            simulador: None,
        })
    }

    /// Now, on the simulator's clock or Brasília's.
    pub(crate) fn agora(&self) -> DataHora {
        self.simulador
            .as_ref()
            .map_or_else(DataHora::agora_brasilia, SimuladorRenaveWs::agora)
    }

    /// A step that must succeed: `linhas` shows its return; a refusal stops the flow.
    pub(crate) async fn passo<T>(
        &mut self,
        secao: &'static str,
        titulo: impl Into<String>,
        chamada: impl Future<Output = Result<T, ErroWs>>,
        linhas: impl FnOnce(&T) -> Vec<String>,
    ) -> Etapa<T> {
        match chamada.await {
            Ok(v) => {
                for l in linhas(&v) {
                    self.registro.linha(l);
                }
                self.registro
                    .fechar(secao, titulo, Esperado::Sucesso, Resultado::Sucesso);
                Ok(v)
            }
            Err(e) => {
                let r = recusa_ws(&e);
                self.registro.fechar(
                    secao,
                    titulo,
                    Esperado::Sucesso,
                    Resultado::Recusado {
                        codigo: r.codigo,
                        mensagem: r.mensagem,
                    },
                );
                Err(Interrompido)
            }
        }
    }

    /// A step that must be refused with HTTP `codigo` (a negative path); returns whether it was.
    pub(crate) async fn recusa<T>(
        &mut self,
        secao: &'static str,
        titulo: impl Into<String>,
        codigo: &'static str,
        chamada: impl Future<Output = Result<T, ErroWs>>,
    ) -> bool {
        let resultado = match chamada.await {
            Ok(_) => Resultado::Sucesso,
            Err(e) => {
                let r = recusa_ws(&e);
                Resultado::Recusado {
                    codigo: r.codigo,
                    mensagem: r.mensagem,
                }
            }
        };
        self.registro
            .fechar(secao, titulo, Esperado::Recusa(Some(codigo)), resultado)
            .conforme()
    }

    /// A flow that could not go on: a non-conforming step saying where it stopped.
    pub(crate) fn interrompido(&mut self, onde: &str) {
        self.registro.fechar(
            "-",
            format!("Fluxo interrompido: {onde}"),
            Esperado::Sucesso,
            Resultado::Recusado {
                codigo: None,
                mensagem: "um passo anterior não mostrou o que devia".to_owned(),
            },
        );
    }
}

/// The environment variables of a homologação run of the montadora and ITE examples.
pub const VARIAVEIS: &str = "\
Homologação (--homologacao): um e-CNPJ por ator e os dados da homologação:
  RENAVE_WS_CERTIFICADO, RENAVE_WS_CERTIFICADO_SENHA                       estabelecimento
  RENAVE_WS_CERTIFICADO_MONTADORA, RENAVE_WS_CERTIFICADO_MONTADORA_SENHA   montadora
  RENAVE_WS_CERTIFICADO_ITE, RENAVE_WS_CERTIFICADO_ITE_SENHA               ITE
  RENAVE_POC_CPF_OPERADOR, RENAVE_POC_CPF_COMPRADOR
  RENAVE_POC_CNPJ_MONTADORA, RENAVE_POC_CNPJ_ITE, RENAVE_POC_CNPJ_ESTABELECIMENTO
  RENAVE_POC_CHASSI_ZERO_KM_PENDENTE_MONTADORA, RENAVE_POC_CHASSI_INACABADO_PENDENTE_MONTADORA
  RENAVE_POC_CHASSI_INACABADO_MONTADORA (no estoque da montadora), RENAVE_POC_CHASSI_INACABADO_PARA_ITE
  RENAVE_POC_NFE_1, RENAVE_POC_NFE_2, RENAVE_POC_NFE_3                     chaves de NF-e";

/// A sample amount.
pub(crate) fn valor(texto: &str) -> Valor {
    texto
        .parse()
        .unwrap_or_else(|_| unreachable!("a valid literal amount"))
}
