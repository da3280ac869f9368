//! The smallest complete child process: start it, wait for it, go on.
//!
//! Port of 003 1.2 (multiprocessing).

use std::process::{ExitCode, id};

use shared::failure::describe;

fn run_proc(name: String) {
    println!("Run child process {} ({})", name, id());
}

fn main() -> ExitCode {
    shared::process::init();
    println!("Parent process {}.", id());
    // Python builds the Process first and starts it after this line;
    // `procspawn::spawn` does both at once, so the line comes first.
    println!("Child process will start.");
    let p = procspawn::spawn("test".to_string(), run_proc);
    if let Err(err) = p.join() {
        eprintln!("child process failed: {}", describe(&err));
        return ExitCode::FAILURE;
    }
    println!("Child process end.");
    ExitCode::SUCCESS
}
