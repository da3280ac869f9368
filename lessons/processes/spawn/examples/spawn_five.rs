//! Five child processes start one after another and run at the same time;
//! the parent waits for all of them only after starting the last.
//!
//! Port of 001 多进程实现 #2. Joining inside the loop would wait for each child
//! before starting the next, and the five would run one at a time.

use std::process::ExitCode;

use shared::failure::describe;

fn foo(num: u32) {
    println!("{num}");
}

fn main() -> ExitCode {
    shared::process::init();
    let mut mp = Vec::new();
    for i in 0..5 {
        mp.push(procspawn::spawn(i, foo));
        // p.join() here would be the mistake the seed warns about.
    }
    let mut failed = false;
    for p in mp {
        if let Err(err) = p.join() {
            eprintln!("child process failed: {}", describe(&err));
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
