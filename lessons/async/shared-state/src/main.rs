//! Three tasks each deposit 100 into one balance, and each deposit waits for
//! a slow check. Updated after the check, nothing is lost; read before the
//! check and written after it, two deposits vanish; read and written under
//! tokio's `Mutex` held across the check, nothing is lost, but the checks
//! take turns.
//!
//! Past the seeds: `asyncio.Lock`. This program runs on tokio's multi-thread
//! runtime, where tasks run in parallel, so even the update that has no
//! `.await` in it needs a lock: std's `Mutex`, held for the update alone.
//! Held across an `.await`, std's guard would make the task's future unable
//! to move between threads, and `tokio::spawn` refuses it (exercise 1);
//! tokio's `Mutex` is the one whose guard may be held there.

use std::sync::Arc;

use shared::time::{Stopwatch, secs};
use tokio::task::JoinHandle;

const POISONED: &str = "no task panics while it holds the lock";

/// The bank's slow check of a deposit.
async fn check(_amount: u64) {
    tokio::time::sleep(secs(1.0)).await;
}

async fn update_after_the_check(balance: Arc<std::sync::Mutex<u64>>, amount: u64) {
    check(amount).await;
    // Locked for the update alone: no .await while the guard lives.
    *balance.lock().expect(POISONED) += amount;
}

async fn read_before_write_after(balance: Arc<std::sync::Mutex<u64>>, amount: u64) {
    let current = *balance.lock().expect(POISONED);
    check(amount).await; // the other tasks read the same balance meanwhile
    *balance.lock().expect(POISONED) = current + amount;
}

async fn lock_across_the_check(balance: Arc<tokio::sync::Mutex<u64>>, amount: u64) {
    // tokio's lock is awaited, and its guard may live across an .await.
    let mut guard = balance.lock().await;
    let current = *guard;
    check(amount).await;
    *guard = current + amount;
}

/// asyncio.gather over the three deposits, already spawned.
async fn wait_for_all(tasks: Vec<JoinHandle<()>>) -> Result<(), tokio::task::JoinError> {
    for task in tasks {
        task.await?;
    }
    Ok(())
}

fn main() -> shared::failure::Result {
    shared::start();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        println!("-- update after the await --");
        let balance = Arc::new(std::sync::Mutex::new(0));
        let started = Stopwatch::start();
        let deposits = (0..3)
            .map(|_| tokio::spawn(update_after_the_check(Arc::clone(&balance), 100)))
            .collect();
        wait_for_all(deposits).await?;
        let total = *balance.lock().expect(POISONED);
        println!("balance: {total} after {:.0} s", started.elapsed_secs());

        println!("-- read before the await, write after it --");
        let balance = Arc::new(std::sync::Mutex::new(0));
        let started = Stopwatch::start();
        let deposits = (0..3)
            .map(|_| tokio::spawn(read_before_write_after(Arc::clone(&balance), 100)))
            .collect();
        wait_for_all(deposits).await?;
        let total = *balance.lock().expect(POISONED);
        println!("balance: {total} after {:.0} s", started.elapsed_secs());

        println!("-- a lock held across the await --");
        let balance = Arc::new(tokio::sync::Mutex::new(0));
        let started = Stopwatch::start();
        let deposits = (0..3)
            .map(|_| tokio::spawn(lock_across_the_check(Arc::clone(&balance), 100)))
            .collect();
        wait_for_all(deposits).await?;
        let total = *balance.lock().await;
        println!("balance: {total} after {:.0} s", started.elapsed_secs());
        Ok::<(), tokio::task::JoinError>(())
    })?;
    Ok(())
}
