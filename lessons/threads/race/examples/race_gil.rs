//! Five threads each add 1 to a shared counter 100000 times. Done as a load
//! and a separate store, some additions are lost, and the lesson counts them;
//! done as one atomic `fetch_add`, the total is exact.
//!
//! Port of 001 GIL机制. The seed's `num += 1` from five threads is the same
//! race as `threads-race`'s balance: read, add, write back. Rust refuses the
//! plain global; the split atomic load and store below races safely.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::thread;

use threads_race::MAX_ROUNDS;

const THREADS: u64 = 5;
const TOTAL: u64 = 100_000;

/// Runs `inc` on five threads from zero and returns the counter.
fn run(num: &'static AtomicU64, inc: fn(&AtomicU64)) -> u64 {
    num.store(0, Relaxed);
    let ts: Vec<_> = (0..THREADS)
        .map(|_| {
            thread::spawn(move || {
                for _ in 0..TOTAL {
                    inc(num);
                }
            })
        })
        .collect();
    for t in ts {
        t.join().expect("the thread cannot panic");
    }
    num.load(Relaxed)
}

fn main() {
    shared::start();
    static NUM: AtomicU64 = AtomicU64::new(0);
    let expected = THREADS * TOTAL;

    // `num += 1` as Python does it: read, then write back one more.
    let split = |num: &AtomicU64| num.store(num.load(Relaxed) + 1, Relaxed);
    let mut num = run(&NUM, split);
    // Rounds until the race shows; see threads-race's main.rs.
    for _ in 1..MAX_ROUNDS {
        if num < expected {
            break;
        }
        num = run(&NUM, split);
    }
    println!("split load and store: num 值为：{num}");
    println!("lost updates: {}", expected - num);

    // One indivisible read-modify-write: nothing can come in between.
    let num = run(&NUM, |num| {
        num.fetch_add(1, Relaxed);
    });
    println!("fetch_add: num 值为：{num}");
}
