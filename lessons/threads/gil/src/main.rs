//! Busy threads, one per core, run at the same moment: Rust has no GIL.
//!
//! The seeds' notes on the GIL (000 `thread1.py`, 003 §2): CPython runs one
//! thread's bytecode at a time, so N busy threads on an N-core machine still
//! use about one core (the seed measured 102 % on four cores). Rust has no
//! interpreter and no global lock, so its threads run truly in parallel.
//!
//! The lesson measures it twice. First the process's CPU time (user +
//! system, from `getrusage`) over the wall time, for one busy thread and then
//! for one per core: about 100 % and N × 100 % on an idle machine. But that
//! figure is shared with every other program: with both cores busy elsewhere,
//! two threads get about one core's worth between them, GIL or not. So the
//! verdict rests on a second measurement that load cannot fake: each thread
//! notes the moments it was running (a long gap between two readings of the
//! clock means it was not), and the lesson adds up the time when two or more
//! were running at once. Under a GIL that time is zero, however idle the
//! machine; without one it is most of the run when idle, and still a good
//! share of it when other programs compete for the cores.

use std::hint::black_box;
use std::process::ExitCode;
use std::thread;
use std::time::{Duration, Instant};

use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};
use nix::sys::resource::{UsageWho, getrusage};
use nix::unistd::Pid;

/// How long each measurement keeps the threads busy, in lesson seconds.
const BUSY_FOR: f64 = 3.0;

/// A gap between two readings of the clock longer than this means the
/// thread was not running in between: the scheduler gave its core to
/// another thread for a while (a time slice lasts milliseconds).
const GAP: Duration = Duration::from_micros(50);

/// The process's CPU time so far, all threads together.
fn cpu_time() -> nix::Result<Duration> {
    let usage = getrusage(UsageWho::RUSAGE_SELF)?;
    let micros = |t: nix::sys::time::TimeVal| t.tv_sec() as u64 * 1_000_000 + t.tv_usec() as u64;
    Ok(Duration::from_micros(
        micros(usage.user_time()) + micros(usage.system_time()),
    ))
}

/// One stretch of time, from the start of the measurement, during which a
/// thread was running.
type Running = (Duration, Duration);

/// Spins until `until`, noting when it was running: pure computation, no
/// waiting, and a reading of the clock every few hundred nanoseconds.
fn spin(started: Instant, until: Instant) -> Vec<Running> {
    let mut stretches = Vec::new();
    let mut x = 0u64;
    let (mut from, mut last) = (Instant::now(), Instant::now());
    loop {
        for i in 0..100 {
            x = black_box(x.wrapping_mul(31).wrapping_add(i));
        }
        let now = Instant::now();
        if now - last > GAP {
            // It was off its core between `last` and `now`.
            stretches.push((from - started, last - started));
            from = now;
        }
        last = now;
        if now >= until {
            stretches.push((from - started, last - started));
            return stretches;
        }
    }
}

/// How long two or more of the threads were running at the same moment.
fn together(threads: &[Vec<Running>]) -> Duration {
    let mut edges: Vec<(Duration, i32)> = threads
        .iter()
        .flatten()
        .flat_map(|&(from, to)| [(from, 1), (to, -1)])
        .collect();
    // At one instant, a stretch that ends is counted before one that begins.
    edges.sort();
    let (mut running, mut since, mut total) = (0, Duration::ZERO, Duration::ZERO);
    for (at, change) in edges {
        if running >= 2 {
            total += at - since;
        }
        running += change;
        since = at;
    }
    total
}

/// What one measurement found, in percent of the wall time.
struct Measured {
    /// CPU time over wall time: 100 per core's worth.
    cpu: u64,
    /// Time with two or more threads running at once.
    together: u64,
}

/// The CPUs this process may run on.
fn allowed_cpus() -> nix::Result<Vec<usize>> {
    let allowed = sched_getaffinity(Pid::from_raw(0))?;
    Ok((0..CpuSet::count())
        .filter(|&cpu| allowed.is_set(cpu).unwrap_or(false))
        .collect())
}

/// Keeps the calling thread on `cpu`.
fn pin_to(cpu: usize) -> nix::Result<()> {
    let mut one = CpuSet::new();
    one.set(cpu)?;
    sched_setaffinity(Pid::from_raw(0), &one)
}

/// Runs `threads` busy threads for `BUSY_FOR`, each on a CPU of its own, and
/// measures them.
fn measure(threads: usize) -> nix::Result<Measured> {
    let cpus = allowed_cpus()?;
    let cpu_before = cpu_time()?;
    let started = Instant::now();
    let until = started + shared::time::secs(BUSY_FOR);
    let busy: Vec<_> = (0..threads)
        .map(|i| {
            let cpu = cpus[i % cpus.len()];
            thread::spawn(move || {
                // Left to itself, a loaded scheduler may park two of them on
                // one core for a whole run: a core each lets the question be
                // "can they run at once?", not "where did they land?".
                pin_to(cpu).map(|()| spin(started, until))
            })
        })
        .collect();
    let stretches = busy
        .into_iter()
        .map(|t| t.join().expect("a spinning thread cannot panic"))
        .collect::<nix::Result<Vec<Vec<Running>>>>()?;
    let wall = started.elapsed();
    let cpu = cpu_time()? - cpu_before;
    let percent = |d: Duration| (d.as_secs_f64() / wall.as_secs_f64() * 100.0).round() as u64;
    Ok(Measured {
        cpu: percent(cpu),
        together: percent(together(&stretches)),
    })
}

fn main() -> ExitCode {
    shared::start();
    let cores = allowed_cpus().map_or(1, |cpus| cpus.len());
    let (one, all) = match (measure(1), measure(cores)) {
        (Ok(one), Ok(all)) => (one, all),
        (Err(err), _) | (_, Err(err)) => {
            eprintln!("error: could not measure the threads (CPU time or CPU affinity): {err}");
            return ExitCode::FAILURE;
        }
    };
    println!("1 busy thread: CPU time / wall time = {}%", one.cpu);
    println!("{cores} busy threads: CPU time / wall time = {}%", all.cpu);
    println!(
        "{cores} busy threads: two or more running at the same moment for {}% of the time",
        all.together
    );
    // Any shared moment at all is what a GIL rules out; 1 % is far above the
    // clock's own noise.
    let verdict = if all.together >= 1 { "yes" } else { "no" };
    println!("threads running at the same moment: {verdict}");
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn together_counts_only_shared_moments() {
        // Taking turns, as under a GIL: never together.
        let turns = [
            vec![(ms(0), ms(5)), (ms(10), ms(15))],
            vec![(ms(5), ms(10))],
        ];
        assert_eq!(together(&turns), Duration::ZERO);
        // Overlapping by 3 ms, then by 1 ms.
        let both = [vec![(ms(0), ms(5)), (ms(8), ms(9))], vec![(ms(2), ms(20))]];
        assert_eq!(together(&both), ms(4));
    }
}
