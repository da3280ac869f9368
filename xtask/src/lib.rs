//! The course's tooling, as a library with two front doors: the `cargo xtask`
//! binary (`src/main.rs`, which only parses the command line and calls one
//! of [`commands`]) and the tests crate (`tests/`), which runs the same
//! checks under `cargo test` and hands the result to insta.
//!
//! - [`commands`]: `list`, `verify`, `bless`, `exercise`, `bench` and `book`, one module each;
//! - [`lessons`]: what the course contains, read from `cargo metadata`;
//! - [`build`]: building every program to run in one cargo call;
//! - [`runner`]: running a program in its own process group, disturbed on purpose or not;
//! - [`procs`]: what `/proc` says of the processes a program left;
//! - [`normalise`]: redactions, declared any-order blocks, numbering;
//! - [`transcript`]: the `.snap` files and their copies in the READMEs;
//! - [`readme`]: the parts of a README kept equal to files and metadata;
//! - [`check`]: one program against its transcript, the verdict both doors use;
//! - [`twin`]: a program's Python twin against the same transcript;
//! - [`report`]: diffs and "did you mean";
//! - [`exercise`]: exercises checked by what the changed program does;
//! - [`costs`]: the costs chapter's figures as a table, a report and a chart;
//! - [`book`]: the course as an mdBook in two editions, and its checks, the
//!   browser test included.

pub mod book;
pub mod build;
pub mod check;
pub mod commands;
pub mod costs;
pub mod exercise;
pub mod lessons;
pub mod normalise;
pub mod procs;
pub mod readme;
pub mod report;
pub mod runner;
pub mod transcript;
pub mod twin;
