//! A pipe between two processes: one sends ten URLs at random intervals, the
//! other receives them at its own random pace and falls behind now and then;
//! when the sender is done, the receiver is terminated.
//!
//! Port of 002 §4.2 (`multiprocessing.Pipe()`). Python's `Pipe()` returns two
//! connected ends, and by default each end can both send and receive. An
//! `ipc-channel` goes one way, so a duplex end is a pair of them: one channel
//! for each direction, crossed over between the two ends.

use std::io;
use std::process::id;

use ipc_channel::IpcError;
use ipc_channel::ipc::{self, IpcReceiver, IpcSender};
use serde::{Deserialize, Serialize};
use shared::random::rng_for;
use shared::time::sleep;

/// One end of a duplex pipe. It can be sent to another process.
#[derive(Serialize, Deserialize)]
struct Connection {
    tx: IpcSender<String>,
    rx: IpcReceiver<String>,
}

impl Connection {
    fn send(&self, message: String) -> Result<(), IpcError> {
        self.tx.send(message)
    }

    fn recv(&self) -> Result<String, IpcError> {
        self.rx.recv()
    }
}

/// Python's `multiprocessing.Pipe()`: what one end sends, the other receives.
fn pipe() -> io::Result<(Connection, Connection)> {
    let (a_tx, b_rx) = ipc::channel()?;
    let (b_tx, a_rx) = ipc::channel()?;
    Ok((
        Connection { tx: a_tx, rx: a_rx },
        Connection { tx: b_tx, rx: b_rx },
    ))
}

fn proc_send((pipe, urls): (Connection, Vec<String>)) {
    let mut rng = rng_for(1);
    for url in urls {
        println!("Process ({}) send: {}", id(), url);
        pipe.send(url).expect("the other end is open");
        sleep(rng.f64());
    }
}

fn proc_recv(pipe: Connection) {
    let mut rng = rng_for(2);
    // `while True`: ends only when the parent terminates this process.
    while let Ok(url) = pipe.recv() {
        println!("Process ({}) recv: {}", id(), url);
        sleep(rng.f64());
    }
}

fn main() -> shared::failure::Result {
    shared::process::init();
    let (end0, end1) = pipe()?;
    let urls = (0..10).map(|i| format!("url_{i}")).collect();
    let p1 = procspawn::spawn((end0, urls), proc_send);
    let mut p2 = procspawn::spawn(end1, proc_recv);
    let sent = p1.join();
    // p2.terminate(): whatever the receiver has not taken yet is lost with it.
    p2.kill()?;
    sent?;
    Ok(())
}
