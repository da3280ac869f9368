//! Nothing is lost: the master's printed results are complete, correct and
//! without duplicates after a worker is killed mid-task, after bad
//! connections of every kind, and after a worker with the wrong key. Each test
//! runs the lesson's master and workers as processes and reads what they
//! print, and asserts on the final result set, not just on "it did not crash".

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::net::{Shutdown, TcpStream};

use common::{Stream, assert_sentence, fake_master, run_worker, start, start_master};
use processes_distributed::proto::{self, ToMaster, ToWorker};

/// Every task from 1 to `count` has exactly one correct result, computed by
/// one of `workers`, and the master's last line counts `requeued`.
fn assert_complete(stdout: &str, count: u32, requeued: usize, workers: &[&str]) {
    let mut ids = BTreeSet::new();
    for line in stdout.lines().filter(|l| l.starts_with("  task ")) {
        // "  task 3: 2396 * 2396 = 5740816 (worker-1)"
        let words: Vec<&str> = line.split_whitespace().collect();
        let id: u32 = words[1].trim_end_matches(':').parse().unwrap();
        let (n, square): (u64, u64) = (words[2].parse().unwrap(), words[6].parse().unwrap());
        assert_eq!(n * n, square, "{line}");
        let worker = words[7].trim_matches(['(', ')']);
        assert!(workers.contains(&worker), "{line}: by {worker}");
        assert!(ids.insert(id), "task {id} counted twice:\n{stdout}");
    }
    assert_eq!(ids, (1..=count).collect(), "missing results:\n{stdout}");
    let summary = format!("master: {count} results in, {requeued} re-queued, 0 twice");
    assert!(stdout.ends_with(&summary), "{stdout}");
}

#[test]
fn two_workers_share_the_work_and_every_result_arrives_once() {
    let (master, address) = start_master(20);
    let worker = |name: &str| {
        // A tenth of a second a task, so that the second starts before the first is done.
        let args = [
            "worker",
            "--connect",
            &address,
            "--name",
            name,
            "--task-secs",
            "0.1",
        ];
        start(&args, &[])
    };
    let (a, b) = (worker("a"), worker("b"));
    let ended = master.finish();
    assert!(ended.status.success(), "{ended:#?}");
    assert_complete(&ended.stdout, 20, 0, &["a", "b"]);
    let mut done = 0;
    for worker in [a.finish(), b.finish()] {
        assert!(worker.status.success(), "{worker:#?}");
        let last = worker.stderr.lines().last().unwrap();
        done += last
            .split_whitespace()
            .nth(4)
            .unwrap()
            .parse::<u32>()
            .unwrap();
    }
    assert_eq!(done, 20, "the workers did not say they did every task once");
}

#[test]
fn a_worker_with_the_wrong_key_is_refused_and_the_work_still_gets_done() {
    let (mut master, address) = start_master(5);
    let args = [
        "worker",
        "--connect",
        &address,
        "--name",
        "intruder",
        "--key",
        "not-abc",
    ];
    let refused = common::run(&args, &[]);
    assert_sentence(&refused, 1);
    assert!(
        refused.stderr.ends_with(&format!(
            "error: the master at {address} refused this worker: wrong auth key. Give the \
             worker the master's key with --key."
        )),
        "{refused:#?}"
    );
    let dropped = master.wait_for(Stream::Err, "master: dropped");
    assert!(
        dropped.ends_with(": refused \"intruder\": wrong auth key"),
        "{dropped}"
    );
    assert!(run_worker(&address, "good").status.success());
    let ended = master.finish();
    assert_complete(&ended.stdout, 5, 0, &["good"]);
}

#[test]
fn a_worker_refuses_a_master_that_does_not_know_the_key() {
    let (port, fake) = fake_master(Some(b"wrong"), |_| async {});
    let ended = run_worker(&format!("127.0.0.1:{port}"), "careful");
    fake.join().unwrap();
    assert_sentence(&ended, 1);
    assert!(
        ended.stderr.ends_with(&format!(
            "error: the master at 127.0.0.1:{port} could not prove that it knows the auth key: \
             it uses another key, or it is not the master you meant. Check --key and the address."
        )),
        "{ended:#?}"
    );
}

#[test]
fn a_proof_checks_only_with_the_same_key_role_and_nonce() {
    let answer = proto::proof(b"abc", "worker", b"nonce-1");
    assert!(proto::check(b"abc", "worker", b"nonce-1", &answer));
    assert!(!proto::check(b"abd", "worker", b"nonce-1", &answer));
    assert!(!proto::check(b"abc", "master", b"nonce-1", &answer));
    assert!(!proto::check(b"abc", "worker", b"nonce-2", &answer));
}

#[test]
fn the_key_never_crosses_the_wire() {
    const KEY: &str = "a-long-secret-key";
    // A spy: it challenges the worker, and reads its answer as raw bytes.
    let (port, spy) = fake_master(None, |mut conn| async move {
        let nonce = vec![7; 32];
        let challenge = ToWorker::Challenge {
            nonce: nonce.clone(),
        };
        proto::send(&mut conn, &challenge).await.unwrap();
        let raw = futures_util::StreamExt::next(&mut conn)
            .await
            .unwrap()
            .unwrap();
        let text = String::from_utf8_lossy(&raw);
        assert!(!text.contains(KEY), "the key was sent: {text}");
        let Ok(ToMaster::Hello { proof, .. }) = serde_json::from_slice(&raw) else {
            panic!("expected Hello, got {text}")
        };
        assert!(proto::check(KEY.as_bytes(), "worker", &nonce, &proof));
    });
    let args = [
        "worker",
        "--connect",
        &format!("127.0.0.1:{port}"),
        "--key",
        KEY,
    ];
    let ended = common::run(&args, &[]);
    spy.join().unwrap();
    assert_sentence(&ended, 1);
}

#[test]
fn bad_connections_are_dropped_and_the_others_served() {
    let (mut master, address) = start_master(8);
    let connect = || TcpStream::connect(&address).unwrap();
    // Garbage: a frame that is not a message.
    let mut garbage = connect();
    garbage
        .write_all(&[0, 0, 0, 5, b'h', b'e', b'l', b'l', b'o'])
        .unwrap();
    // A truncated frame: the prefix promises 100 bytes, 10 come, then EOF.
    let mut truncated = connect();
    truncated.write_all(&[0, 0, 0, 100]).unwrap();
    truncated.write_all(&[b'{'; 10]).unwrap();
    truncated.shutdown(Shutdown::Write).unwrap();
    // An oversized length prefix: 4 GiB claimed, nothing allocated.
    let mut oversized = connect();
    oversized
        .write_all(&[0xff, 0xff, 0xff, 0xff, 1, 2, 3])
        .unwrap();
    // Nothing at all, until the master's handshake timeout.
    let _silent = connect();

    let reasons: Vec<String> = (0..4)
        .map(|_| master.wait_for(Stream::Err, "master: dropped"))
        .collect();
    let has = |needle: &str| reasons.iter().any(|r| r.contains(needle));
    assert!(has("not a message of the protocol"), "{reasons:#?}");
    assert!(has("bytes remaining on stream"), "{reasons:#?}");
    assert!(has("frame size too big"), "{reasons:#?}");
    assert!(has("no handshake within 5 s"), "{reasons:#?}");

    // The master is still serving.
    assert!(run_worker(&address, "good").status.success());
    let ended = master.finish();
    assert_complete(&ended.stdout, 8, 0, &["good"]);
}

/// Starts a worker that holds its first task for a minute, and returns it
/// with the id of that task, once it has said it runs it.
fn slow_worker(address: &str, name: &str) -> (common::Lesson, u32) {
    let args = [
        "worker",
        "--connect",
        address,
        "--name",
        name,
        "--task-secs",
        "60",
    ];
    let mut worker = start(&args, &[]);
    let line = worker.wait_for(Stream::Err, &format!("{name}: run task "));
    let id = line
        .split_whitespace()
        .nth(3)
        .unwrap()
        .trim_end_matches(':');
    (worker, id.parse().unwrap())
}

#[test]
fn a_worker_killed_mid_task_loses_nothing() {
    let (mut master, address) = start_master(6);
    let (victim, task) = slow_worker(&address, "victim");
    victim.kill();
    let lost = master.wait_for(Stream::Err, "master: lost victim");
    assert!(
        lost.ends_with(&format!("; task {task} queued again")),
        "{lost}"
    );

    // Another worker finishes everything, the lost task included.
    assert!(run_worker(&address, "rescuer").status.success());
    let ended = master.finish();
    assert!(ended.status.success(), "{ended:#?}");
    assert_complete(&ended.stdout, 6, 1, &["rescuer"]);
}

#[test]
fn workers_with_the_same_name_are_kept_apart() {
    // Every worker is called "worker" unless told otherwise.
    let (mut master, address) = start_master(3);
    let (victim, lost) = slow_worker(&address, "twin");
    // The other twin is busy with a task of its own when the first dies.
    let args = [
        "worker",
        "--connect",
        &address,
        "--name",
        "twin",
        "--task-secs",
        "1",
    ];
    let mut survivor = start(&args, &[]);
    survivor.wait_for(Stream::Err, "twin: run task ");
    victim.kill();
    let line = master.wait_for(Stream::Err, "master: lost twin");
    assert!(
        line.ends_with(&format!("; task {lost} queued again")),
        "{line}"
    );

    let survivor = survivor.finish();
    assert!(
        survivor.status.success(),
        "the survivor was dropped: {survivor:#?}"
    );
    assert!(
        survivor
            .stderr
            .ends_with("twin: worker exit after 3 task(s)"),
        "{survivor:#?}"
    );
    // Only the dead twin's task was queued again.
    assert_complete(&master.finish().stdout, 3, 1, &["twin"]);
}
