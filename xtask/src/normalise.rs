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
use std::fmt;

use regex::Regex;

use crate::transcript::{BLOCK_END, BlockKind, Item};

/// What a redacted value is, and so how it is written in a transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A process id: `<pid N>`, numbered by first appearance.
    Pid,
    /// A thread id: `<tid N>`, numbered by first appearance.
    Tid,
    /// A memory address: `<addr N>`, numbered by first appearance.
    Addr,
    /// A number the scheduler picks (which worker, which buyer): `<id N>`,
    /// numbered by first appearance.
    Id,
    /// A wall-clock time of day, `HH:MM:SS`: the first is `<clock>`, each later
    /// one `<clock+N s>`, its distance from the first in whole seconds. The
    /// times vary; the time that passed between them is what the lesson shows.
    Clock,
    /// Elapsed seconds, rounded to the nearest whole second: `<≈3 s>`.
    Secs,
    /// A count that varies from run to run: `<n>`. The lesson's pattern says
    /// which values are acceptable (`([1-9]\d*)`: any but zero), so a value
    /// outside it stays in the text and fails the comparison.
    N,
    /// Which of a few threads the scheduler picked: `<who>`, not numbered,
    /// because the order of turns itself varies.
    Who,
}

impl Kind {
    /// Every kind, with the name a lesson's `redact` table uses for it.
    pub const ALL: [(&'static str, Kind); 8] = [
        ("pid", Kind::Pid),
        ("tid", Kind::Tid),
        ("addr", Kind::Addr),
        ("id", Kind::Id),
        ("clock", Kind::Clock),
        ("secs", Kind::Secs),
        ("n", Kind::N),
        ("who", Kind::Who),
    ];

    /// The kind a `redact` table names, if any.
    pub fn from_name(name: &str) -> Option<Kind> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
    }

    fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map(|(n, _)| *n)
            .unwrap_or("?")
    }

    fn is_numbered(self) -> bool {
        matches!(self, Kind::Pid | Kind::Tid | Kind::Addr | Kind::Id)
    }

    /// The placeholder before numbering: what alignment compares.
    fn mask(self, raw: &str) -> String {
        match self {
            Kind::Pid | Kind::Tid | Kind::Addr | Kind::Id => format!("<{}>", self.name()),
            Kind::Clock => "<clock>".to_string(),
            Kind::N => "<n>".to_string(),
            Kind::Who => "<who>".to_string(),
            Kind::Secs => match raw.parse::<f64>() {
                Ok(secs) => format!("<≈{} s>", secs.round()),
                // The patterns capture digits, so this is only reached by a
                // pattern that captures something else: keep it visible.
                Err(_) => raw.to_string(),
            },
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One pattern of a lesson's `redact` table.
#[derive(Debug, Clone)]
pub struct Redaction {
    pub kind: Kind,
    pub pattern: Regex,
}

impl Redaction {
    /// Compiles `pattern`, which must have exactly one capture group: the part
    /// that varies. Everything outside the group is still compared.
    pub fn new(kind: Kind, pattern: &str) -> Result<Self, String> {
        let regex =
            Regex::new(pattern).map_err(|e| format!("bad {kind} pattern {pattern:?}: {e}"))?;
        if regex.captures_len() != 2 {
            return Err(format!(
                "{kind} pattern {pattern:?} must have exactly one capture group (the part that varies)"
            ));
        }
        Ok(Self {
            kind,
            pattern: regex,
        })
    }
}

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
    use std::sync::OnceLock;
    static NUMBERED: OnceLock<Regex> = OnceLock::new();
    NUMBERED
        .get_or_init(|| Regex::new(r"<(pid|tid|addr|id) \d+>").expect("valid regex"))
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
                    text.push_str(&format!("<{kind} {n}>"));
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
mod tests {
    use super::*;
    use crate::transcript::parse_items;

    fn pid_rule() -> Vec<Redaction> {
        vec![Redaction::new(Kind::Pid, r"pid=(\d+)").unwrap()]
    }

    /// The verdict `check` gives: normalised output equals the transcript.
    fn passes(raw: &str, rules: &[Redaction], transcript: &str) -> bool {
        let items = parse_items(transcript).unwrap();
        normalise(raw, rules, &items) == transcript
    }

    const SPAWN: &str = "Main Processing pid=<pid 1>\n{any order}\nProcessing proc1 pid=<pid 2>\nProcessing proc2 pid=<pid 3>\n{end}\nProcess end..";

    #[test]
    fn identical_output_passes() {
        let raw = "Main Processing pid=40\nProcessing proc1 pid=41\nProcessing proc2 pid=42\nProcess end..\n";
        assert!(passes(raw, &pid_rule(), SPAWN));
    }

    #[test]
    fn lines_of_an_any_order_block_may_swap() {
        let raw = "Main Processing pid=40\nProcessing proc2 pid=42\nProcessing proc1 pid=41\nProcess end..\n";
        assert!(passes(raw, &pid_rule(), SPAWN));
    }

    #[test]
    fn a_changed_line_fails() {
        let raw = "Main Processing pid=40\nProcessing proc1 pid=41\nProcessing proc2 pid=42\nProcess ended\n";
        assert!(!passes(raw, &pid_rule(), SPAWN));
    }

    #[test]
    fn a_missing_line_fails() {
        let raw = "Main Processing pid=40\nProcessing proc1 pid=41\nProcessing proc2 pid=42\n";
        assert!(!passes(raw, &pid_rule(), SPAWN));
        // Also from inside a block: the remaining block line cannot stand in for two.
        let raw = "Main Processing pid=40\nProcessing proc1 pid=41\nProcess end..\n";
        assert!(!passes(raw, &pid_rule(), SPAWN));
    }

    #[test]
    fn an_extra_line_fails() {
        let raw = "Main Processing pid=40\nProcessing proc1 pid=41\nProcessing proc2 pid=42\nProcess end..\nProcess end..\n";
        assert!(!passes(raw, &pid_rule(), SPAWN));
        let raw = "Main Processing pid=40\nProcessing proc1 pid=41\nProcessing proc1 pid=41\nProcessing proc2 pid=42\nProcess end..\n";
        assert!(!passes(raw, &pid_rule(), SPAWN));
    }

    #[test]
    fn two_swapped_lines_in_an_ordered_section_fail() {
        let transcript = "begin num: 0\nend num: 0";
        assert!(passes("begin num: 0\nend num: 0\n", &[], transcript));
        assert!(!passes("end num: 0\nbegin num: 0\n", &[], transcript));
        // Outside the block, the spawn transcript is ordered too.
        let raw = "Processing proc1 pid=41\nMain Processing pid=40\nProcessing proc2 pid=42\nProcess end..\n";
        assert!(!passes(raw, &pid_rule(), SPAWN));
    }

    #[test]
    fn a_redaction_cannot_hide_a_wrong_word() {
        // The pid is redacted, the word next to it is not.
        let raw = "Main Processing pid=40\nProcessing proc9 pid=41\nProcessing proc2 pid=42\nProcess end..\n";
        assert!(!passes(raw, &pid_rule(), SPAWN));
        // The pattern's fixed part must match too: `pid:` is not `pid=`.
        let raw = "Main Processing pid:40\nProcessing proc1 pid=41\nProcessing proc2 pid=42\nProcess end..\n";
        assert!(!passes(raw, &pid_rule(), SPAWN));
        // Only digits are captured, so a word where the pid should be stays a word.
        let raw = "Main Processing pid=oops\nProcessing proc1 pid=41\nProcessing proc2 pid=42\nProcess end..\n";
        assert!(!passes(raw, &pid_rule(), SPAWN));
    }

    #[test]
    fn a_repeated_pid_keeps_its_number_and_a_different_one_shows() {
        let transcript = "parent <pid 1>\nchild <pid 2> of <pid 1>";
        let rules = vec![Redaction::new(Kind::Pid, r"(?:parent|child|of) (\d+)").unwrap()];
        assert!(passes("parent 7\nchild 9 of 7\n", &rules, transcript));
        // The child names a parent that is not the parent.
        assert!(!passes("parent 7\nchild 9 of 8\n", &rules, transcript));
        // The child reports its parent's pid as its own.
        assert!(!passes("parent 7\nchild 7 of 7\n", &rules, transcript));
    }

    #[test]
    fn seconds_keep_the_figure_that_teaches() {
        let rules = vec![Redaction::new(Kind::Secs, r"耗时: (\d+(?:\.\d+)?)").unwrap()];
        let transcript = "耗时: <≈3 s>";
        assert!(passes("耗时: 3.0009\n", &rules, transcript));
        assert!(passes("耗时: 3.31\n", &rules, transcript));
        assert!(!passes("耗时: 9.002\n", &rules, transcript));
        assert!(!passes("耗时: 3.0009 minutes\n", &rules, transcript));
    }

    #[test]
    fn a_block_with_a_stranger_is_left_as_it_came() {
        let raw = "Main Processing pid=40\nProcessing proc3 pid=41\nProcessing proc1 pid=42\nProcess end..\n";
        let items = parse_items(SPAWN).unwrap();
        let got = normalise(raw, &pid_rule(), &items);
        assert_eq!(
            got,
            "Main Processing pid=<pid 1>\n{any order}\nProcessing proc3 pid=<pid 2>\nProcessing proc1 pid=<pid 3>\n{end}\nProcess end.."
        );
    }

    #[test]
    fn without_a_transcript_output_is_only_redacted() {
        let got = normalise("a pid=5\n\nb pid=6 pid=5  \n\n", &pid_rule(), &[]);
        assert_eq!(got, "a pid=<pid 1>\n\nb pid=<pid 2> pid=<pid 1>");
    }

    #[test]
    fn a_count_passes_only_where_its_pattern_allows() {
        // "lost updates" must be a count other than zero.
        let rules = vec![Redaction::new(Kind::N, r"^lost (-?[1-9]\d*)$").unwrap()];
        assert!(passes("lost 17\n", &rules, "lost <n>"));
        assert!(!passes("lost 0\n", &rules, "lost <n>"));
    }

    #[test]
    fn clock_times_keep_the_time_that_passed() {
        let rules = vec![Redaction::new(Kind::Clock, r"at (\d\d:\d\d:\d\d)").unwrap()];
        let transcript = "started at <clock>\nfinished at <clock+3 s>";
        assert!(passes(
            "started at 23:59:58\nfinished at 00:00:01\n",
            &rules,
            transcript
        ));
        assert!(!passes(
            "started at 10:00:00\nfinished at 10:00:02\n",
            &rules,
            transcript
        ));
    }

    #[test]
    fn a_pattern_needs_exactly_one_group() {
        assert!(Redaction::new(Kind::Pid, r"pid=\d+").is_err());
        assert!(Redaction::new(Kind::Pid, r"(pid)=(\d+)").is_err());
        assert!(Redaction::new(Kind::Pid, r"pid=(\d+").is_err());
    }
}
