//! The Markdown report the costs chapter's README embeds between two markers.

use std::fmt::Write as _;

use super::{MEASURES, Machine, Results, figure, spread};

/// The Markdown report: the machine, the table, how each figure was taken.
pub fn markdown(results: &Results, machine: &Machine, command: &str) -> String {
    let with_python = results.python.is_some();
    let mut out = String::new();
    let _ = writeln!(out, "Measured by `{command}` on: {}.\n", machine.line());
    let _ = writeln!(
        out,
        "![The figures as bars, one per model per measurement, on a log scale](costs.svg)\n"
    );
    // Each figure's spread (10th to 90th percentile) goes under it, in small
    // type, rather than in a column of its own: the table then fits a
    // laptop's page, and a phone's as labelled cards (the book's course.css).
    // An anchor, so the table can be linked to (and shown) on its own.
    let _ = writeln!(out, "<a id=\"figures-table\"></a>\n");
    if with_python {
        let _ = writeln!(
            out,
            "| measurement | model | Rust | Python | Rust ÷ Python |"
        );
        let _ = writeln!(out, "|---|---|--:|--:|--:|");
    } else {
        let _ = writeln!(out, "| measurement | model | Rust |");
        let _ = writeln!(out, "|---|---|--:|");
    }
    let with_spread = |record| {
        let spread = spread(record);
        if spread.is_empty() {
            figure(record)
        } else {
            format!("{}<br><small>{spread}</small>", figure(record))
        }
    };
    for (title, row) in results.titled_rows() {
        let _ = write!(
            out,
            "| {title} | {} | {} |",
            row.model,
            with_spread(row.rust)
        );
        if with_python {
            let compared = match (row.ratio(), row.verdict()) {
                (Some(ratio), Some(verdict)) => format!("{ratio:.3}<br><small>{verdict}</small>"),
                (Some(ratio), None) => format!("{ratio:.3}"),
                _ => String::new(),
            };
            let _ = write!(out, " {} | {compared} |", with_spread(row.python));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\nHow each figure was taken:\n");
    for measure in MEASURES {
        let _ = writeln!(out, "- **{}**", results.title(&measure));
        for row in results.rows().iter().filter(|r| r.measure.id == measure.id) {
            for (side, record) in [("Rust", row.rust), ("Python", row.python)] {
                let Some(record) = record else { continue };
                let _ = write!(out, "  - {} ({side}): {}", row.model, record.how);
                if let Some(note) = &record.note {
                    let _ = write!(out, "; {note}");
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The markers between which the chapter's README holds the report.
pub const REPORT_START: &str = "<!-- bench report: start (written by cargo xtask bench) -->";
pub const REPORT_END: &str = "<!-- bench report: end -->";

/// The README with `report` between its markers.
pub fn splice(readme: &str, report: &str) -> Result<String, String> {
    let start = readme
        .find(REPORT_START)
        .ok_or_else(|| format!("the README has no `{REPORT_START}` line"))?;
    let end = readme[start..]
        .find(REPORT_END)
        .map(|i| start + i)
        .ok_or_else(|| format!("the README has no `{REPORT_END}` line after the start"))?;
    Ok(format!(
        "{}{REPORT_START}\n\n{}\n{}",
        &readme[..start],
        report.trim_end(),
        &readme[end..]
    ))
}
