//! What one context switch costs: the moment one unit of work stops and
//! another starts on the same core, in each of the four models.
//!
//! The whole program runs pinned to one CPU, so that two units really take
//! turns on it instead of running side by side on two cores.
//!
//! - Two processes, and then two threads, ping-pong one byte through a pair
//!   of pipes. Each waits in `read` for the other: every turn goes through
//!   the kernel's scheduler, which saves one unit's registers and loads the
//!   other's (and, between processes, switches the address space too). A
//!   round trip is two switches.
//! - Two may coroutines, and then two tokio tasks, give way to each other in
//!   a loop (`yield_now`). No kernel is involved: the switch is a jump in user
//!   space, by may's scheduler swapping stacks, or by tokio's polling the
//!   next future. Each `yield_now` is one switch.
//!
//! Run it in release mode: `cargo run --release -p costs-switch`.

use std::io::{self, PipeReader, PipeWriter, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Instant;

use costs_harness::{Options, Plan, Record, Summary, human, per_op, timed};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};

fn main() -> shared::failure::Result {
    shared::start();
    let options = Options::from_args();
    let plan = options.plan;
    let on = options.pin();
    options.heading(&format!(
        "context switch between two units taking turns, {on}"
    ));

    // Each turn of the ping-pong is a `write` and a `read` besides the switch:
    // timed alone, in one thread, they show what the switch itself costs.
    let calls = format!(
        "of which a write and a read, timed without a switch: {}",
        human(system_calls(&plan)?.median, "s")
    );
    // First, while this program has one thread: fork copies only the caller.
    options.report(
        &Record::time(
            "switch",
            "process",
            "two processes ping-pong a byte through pipes (half a round trip)",
            half(processes(&plan)?),
        )
        .with_note(calls.clone()),
    );
    options.report(
        &Record::time(
            "switch",
            "thread",
            "two threads ping-pong a byte through pipes (half a round trip)",
            half(threads(&plan)?),
        )
        .with_note(calls),
    );
    options.report(&Record::time(
        "switch",
        "coroutine",
        "two may coroutines, yield_now in turn (1 worker)",
        half(coroutines(&plan)?),
    ));
    options.report(&Record::time(
        "switch",
        "task",
        "two tokio tasks, yield_now in turn (current-thread)",
        half(tasks(&plan)?),
    ));
    Ok(())
}

/// Each timed step makes two switches; the figure is per switch.
fn half(s: Summary) -> Summary {
    Summary {
        median: s.median / 2.0,
        low: s.low / 2.0,
        high: s.high / 2.0,
        ..s
    }
}

/// One byte written to a pipe and read back by the same thread: the system
/// calls of one turn, without a switch.
fn system_calls(plan: &Plan) -> io::Result<Summary> {
    let (mut rx, mut tx) = io::pipe()?;
    per_op(plan, |n| timed(n, || round_trip(&mut tx, &mut rx)))
}

/// Sends one byte and waits for it to come back.
fn round_trip(to: &mut PipeWriter, from: &mut PipeReader) -> io::Result<()> {
    to.write_all(b"!")?;
    let mut byte = [0u8; 1];
    from.read_exact(&mut byte)
}

/// Returns every byte it reads, until the other end closes its pipe.
fn bounce(from: &mut PipeReader, to: &mut PipeWriter) {
    let mut byte = [0u8; 1];
    while from.read_exact(&mut byte).is_ok() && to.write_all(&byte).is_ok() {}
}

/// A forked child bounces bytes; the parent times its ping-pong with it.
fn processes(plan: &Plan) -> io::Result<Summary> {
    let (mut child_rx, mut tx) = io::pipe()?;
    let (mut rx, mut child_tx) = io::pipe()?;
    // SAFETY: this program has a single thread when it forks (see `main`),
    // and the child only reads, writes and exits.
    let child = match unsafe { fork() }? {
        ForkResult::Child => {
            shared::process::die_with_parent();
            // The parent's end must be closed here too, or end-of-file never comes.
            drop(tx);
            bounce(&mut child_rx, &mut child_tx);
            // SAFETY: `_exit` ends the child without the parent's exit handlers.
            unsafe { libc::_exit(0) }
        }
        ForkResult::Parent { child } => child,
    };
    drop((child_rx, child_tx));
    let summary = per_op(plan, |n| timed(n, || round_trip(&mut tx, &mut rx)));
    // Closing our end ends the child's loop; then it is reaped.
    drop(tx);
    waitpid(child, None)?;
    summary
}

fn threads(plan: &Plan) -> io::Result<Summary> {
    let (mut peer_rx, mut tx) = io::pipe()?;
    let (mut rx, mut peer_tx) = io::pipe()?;
    let peer = thread::spawn(move || bounce(&mut peer_rx, &mut peer_tx));
    let summary = per_op(plan, |n| timed(n, || round_trip(&mut tx, &mut rx)));
    drop(tx);
    peer.join()
        .map_err(|_| io::Error::other("a thread panicked"))?;
    summary
}

fn coroutines(plan: &Plan) -> io::Result<Summary> {
    use may::coroutine::yield_now;
    may::config().set_workers(1);
    let plan = *plan;
    may::go!(move || {
        let done = Arc::new(AtomicBool::new(false));
        let other = done.clone();
        let peer = may::go!(move || {
            while !other.load(Ordering::Relaxed) {
                yield_now();
            }
        });
        // Each of our yields runs the peer once, which yields back: two switches.
        let summary = per_op(&plan, |n| {
            timed(n, || {
                yield_now();
                Ok::<_, io::Error>(())
            })
        });
        done.store(true, Ordering::Relaxed);
        peer.join()
            .map_err(|_| io::Error::other("a coroutine panicked"))?;
        summary
    })
    .join()
    .map_err(|_| io::Error::other("the timing coroutine panicked"))?
}

fn tasks(plan: &Plan) -> io::Result<Summary> {
    use tokio::task::yield_now;
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let done = Arc::new(AtomicBool::new(false));
    let other = done.clone();
    let peer = runtime.spawn(async move {
        while !other.load(Ordering::Relaxed) {
            yield_now().await;
        }
    });
    // Each of our yields runs the peer once, which yields back: two switches.
    let summary = per_op(plan, |n| {
        runtime.block_on(async {
            let started = Instant::now();
            for _ in 0..n {
                yield_now().await;
            }
            Ok::<_, io::Error>(started.elapsed())
        })
    });
    done.store(true, Ordering::Relaxed);
    runtime.block_on(peer).map_err(io::Error::other)?;
    summary
}
