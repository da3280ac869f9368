//! What the pool lesson's programs share: collecting results as they come.
//!
//! procspawn gives a pool worker its next task only once the parent has taken
//! the worker's previous result: the result travels through a channel with no
//! room to wait in. Joining the tasks one by one, in order, would keep a worker
//! that has finished idle until every task before it was joined, so a later
//! task could start late, on the wrong worker. Waiting for every task at once,
//! one thread each, frees each worker the moment it is done, as Python's pool
//! does.

use procspawn::{JoinHandle, SpawnError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::failure::{Failure, describe};

/// Waits for every task; each result is collected as soon as it is ready.
/// Returns the results in task order.
pub fn join_all<T>(tasks: Vec<JoinHandle<T>>) -> Vec<Result<T, SpawnError>>
where
    T: Serialize + DeserializeOwned + Send,
{
    std::thread::scope(|scope| {
        let waiting: Vec<_> = tasks
            .into_iter()
            .map(|task| scope.spawn(move || task.join()))
            .collect();
        waiting
            .into_iter()
            .map(|w| w.join().expect("a thread that only waits cannot panic"))
            .collect()
    })
}

/// Prints each failed task to stderr, in a sentence, and fails if any did.
pub fn report_failures<T>(results: &[Result<T, SpawnError>]) -> shared::failure::Result {
    let mut failed = 0;
    for (i, result) in results.iter().enumerate() {
        if let Err(err) = result {
            eprintln!("task {i} failed: {}", describe(err));
            failed += 1;
        }
    }
    if failed == 0 {
        return Ok(());
    }
    Err(Failure::new(format!(
        "{failed} of {} tasks failed, so the pool's work is incomplete",
        results.len()
    )))
}
