//! Two downloader coroutines, one per URL, joined: the skeleton of a
//! concurrent downloader.
//!
//! Port of 001's gevent monkey-patch example. The seed patches Python's
//! standard library so that blocking sockets yield to other greenlets, then
//! leaves the download itself as a TODO. With may there is nothing to patch:
//! code that uses `may::net` (see this lesson's `main.rs`) is cooperative, and
//! code that uses `std::net` would block its worker. Like the seed, this
//! program only prints its URLs.

fn downloader(url: &str) {
    println!("{url}");
    // A real download: `coroutines_io::fetch`, as in this lesson's main.rs.
}

fn main() {
    shared::start();
    may::config().set_workers(1);
    let urls = ["http://abc.com", "http://123.cn"];
    let cl: Vec<_> = urls
        .into_iter()
        .map(|url| may::go!(move || downloader(url)))
        .collect();
    for c in cl {
        c.join().expect("the downloader only prints");
    }
}
