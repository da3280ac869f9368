//! What one unit of work costs in memory while it waits, measured with 10 000
//! of them alive at once: processes, OS threads, may coroutines, tokio tasks.
//!
//! Every unit starts, says it is ready, and waits for something the main unit
//! holds (a pipe's far end, a write lock), so all of them are alive and parked
//! when the memory is read. The figure is the growth of the footprint (the
//! processes' proportional pages plus the kernel's memory for them, see
//! `costs_harness::Footprint`) divided by the number of units.
//!
//! Each model is measured in a fresh process of its own (procspawn), because
//! memory that one measurement freed would be reused by the next one, which
//! would then seem to cost nothing.
//!
//! Run it in release mode: `cargo run --release -p costs-memory`.

use std::io;
use std::os::fd::OwnedFd;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::thread;
use std::time::Duration;

use costs_harness::{Footprint, Options, Record, human};
use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, Pid, fork, pipe, read, write};
use serde::{Deserialize, Serialize};

/// What a measuring child sends back: the footprint before and after, how
/// many units were alive, and why fewer than asked, if so.
#[derive(Serialize, Deserialize)]
struct Reading {
    before: Footprint,
    after: Footprint,
    units: usize,
    short: Option<String>,
}

/// The models, with the mechanism each measurement uses.
const MODELS: [(&str, &str); 4] = [
    ("process", "fork()ed children blocked reading a pipe"),
    (
        "thread",
        "std::thread::spawn, blocked on an RwLock (2 MiB stacks reserved)",
    ),
    (
        "coroutine",
        "may go!, blocked on may's RwLock (32 KiB stacks)",
    ),
    (
        "task",
        "tokio::spawn, awaiting tokio's RwLock (current-thread runtime)",
    ),
];

fn main() -> shared::failure::Result {
    shared::process::init();
    let options = Options::from_args();
    let alive = options.plan.alive;
    options.heading(&format!(
        "memory per unit, with {alive} units alive at once and waiting"
    ));
    for (model, how) in MODELS {
        let reading = procspawn::spawn((model.to_string(), alive), |(model, alive)| {
            measure(&model, alive).map_err(|e| e.to_string())
        })
        .join()?
        .map_err(shared::failure::Failure::new)?;
        let (user, kernel) = reading.after.per_unit(&reading.before, reading.units);
        let mut note = format!(
            "{} in the processes, {} in the kernel",
            human(user, "B"),
            human(kernel, "B")
        );
        if let Some(short) = reading.short {
            note = format!("{note}; {short}");
        }
        options.report(&Record::bytes(model, how, user + kernel, reading.units).with_note(note));
    }
    Ok(())
}

/// In a fresh child process: keeps `alive` units of `model` alive, reads the footprint.
fn measure(model: &str, alive: usize) -> io::Result<Reading> {
    match model {
        "process" => processes(alive),
        "thread" => threads(alive),
        "coroutine" => coroutines(alive),
        _ => tasks(alive),
    }
}

/// Forks children that wait on a pipe until the parent closes it.
fn processes(wanted: usize) -> io::Result<Reading> {
    let (ready_rx, ready_tx) = pipe()?;
    let (release_rx, release_tx) = pipe()?;
    let before = Footprint::settled()?;
    let mut children: Vec<Pid> = Vec::with_capacity(wanted);
    let mut short = None;
    for _ in 0..wanted {
        // SAFETY: this process has a single thread when it forks, and the
        // child only makes system calls before `_exit`.
        match unsafe { fork() } {
            Ok(ForkResult::Child) => child(&ready_tx, &release_rx, release_tx),
            Ok(ForkResult::Parent { child }) => children.push(child),
            Err(e) => {
                short = Some(format!(
                    "fork failed after {} children ({e}): the system's limit on processes",
                    children.len()
                ));
                break;
            }
        }
    }
    drop(ready_tx);
    // One byte from each child: every one of them is running.
    let mut byte = [0u8; 1];
    let mut ready = 0;
    while ready < children.len() && read(&ready_rx, &mut byte)? == 1 {
        ready += 1;
    }
    let pids: Vec<i32> = children.iter().map(|p| p.as_raw()).collect();
    let after = Footprint::read(&pids);
    // Closing the pipe's last write end lets every child read end-of-file.
    drop(release_tx);
    for pid in &children {
        waitpid(*pid, None)?;
    }
    Ok(Reading {
        before,
        after: after?,
        units: children.len(),
        short,
    })
}

/// In a forked child: say ready, wait for the release, exit.
fn child(ready_tx: &OwnedFd, release_rx: &OwnedFd, release_tx: OwnedFd) -> ! {
    shared::process::die_with_parent();
    // The parent's end must be closed here too, or this read never ends.
    drop(release_tx);
    let _ = write(ready_tx, b"!");
    let mut byte = [0u8; 1];
    let _ = read(release_rx, &mut byte);
    // SAFETY: `_exit` ends the child without running the parent's exit handlers.
    unsafe { libc::_exit(0) }
}

/// Threads that wait for a read lock while the main thread holds the write lock.
fn threads(wanted: usize) -> io::Result<Reading> {
    let gate = Arc::new(RwLock::new(()));
    let ready = Arc::new(AtomicUsize::new(0));
    let before = Footprint::settled()?;
    let closed = gate.write().map_err(|_| io::Error::other("poisoned"))?;
    let mut handles = Vec::with_capacity(wanted);
    let mut short = None;
    for _ in 0..wanted {
        let (gate, ready) = (gate.clone(), ready.clone());
        let spawned = thread::Builder::new().spawn(move || {
            ready.fetch_add(1, Ordering::SeqCst);
            drop(gate.read());
        });
        match spawned {
            Ok(handle) => handles.push(handle),
            Err(e) => {
                short = Some(format!(
                    "could start only {} threads ({e}): the system's limit on threads",
                    handles.len()
                ));
                break;
            }
        }
    }
    wait_until(&ready, handles.len());
    let after = Footprint::read(&[]);
    drop(closed);
    let units = handles.len();
    for handle in handles {
        let _ = handle.join();
    }
    Ok(Reading {
        before,
        after: after?,
        units,
        short,
    })
}

/// Coroutines that wait for may's read lock while the main thread holds the write lock.
fn coroutines(wanted: usize) -> io::Result<Reading> {
    may::config().set_workers(1);
    let gate = Arc::new(may::sync::RwLock::new(()));
    let ready = Arc::new(AtomicUsize::new(0));
    // Start the scheduler before the first reading, so it is not counted.
    may::go!(|| {})
        .join()
        .map_err(|_| io::Error::other("a coroutine panicked"))?;
    let before = Footprint::settled()?;
    let closed = gate.write().map_err(|_| io::Error::other("poisoned"))?;
    let handles: Vec<_> = (0..wanted)
        .map(|_| {
            let (gate, ready) = (gate.clone(), ready.clone());
            may::go!(move || {
                ready.fetch_add(1, Ordering::SeqCst);
                drop(gate.read());
            })
        })
        .collect();
    wait_until(&ready, wanted);
    let after = Footprint::read(&[]);
    drop(closed);
    for handle in handles {
        let _ = handle.join();
    }
    Ok(Reading {
        before,
        after: after?,
        units: wanted,
        short: None,
    })
}

/// Tasks that wait for tokio's read lock while the main task holds the write lock.
fn tasks(wanted: usize) -> io::Result<Reading> {
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let before = Footprint::settled()?;
    let after = runtime.block_on(async {
        let gate = Arc::new(tokio::sync::RwLock::new(()));
        let ready = Arc::new(AtomicUsize::new(0));
        let closed = gate.write().await;
        let handles: Vec<_> = (0..wanted)
            .map(|_| {
                let (gate, ready) = (gate.clone(), ready.clone());
                tokio::spawn(async move {
                    ready.fetch_add(1, Ordering::SeqCst);
                    drop(gate.read().await)
                })
            })
            .collect();
        // One thread runs them in turn: give way until each has reached its wait.
        while ready.load(Ordering::SeqCst) < wanted {
            tokio::task::yield_now().await;
        }
        let after = Footprint::read(&[]);
        drop(closed);
        for handle in handles {
            handle.await.map_err(io::Error::other)?;
        }
        after
    })?;
    Ok(Reading {
        before,
        after,
        units: wanted,
        short: None,
    })
}

/// Waits until `count` units have said they are ready.
fn wait_until(ready: &AtomicUsize, count: usize) {
    while ready.load(Ordering::SeqCst) < count {
        thread::sleep(Duration::from_millis(1));
    }
    // The last ones to count are a few instructions away from their wait.
    thread::sleep(Duration::from_millis(20));
}
