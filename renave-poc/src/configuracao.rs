//! How a run is configured: the command line shared by the POC and the examples, the
//! homologação credentials and data read from environment variables, and the ONE function
//! that builds both clients ([`construir_clientes`]).

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use renave_domain::{
    Chassi, ChaveNfe, Cnpj, CodigoSegurancaCrv, Cpf, CpfCnpj, NumeroCrv, Placa, Renavam, TipoCrv,
    TipoVeiculo,
};
use renave_mg_client::{ClienteCetMg, RetryPolicy};
use renave_simulador::Dialeto;
use renave_simulador::cetmg::{CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO};
use renave_ws_client::helpers::OpcoesEspera;
use renave_ws_client::{ClienteRenaveWs, IdentidadeCertificado};
use secrecy::SecretString;

use crate::conformidade::ArquivoContratos;
use crate::registro::escrever_linha;
use crate::roteiro::{
    Bastidores, DadosPoc, Procedimento, Roteiro, VeiculoCetMg, VeiculoPoc, VeiculoWs,
};
use crate::simulado::Simuladores;

/// The options every program of this crate takes (`--ajuda` prints them), after the program's
/// own first line.
pub const OPCOES: &str = "\
Sem opções, roda contra os simuladores locais (renave-simulador), sem credenciais.

  --homologacao                  roda contra os ambientes de homologação (CET-MG e Renave-WS)
  --consumer-key CHAVE           Consumer Key da CET-MG       (ou RENAVE_CETMG_CONSUMER_KEY)
  --consumer-secret SEGREDO      Consumer Secret da CET-MG    (prefira RENAVE_CETMG_CONSUMER_SECRET)
  --certificado ARQUIVO.pfx      e-CNPJ A1 do estabelecimento (ou RENAVE_WS_CERTIFICADO)
                                 a senha vem só de RENAVE_WS_CERTIFICADO_SENHA
  --relaxar-hostname             aceita o certificado de servidor da homologação do Renave-WS
                                 com nome divergente (só homologação)
  --prazo-detran SEGUNDOS        espera máxima por CONFIRMADO no Renave-WS (padrão 1800)
  --dialeto-divergente           simuladores que respondem com outros nomes que o contrato
                                 padrão do SDK: nenhum passo pode dar falso sucesso
  --contrato ARQUIVO.toml        sobreposições do contrato das duas APIs ([cetmg], [renave_ws]),
                                 como a proposta do exemplo conformidade
  -h, --ajuda                    esta mensagem

Os veículos e as partes da homologação vêm de variáveis RENAVE_POC_* (veja o README, seção POC).";

/// The command line of the POC and of the examples (the same flags everywhere).
#[derive(Default, Clone)]
pub struct Opcoes {
    /// `--homologacao`: run against the homologação environments instead of the simulators.
    pub homologacao: bool,
    /// `--consumer-key` (else `RENAVE_CETMG_CONSUMER_KEY`).
    pub consumer_key: Option<String>,
    /// `--consumer-secret` (else `RENAVE_CETMG_CONSUMER_SECRET`).
    pub consumer_secret: Option<String>,
    /// `--certificado`: the e-CNPJ A1 file (else `RENAVE_WS_CERTIFICADO`).
    pub certificado: Option<PathBuf>,
    /// `--relaxar-hostname`: accept the Renave-WS homologação server certificate whose name
    /// does not match (homologação only).
    pub relaxar_hostname: bool,
    /// `--prazo-detran`: how long to wait for `CONFIRMADO`, in seconds (default 1800).
    pub prazo_detran: Option<u64>,
    /// `--dialeto-divergente`: the simulators answer with other names than the SDK's default
    /// contract ([`renave_simulador::Dialeto::Divergente`]).
    pub dialeto_divergente: bool,
    /// `--contrato FILE`: ONE TOML file with the contract overrides of both APIs, a `[cetmg]`
    /// and a `[renave_ws]` table in the `renave_http::contrato::Contrato` format
    /// ([`ArquivoContratos`], what the `conformidade`
    /// probe proposes), given to both builders' `contrato(…)` (decision D11).
    pub contrato: Option<PathBuf>,
    /// `-h`/`--ajuda`: print the usage and stop.
    pub ajuda: bool,
}

/// Never the consumer key or secret: only whether they were given.
impl std::fmt::Debug for Opcoes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opcoes")
            .field("homologacao", &self.homologacao)
            .field("consumer_key", &self.consumer_key.as_ref().map(|_| "***"))
            .field(
                "consumer_secret",
                &self.consumer_secret.as_ref().map(|_| "***"),
            )
            .field("certificado", &self.certificado)
            .field("relaxar_hostname", &self.relaxar_hostname)
            .field("prazo_detran", &self.prazo_detran)
            .field("dialeto_divergente", &self.dialeto_divergente)
            .field("contrato", &self.contrato)
            .field("ajuda", &self.ajuda)
            .finish()
    }
}

/// Reads the command line (without the program name). `Err` names the wrong argument.
pub fn interpretar(args: impl IntoIterator<Item = String>) -> Result<Opcoes, String> {
    let mut o = Opcoes::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, embutido) = match arg.split_once('=') {
            Some((f, v)) => (f.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        let mut valor = || {
            embutido
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} exige um valor"))
        };
        match flag.as_str() {
            "-h" | "--ajuda" | "--help" => o.ajuda = true,
            "--homologacao" => o.homologacao = true,
            "--relaxar-hostname" => o.relaxar_hostname = true,
            "--dialeto-divergente" => o.dialeto_divergente = true,
            "--consumer-key" => o.consumer_key = Some(valor()?),
            "--consumer-secret" => o.consumer_secret = Some(valor()?),
            "--certificado" => o.certificado = Some(PathBuf::from(valor()?)),
            "--contrato" => o.contrato = Some(PathBuf::from(valor()?)),
            "--prazo-detran" => {
                let v = valor()?;
                o.prazo_detran =
                    Some(v.parse().map_err(|_| {
                        format!("--prazo-detran: número de segundos inválido: {v:?}")
                    })?);
            }
            outro => return Err(format!("argumento desconhecido: {outro:?} (veja --ajuda)")),
        }
    }
    if o.homologacao && o.dialeto_divergente {
        return Err("--dialeto-divergente é dos simuladores, não da homologação".to_owned());
    }
    Ok(o)
}

/// Where the clients connect, with what they authenticate.
pub enum Conexao {
    /// The in-process simulators (no credentials: the simulator's default consumer key).
    Simuladores {
        /// Root URL of the CET-MG simulator.
        cetmg: String,
        /// Root URL of the Renave-WS simulator.
        renave_ws: String,
    },
    /// The homologação environments of both APIs.
    Homologacao {
        /// CET-MG Consumer Key.
        consumer_key: SecretString,
        /// CET-MG Consumer Secret.
        consumer_secret: SecretString,
        /// The establishment's e-CNPJ (mutual TLS with Renave-WS).
        identidade: Box<IdentidadeCertificado>,
        /// Accept the homologação server certificate with a mismatched name.
        relaxar_hostname: bool,
    },
}

impl std::fmt::Debug for Conexao {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Simuladores { cetmg, renave_ws } => f
                .debug_struct("Simuladores")
                .field("cetmg", cetmg)
                .field("renave_ws", renave_ws)
                .finish(),
            Self::Homologacao { .. } => f.debug_struct("Homologacao").finish_non_exhaustive(),
        }
    }
}

/// Builds both clients: the ONE place where the POC, the examples and the root tests configure
/// [`ClienteCetMg`] and [`ClienteRenaveWs`].
///
/// Against the simulators the CET-MG client does not retry (the §6.1.2 steps must see the 429
/// and the 500 the simulator is told to answer); both run in the local test mode
/// ([`Ambiente::Local`](renave_http::Ambiente::Local): loopback only, plain HTTP, no certificate).
pub fn construir_clientes(conexao: Conexao) -> Result<(ClienteCetMg, ClienteRenaveWs), String> {
    construir_clientes_com(conexao, None)
}

/// [`construir_clientes`] with the contract overrides of `contratos` (`--contrato`) given to
/// each builder's `contrato(…)`; an override the client refuses (an unknown operation or field)
/// is an error naming it.
pub fn construir_clientes_com(
    conexao: Conexao,
    contratos: Option<&ArquivoContratos>,
) -> Result<(ClienteCetMg, ClienteRenaveWs), String> {
    let contrato_mg = contratos.and_then(|c| c.cetmg.clone());
    let contrato_ws = contratos.and_then(|c| c.renave_ws.clone());
    let mg_com = |b: renave_mg_client::ClienteCetMgBuilder| match &contrato_mg {
        Some(c) => b.contrato(c.clone()),
        None => b,
    };
    let ws_com = |b: renave_ws_client::ClienteRenaveWsBuilder| match &contrato_ws {
        Some(c) => b.contrato(c.clone()),
        None => b,
    };
    match conexao {
        Conexao::Simuladores { cetmg, renave_ws } => {
            let mg = ClienteCetMg::builder()
                .ambiente(renave_mg_client::Ambiente::Local(
                    cetmg
                        .parse()
                        .map_err(|e| format!("URL do simulador CET-MG: {e}"))?,
                ))
                .credenciais(
                    SecretString::from(CONSUMER_KEY_PADRAO),
                    SecretString::from(CONSUMER_SECRET_PADRAO),
                )
                .retentativas(RetryPolicy::disabled());
            let mg = mg_com(mg)
                .build()
                .map_err(|e| format!("cliente CET-MG: {e}"))?;
            let ws = ClienteRenaveWs::builder().ambiente(renave_ws_client::Ambiente::Local(
                renave_ws
                    .parse()
                    .map_err(|e| format!("URL do simulador Renave-WS: {e}"))?,
            ));
            let ws = ws_com(ws)
                .build()
                .map_err(|e| format!("cliente Renave-WS: {e}"))?;
            Ok((mg, ws))
        }
        Conexao::Homologacao {
            consumer_key,
            consumer_secret,
            identidade,
            relaxar_hostname,
        } => {
            let mg = ClienteCetMg::builder()
                .ambiente(renave_mg_client::Ambiente::Homologacao)
                .credenciais(consumer_key, consumer_secret);
            let mg = mg_com(mg)
                .build()
                .map_err(|e| format!("cliente CET-MG: {e}"))?;
            let ws = ClienteRenaveWs::builder()
                .ambiente(renave_ws_client::Ambiente::Homologacao)
                .identidade(*identidade)
                .relaxar_verificacao_hostname_homologacao(relaxar_hostname);
            let ws = ws_com(ws)
                .build()
                .map_err(|e| format!("cliente Renave-WS: {e}"))?;
            Ok((mg, ws))
        }
    }
}

/// The run against the simulators: both started on local ports as one world (in `dialeto`), the
/// clients, the input drawn from the seeds. `imprimir` prints the simulators' addresses and
/// every step.
pub async fn simulado(
    imprimir: bool,
    dialeto: Dialeto,
    contratos: Option<&ArquivoContratos>,
) -> Result<Roteiro, String> {
    let sims = Simuladores::iniciar_em(dialeto).await;
    if imprimir {
        if dialeto == Dialeto::Divergente {
            escrever_linha(format_args!(
                "Dialeto divergente: os simuladores respondem com outros nomes que o contrato padrão do SDK (veja renave_simulador::dialeto)."
            ));
        }
        escrever_linha(format_args!("Simulador CET-MG:    {}", sims.cetmg.url()));
        escrever_linha(format_args!("Simulador Renave-WS: {}", sims.ws.uri()));
        escrever_linha(format_args!(
            "Um só mundo simulado: os mesmos veículos, estabelecimento e pessoas nas duas APIs; a assinatura do vendedor enviada ao Renave-WS chega à CET-MG com o mesmo número de ATPV-e."
        ));
    }
    let (mg, ws) = construir_clientes_com(sims.conexao(), contratos)?;
    let dados = sims.dados()?;
    Ok(Roteiro::new(
        mg,
        ws,
        Bastidores::Simulado(Box::new(sims)),
        dados,
        imprimir,
    ))
}

/// Reads the environment variables of the homologação run, collecting every missing or
/// invalid one.
struct Variaveis {
    faltando: Vec<String>,
}

impl Variaveis {
    fn texto(&mut self, nome: &str, descricao: &str) -> Option<String> {
        match std::env::var(nome) {
            Ok(v) if !v.trim().is_empty() => Some(v.trim().to_owned()),
            _ => {
                self.faltando.push(format!("{nome} — {descricao}"));
                None
            }
        }
    }

    fn valor<T: FromStr>(&mut self, nome: &str, descricao: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        let texto = self.texto(nome, descricao)?;
        match texto.parse() {
            Ok(v) => Some(v),
            Err(e) => {
                self.faltando.push(format!("{nome} — inválido: {e}"));
                None
            }
        }
    }

    fn opcional<T: FromStr>(&mut self, nome: &str) -> Option<T>
    where
        T::Err: std::fmt::Display,
    {
        let texto = std::env::var(nome).ok().filter(|v| !v.trim().is_empty())?;
        match texto.trim().parse() {
            Ok(v) => Some(v),
            Err(e) => {
                self.faltando.push(format!("{nome} — inválido: {e}"));
                None
            }
        }
    }

    /// One vehicle: `sufixo` is `CARRO` or `MOTO`.
    fn veiculo(
        &mut self,
        sufixo: &str,
        nome: &'static str,
        procedimento: Procedimento,
    ) -> Option<VeiculoPoc> {
        let v = |c: &str| format!("RENAVE_POC_{c}_{sufixo}");
        let chassi: Option<Chassi> = self.valor(&v("CHASSI"), "chassi");
        let placa: Option<Placa> = self.valor(&v("PLACA"), "placa");
        let renavam: Option<Renavam> = self.valor(&v("RENAVAM"), "RENAVAM");
        let proprietario: Option<CpfCnpj> =
            self.valor(&v("PROPRIETARIO"), "CPF/CNPJ do proprietário (vendedor)");
        let tipo: Option<String> = self.texto(
            &v("TIPO_VEICULO"),
            "código RENAVAM do tipo (06 automóvel, 04 motocicleta)",
        );
        let marca: Option<String> = self.texto(&v("MARCA_MODELO"), "código de marca/modelo");
        let numero_crv: Option<NumeroCrv> = self.valor(&v("NUMERO_CRV"), "número do CRV");
        let codigo: Option<CodigoSegurancaCrv> =
            self.valor(&v("CODIGO_SEGURANCA_CRV"), "código de segurança do CRV");
        let tipo_crv: Option<String> =
            self.texto(&v("TIPO_CRV"), "tipo do CRV (AZUL, VERDE, BRANCO, DIGITAL)");
        let compra: Option<ChaveNfe> = self.valor(&v("NFE_COMPRA"), "chave da NF-e de compra");
        let venda: Option<ChaveNfe> = self.valor(&v("NFE_VENDA"), "chave da NF-e de venda");
        let desatualizado: Option<NumeroCrv> = self.opcional(&v("NUMERO_CRV_ANTIGO"));
        let codigo_novo: Option<CodigoSegurancaCrv> =
            self.opcional(&v("CODIGO_SEGURANCA_CRV_NOVO"));
        let (chassi, placa, renavam, proprietario) = (chassi?, placa?, renavam?, proprietario?);
        Some(VeiculoPoc {
            nome,
            cetmg: VeiculoCetMg {
                chassi,
                placa,
                renavam,
                proprietario,
                tipo: TipoVeiculo::from(tipo?.as_str()),
                marca_modelo: marca?,
            },
            ws: VeiculoWs {
                chassi,
                placa,
                renavam,
                numero_crv: numero_crv?,
                codigo_seguranca_crv: codigo?,
                tipo_crv: TipoCrv::from(tipo_crv?.as_str()),
                proprietario,
            },
            procedimento,
            chave_nfe_compra: compra?,
            chave_nfe_venda: venda?,
            numero_crv_desatualizado: desatualizado,
            codigo_crv_novo: codigo_novo,
        })
    }
}

/// The run against homologação: credentials from flags or environment, vehicles and parties
/// from `RENAVE_POC_*` (README, "POC"). Every missing variable is named in the error.
pub fn homologacao(o: &Opcoes, imprimir: bool) -> Result<Roteiro, String> {
    let mut amb = Variaveis {
        faltando: Vec::new(),
    };
    let key = o
        .consumer_key
        .clone()
        .or_else(|| amb.texto("RENAVE_CETMG_CONSUMER_KEY", "Consumer Key da CET-MG"));
    let secret = o
        .consumer_secret
        .clone()
        .or_else(|| amb.texto("RENAVE_CETMG_CONSUMER_SECRET", "Consumer Secret da CET-MG"));
    let certificado = o.certificado.clone().or_else(|| {
        amb.texto("RENAVE_WS_CERTIFICADO", "arquivo .pfx/.p12 do e-CNPJ")
            .map(PathBuf::from)
    });
    let senha = amb.texto("RENAVE_WS_CERTIFICADO_SENHA", "senha do arquivo do e-CNPJ");
    let cnpj: Option<Cnpj> =
        amb.valor("RENAVE_POC_CNPJ_ESTABELECIMENTO", "CNPJ do estabelecimento");
    let nome = amb.texto(
        "RENAVE_POC_NOME_ESTABELECIMENTO",
        "razão social do estabelecimento",
    );
    let email = amb.texto(
        "RENAVE_POC_EMAIL_ESTABELECIMENTO",
        "e-mail do estabelecimento",
    );
    let telefone = amb.texto(
        "RENAVE_POC_TELEFONE_ESTABELECIMENTO",
        "telefone do estabelecimento",
    );
    let operador: Option<Cpf> = amb.valor("RENAVE_POC_CPF_OPERADOR", "CPF do operador responsável");
    let comprador: Option<Cpf> =
        amb.valor("RENAVE_POC_CPF_COMPRADOR", "CPF do comprador das saídas");
    let nao_apto_chassi: Option<Chassi> = amb.valor(
        "RENAVE_POC_CHASSI_NAO_APTO",
        "chassi de um veículo não apto",
    );
    let nao_apto_dono: Option<CpfCnpj> = amb.valor(
        "RENAVE_POC_PROPRIETARIO_NAO_APTO",
        "proprietário do veículo não apto",
    );
    let carro = amb.veiculo("CARRO", "carro", Procedimento::Vistoria);
    let moto = amb.veiculo("MOTO", "motocicleta", Procedimento::Formulario);
    let vencido_chassi: Option<Chassi> = amb.opcional("RENAVE_POC_CHASSI_LAUDO_VENCIDO");
    let vencido_placa: Option<Placa> = amb.opcional("RENAVE_POC_PLACA_LAUDO_VENCIDO");
    let vencido_renavam: Option<Renavam> = amb.opcional("RENAVE_POC_RENAVAM_LAUDO_VENCIDO");
    if !amb.faltando.is_empty() {
        return Err(format!(
            "homologação: variáveis ausentes ou inválidas:\n  {}",
            amb.faltando.join("\n  ")
        ));
    }
    let (Some(key), Some(secret), Some(certificado), Some(senha)) =
        (key, secret, certificado, senha)
    else {
        return Err("homologação: credenciais incompletas".to_owned());
    };
    let (Some(cnpj), Some(nome), Some(email), Some(telefone), Some(operador), Some(comprador)) =
        (cnpj, nome, email, telefone, operador, comprador)
    else {
        return Err("homologação: dados do estabelecimento incompletos".to_owned());
    };
    let (Some(carro), Some(moto), Some(nao_apto_chassi), Some(nao_apto_dono)) =
        (carro, moto, nao_apto_chassi, nao_apto_dono)
    else {
        return Err("homologação: veículos incompletos".to_owned());
    };
    // The §6.2.3 6.1 branch only reads the laudo and sends the ficha: the type and marca/modelo
    // of this vehicle are not sent, the car's stand in.
    let laudo_vencido = match (vencido_chassi, vencido_placa, vencido_renavam) {
        (Some(chassi), Some(placa), Some(renavam)) => Some(VeiculoCetMg {
            chassi,
            placa,
            renavam,
            proprietario: CpfCnpj::from(cnpj),
            tipo: carro.cetmg.tipo.clone(),
            marca_modelo: carro.cetmg.marca_modelo.clone(),
        }),
        _ => None,
    };
    let senha = SecretString::from(senha);
    let identidade = IdentidadeCertificado::de_arquivo_pkcs12(&certificado, &senha)
        .map_err(|e| format!("certificado {}: {e}", certificado.display()))?;
    let contratos = o
        .contrato
        .as_deref()
        .map(ArquivoContratos::ler)
        .transpose()?;
    let (mg, ws) = construir_clientes_com(
        Conexao::Homologacao {
            consumer_key: SecretString::from(key),
            consumer_secret: SecretString::from(secret),
            identidade: Box::new(identidade),
            relaxar_hostname: o.relaxar_hostname,
        },
        contratos.as_ref(),
    )?;
    let espera = OpcoesEspera {
        prazo: Duration::from_secs(o.prazo_detran.unwrap_or(30 * 60)),
        ..OpcoesEspera::default()
    };
    let dados = DadosPoc {
        cnpj_estabelecimento: cnpj,
        nome_estabelecimento: nome,
        email_estabelecimento: email,
        telefone_estabelecimento: telefone,
        cpf_operador: operador,
        cpf_comprador: comprador,
        carro,
        moto,
        nao_aptos: vec![(nao_apto_chassi, nao_apto_dono)],
        laudo_vencido,
    };
    Ok(Roteiro::new(
        mg,
        ws,
        Bastidores::Homologacao { espera },
        dados,
        imprimir,
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    #[test]
    fn opcoes_sem_segredo_no_debug() {
        let o = super::interpretar(
            ["--consumer-key=chave-x1", "--consumer-secret", "segredo-x2"].map(str::to_owned),
        )
        .unwrap();
        assert_eq!(o.consumer_secret.as_deref(), Some("segredo-x2"));
        let texto = format!("{o:?} {o:#?}");
        assert!(
            !texto.contains("segredo-x2") && !texto.contains("chave-x1"),
            "{texto}"
        );
        assert!(super::interpretar(["--desconhecido".to_owned()]).is_err());
    }
}
