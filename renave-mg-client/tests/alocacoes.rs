//! Issue 16 ("performance at the floor"): the heap allocations of one typed call
//! (`consultar_aptidao_veiculo_estoque`) stay within 1.2× those of the same request written by
//! hand with reqwest + `serde_json` (the floor), plus a small constant; and the Protocolo
//! Digital upload of a large PDF is serialised with no intermediate copy.
//!
//! Counts, never time. The counting allocator (`stats_alloc`) counts every thread of the
//! process, so the answering server is a plain blocking loop on its own thread that allocates
//! nothing per request (fixed buffers, canned answers), and the calls run on a current-thread
//! runtime. Runs as a plain `main` (`harness = false` in Cargo.toml): no test-harness thread
//! allocates while a region is measured.

#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::cast_precision_loss)] // Test: a failed unwrap is a failed test.

use std::alloc::System;
use std::hint::black_box;
use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};

use renave_mg_client::operacoes::estoque::{
    ConsultaAptidaoVeiculoEstoque, RespostaAptidaoVeiculoEstoque,
};
use renave_mg_client::{Ambiente, ClienteCetMg};
use secrecy::SecretString;
use serde::Deserialize;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const TOKEN: &str = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.tokenassinado1";
const CORPO_TOKEN: &str = r#"{"access_token": "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.tokenassinado1", "token_type": "Bearer", "expires_in": 3600}"#;
/// A complete aptidão answer: every field the SDK models, nothing else (so no divergence).
const CORPO_APTIDAO: &str = r#"{"codigo_retorno": "000", "mensagem_retorno": "Consulta realizada com sucesso", "comunicacao_venda_registrada": false, "laudo_csv_em_aberto": false, "reserva_dominio": false, "gravame": false, "total_autuacoes": 0, "multas_exigiveis": 0, "multas_totais": 2, "pendencias_trlav": false, "pendencias_ipva": false, "pendencias_dpvat": false, "impedimentos_cadastrais": false, "recall_pendente": false, "estampagem_em_aberto": false, "observacoes_impeditivas_laudo": false, "detalhes": ["Sem pendencias"]}"#;

/// The same answer with three fields the SDK does not model (a server that always sends
/// them): the contract's divergence accounting sees it on every call.
const CORPO_APTIDAO_DIVERGENTE: &str = r#"{"codigo_retorno": "000", "mensagem_retorno": "Consulta realizada com sucesso", "chassi": "9BWZZZ377VT004251", "placa": "ABC1D23", "renavam": "12345678900", "comunicacao_venda_registrada": false, "laudo_csv_em_aberto": false, "reserva_dominio": false, "gravame": false, "total_autuacoes": 0, "multas_exigiveis": 0, "multas_totais": 2, "pendencias_trlav": false, "pendencias_ipva": false, "pendencias_dpvat": false, "impedimentos_cadastrais": false, "recall_pendente": false, "estampagem_em_aberto": false, "observacoes_impeditivas_laudo": false, "detalhes": ["Sem pendencias"]}"#;

/// Calls measured per side.
const N: usize = 64;

/// Heap allocations (and reallocations) made while running `f` to completion.
fn alocacoes<R>(f: impl FnOnce() -> R) -> usize {
    let regiao = Region::new(GLOBAL);
    let r = f();
    let mudanca = regiao.change();
    drop(black_box(r));
    mudanca.allocations + mudanca.reallocations
}

/// A success answer with the envelope only (the Protocolo Digital upload's).
const CORPO_RETORNO: &str =
    r#"{"codigo_retorno": "000", "mensagem_retorno": "Documento recebido"}"#;

/// An HTTP/1.1 keep-alive server answering `gerar-token` with a token, an upload with the
/// envelope and anything else with the aptidão answer, allocating nothing per request once a
/// connection is open (a body larger than its buffer is read and dropped in pieces).
fn servidor(corpo_aptidao: &str) -> SocketAddr {
    let ouvinte = TcpListener::bind("127.0.0.1:0").unwrap();
    let endereco = ouvinte.local_addr().unwrap();
    let resposta = |corpo: &str| {
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{corpo}",
            corpo.len()
        )
        .into_bytes()
    };
    let token = resposta(CORPO_TOKEN);
    let aptidao = resposta(corpo_aptidao);
    let retorno = resposta(CORPO_RETORNO);
    std::thread::spawn(move || {
        for conexao in ouvinte.incoming() {
            let Ok(conexao) = conexao else { return };
            let (token, aptidao, retorno) = (token.clone(), aptidao.clone(), retorno.clone());
            std::thread::spawn(move || atender(conexao, &token, &aptidao, &retorno));
        }
    });
    endereco
}

/// Serves the requests of one connection until it closes.
fn atender(mut conexao: TcpStream, token: &[u8], aptidao: &[u8], retorno: &[u8]) {
    let mut buf = [0u8; 16 * 1024];
    let mut cheio = 0;
    loop {
        // Read until the end of the head, then the body (Content-Length).
        let fim = loop {
            if let Some(i) = buf[..cheio].windows(4).position(|j| j == b"\r\n\r\n") {
                break i + 4;
            }
            match conexao.read(&mut buf[cheio..]) {
                Ok(0) | Err(_) => return,
                Ok(n) => cheio += n,
            }
        };
        let corpo = comprimento(&buf[..fim]);
        let linha = buf[..fim].split(|b| *b == b'\n').next().unwrap_or(&[]);
        let resposta = if linha.windows(11).any(|j| j == b"gerar-token") {
            token
        } else if linha.windows(6).any(|j| j == b"upload") {
            retorno
        } else {
            aptidao
        };
        // The body: what is already in the buffer, then the rest read and dropped (never
        // past its end: a client sends the next request only after this answer).
        let no_buffer = (cheio - fim).min(corpo);
        let mut falta = corpo - no_buffer;
        buf.copy_within(fim + no_buffer..cheio, 0);
        cheio -= fim + no_buffer;
        while falta > 0 {
            let ate = falta.min(buf.len() - cheio);
            match conexao.read(&mut buf[cheio..cheio + ate]) {
                Ok(0) | Err(_) => return,
                Ok(n) => falta -= n,
            }
        }
        if conexao.write_all(resposta).is_err() {
            return;
        }
    }
}

/// The `Content-Length` of a request head (0 when absent).
fn comprimento(cabeca: &[u8]) -> usize {
    cabeca
        .split(|b| *b == b'\n')
        .find_map(|linha| {
            let linha = linha.strip_suffix(b"\r").unwrap_or(linha);
            let (nome, valor) = linha.split_at(linha.iter().position(|b| *b == b':')?);
            nome.eq_ignore_ascii_case(b"content-length")
                .then(|| std::str::from_utf8(&valor[1..]).ok()?.trim().parse().ok())?
        })
        .unwrap_or(0)
}

/// The floor's answer type: the same fields, plain types, no envelope or extras handling.
#[derive(Deserialize)]
#[allow(dead_code)]
struct AptidaoPiso {
    codigo_retorno: String,
    mensagem_retorno: Option<String>,
    comunicacao_venda_registrada: Option<bool>,
    laudo_csv_em_aberto: Option<bool>,
    reserva_dominio: Option<bool>,
    gravame: Option<bool>,
    total_autuacoes: Option<u32>,
    multas_exigiveis: Option<u32>,
    multas_totais: Option<u32>,
    pendencias_trlav: Option<bool>,
    pendencias_ipva: Option<bool>,
    pendencias_dpvat: Option<bool>,
    impedimentos_cadastrais: Option<bool>,
    recall_pendente: Option<bool>,
    estampagem_em_aberto: Option<bool>,
    observacoes_impeditivas_laudo: Option<bool>,
    detalhes: Vec<String>,
}

fn main() {
    // The counter works: this allocation is seen (so the checks below can fail).
    let controle = alocacoes(|| black_box(String::from("52998224725")));
    assert!(controle >= 1, "the counting allocator counted nothing");

    chamada_tipada_no_piso(CORPO_APTIDAO, false);
    chamada_tipada_no_piso(CORPO_APTIDAO_DIVERGENTE, true);
    upload_sem_copias();
    upload_pelo_cliente();
    println!("alocacoes: ok");
}

/// The typed call against the hand-written floor, same server, same runtime.
///
/// With `divergente`, the answer carries fields the SDK does not model: the divergence is
/// counted on every call (checked), and a difference already seen costs no allocation, so the
/// same limit holds.
fn chamada_tipada_no_piso(corpo_aptidao: &str, divergente: bool) {
    let endereco = servidor(corpo_aptidao);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let base = format!("http://{endereco}/api/veiculos/renave/");

    // The floor: reqwest + serde_json by hand (a client from the transport builder: the
    // workspace's reqwest has no default TLS provider).
    let piso = renave_http::TransportBuilder::default()
        .allow_http(true)
        .build()
        .unwrap();
    let url_piso = |c: &ConsultaAptidaoVeiculoEstoque| {
        format!(
            "{base}consultar-aptidao-veiculo-estoque/{}/{}/{}",
            c.chassi, c.cpf_cnpj_proprietario, c.cpf_cnpj_estabelecimento
        )
    };
    let consulta = ConsultaAptidaoVeiculoEstoque::new(
        "9BWZZZ377VT004251".parse().unwrap(),
        "52998224725".parse().unwrap(),
        "11222333000181".parse().unwrap(),
    );
    let chamada_piso = || async {
        let resp = piso
            .get(url_piso(&consulta))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let corpo = resp.bytes().await.unwrap();
        let r: AptidaoPiso = serde_json::from_slice(&corpo).unwrap();
        assert_eq!(r.codigo_retorno, "000");
        r
    };

    let cliente = ClienteCetMg::builder()
        .ambiente(Ambiente::Local(base.parse().unwrap()))
        .credenciais(
            SecretString::from("chave-consumidor"),
            SecretString::from("segredo-consumidor"),
        )
        .build()
        .unwrap();
    let chamada_tipada = || async {
        let r: RespostaAptidaoVeiculoEstoque = cliente
            .consultar_aptidao_veiculo_estoque(&consulta)
            .await
            .unwrap();
        assert_eq!(r.retorno.codigo_retorno.as_deref(), Some("000"));
        r
    };

    // Warm up both (connections, token, caches), then count N calls of each.
    rt.block_on(async {
        for _ in 0..4 {
            drop(black_box(chamada_piso().await));
            drop(black_box(chamada_tipada().await));
        }
    });
    let n_piso = alocacoes(|| {
        rt.block_on(async {
            for _ in 0..N {
                drop(black_box(chamada_piso().await));
            }
        });
    });
    let n_tipada = alocacoes(|| {
        rt.block_on(async {
            for _ in 0..N {
                drop(black_box(chamada_tipada().await));
            }
        });
    });
    let por_piso = n_piso / N;
    let por_tipada = n_tipada / N;
    println!(
        "consultar_aptidao_veiculo_estoque (divergent answer: {divergente}): {por_tipada} \
         allocations per typed call, \
         {por_piso} per hand-written call (floor)"
    );
    // 1.2× the floor (issue 16's target), plus 1 for the run-to-run jitter of the HTTP stack
    // (±1 seen between runs) — 118 allocations per call before issue 16, 63 after.
    // A divergent answer's unknown fields are kept (`extras`, D3: unknown is kept, never
    // dropped): a key, a value and the map's share each, which the floor, ignoring them, does
    // not pay. The accounting itself adds nothing once the difference is known.
    let extras = if divergente { 3 * 3 } else { 0 };
    let limite = por_piso * 6 / 5 + 1 + extras;
    assert!(
        por_tipada <= limite,
        "a typed call allocates {por_tipada} times, more than {limite} (1.2× the floor's \
         {por_piso} + 1 + {extras} for the unknown fields kept)"
    );
    // The accounting did run: every divergent answer was counted (warm-up included).
    let contadas: u64 = cliente.divergencias().iter().map(|d| d.ocorrencias).sum();
    let esperadas = if divergente { N as u64 + 4 } else { 0 };
    assert_eq!(contadas, esperadas, "divergences counted");
}

/// Bytes allocated (allocations and growth by reallocation) while running `f`: an upper bound
/// of the peak heap `f` adds (`stats_alloc` counts totals, not a peak; a peak-tracking
/// allocator would need `unsafe`, which the workspace forbids).
fn bytes_alocados<R>(f: impl FnOnce() -> R) -> (usize, usize) {
    let regiao = Region::new(GLOBAL);
    let r = f();
    let mudanca = regiao.change();
    drop(black_box(r));
    let crescimento = usize::try_from(mudanca.bytes_reallocated.max(0)).unwrap_or(0);
    (
        mudanca.bytes_allocated + crescimento,
        mudanca.allocations + mudanca.reallocations,
    )
}

/// The Protocolo Digital upload of a 10 MiB PDF: its JSON body is written into one buffer
/// (≤ 1.4× the PDF allocated in all, the base64 being 4/3 of it), and is byte-identical to
/// the serialisation through a base64 `String` it replaces.
fn upload_sem_copias() {
    use renave_http::Operacao as _;
    use renave_mg_client::operacoes::protocolo_digital::UploadFichaCadastro;

    let upload = |tamanho: usize| {
        let mut arquivo = b"%PDF-1.7\n".to_vec();
        arquivo.extend((0..tamanho - arquivo.len()).map(|i| u8::try_from(i % 251).unwrap()));
        let json = serde_json::json!({
            "numero_protocolo": "2024000123",
            "tipo_documento": 35,
            "cpf_cnpj_remetente": "11222333000181",
            "mensagem": "Ficha de cadastro \"assinada\"",
            "nome": "ficha.pdf",
            "arquivo": renave_domain::documento::codificar_base64(&arquivo),
        });
        let u: UploadFichaCadastro = serde_json::from_value(json).unwrap();
        (u, arquivo)
    };

    // Byte-identical to the old path (base64 into a String, then the JSON), on a small PDF.
    let (pequeno, arquivo) = upload(1000);
    let antigo = {
        let mut v = serde_json::to_value(&pequeno).unwrap();
        v["arquivo"] = renave_domain::documento::codificar_base64(&arquivo).into();
        v
    };
    let novo = pequeno.corpo().unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&novo).unwrap(),
        antigo
    );
    let mut esperado = String::from("{\"numero_protocolo\":\"2024000123\",\"tipo_documento\":");
    esperado.push_str("35,\"cpf_cnpj_remetente\":\"11222333000181\",\"mensagem\":");
    esperado
        .push_str("\"Ficha de cadastro \\\"assinada\\\"\",\"nome\":\"ficha.pdf\",\"arquivo\":\"");
    esperado.push_str(&renave_domain::documento::codificar_base64(&arquivo));
    esperado.push_str("\"}");
    assert_eq!(String::from_utf8(novo).unwrap(), esperado);

    // 10 MiB.
    const MIB: usize = 1024 * 1024;
    let (grande, _) = upload(10 * MIB);
    let (bytes, n) = bytes_alocados(|| grande.corpo().unwrap());
    println!(
        "upload_documento_ficha_cadastro, 10 MiB PDF: body serialised with {n} allocations, \
         {:.2}× the PDF allocated in all",
        bytes as f64 / (10 * MIB) as f64
    );
    assert!(
        bytes <= 10 * MIB * 14 / 10,
        "the upload body allocated {bytes} bytes, more than 1.4× the 10 MiB PDF"
    );
}

/// The whole client call of the Protocolo Digital upload of a 10 MiB PDF (validation, the
/// request read once, the body sent, the answer decoded) allocates at most 2× the PDF in all:
/// the body (4/3 of the PDF, its base64) is the one large allocation — the document is never
/// copied into the request's parameters nor held twice. An upper bound of the call's peak heap
/// (issue 16: peak ≤ 2× the payload).
fn upload_pelo_cliente() {
    use renave_mg_client::operacoes::protocolo_digital::UploadFichaCadastro;

    const MIB: usize = 1024 * 1024;
    let endereco = servidor(CORPO_APTIDAO);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let base = format!("http://{endereco}/api/veiculos/renave/");
    let cliente = ClienteCetMg::builder()
        .ambiente(Ambiente::Local(base.parse().unwrap()))
        .credenciais(
            SecretString::from("chave-consumidor"),
            SecretString::from("segredo-consumidor"),
        )
        .build()
        .unwrap();
    let upload = |tamanho: usize| {
        let mut arquivo = b"%PDF-1.7\n".to_vec();
        arquivo.extend((0..tamanho - arquivo.len()).map(|i| u8::try_from(i % 251).unwrap()));
        let json = serde_json::json!({
            "numero_protocolo": "2024000123",
            "tipo_documento": 35,
            "cpf_cnpj_remetente": "11222333000181",
            "mensagem": "Ficha de cadastro",
            "nome": "ficha.pdf",
            "arquivo": renave_domain::documento::codificar_base64(&arquivo),
        });
        serde_json::from_value::<UploadFichaCadastro>(json).unwrap()
    };
    let chamada = |u: &UploadFichaCadastro| {
        rt.block_on(async {
            let r = cliente.upload_documento_ficha_cadastro(u).await.unwrap();
            assert_eq!(r.retorno.codigo_retorno.as_deref(), Some("000"));
            r
        })
    };
    // Warm up (connection, token, caches) with a small PDF, then count the large one.
    drop(black_box(chamada(&upload(1000))));
    let grande = upload(10 * MIB);
    let (bytes, n) = bytes_alocados(|| chamada(&grande));
    println!(
        "upload_documento_ficha_cadastro, 10 MiB PDF, the whole client call: {n} allocations, \
         {:.2}× the PDF allocated in all",
        bytes as f64 / (10 * MIB) as f64
    );
    assert!(
        bytes <= 10 * MIB * 2,
        "the upload's client call allocated {bytes} bytes, more than 2× the 10 MiB PDF"
    );
}
