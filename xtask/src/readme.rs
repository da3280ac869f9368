//! The parts of a lesson's README the tooling keeps equal to the files they
//! show, so that what a learner reads is what runs:
//!
//! - `<!-- sample: <program> -->` above a fenced block: a real run of the
//!   program, real pids and times rather than placeholders, so a learner sees
//!   what a run looks like; verify fails unless it is a run the program's
//!   transcript accepts (`crate::check::sample_fits`);
//! - `<!-- file: <path> -->` above a fenced block: a copy of one of the
//!   lesson's files (`src/main.rs`, `python/main.py`);
//! - `<!-- differences: <program> -->` … `<!-- end of differences -->`: the
//!   table of what the program's Python twin prints differently, and why,
//!   made from the lesson's metadata, the list `verify --python` checks
//!   (with a column saying under which build of CPython, where a difference
//!   holds under one only).
//!
//! `cargo xtask bless` rewrites all three; verify checks the transcripts, and
//! `cargo test` (the tidy test) the files and the differences.

use std::fmt::Write as _;

use crate::model::{Build, Lesson, Program};

/// The line that announces a sample run in a README.
pub fn sample_marker(program: &str) -> String {
    format!("<!-- sample: {program} -->")
}

/// The sample run the README shows, if it shows one.
pub fn sample<'a>(readme: &'a str, program: &str) -> Option<&'a str> {
    fenced_after(readme, &sample_marker(program)).map(|(start, end)| readme[start..end].trim_end())
}

/// The README with its sample run replaced by `content`.
pub fn with_sample(readme: &str, program: &str, content: &str) -> Option<String> {
    with_fenced(readme, &sample_marker(program), "text", content)
}

/// The marker above a copy of `path` (relative to the lesson's folder).
pub fn file_marker(path: &str) -> String {
    format!("<!-- file: {path} -->")
}

/// Every file a README shows a copy of: `(path, copy)`, in order.
pub fn file_copies(readme: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = readme;
    while let Some(at) = rest.find("<!-- file: ") {
        let line_end = rest[at..].find('\n').map_or(rest.len(), |n| at + n);
        let marker = &rest[at..line_end];
        if let Some(path) = marker
            .strip_prefix("<!-- file: ")
            .and_then(|m| m.strip_suffix(" -->"))
            && let Some((start, end)) = fenced_after(readme, &file_marker(path))
        {
            found.push((path.to_string(), readme[start..end].trim_end().to_string()));
        }
        rest = &rest[line_end..];
    }
    found
}

/// Where the fenced block after `marker` keeps its body: the byte range
/// between its opening and closing fences. A fence is three or more
/// backticks, and the block closes at the first line that is the same fence.
pub fn fenced_after(readme: &str, marker: &str) -> Option<(usize, usize)> {
    let (open, fence) = opening_fence(readme, marker)?;
    let body_start = readme[open..].find('\n')? + open + 1;
    let mut at = body_start;
    for line in readme[body_start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            return Some((body_start, at));
        }
        at += line.len();
    }
    None
}

/// The byte offset and the backticks of the fence that opens the block after `marker`.
fn opening_fence<'r>(readme: &'r str, marker: &str) -> Option<(usize, &'r str)> {
    let after = readme.find(marker)? + marker.len();
    let open = readme[after..].find("```")? + after;
    let ticks = readme[open..].chars().take_while(|c| *c == '`').count();
    Some((open, &readme[open..open + ticks]))
}

/// The README with the fenced block after `marker` replaced by `content`,
/// its fence made long enough for any fence inside the content.
pub fn with_fenced(readme: &str, marker: &str, lang: &str, content: &str) -> Option<String> {
    let (open, _) = opening_fence(readme, marker)?;
    let (_, body_end) = fenced_after(readme, marker)?;
    let close_end = readme[body_end..]
        .find('\n')
        .map_or(readme.len(), |n| body_end + n);
    let longest = content
        .lines()
        .map(|l| l.trim_start().chars().take_while(|c| *c == '`').count())
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    Some(format!(
        "{}{fence}{lang}\n{}\n{fence}{}",
        &readme[..open],
        content.trim_end(),
        &readme[close_end..]
    ))
}

/// The fenced block's language for a file: `rust`, `python`, or none.
pub fn language(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("rs") => "rust",
        Some("py") => "python",
        Some("toml") => "toml",
        Some("patch") => "diff",
        _ => "",
    }
}

/// The marker that opens a program's table of differences.
pub fn differences_marker(program: &str) -> String {
    format!("<!-- differences: {program} -->")
}

/// The marker that closes it.
pub const DIFFERENCES_END: &str = "<!-- end of differences -->";

/// The table of differences between a program and its Python twin, as the
/// README shows it: made from the metadata, never written by hand.
pub fn differences(program: &Program) -> String {
    let Some(twin) = &program.twin else {
        return String::new();
    };
    let code = |s: &str| {
        if s.is_empty() {
            "(nothing)".to_string()
        } else {
            let s = s.replace('\n', "⏎").replace('|', "\\|");
            let ticks = if s.contains('`') { "``" } else { "`" };
            format!("{ticks}{s}{ticks}")
        }
    };
    let mut text = String::new();
    // A column for the build only where some difference belongs to one.
    let by_build = twin.differs.iter().any(|d| d.build.is_some());
    if twin.differs.is_empty() {
        text.push_str("The Python twin prints exactly what the Rust program prints.\n");
    } else if by_build {
        text.push_str(
            "| the Python prints | the Rust prints | CPython build | why |\n|---|---|---|---|\n",
        );
        for d in &twin.differs {
            let build = d.build.map_or("both", Build::name);
            let _ = writeln!(
                text,
                "| {} | {} | {build} | {} |",
                code(&d.python),
                code(&d.rust),
                d.why.trim().replace('|', "\\|")
            );
        }
        for build in [Build::Gil, Build::FreeThreaded] {
            let gil = build == Build::Gil;
            if !twin.differs.iter().any(|d| d.applies(gil)) {
                let _ = writeln!(
                    text,
                    "\nUnder {}, the twin prints exactly what the Rust program prints.",
                    build.the_build()
                );
            }
        }
    } else {
        text.push_str("| the Python prints | the Rust prints | why |\n|---|---|---|\n");
        for d in &twin.differs {
            let _ = writeln!(
                text,
                "| {} | {} | {} |",
                code(&d.python),
                code(&d.rust),
                d.why.trim().replace('|', "\\|")
            );
        }
    }
    if let Some(why) = &twin.compare_why {
        let _ = writeln!(
            text,
            "\nThe two are compared as lines in any order, not line by line. {}",
            why.trim()
        );
    }
    text
}

/// The README's table of differences for `program`, if it has one.
pub fn differences_copy<'r>(readme: &'r str, program: &str) -> Option<&'r str> {
    let (start, end) = differences_span(readme, program)?;
    Some(readme[start..end].trim())
}

/// The README with the table of differences for `program` replaced.
pub fn with_differences(readme: &str, program: &str, table: &str) -> Option<String> {
    let (start, end) = differences_span(readme, program)?;
    Some(format!(
        "{}\n{}\n\n{}",
        readme[..start].trim_end_matches('\n'),
        table.trim(),
        &readme[end..]
    ))
}

fn differences_span(readme: &str, program: &str) -> Option<(usize, usize)> {
    let marker = differences_marker(program);
    let start = readme.find(&marker)? + marker.len();
    let end = readme[start..].find(DIFFERENCES_END)? + start;
    Some((start, end))
}

/// CONTRIBUTING.md with its table of placeholders made anew from the
/// model; `None` when it has no place for one.
pub fn with_placeholder_table(contributing: &str) -> Option<String> {
    use crate::model::placeholder::{TABLE_END, TABLE_START, contributing_table};
    let start = contributing.find(TABLE_START)? + TABLE_START.len();
    let end = contributing[start..].find(TABLE_END)? + start;
    Some(format!(
        "{}\n{}{}",
        &contributing[..start],
        contributing_table(),
        &contributing[end..]
    ))
}

/// Everything generated in `readme` that no longer matches the lesson: one
/// sentence each, naming what is stale.
pub fn stale_parts(lesson: &Lesson, readme: &str) -> Vec<String> {
    let mut stale = Vec::new();
    for (path, copy) in file_copies(readme) {
        match std::fs::read_to_string(lesson.dir.join(&path)) {
            Ok(file) if file.trim_end() == copy => {}
            Ok(_) => stale.push(format!("its copy of {path} differs from the file")),
            Err(_) => stale.push(format!("it shows {path}, which does not exist")),
        }
    }
    for program in &lesson.programs {
        if program.twin.is_none() {
            continue;
        }
        match differences_copy(readme, &program.target) {
            Some(copy) if copy == differences(program).trim() => {}
            Some(_) => stale.push(format!(
                "its table of differences for {} is not the metadata's",
                program.target
            )),
            None => {}
        }
    }
    stale
}

/// The README with every generated part brought up to date.
pub fn refreshed(lesson: &Lesson, readme: &str) -> String {
    let mut text = readme.to_string();
    for (path, _) in file_copies(readme) {
        if let Ok(file) = std::fs::read_to_string(lesson.dir.join(&path))
            && let Some(new) = with_fenced(&text, &file_marker(&path), language(&path), &file)
        {
            text = new;
        }
    }
    for program in &lesson.programs {
        if let Some(new) = with_differences(&text, &program.target, &differences(program)) {
            text = new;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_copy_is_found_and_replaced_with_a_long_enough_fence() {
        let readme = "intro\n<!-- file: src/main.rs -->\n```rust\nold\n```\nafter\n";
        assert_eq!(
            file_copies(readme),
            vec![("src/main.rs".into(), "old".into())]
        );
        // A line of the content that is itself a fence needs a longer one around it.
        let content = "\"\"\"Doc.\n```text\nx\n```\n\"\"\"\nprint(1)\n";
        let new = with_fenced(readme, &file_marker("src/main.rs"), "python", content).unwrap();
        assert!(
            new.starts_with("intro\n<!-- file: src/main.rs -->\n````python\n"),
            "{new}"
        );
        assert!(new.ends_with("print(1)\n````\nafter\n"), "{new}");
        assert_eq!(file_copies(&new)[0].1, content.trim_end());
    }

    #[test]
    fn a_table_of_differences_is_replaced_between_its_markers() {
        let readme = "a\n<!-- differences: main -->\nold\n<!-- end of differences -->\nb\n";
        let new = with_differences(readme, "main", "| x |\n").unwrap();
        assert_eq!(
            new,
            "a\n<!-- differences: main -->\n| x |\n\n<!-- end of differences -->\nb\n"
        );
        assert_eq!(differences_copy(&new, "main"), Some("| x |"));
    }

    #[test]
    fn a_difference_of_one_build_gets_a_column_saying_which() {
        use crate::model::{Difference, Twin};
        let difference = |python: &str, build| Difference {
            python: python.into(),
            rust: "yes".into(),
            why: "the GIL".into(),
            build,
        };
        let mut program = Program {
            id: "threads-gil".into(),
            target: "main".into(),
            ports: vec![],
            transcript: "main.snap".into(),
            is_example: false,
            kill_child: None,
            args: vec![],
            scale: None,
            twin: Some(Twin {
                path: "python/main.py".into(),
                differs: vec![difference("no", None)],
                compare_lines: false,
                compare_why: None,
            }),
            no_twin: None,
        };
        // No build named: the table as it always was.
        assert_eq!(
            differences(&program),
            "| the Python prints | the Rust prints | why |\n|---|---|---|\n| `no` | `yes` | the GIL |\n"
        );
        if let Some(twin) = program.twin.as_mut() {
            twin.differs = vec![difference("no", Some(Build::Gil))];
        }
        assert_eq!(
            differences(&program),
            "| the Python prints | the Rust prints | CPython build | why |\n|---|---|---|---|\n| `no` | `yes` | with GIL | the GIL |\n\nUnder the free-threaded build, the twin prints exactly what the Rust program prints.\n"
        );
    }

    #[test]
    fn the_sample_is_found_and_replaced() {
        let readme = "# L\n\n<!-- sample: main -->\n```text\nold\nlines\n```\n\nmore\n";
        assert_eq!(sample(readme, "main"), Some("old\nlines"));
        assert_eq!(sample(readme, "other"), None);
        let new = with_sample(readme, "main", "new").unwrap();
        assert_eq!(
            new,
            "# L\n\n<!-- sample: main -->\n```text\nnew\n```\n\nmore\n"
        );
    }

    #[test]
    fn an_empty_sample_is_filled_without_touching_the_next_block() {
        let readme = "<!-- sample: a -->\n```text\n```\n\n<!-- sample: b -->\n```text\nb\n```\n";
        assert_eq!(sample(readme, "a"), Some(""));
        let new = with_sample(readme, "a", "x\ny").unwrap();
        assert_eq!(
            new,
            "<!-- sample: a -->\n```text\nx\ny\n```\n\n<!-- sample: b -->\n```text\nb\n```\n"
        );
    }
}
