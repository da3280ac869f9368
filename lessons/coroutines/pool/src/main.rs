//! A pool runs a download for each of three URLs, at most `SIZE` at a time,
//! and returns the results in the order of the URLs, whatever order the
//! downloads finished in.
//!
//! Port of 002 §三 (`gevent.pool.Pool().map`). The pool here is a counting
//! semaphore: a coroutine takes a permit before it runs and gives it back
//! after, so no more than `SIZE` run at once; `map` keeps the join handles in
//! input order and collects each result from its own handle. Downloads come
//! from the loopback fixture of `coroutines-io`, which this lesson builds on.

use std::net::SocketAddr;
use std::sync::Arc;

use coroutines_io::{URLS, fetch, start_sites};
use may::sync::Semphore;

/// At most this many coroutines run at once. The seed's `Pool()` has no
/// limit; with 3 URLs, a size of 3 changes nothing, and a size of 2 would make
/// the third download wait for a free place.
const SIZE: usize = 3;

/// Python's `run_task`: returns nothing, so its results are all `()`.
fn run_task(sites: SocketAddr, url: &str) {
    println!("Visit --> {url}");
    match fetch(sites, url) {
        Ok(data) => println!("{} bytes received from {}.", data.len(), url),
        Err(e) => println!("{e}"),
    }
    println!("url:{url} --->finish");
}

/// `pool.map(f, items)`: runs `f` on every item, at most `size` at a time,
/// and returns the results in the order of `items`.
fn map<T, R>(size: usize, f: fn(T) -> R, items: Vec<T>) -> Vec<R>
where
    T: Send + 'static,
    R: Send + 'static,
{
    let permits = Arc::new(Semphore::new(size));
    let handles: Vec<_> = items
        .into_iter()
        .map(|item| {
            let permits = Arc::clone(&permits);
            may::go!(move || {
                permits.wait(); // take a place in the pool (may wait)
                let result = f(item);
                permits.post(); // give it back
                result
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("a pooled task panicked"))
        .collect()
}

fn main() -> shared::failure::Result {
    shared::start();
    may::config().set_workers(1);
    // The seed's output: baidu first, then python, then github.
    let order = [
        "https://www.baidu.com/",
        "https://www.python.org/",
        "https://github.com/",
    ];
    let sites = start_sites(order)?.addr();
    let items: Vec<(SocketAddr, &str)> = URLS.iter().map(|&(url, _)| (sites, url)).collect();
    let results = map(SIZE, |(sites, url)| run_task(sites, url), items);
    // Python prints [None, None, None]; a Rust function that returns nothing
    // returns `()`, and a Vec of them prints as below.
    println!("{results:?}");
    Ok(())
}
