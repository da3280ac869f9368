//! Three runners meet at a barrier twice: none runs until all three are at
//! the start line, and the end is not announced until all three have
//! finished. One thread of each crossing, the leader, speaks for all.
//!
//! Goes past the seeds: Python's `threading.Barrier`, which std has under
//! the same name. `wait` blocks until every party has called it, then lets
//! them all go; it can be used again for the next crossing. Python's `wait`
//! returns a different number to each thread, and exactly one gets 0; Rust's
//! says of exactly one thread that it `is_leader`.

use std::sync::Barrier;
use std::thread;

const RUNNERS: usize = 3;

fn runner(n: usize, barrier: &Barrier) {
    println!("runner {n} is at the start line");
    if barrier.wait().is_leader() {
        println!("all {RUNNERS} at the start line: go!");
    }
    println!("runner {n} finished");
    if barrier.wait().is_leader() {
        println!("all {RUNNERS} finished");
    }
}

fn main() {
    shared::start();
    let barrier = Barrier::new(RUNNERS);
    // Scoped threads may borrow the barrier: no Arc needed.
    thread::scope(|s| {
        for n in 0..RUNNERS {
            let barrier = &barrier;
            s.spawn(move || runner(n, barrier));
        }
    });
}
