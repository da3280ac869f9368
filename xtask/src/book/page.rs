//! One README made into one page of the book.
//!
//! The READMEs stay the source: what changes on the way is only what a book
//! needs and a README on disk cannot have. A copy of a program becomes an
//! `{{#include}}` of the file itself, so the code on the page is the code that
//! runs. Links between READMEs become links between pages; a link to a file
//! the page already shows becomes plain text; a lesson named by its package
//! (`threads-lock`) links to its page. A sample run gets the sentence on what
//! varies between runs and, in English, a gloss of the Chinese it prints. A
//! mapping table gets a line linking each item it names to its documentation.
//! Every fenced block is marked `i18n:skip`: code and output are not
//! translated, so the Chinese edition never waits for a changed program.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use regex::Regex;

/// Which edition a page is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    English,
    Chinese,
}

/// What every page needs to know about the whole book.
#[derive(Debug)]
pub struct Site {
    /// The workspace root.
    pub root: PathBuf,
    /// Each README's folder, relative to the root (`""` for the top one,
    /// `lessons/threads`, `lessons/threads/lock`), and its page in the book.
    pub pages: BTreeMap<String, String>,
    /// Each lesson's package name and its page.
    pub packages: BTreeMap<String, String>,
    pub edition: Edition,
}

/// Makes the line that links a mapping table's items to their documentation:
/// `None` if it names none, one sentence per item it cannot link.
pub type DocLine<'a> = dyn Fn(&str) -> Result<Option<String>, Vec<String>> + 'a;

/// One README to make into a page.
#[allow(missing_debug_implementations)] // it holds a closure
pub struct Source<'a> {
    pub readme: &'a str,
    /// The README's folder, relative to the workspace root.
    pub dir: &'a str,
    /// Where the page goes in the book (`threads/lock.md`).
    pub page: &'a str,
    /// The folder the page's Markdown is written to, so includes can reach
    /// the real files from there.
    pub written_in: &'a Path,
    /// The lesson's package, when it is a lesson's page.
    pub package: Option<&'a str>,
    /// What each program's transcript says, by program name.
    pub transcripts: BTreeMap<String, String>,
    /// The chapter's glosses of the Chinese its programs print.
    pub glosses: &'a [(String, String)],
    /// The documentation line for one mapping table.
    pub doc_line: &'a DocLine<'a>,
}

/// A page, with what it needs beside it and what is wrong with its source.
#[derive(Debug, Default)]
pub struct Page {
    pub markdown: String,
    /// Files the page includes (absolute paths).
    pub includes: Vec<PathBuf>,
    /// Images to copy: the file, and where it goes in the book.
    pub assets: Vec<(PathBuf, String)>,
    pub problems: Vec<String>,
}

/// Makes one page.
pub fn make(site: &Site, src: &Source) -> Page {
    let mut page = Page::default();
    let mut pending: Option<Marker> = None;
    let lines: Vec<&str> = src.readme.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if let Some(fence) = fence_of(trimmed) {
            let end = (i + 1..lines.len())
                .find(|&j| closes(lines[j].trim_start(), fence))
                .unwrap_or(lines.len());
            let out = &mut page.markdown;
            out.push_str(&format!("{indent}<!-- i18n:skip -->\n\n"));
            match pending.take() {
                Some(Marker::File(path)) => {
                    let file = site.root.join(src.dir).join(&path);
                    if !file.is_file() {
                        page.problems.push(format!(
                            "{}/README.md shows {path}, which does not exist",
                            src.dir
                        ));
                    }
                    let rel = relative_path(src.written_in, &file);
                    out.push_str(&format!("{line}\n{{{{#include {}}}}}\n", rel.display()));
                    out.push_str(&format!("{indent}{fence}\n"));
                    page.includes.push(file);
                }
                Some(Marker::Sample(program)) => {
                    for l in &lines[i..end.min(lines.len())] {
                        out.push_str(l);
                        out.push('\n');
                    }
                    out.push_str(&format!("{indent}{fence}\n"));
                    let body = lines[i + 1..end].join("\n");
                    sample_notes(site, src, &program, &body, &mut page);
                }
                None => {
                    for l in &lines[i..end.min(lines.len())] {
                        out.push_str(l);
                        out.push('\n');
                    }
                    out.push_str(&format!("{indent}{fence}\n"));
                }
            }
            i = end + 1;
            continue;
        }
        if let Some(path) = comment_arg(trimmed, "file") {
            pending = Some(Marker::File(path));
        } else if let Some(program) = comment_arg(trimmed, transcript_marker_name()) {
            pending = Some(Marker::Sample(program));
        } else if trimmed.starts_with(super::i18n::REPORT_START) {
            // Kept: the translation leaves what lies between these alone.
            if site.edition == Edition::Chinese {
                page.markdown.push_str(super::i18n::REPORT_NOTE_ZH);
            }
            page.markdown.push_str(line);
            page.markdown.push('\n');
        } else if trimmed.starts_with(super::i18n::REPORT_END) {
            page.markdown.push_str(line);
            page.markdown.push('\n');
        } else if trimmed.starts_with("<!--") && trimmed.ends_with("-->") {
            // The tooling's markers mean nothing to a reader.
        } else if trimmed.starts_with('|') {
            let end = (i..lines.len())
                .find(|&j| !lines[j].trim_start().starts_with('|'))
                .unwrap_or(lines.len());
            let table: Vec<String> = lines[i..end]
                .iter()
                .map(|l| linked(site, src, l, &mut page))
                .collect();
            for l in &table {
                page.markdown.push_str(l);
                page.markdown.push('\n');
            }
            if is_mapping_table(lines[i]) {
                match (src.doc_line)(&lines[i..end].join("\n")) {
                    Ok(Some(doc)) => page.markdown.push_str(&match site.edition {
                        Edition::English => format!("\n{doc}\n"),
                        // Only the label is words; the links are the same.
                        Edition::Chinese => format!(
                            "\n<!-- i18n:skip -->\n\n{}\n",
                            doc.replacen("Documentation:", "文档：", 1)
                        ),
                    }),
                    Ok(None) => {}
                    Err(problems) => page.problems.extend(
                        problems
                            .into_iter()
                            .map(|p| format!("{}/README.md: {p}", src.dir)),
                    ),
                }
            }
            i = end;
            continue;
        } else if trimmed.starts_with('#') {
            let text = linked(site, src, line, &mut page);
            page.markdown.push_str(&text);
            page.markdown.push('\n');
        } else {
            let text = linked(site, src, line, &mut page);
            let mut text = packages_linked(site, src, &text);
            if site.edition == Edition::Chinese {
                // gettext does not look inside HTML, so the one label there is put here.
                text = text.replace(
                    "<summary>Solution, and why</summary>",
                    "<summary>参考答案及原因</summary>",
                );
            }
            page.markdown.push_str(&text);
            page.markdown.push('\n');
        }
        i += 1;
    }
    page
}

enum Marker {
    File(String),
    Sample(String),
}

fn transcript_marker_name() -> &'static str {
    "sample"
}

/// `name` of `<!-- name: arg -->`.
fn comment_arg(line: &str, name: &str) -> Option<String> {
    let rest = line.strip_prefix("<!-- ")?.strip_prefix(name)?;
    let arg = rest.strip_prefix(": ")?.strip_suffix(" -->")?;
    Some(arg.trim().to_string())
}

/// The opening fence of a fenced block (three or more backticks or tildes).
fn fence_of(line: &str) -> Option<&str> {
    let ch = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = line.chars().take_while(|c| *c == ch).count();
    (len >= 3).then(|| &line[..len])
}

fn closes(line: &str, fence: &str) -> bool {
    let ch = fence.chars().next().unwrap_or('`');
    let len = line.chars().take_while(|c| *c == ch).count();
    len >= fence.len() && line[len..].trim().is_empty()
}

/// A mapping table is one whose header has a column that starts with
/// "Python" and one that starts with "Rust" (as `doc_links` reads them).
fn is_mapping_table(header: &str) -> bool {
    let starts = |word: &str| {
        header
            .split('|')
            .any(|cell| cell.trim().split([' ', ',', '(']).next() == Some(word))
    };
    starts("Python") && starts("Rust")
}

/// The sentence on what varies, and the gloss, under a sample run.
fn sample_notes(site: &Site, src: &Source, program: &str, body: &str, page: &mut Page) {
    let Some(content) = src.transcripts.get(program) else {
        page.problems.push(format!(
            "{}/README.md shows a sample of {program}, which has no transcript",
            src.dir
        ));
        return;
    };
    if site.edition == Edition::Chinese {
        // Written in Chinese here, so not a message to translate.
        page.markdown.push_str(&format!(
            "\n<!-- i18n:skip -->\n\n{}\n",
            super::varies::sentence_zh(content)
        ));
        return;
    }
    page.markdown
        .push_str(&format!("\n{}\n", super::varies::sentence(content)));
    let chinese = Regex::new(r"[\p{Han}，。：！？、（）…]+").expect("a valid pattern");
    let mut glossed: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    // A run of punctuation alone (a full-width colon) needs no gloss.
    let han = Regex::new(r"\p{Han}").expect("a valid pattern");
    for run in chinese
        .find_iter(body)
        .map(|m| m.as_str())
        .filter(|run| han.is_match(run))
    {
        let key = format!("`{run}`");
        if glossed.iter().any(|g| g.starts_with(&key)) || seen.contains(&key) {
            continue;
        }
        seen.push(key);
        match src.glosses.iter().find(|(key, _)| key == run) {
            Some((key, meaning)) => glossed.push(format!("`{key}` {meaning}")),
            None => page.problems.push(format!(
                "{}'s sample run of {program} prints `{run}`, which the chapter's gloss.md does not gloss",
                src.package.unwrap_or(src.dir)
            )),
        }
    }
    if !glossed.is_empty() {
        page.markdown
            .push_str(&format!("\n*In English:* {}.\n", glossed.join(" · ")));
    }
}

/// The line with every Markdown link pointed at its place in the book.
fn linked(site: &Site, src: &Source, line: &str, page: &mut Page) -> String {
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
fn packages_linked(site: &Site, src: &Source, line: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site {
            root: PathBuf::from("/r"),
            pages: [
                ("", "index.md"),
                ("lessons/threads", "threads/index.md"),
                ("lessons/threads/lock", "threads/lock.md"),
                ("lessons/threads/race", "threads/race.md"),
            ]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
            packages: [("threads-race", "threads/race.md")]
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            edition: Edition::English,
        }
    }

    fn source<'a>(readme: &'a str, doc: &'a DocLine<'a>) -> Source<'a> {
        Source {
            readme,
            dir: "lessons/threads/lock",
            page: "threads/lock.md",
            written_in: Path::new("/r/target/book-src/en/src/threads"),
            package: Some("threads-lock"),
            transcripts: [("main".to_string(), "a <pid 1>".to_string())].into(),
            glosses: &[],
            doc_line: doc,
        }
    }

    #[test]
    fn links_between_readmes_become_links_between_pages() {
        let none = |_: &str| Ok(None);
        let page = make(
            &site(),
            &source(
                "See [the race](../race/README.md#why), [the chapter](..), and [top](../../../README.md).",
                &none,
            ),
        );
        assert_eq!(
            page.markdown,
            "See [the race](../threads/race.md#why), [the chapter](../threads/index.md), and [top](../index.md).\n"
        );
    }

    #[test]
    fn a_copy_becomes_an_include_and_a_sample_gets_its_sentence() {
        let none = |_: &str| Ok(None);
        let readme = "<!-- file: src/main.rs -->\n```rust\nold copy\n```\n\n<!-- sample: main -->\n```text\na 12\n```\n";
        let page = make(&site(), &source(readme, &none));
        assert_eq!(
            page.markdown,
            "<!-- i18n:skip -->\n\n```rust\n{{#include ../../../../../lessons/threads/lock/src/main.rs}}\n```\n\n\
             <!-- i18n:skip -->\n\n```text\na 12\n```\n\nIn another run, the process ids differ; \
             everything else is the same every time.\n"
        );
        assert_eq!(
            page.problems,
            vec!["lessons/threads/lock/README.md shows src/main.rs, which does not exist"]
        );
    }

    #[test]
    fn a_lesson_named_by_its_package_links_to_its_page_and_a_table_gets_its_docs() {
        let doc = |_: &str| Ok(Some("Documentation: [`Mutex`](u).".to_string()));
        let readme = "Unlike `threads-race`, and `threads-lock` itself.\n\n| Python | Rust |\n|---|---|\n| a | `Mutex` |\n";
        let page = make(&site(), &source(readme, &doc));
        assert_eq!(
            page.markdown,
            "Unlike [`threads-race`](../threads/race.md), and `threads-lock` itself.\n\n\
             | Python | Rust |\n|---|---|\n| a | `Mutex` |\n\nDocumentation: [`Mutex`](u).\n"
        );
    }
}
