//! The costs chapter's figures, as `cargo xtask bench` lays them out.
//!
//! The measuring is done by the chapter's own programs (release builds, each
//! printing one JSON [`Record`] per figure with `--json`) and, with
//! `--python`, by its Python scripts, which print the same records. This
//! module only reads the records and lays them out: a terminal table
//! ([`table`]), the Markdown report the chapter's README embeds between two
//! markers ([`markdown`]), a line about the machine ([`machine`]), and an SVG
//! chart with one bar per model per measurement on a log scale, the speed-up
//! on a linear one up to its ideal ([`chart`]).

pub mod chart;
pub mod machine;
pub mod markdown;
pub mod table;
#[cfg(test)]
mod tests;

pub use costs_harness::human;
use serde::Deserialize;

pub use chart::svg;
pub use machine::Machine;
pub use markdown::{markdown, splice};
pub use table::terminal_table;

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
pub const MEASURES: [Measure; 6] = [
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
    Measure {
        id: "speedup",
        title: "speed-up of one CPU-bound job over N cores (ideal: N×)",
        higher_is_better: true,
    },
];

/// One measurement of the report.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    pub id: &'static str,
    pub title: &'static str,
    pub higher_is_better: bool,
}

/// The models: the id the records use, then its Rust and Python names. The
/// last two are the speed-up's own: a pool of workers (rayon's threads, and
/// Python's processes, its way around the GIL), and the threads of
/// free-threaded Python, which only Python has (Rust's threads have no GIL
/// to begin with).
pub const MODELS: [(&str, &str, &str); 6] = [
    ("process", "process", "multiprocessing"),
    ("thread", "OS thread", "threading"),
    ("coroutine", "may coroutine", "gevent greenlet"),
    ("task", "tokio task", "asyncio task"),
    ("pool", "rayon pool", "process pool"),
    (FREE_THREADED, "", "free-threaded threading"),
];

/// The model of free-threaded Python's threads, measured by the chapter's
/// script run under the interpreter `cargo xtask python --free-threaded`
/// builds.
pub const FREE_THREADED: &str = "free-threaded thread";

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
fn times(x: f64) -> String {
    if x >= 10.0 {
        format!("{x:.0}×")
    } else {
        format!("{x:.1}×")
    }
}

impl Results {
    /// A measurement's title; the memory one says how many units were alive
    /// (the most any Rust record had: 10 000, or 100 with `--quick`), the
    /// speed-up how many cores shared the job, which is also its ideal.
    pub fn title(&self, measure: &Measure) -> String {
        match self.count(measure) {
            Some(n) if ["memory", "speedup"].contains(&measure.id) => {
                measure.title.replace('N', &thousands(n))
            }
            _ => measure.title.to_string(),
        }
    }

    /// The most units any Rust record of the measurement had (alive at
    /// once, or sharing the job); Python's, where Rust has none.
    pub fn count(&self, measure: &Measure) -> Option<usize> {
        let most = |records: &[Record]| {
            records
                .iter()
                .filter(|r| r.measure == measure.id)
                .map(|r| r.count)
                .max()
        };
        most(&self.rust).or_else(|| self.python.as_deref().and_then(most))
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

/// `10000` as `10 000`.
pub fn thousands(n: usize) -> String {
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

/// A record's figure, or a dash where there is none.
pub fn figure(record: Option<&Record>) -> String {
    record.map_or("–".to_string(), |r| human(r.value, &r.unit))
}

/// A record's 10th to 90th percentile, where it has them.
pub fn spread(record: Option<&Record>) -> String {
    match record.map(|r| (r.low, r.high, &r.unit)) {
        Some((Some(low), Some(high), unit)) => {
            format!("{} .. {}", human(low, unit), human(high, unit))
        }
        _ => String::new(),
    }
}

/// A model's name on the Rust side.
pub fn rust_name(model: &str) -> &'static str {
    MODELS
        .iter()
        .find(|(id, ..)| *id == model)
        .map_or("?", |m| m.1)
}

/// A model's name on the Python side.
pub fn python_name(model: &str) -> &'static str {
    MODELS
        .iter()
        .find(|(id, ..)| *id == model)
        .map_or("?", |m| m.2)
}
