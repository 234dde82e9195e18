//! Tests of the per-operation fixtures of the feature `simulador` (`simulador::fixtures`): for
//! every operation the success fixture answers the real client's call and decodes into the
//! operation's response type with valid identifiers and no unmodelled field; every canned
//! error yields the expected error kind and SERPRO fields; priorities, base paths, route
//! overrides, expected call counts; the simulator re-export.

#![cfg(feature = "simulador")]

use std::collections::BTreeSet;
use std::future::Future;
use std::time::Duration;

use renave_domain::EstadoEstoque;
use renave_http::Endpoint;
use renave_ws_client::modelos::IdEstoque;
use renave_ws_client::operacoes::transferencias::{self as tr};
use renave_ws_client::operacoes::usados::{self as us, ConsultaEstoques};
use renave_ws_client::operacoes::zero_km::{self as zk};
use renave_ws_client::simulador::fixtures::{self as fx, Corpo, ErroFixture, Fixture, Operacao};
use renave_ws_client::simulador::{PRIORIDADE_SIMULADOR, SimuladorRenaveWs};
use renave_ws_client::{
    Ambiente, ClienteRenaveWs, ClienteRenaveWsBuilder, Erro, HttpMethod, RetryPolicy, Route,
};
use serde_json::Value;
use wiremock::MockServer;

mod chamadas;
use chamadas::*;

// ---------------------------------------------------------------------------------------------
// Client and sample input
// ---------------------------------------------------------------------------------------------

/// Attempts of the test retry policy (a read answered 502/503 is sent this many times).
const TENTATIVAS: u32 = 3;

fn builder(base: &str) -> ClienteRenaveWsBuilder {
    let url = url::Url::parse(base).expect("wiremock URI is a URL");
    ClienteRenaveWs::builder()
        .ambiente(Ambiente::Local(url))
        .retentativas(RetryPolicy {
            max_attempts: TENTATIVAS,
            initial_backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(5),
            max_retry_after: Duration::from_millis(5),
            jitter: false,
        })
}

fn cliente(servidor: &MockServer) -> ClienteRenaveWs {
    builder(&servidor.uri())
        .build()
        .expect("test client builds")
}

/// Every Endpoint constant of the crate, by hand: the fixtures must cover exactly these.
fn endpoints() -> Vec<Endpoint> {
    vec![
        us::CONSULTAR_CLIENTE_AUTENTICADO,
        us::CONSULTAR_APTIDAO_VEICULO_ESTOQUE,
        us::SOLICITAR_ENTRADA_ESTOQUE,
        us::SOLICITAR_ENTRADA_ESTOQUE_VEICULO_PROPRIO,
        us::ENVIAR_ASSINATURA_VENDEDOR_ATPV,
        us::CONSULTAR_ULTIMA_ASSINATURA_ATPV,
        us::OBTER_PDF_ATPV,
        us::OBTER_PDF_ATPV_POR_PLACA_RENAVAM,
        us::OBTER_ATPV_POR_ID,
        us::ENVIAR_NOTA_FISCAL,
        us::CONSULTAR_ESTOQUES,
        us::CONSULTAR_ESTOQUE,
        us::OBTER_TERMO_ENTRADA_ESTOQUE,
        us::SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE,
        us::SOLICITAR_SAIDA_ESTOQUE,
        us::OBTER_TERMO_SAIDA_ESTOQUE,
        us::SOLICITAR_CANCELAMENTO_SAIDA_ESTOQUE,
        us::OBTER_CRLVE,
        us::OBTER_PDF_CODIGO_SEGURANCA_CRV,
        us::CONSULTAR_MUNICIPIOS,
        us::CONSULTAR_VEICULO,
        tr::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS,
        tr::AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS,
        tr::CANCELAR_AUTORIZACAO_TRANSFERENCIA,
        tr::SOLICITAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS,
        tr::SOLICITAR_TRANSFERENCIA_ENTRE_FILIAIS,
        tr::TRANSFERIR_ESTOQUE_VINDO_DE_ITE,
        tr::AUTORIZAR_TRANSFERENCIA_PARA_ITE,
        tr::CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE,
        tr::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO,
        tr::CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO,
        zk::CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE,
        zk::REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM,
        zk::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM,
        zk::CANCELAR_SAIDA_ESTOQUE_ZERO_KM,
        zk::CANCELAR_ENTRADA_ESTOQUE_ZERO_KM,
        zk::AUTORIZAR_TRANSFERENCIA_VEICULO_ZERO_KM,
        zk::CANCELAR_AUTORIZACAO_TRANSFERENCIA_VEICULO_ZERO_KM,
        zk::TRANSFERIR_ENTRE_ESTABELECIMENTOS_VEICULO_ZERO_KM,
        zk::DEVOLVER_MONTADORA_VEICULO_ZERO_KM,
        zk::REJEITAR_VEICULO_ZERO_KM,
        zk::CANCELAR_REJEICAO_VEICULO_ZERO_KM,
        zk::CONSULTAR_ENTREGAS_VEICULO_ZERO_KM,
        zk::REALIZAR_ENTREGA_VEICULO_ZERO_KM,
        zk::CANCELAR_ENTREGA_VEICULO_ZERO_KM,
        zk::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR,
        zk::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR,
    ]
    .into_iter()
    .chain(
        renave_ws_client::operacoes::montadora::ENDPOINTS
            .iter()
            .cloned(),
    )
    .chain(renave_ws_client::operacoes::ite::ENDPOINTS.iter().cloned())
    .collect()
}

#[test]
fn tabela_cobre_todas_as_operacoes_com_as_suas_rotas() {
    let todas = fx::todas();
    // 47 of the establishment group (§3.5), 19 of the montadora group (§3.3), 17 of the ITE
    // group (§3.4).
    assert_eq!(todas.len(), 83);
    let nomes: BTreeSet<&str> = todas.iter().map(Operacao::nome).collect();
    assert_eq!(nomes.len(), todas.len(), "operation names are unique");
    let esperados = endpoints();
    assert_eq!(esperados.len(), todas.len());
    for e in &esperados {
        let op = fx::por_nome(e.name).unwrap_or_else(|| panic!("no fixture for {}", e.name));
        assert_eq!(op.endpoint(), e, "{}: the operation's own Endpoint", e.name);
        assert_eq!(op.sucesso().rota(), &e.route, "{}", e.name);
        let status = op.status_sucesso();
        assert!(status == 200 || status == 201, "{}: {status}", e.name);
        if e.route.method() == HttpMethod::Get {
            assert_eq!(status, 200, "{}: a read answers 200", e.name);
            assert!(
                op.corpo_sucesso().is_some(),
                "{}: a read has a body",
                e.name
            );
        }
    }
    assert!(fx::por_nome("operacao_inexistente").is_none());
    assert_eq!(fx::CONSULTAR_ESTOQUE.nome(), us::CONSULTAR_ESTOQUE.name);
}

#[test]
fn padrao_de_caminho_vem_do_template() {
    let f = fx::CONSULTAR_ESTOQUE.sucesso();
    assert_eq!(f.padrao_caminho(), r"^/api/estoques/[^/]+$");
    assert_eq!(
        f.clone().em_base("/renave-ws/").padrao_caminho(),
        r"^/renave\-ws/api/estoques/[^/]+$"
    );
    assert_eq!(
        fx::OBTER_PDF_CODIGO_SEGURANCA_CRV
            .sucesso()
            .padrao_caminho(),
        r"^/api/crlve/[^/]+/[^/]+/pdf\-codigo\-seguranca\-crv$"
    );
    assert_eq!(
        fx::CONSULTAR_ESTOQUES.sucesso().padrao_caminho(),
        r"^/api/estoques$"
    );
}

async fn para_todas<F, Fut>(f: F)
where
    F: Fn(&'static Operacao) -> Fut,
    Fut: Future<Output = ()>,
{
    for op in fx::todas() {
        f(op).await;
    }
}

#[tokio::test]
async fn sucesso_de_cada_operacao_decodifica_no_cliente() {
    para_todas(|op| async move {
        let servidor = MockServer::start().await;
        op.sucesso().esperando(1).montar(&servidor).await;
        if let Err(e) = chamar(op.nome(), cliente(&servidor)).await {
            panic!("{}: expected success, got {e}", op.nome());
        }
        let recebidas = servidor.received_requests().await.expect("recording on");
        assert_eq!(recebidas.len(), 1, "{}", op.nome());
        servidor.verify().await;
    })
    .await;
}

/// Mounts `fixture` on a fresh server, calls the operation, returns the error and how many
/// requests arrived.
async fn erro_de(op: &Operacao, fixture: Fixture) -> (Erro, usize) {
    let servidor = MockServer::start().await;
    fixture.montar(&servidor).await;
    let r = chamar(op.nome(), cliente(&servidor)).await;
    let recebidas = servidor.received_requests().await.expect("recording on");
    match r {
        Ok(()) => panic!("{}: an error fixture must fail the call", op.nome()),
        Err(e) => (e, recebidas.len()),
    }
}

fn campo<'a>(f: &'a Fixture, nome: &str) -> Option<&'a str> {
    f.corpo_json()
        .and_then(|j| j.get(nome))
        .and_then(Value::as_str)
}

/// Checks the error one canned answer produced.
fn conferir_erro(op: &Operacao, tipo: ErroFixture, f: &Fixture, e: &Erro, chamadas: usize) {
    let nome = op.nome();
    let altera_estado = op.endpoint().route.method() != HttpMethod::Get;
    assert_eq!(e.status(), Some(tipo.status()), "{nome} {tipo:?}: {e}");
    let s = e
        .servico()
        .unwrap_or_else(|| panic!("{nome} {tipo:?}: not a service error: {e}"));
    assert_eq!(e.operacao(), Some(nome));
    let texto = e.to_string();
    assert!(!texto.contains('\n'), "{nome} {tipo:?}: one-line Display");
    match tipo {
        ErroFixture::RequisicaoInvalida => {
            assert!(!e.is_negocio() && !e.is_retryable(), "{nome}");
            assert_eq!(s.titulo.as_deref(), campo(f, "titulo"));
            assert_eq!(s.detalhe.as_deref(), campo(f, "detalhe"));
            assert_eq!(s.data_hora.as_deref(), campo(f, "dataHora"));
            assert!(s.titulo.is_some() && s.detalhe.is_some());
        }
        ErroFixture::NaoAutenticadoVazio => {
            assert!(e.is_autenticacao(), "{nome}");
            assert!(s.titulo.is_none() && s.trecho.as_str().is_empty(), "{nome}");
        }
        ErroFixture::NaoAutenticadoSpring => {
            assert!(e.is_autenticacao(), "{nome}");
            assert_eq!(s.erro_framework.as_deref(), Some("Unauthorized"));
            assert_eq!(e.mensagem_usuario(), Some("No message available"));
        }
        ErroFixture::Proibido => {
            assert!(e.is_autenticacao() && !e.is_negocio(), "{nome}");
            assert_eq!(s.erro_framework.as_deref(), campo(f, "error"));
            assert_eq!(s.mensagem_framework.as_deref(), campo(f, "message"));
        }
        ErroFixture::NaoEncontrado => {
            assert!(e.is_nao_encontrado(), "{nome}");
            assert_eq!(s.detalhe.as_deref(), campo(f, "detalhe"));
        }
        ErroFixture::Negocio => {
            assert!(e.is_negocio(), "{nome}");
            assert!(!e.is_retryable() && !e.resultado_incerto(), "{nome}");
            for (lido, chave) in [
                (s.titulo.as_deref(), "titulo"),
                (s.detalhe.as_deref(), "detalhe"),
                (
                    s.mensagem_para_usuario_final.as_deref(),
                    "mensagemParaUsuarioFinal",
                ),
                (s.data_hora.as_deref(), "dataHora"),
                (s.log_id_rastreabilidade.as_deref(), "logIdRastreabilidade"),
            ] {
                assert!(lido.is_some(), "{nome}: `{chave}` present");
                assert_eq!(lido, campo(f, chave), "{nome}: `{chave}`");
            }
            assert_eq!(e.mensagem_usuario(), campo(f, "mensagemParaUsuarioFinal"));
        }
        ErroFixture::ErroServidor => {
            let log = campo(f, "logIdRastreabilidade").expect("canned log id");
            assert_eq!(s.log_id_rastreabilidade.as_deref(), Some(log), "{nome}");
            assert!(texto.contains(log), "{nome}: Display `{texto}`");
            // A 500 may come after the server wrote (`renave-ws.md` §7.6).
            assert_eq!(e.resultado_incerto(), altera_estado, "{nome}");
        }
        ErroFixture::GatewayHtml => {
            assert!(s.trecho.as_str().contains("502 Bad Gateway"), "{nome}");
            assert!(s.titulo.is_none());
            if altera_estado {
                assert!(e.resultado_incerto(), "{nome}: outcome unknown");
            }
        }
        ErroFixture::Indisponivel => {
            // Refused before processing: safe to try again later, nothing executed.
            assert!(e.is_retryable() && !e.resultado_incerto(), "{nome}");
        }
        outro => panic!("no check for {outro:?}"),
    }
    // A state-changing operation is never resent (D6); a read answered 502/503 is retried.
    let retentado = matches!(tipo, ErroFixture::GatewayHtml | ErroFixture::Indisponivel);
    let esperadas = if altera_estado || !retentado {
        1
    } else {
        TENTATIVAS as usize
    };
    assert_eq!(chamadas, esperadas, "{nome} {tipo:?}: requests sent");
}

#[tokio::test]
async fn cada_erro_de_cada_operacao_da_o_erro_esperado() {
    para_todas(|op| async move {
        for tipo in ErroFixture::TODOS {
            let f = op.erro(tipo);
            assert_eq!(f.status(), tipo.status());
            let (e, chamadas) = erro_de(op, f.clone()).await;
            conferir_erro(op, tipo, &f, &e, chamadas);
        }
    })
    .await;
}

#[tokio::test]
async fn http_e_erro_negocio_com() {
    let op = &fx::CONSULTAR_ESTOQUE;
    // Known statuses give the canned errors.
    for tipo in ErroFixture::TODOS {
        let f = op.http(tipo.status());
        assert_eq!(f.status(), tipo.status());
        if tipo != ErroFixture::NaoAutenticadoSpring {
            assert_eq!(f.corpo(), op.erro(tipo).corpo(), "{tipo:?}");
        }
    }
    // A 429 carries Retry-After, kept by the client.
    let (e, _) = erro_de(op, op.http(429)).await;
    assert_eq!(e.status(), Some(429));
    let s = e.servico().expect("service error");
    assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(1)));
    assert_eq!(s.titulo.as_deref(), Some("Muitas requisições"));
    // A 2xx is the success answer with that status.
    let f = op.http(203);
    assert_eq!(f.status(), 203);
    assert_eq!(f.corpo_json(), op.corpo_sucesso().as_ref());
    // A business error with your own message.
    let f = fx::SOLICITAR_SAIDA_ESTOQUE.erro_negocio_com(
        "Código de segurança do CRV inválido",
        "O código de segurança do CRV informado é inválido.",
    );
    let (e, chamadas) = erro_de(&fx::SOLICITAR_SAIDA_ESTOQUE, f).await;
    assert!(e.is_negocio());
    assert_eq!(chamadas, 1);
    assert_eq!(
        e.mensagem_usuario(),
        Some("O código de segurança do CRV informado é inválido.")
    );
    assert_eq!(
        e.servico().and_then(|s| s.detalhe.as_deref()),
        Some("Código de segurança do CRV inválido")
    );
    assert_eq!(
        fx::CONSULTAR_ESTOQUE.erro_negocio().corpo(),
        fx::CONSULTAR_ESTOQUE.erro(ErroFixture::Negocio).corpo()
    );
}

// ---------------------------------------------------------------------------------------------
// Priorities, base path, route override, call counts, delay, body replacement
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn prioridade_maior_vence() {
    // Error at a higher priority (smaller number) wins over the success mounted first.
    let servidor = MockServer::start().await;
    fx::CONSULTAR_ESTOQUE.sucesso().montar(&servidor).await;
    fx::CONSULTAR_ESTOQUE
        .erro_negocio()
        .com_prioridade(1)
        .montar(&servidor)
        .await;
    let e = chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect_err("the 422 wins");
    assert!(e.is_negocio());

    // And the other way round: success at priority 2 wins over an error at 9, mounted first.
    let servidor = MockServer::start().await;
    fx::CONSULTAR_ESTOQUE
        .erro(ErroFixture::ErroServidor)
        .com_prioridade(9)
        .montar(&servidor)
        .await;
    let sucesso = fx::CONSULTAR_ESTOQUE.sucesso().com_prioridade(2);
    assert_eq!(sucesso.prioridade(), 2);
    sucesso.montar(&servidor).await;
    chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect("the success wins");

    // Priority 0 is raised to wiremock's highest, 1.
    assert_eq!(
        fx::CONSULTAR_ESTOQUE
            .sucesso()
            .com_prioridade(0)
            .prioridade(),
        1
    );
}

#[tokio::test]
async fn base_do_caminho() {
    let servidor = MockServer::start().await;
    fx::CONSULTAR_ESTOQUE
        .sucesso()
        .em_base("renave-ws")
        .esperando(1)
        .montar(&servidor)
        .await;
    let c = builder(&format!("{}/renave-ws/", servidor.uri()))
        .build()
        .expect("client");
    chamar("consultar_estoque", c)
        .await
        .expect("answered under the base path");
    // Without the base the same fixture does not match a client at the server root.
    let e = chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect_err("no fixture at the root");
    assert_eq!(e.status(), Some(404));
    let s = e.servico().expect("service error");
    assert!(s.detalhe.is_none(), "wiremock's own 404, not the fixture");
}

#[tokio::test]
async fn rota_substituida_e_segmento_unico() {
    let servidor = MockServer::start().await;
    let rota = Route::custom(HttpMethod::Get, "api/v2/estoques/{idEstoque}");
    fx::CONSULTAR_ESTOQUE
        .sucesso()
        .com_rota(rota.clone())
        .esperando(1)
        .montar(&servidor)
        .await;
    let c = builder(&servidor.uri())
        .rota("consultar_estoque", rota)
        .build()
        .expect("client");
    chamar("consultar_estoque", c)
        .await
        .expect("the overridden route");

    // `{param}` is one path segment: a deeper path does not match.
    let servidor = MockServer::start().await;
    fx::CONSULTAR_ESTOQUE.sucesso().montar(&servidor).await;
    let e = chamar("obter_termo_entrada_estoque", cliente(&servidor))
        .await
        .expect_err("`api/estoques/{id}/termo-entrada-estoque` is another route");
    assert_eq!(e.status(), Some(404));
}

#[tokio::test]
async fn esperando_confere_o_numero_de_chamadas() {
    let servidor = MockServer::start().await;
    let guarda = fx::CONSULTAR_ESTOQUE
        .sucesso()
        .esperando(2)
        .montar_com_guarda(&servidor)
        .await;
    chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect("first");
    assert_eq!(guarda.received_requests().await.len(), 1);
    chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect("second");
    assert_eq!(guarda.received_requests().await.len(), 2);
    drop(guarda);
    // The guard is gone: the route no longer answers.
    let e = chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect_err("unmounted");
    assert_eq!(e.status(), Some(404));

    // A wrong count fails verification.
    let servidor = MockServer::start().await;
    fx::CONSULTAR_ESTOQUE
        .sucesso()
        .esperando(2)
        .montar(&servidor)
        .await;
    chamar("consultar_estoque", cliente(&servidor))
        .await
        .expect("one call");
    let verificacao = tokio::spawn(async move { servidor.verify().await }).await;
    assert!(verificacao.is_err(), "1 call where 2 were expected fails");
}

#[tokio::test]
async fn atraso_corpo_status_e_cabecalho() {
    // A delay longer than the per-attempt timeout: a POST's outcome is unknown, sent once.
    let servidor = MockServer::start().await;
    fx::REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM
        .sucesso()
        .com_atraso(Duration::from_millis(400))
        .montar(&servidor)
        .await;
    let c = builder(&servidor.uri())
        .prazos(renave_ws_client::Timeouts {
            connect: Duration::from_secs(2),
            per_attempt: Duration::from_millis(100),
            operation: Duration::from_secs(5),
        })
        .build()
        .expect("client");
    let e = chamar("registrar_entrada_estoque_zero_km", c)
        .await
        .expect_err("timed out");
    assert!(e.resultado_incerto());
    assert_eq!(
        servidor.received_requests().await.expect("recording").len(),
        1
    );

    // Another body and status are served as given.
    let servidor = MockServer::start().await;
    let f = fx::CONSULTAR_ESTOQUE
        .sucesso()
        .com_corpo(serde_json::json!({"id": 9, "estado": "FINALIZADO"}))
        .com_status(200);
    assert!(matches!(f.corpo(), Corpo::Json(_)));
    f.montar(&servidor).await;
    let e = cliente(&servidor)
        .consultar_estoque(IdEstoque(9))
        .await
        .expect("decodes");
    assert_eq!(e.id, Some(IdEstoque(9)));
    assert_eq!(e.estado, Some(EstadoEstoque::Finalizado));

    // An extra header reaches the client (here `Retry-After` on a 503 of a POST).
    let f = fx::SOLICITAR_SAIDA_ESTOQUE
        .erro(ErroFixture::Indisponivel)
        .com_cabecalho("Retry-After", "7");
    let (e, chamadas) = erro_de(&fx::SOLICITAR_SAIDA_ESTOQUE, f).await;
    assert_eq!(chamadas, 1, "a POST is not resent");
    assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(7)));
}

// ---------------------------------------------------------------------------------------------
// The simulator re-export
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn simulador_reexportado_e_fixture_sobrepoe_uma_operacao() {
    let sim = SimuladorRenaveWs::iniciar().await;
    let c = builder(&sim.uri()).build().expect("client");
    let estoques = c
        .consultar_estoques(&ConsultaEstoques::default())
        .await
        .expect("the simulator answers");
    assert!(!estoques.validos().is_empty(), "the seeded stock");

    // A fixture's default priority beats the simulator's: this one operation is overridden…
    assert!(fx::CONSULTAR_CLIENTE_AUTENTICADO.sucesso().prioridade() < PRIORIDADE_SIMULADOR);
    fx::CONSULTAR_CLIENTE_AUTENTICADO
        .erro(ErroFixture::Proibido)
        .montar(sim.servidor())
        .await;
    let e = c
        .consultar_cliente_autenticado()
        .await
        .expect_err("overridden by the fixture");
    assert_eq!(e.status(), Some(403));
    // …and the others stay the simulator's.
    c.consultar_estoques(&ConsultaEstoques::default())
        .await
        .expect("still the simulator");
}
