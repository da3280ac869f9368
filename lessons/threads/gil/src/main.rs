//! Busy threads, one per core, keep every core busy: the process uses about
//! as many seconds of CPU time per second of wall time as there are cores.
//!
//! The seeds' notes on the GIL (000 `thread1.py`, 003 §2): CPython runs one
//! thread's bytecode at a time, so N busy threads on an N-core machine still
//! use about one core (the seed measured 102 % on four cores). Rust has no
//! interpreter and no global lock, so its threads run truly in parallel. The
//! lesson measures it: the process's CPU time (user + system, from
//! `getrusage`) over the wall time, first for one busy thread, then for one
//! per core.

use std::hint::black_box;
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::resource::{UsageWho, getrusage};

/// How long each measurement keeps the threads busy, in lesson seconds.
const BUSY_FOR: f64 = 3.0;

/// More than this many cores' worth of CPU is out of reach for a GIL-bound
/// program (the seed's 102 %), and within reach of two cores even while
/// another program keeps one of them busy (we measured 125 % to 150 % then).
const THRESHOLD_PERCENT: u64 = 110;

/// The process's CPU time so far, all threads together.
fn cpu_time() -> nix::Result<Duration> {
    let usage = getrusage(UsageWho::RUSAGE_SELF)?;
    let micros = |t: nix::sys::time::TimeVal| t.tv_sec() as u64 * 1_000_000 + t.tv_usec() as u64;
    Ok(Duration::from_micros(
        micros(usage.user_time()) + micros(usage.system_time()),
    ))
}

/// Spins until `until`: pure computation, no waiting.
fn spin(until: Instant) {
    let mut x = 0u64;
    while Instant::now() < until {
        for i in 0..1000 {
            x = black_box(x.wrapping_mul(31).wrapping_add(i));
        }
    }
}

/// Runs `threads` busy threads for `BUSY_FOR` and returns CPU time over wall
/// time, in percent of one core.
fn measure(threads: usize) -> nix::Result<u64> {
    let cpu_before = cpu_time()?;
    let started = Instant::now();
    let until = started + shared::time::secs(BUSY_FOR);
    let busy: Vec<_> = (0..threads)
        .map(|_| thread::spawn(move || spin(until)))
        .collect();
    for t in busy {
        t.join().expect("a spinning thread cannot panic");
    }
    let wall = started.elapsed();
    let cpu = cpu_time()? - cpu_before;
    Ok((cpu.as_secs_f64() / wall.as_secs_f64() * 100.0).round() as u64)
}

fn main() -> ExitCode {
    shared::start();
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let (one, all) = match (measure(1), measure(cores)) {
        (Ok(one), Ok(all)) => (one, all),
        (Err(err), _) | (_, Err(err)) => {
            eprintln!("could not read the CPU time: {err}");
            return ExitCode::FAILURE;
        }
    };
    println!("1 busy thread: CPU time / wall time = {one}%");
    println!("{cores} busy threads: CPU time / wall time = {all}%");
    let verdict = if all > THRESHOLD_PERCENT { "yes" } else { "no" };
    println!("more than one core's worth: {verdict}");
    ExitCode::SUCCESS
}
