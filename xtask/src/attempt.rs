//! An attempt at an exercise, or a solution being proved: built, run and
//! checked by what the changed program does (see [`crate::model::exercise`]
//! for how a lesson describes its exercises).
//!
//! A check builds the copy as a short-lived example of the lesson, `ex_…`
//! (a solution, `sol_…`), so it has the lesson's dependencies.

use std::path::Path;
use std::time::Duration;

use crate::check::{Pacing, Settings, end_problem, leftover_problems};
use crate::model::Place;
use crate::model::transcript;
use crate::normalise;

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
        return Ok((Err(left.join("; ")), run.stdout));
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
