//! Printing values the way the Python original prints them.

/// Python's `True` and `False`, where a seed prints a boolean.
pub fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}
