//! The audit export (*exportação de auditoria*): every journaled call of a period as JSON Lines
//! or CSV, for CET-MG's "acesso amplo, total e irrestrito" to the integradora's records and
//! audit trails (Portaria CET-MG 1.542/2025 art. 28 §1) and the Regulamento Técnico's Anexo I
//! (integrity, traceability — item g —, up-to-date records — item i).
//!
//! One line per call: time, API, operation, establishment, outcome, HTTP status, service code,
//! SERPRO `logIdRastreabilidade`, what it produced (stock id, ATPV-e, protocol number…), the
//! vehicle's identifiers and the request digest. Personal data is minimised by default: every
//! CPF is masked ([`Privacidade::Mascarar`]) or replaced by a keyed hash
//! ([`Privacidade::HashChaveado`]); CNPJs, plates, chassis, RENAVAMs and stock ids are kept
//! ([`CAMPOS_NAO_PESSOAIS`]: decided by the field, since a RENAVAM has 11 digits as a CPF).

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;

use crate::Registro;

/// How CPFs appear in an export (*privacidade*, LGPD minimisation). Default: masked.
#[derive(Clone, Default)]
#[non_exhaustive]
pub enum Privacidade {
    /// `***.444.777-**`: the first three and last two digits hidden (default).
    #[default]
    Mascarar,
    /// `hmac:` and the first 32 hex digits of HMAC-SHA-256 under this key: the same CPF gives
    /// the same text (searchable by whoever holds the key), the CPF cannot be read back.
    HashChaveado(Arc<[u8]>),
    /// The full CPF (only where the integradora's data-protection rules allow it).
    Completo,
}

impl fmt::Debug for Privacidade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Mascarar => "Mascarar",
            Self::HashChaveado(_) => "HashChaveado([REDACTED])",
            Self::Completo => "Completo",
        })
    }
}

impl Privacidade {
    /// `valor` as this policy exports it: unchanged unless it is a CPF (11 digits, with or
    /// without `.`/`-` punctuation).
    pub fn aplicar(&self, valor: &str) -> String {
        let digitos: String = valor.chars().filter(char::is_ascii_digit).collect();
        let eh_cpf = digitos.len() == 11
            && valor
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-'));
        if !eh_cpf {
            return valor.to_owned();
        }
        match self {
            Self::Mascarar => format!("***.{}.{}-**", &digitos[3..6], &digitos[6..9]),
            Self::HashChaveado(chave) => {
                let chave = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, chave);
                let tag = ring::hmac::sign(&chave, digitos.as_bytes());
                let hex = tag.as_ref().iter().fold(String::new(), |mut h, b| {
                    use std::fmt::Write as _;
                    let _ = write!(h, "{b:02x}");
                    h
                });
                format!("hmac:{}", &hex[..32])
            }
            Self::Completo => digitos,
        }
    }

    /// `valor` of the journal field `chave` as this policy exports it: the vehicle's and the
    /// stock's identifiers ([`CAMPOS_NAO_PESSOAIS`]: a RENAVAM has 11 digits too, and the
    /// audit needs it whole) are kept; every other field goes through [`Privacidade::aplicar`].
    pub fn aplicar_campo(&self, chave: &str, valor: &str) -> String {
        if CAMPOS_NAO_PESSOAIS.contains(&chave) {
            valor.to_owned()
        } else {
            self.aplicar(valor)
        }
    }

    fn mapa(&self, m: &BTreeMap<String, String>) -> BTreeMap<String, String> {
        m.iter()
            .map(|(k, v)| (k.clone(), self.aplicar_campo(k, v)))
            .collect()
    }
}

/// Journal fields (wire names) that identify the vehicle, the stock or a document, never a
/// person: exported whole under every [`Privacidade`]. Any other field whose value looks like
/// a CPF is minimised (fail closed: an unknown field is treated as personal).
pub const CAMPOS_NAO_PESSOAIS: &[&str] = &[
    "chassi",
    "placa",
    "placaVeiculo",
    "renavam",
    "idEstoque",
    "id_estoque",
    "idEstoqueGeradoNoCancelamentoSaida",
    "idAutorizacaoTransferencia",
    "idAtpv",
    "numeroAtpv",
    "numero_atpv",
];

/// One exported call (*linha de auditoria*), CPFs already minimised.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct LinhaAuditoria {
    /// The journal id.
    pub id: i64,
    /// When the call was made (UTC, RFC 3339).
    pub momento: String,
    /// `cetmg` or `renave-ws`.
    pub api: String,
    /// The operation.
    pub operacao: String,
    /// Whether it changes state (reads appear only when the store journals them).
    pub altera_estado: bool,
    /// The establishment's CNPJ.
    pub estabelecimento: Option<String>,
    /// `pendente`, `executada`, `recusada`, `nao_executada`, `incerta`.
    pub situacao: String,
    /// `resposta` or `reconciliacao`, when there is an outcome.
    pub origem: Option<String>,
    /// When the outcome was recorded (UTC, RFC 3339).
    pub momento_desfecho: Option<String>,
    /// HTTP status.
    pub status: Option<u16>,
    /// The service's code.
    pub codigo: Option<String>,
    /// The service's message (CPFs masked by the client).
    pub mensagem: Option<String>,
    /// SERPRO's `logIdRastreabilidade`.
    pub log_id_rastreabilidade: Option<String>,
    /// The vehicle's and parties' identifiers of the request (CPFs minimised).
    pub identificadores: BTreeMap<String, String>,
    /// What it produced (stock id, ATPV-e, protocol…; CPFs minimised).
    pub produzidos: BTreeMap<String, String>,
    /// SHA-256 of the request body.
    pub resumo: String,
}

impl LinhaAuditoria {
    /// The line of `r` under `privacidade`.
    pub fn de(r: &Registro, privacidade: &Privacidade) -> Self {
        let d = r.desfecho.as_ref();
        Self {
            id: r.id.0,
            momento: r.intencao.momento.to_string(),
            api: r.intencao.api.clone(),
            operacao: r.intencao.operacao.clone(),
            altera_estado: r.intencao.altera_estado,
            estabelecimento: r.intencao.estabelecimento.clone(),
            situacao: r.situacao().como_texto().to_owned(),
            origem: d.map(|d| {
                match d.origem {
                    crate::Origem::Reconciliacao => "reconciliacao",
                    _ => "resposta",
                }
                .to_owned()
            }),
            momento_desfecho: d.map(|d| d.momento.to_string()),
            status: d.and_then(|d| d.status),
            codigo: d.and_then(|d| d.codigo.clone()),
            mensagem: d.and_then(|d| d.mensagem.clone()),
            log_id_rastreabilidade: d.and_then(|d| d.log_id_rastreabilidade.clone()),
            identificadores: privacidade.mapa(&r.intencao.identificadores),
            produzidos: d
                .map(|d| privacidade.mapa(&d.produzidos))
                .unwrap_or_default(),
            resumo: r.intencao.resumo.clone(),
        }
    }
}

/// Writes `registros` as JSON Lines (one JSON object per line, [`LinhaAuditoria`]).
///
/// # Errors
///
/// The writer's error.
pub fn jsonl<W: Write>(
    registros: &[Registro],
    privacidade: &Privacidade,
    mut saida: W,
) -> io::Result<()> {
    for r in registros {
        serde_json::to_writer(&mut saida, &LinhaAuditoria::de(r, privacidade))?;
        saida.write_all(b"\n")?;
    }
    saida.flush()
}

/// The CSV columns, in order.
pub const COLUNAS_CSV: &[&str] = &[
    "id",
    "momento",
    "api",
    "operacao",
    "altera_estado",
    "estabelecimento",
    "situacao",
    "origem",
    "momento_desfecho",
    "status",
    "codigo",
    "mensagem",
    "log_id_rastreabilidade",
    "chassi",
    "placa",
    "renavam",
    "identificadores",
    "produzidos",
    "resumo",
];

/// One CSV field (RFC 4180: quoted when it holds a comma, a quote or a line break).
fn campo(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// `chave=valor;…`
fn pares(m: &BTreeMap<String, String>) -> String {
    m.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// Writes `registros` as CSV (RFC 4180, header [`COLUNAS_CSV`], `\r\n` line ends).
///
/// # Errors
///
/// The writer's error.
pub fn csv<W: Write>(
    registros: &[Registro],
    privacidade: &Privacidade,
    mut saida: W,
) -> io::Result<()> {
    saida.write_all(COLUNAS_CSV.join(",").as_bytes())?;
    saida.write_all(b"\r\n")?;
    for r in registros {
        let l = LinhaAuditoria::de(r, privacidade);
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let veiculo = |k: &str| {
            l.identificadores
                .get(k)
                .or_else(|| l.produzidos.get(k))
                .cloned()
                .unwrap_or_default()
        };
        let placa = {
            let p = veiculo("placa");
            if p.is_empty() {
                veiculo("placaVeiculo")
            } else {
                p
            }
        };
        let linha = [
            l.id.to_string(),
            l.momento.clone(),
            l.api.clone(),
            l.operacao.clone(),
            l.altera_estado.to_string(),
            opt(&l.estabelecimento),
            l.situacao.clone(),
            opt(&l.origem),
            opt(&l.momento_desfecho),
            l.status.map(|s| s.to_string()).unwrap_or_default(),
            opt(&l.codigo),
            opt(&l.mensagem),
            opt(&l.log_id_rastreabilidade),
            veiculo("chassi"),
            placa,
            veiculo("renavam"),
            pares(&l.identificadores),
            pares(&l.produzidos),
            l.resumo.clone(),
        ];
        let texto = linha.iter().map(|c| campo(c)).collect::<Vec<_>>().join(",");
        saida.write_all(texto.as_bytes())?;
        saida.write_all(b"\r\n")?;
    }
    saida.flush()
}

#[cfg(test)]
mod testes {
    use super::*;

    #[test]
    fn cpf_mascarado_por_omissao_hash_chaveado_estavel_cnpj_intacto() {
        let m = Privacidade::default();
        assert_eq!(m.aplicar("11144477735"), "***.444.777-**");
        assert_eq!(m.aplicar("111.444.777-35"), "***.444.777-**");
        assert_eq!(m.aplicar("11222333000181"), "11222333000181");
        assert_eq!(m.aplicar("ABC1D23"), "ABC1D23");
        let h = Privacidade::HashChaveado(Arc::from(&b"chave"[..]));
        let a = h.aplicar("11144477735");
        assert!(a.starts_with("hmac:") && !a.contains("11144477735"), "{a}");
        assert_eq!(a, h.aplicar("111.444.777-35"));
        let outra = Privacidade::HashChaveado(Arc::from(&b"outra"[..]));
        assert_ne!(a, outra.aplicar("11144477735"));
        assert_eq!(
            Privacidade::Completo.aplicar("111.444.777-35"),
            "11144477735"
        );
        assert!(!format!("{h:?}").contains("chave"));
    }

    #[test]
    fn renavam_e_identificadores_do_veiculo_nunca_mascarados_cpf_sempre() {
        let m = Privacidade::default();
        // A RENAVAM has 11 digits, as a CPF: the field name decides, not the digit count.
        assert_eq!(m.aplicar_campo("renavam", "79072338363"), "79072338363");
        assert_eq!(m.aplicar_campo("idEstoque", "12345678901"), "12345678901");
        assert_eq!(
            m.aplicar_campo("cpf_cnpj_comprador", "11144477735"),
            "***.444.777-**"
        );
        // An unknown field is treated as personal.
        assert_eq!(m.aplicar_campo("outro", "11144477735"), "***.444.777-**");
        let mut mapa = BTreeMap::new();
        mapa.insert("renavam".to_owned(), "79072338363".to_owned());
        mapa.insert("cpfCnpj".to_owned(), "111.444.777-35".to_owned());
        let saida = m.mapa(&mapa);
        assert_eq!(saida["renavam"], "79072338363");
        assert_eq!(saida["cpfCnpj"], "***.444.777-**");
    }

    #[test]
    fn csv_cita_virgulas_e_aspas() {
        assert_eq!(campo("a,b"), "\"a,b\"");
        assert_eq!(campo("diz \"x\""), "\"diz \"\"x\"\"\"");
        assert_eq!(campo("simples"), "simples");
    }
}
