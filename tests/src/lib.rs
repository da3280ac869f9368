//! This crate holds only tests: see `tests/transcripts.rs`.
