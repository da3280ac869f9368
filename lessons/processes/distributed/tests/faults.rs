//! Nothing is lost: the master's result set is complete and has no
//! duplicates after a worker is killed mid-task, after bad connections of
//! every kind, and after a worker with the wrong key. Each test asserts on
//! the final result set, not just on "it did not crash".

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use processes_distributed::address::Address;
use processes_distributed::master::{self, Event, Report};
use processes_distributed::proto::{self, DEFAULT_KEY, Task, ToMaster, ToWorker};
use processes_distributed::worker::{self, WorkerError};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

fn tasks(count: u32) -> Vec<Task> {
    (1..=count)
        .map(|id| Task {
            id,
            n: u64::from(id) * 7,
        })
        .collect()
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn worker_options(name: &str, key: &str) -> worker::Options {
    worker::Options {
        handshake_timeout: Duration::from_millis(300),
        ..worker::Options::new(name, key)
    }
}

/// Every task has exactly one correct result.
fn assert_complete(report: &Report, count: u32) {
    let ids: BTreeSet<u32> = report.results.keys().copied().collect();
    assert_eq!(ids, (1..=count).collect(), "missing results");
    for (id, (n, square, _)) in &report.results {
        assert_eq!((*n, *square), (u64::from(*id) * 7, n * n), "task {id}");
    }
    assert_eq!(report.duplicates, 0, "a result was counted twice");
}

/// A master on a free loopback port, with fast handshake timeouts and an event feed.
async fn start_master(
    count: u32,
) -> (
    Address,
    tokio::task::JoinHandle<Report>,
    mpsc::UnboundedReceiver<Event>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = Address::from(listener.local_addr().unwrap());
    let (tx, rx) = mpsc::unbounded_channel();
    let options = master::Options {
        handshake_timeout: Duration::from_millis(300),
        events: Some(tx),
        ..master::Options::new(DEFAULT_KEY)
    };
    (
        addr,
        tokio::spawn(master::run(listener, tasks(count), options)),
        rx,
    )
}

/// The master's report, or a failure if it does not finish: a lost task would
/// keep it waiting forever.
async fn finish(master: tokio::task::JoinHandle<Report>) -> Report {
    tokio::time::timeout(Duration::from_secs(10), master)
        .await
        .expect("the master did not finish within 10 s: a task was lost")
        .expect("the master cannot panic")
}

async fn wait_for(
    events: &mut mpsc::UnboundedReceiver<Event>,
    pred: impl Fn(&Event) -> bool,
) -> Event {
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let event = events.recv().await.expect("the master is running");
            if pred(&event) {
                return event;
            }
        }
    })
    .await
    .expect("the event came")
}

#[test]
fn two_workers_share_the_work_and_every_result_arrives_once() {
    rt().block_on(async {
        let (addr, master, _events) = start_master(20).await;
        let spawn_worker = |name: &str| {
            let (addr, options) = (addr.clone(), worker_options(name, DEFAULT_KEY));
            tokio::spawn(async move { worker::run(&addr, &options).await })
        };
        let (a, b) = (spawn_worker("a"), spawn_worker("b"));
        let report = finish(master).await;
        assert_complete(&report, 20);
        let done = a.await.unwrap().unwrap() + b.await.unwrap().unwrap();
        assert_eq!(done, 20);
        assert!(report.requeued.is_empty());
    });
}

#[test]
fn a_worker_with_the_wrong_key_is_refused_and_the_work_still_gets_done() {
    rt().block_on(async {
        let (addr, master, mut events) = start_master(5).await;
        let refused = worker::run(&addr, &worker_options("intruder", "not-abc")).await;
        assert!(
            matches!(refused, Err(WorkerError::Refused { ref reason, .. }) if reason == "wrong auth key"),
            "{refused:?}"
        );
        let dropped = wait_for(&mut events, |e| matches!(e, Event::Dropped { .. })).await;
        assert!(matches!(dropped, Event::Dropped { ref reason, .. } if reason.contains("wrong auth key")));
        worker::run(&addr, &worker_options("good", DEFAULT_KEY)).await.unwrap();
        let report = finish(master).await;
        assert_complete(&report, 5);
        assert!(report.results.values().all(|(_, _, w)| w == "good"));
    });
}

#[test]
fn a_worker_refuses_a_master_that_does_not_know_the_key() {
    rt().block_on(async {
        // A fake master with the wrong key.
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = Address::from(listener.local_addr().unwrap());
        let fake = tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            let mut conn = proto::framed(stream).unwrap();
            proto::send(&mut conn, &ToWorker::Challenge { nonce: vec![1; 32] })
                .await
                .unwrap();
            let hello: ToMaster = proto::recv(&mut conn).await.unwrap();
            let ToMaster::Hello { nonce, .. } = hello else {
                panic!("expected Hello")
            };
            let proof = proto::proof(b"wrong", "master", &nonce);
            proto::send(&mut conn, &ToWorker::Welcome { proof })
                .await
                .unwrap();
        });
        let result = worker::run(&addr, &worker_options("careful", DEFAULT_KEY)).await;
        assert!(
            matches!(result, Err(WorkerError::MasterUnknown { .. })),
            "{result:?}"
        );
        fake.await.unwrap();
    });
}

#[test]
fn the_key_never_crosses_the_wire() {
    rt().block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = Address::from(listener.local_addr().unwrap());
        let key = "a-long-secret-key";
        let spy = tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            let mut conn = proto::framed(stream).unwrap();
            let nonce = vec![7; 32];
            proto::send(
                &mut conn,
                &ToWorker::Challenge {
                    nonce: nonce.clone(),
                },
            )
            .await
            .unwrap();
            let raw = futures_util::StreamExt::next(&mut conn)
                .await
                .unwrap()
                .unwrap();
            (nonce, raw.to_vec())
        });
        let _ = worker::run(&addr, &worker_options("w", key)).await;
        let (nonce, raw) = spy.await.unwrap();
        let text = String::from_utf8_lossy(&raw);
        assert!(!text.contains(key), "the key was sent: {text}");
        let hello: ToMaster = serde_json::from_slice(&raw).unwrap();
        let ToMaster::Hello { proof, .. } = hello else {
            panic!("expected Hello")
        };
        assert!(proto::check(key.as_bytes(), "worker", &nonce, &proof));
    });
}

#[test]
fn bad_connections_are_dropped_and_the_others_served() {
    rt().block_on(async {
        let (addr, master, mut events) = start_master(8).await;
        // Garbage: a frame that is not a message.
        let mut garbage = TcpStream::connect(addr.to_string()).await.unwrap();
        garbage
            .write_all(&[0, 0, 0, 5, b'h', b'e', b'l', b'l', b'o'])
            .await
            .unwrap();
        // A truncated frame: the prefix promises 100 bytes, 10 come, then EOF.
        let mut truncated = TcpStream::connect(addr.to_string()).await.unwrap();
        truncated.write_all(&[0, 0, 0, 100]).await.unwrap();
        truncated.write_all(&[b'{'; 10]).await.unwrap();
        truncated.shutdown().await.unwrap();
        // An oversized length prefix: 4 GiB claimed, nothing allocated.
        let mut oversized = TcpStream::connect(addr.to_string()).await.unwrap();
        oversized
            .write_all(&[0xff, 0xff, 0xff, 0xff, 1, 2, 3])
            .await
            .unwrap();
        // Nothing at all.
        let _silent = TcpStream::connect(addr.to_string()).await.unwrap();

        let mut reasons = Vec::new();
        for _ in 0..4 {
            if let Event::Dropped { reason, .. } =
                wait_for(&mut events, |e| matches!(e, Event::Dropped { .. })).await
            {
                reasons.push(reason);
            }
        }
        let has = |needle: &str| reasons.iter().any(|r| r.contains(needle));
        assert!(has("not a message of the protocol"), "{reasons:?}");
        assert!(has("bytes remaining on stream"), "{reasons:?}");
        assert!(has("frame size too big"), "{reasons:?}");
        assert!(has("no handshake within"), "{reasons:?}");

        // The master is still serving.
        worker::run(&addr, &worker_options("good", DEFAULT_KEY))
            .await
            .unwrap();
        let report = finish(master).await;
        assert_complete(&report, 8);
        assert_eq!(report.dropped.len(), 4);
    });
}

/// Starts the lesson's binary as a worker process.
fn worker_process(addr: &Address, name: &str, task_secs: f64) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_processes-distributed"));
    command
        .args([
            "worker",
            "--connect",
            &addr.to_string(),
            "--name",
            name,
            "--task-secs",
            &task_secs.to_string(),
        ])
        .env("LESSON_TIME_SCALE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // If a test fails and this process ends, the worker must not linger.
    shared::process::dies_with_parent(&mut command);
    command.spawn().unwrap()
}

#[test]
fn a_worker_killed_mid_task_loses_nothing() {
    rt().block_on(async {
        let (addr, master, mut events) = start_master(6).await;
        // A worker so slow that it holds its first task until it is killed.
        let mut victim = worker_process(&addr, "victim", 60.0);
        let assigned = wait_for(
            &mut events,
            |e| matches!(e, Event::Assigned { worker, .. } if worker == "victim"),
        )
        .await;
        let Event::Assigned { task, .. } = assigned else {
            unreachable!()
        };
        victim.kill().unwrap();
        victim.wait().unwrap();
        let requeued = wait_for(&mut events, |e| matches!(e, Event::Requeued { .. })).await;
        assert_eq!(
            requeued,
            Event::Requeued {
                task,
                worker: "victim".into()
            }
        );

        // Another worker finishes everything, the lost task included.
        let mut rescuer = worker_process(&addr, "rescuer", 0.0);
        let report = finish(master).await;
        assert!(rescuer.wait().unwrap().success());
        assert_complete(&report, 6);
        assert_eq!(report.requeued, vec![(task, "victim".to_string())]);
        assert!(report.results.values().all(|(_, _, w)| w == "rescuer"));
    });
}

#[test]
fn workers_with_the_same_name_are_kept_apart() {
    rt().block_on(async {
        // Every worker is called "worker" unless told otherwise.
        let (addr, master, mut events) = start_master(3).await;
        let mut victim = worker_process(&addr, "twin", 60.0);
        wait_for(&mut events, |e| matches!(e, Event::Assigned { .. })).await;
        // The other twin is busy with a task of its own when the first dies.
        let mut survivor = worker_process(&addr, "twin", 1.0);
        let Event::Assigned { task: busy, .. } =
            wait_for(&mut events, |e| matches!(e, Event::Assigned { .. })).await
        else {
            unreachable!()
        };
        victim.kill().unwrap();
        victim.wait().unwrap();
        let Event::Requeued { task: lost, .. } =
            wait_for(&mut events, |e| matches!(e, Event::Requeued { .. })).await
        else {
            unreachable!()
        };
        assert_ne!(lost, busy, "the survivor's task was taken from it");

        let report = finish(master).await;
        assert!(
            survivor.wait().unwrap().success(),
            "the survivor was dropped"
        );
        assert_complete(&report, 3);
        assert_eq!(report.requeued, vec![(lost, "twin".to_string())]);
    });
}
