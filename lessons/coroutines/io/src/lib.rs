//! Downloading with may: an HTTP GET over `may::net::TcpStream`, and the
//! loopback sites the downloads come from.
//!
//! `may::net::TcpStream` reads and writes like `std::net::TcpStream`, but when
//! the socket is not ready it parks the *coroutine* and lets the worker run
//! another one, where std's would block the whole thread. That is what
//! gevent's monkey patch does to Python's sockets; may offers it as separate
//! types instead of patching std.

use std::io::{self, Read, Write};
use std::net::SocketAddr;

use shared::fixture::{Page, Sites, host_of};

/// The seed's URLs and the sizes it printed for them.
pub const URLS: [(&str, usize); 3] = [
    ("https://github.com/", 52801),
    ("https://www.python.org/", 48922),
    ("https://www.baidu.com/", 227),
];

/// Starts the loopback sites. Pages answer 0.5, 1.0 and 1.5 lesson seconds
/// after the request, in the order of `finish_order` (the seed program's
/// own), so downloads finish in that order on every run. Over the internet
/// the order would depend on each site's latency and size.
pub fn start_sites(finish_order: [&str; 3]) -> io::Result<Sites> {
    let pages = finish_order
        .iter()
        .enumerate()
        .map(|(rank, url)| {
            let bytes = URLS.iter().find(|(u, _)| u == url).map_or(0, |(_, b)| *b);
            Page {
                host: host_of(url_static(url)),
                bytes,
                delay_secs: 0.5 * (rank + 1) as f64,
            }
        })
        .collect();
    Sites::start(pages)
}

fn url_static(url: &str) -> &'static str {
    URLS.iter()
        .map(|(u, _)| *u)
        .find(|u| *u == url)
        .unwrap_or("")
}

/// `urllib.request.urlopen(url).read()`, over may's cooperative sockets, from
/// the loopback sites at `sites`. Returns the body.
pub fn fetch(sites: SocketAddr, url: &str) -> io::Result<Vec<u8>> {
    let mut stream = may::net::TcpStream::connect(sites)?;
    write!(stream, "GET / HTTP/1.0\r\nHost: {}\r\n\r\n", host_of(url))?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let body_at = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no HTTP header end"))?;
    if !response.starts_with(b"HTTP/1.0 200") {
        return Err(io::Error::other(format!("{url}: not found")));
    }
    Ok(response.split_off(body_at + 4))
}
