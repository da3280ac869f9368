//! A child process prints its own id and its parent's: the parent's id, seen
//! from both sides, is the same number.
//!
//! Port of 001 多进程实现 #1. Python's `os.getppid()` is
//! `std::os::unix::process::parent_id()` in Rust.

use std::os::unix::process::parent_id;
use std::process::{ExitCode, id};

use shared::failure::describe;

fn foo(name: String) {
    println!("name: {name}");
    println!("parent process id: {}", parent_id());
    println!("sub process id: {}", id());
}

fn main() -> ExitCode {
    shared::process::init();
    // The seed's first line really has a full-width colon (：); its printed
    // output shows an ASCII one. We print what the code says.
    println!("parent process id：{}", id());
    let p = procspawn::spawn("bob".to_string(), foo);
    if let Err(err) = p.join() {
        eprintln!("child process failed: {}", describe(&err));
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
