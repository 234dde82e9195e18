//! No personal data or secret leaks (preamble, LGPD): the `tracing` output at TRACE level of
//! successful and failed operations, and the `Debug`/`Display` of the client, the identity and
//! the errors, never hold a full CPF, a path with personal data, a request body or the PFX
//! password.

mod comum;

use std::io::Write;
use std::sync::{Arc, Mutex};

use comum::{Cifra, escrever_pkcs12, gerar_pki};
use renave_domain::{CpfCnpj, TipoCrv, Valor};
use renave_ws_client::IdentidadeCertificado;
use renave_ws_client::operacoes::usados::{SolicitacaoEntradaEstoque, VeiculoEntradaEstoque};
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CPF: &str = "52998224725";
const SENHA: &str = "senha-super-secreta-do-pfx";

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
    let cpf = CPF.parse().expect("cpf");
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

#[tokio::test]
async fn tracing_debug_e_display_sem_dados_pessoais() {
    let buffer = Buffer::default();
    let assinante = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(buffer.clone())
        .with_ansi(false)
        .finish();
    let _guarda = tracing::subscriber::set_default(assinante);

    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/solicitacoes-entrada-estoque"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 1})))
        .up_to_n_times(1)
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/solicitacoes-entrada-estoque"))
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({
            "titulo": "Erro de negócio",
            "mensagemParaUsuarioFinal": "Veículo já está em estoque."
        })))
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/atpv-assinaturas/ABC1D23/00123456789/ultimo"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&s)
        .await;

    let pki = gerar_pki();
    let pfx = escrever_pkcs12(&pki.cliente, &pki.ca, SENHA, Cifra::Rc2_40);
    let id = IdentidadeCertificado::de_pkcs12(&pfx, &SecretString::from(SENHA.to_owned()))
        .expect("loads");
    let c = comum::builder_wiremock(&s)
        .identidade(id.clone())
        .build()
        .expect("builds");

    c.solicitar_entrada_estoque(&entrada()).await.expect("201");
    let e422 = c
        .solicitar_entrada_estoque(&entrada())
        .await
        .expect_err("422");
    let e404 = c
        .consultar_ultima_assinatura_atpv(
            &"ABC1D23".parse().expect("placa"),
            &"00123456789".parse().expect("renavam"),
        )
        .await
        .expect_err("404");

    let logs = String::from_utf8(buffer.0.lock().expect("lock").clone()).expect("utf-8");
    assert!(!logs.is_empty(), "the request core traces each operation");
    assert!(logs.contains("solicitar_entrada_estoque"), "{logs}");
    assert!(
        !logs.contains("vendedor@example.com"),
        "request body in logs: {logs}"
    );
    let textos = [
        logs,
        format!("{c:?}"),
        format!("{id:?}"),
        format!("{e422} {e422:?}"),
        format!("{e404} {e404:?}"),
        format!("{:?}", entrada()),
    ];
    for t in &textos {
        assert!(!t.contains(CPF), "full CPF leaked: {t}");
        assert!(!t.contains(SENHA), "PFX password leaked: {t}");
        assert!(
            !t.contains("00123456789/ultimo"),
            "rendered path leaked: {t}"
        );
        assert!(!t.contains("PRIVATE KEY"), "key leaked: {t}");
    }
    assert_eq!(e422.mensagem_usuario(), Some("Veículo já está em estoque."));
}
