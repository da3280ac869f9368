//! Printing values the way the Python original prints them.

/// Python's `True` and `False`, where a seed prints a boolean.
pub fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// Writes one whole line to stderr in a single write.
///
/// Rust's stderr is unbuffered, so `eprintln!("{a}: {b}")` can reach the
/// terminal in pieces, and two processes logging at once can interleave them
/// mid-line. A line written whole (and shorter than a pipe's buffer) cannot.
pub fn log_line(line: &str) {
    use std::io::Write;
    let mut bytes = Vec::with_capacity(line.len() + 1);
    bytes.extend_from_slice(line.as_bytes());
    bytes.push(b'\n');
    let _ = std::io::stderr().write_all(&bytes);
}
