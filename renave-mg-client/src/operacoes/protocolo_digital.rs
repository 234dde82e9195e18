//! Protocolo Digital (Regulamento Técnico CET-MG §5.16–§5.19, §6.2.3, §7.1–§7.5;
//! `cetmg-api.md` §3.15–§3.19).
//!
//! `criar_processo_transferencia` and `regularizar_pendencia_renave` check the conditional
//! documents of the R §7.3 table before sending (reading A of the 285 sub-condition,
//! `cetmg-api.md` §3.17.1) and refuse, naming every missing document, with
//! [`Erro::DocumentosFaltantes`]. The ficha de cadastro must be a PDF (R §7.5).
//!
//! ```no_run
//! use renave_domain::{Atividade, Categoria, DocumentoId, TipoVeiculo, Uf};
//! use renave_mg_client::ClienteCetMg;
//! use renave_mg_client::operacoes::protocolo_digital::ProcessoTransferencia;
//! # async fn f(cliente: ClienteCetMg) -> Result<(), Box<dyn std::error::Error>> {
//! let processo = ProcessoTransferencia {
//!     placa: "ABC1D23".parse()?,
//!     chassi: "9BWZZZ377VT004251".parse()?,
//!     renavam: "63890708873".parse()?,
//!     marca_modelo: "VW/GOL 1.0".into(),
//!     cpf_cnpj_solicitante: "11222333000181".parse()?,
//!     nome_solicitante: "Loja Exemplo Ltda".into(),
//!     email_solicitante: "loja@example.com".into(),
//!     telefone_solicitante: "3133330000".into(),
//!     nome_adquirente: "Maria Silva".into(),
//!     cpf_cnpj_adquirente: "52998224725".parse()?,
//!     logradouro_adquirente: "Rua A".into(),
//!     numero_adquirente: "10".into(),
//!     complemento_adquirente: None,
//!     bairro_adquirente: "Centro".into(),
//!     cep_adquirente: "30130000".parse()?,
//!     codigo_ibge_municipio_adquirente: "3106200".parse()?,
//!     nome_municipio_adquirente: "Belo Horizonte".into(),
//!     uf_adquirente: Uf::Mg,
//!     atividade: Atividade::Taxi,
//!     categoria: Categoria::Aluguel,
//!     codigo_tipo_veiculo: None,
//!     tipo_veiculo: TipoVeiculo::Automovel,
//!     isencao_ipva: false,
//!     alterar_endereco: false,
//!     alterar_nome: false,
//!     alterar_cor: false,
//!     alterar_caracteristicas_tecnicas: false,
//!     instalar_bascula: false,
//!     alterar_eixo: false,
//!     determinacao_judicial: false,
//!     inserir_comodato: false,
//!     tipo_documento_adquirente: None,
//!     // Táxi (atividade T, categoria 2) requires document 284 (R §7.3).
//!     documentos_anexados: vec![DocumentoId::AutorizacaoPoderPublico],
//! };
//! let criado = cliente.criar_processo_transferencia(&processo).await?;
//! println!("protocolo {:?}", criado.numero_protocolo);
//! # Ok(()) }
//! ```

use renave_domain::CamposExtras;
use renave_domain::rotas;
use renave_domain::tabelas::construtor;
use renave_domain::{
    Atividade, Categoria, Cep, Chassi, CodigoMunicipioIbge, CondicoesDocumentos, CpfCnpj, Data,
    DocumentoId, ErroDominio, Motivo, Placa, Renavam, TipoDocumentoAdquirente, TipoVeiculo, Uf,
    verificar_documentos,
};
use renave_http::{Endpoint, Idempotency};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    Identificador, Lista, Operacao, Recebido, RespostaRetorno, Retorno, base64_bytes, exigir_texto,
    parece_pdf, rota,
};
use crate::erro::Erro;

/// `POST protocolo-digital/criar-processo-transferencia` — R §5.16, §7.1. Path V; method I.
/// State-changing.
pub const CRIAR_PROCESSO_TRANSFERENCIA: Endpoint = Endpoint {
    name: "criar_processo_transferencia",
    route: rota(rotas::cetmg::CRIAR_PROCESSO_TRANSFERENCIA),
    idempotency: Idempotency::StateChanging,
};

/// `GET protocolo-digital/recuperar-protocolo-renave?…` — R §5.17, §7.2. Path V; method and
/// query names I (a route override to `POST` sends the same parameters as a JSON body).
pub const RECUPERAR_PROTOCOLO_RENAVE: Endpoint = Endpoint {
    name: "recuperar_protocolo_renave",
    route: rota(rotas::cetmg::RECUPERAR_PROTOCOLO_RENAVE),
    idempotency: Idempotency::Idempotent,
};

/// `POST protocolo-digital/regularizar-pendencia-renave` — R §5.18, §7.3. Path V; method I.
/// State-changing.
pub const REGULARIZAR_PENDENCIA_RENAVE: Endpoint = Endpoint {
    name: "regularizar_pendencia_renave",
    route: rota(rotas::cetmg::REGULARIZAR_PENDENCIA_RENAVE),
    idempotency: Idempotency::StateChanging,
};

/// `POST protocolo-digital/upload-documento-ficha-cadastro-renave` — R §6.2.3, §7.5 (§5.19
/// misprints it, erratum 3). Method I. State-changing.
pub const UPLOAD_DOCUMENTO_FICHA_CADASTRO: Endpoint = Endpoint {
    name: "upload_documento_ficha_cadastro",
    route: rota(rotas::cetmg::UPLOAD_DOCUMENTO_FICHA_CADASTRO),
    idempotency: Idempotency::StateChanging,
};

/// `GET protocolo-digital/listar-veiculos-comunicacao-venda/{cpf_cnpj_proprietario}` — R §7.4.
/// Path V; method I.
pub const LISTAR_VEICULOS_COMUNICACAO_VENDA: Endpoint = Endpoint {
    name: "listar_veiculos_comunicacao_venda",
    route: rota(rotas::cetmg::LISTAR_VEICULOS_COMUNICACAO_VENDA),
    idempotency: Idempotency::Idempotent,
};

/// Turns the domain's missing-document report into the client's error.
fn erro_documentos(operacao: &str, falta: &renave_domain::DocumentosFaltantes) -> Erro {
    Erro::DocumentosFaltantes {
        operacao: operacao.into(),
        faltantes: falta.faltantes().to_vec(),
    }
}

// ---------------------------------------------------------------------------------------------

/// *Criar processo de transferência* (R §5.16, §7.1): vehicle, solicitante, adquirente and the
/// flags the §7.3 table tests. Flag names in the §7.3 table are V (`alterar_nome`,
/// `atividade`, `categoria`, `tipo_veiculo`, `tipo_documento_adquirente`,
/// `determinacao_judicial`, `inserir_comodato`); the others are I.
///
/// Booleans are sent as JSON `true`/`false` (the table writes "true (valor 1)").
///
/// Build it with [`ProcessoTransferencia::builder`] (flags default to `false`, the document
/// list to empty); `build()` and `Deserialize` run [`verificar`](Self::verificar), which
/// refuses a code its table does not know (`atividade`, `categoria`, `tipo_veiculo`,
/// `tipo_documento_adquirente`) unless built with the table's `desconhecido_permitido`;
/// `codigo_tipo_veiculo` has no static table and the SDK's document-id table names only the
/// §7.3 documents, so for these only the format (digits) is checked. The §7.3 documents check runs before sending.
///
/// ```
/// use renave_domain::{Atividade, Categoria, TipoVeiculo, Uf};
/// use renave_mg_client::operacoes::protocolo_digital::ProcessoTransferencia;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let processo = ProcessoTransferencia::builder()
///     .placa("ABC1D23".parse::<renave_domain::Placa>()?)
///     .chassi("9BWZZZ377VT004251".parse::<renave_domain::Chassi>()?)
///     .renavam("12345678900".parse::<renave_domain::Renavam>()?)
///     .marca_modelo("VW/GOL 1.0")
///     .cpf_cnpj_solicitante("11222333000181".parse::<renave_domain::CpfCnpj>()?)
///     .nome_solicitante("Loja Exemplo Ltda")
///     .email_solicitante("loja@example.com")
///     .telefone_solicitante("3133330000")
///     .nome_adquirente("Maria Silva")
///     .cpf_cnpj_adquirente("52998224725".parse::<renave_domain::CpfCnpj>()?)
///     .logradouro_adquirente("Rua A")
///     .numero_adquirente("10")
///     .bairro_adquirente("Centro")
///     .cep_adquirente("30130000".parse::<renave_domain::Cep>()?)
///     .codigo_ibge_municipio_adquirente("3106200".parse::<renave_domain::CodigoMunicipioIbge>()?)
///     .nome_municipio_adquirente("Belo Horizonte")
///     .uf_adquirente("MG".parse::<Uf>()?)
///     .atividade(Atividade::Outros)
///     .categoria(Categoria::Particular)
///     .tipo_veiculo(TipoVeiculo::Automovel)
///     .build()?;
/// assert!(!processo.alterar_nome);
///
/// let erro = ProcessoTransferencia::builder().placa(processo.placa).build().unwrap_err();
/// assert_eq!(erro.tipo(), "chassi");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self")]
pub struct ProcessoTransferencia {
    /// `placa`.
    pub placa: Placa,
    /// `chassi`.
    pub chassi: Chassi,
    /// `renavam` (the regulation's "RENAVAL").
    pub renavam: Renavam,
    /// `marca_modelo` — marca/modelo (R §5.25).
    pub marca_modelo: String,
    /// `cpf_cnpj_solicitante` — the seller or legal representative.
    pub cpf_cnpj_solicitante: CpfCnpj,
    /// `nome_solicitante`.
    pub nome_solicitante: String,
    /// `email_solicitante`.
    pub email_solicitante: String,
    /// `telefone_solicitante`.
    pub telefone_solicitante: String,
    /// `nome_adquirente`.
    pub nome_adquirente: String,
    /// `cpf_cnpj_adquirente`.
    pub cpf_cnpj_adquirente: CpfCnpj,
    /// `logradouro_adquirente`.
    pub logradouro_adquirente: String,
    /// `numero_adquirente`.
    pub numero_adquirente: String,
    /// `complemento_adquirente`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complemento_adquirente: Option<String>,
    /// `bairro_adquirente` — bairro or distrito.
    pub bairro_adquirente: String,
    /// `cep_adquirente`.
    pub cep_adquirente: Cep,
    /// `codigo_ibge_municipio_adquirente`.
    pub codigo_ibge_municipio_adquirente: CodigoMunicipioIbge,
    /// `nome_municipio_adquirente`.
    pub nome_municipio_adquirente: String,
    /// `uf_adquirente`.
    pub uf_adquirente: Uf,
    /// `atividade` — T, L, E, C, O (V).
    pub atividade: Atividade,
    /// `categoria` (V).
    pub categoria: Categoria,
    /// `codigo_tipo_veiculo` — "código do tipo de veículo" (R §7.1 lists it apart from
    /// `tipo_veiculo`; I).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codigo_tipo_veiculo: Option<Identificador>,
    /// `tipo_veiculo` — two-digit RENAVAM code such as `'03'` (V).
    pub tipo_veiculo: TipoVeiculo,
    /// `isencao_ipva`.
    pub isencao_ipva: bool,
    /// `alterar_endereco`.
    pub alterar_endereco: bool,
    /// `alterar_nome` (V).
    pub alterar_nome: bool,
    /// `alterar_cor`.
    pub alterar_cor: bool,
    /// `alterar_caracteristicas_tecnicas`.
    pub alterar_caracteristicas_tecnicas: bool,
    /// `instalar_bascula`.
    pub instalar_bascula: bool,
    /// `alterar_eixo`.
    pub alterar_eixo: bool,
    /// `determinacao_judicial` (V).
    pub determinacao_judicial: bool,
    /// `inserir_comodato` (V).
    pub inserir_comodato: bool,
    /// `tipo_documento_adquirente` — 1 CPF, 2 CNPJ (V for 2). When `None` the SDK derives it
    /// from `cpf_cnpj_adquirente`; when given it must agree with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tipo_documento_adquirente: Option<TipoDocumentoAdquirente>,
    /// `documentos_anexados` — ids of the complementary documents the process will carry
    /// (R §7.3: "A lista de documentos Anexados … deve conter o(s) ID(s)"). Checked against the
    /// §7.3 table before sending.
    pub documentos_anexados: Vec<DocumentoId>,
}

impl ProcessoTransferencia {
    /// The `tipo_documento_adquirente` sent: the given one, else the acquirer's document type.
    pub fn tipo_documento_adquirente_efetivo(&self) -> TipoDocumentoAdquirente {
        self.tipo_documento_adquirente
            .clone()
            .unwrap_or_else(|| TipoDocumentoAdquirente::de_documento(&self.cpf_cnpj_adquirente))
    }

    /// The conditions of the R §7.3 table this process triggers (pass them to
    /// [`RegularizacaoPendencia::condicoes`] when regularizing a pendência of it).
    pub fn condicoes_documentos(&self) -> CondicoesDocumentos {
        CondicoesDocumentos {
            alterar_nome: self.alterar_nome,
            atividade: Some(self.atividade.clone()),
            categoria: Some(self.categoria.clone()),
            tipo_veiculo: Some(self.tipo_veiculo.clone()),
            tipo_documento_adquirente: Some(self.tipo_documento_adquirente_efetivo()),
            determinacao_judicial: self.determinacao_judicial,
            inserir_comodato: self.inserir_comodato,
        }
    }
}

impl Operacao for ProcessoTransferencia {
    const ENDPOINT: Endpoint = CRIAR_PROCESSO_TRANSFERENCIA;
    type Resposta = RespostaCriarProcesso;
    type Erro = crate::erro::Erro;

    fn corpo(&self) -> Result<Vec<u8>, serde_json::Error> {
        // `tipo_documento_adquirente` is sent even when not given: derived from the acquirer.
        let mut v = serde_json::to_value(self)?;
        if let Value::Object(m) = &mut v {
            m.insert(
                "tipo_documento_adquirente".into(),
                serde_json::to_value(self.tipo_documento_adquirente_efetivo())?,
            );
        }
        serde_json::to_vec(&v)
    }

    fn validar(&self) -> Result<(), crate::erro::Erro> {
        let operacao = Self::ENDPOINT.name;
        self.verificar()
            .map_err(|e| super::entrada_de_dominio(operacao, e))?;
        verificar_documentos(&self.condicoes_documentos(), &self.documentos_anexados)
            .map_err(|f| erro_documentos(operacao, &f))
    }
}

impl ProcessoTransferencia {
    /// Checks what the field types cannot, before anything is sent (the client calls it; so do
    /// `build()` and `Deserialize`): the texts are not blank, the table codes are known (or
    /// explicitly allowed), `codigo_tipo_veiculo` is digits, `tipo_documento_adquirente`
    /// agrees with `cpf_cnpj_adquirente`. The §7.3 documents check is the client's, on send.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the wire name of the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        for (campo, valor) in [
            ("marca_modelo", &self.marca_modelo),
            ("nome_solicitante", &self.nome_solicitante),
            ("email_solicitante", &self.email_solicitante),
            ("telefone_solicitante", &self.telefone_solicitante),
            ("nome_adquirente", &self.nome_adquirente),
            ("logradouro_adquirente", &self.logradouro_adquirente),
            ("numero_adquirente", &self.numero_adquirente),
            ("bairro_adquirente", &self.bairro_adquirente),
            ("nome_municipio_adquirente", &self.nome_municipio_adquirente),
        ] {
            construtor::exigir_texto(campo, valor)?;
        }
        self.atividade.exigir_conhecido("atividade")?;
        self.categoria.exigir_conhecido("categoria")?;
        self.tipo_veiculo.exigir_conhecido("tipo_veiculo")?;
        if let Some(c) = &self.codigo_tipo_veiculo {
            construtor::exigir_codigo_numerico("codigo_tipo_veiculo", &c.to_string())?;
        }
        // Document ids: the SDK names only the §7.3 ones (the ficha de cadastro's id, for one,
        // is not published), so only their format is checked.
        for d in &self.documentos_anexados {
            construtor::exigir_codigo_numerico("documentos_anexados", d.as_str())?;
        }
        if let Some(dado) = &self.tipo_documento_adquirente {
            dado.exigir_conhecido("tipo_documento_adquirente")?;
            if *dado != TipoDocumentoAdquirente::de_documento(&self.cpf_cnpj_adquirente) {
                return Err(ErroDominio::new(
                    "tipo_documento_adquirente",
                    Motivo::Formato {
                        regra: "the type of `cpf_cnpj_adquirente`",
                    },
                ));
            }
        }
        Ok(())
    }
}

renave_domain::construtor_requisicao! {
    ProcessoTransferencia => ConstrutorProcessoTransferencia {
        obrigatorios {
            placa: Placa,
            chassi: Chassi,
            renavam: Renavam,
            marca_modelo: String,
            cpf_cnpj_solicitante: CpfCnpj,
            nome_solicitante: String,
            email_solicitante: String,
            telefone_solicitante: String,
            nome_adquirente: String,
            cpf_cnpj_adquirente: CpfCnpj,
            logradouro_adquirente: String,
            numero_adquirente: String,
            bairro_adquirente: String,
            cep_adquirente: Cep,
            codigo_ibge_municipio_adquirente: CodigoMunicipioIbge,
            nome_municipio_adquirente: String,
            uf_adquirente: Uf,
            atividade: Atividade,
            categoria: Categoria,
            tipo_veiculo: TipoVeiculo,
        }
        opcionais {
            complemento_adquirente: String,
            codigo_tipo_veiculo: Identificador,
            tipo_documento_adquirente: TipoDocumentoAdquirente,
        }
        padrao {
            isencao_ipva: bool,
            alterar_endereco: bool,
            alterar_nome: bool,
            alterar_cor: bool,
            alterar_caracteristicas_tecnicas: bool,
            instalar_bascula: bool,
            alterar_eixo: bool,
            determinacao_judicial: bool,
            inserir_comodato: bool,
            documentos_anexados: Vec<DocumentoId>,
        }
    }
}

super::requisicao_validada!(ProcessoTransferencia);

/// Answer of `criar-processo-transferencia` (R §7.1: "Mensagem" and "Número de Protocolo";
/// names I).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct RespostaCriarProcesso {
    /// The envelope (`mensagem`).
    #[serde(flatten)]
    pub retorno: Retorno,
    /// `numero_protocolo` — the digital protocol created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_protocolo: Option<Identificador>,
    /// Fields this SDK does not model, kept unchanged.
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(RespostaCriarProcesso {
    retorno,
    numero_protocolo,
    extras
});

// ---------------------------------------------------------------------------------------------

/// *Recuperar protocolo Renave* (R §5.17, §7.2): query parameters (concepts V-R(c), names I).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConsultaProtocoloRenave {
    /// `chassi`.
    pub chassi: Chassi,
    /// `cpf_cnpj_solicitante` — who asks for the protocol.
    pub cpf_cnpj_solicitante: CpfCnpj,
    /// `cpf_cnpj_adquirente` — the acquirer.
    pub cpf_cnpj_adquirente: CpfCnpj,
}

impl ConsultaProtocoloRenave {
    /// The lookup of the protocol of `chassi` between `cpf_cnpj_solicitante` and
    /// `cpf_cnpj_adquirente`.
    pub fn new(
        chassi: Chassi,
        cpf_cnpj_solicitante: CpfCnpj,
        cpf_cnpj_adquirente: CpfCnpj,
    ) -> Self {
        Self {
            chassi,
            cpf_cnpj_solicitante,
            cpf_cnpj_adquirente,
        }
    }
}

impl Operacao for ConsultaProtocoloRenave {
    const ENDPOINT: Endpoint = RECUPERAR_PROTOCOLO_RENAVE;
    type Resposta = RespostaProtocoloRenave;
    type Erro = crate::erro::Erro;
}

/// Answer of `recuperar-protocolo-renave` (R §7.2; concepts V-R(c), names I).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct RespostaProtocoloRenave {
    /// The envelope.
    #[serde(flatten)]
    pub retorno: Retorno,
    /// `numero_protocolo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numero_protocolo: Option<Identificador>,
    /// `cpf_cnpj_iniciador` — who started the protocol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpf_cnpj_iniciador: Option<Recebido<CpfCnpj>>,
    /// `placa`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placa: Option<Recebido<Placa>>,
    /// `chassi` — "descrição do chassi".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chassi: Option<Recebido<Chassi>>,
    /// `cpf_cnpj_comprador`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpf_cnpj_comprador: Option<Recebido<CpfCnpj>>,
    /// `tipo_tarefa` — the task type, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tipo_tarefa: Option<String>,
    /// Fields this SDK does not model, kept unchanged.
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(RespostaProtocoloRenave {
    retorno,
    numero_protocolo,
    cpf_cnpj_iniciador,
    placa,
    chassi,
    cpf_cnpj_comprador,
    tipo_tarefa,
    extras
});

// ---------------------------------------------------------------------------------------------

/// A document attached to a Protocolo Digital request: type id, file name, content (bytes on
/// the Rust side, base64 on the wire; R §7.3 "Arquivo … geralmente base64").
#[derive(Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentoAnexo {
    /// `tipo_documento` — the document id (R §7.3: 35, 238, 284, 285, 286, 288, 289, 291…).
    pub tipo_documento: DocumentoId,
    /// `nome` — file name.
    pub nome: String,
    /// `arquivo` — the content.
    #[serde(
        serialize_with = "base64_bytes",
        deserialize_with = "super::bytes_de_base64"
    )]
    #[schemars(with = "String")]
    pub arquivo: Vec<u8>,
}

impl std::fmt::Debug for DocumentoAnexo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentoAnexo")
            .field("tipo_documento", &self.tipo_documento)
            .field("nome", &self.nome)
            .field("bytes", &self.arquivo.len())
            .finish()
    }
}

/// *Regularizar pendência Renave* (R §5.18, §7.3): concepts V-R(c), names I.
///
/// The regulation names one document per request but also "a lista de documentos Anexados";
/// the SDK sends the list `documentos_anexados` (?, overridable through the raw call). The
/// conditions of the process being regularized ([`condicoes`](Self::condicoes), not sent)
/// are checked against the attached ids with the §7.3 table before sending.
///
/// Build it with [`RegularizacaoPendencia::builder`] (`condicoes` defaults to none);
/// `build()` and `Deserialize` run [`verificar`](Self::verificar). A request read back from
/// JSON has default `condicoes` (they are not sent): set them again before sending.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self")]
pub struct RegularizacaoPendencia {
    /// `numero_pendencia`.
    pub numero_pendencia: Identificador,
    /// `numero_protocolo`.
    pub numero_protocolo: Identificador,
    /// `cpf_cnpj_remetente` — who sends the regularization.
    pub cpf_cnpj_remetente: CpfCnpj,
    /// `mensagem` — explanation of the submission.
    pub mensagem: String,
    /// `documentos_anexados` — the documents.
    pub documentos_anexados: Vec<DocumentoAnexo>,
    /// The §7.3 conditions of the process (see
    /// [`ProcessoTransferencia::condicoes_documentos`]); checked, not sent.
    #[serde(skip)]
    #[schemars(skip)]
    pub condicoes: CondicoesDocumentos,
}

impl Operacao for RegularizacaoPendencia {
    const ENDPOINT: Endpoint = REGULARIZAR_PENDENCIA_RENAVE;
    type Resposta = RespostaRetorno;
    type Erro = crate::erro::Erro;
    fn validar(&self) -> Result<(), crate::erro::Erro> {
        let operacao = Self::ENDPOINT.name;
        self.verificar()
            .map_err(|e| super::entrada_de_dominio(operacao, e))?;
        let ids: Vec<DocumentoId> = self
            .documentos_anexados
            .iter()
            .map(|d| d.tipo_documento.clone())
            .collect();
        verificar_documentos(&self.condicoes, &ids).map_err(|f| erro_documentos(operacao, &f))
    }
}

impl RegularizacaoPendencia {
    /// Checks what the field types cannot, before anything is sent (the client calls it; so do
    /// `build()` and `Deserialize`): `mensagem` is not blank, there is at least one document,
    /// each with a numeric type id (the SDK names only the §7.3 ids), a name and content. The §7.3
    /// documents check against `condicoes` is the client's, on send.
    ///
    /// # Errors
    ///
    /// An [`ErroDominio`] whose `tipo()` is the wire name of the field at fault.
    pub fn verificar(&self) -> Result<(), ErroDominio> {
        construtor::exigir_texto("mensagem", &self.mensagem)?;
        if self.documentos_anexados.is_empty() {
            return Err(ErroDominio::new("documentos_anexados", Motivo::Vazio));
        }
        for d in &self.documentos_anexados {
            construtor::exigir_codigo_numerico(
                "documentos_anexados.tipo_documento",
                d.tipo_documento.as_str(),
            )?;
            construtor::exigir_texto("documentos_anexados.nome", &d.nome)?;
            if d.arquivo.is_empty() {
                return Err(ErroDominio::new(
                    "documentos_anexados.arquivo",
                    Motivo::Vazio,
                ));
            }
        }
        Ok(())
    }
}

renave_domain::construtor_requisicao! {
    RegularizacaoPendencia => ConstrutorRegularizacaoPendencia {
        obrigatorios {
            numero_pendencia: Identificador,
            numero_protocolo: Identificador,
            cpf_cnpj_remetente: CpfCnpj,
            mensagem: String,
        }
        opcionais {}
        padrao {
            documentos_anexados: Vec<DocumentoAnexo>,
            condicoes: CondicoesDocumentos,
        }
    }
}

super::requisicao_validada!(RegularizacaoPendencia);

/// *Fazer upload do documento da Ficha de Cadastro* (R §6.2.3, §7.5): the file **must be a
/// PDF** (checked before sending). Concepts V-R(c), names I.
#[derive(Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UploadFichaCadastro {
    /// `numero_protocolo`.
    pub numero_protocolo: Identificador,
    /// `tipo_documento` — the document type id.
    pub tipo_documento: DocumentoId,
    /// `cpf_cnpj_remetente` — who sends it (R §7.5).
    pub cpf_cnpj_remetente: CpfCnpj,
    /// `mensagem`.
    pub mensagem: String,
    /// `nome` — file name.
    pub nome: String,
    /// `arquivo` — the PDF.
    #[serde(
        serialize_with = "base64_bytes",
        deserialize_with = "super::bytes_de_base64"
    )]
    #[schemars(with = "String")]
    pub arquivo: Vec<u8>,
}

impl std::fmt::Debug for UploadFichaCadastro {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadFichaCadastro")
            .field("numero_protocolo", &self.numero_protocolo)
            .field("tipo_documento", &self.tipo_documento)
            .field("nome", &self.nome)
            .field("bytes", &self.arquivo.len())
            .finish_non_exhaustive()
    }
}

impl Operacao for UploadFichaCadastro {
    const ENDPOINT: Endpoint = UPLOAD_DOCUMENTO_FICHA_CADASTRO;
    type Resposta = RespostaRetorno;
    type Erro = crate::erro::Erro;

    /// The `Serialize` form, written into one buffer sized for the PDF's base64 up front.
    fn corpo(&self) -> Result<Vec<u8>, serde_json::Error> {
        // The short fields (ids, the CPF/CNPJ) fit in the fixed slack.
        let textos = self.mensagem.len() + self.nome.len() + 64;
        super::corpo_com_documento(self, self.arquivo.len(), textos)
    }
    fn validar(&self) -> Result<(), crate::erro::Erro> {
        let operacao = Self::ENDPOINT.name;
        exigir_texto(operacao, "nome", &self.nome)?;
        if !parece_pdf(&self.arquivo) {
            return Err(Erro::entrada(
                operacao,
                "arquivo",
                "`arquivo` is not a PDF (R §7.5: \"O arquivo deve estar em formato PDF\")",
            ));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------

/// *Listar veículos com comunicação de venda* (R §7.4): the owner whose vehicles are listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConsultaVeiculosComunicacaoVenda {
    /// `{cpf_cnpj_proprietario}` (V).
    pub cpf_cnpj_proprietario: CpfCnpj,
}

impl Operacao for ConsultaVeiculosComunicacaoVenda {
    const ENDPOINT: Endpoint = LISTAR_VEICULOS_COMUNICACAO_VENDA;
    type Resposta = Lista<VeiculoComunicacaoVenda>;
    type Erro = crate::erro::Erro;
}

/// A vehicle with a comunicação de venda (R §7.4; concepts V-R(c), names I).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct VeiculoComunicacaoVenda {
    /// `placa`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placa: Option<Recebido<Placa>>,
    /// `chassi`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chassi: Option<Recebido<Chassi>>,
    /// `renavam`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renavam: Option<Recebido<Renavam>>,
    /// `data_comunicacao_venda` — when the comunicação was registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_comunicacao_venda: Option<Recebido<Data>>,
    /// `status_comunicacao` — current status of the comunicação.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_comunicacao: Option<String>,
    /// Fields this SDK does not model, kept unchanged.
    #[serde(flatten)]
    pub extras: CamposExtras,
}
renave_domain::debug_sem_cpf!(VeiculoComunicacaoVenda {
    placa,
    chassi,
    renavam,
    data_comunicacao_venda,
    status_comunicacao,
    extras
});
