//! A producer thread raises a shared counter to three; when it is done, a
//! consumer thread takes it back to zero. Both print the counter before and
//! after.
//!
//! Port of 001 线程间通信. In Python both threads change a global `num`. Rust
//! will not compile two threads writing one plain variable (see
//! `threads-race`): shared, mutable state must be wrapped in something that
//! makes access safe. Here that is `Arc<Mutex<i32>>`: the `Arc` lets both
//! threads own the counter, the `Mutex` lets one at a time change it.

use std::sync::{Arc, Mutex};
use std::thread;

type Counter = Arc<Mutex<i32>>;

fn producer(num: Counter) {
    let mut num = num.lock().expect("no thread panics holding the lock");
    println!("生产前数量 : {num}");
    for _ in 0..3 {
        *num += 1;
    }
    println!("生产后数量 : {num}");
}

fn consumer(num: Counter) {
    let mut num = num.lock().expect("no thread panics holding the lock");
    println!("消费前数量 : {num}");
    // `for i in range(num)`: the count is read once, before the loop.
    for _ in 0..*num {
        *num -= 1;
    }
    println!("消费后数量 : {num}");
}

fn main() {
    shared::start();
    let num: Counter = Arc::new(Mutex::new(0));
    let shared = Arc::clone(&num);
    let t1 = thread::spawn(move || producer(shared));
    t1.join().expect("the producer cannot panic");
    let shared = Arc::clone(&num);
    let t2 = thread::spawn(move || consumer(shared));
    // The seed does not wait for the consumer; Python does at exit, Rust must.
    t2.join().expect("the consumer cannot panic");
}
