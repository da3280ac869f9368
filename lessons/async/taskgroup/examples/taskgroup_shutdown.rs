//! Two workers do jobs until they are asked to stop, and never stop in the
//! middle of one. Ctrl-C asks them to stop; so, in this demo, does a
//! deadline of 3 seconds, by cancelling the same token. The program ends
//! when both have finished the job they were in, or at once on a second
//! Ctrl-C.
//!
//! Past the seeds: a SIGINT handler that sets an `asyncio.Event` the workers
//! look at, and a `TaskGroup` that waits for them. tokio-util's
//! `CancellationToken` is the event (cloned into each worker);
//! `TaskTracker` waits for every task spawned through it;
//! `tokio::signal::ctrl_c` is the handler.

use shared::time::secs;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

async fn worker(name: &'static str, job_seconds: f64, stop: CancellationToken) {
    let mut job = 0;
    while !stop.is_cancelled() {
        job += 1;
        println!("{name}: job {job} started");
        tokio::time::sleep(secs(job_seconds)).await;
        println!("{name}: job {job} done");
    }
    println!("{name}: stops after job {job}");
}

fn main() -> shared::failure::Result {
    shared::start();
    // `enable_all`: the timers, and the IO driver that delivers signals.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let stop = CancellationToken::new();
        let workers = TaskTracker::new();
        workers.spawn(worker("w1", 2.0, stop.clone()));
        workers.spawn(worker("w2", 5.0, stop.clone()));
        // No more workers will come: `wait` may return once these have ended.
        workers.close();

        // From the first poll of ctrl_c() on, Ctrl-C no longer kills the
        // process: it completes this future instead.
        tokio::select! {
            pressed = tokio::signal::ctrl_c() => {
                pressed?;
                println!("Ctrl-C: asking the workers to stop");
            }
            _ = tokio::time::sleep(secs(3.0)) => {
                println!("3 s gone: asking the workers to stop");
            }
        }
        stop.cancel();

        // A second Ctrl-C does not wait for the jobs.
        tokio::select! {
            _ = workers.wait() => println!("all workers stopped"),
            pressed = tokio::signal::ctrl_c() => {
                pressed?;
                // Dropping the runtime drops the workers at their .await.
                println!("Ctrl-C: stopping now, without waiting for the workers");
            }
        }
        Ok::<(), std::io::Error>(())
    })?;
    Ok(())
}
