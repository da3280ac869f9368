//! Two threads share one counter, each adding one and taking it away again
//! once a second. The program prints nothing, as the seed prints nothing.
//!
//! Port of 004 多线程. The seed's threads loop forever (`while 1`) and the
//! program never ends; here each thread does three rounds. The seed changes a
//! global `num` from both threads without a lock. Rust does not compile that
//! (see `threads-race`); an `AtomicI64` makes each change indivisible.

use std::sync::atomic::{AtomicI64, Ordering};
use std::thread;

use shared::time::sleep;

/// How many rounds each thread runs, instead of forever.
const ROUNDS: u32 = 3;

static NUM: AtomicI64 = AtomicI64::new(0);

fn funa() {
    for _ in 0..ROUNDS {
        NUM.fetch_add(1, Ordering::Relaxed);
        NUM.fetch_sub(1, Ordering::Relaxed);
        sleep(1.0);
    }
}

fn main() {
    shared::start();
    let th1 = thread::spawn(funa);
    let th2 = thread::spawn(funa);
    th1.join().expect("the thread cannot panic");
    th2.join().expect("the thread cannot panic");
    debug_assert_eq!(NUM.load(Ordering::Relaxed), 0);
}
