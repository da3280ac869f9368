//! A task nobody awaits still runs to its end; an aborted one stops at its
//! next `.await`. Ticker a's handle is dropped and it ticks three times all
//! the same; ticker b is aborted halfway between its first tick and its
//! second, and awaiting its handle says it was cancelled.
//!
//! Past the seeds: `task.cancel()` and the `CancelledError` that awaiting the
//! task raises. Dropping a `JoinHandle` detaches the task, it does not stop
//! it: `JoinHandle::abort` does.

use shared::time::secs;

/// Prints if the ticker is dropped before its end (Python's `except CancelledError`).
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

async fn tick(name: &'static str, every: f64, times: u32) {
    let mut unfinished = Unfinished { name, done: false };
    for i in 1..=times {
        tokio::time::sleep(secs(every)).await;
        println!("{name}: tick {i}");
    }
    unfinished.done = true;
}

fn main() -> shared::failure::Result {
    shared::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        let a = tokio::spawn(tick("a", 1.0, 3));
        println!("main: a spawned");
        // Detaches the task: it runs on, and nobody can await it now.
        drop(a);
        tokio::time::sleep(secs(4.0)).await;

        let b = tokio::spawn(tick("b", 2.0, 3));
        tokio::time::sleep(secs(3.0)).await;
        println!("main: cancel b");
        b.abort();
        match b.await {
            Err(error) if error.is_cancelled() => println!("main: b ended cancelled"),
            Err(error) => println!("main: b failed: {error}"),
            Ok(()) => println!("main: b finished"),
        }
    });
    Ok(())
}
