//! What crosses the wire: typed messages in length-prefixed frames, and the
//! HMAC challenge that proves both sides know the key without sending it.
//!
//! A frame is a 4-byte length, then that many bytes of JSON. tokio-util's
//! `LengthDelimitedCodec` refuses a frame longer than [`MAX_FRAME`] *before*
//! allocating: a peer that claims a 4 GiB message loses its connection, and
//! we keep our memory. The enums are the protocol: a message that is not one
//! of them does not parse, and `match` makes each side handle every one.
//!
//! The key check is mutual, as in Python's `multiprocessing.connection`: each
//! side sends a fresh random nonce, and the other answers with
//! HMAC-SHA256(key, role ‖ nonce). The key never travels, a recorded answer
//! is no use for another nonce, and the role stops a master's answer from
//! being replayed as a worker's.

use std::fmt;
use std::io;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use hmac::{Hmac, KeyInit, Mac};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use tokio::net::TcpStream;
use tokio_util::bytes::Bytes;
use tokio_util::codec::{Framed, LengthDelimitedCodec};

/// Far more than any message needs.
pub const MAX_FRAME: usize = 64 * 1024;

/// How long either side waits for the other's part of the handshake: a
/// program that is not of this lesson may never say anything.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);

/// Python's classic example uses `authkey=b'abc'`.
pub const DEFAULT_KEY: &str = "abc";

/// One unit of work: square `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: u32,
    pub n: u64,
}

#[derive(Debug, Serialize, Deserialize)]
pub enum ToWorker {
    /// Prove you know the key: answer with HMAC(key, "worker" ‖ nonce).
    Challenge {
        nonce: Vec<u8>,
    },
    /// Accepted, with the master's own answer to the worker's nonce.
    Welcome {
        proof: Vec<u8>,
    },
    Refused {
        reason: String,
    },
    Task(Task),
    /// No more tasks: the worker may leave.
    Done,
}

#[derive(Debug, Serialize, Deserialize)]
pub enum ToMaster {
    /// The worker's name, its answer to the challenge, and its own challenge.
    Hello {
        name: String,
        proof: Vec<u8>,
        nonce: Vec<u8>,
    },
    Result {
        id: u32,
        n: u64,
        square: u64,
    },
}

pub type Conn = Framed<TcpStream, LengthDelimitedCodec>;

pub fn framed(stream: TcpStream) -> Conn {
    // Each small frame waits for its answer, which is what Nagle's algorithm
    // delays. (Were the option refused, frames would only come later.)
    let _ = stream.set_nodelay(true);
    LengthDelimitedCodec::builder()
        .max_frame_length(MAX_FRAME)
        .new_framed(stream)
}

/// Why a connection cannot go on, sorted so that each side can say what
/// probably happened.
#[derive(Debug)]
pub enum ProtoError {
    /// The peer closed the connection between frames.
    Closed,
    /// The connection failed, or a frame was cut short.
    Io(io::Error),
    /// A frame too long, or one that is not a message.
    Garbage(String),
}

impl fmt::Display for ProtoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProtoError::Closed => f.write_str("connection closed"),
            ProtoError::Io(e) => write!(f, "{e}"),
            ProtoError::Garbage(why) => write!(f, "not a message of the protocol ({why})"),
        }
    }
}

impl std::error::Error for ProtoError {}

pub async fn send<T: Serialize>(conn: &mut Conn, msg: &T) -> Result<(), ProtoError> {
    let json = serde_json::to_vec(msg).map_err(|e| ProtoError::Garbage(e.to_string()))?;
    conn.send(Bytes::from(json)).await.map_err(ProtoError::Io)
}

pub async fn recv<T: DeserializeOwned>(conn: &mut Conn) -> Result<T, ProtoError> {
    match conn.next().await {
        None => Err(ProtoError::Closed),
        // The codec's way of refusing a frame longer than MAX_FRAME.
        Some(Err(e)) if e.kind() == io::ErrorKind::InvalidData => {
            Err(ProtoError::Garbage(e.to_string()))
        }
        Some(Err(e)) => Err(ProtoError::Io(e)),
        Some(Ok(frame)) => {
            serde_json::from_slice(&frame).map_err(|e| ProtoError::Garbage(e.to_string()))
        }
    }
}

/// 32 bytes from the operating system's random source.
pub fn nonce() -> Result<Vec<u8>, getrandom::Error> {
    let mut bytes = vec![0; 32];
    getrandom::fill(&mut bytes)?;
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

/// Compared in constant time, so the time taken says nothing about the key.
pub fn check(key: &[u8], role: &str, nonce: &[u8], answer: &[u8]) -> bool {
    mac(key, role, nonce).verify_slice(answer).is_ok()
}
