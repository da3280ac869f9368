//! Threads that wait for a signal: three workers wait until the main thread
//! has loaded the settings they need, and a cleaner waits until the workers
//! are done.
//!
//! Goes past the seeds: Python's `threading.Event`, twice. The standard
//! library has no `Event`, but it has the two things Events are used for.
//! A value that one thread sets once and others wait for is a `OnceLock`:
//! `wait` blocks until `set`, and returns the value itself, so the settings
//! and the signal are one thing. One particular thread waiting for a word
//! from another is `thread::park`, woken by `unpark` on its handle. Park may
//! return without an unpark (the documentation allows it), so the waiter
//! checks a flag in a loop, as a `Condvar`'s waiter does.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

const WORKERS: usize = 3;

/// Set once by main, read by every worker.
static SETTINGS: OnceLock<Settings> = OnceLock::new();
/// The cleaner's signal: the flag says it is meant, `unpark` wakes it.
static CLEANUP: AtomicBool = AtomicBool::new(false);

#[derive(Debug)]
struct Settings {
    mode: &'static str,
}

fn worker(n: usize) {
    let settings = SETTINGS.wait();
    println!("worker {n} starts, mode {}", settings.mode);
}

fn cleaner() {
    // Acquire pairs with main's Release: what main did before, we see.
    while !CLEANUP.load(Ordering::Acquire) {
        thread::park();
    }
    println!("cleaner: woken, cleaning up");
}

fn main() {
    shared::start();
    let the_cleaner = thread::spawn(cleaner);
    let workers: Vec<_> = (0..WORKERS)
        .map(|n| thread::spawn(move || worker(n)))
        .collect();
    println!("main: loading the settings");
    shared::time::sleep(1.0);
    SETTINGS
        .set(Settings { mode: "fast" })
        .expect("nobody else sets the settings");
    for w in workers {
        w.join().expect("a worker cannot panic");
    }
    println!("main: the workers are done; waking the cleaner");
    CLEANUP.store(true, Ordering::Release);
    the_cleaner.thread().unpark();
    the_cleaner.join().expect("the cleaner cannot panic");
}
