//! The sentence under a sample run in the book: what would be different in
//! another run, read from the transcript the sample belongs to.
//!
//! A transcript marks everything that varies (`<pid 1>`, `<clock+3 s>`,
//! `{any order}` blocks); the page shows a real run instead, so it says in
//! words what the placeholders would have said.

use crate::transcript::{BLOCK_END, BlockKind};

/// What differs between runs of the program whose transcript is `content`.
pub fn sentence(content: &str) -> String {
    let has = |token: &str| content.contains(token);
    let mut kinds: Vec<&str> = Vec::new();
    if has("<pid ") {
        kinds.push("the process ids");
    }
    if has("<tid ") {
        kinds.push("the thread ids");
    }
    if has("<addr ") {
        kinds.push("the memory addresses");
    }
    if has("<id ") {
        kinds.push("the numbers of the threads or tasks that get there first");
    }
    if has("<who>") {
        kinds.push("which thread takes each turn");
    }
    if has("<clock") {
        kinds.push("the times of day (not the seconds between them)");
    }
    if has("<≈") {
        kinds.push("the elapsed times, by a fraction of a second");
    }
    if has("<n>") {
        kinds.push("the counts and measured figures");
    }
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
    let has = |token: &str| content.contains(token);
    let mut kinds: Vec<&str> = Vec::new();
    for (token, words) in [
        ("<pid ", "进程号"),
        ("<tid ", "线程 ID"),
        ("<addr ", "内存地址"),
        ("<id ", "先抢到的线程或任务的编号"),
        ("<who>", "每一轮由哪个线程执行"),
        ("<clock", "时刻（但时刻之间相隔的秒数不变）"),
        ("<≈", "耗时（相差不到一秒）"),
        ("<n>", "计数和测得的数字"),
    ] {
        if has(token) {
            kinds.push(words);
        }
    }
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
