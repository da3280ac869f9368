//! `cargo xtask verify`: run lessons and compare their output with their
//! transcripts, several programs at once.
//!
//! Most of a lesson's time is scaled sleep, so programs run side by side:
//! `--jobs` of them (default [`DEFAULT_JOBS`]). A lesson that measures the
//! machine (CPU share, memory) or keeps both cores busy declares
//! `alone = true`, and runs with nothing beside it: the programs before it
//! finish first, and the ones after it wait. The report still reads in study
//! order: each program's line is printed as soon as it and every program
//! before it have finished.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Instant;

use super::style::{FAILED, OK};
use super::{Prepared, prepare};
use crate::check::{self, FAST_SCALE, Settings, VERIFY_SEED, Verdict};
use crate::lessons::{Course, Lesson, Program};
use crate::runner;

/// How many programs run at once by default: most of them sleep, and the
/// course's two cores keep up with this many without moving what the
/// lessons' sleeps keep apart (measured: 20/20 idle, 10/10 with both cores
/// busy elsewhere).
pub const DEFAULT_JOBS: usize = 8;

/// What `cargo xtask verify` was asked to do.
#[derive(Debug, Clone, clap::Args)]
pub struct VerifyOptions {
    /// Chapters, lessons or `lesson/example`s to verify (default: all).
    pub names: Vec<String>,
    /// Run at real time (LESSON_TIME_SCALE=1) instead of a tenth of it.
    #[arg(long, conflicts_with = "scale")]
    pub real_time: bool,
    /// Run at this time scale (real seconds per lesson second, 0.05 to 10).
    #[arg(long, value_parser = parse_scale)]
    pub scale: Option<f64>,
    /// The LESSON_SEED every lesson runs with (default: each lesson's own, else 1).
    #[arg(long)]
    pub seed: Option<u64>,
    /// How many programs may run at once (1 runs them one after another).
    #[arg(long, default_value_t = DEFAULT_JOBS, value_parser = parse_jobs)]
    pub jobs: usize,
}

impl VerifyOptions {
    fn settings(&self) -> Settings {
        let scale = if self.real_time {
            Some(1.0)
        } else {
            self.scale
        };
        Settings {
            scale,
            seed: self.seed,
        }
    }
}

fn parse_jobs(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=16).contains(&n) => Ok(n),
        _ => Err(format!("'{s}' is not a whole number from 1 to 16")),
    }
}

fn parse_scale(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if shared::time::valid_scale(x) => Ok(x),
        _ => Err(format!("'{s}' is not {}", shared::time::SCALE_EXPECTED)),
    }
}

pub fn run(course: &Course, options: &VerifyOptions) -> ExitCode {
    let Some(Prepared {
        selected,
        executables,
    }) = prepare(course, &options.names)
    else {
        return ExitCode::from(2);
    };
    let settings = options.settings();
    let width = selected.iter().map(|(_, p)| p.id.len()).max().unwrap_or(0);
    let seed = match settings.seed {
        Some(seed) => seed.to_string(),
        None => format!("each lesson's own (default {VERIFY_SEED})"),
    };
    let scale = match settings.scale {
        Some(scale) => scale.to_string(),
        None => format!("each program's own (default {FAST_SCALE})"),
    };
    println!(
        "verify: {} program(s), {} at a time, with LESSON_TIME_SCALE={scale} and LESSON_SEED={seed}",
        selected.len(),
        options.jobs,
    );
    let started = Instant::now();
    let mut failed: Vec<&str> = Vec::new();
    let mut outcomes = run_all(course, &selected, &executables, settings, options.jobs);
    for (i, (_, program)) in selected.iter().enumerate() {
        // In study order: wait for this program's outcome, whatever came before.
        let verdict = loop {
            if let Some(v) = outcomes.ready.remove(&i) {
                break v;
            }
            match outcomes.rx.recv() {
                Ok((j, v)) => {
                    outcomes.ready.insert(j, v);
                }
                Err(_) => break Err("its run was lost".to_string()),
            }
        };
        if runner::interrupted() {
            // Let the programs still running be stopped and cleaned up
            // (their groups killed, their temporary folders removed) first.
            let _ = outcomes.scheduler.take().map(thread::JoinHandle::join);
            println!("interrupted");
            return ExitCode::from(130);
        }
        print!("  {:width$}  ", program.id);
        if !report(&verdict) {
            failed.push(&program.id);
        }
        let _ = std::io::stdout().flush();
    }
    let passed = selected.len() - failed.len();
    println!(
        "ran {} program(s) in {:.2} s",
        selected.len(),
        started.elapsed().as_secs_f64()
    );
    if !failed.is_empty() {
        println!("failed: {}", failed.join(" "));
    }
    if !course.problems.is_empty() {
        println!(
            "the course has {} problem(s), listed above",
            course.problems.len()
        );
    }
    println!("verify: {passed} passed, {} failed", failed.len());
    if failed.is_empty() && course.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prints one program's line (and what went wrong); says whether it passed.
fn report(verdict: &Result<Verdict, String>) -> bool {
    match verdict {
        Ok(v) if v.passed() => {
            anstream::println!("{OK}ok    {OK:#}  {:5.2} s", v.run.elapsed.as_secs_f64());
            true
        }
        Ok(v) => {
            anstream::println!(
                "{FAILED}FAILED{FAILED:#}  {:5.2} s",
                v.run.elapsed.as_secs_f64()
            );
            print!("{}", check::explain(v));
            false
        }
        Err(e) => {
            anstream::println!("{FAILED}FAILED{FAILED:#}");
            println!("    {e}");
            false
        }
    }
}

/// The outcomes of the programs, by their place in study order, as they come.
struct Outcomes {
    rx: mpsc::Receiver<(usize, Result<Verdict, String>)>,
    ready: BTreeMap<usize, Result<Verdict, String>>,
    /// The thread handing out the work; it ends when every program has.
    scheduler: Option<thread::JoinHandle<()>>,
}

/// Starts checking every program, `jobs` at a time, those that must run
/// alone with nothing beside them. Returns at once; outcomes arrive on the
/// channel in the order the programs finish.
fn run_all(
    course: &Course,
    selected: &[(&Lesson, &Program)],
    executables: &std::collections::HashMap<String, std::path::PathBuf>,
    settings: Settings,
    jobs: usize,
) -> Outcomes {
    let (tx, rx) = mpsc::channel();
    let work: Vec<Job> = selected
        .iter()
        .enumerate()
        .map(|(i, (lesson, program))| Job {
            index: i,
            lesson: (*lesson).clone(),
            program: (*program).clone(),
            exe: executables[&program.id].clone(),
        })
        .collect();
    let root = course.root.clone();
    let scheduler = thread::spawn(move || schedule(work, &root, settings, jobs, &tx));
    Outcomes {
        rx,
        ready: BTreeMap::new(),
        scheduler: Some(scheduler),
    }
}

/// One program to check.
struct Job {
    index: usize,
    lesson: Lesson,
    program: Program,
    exe: std::path::PathBuf,
}

/// Hands the jobs out in study order: up to `jobs` at once, and an `alone`
/// lesson's programs only when nothing else runs.
fn schedule(
    work: Vec<Job>,
    root: &std::path::Path,
    settings: Settings,
    jobs: usize,
    tx: &mpsc::Sender<(usize, Result<Verdict, String>)>,
) {
    let running = Arc::new(Mutex::new(0usize));
    let (done_tx, done_rx) = mpsc::channel::<()>();
    thread::scope(|scope| {
        for job in work {
            let alone = job.lesson.alone;
            // Wait for a free place; for an alone program, for every place.
            let limit = if alone { 1 } else { jobs };
            loop {
                if runner::interrupted() {
                    return;
                }
                if *running.lock().expect("a counter") < limit {
                    break;
                }
                let _ = done_rx.recv();
            }
            *running.lock().expect("a counter") += 1;
            let (tx, done_tx, running) = (tx.clone(), done_tx.clone(), Arc::clone(&running));
            let handle = scope.spawn(move || {
                let verdict = check::check(root, &job.lesson, &job.program, &job.exe, settings);
                *running.lock().expect("a counter") -= 1;
                let _ = tx.send((job.index, verdict));
                let _ = done_tx.send(());
            });
            if alone {
                // Nothing starts beside it either: wait until it is done.
                let _ = handle.join();
            }
        }
    });
}
