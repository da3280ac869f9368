//! Two waits awaited one after the other: the second starts only when the
//! first is over, so the whole takes 1 + 2 = 3 seconds.
//!
//! Port of 001 异步 (the first program). `await` means "wait here until this
//! is done": awaiting two futures in a row runs them in a row, even on an
//! async runtime. The clock (`shared::time::LessonClock`) is on the course's
//! time scale, so it reads 3 seconds later at any speed.

use std::convert::Infallible;

use async_sequential::{run, say};
use shared::time::LessonClock;

async fn main_task() -> Result<(), Infallible> {
    let clock = LessonClock::start();
    println!("started at {}", clock.now());
    say(1.0, "hello").await;
    say(2.0, "world").await;
    println!("finished at {}", clock.now());
    Ok(())
}

fn main() -> shared::failure::Result {
    shared::start();
    run(main_task())
}
