//! Two processes each add 1 to a counter in shared memory 100000 times.
//! Done as a load and a separate store, some additions are lost, and the
//! program counts them; done as one atomic `fetch_add`, the total is exact.
//!
//! Goes with 002 §4's `Value`: `counter.value += 1` from two processes, with
//! and without `get_lock()`. Memory mapped `MAP_SHARED` before `fork` is
//! shared by the children, so the counter is one `AtomicU64` that both
//! write. The race is shown as `threads-race` shows it, safely: each access
//! is atomic, but a load and a store are two steps, and the other process
//! can store in between. Two processes run on two cores as two threads do:
//! there is no GIL between processes in Python either.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering::Relaxed};
use std::thread;

use nix::sys::mman::{MapFlags, ProtFlags, mmap_anonymous};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, fork};
use shared::failure::Failure;

const PROCESSES: u32 = 2;
const TOTAL: u64 = 100_000;
/// How many rounds to race at most, until one loses an update.
const MAX_ROUNDS: usize = 100;

/// What the processes share: the counter, and a start line.
#[repr(C)]
struct Shared {
    counter: AtomicU64,
    /// How many racers have reached the start line.
    at_start: AtomicU32,
}

/// Maps memory that this process and every child it forks afterwards share.
fn map_shared() -> nix::Result<&'static Shared> {
    let size = NonZeroUsize::new(size_of::<Shared>()).expect("Shared is not empty");
    let flags = MapFlags::MAP_SHARED;
    // SAFETY: a new anonymous mapping, at an address the kernel picks: it
    // overlaps nothing of ours. It is zero-filled, page-aligned and as large
    // as `Shared`, and all zeros is a valid `Shared` (atomics holding 0). It
    // is never unmapped, so the reference may live as long as the program.
    unsafe {
        let memory = mmap_anonymous(
            None,
            size,
            ProtFlags::PROT_READ | ProtFlags::PROT_WRITE,
            flags,
        )?;
        Ok(memory.cast::<Shared>().as_ref())
    }
}

/// Waits for `child` and says, in a sentence, if it did not finish its work.
fn wait_for(child: Pid) -> Result<(), Failure> {
    match waitpid(child, None)? {
        WaitStatus::Exited(_, 0) => Ok(()),
        WaitStatus::Signaled(_, signal, _) => Err(Failure::new(format!(
            "a child process was killed ({signal}) before it finished its work"
        ))),
        _ => Err(Failure::new(
            "a child process failed before it finished its work",
        )),
    }
}

/// Runs `add` `TOTAL` times in each of `PROCESSES` children, from zero, and
/// returns the counter.
fn run(shared: &Shared, add: fn(&AtomicU64)) -> Result<u64, Failure> {
    shared.counter.store(0, Relaxed);
    shared.at_start.store(0, Relaxed);
    let mut children = Vec::new();
    for _ in 0..PROCESSES {
        // SAFETY: the program has one thread when it forks, so each child is
        // a complete copy of it (see processes-fork).
        match unsafe { fork() }? {
            ForkResult::Child => {
                shared::process::die_with_parent();
                // A start line: a hundred thousand additions take a
                // millisecond, less than starting a process, so the first
                // racer would finish before the second began.
                shared.at_start.fetch_add(1, Relaxed);
                while shared.at_start.load(Relaxed) < PROCESSES {
                    thread::yield_now();
                }
                for _ in 0..TOTAL {
                    add(&shared.counter);
                }
                // SAFETY: `_exit` ends the child at once, running none of
                // the parent's exit code; nothing runs after it.
                unsafe { libc::_exit(0) }
            }
            ForkResult::Parent { child } => children.push(child),
        }
    }
    // Wait for every child before reporting any failure: none is left behind.
    let ended: Vec<_> = children.into_iter().map(wait_for).collect();
    ended.into_iter().collect::<Result<Vec<()>, _>>()?;
    Ok(shared.counter.load(Relaxed))
}

fn main() -> shared::failure::Result {
    shared::start();
    let shared = map_shared()?;
    let expected = u64::from(PROCESSES) * TOTAL;
    println!("{PROCESSES} processes each add 1 to a shared counter {TOTAL} times");

    // `counter.value += 1` as Python does it: read, then write back one more.
    let split = |counter: &AtomicU64| counter.store(counter.load(Relaxed) + 1, Relaxed);
    let mut racy = run(shared, split)?;
    // A round can finish without the two ever meeting in the gap, on a
    // loaded machine; race again until one loses an update (on two cores
    // the first almost always does).
    for _ in 1..MAX_ROUNDS {
        if racy < expected {
            break;
        }
        racy = run(shared, split)?;
    }
    println!("read, then write back: {racy}");
    println!("lost updates: {}", expected - racy);

    // One indivisible read-modify-write: nothing can come in between.
    let exact = run(shared, |counter| {
        counter.fetch_add(1, Relaxed);
    })?;
    println!("with fetch_add: {exact}");
    Ok(())
}
