//! The course as an mdBook, and the checks of the built book.
//!
//! - [`serve`]: a tiny static server for the built book;
//! - [`cdp`]: headless chromium, driven over the DevTools protocol;
//! - [`browser`]: every page of a built book opened in chromium, and checked.

pub mod browser;
pub mod cdp;
pub mod serve;
