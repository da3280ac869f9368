//! The course as an mdBook, and the checks of the built book.
//!
//! - [`serve`]: a tiny static server for the built book.

pub mod serve;
