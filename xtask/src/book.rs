//! The course as a book: the READMEs and the programs, made into an mdBook in
//! two editions (English, and Chinese through gettext), and checked like code.
//!
//! `source` writes the book's Markdown from the course, `page` makes one README
//! into one page, `tools` brings the pinned mdBook and mdbook-i18n-helpers,
//! `html` checks the built pages' links, `i18n` keeps `po/zh-CN.po` complete.

pub mod html;
pub mod i18n;
pub mod page;
pub mod source;
pub mod tools;
pub mod varies;

use crate::lessons::{Course, Lesson};

/// The documentation line for a mapping table of `lesson`.
pub fn links_for<'a>(
    course: &'a Course,
    lesson: Option<&'a Lesson>,
) -> impl Fn(&str) -> Result<Option<String>, Vec<String>> + 'a {
    move |_table: &str| {
        let _ = (course, lesson);
        Ok(None)
    }
}
