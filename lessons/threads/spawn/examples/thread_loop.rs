//! The same shape as `thread1.py`: one named thread counts to five, a second
//! apart, and the main thread waits for it.
//!
//! Port of 003 2.1.

use std::process::ExitCode;
use std::thread;

use shared::time::sleep;
use threads_spawn::current_name;

fn count_to_five() {
    println!("thread {} is running...", current_name());
    let mut n = 0;
    while n < 5 {
        n += 1;
        println!("thread {} >>> {}", current_name(), n);
        sleep(1.0);
    }
    println!("thread {} ended.", current_name());
}

fn main() -> ExitCode {
    shared::start();
    println!("thread {} is running...", current_name());
    let t = thread::Builder::new()
        .name("LoopThread".into())
        .spawn(count_to_five);
    match t.map(|t| t.join()) {
        Ok(Ok(())) => {}
        _ => return ExitCode::FAILURE,
    }
    println!("thread {} ended.", current_name());
    ExitCode::SUCCESS
}
