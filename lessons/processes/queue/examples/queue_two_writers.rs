//! Two processes write three URLs each into one queue at random intervals;
//! a third reads them all, in the order they arrive. The reader loops
//! forever and is terminated once both writers are done.
//!
//! Port of 002 §4.1. One channel, two senders: an `IpcSender` can be cloned,
//! and each clone sent to its own process. Each writer draws its pauses from
//! its own seeded stream, so under `LESSON_SEED` the interleaving repeats.

use std::process::id;

use ipc_channel::ipc::{self, IpcReceiver, IpcSender};
use shared::random::rng_for;
use shared::time::sleep;

fn proc_write((q, writer, urls): (IpcSender<String>, u64, Vec<String>)) {
    println!("Process ({}) is writing...", id());
    let mut rng = rng_for(writer);
    for url in urls {
        q.send(url.clone()).expect("the queue is open");
        println!("Put {url} to queue...");
        sleep(rng.f64()); // random.random()
    }
}

fn proc_read(q: IpcReceiver<String>) {
    println!("Process ({}) is reading...", id());
    while let Ok(url) = q.recv() {
        println!("Get {url} from queue.");
    }
}

fn main() -> shared::failure::Result {
    shared::process::init();
    let (q, rx) = ipc::channel()?;
    let urls = |names: [&str; 3]| names.map(String::from).to_vec();
    let writer1 = procspawn::spawn(
        (q.clone(), 1, urls(["url_1", "url_2", "url_3"])),
        proc_write,
    );
    let writer2 = procspawn::spawn(
        (q.clone(), 2, urls(["url_4", "url_5", "url_6"])),
        proc_write,
    );
    let mut reader = procspawn::spawn(rx, proc_read);
    let wrote = (writer1.join(), writer2.join());
    // The reader's loop never ends by itself: stop it (and reap it).
    reader.kill()?;
    wrote.0?;
    wrote.1?;
    Ok(())
}
