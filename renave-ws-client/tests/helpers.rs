//! The §7 flow helpers (`renave-ws.md` §7.1, §7.6, §4 E17): polling a stock until a state
//! with backoff and a deadline, recovering the stock created by a `POST` whose answer was lost
//! (which is never resent, D6), and cancelling a saída returning the new stock id.

mod comum;

use std::time::Duration;

use comum::{builder_wiremock, cliente_wiremock};
use renave_domain::{Chassi, Cpf, EstadoEstoque};
use renave_http::Timeouts;
use renave_ws_client::helpers::{
    OpcoesEspera, aguardar_estado, cancelar_saida_estoque, recuperar_estoque_por_chassi,
};
use renave_ws_client::modelos::IdEstoque;
use renave_ws_client::operacoes::usados::{
    SolicitacaoCancelamentoSaidaEstoque, SolicitacaoEntradaEstoque, VeiculoEntradaEstoque,
};
use renave_ws_client::{Erro, RenaveWsUsados};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CHASSI: &str = "9BWZZZ377VT004251";

fn chassi() -> Chassi {
    CHASSI.parse().expect("chassi")
}

fn rapido(prazo_ms: u64) -> OpcoesEspera {
    OpcoesEspera {
        intervalo_inicial: Duration::from_millis(5),
        intervalo_maximo: Duration::from_millis(20),
        prazo: Duration::from_millis(prazo_ms),
    }
}

fn estado(id: i64, e: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"id": id, "estado": e, "chassi": CHASSI}))
}

#[tokio::test]
async fn aguardar_estado_ate_confirmado() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/estoques/42"))
        .respond_with(estado(42, "SOLICITADO"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/estoques/42"))
        .respond_with(estado(42, "TRANSFERIDO"))
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/estoques/42"))
        .respond_with(estado(42, "CONFIRMADO"))
        .with_priority(3)
        .mount(&s)
        .await;
    let c = cliente_wiremock(&s);
    let e = aguardar_estado(
        &c,
        IdEstoque(42),
        &[EstadoEstoque::Confirmado],
        &rapido(5_000),
    )
    .await
    .expect("reaches CONFIRMADO");
    assert_eq!(e.estado, Some(EstadoEstoque::Confirmado));
    assert_eq!(s.received_requests().await.expect("recorded").len(), 3);
}

#[tokio::test]
async fn aguardar_estado_aceita_varios_alvos_e_o_primeiro_ja_serve() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/estoques/7"))
        .respond_with(estado(7, "FINALIZADO"))
        .expect(1)
        .mount(&s)
        .await;
    let c = cliente_wiremock(&s);
    let e = aguardar_estado(
        &c,
        IdEstoque(7),
        &[EstadoEstoque::Confirmado, EstadoEstoque::Finalizado],
        &rapido(1_000),
    )
    .await
    .expect("already there");
    assert_eq!(e.estado, Some(EstadoEstoque::Finalizado));
}

#[tokio::test]
async fn aguardar_estado_respeita_o_prazo() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/estoques/42"))
        .respond_with(estado(42, "SOLICITADO"))
        .mount(&s)
        .await;
    let c = cliente_wiremock(&s);
    let inicio = std::time::Instant::now();
    let e = aguardar_estado(
        &c,
        IdEstoque(42),
        &[EstadoEstoque::Confirmado],
        &rapido(120),
    )
    .await
    .expect_err("never confirmed");
    let decorrido = inicio.elapsed();
    match &e {
        Erro::PrazoEsgotado {
            id_estoque,
            ultimo_estado,
            ..
        } => {
            assert_eq!(*id_estoque, 42);
            assert_eq!(ultimo_estado, "SOLICITADO");
        }
        outro => panic!("expected PrazoEsgotado, got {outro:?}"),
    }
    assert!(decorrido >= Duration::from_millis(120), "{decorrido:?}");
    assert!(decorrido < Duration::from_secs(3), "{decorrido:?}");
    let n = s.received_requests().await.expect("recorded").len();
    assert!(n >= 3, "polled with backoff several times, got {n}");
    assert!(!e.to_string().contains('\n'));
}

/// A read that hangs (the server answers after 3 s, within the client's 10 s per-attempt
/// timeout) does not carry the wait past its deadline: the deadline bounds the whole wait,
/// reads included (a `GET` in flight may be dropped).
#[tokio::test]
async fn aguardar_estado_prazo_vale_tambem_durante_a_leitura() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/estoques/43"))
        .respond_with(estado(43, "SOLICITADO").set_delay(Duration::from_secs(3)))
        .mount(&s)
        .await;
    let c = builder_wiremock(&s)
        .prazos(Timeouts {
            connect: Duration::from_secs(2),
            per_attempt: Duration::from_secs(10),
            operation: Duration::from_secs(20),
        })
        .build()
        .expect("builds");
    let inicio = std::time::Instant::now();
    let e = aguardar_estado(
        &c,
        IdEstoque(43),
        &[EstadoEstoque::Confirmado],
        &rapido(200),
    )
    .await
    .expect_err("deadline");
    let decorrido = inicio.elapsed();
    match &e {
        Erro::PrazoEsgotado {
            id_estoque,
            ultimo_estado,
            prazo,
        } => {
            assert_eq!(*id_estoque, 43);
            assert_eq!(*prazo, Duration::from_millis(200));
            assert_eq!(ultimo_estado, "?", "no read completed");
        }
        outro => panic!("expected PrazoEsgotado, got {outro:?}"),
    }
    assert!(decorrido >= Duration::from_millis(200), "{decorrido:?}");
    assert!(
        decorrido < Duration::from_millis(2500),
        "the deadline was overrun by a hanging read: {decorrido:?}"
    );
}

/// A zero initial interval would poll without pause until the deadline: refused, nothing sent.
#[tokio::test]
async fn aguardar_estado_recusa_intervalo_zero() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(estado(44, "SOLICITADO"))
        .expect(0)
        .mount(&s)
        .await;
    let c = cliente_wiremock(&s);
    let opcoes = OpcoesEspera {
        intervalo_inicial: Duration::ZERO,
        ..rapido(100)
    };
    let e = aguardar_estado(&c, IdEstoque(44), &[EstadoEstoque::Confirmado], &opcoes)
        .await
        .expect_err("zero interval");
    assert!(
        matches!(&e, Erro::EntradaInvalida { campo, .. } if campo == "intervalo_inicial"),
        "{e:?}"
    );
    assert!(s.received_requests().await.expect("recorded").is_empty());
}

#[tokio::test]
async fn aguardar_estado_tolera_erro_transitorio_e_para_em_erro_definitivo() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/estoques/1"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(3)
        .with_priority(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/estoques/1"))
        .respond_with(estado(1, "CONFIRMADO"))
        .with_priority(2)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/estoques/2"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"titulo": "Não encontrado"})))
        .expect(1)
        .mount(&s)
        .await;
    let c = cliente_wiremock(&s);
    let e = aguardar_estado(
        &c,
        IdEstoque(1),
        &[EstadoEstoque::Confirmado],
        &rapido(5_000),
    )
    .await
    .expect("a 503 is transient");
    assert_eq!(e.id, Some(IdEstoque(1)));
    let e = aguardar_estado(
        &c,
        IdEstoque(2),
        &[EstadoEstoque::Confirmado],
        &rapido(5_000),
    )
    .await
    .expect_err("a 404 is final");
    assert!(e.is_nao_encontrado());
}

/// The real failure of §7.6: the entrada `POST` executed but its answer was lost (here: the
/// server answers after the per-attempt timeout). The SDK does not resend it, says the outcome
/// is unknown, and the stock is recovered by chassi.
#[tokio::test]
async fn resposta_perdida_de_post_e_recuperada_pelo_chassi() {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/solicitacoes-entrada-estoque"))
        .respond_with(estado(555, "SOLICITADO").set_delay(Duration::from_millis(800)))
        .expect(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/estoques"))
        .and(query_param("chassi", CHASSI))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": 400, "estado": "FINALIZADO", "chassi": CHASSI},
            {"id": 555, "estado": "SOLICITADO", "chassi": CHASSI},
            {"id": 300, "estado": "SOLICITADO", "chassi": CHASSI,
             "cancelamentoEstoque": {"dataHoraCancelamentoEstoque": "2026-01-01T00:00:00"}}
        ])))
        .expect(1)
        .mount(&s)
        .await;
    let c = builder_wiremock(&s)
        .prazos(Timeouts {
            connect: Duration::from_secs(2),
            per_attempt: Duration::from_millis(200),
            operation: Duration::from_secs(5),
        })
        .build()
        .expect("builds");
    let cpf: Cpf = "52998224725".parse().expect("cpf");
    let e = c
        .solicitar_entrada_estoque(&SolicitacaoEntradaEstoque {
            cpf_operador_responsavel: cpf,
            data_compra: "2026-09-24".parse().expect("data"),
            valor_compra: renave_domain::Valor::from_centavos(100).expect("valor"),
            email_estabelecimento: None,
            email_vendedor: "v@example.com".to_owned(),
            veiculo: VeiculoEntradaEstoque {
                codigo_seguranca_crv: "12345678901".parse().expect("csc"),
                tipo_crv: renave_domain::TipoCrv::Digital,
                numero_crv: None,
                placa: "ABC1D23".parse().expect("placa"),
                renavam: "00123456789".parse().expect("renavam"),
                quilometragem_hodometro: 1,
                data_hora_medicao_hodometro: "2026-09-24T10:00:00".parse().expect("dh"),
                documento_proprietario_atual: renave_domain::CpfCnpj::Cpf(cpf),
            },
        })
        .await
        .expect_err("the answer never arrives in time");
    assert!(matches!(e, Erro::Transporte { .. }), "{e:?}");
    assert!(
        e.resultado_incerto(),
        "a timed-out POST has an unknown outcome"
    );
    assert!(!e.is_retryable(), "and must not be resent");
    assert!(e.to_string().contains("do not resend"), "{e}");

    let recuperado = recuperar_estoque_por_chassi(&c, &chassi())
        .await
        .expect("lookup works")
        .expect("the stock exists");
    assert_eq!(recuperado.id, Some(IdEstoque(555)));
    // Give the delayed POST time to be recorded, then check it was sent exactly once.
    tokio::time::sleep(Duration::from_millis(700)).await;
    let posts = s
        .received_requests()
        .await
        .expect("recorded")
        .iter()
        .filter(|r| r.method.as_str() == "POST")
        .count();
    assert_eq!(posts, 1, "a state-changing POST is never resent (D6)");
}

#[tokio::test]
async fn recuperar_sem_estoque_devolve_none() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/estoques"))
        .and(query_param("chassi", CHASSI))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&s)
        .await;
    let c = cliente_wiremock(&s);
    assert!(
        recuperar_estoque_por_chassi(&c, &chassi())
            .await
            .expect("ok")
            .is_none()
    );
}

fn cancelamento() -> SolicitacaoCancelamentoSaidaEstoque {
    SolicitacaoCancelamentoSaidaEstoque {
        id_estoque: IdEstoque(101),
        data_cancelamento_saida_estoque: "2026-10-02".parse().expect("data"),
        cpf_operador_responsavel: "52998224725".parse().expect("cpf"),
    }
}

#[tokio::test]
async fn cancelar_saida_devolve_o_novo_estoque() {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/solicitacoes-cancelamento-saida-estoque"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "id": 101, "chassi": CHASSI,
            "saidaEstoque": {"cancelamentoSaidaEstoque": {"idEstoqueGeradoNoCancelamentoSaida": 202}}
        })))
        .expect(1)
        .mount(&s)
        .await;
    let c = cliente_wiremock(&s);
    let r = cancelar_saida_estoque(&c, &cancelamento())
        .await
        .expect("cancelled");
    assert_eq!(r.id_estoque_novo, IdEstoque(202));
    assert_eq!(r.estoque.id, Some(IdEstoque(101)));
}

#[tokio::test]
async fn cancelar_saida_sem_id_na_resposta_procura_pela_origem() {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/solicitacoes-cancelamento-saida-estoque"))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"id": 101, "chassi": CHASSI})),
        )
        .expect(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/estoques"))
        .and(query_param("chassi", CHASSI))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": 101, "estado": "FINALIZADO", "chassi": CHASSI},
            {"id": 150, "estado": "CONFIRMADO", "chassi": CHASSI, "origemPorCancelamentoEstoque": {"idEstoqueOrigem": 99}},
            {"id": 203, "estado": "CONFIRMADO", "chassi": CHASSI, "origemPorCancelamentoEstoque": {"idEstoqueOrigem": 101}}
        ])))
        .expect(1)
        .mount(&s)
        .await;
    let c = cliente_wiremock(&s);
    let r = cancelar_saida_estoque(&c, &cancelamento())
        .await
        .expect("found by origin");
    assert_eq!(r.id_estoque_novo, IdEstoque(203));
}

#[tokio::test]
async fn cancelar_saida_sem_novo_estoque_e_erro() {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/solicitacoes-cancelamento-saida-estoque"))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(json!({"id": 101, "chassi": CHASSI})),
        )
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/estoques"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&s)
        .await;
    let c = cliente_wiremock(&s);
    let e = cancelar_saida_estoque(&c, &cancelamento())
        .await
        .expect_err("no new id anywhere");
    assert!(matches!(e, Erro::NaoLocalizado { .. }), "{e:?}");
    assert!(!e.is_retryable() && e.status().is_none());
}

/// The helpers take any implementation of the trait (here a hand-written fake), so callers can
/// test their flows without HTTP.
#[tokio::test]
async fn helpers_aceitam_um_duble_do_trait() {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use renave_ws_client::modelos::{Estoque, Municipio};
    use renave_ws_client::operacoes::usados as op;

    struct Duble(AtomicUsize);

    fn estoque(j: serde_json::Value) -> Estoque {
        serde_json::from_value(j).expect("fixture")
    }

    // The operations the helper does not call answer an error; the macro expands to the
    // whole impl so that `async_trait` sees every method.
    macro_rules! impl_duble {
        ($($nome:ident($($a:ident: $t:ty),*) -> $r:ty;)*) => {
            #[async_trait::async_trait]
            impl RenaveWsUsados for Duble {
                async fn consultar_estoque(&self, id: IdEstoque) -> Result<Estoque, Erro> {
                    let n = self.0.fetch_add(1, Ordering::SeqCst);
                    let e = if n < 2 { "TRANSFERIDO" } else { "CONFIRMADO" };
                    Ok(estoque(json!({"id": id.get(), "estado": e})))
                }
                $(async fn $nome(&self, $($a: $t),*) -> Result<$r, Erro> {
                    $(let _ = $a;)*
                    Err(Erro::Configuracao { motivo: "not used".into(), fonte: None })
                })*
            }
        };
    }

    impl_duble! {
        consultar_cliente_autenticado() -> op::ClienteAutenticado;
        consultar_aptidao_veiculo_estoque(c: &op::ConsultaAptidao) -> op::AptidaoVeiculoEstoque;
        solicitar_entrada_estoque(s: &op::SolicitacaoEntradaEstoque) -> Estoque;
        solicitar_entrada_estoque_veiculo_proprio(s: &op::SolicitacaoEntradaEstoqueVeiculoProprio) -> Estoque;
        enviar_assinatura_vendedor_atpv(e: &op::EnvioAssinaturaVendedor) -> renave_ws_client::modelos::Confirmacao;
        consultar_ultima_assinatura_atpv(p: &renave_domain::Placa, r: &renave_domain::Renavam) -> op::AssinaturaAtpv;
        obter_pdf_atpv(c: &Chassi) -> renave_ws_client::modelos::PdfAtpv;
        obter_pdf_atpv_por_placa_renavam(p: &renave_domain::Placa, r: &renave_domain::Renavam) -> renave_ws_client::modelos::PdfAtpv;
        obter_atpv_por_id(i: renave_ws_client::modelos::IdAtpv) -> renave_ws_client::modelos::PdfAtpv;
        enviar_nota_fiscal(e: &op::EnvioNotaFiscal) -> renave_ws_client::modelos::Confirmacao;
        consultar_estoques(c: &op::ConsultaEstoques) -> renave_domain::ItensRecebidos<Estoque>;
        obter_termo_entrada_estoque(i: IdEstoque) -> renave_ws_client::modelos::TermoEntradaEstoque;
        solicitar_cancelamento_entrada_estoque(s: &op::SolicitacaoCancelamentoEntradaEstoque) -> Estoque;
        solicitar_saida_estoque(s: &op::SolicitacaoSaidaEstoque) -> Estoque;
        obter_termo_saida_estoque(i: IdEstoque) -> renave_ws_client::modelos::TermoSaidaEstoque;
        solicitar_cancelamento_saida_estoque(s: &op::SolicitacaoCancelamentoSaidaEstoque) -> Estoque;
        obter_crlve(p: &renave_domain::Placa, r: &renave_domain::Renavam) -> renave_ws_client::modelos::Crlve;
        obter_pdf_codigo_seguranca_crv(p: &renave_domain::Placa, r: &renave_domain::Renavam) -> renave_ws_client::modelos::Crlve;
        consultar_municipios(c: &op::ConsultaMunicipios) -> renave_domain::ItensRecebidos<Municipio>;
        consultar_veiculo(c: &Chassi) -> op::VeiculoRenave;
    }

    let duble = Duble(AtomicUsize::new(0));
    let e = aguardar_estado(
        &duble,
        IdEstoque(9),
        &[EstadoEstoque::Confirmado],
        &rapido(5_000),
    )
    .await
    .expect("confirmed on the third read");
    assert_eq!(e.id, Some(IdEstoque(9)));
    assert_eq!(duble.0.load(Ordering::SeqCst), 3);
    // The fake's other methods answer errors, which the recovery helper passes on.
    assert!(
        recuperar_estoque_por_chassi(&duble, &chassi())
            .await
            .is_err()
    );
}

/// §7.6: a repeated Z6 fails as a duplicate; the usable (`CRIADA`) authorisation is recovered
/// with E23 by chassi instead.
#[tokio::test]
async fn recuperar_autorizacao_criada_pelo_chassi() {
    use renave_ws_client::helpers::recuperar_autorizacao_por_chassi;
    use renave_ws_client::modelos::IdAutorizacao;

    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/autorizacoes-transferencias"))
        .and(query_param("chassi", CHASSI))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": 5, "chassi": CHASSI, "estadoAutorizacaoTransferencia": "CONSUMIDA"},
            {"id": 7, "chassi": CHASSI, "estadoAutorizacaoTransferencia": "CRIADA", "idEstoque": 101},
            {"id": 9, "chassi": CHASSI, "estadoAutorizacaoTransferencia": "CANCELADA"}
        ])))
        .expect(1)
        .mount(&s)
        .await;
    let c = cliente_wiremock(&s);
    let a = recuperar_autorizacao_por_chassi(&c, &chassi())
        .await
        .expect("lookup works")
        .expect("one is CRIADA");
    assert_eq!(a.id, Some(IdAutorizacao(7)));
    assert_eq!(a.id_estoque, Some(IdEstoque(101)));

    let vazio = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/autorizacoes-transferencias"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": 5, "estadoAutorizacaoTransferencia": "CONSUMIDA"}
        ])))
        .mount(&vazio)
        .await;
    assert!(
        recuperar_autorizacao_por_chassi(&cliente_wiremock(&vazio), &chassi())
            .await
            .expect("ok")
            .is_none()
    );
}

/// §7.6 / M4: the authorisation to recover is the one Z8/E26 can still consume — `CRIADA`, of
/// THIS chassi. E23 is asked for exactly that (`chassi` and `estadoAutorizacao=CRIADA`), and an
/// answer that ignores a filter is filtered again here: another chassi or another state is never
/// returned, whatever its id.
#[tokio::test]
async fn recuperar_autorizacao_pede_e_confere_estado_e_chassi() {
    use renave_ws_client::helpers::recuperar_autorizacao_por_chassi;
    use renave_ws_client::modelos::IdAutorizacao;

    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/autorizacoes-transferencias"))
        .and(query_param("chassi", CHASSI))
        .and(query_param("estadoAutorizacao", "CRIADA"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": 10, "chassi": CHASSI, "estadoAutorizacaoTransferencia": "CRIADA"},
            {"id": 20, "chassi": CHASSI, "estadoAutorizacaoTransferencia": "CONSUMIDA"},
            {"id": 30, "chassi": "9BGKL48U0JB118848", "estadoAutorizacaoTransferencia": "CRIADA"},
            {"id": 40, "chassi": CHASSI, "estadoAutorizacaoTransferencia": "ESTADO_NOVO"},
            {"id": 12, "chassi": CHASSI, "estadoAutorizacaoTransferencia": "CRIADA"}
        ])))
        .expect(1)
        .mount(&s)
        .await;
    let a = recuperar_autorizacao_por_chassi(&cliente_wiremock(&s), &chassi())
        .await
        .expect("E23 answers")
        .expect("an open authorisation of this chassi");
    assert_eq!(a.id, Some(IdAutorizacao(12)));

    // Only other chassis or other states: nothing to recover.
    let outro = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/autorizacoes-transferencias"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            {"id": 30, "chassi": "9BGKL48U0JB118848", "estadoAutorizacaoTransferencia": "CRIADA"},
            {"id": 31, "chassi": CHASSI, "estadoAutorizacaoTransferencia": "CANCELADA"},
            {"id": 32, "chassi": CHASSI}
        ])))
        .expect(1)
        .mount(&outro)
        .await;
    assert!(
        recuperar_autorizacao_por_chassi(&cliente_wiremock(&outro), &chassi())
            .await
            .expect("E23 answers")
            .is_none()
    );
}
