//! One operation model: the operations are inherent methods of the client (no trait import),
//! a mock of a group trait implements only the operations it needs (the others answer
//! [`Erro::NaoImplementado`]), and a call takes per-call options (`.prazo`, `.retentativas`).
#![allow(clippy::unwrap_used)]

mod comum;

use async_trait::async_trait;
use renave_ws_client::modelos::{Estoque, IdEstoque, Municipio};
use renave_ws_client::operacoes::usados::ConsultaMunicipios;
use renave_ws_client::{Erro, RenaveWsUsados};

/// A mock of two operations: a struct and an impl with two methods.
struct DoisMetodos;

#[async_trait]
impl RenaveWsUsados for DoisMetodos {
    async fn consultar_estoque(&self, _: IdEstoque) -> Result<Estoque, Erro> {
        Err(Erro::NaoImplementado {
            operacao: "sentinela".into(),
        })
    }
    async fn consultar_municipios(
        &self,
        _: &ConsultaMunicipios,
    ) -> Result<renave_domain::ItensRecebidos<Municipio>, Erro> {
        Ok(renave_domain::ItensRecebidos::default())
    }
}

#[tokio::test]
async fn um_mock_de_duas_operacoes_e_as_outras_nao_implementadas() {
    let api: &dyn RenaveWsUsados = &DoisMetodos;
    assert!(
        api.consultar_municipios(&ConsultaMunicipios::default())
            .await
            .unwrap()
            .validos()
            .is_empty()
    );
    assert!(matches!(
        api.consultar_estoque(IdEstoque::from(1)).await,
        Err(Erro::NaoImplementado { operacao }) if operacao == "sentinela"
    ));
    let erro = api.consultar_cliente_autenticado().await.unwrap_err();
    assert!(
        matches!(&erro, Erro::NaoImplementado { operacao } if operacao == "consultar_cliente_autenticado"),
        "{erro:?}"
    );
    assert!(
        erro.to_string().contains("consultar_cliente_autenticado"),
        "{erro}"
    );
}

mod sem_importar_o_trait {
    use std::time::{Duration, Instant};

    use super::comum::builder_wiremock;
    use renave_ws_client::operacoes::usados::ConsultaMunicipios;
    use renave_ws_client::{Erro, RetryPolicy, Timeouts};
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[tokio::test]
    async fn metodos_inerentes_e_prazo_por_chamada() {
        // No `use RenaveWsUsados` is needed in this module's code: the call below is inherent.
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/api/municipios"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(serde_json::json!([]))
                    .set_delay(Duration::from_secs(30)),
            )
            .mount(&server)
            .await;
        let cliente = builder_wiremock(&server)
            .prazos(Timeouts {
                connect: Duration::from_secs(5),
                per_attempt: Duration::from_secs(60),
                operation: Duration::from_secs(60),
            })
            .build()
            .unwrap();
        let inicio = Instant::now();
        let erro = cliente
            .consultar_municipios(&ConsultaMunicipios::default())
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
}
