//! LGPD: the `Debug` of every typed response (pretty or not) never holds a full CPF the server
//! sent — in a text field or in an unknown field — while the fields keep the text as received.
//! Table over every operation of `simulador::fixtures::todas()`: its success body, with a CPF
//! injected (a) as unknown fields of every JSON object and (b) in turn into every string field
//! the response type accepts as text.
#![cfg(feature = "simulador")]
#![allow(clippy::unwrap_used)]

use std::fmt::Debug;

use renave_mg_client::operacoes::agenda::{DataComVaga, PeriodoAtendimento, RespostaAgendamento};
use renave_mg_client::operacoes::dae::RespostaEmitirGuiaDae;
use renave_mg_client::operacoes::estoque::{
    RespostaAptidaoVeiculoEstoque, RespostaConsultaSolicitacaoTransferencia,
};
use renave_mg_client::operacoes::protocolo_digital::{
    RespostaCriarProcesso, RespostaProtocoloRenave, VeiculoComunicacaoVenda,
};
use renave_mg_client::operacoes::tabelas_auxiliares::RespostaTabelaAuxiliar;
use renave_mg_client::operacoes::vistoria::{
    RegiaoMunicipio, RespostaDistribuicao, RespostaUltimoLaudo,
};
use renave_mg_client::operacoes::{Lista, RespostaRetorno};
use renave_mg_client::simulador::fixtures;
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
        serde_json::to_value(&r).unwrap(),
    ))
}

/// The response type of every operation with a JSON answer (`gerar_token` answers a secret
/// token type, tested in `sigilo.rs`).
fn tipo_da_resposta(nome: &str) -> Option<Decodificar> {
    Some(match nome {
        "consultar_aptidao_veiculo_estoque" => decodificar::<RespostaAptidaoVeiculoEstoque>,
        "consultar_solicitacao_transferencia" => {
            decodificar::<RespostaConsultaSolicitacaoTransferencia>
        }
        "registrar_solicitacao_transferencia"
        | "registrar_comunicacao_venda_entrada_estoque"
        | "registrar_comunicacao_venda_saida_estoque"
        | "gravar_agendamento"
        | "regularizar_pendencia_renave"
        | "upload_documento_ficha_cadastro" => decodificar::<RespostaRetorno>,
        "emitir_guia_dae" => decodificar::<RespostaEmitirGuiaDae>,
        "consultar_distribuicao_ativa" | "distribuir_veiculo_ecv" => {
            decodificar::<RespostaDistribuicao>
        }
        "consultar_ultimo_laudo" => decodificar::<RespostaUltimoLaudo>,
        "retornar_regioes_municipio" => decodificar::<Lista<RegiaoMunicipio>>,
        "consultar_agendamento" => decodificar::<RespostaAgendamento>,
        "retornar_datas_com_vagas" => decodificar::<Lista<DataComVaga>>,
        "retornar_periodos_atendimento" => decodificar::<Lista<PeriodoAtendimento>>,
        "criar_processo_transferencia" => decodificar::<RespostaCriarProcesso>,
        "recuperar_protocolo_renave" => decodificar::<RespostaProtocoloRenave>,
        "listar_veiculos_comunicacao_venda" => decodificar::<Lista<VeiculoComunicacaoVenda>>,
        n if n.starts_with("consultar_") => decodificar::<RespostaTabelaAuxiliar>,
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
                "campoNovoDoServidor".into(),
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
        let Some(decodificar) = tipo_da_resposta(op.nome()) else {
            assert_eq!(
                op.nome(),
                "gerar_token",
                "an operation without a response type"
            );
            continue;
        };
        operacoes += 1;
        let base = op.corpo_sucesso();
        assert!(
            decodificar(base.clone()).is_some(),
            "{}: success body",
            op.nome()
        );

        // (a) Unknown fields everywhere, and the envelope's free text.
        let mut corpo = base.clone();
        com_extras(&mut corpo);
        if let Value::Object(m) = &mut corpo {
            m.insert("mensagem_retorno".into(), json!(format!("CPF {CPF} ok")));
            m.insert("mensagem".into(), json!(format!("CPF {CPF_FORMATADO}")));
        }
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
            *corpo.pointer_mut(&caminho).unwrap() =
                json!(format!("Sr. Fulano, CPF {CPF} / {CPF_FORMATADO}"));
            // A typed field (chassi, data…) refuses the text: nothing to print.
            let Some((d, dd, volta)) = decodificar(corpo) else {
                continue;
            };
            campos_de_texto += 1;
            sem_cpf(op.nome(), &caminho, &d);
            sem_cpf(op.nome(), &caminho, &dd);
            assert!(volta.to_string().contains(CPF), "{} {caminho}", op.nome());
        }
    }
    assert!(operacoes >= 20, "{operacoes} operations");
    assert!(campos_de_texto >= 10, "{campos_de_texto} text fields tried");
}
