//! Two tasks written as generators take turns: each does a little work,
//! yields, and waits for the loop in `main` to resume it. The loop is the
//! scheduler.
//!
//! Port of 004 使用yield简单协程. The seed's two generators and its main loop
//! run forever (`while True`); here the loop gives each three turns. A
//! generator that yields nothing and takes nothing is an `Iterator` of `()`,
//! so `next()` resumes it, as in Python.

use generator::{Generator, Gn};
use shared::time::sleep;

/// How many turns each task gets, instead of forever.
const TURNS: usize = 3;

/// Python's `work1`/`work2`: print, yield, rest half a second, again.
fn work(name: &'static str) -> Generator<'static, (), ()> {
    Gn::new_scoped(move |mut s| {
        loop {
            println!("----{name}---");
            s.yield_(());
            sleep(0.5);
        }
    })
}

fn main() {
    shared::start();
    let mut w1 = work("work1");
    let mut w2 = work("work2");
    for _ in 0..TURNS {
        w1.next();
        w2.next();
    }
    // Dropping an unfinished generator cancels it, unwinding its stack.
}
