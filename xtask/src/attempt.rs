//! An attempt at an exercise, or a solution being proved: built outside the
//! lesson ([`workspace`]), run as verify runs the program, and checked by what
//! it does (see [`crate::model::exercise`] for how a lesson describes its
//! exercises). What a learner has passed is kept in [`progress`].

pub mod progress;
pub mod workspace;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::check::{Pacing, Settings, end_problem, leftover_problems};
use crate::model::transcript;
use crate::model::{Course, Place};
use crate::normalise;
use crate::runner::{End, Run};

pub use workspace::{Bin, Built};

/// What a check found: `Ok` with what passed, `Err` with why it failed.
pub type Verdict = Result<String, String>;

/// The workspace a learner's attempts are built in.
pub fn attempts_dir(course: &Course) -> PathBuf {
    course.target_dir.join("exercises").join("attempts")
}

/// The workspace solutions are proved in.
pub fn solutions_dir(course: &Course) -> PathBuf {
    course.target_dir.join("exercises").join("solutions")
}

/// The binary a learner's attempt is built as.
pub fn attempt_bin<'c>(place: &Place<'c>) -> Bin<'c> {
    Bin {
        lesson: place.lesson,
        name: format!("my-{}-{}", place.lesson.name, place.n),
        source: place.attempt_path(),
    }
}

/// The binary a solution is built as, from its source written at `source`.
pub fn solution_bin<'c>(place: &Place<'c>, source: PathBuf) -> Bin<'c> {
    Bin {
        lesson: place.lesson,
        name: format!("sol-{}-{}", place.lesson.name, place.n),
        source,
    }
}

/// Runs a built attempt (`exe`) and checks it; also returns the run, to show.
pub fn check_run(root: &Path, place: &Place, exe: &Path) -> (Verdict, Option<Run>) {
    match run_and_check(root, place, exe) {
        Ok((verdict, run)) => (verdict, run),
        Err(e) => (Err(e), None),
    }
}

fn run_and_check(root: &Path, place: &Place, exe: &Path) -> Result<(Verdict, Option<Run>), String> {
    let ex = &place.exercise;
    let Some(expected) = &ex.output else {
        return Ok((
            Err(format!(
                "it built, but this exercise wants the compiler to refuse it with {}",
                error_named(ex.build_error.as_deref().unwrap_or("?"))
            )),
            None,
        ));
    };
    let lesson = place.lesson;
    // Paced as verify paces the program: its scale, its seed, its timeout
    // (or the exercise's, for one that must not finish).
    let mut pacing = Pacing::of(lesson, place.program, Settings::default());
    if let Some(timeout) = ex.timeout {
        pacing.timeout = Duration::from_secs_f64(timeout);
    }
    let run = pacing.launch(exe, &place.program.args, root).run()?;

    let items = transcript::parse_items(expected)?;
    let got = normalise::normalise(&run.stdout, &lesson.redactions, &items);
    let want = expected.trim_end();
    let left = leftover_problems(&run, "");
    if !left.is_empty() {
        return Ok((Err(left.join("; ")), Some(run)));
    }
    let verdict = match (end_problem(&run, ex.end), got == want) {
        (None, true) => Ok("it printed what the exercise expects, and ended as it should".into()),
        (ended, same) => {
            let mut why = Vec::new();
            why.extend(ended);
            if !same {
                why.push(format!(
                    "its output is not what the exercise expects (- expected, + yours):\n{}",
                    crate::report::diff(want, &got, "    ")
                ));
            }
            Err(why.join("\n"))
        }
    };
    Ok((verdict, Some(run)))
}

/// Checks a build that failed, given the error codes the compiler gave
/// (and the messages of the errors it gave no code).
pub fn check_build_failure(place: &Place, codes: &[String]) -> Verdict {
    match &place.exercise.build_error {
        Some(want) if codes.iter().any(|c| c == want) => Ok(format!(
            "the compiler refused it with {}, as it should",
            error_named(want)
        )),
        Some(want) => Err(format!(
            "the compiler refused it, but with {} instead of {}",
            if codes.is_empty() {
                "no error code".to_string()
            } else {
                codes.join(", ")
            },
            error_named(want)
        )),
        None => Err(format!(
            "it does not build ({}); this exercise wants a program that runs",
            codes.join(", ")
        )),
    }
}

/// `error E0277`, or `the error "future cannot be sent between threads
/// safely"` for one that rustc gives no code.
fn error_named(error: &str) -> String {
    let is_code = error.len() == 5
        && error.starts_with('E')
        && error[1..].chars().all(|c| c.is_ascii_digit());
    if is_code {
        format!("error {error}")
    } else {
        format!("the error \"{error}\"")
    }
}

/// How many lines of standard error a check shows before it folds the rest.
const STDERR_LINES: usize = 12;

/// What a learner sees of their program's run: what it printed, its
/// standard error (folded when long), and how it ended, in words, a panic
/// said as a panic. Paths under the course's root are written from there.
pub fn shown(run: &Run, root: &Path) -> String {
    let root = format!("{}/", root.display());
    let mut text = String::new();
    let printed: Vec<&str> = run.stdout.lines().collect();
    if printed.is_empty() {
        text.push_str("your program printed nothing on its standard output\n");
    } else {
        text.push_str("your program printed:\n");
        for line in &printed {
            let _ = writeln!(text, "  | {line}");
        }
    }
    let stderr = run.stderr.replace(&root, "");
    let errors: Vec<&str> = stderr.lines().collect();
    if !errors.is_empty() {
        text.push_str("and on its standard error:\n");
        for line in errors.iter().take(STDERR_LINES) {
            let _ = writeln!(text, "  ! {line}");
        }
        if errors.len() > STDERR_LINES {
            let _ = writeln!(
                text,
                "  ! … and {} more line(s)",
                errors.len() - STDERR_LINES
            );
        }
    }
    if let Some(panic) = panic_of(&stderr) {
        let _ = writeln!(text, "the program panicked{panic}");
    }
    let _ = writeln!(text, "it {}", crate::check::ended(run.end));
    if let End::Exited(101) = run.end {
        text.push_str("(101 is the status of a Rust program that ends in a panic)\n");
    }
    text
}

/// `" at src/main.rs:3:5: the message"` for the first panic in `stderr`.
fn panic_of(stderr: &str) -> Option<String> {
    let mut lines = stderr.lines();
    let head = lines.find(|l| l.contains("panicked at "))?;
    let place = head.split("panicked at ").nth(1)?.trim_end_matches(':');
    let thread = head
        .strip_prefix("thread '")
        .and_then(|rest| rest.split('\'').next())
        .filter(|t| *t != "main")
        .map(|t| match t {
            "<unnamed>" => " (in a thread with no name)".to_string(),
            t => format!(" (in its thread '{t}')"),
        })
        .unwrap_or_default();
    let message = lines.next().unwrap_or("").trim();
    Some(format!(" at {place}{thread}: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::Fault;

    fn run(stdout: &str, stderr: &str, end: End) -> Run {
        Run {
            stdout: stdout.into(),
            stderr: stderr.into(),
            end,
            elapsed: Duration::ZERO,
            leftovers: Vec::new(),
            fault: Fault::None,
            fault_done: None,
            left_files: Vec::new(),
        }
    }

    #[test]
    fn a_panic_is_said_in_words_with_its_status() {
        let stderr = "\nthread 'main' (41) panicked at /c/lessons/threads/lock/exercises/my_1.rs:21:5:\nthe lock is poisoned\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
        let text = shown(&run("begin\n", stderr, End::Exited(101)), Path::new("/c"));
        assert!(
            text.contains(
                "the program panicked at lessons/threads/lock/exercises/my_1.rs:21:5: the lock is poisoned\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("your program printed:\n  | begin\n"),
            "{text}"
        );
        assert!(text.contains("it exited with status 101\n"), "{text}");
    }

    #[test]
    fn long_standard_error_is_folded() {
        let stderr: String = (0..30).map(|i| format!("line {i}\n")).collect();
        let text = shown(&run("", &stderr, End::Exited(1)), Path::new("/c"));
        assert!(
            text.contains("  ! line 11\n  ! … and 18 more line(s)\n"),
            "{text}"
        );
        assert!(text.starts_with("your program printed nothing"));
    }
}
