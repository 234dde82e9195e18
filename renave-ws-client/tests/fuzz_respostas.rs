//! Mutation campaign (stable toolchain, `docs/fuzz.md`) over every response decoder of the
//! Renave-WS client and over its answer interpretation.
//!
//! * **Decoders:** every public response type of `src/operacoes/` and `src/modelos.rs` decoded
//!   with `serde_json::from_slice` from mutated bodies. Seeds: the canned success bodies of the
//!   per-operation fixtures (`simulador::fixtures`), the objects nested in them, and a skeleton
//!   naming every field of the type (from its JSON Schema).
//! * **Interpretation:** the same mutated bodies, with mutated statuses and headers, through the
//!   client's own path — an error status read as `enviar` does (`Erro::de_resposta`:
//!   `Http`, or `Negocio` for a 422, with the SERPRO/Spring error body), a 2xx answer decoded
//!   by `decodificar` — via the hidden hook
//!   `ClienteRenaveWs::fuzz_interpretar` (feature `fuzz`), without a network. Seeds also include
//!   every canned error body (`ErroFixture::TODOS`). [`hook_igual_ao_caminho_real`] checks,
//!   through a local wiremock server, that the hook answers as the real client does.
//!
//! Properties: no panic (a panic is a finding with its input); what decodes can be written with
//! `Debug` and `Serialize` and reads back as itself; no `Debug` or error text shows a full CPF
//! of the body (LGPD); an error status is always an error that keeps its status and a readable
//! `Retry-After`; "outcome unknown" only for a state-changing operation answered 5xx other
//! than 503 (`renave_http::retry::outcome_unknown`); a 2xx answer is never "retryable" nor
//! "outcome unknown".
//!
//! `RENAVE_FUZZ_ITERACOES` inputs per target (default [`PADRAO`]), `RENAVE_FUZZ_SEMENTE` the seed.
#![cfg(feature = "fuzz")]
#![allow(clippy::unwrap_used)]
// Tests: a failed unwrap is a failed test.
// The per-type checks share one signature, `fn(&T) -> Result<(), String>` (`T` may be a `Vec`).
#![allow(clippy::unnecessary_wraps, clippy::ptr_arg)]

use std::fmt::Debug;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use renave_domain::fuzz::{self, Campanha, Entrada as _, Mutador, SementeResposta, Veredito};
use renave_domain::{Cep, Chassi, ChaveNfe, Cnpj, CodigoMunicipio, Cpf, CpfCnpj, Placa, Renavam};
use renave_http::{HttpResponse, Idempotency};
use renave_ws_client::modelos::{
    AutorizacaoTransferencia, CancelamentoEntrega, CancelamentoEstoque, CancelamentoSaidaEstoque,
    CompradorResposta, Crlve, DocumentoBase64, DocumentoPessoa, Endereco, EntradaEstoque, Entrega,
    Estoque, IdAtpv, IdAutorizacao, IdEntrega, IdEstoque, Municipio, OrigemPorCancelamentoEstoque,
    PdfAtpv, RealizacaoEntrega, Recebido, RestricaoEstoque, RestricaoVeiculo, SaidaEstoque,
    TermoEntradaEstoque, TermoSaidaEstoque,
};
use renave_ws_client::operacoes::usados::{
    AptidaoVeiculoEstoque, AssinaturaAtpv, AutorizacaoTransferenciaAptidao, BoletoDebito,
    ClienteAutenticado, DiagnosticoAptidao, InformacoesDebitos, VeiculoAptidao, VeiculoRenave,
};
use renave_ws_client::operacoes::zero_km::VeiculoZeroKmPendente;
use renave_ws_client::simulador::fixtures::{self, Corpo, ErroFixture};
use renave_ws_client::{Ambiente, ClienteRenaveWs, Erro, RetryPolicy};
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Inputs per target in `cargo test` (debug build).
const PADRAO: u64 = 300;

/// What a response type must offer to be fuzzed here.
trait Resposta: DeserializeOwned + Serialize + Debug + PartialEq + JsonSchema + 'static {}
impl<T: DeserializeOwned + Serialize + Debug + PartialEq + JsonSchema + 'static> Resposta for T {}

fn garantir(condicao: bool, mensagem: impl FnOnce() -> String) -> Result<(), String> {
    if condicao { Ok(()) } else { Err(mensagem()) }
}

/// A seed naming every field of `T` (from its JSON Schema), also those the canned bodies omit.
fn esqueleto<T: JsonSchema>() -> Value {
    fuzz::esqueleto(&serde_json::to_value(schemars::schema_for!(T)).unwrap())
}

/// The checks of a decoded value: `Debug` without a CPF of the body, `Serialize`, and the JSON
/// it writes reads back as itself.
fn checar_decodificado<T: Resposta>(v: &T, entrada: &str) -> Result<(), String> {
    fuzz::sem_cpf_vazado("Debug", entrada, &format!("{v:?}"))?;
    fuzz::sem_cpf_vazado("Debug (pretty)", entrada, &format!("{v:#?}"))?;
    checar_ida_e_volta(v)
}

/// What `Serialize` writes reads back as the value (see [`checar_decodificado`]).
fn checar_ida_e_volta<T: Resposta>(v: &T) -> Result<(), String> {
    let escrito = serde_json::to_vec(v).map_err(|e| format!("Serialize failed: {e}"))?;
    let lido = match serde_json::from_slice::<T>(&escrito) {
        Ok(lido) => lido,
        // A value read at nesting depth 128 may be written deeper: the reader's limit.
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
    Err(format!(
        "what Serialize wrote reads back differently: {}",
        String::from_utf8_lossy(&escrito)
    ))
}

/// `serde_json::from_slice::<T>` of one body, with the checks of a decoded value.
fn verificar_tipo<T: Resposta>(corpo: &[u8], extra: fn(&T) -> Result<(), String>) -> Veredito {
    match serde_json::from_slice::<T>(corpo) {
        Ok(v) => {
            extra(&v)?;
            checar_decodificado(&v, &fuzz::texto_da_entrada(corpo))?;
            Ok(true)
        }
        Err(e) => {
            let _ = e.to_string();
            Ok(false)
        }
    }
}

fn de_fixture(status: u16, corpo: &Corpo) -> SementeResposta {
    match corpo {
        Corpo::Json(v) => SementeResposta::json(status, v.clone()),
        Corpo::Texto { conteudo, .. } => SementeResposta::bruta(status, conteudo.as_bytes()),
        _ => SementeResposta::bruta(status, Vec::new()),
    }
}

/// The seeds of an operation: its canned success body, a skeleton of `T`, every canned error.
fn sementes_da_operacao<T: JsonSchema>(op: &fixtures::Operacao) -> Vec<SementeResposta> {
    let mut sementes = vec![match op.corpo_sucesso() {
        Some(v) => SementeResposta::json(op.status_sucesso(), v),
        None => SementeResposta::bruta(op.status_sucesso(), Vec::new()),
    }];
    sementes.push(SementeResposta::json(op.status_sucesso(), esqueleto::<T>()));
    for erro in ErroFixture::TODOS {
        let f = op.erro(erro);
        sementes.push(de_fixture(f.status(), f.corpo()));
    }
    sementes.push(SementeResposta::json(
        422,
        json!({
            "titulo": "Erro de negócio",
            "detalhe": "CPF 529.982.247-25 sem permissão",
            "mensagemParaUsuarioFinal": "O CPF 52998224725 não pode operar.",
            "dataHora": "2026-09-28T08:59:19",
            "logIdRastreabilidade": "4b2d8f1e-0c3a-4e59-9d7b-3a6f1c2e8b90",
        }),
    ));
    sementes
}

// ---------------------------------------------------------------------------- interpretation

fn cliente() -> ClienteRenaveWs {
    ClienteRenaveWs::builder()
        .ambiente(Ambiente::Local("http://127.0.0.1:9/".parse().unwrap()))
        .build()
        .unwrap()
}

/// The privacy checks of every text of an error (`Display`, `Debug`, the source chain).
fn checar_textos_do_erro(e: &Erro, entrada: &str) -> Result<(), String> {
    fuzz::sem_cpf_vazado("the error's Display", entrada, &e.to_string())?;
    fuzz::sem_cpf_vazado("the error's Debug", entrada, &format!("{e:?}"))?;
    let mut fonte = std::error::Error::source(e);
    while let Some(f) = fonte {
        fuzz::sem_cpf_vazado("an error source", entrada, &f.to_string())?;
        fuzz::sem_cpf_vazado("an error source's Debug", entrada, &format!("{f:?}"))?;
        fonte = f.source();
    }
    if let Some(s) = e.servico() {
        let _ = (s.mensagem_usuario(), e.mensagem_usuario());
    }
    Ok(())
}

/// The interpretation of one answer by the client's own path, with its checks (see the
/// module docs). `confirmacao`: an operation answered by `executar_confirmacao` (any 2xx is
/// a success whatever its body), so only its error statuses go through the hook.
fn verificar_interpretacao<T: Resposta>(
    cliente: &ClienteRenaveWs,
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
    let (resp, retry_after) = match HttpResponse::from_parts(status, &cabecalhos, corpo.to_vec()) {
        Ok(r) => (r, retry_after),
        Err(_) => (
            HttpResponse::from_parts(status, &[], corpo.to_vec())
                .map_err(|e| format!("HttpResponse::from_parts: {e}"))?,
            None,
        ),
    };
    let entrada = format!(
        "{} {}",
        fuzz::texto_da_entrada(corpo),
        retry_after.unwrap_or_default()
    );
    let sucesso_http = (200..300).contains(&status);
    let aceita = match cliente.fuzz_interpretar::<T>(operacao, idempotencia, &resp) {
        Ok(v) => {
            garantir(sucesso_http, || format!("HTTP {status} became a success"))?;
            checar_decodificado(&v, &entrada)?;
            true
        }
        Err(e) => {
            checar_textos_do_erro(&e, &entrada)?;
            garantir(e.status() == Some(status), || {
                format!("HTTP {status} reported as {:?}", e.status())
            })?;
            match &e {
                Erro::Http {
                    retry_after: lido, ..
                } => {
                    garantir(!sucesso_http && status != 422, || {
                        format!("Http for HTTP {status}")
                    })?;
                    // A header value that is not visible ASCII cannot be read as text.
                    let legivel = retry_after
                        .filter(|r| r.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)))
                        .and_then(|r| renave_http::retry::parse_retry_after(r, SystemTime::now()));
                    garantir(lido.is_some() == legivel.is_some(), || {
                        format!("Retry-After {retry_after:?} kept as {lido:?}")
                    })?;
                }
                Erro::Negocio { .. } => {
                    garantir(status == 422, || format!("Negocio for HTTP {status}"))?;
                }
                Erro::RespostaInvalida { .. } => {
                    garantir(sucesso_http, || {
                        format!("RespostaInvalida for HTTP {status}")
                    })?;
                }
                // D11: a 2xx answer not recognised; its outcome is unknown exactly when the
                // request is state-changing.
                Erro::RespostaNaoReconhecida {
                    resultado_incerto, ..
                } => {
                    garantir(sucesso_http, || {
                        format!("RespostaNaoReconhecida for HTTP {status}")
                    })?;
                    garantir(
                        *resultado_incerto == (idempotencia == Idempotency::StateChanging),
                        || "unrecognised answer: outcome unknown iff state-changing".to_owned(),
                    )?;
                }
                outro => return Err(format!("unexpected error kind {outro:?}")),
            }
            let nao_reconhecida = matches!(e, Erro::RespostaNaoReconhecida { .. });
            garantir(
                !sucesso_http || (!e.is_retryable() && (!e.resultado_incerto() || nao_reconhecida)),
                || format!("a 2xx answer is retryable or of unknown outcome: {e:?}"),
            )?;
            garantir(
                !e.resultado_incerto()
                    || renave_http::retry::outcome_unknown(idempotencia, status)
                    || nao_reconhecida,
                || format!("outcome unknown for HTTP {status}, {idempotencia:?}"),
            )?;
            false
        }
    };
    Ok(aceita)
}

/// The campaign of one operation: its response type `T` decoded directly and through the
/// client's interpretation, from its own seeds.
fn campanha_operacao<T: Resposta>(
    op: &fixtures::Operacao,
    confirmacao: bool,
    extra: fn(&T) -> Result<(), String>,
) {
    let alvo = if confirmacao {
        format!("{} -> Confirmacao (error statuses)", op.nome())
    } else {
        format!("{} -> {}", op.nome(), std::any::type_name::<T>())
    };
    let semente = fuzz::semente_do_alvo(fuzz::semente(), op.nome());
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(&alvo, semente);
    let cliente = cliente();
    let sementes = sementes_da_operacao::<T>(op);
    let endpoint = op.endpoint();
    if !confirmacao {
        // The canned success answer itself must be a success.
        let sucesso = &sementes[0];
        let resp = HttpResponse::from_parts(sucesso.status, &[], sucesso.corpo.clone()).unwrap();
        let r = cliente.fuzz_interpretar::<T>(endpoint.name, endpoint.idempotency, &resp);
        assert!(
            r.is_ok(),
            "the canned success answer of {}: {r:?}",
            op.nome()
        );
    }
    let n = fuzz::iteracoes(PADRAO);
    for i in 0..n + sementes.len() as u64 {
        let (status, corpo, retry_after) = match sementes.get(usize::try_from(i).unwrap()) {
            Some(s) => (s.status, s.corpo.clone(), None),
            None => mutador.resposta(&sementes),
        };
        let mut descricao =
            format!("HTTP {status}, Retry-After {retry_after:?}, body ").into_bytes();
        descricao.extend_from_slice(&corpo);
        corrida.testar(i, &descricao, || {
            if !confirmacao {
                verificar_tipo::<T>(&corpo, extra)?;
            } else if (200..300).contains(&status) {
                return Ok(true);
            }
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
    for i in 0..fuzz::iteracoes(PADRAO) {
        let base = mutador.escolher(&sementes).unwrap().clone();
        let corpo = mutador.json(&base, &sementes);
        corrida.testar(i, &corpo, || verificar_tipo::<T>(&corpo, extra));
    }
    corrida.concluir();
}

/// A type whose own `Debug` shows its value by design (the ids, a chassi…): no panic, and what
/// decodes is written and read back as itself; no
/// privacy check of that `Debug` (see [`fuzz_documentos_e_ids`], [`recebido`]).
fn campanha_sem_privacidade<T: Resposta>(nome: &str, sementes: &[Value]) {
    let semente = fuzz::semente_do_alvo(fuzz::semente(), nome);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(nome, semente);
    for i in 0..fuzz::iteracoes(PADRAO) {
        let base = mutador.escolher(sementes).unwrap().clone();
        let corpo = mutador.json(&base, sementes);
        corrida.testar(i, &corpo, || match serde_json::from_slice::<T>(&corpo) {
            Ok(v) => {
                let _ = format!("{v:?}");
                checar_ida_e_volta(&v)?;
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

/// Every value under the key `chave` anywhere in the canned success bodies (array values give
/// their elements).
fn aninhados(chave: &str) -> Vec<Value> {
    fn coletar(v: &Value, chave: &str, saida: &mut Vec<Value>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if k == chave {
                        match x {
                            Value::Array(a) => saida.extend(a.iter().cloned()),
                            outro => saida.push(outro.clone()),
                        }
                    }
                    coletar(x, chave, saida);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| coletar(x, chave, saida)),
            _ => {}
        }
    }
    let mut saida = Vec::new();
    for o in fixtures::todas() {
        if let Some(v) = o.corpo_sucesso() {
            coletar(&v, chave, &mut saida);
        }
    }
    saida.truncate(16);
    saida
}

// ------------------------------------------------------------------------------ type checks

fn checar_aptidao(a: &AptidaoVeiculoEstoque) -> Result<(), String> {
    // `is_apto` only when the Detran answered (its flag absent or read `false`) and the
    // diagnosis read `veiculoApto: true` (issue 12: missing or odd is never apto).
    let detran_ok = matches!(
        a.comunicacao_com_detran_falhou,
        None | Some(Recebido::Valido(false))
    );
    let veredito = a
        .diagnostico
        .as_ref()
        .and_then(|d| d.veiculo_apto.as_ref())
        .and_then(Recebido::valido)
        .copied();
    garantir(
        !a.is_apto() || (detran_ok && veredito == Some(true)),
        || "is_apto without an apto diagnosis".to_owned(),
    )?;
    garantir(
        veredito != Some(false) || a.resultado() == renave_domain::ResultadoAptidao::NaoApto,
        || "veiculoApto false is not não apto".to_owned(),
    )
}

fn checar_estoque(e: &Estoque) -> Result<(), String> {
    let _ = (
        e.id_estoque_gerado_no_cancelamento_saida(),
        e.chassi_valido(),
    );
    Ok(())
}

fn checar_estoques(v: &renave_domain::ItensRecebidos<Estoque>) -> Result<(), String> {
    v.iter().try_for_each(checar_estoque)
}

fn checar_pdf_atpv(p: &PdfAtpv) -> Result<(), String> {
    let _ = (p.pdf(), p.xml());
    Ok(())
}

fn checar_crlve(c: &Crlve) -> Result<(), String> {
    let _ = (
        c.pdf(),
        c.pdf_codigo_seguranca_crv(),
        c.assinatura_detran_p7s(),
    );
    Ok(())
}

fn checar_termo_entrada(t: &TermoEntradaEstoque) -> Result<(), String> {
    let _ = t.pdf();
    Ok(())
}

fn checar_termo_saida(t: &TermoSaidaEstoque) -> Result<(), String> {
    let _ = t.pdf();
    Ok(())
}

fn checar_pendentes(
    v: &renave_domain::ItensRecebidos<VeiculoZeroKmPendente>,
) -> Result<(), String> {
    for p in v {
        let _ = p.chassi_valido();
    }
    Ok(())
}

// ----------------------------------------------------------------------------- operations

macro_rules! operacoes {
    ($($teste:ident: $nome:literal => $tipo:ty, $confirmacao:literal, $extra:expr;)+) => {
        $(
            #[test]
            fn $teste() {
                campanha_operacao::<$tipo>(op($nome), $confirmacao, $extra);
            }
        )+

        /// Every operation of the fixtures has a campaign here (one test each, above).
        #[test]
        fn toda_operacao_tem_campanha() {
            let aqui = [$($nome),+];
            for o in fixtures::todas() {
                assert!(aqui.contains(&o.nome()), "no campaign for {}", o.nome());
            }
        }
    };
}

operacoes! {
    fuzz_consultar_cliente_autenticado: "consultar_cliente_autenticado" => ClienteAutenticado, false, nada;
    fuzz_consultar_aptidao_veiculo_estoque: "consultar_aptidao_veiculo_estoque" => AptidaoVeiculoEstoque, false, checar_aptidao;
    fuzz_solicitar_entrada_estoque: "solicitar_entrada_estoque" => Estoque, false, checar_estoque;
    fuzz_solicitar_entrada_estoque_veiculo_proprio: "solicitar_entrada_estoque_veiculo_proprio" => Estoque, false, checar_estoque;
    fuzz_enviar_assinatura_vendedor_atpv: "enviar_assinatura_vendedor_atpv" => Value, true, nada;
    fuzz_consultar_ultima_assinatura_atpv: "consultar_ultima_assinatura_atpv" => AssinaturaAtpv, false, nada;
    fuzz_obter_pdf_atpv: "obter_pdf_atpv" => PdfAtpv, false, checar_pdf_atpv;
    fuzz_obter_pdf_atpv_por_placa_renavam: "obter_pdf_atpv_por_placa_renavam" => PdfAtpv, false, checar_pdf_atpv;
    fuzz_obter_atpv_por_id: "obter_atpv_por_id" => PdfAtpv, false, checar_pdf_atpv;
    fuzz_enviar_nota_fiscal: "enviar_nota_fiscal" => Value, true, nada;
    fuzz_consultar_estoques: "consultar_estoques" => renave_domain::ItensRecebidos<Estoque>, false, checar_estoques;
    fuzz_consultar_estoque: "consultar_estoque" => Estoque, false, checar_estoque;
    fuzz_obter_termo_entrada_estoque: "obter_termo_entrada_estoque" => TermoEntradaEstoque, false, checar_termo_entrada;
    fuzz_solicitar_cancelamento_entrada_estoque: "solicitar_cancelamento_entrada_estoque" => Estoque, false, checar_estoque;
    fuzz_solicitar_saida_estoque: "solicitar_saida_estoque" => Estoque, false, checar_estoque;
    fuzz_obter_termo_saida_estoque: "obter_termo_saida_estoque" => TermoSaidaEstoque, false, checar_termo_saida;
    fuzz_solicitar_cancelamento_saida_estoque: "solicitar_cancelamento_saida_estoque" => Estoque, false, checar_estoque;
    fuzz_obter_crlve: "obter_crlve" => Crlve, false, checar_crlve;
    fuzz_obter_pdf_codigo_seguranca_crv: "obter_pdf_codigo_seguranca_crv" => Crlve, false, checar_crlve;
    fuzz_consultar_municipios: "consultar_municipios" => renave_domain::ItensRecebidos<Municipio>, false, nada;
    fuzz_consultar_veiculo: "consultar_veiculo" => VeiculoRenave, false, nada;
    fuzz_consultar_autorizacoes_transferencias: "consultar_autorizacoes_transferencias" => renave_domain::ItensRecebidos<AutorizacaoTransferencia>, false, nada;
    fuzz_autorizar_transferencia_entre_estabelecimentos: "autorizar_transferencia_entre_estabelecimentos" => AutorizacaoTransferencia, false, nada;
    fuzz_cancelar_autorizacao_transferencia: "cancelar_autorizacao_transferencia" => AutorizacaoTransferencia, false, nada;
    fuzz_solicitar_transferencia_entre_estabelecimentos: "solicitar_transferencia_entre_estabelecimentos" => Estoque, false, checar_estoque;
    fuzz_solicitar_transferencia_entre_filiais: "solicitar_transferencia_entre_filiais" => Estoque, false, checar_estoque;
    fuzz_transferir_estoque_vindo_de_ite: "transferir_estoque_vindo_de_ite" => Estoque, false, checar_estoque;
    fuzz_autorizar_transferencia_para_ite: "autorizar_transferencia_para_ite" => AutorizacaoTransferencia, false, nada;
    fuzz_cancelar_autorizacao_transferencia_para_ite: "cancelar_autorizacao_transferencia_para_ite" => AutorizacaoTransferencia, false, nada;
    fuzz_registrar_saida_estoque_veiculo_inacabado: "registrar_saida_estoque_veiculo_inacabado" => Estoque, false, checar_estoque;
    fuzz_cancelar_saida_estoque_veiculo_inacabado: "cancelar_saida_estoque_veiculo_inacabado" => Estoque, false, checar_estoque;
    fuzz_consultar_veiculos_zero_km_pendentes_entrada_estoque: "consultar_veiculos_zero_km_pendentes_entrada_estoque" => renave_domain::ItensRecebidos<VeiculoZeroKmPendente>, false, checar_pendentes;
    fuzz_registrar_entrada_estoque_zero_km: "registrar_entrada_estoque_zero_km" => Estoque, false, checar_estoque;
    fuzz_registrar_saida_estoque_veiculo_zero_km: "registrar_saida_estoque_veiculo_zero_km" => Estoque, false, checar_estoque;
    fuzz_cancelar_saida_estoque_zero_km: "cancelar_saida_estoque_zero_km" => Estoque, false, checar_estoque;
    fuzz_cancelar_entrada_estoque_zero_km: "cancelar_entrada_estoque_zero_km" => Estoque, false, checar_estoque;
    fuzz_autorizar_transferencia_veiculo_zero_km: "autorizar_transferencia_veiculo_zero_km" => AutorizacaoTransferencia, false, nada;
    fuzz_cancelar_autorizacao_transferencia_veiculo_zero_km: "cancelar_autorizacao_transferencia_veiculo_zero_km" => AutorizacaoTransferencia, false, nada;
    fuzz_transferir_entre_estabelecimentos_veiculo_zero_km: "transferir_entre_estabelecimentos_veiculo_zero_km" => Estoque, false, checar_estoque;
    fuzz_devolver_montadora_veiculo_zero_km: "devolver_montadora_veiculo_zero_km" => Estoque, false, checar_estoque;
    fuzz_rejeitar_veiculo_zero_km: "rejeitar_veiculo_zero_km" => Value, true, nada;
    fuzz_cancelar_rejeicao_veiculo_zero_km: "cancelar_rejeicao_veiculo_zero_km" => Value, true, nada;
    fuzz_consultar_entregas_veiculo_zero_km: "consultar_entregas_veiculo_zero_km" => renave_domain::ItensRecebidos<Entrega>, false, nada;
    fuzz_realizar_entrega_veiculo_zero_km: "realizar_entrega_veiculo_zero_km" => Entrega, false, nada;
    fuzz_cancelar_entrega_veiculo_zero_km: "cancelar_entrega_veiculo_zero_km" => Entrega, false, nada;
    fuzz_registrar_saida_estoque_veiculo_zero_km_renovar: "registrar_saida_estoque_veiculo_zero_km_renovar" => Estoque, false, checar_estoque;
    fuzz_registrar_saida_estoque_veiculo_inacabado_renovar: "registrar_saida_estoque_veiculo_inacabado_renovar" => Estoque, false, checar_estoque;
    fuzz_consultar_cliente_autenticado_montadora: "consultar_cliente_autenticado_montadora" => ClienteAutenticado, false, nada;
    fuzz_consultar_municipios_montadora: "consultar_municipios_montadora" => renave_domain::ItensRecebidos<Municipio>, false, nada;
    fuzz_consultar_estoques_montadora: "consultar_estoques_montadora" => renave_domain::ItensRecebidos<Estoque>, false, checar_estoques;
    fuzz_obter_termo_saida_estoque_montadora: "obter_termo_saida_estoque_montadora" => TermoSaidaEstoque, false, checar_termo_saida;
    fuzz_obter_pdf_atpv_montadora: "obter_pdf_atpv_montadora" => PdfAtpv, false, checar_pdf_atpv;
    fuzz_consultar_veiculos_zero_km_pendentes_entrada_estoque_montadora: "consultar_veiculos_zero_km_pendentes_entrada_estoque_montadora" => renave_domain::ItensRecebidos<VeiculoZeroKmPendente>, false, checar_pendentes;
    fuzz_consultar_entregas_veiculo_zero_km_montadora: "consultar_entregas_veiculo_zero_km_montadora" => renave_domain::ItensRecebidos<Entrega>, false, nada;
    fuzz_consultar_autorizacoes_transferencias_montadora: "consultar_autorizacoes_transferencias_montadora" => renave_domain::ItensRecebidos<AutorizacaoTransferencia>, false, nada;
    fuzz_registrar_entrada_estoque_zero_km_montadora: "registrar_entrada_estoque_zero_km_montadora" => Estoque, false, checar_estoque;
    fuzz_cancelar_entrada_estoque_zero_km_montadora: "cancelar_entrada_estoque_zero_km_montadora" => Estoque, false, checar_estoque;
    fuzz_registrar_saida_estoque_veiculo_zero_km_montadora: "registrar_saida_estoque_veiculo_zero_km_montadora" => Estoque, false, checar_estoque;
    fuzz_cancelar_saida_estoque_zero_km_montadora: "cancelar_saida_estoque_zero_km_montadora" => Estoque, false, checar_estoque;
    fuzz_registrar_saida_estoque_veiculo_inacabado_montadora: "registrar_saida_estoque_veiculo_inacabado_montadora" => Estoque, false, checar_estoque;
    fuzz_cancelar_saida_estoque_veiculo_inacabado_montadora: "cancelar_saida_estoque_veiculo_inacabado_montadora" => Estoque, false, checar_estoque;
    fuzz_autorizar_transferencia_para_ite_montadora: "autorizar_transferencia_para_ite_montadora" => AutorizacaoTransferencia, false, nada;
    fuzz_cancelar_autorizacao_transferencia_para_ite_montadora: "cancelar_autorizacao_transferencia_para_ite_montadora" => AutorizacaoTransferencia, false, nada;
    fuzz_transferir_estoque_vindo_de_ite_montadora: "transferir_estoque_vindo_de_ite_montadora" => Estoque, false, checar_estoque;
    fuzz_registrar_saida_estoque_veiculo_zero_km_renovar_montadora: "registrar_saida_estoque_veiculo_zero_km_renovar_montadora" => Estoque, false, checar_estoque;
    fuzz_registrar_saida_estoque_veiculo_inacabado_renovar_montadora: "registrar_saida_estoque_veiculo_inacabado_renovar_montadora" => Estoque, false, checar_estoque;
    fuzz_consultar_cliente_autenticado_ite: "consultar_cliente_autenticado_ite" => ClienteAutenticado, false, nada;
    fuzz_consultar_estoques_ite: "consultar_estoques_ite" => renave_domain::ItensRecebidos<Estoque>, false, checar_estoques;
    fuzz_obter_termo_entrada_estoque_ite: "obter_termo_entrada_estoque_ite" => TermoEntradaEstoque, false, checar_termo_entrada;
    fuzz_consultar_veiculo_ite: "consultar_veiculo_ite" => VeiculoRenave, false, nada;
    fuzz_obter_pdf_atpv_ite: "obter_pdf_atpv_ite" => PdfAtpv, false, checar_pdf_atpv;
    fuzz_consultar_clientes_montadoras_ite: "consultar_clientes_montadoras_ite" => renave_domain::ItensRecebidos<renave_ws_client::operacoes::ite::ClienteMontadora>, false, nada;
    fuzz_consultar_autorizacoes_transferencias_ite: "consultar_autorizacoes_transferencias_ite" => renave_domain::ItensRecebidos<AutorizacaoTransferencia>, false, nada;
    fuzz_registrar_entrada_estoque_ite: "registrar_entrada_estoque_ite" => Estoque, false, checar_estoque;
    fuzz_registrar_saida_estoque_ite: "registrar_saida_estoque_ite" => Estoque, false, checar_estoque;
    fuzz_cancelar_entrada_estoque_ite: "cancelar_entrada_estoque_ite" => Estoque, false, checar_estoque;
    fuzz_cancelar_saida_estoque_ite: "cancelar_saida_estoque_ite" => Estoque, false, checar_estoque;
    fuzz_transferir_para_ite: "transferir_para_ite" => Estoque, false, checar_estoque;
    fuzz_transferir_vindo_de_ite_para_ite: "transferir_vindo_de_ite_para_ite" => Estoque, false, checar_estoque;
    fuzz_autorizar_transferencia_estoque_vindo_de_ite: "autorizar_transferencia_estoque_vindo_de_ite" => AutorizacaoTransferencia, false, nada;
    fuzz_cancelar_autorizacao_transferencia_estoque_vindo_de_ite: "cancelar_autorizacao_transferencia_estoque_vindo_de_ite" => AutorizacaoTransferencia, false, nada;
    fuzz_acabar_veiculo_inacabado_mock_ite: "acabar_veiculo_inacabado_mock_ite" => Value, true, nada;
    fuzz_registrar_saida_estoque_renovar_ite: "registrar_saida_estoque_renovar_ite" => Estoque, false, checar_estoque;
}

// ---------------------------------------------------------------- nested and field types

#[test]
fn fuzz_tipos_aninhados() {
    campanha_tipo::<DiagnosticoAptidao>("DiagnosticoAptidao", &aninhados("diagnostico"), nada);
    campanha_tipo::<InformacoesDebitos>(
        "InformacoesDebitos",
        &aninhados("informacoesDebitos"),
        nada,
    );
    campanha_tipo::<BoletoDebito>("BoletoDebito", &aninhados("boletos"), nada);
    campanha_tipo::<VeiculoAptidao>("VeiculoAptidao", &aninhados("veiculo"), nada);
    campanha_tipo::<RestricaoVeiculo>("RestricaoVeiculo", &aninhados("restricoes"), nada);
    campanha_tipo::<AutorizacaoTransferenciaAptidao>(
        "AutorizacaoTransferenciaAptidao",
        &aninhados("autorizacaoTransferencia"),
        nada,
    );
    campanha_tipo::<Municipio>("Municipio", &aninhados("municipio"), nada);
    campanha_tipo::<Endereco>("Endereco", &aninhados("endereco"), nada);
    campanha_tipo::<DocumentoPessoa>("DocumentoPessoa", &aninhados("vendedor"), nada);
    campanha_tipo::<CompradorResposta>("CompradorResposta", &aninhados("comprador"), nada);
    campanha_tipo::<EntradaEstoque>("EntradaEstoque", &aninhados("entradaEstoque"), nada);
    campanha_tipo::<SaidaEstoque>("SaidaEstoque", &aninhados("saidaEstoque"), nada);
    campanha_tipo::<CancelamentoSaidaEstoque>(
        "CancelamentoSaidaEstoque",
        &aninhados("cancelamentoSaidaEstoque"),
        nada,
    );
    campanha_tipo::<CancelamentoEstoque>(
        "CancelamentoEstoque",
        &aninhados("cancelamentoEstoque"),
        nada,
    );
    campanha_tipo::<RestricaoEstoque>("RestricaoEstoque", &aninhados("restricoesVeiculo"), nada);
    campanha_tipo::<OrigemPorCancelamentoEstoque>(
        "OrigemPorCancelamentoEstoque",
        &aninhados("origemPorCancelamentoEstoque"),
        nada,
    );
    campanha_tipo::<RealizacaoEntrega>("RealizacaoEntrega", &aninhados("realizacaoEntrega"), nada);
    campanha_tipo::<CancelamentoEntrega>(
        "CancelamentoEntrega",
        &aninhados("cancelamentoEntrega"),
        nada,
    );
}

/// `Recebido<T>` of one domain type: decodes from any JSON value (typed when `T` accepts it,
/// raw otherwise); for a personal document (`pessoal`), its `Debug` shows no CPF of the input.
/// The other types' own `Debug` shows the value (a chassi that looks like a CPF is still a
/// chassi); the responses that hold them mask CPF-like runs in theirs, which is checked.
fn recebido<
    T: renave_domain::LeituraTolerante
        + Serialize
        + Debug
        + PartialEq
        + JsonSchema
        + AsRef<str>
        + 'static,
>(
    nome: &str,
    sementes: &[Value],
    pessoal: bool,
) {
    if pessoal {
        campanha_tipo::<Recebido<T>>(nome, sementes, |r| {
            let _ = (r.as_str(), r.valido());
            Ok(())
        });
    } else {
        campanha_sem_privacidade::<Recebido<T>>(nome, sementes);
    }
}

#[test]
fn fuzz_campos_recebidos() {
    recebido::<Chassi>(
        "Recebido<Chassi>",
        &[json!(fixtures::CHASSI_USADO), json!("BJ123456")],
        false,
    );
    recebido::<Placa>("Recebido<Placa>", &[json!(fixtures::PLACA)], false);
    recebido::<Renavam>("Recebido<Renavam>", &[json!(fixtures::RENAVAM)], false);
    recebido::<Cpf>("Recebido<Cpf>", &[json!(fixtures::CPF_PARTICULAR)], true);
    recebido::<Cnpj>(
        "Recebido<Cnpj>",
        &[json!(fixtures::CNPJ_ESTABELECIMENTO)],
        true,
    );
    recebido::<CpfCnpj>(
        "Recebido<CpfCnpj>",
        &[
            json!(fixtures::CPF_OPERADOR),
            json!(fixtures::CNPJ_MONTADORA),
        ],
        true,
    );
    recebido::<Cep>("Recebido<Cep>", &[json!("30130010")], false);
    recebido::<ChaveNfe>(
        "Recebido<ChaveNfe>",
        &[json!(fixtures::CHAVE_NFE_COMPRA)],
        true,
    );
    recebido::<CodigoMunicipio>(
        "Recebido<CodigoMunicipio>",
        &[json!(fixtures::CODIGO_MUNICIPIO)],
        true,
    );
}

#[test]
fn fuzz_documentos_e_ids() {
    campanha_tipo::<DocumentoBase64>(
        "DocumentoBase64",
        &[json!(
            DocumentoBase64::codificar(fixtures::PDF_EXEMPLO).as_str()
        )],
        |d| {
            let _ = (d.bytes("x"), d.pdf("x"));
            Ok(())
        },
    );
    // The ids' own `Debug` shows the number (an id, not personal data); the responses that
    // hold one mask CPF-like numbers in theirs, which the operation campaigns check.
    let ids = [json!(fixtures::ID_ESTOQUE), json!(i64::MAX), json!(-1)];
    campanha_sem_privacidade::<IdEstoque>("IdEstoque", &ids);
    campanha_sem_privacidade::<IdAutorizacao>("IdAutorizacao", &ids);
    campanha_sem_privacidade::<IdEntrega>("IdEntrega", &ids);
    campanha_sem_privacidade::<IdAtpv>("IdAtpv", &ids);
}

// ------------------------------------------------------------- the hook is the real path

/// A wiremock responder answering whatever (status, body) the test set last.
#[derive(Clone)]
struct Dinamico(Arc<Mutex<(u16, Vec<u8>)>>);

impl wiremock::Respond for Dinamico {
    fn respond(&self, _: &wiremock::Request) -> wiremock::ResponseTemplate {
        let (status, corpo) = self.0.lock().unwrap().clone();
        wiremock::ResponseTemplate::new(status).set_body_raw(corpo, "application/json")
    }
}

/// The hook answers as the real client does: the same mutated answers, served by a local
/// wiremock server to `consultar_estoque` and given to the hook, give the same result
/// (compared by `Debug`; a smaller number of inputs, one request each).
#[tokio::test]
async fn hook_igual_ao_caminho_real() {
    let servidor = wiremock::MockServer::builder()
        .disable_request_recording()
        .start()
        .await;
    let atual = Dinamico(Arc::new(Mutex::new((200, Vec::new()))));
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(atual.clone())
        .mount(&servidor)
        .await;
    let real = ClienteRenaveWs::builder()
        .ambiente(Ambiente::Local(servidor.uri().parse().unwrap()))
        .retentativas(RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        })
        .build()
        .unwrap();
    let o = op("consultar_estoque");
    let sementes = sementes_da_operacao::<Estoque>(o);
    let semente = fuzz::semente_do_alvo(fuzz::semente(), "hook_igual_ao_caminho_real");
    let mut mutador = Mutador::new(semente);
    // Not 204 or 304: HTTP gives them no body, so the transport drops the one served.
    let statuses = [
        200_u16, 201, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504,
    ];
    let n = (fuzz::iteracoes(PADRAO) / 5).max(20);
    for i in 0..n {
        let (_, corpo, _) = mutador.resposta(&sementes);
        let status = *mutador.escolher(&statuses).unwrap();
        *atual.0.lock().unwrap() = (status, corpo.clone());
        let pela_rede = real
            .consultar_estoque(IdEstoque(fixtures::ID_ESTOQUE))
            .await;
        let resp = HttpResponse::from_parts(status, &[], corpo.clone()).unwrap();
        let pelo_hook =
            real.fuzz_interpretar::<Estoque>(o.endpoint().name, o.endpoint().idempotency, &resp);
        assert_eq!(
            format!("{pela_rede:?}"),
            format!("{pelo_hook:?}"),
            "iteration {i}, HTTP {status}, body {}",
            corpo.descrever()
        );
    }
}

// ------------------------------------------------------ findings of the campaign, fixed

/// The input of finding WS1 (fixed by the domain's one `Recebido<T>`), pinned: a stock whose
/// `numeroCrv` came as a JSON number is written so that it reads back as the same value.
#[test]
fn regressao_ws1_recebido_de_numero_faz_ida_e_volta() {
    let mut corpo = op("consultar_estoque").corpo_sucesso().unwrap();
    corpo["numeroCrv"] = json!(123_456_789_012_u64);
    let lido: Estoque = serde_json::from_value(corpo).unwrap();
    let escrito = serde_json::to_string(&lido).unwrap();
    let relido: Estoque = serde_json::from_str(&escrito).unwrap();
    assert_eq!(relido, lido, "written as {escrito}");
}

/// The input of finding WS2 (fixed: the errors' `Display` and `Debug` mask the server's
/// fields), pinned: no error text shows the CPF.
#[test]
fn regressao_ws2_cpf_nos_campos_do_erro_nao_aparece() {
    let cliente = cliente();
    let corpo =
        r#"{"titulo":"Erro","logIdRastreabilidade":"52998224725","dataHora":"529.982.247-25"}"#;
    let resp = HttpResponse::from_parts(500, &[("retry-after", "52998224725")], corpo).unwrap();
    let e = cliente
        .fuzz_interpretar::<Estoque>("consultar_estoque", Idempotency::Idempotent, &resp)
        .unwrap_err();
    for texto in [e.to_string(), format!("{e:?}")] {
        assert!(!texto.contains("52998224725"), "{texto}");
        assert!(!texto.contains("529.982.247-25"), "{texto}");
    }
}

/// The input of finding WS3 (fixed: `DocumentoPessoa`'s hand-written `Debug` masks its
/// fields), pinned: its `Debug` does not show the CPF sent as its `tipoDocumento`.
#[test]
fn regressao_ws3_debug_de_documento_pessoa_sem_cpf() {
    let d: DocumentoPessoa =
        serde_json::from_str(r#"{"tipoDocumento":"11144477735","numeroDocumento":"11144477735"}"#)
            .unwrap();
    let texto = format!("{d:?}");
    assert!(!texto.contains("11144477735"), "{texto}");
}
