//! The terminal table: one row per measurement and model, Rust beside Python.

use std::fmt::Write as _;

use super::{Results, figure, spread};

/// The table for the terminal, columns aligned. Side by side with Python,
/// the spreads are left to the Markdown report, to keep the lines short.
pub fn terminal_table(results: &Results) -> String {
    let with_python = results.python.is_some();
    let mut header = vec!["measurement", "model", "Rust"];
    if with_python {
        header.extend(["Python", "Rust ÷ Python", ""]);
    } else {
        header.push("p10 .. p90");
    }
    let mut lines: Vec<Vec<String>> = vec![header.iter().map(|s| s.to_string()).collect()];
    for (title, row) in results.titled_rows() {
        let mut line = vec![title, row.model.to_string(), figure(row.rust)];
        if with_python {
            line.extend([
                figure(row.python),
                row.ratio().map_or(String::new(), |r| format!("{r:.3}")),
                row.verdict().unwrap_or_default(),
            ]);
        } else {
            line.push(spread(row.rust));
        }
        lines.push(line);
    }
    let columns = lines[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            lines
                .iter()
                .map(|l| l[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for line in &lines {
        let cells: Vec<String> = line
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (cell, width))| {
                let pad = width - cell.chars().count();
                // Words to the left, figures to the right.
                if c < 2 || c == columns - 1 {
                    format!("{cell}{}", " ".repeat(pad))
                } else {
                    format!("{}{cell}", " ".repeat(pad))
                }
            })
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    out
}
