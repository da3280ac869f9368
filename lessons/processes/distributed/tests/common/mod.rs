//! What both test files need to watch the lesson from outside: its binary
//! run as a learner runs it, with every line it prints read as it comes, and
//! fake masters that speak the protocol (or not) to a real worker.
//!
//! A run that does not end in time is killed and its test fails: a hang is
//! one of the bugs these tests exist for.

#![allow(dead_code)] // each test file uses its own part of this

use std::net::TcpListener as StdListener;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use processes_distributed::proto::{self, ToMaster, ToWorker};

/// How long a run may take before it counts as a hang.
pub const LIMIT: Duration = Duration::from_secs(15);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Out,
    Err,
}

/// The lesson's binary, running, with its output read line by line.
pub struct Lesson {
    child: Child,
    lines: mpsc::Receiver<(Stream, String)>,
    stdout: Vec<String>,
    stderr: Vec<String>,
}

/// How a run ended, and everything it printed.
#[derive(Debug)]
pub struct Ended {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

pub fn start(args: &[&str], env: &[(&str, &str)]) -> Lesson {
    let mut command = Command::new(env!("CARGO_BIN_EXE_processes-distributed"));
    command
        .args(args)
        .env_remove("LESSON_TIME_SCALE")
        .env_remove("LESSON_SEED")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // If a test fails and this process ends, the lesson must not linger.
    shared::process::dies_with_parent(&mut command);
    let mut child = command.spawn().unwrap();
    let (tx, lines) = mpsc::channel();
    let out = child.stdout.take().unwrap();
    let err = child.stderr.take().unwrap();
    for (stream, pipe) in [
        (Stream::Out, Box::new(out) as Box<dyn std::io::Read + Send>),
        (Stream::Err, Box::new(err)),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                if tx.send((stream, line)).is_err() {
                    break;
                }
            }
        });
    }
    Lesson {
        child,
        lines,
        stdout: Vec::new(),
        stderr: Vec::new(),
    }
}

pub fn run(args: &[&str], env: &[(&str, &str)]) -> Ended {
    start(args, env).finish()
}

/// A worker whose tasks take no time, run against the master at `address`.
pub fn run_worker(address: &str, name: &str) -> Ended {
    let args = ["worker", "--connect", address, "--name", name];
    run(&[&args[..], &["--task-secs", "0"]].concat(), &[])
}

/// A master of `tasks` tasks on a free loopback port, and that port.
pub fn start_master(tasks: u32) -> (Lesson, String) {
    let tasks = tasks.to_string();
    let mut master = start(
        &["master", "--listen", "127.0.0.1:0", "--tasks", &tasks],
        &[],
    );
    let line = master.wait_for(Stream::Out, "master: listening on");
    let address = line.rsplit_once(' ').unwrap().1.to_string();
    (master, address)
}

impl Lesson {
    fn keep(&mut self, (stream, line): (Stream, String)) {
        match stream {
            Stream::Out => self.stdout.push(line),
            Stream::Err => self.stderr.push(line),
        }
    }

    fn printed(&self) -> String {
        format!(
            "stdout:\n{}\nstderr:\n{}",
            self.stdout.join("\n"),
            self.stderr.join("\n")
        )
    }

    /// Reads until a line of `stream` contains `needle`, and returns it.
    pub fn wait_for(&mut self, stream: Stream, needle: &str) -> String {
        let deadline = Instant::now() + LIMIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok((s, line)) if s == stream && line.contains(needle) => {
                    self.keep((s, line.clone()));
                    return line;
                }
                Ok(other) => self.keep(other),
                Err(_) => {
                    let _ = self.child.kill();
                    panic!("no line with {needle:?} came; {}", self.printed());
                }
            }
        }
    }

    /// Waits for the end, or kills the program and fails the test.
    pub fn finish(mut self) -> Ended {
        let deadline = Instant::now() + LIMIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => self.keep(line),
                // Both pipes closed: the program (and any child) is done.
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let _ = self.child.kill();
                    panic!(
                        "it did not end within {} s, so it was killed; {}",
                        LIMIT.as_secs(),
                        self.printed()
                    );
                }
            }
        }
        let status = self.child.wait().unwrap();
        Ended {
            status,
            stdout: self.stdout.join("\n"),
            stderr: self.stderr.join("\n"),
        }
    }

    /// Kills the program with SIGKILL, as a crash or `kill -9` would.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// The processes this one started: its workers.
    pub fn children(&self) -> Vec<u32> {
        let parent = self.child.id().to_string();
        let mut found = Vec::new();
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            // `pid (name) state ppid …`: the name may hold spaces, so cut after it.
            let rest = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
            if rest.split_whitespace().nth(1) == Some(parent.as_str()) {
                found.push(pid);
            }
        }
        found
    }
}

impl Drop for Lesson {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What every failure must look like: a non-zero status, and sentences,
/// never a panic or a structure.
pub fn assert_sentence(ended: &Ended, status: i32) {
    assert_eq!(ended.status.code(), Some(status), "{ended:#?}");
    assert!(!ended.stderr.contains("panicked"), "{ended:#?}");
    assert!(
        !ended.stderr.contains('{') && !ended.stderr.contains("Error {"),
        "a Debug dump: {ended:#?}"
    );
}

/// A loopback port with nobody listening on it (it was free a moment ago).
pub fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A fake master on a free port, for one connection: it does the handshake
/// with `key` (none at all without one), then whatever `then` does with the
/// connection. A panic in it fails the test at `join`.
pub fn fake_master<F, Fut>(
    key: Option<&'static [u8]>,
    then: F,
) -> (u16, std::thread::JoinHandle<()>)
where
    F: FnOnce(proto::Conn) -> Fut + Send + 'static,
    Fut: Future<Output = ()>,
{
    let listener = StdListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let thread = std::thread::spawn(move || {
        rt().block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let (stream, _) = listener.accept().await.unwrap();
            let mut conn = proto::framed(stream);
            if let Some(key) = key {
                let nonce = vec![3; 32];
                let challenge = ToWorker::Challenge { nonce };
                proto::send(&mut conn, &challenge).await.unwrap();
                let ToMaster::Hello { nonce: theirs, .. } = proto::recv(&mut conn).await.unwrap()
                else {
                    panic!("expected Hello")
                };
                let proof = proto::proof(key, "master", &theirs);
                proto::send(&mut conn, &ToWorker::Welcome { proof })
                    .await
                    .unwrap();
            }
            then(conn).await;
        });
    });
    (port, thread)
}
