//! A master hands out tasks over TCP; worker processes connect, prove they
//! know the key, square the numbers they are given and send the results back.
//!
//! Finishes 002 §四 分布式进程, which the seed left as "未完--待续". With no
//! arguments, everything runs on this machine: the master on 127.0.0.1 and
//! two worker processes it starts itself. `master` and `worker` run the two
//! sides apart, in separate terminals or on separate machines.
//!
//! Whatever goes wrong (a bad argument, an address nobody listens on, every
//! worker dead) ends the program with a sentence and a non-zero status. A
//! master that started its workers itself waits for them with tokio's
//! `process`, beside its work, and never waits for workers that are gone.

use std::net::SocketAddr;
use std::os::unix::process::ExitStatusExt;
use std::process::{ExitCode, Stdio};

use clap::{Parser, Subcommand};
use processes_distributed::address;
use processes_distributed::master::{self, Report};
use processes_distributed::proto::{DEFAULT_KEY, Task};
use processes_distributed::worker;
use shared::failure::{Failure, Result};
use shared::output::log_line;
use tokio::net::TcpListener;
use tokio::process::{Child, Command};

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
        #[arg(long, default_value = "127.0.0.1:5000", value_parser = address::parse)]
        listen: String,
        #[arg(long, default_value = DEFAULT_KEY)]
        key: String,
        /// How many tasks to hand out (1 to 1000000).
        #[arg(long, default_value_t = 10, value_parser = task_count, allow_negative_numbers = true)]
        tasks: u32,
    },
    /// Work for a master.
    Worker {
        /// The master's address, as HOST:PORT (a name or an IP).
        #[arg(long, default_value = "127.0.0.1:5000", value_parser = address::parse)]
        connect: String,
        #[arg(long, default_value = DEFAULT_KEY)]
        key: String,
        #[arg(long, default_value = "worker")]
        name: String,
        /// Lesson seconds each task takes (0 to 3600).
        #[arg(long, default_value_t = 0.2, value_parser = task_secs, allow_negative_numbers = true)]
        task_secs: f64,
    },
}

/// More would be a long wait and a long printout, and at the top of `u32`
/// the board alone would not fit in memory.
const MAX_TASKS: u32 = 1_000_000;

/// An hour is more than any experiment needs, and far from what a
/// `Duration` can hold (`1e300` seconds would panic there).
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

fn main() -> ExitCode {
    // First of all: a bad LESSON_TIME_SCALE or LESSON_SEED stops the program
    // here, before a master starts workers that would each fail on it.
    shared::start();
    // Errors reach the learner as sentences, not in the Debug form that a
    // `main` returning `Result` would print.
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            ExitCode::FAILURE
        }
    }
}

/// One thread: the master's connections mostly wait, which is what async is for.
#[tokio::main(flavor = "current_thread")]
async fn run(cli: Cli) -> Result {
    match cli.role {
        None => local_demo().await,
        Some(Role::Master { listen, key, tasks }) => {
            let listener = address::listen(&listen).await?;
            let bound = listener.local_addr()?;
            println!("master: listening on {bound}");
            let tasks = make_tasks(tasks);
            // Workers come from elsewhere, whenever they like: wait for them,
            // however long, until every result is in.
            log_line(&format!(
                "master: waiting for workers (Ctrl-C to stop); start one with \
                 `cargo run -p processes-distributed -- worker --connect {bound}`"
            ));
            print_results(&master::run(listener, tasks, &key).await);
            Ok(())
        }
        Some(Role::Worker {
            connect,
            key,
            name,
            task_secs,
        }) => worker::run(&connect, &name, &key, task_secs).await,
    }
}

/// Python's classic example puts random numbers up to 10000 on the queue.
fn make_tasks(count: u32) -> Vec<Task> {
    let mut rng = shared::random::rng();
    let tasks: Vec<Task> = (1..=count)
        .map(|id| Task {
            id,
            n: rng.u64(0..=10_000),
        })
        .collect();
    for task in &tasks {
        println!("master: put task {}: {}", task.id, task.n);
    }
    tasks
}

/// The whole thing on one machine: a master, and two workers it starts.
async fn local_demo() -> Result {
    // Loopback only, and port 0: the system picks a free port.
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    println!("master: listening on {addr}");
    let tasks = make_tasks(10);
    let mut workers = Vec::new();
    for name in ["worker-1", "worker-2"] {
        workers.push((name, start_worker(addr, name, 0.2)?));
    }
    println!("master: started worker-1 and worker-2");
    // These are its only workers: once they are all gone with tasks left,
    // nobody will finish them, and waiting would be for ever.
    let report = tokio::select! {
        report = master::run(listener, tasks, DEFAULT_KEY) => report,
        failure = all_failed(&mut workers) => return Err(failure),
    };
    print_results(&report);
    // Every worker was told Done: wait for each, so that none is left behind.
    let trouble = failures(&mut workers).await?;
    if !trouble.is_empty() {
        let trouble = trouble.join("; ");
        return Err(Failure::new(format!(
            "every result is in, but not cleanly: {trouble}."
        )));
    }
    Ok(())
}

/// Starts a worker process: this same program, in the `worker` role.
fn start_worker(addr: SocketAddr, name: &str, task_secs: f64) -> Result<Child> {
    let exe = std::env::current_exe()
        .map_err(|e| Failure::from(e).context("could not find this program to start workers"))?;
    let mut command = std::process::Command::new(exe);
    command
        .args(["worker", "--connect", &addr.to_string(), "--name", name])
        .args(["--task-secs", &task_secs.to_string()])
        .stdout(Stdio::null());
    // However the master ends (Ctrl-C, a kill), its workers end with it.
    shared::process::dies_with_parent(&mut command);
    Command::from(command)
        .spawn()
        .map_err(|e| Failure::from(e).context(&format!("could not start {name}")))
}

/// Waits for every worker, and says how each one that failed ended.
async fn failures(workers: &mut [(&str, Child)]) -> Result<Vec<String>> {
    let mut failed = Vec::new();
    for (name, child) in workers {
        let status = child.wait().await?;
        match (status.success(), status.code(), status.signal()) {
            (true, ..) => {}
            (_, Some(code), _) => failed.push(format!("{name} exited with status {code}")),
            (_, _, Some(signal)) => failed.push(format!("{name} was killed by signal {signal}")),
            _ => failed.push(format!("{name} ended")),
        }
    }
    Ok(failed)
}

/// Resolves once every worker has ended and none of them succeeded. A worker
/// succeeds only after the master told it Done: if one did, the master is
/// finishing, and this never resolves.
async fn all_failed(workers: &mut [(&str, Child)]) -> Failure {
    let count = workers.len();
    match failures(workers).await {
        Ok(failed) if failed.len() == count => Failure::new(format!(
            "every worker stopped before the work was done ({}), so the master stops too. A \
             worker's own error, if it printed one, is above.",
            failed.join(", ")
        )),
        Ok(_) => std::future::pending().await,
        Err(failure) => failure,
    }
}

fn print_results(report: &Report) {
    println!("master: results");
    for (id, (n, square, worker)) in &report.results {
        println!("  task {id}: {n} * {n} = {square} ({worker})");
    }
    println!(
        "master: {} results in, {} re-queued, {} twice",
        report.results.len(),
        report.requeued,
        report.twice
    );
}
