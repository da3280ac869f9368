//! A parent starts five children in a loop but waits only for the last one,
//! so its final line can come before the other children have printed.
//!
//! Port of 002 §一.2. Python joins any child still running when the program
//! exits; Rust does nothing behind your back, so the other four are joined
//! explicitly at the end, after the seed's last line.

use std::process::{ExitCode, id};

use shared::failure::describe;

fn run_proc(name: String) {
    println!("Child process {} ({}) Running...", name, id());
}

fn main() -> ExitCode {
    shared::process::init();
    println!("Parent Process {}.", id());
    let mut started = Vec::new();
    for i in 0..5 {
        println!("Process will start");
        started.push(procspawn::spawn(i.to_string(), run_proc));
    }
    // The seed's `p.join()` after the loop: `p` is the last process only.
    let last = started.pop().expect("five were started").join();
    println!("Process end.");
    // What Python's exit does implicitly: wait for every child still running.
    let mut failed = false;
    for result in started.into_iter().map(|p| p.join()).chain([last]) {
        if let Err(err) = result {
            eprintln!("a child process failed: {}", describe(&err));
            failed = true;
        }
    }
    if failed {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
