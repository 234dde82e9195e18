//! The shared schemas of Renave-WS (`renave-ws.md` §5): the stock (*estoque*) most operations
//! answer with, its entrada/saída parts, the buyer (*comprador*), transfer authorisations
//! (*autorização de transferência*), 0 km deliveries (*entrega*) and the base64 documents
//! (ATPV-e, termos, CRLV-e), plus the identifiers Renave-WS assigns (`idEstoque`, …).
//!
//! Conventions (binding for every response type of this crate):
//!
//! * responses are `#[non_exhaustive]`, every field an `Option` (the service is "still under
//!   construction", `renave-ws.md` §1.1), and `extras` keeps every field the SDK does not model
//!   ([`Extras`], a [`renave_domain::CamposExtras`] whose `Debug` shows no value);
//! * the `Debug` of every response type masks the CPFs its text fields may hold (LGPD,
//!   [`renave_domain::debug_sem_cpf!`]); the fields themselves keep the text as received;
//! * identifiers the domain validates are [`Recebido<T>`]: typed when the value passes the
//!   domain rule, else kept raw — an odd value never fails the whole answer (e.g. a 0 km stock
//!   reports `renavam: "00000000000"`);
//! * date-times are naive Brasília local time ([`DataHora`], [`Data`](renave_domain::Data); decision D5);
//! * base64 documents are [`DocumentoBase64`], decoded on request.
//!
//! Request types have public fields and no `#[non_exhaustive]`, so they can be written as
//! literals; text fields with a length limit are validated newtypes ([`Bairro`],
//! [`Logradouro`]) so that an over-long value is refused before anything is sent.

use std::fmt;

use renave_domain::{
    Cep, Chassi, Cnpj, CodigoMunicipio, CpfCnpj, DataHora, EstadoAutorizacaoTransferencia,
    EstadoEstoque, MotivoSaida, NumeroCrv, Placa, Renavam, SemCpf, TipoCrv, TipoDocumento, Uf,
};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::erro::Erro;

/// Unknown fields of an answer, kept as received; their `Debug` shows keys and value kinds only
/// (see [`renave_domain::CamposExtras`]).
pub type Extras = renave_domain::CamposExtras;

// ---------------------------------------------------------------------------------------------
// Identifiers assigned by Renave-WS
// ---------------------------------------------------------------------------------------------

macro_rules! id_numerico {
    ($(#[$doc:meta])* $nome:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[serde(transparent)]
        pub struct $nome(pub i64);

        impl $nome {
            /// The number as sent on the wire.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $nome {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl From<i64> for $nome {
            fn from(v: i64) -> Self {
                Self(v)
            }
        }
    };
}

/// `idEstoque` — the id of a stock record (*estoque*), the `id` of an [`Estoque`]
/// (`renave-ws.md` §5.1); the domain's type, shared with the CET-MG client (whose
/// `Identificador` converts to and from it).
pub use renave_domain::IdEstoque;
id_numerico!(
    /// `idAutorizacao` — the id of a transfer authorisation (*autorização de transferência*,
    /// `renave-ws.md` §5.6).
    IdAutorizacao
);
id_numerico!(
    /// `idEntrega` — the id of a 0 km delivery (*entrega*, `renave-ws.md` §5.7).
    IdEntrega
);
id_numerico!(
    /// `idAtpv` — the id of an ATPV-e (`renave-ws.md` §3.1 E9, P-table).
    IdAtpv
);

// ---------------------------------------------------------------------------------------------
// Recebido<T>
// ---------------------------------------------------------------------------------------------

/// A field of an answer as received: typed when it passes the domain rule, the raw value kept
/// otherwise — the domain's one tolerant type, shared with the CET-MG client (see
/// [`renave_domain::Recebido`]).
pub use renave_domain::Recebido;

// ---------------------------------------------------------------------------------------------
// Base64 documents
// ---------------------------------------------------------------------------------------------

/// A document sent as base64 inside JSON (`pdfBase64`, `pdfAtpvBase64`, `xmlAtpvBase64`…;
/// Renave-WS never sends raw PDF, `renave-ws.md` §1.3). The base64 text is kept as received;
/// [`bytes`](Self::bytes) decodes it and [`pdf`](Self::pdf) also checks the `%PDF-` magic.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct DocumentoBase64(pub String);

impl DocumentoBase64 {
    /// Encodes bytes (e.g. a photo of the signed ATPV-e) for a request (standard base64 with
    /// padding).
    pub fn codificar(bytes: &[u8]) -> Self {
        Self(renave_domain::documento::codificar_base64(bytes))
    }

    /// The base64 text as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Decodes the document by the one base64 rule of the SDK
    /// ([`renave_domain::documento`]: standard alphabet, padding optional, ASCII white space
    /// such as MIME line breaks ignored, anything else refused).
    ///
    /// # Errors
    ///
    /// [`Erro::Documento`] naming `campo`, with the domain's error (which never holds
    /// the document) as its source.
    pub fn bytes(&self, campo: &'static str) -> Result<Vec<u8>, Erro> {
        renave_domain::documento::decodificar_base64(&self.0)
            .map_err(|e| erro_documento(campo, "not valid base64", e))
    }

    /// Decodes the document and checks that it is a PDF (the decoded bytes start with
    /// `%PDF-`), by the rule of [`renave_domain::documento::decodificar_pdf_base64`].
    ///
    /// # Errors
    ///
    /// As [`bytes`](Self::bytes), and [`Erro::Documento`] when it is not a PDF.
    pub fn pdf(&self, campo: &'static str) -> Result<Vec<u8>, Erro> {
        let bytes = self.bytes(campo)?;
        if renave_domain::documento::e_pdf(&bytes) {
            Ok(bytes)
        } else {
            Err(Erro::Documento {
                campo,
                motivo: "decoded content is not a PDF (no %PDF- header)".to_owned(),
                fonte: None,
            })
        }
    }
}

fn erro_documento(campo: &'static str, motivo: &str, e: renave_domain::ErroDominio) -> Erro {
    Erro::Documento {
        campo,
        motivo: motivo.to_owned(),
        fonte: Some(Box::new(e)),
    }
}

impl fmt::Debug for DocumentoBase64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DocumentoBase64(<{} base64 chars>)", self.0.len())
    }
}

/// Decodes an optional document field, saying which one is missing.
fn documento(
    campo: &'static str,
    doc: Option<&DocumentoBase64>,
    pdf: bool,
) -> Result<Vec<u8>, Erro> {
    let doc = doc.ok_or_else(|| Erro::Documento {
        campo,
        motivo: "absent from the answer".to_owned(),
        fonte: None,
    })?;
    if pdf {
        doc.pdf(campo)
    } else {
        doc.bytes(campo)
    }
}

// ---------------------------------------------------------------------------------------------
// Validated free-text fields with a length limit
// ---------------------------------------------------------------------------------------------

macro_rules! texto_limitado {
    ($(#[$doc:meta])* $nome:ident, $campo:literal, $max:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, JsonSchema)]
        #[serde(transparent)]
        pub struct $nome(String);

        impl $nome {
            /// Maximum length in characters.
            pub const MAX: usize = $max;

            /// Validates the text: trimmed, not empty, at most [`MAX`](Self::MAX) characters.
            pub fn new(texto: impl Into<String>) -> Result<Self, Erro> {
                let texto: String = texto.into();
                let t = texto.trim();
                let n = t.chars().count();
                if n == 0 {
                    return Err(Erro::entrada(stringify!($nome), $campo, "empty"));
                }
                if n > $max {
                    return Err(Erro::entrada(
                        stringify!($nome),
                        $campo,
                        format!("{n} characters, at most {} allowed", $max),
                    ));
                }
                Ok(Self(t.to_owned()))
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<&str> for $nome {
            type Error = Erro;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                Self::new(s)
            }
        }

        impl<'de> Deserialize<'de> for $nome {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::new(s).map_err(serde::de::Error::custom)
            }
        }
    };
}

texto_limitado!(
    /// `bairro` of a request address: at most 20 characters ("Bairro deve conter no máximo 20
    /// caracteres", `renave-ws.md` §1.3, V).
    Bairro, "bairro", 20
);
texto_limitado!(
    /// `logradouro` of a request address: at most 30 characters ("Logradouro deve conter no
    /// máximo 30 caracteres", `renave-ws.md` §1.3, V).
    Logradouro, "logradouro", 30
);

// ---------------------------------------------------------------------------------------------
// Comprador (request), §5.4
// ---------------------------------------------------------------------------------------------

/// Buyer (*comprador*) of a saída (`renave-ws.md` §5.4, V): E15, Z3, Z15, E31, Z16.
///
/// On the wire the document is the pair `tipoDocumento` (`CPF`/`CNPJ`) + `numeroDocumento`,
/// derived from [`documento`](Self::documento) so that the two can never disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comprador {
    /// `tipoDocumento` + `numeroDocumento`: the buyer's CPF or CNPJ.
    pub documento: CpfCnpj,
    /// `nome`.
    pub nome: String,
    /// `email` — use the establishment's e-mail if the buyer has none (T2).
    pub email: String,
    /// `endereco`.
    pub endereco: EnderecoComprador,
}

/// The wire form of [`Comprador`] (also its JSON Schema).
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(rename = "Comprador")]
struct CompradorFio<'a> {
    tipo_documento: &'static str,
    numero_documento: &'a str,
    nome: &'a str,
    email: &'a str,
    endereco: &'a EnderecoComprador,
}

impl Serialize for Comprador {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (tipo_documento, numero_documento) = tipo_e_numero(&self.documento);
        CompradorFio {
            tipo_documento,
            numero_documento,
            nome: &self.nome,
            email: &self.email,
            endereco: &self.endereco,
        }
        .serialize(s)
    }
}

/// The wire form of [`Comprador`] as read back (a request stored and read again).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CompradorLido {
    tipo_documento: String,
    numero_documento: String,
    nome: String,
    email: String,
    endereco: EnderecoComprador,
}

impl<'de> Deserialize<'de> for Comprador {
    /// Reads the wire form back, with the rules of construction: `tipoDocumento` is `CPF` or
    /// `CNPJ` and `numeroDocumento` a valid document of that kind (the two can never disagree);
    /// the error names the field, never the value.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let lido = CompradorLido::deserialize(d)?;
        let documento = documento_do_fio(
            &lido.tipo_documento,
            &lido.numero_documento,
            "comprador.tipoDocumento",
            "comprador.numeroDocumento",
        )
        .map_err(serde::de::Error::custom)?;
        Ok(Self {
            documento,
            nome: lido.nome,
            email: lido.email,
            endereco: lido.endereco,
        })
    }
}

impl JsonSchema for Comprador {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Comprador".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        CompradorFio::json_schema(generator)
    }
}

/// The wire `tipoDocumento` (`CPF`/`CNPJ`) and digits of a document.
pub(crate) fn tipo_e_numero(doc: &CpfCnpj) -> (&'static str, &str) {
    match doc {
        CpfCnpj::Cpf(c) => ("CPF", c.as_str()),
        CpfCnpj::Cnpj(c) => ("CNPJ", c.as_str()),
    }
}

/// The inverse of [`tipo_e_numero`], for a request read back: `tipo` is `CPF` or `CNPJ` and
/// `numero` a valid document of that kind. The error names the field at fault (`campo_tipo` or
/// `campo_numero`), never the value.
pub(crate) fn documento_do_fio(
    tipo: &str,
    numero: &str,
    campo_tipo: &str,
    campo_numero: &str,
) -> Result<CpfCnpj, String> {
    match tipo {
        "CPF" => numero
            .parse::<renave_domain::Cpf>()
            .map(CpfCnpj::Cpf)
            .map_err(|e| format!("{campo_numero}: {e}")),
        "CNPJ" => numero
            .parse::<Cnpj>()
            .map(CpfCnpj::Cnpj)
            .map_err(|e| format!("{campo_numero}: {e}")),
        _ => Err(format!("{campo_tipo}: expected `CPF` or `CNPJ`")),
    }
}

/// Address of a buyer in a request (`renave-ws.md` §5.4). Read back (`Deserialize`) with the
/// same rules as built: the municipality code, CEP, `logradouro` (≤ 30) and `bairro` (≤ 20)
/// are validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EnderecoComprador {
    /// `codigoMunicipio` — the `id` returned by [`consultar_municipios`](crate::RenaveWsUsados::consultar_municipios)
    /// (SIAFI-style, not IBGE), sent as a JSON number.
    #[serde(with = "renave_domain::codigo_municipio_numero")]
    #[schemars(with = "u16")]
    pub codigo_municipio: CodigoMunicipio,
    /// `cep` — 8 digits.
    pub cep: Cep,
    /// `logradouro` — at most 30 characters.
    pub logradouro: Logradouro,
    /// `numero`.
    pub numero: String,
    /// `bairro` — at most 20 characters.
    pub bairro: Bairro,
    /// `complemento` (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complemento: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Response parts
// ---------------------------------------------------------------------------------------------

/// A municipality as answered (`municipio {id, nome, uf}`; E1, E20, buyer addresses).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Municipio {
    /// `id` — the code to send as `codigoMunicipio` (SIAFI-style, 4 digits).
    #[serde(default)]
    pub id: Option<Recebido<CodigoMunicipio>>,
    /// `nome`.
    #[serde(default)]
    pub nome: Option<String>,
    /// `uf`.
    #[serde(default)]
    pub uf: Option<Recebido<Uf>>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(Municipio {
    id,
    nome,
    uf,
    extras
});

/// An address as answered (E1 `endereco`, buyer `endereco` in responses: `municipio` object
/// instead of `codigoMunicipio`, `renave-ws.md` §5.4).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Endereco {
    /// `bairro`.
    #[serde(default)]
    pub bairro: Option<String>,
    /// `cep`.
    #[serde(default)]
    pub cep: Option<Recebido<Cep>>,
    /// `complemento`.
    #[serde(default)]
    pub complemento: Option<String>,
    /// `logradouro`.
    #[serde(default)]
    pub logradouro: Option<String>,
    /// `numero`.
    #[serde(default)]
    pub numero: Option<String>,
    /// `municipio`.
    #[serde(default)]
    pub municipio: Option<Municipio>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(Endereco {
    bairro,
    cep,
    complemento,
    logradouro,
    numero,
    municipio,
    extras
});

/// A person's document as answered: `{tipoDocumento, numeroDocumento}` (e.g.
/// `entradaEstoque.vendedor`, §5.2).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DocumentoPessoa {
    /// `tipoDocumento` (`CPF`/`CNPJ`).
    #[serde(default)]
    pub tipo_documento: Option<TipoDocumento>,
    /// `numeroDocumento`.
    #[serde(default)]
    pub numero_documento: Option<Recebido<CpfCnpj>>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}

impl fmt::Debug for DocumentoPessoa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocumentoPessoa")
            // An unknown `tipoDocumento` is shown as received: masked like every other field.
            .field("tipo_documento", &SemCpf(&self.tipo_documento))
            .field("numero_documento", &SemCpf(&self.numero_documento))
            .finish_non_exhaustive()
    }
}

/// A buyer as answered inside a saída (`saidaEstoque.comprador`, §5.3).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CompradorResposta {
    /// `tipoDocumento`.
    #[serde(default)]
    pub tipo_documento: Option<TipoDocumento>,
    /// `numeroDocumento`.
    #[serde(default)]
    pub numero_documento: Option<Recebido<CpfCnpj>>,
    /// `nome`.
    #[serde(default)]
    pub nome: Option<String>,
    /// `email`.
    #[serde(default)]
    pub email: Option<String>,
    /// `endereco`.
    #[serde(default)]
    pub endereco: Option<Endereco>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(CompradorResposta {
    tipo_documento,
    numero_documento,
    nome,
    email,
    endereco,
    extras
});

/// Stock entry part of an [`Estoque`] (*entrada em estoque*, `renave-ws.md` §5.2, V).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EntradaEstoque {
    /// `cpfOperadorResponsavel`.
    #[serde(default)]
    pub cpf_operador_responsavel: Option<Recebido<renave_domain::Cpf>>,
    /// `dataHora`.
    #[serde(default)]
    pub data_hora: Option<Recebido<DataHora>>,
    /// `chaveNotaFiscalEntrada` — the purchase NF-e linked by E10 `COMPRA`.
    #[serde(default)]
    pub chave_nota_fiscal_entrada: Option<Recebido<renave_domain::ChaveNfe>>,
    /// `dataHoraEnvioNotaFiscalEntrada`.
    #[serde(default)]
    pub data_hora_envio_nota_fiscal_entrada: Option<Recebido<DataHora>>,
    /// `numeroTermoEntradaEstoque` — protocol number of the Termo de Entrada (PDF via E13).
    #[serde(default)]
    pub numero_termo_entrada_estoque: Option<Recebido<i64>>,
    /// `vendedor` — the seller's document.
    #[serde(default)]
    pub vendedor: Option<DocumentoPessoa>,
    /// Unknown fields (ITE extras such as `chaveNotaFiscalRemessaEntrada` land here).
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(EntradaEstoque {
    cpf_operador_responsavel,
    data_hora,
    chave_nota_fiscal_entrada,
    data_hora_envio_nota_fiscal_entrada,
    numero_termo_entrada_estoque,
    vendedor,
    extras
});

/// Cancellation of a saída (`saidaEstoque.cancelamentoSaidaEstoque`, §5.3).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CancelamentoSaidaEstoque {
    /// `dataHoraCancelamentoSaidaEstoque`.
    #[serde(default)]
    pub data_hora_cancelamento_saida_estoque: Option<Recebido<DataHora>>,
    /// `idEstoqueGeradoNoCancelamentoSaida` — the NEW stock created by the cancellation
    /// (E17/Z4): callers must replace the id they keep.
    #[serde(default)]
    pub id_estoque_gerado_no_cancelamento_saida: Option<IdEstoque>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(CancelamentoSaidaEstoque {
    data_hora_cancelamento_saida_estoque,
    id_estoque_gerado_no_cancelamento_saida,
    extras
});

/// Stock exit part of an [`Estoque`] (*saída de estoque*, `renave-ws.md` §5.3, V).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SaidaEstoque {
    /// `cpfOperadorResponsavel`.
    #[serde(default)]
    pub cpf_operador_responsavel: Option<Recebido<renave_domain::Cpf>>,
    /// `motivo` (e.g. `VENDA`).
    #[serde(default)]
    pub motivo: Option<MotivoSaida>,
    /// `dataHora`.
    #[serde(default)]
    pub data_hora: Option<Recebido<DataHora>>,
    /// `chaveNotaFiscalSaida` — the sale NF-e linked by E10 `VENDA`.
    #[serde(default)]
    pub chave_nota_fiscal_saida: Option<Recebido<renave_domain::ChaveNfe>>,
    /// `dataHoraEnvioNotaFiscalSaida`.
    #[serde(default)]
    pub data_hora_envio_nota_fiscal_saida: Option<Recebido<DataHora>>,
    /// `comprador`.
    #[serde(default)]
    pub comprador: Option<CompradorResposta>,
    /// `numeroTermoSaidaEstoque`.
    #[serde(default)]
    pub numero_termo_saida_estoque: Option<Recebido<i64>>,
    /// `cancelamentoSaidaEstoque`.
    #[serde(default)]
    pub cancelamento_saida_estoque: Option<CancelamentoSaidaEstoque>,
    /// Unknown fields (ITE extras land here).
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(SaidaEstoque {
    cpf_operador_responsavel,
    motivo,
    data_hora,
    chave_nota_fiscal_saida,
    data_hora_envio_nota_fiscal_saida,
    comprador,
    numero_termo_saida_estoque,
    cancelamento_saida_estoque,
    extras
});

/// Cancellation of an entrada (`cancelamentoEstoque`, §5.1).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CancelamentoEstoque {
    /// `dataHoraCancelamentoEstoque`.
    #[serde(default)]
    pub data_hora_cancelamento_estoque: Option<Recebido<DataHora>>,
    /// `motivoCancelamentoEstoque` (value set unknown, kept as text).
    #[serde(default)]
    pub motivo_cancelamento_estoque: Option<String>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(CancelamentoEstoque {
    data_hora_cancelamento_estoque,
    motivo_cancelamento_estoque,
    extras
});

/// A vehicle restriction on a stock (`restricoesVeiculo[]`, §5.1), e.g. `86` /
/// `ESTOQUE_RENAVE_DE_VEICULO_ZERO`.
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RestricaoEstoque {
    /// `codigoTipoRestricao`.
    #[serde(default, deserialize_with = "texto_ou_numero")]
    pub codigo_tipo_restricao: Option<String>,
    /// `tipoRestricao`.
    #[serde(default)]
    pub tipo_restricao: Option<String>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(RestricaoEstoque {
    codigo_tipo_restricao,
    tipo_restricao,
    extras
});

/// A vehicle restriction as answered by E2/E22 (`restricoes[] {codigoTipo, tipo}`).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RestricaoVeiculo {
    /// `codigoTipo`.
    #[serde(default, deserialize_with = "texto_ou_numero")]
    pub codigo_tipo: Option<String>,
    /// `tipo`.
    #[serde(default)]
    pub tipo: Option<String>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(RestricaoVeiculo {
    codigo_tipo,
    tipo,
    extras
});

/// Accepts a JSON string or number as text (codes sent either way).
pub(crate) fn texto_ou_numero<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(outro) => Some(outro.to_string()),
    })
}

/// `origemPorCancelamentoEstoque {idEstoqueOrigem}` (§5.1): the stock this one replaces.
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrigemPorCancelamentoEstoque {
    /// `idEstoqueOrigem`.
    #[serde(default)]
    pub id_estoque_origem: Option<IdEstoque>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(OrigemPorCancelamentoEstoque {
    id_estoque_origem,
    extras
});

/// A stock record (*estoque*), the answer of most operations (`renave-ws.md` §5.1, V).
///
/// ```
/// use renave_ws_client::modelos::Estoque;
///
/// let e: Estoque = serde_json::from_str(r#"{"id": 42, "estado": "SOLICITADO",
///     "chassi": "9BWZZZ377VT004251", "novoCampo": 1}"#).unwrap();
/// assert_eq!(e.id.map(|i| i.get()), Some(42));
/// assert!(e.extras.contains_key("novoCampo"));
/// ```
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Estoque {
    /// `id` — the `idEstoque`.
    #[serde(default)]
    pub id: Option<IdEstoque>,
    /// `estado` (`SOLICITADO`, `TRANSFERIDO`, `CONFIRMADO`, `FINALIZADO`, or unknown).
    #[serde(default)]
    pub estado: Option<EstadoEstoque>,
    /// `chassi`.
    #[serde(default)]
    pub chassi: Option<Recebido<Chassi>>,
    /// `placa` (null for 0 km before plating).
    #[serde(default)]
    pub placa: Option<Recebido<Placa>>,
    /// `renavam`.
    #[serde(default)]
    pub renavam: Option<Recebido<Renavam>>,
    /// `numeroCrv`.
    #[serde(default)]
    pub numero_crv: Option<Recebido<NumeroCrv>>,
    /// `codigoSegurancaCrv` — the code registered on this stock (needed by E14).
    #[serde(default)]
    pub codigo_seguranca_crv: Option<Recebido<renave_domain::CodigoSegurancaCrv>>,
    /// `tipoCrv`.
    #[serde(default)]
    pub tipo_crv: Option<TipoCrv>,
    /// `quilometragemHodometro`.
    #[serde(default)]
    pub quilometragem_hodometro: Option<Recebido<u64>>,
    /// `dataHoraMedicaoHodometro`.
    #[serde(default)]
    pub data_hora_medicao_hodometro: Option<Recebido<DataHora>>,
    /// `entradaEstoque`.
    #[serde(default)]
    pub entrada_estoque: Option<EntradaEstoque>,
    /// `saidaEstoque`.
    #[serde(default)]
    pub saida_estoque: Option<SaidaEstoque>,
    /// `cancelamentoEstoque`.
    #[serde(default)]
    pub cancelamento_estoque: Option<CancelamentoEstoque>,
    /// `restricoesVeiculo`.
    #[serde(default)]
    pub restricoes_veiculo: Option<Vec<RestricaoEstoque>>,
    /// `origemPorCancelamentoEstoque`.
    #[serde(default)]
    pub origem_por_cancelamento_estoque: Option<OrigemPorCancelamentoEstoque>,
    /// `idEstoqueGeradoPorTransferencia` (seen in ITE/montadora answers, I).
    #[serde(default)]
    pub id_estoque_gerado_por_transferencia: Option<IdEstoque>,
    /// `idEstoqueOrigemTransferencia` (I).
    #[serde(default)]
    pub id_estoque_origem_transferencia: Option<IdEstoque>,
    /// Unknown fields (`estoqueEmIte`, `leasingVeiculoInacabado`, … land here).
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(Estoque {
    id,
    estado,
    chassi,
    placa,
    renavam,
    numero_crv,
    codigo_seguranca_crv,
    tipo_crv,
    quilometragem_hodometro,
    data_hora_medicao_hodometro,
    entrada_estoque,
    saida_estoque,
    cancelamento_estoque,
    restricoes_veiculo,
    origem_por_cancelamento_estoque,
    id_estoque_gerado_por_transferencia,
    id_estoque_origem_transferencia,
    extras
});

impl Estoque {
    /// The new stock id created when this stock's saída was cancelled
    /// (`saidaEstoque.cancelamentoSaidaEstoque.idEstoqueGeradoNoCancelamentoSaida`, E17/Z4).
    pub fn id_estoque_gerado_no_cancelamento_saida(&self) -> Option<IdEstoque> {
        self.saida_estoque
            .as_ref()?
            .cancelamento_saida_estoque
            .as_ref()?
            .id_estoque_gerado_no_cancelamento_saida
    }

    /// The chassis as typed value, when valid.
    pub fn chassi_valido(&self) -> Option<&Chassi> {
        self.chassi.as_ref().and_then(Recebido::valido)
    }
}

/// Transfer authorisation (*autorização de transferência*, `renave-ws.md` §5.6, V): E23–E25,
/// Z6, Z7 and the ITE authorisations.
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AutorizacaoTransferencia {
    /// `id` — the `idAutorizacao` Z8/E26 need.
    #[serde(default)]
    pub id: Option<IdAutorizacao>,
    /// `idEstoque` — the origin stock.
    #[serde(default)]
    pub id_estoque: Option<IdEstoque>,
    /// `idEstoqueGerado` — the stock created at the destination.
    #[serde(default)]
    pub id_estoque_gerado: Option<IdEstoque>,
    /// `chassi`.
    #[serde(default)]
    pub chassi: Option<Recebido<Chassi>>,
    /// `placaVeiculo`.
    #[serde(default)]
    pub placa_veiculo: Option<Recebido<Placa>>,
    /// `cnpjEstabelecimentoAutorizador`.
    #[serde(default)]
    pub cnpj_estabelecimento_autorizador: Option<Recebido<Cnpj>>,
    /// `nomeEstabelecimentoAutorizador`.
    #[serde(default)]
    pub nome_estabelecimento_autorizador: Option<String>,
    /// `cnpjEstabelecimentoDestino`.
    #[serde(default)]
    pub cnpj_estabelecimento_destino: Option<Recebido<Cnpj>>,
    /// `estadoAutorizacaoTransferencia` (`CRIADA`, `CONSUMIDA`, `CANCELADA`, or unknown).
    #[serde(default)]
    pub estado_autorizacao_transferencia: Option<EstadoAutorizacaoTransferencia>,
    /// `cpfOperadorResponsavelAutorizacao`.
    #[serde(default)]
    pub cpf_operador_responsavel_autorizacao: Option<Recebido<renave_domain::Cpf>>,
    /// `dataHoraAutorizacao`.
    #[serde(default)]
    pub data_hora_autorizacao: Option<Recebido<DataHora>>,
    /// `cpfOperadorResponsavelTransferencia`.
    #[serde(default)]
    pub cpf_operador_responsavel_transferencia: Option<Recebido<renave_domain::Cpf>>,
    /// `dataHoraTransferencia`.
    #[serde(default)]
    pub data_hora_transferencia: Option<Recebido<DataHora>>,
    /// `cpfOperadorResponsavelCancelamento`.
    #[serde(default)]
    pub cpf_operador_responsavel_cancelamento: Option<Recebido<renave_domain::Cpf>>,
    /// `dataHoraCancelamento`.
    #[serde(default)]
    pub data_hora_cancelamento: Option<Recebido<DataHora>>,
    /// `paraCancelamentoDeTransferencia`.
    #[serde(default)]
    pub para_cancelamento_de_transferencia: Option<Recebido<bool>>,
    /// `estoqueOrigemDeVeiculoZeroKm`.
    #[serde(default)]
    pub estoque_origem_de_veiculo_zero_km: Option<Recebido<bool>>,
    /// `estoqueOrigemEmIte`.
    #[serde(default)]
    pub estoque_origem_em_ite: Option<Recebido<bool>>,
    /// `inacabadoNoPrimeiroEstoque`.
    #[serde(default)]
    pub inacabado_no_primeiro_estoque: Option<Recebido<bool>>,
    /// `paraIte`.
    #[serde(default)]
    pub para_ite: Option<Recebido<bool>>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(AutorizacaoTransferencia {
    id,
    id_estoque,
    id_estoque_gerado,
    chassi,
    placa_veiculo,
    cnpj_estabelecimento_autorizador,
    nome_estabelecimento_autorizador,
    cnpj_estabelecimento_destino,
    estado_autorizacao_transferencia,
    cpf_operador_responsavel_autorizacao,
    data_hora_autorizacao,
    cpf_operador_responsavel_transferencia,
    data_hora_transferencia,
    cpf_operador_responsavel_cancelamento,
    data_hora_cancelamento,
    para_cancelamento_de_transferencia,
    estoque_origem_de_veiculo_zero_km,
    estoque_origem_em_ite,
    inacabado_no_primeiro_estoque,
    para_ite,
    extras
});

/// Registration of a done delivery (`realizacaoEntrega`, §5.7).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RealizacaoEntrega {
    /// `cpfResponsavel`.
    #[serde(default)]
    pub cpf_responsavel: Option<Recebido<renave_domain::Cpf>>,
    /// `dataHoraRegistro`.
    #[serde(default)]
    pub data_hora_registro: Option<Recebido<DataHora>>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(RealizacaoEntrega {
    cpf_responsavel,
    data_hora_registro,
    extras
});

/// Cancellation of a delivery (`cancelamentoEntrega`, §5.7).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CancelamentoEntrega {
    /// `cpfResponsavel`.
    #[serde(default)]
    pub cpf_responsavel: Option<Recebido<renave_domain::Cpf>>,
    /// `dataHoraRegistro`.
    #[serde(default)]
    pub data_hora_registro: Option<Recebido<DataHora>>,
    /// `motivo` (value set unknown).
    #[serde(default)]
    pub motivo: Option<String>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(CancelamentoEntrega {
    cpf_responsavel,
    data_hora_registro,
    motivo,
    extras
});

/// A 0 km delivery of a direct sale (*entrega*, `renave-ws.md` §5.7, P): Z12–Z14.
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Entrega {
    /// `id` — the `idEntrega`.
    #[serde(default)]
    pub id: Option<IdEntrega>,
    /// `chassi`.
    #[serde(default)]
    pub chassi: Option<Recebido<Chassi>>,
    /// `estado` (value set unknown, kept as text).
    #[serde(default)]
    pub estado: Option<String>,
    /// `idAtpv`.
    #[serde(default)]
    pub id_atpv: Option<IdAtpv>,
    /// `cnpjEstabelecimentoEntregador`.
    #[serde(default)]
    pub cnpj_estabelecimento_entregador: Option<Recebido<Cnpj>>,
    /// `cnpjEstabelecimentoVendedor`.
    #[serde(default)]
    pub cnpj_estabelecimento_vendedor: Option<Recebido<Cnpj>>,
    /// `idEntregaGeradaNoCancelamentoEntrega`.
    #[serde(default)]
    pub id_entrega_gerada_no_cancelamento_entrega: Option<IdEntrega>,
    /// `idEntregaOrigemCancelamentoEntrega`.
    #[serde(default)]
    pub id_entrega_origem_cancelamento_entrega: Option<IdEntrega>,
    /// `realizacaoEntrega`.
    #[serde(default)]
    pub realizacao_entrega: Option<RealizacaoEntrega>,
    /// `cancelamentoEntrega`.
    #[serde(default)]
    pub cancelamento_entrega: Option<CancelamentoEntrega>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(Entrega {
    id,
    chassi,
    estado,
    id_atpv,
    cnpj_estabelecimento_entregador,
    cnpj_estabelecimento_vendedor,
    id_entrega_gerada_no_cancelamento_entrega,
    id_entrega_origem_cancelamento_entrega,
    realizacao_entrega,
    cancelamento_entrega,
    extras
});

// ---------------------------------------------------------------------------------------------
// Documents, §5.5
// ---------------------------------------------------------------------------------------------

/// The ATPV-e (*Autorização para Transferência de Propriedade de Veículo* electronic): E7, E8
/// and (assumed, I) E9 (`renave-ws.md` §5.5, V).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PdfAtpv {
    /// `numeroAtpv`.
    #[serde(default, deserialize_with = "texto_ou_numero")]
    pub numero_atpv: Option<String>,
    /// `pdfAtpvBase64`.
    #[serde(default)]
    pub pdf_atpv_base64: Option<DocumentoBase64>,
    /// `xmlAtpvBase64`.
    #[serde(default)]
    pub xml_atpv_base64: Option<DocumentoBase64>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(PdfAtpv {
    numero_atpv,
    pdf_atpv_base64,
    xml_atpv_base64,
    extras
});

impl PdfAtpv {
    /// The ATPV-e PDF, decoded and checked.
    pub fn pdf(&self) -> Result<Vec<u8>, Erro> {
        documento("pdfAtpvBase64", self.pdf_atpv_base64.as_ref(), true)
    }

    /// The ATPV-e XML, decoded.
    pub fn xml(&self) -> Result<Vec<u8>, Erro> {
        documento("xmlAtpvBase64", self.xml_atpv_base64.as_ref(), false)
    }
}

/// Termo de Entrada em Estoque (TEE, E13; `renave-ws.md` §5.5).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TermoEntradaEstoque {
    /// `numeroTermoEntradaEstoque`.
    #[serde(default)]
    pub numero_termo_entrada_estoque: Option<Recebido<i64>>,
    /// `pdfBase64`.
    #[serde(default)]
    pub pdf_base64: Option<DocumentoBase64>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(TermoEntradaEstoque {
    numero_termo_entrada_estoque,
    pdf_base64,
    extras
});

impl TermoEntradaEstoque {
    /// The termo PDF, decoded and checked.
    pub fn pdf(&self) -> Result<Vec<u8>, Erro> {
        documento("pdfBase64", self.pdf_base64.as_ref(), true)
    }
}

/// Termo de Saída de Estoque (E16; being phased out; `renave-ws.md` §5.5).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TermoSaidaEstoque {
    /// `numeroTermoSaidaEstoque`.
    #[serde(default)]
    pub numero_termo_saida_estoque: Option<Recebido<i64>>,
    /// `pdfBase64`.
    #[serde(default)]
    pub pdf_base64: Option<DocumentoBase64>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(TermoSaidaEstoque {
    numero_termo_saida_estoque,
    pdf_base64,
    extras
});

impl TermoSaidaEstoque {
    /// The termo PDF, decoded and checked.
    pub fn pdf(&self) -> Result<Vec<u8>, Erro> {
        documento("pdfBase64", self.pdf_base64.as_ref(), true)
    }
}

/// The CRLV-e (*Certificado de Registro e Licenciamento de Veículo* electronic) of a vehicle
/// owned by the establishment (E18 `CrlveJson`; `renave-ws.md` §4 E18, V).
#[derive(Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Crlve {
    /// `numero`.
    #[serde(default, deserialize_with = "texto_ou_numero")]
    pub numero: Option<String>,
    /// `placa`.
    #[serde(default)]
    pub placa: Option<Recebido<Placa>>,
    /// `renavam`.
    #[serde(default)]
    pub renavam: Option<Recebido<Renavam>>,
    /// `dataEmissao`.
    #[serde(default)]
    pub data_emissao: Option<String>,
    /// `cnpjEstabelecimento`.
    #[serde(default)]
    pub cnpj_estabelecimento: Option<Recebido<Cnpj>>,
    /// `nomeEstabelecimento`.
    #[serde(default)]
    pub nome_estabelecimento: Option<String>,
    /// `pdfBase64` — the CRLV-e.
    #[serde(default)]
    pub pdf_base64: Option<DocumentoBase64>,
    /// `pdfCodigoSegurancaCrvBase64` — the only place the new CRV security code is given
    /// (`renave-ws.md` §4 E15).
    #[serde(default)]
    pub pdf_codigo_seguranca_crv_base64: Option<DocumentoBase64>,
    /// `hashPdfSha512`.
    #[serde(default)]
    pub hash_pdf_sha512: Option<String>,
    /// `assinaturaDetranP7sBase64`.
    #[serde(default)]
    pub assinatura_detran_p7s_base64: Option<DocumentoBase64>,
    /// Unknown fields.
    #[serde(flatten)]
    pub extras: Extras,
}
renave_domain::debug_sem_cpf!(Crlve {
    numero,
    placa,
    renavam,
    data_emissao,
    cnpj_estabelecimento,
    nome_estabelecimento,
    pdf_base64,
    pdf_codigo_seguranca_crv_base64,
    hash_pdf_sha512,
    assinatura_detran_p7s_base64,
    extras
});

impl Crlve {
    /// The CRLV-e PDF, decoded and checked.
    pub fn pdf(&self) -> Result<Vec<u8>, Erro> {
        documento("pdfBase64", self.pdf_base64.as_ref(), true)
    }

    /// The PDF holding the new CRV security code, decoded and checked.
    pub fn pdf_codigo_seguranca_crv(&self) -> Result<Vec<u8>, Erro> {
        documento(
            "pdfCodigoSegurancaCrvBase64",
            self.pdf_codigo_seguranca_crv_base64.as_ref(),
            true,
        )
    }

    /// The Detran's PKCS#7 signature, decoded.
    pub fn assinatura_detran_p7s(&self) -> Result<Vec<u8>, Erro> {
        documento(
            "assinaturaDetranP7sBase64",
            self.assinatura_detran_p7s_base64.as_ref(),
            false,
        )
    }
}

/// The answer of an operation whose success body is empty or unknown (E5, E10 and others):
/// the status and whatever the service sent, if anything. Any 2xx is success, whatever its
/// body (`renave-ws.md` §7.6: a done request must never look failed). Its `Debug` masks every
/// CPF of the body.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct Confirmacao {
    /// The HTTP status (any 2xx, usually 200 or 201).
    pub status: u16,
    /// The body, when it was non-empty JSON.
    pub corpo: Option<Value>,
    /// A capped snippet of the raw body when it was non-empty but not JSON (e.g. `OK` or an
    /// HTML page), its CPFs masked; `None` when the body was empty or JSON.
    pub corpo_texto: Option<renave_http::BodySnippet>,
}
renave_domain::debug_sem_cpf!(Confirmacao {
    status,
    corpo,
    corpo_texto
});

/// The wire form of a [`Confirmacao`]: any body (empty, JSON or text) of a 2xx answer.
impl JsonSchema for Confirmacao {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Confirmacao".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Any 2xx answer is success, whatever its body: empty, JSON or text \
                            (renave-ws.md §7.6)."
        })
    }
}

#[cfg(test)]
mod testes {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn confirmacao_debug_sem_cpf() {
        let c = Confirmacao {
            status: 200,
            corpo: Some(
                serde_json::json!({"mensagem": "CPF 529.982.247-25", "cpf": 52_998_224_725_u64}),
            ),
            corpo_texto: Some(renave_http::BodySnippet::from_bytes(
                b"OK CPF 529.982.247-25",
                100,
            )),
        };
        for d in [format!("{c:?}"), format!("{c:#?}")] {
            assert!(
                !d.contains("52998224725") && !d.contains("529.982.247-25"),
                "{d}"
            );
            assert!(d.contains("200") && d.contains("***.***.***-25"), "{d}");
        }
    }

    /// The one base64 rule of both clients (`renave_domain::documento`): padding optional,
    /// white space ignored, anything else (URL-safe alphabet, a data URL) refused; a PDF starts
    /// with `%PDF-`.
    #[test]
    fn documento_segue_a_regra_unica() {
        let doc = |t: &str| DocumentoBase64(t.to_owned());
        assert_eq!(doc("JVBERi0").pdf("x").ok(), Some(b"%PDF-".to_vec()));
        assert_eq!(doc("JVBE\r\nRi0=").pdf("x").ok(), Some(b"%PDF-".to_vec()));
        for recusado in [
            "JVBERi0_",
            "data:application/pdf;base64,JVBERi0=",
            "TQ=",
            "T",
        ] {
            assert!(
                matches!(
                    doc(recusado).bytes("pdfBase64"),
                    Err(Erro::Documento {
                        campo: "pdfBase64",
                        ..
                    })
                ),
                "{recusado}"
            );
        }
        assert!(matches!(
            doc("77u/JVBERi0=").pdf("pdfBase64"),
            Err(Erro::Documento {
                campo: "pdfBase64",
                ..
            })
        ));
    }

    proptest! {
        /// base64 documents round-trip, with line breaks inserted by encoders ignored.
        #[test]
        fn documento_ida_e_volta(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let d = DocumentoBase64::codificar(&bytes);
            prop_assert_eq!(d.bytes("x").ok(), Some(bytes.clone()));
            let quebrado: String = d
                .as_str()
                .as_bytes()
                .chunks(76)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect::<Vec<_>>()
                .join("\r\n");
            prop_assert_eq!(DocumentoBase64(quebrado).bytes("x").ok(), Some(bytes.clone()));
            prop_assert_eq!(d.pdf("x").is_ok(), bytes.starts_with(b"%PDF-"));
        }

        /// Any text decodes into `Recebido<Placa>` (never an error) and is kept as sent when the
        /// rule refuses it.
        #[test]
        fn recebido_nunca_falha(s in ".{0,20}") {
            let json = serde_json::to_string(&s).expect("string");
            let r: Recebido<Placa> = serde_json::from_str(&json).expect("never fails");
            match &r {
                Recebido::Valido(p) => prop_assert_eq!(Some(*p), s.parse::<Placa>().ok()),
                Recebido::Bruto(b) => prop_assert_eq!(b, &s),
            }
            let volta: Recebido<Placa> =
                serde_json::from_str(&serde_json::to_string(&r).expect("ser")).expect("de");
            prop_assert_eq!(volta, r);
        }

        /// Length limits count characters, not bytes.
        #[test]
        fn limites_em_caracteres(s in "[a-zA-ZÀ-ú ]{1,40}") {
            let n = s.trim().chars().count();
            prop_assert_eq!(Bairro::new(s.clone()).is_ok(), (1..=20).contains(&n));
            prop_assert_eq!(Logradouro::new(s.clone()).is_ok(), (1..=30).contains(&n));
        }
    }
}
