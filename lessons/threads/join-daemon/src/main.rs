//! The main thread waits for one thread with `join`, asks whether it is
//! still alive, then starts a second thread and ends without waiting for it:
//! the second thread ends with the process, before it can print.
//!
//! Port of 001 多线程实现 #4. Rust's `JoinHandle::join` takes the handle by
//! value, so a joined thread cannot be asked anything afterwards. `PyThread`
//! below keeps Python's shape (`join` then `is_alive`) on top of
//! `JoinHandle::is_finished`.

use std::thread::{self, JoinHandle};

use shared::output::py_bool;
use shared::time::sleep;

fn foo(num: u32) {
    sleep(1.0);
    println!("子线程{num}执行");
}

/// A thread handle that answers `is_alive` before and after `join`, as Python's does.
struct PyThread {
    handle: Option<JoinHandle<()>>,
}

impl PyThread {
    fn start(f: impl FnOnce() + Send + 'static) -> Self {
        PyThread {
            handle: Some(thread::spawn(f)),
        }
    }

    fn join(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.join().expect("the thread only sleeps and prints");
        }
    }

    /// Python's `is_alive()`: started and not finished. Once joined, never alive.
    fn is_alive(&self) -> bool {
        self.handle.as_ref().is_some_and(|h| !h.is_finished())
    }
}

fn main() {
    shared::start();
    println!("主线程开始");
    let mut t = PyThread::start(|| foo(1));
    println!("子线程 1 阻塞");
    t.join(); // blocks the main thread
    println!("子线程 1 是否存活: {}", py_bool(t.is_alive()));

    // Python's `t2.daemon = True`: nobody will wait for it. In Rust that is
    // simply a thread whose handle is dropped (detached): when `main`
    // returns, the process exits and takes the thread with it, mid-sleep.
    let t2 = thread::spawn(|| foo(2));
    drop(t2);
    println!("主线程结束");
}
