//! One operation model: a mock of [`ApiCetMg`] implements only the operations it needs (the
//! others answer [`Erro::NaoImplementado`]), and a call takes per-call options (`.prazo`,
//! `.retry`) that bound it whatever the client's settings.
#![allow(clippy::unwrap_used)]

mod comum;

use std::time::{Duration, Instant};

use async_trait::async_trait;
use comum::*;
use renave_mg_client::operacoes::estoque::{
    ConsultaAptidaoVeiculoEstoque, RespostaAptidaoVeiculoEstoque,
};
use renave_mg_client::operacoes::tabelas_auxiliares::RespostaTabelaAuxiliar;
use renave_mg_client::{ApiCetMg, Erro, RetryPolicy, Timeouts};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A mock of two operations: a struct and an impl with two methods.
struct DoisMetodos;

#[async_trait]
impl ApiCetMg for DoisMetodos {
    async fn consultar_aptidao_veiculo_estoque(
        &self,
        _: &ConsultaAptidaoVeiculoEstoque,
    ) -> Result<RespostaAptidaoVeiculoEstoque, Erro> {
        Ok(RespostaAptidaoVeiculoEstoque::default())
    }
    async fn consultar_cores(&self) -> Result<RespostaTabelaAuxiliar, Erro> {
        Ok(RespostaTabelaAuxiliar::default())
    }
}

#[tokio::test]
async fn um_mock_de_duas_operacoes_e_as_outras_nao_implementadas() {
    let api: &dyn ApiCetMg = &DoisMetodos;
    assert!(api.consultar_cores().await.is_ok());
    let consulta = ConsultaAptidaoVeiculoEstoque {
        chassi: chassi(),
        cpf_cnpj_proprietario: cpf(),
        cpf_cnpj_estabelecimento: cnpj(),
    };
    assert!(
        api.consultar_aptidao_veiculo_estoque(&consulta)
            .await
            .is_ok()
    );
    let erro = api.consultar_categorias().await.unwrap_err();
    assert!(
        matches!(&erro, Erro::NaoImplementado { operacao } if operacao == "consultar_categorias"),
        "{erro:?}"
    );
    assert!(erro.to_string().contains("consultar_categorias"), "{erro}");
    assert!(matches!(
        api.gerar_token().await,
        Err(Erro::NaoImplementado { .. })
    ));
}

#[tokio::test]
async fn prazo_por_chamada_mais_curto_que_o_do_cliente_encerra_a_chamada() {
    let server = MockServer::start().await;
    montar_token(&server, 1).await;
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(corpo_sucesso_vazio())
                .set_delay(Duration::from_secs(30)),
        )
        .mount(&server)
        .await;
    let cliente = builder(&server)
        .prazos(Timeouts {
            connect: Duration::from_secs(5),
            per_attempt: Duration::from_secs(60),
            operation: Duration::from_secs(60),
        })
        .build()
        .unwrap();
    let inicio = Instant::now();
    let erro = cliente
        .consultar_cores()
        .prazo(Duration::from_millis(500))
        .retentativas(RetryPolicy::disabled())
        .await
        .unwrap_err();
    // Generous bound: the client's own deadline is 60 s, the server answers after 30 s.
    assert!(
        inicio.elapsed() < Duration::from_secs(20),
        "{:?}",
        inicio.elapsed()
    );
    assert!(matches!(erro, Erro::Transporte { .. }), "{erro:?}");
}
