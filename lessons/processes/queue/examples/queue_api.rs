//! A queue that holds at most three items: full after three puts, three
//! items long, handed back in order, empty again.
//!
//! Port of 001 进程间通信 (`Queue(3)`). The seed uses a multiprocessing Queue
//! from a single process, to show its methods. In Rust a bounded queue is a
//! `crossbeam_channel::bounded` channel: `is_full`, `len` and `is_empty` are
//! exact, where Python's `full()`, `qsize()` and `empty()` are only estimates
//! when several processes use the queue. A bounded channel does not cross a
//! process boundary; `ipc-channel` does (see this lesson's other programs).

use std::process::ExitCode;

use crossbeam_channel::bounded;
use shared::output::py_bool;

fn main() -> ExitCode {
    shared::start();
    // A queue with room for 3.
    let (tx, rx) = bounded(3);
    for item in [1, 2, 3] {
        // `send` would block on a full queue, as `put` does; here there is room.
        if tx.send(item).is_err() {
            return ExitCode::FAILURE;
        }
    }
    println!("{}", py_bool(tx.is_full())); // q.full()
    println!("{}", tx.len()); // q.qsize()
    for _ in 0..3 {
        match rx.recv() {
            Ok(item) => println!("{item}"), // q.get()
            Err(_) => return ExitCode::FAILURE,
        }
    }
    println!("{}", py_bool(rx.is_empty())); // q.empty()
    ExitCode::SUCCESS
}
