//! The command line as a learner meets it: help that names the command they
//! type, a chapter that narrows `list` as it narrows `verify`, and a sentence
//! where there is nothing to do.

use std::process::{Command, Output};

use xtask::model::workspace_root;

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(workspace_root())
        .env("NO_COLOR", "1")
        .output()
        .expect("the xtask binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn help_names_cargo_xtask() {
    let help = xtask(&["--help"]);
    assert!(
        stdout(&help).contains("Usage: cargo xtask <COMMAND>"),
        "{}",
        stdout(&help)
    );
    let verify = xtask(&["verify", "--help"]);
    assert!(
        stdout(&verify).contains("Usage: cargo xtask verify"),
        "{}",
        stdout(&verify)
    );
}

#[test]
fn list_takes_a_chapter_or_a_lesson() {
    let threads = xtask(&["list", "threads"]);
    let text = stdout(&threads);
    assert!(threads.status.success());
    assert!(text.starts_with("threads: "), "{text}");
    assert!(
        text.contains("threads-lock") && !text.contains("processes"),
        "{text}"
    );
    let one = stdout(&xtask(&["list", "threads-lock/lock_buy"]));
    assert!(
        one.contains("--example lock_buy") && !one.contains("lock_forever"),
        "{one}"
    );
    let unknown = xtask(&["list", "thread"]);
    assert_eq!(unknown.status.code(), Some(2));
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("did you mean"), "{said}");
}

#[test]
fn verify_python_says_why_the_costs_chapter_has_nothing_to_run() {
    let costs = xtask(&["verify", "--python", "costs-spawn"]);
    assert!(costs.status.success());
    let text = stdout(&costs);
    assert!(
        text.contains("nothing to run") && text.contains("cargo xtask bench --python"),
        "{text}"
    );
}

#[test]
fn verify_counts_what_it_runs_and_says_what_it_ignores() {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["verify", "--python", "threads-model-check"])
        .current_dir(workspace_root())
        .env("NO_COLOR", "1")
        .env("LESSON_TIME_SCALE", "1")
        .output()
        .expect("the xtask binary runs");
    let text = stdout(&output);
    assert!(
        text.starts_with("verify --python: 0 Python twin(s) (1 more skipped, said below)"),
        "{text}"
    );
    assert!(
        text.contains("(LESSON_TIME_SCALE=1 in your environment is not used"),
        "{text}"
    );
    assert!(text.contains("0 passed, 0 failed, 1 skipped"), "{text}");
}

#[test]
fn piped_into_a_reader_that_stops_verify_ends_quietly_and_leaves_nothing() {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;

    let runs = || {
        std::fs::read_dir(std::env::temp_dir())
            .map(|d| {
                d.flatten()
                    .filter(|e| e.file_name().to_string_lossy().starts_with("xtask-run-"))
                    .count()
            })
            .unwrap_or(0)
    };
    let before = runs();
    // `cargo xtask verify --python threads-lock | head -1`
    let mut child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["verify", "--python", "threads-lock"])
        .current_dir(workspace_root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the xtask binary runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("piped"))
        .read_line(&mut first)
        .expect("a first line");
    let status = child.wait().expect("it ends");
    assert!(first.starts_with("verify --python:"), "{first}");
    assert_eq!(
        status.signal(),
        Some(13),
        "{status:?}: not ended by SIGPIPE"
    );
    std::thread::sleep(std::time::Duration::from_millis(500));
    let twins = std::fs::read_dir("/proc")
        .expect("/proc")
        .flatten()
        .filter(|e| {
            std::fs::read(e.path().join("cmdline"))
                .is_ok_and(|c| String::from_utf8_lossy(&c).contains("lessons/threads/lock/python"))
        })
        .count();
    assert_eq!(twins, 0, "a twin outlived the verify that ran it");
    assert_eq!(runs(), before, "a run's temporary folder was left");
}
