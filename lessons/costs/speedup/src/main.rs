//! What running on every core buys: one CPU-bound job, done whole on one
//! core and then split over every core, timed both ways. The speed-up is the
//! first time over the second; its ideal is the number of cores, and only
//! the cost of sharing the work out and gathering it in keeps it below.
//!
//! Two ways to split it, both threads, since Rust's threads have no GIL:
//!
//! - `std::thread::scope`: one thread per core, each summing a slice of the
//!   range, joined at the end of the scope (`threads-spawn`'s threads, with
//!   borrowing allowed);
//! - rayon: `into_par_iter()` over the whole range, which rayon's pool of
//!   one thread per core splits and steals as it goes.
//!
//! Python's side (`../python/speedup.py`) splits the same job over threads
//! (which take turns under the GIL), over a pool of processes, and over
//! threads of the free-threaded build when `cargo xtask python
//! --free-threaded` has built it.
//!
//! Run it in release mode: `cargo run --release -p costs-speedup`.

use std::cell::Cell;
use std::hint::black_box;
use std::io;
use std::ops::Range;
use std::thread;
use std::time::{Duration, Instant};

use costs_harness::{Options, Record, speedup};
use rayon::prelude::*;

fn main() -> shared::failure::Result {
    shared::start();
    let options = Options::from_args();
    let plan = options.plan;
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    options.heading(&format!(
        "one CPU-bound job split over every core: speed-up over one core, median (p10 .. p90); the ideal is {cores}× on {cores} cores"
    ));
    let answer = Answer::default();
    let whole = |n| whole(n, &answer);
    options.report(&Record::speedup(
        "thread",
        "std::thread::scope, one thread per core, each summing a slice",
        speedup(&plan, whole, |n| split_over_threads(n, cores, &answer))?,
        cores,
    ));
    options.report(&Record::speedup(
        "pool",
        &format!(
            "rayon's into_par_iter over the whole range (a pool of {} threads)",
            rayon::current_num_threads()
        ),
        speedup(&plan, whole, |n| split_with_rayon(n, &answer))?,
        cores,
    ));
    Ok(())
}

/// The job's step: SplitMix64's mixing of one number, a few multiplications
/// and shifts with nothing to wait for and nothing shared.
fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The job, or a slice of it: the mixed numbers of `range`, summed.
fn job(range: Range<u64>) -> u64 {
    range.map(mix).fold(0, u64::wrapping_add)
}

/// The whole job's size and sum, as last computed: every split of the same
/// job must give the same sum, so that one that loses a slice cannot pass
/// for a fast one.
type Answer = Cell<(u64, u64)>;

fn check(answer: &Answer, n: u64, sum: u64) -> io::Result<()> {
    match answer.get() {
        (size, whole) if size == n && whole != sum => Err(io::Error::other(format!(
            "the split job summed to {sum}, the whole one to {whole}"
        ))),
        _ => Ok(()),
    }
}

/// The whole job on this thread: the time the speed-up divides.
fn whole(n: u64, answer: &Answer) -> io::Result<Duration> {
    let started = Instant::now();
    let sum = job(0..black_box(n));
    let took = started.elapsed();
    answer.set((n, sum));
    Ok(took)
}

/// One scoped thread per core, each summing its slice of the range.
fn split_over_threads(n: u64, threads: usize, answer: &Answer) -> io::Result<Duration> {
    let started = Instant::now();
    let slice = n.div_ceil(threads as u64);
    let sum = thread::scope(|s| {
        let handles: Vec<_> = (0..threads as u64)
            .map(|t| s.spawn(move || job(t * slice..((t + 1) * slice).min(n))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join())
            .try_fold(0u64, |sum, part| part.map(|p| sum.wrapping_add(p)))
    })
    .map_err(|_| io::Error::other("a thread panicked"))?;
    let took = started.elapsed();
    check(answer, n, sum)?;
    Ok(took)
}

/// rayon's parallel iterator over the whole range: its pool splits it.
fn split_with_rayon(n: u64, answer: &Answer) -> io::Result<Duration> {
    let started = Instant::now();
    let sum = (0..black_box(n))
        .into_par_iter()
        .map(mix)
        .reduce(|| 0, u64::wrapping_add);
    let took = started.elapsed();
    check(answer, n, sum)?;
    Ok(took)
}
