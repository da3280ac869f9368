//! Two threads count a shared number up to 4 under one lock, each turn
//! printing what it saw when it took the lock and what it left when it let go.
//!
//! Port of 002 §二.2 (`threading.RLock`). A reentrant lock can be taken again
//! by the thread that already holds it; a plain `Mutex` would deadlock. The
//! seed never does that; here the printing helper `report` locks again while
//! the turn holds the lock, which is the case an RLock exists for. Rust's
//! standard library keeps its reentrant lock unstable, so this lesson uses
//! `parking_lot::ReentrantMutex`. A reentrant lock hands out shared
//! references only (two nested guards must not both be `&mut`), so the number
//! inside is a `Cell`, which can be changed through a shared reference.

use std::cell::Cell;
use std::thread;

use parking_lot::ReentrantMutex;

static NUM: ReentrantMutex<Cell<u32>> = ReentrantMutex::new(Cell::new(0));

fn name() -> String {
    thread::current().name().unwrap_or("<unnamed>").to_string()
}

/// Prints an event and the number, taking the lock for itself: from inside a
/// turn this is a second, nested lock by the same thread.
fn report(what: &str) {
    let num = NUM.lock();
    println!("{} {what},Number:{}", name(), num.get());
}

fn run() {
    loop {
        let num = NUM.lock(); // mylock.acquire()
        report("locked");
        if num.get() >= 4 {
            drop(num); // mylock.release()
            report("released");
            break;
        }
        num.set(num.get() + 1);
        report("released");
        drop(num); // mylock.release()
    }
}

fn main() {
    shared::start();
    let start = |n: &str| thread::Builder::new().name(n.into()).spawn(run);
    let (Ok(t1), Ok(t2)) = (start("Thread_1"), start("Thread_2")) else {
        eprintln!("could not start the threads");
        std::process::exit(1);
    };
    // The seed does not join; Python waits at exit, Rust must.
    t1.join().expect("the thread cannot panic");
    t2.join().expect("the thread cannot panic");
}
