//! The CET-MG token shared by three replicas through a real Redis (feature `redis`, issue 14):
//! three `ClienteCetMg`s with separate in-process state over one `redis-server` that the test
//! starts on a free loopback port in a temporary directory, and stops.
//!
//! When the `redis-server` binary is absent the tests print that they were SKIPPED, unless
//! `RENAVE_EXIGIR_REDIS=1` is set (CI), in which case they fail.
#![cfg(feature = "redis")]
#![allow(clippy::unwrap_used)]

mod comum;

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use comum::*;
use renave_mg_client::{ArmazenamentoTokenRedis, ClienteCetMg, Erro, Timeouts};
use renave_simulador::ServidorMock;
use secrecy::SecretString;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Calls per replica in a burst.
const CHAMADAS: usize = 300;
const REPLICAS: usize = 3;
const PRAZO: Duration = Duration::from_secs(20);

/// A `redis-server` of the test's own, stopped (killed) on drop.
struct Redis {
    processo: Option<Child>,
    porta: u16,
    dir: PathBuf,
}

impl Redis {
    /// Starts `redis-server` on a free loopback port, or `None` (after saying so loudly) when
    /// the binary is absent and `RENAVE_EXIGIR_REDIS` is not `1`.
    fn iniciar(teste: &str) -> Option<Self> {
        let porta = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = std::env::temp_dir().join(format!(
            "renave-redis-{}-{porta}-{teste}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let processo = Command::new("redis-server")
            .args(["--port", &porta.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let processo = match processo {
            Ok(p) => p,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let _ = std::fs::remove_dir_all(&dir);
                assert!(
                    std::env::var("RENAVE_EXIGIR_REDIS").as_deref() != Ok("1"),
                    "redis-server is not installed and RENAVE_EXIGIR_REDIS=1 requires it"
                );
                eprintln!(
                    "\n**************** SKIPPED {teste}: `redis-server` is not installed \
                     (apt-get install redis-server; set RENAVE_EXIGIR_REDIS=1 to fail instead) \
                     ****************\n"
                );
                return None;
            }
            Err(e) => panic!("cannot start redis-server: {e}"),
        };
        let redis = Self {
            processo: Some(processo),
            porta,
            dir,
        };
        // Ready when it answers PING (generous bound: a loaded machine).
        let limite = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", porta)) {
                use std::io::{Read as _, Write as _};
                let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
                let mut buf = [0u8; 7];
                if s.write_all(b"PING\r\n").is_ok() && s.read_exact(&mut buf).is_ok() {
                    assert_eq!(&buf, b"+PONG\r\n");
                    return Some(redis);
                }
            }
            assert!(Instant::now() < limite, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.porta)
    }

    /// Kills the server (an outage, as seen by the clients).
    fn parar(&mut self) {
        if let Some(mut p) = self.processo.take() {
            let _ = p.kill();
            let _ = p.wait();
        }
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.parar();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// One test at a time, each on its own two-worker runtime (bursts of 900 tasks on a 2-core
/// machine only measure the machine when run together).
fn em_serie<F: std::future::Future<Output = ()>>(teste: F) {
    static SERIE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _vez = SERIE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(teste);
}

async fn montar_cores(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path(caminho("tabelas-auxiliares/consultar-cores")))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"codigo_retorno": "000", "dados": [{"codigo": "01", "descricao": "AMARELO"}]}),
        ))
        .mount(server)
        .await;
}

/// `gerar-token`: `tok-1`, `tok-2`, … with `expires_in` of the first token `primeira_vida`
/// and of the others 3,600 s; the requests listed in `travar` (1-based) hang for a minute.
struct Tokens {
    contador: Arc<AtomicUsize>,
    primeira_vida: u64,
    travar: Vec<usize>,
}

impl Respond for Tokens {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.contador.fetch_add(1, Ordering::SeqCst) + 1;
        let vida = if n == 1 { self.primeira_vida } else { 3600 };
        let r = ResponseTemplate::new(200)
            .set_body_json(json!({"access_token": format!("tok-{n}"), "expires_in": vida}));
        if self.travar.contains(&n) {
            r.set_delay(Duration::from_secs(60))
        } else {
            r.set_delay(Duration::from_millis(100))
        }
    }
}

async fn servidor(primeira_vida: u64, travar: Vec<usize>) -> (ServidorMock, Arc<AtomicUsize>) {
    let server = ServidorMock::from(MockServer::builder().start().await);
    let contador = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path(caminho("gerar-token")))
        .respond_with(Tokens {
            contador: Arc::clone(&contador),
            primeira_vida,
            travar,
        })
        .mount(&server)
        .await;
    montar_cores(&server).await;
    (server, contador)
}

/// A replica: its own client (own in-process token state) over the shared Redis.
fn replica(server: &MockServer, redis: &Redis, validade_maxima_trava: Duration) -> ClienteCetMg {
    let armazenamento = ArmazenamentoTokenRedis::builder(&redis.url(), &SecretString::from(CHAVE))
        .validade_maxima_trava(validade_maxima_trava)
        .build()
        .unwrap();
    builder(server)
        .prazos(Timeouts {
            connect: Duration::from_secs(5),
            per_attempt: PRAZO,
            operation: PRAZO,
        })
        .margem_renovacao(Duration::from_millis(500))
        .armazenamento_token(Arc::new(armazenamento))
        .build()
        .unwrap()
}

/// `CHAMADAS` concurrent `consultar_cores` calls on each replica at once.
async fn rajada(replicas: &[ClienteCetMg]) -> Vec<Result<(), Erro>> {
    let tarefas: Vec<_> = replicas
        .iter()
        .flat_map(|c| (0..CHAMADAS).map(move |_| c.clone()))
        .map(|c| tokio::spawn(async move { c.consultar_cores().await.map(|_| ()) }))
        .collect();
    let mut fins = Vec::with_capacity(tarefas.len());
    for t in tarefas {
        fins.push(t.await.unwrap());
    }
    fins
}

fn todas_ok(fins: &[Result<(), Erro>], quando: &str) {
    let falhas: Vec<_> = fins.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        falhas.is_empty(),
        "{quando}: {} of {} calls failed, first: {:?}",
        falhas.len(),
        fins.len(),
        falhas.first()
    );
}

#[test]
fn tres_replicas_frias_um_pedido_de_token_e_outro_apos_a_expiracao() {
    let Some(redis) = Redis::iniciar("frias") else {
        return;
    };
    em_serie(async move {
        // The first token lives 3 s (renewed from 2.5 s on, margin 500 ms).
        let (server, contador) = servidor(3, vec![]).await;
        let replicas: Vec<_> = (0..REPLICAS)
            .map(|_| replica(&server, &redis, Duration::from_secs(10)))
            .collect();
        let inicio = Instant::now();
        let fins = rajada(&replicas).await;
        todas_ok(&fins, "cold burst");
        assert_eq!(
            contador.load(Ordering::SeqCst),
            1,
            "cold burst: {REPLICAS} replicas × {CHAMADAS} calls ({:?})",
            inicio.elapsed()
        );
        println!(
            "cold burst: {REPLICAS} replicas × {CHAMADAS} calls, 1 gerar-token request ({:?})",
            inicio.elapsed()
        );

        // Past the first token's expiry: exactly one more renewal for all three replicas.
        tokio::time::sleep_until((inicio + Duration::from_millis(3_300)).into()).await;
        let fins = rajada(&replicas).await;
        todas_ok(&fins, "burst after the expiry");
        assert_eq!(contador.load(Ordering::SeqCst), 2, "burst after the expiry");
        println!("burst after the expiry: 1 more gerar-token request");
    });
}

#[test]
fn trava_de_quem_morreu_expira_e_outra_replica_renova() {
    let Some(redis) = Redis::iniciar("trava") else {
        return;
    };
    em_serie(async move {
        // The first gerar-token request hangs for a minute: its caller is aborted meanwhile.
        let (server, contador) = servidor(3600, vec![1]).await;
        let trava = Duration::from_secs(2);
        let dono = replica(&server, &redis, trava);
        let outras: Vec<_> = (0..2).map(|_| replica(&server, &redis, trava)).collect();
        let tarefa = tokio::spawn(async move { dono.consultar_cores().await.map(|_| ()) });
        let limite = Instant::now() + Duration::from_secs(20);
        while contador.load(Ordering::SeqCst) == 0 {
            assert!(
                Instant::now() < limite,
                "the first replica never asked for a token"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // The holder dies mid-renewal: its lock stays in Redis until it expires.
        tarefa.abort();
        assert!(tarefa.await.unwrap_err().is_cancelled());
        let inicio = Instant::now();
        let fins = rajada(&outras).await;
        todas_ok(&fins, "after the holder died");
        assert_eq!(
            contador.load(Ordering::SeqCst),
            2,
            "the hung request and exactly one renewal after the lock expired"
        );
        // They did wait for the lock to expire (a count, not a timing bound: at least the
        // lock's lifetime minus the time the abort took).
        println!(
            "holder killed: the other replicas renewed once after the lock expired ({:?})",
            inicio.elapsed()
        );
    });
}

#[test]
fn redis_parado_no_meio_nenhuma_chamada_falha() {
    let Some(mut redis) = Redis::iniciar("parado") else {
        return;
    };
    let url = redis.url();
    em_serie(async move {
        let (server, contador) = servidor(3600, vec![]).await;
        let replicas: Vec<_> = (0..REPLICAS)
            .map(|_| replica(&server, &redis, Duration::from_secs(10)))
            .collect();
        let fins = rajada(&replicas).await;
        todas_ok(&fins, "before the outage");
        assert_eq!(contador.load(Ordering::SeqCst), 1);

        // Redis stops while calls are in flight.
        let em_voo: Vec<_> = replicas
            .iter()
            .flat_map(|c| (0..CHAMADAS).map(move |_| c.clone()))
            .map(|c| {
                tokio::spawn(async move {
                    let mut rs = Vec::new();
                    for _ in 0..3 {
                        rs.push(c.consultar_cores().await.map(|_| ()));
                    }
                    rs
                })
            })
            .collect();
        tokio::task::spawn_blocking(move || {
            redis.parar();
            redis
        })
        .await
        .unwrap();
        let mut fins = Vec::new();
        for t in em_voo {
            fins.extend(t.await.unwrap());
        }
        todas_ok(&fins, "while Redis stopped");
        let fins = rajada(&replicas).await;
        todas_ok(&fins, "after Redis stopped");
        // Each replica still had the token: no renewal was needed.
        assert_eq!(contador.load(Ordering::SeqCst), 1);

        // A replica started during the outage renews on its own and serves its calls.
        let armazenamento = ArmazenamentoTokenRedis::builder(&url, &SecretString::from(CHAVE))
            .build()
            .unwrap();
        let nova = builder(&server)
            .prazos(Timeouts {
                connect: Duration::from_secs(5),
                per_attempt: PRAZO,
                operation: PRAZO,
            })
            .armazenamento_token(Arc::new(armazenamento))
            .build()
            .unwrap();
        let fins = rajada(std::slice::from_ref(&nova)).await;
        todas_ok(&fins, "a replica started during the outage");
        assert_eq!(contador.load(Ordering::SeqCst), 2);
        println!(
            "Redis stopped mid-run: no call failed; a replica started during the outage renewed once"
        );
    });
}

/// A tracing writer collecting the log lines.
#[derive(Clone, Default)]
struct Linhas(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Linhas {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Redis unreachable (nothing listens on the port): the store answers from its own copy, and
/// says so once per outage, never with the token.
#[test]
fn redis_inacessivel_um_aviso_por_interrupcao_e_copia_local() {
    use renave_mg_client::{ArmazenamentoToken, TokenAcesso};
    let porta = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let linhas = Linhas::default();
    let escritor = linhas.clone();
    let assinante = tracing_subscriber::fmt()
        .with_writer(move || escritor.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::WARN)
        .finish();
    let _guarda = tracing::subscriber::set_default(assinante);
    em_serie(async move {
        let loja = ArmazenamentoTokenRedis::builder(
            &format!("redis://127.0.0.1:{porta}/"),
            &SecretString::from(CHAVE),
        )
        .build()
        .unwrap();
        assert!(loja.get().await.unwrap().is_none());
        let agora = std::time::SystemTime::now();
        let token = TokenAcesso::new(
            SecretString::from("valor-do-token-secreto"),
            agora + Duration::from_secs(3600),
            agora + Duration::from_secs(3000),
        );
        loja.put(token.clone()).await.unwrap();
        // Across several pauses (Redis is asked again every second): still one WARN.
        let fim = Instant::now() + Duration::from_millis(2_500);
        while Instant::now() < fim {
            let lido = loja.get().await.unwrap().expect("the process's own copy");
            assert!(lido.mesmo_valor(&token));
            // Unreachable: the lock is granted locally (this process renews on its own).
            let trava = loja.travar_renovacao(Duration::from_secs(5)).await.unwrap();
            assert!(trava.is_some_and(|t| t.e_local()));
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(loja.redis_fora());
    });
    let texto = String::from_utf8(linhas.0.lock().unwrap().clone()).unwrap();
    let avisos = texto
        .lines()
        .filter(|l| l.contains("WARN") && l.contains("unreachable"))
        .count();
    assert_eq!(avisos, 1, "{texto}");
    assert!(!texto.contains("valor-do-token-secreto"));
    assert!(!texto.contains(CHAVE), "never the consumer key: {texto}");
}
