//! Tasks that can fail: four threads each average a group of numbers, and
//! one group is empty, so its thread divides by zero and panics. The panic
//! does not take the program down: it ends that thread only, and `join`
//! hands it back to whoever waits, as an `Err`.
//!
//! Goes past the seeds. Python's `Future.result()` raises the task's
//! exception again in the caller; Rust's `JoinHandle::join` returns
//! `Err(payload)`, the value the thread panicked with. `as_completed` becomes
//! a channel: each thread sends its answer when it has one, and the loop
//! takes them in the order they come. A thread that panics sends nothing:
//! the loop ends when every thread is done, and the panic waits in its
//! handle.

use std::any::Any;
use std::sync::mpsc;
use std::thread;

const GROUPS: [(&str, &[u64]); 4] = [
    ("a", &[3, 5, 7]),
    ("b", &[10, 20]),
    ("c", &[]),
    ("d", &[1, 2, 3, 4]),
];

fn average(values: &[u64]) -> u64 {
    // An empty group divides by zero: integer division by zero panics.
    values.iter().sum::<u64>() / values.len() as u64
}

/// The message a thread panicked with: `panic!` and the standard library's
/// own panics carry a `&str` or a `String`.
fn message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(a panic with no message)")
}

fn main() -> shared::failure::Result {
    shared::start();
    println!(
        "averaging {} groups on {} threads, one group empty",
        GROUPS.len(),
        GROUPS.len()
    );
    let (done, finished) = mpsc::channel();
    let mut threads = Vec::new();
    for (name, values) in GROUPS {
        let done = done.clone();
        // A name, so that the panic's report on stderr says which thread.
        let thread = thread::Builder::new()
            .name(format!("group {name}"))
            .spawn(move || {
                let answer = average(values);
                // The receiver outlives every thread: this send cannot fail.
                let _ = done.send((name, answer));
            })?;
        threads.push((name, thread));
    }
    // Only the threads hold senders now: the loop ends when they are all done.
    drop(done);
    for (name, answer) in finished {
        println!("group {name}: average {answer}");
    }
    for (name, thread) in threads {
        if let Err(panic) = thread.join() {
            println!("group {name} failed: {}", message(&*panic));
        }
    }
    println!("every task is accounted for");
    Ok(())
}
