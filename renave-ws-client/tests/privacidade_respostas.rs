//! LGPD: the `Debug` of every typed response (pretty or not) never holds a full CPF the service
//! sent — in a text field or in an unknown field — while the fields keep the text as received.
//! Table over every operation of `simulador::fixtures::todas()`: its success body, with a CPF
//! injected (a) as unknown fields of every JSON object and (b) in turn into every string field
//! the response type accepts as text.
#![cfg(feature = "simulador")]

use std::fmt::Debug;

use renave_ws_client::modelos::{
    AutorizacaoTransferencia, Crlve, Entrega, Estoque, Municipio, PdfAtpv, TermoEntradaEstoque,
    TermoSaidaEstoque,
};
use renave_ws_client::operacoes::usados::{
    AptidaoVeiculoEstoque, AssinaturaAtpv, ClienteAutenticado, VeiculoRenave,
};
use renave_ws_client::operacoes::zero_km::VeiculoZeroKmPendente;
use renave_ws_client::simulador::fixtures;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

const CPF: &str = "52998224725";
const CPF_FORMATADO: &str = "529.982.247-25";

/// Decodes `corpo` as `T`; on success, its `Debug` and pretty `Debug`, and its JSON again.
type Decodificar = fn(Value) -> Option<(String, String, Value)>;

fn decodificar<T: DeserializeOwned + Debug + serde::Serialize>(
    corpo: Value,
) -> Option<(String, String, Value)> {
    let r: T = serde_json::from_value(corpo).ok()?;
    Some((
        format!("{r:?}"),
        format!("{r:#?}"),
        serde_json::to_value(&r).expect("serialisable"),
    ))
}

/// The response type of every operation with a JSON answer; `None` for the operations whose
/// success body is empty (they answer a `Confirmacao`, tested in `modelos.rs`).
///
/// One row per group of operations (establishment, montadora, ITE), so that a new operation is
/// one line next to its group, even where two groups answer the same type.
#[allow(clippy::match_same_arms)]
fn tipo_da_resposta(nome: &str) -> Option<Decodificar> {
    Some(match nome {
        "consultar_cliente_autenticado"
        | "consultar_cliente_autenticado_montadora"
        | "consultar_cliente_autenticado_ite" => decodificar::<ClienteAutenticado>,
        "consultar_municipios_montadora" => decodificar::<Vec<Municipio>>,
        "consultar_estoques_montadora" | "consultar_estoques_ite" => decodificar::<Vec<Estoque>>,
        "obter_termo_saida_estoque_montadora" => decodificar::<TermoSaidaEstoque>,
        "obter_termo_entrada_estoque_ite" => decodificar::<TermoEntradaEstoque>,
        "obter_pdf_atpv_montadora" | "obter_pdf_atpv_ite" => decodificar::<PdfAtpv>,
        "consultar_veiculos_zero_km_pendentes_entrada_estoque_montadora" => {
            decodificar::<Vec<VeiculoZeroKmPendente>>
        }
        "consultar_entregas_veiculo_zero_km_montadora" => decodificar::<Vec<Entrega>>,
        "consultar_autorizacoes_transferencias_montadora"
        | "consultar_autorizacoes_transferencias_ite" => {
            decodificar::<Vec<AutorizacaoTransferencia>>
        }
        "consultar_veiculo_ite" => decodificar::<VeiculoRenave>,
        "consultar_clientes_montadoras_ite" => {
            decodificar::<Vec<renave_ws_client::operacoes::ite::ClienteMontadora>>
        }
        "registrar_entrada_estoque_zero_km_montadora"
        | "cancelar_entrada_estoque_zero_km_montadora"
        | "registrar_saida_estoque_veiculo_zero_km_montadora"
        | "cancelar_saida_estoque_zero_km_montadora"
        | "registrar_saida_estoque_veiculo_inacabado_montadora"
        | "cancelar_saida_estoque_veiculo_inacabado_montadora"
        | "transferir_estoque_vindo_de_ite_montadora"
        | "registrar_saida_estoque_veiculo_zero_km_renovar_montadora"
        | "registrar_saida_estoque_veiculo_inacabado_renovar_montadora"
        | "registrar_entrada_estoque_ite"
        | "registrar_saida_estoque_ite"
        | "cancelar_entrada_estoque_ite"
        | "cancelar_saida_estoque_ite"
        | "transferir_para_ite"
        | "transferir_vindo_de_ite_para_ite"
        | "registrar_saida_estoque_renovar_ite" => decodificar::<Estoque>,
        "consultar_aptidao_veiculo_estoque" => decodificar::<AptidaoVeiculoEstoque>,
        "consultar_ultima_assinatura_atpv" => decodificar::<AssinaturaAtpv>,
        "consultar_veiculo" => decodificar::<VeiculoRenave>,
        "consultar_municipios" => decodificar::<Vec<Municipio>>,
        "obter_pdf_atpv" | "obter_pdf_atpv_por_placa_renavam" | "obter_atpv_por_id" => {
            decodificar::<PdfAtpv>
        }
        "obter_crlve" | "obter_pdf_codigo_seguranca_crv" => decodificar::<Crlve>,
        "obter_termo_entrada_estoque" => decodificar::<TermoEntradaEstoque>,
        "obter_termo_saida_estoque" => decodificar::<TermoSaidaEstoque>,
        "consultar_estoques" => decodificar::<Vec<Estoque>>,
        "consultar_autorizacoes_transferencias" => decodificar::<Vec<AutorizacaoTransferencia>>,
        "consultar_entregas_veiculo_zero_km" => decodificar::<Vec<Entrega>>,
        "consultar_veiculos_zero_km_pendentes_entrada_estoque" => {
            decodificar::<Vec<VeiculoZeroKmPendente>>
        }
        "cancelar_entrega_veiculo_zero_km" | "realizar_entrega_veiculo_zero_km" => {
            decodificar::<Entrega>
        }
        n if n.starts_with("autorizar_transferencia")
            || n.starts_with("cancelar_autorizacao_transferencia") =>
        {
            decodificar::<AutorizacaoTransferencia>
        }
        "solicitar_entrada_estoque"
        | "solicitar_entrada_estoque_veiculo_proprio"
        | "consultar_estoque"
        | "solicitar_cancelamento_entrada_estoque"
        | "solicitar_saida_estoque"
        | "solicitar_cancelamento_saida_estoque"
        | "cancelar_entrada_estoque_zero_km"
        | "cancelar_saida_estoque_veiculo_inacabado"
        | "cancelar_saida_estoque_zero_km"
        | "devolver_montadora_veiculo_zero_km"
        | "registrar_entrada_estoque_zero_km"
        | "registrar_saida_estoque_veiculo_inacabado"
        | "registrar_saida_estoque_veiculo_inacabado_renovar"
        | "registrar_saida_estoque_veiculo_zero_km"
        | "registrar_saida_estoque_veiculo_zero_km_renovar"
        | "solicitar_transferencia_entre_estabelecimentos"
        | "solicitar_transferencia_entre_filiais"
        | "transferir_entre_estabelecimentos_veiculo_zero_km"
        | "transferir_estoque_vindo_de_ite" => decodificar::<Estoque>,
        _ => return None,
    })
}

/// Adds unknown fields holding a CPF (as text, formatted, as a number, nested) to every object.
fn com_extras(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for x in m.values_mut() {
                com_extras(x);
            }
            m.insert(
                "campoNovoDoServico".into(),
                json!(format!("titular CPF {CPF}")),
            );
            m.insert("cpfTitular".into(), json!(CPF_FORMATADO));
            m.insert("cpfNumero".into(), json!(52_998_224_725_u64));
            m.insert("pessoa".into(), json!({"cpf": CPF, "nomes": [CPF]}));
        }
        Value::Array(a) => a.iter_mut().for_each(com_extras),
        _ => {}
    }
}

/// The JSON pointer of every string leaf.
fn textos(v: &Value, caminho: &str, saida: &mut Vec<String>) {
    match v {
        Value::String(_) => saida.push(caminho.to_owned()),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                textos(x, &format!("{caminho}/{i}"), saida);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                textos(x, &format!("{caminho}/{k}"), saida);
            }
        }
        _ => {}
    }
}

fn sem_cpf(nome: &str, onde: &str, d: &str) {
    assert!(
        !d.contains(CPF) && !d.contains(CPF_FORMATADO),
        "{nome} ({onde}): full CPF in Debug: {d}"
    );
}

#[test]
fn debug_de_cada_resposta_sem_cpf() {
    let mut operacoes = 0;
    let mut campos_de_texto = 0;
    for op in fixtures::todas() {
        let Some(base) = op.corpo_sucesso() else {
            continue;
        };
        let decodificar = tipo_da_resposta(op.nome())
            .unwrap_or_else(|| panic!("{}: add its response type to the table", op.nome()));
        operacoes += 1;
        assert!(
            decodificar(base.clone()).is_some(),
            "{}: success body",
            op.nome()
        );

        // (a) Unknown fields everywhere.
        let mut corpo = base.clone();
        com_extras(&mut corpo);
        let (d, dd, volta) =
            decodificar(corpo).unwrap_or_else(|| panic!("{}: body with unknown fields", op.nome()));
        sem_cpf(op.nome(), "extras", &d);
        sem_cpf(op.nome(), "extras, {:#?}", &dd);
        // The fields are kept as received (only Debug masks).
        let volta = volta.to_string();
        assert!(
            volta.contains(CPF),
            "{}: unknown fields kept: {volta}",
            op.nome()
        );

        // (b) A CPF in each string field, in turn.
        let mut caminhos = Vec::new();
        textos(&base, "", &mut caminhos);
        for caminho in caminhos {
            let mut corpo = base.clone();
            if let Some(campo) = corpo.pointer_mut(&caminho) {
                *campo = json!(format!("Sr. Fulano, CPF {CPF} / {CPF_FORMATADO}"));
            }
            // A typed field (chassi, data, base64…) refuses the text: nothing to print.
            let Some((d, dd, volta)) = decodificar(corpo) else {
                continue;
            };
            campos_de_texto += 1;
            sem_cpf(op.nome(), &caminho, &d);
            sem_cpf(op.nome(), &caminho, &dd);
            assert!(volta.to_string().contains(CPF), "{} {caminho}", op.nome());
        }
    }
    assert!(operacoes >= 30, "{operacoes} operations");
    assert!(campos_de_texto >= 20, "{campos_de_texto} text fields tried");
}
