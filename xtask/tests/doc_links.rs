//! The book's documentation links (`xtask::book::doc_links`), checked
//! against today's lessons: every item a mapping table names has a link,
//! every dictionary entry is needed by some table, and every link's page and
//! anchor exists, offline, in the documentation this machine has: std's from
//! the toolchain (`rustc --print sysroot`), the crates' from `cargo doc`
//! (see `every_documentation_page_exists_locally` for the command). What is
//! not there locally is not checked, and the test says so.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use xtask::book::doc_links::{
    Crates, RUST_VERSION, documentation_line, documentation_line_with, items::ITEMS, local_names,
    mapping_tables, table_items, url,
};
use xtask::model::{Course, files_under, workspace_root};

fn crates() -> Crates {
    Crates::load(&workspace_root()).expect("cargo metadata reads the workspace")
}

/// Every mapping table of the course: `(README, table, the names the
/// lesson's (or chapter's) own sources define)`.
fn tables() -> Vec<(String, String, BTreeSet<String>)> {
    let root = workspace_root();
    let mut tables = Vec::new();
    for readme in files_under(&root.join("lessons"), "md") {
        if !readme.ends_with("README.md") {
            continue;
        }
        let text = fs::read_to_string(&readme).expect("a README");
        let dir = readme.parent().expect("a folder");
        let sources: Vec<String> = files_under(dir, "rs")
            .iter()
            .map(|f| fs::read_to_string(f).expect("a source file"))
            .collect();
        let sources: Vec<&str> = sources.iter().map(String::as_str).collect();
        let names = local_names(&sources);
        let shown = readme.strip_prefix(&root).unwrap_or(&readme).display();
        for range in mapping_tables(&text) {
            tables.push((shown.to_string(), text[range].to_string(), names.clone()));
        }
    }
    tables
}

#[test]
fn every_mapping_table_links_the_items_it_names() {
    let crates = crates();
    let tables = tables();
    // A finder that found nothing would pass everything.
    assert!(
        tables.len() >= 30,
        "only {} mapping tables found",
        tables.len()
    );
    let mut broken = Vec::new();
    let mut linked = 0;
    for (readme, table, names) in &tables {
        match documentation_line(table, names, &crates) {
            Ok(line) => linked += usize::from(line.is_some()),
            Err(errors) => broken.extend(errors.iter().map(|e| format!("{readme}: {e}"))),
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    assert!(
        linked >= 30,
        "only {linked} tables have a documentation line"
    );
}

#[test]
fn every_dictionary_entry_is_needed_by_some_table() {
    let crates = crates();
    let tables = tables();
    let lines = |items: &[(&str, &str)]| -> Vec<_> {
        tables
            .iter()
            .map(|(_, table, names)| documentation_line_with(table, names, &crates, items))
            .collect()
    };
    let all = lines(ITEMS);
    let mut unneeded = Vec::new();
    for (i, (written, path)) in ITEMS.iter().enumerate() {
        let mut fewer = ITEMS.to_vec();
        fewer.remove(i);
        if lines(&fewer) == all {
            unneeded.push(format!("`{written}` ({path})"));
        }
    }
    assert!(
        unneeded.is_empty(),
        "these entries of xtask/src/book/doc_links/items.rs change no table's line, so no table needs them (remove them):\n{}",
        unneeded.join("\n")
    );
}

/// A name with entries in several crates (`JoinHandle`) is chosen by its
/// table, and without one of its entries it would still link, to another
/// crate's page: so every table that uses such a name says here which crate's
/// it must link, and taking an entry away fails too.
#[test]
fn a_name_of_several_crates_is_the_one_its_table_chooses() {
    let chosen = [
        ("lessons/async/gather/README.md", "JoinHandle", "tokio"),
        ("lessons/async/sequential/README.md", "Result", "std"),
        ("lessons/coroutines/spawn/README.md", "JoinHandle", "may"),
        ("lessons/processes/fork/README.md", "Result", "nix"),
        (
            "lessons/processes/pool/README.md",
            "JoinHandle",
            "procspawn",
        ),
        ("lessons/threads/join-daemon/README.md", "JoinHandle", "std"),
        ("lessons/threads/lock/README.md", "Mutex", "std"),
        // Linked once, as `loom::sync::Mutex`: the same page.
        ("lessons/threads/model-check/README.md", "Mutex", "loom"),
        ("lessons/threads/shared-state/README.md", "Mutex", "std"),
        ("lessons/threads/spawn/README.md", "JoinHandle", "std"),
        ("lessons/threads/subclass/README.md", "JoinHandle", "std"),
        ("lessons/threads/sync/README.md", "Mutex", "std"),
        ("lessons/threads/parallel/README.md", "mpsc::channel", "std"),
        (
            "lessons/async/shared-state/README.md",
            "mpsc::channel",
            "tokio",
        ),
    ];
    let crates = crates();
    let crates_of = |item: &str| -> BTreeSet<&str> {
        ITEMS
            .iter()
            .filter(|(written, _)| *written == item)
            .filter_map(|(_, path)| path.split('/').next())
            .collect()
    };
    let mut broken = Vec::new();
    let mut checked = BTreeSet::new();
    for (readme, table, names) in tables() {
        let links: Vec<(String, String)> = documentation_line(&table, &names, &crates)
            .ok()
            .flatten()
            .map(|line| links(&line))
            .unwrap_or_default();
        for item in table_items(&table, &names, &crates) {
            // A row is checked even when its name has one entry left: that
            // is how taking the other away shows.
            let row = chosen.iter().find(|(r, i, _)| *r == readme && *i == item);
            let Some(&(_, _, krate)) = row else {
                if crates_of(&item).len() > 1 {
                    broken.push(format!("{readme}: `{item}` has entries in several crates: say in this test which one the table must link"));
                }
                continue;
            };
            checked.insert((readme.clone(), item.clone()));
            let docs = if krate == "std" {
                format!("https://doc.rust-lang.org/{RUST_VERSION}/std/")
            } else {
                let (package, version) = crates.docs_rs_crate(krate).expect("a crate of the lock");
                format!("https://docs.rs/{package}/{version}/{krate}/")
            };
            let named = |text: &String| *text == item || text.ends_with(&format!("::{item}"));
            let right = links
                .iter()
                .any(|(text, url)| named(text) && url.starts_with(&docs))
                && links
                    .iter()
                    .all(|(text, url)| *text != item || url.starts_with(&docs));
            if !right {
                broken.push(format!(
                    "{readme}: `{item}` should link {krate}'s page, but the links are {links:?}"
                ));
            }
        }
    }
    for (readme, item, _) in chosen {
        if !checked.contains(&(readme.to_string(), item.to_string())) {
            broken.push(format!(
                "{readme} no longer names `{item}` in a mapping table: remove it from this test"
            ));
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// The `(text, url)` of each link of a documentation line.
fn links(line: &str) -> Vec<(String, String)> {
    line.split("[`")
        .skip(1)
        .filter_map(|link| {
            let (text, rest) = link.split_once("`](")?;
            let (url, _) = rest.split_once(')')?;
            Some((text.to_string(), url.to_string()))
        })
        .collect()
}

/// The local file of a dictionary path, and its anchor, if the
/// documentation it belongs to is on this machine.
fn local_page(path: &str, std_html: &Path, crate_docs: &Path) -> Option<(PathBuf, Option<String>)> {
    let (page, anchor) = match path.split_once('#') {
        Some((page, anchor)) => (page, Some(anchor.to_string())),
        None => (path, None),
    };
    let krate = page.split('/').next().unwrap_or_default();
    let base = if krate == "std" { std_html } else { crate_docs };
    base.join(krate).is_dir().then(|| (base.join(page), anchor))
}

/// Run with everything present:
/// `cargo doc --no-deps -p tokio -p may -p ipc-channel -p crossbeam-channel
/// -p procspawn -p loom -p generator -p parking_lot -p nix@0.31.3 -p serde`
/// (and the toolchain's `rust-docs` component for std).
#[test]
fn every_documentation_page_exists_locally() {
    let crates = crates();
    let sysroot = Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let std_html = Path::new(&sysroot).join("share/doc/rust/html");
    let course = Course::load(&workspace_root()).expect("cargo metadata reads the course");
    let crate_docs = course.target_dir.join("doc");
    let (mut checked, mut broken, mut absent) = (0, Vec::new(), BTreeSet::new());
    for (written, path) in ITEMS {
        if let Err(e) = url(path, &crates) {
            broken.push(format!("`{written}`: {e}"));
        }
        let Some((page, anchor)) = local_page(path, &std_html, &crate_docs) else {
            absent.insert(path.split('/').next().unwrap_or_default());
            continue;
        };
        checked += 1;
        let Ok(html) = fs::read_to_string(&page) else {
            broken.push(format!("`{written}`: {} does not exist", page.display()));
            continue;
        };
        if let Some(anchor) = anchor
            && !html.contains(&format!("id=\"{anchor}\""))
        {
            broken.push(format!(
                "`{written}`: {} has no anchor #{anchor}",
                page.display()
            ));
        }
    }
    assert!(
        broken.is_empty(),
        "broken documentation links:\n{}",
        broken.join("\n")
    );
    println!(
        "{checked} of {} entries found in the local documentation; not checked, their documentation not being here: {absent:?}",
        ITEMS.len()
    );
}

#[test]
fn the_std_links_are_for_the_rust_the_course_pins() {
    let manifest = fs::read_to_string(workspace_root().join("Cargo.toml")).expect("Cargo.toml");
    let pinned = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .expect("a rust-version")
        .trim_matches('"');
    assert!(
        RUST_VERSION == pinned || RUST_VERSION.starts_with(&format!("{pinned}.")),
        "the links show std {RUST_VERSION} but the course pins Rust {pinned}"
    );
}
