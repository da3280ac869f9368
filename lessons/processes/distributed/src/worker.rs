//! The worker: connects, proves it knows the key (and checks that the master
//! does), then squares numbers until the master says there are no more.
//!
//! Every way this can fail ends in a [`WorkerError`] that names the master's
//! address and says what probably happened: a learner who started the worker
//! first, mistyped the port or the key, or stopped the master mid-work reads
//! which of those it was.

use std::fmt;
use std::time::Duration;

use crate::address::{Address, NetError};
use crate::proto::{self, Conn, ProtoError, ToMaster, ToWorker};

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub name: String,
    pub key: Vec<u8>,
    /// Lesson seconds each task takes, so that several workers share the work.
    pub task_secs: f64,
    /// How long to wait for the master's challenge. A program at the address
    /// that is not a master may never say anything.
    pub handshake_timeout: Duration,
    /// Whether to log each task on stderr (errors are returned either way).
    pub log: bool,
}

impl Options {
    pub fn new(name: &str, key: &str) -> Self {
        Options {
            name: name.to_string(),
            key: key.as_bytes().to_vec(),
            task_secs: 0.0,
            handshake_timeout: Duration::from_secs(5),
            log: true,
        }
    }
}

/// Why a worker stopped before the work was done.
#[derive(Debug)]
pub enum WorkerError {
    /// The master could not be reached.
    Connect(NetError),
    /// Something answered at the address, but not as a master of this lesson.
    NotAMaster { master: Address, why: String },
    /// The master refused our key.
    Refused { master: Address, reason: String },
    /// The master could not prove it knows the key.
    MasterUnknown { master: Address },
    /// The connection broke after the handshake, before the master said Done.
    Lost { master: Address, why: ProtoError },
    /// The master sent something this worker cannot act on.
    Broken { master: Address, what: String },
    /// The system gave no random bytes for this worker's challenge.
    NoRandomness(std::io::Error),
}

impl fmt::Display for WorkerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkerError::Connect(e) => write!(f, "{e}"),
            WorkerError::NotAMaster { master, why } => write!(
                f,
                "the program at {master} did not answer as this lesson's master: {why}. \
                 Check the address, and that the master is still running."
            ),
            WorkerError::Refused { master, reason } => write!(
                f,
                "the master at {master} refused this worker: {reason}. Give the worker the \
                 master's key with --key."
            ),
            WorkerError::MasterUnknown { master } => write!(
                f,
                "the master at {master} could not prove that it knows the auth key: it uses \
                 another key, or it is not the master you meant. Check --key and the address."
            ),
            WorkerError::Lost { master, why } => write!(
                f,
                "lost the master at {master} before the work was done ({why}): it was \
                 stopped, or the network failed."
            ),
            WorkerError::Broken { master, what } => {
                write!(f, "the master at {master} broke the protocol: {what}.")
            }
            WorkerError::NoRandomness(e) => {
                write!(f, "the system gave no random bytes for the handshake: {e}")
            }
        }
    }
}

impl std::error::Error for WorkerError {}

/// Works for the master at `master` until there is no more work; returns how
/// many tasks this worker did.
pub async fn run(master: &Address, options: &Options) -> Result<usize, WorkerError> {
    let stream = master.connect().await.map_err(WorkerError::Connect)?;
    let lost = |why| WorkerError::Lost {
        master: master.clone(),
        why,
    };
    let mut conn = proto::framed(stream).map_err(|e| lost(ProtoError::Io(e)))?;
    let log = |what: String| {
        if options.log {
            shared::output::log_line(&format!("{}: {what}", options.name));
        }
    };

    let timeout = options.handshake_timeout;
    match tokio::time::timeout(timeout, handshake(&mut conn, master, options)).await {
        Ok(Ok(())) => {}
        Ok(Err(err)) => return Err(err),
        Err(_) => {
            return Err(WorkerError::NotAMaster {
                master: master.clone(),
                why: format!("it said nothing within {} s", timeout.as_secs_f64()),
            });
        }
    }
    log(format!("connected to {master}"));

    let broken = |what| WorkerError::Broken {
        master: master.clone(),
        what,
    };
    let mut done = 0;
    loop {
        let task = match proto::recv(&mut conn).await {
            Ok(ToWorker::Task(task)) => task,
            Ok(ToWorker::Done) => {
                log(format!("worker exit after {done} task(s)"));
                return Ok(done);
            }
            Ok(_) => {
                return Err(broken(
                    "it sent a handshake message in the middle of the work".into(),
                ));
            }
            Err(ProtoError::Malformed(e)) => {
                return Err(broken(format!(
                    "it sent something that is not a message of the protocol ({e})"
                )));
            }
            Err(why) => return Err(lost(why)),
        };
        // The master chooses n; a square that does not fit must not
        // overflow here (a panic in a debug build, a wrong answer in release).
        let Some(square) = task.n.checked_mul(task.n) else {
            return Err(broken(format!(
                "task {} asks for the square of {}, which does not fit in 64 bits",
                task.id, task.n
            )));
        };
        log(format!("run task {}: {} * {}", task.id, task.n, task.n));
        // Even a zero-length tokio sleep waits for the timer's next
        // millisecond tick, so skip it when the work takes no time.
        if options.task_secs > 0.0 {
            tokio::time::sleep(shared::time::secs(options.task_secs)).await;
        }
        let result = ToMaster::Result {
            id: task.id,
            n: task.n,
            square,
        };
        proto::send(&mut conn, &result).await.map_err(lost)?;
        done += 1;
    }
}

/// The master's challenge, our answer, and our challenge to it.
async fn handshake(
    conn: &mut Conn,
    master: &Address,
    options: &Options,
) -> Result<(), WorkerError> {
    let not_a_master = |why: String| WorkerError::NotAMaster {
        master: master.clone(),
        why,
    };
    let said = |err: ProtoError| match err {
        ProtoError::Closed => not_a_master("it closed the connection during the handshake".into()),
        ProtoError::Malformed(e) => not_a_master(format!(
            "it sent something that is not a message of the protocol ({e})"
        )),
        // A frame too long or cut short: the codec's way of saying "not ours".
        ProtoError::Io(e) if e.kind() == std::io::ErrorKind::InvalidData => not_a_master(format!(
            "it sent something that is not a message of the protocol ({e})"
        )),
        ProtoError::Io(e) => not_a_master(format!("the handshake failed ({e})")),
    };
    let ToWorker::Challenge { nonce } = proto::recv(conn).await.map_err(said)? else {
        return Err(not_a_master("it did not begin with a challenge".into()));
    };
    let ours = proto::nonce().map_err(WorkerError::NoRandomness)?;
    let hello = ToMaster::Hello {
        name: options.name.clone(),
        proof: proto::proof(&options.key, "worker", &nonce),
        nonce: ours.clone(),
    };
    proto::send(conn, &hello).await.map_err(said)?;
    match proto::recv(conn).await.map_err(said)? {
        ToWorker::Welcome { proof } if proto::check(&options.key, "master", &ours, &proof) => {
            Ok(())
        }
        ToWorker::Refused { reason } => Err(WorkerError::Refused {
            master: master.clone(),
            reason,
        }),
        _ => Err(WorkerError::MasterUnknown {
            master: master.clone(),
        }),
    }
}
