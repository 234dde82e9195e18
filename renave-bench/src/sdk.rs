//! The SDK side of the bench: both clients built for the local server with
//! `Ambiente::Local(url)` (the loopback test mode), and the requests they send, taken from the
//! clients' sample data (`simulador::fixtures`, `simulador::amostras`).

use renave_http::contrato::Contrato;
use renave_mg_client::operacoes::estoque::ConsultaAptidaoVeiculoEstoque;
use renave_mg_client::operacoes::protocolo_digital::UploadFichaCadastro;
use renave_mg_client::simulador::{amostras, fixtures};
use renave_mg_client::{Ambiente, ClienteCetMg, Identificador};
use renave_ws_client::ClienteRenaveWs;
use secrecy::SecretString;

/// The Consumer Key the bench's clients present (the local server accepts any).
pub const CHAVE: &str = "chave-bench";
/// The Consumer Secret the bench's clients present.
pub const SEGREDO: &str = "segredo-bench";
/// The numero_protocolo of the upload.
pub const NUMERO_PROTOCOLO: u64 = 2_026_000_123;

fn local(url: &str) -> Ambiente {
    Ambiente::Local(url.parse().expect("the local server's URL"))
}

/// A fresh CET-MG client for the local server, with `contrato` as its contract override, if
/// any.
pub fn cliente_cetmg(url: &str, contrato: Option<Contrato>) -> ClienteCetMg {
    let mut builder = ClienteCetMg::builder()
        .ambiente(local(url))
        .credenciais(SecretString::from(CHAVE), SecretString::from(SEGREDO));
    if let Some(c) = contrato {
        builder = builder.contrato(c);
    }
    builder.build().expect("the CET-MG client builds")
}

/// A contract override of an operation the bench does not call (the `consultar_ultimo_laudo`
/// answer's `data_emissao` read as `dataEmissao`): the contract machinery is active (a
/// `ContratoAtivo` with a rename), but not for the operation measured.
pub fn contrato_nao_relacionado() -> Contrato {
    Contrato::de_toml(
        "[operacoes.consultar_ultimo_laudo.resposta]\ndata_emissao = \"dataEmissao\"\n",
    )
    .expect("a valid contract override")
}

/// A fresh Renave-WS client for the local server (no certificate: the test mode).
pub fn cliente_renave_ws(url: &str) -> ClienteRenaveWs {
    ClienteRenaveWs::builder()
        .ambiente(local(url))
        .build()
        .expect("the Renave-WS client builds")
}

/// The aptidão lookup's raw call (`executar_bruto` of the typed call's own request, along
/// [`caminho_aptidao`]): the bench's raw rows and `examples/perfil`.
pub async fn aptidao_bruta(
    mg: &ClienteCetMg,
    caminho: &str,
) -> Result<renave_mg_client::RespostaBruta, renave_mg_client::Erro> {
    mg.executar_bruto(
        renave_http::HttpMethod::Get,
        caminho,
        &[],
        None,
        renave_http::Idempotency::Idempotent,
    )
    .await
}

/// E11 `GET api/estoques` (no filter) as a raw call: the bench's raw rows and
/// `examples/perfil`.
pub async fn estoques_brutos(
    ws: &ClienteRenaveWs,
) -> Result<renave_ws_client::RespostaBruta, renave_ws_client::Erro> {
    ws.executar_bruto(
        renave_http::HttpMethod::Get,
        "api/estoques",
        &[],
        None,
        renave_http::Idempotency::Idempotent,
    )
    .await
}

/// The aptidão lookup of the bench: the fixtures' vehicle, owner and establishment.
pub fn consulta_aptidao() -> ConsultaAptidaoVeiculoEstoque {
    ConsultaAptidaoVeiculoEstoque::new(
        fixtures::CHASSI.parse().expect("chassi"),
        fixtures::CPF_PROPRIETARIO.parse().expect("CPF"),
        fixtures::CNPJ_ESTABELECIMENTO.parse().expect("CNPJ"),
    )
}

/// The aptidão lookup's path (relative to `…/api/veiculos/renave/`), rendered from the
/// operation's route by the request itself, for the raw call.
pub fn caminho_aptidao() -> String {
    use renave_mg_client::operacoes::estoque::CONSULTAR_APTIDAO_VEICULO_ESTOQUE as APTIDAO;
    renave_http::Requisicao::<renave_mg_client::Erro>::de(&consulta_aptidao())
        .partes(&APTIDAO.route)
        .expect("the lookup's path")
        .caminho
}

/// The upload of the bench: the samples' Ficha de Cadastro, carrying `pdf`.
pub fn upload(pdf: Vec<u8>) -> UploadFichaCadastro {
    let mut ficha = amostras::ficha_cadastro(Identificador::from(NUMERO_PROTOCOLO));
    ficha.arquivo = pdf;
    ficha
}

/// The CNPJ the upload names as its sender (`cpf_cnpj_remetente`), for the floor.
pub fn remetente_upload() -> String {
    amostras::estabelecimento().to_string()
}
