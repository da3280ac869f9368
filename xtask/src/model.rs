//! What the course is, as data: its lessons and their programs, their
//! exercises, the placeholders of a transcript and the redactions that write
//! them, and the transcripts themselves. Every other module of the tooling
//! builds on these; none of them imports anything from above.
//!
//! - [`course`]: the chapters, lessons and programs, read from `cargo metadata`;
//! - [`exercise`]: a lesson's exercises, and their solutions as patches;
//! - [`placeholder`]: each kind of placeholder, defined once;
//! - [`transcript`]: the `.snap` files, read and written through insta.

pub mod course;
pub mod exercise;
pub mod placeholder;
pub mod transcript;

pub use course::{
    Build, BuildNeeds, CHAPTERS, Course, Dependency, Difference, Lesson, Program, Twin, cargo,
    workspace_root,
};
pub use exercise::{Ending, Exercise, Place};
pub use placeholder::{Kind, Redaction};
pub use transcript::Transcript;

use std::path::{Path, PathBuf};

/// Every file under `dir` whose name ends with `.{ext}` (any file when
/// `ext` is empty), in a stable order, skipping any `target/` folder.
pub fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !(e.depth() > 0 && e.file_type().is_dir() && e.file_name() == "target"))
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| ext.is_empty() || p.extension().is_some_and(|e| e == ext))
        .collect()
}
