//! `cargo xtask`: the course's own commands.
//!
//! - `cargo xtask list`: the chapters and lessons, and the seed programs each ports;
//! - `cargo xtask verify [NAME…]`: run lessons and compare with their transcripts;
//! - `cargo xtask bless [NAME…]`: record a deliberate change of output;
//! - `cargo xtask bench [--python]`: measure what each model costs (the costs
//!   chapter), print the table, and write the chapter's report and chart.
//!
//! A NAME is a chapter (`threads`), a lesson (`threads-lock`), one example
//! (`threads-lock/<example>`) or a lesson's main program alone
//! (`threads-lock/main`); none means the whole course.

use std::collections::HashMap;
use std::fs;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use xtask::check::{self, FAST_SCALE, Settings, VERIFY_SEED, Verdict, relative};
use xtask::lessons::{self, CHAPTERS, Course, Lesson, Program, workspace_root};
use xtask::{bench, report, runner, transcript};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "The course's tooling: list, verify, bless and bench lessons"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Print the chapters and lessons, each with its summary and the seed programs it ports.
    List,
    /// Run lessons and compare their output with their transcripts.
    Verify {
        /// Chapters, lessons or `lesson/example`s to verify (default: all).
        names: Vec<String>,
        /// Run at real time (LESSON_TIME_SCALE=1) instead of a tenth of it.
        #[arg(long, conflicts_with = "scale")]
        real_time: bool,
        /// Run at this time scale (real seconds per lesson second).
        #[arg(long, value_parser = parse_scale)]
        scale: Option<f64>,
        /// The LESSON_SEED every lesson runs with (default: each lesson's own, else 1).
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Run lessons and write their output as their new transcripts (and README copies).
    Bless {
        /// Chapters, lessons or `lesson/example`s to bless (default: all).
        names: Vec<String>,
    },
    /// Measure what each model costs (the costs chapter's programs, release
    /// builds), print the table, and write the chapter's report and chart.
    Bench {
        /// Also run the chapter's Python scripts, and compare.
        #[arg(long)]
        python: bool,
        /// Measure just enough to see everything work; writes nothing.
        #[arg(long)]
        quick: bool,
        /// Print the table only; leave the README and the chart alone.
        #[arg(long)]
        no_write: bool,
    },
}

fn parse_scale(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 && x <= 1000.0 => Ok(x),
        _ => Err(format!("'{s}' is not a positive number such as 1 or 0.1")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = workspace_root();
    let course = match Course::load(&root) {
        Ok(course) => course,
        Err(e) => return fail(&e),
    };
    match cli.command {
        Cmd::List => list(&course),
        Cmd::Verify {
            names,
            real_time,
            scale,
            seed,
        } => {
            let scale = if real_time {
                1.0
            } else {
                scale.unwrap_or(FAST_SCALE)
            };
            verify(&course, &names, Settings { scale, seed })
        }
        Cmd::Bless { names } => bless(&course, &names),
        Cmd::Bench {
            python,
            quick,
            no_write,
        } => bench(&course, python, quick, no_write || quick),
    }
}

/// The chapter whose programs `bench` runs.
const COSTS: &str = "costs";

/// How long one measuring program may run before it is stopped.
const BENCH_TIMEOUT: Duration = Duration::from_secs(600);

fn bench(course: &Course, python: bool, quick: bool, no_write: bool) -> ExitCode {
    let lessons: Vec<&Lesson> = course
        .lessons
        .iter()
        .filter(|l| l.chapter == COSTS)
        .collect();
    if lessons.is_empty() {
        return fail("the course has no costs chapter to run");
    }
    let scripts = course.root.join("lessons").join(COSTS).join("python");
    if python && Command::new("python3").arg("--version").output().is_err() {
        return fail("--python needs python3 on the PATH, and there is none; run without --python");
    }
    eprintln!("building the costs chapter in release mode…");
    let mut build = Command::new(lessons::cargo());
    build
        .current_dir(&course.root)
        .args(["build", "--release", "--quiet", "--bins"]);
    for lesson in &lessons {
        build.args(["--package", &lesson.name]);
    }
    match build.status() {
        Ok(status) if status.success() => {}
        Ok(_) => return fail("cargo build failed (its errors are above)"),
        Err(e) => return fail(&format!("could not run cargo build: {e}")),
    }
    let mut args = vec!["--json".to_string()];
    if quick {
        args.push("--quick".to_string());
    }
    let started = Instant::now();
    let mut results = bench::Results::default();
    let mut python_records = Vec::new();
    for lesson in &lessons {
        let topic = lesson.name.trim_start_matches("costs-");
        let exe = course.target_dir.join("release").join(&lesson.name);
        eprintln!(
            "\n{} (Rust), {:.0} s so far",
            lesson.name,
            started.elapsed().as_secs_f64()
        );
        match measure(course, &exe, &args) {
            Ok(records) => results.rust.extend(records),
            Err(_) if runner::interrupted() => return interrupted(),
            Err(e) => return fail(&format!("{}: {e}", lesson.name)),
        }
        if python {
            let script = scripts.join(format!("{topic}.py"));
            let mut script_args = vec![script.display().to_string()];
            script_args.extend(args.iter().cloned());
            eprintln!(
                "\n{} (Python), {:.0} s so far",
                relative(&course.root, &script),
                started.elapsed().as_secs_f64()
            );
            match measure(course, Path::new("python3"), &script_args) {
                Ok(records) => python_records.extend(records),
                Err(_) if runner::interrupted() => return interrupted(),
                Err(e) => return fail(&format!("{}: {e}", relative(&course.root, &script))),
            }
        }
    }
    if python {
        results.python = Some(python_records);
    }
    let machine = bench::Machine::read(python);
    println!();
    println!("{}", machine.line());
    print!("{}", bench::terminal_table(&results));
    println!("measured in {:.0} s", started.elapsed().as_secs_f64());
    if no_write {
        return ExitCode::SUCCESS;
    }
    let command = if python {
        "cargo xtask bench --python"
    } else {
        "cargo xtask bench"
    };
    let dir = course.root.join("lessons").join(COSTS);
    let readme_path = dir.join("README.md");
    let chart_path = dir.join("costs.svg");
    let written = fs::read_to_string(&readme_path)
        .map_err(|e| format!("{}: {e}", readme_path.display()))
        .and_then(|readme| bench::splice(&readme, &bench::markdown(&results, &machine, command)))
        .and_then(|readme| {
            fs::write(&readme_path, readme).map_err(|e| format!("{}: {e}", readme_path.display()))
        })
        .and_then(|()| {
            fs::write(&chart_path, bench::svg(&results))
                .map_err(|e| format!("{}: {e}", chart_path.display()))
        });
    match written {
        Ok(()) => {
            println!(
                "wrote the report into {} and the chart to {}",
                relative(&course.root, &readme_path),
                relative(&course.root, &chart_path)
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

fn interrupted() -> ExitCode {
    eprintln!("interrupted: nothing written");
    ExitCode::from(130)
}

/// Runs one measuring program (its table shows as progress) and reads its records.
fn measure(course: &Course, exe: &Path, args: &[String]) -> Result<Vec<bench::Record>, String> {
    let run = runner::run_echoing(exe, args, &course.root, BENCH_TIMEOUT)?;
    if run.end != runner::End::Exited(0) {
        return Err(format!("it failed ({:?})", run.end));
    }
    if !run.leftovers.is_empty() {
        return Err(format!(
            "it left {} process(es) behind",
            run.leftovers.len()
        ));
    }
    bench::parse(&run.stdout)
}

fn error(message: &str) {
    eprintln!("error: {message}");
}

fn fail(message: &str) -> ExitCode {
    error(message);
    ExitCode::from(2)
}

fn list(course: &Course) -> ExitCode {
    let width = course
        .lessons
        .iter()
        .map(|l| l.name.len())
        .max()
        .unwrap_or(0);
    for (chapter, about) in CHAPTERS {
        println!("{chapter}: {about}");
        let lessons: Vec<&Lesson> = course
            .lessons
            .iter()
            .filter(|l| l.chapter == chapter)
            .collect();
        if lessons.is_empty() {
            println!("  (no lessons yet)");
        }
        for lesson in lessons {
            println!("  {:width$}  {}", lesson.name, lesson.summary);
            for program in &lesson.programs {
                let what = if program.is_example {
                    format!("--example {}", program.target)
                } else {
                    "main".to_string()
                };
                println!(
                    "  {:width$}    {what}: ports {}",
                    "",
                    program.ports.join(", ")
                );
            }
        }
        println!();
    }
    report_problems(course);
    if course.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn report_problems(course: &Course) {
    for problem in &course.problems {
        eprintln!("problem: {problem}");
    }
}

/// The programs chosen on the command line, built and ready to run.
struct Prepared<'c> {
    selected: Vec<(&'c Lesson, &'c Program)>,
    executables: HashMap<String, PathBuf>,
}

/// Selects and builds, or says why it cannot (and the caller exits with 2).
fn prepare<'c>(course: &'c Course, names: &[String]) -> Result<Prepared<'c>, ()> {
    report_problems(course);
    let selected = course.select(names).map_err(|e| error(&e))?;
    let mut lessons: Vec<&Lesson> = Vec::new();
    for (lesson, _) in &selected {
        if !lessons.iter().any(|l| l.name == lesson.name) {
            lessons.push(lesson);
        }
    }
    eprintln!("building {} lesson(s)…", lessons.len());
    let executables = runner::build(course, &lessons).map_err(|e| error(&e))?;
    Ok(Prepared {
        selected,
        executables,
    })
}

fn verify(course: &Course, names: &[String], settings: Settings) -> ExitCode {
    let Ok(Prepared {
        selected,
        executables,
    }) = prepare(course, names)
    else {
        return ExitCode::from(2);
    };
    let paint = Paint::new();
    let width = selected.iter().map(|(_, p)| p.id.len()).max().unwrap_or(0);
    let seed = match settings.seed {
        Some(seed) => seed.to_string(),
        None => format!("each lesson's own (default {VERIFY_SEED})"),
    };
    println!(
        "verify: {} program(s) at time scale {} with LESSON_SEED={seed}",
        selected.len(),
        settings.scale,
    );
    let started = Instant::now();
    let mut failed: Vec<&str> = Vec::new();
    for (lesson, program) in &selected {
        print!("  {:width$}  ", program.id);
        let _ = std::io::stdout().flush();
        let verdict = check::check(
            &course.root,
            lesson,
            program,
            &executables[&program.id],
            settings,
        );
        if runner::interrupted() {
            println!("interrupted");
            return ExitCode::from(130);
        }
        match verdict {
            Ok(v) if v.passed() => {
                println!(
                    "{}  {:5.2} s",
                    paint.green("ok    "),
                    v.run.elapsed.as_secs_f64()
                );
            }
            Ok(v) => {
                println!(
                    "{}  {:5.2} s",
                    paint.red("FAILED"),
                    v.run.elapsed.as_secs_f64()
                );
                print!("{}", check::explain(&v));
                failed.push(&program.id);
            }
            Err(e) => {
                println!("{}", paint.red("FAILED"));
                println!("    {e}");
                failed.push(&program.id);
            }
        }
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

fn bless(course: &Course, names: &[String]) -> ExitCode {
    let Ok(Prepared {
        selected,
        executables,
    }) = prepare(course, names)
    else {
        return ExitCode::from(2);
    };
    let mut refused = 0;
    for (lesson, program) in &selected {
        let verdict = check::check(
            &course.root,
            lesson,
            program,
            &executables[&program.id],
            Settings::default(),
        );
        if runner::interrupted() {
            println!("interrupted: nothing more blessed");
            return ExitCode::from(130);
        }
        let verdict = match verdict {
            Ok(v) => v,
            Err(e) => {
                println!("{}: not blessed: {e}", program.id);
                refused += 1;
                continue;
            }
        };
        if !verdict.ran_cleanly() {
            // A crash or a leaked process is a bug to fix, never a new transcript.
            println!("{}: not blessed, the run itself failed:", program.id);
            print!("{}", check::explain(&verdict));
            refused += 1;
            continue;
        }
        match write_transcript(course, lesson, program, &verdict) {
            Ok(message) => println!("{}: {message}", program.id),
            Err(e) => {
                println!("{}: not blessed: {e}", program.id);
                refused += 1;
            }
        }
    }
    if refused == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Writes the transcript and the README's copy; says what changed.
fn write_transcript(
    course: &Course,
    lesson: &Lesson,
    program: &Program,
    verdict: &Verdict,
) -> Result<String, String> {
    let mut said = Vec::new();
    let old = verdict.expected.as_ref().map(|t| t.content.as_str());
    if old != Some(verdict.normalised.as_str()) {
        if let Some(old) = old {
            print!("{}", report::diff(old, &verdict.normalised, "    "));
        }
        // A new transcript must still parse: a stray marker line is refused here.
        transcript::parse_items(&verdict.normalised)?;
        let file = transcript::snapshot_file(&program.description(), &verdict.normalised);
        if let Some(dir) = program.transcript.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        fs::write(&program.transcript, file)
            .map_err(|e| format!("{}: {e}", program.transcript.display()))?;
        said.push(format!(
            "wrote {}",
            relative(&course.root, &program.transcript)
        ));
    }
    let readme_path = lesson.dir.join("README.md");
    let readme = fs::read_to_string(&readme_path).unwrap_or_default();
    match transcript::readme_copy(&readme, &program.target) {
        Some(copy) if copy == verdict.normalised => {}
        Some(_) => {
            let new = transcript::with_readme_copy(&readme, &program.target, &verdict.normalised)
                .ok_or("README copy vanished")?;
            fs::write(&readme_path, new).map_err(|e| format!("{}: {e}", readme_path.display()))?;
            said.push(format!("updated {}", relative(&course.root, &readme_path)));
        }
        None => said.push(format!(
            "{} has no `{}` block to update",
            relative(&course.root, &readme_path),
            transcript::readme_marker(&program.target)
        )),
    }
    Ok(if said.is_empty() {
        "unchanged".to_string()
    } else {
        said.join("; ")
    })
}

/// Colour for a terminal, plain text for a pipe or under NO_COLOR.
struct Paint(bool);

impl Paint {
    fn new() -> Self {
        Paint(std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none())
    }
    fn green(&self, s: &str) -> String {
        if self.0 {
            format!("\x1b[32m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn red(&self, s: &str) -> String {
        if self.0 {
            format!("\x1b[31m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}
