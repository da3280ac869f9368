//! Every lesson program checked against its transcript under `cargo test`.
//!
//! The same `xtask::check::check` as `cargo xtask verify` runs each program;
//! the normalised output then goes to insta, which compares it with the
//! transcript file. On a mismatch insta writes `<program>.snap.new` beside the
//! transcript, and `cargo insta review` can accept it (or `cargo xtask bless`
//! rewrites the transcript and the README's copy in one go).
//!
//! One test per program, generated from the course (libtest-mimic), so a new
//! lesson is tested without touching this file. The tests run one at a time:
//! lessons measure time and count cores, and two at once would disturb both.

use std::process::ExitCode;
use std::sync::Arc;

use libtest_mimic::{Arguments, Failed, Trial};
use xtask::check::{self, Settings};
use xtask::lessons::{Course, workspace_root};
use xtask::runner;

fn main() -> ExitCode {
    let mut args = Arguments::from_args();
    // The runner reaps orphans of the program it watches; a second program
    // running beside it could have its exit status taken. One at a time.
    args.test_threads = Some(1);

    let course = match Course::load(&workspace_root()) {
        Ok(course) => Arc::new(course),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut trials = Vec::new();
    for problem in &course.problems {
        let problem = problem.clone();
        trials.push(Trial::test(format!("course::{problem}"), move || {
            Err(problem.into())
        }));
    }

    let lessons: Vec<_> = course.lessons.iter().collect();
    // Build only when a test will run: `--list` must stay instant.
    let executables = if args.list {
        Default::default()
    } else {
        match runner::build(&course, &lessons) {
            Ok(executables) => Arc::new(executables),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    };

    for (l, p) in course.programs() {
        let (course, executables) = (Arc::clone(&course), Arc::clone(&executables));
        let (lesson_name, program_id) = (l.name.clone(), p.id.clone());
        trials.push(Trial::test(format!("transcript::{}", p.id), move || {
            let lesson = course
                .lessons
                .iter()
                .find(|l| l.name == lesson_name)
                .expect("lesson");
            let program = lesson
                .programs
                .iter()
                .find(|p| p.id == program_id)
                .expect("program");
            let exe = executables.get(&program.id).ok_or("not built")?;
            let verdict = check::check(&course.root, lesson, program, exe, Settings::default())?;

            // The text itself: insta against the transcript file.
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_path(program.transcript.parent().ok_or("no transcript dir")?);
            settings.set_prepend_module_to_snapshot(false);
            settings.set_omit_expression(true);
            settings.set_description(program.description());
            settings.bind(|| insta::assert_snapshot!(program.target.as_str(), verdict.normalised));

            // Everything else verify checks: exit status, leftovers, README.
            if verdict.passed() {
                Ok(())
            } else {
                Err(Failed::from(check::explain(&verdict)))
            }
        }));
    }
    libtest_mimic::run(&args, trials).exit_code()
}
