//! The CET-MG simulator checks every code of the tabelas auxiliares (R §5.20–§5.27) a request
//! carries against the table it serves itself (`tabelas-auxiliares/consultar-*`): a code that is
//! not a row of that table, compared as the text the table holds (`"1"` is not `"01"`), is
//! refused with HTTP 400 `codigo_retorno` `"400"` naming the field and the table, and nothing is
//! registered. A município de emplacamento outside the table keeps its business code `203`.

mod cetmg_comum;

use cetmg_comum::{Cliente, corpo_processo, corpo_solicitacao, erro_http, ok, recusa, veiculo};
use renave_simulador::cetmg::{CNPJ_ESTABELECIMENTO, SimuladorCetMg, VeiculoSimulado};
use serde_json::{Value, json};

const CPF_COMPRADOR: &str = "03137215994";

const REGISTRAR: &str = "registrar-solicitacao-servico-transferencia-propriedade-veiculo";
const CRIAR_PROCESSO: &str = "protocolo-digital/criar-processo-transferencia";

/// The apto car's entrada solicitação (the buyer is the establishment) with `campo` = `valor`.
fn solicitacao_com(v: &VeiculoSimulado, campo: &str, valor: &Value) -> Value {
    let mut corpo = corpo_solicitacao(v, CNPJ_ESTABELECIMENTO, CNPJ_ESTABELECIMENTO);
    corpo[campo] = valor.clone();
    corpo
}

/// Asserts the table-code refusal: HTTP 400 `"400"` whose message names the field and the table.
#[track_caller]
fn recusa_de_tabela(resposta: &(u16, Value), campo: &str, tabela: &str) {
    erro_http(resposta, 400);
    let mensagem = resposta.1["mensagem_retorno"].as_str().unwrap_or_default();
    assert!(
        mensagem.contains(&format!("`{campo}`")) && mensagem.contains(tabela),
        "{campo}: {mensagem}"
    );
}

/// The codes of one table the simulator serves.
async fn codigos(c: &Cliente, tabela: &str) -> Vec<String> {
    let r = c.get(&format!("tabelas-auxiliares/{tabela}")).await;
    ok(&r)["dados"]
        .as_array()
        .expect("dados")
        .iter()
        .map(|d| d["codigo"].as_str().expect("codigo").to_owned())
        .collect()
}

/// Each table-coded field of the solicitação, with codes its table does not hold: the reported
/// bug (`codigo_cor` `"1"` accepted when the table holds `"01"`), the same code as a JSON number,
/// an unpadded or over-padded code, and a code absent from the table.
#[tokio::test]
async fn solicitacao_recusa_codigo_fora_da_tabela_em_cada_campo() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    let v = veiculo(&sim, "apto — automóvel");
    let casos: [(&str, Value, &str); 14] = [
        ("codigo_cor", json!("1"), "consultar-cores"),
        ("codigo_cor", json!(4), "consultar-cores"),
        ("codigo_cor", json!("99"), "consultar-cores"),
        ("codigo_especie", json!("01"), "consultar-especies"),
        ("codigo_especie", json!(9), "consultar-especies"),
        ("codigo_combustivel", json!("2"), "consultar-combustiveis"),
        ("codigo_combustivel", json!("99"), "consultar-combustiveis"),
        ("codigo_tipo", json!("6"), "consultar-tipos"),
        ("codigo_tipo", json!("99"), "consultar-tipos"),
        ("categoria", json!(3), "consultar-categorias"),
        ("categoria", json!("01"), "consultar-categorias"),
        (
            "codigo_marca_modelo",
            json!("999999"),
            "consultar-marcas-modelos",
        ),
        ("codigo_carroceria", json!("103"), "consultar-carrocerias"),
        ("codigo_carroceria", json!(99), "consultar-carrocerias"),
    ];
    for (campo, valor, tabela) in &casos {
        let r = c.post(REGISTRAR, &solicitacao_com(&v, campo, valor)).await;
        recusa_de_tabela(&r, campo, tabela);
        assert!(
            codigos(&c, tabela)
                .await
                .iter()
                .all(|codigo| Value::String(codigo.clone()) != *valor),
            "{campo} {valor} is not a row of {tabela}"
        );
    }
    // The município de emplacamento keeps its business refusal.
    let r = c
        .post(
            REGISTRAR,
            &solicitacao_com(&v, "codigo_municipio_emplacamento", &json!("4124")),
        )
        .await;
    recusa(&r, "203");
    // Nothing was registered: the same solicitação with the table's own codes goes through.
    let valida = solicitacao_com(&v, "codigo_carroceria", &json!("999"));
    ok(&c.post(REGISTRAR, &valida).await);
}

/// Every row of every table the solicitação refers to is accepted, as the table writes it.
#[tokio::test]
async fn solicitacao_aceita_cada_codigo_das_tabelas_do_simulador() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    let v = veiculo(&sim, "apto — automóvel");
    for (campo, tabela) in [
        ("codigo_cor", "consultar-cores"),
        ("codigo_especie", "consultar-especies"),
        ("codigo_combustivel", "consultar-combustiveis"),
        ("codigo_tipo", "consultar-tipos"),
        ("categoria", "consultar-categorias"),
        ("codigo_marca_modelo", "consultar-marcas-modelos"),
        ("codigo_carroceria", "consultar-carrocerias"),
        (
            "codigo_municipio_emplacamento",
            "consultar-municipios-minas-gerais",
        ),
    ] {
        for codigo in codigos(&c, tabela).await {
            let sim = SimuladorCetMg::iniciar().await;
            let c = Cliente::novo(&sim).await;
            let r = c
                .post(REGISTRAR, &solicitacao_com(&v, campo, &json!(codigo)))
                .await;
            assert_eq!(r.1["codigo_retorno"], "000", "{campo} {codigo}: {}", r.1);
        }
    }
}

/// The processo de transferência carries `categoria` and `tipo_veiculo`: both are checked
/// against `consultar-categorias` and `consultar-tipos`.
#[tokio::test]
async fn processo_recusa_categoria_e_tipo_fora_da_tabela() {
    let sim = SimuladorCetMg::iniciar().await;
    let c = Cliente::novo(&sim).await;
    let v = veiculo(&sim, "em estoque — laudo emitido há 20 dias");
    for (campo, valor, tabela) in [
        ("categoria", json!(3), "consultar-categorias"),
        ("categoria", json!("02"), "consultar-categorias"),
        ("tipo_veiculo", json!("6"), "consultar-tipos"),
        ("tipo_veiculo", json!("99"), "consultar-tipos"),
    ] {
        let r = c
            .post(
                CRIAR_PROCESSO,
                &corpo_processo(
                    &v,
                    CPF_COMPRADOR,
                    &Value::Object([(campo.to_owned(), valor)].into_iter().collect()),
                ),
            )
            .await;
        recusa_de_tabela(&r, campo, tabela);
    }
    assert_eq!(sim.ocupacao().get("processos"), Some(&0));
    ok(&c
        .post(
            CRIAR_PROCESSO,
            &corpo_processo(&v, CPF_COMPRADOR, &json!({"categoria": 1})),
        )
        .await);
}
