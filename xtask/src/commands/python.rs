//! `cargo xtask python --free-threaded`: a CPython built with `--disable-gil`
//! (PEP 703), so that the Python twins can be run under both builds
//! (`cargo xtask verify --python --interpreter PATH`) and the costs chapter
//! can measure free-threaded Python's threads.
//!
//! It is built once, into `target/tools/python-free-threaded/`, from the
//! newest Debian source package of CPython the machine's apt can fetch (see
//! `crate::interpreter`); a second run finds it and only prints its path.
//! Progress goes to stderr, a line per step with its time; the interpreter's
//! path is the last line of stdout, so a script can take it with `tail -1`.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::fail;
use crate::check::relative;
use crate::interpreter::{self, Progress, took};
use crate::model::Course;

/// What `cargo xtask python` was asked to do.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct PythonOptions {
    /// Build CPython without its GIL (`--disable-gil`), once, into
    /// target/tools/python-free-threaded/, and print the interpreter's path.
    #[arg(long, required = true)]
    pub free_threaded: bool,
}

/// The steps, numbered as they go by.
struct Steps {
    n: usize,
    of: usize,
}

impl Progress for Steps {
    fn begin(&mut self, what: &str) {
        self.n += 1;
        eprintln!("python: [{}/{}] {what}…", self.n, self.of);
    }

    fn end(&mut self, elapsed: Duration, how: &str) {
        eprintln!("python:       {how} ({})", took(elapsed));
    }
}

pub fn run(course: &Course, _options: &PythonOptions) -> ExitCode {
    let target = &course.target_dir;
    let prefix = interpreter::free_threaded_prefix(target);
    let shown = relative(&course.root, &prefix);
    if let Some((python, stamp)) = interpreter::installed_free_threaded(target) {
        eprintln!("python: already built in {shown}: {}", python.describe());
        eprintln!("python: {stamp}");
        println!("{}", python.path.display());
        return ExitCode::SUCCESS;
    }
    let started = Instant::now();
    eprintln!(
        "python: building CPython without its GIL into {shown}, once (some minutes on two cores)"
    );

    let missing = match interpreter::missing_dependencies() {
        Ok(missing) => missing,
        Err(e) => return fail(&e),
    };
    let mut steps = Steps { n: 0, of: 7 };
    steps.begin("the build's dependencies, from Debian's packages");
    let step = Instant::now();
    if missing.is_empty() {
        steps.end(
            step.elapsed(),
            &format!("all {} installed", interpreter::BUILD_DEPENDENCIES.len()),
        );
    } else if !interpreter::is_root() {
        return fail(&format!(
            "the build needs Debian packages that are not installed, and installing them takes root: run `sudo apt-get install {}`, then this command again",
            missing.join(" ")
        ));
    } else {
        if let Err(e) = interpreter::install_packages(&missing) {
            return fail(&e);
        }
        steps.end(
            step.elapsed(),
            &format!("installed {} with apt-get", missing.join(" ")),
        );
    }

    match interpreter::build_free_threaded(target, &mut steps) {
        Ok(built) => {
            eprintln!(
                "python: built {} from {} in {} (configure, make and make install; {} with everything)",
                built.interpreter.describe(),
                built.source,
                took(built.build_time),
                took(started.elapsed())
            );
            eprintln!("python: {}", built.stamp);
            println!("{}", built.interpreter.path.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}
