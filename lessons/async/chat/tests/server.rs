//! The chat server holds up as a real server: each test starts the lesson's
//! binary with `--listen 127.0.0.1:0`, as a learner does, and talks to it
//! over real TCP. Many clients at once, a client that stops reading, lines
//! too long, a flood without newlines, bad names and bad bytes, and Ctrl-C.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::{Peer, Server, bounded};
use tokio::io::AsyncWriteExt;
use tokio::sync::Barrier;

/// A line of about a kilobyte, numbered so that order and gaps show.
fn numbered(i: usize) -> String {
    format!("{i:06} {}", "y".repeat(1000))
}

/// `talker` sends `count` numbered lines in batches of 100, and `listener`
/// hears each batch before the next is sent: however fast or slow the
/// machine, `listener` never falls far behind.
async fn talk(talker: &mut Peer, listener: &mut Peer, count: usize) {
    for batch in (0..count).step_by(100) {
        let lines: String = (batch..(batch + 100).min(count))
            .map(|i| format!("{}\n", numbered(i)))
            .collect();
        talker.send(lines.as_bytes()).await;
        for i in batch..(batch + 100).min(count) {
            let heard = listener
                .message()
                .await
                .expect("the listener is still served");
            assert_eq!(heard, format!("talker: {}", numbered(i)));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_clients_at_once_each_get_every_line() {
    let server = Server::start(&[]);
    let addr = server.addr;
    const CLIENTS: usize = 50;
    const ROUNDS: usize = 3;
    bounded(async {
        let barrier = std::sync::Arc::new(Barrier::new(CLIENTS));
        let mut clients = tokio::task::JoinSet::new();
        for i in 0..CLIENTS {
            let barrier = barrier.clone();
            clients.spawn(async move {
                let me = format!("p{i}");
                let mut peer = Peer::join(addr, &me).await;
                for round in 0..ROUNDS {
                    // Everyone speaks at once, once everyone has joined and
                    // heard the last round.
                    barrier.wait().await;
                    peer.say(&format!("round {round} from {me}")).await;
                    let mut heard = BTreeSet::new();
                    while heard.len() < CLIENTS - 1 {
                        heard.insert(peer.message().await.expect("still connected"));
                    }
                    let expected: BTreeSet<String> = (0..CLIENTS)
                        .filter(|j| *j != i)
                        .map(|j| format!("p{j}: round {round} from p{j}"))
                        .collect();
                    assert_eq!(heard, expected, "what {me} heard in round {round}");
                }
            });
        }
        while let Some(done) = clients.join_next().await {
            done.expect("a client's task passes");
        }
    })
    .await;
}

#[tokio::test]
async fn a_client_that_stops_reading_does_not_stall_the_others_and_is_told_why_it_goes() {
    // The write timeout is long: the slow client is dropped for falling
    // behind, not for taking too long over one line.
    let server = Server::start(&["--write-timeout", "60"]);
    bounded(async {
        let mut slow = Peer::join(server.addr, "slow").await;
        let mut fast = Peer::join(server.addr, "fast").await;
        let mut talker = Peer::join(server.addr, "talker").await;
        fast.expect("* talker joined").await;
        // 20 MB: more than the system's buffers and the slow client's queue
        // hold. The fast client hears every line, in order.
        const LINES: usize = 20_000;
        talk(&mut talker, &mut fast, LINES).await;
        // Now the slow client reads: the lines that were on their way, in
        // order, then why it was dropped, then the end. (It is dropped when
        // its task finds itself behind: when it reads again, and its stuck
        // write ends; or before, on a machine so busy that its task did not
        // run for more lines than its queue holds.)
        let heard = slow.rest().await;
        let (last, lines) = heard.split_last().expect("it heard something");
        assert_eq!(last, "error: you fell too far behind; disconnected");
        let lines: Vec<&String> = lines.iter().filter(|l| l.starts_with("talker: ")).collect();
        assert!(lines.len() < LINES, "it missed nothing");
        for (i, line) in lines.iter().enumerate() {
            assert_eq!(**line, format!("talker: {}", numbered(i)));
        }
        fast.notice("* slow left").await;
        server
            .prints("server: slow fell too far behind; dropped")
            .await;
        // And the others go on.
        talker.say("still here").await;
        fast.expect("talker: still here").await;
    })
    .await;
}

#[tokio::test]
async fn a_client_that_never_reads_is_dropped() {
    // A queue longer than the lines sent: the client cannot fall behind, so
    // what drops it is its socket taking nothing for a second.
    let server = Server::start(&["--queue", "65536", "--write-timeout", "1"]);
    bounded(async {
        let mut deaf = Peer::join(server.addr, "deaf").await;
        let mut fast = Peer::join(server.addr, "fast").await;
        let mut talker = Peer::join(server.addr, "talker").await;
        fast.expect("* talker joined").await;
        // 10 MB, more than the system's buffers hold.
        talk(&mut talker, &mut fast, 10_000).await;
        server.prints("server: deaf stopped reading; dropped").await;
        fast.notice("* deaf left").await;
        // What it reads at last ends: the server closed the connection.
        let heard = deaf.rest().await;
        assert!(heard.len() < 10_000, "{} lines", heard.len());
    })
    .await;
}

#[tokio::test]
async fn a_line_too_long_is_refused_and_nobody_else_notices() {
    let server = Server::start(&[]);
    bounded(async {
        let mut ann = Peer::join(server.addr, "ann").await;
        let mut bob = Peer::join(server.addr, "bob").await;
        ann.expect("* bob joined").await;
        let mut long = vec![b'x'; 70_000];
        long.push(b'\n');
        bob.send(&long).await;
        assert_eq!(
            bob.rest().await,
            ["error: more than 65536 bytes without a newline; disconnected"]
        );
        ann.expect("* bob left").await;
        let mut cat = Peer::join(server.addr, "cat").await;
        ann.expect("* cat joined").await;
        ann.say("still here").await;
        cat.expect("ann: still here").await;
    })
    .await;
}

#[tokio::test]
async fn a_line_of_exactly_the_limit_goes_through() {
    let server = Server::start(&[]);
    bounded(async {
        let mut ann = Peer::join(server.addr, "ann").await;
        let mut bob = Peer::join(server.addr, "bob").await;
        ann.expect("* bob joined").await;
        let line = "z".repeat(65_536);
        bob.say(&line).await;
        ann.expect(&format!("bob: {line}")).await;
    })
    .await;
}

#[tokio::test]
async fn a_flood_without_newlines_is_refused_and_nobody_else_notices() {
    let server = Server::start(&[]);
    bounded(async {
        let mut ann = Peer::join(server.addr, "ann").await;
        let mut flood = Peer::join(server.addr, "flood").await;
        ann.expect("* flood joined").await;
        let mut writer = flood.take_writer();
        // Bytes, and never a newline, until the server closes the connection.
        let flooding = tokio::spawn(async move {
            let chunk = vec![b'x'; 16 * 1024];
            let mut sent = 0;
            while writer.write_all(&chunk).await.is_ok() {
                sent += chunk.len();
            }
            sent
        });
        assert_eq!(
            flood.rest().await,
            ["error: more than 65536 bytes without a newline; disconnected"]
        );
        let sent = flooding.await.expect("the flood ends");
        assert!(sent > 65_536, "only {sent} bytes");
        ann.expect("* flood left").await;
        let mut cat = Peer::join(server.addr, "cat").await;
        ann.expect("* cat joined").await;
        ann.say("still here").await;
        cat.expect("ann: still here").await;
    })
    .await;
}

#[tokio::test]
async fn bad_names_and_bad_bytes_get_a_clear_line_back() {
    let server = Server::start(&[]);
    bounded(async {
        let mut ann = Peer::join(server.addr, "ann").await;
        let mut bob = Peer::connect(server.addr).await;
        bob.expect("welcome! what is your name?").await;
        bob.send(b"b\xffb\n").await;
        bob.expect("error: a name must be UTF-8 text; send another")
            .await;
        bob.say("   ").await;
        bob.expect("error: a name cannot be empty; send another")
            .await;
        bob.say(&"b".repeat(33)).await;
        bob.expect("error: a name has at most 32 characters; send another")
            .await;
        bob.say("ann").await;
        bob.expect("error: the name ann is taken; send another")
            .await;
        // Telnet ends its lines with \r\n: the same line.
        bob.send(b"bob\r\n").await;
        bob.expect("hello bob, here: ann").await;
        ann.expect("* bob joined").await;
        bob.send(b"\xc3\x28\n").await;
        bob.expect("error: that line is not UTF-8 text; nobody got it")
            .await;
        // Still connected, and nobody heard the bad line.
        bob.say("fine now").await;
        ann.expect("bob: fine now").await;
    })
    .await;
}

#[tokio::test]
async fn ctrl_c_tells_every_client_and_ends_within_a_second() {
    let mut server = Server::start(&[]);
    let mut peers = bounded(async {
        let mut peers = Vec::new();
        for name in ["ann", "bob", "cat"] {
            peers.push(Peer::join(server.addr, name).await);
        }
        // One more that never gives a name: it is told too.
        let mut shy = Peer::connect(server.addr).await;
        shy.expect("welcome! what is your name?").await;
        peers.push(shy);
        peers[0].say("hello").await;
        peers
    })
    .await;
    server.interrupt();
    let (status, took) = server.wait(Duration::from_secs(5));
    assert!(status.success(), "{status}");
    assert!(took < Duration::from_secs(1), "it took {took:?}");
    bounded(async {
        for peer in &mut peers {
            let rest = peer.rest().await;
            assert_eq!(
                rest.last().map(String::as_str),
                Some("server shutting down")
            );
        }
    })
    .await;
    let printed = server.printed();
    assert_eq!(
        printed[printed.len() - 2..],
        ["server: shutting down", "server: stopped"]
    );
}

#[tokio::test]
async fn ctrl_c_ends_within_a_second_even_with_a_client_that_never_reads() {
    // The deaf client can neither fall behind nor time out: its task is
    // stuck in a write when Ctrl-C comes.
    let mut server = Server::start(&["--queue", "65536", "--write-timeout", "60"]);
    let (mut fast, _deaf) = bounded(async {
        let deaf = Peer::join(server.addr, "deaf").await;
        let mut fast = Peer::join(server.addr, "fast").await;
        let mut talker = Peer::join(server.addr, "talker").await;
        fast.expect("* talker joined").await;
        // Enough to fill the deaf client's buffers.
        talk(&mut talker, &mut fast, 10_000).await;
        (fast, deaf)
    })
    .await;
    server.interrupt();
    let (status, took) = server.wait(Duration::from_secs(5));
    assert!(status.success(), "{status}");
    assert!(took < Duration::from_secs(1), "it took {took:?}");
    bounded(async {
        let rest = fast.rest().await;
        assert_eq!(
            rest.last().map(String::as_str),
            Some("server shutting down")
        );
    })
    .await;
}

#[tokio::test]
async fn every_connection_closes_when_its_client_goes() {
    let server = Server::start(&[]);
    bounded(async {
        // Let the runtime start all its threads and files.
        let mut ann = Peer::join(server.addr, "ann").await;
        let before = server.open_files();
        for round in 0..5 {
            let mut left = Peer::join(server.addr, &format!("left{round}")).await;
            let mut long = Peer::join(server.addr, &format!("long{round}")).await;
            let mut nameless = Peer::connect(server.addr).await;
            nameless.expect("welcome! what is your name?").await;
            let mut long_line = vec![b'x'; 70_000];
            long_line.push(b'\n');
            long.send(&long_line).await;
            long.rest().await;
            left.say("bye").await;
            drop(left);
            drop(nameless);
        }
        // Everyone who left is announced to ann, and then gone.
        let mut gone = 0;
        while gone < 10 {
            if ann.line().await.expect("ann is served").ends_with(" left") {
                gone += 1;
            }
        }
        // The nameless ones leave no notice: wait for the server to close them.
        for _ in 0..200 {
            if server.open_files() <= before {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(server.open_files(), before, "sockets left open");
    })
    .await;
}
