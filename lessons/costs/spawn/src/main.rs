//! What it costs to start one unit of work and wait for it to end, in each of
//! the course's four models: a process, an OS thread, a may coroutine and a
//! tokio task. Each unit does nothing at all, so what is timed is the model's
//! own overhead: the work every `spawn` and `join` of the earlier chapters paid
//! before a single line of the learner's code ran.
//!
//! Run it in release mode: `cargo run --release -p costs-spawn`.

use std::io;
use std::thread;
use std::time::Instant;

use costs_harness::{Options, Record, per_op, timed};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork};

fn main() -> shared::failure::Result {
    shared::process::init();
    let options = Options::from_args();
    let plan = options.plan;
    options.heading("spawn and join one unit that does nothing: median per unit (p10 .. p90)");

    // First, while this program has one thread: fork copies only the caller.
    let fork_join = per_op(&plan, |n| timed(n, fork_and_wait))?;
    let exec_join = per_op(&plan, |n| {
        timed(n, || {
            procspawn::spawn((), |()| ())
                .join()
                .map_err(io::Error::other)
        })
    })?;
    options.report(
        &Record::time("spawn", "process", "fork() + waitpid()", fork_join).with_note(format!(
            "procspawn::spawn + join, which runs this binary afresh: {}",
            costs_harness::human(exec_join.median, "s")
        )),
    );

    let threads = per_op(&plan, |n| {
        timed(n, || {
            thread::spawn(|| {})
                .join()
                .map_err(|_| io::Error::other("a thread panicked"))
        })
    })?;
    options.report(&Record::time(
        "spawn",
        "thread",
        "std::thread::spawn + join",
        threads,
    ));

    // One worker, as in the coroutines chapter; the timing runs inside a
    // coroutine, so that `join` parks a coroutine, not the main thread.
    may::config().set_workers(1);
    let coroutines = may::go!(move || per_op(&plan, |n| timed(n, spawn_coroutine)))
        .join()
        .map_err(|_| io::Error::other("the timing coroutine panicked"))??;
    options.report(&Record::time(
        "spawn",
        "coroutine",
        "may go! + join, from a coroutine (1 worker)",
        coroutines,
    ));

    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let tasks = per_op(&plan, |n| {
        runtime.block_on(async move {
            let started = Instant::now();
            for _ in 0..n {
                tokio::spawn(async {}).await.map_err(io::Error::other)?;
            }
            Ok::<_, io::Error>(started.elapsed())
        })
    })?;
    options.report(&Record::time(
        "spawn",
        "task",
        "tokio::spawn + await (current-thread runtime)",
        tasks,
    ));
    Ok(())
}

/// A child process that exits at once, and the parent's wait for it.
fn fork_and_wait() -> io::Result<()> {
    // SAFETY: this program has a single thread when it forks (see `main`),
    // and the child only calls `_exit`, which is async-signal-safe.
    match unsafe { fork() }? {
        // SAFETY: `_exit` ends the child without running the parent's exit handlers.
        ForkResult::Child => unsafe { libc::_exit(0) },
        ForkResult::Parent { child } => {
            waitpid(child, None)?;
            Ok(())
        }
    }
}

fn spawn_coroutine() -> io::Result<()> {
    may::go!(|| {})
        .join()
        .map_err(|_| io::Error::other("a coroutine panicked"))
}
