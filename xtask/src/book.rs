//! The course as a book: the READMEs and the programs, made into an mdBook in
//! two editions (English, and Chinese through gettext), and checked like code.
//!
//! `source` writes the book's Markdown from the course, `page` makes one README
//! into one page, `doc_links` links what a mapping table names to its
//! documentation, `varies` says what differs between runs, `tools` brings the
//! pinned mdBook and mdbook-i18n-helpers, `html` checks the built pages'
//! links, `i18n` keeps `po/zh-CN.po` complete; `browser` opens every page in
//! headless Chromium (`cdp`) from a server on 127.0.0.1 (`serve`).

pub mod anchors;
pub mod browser;
pub mod cdp;
pub mod doc_links;
pub mod html;
pub mod i18n;
pub mod page;
pub mod search;
pub mod serve;
pub mod source;
pub mod tools;
pub mod varies;
pub mod zh_check;

use std::fs;
use std::path::Path;

/// The documentation line for a mapping table of the README in `dir`, whose
/// own definitions (in the Rust files under `dir`) are not linked; `crates`
/// are the workspace's crates (`doc_links::Crates::load`).
pub fn links_for<'c>(
    crates: &'c Result<doc_links::Crates, String>,
    dir: &Path,
) -> impl Fn(&str) -> Result<Option<String>, Vec<String>> + use<'c> {
    let sources: Vec<String> = crate::model::files_under(dir, "rs")
        .iter()
        .filter_map(|f| fs::read_to_string(f).ok())
        .collect();
    let names = doc_links::local_names(&sources.iter().map(String::as_str).collect::<Vec<_>>());
    move |table: &str| match crates {
        Ok(crates) => doc_links::documentation_line(table, &names, crates),
        Err(e) => Err(vec![e.clone()]),
    }
}
