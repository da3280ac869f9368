//! A writer puts A, B and C into a queue at random intervals and a reader
//! takes them out; the reader is terminated when the writer is done.
//!
//! Port of 003 1.5. Unlike `process2.py`, this writer prints *before* it puts,
//! so each "Put" line is sure to come before its "Get" line.

use std::process::{ExitCode, id};

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

fn main() -> ExitCode {
    shared::process::init();
    let (q, rx) = match ipc::channel() {
        Ok(ends) => ends,
        Err(err) => {
            eprintln!("could not create the queue: {err}");
            return ExitCode::FAILURE;
        }
    };
    let pw = procspawn::spawn(q.clone(), write);
    let mut pr = procspawn::spawn(rx, read);
    let wrote = pw.join();
    // pr.terminate(): the reader's loop never ends by itself.
    if let Err(err) = pr.kill() {
        eprintln!("could not stop the reader: {err}");
    }
    if let Err(err) = wrote {
        eprintln!("the writer failed: {err}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
