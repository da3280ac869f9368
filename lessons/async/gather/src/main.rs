//! Three tasks each sleep for three seconds, all on one thread, and the whole
//! run takes three seconds, not nine: while one task waits, the others run.
//!
//! Port of `coroutine2.py` from the core tutorial (asyncio's event loop with
//! three tasks). tokio's *current-thread* runtime is the same shape as
//! asyncio's loop: one thread polls every task, and a task gives the thread
//! back at each `.await` that is not ready yet.

use std::thread;

use shared::time::Stopwatch;

/// The seed's `func1`, `func2` and `func3` are one function written three
/// times; here it is written once and told its name.
async fn func(name: &str) {
    // `thread::current()` prints as `Thread { id: ThreadId(..), name: Some("main"), .. }`:
    // the Rust counterpart of Python's `<_MainThread(MainThread, started ...)>`.
    println!("{name} begin: {:?}", thread::current());
    // tokio's sleep registers a timer and yields; `std::thread::sleep` would
    // block the only thread and make this take nine seconds.
    tokio::time::sleep(shared::time::secs(3.0)).await;
    println!("{name} end: {:?}", thread::current());
}

fn main() -> shared::failure::Result {
    shared::start();
    // Python: f1 = func1() builds a coroutine object and runs nothing.
    // Calling an async fn is the same: these are futures, not yet started.
    let f1 = func("func1");
    let f2 = func("func2");
    let f3 = func("func3");

    let t1 = Stopwatch::start();
    // Python: loop = asyncio.new_event_loop()
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    // Python: loop.run_until_complete(asyncio.wait([create_task(f) ...]))
    runtime.block_on(async {
        let tasks = [tokio::spawn(f1), tokio::spawn(f2), tokio::spawn(f3)];
        for task in tasks {
            task.await?; // Err if the task panicked
        }
        Ok::<(), tokio::task::JoinError>(())
    })?;
    // Python: loop.close()
    drop(runtime);
    println!("耗时: {}", t1.elapsed_secs());
    Ok(())
}
