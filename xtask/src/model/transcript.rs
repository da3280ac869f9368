//! Transcript files: what a lesson program is documented to print.
//!
//! A transcript lives at `lessons/<chapter>/<topic>/transcripts/<program>.snap`
//! in insta's snapshot format: a short header between two `---` lines, then
//! the expected output, redacted (`<pid 1>`, `<≈3 s>`; see `normalise`). insta
//! owns that format: it reads the files here ([`read`]) and writes them, from
//! one assertion ([`assert_snapshot`]) that `cargo test` runs and `cargo xtask
//! bless` runs in insta's "always update" mode; `cargo insta review` accepts
//! a deliberate change as well. Nothing here writes insta's header by hand.
//!
//! Lines whose order is the scheduler's choice are declared, and only those:
//!
//! ```text
//! Main Processing pid=<pid 1>
//! {any order}
//! Processing proc1 pid=<pid 2>
//! Processing proc2 pid=<pid 3>
//! {end}
//! Process end..
//! ```
//!
//! The placeholders themselves are defined in [`super::placeholder`]; a
//! README's sample run of the program, in `crate::readme`.

use std::path::Path;

use super::course::Program;

/// The line that closes a block.
pub const BLOCK_END: &str = "{end}";

/// The kinds of block a transcript can declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The block's lines come in some order, each exactly once.
    AnyOrder,
}

impl BlockKind {
    /// The line that opens a block of this kind.
    pub fn marker(self) -> &'static str {
        match self {
            BlockKind::AnyOrder => "{any order}",
        }
    }

    fn from_marker(line: &str) -> Option<BlockKind> {
        (line == BlockKind::AnyOrder.marker()).then_some(BlockKind::AnyOrder)
    }
}

/// One element of a transcript: a line in its place, or a declared block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Line(String),
    Block(BlockKind, Vec<String>),
}

/// Reads the block structure of a transcript's content.
pub fn parse_items(content: &str) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    let mut open: Option<(BlockKind, Vec<String>, usize)> = None;
    for (i, line) in content.lines().enumerate() {
        let n = i + 1;
        let line = line.trim_end();
        let marker = line.starts_with('{') && line.ends_with('}');
        match (&mut open, marker) {
            (None, true) if line == BLOCK_END => {
                return Err(format!("line {n}: {BLOCK_END} without a block to close"));
            }
            (None, true) => match BlockKind::from_marker(line) {
                Some(kind) => open = Some((kind, Vec::new(), n)),
                None => {
                    return Err(format!(
                        "line {n}: unknown marker {line:?} (blocks open with {:?} and close with {BLOCK_END:?})",
                        BlockKind::AnyOrder.marker()
                    ));
                }
            },
            (Some(_), true) if line == BLOCK_END => {
                let (kind, lines, start) = open.take().expect("a block is open");
                if lines.len() < 2 {
                    return Err(format!(
                        "line {start}: a block needs at least two lines to be worth declaring"
                    ));
                }
                items.push(Item::Block(kind, lines));
            }
            (Some((_, _, start)), true) => {
                return Err(format!(
                    "line {n}: {line:?} inside the block opened on line {start} (blocks do not nest)"
                ));
            }
            (Some((_, lines, _)), false) => lines.push(line.to_string()),
            (None, false) => items.push(Item::Line(line.to_string())),
        }
    }
    if let Some((_, _, start)) = open {
        return Err(format!("line {start}: block not closed with {BLOCK_END}"));
    }
    Ok(items)
}

/// A transcript as read from its file.
#[derive(Debug, Clone)]
pub struct Transcript {
    /// The expected output, without the header and the final newline.
    pub content: String,
    pub items: Vec<Item>,
}

/// Reads a transcript; `Ok(None)` when the file does not exist yet.
///
/// insta owns the file's format, so insta reads it: its header is insta's
/// business, and so is the change of that header from one insta to the next.
pub fn read(path: &Path) -> Result<Option<Transcript>, String> {
    if !path.exists() {
        return Ok(None);
    }
    let snapshot = insta::Snapshot::from_file(path)
        .map_err(|e| format!("{}: not a snapshot insta can read ({e})", path.display()))?;
    let content = snapshot
        .contents()
        .as_text()
        .ok_or_else(|| format!("{}: a binary snapshot, not a transcript", path.display()))?
        .to_string();
    let items = parse_items(&content).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Some(Transcript { content, items }))
}

/// Asserts, through insta, that `content` is the program's transcript. On a
/// difference insta writes `<program>.snap.new` beside the transcript (which
/// `cargo insta review` accepts) and panics, as any snapshot assertion does.
/// The one place a transcript is compared and written: `cargo test` calls it,
/// and so does `cargo xtask bless`, after [`let_insta_write`].
pub fn assert_snapshot(program: &Program, content: &str) {
    let mut settings = insta::Settings::clone_current();
    if let Some(dir) = program.transcript.parent() {
        settings.set_snapshot_path(dir);
    }
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(program.description());
    settings.bind(|| insta::assert_snapshot!(program.target.as_str(), content));
}

/// Makes every later [`assert_snapshot`] in this process write the new
/// transcript in place instead of failing: insta's own "always update"
/// mode. Call it before anything else uses insta, and before the process
/// starts threads: insta reads these variables once, and changing the
/// environment is only safe while nobody else can be reading it.
pub fn let_insta_write() {
    // SAFETY: see above: called first thing, with one thread.
    unsafe {
        std::env::set_var("INSTA_UPDATE", "always");
        std::env::set_var("INSTA_FORCE_PASS", "1");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_parsed() {
        let items = parse_items("a\n{any order}\nb\nc\n{end}\nd").unwrap();
        assert_eq!(
            items,
            vec![
                Item::Line("a".into()),
                Item::Block(BlockKind::AnyOrder, vec!["b".into(), "c".into()]),
                Item::Line("d".into()),
            ]
        );
    }

    #[test]
    fn malformed_blocks_are_refused() {
        for bad in [
            "a\n{end}",
            "{any order}\na\nb",
            "{any order}\na\n{any order}\nb\n{end}\n{end}",
            "{any order}\na\n{end}",
            "{in any order}\na\nb\n{end}",
        ] {
            assert!(parse_items(bad).is_err(), "accepted: {bad:?}");
        }
    }

    #[test]
    fn a_transcript_is_read_through_insta() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("main.snap");
        std::fs::write(
            &path,
            "---\nsource: x.rs\ndescription: \"a: b\"\n---\nx\n{any order}\ny\nz\n{end}\n",
        )
        .unwrap();
        let t = read(&path).unwrap().unwrap();
        assert_eq!(t.content, "x\n{any order}\ny\nz\n{end}");
        assert_eq!(t.items.len(), 2);
        assert_eq!(
            read(&dir.path().join("none.snap"))
                .unwrap()
                .map(|t| t.content),
            None
        );
    }
}
