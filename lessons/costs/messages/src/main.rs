//! What it costs to pass a message from one unit of work to another, in each
//! model, through the channel the course uses for it: ipc-channel between
//! processes, crossbeam-channel between threads, may's channel between
//! coroutines and tokio's mpsc between tasks.
//!
//! Two figures per model. The *round trip*: one unit sends a number, the
//! other sends it straight back. The *throughput*: one producer sends a batch
//! of numbers as fast as it can, one consumer counts them and answers with the
//! count at the end of the batch.
//!
//! Like `costs-switch`, the program pins itself to one CPU, so that what it
//! measures is the channel and the switch, not how long this machine takes to
//! wake an idle core (`--two-cores` measures that too: see the README).
//!
//! Run it in release mode: `cargo run --release -p costs-messages`.

use std::fmt::Debug;
use std::io;
use std::thread;
use std::time::{Duration, Instant};

use costs_harness::{Options, Plan, Record, Summary, per_op, timed};
use ipc_channel::ipc::{self, IpcReceiver, IpcSender};

/// Measures one model: its round trip, then its throughput (per message).
type Measure = fn(&Plan) -> io::Result<[Summary; 2]>;

/// Marks the end of a throughput batch; the consumer answers with its count.
const END: u64 = u64::MAX;

/// Room in the bounded channels of the throughput runs.
const CAPACITY: usize = 1024;

fn main() -> shared::failure::Result {
    shared::process::init();
    let options = Options::from_args();
    let plan = options.plan;
    let models: [(&str, &str, Measure); 4] = [
        (
            "process",
            "ipc-channel, parent and procspawn child",
            processes,
        ),
        ("thread", "crossbeam-channel, two threads", threads),
        (
            "coroutine",
            "may::sync::mpsc, two coroutines (1 worker)",
            coroutines,
        ),
        (
            "task",
            "tokio::sync::mpsc, two tasks (current-thread)",
            tasks,
        ),
    ];
    let on = options.pin();
    let mut throughputs = Vec::new();
    options.heading(&format!(
        "message round trip: one unit sends a number, the other sends it back, {on}"
    ));
    for (model, how, measure) in models {
        let [round_trip, throughput] = measure(&plan)?;
        options.report(&Record::time("round_trip", model, how, round_trip));
        throughputs.push(Record::rate("throughput", model, how, throughput));
    }
    options.heading(&format!(
        "throughput: one producer, one consumer, bounded channels of {CAPACITY} where the model has them"
    ));
    for record in &throughputs {
        options.report(record);
    }
    Ok(())
}

/// Echoes, or counts until `END`, whatever the other unit sends.
fn serve(rx: impl Fn() -> Option<u64>, tx: impl Fn(u64) -> bool) {
    let mut count = 0;
    while let Some(n) = rx() {
        let answer = match n {
            END => std::mem::take(&mut count),
            n if n % 2 == 1 => n, // an odd number asks for an echo
            _ => {
                count += 1;
                continue;
            }
        };
        if !tx(answer) {
            break;
        }
    }
}

/// One round trip: an odd number out, the same number back.
fn echo(
    send: impl Fn(u64) -> io::Result<()>,
    recv: impl Fn() -> io::Result<u64>,
) -> io::Result<()> {
    send(1)?;
    recv().map(drop)
}

/// A batch of `n` numbers, then `END`; times it until the count comes back.
fn batch(
    n: u64,
    send: impl Fn(u64) -> io::Result<()>,
    recv: impl Fn() -> io::Result<u64>,
) -> io::Result<Duration> {
    let started = Instant::now();
    for _ in 0..n {
        send(0)?;
    }
    send(END)?;
    let counted = recv()?;
    if counted != n {
        return Err(io::Error::other(format!(
            "the consumer counted {counted} of {n} messages"
        )));
    }
    Ok(started.elapsed())
}

fn broken(e: impl Debug) -> io::Error {
    io::Error::other(format!("the channel broke: {e:?}"))
}

fn processes(plan: &Plan) -> io::Result<[Summary; 2]> {
    let (to_child, child_rx) = ipc::channel::<u64>()?;
    let (child_tx, from_child) = ipc::channel::<u64>()?;
    let child = procspawn::spawn((child_rx, child_tx), |(rx, tx)| {
        serve(|| rx.recv().ok(), |n: u64| IpcSender::send(&tx, n).is_ok())
    });
    let result = process_figures(plan, &to_child, &from_child);
    // Closing the channel ends the child's loop; then it is reaped.
    drop(to_child);
    child.join().map_err(io::Error::other)?;
    result
}

fn process_figures(
    plan: &Plan,
    tx: &IpcSender<u64>,
    rx: &IpcReceiver<u64>,
) -> io::Result<[Summary; 2]> {
    let send = |n| tx.send(n).map_err(broken);
    let recv = || rx.recv().map_err(broken);
    let round_trip = per_op(plan, |n| timed(n, || echo(send, recv)))?;
    let throughput = per_op(plan, |n| batch(n, send, recv))?;
    Ok([round_trip, throughput])
}

fn threads(plan: &Plan) -> io::Result<[Summary; 2]> {
    let mut figures = Vec::new();
    for capacity in [1, CAPACITY] {
        let (tx, peer_rx) = crossbeam_channel::bounded::<u64>(capacity);
        let (peer_tx, rx) = crossbeam_channel::bounded::<u64>(1);
        let peer =
            thread::spawn(move || serve(|| peer_rx.recv().ok(), |n| peer_tx.send(n).is_ok()));
        let send = |n| tx.send(n).map_err(broken);
        let recv = || rx.recv().map_err(broken);
        figures.push(if capacity == 1 {
            per_op(plan, |n| timed(n, || echo(send, recv)))
        } else {
            per_op(plan, |n| batch(n, send, recv))
        }?);
        drop(tx);
        peer.join()
            .map_err(|_| io::Error::other("a thread panicked"))?;
    }
    Ok([figures[0], figures[1]])
}

fn coroutines(plan: &Plan) -> io::Result<[Summary; 2]> {
    use may::sync::mpsc::channel;
    may::config().set_workers(1);
    let plan = *plan;
    // Both ends are coroutines: the timing runs inside one, too.
    may::go!(move || {
        let (tx, peer_rx) = channel::<u64>();
        let (peer_tx, rx) = channel::<u64>();
        let peer = may::go!(move || serve(|| peer_rx.recv().ok(), |n| peer_tx.send(n).is_ok()));
        let send = |n| tx.send(n).map_err(broken);
        let recv = || rx.recv().map_err(broken);
        let round_trip = per_op(&plan, |n| timed(n, || echo(send, recv)));
        // may's channel is unbounded: the producer never waits for room.
        let throughput = per_op(&plan, |n| batch(n, send, recv));
        drop(tx);
        peer.join()
            .map_err(|_| io::Error::other("a coroutine panicked"))?;
        Ok([round_trip?, throughput?])
    })
    .join()
    .map_err(|_| io::Error::other("the timing coroutine panicked"))?
}

fn tasks(plan: &Plan) -> io::Result<[Summary; 2]> {
    use tokio::sync::mpsc::channel;
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let mut figures = Vec::new();
    for capacity in [1, CAPACITY] {
        let (tx, mut peer_rx) = channel::<u64>(capacity);
        let (peer_tx, mut rx) = channel::<u64>(1);
        let peer = runtime.spawn(async move {
            let mut count = 0;
            while let Some(n) = peer_rx.recv().await {
                let answer = match n {
                    END => std::mem::take(&mut count),
                    n if n % 2 == 1 => n,
                    _ => {
                        count += 1;
                        continue;
                    }
                };
                if peer_tx.send(answer).await.is_err() {
                    break;
                }
            }
        });
        let summary = per_op(plan, |n| {
            runtime.block_on(async {
                // The same steps as `echo` and `batch`, awaited.
                let started = Instant::now();
                if capacity == 1 {
                    for _ in 0..n {
                        tx.send(1).await.map_err(broken)?;
                        rx.recv().await.ok_or_else(|| broken("closed"))?;
                    }
                } else {
                    for _ in 0..n {
                        tx.send(0).await.map_err(broken)?;
                    }
                    tx.send(END).await.map_err(broken)?;
                    let counted = rx.recv().await.ok_or_else(|| broken("closed"))?;
                    if counted != n {
                        return Err(broken(format!("counted {counted} of {n}")));
                    }
                }
                Ok(started.elapsed())
            })
        })?;
        drop(tx);
        runtime.block_on(peer).map_err(io::Error::other)?;
        figures.push(summary);
    }
    Ok([figures[0], figures[1]])
}
