//! Mutation campaign (stable toolchain, `docs/fuzz.md`) over every response decoder of the
//! CET-MG client and over its answer interpretation.
//!
//! * **Decoders:** every public response type of `src/operacoes/` decoded with
//!   `serde_json::from_slice` from mutated bodies. Seeds: the canned success bodies of the
//!   per-operation fixtures (`simulador::fixtures`) and, for the element types, the elements of
//!   those bodies; for `Recebido<T>` and `Identificador`, JSON strings and numbers.
//! * **Interpretation:** the same mutated bodies, with mutated statuses and headers, through the
//!   client's own path (`decodificar`: HTTP and WSO2 gateway errors, the `codigo_retorno`
//!   envelope, the decoding) via the hidden hook `ClienteCetMg::fuzz_interpretar` (feature
//!   `fuzz`), without a network; the `gerar-token` answer through `fuzz_ler_token`. Seeds also
//!   include every canned error body (`ErroFixture::TODOS`).
//!
//! Properties: no panic (a panic is a finding with its input); what decodes can be written with
//! `Debug` and `Serialize` and reads back as itself; no `Debug` or error text shows a full CPF
//! of the body (LGPD); the interpretation fails closed — success only for a 2xx whose
//! `codigo_retorno` is absent, `null`, `"000"` or `0`; a business error only for a 2xx with
//! another code, an answer the SDK does not understand for a 2xx with an unreadable code; an
//! error status is always an error; "outcome unknown" only for a state-changing operation
//! answered 5xx other than 503 (`renave_http::retry::outcome_unknown`).
//!
//! `RENAVE_FUZZ_ITERACOES` inputs per target (default [`PADRAO`]), `RENAVE_FUZZ_SEMENTE` the seed.
#![cfg(feature = "fuzz")]
#![allow(clippy::unwrap_used)]
// Tests: a failed unwrap is a failed test.
// The per-type checks share one signature, `fn(&T) -> Result<(), String>` (`T` may be a `Vec`).
#![allow(clippy::unnecessary_wraps, clippy::ptr_arg)]

use std::fmt::Debug;
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use renave_domain::ErroDominio;
use renave_domain::fuzz::{self, Campanha, Mutador, SementeResposta, Veredito};
use renave_http::{HttpResponse, Idempotency};
use renave_mg_client::operacoes::agenda::{DataComVaga, PeriodoAtendimento, RespostaAgendamento};
use renave_mg_client::operacoes::dae::{GuiaDae, RespostaEmitirGuiaDae};
use renave_mg_client::operacoes::estoque::{
    RespostaAptidaoVeiculoEstoque, RespostaConsultaSolicitacaoTransferencia,
};
use renave_mg_client::operacoes::protocolo_digital::{
    RespostaCriarProcesso, RespostaProtocoloRenave, VeiculoComunicacaoVenda,
};
use renave_mg_client::operacoes::tabelas_auxiliares::{ItemTabelaAuxiliar, RespostaTabelaAuxiliar};
use renave_mg_client::operacoes::vistoria::{
    RegiaoMunicipio, RespostaDistribuicao, RespostaUltimoLaudo,
};
use renave_mg_client::simulador::fixtures::{self, Corpo, ErroFixture};
use renave_mg_client::{
    Ambiente, ClienteCetMg, Erro, Identificador, Lista, Recebido, RespostaRetorno, Retorno,
};
use schemars::JsonSchema;
use secrecy::SecretString;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Inputs per target in `cargo test` (debug build).
const PADRAO: u64 = 500;

/// What a response type must offer to be fuzzed here.
trait Resposta: DeserializeOwned + Serialize + Debug + PartialEq + JsonSchema + 'static {}
impl<T: DeserializeOwned + Serialize + Debug + PartialEq + JsonSchema + 'static> Resposta for T {}

/// A seed naming every field of `T` (from its JSON Schema), also those the canned bodies omit.
fn esqueleto<T: JsonSchema>() -> Value {
    fuzz::esqueleto(&serde_json::to_value(schemars::schema_for!(T)).unwrap())
}

fn garantir(condicao: bool, mensagem: impl FnOnce() -> String) -> Result<(), String> {
    if condicao { Ok(()) } else { Err(mensagem()) }
}

/// The checks of a decoded value: `Debug` without a CPF of the body, `Serialize`, and the JSON
/// it writes reads back as itself.
fn checar_decodificado<T: Resposta>(v: &T, entrada: &str) -> Result<(), String> {
    fuzz::sem_cpf_vazado("Debug", entrada, &format!("{v:?}"))?;
    fuzz::sem_cpf_vazado("Debug (pretty)", entrada, &format!("{v:#?}"))?;
    let escrito = serde_json::to_vec(v).map_err(|e| format!("Serialize failed: {e}"))?;
    let lido = match serde_json::from_slice::<T>(&escrito) {
        Ok(lido) => lido,
        // A value read at nesting depth 128 may be written a level or two deeper (a single
        // object answer becomes a list): serde_json's reader limit, not a decoding fault.
        Err(e) if e.to_string().starts_with("recursion limit exceeded") => return Ok(()),
        Err(e) => {
            return Err(format!(
                "what Serialize wrote does not read back ({e}): {}",
                String::from_utf8_lossy(&escrito)
            ));
        }
    };
    if &lido == v {
        return Ok(());
    }
    let repetida = fuzz::chave_repetida(&escrito)
        .map(|chave| format!("key {chave:?} twice; "))
        .unwrap_or_default();
    Err(format!(
        "{repetida}what Serialize wrote reads back differently: {}",
        String::from_utf8_lossy(&escrito)
    ))
}

/// `serde_json::from_slice::<T>` of one body, with the checks of a decoded value.
fn verificar_tipo<T: Resposta>(corpo: &[u8], extra: fn(&T) -> Result<(), String>) -> Veredito {
    match serde_json::from_slice::<T>(corpo) {
        Ok(v) => {
            checar_decodificado(&v, &fuzz::texto_da_entrada(corpo))?;
            extra(&v)?;
            Ok(true)
        }
        Err(e) => {
            let _ = e.to_string();
            Ok(false)
        }
    }
}

// --------------------------------------------------------------------------------- inputs

fn de_fixture(status: u16, corpo: &Corpo) -> SementeResposta {
    match corpo {
        Corpo::Json(v) => SementeResposta::json(status, v.clone()),
        Corpo::Texto { conteudo, .. } => SementeResposta::bruta(status, conteudo.as_bytes()),
        _ => SementeResposta::bruta(status, Vec::new()),
    }
}

/// The seeds of an operation: its canned success body and every canned error.
fn sementes_da_operacao<T: JsonSchema>(op: &fixtures::Operacao) -> Vec<SementeResposta> {
    let mut sementes = vec![SementeResposta::json(
        op.status_sucesso(),
        op.corpo_sucesso(),
    )];
    let mut esqueleto = esqueleto::<T>();
    if let Some(o) = esqueleto.as_object_mut() {
        o.insert("codigo_retorno".to_owned(), json!("000"));
    }
    sementes.push(SementeResposta::json(op.status_sucesso(), esqueleto));
    for erro in ErroFixture::TODOS {
        let f = op.erro(erro);
        sementes.push(de_fixture(f.status(), f.corpo()));
    }
    sementes.push(SementeResposta::json(
        200,
        json!({"codigo_retorno": 0, "mensagem_retorno": "CPF 529.982.247-25 ok"}),
    ));
    sementes.push(SementeResposta::json(
        200,
        json!({"fault": {"code": 900_901, "message": "Invalid Credentials"}}),
    ));
    sementes
}

// ---------------------------------------------------------------------------- interpretation

fn cliente() -> ClienteCetMg {
    ClienteCetMg::builder()
        .ambiente(Ambiente::Local("http://127.0.0.1:9/".parse().unwrap()))
        .credenciais(SecretString::from("chave"), SecretString::from("segredo"))
        .build()
        .unwrap()
}

/// Whether the body's `codigo_retorno` lets an answer be a success: absent, `null`, a string
/// that is `"000"` once trimmed, or the integer 0. Anything else is a code the SDK does not
/// understand as success.
fn codigo_de_sucesso(corpo: &[u8]) -> bool {
    let valor: Value = if corpo.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        match serde_json::from_slice(corpo) {
            Ok(v) => v,
            Err(_) => return false,
        }
    };
    match valor.get("codigo_retorno") {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim() == "000",
        Some(Value::Number(n)) => n.as_u64() == Some(0),
        Some(_) => false,
    }
}

/// Whether the default contract expects the `codigo_retorno` envelope in the success answer
/// of `operacao` (every operation but `gerar-token` and the Protocolo Digital's, R §7).
fn espera_envelope(operacao: &str) -> bool {
    ![
        "gerar_token",
        "criar_processo_transferencia",
        "recuperar_protocolo_renave",
        "regularizar_pendencia_renave",
        "upload_documento_ficha_cadastro",
        "listar_veiculos_comunicacao_venda",
    ]
    .contains(&operacao)
}

/// The interpretation of one answer by the client's own path, with the fail-closed and privacy
/// checks (see the module docs).
fn verificar_interpretacao<T: Resposta>(
    cliente: &ClienteCetMg,
    operacao: &str,
    idempotencia: Idempotency,
    status: u16,
    corpo: &[u8],
    retry_after: Option<&str>,
) -> Veredito {
    let mut cabecalhos = vec![("content-type", "application/json")];
    if let Some(r) = retry_after {
        cabecalhos.push(("retry-after", r));
    }
    let resp = HttpResponse::from_parts(status, &cabecalhos, corpo.to_vec())
        .or_else(|_| HttpResponse::from_parts(status, &[], corpo.to_vec()))
        .map_err(|e| format!("HttpResponse::from_parts: {e}"))?;
    let entrada = format!(
        "{} {}",
        fuzz::texto_da_entrada(corpo),
        retry_after.unwrap_or_default()
    );
    let sucesso_http = (200..300).contains(&status);
    let aceita = match cliente.fuzz_interpretar::<T>(operacao, idempotencia, &resp) {
        Ok(v) => {
            garantir(sucesso_http, || format!("HTTP {status} became a success"))?;
            // Fail closed (D11): where the envelope is expected, an object answer without
            // its `codigo_retorno` is never a success.
            let objeto_sem_codigo = serde_json::from_slice::<Value>(corpo)
                .ok()
                .and_then(|v| {
                    v.as_object()
                        .map(|o| !o.contains_key("codigo_retorno") || o["codigo_retorno"].is_null())
                })
                .unwrap_or(false);
            garantir(!(espera_envelope(operacao) && objeto_sem_codigo), || {
                "fail-open: an answer without codigo_retorno became a success".to_owned()
            })?;
            garantir(!corpo.iter().all(u8::is_ascii_whitespace), || {
                "fail-open: an empty body became a success".to_owned()
            })?;
            if !codigo_de_sucesso(corpo) {
                let codigo = serde_json::from_slice::<Value>(corpo)
                    .ok()
                    .and_then(|v| v.get("codigo_retorno").cloned());
                return Err(format!(
                    "fail-open: a codigo_retorno other than \"000\" became a success: {codigo:?}"
                ));
            }
            checar_decodificado(&v, &entrada)?;
            true
        }
        Err(e) => {
            fuzz::sem_cpf_vazado("the error's Display", &entrada, &e.to_string())?;
            fuzz::sem_cpf_vazado("the error's Debug", &entrada, &format!("{e:?}"))?;
            let mut fonte = std::error::Error::source(&e);
            while let Some(f) = fonte {
                fuzz::sem_cpf_vazado("an error source", &entrada, &f.to_string())?;
                fonte = f.source();
            }
            match &e {
                Erro::Negocio { codigo_retorno, .. } => {
                    garantir(sucesso_http, || format!("Negocio for HTTP {status}"))?;
                    garantir(codigo_retorno != "000", || "Negocio with 000".to_owned())?;
                }
                Erro::Http { .. } | Erro::Gateway { .. } => {
                    garantir(!sucesso_http, || format!("{e:?} for HTTP {status}"))?;
                }
                Erro::RespostaInvalida { .. } => {
                    garantir(sucesso_http, || {
                        format!("RespostaInvalida for HTTP {status}")
                    })?;
                }
                Erro::RespostaNaoReconhecida {
                    resultado_incerto, ..
                } => {
                    garantir(sucesso_http, || {
                        format!("RespostaNaoReconhecida for HTTP {status}")
                    })?;
                    garantir(
                        *resultado_incerto == (idempotencia == Idempotency::StateChanging),
                        || {
                            "an unrecognised answer's outcome is unknown exactly when the request is state-changing".to_owned()
                        },
                    )?;
                }
                outro => return Err(format!("unexpected error kind {outro:?}")),
            }
            garantir(
                !e.resultado_incerto()
                    || renave_http::retry::outcome_unknown(idempotencia, status)
                    || matches!(e, Erro::RespostaNaoReconhecida { .. }),
                || format!("outcome unknown for HTTP {status}, {idempotencia:?}"),
            )?;
            garantir(!e.is_retryable() || !sucesso_http, || {
                format!("a 2xx answer is retryable: {e:?}")
            })?;
            false
        }
    };
    Ok(aceita)
}

/// The campaign of one operation: its response type `T` decoded directly and through the
/// client's interpretation, from its own seeds.
fn campanha_operacao<T: Resposta>(op: &fixtures::Operacao, extra: fn(&T) -> Result<(), String>) {
    let alvo = format!("{} -> {}", op.nome(), std::any::type_name::<T>());
    let semente = fuzz::semente_do_alvo(fuzz::semente(), op.nome());
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(&alvo, semente);
    let cliente = cliente();
    let sementes = sementes_da_operacao::<T>(op);
    let endpoint = op.endpoint();
    for (i, s) in sementes.iter().enumerate() {
        corrida.testar(i as u64, &s.corpo, || {
            verificar_tipo::<T>(&s.corpo, extra)?;
            verificar_interpretacao::<T>(
                &cliente,
                endpoint.name,
                endpoint.idempotency,
                s.status,
                &s.corpo,
                None,
            )
        });
    }
    // The canned success answer itself must be a success.
    let sucesso = &sementes[0];
    let resp = HttpResponse::from_parts(sucesso.status, &[], sucesso.corpo.clone()).unwrap();
    assert!(
        cliente
            .fuzz_interpretar::<T>(endpoint.name, endpoint.idempotency, &resp)
            .is_ok(),
        "the canned success answer of {} is not a success",
        op.nome()
    );
    for i in 0..fuzz::iteracoes(PADRAO) {
        let (status, corpo, retry_after) = mutador.resposta(&sementes);
        let entrada = format!("HTTP {status}, Retry-After {retry_after:?}, body ");
        let mut descricao = entrada.into_bytes();
        descricao.extend_from_slice(&corpo);
        corrida.testar(i, &descricao, || {
            verificar_tipo::<T>(&corpo, extra)?;
            verificar_interpretacao::<T>(
                &cliente,
                endpoint.name,
                endpoint.idempotency,
                status,
                &corpo,
                retry_after.as_deref(),
            )
        });
    }
    corrida.concluir();
}

/// The campaign of a type decoded on its own (`serde_json::from_slice`), from JSON seeds.
fn campanha_tipo<T: Resposta>(nome: &str, sementes: &[Value], extra: fn(&T) -> Result<(), String>) {
    let semente = fuzz::semente_do_alvo(fuzz::semente(), nome);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(nome, semente);
    let mut sementes = sementes.to_vec();
    sementes.push(esqueleto::<T>());
    let sementes = sementes.as_slice();
    for i in 0..fuzz::iteracoes(PADRAO) {
        let base = mutador.escolher(sementes).unwrap().clone();
        let corpo = mutador.json(&base, sementes);
        corrida.testar(i, &corpo, || verificar_tipo::<T>(&corpo, extra));
    }
    corrida.concluir();
}

/// Like [`campanha_tipo`] without the privacy check of `Debug`: no panic, and what decodes is
/// written and read back as itself.
fn campanha_tipo_sem_privacidade<T: Resposta>(nome: &str, sementes: &[Value]) {
    let semente = fuzz::semente_do_alvo(fuzz::semente(), nome);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(nome, semente);
    for i in 0..fuzz::iteracoes(PADRAO) {
        let base = mutador.escolher(sementes).unwrap().clone();
        let corpo = mutador.json(&base, sementes);
        corrida.testar(i, &corpo, || match serde_json::from_slice::<T>(&corpo) {
            Ok(v) => {
                let _ = format!("{v:?}");
                let escrito = serde_json::to_vec(&v).map_err(|e| e.to_string())?;
                let lido = serde_json::from_slice::<T>(&escrito).map_err(|e| e.to_string())?;
                garantir(lido == v, || format!("{v:?} reads back as {lido:?}"))?;
                Ok(true)
            }
            Err(_) => Ok(false),
        });
    }
    corrida.concluir();
}

fn nada<T>(_: &T) -> Result<(), String> {
    Ok(())
}

fn op(nome: &str) -> &'static fixtures::Operacao {
    fixtures::por_nome(nome).unwrap_or_else(|| panic!("no fixture {nome}"))
}

/// The array elements found anywhere in the canned success body of `operacao`.
fn elementos(operacao: &str) -> Vec<Value> {
    fn coletar(v: &Value, saida: &mut Vec<Value>) {
        match v {
            Value::Array(a) => saida.extend(a.iter().cloned()),
            Value::Object(m) => m.values().for_each(|x| coletar(x, saida)),
            _ => {}
        }
    }
    let mut saida = Vec::new();
    coletar(&op(operacao).corpo_sucesso(), &mut saida);
    saida
}

// ----------------------------------------------------------------------------- operations

#[test]
fn fuzz_gerar_token() {
    // `gerar-token`: the body through the interpretation (as `Value`), then what the token
    // reading keeps: lifetime within a year, renewal between issue and expiry.
    let o = op("gerar_token");
    let alvo = "gerar_token (interpretation and token reading)";
    let semente = fuzz::semente_do_alvo(fuzz::semente(), alvo);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(alvo, semente);
    let cliente = cliente();
    let jwt = |exp: &str| {
        use base64::Engine as _;
        let payload =
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{{\"exp\":{exp}}}"));
        format!("eyJhbGciOiJub25lIn0.{payload}.assinatura")
    };
    let mut sementes = sementes_da_operacao::<Value>(o);
    for exp in [
        "4102444800",
        "1e400",
        "-1",
        "1.5e10",
        "18446744073709551615",
        "0",
    ] {
        sementes.push(SementeResposta::json(
            200,
            json!({"access_token": jwt(exp)}),
        ));
    }
    sementes.push(SementeResposta::json(
        200,
        json!({"dados": {"token": "Bearer abc", "expires_in": "60"}}),
    ));
    sementes.push(SementeResposta::json(200, json!("eyJ.eyJ.sig")));
    let obtido = SystemTime::UNIX_EPOCH + Duration::from_secs(1_780_000_000);
    for i in 0..fuzz::iteracoes(PADRAO) {
        let (status, corpo, _) = mutador.resposta(&sementes);
        corrida.testar(i, &corpo, || {
            let resp = HttpResponse::from_parts(status, &[], corpo.clone()).unwrap();
            let Ok(valor) =
                cliente.fuzz_interpretar::<Value>(o.nome(), o.endpoint().idempotency, &resp)
            else {
                return Ok(false);
            };
            let Some((tamanho, validade, expira, renovar)) = cliente.fuzz_ler_token(&valor, obtido)
            else {
                return Ok(false);
            };
            garantir(tamanho > 0, || "an empty token was kept".to_owned())?;
            garantir(validade <= Duration::from_secs(365 * 24 * 3600), || {
                format!("lifetime {validade:?} above a year")
            })?;
            garantir(obtido <= renovar && renovar <= expira, || {
                format!("renewal {renovar:?} outside [{obtido:?}, {expira:?}]")
            })?;
            Ok(true)
        });
    }
    corrida.concluir();
}

/// An aptidão answer lets a vehicle proceed only when it carried the success code and
/// reported every blocking item absent in a form the SDK understands (issue 12: fail closed —
/// a missing, renamed or odd item is never apto).
fn checar_aptidao(r: &RespostaAptidaoVeiculoEstoque) -> Result<(), String> {
    let avaliacao = r.avaliacao();
    let ausentes = [
        &r.laudo_csv_em_aberto,
        &r.reserva_dominio,
        &r.gravame,
        &r.pendencias_trlav,
        &r.pendencias_ipva,
        &r.pendencias_dpvat,
        &r.impedimentos_cadastrais,
        &r.recall_pendente,
        &r.estampagem_em_aberto,
        &r.observacoes_impeditivas_laudo,
    ]
    .iter()
    .all(|item| item.as_ref().and_then(Recebido::valido) == Some(&false))
        && r.multas_exigiveis.as_ref().and_then(Recebido::valido) == Some(&0);
    let sucesso = r.retorno.codigo_retorno.as_deref() == Some("000");
    garantir(avaliacao.pode_prosseguir() == (ausentes && sucesso), || {
        format!(
            "may proceed = {}, but every blocking item read absent = {ausentes} and success code = {sucesso}",
            avaliacao.pode_prosseguir()
        )
    })
}

fn checar_dae(r: &RespostaEmitirGuiaDae) -> Result<(), String> {
    for guia in &r.guias {
        let _ = (guia.pdf(), guia.mensagens());
    }
    Ok(())
}

fn checar_laudo(r: &RespostaUltimoLaudo) -> Result<(), String> {
    // Fail closed (issue 12): valid only with a readable issue date at most 120 days before.
    for referencia in ["2026-11-02", "2027-03-02", "0001-01-01", "9999-12-31"] {
        let v = r.validade_em(referencia.parse().unwrap());
        let legivel = r
            .data_emissao
            .as_ref()
            .is_some_and(renave_domain::Recebido::is_valido);
        garantir(!v.is_valido() || legivel, || {
            format!("laudo valid on {referencia} without a readable issue date")
        })?;
        garantir(legivel || v.is_indeterminado(), || {
            format!("not indeterminado on {referencia} without a readable issue date")
        })?;
    }
    Ok(())
}

fn checar_tabela(r: &RespostaTabelaAuxiliar) -> Result<(), String> {
    for item in &r.dados {
        let _ = (item.codigo(), item.descricao());
    }
    Ok(())
}

macro_rules! operacoes {
    ($($teste:ident: $nome:literal => $tipo:ty, $extra:expr;)+) => {
        $(
            #[test]
            fn $teste() {
                campanha_operacao::<$tipo>(op($nome), $extra);
            }
        )+

        /// Every operation of the fixtures has a campaign here (one test each, above).
        #[test]
        fn toda_operacao_tem_campanha() {
            let aqui = ["gerar_token", $($nome),+];
            for o in fixtures::todas() {
                assert!(aqui.contains(&o.nome()), "no campaign for {}", o.nome());
            }
        }
    };
}

operacoes! {
    fuzz_consultar_aptidao_veiculo_estoque: "consultar_aptidao_veiculo_estoque" => RespostaAptidaoVeiculoEstoque, checar_aptidao;
    fuzz_consultar_solicitacao_transferencia: "consultar_solicitacao_transferencia" => RespostaConsultaSolicitacaoTransferencia, nada;
    fuzz_registrar_solicitacao_transferencia: "registrar_solicitacao_transferencia" => RespostaRetorno, nada;
    fuzz_registrar_comunicacao_venda_entrada_estoque: "registrar_comunicacao_venda_entrada_estoque" => RespostaRetorno, nada;
    fuzz_registrar_comunicacao_venda_saida_estoque: "registrar_comunicacao_venda_saida_estoque" => RespostaRetorno, nada;
    fuzz_emitir_guia_dae: "emitir_guia_dae" => RespostaEmitirGuiaDae, checar_dae;
    fuzz_consultar_distribuicao_ativa: "consultar_distribuicao_ativa" => RespostaDistribuicao, nada;
    fuzz_consultar_ultimo_laudo: "consultar_ultimo_laudo" => RespostaUltimoLaudo, checar_laudo;
    fuzz_retornar_regioes_municipio: "retornar_regioes_municipio" => Lista<RegiaoMunicipio>, nada;
    fuzz_distribuir_veiculo_ecv: "distribuir_veiculo_ecv" => RespostaDistribuicao, nada;
    fuzz_consultar_agendamento: "consultar_agendamento" => RespostaAgendamento, nada;
    fuzz_retornar_datas_com_vagas: "retornar_datas_com_vagas" => Lista<DataComVaga>, nada;
    fuzz_retornar_periodos_atendimento: "retornar_periodos_atendimento" => Lista<PeriodoAtendimento>, nada;
    fuzz_gravar_agendamento: "gravar_agendamento" => RespostaRetorno, nada;
    fuzz_criar_processo_transferencia: "criar_processo_transferencia" => RespostaCriarProcesso, nada;
    fuzz_recuperar_protocolo_renave: "recuperar_protocolo_renave" => RespostaProtocoloRenave, nada;
    fuzz_regularizar_pendencia_renave: "regularizar_pendencia_renave" => RespostaRetorno, nada;
    fuzz_upload_documento_ficha_cadastro: "upload_documento_ficha_cadastro" => RespostaRetorno, nada;
    fuzz_listar_veiculos_comunicacao_venda: "listar_veiculos_comunicacao_venda" => Lista<VeiculoComunicacaoVenda>, nada;
    fuzz_consultar_carrocerias: "consultar_carrocerias" => RespostaTabelaAuxiliar, checar_tabela;
    fuzz_consultar_categorias: "consultar_categorias" => RespostaTabelaAuxiliar, checar_tabela;
    fuzz_consultar_combustiveis: "consultar_combustiveis" => RespostaTabelaAuxiliar, checar_tabela;
    fuzz_consultar_cores: "consultar_cores" => RespostaTabelaAuxiliar, checar_tabela;
    fuzz_consultar_especies: "consultar_especies" => RespostaTabelaAuxiliar, checar_tabela;
    fuzz_consultar_marcas_modelos: "consultar_marcas_modelos" => RespostaTabelaAuxiliar, checar_tabela;
    fuzz_consultar_municipios_mg: "consultar_municipios_mg" => RespostaTabelaAuxiliar, checar_tabela;
    fuzz_consultar_tipos_veiculo: "consultar_tipos_veiculo" => RespostaTabelaAuxiliar, checar_tabela;
}

// -------------------------------------------------------------------- element and field types

#[test]
fn fuzz_guia_dae() {
    let mut guia = op("emitir_guia_dae").corpo_sucesso();
    guia.as_object_mut().unwrap().remove("codigo_retorno");
    campanha_tipo::<GuiaDae>("GuiaDae", &[guia], nada);
}

#[test]
fn fuzz_elementos_de_lista() {
    campanha_tipo::<RegiaoMunicipio>(
        "RegiaoMunicipio",
        &elementos("retornar_regioes_municipio"),
        nada,
    );
    campanha_tipo::<DataComVaga>("DataComVaga", &elementos("retornar_datas_com_vagas"), nada);
    campanha_tipo::<PeriodoAtendimento>(
        "PeriodoAtendimento",
        &elementos("retornar_periodos_atendimento"),
        nada,
    );
    campanha_tipo::<VeiculoComunicacaoVenda>(
        "VeiculoComunicacaoVenda",
        &elementos("listar_veiculos_comunicacao_venda"),
        nada,
    );
    campanha_tipo::<ItemTabelaAuxiliar>(
        "ItemTabelaAuxiliar",
        &elementos("consultar_municipios_mg"),
        |item| {
            let _ = (item.codigo(), item.descricao());
            Ok(())
        },
    );
}

#[test]
fn fuzz_envelope_e_identificador() {
    let envelopes = [
        json!({"codigo_retorno": "000", "mensagem_retorno": "ok"}),
        json!({"codigo_retorno": 101, "mensagem": "CPF 52998224725 com pendência"}),
        json!({}),
    ];
    campanha_tipo::<Retorno>("Retorno", &envelopes, |r| {
        let _ = (r.mensagem(), r.codigo());
        Ok(())
    });
    // `Identificador`'s own `Debug` shows its value (an id); the responses that hold one mask
    // it in theirs, which the operation campaigns check.
    campanha_tipo_sem_privacidade::<Identificador>(
        "Identificador",
        &[
            json!(77),
            json!("2026000123"),
            json!(18_446_744_073_709_551_615_u64),
        ],
    );
}

/// `Recebido<T>` of one domain type: decodes from any JSON value, `valor()` never panics and
/// agrees with what was kept (typed, or a raw text `T` refuses); for a personal document
/// (`pessoal`), its `Debug` shows no CPF of the input. The other types' own `Debug` shows the
/// value (a chassi that looks like a CPF is still a chassi); the responses that hold them mask
/// CPF-like runs in theirs, which the operation campaigns check.
fn campo<T>(nome: &str, sementes: &[Value], pessoal: bool)
where
    T: FromStr<Err = ErroDominio> + Resposta + renave_domain::LeituraTolerante,
{
    fn coerente<T: FromStr<Err = ErroDominio> + DeserializeOwned>(
        c: &Recebido<T>,
    ) -> Result<(), String> {
        garantir(c.valor().is_ok() == c.is_valido(), || {
            "valor() disagrees with is_valido()".to_owned()
        })?;
        if let Some(bruto) = c.bruto() {
            garantir(
                serde_json::from_value::<T>(Value::String(bruto.to_owned())).is_err(),
                || "a raw text the domain rule accepts".to_owned(),
            )?;
        }
        Ok(())
    }
    if pessoal {
        campanha_tipo::<Recebido<T>>(nome, sementes, coerente::<T>);
    } else {
        campanha_tipo_sem_privacidade::<Recebido<T>>(nome, sementes);
    }
}

#[test]
fn fuzz_campos_recebidos() {
    use renave_domain::{
        Cep, Chassi, Cnpj, CodigoMunicipio, CodigoMunicipioIbge, CpfCnpj, Data, DataHora,
        LinhaDigitavel, PixCopiaECola, Placa, Renavam, Uf, Valor,
    };
    campo::<Placa>(
        "Recebido<Placa>",
        &[json!(fixtures::PLACA), json!("ABC-1234")],
        false,
    );
    campo::<Renavam>(
        "Recebido<Renavam>",
        &[json!(fixtures::RENAVAM), json!(17_058_862_280_u64)],
        false,
    );
    campo::<CpfCnpj>(
        "Recebido<CpfCnpj>",
        &[
            json!(fixtures::CPF_COMPRADOR),
            json!(fixtures::CNPJ_ESTABELECIMENTO),
            json!(52_998_224_725_u64),
        ],
        true,
    );
    campo::<Cnpj>("Recebido<Cnpj>", &[json!(fixtures::CNPJ_ECV)], true);
    campo::<Cep>(
        "Recebido<Cep>",
        &[json!("30130-010"), json!(30_130_010)],
        false,
    );
    campo::<Uf>("Recebido<Uf>", &[json!("MG")], false);
    campo::<CodigoMunicipioIbge>(
        "Recebido<CodigoMunicipioIbge>",
        &[json!(fixtures::CODIGO_IBGE_MUNICIPIO), json!(3_106_200)],
        false,
    );
    campo::<CodigoMunicipio>(
        "Recebido<CodigoMunicipio>",
        &[json!(fixtures::CODIGO_MUNICIPIO), json!(4123)],
        true,
    );
    campo::<LinhaDigitavel>(
        "Recebido<LinhaDigitavel>",
        &[json!(fixtures::LINHA_DIGITAVEL)],
        true,
    );
    campo::<PixCopiaECola>(
        "Recebido<PixCopiaECola>",
        &[json!(fixtures::PIX_COPIA_E_COLA)],
        true,
    );
    campo::<Valor>(
        "Recebido<Valor>",
        &[json!(150.55), json!("R$ 1.234,56"), json!(100)],
        false,
    );
    campo::<Data>("Recebido<Data>", &[json!(fixtures::DATA_LAUDO)], false);
    campo::<DataHora>("Recebido<DataHora>", &[json!("2026-11-20T10:00:00")], false);
    campo::<Chassi>(
        "Recebido<Chassi>",
        &[json!(fixtures::CHASSI), json!("BJ123456")],
        false,
    );
}

// ------------------------------------------------------ findings of the campaign, fixed

/// The inputs of finding MG1 (fixed: `decodificar` in `src/client.rs` refuses a
/// `codigo_retorno` it cannot read, and `Lista`'s single-array rule in `src/operacoes/mod.rs`
/// never takes the envelope's fields for the list), pinned: each is refused as an answer the
/// SDK does not understand.
#[test]
fn regressao_mg1_codigo_retorno_nao_textual_nao_e_sucesso() {
    let cliente = cliente();
    let casos = [
        r#"{"codigo_retorno":-1,"mensagem_retorno":"CPF 529.982.247-25 ok"}"#,
        r#"{"codigo_retorno":false,"mensagem_retorno":"x"}"#,
        r#"{"codigo_retorno":true}"#,
        r#"{"codigo_retorno":1.0}"#,
        r#"{"codigo_retorno":0.001}"#,
        r#"{"codigo_retorno":-9223372036854775808}"#,
    ];
    for corpo in casos {
        let resp = HttpResponse::from_parts(200, &[], corpo).unwrap();
        let r = cliente.fuzz_interpretar::<RespostaRetorno>(
            "registrar_solicitacao_transferencia",
            Idempotency::StateChanging,
            &resp,
        );
        assert!(
            matches!(&r, Err(Erro::RespostaInvalida { motivo, .. }) if motivo.contains("codigo_retorno")),
            "{corpo}: {r:?}"
        );
    }
    // A list answer whose only array is `codigo_retorno` is not a list.
    for corpo in [
        r#"{"codigo_retorno":[],"mensagem_retorno":"x"}"#,
        r#"{"codigo_retorno":"100","codigo_retorno":[]}"#,
    ] {
        let resp = HttpResponse::from_parts(200, &[], corpo).unwrap();
        let r = cliente.fuzz_interpretar::<RespostaTabelaAuxiliar>(
            "consultar_especies",
            Idempotency::Idempotent,
            &resp,
        );
        assert!(r.is_err(), "{corpo} is a success: {r:?}");
    }
}

/// The inputs of finding MG2 (fixed: the errors' `Display` and `Debug` mask the codes and
/// `Retry-After`, `src/erro.rs`), pinned: no error text shows the CPF.
#[test]
fn regressao_mg2_cpf_no_codigo_nao_aparece_no_erro() {
    let cliente = cliente();
    for (status, retry_after, corpo) in [
        (
            200,
            "1",
            r#"{"codigo_retorno":"52998224725","mensagem_retorno":"x"}"#,
        ),
        (200, "1", r#"{"codigo_retorno":"CPF 529.982.247-25 ok"}"#),
        (409, "1", r#"{"codigo_retorno":"52998224725"}"#),
        (
            401,
            "1",
            r#"{"fault":{"code":"52998224725","message":"x"}}"#,
        ),
        (429, "52998224725", r#"{"codigo_retorno":"429"}"#),
    ] {
        let resp =
            HttpResponse::from_parts(status, &[("retry-after", retry_after)], corpo).unwrap();
        let e = cliente
            .fuzz_interpretar::<RespostaRetorno>(
                "gravar_agendamento",
                Idempotency::StateChanging,
                &resp,
            )
            .unwrap_err();
        for texto in [e.to_string(), format!("{e:?}")] {
            assert!(!texto.contains("52998224725"), "{corpo}: {texto}");
            assert!(!texto.contains("529.982.247-25"), "{corpo}: {texto}");
        }
    }
}

/// The input of finding MG3 (fixed in `Lista`'s `Deserialize`, `src/operacoes/mod.rs`), pinned: a list answer whose `dados` is not an array
/// (the list came from another field, its only array) is refused (`dados` is where the list is
/// written back, so another value there cannot be kept); with `dados: null` the list is read
/// from the other field and written with `dados` once, reading back as itself.
#[test]
fn regressao_mg3_lista_escreve_dados_uma_vez() {
    let corpo = r#"{"codigo_retorno":"000","dados":{},"itens_x":[{"codigo":"1","descricao":"A"}]}"#;
    assert!(serde_json::from_str::<RespostaTabelaAuxiliar>(corpo).is_err());
    let corpo =
        r#"{"codigo_retorno":"000","dados":null,"itens_x":[{"codigo":"1","descricao":"A"}]}"#;
    let lido: RespostaTabelaAuxiliar = serde_json::from_str(corpo).unwrap();
    assert_eq!(lido.dados.len_recebido(), 1);
    let escrito = serde_json::to_string(&lido).unwrap();
    assert_eq!(fuzz::chave_repetida(escrito.as_bytes()), None, "{escrito}");
    let relido: RespostaTabelaAuxiliar = serde_json::from_str(&escrito).unwrap();
    assert_eq!(relido, lido, "{escrito}");
}
