//! Normalisation's tests: redactions, numbering, declared blocks.

use super::*;
use crate::model::transcript::parse_items;

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
    let raw =
        "Main Processing pid=40\nProcessing proc1 pid=41\nProcessing proc2 pid=42\nProcess end..\n";
    assert!(passes(raw, &pid_rule(), SPAWN));
}

#[test]
fn lines_of_an_any_order_block_may_swap() {
    let raw =
        "Main Processing pid=40\nProcessing proc2 pid=42\nProcessing proc1 pid=41\nProcess end..\n";
    assert!(passes(raw, &pid_rule(), SPAWN));
}

#[test]
fn a_changed_line_fails() {
    let raw =
        "Main Processing pid=40\nProcessing proc1 pid=41\nProcessing proc2 pid=42\nProcess ended\n";
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
    let raw =
        "Processing proc1 pid=41\nMain Processing pid=40\nProcessing proc2 pid=42\nProcess end..\n";
    assert!(!passes(raw, &pid_rule(), SPAWN));
}

#[test]
fn a_redaction_cannot_hide_a_wrong_word() {
    // The pid is redacted, the word next to it is not.
    let raw =
        "Main Processing pid=40\nProcessing proc9 pid=41\nProcessing proc2 pid=42\nProcess end..\n";
    assert!(!passes(raw, &pid_rule(), SPAWN));
    // The pattern's fixed part must match too: `pid:` is not `pid=`.
    let raw =
        "Main Processing pid:40\nProcessing proc1 pid=41\nProcessing proc2 pid=42\nProcess end..\n";
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
    let raw =
        "Main Processing pid=40\nProcessing proc3 pid=41\nProcessing proc1 pid=42\nProcess end..\n";
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
