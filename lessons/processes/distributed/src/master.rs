//! The master: a board of tasks, and a server that hands them out.
//!
//! Each worker's connection is a tokio task. It checks the key, then gives
//! the worker one task at a time and waits for the result. While it waits,
//! the task is *in flight*, and only this connection holds it: if the
//! connection breaks first (the worker was killed, the network failed), the
//! task goes back to the front of the queue for another worker. A result
//! counts only if it answers the task this connection sent, so nothing is
//! lost and nothing is counted twice.
//!
//! The board is a `std::sync::Mutex`: it is held for a few lines at a time
//! and never across an `.await`, which is when the standard mutex is the
//! right one even in async code. A `Notify` wakes whoever waits for the board
//! to change.

use std::collections::{BTreeMap, VecDeque};
use std::error::Error;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use shared::output::log_line;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

use crate::proto::{self, Conn, HANDSHAKE_TIMEOUT, ProtoError, Task, ToMaster, ToWorker};

/// What the master did, once every result is in.
#[derive(Debug, Default)]
pub struct Report {
    /// Each task's `(n, n * n, the worker that computed it)`.
    pub results: BTreeMap<u32, (u64, u64, String)>,
    /// How many times a lost worker's task went back to the queue.
    pub requeued: usize,
    /// Results for a task already done, as Python's master counts them. Here
    /// such a result is also refused: it is not the one its connection owes.
    pub twice: usize,
}

struct Board {
    pending: VecDeque<Task>,
    total: usize,
    /// Workers connected now, past the handshake.
    workers: usize,
    report: Report,
}

struct Shared {
    board: Mutex<Board>,
    changed: Notify,
    key: Vec<u8>,
}

impl Board {
    fn complete(&self) -> bool {
        self.report.results.len() == self.total
    }
}

impl Shared {
    fn board(&self) -> MutexGuard<'_, Board> {
        // No step leaves the board half-changed, even one that panics.
        self.board.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until `look` finds on the board what it wants.
    async fn until<T>(&self, mut look: impl FnMut(&mut Board) -> Option<T>) -> T {
        loop {
            // Register for the wake-up *before* looking: `notify_waiters`
            // wakes only those registered, so a change in between would be lost.
            let mut changed = pin!(self.changed.notified());
            changed.as_mut().enable();
            if let Some(found) = look(&mut self.board()) {
                return found;
            }
            changed.await;
        }
    }
}

/// Serves `tasks` to the workers that connect to `listener`, until every
/// result is in and every worker has been told so.
pub async fn run(listener: TcpListener, tasks: Vec<Task>, key: &str) -> Report {
    let board = Board {
        total: tasks.len(),
        pending: tasks.into(),
        workers: 0,
        report: Report::default(),
    };
    let shared = Arc::new(Shared {
        board: Mutex::new(board),
        changed: Notify::new(),
        key: key.as_bytes().to_vec(),
    });
    let accept = async {
        loop {
            match listener.accept().await {
                Ok((stream, peer)) => {
                    tokio::spawn(serve(stream, peer, shared.clone()));
                }
                Err(err) => log_line(&format!("master: accept failed: {err}")),
            }
        }
    };
    // Each connection tells its worker Done before it counts itself out.
    let finished = shared.until(|board| (board.complete() && board.workers == 0).then_some(()));
    tokio::select! {
        _ = accept => {}
        () = finished => {}
    }
    std::mem::take(&mut shared.board().report)
}

/// One connection, from the handshake to Done, or to its loss. Each is its
/// own task: a bad one is dropped, and the others never notice.
async fn serve(stream: TcpStream, peer: SocketAddr, shared: Arc<Shared>) {
    let mut conn = proto::framed(stream);
    let shake = tokio::time::timeout(HANDSHAKE_TIMEOUT, handshake(&mut conn, &shared.key));
    let name = match shake.await {
        Ok(Ok(name)) => name,
        Ok(Err(reason)) => return log_line(&format!("master: dropped {peer}: {reason}")),
        Err(_) => {
            let secs = HANDSHAKE_TIMEOUT.as_secs();
            return log_line(&format!(
                "master: dropped {peer}: no handshake within {secs} s"
            ));
        }
    };
    shared.board().workers += 1;
    log_line(&format!("master: {name} joined from {peer}"));

    loop {
        // A pending task, or None once every result is in. While others hold
        // the last tasks, wait: one of them may come back.
        let next = shared.until(|board| match board.pending.pop_front() {
            Some(task) => Some(Some(task)),
            None => board.complete().then_some(None),
        });
        let Some(task) = next.await else {
            let _ = proto::send(&mut conn, &ToWorker::Done).await;
            break;
        };
        if let Err(err) = in_flight(&mut conn, task, &name, &shared).await {
            let mut board = shared.board();
            board.pending.push_front(task);
            board.report.requeued += 1;
            drop(board);
            let id = task.id;
            log_line(&format!(
                "master: lost {name} ({err}); task {id} queued again"
            ));
            break;
        }
    }

    let mut board = shared.board();
    board.workers -= 1;
    let (workers, left) = (board.workers, board.total - board.report.results.len());
    drop(board);
    if workers == 0 && left > 0 {
        // Not an error: workers may come later, or from elsewhere. Only the
        // demo in main.rs knows that no other will come, and gives up there.
        log_line(&format!(
            "master: no worker connected; {left} task(s) left to do"
        ));
    }
    shared.changed.notify_waiters();
}

/// Checks the worker's proof and gives the master's; returns the worker's name.
async fn handshake(conn: &mut Conn, key: &[u8]) -> Result<String, Box<dyn Error>> {
    let nonce = proto::nonce()?;
    let challenge = ToWorker::Challenge {
        nonce: nonce.clone(),
    };
    proto::send(conn, &challenge).await?;
    let ToMaster::Hello {
        name,
        proof,
        nonce: theirs,
    } = proto::recv(conn).await?
    else {
        return Err("sent a result before the handshake".into());
    };
    if !proto::check(key, "worker", &nonce, &proof) {
        let refused = ToWorker::Refused {
            reason: "wrong auth key".into(),
        };
        let _ = proto::send(conn, &refused).await;
        return Err(format!("refused {name:?}: wrong auth key").into());
    }
    let proof = proto::proof(key, "master", &theirs);
    proto::send(conn, &ToWorker::Welcome { proof }).await?;
    Ok(name)
}

/// Sends `task` to the worker and records its result: only the one it owes.
async fn in_flight(
    conn: &mut Conn,
    task: Task,
    name: &str,
    shared: &Shared,
) -> Result<(), ProtoError> {
    proto::send(conn, &ToWorker::Task(task)).await?;
    let ToMaster::Result { id, n, square } = proto::recv(conn).await? else {
        return Err(ProtoError::Garbage("expected a result".into()));
    };
    let mut board = shared.board();
    if (id, n) != (task.id, task.n) || n.checked_mul(n) != Some(square) {
        board.report.twice += usize::from(board.report.results.contains_key(&id));
        return Err(ProtoError::Garbage(format!(
            "unexpected result for task {id}"
        )));
    }
    board
        .report
        .results
        .insert(id, (n, square, name.to_string()));
    if board.complete() {
        drop(board);
        shared.changed.notify_waiters();
    }
    Ok(())
}
