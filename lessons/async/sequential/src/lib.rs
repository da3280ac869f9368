//! What this lesson's programs share: the seed's `say`, and a runtime to run
//! a `main` future on.

use std::error::Error;
use std::future::Future;

/// Python's `say(delay, what)`: sleep, then print.
pub async fn say(delay: f64, what: &str) {
    tokio::time::sleep(shared::time::secs(delay)).await;
    println!("{what}");
}

/// Python's `loop.run_until_complete(main())` on a current-thread runtime.
pub fn run<E>(main: impl Future<Output = Result<(), E>>) -> shared::failure::Result
where
    E: Error + 'static,
{
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(main)?;
    Ok(())
}
