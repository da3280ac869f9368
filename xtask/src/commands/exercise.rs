//! `cargo xtask exercise`: the study loop, and the proof of every solution.
//!
//! - `cargo xtask exercise` lists every exercise by chapter and lesson with
//!   what the learner has done (`passed`, `started`), and names the next
//!   one; `… <lesson>` lists one lesson's;
//! - `… <lesson> <n> --start` copies the program into the learner's own file,
//!   `exercises/my_<n>.rs` (git ignores it, cargo never builds it with the
//!   lesson), and refuses to overwrite one that exists unless `--force`,
//!   which keeps the old one beside it;
//! - `… <lesson> <n>` builds and runs that file outside the lesson, shows what
//!   it printed, its standard error and how it ended, says pass or fail and
//!   why, and records a pass; `--watch` does it again at every save, until it
//!   passes; `--hint` shows the exercise's hint. Without a lesson, `--watch`
//!   and `--hint` take the next exercise not passed yet;
//! - `… --solutions [NAME…]` proves, for every exercise, that its solution
//!   passes its check and that the untouched program fails it: a check that
//!   cannot fail proves nothing.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::fail;
use super::style::{FAILED, OK, SKIPPED};
use crate::attempt::progress::Progress;
use crate::attempt::{self, Built, Verdict, workspace};
use crate::build;
use crate::check::relative;
use crate::model::exercise::{self, Place};
use crate::model::{CHAPTERS, Course, Lesson};
use crate::runner;

/// What `cargo xtask exercise` was asked to do.
#[derive(Debug, Clone, clap::Args)]
pub struct ExerciseOptions {
    /// The lesson and the exercise's number (with --solutions: chapters or
    /// lessons, none meaning all).
    pub names: Vec<String>,
    /// Copy the program into your own file to work on.
    #[arg(long, conflicts_with_all = ["watch", "hint", "solutions"])]
    pub start: bool,
    /// With --start: start over even though your file exists (it is kept beside, renamed).
    #[arg(long, requires = "start")]
    pub force: bool,
    /// Check your file now and again each time you save it, until it passes (Ctrl-C stops).
    #[arg(long, conflicts_with_all = ["hint", "solutions"])]
    pub watch: bool,
    /// Show the exercise's hint: a nudge toward the idea, not the answer.
    #[arg(long, conflicts_with = "solutions")]
    pub hint: bool,
    /// Prove every solution passes its check and every untouched program fails it.
    #[arg(long)]
    pub solutions: bool,
}

pub fn run(course: &Course, options: &ExerciseOptions) -> ExitCode {
    if options.solutions {
        return solutions(course, &options.names);
    }
    let progress = Progress::load(&course.root);
    let place = match options.names.as_slice() {
        [] if options.watch || options.hint || options.start => match next(course, &progress) {
            Some(place) => place,
            None => {
                println!("every exercise is passed: there is nothing left to do");
                return ExitCode::SUCCESS;
            }
        },
        [] => return list(course, None, &progress),
        [name] if !(options.watch || options.hint || options.start) => {
            if CHAPTERS.iter().any(|(c, _)| c == name) {
                return list(course, Some(name), &progress);
            }
            return match lesson_named(course, name) {
                Ok(lesson) => list(course, Some(&lesson.name), &progress),
                Err(e) => fail(&e),
            };
        }
        [lesson, n] => match find(course, lesson, n) {
            Ok(place) => place,
            Err(e) => return fail(&e),
        },
        _ => {
            return fail(
                "give a lesson and an exercise number: cargo xtask exercise threads-lock 1",
            );
        }
    };
    if options.hint {
        return hint(course, &place);
    }
    if options.start {
        return start(course, &place, options.force);
    }
    if options.watch {
        return watch(course, &place, progress);
    }
    let mut progress = progress;
    match attempt(course, &place, &mut progress) {
        Checked::Passed => ExitCode::SUCCESS,
        Checked::NotYet => ExitCode::FAILURE,
        Checked::Stopped(code) => code,
    }
}

/// How one check of an attempt ended.
enum Checked {
    Passed,
    NotYet,
    /// It could not be checked (no attempt yet), or Ctrl-C stopped it.
    Stopped(ExitCode),
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
                format!("no lesson or chapter named '{name}' (cargo xtask exercise lists them)")
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
    let count = places.len();
    let n: usize = n
        .parse()
        .map_err(|_| format!("'{n}' is not an exercise number: give 1 to {count}"))?;
    places
        .into_iter()
        .find(|p| p.n == n)
        .ok_or_else(|| format!("{} has exercises 1 to {count}, not {n}", lesson.name))
}

/// The first exercise in study order not passed yet.
fn next<'c>(course: &'c Course, progress: &Progress) -> Option<Place<'c>> {
    course
        .lessons
        .iter()
        .flat_map(exercise::places)
        .find(|p| !progress.passed(&p.lesson.name, p.n))
}

/// What the learner has done with an exercise, in a word.
fn state(place: &Place, progress: &Progress) -> &'static str {
    if progress.passed(&place.lesson.name, place.n) {
        "passed"
    } else if place.attempt_path().exists() {
        "started"
    } else {
        ""
    }
}

/// The command that takes the learner on with `place`.
fn command_for(place: &Place) -> String {
    let start = if place.attempt_path().exists() {
        ""
    } else {
        " --start"
    };
    format!(
        "cargo xtask exercise {} {}{start}",
        place.lesson.name, place.n
    )
}

/// The exercises of the course, or of one chapter or lesson (`only`).
fn list(course: &Course, only: Option<&str>, progress: &Progress) -> ExitCode {
    let mut total = 0;
    let mut passed = 0;
    for (chapter, _) in CHAPTERS {
        let lessons: Vec<&Lesson> = course
            .lessons
            .iter()
            .filter(|l| l.chapter == chapter && !l.exercises.is_empty())
            .filter(|l| only.is_none_or(|o| o == l.name || o == l.chapter))
            .collect();
        if lessons.is_empty() {
            continue;
        }
        println!("{chapter}");
        for lesson in lessons {
            println!(
                "  {} ({})",
                lesson.name,
                relative(&course.root, &lesson.dir.join("README.md"))
            );
            for place in exercise::places(lesson) {
                let state = state(&place, progress);
                total += 1;
                if state == "passed" {
                    passed += 1;
                }
                let title = format!("{}. {}", place.n, place.exercise.title);
                match state {
                    "passed" => anstream::println!("    {title:56} {OK}passed{OK:#}"),
                    "started" => anstream::println!("    {title:56} {SKIPPED}started{SKIPPED:#}"),
                    _ => println!("    {title}"),
                }
            }
        }
    }
    println!();
    println!("{passed} of {total} passed");
    let next = course
        .lessons
        .iter()
        .filter(|l| only.is_none_or(|o| o == l.name || o == l.chapter))
        .flat_map(exercise::places)
        .find(|p| !progress.passed(&p.lesson.name, p.n));
    match next {
        Some(place) => println!(
            "next: {}  ({}); add --watch to check it at every save",
            command_for(&place),
            place.exercise.title
        ),
        None => println!("nothing left to do here"),
    }
    ExitCode::SUCCESS
}

fn hint(course: &Course, place: &Place) -> ExitCode {
    let path = place.lesson.dir.join("README.md");
    let readme = fs::read_to_string(&path).unwrap_or_default();
    match exercise::hint(&readme, place.n) {
        Some(hint) => {
            println!(
                "{} exercise {}: {}",
                place.lesson.name, place.n, place.exercise.title
            );
            println!("hint: {hint}");
            ExitCode::SUCCESS
        }
        None => fail(&format!(
            "{} has no hint for exercise {}",
            relative(&course.root, &path),
            place.n
        )),
    }
}

fn start(course: &Course, place: &Place, force: bool) -> ExitCode {
    let from = place.lesson.dir.join(place.source());
    let to = place.attempt_path();
    let lesson = &place.lesson.name;
    let mut kept = None;
    if to.exists() {
        if !force {
            return fail(&format!(
                "{} already exists, with your work in it: check it with `cargo xtask exercise {lesson} {}`, or start over with `cargo xtask exercise {lesson} {} --start --force`, which keeps it beside the new copy",
                relative(&course.root, &to),
                place.n,
                place.n
            ));
        }
        let aside = aside(&to);
        if let Err(e) = fs::rename(&to, &aside) {
            return fail(&format!(
                "could not move {} aside: {e}",
                relative(&course.root, &to)
            ));
        }
        kept = Some(aside);
    }
    if let Err(e) = fs::copy(&from, &to) {
        return fail(&format!(
            "could not copy {} to {}: {e}",
            relative(&course.root, &from),
            relative(&course.root, &to)
        ));
    }
    println!("{lesson} exercise {}: {}", place.n, place.exercise.title);
    if let Some(kept) = kept {
        println!(
            "Your earlier attempt is kept as {}.",
            relative(&course.root, &kept)
        );
    }
    println!(
        "Your file: {}, a copy of {} (git ignores it, and the lesson itself stays as it is).",
        relative(&course.root, &to),
        place.source()
    );
    println!(
        "Read the exercise in {} (or in the book), change your file, then check it:",
        relative(&course.root, &place.lesson.dir.join("README.md"))
    );
    println!("  cargo xtask exercise {lesson} {}           once", place.n);
    println!(
        "  cargo xtask exercise {lesson} {} --watch   again each time you save",
        place.n
    );
    println!(
        "  cargo xtask exercise {lesson} {} --hint    a nudge, if you are stuck",
        place.n
    );
    ExitCode::SUCCESS
}

/// A free name beside `path` for an attempt kept aside: `my_1.previous.rs`,
/// then `my_1.previous-2.rs`, and so on.
fn aside(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (1..)
        .map(|i| {
            let name = if i == 1 {
                format!("{stem}.previous.rs")
            } else {
                format!("{stem}.previous-{i}.rs")
            };
            path.with_file_name(name)
        })
        .find(|p| !p.exists())
        .expect("some name is free")
}

/// Builds, runs and checks the learner's attempt, and records a pass.
fn attempt(course: &Course, place: &Place, progress: &mut Progress) -> Checked {
    let lesson = &place.lesson.name;
    let mine = place.attempt_path();
    if !mine.exists() {
        super::error(&format!(
            "there is no attempt yet: `cargo xtask exercise {lesson} {} --start` makes your copy of the program",
            place.n
        ));
        return Checked::Stopped(ExitCode::from(2));
    }
    let stopped = || {
        println!("stopped by Ctrl-C: nothing was checked");
        Checked::Stopped(ExitCode::from(130))
    };
    eprintln!("building your attempt, {}…", relative(&course.root, &mine));
    let bin = attempt::attempt_bin(place);
    let dir = attempt::attempts_dir(course);
    let built = match workspace::write(course, &dir, std::slice::from_ref(&bin)) {
        Ok(()) => workspace::build(course, &dir, true),
        Err(e) => {
            super::error(&e);
            return Checked::Stopped(ExitCode::from(2));
        }
    };
    if runner::interrupted() {
        return stopped();
    }
    let verdict = match built.get(&bin.name) {
        Some(Built::Exe(exe)) => {
            let (verdict, run) = attempt::check_run(&course.root, place, exe);
            if runner::interrupted() {
                return stopped();
            }
            if let Some(run) = run {
                print!("{}", attempt::shown(&run, &course.root));
            }
            verdict
        }
        Some(Built::Refused(codes)) => attempt::check_build_failure(place, codes),
        None => Err("cargo built nothing for your attempt (its errors are above)".to_string()),
    };
    println!("{lesson} exercise {}: {}", place.n, place.exercise.title);
    match verdict {
        Ok(why) => {
            anstream::println!("{OK}pass{OK:#}: {why}.");
            if let Err(e) = progress.record(lesson, place.n) {
                super::error(&e);
            }
            println!("The solution and why it works are in the README, under this exercise.");
            match next(course, progress) {
                Some(next) => println!("next: {}", command_for(&next)),
                None => println!("That was the last exercise of the course."),
            }
            Checked::Passed
        }
        Err(why) => {
            anstream::println!("{FAILED}not yet{FAILED:#}: {why}");
            Checked::NotYet
        }
    }
}

/// Checks the attempt now and after every save, until it passes or Ctrl-C.
fn watch(course: &Course, place: &Place, mut progress: Progress) -> ExitCode {
    use notify::{EventKind, RecursiveMode, Watcher};

    let mine = place.attempt_path();
    if !mine.exists() {
        // Without a lesson named, the next exercise may not be started yet.
        let started = start(course, place, false);
        if started != ExitCode::SUCCESS {
            return started;
        }
        println!();
    }
    runner::catch_ctrl_c();
    let (tx, rx) = mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(watcher) => watcher,
        Err(e) => return fail(&format!("could not watch files: {e}")),
    };
    // The folder, not the file: an editor that saves by writing a new file
    // and renaming it over the old one replaces the file being watched.
    let folder = mine.parent().unwrap_or(Path::new("."));
    if let Err(e) = watcher.watch(folder, RecursiveMode::NonRecursive) {
        return fail(&format!("could not watch {}: {e}", folder.display()));
    }
    let shown = relative(&course.root, &mine);
    println!("watching {shown}: each save checks it again, until it passes (Ctrl-C stops)");
    loop {
        match attempt(course, place, &mut progress) {
            Checked::Passed => return ExitCode::SUCCESS,
            Checked::Stopped(code) => return code,
            Checked::NotYet if runner::interrupted() => break,
            Checked::NotYet => {}
        }
        println!("waiting for you to save {shown}…");
        // Until the file is written: then let a burst of events settle.
        let mut saved = false;
        while !saved {
            if runner::interrupted() {
                println!("stopped watching");
                return ExitCode::from(130);
            }
            let Ok(event) = rx.recv_timeout(Duration::from_millis(100)) else {
                continue;
            };
            saved = event.is_ok_and(|e| {
                matches!(e.kind, EventKind::Modify(_) | EventKind::Create(_))
                    && e.paths.iter().any(|p| p.file_name() == mine.file_name())
            });
        }
        let settled = Instant::now() + Duration::from_millis(200);
        while let Some(left) = settled.checked_duration_since(Instant::now()) {
            let _ = rx.recv_timeout(left);
        }
        println!("\n── {shown} was saved: checking it again ──");
    }
    println!("stopped watching");
    ExitCode::from(130)
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
    // The solutions, written beside their packages in the solutions'
    // workspace, built in one go.
    let dir = attempt::solutions_dir(course);
    let mut bins = Vec::new();
    let mut broken: HashMap<usize, String> = HashMap::new();
    let sources = dir.join("sources");
    if let Err(e) = fs::create_dir_all(&sources) {
        return fail(&format!("{}: {e}", sources.display()));
    }
    for (i, place) in places.iter().enumerate() {
        let file = sources.join(format!("sol-{}-{}.rs", place.lesson.name, place.n));
        match place
            .solution()
            .and_then(|source| fs::write(&file, source).map_err(|e| e.to_string()))
        {
            Ok(()) => bins.push((i, attempt::solution_bin(place, file))),
            Err(e) => {
                broken.insert(i, e);
            }
        }
    }
    let only: Vec<attempt::Bin> = bins.iter().map(|(_, b)| b.clone()).collect();
    // The sources live inside the workspace's folder, which `write` empties:
    // write the manifests into a folder of their own.
    let workspace_dir = dir.join("workspace");
    let built = match workspace::write(course, &workspace_dir, &only) {
        Ok(()) => workspace::build(course, &workspace_dir, false),
        Err(e) => return fail(&e),
    };

    let mut proved = 0;
    let mut failed = Vec::new();
    for (i, place) in places.iter().enumerate() {
        let id = format!("{} {}", place.lesson.name, place.n);
        let bin = bins.iter().find(|(j, _)| *j == i).map(|(_, b)| &b.name);
        let solution: Verdict = match (broken.get(&i), bin.and_then(|b| built.get(b))) {
            (Some(e), _) => Err(e.clone()),
            (None, Some(Built::Exe(exe))) => attempt::check_run(&course.root, place, exe).0,
            (None, Some(Built::Refused(codes))) => attempt::check_build_failure(place, codes),
            (None, None) => Err("cargo built nothing for it".to_string()),
        };
        let start: Verdict = match executables.get(&place.program.id) {
            Some(exe) => attempt::check_run(&course.root, place, exe).0,
            None => Err("the lesson's program was not built".to_string()),
        };
        let mut said = Vec::new();
        if let Err(why) = &solution {
            said.push(format!("its solution does not pass: {why}"));
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
