//! Two named threads take turns with one lock, once a second, each printing
//! its name while it holds the lock.
//!
//! Port of 004 互斥锁. The seed's threads loop forever (`while 1`); here each
//! runs three rounds. The seed also shows, in a comment, the same loop with
//! `with locked:`: in Rust there is only that form, the guard.

use std::sync::Mutex;
use std::thread;

use shared::time::sleep;

/// How many rounds each thread runs, instead of forever.
const ROUNDS: u32 = 3;

static NUM: Mutex<i64> = Mutex::new(0);

fn func() {
    for _ in 0..ROUNDS {
        {
            let mut num = NUM.lock().expect("no thread panics holding the lock");
            *num += 1;
            *num -= 1;
            println!("{}", thread::current().name().unwrap_or("<unnamed>"));
        } // unlocked here, before the sleep
        sleep(1.0);
    }
}

fn main() {
    shared::start();
    let start = |name: &str| thread::Builder::new().name(name.into()).spawn(func);
    let (Ok(th1), Ok(th2)) = (start("thread1"), start("thread2")) else {
        eprintln!("could not start the threads");
        std::process::exit(1);
    };
    th1.join().expect("the thread cannot panic");
    th2.join().expect("the thread cannot panic");
}
