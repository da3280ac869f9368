//! What this lesson's programs share: the seed's `main` with two tasks, run
//! with a `say` of the caller's choice.

use std::future::Future;

use shared::time::LessonClock;

/// The seed's `main()`: two tasks, `say(1, 'hello')` and `say(2, 'hello')`,
/// started together and awaited, between two clock readings. Runs on a
/// current-thread runtime, one thread for every task, as asyncio does.
pub fn run_two_tasks<F>(say: fn(f64, &'static str) -> F) -> shared::failure::Result
where
    F: Future<Output = ()> + Send + 'static,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        let clock = LessonClock::start();
        println!("started at {}", clock.now());
        let t1 = tokio::spawn(say(1.0, "hello"));
        let t2 = tokio::spawn(say(2.0, "hello"));
        t1.await?;
        t2.await?;
        println!("finished at {}", clock.now());
        Ok::<(), tokio::task::JoinError>(())
    })?;
    Ok(())
}
