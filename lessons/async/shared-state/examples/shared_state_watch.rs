//! A thermostat reads the temperature every 2 seconds; a display takes 5
//! seconds to redraw. The display shows the latest reading each time
//! it is ready for one, and skips those it had no time for.
//!
//! Past the seeds: Python has no such channel, so the twin writes one, a
//! value and an `asyncio.Condition`. tokio's `watch` channel holds one value:
//! sending replaces it, `changed()` waits until there is one the receiver
//! has not seen, and `borrow_and_update()` reads it. Where `broadcast` keeps
//! every message for every receiver, `watch` keeps only the last: right for a
//! state (a setting, a temperature, "shutting down"), wrong for events.

use shared::time::secs;
use tokio::sync::watch;

async fn thermostat(reading: watch::Sender<f64>) {
    for value in [20.5, 21.0, 21.5, 22.0, 22.5] {
        tokio::time::sleep(secs(2.0)).await;
        // Replaces the value, and wakes every receiver waiting in changed().
        reading.send_replace(value);
        println!("thermostat: {value:.1}");
    }
    // `reading` is dropped here: the channel is closed.
}

async fn display(mut reading: watch::Receiver<f64>) {
    // Err once the sender is gone and its last value has been seen.
    while reading.changed().await.is_ok() {
        let value = *reading.borrow_and_update();
        println!("display: shows {value:.1}");
        tokio::time::sleep(secs(5.0)).await; // a slow redraw
    }
    println!("display: the thermostat is gone");
}

fn main() -> shared::failure::Result {
    shared::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        let (sender, receiver) = watch::channel(20.0);
        tokio::join!(thermostat(sender), display(receiver));
    });
    Ok(())
}
