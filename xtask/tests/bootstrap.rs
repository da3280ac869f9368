//! What the README says of the Python twins and the two variables: a twin
//! follows `LESSON_TIME_SCALE` and `LESSON_SEED` when the course's bootstrap
//! (`xtask/python`) is first on `PYTHONPATH`, as verify runs it, and is plain
//! Python, deaf to them, when run plainly. A mistyped value tells the two
//! apart without timing anything: the bootstrap refuses it, plain Python
//! never reads it.

use std::process::{Command, Output};

use xtask::model::workspace_root;

fn twin(with_bootstrap: bool, var: &str, value: &str) -> Output {
    let root = workspace_root();
    let mut command = Command::new("python3");
    command
        .arg(root.join("lessons/threads/lock/python/main.py"))
        .current_dir(&root)
        .env_remove("PYTHONPATH")
        .env(var, value);
    if with_bootstrap {
        command.env("PYTHONPATH", root.join("xtask/python"));
    }
    command.output().expect("python3 runs")
}

#[test]
fn a_twin_follows_the_variables_only_under_the_bootstrap() {
    for (var, bad) in [("LESSON_TIME_SCALE", "abc"), ("LESSON_SEED", "-1")] {
        let under = twin(true, var, bad);
        let stderr = String::from_utf8_lossy(&under.stderr);
        assert_eq!(under.status.code(), Some(2), "{var}={bad}: {stderr}");
        assert!(stderr.contains(var), "{stderr}");
        let plain = twin(false, var, bad);
        assert!(
            plain.status.success(),
            "run plainly, the twin read {var}: {}",
            String::from_utf8_lossy(&plain.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&plain.stdout),
            "begin num: 0\nend num: 0\n"
        );
    }
}
