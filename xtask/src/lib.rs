//! The course's tooling, as a library with two front doors: the `cargo xtask`
//! binary (`src/main.rs`, which only parses the command line and calls one
//! of [`commands`]) and the tests crate (`tests/`), which runs the same
//! checks under `cargo test` and hands the result to insta.
//!
//! The modules stand in layers, each using only those below it:
//!
//! 1. [`report`] (diffs, "did you mean") and [`procs`] (`/proc`): leaves;
//! 2. [`model`]: what the course is, as data: lessons, programs, exercises,
//!    placeholders, redactions, transcripts;
//! 3. [`runner`] (one [`runner::Launch`] in its own process group, disturbed
//!    on purpose or not), [`normalise`] (raw output to transcript text),
//!    [`readme`] (the parts of a README kept equal to files), [`build`]
//!    (one cargo call), [`costs`] (the costs chapter's figures),
//!    [`interpreter`] (what a Python is, and the free-threaded one built);
//! 4. [`check`]: one program against its transcript, and a run's problems in
//!    sentences, the verdict both doors use;
//! 5. [`twin`] (a Python twin against the same transcript) and [`attempt`]
//!    (an exercise's attempt or solution, checked by what it does);
//! 6. [`book`]: the course as an mdBook in two editions, and its checks;
//! 7. [`commands`]: `list`, `verify`, `bless`, `exercise`, `bench`, `book`,
//!    `python`.
//!
//! `xtask/tests/tidy.rs` keeps the layers: no module imports one above it.

pub mod attempt;
pub mod book;
pub mod build;
pub mod check;
pub mod commands;
pub mod costs;
pub mod interpreter;
pub mod model;
pub mod normalise;
pub mod procs;
pub mod readme;
pub mod report;
pub mod runner;
pub mod twin;
