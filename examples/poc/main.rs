//! # POC — Prova de Conceito of the Regulamento Técnico CET-MG (§6, §7)
//!
//! ```text
//! cargo run --example poc                  # against the in-process simulators (default)
//! cargo run --example poc -- --homologacao # against homologação (credentials and vehicles
//!                                          # from environment variables; see README "POC")
//! ```
//!
//! Runs the sequence of the POC end to end — aptidão (apto and não apto), solicitação, the
//! vistoria and formulário branches, the entrada on Renave-WS with the three seller scenarios,
//! the comunicações de venda, the saída with the laudo check and the ficha de cadastro, the
//! Protocolo Digital with a pendência regularised — for a car and a motorcycle, printing every
//! answer in a numbered log and a summary table at the end. Exit status 0 when every step showed
//! what it should (including the refusals the POC must demonstrate), 1 otherwise, 2 on a usage
//! or configuration error.

mod registro;
mod roteiro;

use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;
use std::time::Duration;

use renave::domain::{
    Chassi, ChaveNfe, Cnpj, CodigoSegurancaCrv, Cpf, CpfCnpj, NumeroCrv, Placa, Renavam, TipoCrv,
    TipoVeiculo,
};
use renave::mg::{ClienteCetMg, RetryPolicy};
use renave::ws::helpers::OpcoesEspera;
use renave::ws::{ClienteRenaveWs, IdentidadeCertificado};
use renave_simulador::cetmg::{CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO};
use secrecy::SecretString;

use registro::escrever_linha;
use roteiro::{
    Bastidores, DadosPoc, Procedimento, Roteiro, Simuladores, VeiculoCetMg, VeiculoPoc, VeiculoWs,
};

const AJUDA: &str = "\
POC do Regulamento Técnico CET-MG (§6 e §7) com o SDK renave-rs

Uso: cargo run --example poc [-- OPÇÕES]

Sem opções, roda contra os simuladores locais (renave-simulador).

  --homologacao                  roda contra os ambientes de homologação (CET-MG e Renave-WS)
  --consumer-key CHAVE           Consumer Key da CET-MG       (ou RENAVE_CETMG_CONSUMER_KEY)
  --consumer-secret SEGREDO      Consumer Secret da CET-MG    (prefira RENAVE_CETMG_CONSUMER_SECRET)
  --certificado ARQUIVO.pfx      e-CNPJ A1 do estabelecimento (ou RENAVE_WS_CERTIFICADO)
                                 a senha vem só de RENAVE_WS_CERTIFICADO_SENHA
  --relaxar-hostname             aceita o certificado de servidor da homologação do Renave-WS
                                 com nome divergente (só homologação)
  --prazo-detran SEGUNDOS        espera máxima por CONFIRMADO no Renave-WS (padrão 1800)
  -h, --ajuda                    esta mensagem

Os veículos e as partes da homologação vêm de variáveis RENAVE_POC_* (veja o README, seção POC).";

/// The command line.
#[derive(Debug, Default)]
struct Opcoes {
    homologacao: bool,
    consumer_key: Option<String>,
    consumer_secret: Option<String>,
    certificado: Option<PathBuf>,
    relaxar_hostname: bool,
    prazo_detran: Option<u64>,
    ajuda: bool,
}

fn interpretar(args: impl IntoIterator<Item = String>) -> Result<Opcoes, String> {
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
            "--consumer-key" => o.consumer_key = Some(valor()?),
            "--consumer-secret" => o.consumer_secret = Some(valor()?),
            "--certificado" => o.certificado = Some(PathBuf::from(valor()?)),
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
    Ok(o)
}

#[tokio::main]
async fn main() -> ExitCode {
    let opcoes = match interpretar(std::env::args().skip(1)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("poc: {e}");
            return ExitCode::from(2);
        }
    };
    if opcoes.ajuda {
        escrever_linha(format_args!("{AJUDA}"));
        return ExitCode::SUCCESS;
    }
    let roteiro = if opcoes.homologacao {
        homologacao(&opcoes)
    } else {
        simulado().await
    };
    let mut roteiro = match roteiro {
        Ok(r) => r,
        Err(e) => {
            eprintln!("poc: {e}");
            return ExitCode::from(2);
        }
    };
    let inicio = std::time::Instant::now();
    let conforme = roteiro.executar().await;
    escrever_linha(format_args!("\n=== Resumo ==="));
    escrever_linha(format_args!(
        "{}",
        roteiro.registro.resumo().trim_end_matches('\n')
    ));
    escrever_linha(format_args!(
        "tempo: {:.1} s",
        inicio.elapsed().as_secs_f64()
    ));
    if conforme {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The run against the simulators.
async fn simulado() -> Result<Roteiro, String> {
    let sims = Simuladores::iniciar().await;
    escrever_linha(format_args!("Simulador CET-MG:    {}", sims.cetmg.url()));
    escrever_linha(format_args!("Simulador Renave-WS: {}", sims.ws.uri()));
    escrever_linha(format_args!(
        "Um só mundo simulado: os mesmos veículos, estabelecimento e pessoas nas duas APIs; a assinatura do vendedor enviada ao Renave-WS chega à CET-MG com o mesmo número de ATPV-e."
    ));
    let mg = ClienteCetMg::builder()
        .ambiente(renave::mg::Ambiente::Local(
            sims.cetmg
                .url()
                .parse()
                .map_err(|e| format!("URL do simulador: {e}"))?,
        ))
        .credenciais(
            SecretString::from(CONSUMER_KEY_PADRAO),
            SecretString::from(CONSUMER_SECRET_PADRAO),
        )
        .retentativas(RetryPolicy::disabled())
        .build()
        .map_err(|e| format!("cliente CET-MG: {e}"))?;
    let ws = ClienteRenaveWs::builder()
        .ambiente(renave::ws::Ambiente::Local(
            sims.ws
                .uri()
                .parse()
                .map_err(|e| format!("URL do simulador: {e}"))?,
        ))
        .build()
        .map_err(|e| format!("cliente Renave-WS: {e}"))?;
    let dados = sims.dados()?;
    Ok(Roteiro::new(
        mg,
        ws,
        Bastidores::Simulado(Box::new(sims)),
        dados,
        true,
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
/// from `RENAVE_POC_*`. Every missing variable is named.
fn homologacao(o: &Opcoes) -> Result<Roteiro, String> {
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
    let mg = ClienteCetMg::builder()
        .ambiente(renave::mg::Ambiente::Homologacao)
        .credenciais(SecretString::from(key), SecretString::from(secret))
        .build()
        .map_err(|e| format!("cliente CET-MG: {e}"))?;
    let senha = SecretString::from(senha);
    let identidade = IdentidadeCertificado::de_arquivo_pkcs12(&certificado, &senha)
        .map_err(|e| format!("certificado {}: {e}", certificado.display()))?;
    let ws = ClienteRenaveWs::builder()
        .ambiente(renave::ws::Ambiente::Homologacao)
        .identidade(identidade)
        .relaxar_verificacao_hostname_homologacao(o.relaxar_hostname)
        .build()
        .map_err(|e| format!("cliente Renave-WS: {e}"))?;
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
        true,
    ))
}
