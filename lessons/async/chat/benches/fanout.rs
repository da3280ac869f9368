//! Fan-out, measured: how long one line takes from its sender to every one
//! of N clients (N = 10, 100, 1000), for the Rust server and for its Python
//! twin, each started as a learner starts it (`--listen 127.0.0.1:0`) and
//! both driven by the same tokio clients. Not a test, and not a program
//! verify runs: `cargo bench -p async-chat --bench fanout` builds the server
//! in release mode and prints a table, medians of several rounds.
//! `python/bench_fanout.py` measures the same with asyncio's clients.

use std::io::{BufRead, BufReader as StdBufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::mpsc;
use tokio::task::JoinSet;

const SIZES: [usize; 3] = [10, 100, 1000];
/// Rounds measured for each N, after one that warms up.
const ROUNDS: usize = 21;

/// A server, running as a child process.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(program: &str, args: &[&str]) -> Server {
        let mut child = Command::new(program)
            .args(args)
            .args(["--listen", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {program}: {e}"));
        let mut lines = StdBufReader::new(child.stdout.take().expect("a pipe")).lines();
        let first = lines.next().expect("a first line").expect("text");
        let addr = first
            .strip_prefix("server: listening on ")
            .unwrap_or_else(|| panic!("{program} printed {first:?}"))
            .parse()
            .expect("an address");
        // The server logs every join: read it all, or its prints would block.
        std::thread::spawn(move || lines.for_each(drop));
        Server { child, addr }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Client {
    reader: BufReader<OwnedReadHalf>,
    writer: OwnedWriteHalf,
}

impl Client {
    async fn join(addr: SocketAddr, name: &str) -> Client {
        let stream = TcpStream::connect(addr).await.expect("a connection");
        stream.set_nodelay(true).expect("TCP_NODELAY");
        let (reader, writer) = stream.into_split();
        let mut client = Client {
            reader: BufReader::new(reader),
            writer,
        };
        client.line().await; // welcome! what is your name?
        client.say(name).await;
        let hello = client.line().await;
        assert!(hello.starts_with("hello "), "{name} got {hello:?}");
        client
    }

    async fn say(&mut self, text: &str) {
        let line = format!("{text}\n");
        self.writer.write_all(line.as_bytes()).await.expect("sent");
    }

    async fn line(&mut self) -> String {
        let mut line = String::new();
        let read = self.reader.read_line(&mut line).await.expect("a line");
        assert!(read > 0, "the server closed the connection");
        line
    }
}

/// The time from one line sent to its arrival at all `n` clients, for each
/// round.
async fn fan_out(addr: SocketAddr, n: usize) -> Vec<Duration> {
    let mut receivers = Vec::with_capacity(n);
    for i in 0..n {
        receivers.push(Client::join(addr, &format!("r{i}")).await);
    }
    let mut sender = Client::join(addr, "sender").await;
    // Each receiver reads in a task of its own and says when a round's line
    // arrives; the join notices before it are skipped.
    let (arrived, mut arrivals) = mpsc::unbounded_channel();
    let mut readers = JoinSet::new();
    for mut receiver in receivers {
        let arrived = arrived.clone();
        readers.spawn(async move {
            loop {
                let line = receiver.line().await;
                if line.starts_with("sender: round ") {
                    let _ = arrived.send(Instant::now());
                }
            }
        });
    }
    let mut times = Vec::with_capacity(ROUNDS);
    for round in 0..=ROUNDS {
        let sent = Instant::now();
        sender.say(&format!("round {round}")).await;
        let mut last = sent;
        for _ in 0..n {
            last = last.max(arrivals.recv().await.expect("every reader is alive"));
        }
        if round > 0 {
            times.push(last - sent);
        }
    }
    readers.abort_all();
    times
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn millis(time: Duration) -> String {
    format!("{:.2} ms", time.as_secs_f64() * 1000.0)
}

/// A thousand clients and their server need more than 1024 open files:
/// raise this process's limit (which the servers inherit) to the most allowed.
fn more_open_files() {
    use nix::sys::resource::{Resource, getrlimit, setrlimit};
    if let Ok((_, hard)) = getrlimit(Resource::RLIMIT_NOFILE) {
        let _ = setrlimit(Resource::RLIMIT_NOFILE, hard, hard);
    }
}

fn main() {
    shared::start();
    more_open_files();
    let rust = env!("CARGO_BIN_EXE_async-chat");
    let twin = Path::new(env!("CARGO_MANIFEST_DIR")).join("python/main.py");
    let twin = twin.to_str().expect("a UTF-8 path");
    let python = Command::new("python3").arg("--version").output().is_ok();
    // The clients take one thread; the server has the other core.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    println!("fan-out: one line from its sender to all N clients (median of {ROUNDS} rounds)");
    println!(
        "clients: tokio, one thread; each server a process of its own, started afresh for each N"
    );
    println!();
    println!("{:>6}  {:>12}  {:>12}", "N", "Rust server", "Python twin");
    for n in SIZES {
        let rust_time = {
            let server = Server::start(rust, &[]);
            median(runtime.block_on(fan_out(server.addr, n)))
        };
        let python_time = python.then(|| {
            let server = Server::start("python3", &[twin]);
            median(runtime.block_on(fan_out(server.addr, n)))
        });
        println!(
            "{n:>6}  {:>12}  {:>12}",
            millis(rust_time),
            python_time.map_or("(no python3)".to_string(), millis)
        );
    }
}
