//! Two named child processes print at their own pace, one every second and
//! one every two seconds, side by side.
//!
//! Port of 004 创建进程. The seed's children loop forever (`while 1`) and the
//! program never ends; here each child stops after five seconds of work, and
//! the parent waits for both. A Rust child has no built-in name, so the parent
//! gives each one its name as an argument, as `Process(name=...)` does.

use std::process::ExitCode;

use shared::failure::describe;

use shared::time::sleep;

/// How many lesson seconds the children run, instead of forever.
const RUN_FOR: u32 = 5;

fn profunc(name: String) {
    for _ in 0..=RUN_FOR {
        println!("I'm running.{name}");
        sleep(1.0);
    }
}

fn profunction(name: String) {
    for _ in 0..=RUN_FOR / 2 {
        println!("I'm o98k.{name}");
        sleep(2.0);
    }
}

fn main() -> ExitCode {
    shared::process::init();
    let pro1 = procspawn::spawn("I am process one.".to_string(), profunc);
    let pro2 = procspawn::spawn("I am process two.".to_string(), profunction);
    // The seed's main returns here, and Python waits for the children at exit.
    let mut failed = false;
    for pro in [pro1, pro2] {
        if let Err(err) = pro.join() {
            eprintln!("a child process failed: {}", describe(&err));
            failed = true;
        }
    }
    if failed {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
