//! A task queue across processes: a master hands out tasks over TCP, workers
//! connect, take one task at a time and send back the result, and nothing is
//! lost when a worker dies.
//!
//! - [`proto`]: the messages, their framing, and the key check;
//! - [`master`]: the task board and the server;
//! - [`worker`]: the client that does the work;
//! - [`address`]: `HOST:PORT` as typed, and what to say when it fails.

pub mod address;
pub mod master;
pub mod proto;
pub mod worker;
