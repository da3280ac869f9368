//! The programs of this lesson race on purpose. This file keeps what Rust
//! refuses: the direct translations of the seeds' racy Python, which
//! `cargo test` compiles and expects to fail.
//!
//! A global changed by two threads, as the seed writes it, is a `static mut`.
//! Touching one is `unsafe`, because nothing stops two threads from using it
//! at once (error E0133):
//!
//! ```compile_fail,E0133
//! static mut BALANCE: i64 = 0;
//!
//! fn change_it(n: i64) {
//!     BALANCE = BALANCE + n;
//!     BALANCE = BALANCE - n;
//! }
//!
//! let t1 = std::thread::spawn(|| for _ in 0..1_000_000 { change_it(5) });
//! let t2 = std::thread::spawn(|| for _ in 0..1_000_000 { change_it(8) });
//! t1.join().unwrap();
//! t2.join().unwrap();
//! ```
//!
//! A local variable that two threads change is refused too: each thread
//! would need a mutable borrow of it at the same time (error E0499):
//!
//! ```compile_fail,E0499
//! let mut balance = 0;
//! std::thread::scope(|s| {
//!     s.spawn(|| for _ in 0..1_000_000 { balance = balance + 5; balance = balance - 5; });
//!     s.spawn(|| for _ in 0..1_000_000 { balance = balance + 8; balance = balance - 8; });
//! });
//! ```
//!
//! And the same with the lock-free tool Rust does offer compiles and races
//! *safely*: every load and store is atomic, but a change made as a load and
//! then a separate store can still overwrite another thread's change:
//!
//! ```
//! use std::sync::atomic::{AtomicI64, Ordering::Relaxed};
//! static BALANCE: AtomicI64 = AtomicI64::new(0);
//! let b = BALANCE.load(Relaxed);
//! BALANCE.store(b + 5, Relaxed); // another thread's store in between is lost
//! ```

/// How many times a program runs its race before it gives up waiting for one
/// to show. On two busy cores the first round almost always does.
pub const MAX_ROUNDS: u32 = 100;
