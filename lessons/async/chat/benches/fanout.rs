//! Fan-out: one line to N clients (placeholder).

fn main() {}
