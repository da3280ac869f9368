//! Ten threads race to buy three items; a lock around the check-and-take
//! makes exactly three succeed.
//!
//! Port of 001 线程锁 (`with lock:`). The stock and its lock are one value, a
//! `Mutex<u32>`; the guard's scope is the `with` block.

use std::sync::Mutex;
use std::thread;

static NUM: Mutex<u32> = Mutex::new(3);

fn buy(i: u32) {
    // `with lock:` — the guard unlocks at the end of this function.
    let mut num = NUM.lock().expect("no thread panics holding the lock");
    if *num > 0 {
        *num -= 1;
        println!("子线程{i}抢购成功");
    } else {
        println!("子线程{i}抢购失败");
    }
}

fn main() {
    shared::start();
    let ts: Vec<_> = (0..10).map(|i| thread::spawn(move || buy(i))).collect();
    // The seed does not wait; Python does at exit, Rust must.
    for t in ts {
        t.join().expect("a buyer cannot panic");
    }
}
