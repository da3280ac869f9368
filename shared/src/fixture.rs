//! A loopback stand-in for the web sites some seeds download from.
//!
//! The course runs offline, and a download's size and timing over the
//! internet change from day to day. Lessons that fetch URLs start this small
//! HTTP server on 127.0.0.1 instead, and send it every request: it answers
//! for the hosts it was given, with a body of the size the seed printed, after
//! a delay of its own per page (on the course's time scale). The delays make
//! the order in which downloads finish the same on every run. It is scaffolding
//! on plain OS threads; the concurrency a lesson teaches is in its client.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;

/// One page the fixture serves: the host it answers for, how many bytes its
/// body has, and how many lesson seconds it takes to answer.
#[derive(Debug, Clone)]
pub struct Page {
    pub host: &'static str,
    pub bytes: usize,
    pub delay_secs: f64,
}

/// A running fixture. It stops when the program exits.
#[derive(Debug)]
pub struct Sites {
    addr: SocketAddr,
}

impl Sites {
    /// Starts serving `pages` on a free port of 127.0.0.1.
    pub fn start(pages: Vec<Page>) -> io::Result<Sites> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let addr = listener.local_addr()?;
        let pages = Arc::new(pages);
        thread::Builder::new()
            .name("fixture".into())
            .spawn(move || {
                for stream in listener.incoming().flatten() {
                    let pages = Arc::clone(&pages);
                    // One thread per request: each answers after its own delay.
                    let _ = thread::Builder::new().spawn(move || {
                        let _ = answer(stream, &pages);
                    });
                }
            })?;
        Ok(Sites { addr })
    }

    /// Where to connect: every host of the fixture is served here.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

fn answer(mut stream: TcpStream, pages: &[Page]) -> io::Result<()> {
    // Read the request head; only its Host header matters.
    let mut host = String::new();
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    while reader.read_line(&mut line)? > 0 && line != "\r\n" {
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("host:") {
            host = value.trim().to_string();
        }
        line.clear();
    }
    match pages.iter().find(|p| p.host == host) {
        Some(page) => {
            crate::time::sleep(page.delay_secs);
            let body = vec![b'.'; page.bytes];
            write!(
                stream,
                "HTTP/1.0 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                page.bytes
            )?;
            stream.write_all(&body)
        }
        None => write!(
            stream,
            "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
    }
}

/// The host of an `http://` or `https://` URL (`https://github.com/` → `github.com`).
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', ':']).next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_cut_out_of_urls() {
        assert_eq!(host_of("https://github.com/"), "github.com");
        assert_eq!(host_of("http://abc.com"), "abc.com");
        assert_eq!(host_of("https://www.python.org:443/x"), "www.python.org");
    }
}
