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
//! Every fenced block but a program's listing is marked `i18n:skip`: output,
//! commands and patches are not translated. A listing's comments are, and
//! only those: its code stays byte for byte what runs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    // Inside the costs chapter's report, which stays English (see `i18n`).
    let mut in_report = false;
    // Inside a pair of listings: a program's Python, then its Rust.
    let mut pair: Option<Side> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if trimmed == README_ONLY {
            // What speaks of the repository rather than of the course.
            i = (i..lines.len())
                .find(|&j| lines[j].trim() == README_ONLY_END)
                .map_or(lines.len(), |j| j + 1);
            continue;
        }
        if in_report
            && site.edition == Edition::Chinese
            && !trimmed.is_empty()
            && i > 0
            && lines[i - 1].trim().is_empty()
            && !trimmed.starts_with(super::i18n::REPORT_END)
        {
            // Every block of the report, not only its fences, stays as it is.
            page.markdown.push_str("<!-- i18n:skip -->\n\n");
        }
        match (pair, pair_label(trimmed)) {
            (None, Some(Side::Python)) => {
                page.markdown.push_str(PAIR_OPEN);
                pair = Some(Side::Python);
            }
            (Some(Side::Python), Some(Side::Rust)) => {
                page.markdown.push_str(PAIR_SWITCH);
                pair = Some(Side::Rust);
            }
            _ => {}
        }
        if let Some(fence) = fence_of(trimmed) {
            let end = (i + 1..lines.len())
                .find(|&j| closes(lines[j].trim_start(), fence))
                .unwrap_or(lines.len());
            let out = &mut page.markdown;
            // A program's listing is translated for its comments (and the
            // Python's docstrings) alone: mdbook-xgettext extracts those
            // and its string literals, whose translation is the literal
            // itself (`i18n::identical_code`), so the code stays as it runs.
            // Every other block (output, commands, patches) is left alone.
            let listing = matches!(&pending, Some(Marker::File(path)) if path.ends_with(".rs") || path.ends_with(".py"));
            if !listing {
                out.push_str(&format!("{indent}<!-- i18n:skip -->\n\n"));
            }
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
                    let before = paragraph_before(&lines, i);
                    if let Some(said) = GENERATED.iter().find(|g| before.contains(*g)) {
                        page.problems.push(format!(
                            "{}/README.md says “{said}” above the sample run of {program}: the book writes what varies under the sample itself, so say something else there",
                            src.dir
                        ));
                    }
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
            if pair == Some(Side::Rust) {
                page.markdown.push_str(PAIR_CLOSE);
                pair = None;
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
            in_report = true;
            page.markdown.push_str(line);
            page.markdown.push('\n');
        } else if trimmed.starts_with(super::i18n::REPORT_END) {
            in_report = false;
            page.markdown.push_str(line);
            page.markdown.push('\n');
        } else if trimmed.starts_with("<!--") && trimmed.ends_with("-->") {
            // The tooling's markers mean nothing to a reader.
        } else if trimmed.starts_with('|') && in_report && site.edition == Edition::Chinese {
            // gettext translates a Markdown table cell by cell, and a cell
            // that matches a message elsewhere ("model") would be Chinese in
            // an English report: as HTML, the table is not translated at all.
            let end = (i..lines.len())
                .find(|&j| !lines[j].trim_start().starts_with('|'))
                .unwrap_or(lines.len());
            page.markdown.push_str(&html_table(&lines[i..end]));
            i = end;
            continue;
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
                        // Only the label and the punctuation are words; the
                        // links are the same, in Chinese punctuation.
                        Edition::Chinese => {
                            format!("\n<!-- i18n:skip -->\n\n{}\n", chinese_doc_line(&doc))
                        }
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
                // gettext does not look inside HTML, so the labels there are put here.
                for (english, chinese) in SUMMARIES_ZH {
                    text = text.replace(
                        &format!("<summary>{english}</summary>"),
                        &format!("<summary>{chinese}</summary>"),
                    );
                }
            }
            page.markdown.push_str(&text);
            page.markdown.push('\n');
        }
        i += 1;
    }
    page
}

/// `Documentation: [a](…), [b](…).` as the Chinese edition writes it:
/// `文档：[a](…)、[b](…)。`
fn chinese_doc_line(doc: &str) -> String {
    let links = doc
        .trim_start_matches("Documentation:")
        .trim()
        .trim_end_matches('.');
    format!("文档：{}。", links.replace("), [", ")、["))
}

/// A Markdown table as an HTML one, inline code and HTML in its cells kept;
/// a column the Markdown aligns right (`--:`) is aligned right.
fn html_table(rows: &[&str]) -> String {
    let cells = |row: &str| -> Vec<String> {
        let code = Regex::new(r"`([^`]*)`").expect("a valid pattern");
        row.trim()
            .trim_matches('|')
            .split('|')
            .map(|c| code.replace_all(c.trim(), "<code>$1</code>").into_owned())
            .collect()
    };
    let Some((header, rest)) = rows.split_first() else {
        return String::new();
    };
    let right: Vec<bool> = rest
        .first()
        .map(|r| cells(r).iter().map(|c| c.ends_with(':')).collect())
        .unwrap_or_default();
    let align = |n: usize| {
        if right.get(n).copied().unwrap_or(false) {
            r#" style="text-align: right""#
        } else {
            ""
        }
    };
    let mut html = String::from("<table>\n<thead><tr>");
    for (n, cell) in cells(header).iter().enumerate() {
        html.push_str(&format!("<th{}>{cell}</th>", align(n)));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for row in rest.iter().skip(1) {
        html.push_str("<tr>");
        for (n, cell) in cells(row).iter().enumerate() {
            html.push_str(&format!("<td{}>{cell}</td>", align(n)));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n");
    html
}

/// What the sentence under a sample run says (`varies`): a README must not
/// say it again just above.
const GENERATED: [&str; 2] = ["Every run prints exactly", "In another run,"];

/// The text of the paragraph that ends just before line `at` (markers and
/// blank lines between them skipped).
fn paragraph_before(lines: &[&str], at: usize) -> String {
    let mut end = at;
    while end > 0
        && (lines[end - 1].trim().is_empty() || lines[end - 1].trim_start().starts_with("<!--"))
    {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && !lines[start - 1].trim().is_empty() {
        start -= 1;
    }
    lines[start..end].join(" ")
}

/// The labels of the folds in an exercise, and the Chinese edition's.
const SUMMARIES_ZH: [(&str, &str); 3] = [
    ("Check your prediction", "核对你的预测"),
    ("Hint", "提示"),
    ("Solution, and why", "参考答案及原因"),
];

enum Marker {
    File(String),
    Sample(String),
}

/// The lines between which a README speaks of itself or of the repository
/// (how to open the book, say): the book leaves them out.
pub const README_ONLY: &str = "<!-- readme only -->";
pub const README_ONLY_END: &str = "<!-- end of readme only -->";

/// Which side of a pair of listings a label opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Python,
    Rust,
}

/// The side a README's label line opens: `Python, [`python/main.py`](…):`
/// or `Rust, [`src/main.rs`](…):`, in "The Python and the Rust, side by side".
fn pair_label(line: &str) -> Option<Side> {
    if line.starts_with("Python, [`python/") && line.ends_with(':') {
        Some(Side::Python)
    } else if (line.starts_with("Rust, [`src/") || line.starts_with("Rust, [`examples/"))
        && line.ends_with(':')
    {
        Some(Side::Rust)
    } else {
        None
    }
}

/// The HTML around a pair, which course.css lays out side by side where
/// the page is wide enough and course.js turns into tabs where it is not.
/// (HTML is no message for the translation: it needs no `i18n:skip`, and
/// one there would skip the next paragraph instead.)
const PAIR_OPEN: &str = "<div class=\"pair\">\n<div class=\"pair-side\" data-lang=\"python\">\n\n";
const PAIR_SWITCH: &str = "</div>\n<div class=\"pair-side\" data-lang=\"rust\">\n\n";
const PAIR_CLOSE: &str = "\n</div>\n</div>\n\n";

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

mod links;
#[cfg(test)]
mod tests;

use links::{linked, packages_linked};
pub use links::{relative_link, relative_path};
