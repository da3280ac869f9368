//! What the compiler says about a future that is never awaited.
//!
//! Python warns at run time, when the program ends: "RuntimeWarning: coroutine
//! 'say' was never awaited". Rust warns at compile time: a future is
//! `#[must_use]`, and throwing one away unused triggers the `unused_must_use`
//! lint. `cargo test` checks that it still does, by making the lint an error:
//!
//! ```compile_fail
//! #![deny(unused_must_use)]
//!
//! async fn say(delay: u64) {
//!     let _ = delay;
//! }
//!
//! fn main() {
//!     say(1); // the future is built and dropped: nothing ever runs
//! }
//! ```
//!
//! Binding it, or awaiting it, is what the lint asks for:
//!
//! ```
//! #![deny(unused_must_use)]
//! async fn say(delay: u64) {
//!     let _ = delay;
//! }
//! let future = say(1); // built, not run
//! drop(future);        // and dropped on purpose
//! ```
