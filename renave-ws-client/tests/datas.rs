//! Date-times on the wire (decision D5, `renave-ws.md` §1.3): naive Brasília local time
//! `YYYY-MM-DDTHH:MM:SS` and dates `YYYY-MM-DD`, never `Z` or an offset (UTC with `Z` made
//! "now" look three hours in the future and was refused); answers with fractional seconds
//! accepted.

mod comum;

use comum::cliente_wiremock;
use renave_domain::{CpfCnpj, Data, DataHora, Recebido, TipoCrv, Valor};
use renave_ws_client::modelos::{Estoque, IdEstoque};
use renave_ws_client::operacoes::usados::{
    SolicitacaoCancelamentoSaidaEstoque, SolicitacaoEntradaEstoque, VeiculoEntradaEstoque,
};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// `YYYY-MM-DDTHH:MM:SS`, exactly.
fn e_data_hora_ingenua(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

/// `YYYY-MM-DD`, exactly.
fn e_data(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

fn entrada(dh: DataHora, d: Data) -> SolicitacaoEntradaEstoque {
    let cpf = "52998224725".parse().expect("cpf");
    SolicitacaoEntradaEstoque {
        cpf_operador_responsavel: cpf,
        data_compra: d,
        valor_compra: Valor::from_centavos(100).expect("valor"),
        email_estabelecimento: None,
        email_vendedor: "v@example.com".to_owned(),
        veiculo: VeiculoEntradaEstoque {
            codigo_seguranca_crv: "12345678901".parse().expect("csc"),
            tipo_crv: TipoCrv::Digital,
            numero_crv: None,
            placa: "ABC1D23".parse().expect("placa"),
            renavam: "00123456789".parse().expect("renavam"),
            quilometragem_hodometro: 10,
            data_hora_medicao_hodometro: dh,
            documento_proprietario_atual: CpfCnpj::Cpf(cpf),
        },
    }
}

#[tokio::test]
async fn requisicao_leva_data_hora_sem_fuso() {
    let s = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/solicitacoes-entrada-estoque"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 1})))
        .expect(1)
        .mount(&s)
        .await;
    let c = cliente_wiremock(&s);
    let agora = DataHora::agora_brasilia();
    c.solicitar_entrada_estoque(&entrada(agora, agora.data()))
        .await
        .expect("sent");
    let req = &s.received_requests().await.expect("recorded")[0];
    let texto = String::from_utf8(req.body.clone()).expect("utf-8");
    let corpo: Value = serde_json::from_str(&texto).expect("json");
    let dh = corpo["veiculo"]["dataHoraMedicaoHodometro"]
        .as_str()
        .expect("string");
    assert!(e_data_hora_ingenua(dh), "naive date-time on the wire: {dh}");
    assert_eq!(dh, agora.to_string());
    let d = corpo["dataCompra"].as_str().expect("string");
    assert!(e_data(d), "date only on the wire: {d}");
    for proibido in ["Z\"", "+00:00", "-03:00", "[America"] {
        assert!(!texto.contains(proibido), "`{proibido}` in {texto}");
    }
}

#[test]
fn valores_fixos_serializam_exatamente() {
    let dh: DataHora = "2018-08-09T09:46:52".parse().expect("dh");
    let d: Data = "2026-02-28".parse().expect("d");
    let j = serde_json::to_value(entrada(dh, d)).expect("serialises");
    assert_eq!(
        j["veiculo"]["dataHoraMedicaoHodometro"],
        "2018-08-09T09:46:52"
    );
    assert_eq!(j["dataCompra"], "2026-02-28");
    let canc = serde_json::to_value(SolicitacaoCancelamentoSaidaEstoque {
        id_estoque: IdEstoque(1),
        data_cancelamento_saida_estoque: d,
        cpf_operador_responsavel: "52998224725".parse().expect("cpf"),
    })
    .expect("serialises");
    assert_eq!(canc["dataCancelamentoSaidaEstoque"], "2026-02-28");
}

#[test]
fn entrada_de_data_hora_com_fuso_e_recusada() {
    // The caller cannot even build a UTC date-time by mistake.
    for s in [
        "2026-09-24T13:00:00Z",
        "2026-09-24T10:00:00-03:00",
        "2026-09-24T13:00:00+00:00",
    ] {
        assert!(s.parse::<DataHora>().is_err(), "{s} must be refused");
    }
}

#[test]
fn resposta_com_fracao_de_segundo_e_aceita() {
    let e: Estoque = serde_json::from_value(json!({
        "id": 5,
        "dataHoraMedicaoHodometro": "2022-03-28T08:59:19.35637",
        "entradaEstoque": {"dataHora": "2022-03-28T08:59:19.3", "dataHoraEnvioNotaFiscalEntrada": "2022-03-28T09:00:00"}
    }))
    .expect("fractional seconds accepted");
    let dh = e.data_hora_medicao_hodometro.expect("present");
    assert_eq!(dh.texto(), "2022-03-28T08:59:19");
    assert_eq!(
        e.entrada_estoque
            .and_then(|x| x.data_hora)
            .map(|d| d.texto().into_owned()),
        Some("2022-03-28T08:59:19".to_owned())
    );
}

/// A date-time with `Z` in an answer is not RENAVE's format (D5), but it names an instant:
/// issue 12 reads it as that instant in Brasília time (13:00Z is 10:00 in Brasília — never
/// 13:00 local), and keeps the rest of the answer. (Before issue 12 the whole answer was
/// refused.) A date-time the SDK cannot place is kept raw.
#[tokio::test]
async fn resposta_com_z_e_convertida_para_brasilia() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/estoques/5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": 5,
            "dataHoraMedicaoHodometro": "2026-09-24T13:00:00Z",
            "entradaEstoque": {"dataHora": "24/09/2026 10:00", "numeroTermoEntradaEstoque": "991"}
        })))
        .mount(&s)
        .await;
    let e = cliente_wiremock(&s)
        .consultar_estoque(IdEstoque(5))
        .await
        .expect("decoded");
    let dh = e.data_hora_medicao_hodometro.expect("present");
    assert_eq!(
        dh.valido().map(ToString::to_string).as_deref(),
        Some("2026-09-24T10:00:00")
    );
    let entrada = e.entrada_estoque.expect("entrada");
    assert_eq!(
        entrada.data_hora.as_ref().and_then(|d| d.bruto()),
        Some("24/09/2026 10:00")
    );
    assert_eq!(
        entrada
            .numero_termo_entrada_estoque
            .and_then(Recebido::into_valido),
        Some(991)
    );
}
