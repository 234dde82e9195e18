//! The secrets and personal-data proof across the whole SDK (LGPD; "no secret, token,
//! certificate password or full CPF in Debug, Display, errors or logs"): the POC sequence of the
//! Regulamento Técnico run through both clients against both stateful simulators, whose seeded
//! world is full of CPFs (owners, operator, buyer) that travel in request paths, request bodies
//! and answers. The POC's own log, the `Debug` (`{:?}`, `{:#?}`) of every step, and every span
//! and event of every target at TRACE level must hold neither the consumer secret nor any CPF
//! of the world (literally or as its 11 digits in order once the separators inside a digit
//! group are removed). The client crates' `tests/segredos.rs` cover every operation and error
//! path with CPFs in every punctuation; this one covers the real flows end to end.
#![allow(clippy::unwrap_used)]

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/poc/registro.rs"]
mod registro;
#[allow(dead_code, unreachable_pub)]
#[path = "../examples/poc/roteiro.rs"]
mod roteiro;

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use renave::domain::{Chassi, CpfCnpj};
use renave::mg::operacoes::estoque::ConsultaAptidaoVeiculoEstoque;
use renave::mg::operacoes::protocolo_digital::ConsultaVeiculosComunicacaoVenda;
use renave::mg::operacoes::vistoria::CompradorChassi;
use renave::mg::{ClienteCetMg, RetryPolicy};
use renave::ws::ClienteRenaveWs;
use renave::ws::operacoes::usados::ConsultaEstoques;
use renave_simulador::cetmg::{CONSUMER_KEY_PADRAO, CONSUMER_SECRET_PADRAO};
use secrecy::SecretString;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use roteiro::{Bastidores, Roteiro, Simuladores};

/// Every CPF of the simulators' seeded world (`renave-simulador`: operator, buyer, owners,
/// sellers).
const CPFS_DO_MUNDO: [&str; 16] = [
    "11144477735",
    "12345678909",
    "18609139034",
    "25276018987",
    "39053344705",
    "47104974601",
    "50752917080",
    "52998224725",
    "54323194897",
    "55597971115",
    "62819482112",
    "75749118606",
    "93786579741",
    "98765432100",
    "99351819019",
    "99603082430",
];

/// A subscriber that writes every span (its attributes and later records) and every event of
/// every target, at every level, into a text buffer — so the proof needs no subscriber crate.
#[derive(Clone, Default)]
struct Gravador {
    texto: Arc<Mutex<String>>,
    proximo: Arc<AtomicU64>,
}

struct Campos<'a>(&'a mut String);

impl Visit for Campos<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }
}

impl Subscriber for Gravador {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.proximo.fetch_add(1, Ordering::Relaxed) + 1;
        let mut linha = format!(
            "span {id} {} {}:",
            span.metadata().target(),
            span.metadata().name()
        );
        span.record(&mut Campos(&mut linha));
        let mut t = self.texto.lock().unwrap();
        t.push_str(&linha);
        t.push('\n');
        Id::from_u64(id)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut linha = format!("record {}:", span.into_u64());
        values.record(&mut Campos(&mut linha));
        let mut t = self.texto.lock().unwrap();
        t.push_str(&linha);
        t.push('\n');
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut linha = format!(
            "event {} {}:",
            event.metadata().level(),
            event.metadata().target()
        );
        event.record(&mut Campos(&mut linha));
        let mut t = self.texto.lock().unwrap();
        t.push_str(&linha);
        t.push('\n');
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// `t` with every run of up to three separators (space, `.`, `-`, `/`, `_`) between two digits
/// removed: the digits of each digit group in order.
fn sem_separadores_entre_digitos(t: &str) -> String {
    let b = t.as_bytes();
    let mut saida = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        saida.push(b[i]);
        if b[i].is_ascii_digit() {
            let mut k = i + 1;
            while k < b.len() && k - i <= 3 && b" .-/_".contains(&b[k]) {
                k += 1;
            }
            if k > i + 1 && k < b.len() && b[k].is_ascii_digit() {
                i = k;
                continue;
            }
        }
        i += 1;
    }
    String::from_utf8_lossy(&saida).into_owned()
}

fn vazamentos(onde: &str, texto: &str, achados: &mut Vec<String>) {
    let colado = sem_separadores_entre_digitos(texto);
    for s in [CONSUMER_SECRET_PADRAO] {
        if texto.contains(s) {
            achados.push(format!("{onde}: the consumer secret"));
        }
    }
    for cpf in CPFS_DO_MUNDO {
        if let Some(i) = colado.find(cpf) {
            let mut de = i.saturating_sub(100);
            while !colado.is_char_boundary(de) {
                de -= 1;
            }
            let mut ate = (i + 60).min(colado.len());
            while !colado.is_char_boundary(ate) {
                ate += 1;
            }
            achados.push(format!("{onde}: CPF {cpf} in …{}…", &colado[de..ate]));
        }
    }
}

/// `Debug` (both forms) of an answer, or `Debug`, `Display` and the `source()` chain of an
/// error.
fn resultado<T: std::fmt::Debug, E: std::error::Error + 'static>(r: &Result<T, E>) -> String {
    match r {
        Ok(v) => format!("{v:?}\n{v:#?}"),
        Err(e) => {
            let mut t = format!("{e:?}\n{e:#?}\n{e}");
            let mut fonte = e.source();
            while let Some(f) = fonte {
                let _ = write!(t, "\n{f:?}\n{f}");
                fonte = f.source();
            }
            t
        }
    }
}

#[tokio::test]
async fn a_poc_inteira_sem_segredo_nem_cpf_em_log_debug_ou_trace() {
    let gravador = Gravador::default();
    let _guarda = tracing::subscriber::set_default(gravador.clone());

    let sims = Simuladores::iniciar().await;
    let mg = ClienteCetMg::builder()
        .ambiente(renave::mg::Ambiente::Local(
            sims.cetmg.url().parse().unwrap(),
        ))
        .credenciais(
            SecretString::from(CONSUMER_KEY_PADRAO),
            SecretString::from(CONSUMER_SECRET_PADRAO),
        )
        .retentativas(RetryPolicy::disabled())
        .build()
        .unwrap();
    let ws = ClienteRenaveWs::builder()
        .ambiente(renave::ws::Ambiente::Local(sims.ws.uri().parse().unwrap()))
        .build()
        .unwrap();
    let mut textos = vec![
        ("client CET-MG".to_owned(), format!("{mg:?} {mg:#?}")),
        ("client Renave-WS".to_owned(), format!("{ws:?} {ws:#?}")),
    ];
    let dados = sims.dados().unwrap();
    textos.push(("POC input".to_owned(), format!("{dados:?} {dados:#?}")));
    let (mg2, ws2, dados2) = (mg.clone(), ws.clone(), dados.clone());
    let mut r = Roteiro::new(mg, ws, Bastidores::Simulado(Box::new(sims)), dados, false);
    r.executar().await;
    let passos = &r.registro.passos;
    assert!(passos.len() > 40, "the POC ran: {} steps", passos.len());
    textos.push(("POC log".to_owned(), r.registro.resumo()));
    for p in passos {
        textos.push((
            format!("step {} {}", p.numero, p.secao),
            format!("{p:?}\n{p:#?}"),
        ));
    }
    // After the flows: the world's vehicles and people looked up again, each answer or error
    // kept whole (`Debug`, `Display`, `source()` chain).
    let mut alvos: Vec<(Chassi, CpfCnpj)> = dados2.nao_aptos.clone();
    for v in [&dados2.carro, &dados2.moto] {
        alvos.push((v.cetmg.chassi, v.cetmg.proprietario));
        alvos.push((v.cetmg.chassi, CpfCnpj::from(dados2.cpf_comprador)));
    }
    for (chassi, dono) in alvos {
        let aptidao = mg2
            .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque {
                chassi,
                cpf_cnpj_proprietario: dono,
                cpf_cnpj_estabelecimento: dados2.cnpj_estabelecimento,
            })
            .await;
        textos.push(("aptidão".to_owned(), resultado(&aptidao)));
        let lista = mg2
            .listar_veiculos_comunicacao_venda(&ConsultaVeiculosComunicacaoVenda {
                cpf_cnpj_proprietario: dono,
            })
            .await;
        textos.push(("comunicações de venda".to_owned(), resultado(&lista)));
        let alvo = CompradorChassi {
            cpf_cnpj_comprador: dono,
            chassi,
        };
        let laudo = mg2.consultar_ultimo_laudo(&alvo).await;
        textos.push(("laudo".to_owned(), resultado(&laudo)));
        let distribuicao = mg2.consultar_distribuicao_ativa(&alvo).await;
        textos.push(("distribuição".to_owned(), resultado(&distribuicao)));
        let veiculo = ws2.consultar_veiculo(&chassi).await;
        textos.push(("veículo".to_owned(), resultado(&veiculo)));
        let estoques = ws2
            .consultar_estoques(&ConsultaEstoques {
                chassi: Some(chassi),
                placa: None,
                estado_estoque: None,
            })
            .await;
        textos.push(("estoques".to_owned(), resultado(&estoques)));
    }
    let trace = gravador.texto.lock().unwrap().clone();
    assert!(
        trace.contains("renave.http") && trace.contains("renave.cetmg"),
        "no TRACE captured"
    );
    textos.push(("TRACE".to_owned(), trace));

    let mut achados = Vec::new();
    for (onde, texto) in &textos {
        vazamentos(onde, texto, &mut achados);
    }
    achados.dedup();
    eprintln!(
        "{} texts checked, {} steps, {} bytes of TRACE output",
        textos.len(),
        passos.len(),
        textos.last().map_or(0, |t| t.1.len())
    );
    assert!(
        achados.is_empty(),
        "{} leaks; the first ones:\n{}",
        achados.len(),
        achados
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
