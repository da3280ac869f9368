//! The same two waits started as tasks first, then awaited: they run at the
//! same time, so the whole takes as long as the longer one, 2 seconds.
//!
//! Port of 001 异步 (the `create_task` program). As printed, the seed calls an
//! undefined `say_after` (its first program defines `say`) and passes
//! 'hello' to both tasks; the port calls `say` and keeps both 'hello's.

use async_sequential::{run, say};
use shared::time::LessonClock;
use tokio::task::JoinError;

async fn main_task() -> Result<(), JoinError> {
    let clock = LessonClock::start();
    println!("started at {}", clock.now());
    // create_task: both start running now, side by side.
    let t1 = tokio::spawn(say(1.0, "hello"));
    let t2 = tokio::spawn(say(2.0, "hello"));
    // Awaiting t1 then t2 waits for both, 2 seconds in all.
    t1.await?;
    t2.await?;
    println!("finished at {}", clock.now());
    Ok(())
}

fn main() -> shared::failure::Result {
    shared::start();
    run(main_task())
}
