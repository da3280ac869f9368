//! The sentence under a sample run in the book: what would be different in
//! another run, read from the transcript the sample belongs to.
//!
//! A transcript marks everything that varies (`<pid 1>`, `<clock+3 s>`,
//! `{any order}` blocks); the page shows a real run instead, so it says in
//! words what the placeholders would have said.

use crate::transcript::{BLOCK_END, BlockKind};

/// Each placeholder's mark in a transcript, and what varies, in English and
/// in Chinese.
const KINDS: [(&str, &str, &str); 8] = [
    ("<pid ", "the process ids", "进程号"),
    ("<tid ", "the thread ids", "线程 ID"),
    ("<addr ", "the memory addresses", "内存地址"),
    (
        "<id ",
        "the numbers of the threads or tasks that get there first",
        "先抢到的线程或任务的编号",
    ),
    (
        "<who>",
        "which thread takes each turn",
        "每一轮由哪个线程执行",
    ),
    (
        "<clock",
        "the times of day (not the seconds between them)",
        "时刻（但时刻之间相隔的秒数不变）",
    ),
    (
        "<≈",
        "the elapsed times, by a fraction of a second",
        "耗时（相差不到一秒）",
    ),
    ("<n>", "the counts and measured figures", "计数和测得的数字"),
];

/// What differs between runs of the program whose transcript is `content`.
pub fn sentence(content: &str) -> String {
    let kinds: Vec<&str> = KINDS
        .iter()
        .filter(|(mark, _, _)| content.contains(mark))
        .map(|(_, en, _)| *en)
        .collect();
    let blocks = any_order_lines(content);
    if kinds.is_empty() && blocks.is_empty() {
        return "Every run prints exactly this.".to_string();
    }
    let mut parts = Vec::new();
    if !kinds.is_empty() {
        parts.push(format!("{} differ", list(&kinds)));
    }
    if !blocks.is_empty() {
        let ranges: Vec<String> = blocks
            .iter()
            .map(|(from, to)| format!("{from}–{to}"))
            .collect();
        parts.push(format!(
            "the order within lines {} can change",
            list(&ranges.iter().map(String::as_str).collect::<Vec<_>>())
        ));
    }
    format!(
        "In another run, {}; everything else is the same every time.",
        parts.join(", and ")
    )
}

/// The same, in Chinese, for the Chinese edition (written here rather than
/// translated, so it follows the transcript without a translator's help).
pub fn sentence_zh(content: &str) -> String {
    let kinds: Vec<&str> = KINDS
        .iter()
        .filter(|(mark, _, _)| content.contains(mark))
        .map(|(_, _, zh)| *zh)
        .collect();
    let blocks = any_order_lines(content);
    if kinds.is_empty() && blocks.is_empty() {
        return "每次运行的输出都与此完全相同。".to_string();
    }
    let mut parts = Vec::new();
    if !kinds.is_empty() {
        parts.push(format!("{}会不同", kinds.join("、")));
    }
    if !blocks.is_empty() {
        let ranges: Vec<String> = blocks
            .iter()
            .map(|(from, to)| format!("第 {from}–{to} 行"))
            .collect();
        parts.push(format!("{}内部的先后顺序可能改变", ranges.join("、")));
    }
    format!("再运行一次，{}；其余内容每次都一样。", parts.join("，"))
}

/// The 1-based line ranges of the output that `{any order}` blocks cover.
fn any_order_lines(content: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut line = 0;
    let mut start = None;
    for text in content.lines() {
        if text == BlockKind::AnyOrder.marker() {
            start = Some(line + 1);
        } else if text == BLOCK_END {
            if let Some(from) = start.take() {
                ranges.push((from, line));
            }
        } else {
            line += 1;
        }
    }
    ranges
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn the_chinese_sentence_says_the_same() {
        let content = "parent <pid 1>\n{any order}\nchild <pid 2>\nchild <pid 3>\n{end}";
        assert_eq!(
            super::sentence_zh(content),
            "再运行一次，进程号会不同，第 2–3 行内部的先后顺序可能改变；其余内容每次都一样。"
        );
    }

    #[test]
    fn a_fixed_output_says_so() {
        assert_eq!(sentence("a\nb"), "Every run prints exactly this.");
    }

    #[test]
    fn kinds_and_blocks_are_named_with_the_lines_they_cover() {
        let content =
            "parent <pid 1>\n{any order}\nchild <pid 2>\nchild <pid 3>\n{end}\nat <clock>";
        assert_eq!(
            sentence(content),
            "In another run, the process ids and the times of day (not the seconds between them) \
             differ, and the order within lines 2–3 can change; everything else is the same \
             every time."
        );
    }
}
