//! A Python twin checked against its Rust program's transcript: the proof that
//! the two print the same, except where the lesson says they differ, and why.
//!
//! A twin is `python/<program>.py` beside the lesson's Rust program. It runs
//! under the same runner (its own process group, a timeout, nothing left
//! behind, Ctrl-C), with the course's bootstrap first on `PYTHONPATH`
//! (`xtask/python/sitecustomize.py`: scaled sleeps and clock, seeded
//! `random`, children that die with their parent), so the twin itself stays
//! the Python a learner would write. It runs under `python3`, or the
//! interpreter `verify --python --interpreter` names. Its output is then:
//!
//! 1. redacted and numbered with the lesson's patterns (and its
//!    `python_redact` ones, for what only Python prints);
//! 2. changed where the lesson declares a difference: each declared Python
//!    text becomes the Rust's. Every declaration must match at least once, so
//!    a declaration that no longer matches anything fails. A declaration made
//!    for one build of CPython (`build = "gil"` or `"free-threaded"`) applies,
//!    and must match, only under an interpreter of that build;
//! 3. aligned with the transcript's any-order blocks and numbered again, and
//!    compared with it exactly, so an undeclared difference fails.
//!
//! Where the twin's random draws order its lines differently from the Rust's
//! (`python_compare = "lines"`), the two are compared as multisets of lines,
//! with what the draws decide taken out (placeholder numbers, elapsed times,
//! and on both sides what the lesson's `python_redact` patterns hide): the
//! same lines in the same words, each as often, in any order.

use std::path::Path;

use crate::check::{Pacing, STARTS_PROCESSES, Settings, Verdict, run_problems};
use crate::interpreter::Interpreter;
use crate::model::placeholder;
use crate::model::transcript::{self, Transcript};
use crate::model::{Lesson, Program, Redaction, Twin};
use crate::normalise;
use crate::runner::{End, Fault};

/// Why a twin cannot run under `python`, when it cannot: it needs gevent,
/// and that interpreter cannot import it.
pub fn missing(twin: &Twin, python: &Interpreter) -> Option<String> {
    let source = std::fs::read_to_string(&twin.path).unwrap_or_default();
    let needs_gevent = source
        .lines()
        .any(|l| l.starts_with("import gevent") || l.starts_with("from gevent"));
    (needs_gevent && !python.gevent).then(|| {
        format!(
            "skipped: it uses gevent, which {} cannot import; `{} -m pip install gevent==26.9.0` installs it",
            python.path.display(),
            python.path.display()
        )
    })
}

/// Runs `program`'s twin and checks it against the program's transcript.
pub fn check(
    root: &Path,
    lesson: &Lesson,
    program: &Program,
    twin: &Twin,
    python: &Interpreter,
    settings: Settings,
) -> Result<Verdict, String> {
    let expected = transcript::read(&program.transcript)?.ok_or_else(|| {
        format!(
            "{} has no transcript yet, so there is nothing to compare its twin with",
            program.id
        )
    })?;
    let mut pacing = Pacing::of(lesson, program, settings);
    let bootstrap = root.join("xtask").join("python");
    pacing
        .envs
        .push(("PYTHONPATH", bootstrap.display().to_string()));
    pacing
        .envs
        .push(("PYTHONDONTWRITEBYTECODE", "1".to_string()));
    let mut args = vec![twin.path.display().to_string()];
    args.extend(program.args.iter().cloned());
    let launch = pacing.launch(&python.path, args, root);
    let run = launch.run()?;
    let mut problems = run_problems(&run);

    let (normalised, unmatched) =
        normalise_twin(&run.stdout, lesson, twin, python.gil_enabled, &expected);
    for d in unmatched {
        problems.push(format!(
            "a declared difference no longer matches anything: the twin never prints {:?}",
            d
        ));
    }
    let (normalised, expected) = if twin.compare_lines {
        compare_as_lines(normalised, expected, &lesson.python_only)
    } else {
        (normalised, expected)
    };

    // A twin that starts processes must clean up when interrupted, too.
    if STARTS_PROCESSES.contains(&lesson.chapter.as_str()) && run.end == End::Exited(0) {
        let interrupted = launch
            .fault(Fault::Interrupt {
                after: run.elapsed / 2,
            })
            .run()?;
        problems.extend(run_problems(&interrupted));
    }

    Ok(Verdict {
        id: format!("{} (python)", program.id),
        run,
        normalised,
        expected: Some(expected),
        problems,
    })
}

/// Steps 1 to 3 of the module's description, with the differences declared
/// for this build (GIL enabled or not) and for every build; also returns the
/// Python texts of those that matched nothing.
fn normalise_twin(
    raw: &str,
    lesson: &Lesson,
    twin: &Twin,
    gil_enabled: bool,
    expected: &Transcript,
) -> (String, Vec<String>) {
    let mut text = normalise::normalise(raw, &lesson.python_redactions, &[]);
    let mut unmatched = Vec::new();
    for d in twin.differs.iter().filter(|d| d.applies(gil_enabled)) {
        if text.contains(&d.python) {
            text = text.replace(&d.python, &d.rust);
        } else {
            unmatched.push(d.python.clone());
        }
    }
    // Numbered by first appearance in the twin's order; aligned, numbered again.
    (
        normalise::normalise(&text, &placeholder::read_back(), &expected.items),
        unmatched,
    )
}

/// The twin's lines and the transcript's, each sorted, with what the random
/// draws decide taken out: placeholder numbers, block markers, and the values
/// of elapsed times and clock offsets (`<≈3 s>` → `<≈? s>`). Equal multisets
/// compare equal: the same lines, in the same words, each as often.
fn compare_as_lines(
    normalised: String,
    expected: Transcript,
    drawn_here: &[Redaction],
) -> (String, Transcript) {
    // What the lesson says the draws decide (`python_redact`), hidden on the
    // Rust's side too: which buyer won, not how many.
    let theirs = normalise::normalise(&expected.content, drawn_here, &[]);
    let sorted = |text: &str| {
        let mut lines: Vec<String> = text
            .lines()
            .filter(|l| !l.starts_with('{') || !l.ends_with('}'))
            .map(placeholder::without_values)
            .collect();
        lines.sort();
        lines.join("\n")
    };
    let (ours, theirs) = (sorted(&normalised), sorted(&theirs));
    if ours == theirs {
        return (expected.content.clone(), expected);
    }
    let content = format!("(compared as lines in any order)\n{theirs}");
    (
        format!("(compared as lines in any order)\n{ours}"),
        Transcript {
            content,
            items: Vec::new(),
        },
    )
}
