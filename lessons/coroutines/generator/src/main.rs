//! A producer hands five products to a consumer coroutine one at a time and
//! reads back the consumer's answer each time: the classic producer/consumer,
//! with no lock and no second thread.
//!
//! Port of `coroutine1.py` from the core tutorial, where the consumer is a
//! Python generator: `n = yield r` hands `r` out, pauses, and resumes with the
//! value the producer passes to `send`. Stable Rust has no generators of its
//! own, so this lesson uses the stackful generator that the `may` coroutine
//! library is built on (the `generator` crate): the consumer runs on a small
//! stack of its own, and `yield_` switches back to the producer's stack.

use generator::{Generator, Gn};

/// Python's `consumer()`: receives an `i32`, yields a `String` back.
fn consumer() -> Generator<'static, i32, String> {
    Gn::<i32>::new_scoped(|mut s| {
        let mut r = String::new();
        loop {
            // `n = yield r`: hand `r` to the producer and pause. We resume
            // here when the producer calls `send(n)`; a resume that sends
            // nothing gives `None`, the seed's `if not n: return`.
            let Some(n) = s.yield_(r) else {
                return String::new();
            };
            println!("[CONSUMER] Consuming {n}...");
            r = "200 OK".to_string();
        }
    })
}

/// Python's `produce(c)`.
fn produce(mut c: Generator<'static, i32, String>) {
    // Python's `c.send(None)`: a generator must first run up to its first
    // `yield` before it can receive anything. `resume` runs it there and
    // returns what it yielded (the empty first `r`).
    c.resume();

    let mut n = 0;
    while n < 5 {
        n += 1;
        println!("[PRODUCER] Producing {n}...");
        // Switch to the consumer with `n`; come back with its next `r`.
        let r = c.send(n);
        println!("[PRODUCER] Consumer return: {r}");
    }

    // Python's `c.close()` raises GeneratorExit at the paused `yield`.
    // `cancel` does the same job: it unwinds the consumer's stack from the
    // paused `yield_`, running its destructors, and marks it done.
    c.cancel();
    debug_assert!(c.is_done());
}

fn main() {
    shared::start();
    let c = consumer();
    produce(c);
}
