//! Per-operation wiremock fixtures (*respostas prontas*): canned success and error answers of
//! every CET-MG operation of this crate, so that a test of your own code needs no hand-written
//! JSON.
//!
//! * One [`Operacao`] constant per operation, named like the operation's
//!   [`Endpoint`] constant in [`operacoes`](crate::operacoes) (e.g. [`CONSULTAR_ULTIMO_LAUDO`]
//!   for R §5.9 `GET vistoria/consultar-ultimo-laudo/{cpf_cnpj_comprador}/{chassi}`, and
//!   [`GERAR_TOKEN`] for R §5.1), also found by name with [`por_nome`] and listed by
//!   [`todas`].
//! * [`Operacao::sucesso`] — the success answer: HTTP 200 with `codigo_retorno` `"000"` and a
//!   realistic body in the wire names of this crate (valid identifiers the crate's response
//!   types decode and validate: chassi, placa, RENAVAM, CPF/CNPJ, a linha digitável and a Pix
//!   copia e cola with correct check digits, the DAE as a small valid PDF in base64).
//! * [`Operacao::erro`] with an [`ErroFixture`], [`Operacao::erro_negocio`] and
//!   [`Operacao::http`] — the error answers of R §6.1.2/§6.1.3/§6.2.2 and of the WSO2 gateway
//!   (`cetmg-api.md` §2): a business refusal (HTTP 200, `codigo_retorno` other than `"000"`,
//!   `mensagem_retorno`), 400/404/409/500 with the CET-MG envelope, 401/403/429/504 with the
//!   gateway's `{"code", "message", "description"}` body (429 with `Retry-After`), an HTML
//!   gateway page, an empty 503.
//! * A [`Fixture`] is matched by the operation's HTTP method and a path pattern derived from
//!   its route template (`{param}` → one path segment) under `/api/veiculos/renave/`
//!   ([`PREFIXO_CAMINHO`]) and an optional base path
//!   ([`Fixture::em_base`]); it can be given a priority, an expected number of calls, a delay,
//!   another body or route, and is mounted with [`Fixture::montar`] (or turned into a
//!   [`wiremock::Mock`] with [`Fixture::mock`]). Query strings, headers and request bodies are
//!   not matched: a fixture answers whatever your code sends to that route.
//!   [`Fixture`] and [`Corpo`] are the generic machinery of `renave_http::fixtures` (feature
//!   `fixtures` of `renave-http`, enabled by this crate's `simulador`), re-exported here.
//!
//! The client asks `gerar-token` for a token before its first call: mount
//! [`GERAR_TOKEN`]`.sucesso()` too (the examples below do).
//!
//! The regulation publishes no business code besides `"000"`; the codes of
//! [`Operacao::erro_negocio`] (`"101"`, `"201"`, …) are the illustrative ones the
//! `renave-simulador` CET-MG simulator uses.
//!
//! # Example: testing your own code
//!
//! ```
//! use renave_mg_client::operacoes::vistoria::CompradorChassi;
//! use renave_mg_client::simulador::fixtures;
//! use renave_mg_client::{Ambiente, ClienteCetMg, Erro};
//! use secrecy::SecretString;
//!
//! /// Your code: whether the last laudo of a vehicle still allows the ficha de cadastro.
//! async fn laudo_emitido_em(cliente: &ClienteCetMg, alvo: &CompradorChassi) -> Result<String, Erro> {
//!     let laudo = cliente.consultar_ultimo_laudo(alvo).await?;
//!     Ok(laudo.data_emissao.map(|d| d.texto().into_owned()).unwrap_or_default())
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let servidor = wiremock::MockServer::start().await;
//! let cliente = ClienteCetMg::builder()
//!     .ambiente(Ambiente::Local(servidor.uri().parse()?))
//!     .credenciais(SecretString::from("chave"), SecretString::from("segredo"))
//!     .build()?;
//! let alvo = CompradorChassi {
//!     cpf_cnpj_comprador: fixtures::CPF_COMPRADOR.parse()?,
//!     chassi: fixtures::CHASSI.parse()?,
//! };
//!
//! // Success: the token, then the canned laudo.
//! fixtures::GERAR_TOKEN.sucesso().montar(&servidor).await;
//! fixtures::CONSULTAR_ULTIMO_LAUDO.sucesso().esperando(1).montar(&servidor).await;
//! assert_eq!(laudo_emitido_em(&cliente, &alvo).await?, fixtures::DATA_LAUDO);
//!
//! // A business refusal mounted with a higher priority (smaller number) wins.
//! fixtures::por_nome("consultar_ultimo_laudo")
//!     .expect("a known operation")
//!     .erro_negocio()
//!     .com_prioridade(1)
//!     .montar(&servidor)
//!     .await;
//! let erro = laudo_emitido_em(&cliente, &alvo).await.unwrap_err();
//! assert_eq!(erro.codigo_retorno(), Some("501"));
//! # Ok(())
//! # }
//! ```

use std::fmt;

use base64::Engine as _;
use renave_http::Endpoint;
use serde_json::{Value, json};

use crate::client::PREFIXO_CAMINHO;
use crate::operacoes::{
    agenda as ag, autenticacao as au, dae, estoque as es, protocolo_digital as pd,
    tabelas_auxiliares as ta, vistoria as vi,
};

/// The generic fixture machinery, shared with Renave-WS (`renave_http::fixtures`): a
/// [`Fixture`] built by this module's [`Operacao`]s matches under `/api/veiculos/renave/`
/// ([`PREFIXO_CAMINHO`]).
pub use renave_http::fixtures::{Corpo, Fixture};

// ---------------------------------------------------------------------------------------------
// Sample identifiers of the canned bodies (all valid by the domain rules)
// ---------------------------------------------------------------------------------------------

/// CNPJ of the establishment (*estabelecimento*) the canned answers speak for.
pub const CNPJ_ESTABELECIMENTO: &str = "11222333000181";
/// Name of that establishment.
pub const NOME_ESTABELECIMENTO: &str = "CONCESSIONARIA EXEMPLO LTDA";
/// CPF of the buyer (*comprador*, *adquirente*) in the canned answers.
pub const CPF_COMPRADOR: &str = "52998224725";
/// Name of the buyer.
pub const NOME_COMPRADOR: &str = "MARIA DA SILVA";
/// CPF of the current owner (*proprietário*) of the vehicle, who sells it to the establishment.
pub const CPF_PROPRIETARIO: &str = "11144477735";
/// Chassis (VIN) of the vehicle.
pub const CHASSI: &str = "9BWZZZ377VT004251";
/// Plate (Mercosul) of the vehicle.
pub const PLACA: &str = "ABC1D23";
/// RENAVAM of the vehicle.
pub const RENAVAM: &str = "17058862280";
/// CET-MG municipality code (`codigo_municipio_emplacamento`, `municipio_id`) of Belo Horizonte.
pub const CODIGO_MUNICIPIO: &str = "4123";
/// IBGE code of Belo Horizonte.
pub const CODIGO_IBGE_MUNICIPIO: &str = "3106200";
/// CNPJ of the vehicle inspection company (*ECV*) of the canned distribution.
pub const CNPJ_ECV: &str = "11444777000161";
/// `municipio_regiao_id` of the canned region with an ECV (R §5.10).
pub const MUNICIPIO_REGIAO_ID: u64 = 77;
/// `vistoria_id` of the canned distribution (R §5.11).
pub const VISTORIA_ID: u64 = 555_001;
/// Issue date (`data_emissao`, ISO) of the canned last laudo (R §5.9).
pub const DATA_LAUDO: &str = "2026-11-02";
/// The date (`data_agendada`, ISO) of the canned Agenda Minas booking (R §5.12–§5.15).
pub const DATA_AGENDADA: &str = "2026-12-01";
/// `periodo_id` of the canned booking.
pub const PERIODO_ID: u64 = 5;
/// Número de protocolo of the canned Protocolo Digital process (R §7.1).
pub const NUMERO_PROTOCOLO: &str = "2026000123";
/// The linha digitável of the canned DAE (48 digits, check digits valid).
pub const LINHA_DIGITAVEL: &str = "848900000002404201622015806051904292586034111220";
/// The Pix copia e cola of the canned DAE (EMV payload, CRC valid).
pub const PIX_COPIA_E_COLA: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// The access token of the canned `gerar-token` answer: a JWT-shaped string whose `exp` claim
/// is in 2100 (the signature is not a real one).
pub const TOKEN_ACESSO: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJpbnRlZ3JhZG9yYS1leGVtcGxvIiwiYXVkIjoicmVuYXZlLXVzYWRvcyIsImlzcyI6Imh0dHBzOi8vaG9tb2xvZ2FjYW8uYXBpZ3cubWdhcGkucHJvZGVtZ2UuZ292LmJyL29hdXRoMi90b2tlbiIsImlhdCI6MTc2NDAyODgwMCwiZXhwIjo0MTAyNDQ0ODAwfQ.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

/// A small valid PDF (one empty A4 page), the content of the canned DAE (`arquivo_dae`).
pub const PDF_EXEMPLO: &[u8] = b"%PDF-1.4\n\
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n\
xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n\
trailer << /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n";

// ---------------------------------------------------------------------------------------------
// The operation table
// ---------------------------------------------------------------------------------------------

/// One operation's fixtures (*respostas prontas de uma operação*): its [`Endpoint`] and the
/// body of its canned success answer. Get one by constant ([`CONSULTAR_CORES`]…), by name
/// ([`por_nome`]) or from [`todas`].
#[derive(Clone)]
pub struct Operacao {
    endpoint: Endpoint,
    corpo_sucesso: fn() -> Value,
}

impl fmt::Debug for Operacao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Operacao")
            .field("nome", &self.endpoint.name)
            .field("rota", &self.endpoint.route)
            .finish_non_exhaustive()
    }
}

/// The status of every CET-MG success answer (R §6.1: the outcome is in `codigo_retorno`).
const STATUS_SUCESSO: u16 = 200;

/// A fixture of `endpoint` under the CET-MG path prefix ([`PREFIXO_CAMINHO`]).
fn fixture(endpoint: &Endpoint, status: u16, corpo: Corpo) -> Fixture {
    Fixture::nova(endpoint, status, corpo).com_prefixo(PREFIXO_CAMINHO)
}

impl Operacao {
    const fn nova(endpoint: Endpoint, corpo_sucesso: fn() -> Value) -> Self {
        Self {
            endpoint,
            corpo_sucesso,
        }
    }

    /// The operation name (decision D8), e.g. `"consultar_ultimo_laudo"`.
    pub fn nome(&self) -> &'static str {
        self.endpoint.name
    }

    /// The operation's endpoint, the same constant the client uses.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The status of the canned success answer: 200 for every CET-MG operation.
    pub fn status_sucesso(&self) -> u16 {
        STATUS_SUCESSO
    }

    /// The JSON body of the canned success answer.
    pub fn corpo_sucesso(&self) -> Value {
        (self.corpo_sucesso)()
    }

    /// The canned success answer.
    pub fn sucesso(&self) -> Fixture {
        fixture(
            &self.endpoint,
            STATUS_SUCESSO,
            Corpo::Json(self.corpo_sucesso()),
        )
    }

    /// One of the canned error answers ([`ErroFixture`]).
    pub fn erro(&self, erro: ErroFixture) -> Fixture {
        let f = fixture(&self.endpoint, erro.status(), erro.corpo(self.nome()));
        if erro == ErroFixture::LimiteRequisicoes {
            return f.com_cabecalho("Retry-After", "1");
        }
        f
    }

    /// A business refusal (*erro de negócio*, R §6.1.3): HTTP 200 with a `codigo_retorno`
    /// other than `"000"` and a `mensagem_retorno` that fit the operation (e.g. `"501"`
    /// *veículo sem laudo de vistoria* for `consultar_ultimo_laudo`): [`ErroFixture::Negocio`].
    pub fn erro_negocio(&self) -> Fixture {
        self.erro(ErroFixture::Negocio)
    }

    /// A business refusal (HTTP 200) with your own `codigo_retorno` and `mensagem_retorno`.
    pub fn erro_negocio_com(&self, codigo_retorno: &str, mensagem_retorno: &str) -> Fixture {
        self.erro(ErroFixture::Negocio).com_corpo(json!({
            "codigo_retorno": codigo_retorno,
            "mensagem_retorno": mensagem_retorno,
        }))
    }

    /// An answer with `status`: the canned success answer (with that status) for a 2xx, the
    /// canned error of [`ErroFixture::de_status`] for 400, 401, 403, 404, 409, 429, 500, 502,
    /// 503 and 504, otherwise the CET-MG envelope with `codigo_retorno` = the status and the
    /// status' reason phrase as `mensagem_retorno`.
    pub fn http(&self, status: u16) -> Fixture {
        if (200..300).contains(&status) {
            return self.sucesso().com_status(status);
        }
        if let Some(erro) = ErroFixture::de_status(status) {
            return self.erro(erro);
        }
        fixture(
            &self.endpoint,
            status,
            Corpo::Json(json!({
                "codigo_retorno": status.to_string(),
                "mensagem_retorno": http_reason(status),
            })),
        )
    }
}

fn http_reason(status: u16) -> &'static str {
    match status {
        405 => "Método não permitido",
        408 => "Tempo esgotado",
        413 => "Requisição muito grande",
        415 => "Tipo de mídia não suportado",
        422 => "Entidade não processável",
        501 => "Não implementado",
        _ => "Erro",
    }
}

macro_rules! operacoes {
    ($($(#[$doc:meta])* $nome:ident = $endpoint:path, $corpo:expr;)+) => {
        $(
            $(#[$doc])*
            pub const $nome: Operacao = Operacao::nova($endpoint, $corpo);
        )+

        static TODAS: &[Operacao] = &[$($nome),+];
    };
}

operacoes! {
    /// R §5.1 `POST gerar-token`: a WSO2-style token answer (`access_token`, `token_type`,
    /// `scope`, `expires_in` 3600) with [`TOKEN_ACESSO`].
    GERAR_TOKEN = au::GERAR_TOKEN, token;
    /// R §5.2 `GET consultar-aptidao-veiculo-estoque/{chassi}/{cpf_cnpj_proprietario}/{cpf_cnpj_estabelecimento}`:
    /// an apt vehicle (*veículo apto*), no impediment, no fines.
    CONSULTAR_APTIDAO_VEICULO_ESTOQUE = es::CONSULTAR_APTIDAO_VEICULO_ESTOQUE, aptidao;
    /// R §5.3 `GET consultar-solicitacao-servico-transferencia-propriedade-veiculo`: a
    /// `REGISTRADA` entrada solicitação.
    CONSULTAR_SOLICITACAO_TRANSFERENCIA = es::CONSULTAR_SOLICITACAO_TRANSFERENCIA, solicitacao;
    /// R §5.6 `POST registrar-solicitacao-servico-transferencia-propriedade-veiculo`: the
    /// solicitação registered (entrada).
    REGISTRAR_SOLICITACAO_TRANSFERENCIA = es::REGISTRAR_SOLICITACAO_TRANSFERENCIA, solicitacao_registrada;
    /// R §5.4 `POST registrar-comunicacao-venda-entrada-estoque`: registered, with the new
    /// `id_estoque`.
    REGISTRAR_COMUNICACAO_VENDA_ENTRADA_ESTOQUE = es::REGISTRAR_COMUNICACAO_VENDA_ENTRADA_ESTOQUE, comunicacao_entrada;
    /// R §5.5 `POST registrar-comunicacao-venda-saida-estoque`: registered.
    REGISTRAR_COMUNICACAO_VENDA_SAIDA_ESTOQUE = es::REGISTRAR_COMUNICACAO_VENDA_SAIDA_ESTOQUE, comunicacao_saida;
    /// R §5.7 `POST portal-transito/emitir-guia-dae`: one guia of taxa 64 with linha
    /// digitável, Pix copia e cola and the PDF.
    EMITIR_GUIA_DAE = dae::EMITIR_GUIA_DAE, guia_dae;
    /// R §5.8 `GET vistoria/consultar-distribuicao-ativa/{cpf_cnpj_comprador}/{chassi}`: the
    /// active distribution to an ECV.
    CONSULTAR_DISTRIBUICAO_ATIVA = vi::CONSULTAR_DISTRIBUICAO_ATIVA, || distribuicao("Distribuição ativa localizada");
    /// R §5.9 `GET vistoria/consultar-ultimo-laudo/{cpf_cnpj_comprador}/{chassi}`: an
    /// `APROVADO` laudo issued on [`DATA_LAUDO`].
    CONSULTAR_ULTIMO_LAUDO = vi::CONSULTAR_ULTIMO_LAUDO, ultimo_laudo;
    /// R §5.10 `GET vistoria/retornar-regioes-municipio/{municipio_id}/{tipo_ecv_id}`: two
    /// regions of Belo Horizonte, one the default.
    RETORNAR_REGIOES_MUNICIPIO = vi::RETORNAR_REGIOES_MUNICIPIO, regioes;
    /// R §5.11 `POST vistoria/distribuir`: the vehicle distributed to an ECV.
    DISTRIBUIR_VEICULO_ECV = vi::DISTRIBUIR_VEICULO_ECV, || distribuicao("Veículo distribuído para a ECV com sucesso");
    /// R §5.12 `GET agenda-minas/consultar-agendamento/{cpf_cnpj_comprador}/{chassi}`: the
    /// booking on [`DATA_AGENDADA`].
    CONSULTAR_AGENDAMENTO = ag::CONSULTAR_AGENDAMENTO, || agendamento("Agendamento localizado");
    /// R §5.13 `GET agenda-minas/retornar-datas-com-vagas-para-agendamento/{cpf_cnpj_comprador}/{chassi}`:
    /// three dates with free places.
    RETORNAR_DATAS_COM_VAGAS = ag::RETORNAR_DATAS_COM_VAGAS, datas_com_vagas;
    /// R §5.14 `GET agenda-minas/retornar-periodos-atendimento/{data_agendada}/{cpf_cnpj_comprador}/{chassi}`:
    /// three periods of the day.
    RETORNAR_PERIODOS_ATENDIMENTO = ag::RETORNAR_PERIODOS_ATENDIMENTO, periodos;
    /// R §5.15 `POST agenda-minas/gravar-agendamento`: booked.
    GRAVAR_AGENDAMENTO = ag::GRAVAR_AGENDAMENTO, || agendamento("Agendamento realizado com sucesso");
    /// R §5.16, §7.1 `POST protocolo-digital/criar-processo-transferencia`: the process with
    /// [`NUMERO_PROTOCOLO`].
    CRIAR_PROCESSO_TRANSFERENCIA = pd::CRIAR_PROCESSO_TRANSFERENCIA, processo_criado;
    /// R §5.17, §7.2 `GET protocolo-digital/recuperar-protocolo-renave`: the process.
    RECUPERAR_PROTOCOLO_RENAVE = pd::RECUPERAR_PROTOCOLO_RENAVE, protocolo;
    /// R §5.18, §7.3 `POST protocolo-digital/regularizar-pendencia-renave`: "Pendência
    /// regularizada com sucesso" (the text the regulation gives).
    REGULARIZAR_PENDENCIA_RENAVE = pd::REGULARIZAR_PENDENCIA_RENAVE, pendencia_regularizada;
    /// R §6.2.3, §7.5 `POST protocolo-digital/upload-documento-ficha-cadastro-renave`: received.
    UPLOAD_DOCUMENTO_FICHA_CADASTRO = pd::UPLOAD_DOCUMENTO_FICHA_CADASTRO, ficha_recebida;
    /// R §7.4 `GET protocolo-digital/listar-veiculos-comunicacao-venda/{cpf_cnpj_proprietario}`:
    /// one vehicle with a registered comunicação de venda.
    LISTAR_VEICULOS_COMUNICACAO_VENDA = pd::LISTAR_VEICULOS_COMUNICACAO_VENDA, comunicacoes;
    /// R §5.20 `GET tabelas-auxiliares/consultar-carrocerias`.
    CONSULTAR_CARROCERIAS = ta::CONSULTAR_CARROCERIAS, || tabela(&[
        ("999", "NAO APLICAVEL"), ("102", "ABERTA"), ("104", "BAU"), ("108", "CACAMBA"), ("116", "FURGAO"),
    ]);
    /// R §5.21 `GET tabelas-auxiliares/consultar-categorias`.
    CONSULTAR_CATEGORIAS = ta::CONSULTAR_CATEGORIAS, || tabela(&[
        ("1", "PARTICULAR"), ("2", "ALUGUEL"), ("3", "OFICIAL"), ("5", "APRENDIZAGEM"),
    ]);
    /// R §5.22 `GET tabelas-auxiliares/consultar-combustiveis`.
    CONSULTAR_COMBUSTIVEIS = ta::CONSULTAR_COMBUSTIVEIS, || tabela(&[
        ("1", "ALCOOL"), ("2", "GASOLINA"), ("3", "DIESEL"), ("16", "ALCOOL/GASOLINA"), ("17", "GASOLINA/ALCOOL/GAS NATURAL"),
    ]);
    /// R §5.23 `GET tabelas-auxiliares/consultar-cores`.
    CONSULTAR_CORES = ta::CONSULTAR_CORES, || tabela(&[
        ("1", "AMARELA"), ("2", "AZUL"), ("4", "BRANCA"), ("5", "CINZA"), ("10", "PRATA"), ("11", "PRETA"), ("15", "VERMELHA"),
    ]);
    /// R §5.24 `GET tabelas-auxiliares/consultar-especies`.
    CONSULTAR_ESPECIES = ta::CONSULTAR_ESPECIES, || tabela(&[
        ("1", "PASSAGEIRO"), ("2", "CARGA"), ("3", "MISTO"), ("4", "CORRIDA"), ("5", "TRACAO"), ("6", "ESPECIAL"),
    ]);
    /// R §5.25 `GET tabelas-auxiliares/consultar-marcas-modelos`.
    CONSULTAR_MARCAS_MODELOS = ta::CONSULTAR_MARCAS_MODELOS, || tabela(&[
        ("150101", "VW/GOL 1.0"), ("113517", "FIAT/ARGO DRIVE 1.0"), ("102201", "GM/ONIX 1.0MT LT"), ("335050", "HONDA/CG 160 FAN"),
    ]);
    /// R §5.26 `GET tabelas-auxiliares/consultar-municipios-minas-gerais` (with the IBGE code).
    CONSULTAR_MUNICIPIOS_MG = ta::CONSULTAR_MUNICIPIOS_MG, municipios;
    /// R §5.27 `GET tabelas-auxiliares/consultar-tipos`.
    CONSULTAR_TIPOS_VEICULO = ta::CONSULTAR_TIPOS_VEICULO, || tabela(&[
        ("03", "MOTOCICLETA"), ("04", "MOTONETA"), ("06", "AUTOMOVEL"), ("07", "MICRO-ONIBUS"), ("14", "CAMINHAO"),
    ]);
}

/// Every operation's fixtures: `gerar_token`, then the operations in the order of the
/// [`ApiCetMg`](crate::ApiCetMg) trait (R §5.2–§5.27, §7).
pub fn todas() -> &'static [Operacao] {
    TODAS
}

/// The fixtures of the operation named `nome` (its [`Endpoint::name`], e.g.
/// `"consultar_cores"`); `None` for a name this crate does not know.
pub fn por_nome(nome: &str) -> Option<&'static Operacao> {
    TODAS.iter().find(|o| o.nome() == nome)
}

// ---------------------------------------------------------------------------------------------
// Canned errors
// ---------------------------------------------------------------------------------------------

/// The canned error answers of the CET-MG API (R §6.1.2, §6.1.3, §6.2.2) and of the PRODEMGE
/// WSO2 gateway in front of it (`cetmg-api.md` §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErroFixture {
    /// HTTP 200 with a `codigo_retorno` other than `"000"` and a `mensagem_retorno` that fit
    /// the operation (*erro de negócio*, R §6.1.3).
    Negocio,
    /// 400 *requisição inválida* with the CET-MG envelope (`codigo_retorno` `"400"`, an
    /// invalid CPF/CNPJ).
    RequisicaoInvalida,
    /// 401 from the gateway: `{"code": "900901", "message": "Invalid Credentials", …}` (token
    /// missing, expired or invalid). The client renews its token and resends once (decision
    /// D4), so this fixture is hit twice.
    NaoAutenticado,
    /// 403 from the gateway: `{"code": "900908", "message": "Resource forbidden", …}` (IP not
    /// released, or credentials without permission, R §6.1.2).
    Proibido,
    /// 404 *não encontrado* with the CET-MG envelope (vehicle not found for the combination).
    NaoEncontrado,
    /// 409 *conflito* with the CET-MG envelope (registration inconsistency: the owner does not
    /// match).
    Conflito,
    /// 429 from the gateway: `{"code": "900800", "message": "Message throttled out", …,
    /// "nextAccessTime"}` and `Retry-After: 1`.
    LimiteRequisicoes,
    /// 500 *erro inesperado na orquestração do estado* with the CET-MG envelope.
    ErroServidor,
    /// 502 with a proxy's HTML page.
    GatewayHtml,
    /// 503 with an empty body (the gateway's hard limit or maintenance).
    Indisponivel,
    /// 504 from the gateway: `{"code": "101504", "message": "Runtime Error", "description":
    /// "Send timeout"}` — the backend may have acted (decision D6).
    TempoEsgotadoGateway,
}

impl ErroFixture {
    /// Every canned error.
    pub const TODOS: [ErroFixture; 11] = [
        Self::Negocio,
        Self::RequisicaoInvalida,
        Self::NaoAutenticado,
        Self::Proibido,
        Self::NaoEncontrado,
        Self::Conflito,
        Self::LimiteRequisicoes,
        Self::ErroServidor,
        Self::GatewayHtml,
        Self::Indisponivel,
        Self::TempoEsgotadoGateway,
    ];

    /// The HTTP status of the answer.
    pub const fn status(self) -> u16 {
        match self {
            Self::Negocio => 200,
            Self::RequisicaoInvalida => 400,
            Self::NaoAutenticado => 401,
            Self::Proibido => 403,
            Self::NaoEncontrado => 404,
            Self::Conflito => 409,
            Self::LimiteRequisicoes => 429,
            Self::ErroServidor => 500,
            Self::GatewayHtml => 502,
            Self::Indisponivel => 503,
            Self::TempoEsgotadoGateway => 504,
        }
    }

    /// The canned error for an HTTP error status; `None` for a status without one (and for
    /// 2xx: the business refusal is [`Negocio`](Self::Negocio)).
    pub const fn de_status(status: u16) -> Option<Self> {
        Some(match status {
            400 => Self::RequisicaoInvalida,
            401 => Self::NaoAutenticado,
            403 => Self::Proibido,
            404 => Self::NaoEncontrado,
            409 => Self::Conflito,
            429 => Self::LimiteRequisicoes,
            500 => Self::ErroServidor,
            502 => Self::GatewayHtml,
            503 => Self::Indisponivel,
            504 => Self::TempoEsgotadoGateway,
            _ => return None,
        })
    }

    /// Whether the body is the WSO2 gateway's (`code`/`message`/`description`), not the
    /// CET-MG envelope.
    pub const fn do_gateway(self) -> bool {
        matches!(
            self,
            Self::NaoAutenticado
                | Self::Proibido
                | Self::LimiteRequisicoes
                | Self::TempoEsgotadoGateway
        )
    }

    fn corpo(self, operacao: &str) -> Corpo {
        let envelope = |codigo: &str, mensagem: &str| {
            Corpo::Json(json!({"codigo_retorno": codigo, "mensagem_retorno": mensagem}))
        };
        let wso2 = |codigo: &str, mensagem: &str, descricao: &str| {
            Corpo::Json(json!({"code": codigo, "message": mensagem, "description": descricao}))
        };
        match self {
            Self::Negocio => {
                let (codigo, mensagem) = negocio(operacao);
                envelope(codigo, mensagem)
            }
            Self::RequisicaoInvalida => envelope("400", "CPF/CNPJ do comprador inválido"),
            Self::NaoAutenticado => wso2(
                "900901",
                "Invalid Credentials",
                "Invalid Credentials. Make sure you have provided the correct security credentials",
            ),
            Self::Proibido => wso2(
                "900908",
                "Resource forbidden",
                "User is NOT authorized to access the Resource. IP não liberado para a aplicação",
            ),
            Self::NaoEncontrado => envelope(
                "404",
                "Veículo não localizado para a combinação de chassi e CPF/CNPJ informada",
            ),
            Self::Conflito => envelope(
                "409",
                "CPF/CNPJ do proprietário não confere com o cadastro do veículo",
            ),
            Self::LimiteRequisicoes => Corpo::Json(json!({
                "code": "900800",
                "message": "Message throttled out",
                "description": "You have exceeded your quota",
                "nextAccessTime": "2026-Nov-25 12:00:01+0000 UTC",
            })),
            Self::ErroServidor => envelope("500", "Erro inesperado na orquestração do estado"),
            Self::GatewayHtml => Corpo::Texto {
                conteudo: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
                    <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
                    </body>\r\n</html>\r\n"
                    .to_owned(),
                tipo: "text/html".to_owned(),
            },
            Self::Indisponivel => Corpo::Vazio,
            Self::TempoEsgotadoGateway => wso2("101504", "Runtime Error", "Send timeout"),
        }
    }
}

/// The business refusal (code, message) that fits an operation (illustrative codes, as the
/// `renave-simulador` CET-MG simulator uses them).
fn negocio(operacao: &str) -> (&'static str, &'static str) {
    match operacao {
        "consultar_aptidao_veiculo_estoque" | "registrar_solicitacao_transferencia" => (
            "101",
            "Veículo não apto: possui restrição impeditiva para a transferência",
        ),
        "consultar_solicitacao_transferencia" | "emitir_guia_dae" => (
            "201",
            "Não há solicitação de transferência pendente para o veículo",
        ),
        "distribuir_veiculo_ecv" => ("204", "Vistoria móvel exige DAE pago e compensado"),
        "retornar_regioes_municipio" => ("205", "Município sem região com ECV credenciada"),
        "consultar_distribuicao_ativa"
        | "consultar_agendamento"
        | "retornar_datas_com_vagas"
        | "retornar_periodos_atendimento" => ("301", "Não há distribuição ativa para o veículo"),
        "gravar_agendamento" => ("303", "Período de atendimento indisponível"),
        "registrar_comunicacao_venda_entrada_estoque"
        | "registrar_comunicacao_venda_saida_estoque" => ("401", "ATPV-e não assinada"),
        "consultar_ultimo_laudo" => ("501", "Veículo sem laudo de vistoria"),
        "upload_documento_ficha_cadastro" => (
            "502",
            "Laudo de vistoria emitido há mais de 120 dias: nova vistoria necessária",
        ),
        "criar_processo_transferencia" | "regularizar_pendencia_renave" => (
            "601",
            "Documento exigido não anexado: 284 - Autorização do Poder Público concedente",
        ),
        "recuperar_protocolo_renave" | "listar_veiculos_comunicacao_venda" => {
            ("201", "Nenhum registro encontrado para os dados informados")
        }
        _ => (
            "100",
            "Operação não permitida para as credenciais informadas",
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Canned success bodies (`cetmg-api.md` §1.1, §3; wire names of this crate's response types)
// ---------------------------------------------------------------------------------------------

/// The success envelope (R §6.1.3) plus `campos`.
fn sucesso_com(mensagem: &str, campos: Value) -> Value {
    let mut v = json!({"codigo_retorno": "000", "mensagem_retorno": mensagem});
    if let (Some(o), Value::Object(extra)) = (v.as_object_mut(), campos) {
        o.extend(extra);
    }
    v
}

fn token() -> Value {
    json!({
        "access_token": TOKEN_ACESSO,
        "token_type": "Bearer",
        "scope": "default",
        "expires_in": 3600,
    })
}

fn aptidao() -> Value {
    sucesso_com(
        "Veículo apto para entrada em estoque",
        json!({
            "chassi": CHASSI,
            "placa": PLACA,
            "renavam": RENAVAM,
            "comunicacao_venda_registrada": false,
            "laudo_csv_em_aberto": false,
            "reserva_dominio": false,
            "gravame": false,
            "total_autuacoes": 0,
            "multas_exigiveis": 0,
            "multas_totais": 0,
            "pendencias_trlav": false,
            "pendencias_ipva": false,
            "pendencias_dpvat": false,
            "impedimentos_cadastrais": false,
            "recall_pendente": false,
            "estampagem_em_aberto": false,
            "observacoes_impeditivas_laudo": false,
            "detalhes": [],
        }),
    )
}

fn solicitacao() -> Value {
    sucesso_com(
        "Solicitação localizada",
        json!({
            "id_solicitacao": 4_512,
            "chassi": CHASSI,
            "cpf_cnpj_estabelecimento": CNPJ_ESTABELECIMENTO,
            "cpf_cnpj_comprador": CNPJ_ESTABELECIMENTO,
            "nome_comprador": NOME_ESTABELECIMENTO,
            "codigo_municipio_emplacamento": CODIGO_MUNICIPIO,
            "tipo_solicitacao": "ENTRADA",
            "data_registro": "2026-11-20",
            "situacao": "REGISTRADA",
            "dae_pago": false,
        }),
    )
}

fn solicitacao_registrada() -> Value {
    sucesso_com(
        "Solicitação de entrada registrada com sucesso",
        json!({"id_solicitacao": 4_512, "tipo_solicitacao": "ENTRADA"}),
    )
}

fn comunicacao_entrada() -> Value {
    sucesso_com(
        "Comunicação de venda de entrada registrada com sucesso",
        json!({"id_estoque": 987_654}),
    )
}

fn comunicacao_saida() -> Value {
    sucesso_com(
        "Comunicação de venda de saída registrada com sucesso",
        json!({}),
    )
}

fn guia_dae() -> Value {
    sucesso_com(
        "DAE emitido com sucesso",
        json!({
            "codigo_tipo_contribuinte": 1,
            "linha_digitavel": LINHA_DIGITAVEL,
            "codigo_ibge_municipio": CODIGO_IBGE_MUNICIPIO,
            "nome_municipio": "BELO HORIZONTE",
            "codigo_municipio": CODIGO_MUNICIPIO,
            "mes_ano_referencia": "11/2026",
            "data_emissao": "2026-11-20",
            "numero_identificacao_boleto": "2026112000042",
            "valor_taxa": 150.55,
            "data_vencimento": "2026-11-30",
            "pix_copia_e_cola": PIX_COPIA_E_COLA,
            "arquivo_dae": base64::engine::general_purpose::STANDARD.encode(PDF_EXEMPLO),
            "placa": PLACA,
            "chassi": CHASSI,
            "renavam": RENAVAM,
            "cpf_cnpj_contribuinte": CPF_COMPRADOR,
            "nome_contribuinte": NOME_COMPRADOR,
            "endereco_contribuinte": "RUA DA BAHIA, 100 - CENTRO - BELO HORIZONTE/MG",
            "telefone_contribuinte": "31999990000",
            "numero_identificacao_contribuinte": CPF_COMPRADOR,
            "codigo_taxa": 64,
            "mensagem1": "TAXA DE VISTORIA MOVEL - RENAVE USADOS",
            "mensagem2": "NAO RECEBER APOS O VENCIMENTO",
        }),
    )
}

fn distribuicao(mensagem: &str) -> Value {
    sucesso_com(
        mensagem,
        json!({
            "cnpj_ecv": CNPJ_ECV,
            "razao_social_ecv": "VISTORIA CENTRO LTDA",
            "nome_fantasia_ecv": "VISTORIA CENTRO",
            "email_ecv": "contato@vistoriacentro.example",
            "telefone_ecv": "3132100000",
            "celular_ecv": "31988880000",
            "site_ecv": "https://vistoriacentro.example",
            "observacoes_ecv": "Atendimento de segunda a sexta, 8h às 17h",
            "logradouro_ecv": "AVENIDA DO CONTORNO",
            "numero_ecv": "4500",
            "complemento_ecv": null,
            "bairro_ecv": "FUNCIONARIOS",
            "cep_ecv": "30110028",
            "municipio_id_ecv": CODIGO_MUNICIPIO,
            "uf_ecv": "MG",
            "email_comprador": "maria@example.com",
            "cpf_cnpj_comprador": CPF_COMPRADOR,
            "nome_comprador": NOME_COMPRADOR,
            "telefone_comprador": "31999990000",
            "tipo_documento_comprador": 1,
            "receber_pesquisa": true,
            "placa": PLACA,
            "chassi": CHASSI,
            "utilizado": true,
            "vistoria_movel": false,
            "motivo_vistoria_id": 1,
            "municipio_vistoria_id": CODIGO_MUNICIPIO,
            "municipio_atendimento_id": CODIGO_MUNICIPIO,
            "unidade_responsavel_id": 12,
            "vistoria_id": VISTORIA_ID,
            "unidade_responsavel_vistoria_id": 12,
            "nome_municipio": "BELO HORIZONTE",
            "nome_regiao": "CENTRO-SUL",
            "regiao_padrao": 1,
            "municipio_regiao_id": MUNICIPIO_REGIAO_ID,
        }),
    )
}

fn ultimo_laudo() -> Value {
    sucesso_com(
        "Laudo localizado",
        json!({
            "numero_laudo": "L2026004251",
            "data_emissao": DATA_LAUDO,
            "resultado": "APROVADO",
            "chassi": CHASSI,
            "placa": PLACA,
        }),
    )
}

fn regioes() -> Value {
    sucesso_com(
        "Regiões localizadas",
        json!({"dados": [
            {"municipio_regiao_id": MUNICIPIO_REGIAO_ID, "nome_regiao": "CENTRO-SUL", "regiao_padrao": 1, "municipio_id": CODIGO_MUNICIPIO},
            {"municipio_regiao_id": MUNICIPIO_REGIAO_ID + 1, "nome_regiao": "PAMPULHA", "regiao_padrao": 0, "municipio_id": CODIGO_MUNICIPIO},
        ]}),
    )
}

fn agendamento(mensagem: &str) -> Value {
    sucesso_com(
        mensagem,
        json!({
            "numero_agendamento": "AG2026000777",
            "data_agendada": DATA_AGENDADA,
            "periodo_id": PERIODO_ID,
            "descricao_periodo": "10:00 às 11:00",
            "hora_inicio": "10:00",
            "hora_fim": "11:00",
            "razao_social_ecv": "VISTORIA CENTRO LTDA",
            "chassi": CHASSI,
            "cpf_cnpj_comprador": CPF_COMPRADOR,
        }),
    )
}

fn datas_com_vagas() -> Value {
    sucesso_com(
        "Datas com vagas localizadas",
        json!({"dados": [
            {"data": DATA_AGENDADA, "vagas": 6},
            {"data": "2026-12-02", "vagas": 3},
            {"data": "2026-12-03", "vagas": 8},
        ]}),
    )
}

fn periodos() -> Value {
    sucesso_com(
        "Períodos localizados",
        json!({"dados": [
            {"periodo_id": PERIODO_ID - 1, "descricao": "09:00 às 10:00", "hora_inicio": "09:00", "hora_fim": "10:00", "vagas": 2},
            {"periodo_id": PERIODO_ID, "descricao": "10:00 às 11:00", "hora_inicio": "10:00", "hora_fim": "11:00", "vagas": 1},
            {"periodo_id": PERIODO_ID + 1, "descricao": "14:00 às 15:00", "hora_inicio": "14:00", "hora_fim": "15:00", "vagas": 3},
        ]}),
    )
}

fn processo_criado() -> Value {
    json!({
        "mensagem": "Processo de transferência criado com sucesso",
        "numero_protocolo": NUMERO_PROTOCOLO,
    })
}

fn protocolo() -> Value {
    json!({
        "numero_protocolo": NUMERO_PROTOCOLO,
        "cpf_cnpj_iniciador": CNPJ_ESTABELECIMENTO,
        "placa": PLACA,
        "chassi": CHASSI,
        "cpf_cnpj_comprador": CPF_COMPRADOR,
        "tipo_tarefa": "REGULARIZAR PENDÊNCIA",
    })
}

fn pendencia_regularizada() -> Value {
    json!({"mensagem": "Pendência regularizada com sucesso"})
}

fn ficha_recebida() -> Value {
    json!({
        "mensagem": "Ficha de cadastro recebida com sucesso",
        "numero_protocolo": NUMERO_PROTOCOLO,
    })
}

fn comunicacoes() -> Value {
    json!({"dados": [{
        "placa": PLACA,
        "chassi": CHASSI,
        "renavam": RENAVAM,
        "data_comunicacao_venda": "2026-11-20",
        "status_comunicacao": "REGISTRADA",
    }]})
}

fn tabela(linhas: &[(&str, &str)]) -> Value {
    let itens: Vec<Value> = linhas
        .iter()
        .map(|(codigo, descricao)| json!({"codigo": codigo, "descricao": descricao}))
        .collect();
    sucesso_com("Consulta realizada com sucesso", json!({"dados": itens}))
}

fn municipios() -> Value {
    let itens: Vec<Value> = [
        (CODIGO_MUNICIPIO, CODIGO_IBGE_MUNICIPIO, "BELO HORIZONTE"),
        ("4371", "3118601", "CONTAGEM"),
        ("4127", "3106705", "BETIM"),
        ("4733", "3136702", "JUIZ DE FORA"),
    ]
    .iter()
    .map(|(codigo, ibge, nome)| {
        json!({"codigo": codigo, "descricao": nome, "codigo_ibge": ibge, "uf": "MG"})
    })
    .collect();
    sucesso_com("Consulta realizada com sucesso", json!({"dados": itens}))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The escaping of the path pattern and the privacy of `Fixture`'s and `Corpo`'s Debug are
    // tested with the machinery in `renave_http::fixtures`; here, that the canned CET-MG
    // bodies stay out of it.
    #[test]
    fn debug_sem_dados_dos_corpos_prontos() {
        let texto = format!("{:?}", EMITIR_GUIA_DAE.sucesso());
        assert!(!texto.contains(CPF_COMPRADOR), "{texto}");
        assert!(texto.contains("emitir_guia_dae"), "{texto}");
        assert!(
            texto.contains(renave_domain::rotas::cetmg::PREFIXO),
            "{texto}"
        );
        let texto = format!("{:?}", CONSULTAR_DISTRIBUICAO_ATIVA.sucesso().corpo());
        assert!(
            !texto.contains(CPF_COMPRADOR) && !texto.contains(CNPJ_ECV),
            "{texto}"
        );
        let texto = format!("{:?}", GERAR_TOKEN.sucesso());
        assert!(!texto.contains(TOKEN_ACESSO), "{texto}");
        let texto = format!(
            "{:?}",
            CONSULTAR_CORES.erro(ErroFixture::GatewayHtml).corpo()
        );
        assert!(texto.starts_with("Texto(text/html, <"), "{texto}");
    }

    #[test]
    fn corpos_de_sucesso_tem_envelope_ou_itens() {
        for op in todas() {
            let corpo = op.corpo_sucesso();
            let o = corpo.as_object().expect("a JSON object");
            assert!(
                o.get("codigo_retorno").and_then(Value::as_str) == Some("000")
                    || o.contains_key("mensagem")
                    || o.contains_key("numero_protocolo")
                    || o.contains_key("dados")
                    || o.contains_key("access_token"),
                "{}",
                op.nome()
            );
        }
        assert!(PDF_EXEMPLO.starts_with(b"%PDF-") && PDF_EXEMPLO.ends_with(b"%%EOF\n"));
    }

    #[test]
    fn erro_de_negocio_nunca_e_sucesso() {
        for op in todas() {
            let f = op.erro_negocio();
            assert_eq!(f.status(), 200);
            let codigo = f
                .corpo_json()
                .and_then(|v| v.get("codigo_retorno"))
                .and_then(Value::as_str)
                .expect("codigo_retorno");
            assert_ne!(codigo, "000", "{}", op.nome());
        }
    }
}
