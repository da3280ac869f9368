//! A question-and-answer session between a generator and its caller: the
//! generator asks a question and pauses; the caller answers and resumes it;
//! after the third question the generator says it is done.
//!
//! Port of 001 协程 (`ask()` and `answer()`). The seed calls this a simulated
//! coroutine: a generator is a function that can pause (`yield`) and be
//! resumed (`send`). The Rust version uses the `generator` crate's stackful
//! generator, as `coroutines-generator` does.

use generator::{Generator, Gn};

/// Python's `ask()`: yields the question numbers 1 to 3, then `None`.
fn ask() -> Generator<'static, u32, Option<u32>> {
    Gn::<u32>::new_scoped(|mut s| {
        for i in 1..4 {
            println!("问题{i}");
            // `yield i`: hand the number out; what the caller sends back (its
            // answer) is ignored, as in the seed.
            s.yield_(Some(i));
        }
        // The seed's final `yield None`: the signal that there is no more.
        s.yield_(None);
        None
    })
}

/// Python's `answer()`.
fn answer() {
    let mut ask1 = ask();
    // `ask1.send(None)`: start the generator; it runs to its first yield.
    let mut i = ask1.resume().flatten();
    // `while i:`
    while let Some(n) = i {
        println!("回答{n}");
        i = ask1.send(n);
    }
}

fn main() {
    shared::start();
    answer();
}
