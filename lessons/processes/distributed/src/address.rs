//! Addresses as a learner types them, and the errors of using one.
//!
//! Both sides take `HOST:PORT`, where HOST is a name (`localhost`) or an IP
//! (`127.0.0.1`, `[::1]`), and look the name up. A name can stand for several
//! addresses (`localhost` often means both `::1` and `127.0.0.1`); the master
//! listens on the first IPv4 one, as Python's `('localhost', 5000)` does, and a
//! worker tries them in the same order, so the two meet on the same name. When
//! listening or connecting fails, the error says which address, what probably
//! went wrong and what to do: the operating system's "Connection refused (os
//! error 111)" says none of that.

use std::fmt;
use std::io::{self, ErrorKind};
use std::net::SocketAddr;
use std::str::FromStr;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};

/// How long a worker tries to reach the master before it gives up. Without a
/// limit, an address that drops packets (a machine that is off, a firewall)
/// keeps the worker waiting for the system's own limit, minutes on Linux.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// `HOST:PORT`, as typed, not yet looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    host: String,
    port: u16,
}

/// What an address must look like, in the words of its error message.
pub const EXPECTED: &str = "expected HOST:PORT, such as 127.0.0.1:5000 or localhost:5000";

impl FromStr for Address {
    type Err = String;

    fn from_str(text: &str) -> Result<Address, String> {
        let text = text.trim();
        let Some((host, port)) = text.rsplit_once(':') else {
            return Err(format!("{EXPECTED} (the port is missing)"));
        };
        let host = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            Some(v6) => v6,
            None if host.contains(':') => {
                return Err(format!(
                    "{EXPECTED}; write an IPv6 address in brackets: [::1]:5000"
                ));
            }
            None => host,
        };
        if host.is_empty() {
            return Err(format!("{EXPECTED} (the host is missing)"));
        }
        let port = port
            .parse()
            .map_err(|_| format!("{EXPECTED} (the port is a whole number up to 65535)"))?;
        Ok(Address {
            host: host.to_string(),
            port,
        })
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

impl From<SocketAddr> for Address {
    fn from(addr: SocketAddr) -> Address {
        Address {
            host: addr.ip().to_string(),
            port: addr.port(),
        }
    }
}

/// Why an address could not be listened on or connected to: a sentence or
/// two that name the address, and the system's error kind for tests.
#[derive(Debug)]
pub struct NetError {
    message: String,
    kind: ErrorKind,
}

impl NetError {
    /// The system's reason, as a kind (`ConnectionRefused`, `AddrInUse`, …).
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for NetError {}

impl Address {
    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Every address the host stands for, IPv4 first.
    async fn resolve(&self, doing: &str) -> Result<Vec<SocketAddr>, NetError> {
        let not_found = |err: io::Error| NetError {
            message: format!(
                "{doing} {self}: the name {} was not found ({err}). Check it, or give an \
                 IP address such as 127.0.0.1:{}.",
                self.host, self.port
            ),
            kind: err.kind(),
        };
        let mut addrs: Vec<SocketAddr> = tokio::net::lookup_host((self.host.as_str(), self.port))
            .await
            .map_err(not_found)?
            .collect();
        if addrs.is_empty() {
            return Err(not_found(io::Error::other("it has no address")));
        }
        // A stable sort: the system's order stays within each family.
        addrs.sort_by_key(SocketAddr::is_ipv6);
        Ok(addrs)
    }

    /// Listens on the first address the host stands for (IPv4 first). Port 0
    /// asks the system for a free port.
    pub async fn listen(&self) -> Result<TcpListener, NetError> {
        let doing = "could not listen on";
        let addr = self.resolve(doing).await?[0];
        TcpListener::bind(addr).await.map_err(|err| {
            let why = match err.kind() {
                ErrorKind::AddrInUse => format!(
                    "another program is already using that port. Stop it, or pass another \
                     with --listen {}",
                    Address {
                        host: self.host.clone(),
                        port: self.port.checked_add(1).unwrap_or(5000),
                    }
                ),
                ErrorKind::AddrNotAvailable => format!(
                    "{} is not an address of this machine. Listen on 127.0.0.1 (this machine \
                     only), or on one of this machine's own addresses",
                    addr.ip()
                ),
                ErrorKind::PermissionDenied if self.port < 1024 => format!(
                    "ports below 1024 are reserved for the system. Pick one from 1024 up, \
                     such as --listen {}",
                    Address {
                        host: self.host.clone(),
                        port: 5000,
                    }
                ),
                _ => err.to_string(),
            };
            NetError {
                message: format!("{doing} {self}: {why}."),
                kind: err.kind(),
            }
        })
    }

    /// Connects to the master at this address, trying each address the host
    /// stands for (IPv4 first), for at most [`CONNECT_TIMEOUT`] once the name
    /// is looked up.
    pub async fn connect(&self) -> Result<TcpStream, NetError> {
        let doing = "could not connect to the master at";
        let addrs = self.resolve(doing).await?;
        let attempt = async {
            let mut telling: Option<io::Error> = None;
            for addr in addrs {
                match TcpStream::connect(addr).await {
                    Ok(stream) => return Ok(stream),
                    // The first error, unless a later address refused: a
                    // refusal says the machine is there and the master is
                    // not, which matters more than an IPv6 that is disabled.
                    Err(err) => {
                        if telling.is_none() || err.kind() == ErrorKind::ConnectionRefused {
                            telling = Some(err);
                        }
                    }
                }
            }
            Err(telling.unwrap_or_else(|| io::Error::other("no address to try")))
        };
        let err = match tokio::time::timeout(CONNECT_TIMEOUT, attempt).await {
            Ok(Ok(stream)) => return Ok(stream),
            Ok(Err(err)) => err,
            Err(_) => io::Error::from(ErrorKind::TimedOut),
        };
        let why = match err.kind() {
            ErrorKind::ConnectionRefused => "nobody is listening there. Start the master first \
                 (`cargo run -p processes-distributed -- master`), or check the address"
                .to_string(),
            ErrorKind::TimedOut => format!(
                "no answer within {} s. The machine may be off, or a firewall may drop the \
                 connection; check the address",
                CONNECT_TIMEOUT.as_secs()
            ),
            ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => {
                format!("there is no route to it ({err}). Check the address and the network")
            }
            _ => err.to_string(),
        };
        Err(NetError {
            message: format!("{doing} {self}: {why}."),
            kind: err.kind(),
        })
    }
}
