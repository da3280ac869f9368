//! A thread loops, printing and sleeping, until another thread sets its stop
//! flag; it notices the next time round and ends.
//!
//! Port of 001 多线程实现 #3. The seed's `self.is_stop` is a plain attribute
//! that two threads share. In Rust, a value that one thread writes while
//! another reads must say how: an `AtomicBool`, shared through an `Arc`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};

use shared::time::sleep;

struct Foo {
    name: u32,
    is_stop: Arc<AtomicBool>,
}

impl Foo {
    fn new(name: u32) -> Self {
        Foo {
            name,
            is_stop: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Starts `run` on a new thread; the caller keeps a handle to the flag.
    fn start(&self) -> JoinHandle<()> {
        let (name, is_stop) = (self.name, Arc::clone(&self.is_stop));
        thread::spawn(move || {
            // Python's run(): `while not self.is_stop`.
            while !is_stop.load(Ordering::Relaxed) {
                println!("线程{name}");
                sleep(1.0);
            }
        })
    }

    fn stop(&self) {
        self.is_stop.store(true, Ordering::Relaxed);
    }
}

fn main() {
    shared::start();
    let t = Foo::new(1);
    let handle = t.start();
    // The seed calls stop() straight after start(), and under Python's GIL
    // the new thread gets the first turn, so it prints once. Rust's threads
    // really run side by side: stopping at once could beat the thread to its
    // first check, and nothing would print. Half a second settles the race.
    sleep(0.5);
    t.stop();
    handle.join().expect("the thread only prints and sleeps");
}
