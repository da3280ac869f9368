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

use super::style::{FAILED, OK, SKIPPED};
use super::{Prepared, prepare};
use crate::check::{self, FAST_SCALE, Settings, VERIFY_SEED, Verdict};
use crate::interpreter::{self, Interpreter};
use crate::model::{Course, Lesson, Program};
use crate::{runner, twin};

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
    /// Run the Python twins instead (`python/<program>.py`), and check each
    /// against its Rust program's transcript and declared differences.
    #[arg(long)]
    pub python: bool,
    /// With --python: the interpreter the twins run under (default: python3
    /// on the PATH), such as the free-threaded one `cargo xtask python
    /// --free-threaded` builds.
    #[arg(long, value_name = "PATH", requires = "python")]
    pub interpreter: Option<std::path::PathBuf>,
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
    let mut python = None;
    let what = if options.python {
        let interpreter = options
            .interpreter
            .clone()
            .unwrap_or_else(|| "python3".into());
        match python_twins(course, &options.names, &interpreter) {
            Some((what, found)) => {
                python = Some(found);
                what
            }
            None => return ExitCode::from(2),
        }
    } else {
        let Some(Prepared {
            selected,
            executables,
        }) = prepare(course, &options.names)
        else {
            return ExitCode::from(2);
        };
        selected
            .into_iter()
            .map(|(l, p)| (l, p, What::Rust(executables[&p.id].clone())))
            .collect()
    };
    let settings = options.settings();
    let width = what.iter().map(|(_, p, _)| p.id.len()).max().unwrap_or(0);
    let seed = match settings.seed {
        Some(seed) => seed.to_string(),
        None => format!("each lesson's own (default {VERIFY_SEED})"),
    };
    let scale = match settings.scale {
        Some(scale) => scale.to_string(),
        None => format!("each program's own (default {FAST_SCALE})"),
    };
    let name = if options.python {
        "verify --python"
    } else {
        "verify"
    };
    let programs = if options.python {
        "Python twin(s)"
    } else {
        "program(s)"
    };
    if what.is_empty() && options.python {
        // Only the costs chapter can be named and leave no twin to run.
        println!(
            "{name}: nothing to run: the costs chapter's Python scripts (lessons/costs/python/) are measured beside its programs by `cargo xtask bench --python`, not compared with a transcript"
        );
        return ExitCode::SUCCESS;
    }
    let to_skip = what
        .iter()
        .filter(|(_, _, w)| matches!(w, What::Skip(_)))
        .count();
    let skipping = if to_skip > 0 {
        format!(" ({to_skip} more skipped, said below)")
    } else {
        String::new()
    };
    println!(
        "{name}: {} {programs}{skipping}, {} at a time, with LESSON_TIME_SCALE={scale} and LESSON_SEED={seed}",
        what.len() - to_skip,
        options.jobs,
    );
    if let Some(python) = &python {
        println!("  under {}: {}", python.path.display(), python.describe());
    }
    // A learner's own setting would be ignored silently otherwise.
    for var in [shared::time::SCALE_VAR, shared::random::SEED_VAR] {
        if let Ok(value) = std::env::var(var) {
            println!(
                "  ({var}={value} in your environment is not used: verify sets both itself; --scale, --real-time and --seed change them)"
            );
        }
    }
    let started = Instant::now();
    let mut failed: Vec<&str> = Vec::new();
    let mut skipped = 0;
    let mut outcomes = run_all(course, &what, python.as_ref(), settings, options.jobs);
    for (i, (_, program, _)) in what.iter().enumerate() {
        // In study order: wait for this program's outcome, whatever came before.
        let outcome = loop {
            if let Some(v) = outcomes.ready.remove(&i) {
                break v;
            }
            match outcomes.rx.recv() {
                Ok((j, v)) => {
                    outcomes.ready.insert(j, v);
                }
                Err(_) => break Outcome::Checked(Err("its run was lost".to_string())),
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
        match &outcome {
            Outcome::Checked(verdict) => {
                if !report(verdict) {
                    failed.push(&program.id);
                }
            }
            Outcome::Skipped(why) => {
                anstream::println!("{SKIPPED}skipped{SKIPPED:#}");
                println!("    {why}");
                skipped += 1;
            }
        }
        let _ = std::io::stdout().flush();
    }
    let passed = what.len() - failed.len() - skipped;
    println!(
        "ran {} {programs} in {:.2} s",
        what.len() - skipped,
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
    let skipped_note = if skipped > 0 {
        format!(", {skipped} skipped")
    } else {
        String::new()
    };
    println!(
        "{name}: {passed} passed, {} failed{skipped_note}",
        failed.len()
    );
    if failed.is_empty() && course.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// What to run for each program chosen, in study order.
type Chosen<'c> = Vec<(&'c Lesson, &'c Program, What)>;

/// The twins of the programs named (the costs chapter aside: its Python
/// scripts are measured by `cargo xtask bench`, not compared). A ported
/// program without a twin is a failure of its own.
fn python_twins<'c>(
    course: &'c Course,
    names: &[String],
    interpreter: &std::path::Path,
) -> Option<(Chosen<'c>, Interpreter)> {
    super::report_problems(course);
    let selected = course.select(names).map_err(|e| super::error(&e)).ok()?;
    let python = match interpreter::probe(interpreter) {
        Ok(python) => python,
        Err(e) if is_default(interpreter) => {
            super::error(&format!(
                "the Python twins need python3 (3.9 or newer) on the PATH: {e}"
            ));
            return None;
        }
        Err(e) => {
            super::error(&e);
            return None;
        }
    };
    let what = selected
        .into_iter()
        .filter(|(l, _)| l.chapter != COSTS)
        .map(|(l, p)| {
            let what = match &p.twin {
                None if p.no_twin.is_some() => {
                    What::Skip(format!("no twin: {}", p.no_twin.as_deref().unwrap_or("")))
                }
                None => What::Missing,
                Some(t) => match twin::missing(t, &python) {
                    Some(why) => What::Skip(why),
                    None => What::Python,
                },
            };
            (l, p, what)
        })
        .collect::<Chosen>();
    if what
        .iter()
        .any(|(_, _, w)| matches!(w, What::Skip(why) if why.contains("gevent")))
    {
        eprintln!(
            "note: {} cannot import gevent, so the twins that use it are skipped; `{} -m pip install gevent==26.9.0` installs it",
            python.path.display(),
            python.path.display()
        );
    }
    Some((what, python))
}

/// Whether the interpreter is the default, found on the PATH by name.
fn is_default(interpreter: &std::path::Path) -> bool {
    interpreter == std::path::Path::new("python3")
}

/// The chapter whose Python scripts are measured, not compared.
const COSTS: &str = "costs";

/// What to run for one program.
#[derive(Debug, Clone)]
enum What {
    /// The Rust program, built here.
    Rust(std::path::PathBuf),
    /// Its Python twin.
    Python,
    /// Its Python twin, which cannot run on this machine, for this reason.
    Skip(String),
    /// A ported program with no twin yet.
    Missing,
}

/// What became of one program.
enum Outcome {
    Checked(Result<Box<Verdict>, String>),
    Skipped(String),
}

/// Prints one program's line (and what went wrong); says whether it passed.
fn report(verdict: &Result<Box<Verdict>, String>) -> bool {
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
    rx: mpsc::Receiver<(usize, Outcome)>,
    ready: BTreeMap<usize, Outcome>,
    /// The thread handing out the work; it ends when every program has.
    scheduler: Option<thread::JoinHandle<()>>,
}

/// Starts checking every program, `jobs` at a time, those that must run
/// alone with nothing beside them. Returns at once; outcomes arrive on the
/// channel in the order the programs finish.
fn run_all(
    course: &Course,
    what: &[(&Lesson, &Program, What)],
    python: Option<&Interpreter>,
    settings: Settings,
    jobs: usize,
) -> Outcomes {
    let (tx, rx) = mpsc::channel();
    let work: Vec<Job> = what
        .iter()
        .enumerate()
        .map(|(i, (lesson, program, what))| Job {
            index: i,
            lesson: (*lesson).clone(),
            program: (*program).clone(),
            what: what.clone(),
            python: python.cloned(),
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
    what: What,
    /// The interpreter the twins run under.
    python: Option<Interpreter>,
}

impl Job {
    fn check(&self, root: &std::path::Path, settings: Settings) -> Outcome {
        let (lesson, program) = (&self.lesson, &self.program);
        match (&self.what, &program.twin) {
            (What::Rust(exe), _) => {
                Outcome::Checked(check::check(root, lesson, program, exe, settings).map(Box::new))
            }
            (What::Python, Some(t)) => match &self.python {
                Some(python) => Outcome::Checked(
                    twin::check(root, lesson, program, t, python, settings).map(Box::new),
                ),
                None => Outcome::Checked(Err("no interpreter to run its twin".to_string())),
            },
            (What::Skip(why), _) => Outcome::Skipped(why.clone()),
            (What::Missing | What::Python, _) => Outcome::Checked(Err(format!(
                "it ports {}, but has no Python twin: python/{}.py",
                program.ports.join(", "),
                program.target
            ))),
        }
    }
}

/// Hands the jobs out in study order: up to `jobs` at once, and an `alone`
/// lesson's programs only when nothing else runs.
fn schedule(
    work: Vec<Job>,
    root: &std::path::Path,
    settings: Settings,
    jobs: usize,
    tx: &mpsc::Sender<(usize, Outcome)>,
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
                let outcome = job.check(root, settings);
                *running.lock().expect("a counter") -= 1;
                let _ = tx.send((job.index, outcome));
                let _ = done_tx.send(());
            });
            if alone {
                // Nothing starts beside it either: wait until it is done.
                let _ = handle.join();
            }
        }
    });
}
