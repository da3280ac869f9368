//! Threads that work on the caller's own vector: four threads square their
//! quarter of a million numbers in place, then four threads sum their
//! quarters, and the vector is the caller's again afterwards.
//!
//! Goes past the seeds. `thread::spawn` wants a closure that owns everything
//! it uses (`'static`), because the thread may outlive the function that
//! started it; `thread::scope` waits for its threads before it returns, so
//! they may borrow the caller's data. `chunks_mut` cuts the vector into
//! parts that do not overlap, and each thread gets one `&mut` part: the
//! compiler has checked that no two threads can write the same number, with
//! no lock and no copy.

use std::thread;

const N: u64 = 1_000_000;
const PARTS: usize = 4;

fn main() {
    shared::start();
    let mut numbers: Vec<u64> = (1..=N).collect();
    let size = numbers.len() / PARTS;

    // Writers: each thread borrows its own part mutably.
    let squared: Vec<usize> = thread::scope(|s| {
        let threads: Vec<_> = numbers
            .chunks_mut(size)
            .map(|part| {
                s.spawn(move || {
                    for x in part.iter_mut() {
                        *x *= *x;
                    }
                    part.len()
                })
            })
            .collect();
        // `join` hands back each thread's return value.
        threads
            .into_iter()
            .map(|t| t.join().expect("squaring cannot panic"))
            .collect()
    });
    println!("{PARTS} threads squared their parts in place: {squared:?}");

    // Readers: any number of threads may borrow the same data to read it.
    let sums: Vec<u64> = thread::scope(|s| {
        let threads: Vec<_> = numbers
            .chunks(size)
            .map(|part| s.spawn(move || part.iter().sum::<u64>()))
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().expect("summing cannot panic"))
            .collect()
    });
    println!("{PARTS} threads summed their parts: {sums:?}");
    println!(
        "the sum of the squares of 1 to {N}: {}",
        sums.iter().sum::<u64>()
    );
    // The scopes have ended, their borrows with them: the vector is ours.
    println!(
        "the list is still here: {} numbers, the last {}",
        numbers.len(),
        numbers[numbers.len() - 1]
    );
}
