//! The course's house rules, kept by `cargo test` (as rust-analyzer's
//! `tidy.rs` keeps its own): a lesson added without them fails here, with a
//! sentence saying what is missing and where.
//!
//! - every Rust source file opens with a `//!` paragraph saying what it shows;
//! - every program's `main` begins with `shared::start()` or
//!   `shared::process::init()`, so a typo in the environment stops it before it
//!   starts anything, and a closed stdout ends it quietly;
//! - every lesson folder is a workspace member (its place in the study order),
//!   has a transcript per program, and a README with the sections of its kind;
//! - every ported program has a Python twin, and its README shows the twin and
//!   the Rust source (copies kept equal to the files) and the table of their
//!   declared differences (kept equal to the metadata);
//! - every lesson has at least two exercises, each under its own heading in
//!   the README with its solution shown (a copy kept equal to the patch);
//! - every dependency named in `[workspace.dependencies]` is used by a member;
//! - every README makes a page of the book in both editions: its links lead to
//!   pages or files that exist, every program is on its lesson's page, every
//!   Chinese word a sample prints has a gloss, every item a mapping table
//!   names has a documentation link. (`cargo xtask book --check` then checks
//!   the built HTML, and the translation.)

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use xtask::model::{Course, files_under, workspace_root};
use xtask::readme;

/// Every file under `dir` whose name ends with `ext`, skipping `target/`.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    files_under(dir, ext)
}

fn relative(path: &Path) -> String {
    let root = workspace_root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Fails with every broken rule at once, one per line.
fn assert_none(broken: Vec<String>, rule: &str) {
    assert!(broken.is_empty(), "{rule}:\n  {}", broken.join("\n  "));
}

#[test]
fn every_source_file_opens_with_a_paragraph_on_what_it_shows() {
    let root = workspace_root();
    let mut broken = Vec::new();
    for dir in ["lessons", "shared", "xtask", "tests"] {
        for file in files(&root.join(dir), "rs") {
            let text = fs::read_to_string(&file).unwrap_or_default();
            if !text.starts_with("//!") {
                broken.push(relative(&file));
            }
        }
    }
    assert_none(broken, "these files do not open with a `//!` paragraph");
}

#[test]
fn every_program_starts_with_the_courses_checks() {
    let root = workspace_root();
    let mut broken = Vec::new();
    let lessons = root.join("lessons");
    let mains = files(&lessons, "rs").into_iter().filter(|f| {
        f.ends_with("src/main.rs") || f.parent().is_some_and(|p| p.ends_with("examples"))
    });
    for file in mains {
        let text = fs::read_to_string(&file).unwrap_or_default();
        let Some(at) = text.find("\nfn main(") else {
            broken.push(format!("{}: no `fn main`", relative(&file)));
            continue;
        };
        let body = &text[at + 1..];
        let first = body
            .lines()
            .skip(1)
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("//"));
        let starts = matches!(
            first,
            Some("shared::start();") | Some("shared::process::init();")
        );
        if !starts {
            broken.push(format!(
                "{}: `main` begins with {:?}",
                relative(&file),
                first.unwrap_or("nothing")
            ));
        }
    }
    assert_none(
        broken,
        "these programs' `main` does not begin with `shared::start();` or `shared::process::init();`",
    );
}

/// The `## ` headings a lesson's README must have, by kind: a port of a seed
/// program, or a measurement of the costs chapter.
fn required_sections(chapter: &str) -> &'static [&'static str] {
    if chapter == "costs" {
        &["## What it measures", "## Expected output"]
    } else {
        &[
            "## What the Python",
            "in Rust",
            "## What changed, and why",
            "## Expected output",
        ]
    }
}

#[test]
fn every_lesson_has_its_place_its_transcripts_and_its_readme() {
    let root = workspace_root();
    let course = Course::load(&root).expect("cargo metadata reads the course");
    let mut broken: Vec<String> = course.problems.clone();

    // A lesson folder cargo does not know is missing from the study order.
    let known: BTreeSet<PathBuf> = course
        .lessons
        .iter()
        .map(|l| l.dir.clone())
        .chain(course.libraries.iter().cloned())
        .collect();
    for manifest in files(&root.join("lessons"), "toml") {
        let dir = manifest.parent().expect("a folder").to_path_buf();
        if manifest.ends_with("Cargo.toml") && !known.contains(&dir) {
            broken.push(format!(
                "{} is not in the workspace's `members`, so it has no place in the study order",
                relative(&dir)
            ));
        }
    }

    for lesson in &course.lessons {
        for program in &lesson.programs {
            if !program.transcript.exists() {
                broken.push(format!("{} has no transcript", program.id));
            }
        }
        let readme = lesson.dir.join("README.md");
        let Ok(text) = fs::read_to_string(&readme) else {
            broken.push(format!("{} has no README.md", lesson.name));
            continue;
        };
        for stale in readme::stale_parts(lesson, &text) {
            broken.push(format!(
                "{}'s README: {stale} (`cargo xtask bless {}` rewrites it)",
                lesson.name, lesson.name
            ));
        }
        for program in &lesson.programs {
            if lesson.chapter != "costs" && program.twin.is_none() && program.no_twin.is_none() {
                broken.push(format!(
                    "{} ports {} but has no Python twin, python/{}.py",
                    program.id,
                    program.ports.join(", "),
                    program.target
                ));
                continue;
            }
            if program.twin.is_none() {
                continue;
            }
            let rust = if program.is_example {
                format!("examples/{}.rs", program.target)
            } else {
                "src/main.rs".to_string()
            };
            let python = format!("python/{}.py", program.target);
            for shown in [&python, &rust] {
                if !text.contains(&readme::file_marker(shown)) {
                    broken.push(format!("{}'s README does not show {shown}", lesson.name));
                }
            }
            if !text.contains(&readme::differences_marker(&program.target)) {
                broken.push(format!(
                    "{}'s README has no table of differences for {} (`{}`)",
                    lesson.name,
                    program.target,
                    readme::differences_marker(&program.target)
                ));
            }
        }
        if lesson.exercises.len() < 2 {
            broken.push(format!(
                "{} has {} exercise(s); every lesson has at least two",
                lesson.name,
                lesson.exercises.len()
            ));
        }
        for (i, exercise) in lesson.exercises.iter().enumerate() {
            let n = i + 1;
            let heading = format!("### {n}. {}", exercise.title);
            if !text.lines().any(|l| l == heading) {
                broken.push(format!(
                    "{}'s README has no heading {heading:?}",
                    lesson.name
                ));
            }
            broken.extend(
                exercise_section_problems(&text, n)
                    .into_iter()
                    .map(|p| format!("{}'s exercise {n}: {p}", lesson.name)),
            );
            if !text.contains(&readme::file_marker(&format!("exercises/{n}.patch"))) {
                broken.push(format!(
                    "{}'s README does not show exercise {n}'s solution, exercises/{n}.patch",
                    lesson.name
                ));
            }
        }
        let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
        for section in required_sections(&lesson.chapter) {
            if !headings.iter().any(|h| h.contains(section)) {
                broken.push(format!(
                    "{}'s README has no section with {section:?} in its heading",
                    lesson.name
                ));
            }
        }
    }
    assert_none(broken, "lessons that break the house rules");
}

/// The parts every exercise's section has, in the order a learner meets
/// them: which file is theirs, what to do, what to predict, and then, each
/// folded, the answer to the prediction, a hint, and the solution.
const EXERCISE_PARTS: [&str; 6] = [
    "**Your file:** ",
    "**Do:** ",
    "**Predict first:** ",
    "<details><summary>Check your prediction</summary>",
    xtask::model::exercise::HINT_OPEN,
    "<details><summary>Solution, and why</summary>",
];

/// What is missing or out of order in exercise `n`'s section.
fn exercise_section_problems(readme: &str, n: usize) -> Vec<String> {
    let heading = format!("### {n}. ");
    let Some(start) = readme.lines().position(|l| l.starts_with(&heading)) else {
        return Vec::new(); // reported with the heading
    };
    let section: Vec<&str> = readme
        .lines()
        .skip(start + 1)
        .take_while(|l| !l.starts_with("## ") && !l.starts_with("### "))
        .collect();
    let mut problems = Vec::new();
    let mut last = 0;
    for part in EXERCISE_PARTS {
        let places: Vec<usize> = section
            .iter()
            .enumerate()
            .filter(|(_, l)| l.starts_with(part))
            .map(|(i, _)| i)
            .collect();
        match places.as_slice() {
            [] => problems.push(format!("no {part:?}")),
            [at] if *at < last => problems.push(format!("{part:?} comes too early")),
            [at] => last = *at,
            _ => problems.push(format!("{part:?} more than once")),
        }
    }
    problems
}

#[test]
fn every_workspace_dependency_is_used() {
    let root = workspace_root();
    let manifest = fs::read_to_string(root.join("Cargo.toml")).expect("the workspace manifest");
    let declared: Vec<String> = manifest
        .lines()
        .skip_while(|l| l.trim() != "[workspace.dependencies]")
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| l.split_once('=').map(|(name, _)| name.trim().to_string()))
        .filter(|name| !name.starts_with('#') && !name.is_empty())
        .collect();
    assert!(!declared.is_empty(), "no [workspace.dependencies] found");

    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(&root)
        .output()
        .expect("cargo metadata runs");
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let used: BTreeSet<String> = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|p| p["dependencies"].as_array().into_iter().flatten())
        .filter_map(|d| d["rename"].as_str().or(d["name"].as_str()))
        .map(str::to_string)
        .collect();
    let unused: Vec<String> = declared
        .into_iter()
        .filter(|name| !used.contains(name))
        .collect();
    assert_none(
        unused,
        "declared in [workspace.dependencies] but used by no member",
    );
}

#[test]
fn every_readme_makes_a_page_of_the_book() {
    use xtask::book::page::Edition;
    use xtask::book::source;
    use xtask::book::tools::Tools;

    let root = workspace_root();
    let course = Course::load(&root).expect("the course loads");
    // The tools are only named in book.toml; nothing is built here.
    let tools = Tools {
        mdbook: PathBuf::from("mdbook"),
        gettext: PathBuf::from("mdbook-gettext"),
        xgettext: PathBuf::from("mdbook-xgettext"),
    };
    let temp = tempfile::tempdir().expect("a temporary folder");
    let scratch = temp.path();
    let mut broken = Vec::new();
    for (edition, name) in [(Edition::English, "en"), (Edition::Chinese, "zh-CN")] {
        if let Err(problems) = source::write(
            &course,
            edition,
            &scratch.join(name),
            &tools,
            &root.join("po/zh-CN.po"),
        ) {
            broken.extend(problems.into_iter().map(|p| format!("{name}: {p}")));
        }
    }
    assert_none(broken, "every README makes a page of the book");
}

/// The tooling's layers, lowest first (as `xtask/src/lib.rs` describes them):
/// a module may use only modules of a lower layer, so no two import each other.
const LAYERS: [&[&str]; 7] = [
    &["report", "procs"],
    &["model"],
    &[
        "runner",
        "normalise",
        "readme",
        "build",
        "costs",
        "interpreter",
    ],
    &["check"],
    &["twin", "attempt"],
    &["book"],
    &["commands"],
];

#[test]
fn the_tooling_modules_stand_in_layers() {
    let src = workspace_root().join("xtask/src");
    let layer_of = |name: &str| LAYERS.iter().position(|l| l.contains(&name));
    let uses = regex::Regex::new(r"crate::(\{[^;]*?\}|[a-z_]+)").expect("a valid pattern");
    let names =
        regex::Regex::new(r"(?:^|[{,\s])([a-z_]+)(?:::|\s*[,}]|$)").expect("a valid pattern");
    let mut broken = Vec::new();
    let mut seen = BTreeSet::new();
    for file in files(&src, "rs") {
        let rel = file.strip_prefix(&src).expect("under src");
        let top = rel
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .unwrap_or_default();
        if top == "lib" || top == "main" {
            continue;
        }
        seen.insert(top.clone());
        let Some(mine) = layer_of(&top) else {
            broken.push(format!("xtask/src/{top}: a module in no layer of LAYERS"));
            continue;
        };
        let text = fs::read_to_string(&file).expect("readable");
        // Comments may name any module; code may not.
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for used in uses.captures_iter(&code) {
            let inner = used[1].to_string();
            let inner = inner.trim_start_matches('{');
            for name in names.captures_iter(inner) {
                let name = &name[1];
                if name == top || !LAYERS.iter().any(|l| l.contains(&name)) {
                    continue;
                }
                if layer_of(name).is_some_and(|theirs| theirs >= mine) {
                    broken.push(format!(
                        "{} uses crate::{name}, which is not in a lower layer",
                        relative(&file)
                    ));
                }
            }
        }
    }
    for layer in LAYERS {
        for name in layer {
            if !seen.contains(*name) {
                broken.push(format!(
                    "LAYERS names {name}, which is no module of xtask/src"
                ));
            }
        }
    }
    broken.dedup();
    assert_none(broken, "modules that break the tooling's layers");
}

#[test]
fn contributing_shows_the_placeholders_the_model_defines() {
    let path = workspace_root().join("CONTRIBUTING.md");
    let text = fs::read_to_string(&path).expect("CONTRIBUTING.md");
    let fresh =
        readme::with_placeholder_table(&text).expect("CONTRIBUTING.md has the table's markers");
    assert!(
        fresh == text,
        "CONTRIBUTING.md's table of placeholders is not the one xtask/src/model/placeholder.rs defines: `cargo xtask bless` rewrites it"
    );
}

#[test]
fn the_readmes_progress_list_counts_the_courses_exercises() {
    let root = workspace_root();
    let course = Course::load(&root).expect("the course loads");
    let total: usize = course.lessons.iter().map(|l| l.exercises.len()).sum();
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let count = regex::Regex::new(r"(\d+) of (\d+) passed").expect("a valid pattern");
    let shown: Vec<usize> = count
        .captures_iter(&readme)
        .filter_map(|c| c[2].parse().ok())
        .collect();
    assert!(!shown.is_empty(), "README.md shows no progress list");
    assert!(
        shown.iter().all(|n| *n == total),
        "README.md's progress list counts {shown:?} exercises, but the course has {total}: show a real run of `cargo xtask exercise`"
    );
}
