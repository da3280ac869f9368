//! The course as a book: the READMEs and the programs, made into an mdBook in
//! two editions (English, and Chinese through gettext), and checked like code.
//!
//! `source` writes the book's Markdown from the course, `page` makes one README
//! into one page, `doc_links` links what a mapping table names to its
//! documentation, `varies` says what differs between runs, `tools` brings the
//! pinned mdBook and mdbook-i18n-helpers, `html` checks the built pages'
//! links, `i18n` keeps `po/zh-CN.po` complete; `browser` opens every page in
//! headless Chromium (`cdp`) from a server on 127.0.0.1 (`serve`).

pub mod browser;
pub mod cdp;
pub mod doc_links;
pub mod html;
pub mod i18n;
pub mod page;
pub mod serve;
pub mod source;
pub mod tools;
pub mod varies;

use std::fs;
use std::path::{Path, PathBuf};

use crate::lessons::Course;

/// The documentation line for a mapping table of the README in `dir`, whose
/// own definitions (in the Rust files under `dir`) are not linked.
pub fn links_for(
    course: &Course,
    dir: &Path,
) -> impl Fn(&str) -> Result<Option<String>, Vec<String>> + use<> {
    let lock = doc_links::Lockfile::read(&course.root.join("Cargo.lock"));
    let sources: Vec<String> = rust_files(dir)
        .iter()
        .filter_map(|f| fs::read_to_string(f).ok())
        .collect();
    let names = doc_links::local_names(&sources.iter().map(String::as_str).collect::<Vec<_>>());
    move |table: &str| match &lock {
        Ok(lock) => doc_links::documentation_line(table, &names, lock),
        Err(e) => Err(vec![e.clone()]),
    }
}

/// Every `.rs` file under `dir`, `target/` aside.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for path in fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
    {
        if path.is_dir() {
            if !path.ends_with("target") {
                found.extend(rust_files(&path));
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}
