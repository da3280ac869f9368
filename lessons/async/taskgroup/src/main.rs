//! Three tasks in a `JoinSet`: a finishes, b fails, and the set cancels c at
//! its `.await`, waits until it has stopped, and returns b's error.
//!
//! Past the seeds: `asyncio.TaskGroup`, where one failure cancels the rest.
//! A `JoinSet` owns the tasks spawned into it; `join_next` gives their
//! results as they end, and `shutdown` aborts the rest and waits for them.
//! Dropping the set aborts them too, without waiting (exercise 1).

use shared::time::secs;
use tokio::task::JoinSet;

/// Prints if the work is dropped before its end (Python's `except CancelledError`).
struct Unfinished {
    name: &'static str,
    done: bool,
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        if !self.done {
            println!("{}: cancelled at its await", self.name);
        }
    }
}

async fn work(name: &'static str, seconds: f64, fails: bool) -> Result<&'static str, String> {
    let mut unfinished = Unfinished { name, done: false };
    tokio::time::sleep(secs(seconds)).await;
    unfinished.done = true;
    if fails {
        return Err(format!("{name} failed after {seconds} s"));
    }
    println!("{name}: done after {seconds} s");
    Ok(name)
}

/// `async with asyncio.TaskGroup() as group:` and the three `create_task`s.
async fn group() -> Result<(), String> {
    let mut set = JoinSet::new();
    set.spawn(work("a", 1.0, false));
    set.spawn(work("b", 2.0, true));
    set.spawn(work("c", 3.0, false));
    // The results in the order the tasks end.
    while let Some(joined) = set.join_next().await {
        // The outer Err: the task panicked or was aborted; the inner: it failed.
        if let Err(error) = joined.map_err(|e| e.to_string())? {
            // Cancel the others, and wait until they have stopped.
            set.shutdown().await;
            return Err(error);
        }
    }
    Ok(())
}

fn main() -> shared::failure::Result {
    shared::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    match runtime.block_on(group()) {
        Ok(()) => println!("all three done"),
        Err(error) => println!("the group failed: {error}"),
    }
    Ok(())
}
