//! The Chinese edition's translation, kept by gettext as Comprehensive Rust
//! keeps its own: English is the source, `po/zh-CN.po` holds the translation
//! of each message (a paragraph, a list item, a table cell, a heading), and
//! mdbook-gettext applies it while the Chinese edition is built.
//!
//! The template is extracted from the Chinese edition's sources (which leave
//! out the contributors' page and the English glosses) with mdbook-xgettext.
//! The check merges the translation with a fresh template, as a translator's
//! update would, and fails on any message that is then untranslated or fuzzy:
//! a changed English paragraph cannot silently stay English, or stale, in the
//! Chinese book. Merging and counting use GNU gettext (`msgmerge`, `msgfmt`).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::tools::Tools;

/// The translation, relative to the workspace root.
pub const PO: &str = "po/zh-CN.po";

/// Extracts the template of the book whose sources are in `book_root` into
/// `out/messages.pot`.
pub fn extract(tools: &Tools, book_root: &Path, out: &Path) -> Result<PathBuf, String> {
    let output = Command::new(&tools.mdbook)
        .arg("build")
        .arg(book_root)
        .arg("-d")
        .arg(out)
        .env(
            "MDBOOK_OUTPUT",
            format!(
                r#"{{"xgettext": {{"command": {:?}}}}}"#,
                tools.xgettext.display().to_string()
            ),
        )
        // Extract the English: with no po file for "en", gettext changes nothing.
        .env("MDBOOK_BOOK__LANGUAGE", "en")
        .output()
        .map_err(|e| format!("could not start mdbook: {e}"))?;
    let pot = out.join("messages.pot");
    if !output.status.success() || !pot.is_file() {
        return Err(format!(
            "mdbook-xgettext could not extract the messages:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(pot)
}

/// How complete the translation is against `pot`.
#[derive(Debug)]
pub struct Counts {
    pub translated: usize,
    pub fuzzy: usize,
    pub untranslated: usize,
    /// `msgfmt --statistics`'s own line, to quote.
    pub statistics: String,
}

/// Merges `po` with `pot` into a scratch copy and counts it.
pub fn counts(po: &Path, pot: &Path, scratch: &Path) -> Result<Counts, String> {
    let merged = scratch.join("merged.po");
    let status = Command::new("msgmerge")
        .args(["--quiet", "--no-wrap", "-o"])
        .arg(&merged)
        .arg(po)
        .arg(pot)
        .status()
        .map_err(|e| {
            format!("could not run msgmerge ({e}); the translation check needs GNU gettext: apt-get install -y gettext")
        })?;
    if !status.success() {
        return Err(format!(
            "msgmerge could not merge {} with the template",
            po.display()
        ));
    }
    let output = Command::new("msgfmt")
        .args(["--check", "--statistics", "-o", "/dev/null"])
        .arg(&merged)
        .output()
        .map_err(|e| format!("could not run msgfmt: {e}"))?;
    let statistics = String::from_utf8_lossy(&output.stderr).trim().to_string();
    if !output.status.success() {
        return Err(format!(
            "msgfmt finds {} malformed:\n{statistics}",
            po.display()
        ));
    }
    let number = |word: &str| {
        statistics
            .split(", ")
            .find(|part| part.contains(word))
            .and_then(|part| part.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    Ok(Counts {
        translated: number("translated message"),
        fuzzy: number("fuzzy"),
        untranslated: number("untranslated"),
        statistics,
    })
}

/// Brings `po` up to date with `pot` for a translator: new messages appear
/// untranslated, changed ones fuzzy, removed ones obsolete.
pub fn update(po: &Path, pot: &Path) -> Result<(), String> {
    let status = if po.is_file() {
        Command::new("msgmerge")
            .args(["--quiet", "--update", "--backup=none", "--no-wrap"])
            .arg(po)
            .arg(pot)
            .status()
    } else {
        Command::new("msginit")
            .args(["--no-translator", "--no-wrap", "--locale=zh_CN.UTF-8", "-i"])
            .arg(pot)
            .arg("-o")
            .arg(po)
            .status()
    }
    .map_err(|e| format!("could not run GNU gettext ({e}): apt-get install -y gettext"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("gettext could not update {}", po.display()))
    }
}
