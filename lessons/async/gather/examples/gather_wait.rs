//! Two tasks on one thread, one sleeping three seconds and one two: the
//! shorter one finishes first, and the whole run takes three seconds.
//!
//! Port of 004 协程的改进 (`loop.run_until_complete(asyncio.wait([demo(),
//! test()]))`). On Python 3.11 the seed fails: `asyncio.wait` no longer takes
//! bare coroutines, only tasks (or futures). What it meant is two tasks run
//! together until both are done, which is what this port does.

async fn test() {
    println!("你好");
    tokio::time::sleep(shared::time::secs(3.0)).await;
    println!("世界");
}

async fn demo() {
    println!("hello");
    tokio::time::sleep(shared::time::secs(2.0)).await;
    println!("world");
}

fn main() -> shared::failure::Result {
    shared::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        // asyncio.wait([demo(), test()]): both as tasks, in the list's order.
        let tasks = [tokio::spawn(demo()), tokio::spawn(test())];
        for task in tasks {
            task.await?;
        }
        Ok::<(), tokio::task::JoinError>(())
    })?;
    Ok(())
}
