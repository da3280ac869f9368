//! The sentence under a sample run in the book: what would be different in
//! another run, read from the transcript the sample belongs to.
//!
//! A transcript marks everything that varies (`<pid 1>`, `<clock+3 s>`,
//! `{any order}` blocks); the page shows a real run instead, so it says in
//! words what the placeholders would have said. What each kind of
//! placeholder means is the model's ([`KINDS`]), in both languages.

use crate::model::placeholder::{KINDS, holds};
use crate::model::transcript::{BLOCK_END, BlockKind};

/// What differs between runs of the program whose transcript is `content`.
pub fn sentence(content: &str) -> String {
    let mut clauses: Vec<String> = KINDS
        .iter()
        .filter(|s| holds(s.kind, content))
        .map(|s| s.varies_en.to_string())
        .collect();
    clauses.extend(blocks(content).iter().map(|b| b.english()));
    if clauses.is_empty() {
        return "Every run prints exactly this.".to_string();
    }
    format!(
        "In another run, {}; everything else is the same every time.",
        list(&clauses)
    )
}

/// The same, in Chinese, for the Chinese edition (written here rather than
/// translated, so it follows the transcript without a translator's help).
pub fn sentence_zh(content: &str) -> String {
    let mut clauses: Vec<String> = KINDS
        .iter()
        .filter(|s| holds(s.kind, content))
        .map(|s| s.varies_zh.to_string())
        .collect();
    clauses.extend(blocks(content).iter().map(|b| b.chinese()));
    if clauses.is_empty() {
        return "每次运行的输出都与此完全相同。".to_string();
    }
    format!("再运行一次，{}；其余内容每次都一样。", clauses.join("，"))
}

/// One `{any order}` block, placed among the output's lines.
#[derive(Debug, PartialEq)]
struct Block {
    /// Its first and last line, counted from 1 in the output (markers aside).
    from: usize,
    to: usize,
    /// How many lines the output has.
    total: usize,
    /// The fixed start of the line just before it, when that line begins
    /// with words rather than a placeholder: what a reader can find.
    after: Option<String>,
}

impl Block {
    fn len(&self) -> usize {
        self.to + 1 - self.from
    }

    fn english(&self) -> String {
        let n = self.len();
        match (self.from, self.to == self.total, &self.after) {
            (1, true, _) => "the lines can come in any order".to_string(),
            (1, false, _) => format!("the first {n} lines can come in any order"),
            (_, true, _) => format!("the last {n} lines can come in any order"),
            (_, false, Some(after)) => {
                format!("the {n} lines after `{after}` can come in any order")
            }
            (from, false, None) => format!(
                "the {n} lines from line {from} to line {} can come in any order",
                self.to
            ),
        }
    }

    fn chinese(&self) -> String {
        let n = self.len();
        match (self.from, self.to == self.total, &self.after) {
            (1, true, _) => "各行的先后顺序可能不同".to_string(),
            (1, false, _) => format!("前 {n} 行的先后顺序可能不同"),
            (_, true, _) => format!("最后 {n} 行的先后顺序可能不同"),
            (_, false, Some(after)) => format!("`{after}` 之后的 {n} 行先后顺序可能不同"),
            (from, false, None) => {
                format!("第 {from} 行到第 {} 行的先后顺序可能不同", self.to)
            }
        }
    }
}

/// The `{any order}` blocks of a transcript.
fn blocks(content: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut line = 0;
    let mut last_text = "";
    let mut open: Option<(usize, &str)> = None;
    for text in content.lines() {
        if text == BlockKind::AnyOrder.marker() {
            open = Some((line + 1, last_text));
        } else if text == BLOCK_END {
            if let Some((from, before)) = open.take() {
                found.push((from, line, before));
            }
        } else {
            line += 1;
            last_text = text;
        }
    }
    found
        .into_iter()
        .map(|(from, to, before)| Block {
            from,
            to,
            total: line,
            after: fixed_start(before),
        })
        .collect()
}

/// The words a line starts with, up to its first placeholder, as a reader
/// can find them in a real run: `Main Processing pid=<pid 1>` →
/// `Main Processing pid=…`. `None` when it starts with a placeholder, or
/// has no words.
fn fixed_start(line: &str) -> Option<String> {
    let at = crate::model::placeholder::any_placeholder()
        .find(line)
        .map_or(line.len(), |m| m.start());
    let words = line[..at].trim_end();
    if words.chars().filter(|c| c.is_alphanumeric()).count() < 3 || words.contains('`') {
        return None;
    }
    Some(if at < line.len() {
        format!("{}…", &line[..at])
    } else {
        words.to_string()
    })
}

/// `a`, `a and b`, `a, b, and c`: clauses may hold commas of their own.
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::{sentence, sentence_zh};

    const SPAWN: &str = "Main Processing pid=<pid 1>\n{any order}\nProcessing proc1 pid=<pid 2>\nProcessing proc2 pid=<pid 3>\n{end}\nProcess end..";

    #[test]
    fn a_fixed_output_says_so() {
        assert_eq!(sentence("a\nb"), "Every run prints exactly this.");
        assert_eq!(sentence_zh("a\nb"), "每次运行的输出都与此完全相同。");
    }

    #[test]
    fn kinds_and_blocks_are_named_in_words_a_reader_can_find() {
        assert_eq!(
            sentence(SPAWN),
            "In another run, the process ids are different and the 2 lines after \
             `Main Processing pid=…` can come in any order; everything else is the same \
             every time."
        );
        assert_eq!(
            sentence_zh(SPAWN),
            "再运行一次，进程号不同，`Main Processing pid=…` 之后的 2 行先后顺序可能不同；其余内容每次都一样。"
        );
    }

    #[test]
    fn blocks_at_the_ends_are_named_by_their_place() {
        let first = "{any order}\na <≈1 s>\nb\n{end}\nc\n";
        assert_eq!(
            sentence(first),
            "In another run, the elapsed times can be off by a fraction of a second and the \
             first 2 lines can come in any order; everything else is the same every time."
        );
        let all = "{any order}\na\nb\n{end}";
        assert_eq!(
            sentence(all),
            "In another run, the lines can come in any order; everything else is the same every time."
        );
        let three = "<pid 1> start\n{any order}\nx\ny\n{end}\n<clock> end";
        assert!(
            sentence(three).contains(
                "the process ids are different, the times of day are different (the seconds \
                 between them are not), and the 2 lines from line 2 to line 3 can come in any order"
            ),
            "{}",
            sentence(three)
        );
    }
}
