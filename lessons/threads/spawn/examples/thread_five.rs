//! Five threads, started one after another, each printing its number.
//!
//! Port of 001 多线程实现 #1. The seed never joins its threads: Python waits
//! for them at exit. A Rust program ends when `main` returns, and takes every
//! thread still running with it, so the port joins all five.

use std::thread;

fn foo(name: u32) {
    println!("线程{name}");
}

fn main() {
    shared::start();
    let threads: Vec<_> = (0..5).map(|i| thread::spawn(move || foo(i))).collect();
    for t in threads {
        t.join().expect("the thread only prints");
    }
}
