//! A registry of e-CNPJ identities (*registro de identidades*): one [`ClienteRenaveWs`] per
//! CNPJ, for an integradora serving many dealers (issue 14; decision D5: Renave-WS knows the
//! establishment only by the certificate's CNPJ, so each dealer needs its own client).
//!
//! The identities come from a pluggable source — a directory of PKCS#12 files (`.pfx`/`.p12`)
//! whose passwords a caller-provided lookup gives ([`SenhasCertificados`]), or identities given
//! in memory. Clients are built lazily, on the first [`RegistroIdentidades::cliente`] for a
//! CNPJ, cached, and rebuilt when the source changes (a file's modification time or size).
//!
//! Each certificate's validity (`notBefore`/`notAfter`) and holder are read from the
//! certificate itself. [`RegistroIdentidades::a_vencer`] lists those that expire within
//! [`dias_aviso`](RegistroIdentidades::dias_aviso) days (default [`DIAS_AVISO_PADRAO`]), and
//! each such certificate is logged at WARN once a day. An expired or not-yet-valid certificate
//! is refused before any request, with an error naming the CNPJ and the date.
//!
//! **Two certificates for one CNPJ** (a renewed certificate placed beside the old one): the one
//! valid now with the latest `notAfter` wins — it is the newest and the last to expire, so the
//! switch to a renewed certificate needs no action and never picks the old one; if none is
//! valid now, the one with the latest `notAfter` is chosen (and refused with its dates). Ties go
//! to the latest `notBefore`, then to the file name (or insertion order) for a stable choice.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use jiff::Timestamp;
use renave_domain::Cnpj;
use secrecy::SecretString;

use crate::client::{ClienteRenaveWs, ClienteRenaveWsBuilder};
use crate::erro::Erro;
use crate::identidade::IdentidadeCertificado;

/// Default of [`RegistroIdentidades::dias_aviso`]: certificates expiring within 30 days are
/// listed by [`RegistroIdentidades::a_vencer`] and logged at WARN once a day.
pub const DIAS_AVISO_PADRAO: u32 = 30;

/// Default of [`RegistroIdentidades::intervalo_verificacao`]: the directory is looked at again
/// (file names, times and sizes) at most every 30 s.
pub const INTERVALO_VERIFICACAO_PADRAO: Duration = Duration::from_secs(30);

/// How long between two WARNs about one expiring certificate.
const INTERVALO_AVISO: Duration = Duration::from_secs(24 * 3600);

/// The password of a PKCS#12 file (*senha do certificado*), looked up by the caller — e.g. in
/// a secret manager, by the file name or by the CNPJ it encodes. `None`: no password is known
/// (the file is skipped and reported, see [`RegistroIdentidades::falhas`]).
///
/// Implemented by any `Fn(&Path) -> Option<SecretString> + Send + Sync`.
pub trait SenhasCertificados: Send + Sync {
    /// The password of `arquivo`.
    fn senha(&self, arquivo: &Path) -> Option<SecretString>;
}

impl<F> SenhasCertificados for F
where
    F: Fn(&Path) -> Option<SecretString> + Send + Sync,
{
    fn senha(&self, arquivo: &Path) -> Option<SecretString> {
        self(arquivo)
    }
}

/// A certificate known to the registry: its CNPJ, holder and validity, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CertificadoRegistrado {
    /// The establishment's CNPJ (from the certificate).
    pub cnpj: Cnpj,
    /// The holder (*titular*): the subject CN of the leaf certificate.
    pub titular: Option<String>,
    /// Start of validity (`notBefore`).
    pub nao_antes: Timestamp,
    /// End of validity (`notAfter`).
    pub nao_depois: Timestamp,
    /// The file it was read from (`None`: given in memory).
    pub arquivo: Option<PathBuf>,
}

impl CertificadoRegistrado {
    fn de(id: &IdentidadeCertificado, cnpj: Cnpj, arquivo: Option<PathBuf>) -> Self {
        Self {
            cnpj,
            titular: id.titular().map(str::to_owned),
            nao_antes: id.nao_antes(),
            nao_depois: id.nao_depois(),
            arquivo,
        }
    }
}

/// Where the identities come from.
enum Fonte {
    Diretorio {
        dir: PathBuf,
        senhas: Arc<dyn SenhasCertificados>,
    },
    Memoria,
}

/// An identity read from the source, with the version its client is cached under.
#[derive(Clone)]
struct Carregada {
    versao: u64,
    cnpj: Cnpj,
    identidade: IdentidadeCertificado,
    arquivo: Option<PathBuf>,
}

/// What was read from one file, and the file's time and size then.
struct Lido {
    modificado: Option<SystemTime>,
    tamanho: u64,
    resultado: Result<Carregada, String>,
}

#[derive(Default)]
struct Estado {
    /// Directory source: per file.
    arquivos: BTreeMap<PathBuf, Lido>,
    /// Memory source.
    memoria: Vec<Carregada>,
    /// Per CNPJ (14 digits): the version of the identity the client was built with.
    clientes: HashMap<String, (u64, ClienteRenaveWs)>,
    /// Per certificate (CNPJ, `notAfter`): when its expiry was last logged.
    avisos: HashMap<(String, i64), Instant>,
    verificado_em: Option<Instant>,
    proxima_versao: u64,
}

impl Estado {
    fn versao(&mut self) -> u64 {
        self.proxima_versao += 1;
        self.proxima_versao
    }

    fn carregadas(&self) -> impl Iterator<Item = &Carregada> {
        self.arquivos
            .values()
            .filter_map(|l| l.resultado.as_ref().ok())
            .chain(self.memoria.iter())
    }
}

/// A registry of e-CNPJ identities: one [`ClienteRenaveWs`] per CNPJ, built lazily from a
/// directory of PKCS#12 files or from identities in memory, cached, and rebuilt when the source
/// changes (see the [module docs](self)).
///
/// `Send + Sync`: share it (e.g. in an `Arc`) and ask it for a client per unit of work — the
/// call is cheap (a cached client is an `Arc` clone) and is where an expired certificate is
/// refused. `Debug` shows the source and the certificates, never a password or a key.
///
/// ```no_run
/// use std::path::Path;
/// use renave_ws_client::{Ambiente, ClienteRenaveWs, RegistroIdentidades};
/// use secrecy::SecretString;
///
/// # fn f(cnpj: renave_domain::Cnpj) -> Result<(), renave_ws_client::Erro> {
/// // `/etc/renave/certs/11222333000181.pfx`, password in the environment
/// // (`PFX_11222333000181`), or any secret manager.
/// let registro = RegistroIdentidades::de_diretorio("/etc/renave/certs", |arquivo: &Path| {
///     let nome = arquivo.file_stem()?.to_str()?;
///     std::env::var(format!("PFX_{nome}")).ok().map(SecretString::from)
/// })
/// .builder_base(|| ClienteRenaveWs::builder().ambiente(Ambiente::Producao));
/// for c in registro.a_vencer()? {
///     println!("{} expires on {}", c.cnpj, c.nao_depois);
/// }
/// let cliente = registro.cliente(&cnpj)?;
/// # let _ = cliente; Ok(()) }
/// ```
pub struct RegistroIdentidades {
    fonte: Fonte,
    base: Arc<dyn Fn() -> ClienteRenaveWsBuilder + Send + Sync>,
    dias_aviso: u32,
    intervalo_verificacao: Duration,
    estado: Mutex<Estado>,
}

impl fmt::Debug for RegistroIdentidades {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("RegistroIdentidades");
        match &self.fonte {
            Fonte::Diretorio { dir, .. } => d.field("diretorio", dir),
            Fonte::Memoria => d.field("diretorio", &None::<PathBuf>),
        };
        d.field("dias_aviso", &self.dias_aviso)
            .field("intervalo_verificacao", &self.intervalo_verificacao);
        if let Ok(estado) = self.estado.lock() {
            let certificados: Vec<_> = estado
                .carregadas()
                .map(|c| (c.cnpj.as_str().to_owned(), c.identidade.nao_depois()))
                .collect();
            d.field("certificados", &certificados);
        }
        d.finish_non_exhaustive()
    }
}

const _: () = {
    const fn exige<T: Send + Sync>() {}
    exige::<RegistroIdentidades>();
};

impl RegistroIdentidades {
    fn novo(fonte: Fonte) -> Self {
        Self {
            fonte,
            base: Arc::new(ClienteRenaveWs::builder),
            dias_aviso: DIAS_AVISO_PADRAO,
            intervalo_verificacao: INTERVALO_VERIFICACAO_PADRAO,
            estado: Mutex::new(Estado::default()),
        }
    }

    /// A registry of the PKCS#12 files (`*.pfx`, `*.p12`, any case) in `dir`, each opened with
    /// the password `senhas` gives for it. The directory is read on first use and looked at
    /// again at most every [`intervalo_verificacao`](Self::intervalo_verificacao): a new,
    /// changed (time or size) or removed file is taken into account then.
    pub fn de_diretorio(
        dir: impl Into<PathBuf>,
        senhas: impl SenhasCertificados + 'static,
    ) -> Self {
        Self::novo(Fonte::Diretorio {
            dir: dir.into(),
            senhas: Arc::new(senhas),
        })
    }

    /// A registry of identities given in memory (add more with [`inserir`](Self::inserir)).
    /// An identity whose certificate carries no CNPJ is skipped (logged at WARN).
    pub fn em_memoria(identidades: impl IntoIterator<Item = IdentidadeCertificado>) -> Self {
        let registro = Self::novo(Fonte::Memoria);
        for id in identidades {
            registro.inserir(id);
        }
        registro
    }

    /// How each client is configured before its identity is set (environment, deadlines,
    /// retry budget, roots…). Default: [`ClienteRenaveWs::builder`] as it is.
    pub fn builder_base(
        mut self,
        base: impl Fn() -> ClienteRenaveWsBuilder + Send + Sync + 'static,
    ) -> Self {
        self.base = Arc::new(base);
        self
    }

    /// Certificates expiring within this many days are listed by [`a_vencer`](Self::a_vencer)
    /// and logged at WARN once a day (default [`DIAS_AVISO_PADRAO`], 30).
    pub fn dias_aviso(mut self, dias: u32) -> Self {
        self.dias_aviso = dias;
        self
    }

    /// How often, at most, the directory is looked at again (default
    /// [`INTERVALO_VERIFICACAO_PADRAO`], 30 s; `Duration::ZERO`: on every call).
    pub fn intervalo_verificacao(mut self, intervalo: Duration) -> Self {
        self.intervalo_verificacao = intervalo;
        self
    }

    /// Adds an identity (memory source, or beside a directory's files). An identity without a
    /// CNPJ in its certificate is skipped (logged at WARN).
    pub fn inserir(&self, identidade: IdentidadeCertificado) {
        let Some(cnpj) = identidade.cnpj().copied() else {
            tracing::warn!(
                titular = identidade.titular().unwrap_or(""),
                "certificate without a CNPJ: not added to the registry"
            );
            return;
        };
        let mut estado = self.travar();
        let versao = estado.versao();
        estado.memoria.push(Carregada {
            versao,
            cnpj,
            identidade,
            arquivo: None,
        });
    }

    /// The client of the establishment `cnpj`: built on first use with the chosen identity
    /// (see the [module docs](self) for which one wins when there are several), cached, and
    /// rebuilt when the source changed.
    ///
    /// # Errors
    ///
    /// * [`Erro::Identidade`] naming the CNPJ and the date when the chosen certificate is
    ///   expired or not yet valid — before any request is sent;
    /// * [`Erro::Identidade`] when the directory cannot be read;
    /// * [`Erro::Configuracao`] when no certificate of `cnpj` is known (files that could not be
    ///   opened are listed by [`falhas`](Self::falhas)), or the client cannot be built.
    pub fn cliente(&self, cnpj: &Cnpj) -> Result<ClienteRenaveWs, Erro> {
        let mut estado = self.travar();
        self.verificar_se_devido(&mut estado)?;
        let agora = Timestamp::now();
        let escolhida = escolher(estado.carregadas().filter(|c| c.cnpj == *cnpj), agora)
            .cloned()
            .ok_or_else(|| {
                Erro::configuracao(format!(
                    "no certificate of CNPJ {} in the registry",
                    cnpj.as_str()
                ))
            })?;
        let id = &escolhida.identidade;
        if agora > id.nao_depois() {
            return Err(Erro::identidade(
                format!(
                    "the certificate of CNPJ {} expired on {} (not sent)",
                    cnpj.as_str(),
                    id.nao_depois()
                ),
                None,
            ));
        }
        if agora < id.nao_antes() {
            return Err(Erro::identidade(
                format!(
                    "the certificate of CNPJ {} is not valid before {} (not sent)",
                    cnpj.as_str(),
                    id.nao_antes()
                ),
                None,
            ));
        }
        if let Some((versao, cliente)) = estado.clientes.get(cnpj.as_str()) {
            if *versao == escolhida.versao {
                return Ok(cliente.clone());
            }
        }
        let cliente = (self.base)().identidade(id.clone()).build()?;
        estado.clientes.insert(
            cnpj.as_str().to_owned(),
            (escolhida.versao, cliente.clone()),
        );
        Ok(cliente)
    }

    /// The certificate [`cliente`](Self::cliente) would use for `cnpj` now (see the
    /// [module docs](self) for which one wins), valid or not; `None` when none is known.
    pub fn escolhido(&self, cnpj: &Cnpj) -> Result<Option<CertificadoRegistrado>, Erro> {
        let mut estado = self.travar();
        self.verificar_se_devido(&mut estado)?;
        Ok(escolher(
            estado.carregadas().filter(|c| c.cnpj == *cnpj),
            Timestamp::now(),
        )
        .map(|c| CertificadoRegistrado::de(&c.identidade, c.cnpj, c.arquivo.clone())))
    }

    /// Every certificate known (read from the source now if due), the chosen and the others.
    pub fn certificados(&self) -> Result<Vec<CertificadoRegistrado>, Erro> {
        let mut estado = self.travar();
        self.verificar_se_devido(&mut estado)?;
        Ok(estado
            .carregadas()
            .map(|c| CertificadoRegistrado::de(&c.identidade, c.cnpj, c.arquivo.clone()))
            .collect())
    }

    /// The certificates that expire within [`dias_aviso`](Self::dias_aviso) days (default 30),
    /// the expired ones included, soonest first.
    pub fn a_vencer(&self) -> Result<Vec<CertificadoRegistrado>, Erro> {
        self.a_vencer_em(self.dias_aviso)
    }

    /// The certificates that expire within `dias` days, the expired ones included, soonest
    /// first.
    pub fn a_vencer_em(&self, dias: u32) -> Result<Vec<CertificadoRegistrado>, Erro> {
        let limite = limite_aviso(Timestamp::now(), dias);
        let mut lista: Vec<_> = self
            .certificados()?
            .into_iter()
            .filter(|c| c.nao_depois <= limite)
            .collect();
        lista.sort_by_key(|c| c.nao_depois);
        Ok(lista)
    }

    /// The files that could not be opened (no password, wrong password, damaged, no CNPJ),
    /// each with the reason (which names the file, never the password).
    pub fn falhas(&self) -> Result<Vec<(PathBuf, String)>, Erro> {
        let mut estado = self.travar();
        self.verificar_se_devido(&mut estado)?;
        Ok(estado
            .arquivos
            .iter()
            .filter_map(|(p, l)| l.resultado.as_ref().err().map(|e| (p.clone(), e.clone())))
            .collect())
    }

    /// Reads the source again now (the directory's files), whatever the interval.
    pub fn atualizar(&self) -> Result<(), Erro> {
        let mut estado = self.travar();
        self.verificar(&mut estado)
    }

    fn travar(&self) -> MutexGuard<'_, Estado> {
        // A panic while holding the lock leaves a consistent state (every write is whole).
        self.estado
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn verificar_se_devido(&self, estado: &mut Estado) -> Result<(), Erro> {
        let devido = estado
            .verificado_em
            .is_none_or(|v| v.elapsed() >= self.intervalo_verificacao);
        if devido {
            self.verificar(estado)?;
        }
        Ok(())
    }

    /// Re-reads the directory (new, changed and removed files), then logs the expiring
    /// certificates not logged in the last day.
    fn verificar(&self, estado: &mut Estado) -> Result<(), Erro> {
        if let Fonte::Diretorio { dir, senhas } = &self.fonte {
            let entradas = std::fs::read_dir(dir).map_err(|e| {
                Erro::identidade(
                    format!(
                        "the certificate directory `{}` could not be read",
                        dir.display()
                    ),
                    Some(Box::new(e)),
                )
            })?;
            let mut vistos = Vec::new();
            for entrada in entradas.flatten() {
                let caminho = entrada.path();
                let e_pkcs12 = caminho
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| {
                        e.eq_ignore_ascii_case("pfx") || e.eq_ignore_ascii_case("p12")
                    });
                let Ok(meta) = entrada.metadata() else {
                    continue;
                };
                if !e_pkcs12 || !meta.is_file() {
                    continue;
                }
                vistos.push(caminho.clone());
                let (modificado, tamanho) = (meta.modified().ok(), meta.len());
                if estado
                    .arquivos
                    .get(&caminho)
                    .is_some_and(|l| l.modificado == modificado && l.tamanho == tamanho)
                {
                    continue;
                }
                let resultado = match ler(&caminho, senhas.as_ref()) {
                    Ok((cnpj, identidade)) => Ok(Carregada {
                        versao: estado.versao(),
                        cnpj,
                        identidade,
                        arquivo: Some(caminho.clone()),
                    }),
                    Err(motivo) => {
                        tracing::warn!(
                            arquivo = %caminho.display(),
                            motivo = %motivo,
                            "certificate file skipped by the registry"
                        );
                        Err(motivo)
                    }
                };
                estado.arquivos.insert(
                    caminho,
                    Lido {
                        modificado,
                        tamanho,
                        resultado,
                    },
                );
            }
            estado.arquivos.retain(|p, _| vistos.contains(p));
        }
        estado.verificado_em = Some(Instant::now());
        self.avisar_vencimentos(estado);
        Ok(())
    }

    /// One WARN per expiring certificate per day.
    fn avisar_vencimentos(&self, estado: &mut Estado) {
        let agora = Timestamp::now();
        let limite = limite_aviso(agora, self.dias_aviso);
        let a_avisar: Vec<_> = estado
            .carregadas()
            .filter(|c| c.identidade.nao_depois() <= limite)
            .map(|c| {
                (
                    (
                        c.cnpj.as_str().to_owned(),
                        c.identidade.nao_depois().as_second(),
                    ),
                    c.identidade.nao_depois(),
                    c.arquivo.clone(),
                )
            })
            .collect();
        for (chave, nao_depois, arquivo) in a_avisar {
            let avisado = estado
                .avisos
                .get(&chave)
                .is_some_and(|a| a.elapsed() < INTERVALO_AVISO);
            if avisado {
                continue;
            }
            let arquivo = arquivo.as_deref().map(Path::display);
            if nao_depois < agora {
                tracing::warn!(
                    cnpj = %chave.0,
                    nao_depois = %nao_depois,
                    arquivo = ?arquivo.map(|a| a.to_string()),
                    "e-CNPJ certificate expired"
                );
            } else {
                tracing::warn!(
                    cnpj = %chave.0,
                    nao_depois = %nao_depois,
                    arquivo = ?arquivo.map(|a| a.to_string()),
                    "e-CNPJ certificate expires soon"
                );
            }
            estado.avisos.insert(chave, Instant::now());
        }
    }
}

/// `agora` plus `dias` days (saturating).
fn limite_aviso(agora: Timestamp, dias: u32) -> Timestamp {
    let segundos = i64::from(dias) * 86_400;
    agora
        .checked_add(jiff::SignedDuration::from_secs(segundos))
        .unwrap_or(Timestamp::MAX)
}

/// The identity in a PKCS#12 file (the `pkcs12` feature).
#[cfg(feature = "pkcs12")]
fn abrir_pkcs12(caminho: &Path, senha: &SecretString) -> Result<IdentidadeCertificado, String> {
    IdentidadeCertificado::de_arquivo_pkcs12(caminho, senha).map_err(|e| e.to_string())
}

/// Without the `pkcs12` feature a `.pfx` file cannot be read: said per file (see
/// [`RegistroIdentidades::falhas`]).
#[cfg(not(feature = "pkcs12"))]
fn abrir_pkcs12(caminho: &Path, _senha: &SecretString) -> Result<IdentidadeCertificado, String> {
    Err(format!(
        "`{}`: reading a PKCS#12 file needs the `pkcs12` feature of renave-ws-client",
        caminho.display()
    ))
}

/// Opens one PKCS#12 file: its CNPJ and identity, or why not (never the password).
fn ler(
    caminho: &Path,
    senhas: &dyn SenhasCertificados,
) -> Result<(Cnpj, IdentidadeCertificado), String> {
    let senha = senhas
        .senha(caminho)
        .ok_or_else(|| format!("`{}`: no password for this file", caminho.display()))?;
    let identidade = abrir_pkcs12(caminho, &senha)?;
    let cnpj = identidade
        .cnpj()
        .copied()
        .ok_or_else(|| format!("`{}`: the certificate carries no CNPJ", caminho.display()))?;
    Ok((cnpj, identidade))
}

/// The identity to use among the candidates of one CNPJ: valid at `agora` first, then the
/// latest `notAfter`, then the latest `notBefore`; the first in source order on a tie.
fn escolher<'a>(
    candidatas: impl Iterator<Item = &'a Carregada>,
    agora: Timestamp,
) -> Option<&'a Carregada> {
    candidatas.fold(None, |melhor: Option<&Carregada>, c| {
        let chave = |c: &Carregada| {
            (
                c.identidade.valido_em(agora),
                c.identidade.nao_depois(),
                c.identidade.nao_antes(),
            )
        };
        match melhor {
            Some(m) if chave(m) >= chave(c) => Some(m),
            _ => Some(c),
        }
    })
}
