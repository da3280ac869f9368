//! Two named threads each work through three URLs, pausing a random time
//! after each, while the main thread waits for both.
//!
//! Port of 002 §二.1.1. Each thread gets its list of URLs *moved* into it: the
//! closure owns the `Vec`, so nothing is shared and nothing needs a lock.

use std::process::ExitCode;
use std::thread;

use shared::random::rng_for;
use shared::time::sleep;
use threads_spawn::current_name;

fn thread_run(stream: u64, urls: Vec<&str>) {
    println!("Current {} is running...", current_name());
    let mut rng = rng_for(stream);
    for url in urls {
        println!("{}---->>> {}", current_name(), url);
        sleep(rng.f64());
    }
    println!("{} ended.", current_name());
}

fn main() -> ExitCode {
    shared::start();
    println!("{} is running...", current_name());
    let start = |name: &str, stream, urls| {
        thread::Builder::new()
            .name(name.to_string())
            .spawn(move || thread_run(stream, urls))
    };
    let (Ok(t1), Ok(t2)) = (
        start("Thread_1", 1, vec!["url_1", "url_2", "url_3"]),
        start("Thread_2", 2, vec!["url_4", "url_5", "url_6"]),
    ) else {
        eprintln!("could not start the threads");
        return ExitCode::FAILURE;
    };
    let joined = [t1.join(), t2.join()];
    if joined.iter().any(Result::is_err) {
        return ExitCode::FAILURE;
    }
    println!("{} ended.", current_name());
    ExitCode::SUCCESS
}
