//! Links on the way from README to page: a README's relative link becomes a
//! link to the page or image it means, a file the page shows becomes plain
//! text, and a lesson's package name in inline code links to its page.

use std::path::{Component, Path, PathBuf};

use super::{Edition, Page, Site, Source};

/// The line with every Markdown link pointed at its place in the book.
pub(super) fn linked(site: &Site, src: &Source, line: &str, page: &mut Page) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let Some(open) = link_text_start(&rest[..at]) else {
            out.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            continue;
        };
        let Some(close) = rest[at + 2..].find(')') else {
            break;
        };
        let image = open > 0 && rest.as_bytes()[open - 1] == b'!';
        let start = if image { open - 1 } else { open };
        let text = &rest[open + 1..at];
        let target = &rest[at + 2..at + 2 + close];
        out.push_str(&rest[..start]);
        let bang = if image { "!" } else { "" };
        match resolve(site, src, target) {
            Resolved::Link(to) => out.push_str(&format!("{bang}[{text}]({to})")),
            Resolved::Asset(file, to) => {
                out.push_str(&format!("{bang}[{text}]({to})"));
                page.assets.push((file, join_page_dir(src.page, &to)));
            }
            Resolved::Text => out.push_str(text),
            Resolved::Missing(why) => {
                page.problems
                    .push(format!("{}/README.md links to {target}: {why}", src.dir));
                out.push_str(&format!("{bang}[{text}]({target})"));
            }
        }
        rest = &rest[at + 2 + close + 1..];
    }
    out.push_str(rest);
    // Prose that mentions mdBook's own `{{#include}}` must not trigger it.
    out.replace("{{#", "\\{{#")
}

/// Where the `[` of a link whose `]` ends `before` is.
fn link_text_start(before: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in before.char_indices().rev() {
        match c {
            ']' => depth += 1,
            '[' if depth == 0 => return Some(i),
            '[' => depth -= 1,
            _ => {}
        }
    }
    None
}

enum Resolved {
    Link(String),
    Asset(PathBuf, String),
    /// A file the page shows already, or that a book cannot serve.
    Text,
    Missing(String),
}

fn resolve(site: &Site, src: &Source, target: &str) -> Resolved {
    if target.contains("://") || target.starts_with("mailto:") || target.starts_with('#') {
        return Resolved::Link(target.to_string());
    }
    let (path, anchor) = match target.split_once('#') {
        Some((p, a)) => (p, format!("#{a}")),
        None => (target, String::new()),
    };
    let Some(joined) = lexical_join(src.dir, path) else {
        return Resolved::Missing("it leads outside the course".into());
    };
    let dir = joined
        .strip_suffix("/README.md")
        .or_else(|| (joined == "README.md").then_some(""))
        .unwrap_or(&joined);
    if let Some(page) = site.pages.get(dir) {
        return Resolved::Link(format!("{}{anchor}", relative_link(src.page, page)));
    }
    if joined == "CONTRIBUTING.md" {
        return Resolved::Link(match site.edition {
            Edition::English => relative_link(src.page, "contributing.md"),
            // The Chinese edition has no contributors' page: it links to the English one.
            Edition::Chinese => format!("{}../contributing.html", up_to_root(src.page)),
        });
    }
    let file = site.root.join(&joined);
    if !file.exists() {
        return Resolved::Missing("no such file".into());
    }
    let image = [".svg", ".png", ".jpg"].iter().any(|e| joined.ends_with(e));
    if image {
        let name = Path::new(&joined)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Resolved::Asset(file, name);
    }
    Resolved::Text
}

/// Lesson package names in inline code, pointed at their pages.
pub(super) fn packages_linked(site: &Site, src: &Source, line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else {
            break;
        };
        let name = &rest[open + 1..open + 1 + len];
        let end = open + 2 + len;
        let in_link = open > 0 && rest.as_bytes()[open - 1] == b'[';
        match site.packages.get(name) {
            Some(page) if !in_link && Some(name) != src.package => {
                out.push_str(&rest[..open]);
                out.push_str(&format!("[`{name}`]({})", relative_link(src.page, page)));
            }
            _ => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `dir/path`, with `.` and `..` resolved; `None` if it climbs out of the root.
fn lexical_join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// `../` once per folder of `page`.
fn up_to_root(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// The link from one page of the book to another.
pub fn relative_link(from: &str, to: &str) -> String {
    format!("{}{to}", up_to_root(from))
}

/// A path relative to `page`'s folder, as a path from the book's root.
fn join_page_dir(page: &str, rel: &str) -> String {
    match page.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{rel}"),
        None => rel.to_string(),
    }
}

/// The path from folder `from` to `to`, both absolute.
pub fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component> = from.components().collect();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut rel = PathBuf::new();
    for _ in common..from.len() {
        rel.push("..");
    }
    for part in &to_parts[common..] {
        rel.push(part);
    }
    rel
}
