//! The second fix, for blocking work that cannot be made async (a blocking
//! library call, a long computation): run it on tokio's blocking thread pool
//! and await its end. The task yields while it waits, so the waits overlap.
//!
//! `tokio::task::spawn_blocking` is asyncio's `loop.run_in_executor(None, ...)`
//! (or `asyncio.to_thread`).

async fn say(delay: f64, what: &'static str) {
    // The blocking sleep runs on another thread; this task just awaits it.
    let blocking = tokio::task::spawn_blocking(move || shared::time::sleep(delay));
    blocking.await.expect("the blocking sleep cannot panic");
    println!("{what}");
}

fn main() -> shared::failure::Result {
    shared::start();
    async_blocking::run_two_tasks(say)
}
