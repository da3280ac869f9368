//! `cargo xtask exercise`: start an exercise, check an attempt, or prove
//! every solution.
//!
//! - `cargo xtask exercise` lists the exercises; `… <lesson>` lists one lesson's;
//! - `… <lesson> <n> --start` copies the program into the learner's own file,
//!   `exercises/my_<n>.rs` (git ignores it; cargo does not build it with the
//!   lesson, so verify and `cargo test` stay green);
//! - `… <lesson> <n>` builds and runs that file, shows what it printed, and
//!   says pass or fail, and why;
//! - `… --solutions [NAME…]` proves, for every exercise, that its solution
//!   passes its check and that the untouched program fails it: a check that
//!   cannot fail proves nothing.

use std::collections::HashMap;
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use super::fail;
use super::style::{FAILED, OK};
use crate::attempt::{self, Verdict};
use crate::build;
use crate::check::relative;
use crate::model::exercise::{self, Place};
use crate::model::{Course, Lesson};

/// What `cargo xtask exercise` was asked to do.
#[derive(Debug, Clone, clap::Args)]
pub struct ExerciseOptions {
    /// The lesson (with --solutions: chapters or lessons; none means all).
    pub names: Vec<String>,
    /// Copy the program into your own file to work on (starting over if it exists).
    #[arg(long)]
    pub start: bool,
    /// Prove every solution passes its check and every untouched program fails it.
    #[arg(long, conflicts_with = "start")]
    pub solutions: bool,
}

pub fn run(course: &Course, options: &ExerciseOptions) -> ExitCode {
    if options.solutions {
        return solutions(course, &options.names);
    }
    match options.names.as_slice() {
        [] => list(course, None),
        [lesson] => match lesson_named(course, lesson) {
            Ok(lesson) => list(course, Some(lesson)),
            Err(e) => fail(&e),
        },
        [lesson, n] => match find(course, lesson, n) {
            Ok(place) if options.start => start(course, &place),
            Ok(place) => attempt(course, &place),
            Err(e) => fail(&e),
        },
        _ => fail("give a lesson and an exercise number: cargo xtask exercise threads-lock 1"),
    }
}

fn lesson_named<'c>(course: &'c Course, name: &str) -> Result<&'c Lesson, String> {
    course
        .lessons
        .iter()
        .find(|l| l.name == name)
        .ok_or_else(|| {
            let known = course.lessons.iter().map(|l| l.name.clone());
            let close = crate::report::closest(name, known);
            if close.is_empty() {
                format!("no lesson named '{name}' (cargo xtask exercise lists them)")
            } else {
                format!(
                    "no lesson named '{name}'; did you mean {}?",
                    close.join(", ")
                )
            }
        })
}

fn find<'c>(course: &'c Course, lesson: &str, n: &str) -> Result<Place<'c>, String> {
    let lesson = lesson_named(course, lesson)?;
    let places = exercise::places(lesson);
    let n: usize = n.parse().map_err(|_| {
        format!(
            "'{n}' is not an exercise number: give 1 to {}",
            places.len()
        )
    })?;
    places.into_iter().find(|p| p.n == n).ok_or_else(|| {
        format!(
            "{} has exercises 1 to {}, not {n}",
            lesson.name,
            lesson.exercises.len()
        )
    })
}

fn list(course: &Course, only: Option<&Lesson>) -> ExitCode {
    for lesson in &course.lessons {
        if only.is_some_and(|o| o.name != lesson.name) || lesson.exercises.is_empty() {
            continue;
        }
        println!(
            "{} ({})",
            lesson.name,
            relative(&course.root, &lesson.dir.join("README.md"))
        );
        for place in exercise::places(lesson) {
            let mine = if place.example_path("ex").exists() {
                "  [started]"
            } else {
                ""
            };
            println!("  {}. {}{mine}", place.n, place.exercise.title);
        }
    }
    println!("\nstart one with `cargo xtask exercise <lesson> <n> --start`");
    ExitCode::SUCCESS
}

fn start(course: &Course, place: &Place) -> ExitCode {
    let from = place.lesson.dir.join(place.source());
    let to = place.attempt_path();
    let again = to.exists();
    if let Err(e) = fs::copy(&from, &to) {
        return fail(&format!(
            "could not copy {} to {}: {e}",
            from.display(),
            to.display()
        ));
    }
    let lesson = &place.lesson.name;
    println!("{lesson} exercise {}: {}", place.n, place.exercise.title);
    println!(
        "{} {} (a copy of {}; git ignores it, and the lesson itself stays as it is).",
        if again { "Started over:" } else { "Your file:" },
        relative(&course.root, &to),
        place.source()
    );
    println!(
        "Read the exercise in {}, change your file, then check it (it also runs it):",
        relative(&course.root, &place.lesson.dir.join("README.md"))
    );
    println!("  cargo xtask exercise {lesson} {}", place.n);
    println!("To start over, run this command again.");
    ExitCode::SUCCESS
}

fn attempt(course: &Course, place: &Place) -> ExitCode {
    let lesson = &place.lesson.name;
    let mine = place.attempt_path();
    let Ok(source) = fs::read_to_string(&mine) else {
        return fail(&format!(
            "there is no attempt yet: `cargo xtask exercise {lesson} {} --start` makes your copy of the program",
            place.n
        ));
    };
    // Built as a short-lived example of the lesson, so it has the lesson's
    // dependencies; removed again however this ends.
    let mut cleanup = Cleanup(Vec::new());
    if let Err(e) = cleanup.write(&place.example_path("ex"), &source) {
        return fail(&e);
    }
    eprintln!("building your attempt, {}…", relative(&course.root, &mine));
    let name = place.example("ex");
    let built = build::examples(course, &[(lesson.as_str(), name.clone())], true);
    drop(cleanup);
    let verdict = match built.get(&name) {
        Some(build::Built::Exe(exe)) => {
            let (verdict, printed) = attempt::check_run(&course.root, place, exe);
            println!("your program printed:");
            for line in printed.lines() {
                println!("  | {line}");
            }
            verdict
        }
        Some(build::Built::Refused(codes)) => attempt::check_build_failure(place, codes),
        None => Err("cargo built nothing for your attempt (its errors are above)".to_string()),
    };
    println!("{lesson} exercise {}: {}", place.n, place.exercise.title);
    match verdict {
        Ok(why) => {
            anstream::println!("{OK}pass{OK:#}: {why}.");
            println!("The solution and why it works are in the README, under this exercise.");
            ExitCode::SUCCESS
        }
        Err(why) => {
            anstream::println!("{FAILED}not yet{FAILED:#}: {why}");
            ExitCode::FAILURE
        }
    }
}

/// Files written for a build, removed however the command ends; and the
/// `examples/` folders made for them, when they were not there before.
struct Cleanup(Vec<PathBuf>);

impl Cleanup {
    fn write(&mut self, path: &std::path::Path, source: &str) -> Result<(), String> {
        if let Some(dir) = path.parent()
            && !dir.exists()
        {
            fs::create_dir_all(dir)
                .map_err(|e| format!("could not create {}: {e}", dir.display()))?;
            self.0.push(dir.to_path_buf());
        }
        fs::write(path, source).map_err(|e| format!("could not write {}: {e}", path.display()))?;
        self.0.push(path.to_path_buf());
        Ok(())
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        // Files first, then the folders made for them (empty by then).
        for path in self.0.iter().rev() {
            if path.is_dir() {
                let _ = fs::remove_dir(path);
            } else {
                let _ = fs::remove_file(path);
            }
        }
    }
}

fn solutions(course: &Course, names: &[String]) -> ExitCode {
    let lessons: Vec<&Lesson> = match course.select(names) {
        Ok(selected) => {
            let mut lessons: Vec<&Lesson> = Vec::new();
            for (l, _) in selected {
                if !lessons.iter().any(|x| x.name == l.name) {
                    lessons.push(l);
                }
            }
            lessons
        }
        Err(e) => return fail(&e),
    };
    let places: Vec<Place> = lessons.iter().flat_map(|l| exercise::places(l)).collect();
    let started = Instant::now();
    eprintln!(
        "building the {} lesson(s) and {} solution(s)…",
        lessons.len(),
        places.len()
    );
    // The untouched programs: the starting points.
    let executables = match build::build(course, &lessons) {
        Ok(executables) => executables,
        Err(e) => return fail(&e),
    };
    // The solutions, as examples of their lessons, built in one go.
    let mut cleanup = Cleanup(Vec::new());
    let mut wanted = Vec::new();
    let mut broken: HashMap<usize, String> = HashMap::new();
    for (i, place) in places.iter().enumerate() {
        match place.solution() {
            Ok(source) => {
                if let Err(e) = cleanup.write(&place.example_path("sol"), &source) {
                    broken.insert(i, e);
                    continue;
                }
                wanted.push((place.lesson.name.as_str(), place.example("sol")));
            }
            Err(e) => {
                broken.insert(i, e);
            }
        }
    }
    let built = build::examples(course, &wanted, false);
    drop(cleanup);

    let mut proved = 0;
    let mut failed = Vec::new();
    for (i, place) in places.iter().enumerate() {
        let id = format!("{} {}", place.lesson.name, place.n);
        let solution: Verdict = match (broken.get(&i), built.get(&place.example("sol"))) {
            (Some(e), _) => Err(e.clone()),
            (None, Some(build::Built::Exe(exe))) => attempt::check_run(&course.root, place, exe).0,
            (None, Some(build::Built::Refused(codes))) => {
                attempt::check_build_failure(place, codes)
            }
            (None, None) => Err("cargo built nothing for it".to_string()),
        };
        let start: Verdict = match executables.get(&place.program.id) {
            Some(exe) => attempt::check_run(&course.root, place, exe).0,
            None => Err("the lesson's program was not built".to_string()),
        };
        let mut said = Vec::new();
        match &solution {
            Ok(_) => {}
            Err(why) => said.push(format!("its solution does not pass: {why}")),
        }
        if let Ok(why) = &start {
            said.push(format!(
                "the untouched program already passes ({why}): the check cannot fail"
            ));
        }
        if said.is_empty() {
            proved += 1;
            anstream::println!("  {id:28} {OK}proved{OK:#}  {}", place.exercise.title);
        } else {
            anstream::println!(
                "  {id:28} {FAILED}FAILED{FAILED:#}  {}",
                place.exercise.title
            );
            for s in said {
                for line in s.lines() {
                    println!("    {line}");
                }
            }
            failed.push(id);
        }
    }
    let without: Vec<&str> = lessons
        .iter()
        .filter(|l| l.exercises.len() < 2)
        .map(|l| l.name.as_str())
        .collect();
    if !without.is_empty() {
        println!(
            "lessons with fewer than two exercises: {}",
            without.join(" ")
        );
    }
    println!(
        "exercise --solutions: {proved} of {} exercises proved both ways (the solution passes, the untouched program fails), {} failed, in {:.0} s",
        places.len(),
        failed.len(),
        started.elapsed().as_secs_f64()
    );
    if failed.is_empty() && without.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
