//! `cargo xtask bench`: the costs chapter's figures, as a table, a Markdown
//! report and a chart.
//!
//! The measuring is done by the chapter's own programs (release builds, each
//! printing one JSON [`Record`] per figure with `--json`) and, with
//! `--python`, by its Python scripts, which print the same records. This
//! module only reads the records and lays them out: a terminal table, the
//! Markdown report the chapter's README embeds between two markers, and an
//! SVG chart with one bar per model per measurement on a log scale.

use std::fmt::Write as _;

use serde::Deserialize;
use shared::measure::human;

/// One figure, as the chapter's programs and scripts print it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Record {
    pub measure: String,
    pub model: String,
    pub how: String,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: String,
    pub count: usize,
    pub note: Option<String>,
}

/// The measurements, in the order the report shows them.
pub const MEASURES: [Measure; 5] = [
    Measure {
        id: "spawn",
        title: "spawn + join one unit",
        higher_is_better: false,
    },
    Measure {
        id: "memory",
        title: "memory per unit, N alive",
        higher_is_better: false,
    },
    Measure {
        id: "round_trip",
        title: "message round trip",
        higher_is_better: false,
    },
    Measure {
        id: "throughput",
        title: "throughput, 1 producer → 1 consumer",
        higher_is_better: true,
    },
    Measure {
        id: "switch",
        title: "context switch",
        higher_is_better: false,
    },
];

/// One measurement of the report.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    pub id: &'static str,
    pub title: &'static str,
    pub higher_is_better: bool,
}

/// The models: the id the records use, then its Rust and Python names.
pub const MODELS: [(&str, &str, &str); 4] = [
    ("process", "process", "multiprocessing"),
    ("thread", "OS thread", "threading"),
    ("coroutine", "may coroutine", "gevent greenlet"),
    ("task", "tokio task", "asyncio task"),
];

/// Reads the JSON lines a program printed; anything else is an error.
pub fn parse(stdout: &str) -> Result<Vec<Record>, String> {
    stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let record: Record = serde_json::from_str(line)
                .map_err(|e| format!("not a measurement record ({e}): {line}"))?;
            if !MEASURES.iter().any(|m| m.id == record.measure)
                || !MODELS.iter().any(|(id, ..)| *id == record.model)
                || !record.value.is_finite()
            {
                return Err(format!("an unknown or impossible measurement: {line}"));
            }
            Ok(record)
        })
        .collect()
}

/// Every figure of one run: the Rust programs' and, maybe, the Python scripts'.
#[derive(Debug, Clone, Default)]
pub struct Results {
    pub rust: Vec<Record>,
    pub python: Option<Vec<Record>>,
}

/// One line of the report: a measurement, a model, and its figures.
#[derive(Debug, Clone)]
pub struct Row<'r> {
    pub measure: Measure,
    pub model: &'static str,
    pub rust: Option<&'r Record>,
    pub python: Option<&'r Record>,
}

impl Row<'_> {
    /// Rust's figure divided by Python's, where both exist.
    pub fn ratio(&self) -> Option<f64> {
        match (self.rust, self.python) {
            (Some(r), Some(p)) if p.value != 0.0 => Some(r.value / p.value),
            _ => None,
        }
    }

    /// The ratio in words: how many times better Rust's figure is (or worse).
    pub fn verdict(&self) -> Option<String> {
        let ratio = self.ratio()?;
        if ratio <= 0.0 {
            return None;
        }
        let better = if self.measure.higher_is_better {
            ratio
        } else {
            1.0 / ratio
        };
        Some(if better >= 1.0 {
            format!("Rust {} better", times(better))
        } else {
            format!("Python {} better", times(1.0 / better))
        })
    }
}

/// `10000` as `10 000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn times(x: f64) -> String {
    if x >= 10.0 {
        format!("{x:.0}×")
    } else {
        format!("{x:.1}×")
    }
}

impl Results {
    /// A measurement's title; the memory one says how many units were alive
    /// (the most any Rust record had: 10 000, or 100 with `--quick`).
    pub fn title(&self, measure: &Measure) -> String {
        let alive = self
            .rust
            .iter()
            .filter(|r| r.measure == measure.id)
            .map(|r| r.count)
            .max();
        match alive {
            Some(alive) if measure.id == "memory" => measure.title.replace('N', &thousands(alive)),
            _ => measure.title.to_string(),
        }
    }

    /// The rows, each with its measurement's title on the first row of the
    /// measurement and an empty one on the others, as a table shows them.
    pub fn titled_rows(&self) -> Vec<(String, Row<'_>)> {
        let mut last = "";
        let mut titled = Vec::new();
        for row in self.rows() {
            let title = if row.measure.id == last {
                String::new()
            } else {
                self.title(&row.measure)
            };
            last = row.measure.id;
            titled.push((title, row));
        }
        titled
    }

    /// The rows, measurement by measurement, model by model; a model
    /// neither side measured is left out.
    pub fn rows(&self) -> Vec<Row<'_>> {
        let find = |records: &'_ [Record], measure: &str, model: &str| -> Option<usize> {
            records
                .iter()
                .position(|r| r.measure == measure && r.model == model)
        };
        let mut rows = Vec::new();
        for measure in MEASURES {
            for (model, ..) in MODELS {
                let rust = find(&self.rust, measure.id, model).map(|i| &self.rust[i]);
                let python = self
                    .python
                    .as_deref()
                    .and_then(|p| find(p, measure.id, model).map(|i| &p[i]));
                if rust.is_some() || python.is_some() {
                    rows.push(Row {
                        measure,
                        model,
                        rust,
                        python,
                    });
                }
            }
        }
        rows
    }
}

fn figure(record: Option<&Record>) -> String {
    record.map_or("–".to_string(), |r| human(r.value, &r.unit))
}

fn spread(record: Option<&Record>) -> String {
    match record.map(|r| (r.low, r.high, &r.unit)) {
        Some((Some(low), Some(high), unit)) => {
            format!("{} .. {}", human(low, unit), human(high, unit))
        }
        _ => String::new(),
    }
}

fn rust_name(model: &str) -> &'static str {
    MODELS
        .iter()
        .find(|(id, ..)| *id == model)
        .map_or("?", |m| m.1)
}

fn python_name(model: &str) -> &'static str {
    MODELS
        .iter()
        .find(|(id, ..)| *id == model)
        .map_or("?", |m| m.2)
}

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

/// What the machine is, for the report's first line.
#[derive(Debug, Clone, Default)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory: String,
    pub kernel: String,
    pub rustc: String,
    pub python: Option<String>,
    pub date: String,
}

impl Machine {
    /// Reads this machine's description; `python` also asks python3 (and gevent).
    pub fn read(python: bool) -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name"))
            .map(|l| l.trim_start_matches([' ', '\t', ':']).trim().to_string())
            .unwrap_or_else(|| "an unknown CPU".to_string());
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let kib: f64 = meminfo
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|l| l.split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0);
        let output = |program: &str, args: &[&str]| {
            std::process::Command::new(program)
                .args(args)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        };
        let python = python.then(|| {
            let version = output("python3", &["--version"]).unwrap_or_else(|| "Python ?".into());
            match output(
                "python3",
                &["-c", "import gevent; print(gevent.__version__)"],
            ) {
                Some(gevent) => format!("{version} with gevent {gevent}"),
                None => format!("{version} without gevent"),
            }
        });
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Machine {
            cpu,
            cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
            memory: human(kib * 1024.0, "B"),
            kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
                .unwrap_or_default()
                .trim()
                .to_string(),
            rustc: output("rustc", &["--version"]).unwrap_or_else(|| "rustc ?".into()),
            python,
            date: date(now),
        }
    }

    pub fn line(&self) -> String {
        let mut line = format!(
            "{}, {} logical CPUs, {} RAM, Linux {}; {}, release build",
            self.cpu, self.cores, self.memory, self.kernel, self.rustc
        );
        if let Some(python) = &self.python {
            let _ = write!(line, "; {python}");
        }
        let _ = write!(line, "; measured {}", self.date);
        line
    }
}

/// The Markdown report: the machine, the table, how each figure was taken.
pub fn markdown(results: &Results, machine: &Machine, command: &str) -> String {
    let with_python = results.python.is_some();
    let mut out = String::new();
    let _ = writeln!(out, "Measured by `{command}` on: {}.\n", machine.line());
    let _ = writeln!(
        out,
        "![The figures as bars, one per model per measurement, on a log scale](costs.svg)\n"
    );
    if with_python {
        let _ = writeln!(
            out,
            "| measurement | model | Rust | p10 .. p90 | Python | p10 .. p90 | Rust ÷ Python | |"
        );
        let _ = writeln!(out, "|---|---|--:|--:|--:|--:|--:|---|");
    } else {
        let _ = writeln!(out, "| measurement | model | Rust | p10 .. p90 |");
        let _ = writeln!(out, "|---|---|--:|--:|");
    }
    for (title, row) in results.titled_rows() {
        let _ = write!(
            out,
            "| {title} | {} | {} | {} |",
            row.model,
            figure(row.rust),
            spread(row.rust)
        );
        if with_python {
            let _ = write!(
                out,
                " {} | {} | {} | {} |",
                figure(row.python),
                spread(row.python),
                row.ratio().map_or(String::new(), |r| format!("{r:.3}")),
                row.verdict().unwrap_or_default()
            );
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

/// The chart: one panel per measurement, one bar per model and side, log scale.
pub fn svg(results: &Results) -> String {
    const WIDTH: f64 = 820.0;
    const LEFT: f64 = 215.0;
    const PLOT: f64 = 500.0;
    const BAR: f64 = 11.0;
    const RUST: &str = "#c0392b";
    const PYTHON: &str = "#2e6da4";
    let with_python = results.python.is_some();
    let rows = results.rows();
    let mut body = String::new();
    let mut y = 46.0;
    for measure in MEASURES {
        let panel: Vec<&Row> = rows.iter().filter(|r| r.measure.id == measure.id).collect();
        if panel.is_empty() {
            continue;
        }
        let values: Vec<f64> = panel
            .iter()
            .flat_map(|r| [r.rust, r.python])
            .flatten()
            .map(|r| r.value)
            .filter(|v| *v > 0.0)
            .collect();
        let unit = panel
            .iter()
            .find_map(|r| r.rust.or(r.python))
            .map_or("s", |r| r.unit.as_str());
        // The axis spans whole powers of ten around the panel's figures.
        let (min, max) = values
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        let lo = min.log10().floor();
        let hi = max.log10().ceil().max(lo + 1.0);
        let x = |v: f64| LEFT + (v.log10() - lo) / (hi - lo) * PLOT;
        let better = if measure.higher_is_better {
            "longer is better"
        } else {
            "shorter is better"
        };
        let _ = writeln!(
            body,
            r#"<text x="10" y="{y}" class="title">{} <tspan class="hint">({better})</tspan></text>"#,
            esc(&results.title(&measure))
        );
        let per_model = if with_python {
            2.0 * BAR + 8.0
        } else {
            BAR + 8.0
        };
        let top = y + 10.0;
        let bottom = top + panel.len() as f64 * per_model;
        for decade in lo as i32..=hi as i32 {
            let v = 10f64.powi(decade);
            let gx = x(v);
            let _ = writeln!(
                body,
                r#"<line x1="{gx:.1}" y1="{top:.1}" x2="{gx:.1}" y2="{bottom:.1}" class="grid"/><text x="{gx:.1}" y="{:.1}" class="tick">{}</text>"#,
                bottom + 12.0,
                esc(&tick(v, unit))
            );
        }
        let mut by = top + 4.0;
        for row in &panel {
            let label = if with_python {
                format!("{} / {}", rust_name(row.model), python_name(row.model))
            } else {
                rust_name(row.model).to_string()
            };
            let _ = writeln!(
                body,
                r#"<text x="{:.1}" y="{:.1}" class="label">{}</text>"#,
                LEFT - 6.0,
                by + if with_python { BAR + 3.0 } else { BAR - 2.0 },
                esc(&label)
            );
            let sides: &[(Option<&Record>, &str)] = if with_python {
                &[(row.rust, RUST), (row.python, PYTHON)]
            } else {
                &[(row.rust, RUST)]
            };
            for (record, colour) in sides {
                if let Some(r) = record.filter(|r| r.value > 0.0) {
                    let end = x(r.value);
                    let _ = writeln!(
                        body,
                        r#"<rect x="{LEFT}" y="{by:.1}" width="{:.1}" height="{BAR}" fill="{colour}"/><text x="{:.1}" y="{:.1}" class="value">{}</text>"#,
                        (end - LEFT).max(1.0),
                        end + 4.0,
                        by + BAR - 2.0,
                        esc(&human(r.value, &r.unit))
                    );
                }
                by += BAR;
            }
            by += 8.0;
        }
        y = bottom + 40.0;
    }
    let mut legend = format!(
        r#"<rect x="10" y="14" width="12" height="12" fill="{RUST}"/><text x="28" y="24" class="legend">Rust</text>"#
    );
    if with_python {
        legend.push_str(&format!(
            r#"<rect x="80" y="14" width="12" height="12" fill="{PYTHON}"/><text x="98" y="24" class="legend">Python</text>"#
        ));
    }
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{:.0}" viewBox="0 0 {WIDTH} {:.0}" font-family="sans-serif">
<style>
.title {{ font-size: 14px; font-weight: bold; fill: #222; }}
.hint {{ font-weight: normal; fill: #777; }}
.label {{ font-size: 12px; text-anchor: end; fill: #222; }}
.value {{ font-size: 11px; fill: #222; }}
.tick {{ font-size: 10px; text-anchor: middle; fill: #777; }}
.legend {{ font-size: 12px; fill: #222; }}
.grid {{ stroke: #ddd; stroke-width: 1; }}
</style>
<rect width="100%" height="100%" fill="white"/>
{legend}
<text x="{:.0}" y="24" class="hint" text-anchor="end" font-size="12">log scale: each grid line is ten times the one before</text>
{body}</svg>
"#,
        y,
        y,
        WIDTH - 10.0
    )
}

/// A grid line's label: `1 µs`, `10 µs`; bytes in decimal units (`10 kB`),
/// since powers of ten are not round numbers of KiB.
fn tick(v: f64, unit: &str) -> String {
    if unit == "B" {
        let (size, name) = [(1e9, "GB"), (1e6, "MB"), (1e3, "kB"), (1.0, "B")]
            .into_iter()
            .find(|(size, _)| v >= size * 0.999)
            .unwrap_or((1.0, "B"));
        return format!("{} {name}", (v / size).round());
    }
    human(v, unit).replace(".00 ", " ").replace(".0 ", " ")
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The civil date (UTC) of a Unix time, `YYYY-MM-DD`.
pub fn date(unix_secs: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let z = (unix_secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(measure: &str, model: &str, value: f64, unit: &str) -> Record {
        Record {
            measure: measure.into(),
            model: model.into(),
            how: format!("{model} how"),
            value,
            low: Some(value * 0.9),
            high: Some(value * 1.1),
            unit: unit.into(),
            count: 100,
            note: None,
        }
    }

    fn results() -> Results {
        Results {
            rust: vec![
                record("spawn", "process", 100e-6, "s"),
                record("spawn", "task", 250e-9, "s"),
                record("throughput", "thread", 20e6, "msg/s"),
            ],
            python: Some(vec![
                record("spawn", "process", 2e-3, "s"),
                record("throughput", "thread", 0.5e6, "msg/s"),
                record("spawn", "coroutine", 3e-6, "s"),
            ]),
        }
    }

    #[test]
    fn records_parse_and_nonsense_is_refused() {
        let line = r#"{"measure":"spawn","model":"thread","how":"h","value":1e-5,"low":null,"high":null,"unit":"s","count":1,"note":null}"#;
        assert_eq!(parse(line).unwrap().len(), 1);
        assert!(parse("spawn 12 µs").is_err());
        assert!(parse(&line.replace("spawn", "teleport")).is_err());
    }

    #[test]
    fn rows_pair_the_sides_and_ratios_read_both_ways() {
        let results = results();
        let rows = results.rows();
        // spawn: process, coroutine (Python only), task (Rust only); throughput: thread.
        let models: Vec<_> = rows.iter().map(|r| (r.measure.id, r.model)).collect();
        assert_eq!(
            models,
            [
                ("spawn", "process"),
                ("spawn", "coroutine"),
                ("spawn", "task"),
                ("throughput", "thread")
            ]
        );
        assert!((rows[0].ratio().unwrap() - 0.05).abs() < 1e-12);
        assert_eq!(rows[0].verdict().unwrap(), "Rust 20× better");
        assert_eq!(rows[1].ratio(), None);
        assert!((rows[3].ratio().unwrap() - 40.0).abs() < 1e-9);
        assert_eq!(rows[3].verdict().unwrap(), "Rust 40× better");
    }

    #[test]
    fn the_terminal_table_aligns_its_columns() {
        let table = terminal_table(&results());
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 5);
        assert!(lines[1].starts_with("spawn + join one unit "));
        // Every model name starts in the same column.
        let column = |l: &str, word: &str| l[..l.find(word).unwrap()].chars().count();
        assert_eq!(column(lines[1], "process"), column(lines[4], "thread"));
        assert!(lines[1].contains("100 µs") && lines[1].contains("2.00 ms"));
        assert!(lines[1].contains("0.050") && lines[1].ends_with("Rust 20× better"));
        // The figure columns end at the same place on every line.
        let at = |l: &str| l.find(" µs").or(l.find(" ms")).or(l.find("msg/s"));
        assert!(at(lines[1]).is_some() && at(lines[4]).is_some());
    }

    #[test]
    fn the_report_splices_between_its_markers_only() {
        let readme = format!("# Costs\n\nbefore\n{REPORT_START}\nold\n{REPORT_END}\nafter\n");
        let new = splice(&readme, "new table\n").unwrap();
        assert_eq!(
            new,
            format!("# Costs\n\nbefore\n{REPORT_START}\n\nnew table\n{REPORT_END}\nafter\n")
        );
        assert_eq!(splice(&new, "new table").unwrap(), new);
        assert!(splice("# no markers\n", "x").is_err());
    }

    #[test]
    fn the_markdown_report_has_a_row_per_figure_and_says_how() {
        let md = markdown(
            &results(),
            &Machine::default(),
            "cargo xtask bench --python",
        );
        assert_eq!(md.lines().filter(|l| l.starts_with("| ")).count(), 1 + 4);
        assert!(md.contains("| spawn + join one unit | process | 100 µs |"));
        assert!(md.contains("  - task (Rust): task how"));
    }

    #[test]
    fn the_chart_has_a_bar_per_figure_on_a_log_scale() {
        let chart = svg(&results());
        assert!(chart.starts_with("<svg"));
        assert_eq!(chart.matches("<rect x=\"215\"").count(), 6);
        // spawn's figures lie between 250 ns and 2 ms: grid lines from
        // 100 ns to 10 ms, one per power of ten.
        let spawn = &chart[chart.find("spawn").unwrap()..chart.find("throughput").unwrap()];
        assert_eq!(spawn.matches("class=\"grid\"").count(), 6);
        assert!(
            spawn.contains(">100 ns<") && spawn.contains(">10 ms<"),
            "{spawn}"
        );
        assert!(spawn.contains(">1 µs<"), "{spawn}");
        assert_eq!(tick(1e4, "B"), "10 kB");
        assert_eq!(tick(1e6, "msg/s"), "1 M msg/s");
    }

    #[test]
    fn the_memory_title_says_how_many_were_alive() {
        let mut results = results();
        results.rust.push(Record {
            count: 10_000,
            ..record("memory", "task", 463.0, "B")
        });
        assert_eq!(results.title(&MEASURES[1]), "memory per unit, 10 000 alive");
        assert_eq!(results.title(&MEASURES[0]), "spawn + join one unit");
        assert_eq!(thousands(1_234_567), "1 234 567");
    }

    #[test]
    fn dates_are_civil() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(1_795_219_200), "2026-11-21");
        assert_eq!(date(951_782_400), "2000-02-29");
    }
}
