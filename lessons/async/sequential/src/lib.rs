//! What this lesson's programs share: the seed's `say`, and a runtime to run
//! a `main` future on.

use std::future::Future;
use std::process::ExitCode;

/// Python's `say(delay, what)`: sleep, then print.
pub async fn say(delay: f64, what: &str) {
    tokio::time::sleep(shared::time::secs(delay)).await;
    println!("{what}");
}

/// Python's `loop.run_until_complete(main())` on a current-thread runtime.
pub fn run(main: impl Future<Output = ()>) -> ExitCode {
    match tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
    {
        Ok(runtime) => {
            runtime.block_on(main);
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("could not start the tokio runtime: {err}");
            ExitCode::FAILURE
        }
    }
}
