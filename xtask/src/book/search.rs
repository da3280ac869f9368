//! The book's search index, made anew after mdBook builds an edition.
//!
//! mdBook indexes every section's text as it is, which serves this book
//! badly in three ways: an exercise's solution (a diff full of the names the
//! lesson teaches) outranks the lesson and shows its patch in the preview;
//! nothing says which items a lesson teaches; and Chinese, written without
//! spaces, is one long word per sentence, so a Chinese query finds nothing
//! (rust-lang/mdBook#1081). So `cargo xtask book` reads the index mdBook
//! wrote (its document store keeps every section's title, text and
//! breadcrumbs) and builds it again with the same crate mdBook uses,
//! elasticlunr-rs, in the same format, for the same search page:
//!
//! - a section's text stops where its solution begins (its `<details>`
//!   summary), in the index and in the preview;
//! - the section with a lesson's mapping table also carries, as words of its
//!   title, the items its documentation line names (`Mutex`), so the lesson
//!   that teaches an item comes first for it;
//! - in the Chinese edition, Chinese text is cut into overlapping pairs of
//!   characters (互斥锁 → 互斥, 斥锁), English words as mdBook cuts them, and
//!   `course.js` cuts a query the same way; the breadcrumbs are translated.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use elasticlunr::pipeline::{Pipeline, PipelineFn};
use elasticlunr::{IndexBuilder, Language};
use serde_json::Value;

use super::page::Edition;

/// mdBook drops longer tokens; so do we, to index as it does.
const MAX_WORD_LENGTH: usize = 80;

/// What the rebuilt index holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rebuilt {
    pub sections: usize,
    /// Sections whose solution was left out.
    pub solutions_cut: usize,
}

/// Rebuilds the index of the edition built into `out`. `translations` turns
/// an English breadcrumb into the Chinese edition's.
pub fn rebuild(
    out: &Path,
    edition: Edition,
    translations: &BTreeMap<String, String>,
) -> Result<Rebuilt, String> {
    let file = index_file(out)?;
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut json = read_index_js(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let docs = json["index"]["documentStore"]["docs"]
        .as_object()
        .cloned()
        .ok_or_else(|| format!("{}: the index has no document store", file.display()))?;
    let count = json["doc_urls"].as_array().map_or(0, Vec::len);

    let mut index = match edition {
        Edition::English => fields(IndexBuilder::with_language(Box::new(English))).build(),
        Edition::Chinese => fields(IndexBuilder::with_language(Box::new(Chinese::new()))).build(),
    };
    let mut stored = BTreeMap::new();
    let mut rebuilt = Rebuilt {
        sections: 0,
        solutions_cut: 0,
    };
    for n in 0..count {
        let key = n.to_string();
        let Some(doc) = docs.get(&key) else { continue };
        let field = |name: &str| doc[name].as_str().unwrap_or_default().to_string();
        let (title, mut body, mut crumbs) = (field("title"), field("body"), field("breadcrumbs"));
        if let Some(at) = SOLUTION.iter().filter_map(|label| body.find(label)).min() {
            body.truncate(at);
            rebuilt.solutions_cut += 1;
        }
        if edition == Edition::Chinese {
            crumbs = crumbs
                .split(" » ")
                .map(|part| translations.get(part).map_or(part, String::as_str))
                .collect::<Vec<_>>()
                .join(" » ");
        }
        // The first item a table names is what the lesson is about: it
        // weighs most, the second less, the rest as any word of the title.
        let taught: Vec<String> = taught_items(&body)
            .into_iter()
            .enumerate()
            .flat_map(|(n, item)| std::iter::repeat_n(item, 3usize.saturating_sub(n).max(1)))
            .collect();
        let taught = taught.join(" ");
        let indexed_title = if taught.is_empty() {
            title.clone()
        } else {
            format!("{title} {taught}")
        };
        index.add_doc(&key, [indexed_title.as_str(), body.trim(), crumbs.as_str()]);
        stored.insert(key, (title, body.trim().to_string(), crumbs));
        rebuilt.sections += 1;
    }
    let mut value = serde_json::to_value(&index).map_err(|e| e.to_string())?;
    // The store keeps what the page shows: the title without the added words.
    for (key, (title, body, crumbs)) in stored {
        value["documentStore"]["docs"][&key] = serde_json::json!({
            "id": key, "title": title, "body": body, "breadcrumbs": crumbs,
        });
    }
    json["index"] = value;
    let mut script = write_index_js(&json);
    if edition == Edition::Chinese {
        // Registered before the index loads, whenever that is.
        script = format!("{CHINESE_QUERIES}\n{script}");
    }
    std::fs::write(&file, script).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(rebuilt)
}

/// Where a section's text reaches an exercise's solution: the fold's label,
/// as each edition writes it.
const SOLUTION: [&str; 2] = ["Solution, and why", "参考答案及原因"];

/// The items a mapping table's documentation line names, in the section's
/// text: `Documentation: Mutex, Mutex::new, thread::spawn.` (or `文档：`).
fn taught_items(body: &str) -> Vec<String> {
    let mut items = Vec::new();
    for label in ["Documentation:", "文档："] {
        let mut rest = body;
        while let Some(at) = rest.find(label) {
            let after = &rest[at + label.len()..];
            let line = after.split(['\n', '。']).next().unwrap_or_default();
            let line = line
                .split(". ")
                .next()
                .unwrap_or(line)
                .trim_end_matches('.');
            items.extend(
                line.split([',', '、'])
                    .map(str::trim)
                    .filter(|i| !i.is_empty() && !i.contains(' '))
                    .map(String::from),
            );
            rest = after;
        }
    }
    items
}

fn fields(builder: IndexBuilder) -> IndexBuilder {
    builder
        .add_field_with_tokenizer("title", Box::new(words))
        .add_field_with_tokenizer("body", Box::new(words))
        .add_field_with_tokenizer("breadcrumbs", Box::new(words))
}

/// Words as mdBook cuts them; in Chinese text, pairs of characters.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|s| !s.is_empty())
        .map(|s| s.trim().to_lowercase())
        .flat_map(|word| cut_chinese(&word))
        .filter(|s| s.len() <= MAX_WORD_LENGTH)
        .collect()
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// A word with Chinese in it as `course.js` cuts a query: each run of
/// Chinese characters as its overlapping pairs (a lone character as
/// itself), what lies between them as words of their own.
fn cut_chinese(word: &str) -> Vec<String> {
    if !word.chars().any(is_han) {
        return vec![word.to_string()];
    }
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut other = String::new();
    let flush = |run: &mut Vec<char>, out: &mut Vec<String>| {
        if run.len() == 1 {
            out.push(run[0].to_string());
        }
        for pair in run.windows(2) {
            out.push(pair.iter().collect());
        }
        run.clear();
    };
    for c in word.chars() {
        if is_han(c) {
            if !other.is_empty() {
                out.push(std::mem::take(&mut other));
            }
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            other.push(c);
        }
    }
    flush(&mut run, &mut out);
    if !other.is_empty() {
        out.push(other);
    }
    out
}

/// The English edition's language: elasticlunr's own English, which the
/// search page's elasticlunr.js knows by the same names.
struct English;

impl Language for English {
    fn name(&self) -> String {
        "English".into()
    }
    fn code(&self) -> String {
        "en".into()
    }
    fn tokenize(&self, text: &str) -> Vec<String> {
        words(text)
    }
    fn make_pipeline(&self) -> Pipeline {
        elasticlunr::lang::English::new().make_pipeline()
    }
}

/// The Chinese edition's language: English words go through English's
/// stop words and stemmer, Chinese pairs through nothing; the trimmer keeps
/// letters of every script. `course.js` registers the same three functions
/// under the same names for the search page.
struct Chinese {
    english: std::rc::Rc<Pipeline>,
}

impl Chinese {
    fn new() -> Self {
        Chinese {
            english: std::rc::Rc::new(elasticlunr::lang::English::new().make_pipeline()),
        }
    }
}

impl Language for Chinese {
    fn name(&self) -> String {
        "Chinese".into()
    }
    fn code(&self) -> String {
        "zh".into()
    }
    fn tokenize(&self, text: &str) -> Vec<String> {
        words(text)
    }
    fn make_pipeline(&self) -> Pipeline {
        Pipeline {
            queue: vec![
                Box::new(Step {
                    name: "trimmer-course",
                    english: None,
                }),
                Box::new(Step {
                    name: "stopWordFilter-course",
                    english: Some((self.english.clone(), 1)),
                }),
                Box::new(Step {
                    name: "stemmer-course",
                    english: Some((self.english.clone(), 2)),
                }),
            ],
        }
    }
}

/// One step of the Chinese edition's pipeline: English's own step for a
/// word without Chinese, nothing for a Chinese pair; or the trimmer.
struct Step {
    name: &'static str,
    english: Option<(std::rc::Rc<Pipeline>, usize)>,
}

impl PipelineFn for Step {
    fn name(&self) -> String {
        self.name.into()
    }
    fn filter(&self, token: String) -> Option<String> {
        match &self.english {
            None => {
                let keep = |c: char| c.is_alphanumeric() || c == '_';
                let trimmed = token.trim_matches(|c: char| !keep(c));
                (!trimmed.is_empty()).then(|| trimmed.to_string())
            }
            Some(_) if token.chars().any(is_han) => Some(token),
            Some((english, step)) => english.queue[*step].filter(token),
        }
    }
}

/// The edition's `searchindex-<hash>.js`.
fn index_file(out: &Path) -> Result<PathBuf, String> {
    let entries = std::fs::read_dir(out).map_err(|e| format!("{}: {e}", out.display()))?;
    entries
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("searchindex") && n.ends_with(".js"))
        })
        .ok_or_else(|| {
            format!(
                "{} has no searchindex*.js: was search turned off?",
                out.display()
            )
        })
}

/// What the Chinese edition's search page needs before it loads the index:
/// a query cut as [`words`] cuts the index's text, and the three pipeline
/// functions of [`Chinese`] under their names.
const CHINESE_QUERIES: &str = r#"(function () {
    "use strict";
    if (typeof elasticlunr === "undefined") {
        return;
    }
    const han = /[㐀-鿿豈-﫿]/;
    const cut = (word) => {
        const out = [];
        let run = [];
        let other = "";
        const flush = () => {
            if (run.length === 1) {
                out.push(run[0]);
            }
            for (let i = 0; i + 1 < run.length; i++) {
                out.push(run[i] + run[i + 1]);
            }
            run = [];
        };
        for (const ch of word) {
            if (han.test(ch)) {
                if (other) {
                    out.push(other);
                    other = "";
                }
                run.push(ch);
            } else {
                flush();
                other += ch;
            }
        }
        flush();
        if (other) {
            out.push(other);
        }
        return out;
    };
    if (!elasticlunr.courseWords) {
        elasticlunr.courseWords = elasticlunr.tokenizer;
        elasticlunr.tokenizer = (text) => elasticlunr.courseWords(text).flatMap(cut);
    }
    const trimmer = (token) =>
        token.replace(/^[^\p{L}\p{N}_]+/u, "").replace(/[^\p{L}\p{N}_]+$/u, "");
    const stopWords = (token) => (han.test(token) ? token : elasticlunr.stopWordFilter(token));
    const stemmer = (token) => (han.test(token) ? token : elasticlunr.stemmer(token));
    elasticlunr.Pipeline.registerFunction(trimmer, "trimmer-course");
    elasticlunr.Pipeline.registerFunction(stopWords, "stopWordFilter-course");
    elasticlunr.Pipeline.registerFunction(stemmer, "stemmer-course");
})();"#;

const PREFIX: &str = "window.search = Object.assign(window.search, JSON.parse('";
const SUFFIX: &str = "'));";

/// The JSON inside mdBook's `searchindex.js`, which writes it in a
/// single-quoted string with `\` and `'` escaped.
fn read_index_js(text: &str) -> Result<Value, String> {
    let inner = text
        .trim()
        .strip_prefix(PREFIX)
        .and_then(|t| t.strip_suffix(SUFFIX))
        .ok_or("not the searchindex.js mdBook writes")?;
    let mut json = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        json.push(if c == '\\' {
            chars.next().unwrap_or('\\')
        } else {
            c
        });
    }
    serde_json::from_str(&json).map_err(|e| format!("its JSON does not read: {e}"))
}

fn write_index_js(json: &Value) -> String {
    let text = json.to_string().replace('\\', "\\\\").replace('\'', "\\'");
    format!("{PREFIX}{text}{SUFFIX}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_cut_into_pairs_and_english_into_words() {
        assert_eq!(words("互斥锁 Mutex"), ["互斥", "斥锁", "mutex"]);
        assert_eq!(words("线程"), ["线程"]);
        assert_eq!(words("锁"), ["锁"]);
        assert_eq!(words("用Mutex保护"), ["用", "mutex", "保护"]);
        assert_eq!(words("thread-local"), ["thread", "local"]);
    }

    #[test]
    fn the_pipeline_keeps_chinese_and_stems_english() {
        let pipeline = Chinese::new().make_pipeline();
        let run = |t: &str| pipeline.run(vec![t.to_string()]);
        assert_eq!(run("互斥"), ["互斥"]);
        assert_eq!(run("（互斥"), ["互斥"]);
        assert_eq!(run("threads"), ["thread"]);
        assert!(run("the").is_empty());
    }

    #[test]
    fn the_items_of_a_documentation_line_are_found() {
        let body = "| a | b |\nDocumentation: Mutex, Mutex::new, thread::spawn.\nmore";
        assert_eq!(taught_items(body), ["Mutex", "Mutex::new", "thread::spawn"]);
        assert_eq!(
            taught_items("文档：Mutex、thread::spawn。"),
            ["Mutex", "thread::spawn"]
        );
    }

    #[test]
    fn the_index_file_round_trips() {
        let json = serde_json::json!({"a": "it's \\ here"});
        assert_eq!(read_index_js(&write_index_js(&json)).unwrap(), json);
    }
}
