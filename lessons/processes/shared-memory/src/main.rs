//! A number and an array in memory that a parent and its child share: the
//! child writes them, and the parent, once the child has ended, reads what
//! it wrote.
//!
//! Port of the example of Python's documentation for `multiprocessing.Value`
//! and `Array`, which 002 §4 names beside Queue and Pipe. A forked child
//! gets a *copy* of its parent's memory (`processes-fork`), so a variable it
//! changes stays changed in the child alone. Memory mapped `MAP_SHARED`
//! before the fork is not copied: parent and child see the same pages, and
//! a write in one is a write in both. What lives there must be safe to
//! touch from two places at once, so the number and the array are atomics,
//! as `Value` and `Array` are C numbers behind a lock.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering::Relaxed};

use nix::sys::mman::{MapFlags, ProtFlags, mmap_anonymous};
use nix::sys::wait::{WaitStatus, waitpid};
use nix::unistd::{ForkResult, Pid, fork};
use shared::failure::Failure;

/// What parent and child share: `Value('d')` and `Array('i', 10)`.
#[repr(C)]
struct Shared {
    /// An `f64`, kept as its bits: std has no atomic float.
    num: AtomicU64,
    arr: [AtomicI32; 10],
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

/// The child's work: Python's `f(n, a)`.
#[expect(clippy::approx_constant, reason = "the number Python's example writes")]
fn f(shared: &Shared) {
    shared.num.store(3.1415927_f64.to_bits(), Relaxed);
    for a in &shared.arr {
        a.store(-a.load(Relaxed), Relaxed);
    }
}

/// Waits for `child` and says, in a sentence, if it did not finish its work.
fn wait_for(child: Pid) -> Result<(), Failure> {
    match waitpid(child, None)? {
        WaitStatus::Exited(_, 0) => Ok(()),
        WaitStatus::Signaled(_, signal, _) => Err(Failure::new(format!(
            "the child process was killed ({signal}) before it finished its work"
        ))),
        _ => Err(Failure::new(
            "the child process failed before it finished its work",
        )),
    }
}

fn main() -> shared::failure::Result {
    shared::start();
    let shared = map_shared()?;
    for (i, a) in (0..).zip(&shared.arr) {
        a.store(i, Relaxed);
    }

    // SAFETY: the program has one thread here, so the child is a complete
    // copy of it (see processes-fork).
    match unsafe { fork() }? {
        ForkResult::Child => {
            shared::process::die_with_parent();
            f(shared);
            // End the child here, running none of the parent's exit code.
            // SAFETY: `_exit` ends the process at once; nothing runs after it.
            unsafe { libc::_exit(0) }
        }
        // Once the child has ended, everything it wrote is there to read.
        ForkResult::Parent { child } => wait_for(child)?,
    }

    println!("{}", f64::from_bits(shared.num.load(Relaxed)));
    let arr: Vec<i32> = shared.arr.iter().map(|a| a.load(Relaxed)).collect();
    println!("{arr:?}");
    Ok(())
}
