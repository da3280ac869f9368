//! Three downloads started at once in three coroutines on one thread: each
//! announces its URL, waits for its page without holding up the others, and
//! reports the size when it arrives. The smallest, quickest page comes first.
//!
//! Port of 002 §三 (`gevent.spawn` and `gevent.joinall` with urllib). Nothing
//! leaves 127.0.0.1: the lesson starts a loopback fixture that answers for the
//! three sites with the seed's byte counts (see `src/lib.rs`).

use coroutines_io::{URLS, fetch, start_sites};

fn run_task(sites: std::net::SocketAddr, url: &'static str) {
    println!("Visit --> {url}");
    match fetch(sites, url) {
        Ok(data) => println!("{} bytes received from {}.", data.len(), url),
        Err(e) => println!("{e}"), // the seed prints the exception, too
    }
}

fn main() -> shared::failure::Result {
    shared::start();
    may::config().set_workers(1);
    // The seed's output: baidu first, then github, then python.
    let order = [
        "https://www.baidu.com/",
        "https://github.com/",
        "https://www.python.org/",
    ];
    let sites = start_sites(order)?.addr();
    // [gevent.spawn(run_task, url) for url in urls]
    let greenlets: Vec<_> = URLS
        .iter()
        .map(|&(url, _)| may::go!(move || run_task(sites, url)))
        .collect();
    // gevent.joinall(greenlets)
    for g in greenlets {
        g.join()
            .map_err(|_| shared::failure::Failure::new("a download coroutine panicked"))?;
    }
    Ok(())
}
