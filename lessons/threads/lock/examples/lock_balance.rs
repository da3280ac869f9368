//! The balance race of `threads-race`, with a lock: two threads add and take
//! away a sum a hundred thousand times each, and the balance ends at 0.
//!
//! Port of 003 2.3, which takes a lock around each `change_it` with
//! `acquire()` and a `try`/`finally` that releases it. The seed shows only
//! the changed `run_thread`; the rest is 003 2.2's program.

use std::sync::Mutex;
use std::thread;

static BALANCE: Mutex<i64> = Mutex::new(0);

/// Python's `change_it`, on the balance the caller has locked.
fn change_it(balance: &mut i64, n: i64) {
    *balance += n;
    *balance -= n;
}

fn run_thread(n: i64) {
    for _ in 0..100_000 {
        // lock.acquire(); try: change_it(n) finally: lock.release()
        let mut balance = BALANCE.lock().expect("no thread panics holding the lock");
        change_it(&mut balance, n);
    }
}

fn main() {
    shared::start();
    let t1 = thread::spawn(|| run_thread(5));
    let t2 = thread::spawn(|| run_thread(8));
    t1.join().expect("the thread cannot panic");
    t2.join().expect("the thread cannot panic");
    println!(
        "{}",
        *BALANCE.lock().expect("no thread panics holding the lock")
    );
}
