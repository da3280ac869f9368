//! Calling an `async fn` runs none of its body: it returns a future, a value
//! that holds the call's arguments and will run the body when it is awaited.
//!
//! Port of 001 原生协程: `print(say(1))` prints `<coroutine object say at
//! 0x...>`, and `say`'s body never runs. The Rust counterpart of the coroutine
//! object is the future: here it is printed with its type (the compiler names
//! it after the function) and its address. Then, unlike the seed, the future
//! is awaited, and only then does the body run and print.

use std::any::type_name_of_val;

async fn say(delay: u64) {
    tokio::time::sleep(shared::time::secs(delay as f64)).await;
    // Not in the seed: a line that shows when the body runs.
    println!("say({delay}) ran after {delay} s");
}

fn main() -> shared::failure::Result {
    shared::start();
    // Python: print(say(1)). Nothing of say's body runs here.
    let future = say(1);
    println!("<future {} at {:p}>", type_name_of_val(&future), &future);

    // Only now: hand the future to a runtime and await it.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(future);
    Ok(())
}
