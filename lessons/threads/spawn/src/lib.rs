//! What this lesson's programs share: the current thread's name.

use std::thread;

/// The name of the thread that calls it, as `threading.current_thread().name`.
///
/// Rust names the main thread `main` (Python: `MainThread`). A thread started
/// without a name has none; Python would invent one (`Thread-1`).
pub fn current_name() -> String {
    thread::current().name().unwrap_or("<unnamed>").to_string()
}
