//! The balance has one owner, the bank task, and the only way to it is the
//! bank's channel: each request carries a sender for the reply. The bank
//! takes one request at a time, so it can await the slow check halfway
//! through an update with no lock, and loses nothing.
//!
//! Past the seeds: an `asyncio.Queue` whose items carry a future for the
//! reply. An actor, in Rust as in Python: `mpsc` is the queue, a `oneshot`
//! channel the future. When every sender of the queue is gone, `recv`
//! returns `None`, and the bank closes: no sentinel to send.

use shared::time::secs;
use tokio::sync::{mpsc, oneshot};

/// A request to the bank: the amount, and where to send the new balance.
#[derive(Debug)]
struct Deposit {
    amount: u64,
    reply: oneshot::Sender<u64>,
}

async fn bank(mut inbox: mpsc::Receiver<Deposit>) {
    let mut balance = 0; // nobody else can see it
    while let Some(Deposit { amount, reply }) = inbox.recv().await {
        // The slow check, in the middle of the update.
        tokio::time::sleep(secs(1.0)).await;
        balance += amount;
        // Err only if the customer stopped waiting: nobody to tell, then.
        let _ = reply.send(balance);
    }
    println!("bank: closed with a balance of {balance}");
}

async fn customer(name: &str, bank: mpsc::Sender<Deposit>, amount: u64) -> shared::failure::Result {
    let (reply, answer) = oneshot::channel();
    // Err if the bank has closed; waits while its queue is full.
    bank.send(Deposit { amount, reply }).await?;
    // Err if the bank dropped the request without replying.
    let balance = answer.await?;
    println!("{name}: deposited {amount}, balance now {balance}");
    Ok(())
}

fn main() -> shared::failure::Result {
    shared::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        let (to_bank, inbox) = mpsc::channel(8);
        let bank_task = tokio::spawn(bank(inbox));
        tokio::try_join!(
            customer("ann", to_bank.clone(), 100),
            customer("bob", to_bank.clone(), 200),
            customer("cy", to_bank.clone(), 300),
        )?;
        // The last sender: once it is gone, the bank's recv() returns None.
        drop(to_bank);
        bank_task.await?;
        Ok(())
    })
}
