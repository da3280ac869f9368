//! One program checked against its transcript: the single implementation
//! behind both `cargo xtask verify` and the tests crate.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::Duration;

use crate::model::placeholder::any_placeholder;
use crate::model::transcript::{self, BLOCK_END, BlockKind, Transcript};
use crate::model::{Ending, Lesson, Program, Redaction};
use crate::normalise::normalise;
use crate::readme;
use crate::runner::{End, Fault, Launch, Run};

/// Verify's default time scale: a tenth of real time. Long enough that a busy
/// second core does not reorder what the lessons' sleeps keep apart, short
/// enough that the whole course runs in seconds.
pub const FAST_SCALE: f64 = 0.1;

/// The `LESSON_SEED` verify runs every lesson with.
pub const VERIFY_SEED: u64 = 1;

/// The chapters whose programs start processes, and so get interrupted on
/// purpose: whatever they started must not outlive them.
pub const STARTS_PROCESSES: [&str; 2] = ["processes", "costs"];

/// How to run the programs. The default leaves both to each lesson.
#[derive(Debug, Clone, Copy, Default)]
pub struct Settings {
    /// `LESSON_TIME_SCALE` for every program; `None` lets each program use
    /// its own `scale` (or [`FAST_SCALE`]).
    pub scale: Option<f64>,
    /// `LESSON_SEED` for every lesson; `None` lets each lesson use its own
    /// `seed` (or [`VERIFY_SEED`]).
    pub seed: Option<u64>,
}

/// How a program runs under verify: its time scale, the environment that
/// carries the scale and the seed, and how long it may take.
#[derive(Debug, Clone)]
pub struct Pacing {
    pub scale: f64,
    pub envs: Vec<(&'static str, String)>,
    pub timeout: Duration,
}

impl Pacing {
    /// `exe` with `args`, run from `root` at this pace.
    pub fn launch<S: Into<String>>(
        &self,
        exe: &Path,
        args: impl IntoIterator<Item = S>,
        root: &Path,
    ) -> Launch {
        let mut launch = Launch::new(exe, root, self.timeout).args(args);
        for (key, value) in &self.envs {
            launch = launch.env(*key, value);
        }
        launch
    }
}

impl Pacing {
    pub fn of(lesson: &Lesson, program: &Program, settings: Settings) -> Pacing {
        let scale = settings.scale.or(program.scale).unwrap_or(FAST_SCALE);
        let seed = settings.seed.or(lesson.seed).unwrap_or(VERIFY_SEED);
        Pacing {
            scale,
            envs: vec![
                (shared::time::SCALE_VAR, scale.to_string()),
                (shared::random::SEED_VAR, seed.to_string()),
            ],
            // A lesson's timeout is stated at verify's fast scale; slower runs get longer.
            timeout: Duration::from_secs_f64(lesson.timeout_secs * (scale / FAST_SCALE).max(1.0)),
        }
    }
}

/// What one program did, and what is wrong with it.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub id: String,
    pub run: Run,
    /// The output as the transcript would record it.
    pub normalised: String,
    /// The transcript, when there is one.
    pub expected: Option<Transcript>,
    /// Everything wrong besides the output's text: exit status, processes
    /// left behind, a missing transcript, a README showing an old one.
    pub problems: Vec<String>,
}

impl Verdict {
    /// The program behaved as documented.
    pub fn passed(&self) -> bool {
        self.problems.is_empty() && self.output_matches()
    }

    /// The output equals the transcript (redactions and declared blocks aside).
    pub fn output_matches(&self) -> bool {
        self.expected
            .as_ref()
            .is_some_and(|t| t.content == self.normalised)
    }

    /// The program ran cleanly: exit status 0, nothing left behind.
    pub fn ran_cleanly(&self) -> bool {
        self.run.end == End::Exited(0) && self.run.leftovers.is_empty()
    }
}

/// Runs `program` and checks it against its transcript and its README.
pub fn check(
    root: &Path,
    lesson: &Lesson,
    program: &Program,
    exe: &Path,
    settings: Settings,
) -> Result<Verdict, String> {
    let mut problems = Vec::new();
    let expected = match transcript::read(&program.transcript) {
        Ok(Some(t)) => Some(t),
        Ok(None) => {
            problems.push(format!(
                "no transcript yet at {}: `cargo xtask bless {}` writes one from this run",
                relative(root, &program.transcript),
                program.id
            ));
            None
        }
        Err(e) => {
            problems.push(e);
            None
        }
    };

    let pacing = Pacing::of(lesson, program, settings);
    let launch = pacing.launch(exe, &program.args, root);
    let run = launch.run()?;
    problems.extend(run_problems(&run));

    let items = expected.as_ref().map(|t| t.items.as_slice()).unwrap_or(&[]);
    let normalised = normalise(&run.stdout, &lesson.redactions, items);

    if let Some(problem) = expected
        .as_ref()
        .and_then(|t| readme_problem(root, lesson, program, t))
    {
        problems.push(problem);
    }
    // A program that starts processes must also clean up when disturbed.
    if STARTS_PROCESSES.contains(&lesson.chapter.as_str()) && run.end == End::Exited(0) {
        let disturbed = |fault| launch.clone().fault(fault).run();
        problems.extend(run_problems(&disturbed(Fault::Interrupt {
            after: run.elapsed / 2,
        })?));
        if let Some(at) = program.kill_child {
            let after = Duration::from_secs_f64(at * pacing.scale);
            problems.extend(run_problems(&disturbed(Fault::KillChild { after })?));
        }
    }

    Ok(Verdict {
        id: program.id.clone(),
        run,
        normalised,
        expected,
        problems,
    })
}

/// What a run did wrong, in sentences, given what it was put through.
///
/// Undisturbed, it must exit with status 0. Interrupted (Ctrl-C to the
/// parent alone), it may end however it likes but must not hang. With its
/// eldest child killed, it must not hang, and must report the failure with a
/// non-zero exit. With its output closed, it must end quietly. Every run must
/// leave no process and no file behind, and a failure the learner caused is
/// said in a sentence, never as a panic or a `Debug` dump.
pub fn run_problems(run: &Run) -> Vec<String> {
    let what = match run.fault {
        Fault::None => {
            let mut problems: Vec<String> = end_problem(run, Ending::Success).into_iter().collect();
            problems.extend(leftover_problems(run, ""));
            return problems;
        }
        Fault::Interrupt { .. } => "interrupted with SIGINT",
        Fault::CtrlC { .. } => "stopped with Ctrl-C",
        Fault::KillChild { .. } => "with its eldest child killed",
        Fault::CloseStdout => "with its standard output closed",
        Fault::HeadOne => "piped into `head -1`",
    };
    let mut problems = Vec::new();
    if let End::TimedOut(after) = run.end {
        problems.push(format!(
            "{what}, it hung: killed after {:.0} s",
            after.as_secs_f64()
        ));
    }
    problems.extend(leftover_problems(run, &format!("{what}, ")));
    if let Fault::KillChild { .. } = run.fault {
        match (&run.fault_done, run.end) {
            (None, _) => problems.push(format!(
                "{what}: it had no child to kill halfway through its run"
            )),
            (Some(_), End::Exited(0)) => problems.push(format!(
                "{what}, it still exited with status 0: the failure went unreported"
            )),
            _ => {}
        }
    }
    if matches!(
        run.fault,
        Fault::KillChild { .. } | Fault::CtrlC { .. } | Fault::CloseStdout
    ) && let Some(line) = unreadable_error(&run.stderr)
    {
        problems.push(format!(
            "{what}, it reported the failure in a form meant for programmers, not in a sentence: {line}"
        ));
    }
    // A reader that stops early is no failure of the program's: it ends
    // quietly, as a Unix tool does, whichever of its processes printed next.
    if matches!(run.fault, Fault::CloseStdout | Fault::HeadOne) {
        if let Some(line) = run.stderr.lines().find(|l| !l.trim().is_empty()) {
            problems.push(format!(
                "{what}, it did not end quietly: it said {line:?} on its standard error"
            ));
        }
        if let End::Exited(code) = run.end
            && code != 0
        {
            problems.push(format!(
                "{what}, it exited with status {code}, as if it had failed (a quiet end is status 0 or death by SIGPIPE)"
            ));
        }
    }
    problems
}

/// How a run ended, in words: "exited with status 3".
pub fn ended(end: End) -> String {
    match end {
        End::Exited(0) => "finished with exit status 0".to_string(),
        End::Exited(code) => format!("exited with status {code}"),
        End::Signalled(sig) => format!("was killed by signal {sig}"),
        End::TimedOut(after) => format!(
            "was still running after {:.0} s, and its whole process group was killed",
            after.as_secs_f64()
        ),
        End::Interrupted => {
            "was interrupted by Ctrl-C, and its whole process group was stopped".to_string()
        }
    }
}

/// The sentence for a run that did not end as it `should`, if it did not.
pub fn end_problem(run: &Run, should: Ending) -> Option<String> {
    let fine = match should {
        Ending::Success => run.end == End::Exited(0),
        Ending::Failure => matches!(run.end, End::Exited(code) if code != 0),
        Ending::Timeout => matches!(run.end, End::TimedOut(_)),
    };
    (!fine).then(|| format!("it should {}, and it {}", should.words(), ended(run.end)))
}

/// The processes and files a run left behind, in sentences that start with `what`.
pub fn leftover_problems(run: &Run, what: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if !run.leftovers.is_empty() {
        let list: Vec<String> = run
            .leftovers
            .iter()
            .map(|(pid, state)| match state {
                'Z' => format!("{pid} (zombie, never reaped)"),
                _ => format!("{pid} (still running)"),
            })
            .collect();
        problems.push(format!(
            "{what}it left {} process(es) behind: {}",
            list.len(),
            list.join(", ")
        ));
    }
    if !run.left_files.is_empty() {
        problems.push(format!(
            "{what}it left files in its temporary directory: {}",
            run.left_files.join(", ")
        ));
    }
    problems
}

/// The lines of `stderr` that the program does not also say when nothing
/// disturbs it (`usual`, an undisturbed run's stderr): what a fault made it
/// say. Numbers (a thread's id, a pid) are compared as placeholders. A lesson
/// whose thread panics on purpose reports that panic in every run, piped into
/// `head -1` too if the panic comes before the reader goes; that report is
/// the lesson's, not the closed pipe's.
pub fn unusual_lines(stderr: &str, usual: &str) -> String {
    let shape = |line: &str| -> String {
        let mut out = String::with_capacity(line.len());
        for c in line.chars() {
            if c.is_ascii_digit() {
                if !out.ends_with('#') {
                    out.push('#');
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    let usual: std::collections::HashSet<String> = usual.lines().map(shape).collect();
    stderr
        .lines()
        .filter(|line| !usual.contains(&shape(line)))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The first line of `stderr` that is a panic or a `Debug` dump rather than
/// a sentence: what a learner must never be shown for a failure they caused
/// (a killed child, a closed pipe).
pub fn unreadable_error(stderr: &str) -> Option<&str> {
    // `Name { field: …`, `Name(Inner { …`, `Os { code: …`: derived Debug output.
    let debug = regex::Regex::new(r"\b[A-Z][A-Za-z]*(?: \{ [a-z_]+: |\([A-Z][A-Za-z]* \{)")
        .expect("a valid pattern");
    stderr
        .lines()
        .find(|line| line.contains("panicked at") || debug.is_match(line))
}

/// What is wrong with the README's sample run, if anything: it must be a
/// run this transcript accepts, normalised exactly as a program's output is.
pub fn readme_problem(
    root: &Path,
    lesson: &Lesson,
    program: &Program,
    transcript: &Transcript,
) -> Option<String> {
    let path = lesson.dir.join("README.md");
    let Ok(readme) = fs::read_to_string(&path) else {
        return Some(format!("{} is missing", relative(root, &path)));
    };
    match readme::sample(&readme, &program.target) {
        None => Some(format!(
            "{} shows no sample run of this program: add `{}` above a ```text block, and `cargo xtask bless {}` fills it",
            relative(root, &path),
            readme::sample_marker(&program.target),
            program.id
        )),
        Some(sample) if !sample_fits(sample, &lesson.redactions, transcript) => Some(format!(
            "{}'s sample run of {} is not a run that {} accepts (`cargo xtask bless {}` replaces it with a real one)",
            relative(root, &path),
            program.target,
            relative(root, &program.transcript),
            program.id
        )),
        Some(_) => None,
    }
}

/// `sample` is output this transcript accepts, and real output: a copy of
/// the transcript itself, placeholders and block markers included, would
/// normalise to the transcript too, so those are refused first.
pub fn sample_fits(sample: &str, rules: &[Redaction], transcript: &Transcript) -> bool {
    let marker = |line: &str| line == BLOCK_END || line == BlockKind::AnyOrder.marker();
    if any_placeholder().is_match(sample) || sample.lines().any(marker) {
        return false;
    }
    let raw = format!("{sample}\n");
    normalise(&raw, rules, &transcript.items) == transcript.content
}

/// A path as the user would type it from the workspace root.
pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// A readable account of a failed verdict, indented for the verify log.
pub fn explain(verdict: &Verdict) -> String {
    let mut text = String::new();
    for problem in &verdict.problems {
        let _ = writeln!(text, "    {problem}");
    }
    match &verdict.expected {
        Some(t) if !verdict.output_matches() => {
            let _ = writeln!(
                text,
                "    output differs from the transcript (- transcript, + this run):"
            );
            text.push_str(&crate::report::diff(
                &t.content,
                &verdict.normalised,
                "      ",
            ));
        }
        Some(_) => {}
        None => {
            let _ = writeln!(text, "    this run printed (redacted):");
            for line in verdict.normalised.lines() {
                let _ = writeln!(text, "      {line}");
            }
        }
    }
    if !verdict.passed() && !verdict.run.stderr.trim().is_empty() {
        let _ = writeln!(text, "    stderr:");
        for line in verdict.run.stderr.lines().take(40) {
            let _ = writeln!(text, "      {line}");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::{sample_fits, unreadable_error, unusual_lines};
    use crate::model::transcript::{Transcript, parse_items};
    use crate::model::{Kind, Redaction};

    #[test]
    fn only_what_a_fault_made_it_say_is_unusual() {
        let usual =
            "thread 'group c' (6444) panicked at errors.rs:27:5:\nattempt to divide by zero\n";
        let piped =
            "thread 'group c' (7012) panicked at errors.rs:27:5:\nattempt to divide by zero\n";
        assert_eq!(unusual_lines(piped, usual), "");
        let broken = format!("{piped}failed printing to stdout: Broken pipe (os error 32)\n");
        assert_eq!(
            unusual_lines(&broken, usual),
            "failed printing to stdout: Broken pipe (os error 32)\n"
        );
        // Nothing is usual for a program that is silent undisturbed.
        assert_eq!(unusual_lines(piped, ""), piped);
    }

    #[test]
    fn a_sample_is_a_real_run_the_transcript_accepts() {
        let content = "parent <pid 1>\n{any order}\nchild <pid 2>\nchild <pid 3>\n{end}";
        let transcript = Transcript {
            content: content.to_string(),
            items: parse_items(content).unwrap(),
        };
        let rules = [Redaction::new(Kind::Pid, r"(?:parent|child) (\d+)").unwrap()];
        assert!(sample_fits(
            "parent 10\nchild 12\nchild 11",
            &rules,
            &transcript
        ));
        // The transcript itself normalises to itself, but is no run.
        assert!(!sample_fits(content, &rules, &transcript));
        assert!(!sample_fits(
            "parent 10\nchild <pid 2>\nchild 11",
            &rules,
            &transcript
        ));
        // A run the transcript refuses: the parent's pid printed twice.
        assert!(!sample_fits(
            "parent 10\nchild 10\nchild 11",
            &rules,
            &transcript
        ));
        assert!(!sample_fits("parent 10\nchild 12", &rules, &transcript));
    }

    #[test]
    fn debug_dumps_and_panics_are_unreadable_sentences_are_not() {
        let dump = "Error: SpawnError { kind: IpcChannelClosed(Custom { kind: ConnectionReset }) }";
        assert_eq!(unreadable_error(dump), Some(dump));
        let os = "Error: Os { code: 111, kind: ConnectionRefused, message: \"x\" }";
        assert_eq!(unreadable_error(os), Some(os));
        let panic = "thread 'main' panicked at src/main.rs:3:5:";
        assert_eq!(unreadable_error(panic), Some(panic));
        let sentence =
            "Error: a child process ended before it sent its result: it was killed, or it crashed";
        assert_eq!(unreadable_error(sentence), None);
        assert_eq!(unreadable_error("task 0 failed: {x} was not {y}"), None);
    }
}
