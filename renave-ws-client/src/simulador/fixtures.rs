//! Per-operation wiremock fixtures (*respostas prontas*): canned success and error answers of
//! every Renave-WS operation of this crate, so that a test of your own code needs no
//! hand-written JSON.
//!
//! * One [`Operacao`] constant per operation, named like the operation's
//!   [`Endpoint`] constant in [`operacoes`](crate::operacoes) (e.g. [`CONSULTAR_ESTOQUE`] for
//!   E12 `GET api/estoques/{idEstoque}`), also found by name with [`por_nome`] and listed by
//!   [`todas`].
//! * [`Operacao::sucesso`] — the success answer: the status the service sends (200, or 201 for
//!   most `POST`s) and a realistic body (valid identifiers the crate's response types decode,
//!   field names of `renave-ws.md` §4–§5; documents are small valid PDFs in base64).
//! * [`Operacao::erro`] with an [`ErroFixture`], [`Operacao::erro_negocio`] and
//!   [`Operacao::http`] — the error answers of `renave-ws.md` §2: the SERPRO body (`titulo`,
//!   `detalhe`, `mensagemParaUsuarioFinal`, `dataHora`, `logIdRastreabilidade`), Spring's
//!   default body for 401/403, an empty 401, an HTML gateway page.
//! * A [`Fixture`] is matched by the operation's HTTP method and a path pattern derived from
//!   its route template (`{param}` → one path segment), under an optional base path
//!   ([`Fixture::em_base`]); it can be given a priority, an expected number of calls, a delay,
//!   another body or route, and is mounted with [`Fixture::montar`] (or turned into a
//!   [`wiremock::Mock`] with [`Fixture::mock`]). Query strings and request bodies are not
//!   matched: a fixture answers whatever your code sends to that route.
//!   [`Fixture`] and [`Corpo`] are the generic machinery of `renave_http::fixtures` (feature
//!   `fixtures` of `renave-http`, enabled by this crate's `simulador`), re-exported here.
//!
//! # Example: testing your own code
//!
//! ```
//! use renave_ws_client::modelos::IdEstoque;
//! use renave_ws_client::simulador::fixtures;
//! use renave_ws_client::{Ambiente, ClienteRenaveWs, Erro, RenaveWsUsados};
//!
//! /// Your code: whether a stock can be sold (CONFIRMADO).
//! async fn pode_vender(cliente: &ClienteRenaveWs, id: IdEstoque) -> Result<bool, Erro> {
//!     let estoque = cliente.consultar_estoque(id).await?;
//!     Ok(estoque.estado == Some(renave_domain::EstadoEstoque::Confirmado))
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let servidor = wiremock::MockServer::start().await;
//! let cliente = ClienteRenaveWs::builder()
//!     .ambiente(Ambiente::Local(servidor.uri().parse()?))
//!     .build()?;
//!
//! // Success: the canned stock is CONFIRMADO.
//! fixtures::CONSULTAR_ESTOQUE.sucesso().esperando(1).montar(&servidor).await;
//! assert!(pode_vender(&cliente, IdEstoque(fixtures::ID_ESTOQUE)).await?);
//!
//! // A business error (HTTP 422) mounted with a higher priority (smaller number) wins.
//! fixtures::por_nome("consultar_estoque")
//!     .expect("a known operation")
//!     .erro_negocio()
//!     .com_prioridade(1)
//!     .montar(&servidor)
//!     .await;
//! let erro = pode_vender(&cliente, IdEstoque(fixtures::ID_ESTOQUE)).await.unwrap_err();
//! assert!(erro.is_negocio());
//! assert!(erro.mensagem_usuario().is_some());
//! # Ok(())
//! # }
//! ```

use std::fmt;

use renave_http::Endpoint;
use serde_json::{Value, json};

/// The generic fixture machinery, shared with the CET-MG client (`renave_http::fixtures`):
/// Renave-WS route templates already start with `api/`, so its fixtures have no path prefix.
pub use renave_http::fixtures::{Corpo, Fixture};

use crate::modelos::DocumentoBase64;
use crate::operacoes::{
    ite as it, montadora as mt, transferencias as tr, usados as us, zero_km as zk,
};

// ---------------------------------------------------------------------------------------------
// Sample identifiers of the canned bodies (all valid by the domain rules)
// ---------------------------------------------------------------------------------------------

/// CNPJ of the establishment the canned answers speak for (E1 `cnpj`, authorizer of transfers).
pub const CNPJ_ESTABELECIMENTO: &str = "11222333000181";
/// Name of that establishment.
pub const NOME_ESTABELECIMENTO: &str = "CONCESSIONARIA EXEMPLO LTDA";
/// CNPJ of the other establishment of transfers (destination, deliverer).
pub const CNPJ_OUTRO_ESTABELECIMENTO: &str = "11444777000161";
/// CNPJ of the montadora of the zero km answers.
pub const CNPJ_MONTADORA: &str = "33000167000101";
/// CPF of the responsible operator (*operador responsável*) in the canned answers.
pub const CPF_OPERADOR: &str = "52998224725";
/// CPF of the seller / buyer of the used vehicle.
pub const CPF_PARTICULAR: &str = "11144477735";
/// Chassis (VIN) of the used vehicle.
pub const CHASSI_USADO: &str = "9BWZZZ377VT004251";
/// Plate (Mercosul) of the used vehicle.
pub const PLACA: &str = "ABC1D23";
/// RENAVAM of the used vehicle.
pub const RENAVAM: &str = "00123456789";
/// Current CRV security code of the used vehicle.
pub const CODIGO_SEGURANCA_CRV: &str = "12345678901";
/// Chassis (VIN) of the zero km vehicle.
pub const CHASSI_ZERO_KM: &str = "9BGKL48U0JB118848";
/// NF-e key of a purchase (*compra*).
pub const CHAVE_NFE_COMPRA: &str = "13181017921427000125650010000000309887251170";
/// NF-e key of a sale (*venda*).
pub const CHAVE_NFE_VENDA: &str = "33150308370779000149550010001100931002410775";
/// `idEstoque` of the canned stock (*estoque*).
pub const ID_ESTOQUE: i64 = 1001;
/// `idEstoque` of the stock a cancellation or transfer creates.
pub const ID_ESTOQUE_GERADO: i64 = 1002;
/// `id` of the canned transfer authorization (*autorização de transferência*).
pub const ID_AUTORIZACAO: i64 = 501;
/// `id` of the canned zero km delivery (*entrega*).
pub const ID_ENTREGA: i64 = 31;
/// `codigoClientemontadora` of the canned customer of the montadora (ITE group).
pub const CODIGO_CLIENTE_MONTADORA: &str = "4711";
/// RENAVAM municipality code (`codigoMunicipio`, E20) of Belo Horizonte.
pub const CODIGO_MUNICIPIO: &str = "4123";

/// A small valid PDF (one empty A4 page), the content of every canned document.
pub const PDF_EXEMPLO: &[u8] = b"%PDF-1.4\n\
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n\
xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n\
trailer << /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n";

/// The XML of the canned ATPV-e (`xmlAtpvBase64`, decoded).
pub const XML_ATPV_EXEMPLO: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<atpve><numero>202600012345</numero><chassi>9BWZZZ377VT004251</chassi></atpve>";

const DATA_HORA_ERRO: &str = "2026-09-28T08:59:19.35637";

// ---------------------------------------------------------------------------------------------
// The operation table
// ---------------------------------------------------------------------------------------------

/// One operation's fixtures (*respostas prontas de uma operação*): its [`Endpoint`], the status
/// and body of its canned success answer. Get one by constant ([`CONSULTAR_ESTOQUE`]…), by name
/// ([`por_nome`]) or from [`todas`].
#[derive(Clone)]
pub struct Operacao {
    endpoint: Endpoint,
    status_sucesso: u16,
    corpo_sucesso: fn() -> Option<Value>,
}

impl fmt::Debug for Operacao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Operacao")
            .field("nome", &self.endpoint.name)
            .field("rota", &self.endpoint.route)
            .field("status_sucesso", &self.status_sucesso)
            .finish_non_exhaustive()
    }
}

impl Operacao {
    const fn nova(
        endpoint: Endpoint,
        status_sucesso: u16,
        corpo_sucesso: fn() -> Option<Value>,
    ) -> Self {
        Self {
            endpoint,
            status_sucesso,
            corpo_sucesso,
        }
    }

    /// The operation name (decision D8), e.g. `"consultar_estoque"`.
    pub fn nome(&self) -> &'static str {
        self.endpoint.name
    }

    /// The operation's endpoint, the same constant the client uses.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The status of the canned success answer (200, or 201 for most `POST`s).
    pub fn status_sucesso(&self) -> u16 {
        self.status_sucesso
    }

    /// The JSON body of the canned success answer; `None` when the service answers with an
    /// empty body (E5, E10, Z10, Z11, the ITE homologação mock).
    pub fn corpo_sucesso(&self) -> Option<Value> {
        (self.corpo_sucesso)()
    }

    /// The canned success answer.
    pub fn sucesso(&self) -> Fixture {
        let corpo = match self.corpo_sucesso() {
            Some(v) => Corpo::Json(v),
            None => Corpo::Vazio,
        };
        Fixture::nova(&self.endpoint, self.status_sucesso, corpo)
    }

    /// One of the canned error answers of `renave-ws.md` §2.
    pub fn erro(&self, erro: ErroFixture) -> Fixture {
        Fixture::nova(
            &self.endpoint,
            erro.status(),
            erro.corpo(self.endpoint.route.template()),
        )
    }

    /// A business error (*erro de negócio*, HTTP 422) with every SERPRO field:
    /// [`ErroFixture::Negocio`].
    pub fn erro_negocio(&self) -> Fixture {
        self.erro(ErroFixture::Negocio)
    }

    /// A business error (HTTP 422) with your own `detalhe` and `mensagemParaUsuarioFinal`
    /// (e.g. one of the messages of `renave-ws.md` §2).
    pub fn erro_negocio_com(&self, detalhe: &str, mensagem_usuario: &str) -> Fixture {
        self.erro(ErroFixture::Negocio).com_corpo(json!({
            "titulo": "Erro de negócio",
            "detalhe": detalhe,
            "mensagemParaUsuarioFinal": mensagem_usuario,
            "dataHora": DATA_HORA_ERRO,
        }))
    }

    /// An answer with `status`: the canned success answer (with that status) for a 2xx, the
    /// canned error of [`ErroFixture::de_status`] for 400, 401, 403, 404, 422, 500, 502 and
    /// 503, otherwise a SERPRO body whose `titulo` is the status' reason phrase (a 429 also
    /// carries `Retry-After: 1`).
    pub fn http(&self, status: u16) -> Fixture {
        if (200..300).contains(&status) {
            return self.sucesso().com_status(status);
        }
        if let Some(erro) = ErroFixture::de_status(status) {
            return self.erro(erro);
        }
        let titulo = http_reason(status);
        let f = Fixture::nova(
            &self.endpoint,
            status,
            Corpo::Json(json!({
                "titulo": titulo,
                "detalhe": format!("HTTP {status}"),
                "dataHora": DATA_HORA_ERRO,
            })),
        );
        if status == 429 {
            return f.com_cabecalho("Retry-After", "1");
        }
        f
    }
}

fn http_reason(status: u16) -> &'static str {
    match status {
        405 => "Método não permitido",
        408 => "Tempo esgotado",
        409 => "Conflito",
        413 => "Requisição muito grande",
        415 => "Tipo de mídia não suportado",
        429 => "Muitas requisições",
        501 => "Não implementado",
        504 => "Tempo esgotado no gateway",
        _ => "Erro",
    }
}

macro_rules! operacoes {
    ($($(#[$doc:meta])* $nome:ident = $endpoint:path, $status:literal, $corpo:expr;)+) => {
        $(
            $(#[$doc])*
            pub const $nome: Operacao = Operacao::nova($endpoint, $status, $corpo);
        )+

        static TODAS: &[Operacao] = &[$($nome),+];
    };
}

operacoes! {
    /// E1 `GET api/cliente-autenticado`: the authenticated establishment.
    CONSULTAR_CLIENTE_AUTENTICADO = us::CONSULTAR_CLIENTE_AUTENTICADO, 200, || Some(cliente_autenticado());
    /// E2 `GET api/aptidao-veiculo-estoque`: an apt vehicle (*veículo apto*), no debts.
    CONSULTAR_APTIDAO_VEICULO_ESTOQUE = us::CONSULTAR_APTIDAO_VEICULO_ESTOQUE, 200, || Some(aptidao());
    /// E3 `POST api/solicitacoes-entrada-estoque`: a `SOLICITADO` stock bought from a private
    /// seller.
    SOLICITAR_ENTRADA_ESTOQUE = us::SOLICITAR_ENTRADA_ESTOQUE, 201, || Some(estoque_usado("SOLICITADO", false));
    /// E4 `POST api/solicitacoes-entrada-estoque-veiculo-proprio`: a `CONFIRMADO` stock of the
    /// establishment's own vehicle.
    SOLICITAR_ENTRADA_ESTOQUE_VEICULO_PROPRIO = us::SOLICITAR_ENTRADA_ESTOQUE_VEICULO_PROPRIO, 201, || Some(estoque_usado("CONFIRMADO", true));
    /// E5 `POST api/atpv-assinatura-vendedor`: empty 200.
    ENVIAR_ASSINATURA_VENDEDOR_ATPV = us::ENVIAR_ASSINATURA_VENDEDOR_ATPV, 200, || None;
    /// E6 `GET api/atpv-assinaturas/{placa}/{renavam}/ultimo`: the last seller signature.
    CONSULTAR_ULTIMA_ASSINATURA_ATPV = us::CONSULTAR_ULTIMA_ASSINATURA_ATPV, 200, || Some(assinatura_atpv());
    /// E7 `GET api/pdf-atpv?chassi=`: the ATPV-e (PDF and XML).
    OBTER_PDF_ATPV = us::OBTER_PDF_ATPV, 200, || Some(pdf_atpv());
    /// E8 `GET api/pdf-atpv/{placa}/{renavam}`: the ATPV-e.
    OBTER_PDF_ATPV_POR_PLACA_RENAVAM = us::OBTER_PDF_ATPV_POR_PLACA_RENAVAM, 200, || Some(pdf_atpv());
    /// E9 `GET api/atpv/{idAtpv}`: the ATPV-e.
    OBTER_ATPV_POR_ID = us::OBTER_ATPV_POR_ID, 200, || Some(pdf_atpv());
    /// E10 `POST api/notas-fiscais`: empty 200.
    ENVIAR_NOTA_FISCAL = us::ENVIAR_NOTA_FISCAL, 200, || None;
    /// E11 `GET api/estoques`: one `CONFIRMADO` stock.
    CONSULTAR_ESTOQUES = us::CONSULTAR_ESTOQUES, 200, || Some(Value::Array(vec![estoque_usado("CONFIRMADO", false)]));
    /// E12 `GET api/estoques/{idEstoque}`: a `CONFIRMADO` stock.
    CONSULTAR_ESTOQUE = us::CONSULTAR_ESTOQUE, 200, || Some(estoque_usado("CONFIRMADO", false));
    /// E13 `GET api/estoques/{idEstoque}/termo-entrada-estoque`: the TEE (PDF).
    OBTER_TERMO_ENTRADA_ESTOQUE = us::OBTER_TERMO_ENTRADA_ESTOQUE, 200, || Some(json!({
        "numeroTermoEntradaEstoque": 2_026_000_991,
        "pdfBase64": pdf_base64(),
    }));
    /// E14 `POST api/solicitacoes-cancelamento-estoque`: the stock with its cancellation.
    SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE = us::SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE, 201, || Some(estoque_entrada_cancelada(CHASSI_USADO));
    /// E15 `POST api/solicitacoes-saida-estoque`: the stock `FINALIZADO` by a sale.
    SOLICITAR_SAIDA_ESTOQUE = us::SOLICITAR_SAIDA_ESTOQUE, 201, || Some(estoque_vendido(CHASSI_USADO, "VENDA"));
    /// E16 `GET api/estoques/{idEstoque}/termo-saida-estoque`: the TSE (PDF).
    OBTER_TERMO_SAIDA_ESTOQUE = us::OBTER_TERMO_SAIDA_ESTOQUE, 200, || Some(json!({
        "numeroTermoSaidaEstoque": 2_026_000_555,
        "pdfBase64": pdf_base64(),
    }));
    /// E17 `POST api/solicitacoes-cancelamento-saida-estoque`: the sale cancelled, a new stock.
    SOLICITAR_CANCELAMENTO_SAIDA_ESTOQUE = us::SOLICITAR_CANCELAMENTO_SAIDA_ESTOQUE, 201, || Some(estoque_saida_cancelada(CHASSI_USADO));
    /// E18 `GET api/crlve/{placa}/{renavam}`: the CRLV-e with the new CRV security code PDF.
    OBTER_CRLVE = us::OBTER_CRLVE, 200, || Some(crlve(true));
    /// E19 `GET api/crlve/{placa}/{renavam}/pdf-codigo-seguranca-crv`: the security code PDF.
    OBTER_PDF_CODIGO_SEGURANCA_CRV = us::OBTER_PDF_CODIGO_SEGURANCA_CRV, 200, || Some(crlve(false));
    /// E20 `GET api/municipios`: Belo Horizonte.
    CONSULTAR_MUNICIPIOS = us::CONSULTAR_MUNICIPIOS, 200, || Some(json!([municipio()]));
    /// E22 `GET api/veiculos?chassi=`: the used vehicle, no restriction.
    CONSULTAR_VEICULO = us::CONSULTAR_VEICULO, 200, || Some(json!({
        "chassi": CHASSI_USADO,
        "placa": PLACA,
        "renavam": RENAVAM,
        "restricoes": [],
        "veiculoAcabado": true,
    }));

    /// E23 `GET api/autorizacoes-transferencias`: one `CRIADA` authorization.
    CONSULTAR_AUTORIZACOES_TRANSFERENCIAS = tr::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS, 200, || Some(Value::Array(vec![autorizacao(CHASSI_USADO, "CRIADA", false, false)]));
    /// E24 `POST api/autorizacoes-transferencias`: a `CRIADA` authorization.
    AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS = tr::AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS, 201, || Some(autorizacao(CHASSI_USADO, "CRIADA", false, false));
    /// E25 `POST api/cancelamentos-autorizacoes-transferencias`: the authorization `CANCELADA`.
    CANCELAR_AUTORIZACAO_TRANSFERENCIA = tr::CANCELAR_AUTORIZACAO_TRANSFERENCIA, 200, || Some(autorizacao(CHASSI_USADO, "CANCELADA", false, false));
    /// E26 `POST api/solicitacoes-transferencia-entre-estabelecimentos`: the destination's new
    /// stock.
    SOLICITAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS = tr::SOLICITAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS, 201, || Some(estoque_transferido(CHASSI_USADO));
    /// E27 `POST api/solicitacoes-transferencia-entre-filiais`: the branch's new stock.
    SOLICITAR_TRANSFERENCIA_ENTRE_FILIAIS = tr::SOLICITAR_TRANSFERENCIA_ENTRE_FILIAIS, 201, || Some(estoque_transferido(CHASSI_USADO));
    /// E28 `POST api/transferencias-estoque-vindo-de-ite`: the stock received from an ITE.
    TRANSFERIR_ESTOQUE_VINDO_DE_ITE = tr::TRANSFERIR_ESTOQUE_VINDO_DE_ITE, 201, || Some(estoque_transferido(CHASSI_ZERO_KM));
    /// E29 `POST api/autorizacoes-transferencias-para-ite`: a `CRIADA` authorization to an ITE.
    AUTORIZAR_TRANSFERENCIA_PARA_ITE = tr::AUTORIZAR_TRANSFERENCIA_PARA_ITE, 201, || Some(autorizacao(CHASSI_ZERO_KM, "CRIADA", true, true));
    /// E30 `POST api/cancelamentos-autorizacoes-transferencias-para-ite`: `CANCELADA`.
    CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE = tr::CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE, 200, || Some(autorizacao(CHASSI_ZERO_KM, "CANCELADA", true, true));
    /// E31 `POST api/saidas-estoque-veiculo-inacabado`: the unfinished vehicle sold.
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO = tr::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO, 201, || Some(estoque_vendido(CHASSI_ZERO_KM, "VENDA"));
    /// E32 `POST api/cancelamentos-saida-estoque-veiculo-inacabado`: the sale cancelled.
    CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO = tr::CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO, 201, || Some(estoque_saida_cancelada(CHASSI_ZERO_KM));

    /// Z1 `GET api/veiculos-zero-km-pendentes-entrada-estoque`: one pending new vehicle.
    CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE = zk::CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE, 200, || Some(json!([{
        "chassi": CHASSI_ZERO_KM,
        "dataHoraCadastro": "2026-09-01T08:00:00",
        "veiculoAcabado": true,
    }]));
    /// Z2 `POST api/entradas-estoque-zero-km`: a `CONFIRMADO` zero km stock.
    REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM = zk::REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM, 201, || Some(estoque_zero_km());
    /// Z3 `POST api/saidas-estoque-veiculo-zero-km`: the new vehicle sold.
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM = zk::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM, 201, || Some(estoque_vendido(CHASSI_ZERO_KM, "VENDA"));
    /// Z4 `POST api/cancelamentos-saida-estoque-zero-km`: the sale cancelled, a new stock.
    CANCELAR_SAIDA_ESTOQUE_ZERO_KM = zk::CANCELAR_SAIDA_ESTOQUE_ZERO_KM, 201, || Some(estoque_saida_cancelada(CHASSI_ZERO_KM));
    /// Z5 `POST api/cancelamentos-entrada-estoque-zero-km`: the entrada cancelled.
    CANCELAR_ENTRADA_ESTOQUE_ZERO_KM = zk::CANCELAR_ENTRADA_ESTOQUE_ZERO_KM, 201, || Some(estoque_entrada_cancelada(CHASSI_ZERO_KM));
    /// Z6 `POST api/autorizacoes-transferencias-veiculo-zero-km`: a `CRIADA` authorization.
    AUTORIZAR_TRANSFERENCIA_VEICULO_ZERO_KM = zk::AUTORIZAR_TRANSFERENCIA_VEICULO_ZERO_KM, 201, || Some(autorizacao(CHASSI_ZERO_KM, "CRIADA", true, false));
    /// Z7 cancel of a Z6 authorization: `CANCELADA`.
    CANCELAR_AUTORIZACAO_TRANSFERENCIA_VEICULO_ZERO_KM = zk::CANCELAR_AUTORIZACAO_TRANSFERENCIA_VEICULO_ZERO_KM, 200, || Some(autorizacao(CHASSI_ZERO_KM, "CANCELADA", true, false));
    /// Z8 transfer of a new vehicle between establishments: the receiver's new stock.
    TRANSFERIR_ENTRE_ESTABELECIMENTOS_VEICULO_ZERO_KM = zk::TRANSFERIR_ENTRE_ESTABELECIMENTOS_VEICULO_ZERO_KM, 201, || Some(estoque_transferido(CHASSI_ZERO_KM));
    /// Z9 `POST api/devolucoes-montadora-veiculo-zero-km`: the stock returned to the montadora.
    DEVOLVER_MONTADORA_VEICULO_ZERO_KM = zk::DEVOLVER_MONTADORA_VEICULO_ZERO_KM, 201, || Some(estoque_vendido(CHASSI_ZERO_KM, "DEVOLUCAO_MONTADORA"));
    /// Z10 `POST api/rejeicoes-zero-km`: empty 201.
    REJEITAR_VEICULO_ZERO_KM = zk::REJEITAR_VEICULO_ZERO_KM, 201, || None;
    /// Z11 cancel of a rejection: empty 200.
    CANCELAR_REJEICAO_VEICULO_ZERO_KM = zk::CANCELAR_REJEICAO_VEICULO_ZERO_KM, 200, || None;
    /// Z12 `GET api/entregas-veiculo-zero-km`: one `PENDENTE` delivery.
    CONSULTAR_ENTREGAS_VEICULO_ZERO_KM = zk::CONSULTAR_ENTREGAS_VEICULO_ZERO_KM, 200, || Some(Value::Array(vec![entrega("PENDENTE")]));
    /// Z13 `POST api/entregas-veiculo-zero-km/realizacao`: the delivery `REALIZADA`.
    REALIZAR_ENTREGA_VEICULO_ZERO_KM = zk::REALIZAR_ENTREGA_VEICULO_ZERO_KM, 201, || Some(entrega("REALIZADA"));
    /// Z14 cancel of a delivery: `CANCELADA`, with the new delivery id.
    CANCELAR_ENTREGA_VEICULO_ZERO_KM = zk::CANCELAR_ENTREGA_VEICULO_ZERO_KM, 201, || Some(entrega("CANCELADA"));
    /// Z15 sale of a new vehicle under Renovar: the stock sold.
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR = zk::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR, 201, || Some(estoque_vendido(CHASSI_ZERO_KM, "VENDA"));
    /// Z16 sale of an unfinished vehicle under Renovar: the stock sold.
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR = zk::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR, 201, || Some(estoque_vendido(CHASSI_ZERO_KM, "VENDA"));

    /// `GET api/montadora/cliente-autenticado` (montadora group, §3.3).
    CONSULTAR_CLIENTE_AUTENTICADO_MONTADORA = mt::CONSULTAR_CLIENTE_AUTENTICADO_MONTADORA, 200, || Some(cliente_autenticado());
    /// `GET api/montadora/municipios` (montadora group, §3.3).
    CONSULTAR_MUNICIPIOS_MONTADORA = mt::CONSULTAR_MUNICIPIOS_MONTADORA, 200, || Some(json!([municipio()]));
    /// `GET api/montadora/estoques` (montadora group, §3.3).
    CONSULTAR_ESTOQUES_MONTADORA = mt::CONSULTAR_ESTOQUES_MONTADORA, 200, || Some(Value::Array(vec![estoque_zero_km()]));
    /// `GET api/montadora/estoques/{idEstoque}/termo-saida-estoque` (montadora group, §3.3).
    OBTER_TERMO_SAIDA_ESTOQUE_MONTADORA = mt::OBTER_TERMO_SAIDA_ESTOQUE_MONTADORA, 200, || Some(json!({
        "numeroTermoSaidaEstoque": 2_026_000_556,
        "pdfBase64": pdf_base64(),
    }));
    /// `GET api/montadora/pdf-atpv` (montadora group, §3.3).
    OBTER_PDF_ATPV_MONTADORA = mt::OBTER_PDF_ATPV_MONTADORA, 200, || Some(pdf_atpv());
    /// `GET api/montadora/veiculos-zero-km-pendentes-entrada-estoque` (montadora group, §3.3).
    CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE_MONTADORA = mt::CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE_MONTADORA, 200, || Some(json!([{
        "chassi": CHASSI_ZERO_KM,
        "dataHoraCadastro": "2026-09-01T08:00:00",
        "veiculoAcabado": false,
    }]));
    /// `GET api/montadora/entregas-veiculo-zero-km` (montadora group, §3.3).
    CONSULTAR_ENTREGAS_VEICULO_ZERO_KM_MONTADORA = mt::CONSULTAR_ENTREGAS_VEICULO_ZERO_KM_MONTADORA, 200, || Some(Value::Array(vec![entrega("PENDENTE")]));
    /// `GET api/montadora/autorizacoes-transferencias` (montadora group, §3.3).
    CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_MONTADORA = mt::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_MONTADORA, 200, || Some(Value::Array(vec![autorizacao(CHASSI_ZERO_KM, "CRIADA", true, true)]));
    /// `POST api/montadora/entradas-estoque-zero-km` (montadora group, §3.3).
    REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA = mt::REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA, 201, || Some(estoque_zero_km());
    /// `POST api/montadora/cancelamentos-entrada-estoque-zero-km` (montadora group, §3.3).
    CANCELAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA = mt::CANCELAR_ENTRADA_ESTOQUE_ZERO_KM_MONTADORA, 201, || Some(estoque_entrada_cancelada(CHASSI_ZERO_KM));
    /// `POST api/montadora/saidas-estoque-veiculo-zero-km` (montadora group, §3.3).
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_MONTADORA = mt::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_MONTADORA, 201, || Some(estoque_vendido(CHASSI_ZERO_KM, "VENDA"));
    /// `POST api/montadora/cancelamentos-saida-estoque-zero-km` (montadora group, §3.3).
    CANCELAR_SAIDA_ESTOQUE_ZERO_KM_MONTADORA = mt::CANCELAR_SAIDA_ESTOQUE_ZERO_KM_MONTADORA, 201, || Some(estoque_saida_cancelada(CHASSI_ZERO_KM));
    /// `POST api/montadora/saidas-estoque-veiculo-inacabado` (montadora group, §3.3).
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA = mt::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA, 201, || Some(estoque_vendido(CHASSI_ZERO_KM, "VENDA"));
    /// `POST api/montadora/cancelamentos-saidas-estoque-veiculo-inacabado` (montadora group, §3.3).
    CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA = mt::CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO_MONTADORA, 201, || Some(estoque_saida_cancelada(CHASSI_ZERO_KM));
    /// `POST api/montadora/autorizacoes-transferencias-para-ite` (montadora group, §3.3).
    AUTORIZAR_TRANSFERENCIA_PARA_ITE_MONTADORA = mt::AUTORIZAR_TRANSFERENCIA_PARA_ITE_MONTADORA, 201, || Some(autorizacao(CHASSI_ZERO_KM, "CRIADA", true, true));
    /// `POST api/montadora/cancelamentos-autorizacoes-transferencias-para-ite` (montadora group, §3.3).
    CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE_MONTADORA = mt::CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE_MONTADORA, 200, || Some(autorizacao(CHASSI_ZERO_KM, "CANCELADA", true, true));
    /// `POST api/montadora/transferencias-estoque-vindo-de-ite` (montadora group, §3.3).
    TRANSFERIR_ESTOQUE_VINDO_DE_ITE_MONTADORA = mt::TRANSFERIR_ESTOQUE_VINDO_DE_ITE_MONTADORA, 201, || Some(estoque_transferido(CHASSI_ZERO_KM));
    /// `POST api/montadora/saidas-estoque-veiculo-zero-km-renovar` (montadora group, §3.3).
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR_MONTADORA = mt::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR_MONTADORA, 201, || Some(estoque_vendido(CHASSI_ZERO_KM, "VENDA"));
    /// `POST api/montadora/saidas-estoque-veiculo-inacabado-renovar` (montadora group, §3.3).
    REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR_MONTADORA = mt::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR_MONTADORA, 201, || Some(estoque_vendido(CHASSI_ZERO_KM, "VENDA"));

    /// `GET api/ite/cliente-autenticado` (ITE group, §3.4).
    CONSULTAR_CLIENTE_AUTENTICADO_ITE = it::CONSULTAR_CLIENTE_AUTENTICADO_ITE, 200, || Some(cliente_autenticado());
    /// `GET api/ite/estoques` (ITE group, §3.4).
    CONSULTAR_ESTOQUES_ITE = it::CONSULTAR_ESTOQUES_ITE, 200, || Some(Value::Array(vec![estoque_zero_km()]));
    /// `GET api/ite/estoques/{idEstoque}/termo-entrada-estoque` (ITE group, §3.4).
    OBTER_TERMO_ENTRADA_ESTOQUE_ITE = it::OBTER_TERMO_ENTRADA_ESTOQUE_ITE, 200, || Some(json!({
        "numeroTermoEntradaEstoque": 2_026_000_992,
        "pdfBase64": pdf_base64(),
    }));
    /// `GET api/ite/veiculos` (ITE group, §3.4).
    CONSULTAR_VEICULO_ITE = it::CONSULTAR_VEICULO_ITE, 200, || Some(json!({
        "chassi": CHASSI_ZERO_KM,
        "placa": null,
        "renavam": null,
        "restricoes": [],
        "veiculoAcabado": false,
    }));
    /// `GET api/ite/pdf-atpv` (ITE group, §3.4).
    OBTER_PDF_ATPV_ITE = it::OBTER_PDF_ATPV_ITE, 200, || Some(pdf_atpv());
    /// `GET api/ite/clientes-montadoras` (ITE group, §3.4).
    CONSULTAR_CLIENTES_MONTADORAS_ITE = it::CONSULTAR_CLIENTES_MONTADORAS_ITE, 200, || Some(json!([
        {"codigoClientemontadora": CODIGO_CLIENTE_MONTADORA, "descricaoClientemontadora": "TRANSPORTES EXEMPLO LTDA"}
    ]));
    /// `GET api/ite/autorizacoes-transferencias` (ITE group, §3.4).
    CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_ITE = it::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS_ITE, 200, || Some(Value::Array(vec![autorizacao(CHASSI_ZERO_KM, "CRIADA", true, true)]));
    /// `POST api/ite/entradas-estoque` (ITE group, §3.4).
    REGISTRAR_ENTRADA_ESTOQUE_ITE = it::REGISTRAR_ENTRADA_ESTOQUE_ITE, 201, || Some(estoque_zero_km());
    /// `POST api/ite/saidas-estoque` (ITE group, §3.4).
    REGISTRAR_SAIDA_ESTOQUE_ITE = it::REGISTRAR_SAIDA_ESTOQUE_ITE, 201, || Some(estoque_vendido(CHASSI_ZERO_KM, "VENDA"));
    /// `POST api/ite/cancelamentos-entrada-estoque-ite` (ITE group, §3.4).
    CANCELAR_ENTRADA_ESTOQUE_ITE = it::CANCELAR_ENTRADA_ESTOQUE_ITE, 201, || Some(estoque_entrada_cancelada(CHASSI_ZERO_KM));
    /// `POST api/ite/cancelamentos-saida-estoque-ite` (ITE group, §3.4).
    CANCELAR_SAIDA_ESTOQUE_ITE = it::CANCELAR_SAIDA_ESTOQUE_ITE, 201, || Some(estoque_saida_cancelada(CHASSI_ZERO_KM));
    /// `POST api/ite/transferencias-para-ite` (ITE group, §3.4).
    TRANSFERIR_PARA_ITE = it::TRANSFERIR_PARA_ITE, 201, || Some(estoque_transferido(CHASSI_ZERO_KM));
    /// `POST api/ite/transferencias-vindo-de-ite-para-ite` (ITE group, §3.4).
    TRANSFERIR_VINDO_DE_ITE_PARA_ITE = it::TRANSFERIR_VINDO_DE_ITE_PARA_ITE, 201, || Some(estoque_transferido(CHASSI_ZERO_KM));
    /// `POST api/ite/autorizacoes-transferencias-estoque-vindo-de-ite` (ITE group, §3.4).
    AUTORIZAR_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE = it::AUTORIZAR_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE, 201, || Some(autorizacao(CHASSI_ZERO_KM, "CRIADA", true, false));
    /// `POST api/ite/cancelamentos-autorizacoes-transferencias-estoque-vindo-de-ite` (ITE group, §3.4).
    CANCELAR_AUTORIZACAO_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE = it::CANCELAR_AUTORIZACAO_TRANSFERENCIA_ESTOQUE_VINDO_DE_ITE, 200, || Some(autorizacao(CHASSI_ZERO_KM, "CANCELADA", true, false));
    /// `POST api/ite/veiculos-inacabados-mock/acabar` (ITE group, §3.4).
    ACABAR_VEICULO_INACABADO_MOCK_ITE = it::ACABAR_VEICULO_INACABADO_MOCK_ITE, 200, || None;
    /// `POST api/ite/saidas-estoque-renovar` (ITE group, §3.4).
    REGISTRAR_SAIDA_ESTOQUE_RENOVAR_ITE = it::REGISTRAR_SAIDA_ESTOQUE_RENOVAR_ITE, 201, || Some(estoque_vendido(CHASSI_ZERO_KM, "VENDA"));
}

/// Every operation's fixtures, in catalogue order (E1–E22, E23–E32, Z1–Z16).
pub fn todas() -> &'static [Operacao] {
    TODAS
}

/// The fixtures of the operation named `nome` (its [`Endpoint::name`], e.g.
/// `"consultar_estoque"`); `None` for a name this crate does not know.
pub fn por_nome(nome: &str) -> Option<&'static Operacao> {
    TODAS.iter().find(|o| o.nome() == nome)
}

// ---------------------------------------------------------------------------------------------
// Canned errors
// ---------------------------------------------------------------------------------------------

/// The canned error answers of Renave-WS (`renave-ws.md` §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErroFixture {
    /// 400 *Requisição inválida*: `titulo`, `detalhe` ("CPF do operador responsável é
    /// obrigatório"), `dataHora`.
    RequisicaoInvalida,
    /// 401 with an empty body (the security layer).
    NaoAutenticadoVazio,
    /// 401 with Spring Boot's default body, `"No message available"` (a CNPJ not credentialed,
    /// `renave-ws.md` §7.7).
    NaoAutenticadoSpring,
    /// 403 with Spring Boot's default body (`"Forbidden"`, `"Access Denied"`).
    Proibido,
    /// 404 *Não encontrado* with the SERPRO body.
    NaoEncontrado,
    /// 422 *Erro de negócio* with every SERPRO field: `titulo`, `detalhe`,
    /// `mensagemParaUsuarioFinal`, `dataHora`, `logIdRastreabilidade`.
    Negocio,
    /// 500 *Erro no servidor* with `logIdRastreabilidade`.
    ErroServidor,
    /// 502 with a proxy's HTML page.
    GatewayHtml,
    /// 503 with an empty body.
    Indisponivel,
}

impl ErroFixture {
    /// Every canned error.
    pub const TODOS: [ErroFixture; 9] = [
        Self::RequisicaoInvalida,
        Self::NaoAutenticadoVazio,
        Self::NaoAutenticadoSpring,
        Self::Proibido,
        Self::NaoEncontrado,
        Self::Negocio,
        Self::ErroServidor,
        Self::GatewayHtml,
        Self::Indisponivel,
    ];

    /// The HTTP status of the answer.
    pub const fn status(self) -> u16 {
        match self {
            Self::RequisicaoInvalida => 400,
            Self::NaoAutenticadoVazio | Self::NaoAutenticadoSpring => 401,
            Self::Proibido => 403,
            Self::NaoEncontrado => 404,
            Self::Negocio => 422,
            Self::ErroServidor => 500,
            Self::GatewayHtml => 502,
            Self::Indisponivel => 503,
        }
    }

    /// The canned error for a status (401 → [`NaoAutenticadoVazio`](Self::NaoAutenticadoVazio));
    /// `None` for a status without one.
    pub const fn de_status(status: u16) -> Option<Self> {
        Some(match status {
            400 => Self::RequisicaoInvalida,
            401 => Self::NaoAutenticadoVazio,
            403 => Self::Proibido,
            404 => Self::NaoEncontrado,
            422 => Self::Negocio,
            500 => Self::ErroServidor,
            502 => Self::GatewayHtml,
            503 => Self::Indisponivel,
            _ => return None,
        })
    }

    fn corpo(self, template: &str) -> Corpo {
        let caminho = format!("/renave-ws/{}", template.trim_start_matches('/'));
        match self {
            Self::RequisicaoInvalida => Corpo::Json(json!({
                "titulo": "Requisição inválida",
                "detalhe": "CPF do operador responsável é obrigatório",
                "dataHora": DATA_HORA_ERRO,
            })),
            Self::NaoAutenticadoVazio | Self::Indisponivel => Corpo::Vazio,
            Self::NaoAutenticadoSpring => Corpo::Json(json!({
                "timestamp": "2026-09-28T11:59:19.356+00:00",
                "status": 401,
                "error": "Unauthorized",
                "message": "No message available",
                "path": caminho,
            })),
            Self::Proibido => Corpo::Json(json!({
                "timestamp": "2026-09-28T11:59:19.356+00:00",
                "status": 403,
                "error": "Forbidden",
                "message": "Access Denied",
                "path": caminho,
            })),
            Self::NaoEncontrado => Corpo::Json(json!({
                "titulo": "Não encontrado",
                "detalhe": "Recurso não encontrado",
                "dataHora": DATA_HORA_ERRO,
            })),
            Self::Negocio => Corpo::Json(json!({
                "titulo": "Erro de negócio",
                "detalhe": "Veículo já possui autorização de transferência cadastrada",
                "mensagemParaUsuarioFinal": "O veículo já possui autorização de transferência cadastrada.",
                "dataHora": DATA_HORA_ERRO,
                "logIdRastreabilidade": "4b2d8f1e-0c3a-4e59-9d7b-3a6f1c2e8b90",
            })),
            Self::ErroServidor => Corpo::Json(json!({
                "titulo": "Erro no servidor",
                "detalhe": "Erro interno do servidor",
                "dataHora": DATA_HORA_ERRO,
                "logIdRastreabilidade": "7f3e9c0a-5d1b-4c2e-9a77-2b8e4f6d1a03",
            })),
            Self::GatewayHtml => Corpo::Texto {
                conteudo: "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
                    <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
                    </body>\r\n</html>\r\n"
                    .to_owned(),
                tipo: "text/html".to_owned(),
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Canned success bodies (`renave-ws.md` §4–§5)
// ---------------------------------------------------------------------------------------------

fn pdf_base64() -> String {
    DocumentoBase64::codificar(PDF_EXEMPLO).as_str().to_owned()
}

fn municipio() -> Value {
    json!({"id": CODIGO_MUNICIPIO, "nome": "BELO HORIZONTE", "uf": "MG"})
}

fn endereco() -> Value {
    json!({
        "bairro": "FUNCIONARIOS",
        "cep": "30130010",
        "complemento": "LOJA 1",
        "logradouro": "AV AFONSO PENA",
        "numero": "1500",
        "municipio": municipio(),
    })
}

fn cliente_autenticado() -> Value {
    json!({
        "cnpj": CNPJ_ESTABELECIMENTO,
        "nome": NOME_ESTABELECIMENTO,
        "endereco": endereco(),
    })
}

fn aptidao() -> Value {
    json!({
        "comunicacaoComDetranFalhou": false,
        "diagnostico": {
            "veiculoApto": true,
            "motivosParaNaoAptidao": [],
            "veiculoBaixado": false,
            "veiculoComAlarme": false,
            "veiculoComLicenciamentoProvisorio": false,
            "veiculoComPendenciaDeEmissaoCrv": false,
            "veiculoComRecall": false,
            "veiculoComRestricaoImpeditivaNoDetran": false,
            "veiculoComRestricaoJudicial": false,
            "veiculoComRestricaoNaReceitaFederal": false,
            "veiculoComRestricaoPgfn": false,
            "veiculoComRouboFurto": false,
            "veiculoSemAtpv": false,
            "veiculoTemAutorizacaoTransferenciaParaEstabelecimentoDiferenteDoEstabelecimentoConsultante": false,
            "veiculoTemComunicacaoDeVendaParaCompradorDiferenteDoEstabelecimentoConsultante": false,
            "veiculoTemIntencaoDeVendaParaCompradorDiferenteDoEstabelecimentoConsultante": false
        },
        "informacoesDebitos": {
            "existemDebitos": false,
            "valorDebitoIpva": 0.0,
            "valorDebitoLicenciamento": 0.0,
            "valorDebitoMultas": 0.0,
            "valorDebitoDpvat": 0.0,
            "valorTaxasEDebitosDiversos": 0.0,
            "boletos": []
        },
        "veiculo": {
            "chassi": CHASSI_USADO,
            "placa": PLACA,
            "renavam": RENAVAM,
            "ufJurisdicao": "MG",
            "restricoes": [],
            "veiculoAcabado": true
        }
    })
}

/// A used-vehicle stock. `proprio`: the establishment's own vehicle (the seller is its CNPJ).
fn estoque_usado(estado: &str, proprio: bool) -> Value {
    let vendedor = if proprio {
        json!({"tipoDocumento": "CNPJ", "numeroDocumento": CNPJ_ESTABELECIMENTO})
    } else {
        json!({"tipoDocumento": "CPF", "numeroDocumento": CPF_PARTICULAR})
    };
    let mut entrada = json!({
        "cpfOperadorResponsavel": CPF_OPERADOR,
        "dataHora": "2026-09-24T10:05:00",
        "vendedor": vendedor,
    });
    if estado != "SOLICITADO" {
        if let Some(o) = entrada.as_object_mut() {
            o.insert("chaveNotaFiscalEntrada".to_owned(), json!(CHAVE_NFE_COMPRA));
            o.insert(
                "dataHoraEnvioNotaFiscalEntrada".to_owned(),
                json!("2026-09-24T10:20:00"),
            );
            o.insert("numeroTermoEntradaEstoque".to_owned(), json!(2_026_000_991));
        }
    }
    json!({
        "id": ID_ESTOQUE,
        "estado": estado,
        "chassi": CHASSI_USADO,
        "placa": PLACA,
        "renavam": RENAVAM,
        "numeroCrv": "123456789012",
        "codigoSegurancaCrv": CODIGO_SEGURANCA_CRV,
        "tipoCrv": "DIGITAL",
        "quilometragemHodometro": 45_000,
        "dataHoraMedicaoHodometro": "2026-09-24T10:00:00",
        "entradaEstoque": entrada,
        "saidaEstoque": null,
        "cancelamentoEstoque": null,
        "restricoesVeiculo": [],
        "origemPorCancelamentoEstoque": null
    })
}

fn estoque_zero_km() -> Value {
    json!({
        "id": ID_ESTOQUE,
        "estado": "CONFIRMADO",
        "chassi": CHASSI_ZERO_KM,
        "placa": null,
        "renavam": null,
        "numeroCrv": null,
        "codigoSegurancaCrv": null,
        "tipoCrv": null,
        "quilometragemHodometro": 0,
        "dataHoraMedicaoHodometro": "2026-09-02T09:30:00",
        "entradaEstoque": {
            "cpfOperadorResponsavel": CPF_OPERADOR,
            "dataHora": "2026-09-02T10:00:00",
            "chaveNotaFiscalEntrada": CHAVE_NFE_COMPRA,
            "dataHoraEnvioNotaFiscalEntrada": "2026-09-02T10:00:00",
            "numeroTermoEntradaEstoque": null,
            "vendedor": {"tipoDocumento": "CNPJ", "numeroDocumento": CNPJ_MONTADORA}
        },
        "saidaEstoque": null,
        "cancelamentoEstoque": null,
        "restricoesVeiculo": [
            {"codigoTipoRestricao": "86", "tipoRestricao": "ESTOQUE_RENAVE_DE_VEICULO_ZERO"}
        ],
        "origemPorCancelamentoEstoque": null
    })
}

fn estoque_de(chassi: &str) -> Value {
    if chassi == CHASSI_ZERO_KM {
        estoque_zero_km()
    } else {
        estoque_usado("CONFIRMADO", false)
    }
}

fn definir(estoque: &mut Value, campo: &str, valor: Value) {
    if let Some(o) = estoque.as_object_mut() {
        o.insert(campo.to_owned(), valor);
    }
}

fn saida(motivo: &str) -> Value {
    json!({
        "cpfOperadorResponsavel": CPF_OPERADOR,
        "motivo": motivo,
        "dataHora": "2026-10-01T16:45:00",
        "chaveNotaFiscalSaida": CHAVE_NFE_VENDA,
        "dataHoraEnvioNotaFiscalSaida": "2026-10-01T16:50:00",
        "comprador": {
            "tipoDocumento": "CPF",
            "numeroDocumento": CPF_PARTICULAR,
            "nome": "FULANO DE TAL",
            "email": "fulano@example.com",
            "endereco": {
                "bairro": "CENTRO",
                "cep": "30130010",
                "logradouro": "RUA DA BAHIA",
                "numero": "100",
                "municipio": municipio()
            }
        },
        "numeroTermoSaidaEstoque": 2_026_000_555,
        "cancelamentoSaidaEstoque": null
    })
}

fn estoque_vendido(chassi: &str, motivo: &str) -> Value {
    let mut e = estoque_de(chassi);
    definir(&mut e, "estado", json!("FINALIZADO"));
    definir(&mut e, "saidaEstoque", saida(motivo));
    e
}

fn estoque_saida_cancelada(chassi: &str) -> Value {
    let mut e = estoque_vendido(chassi, "VENDA");
    if let Some(s) = e.get_mut("saidaEstoque").and_then(Value::as_object_mut) {
        s.insert(
            "cancelamentoSaidaEstoque".to_owned(),
            json!({
                "dataHoraCancelamentoSaidaEstoque": "2026-10-02T11:00:00",
                "idEstoqueGeradoNoCancelamentoSaida": ID_ESTOQUE_GERADO
            }),
        );
    }
    e
}

fn estoque_entrada_cancelada(chassi: &str) -> Value {
    let mut e = estoque_de(chassi);
    definir(&mut e, "estado", json!("FINALIZADO"));
    definir(
        &mut e,
        "cancelamentoEstoque",
        json!({
            "dataHoraCancelamentoEstoque": "2026-09-26T09:00:00",
            "motivoCancelamentoEstoque": "CANCELAMENTO_ENTRADA"
        }),
    );
    e
}

fn estoque_transferido(chassi: &str) -> Value {
    let mut e = estoque_de(chassi);
    definir(&mut e, "id", json!(ID_ESTOQUE_GERADO));
    definir(&mut e, "idEstoqueOrigemTransferencia", json!(ID_ESTOQUE));
    e
}

fn autorizacao(chassi: &str, estado: &str, zero_km: bool, para_ite: bool) -> Value {
    let mut a = json!({
        "id": ID_AUTORIZACAO,
        "idEstoque": ID_ESTOQUE,
        "idEstoqueGerado": null,
        "chassi": chassi,
        "placaVeiculo": if zero_km { Value::Null } else { json!(PLACA) },
        "cnpjEstabelecimentoAutorizador": CNPJ_ESTABELECIMENTO,
        "nomeEstabelecimentoAutorizador": NOME_ESTABELECIMENTO,
        "cnpjEstabelecimentoDestino": CNPJ_OUTRO_ESTABELECIMENTO,
        "estadoAutorizacaoTransferencia": estado,
        "cpfOperadorResponsavelAutorizacao": CPF_OPERADOR,
        "dataHoraAutorizacao": "2026-09-28T10:00:00",
        "cpfOperadorResponsavelTransferencia": null,
        "dataHoraTransferencia": null,
        "cpfOperadorResponsavelCancelamento": null,
        "dataHoraCancelamento": null,
        "paraCancelamentoDeTransferencia": false,
        "estoqueOrigemDeVeiculoZeroKm": zero_km,
        "estoqueOrigemEmIte": false,
        "inacabadoNoPrimeiroEstoque": false,
        "paraIte": para_ite
    });
    if estado == "CANCELADA" {
        definir(
            &mut a,
            "cpfOperadorResponsavelCancelamento",
            json!(CPF_OPERADOR),
        );
        definir(&mut a, "dataHoraCancelamento", json!("2026-09-28T15:00:00"));
    }
    a
}

fn assinatura_atpv() -> Value {
    json!({
        "numeroAtpve": "202600012345",
        "estadoIntencaoVenda": "REGISTRADA",
        "chassi": CHASSI_USADO,
        "placa": PLACA,
        "renavam": RENAVAM,
        "codigoSegurancaCrv": CODIGO_SEGURANCA_CRV,
        "numeroDocumentoComprador": CNPJ_ESTABELECIMENTO,
        "numeroDocumentoVendedor": CPF_PARTICULAR,
        "dataHoraRegistro": "2026-09-24T10:05:00",
        "dataHoraRegistroAssinaturaVendedor": "2026-09-24T10:15:00",
        "tipoAssinaturaVendedor": "PROPRIO_PUNHO_ATPVE",
        "xmlAtpveBase64": DocumentoBase64::codificar(XML_ATPV_EXEMPLO.as_bytes()).as_str()
    })
}

fn pdf_atpv() -> Value {
    json!({
        "numeroAtpv": "202600012345",
        "pdfAtpvBase64": pdf_base64(),
        "xmlAtpvBase64": DocumentoBase64::codificar(XML_ATPV_EXEMPLO.as_bytes()).as_str()
    })
}

/// E18 (`completo`) or E19 (only the security-code PDF).
fn crlve(completo: bool) -> Value {
    if !completo {
        return json!({
            "placa": PLACA,
            "renavam": RENAVAM,
            "pdfCodigoSegurancaCrvBase64": pdf_base64()
        });
    }
    json!({
        "numero": "202600098765",
        "placa": PLACA,
        "renavam": RENAVAM,
        "dataEmissao": "2026-09-30",
        "cnpjEstabelecimento": CNPJ_ESTABELECIMENTO,
        "nomeEstabelecimento": NOME_ESTABELECIMENTO,
        "pdfBase64": pdf_base64(),
        "pdfCodigoSegurancaCrvBase64": pdf_base64()
    })
}

fn entrega(estado: &str) -> Value {
    let mut e = json!({
        "id": ID_ENTREGA,
        "chassi": CHASSI_ZERO_KM,
        "estado": estado,
        "idAtpv": 77,
        "cnpjEstabelecimentoEntregador": CNPJ_ESTABELECIMENTO,
        "cnpjEstabelecimentoVendedor": CNPJ_MONTADORA,
        "idEntregaGeradaNoCancelamentoEntrega": null,
        "idEntregaOrigemCancelamentoEntrega": null,
        "realizacaoEntrega": null,
        "cancelamentoEntrega": null
    });
    if estado == "REALIZADA" || estado == "CANCELADA" {
        definir(
            &mut e,
            "realizacaoEntrega",
            json!({"cpfResponsavel": CPF_OPERADOR, "dataHoraRegistro": "2026-09-30T17:00:00"}),
        );
    }
    if estado == "CANCELADA" {
        definir(
            &mut e,
            "idEntregaGeradaNoCancelamentoEntrega",
            json!(ID_ENTREGA + 1),
        );
        definir(
            &mut e,
            "cancelamentoEntrega",
            json!({
                "cpfResponsavel": CPF_OPERADOR,
                "dataHoraRegistro": "2026-10-01T08:00:00",
                "motivo": "DESISTENCIA"
            }),
        );
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    // The escaping of the path pattern and the privacy of `Fixture`'s and `Corpo`'s Debug are
    // tested with the machinery in `renave_http::fixtures`; here, that the canned Renave-WS
    // bodies stay out of it.
    #[test]
    fn debug_sem_dados_dos_corpos_prontos() {
        let texto = format!("{:?}", CONSULTAR_CLIENTE_AUTENTICADO.sucesso());
        assert!(!texto.contains(CNPJ_ESTABELECIMENTO), "{texto}");
        assert!(texto.contains("consultar_cliente_autenticado"), "{texto}");
        let texto = format!("{:?}", SOLICITAR_SAIDA_ESTOQUE.sucesso().corpo());
        assert!(!texto.contains(CPF_PARTICULAR) && !texto.contains(CPF_OPERADOR));
    }

    #[test]
    fn corpos_de_sucesso_sao_json_e_documentos_sao_pdf() {
        for op in todas() {
            if let Some(corpo) = op.corpo_sucesso() {
                assert!(corpo.is_object() || corpo.is_array(), "{}", op.nome());
            }
        }
        assert!(PDF_EXEMPLO.starts_with(b"%PDF-") && PDF_EXEMPLO.ends_with(b"%%EOF\n"));
    }
}
