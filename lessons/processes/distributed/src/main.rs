//! A master hands out tasks over TCP; worker processes connect, prove they
//! know the key, square the numbers they are given and send the results back.
//!
//! Finishes 002 §四 分布式进程, which the seed left as "未完--待续". With no
//! arguments, everything runs on this machine: the master on 127.0.0.1 and
//! two worker processes it starts itself. `master` and `worker` run the two
//! sides apart, in separate terminals or on separate machines. `bench`
//! measures throughput and how fast a dead worker's task is handed on.
//!
//! Whatever goes wrong (a bad argument, an address nobody listens on, every
//! worker dead) ends the program with a sentence and a non-zero status; a
//! master that started its workers itself never waits for workers that are
//! gone.

use std::os::unix::process::ExitStatusExt;
use std::pin::pin;
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use futures_util::future::{self, Either};
use processes_distributed::address::{self, Address};
use processes_distributed::master::{self, Event, Report};
use processes_distributed::proto::{DEFAULT_KEY, Task};
use processes_distributed::worker;
use shared::failure::{Failure, Result};
use shared::output::log_line;
use tokio::net::TcpListener;
use tokio::sync::mpsc;

#[derive(Parser)]
#[command(about = "A master hands tasks to worker processes over TCP")]
struct Cli {
    #[command(subcommand)]
    role: Option<Role>,
}

#[derive(Subcommand)]
enum Role {
    /// Serve tasks to workers that connect, until every result is in.
    Master {
        /// Where to listen, as HOST:PORT (a name or an IP; port 0 picks a free
        /// one). Loopback by default; anything else is your choice.
        #[arg(long, default_value = "127.0.0.1:5000", value_parser = listen_address)]
        listen: Address,
        #[arg(long, default_value = DEFAULT_KEY)]
        key: String,
        /// How many tasks to hand out (1 to 1000000).
        #[arg(long, default_value_t = 10, value_parser = task_count, allow_negative_numbers = true)]
        tasks: u32,
    },
    /// Work for a master.
    Worker {
        /// The master's address, as HOST:PORT (a name or an IP).
        #[arg(long, default_value = "127.0.0.1:5000", value_parser = master_address)]
        connect: Address,
        #[arg(long, default_value = DEFAULT_KEY)]
        key: String,
        #[arg(long, default_value = "worker")]
        name: String,
        /// Lesson seconds each task takes (0 to 3600).
        #[arg(long, default_value_t = 0.2, value_parser = task_secs, allow_negative_numbers = true)]
        task_secs: f64,
        /// Log nothing but errors (the bench's workers run so).
        #[arg(long)]
        quiet: bool,
    },
    /// Measure tasks per second and the time to re-queue a killed worker's task.
    Bench {
        /// How many tasks to send through (1 to 1000000).
        #[arg(long, default_value_t = 20_000, value_parser = task_count, allow_negative_numbers = true)]
        tasks: u32,
    },
}

/// More tasks than this would be a long wait and a long printout, and at the
/// top of `u32` the master's board alone would not fit in memory.
const MAX_TASKS: u32 = 1_000_000;

/// An hour per task is more than any experiment needs, and keeps the sleep
/// far from what a `Duration` can hold (`1e300` would panic there).
const MAX_TASK_SECS: f64 = 3600.0;

fn task_count(text: &str) -> Result<u32, String> {
    match text.trim().parse() {
        Ok(n) if (1..=MAX_TASKS).contains(&n) => Ok(n),
        _ => Err(format!(
            "expected a whole number of tasks from 1 to {MAX_TASKS}"
        )),
    }
}

fn task_secs(text: &str) -> Result<f64, String> {
    // `contains` is false for NaN, and for the infinities.
    match text.trim().parse() {
        Ok(secs) if (0.0..=MAX_TASK_SECS).contains(&secs) => Ok(secs),
        _ => Err(format!(
            "expected a number of lesson seconds from 0 to {MAX_TASK_SECS}, such as 0.2"
        )),
    }
}

fn listen_address(text: &str) -> Result<Address, String> {
    text.parse()
}

fn master_address(text: &str) -> Result<Address, String> {
    let addr: Address = text.parse()?;
    if addr.port() == 0 {
        return Err(format!(
            "{}; port 0 only tells a listener to pick a free port, so give the port the \
             master printed",
            address::EXPECTED
        ));
    }
    Ok(addr)
}

/// Python's classic example puts random numbers up to 10000 on the queue.
fn make_tasks(count: u32) -> Vec<Task> {
    let mut rng = shared::random::rng();
    (1..=count)
        .map(|id| Task {
            id,
            n: rng.u64(0..=10_000),
        })
        .collect()
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::from(e).context("could not start the async runtime"))
}

/// A free port on loopback, for a master whose workers run on this machine.
async fn listen_on_loopback() -> Result<TcpListener> {
    let any_port = Address::from(std::net::SocketAddr::from(([127, 0, 0, 1], 0)));
    Ok(any_port.listen().await?)
}

fn main() -> ExitCode {
    // First of all: a bad LESSON_TIME_SCALE or LESSON_SEED stops the program
    // here, with a sentence, before a master starts workers that would each
    // fail on it.
    shared::start();
    // Errors reach the learner as sentences ("could not connect to the master
    // at 127.0.0.1:5000: nobody is listening there. …"), not as the Debug form
    // `main` would print by itself.
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result {
    match cli.role {
        None => local_demo(),
        Some(Role::Master { listen, key, tasks }) => {
            let report = runtime()?.block_on(async {
                let listener = listen.listen().await?;
                let bound = listener.local_addr()?;
                println!("master: listening on {bound}");
                let tasks = make_tasks(tasks);
                for task in &tasks {
                    println!("master: put task {}: {}", task.id, task.n);
                }
                // Workers come from elsewhere, whenever they like: this master
                // waits for them, however long, until every result is in.
                log_line(&format!(
                    "master: waiting for workers (Ctrl-C to stop); start one with \
                     `cargo run -p processes-distributed -- worker --connect {bound}`"
                ));
                Ok::<Report, Failure>(
                    master::run(listener, tasks, master::Options::new(&key)).await,
                )
            })?;
            print_results(&report);
            Ok(())
        }
        Some(Role::Worker {
            connect,
            key,
            name,
            task_secs,
            quiet,
        }) => {
            let options = worker::Options {
                task_secs,
                log: !quiet,
                ..worker::Options::new(&name, &key)
            };
            runtime()?.block_on(worker::run(&connect, &options))?;
            Ok(())
        }
        Some(Role::Bench { tasks }) => bench(tasks),
    }
}

/// Worker processes this program started; each dies with it.
struct Workers {
    started: Vec<(String, Child)>,
}

impl Workers {
    /// Starts one worker process of this program per name.
    fn start(
        addr: std::net::SocketAddr,
        names: &[&str],
        task_secs: f64,
        quiet: bool,
    ) -> Result<Workers> {
        let exe = std::env::current_exe().map_err(|e| {
            Failure::from(e).context("could not find this program to start workers")
        })?;
        let mut started = Vec::new();
        for name in names {
            let mut command = Command::new(&exe);
            command
                .args(["worker", "--connect", &addr.to_string(), "--name", name])
                .args(["--task-secs", &task_secs.to_string()])
                .stdout(Stdio::null());
            if quiet {
                command.arg("--quiet");
            }
            shared::process::dies_with_parent(&mut command);
            let child = command
                .spawn()
                .map_err(|e| Failure::from(e).context(&format!("could not start {name}")))?;
            started.push((name.to_string(), child));
        }
        Ok(Workers { started })
    }

    /// Waits until every worker has ended, and says how each did.
    ///
    /// std's `Child` has no async wait (tokio's needs its `process` feature,
    /// which this course leaves out), so look every 20 ms: the runtime goes on
    /// serving the workers in between.
    async fn ended(&mut self) -> Result<Vec<(String, ExitStatus)>> {
        loop {
            let mut ends = Vec::new();
            for (name, child) in &mut self.started {
                if let Some(status) = child.try_wait()? {
                    ends.push((name.clone(), status));
                }
            }
            if ends.len() == self.started.len() {
                return Ok(ends);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Resolves once every worker has ended and none of them succeeded:
    /// nobody is left to finish the work. A worker succeeds only after the
    /// master told it Done, so if one did, the master is finishing and this
    /// never resolves.
    async fn all_failed(&mut self) -> Failure {
        match self.ended().await {
            Ok(ends) if ends.iter().all(|(_, status)| !status.success()) => {
                let how: Vec<String> = ends
                    .iter()
                    .map(|(name, status)| format!("{name} {}", describe(*status)))
                    .collect();
                Failure::new(format!(
                    "every worker stopped before the work was done ({}), so the master stops \
                     too. A worker's own error, if it printed one, is above.",
                    how.join(", ")
                ))
            }
            Ok(_) => std::future::pending().await,
            Err(err) => err,
        }
    }

    fn kill(&mut self) -> Result {
        for (name, child) in &mut self.started {
            child
                .kill()
                .map_err(|e| Failure::from(e).context(&format!("could not kill {name}")))?;
        }
        Ok(())
    }
}

/// `work`'s output, unless `stop` resolves first with a failure.
async fn unless<T>(
    work: impl Future<Output = T>,
    stop: impl Future<Output = Failure>,
) -> Result<T> {
    match future::select(pin!(work), pin!(stop)).await {
        Either::Left((value, _)) => Ok(value),
        Either::Right((failure, _)) => Err(failure),
    }
}

/// How a process ended, after its name: "exited with status 2".
fn describe(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exited with status {code}"),
        (None, Some(signal)) => format!("was killed by signal {signal}"),
        (None, None) => "ended".to_string(),
    }
}

/// The whole thing on one machine: a master, and two workers it starts.
fn local_demo() -> Result {
    runtime()?.block_on(async {
        let listener = listen_on_loopback().await?;
        let addr = listener.local_addr()?;
        println!("master: listening on {addr}");
        let tasks = make_tasks(10);
        for task in &tasks {
            println!("master: put task {}: {}", task.id, task.n);
        }
        let mut workers = Workers::start(addr, &["worker-1", "worker-2"], 0.2, false)?;
        println!("master: started worker-1 and worker-2");
        // This master knows its only workers: when they are all gone with
        // tasks left, nobody will finish them, and waiting would be forever.
        let master = master::run(listener, tasks, master::Options::new(DEFAULT_KEY));
        let report = unless(master, workers.all_failed()).await?;
        print_results(&report);
        // Every worker was told Done; wait for each, so none is left behind.
        let mut trouble: Vec<String> = workers
            .ended()
            .await?
            .into_iter()
            .filter(|(_, status)| !status.success())
            .map(|(name, status)| format!("{name} {}", describe(status)))
            .collect();
        if !report.requeued.is_empty() {
            trouble.push(format!(
                "{} task(s) had to be queued again",
                report.requeued.len()
            ));
        }
        if !trouble.is_empty() {
            return Err(Failure::new(format!(
                "every result is in, but not cleanly: {}.",
                trouble.join("; ")
            )));
        }
        Ok(())
    })
}

fn print_results(report: &Report) {
    println!("master: results");
    for (id, (n, square, worker)) in &report.results {
        println!("  task {id}: {n} * {n} = {square} ({worker})");
    }
    println!(
        "master: {} results in, {} re-queued, {} twice",
        report.results.len(),
        report.requeued.len(),
        report.duplicates
    );
}

/// The next event that `wanted` picks, or a failure if the master has ended.
async fn next_event(
    events: &mut mpsc::UnboundedReceiver<Event>,
    wanted: fn(&Event) -> bool,
) -> Result {
    while let Some(event) = events.recv().await {
        if wanted(&event) {
            return Ok(());
        }
    }
    Err(Failure::new(
        "the master ended before the bench could time it",
    ))
}

/// Throughput through a master and two worker processes, and the time from
/// killing a worker mid-task to its task being queued again. It prints what
/// it is doing on stderr and its figures on stdout; the workers and the
/// master log nothing but trouble, so that 20000 tasks do not bury the
/// figures under 20000 log lines.
fn bench(count: u32) -> Result {
    let quiet = |options: master::Options| master::Options {
        log: false,
        ..options
    };
    runtime()?.block_on(async {
        // Throughput: small tasks, no simulated work.
        log_line(&format!(
            "bench: sending {count} tasks through a master and 2 worker processes…"
        ));
        let listener = listen_on_loopback().await?;
        let addr = listener.local_addr()?;
        let mut workers = Workers::start(addr, &["worker-1", "worker-2"], 0.0, true)?;
        let started = Instant::now();
        let options = quiet(master::Options::new(DEFAULT_KEY));
        let master = master::run(listener, make_tasks(count), options);
        let report = unless(master, workers.all_failed()).await?;
        let secs = started.elapsed().as_secs_f64();
        workers.ended().await?;
        println!(
            "throughput: {} tasks in {:.2} s = {:.0} tasks/s (master + 2 worker processes, loopback, including start-up)",
            report.results.len(),
            secs,
            f64::from(count) / secs
        );

        // Re-queue time: a slow worker takes a task, is killed, and we time
        // how long the master takes to put the task back in the queue.
        log_line("bench: killing a worker that holds a task, and timing its re-queue…");
        let listener = listen_on_loopback().await?;
        let addr = listener.local_addr()?;
        let (events, mut seen) = mpsc::unbounded_channel();
        let options = master::Options {
            events: Some(events),
            ..quiet(master::Options::new(DEFAULT_KEY))
        };
        let master = tokio::spawn(master::run(listener, make_tasks(1), options));
        let mut victim = Workers::start(addr, &["victim"], 1000.0, true)?;
        let assigned = next_event(&mut seen, |e| matches!(e, Event::Assigned { .. }));
        unless(assigned, victim.all_failed()).await??;
        let killed = Instant::now();
        victim.kill()?;
        next_event(&mut seen, |e| matches!(e, Event::Requeued { .. })).await?;
        let requeue_ms = killed.elapsed().as_secs_f64() * 1000.0;
        victim.ended().await?;
        let mut rescuer = Workers::start(addr, &["rescuer"], 0.0, true)?;
        let report = unless(master, rescuer.all_failed()).await??;
        rescuer.ended().await?;
        println!(
            "re-queue: the killed worker's task was queued again {requeue_ms:.2} ms after SIGKILL; {} result(s) in, {} twice",
            report.results.len(),
            report.duplicates
        );
        Ok(())
    })
}
