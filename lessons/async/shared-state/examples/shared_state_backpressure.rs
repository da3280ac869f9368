//! A producer that could make five items at once, a consumer that takes a
//! second over each, and a channel with room for two between them: the
//! producer waits for room, so it runs at the consumer's pace and the
//! channel never holds more than two.
//!
//! Past the seeds: `asyncio.Queue(maxsize=2)`, whose `put` waits while the
//! queue is full. A bounded `mpsc::channel(2)` is the same: `send` waits for
//! room. That wait is backpressure: a slow consumer slows the producer down,
//! instead of letting the items pile up in memory. The producer tries
//! `try_send` first (`put_nowait`), only to say when it has to wait.

use shared::time::secs;
use tokio::sync::mpsc::{self, error::TrySendError};

async fn producer(queue: mpsc::Sender<u32>) {
    for item in 1..=5 {
        match queue.try_send(item) {
            Ok(()) => {}
            Err(TrySendError::Full(item)) => {
                println!("producer waits: no room for {item}");
                // Waits for room; Err only if the consumer has gone.
                if queue.send(item).await.is_err() {
                    return;
                }
            }
            Err(TrySendError::Closed(_)) => return,
        }
        println!("producer put {item}");
    }
    // `queue` is dropped here: the end of the channel, once it is emptied.
}

async fn consumer(mut queue: mpsc::Receiver<u32>) {
    while let Some(item) = queue.recv().await {
        println!("consumer got {item}");
        tokio::time::sleep(secs(1.0)).await; // the slow work
    }
    println!("consumer done");
}

fn main() -> shared::failure::Result {
    shared::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        let (to_consumer, from_producer) = mpsc::channel(2);
        tokio::join!(producer(to_consumer), consumer(from_producer));
    });
    Ok(())
}
