//! A producer thread puts an item on a queue once a second; two consumer
//! threads take turns taking them off. When the producer is done, the queue
//! closes and the consumers end.
//!
//! Port of 004 线程通信 (`queue.Queue` with one producer and two consumers).
//! Python's `queue.Queue` is a thread-safe FIFO any thread may `put` to or
//! `get` from. A crossbeam channel is the same thing split in two: a `Sender`
//! and a `Receiver`, both of which can be cloned, so several threads can
//! take from one queue. The standard library's `mpsc` allows only one
//! receiver, which is why this lesson uses crossbeam.

use std::thread;

use crossbeam_channel::{Receiver, Sender, unbounded};
use shared::time::sleep;

/// How many items the producer makes, instead of forever.
const ITEMS: u32 = 4;

fn produce(line: Sender<u32>) {
    // The seed's `num` is never changed, so every item is a 1.
    let num = 1;
    for _ in 0..ITEMS {
        line.send(num).expect("a consumer is listening");
        println!("producing something");
        sleep(1.0);
    }
    // `line` is dropped here: the channel closes once the queue is empty.
}

fn consume(line: Receiver<u32>) {
    // `while 1: line.get()`, except that a closed, empty channel ends the loop.
    for getthing in line {
        println!("拿到了！！！我拿到了：{getthing}");
        sleep(1.0);
    }
}

fn main() {
    shared::start();
    let (tx, rx) = unbounded();
    let th1 = thread::spawn(move || produce(tx));
    let rx2 = rx.clone();
    let th2 = thread::spawn(move || consume(rx));
    let th3 = thread::spawn(move || consume(rx2));
    for t in [th1, th2, th3] {
        t.join().expect("the threads cannot panic");
    }
}
