//! Two threads each add a sum to a shared balance and take it away again, a
//! million times. Without a lock, one thread's change can overwrite the
//! other's, and the balance ends somewhere other than 0.
//!
//! Port of 003 2.2. The seed's Python does not translate: Rust refuses to
//! compile two threads writing one plain variable (see `src/lib.rs`, which
//! `cargo test` checks). To show the race anyway, safely, the balance is an
//! `AtomicI64` and every change is split into an atomic load and a separate
//! atomic store, which is exactly what `balance = balance + n` does in Python:
//! read, add, write back, with room for another thread in between.

use std::sync::atomic::{AtomicI64, Ordering::Relaxed};
use std::thread;

use threads_race::MAX_ROUNDS;

static BALANCE: AtomicI64 = AtomicI64::new(0);

fn change_it(n: i64) {
    // Two steps each, as in Python: a store may overwrite a newer value.
    let b = BALANCE.load(Relaxed);
    BALANCE.store(b + n, Relaxed);
    let b = BALANCE.load(Relaxed);
    BALANCE.store(b - n, Relaxed);
}

fn run_thread(n: i64) {
    for _ in 0..1_000_000 {
        change_it(n);
    }
}

fn main() {
    shared::start();
    // A round on a quiet machine can finish without the threads ever
    // interleaving; run rounds until the race shows (it almost always does
    // in the first).
    for _ in 0..MAX_ROUNDS {
        BALANCE.store(0, Relaxed);
        let t1 = thread::spawn(|| run_thread(5));
        let t2 = thread::spawn(|| run_thread(8));
        t1.join().expect("the thread cannot panic");
        t2.join().expect("the thread cannot panic");
        if BALANCE.load(Relaxed) != 0 {
            break;
        }
    }
    println!("{}", BALANCE.load(Relaxed));
}
