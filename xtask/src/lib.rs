//! The course's tooling, as a library with two front doors: the `cargo xtask`
//! binary (`src/main.rs`) and the tests crate (`tests/`), which runs the same
//! checks under `cargo test` and hands the result to insta.
//!
//! - [`lessons`]: what the course contains, read from `cargo metadata`;
//! - [`runner`]: building once, running a program in its own process group;
//! - [`normalise`]: redactions, declared any-order blocks, numbering;
//! - [`transcript`]: the `.snap` files and their copies in the READMEs;
//! - [`check`]: one program against its transcript, the verdict both doors use;
//! - [`bench`]: the costs chapter's figures as a table, a report and a chart.

pub mod bench;
pub mod check;
pub mod lessons;
pub mod normalise;
pub mod report;
pub mod runner;
pub mod transcript;
