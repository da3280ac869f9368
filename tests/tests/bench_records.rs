//! The costs chapter's contract with `cargo xtask bench`: every program, and
//! every Python script, prints a record for every model of every measurement
//! it owns, in the format the bench reads.
//!
//! Verify already checks the programs' tables against their transcripts; this
//! checks their `--json` output, and the Python scripts, which nothing else
//! runs. Both run in `--quick` mode, under the same runner as verify, so a
//! process left behind fails here too.

use std::path::Path;
use std::time::Duration;

use xtask::build;
use xtask::costs::{self, Record};
use xtask::model::{Course, workspace_root};
use xtask::runner::{self, End};

/// The four models most measurements compare.
const FOUR: &[&str] = &["process", "thread", "coroutine", "task"];

/// The measurements each program (and its Python script, under python3)
/// owns, and the models it measures. (The speed-up's script, run by a
/// free-threaded Python, measures its threads alone: `cargo xtask bench`
/// runs that, where the interpreter has been built.)
const OWNS: [(&str, &[&str], &[&str]); 5] = [
    ("spawn", &["spawn"], FOUR),
    ("memory", &["memory"], FOUR),
    ("messages", &["round_trip", "throughput"], FOUR),
    ("switch", &["switch"], FOUR),
    ("speedup", &["speedup"], &["thread", "pool"]),
];

fn records(exe: &Path, args: &[String]) -> Vec<Record> {
    let root = workspace_root();
    let run = runner::Launch::new(exe, &root, Duration::from_secs(120))
        .args(args)
        .run()
        .unwrap();
    assert_eq!(run.end, End::Exited(0), "{}: {}", exe.display(), run.stderr);
    assert!(run.leftovers.is_empty(), "left {:?}", run.leftovers);
    costs::parse(&run.stdout).unwrap()
}

fn pairs(records: &[Record]) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = records
        .iter()
        .map(|r| (r.measure.clone(), r.model.clone()))
        .collect();
    pairs.sort();
    pairs
}

fn expected(measures: &[&str], models: &[&str]) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = measures
        .iter()
        .flat_map(|m| {
            models
                .iter()
                .map(move |model| (m.to_string(), model.to_string()))
        })
        .collect();
    pairs.sort();
    pairs
}

#[test]
fn every_program_and_script_reports_every_model() {
    let course = Course::load(&workspace_root()).unwrap();
    let lessons: Vec<_> = course
        .lessons
        .iter()
        .filter(|l| l.chapter == "costs")
        .collect();
    assert_eq!(lessons.len(), OWNS.len());
    let executables = build::build_quietly(&course, &lessons).unwrap();
    let quick = ["--quick".to_string(), "--json".to_string()];

    let gevent = std::process::Command::new("python3")
        .args(["-c", "import gevent"])
        .stderr(std::process::Stdio::null())
        .status()
        .expect("python3 is on the PATH: the costs chapter compares with it")
        .success();

    // In --quick mode the figures mean nothing, only the records do: the eight
    // runs go side by side.
    std::thread::scope(|scope| {
        let mut runs = Vec::new();
        for (topic, measures, models) in OWNS {
            let name = format!("costs-{topic}");
            let exe = executables[&name].clone();
            let rust_args = quick.to_vec();
            runs.push(scope.spawn(move || {
                let rust = records(&exe, &rust_args);
                assert_eq!(pairs(&rust), expected(measures, models), "{name}");
            }));
            let script = course.root.join(format!("lessons/costs/python/{topic}.py"));
            let mut args = vec![script.display().to_string()];
            args.extend(quick.iter().cloned());
            let python_models: Vec<&str> = models
                .iter()
                .copied()
                .filter(|m| gevent || *m != "coroutine")
                .collect();
            runs.push(scope.spawn(move || {
                let python = records(Path::new("python3"), &args);
                assert_eq!(
                    pairs(&python),
                    expected(measures, &python_models),
                    "{topic}.py"
                );
            }));
        }
        for run in runs {
            if let Err(panic) = run.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}
