//! Exercises that check themselves: a change to a lesson's program, checked
//! by what the changed program does.
//!
//! A lesson describes its exercises in its `Cargo.toml`:
//!
//! ```toml
//! [[package.metadata.lesson.exercises]]
//! title = "Break the lock"
//! program = "lock_buy"            # the program to change (default: main)
//! output = """…"""                # what the changed program must print, a transcript
//! end = "success"                 # how it must end: success, failure or timeout
//! # or, for an exercise about the compiler:
//! build_error = "E0133"           # the build must fail with this error
//! ```
//!
//! Its solution is `exercises/<n>.patch`, a unified diff against the program's
//! source, so a change to the lesson flows into it (and a patch that no
//! longer applies fails `--solutions`, not silently). The learner works in a
//! copy of the program, `exercises/my_<n>.rs`, which git ignores and cargo
//! does not build with the lesson: the lesson itself never changes under
//! them, and `cargo test` and verify stay green while they work. A check
//! builds the copy as a short-lived example of the lesson, `ex_…`.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::check::{Pacing, Settings};
use crate::lessons::{Lesson, Program};

use crate::normalise;
use crate::runner::{self, End};
use crate::transcript;

/// One exercise, as the lesson's metadata describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub title: String,
    #[serde(default = "main")]
    pub program: String,
    /// The transcript the changed program must print.
    pub output: Option<String>,
    /// The error code the changed program's build must fail with.
    pub build_error: Option<String>,
    #[serde(default)]
    pub end: Ending,
    /// Seconds at verify's scale before a run is stopped (`end = "timeout"`
    /// waits this long).
    pub timeout: Option<f64>,
}

fn main() -> String {
    "main".to_string()
}

/// How the changed program must end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ending {
    /// Exit status 0.
    #[default]
    Success,
    /// A non-zero exit status (it noticed something was wrong, and said so).
    Failure,
    /// It never finished, and was stopped cleanly (a deadlock, a hang).
    Timeout,
}

impl Ending {
    fn words(self) -> &'static str {
        match self {
            Ending::Success => "finish with exit status 0",
            Ending::Failure => "notice the problem and exit with a non-zero status",
            Ending::Timeout => "never finish (and be stopped when its time runs out)",
        }
    }
}

/// How a run ended, in words.
fn ended(end: End) -> String {
    match end {
        End::Exited(0) => "finished with exit status 0".to_string(),
        End::Exited(code) => format!("exited with status {code}"),
        End::Signalled(sig) => format!("was killed by signal {sig}"),
        End::TimedOut(after) => format!(
            "was still running after {:.0} s, and was stopped",
            after.as_secs_f64()
        ),
        End::Interrupted => "was interrupted by Ctrl-C".to_string(),
    }
}

/// An exercise's place: its lesson, its number (from 1), and its program.
#[derive(Debug, Clone)]
pub struct Place<'c> {
    pub lesson: &'c Lesson,
    pub n: usize,
    pub exercise: Exercise,
    pub program: &'c Program,
}

impl Place<'_> {
    /// The program's source file, relative to the lesson.
    pub fn source(&self) -> String {
        if self.program.is_example {
            format!("examples/{}.rs", self.program.target)
        } else {
            "src/main.rs".to_string()
        }
    }

    /// The solution's patch, relative to the lesson.
    pub fn patch(&self) -> String {
        format!("exercises/{}.patch", self.n)
    }

    /// The learner's own copy of the program.
    pub fn attempt_path(&self) -> PathBuf {
        self.lesson
            .dir
            .join("exercises")
            .join(format!("my_{}.rs", self.n))
    }

    /// The name of the example a copy of the program is built as: the
    /// learner's attempt (`ex_`) or a solution being proved (`sol_`).
    pub fn example(&self, prefix: &str) -> String {
        format!("{prefix}_{}_{}", self.lesson.name.replace('-', "_"), self.n)
    }

    /// Where that example's file is.
    pub fn example_path(&self, prefix: &str) -> PathBuf {
        self.lesson
            .dir
            .join("examples")
            .join(format!("{}.rs", self.example(prefix)))
    }

    /// The solution's source: the program with the patch applied.
    pub fn solution(&self) -> Result<String, String> {
        let source = fs::read_to_string(self.lesson.dir.join(self.source()))
            .map_err(|e| format!("{}: {e}", self.source()))?;
        let patch = fs::read_to_string(self.lesson.dir.join(self.patch()))
            .map_err(|e| format!("{}: {e}", self.patch()))?;
        apply(&source, &patch).map_err(|e| format!("{} no longer applies: {e}", self.patch()))
    }
}

/// Whether an example is a copy made for an exercise (`ex_…`, `sol_…`).
pub fn is_scratch(example: &str) -> bool {
    example.starts_with("ex_") || example.starts_with("sol_")
}

/// Every exercise of a lesson, numbered from 1.
pub fn places(lesson: &Lesson) -> Vec<Place<'_>> {
    lesson
        .exercises
        .iter()
        .enumerate()
        .filter_map(|(i, exercise)| {
            let program = lesson
                .programs
                .iter()
                .find(|p| p.target == exercise.program)?;
            Some(Place {
                lesson,
                n: i + 1,
                exercise: exercise.clone(),
                program,
            })
        })
        .collect()
}

/// What is wrong with a lesson's exercises, one sentence each.
pub fn problems(lesson_dir: &Path, programs: &[Program], exercises: &[Exercise]) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, exercise) in exercises.iter().enumerate() {
        let n = i + 1;
        if !programs.iter().any(|p| p.target == exercise.program) {
            problems.push(format!(
                "exercise {n}: no program '{}' in this lesson",
                exercise.program
            ));
        }
        if exercise.output.is_some() == exercise.build_error.is_some() {
            problems.push(format!(
                "exercise {n}: give either `output` or `build_error`"
            ));
        }
        if !lesson_dir.join(format!("exercises/{n}.patch")).exists() {
            problems.push(format!(
                "exercise {n}: its solution, exercises/{n}.patch, is missing"
            ));
        }
    }
    problems
}

/// What a check found: `Ok` with what passed, `Err` with why it failed.
pub type Verdict = Result<String, String>;

/// Runs a built attempt (`exe`) and checks it; also returns what it printed.
pub fn check_run(root: &Path, place: &Place, exe: &Path) -> (Verdict, String) {
    match run_and_check(root, place, exe) {
        Ok((verdict, printed)) => (verdict, printed),
        Err(e) => (Err(e), String::new()),
    }
}

fn run_and_check(root: &Path, place: &Place, exe: &Path) -> Result<(Verdict, String), String> {
    let ex = &place.exercise;
    let Some(expected) = &ex.output else {
        return Ok((
            Err(format!(
                "it built, but this exercise wants the compiler to refuse it with error {}",
                ex.build_error.as_deref().unwrap_or("?")
            )),
            String::new(),
        ));
    };
    let lesson = place.lesson;
    // Paced as verify paces the program: its scale, its seed, its timeout
    // (or the exercise's, for one that must not finish).
    let pacing = Pacing::of(lesson, place.program, Settings::default());
    let timeout = ex.timeout.map_or(pacing.timeout, Duration::from_secs_f64);
    let run = runner::run(exe, &place.program.args, root, &pacing.envs, timeout)?;

    let items = transcript::parse_items(expected)?;
    let got = normalise::normalise(&run.stdout, &lesson.redactions, &items);
    let want = expected.trim_end();
    let ended = match (ex.end, run.end) {
        (Ending::Success, End::Exited(0)) => Ok(()),
        (Ending::Failure, End::Exited(code)) if code != 0 => Ok(()),
        (Ending::Timeout, End::TimedOut(_)) => Ok(()),
        (should, did) => Err(format!(
            "it should {}, and it {}",
            should.words(),
            ended(did)
        )),
    };
    if !run.leftovers.is_empty() {
        let why = format!("it left {} process(es) behind", run.leftovers.len());
        return Ok((Err(why), run.stdout));
    }
    let verdict = match (ended, got == want) {
        (Ok(()), true) => Ok("it printed what the exercise expects, and ended as it should".into()),
        (ended, same) => {
            let mut why = Vec::new();
            if let Err(e) = ended {
                why.push(e);
            }
            if !same {
                why.push(format!(
                    "its output is not what the exercise expects (- expected, + yours):\n{}",
                    crate::report::diff(want, &got, "    ")
                ));
            }
            Err(why.join("\n"))
        }
    };
    Ok((verdict, run.stdout))
}

/// Checks a build that failed, given the error codes the compiler gave.
pub fn check_build_failure(place: &Place, codes: &[String]) -> Verdict {
    match &place.exercise.build_error {
        Some(want) if codes.iter().any(|c| c == want) => Ok(format!(
            "the compiler refused it with error {want}, as it should"
        )),
        Some(want) => Err(format!(
            "the compiler refused it, but with {} instead of {want}",
            if codes.is_empty() {
                "no error code".to_string()
            } else {
                codes.join(", ")
            }
        )),
        None => Err(format!(
            "it does not build ({}); this exercise wants a program that runs",
            codes.join(", ")
        )),
    }
}

/// Applies a unified diff to `source`. Every hunk's context must match
/// exactly, where the hunk says (or, failing that, anywhere after the
/// previous hunk): a solution is a change to the lesson as it is.
pub fn apply(source: &str, patch: &str) -> Result<String, String> {
    let lines: Vec<&str> = source.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut at = 0usize;
    let mut hunks = 0;
    let mut patch_lines = patch.lines().peekable();
    while let Some(line) = patch_lines.next() {
        if !line.starts_with("@@") {
            continue;
        }
        hunks += 1;
        let mut old: Vec<&str> = Vec::new();
        let mut new: Vec<&str> = Vec::new();
        while let Some(next) = patch_lines.peek() {
            if next.starts_with("@@") {
                break;
            }
            let next = patch_lines.next().unwrap_or_default();
            match next.split_at_checked(1) {
                Some((" ", rest)) => {
                    old.push(rest);
                    new.push(rest);
                }
                Some(("-", rest)) => old.push(rest),
                Some(("+", rest)) => new.push(rest),
                _ if next.is_empty() => {
                    old.push("");
                    new.push("");
                }
                _ => {} // "\ No newline at end of file" and the like
            }
        }
        let found = (at..=lines.len().saturating_sub(old.len()))
            .find(|&i| lines[i..i + old.len()] == old[..])
            .ok_or_else(|| format!("hunk {hunks} does not match the source"))?;
        out.extend(lines[at..found].iter().map(|l| l.to_string()));
        out.extend(new.iter().map(|l| l.to_string()));
        at = found + old.len();
    }
    if hunks == 0 {
        return Err("it has no hunk".to_string());
    }
    out.extend(lines[at..].iter().map(|l| l.to_string()));
    Ok(out.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::apply;

    #[test]
    fn a_patch_applies_where_its_context_matches() {
        let source = "a\nb\nc\nd\ne\n";
        let patch = "--- a/x\n+++ b/x\n@@ -2,3 +2,3 @@\n b\n-c\n+C\n d\n";
        assert_eq!(apply(source, patch).unwrap(), "a\nb\nC\nd\ne\n");
        let stale = "@@ -1,2 +1,2 @@\n z\n-c\n+C\n";
        assert!(apply(source, stale).is_err());
    }
}
