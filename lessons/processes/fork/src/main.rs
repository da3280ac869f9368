//! `fork` is called once and returns twice: in the parent it returns the new
//! child's pid, in the child it returns 0, and from there the two processes
//! run the same code, each down its own branch.
//!
//! Port of 002 §一.1 (`os.fork()`). Rust's standard library has no `fork`;
//! `nix::unistd::fork` wraps the system call and is `unsafe`, because a child
//! forked from a program with several threads gets a copy of only the calling
//! thread: a lock another thread held stays locked in the child forever. Here
//! there is one thread, so the child may do anything. The seed's parent never
//! waits for its child; this one does (`waitpid`), so no zombie is left.

use std::process::ExitCode;

use nix::sys::wait::waitpid;
use nix::unistd::{ForkResult, fork, getpid, getppid};

fn main() -> ExitCode {
    shared::start();
    // The seed passes its values to `print` as extra arguments instead of
    // formatting them into the `%s`, so Python prints the `%s` as it is and
    // the values after it (a tuple in the later lines). We print the same.
    println!("current Process (%s) start ... {}", getpid());

    // SAFETY: the program has a single thread here, so the child's copy of
    // the process is complete and it may call anything, `println!` included.
    match unsafe { fork() } {
        Err(err) => {
            println!("error in fork");
            eprintln!("fork failed: {err}");
            ExitCode::FAILURE
        }
        Ok(ForkResult::Child) => {
            shared::process::die_with_parent();
            println!(
                "I am child process(%s) and my parent process is (%s) ({}, {})",
                getpid(),
                getppid()
            );
            ExitCode::SUCCESS
        }
        Ok(ForkResult::Parent { child }) => {
            println!(
                "I (%s) created a child process (%s). ({}, {})",
                getpid(),
                child
            );
            // Reap the child: until we do, it stays in the process table as a zombie.
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
