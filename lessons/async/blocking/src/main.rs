//! Two tasks that should wait 1 and 2 seconds side by side take 3: each
//! blocks the runtime's only thread while it sleeps, so the other cannot run.
//!
//! Port of 001 异步 (the `say` that calls `time.sleep`). `std::thread::sleep`
//! is to tokio what `time.sleep` is to asyncio: it stops the whole thread,
//! and with it every task on that thread. The `.await` that follows yields
//! too late. The two examples fix it: `blocking_async_sleep` and
//! `blocking_spawn_blocking`.

/// The seed's `say`: a blocking sleep, then `await asyncio.sleep(0)`.
async fn say(delay: f64, what: &'static str) {
    // Blocks the thread: no other task can run for `delay` seconds.
    shared::time::sleep(delay);
    // asyncio.sleep(0): let other tasks run, now that it is too late.
    tokio::task::yield_now().await;
    println!("{what}");
}

fn main() -> shared::failure::Result {
    shared::start();
    async_blocking::run_two_tasks(say)
}
