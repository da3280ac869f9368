//! Bad input ends the lesson with a sentence and a non-zero status: never a
//! hang, a panic or a `Debug` dump. Each test runs the lesson's binary as a
//! learner would (a bad environment variable, a number out of range, an
//! address where nobody listens, workers that all die, a master that breaks
//! the protocol) and reads what it printed. A program that does not end in
//! time is killed and the test fails: a hang is the bug these tests exist for.

mod common;

use std::net::TcpListener as StdListener;
use std::process::Command;
use std::time::Duration;

use common::{Stream, assert_sentence, fake_master, free_port, rt, run, run_worker, start};
use processes_distributed::proto::{self, Task, ToMaster, ToWorker};

fn kill(pid: u32) {
    let killed = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success(), "could not kill {pid}");
}

/// The port a master printed in "master: listening on 127.0.0.1:PORT".
fn listening_port(line: &str) -> u16 {
    line.rsplit_once(':').unwrap().1.parse().unwrap()
}

#[test]
fn a_bad_time_scale_stops_the_whole_lesson_before_any_worker_starts() {
    for scale in ["abc", "-1", "0", "2000"] {
        let ended = run(&[], &[("LESSON_TIME_SCALE", scale)]);
        assert_sentence(&ended, 2);
        assert_eq!(ended.stdout, "", "it started before checking: {ended:#?}");
        assert_eq!(
            ended.stderr,
            format!(
                "error: LESSON_TIME_SCALE={scale:?} is not {}{}",
                shared::time::SCALE_EXPECTED,
                if scale == "abc" {
                    " (invalid float literal)"
                } else {
                    ""
                }
            )
        );
    }
}

#[test]
fn master_and_worker_check_the_environment_first() {
    // A master alone never sleeps, so it used to accept any scale.
    let ended = run(
        &["master", "--listen", "127.0.0.1:0"],
        &[("LESSON_TIME_SCALE", "abc")],
    );
    assert_sentence(&ended, 2);
    assert!(
        ended.stderr.starts_with("error: LESSON_TIME_SCALE=\"abc\""),
        "{ended:#?}"
    );
    // A worker used to connect, take a task, and only then fail on it.
    let port = free_port().to_string();
    let ended = run(
        &["worker", "--connect", &format!("127.0.0.1:{port}")],
        &[("LESSON_SEED", "x")],
    );
    assert_sentence(&ended, 2);
    assert!(
        ended.stderr.starts_with("error: LESSON_SEED=\"x\""),
        "{ended:#?}"
    );
}

/// Runs the whole lesson slowly, kills both workers at `moment`, and checks
/// that the master stops with a sentence instead of waiting for ever.
fn kill_both_workers(moment: &str) {
    let mut lesson = start(&[], &[("LESSON_TIME_SCALE", "10")]);
    lesson.wait_for(Stream::Out, "master: started worker-1 and worker-2");
    if moment == "mid-work" {
        lesson.wait_for(Stream::Err, "run task");
        lesson.wait_for(Stream::Err, "run task");
    }
    let workers = lesson.children();
    assert_eq!(workers.len(), 2, "{workers:?}");
    for pid in workers {
        kill(pid);
    }
    let ended = lesson.finish();
    assert_sentence(&ended, 1);
    assert!(
        ended.stderr.ends_with(
            "error: every worker stopped before the work was done (worker-1 was killed by \
             signal 9, worker-2 was killed by signal 9), so the master stops too. A worker's \
             own error, if it printed one, is above."
        ),
        "{ended:#?}"
    );
    assert!(!ended.stdout.contains("results"), "{ended:#?}");
}

#[test]
fn workers_that_die_at_start_stop_the_master() {
    kill_both_workers("at start");
}

#[test]
fn workers_that_all_die_mid_work_stop_the_master() {
    kill_both_workers("mid-work");
}

#[test]
fn numbers_out_of_range_are_refused_with_the_range() {
    let port = free_port().to_string();
    let connect = format!("127.0.0.1:{port}");
    let secs = "expected a number of lesson seconds from 0 to 3600, such as 0.2";
    let tasks = "expected a whole number of tasks from 1 to 1000000";
    for (args, expected) in [
        (
            vec!["worker", "--connect", &connect, "--task-secs", "1e300"],
            secs,
        ),
        (
            vec!["worker", "--connect", &connect, "--task-secs", "-1"],
            secs,
        ),
        (
            vec!["worker", "--connect", &connect, "--task-secs", "NaN"],
            secs,
        ),
        (
            vec!["worker", "--connect", &connect, "--task-secs", "inf"],
            secs,
        ),
        (
            vec!["master", "--listen", "127.0.0.1:0", "--tasks", "0"],
            tasks,
        ),
        (
            vec!["master", "--listen", "127.0.0.1:0", "--tasks", "-5"],
            tasks,
        ),
        (
            vec!["master", "--listen", "127.0.0.1:0", "--tasks", "4294967295"],
            tasks,
        ),
    ] {
        let ended = run(&args, &[]);
        assert_sentence(&ended, 2);
        let flag = args[args.len() - 2];
        assert!(
            ended.stderr.starts_with(&format!(
                "error: invalid value '{}' for '{flag} ",
                args[args.len() - 1]
            )) && ended.stderr.contains(expected),
            "{args:?}: {ended:#?}"
        );
    }
}

#[test]
fn a_worker_with_no_master_says_where_it_looked_and_what_to_do() {
    let port = free_port();
    for host in ["127.0.0.1", "localhost"] {
        let ended = run(&["worker", "--connect", &format!("{host}:{port}")], &[]);
        assert_sentence(&ended, 1);
        assert_eq!(
            ended.stderr,
            format!(
                "error: could not connect to the master at {host}:{port}: nobody is listening \
                 there. Start the master first (`cargo run -p processes-distributed -- master`), \
                 or check the address."
            )
        );
    }
}

#[test]
fn a_master_on_a_port_in_use_says_so_and_suggests_another() {
    let taken = StdListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    for host in ["127.0.0.1", "localhost"] {
        let ended = run(&["master", "--listen", &format!("{host}:{port}")], &[]);
        assert_sentence(&ended, 1);
        assert_eq!(
            ended.stderr,
            format!(
                "error: could not listen on {host}:{port}: another program is already using that \
                 port. Stop it, or pass another with --listen {host}:{}.",
                port + 1
            )
        );
    }
}

#[test]
fn both_sides_take_the_same_address_forms() {
    for (listen, connect) in [("localhost", "127.0.0.1"), ("127.0.0.1", "localhost")] {
        let mut master = start(
            &["master", "--listen", &format!("{listen}:0"), "--tasks", "2"],
            &[],
        );
        let port = listening_port(&master.wait_for(Stream::Out, "master: listening on"));
        let worker = run_worker(&format!("{connect}:{port}"), "worker");
        assert!(worker.status.success(), "{worker:#?}");
        let ended = master.finish();
        assert!(ended.status.success(), "{ended:#?}");
        assert!(ended.stdout.contains("master: 2 results in"), "{ended:#?}");
    }
    for (flag, role) in [("--listen", "master"), ("--connect", "worker")] {
        let ended = run(&[role, flag, "localhost"], &[]);
        assert_sentence(&ended, 2);
        assert!(ended.stderr.contains("expected HOST:PORT"), "{ended:#?}");
    }
}

#[test]
fn a_master_that_goes_away_mid_work_is_named() {
    // Gone right after the handshake, as a master stopped with Ctrl-C.
    let (port, master) = fake_master(Some(b"abc"), |conn| async move { drop(conn) });
    let ended = run_worker(&format!("127.0.0.1:{port}"), "worker");
    master.join().unwrap();
    assert_sentence(&ended, 1);
    assert!(
        ended.stderr.ends_with(&format!(
            "error: lost the master at 127.0.0.1:{port} before the work was done (connection \
             closed): it was stopped, or the network failed."
        )),
        "{ended:#?}"
    );
}

#[test]
fn a_task_whose_square_overflows_is_refused_not_a_panic() {
    let (port, master) = fake_master(Some(b"abc"), |mut conn| async move {
        let task = Task { id: 7, n: u64::MAX };
        proto::send(&mut conn, &ToWorker::Task(task)).await.unwrap();
        let _ = proto::recv::<ToMaster>(&mut conn).await;
    });
    let ended = run_worker(&format!("127.0.0.1:{port}"), "worker");
    master.join().unwrap();
    assert_sentence(&ended, 1);
    assert!(
        ended.stderr.ends_with(&format!(
            "error: the master at 127.0.0.1:{port} broke the protocol: task 7 asks for the \
             square of {}, which does not fit in 64 bits.",
            u64::MAX
        )),
        "{ended:#?}"
    );
}

#[test]
fn a_worker_pointed_at_something_else_says_so() {
    // A program that speaks first, in another protocol (an SSH server does).
    let (port, other) = fake_master(None, |conn| async move {
        use tokio::io::AsyncWriteExt;
        let mut stream = conn.into_inner();
        stream.write_all(b"SSH-2.0-OpenSSH_9.6\r\n").await.unwrap();
        tokio::time::sleep(Duration::from_millis(500)).await;
    });
    let ended = run(&["worker", "--connect", &format!("127.0.0.1:{port}")], &[]);
    other.join().unwrap();
    assert_sentence(&ended, 1);
    assert!(
        ended.stderr.starts_with(&format!(
            "error: the program at 127.0.0.1:{port} did not answer as this lesson's master: "
        )) && ended
            .stderr
            .ends_with("Check the address, and that the master is still running."),
        "{ended:#?}"
    );

    // A program that says nothing at all: the worker must not wait for ever.
    let (port, silent) = fake_master(None, |conn| async move {
        tokio::time::sleep(Duration::from_secs(7)).await;
        drop(conn);
    });
    let ended = run(&["worker", "--connect", &format!("127.0.0.1:{port}")], &[]);
    silent.join().unwrap();
    assert_sentence(&ended, 1);
    assert_eq!(
        ended.stderr,
        format!(
            "error: the program at 127.0.0.1:{port} did not answer as this lesson's master: it \
             said nothing within 5 s. Check the address, and that the master is still running."
        )
    );
}

#[test]
fn the_master_logs_a_bad_first_message_as_a_sentence() {
    let mut master = start(&["master", "--listen", "127.0.0.1:0", "--tasks", "1"], &[]);
    let port = listening_port(&master.wait_for(Stream::Out, "master: listening on"));
    rt().block_on(async {
        let stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        let mut conn = proto::framed(stream);
        let _: ToWorker = proto::recv(&mut conn).await.unwrap();
        let early = ToMaster::Result {
            id: 1,
            n: 2,
            square: 4,
        };
        proto::send(&mut conn, &early).await.unwrap();
        let _ = proto::recv::<ToWorker>(&mut conn).await;
    });
    let line = master.wait_for(Stream::Err, "master: dropped");
    assert!(
        line.ends_with(": sent a result before the handshake"),
        "{line}"
    );
}
