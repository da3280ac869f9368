//! A parent process runs one function in two child processes and waits for
//! both; every process prints its own process id.
//!
//! Port of `process1.py` from the core tutorial. Python's
//! `multiprocessing.Process(target=f)` forks the interpreter (or starts a fresh
//! one) and calls `f` there. Rust's standard library can start *programs*
//! (`std::process::Command`) but not "this function, in a child": forking a
//! process that may hold locks in other threads is unsafe in general. The
//! portable answer is to start *this same binary* again and tell it which
//! function to run; `procspawn` does exactly that, and passes the arguments
//! (and the return value) across the process boundary with serde.

use std::process::ExitCode;

use shared::failure::describe;

/// The child's work: Python's `process(name)`.
fn process(name: String) {
    println!("Processing {} pid={}", name, std::process::id());
}

fn main() -> ExitCode {
    // This must come first. A child starts as a second run of this binary;
    // `init` is where it notices that, runs the function it was sent, and
    // exits without ever reaching the lines below. (The course's `init` wraps
    // `procspawn::init` so that a child also dies if its parent is killed.)
    shared::process::init();

    println!("Main Processing pid={}", std::process::id());

    // Python: p1 = Process(target=process, args=("proc1",)); p1.start()
    // The argument is serialised and sent to the child, which is why it is an
    // owned `String` and the function a plain `fn`, not a capturing closure.
    let p1 = procspawn::spawn("proc1".to_string(), process);
    let p2 = procspawn::spawn("proc2".to_string(), process);

    // join() waits for the child and reaps it, so no zombie is left behind.
    for (name, child) in [("proc1", p1), ("proc2", p2)] {
        if let Err(err) = child.join() {
            eprintln!("child process {name} failed: {}", describe(&err));
            return ExitCode::FAILURE;
        }
    }

    println!("Process end..");
    ExitCode::SUCCESS
}
