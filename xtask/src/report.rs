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

/// The known names a mistyped `name` probably meant, for "did you mean".
///
/// A name that is one whole word of known names (`lock` in `threads-lock` and
/// `processes-lock`) offers every lesson it names, and no example of a lesson
/// already offered. Otherwise the three closest by edit distance, or that
/// contain `name`, are offered.
pub fn closest(name: &str, known: impl Iterator<Item = String>) -> Vec<String> {
    let known: Vec<String> = known.collect();
    let words = |k: &str| k.split(['-', '/']).any(|word| word == name);
    let mut whole: Vec<String> = Vec::new();
    for k in known.iter().filter(|k| words(k)) {
        let lesson = k.split('/').next().unwrap_or(k);
        if !whole.iter().any(|w| w == k || w == lesson) {
            whole.push(k.clone());
        }
    }
    if !whole.is_empty() {
        return whole;
    }
    let mut scored: Vec<(usize, String)> = known
        .into_iter()
        .map(|k| (strsim::levenshtein(name, &k), k))
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2) || k.contains(name))
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, k)| k).collect()
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
    fn a_whole_word_offers_every_lesson_it_names() {
        let known = names().chain(["threads-lock/lock_buy".to_string()]);
        assert_eq!(
            closest("lock", known),
            vec!["threads-lock", "processes-lock"]
        );
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
