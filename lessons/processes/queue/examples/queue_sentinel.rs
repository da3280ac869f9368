//! A reader takes values from a queue until one is "falsy": the values 1, '0',
//! False and 1.1 make it print 1 and 0, then stop at False.
//!
//! Port of 001 进程间通信 (the `while val:` reader). Python's queue carries any
//! object, and `while val:` asks each one whether it is truthy. A Rust channel
//! carries one type, so the four kinds of value become one enum, and
//! truthiness becomes a method that says, for each kind, what Python would.

use std::fmt;

use ipc_channel::ipc::{self, IpcReceiver};
use serde::{Deserialize, Serialize};

/// The values the seed puts on its queue.
#[derive(Debug, Serialize, Deserialize)]
enum Value {
    Int(i64),
    Str(String),
    Bool(bool),
    Float(f64),
}

impl Value {
    /// Python's truth test: zero, empty and False are false.
    fn is_truthy(&self) -> bool {
        match self {
            Value::Int(n) => *n != 0,
            Value::Str(s) => !s.is_empty(), // '0' is a non-empty string: true
            Value::Bool(b) => *b,
            Value::Float(x) => *x != 0.0,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(n) => write!(f, "{n}"),
            Value::Str(s) => write!(f, "{s}"),
            Value::Bool(b) => f.write_str(shared::output::py_bool(*b)),
            Value::Float(x) => write!(f, "{x}"),
        }
    }
}

fn foo(q: IpcReceiver<Value>) {
    let next = || q.recv().expect("the parent keeps the queue open");
    let mut val = next();
    while val.is_truthy() {
        println!("{val}");
        val = next();
    }
}

fn main() -> shared::failure::Result {
    shared::process::init();
    let (q, rx) = ipc::channel()?;
    let p = procspawn::spawn(rx, foo);
    let values = [
        Value::Int(1),
        Value::Str("0".to_string()),
        Value::Bool(false),
        Value::Float(1.1),
    ];
    for val in values {
        // Once the reader has stopped at False, its end of the channel is
        // closed and a send fails. Python's put() would leave 1.1 in the
        // queue, unread forever; Rust tells the sender that nobody listens.
        if q.send(val).is_err() {
            break;
        }
    }
    p.join()?;
    Ok(())
}
