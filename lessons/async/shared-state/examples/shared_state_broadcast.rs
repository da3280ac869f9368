//! A room where everyone hears everything said after they came in: alice is
//! there from the start and reads at once; bob comes in after the first news
//! and takes a second over each. Each gets every message, in order, and
//! hears the room close after the last.
//!
//! Past the seeds: Python has no broadcast queue, so the twin keeps one
//! `asyncio.Queue` per listener. tokio's `broadcast` channel is one buffer
//! that every receiver reads at its own pace, and so it has a bound: a
//! receiver that falls further behind than the channel's capacity loses the
//! oldest messages, and is told how many (exercise 2).

use shared::time::secs;
use tokio::sync::broadcast::{self, error::RecvError};

async fn listen(name: &str, mut inbox: broadcast::Receiver<String>, reading: f64) {
    loop {
        match inbox.recv().await {
            Ok(news) => {
                // How long this listener takes to read.
                tokio::time::sleep(secs(reading)).await;
                println!("{name}: {news}");
            }
            Err(RecvError::Lagged(missed)) => println!("{name}: fell behind, missed {missed}"),
            Err(RecvError::Closed) => break,
        }
    }
    println!("{name}: the room closed");
}

async fn say_later(
    room: &broadcast::Sender<String>,
    news: &str,
) -> Result<(), broadcast::error::SendError<String>> {
    tokio::time::sleep(secs(2.0)).await;
    // Err only when nobody is listening.
    room.send(news.to_string())?;
    println!("room: sent {news}");
    Ok(())
}

fn main() -> shared::failure::Result {
    shared::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        // Room for 4 messages that some listener has not read yet.
        let (room, alice_inbox) = broadcast::channel(4);
        let alice = tokio::spawn(listen("alice", alice_inbox, 0.0));
        say_later(&room, "news 1").await?;
        // Bob comes in now: he hears what is said from here on.
        let bob = tokio::spawn(listen("bob", room.subscribe(), 1.0));
        say_later(&room, "news 2").await?;
        say_later(&room, "news 3").await?;
        // The last sender gone, each receiver gets Closed after the last news.
        drop(room);
        alice.await?;
        bob.await?;
        Ok(())
    })
}
