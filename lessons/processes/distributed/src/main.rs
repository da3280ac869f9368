//! A master hands out tasks over TCP; worker processes connect, prove they
//! know the key, square the numbers they are given and send the results back.
//!
//! Finishes 002 §四 分布式进程, which the seed left as "未完--待续". With no
//! arguments, everything runs on this machine: the master on 127.0.0.1 and
//! two worker processes it starts itself. `master` and `worker` run the two
//! sides apart, in separate terminals or on separate machines. `bench`
//! measures throughput and how fast a dead worker's task is handed on.

use std::error::Error;
use std::net::SocketAddr;
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::Instant;

use clap::{Parser, Subcommand};
use processes_distributed::master::{self, Event, Report};
use processes_distributed::proto::{DEFAULT_KEY, Task};
use processes_distributed::worker;
use tokio::net::TcpListener;

#[derive(Parser)]
#[command(about = "A master hands tasks to worker processes over TCP")]
struct Cli {
    #[command(subcommand)]
    role: Option<Role>,
}

#[derive(Subcommand)]
enum Role {
    /// Serve tasks to workers that connect.
    Master {
        /// Where to listen. Loopback by default; anything else is your choice.
        #[arg(long, default_value = "127.0.0.1:5000")]
        listen: SocketAddr,
        #[arg(long, default_value = DEFAULT_KEY)]
        key: String,
        #[arg(long, default_value_t = 10)]
        tasks: u32,
    },
    /// Work for a master.
    Worker {
        #[arg(long, default_value = "127.0.0.1:5000")]
        connect: String,
        #[arg(long, default_value = DEFAULT_KEY)]
        key: String,
        #[arg(long, default_value = "worker")]
        name: String,
        /// Lesson seconds each task takes.
        #[arg(long, default_value_t = 0.2)]
        task_secs: f64,
    },
    /// Measure tasks per second and the time to re-queue a killed worker's task.
    Bench {
        #[arg(long, default_value_t = 20_000)]
        tasks: u32,
    },
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

fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// Starts this program as a worker process that dies with us.
fn start_worker(addr: SocketAddr, name: &str, task_secs: f64) -> std::io::Result<Child> {
    let mut command = Command::new(std::env::current_exe()?);
    command
        .args(["worker", "--connect", &addr.to_string(), "--name", name])
        .args(["--task-secs", &task_secs.to_string()])
        .stdout(Stdio::null());
    shared::process::dies_with_parent(&mut command);
    command.spawn()
}

fn main() -> ExitCode {
    // Errors reach the learner as sentences ("the master refused this worker:
    // wrong auth key"), not as the Debug form `main` would print by itself.
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), Box<dyn Error>> {
    match cli.role {
        None => local_demo(),
        Some(Role::Master { listen, key, tasks }) => {
            let report = runtime()?.block_on(async {
                let listener = TcpListener::bind(listen).await?;
                println!("master: listening on {}", listener.local_addr()?);
                let tasks = make_tasks(tasks);
                for task in &tasks {
                    println!("master: put task {}: {}", task.id, task.n);
                }
                Ok::<Report, std::io::Error>(
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
        }) => {
            let options = worker::Options {
                name,
                key: key.into_bytes(),
                task_secs,
            };
            runtime()?.block_on(worker::run(&connect, &options))?;
            Ok(())
        }
        Some(Role::Bench { tasks }) => bench(tasks),
    }
}

/// The whole thing on one machine: a master, and two workers it starts.
fn local_demo() -> Result<(), Box<dyn Error>> {
    let rt = runtime()?;
    let (report, mut workers) = rt.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        println!("master: listening on {addr}");
        let tasks = make_tasks(10);
        for task in &tasks {
            println!("master: put task {}: {}", task.id, task.n);
        }
        let workers = vec![
            start_worker(addr, "worker-1", 0.2)?,
            start_worker(addr, "worker-2", 0.2)?,
        ];
        println!("master: started worker-1 and worker-2");
        let report = master::run(listener, tasks, master::Options::new(DEFAULT_KEY)).await;
        Ok::<_, std::io::Error>((report, workers))
    })?;
    print_results(&report);
    // Every worker was told Done; wait for each, so none is left behind.
    let mut failed = 0;
    for worker in &mut workers {
        if !worker.wait()?.success() {
            failed += 1;
        }
    }
    if failed > 0 || !report.requeued.is_empty() {
        return Err(format!(
            "{failed} worker(s) failed; {} task(s) had to be re-queued",
            report.requeued.len()
        )
        .into());
    }
    Ok(())
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

/// Throughput through a master and two worker processes, and the time from
/// killing a worker mid-task to its task being queued again.
fn bench(count: u32) -> Result<(), Box<dyn Error>> {
    let rt = runtime()?;
    rt.block_on(async {
        // Throughput: small tasks, no simulated work.
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let mut workers = vec![start_worker(addr, "worker-1", 0.0)?, start_worker(addr, "worker-2", 0.0)?];
        let started = Instant::now();
        let report = master::run(listener, make_tasks(count), master::Options::new(DEFAULT_KEY)).await;
        let secs = started.elapsed().as_secs_f64();
        for worker in &mut workers {
            worker.wait()?;
        }
        println!(
            "throughput: {} tasks in {:.2} s = {:.0} tasks/s (master + 2 worker processes, loopback, including start-up)",
            report.results.len(),
            secs,
            f64::from(count) / secs
        );

        // Re-queue time: a slow worker takes a task, is killed, and we time
        // how long the master takes to put the task back in the queue.
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (events, mut seen) = tokio::sync::mpsc::unbounded_channel();
        let options = master::Options { events: Some(events), ..master::Options::new(DEFAULT_KEY) };
        let master = tokio::spawn(master::run(listener, make_tasks(1), options));
        let mut victim = start_worker(addr, "victim", 1000.0)?;
        while let Some(event) = seen.recv().await {
            if matches!(event, Event::Assigned { .. }) {
                break;
            }
        }
        let killed = Instant::now();
        victim.kill()?;
        let mut requeue_ms = None;
        while let Some(event) = seen.recv().await {
            if matches!(event, Event::Requeued { .. }) {
                requeue_ms = Some(killed.elapsed().as_secs_f64() * 1000.0);
                break;
            }
        }
        victim.wait()?;
        let mut rescuer = start_worker(addr, "rescuer", 0.0)?;
        let report = master.await?;
        rescuer.wait()?;
        match requeue_ms {
            Some(ms) => println!(
                "re-queue: the killed worker's task was queued again {ms:.2} ms after SIGKILL; {} result(s) in, {} twice",
                report.results.len(),
                report.duplicates
            ),
            None => println!("re-queue: not observed"),
        }
        Ok::<(), Box<dyn Error>>(())
    })?;
    Ok(())
}
