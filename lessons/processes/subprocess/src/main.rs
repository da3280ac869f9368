//! Running another program and waiting for it: its output goes straight to
//! the terminal, and what comes back is its exit code.
//!
//! Port of 003 1.3 (`subprocess.call(['nslookup', 'www.python.org'])`). In
//! Rust, `std::process::Command` builds the command line and `status()` runs
//! it with the parent's stdin, stdout and stderr and waits for it. The
//! program run here is an offline stand-in for `nslookup` (see `lib.rs`).

use std::process::ExitCode;

use processes_subprocess::{nslookup, run_stand_in_if_asked};

fn main() -> ExitCode {
    shared::start();
    if let Some(code) = run_stand_in_if_asked() {
        return code;
    }
    println!("$ nslookup www.python.org");
    let status = nslookup().and_then(|mut c| c.arg("www.python.org").status());
    match status {
        // An exit code, or none when a signal ended the program.
        Ok(status) => match status.code() {
            Some(code) => println!("Exit code: {code}"),
            None => println!("Exit code: None ({status})"),
        },
        Err(err) => {
            eprintln!("could not run nslookup: {err}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
