//! The costs chapter's measuring method, its memory gauge and its output:
//! what the chapter teaches about measuring, so it lives in the chapter,
//! beside its Python twin (`../python/harness.py`), which takes every figure
//! the same way, line for line.
//!
//! A measurement on a shared two-core machine meets outliers: a timer
//! interrupt, a page fault, the other core's work. So one figure is never one
//! run. [`per_op`] first grows a *batch* of operations until one batch lasts
//! long enough for the clock to time it well, runs a few batches to warm the
//! caches, the allocator and the scheduler up, then times many batches and
//! reports the **median** time per operation, with the 10th and 90th
//! percentiles as its spread. The median ignores the rare slow sample that a
//! mean would smear over every figure; the spread shows how rare it was.
//!
//! [`Footprint`] reads what memory a set of processes costs: their
//! proportional share of the pages they use (Linux's `Pss`, so pages a forked
//! child still shares with its parent count once, not twice), plus the
//! kernel's own memory for them (kernel stacks, page tables and the slab that
//! holds task structures). A unit's cost is the difference with 10 000 units
//! alive, divided by 10 000.
//!
//! [`speedup`] times one CPU-bound job done whole on one core and split over
//! every core, sample by sample, and reports the median ratio: the speed-up,
//! whose ideal is the number of cores.
//!
//! Every program of the chapter prints a small table by default. With
//! `--json` it prints one [`Record`] per line instead, for `cargo xtask bench`,
//! and the table goes to standard error as a progress report. With `--quick`
//! it measures just enough to show that every model works (verify runs it so).

use std::fs;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// How much to measure.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Batches run and thrown away before sampling.
    pub warmup: usize,
    /// Batches timed.
    pub samples: usize,
    /// How long one batch should last at least.
    pub batch_time: Duration,
    /// How many units the memory measurements keep alive at once.
    pub alive: usize,
    /// How long the speed-up's job should take on one core, at least.
    pub job_time: Duration,
}

impl Plan {
    /// What `cargo xtask bench` uses: a figure a learner can rely on.
    pub const FULL: Plan = Plan {
        warmup: 10,
        samples: 100,
        batch_time: Duration::from_millis(2),
        alive: 10_000,
        job_time: Duration::from_millis(20),
    };

    /// Just enough to see every model run: verify's `--quick`.
    pub const QUICK: Plan = Plan {
        warmup: 1,
        samples: 5,
        batch_time: Duration::from_micros(100),
        alive: 100,
        job_time: Duration::from_millis(1),
    };
}

/// The median time per operation and its spread, in seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub median: f64,
    /// The 10th percentile.
    pub low: f64,
    /// The 90th percentile.
    pub high: f64,
    pub samples: usize,
    /// Operations per sample.
    pub batch: u64,
}

/// Times an operation. `run(n)` performs it `n` times and returns how long
/// those `n` took, so that it can leave its own set-up out of the timing.
/// The first error ends the measurement.
pub fn per_op<E>(
    plan: &Plan,
    mut run: impl FnMut(u64) -> Result<Duration, E>,
) -> Result<Summary, E> {
    // Grow the batch until it lasts `batch_time`; a slow operation stays at 1.
    let mut batch: u64 = 1;
    loop {
        let took = run(batch)?;
        if took >= plan.batch_time || batch >= 1 << 24 {
            break;
        }
        let grow = plan.batch_time.as_secs_f64() / took.as_secs_f64().max(1e-9);
        batch = (batch as f64 * grow.clamp(2.0, 100.0)).ceil() as u64;
    }
    for _ in 0..plan.warmup {
        run(batch)?;
    }
    let mut per_op = Vec::with_capacity(plan.samples);
    for _ in 0..plan.samples.max(1) {
        per_op.push(run(batch)?.as_secs_f64() / batch as f64);
    }
    Ok(summarise(per_op, batch))
}

/// Median and 10th/90th percentiles of some samples.
pub fn summarise(mut samples: Vec<f64>, batch: u64) -> Summary {
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    Summary {
        median: at(0.5),
        low: at(0.1),
        high: at(0.9),
        samples: samples.len(),
        batch,
    }
}

/// How many times faster a job runs split over several workers than done
/// whole by one. `whole(n)` does a job of size `n` on one core and
/// `split(n)` the same job shared out; each returns how long it took. The
/// size grows until the whole job lasts `job_time`; then, after the warm-up,
/// each sample times the two one after the other, so that a moment when the
/// machine is busy elsewhere slows both, and the sample is their ratio. The
/// summary is of ratios: its median is the speed-up, and its `batch` the
/// job's size.
pub fn speedup<E>(
    plan: &Plan,
    mut whole: impl FnMut(u64) -> Result<Duration, E>,
    mut split: impl FnMut(u64) -> Result<Duration, E>,
) -> Result<Summary, E> {
    let mut size: u64 = 1000;
    loop {
        let took = whole(size)?;
        if took >= plan.job_time || size >= 1 << 40 {
            break;
        }
        let grow = plan.job_time.as_secs_f64() / took.as_secs_f64().max(1e-9);
        size = (size as f64 * grow.clamp(1.1, 100.0)).ceil() as u64;
    }
    for _ in 0..plan.warmup {
        whole(size)?;
        split(size)?;
    }
    let mut ratios = Vec::with_capacity(plan.samples);
    for _ in 0..plan.samples.max(1) {
        let one = whole(size)?.as_secs_f64();
        let shared = split(size)?.as_secs_f64().max(1e-9);
        ratios.push(one / shared);
    }
    Ok(summarise(ratios, size))
}

/// Times `n` runs of `op`: the usual body for [`per_op`].
pub fn timed<E>(n: u64, mut op: impl FnMut() -> Result<(), E>) -> Result<Duration, E> {
    let started = Instant::now();
    for _ in 0..n {
        op()?;
    }
    Ok(started.elapsed())
}

/// Bytes of memory in use, in the processes given and in the kernel.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Footprint {
    /// The processes' proportional set size (`Pss`), summed.
    pub user: u64,
    /// The whole kernel's stacks, page tables and unreclaimable slab.
    pub kernel: u64,
}

impl Footprint {
    /// Reads this process's footprint plus that of `children` (by pid).
    pub fn read(children: &[i32]) -> io::Result<Footprint> {
        let mut user = pss("self")?;
        for pid in children {
            user += pss(&pid.to_string())?;
        }
        let meminfo = fs::read_to_string("/proc/meminfo")?;
        let kernel = ["KernelStack:", "PageTables:", "SUnreclaim:"]
            .iter()
            .map(|key| kib_field(&meminfo, key).unwrap_or(0))
            .sum();
        Ok(Footprint { user, kernel })
    }

    /// This process's footprint, once the kernel has finished freeing what an
    /// earlier measurement left (an exited process is freed a little later):
    /// read until two readings 50 ms apart agree within 64 KiB, for at most
    /// two seconds.
    pub fn settled() -> io::Result<Footprint> {
        let mut last = Footprint::read(&[])?;
        for _ in 0..40 {
            std::thread::sleep(Duration::from_millis(50));
            let now = Footprint::read(&[])?;
            if now.kernel.abs_diff(last.kernel) < 64 * 1024 {
                return Ok(now);
            }
            last = now;
        }
        Ok(last)
    }

    /// Bytes per unit between `before` and `self`, for `units` units.
    pub fn per_unit(&self, before: &Footprint, units: usize) -> (f64, f64) {
        let units = units.max(1) as f64;
        (
            (self.user as f64 - before.user as f64) / units,
            (self.kernel as f64 - before.kernel as f64) / units,
        )
    }
}

fn pin_to_one_cpu() -> nix::Result<usize> {
    use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};
    use nix::unistd::Pid;
    let allowed = sched_getaffinity(Pid::from_raw(0))?;
    let cpu = (0..CpuSet::count())
        .find(|&cpu| allowed.is_set(cpu).unwrap_or(false))
        .unwrap_or(0);
    let mut one = CpuSet::new();
    one.set(cpu)?;
    sched_setaffinity(Pid::from_raw(0), &one)?;
    Ok(cpu)
}

fn pss(pid: &str) -> io::Result<u64> {
    let rollup = fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))?;
    kib_field(&rollup, "Pss:").ok_or_else(|| io::Error::other("no Pss in smaps_rollup"))
}

/// A `Key:   123 kB` field of a /proc file, in bytes.
fn kib_field(text: &str, key: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(key))?;
    let kib: u64 = line[key.len()..].split_whitespace().next()?.parse().ok()?;
    Some(kib * 1024)
}

/// The command line every program of the costs chapter takes.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub plan: Plan,
    /// Print JSON records on stdout, and the table on stderr.
    pub json: bool,
    /// Let [`Options::pin`] leave the program free to use every core.
    pub two_cores: bool,
}

const USAGE: &str = "usage: [--quick] [--json] [--two-cores]";

impl Options {
    /// Reads `--quick` and `--json`; anything else ends the program with a
    /// usage line and exit status 2.
    pub fn from_args() -> Options {
        let mut options = Options {
            plan: Plan::FULL,
            json: false,
            two_cores: false,
        };
        for arg in std::env::args().skip(1) {
            match arg.as_str() {
                "--quick" => options.plan = Plan::QUICK,
                "--json" => options.json = true,
                "--two-cores" => options.two_cores = true,
                "-h" | "--help" => {
                    println!("{USAGE}");
                    println!("  --quick      measure just enough to see every model work");
                    println!("  --json       one JSON record per line, for `cargo xtask bench`");
                    println!("  --two-cores  do not pin the program to one CPU");
                    std::process::exit(0);
                }
                other => {
                    eprintln!("error: unknown argument {other:?}; {USAGE}");
                    std::process::exit(2);
                }
            }
        }
        options
    }

    /// Keeps this process, and every thread and process it starts later, on
    /// the first CPU it may use, unless `--two-cores` was given. Says where
    /// the units run, for the table's heading.
    pub fn pin(&self) -> String {
        if self.two_cores {
            return "free to use every core (--two-cores)".to_string();
        }
        match pin_to_one_cpu() {
            Ok(cpu) => format!("all on CPU {cpu}"),
            Err(e) => format!("not pinned ({e}): the figures include moves between cores"),
        }
    }

    /// A table's heading: on stdout, or on stderr in JSON mode.
    pub fn heading(&self, text: &str) {
        self.say(&format!("{text}\n"));
    }

    /// Reports one figure: a table row, and in JSON mode a record too.
    pub fn report(&self, record: &Record) {
        self.say(&record.row());
        if self.json {
            let line = serde_json::to_string(record).expect("a record serialises");
            let mut out = io::stdout().lock();
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
    }

    fn say(&self, text: &str) {
        let _ = if self.json {
            io::stderr().lock().write_all(text.as_bytes())
        } else {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|()| out.flush())
        };
    }
}

/// What one measurement found for one model.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// `spawn`, `memory`, `round_trip`, `throughput`, `switch` or `speedup`.
    pub measure: &'static str,
    /// `process`, `thread`, `coroutine` or `task`; for the speed-up,
    /// `thread`, `pool` or `free-threaded thread`.
    pub model: &'static str,
    /// The mechanism measured, in a few words.
    pub how: String,
    /// The figure: seconds, bytes or messages per second (see `unit`).
    pub value: f64,
    /// Its spread, where it has one: 10th and 90th percentiles.
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// `s`, `B`, `msg/s` or `×` (a speed-up).
    pub unit: &'static str,
    /// How many units were alive at once (memory), how many workers shared
    /// the job (speed-up), or how many samples were taken.
    pub count: usize,
    /// Anything a reader of the figure must know.
    pub note: Option<String>,
}

impl Record {
    /// A time per operation, from a [`Summary`].
    pub fn time(measure: &'static str, model: &'static str, how: &str, s: Summary) -> Record {
        Record {
            measure,
            model,
            how: how.to_string(),
            value: s.median,
            low: Some(s.low),
            high: Some(s.high),
            unit: "s",
            count: s.samples,
            note: None,
        }
    }

    /// Operations per second, from a [`Summary`] of times per operation.
    pub fn rate(measure: &'static str, model: &'static str, how: &str, s: Summary) -> Record {
        Record {
            measure,
            model,
            how: how.to_string(),
            value: 1.0 / s.median,
            low: Some(1.0 / s.high),
            high: Some(1.0 / s.low),
            unit: "msg/s",
            count: s.samples,
            note: None,
        }
    }

    /// A speed-up over one core, from a [`Summary`] of [`speedup`]'s
    /// ratios, with `workers` sharing the job.
    pub fn speedup(model: &'static str, how: &str, s: Summary, workers: usize) -> Record {
        Record {
            measure: "speedup",
            model,
            how: how.to_string(),
            value: s.median,
            low: Some(s.low),
            high: Some(s.high),
            unit: "×",
            count: workers,
            note: None,
        }
    }

    /// Bytes per unit, with `alive` units alive at once.
    pub fn bytes(model: &'static str, how: &str, bytes: f64, alive: usize) -> Record {
        Record {
            measure: "memory",
            model,
            how: how.to_string(),
            value: bytes,
            low: None,
            high: None,
            unit: "B",
            count: alive,
            note: None,
        }
    }

    /// The same record, with a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Record {
        self.note = Some(note.into());
        self
    }

    /// One line of the human-readable table.
    pub fn row(&self) -> String {
        let spread = match (self.low, self.high) {
            (Some(low), Some(high)) => format!(
                "  (p10 {} .. p90 {})",
                human(low, self.unit),
                human(high, self.unit)
            ),
            _ => String::new(),
        };
        let mut row = format!(
            "  {:<9} {:>12}{spread}  {}\n",
            self.model,
            human(self.value, self.unit),
            self.how
        );
        if let Some(note) = &self.note {
            row.push_str(&format!("  {:<9} note: {note}\n", ""));
        }
        row
    }
}

/// A figure with three significant digits and a readable unit: `82.1 µs`,
/// `9.38 KiB`, `1.25 M msg/s`.
pub fn human(value: f64, unit: &str) -> String {
    // Round to three significant digits first, so that 99.97 ns reads 100 ns.
    let value: f64 = format!("{value:.2e}").parse().unwrap_or(value);
    let (scaled, prefix) = match unit {
        "s" => scale(
            value,
            &[(1.0, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns")],
        ),
        "B" => scale(
            value,
            &[
                (1024.0 * 1024.0 * 1024.0, "GiB"),
                (1024.0 * 1024.0, "MiB"),
                (1024.0, "KiB"),
                (1.0, "B"),
            ],
        ),
        "×" => return format!("{}×", three_digits(value)),
        _ => {
            let (v, p) = scale(value, &[(1e6, "M "), (1e3, "k "), (1.0, "")]);
            return format!("{} {p}{unit}", three_digits(v));
        }
    };
    format!("{} {prefix}", three_digits(scaled))
}

fn scale(value: f64, steps: &[(f64, &'static str)]) -> (f64, &'static str) {
    for &(size, name) in steps {
        if value.abs() >= size {
            return (value / size, name);
        }
    }
    let (size, name) = steps[steps.len() - 1];
    (value / size, name)
}

fn three_digits(v: f64) -> String {
    let v: f64 = format!("{v:.2e}").parse().unwrap_or(v);
    let digits = if v.abs() >= 100.0 {
        0
    } else if v.abs() >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.digits$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_picks_a_readable_unit() {
        assert_eq!(human(82.1e-6, "s"), "82.1 µs");
        assert_eq!(human(1.5e-9, "s"), "1.50 ns");
        assert_eq!(human(2.0, "s"), "2.00 s");
        assert_eq!(human(9600.0, "B"), "9.38 KiB");
        assert_eq!(human(300.0, "B"), "300 B");
        assert_eq!(human(1_250_000.0, "msg/s"), "1.25 M msg/s");
        assert_eq!(human(-2048.0, "B"), "-2.00 KiB");
        assert_eq!(human(99.97e-9, "s"), "100 ns");
        assert_eq!(human(999.9e-6, "s"), "1.00 ms");
        assert_eq!(human(1.968, "×"), "1.97×");
    }

    #[test]
    fn speedup_is_the_median_ratio_of_whole_to_split() {
        let plan = Plan {
            warmup: 1,
            samples: 5,
            batch_time: Duration::from_millis(1),
            alive: 1,
            job_time: Duration::from_millis(2),
        };
        // A job of size n "takes" n µs whole, and half of that split in two.
        let s = speedup(
            &plan,
            |n| Ok::<_, ()>(Duration::from_micros(n)),
            |n| Ok(Duration::from_micros(n / 2)),
        )
        .unwrap();
        assert!(s.batch >= 2000, "size {}", s.batch);
        assert!((s.median - 2.0).abs() < 0.01, "{s:?}");
    }

    #[test]
    fn median_and_percentiles() {
        let s = summarise((1..=11).rev().map(f64::from).collect(), 1);
        assert_eq!((s.low, s.median, s.high), (2.0, 6.0, 10.0));
    }

    #[test]
    fn per_op_grows_the_batch_until_it_is_long_enough() {
        let plan = Plan {
            warmup: 1,
            samples: 3,
            batch_time: Duration::from_millis(1),
            alive: 1,
            job_time: Duration::from_millis(1),
        };
        // An operation of 10 µs, faked: a batch of n "takes" n × 10 µs.
        let s = per_op(&plan, |n| Ok::<_, ()>(Duration::from_micros(10 * n))).unwrap();
        assert!(s.batch >= 100, "batch {}", s.batch);
        assert!((s.median - 10e-6).abs() < 1e-12);
    }

    #[test]
    fn a_kib_field_is_read_in_bytes() {
        let text = "MemTotal: 10 kB\nPss:     123 kB\n";
        assert_eq!(kib_field(text, "Pss:"), Some(123 * 1024));
        assert_eq!(kib_field(text, "Rss:"), None);
    }
}
