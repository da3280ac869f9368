//! A distributed task queue on one machine or several: a master hands out
//! tasks over TCP, workers connect, take tasks one at a time and send back
//! results, and nothing is lost when a worker dies.
//!
//! - [`proto`]: the messages, their framing, and the key check;
//! - [`master`]: the task board and the server;
//! - [`worker`]: the client that does the work;
//! - [`address`]: `HOST:PORT` as typed, looked up, and the errors of using it.

pub mod address;
pub mod master;
pub mod proto;
pub mod worker;
