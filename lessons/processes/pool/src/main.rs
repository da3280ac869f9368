//! Five tasks, three worker processes: the first three tasks start at once,
//! and each of the other two waits for a worker to be free, then runs in that
//! same process (the same pid reappears).
//!
//! Port of 002 §一.3 (`Pool(processes=3)` with `apply_async`). procspawn's
//! `Pool` starts its worker processes once and sends each task to a free one.
//! Each task sleeps a random time; under `LESSON_SEED` the draws, and so the
//! order in which tasks end and workers are reused, are the same every run.

use std::process::id;

use processes_pool::{join_all, report_failures};
use shared::random::rng_for;
use shared::time::sleep;

fn run_task(name: u32) {
    println!("Task {} (pid={}) is Running...", name, id());
    // random.random() * 3: each task draws from its own stream, so the draw
    // does not depend on which worker process happens to run it.
    sleep(rng_for(name.into()).f64() * 3.0);
    println!("Task {name} end.");
}

fn main() -> shared::failure::Result {
    shared::process::init();
    println!("Current Process {}.", id());
    let p = procspawn::Pool::new(3)?;
    // apply_async: hand the task to the pool and go on at once.
    let tasks: Vec<_> = (0..5).map(|i| p.spawn(i, run_task)).collect();
    println!("Waiting for all subprocesses done...");
    // close() + join(): wait for every task, then stop the workers.
    let outcome = report_failures(&join_all(tasks));
    p.shutdown();
    outcome?;
    println!("All subprocess done.");
    Ok(())
}
