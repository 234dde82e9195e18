//! Conditional documents of the Protocolo Digital (*validações condicionais de documentos*,
//! Regulamento Técnico CET-MG §7.3; `cetmg-api.md` §3.17.1).

use std::fmt;

use crate::identificadores::CpfCnpj;
use crate::tabelas::{Atividade, Categoria, DocumentoId, TipoDocumentoAdquirente, TipoVeiculo};

/// The fields of a Protocolo Digital process that the Regulamento Técnico §7.3 table tests
/// (the flags and codes of `criar-processo-transferencia`, §7.1; `cetmg-api.md` §3.15).
///
/// A field the request does not carry is `false` / `None`, and a `None` never satisfies a
/// condition. Build it with a struct literal:
///
/// ```
/// use renave_domain::{Atividade, Categoria, CondicoesDocumentos};
///
/// let condicoes = CondicoesDocumentos {
///     atividade: Some(Atividade::Taxi),
///     categoria: Some(Categoria::Aluguel),
///     ..CondicoesDocumentos::default()
/// };
/// # let _ = condicoes;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CondicoesDocumentos {
    /// `alterar_nome`: the process changes the owner's name.
    pub alterar_nome: bool,
    /// `atividade` of the vehicle.
    pub atividade: Option<Atividade>,
    /// `categoria` of the vehicle.
    pub categoria: Option<Categoria>,
    /// `tipo_veiculo` of the vehicle.
    pub tipo_veiculo: Option<TipoVeiculo>,
    /// `tipo_documento_adquirente`: whether the acquirer is identified by a CPF or a CNPJ (see
    /// [`TipoDocumentoAdquirente::de_documento`]).
    pub tipo_documento_adquirente: Option<TipoDocumentoAdquirente>,
    /// `determinacao_judicial`: the transfer follows a court order.
    pub determinacao_judicial: bool,
    /// `inserir_comodato`: a loan (*comodato*) or lease (*arrendamento*) is being registered.
    pub inserir_comodato: bool,
}

impl TipoDocumentoAdquirente {
    /// The `tipo_documento_adquirente` of an acquirer's document: [`Cpf`](Self::Cpf) (1) or
    /// [`Cnpj`](Self::Cnpj) (2) (Regulamento Técnico §7.3).
    pub fn de_documento(documento: &CpfCnpj) -> Self {
        if documento.cnpj().is_some() {
            Self::Cnpj
        } else {
            Self::Cpf
        }
    }
}

/// Why a document is required: the row (*processo*) of the Regulamento Técnico §7.3 table whose
/// condition holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MotivoDocumento {
    /// *Alteração de Nome*: `alterar_nome` is true.
    AlteracaoNome,
    /// *Uso Próprio (Auto Escola)*: `atividade` is 'O' and `categoria` is 5 (aprendizagem).
    UsoProprioAutoEscola,
    /// *Táxi (Aluguel)*: `atividade` is 'T' and `categoria` is 2 (aluguel).
    TaxiAluguel,
    /// *Motofrete / Mototáxi (Aluguel)*: `atividade` is 'O', `categoria` is 2 and `tipo_veiculo`
    /// is '03' or '04'.
    MotofreteMototaxi,
    /// *Comprador Pessoa Jurídica (Categorias Específicas)*: `categoria` is 7 to 12 (document 286).
    CategoriaEspecifica,
    /// The same row's sub-condition for document 285: `categoria` is 7 to 12 **and**
    /// `tipo_documento_adquirente` is 2 (CNPJ).
    CategoriaEspecificaAdquirenteCnpj,
    /// *Veículo de Coleção*: `atividade` is 'C'.
    VeiculoColecao,
    /// *Determinação Judicial*: `determinacao_judicial` is true.
    DeterminacaoJudicial,
    /// *Inserir Comodato*: `inserir_comodato` is true.
    InserirComodato,
}

impl MotivoDocumento {
    /// The *processo* column of the §7.3 table, in Portuguese.
    pub fn processo(self) -> &'static str {
        match self {
            Self::AlteracaoNome => "Alteração de Nome",
            Self::UsoProprioAutoEscola => "Uso Próprio (Auto Escola)",
            Self::TaxiAluguel => "Táxi (Aluguel)",
            Self::MotofreteMototaxi => "Motofrete / Mototáxi (Aluguel)",
            Self::CategoriaEspecifica | Self::CategoriaEspecificaAdquirenteCnpj => {
                "Comprador Pessoa Jurídica (Categorias Específicas)"
            }
            Self::VeiculoColecao => "Veículo de Coleção",
            Self::DeterminacaoJudicial => "Determinação Judicial",
            Self::InserirComodato => "Inserir Comodato",
        }
    }

    /// The condition that held, in terms of the request's fields.
    pub fn condicao(self) -> &'static str {
        match self {
            Self::AlteracaoNome => "alterar_nome = true",
            Self::UsoProprioAutoEscola => "atividade = 'O' and categoria = 5",
            Self::TaxiAluguel => "atividade = 'T' and categoria = 2",
            Self::MotofreteMototaxi => {
                "atividade = 'O', categoria = 2 and tipo_veiculo in ('03', '04')"
            }
            Self::CategoriaEspecifica => "categoria in 7..=12",
            Self::CategoriaEspecificaAdquirenteCnpj => {
                "categoria in 7..=12 and tipo_documento_adquirente = 2 (CNPJ)"
            }
            Self::VeiculoColecao => "atividade = 'C'",
            Self::DeterminacaoJudicial => "determinacao_judicial = true",
            Self::InserirComodato => "inserir_comodato = true",
        }
    }
}

impl fmt::Display for MotivoDocumento {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.processo(), self.condicao())
    }
}

/// One document the Regulamento Técnico §7.3 table requires, and why.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct DocumentoExigido {
    /// The document id to attach.
    pub documento: DocumentoId,
    /// The table row whose condition holds.
    pub motivo: MotivoDocumento,
}

impl fmt::Display for DocumentoExigido {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.documento.descricao() {
            Some(descricao) => write!(f, "{} ({descricao})", self.documento)?,
            None => write!(f, "{}", self.documento)?,
        }
        write!(f, " for {}", self.motivo)
    }
}

/// The documents the Regulamento Técnico CET-MG §7.3 table (*validações condicionais de
/// documentos*) requires for a Protocolo Digital process, each with the row that requires it,
/// in the table's order.
///
/// | Row | Condition | Document |
/// |---|---|---|
/// | Alteração de Nome | `alterar_nome` | 35 |
/// | Uso Próprio (Auto Escola) | `atividade` 'O' and `categoria` 5 | 238 |
/// | Táxi (Aluguel) | `atividade` 'T' and `categoria` 2 | 284 |
/// | Motofrete / Mototáxi | `atividade` 'O', `categoria` 2, `tipo_veiculo` '03' or '04' | 284 |
/// | Categorias específicas | `categoria` 7–12 | 286; and 285 when `tipo_documento_adquirente` is 2 (CNPJ) |
/// | Veículo de Coleção | `atividade` 'C' | 288 |
/// | Determinação Judicial | `determinacao_judicial` | 289 |
/// | Inserir Comodato | `inserir_comodato` | 291 |
///
/// The 285 sub-condition follows reading A of `cetmg-api.md` §3.17.1: 286 is required for every
/// category 7–12, 285 only when the acquirer is identified by a CNPJ. A CPF acquirer in those
/// categories is not refused here (the server decides).
///
/// ```
/// use renave_domain::{
///     documentos_exigidos, Atividade, Categoria, CondicoesDocumentos, DocumentoId, TipoVeiculo,
/// };
///
/// let motofrete = CondicoesDocumentos {
///     atividade: Some(Atividade::Outros),
///     categoria: Some(Categoria::Aluguel),
///     tipo_veiculo: Some(TipoVeiculo::Motocicleta),
///     ..CondicoesDocumentos::default()
/// };
/// let exigidos = documentos_exigidos(&motofrete);
/// assert_eq!(exigidos.len(), 1);
/// assert_eq!(exigidos[0].documento, DocumentoId::AutorizacaoPoderPublico);
///
/// assert!(documentos_exigidos(&CondicoesDocumentos::default()).is_empty());
/// ```
pub fn documentos_exigidos(condicoes: &CondicoesDocumentos) -> Vec<DocumentoExigido> {
    let atividade = condicoes.atividade.as_ref();
    let categoria = condicoes.categoria.as_ref();
    let outros = atividade == Some(&Atividade::Outros);
    let aluguel = categoria == Some(&Categoria::Aluguel);
    let moto = condicoes
        .tipo_veiculo
        .as_ref()
        .is_some_and(TipoVeiculo::is_motocicleta_ou_motoneta);
    let especifica = categoria.is_some_and(Categoria::is_diplomatica_ou_internacional);
    let adquirente_cnpj =
        condicoes.tipo_documento_adquirente.as_ref() == Some(&TipoDocumentoAdquirente::Cnpj);

    let linhas = [
        (
            condicoes.alterar_nome,
            DocumentoId::DocumentacaoIdentificacao,
            MotivoDocumento::AlteracaoNome,
        ),
        (
            outros && categoria == Some(&Categoria::Aprendizagem),
            DocumentoId::ContratoSocial,
            MotivoDocumento::UsoProprioAutoEscola,
        ),
        (
            atividade == Some(&Atividade::Taxi) && aluguel,
            DocumentoId::AutorizacaoPoderPublico,
            MotivoDocumento::TaxiAluguel,
        ),
        (
            outros && aluguel && moto,
            DocumentoId::AutorizacaoPoderPublico,
            MotivoDocumento::MotofreteMototaxi,
        ),
        (
            especifica && adquirente_cnpj,
            DocumentoId::CartaoCnpj,
            MotivoDocumento::CategoriaEspecificaAdquirenteCnpj,
        ),
        (
            especifica,
            DocumentoId::DocumentoMinisterioExterior,
            MotivoDocumento::CategoriaEspecifica,
        ),
        (
            atividade == Some(&Atividade::Colecao),
            DocumentoId::CertificadoVeiculoColecao,
            MotivoDocumento::VeiculoColecao,
        ),
        (
            condicoes.determinacao_judicial,
            DocumentoId::DocumentoJudicial,
            MotivoDocumento::DeterminacaoJudicial,
        ),
        (
            condicoes.inserir_comodato,
            DocumentoId::ContratoComodatoArrendamento,
            MotivoDocumento::InserirComodato,
        ),
    ];

    linhas
        .into_iter()
        .filter(|(condicao, _, _)| *condicao)
        .map(|(_, documento, motivo)| DocumentoExigido { documento, motivo })
        .collect()
}

/// Checks a list of attached document ids (*lista de documentos anexados*) against the
/// Regulamento Técnico CET-MG §7.3 table: `Ok(())` when every document
/// [`documentos_exigidos`] names is attached, else [`DocumentosFaltantes`] naming every missing
/// one and why. Extra documents are allowed.
///
/// The CET-MG client calls this before sending `criar-processo-transferencia` and
/// `regularizar-pendencia-renave`, so a missing document is reported before anything is sent.
///
/// ```
/// use renave_domain::{verificar_documentos, CondicoesDocumentos, DocumentoId};
///
/// let judicial = CondicoesDocumentos {
///     determinacao_judicial: true,
///     ..CondicoesDocumentos::default()
/// };
/// let erro = verificar_documentos(&judicial, &[]).unwrap_err();
/// assert_eq!(erro.faltantes()[0].documento, DocumentoId::DocumentoJudicial);
/// assert!(verificar_documentos(&judicial, &[DocumentoId::DocumentoJudicial]).is_ok());
/// ```
pub fn verificar_documentos(
    condicoes: &CondicoesDocumentos,
    anexados: &[DocumentoId],
) -> Result<(), DocumentosFaltantes> {
    let faltantes: Vec<DocumentoExigido> = documentos_exigidos(condicoes)
        .into_iter()
        .filter(|exigido| !anexados.contains(&exigido.documento))
        .collect();
    if faltantes.is_empty() {
        Ok(())
    } else {
        Err(DocumentosFaltantes { faltantes })
    }
}

/// Documents required by the Regulamento Técnico CET-MG §7.3 table that are missing from a
/// Protocolo Digital request (returned by [`verificar_documentos`]; never empty).
///
/// Its `Display` is one line naming every missing document and the row that requires it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DocumentosFaltantes {
    faltantes: Vec<DocumentoExigido>,
}

impl DocumentosFaltantes {
    /// The missing documents, in the table's order (at least one).
    pub fn faltantes(&self) -> &[DocumentoExigido] {
        &self.faltantes
    }
}

impl fmt::Display for DocumentosFaltantes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("missing documents required by Regulamento Técnico CET-MG §7.3: ")?;
        for (i, faltante) in self.faltantes.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{faltante}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DocumentosFaltantes {}
