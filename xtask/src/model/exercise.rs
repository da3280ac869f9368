//! Exercises, as a lesson's metadata describes them: a change to one of its
//! programs, checked by what the changed program does.
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
//! # (an error that rustc gives no code is named by its message:
//! # build_error = "future cannot be sent between threads safely")
//! ```
//!
//! Its solution is `exercises/<n>.patch`, a unified diff against the
//! program's source, so a change to the lesson flows into it (and a patch
//! that no longer applies fails `--solutions`, not silently). Its text, hint
//! included, is in the lesson's README. The learner works in a copy of the
//! program, `exercises/my_<n>.rs`, which git ignores. Building and checking
//! an attempt is `crate::attempt`'s.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::course::{Lesson, Program};

/// One exercise, as the lesson's metadata describes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub title: String,
    #[serde(default = "main")]
    pub program: String,
    /// The transcript the changed program must print.
    pub output: Option<String>,
    /// The error code the changed program's build must fail with, or the
    /// message of an error that rustc gives no code.
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
    pub fn words(self) -> &'static str {
        match self {
            Ending::Success => "finish with exit status 0",
            Ending::Failure => "notice the problem and exit with a non-zero status",
            Ending::Timeout => "never finish (and be stopped when its time runs out)",
        }
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

    /// The solution's source: the program with the patch applied.
    pub fn solution(&self) -> Result<String, String> {
        let source = fs::read_to_string(self.lesson.dir.join(self.source()))
            .map_err(|e| format!("{}: {e}", self.source()))?;
        let patch = fs::read_to_string(self.lesson.dir.join(self.patch()))
            .map_err(|e| format!("{}: {e}", self.patch()))?;
        apply(&source, &patch).map_err(|e| format!("{} no longer applies: {e}", self.patch()))
    }
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

/// The hint of exercise `n` in its lesson's README: the text of the
/// `<details><summary>Hint</summary>` fold in the exercise's section.
pub fn hint(readme: &str, n: usize) -> Option<String> {
    let heading = format!("### {n}. ");
    let start = readme.lines().position(|l| l.starts_with(&heading))?;
    let section: Vec<&str> = readme
        .lines()
        .skip(start + 1)
        .take_while(|l| !l.starts_with("## ") && !l.starts_with("### "))
        .collect();
    let open = section.iter().position(|l| l.trim() == HINT_OPEN)?;
    let text: Vec<&str> = section[open + 1..]
        .iter()
        .take_while(|l| l.trim() != "</details>")
        .map(|l| l.trim())
        .collect();
    let text = text.join(" ").trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// The line that opens an exercise's hint in its README.
pub const HINT_OPEN: &str = "<details><summary>Hint</summary>";

/// Applies a unified diff to `source`. Every hunk's lines must match the
/// source exactly: each hunk applies where its header says or, failing
/// that, at the nearest place where its lines match (as GNU patch does,
/// without fuzz). A solution is a change to the lesson as it is.
pub fn apply(source: &str, patch: &str) -> Result<String, String> {
    let patch =
        diffy::Patch::from_str(patch).map_err(|e| format!("it is not a unified diff ({e})"))?;
    if patch.hunks().is_empty() {
        return Err("it has no hunk".to_string());
    }
    diffy::apply(source, &patch).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::apply;

    #[test]
    fn a_patch_applies_where_its_header_says() {
        // Two places match the hunk's lines; the header names the second.
        let source = "x\nb\nc\nd\nx\nb\nc\nd\n";
        let patch = "--- a/x\n+++ b/x\n@@ -6,3 +6,3 @@\n b\n-c\n+C\n d\n";
        assert_eq!(apply(source, patch).unwrap(), "x\nb\nc\nd\nx\nb\nC\nd\n");
    }

    #[test]
    fn the_hint_is_the_fold_in_the_exercises_section() {
        let readme = "## Exercises\n\n### 1. One\n\n<details><summary>Hint</summary>\n\nLook at\n`lock()`.\n\n</details>\n\n### 2. Two\n\nNo hint.\n";
        assert_eq!(super::hint(readme, 1).as_deref(), Some("Look at `lock()`."));
        assert_eq!(super::hint(readme, 2), None);
        assert_eq!(super::hint(readme, 3), None);
    }

    #[test]
    fn a_stale_patch_is_refused() {
        let source = "a\nb\nc\nd\ne\n";
        let stale = "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n z\n-c\n+C\n";
        assert!(apply(source, stale).is_err());
        assert!(apply(source, "not a patch").is_err());
    }
}
