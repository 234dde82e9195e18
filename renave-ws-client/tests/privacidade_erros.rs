//! A server that echoes its input can put a CPF in any field of its error answer: not only in
//! `titulo`/`detalhe`/`mensagemParaUsuarioFinal`, but in `logIdRastreabilidade`, `dataHora` and
//! the `Retry-After` header. No full CPF reaches `Display`, `Debug`, the source chain or the
//! `tracing` output at TRACE level. One test function: it installs a `tracing` subscriber.

mod comum;

use std::fmt::Write as _;
use std::io::Write;
use std::sync::{Arc, Mutex};

use renave_domain::{CpfCnpj, TipoCrv, Valor};
use renave_ws_client::Erro;
use renave_ws_client::operacoes::usados::{SolicitacaoEntradaEstoque, VeiculoEntradaEstoque};
use serde_json::json;
use tracing_subscriber::fmt::format::FmtSpan;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CPF: &str = "52998224725";
const CPF_FORMATADO: &str = "529.982.247-25";

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn entrada() -> SolicitacaoEntradaEstoque {
    // A CPF the SDK sends (not the one the server echoes): `11144477735`.
    let cpf = "11144477735".parse().expect("cpf");
    SolicitacaoEntradaEstoque {
        cpf_operador_responsavel: cpf,
        data_compra: "2026-09-24".parse().expect("data"),
        valor_compra: Valor::from_centavos(100).expect("valor"),
        email_estabelecimento: None,
        email_vendedor: "vendedor@example.com".to_owned(),
        veiculo: VeiculoEntradaEstoque {
            codigo_seguranca_crv: "12345678901".parse().expect("csc"),
            tipo_crv: TipoCrv::Digital,
            numero_crv: None,
            placa: "ABC1D23".parse().expect("placa"),
            renavam: "00123456789".parse().expect("renavam"),
            quilometragem_hodometro: 1,
            data_hora_medicao_hodometro: "2026-09-24T10:00:00".parse().expect("dh"),
            documento_proprietario_atual: CpfCnpj::Cpf(cpf),
        },
    }
}

/// Display, Debug and the whole source chain, as a logger walking `source()` would write it.
fn textos(e: &Erro) -> String {
    let mut t = String::new();
    let mut atual: Option<&dyn std::error::Error> = Some(e);
    while let Some(x) = atual {
        write!(t, "{x} / {x:?} / {x:#?} | ").expect("writing to a String");
        atual = x.source();
    }
    t
}

async fn post_respondido(resposta: ResponseTemplate) -> Erro {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/solicitacoes-entrada-estoque"))
        .respond_with(resposta)
        .expect(1)
        .mount(&s)
        .await;
    let e = comum::cliente_wiremock(&s)
        .solicitar_entrada_estoque(&entrada())
        .await
        .expect_err("error answer");
    s.verify().await;
    e
}

#[tokio::test]
async fn cpf_em_log_id_data_hora_e_retry_after_nunca_aparece_inteiro() {
    let buffer = Buffer::default();
    let assinante = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(buffer.clone())
        .with_ansi(false)
        .with_span_events(FmtSpan::FULL)
        .finish();
    let _guarda = tracing::subscriber::set_default(assinante);

    let mut erros = Vec::new();
    for (cpf_a, cpf_b) in [(CPF, CPF_FORMATADO), (CPF_FORMATADO, CPF)] {
        for status in [500, 503, 429] {
            erros.push(
                post_respondido(
                    ResponseTemplate::new(status)
                        .insert_header("retry-after", cpf_a)
                        .set_body_json(json!({
                            "titulo": "Erro interno",
                            "logIdRastreabilidade": format!("log {cpf_a}"),
                            "dataHora": cpf_b,
                        })),
                )
                .await,
            );
        }
    }

    for e in &erros {
        let s = e.servico().expect("a service error");
        // The fields were masked when the error was built (`Retry-After` is kept as a
        // duration, never as the text sent)…
        assert!(
            s.log_id_rastreabilidade
                .as_deref()
                .is_some_and(|l| !l.contains(CPF) && !l.contains(CPF_FORMATADO)),
            "{s:?}"
        );
        assert!(
            s.data_hora
                .as_deref()
                .is_some_and(|d| !d.contains(CPF) && !d.contains(CPF_FORMATADO)),
            "{s:?}"
        );
        // …and nothing that prints the error shows a full CPF.
        let t = textos(e);
        assert!(!t.contains(CPF) && !t.contains(CPF_FORMATADO), "{t}");
        // The masked value stays useful: the last two digits are kept.
        assert!(e.to_string().contains("logIdRastreabilidade log "), "{e}");
        assert!(
            e.to_string().contains("*********25") || e.to_string().contains("***.***.***-25"),
            "{e}"
        );
    }

    let log = String::from_utf8(buffer.0.lock().expect("lock").clone()).expect("utf-8");
    assert!(
        log.contains("renave.http") && log.contains("status=500"),
        "no tracing captured: {log}"
    );
    assert!(!log.contains(CPF) && !log.contains(CPF_FORMATADO), "{log}");
}
