//! Five threads described by a type: `Foo` holds its name and knows how to
//! run; `start` moves it into a new thread, which calls `run`.
//!
//! Port of 001 多线程实现 #2 (`class Foo(Thread)` overriding `run`). Rust has
//! no inheritance: the thread is a plain `std::thread`, and the struct is the
//! data its closure owns.

use std::thread::{self, JoinHandle};

struct Foo {
    name: u32,
}

impl Foo {
    fn run(&self) {
        println!("线程{}", self.name);
    }

    /// Python's `Thread.start()`: the struct moves into the new thread.
    fn start(self) -> JoinHandle<()> {
        thread::spawn(move || self.run())
    }
}

fn main() {
    shared::start();
    let mut ts = Vec::new();
    for i in 0..5 {
        let t = Foo { name: i };
        ts.push(t.start());
    }
    // The seed never joins; Python waits for the threads at exit. Rust does
    // not, so we join them, or the program could end before they print.
    for t in ts {
        t.join().expect("the thread only prints");
    }
}
