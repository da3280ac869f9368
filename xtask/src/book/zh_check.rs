//! The Chinese edition's house rules (po/README.md), checked: what a
//! translator could get wrong and a reader would see.
//!
//! - no italics around Chinese (CJK has no italic face: the browser slants
//!   the glyphs);
//! - the glossary's settled terms, not their rivals;
//! - a listing's code lines equal the English edition's: only its comments
//!   and docstrings are translated.

use std::path::Path;

use regex::Regex;

/// A word the translation must not use, the one it uses instead, and the
/// pages (by the start of their path) the rule is about; none: every page.
pub const RIVALS: [(&str, &str, Option<&str>); 6] = [
    (
        "边界",
        "限制 (bounds: a loop bounded to a few rounds)",
        None,
    ),
    ("课程本身", "本课本身 (the lesson itself)", None),
    ("未来值", "future, with no gloss", None),
    ("一个（课内）秒", "课程秒 (a lesson second)", None),
    (
        "再运行两次",
        "“另外两次运行：” (two more runs, shown)",
        None,
    ),
    (
        "主进程",
        "主控进程 (the master)",
        Some("processes/distributed"),
    ),
];

/// What is wrong with the translations in `po`, one sentence each.
pub fn po_problems(po: &str) -> Vec<String> {
    let code_span = Regex::new(r"`[^`]*`").expect("a valid pattern");
    let italic = Regex::new(
        r"(?:^|[^*\\])\*([^*\s][^*]*?)\*(?:[^*]|$)|(?:^|[^_\w])_([^_\s][^_]*?)_(?:[^_\w]|$)",
    )
    .expect("a valid pattern");
    let han = Regex::new(r"\p{Han}").expect("a valid pattern");
    let mut problems = Vec::new();
    for entry in po.split("\n\n") {
        let (places, text) = translation(entry);
        if text.is_empty() {
            continue;
        }
        let shown: String = text.chars().take(40).collect();
        let prose = code_span.replace_all(&text, "``");
        for found in italic.captures_iter(&prose) {
            let inner = found.get(1).or(found.get(2)).map_or("", |m| m.as_str());
            if han.is_match(inner) {
                problems.push(format!(
                    "{places}: italics around Chinese ({inner:?}), which has no italic face: make it bold or plain (“{shown}…”)"
                ));
            }
        }
        for (rival, settled, scope) in RIVALS {
            let in_scope = scope.is_none_or(|page| places.contains(page));
            if in_scope && prose.contains(rival) {
                problems.push(format!(
                    "{places}: “{rival}” where the glossary says {settled} (“{shown}…”)"
                ));
            }
        }
    }
    problems
}

/// An entry's source places (`#:` lines) and its translation, unescaped.
fn translation(entry: &str) -> (String, String) {
    let places: Vec<&str> = entry
        .lines()
        .filter_map(|l| l.strip_prefix("#: "))
        .collect();
    let mut text = String::new();
    let mut inside = false;
    for line in entry.lines() {
        if let Some(rest) = line.strip_prefix("msgstr ") {
            inside = true;
            text.push_str(rest.trim_matches('"'));
        } else if inside && line.starts_with('"') {
            text.push_str(line.trim_matches('"'));
        } else {
            inside = false;
        }
    }
    (
        places.join(" "),
        text.replace("\\n", "\n").replace("\\\"", "\""),
    )
}

/// Every Rust and Python listing of the Chinese edition in `zh` against the
/// English edition's in `en`: their code lines (comments and docstrings
/// left out) must be the same. Also counts the comment lines of the pages
/// named in `measured` that are Chinese, as `(chinese, all)`.
pub fn listing_problems(
    en: &Path,
    zh: &Path,
    measured: &[&str],
) -> (Vec<String>, Vec<(String, usize, usize)>) {
    let block = Regex::new(r#"(?s)<code class="language-(rust|python)[^"]*">(.*?)</code>"#)
        .expect("a valid pattern");
    let mut problems = Vec::new();
    let mut counts = Vec::new();
    for page in crate::model::files_under(zh, "html") {
        let Ok(rel) = page.strip_prefix(zh) else {
            continue;
        };
        let (Ok(chinese), Ok(english)) = (
            std::fs::read_to_string(&page),
            std::fs::read_to_string(en.join(rel)),
        ) else {
            continue;
        };
        let listings = |html: &str| -> Vec<(String, String)> {
            block
                .captures_iter(html)
                .map(|c| (c[1].to_string(), unescape_html(&c[2])))
                .collect()
        };
        let (theirs, ours) = (listings(&chinese), listings(&english));
        let name = rel.display().to_string();
        if theirs.len() != ours.len() {
            problems.push(format!(
                "zh-CN/{name}: {} listings, where the English page has {}",
                theirs.len(),
                ours.len()
            ));
            continue;
        }
        let (mut chinese_comments, mut all_comments) = (0, 0);
        for (n, ((language, zh_code), (_, en_code))) in theirs.iter().zip(&ours).enumerate() {
            let (zh_lines, zh_comments) = code_lines(language, zh_code);
            let (en_lines, _) = code_lines(language, en_code);
            if zh_lines != en_lines {
                let first = zh_lines
                    .iter()
                    .zip(&en_lines)
                    .find(|(a, b)| a != b)
                    .map(|(a, b)| format!("“{a}” where the English has “{b}”"))
                    .unwrap_or_else(|| "a different number of code lines".to_string());
                problems.push(format!(
                    "zh-CN/{name}: listing {} ({language}) differs from the English edition's in its code, not only its comments: {first}",
                    n + 1
                ));
            }
            all_comments += zh_comments.len();
            chinese_comments += zh_comments
                .iter()
                .filter(|c| c.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)))
                .count();
        }
        if measured.contains(&name.as_str()) {
            counts.push((name, chinese_comments, all_comments));
        }
    }
    (problems, counts)
}

/// A listing's code lines, comments and docstrings left out (a trailing
/// comment cut off its line), and its comment lines (with docstrings).
fn code_lines(language: &str, code: &str) -> (Vec<String>, Vec<String>) {
    let marker = if language == "python" { "#" } else { "//" };
    let (mut lines, mut comments) = (Vec::new(), Vec::new());
    let mut docstring = false;
    let mut block = false;
    for line in code.lines() {
        let trimmed = line.trim();
        if language == "python" && (docstring || trimmed.starts_with("\"\"\"")) {
            let quotes = trimmed.matches("\"\"\"").count();
            if quotes == 1 {
                docstring = !docstring;
            }
            comments.push(trimmed.to_string());
            continue;
        }
        if block || language == "rust" && trimmed.starts_with("/*") {
            block = !trimmed.ends_with("*/");
            comments.push(trimmed.to_string());
            continue;
        }
        if trimmed.starts_with(marker) {
            comments.push(trimmed.to_string());
            continue;
        }
        let code = match line.find(&format!(" {marker} ")) {
            Some(at) => {
                comments.push(line[at..].trim().to_string());
                &line[..at]
            }
            None => line,
        };
        if !code.trim().is_empty() {
            lines.push(code.trim_end().to_string());
        }
    }
    (lines, comments)
}

fn unescape_html(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italics_around_chinese_and_rival_words_are_found() {
        let po = "#: threads/lock.md:3\nmsgid \"x\"\nmsgstr \"`NUM` *就是* 那把锁，`a*b*c` 不算\"\n\n\
                  #: processes/distributed.md:9\nmsgid \"y\"\nmsgstr \"主进程和 **主控进程**\"\n\n\
                  #: processes/spawn.md:9\nmsgid \"z\"\nmsgstr \"主进程启动子进程，_强调_\"\n";
        let problems = po_problems(po);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("就是"));
        assert!(problems[1].contains("主控进程"));
        assert!(problems[2].contains("强调"));
    }

    #[test]
    fn only_comments_and_docstrings_may_differ() {
        let en = "// Adds one.\nfn f() {\n    *x += 1; // the count\n    /* a\n    block */\n}";
        let zh = "// 加一。\nfn f() {\n    *x += 1; // 计数\n    /* 一段\n    注释 */\n}";
        assert_eq!(code_lines("rust", en).0, code_lines("rust", zh).0);
        let changed = "// 加一。\nfn g() {\n    *x += 1;\n}";
        assert_ne!(code_lines("rust", en).0, code_lines("rust", changed).0);
        let py = "\"\"\"Doc,\nover lines.\n\"\"\"\n\nimport os  # the os\nprint(1)";
        let (lines, comments) = code_lines("python", py);
        assert_eq!(lines, ["import os", "print(1)"]);
        assert_eq!(comments.len(), 4);
    }
}
