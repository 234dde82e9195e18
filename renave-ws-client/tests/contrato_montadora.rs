//! Wiremock contract tests of the montadora group (`renave-ws.md` §3.3): one row per operation
//! (method, path and query asserted exactly; the body asserted exactly where the montadora has a
//! body of its own; the canned answer decoded and checked against the fixture), run through
//! every scenario of `suporte_contrato` (success, 400, 401 empty and Spring, 403, 404, 422 with
//! the SERPRO body, 500 with `logIdRastreabilidade`, HTML 502, 503 and timeouts never resent for
//! a POST, malformed body, route override).

#![cfg(feature = "simulador")]
#![allow(clippy::unwrap_used)]

mod chamadas;
mod suporte_contrato;

use chamadas::chamar_grupos;
use renave_http::{HttpMethod, Idempotency};
use renave_ws_client::operacoes::montadora as mt;
use renave_ws_client::simulador::fixtures as fx;
use serde_json::{Value, json};
use suporte_contrato::Caso;

/// The row of `nome`: its route and method from the operation's own endpoint, the canned answer
/// of its fixture, the expected query and body.
pub(crate) fn caso(
    nome: &'static str,
    query: Vec<(&'static str, &'static str)>,
    corpo: Option<Value>,
    chamar: fn(renave_ws_client::ClienteRenaveWs) -> suporte_contrato::Futuro,
) -> Caso {
    let op = fx::por_nome(nome).unwrap_or_else(|| panic!("a fixture for {nome}"));
    let e = op.endpoint();
    let caminho =
        format!("/{}", e.route.template()).replace("{idEstoque}", &fx::ID_ESTOQUE.to_string());
    Caso {
        operacao: nome,
        metodo: e.route.method().as_str(),
        caminho: Box::leak(caminho.into_boxed_str()),
        query,
        corpo,
        status_sucesso: op.status_sucesso(),
        resposta: op.corpo_sucesso().unwrap_or(Value::Null),
        chamar,
    }
}

macro_rules! linha {
    ($nome:literal, $query:expr, $corpo:expr) => {
        caso($nome, $query, $corpo, |c| {
            chamar_grupos($nome, c).expect("a row of the shared table")
        })
    };
}

fn comprador_json() -> Value {
    json!({
        "tipoDocumento": "CPF",
        "numeroDocumento": fx::CPF_PARTICULAR,
        "nome": "FULANO DE TAL",
        "email": "fulano@example.com",
        "endereco": {
            "codigoMunicipio": 4123,
            "cep": "30130010",
            "logradouro": "RUA DA BAHIA",
            "numero": "100",
            "bairro": "CENTRO"
        }
    })
}

pub(crate) fn venda_direta_json() -> Value {
    json!({
        "idEstoque": fx::ID_ESTOQUE,
        "chaveNotaFiscal": fx::CHAVE_NFE_VENDA,
        "comprador": comprador_json(),
        "cpfOperadorResponsavel": fx::CPF_OPERADOR,
        "dataVenda": "2026-10-01T16:45:00",
        "emailEstabelecimento": "vendas@example.com",
        "entregaIndicada": {
            "cnpjConcessionariaEntregadora": fx::CNPJ_ESTABELECIMENTO,
            "cnpjConcessionariaVendedora": fx::CNPJ_OUTRO_ESTABELECIMENTO
        },
        "valorVenda": 129_990.9
    })
}

fn cancelamento_saida_json() -> Value {
    json!({"cpfOperadorResponsavel": fx::CPF_OPERADOR, "dataCancelamentoSaidaEstoque": "2026-10-02", "idEstoque": fx::ID_ESTOQUE})
}

fn casos() -> Vec<Caso> {
    let cancelamento_entrada = json!({"cpfOperadorResponsavel": fx::CPF_OPERADOR, "dataCancelamentoEntradaEstoque": "2026-09-03", "idEstoque": fx::ID_ESTOQUE});
    let cancelamento_autorizacao =
        json!({"cpfOperadorResponsavel": fx::CPF_OPERADOR, "idAutorizacao": fx::ID_AUTORIZACAO});
    let mut renovar = venda_direta_json();
    renovar["estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar"] = json!(true);
    vec![
        linha!("consultar_cliente_autenticado_montadora", vec![], None),
        linha!(
            "consultar_municipios_montadora",
            vec![("nome", "BELO HORIZONTE"), ("uf", "MG")],
            None
        ),
        linha!(
            "consultar_estoques_montadora",
            vec![("chassi", fx::CHASSI_ZERO_KM)],
            None
        ),
        linha!("obter_termo_saida_estoque_montadora", vec![], None),
        linha!(
            "obter_pdf_atpv_montadora",
            vec![("chassi", fx::CHASSI_ZERO_KM)],
            None
        ),
        linha!(
            "consultar_veiculos_zero_km_pendentes_entrada_estoque_montadora",
            vec![("chassi", fx::CHASSI_ZERO_KM)],
            None
        ),
        linha!(
            "consultar_entregas_veiculo_zero_km_montadora",
            vec![
                ("chassi", fx::CHASSI_ZERO_KM),
                (
                    "cnpjEstabelecimentoEntregador",
                    fx::CNPJ_OUTRO_ESTABELECIMENTO
                )
            ],
            None
        ),
        linha!(
            "consultar_autorizacoes_transferencias_montadora",
            vec![
                ("chassi", fx::CHASSI_ZERO_KM),
                ("estadoAutorizacao", "CRIADA")
            ],
            None
        ),
        linha!(
            "registrar_entrada_estoque_zero_km_montadora",
            vec![],
            Some(json!({
                "chassi": fx::CHASSI_ZERO_KM,
                "cpfOperadorResponsavel": fx::CPF_OPERADOR,
                "dataEntradaEstoque": "2026-09-02T10:00:00",
                "dataHoraMedicaoHodometro": "2026-09-02T09:30:00",
                "quilometragemHodometro": 0
            }))
        ),
        linha!(
            "cancelar_entrada_estoque_zero_km_montadora",
            vec![],
            Some(cancelamento_entrada)
        ),
        linha!(
            "registrar_saida_estoque_veiculo_zero_km_montadora",
            vec![],
            Some(venda_direta_json())
        ),
        linha!(
            "cancelar_saida_estoque_zero_km_montadora",
            vec![],
            Some(cancelamento_saida_json())
        ),
        linha!(
            "registrar_saida_estoque_veiculo_inacabado_montadora",
            vec![],
            Some(json!({
                "idEstoque": fx::ID_ESTOQUE,
                "chaveNotaFiscal": fx::CHAVE_NFE_VENDA,
                "comprador": comprador_json(),
                "cpfOperadorResponsavel": fx::CPF_OPERADOR,
                "dataVenda": "2026-10-01T16:45:00",
                "emailEstabelecimento": "vendas@example.com",
                "valorVenda": 80_000.01,
                "leasingVeiculoInacabado": false
            }))
        ),
        linha!(
            "cancelar_saida_estoque_veiculo_inacabado_montadora",
            vec![],
            Some(cancelamento_saida_json())
        ),
        linha!(
            "autorizar_transferencia_para_ite_montadora",
            vec![],
            Some(json!({
                "chaveNotaFiscalProdutoSaida": fx::CHAVE_NFE_VENDA,
                "cnpjIteDestino": fx::CNPJ_OUTRO_ESTABELECIMENTO,
                "cpfOperadorResponsavel": fx::CPF_OPERADOR,
                "idEstoqueOrigem": fx::ID_ESTOQUE
            }))
        ),
        linha!(
            "cancelar_autorizacao_transferencia_para_ite_montadora",
            vec![],
            Some(cancelamento_autorizacao)
        ),
        linha!(
            "transferir_estoque_vindo_de_ite_montadora",
            vec![],
            Some(json!({
                "chaveNotaFiscalProduto": fx::CHAVE_NFE_COMPRA,
                "chaveNotaFiscalRemessa": fx::CHAVE_NFE_VENDA,
                "cpfOperadorResponsavel": fx::CPF_OPERADOR,
                "dataHoraMedicaoHodometro": "2026-09-28T09:00:00",
                "dataTransferenciaEstoque": "2026-09-28T10:30:00",
                "idAutorizacao": fx::ID_AUTORIZACAO,
                "quilometragemHodometro": 12,
                "valorProduto": 150_000.25
            }))
        ),
        linha!(
            "registrar_saida_estoque_veiculo_zero_km_renovar_montadora",
            vec![],
            Some(renovar)
        ),
        linha!(
            "registrar_saida_estoque_veiculo_inacabado_renovar_montadora",
            vec![],
            Some(json!({
                "idEstoque": fx::ID_ESTOQUE,
                "chaveNotaFiscal": fx::CHAVE_NFE_VENDA,
                "comprador": comprador_json(),
                "cpfOperadorResponsavel": fx::CPF_OPERADOR,
                "dataVenda": "2026-10-01T16:45:00",
                "emailEstabelecimento": "vendas@example.com",
                "valorVenda": 80_000.01,
                "leasingVeiculoInacabado": false,
                "estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar": true
            }))
        ),
    ]
}

#[test]
fn tabela_cobre_o_grupo_montadora() {
    let casos = casos();
    assert_eq!(casos.len(), mt::ENDPOINTS.len());
    assert_eq!(casos.len(), 19, "§3.3 lists nineteen routes");
    for (caso, e) in casos.iter().zip(mt::ENDPOINTS) {
        assert_eq!(caso.operacao, e.name);
        assert!(
            e.route.template().starts_with("api/montadora/"),
            "{}",
            e.name
        );
        assert!(e.name.ends_with("_montadora"), "{}", e.name);
        let esperada = if e.route.method() == HttpMethod::Get {
            Idempotency::Idempotent
        } else {
            Idempotency::StateChanging
        };
        assert_eq!(e.idempotency, esperada, "{}: D6", e.name);
    }
}

suporte_contrato::cenarios_de_contrato!(casos);

/// The venda direta read back is the same request, with the same checks as built: a blank
/// e-mail or a buyer of an unknown document kind does not deserialize.
#[test]
fn venda_direta_ida_e_volta() {
    let v = chamadas::venda_direta_montadora();
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json, venda_direta_json());
    let lida: mt::SaidaEstoqueVeiculoZeroKmMontadora =
        serde_json::from_value(json.clone()).unwrap();
    assert_eq!(lida, v);
    let mut sem_email = json.clone();
    sem_email["emailEstabelecimento"] = json!(" ");
    assert!(serde_json::from_value::<mt::SaidaEstoqueVeiculoZeroKmMontadora>(sem_email).is_err());
    let mut tipo_errado = json;
    tipo_errado["comprador"]["tipoDocumento"] = json!("RG");
    assert!(serde_json::from_value::<mt::SaidaEstoqueVeiculoZeroKmMontadora>(tipo_errado).is_err());
}

/// The montadora's Renovar sale of an unfinished vehicle sends its dealers under `entregas`
/// (S11's property), where the establishment's Z16 and the venda direta send `entregaIndicada`.
#[tokio::test]
async fn renovar_inacabado_envia_entregas() {
    use renave_ws_client::operacoes::transferencias::EntregaIndicada;
    use renave_ws_client::operacoes::zero_km::SaidaEstoqueVeiculoInacabadoRenovar;
    let servidor = wiremock::MockServer::start().await;
    let op = fx::por_nome("registrar_saida_estoque_veiculo_inacabado_renovar_montadora").unwrap();
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(
            wiremock::ResponseTemplate::new(op.status_sucesso())
                .set_body_json(op.corpo_sucesso().unwrap()),
        )
        .mount(&servidor)
        .await;
    let mut saida = chamadas::saida_inacabado();
    saida.entrega_indicada = Some(EntregaIndicada {
        cnpj_concessionaria_entregadora: chamadas::cnpj(fx::CNPJ_ESTABELECIMENTO),
        cnpj_concessionaria_vendedora: chamadas::cnpj(fx::CNPJ_OUTRO_ESTABELECIMENTO),
    });
    let renovar = SaidaEstoqueVeiculoInacabadoRenovar {
        saida,
        estabelecimento_ciente_de_responsabilidade_sobre_processo_renovar: true,
    };
    suporte_contrato::cliente(&servidor)
        .registrar_saida_estoque_veiculo_inacabado_renovar_montadora(&renovar)
        .await
        .unwrap();
    let recebidas = servidor.received_requests().await.unwrap();
    let corpo: Value = serde_json::from_slice(&recebidas[0].body).unwrap();
    assert_eq!(
        corpo["entregas"],
        json!({
            "cnpjConcessionariaEntregadora": fx::CNPJ_ESTABELECIMENTO,
            "cnpjConcessionariaVendedora": fx::CNPJ_OUTRO_ESTABELECIMENTO
        }),
        "{corpo}"
    );
    assert!(corpo.get("entregaIndicada").is_none(), "{corpo}");
    assert_eq!(
        corpo["estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar"],
        true
    );
    // The establishment's Z16 body is unchanged.
    let z16 = serde_json::to_value(&renovar).unwrap();
    assert!(z16.get("entregaIndicada").is_some() && z16.get("entregas").is_none());
}
