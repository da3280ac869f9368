//! The course as an mdBook: what the book generator adds to the lessons' READMEs.

pub mod doc_links;
