//! What the tests share: the lesson's binary started as a learner starts it,
//! `--listen 127.0.0.1:0`, with every line it prints kept; and raw clients
//! that connect to it over real TCP, each read bounded in time.
//!
//! A server is killed when its test ends, passed or failed, and a test that
//! does not finish within `LIMIT` fails: a hang is one of the bugs these
//! tests exist for.

#![allow(dead_code)] // each test file uses its own part of this

use std::future::Future;
use std::io::{BufRead, BufReader as StdBufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

/// How long a whole test may take.
pub const LIMIT: Duration = Duration::from_secs(30);

/// Runs a test's work, and fails the test if it takes longer than `LIMIT`.
pub async fn bounded<F: Future>(work: F) -> F::Output {
    match tokio::time::timeout(LIMIT, work).await {
        Ok(output) => output,
        Err(_) => panic!("the test did not finish within {} s", LIMIT.as_secs()),
    }
}

/// The lesson's binary, serving on a free port of 127.0.0.1.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    printed: Arc<Mutex<Vec<String>>>,
    /// One message when standard output closes: the program has ended.
    ended: mpsc::Receiver<()>,
}

impl Server {
    /// Starts the lesson's binary; or, if `ASYNC_CHAT_SERVER` holds a
    /// command (`python3 python/main.py`: cargo runs the tests in the
    /// lesson's folder), that command, so that the same tests can hold the
    /// Python twin to the same promises.
    pub fn start(args: &[&str]) -> Server {
        let chosen = std::env::var("ASYNC_CHAT_SERVER").unwrap_or_default();
        let mut words = chosen.split_whitespace();
        let mut command = match words.next() {
            Some(program) => {
                let mut command = Command::new(program);
                command.args(words);
                command
            }
            None => Command::new(env!("CARGO_BIN_EXE_async-chat")),
        };
        command
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        // If this test process ends, the server must not linger.
        shared::process::dies_with_parent(&mut command);
        let mut child = command.spawn().expect("the lesson's binary starts");
        let stdout = child.stdout.take().expect("a pipe");
        let printed = Arc::new(Mutex::new(Vec::new()));
        let (first, first_line) = mpsc::channel();
        let (closed, ended) = mpsc::channel();
        let keep = printed.clone();
        std::thread::spawn(move || {
            for line in StdBufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = first.send(line.clone());
                keep.lock().unwrap().push(line);
            }
            let _ = closed.send(());
        });
        let line = first_line
            .recv_timeout(LIMIT)
            .expect("the server says where it listens");
        let addr = line
            .strip_prefix("server: listening on ")
            .unwrap_or_else(|| panic!("the first line is {line:?}"))
            .parse()
            .expect("an address");
        Server {
            child,
            addr,
            printed,
            ended,
        }
    }

    /// Every line the server has printed so far.
    pub fn printed(&self) -> Vec<String> {
        self.printed.lock().unwrap().clone()
    }

    /// Waits until the server has printed `line`, `LIMIT` at most.
    pub async fn prints(&self, line: &str) {
        let start = Instant::now();
        while !self.printed().iter().any(|l| l == line) {
            if start.elapsed() > LIMIT {
                panic!(
                    "the server did not print {line:?}; it printed:\n{}",
                    self.printed().join("\n")
                );
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// The process id, for `/proc`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Ctrl-C: SIGINT, as the terminal sends it.
    pub fn interrupt(&self) {
        use nix::sys::signal::{Signal, kill};
        use nix::unistd::Pid;
        let pid = Pid::from_raw(self.child.id() as i32);
        kill(pid, Signal::SIGINT).expect("SIGINT is sent");
    }

    /// Waits for the program to end, `within` at most, and says how it
    /// ended and how long that took.
    pub fn wait(&mut self, within: Duration) -> (ExitStatus, Duration) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the child can be waited for") {
                // Its output read to the end, so that `printed` holds it all.
                let _ = self.ended.recv_timeout(within);
                return (status, start.elapsed());
            }
            if start.elapsed() > within {
                panic!(
                    "the server did not end within {within:?}; it printed:\n{}",
                    self.printed().join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// How many file descriptors the server holds open.
    pub fn open_files(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.pid()))
            .expect("/proc shows the server")
            .count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client: a TCP connection, read a line at a time.
pub struct Peer {
    reader: BufReader<OwnedReadHalf>,
    writer: Option<OwnedWriteHalf>,
    /// The join and leave notices (`* …`) that `message` passed over.
    pub notices: Vec<String>,
}

impl Peer {
    pub async fn connect(addr: SocketAddr) -> Peer {
        let stream = TcpStream::connect(addr).await.expect("the server accepts");
        let (reader, writer) = stream.into_split();
        Peer {
            reader: BufReader::new(reader),
            writer: Some(writer),
            notices: Vec::new(),
        }
    }

    /// Connects and joins as `name`.
    pub async fn join(addr: SocketAddr, name: &str) -> Peer {
        let mut peer = Peer::connect(addr).await;
        peer.expect("welcome! what is your name?").await;
        peer.say(name).await;
        let hello = peer.line().await.expect("a hello");
        assert!(hello.starts_with(&format!("hello {name}, ")), "{hello}");
        peer
    }

    pub async fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("the writing half is here");
        writer.write_all(bytes).await.expect("the line is sent");
    }

    /// The writing half, for a task of its own; the peer keeps reading.
    pub fn take_writer(&mut self) -> OwnedWriteHalf {
        self.writer.take().expect("the writing half is here")
    }

    pub async fn say(&mut self, text: &str) {
        self.send(format!("{text}\n").as_bytes()).await;
    }

    /// The next line, without its newline; `None` when the server closed
    /// the connection (or reset it).
    pub async fn line(&mut self) -> Option<String> {
        let mut line = Vec::new();
        match self.reader.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => None,
            Ok(_) => {
                if line.ends_with(b"\n") {
                    line.pop();
                }
                Some(String::from_utf8_lossy(&line).into_owned())
            }
        }
    }

    /// The next line, which must be `expected`.
    pub async fn expect(&mut self, expected: &str) {
        assert_eq!(self.line().await.as_deref(), Some(expected));
    }

    /// Every line until the server closes the connection.
    pub async fn rest(&mut self) -> Vec<String> {
        let mut lines = Vec::new();
        while let Some(line) = self.line().await {
            lines.push(line);
        }
        lines
    }

    /// The next line that is not a join or leave notice (`* …`); the
    /// notices passed over are kept in `notices`.
    pub async fn message(&mut self) -> Option<String> {
        loop {
            let line = self.line().await?;
            if !line.starts_with("* ") {
                return Some(line);
            }
            self.notices.push(line);
        }
    }

    /// Waits for the notice `notice`, which may have come already.
    pub async fn notice(&mut self, notice: &str) {
        while !self.notices.iter().any(|n| n == notice) {
            let line = self.line().await.expect("still connected");
            self.notices.push(line);
        }
    }
}
