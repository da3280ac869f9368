//! `HOST:PORT` as a learner types it, and what to say when using it fails.
//!
//! HOST is a name (`localhost`) or an IP (`127.0.0.1`, `[::1]`), and a name
//! may stand for several addresses: the master listens on the first IPv4 one,
//! as Python's `('localhost', 5000)` does, and a worker tries each in turn.
//! The system's own errors ("Connection refused (os error 111)") say neither
//! which address nor what to do; these say both.

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::time::Duration;

use shared::failure::Failure;
use tokio::net::{TcpListener, TcpStream};

/// An address that drops packets (a machine that is off, a firewall) would
/// otherwise keep a worker waiting for the system's own limit: minutes.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The form of an address, checked as the argument is read; the name is
/// looked up only when it is used.
pub fn parse(text: &str) -> Result<String, String> {
    match text.trim().rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok() => {
            Ok(text.trim().to_string())
        }
        _ => Err("expected HOST:PORT, such as 127.0.0.1:5000 or localhost:5000".to_string()),
    }
}

/// Port 0 asks the system for a free port.
pub async fn listen(addr: &str) -> Result<TcpListener, Failure> {
    let failed = |why: String| Failure::new(format!("could not listen on {addr}: {why}."));
    let found = tokio::net::lookup_host(addr).await;
    let mut addrs: Vec<SocketAddr> = found.map_err(|e| failed(e.to_string()))?.collect();
    addrs.sort_by_key(SocketAddr::is_ipv6); // a stable sort: IPv4 first, else the system's order
    let first = addrs
        .first()
        .ok_or_else(|| failed("the name has no address".into()))?;
    match TcpListener::bind(*first).await {
        Ok(listener) => Ok(listener),
        Err(err) if err.kind() == ErrorKind::AddrInUse => {
            let (host, port) = addr.rsplit_once(':').unwrap_or((addr, ""));
            let next = port.parse::<u16>().ok().and_then(|p| p.checked_add(1));
            Err(failed(format!(
                "another program is already using that port. Stop it, or pass another with \
                 --listen {host}:{}",
                next.unwrap_or(5000)
            )))
        }
        Err(err) => Err(failed(err.to_string())),
    }
}

pub async fn connect(addr: &str) -> Result<TcpStream, Failure> {
    let why = match tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect(addr)).await {
        Ok(Ok(stream)) => return Ok(stream),
        // The machine is there, and the master is not.
        Ok(Err(err)) if err.kind() == ErrorKind::ConnectionRefused => {
            "nobody is listening there. Start the master first (`cargo run -p \
             processes-distributed -- master`), or check the address"
                .to_string()
        }
        Ok(Err(err)) => err.to_string(),
        Err(_) => format!(
            "no answer within {} s. The machine may be off, or a firewall may drop the \
             connection; check the address",
            CONNECT_TIMEOUT.as_secs()
        ),
    };
    Err(Failure::new(format!(
        "could not connect to the master at {addr}: {why}."
    )))
}
