//! Ten coroutines try to buy three items. Each sleeps a random time first, so
//! they arrive in a random order; the first three to arrive succeed.
//!
//! Port of 001's gevent program. gevent runs every greenlet on one thread and
//! switches only where a greenlet waits (`gevent.sleep`), so the check-and-
//! take of the stock cannot be interrupted and needs no lock. `may` is Rust's
//! gevent: stackful coroutines started with `go!`, switching at may's own
//! waits (`may::coroutine::sleep`, `may::net`). Configured with one worker
//! thread, it gives the same guarantee. Rust still makes the shared stock
//! `Sync` (an atomic), because it cannot know that only one worker runs.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use shared::random::rng_for;
use shared::time::secs;

static NUM: AtomicU32 = AtomicU32::new(3);

fn buy(i: u64) {
    // gevent.sleep(random.random()): may's sleep parks this coroutine and
    // lets the worker run another; std::thread::sleep would stall them all.
    may::coroutine::sleep(secs(rng_for(i).f64()));
    // No yield between the check and the take: on one worker nothing else
    // can run in between. (With several workers it could; see the README.)
    let num = NUM.load(Relaxed);
    if num > 0 {
        NUM.store(num - 1, Relaxed);
        println!("协程{i}抢购成功");
    } else {
        println!("协程{i}抢购失败");
    }
}

fn main() {
    shared::start();
    // gevent's one thread: a single may worker. Must come before any `go!`.
    may::config().set_workers(1);
    // gevent.spawn(buy, i). `go!` wraps may's `unsafe` spawn: the closure
    // must not touch thread-locals and must fit the coroutine's stack.
    let cl: Vec<_> = (0..10).map(|i| may::go!(move || buy(i))).collect();
    for c in cl {
        c.join().expect("a buyer cannot panic");
    }
}
