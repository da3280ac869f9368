//! From a lesson's raw output to the text its transcript must equal.
//!
//! Three steps, always in this order:
//!
//! 1. **Redact.** Each lesson declares, per kind, the patterns whose first
//!    capture group varies from run to run (a pid after `pid=`, a `ThreadId`,
//!    an elapsed time after `耗时: `). Only that group is replaced; every other
//!    character of the line must still match the transcript to the letter, so
//!    a redaction cannot hide a wrong word.
//! 2. **Align.** Where the transcript declares a block of lines that may come
//!    in any order, the same number of output lines at that place are put in
//!    the transcript's order, but only if they are exactly the block's lines
//!    (as a multiset, after redaction). Otherwise they are left as they came,
//!    and the comparison shows the difference.
//! 3. **Number.** Pids, thread ids and addresses become `<pid 1>`, `<pid 2>`…
//!    by first appearance in the aligned text, so a pid printed twice is
//!    visibly the same pid and two different pids are visibly different.
//!
//! The result equals the transcript exactly when the lesson behaved as
//! documented; `check` compares with `==`, and the tests crate hands the same
//! string to insta.

use std::collections::HashMap;

use crate::model::placeholder::{Kind, Redaction, numbered_placeholder};
use crate::model::transcript::{BLOCK_END, BlockKind, Item};

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Text(String),
    Value(Kind, String),
}

/// One output line, cut into fixed text and redacted values.
#[derive(Debug, Clone, PartialEq)]
struct Line(Vec<Segment>);

impl Line {
    fn redact(raw: &str, rules: &[Redaction]) -> Line {
        // Every match of every rule, as the span of its capture group.
        let mut spans: Vec<(usize, usize, Kind)> = rules
            .iter()
            .flat_map(|rule| {
                rule.pattern
                    .captures_iter(raw)
                    .filter_map(|c| c.get(1))
                    .map(|m| (m.start(), m.end(), rule.kind))
            })
            .collect();
        spans.sort();
        let mut segments = Vec::new();
        let mut at = 0;
        for (start, end, kind) in spans {
            if start < at || start == end {
                continue; // overlaps an earlier span, or captured nothing
            }
            if start > at {
                segments.push(Segment::Text(raw[at..start].to_string()));
            }
            segments.push(Segment::Value(kind, raw[start..end].to_string()));
            at = end;
        }
        if at < raw.len() {
            segments.push(Segment::Text(raw[at..].to_string()));
        }
        Line(segments)
    }

    fn text(raw: &str) -> Line {
        Line(vec![Segment::Text(raw.to_string())])
    }

    /// The line with unnumbered placeholders: what alignment compares.
    fn masked(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                Segment::Text(t) => t.clone(),
                Segment::Value(kind, raw) => kind.mask(raw),
            })
            .collect()
    }
}

/// A transcript line with its placeholder numbers taken out (`<pid 2>` → `<pid>`),
/// to compare with [`Line::masked`].
fn unnumbered(expected: &str) -> String {
    numbered_placeholder()
        .replace_all(expected, "<$1>")
        .into_owned()
}

/// Turns a program's raw stdout into the text its transcript must equal.
///
/// `expected` is the transcript (empty when there is none yet); only its block
/// markers are used here, to know which lines may be reordered.
pub fn normalise(raw: &str, rules: &[Redaction], expected: &[Item]) -> String {
    let lines: Vec<Line> = raw
        .lines()
        .map(|l| Line::redact(l.trim_end(), rules))
        .collect();
    let aligned = align(lines, expected);
    number(&aligned)
}

/// Step 2: puts declared any-order blocks into the transcript's order.
fn align(mut actual: Vec<Line>, expected: &[Item]) -> Vec<Line> {
    // Drop trailing blank lines: a transcript does not record them.
    while actual.last().is_some_and(|l| l.masked().is_empty()) {
        actual.pop();
    }
    let mut out = Vec::with_capacity(actual.len() + 2 * expected.len());
    let mut rest = actual.into_iter().peekable();
    for item in expected {
        match item {
            Item::Line(_) => out.extend(rest.next()),
            Item::Block(BlockKind::AnyOrder, block) => {
                let taken: Vec<Line> = rest.by_ref().take(block.len()).collect();
                out.push(Line::text(BlockKind::AnyOrder.marker()));
                out.extend(reorder(taken, block));
                out.push(Line::text(BLOCK_END));
            }
        }
    }
    out.extend(rest);
    out
}

/// The `taken` lines in the order of `block`, if they are exactly its lines;
/// otherwise as they came.
fn reorder(taken: Vec<Line>, block: &[String]) -> Vec<Line> {
    let mut pool: Vec<Option<Line>> = taken.iter().cloned().map(Some).collect();
    let mut ordered = Vec::with_capacity(block.len());
    for want in block {
        let want = unnumbered(want);
        let found = pool
            .iter_mut()
            .find(|slot| slot.as_ref().is_some_and(|l| l.masked() == want));
        match found.and_then(Option::take) {
            Some(line) => ordered.push(line),
            None => return taken,
        }
    }
    if ordered.len() == taken.len() {
        ordered
    } else {
        taken
    }
}

/// Step 3: writes every line, numbering values by first appearance per kind.
fn number(lines: &[Line]) -> String {
    let mut seen: HashMap<(Kind, &str), usize> = HashMap::new();
    let mut count: HashMap<Kind, usize> = HashMap::new();
    let mut first_clock: Option<u32> = None;
    let mut text = String::new();
    for line in lines {
        for segment in &line.0 {
            match segment {
                Segment::Text(t) => text.push_str(t),
                Segment::Value(kind, raw) if kind.is_numbered() => {
                    let n = *seen.entry((*kind, raw.as_str())).or_insert_with(|| {
                        let c = count.entry(*kind).or_insert(0);
                        *c += 1;
                        *c
                    });
                    text.push_str(&kind.numbered(n));
                }
                Segment::Value(Kind::Clock, raw) => match (seconds_of_day(raw), first_clock) {
                    (Some(t), None) => {
                        first_clock = Some(t);
                        text.push_str("<clock>");
                    }
                    (Some(t), Some(t0)) => {
                        let after = (t + 86_400 - t0) % 86_400;
                        text.push_str(&format!("<clock+{after} s>"));
                    }
                    // Not a time of day after all: keep it, so the difference shows.
                    (None, _) => text.push_str(raw),
                },
                Segment::Value(kind, raw) => text.push_str(&kind.mask(raw)),
            }
        }
        text.push('\n');
    }
    text.truncate(text.trim_end_matches('\n').len());
    text
}

/// `HH:MM:SS` as seconds since midnight.
fn seconds_of_day(hms: &str) -> Option<u32> {
    let mut parts = hms.split(':').map(|p| p.parse::<u32>().ok());
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    (parts.next().is_none() && h < 24 && m < 60 && s < 61).then_some(h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests;
