//! What crosses the wire: typed messages in length-prefixed frames, and the
//! HMAC challenge that proves both sides know the key without sending it.
//!
//! Each message is a frame: a 4-byte big-endian length, then that many bytes
//! of JSON. tokio-util's `LengthDelimitedCodec` does the framing, and refuses
//! a frame longer than [`MAX_FRAME`] *before* allocating anything: a peer that
//! claims a 4 GiB message gets its connection dropped, not 4 GiB of memory.
//! JSON keeps the messages readable in a packet capture; a binary format
//! would be smaller, and nothing else would change.
//!
//! The key check is mutual, like Python's `multiprocessing.connection`: each
//! side sends a fresh random nonce, and the other answers with
//! HMAC-SHA256(key, role ‖ nonce). The key never travels; a recorded answer
//! is useless for another nonce; the role in the MAC stops one side's answer
//! from being replayed as the other's.

use std::fmt;
use std::io;

use futures_util::{SinkExt, StreamExt};
use hmac::{Hmac, KeyInit, Mac};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use tokio::net::TcpStream;
use tokio_util::bytes::Bytes;
use tokio_util::codec::{Framed, LengthDelimitedCodec};

/// The largest frame either side accepts: far more than any message needs.
pub const MAX_FRAME: usize = 64 * 1024;

/// The key both sides use unless told otherwise (Python's classic example
/// uses `authkey=b'abc'`).
pub const DEFAULT_KEY: &str = "abc";

/// One unit of work: square `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: u32,
    pub n: u64,
}

/// From the master to a worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Prove you know the key: answer with HMAC(key, "worker" ‖ nonce).
    Challenge {
        nonce: Vec<u8>,
    },
    /// Accepted; here is the master's own proof for the worker's nonce.
    Welcome {
        proof: Vec<u8>,
    },
    /// Not accepted, and why.
    Refused {
        reason: String,
    },
    Task(Task),
    /// No more tasks: the worker may leave.
    Done,
}

/// From a worker to the master.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToMaster {
    /// The worker's name, its answer to the challenge, and its own challenge.
    Hello {
        name: String,
        proof: Vec<u8>,
        nonce: Vec<u8>,
    },
    /// The result of a task.
    Result { id: u32, n: u64, square: u64 },
}

/// A connection, framed.
pub type Conn = Framed<TcpStream, LengthDelimitedCodec>;

/// Wraps a stream in the course's framing, with the size limit.
///
/// Small messages, each answered before the next is sent, are what Nagle's
/// algorithm holds back; `TCP_NODELAY` sends each frame at once.
pub fn framed(stream: TcpStream) -> io::Result<Conn> {
    stream.set_nodelay(true)?;
    Ok(LengthDelimitedCodec::builder()
        .max_frame_length(MAX_FRAME)
        .new_framed(stream))
}

/// Why a connection could not go on.
#[derive(Debug)]
pub enum ProtoError {
    /// The peer closed the connection (at a frame boundary).
    Closed,
    /// The connection failed, or a frame was too long or cut short.
    Io(io::Error),
    /// A frame arrived but is not a message of the protocol.
    Malformed(serde_json::Error),
}

impl fmt::Display for ProtoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProtoError::Closed => f.write_str("connection closed"),
            ProtoError::Io(e) => write!(f, "{e}"),
            ProtoError::Malformed(e) => write!(f, "not a message of the protocol ({e})"),
        }
    }
}

impl std::error::Error for ProtoError {}

/// Sends one message as one frame.
pub async fn send<T: Serialize>(conn: &mut Conn, msg: &T) -> Result<(), ProtoError> {
    let json = serde_json::to_vec(msg).map_err(ProtoError::Malformed)?;
    conn.send(Bytes::from(json)).await.map_err(ProtoError::Io)
}

/// Receives one message.
pub async fn recv<T: DeserializeOwned>(conn: &mut Conn) -> Result<T, ProtoError> {
    match conn.next().await {
        None => Err(ProtoError::Closed),
        Some(Err(e)) => Err(ProtoError::Io(e)),
        Some(Ok(frame)) => serde_json::from_slice(&frame).map_err(ProtoError::Malformed),
    }
}

/// 32 bytes from the operating system's random source.
pub fn nonce() -> io::Result<Vec<u8>> {
    let mut bytes = vec![0; 32];
    getrandom::fill(&mut bytes).map_err(|e| io::Error::other(e.to_string()))?;
    Ok(bytes)
}

fn mac(key: &[u8], role: &str, nonce: &[u8]) -> Hmac<Sha256> {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(role.as_bytes());
    mac.update(nonce);
    mac
}

/// The answer to `nonce` for someone in `role` ("worker" or "master").
pub fn proof(key: &[u8], role: &str, nonce: &[u8]) -> Vec<u8> {
    mac(key, role, nonce).finalize().into_bytes().to_vec()
}

/// Whether `answer` is the right answer, compared in constant time.
pub fn check(key: &[u8], role: &str, nonce: &[u8], answer: &[u8]) -> bool {
    mac(key, role, nonce).verify_slice(answer).is_ok()
}
