//! A process described by a type: `Foo` carries its data and says what to run,
//! and a generic `start` runs any such type in a child process.
//!
//! Port of 001 多进程实现 #3, where `class Foo(Process)` overrides `run()` and
//! `Process.start()` calls it in the child. Rust has no inheritance; the same
//! shape is a trait with a `run` method, implemented by a plain struct. The
//! struct must be serialisable, because the child receives a copy of it.

use std::process::{ExitCode, id};

use shared::failure::describe;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// What Python's `Process.run` is: the work a child process does.
trait Run {
    fn run(&self);
}

/// Python's `class Foo(Process)` with its `name`.
#[derive(serde::Serialize, serde::Deserialize)]
struct Foo {
    name: String,
}

impl Run for Foo {
    fn run(&self) {
        println!("name: {}", self.name);
        println!("sub process: {}", id());
    }
}

/// Python's `Process.start()` for any `Run` type: the value is copied into a
/// new process, which calls its `run`.
fn start<T: Run + Serialize + DeserializeOwned>(process: T) -> procspawn::JoinHandle<()> {
    procspawn::spawn(process, |p: T| p.run())
}

fn main() -> ExitCode {
    shared::process::init();
    println!("parent process: {}", id());
    let p = start(Foo {
        name: "bob".to_string(),
    });
    // The seed never joins; Python waits for the child at exit. Rust does
    // nothing implicitly, so we wait, and learn whether the child failed.
    if let Err(err) = p.join() {
        eprintln!("child process failed: {}", describe(&err));
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
