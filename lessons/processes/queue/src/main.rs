//! One process writes five numbers into a queue, pausing a second or two
//! between them; another reads them as they arrive. The reader loops forever,
//! so when the writer is done the parent terminates it.
//!
//! Port of `process2.py` from the core tutorial. Python's `multiprocessing.Queue`
//! is a pipe plus pickling. The Rust counterpart is `ipc-channel`: a typed
//! channel whose two ends can themselves be sent to another process, with
//! values serialised by serde on the way.

use std::process::id;

use ipc_channel::ipc::{self, IpcReceiver, IpcSender};
use shared::random::rng;
use shared::time::sleep;

fn write(q: IpcSender<u32>) {
    println!("Process write pid={}", id());
    let mut rng = rng();
    for i in 0..5 {
        // A send fails only if the reader's end is gone; the parent keeps it.
        q.send(i).expect("the queue is open");
        println!("Process write {i}");
        sleep(rng.u32(1..=2).into()); // random.randint(1, 2)
    }
}

fn read(q: IpcReceiver<u32>) {
    println!("Process read pid={}", id());
    // `while True`: this loop ends only when the parent kills the process.
    while let Ok(i) = q.recv() {
        println!("Process read {i}");
    }
}

fn main() -> shared::failure::Result {
    shared::process::init();
    println!("Main Processing pid={}", id());
    let (q, rx) = ipc::channel::<u32>()?;
    // Each child gets its own end. The parent keeps `q`, as Python's parent
    // keeps its Queue, so the reader never sees the channel close.
    let p1 = procspawn::spawn(q.clone(), write);
    let mut p2 = procspawn::spawn(rx, read);
    // Wait for the writer.
    let wrote = p1.join();
    // Python's p2.terminate() sends SIGTERM; procspawn's kill sends SIGKILL,
    // and also waits for the process, so no zombie is left. It comes before
    // the writer's result is checked: the reader must go either way.
    p2.kill()?;
    wrote?;
    println!("Process end..");
    Ok(())
}
