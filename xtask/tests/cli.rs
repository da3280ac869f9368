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
