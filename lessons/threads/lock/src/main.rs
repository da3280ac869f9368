//! Two threads each add a number to a shared total and take it away again,
//! ten thousand times, under a lock: the total ends where it began.
//!
//! Port of `thread2.py` from the core tutorial. In Python the number is a
//! global and the lock a second global beside it; only discipline ties them
//! together. Here the number lives *inside* the `Mutex`, so the only way to
//! reach it is to lock first, and the lock is released when the guard goes out
//! of scope: the `try`/`finally` of the seed is built into the type.

use std::sync::Mutex;
use std::thread;

// The number and its lock are one value. `Mutex::new` is a `const fn`, so a
// static needs no lazy initialisation.
static NUM: Mutex<i64> = Mutex::new(0);

/// Adds `n` and takes it away again while holding the lock.
fn change(n: i64) {
    // `lock()` fails only if another thread panicked while holding the guard
    // ("poisoning"); no thread here can, so that would be a bug worth a panic.
    let mut num = NUM
        .lock()
        .expect("a thread panicked while holding the lock");
    *num += n;
    *num -= n;
    // The guard drops here, on every way out of the function: Python's
    // `finally: num_lock.release()`.
}

/// The thread function: ten thousand changes.
fn run(n: i64) {
    for _ in 0..10_000 {
        change(n);
    }
}

fn main() {
    shared::start();
    println!("begin num: {}", *NUM.lock().unwrap());

    let t1 = thread::spawn(|| run(1));
    let t2 = thread::spawn(|| run(2));
    t1.join().expect("thread 1 panicked");
    t2.join().expect("thread 2 panicked");

    println!("end num: {}", *NUM.lock().unwrap());
}
