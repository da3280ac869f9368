//! The chart: one panel per measurement, one bar per model and side, on a
//! log scale with one grid line per power of ten; the speed-up's on a linear
//! scale from 0, with its ideal (the number of cores) as a dashed line.

use std::fmt::Write as _;

use super::{MEASURES, Record, Results, Row, human, python_name, rust_name};

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
        let (min, max) = values
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
        // A speed-up is read against its ideal, the number of cores, on a
        // linear axis from 0; the other figures span powers of ten.
        let ideal = (measure.id == "speedup")
            .then(|| results.count(&measure))
            .flatten()
            .map(|n| n as f64);
        let axis = match ideal {
            // A little past the ideal, so that a figure's label beside it stays clear.
            Some(ideal) => Axis::linear(max.max(ideal) * 1.1),
            None => Axis::log(min, max),
        };
        let x = |v: f64| LEFT + axis.place(v) * PLOT;
        let better = match (ideal, measure.higher_is_better) {
            (Some(_), _) => "longer is better; dashed: the ideal",
            (None, true) => "longer is better",
            (None, false) => "shorter is better",
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
        for v in axis.grid() {
            let gx = x(v);
            let _ = writeln!(
                body,
                r#"<line x1="{gx:.1}" y1="{top:.1}" x2="{gx:.1}" y2="{bottom:.1}" class="grid"/><text x="{gx:.1}" y="{:.1}" class="tick">{}</text>"#,
                bottom + 12.0,
                esc(&tick(v, unit))
            );
        }
        if let Some(ideal) = ideal {
            let ix = x(ideal);
            let _ = writeln!(
                body,
                r#"<line x1="{ix:.1}" y1="{top:.1}" x2="{ix:.1}" y2="{bottom:.1}" class="ideal"/><text x="{ix:.1}" y="{:.1}" class="tick">the ideal: {} cores</text>"#,
                bottom + 24.0,
                ideal
            );
        }
        let mut by = top + 4.0;
        for row in &panel {
            // A model only one side measured is named by that side alone.
            let label = match (with_python, row.rust.is_some(), row.python.is_some()) {
                (true, true, true) => {
                    format!("{} / {}", rust_name(row.model), python_name(row.model))
                }
                (true, false, true) => python_name(row.model).to_string(),
                _ => rust_name(row.model).to_string(),
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
.ideal {{ stroke: #222; stroke-width: 1.5; stroke-dasharray: 5 3; }}
</style>
<rect width="100%" height="100%" fill="white"/>
{legend}
<text x="{:.0}" y="24" class="hint" text-anchor="end" font-size="12">log scale: each grid line is ten times the one before (the speed-up's is linear)</text>
{body}</svg>
"#,
        y,
        y,
        WIDTH - 10.0
    )
}

/// A panel's horizontal axis.
enum Axis {
    /// Powers of ten from `10^lo` to `10^hi`.
    Log { lo: f64, hi: f64 },
    /// From 0 to `hi`, a grid line every `step`.
    Linear { hi: f64, step: f64 },
}

impl Axis {
    /// Whole powers of ten around the figures from `min` to `max`.
    fn log(min: f64, max: f64) -> Axis {
        let lo = min.log10().floor();
        Axis::Log {
            lo,
            hi: max.log10().ceil().max(lo + 1.0),
        }
    }

    /// From 0 to a round number at or above `max`.
    fn linear(max: f64) -> Axis {
        let step = if max <= 4.0 {
            0.5
        } else if max <= 16.0 {
            2.0
        } else {
            (max / 8.0).ceil()
        };
        Axis::Linear {
            hi: (max / step).ceil().max(1.0) * step,
            step,
        }
    }

    /// Where `v` lies, from 0 (the left end) to 1 (the right).
    fn place(&self, v: f64) -> f64 {
        match *self {
            Axis::Log { lo, hi } => (v.log10() - lo) / (hi - lo),
            Axis::Linear { hi, .. } => v / hi,
        }
    }

    /// The values of its grid lines.
    fn grid(&self) -> Vec<f64> {
        match *self {
            Axis::Log { lo, hi } => (lo as i32..=hi as i32).map(|d| 10f64.powi(d)).collect(),
            Axis::Linear { hi, step } => {
                let lines = (hi / step).round() as usize;
                (0..=lines).map(|i| i as f64 * step).collect()
            }
        }
    }
}

/// A grid line's label: `1 µs`, `10 µs`; bytes in decimal units (`10 kB`),
/// since powers of ten are not round numbers of KiB.
pub(super) fn tick(v: f64, unit: &str) -> String {
    if unit == "×" {
        return format!("{v}×");
    }
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
