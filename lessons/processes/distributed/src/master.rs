//! The master: a board of tasks, and a server that hands them out.
//!
//! Each worker connection is a tokio task. It proves the key, then loops:
//! take the next task from the board, send it, wait for the result, record
//! it. A task is *in flight* from the moment it is sent until its result is
//! recorded. If the connection breaks first (the worker was killed, the
//! network failed), every task in flight on it goes back to the front of the
//! queue for another worker. A result is recorded once, and only from the
//! worker the task was given to, so nothing is lost and nothing counted twice.
//!
//! The board is a `std::sync::Mutex`: it is held for a few lines at a time
//! and never across an `.await`, which is the case where the standard mutex
//! is the right one even in async code. A `Notify` wakes idle workers when a
//! task comes back or the work is done.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, mpsc};

use shared::output::log_line;

use crate::proto::{self, Conn, ProtoError, Task, ToMaster, ToWorker};

/// How the master runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub key: Vec<u8>,
    /// How long a new connection has to prove the key.
    pub handshake_timeout: Duration,
    /// Where to report events as they happen (for tests and measurements).
    pub events: Option<mpsc::UnboundedSender<Event>>,
    /// Whether to log each worker's arrival and loss on stderr. Dropped
    /// connections are logged either way: they are what went wrong.
    pub log: bool,
}

impl Options {
    pub fn new(key: &str) -> Self {
        Options {
            key: key.as_bytes().to_vec(),
            handshake_timeout: Duration::from_secs(5),
            events: None,
            log: true,
        }
    }
}

/// Something that happened on the master.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Joined {
        worker: String,
    },
    Assigned {
        task: u32,
        worker: String,
    },
    Completed {
        task: u32,
        worker: String,
    },
    /// A worker's connection broke with this task in flight; it is queued again.
    Requeued {
        task: u32,
        worker: String,
    },
    /// A connection was dropped without being served.
    Dropped {
        peer: SocketAddr,
        reason: String,
    },
}

/// What the master did, when every result is in.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every task's result: `(n, n * n, the worker that computed it)`.
    pub results: BTreeMap<u32, (u64, u64, String)>,
    /// Tasks that went back to the queue, and whose worker lost them.
    pub requeued: Vec<(u32, String)>,
    /// Connections dropped without being served, and why.
    pub dropped: Vec<String>,
    /// Results that arrived for a task already done (always 0, by construction).
    pub duplicates: usize,
}

struct Board {
    pending: VecDeque<Task>,
    /// Task id → the connection it was sent on, and the task. A connection,
    /// not a name: names are the workers' own choice, and two may share one.
    in_flight: HashMap<u32, (u64, Task)>,
    total: usize,
    /// Workers connected now (past the handshake).
    workers: usize,
    /// Workers that ever got past the handshake: each connection's serial.
    joined: u64,
    report: Report,
}

impl Board {
    fn complete(&self) -> bool {
        self.report.results.len() == self.total
    }
}

struct Shared {
    board: Mutex<Board>,
    changed: Notify,
    options: Options,
}

impl Shared {
    fn board(&self) -> MutexGuard<'_, Board> {
        // A panic while holding the board would be a bug in this file; the
        // board itself stays consistent, so keep going with it.
        self.board
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn log(&self, line: &str) {
        if self.options.log {
            log_line(line);
        }
    }

    fn emit(&self, event: Event) {
        if let Some(events) = &self.options.events {
            let _ = events.send(event);
        }
    }
}

/// Serves `tasks` to the workers that connect to `listener`, until every
/// result is in, and says what happened.
pub async fn run(listener: TcpListener, tasks: Vec<Task>, options: Options) -> Report {
    let shared = Arc::new(Shared {
        board: Mutex::new(Board {
            total: tasks.len(),
            pending: tasks.into(),
            in_flight: HashMap::new(),
            workers: 0,
            joined: 0,
            report: Report::default(),
        }),
        changed: Notify::new(),
        options,
    });
    if shared.board().complete() {
        return Report::default();
    }
    let acceptor = tokio::spawn(accept(listener, Arc::clone(&shared)));
    loop {
        // Register for the wake-up *before* looking, or a change made in
        // between would be missed (notify_waiters wakes registered waiters only).
        let mut changed = pin!(shared.changed.notified());
        changed.as_mut().enable();
        if shared.board().complete() {
            break;
        }
        changed.await;
    }
    // Every result is in. Workers waiting for work are told Done by their
    // own connection tasks; give them a moment, then stop accepting.
    tokio::time::sleep(Duration::from_millis(50)).await;
    acceptor.abort();
    std::mem::take(&mut shared.board().report)
}

async fn accept(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => {
                tokio::spawn(serve(stream, peer, Arc::clone(&shared)));
            }
            Err(err) => log_line(&format!("master: accept failed: {err}")),
        }
    }
}

/// Drops a connection that did not get as far as a worker, with a log line.
fn drop_peer(shared: &Shared, peer: SocketAddr, reason: String) {
    log_line(&format!("master: dropped {peer}: {reason}"));
    shared.board().report.dropped.push(reason.clone());
    shared.emit(Event::Dropped { peer, reason });
}

async fn serve(stream: TcpStream, peer: SocketAddr, shared: Arc<Shared>) {
    let mut conn = match proto::framed(stream) {
        Ok(conn) => conn,
        Err(err) => return drop_peer(&shared, peer, err.to_string()),
    };
    let timeout = shared.options.handshake_timeout;
    let name = match tokio::time::timeout(timeout, handshake(&mut conn, &shared.options.key)).await
    {
        Ok(Ok(name)) => name,
        Ok(Err(reason)) => return drop_peer(&shared, peer, reason),
        Err(_) => {
            let secs = timeout.as_secs_f64();
            return drop_peer(&shared, peer, format!("no handshake within {secs} s"));
        }
    };
    let serial = {
        let mut board = shared.board();
        board.workers += 1;
        board.joined += 1;
        board.joined
    };
    shared.log(&format!("master: {name} joined from {peer}"));
    shared.emit(Event::Joined {
        worker: name.clone(),
    });

    let outcome = work(&mut conn, serial, &name, &shared).await;
    if let Err(err) = outcome {
        // Whatever this worker had in flight goes back to the queue.
        let mut board = shared.board();
        let lost: Vec<u32> = board
            .in_flight
            .iter()
            .filter(|(_, (sent_on, _))| *sent_on == serial)
            .map(|(task, _)| *task)
            .collect();
        for id in lost {
            if let Some((_, task)) = board.in_flight.remove(&id) {
                board.pending.push_front(task);
                board.report.requeued.push((id, name.clone()));
                shared.log(&format!(
                    "master: lost {name} ({err}); task {id} queued again"
                ));
                shared.emit(Event::Requeued {
                    task: id,
                    worker: name.clone(),
                });
            }
        }
        drop(board);
        shared.changed.notify_waiters();
    }
    let mut board = shared.board();
    board.workers -= 1;
    if board.workers == 0 && !board.complete() {
        // Not an error: a master waits for workers, who may come later or
        // from elsewhere. Only the one that started its workers itself knows
        // that no other will come, and it decides to give up (see main.rs).
        let waiting = board.total - board.report.results.len();
        drop(board);
        shared.log(&format!(
            "master: no worker connected; {waiting} task(s) left to do"
        ));
    }
}

/// Checks the worker's proof and proves the master's; returns the worker's name.
async fn handshake(conn: &mut Conn, key: &[u8]) -> Result<String, String> {
    let nonce = proto::nonce().map_err(|e| format!("no randomness: {e}"))?;
    proto::send(
        conn,
        &ToWorker::Challenge {
            nonce: nonce.clone(),
        },
    )
    .await
    .map_err(|e| e.to_string())?;
    match proto::recv(conn).await {
        Ok(ToMaster::Hello {
            name,
            proof,
            nonce: theirs,
        }) => {
            if !proto::check(key, "worker", &nonce, &proof) {
                let _ = proto::send(
                    conn,
                    &ToWorker::Refused {
                        reason: "wrong auth key".into(),
                    },
                )
                .await;
                return Err(format!("refused {name:?}: wrong auth key"));
            }
            let proof = proto::proof(key, "master", &theirs);
            proto::send(conn, &ToWorker::Welcome { proof })
                .await
                .map_err(|e| e.to_string())?;
            Ok(name)
        }
        Ok(ToMaster::Result { .. }) => Err("sent a result before the handshake".to_string()),
        Err(err) => Err(err.to_string()),
    }
}

/// Hands tasks to one worker until the board is complete.
async fn work(conn: &mut Conn, serial: u64, name: &str, shared: &Shared) -> Result<(), ProtoError> {
    loop {
        let mut changed = pin!(shared.changed.notified());
        changed.as_mut().enable();
        let next = {
            let mut board = shared.board();
            if board.complete() {
                None
            } else {
                match board.pending.pop_front() {
                    Some(task) => {
                        board.in_flight.insert(task.id, (serial, task));
                        Some(Some(task))
                    }
                    None => Some(None), // others have work in flight: wait
                }
            }
        };
        let task = match next {
            None => return proto::send(conn, &ToWorker::Done).await,
            Some(None) => {
                changed.await;
                continue;
            }
            Some(Some(task)) => task,
        };
        shared.emit(Event::Assigned {
            task: task.id,
            worker: name.to_string(),
        });
        proto::send(conn, &ToWorker::Task(task)).await?;
        let reply: ToMaster = proto::recv(conn).await?;
        record(shared, serial, name, task, reply)?;
    }
}

/// Records a result, if it is the one this worker owes.
fn record(
    shared: &Shared,
    serial: u64,
    name: &str,
    task: Task,
    reply: ToMaster,
) -> Result<(), ProtoError> {
    let ToMaster::Result { id, n, square } = reply else {
        return Err(ProtoError::Io(std::io::Error::other("expected a result")));
    };
    let mut board = shared.board();
    let owed = board
        .in_flight
        .get(&id)
        .is_some_and(|(sent_on, t)| *sent_on == serial && *t == task);
    if !owed || n.checked_mul(n) != Some(square) {
        board.report.duplicates += usize::from(board.report.results.contains_key(&id));
        return Err(ProtoError::Io(std::io::Error::other(format!(
            "unexpected result for task {id}"
        ))));
    }
    board.in_flight.remove(&id);
    board
        .report
        .results
        .insert(id, (n, square, name.to_string()));
    let done = board.complete();
    drop(board);
    shared.emit(Event::Completed {
        task: id,
        worker: name.to_string(),
    });
    if done {
        shared.changed.notify_waiters();
    }
    Ok(())
}
