//! One named thread runs a loop five times, a second apart, while the main
//! thread waits for it to finish; both say their names.
//!
//! Port of `thread1.py` from the core tutorial. `threading.Thread(target=loop,
//! name="LoopThread")` is `thread::Builder::new().name(...).spawn(loop)`;
//! `t.join()` is `join()`. The main thread is called `main` in Rust, where
//! Python says `MainThread`.

use std::process::ExitCode;
use std::thread;

use shared::time::sleep;
use threads_spawn::current_name;

fn loop_five() {
    println!("thread {} is begin...", current_name());
    for _ in 0..5 {
        println!("thread {} is running...", current_name());
        sleep(1.0);
    }
    println!("thread {} is end...", current_name());
}

fn main() -> ExitCode {
    shared::start();
    // `spawn` on a Builder can fail (the OS may refuse a new thread), so it
    // returns a Result; `thread::spawn` would panic instead.
    let t = match thread::Builder::new()
        .name("LoopThread".into())
        .spawn(loop_five)
    {
        Ok(t) => t,
        Err(err) => {
            eprintln!("could not start a thread: {err}");
            return ExitCode::FAILURE;
        }
    };
    // join() returns Err if the thread panicked.
    if t.join().is_err() {
        return ExitCode::FAILURE;
    }
    println!("thread {} is end...", current_name());
    ExitCode::SUCCESS
}
