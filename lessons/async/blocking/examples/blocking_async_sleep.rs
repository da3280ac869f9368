//! The first fix: wait with the runtime's own sleep. The task yields for the
//! whole wait, the other task runs meanwhile, and the two waits overlap.
//!
//! `tokio::time::sleep(...).await` is `await asyncio.sleep(delay)`.

async fn say(delay: f64, what: &'static str) {
    tokio::time::sleep(shared::time::secs(delay)).await;
    println!("{what}");
}

fn main() -> shared::failure::Result {
    shared::start();
    async_blocking::run_two_tasks(say)
}
