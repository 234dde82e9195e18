//! Wiremock contract tests of the ITE group (`renave-ws.md` §3.4): one row per operation
//! (method, path and query asserted exactly; the body asserted exactly, field by field, for
//! every POST; the canned answer decoded and checked against the fixture), run through every
//! scenario of `suporte_contrato` (success, 400, 401 empty and Spring, 403, 404, 422 with the
//! SERPRO body, 500 with `logIdRastreabilidade`, HTML 502, 503 and timeouts never resent for a
//! POST, malformed body, route override).
//!
//! The bodies the digest leaves open (**?**: `transferencias-para-ite`,
//! `transferencias-vindo-de-ite-para-ite`, `veiculos-inacabados-mock/acabar`) are asserted as
//! the client sends them — S4's request classes (**P**), the mock's body a bare JSON string —
//! and the simulator reads the same bodies (`renave-simulador`'s `operacoes/ite.rs`).

#![cfg(feature = "simulador")]
#![allow(clippy::unwrap_used)]

mod chamadas;
mod suporte_contrato;

use chamadas::chamar_grupos;
use renave_http::{HttpMethod, Idempotency};
use renave_ws_client::operacoes::ite as it;
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

pub(crate) fn saida_ite_json() -> Value {
    json!({
        "chaveNotaFiscalProduto": fx::CHAVE_NFE_VENDA,
        "chaveNotaFiscalServico": fx::CHAVE_NFE_COMPRA,
        "comprador": comprador_json(),
        "cpfOperadorResponsavel": fx::CPF_OPERADOR,
        "dataVenda": "2026-10-01T16:45:00",
        "emailEstabelecimento": "ite@example.com",
        "idEstoque": fx::ID_ESTOQUE,
        "valorVenda": 150_000.25
    })
}

fn casos() -> Vec<Caso> {
    let cancelamento_entrada = json!({"cpfOperadorResponsavel": fx::CPF_OPERADOR, "dataCancelamentoEntradaEstoque": "2026-09-03", "idEstoque": fx::ID_ESTOQUE});
    let cancelamento_saida = json!({"cpfOperadorResponsavel": fx::CPF_OPERADOR, "dataCancelamentoSaidaEstoque": "2026-10-02", "idEstoque": fx::ID_ESTOQUE});
    let cancelamento_autorizacao =
        json!({"cpfOperadorResponsavel": fx::CPF_OPERADOR, "idAutorizacao": fx::ID_AUTORIZACAO});
    let mut renovar = saida_ite_json();
    renovar["estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar"] = json!(true);
    vec![
        linha!("consultar_cliente_autenticado_ite", vec![], None),
        linha!(
            "consultar_estoques_ite",
            vec![
                ("chassi", fx::CHASSI_ZERO_KM),
                ("estadoEstoque", "CONFIRMADO")
            ],
            None
        ),
        linha!("obter_termo_entrada_estoque_ite", vec![], None),
        linha!(
            "consultar_veiculo_ite",
            vec![("chassi", fx::CHASSI_ZERO_KM)],
            None
        ),
        linha!(
            "obter_pdf_atpv_ite",
            vec![("chassi", fx::CHASSI_ZERO_KM)],
            None
        ),
        linha!(
            "consultar_clientes_montadoras_ite",
            vec![("chassi", fx::CHASSI_ZERO_KM)],
            None
        ),
        linha!("consultar_autorizacoes_transferencias_ite", vec![], None),
        linha!(
            "registrar_entrada_estoque_ite",
            vec![],
            Some(json!({
                "chassi": fx::CHASSI_ZERO_KM,
                "chaveNotaFiscalRemessa": fx::CHAVE_NFE_COMPRA,
                "clienteDaIte": comprador_json(),
                "codigoClienteMontadora": fx::CODIGO_CLIENTE_MONTADORA,
                "cpfOperadorResponsavel": fx::CPF_OPERADOR,
                "dataEntradaEstoque": "2026-09-10T10:00:00",
                "dataHoraMedicaoHodometro": "2026-09-10T09:30:00",
                "quilometragemHodometro": 12,
                "valorProduto": 150_000.25
            }))
        ),
        linha!(
            "registrar_saida_estoque_ite",
            vec![],
            Some(saida_ite_json())
        ),
        linha!(
            "cancelar_entrada_estoque_ite",
            vec![],
            Some(cancelamento_entrada)
        ),
        linha!(
            "cancelar_saida_estoque_ite",
            vec![],
            Some(cancelamento_saida)
        ),
        linha!(
            "transferir_para_ite",
            vec![],
            Some(json!({
                "chaveNotaFiscalRemessa": fx::CHAVE_NFE_VENDA,
                "codigoClienteMontadora": fx::CODIGO_CLIENTE_MONTADORA,
                "cpfOperadorResponsavel": fx::CPF_OPERADOR,
                "dataHoraMedicaoHodometro": "2026-09-28T09:00:00",
                "dataTransferenciaEstoque": "2026-09-28T10:30:00",
                "idAutorizacao": fx::ID_AUTORIZACAO,
                "quilometragemHodometro": 12
            }))
        ),
        linha!(
            "transferir_vindo_de_ite_para_ite",
            vec![],
            Some(json!({
                "chaveNotaFiscalProduto": fx::CHAVE_NFE_COMPRA,
                "chaveNotaFiscalServico": fx::CHAVE_NFE_VENDA,
                "cpfOperadorResponsavel": fx::CPF_OPERADOR,
                "dataHoraMedicaoHodometro": "2026-09-28T09:00:00",
                "dataTransferenciaEstoque": "2026-09-28T10:30:00",
                "idAutorizacao": fx::ID_AUTORIZACAO,
                "quilometragemHodometro": 12,
                "valorProduto": 150_000.25
            }))
        ),
        linha!(
            "autorizar_transferencia_estoque_vindo_de_ite",
            vec![],
            Some(json!({
                "cnpjEstabelecimentoDestino": fx::CNPJ_OUTRO_ESTABELECIMENTO,
                "cpfOperadorResponsavel": fx::CPF_OPERADOR,
                "idEstoqueOrigem": fx::ID_ESTOQUE,
                "paraCancelamentoDeTransferencia": false,
                "valorProduto": 150_000.25
            }))
        ),
        linha!(
            "cancelar_autorizacao_transferencia_estoque_vindo_de_ite",
            vec![],
            Some(cancelamento_autorizacao)
        ),
        // S4 sends the chassis as the whole body: a JSON string, not an object.
        linha!(
            "acabar_veiculo_inacabado_mock_ite",
            vec![],
            Some(json!(fx::CHASSI_ZERO_KM))
        ),
        linha!("registrar_saida_estoque_renovar_ite", vec![], Some(renovar)),
    ]
}

#[test]
fn tabela_cobre_o_grupo_ite() {
    let casos = casos();
    assert_eq!(casos.len(), it::ENDPOINTS.len());
    assert_eq!(casos.len(), 17, "§3.4 lists seventeen routes");
    for (caso, e) in casos.iter().zip(it::ENDPOINTS) {
        assert_eq!(caso.operacao, e.name);
        assert!(e.route.template().starts_with("api/ite/"), "{}", e.name);
        assert!(e.name.ends_with("_ite"), "{}", e.name);
        let esperada = if e.route.method() == HttpMethod::Get {
            Idempotency::Idempotent
        } else {
            Idempotency::StateChanging
        };
        assert_eq!(e.idempotency, esperada, "{}: D6", e.name);
        assert_eq!(
            caso.corpo.is_some(),
            e.route.method() != HttpMethod::Get,
            "{}: every POST row asserts its body",
            e.name
        );
    }
}

suporte_contrato::cenarios_de_contrato!(casos);

/// The ITE saída read back is the same request, with the same checks as built: a blank e-mail
/// or a buyer of an unknown document kind does not deserialize.
#[test]
fn saida_ite_ida_e_volta() {
    let v = chamadas::saida_ite();
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json, saida_ite_json());
    let lida: it::SaidaEstoqueIte = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(lida, v);
    let mut sem_email = json.clone();
    sem_email["emailEstabelecimento"] = json!(" ");
    assert!(serde_json::from_value::<it::SaidaEstoqueIte>(sem_email).is_err());
    let mut tipo_errado = json;
    tipo_errado["comprador"]["tipoDocumento"] = json!("RG");
    assert!(serde_json::from_value::<it::SaidaEstoqueIte>(tipo_errado).is_err());
}
