//! `fork` once more, with the child asking for its parent's pid.
//!
//! Port of 003 1.1. Its first line prints `os.getppid()`, the pid of the
//! process that started *this program* (your shell, or verify), not this
//! program's own pid: the seed's output shows the same number twice only
//! because it was run cell by cell in an interactive session.

use std::os::unix::process::parent_id;
use std::process::ExitCode;

use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork, getpid, getppid};

fn main() -> ExitCode {
    shared::start();
    println!("Process ({}) start...", parent_id());
    // SAFETY: one thread only, so the child is a complete copy (see main.rs).
    match unsafe { fork() } {
        Err(err) => {
            eprintln!("fork failed: {err}");
            ExitCode::FAILURE
        }
        Ok(ForkResult::Child) => {
            shared::process::die_with_parent();
            println!(
                "I am child process ({}) and my parent is {}.",
                getpid(),
                getppid()
            );
            ExitCode::SUCCESS
        }
        Ok(ForkResult::Parent { child }) => {
            println!("I ({}) just created a child process ({}).", getpid(), child);
            match waitpid(child, None) {
                Ok(_) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("waitpid failed: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
