//! Links from the book's mapping tables (a table whose header has a `Python…`
//! column and a `Rust…` one) to the documentation of every std or crate item
//! their Rust columns name, as one line under each table: std's on
//! doc.rust-lang.org at the Rust the course pins, a crate's on docs.rs at the
//! exact version the workspace resolves (`cargo metadata`), so a link shows what the lesson compiles.
//!
//! What a code span names (the rule of [`items_in`]): a path (`thread::spawn`,
//! `Mutex::new`, `tokio::runtime::Builder::new_current_thread`, a turbofish
//! dropped: `Gn::<u32>::new_scoped` is `Gn::new_scoped`); a CamelCase name
//! (`Mutex`, `Ok`, `JoinHandle`); a macro (`thread_local!`, `may::go!`); and
//! a span that is nothing but the name of a crates.io crate of the workspace
//! (`ipc-channel`, `parking_lot`). Not candidates: a name after a dot
//! (`.lock()`, a method of a value whose type the table does not say), a
//! lone lowercase name or call (`join`, `fork()`, `secs(3.0)`: the lesson's
//! functions, the course's helpers and the prelude's look alike), ALL-CAPS
//! constants, anything inside a string, and paths into the workspace's own
//! packages (`shared::time::sleep`), which docs.rs does not have. A candidate
//! whose first segment the lesson defines ([`local_names`]) is the lesson's
//! own, and has no link.
//!
//! The dictionary, [`items::ITEMS`], maps each candidate as the tables write
//! it to a path under its crate's documentation. A bare name can mean one
//! item in one table and another elsewhere (`JoinHandle` is std's, may's,
//! tokio's or procspawn's), so it may have one entry per crate: the table
//! chooses, by the crates its own paths name (`may::go!` beside `JoinHandle`
//! makes it may's), else std's.

use std::collections::BTreeSet;
use std::ops::Range;

mod crates;
pub mod items;
mod lexer;
#[cfg(test)]
mod tests;

pub use crates::Crates;

use lexer::{Token, tokens};

/// The Rust the course pins (`rust-version` in the top-level Cargo.toml),
/// whose std documentation the links show.
pub const RUST_VERSION: &str = "1.95.0";

/// The crates whose documentation is doc.rust-lang.org's, not docs.rs's.
const STD_CRATES: [&str; 3] = ["std", "core", "alloc"];

/// The byte range of every mapping table of a Markdown text, outside fenced
/// code; the documentation line goes on a line of its own after `range.end`.
pub fn mapping_tables(markdown: &str) -> Vec<Range<usize>> {
    let mut tables = Vec::new();
    let mut fenced = false;
    let mut table: Option<Range<usize>> = None;
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        let trimmed = text.trim_start();
        if !fenced && trimmed.starts_with('|') {
            table.get_or_insert(offset..offset).end = offset + text.len();
        } else {
            tables.extend(table.take());
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        }
        offset += line.len();
    }
    tables.extend(table);
    tables.retain(|range| {
        let mut lines = markdown[range.clone()].lines();
        let header = lines.next().and_then(rust_columns);
        let delimiter = lines.next().is_some_and(|l| {
            cells(l).iter().all(|c| {
                let dashes = c.trim_matches(':');
                !dashes.is_empty() && dashes.chars().all(|ch| ch == '-')
            })
        });
        header.is_some() && delimiter
    });
    tables
}

/// The columns of a mapping table's header that are Rust's (`Rust`, `Rust
/// (may)`, `Rust, exact`), or `None` if the header is not a mapping table's.
fn rust_columns(header: &str) -> Option<Vec<usize>> {
    let cells = cells(header);
    let first_word = |cell: &String| {
        cell.split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or_default()
            .to_string()
    };
    let rust: Vec<usize> = (0..cells.len())
        .filter(|&i| first_word(&cells[i]) == "Rust")
        .collect();
    let python = cells.iter().any(|c| first_word(c) == "Python");
    (python && !rust.is_empty()).then_some(rust)
}

/// A table row's cells, with GitHub's `\|` (a pipe inside a cell) unescaped.
fn cells(row: &str) -> Vec<String> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = match row.strip_suffix('|') {
        Some(inner) if !inner.ends_with('\\') => inner,
        _ => row,
    };
    let mut cells = vec![String::new()];
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        let cell = cells.last_mut().expect("one cell at least");
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(String::new()),
            _ => cell.push(c),
        }
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

/// The inline code spans of a cell, each closed by a run of as many
/// backticks as opened it.
fn code_spans(cell: &str) -> Vec<&str> {
    let mut spans = Vec::new();
    let mut rest = cell;
    while let Some(open) = rest.find('`') {
        let ticks = rest[open..].len() - rest[open..].trim_start_matches('`').len();
        let body = &rest[open + ticks..];
        let mut search = 0;
        let mut close = None;
        while let Some(at) = body[search..].find('`') {
            let at = search + at;
            let run = body[at..].len() - body[at..].trim_start_matches('`').len();
            if run == ticks {
                close = Some(at);
                break;
            }
            search = at + run;
        }
        let Some(close) = close else { break };
        spans.push(&body[..close]);
        rest = &body[close + ticks..];
    }
    spans
}

/// The candidate items one inline code span names, in order (the rule is
/// this module's first paragraph); `lock` says which names are crates.io
/// crates and which the workspace's own packages.
pub fn items_in(code: &str, crates: &Crates) -> Vec<String> {
    let word = code.trim();
    let crate_like = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    if !word.is_empty() && word.chars().all(crate_like) && crates.is_registry_crate(word) {
        return vec![word.to_string()];
    }
    let tokens = tokens(code);
    let mut items = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Token::Ident(first) = &tokens[i] else {
            i += 1;
            continue;
        };
        let after_dot = i > 0 && matches!(tokens[i - 1], Token::Punct('.' | '\''));
        let mut segments = vec![first.as_str()];
        let mut j = i + 1;
        while tokens.get(j) == Some(&Token::PathSep) {
            match tokens.get(j + 1) {
                Some(Token::Ident(segment)) => {
                    segments.push(segment);
                    j += 2;
                }
                Some(Token::Punct('<')) => j = after_generics(&tokens, j + 1),
                _ => break,
            }
        }
        let is_macro = tokens.get(j) == Some(&Token::MacroBang);
        i = j;
        let root = segments[0];
        let own = matches!(root, "self" | "Self" | "super" | "crate")
            || (segments.len() > 1 && crates.is_local_package(root));
        if after_dot || own {
            continue;
        }
        if is_macro {
            items.push(format!("{}!", segments.join("::")));
        } else if segments.len() > 1 || is_camel_case(root) {
            items.push(segments.join("::"));
        }
    }
    items
}

/// The index just after the `>` that closes the `<` at `open`.
fn after_generics(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        match token {
            Token::Punct('<') => depth += 1,
            Token::Punct('>') => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

fn is_camel_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().any(|c| c.is_ascii_lowercase())
}

/// The names Rust sources define: what follows `struct`, `enum`, `type`,
/// `trait`, `static` (or `static mut`), `const` and `fn`, outside comments
/// and strings.
pub fn local_names(sources: &[&str]) -> BTreeSet<String> {
    const DEFINERS: [&str; 7] = ["struct", "enum", "type", "trait", "static", "const", "fn"];
    let mut names = BTreeSet::new();
    for source in sources {
        let tokens = tokens(source);
        for (i, token) in tokens.iter().enumerate() {
            let Token::Ident(keyword) = token else {
                continue;
            };
            // `'static` is a lifetime, not a definition.
            let lifetime = i > 0 && tokens[i - 1] == Token::Punct('\'');
            if lifetime || !DEFINERS.contains(&keyword.as_str()) {
                continue;
            }
            let name = match tokens.get(i + 1) {
                Some(Token::Ident(m)) if m == "mut" => tokens.get(i + 2),
                next => next,
            };
            // `const fn f`: the `fn` that follows names it.
            if let Some(Token::Ident(name)) = name
                && !DEFINERS.contains(&name.as_str())
                && name != "_"
            {
                names.insert(name.clone());
            }
        }
    }
    names
}

/// The first segment of a candidate: the name a lesson would define.
fn root(item: &str) -> &str {
    item.split("::")
        .next()
        .unwrap_or(item)
        .trim_end_matches('!')
}

/// The documentation URL of a dictionary path.
pub fn url(path: &str, crates: &Crates) -> Result<String, String> {
    let krate = path.split('/').next().unwrap_or_default();
    if STD_CRATES.contains(&krate) {
        return Ok(format!("https://doc.rust-lang.org/{RUST_VERSION}/{path}"));
    }
    let (package, version) = crates.docs_rs_crate(krate)?;
    Ok(format!("https://docs.rs/{package}/{version}/{path}"))
}

/// The line to put under one mapping table (its Markdown text, header
/// first): `Documentation: [`Mutex`](…), [`thread::spawn`](…).`, listing
/// what its Rust columns name in order of first appearance, each item once
/// (and each page once: `Mutex` beside `loom::sync::Mutex` is that one).
/// `None` if the table names no item (or is no mapping table); `Err` with
/// one sentence per item the dictionary cannot link.
pub fn documentation_line(
    table: &str,
    local_names: &BTreeSet<String>,
    crates: &Crates,
) -> Result<Option<String>, Vec<String>> {
    documentation_line_with(table, local_names, crates, items::ITEMS)
}

/// [`documentation_line`] with another dictionary: the tests take entries
/// away one at a time, to see that each is needed.
pub fn documentation_line_with(
    table: &str,
    local_names: &BTreeSet<String>,
    crates: &Crates,
    items: &[(&str, &str)],
) -> Result<Option<String>, Vec<String>> {
    let candidates = table_items(table, local_names, crates);
    let mut context: Vec<String> = Vec::new();
    for item in &candidates {
        let krate = root(item).replace('-', "_");
        if crates.is_registry_crate(&krate) && !context.contains(&krate) {
            context.push(krate);
        }
    }
    let (mut links, mut urls, mut errors) = (Vec::new(), Vec::new(), Vec::new());
    for item in &candidates {
        match resolve(item, &context, items).and_then(|path| url(path, crates)) {
            Ok(url) if urls.contains(&url) => {}
            Ok(url) => {
                links.push(format!("[`{item}`]({url})"));
                urls.push(url);
            }
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((!links.is_empty()).then(|| format!("Documentation: {}.", links.join(", "))))
}

/// The candidates of a mapping table's Rust columns, each once, in order of
/// first appearance, without those the lesson defines: what
/// [`documentation_line`] links.
pub fn table_items(table: &str, local_names: &BTreeSet<String>, crates: &Crates) -> Vec<String> {
    let mut lines = table.lines();
    let Some(columns) = lines.next().and_then(rust_columns) else {
        return Vec::new();
    };
    let mut candidates: Vec<String> = Vec::new();
    for row in lines.skip(1) {
        let cells = cells(row);
        for cell in columns.iter().filter_map(|&c| cells.get(c)) {
            for item in code_spans(cell)
                .into_iter()
                .flat_map(|s| items_in(s, crates))
            {
                if !candidates.contains(&item) && !local_names.contains(root(&item)) {
                    candidates.push(item);
                }
            }
        }
    }
    candidates
}

/// The dictionary path of one candidate, chosen among its entries by the
/// crates the table names (`context`), else std's.
fn resolve<'a>(
    item: &str,
    context: &[String],
    items: &[(&str, &'a str)],
) -> Result<&'a str, String> {
    let entries: Vec<&'a str> = items
        .iter()
        .filter(|(written, _)| *written == item)
        .map(|&(_, path)| path)
        .collect();
    let crate_of = |path: &&str| path.split('/').next().unwrap_or_default().to_string();
    let named: Vec<&str> = entries
        .iter()
        .filter(|p| context.contains(&crate_of(p)))
        .copied()
        .collect();
    let std: Vec<&str> = entries
        .iter()
        .filter(|p| STD_CRATES.contains(&crate_of(p).as_str()))
        .copied()
        .collect();
    match (entries.as_slice(), named.as_slice(), std.as_slice()) {
        ([], _, _) => Err(format!(
            "`{item}` in a mapping table has no documentation link: add it to \
             xtask/src/book/doc_links/items.rs, or, if the lesson defines it, give the \
             generator the source file that does (it finds `struct`, `enum`, `type`, `trait`, \
             `static`, `const` and `fn` definitions)."
        )),
        ([only], _, _) | (_, [only], _) | (_, [], [only]) => Ok(only),
        _ => Err(format!(
            "`{item}` in a mapping table could be the item of {}: write it with its path \
             in the table, or name its crate there.",
            entries
                .iter()
                .map(crate_of)
                .collect::<Vec<_>>()
                .join(" or ")
        )),
    }
}
