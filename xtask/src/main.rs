//! `cargo xtask`: the course's own commands, parsed here and dispatched to
//! one module each under `xtask::commands`.
//!
//! - `cargo xtask list`: the chapters and lessons, and the seed programs each ports;
//! - `cargo xtask verify [NAME…]`: run lessons and compare with their transcripts;
//! - `cargo xtask bless [NAME…]`: record a deliberate change of output;
//! - `cargo xtask exercise [LESSON [N]] [--start | --solutions]`: exercises
//!   that check themselves, and the proof of their solutions;
//! - `cargo xtask bench [--python] [--quick | --write]`: measure what each
//!   model costs (the costs chapter), print the table, and write a report
//!   under `target/costs-report/` (with `--write`, into the chapter);
//! - `cargo xtask book [--lang en|zh-CN] [--open] [--check] [--browser]`: the
//!   course as a book, in English and Chinese, and its checks;
//! - `cargo xtask python --free-threaded`: CPython built without its GIL,
//!   once, into `target/tools/`, for `verify --python --interpreter` and `bench`.
//!
//! A NAME is a chapter (`threads`), a lesson (`threads-lock`), one example
//! (`threads-lock/<example>`) or a lesson's main program alone
//! (`threads-lock/main`); none means the whole course.

use std::process::ExitCode;

/// `cargo xtask verify | head -2`: once the reader has gone, a print fails;
/// then the programs still running are stopped and their folders removed,
/// and xtask ends as a Unix tool does, by SIGPIPE, with nothing said.
fn end_quietly_when_output_closes() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") {
            xtask::runner::abandon();
            use nix::sys::signal::{SigHandler, Signal, raise, signal};
            // SAFETY: restoring the default disposition installs no handler code.
            let _ = unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) };
            let _ = raise(Signal::SIGPIPE);
        }
        report(info);
    }));
}

use clap::{Parser, Subcommand};
use xtask::commands::{
    self, bench::BenchOptions, book::BookOptions, exercise::ExerciseOptions, fail,
    python::PythonOptions, verify::VerifyOptions,
};
use xtask::model::{Course, workspace_root};

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "The course's tooling: list, verify and bless lessons, do their exercises, measure their costs, and build the book"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Print the chapters and lessons, each with its summary and the seed programs it ports.
    List {
        /// Chapters or lessons to list (default: all).
        names: Vec<String>,
    },
    /// Run lessons and compare their output with their transcripts.
    Verify(VerifyOptions),
    /// Run lessons and write their output as their new transcripts (and README copies).
    Bless {
        /// Chapters, lessons or `lesson/example`s to bless (default: all).
        names: Vec<String>,
    },
    /// List the exercises, start one, check your attempt, or prove every solution.
    Exercise(ExerciseOptions),
    /// Measure what each model costs (the costs chapter's programs, release
    /// builds), print the table, and write a report under target/costs-report/.
    Bench(BenchOptions),
    /// Build the course as a book (English and Chinese) into target/book/, and check it.
    Book(BookOptions),
    /// Build CPython without its GIL (free-threaded, PEP 703) into
    /// target/tools/, once, and print the interpreter's path.
    Python(PythonOptions),
}

fn main() -> ExitCode {
    end_quietly_when_output_closes();
    let cli = Cli::parse();
    let course = match Course::load(&workspace_root()) {
        Ok(course) => course,
        Err(e) => return fail(&e),
    };
    match cli.command {
        Cmd::List { names } => commands::list::run(&course, &names),
        Cmd::Verify(options) => commands::verify::run(&course, &options),
        Cmd::Bless { names } => commands::bless::run(&course, &names),
        Cmd::Exercise(options) => commands::exercise::run(&course, &options),
        Cmd::Bench(options) => commands::bench::run(&course, &options),
        Cmd::Book(options) => commands::book::run(&course, &options),
        Cmd::Python(options) => commands::python::run(&course, &options),
    }
}
