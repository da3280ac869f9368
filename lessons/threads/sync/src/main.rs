//! A shared queue between one producer and two consumers, guarded by a lock
//! and a condition variable: a consumer sleeps on the `Condvar` while the
//! queue is empty, and the producer wakes one after each put.
//!
//! Goes past the seeds: Python's `threading.Condition`, which is a lock and
//! a list of waiters in one object. Rust keeps the two apart: the data lives
//! in a `Mutex`, and a `Condvar` is where threads wait for it to change.
//! `wait` takes the guard, unlocks while it sleeps, and hands the guard back
//! locked when it wakes. It can wake with nothing to do (the other consumer
//! took the item first, or the wake-up was spurious, which the OS allows),
//! so the test around it is a `while`, never an `if`.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};
use std::thread;

const ITEMS: u32 = 4;

/// The queue; `None` is a stop sign.
static QUEUE: Mutex<VecDeque<Option<u32>>> = Mutex::new(VecDeque::new());
/// Where consumers wait for the queue to have something.
static NOT_EMPTY: Condvar = Condvar::new();

fn consumer() {
    let me = thread::current();
    let name = me.name().unwrap_or("consumer");
    loop {
        let item = {
            let mut items = QUEUE.lock().expect("no thread panics holding the lock");
            while items.is_empty() {
                // Unlocks, sleeps until notified, locks again.
                items = NOT_EMPTY
                    .wait(items)
                    .expect("no thread panics holding the lock");
            }
            items
                .pop_front()
                .expect("the loop leaves the queue non-empty")
        }; // unlocked here: the print below holds nobody up
        let Some(item) = item else { return }; // a stop sign
        println!("{name} got item {item}");
    }
}

fn producer() {
    for i in 1..=ITEMS {
        shared::time::sleep(1.0);
        let mut items = QUEUE.lock().expect("no thread panics holding the lock");
        items.push_back(Some(i));
        println!("producer put item {i}");
        NOT_EMPTY.notify_one();
    }
    shared::time::sleep(1.0);
    let mut items = QUEUE.lock().expect("no thread panics holding the lock");
    // One stop sign per consumer, and both must wake to see theirs.
    items.extend([None, None]);
    println!("producer put two stop signs");
    NOT_EMPTY.notify_all();
}

fn main() -> shared::failure::Result {
    shared::start();
    let start = |name: &str, f: fn()| thread::Builder::new().name(name.into()).spawn(f);
    let threads = [
        start("consumer A", consumer)?,
        start("consumer B", consumer)?,
        start("producer", producer)?,
    ];
    for t in threads {
        t.join().expect("no thread of this program panics");
    }
    println!("both consumers have stopped");
    Ok(())
}
