//! Two tasks, one asking and one answering, each printing and then sleeping a
//! second, three times: on one thread they take turns at every `.await`.
//!
//! Port of 001 原生协程 (ask and answer with `asyncio.ensure_future`). The seed
//! keeps its loop bound in a global `total`; here it is a constant, since
//! nothing changes it.

use shared::time::secs;

const TOTAL: u32 = 4;

async fn ask() {
    for i in 1..TOTAL {
        println!("问题{i}");
        tokio::time::sleep(secs(1.0)).await;
    }
}

async fn answer() {
    for i in 1..TOTAL {
        println!("回答{i}");
        tokio::time::sleep(secs(1.0)).await;
    }
}

fn main() -> shared::failure::Result {
    shared::start();
    // Create the futures (nothing runs yet), and the event loop.
    let (ask1, answer1) = (ask(), answer());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        // asyncio.ensure_future: both become tasks, scheduled at once.
        let ask_task = tokio::spawn(ask1);
        let answer_task = tokio::spawn(answer1);
        // run_until_complete(ask_task), then (answer_task): while we wait
        // for the first, the second runs too.
        ask_task.await?;
        answer_task.await
    })?;
    Ok(())
}
