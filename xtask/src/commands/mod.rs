//! The commands of `cargo xtask`, one module each; `main.rs` only parses the
//! command line and calls one of them. What several commands share lives
//! here: how an error is said, and choosing and building the programs to run.

pub mod bench;
pub mod bless;
pub mod book;
pub mod exercise;
pub mod list;
pub mod python;
pub mod verify;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::build;
use crate::model::{Course, Lesson, Program};

/// Says what went wrong, in a sentence, on stderr.
pub fn error(message: &str) {
    anstream::eprintln!(
        "{}error:{} {message}",
        style::ERROR,
        style::ERROR.render_reset()
    );
}

/// [`error`], then the exit status of a command that could not do its work.
pub fn fail(message: &str) -> ExitCode {
    error(message);
    ExitCode::from(2)
}

/// Prints what is wrong with the course's lesson descriptions.
pub fn report_problems(course: &Course) {
    for problem in &course.problems {
        anstream::eprintln!(
            "{}problem:{} {problem}",
            style::ERROR,
            style::ERROR.render_reset()
        );
    }
}

/// The programs chosen on the command line, built and ready to run.
#[derive(Debug)]
pub struct Prepared<'c> {
    pub selected: Vec<(&'c Lesson, &'c Program)>,
    pub executables: HashMap<String, PathBuf>,
}

/// Selects and builds, or says why it cannot and returns `None` (and the
/// caller exits with 2).
pub fn prepare<'c>(course: &'c Course, names: &[String]) -> Option<Prepared<'c>> {
    report_problems(course);
    let selected = course.select(names).map_err(|e| error(&e)).ok()?;
    let mut lessons: Vec<&Lesson> = Vec::new();
    for (lesson, _) in &selected {
        if !lessons.iter().any(|l| l.name == lesson.name) {
            lessons.push(lesson);
        }
    }
    eprintln!("building {} lesson(s)…", lessons.len());
    let executables = build::build(course, &lessons).map_err(|e| error(&e)).ok()?;
    Some(Prepared {
        selected,
        executables,
    })
}

/// The colours of the commands' output. `anstream` drops them when the
/// output is not a terminal, or when `NO_COLOR` is set.
pub mod style {
    use anstyle::{AnsiColor, Style};

    pub const OK: Style = AnsiColor::Green.on_default();
    pub const FAILED: Style = AnsiColor::Red.on_default().bold();
    pub const ERROR: Style = AnsiColor::Red.on_default().bold();
    pub const SKIPPED: Style = AnsiColor::Yellow.on_default();
}
