//! Small helpers for what the user reads: diffs and "did you mean".

use std::fmt::Write as _;

use similar::{ChangeTag, TextDiff};

/// A unified diff of two texts, line by line, each line prefixed by `indent`.
pub fn diff(expected: &str, actual: &str, indent: &str) -> String {
    // Both sides end with a newline, so a last line that is equal looks equal.
    let (expected, actual) = (
        format!("{}\n", expected.trim_end_matches('\n')),
        format!("{}\n", actual.trim_end_matches('\n')),
    );
    let diff = TextDiff::from_lines(&expected, &actual);
    let mut text = String::new();
    for (i, group) in diff.grouped_ops(2).iter().enumerate() {
        if i > 0 {
            let _ = writeln!(text, "{indent}…");
        }
        for op in group {
            for change in diff.iter_changes(op) {
                let sign = match change.tag() {
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                    ChangeTag::Equal => ' ',
                };
                let line = change.value().trim_end_matches('\n');
                let _ = writeln!(text, "{indent}{sign} {line}");
            }
        }
    }
    text
}

/// The known names closest to `name` (at most three), for "did you mean".
pub fn closest(name: &str, known: impl Iterator<Item = String>) -> Vec<String> {
    let mut scored: Vec<(usize, String)> = known
        .map(|k| (distance(name, &k), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2) || k.contains(name))
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

/// Levenshtein distance, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> impl Iterator<Item = String> {
        [
            "threads-lock",
            "threads-rlock",
            "processes-lock",
            "async-gather",
            "threads",
        ]
        .into_iter()
        .map(String::from)
    }

    #[test]
    fn typos_find_their_lesson() {
        assert_eq!(closest("thread-lock", names())[0], "threads-lock");
        assert_eq!(closest("asyncgather", names()), vec!["async-gather"]);
        assert!(closest("zzzzzz", names()).is_empty());
    }

    #[test]
    fn an_equal_last_line_is_not_in_the_diff() {
        let d = diff("a\nb", "a\nb\nc", "");
        assert!(
            d.contains("  b\n") && d.contains("+ c\n") && !d.contains("- b"),
            "{d}"
        );
    }

    #[test]
    fn the_diff_marks_both_sides() {
        let d = diff("a\nb\nc\n", "a\nx\nc\n", "");
        assert!(d.contains("- b\n") && d.contains("+ x\n"), "{d}");
    }
}
