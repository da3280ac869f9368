//! The costs report's tests: table, ratio, verdict, Markdown, chart, dates.

use super::chart::tick;
use super::machine::date;
use super::markdown::{REPORT_END, REPORT_START};
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
    assert!(
        md.contains("| spawn + join one unit | process | 100 µs<br><small>"),
        "{md}"
    );
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

#[test]
fn the_speedup_is_read_against_its_ideal_on_a_linear_axis() {
    let speedup = |model: &str, value: f64| Record {
        count: 2,
        ..record("speedup", model, value, "×")
    };
    let results = Results {
        rust: vec![speedup("thread", 1.96), speedup("pool", 1.9)],
        python: Some(vec![
            speedup("thread", 0.98),
            speedup("pool", 1.8),
            speedup(FREE_THREADED, 1.7),
        ]),
    };
    let measure = MEASURES.iter().find(|m| m.id == "speedup").unwrap();
    assert_eq!(
        results.title(measure),
        "speed-up of one CPU-bound job over 2 cores (ideal: 2×)"
    );
    let rows = results.rows();
    let models: Vec<_> = rows.iter().map(|r| r.model).collect();
    assert_eq!(models, ["thread", "pool", FREE_THREADED]);
    assert_eq!(rows[0].verdict().unwrap(), "Rust 2.0× better");
    let table = terminal_table(&results);
    assert!(
        table.contains("1.96×") && table.contains("0.98×"),
        "{table}"
    );
    let chart = svg(&results);
    // From 0 to a little past the ideal, a grid line every half; the ideal dashed.
    let panel = &chart[chart.find("speed-up").unwrap()..];
    assert_eq!(panel.matches("class=\"grid\"").count(), 6, "{panel}");
    assert!(panel.contains(">0×<") && panel.contains(">2×<") && panel.contains(">2.5×<"));
    assert_eq!(panel.matches("class=\"ideal\"").count(), 1);
    assert!(panel.contains("the ideal: 2 cores"));
    // Free-threaded Python's row names its side alone.
    assert!(panel.contains(">free-threaded threading<"), "{panel}");
}
