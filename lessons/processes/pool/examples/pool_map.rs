//! `Pool.map`: a function applied to every item of a range by five worker
//! processes, the range cut into chunks, one chunk per task.
//!
//! Port of 001 `Pool(5).map(foo, range(100))`. Python cuts the 100 items into
//! chunks of 5 (a fifth of a quarter of the work per worker) and each worker
//! prints its chunk in order; which chunk comes first is the scheduler's
//! choice. The port cuts the range the same way.

use processes_pool::{join_all, report_failures};

fn foo(num: u32) {
    println!("{num}");
}

/// Python's default chunk size for `map`: the items over four times the workers, rounded up.
fn chunk_size(items: usize, workers: usize) -> usize {
    items.div_ceil(workers * 4).max(1)
}

fn main() -> shared::failure::Result {
    shared::process::init();
    let workers = 5;
    let p = procspawn::Pool::new(workers)?;
    let items: Vec<u32> = (0..100).collect();
    let chunks = items.chunks(chunk_size(items.len(), workers));
    let tasks: Vec<_> = chunks
        .map(|chunk| {
            p.spawn(chunk.to_vec(), |chunk: Vec<u32>| {
                chunk.into_iter().for_each(foo)
            })
        })
        .collect();
    // map() returns when every chunk is done (with the results, all `None` here).
    let outcome = report_failures(&join_all(tasks));
    p.shutdown();
    outcome?;
    Ok(())
}
