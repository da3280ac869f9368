//! Two mirrors race for the same page, with a deadline beside them: the
//! first to answer wins, and the others are dropped before the winner's page
//! is used. Round one, a mirror answers in time; round two, the deadline
//! comes first.
//!
//! Past the seeds: `asyncio.wait(tasks, timeout=2, return_when=FIRST_COMPLETED)`
//! and the loop that cancels what is still pending. `tokio::select!` polls
//! its branches together until one is ready, runs that branch, and drops the
//! others: no cancel to forget.

use shared::time::secs;

/// Prints if the fetch is dropped before its end (Python's `except CancelledError`).
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

async fn fetch(name: &'static str, seconds: f64) -> String {
    println!("{name}: started, needs {seconds} s");
    let mut unfinished = Unfinished { name, done: false };
    tokio::time::sleep(secs(seconds)).await;
    unfinished.done = true;
    format!("{name}'s page")
}

async fn race(a_seconds: f64, b_seconds: f64) {
    tokio::select! {
        // Poll the branches in the order written (select! picks at random
        // otherwise), so that mirror-a starts first, as in the Python.
        biased;
        page = fetch("mirror-a", a_seconds) => println!("first: {page}"),
        page = fetch("mirror-b", b_seconds) => println!("first: {page}"),
        _ = tokio::time::sleep(secs(2.0)) => println!("no mirror within 2 s"),
    }
}

fn main() -> shared::failure::Result {
    shared::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        race(3.0, 1.0).await;
        race(3.0, 4.0).await;
    });
    Ok(())
}
