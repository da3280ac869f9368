//! The same three jobs awaited together twice, inside one task. `join!`
//! gives every result, failures included, and cancels nothing; `try_join!`
//! stops at the first failure and drops the rest.
//!
//! Past the seeds: `asyncio.gather(..., return_exceptions=True)` and, for the
//! first failure that cancels the rest, `asyncio.TaskGroup`. These macros
//! make no tasks: they poll their futures in the task that runs them, so
//! nothing here is spawned, and what they drop stops where it was.

use shared::time::secs;

/// Prints if the work is dropped before its end (Python's `except CancelledError`).
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

async fn work(name: &'static str, seconds: f64, fails: bool) -> Result<&'static str, String> {
    let mut unfinished = Unfinished { name, done: false };
    tokio::time::sleep(secs(seconds)).await;
    unfinished.done = true;
    if fails {
        return Err(format!("{name} failed after {seconds} s"));
    }
    println!("{name}: done after {seconds} s");
    Ok(name)
}

fn main() -> shared::failure::Result {
    shared::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        println!("-- every result --");
        let (a, b, c) = tokio::join!(
            work("a", 1.0, false),
            work("b", 2.0, true),
            work("c", 3.0, false),
        );
        for result in [a, b, c] {
            match result {
                Ok(name) => println!("ok: {name}"),
                Err(error) => println!("error: {error}"),
            }
        }

        println!("-- the first failure cancels the rest --");
        let all = tokio::try_join!(
            work("a", 1.0, false),
            work("b", 2.0, true),
            work("c", 3.0, false),
        );
        match all {
            Ok((a, b, c)) => println!("ok: {a}, {b}, {c}"),
            Err(error) => println!("error: {error}"),
        }
    });
    Ok(())
}
