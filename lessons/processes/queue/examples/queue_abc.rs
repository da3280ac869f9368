//! A writer puts A, B and C into a queue at random intervals and a reader
//! takes them out; the reader is terminated when the writer is done.
//!
//! Port of 003 1.5. Unlike `process2.py`, this writer prints *before* it puts,
//! so each "Put" line is sure to come before its "Get" line.

use std::process::id;

use ipc_channel::ipc::{self, IpcReceiver, IpcSender};
use shared::random::rng;
use shared::time::sleep;

fn write(q: IpcSender<String>) {
    println!("Process to write: {}", id());
    let mut rng = rng();
    for value in ["A", "B", "C"] {
        println!("Put {value} to queue...");
        q.send(value.to_string()).expect("the queue is open");
        sleep(rng.f64());
    }
}

fn read(q: IpcReceiver<String>) {
    println!("Process to read: {}", id());
    while let Ok(value) = q.recv() {
        println!("Get {value} from queue.");
    }
}

fn main() -> shared::failure::Result {
    shared::process::init();
    let (q, rx) = ipc::channel()?;
    let pw = procspawn::spawn(q.clone(), write);
    let mut pr = procspawn::spawn(rx, read);
    let wrote = pw.join();
    // pr.terminate(): the reader's loop never ends by itself.
    pr.kill()?;
    wrote?;
    Ok(())
}
