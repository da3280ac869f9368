//! `cargo xtask bench`: runs the costs chapter's programs in release mode
//! (and, with `--python`, its Python scripts, the speed-up's also under the
//! free-threaded Python `cargo xtask python --free-threaded` builds, when it
//! is there) under verify's runner, prints
//! the table, and writes a full report with its chart under
//! `target/costs-report/`. Only `--write` puts them into the chapter (its
//! README's report and `costs.svg`): the chapter's prose describes one
//! machine's figures, and a learner measuring theirs should not find the
//! course changed under them.

use std::fs;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use super::fail;
use crate::check::relative;
use crate::model::{self, Course, Lesson};
use crate::{costs, interpreter, runner};

/// What `cargo xtask bench` was asked to do.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct BenchOptions {
    /// Also run the chapter's Python scripts, and compare.
    #[arg(long)]
    pub python: bool,
    /// Measure just enough to see everything work; writes nothing.
    #[arg(long)]
    pub quick: bool,
    /// Write the report and the chart into the costs chapter (its README and
    /// costs.svg) instead of under target/costs-report/.
    #[arg(long, conflicts_with = "quick")]
    pub write: bool,
}

/// The chapter whose programs `bench` runs.
const COSTS: &str = "costs";

/// The lesson whose script also runs under free-threaded Python.
const SPEEDUP: &str = "speedup";

/// How long one measuring program may run before it is stopped.
const BENCH_TIMEOUT: Duration = Duration::from_secs(600);

pub fn run(course: &Course, options: &BenchOptions) -> ExitCode {
    let BenchOptions {
        python,
        quick,
        write,
    } = *options;
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
    let mut build = Command::new(model::cargo());
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
    // Free-threaded Python's threads, where `cargo xtask python
    // --free-threaded` has built it: the speed-up's script runs under it too.
    let free_threaded = if python {
        interpreter::installed_free_threaded(&course.target_dir).map(|(p, _)| p)
    } else {
        None
    };
    if python && free_threaded.is_none() {
        eprintln!(
            "note: no free-threaded Python in {}, so the speed-up has no row for its threads; `cargo xtask python --free-threaded` builds it",
            relative(
                &course.root,
                &interpreter::free_threaded_prefix(&course.target_dir)
            )
        );
    }
    let started = Instant::now();
    let mut results = costs::Results::default();
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
            if let Some(ft) = free_threaded.as_ref().filter(|_| topic == SPEEDUP) {
                eprintln!(
                    "\n{} (free-threaded Python), {:.0} s so far",
                    relative(&course.root, &script),
                    started.elapsed().as_secs_f64()
                );
                match measure(course, &ft.path, &script_args) {
                    Ok(records) => python_records.extend(
                        records
                            .into_iter()
                            .filter(|r| r.model == costs::FREE_THREADED),
                    ),
                    Err(_) if runner::interrupted() => return interrupted(),
                    Err(e) => {
                        return fail(&format!(
                            "{} under {}: {e}",
                            relative(&course.root, &script),
                            ft.path.display()
                        ));
                    }
                }
            }
        }
    }
    if python {
        results.python = Some(python_records);
    }
    let mut machine = costs::Machine::read(python);
    machine.free_threaded = free_threaded.map(|p| format!("free-threaded Python {}", p.version));
    println!();
    println!("{}", machine.line());
    print!("{}", costs::terminal_table(&results));
    println!("measured in {:.0} s", started.elapsed().as_secs_f64());
    if quick {
        return ExitCode::SUCCESS;
    }
    let command = if python {
        "cargo xtask bench --python"
    } else {
        "cargo xtask bench"
    };
    let report = costs::markdown(&results, &machine, command);
    let written = if write {
        write_into_chapter(course, &report, &results)
    } else {
        write_under_target(course, &report, &results)
    };
    match written {
        Ok(said) => {
            println!("{said}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// The chapter's own report and chart, rewritten (`--write`).
fn write_into_chapter(
    course: &Course,
    report: &str,
    results: &costs::Results,
) -> Result<String, String> {
    let dir = course.root.join("lessons").join(COSTS);
    let readme_path = dir.join("README.md");
    let chart_path = dir.join("costs.svg");
    let readme =
        fs::read_to_string(&readme_path).map_err(|e| format!("{}: {e}", readme_path.display()))?;
    let readme = costs::splice(&readme, report)?;
    fs::write(&readme_path, readme).map_err(|e| format!("{}: {e}", readme_path.display()))?;
    fs::write(&chart_path, costs::svg(results))
        .map_err(|e| format!("{}: {e}", chart_path.display()))?;
    Ok(format!(
        "wrote the report into {} and the chart to {}",
        relative(&course.root, &readme_path),
        relative(&course.root, &chart_path)
    ))
}

/// A report of this machine's figures under `target/costs-report/`, the
/// chapter left as it is.
fn write_under_target(
    course: &Course,
    report: &str,
    results: &costs::Results,
) -> Result<String, String> {
    let dir = course.target_dir.join("costs-report");
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let page = dir.join("README.md");
    let text = format!("# The costs chapter's figures, measured on this machine\n\n{report}");
    fs::write(&page, text).map_err(|e| format!("{}: {e}", page.display()))?;
    let chart = dir.join("costs.svg");
    fs::write(&chart, costs::svg(results)).map_err(|e| format!("{}: {e}", chart.display()))?;
    Ok(format!(
        "wrote the full report to {} (and its chart beside it); the chapter is unchanged: `--write` puts them there",
        relative(&course.root, &page)
    ))
}

fn interrupted() -> ExitCode {
    eprintln!("interrupted: nothing written");
    ExitCode::from(130)
}

/// Runs one measuring program (its table shows as progress) and reads its records.
fn measure(course: &Course, exe: &Path, args: &[String]) -> Result<Vec<costs::Record>, String> {
    let run = runner::Launch::new(exe, &course.root, BENCH_TIMEOUT)
        .args(args)
        .echo_stderr()
        .run()?;
    if run.end != runner::End::Exited(0) {
        return Err(format!("it failed ({:?})", run.end));
    }
    if !run.leftovers.is_empty() {
        return Err(format!(
            "it left {} process(es) behind",
            run.leftovers.len()
        ));
    }
    costs::parse(&run.stdout)
}
