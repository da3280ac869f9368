//! Two threads each store a name in a thread-local variable, then call a
//! function that reads it back without being passed anything: each finds its
//! own name.
//!
//! Port of `thread3.py` from the core tutorial (`threading.local()`). Rust's
//! `thread_local!` declares a static of which every thread has its own copy,
//! created on first use in that thread. A `RefCell` inside lets the thread
//! change its copy; no lock is needed, because no other thread can reach it.

use std::cell::RefCell;
use std::thread;

thread_local! {
    static NAME: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Reads the current thread's name from the thread-local, not from an argument.
fn process() {
    NAME.with_borrow(|name| println!("{name}"));
}

fn run(name: &str) {
    NAME.set(name.to_string());
    process();
}

fn main() {
    shared::start();
    let t1 = thread::spawn(|| run("Jack"));
    let t2 = thread::spawn(|| run("Jim"));
    t1.join().expect("the thread cannot panic");
    t2.join().expect("the thread cannot panic");
}
