//! The worker: connects, proves it knows the key (and checks that the master
//! does), then squares numbers until the master says there are no more.

use std::fmt;

use tokio::net::TcpStream;

use crate::proto::{self, ProtoError, ToMaster, ToWorker};

/// How a worker runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub name: String,
    pub key: Vec<u8>,
    /// Lesson seconds each task takes, so that several workers share the work.
    pub task_secs: f64,
}

/// Why a worker stopped before the work was done.
#[derive(Debug)]
pub enum WorkerError {
    /// The master refused our key.
    Refused(String),
    /// The master could not prove it knows the key.
    MasterUnknown,
    /// The connection failed or the master sent nonsense.
    Proto(ProtoError),
}

impl fmt::Display for WorkerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkerError::Refused(reason) => write!(f, "the master refused this worker: {reason}"),
            WorkerError::MasterUnknown => f.write_str("the master does not know the auth key"),
            WorkerError::Proto(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for WorkerError {}

impl From<ProtoError> for WorkerError {
    fn from(e: ProtoError) -> Self {
        WorkerError::Proto(e)
    }
}

/// Works for the master at `addr` until there is no more work; returns how
/// many tasks this worker did.
pub async fn run(addr: &str, options: &Options) -> Result<usize, WorkerError> {
    let io = |e| WorkerError::Proto(ProtoError::Io(e));
    let stream = TcpStream::connect(addr).await.map_err(io)?;
    let mut conn = proto::framed(stream).map_err(io)?;
    let log = |what: String| shared::output::log_line(&format!("{}: {what}", options.name));

    // The master's challenge, our answer, and our challenge to it.
    let ToWorker::Challenge { nonce } = proto::recv(&mut conn).await? else {
        return Err(WorkerError::MasterUnknown);
    };
    let ours = proto::nonce().map_err(io)?;
    let hello = ToMaster::Hello {
        name: options.name.clone(),
        proof: proto::proof(&options.key, "worker", &nonce),
        nonce: ours.clone(),
    };
    proto::send(&mut conn, &hello).await?;
    match proto::recv(&mut conn).await? {
        ToWorker::Welcome { proof } if proto::check(&options.key, "master", &ours, &proof) => {}
        ToWorker::Refused { reason } => return Err(WorkerError::Refused(reason)),
        _ => return Err(WorkerError::MasterUnknown),
    }
    log(format!("connected to {addr}"));

    let mut done = 0;
    loop {
        match proto::recv(&mut conn).await? {
            ToWorker::Task(task) => {
                log(format!("run task {}: {} * {}", task.id, task.n, task.n));
                // Even a zero-length tokio sleep waits for the timer's next
                // millisecond tick, so skip it when the work takes no time.
                if options.task_secs > 0.0 {
                    tokio::time::sleep(shared::time::secs(options.task_secs)).await;
                }
                let square = task.n * task.n;
                let result = ToMaster::Result {
                    id: task.id,
                    n: task.n,
                    square,
                };
                proto::send(&mut conn, &result).await?;
                done += 1;
            }
            ToWorker::Done => {
                log(format!("worker exit after {done} task(s)"));
                return Ok(done);
            }
            _ => return Err(WorkerError::MasterUnknown),
        }
    }
}
