//! Every lesson program under `cargo test`: its transcript, and how it meets
//! a learner's mistakes.
//!
//! For each program, generated from the course (libtest-mimic), so a new
//! lesson is tested without touching this file:
//!
//! - `transcript::<program>`: the same `xtask::check::check` as `cargo xtask
//!   verify` runs it; the normalised output then goes to insta, which compares
//!   it with the transcript file. On a mismatch insta writes
//!   `<program>.snap.new` beside the transcript, and `cargo insta review` can
//!   accept it (or `cargo xtask bless` rewrites the transcript and the
//!   README's copy in one go).
//! - `environment::<program>`: a mistyped `LESSON_TIME_SCALE` or
//!   `LESSON_SEED` stops it at once, before it starts anything, with one line
//!   that names the variable and what it accepts, and exit status 2.
//! - `closed_stdout::<program>`: piped into a reader that has gone
//!   (`| head -0`), or that goes after the first line (`| head -1`), it ends
//!   quietly, as a Unix tool does, whichever of its processes printed next:
//!   no panic, no failure reported, nothing left behind. (A line it says on
//!   stderr in an undisturbed run too, such as a lesson's deliberate panic,
//!   is its own and not held against it: see `check::unusual_lines`.)
//!
//! - `ctrl_c::<program>` (the chapters whose programs start processes):
//!   Ctrl-C as a terminal sends it, to every process of the program at once,
//!   a quarter, half and three quarters of the way through: no panic and
//!   no `Debug` dump, nothing left behind.
//!
//! The tests run four at a time, as verify runs its programs several at a
//! time (each run reaps only its own process group's orphans); a lesson that
//! measures the machine or keeps its cores busy (`alone = true`) runs with
//! nothing beside it.

use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use libtest_mimic::{Arguments, Failed, Trial};
use xtask::build;
use xtask::check::{self, Settings};
use xtask::model::transcript;
use xtask::model::{Course, Lesson, Program, workspace_root};
use xtask::runner::{End, Fault, Launch};

fn main() -> ExitCode {
    let mut args = Arguments::from_args();
    // Lessons mostly sleep: four at a time on two cores, as verify does.
    if args.test_threads.is_none() {
        args.test_threads = Some(4);
    }
    // An `alone` lesson takes this for writing, every other test for reading.
    let machine = Arc::new(RwLock::new(()));

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
        match build::build_quietly(&course, &lessons) {
            Ok(executables) => Arc::new(executables),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    };

    type Test = fn(&Course, &Lesson, &Program, &Path) -> Result<(), Failed>;
    let kinds: [(&str, Test); 4] = [
        ("transcript", transcript),
        ("environment", environment),
        ("closed_stdout", closed_stdout),
        ("ctrl_c", ctrl_c),
    ];
    for (kind, test) in kinds {
        for (l, p) in course.programs() {
            // Only a lesson of several processes can be torn down halfway.
            if kind == "ctrl_c" && !check::STARTS_PROCESSES.contains(&l.chapter.as_str()) {
                continue;
            }
            let (course, executables) = (Arc::clone(&course), Arc::clone(&executables));
            let (lesson_name, program_id) = (l.name.clone(), p.id.clone());
            let machine = Arc::clone(&machine);
            trials.push(Trial::test(format!("{kind}::{}", p.id), move || {
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
                // A failed test poisons nothing worth keeping: take the lock anyway.
                if lesson.alone && kind == "transcript" {
                    let _whole = machine.write().unwrap_or_else(|e| e.into_inner());
                    test(&course, lesson, program, exe)
                } else {
                    let _shared = machine.read().unwrap_or_else(|e| e.into_inner());
                    test(&course, lesson, program, exe)
                }
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit_code()
}

fn transcript(
    course: &Course,
    lesson: &Lesson,
    program: &Program,
    exe: &Path,
) -> Result<(), Failed> {
    let verdict = check::check(&course.root, lesson, program, exe, Settings::default())?;

    // The text itself: insta against the transcript file.
    transcript::assert_snapshot(program, &verdict.normalised);

    // Everything else verify checks: exit status, leftovers, README.
    if verdict.passed() {
        Ok(())
    } else {
        Err(Failed::from(check::explain(&verdict)))
    }
}

/// Values a learner might type by mistake, each of which must be refused.
const BAD_VALUES: [(&str, &str); 4] = [
    ("LESSON_TIME_SCALE", "abc"),
    ("LESSON_TIME_SCALE", "0.001"),
    ("LESSON_TIME_SCALE", "2000"),
    ("LESSON_SEED", "-1"),
];

fn environment(course: &Course, _: &Lesson, program: &Program, exe: &Path) -> Result<(), Failed> {
    for (var, value) in BAD_VALUES {
        let run = Launch::new(exe, &course.root, Duration::from_secs(20))
            .args(&program.args)
            .env(var, value)
            .run()?;
        let said: Vec<&str> = run.stderr.lines().collect();
        let wrong = if run.end != End::Exited(2) {
            Some(format!("ended with {:?}, not exit status 2", run.end))
        } else if !run.stdout.is_empty() {
            Some("printed on stdout before it stopped".to_string())
        } else if said.len() != 1 || !said[0].contains(var) {
            Some("did not say in one line which variable is wrong".to_string())
        } else if !run.leftovers.is_empty() {
            Some(format!("left processes behind: {:?}", run.leftovers))
        } else {
            None
        };
        if let Some(wrong) = wrong {
            return Err(format!("with {var}={value}, it {wrong}; stderr:\n{}", run.stderr).into());
        }
    }
    Ok(())
}

fn closed_stdout(
    course: &Course,
    lesson: &Lesson,
    program: &Program,
    exe: &Path,
) -> Result<(), Failed> {
    let timeout = Duration::from_secs_f64(lesson.timeout_secs);
    let launch = Launch::new(exe, &course.root, timeout)
        .args(&program.args)
        .env(shared::time::SCALE_VAR, check::FAST_SCALE.to_string());
    let mut problems = Vec::new();
    let mut usual: Option<String> = None;
    for fault in [Fault::CloseStdout, Fault::HeadOne] {
        let mut run = launch.clone().fault(fault).run()?;
        // Only what the closed pipe made it say counts against it.
        if !run.stderr.trim().is_empty() {
            if usual.is_none() {
                usual = Some(launch.clone().run()?.stderr);
            }
            run.stderr = check::unusual_lines(&run.stderr, usual.as_deref().unwrap_or(""));
        }
        problems.extend(check::run_problems(&run));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

fn ctrl_c(course: &Course, lesson: &Lesson, program: &Program, exe: &Path) -> Result<(), Failed> {
    let pacing = check::Pacing::of(lesson, program, Settings::default());
    let launch = pacing.launch(exe, &program.args, &course.root);
    let whole = launch.run()?.elapsed;
    let mut problems = Vec::new();
    for quarter in [1, 2, 3] {
        let after = whole * quarter / 4;
        let run = launch.clone().fault(Fault::CtrlC { after }).run()?;
        problems.extend(
            check::run_problems(&run)
                .into_iter()
                .map(|p| format!("{p} (after {:.2} s)", after.as_secs_f64())),
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}
