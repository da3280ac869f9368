//! Four workers, five tasks of random length: tasks 0 to 3 start at once and
//! task 4 waits for the first worker to be free; each task reports how long
//! it ran.
//!
//! Port of 003 1.3 (`Pool(4)`). The seed notes that a pool's default size is
//! the number of cores; procspawn asks for it explicitly.

use std::process::id;

use processes_pool::{join_all, report_failures};
use shared::random::rng_for;
use shared::time::{Stopwatch, sleep};

fn long_time_task(name: u32) {
    println!("Run task {} ({})...", name, id());
    let start = Stopwatch::start();
    sleep(rng_for(name.into()).f64() * 3.0);
    println!("Task {} runs {:.2} seconds.", name, start.elapsed_secs());
}

fn main() -> shared::failure::Result {
    shared::process::init();
    println!("Parent process {}.", id());
    let p = procspawn::Pool::new(4)?;
    let tasks: Vec<_> = (0..5).map(|i| p.spawn(i, long_time_task)).collect();
    println!("Waiting for all subprocesses done...");
    let outcome = report_failures(&join_all(tasks));
    p.shutdown();
    outcome?;
    println!("All subprocesses done.");
    Ok(())
}
