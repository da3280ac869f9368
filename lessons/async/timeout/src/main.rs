//! A deadline around a slow call: `tokio::time::timeout` gives a block 2
//! seconds, and the fetch inside it, which needs 3, is dropped at the
//! `.await` it is waiting in; a quick fetch beats the same deadline.
//!
//! Past the seeds: asyncio's `asyncio.timeout` and `asyncio.wait_for`. Python
//! cancels a task by raising `CancelledError` inside it, at its `await`. Rust
//! has no exception to raise: a future that is dropped is never polled again,
//! and its local variables are dropped where it stopped. A value whose `Drop`
//! prints is how this program sees it happen.

use shared::time::secs;
use tokio::time::timeout;

/// Prints if the fetch is dropped before its end: the Rust place of Python's
/// `except asyncio.CancelledError`.
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
    println!("{name}: done");
    format!("{name}'s page")
}

fn main() -> shared::failure::Result {
    shared::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        // A deadline for a block: asyncio.timeout(2).
        let block = async {
            let page = fetch("slow", 3.0).await;
            println!("got {page}");
        };
        if timeout(secs(2.0), block).await.is_err() {
            println!("slow: no page within 2 s");
        }

        // A deadline for one call: asyncio.wait_for(fetch(...), timeout=2).
        match timeout(secs(2.0), fetch("quick", 1.0)).await {
            Ok(page) => println!("got {page}"),
            Err(_elapsed) => println!("quick: no page within 2 s"),
        }
    });
    Ok(())
}
