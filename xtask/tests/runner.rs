//! The runner's promises, proved with small shell scripts: a program that
//! runs too long is killed with everything it started; a program that leaves a
//! child running, or a child unreaped, is caught and cleaned up after.
//!
//! One test function on purpose: the runner adopts and reaps orphans for the
//! whole process, so two runs at once in one test binary would disturb each other.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use xtask::runner::{End, Fault, Launch, Run};

fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// `exe`, run from `dir` with at most `timeout`, put through `fault`.
fn run(exe: &Path, dir: &Path, timeout: Duration, fault: Fault) -> Run {
    Launch::new(exe, dir, timeout).fault(fault).run().unwrap()
}

fn alive(pid: i32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

fn first_pid(stdout: &str) -> i32 {
    stdout
        .lines()
        .next()
        .and_then(|l| l.trim().parse().ok())
        .expect("the script prints a pid")
}

#[test]
fn the_runner_kills_and_reports_what_a_program_leaves_behind() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let long = Duration::from_secs(10);

    // A clean program: its output, status 0, nothing left.
    let clean = script(dir, "clean", "echo hello; echo oops >&2");
    let r = Launch::new(&clean, dir, long)
        .env("GREETING", "x")
        .run()
        .unwrap();
    assert_eq!(
        (r.stdout.as_str(), r.stderr.as_str(), r.end),
        ("hello\n", "oops\n", End::Exited(0))
    );
    assert!(r.leftovers.is_empty());

    // An exit status is reported as it is.
    let three = script(dir, "three", "exit 3");
    assert_eq!(run(&three, dir, long, Fault::None).end, End::Exited(3));

    // Too slow: killed on time, with the child it started.
    let slow = script(dir, "slow", "sleep 30 & echo $!; sleep 30");
    let r = run(&slow, dir, Duration::from_millis(300), Fault::None);
    assert_eq!(r.end, End::TimedOut(Duration::from_millis(300)));
    assert!(r.elapsed < Duration::from_secs(5), "took {:?}", r.elapsed);
    assert!(
        !alive(first_pid(&r.stdout)),
        "the background child survived the timeout"
    );

    // A child left running after the program exits: reported, then killed.
    let leaky = script(dir, "leaky", "sleep 30 & echo $!");
    let r = run(&leaky, dir, long, Fault::None);
    let orphan = first_pid(&r.stdout);
    assert_eq!(r.end, End::Exited(0));
    assert_eq!(r.leftovers, vec![(orphan, 'S')]);
    assert!(!alive(orphan), "the orphan was not killed");

    // A child that exited but was never reaped: a zombie, reported and reaped.
    // (`exec` replaces the shell with a program that never calls wait.)
    let careless = script(dir, "careless", "sleep 0 & echo $!; exec sleep 0.3");
    let r = run(&careless, dir, long, Fault::None);
    let zombie = first_pid(&r.stdout);
    assert_eq!(r.leftovers, vec![(zombie, 'Z')]);
    assert!(!alive(zombie), "the zombie was not reaped");

    // Ctrl-C to the parent alone: a child that does not die with it is caught.
    let deaf = script(dir, "deaf", "sleep 30 & echo $!; wait");
    let fault = Fault::Interrupt {
        after: Duration::from_millis(200),
    };
    let r = run(&deaf, dir, long, fault);
    let orphan = first_pid(&r.stdout);
    assert_eq!(r.end, End::Signalled(2));
    assert_eq!(r.leftovers, vec![(orphan, 'S')]);
    assert!(!alive(orphan));

    // The eldest child killed: the program sees it (here: `wait` reports 137).
    let parent = script(
        dir,
        "parent",
        "sleep 30 & echo $!; wait $!; echo \"child ended: $?\"; exit 1",
    );
    let fault = Fault::KillChild {
        after: Duration::from_millis(200),
    };
    let r = run(&parent, dir, long, fault);
    let child = first_pid(&r.stdout);
    assert_eq!(r.fault_done, Some(format!("killed child pid {child}")));
    assert!(r.stdout.ends_with("child ended: 137\n"), "{}", r.stdout);
    assert_eq!((r.end, r.leftovers.len()), (End::Exited(1), 0));
}
