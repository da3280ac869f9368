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

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::tools::Tools;

/// The translation, relative to the workspace root.
pub const PO: &str = "po/zh-CN.po";

/// The costs chapter's report, which `cargo xtask bench --write` rewrites with
/// every measurement it is asked to keep, lies between these markers. It is figures and the machine's
/// name; translating it would make every new measurement an untranslated
/// message, so the template leaves it out and the Chinese edition shows it
/// in English, under a note that says so.
pub const REPORT_START: &str = "<!-- bench report: start";
pub const REPORT_END: &str = "<!-- bench report: end";
pub const REPORT_NOTE_ZH: &str = "<!-- i18n:skip -->\n\n\
    （下面的测量报告由 `cargo xtask bench --write` 在每次测量后重写，内容只是数字和机器信息，因此整段保持英文原样。）\n\n";

/// The translation's messages, English to Chinese: every entry of the po
/// file that is translated and not fuzzy. For what the book writes itself in
/// each edition's language (the exercises page, search breadcrumbs).
pub fn translations(po: &Path) -> std::collections::BTreeMap<String, String> {
    let text = std::fs::read_to_string(po).unwrap_or_default();
    parse_po(&text)
}

fn parse_po(text: &str) -> std::collections::BTreeMap<String, String> {
    let mut found = std::collections::BTreeMap::new();
    for entry in text.split("\n\n") {
        if entry
            .lines()
            .any(|l| l.starts_with("#,") && l.contains("fuzzy"))
        {
            continue;
        }
        let (mut id, mut string, mut into) = (String::new(), String::new(), 0);
        for line in entry.lines() {
            let quoted = |l: &str| {
                l.trim()
                    .strip_prefix('"')
                    .and_then(|l| l.strip_suffix('"'))
                    .map(unescape)
            };
            if let Some(rest) = line.strip_prefix("msgid ") {
                into = 1;
                id = quoted(rest).unwrap_or_default();
            } else if let Some(rest) = line.strip_prefix("msgstr ") {
                into = 2;
                string = quoted(rest).unwrap_or_default();
            } else if let Some(more) = quoted(line) {
                match into {
                    1 => id.push_str(&more),
                    2 => string.push_str(&more),
                    _ => {}
                }
            } else {
                into = 0;
            }
        }
        if !id.is_empty() && !string.is_empty() {
            found.insert(id, string);
        }
    }
    found
}

/// A po string's escapes (`\"`, `\\`, `\n`) undone.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

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
    let text = fs::read_to_string(&pot).map_err(|e| format!("{}: {e}", pot.display()))?;
    let regions = report_regions(&book_root.join("src"));
    fs::write(&pot, without_regions(&text, &regions))
        .map_err(|e| format!("{}: {e}", pot.display()))?;
    Ok(pot)
}

/// Each page's lines that lie inside a report: `(src/<page>, first, last)`.
fn report_regions(src: &Path) -> Vec<(String, usize, usize)> {
    let mut regions = Vec::new();
    for path in crate::model::files_under(src, "") {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let name = format!("src/{}", path.strip_prefix(src).unwrap_or(&path).display());
        let mut start = None;
        for (n, line) in text.lines().enumerate() {
            if line.starts_with(REPORT_START) {
                start = Some(n + 1);
            } else if line.starts_with(REPORT_END)
                && let Some(first) = start.take()
            {
                regions.push((name.clone(), first, n + 1));
            }
        }
    }
    regions
}

/// The template without the messages found only inside `regions`.
fn without_regions(pot: &str, regions: &[(String, usize, usize)]) -> String {
    let inside = |location: &str| {
        location.rsplit_once(':').is_some_and(|(page, line)| {
            line.parse::<usize>().is_ok_and(|line| {
                regions
                    .iter()
                    .any(|(p, first, last)| p == page && (*first..=*last).contains(&line))
            })
        })
    };
    let mut out = String::new();
    for entry in pot.split("\n\n") {
        let locations: Vec<&str> = entry
            .lines()
            .filter_map(|l| l.strip_prefix("#: "))
            .flat_map(str::split_whitespace)
            .collect();
        if !locations.is_empty() && locations.iter().all(|l| inside(l)) {
            continue;
        }
        out.push_str(entry);
        out.push_str("\n\n");
    }
    format!("{}\n", out.trim_end())
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
    if let Some(dir) = po.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
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
    // Messages the English no longer has are dropped, not kept as obsolete.
    let tidy = |status: std::process::ExitStatus| {
        status.success().then_some(()).and_then(|()| {
            Command::new("msgattrib")
                .args(["--no-obsolete", "--no-wrap", "-o"])
                .arg(po)
                .arg(po)
                .status()
                .ok()
                .filter(|s| s.success())
        })
    };
    match tidy(status) {
        Some(_) => {}
        None => return Err(format!("gettext could not update {}", po.display())),
    }
    let text = std::fs::read_to_string(po).map_err(|e| format!("{}: {e}", po.display()))?;
    std::fs::write(po, identical_code(&text)).map_err(|e| format!("{}: {e}", po.display()))
}

/// The po text with every untranslated string literal of a listing given
/// itself as its translation. mdbook-xgettext extracts a program's string
/// literals with its comments, but what a program prints stays as it is in
/// the Chinese edition: only a Python docstring (`"""…`) is prose to
/// translate.
pub fn identical_code(po: &str) -> String {
    let literal = regex::Regex::new(r#"^(?:[bfrBFR]{0,2})(?:"|'|r#*")"#).expect("a valid pattern");
    let mut out = Vec::new();
    for entry in po.split("\n\n") {
        let lines: Vec<&str> = entry.lines().collect();
        let id_at = lines.iter().position(|l| l.starts_with("msgid "));
        let str_at = lines.iter().position(|l| l.starts_with("msgstr "));
        let (Some(id_at), Some(str_at)) = (id_at, str_at) else {
            out.push(entry.to_string());
            continue;
        };
        let untranslated = lines[str_at] == "msgstr \"\"" && str_at + 1 == lines.len();
        let quoted: String = lines[id_at..str_at]
            .iter()
            .map(|l| {
                let l = l.trim_start_matches("msgid ");
                l.strip_prefix('"')
                    .and_then(|l| l.strip_suffix('"'))
                    .unwrap_or(l)
            })
            .collect();
        let id = unescape(&quoted);
        let docstring = id.starts_with("\"\"\"") || id.starts_with("'''");
        if untranslated && !id.is_empty() && literal.is_match(&id) && !docstring {
            let mut copy: Vec<String> = lines[..str_at].iter().map(|l| l.to_string()).collect();
            for (n, line) in lines[id_at..str_at].iter().enumerate() {
                copy.push(if n == 0 {
                    line.replacen("msgid ", "msgstr ", 1)
                } else {
                    line.to_string()
                });
            }
            out.push(copy.join("\n"));
        } else {
            out.push(entry.to_string());
        }
    }
    out.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::without_regions;

    #[test]
    fn a_listings_string_literals_translate_to_themselves() {
        let po = r#"#: a.md:3
msgid "\"begin num:\""
msgstr ""

#: a.md:4
msgid "// A comment"
msgstr ""

#: a.md:5
msgid "\"\"\"Doc.\"\"\""
msgstr ""
"#;
        let done = super::identical_code(po);
        assert!(
            done.contains("msgid \"\\\"begin num:\\\"\"\nmsgstr \"\\\"begin num:\\\"\""),
            "{done}"
        );
        assert!(
            done.contains("msgid \"// A comment\"\nmsgstr \"\"\n"),
            "{done}"
        );
        assert!(done.contains("Doc.\\\"\\\"\\\"\"\nmsgstr \"\""), "{done}");
    }

    #[test]
    fn a_po_file_is_read_into_its_translated_messages() {
        let po = "msgid \"\"\nmsgstr \"header\"\n\n#: a.md:1\nmsgid \"Exercises\"\nmsgstr \"练习\"\n\n#, fuzzy\nmsgid \"Old\"\nmsgstr \"旧\"\n\nmsgid \"\"\n\"Two \\\"lines\\\"\"\nmsgstr \"\"\n\"两行\"\n\nmsgid \"Untranslated\"\nmsgstr \"\"\n";
        let found = super::parse_po(po);
        assert_eq!(found.get("Exercises").map(String::as_str), Some("练习"));
        assert_eq!(found.get("Two \"lines\"").map(String::as_str), Some("两行"));
        assert!(!found.contains_key("Old") && !found.contains_key("Untranslated"));
    }

    #[test]
    fn messages_only_inside_a_report_leave_the_template() {
        let pot = "msgid \"\"\nmsgstr \"\"\n\n#: src/a.md:3\nmsgid \"in\"\nmsgstr \"\"\n\n\
                   #: src/a.md:4 src/b.md:1\nmsgid \"both\"\nmsgstr \"\"\n\n#: src/a.md:9\nmsgid \"out\"\nmsgstr \"\"\n";
        let kept = without_regions(pot, &[("src/a.md".to_string(), 2, 5)]);
        assert!(!kept.contains("\"in\""));
        assert!(
            kept.contains("\"both\"") && kept.contains("\"out\"") && kept.starts_with("msgid \"\"")
        );
    }
}
